// SPDX-License-Identifier: GPL-2.0
/*++

Module Name:

    nt4vga_data.c

Abstract:

    The static data of the NT 4.0-style VGA miniport: the legacy ranges it
    claims, the ports a full-screen DOS box may touch, and the register
    streams of the modes it offers (the standard VGA register values of
    BIOS modes 03h and 12h).

Environment:

    Kernel mode

--*/

#include "dderror.h"
#include "devioctl.h"
#include "miniport.h"
#include "ntddvdeo.h"
#include "video.h"

#include "nt4vga.h"

#if defined(ALLOC_DATA_PRAGMA)
#pragma data_seg("PAGE_DATA")
#endif

//
// The legacy VGA ranges: two port ranges around the parallel port's
// 0x3BC-0x3BF, and the frame buffer window. RangeStart, RangeLength,
// RangeInIoSpace, RangeVisible, RangeShareable, RangePassive.
//

VIDEO_ACCESS_RANGE VgaAccessRange[] = {
    {
        0x000003B0, 0x00000000,         // the mono ports
        0x0000000C,
        1,
        1,
        1,
        0
    },
    {
        0x000003C0, 0x00000000,         // the color ports
        0x00000020,
        1,
        1,
        1,
        0
    },
    {
        0x000A0000, 0x00000000,         // the frame buffer window
        0x00020000,
        0,
        1,
        1,
        0
    }
};

//
// The ports a full-screen DOS application reaches through the emulator.
//

EMULATOR_ACCESS_ENTRY VgaEmulatorAccessEntries[] = {

    //
    // Byte access to every VGA port
    //

    {
        VGA_BASE_IO_PORT,
        VGA_START_BREAK_PORT - VGA_BASE_IO_PORT + 1,
        Uchar,
        EMULATOR_READ_ACCESS | EMULATOR_WRITE_ACCESS,
        FALSE,
        (PVOID)VgaValidatorUcharEntry
    },

    {
        VGA_END_BREAK_PORT,
        VGA_MAX_IO_PORT - VGA_END_BREAK_PORT + 1,
        Uchar,
        EMULATOR_READ_ACCESS | EMULATOR_WRITE_ACCESS,
        FALSE,
        (PVOID)VgaValidatorUcharEntry
    },

    //
    // Word access to the index/data pairs (OUT DX, AX)
    //

    {
        VGA_END_BREAK_PORT,
        (VGA_MAX_IO_PORT - VGA_END_BREAK_PORT + 1) / 2,
        Ushort,
        EMULATOR_READ_ACCESS | EMULATOR_WRITE_ACCESS,
        FALSE,
        (PVOID)VgaValidatorUshortEntry
    }
};

ULONG NumVgaEmulatorAccessEntries =
    sizeof(VgaEmulatorAccessEntries) / sizeof(EMULATOR_ACCESS_ENTRY);

//
// Mode 03h: 80x25 text, 720x400, 16 colors.
//

USHORT VGA_TEXT_0[] = {
    OW, SEQ_ADDRESS_PORT, 0x0100,                   // synchronous reset
    OB, MISC_OUTPUT_REG_WRITE_PORT, 0x67,
    INDXOUT, SEQ_ADDRESS_PORT, 4, 1,
        0x00, 0x03, 0x00, 0x02,
    OW, SEQ_ADDRESS_PORT, 0x0300,                   // end of reset
    OW, CRTC_ADDRESS_PORT_COLOR, 0x0E11,            // unlock CR0-CR7
    INDXOUT, CRTC_ADDRESS_PORT_COLOR, 25, 0,
        0x5F, 0x4F, 0x50, 0x82, 0x55, 0x81, 0xBF, 0x1F,
        0x00, 0x4F, 0x0D, 0x0E, 0x00, 0x00, 0x00, 0x00,
        0x9C, 0x8E, 0x8F, 0x28, 0x1F, 0x96, 0xB9, 0xA3,
        0xFF,
    INDXOUT, GRAPH_ADDRESS_PORT, 9, 0,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0x0E, 0x00,
        0xFF,
    ATCOUT, 21, 0,
        0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x14, 0x07,
        0x38, 0x39, 0x3A, 0x3B, 0x3C, 0x3D, 0x3E, 0x3F,
        0x0C, 0x00, 0x0F, 0x08, 0x00,
    OB, ATT_ADDRESS_PORT, VIDEO_ENABLE,
    EOD
};

//
// Mode 12h: 640x480, 16 colors, four planes.
//

USHORT VGA_640x480[] = {
    OW, SEQ_ADDRESS_PORT, 0x0100,
    OB, MISC_OUTPUT_REG_WRITE_PORT, 0xE3,
    INDXOUT, SEQ_ADDRESS_PORT, 4, 1,
        0x01, 0x0F, 0x00, 0x06,
    OW, SEQ_ADDRESS_PORT, 0x0300,
    OW, CRTC_ADDRESS_PORT_COLOR, 0x0C11,
    INDXOUT, CRTC_ADDRESS_PORT_COLOR, 25, 0,
        0x5F, 0x4F, 0x50, 0x82, 0x54, 0x80, 0x0B, 0x3E,
        0x00, 0x40, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0xEA, 0x8C, 0xDF, 0x28, 0x00, 0xE7, 0x04, 0xE3,
        0xFF,
    INDXOUT, GRAPH_ADDRESS_PORT, 9, 0,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0x0F,
        0xFF,
    ATCOUT, 21, 0,
        0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x14, 0x07,
        0x38, 0x39, 0x3A, 0x3B, 0x3C, 0x3D, 0x3E, 0x3F,
        0x01, 0x00, 0x0F, 0x00, 0x00,
    OB, ATT_ADDRESS_PORT, VIDEO_ENABLE,
    EOD
};

//
// The modes. The first is the one the BIOS leaves the adapter in.
//

VIDEOMODE ModesVGA[] = {

    //
    // 80x25 text, 720x400, mode 03h
    //

    {
        VIDEO_MODE_COLOR,
        4, 1,
        80, 25,
        720, 400,
        160, 0x1000,
        70,
        0x3,
        0x18000,                                // B8000
        VGA_TEXT_0,
        0x67, 0x0E, 0x0C, 0x02
    },

    //
    // 640x480 16 colors, mode 12h
    //

    {
        VIDEO_MODE_COLOR | VIDEO_MODE_GRAPHICS | VIDEO_MODE_PALETTE_DRIVEN |
            VIDEO_MODE_MANAGED_PALETTE,
        4, 1,
        80, 30,
        640, 480,
        80, 0x9600,
        60,
        0x12,
        0,                                      // A0000
        VGA_640x480,
        0xE3, 0x05, 0x01, 0x06
    }
};

ULONG NumVideoModes = sizeof(ModesVGA) / sizeof(VIDEOMODE);

#if defined(ALLOC_DATA_PRAGMA)
#pragma data_seg()
#endif
