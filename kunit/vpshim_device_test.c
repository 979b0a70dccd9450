// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for vpshim/device.c: the HwDeviceExtension -> device table,
 * attach/detach, the PASSIVE_LEVEL check and the status conversions.
 */

#include <kunit/test.h>
#include <linux/platform_device.h>
#include <linux/slab.h>

#include "vpshim.h"

struct status_case {
	int err;
	VP_STATUS status;
};

static const struct status_case status_cases[] = {
	{ 0, NO_ERROR },
	{ -ENOMEM, ERROR_NOT_ENOUGH_MEMORY },
	{ -ENODEV, ERROR_DEV_NOT_EXIST },
	{ -EINVAL, ERROR_INVALID_PARAMETER },
	{ -EBUSY, ERROR_BUSY },
	{ -ETIMEDOUT, WAIT_TIMEOUT },
	{ -EOVERFLOW, ERROR_MORE_DATA },
};

static void status_case_desc(const struct status_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%d <-> %d", c->err, c->status);
}

KUNIT_ARRAY_PARAM(status, status_cases, status_case_desc);

static void status_conversion_round_trips(struct kunit *test)
{
	const struct status_case *c = test->param_value;

	KUNIT_EXPECT_EQ(test, vpshim_errno_to_status(c->err), c->status);
	KUNIT_EXPECT_EQ(test, vpshim_status_to_errno(c->status), c->err);
}

static void unknown_codes_map_to_generic_failures(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, vpshim_errno_to_status(-EPIPE), (VP_STATUS)ERROR_INVALID_FUNCTION);
	KUNIT_EXPECT_EQ(test, vpshim_status_to_errno(ERROR_INVALID_FUNCTION), -EIO);
	KUNIT_EXPECT_EQ(test, vpshim_status_to_errno(12345), -EIO);
}

static struct platform_device *device_test_pdev(struct kunit *test)
{
	static atomic_t ids = ATOMIC_INIT(0);
	struct platform_device *pdev;

	pdev = platform_device_register_simple("vpshim-device-test", atomic_inc_return(&ids),
					       NULL, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR_OR_NULL(pdev));
	return pdev;
}

static void attach_gives_zeroed_extension_of_the_size(struct kunit *test)
{
	struct platform_device *pdev = device_test_pdev(test);
	struct vpshim_device *vdev;
	u8 *ext;

	ext = vpshim_device_attach(&pdev->dev, 300);
	KUNIT_ASSERT_NOT_NULL(test, ext);
	KUNIT_EXPECT_NULL(test, memchr_inv(ext, 0, 300));
	memset(ext, 0xff, 300);		/* all of it is the miniport's (KASAN) */
	vdev = vpshim_device_get(ext, __func__, _RET_IP_);
	KUNIT_ASSERT_NOT_NULL(test, vdev);
	KUNIT_EXPECT_PTR_EQ(test, vdev->dev, &pdev->dev);
	KUNIT_EXPECT_PTR_EQ(test, vdev->ext, (void *)ext);
	KUNIT_EXPECT_NULL(test, vdev->pdev);
	KUNIT_EXPECT_EQ(test, vpshim_device_detach(ext), 0U);
	platform_device_unregister(pdev);
}

static void zero_sized_extension_is_still_unique(struct kunit *test)
{
	struct platform_device *pdev = device_test_pdev(test);
	void *a, *b;

	a = vpshim_device_attach(&pdev->dev, 0);
	b = vpshim_device_attach(&pdev->dev, 0);
	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_EXPECT_PTR_NE(test, a, b);
	KUNIT_EXPECT_PTR_NE(test, vpshim_device_get(a, __func__, 0),
			    vpshim_device_get(b, __func__, 0));
	vpshim_device_detach(a);
	vpshim_device_detach(b);
	platform_device_unregister(pdev);
}

static void unknown_extensions_are_refused(struct kunit *test)
{
	struct platform_device *pdev = device_test_pdev(test);
	void *foreign, *stale;

	foreign = kunit_kzalloc(test, 32, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, foreign);
	KUNIT_EXPECT_NULL(test, vpshim_device_get(NULL, __func__, 0));
	KUNIT_EXPECT_NULL(test, vpshim_device_get(foreign, __func__, 0));

	stale = vpshim_device_attach(&pdev->dev, 16);
	KUNIT_ASSERT_NOT_NULL(test, stale);
	KUNIT_EXPECT_EQ(test, vpshim_device_detach(stale), 0U);
	/* Freed memory is only compared, never read: KASAN stays quiet. */
	KUNIT_EXPECT_NULL(test, vpshim_device_get(stale, __func__, 0));
	KUNIT_EXPECT_EQ(test, vpshim_device_detach(stale), 0U);
	KUNIT_EXPECT_EQ(test, vpshim_device_detach(foreign), 0U);
	KUNIT_EXPECT_NULL(test, vpshim_device_attach(NULL, 16));
	platform_device_unregister(pdev);
}

static void passive_check_follows_context(struct kunit *test)
{
	struct platform_device *pdev = device_test_pdev(test);
	struct vpshim_device *vdev;
	unsigned long flags;
	bool in_irq_off;
	void *ext;

	ext = vpshim_device_attach(&pdev->dev, 8);
	KUNIT_ASSERT_NOT_NULL(test, ext);
	vdev = vpshim_device_get(ext, __func__, 0);
	KUNIT_ASSERT_NOT_NULL(test, vdev);
	KUNIT_EXPECT_TRUE(test, vpshim_check_passive(vdev, __func__, 0));
	local_irq_save(flags);
	in_irq_off = vpshim_check_passive(vdev, __func__, 0);
	local_irq_restore(flags);
	KUNIT_EXPECT_FALSE(test, in_irq_off);
	if (IS_ENABLED(CONFIG_PREEMPT_COUNT)) {
		preempt_disable();
		in_irq_off = vpshim_check_passive(vdev, __func__, 0);
		preempt_enable();
		KUNIT_EXPECT_FALSE(test, in_irq_off);
	}
	vpshim_device_detach(ext);
	platform_device_unregister(pdev);
}

static struct kunit_case vpshim_device_cases[] = {
	KUNIT_CASE_PARAM(status_conversion_round_trips, status_gen_params),
	KUNIT_CASE(unknown_codes_map_to_generic_failures),
	KUNIT_CASE(attach_gives_zeroed_extension_of_the_size),
	KUNIT_CASE(zero_sized_extension_is_still_unique),
	KUNIT_CASE(unknown_extensions_are_refused),
	KUNIT_CASE(passive_check_follows_context),
	{}
};

static struct kunit_suite vpshim_device_suite = {
	.name = "vpshim_device",
	.test_cases = vpshim_device_cases,
};

kunit_test_suite(vpshim_device_suite);
