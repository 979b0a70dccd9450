// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for vpshim/resources.c: VideoPortVerifyAccessRanges claims on
 * ranges outside any BAR (a platform device has none), checked against the
 * kernel's own resource tree.
 */

#include <kunit/test.h>
#include <linux/ioport.h>
#include <linux/platform_device.h>

#include "vpshim.h"

#define FREE_MEM	0x3000000000ULL		/* far above UML's memory */
#define FREE_PORT	0x7000

struct res_test_ctx {
	struct platform_device *pdev[2];
	void *ext[2];
};

static int res_test_init(struct kunit *test)
{
	static atomic_t ids = ATOMIC_INIT(0);
	struct res_test_ctx *ctx;
	int i;

	ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ctx);
	for (i = 0; i < 2; i++) {
		ctx->pdev[i] = platform_device_register_simple("vpshim-res-test",
							       atomic_inc_return(&ids), NULL, 0);
		KUNIT_ASSERT_FALSE(test, IS_ERR_OR_NULL(ctx->pdev[i]));
		ctx->ext[i] = vpshim_device_attach(&ctx->pdev[i]->dev, 8);
		KUNIT_ASSERT_NOT_NULL(test, ctx->ext[i]);
	}
	test->priv = ctx;
	return 0;
}

static void res_test_exit(struct kunit *test)
{
	struct res_test_ctx *ctx = test->priv;
	int i;

	for (i = 0; i < 2; i++) {
		if (ctx->ext[i])
			KUNIT_EXPECT_EQ(test, vpshim_device_detach(ctx->ext[i]), 0U);
		platform_device_unregister(ctx->pdev[i]);
	}
}

static VIDEO_ACCESS_RANGE range(u64 start, u32 len, bool io, bool shareable)
{
	return (VIDEO_ACCESS_RANGE){ .RangeStart.QuadPart = start, .RangeLength = len,
				     .RangeInIoSpace = io, .RangeShareable = shareable };
}

/* Whether someone holds [start, start + len): try to take it ourselves. */
static bool busy(u64 start, u32 len, bool io)
{
	struct resource *r = io ? request_region(start, len, "vpshim-probe")
				: request_mem_region(start, len, "vpshim-probe");

	if (!r)
		return true;
	if (io)
		release_region(start, len);
	else
		release_mem_region(start, len);
	return false;
}

static void exclusive_claims_conflict_and_release(struct kunit *test)
{
	struct res_test_ctx *ctx = test->priv;
	VIDEO_ACCESS_RANGE r[2] = { range(FREE_MEM, 0x1000, false, false),
				    range(FREE_PORT, 0x10, true, false) };

	KUNIT_ASSERT_FALSE(test, busy(FREE_MEM, 0x1000, false));
	KUNIT_EXPECT_EQ(test, VideoPortVerifyAccessRanges(ctx->ext[0], 2, r), NO_ERROR);
	KUNIT_EXPECT_TRUE(test, busy(FREE_MEM, 0x1000, false));
	KUNIT_EXPECT_TRUE(test, busy(FREE_PORT, 0x10, true));
	KUNIT_EXPECT_EQ(test, VideoPortVerifyAccessRanges(ctx->ext[1], 1, r),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, VideoPortVerifyAccessRanges(ctx->ext[0], 0, NULL), NO_ERROR);
	KUNIT_EXPECT_FALSE(test, busy(FREE_MEM, 0x1000, false));
	KUNIT_EXPECT_FALSE(test, busy(FREE_PORT, 0x10, true));
	KUNIT_EXPECT_EQ(test, VideoPortVerifyAccessRanges(ctx->ext[1], 1, r), NO_ERROR);
}

static void shareable_ranges_are_not_exclusive(struct kunit *test)
{
	struct res_test_ctx *ctx = test->priv;
	VIDEO_ACCESS_RANGE r = range(FREE_MEM + 0x10000, 0x100, false, true);

	KUNIT_EXPECT_EQ(test, VideoPortVerifyAccessRanges(ctx->ext[0], 1, &r), NO_ERROR);
	KUNIT_EXPECT_EQ(test, VideoPortVerifyAccessRanges(ctx->ext[1], 1, &r), NO_ERROR);
	KUNIT_EXPECT_FALSE(test, busy(FREE_MEM + 0x10000, 0x100, false));
}

static void a_conflict_leaves_nothing_claimed(struct kunit *test)
{
	struct res_test_ctx *ctx = test->priv;
	VIDEO_ACCESS_RANGE mine = range(FREE_MEM + 0x20000, 0x1000, false, false);
	VIDEO_ACCESS_RANGE both[3] = { range(FREE_MEM + 0x30000, 0x1000, false, false),
				       range(0, 0, false, false),	/* skipped */
				       mine };

	KUNIT_ASSERT_EQ(test, VideoPortVerifyAccessRanges(ctx->ext[0], 1, &mine), NO_ERROR);
	KUNIT_EXPECT_EQ(test, VideoPortVerifyAccessRanges(ctx->ext[1], 3, both),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_FALSE(test, busy(FREE_MEM + 0x30000, 0x1000, false));
	/* A new call replaces the old claims. */
	KUNIT_EXPECT_EQ(test, VideoPortVerifyAccessRanges(ctx->ext[0], 1, both), NO_ERROR);
	KUNIT_EXPECT_FALSE(test, busy(FREE_MEM + 0x20000, 0x1000, false));
	KUNIT_EXPECT_TRUE(test, busy(FREE_MEM + 0x30000, 0x1000, false));
}

static void bad_arguments_and_unbind(struct kunit *test)
{
	struct res_test_ctx *ctx = test->priv;
	VIDEO_ACCESS_RANGE r = range(FREE_MEM + 0x40000, 0x1000, false, false);
	void *foreign = kunit_kzalloc(test, 16, GFP_KERNEL);

	KUNIT_EXPECT_EQ(test, VideoPortVerifyAccessRanges(ctx->ext[0], 1, NULL),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, VideoPortVerifyAccessRanges(foreign, 1, &r),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, VideoPortVerifyAccessRanges(ctx->ext[0], 1, &r), NO_ERROR);
	KUNIT_EXPECT_EQ(test, vpshim_device_detach(ctx->ext[0]), 0U);
	ctx->ext[0] = NULL;
	KUNIT_EXPECT_FALSE(test, busy(FREE_MEM + 0x40000, 0x1000, false));
	/* No BAR and no claim: nothing to map. */
	KUNIT_EXPECT_NULL(test, VideoPortGetDeviceBase(ctx->ext[1], r.RangeStart, 0x1000, 0));
}

/*
 * Windows lets a mapping span several verified ranges: a VGA miniport
 * verifies ports as two ranges around a gap and maps one range over both.
 * Both ends must still lie in ranges the device owns.
 */
static void a_device_base_may_span_verified_ranges(struct kunit *test)
{
	struct res_test_ctx *ctx = test->priv;
	VIDEO_ACCESS_RANGE r[2] = { range(FREE_PORT + 0x100, 0x0c, true, true),
				    range(FREE_PORT + 0x110, 0x20, true, false) };
	PHYSICAL_ADDRESS at = { .QuadPart = FREE_PORT + 0x100 };

	KUNIT_ASSERT_EQ(test, VideoPortVerifyAccessRanges(ctx->ext[0], 2, r), NO_ERROR);
	KUNIT_EXPECT_PTR_EQ(test, VideoPortGetDeviceBase(ctx->ext[0], at, 0x30,
							 VIDEO_MEMORY_SPACE_IO),
			    (PVOID)(FREE_PORT + 0x100));
	/* Ending past the last verified range, starting in the gap. */
	KUNIT_EXPECT_NULL(test, VideoPortGetDeviceBase(ctx->ext[0], at, 0x31,
						       VIDEO_MEMORY_SPACE_IO));
	at.QuadPart = FREE_PORT + 0x10c;
	KUNIT_EXPECT_NULL(test, VideoPortGetDeviceBase(ctx->ext[0], at, 0x10,
						       VIDEO_MEMORY_SPACE_IO));
	/* The other device owns none of it. */
	at.QuadPart = FREE_PORT + 0x100;
	KUNIT_EXPECT_NULL(test, VideoPortGetDeviceBase(ctx->ext[1], at, 0x30,
						       VIDEO_MEMORY_SPACE_IO));
}

/*
 * The legacy VGA window belongs to the adapter the VGA arbiter routes it
 * to; a platform device (UML has no VGA at all) gets neither range.
 */
static void legacy_vga_needs_the_vga_adapter(struct kunit *test)
{
	struct res_test_ctx *ctx = test->priv;
	VIDEO_ACCESS_RANGE ports = range(0x3c0, 0x20, true, true);
	VIDEO_ACCESS_RANGE window = range(0xa0000, 0x20000, false, true);

	KUNIT_EXPECT_EQ(test, VideoPortVerifyAccessRanges(ctx->ext[0], 1, &ports),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, VideoPortVerifyAccessRanges(ctx->ext[0], 1, &window),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
}

static struct kunit_case vpshim_resources_cases[] = {
	KUNIT_CASE(exclusive_claims_conflict_and_release),
	KUNIT_CASE(shareable_ranges_are_not_exclusive),
	KUNIT_CASE(a_device_base_may_span_verified_ranges),
	KUNIT_CASE(legacy_vga_needs_the_vga_adapter),
	KUNIT_CASE(a_conflict_leaves_nothing_claimed),
	KUNIT_CASE(bad_arguments_and_unbind),
	{}
};

static struct kunit_suite vpshim_resources_suite = {
	.name = "vpshim_resources",
	.init = res_test_init,
	.exit = res_test_exit,
	.test_cases = vpshim_resources_cases,
};

kunit_test_suite(vpshim_resources_suite);
