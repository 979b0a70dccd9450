/* SPDX-License-Identifier: GPL-2.0 */
/*++

Module Name:

    ioctls.h

Abstract:

    Definitions of the ioctls corpus miniport: a VGA-compatible SVGA
    miniport, in the Windows NT 4.0 / Windows 2000 DDK manner, for QEMU's
    standard VGA (the VGA core plus the Bochs VBE "DISPI" registers).

--*/

#ifndef _IOCTLS_H_
#define _IOCTLS_H_

#include "ioctls_private.h"

#define IOCTLS_PREFIX                   "vpc_ioctls: "

#define BOCHS_VENDOR_ID                 0x1234
#define BOCHS_DEVICE_ID                 0x1111

//
// The VGA ports, as offsets from the base the miniport maps (3B0h).
//

#define VGA_BASE_IO_PORT                0x000003B0
#define VGA_END_BREAK_IO_PORT           0x000003DF

#define CRTC_ADDRESS_PORT_MONO          0x0004  // 3B4h
#define CRTC_DATA_PORT_MONO             0x0005
#define INPUT_STATUS_1_MONO             0x000A  // 3BAh
#define ATT_ADDRESS_PORT                0x0010  // 3C0h
#define ATT_DATA_READ_PORT              0x0011
#define ATT_DATA_WRITE_PORT             0x0010
#define MISC_OUTPUT_REG_WRITE_PORT      0x0012  // 3C2h
#define SEQ_ADDRESS_PORT                0x0014  // 3C4h
#define SEQ_DATA_PORT                   0x0015
#define DAC_PIXEL_MASK_PORT             0x0016  // 3C6h
#define DAC_ADDRESS_READ_PORT           0x0017  // 3C7h (read: DAC state)
#define DAC_ADDRESS_WRITE_PORT          0x0018  // 3C8h
#define DAC_DATA_REG_PORT               0x0019  // 3C9h
#define FEAT_CTRL_READ_PORT             0x001A  // 3CAh
#define MISC_OUTPUT_REG_READ_PORT       0x001C  // 3CCh
#define GRAPH_ADDRESS_PORT              0x001E  // 3CEh
#define GRAPH_DATA_PORT                 0x001F
#define CRTC_ADDRESS_PORT_COLOR         0x0024  // 3D4h
#define CRTC_DATA_PORT_COLOR            0x0025
#define INPUT_STATUS_1_COLOR            0x002A  // 3DAh

#define VGA_NUM_SEQUENCER_PORTS         IOCTLS_SEQUENCER_REGISTERS
#define VGA_NUM_CRTC_PORTS              IOCTLS_CRTC_REGISTERS
#define VGA_NUM_GRAPH_CONT_PORTS        IOCTLS_GRAPHICS_REGISTERS
#define VGA_NUM_ATTRIB_CONT_PORTS       IOCTLS_ATTRIBUTE_REGISTERS
#define VGA_NUM_DAC_ENTRIES             256

// Sequencer
#define IND_SYNC_RESET                  0x00
#define IND_CLOCKING_MODE               0x01
#define IND_MAP_MASK                    0x02
#define IND_MEMORY_MODE                 0x04
#define START_SYNC_RESET_VALUE          0x01
#define END_SYNC_RESET_VALUE            0x03
#define SCREEN_OFF                      0x20    // clocking mode bit 5

// CRT controller
#define IND_CRTC_HORZ_DISP_END          0x01
#define IND_CRTC_MAX_SCAN_LINE          0x09
#define IND_CURSOR_START                0x0A
#define IND_CURSOR_END                  0x0B
#define IND_START_ADDRESS_HIGH          0x0C
#define IND_START_ADDRESS_LOW           0x0D
#define IND_CURSOR_HIGH_LOC             0x0E
#define IND_CURSOR_LOW_LOC              0x0F
#define IND_VERT_DISP_END               0x12
#define IND_CRTC_PROTECT                0x11
#define CURSOR_DISABLE                  0x20
#define CRTC_LOCK                       0x80

// Graphics controller
#define IND_READ_MAP                    0x04
#define IND_GRAPH_MODE                  0x05
#define IND_GRAPH_MISC                  0x06

// Attribute controller
#define VIDEO_ENABLE                    0x20

//
// The Bochs VBE registers: 16-bit, index at 1CEh, data at 1CFh.
//

#define VBE_DISPI_IOPORT_INDEX          0x01CE
#define VBE_DISPI_PORTS                 2
#define VBE_DISPI_INDEX_ID              0x0
#define VBE_DISPI_INDEX_XRES            0x1
#define VBE_DISPI_INDEX_YRES            0x2
#define VBE_DISPI_INDEX_BPP             0x3
#define VBE_DISPI_INDEX_ENABLE          0x4
#define VBE_DISPI_INDEX_BANK            0x5
#define VBE_DISPI_INDEX_VIRT_WIDTH      0x6
#define VBE_DISPI_INDEX_VIRT_HEIGHT     0x7
#define VBE_DISPI_INDEX_X_OFFSET        0x8
#define VBE_DISPI_INDEX_Y_OFFSET        0x9
#define VBE_DISPI_INDEX_VIDEO_MEMORY_64K 0xA
#define VBE_DISPI_ID0                   0xB0C0
#define VBE_DISPI_ID5                   0xB0C5
#define VBE_DISPI_DISABLED              0x00
#define VBE_DISPI_ENABLED               0x01
#define VBE_DISPI_LFB_ENABLED           0x40
#define VBE_DISPI_NOCLEARMEM            0x80

//
// The legacy VGA memory window and the text buffer in it.
//

#define VGA_MEMORY_BASE                 0x000A0000
#define VGA_MEMORY_LENGTH               0x00020000
#define VGA_TEXT_OFFSET                 0x00018000      // B8000h
#define VGA_TEXT_LENGTH                 0x00008000

//
// The register BAR (BAR2) of the standard VGA: the VGA ports at 400h and
// the DISPI registers at 500h, for IOCTL_VIDEO_QUERY_PUBLIC_ACCESS_RANGES.
//

#define BOCHS_MMIO_MIN_LENGTH           0x600

//
// One mode the miniport offers.
//

typedef struct _VIDEOMODE {
    USHORT Width;               // pixels, or columns in text
    USHORT Height;              // lines, or rows in text
    USHORT BitsPerPixel;        // 4 in text: 16 colours
    USHORT Frequency;
    ULONG AttributeFlags;
    ULONG RedMask;
    ULONG GreenMask;
    ULONG BlueMask;
    UCHAR ColorBits;            // bits per gun
    BOOLEAN Graphics;           // a DISPI mode
} VIDEOMODE, *PVIDEOMODE;

//
// The state block of IOCTL_VIDEO_SAVE_HARDWARE_STATE, after its header.
//

typedef struct _IOCTLS_STATE_LAYOUT {
    VIDEO_HARDWARE_STATE_HEADER Header;
    UCHAR Sequencer[VGA_NUM_SEQUENCER_PORTS];
    UCHAR Crtc[VGA_NUM_CRTC_PORTS];
    UCHAR Graphics[VGA_NUM_GRAPH_CONT_PORTS];
    UCHAR Attribute[VGA_NUM_ATTRIB_CONT_PORTS];
    UCHAR Dac[VGA_NUM_DAC_ENTRIES * 3];
    USHORT Dispi[IOCTLS_DISPI_REGISTERS];
} IOCTLS_STATE_LAYOUT;

C_ASSERT(sizeof(IOCTLS_STATE_LAYOUT) <= IOCTLS_STATE_SIZE);

typedef struct _HW_DEVICE_EXTENSION {

    PUCHAR IOAddress;                   // 3B0h
    PUSHORT DispiPort;                  // 1CEh
    PUCHAR VideoMemoryAddress;          // A0000h, 128 KB
    PHYSICAL_ADDRESS FrameBufferPhysical;
    ULONG FrameBufferLength;
    ULONG VideoMemorySize;
    PHYSICAL_ADDRESS RegisterPhysical;  // BAR2
    ULONG RegisterLength;
    PUCHAR RegisterBase;                // BAR2, mapped: the EDID
    BOOLEAN IsColor;
    USHORT DispiId;

    ULONG CurrentMode;
    BOOLEAN LinearMode;                 // set with VIDEO_MODE_MAP_MEM_LINEAR

    // The text-mode mouse pointer.
    BOOLEAN PointerAttributesSet;
    BOOLEAN PointerEnabled;
    BOOLEAN PointerShown;
    SHORT PointerColumn;
    SHORT PointerRow;
    ULONG PointerFlags;
    ULONG PointerWidth;
    ULONG PointerHeight;
    ULONG PointerWidthInBytes;
    UCHAR PointerSavedAttribute;

    ULONG PowerState;                   // IOCTL_VIDEO_SET_POWER_MANAGEMENT
    ULONG MonitorState;                 // VIDEO_CHILD_* of the monitor
    DISPLAY_BRIGHTNESS Brightness;

    // The adapter as the BIOS left it: what IOCTL_VIDEO_RESET_DEVICE restores.
    UCHAR BootState[IOCTLS_STATE_SIZE];
    ULONG BootStateLength;

} HW_DEVICE_EXTENSION, *PHW_DEVICE_EXTENSION;

//
// ioctls_data.c
//

extern VIDEOMODE ModesVGA[IOCTLS_MODES];
extern VIDEO_ACCESS_RANGE VgaAccessRange[];
extern ULONG NumVgaAccessRanges;
extern UCHAR BankSwitchStart[];
extern ULONG BankSwitchLength;
extern UCHAR SupportedBrightness[];
extern ULONG NumSupportedBrightness;

//
// ioctls_hw.c: the VGA and DISPI hardware.
//

UCHAR VgaReadIndexed(PHW_DEVICE_EXTENSION HwDeviceExtension, ULONG AddressPort, UCHAR Index);
VOID VgaWriteIndexed(PHW_DEVICE_EXTENSION HwDeviceExtension, ULONG AddressPort, UCHAR Index,
                     UCHAR Value);
ULONG VgaCrtcAddressPort(PHW_DEVICE_EXTENSION HwDeviceExtension);
USHORT DispiRead(PHW_DEVICE_EXTENSION HwDeviceExtension, USHORT Index);
VOID DispiWrite(PHW_DEVICE_EXTENSION HwDeviceExtension, USHORT Index, USHORT Value);
VOID VgaReadRegisters(PHW_DEVICE_EXTENSION HwDeviceExtension, PIOCTLS_REGISTERS Registers);
VOID VgaReadDac(PHW_DEVICE_EXTENSION HwDeviceExtension, ULONG First, ULONG Count,
                PUCHAR Rgb);
VOID VgaWriteDac(PHW_DEVICE_EXTENSION HwDeviceExtension, ULONG First, ULONG Count,
                 PUCHAR Rgb);
ULONG VgaSaveState(PHW_DEVICE_EXTENSION HwDeviceExtension, PUCHAR Block, ULONG BlockLength);
VP_STATUS VgaRestoreState(PHW_DEVICE_EXTENSION HwDeviceExtension, PUCHAR Block,
                          ULONG BlockLength);
VOID VgaReadFont(PHW_DEVICE_EXTENSION HwDeviceExtension, ULONG First, ULONG Count,
                 PUCHAR Font);
VOID VgaLoadFont(PHW_DEVICE_EXTENSION HwDeviceExtension, PUCHAR Font, ULONG Height);
VOID VgaSetScreen(PHW_DEVICE_EXTENSION HwDeviceExtension, BOOLEAN On);

//
// ioctls_requests.c: the IOCTL_VIDEO_* handlers, one per request.
//

VP_STATUS VgaQueryNumberOfAvailableModes(PHW_DEVICE_EXTENSION, PVIDEO_REQUEST_PACKET);
VP_STATUS VgaQueryAvailableModes(PHW_DEVICE_EXTENSION, PVIDEO_REQUEST_PACKET);
VP_STATUS VgaQueryCurrentMode(PHW_DEVICE_EXTENSION, PVIDEO_REQUEST_PACKET);
VP_STATUS VgaSetMode(PHW_DEVICE_EXTENSION, PVIDEO_REQUEST_PACKET);
VP_STATUS VgaResetDevice(PHW_DEVICE_EXTENSION);
VP_STATUS VgaMapVideoMemory(PHW_DEVICE_EXTENSION, PVIDEO_REQUEST_PACKET);
VP_STATUS VgaUnmapVideoMemory(PHW_DEVICE_EXTENSION, PVIDEO_REQUEST_PACKET);
VP_STATUS VgaQueryPublicAccessRanges(PHW_DEVICE_EXTENSION, PVIDEO_REQUEST_PACKET);
VP_STATUS VgaFreePublicAccessRanges(PHW_DEVICE_EXTENSION, PVIDEO_REQUEST_PACKET);
VP_STATUS VgaShareVideoMemory(PHW_DEVICE_EXTENSION, PVIDEO_REQUEST_PACKET);
VP_STATUS VgaUnshareVideoMemory(PHW_DEVICE_EXTENSION, PVIDEO_REQUEST_PACKET);
VP_STATUS VgaQueryCursorPosition(PHW_DEVICE_EXTENSION, PVIDEO_REQUEST_PACKET);
VP_STATUS VgaSetCursorPosition(PHW_DEVICE_EXTENSION, PVIDEO_REQUEST_PACKET);
VP_STATUS VgaQueryCursorAttributes(PHW_DEVICE_EXTENSION, PVIDEO_REQUEST_PACKET);
VP_STATUS VgaSetCursorAttributes(PHW_DEVICE_EXTENSION, PVIDEO_REQUEST_PACKET);
VP_STATUS VgaEnableCursor(PHW_DEVICE_EXTENSION, BOOLEAN Enable);
VP_STATUS VgaQueryPointerCapabilities(PHW_DEVICE_EXTENSION, PVIDEO_REQUEST_PACKET);
VP_STATUS VgaQueryPointerAttributes(PHW_DEVICE_EXTENSION, PVIDEO_REQUEST_PACKET);
VP_STATUS VgaSetPointerAttributes(PHW_DEVICE_EXTENSION, PVIDEO_REQUEST_PACKET);
VP_STATUS VgaQueryPointerPosition(PHW_DEVICE_EXTENSION, PVIDEO_REQUEST_PACKET);
VP_STATUS VgaSetPointerPosition(PHW_DEVICE_EXTENSION, PVIDEO_REQUEST_PACKET);
VP_STATUS VgaEnablePointer(PHW_DEVICE_EXTENSION, BOOLEAN Enable);
VP_STATUS VgaSaveHardwareState(PHW_DEVICE_EXTENSION, PVIDEO_REQUEST_PACKET);
VP_STATUS VgaRestoreHardwareState(PHW_DEVICE_EXTENSION, PVIDEO_REQUEST_PACKET);
VP_STATUS VgaLoadAndSetFont(PHW_DEVICE_EXTENSION, PVIDEO_REQUEST_PACKET);
VP_STATUS VgaGetBankSelectCode(PHW_DEVICE_EXTENSION, PVIDEO_REQUEST_PACKET);
VP_STATUS VgaSetColorRegisters(PHW_DEVICE_EXTENSION, PVIDEO_REQUEST_PACKET);
VP_STATUS VgaSetPaletteRegisters(PHW_DEVICE_EXTENSION, PVIDEO_REQUEST_PACKET);
VP_STATUS VgaQueryColorCapabilities(PHW_DEVICE_EXTENSION, PVIDEO_REQUEST_PACKET);
VP_STATUS VgaGetPowerManagement(PHW_DEVICE_EXTENSION, PVIDEO_REQUEST_PACKET);
VP_STATUS VgaSetPowerManagement(PHW_DEVICE_EXTENSION, PVIDEO_REQUEST_PACKET);
VP_STATUS VgaGetChildState(PHW_DEVICE_EXTENSION, PVIDEO_REQUEST_PACKET);
VP_STATUS VgaValidateChildStateConfiguration(PHW_DEVICE_EXTENSION, PVIDEO_REQUEST_PACKET);
VP_STATUS VgaSetChildStateConfiguration(PHW_DEVICE_EXTENSION, PVIDEO_REQUEST_PACKET);
VP_STATUS VgaQuerySupportedBrightness(PHW_DEVICE_EXTENSION, PVIDEO_REQUEST_PACKET);
VP_STATUS VgaQueryDisplayBrightness(PHW_DEVICE_EXTENSION, PVIDEO_REQUEST_PACKET);
VP_STATUS VgaSetDisplayBrightness(PHW_DEVICE_EXTENSION, PVIDEO_REQUEST_PACKET);
VP_STATUS VgaPrivateRequest(PHW_DEVICE_EXTENSION, PVIDEO_REQUEST_PACKET);

#endif // _IOCTLS_H_
