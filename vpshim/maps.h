/* SPDX-License-Identifier: GPL-2.0 */
/*
 * maps.h - the mapping area's state in each device, kept by resources.c
 * (ranges claimed, kernel-space mappings) and mapmem.c (process mappings,
 * which are made of the kernel-space ones). Its lists are under vdev->lock.
 */
#ifndef _VPSHIM_MAPS_H_
#define _VPSHIM_MAPS_H_

#include "vpshim.h"
#include "parts.h"

struct vpshim_maps {
	struct list_head mappings;	/* struct vpshim_mapping */
	struct list_head claims;	/* struct vpshim_claim */
	struct list_head user_maps;	/* struct vpshim_user_map */
	bool regions_claimed;		/* the BARs, by pci_request_regions() */
};

static inline struct vpshim_maps *vpshim_maps_of(struct vpshim_device *vdev)
{
	return vpshim_part_state(vdev, &vpshim_maps_part);
}

#endif /* _VPSHIM_MAPS_H_ */
