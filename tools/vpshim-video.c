// SPDX-License-Identifier: GPL-2.0
/*
 * vpshim-video - talk to a video miniport through vpshim's request device.
 *
 * This is the user-space end of the IOCTL_VIDEO_* path: what a Windows
 * display driver would send with EngDeviceIoControl, sent here through
 * /dev/vpshim/<pci-name> and VPSHIM_IOCTL_VIDEO_REQUEST. The QEMU display
 * test runs it inside a busybox initramfs (so it is built static) to list
 * and set modes, draw a test pattern that the host compares with a QEMU
 * screendump (scripts/display_check.py, handshake over a serial line),
 * check shared and mapped views of video memory, the palette, and the
 * request device's answers to malformed requests.
 *
 * Usage: vpshim-video [-d DEV] COMMAND [ARGS]; see print_usage(). Checks
 * print "vpshim-video: check NAME: ok" or "... FAIL <detail>"; the exit
 * status is 1 when any check or command failed.
 *
 * Build: make -C tools, a static binary (gcc -static -O2 -Wall -Wextra
 * -fshort-wchar -Iinclude, from the top of the tree).
 */

#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "uapi/vpshim.h"
#include "miniport.h"
#include "ntddvdeo.h"
#include "dderror.h"
#include "../samples/edu/edu_ioctl.h"
#include "vpshim-screen.h"

/* What the kernel's compiler_attributes.h would give. */
#define __always_unused		__attribute__((__unused__))
#define __printf(a, b)		__attribute__((__format__(printf, a, b)))
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))

#define PROG			"vpshim-video"
#define DEV_DIR			"/dev/vpshim"

/* NtCurrentProcess(): vpshim maps into the caller for any non-NULL handle. */
#define CURRENT_PROCESS		((HANDLE)~(ULONG_PTR)0)

/* The value share writes through one view and reads through the other. */
#define SHARE_MAGIC_1		0x56505348U	/* "VPSH" */
#define SHARE_MAGIC_2		0xa5c3e10fU

#define OUTCOME_LEN		128

/* A command's arguments. */
struct opts {
	ULONG w, h, bpp;	/* set, draw: the mode */
	const char *tty;	/* draw --sync */
	bool keep;		/* draw --keep */
	const char *flag;	/* unbind: the file that says the adapter is gone */
};

static int failures;

static void print_usage(FILE *f)
{
	fprintf(f,
		"usage: " PROG " [-d DEV] COMMAND [ARGS]\n"
		"  DEV defaults to the first entry of " DEV_DIR "/\n"
		"commands:\n"
		"  modes                 list the miniport's modes\n"
		"  current               show the current mode\n"
		"  set WxHxBPP           set a mode\n"
		"  draw WxHxBPP [--sync TTY] [--keep]\n"
		"                        set a 32-bpp mode, map video memory and draw the test\n"
		"                        pattern; --sync: tell the host on TTY and wait for its\n"
		"                        answer; --keep: leave the mapping for close() to undo\n"
		"  share                 check SHARE_VIDEO_MEMORY against MAP_VIDEO_MEMORY\n"
		"  palette               check SET_COLOR_REGISTERS\n"
		"  selftest              check the request device's answers to bad requests\n"
		"  edu-dma               packet DMA through the edu sample: page-spanning,\n"
		"                        unaligned and multi-round buffers, and a bad one\n"
		"  edu-hang              a long edu request: bounded in time, no hold on opens,\n"
		"                        no memory for requests queued behind it, ends on SIGKILL\n"
		"  edu-long              one long edu request (unbind the device meanwhile)\n"
		"  map-rules             a frame buffer mapping cannot be split, moved or\n"
		"                        inherited; a read-only answer buffer maps nothing\n"
		"  unbind FLAG           map the frame buffer, create FLAG.ready, wait for FLAG\n"
		"                        (someone unbinds the adapter meanwhile), then check that\n"
		"                        requests get ENODEV and the mapping is revoked (SIGBUS)\n");
}

/* One check line; a failure's detail is printf-style. */
static void __printf(3, 4) report(const char *name, bool ok, const char *fmt, ...)
{
	va_list ap;

	if (ok) {
		printf(PROG ": check %s: ok\n", name);
		return;
	}
	failures++;
	printf(PROG ": check %s: FAIL ", name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

struct name {
	long value;
	const char *name;
};

#define NAME(x)		{ x, #x }

static const struct name errno_names[] = {
	NAME(EPERM), NAME(ENOENT), NAME(EINTR), NAME(EIO), NAME(ENOMEM), NAME(EACCES),
	NAME(EFAULT), NAME(EBUSY), NAME(ENODEV), NAME(EINVAL), NAME(ENOTTY), NAME(EAGAIN),
	NAME(EOPNOTSUPP), { 0, NULL }
};

static const struct name status_names[] = {
	NAME(NO_ERROR), NAME(ERROR_INVALID_FUNCTION), NAME(ERROR_NOT_ENOUGH_MEMORY),
	NAME(ERROR_DEV_NOT_EXIST), NAME(ERROR_INVALID_PARAMETER), NAME(ERROR_INSUFFICIENT_BUFFER),
	NAME(ERROR_MORE_DATA), { 0, NULL }
};

static const char *lookup(const struct name *names, long value, const char *unknown)
{
	for (; names->name; names++)
		if (names->value == value)
			return names->name;
	return unknown;
}

static const char *errno_name(int err)
{
	return lookup(errno_names, err, "errno");
}

static const char *status_name(long status)
{
	return lookup(status_names, status, "VP_STATUS");
}

/*
 * A request's outcome as text: "status 87 (ERROR_INVALID_PARAMETER)" or
 * "ioctl failed: EINVAL (Invalid argument)".
 */
static const char *outcome(char buf[OUTCOME_LEN], long st)
{
	if (st < 0)
		snprintf(buf, OUTCOME_LEN, "ioctl failed: %s (%s)", errno_name((int)-st),
			 strerror((int)-st));
	else
		snprintf(buf, OUTCOME_LEN, "status %ld (%s)", st, status_name(st));
	return buf;
}

/* The ioctl itself: 0 or -errno; @r's status and information are filled in. */
static int submit(int fd, struct vpshim_video_request *r)
{
	return ioctl(fd, VPSHIM_IOCTL_VIDEO_REQUEST, r) < 0 ? -errno : 0;
}

/*
 * Send one IOCTL_VIDEO_* request. Returns the miniport's VP_STATUS, or
 * -errno when the ioctl failed; *@information (if given) gets the bytes
 * returned in @out, 0 on failure.
 */
static long request(int fd, ULONG code, const void *in, ULONG inlen, void *out, ULONG outlen,
		    ULONG_PTR *information)
{
	struct vpshim_video_request r = {
		.code = code,
		.in_length = inlen,
		.out_length = outlen,
		.in_buffer = (uintptr_t)in,
		.out_buffer = (uintptr_t)out,
	};
	int err;

	if (information)
		*information = 0;
	err = submit(fd, &r);
	if (err)
		return err;
	if (information)
		*information = (ULONG_PTR)r.information;
	return r.status;
}

/* Report a request that did not end in NO_ERROR; returns -1. */
static int request_failed(const char *what, long st)
{
	char buf[OUTCOME_LEN];

	fprintf(stderr, PROG ": %s: %s\n", what, outcome(buf, st));
	return -1;
}

/* Open DEV, or the first entry (in name order) of /dev/vpshim/. */
static int open_device(const char *dev)
{
	char path[sizeof(DEV_DIR) + 1 + 256], best[256] = "";
	struct dirent *de;
	DIR *dir;
	int fd;

	if (!dev) {
		dir = opendir(DEV_DIR);
		if (!dir) {
			fprintf(stderr, PROG ": cannot open " DEV_DIR ": %s (no vpshim adapter?)\n",
				strerror(errno));
			return -1;
		}
		while ((de = readdir(dir))) {
			if (de->d_name[0] == '.')
				continue;
			if (!best[0] || strcmp(de->d_name, best) < 0)
				snprintf(best, sizeof(best), "%s", de->d_name);
		}
		closedir(dir);
		if (!best[0]) {
			fprintf(stderr, PROG ": " DEV_DIR " is empty: no adapter is bound\n");
			return -1;
		}
		snprintf(path, sizeof(path), DEV_DIR "/%s", best);
		dev = path;
	}
	fd = open(dev, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, PROG ": cannot open %s: %s\n", dev, strerror(errno));
		return -1;
	}
	return fd;
}

static ULONG mode_bpp(const VIDEO_MODE_INFORMATION *mi)
{
	return mi->NumberOfPlanes * mi->BitsPerPlane;
}

/* "WxHxBPP" into its three numbers; false if it is not that. */
static bool parse_mode(const char *s, ULONG *w, ULONG *h, ULONG *bpp)
{
	ULONG *field[3] = { w, h, bpp };
	unsigned long v;
	char *end;
	int i;

	for (i = 0; i < 3; i++) {
		if (*s < '0' || *s > '9')
			return false;
		errno = 0;
		v = strtoul(s, &end, 10);
		if (errno || !v || v > 0xffff)
			return false;
		*field[i] = (ULONG)v;
		if (*end != (i < 2 ? 'x' : '\0'))
			return false;
		s = end + 1;
	}
	return true;
}

/*
 * QUERY_NUM_AVAIL_MODES then QUERY_AVAIL_MODES. On success *@modes is a
 * malloc'd array of *@count entries (each copied out of the miniport's
 * ModeInformationLength-sized slot).
 */
static int query_modes(int fd, VIDEO_MODE_INFORMATION **modes, ULONG *count)
{
	VIDEO_NUM_MODES num = { 0 };
	VIDEO_MODE_INFORMATION *list;
	ULONG_PTR info;
	unsigned char *buf;
	size_t len;
	ULONG i, n;
	long st;

	st = request(fd, IOCTL_VIDEO_QUERY_NUM_AVAIL_MODES, NULL, 0, &num, sizeof(num), &info);
	if (st != NO_ERROR)
		return request_failed("QUERY_NUM_AVAIL_MODES", st);
	if (info < sizeof(num) || num.ModeInformationLength < sizeof(VIDEO_MODE_INFORMATION)) {
		fprintf(stderr, PROG ": QUERY_NUM_AVAIL_MODES: %lu bytes, mode size %u\n", info,
			num.ModeInformationLength);
		return -1;
	}
	len = (size_t)num.NumModes * num.ModeInformationLength;
	if (!num.NumModes || len > VPSHIM_REQUEST_MAX_LENGTH) {
		fprintf(stderr, PROG ": the miniport reports %u modes of %u bytes\n",
			num.NumModes, num.ModeInformationLength);
		return -1;
	}
	buf = calloc(1, len);
	list = calloc(num.NumModes, sizeof(*list));
	if (!buf || !list) {
		free(buf);
		free(list);
		fprintf(stderr, PROG ": out of memory\n");
		return -1;
	}
	st = request(fd, IOCTL_VIDEO_QUERY_AVAIL_MODES, NULL, 0, buf, (ULONG)len, &info);
	if (st != NO_ERROR) {
		free(buf);
		free(list);
		return request_failed("QUERY_AVAIL_MODES", st);
	}
	n = (ULONG)(info / num.ModeInformationLength);
	for (i = 0; i < n; i++)
		memcpy(&list[i], buf + (size_t)i * num.ModeInformationLength, sizeof(*list));
	free(buf);
	*modes = list;
	*count = n;
	return 0;
}

static int find_mode(int fd, ULONG w, ULONG h, ULONG bpp, VIDEO_MODE_INFORMATION *mode)
{
	VIDEO_MODE_INFORMATION *modes;
	ULONG i, n;

	if (query_modes(fd, &modes, &n))
		return -1;
	for (i = 0; i < n; i++) {
		if (modes[i].VisScreenWidth == w && modes[i].VisScreenHeight == h &&
		    mode_bpp(&modes[i]) == bpp) {
			*mode = modes[i];
			free(modes);
			return 0;
		}
	}
	free(modes);
	fprintf(stderr, PROG ": the miniport has no %ux%ux%u mode\n", w, h, bpp);
	return -1;
}

static int set_mode(int fd, ULONG w, ULONG h, ULONG bpp, VIDEO_MODE_INFORMATION *mode)
{
	VIDEO_MODE vm;
	long st;

	if (find_mode(fd, w, h, bpp, mode))
		return -1;
	vm.RequestedMode = mode->ModeIndex;
	st = request(fd, IOCTL_VIDEO_SET_CURRENT_MODE, &vm, sizeof(vm), NULL, 0, NULL);
	if (st != NO_ERROR)
		return request_failed("SET_CURRENT_MODE", st);
	printf(PROG ": set %ux%ux%u (mode %u)\n", w, h, bpp, mode->ModeIndex);
	return 0;
}

/* MAP_VIDEO_MEMORY into this process. */
static int map_video(int fd, VIDEO_MEMORY_INFORMATION *vmi)
{
	VIDEO_MEMORY vm = { .RequestedVirtualAddress = CURRENT_PROCESS };
	ULONG_PTR info;
	long st;

	memset(vmi, 0, sizeof(*vmi));
	st = request(fd, IOCTL_VIDEO_MAP_VIDEO_MEMORY, &vm, sizeof(vm), vmi, sizeof(*vmi), &info);
	if (st != NO_ERROR)
		return request_failed("MAP_VIDEO_MEMORY", st);
	if (info < sizeof(*vmi) || !vmi->FrameBufferBase) {
		fprintf(stderr, PROG ": MAP_VIDEO_MEMORY returned %lu bytes, frame buffer at %p\n",
			info, vmi->FrameBufferBase);
		return -1;
	}
	printf(PROG ": mapped video memory at %p (%u bytes), frame buffer at %p (%u bytes)\n",
	       vmi->VideoRamBase, vmi->VideoRamLength, vmi->FrameBufferBase,
	       vmi->FrameBufferLength);
	return 0;
}

static long unmap_video(int fd, PVOID video_ram_base)
{
	VIDEO_MEMORY vm = { .RequestedVirtualAddress = video_ram_base };

	return request(fd, IOCTL_VIDEO_UNMAP_VIDEO_MEMORY, &vm, sizeof(vm), NULL, 0, NULL);
}

/*
 * Video memory is device memory: each access is made as written, in order,
 * as the kernel's readl() and writel() make them.
 */
static uint32_t vram_read(const void *p)
{
	return *(const volatile uint32_t *)p;
}

static void vram_write(void *p, uint32_t v)
{
	*(volatile uint32_t *)p = v;
}

static void *pixel_at(void *fb, ULONG stride, ULONG x, ULONG y)
{
	return (unsigned char *)fb + (size_t)y * stride + (size_t)x * 4;
}

/* Draw the pattern, then read back a few pixels. */
static int draw_pattern(void *fb, const VIDEO_MODE_INFORMATION *mode)
{
	ULONG w = mode->VisScreenWidth, h = mode->VisScreenHeight;
	ULONG stride = mode->ScreenStride;
	const ULONG probe[][2] = {
		{ 0, 0 }, { w - 1, 0 }, { 0, h - 1 }, { w - 1, h - 1 }, { w / 2, h / 2 },
		{ 15, 15 }, { 16, 15 }, { 15, 16 }, { 16, 16 }, { w / 3, (h * 2) / 3 },
	};
	uint32_t got, want;
	unsigned int i;
	ULONG x, y;

	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++)
			vram_write(pixel_at(fb, stride, x, y), screen_pattern(x, y, w, h));
	__sync_synchronize();
	for (i = 0; i < ARRAY_SIZE(probe); i++) {
		x = probe[i][0];
		y = probe[i][1];
		if (x >= w || y >= h)
			continue;
		got = vram_read(pixel_at(fb, stride, x, y));
		want = screen_pattern(x, y, w, h);
		if (got != want) {
			fprintf(stderr, PROG ": pixel (%u,%u) reads back %#010x, wrote %#010x\n",
				x, y, got, want);
			return -1;
		}
	}
	return 0;
}

static int cmd_modes(int fd, const struct opts *o __always_unused)
{
	VIDEO_MODE_INFORMATION *modes;
	ULONG i, n;

	if (query_modes(fd, &modes, &n))
		return 1;
	for (i = 0; i < n; i++)
		printf("mode %u: %ux%ux%u stride %u\n", modes[i].ModeIndex,
		       modes[i].VisScreenWidth, modes[i].VisScreenHeight, mode_bpp(&modes[i]),
		       modes[i].ScreenStride);
	free(modes);
	return 0;
}

static int cmd_current(int fd, const struct opts *o __always_unused)
{
	VIDEO_MODE_INFORMATION mi = { 0 };
	ULONG_PTR info;
	long st;

	st = request(fd, IOCTL_VIDEO_QUERY_CURRENT_MODE, NULL, 0, &mi, sizeof(mi), &info);
	if (st != NO_ERROR) {
		request_failed("QUERY_CURRENT_MODE", st);
		return 1;
	}
	if (info < sizeof(mi)) {
		fprintf(stderr, PROG ": QUERY_CURRENT_MODE returned %lu bytes\n", info);
		return 1;
	}
	printf("current: %ux%ux%u stride %u\n", mi.VisScreenWidth, mi.VisScreenHeight,
	       mode_bpp(&mi), mi.ScreenStride);
	return 0;
}

static int cmd_set(int fd, const struct opts *o)
{
	VIDEO_MODE_INFORMATION mode;

	return set_mode(fd, o->w, o->h, o->bpp, &mode) ? 1 : 0;
}

static int cmd_draw(int fd, const struct opts *o)
{
	ULONG w = o->w, h = o->h, bpp = o->bpp;
	VIDEO_MODE_INFORMATION mode;
	VIDEO_MEMORY_INFORMATION vmi;
	unsigned long long need;
	int ret = 1;
	long st;

	if (bpp != 32) {
		fprintf(stderr, PROG ": draw supports 32 bpp only\n");
		return 1;
	}
	if (set_mode(fd, w, h, bpp, &mode))
		return 1;
	if ((mode.RedMask | mode.GreenMask | mode.BlueMask) &&
	    (mode.RedMask != 0xff0000 || mode.GreenMask != 0xff00 || mode.BlueMask != 0xff))
		fprintf(stderr, PROG ": warning: masks %#x/%#x/%#x are not x8r8g8b8\n",
			mode.RedMask, mode.GreenMask, mode.BlueMask);
	if (map_video(fd, &vmi))
		return 1;
	need = (unsigned long long)(h - 1) * mode.ScreenStride + 4ULL * w;
	if (mode.ScreenStride < 4 * w || need > vmi.FrameBufferLength) {
		fprintf(stderr, PROG ": %ux%u at stride %u does not fit a %u-byte frame buffer\n",
			w, h, mode.ScreenStride, vmi.FrameBufferLength);
		goto unmap;
	}
	if (draw_pattern(vmi.FrameBufferBase, &mode))
		goto unmap;
	if (o->tty && screen_sync(PROG, o->tty, w, h, bpp, ""))
		goto unmap;
	ret = 0;
unmap:
	if (o->keep && !ret) {
		/* Left for vpshim to take down when the file is closed. */
		printf(PROG ": keeping the mapping at %p\n", vmi.VideoRamBase);
	} else {
		st = unmap_video(fd, vmi.VideoRamBase);
		if (st != NO_ERROR) {
			request_failed("UNMAP_VIDEO_MEMORY", st);
			ret = 1;
		}
	}
	if (!ret)
		printf(PROG ": drew %ux%ux%u\n", w, h, bpp);
	return ret;
}

static int cmd_share(int fd, const struct opts *o __always_unused)
{
	VIDEO_SHARE_MEMORY sm = {
		.ProcessHandle = CURRENT_PROCESS,
		.ViewOffset = 0,
		.ViewSize = 65536,
		.RequestedVirtualAddress = NULL,
	};
	VIDEO_SHARE_MEMORY_INFORMATION smi = { 0 };
	VIDEO_MEMORY_INFORMATION vmi;
	char buf[OUTCOME_LEN];
	uint32_t old, got;
	void *sv, *mv;
	ULONG_PTR info;
	long st;
	bool ok;

	st = request(fd, IOCTL_VIDEO_SHARE_VIDEO_MEMORY, &sm, sizeof(sm), &smi, sizeof(smi), &info);
	ok = st == NO_ERROR && info >= sizeof(smi) && smi.VirtualAddress &&
	     smi.SharedViewSize >= sizeof(uint32_t);
	report("share", ok, "%s, %lu bytes, view %p size %u", outcome(buf, st), info,
	       smi.VirtualAddress, smi.SharedViewSize);
	if (st != NO_ERROR || !smi.VirtualAddress)
		return 0;
	printf(PROG ": shared view at %p, offset %u, size %u\n", smi.VirtualAddress,
	       smi.SharedViewOffset, smi.SharedViewSize);
	if (!ok)
		goto unshare;
	if (map_video(fd, &vmi)) {
		report("share-map", false, "MAP_VIDEO_MEMORY failed");
		goto unshare;
	}
	report("share-map", true, NULL);

	sv = smi.VirtualAddress;
	mv = vmi.FrameBufferBase;
	old = vram_read(mv);
	vram_write(sv, SHARE_MAGIC_1);
	__sync_synchronize();
	got = vram_read(mv);
	report("share-write-seen-in-map", got == SHARE_MAGIC_1,
	       "wrote %#x through the shared view, the mapping reads %#x", SHARE_MAGIC_1, got);
	vram_write(mv, SHARE_MAGIC_2);
	__sync_synchronize();
	got = vram_read(sv);
	report("map-write-seen-in-share", got == SHARE_MAGIC_2,
	       "wrote %#x through the mapping, the shared view reads %#x", SHARE_MAGIC_2, got);
	vram_write(mv, old);
	__sync_synchronize();

	st = unmap_video(fd, vmi.VideoRamBase);
	report("share-unmap", st == NO_ERROR, "%s", outcome(buf, st));
unshare:
	sm.RequestedVirtualAddress = smi.VirtualAddress;
	st = request(fd, IOCTL_VIDEO_UNSHARE_VIDEO_MEMORY, &sm, sizeof(sm), NULL, 0, NULL);
	report("unshare", st == NO_ERROR, "%s", outcome(buf, st));
	return 0;
}

/* SET_COLOR_REGISTERS with a grey ramp of @n entries from entry 0. */
static long set_clut(int fd, unsigned int n)
{
	size_t len = offsetof(VIDEO_CLUT, LookupTable) + n * sizeof(ULONG);
	VIDEO_CLUT *clut = calloc(1, len);
	unsigned int i;
	long st;

	if (!clut)
		return -ENOMEM;
	clut->NumEntries = (USHORT)n;
	clut->FirstEntry = 0;
	for (i = 0; i < n; i++) {
		UCHAR v = (UCHAR)(n > 1 ? i * 255 / (n - 1) : 0);

		clut->LookupTable[i].RgbArray.Red = v;
		clut->LookupTable[i].RgbArray.Green = v;
		clut->LookupTable[i].RgbArray.Blue = v;
		clut->LookupTable[i].RgbArray.Unused = 0;
	}
	st = request(fd, IOCTL_VIDEO_SET_COLOR_REGISTERS, clut, (ULONG)len, NULL, 0, NULL);
	free(clut);
	return st;
}

static int cmd_palette(int fd, const struct opts *o __always_unused)
{
	char buf[OUTCOME_LEN];
	long st;

	st = set_clut(fd, 256);
	report("palette-256", st == NO_ERROR, "%s", outcome(buf, st));
	st = set_clut(fd, 300);
	report("palette-300-refused", st == ERROR_INVALID_PARAMETER, "%s, want %s",
	       outcome(buf, st), status_name(ERROR_INVALID_PARAMETER));
	return 0;
}

/* A check that the ioctl itself fails with errno @want. */
static void check_errno(int fd, const char *name, struct vpshim_video_request *r, int want)
{
	char buf[OUTCOME_LEN];
	int err;

	r->status = 0xdeadbeef;
	err = submit(fd, r);
	report(name, err == -want, "%s, want %s", outcome(buf, err ? err : (long)r->status),
	       errno_name(want));
}

static int cmd_selftest(int fd, const struct opts *o __always_unused)
{
	VIDEO_NUM_MODES num = { 0 };
	VIDEO_MODE vm = { .RequestedMode = 0xffff };
	struct vpshim_video_request r;
	unsigned char small[64], *big;
	unsigned long long all;
	ULONG_PTR info;
	char buf[OUTCOME_LEN];
	void *p;
	long st;
	int err;

	/* A video code no miniport knows: HwStartIO says so, nothing comes back. */
	memset(&r, 0, sizeof(r));
	r.code = CTL_CODE(FILE_DEVICE_VIDEO, 0x7ff, METHOD_BUFFERED, FILE_ANY_ACCESS);
	r.out_length = sizeof(small);
	r.out_buffer = (uintptr_t)small;
	r.status = 0xdeadbeef;
	r.information = 0xdead;
	err = submit(fd, &r);
	if (err)
		report("unknown-video-code", false, "%s", outcome(buf, err));
	else
		report("unknown-video-code", r.status == ERROR_INVALID_FUNCTION && !r.information,
		       "%s, information %llu, want %s and 0", outcome(buf, r.status),
		       (unsigned long long)r.information, status_name(ERROR_INVALID_FUNCTION));

	/* Another device type's code is not a video request at all. */
	memset(&r, 0, sizeof(r));
	r.code = CTL_CODE(FILE_DEVICE_UNKNOWN, 0x800, METHOD_BUFFERED, 0);
	check_errno(fd, "foreign-device-type", &r, ENOTTY);

	/* Oversized lengths, with buffers that really are that big. */
	big = calloc(1, VPSHIM_REQUEST_MAX_LENGTH + 1);
	if (!big) {
		fprintf(stderr, PROG ": out of memory\n");
		return 1;
	}
	memset(&r, 0, sizeof(r));
	r.code = IOCTL_VIDEO_QUERY_NUM_AVAIL_MODES;
	r.in_length = VPSHIM_REQUEST_MAX_LENGTH + 1;
	r.in_buffer = (uintptr_t)big;
	r.out_length = sizeof(num);
	r.out_buffer = (uintptr_t)&num;
	check_errno(fd, "in-length-too-big", &r, EINVAL);

	memset(&r, 0, sizeof(r));
	r.code = IOCTL_VIDEO_QUERY_NUM_AVAIL_MODES;
	r.out_length = VPSHIM_REQUEST_MAX_LENGTH + 1;
	r.out_buffer = (uintptr_t)big;
	check_errno(fd, "out-length-too-big", &r, EINVAL);
	free(big);

	memset(&r, 0, sizeof(r));
	r.code = IOCTL_VIDEO_QUERY_NUM_AVAIL_MODES;
	r.out_length = sizeof(num);
	r.out_buffer = (uintptr_t)&num;
	r.reserved = 1;
	check_errno(fd, "reserved-nonzero", &r, EINVAL);

	memset(&r, 0, sizeof(r));
	r.code = IOCTL_VIDEO_QUERY_NUM_AVAIL_MODES;
	r.in_length = 16;
	r.in_buffer = 0;
	r.out_length = sizeof(num);
	r.out_buffer = (uintptr_t)&num;
	check_errno(fd, "in-length-without-buffer", &r, EINVAL);

	memset(&r, 0, sizeof(r));
	r.code = IOCTL_VIDEO_QUERY_NUM_AVAIL_MODES;
	r.in_length = 8;
	r.in_buffer = 0x10;
	r.out_length = sizeof(num);
	r.out_buffer = (uintptr_t)&num;
	check_errno(fd, "unreadable-in-buffer", &r, EFAULT);

	p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		report("read-only-out-buffer", false, "cannot mmap a page: %s", strerror(errno));
	} else {
		memset(&r, 0, sizeof(r));
		r.code = IOCTL_VIDEO_QUERY_NUM_AVAIL_MODES;
		r.out_length = sizeof(num);
		r.out_buffer = (uintptr_t)p;
		check_errno(fd, "read-only-out-buffer", &r, EFAULT);
		munmap(p, 4096);
	}

	/* Short output buffers: the miniport's answer, and no data back. */
	st = request(fd, IOCTL_VIDEO_QUERY_NUM_AVAIL_MODES, NULL, 0, &num, sizeof(num), &info);
	all = (unsigned long long)num.NumModes * num.ModeInformationLength;
	if (st != NO_ERROR || info < sizeof(num) || !num.NumModes ||
	    num.ModeInformationLength < sizeof(VIDEO_MODE_INFORMATION) ||
	    all > VPSHIM_REQUEST_MAX_LENGTH) {
		report("avail-modes-short-buffer", false,
		       "QUERY_NUM_AVAIL_MODES: %s, %lu bytes, %u modes of %u bytes",
		       outcome(buf, st), info, num.NumModes, num.ModeInformationLength);
	} else {
		ULONG len = (ULONG)all - sizeof(VIDEO_MODE_INFORMATION);
		unsigned char *modes = malloc(len + 1);

		if (!modes) {
			fprintf(stderr, PROG ": out of memory\n");
			return 1;
		}
		st = request(fd, IOCTL_VIDEO_QUERY_AVAIL_MODES, NULL, 0, len ? modes : NULL, len,
			     &info);
		report("avail-modes-short-buffer", st == ERROR_INSUFFICIENT_BUFFER && !info,
		       "%u bytes for %u modes: %s, information %lu, want %s and 0", len,
		       num.NumModes, outcome(buf, st), info,
		       status_name(ERROR_INSUFFICIENT_BUFFER));
		free(modes);
	}

	st = request(fd, IOCTL_VIDEO_QUERY_NUM_AVAIL_MODES, NULL, 0, &num, 4, &info);
	report("num-modes-short-buffer", st == ERROR_INSUFFICIENT_BUFFER && !info,
	       "%s, information %lu, want ERROR_INSUFFICIENT_BUFFER and 0", outcome(buf, st), info);

	st = request(fd, IOCTL_VIDEO_SET_CURRENT_MODE, &vm, sizeof(vm), NULL, 0, NULL);
	report("set-mode-invalid", st == ERROR_INVALID_PARAMETER, "mode %#x: %s, want %s",
	       vm.RequestedMode, outcome(buf, st), status_name(ERROR_INVALID_PARAMETER));

	/* mmap(2) by itself maps nothing: only a request in flight may map. */
	p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED) {
		err = errno;
		report("mmap-refused", err == EINVAL, "mmap failed with %s, want EINVAL",
		       errno_name(err));
	} else {
		report("mmap-refused", false, "mmap mapped a page at %p", p);
		munmap(p, 4096);
	}

	/* No buffers at all is a valid request. */
	memset(&r, 0, sizeof(r));
	r.code = IOCTL_VIDEO_RESET_DEVICE;
	r.status = 0xdeadbeef;
	err = submit(fd, &r);
	report("zero-length-request", !err && r.status == NO_ERROR,
	       "RESET_DEVICE: %s", outcome(buf, err ? err : (long)r.status));
	return 0;
}

/* One IOCTL_EDU_PACKET_DMA of @len bytes at @offset into fresh pages. */
static void edu_dma_case(int fd, const char *name, size_t offset, ULONG len)
{
	size_t span = (offset + len + 1 + 4095) & ~(size_t)4095;	/* a byte past */
	EDU_PACKET_RESULT res = { 0 };
	EDU_PACKET_DMA in = { 0 };
	unsigned char *src, *dst;
	char buf[OUTCOME_LEN];
	size_t i, bad = len;
	long st;

	src = mmap(NULL, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	dst = mmap(NULL, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (src == MAP_FAILED || dst == MAP_FAILED) {
		report(name, false, "no memory");
		return;
	}
	for (i = 0; i < len; i++)
		src[offset + i] = (unsigned char)(i * 31 + (i >> 8) + 7);
	in.Source = src + offset;
	in.Destination = dst + offset;
	in.Length = len;
	st = request(fd, IOCTL_EDU_PACKET_DMA, &in, sizeof(in), &res, sizeof(res), NULL);
	for (i = 0; i < len && bad == len; i++)
		if (dst[offset + i] != src[offset + i])
			bad = i;
	report(name, st == NO_ERROR && bad == len && dst[offset + len] == 0 &&
	       (!offset || dst[offset - 1] == 0),
	       "%s, first wrong byte %zu of %u", outcome(buf, st), bad, len);
	if (st == NO_ERROR)
		printf(PROG ": %s: %u bytes at page offset %zu in %u rounds, %u elements, %u interrupts\n",
		       name, len, offset, res.Rounds, res.Elements, res.Interrupts);
	munmap(src, span);
	munmap(dst, span);
}

static int cmd_edu_dma(int fd, const struct opts *o __always_unused)
{
	EDU_PACKET_DMA in = { 0 };
	EDU_PACKET_RESULT res;
	char buf[OUTCOME_LEN];
	long st;

	edu_dma_case(fd, "edu-dma-within-a-page", 100, 200);
	edu_dma_case(fd, "edu-dma-two-pages-aligned", 0, 8192);
	edu_dma_case(fd, "edu-dma-unaligned-many-rounds", 123, 20000);
	/* A buffer that is not mapped: refused, no oops, nothing locked. */
	in.Source = (PVOID)0x1000;
	in.Destination = (PVOID)0x1000;
	in.Length = 4096;
	st = request(fd, IOCTL_EDU_PACKET_DMA, &in, sizeof(in), &res, sizeof(res), NULL);
	report("edu-dma-unmapped-buffer-refused", st == ERROR_INVALID_PARAMETER, "%s",
	       outcome(buf, st));
	return 0;
}

static sigjmp_buf probe_env;

static void probe_signal(int sig)
{
	siglongjmp(probe_env, sig);
}

/*
 * The signal reading @p raises in this process (0 for none): SIGBUS for a
 * revoked mapping, SIGSEGV where nothing is mapped. The mapping is not
 * inherited by fork, so the probe runs here, with handlers.
 */
static int read_signal(void *p)
{
	struct sigaction sa = { .sa_handler = probe_signal }, old_bus, old_segv;
	int sig;

	sigemptyset(&sa.sa_mask);
	sigaction(SIGBUS, &sa, &old_bus);
	sigaction(SIGSEGV, &sa, &old_segv);
	sig = sigsetjmp(probe_env, 1);
	if (!sig)
		vram_read(p);
	sigaction(SIGBUS, &old_bus, NULL);
	sigaction(SIGSEGV, &old_segv, NULL);
	return sig;
}

/* Whether touching @fb now raises SIGBUS (a revoked mapping). */
static bool access_faults(void *fb)
{
	return read_signal(fb) == SIGBUS;
}

static int cmd_unbind(int fd, const struct opts *o)
{
	VIDEO_MODE_INFORMATION mode;
	VIDEO_MEMORY_INFORMATION vmi;
	struct vpshim_video_request r;
	char ready[PATH_MAX];
	int i, err, rfd;

	if (set_mode(fd, 640, 480, 32, &mode) || map_video(fd, &vmi))
		return 1;
	vram_write(vmi.FrameBufferBase, 0x00123456);
	report("mapping-works-before-unbind", vram_read(vmi.FrameBufferBase) == 0x00123456 &&
	       !access_faults(vmi.FrameBufferBase), "the mapped frame buffer did not hold a pixel");
	snprintf(ready, sizeof(ready), "%s.ready", o->flag);
	rfd = open(ready, O_CREAT | O_WRONLY, 0644);
	if (rfd < 0) {
		fprintf(stderr, PROG ": cannot create %s: %s\n", ready, strerror(errno));
		return 1;
	}
	close(rfd);
	for (i = 0; i < 600 && access(o->flag, F_OK); i++)
		usleep(100 * 1000);
	if (access(o->flag, F_OK)) {
		fprintf(stderr, PROG ": %s never appeared\n", o->flag);
		return 1;
	}
	memset(&r, 0, sizeof(r));
	r.code = IOCTL_VIDEO_RESET_DEVICE;
	err = submit(fd, &r);
	report("request-after-unbind-enodev", err == -ENODEV, "got %s",
	       err ? errno_name(-err) : "success");
	report("mapping-revoked-at-unbind", access_faults(vmi.FrameBufferBase),
	       "the frame buffer is still reachable after unbind");
	return 0;
}


/* Seconds on the monotonic clock. */
static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * A request that runs long: the edu sample's packet DMA of @len bytes (its
 * device takes about 200 ms for each 4095-byte round).
 */
static long edu_long_request(int fd, size_t len)
{
	EDU_PACKET_RESULT res = { 0 };
	EDU_PACKET_DMA in = { 0 };
	unsigned char *src, *dst;
	long st;

	src = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	dst = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (src == MAP_FAILED || dst == MAP_FAILED)
		return -ENOMEM;
	memset(src, 0x5a, len);
	in.Source = src;
	in.Destination = dst;
	in.Length = len;
	st = request(fd, IOCTL_EDU_PACKET_DMA, &in, sizeof(in), &res, sizeof(res), NULL);
	munmap(src, len);
	munmap(dst, len);
	return st;
}

struct long_request {
	int fd;
	size_t len;
	long status;
};

static void *long_request_thread(void *p)
{
	struct long_request *lr = p;

	lr->status = edu_long_request(lr->fd, lr->len);
	return NULL;
}

/* MemAvailable, in KiB. */
static long mem_available(void)
{
	char line[128];
	long kib = -1;
	FILE *f = fopen("/proc/meminfo", "r");

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "MemAvailable: %ld kB", &kib) == 1)
			break;
	if (f)
		fclose(f);
	return kib;
}

#define QUEUED_REQUESTS		48
#define QUEUED_REQUEST_BYTES	(1024 * 1024)

struct queued_request {
	int fd;
	void *out;
	pthread_t thread;
};

static void *queued_request_thread(void *p)
{
	struct queued_request *q = p;

	request(q->fd, IOCTL_VIDEO_RESET_DEVICE, NULL, 0, q->out, QUEUED_REQUEST_BYTES, NULL);
	return NULL;
}

/*
 * What a request must not do to the rest of the system (the edu device,
 * with vpshim's request_timeout_ms lowered to 3 s by the caller): run past
 * its time, hold up opens of misc devices, hold memory for requests queued
 * behind it, or outlive a SIGKILL.
 */
static int cmd_edu_hang(int fd, const struct opts *o __always_unused)
{
	struct queued_request q[QUEUED_REQUESTS];
	struct long_request lr = { .fd = fd, .len = 200 * 1024 };
	char self[64];
	long before, after;
	double t0, dt;
	pthread_t t;
	void *shared;
	int status, i, a, b;
	pid_t pid;
	long st;

	/* 1. A request's waits end when its time is up. */
	t0 = now();
	st = edu_long_request(fd, 200 * 1024);
	dt = now() - t0;
	report("request-time-bounded", st != NO_ERROR && dt < 6.0,
	       "a 200 KiB packet DMA (10 s of device time) ended after %.1f s with %#lx", dt,
	       (unsigned long)st);

	/* 2. Opens are not held up behind a running request. */
	if (pthread_create(&t, NULL, long_request_thread, &lr)) {
		report("open-not-held-by-a-request", false, "no thread");
		return 1;
	}
	usleep(300 * 1000);
	snprintf(self, sizeof(self), "/proc/self/fd/%d", fd);
	t0 = now();
	a = open(self, O_RDWR);
	b = open("/dev/cpu_dma_latency", O_RDONLY);
	dt = now() - t0;
	report("open-not-held-by-a-request", a >= 0 && dt < 0.5,
	       "opening this device and /dev/cpu_dma_latency took %.2f s (fd %d, %d)", dt, a,
	       b);
	if (a >= 0)
		close(a);
	if (b >= 0)
		close(b);

	/* 3. Requests queued behind it hold no request buffers. */
	shared = mmap(NULL, QUEUED_REQUEST_BYTES, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	before = mem_available();
	for (i = 0; i < QUEUED_REQUESTS && shared != MAP_FAILED; i++) {
		q[i].fd = fd;
		q[i].out = shared;
		if (pthread_create(&q[i].thread, NULL, queued_request_thread, &q[i]))
			break;
	}
	usleep(500 * 1000);
	after = mem_available();
	report("queued-requests-memory-bounded", i == QUEUED_REQUESTS && before - after < 16384,
	       "%d requests of 1 MiB queued: MemAvailable fell %ld KiB (bound 16 MiB)", i,
	       before - after);
	while (i-- > 0)
		pthread_join(q[i].thread, NULL);
	pthread_join(t, NULL);
	if (shared != MAP_FAILED)
		munmap(shared, QUEUED_REQUEST_BYTES);

	/* 4. SIGKILL ends a request at once (its waits end early). */
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		edu_long_request(fd, 200 * 1024);
		_exit(0);
	}
	usleep(300 * 1000);
	t0 = now();
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	dt = now() - t0;
	report("killed-requester-exits-promptly", WIFSIGNALED(status) && dt < 1.5,
	       "a SIGKILLed requester took %.2f s to exit", dt);
	return 0;
}

/* One long request, for the caller to unbind the device meanwhile. */
static int cmd_edu_long(int fd, const struct opts *o __always_unused)
{
	long st = edu_long_request(fd, 200 * 1024);

	printf(PROG ": edu-long: request ended with %#lx\n", (unsigned long)st);
	return 0;
}

/* Whether a child that reads @p dies of @sig. */
static bool child_faults(void *p, int sig)
{
	int status;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		signal(sig, SIG_DFL);
		vram_read(p);
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return false;
	return WIFSIGNALED(status) && WTERMSIG(status) == sig;
}

/* Mappings of the request device in /proc/self/maps. */
static int device_mappings(void)
{
	char line[512];
	int n = 0;
	FILE *f = fopen("/proc/self/maps", "r");

	while (f && fgets(line, sizeof(line), f))
		n += strstr(line, "/dev/vpshim/") != NULL;
	if (f)
		fclose(f);
	return n;
}

/*
 * A frame buffer mapping stays what VideoPortMapMemory made: it cannot be
 * split, moved or inherited, and an answer that cannot reach the caller
 * (a read-only output buffer) is refused before the miniport maps anything.
 */
static int cmd_map_rules(int fd, const struct opts *o __always_unused)
{
	VIDEO_MODE_INFORMATION mode;
	VIDEO_MEMORY_INFORMATION vmi;
	VIDEO_MEMORY vm = { 0 };
	struct vpshim_video_request r;
	unsigned char *fb;
	size_t len;
	void *ro, *moved;
	int n, err;

	if (set_mode(fd, 640, 480, 32, &mode) || map_video(fd, &vmi))
		return 1;
	fb = vmi.FrameBufferBase;
	len = (size_t)vmi.FrameBufferLength & ~(size_t)4095;
	if (len < 3 * 4096) {
		report("map-rules", false, "a %zu-byte frame buffer is too small to split", len);
		return 1;
	}
	vram_write(fb, 0x00abcdef);
	err = munmap(fb + 4096, 4096) ? errno : 0;
	report("partial-munmap-refused", err == EINVAL && !read_signal(fb + 4096),
	       "munmap of one page inside the mapping: %s", err ? errno_name(err) : "success");
	err = mprotect(fb + 4096, 4096, PROT_READ) ? errno : 0;
	report("partial-mprotect-refused", err == EINVAL,
	       "mprotect of one page inside the mapping: %s", err ? errno_name(err) : "success");
	/* A flag on part of it would split it as well. */
	err = madvise(fb + 4096, 4096, MADV_RANDOM) ? errno : 0;
	report("partial-madvise-refused", err == EINVAL,
	       "madvise(MADV_RANDOM) of one page: %s", err ? errno_name(err) : "success");
	moved = mremap(fb, len, len, MREMAP_MAYMOVE | MREMAP_FIXED, fb + 2 * len);
	report("mremap-refused", moved == MAP_FAILED, "mremap moved the mapping to %p", moved);
	report("mapping-not-inherited-by-fork", child_faults(fb, SIGSEGV) &&
	       vram_read(fb) == 0x00abcdef, "a forked child could read the frame buffer");

	/* A read-only output buffer: EFAULT, and no new mapping was made. */
	n = device_mappings();
	ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	memset(&r, 0, sizeof(r));
	vm.RequestedVirtualAddress = NULL;
	r.code = IOCTL_VIDEO_MAP_VIDEO_MEMORY;
	r.in_length = sizeof(vm);
	r.in_buffer = (uintptr_t)&vm;
	r.out_length = sizeof(VIDEO_MEMORY_INFORMATION);
	r.out_buffer = (uintptr_t)ro;
	err = submit(fd, &r);
	report("read-only-answer-refused-before-mapping", err == -EFAULT && device_mappings() == n,
	       "MAP_VIDEO_MEMORY into a read-only buffer: %s, %d mappings before, %d after",
	       err ? errno_name(-err) : "success", n, device_mappings());
	munmap(ro, 4096);
	report("unmap-whole-mapping", unmap_video(fd, vmi.VideoRamBase) == NO_ERROR &&
	       device_mappings() == n - 1, "UNMAP_VIDEO_MEMORY left %d mappings", device_mappings());
	return 0;
}

static const struct command {
	const char *name;
	bool takes_mode;
	int (*run)(int fd, const struct opts *o);
} commands[] = {
	{ "modes", false, cmd_modes },
	{ "current", false, cmd_current },
	{ "set", true, cmd_set },
	{ "draw", true, cmd_draw },
	{ "share", false, cmd_share },
	{ "palette", false, cmd_palette },
	{ "selftest", false, cmd_selftest },
	{ "unbind", false, cmd_unbind },
	{ "edu-dma", false, cmd_edu_dma },
	{ "edu-hang", false, cmd_edu_hang },
	{ "edu-long", false, cmd_edu_long },
	{ "map-rules", false, cmd_map_rules },
};

int main(int argc, char **argv)
{
	const struct command *cmd = NULL;
	struct opts o = { 0 };
	const char *dev = NULL;
	unsigned int c;
	int i = 1, fd, ret;

	/* Lines in order with stderr and the kernel's, whatever stdout is. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	while (i < argc && argv[i][0] == '-') {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			print_usage(stdout);
			return 0;
		}
		if (strcmp(argv[i], "-d") || i + 1 >= argc) {
			print_usage(stderr);
			return 2;
		}
		dev = argv[i + 1];
		i += 2;
	}
	for (c = 0; i < argc && c < ARRAY_SIZE(commands); c++)
		if (!strcmp(argv[i], commands[c].name))
			cmd = &commands[c];
	if (!cmd) {
		print_usage(stderr);
		return 2;
	}
	i++;

	/* Every argument is checked before the device is opened. */
	if (cmd->takes_mode) {
		if (i >= argc || !parse_mode(argv[i], &o.w, &o.h, &o.bpp)) {
			fprintf(stderr, PROG ": %s needs a mode, WxHxBPP\n", cmd->name);
			return 2;
		}
		i++;
	}
	if (cmd->run == cmd_unbind) {
		if (i >= argc) {
			fprintf(stderr, PROG ": unbind needs a flag file\n");
			return 2;
		}
		o.flag = argv[i++];
	}
	while (cmd->run == cmd_draw && i < argc) {
		if (!strcmp(argv[i], "--sync") && i + 1 < argc) {
			o.tty = argv[i + 1];
			i += 2;
		} else if (!strcmp(argv[i], "--keep")) {
			o.keep = true;
			i++;
		} else {
			break;
		}
	}
	if (i < argc) {
		fprintf(stderr, PROG ": %s: unexpected argument %s\n", cmd->name, argv[i]);
		return 2;
	}

	fd = open_device(dev);
	if (fd < 0)
		return 1;
	ret = cmd->run(fd, &o);
	close(fd);
	return ret || failures ? 1 : 0;
}
