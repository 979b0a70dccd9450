// SPDX-License-Identifier: GPL-2.0
/*++

Module Name:

    ioctls_data.c

Abstract:

    The tables of the ioctls corpus miniport: its modes, the legacy VGA
    access ranges it verifies, the bank-switch code it hands the display
    driver, and the brightness levels of its (imaginary) panel.

--*/

#include "dderror.h"
#include "devioctl.h"
#include "miniport.h"
#include "ntddvdeo.h"
#include "video.h"
#include "ioctls.h"

//
// The modes, in the order IOCTL_VIDEO_QUERY_AVAIL_MODES reports them.
// Mode 0 is the VGA text mode the BIOS left the adapter in; the others are
// Bochs VBE modes, palette-driven at 8 bits per pixel.
//

VIDEOMODE ModesVGA[IOCTLS_MODES] = {
    { 80, 25, 4, 70, VIDEO_MODE_COLOR,
      0, 0, 0, 6, FALSE },
    { 640, 480, 8, 60, VIDEO_MODE_COLOR | VIDEO_MODE_GRAPHICS | VIDEO_MODE_PALETTE_DRIVEN |
      VIDEO_MODE_MANAGED_PALETTE | VIDEO_MODE_BANKED | VIDEO_MODE_LINEAR,
      0, 0, 0, 6, TRUE },
    { 800, 600, 16, 60, VIDEO_MODE_COLOR | VIDEO_MODE_GRAPHICS | VIDEO_MODE_BANKED |
      VIDEO_MODE_LINEAR,
      0xF800, 0x07E0, 0x001F, 6, TRUE },
};

//
// The legacy VGA resources, which every VGA-compatible adapter decodes and
// shares with the VGA console, and the Bochs VBE index and data ports.
//

VIDEO_ACCESS_RANGE VgaAccessRange[] = {
    { { { 0x000003B0, 0x00000000 } }, 0x0000000C, 1, 1, 1, 0 },   // ports 3B0h-3BBh
    { { { 0x000003C0, 0x00000000 } }, 0x00000020, 1, 1, 1, 0 },   // ports 3C0h-3DFh
    { { { 0x000A0000, 0x00000000 } }, 0x00020000, 0, 1, 1, 0 },   // memory A0000h-BFFFFh
    { { { 0x000001CE, 0x00000000 } }, 0x00000002, 1, 1, 1, 0 },   // VBE index and data
};

ULONG NumVgaAccessRanges = sizeof(VgaAccessRange) / sizeof(VIDEO_ACCESS_RANGE);

//
// The bank-switch code for the display driver (32-bit x86, called with the
// bank in EAX): select VBE_DISPI_INDEX_BANK, write the bank.
//
//      push eax
//      push edx
//      mov  dx, 1CEh
//      mov  ax, 5
//      out  dx, ax
//      mov  eax, [esp+4]
//      mov  dx, 1CFh
//      out  dx, ax
//      pop  edx
//      pop  eax
//      ret
//

UCHAR BankSwitchStart[] = {
    0x50,
    0x52,
    0x66, 0xBA, 0xCE, 0x01,
    0x66, 0xB8, 0x05, 0x00,
    0x66, 0xEF,
    0x8B, 0x44, 0x24, 0x04,
    0x66, 0xBA, 0xCF, 0x01,
    0x66, 0xEF,
    0x5A,
    0x58,
    0xC3,
};

ULONG BankSwitchLength = sizeof(BankSwitchStart);

//
// Percent levels the panel supports, lowest first.
//

UCHAR SupportedBrightness[] = { 10, 25, 50, 75, 100 };

ULONG NumSupportedBrightness = sizeof(SupportedBrightness);
