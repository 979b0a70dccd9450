/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmap_ioctl.h - the private request the kmap miniport shares with its
 * display driver (and, here, with kmap_user.c, which stands in for it).
 *
 * IOCTL_KMAP_READ_FRAME_BUFFER reads bytes of the frame buffer through the
 * system-space mapping the miniport made for IOCTL_VIDEO_MAP_VIDEO_MEMORY.
 * Input: KMAP_READ_FRAME_BUFFER. Output: Length bytes.
 */
#ifndef _KMAP_IOCTL_H_
#define _KMAP_IOCTL_H_

#include "devioctl.h"

/* Function codes from 0x800 on are the vendor's own. */
#define IOCTL_KMAP_READ_FRAME_BUFFER \
	CTL_CODE(FILE_DEVICE_VIDEO, 0x801, METHOD_BUFFERED, FILE_ANY_ACCESS)

typedef struct _KMAP_READ_FRAME_BUFFER {
	ULONG Offset;		/* from the start of the mapped frame buffer */
	ULONG Length;		/* bytes, at most KMAP_READ_MAX */
} KMAP_READ_FRAME_BUFFER, *PKMAP_READ_FRAME_BUFFER;

#define KMAP_READ_MAX	4096

#endif /* _KMAP_IOCTL_H_ */
