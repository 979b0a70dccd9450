/* SPDX-License-Identifier: GPL-2.0 */
/*
 * edu_ioctl.h - the edu sample's private request, shared by the miniport and
 * user space (tools/vpshim-video edu-dma). Windows types: include miniport.h
 * and devioctl.h first.
 */
#ifndef _EDU_IOCTL_H_
#define _EDU_IOCTL_H_

/*
 * Copy Length bytes from the user buffer Source to the user buffer
 * Destination through the device's memory, by packet DMA: the miniport locks
 * both buffers and moves them in rounds of at most 4095 bytes, each round to
 * the device and back, each completed by the device's interrupt.
 */
#define IOCTL_EDU_PACKET_DMA \
	CTL_CODE(FILE_DEVICE_VIDEO, 0x800, METHOD_BUFFERED, FILE_ANY_ACCESS)

typedef struct _EDU_PACKET_DMA {
	PVOID Source;
	PVOID Destination;
	ULONG Length;
	ULONG Reserved;
} EDU_PACKET_DMA, *PEDU_PACKET_DMA;

typedef struct _EDU_PACKET_RESULT {
	ULONG Rounds;		/* StartDma/CompleteDma pairs per direction */
	ULONG Elements;		/* scatter/gather elements, both directions */
	ULONG Interrupts;	/* device interrupts taken */
	ULONG Reserved;
} EDU_PACKET_RESULT, *PEDU_PACKET_RESULT;

#endif /* _EDU_IOCTL_H_ */
