// SPDX-License-Identifier: GPL-2.0
/*
 * areas.c - companions that attach to every bound adapter.
 *
 * An area (the DRM display bridge, say) is a part of vpshim that needs each
 * adapter a miniport drives once the miniport has initialised it, and must
 * let go before the adapter unbinds. It registers a struct vpshim_area with
 * vpshim_area_register(): its add() runs for every adapter already bound and
 * for each one bound later, its remove() before that adapter's teardown (or
 * when the area unregisters), and its suspend(), resume() and shutdown()
 * around the miniport's own power handling. An area keeps its per-adapter
 * state itself; nothing in struct vpshim_device or in another area's file
 * changes when an area is added.
 */

#include <linux/list.h>
#include <linux/mutex.h>

#include "vpshim.h"

/* Registered areas, and the adapters a miniport has bound. */
static DEFINE_MUTEX(vpshim_areas_lock);
static LIST_HEAD(vpshim_areas);
static LIST_HEAD(vpshim_bound);

static void vpshim_area_add_one(struct vpshim_area *area, struct vpshim_device *vdev)
{
	int err = area->add(vdev);

	if (err)
		dev_warn(vdev->dev, "vpshim: %s does not attach: %pe\n", area->name, ERR_PTR(err));
}

/**
 * vpshim_area_register() - attach an area to every bound adapter, now and later
 * @area: the area; its ops stay valid until vpshim_area_unregister()
 *
 * Return: 0.
 */
int vpshim_area_register(struct vpshim_area *area)
{
	struct vpshim_device *vdev;

	mutex_lock(&vpshim_areas_lock);
	list_add_tail(&area->node, &vpshim_areas);
	list_for_each_entry(vdev, &vpshim_bound, bound_node)
		vpshim_area_add_one(area, vdev);
	mutex_unlock(&vpshim_areas_lock);
	return 0;
}
EXPORT_SYMBOL_VPSHIM(vpshim_area_register);

/**
 * vpshim_area_unregister() - detach an area from every adapter
 * @area: a registered area
 */
void vpshim_area_unregister(struct vpshim_area *area)
{
	struct vpshim_device *vdev;

	mutex_lock(&vpshim_areas_lock);
	list_for_each_entry(vdev, &vpshim_bound, bound_node)
		area->remove(vdev);
	list_del(&area->node);
	mutex_unlock(&vpshim_areas_lock);
}
EXPORT_SYMBOL_VPSHIM(vpshim_area_unregister);

/**
 * vpshim_areas_bind() - an adapter is ready: attach every area to it
 * @vdev: the device, HwInitialize done, children and request device there
 */
void vpshim_areas_bind(struct vpshim_device *vdev)
{
	struct vpshim_area *area;

	mutex_lock(&vpshim_areas_lock);
	list_add_tail(&vdev->bound_node, &vpshim_bound);
	list_for_each_entry(area, &vpshim_areas, node)
		vpshim_area_add_one(area, vdev);
	mutex_unlock(&vpshim_areas_lock);
}

/**
 * vpshim_areas_unbind() - an adapter is going: detach every area, last first
 * @vdev: the device, still whole
 */
void vpshim_areas_unbind(struct vpshim_device *vdev)
{
	struct vpshim_area *area;

	mutex_lock(&vpshim_areas_lock);
	if (!list_empty(&vdev->bound_node)) {
		list_for_each_entry_reverse(area, &vpshim_areas, node)
			area->remove(vdev);
		list_del_init(&vdev->bound_node);
	}
	mutex_unlock(&vpshim_areas_lock);
}

/**
 * vpshim_areas_power() - tell the areas about a power transition
 * @vdev: the device
 * @event: VPSHIM_AREA_SUSPEND (before the miniport powers down),
 *	VPSHIM_AREA_RESUME (after it powered up) or VPSHIM_AREA_SHUTDOWN
 *	(before HwResetHw)
 *
 * Return: 0, or the first error of a suspend (which then fails).
 */
int vpshim_areas_power(struct vpshim_device *vdev, enum vpshim_area_event event)
{
	struct vpshim_area *area;
	int err = 0;

	mutex_lock(&vpshim_areas_lock);
	if (list_empty(&vdev->bound_node))
		goto out;
	list_for_each_entry(area, &vpshim_areas, node) {
		if (!area->power)
			continue;
		err = area->power(vdev, event);
		if (err && event == VPSHIM_AREA_SUSPEND)
			break;
		err = 0;
	}
out:
	mutex_unlock(&vpshim_areas_lock);
	return err;
}
