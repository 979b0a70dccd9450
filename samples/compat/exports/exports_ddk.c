// SPDX-License-Identifier: GPL-2.0
/*
 * exports_ddk.c - what DDK sources take for granted and the DDK headers
 * give them: fixed-width types and Windows' sizes, packing headers,
 * FIELD_OFFSET and CONTAINING_RECORD, RTL_NUMBER_OF, UNICODE_NULL and
 * ANSI_NULL, calling-convention keywords, Win32 error codes, wide strings,
 * and the C library a freestanding miniport calls. Each is used as a DDK
 * source would use it, and its value checked against Windows'.
 */

#include "dderror.h"
#include "devioctl.h"
#include "miniport.h"
#include "ntddvdeo.h"
#include "video.h"
#include "stdarg.h"
#include "stdio.h"
#include "string.h"
#include "exports.h"

#include "pshpack1.h"
typedef struct _EXP_PACKED1 {
    UCHAR Tag;
    ULONG Value;
} EXP_PACKED1;
#include "poppack.h"

#include "pshpack2.h"
typedef struct _EXP_PACKED2 {
    UCHAR Tag;
    ULONG Value;
} EXP_PACKED2;
#include "poppack.h"

#include "pshpack4.h"
typedef struct _EXP_PACKED4 {
    UCHAR Tag;
    ULONGLONG Value;
} EXP_PACKED4;
#include "poppack.h"

#include "pshpack8.h"
typedef struct _EXP_PACKED8 {
    UCHAR Tag;
    ULONGLONG Value;
} EXP_PACKED8;
#include "poppack.h"

/* After poppack.h the natural alignment is back. */
typedef struct _EXP_NATURAL {
    UCHAR Tag;
    ULONG Value;
} EXP_NATURAL;

typedef struct _EXP_RECORD {
    ULONG Signature;
    UINT8 Small;
    UINT16 Medium;
    UINT64 Large;
    LIST_ENTRY Link;
} EXP_RECORD, *PEXP_RECORD;

C_ASSERT(sizeof(EXP_PACKED1) == 5);

static ULONG NTAPI ExpNtApi(ULONG Value)
{
    return Value + 1;
}

static ULONG __stdcall ExpStdCall(ULONG Value)
{
    return Value * 2;
}

static ULONG __cdecl ExpSum(ULONG Count, ...)
{
    va_list args;
    ULONG sum = 0;

    va_start(args, Count);
    while (Count-- > 0) {
        sum += va_arg(args, ULONG);
    }
    va_end(args);
    return sum;
}

VOID ExpCheckDdkBasics(PEXP_EXTENSION Ext)
{
    static WCHAR wide[] = L"VGA";
    static CHAR text[] = "vpc exports";
    static ULONG table[7];
    EXP_RECORD record;
    PLIST_ENTRY link;
    PEXP_RECORD back;
    CHAR buffer[32];
    UCHAR bytes[8];

    ExpBegin(Ext, "ddk-types");
    ExpValue(Ext, "sizeof(UINT8)", sizeof(UINT8), 1);
    ExpValue(Ext, "sizeof(UINT16)", sizeof(UINT16), 2);
    ExpValue(Ext, "sizeof(UINT32)", sizeof(UINT32), 4);
    ExpValue(Ext, "sizeof(UINT64)", sizeof(UINT64), 8);
    ExpValue(Ext, "sizeof(ULONG)", sizeof(ULONG), 4);
    ExpValue(Ext, "sizeof(LONG)", sizeof(LONG), 4);
    ExpValue(Ext, "sizeof(LONGLONG)", sizeof(LONGLONG), 8);
    ExpValue(Ext, "sizeof(WCHAR)", sizeof(WCHAR), 2);
    ExpValue(Ext, "sizeof(ULONG_PTR)", sizeof(ULONG_PTR), sizeof(PVOID));
    ExpValue(Ext, "sizeof(PHYSICAL_ADDRESS)", sizeof(PHYSICAL_ADDRESS), 8);
    ExpValue(Ext, "sizeof(BOOLEAN)", sizeof(BOOLEAN), 1);
    ExpEnd(Ext);

    ExpBegin(Ext, "ddk-packing");
    ExpValue(Ext, "pshpack1.h", sizeof(EXP_PACKED1), 5);
    ExpValue(Ext, "pshpack2.h", sizeof(EXP_PACKED2), 6);
    ExpValue(Ext, "pshpack4.h", sizeof(EXP_PACKED4), 12);
    ExpValue(Ext, "pshpack8.h", sizeof(EXP_PACKED8), 16);
    ExpValue(Ext, "after poppack.h", sizeof(EXP_NATURAL), 8);
    ExpValue(Ext, "FIELD_OFFSET in pshpack2.h", FIELD_OFFSET(EXP_PACKED2, Value), 2);
    ExpEnd(Ext);

    ExpBegin(Ext, "ddk-macros");
    VideoPortZeroMemory(&record, sizeof(record));
    record.Signature = 0x58707664;      /* 'Xpvd' */
    link = &record.Link;
    back = CONTAINING_RECORD(link, EXP_RECORD, Link);
    ExpTrue(Ext, "CONTAINING_RECORD finds the record", (BOOLEAN)(back == &record),
            (ULONG_PTR)back);
    ExpValue(Ext, "the record's signature", back->Signature, 0x58707664);
    ExpValue(Ext, "FIELD_OFFSET(Medium)", FIELD_OFFSET(EXP_RECORD, Medium), 6);
    ExpValue(Ext, "FIELD_OFFSET(Large)", FIELD_OFFSET(EXP_RECORD, Large), 8);
    ExpValue(Ext, "RTL_NUMBER_OF", RTL_NUMBER_OF(table), 7);
    ExpValue(Ext, "ARRAYSIZE", ARRAYSIZE(wide), 4);
    ExpValue(Ext, "UNICODE_NULL", (ULONG_PTR)UNICODE_NULL, 0);
    ExpValue(Ext, "sizeof(UNICODE_NULL)", sizeof(UNICODE_NULL), 2);
    ExpValue(Ext, "ANSI_NULL", (ULONG_PTR)ANSI_NULL, 0);
    ExpValue(Ext, "L\"VGA\" is WCHARs", sizeof(wide), 8);
    ExpTrue(Ext, "L\"VGA\" reads V, G, A, UNICODE_NULL",
            (BOOLEAN)(wide[0] == L'V' && wide[1] == L'G' && wide[2] == L'A' &&
                      wide[3] == UNICODE_NULL), wide[0]);
    ExpValue(Ext, "NTAPI", ExpNtApi(41), 42);
    ExpValue(Ext, "__stdcall", ExpStdCall(21), 42);
    ExpValue(Ext, "__cdecl with va_list", ExpSum(3, (ULONG)20, (ULONG)20, (ULONG)2), 42);
    ExpEnd(Ext);

    ExpBegin(Ext, "ddk-error-codes");
    ExpValue(Ext, "NO_ERROR", NO_ERROR, 0);
    ExpValue(Ext, "ERROR_INVALID_FUNCTION", ERROR_INVALID_FUNCTION, 1);
    ExpValue(Ext, "ERROR_NOT_ENOUGH_MEMORY", ERROR_NOT_ENOUGH_MEMORY, 8);
    ExpValue(Ext, "ERROR_INVALID_DATA", ERROR_INVALID_DATA, 13);
    ExpValue(Ext, "ERROR_NOT_SUPPORTED", ERROR_NOT_SUPPORTED, 50);
    ExpValue(Ext, "ERROR_INVALID_PARAMETER", ERROR_INVALID_PARAMETER, 87);
    ExpValue(Ext, "ERROR_INSUFFICIENT_BUFFER", ERROR_INSUFFICIENT_BUFFER, 122);
    ExpValue(Ext, "ERROR_MORE_DATA", ERROR_MORE_DATA, 234);
    ExpEnd(Ext);

    ExpBegin(Ext, "ddk-c-library");
    ExpValue(Ext, "strlen", strlen(text), 11);
    ExpTrue(Ext, "strncmp equal prefix", (BOOLEAN)(strncmp(text, "vpc other", 4) == 0), 0);
    ExpTrue(Ext, "strncmp differs", (BOOLEAN)(strncmp(text, "vpc other", 5) < 0), 0);
    memset(bytes, 0xA5, sizeof(bytes));
    memcpy(bytes, "\x01\x02", 2);
    ExpTrue(Ext, "memset and memcpy", (BOOLEAN)(bytes[0] == 1 && bytes[1] == 2 &&
                                                 bytes[7] == 0xA5), bytes[7]);
    ExpTrue(Ext, "memcmp", (BOOLEAN)(memcmp(bytes, "\x01\x02", 2) == 0), 0);
    ExpValue(Ext, "sprintf's length", sprintf(buffer, "%s:%lu", "mode", 42UL), 7);
    ExpTrue(Ext, "sprintf's text", (BOOLEAN)(strcmp(buffer, "mode:42") == 0), buffer[0]);
    ExpEnd(Ext);
}
