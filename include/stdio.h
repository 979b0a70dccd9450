/* SPDX-License-Identifier: GPL-2.0 */
/*
 * stdio.h - the formatting functions a miniport can call: sprintf and kin.
 *
 * Part of vpshim's Windows-facing headers. A hosted user-space build (the
 * tools) gets the C library's header. A miniport in the kernel build, or
 * any freestanding build, gets declarations of the four that Linux
 * exports. They are Linux's printf, which has no %ws, %S or %I64 of
 * Microsoft's dialect; GCC checks the formats. There is no FILE here.
 * Linux code uses the kernel's own declarations, never this.
 */
#if !defined(__KERNEL__) && __STDC_HOSTED__
#include_next <stdio.h>
#elif !defined(_VPSHIM_STDIO_H_)
#define _VPSHIM_STDIO_H_

#include <stdarg.h>
#include <stddef.h>

int sprintf(char *buf, const char *fmt, ...) __attribute__((__format__(__printf__, 2, 3)));
int snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((__format__(__printf__, 3, 4)));
int vsprintf(char *buf, const char *fmt, va_list args)
	__attribute__((__format__(__printf__, 2, 0)));
int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
	__attribute__((__format__(__printf__, 3, 0)));

#endif
