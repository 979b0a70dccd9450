// SPDX-License-Identifier: GPL-2.0
/*
 * display.c - what a display bridge needs to know about a miniport's modes:
 * the pixel format of each (as a DRM fourcc), which of them can be scanned
 * out, the mode that matches a size and format, the preferred one, and the
 * byte offset of a damaged rectangle in the miniport's frame buffer at its
 * own stride. Pure functions of VIDEO_MODE_INFORMATION, used by the DRM
 * bridge (vpshim/drm/) and tested on their own by KUnit.
 */

#include <linux/overflow.h>
#include <uapi/drm/drm_fourcc.h>

#include "vpshim.h"

/* Whether the mode's colour masks are @r, @g, @b. */
static bool vpshim_display_masks(const VIDEO_MODE_INFORMATION *m, ULONG r, ULONG g, ULONG b)
{
	return m->RedMask == r && m->GreenMask == g && m->BlueMask == b;
}

/**
 * vpshim_display_fourcc() - the DRM format a miniport mode scans out
 * @m: one entry of IOCTL_VIDEO_QUERY_AVAIL_MODES
 *
 * Return: the fourcc (DRM_FORMAT_XRGB8888, RGB888, RGB565, XRGB1555, C8, or
 * their BGR orders), or 0 for a text mode, a planar or banked mode, or
 * masks no DRM format describes.
 */
u32 vpshim_display_fourcc(const VIDEO_MODE_INFORMATION *m)
{
	ULONG bpp = m->NumberOfPlanes * m->BitsPerPlane;

	if (!(m->AttributeFlags & VIDEO_MODE_GRAPHICS) || m->NumberOfPlanes != 1 ||
	    (m->AttributeFlags & VIDEO_MODE_BANKED))
		return 0;
	if (m->AttributeFlags & VIDEO_MODE_PALETTE_DRIVEN)
		return bpp == 8 ? DRM_FORMAT_C8 : 0;
	switch (bpp) {
	case 32:
		if (vpshim_display_masks(m, 0xff0000, 0xff00, 0xff))
			return DRM_FORMAT_XRGB8888;
		if (vpshim_display_masks(m, 0xff, 0xff00, 0xff0000))
			return DRM_FORMAT_XBGR8888;
		return 0;
	case 24:
		if (vpshim_display_masks(m, 0xff0000, 0xff00, 0xff))
			return DRM_FORMAT_RGB888;
		if (vpshim_display_masks(m, 0xff, 0xff00, 0xff0000))
			return DRM_FORMAT_BGR888;
		return 0;
	case 16:
		if (vpshim_display_masks(m, 0xf800, 0x7e0, 0x1f))
			return DRM_FORMAT_RGB565;
		fallthrough;
	case 15:
		if (vpshim_display_masks(m, 0x7c00, 0x3e0, 0x1f))
			return DRM_FORMAT_XRGB1555;
		return 0;
	default:
		return 0;
	}
}
EXPORT_SYMBOL_VPSHIM(vpshim_display_fourcc);

/**
 * vpshim_display_cpp() - bytes per pixel of a miniport mode
 * @m: the mode
 *
 * Return: 1 to 4; 0 for a mode that is not packed pixels.
 */
unsigned int vpshim_display_cpp(const VIDEO_MODE_INFORMATION *m)
{
	ULONG bpp = m->NumberOfPlanes * m->BitsPerPlane;

	return vpshim_display_fourcc(m) ? DIV_ROUND_UP(bpp, 8) : 0;
}
EXPORT_SYMBOL_VPSHIM(vpshim_display_cpp);

/**
 * vpshim_display_parse() - the mode list of IOCTL_VIDEO_QUERY_AVAIL_MODES
 * @buf: the answer
 * @len: its length (the request's Information)
 * @mode_len: ModeInformationLength of IOCTL_VIDEO_QUERY_NUM_AVAIL_MODES (a
 *	newer miniport's entries may be longer than VIDEO_MODE_INFORMATION)
 * @out: receives the entries, each cut or zero-padded to our structure
 * @max: room in @out
 *
 * Return: how many entries were copied (those fully inside @len).
 */
unsigned int vpshim_display_parse(const void *buf, size_t len, ULONG mode_len,
				  VIDEO_MODE_INFORMATION *out, unsigned int max)
{
	size_t copy = min_t(size_t, mode_len, sizeof(*out));
	unsigned int n;

	if (!mode_len)
		return 0;
	for (n = 0; n < max && (size_t)(n + 1) * mode_len <= len; n++) {
		memset(&out[n], 0, sizeof(out[n]));
		memcpy(&out[n], (const u8 *)buf + (size_t)n * mode_len, copy);
	}
	return n;
}
EXPORT_SYMBOL_VPSHIM(vpshim_display_parse);

/**
 * vpshim_display_find() - the mode for a size and a pixel format
 * @modes: the miniport's modes
 * @n: how many
 * @width: visible width
 * @height: visible height
 * @fourcc: the DRM format, or 0 for any format the bridge can scan out
 *
 * Of several matches (refresh rates) the first, as the miniport lists them.
 *
 * Return: the index in @modes, or -1.
 */
int vpshim_display_find(const VIDEO_MODE_INFORMATION *modes, unsigned int n, ULONG width,
			ULONG height, u32 fourcc)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		u32 f = vpshim_display_fourcc(&modes[i]);

		if (f && (!fourcc || f == fourcc) && modes[i].VisScreenWidth == width &&
		    modes[i].VisScreenHeight == height)
			return i;
	}
	return -1;
}
EXPORT_SYMBOL_VPSHIM(vpshim_display_find);

/**
 * vpshim_display_preferred() - the mode to start a display in
 * @modes: the miniport's modes
 * @n: how many
 * @current_index: ModeIndex of IOCTL_VIDEO_QUERY_CURRENT_MODE, or ~0
 * @fourcc: the format the display will use
 *
 * The mode the adapter is in when it has @fourcc, else the largest of
 * @fourcc (most pixels; the first of equals).
 *
 * Return: the index in @modes, or -1 when no mode has @fourcc.
 */
int vpshim_display_preferred(const VIDEO_MODE_INFORMATION *modes, unsigned int n,
			     ULONG current_index, u32 fourcc)
{
	u64 best_area = 0, area;
	int best = -1;
	unsigned int i;

	for (i = 0; i < n; i++) {
		if (vpshim_display_fourcc(&modes[i]) != fourcc)
			continue;
		if (modes[i].ModeIndex == current_index)
			return i;
		area = (u64)modes[i].VisScreenWidth * modes[i].VisScreenHeight;
		if (area > best_area) {
			best_area = area;
			best = i;
		}
	}
	return best;
}
EXPORT_SYMBOL_VPSHIM(vpshim_display_preferred);

/**
 * vpshim_display_clip() - where a damaged rectangle lies in the frame buffer
 * @m: the mode the adapter is in
 * @fb_len: bytes of the frame buffer mapping
 * @x1: left column, inclusive
 * @y1: top line, inclusive
 * @x2: right column, exclusive
 * @y2: bottom line, exclusive
 * @offset: out: byte offset of (@x1, @y1) at the mode's ScreenStride
 *
 * Return: true when the whole rectangle lies inside the visible screen and
 * inside @fb_len bytes; false (nothing to copy) otherwise.
 */
bool vpshim_display_clip(const VIDEO_MODE_INFORMATION *m, size_t fb_len, u32 x1, u32 y1,
			 u32 x2, u32 y2, size_t *offset)
{
	unsigned int cpp = vpshim_display_cpp(m);
	size_t end;

	if (!cpp || x1 >= x2 || y1 >= y2 || x2 > m->VisScreenWidth || y2 > m->VisScreenHeight ||
	    (u64)x2 * cpp > m->ScreenStride)
		return false;
	/* The last byte written: row y2 - 1, column x2 - 1. */
	if (check_mul_overflow((size_t)(y2 - 1), (size_t)m->ScreenStride, &end) ||
	    check_add_overflow(end, (size_t)x2 * cpp, &end) || end > fb_len)
		return false;
	*offset = (size_t)y1 * m->ScreenStride + (size_t)x1 * cpp;
	return true;
}
EXPORT_SYMBOL_VPSHIM(vpshim_display_clip);

/*
 * Whether an ARGB8888 cursor pixel shows white: the ITU-R BT.601 luma of
 * its colour, at least half way up.
 */
static bool vpshim_display_argb_white(u32 argb)
{
	u32 r = argb >> 16 & 0xff, g = argb >> 8 & 0xff, b = argb & 0xff;

	return (r * 77 + g * 150 + b * 29) >> 8 >= 0x80;
}

/**
 * vpshim_display_mono_pointer() - a cursor image as a monochrome pointer
 * @argb: the cursor, ARGB8888, top row first
 * @pitch: bytes from one row of @argb to the next
 * @w: its width in pixels
 * @h: its height in pixels
 * @pw: the pointer's width the miniport takes (at least @w)
 * @ph: its height (at least @h)
 * @and_mask: out: @ph rows of DIV_ROUND_UP(@pw, 8) bytes
 * @xor_mask: out: the same
 *
 * The masks are what a Windows display driver hands a miniport in
 * VIDEO_POINTER_ATTRIBUTES.Pixels for a VIDEO_MODE_MONO_POINTER: the AND
 * mask then the XOR mask, 1 bit per pixel, the top row first, the leftmost
 * pixel in the high bit. A pixel less than half opaque leaves the screen as
 * it is (AND 1, XOR 0); an opaque one is black (AND 0, XOR 0) or white
 * (AND 0, XOR 1) by its brightness. Outside @w x @h the pointer is
 * transparent.
 *
 * Return: false (masks untouched) when the cursor is larger than the pointer.
 */
bool vpshim_display_mono_pointer(const u32 *argb, unsigned int pitch, unsigned int w,
				 unsigned int h, unsigned int pw, unsigned int ph, u8 *and_mask,
				 u8 *xor_mask)
{
	unsigned int row_bytes = DIV_ROUND_UP(pw, 8), x, y;

	if (w > pw || h > ph || pitch < w * 4)
		return false;
	memset(and_mask, 0xff, (size_t)row_bytes * ph);
	memset(xor_mask, 0, (size_t)row_bytes * ph);
	for (y = 0; y < h; y++) {
		const u32 *row = (const u32 *)((const u8 *)argb + (size_t)y * pitch);

		for (x = 0; x < w; x++) {
			size_t byte = (size_t)y * row_bytes + x / 8;
			u8 bit = 0x80 >> (x % 8);

			if (row[x] >> 24 < 0x80)
				continue;
			and_mask[byte] &= ~bit;
			if (vpshim_display_argb_white(row[x]))
				xor_mask[byte] |= bit;
		}
	}
	return true;
}
EXPORT_SYMBOL_VPSHIM(vpshim_display_mono_pointer);
