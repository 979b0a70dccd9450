// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for vpshim/int10.c and the bus queries of vpshim/busdata.c on
 * a device that is not PCI: documented failures, arguments left untouched
 * (VideoPortQueryServices itself: kunit/vpshim_i2c_test.c).
 */

#include <kunit/test.h>
#include <linux/platform_device.h>

#include "vpshim.h"

static void unsupported_services_fail_as_documented(struct kunit *test)
{
	VIDEO_X86_BIOS_ARGUMENTS regs = { .Eax = 0x4f02, .Ebx = 0x4118 };
	struct platform_device *pdev;
	INTERFACE iface = { .Size = sizeof(iface), .Version = 1 };
	VIDEO_REQUEST_PACKET vrp = { .IoControlCode = 0x230000 };
	ULONG vga = 7;
	void *ext;
	int type;

	pdev = platform_device_register_simple("vpshim-int10-test", 1, NULL, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR_OR_NULL(pdev));
	ext = vpshim_device_attach(&pdev->dev, 8);
	KUNIT_ASSERT_NOT_NULL(test, ext);

	KUNIT_EXPECT_EQ(test, VideoPortInt10(ext, &regs), (VP_STATUS)ERROR_INVALID_FUNCTION);
	KUNIT_EXPECT_EQ(test, regs.Eax, 0x4f02U);	/* no fake "success" code */
	KUNIT_EXPECT_EQ(test, VideoPortInt10(ext, NULL), (VP_STATUS)ERROR_INVALID_FUNCTION);
	/* A bare INTERFACE is too small for any service: nothing is written. */
	for (type = VideoPortServicesAGP; type <= VideoPortServicesWCMemoryProtection; type++) {
		if (type == VideoPortServicesHeadless)
			continue;
		KUNIT_EXPECT_EQ(test, VideoPortQueryServices(ext, type, &iface),
				(VP_STATUS)ERROR_INVALID_PARAMETER);
		KUNIT_EXPECT_NULL(test, iface.Context);
		KUNIT_EXPECT_NULL(test, (void *)iface.InterfaceReference);
	}

	KUNIT_EXPECT_EQ(test, VideoPortGetVgaStatus(ext, &vga), (VP_STATUS)ERROR_INVALID_FUNCTION);
	KUNIT_EXPECT_EQ(test, vga, 7U);
	KUNIT_EXPECT_EQ(test, VideoPortGetVgaStatus(ext, NULL),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_NULL(test, VideoPortGetRomImage(ext, NULL, 0, 256));
	KUNIT_EXPECT_NULL(test, VideoPortGetRomImage(ext, NULL, 0, 0));
	KUNIT_EXPECT_FALSE(test, VideoPortCheckForDeviceExistence(ext, 0x1234, 0xdead, 0, 0, 0, 0));
	KUNIT_EXPECT_FALSE(test,
			   VideoPortCheckForDeviceExistence(NULL, 0x1234, 0x11e8, 0, 0, 0, 0));
	VideoPortLogError(ext, &vrp, ERROR_BUSY, 42);
	VideoPortLogError(ext, NULL, ERROR_BUSY, 43);
	VideoPortLogError(NULL, NULL, ERROR_BUSY, 44);

	KUNIT_EXPECT_EQ(test, vpshim_device_detach(ext), 0U);
	platform_device_unregister(pdev);
}

static struct kunit_case vpshim_int10_cases[] = {
	KUNIT_CASE(unsupported_services_fail_as_documented),
	{}
};

static struct kunit_suite vpshim_int10_suite = {
	.name = "vpshim_int10",
	.test_cases = vpshim_int10_cases,
};

kunit_test_suite(vpshim_int10_suite);
