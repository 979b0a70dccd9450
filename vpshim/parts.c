// SPDX-License-Identifier: GPL-2.0
/*
 * parts.c - every area's state in a device, and its setup and teardown.
 *
 * Each area of the VideoPort layer (parts.h lists them) declares the struct
 * of its per-device state and its hooks in a struct vpshim_part in its own
 * file. At module load this file lays the states out one after the other
 * behind struct vpshim_device, so a device is one allocation and an area
 * finds its state at a fixed offset; device.c runs the hooks in table
 * order for setup and in reverse for teardown, and knows no area by name.
 */

#include <linux/align.h>

#include "vpshim.h"
#include "parts.h"

/* Setup order; teardown runs backwards (parts.h says why each is where). */
static struct vpshim_part *const vpshim_parts[] = {
	&vpshim_debugfs_part,
	&vpshim_registry_part,
	&vpshim_sync_part,
	&vpshim_pool_part,
	&vpshim_maps_part,
	&vpshim_busdata_part,
	&vpshim_packet_part,
	&vpshim_dma_part,
	&vpshim_irq_part,
	&vpshim_timer_part,
	&vpshim_power_part,
	&vpshim_int10_part,
	&vpshim_requests_part,
};

static size_t vpshim_parts_total;

/** vpshim_parts_layout() - place every area's state; called once at load */
void vpshim_parts_layout(void)
{
	size_t off = 0;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(vpshim_parts); i++) {
		struct vpshim_part *part = vpshim_parts[i];

		off = ALIGN(off, part->align);
		part->offset = off;
		off += part->size;
	}
	vpshim_parts_total = off;
}

/**
 * vpshim_parts_size() - the bytes every area's state takes in a device
 *
 * Return: what to allocate behind struct vpshim_device.
 */
size_t vpshim_parts_size(void)
{
	return vpshim_parts_total;
}
EXPORT_SYMBOL_IF_VPSHIM_KUNIT(vpshim_parts_size);

/**
 * vpshim_part_nth() - the area at place @i of the table
 * @i: 0 for the first set up
 *
 * Return: the area, or NULL past the end.
 */
const struct vpshim_part *vpshim_part_nth(unsigned int i)
{
	return i < ARRAY_SIZE(vpshim_parts) ? vpshim_parts[i] : NULL;
}
EXPORT_SYMBOL_IF_VPSHIM_KUNIT(vpshim_part_nth);

/* Release the areas before @n, newest first (a failed create). */
static unsigned int vpshim_parts_release_from(struct vpshim_device *vdev, unsigned int n)
{
	unsigned int leaked = 0;

	while (n--)
		if (vpshim_parts[n]->release)
			leaked += vpshim_parts[n]->release(vdev);
	return leaked;
}

static void vpshim_parts_undo_init(struct vpshim_device *vdev, unsigned int n)
{
	vpshim_parts_release_from(vdev, n);
}

/* Unbind the areas before @n, newest first. */
static void vpshim_parts_unbind_from(struct vpshim_device *vdev, unsigned int n)
{
	while (n--)
		if (vpshim_parts[n]->unbind)
			vpshim_parts[n]->unbind(vdev);
}

/*
 * Run the init hooks (or, @bind, the bind hooks) of every area in table
 * order; when one fails, @undo takes back the areas before it.
 */
static int vpshim_parts_setup(struct vpshim_device *vdev, bool bind, const char *what,
			      void (*undo)(struct vpshim_device *vdev, unsigned int n))
{
	int (*fn)(struct vpshim_device *vdev);
	unsigned int i;
	int err;

	for (i = 0; i < ARRAY_SIZE(vpshim_parts); i++) {
		fn = bind ? vpshim_parts[i]->bind : vpshim_parts[i]->init;
		if (!fn)
			continue;
		err = fn(vdev);
		if (err) {
			dev_err(vdev->dev, "vpshim: cannot %s %s: %pe\n", what,
				vpshim_parts[i]->name, ERR_PTR(err));
			undo(vdev, i);
			return err;
		}
	}
	return 0;
}

/**
 * vpshim_parts_init() - set up every area of a new device, in table order
 * @vdev: the device, its state zeroed
 *
 * Return: 0, or the first area's error (the areas set up are released).
 */
int vpshim_parts_init(struct vpshim_device *vdev)
{
	return vpshim_parts_setup(vdev, false, "set up", vpshim_parts_undo_init);
}

/**
 * vpshim_parts_bind() - publish a PCI device's areas once HwInitialize ran
 * @vdev: the device
 *
 * Return: 0, or the first area's error (the areas bound are unbound).
 */
int vpshim_parts_bind(struct vpshim_device *vdev)
{
	return vpshim_parts_setup(vdev, true, "publish", vpshim_parts_unbind_from);
}

/**
 * vpshim_parts_unbind() - undo vpshim_parts_bind()
 * @vdev: the device
 */
void vpshim_parts_unbind(struct vpshim_device *vdev)
{
	vpshim_parts_unbind_from(vdev, ARRAY_SIZE(vpshim_parts));
}

/**
 * vpshim_parts_dying() - the device is unbinding: every wait ends now
 * @vdev: the device, its dying flag set
 */
void vpshim_parts_dying(struct vpshim_device *vdev)
{
	unsigned int i = ARRAY_SIZE(vpshim_parts);

	while (i--)
		if (vpshim_parts[i]->dying)
			vpshim_parts[i]->dying(vdev);
}

/**
 * vpshim_parts_stop() - stop what each area runs on its own, newest first
 * @vdev: the device, dying: nothing re-arms
 */
void vpshim_parts_stop(struct vpshim_device *vdev)
{
	unsigned int i = ARRAY_SIZE(vpshim_parts);

	while (i--)
		if (vpshim_parts[i]->stop)
			vpshim_parts[i]->stop(vdev);
}

/**
 * vpshim_parts_release() - free what every area still holds, newest first
 * @vdev: the device, stopped and no longer found by its extension
 *
 * Return: the number of resources the miniport leaked.
 */
unsigned int vpshim_parts_release(struct vpshim_device *vdev)
{
	return vpshim_parts_release_from(vdev, ARRAY_SIZE(vpshim_parts));
}
