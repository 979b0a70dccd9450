/* SPDX-License-Identifier: GPL-2.0 */
/*
 * packetdma.h - the packet-DMA area's state in each device (packetdma.c):
 * the buffers a miniport locked and the contiguous memory it allocated.
 */
#ifndef _VPSHIM_PACKETDMA_H_
#define _VPSHIM_PACKETDMA_H_

#include "vpshim.h"
#include "parts.h"

struct vpshim_packet {
	spinlock_t lock;		/* mdls, contiguous */
	struct list_head mdls;
	struct list_head contiguous;
};

static inline struct vpshim_packet *vpshim_packet_of(struct vpshim_device *vdev)
{
	return vpshim_part_state(vdev, &vpshim_packet_part);
}

#endif /* _VPSHIM_PACKETDMA_H_ */
