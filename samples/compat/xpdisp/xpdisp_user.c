// SPDX-License-Identifier: GPL-2.0
/*
 * xpdisp_user - what a display driver and a DirectDraw client ask the
 * xpdisp corpus miniport, from user space, with the answers checked.
 *
 * Usage: xpdisp_user /dev/vpshim/<device> [main|resume|reset]
 *   main    modes, 1024x768x32 set, the frame buffer mapped with a pattern
 *           written and read back, unmapped; a shared view against a
 *           mapping; color capabilities; the monitor's power requests;
 *           bad requests. The mode stays set, with a mark in video memory.
 *   resume  after a suspend cycle: the mode and the mark are still there.
 *   reset   RESET_DEVICE, and the adapter is back in VGA (no current mode).
 * Prints "vpc_xpdisp: check NAME: ok|FAIL ..." lines; exit status 1 when a
 * check failed.
 */

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
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

#define PREFIX		"vpc_xpdisp: check "
#define CURRENT_PROCESS	((PVOID)~(ULONG_PTR)0)
#define USER_LIMIT	0x0000800000000000ULL
#define MAX_MODES	16
#define WIDTH		1024
#define HEIGHT		768
#define BPP		32
/* The mark: past the visible frame of 1024x768x32 (3 MiB). */
#define MARK_OFFSET	0x380000
#define MARK_LEN	4096
#define SHARE_OFFSET	0x100000
#define SHARE_SIZE	0x10000

static int failures;
static char stdout_buf[8192];

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

static ULONG request(int fd, ULONG code, const void *in, ULONG in_len, void *out, ULONG out_len,
		     ULONG *information)
{
	struct vpshim_video_request req;

	memset(&req, 0, sizeof(req));
	req.code = code;
	req.in_length = in_len;
	req.out_length = out_len;
	req.in_buffer = (uintptr_t)in;
	req.out_buffer = (uintptr_t)out;
	if (ioctl(fd, VPSHIM_IOCTL_VIDEO_REQUEST, &req)) {
		printf("xpdisp_user: request %#x: %s\n", code, strerror(errno));
		return ~0U;
	}
	if (information)
		*information = (ULONG)req.information;
	return req.status;
}

static bool user_address(const void *p)
{
	return p && (uintptr_t)p < USER_LIMIT;
}

static unsigned char mark_byte(size_t i)
{
	return (unsigned char)(i * 131 + 7);
}

static sigjmp_buf fault_jmp;

static void fault_handler(int sig)
{
	siglongjmp(fault_jmp, sig);
}

/* Whether reading *p faults; the signal in *sig. */
static bool touch_faults(volatile unsigned char *p, int *sig)
{
	struct sigaction sa, old_segv, old_bus;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fault_handler;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, &old_segv);
	sigaction(SIGBUS, &sa, &old_bus);
	*sig = sigsetjmp(fault_jmp, 1);
	if (*sig == 0)
		(void)*p;
	sigaction(SIGSEGV, &old_segv, NULL);
	sigaction(SIGBUS, &old_bus, NULL);
	return *sig != 0;
}

/* The index of WIDTHxHEIGHTxBPP, or -1; all modes checked on the way. */
static int find_mode(int fd)
{
	VIDEO_MODE_INFORMATION modes[MAX_MODES];
	VIDEO_NUM_MODES num = { 0 };
	ULONG status, n = 0, i, vram_modes = 0;
	int found = -1;

	status = request(fd, IOCTL_VIDEO_QUERY_NUM_AVAIL_MODES, NULL, 0, &num, sizeof(num), &n);
	if (status != NO_ERROR || num.NumModes == 0 || num.NumModes > MAX_MODES ||
	    num.ModeInformationLength != sizeof(modes[0])) {
		report("modes", false, "QUERY_NUM_AVAIL_MODES status %u, %u modes of %u bytes",
		       status, num.NumModes, num.ModeInformationLength);
		return -1;
	}
	status = request(fd, IOCTL_VIDEO_QUERY_AVAIL_MODES, NULL, 0, modes, sizeof(modes[0]), &n);
	report("avail-modes-short-buffer", status == ERROR_INSUFFICIENT_BUFFER && n == 0,
	       "status %u, %u bytes", status, n);
	memset(modes, 0, sizeof(modes));
	status = request(fd, IOCTL_VIDEO_QUERY_AVAIL_MODES, NULL, 0, modes,
			 num.NumModes * sizeof(modes[0]), &n);
	for (i = 0; status == NO_ERROR && i < num.NumModes; i++) {
		const VIDEO_MODE_INFORMATION *m = &modes[i];

		if (m->Length == sizeof(*m) && m->ModeIndex == i &&
		    m->ScreenStride == m->VisScreenWidth * m->BitsPerPlane / 8 &&
		    m->VideoMemoryBitmapHeight >= m->VisScreenHeight)
			vram_modes++;
		if (m->VisScreenWidth == WIDTH && m->VisScreenHeight == HEIGHT &&
		    m->BitsPerPlane == BPP && m->NumberOfPlanes == 1)
			found = (int)m->ModeIndex;
	}
	report("modes", status == NO_ERROR && n == num.NumModes * sizeof(modes[0]) &&
	       vram_modes == num.NumModes && found >= 0,
	       "status %u, %u modes, %u consistent, %dx%dx%d is mode %d", status, num.NumModes,
	       vram_modes, WIDTH, HEIGHT, BPP, found);
	return found;
}

static ULONG current_mode(int fd, VIDEO_MODE_INFORMATION *mi)
{
	memset(mi, 0, sizeof(*mi));
	return request(fd, IOCTL_VIDEO_QUERY_CURRENT_MODE, NULL, 0, mi, sizeof(*mi), NULL);
}

static bool is_our_mode(const VIDEO_MODE_INFORMATION *mi)
{
	return mi->VisScreenWidth == WIDTH && mi->VisScreenHeight == HEIGHT &&
	       mi->BitsPerPlane == BPP && mi->ScreenStride == WIDTH * BPP / 8;
}

static ULONG map_video(int fd, VIDEO_MEMORY_INFORMATION *info)
{
	VIDEO_MEMORY mem = { .RequestedVirtualAddress = CURRENT_PROCESS };

	memset(info, 0, sizeof(*info));
	return request(fd, IOCTL_VIDEO_MAP_VIDEO_MEMORY, &mem, sizeof(mem), info, sizeof(*info),
		       NULL);
}

static ULONG unmap_video(int fd, void *addr)
{
	VIDEO_MEMORY mem = { .RequestedVirtualAddress = addr };

	return request(fd, IOCTL_VIDEO_UNMAP_VIDEO_MEMORY, &mem, sizeof(mem), NULL, 0, NULL);
}

static void check_map(int fd)
{
	VIDEO_MEMORY_INFORMATION info;
	volatile uint32_t *fb;
	volatile unsigned char *vram;
	ULONG status, x, y, bad = 0;
	size_t i;
	bool faulted;
	int sig;

	status = map_video(fd, &info);
	report("map-video-memory",
	       status == NO_ERROR && user_address(info.VideoRamBase) &&
	       info.FrameBufferBase == info.VideoRamBase && info.VideoRamLength >= 0x400000 &&
	       info.FrameBufferLength == WIDTH * HEIGHT * BPP / 8,
	       "status %u, VideoRamBase %p+%#x, FrameBufferBase %p+%#x", status,
	       info.VideoRamBase, info.VideoRamLength, info.FrameBufferBase,
	       info.FrameBufferLength);
	if (status != NO_ERROR || !user_address(info.VideoRamBase))
		return;

	/* A picture over the whole frame, then every pixel read back. */
	fb = info.FrameBufferBase;
	for (y = 0; y < HEIGHT; y++)
		for (x = 0; x < WIDTH; x++)
			fb[y * WIDTH + x] = (x * 255 / WIDTH) << 16 | (y * 255 / HEIGHT) << 8 |
					    ((x ^ y) & 0xff);
	for (y = 0; y < HEIGHT; y++)
		for (x = 0; x < WIDTH; x++)
			bad += fb[y * WIDTH + x] != ((x * 255 / WIDTH) << 16 |
						     (y * 255 / HEIGHT) << 8 | ((x ^ y) & 0xff));
	report("frame-readback", bad == 0, "%u of %u pixels differ", bad, WIDTH * HEIGHT);

	vram = info.VideoRamBase;
	for (i = 0; i < MARK_LEN; i++)
		vram[MARK_OFFSET + i] = mark_byte(i);

	status = unmap_video(fd, info.VideoRamBase);
	report("unmap-video-memory", status == NO_ERROR, "status %u", status);
	faulted = touch_faults(vram, &sig);
	report("unmapped-video-memory-faults", faulted, "signal %d", sig);
}

static void check_share(int fd)
{
	VIDEO_SHARE_MEMORY share = {
		.ProcessHandle = CURRENT_PROCESS,
		.ViewOffset = SHARE_OFFSET,
		.ViewSize = SHARE_SIZE,
	};
	VIDEO_SHARE_MEMORY_INFORMATION shareInfo;
	VIDEO_MEMORY_INFORMATION info;
	volatile unsigned char *view, *vram;
	ULONG status, n = 0;
	size_t i;
	bool faulted;
	int sig;

	if (map_video(fd, &info) != NO_ERROR || !user_address(info.VideoRamBase)) {
		report("share-video-memory", false, "MAP_VIDEO_MEMORY failed first");
		return;
	}
	vram = info.VideoRamBase;

	memset(&shareInfo, 0, sizeof(shareInfo));
	status = request(fd, IOCTL_VIDEO_SHARE_VIDEO_MEMORY, &share, sizeof(share), &shareInfo,
			 sizeof(shareInfo), &n);
	report("share-video-memory",
	       status == NO_ERROR && n == sizeof(shareInfo) &&
	       user_address(shareInfo.VirtualAddress) &&
	       shareInfo.SharedViewOffset == SHARE_OFFSET &&
	       shareInfo.SharedViewSize >= SHARE_SIZE,
	       "status %u, view %p offset %#x size %#x", status, shareInfo.VirtualAddress,
	       shareInfo.SharedViewOffset, shareInfo.SharedViewSize);
	if (status != NO_ERROR || !user_address(shareInfo.VirtualAddress)) {
		unmap_video(fd, info.VideoRamBase);
		return;
	}
	view = shareInfo.VirtualAddress;

	for (i = 0; i < SHARE_SIZE && view[i] == vram[SHARE_OFFSET + i]; i++)
		;
	report("share-sees-mapped-memory", i == SHARE_SIZE, "%zu of %#x bytes agree", i,
	       SHARE_SIZE);
	for (i = 0; i < SHARE_SIZE; i += 512)
		view[i] = (unsigned char)~vram[SHARE_OFFSET + i];
	for (i = 0; i < SHARE_SIZE && view[i] == vram[SHARE_OFFSET + i]; i++)
		;
	report("mapping-sees-share-writes", i == SHARE_SIZE, "%zu of %#x bytes agree", i,
	       SHARE_SIZE);

	share.RequestedVirtualAddress = shareInfo.VirtualAddress;
	status = request(fd, IOCTL_VIDEO_UNSHARE_VIDEO_MEMORY, &share, sizeof(share), NULL, 0,
			 NULL);
	report("unshare-video-memory", status == NO_ERROR, "status %u", status);
	faulted = touch_faults(view, &sig);
	report("unshared-view-faults", faulted, "signal %d", sig);
	status = unmap_video(fd, info.VideoRamBase);
	report("unmap-after-share", status == NO_ERROR, "status %u", status);

	share.RequestedVirtualAddress = NULL;
	share.ViewOffset = info.VideoRamLength;
	share.ViewSize = 0x1000;
	status = request(fd, IOCTL_VIDEO_SHARE_VIDEO_MEMORY, &share, sizeof(share), &shareInfo,
			 sizeof(shareInfo), NULL);
	report("share-past-video-memory-refused", status == ERROR_INVALID_PARAMETER,
	       "offset %#x: status %u", share.ViewOffset, status);
}

static void check_color_and_power(int fd)
{
	VIDEO_COLOR_CAPABILITIES caps;
	VIDEO_POWER_MANAGEMENT pm;
	ULONG status, n = 0;

	memset(&caps, 0, sizeof(caps));
	status = request(fd, IOCTL_VIDEO_QUERY_COLOR_CAPABILITIES, NULL, 0, &caps, sizeof(caps),
			 &n);
	report("color-capabilities",
	       status == NO_ERROR && n == sizeof(caps) && caps.Length == sizeof(caps) &&
	       (caps.AttributeFlags & VIDEO_DEVICE_COLOR) && caps.WhiteGamma == 22000,
	       "status %u, %u bytes, flags %#x, white %d,%d gamma %d", status, n,
	       caps.AttributeFlags, caps.WhiteChromaticity_x, caps.WhiteChromaticity_y,
	       caps.WhiteGamma);

	memset(&pm, 0, sizeof(pm));
	status = request(fd, IOCTL_VIDEO_GET_POWER_MANAGEMENT, NULL, 0, &pm, sizeof(pm), &n);
	report("get-power-management", status == NO_ERROR && pm.PowerState == VideoPowerOn,
	       "status %u, state %u", status, pm.PowerState);

	pm.Length = sizeof(pm);
	pm.PowerState = VideoPowerStandBy;
	status = request(fd, IOCTL_VIDEO_SET_POWER_MANAGEMENT, &pm, sizeof(pm), NULL, 0, NULL);
	memset(&pm, 0, sizeof(pm));
	request(fd, IOCTL_VIDEO_GET_POWER_MANAGEMENT, NULL, 0, &pm, sizeof(pm), NULL);
	report("monitor-standby", status == NO_ERROR && pm.PowerState == VideoPowerStandBy,
	       "status %u, state now %u", status, pm.PowerState);

	pm.Length = sizeof(pm);
	pm.PowerState = VideoPowerOn;
	status = request(fd, IOCTL_VIDEO_SET_POWER_MANAGEMENT, &pm, sizeof(pm), NULL, 0, NULL);
	memset(&pm, 0, sizeof(pm));
	request(fd, IOCTL_VIDEO_GET_POWER_MANAGEMENT, NULL, 0, &pm, sizeof(pm), NULL);
	report("monitor-on", status == NO_ERROR && pm.PowerState == VideoPowerOn,
	       "status %u, state now %u", status, pm.PowerState);

	pm.Length = sizeof(pm);
	pm.PowerState = VideoPowerMaximum;
	status = request(fd, IOCTL_VIDEO_SET_POWER_MANAGEMENT, &pm, sizeof(pm), NULL, 0, NULL);
	report("power-state-out-of-range-refused", status == ERROR_INVALID_PARAMETER,
	       "state %u: status %u", VideoPowerMaximum, status);
}

static int run_main(int fd)
{
	VIDEO_MODE_INFORMATION mi;
	VIDEO_MODE mode;
	ULONG status;
	int index;

	status = current_mode(fd, &mi);
	report("no-current-mode-in-vga", status == ERROR_INVALID_FUNCTION, "status %u", status);

	index = find_mode(fd);
	if (index < 0)
		return 1;
	mode.RequestedMode = (ULONG)index;
	status = request(fd, IOCTL_VIDEO_SET_CURRENT_MODE, &mode, sizeof(mode), NULL, 0, NULL);
	report("set-mode", status == NO_ERROR, "%dx%dx%d (mode %d): status %u", WIDTH, HEIGHT,
	       BPP, index, status);
	status = current_mode(fd, &mi);
	report("current-mode", status == NO_ERROR && is_our_mode(&mi),
	       "status %u, %ux%ux%u stride %u", status, mi.VisScreenWidth, mi.VisScreenHeight,
	       mi.BitsPerPlane, mi.ScreenStride);
	mode.RequestedMode = 99;
	status = request(fd, IOCTL_VIDEO_SET_CURRENT_MODE, &mode, sizeof(mode), NULL, 0, NULL);
	report("set-mode-bad-index-refused", status == ERROR_INVALID_PARAMETER, "status %u",
	       status);

	check_map(fd);
	check_share(fd);
	check_color_and_power(fd);

	status = request(fd, IOCTL_VIDEO_SET_COLOR_REGISTERS, &mode, sizeof(mode), NULL, 0, NULL);
	report("unsupported-request", status == ERROR_INVALID_FUNCTION,
	       "SET_COLOR_REGISTERS in a direct-color miniport: status %u", status);
	return 0;
}

static int run_resume(int fd)
{
	VIDEO_MEMORY_INFORMATION info;
	VIDEO_MODE_INFORMATION mi;
	volatile unsigned char *vram;
	ULONG status;
	size_t i;

	status = current_mode(fd, &mi);
	report("mode-after-resume", status == NO_ERROR && is_our_mode(&mi),
	       "status %u, %ux%ux%u", status, mi.VisScreenWidth, mi.VisScreenHeight,
	       mi.BitsPerPlane);
	status = map_video(fd, &info);
	if (status != NO_ERROR || !user_address(info.VideoRamBase)) {
		report("video-memory-after-resume", false, "MAP_VIDEO_MEMORY status %u", status);
		return 1;
	}
	vram = info.VideoRamBase;
	for (i = 0; i < MARK_LEN && vram[MARK_OFFSET + i] == mark_byte(i); i++)
		;
	report("video-memory-after-resume", i == MARK_LEN, "%zu of %d bytes of the mark kept", i,
	       MARK_LEN);
	unmap_video(fd, info.VideoRamBase);
	return 0;
}

static int run_reset(int fd)
{
	VIDEO_MODE_INFORMATION mi;
	ULONG status;

	status = request(fd, IOCTL_VIDEO_RESET_DEVICE, NULL, 0, NULL, 0, NULL);
	report("reset-device", status == NO_ERROR, "status %u", status);
	status = current_mode(fd, &mi);
	report("no-current-mode-after-reset", status == ERROR_INVALID_FUNCTION, "status %u",
	       status);
	return 0;
}

int main(int argc, char **argv)
{
	const char *what = argc > 2 ? argv[2] : "main";
	int fd;

	/* No allocation between an unmap and the touch that must fault. */
	setvbuf(stdout, stdout_buf, _IOLBF, sizeof(stdout_buf));
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: xpdisp_user /dev/vpshim/<device> [main|resume|reset]\n");
		return 2;
	}
	fd = open(argv[1], O_RDWR);
	if (fd < 0) {
		report("open", false, "%s: %s", argv[1], strerror(errno));
		return 1;
	}
	if (!strcmp(what, "main"))
		run_main(fd);
	else if (!strcmp(what, "resume"))
		run_resume(fd);
	else if (!strcmp(what, "reset"))
		run_reset(fd);
	else
		report("usage", false, "unknown command %s", what);
	close(fd);
	return failures ? 1 : 0;
}
