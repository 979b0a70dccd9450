// SPDX-License-Identifier: GPL-2.0
/*
 * kmap_user - the user-space end of the kmap corpus miniport's checks.
 *
 * The kmap miniport answers IOCTL_VIDEO_MAP_VIDEO_MEMORY with a system-space
 * address, as it would for a kernel-mode display driver; vpshim must hand
 * this process a mapping of the same memory instead. Checked here: the
 * address that comes back is a user address and the memory behind it takes
 * a pattern; the miniport's private read through its own system mapping
 * returns that pattern (the same memory); UNMAP with the user address
 * succeeds and the mapping is gone (touching it faults); a second MAP works
 * and sees what was written before.
 *
 * Usage: kmap_user /dev/vpshim/<device> [exit-mapped|read-back]
 *   (none)       the checks above
 *   exit-mapped  map, write a pattern and exit with the mapping in place
 *   read-back    the private read of that pattern, from another process:
 *                the miniport's system-space mapping must outlive the
 *                process it was made for, as on Windows
 * Prints "vpc_kmap: check NAME: ok" or "... FAIL detail" lines; exit
 * status 1 when a check failed.
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
#include "kmap_ioctl.h"

#define PREFIX		"vpc_kmap: check "
/* Where the pattern goes: past the visible part of a 1024x768x32 mode. */
#define PATTERN_OFFSET	0x400000
#define PATTERN_LEN	KMAP_READ_MAX
/* x86-64 user space ends below this. */
#define USER_LIMIT	0x0000800000000000ULL

static int failures;
static char stdout_buf[8192];

static void __attribute__((format(printf, 3, 4))) report(const char *name, bool ok,
							   const char *fmt, ...)
{
	va_list ap;

	printf(PREFIX "%s: %s", name, ok ? "ok" : "FAIL");
	if (fmt && *fmt) {
		putchar(' ');
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
	}
	putchar('\n');
	if (!ok)
		failures++;
}

/* One request; returns the ioctl's result, *status the miniport's. */
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
	*status = req.status;
	if (information)
		*information = (ULONG)req.information;
	return ret;
}

static bool user_address(const void *p)
{
	return p && (uintptr_t)p < USER_LIMIT;
}

static void make_pattern(unsigned char *buf, size_t len, unsigned int seed)
{
	size_t i;

	for (i = 0; i < len; i++) {
		seed = seed * 1103515245 + 12345;
		buf[i] = seed >> 16;
	}
}

/* The private read of the miniport: len bytes at off through its mapping. */
static int kernel_read(int fd, ULONG off, unsigned char *buf, ULONG len, ULONG *status)
{
	KMAP_READ_FRAME_BUFFER rd = { .Offset = off, .Length = len };
	ULONG info = 0;
	int ret;

	ret = request(fd, IOCTL_KMAP_READ_FRAME_BUFFER, &rd, sizeof(rd), buf, len, status, &info);
	if (ret == 0 && *status == NO_ERROR && info != len)
		return -1;
	return ret;
}

static sigjmp_buf fault_jmp;
static volatile sig_atomic_t fault_sig;

static void fault_handler(int sig)
{
	fault_sig = sig;
	siglongjmp(fault_jmp, 1);
}

/* Whether reading *p faults (SIGSEGV or SIGBUS); the signal in *sig. */
static bool touch_faults(volatile unsigned char *p, int *sig)
{
	struct sigaction sa, old_segv, old_bus;
	bool faulted;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fault_handler;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, &old_segv);
	sigaction(SIGBUS, &sa, &old_bus);
	fault_sig = 0;
	if (sigsetjmp(fault_jmp, 1) == 0) {
		(void)*p;
		faulted = false;
	} else {
		faulted = true;
	}
	sigaction(SIGSEGV, &old_segv, NULL);
	sigaction(SIGBUS, &old_bus, NULL);
	*sig = fault_sig;
	return faulted;
}

static bool map_video_memory(int fd, const char *name, VIDEO_MEMORY_INFORMATION *info)
{
	VIDEO_MEMORY mem = { .RequestedVirtualAddress = NULL };
	ULONG status = 0, n = 0;
	int ret;
	bool ok;

	memset(info, 0, sizeof(*info));
	ret = request(fd, IOCTL_VIDEO_MAP_VIDEO_MEMORY, &mem, sizeof(mem), info, sizeof(*info),
		      &status, &n);
	ok = ret == 0 && status == NO_ERROR && n == sizeof(*info) &&
	     user_address(info->VideoRamBase) && user_address(info->FrameBufferBase) &&
	     info->VideoRamLength >= PATTERN_OFFSET + PATTERN_LEN;
	report(name, ok, "ioctl %d errno %d status %u information %u VideoRamBase %p+%#x FrameBufferBase %p+%#x",
	       ret, ret ? errno : 0, status, n, info->VideoRamBase, info->VideoRamLength,
	       info->FrameBufferBase, info->FrameBufferLength);
	return ok;
}

static bool unmap_video_memory(int fd, const char *name, void *addr)
{
	VIDEO_MEMORY mem = { .RequestedVirtualAddress = addr };
	ULONG status = 0;
	int ret;

	ret = request(fd, IOCTL_VIDEO_UNMAP_VIDEO_MEMORY, &mem, sizeof(mem), NULL, 0, &status,
		      NULL);
	report(name, ret == 0 && status == NO_ERROR, "ioctl %d status %u for %p", ret, status, addr);
	return ret == 0 && status == NO_ERROR;
}

/* The 1024x768x32 mode, set. */
static void set_mode(int fd)
{
	VIDEO_NUM_MODES num;
	VIDEO_MODE_INFORMATION modes[8];
	VIDEO_MODE mode;
	ULONG status = 0, i, found = ~0U;
	int ret;

	ret = request(fd, IOCTL_VIDEO_QUERY_NUM_AVAIL_MODES, NULL, 0, &num, sizeof(num), &status,
		      NULL);
	if (ret || status || num.NumModes == 0 || num.NumModes > 8 ||
	    num.ModeInformationLength != sizeof(VIDEO_MODE_INFORMATION)) {
		report("modes", false, "ioctl %d status %u", ret, status);
		return;
	}
	ret = request(fd, IOCTL_VIDEO_QUERY_AVAIL_MODES, NULL, 0, modes,
		      num.NumModes * sizeof(modes[0]), &status, NULL);
	for (i = 0; ret == 0 && status == NO_ERROR && i < num.NumModes; i++)
		if (modes[i].VisScreenWidth == 1024 && modes[i].VisScreenHeight == 768 &&
		    modes[i].BitsPerPlane == 32)
			found = modes[i].ModeIndex;
	report("modes", found != ~0U, "%u modes, 1024x768x32 is mode %d", num.NumModes, (int)found);
	if (found == ~0U)
		return;
	mode.RequestedMode = found;
	ret = request(fd, IOCTL_VIDEO_SET_CURRENT_MODE, &mode, sizeof(mode), NULL, 0, &status,
		      NULL);
	report("set-mode", ret == 0 && status == NO_ERROR, "ioctl %d status %u", ret, status);
}

/*
 * exit-mapped: map, write the third pattern, exit without unmapping (as a
 * display driver that crashes does). The system-space mapping is the
 * miniport's: it outlives this process, as it does on Windows.
 */
static int exit_mapped(int fd)
{
	static unsigned char pattern[PATTERN_LEN];
	VIDEO_MEMORY_INFORMATION info;
	volatile unsigned char *fb;
	size_t i;

	if (!map_video_memory(fd, "exit-mapped-map", &info))
		return 1;
	fb = (volatile unsigned char *)info.FrameBufferBase;
	make_pattern(pattern, sizeof(pattern), 3);
	for (i = 0; i < sizeof(pattern); i++)
		fb[PATTERN_OFFSET + i] = pattern[i];
	return failures ? 1 : 0;
}

/* read-back: the private read alone, after exit-mapped's process is gone. */
static int read_back(int fd)
{
	static unsigned char pattern[PATTERN_LEN], back[PATTERN_LEN];
	ULONG status = 0;
	int ret;

	make_pattern(pattern, sizeof(pattern), 3);
	memset(back, 0, sizeof(back));
	ret = kernel_read(fd, PATTERN_OFFSET, back, sizeof(back), &status);
	report("system-mapping-outlives-process",
	       ret == 0 && status == NO_ERROR && !memcmp(back, pattern, sizeof(pattern)),
	       "ioctl %d status %u, first bytes %02x%02x%02x%02x (the exited process wrote %02x%02x%02x%02x)",
	       ret, status, back[0], back[1], back[2], back[3], pattern[0], pattern[1],
	       pattern[2], pattern[3]);
	return failures ? 1 : 0;
}

int main(int argc, char **argv)
{
	static unsigned char pattern[PATTERN_LEN], back[PATTERN_LEN];
	VIDEO_MEMORY_INFORMATION info;
	volatile unsigned char *fb;
	ULONG status = 0;
	size_t i;
	int fd, ret, sig;
	bool faulted;

	/* No allocation between an unmap and the touch that must fault. */
	setvbuf(stdout, stdout_buf, _IOLBF, sizeof(stdout_buf));
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: kmap_user /dev/vpshim/<device> [exit-mapped|read-back]\n");
		return 2;
	}
	fd = open(argv[1], O_RDWR);
	if (fd < 0) {
		report("open", false, "%s: %s", argv[1], strerror(errno));
		return 1;
	}
	if (argc == 3 && !strcmp(argv[2], "exit-mapped"))
		return exit_mapped(fd);
	if (argc == 3 && !strcmp(argv[2], "read-back"))
		return read_back(fd);
	set_mode(fd);

	/* First mapping: a user address, and the same memory as the miniport's. */
	if (!map_video_memory(fd, "map-returns-user-address", &info))
		return 1;
	fb = (volatile unsigned char *)info.FrameBufferBase;
	make_pattern(pattern, sizeof(pattern), 1);
	for (i = 0; i < sizeof(pattern); i++)
		fb[PATTERN_OFFSET + i] = pattern[i];
	for (i = 0; i < sizeof(pattern) && fb[PATTERN_OFFSET + i] == pattern[i]; i++)
		;
	report("user-mapping-takes-pattern", i == sizeof(pattern),
	       "%zu bytes at %#x through %p", i, PATTERN_OFFSET, (void *)fb);

	memset(back, 0, sizeof(back));
	ret = kernel_read(fd, PATTERN_OFFSET, back, sizeof(back), &status);
	report("kernel-mapping-sees-pattern",
	       ret == 0 && status == NO_ERROR && !memcmp(back, pattern, sizeof(pattern)),
	       "ioctl %d status %u, first bytes %02x%02x%02x%02x (wrote %02x%02x%02x%02x)", ret,
	       status, back[0], back[1], back[2], back[3], pattern[0], pattern[1], pattern[2],
	       pattern[3]);

	/* Unmapped with the user address: the mapping must be gone. */
	unmap_video_memory(fd, "unmap-by-user-address", info.VideoRamBase);
	faulted = touch_faults(fb + PATTERN_OFFSET, &sig);
	report("unmapped-address-faults", faulted, "%s (signal %d)",
	       faulted ? "touching it faults" : "still readable", sig);

	ret = kernel_read(fd, PATTERN_OFFSET, back, sizeof(back), &status);
	report("private-read-after-unmap-refused", ret == 0 && status == ERROR_INVALID_PARAMETER,
	       "ioctl %d status %u", ret, status);

	/* A second mapping works again and sees what was written. */
	if (!map_video_memory(fd, "map-again", &info))
		return 1;
	fb = (volatile unsigned char *)info.FrameBufferBase;
	for (i = 0; i < sizeof(pattern) && fb[PATTERN_OFFSET + i] == pattern[i]; i++)
		;
	report("map-again-sees-pattern", i == sizeof(pattern), "%zu bytes match", i);
	make_pattern(pattern, sizeof(pattern), 2);
	for (i = 0; i < sizeof(pattern); i++)
		fb[PATTERN_OFFSET + i] = pattern[i];
	ret = kernel_read(fd, PATTERN_OFFSET, back, sizeof(back), &status);
	report("kernel-mapping-sees-second-pattern",
	       ret == 0 && status == NO_ERROR && !memcmp(back, pattern, sizeof(pattern)),
	       "ioctl %d status %u", ret, status);
	unmap_video_memory(fd, "unmap-again", info.VideoRamBase);
	faulted = touch_faults(fb + PATTERN_OFFSET, &sig);
	report("unmapped-again-faults", faulted, "%s (signal %d)",
	       faulted ? "touching it faults" : "still readable", sig);

	ret = request(fd, IOCTL_VIDEO_RESET_DEVICE, NULL, 0, NULL, 0, &status, NULL);
	report("reset-device", ret == 0 && status == NO_ERROR, "ioctl %d status %u", ret, status);
	close(fd);
	return failures ? 1 : 0;
}
