// SPDX-License-Identifier: GPL-2.0
/*
 * services.c - the small services every miniport uses: debug output,
 * busy-wait delays and memory helpers.
 */

#include <linux/delay.h>
#include <linux/printk.h>
#include <linux/string.h>

#include "vpshim.h"

/* Windows caps a stall at 50 us in its documentation; larger ones still work. */
#define VPSHIM_STALL_CHUNK_US	50

/**
 * VideoPortDebugPrint() - print a message from the miniport
 * @DebugPrintLevel: Error, Warn, Trace or Info
 * @DebugMessage: printf-style format
 *
 * Windows: prints to the kernel debugger. Linux: printk at KERN_ERR (Error),
 * KERN_WARNING (Warn), or pr_debug() for Trace and Info, which dynamic debug
 * turns on (insmod vpshim.ko dyndbg=+p). Prefixed "vpshim: ".
 * Formats are the kernel's printf; the Windows-only %ws, %wZ and %I64x are
 * not translated yet (see Documentation/api.rst).
 */
void VideoPortDebugPrint(VIDEO_DEBUG_LEVEL DebugPrintLevel, PSTR DebugMessage, ...)
{
	struct va_format vaf;
	va_list args;

	if (!DebugMessage)
		return;
	va_start(args, DebugMessage);
	vaf.fmt = DebugMessage;
	vaf.va = &args;
	switch (DebugPrintLevel) {
	case Error:
		pr_err("vpshim: %pV", &vaf);
		break;
	case Warn:
		pr_warn("vpshim: %pV", &vaf);
		break;
	default:
		pr_debug("vpshim: %pV", &vaf);
		break;
	}
	va_end(args);
}
EXPORT_SYMBOL_NS_GPL(VideoPortDebugPrint, VPSHIM);

/**
 * VideoPortStallExecution() - busy-wait
 * @Microseconds: how long
 *
 * Windows: stalls the processor without yielding. Linux: udelay(), in chunks
 * so that long stalls do not overflow udelay's limits.
 */
void VideoPortStallExecution(ULONG Microseconds)
{
	while (Microseconds > VPSHIM_STALL_CHUNK_US) {
		udelay(VPSHIM_STALL_CHUNK_US);
		Microseconds -= VPSHIM_STALL_CHUNK_US;
	}
	udelay(Microseconds);
}
EXPORT_SYMBOL_NS_GPL(VideoPortStallExecution, VPSHIM);

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
EXPORT_SYMBOL_NS_GPL(VideoPortZeroMemory, VPSHIM);

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
EXPORT_SYMBOL_NS_GPL(VideoPortMoveMemory, VPSHIM);

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
EXPORT_SYMBOL_NS_GPL(VideoPortCompareMemory, VPSHIM);
