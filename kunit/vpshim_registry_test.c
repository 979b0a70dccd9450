// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for vpshim/registry.c: the .reg parser, the callback contract
 * of VideoPortGetRegistryParameters, VideoPortSetRegistryParameters' rules,
 * and the sysfs text reading back as the same store.
 */

#include <kunit/test.h>
#include <linux/slab.h>

#include "vpshim_test.h"

struct reg_capture {
	int calls;
	WCHAR name[64];
	u8 data[64];
	ULONG len;
	VP_STATUS answer;
	PVOID ext;
	bool set_inside;
};

static VP_STATUS capture_cb(PVOID HwDeviceExtension, PVOID Context, PWSTR ValueName,
			    PVOID ValueData, ULONG ValueLength)
{
	struct reg_capture *c = Context;
	int i;

	c->calls++;
	c->ext = HwDeviceExtension;
	for (i = 0; i < 63 && ValueName[i]; i++)
		c->name[i] = ValueName[i];
	c->name[i] = 0;
	c->len = ValueLength;
	memcpy(c->data, ValueData, min_t(ULONG, ValueLength, sizeof(c->data)));
	if (c->set_inside)
		/* Allowed: the callback runs without the store's lock. */
		VideoPortSetRegistryParameters(HwDeviceExtension, L"FromCallback", c->data, 1);
	return c->answer;
}

static const char reg_text[] =
	"Windows Registry Editor Version 5.00\r\n"
	"\r\n"
	"[HKEY_LOCAL_MACHINE\\SYSTEM\\whatever]\r\n"
	"; a comment\n"
	"\"DefaultXResolution\"=dword:00000400\n"
	"\"Mode\"=\"1024x768 \\\"wide\\\"\"\n"
	"\"Blob\"=hex:01,02,\\\n"
	"  03,ff\n"
	"\"Multi\"=hex(7):41,00,00,00,00,00\n"
	"\"Sub\\\\Value\"=dword:7\n";

static struct reg_capture get(struct kunit *test, void *ext, PWSTR name, VP_STATUS *status)
{
	struct reg_capture c = { .answer = NO_ERROR };

	*status = VideoPortGetRegistryParameters(ext, name, FALSE, capture_cb, &c);
	return c;
}

static void parse_and_get_each_type(struct kunit *test)
{
	static const WCHAR mode[] = L"1024x768 \"wide\"";
	static const u8 blob[] = { 1, 2, 3, 0xff };
	struct vpshim_test_device d;
	struct vpshim_device *vdev;
	struct reg_capture c;
	VP_STATUS status;

	vpshim_test_device_add(test, &d, "vpshim-reg", 16);
	vdev = vpshim_device_get(d.ext, __func__, 0);
	KUNIT_ASSERT_EQ(test, vpshim_registry_parse(vdev, reg_text, strlen(reg_text)), 5);

	c = get(test, d.ext, L"defaultxresolution", &status);	/* any case */
	KUNIT_EXPECT_EQ(test, status, (VP_STATUS)NO_ERROR);
	KUNIT_EXPECT_EQ(test, c.calls, 1);
	KUNIT_EXPECT_PTR_EQ(test, c.ext, d.ext);
	KUNIT_EXPECT_EQ(test, c.len, 4U);
	KUNIT_EXPECT_EQ(test, *(u32 *)c.data, 0x400U);
	KUNIT_EXPECT_EQ(test, c.name[0], (WCHAR)'D');	/* the stored name */

	c = get(test, d.ext, L"Mode", &status);
	KUNIT_EXPECT_EQ(test, status, (VP_STATUS)NO_ERROR);
	KUNIT_EXPECT_EQ(test, c.len, (ULONG)sizeof(mode));	/* NUL included */
	KUNIT_EXPECT_EQ(test, memcmp(c.data, mode, sizeof(mode)), 0);

	c = get(test, d.ext, L"Blob", &status);
	KUNIT_EXPECT_EQ(test, c.len, 4U);
	KUNIT_EXPECT_EQ(test, memcmp(c.data, blob, 4), 0);

	c = get(test, d.ext, L"Multi", &status);
	KUNIT_EXPECT_EQ(test, c.len, 6U);
	KUNIT_EXPECT_EQ(test, c.data[0], 0x41);

	c = get(test, d.ext, L"Sub\\Value", &status);
	KUNIT_EXPECT_EQ(test, status, (VP_STATUS)NO_ERROR);
	KUNIT_EXPECT_EQ(test, *(u32 *)c.data, 7U);
	vpshim_test_device_remove(test, &d);
}

static void missing_value_and_failing_callback(struct kunit *test)
{
	struct reg_capture c = { .answer = ERROR_INVALID_PARAMETER };
	struct vpshim_test_device d;
	VP_STATUS status;
	ULONG one = 1;

	vpshim_test_device_add(test, &d, "vpshim-reg", 16);
	get(test, d.ext, L"Nothing", &status);
	KUNIT_EXPECT_EQ(test, status, (VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, VideoPortSetRegistryParameters(d.ext, L"One", &one, 4),
			(VP_STATUS)NO_ERROR);
	KUNIT_EXPECT_EQ(test, VideoPortGetRegistryParameters(d.ext, L"One", FALSE, capture_cb, &c),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, c.calls, 1);
	/* Bad arguments */
	KUNIT_EXPECT_EQ(test, VideoPortGetRegistryParameters(d.ext, NULL, FALSE, capture_cb, &c),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, VideoPortGetRegistryParameters(d.ext, L"One", FALSE, NULL, &c),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, VideoPortGetRegistryParameters(NULL, L"One", FALSE, capture_cb, &c),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, c.calls, 1);
	vpshim_test_device_remove(test, &d);
}

static void set_rules(struct kunit *test)
{
	struct vpshim_test_device d;
	struct reg_capture c;
	VP_STATUS status;
	u8 data[3] = { 9, 8, 7 };
	unsigned long flags;

	vpshim_test_device_add(test, &d, "vpshim-reg", 16);
	KUNIT_EXPECT_EQ(test, VideoPortSetRegistryParameters(d.ext, L"Bytes", data, 3),
			(VP_STATUS)NO_ERROR);
	data[0] = 1;
	KUNIT_EXPECT_EQ(test, VideoPortSetRegistryParameters(d.ext, L"BYTES", data, 2),
			(VP_STATUS)NO_ERROR);		/* replaces, whatever the case */
	c = get(test, d.ext, L"Bytes", &status);
	KUNIT_EXPECT_EQ(test, c.len, 2U);
	KUNIT_EXPECT_EQ(test, c.data[0], 1);
	KUNIT_EXPECT_EQ(test, VideoPortSetRegistryParameters(d.ext, L"Empty", NULL, 0),
			(VP_STATUS)NO_ERROR);
	status = VideoPortSetRegistryParameters(d.ext, L"DefaultSettings.XResolution", data, 4);
	KUNIT_EXPECT_EQ(test, status, (VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, VideoPortSetRegistryParameters(d.ext, L"", data, 1),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, VideoPortSetRegistryParameters(d.ext, NULL, data, 1),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, VideoPortSetRegistryParameters(d.ext, L"X", NULL, 4),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, VideoPortSetRegistryParameters(d.ext, L"X", data, (1U << 20) + 1),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	/* PASSIVE_LEVEL only: refused with interrupts off, nothing stored. */
	local_irq_save(flags);
	status = VideoPortSetRegistryParameters(d.ext, L"Atomic", data, 1);
	local_irq_restore(flags);
	KUNIT_EXPECT_EQ(test, status, (VP_STATUS)ERROR_INVALID_PARAMETER);
	get(test, d.ext, L"Atomic", &status);
	KUNIT_EXPECT_EQ(test, status, (VP_STATUS)ERROR_INVALID_PARAMETER);
	vpshim_test_device_remove(test, &d);
}

static void callback_may_set_values(struct kunit *test)
{
	struct reg_capture c = { .answer = NO_ERROR, .set_inside = true };
	struct vpshim_test_device d;
	VP_STATUS status;
	u32 v = 5;

	vpshim_test_device_add(test, &d, "vpshim-reg", 16);
	VideoPortSetRegistryParameters(d.ext, L"FromCallback", &v, 4);
	status = VideoPortGetRegistryParameters(d.ext, L"FromCallback", FALSE, capture_cb, &c);
	KUNIT_EXPECT_EQ(test, status, (VP_STATUS)NO_ERROR);
	c = get(test, d.ext, L"FromCallback", &status);
	KUNIT_EXPECT_EQ(test, c.len, 1U);	/* replaced from inside the callback */
	vpshim_test_device_remove(test, &d);
}

static void bad_lines_are_skipped(struct kunit *test)
{
	static const char text[] = "\"Good\"=dword:1\n\"Bad\"=dword:xyz\nnot a value\n"
				   "\"Hex\"=hex:1\n\"Good2\"=\"ok\"\n\"Long\"=dword:123456789\n";
	struct vpshim_test_device d;
	VP_STATUS status;

	vpshim_test_device_add(test, &d, "vpshim-reg", 16);
	KUNIT_EXPECT_EQ(test, vpshim_registry_parse(vpshim_device_get(d.ext, __func__, 0), text,
						    strlen(text)), -EINVAL);
	get(test, d.ext, L"Good", &status);
	KUNIT_EXPECT_EQ(test, status, (VP_STATUS)NO_ERROR);
	get(test, d.ext, L"Good2", &status);
	KUNIT_EXPECT_EQ(test, status, (VP_STATUS)NO_ERROR);
	get(test, d.ext, L"Bad", &status);
	KUNIT_EXPECT_EQ(test, status, (VP_STATUS)ERROR_INVALID_PARAMETER);
	get(test, d.ext, L"Hex", &status);
	KUNIT_EXPECT_EQ(test, status, (VP_STATUS)ERROR_INVALID_PARAMETER);
	get(test, d.ext, L"Long", &status);
	KUNIT_EXPECT_EQ(test, status, (VP_STATUS)ERROR_INVALID_PARAMETER);
	vpshim_test_device_remove(test, &d);
}

/* What sysfs prints, parsed into a fresh store, prints the same again. */
static void show_reads_back_as_the_same_store(struct kunit *test)
{
	struct vpshim_test_device a, b;
	char *one, *two, *body_one, *body_two;
	WCHAR chip[] = L"Bochs DISPI";
	ssize_t n;

	one = kunit_kzalloc(test, PAGE_SIZE, GFP_KERNEL);
	two = kunit_kzalloc(test, PAGE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, one);
	KUNIT_ASSERT_NOT_NULL(test, two);
	vpshim_test_device_add(test, &a, "vpshim-reg", 16);
	vpshim_test_device_add(test, &b, "vpshim-reg", 16);
	vpshim_registry_parse(vpshim_device_get(a.ext, __func__, 0), reg_text, strlen(reg_text));
	VideoPortSetRegistryParameters(a.ext, L"HardwareInformation.ChipType", chip, sizeof(chip));
	n = vpshim_registry_show(vpshim_device_get(a.ext, __func__, 0), one, PAGE_SIZE);
	KUNIT_EXPECT_GT(test, n, 0L);
	KUNIT_EXPECT_NOT_NULL(test, strstr(one, "\"DefaultXResolution\"=dword:00000400\n"));
	KUNIT_EXPECT_NOT_NULL(test, strstr(one, "\"Mode\"=\"1024x768 \\\"wide\\\"\"\n"));
	KUNIT_EXPECT_NOT_NULL(test, strstr(one, "\"Blob\"=hex:01,02,03,ff\n"));
	KUNIT_EXPECT_NOT_NULL(test, strstr(one, "\"Multi\"=hex(7):41,00,00,00,00,00\n"));
	KUNIT_EXPECT_NOT_NULL(test, strstr(one, "\"HardwareInformation.ChipType\"=hex:42,00,6f"));
	KUNIT_EXPECT_EQ(test, vpshim_registry_parse(vpshim_device_get(b.ext, __func__, 0), one, n),
			6);
	vpshim_registry_show(vpshim_device_get(b.ext, __func__, 0), two, PAGE_SIZE);
	/* Identical after the first line, which names the device. */
	body_one = strchr(one, '\n');
	body_two = strchr(two, '\n');
	KUNIT_ASSERT_NOT_NULL(test, body_one);
	KUNIT_ASSERT_NOT_NULL(test, body_two);
	KUNIT_EXPECT_STREQ(test, body_one, body_two);
	vpshim_test_device_remove(test, &a);
	vpshim_test_device_remove(test, &b);
}

static struct kunit_case vpshim_registry_cases[] = {
	KUNIT_CASE(parse_and_get_each_type),
	KUNIT_CASE(missing_value_and_failing_callback),
	KUNIT_CASE(set_rules),
	KUNIT_CASE(callback_may_set_values),
	KUNIT_CASE(bad_lines_are_skipped),
	KUNIT_CASE(show_reads_back_as_the_same_store),
	{}
};

static struct kunit_suite vpshim_registry_suite = {
	.name = "vpshim_registry",
	.test_cases = vpshim_registry_cases,
};

kunit_test_suite(vpshim_registry_suite);
