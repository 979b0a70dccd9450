// SPDX-License-Identifier: GPL-2.0
/*
 * nt4vga_user - the requests a VGA display driver sends the nt4vga corpus
 * miniport, from user space, with their answers checked: the two modes
 * (80x25 text, 640x480x16 planar), the current mode before and after a
 * mode set and a reset, the A0000 frame buffer window mapped into this
 * process (a pattern written in mode 12h reads back), the DAC through
 * SET_COLOR_REGISTERS with its bad-input answers, and an unsupported
 * request.
 *
 * Usage: nt4vga_user /dev/vpshim/<device>. Prints "vpc_nt4vga: check NAME:
 * ok|FAIL ..." lines; exit status 1 when a check failed.
 */

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "uapi/vpshim.h"
#include "miniport.h"
#include "ntddvdeo.h"
#include "dderror.h"

#define PREFIX		"vpc_nt4vga: check "
/* NtCurrentProcess(): the mapping goes to the caller. */
#define CURRENT_PROCESS	((PVOID)~(ULONG_PTR)0)
#define USER_LIMIT	0x0000800000000000ULL
/* Past the 38400 visible bytes of mode 12h, inside the first 64 KiB. */
#define PATTERN_OFFSET	0xFF00
#define PATTERN_LEN	256
#define MAX_MODES	16

static int failures;

static void __attribute__((format(printf, 3, 4))) report(const char *name, bool ok,
							   const char *fmt, ...)
{
	va_list ap;

	printf(PREFIX "%s: %s ", name, ok ? "ok" : "FAIL");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (!ok)
		failures++;
}

static int request(int fd, ULONG code, const void *in, ULONG in_len, void *out, ULONG out_len,
		   ULONG *status, ULONG *information)
{
	struct vpshim_video_request req;
	int ret;

	memset(&req, 0, sizeof(req));
	req.code = code;
	req.in_length = in_len;
	req.out_length = out_len;
	req.in_buffer = (uintptr_t)in;
	req.out_buffer = (uintptr_t)out;
	ret = ioctl(fd, VPSHIM_IOCTL_VIDEO_REQUEST, &req);
	*status = ret ? ~0U : req.status;
	if (information)
		*information = ret ? 0 : (ULONG)req.information;
	return ret;
}

static bool is_text(const VIDEO_MODE_INFORMATION *m)
{
	return m->VisScreenWidth == 720 && m->VisScreenHeight == 400 &&
	       !(m->AttributeFlags & VIDEO_MODE_GRAPHICS);
}

static bool is_mode_12h(const VIDEO_MODE_INFORMATION *m)
{
	return m->VisScreenWidth == 640 && m->VisScreenHeight == 480 &&
	       m->NumberOfPlanes == 4 && m->BitsPerPlane == 1 && m->ScreenStride == 80 &&
	       (m->AttributeFlags & VIDEO_MODE_GRAPHICS) &&
	       (m->AttributeFlags & VIDEO_MODE_PALETTE_DRIVEN);
}

/* The current mode, checked with @want. */
static void check_current(int fd, const char *name,
			  bool (*want)(const VIDEO_MODE_INFORMATION *))
{
	VIDEO_MODE_INFORMATION mi;
	ULONG status, n;

	memset(&mi, 0, sizeof(mi));
	request(fd, IOCTL_VIDEO_QUERY_CURRENT_MODE, NULL, 0, &mi, sizeof(mi), &status, &n);
	report(name, status == NO_ERROR && n == sizeof(mi) && want(&mi),
	       "status %u, mode %u: %ux%u, %u planes x %u bits, stride %u, flags %#x", status,
	       mi.ModeIndex, mi.VisScreenWidth, mi.VisScreenHeight, mi.NumberOfPlanes,
	       mi.BitsPerPlane, mi.ScreenStride, mi.AttributeFlags);
}

static void set_mode(int fd, const char *name, ULONG index)
{
	VIDEO_MODE mode = { .RequestedMode = index };
	ULONG status;

	request(fd, IOCTL_VIDEO_SET_CURRENT_MODE, &mode, sizeof(mode), NULL, 0, &status, NULL);
	report(name, status == NO_ERROR, "mode %u, status %u", index, status);
}

/* Entries FIRST..FIRST+COUNT-1 of the DAC; the status comes back. */
static ULONG set_colors(int fd, ULONG first, ULONG count, ULONG in_len)
{
	union {
		VIDEO_CLUT clut;
		unsigned char bytes[sizeof(VIDEO_CLUT) + 256 * sizeof(ULONG)];
	} u;
	ULONG status, i;

	memset(&u, 0, sizeof(u));
	u.clut.FirstEntry = first;
	u.clut.NumEntries = count;
	for (i = 0; i < count && i < 256; i++) {
		u.clut.LookupTable[i].RgbArray.Red = (i * 4) & 0x3f;
		u.clut.LookupTable[i].RgbArray.Green = (63 - i) & 0x3f;
		u.clut.LookupTable[i].RgbArray.Blue = (i * 7) & 0x3f;
	}
	request(fd, IOCTL_VIDEO_SET_COLOR_REGISTERS, &u, in_len, NULL, 0, &status, NULL);
	return status;
}

static void frame_buffer_window(int fd)
{
	VIDEO_MEMORY mem = { .RequestedVirtualAddress = CURRENT_PROCESS };
	VIDEO_MEMORY_INFORMATION info;
	volatile unsigned char *fb;
	ULONG status, n;
	int i;

	memset(&info, 0, sizeof(info));
	request(fd, IOCTL_VIDEO_MAP_VIDEO_MEMORY, &mem, sizeof(mem), &info, sizeof(info), &status,
		&n);
	report("map-frame-buffer-window",
	       status == NO_ERROR && n == sizeof(info) && info.VideoRamBase &&
	       (uintptr_t)info.VideoRamBase < USER_LIMIT && info.VideoRamLength == 0x20000 &&
	       info.FrameBufferBase == info.VideoRamBase && info.FrameBufferLength == 80 * 480,
	       "status %u, VideoRamBase %p+%#x, FrameBufferBase %p+%#x", status, info.VideoRamBase,
	       info.VideoRamLength, info.FrameBufferBase, info.FrameBufferLength);
	if (status != NO_ERROR || !info.VideoRamBase)
		return;

	/* Write mode 0, all planes enabled: plane 0 reads back what was written. */
	fb = info.FrameBufferBase;
	for (i = 0; i < PATTERN_LEN; i++)
		fb[PATTERN_OFFSET + i] = (unsigned char)(i * 37 + 11);
	for (i = 0; i < PATTERN_LEN && fb[PATTERN_OFFSET + i] == (unsigned char)(i * 37 + 11); i++)
		;
	report("planar-window-readback", i == PATTERN_LEN,
	       "%d of %d bytes at A0000+%#x read back", i, PATTERN_LEN, PATTERN_OFFSET);

	mem.RequestedVirtualAddress = info.VideoRamBase;
	request(fd, IOCTL_VIDEO_UNMAP_VIDEO_MEMORY, &mem, sizeof(mem), NULL, 0, &status, NULL);
	report("unmap-frame-buffer-window", status == NO_ERROR, "status %u", status);
}

int main(int argc, char **argv)
{
	VIDEO_MODE_INFORMATION modes[MAX_MODES];
	VIDEO_NUM_MODES num;
	ULONG status, n, i, text = ~0U, vga12 = ~0U;
	int fd;

	if (argc != 2) {
		fprintf(stderr, "usage: nt4vga_user /dev/vpshim/<device>\n");
		return 2;
	}
	fd = open(argv[1], O_RDWR);
	if (fd < 0) {
		report("open", false, "%s: %s", argv[1], strerror(errno));
		return 1;
	}

	memset(&num, 0, sizeof(num));
	request(fd, IOCTL_VIDEO_QUERY_NUM_AVAIL_MODES, NULL, 0, &num, sizeof(num), &status, &n);
	report("num-avail-modes",
	       status == NO_ERROR && n == sizeof(num) && num.NumModes >= 2 &&
	       num.NumModes <= MAX_MODES && num.ModeInformationLength == sizeof(modes[0]),
	       "status %u, %u modes of %u bytes", status, num.NumModes, num.ModeInformationLength);
	if (status != NO_ERROR || num.NumModes < 2 || num.NumModes > MAX_MODES)
		return 1;

	request(fd, IOCTL_VIDEO_QUERY_AVAIL_MODES, NULL, 0, modes, sizeof(modes[0]), &status, &n);
	report("avail-modes-short-buffer", status == ERROR_INSUFFICIENT_BUFFER,
	       "status %u for room for one mode", status);

	memset(modes, 0, sizeof(modes));
	request(fd, IOCTL_VIDEO_QUERY_AVAIL_MODES, NULL, 0, modes,
		num.NumModes * sizeof(modes[0]), &status, &n);
	for (i = 0; status == NO_ERROR && i < num.NumModes; i++) {
		if (is_text(&modes[i]))
			text = modes[i].ModeIndex;
		if (is_mode_12h(&modes[i]))
			vga12 = modes[i].ModeIndex;
	}
	report("avail-modes", status == NO_ERROR && n == num.NumModes * sizeof(modes[0]) &&
	       text != ~0U && vga12 != ~0U,
	       "status %u, 80x25 text is mode %d, 640x480x16 is mode %d", status, (int)text,
	       (int)vga12);
	if (text == ~0U || vga12 == ~0U)
		return 1;

	check_current(fd, "current-mode-at-start", is_text);
	set_mode(fd, "set-mode-12h", vga12);
	check_current(fd, "current-mode-12h", is_mode_12h);
	frame_buffer_window(fd);

	status = set_colors(fd, 16, 16, sizeof(VIDEO_CLUT) + 15 * sizeof(ULONG));
	report("set-color-registers", status == NO_ERROR, "entries 16-31, status %u", status);
	status = set_colors(fd, 250, 10, sizeof(VIDEO_CLUT) + 9 * sizeof(ULONG));
	report("set-color-registers-past-256", status == ERROR_INVALID_PARAMETER,
	       "entries 250-259, status %u", status);
	status = set_colors(fd, 0, 16, sizeof(VIDEO_CLUT) + 7 * sizeof(ULONG));
	report("set-color-registers-short-buffer", status == ERROR_INSUFFICIENT_BUFFER,
	       "16 entries in room for 8, status %u", status);

	{
		VIDEO_MODE mode = { .RequestedMode = num.NumModes + 3 };

		request(fd, IOCTL_VIDEO_SET_CURRENT_MODE, &mode, sizeof(mode), NULL, 0, &status,
			NULL);
		report("set-mode-bad-index", status == ERROR_INVALID_PARAMETER,
		       "mode %u, status %u", mode.RequestedMode, status);
	}

	request(fd, IOCTL_VIDEO_RESET_DEVICE, NULL, 0, NULL, 0, &status, NULL);
	report("reset-device", status == NO_ERROR, "status %u", status);
	check_current(fd, "current-mode-after-reset", is_text);

	request(fd, IOCTL_VIDEO_QUERY_POINTER_CAPABILITIES, NULL, 0, modes, sizeof(modes[0]),
		&status, &n);
	report("unsupported-request", status == ERROR_INVALID_FUNCTION && n == 0,
	       "QUERY_POINTER_CAPABILITIES: status %u, %u bytes", status, n);

	close(fd);
	return failures ? 1 : 0;
}
