// SPDX-License-Identifier: GPL-2.0
/*
 * vbe-screen - the VBE sample's screens for the QEMU check (scripts/qemu-vbe.sh).
 *
 * vpshim-video draws 32-bpp modes only; the VBE BIOS of QEMU's Cirrus
 * adapter has none (its deepest modes are 24 bpp), and the palette of 8-bit
 * modes is set through 4F09. This tool draws the test pattern of
 * tools/vpshim-screen.h in a 32-, 24- or 16-bpp mode, or the palette
 * picture in an 8-bpp mode after IOCTL_VIDEO_SET_COLOR_REGISTERS, and
 * returns to VGA text mode with IOCTL_VIDEO_RESET_DEVICE; each time it has
 * the host photograph the screen (the VPSHIM-SCREEN handshake on a serial
 * line; kinds "rgb24", "kms" for 16 bpp, "c8" and "text").
 *
 * Usage: vbe-screen DEV draw WxHxBPP [TTY]
 *        vbe-screen DEV reset [TTY]
 * Prints "vbe-screen: drew WxHxBPP" or "vbe-screen: reset"; exit status 1
 * on any failure.
 *
 * Build: gcc -static -O2 -Wall -Wextra -fshort-wchar -Iinclude -Itools.
 */

#include <errno.h>
#include <fcntl.h>
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
#include "vpshim-screen.h"

#define PROG		"vbe-screen"
#define CURRENT_PROCESS	((HANDLE)~(ULONG_PTR)0)

static long request(int fd, ULONG code, const void *in, ULONG inlen, void *out, ULONG outlen)
{
	struct vpshim_video_request r = {
		.code = code,
		.in_length = inlen,
		.out_length = outlen,
		.in_buffer = (uintptr_t)in,
		.out_buffer = (uintptr_t)out,
	};

	if (ioctl(fd, VPSHIM_IOCTL_VIDEO_REQUEST, &r) < 0)
		return -errno;
	return r.status;
}

static int failed(const char *what, long st)
{
	fprintf(stderr, PROG ": %s: %s %ld\n", what, st < 0 ? "errno" : "status",
		st < 0 ? -st : st);
	return 1;
}

static ULONG mode_bpp(const VIDEO_MODE_INFORMATION *m)
{
	return m->BitsPerPlane * m->NumberOfPlanes;
}

/* The mode WxHxBPP of the miniport's list, set. */
static int set_mode(int fd, ULONG w, ULONG h, ULONG bpp, VIDEO_MODE_INFORMATION *mode)
{
	VIDEO_NUM_MODES num = { 0 };
	VIDEO_MODE_INFORMATION *modes;
	VIDEO_MODE vm;
	ULONG i;
	long st;

	st = request(fd, IOCTL_VIDEO_QUERY_NUM_AVAIL_MODES, NULL, 0, &num, sizeof(num));
	if (st != NO_ERROR || num.ModeInformationLength != sizeof(*modes))
		return failed("QUERY_NUM_AVAIL_MODES", st);
	modes = calloc(num.NumModes, sizeof(*modes));
	if (!modes)
		return 1;
	st = request(fd, IOCTL_VIDEO_QUERY_AVAIL_MODES, NULL, 0, modes,
		     num.NumModes * sizeof(*modes));
	if (st != NO_ERROR) {
		free(modes);
		return failed("QUERY_AVAIL_MODES", st);
	}
	for (i = 0; i < num.NumModes; i++)
		if (modes[i].VisScreenWidth == w && modes[i].VisScreenHeight == h &&
		    mode_bpp(&modes[i]) == bpp)
			break;
	if (i == num.NumModes) {
		free(modes);
		fprintf(stderr, PROG ": no %ux%ux%u mode\n", w, h, bpp);
		return 1;
	}
	*mode = modes[i];
	free(modes);
	vm.RequestedMode = mode->ModeIndex;
	st = request(fd, IOCTL_VIDEO_SET_CURRENT_MODE, &vm, sizeof(vm), NULL, 0);
	return st == NO_ERROR ? 0 : failed("SET_CURRENT_MODE", st);
}

/* The palette picture's 256 colours, through the miniport (4F09). */
static int set_palette(int fd)
{
	size_t len = sizeof(VIDEO_CLUT) + 255 * sizeof(ULONG);
	VIDEO_CLUT *clut = calloc(1, len);
	uint32_t c;
	long st;
	int i;

	if (!clut)
		return 1;
	clut->NumEntries = 256;
	clut->FirstEntry = 0;
	for (i = 0; i < 256; i++) {
		c = screen_c8_colour(i);
		clut->LookupTable[i].RgbArray.Red = c >> 16;
		clut->LookupTable[i].RgbArray.Green = c >> 8;
		clut->LookupTable[i].RgbArray.Blue = c;
	}
	st = request(fd, IOCTL_VIDEO_SET_COLOR_REGISTERS, clut, len, NULL, 0);
	free(clut);
	return st == NO_ERROR ? 0 : failed("SET_COLOR_REGISTERS", st);
}

/* One pixel of the picture, little-endian, at @p. */
static void put_pixel(uint8_t *p, ULONG bpp, uint32_t x, uint32_t y, uint32_t w, uint32_t h)
{
	uint32_t v = bpp == 16 ? screen_pattern_565(x, y, w, h) : screen_pattern(x, y, w, h);
	ULONG i;

	if (bpp == 8)
		v = screen_c8_index(x, y);
	for (i = 0; i < (bpp + 7) / 8; i++)
		p[i] = v >> (8 * i);
}

static int cmd_draw(int fd, ULONG w, ULONG h, ULONG bpp, const char *tty)
{
	VIDEO_MEMORY vm = { .RequestedVirtualAddress = CURRENT_PROCESS };
	VIDEO_MEMORY_INFORMATION vmi = { 0 };
	VIDEO_MODE_INFORMATION mode = { 0 };
	const char *kind = bpp == 8 ? " c8" : bpp == 16 ? " kms" : bpp == 24 ? " rgb24" : "";
	uint8_t *fb, *line;
	ULONG x, y;
	long st;

	if (set_mode(fd, w, h, bpp, &mode))
		return 1;
	if (bpp == 8 && set_palette(fd))
		return 1;
	st = request(fd, IOCTL_VIDEO_MAP_VIDEO_MEMORY, &vm, sizeof(vm), &vmi, sizeof(vmi));
	if (st != NO_ERROR || !vmi.FrameBufferBase)
		return failed("MAP_VIDEO_MEMORY", st);
	if ((uint64_t)mode.ScreenStride * (h - 1) + w * ((bpp + 7) / 8) > vmi.FrameBufferLength) {
		fprintf(stderr, PROG ": the mode does not fit the mapping\n");
		return 1;
	}
	/* Each line is made here, then copied to video memory in one go. */
	fb = vmi.FrameBufferBase;
	line = calloc(w, 4);
	if (!line)
		return 1;
	for (y = 0; y < h; y++) {
		for (x = 0; x < w; x++)
			put_pixel(line + x * ((bpp + 7) / 8), bpp, x, y, w, h);
		memcpy(fb + (size_t)y * mode.ScreenStride, line, w * ((bpp + 7) / 8));
	}
	free(line);
	__sync_synchronize();
	if (tty && screen_sync(PROG, tty, w, h, bpp, kind))
		return 1;
	vm.RequestedVirtualAddress = vmi.VideoRamBase;
	st = request(fd, IOCTL_VIDEO_UNMAP_VIDEO_MEMORY, &vm, sizeof(vm), NULL, 0);
	if (st != NO_ERROR)
		return failed("UNMAP_VIDEO_MEMORY", st);
	printf(PROG ": drew %ux%ux%u\n", w, h, bpp);
	return 0;
}

static int cmd_reset(int fd, const char *tty)
{
	VIDEO_MODE_INFORMATION mi;
	long st;

	st = request(fd, IOCTL_VIDEO_RESET_DEVICE, NULL, 0, NULL, 0);
	if (st != NO_ERROR)
		return failed("RESET_DEVICE", st);
	/* No graphics mode is current any more. */
	st = request(fd, IOCTL_VIDEO_QUERY_CURRENT_MODE, NULL, 0, &mi, sizeof(mi));
	if (st != ERROR_INVALID_FUNCTION)
		return failed("QUERY_CURRENT_MODE after the reset", st);
	/* VGA text mode 3: 80x25 cells of 9x16 pixels. */
	if (tty && screen_sync(PROG, tty, 720, 400, 0, " text"))
		return 1;
	printf(PROG ": reset\n");
	return 0;
}

int main(int argc, char **argv)
{
	unsigned int w, h, bpp;
	int fd, ret;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc < 3)
		goto usage;
	fd = open(argv[1], O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		perror(argv[1]);
		return 1;
	}
	if (!strcmp(argv[2], "draw") && argc >= 4 &&
	    sscanf(argv[3], "%ux%ux%u", &w, &h, &bpp) == 3) {
		ret = cmd_draw(fd, w, h, bpp, argc > 4 ? argv[4] : NULL);
	} else if (!strcmp(argv[2], "reset")) {
		ret = cmd_reset(fd, argc > 3 ? argv[3] : NULL);
	} else {
		close(fd);
		goto usage;
	}
	close(fd);
	return ret;
usage:
	fprintf(stderr, "usage: " PROG " DEV draw WxHxBPP [TTY] | " PROG " DEV reset [TTY]\n");
	return 2;
}
