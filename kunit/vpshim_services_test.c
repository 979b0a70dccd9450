// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for vpshim/services.c and vpshim/busdata.c: time, version,
 * memory helpers, stalls, and bus data on a device that is not PCI.
 */

#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/platform_device.h>
#include <linux/timekeeping.h>

#include "vpshim_test.h"

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

/*
 * A documented failure is told once per device: the first call of each
 * device logs, later ones of the same device do not, and every service
 * type counts apart.
 */
static void documented_failures_told_once_per_device(struct kunit *test)
{
	struct vpshim_test_device a, b;
	struct vpshim_device *va, *vb;
	VIDEO_PORT_AGP_SERVICES agp;
	bool first, again, other, svc_agp, svc_dbg;

	vpshim_test_device_add(test, &a, "vpshim-svc-told", 8);
	vpshim_test_device_add(test, &b, "vpshim-svc-told", 8);
	va = vpshim_device_get(a.ext, __func__, 0);
	vb = vpshim_device_get(b.ext, __func__, 0);
	/* The export itself tells device a, so a's next question is "again". */
	KUNIT_EXPECT_FALSE(test, VideoPortGetAgpServices(a.ext, &agp));
	first = vpshim_tell_once(vb, VPSHIM_TOLD_AGP);
	again = vpshim_tell_once(va, VPSHIM_TOLD_AGP);
	other = vpshim_tell_once(vb, VPSHIM_TOLD_AGP);
	svc_agp = vpshim_tell_once(va, VPSHIM_TOLD_SERVICE + VideoPortServicesAGP);
	svc_dbg = vpshim_tell_once(va, VPSHIM_TOLD_SERVICE + VideoPortServicesDebugReport);
	KUNIT_EXPECT_TRUE(test, first);
	KUNIT_EXPECT_FALSE(test, again);
	KUNIT_EXPECT_FALSE(test, other);
	KUNIT_EXPECT_TRUE(test, svc_agp);
	KUNIT_EXPECT_TRUE(test, svc_dbg);
	/* Out of range: never logged, never written past the bitmap. */
	KUNIT_EXPECT_FALSE(test, vpshim_tell_once(va, VPSHIM_TOLD_MAX));
	KUNIT_EXPECT_FALSE(test, vpshim_tell_once(va, -1U));
	vpshim_test_device_remove(test, &a);
	vpshim_test_device_remove(test, &b);
}

static struct kunit_case vpshim_services_cases[] = {
	KUNIT_CASE(system_time_is_windows_time),
	KUNIT_CASE(performance_counter_counts_nanoseconds),
	KUNIT_CASE(version_checks_size),
	KUNIT_CASE(memory_helpers),
	KUNIT_CASE(bus_data_needs_pci),
	KUNIT_CASE(documented_failures_told_once_per_device),
	{}
};

static struct kunit_suite vpshim_services_suite = {
	.name = "vpshim_services",
	.test_cases = vpshim_services_cases,
};

kunit_test_suite(vpshim_services_suite);
