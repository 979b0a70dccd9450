// SPDX-License-Identifier: GPL-2.0
/*
 * services.c - the small services every miniport uses: busy-wait delays,
 * memory helpers, time and version.
 */

#include <linux/delay.h>
#include <linux/sched/signal.h>
#include <linux/io.h>
#include <linux/printk.h>
#include <linux/string.h>
#include <linux/timekeeping.h>

#include "vpshim.h"

/* 100 ns units from 1601-01-01 (Windows' epoch) to 1970-01-01 (Linux's). */
#define VPSHIM_EPOCH_1601_TO_1970	116444736000000000LL

/*
 * What VideoPortGetVersion reports: the XPDM miniport model vpshim offers
 * is Windows XP's (5.1, build 2600, SP3), so code that checks for XP-era
 * features finds them.
 */
#define VPSHIM_OS_MAJOR		5
#define VPSHIM_OS_MINOR		1
#define VPSHIM_OS_BUILD		2600
#define VPSHIM_OS_SP_MAJOR	3

/* Windows caps a stall at 50 us in its documentation; larger ones still work. */
#define VPSHIM_STALL_CHUNK_US	50
/* Above this a stall that may sleep does, in steps of this size. */
#define VPSHIM_STALL_SLEEP_US	1000
/* The longest busy-wait with interrupts or preemption off (100 ms). */
#define VPSHIM_STALL_ATOMIC_MAX_US	100000

/**
 * VideoPortStallExecution() - busy-wait
 * @Microseconds: how long
 *
 * Windows: stalls the processor without yielding. Linux: udelay(), in chunks
 * so that long stalls do not overflow udelay's limits. A long stall where
 * sleeping is allowed (HwFindAdapter, HwInitialize, HwStartIO) sleeps
 * instead, and ends early for a task with a fatal signal; one in atomic
 * context longer than 100 ms (Windows allows 50 us there) is cut to 100 ms
 * with a message, rather than hang the CPU.
 */
void VideoPortStallExecution(ULONG Microseconds)
{
	if (Microseconds > VPSHIM_STALL_SLEEP_US && !vpshim_in_atomic()) {
		while (Microseconds > VPSHIM_STALL_SLEEP_US && !fatal_signal_pending(current)) {
			usleep_range(VPSHIM_STALL_SLEEP_US, VPSHIM_STALL_SLEEP_US + 50);
			Microseconds -= VPSHIM_STALL_SLEEP_US;
		}
		if (fatal_signal_pending(current))
			return;
	}
	if (Microseconds > VPSHIM_STALL_ATOMIC_MAX_US) {
		pr_warn_ratelimited("vpshim: %s of %u us in atomic context cut to %u us (caller %pS)\n",
				    __func__, Microseconds, VPSHIM_STALL_ATOMIC_MAX_US,
				    (void *)_RET_IP_);
		Microseconds = VPSHIM_STALL_ATOMIC_MAX_US;
	}
	while (Microseconds > VPSHIM_STALL_CHUNK_US) {
		udelay(VPSHIM_STALL_CHUNK_US);
		Microseconds -= VPSHIM_STALL_CHUNK_US;
	}
	udelay(Microseconds);
}
EXPORT_SYMBOL_VPSHIM(VideoPortStallExecution);

/**
 * VideoPortZeroMemory() - fill memory with zeros
 * @Destination: start of the memory
 * @Length: bytes
 *
 * Windows: RtlZeroMemory. Linux: memset().
 */
void VideoPortZeroMemory(PVOID Destination, ULONG Length)
{
	memset(Destination, 0, Length);
}
EXPORT_SYMBOL_VPSHIM(VideoPortZeroMemory);

/**
 * VideoPortMoveMemory() - copy memory, overlapping or not
 * @Destination: where to copy to
 * @Source: where to copy from
 * @Length: bytes
 *
 * Windows: RtlMoveMemory (overlap allowed). Linux: memmove().
 */
void VideoPortMoveMemory(PVOID Destination, PVOID Source, ULONG Length)
{
	memmove(Destination, Source, Length);
}
EXPORT_SYMBOL_VPSHIM(VideoPortMoveMemory);

/**
 * VideoPortCompareMemory() - count the leading bytes two blocks share
 * @Source1: first block
 * @Source2: second block
 * @Length: bytes to compare
 *
 * Windows: RtlCompareMemory. Linux: a byte loop (memcmp() does not say where
 * the blocks differ).
 *
 * Return: the number of bytes that match before the first difference;
 * @Length when the blocks are equal.
 */
ULONG VideoPortCompareMemory(PVOID Source1, PVOID Source2, SIZE_T Length)
{
	const u8 *a = Source1, *b = Source2;
	SIZE_T i;

	for (i = 0; i < Length && a[i] == b[i]; i++)
		;
	return (ULONG)i;
}
EXPORT_SYMBOL_VPSHIM(VideoPortCompareMemory);

/**
 * VideoPortQuerySystemTime() - the current time, Windows style
 * @CurrentTime: receives 100 ns intervals since 1601-01-01 UTC
 *
 * Windows: KeQuerySystemTime. Linux: ktime_get_real_ns() moved to
 * Windows' epoch and units.
 */
void VideoPortQuerySystemTime(PLARGE_INTEGER CurrentTime)
{
	if (CurrentTime)
		CurrentTime->QuadPart = div_s64(ktime_get_real_ns(), 100) +
					VPSHIM_EPOCH_1601_TO_1970;
}
EXPORT_SYMBOL_VPSHIM(VideoPortQuerySystemTime);

/**
 * VideoPortQueryPerformanceCounter() - a fine-grained running count
 * @HwDeviceExtension: the miniport's device extension (unused)
 * @PerformanceFrequency: NULL, or receives the ticks per second
 *
 * Windows: KeQueryPerformanceCounter. Linux: ktime_get_ns(), so a tick is a
 * nanosecond of monotonic time since boot and the frequency is 10^9.
 *
 * Return: the count.
 */
LONGLONG VideoPortQueryPerformanceCounter(PVOID HwDeviceExtension,
					  PLONGLONG PerformanceFrequency)
{
	if (PerformanceFrequency)
		*PerformanceFrequency = NSEC_PER_SEC;
	return ktime_get_ns();
}
EXPORT_SYMBOL_VPSHIM(VideoPortQueryPerformanceCounter);

/**
 * VideoPortGetVersion() - the operating system version the miniport sees
 * @HwDeviceExtension: the miniport's device extension (unused)
 * @pVpOsVersionInfo: Size set by the caller; the rest is filled in
 *
 * Windows: the running Windows version. Linux: 5.1.2600 SP3, Windows XP,
 * whose miniport model vpshim implements.
 *
 * Return: NO_ERROR, or ERROR_INVALID_PARAMETER for a NULL pointer or a Size
 * other than sizeof(VPOSVERSIONINFO).
 */
VP_STATUS VideoPortGetVersion(PVOID HwDeviceExtension, PVPOSVERSIONINFO pVpOsVersionInfo)
{
	if (!pVpOsVersionInfo || pVpOsVersionInfo->Size != sizeof(*pVpOsVersionInfo))
		return ERROR_INVALID_PARAMETER;
	pVpOsVersionInfo->MajorVersion = VPSHIM_OS_MAJOR;
	pVpOsVersionInfo->MinorVersion = VPSHIM_OS_MINOR;
	pVpOsVersionInfo->BuildNumber = VPSHIM_OS_BUILD;
	pVpOsVersionInfo->ServicePackMajor = VPSHIM_OS_SP_MAJOR;
	pVpOsVersionInfo->ServicePackMinor = 0;
	return NO_ERROR;
}
EXPORT_SYMBOL_VPSHIM(VideoPortGetVersion);

/**
 * VideoPortIsNoVesa() - whether non-PnP miniports must stick to VGA resources
 *
 * Context: any. Windows: TRUE when booted without VESA support, for vga.sys.
 * Linux: vpshim binds only PnP (PCI) miniports, so never.
 * Return: FALSE.
 */
BOOLEAN VideoPortIsNoVesa(void)
{
	return FALSE;
}
EXPORT_SYMBOL_VPSHIM(VideoPortIsNoVesa);

/**
 * VideoPortZeroDeviceMemory() - fill device memory with zeros
 * @Destination: inside a VideoPortGetDeviceBase() memory mapping
 * @Length: bytes
 *
 * Windows: zeroes on-adapter memory with device-safe accesses. Linux:
 * memset_io().
 */
void VideoPortZeroDeviceMemory(PVOID Destination, ULONG Length)
{
	memset_io((void __iomem __force *)Destination, 0, Length);
}
EXPORT_SYMBOL_VPSHIM(VideoPortZeroDeviceMemory);
