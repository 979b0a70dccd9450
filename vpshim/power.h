/* SPDX-License-Identifier: GPL-2.0 */
/*
 * power.h - the power area's state in each device (power.c): the children
 * HwGetVideoChildDescriptor reported and whether the adapter is powered
 * down. Requests read the latter; the display bridge reads the children
 * through vpshim_children_visit().
 */
#ifndef _VPSHIM_POWER_H_
#define _VPSHIM_POWER_H_

#include "vpshim.h"
#include "parts.h"

struct vpshim_power {
	struct vpshim_device *vdev;
	struct mutex child_lock;	/* children, nr_children */
	struct work_struct child_work;	/* VideoPortEnumerateChildren's */
	struct vpshim_child *children;	/* array of nr_children */
	unsigned int nr_children;
	bool suspended;
};

static inline struct vpshim_power *vpshim_power_of(struct vpshim_device *vdev)
{
	return vpshim_part_state(vdev, &vpshim_power_part);
}

#endif /* _VPSHIM_POWER_H_ */
