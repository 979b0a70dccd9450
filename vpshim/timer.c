// SPDX-License-Identifier: GPL-2.0
/*
 * timer.c - HwTimer, VideoPortStartTimer/StopTimer, and time.
 *
 * HwTimer runs about once a second from a timer_list, in softirq context:
 * atomic, as at DISPATCH_LEVEL on Windows.
 */

#include <linux/jiffies.h>
#include <linux/timer.h>

#include "vpshim.h"
#include "parts.h"

/* The timer area's state in each device. */
struct vpshim_timer {
	struct vpshim_device *vdev;
	struct timer_list timer;	/* HwTimer's */
	bool timer_on;
};

static struct vpshim_timer *timer_of(struct vpshim_device *vdev)
{
	return vpshim_part_state(vdev, &vpshim_timer_part);
}

/* (Re)arm the timer if it is on, unless the device is unbinding. */
static void vpshim_timer_arm(struct vpshim_device *vdev)
{
	unsigned long flags;

	if (vpshim_arm_lock(vdev, &flags) && READ_ONCE(timer_of(vdev)->timer_on))
		mod_timer(&timer_of(vdev)->timer, jiffies + HZ);
	vpshim_arm_unlock(vdev, flags);
}

static void vpshim_timer_fire(struct timer_list *t)
{
	struct vpshim_timer *vt = timer_container_of(vt, t, timer);
	struct vpshim_device *vdev = vt->vdev;

	vdev->hw.HwTimer(vdev->ext);
	vpshim_timer_arm(vdev);
}

/* The device behind @ext if it has an HwTimer; NULL (reported) if not. */
static struct vpshim_device *vpshim_timer_device(PVOID ext, const char *func,
						 unsigned long caller)
{
	struct vpshim_device *vdev = vpshim_device_get(ext, func, caller);

	if (vdev && !vdev->hw.HwTimer) {
		vpshim_misuse(vdev, func, caller, "the miniport has no HwTimer");
		return NULL;
	}
	return vdev;
}

/**
 * VideoPortStartTimer() - start calling HwTimer once a second
 * @HwDeviceExtension: the miniport's device extension
 *
 * Windows: starts the device's one-second timer. Linux: a timer_list that
 * re-arms itself every HZ jiffies; HwTimer runs in softirq context. Refused
 * with a message when the miniport has no HwTimer; ignored while the device
 * unbinds.
 */
void VideoPortStartTimer(PVOID HwDeviceExtension)
{
	struct vpshim_device *vdev;

	vdev = vpshim_timer_device(HwDeviceExtension, __func__, _RET_IP_);
	if (!vdev)
		return;
	WRITE_ONCE(timer_of(vdev)->timer_on, true);
	vpshim_timer_arm(vdev);
}
EXPORT_SYMBOL_VPSHIM(VideoPortStartTimer);

/**
 * VideoPortStopTimer() - stop calling HwTimer
 * @HwDeviceExtension: the miniport's device extension
 *
 * Windows: stops the device's timer. Linux: timer_delete_sync() at
 * PASSIVE_LEVEL, so HwTimer is not running when it returns; in atomic
 * context (HwTimer must not call it, but a DPC may) the timer is only
 * told not to re-arm.
 */
void VideoPortStopTimer(PVOID HwDeviceExtension)
{
	struct vpshim_device *vdev;

	vdev = vpshim_timer_device(HwDeviceExtension, __func__, _RET_IP_);
	if (!vdev)
		return;
	WRITE_ONCE(timer_of(vdev)->timer_on, false);
	if (vpshim_in_atomic())
		timer_delete(&timer_of(vdev)->timer);
	else
		timer_delete_sync(&timer_of(vdev)->timer);
}
EXPORT_SYMBOL_VPSHIM(VideoPortStopTimer);

/* Part init: the HwTimer timer, not armed. */
static int vpshim_timer_init(struct vpshim_device *vdev)
{
	timer_of(vdev)->vdev = vdev;
	timer_setup(&timer_of(vdev)->timer, vpshim_timer_fire, 0);
	return 0;
}

/* Part stop: HwTimer is not called again (nothing can arm the timer any more). */
static void vpshim_timer_stop(struct vpshim_device *vdev)
{
	WRITE_ONCE(timer_of(vdev)->timer_on, false);
	timer_delete_sync(&timer_of(vdev)->timer);
}

VPSHIM_PART(timer, struct vpshim_timer,
	    .init = vpshim_timer_init,
	    .stop = vpshim_timer_stop);
