/* SPDX-License-Identifier: GPL-2.0 */
/*
 * windef.h - the Win32 basics a driver source may include windef.h for.
 *
 * Part of vpshim's Windows-facing headers, and thin: the types (BOOL, BYTE,
 * WORD, DWORD, LPVOID...), the calling conventions (WINAPI, CALLBACK) and
 * min/max are already in ntdef.h, because miniports use them without
 * including this header. What is left is windef.h's own: MAX_PATH, the
 * FAR/NEAR leftovers of 16-bit Windows and the word/byte packing macros.
 */
#ifndef _VPSHIM_WINDEF_H_
#define _VPSHIM_WINDEF_H_
#define _WINDEF_

#include "ntdef.h"

#define MAX_PATH		260

#define far
#define near
#define FAR
#define NEAR

typedef UINT_PTR WPARAM;
typedef LONG_PTR LPARAM;
typedef LONG_PTR LRESULT;

#define MAKEWORD(a, b) \
	((WORD)(((BYTE)(((DWORD_PTR)(a)) & 0xff)) | ((WORD)((BYTE)(((DWORD_PTR)(b)) & 0xff))) << 8))
#define MAKELONG(a, b) \
	((LONG)(((WORD)(((DWORD_PTR)(a)) & 0xffff)) | ((DWORD)((WORD)(((DWORD_PTR)(b)) & 0xffff))) << 16))
#define LOWORD(l)		((WORD)(((DWORD_PTR)(l)) & 0xffff))
#define HIWORD(l)		((WORD)((((DWORD_PTR)(l)) >> 16) & 0xffff))
#define LOBYTE(w)		((BYTE)(((DWORD_PTR)(w)) & 0xff))
#define HIBYTE(w)		((BYTE)((((DWORD_PTR)(w)) >> 8) & 0xff))

#endif /* _VPSHIM_WINDEF_H_ */
