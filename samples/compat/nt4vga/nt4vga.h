/* SPDX-License-Identifier: GPL-2.0 */
/*++

Module Name:

    nt4vga.h

Abstract:

    Definitions shared by the NT 4.0-style VGA miniport (nt4vga_miniport.c)
    and its data (nt4vga_data.c): the legacy VGA port map, the register
    command streams that set a mode, and the device extension.

Environment:

    Kernel mode

--*/

#ifndef _NT4VGA_H_
#define _NT4VGA_H_

//
// The VGA decodes ports 0x3B0-0x3BB and 0x3C0-0x3DF; 0x3BC-0x3BF belong to
// the parallel port. Port definitions below are offsets from the base the
// port driver gives back for VGA_BASE_IO_PORT.
//

#define VGA_BASE_IO_PORT            0x000003B0
#define VGA_START_BREAK_PORT        0x000003BB
#define VGA_END_BREAK_PORT          0x000003C0
#define VGA_MAX_IO_PORT             0x000003DF

#define CRTC_ADDRESS_PORT_MONO      0x0004      // 0x3B4
#define CRTC_DATA_PORT_MONO         0x0005      // 0x3B5
#define INPUT_STATUS_1_MONO         0x000A      // 0x3BA
#define ATT_ADDRESS_PORT            0x0010      // 0x3C0
#define ATT_DATA_READ_PORT          0x0011      // 0x3C1
#define MISC_OUTPUT_REG_WRITE_PORT  0x0012      // 0x3C2
#define SEQ_ADDRESS_PORT            0x0014      // 0x3C4
#define SEQ_DATA_PORT               0x0015      // 0x3C5
#define DAC_PIXEL_MASK_PORT         0x0016      // 0x3C6
#define DAC_ADDRESS_READ_PORT       0x0017      // 0x3C7
#define DAC_ADDRESS_WRITE_PORT      0x0018      // 0x3C8
#define DAC_DATA_REG_PORT           0x0019      // 0x3C9
#define MISC_OUTPUT_REG_READ_PORT   0x001C      // 0x3CC
#define GRAPH_ADDRESS_PORT          0x001E      // 0x3CE
#define GRAPH_DATA_PORT             0x001F      // 0x3CF
#define CRTC_ADDRESS_PORT_COLOR     0x0024      // 0x3D4
#define CRTC_DATA_PORT_COLOR        0x0025      // 0x3D5
#define INPUT_STATUS_1_COLOR        0x002A      // 0x3DA

//
// Register indices and bits
//

#define IND_CURSOR_LOW_LOC          0x0F        // CRTC
#define IND_CRTC_PROTECT            0x11        // CRTC, bit 7 locks CR0-CR7
#define IND_MEMORY_MODE             0x04        // sequencer
#define IND_READ_MAP                0x04        // graphics controller
#define IND_GRAPH_MISC              0x06        // graphics controller
#define IND_ATT_MODE_CONTROL        0x10        // attribute controller
#define IND_ATT_OVERSCAN            0x11        // attribute controller
#define IND_ATT_COLOR_PLANE_ENABLE  0x12        // attribute controller

#define VIDEO_ENABLE                0x20        // attribute index: palette on
#define MISC_OUTPUT_COLOR_IO        0x01        // ports at 0x3Dx, not 0x3Bx
#define GRAPH_MISC_GRAPHICS         0x01
#define ATT_MODE_GRAPHICS           0x01
#define READ_MAP_MASK               0x03

#define VGA_NUM_DAC_ENTRIES         256
#define VGA_DAC_MASK                0x3F        // six bits per gun

//
// The legacy frame buffer window and what a VGA holds.
//

#define MEM_VGA                     0x000A0000
#define MEM_VGA_SIZE                0x00020000
#define VGA_VIDEO_MEMORY_SIZE       0x00040000  // 256 KB: 4 planes of 64 KB

#define NUM_VGA_ACCESS_RANGES       3

//
// The size of the state IOCTL_VIDEO_SAVE_HARDWARE_STATE would need: the
// registers and the four planes.
//

#define VGA_TOTAL_STATE_SIZE        (0x200 + VGA_VIDEO_MEMORY_SIZE)

//
// Command stream opcodes for VgaInterpretCmdStream. Each stream is an array
// of USHORTs ending in EOD; ports are offsets from VGA_BASE_IO_PORT.
//
//   OB      port, value                      one byte out
//   OW      port, value                      one word out (index | data << 8)
//   INDXOUT port, count, first index, values each value to port + 1
//   ATCOUT  count, first index, values       attribute controller writes
//   IB      port                             one byte in, discarded
//

#define EOD                         0x0000
#define OB                          0x0001
#define OW                          0x0002
#define INDXOUT                     0x0003
#define ATCOUT                      0x0004
#define IB                          0x0005

//
// One mode the miniport offers.
//

typedef struct _VIDEOMODE {
    USHORT fbType;              // VIDEO_MODE_COLOR, VIDEO_MODE_GRAPHICS...
    USHORT numPlanes;
    USHORT bitsPerPlane;
    SHORT col;                  // text columns
    SHORT row;                  // text rows
    USHORT hres;
    USHORT vres;
    USHORT wbytes;              // bytes of one scan line (or text row)
    ULONG sbytes;               // bytes of one screen
    ULONG Frequency;
    ULONG Int10ModeNumber;      // what the BIOS calls it
    ULONG FrameOffset;          // where the screen starts in the A0000 window
    PUSHORT CmdStrings;         // the registers that set it
    UCHAR MiscOutput;           // what the registers must read back
    UCHAR GraphMisc;
    UCHAR AttModeControl;
    UCHAR SeqMemoryMode;
} VIDEOMODE, *PVIDEOMODE;

//
// Device extension
//

typedef struct _HW_DEVICE_EXTENSION {
    PUCHAR IOAddress;                       // the mapped legacy ports
    PVOID VideoMemoryAddress;               // the A0000 window, system space
    PHYSICAL_ADDRESS PhysicalVideoMemoryBase;
    ULONG PhysicalVideoMemoryLength;
    PVIDEOMODE CurrentMode;
    ULONG ModeIndex;
    ULONG NumAvailableModes;
    USHORT TextRows;                        // from the registry, 25 if absent
    ULONG ColorRegisterRequests;
} HW_DEVICE_EXTENSION, *PHW_DEVICE_EXTENSION;

//
// Globals (nt4vga_data.c)
//

extern VIDEO_ACCESS_RANGE VgaAccessRange[];
extern VIDEOMODE ModesVGA[];
extern ULONG NumVideoModes;
extern EMULATOR_ACCESS_ENTRY VgaEmulatorAccessEntries[];
extern ULONG NumVgaEmulatorAccessEntries;

//
// The emulator's port validators (nt4vga_miniport.c), listed by
// VgaEmulatorAccessEntries.
//

VP_STATUS
VgaValidatorUcharEntry(
    ULONG_PTR Context,
    ULONG Port,
    UCHAR AccessMode,
    PUCHAR Data
    );

VP_STATUS
VgaValidatorUshortEntry(
    ULONG_PTR Context,
    ULONG Port,
    UCHAR AccessMode,
    PUSHORT Data
    );

#endif // _NT4VGA_H_
