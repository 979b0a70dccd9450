// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for vpshim/services.c and vpshim/busdata.c: time, version,
 * memory helpers, stalls, and bus data on a device that is not PCI.
 */

#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/platform_device.h>
#include <linux/timekeeping.h>

#include "vpshim.h"

static void system_time_is_windows_time(struct kunit *test)
{
	LARGE_INTEGER t;
	s64 unix_ns;

	VideoPortQuerySystemTime(&t);
	unix_ns = ktime_get_real_ns();
	/* Back to Unix time: within a second of the kernel's clock. */
	KUNIT_EXPECT_LT(test, abs(((t.QuadPart - 116444736000000000LL) * 100) - unix_ns),
			(s64)NSEC_PER_SEC);
	VideoPortQuerySystemTime(NULL);	/* tolerated */
}

static void performance_counter_counts_nanoseconds(struct kunit *test)
{
	LONGLONG freq = 0, a, b;

	a = VideoPortQueryPerformanceCounter(NULL, &freq);
	usleep_range(2000, 3000);	/* not a stall: UML calibrates udelay loosely */
	b = VideoPortQueryPerformanceCounter(NULL, NULL);
	KUNIT_EXPECT_EQ(test, freq, 1000000000LL);
	KUNIT_EXPECT_GE(test, b - a, 2000LL * 1000);
	KUNIT_EXPECT_LT(test, b - a, 1000LL * 1000 * 1000);
}

static void version_checks_size(struct kunit *test)
{
	VPOSVERSIONINFO v = { .Size = sizeof(v) };

	KUNIT_EXPECT_EQ(test, VideoPortGetVersion(NULL, &v), NO_ERROR);
	KUNIT_EXPECT_EQ(test, v.MajorVersion, 5U);
	KUNIT_EXPECT_EQ(test, v.MinorVersion, 1U);
	KUNIT_EXPECT_EQ(test, v.BuildNumber, 2600U);
	v.Size = sizeof(v) - 4;
	KUNIT_EXPECT_EQ(test, VideoPortGetVersion(NULL, &v), (VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, VideoPortGetVersion(NULL, NULL), (VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_FALSE(test, VideoPortIsNoVesa());
}

static void memory_helpers(struct kunit *test)
{
	u8 a[16] = "0123456789abcdef", b[16];

	memcpy(b, a, 16);
	KUNIT_EXPECT_EQ(test, VideoPortCompareMemory(a, b, 16), 16U);
	b[9] = 'x';
	KUNIT_EXPECT_EQ(test, VideoPortCompareMemory(a, b, 16), 9U);
	KUNIT_EXPECT_EQ(test, VideoPortCompareMemory(a, b, 0), 0U);
	VideoPortMoveMemory(a + 2, a, 8);		/* overlapping */
	KUNIT_EXPECT_EQ(test, memcmp(a, "0101234567abcdef", 16), 0);
	VideoPortZeroMemory(a + 4, 4);
	KUNIT_EXPECT_EQ(test, memcmp(a, "0101", 4), 0);
	KUNIT_EXPECT_NULL(test, memchr_inv(a + 4, 0, 4));
	KUNIT_EXPECT_EQ(test, memcmp(a + 8, "67abcdef", 8), 0);
}

static void bus_data_needs_pci(struct kunit *test)
{
	struct platform_device *pdev;
	u8 buf[4] = { 0xee };
	void *ext;

	pdev = platform_device_register_simple("vpshim-svc-test", 1, NULL, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR_OR_NULL(pdev));
	ext = vpshim_device_attach(&pdev->dev, 8);
	KUNIT_ASSERT_NOT_NULL(test, ext);
	KUNIT_EXPECT_EQ(test, VideoPortGetBusData(ext, PCIConfiguration, 0, buf, 0, 4), 0U);
	KUNIT_EXPECT_EQ(test, VideoPortSetBusData(ext, PCIConfiguration, 0, buf, 0, 4), 0U);
	KUNIT_EXPECT_EQ(test, VideoPortGetBusData(ext, Cmos, 0, buf, 0, 4), 0U);
	KUNIT_EXPECT_EQ(test, VideoPortGetBusData(NULL, PCIConfiguration, 0, buf, 0, 4), 0U);
	KUNIT_EXPECT_EQ(test, buf[0], 0xee);
	KUNIT_EXPECT_EQ(test, vpshim_device_detach(ext), 0U);
	platform_device_unregister(pdev);
}

static struct kunit_case vpshim_services_cases[] = {
	KUNIT_CASE(system_time_is_windows_time),
	KUNIT_CASE(performance_counter_counts_nanoseconds),
	KUNIT_CASE(version_checks_size),
	KUNIT_CASE(memory_helpers),
	KUNIT_CASE(bus_data_needs_pci),
	{}
};

static struct kunit_suite vpshim_services_suite = {
	.name = "vpshim_services",
	.test_cases = vpshim_services_cases,
};

kunit_test_suite(vpshim_services_suite);
