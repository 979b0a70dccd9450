/* SPDX-License-Identifier: GPL-2.0 */
/*
 * stddef.h - size_t, ptrdiff_t, wchar_t, NULL and offsetof, for miniport source.
 *
 * Part of vpshim's Windows-facing headers. A hosted user-space build (the
 * tools) gets the compiler's header. A miniport in the kernel build, or any
 * freestanding build, gets them defined here from the compiler's builtins.
 * Linux code includes <linux/stddef.h>, never this.
 */
#if !defined(__KERNEL__) && __STDC_HOSTED__
/* No guard: the C library includes it again asking for one type at a time. */
#include_next <stddef.h>
#elif !defined(_VPSHIM_STDDEF_H_)
#define _VPSHIM_STDDEF_H_

typedef __SIZE_TYPE__ size_t;
typedef __PTRDIFF_TYPE__ ptrdiff_t;
typedef __WCHAR_TYPE__ wchar_t;

#ifndef NULL
#define NULL			((void *)0)
#endif

#define offsetof(type, member)	__builtin_offsetof(type, member)

#endif
