// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for vpshim/power.c: child enumeration and its return codes,
 * the order of power callbacks (monitors before the adapter going down,
 * after it coming up), a refused state, HwResetHw at shutdown and
 * HwQueryInterface.
 */

#include <kunit/test.h>

#include "ntddvdeo.h"
#include "vpshim_test.h"
#include "power.h"

#define MONITOR_UID	0x1000

struct power_log {
	char calls[32][16];
	int n;
	int enumerations;
	ULONG refuse_id;
	ULONG reset_cols, reset_rows;
};

static struct power_log *plog;

static void log_call(const char *what, ULONG id, ULONG state)
{
	if (plog->n < 32)
		snprintf(plog->calls[plog->n++], 16, "%s%c%lu", what,
			 id == DISPLAY_ADAPTER_HW_ID ? 'A' : 'M', (unsigned long)state);
}

static VP_STATUS fake_get_power(PVOID ext, ULONG id, PVIDEO_POWER_MANAGEMENT pm)
{
	log_call("get", id, pm->PowerState);
	return id == plog->refuse_id ? ERROR_DEVICE_REINITIALIZATION_NEEDED : NO_ERROR;
}

static VP_STATUS fake_set_power(PVOID ext, ULONG id, PVIDEO_POWER_MANAGEMENT pm)
{
	log_call("set", id, pm->PowerState);
	return NO_ERROR;
}

/* Children: 1 a monitor with an EDID, 2 skipped, 3 a chip, then no more. */
static VP_STATUS fake_get_child(PVOID ext, PVIDEO_CHILD_ENUM_INFO info, PVIDEO_CHILD_TYPE type,
				PUCHAR desc, PULONG uid, PULONG unused)
{
	static const UCHAR header[8] = { 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0 };

	if (info->ChildIndex == 1)
		plog->enumerations++;
	if (info->Size != sizeof(*info) || info->ChildDescriptorSize < 128)
		return VIDEO_ENUM_NO_MORE_DEVICES;
	switch (info->ChildIndex) {
	case 1:
		*type = Monitor;
		*uid = MONITOR_UID;
		memcpy(desc, header, 8);
		desc[127] = (UCHAR)(0 - 6 * 0xff);	/* checksum */
		return VIDEO_ENUM_MORE_DEVICES;
	case 2:
		return VIDEO_ENUM_INVALID_DEVICE;
	case 3:
		*type = VideoChip;
		*uid = DISPLAY_ADAPTER_HW_ID;
		return VIDEO_ENUM_MORE_DEVICES;
	default:
		return VIDEO_ENUM_NO_MORE_DEVICES;
	}
}

static BOOLEAN fake_reset(PVOID ext, ULONG cols, ULONG rows)
{
	plog->reset_cols = cols;
	plog->reset_rows = rows;
	return TRUE;
}

static struct vpshim_device *power_device(struct kunit *test, struct vpshim_test_device *d)
{
	struct vpshim_device *vdev;

	plog = kunit_kzalloc(test, sizeof(*plog), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, plog);
	plog->refuse_id = 0x1234;
	vpshim_test_device_add(test, d, "vpshim-power", 16);
	vdev = vpshim_device_get(d->ext, __func__, 0);
	vdev->hw.HwGetPowerState = fake_get_power;
	vdev->hw.HwSetPowerState = fake_set_power;
	vdev->hw.HwGetVideoChildDescriptor = fake_get_child;
	vdev->hw.HwResetHw = fake_reset;
	return vdev;
}

static void children_are_enumerated(struct kunit *test)
{
	struct vpshim_test_device d;
	struct vpshim_device *vdev = power_device(test, &d);
	unsigned long flags;
	VP_STATUS status;

	vpshim_children_enumerate(vdev);
	KUNIT_ASSERT_EQ(test, vpshim_power_of(vdev)->nr_children, 2U);
	KUNIT_EXPECT_EQ(test, vpshim_power_of(vdev)->children[0].index, 1U);
	KUNIT_EXPECT_EQ(test, vpshim_power_of(vdev)->children[0].type, Monitor);
	KUNIT_EXPECT_EQ(test, vpshim_power_of(vdev)->children[0].uid, (ULONG)MONITOR_UID);
	KUNIT_EXPECT_EQ(test, vpshim_power_of(vdev)->children[0].descriptor[1], 0xff);
	KUNIT_EXPECT_EQ(test, vpshim_power_of(vdev)->children[1].index, 3U);
	KUNIT_EXPECT_EQ(test, vpshim_power_of(vdev)->children[1].type, VideoChip);

	/*
	 * Re-enumeration is asynchronous (it may be asked for from a DPC or
	 * HwInterrupt) and answers NO_ERROR, as Windows does, even to a
	 * non-NULL Reserved.
	 */
	KUNIT_EXPECT_EQ(test, VideoPortEnumerateChildren(d.ext, (PVOID)1),
			(VP_STATUS)NO_ERROR);
	flush_work(&vpshim_power_of(vdev)->child_work);
	KUNIT_EXPECT_EQ(test, plog->enumerations, 2);
	local_bh_disable();
	status = VideoPortEnumerateChildren(d.ext, NULL);
	local_bh_enable();
	KUNIT_EXPECT_EQ(test, status, (VP_STATUS)NO_ERROR);
	flush_work(&vpshim_power_of(vdev)->child_work);
	KUNIT_EXPECT_EQ(test, plog->enumerations, 3);
	local_irq_save(flags);
	status = VideoPortEnumerateChildren(d.ext, NULL);
	local_irq_restore(flags);
	KUNIT_EXPECT_EQ(test, status, (VP_STATUS)NO_ERROR);
	flush_work(&vpshim_power_of(vdev)->child_work);
	KUNIT_EXPECT_EQ(test, plog->enumerations, 4);
	KUNIT_EXPECT_EQ(test, vpshim_power_of(vdev)->nr_children, 2U);
	vpshim_test_device_remove(test, &d);
}

static void power_order(struct kunit *test)
{
	struct vpshim_test_device d;
	struct vpshim_device *vdev = power_device(test, &d);
	static const char * const down[] = { "getM4", "setM4", "getA4", "setA4" };
	static const char * const up[] = { "getA1", "setA1", "getM1", "setM1" };
	int i;

	vpshim_children_enumerate(vdev);
	KUNIT_ASSERT_EQ(test, vpshim_power_set(vdev, VideoPowerOff), 0);
	KUNIT_EXPECT_TRUE(test, vpshim_power_of(vdev)->suspended);
	KUNIT_ASSERT_EQ(test, plog->n, 4);
	for (i = 0; i < 4; i++)
		KUNIT_EXPECT_STREQ(test, plog->calls[i], down[i]);
	plog->n = 0;
	KUNIT_ASSERT_EQ(test, vpshim_power_set(vdev, VideoPowerOn), 0);
	KUNIT_EXPECT_FALSE(test, vpshim_power_of(vdev)->suspended);
	KUNIT_ASSERT_EQ(test, plog->n, 4);
	for (i = 0; i < 4; i++)
		KUNIT_EXPECT_STREQ(test, plog->calls[i], up[i]);
	vpshim_test_device_remove(test, &d);
}

static void refused_state_is_not_set(struct kunit *test)
{
	struct vpshim_test_device d;
	struct vpshim_device *vdev = power_device(test, &d);

	vpshim_children_enumerate(vdev);
	plog->refuse_id = DISPLAY_ADAPTER_HW_ID;
	KUNIT_EXPECT_EQ(test, vpshim_power_set(vdev, VideoPowerOff), -EIO);
	KUNIT_EXPECT_FALSE(test, vpshim_power_of(vdev)->suspended);
	/* The monitor went down, the adapter refused, the monitor came back. */
	KUNIT_ASSERT_EQ(test, plog->n, 5);
	KUNIT_EXPECT_STREQ(test, plog->calls[1], "setM4");
	KUNIT_EXPECT_STREQ(test, plog->calls[2], "getA4");
	KUNIT_EXPECT_STREQ(test, plog->calls[3], "getM1");
	KUNIT_EXPECT_STREQ(test, plog->calls[4], "setM1");
	vpshim_test_device_remove(test, &d);
}

static void reset_at_shutdown(struct kunit *test)
{
	struct vpshim_test_device d;
	struct vpshim_device *vdev = power_device(test, &d);

	vpshim_shutdown(vdev);
	KUNIT_EXPECT_EQ(test, plog->reset_cols, 80U);
	KUNIT_EXPECT_EQ(test, plog->reset_rows, 50U);
	vpshim_test_device_remove(test, &d);
}

static VP_STATUS fake_query_interface(PVOID ext, PQUERY_INTERFACE qi)
{
	if (qi->Version != 2 || qi->Size < sizeof(INTERFACE))
		return ERROR_INVALID_PARAMETER;
	qi->Interface->Size = qi->Size;
	qi->Interface->Version = qi->Version;
	qi->Interface->Context = ext;
	return NO_ERROR;
}

static void query_interface(struct kunit *test)
{
	static const GUID guid = { 0x12345678, 1, 2, { 3 } };
	struct vpshim_test_device d;
	struct vpshim_device *vdev = power_device(test, &d);
	INTERFACE iface = {};

	KUNIT_EXPECT_EQ(test, vpshim_query_interface(d.ext, &guid, sizeof(iface), 2, &iface, NULL),
			(unsigned int)ERROR_INVALID_FUNCTION);
	vdev->hw.HwQueryInterface = fake_query_interface;
	KUNIT_EXPECT_EQ(test, vpshim_query_interface(d.ext, &guid, sizeof(iface), 2, &iface, NULL),
			(unsigned int)NO_ERROR);
	KUNIT_EXPECT_PTR_EQ(test, iface.Context, d.ext);
	KUNIT_EXPECT_EQ(test, vpshim_query_interface(d.ext, &guid, sizeof(iface), 1, &iface, NULL),
			(unsigned int)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, vpshim_query_interface(d.ext, &guid, 2, 2, &iface, NULL),
			(unsigned int)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, vpshim_query_interface(d.ext, NULL, sizeof(iface), 2, &iface, NULL),
			(unsigned int)ERROR_INVALID_PARAMETER);
	vpshim_test_device_remove(test, &d);
}

static struct kunit_case vpshim_power_cases[] = {
	KUNIT_CASE(children_are_enumerated),
	KUNIT_CASE(power_order),
	KUNIT_CASE(refused_state_is_not_set),
	KUNIT_CASE(reset_at_shutdown),
	KUNIT_CASE(query_interface),
	{}
};

static struct kunit_suite vpshim_power_suite = {
	.name = "vpshim_power",
	.test_cases = vpshim_power_cases,
};

kunit_test_suite(vpshim_power_suite);
