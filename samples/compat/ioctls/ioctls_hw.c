// SPDX-License-Identifier: GPL-2.0
/*++

Module Name:

    ioctls_hw.c

Abstract:

    The hardware of the ioctls corpus miniport: indexed VGA registers, the
    DAC, plane 2 (the font), the Bochs VBE registers, and the save and
    restore of all of it that IOCTL_VIDEO_SAVE_HARDWARE_STATE and
    IOCTL_VIDEO_RESTORE_HARDWARE_STATE and the reset to the boot mode use.

    Everything goes through the I/O ports VideoPortGetDeviceBase handed
    back for 3B0h-3DFh and 1CEh, and the A0000h memory window.

Environment:

    Kernel mode, PASSIVE_LEVEL (HwFindAdapter, HwStartIO).

--*/

#include "dderror.h"
#include "devioctl.h"
#include "miniport.h"
#include "ntddvdeo.h"
#include "video.h"
#include "ioctls.h"

ULONG
VgaCrtcAddressPort(
    PHW_DEVICE_EXTENSION HwDeviceExtension
    )
{
    return HwDeviceExtension->IsColor ? CRTC_ADDRESS_PORT_COLOR : CRTC_ADDRESS_PORT_MONO;
}

static ULONG
VgaInputStatusPort(
    PHW_DEVICE_EXTENSION HwDeviceExtension
    )
{
    return HwDeviceExtension->IsColor ? INPUT_STATUS_1_COLOR : INPUT_STATUS_1_MONO;
}

UCHAR
VgaReadIndexed(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    ULONG AddressPort,
    UCHAR Index
    )
{
    VideoPortWritePortUchar(HwDeviceExtension->IOAddress + AddressPort, Index);
    return VideoPortReadPortUchar(HwDeviceExtension->IOAddress + AddressPort + 1);
}

VOID
VgaWriteIndexed(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    ULONG AddressPort,
    UCHAR Index,
    UCHAR Value
    )
{
    VideoPortWritePortUchar(HwDeviceExtension->IOAddress + AddressPort, Index);
    VideoPortWritePortUchar(HwDeviceExtension->IOAddress + AddressPort + 1, Value);
}

USHORT
DispiRead(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    USHORT Index
    )
{
    VideoPortWritePortUshort(HwDeviceExtension->DispiPort, Index);
    return VideoPortReadPortUshort((PUSHORT)((PUCHAR)HwDeviceExtension->DispiPort + 1));
}

VOID
DispiWrite(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    USHORT Index,
    USHORT Value
    )
{
    VideoPortWritePortUshort(HwDeviceExtension->DispiPort, Index);
    VideoPortWritePortUshort((PUSHORT)((PUCHAR)HwDeviceExtension->DispiPort + 1), Value);
}

//
// The attribute controller: reading the input status register resets its
// flip-flop to the index; an index written without VIDEO_ENABLE blanks the
// screen until VIDEO_ENABLE is written again.
//

static UCHAR
VgaReadAttribute(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    UCHAR Index
    )
{
    UCHAR value;

    VideoPortReadPortUchar(HwDeviceExtension->IOAddress + VgaInputStatusPort(HwDeviceExtension));
    VideoPortWritePortUchar(HwDeviceExtension->IOAddress + ATT_ADDRESS_PORT, Index);
    value = VideoPortReadPortUchar(HwDeviceExtension->IOAddress + ATT_DATA_READ_PORT);
    return value;
}

static VOID
VgaWriteAttribute(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    UCHAR Index,
    UCHAR Value
    )
{
    VideoPortReadPortUchar(HwDeviceExtension->IOAddress + VgaInputStatusPort(HwDeviceExtension));
    VideoPortWritePortUchar(HwDeviceExtension->IOAddress + ATT_ADDRESS_PORT, Index);
    VideoPortWritePortUchar(HwDeviceExtension->IOAddress + ATT_DATA_WRITE_PORT, Value);
}

static VOID
VgaEnableVideo(
    PHW_DEVICE_EXTENSION HwDeviceExtension
    )
{
    VideoPortReadPortUchar(HwDeviceExtension->IOAddress + VgaInputStatusPort(HwDeviceExtension));
    VideoPortWritePortUchar(HwDeviceExtension->IOAddress + ATT_ADDRESS_PORT, VIDEO_ENABLE);
}

//
// Every register the miniport knows, read from the hardware.
//

VOID
VgaReadRegisters(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PIOCTLS_REGISTERS Registers
    )
{
    ULONG crtc = VgaCrtcAddressPort(HwDeviceExtension);
    UCHAR seqIndex, crtcIndex, graphIndex;
    USHORT dispiIndex;
    UCHAR i;

    seqIndex = VideoPortReadPortUchar(HwDeviceExtension->IOAddress + SEQ_ADDRESS_PORT);
    crtcIndex = VideoPortReadPortUchar(HwDeviceExtension->IOAddress + crtc);
    graphIndex = VideoPortReadPortUchar(HwDeviceExtension->IOAddress + GRAPH_ADDRESS_PORT);
    dispiIndex = VideoPortReadPortUshort(HwDeviceExtension->DispiPort);

    Registers->MiscOutput =
        VideoPortReadPortUchar(HwDeviceExtension->IOAddress + MISC_OUTPUT_REG_READ_PORT);
    Registers->DacMask = VideoPortReadPortUchar(HwDeviceExtension->IOAddress + DAC_PIXEL_MASK_PORT);

    for (i = 0; i < VGA_NUM_SEQUENCER_PORTS; i++) {
        Registers->Sequencer[i] = VgaReadIndexed(HwDeviceExtension, SEQ_ADDRESS_PORT, i);
    }
    for (i = 0; i < VGA_NUM_CRTC_PORTS; i++) {
        Registers->Crtc[i] = VgaReadIndexed(HwDeviceExtension, crtc, i);
    }
    for (i = 0; i < VGA_NUM_GRAPH_CONT_PORTS; i++) {
        Registers->Graphics[i] = VgaReadIndexed(HwDeviceExtension, GRAPH_ADDRESS_PORT, i);
    }
    for (i = 0; i < VGA_NUM_ATTRIB_CONT_PORTS; i++) {
        Registers->Attribute[i] = VgaReadAttribute(HwDeviceExtension, i);
    }
    VgaEnableVideo(HwDeviceExtension);
    for (i = 0; i < IOCTLS_DISPI_REGISTERS; i++) {
        Registers->Dispi[i] = DispiRead(HwDeviceExtension, i);
    }

    VideoPortWritePortUchar(HwDeviceExtension->IOAddress + SEQ_ADDRESS_PORT, seqIndex);
    VideoPortWritePortUchar(HwDeviceExtension->IOAddress + crtc, crtcIndex);
    VideoPortWritePortUchar(HwDeviceExtension->IOAddress + GRAPH_ADDRESS_PORT, graphIndex);
    VideoPortWritePortUshort(HwDeviceExtension->DispiPort, dispiIndex);
}

//
// The DAC, 3 bytes (6 bits each) per entry. Reading leaves the DAC in
// write mode at the index it had.
//

VOID
VgaReadDac(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    ULONG First,
    ULONG Count,
    PUCHAR Rgb
    )
{
    UCHAR writeIndex;
    ULONG i;

    writeIndex = VideoPortReadPortUchar(HwDeviceExtension->IOAddress + DAC_ADDRESS_WRITE_PORT);
    VideoPortWritePortUchar(HwDeviceExtension->IOAddress + DAC_ADDRESS_READ_PORT, (UCHAR)First);
    for (i = 0; i < Count * 3; i++) {
        Rgb[i] = VideoPortReadPortUchar(HwDeviceExtension->IOAddress + DAC_DATA_REG_PORT);
    }
    VideoPortWritePortUchar(HwDeviceExtension->IOAddress + DAC_ADDRESS_WRITE_PORT, writeIndex);
}

VOID
VgaWriteDac(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    ULONG First,
    ULONG Count,
    PUCHAR Rgb
    )
{
    VideoPortWritePortUchar(HwDeviceExtension->IOAddress + DAC_ADDRESS_WRITE_PORT, (UCHAR)First);
    VideoPortWritePortBufferUchar(HwDeviceExtension->IOAddress + DAC_DATA_REG_PORT, Rgb,
                                  Count * 3);
}

//
// Save: the header, then each register file at the offset the header
// names, then the VBE registers as the "extended misc data".
//

ULONG
VgaSaveState(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PUCHAR Block,
    ULONG BlockLength
    )
{
    IOCTLS_STATE_LAYOUT *state = (IOCTLS_STATE_LAYOUT *)Block;
    PVIDEO_HARDWARE_STATE_HEADER header = &state->Header;
    IOCTLS_REGISTERS registers;
    ULONG crtc = VgaCrtcAddressPort(HwDeviceExtension);
    PUCHAR port = HwDeviceExtension->IOAddress;

    if (BlockLength < IOCTLS_STATE_SIZE) {
        return 0;
    }

    VideoPortZeroMemory(Block, IOCTLS_STATE_SIZE);
    header->Length = sizeof(VIDEO_HARDWARE_STATE_HEADER);

    //
    // The index and mode registers first, before reading moves them.
    //

    header->PortValue[MISC_OUTPUT_REG_WRITE_PORT] =
        VideoPortReadPortUchar(port + MISC_OUTPUT_REG_READ_PORT);
    header->PortValue[FEAT_CTRL_READ_PORT] = VideoPortReadPortUchar(port + FEAT_CTRL_READ_PORT);
    header->PortValue[SEQ_ADDRESS_PORT] = VideoPortReadPortUchar(port + SEQ_ADDRESS_PORT);
    header->PortValue[GRAPH_ADDRESS_PORT] = VideoPortReadPortUchar(port + GRAPH_ADDRESS_PORT);
    header->PortValue[crtc] = VideoPortReadPortUchar(port + crtc);
    header->PortValue[DAC_PIXEL_MASK_PORT] = VideoPortReadPortUchar(port + DAC_PIXEL_MASK_PORT);
    header->PortValue[DAC_ADDRESS_WRITE_PORT] =
        VideoPortReadPortUchar(port + DAC_ADDRESS_WRITE_PORT);
    header->AttribIndexDataState = 0;   // left at the index, as found after a reset

    VgaReadRegisters(HwDeviceExtension, &registers);

    header->BasicSequencerOffset = FIELD_OFFSET(IOCTLS_STATE_LAYOUT, Sequencer);
    header->BasicCrtContOffset = FIELD_OFFSET(IOCTLS_STATE_LAYOUT, Crtc);
    header->BasicGraphContOffset = FIELD_OFFSET(IOCTLS_STATE_LAYOUT, Graphics);
    header->BasicAttribContOffset = FIELD_OFFSET(IOCTLS_STATE_LAYOUT, Attribute);
    header->BasicDacOffset = FIELD_OFFSET(IOCTLS_STATE_LAYOUT, Dac);
    header->ExtendedMiscDataOffset = FIELD_OFFSET(IOCTLS_STATE_LAYOUT, Dispi);
    header->VGAStateFlags = VIDEO_STATE_NON_STANDARD_VGA;

    VideoPortMoveMemory(state->Sequencer, registers.Sequencer, sizeof(state->Sequencer));
    VideoPortMoveMemory(state->Crtc, registers.Crtc, sizeof(state->Crtc));
    VideoPortMoveMemory(state->Graphics, registers.Graphics, sizeof(state->Graphics));
    VideoPortMoveMemory(state->Attribute, registers.Attribute, sizeof(state->Attribute));
    VideoPortMoveMemory(state->Dispi, registers.Dispi, sizeof(state->Dispi));
    VgaReadDac(HwDeviceExtension, 0, VGA_NUM_DAC_ENTRIES, state->Dac);

    return IOCTLS_STATE_SIZE;
}

//
// Restore: checked first (a block from elsewhere must not send the
// miniport reading outside it), then the VBE off, the sequencer under
// synchronous reset, the CRT controller unlocked, the graphics and
// attribute controllers, the DAC, the index registers, and last the VBE
// mode, without clearing video memory.
//

VP_STATUS
VgaRestoreState(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PUCHAR Block,
    ULONG BlockLength
    )
{
    PVIDEO_HARDWARE_STATE_HEADER header = (PVIDEO_HARDWARE_STATE_HEADER)Block;
    ULONG crtc = VgaCrtcAddressPort(HwDeviceExtension);
    PUCHAR port = HwDeviceExtension->IOAddress;
    PUCHAR sequencer, crtcRegs, graphics, attribute, dac;
    PUSHORT dispi;
    UCHAR i;

    if (BlockLength < sizeof(VIDEO_HARDWARE_STATE_HEADER)) {
        return ERROR_INSUFFICIENT_BUFFER;
    }
    if (header->Length != sizeof(VIDEO_HARDWARE_STATE_HEADER) ||
        header->BasicSequencerOffset > BlockLength - VGA_NUM_SEQUENCER_PORTS ||
        header->BasicCrtContOffset > BlockLength - VGA_NUM_CRTC_PORTS ||
        header->BasicGraphContOffset > BlockLength - VGA_NUM_GRAPH_CONT_PORTS ||
        header->BasicAttribContOffset > BlockLength - VGA_NUM_ATTRIB_CONT_PORTS ||
        header->BasicDacOffset > BlockLength - VGA_NUM_DAC_ENTRIES * 3 ||
        header->ExtendedMiscDataOffset > BlockLength - IOCTLS_DISPI_REGISTERS * sizeof(USHORT) ||
        (header->ExtendedMiscDataOffset & 1)) {
        return ERROR_INVALID_PARAMETER;
    }

    sequencer = Block + header->BasicSequencerOffset;
    crtcRegs = Block + header->BasicCrtContOffset;
    graphics = Block + header->BasicGraphContOffset;
    attribute = Block + header->BasicAttribContOffset;
    dac = Block + header->BasicDacOffset;
    dispi = (PUSHORT)(Block + header->ExtendedMiscDataOffset);

    DispiWrite(HwDeviceExtension, VBE_DISPI_INDEX_ENABLE, VBE_DISPI_DISABLED);

    VgaWriteIndexed(HwDeviceExtension, SEQ_ADDRESS_PORT, IND_SYNC_RESET, START_SYNC_RESET_VALUE);
    VideoPortWritePortUchar(port + MISC_OUTPUT_REG_WRITE_PORT,
                            header->PortValue[MISC_OUTPUT_REG_WRITE_PORT]);
    for (i = 1; i < VGA_NUM_SEQUENCER_PORTS; i++) {
        VgaWriteIndexed(HwDeviceExtension, SEQ_ADDRESS_PORT, i, sequencer[i]);
    }
    VgaWriteIndexed(HwDeviceExtension, SEQ_ADDRESS_PORT, IND_SYNC_RESET, sequencer[0]);

    //
    // The miscellaneous output register picks the CRTC address: colour or
    // monochrome, as restored.
    //

    HwDeviceExtension->IsColor = (BOOLEAN)(header->PortValue[MISC_OUTPUT_REG_WRITE_PORT] & 1);
    crtc = VgaCrtcAddressPort(HwDeviceExtension);

    VgaWriteIndexed(HwDeviceExtension, crtc, IND_CRTC_PROTECT,
                    (UCHAR)(crtcRegs[IND_CRTC_PROTECT] & ~CRTC_LOCK));
    for (i = 0; i < VGA_NUM_CRTC_PORTS; i++) {
        if (i != IND_CRTC_PROTECT) {
            VgaWriteIndexed(HwDeviceExtension, crtc, i, crtcRegs[i]);
        }
    }
    VgaWriteIndexed(HwDeviceExtension, crtc, IND_CRTC_PROTECT, crtcRegs[IND_CRTC_PROTECT]);

    for (i = 0; i < VGA_NUM_GRAPH_CONT_PORTS; i++) {
        VgaWriteIndexed(HwDeviceExtension, GRAPH_ADDRESS_PORT, i, graphics[i]);
    }

    for (i = 0; i < VGA_NUM_ATTRIB_CONT_PORTS; i++) {
        VgaWriteAttribute(HwDeviceExtension, i, attribute[i]);
    }
    VgaEnableVideo(HwDeviceExtension);

    VideoPortWritePortUchar(port + DAC_PIXEL_MASK_PORT, header->PortValue[DAC_PIXEL_MASK_PORT]);
    VgaWriteDac(HwDeviceExtension, 0, VGA_NUM_DAC_ENTRIES, dac);
    VideoPortWritePortUchar(port + DAC_ADDRESS_WRITE_PORT,
                            header->PortValue[DAC_ADDRESS_WRITE_PORT]);

    VideoPortWritePortUchar(port + SEQ_ADDRESS_PORT, header->PortValue[SEQ_ADDRESS_PORT]);
    VideoPortWritePortUchar(port + GRAPH_ADDRESS_PORT, header->PortValue[GRAPH_ADDRESS_PORT]);
    VideoPortWritePortUchar(port + crtc, header->PortValue[crtc]);

    if (dispi[VBE_DISPI_INDEX_ENABLE] & VBE_DISPI_ENABLED) {
        DispiWrite(HwDeviceExtension, VBE_DISPI_INDEX_XRES, dispi[VBE_DISPI_INDEX_XRES]);
        DispiWrite(HwDeviceExtension, VBE_DISPI_INDEX_YRES, dispi[VBE_DISPI_INDEX_YRES]);
        DispiWrite(HwDeviceExtension, VBE_DISPI_INDEX_BPP, dispi[VBE_DISPI_INDEX_BPP]);
        DispiWrite(HwDeviceExtension, VBE_DISPI_INDEX_ENABLE,
                   (USHORT)(dispi[VBE_DISPI_INDEX_ENABLE] | VBE_DISPI_NOCLEARMEM));
        DispiWrite(HwDeviceExtension, VBE_DISPI_INDEX_BANK, dispi[VBE_DISPI_INDEX_BANK]);
        DispiWrite(HwDeviceExtension, VBE_DISPI_INDEX_VIRT_WIDTH,
                   dispi[VBE_DISPI_INDEX_VIRT_WIDTH]);
        DispiWrite(HwDeviceExtension, VBE_DISPI_INDEX_X_OFFSET, dispi[VBE_DISPI_INDEX_X_OFFSET]);
        DispiWrite(HwDeviceExtension, VBE_DISPI_INDEX_Y_OFFSET, dispi[VBE_DISPI_INDEX_Y_OFFSET]);
    }
    VideoPortWritePortUshort(HwDeviceExtension->DispiPort, VBE_DISPI_INDEX_ID);

    return NO_ERROR;
}

//
// Plane 2 holds the font: 32 bytes per character. To reach it the
// sequencer writes plane 2 only, without odd/even or chain 4, and the
// graphics controller reads plane 2 through A0000h; afterwards everything
// goes back as it was.
//

typedef struct _VGA_PLANE_ACCESS {
    UCHAR MapMask;
    UCHAR MemoryMode;
    UCHAR ReadMap;
    UCHAR GraphMode;
    UCHAR GraphMisc;
} VGA_PLANE_ACCESS;

static VOID
VgaOpenPlane2(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    VGA_PLANE_ACCESS *Saved
    )
{
    Saved->MapMask = VgaReadIndexed(HwDeviceExtension, SEQ_ADDRESS_PORT, IND_MAP_MASK);
    Saved->MemoryMode = VgaReadIndexed(HwDeviceExtension, SEQ_ADDRESS_PORT, IND_MEMORY_MODE);
    Saved->ReadMap = VgaReadIndexed(HwDeviceExtension, GRAPH_ADDRESS_PORT, IND_READ_MAP);
    Saved->GraphMode = VgaReadIndexed(HwDeviceExtension, GRAPH_ADDRESS_PORT, IND_GRAPH_MODE);
    Saved->GraphMisc = VgaReadIndexed(HwDeviceExtension, GRAPH_ADDRESS_PORT, IND_GRAPH_MISC);

    VgaWriteIndexed(HwDeviceExtension, SEQ_ADDRESS_PORT, IND_SYNC_RESET, START_SYNC_RESET_VALUE);
    VgaWriteIndexed(HwDeviceExtension, SEQ_ADDRESS_PORT, IND_MAP_MASK, 0x04);
    VgaWriteIndexed(HwDeviceExtension, SEQ_ADDRESS_PORT, IND_MEMORY_MODE, 0x07);
    VgaWriteIndexed(HwDeviceExtension, SEQ_ADDRESS_PORT, IND_SYNC_RESET, END_SYNC_RESET_VALUE);
    VgaWriteIndexed(HwDeviceExtension, GRAPH_ADDRESS_PORT, IND_READ_MAP, 0x02);
    VgaWriteIndexed(HwDeviceExtension, GRAPH_ADDRESS_PORT, IND_GRAPH_MODE, 0x00);
    VgaWriteIndexed(HwDeviceExtension, GRAPH_ADDRESS_PORT, IND_GRAPH_MISC, 0x04);
}

static VOID
VgaClosePlane2(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    VGA_PLANE_ACCESS *Saved
    )
{
    VgaWriteIndexed(HwDeviceExtension, SEQ_ADDRESS_PORT, IND_SYNC_RESET, START_SYNC_RESET_VALUE);
    VgaWriteIndexed(HwDeviceExtension, SEQ_ADDRESS_PORT, IND_MAP_MASK, Saved->MapMask);
    VgaWriteIndexed(HwDeviceExtension, SEQ_ADDRESS_PORT, IND_MEMORY_MODE, Saved->MemoryMode);
    VgaWriteIndexed(HwDeviceExtension, SEQ_ADDRESS_PORT, IND_SYNC_RESET, END_SYNC_RESET_VALUE);
    VgaWriteIndexed(HwDeviceExtension, GRAPH_ADDRESS_PORT, IND_READ_MAP, Saved->ReadMap);
    VgaWriteIndexed(HwDeviceExtension, GRAPH_ADDRESS_PORT, IND_GRAPH_MODE, Saved->GraphMode);
    VgaWriteIndexed(HwDeviceExtension, GRAPH_ADDRESS_PORT, IND_GRAPH_MISC, Saved->GraphMisc);
}

VOID
VgaReadFont(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    ULONG First,
    ULONG Count,
    PUCHAR Font
    )
{
    VGA_PLANE_ACCESS saved;

    VgaOpenPlane2(HwDeviceExtension, &saved);
    VideoPortReadRegisterBufferUchar(HwDeviceExtension->VideoMemoryAddress +
                                     First * IOCTLS_FONT_SLOT, Font,
                                     Count * IOCTLS_FONT_SLOT);
    VgaClosePlane2(HwDeviceExtension, &saved);
}

VOID
VgaLoadFont(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PUCHAR Font,
    ULONG Height
    )
{
    VGA_PLANE_ACCESS saved;
    ULONG i;

    VgaOpenPlane2(HwDeviceExtension, &saved);
    for (i = 0; i < IOCTLS_FONT_CHARACTERS; i++) {
        VideoPortWriteRegisterBufferUchar(HwDeviceExtension->VideoMemoryAddress +
                                          i * IOCTLS_FONT_SLOT, Font + i * Height, Height);
    }
    VgaClosePlane2(HwDeviceExtension, &saved);
}

//
// The screen on or off through the sequencer (what DPMS power states come
// down to on a VGA).
//

VOID
VgaSetScreen(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    BOOLEAN On
    )
{
    UCHAR clocking;

    clocking = VgaReadIndexed(HwDeviceExtension, SEQ_ADDRESS_PORT, IND_CLOCKING_MODE);
    if (On) {
        clocking &= ~SCREEN_OFF;
    } else {
        clocking |= SCREEN_OFF;
    }
    VgaWriteIndexed(HwDeviceExtension, SEQ_ADDRESS_PORT, IND_SYNC_RESET, START_SYNC_RESET_VALUE);
    VgaWriteIndexed(HwDeviceExtension, SEQ_ADDRESS_PORT, IND_CLOCKING_MODE, clocking);
    VgaWriteIndexed(HwDeviceExtension, SEQ_ADDRESS_PORT, IND_SYNC_RESET, END_SYNC_RESET_VALUE);
}
