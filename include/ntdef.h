/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ntdef.h - the base types and macros every NT driver takes for granted.
 *
 * Part of vpshim's Windows-facing headers. What the DDK spreads over ntdef.h,
 * basetsd.h, guiddef.h and (BOOL, DWORD, the LP* pointers) windef.h is here,
 * since a miniport uses all of it after including miniport.h alone. The sizes
 * are those of 64-bit Windows (LLP64) rebuilt on 64-bit Linux (LP64): LONG and
 * ULONG stay 32 bits, so they are int here, never long; the *_PTR types and
 * SIZE_T are pointer-sized; WCHAR is the compiler's wchar_t, 16 bits under the
 * -fshort-wchar that kernel builds use, so that L"..." is a WCHAR string.
 *
 * vpshim's own Linux code includes these headers too, after Linux's. There
 * (VPSHIM_KERNEL_SIDE) the names Linux already has or may define itself are
 * left out: the C library, min/max, ASSERT, STATUS_*, the SAL 1 and driver
 * annotations. Miniport source never includes a Linux header and gets it all.
 */
#ifndef _VPSHIM_NTDEF_H_
#define _VPSHIM_NTDEF_H_
#define _NTDEF_

/*
 * VPSHIM_KERNEL_SIDE: vpshim.h defines it; a file that included Linux headers
 * first (so <linux/types.h> has been seen) is recognised without it.
 */
#if !defined(VPSHIM_KERNEL_SIDE) && defined(__KERNEL__) && defined(_LINUX_TYPES_H)
#define VPSHIM_KERNEL_SIDE
#endif

#ifdef VPSHIM_KERNEL_SIDE
#include "sal.h"
#else
#include "specstrings.h"
/* The DDK's ntdef.h brings in the C library's string functions too. */
#include <string.h>
#endif

/*
 * Calling conventions and declaration decorations. There is one ABI here (the
 * source is compiled, not loaded as a Windows binary), so they vanish.
 */
#define IN
#define OUT
#define OPTIONAL
#define CONST			const
#define VOID			void
#define NOTHING
#define NTAPI
#define NTAPI_INLINE
#define NTSYSAPI
#define NTSYSCALLAPI
#define FASTCALL
#define WINAPI
#define WINAPIV
#define APIENTRY
#define APIPRIVATE
#define CALLBACK
#define PASCAL
#define CDECL
#define __stdcall
#define __cdecl
#define __fastcall
#define _stdcall
#define _cdecl
#define __w64
#define __ptr64
#define POINTER_64
#define UNALIGNED
#define UNALIGNED64
#define __unaligned
#define RESTRICTED_POINTER
#define EXTERN_C		extern
#define DECLSPEC_IMPORT
#define DECLSPEC_EXPORT
#define DECLSPEC_ADDRSAFE
#define DECLSPEC_NOTHROW
#define DECLSPEC_NOVTABLE
#define DECLSPEC_UUID(x)
#define DECLSPEC_DEPRECATED
#define DECLSPEC_DEPRECATED_DDK
#define DECLSPEC_NORETURN	__attribute__((__noreturn__))
#define DECLSPEC_NOINLINE	__attribute__((__noinline__))
#define DECLSPEC_ALIGN(x)	__attribute__((__aligned__(x)))
#define DECLSPEC_CACHEALIGN	DECLSPEC_ALIGN(SYSTEM_CACHE_ALIGNMENT_SIZE)
/* Several definitions, one kept: what selectany means to the Windows linker. */
#define DECLSPEC_SELECTANY	__attribute__((__weak__))
/*
 * __declspec(x) for the x that mean something here; any other stops the
 * compile at _VPSHIM_DECLSPEC_x instead of being dropped silently.
 */
#define __declspec(x)			_VPSHIM_DECLSPEC_##x
#define _VPSHIM_DECLSPEC_dllimport
#define _VPSHIM_DECLSPEC_dllexport
#define _VPSHIM_DECLSPEC_nothrow
#define _VPSHIM_DECLSPEC_novtable
#define _VPSHIM_DECLSPEC_noalias
#define _VPSHIM_DECLSPEC_deprecated
#define _VPSHIM_DECLSPEC_restrict	__restrict
#define _VPSHIM_DECLSPEC_thread		__thread
#define _VPSHIM_DECLSPEC_noreturn	__attribute__((__noreturn__))
#define _VPSHIM_DECLSPEC_noinline	__attribute__((__noinline__))
#define _VPSHIM_DECLSPEC_selectany	__attribute__((__weak__))
#define _VPSHIM_DECLSPEC_align(n)	__attribute__((__aligned__(n)))

/*
 * __inline is a GCC keyword already. __forceinline is a strong hint to MSVC,
 * not a guarantee; inline is GCC's, at the optimisation levels kernels use.
 */
#define __forceinline		inline
#define FORCEINLINE		__forceinline

/* Microsoft's sized integer keywords. */
#define __int8			char
#define __int16			short
#define __int32			int
#define __int64			long long
#define __int3264		long

#ifndef NULL
#define NULL			((void *)0)
#endif
#ifndef TRUE
#define TRUE			1
#endif
#ifndef FALSE
#define FALSE			0
#endif

/* Base types */
typedef void *PVOID, **PPVOID;
typedef void *PVOID64;
typedef void *HANDLE, **PHANDLE;
#define DECLARE_HANDLE(name)	typedef struct name##__ { int unused; } *name

typedef char CHAR, *PCHAR, *LPCH, *PCH, *NPSTR, *LPSTR, *PSTR, *PSZ;
typedef const char *LPCCH, *PCCH, *LPCSTR, *PCSTR, *PCSZ;
typedef char **PZPSTR;
typedef char *const *PCZPSTR;
typedef const char **PZPCSTR;
typedef signed char SCHAR, *PSCHAR;
typedef unsigned char UCHAR, *PUCHAR;
typedef const unsigned char *PCUCHAR;
typedef short SHORT, *PSHORT;
typedef unsigned short USHORT, *PUSHORT;
typedef const unsigned short *PCUSHORT;
typedef int LONG, *PLONG, *LPLONG;
typedef unsigned int ULONG, *PULONG;
typedef const unsigned int *PCULONG;
typedef int INT, *PINT, *LPINT;
typedef unsigned int UINT, *PUINT;
typedef long long LONGLONG, *PLONGLONG;
typedef unsigned long long ULONGLONG, *PULONGLONG;
typedef ULONGLONG DWORDLONG, *PDWORDLONG;
typedef LONGLONG USN;
typedef UCHAR FCHAR;
typedef USHORT FSHORT;
typedef ULONG FLONG;
typedef char CCHAR, *PCCHAR;
typedef short CSHORT, *PCSHORT;
typedef ULONG CLONG, *PCLONG;
typedef UCHAR BOOLEAN, *PBOOLEAN;
typedef ULONG LOGICAL, *PLOGICAL;
typedef LONG NTSTATUS, *PNTSTATUS;
typedef LONG HRESULT;

/* windef.h's names, which miniports use without including it. */
typedef int BOOL, *PBOOL, *LPBOOL;
typedef unsigned char BYTE, *PBYTE, *LPBYTE;
typedef unsigned short WORD, *PWORD, *LPWORD;
typedef unsigned int DWORD, *PDWORD, *LPDWORD;
typedef void *LPVOID;
typedef const void *LPCVOID;

/* wchar_t itself under -fshort-wchar (checked below), so L"..." is a PWSTR. */
typedef unsigned short WCHAR, *PWCHAR, *LPWCH, *PWCH, *NWPSTR, *LPWSTR, *PWSTR;
typedef const unsigned short *LPCWCH, *PCWCH, *LPCWSTR, *PCWSTR;
typedef unsigned short *LPUWSTR, *PUWSTR;
typedef const unsigned short *LPCUWSTR, *PCUWSTR;
typedef unsigned short **PZPWSTR;
typedef unsigned short *const *PCZPWSTR;
typedef const unsigned short **PZPCWSTR;

/* basetsd.h: fixed-width and pointer-sized integers */
typedef signed char INT8, *PINT8;
typedef short INT16, *PINT16;
typedef int INT32, *PINT32;
typedef long long INT64, *PINT64;
typedef unsigned char UINT8, *PUINT8;
typedef unsigned short UINT16, *PUINT16;
typedef unsigned int UINT32, *PUINT32;
typedef unsigned long long UINT64, *PUINT64;
typedef int LONG32, *PLONG32;
typedef unsigned int ULONG32, *PULONG32;
typedef unsigned int DWORD32, *PDWORD32;
typedef long long LONG64, *PLONG64;
typedef unsigned long long ULONG64, *PULONG64;
typedef unsigned long long DWORD64, *PDWORD64;

typedef long INT_PTR, *PINT_PTR;
typedef unsigned long UINT_PTR, *PUINT_PTR;
typedef long LONG_PTR, *PLONG_PTR;
typedef unsigned long ULONG_PTR, *PULONG_PTR;
typedef unsigned long DWORD_PTR, *PDWORD_PTR;
typedef long SHANDLE_PTR;
typedef unsigned long HANDLE_PTR;
typedef int HALF_PTR, *PHALF_PTR;
typedef unsigned int UHALF_PTR, *PUHALF_PTR;
typedef ULONG_PTR SIZE_T, *PSIZE_T;
typedef LONG_PTR SSIZE_T, *PSSIZE_T;
typedef ULONG_PTR KAFFINITY, *PKAFFINITY;

#define MAXUINT8		((UINT8)~((UINT8)0))
#define MAXINT8			((INT8)(MAXUINT8 >> 1))
#define MININT8			((INT8)~MAXINT8)
#define MAXUINT16		((UINT16)~((UINT16)0))
#define MAXINT16		((INT16)(MAXUINT16 >> 1))
#define MININT16		((INT16)~MAXINT16)
#define MAXUINT32		((UINT32)~((UINT32)0))
#define MAXINT32		((INT32)(MAXUINT32 >> 1))
#define MININT32		((INT32)~MAXINT32)
#define MAXUINT64		((UINT64)~((UINT64)0))
#define MAXINT64		((INT64)(MAXUINT64 >> 1))
#define MININT64		((INT64)~MAXINT64)
#define MAXULONG32		((ULONG32)~((ULONG32)0))
#define MAXLONG32		((LONG32)(MAXULONG32 >> 1))
#define MINLONG32		((LONG32)~MAXLONG32)
#define MAXULONG64		((ULONG64)~((ULONG64)0))
#define MAXLONG64		((LONG64)(MAXULONG64 >> 1))
#define MINLONG64		((LONG64)~MAXLONG64)
#define MAXULONGLONG		((ULONGLONG)~((ULONGLONG)0))
#define MINLONGLONG		((LONGLONG)~MAXLONGLONG)
#define MAXDWORD32		((DWORD32)~((DWORD32)0))
#define MAXDWORD64		((DWORD64)~((DWORD64)0))
#define MAXUINT			((UINT)~((UINT)0))
#define MAXINT			((INT)(MAXUINT >> 1))
#define MININT			((INT)~MAXINT)
#define MAXUINT_PTR		(~((UINT_PTR)0))
#define MAXINT_PTR		((INT_PTR)(MAXUINT_PTR >> 1))
#define MININT_PTR		(~MAXINT_PTR)
#define MAXULONG_PTR		(~((ULONG_PTR)0))
#define MAXLONG_PTR		((LONG_PTR)(MAXULONG_PTR >> 1))
#define MINLONG_PTR		(~MAXLONG_PTR)
#define MAXUHALF_PTR		((UHALF_PTR)~0)
#define MAXHALF_PTR		((HALF_PTR)(MAXUHALF_PTR >> 1))
#define MINHALF_PTR		(~MAXHALF_PTR)
#define MAXSIZE_T		((SIZE_T)~((SIZE_T)0))
#define MAXSSIZE_T		((SSIZE_T)(MAXSIZE_T >> 1))
#define MINSSIZE_T		((SSIZE_T)~MAXSSIZE_T)

/* ntdef.h's limits (untyped, as Windows has them) */
#define MINCHAR			0x80
#define MAXCHAR			0x7f
#define MINSHORT		0x8000
#define MAXSHORT		0x7fff
#define MINLONG			0x80000000
#define MAXLONG			0x7fffffff
#define MAXUCHAR		0xff
#define MAXUSHORT		0xffff
#define MAXULONG		0xffffffff
#define MAXLONGLONG		(0x7fffffffffffffffLL)
#define MAXBYTE			0xff
#define MAXWORD			0xffff
#define MAXDWORD		0xffffffff

/* Structure layout */
#define ANYSIZE_ARRAY			1
#define MAX_NATURAL_ALIGNMENT		sizeof(ULONGLONG)
#define MEMORY_ALLOCATION_ALIGNMENT	16
#define SYSTEM_CACHE_ALIGNMENT_SIZE	64

#define FIELD_OFFSET(type, field)	((LONG)__builtin_offsetof(type, field))
#define TYPE_ALIGNMENT(t)		FIELD_OFFSET(struct { char x; t test; }, test)
#define RTL_FIELD_TYPE(type, field)	(((type *)0)->field)
#define RTL_FIELD_SIZE(type, field)	(sizeof(((type *)0)->field))
#define RTL_SIZEOF_THROUGH_FIELD(type, field) \
	(FIELD_OFFSET(type, field) + RTL_FIELD_SIZE(type, field))
#define RTL_CONTAINS_FIELD(Struct, Size, Field) \
	((((PCHAR)(&(Struct)->Field)) + sizeof((Struct)->Field)) <= (((PCHAR)(Struct)) + (Size)))
#define CONTAINING_RECORD(address, type, field) \
	((type *)((PCHAR)(address) - (ULONG_PTR)__builtin_offsetof(type, field)))

#define RTL_NUMBER_OF_V1(A)		(sizeof(A) / sizeof((A)[0]))
#define RTL_NUMBER_OF_V2(A)		RTL_NUMBER_OF_V1(A)
#define RTL_NUMBER_OF(A)		RTL_NUMBER_OF_V1(A)
#define ARRAYSIZE(A)			RTL_NUMBER_OF_V2(A)
#define _ARRAYSIZE(A)			RTL_NUMBER_OF_V1(A)
#define RTL_NUMBER_OF_FIELD(type, field) (RTL_NUMBER_OF(RTL_FIELD_TYPE(type, field)))
#define RTL_BITS_OF(sizeOfArg)		(sizeof(sizeOfArg) * 8)
#define RTL_BITS_OF_FIELD(type, field)	(RTL_BITS_OF(RTL_FIELD_TYPE(type, field)))

/*
 * A typedef of a negative-size array in Windows; the same check in C11.
 * sparse (__CHECKER__) ignores #pragma pack and would fail the size checks
 * of packed structures, so it skips them: the compiler makes them.
 */
#ifdef __CHECKER__
#define C_ASSERT(e)			_Static_assert(1, #e)
#else
#define C_ASSERT(e)			_Static_assert(e, #e)
#endif

/* (P) alone, as Windows has it, is a "statement with no effect" to GCC. */
#define UNREFERENCED_PARAMETER(P)		((void)(P))
#define DBG_UNREFERENCED_PARAMETER(P)		((void)(P))
#define DBG_UNREFERENCED_LOCAL_VARIABLE(V)	((void)(V))
#define UNREFERENCED_LOCAL_VARIABLE(V)		((void)(V))
#define NOP_FUNCTION				((void)0)

#define ARGUMENT_PRESENT(ArgumentPointer) \
	((CHAR *)((ULONG_PTR)(ArgumentPointer)) != (CHAR *)(NULL))

#define Int32x32To64(a, b)	(((LONGLONG)((LONG)(a))) * ((LONGLONG)((LONG)(b))))
#define UInt32x32To64(a, b)	(((ULONGLONG)((ULONG)(a))) * ((ULONGLONG)((ULONG)(b))))
#define Int64ShllMod32(a, b)	(((ULONGLONG)(a)) << (b))
#define Int64ShraMod32(a, b)	(((LONGLONG)(a)) >> (b))
#define Int64ShrlMod32(a, b)	(((ULONGLONG)(a)) >> (b))

/* NTSTATUS: the two top bits are the severity (0 success ... 3 error). */
#define NT_SUCCESS(Status)	(((NTSTATUS)(Status)) >= 0)
#define NT_INFORMATION(Status)	((((ULONG)(Status)) >> 30) == 1)
#define NT_WARNING(Status)	((((ULONG)(Status)) >> 30) == 2)
#define NT_ERROR(Status)	((((ULONG)(Status)) >> 30) == 3)

#ifndef VPSHIM_KERNEL_SIDE
#include "ntstatus.h"

/* Linux has its own, type-checked min() and max(); ntdef.h's are these. */
#ifndef NOMINMAX
#ifndef min
#define min(a, b)		(((a) < (b)) ? (a) : (b))
#endif
#ifndef max
#define max(a, b)		(((a) > (b)) ? (a) : (b))
#endif
#endif
#endif /* !VPSHIM_KERNEL_SIDE */

typedef union _LARGE_INTEGER {
	struct {
		ULONG LowPart;
		LONG HighPart;
	};
	struct {
		ULONG LowPart;
		LONG HighPart;
	} u;
	LONGLONG QuadPart;
} LARGE_INTEGER, *PLARGE_INTEGER;

typedef union _ULARGE_INTEGER {
	struct {
		ULONG LowPart;
		ULONG HighPart;
	};
	struct {
		ULONG LowPart;
		ULONG HighPart;
	} u;
	ULONGLONG QuadPart;
} ULARGE_INTEGER, *PULARGE_INTEGER;

typedef LARGE_INTEGER PHYSICAL_ADDRESS, *PPHYSICAL_ADDRESS;

typedef struct _LUID {
	ULONG LowPart;
	LONG HighPart;
} LUID, *PLUID;

/* Doubly and singly linked lists (the Rtl list functions are wdm.h's). */
typedef struct _LIST_ENTRY {
	struct _LIST_ENTRY *Flink;
	struct _LIST_ENTRY *Blink;
} LIST_ENTRY, *PLIST_ENTRY, *PRLIST_ENTRY;

typedef struct _SINGLE_LIST_ENTRY {
	struct _SINGLE_LIST_ENTRY *Next;
} SINGLE_LIST_ENTRY, *PSINGLE_LIST_ENTRY;

/* Counted strings; the lengths are in bytes. */
typedef struct _UNICODE_STRING {
	USHORT Length;
	USHORT MaximumLength;
	PWSTR Buffer;
} UNICODE_STRING, *PUNICODE_STRING;
typedef const struct _UNICODE_STRING *PCUNICODE_STRING;

typedef struct _STRING {
	USHORT Length;
	USHORT MaximumLength;
	PCHAR Buffer;
} STRING, *PSTRING, ANSI_STRING, *PANSI_STRING, OEM_STRING, *POEM_STRING;
typedef const struct _STRING *PCSTRING, *PCANSI_STRING, *PCOEM_STRING;

#define UNICODE_NULL			((WCHAR)0)
#define ANSI_NULL			((CHAR)0)
#define UNICODE_STRING_MAX_BYTES	((USHORT)65534)
#define UNICODE_STRING_MAX_CHARS	(32767)
#define RTL_CONSTANT_STRING(s)		{ sizeof(s) - sizeof((s)[0]), sizeof(s), s }

/* guiddef.h */
typedef struct _GUID {
	ULONG Data1;
	USHORT Data2;
	USHORT Data3;
	UCHAR Data4[8];
} GUID, *PGUID, *LPGUID;
typedef const struct _GUID *LPCGUID, *REFGUID;

/*
 * DEFINE_GUID declares the GUID, or defines it where INITGUID is set (before
 * the first include, or by including initguid.h).
 */
#define _VPSHIM_GUID_DEFINITION(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8) \
	extern const struct _GUID name; \
	const struct _GUID DECLSPEC_SELECTANY name = { l, w1, w2, { b1, b2, b3, b4, b5, b6, b7, b8 } }
#define _VPSHIM_GUID_DECLARATION(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8) \
	extern const struct _GUID name
#ifdef INITGUID
#define DEFINE_GUID		_VPSHIM_GUID_DEFINITION
#else
#define DEFINE_GUID		_VPSHIM_GUID_DECLARATION
#endif
#define IsEqualGUID(rguid1, rguid2) \
	(!__builtin_memcmp((rguid1), (rguid2), sizeof(GUID)))
#define InlineIsEqualGUID(rguid1, rguid2)	IsEqualGUID(rguid1, rguid2)

/* The sizes Windows code relies on; a mismatch here breaks ported source. */
C_ASSERT(sizeof(CHAR) == 1 && sizeof(UCHAR) == 1 && sizeof(BOOLEAN) == 1);
C_ASSERT(sizeof(SHORT) == 2 && sizeof(USHORT) == 2);
C_ASSERT(sizeof(LONG) == 4 && sizeof(ULONG) == 4 && sizeof(DWORD) == 4);
C_ASSERT(sizeof(INT) == 4 && sizeof(UINT) == 4 && sizeof(BOOL) == 4);
C_ASSERT(sizeof(LONGLONG) == 8 && sizeof(ULONGLONG) == 8 && sizeof(ULONG64) == 8);
C_ASSERT(sizeof(INT8) == 1 && sizeof(INT16) == 2 && sizeof(INT32) == 4 && sizeof(INT64) == 8);
C_ASSERT(sizeof(ULONG_PTR) == sizeof(PVOID) && sizeof(LONG_PTR) == sizeof(PVOID));
C_ASSERT(sizeof(SIZE_T) == sizeof(PVOID) && sizeof(HANDLE) == sizeof(PVOID));
C_ASSERT(sizeof(HALF_PTR) * 2 == sizeof(PVOID));
/* A failure here means the build lacks -fshort-wchar: L"..." would not be WCHARs. */
C_ASSERT(__builtin_types_compatible_p(WCHAR, __WCHAR_TYPE__));
C_ASSERT(sizeof(WCHAR) == 2);
C_ASSERT(sizeof(LARGE_INTEGER) == 8 && sizeof(PHYSICAL_ADDRESS) == 8);
C_ASSERT(sizeof(GUID) == 16);
C_ASSERT(sizeof(UNICODE_STRING) == 2 * sizeof(PVOID));

#endif /* _VPSHIM_NTDEF_H_ */
