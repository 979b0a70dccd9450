// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for vpshim/timer.c: HwTimer once a second, at DISPATCH_LEVEL,
 * until stopped, and never after unbind.
 */

#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/platform_device.h>

#include "vpshim.h"

static atomic_t timer_calls;
static UCHAR timer_irql;
static void *timer_ext;

static VOID timer_test_hw_timer(PVOID ext)
{
	timer_irql = VideoPortGetCurrentIrql();
	timer_ext = ext;
	atomic_inc(&timer_calls);
}

static void *timer_test_attach(struct kunit *test, struct platform_device **pdev, bool hw_timer)
{
	static atomic_t ids = ATOMIC_INIT(0);
	struct vpshim_device *vdev;
	void *ext;

	*pdev = platform_device_register_simple("vpshim-timer-test", atomic_inc_return(&ids),
						NULL, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR_OR_NULL(*pdev));
	ext = vpshim_device_attach(&(*pdev)->dev, 8);
	KUNIT_ASSERT_NOT_NULL(test, ext);
	vdev = vpshim_device_get(ext, __func__, 0);
	KUNIT_ASSERT_NOT_NULL(test, vdev);
	if (hw_timer)
		vdev->hw.HwTimer = timer_test_hw_timer;	/* as VideoPortInitialize would */
	atomic_set(&timer_calls, 0);
	return ext;
}

static void hw_timer_runs_every_second_until_stopped(struct kunit *test)
{
	struct platform_device *pdev;
	void *ext = timer_test_attach(test, &pdev, true);
	int calls;

	VideoPortStartTimer(ext);
	msleep(2500);
	calls = atomic_read(&timer_calls);
	KUNIT_EXPECT_GE(test, calls, 2);
	KUNIT_EXPECT_LE(test, calls, 3);
	KUNIT_EXPECT_EQ(test, timer_irql, (UCHAR)DISPATCH_LEVEL);
	KUNIT_EXPECT_PTR_EQ(test, timer_ext, ext);
	VideoPortStopTimer(ext);
	calls = atomic_read(&timer_calls);
	msleep(1500);
	KUNIT_EXPECT_EQ(test, atomic_read(&timer_calls), calls);
	KUNIT_EXPECT_EQ(test, vpshim_device_detach(ext), 0U);
	platform_device_unregister(pdev);
}

static void unbind_stops_a_running_timer(struct kunit *test)
{
	struct platform_device *pdev;
	void *ext = timer_test_attach(test, &pdev, true);

	VideoPortStartTimer(ext);
	KUNIT_EXPECT_EQ(test, vpshim_device_detach(ext), 0U);
	msleep(1500);
	KUNIT_EXPECT_EQ(test, atomic_read(&timer_calls), 0);
	platform_device_unregister(pdev);
}

static void no_hw_timer_refused(struct kunit *test)
{
	struct platform_device *pdev;
	void *ext = timer_test_attach(test, &pdev, false);

	VideoPortStartTimer(ext);
	VideoPortStopTimer(ext);
	VideoPortStartTimer(NULL);
	msleep(1200);
	KUNIT_EXPECT_EQ(test, atomic_read(&timer_calls), 0);
	KUNIT_EXPECT_EQ(test, vpshim_device_detach(ext), 0U);
	platform_device_unregister(pdev);
}

/*
 * The miniport's code that runs on its own re-arms itself and each other:
 * the DPC queues itself without end (and a child enumeration once), HwTimer
 * queues the DPC and a child enumeration, the enumeration starts the timer
 * and queues the DPC. Unbind in the middle of it must leave nothing to run
 * on a freed device (KASAN would see it); afterwards no counter moves.
 */
static atomic_t chain_dpcs, chain_timers, chain_children;

static VOID chain_dpc(PVOID ext, PVOID context)
{
	if (atomic_inc_return(&chain_dpcs) == 1)
		VideoPortEnumerateChildren(ext, NULL);
	VideoPortQueueDpc(ext, chain_dpc, NULL);
}

static VOID chain_timer(PVOID ext)
{
	atomic_inc(&chain_timers);
	VideoPortQueueDpc(ext, chain_dpc, NULL);
	VideoPortEnumerateChildren(ext, NULL);
}

static VP_STATUS chain_child(PVOID ext, PVIDEO_CHILD_ENUM_INFO info, PVIDEO_CHILD_TYPE type,
			     PUCHAR descriptor, PULONG uid, PULONG unused)
{
	atomic_inc(&chain_children);
	VideoPortStartTimer(ext);
	VideoPortQueueDpc(ext, chain_dpc, NULL);
	return ERROR_NO_MORE_DEVICES;
}

static void rearming_chain_stops_at_unbind(struct kunit *test)
{
	struct platform_device *pdev;
	void *ext = timer_test_attach(test, &pdev, true);
	struct vpshim_device *vdev = vpshim_device_get(ext, __func__, 0);
	int dpcs, timers, children;

	vdev->hw.HwTimer = chain_timer;
	vdev->hw.HwGetVideoChildDescriptor = chain_child;
	atomic_set(&chain_dpcs, 0);
	atomic_set(&chain_timers, 0);
	atomic_set(&chain_children, 0);
	VideoPortStartTimer(ext);
	VideoPortQueueDpc(ext, chain_dpc, NULL);
	/* Long enough for the timer to fire and everything to be re-armed. */
	msleep(1300);
	KUNIT_EXPECT_GT(test, atomic_read(&chain_dpcs), 1);
	KUNIT_EXPECT_GE(test, atomic_read(&chain_timers), 1);
	KUNIT_EXPECT_GE(test, atomic_read(&chain_children), 2);
	KUNIT_EXPECT_EQ(test, vpshim_device_detach(ext), 0U);
	dpcs = atomic_read(&chain_dpcs);
	timers = atomic_read(&chain_timers);
	children = atomic_read(&chain_children);
	msleep(1500);
	KUNIT_EXPECT_EQ(test, atomic_read(&chain_dpcs), dpcs);
	KUNIT_EXPECT_EQ(test, atomic_read(&chain_timers), timers);
	KUNIT_EXPECT_EQ(test, atomic_read(&chain_children), children);
	platform_device_unregister(pdev);
}

static struct kunit_case vpshim_timer_cases[] = {
	KUNIT_CASE(hw_timer_runs_every_second_until_stopped),
	KUNIT_CASE(unbind_stops_a_running_timer),
	KUNIT_CASE(no_hw_timer_refused),
	KUNIT_CASE(rearming_chain_stops_at_unbind),
	{}
};

static struct kunit_suite vpshim_timer_suite = {
	.name = "vpshim_timer",
	.test_cases = vpshim_timer_cases,
};

kunit_test_suite(vpshim_timer_suite);
