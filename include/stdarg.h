/* SPDX-License-Identifier: GPL-2.0 */
/*
 * stdarg.h - variable argument lists, for miniport source.
 *
 * Part of vpshim's Windows-facing headers. A hosted user-space build (the
 * tools) gets the compiler's header. A miniport in the kernel build, or any
 * freestanding build, gets va_list and va_* mapped to GCC's builtins here,
 * as the compiler's own header and Linux's <linux/stdarg.h> do. Linux code
 * includes <linux/stdarg.h>, never this.
 */
#if !defined(__KERNEL__) && __STDC_HOSTED__
/* No guard: the C library includes it again asking for __gnuc_va_list. */
#include_next <stdarg.h>
#elif !defined(_VPSHIM_STDARG_H_)
#define _VPSHIM_STDARG_H_

typedef __builtin_va_list va_list;

#define va_start(ap, last)	__builtin_va_start(ap, last)
#define va_arg(ap, type)	__builtin_va_arg(ap, type)
#define va_end(ap)		__builtin_va_end(ap)
#define va_copy(dest, src)	__builtin_va_copy(dest, src)

#endif
