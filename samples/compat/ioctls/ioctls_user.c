// SPDX-License-Identifier: GPL-2.0
/*
 * The display driver's side of the ioctls corpus miniport.
 *
 * Sends every family of IOCTL_VIDEO_* requests to the miniport through
 * vpshim's request device, once with correct buffers and once with each
 * kind of wrong one, and checks the answers against what the hardware
 * holds, read back through the miniport's private requests (registers,
 * DAC, plane 2, the text buffer) and through the mappings it hands out.
 * One check per request family and per error case:
 *	vpc_ioctls: check NAME: ok [detail]
 *	vpc_ioctls: check NAME: FAIL detail
 * and "vpc_ioctls: done" at the end. The adapter is left as it was found:
 * text mode, registers, DAC, font and text buffer.
 *
 * Usage: ioctls_user /dev/vpshim/<PCI name>
 */

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "uapi/vpshim.h"
#include "miniport.h"
#include "video.h"
#include "dderror.h"
#include "ioctls_private.h"

#define PREFIX			"vpc_ioctls: "
#define CURRENT_PROCESS		((HANDLE)~(ULONG_PTR)0)	/* NtCurrentProcess() */
#define SENTINEL		0xA5
#define FONT_BYTES		(IOCTLS_FONT_CHARACTERS * IOCTLS_FONT_SLOT)
#define STATE_BUFFER		(sizeof(VIDEO_HARDWARE_STATE) + IOCTLS_STATE_SIZE)
#define TEST_OFFSET		0x100000	/* video memory past the VGA planes */
#define BANK_CODE_LENGTH	25

#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))

static int fd = -1;
static int failures;

/* One request's answer. */
struct answer {
	int err;		/* errno of the ioctl, 0 when the miniport saw it */
	ULONG status;
	uint64_t information;
};

static void __attribute__((format(printf, 3, 4)))
report(const char *name, bool ok, const char *fmt, ...)
{
	va_list ap;

	printf(PREFIX "check %s: %s", name, ok ? "ok" : "FAIL ");
	if (!ok)
		failures++;
	if (fmt && (!ok || *fmt)) {
		if (ok)
			putchar(' ');
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
	}
	putchar('\n');
	fflush(stdout);
}

static void skip_check(const char *name, const char *reason)
{
	printf(PREFIX "check %s: skip %s\n", name, reason);
	fflush(stdout);
}

static struct answer request(ULONG code, const void *in, ULONG in_len, void *out,
			     ULONG out_len)
{
	struct vpshim_video_request req;
	struct answer a = { 0 };

	memset(&req, 0, sizeof(req));
	req.code = code;
	req.in_length = in_len;
	req.out_length = out_len;
	req.in_buffer = (uintptr_t)in;
	req.out_buffer = (uintptr_t)out;
	if (ioctl(fd, VPSHIM_IOCTL_VIDEO_REQUEST, &req) < 0) {
		a.err = errno;
		a.status = 0xFFFFFFFF;
		return a;
	}
	a.status = req.status;
	a.information = req.information;
	return a;
}

/* An answer in words; four at a time may be in use in one printf. */
static const char *describe(struct answer a)
{
	static char texts[4][96];
	static unsigned int next;
	char *text = texts[next++ % 4];

	if (a.err)
		snprintf(text, sizeof(texts[0]), "ioctl failed: %s", strerror(a.err));
	else
		snprintf(text, sizeof(texts[0]), "status %u, information %llu", a.status,
			 (unsigned long long)a.information);
	return text;
}

static bool ok_with(struct answer a, uint64_t information)
{
	return !a.err && a.status == NO_ERROR && a.information == information;
}

/*
 * A request with a buffer too small: ERROR_INSUFFICIENT_BUFFER, and nothing
 * written into the output buffer.
 */
static void expect_small(const char *name, ULONG code, const void *in, ULONG in_len,
			 ULONG out_len)
{
	unsigned char out[4096];
	struct answer a;
	ULONG i;
	bool untouched = true;

	memset(out, SENTINEL, sizeof(out));
	a = request(code, in, in_len, out_len ? out : NULL, out_len);
	for (i = 0; i < sizeof(out); i++)
		untouched = untouched && out[i] == SENTINEL;
	report(name, !a.err && a.status == ERROR_INSUFFICIENT_BUFFER && untouched,
	       "%s%s", describe(a), untouched ? "" : ", output written");
}

/* A request that must fail with Status, writing nothing. */
static bool fails_with(struct answer a, ULONG status)
{
	return !a.err && a.status == status && a.information == 0;
}

/* Device memory through a mapping: one access of the given width, not merged or cached. */
static uint32_t mmio_read32(const void *p)
{
	return __atomic_load_n((const uint32_t *)p, __ATOMIC_RELAXED);
}

static void mmio_write32(void *p, uint32_t v)
{
	__atomic_store_n((uint32_t *)p, v, __ATOMIC_RELAXED);
}

static uint16_t mmio_read16(const void *p)
{
	return __atomic_load_n((const uint16_t *)p, __ATOMIC_RELAXED);
}

/* ---- What the hardware holds --------------------------------------------- */

static bool read_registers(IOCTLS_REGISTERS *r)
{
	struct answer a = request(IOCTL_IOCTLS_READ_REGISTERS, NULL, 0, r, sizeof(*r));

	return ok_with(a, sizeof(*r));
}

static bool read_range(ULONG code, ULONG first, ULONG count, void *out, ULONG unit)
{
	IOCTLS_RANGE range = { first, count };
	struct answer a = request(code, &range, sizeof(range), out, count * unit);

	return ok_with(a, (uint64_t)count * unit);
}

static bool read_dac(ULONG first, ULONG count, UCHAR *rgb)
{
	return read_range(IOCTL_IOCTLS_READ_DAC, first, count, rgb, 3);
}

static bool read_font(ULONG first, ULONG count, UCHAR *font)
{
	return read_range(IOCTL_IOCTLS_READ_FONT, first, count, font, IOCTLS_FONT_SLOT);
}

static bool read_text(ULONG cell, UCHAR *char_attr)
{
	return read_range(IOCTL_IOCTLS_READ_TEXT, cell, 1, char_attr, 2);
}

static ULONG text_start(const IOCTLS_REGISTERS *r)
{
	return (ULONG)r->Crtc[0x0C] << 8 | r->Crtc[0x0D];
}

static ULONG text_columns(const IOCTLS_REGISTERS *r)
{
	return (ULONG)r->Crtc[0x01] + 1;
}

static ULONG cursor_location(const IOCTLS_REGISTERS *r)
{
	return (ULONG)r->Crtc[0x0E] << 8 | r->Crtc[0x0F];
}

/* The VGA registers of two snapshots, the VBE enable bit too; not the VBE geometry. */
static bool same_vga(const IOCTLS_REGISTERS *a, const IOCTLS_REGISTERS *b, char *what,
		     size_t len)
{
	int i;

	if (a->MiscOutput != b->MiscOutput) {
		snprintf(what, len, "misc output %#x/%#x", a->MiscOutput, b->MiscOutput);
		return false;
	}
	for (i = 0; i < IOCTLS_SEQUENCER_REGISTERS; i++)
		if (a->Sequencer[i] != b->Sequencer[i]) {
			snprintf(what, len, "SR%02x %#x/%#x", i, a->Sequencer[i], b->Sequencer[i]);
			return false;
		}
	for (i = 0; i < IOCTLS_CRTC_REGISTERS; i++)
		if (a->Crtc[i] != b->Crtc[i]) {
			snprintf(what, len, "CR%02x %#x/%#x", i, a->Crtc[i], b->Crtc[i]);
			return false;
		}
	for (i = 0; i < IOCTLS_GRAPHICS_REGISTERS; i++)
		if (a->Graphics[i] != b->Graphics[i]) {
			snprintf(what, len, "GR%02x %#x/%#x", i, a->Graphics[i], b->Graphics[i]);
			return false;
		}
	for (i = 0; i < IOCTLS_ATTRIBUTE_REGISTERS; i++)
		if (a->Attribute[i] != b->Attribute[i]) {
			snprintf(what, len, "AR%02x %#x/%#x", i, a->Attribute[i], b->Attribute[i]);
			return false;
		}
	if ((a->Dispi[IOCTLS_DISPI_ENABLE] & 1) != (b->Dispi[IOCTLS_DISPI_ENABLE] & 1)) {
		snprintf(what, len, "VBE enable %#x/%#x", a->Dispi[IOCTLS_DISPI_ENABLE],
			 b->Dispi[IOCTLS_DISPI_ENABLE]);
		return false;
	}
	return true;
}

/* ---- Modes ----------------------------------------------------------------- */

static bool set_mode(ULONG mode)
{
	VIDEO_MODE m = { mode };

	return ok_with(request(IOCTL_VIDEO_SET_CURRENT_MODE, &m, sizeof(m), NULL, 0), 0);
}

static bool reset_device(void)
{
	return ok_with(request(IOCTL_VIDEO_RESET_DEVICE, NULL, 0, NULL, 0), 0);
}

static void check_modes(const IOCTLS_REGISTERS *boot)
{
	VIDEO_MODE_INFORMATION modes[IOCTLS_MODES], current;
	VIDEO_NUM_MODES num;
	IOCTLS_REGISTERS r;
	VIDEO_MODE mode;
	struct answer a;
	char what[64];
	bool ok;
	ULONG i;

	a = request(IOCTL_VIDEO_QUERY_NUM_AVAIL_MODES, NULL, 0, &num, sizeof(num));
	report("modes-num", ok_with(a, sizeof(num)) && num.NumModes == IOCTLS_MODES &&
	       num.ModeInformationLength == sizeof(VIDEO_MODE_INFORMATION),
	       "%s, %u modes of %u bytes", describe(a), num.NumModes, num.ModeInformationLength);
	expect_small("modes-num-small-buffer", IOCTL_VIDEO_QUERY_NUM_AVAIL_MODES, NULL, 0,
		     sizeof(num) - 1);

	memset(modes, 0, sizeof(modes));
	a = request(IOCTL_VIDEO_QUERY_AVAIL_MODES, NULL, 0, modes, sizeof(modes));
	ok = ok_with(a, sizeof(modes));
	for (i = 0; ok && i < IOCTLS_MODES; i++)
		ok = modes[i].Length == sizeof(VIDEO_MODE_INFORMATION) && modes[i].ModeIndex == i;
	ok = ok && modes[0].VisScreenWidth == 80 && modes[0].VisScreenHeight == 25 &&
	     !(modes[0].AttributeFlags & VIDEO_MODE_GRAPHICS) &&
	     modes[1].VisScreenWidth == 640 && modes[1].BitsPerPlane == 8 &&
	     (modes[1].AttributeFlags & VIDEO_MODE_PALETTE_DRIVEN) &&
	     modes[2].VisScreenWidth == 800 && modes[2].BitsPerPlane == 16 &&
	     modes[2].RedMask == 0xF800 && modes[2].ScreenStride == 1600;
	report("modes-avail", ok, "%s: %ux%u, %ux%ux%u, %ux%ux%u", describe(a),
	       modes[0].VisScreenWidth, modes[0].VisScreenHeight, modes[1].VisScreenWidth,
	       modes[1].VisScreenHeight, modes[1].BitsPerPlane, modes[2].VisScreenWidth,
	       modes[2].VisScreenHeight, modes[2].BitsPerPlane);
	expect_small("modes-avail-small-buffer", IOCTL_VIDEO_QUERY_AVAIL_MODES, NULL, 0,
		     sizeof(modes) - sizeof(modes[0]));

	a = request(IOCTL_VIDEO_QUERY_CURRENT_MODE, NULL, 0, &current, sizeof(current));
	report("modes-current", ok_with(a, sizeof(current)) &&
	       current.ModeIndex == IOCTLS_MODE_TEXT && current.VisScreenWidth == 80,
	       "%s, mode %u", describe(a), current.ModeIndex);
	expect_small("modes-current-small-buffer", IOCTL_VIDEO_QUERY_CURRENT_MODE, NULL, 0,
		     sizeof(current) / 2);

	/* 800x600x16 through the VBE, video memory kept. */
	ok = set_mode(IOCTLS_MODE_800_600_16 | VIDEO_MODE_NO_ZERO_MEMORY |
		      VIDEO_MODE_MAP_MEM_LINEAR);
	memset(&r, 0, sizeof(r));
	ok = ok && read_registers(&r) && (r.Dispi[IOCTLS_DISPI_ENABLE] & 1) &&
	     r.Dispi[IOCTLS_DISPI_XRES] == 800 && r.Dispi[IOCTLS_DISPI_YRES] == 600 &&
	     r.Dispi[IOCTLS_DISPI_BPP] == 16;
	a = request(IOCTL_VIDEO_QUERY_CURRENT_MODE, NULL, 0, &current, sizeof(current));
	ok = ok && ok_with(a, sizeof(current)) && current.ModeIndex == IOCTLS_MODE_800_600_16;
	report("modes-set", ok, "VBE %ux%ux%u enable %#x, current mode %u",
	       r.Dispi[IOCTLS_DISPI_XRES], r.Dispi[IOCTLS_DISPI_YRES], r.Dispi[IOCTLS_DISPI_BPP],
	       r.Dispi[IOCTLS_DISPI_ENABLE], current.ModeIndex);

	/* The text cursor belongs to text mode. */
	{
		VIDEO_CURSOR_POSITION pos;

		a = request(IOCTL_VIDEO_QUERY_CURSOR_POSITION, NULL, 0, &pos, sizeof(pos));
		report("cursor-in-graphics-mode", fails_with(a, ERROR_INVALID_PARAMETER), "%s",
		       describe(a));
	}

	mode.RequestedMode = 99;
	a = request(IOCTL_VIDEO_SET_CURRENT_MODE, &mode, sizeof(mode), NULL, 0);
	report("modes-set-bad-mode", fails_with(a, ERROR_INVALID_PARAMETER), "%s", describe(a));
	mode.RequestedMode = IOCTLS_MODE_640_480_8;
	expect_small("modes-set-small-buffer", IOCTL_VIDEO_SET_CURRENT_MODE, &mode, 2, 0);

	/* Back to the boot text mode, its registers as they were. */
	ok = reset_device();
	memset(&r, 0, sizeof(r));
	ok = ok && read_registers(&r);
	what[0] = '\0';
	ok = ok && same_vga(&r, boot, what, sizeof(what));
	a = request(IOCTL_VIDEO_QUERY_CURRENT_MODE, NULL, 0, &current, sizeof(current));
	ok = ok && ok_with(a, sizeof(current)) && current.ModeIndex == IOCTLS_MODE_TEXT;
	report("modes-reset", ok, "%s, mode %u%s%s", describe(a), current.ModeIndex,
	       what[0] ? ", differs from boot: " : "", what);
}

/* ---- Video memory ---------------------------------------------------------- */

static void check_memory(void)
{
	VIDEO_MEMORY_INFORMATION info;
	VIDEO_PUBLIC_ACCESS_RANGES ranges;
	VIDEO_SHARE_MEMORY share;
	VIDEO_SHARE_MEMORY_INFORMATION shared;
	VIDEO_MEMORY memory;
	uint32_t *word, *view;
	uint32_t saved, seen;
	struct answer a, b;
	uint16_t id;
	bool ok;

	memory.RequestedVirtualAddress = CURRENT_PROCESS;
	memset(&info, 0, sizeof(info));
	a = request(IOCTL_VIDEO_MAP_VIDEO_MEMORY, &memory, sizeof(memory), &info, sizeof(info));
	ok = ok_with(a, sizeof(info)) && info.VideoRamBase && info.VideoRamLength >= 0x400000 &&
	     info.FrameBufferBase == info.VideoRamBase;
	report("memory-map", ok, "%s, %u KB at %p", describe(a), info.VideoRamLength / 1024,
	       info.VideoRamBase);
	expect_small("memory-map-small-output", IOCTL_VIDEO_MAP_VIDEO_MEMORY, &memory,
		     sizeof(memory), sizeof(info) - 1);
	expect_small("memory-map-small-input", IOCTL_VIDEO_MAP_VIDEO_MEMORY, &memory, 4,
		     sizeof(info));

	/* The same memory through a shared view: a write in one is seen in the other. */
	memset(&share, 0, sizeof(share));
	share.ProcessHandle = CURRENT_PROCESS;
	share.ViewOffset = TEST_OFFSET;
	share.ViewSize = 0x10000;
	memset(&shared, 0, sizeof(shared));
	b = request(IOCTL_VIDEO_SHARE_VIDEO_MEMORY, &share, sizeof(share), &shared,
		    sizeof(shared));
	ok = ok && ok_with(b, sizeof(shared)) && shared.VirtualAddress &&
	     shared.SharedViewOffset == TEST_OFFSET && shared.SharedViewSize >= 0x10000;
	seen = 0;
	if (ok) {
		word = (uint32_t *)((char *)info.VideoRamBase + TEST_OFFSET + 16);
		view = (uint32_t *)((char *)shared.VirtualAddress + 16);
		saved = mmio_read32(word);
		mmio_write32(word, 0x56504331);		/* "VPC1" */
		seen = mmio_read32(view);
		mmio_write32(word, saved);
		ok = seen == 0x56504331;
	}
	report("memory-share", ok, "%s, view %p+%#x, read %#x through it", describe(b),
	       shared.VirtualAddress, shared.SharedViewSize, seen);

	memset(&share, 0, sizeof(share));
	share.ProcessHandle = CURRENT_PROCESS;
	share.ViewOffset = 0xFFFF0000;
	share.ViewSize = 0x10000;
	a = request(IOCTL_VIDEO_SHARE_VIDEO_MEMORY, &share, sizeof(share), &shared,
		    sizeof(shared));
	ok = fails_with(a, ERROR_INVALID_PARAMETER);
	share.ViewOffset = 0;
	share.ViewSize = 0;
	a = request(IOCTL_VIDEO_SHARE_VIDEO_MEMORY, &share, sizeof(share), &shared,
		    sizeof(shared));
	report("memory-share-bad-view", ok && fails_with(a, ERROR_INVALID_PARAMETER), "%s",
	       describe(a));
	share.ViewOffset = TEST_OFFSET;
	share.ViewSize = 0x1000;
	expect_small("memory-share-small-buffer", IOCTL_VIDEO_SHARE_VIDEO_MEMORY, &share,
		     sizeof(share), sizeof(shared) - 1);

	/* Unshare, unmap; then the same addresses are no mapping any more. */
	memset(&share, 0, sizeof(share));
	share.ProcessHandle = CURRENT_PROCESS;
	share.RequestedVirtualAddress = shared.VirtualAddress;
	a = request(IOCTL_VIDEO_UNSHARE_VIDEO_MEMORY, &share, sizeof(share), NULL, 0);
	ok = ok_with(a, 0);
	b = request(IOCTL_VIDEO_UNSHARE_VIDEO_MEMORY, &share, sizeof(share), NULL, 0);
	report("memory-unshare", ok && fails_with(b, ERROR_INVALID_PARAMETER),
	       "%s; again: %s", describe(a), describe(b));

	memory.RequestedVirtualAddress = info.VideoRamBase;
	a = request(IOCTL_VIDEO_UNMAP_VIDEO_MEMORY, &memory, sizeof(memory), NULL, 0);
	report("memory-unmap", ok_with(a, 0), "%s", describe(a));
	a = request(IOCTL_VIDEO_UNMAP_VIDEO_MEMORY, &memory, sizeof(memory), NULL, 0);
	report("memory-unmap-bad-address", fails_with(a, ERROR_INVALID_PARAMETER), "%s",
	       describe(a));
	expect_small("memory-unmap-small-buffer", IOCTL_VIDEO_UNMAP_VIDEO_MEMORY, &memory, 4, 0);

	/* The register BAR: the VBE ID register answers through it. */
	memset(&ranges, 0, sizeof(ranges));
	a = request(IOCTL_VIDEO_QUERY_PUBLIC_ACCESS_RANGES, NULL, 0, &ranges, sizeof(ranges));
	ok = ok_with(a, sizeof(ranges)) && ranges.VirtualAddress && !ranges.InIoSpace &&
	     !ranges.MappedInIoSpace;
	id = 0;
	if (ok) {
		id = mmio_read16((char *)ranges.VirtualAddress + 0x500);
		ok = id >= 0xB0C0 && id <= 0xB0C5;
	}
	memory.RequestedVirtualAddress = ranges.VirtualAddress;
	b = request(IOCTL_VIDEO_FREE_PUBLIC_ACCESS_RANGES, &memory, sizeof(memory), NULL, 0);
	report("memory-public-access-ranges", ok && ok_with(b, 0),
	       "%s, VBE ID %#x through %p; free: %s", describe(a), id, ranges.VirtualAddress,
	       describe(b));
	b = request(IOCTL_VIDEO_FREE_PUBLIC_ACCESS_RANGES, &memory, sizeof(memory), NULL, 0);
	report("memory-public-access-ranges-free-twice", fails_with(b, ERROR_INVALID_PARAMETER),
	       "%s", describe(b));
	expect_small("memory-public-access-ranges-small-buffer",
		     IOCTL_VIDEO_QUERY_PUBLIC_ACCESS_RANGES, NULL, 0, sizeof(ranges) - 1);
}

/* ---- The text cursor ----------------------------------------------------------- */

static void check_cursor(void)
{
	VIDEO_CURSOR_POSITION pos, got;
	VIDEO_CURSOR_ATTRIBUTES attr, gota;
	IOCTLS_REGISTERS r;
	struct answer a, b;
	ULONG location;
	bool ok;

	pos.Column = 10;
	pos.Row = 5;
	a = request(IOCTL_VIDEO_SET_CURSOR_POSITION, &pos, sizeof(pos), NULL, 0);
	memset(&got, 0xFF, sizeof(got));
	b = request(IOCTL_VIDEO_QUERY_CURSOR_POSITION, NULL, 0, &got, sizeof(got));
	ok = ok_with(a, 0) && ok_with(b, sizeof(got)) && got.Column == 10 && got.Row == 5 &&
	     read_registers(&r);
	location = cursor_location(&r);
	ok = ok && location == text_start(&r) + 5 * text_columns(&r) + 10;
	report("cursor-position", ok, "set %s, query %s: (%d,%d), CRTC location %u",
	       describe(a), describe(b), got.Column, got.Row, location);

	pos.Column = 80;
	pos.Row = 0;
	a = request(IOCTL_VIDEO_SET_CURSOR_POSITION, &pos, sizeof(pos), NULL, 0);
	ok = fails_with(a, ERROR_INVALID_PARAMETER);
	pos.Column = 0;
	pos.Row = -1;
	a = request(IOCTL_VIDEO_SET_CURSOR_POSITION, &pos, sizeof(pos), NULL, 0);
	ok = ok && fails_with(a, ERROR_INVALID_PARAMETER) && read_registers(&r) &&
	     cursor_location(&r) == location;
	report("cursor-position-bad", ok, "%s, CRTC location %u", describe(a),
	       cursor_location(&r));
	expect_small("cursor-position-small-output", IOCTL_VIDEO_QUERY_CURSOR_POSITION, NULL, 0,
		     sizeof(got) - 1);
	expect_small("cursor-position-small-input", IOCTL_VIDEO_SET_CURSOR_POSITION, &pos, 2, 0);

	/* Scan lines 12 to 14 of the cell, visible. */
	memset(&attr, 0, sizeof(attr));
	attr.Height = 12;
	attr.Width = 14;
	attr.Enable = 1;
	a = request(IOCTL_VIDEO_SET_CURSOR_ATTR, &attr, sizeof(attr), NULL, 0);
	memset(&gota, 0xFF, sizeof(gota));
	b = request(IOCTL_VIDEO_QUERY_CURSOR_ATTR, NULL, 0, &gota, sizeof(gota));
	ok = ok_with(a, 0) && ok_with(b, sizeof(gota)) && gota.Height == 12 &&
	     gota.Width == 14 && gota.Enable && read_registers(&r) &&
	     (r.Crtc[0x0A] & 0x3F) == 12 && (r.Crtc[0x0B] & 0x1F) == 14;
	report("cursor-attr", ok, "query %s: lines %u-%u enable %u, CR0A %#x CR0B %#x",
	       describe(b), gota.Height, gota.Width, gota.Enable, r.Crtc[0x0A], r.Crtc[0x0B]);

	attr.Height = 14;
	attr.Width = 12;
	a = request(IOCTL_VIDEO_SET_CURSOR_ATTR, &attr, sizeof(attr), NULL, 0);
	ok = fails_with(a, ERROR_INVALID_PARAMETER);
	attr.Height = 0;
	attr.Width = 40;
	a = request(IOCTL_VIDEO_SET_CURSOR_ATTR, &attr, sizeof(attr), NULL, 0);
	report("cursor-attr-bad", ok && fails_with(a, ERROR_INVALID_PARAMETER), "%s",
	       describe(a));
	expect_small("cursor-attr-small-output", IOCTL_VIDEO_QUERY_CURSOR_ATTR, NULL, 0,
		     sizeof(gota) - 1);
	expect_small("cursor-attr-small-input", IOCTL_VIDEO_SET_CURSOR_ATTR, &attr, 4, 0);

	a = request(IOCTL_VIDEO_DISABLE_CURSOR, NULL, 0, NULL, 0);
	ok = ok_with(a, 0) && read_registers(&r) && (r.Crtc[0x0A] & 0x20);
	b = request(IOCTL_VIDEO_QUERY_CURSOR_ATTR, NULL, 0, &gota, sizeof(gota));
	ok = ok && ok_with(b, sizeof(gota)) && !gota.Enable;
	a = request(IOCTL_VIDEO_ENABLE_CURSOR, NULL, 0, NULL, 0);
	ok = ok && ok_with(a, 0) && read_registers(&r) && !(r.Crtc[0x0A] & 0x20);
	report("cursor-enable", ok, "CR0A %#x after enable", r.Crtc[0x0A]);
}

/* ---- The mouse pointer ------------------------------------------------------------ */

static bool cell_attribute(ULONG column, ULONG row, UCHAR *attribute)
{
	IOCTLS_REGISTERS r;
	UCHAR cell[2];

	if (!read_registers(&r) ||
	    !read_text(text_start(&r) + row * text_columns(&r) + column, cell))
		return false;
	*attribute = cell[1];
	return true;
}

static void check_pointer(void)
{
	unsigned char buffer[sizeof(VIDEO_POINTER_ATTRIBUTES) + 64];
	VIDEO_POINTER_ATTRIBUTES *attr = (VIDEO_POINTER_ATTRIBUTES *)buffer;
	VIDEO_POINTER_ATTRIBUTES gota;
	VIDEO_POINTER_CAPABILITIES caps;
	VIDEO_POINTER_POSITION pos, gotp;
	UCHAR before1 = 0, before2 = 0, now1 = 0, now2 = 0;
	struct answer a, b;
	ULONG shape;
	bool ok;

	memset(&caps, 0, sizeof(caps));
	a = request(IOCTL_VIDEO_QUERY_POINTER_CAPABILITIES, NULL, 0, &caps, sizeof(caps));
	report("pointer-capabilities", ok_with(a, sizeof(caps)) &&
	       (caps.Flags & VIDEO_MODE_MONO_POINTER) && caps.MaxWidth == 8 &&
	       caps.MaxHeight >= 8, "%s, flags %#x, %ux%u", describe(a), caps.Flags,
	       caps.MaxWidth, caps.MaxHeight);
	expect_small("pointer-capabilities-small-buffer", IOCTL_VIDEO_QUERY_POINTER_CAPABILITIES,
		     NULL, 0, sizeof(caps) - 1);

	ok = cell_attribute(20, 10, &before1) && cell_attribute(30, 12, &before2);

	/* A monochrome 8x16 shape: AND mask, then XOR mask. */
	memset(buffer, 0, sizeof(buffer));
	attr->Flags = VIDEO_MODE_MONO_POINTER;
	attr->Width = 8;
	attr->Height = 16;
	attr->WidthInBytes = 1;
	attr->Enable = 1;
	attr->Column = 20;
	attr->Row = 10;
	shape = attr->WidthInBytes * attr->Height * 2;
	memset(attr->Pixels, 0xF0, shape);
	a = request(IOCTL_VIDEO_SET_POINTER_ATTR, attr,
		    offsetof(VIDEO_POINTER_ATTRIBUTES, Pixels) + shape, NULL, 0);
	memset(&gota, 0xFF, sizeof(gota));
	b = request(IOCTL_VIDEO_QUERY_POINTER_ATTR, NULL, 0, &gota, sizeof(gota));
	ok = ok && ok_with(a, 0) && ok_with(b, sizeof(gota)) &&
	     gota.Flags == VIDEO_MODE_MONO_POINTER && gota.Width == 8 && gota.Height == 16 &&
	     gota.Enable && gota.Column == 20 && gota.Row == 10 &&
	     cell_attribute(20, 10, &now1) && now1 == (before1 ^ IOCTLS_POINTER_INVERT);
	report("pointer-attr", ok, "set %s, query %s, cell (20,10) attribute %#x -> %#x",
	       describe(a), describe(b), before1, now1);

	/* Colour, too wide, too tall; and a shape shorter than it says. */
	attr->Flags = VIDEO_MODE_COLOR_POINTER;
	a = request(IOCTL_VIDEO_SET_POINTER_ATTR, attr,
		    offsetof(VIDEO_POINTER_ATTRIBUTES, Pixels) + shape, NULL, 0);
	ok = fails_with(a, ERROR_INVALID_PARAMETER);
	attr->Flags = VIDEO_MODE_MONO_POINTER;
	attr->Width = 64;
	a = request(IOCTL_VIDEO_SET_POINTER_ATTR, attr,
		    offsetof(VIDEO_POINTER_ATTRIBUTES, Pixels) + shape, NULL, 0);
	ok = ok && fails_with(a, ERROR_INVALID_PARAMETER);
	attr->Width = 8;
	attr->Column = 200;
	a = request(IOCTL_VIDEO_SET_POINTER_ATTR, attr,
		    offsetof(VIDEO_POINTER_ATTRIBUTES, Pixels) + shape, NULL, 0);
	ok = ok && fails_with(a, ERROR_INVALID_PARAMETER) && cell_attribute(20, 10, &now1) &&
	     now1 == (before1 ^ IOCTLS_POINTER_INVERT);
	report("pointer-attr-bad", ok, "%s; the pointer stayed where it was", describe(a));
	attr->Column = 20;
	expect_small("pointer-attr-small-input", IOCTL_VIDEO_SET_POINTER_ATTR, attr,
		     offsetof(VIDEO_POINTER_ATTRIBUTES, Pixels) + shape - 1, 0);
	expect_small("pointer-attr-small-output", IOCTL_VIDEO_QUERY_POINTER_ATTR, NULL, 0,
		     sizeof(gota) - 1);

	pos.Column = 30;
	pos.Row = 12;
	a = request(IOCTL_VIDEO_SET_POINTER_POSITION, &pos, sizeof(pos), NULL, 0);
	memset(&gotp, 0xFF, sizeof(gotp));
	b = request(IOCTL_VIDEO_QUERY_POINTER_POSITION, NULL, 0, &gotp, sizeof(gotp));
	ok = ok_with(a, 0) && ok_with(b, sizeof(gotp)) && gotp.Column == 30 && gotp.Row == 12 &&
	     cell_attribute(20, 10, &now1) && now1 == before1 &&
	     cell_attribute(30, 12, &now2) && now2 == (before2 ^ IOCTLS_POINTER_INVERT);
	report("pointer-position", ok, "query (%d,%d), old cell %#x, new cell %#x -> %#x",
	       gotp.Column, gotp.Row, now1, before2, now2);
	pos.Column = -1;
	a = request(IOCTL_VIDEO_SET_POINTER_POSITION, &pos, sizeof(pos), NULL, 0);
	report("pointer-position-bad", fails_with(a, ERROR_INVALID_PARAMETER), "%s",
	       describe(a));
	expect_small("pointer-position-small-output", IOCTL_VIDEO_QUERY_POINTER_POSITION, NULL,
		     0, sizeof(gotp) - 1);

	a = request(IOCTL_VIDEO_DISABLE_POINTER, NULL, 0, NULL, 0);
	ok = ok_with(a, 0) && cell_attribute(30, 12, &now2) && now2 == before2;
	b = request(IOCTL_VIDEO_ENABLE_POINTER, NULL, 0, NULL, 0);
	ok = ok && ok_with(b, 0) && cell_attribute(30, 12, &now2) &&
	     now2 == (before2 ^ IOCTLS_POINTER_INVERT);
	a = request(IOCTL_VIDEO_DISABLE_POINTER, NULL, 0, NULL, 0);
	ok = ok && ok_with(a, 0) && cell_attribute(30, 12, &now2) && now2 == before2;
	report("pointer-enable", ok, "cell (30,12) %#x after the last disable", now2);
}

/* ---- Hardware state ---------------------------------------------------------------- */

static struct answer save_state(unsigned char *buffer)
{
	VIDEO_HARDWARE_STATE *state = (VIDEO_HARDWARE_STATE *)buffer;

	memset(buffer, 0, STATE_BUFFER);
	/* The requester's own address of the block, which the driver leaves alone. */
	state->StateHeader = (PVIDEO_HARDWARE_STATE_HEADER)(buffer + sizeof(*state));
	state->StateLength = IOCTLS_STATE_SIZE;
	return request(IOCTL_VIDEO_SAVE_HARDWARE_STATE, buffer, sizeof(*state), buffer,
		       STATE_BUFFER);
}

static struct answer restore_state(unsigned char *buffer, ULONG length)
{
	return request(IOCTL_VIDEO_RESTORE_HARDWARE_STATE, buffer, length, NULL, 0);
}

static void check_hardware_state(void)
{
	static unsigned char first[STATE_BUFFER], second[STATE_BUFFER], bad[STATE_BUFFER];
	VIDEO_HARDWARE_STATE *state = (VIDEO_HARDWARE_STATE *)first;
	VIDEO_HARDWARE_STATE_HEADER *header;
	VIDEO_CURSOR_POSITION pos = { 33, 3 };
	VIDEO_POWER_MANAGEMENT power;
	IOCTLS_REGISTERS before, after;
	unsigned char clut[sizeof(VIDEO_CLUT)];
	VIDEO_CLUT *c = (VIDEO_CLUT *)clut;
	VIDEO_PALETTE_DATA palette;
	struct answer a, b;
	char what[64] = "";
	size_t i, differ;
	bool ok;

	a = save_state(first);
	header = (VIDEO_HARDWARE_STATE_HEADER *)(first + sizeof(*state));
	ok = ok_with(a, STATE_BUFFER) && state->StateLength == IOCTLS_STATE_SIZE &&
	     state->StateHeader == (PVIDEO_HARDWARE_STATE_HEADER)(first + sizeof(*state)) &&
	     header->Length == sizeof(*header) && header->BasicDacOffset > sizeof(*header) &&
	     header->BasicDacOffset + 768 <= IOCTLS_STATE_SIZE;

	/* Change a bit of everything it holds. */
	request(IOCTL_VIDEO_SET_CURSOR_POSITION, &pos, sizeof(pos), NULL, 0);
	request(IOCTL_VIDEO_DISABLE_CURSOR, NULL, 0, NULL, 0);
	c->NumEntries = 1;
	c->FirstEntry = 77;
	c->LookupTable[0].RgbLong = 0x00FC0480;
	request(IOCTL_VIDEO_SET_COLOR_REGISTERS, clut, sizeof(clut), NULL, 0);
	palette.NumEntries = 1;
	palette.FirstEntry = 5;
	palette.Colors[0] = 0x3F;
	request(IOCTL_VIDEO_SET_PALETTE_REGISTERS, &palette, sizeof(palette), NULL, 0);
	power.Length = sizeof(power);
	power.DPMSVersion = 0;
	power.PowerState = VideoPowerOff;
	request(IOCTL_VIDEO_SET_POWER_MANAGEMENT, &power, sizeof(power), NULL, 0);
	ok = ok && read_registers(&before);

	b = restore_state(first, STATE_BUFFER);
	ok = ok && ok_with(b, 0) && read_registers(&after);
	a = save_state(second);
	ok = ok && ok_with(a, STATE_BUFFER);
	differ = IOCTLS_STATE_SIZE;
	for (i = sizeof(*state); i < STATE_BUFFER; i++)
		if (first[i] != second[i]) {
			differ = i - sizeof(*state);
			break;
		}
	ok = ok && differ == IOCTLS_STATE_SIZE && !same_vga(&before, &after, what, sizeof(what));
	report("hwstate-save-restore", ok, "restore %s; the state saved again differs at byte "
	       "%zu of %u (%s); changed before the restore: %s", describe(b),
	       differ, IOCTLS_STATE_SIZE, differ == IOCTLS_STATE_SIZE ? "none" : "FAIL",
	       what[0] ? what : "nothing?");
	power.PowerState = VideoPowerOn;
	request(IOCTL_VIDEO_SET_POWER_MANAGEMENT, &power, sizeof(power), NULL, 0);

	expect_small("hwstate-save-small-buffer", IOCTL_VIDEO_SAVE_HARDWARE_STATE, NULL, 0,
		     sizeof(VIDEO_HARDWARE_STATE));
	expect_small("hwstate-restore-small-buffer", IOCTL_VIDEO_RESTORE_HARDWARE_STATE, first,
		     STATE_BUFFER - 1, 0);

	/* Offsets pointing out of the block: refused before any register moves. */
	memcpy(bad, first, sizeof(bad));
	header = (VIDEO_HARDWARE_STATE_HEADER *)(bad + sizeof(*state));
	header->BasicDacOffset = 0xFFFF0000;
	ok = read_registers(&before);
	a = restore_state(bad, STATE_BUFFER);
	ok = ok && fails_with(a, ERROR_INVALID_PARAMETER) && read_registers(&after) &&
	     same_vga(&before, &after, what, sizeof(what));
	memcpy(bad, first, sizeof(bad));
	header->Length = 12;
	b = restore_state(bad, STATE_BUFFER);
	report("hwstate-restore-bad-offsets", ok && fails_with(b, ERROR_INVALID_PARAMETER),
	       "%s; bad header length: %s", describe(a), describe(b));
}

/* ---- Fonts ---------------------------------------------------------------------------- */

/*
 * LOAD_AND_SET_FONT of 256 characters of Height rows (RowsLength bytes at
 * Rows, the rest zero), FontSize Size; InLength 0: the input holds it all.
 */
static struct answer load_font(const UCHAR *rows, size_t rows_length, ULONG height,
			       ULONG width, ULONG size, ULONG in_len)
{
	static unsigned char buffer[sizeof(VIDEO_LOAD_FONT_INFORMATION) + 33 * 256];
	VIDEO_LOAD_FONT_INFORMATION *font = (VIDEO_LOAD_FONT_INFORMATION *)buffer;
	size_t n = (size_t)height * 256;

	memset(buffer, 0, sizeof(buffer));
	font->WidthInPixels = width;
	font->HeightInPixels = height;
	font->FontSize = size;
	if (n > rows_length)
		n = rows_length;
	memcpy(font->Font, rows, n);
	return request(IOCTL_VIDEO_LOAD_AND_SET_FONT, buffer,
		       in_len ? in_len : offsetof(VIDEO_LOAD_FONT_INFORMATION, Font) + size,
		       NULL, 0);
}

/* The first Height bytes of each plane-2 slot: the font as LOAD_AND_SET_FONT takes it. */
static void font_rows(const UCHAR *slots, ULONG height, UCHAR *rows)
{
	ULONG c;

	for (c = 0; c < 256; c++)
		memcpy(rows + c * height, slots + c * IOCTLS_FONT_SLOT, height);
}

/* The address of a kernel symbol, or 0 when kallsyms does not say. */
static uint64_t kernel_address(const char *symbol)
{
	char line[256], type, name[200];
	unsigned long long address;
	uint64_t found = 0;
	FILE *f = fopen("/proc/kallsyms", "r");

	if (!f)
		return 0;
	while (!found && fgets(line, sizeof(line), f))
		if (sscanf(line, "%llx %c %199s", &address, &type, name) == 3 &&
		    !strcmp(name, symbol))
			found = address;
	fclose(f);
	return found;
}

static void check_font(UCHAR *boot_font, ULONG boot_height)
{
	static UCHAR rows[256 * 16], back[FONT_BYTES], original[256 * 32];
	struct answer a, b;
	uint64_t address;
	ULONG c, i, bad_char = 0;
	bool ok;

	/* A pattern no font has, every byte below 80h. */
	for (c = 0; c < 256; c++)
		for (i = 0; i < 16; i++)
			rows[c * 16 + i] = (UCHAR)(((c + i) * 37 + 5) & 0x7F);
	a = load_font(rows, sizeof(rows), 16, 8, 256 * 16, 0);
	ok = ok_with(a, 0) && read_font(0, 256, back);
	for (c = 0; ok && c < 256; c++)
		if (memcmp(back + c * 32, rows + c * 16, 16) ||
		    memcmp(back + c * 32 + 16, boot_font + c * 32 + 16, 16)) {
			ok = false;
			bad_char = c;
		}
	report("font-load", ok, "%s; read back from plane 2%s%u", describe(a),
	       ok ? ", 256 characters" : ", first difference in character ", ok ? 256 : bad_char);

	a = load_font(rows, sizeof(rows), 16, 9, 256 * 16, 0);
	ok = fails_with(a, ERROR_INVALID_PARAMETER);
	a = load_font(rows, sizeof(rows), 33, 8, 256 * 32, 0);
	ok = ok && fails_with(a, ERROR_INVALID_PARAMETER);
	a = load_font(rows, sizeof(rows), 0, 8, 256 * 16, 0);
	ok = ok && fails_with(a, ERROR_INVALID_PARAMETER);
	a = load_font(rows, sizeof(rows), 16, 8, 256 * 16 - 1, 0);
	report("font-bad", ok && fails_with(a, ERROR_INVALID_PARAMETER), "%s", describe(a));
	a = load_font(rows, sizeof(rows), 16, 8, 256 * 16,
		      offsetof(VIDEO_LOAD_FONT_INFORMATION, Font) + 256 * 16 - 1);
	report("font-small-buffer", fails_with(a, ERROR_INSUFFICIENT_BUFFER), "%s", describe(a));

	/*
	 * Font data is data: a glyph whose rows happen to spell a kernel
	 * address must come back like any other.
	 */
	address = kernel_address("_stext");
	if (!address) {
		skip_check("font-readback-arbitrary-bytes", "no kernel address in /proc/kallsyms");
	} else {
		memcpy(rows + 1 * 16, &address, sizeof(address));
		a = load_font(rows, sizeof(rows), 16, 8, 256 * 16, 0);
		memset(back, 0, 32);
		b = request(IOCTL_IOCTLS_READ_FONT, &(IOCTLS_RANGE){ 1, 1 }, sizeof(IOCTLS_RANGE),
			    back, 32);
		report("font-readback-arbitrary-bytes", ok_with(a, 0) && ok_with(b, 32) &&
		       !memcmp(back, &address, sizeof(address)),
		       "glyph 1 rows 0-7 hold %#llx; load %s, read %s", (unsigned long long)address,
		       describe(a), describe(b));
	}

	/* The boot font back. */
	font_rows(boot_font, boot_height, original);
	a = load_font(original, sizeof(original), boot_height, 8, 256 * boot_height, 0);
	ok = ok_with(a, 0) && read_font(0, 256, back) && !memcmp(back, boot_font, FONT_BYTES);
	report("font-restore", ok, "%s, %u lines", describe(a), boot_height);
}

/* ---- Bank switching ---------------------------------------------------------------- */

static void check_bank_select(void)
{
	unsigned char buffer[sizeof(VIDEO_BANK_SELECT) + 128];
	VIDEO_BANK_SELECT *bank = (VIDEO_BANK_SELECT *)buffer;
	struct answer a, b;
	bool ok;

	memset(buffer, 0, sizeof(buffer));
	a = request(IOCTL_VIDEO_GET_BANK_SELECT_CODE, NULL, 0, bank, sizeof(*bank));
	report("bank-select-text", ok_with(a, sizeof(*bank)) && bank->BankingType == VideoNotBanked,
	       "%s, banking type %u", describe(a), bank->BankingType);

	/* 640x480x8 without MAP_MEM_LINEAR: banks through A0000h, code included. */
	ok = set_mode(IOCTLS_MODE_640_480_8 | VIDEO_MODE_NO_ZERO_MEMORY);
	memset(buffer, 0, sizeof(buffer));
	a = request(IOCTL_VIDEO_GET_BANK_SELECT_CODE, NULL, 0, bank, sizeof(*bank));
	ok = ok && !a.err && a.status == ERROR_MORE_DATA && a.information == sizeof(*bank) &&
	     bank->Size == sizeof(*bank) + BANK_CODE_LENGTH;
	memset(buffer, 0, sizeof(buffer));
	b = request(IOCTL_VIDEO_GET_BANK_SELECT_CODE, NULL, 0, bank,
		    sizeof(*bank) + BANK_CODE_LENGTH);
	ok = ok && ok_with(b, sizeof(*bank) + BANK_CODE_LENGTH) &&
	     bank->BankingType == VideoBanked1RW && bank->Granularity == 0x10000 &&
	     bank->CodeOffset == sizeof(*bank) && bank->BitmapWidthInBytes == 640 &&
	     buffer[bank->CodeOffset + BANK_CODE_LENGTH - 1] == 0xC3;
	report("bank-select-banked", ok, "first %s, Size %u; then %s, type %u, granularity %#x",
	       describe(a), bank->Size, describe(b), bank->BankingType, bank->Granularity);
	expect_small("bank-select-small-buffer", IOCTL_VIDEO_GET_BANK_SELECT_CODE, NULL, 0,
		     sizeof(*bank) - 1);

	ok = set_mode(IOCTLS_MODE_640_480_8 | VIDEO_MODE_NO_ZERO_MEMORY |
		      VIDEO_MODE_MAP_MEM_LINEAR);
	memset(buffer, 0, sizeof(buffer));
	a = request(IOCTL_VIDEO_GET_BANK_SELECT_CODE, NULL, 0, bank, sizeof(buffer));
	report("bank-select-linear", ok && ok_with(a, sizeof(*bank)) &&
	       bank->BankingType == VideoNotBanked, "%s, type %u", describe(a), bank->BankingType);
	reset_device();
}

/* ---- Colour ---------------------------------------------------------------------------- */

static void check_color(const IOCTLS_REGISTERS *boot)
{
	unsigned char clut_buffer[sizeof(VIDEO_CLUT) + 4 * sizeof(ULONG)];
	VIDEO_CLUT *clut = (VIDEO_CLUT *)clut_buffer;
	unsigned char palette_buffer[sizeof(VIDEO_PALETTE_DATA) + 4 * sizeof(USHORT)];
	VIDEO_PALETTE_DATA *palette = (VIDEO_PALETTE_DATA *)palette_buffer;
	static const UCHAR rgb[3][3] = { { 0x40, 0x80, 0xC0 }, { 0xFC, 0x00, 0x04 },
					 { 0x10, 0x20, 0x30 } };
	VIDEO_COLOR_CAPABILITIES caps;
	UCHAR saved[9], dac[9];
	IOCTLS_REGISTERS r;
	struct answer a, b;
	ULONG i;
	bool ok;

	ok = read_dac(250, 3, saved);
	clut->NumEntries = 3;
	clut->FirstEntry = 250;
	for (i = 0; i < 3; i++) {
		clut->LookupTable[i].RgbArray.Red = rgb[i][0];
		clut->LookupTable[i].RgbArray.Green = rgb[i][1];
		clut->LookupTable[i].RgbArray.Blue = rgb[i][2];
		clut->LookupTable[i].RgbArray.Unused = 0;
	}
	a = request(IOCTL_VIDEO_SET_COLOR_REGISTERS, clut,
		    offsetof(VIDEO_CLUT, LookupTable) + 3 * sizeof(ULONG), NULL, 0);
	ok = ok && ok_with(a, 0) && read_dac(250, 3, dac);
	for (i = 0; ok && i < 9; i++)
		ok = dac[i] == rgb[i / 3][i % 3] >> 2;
	report("color-registers", ok, "%s; DAC 250: %02x %02x %02x (6 bits)", describe(a),
	       dac[0], dac[1], dac[2]);

	clut->FirstEntry = 255;
	clut->NumEntries = 2;
	a = request(IOCTL_VIDEO_SET_COLOR_REGISTERS, clut,
		    offsetof(VIDEO_CLUT, LookupTable) + 2 * sizeof(ULONG), NULL, 0);
	report("color-registers-bad", fails_with(a, ERROR_INVALID_PARAMETER), "%s", describe(a));
	clut->FirstEntry = 250;
	clut->NumEntries = 3;
	expect_small("color-registers-small-buffer", IOCTL_VIDEO_SET_COLOR_REGISTERS, clut,
		     offsetof(VIDEO_CLUT, LookupTable) + 2 * sizeof(ULONG), 0);

	/* The DAC as it was. */
	for (i = 0; i < 3; i++) {
		clut->LookupTable[i].RgbArray.Red = saved[i * 3] << 2;
		clut->LookupTable[i].RgbArray.Green = saved[i * 3 + 1] << 2;
		clut->LookupTable[i].RgbArray.Blue = saved[i * 3 + 2] << 2;
	}
	b = request(IOCTL_VIDEO_SET_COLOR_REGISTERS, clut,
		    offsetof(VIDEO_CLUT, LookupTable) + 3 * sizeof(ULONG), NULL, 0);
	ok = ok_with(b, 0) && read_dac(250, 3, dac) && !memcmp(dac, saved, sizeof(dac));
	report("color-registers-restore", ok, "%s", describe(b));

	palette->NumEntries = 2;
	palette->FirstEntry = 1;
	palette->Colors[0] = 0x15;
	palette->Colors[1] = 0x2A;
	a = request(IOCTL_VIDEO_SET_PALETTE_REGISTERS, palette,
		    offsetof(VIDEO_PALETTE_DATA, Colors) + 2 * sizeof(USHORT), NULL, 0);
	ok = ok_with(a, 0) && read_registers(&r) && r.Attribute[1] == 0x15 &&
	     r.Attribute[2] == 0x2A;
	report("palette-registers", ok, "%s; AR01 %#x AR02 %#x", describe(a), r.Attribute[1],
	       r.Attribute[2]);
	palette->FirstEntry = 15;
	a = request(IOCTL_VIDEO_SET_PALETTE_REGISTERS, palette,
		    offsetof(VIDEO_PALETTE_DATA, Colors) + 2 * sizeof(USHORT), NULL, 0);
	report("palette-registers-bad", fails_with(a, ERROR_INVALID_PARAMETER), "%s",
	       describe(a));
	palette->FirstEntry = 1;
	expect_small("palette-registers-small-buffer", IOCTL_VIDEO_SET_PALETTE_REGISTERS, palette,
		     offsetof(VIDEO_PALETTE_DATA, Colors) + sizeof(USHORT), 0);
	palette->Colors[0] = boot->Attribute[1];
	palette->Colors[1] = boot->Attribute[2];
	request(IOCTL_VIDEO_SET_PALETTE_REGISTERS, palette,
		offsetof(VIDEO_PALETTE_DATA, Colors) + 2 * sizeof(USHORT), NULL, 0);

	memset(&caps, 0, sizeof(caps));
	a = request(IOCTL_VIDEO_QUERY_COLOR_CAPABILITIES, NULL, 0, &caps, sizeof(caps));
	report("color-capabilities", ok_with(a, sizeof(caps)) && caps.Length == sizeof(caps) &&
	       (caps.AttributeFlags & VIDEO_DEVICE_COLOR) && caps.WhiteChromaticity_x > 0,
	       "%s, white point (%d, %d)", describe(a), caps.WhiteChromaticity_x,
	       caps.WhiteChromaticity_y);
	expect_small("color-capabilities-small-buffer", IOCTL_VIDEO_QUERY_COLOR_CAPABILITIES,
		     NULL, 0, sizeof(caps) - 4);
}

/* ---- Power, child devices, brightness ---------------------------------------------- */

static void check_power(void)
{
	VIDEO_POWER_MANAGEMENT power, got;
	IOCTLS_REGISTERS r;
	struct answer a, b;
	UCHAR off = 0;
	bool ok;

	memset(&got, 0, sizeof(got));
	a = request(IOCTL_VIDEO_GET_POWER_MANAGEMENT, NULL, 0, &got, sizeof(got));
	ok = ok_with(a, sizeof(got)) && got.PowerState == VideoPowerOn &&
	     got.Length == sizeof(got);
	power.Length = sizeof(power);
	power.DPMSVersion = 0;
	power.PowerState = VideoPowerOff;
	a = request(IOCTL_VIDEO_SET_POWER_MANAGEMENT, &power, sizeof(power), NULL, 0);
	ok = ok && ok_with(a, 0) && read_registers(&r);
	off = r.Sequencer[1];
	b = request(IOCTL_VIDEO_GET_POWER_MANAGEMENT, NULL, 0, &got, sizeof(got));
	ok = ok && (off & 0x20) && ok_with(b, sizeof(got)) && got.PowerState == VideoPowerOff;
	power.PowerState = VideoPowerOn;
	a = request(IOCTL_VIDEO_SET_POWER_MANAGEMENT, &power, sizeof(power), NULL, 0);
	ok = ok && ok_with(a, 0) && read_registers(&r) && !(r.Sequencer[1] & 0x20);
	report("power", ok, "off: SR01 %#x, state %u; on: SR01 %#x", off, got.PowerState,
	       r.Sequencer[1]);

	power.PowerState = VideoPowerUnspecified;
	a = request(IOCTL_VIDEO_SET_POWER_MANAGEMENT, &power, sizeof(power), NULL, 0);
	ok = fails_with(a, ERROR_INVALID_PARAMETER);
	power.PowerState = 99;
	a = request(IOCTL_VIDEO_SET_POWER_MANAGEMENT, &power, sizeof(power), NULL, 0);
	report("power-bad", ok && fails_with(a, ERROR_INVALID_PARAMETER), "%s", describe(a));
	expect_small("power-small-output", IOCTL_VIDEO_GET_POWER_MANAGEMENT, NULL, 0,
		     sizeof(got) - 1);
	expect_small("power-small-input", IOCTL_VIDEO_SET_POWER_MANAGEMENT, &power, 8, 0);
}

static void check_children(void)
{
	unsigned char buffer[sizeof(VIDEO_CHILD_STATE_CONFIGURATION) + sizeof(VIDEO_CHILD_STATE)];
	VIDEO_CHILD_STATE_CONFIGURATION *config = (VIDEO_CHILD_STATE_CONFIGURATION *)buffer;
	ULONG id = IOCTLS_MONITOR_UID, state = 0xEEEE, proceed = 0xEEEE, inactive;
	struct answer a, b;
	bool ok;

	a = request(IOCTL_VIDEO_GET_CHILD_STATE, &id, sizeof(id), &state, sizeof(state));
	ok = ok_with(a, sizeof(state)) && state == VIDEO_CHILD_ACTIVE;

	memset(buffer, 0, sizeof(buffer));
	config->Count = 1;
	config->ChildStateArray[0].Id = IOCTLS_MONITOR_UID;
	config->ChildStateArray[0].State = 0;
	b = request(IOCTL_VIDEO_VALIDATE_CHILD_STATE_CONFIGURATION, config,
		    sizeof(VIDEO_CHILD_STATE_CONFIGURATION), &proceed, sizeof(proceed));
	ok = ok && ok_with(b, sizeof(proceed)) && proceed == 1;
	a = request(IOCTL_VIDEO_SET_CHILD_STATE_CONFIGURATION, config,
		    sizeof(VIDEO_CHILD_STATE_CONFIGURATION), NULL, 0);
	inactive = 0xEEEE;
	ok = ok && ok_with(a, 0) &&
	     ok_with(request(IOCTL_VIDEO_GET_CHILD_STATE, &id, sizeof(id), &inactive,
			     sizeof(inactive)), sizeof(inactive)) && inactive == 0;
	config->ChildStateArray[0].State = VIDEO_CHILD_ACTIVE;
	a = request(IOCTL_VIDEO_SET_CHILD_STATE_CONFIGURATION, config,
		    sizeof(VIDEO_CHILD_STATE_CONFIGURATION), NULL, 0);
	state = 0xEEEE;
	ok = ok && ok_with(a, 0) &&
	     ok_with(request(IOCTL_VIDEO_GET_CHILD_STATE, &id, sizeof(id), &state,
			     sizeof(state)), sizeof(state)) && state == VIDEO_CHILD_ACTIVE;
	report("child-state", ok, "monitor %#x active, validate says %u, switched off: %#x",
	       id, proceed, inactive);

	id = 0x200;
	a = request(IOCTL_VIDEO_GET_CHILD_STATE, &id, sizeof(id), &state, sizeof(state));
	ok = fails_with(a, ERROR_INVALID_PARAMETER);
	config->ChildStateArray[0].Id = 0x200;
	proceed = 0xEEEE;
	b = request(IOCTL_VIDEO_VALIDATE_CHILD_STATE_CONFIGURATION, config,
		    sizeof(VIDEO_CHILD_STATE_CONFIGURATION), &proceed, sizeof(proceed));
	ok = ok && ok_with(b, sizeof(proceed)) && proceed == 0;
	a = request(IOCTL_VIDEO_SET_CHILD_STATE_CONFIGURATION, config,
		    sizeof(VIDEO_CHILD_STATE_CONFIGURATION), NULL, 0);
	report("child-state-bad", ok && fails_with(a, ERROR_INVALID_PARAMETER),
	       "unknown child: %s; validate says %u", describe(a), proceed);

	id = IOCTLS_MONITOR_UID;
	expect_small("child-state-small-output", IOCTL_VIDEO_GET_CHILD_STATE, &id, sizeof(id), 2);
	expect_small("child-state-small-input", IOCTL_VIDEO_GET_CHILD_STATE, &id, 2,
		     sizeof(state));
	config->Count = 2;
	config->ChildStateArray[0].Id = IOCTLS_MONITOR_UID;
	expect_small("child-state-configuration-small-input",
		     IOCTL_VIDEO_SET_CHILD_STATE_CONFIGURATION, config,
		     sizeof(VIDEO_CHILD_STATE_CONFIGURATION), 0);
}

static void check_brightness(void)
{
	UCHAR levels[16];
	DISPLAY_BRIGHTNESS now, set, got, bad;
	struct answer a, b;
	bool ok;

	memset(levels, 0, sizeof(levels));
	a = request(IOCTL_VIDEO_QUERY_SUPPORTED_BRIGHTNESS, NULL, 0, levels, sizeof(levels));
	ok = !a.err && a.status == NO_ERROR && a.information >= 2 && a.information <= 16 &&
	     levels[0] < levels[a.information - 1];
	memset(&now, 0, sizeof(now));
	b = request(IOCTL_VIDEO_QUERY_DISPLAY_BRIGHTNESS, NULL, 0, &now, sizeof(now));
	ok = ok && ok_with(b, sizeof(now)) && now.ucDisplayPolicy;
	set.ucDisplayPolicy = DISPLAYPOLICY_BOTH;
	set.ucACBrightness = levels[1];
	set.ucDCBrightness = levels[0];
	a = request(IOCTL_VIDEO_SET_DISPLAY_BRIGHTNESS, &set, sizeof(set), NULL, 0);
	memset(&got, 0, sizeof(got));
	b = request(IOCTL_VIDEO_QUERY_DISPLAY_BRIGHTNESS, NULL, 0, &got, sizeof(got));
	ok = ok && ok_with(a, 0) && ok_with(b, sizeof(got)) && !memcmp(&got, &set, sizeof(got));
	report("brightness", ok, "%llu levels %u..%u; AC %u DC %u set and read back",
	       (unsigned long long)a.information, levels[0], levels[1], got.ucACBrightness,
	       got.ucDCBrightness);

	bad = set;
	bad.ucDisplayPolicy = 7;
	a = request(IOCTL_VIDEO_SET_DISPLAY_BRIGHTNESS, &bad, sizeof(bad), NULL, 0);
	ok = fails_with(a, ERROR_INVALID_PARAMETER);
	bad.ucDisplayPolicy = DISPLAYPOLICY_AC;
	bad.ucACBrightness = 37;
	a = request(IOCTL_VIDEO_SET_DISPLAY_BRIGHTNESS, &bad, sizeof(bad), NULL, 0);
	ok = ok && fails_with(a, ERROR_INVALID_PARAMETER);
	b = request(IOCTL_VIDEO_QUERY_DISPLAY_BRIGHTNESS, NULL, 0, &got, sizeof(got));
	report("brightness-bad", ok && ok_with(b, sizeof(got)) && !memcmp(&got, &set, sizeof(got)),
	       "%s", describe(a));
	expect_small("brightness-supported-small-buffer", IOCTL_VIDEO_QUERY_SUPPORTED_BRIGHTNESS,
		     NULL, 0, 2);
	expect_small("brightness-query-small-buffer", IOCTL_VIDEO_QUERY_DISPLAY_BRIGHTNESS, NULL,
		     0, 2);
	expect_small("brightness-set-small-buffer", IOCTL_VIDEO_SET_DISPLAY_BRIGHTNESS, &set, 2, 0);
	request(IOCTL_VIDEO_SET_DISPLAY_BRIGHTNESS, &now, sizeof(now), NULL, 0);
}

static void check_unsupported(void)
{
	VIDEO_VDM vdm = { CURRENT_PROCESS };
	ULONG attach = 1;
	struct answer a, b;

	a = request(IOCTL_VIDEO_ENABLE_VDM, &vdm, sizeof(vdm), NULL, 0);
	b = request(IOCTL_VIDEO_SWITCH_DUALVIEW, &attach, sizeof(attach), NULL, 0);
	report("unsupported-request", fails_with(a, ERROR_INVALID_FUNCTION) &&
	       fails_with(b, ERROR_INVALID_FUNCTION), "ENABLE_VDM: %s; SWITCH_DUALVIEW: %s",
	       describe(a), describe(b));
}

int main(int argc, char **argv)
{
	static unsigned char boot_state[STATE_BUFFER];
	static UCHAR boot_font[FONT_BYTES], font[FONT_BYTES];
	IOCTLS_REGISTERS boot, end;
	ULONG boot_height;
	struct answer a;
	char what[64] = "";
	bool ok;

	if (argc != 2) {
		fprintf(stderr, "usage: %s /dev/vpshim/<PCI name>\n", argv[0]);
		return 2;
	}
	fd = open(argv[1], O_RDWR);
	if (fd < 0) {
		report("open", false, "%s: %s", argv[1], strerror(errno));
		printf(PREFIX "done\n");
		return 1;
	}

	/* Everything as found, to compare with and to put back. */
	memset(&boot, 0, sizeof(boot));
	ok = read_registers(&boot) && read_font(0, 256, boot_font);
	a = save_state(boot_state);
	ok = ok && ok_with(a, STATE_BUFFER);
	boot_height = (boot.Crtc[0x09] & 0x1F) + 1;
	report("private-read-back", ok, "text at %u, %u columns, %u-line font, VBE ID %#x; "
	       "save %s", text_start(&boot), text_columns(&boot), boot_height,
	       boot.Dispi[IOCTLS_DISPI_ID], describe(a));
	if (!ok) {
		printf(PREFIX "done\n");
		return 1;
	}

	check_modes(&boot);
	check_memory();
	check_cursor();
	check_pointer();
	check_hardware_state();
	check_font(boot_font, boot_height);
	check_bank_select();
	check_color(&boot);
	check_power();
	check_children();
	check_brightness();
	check_unsupported();

	/* The adapter as it was found. */
	reset_device();
	a = restore_state(boot_state, STATE_BUFFER);
	ok = ok_with(a, 0) && read_registers(&end) && same_vga(&end, &boot, what, sizeof(what)) &&
	     read_font(0, 256, font) && !memcmp(font, boot_font, FONT_BYTES);
	report("restore-all", ok, "%s%s%s", describe(a), what[0] ? ", differs: " : "", what);

	close(fd);
	printf(PREFIX "%d checks failed\n", failures);
	printf(PREFIX "done\n");
	return failures ? 1 : 0;
}
