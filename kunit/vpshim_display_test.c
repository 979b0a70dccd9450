// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for vpshim/display.c: a miniport's modes as the DRM bridge
 * sees them: formats, the usable ones, lookup, the preferred mode, the mode
 * list of a newer miniport with longer entries, and the offset of a damaged
 * rectangle at the miniport's stride.
 */

#include <kunit/test.h>
#include <uapi/drm/drm_fourcc.h>

#include "vpshim.h"

#define GFX	(VIDEO_MODE_COLOR | VIDEO_MODE_GRAPHICS)

static VIDEO_MODE_INFORMATION mode(ULONG index, ULONG w, ULONG h, ULONG bpp, ULONG r, ULONG g,
				   ULONG b, ULONG flags)
{
	return (VIDEO_MODE_INFORMATION){
		.Length = sizeof(VIDEO_MODE_INFORMATION), .ModeIndex = index,
		.VisScreenWidth = w, .VisScreenHeight = h,
		.ScreenStride = w * DIV_ROUND_UP(bpp, 8) + 64,	/* padded rows */
		.NumberOfPlanes = 1, .BitsPerPlane = bpp, .Frequency = 60,
		.RedMask = r, .GreenMask = g, .BlueMask = b, .AttributeFlags = flags,
	};
}

static const VIDEO_MODE_INFORMATION *modes(unsigned int *n)
{
	static VIDEO_MODE_INFORMATION m[8];

	m[0] = mode(3, 720, 400, 4, 0, 0, 0, VIDEO_MODE_COLOR);		/* text */
	m[1] = mode(10, 640, 480, 8, 0, 0, 0, GFX | VIDEO_MODE_PALETTE_DRIVEN);
	m[2] = mode(11, 640, 480, 16, 0xf800, 0x7e0, 0x1f, GFX);
	m[3] = mode(12, 640, 480, 32, 0xff0000, 0xff00, 0xff, GFX);
	m[4] = mode(13, 1024, 768, 32, 0xff0000, 0xff00, 0xff, GFX);
	m[5] = mode(14, 800, 600, 32, 0xff0000, 0xff00, 0xff, GFX);
	m[6] = mode(15, 1280, 1024, 24, 0xff0000, 0xff00, 0xff, GFX);
	m[7] = mode(16, 1024, 768, 32, 0xff0000, 0xff00, 0xff, GFX | VIDEO_MODE_BANKED);
	*n = ARRAY_SIZE(m);
	return m;
}

static void formats_of_modes(struct kunit *test)
{
	VIDEO_MODE_INFORMATION m = mode(1, 640, 480, 32, 0xff, 0xff00, 0xff0000, GFX);
	unsigned int n;
	const VIDEO_MODE_INFORMATION *all = modes(&n);

	KUNIT_EXPECT_EQ(test, vpshim_display_fourcc(&all[0]), 0U);	/* text */
	KUNIT_EXPECT_EQ(test, vpshim_display_fourcc(&all[1]), (u32)DRM_FORMAT_C8);
	KUNIT_EXPECT_EQ(test, vpshim_display_fourcc(&all[2]), (u32)DRM_FORMAT_RGB565);
	KUNIT_EXPECT_EQ(test, vpshim_display_fourcc(&all[3]), (u32)DRM_FORMAT_XRGB8888);
	KUNIT_EXPECT_EQ(test, vpshim_display_fourcc(&all[6]), (u32)DRM_FORMAT_RGB888);
	KUNIT_EXPECT_EQ(test, vpshim_display_fourcc(&all[7]), 0U);	/* banked */
	KUNIT_EXPECT_EQ(test, vpshim_display_fourcc(&m), (u32)DRM_FORMAT_XBGR8888);
	m.RedMask = 0x3ff00000;		/* 10 bits a colour: no packed format here */
	KUNIT_EXPECT_EQ(test, vpshim_display_fourcc(&m), 0U);
	m = mode(1, 640, 480, 15, 0x7c00, 0x3e0, 0x1f, GFX);
	KUNIT_EXPECT_EQ(test, vpshim_display_fourcc(&m), (u32)DRM_FORMAT_XRGB1555);
	m.NumberOfPlanes = 4;		/* planar VGA */
	m.BitsPerPlane = 1;
	KUNIT_EXPECT_EQ(test, vpshim_display_fourcc(&m), 0U);
	KUNIT_EXPECT_EQ(test, vpshim_display_cpp(&all[6]), 3U);
	KUNIT_EXPECT_EQ(test, vpshim_display_cpp(&all[0]), 0U);
}

static void lookup_and_preferred(struct kunit *test)
{
	unsigned int n;
	const VIDEO_MODE_INFORMATION *all = modes(&n);

	KUNIT_EXPECT_EQ(test, vpshim_display_find(all, n, 1024, 768, DRM_FORMAT_XRGB8888), 4);
	KUNIT_EXPECT_EQ(test, vpshim_display_find(all, n, 640, 480, DRM_FORMAT_RGB565), 2);
	KUNIT_EXPECT_EQ(test, vpshim_display_find(all, n, 640, 480, 0), 1);	/* first */
	KUNIT_EXPECT_EQ(test, vpshim_display_find(all, n, 720, 400, 0), -1);	/* text only */
	KUNIT_EXPECT_EQ(test, vpshim_display_find(all, n, 1280, 1024, DRM_FORMAT_XRGB8888), -1);
	/* The current mode when it has the format, else the largest. */
	KUNIT_EXPECT_EQ(test, vpshim_display_preferred(all, n, 14, DRM_FORMAT_XRGB8888), 5);
	KUNIT_EXPECT_EQ(test, vpshim_display_preferred(all, n, 3, DRM_FORMAT_XRGB8888), 4);
	KUNIT_EXPECT_EQ(test, vpshim_display_preferred(all, n, ~0U, DRM_FORMAT_XRGB8888), 4);
	KUNIT_EXPECT_EQ(test, vpshim_display_preferred(all, n, 3, DRM_FORMAT_XRGB2101010), -1);
}

/* A newer miniport reports longer entries: each is cut to ours. */
static void mode_list_with_longer_entries(struct kunit *test)
{
	size_t entry = sizeof(VIDEO_MODE_INFORMATION) + 16;
	VIDEO_MODE_INFORMATION out[4];
	unsigned int n, i;
	const VIDEO_MODE_INFORMATION *all = modes(&n);
	u8 *buf = kunit_kzalloc(test, 3 * entry, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, buf);
	for (i = 0; i < 3; i++) {
		memcpy(buf + i * entry, &all[i + 2], sizeof(VIDEO_MODE_INFORMATION));
		memset(buf + i * entry + sizeof(VIDEO_MODE_INFORMATION), 0xa5, 16);
	}
	KUNIT_EXPECT_EQ(test, vpshim_display_parse(buf, 3 * entry, entry, out, 4), 3U);
	KUNIT_EXPECT_EQ(test, out[2].ModeIndex, 13U);
	KUNIT_EXPECT_EQ(test, out[1].VisScreenWidth, 640U);
	/* A short answer: only whole entries; no room: only what fits. */
	KUNIT_EXPECT_EQ(test, vpshim_display_parse(buf, 3 * entry - 1, entry, out, 4), 2U);
	KUNIT_EXPECT_EQ(test, vpshim_display_parse(buf, 3 * entry, entry, out, 1), 1U);
	KUNIT_EXPECT_EQ(test, vpshim_display_parse(buf, 3 * entry, 0, out, 4), 0U);
	/* An older, shorter entry: the rest of ours stays zero. */
	KUNIT_EXPECT_EQ(test, vpshim_display_parse(buf, 3 * entry, 8, out, 2), 2U);
	KUNIT_EXPECT_EQ(test, out[0].VisScreenWidth, 0U);
}

static void damage_offsets_at_the_stride(struct kunit *test)
{
	unsigned int n;
	const VIDEO_MODE_INFORMATION *all = modes(&n);
	const VIDEO_MODE_INFORMATION *m = &all[4];	/* 1024x768x32, stride 4160 */
	/* Exactly up to the last visible pixel (the last row needs no padding). */
	size_t fb = (size_t)m->ScreenStride * 767 + 1024 * 4, off = 0;

	KUNIT_EXPECT_TRUE(test, vpshim_display_clip(m, fb, 0, 0, 1024, 768, &off));
	KUNIT_EXPECT_EQ(test, off, (size_t)0);
	KUNIT_EXPECT_TRUE(test, vpshim_display_clip(m, fb, 10, 20, 30, 40, &off));
	KUNIT_EXPECT_EQ(test, off, (size_t)(20 * 4160 + 10 * 4));
	/* Outside the screen, empty, or past the mapping: nothing to copy. */
	KUNIT_EXPECT_FALSE(test, vpshim_display_clip(m, fb, 0, 0, 1025, 768, &off));
	KUNIT_EXPECT_FALSE(test, vpshim_display_clip(m, fb, 0, 0, 1024, 769, &off));
	KUNIT_EXPECT_FALSE(test, vpshim_display_clip(m, fb, 5, 5, 5, 9, &off));
	KUNIT_EXPECT_FALSE(test, vpshim_display_clip(m, fb - 1, 0, 0, 1024, 768, &off));
	KUNIT_EXPECT_TRUE(test, vpshim_display_clip(m, fb - 1, 0, 0, 1024, 767, &off));
	/* A text mode has no pixels to copy. */
	KUNIT_EXPECT_FALSE(test, vpshim_display_clip(&all[0], fb, 0, 0, 8, 8, &off));
}

/*
 * A 12x3 cursor in a 32x4 pointer (4 bytes a row): row 0 white, opaque;
 * row 1 black, opaque, but half transparent from x = 8; row 2 a grey just
 * below and one just above the middle, then nothing (alpha 0x7f).
 */
static void cursor_becomes_and_and_xor_masks(struct kunit *test)
{
	u32 argb[3][16] = { 0 };	/* a pitch of 64 bytes, wider than the cursor */
	u8 and_mask[16], xor_mask[16];
	unsigned int x;

	for (x = 0; x < 12; x++) {
		argb[0][x] = 0xffffffff;
		argb[1][x] = x < 8 ? 0xff000000 : 0x7fffffff;
		argb[2][x] = x == 0 ? 0xff7f7f7f : x == 1 ? 0xff818181 : 0x7f000000;
	}
	KUNIT_ASSERT_TRUE(test, vpshim_display_mono_pointer(&argb[0][0], sizeof(argb[0]), 12, 3,
							    32, 4, and_mask, xor_mask));
	/* Row 0: 12 white pixels (AND 0, XOR 1), the rest transparent (AND 1). */
	KUNIT_EXPECT_EQ(test, and_mask[0], 0x00);
	KUNIT_EXPECT_EQ(test, and_mask[1], 0x0f);
	KUNIT_EXPECT_EQ(test, and_mask[2], 0xff);
	KUNIT_EXPECT_EQ(test, xor_mask[0], 0xff);
	KUNIT_EXPECT_EQ(test, xor_mask[1], 0xf0);
	KUNIT_EXPECT_EQ(test, xor_mask[3], 0x00);
	/* Row 1: 8 black (AND 0, XOR 0), the half-transparent white leaves the screen. */
	KUNIT_EXPECT_EQ(test, and_mask[4], 0x00);
	KUNIT_EXPECT_EQ(test, and_mask[5], 0xff);
	KUNIT_EXPECT_EQ(test, xor_mask[4], 0x00);
	KUNIT_EXPECT_EQ(test, xor_mask[5], 0x00);
	/* Row 2: dark grey is black, light grey is white. */
	KUNIT_EXPECT_EQ(test, and_mask[8], 0x3f);
	KUNIT_EXPECT_EQ(test, xor_mask[8], 0x40);
	/* Row 3, below the cursor: transparent. */
	KUNIT_EXPECT_EQ(test, and_mask[12], 0xff);
	KUNIT_EXPECT_EQ(test, and_mask[15], 0xff);
	KUNIT_EXPECT_EQ(test, xor_mask[12], 0x00);

	/* A cursor larger than the pointer, or a pitch shorter than a row: refused. */
	KUNIT_EXPECT_FALSE(test, vpshim_display_mono_pointer(&argb[0][0], sizeof(argb[0]), 33,
							     3, 32, 4, and_mask, xor_mask));
	KUNIT_EXPECT_FALSE(test, vpshim_display_mono_pointer(&argb[0][0], sizeof(argb[0]), 12,
							     5, 32, 4, and_mask, xor_mask));
	KUNIT_EXPECT_FALSE(test, vpshim_display_mono_pointer(&argb[0][0], 40, 12, 3, 32, 4,
							     and_mask, xor_mask));
}

static struct kunit_case vpshim_display_cases[] = {
	KUNIT_CASE(formats_of_modes),
	KUNIT_CASE(lookup_and_preferred),
	KUNIT_CASE(mode_list_with_longer_entries),
	KUNIT_CASE(damage_offsets_at_the_stride),
	KUNIT_CASE(cursor_becomes_and_and_xor_masks),
	{}
};

static struct kunit_suite vpshim_display_suite = {
	.name = "vpshim_display",
	.test_cases = vpshim_display_cases,
};

kunit_test_suite(vpshim_display_suite);
