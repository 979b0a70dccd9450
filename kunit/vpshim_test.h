/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vpshim_test.h - what the KUnit suites share: a platform device with a
 * vpshim device extension, made for one case and checked for leaks after.
 */
#ifndef _VPSHIM_KUNIT_TEST_H_
#define _VPSHIM_KUNIT_TEST_H_

#include <kunit/test.h>
#include <linux/platform_device.h>

#include "vpshim.h"

struct vpshim_test_device {
	struct platform_device *pdev;
	void *ext;
};

/* Register "@name.N" and attach an extension of @ext_size bytes. */
static inline void vpshim_test_device_add(struct kunit *test, struct vpshim_test_device *d,
					  const char *name, size_t ext_size)
{
	static atomic_t ids = ATOMIC_INIT(0);

	d->pdev = platform_device_register_simple(name, atomic_inc_return(&ids), NULL, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR_OR_NULL(d->pdev));
	d->ext = vpshim_device_attach(&d->pdev->dev, ext_size);
	KUNIT_ASSERT_NOT_NULL(test, d->ext);
}

/* Detach (unless the case did) expecting nothing leaked, then unregister. */
static inline void vpshim_test_device_remove(struct kunit *test, struct vpshim_test_device *d)
{
	if (d->ext)
		KUNIT_EXPECT_EQ_MSG(test, vpshim_device_detach(d->ext), 0U,
				    "the case left resources behind");
	if (!IS_ERR_OR_NULL(d->pdev))
		platform_device_unregister(d->pdev);
}

#endif /* _VPSHIM_KUNIT_TEST_H_ */
