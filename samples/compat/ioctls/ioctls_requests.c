// SPDX-License-Identifier: GPL-2.0
/*++

Module Name:

    ioctls_requests.c

Abstract:

    One routine per IOCTL_VIDEO_* request of the ioctls corpus miniport.
    Each checks the buffers first, the way the DDK samples do: when a buffer
    is too small the needed size goes into the status block's Information
    and the request fails with ERROR_INSUFFICIENT_BUFFER; a value outside
    what the request allows fails with ERROR_INVALID_PARAMETER; a request
    the current mode cannot serve fails with ERROR_INVALID_PARAMETER (text
    mode only) or ERROR_INVALID_FUNCTION (not supported there at all).

Environment:

    Kernel mode, PASSIVE_LEVEL, one request at a time (HwStartIO).

--*/

#include "dderror.h"
#include "devioctl.h"
#include "miniport.h"
#include "ntddvdeo.h"
#include "video.h"
#include "ioctls.h"

#define VGA_TEXT_COLUMNS(Ext) \
    ((ULONG)VgaReadIndexed(Ext, VgaCrtcAddressPort(Ext), IND_CRTC_HORZ_DISP_END) + 1)

//
// ---- Helpers ---------------------------------------------------------------
//

static BOOLEAN
VgaInTextMode(
    PHW_DEVICE_EXTENSION HwDeviceExtension
    )
{
    return (BOOLEAN)!ModesVGA[HwDeviceExtension->CurrentMode].Graphics;
}

static ULONG
VgaModeStride(
    ULONG Mode
    )
{
    if (!ModesVGA[Mode].Graphics) {
        return (ULONG)ModesVGA[Mode].Width * 2;
    }
    return (ULONG)ModesVGA[Mode].Width * ModesVGA[Mode].BitsPerPixel / 8;
}

static ULONG
VgaModeSize(
    ULONG Mode
    )
{
    return VgaModeStride(Mode) * ModesVGA[Mode].Height;
}

//
// The height of a character cell and the text rows the CRTC displays.
//

static ULONG
VgaCellHeight(
    PHW_DEVICE_EXTENSION HwDeviceExtension
    )
{
    UCHAR maxScan;

    maxScan = VgaReadIndexed(HwDeviceExtension, VgaCrtcAddressPort(HwDeviceExtension),
                             IND_CRTC_MAX_SCAN_LINE);
    return (ULONG)(maxScan & 0x1F) + 1;
}

static ULONG
VgaTextRows(
    PHW_DEVICE_EXTENSION HwDeviceExtension
    )
{
    ULONG crtc = VgaCrtcAddressPort(HwDeviceExtension);
    ULONG overflow, lines;

    overflow = VgaReadIndexed(HwDeviceExtension, crtc, 0x07);
    lines = VgaReadIndexed(HwDeviceExtension, crtc, IND_VERT_DISP_END);
    lines |= (overflow & 0x02) << 7;
    lines |= (overflow & 0x40) << 3;
    return (lines + 1) / VgaCellHeight(HwDeviceExtension);
}

static ULONG
VgaTextStart(
    PHW_DEVICE_EXTENSION HwDeviceExtension
    )
{
    ULONG crtc = VgaCrtcAddressPort(HwDeviceExtension);

    return ((ULONG)VgaReadIndexed(HwDeviceExtension, crtc, IND_START_ADDRESS_HIGH) << 8) |
           VgaReadIndexed(HwDeviceExtension, crtc, IND_START_ADDRESS_LOW);
}

//
// The text-mode pointer: the attribute of one cell, inverted.
//

static PUCHAR
VgaCellAttribute(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    ULONG Column,
    ULONG Row
    )
{
    ULONG cell;

    cell = VgaTextStart(HwDeviceExtension) + Row * VGA_TEXT_COLUMNS(HwDeviceExtension) + Column;
    return HwDeviceExtension->VideoMemoryAddress + VGA_TEXT_OFFSET +
           ((cell * 2 + 1) & (VGA_TEXT_LENGTH - 1));
}

static VOID
VgaHidePointer(
    PHW_DEVICE_EXTENSION HwDeviceExtension
    )
{
    if (HwDeviceExtension->PointerShown) {
        VideoPortWriteRegisterUchar(VgaCellAttribute(HwDeviceExtension,
                                                     HwDeviceExtension->PointerColumn,
                                                     HwDeviceExtension->PointerRow),
                                    HwDeviceExtension->PointerSavedAttribute);
        HwDeviceExtension->PointerShown = FALSE;
    }
}

static VOID
VgaShowPointer(
    PHW_DEVICE_EXTENSION HwDeviceExtension
    )
{
    PUCHAR attribute;

    if (HwDeviceExtension->PointerShown || !HwDeviceExtension->PointerEnabled) {
        return;
    }
    attribute = VgaCellAttribute(HwDeviceExtension, HwDeviceExtension->PointerColumn,
                                 HwDeviceExtension->PointerRow);
    HwDeviceExtension->PointerSavedAttribute = VideoPortReadRegisterUchar(attribute);
    VideoPortWriteRegisterUchar(attribute, (UCHAR)(HwDeviceExtension->PointerSavedAttribute ^
                                                   IOCTLS_POINTER_INVERT));
    HwDeviceExtension->PointerShown = TRUE;
}

static BOOLEAN
VgaPointerPositionValid(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    SHORT Column,
    SHORT Row
    )
{
    return (BOOLEAN)(Column >= 0 && Row >= 0 &&
                     (ULONG)Column < VGA_TEXT_COLUMNS(HwDeviceExtension) &&
                     (ULONG)Row < VgaTextRows(HwDeviceExtension));
}

//
// ---- Modes -----------------------------------------------------------------
//

static VOID
VgaFillModeInformation(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    ULONG Mode,
    PVIDEO_MODE_INFORMATION ModeInformation
    )
{
    PVIDEOMODE mode = &ModesVGA[Mode];

    VideoPortZeroMemory(ModeInformation, sizeof(VIDEO_MODE_INFORMATION));
    ModeInformation->Length = sizeof(VIDEO_MODE_INFORMATION);
    ModeInformation->ModeIndex = Mode;
    ModeInformation->VisScreenWidth = mode->Width;
    ModeInformation->VisScreenHeight = mode->Height;
    ModeInformation->ScreenStride = VgaModeStride(Mode);
    ModeInformation->NumberOfPlanes = 1;
    ModeInformation->BitsPerPlane = mode->BitsPerPixel;
    ModeInformation->Frequency = mode->Frequency;
    ModeInformation->XMillimeter = 320;
    ModeInformation->YMillimeter = 240;
    if (mode->BitsPerPixel == 16) {
        ModeInformation->NumberRedBits = 5;
        ModeInformation->NumberGreenBits = 6;
        ModeInformation->NumberBlueBits = 5;
    } else {
        ModeInformation->NumberRedBits = mode->ColorBits;
        ModeInformation->NumberGreenBits = mode->ColorBits;
        ModeInformation->NumberBlueBits = mode->ColorBits;
    }
    ModeInformation->RedMask = mode->RedMask;
    ModeInformation->GreenMask = mode->GreenMask;
    ModeInformation->BlueMask = mode->BlueMask;
    ModeInformation->AttributeFlags = mode->AttributeFlags;
    ModeInformation->VideoMemoryBitmapWidth = mode->Width;
    if (mode->Graphics) {
        ModeInformation->VideoMemoryBitmapHeight =
            HwDeviceExtension->VideoMemorySize / VgaModeStride(Mode);
    } else {
        ModeInformation->VideoMemoryBitmapHeight = mode->Height;
    }
}

VP_STATUS
VgaQueryNumberOfAvailableModes(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PVIDEO_REQUEST_PACKET RequestPacket
    )
{
    PVIDEO_NUM_MODES numModes = RequestPacket->OutputBuffer;

    if (RequestPacket->OutputBufferLength <
        (RequestPacket->StatusBlock->Information = sizeof(VIDEO_NUM_MODES))) {
        return ERROR_INSUFFICIENT_BUFFER;
    }
    numModes->NumModes = IOCTLS_MODES;
    numModes->ModeInformationLength = sizeof(VIDEO_MODE_INFORMATION);
    return NO_ERROR;
}

VP_STATUS
VgaQueryAvailableModes(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PVIDEO_REQUEST_PACKET RequestPacket
    )
{
    PVIDEO_MODE_INFORMATION modeInformation = RequestPacket->OutputBuffer;
    ULONG i;

    if (RequestPacket->OutputBufferLength <
        (RequestPacket->StatusBlock->Information =
         IOCTLS_MODES * sizeof(VIDEO_MODE_INFORMATION))) {
        return ERROR_INSUFFICIENT_BUFFER;
    }
    for (i = 0; i < IOCTLS_MODES; i++) {
        VgaFillModeInformation(HwDeviceExtension, i, &modeInformation[i]);
    }
    return NO_ERROR;
}

VP_STATUS
VgaQueryCurrentMode(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PVIDEO_REQUEST_PACKET RequestPacket
    )
{
    if (RequestPacket->OutputBufferLength <
        (RequestPacket->StatusBlock->Information = sizeof(VIDEO_MODE_INFORMATION))) {
        return ERROR_INSUFFICIENT_BUFFER;
    }
    VgaFillModeInformation(HwDeviceExtension, HwDeviceExtension->CurrentMode,
                           RequestPacket->OutputBuffer);
    return NO_ERROR;
}

VP_STATUS
VgaSetMode(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PVIDEO_REQUEST_PACKET RequestPacket
    )
{
    PVIDEO_MODE videoMode = RequestPacket->InputBuffer;
    ULONG requested, mode;
    USHORT enable;

    if (RequestPacket->InputBufferLength < sizeof(VIDEO_MODE)) {
        return ERROR_INSUFFICIENT_BUFFER;
    }
    requested = videoMode->RequestedMode;
    mode = requested & ~(VIDEO_MODE_NO_ZERO_MEMORY | VIDEO_MODE_MAP_MEM_LINEAR);
    if (mode >= IOCTLS_MODES) {
        return ERROR_INVALID_PARAMETER;
    }

    VgaHidePointer(HwDeviceExtension);
    HwDeviceExtension->PointerEnabled = FALSE;

    if (!ModesVGA[mode].Graphics) {
        //
        // The text mode is the one the BIOS set: its registers as found.
        //
        VgaRestoreState(HwDeviceExtension, HwDeviceExtension->BootState,
                        HwDeviceExtension->BootStateLength);
    } else {
        enable = VBE_DISPI_ENABLED | VBE_DISPI_LFB_ENABLED;
        if (requested & VIDEO_MODE_NO_ZERO_MEMORY) {
            enable |= VBE_DISPI_NOCLEARMEM;
        }
        DispiWrite(HwDeviceExtension, VBE_DISPI_INDEX_ENABLE, VBE_DISPI_DISABLED);
        DispiWrite(HwDeviceExtension, VBE_DISPI_INDEX_XRES, ModesVGA[mode].Width);
        DispiWrite(HwDeviceExtension, VBE_DISPI_INDEX_YRES, ModesVGA[mode].Height);
        DispiWrite(HwDeviceExtension, VBE_DISPI_INDEX_BPP, ModesVGA[mode].BitsPerPixel);
        DispiWrite(HwDeviceExtension, VBE_DISPI_INDEX_BANK, 0);
        DispiWrite(HwDeviceExtension, VBE_DISPI_INDEX_VIRT_WIDTH, ModesVGA[mode].Width);
        DispiWrite(HwDeviceExtension, VBE_DISPI_INDEX_X_OFFSET, 0);
        DispiWrite(HwDeviceExtension, VBE_DISPI_INDEX_Y_OFFSET, 0);
        DispiWrite(HwDeviceExtension, VBE_DISPI_INDEX_ENABLE, enable);
    }

    HwDeviceExtension->CurrentMode = mode;
    HwDeviceExtension->LinearMode = (BOOLEAN)((requested & VIDEO_MODE_MAP_MEM_LINEAR) != 0);
    VideoDebugPrint((Trace, IOCTLS_PREFIX "mode %u set\n", mode));
    return NO_ERROR;
}

VP_STATUS
VgaResetDevice(
    PHW_DEVICE_EXTENSION HwDeviceExtension
    )
{
    VgaHidePointer(HwDeviceExtension);
    HwDeviceExtension->PointerEnabled = FALSE;
    VgaRestoreState(HwDeviceExtension, HwDeviceExtension->BootState,
                    HwDeviceExtension->BootStateLength);
    HwDeviceExtension->CurrentMode = IOCTLS_MODE_TEXT;
    HwDeviceExtension->LinearMode = FALSE;
    HwDeviceExtension->PowerState = VideoPowerOn;
    return NO_ERROR;
}

//
// ---- Memory ----------------------------------------------------------------
//

VP_STATUS
VgaMapVideoMemory(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PVIDEO_REQUEST_PACKET RequestPacket
    )
{
    PVIDEO_MEMORY_INFORMATION memoryInformation = RequestPacket->OutputBuffer;
    PVOID requestedAddress;
    ULONG inIoSpace;
    ULONG length;
    VP_STATUS status;

    if ((RequestPacket->OutputBufferLength <
         (RequestPacket->StatusBlock->Information = sizeof(VIDEO_MEMORY_INFORMATION))) ||
        (RequestPacket->InputBufferLength < sizeof(VIDEO_MEMORY))) {
        return ERROR_INSUFFICIENT_BUFFER;
    }

    //
    // The input and output are the same buffer: read the input first.
    //

    requestedAddress = ((PVIDEO_MEMORY)RequestPacket->InputBuffer)->RequestedVirtualAddress;

    memoryInformation->VideoRamBase = requestedAddress;
    length = HwDeviceExtension->VideoMemorySize;
    inIoSpace = VIDEO_MEMORY_SPACE_MEMORY | VIDEO_MEMORY_SPACE_P6CACHE;
    status = VideoPortMapMemory(HwDeviceExtension, HwDeviceExtension->FrameBufferPhysical,
                                &length, &inIoSpace, &memoryInformation->VideoRamBase);
    if (status != NO_ERROR) {
        RequestPacket->StatusBlock->Information = 0;
        return status;
    }

    memoryInformation->VideoRamLength = HwDeviceExtension->VideoMemorySize;
    memoryInformation->FrameBufferBase = memoryInformation->VideoRamBase;
    if (ModesVGA[HwDeviceExtension->CurrentMode].Graphics) {
        memoryInformation->FrameBufferLength = VgaModeSize(HwDeviceExtension->CurrentMode);
    } else {
        memoryInformation->FrameBufferLength = HwDeviceExtension->VideoMemorySize;
    }
    return NO_ERROR;
}

VP_STATUS
VgaUnmapVideoMemory(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PVIDEO_REQUEST_PACKET RequestPacket
    )
{
    if (RequestPacket->InputBufferLength < sizeof(VIDEO_MEMORY)) {
        return ERROR_INSUFFICIENT_BUFFER;
    }
    return VideoPortUnmapMemory(HwDeviceExtension,
                                ((PVIDEO_MEMORY)RequestPacket->InputBuffer)->
                                RequestedVirtualAddress, NULL);
}

VP_STATUS
VgaQueryPublicAccessRanges(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PVIDEO_REQUEST_PACKET RequestPacket
    )
{
    PVIDEO_PUBLIC_ACCESS_RANGES portAccess = RequestPacket->OutputBuffer;
    ULONG length;
    VP_STATUS status;

    if (RequestPacket->OutputBufferLength <
        (RequestPacket->StatusBlock->Information = sizeof(VIDEO_PUBLIC_ACCESS_RANGES))) {
        return ERROR_INSUFFICIENT_BUFFER;
    }

    //
    // The register BAR: the VGA ports and the VBE registers, memory mapped.
    //

    portAccess->VirtualAddress = (PVOID)NULL;
    portAccess->InIoSpace = VIDEO_MEMORY_SPACE_MEMORY;
    portAccess->MappedInIoSpace = portAccess->InIoSpace;
    length = HwDeviceExtension->RegisterLength;
    status = VideoPortMapMemory(HwDeviceExtension, HwDeviceExtension->RegisterPhysical,
                                &length, &portAccess->MappedInIoSpace,
                                &portAccess->VirtualAddress);
    if (status != NO_ERROR) {
        RequestPacket->StatusBlock->Information = 0;
    }
    return status;
}

VP_STATUS
VgaFreePublicAccessRanges(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PVIDEO_REQUEST_PACKET RequestPacket
    )
{
    if (RequestPacket->InputBufferLength < sizeof(VIDEO_MEMORY)) {
        return ERROR_INSUFFICIENT_BUFFER;
    }
    return VideoPortUnmapMemory(HwDeviceExtension,
                                ((PVIDEO_MEMORY)RequestPacket->InputBuffer)->
                                RequestedVirtualAddress, NULL);
}

VP_STATUS
VgaShareVideoMemory(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PVIDEO_REQUEST_PACKET RequestPacket
    )
{
    PVIDEO_SHARE_MEMORY shareMemory = RequestPacket->InputBuffer;
    PVIDEO_SHARE_MEMORY_INFORMATION information = RequestPacket->OutputBuffer;
    PHYSICAL_ADDRESS physical;
    PVOID virtualAddress;
    ULONG inIoSpace;
    ULONG offset;
    ULONG length;
    VP_STATUS status;

    if ((RequestPacket->OutputBufferLength <
         (RequestPacket->StatusBlock->Information =
          sizeof(VIDEO_SHARE_MEMORY_INFORMATION))) ||
        (RequestPacket->InputBufferLength < sizeof(VIDEO_SHARE_MEMORY))) {
        return ERROR_INSUFFICIENT_BUFFER;
    }

    virtualAddress = shareMemory->ProcessHandle;
    offset = shareMemory->ViewOffset;
    length = shareMemory->ViewSize;

    //
    // The view size plus the offset must not exceed video memory.
    //

    if (length == 0 || offset >= HwDeviceExtension->VideoMemorySize ||
        length > HwDeviceExtension->VideoMemorySize - offset) {
        RequestPacket->StatusBlock->Information = 0;
        return ERROR_INVALID_PARAMETER;
    }

    physical = HwDeviceExtension->FrameBufferPhysical;
    physical.QuadPart += offset;
    inIoSpace = VIDEO_MEMORY_SPACE_USER_MODE | VIDEO_MEMORY_SPACE_P6CACHE;
    status = VideoPortMapMemory(HwDeviceExtension, physical, &length, &inIoSpace,
                                &virtualAddress);
    if (status != NO_ERROR) {
        RequestPacket->StatusBlock->Information = 0;
        return status;
    }
    information->SharedViewOffset = offset;
    information->SharedViewSize = length;
    information->VirtualAddress = virtualAddress;
    return NO_ERROR;
}

VP_STATUS
VgaUnshareVideoMemory(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PVIDEO_REQUEST_PACKET RequestPacket
    )
{
    PVIDEO_SHARE_MEMORY shareMemory = RequestPacket->InputBuffer;

    if (RequestPacket->InputBufferLength < sizeof(VIDEO_SHARE_MEMORY)) {
        return ERROR_INSUFFICIENT_BUFFER;
    }
    return VideoPortUnmapMemory(HwDeviceExtension, shareMemory->RequestedVirtualAddress,
                                shareMemory->ProcessHandle);
}

//
// ---- The text cursor (CRT controller) -----------------------------------------
//

VP_STATUS
VgaQueryCursorPosition(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PVIDEO_REQUEST_PACKET RequestPacket
    )
{
    PVIDEO_CURSOR_POSITION cursorPosition = RequestPacket->OutputBuffer;
    ULONG crtc = VgaCrtcAddressPort(HwDeviceExtension);
    ULONG location, columns;

    if (!VgaInTextMode(HwDeviceExtension)) {
        return ERROR_INVALID_PARAMETER;
    }
    if (RequestPacket->OutputBufferLength <
        (RequestPacket->StatusBlock->Information = sizeof(VIDEO_CURSOR_POSITION))) {
        return ERROR_INSUFFICIENT_BUFFER;
    }
    location = ((ULONG)VgaReadIndexed(HwDeviceExtension, crtc, IND_CURSOR_HIGH_LOC) << 8) |
               VgaReadIndexed(HwDeviceExtension, crtc, IND_CURSOR_LOW_LOC);
    location -= VgaTextStart(HwDeviceExtension);
    columns = VGA_TEXT_COLUMNS(HwDeviceExtension);
    cursorPosition->Column = (SHORT)(location % columns);
    cursorPosition->Row = (SHORT)(location / columns);
    return NO_ERROR;
}

VP_STATUS
VgaSetCursorPosition(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PVIDEO_REQUEST_PACKET RequestPacket
    )
{
    PVIDEO_CURSOR_POSITION cursorPosition = RequestPacket->InputBuffer;
    ULONG crtc = VgaCrtcAddressPort(HwDeviceExtension);
    ULONG location;

    if (!VgaInTextMode(HwDeviceExtension)) {
        return ERROR_INVALID_PARAMETER;
    }
    if (RequestPacket->InputBufferLength < sizeof(VIDEO_CURSOR_POSITION)) {
        return ERROR_INSUFFICIENT_BUFFER;
    }
    if (cursorPosition->Column < 0 || cursorPosition->Row < 0 ||
        (ULONG)cursorPosition->Column >= VGA_TEXT_COLUMNS(HwDeviceExtension) ||
        (ULONG)cursorPosition->Row >= VgaTextRows(HwDeviceExtension)) {
        return ERROR_INVALID_PARAMETER;
    }
    location = VgaTextStart(HwDeviceExtension) +
               cursorPosition->Row * VGA_TEXT_COLUMNS(HwDeviceExtension) +
               cursorPosition->Column;
    VgaWriteIndexed(HwDeviceExtension, crtc, IND_CURSOR_HIGH_LOC, (UCHAR)(location >> 8));
    VgaWriteIndexed(HwDeviceExtension, crtc, IND_CURSOR_LOW_LOC, (UCHAR)location);
    return NO_ERROR;
}

//
// For a VGA the attributes are scan lines: Height is the top line of the
// cursor in the cell, Width its bottom line.
//

VP_STATUS
VgaQueryCursorAttributes(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PVIDEO_REQUEST_PACKET RequestPacket
    )
{
    PVIDEO_CURSOR_ATTRIBUTES cursorAttributes = RequestPacket->OutputBuffer;
    ULONG crtc = VgaCrtcAddressPort(HwDeviceExtension);
    UCHAR start, end;

    if (!VgaInTextMode(HwDeviceExtension)) {
        return ERROR_INVALID_PARAMETER;
    }
    if (RequestPacket->OutputBufferLength <
        (RequestPacket->StatusBlock->Information = sizeof(VIDEO_CURSOR_ATTRIBUTES))) {
        return ERROR_INSUFFICIENT_BUFFER;
    }
    start = VgaReadIndexed(HwDeviceExtension, crtc, IND_CURSOR_START);
    end = VgaReadIndexed(HwDeviceExtension, crtc, IND_CURSOR_END);
    VideoPortZeroMemory(cursorAttributes, sizeof(VIDEO_CURSOR_ATTRIBUTES));
    cursorAttributes->Height = (USHORT)(start & 0x1F);
    cursorAttributes->Width = (USHORT)(end & 0x1F);
    cursorAttributes->Enable = (UCHAR)!(start & CURSOR_DISABLE);
    return NO_ERROR;
}

VP_STATUS
VgaSetCursorAttributes(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PVIDEO_REQUEST_PACKET RequestPacket
    )
{
    PVIDEO_CURSOR_ATTRIBUTES cursorAttributes = RequestPacket->InputBuffer;
    ULONG crtc = VgaCrtcAddressPort(HwDeviceExtension);
    UCHAR start, end;

    if (!VgaInTextMode(HwDeviceExtension)) {
        return ERROR_INVALID_PARAMETER;
    }
    if (RequestPacket->InputBufferLength < sizeof(VIDEO_CURSOR_ATTRIBUTES)) {
        return ERROR_INSUFFICIENT_BUFFER;
    }

    //
    // Both lines inside the character cell, the top one first.
    //

    if (cursorAttributes->Height > cursorAttributes->Width ||
        cursorAttributes->Width >= VgaCellHeight(HwDeviceExtension)) {
        return ERROR_INVALID_PARAMETER;
    }

    start = VgaReadIndexed(HwDeviceExtension, crtc, IND_CURSOR_START);
    end = VgaReadIndexed(HwDeviceExtension, crtc, IND_CURSOR_END);
    start = (UCHAR)((start & 0xC0) | cursorAttributes->Height);
    if (!cursorAttributes->Enable) {
        start |= CURSOR_DISABLE;
    }
    end = (UCHAR)((end & 0xE0) | cursorAttributes->Width);
    VgaWriteIndexed(HwDeviceExtension, crtc, IND_CURSOR_START, start);
    VgaWriteIndexed(HwDeviceExtension, crtc, IND_CURSOR_END, end);
    return NO_ERROR;
}

VP_STATUS
VgaEnableCursor(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    BOOLEAN Enable
    )
{
    ULONG crtc = VgaCrtcAddressPort(HwDeviceExtension);
    UCHAR start;

    if (!VgaInTextMode(HwDeviceExtension)) {
        return ERROR_INVALID_PARAMETER;
    }
    start = VgaReadIndexed(HwDeviceExtension, crtc, IND_CURSOR_START);
    if (Enable) {
        start &= ~CURSOR_DISABLE;
    } else {
        start |= CURSOR_DISABLE;
    }
    VgaWriteIndexed(HwDeviceExtension, crtc, IND_CURSOR_START, start);
    return NO_ERROR;
}

//
// ---- The mouse pointer ---------------------------------------------------------
//
// In text mode the pointer is one character cell whose attribute is
// inverted (monochrome, asynchronous: the miniport moves it itself), and
// positions are in character cells. The graphics modes have no hardware
// pointer: the display driver draws its own.
//

VP_STATUS
VgaQueryPointerCapabilities(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PVIDEO_REQUEST_PACKET RequestPacket
    )
{
    PVIDEO_POINTER_CAPABILITIES capabilities = RequestPacket->OutputBuffer;

    if (RequestPacket->OutputBufferLength <
        (RequestPacket->StatusBlock->Information = sizeof(VIDEO_POINTER_CAPABILITIES))) {
        return ERROR_INSUFFICIENT_BUFFER;
    }
    VideoPortZeroMemory(capabilities, sizeof(VIDEO_POINTER_CAPABILITIES));
    capabilities->HWPtrBitmapStart = 0xFFFFFFFF;
    capabilities->HWPtrBitmapEnd = 0xFFFFFFFF;
    if (VgaInTextMode(HwDeviceExtension)) {
        capabilities->Flags = VIDEO_MODE_MONO_POINTER | VIDEO_MODE_ASYNC_POINTER;
        capabilities->MaxWidth = 8;
        capabilities->MaxHeight = VgaCellHeight(HwDeviceExtension);
    }
    return NO_ERROR;
}

VP_STATUS
VgaQueryPointerAttributes(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PVIDEO_REQUEST_PACKET RequestPacket
    )
{
    PVIDEO_POINTER_ATTRIBUTES pointerAttributes = RequestPacket->OutputBuffer;

    if (RequestPacket->OutputBufferLength <
        (RequestPacket->StatusBlock->Information = sizeof(VIDEO_POINTER_ATTRIBUTES))) {
        return ERROR_INSUFFICIENT_BUFFER;
    }
    VideoPortZeroMemory(pointerAttributes, sizeof(VIDEO_POINTER_ATTRIBUTES));
    pointerAttributes->Flags = HwDeviceExtension->PointerFlags;
    pointerAttributes->Width = HwDeviceExtension->PointerWidth;
    pointerAttributes->Height = HwDeviceExtension->PointerHeight;
    pointerAttributes->WidthInBytes = HwDeviceExtension->PointerWidthInBytes;
    pointerAttributes->Enable = HwDeviceExtension->PointerEnabled;
    pointerAttributes->Column = HwDeviceExtension->PointerColumn;
    pointerAttributes->Row = HwDeviceExtension->PointerRow;
    return NO_ERROR;
}

VP_STATUS
VgaSetPointerAttributes(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PVIDEO_REQUEST_PACKET RequestPacket
    )
{
    PVIDEO_POINTER_ATTRIBUTES pointerAttributes = RequestPacket->InputBuffer;
    ULONG shapeSize;

    if (RequestPacket->InputBufferLength <
        (ULONG)FIELD_OFFSET(VIDEO_POINTER_ATTRIBUTES, Pixels)) {
        return ERROR_INSUFFICIENT_BUFFER;
    }
    if (!VgaInTextMode(HwDeviceExtension)) {
        return ERROR_INVALID_FUNCTION;
    }
    if (!(pointerAttributes->Flags & VIDEO_MODE_MONO_POINTER) ||
        (pointerAttributes->Flags & VIDEO_MODE_COLOR_POINTER) ||
        pointerAttributes->Width == 0 || pointerAttributes->Width > 8 ||
        pointerAttributes->Height == 0 ||
        pointerAttributes->Height > VgaCellHeight(HwDeviceExtension) ||
        pointerAttributes->WidthInBytes < (pointerAttributes->Width + 7) / 8 ||
        pointerAttributes->WidthInBytes > 8) {
        return ERROR_INVALID_PARAMETER;
    }

    //
    // The AND mask, then the XOR mask.
    //

    shapeSize = pointerAttributes->WidthInBytes * pointerAttributes->Height * 2;
    if (RequestPacket->InputBufferLength <
        (ULONG)FIELD_OFFSET(VIDEO_POINTER_ATTRIBUTES, Pixels) + shapeSize) {
        return ERROR_INSUFFICIENT_BUFFER;
    }
    if (pointerAttributes->Enable &&
        !VgaPointerPositionValid(HwDeviceExtension, pointerAttributes->Column,
                                 pointerAttributes->Row)) {
        return ERROR_INVALID_PARAMETER;
    }

    VgaHidePointer(HwDeviceExtension);
    HwDeviceExtension->PointerAttributesSet = TRUE;
    HwDeviceExtension->PointerFlags = pointerAttributes->Flags;
    HwDeviceExtension->PointerWidth = pointerAttributes->Width;
    HwDeviceExtension->PointerHeight = pointerAttributes->Height;
    HwDeviceExtension->PointerWidthInBytes = pointerAttributes->WidthInBytes;
    HwDeviceExtension->PointerColumn = pointerAttributes->Column;
    HwDeviceExtension->PointerRow = pointerAttributes->Row;
    HwDeviceExtension->PointerEnabled = (BOOLEAN)(pointerAttributes->Enable != 0);
    VgaShowPointer(HwDeviceExtension);
    return NO_ERROR;
}

VP_STATUS
VgaQueryPointerPosition(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PVIDEO_REQUEST_PACKET RequestPacket
    )
{
    PVIDEO_POINTER_POSITION pointerPosition = RequestPacket->OutputBuffer;

    if (RequestPacket->OutputBufferLength <
        (RequestPacket->StatusBlock->Information = sizeof(VIDEO_POINTER_POSITION))) {
        return ERROR_INSUFFICIENT_BUFFER;
    }
    pointerPosition->Column = HwDeviceExtension->PointerColumn;
    pointerPosition->Row = HwDeviceExtension->PointerRow;
    return NO_ERROR;
}

VP_STATUS
VgaSetPointerPosition(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PVIDEO_REQUEST_PACKET RequestPacket
    )
{
    PVIDEO_POINTER_POSITION pointerPosition = RequestPacket->InputBuffer;

    if (RequestPacket->InputBufferLength < sizeof(VIDEO_POINTER_POSITION)) {
        return ERROR_INSUFFICIENT_BUFFER;
    }
    if (!VgaInTextMode(HwDeviceExtension)) {
        return ERROR_INVALID_FUNCTION;
    }
    if (!VgaPointerPositionValid(HwDeviceExtension, pointerPosition->Column,
                                 pointerPosition->Row)) {
        return ERROR_INVALID_PARAMETER;
    }
    VgaHidePointer(HwDeviceExtension);
    HwDeviceExtension->PointerColumn = pointerPosition->Column;
    HwDeviceExtension->PointerRow = pointerPosition->Row;
    VgaShowPointer(HwDeviceExtension);
    return NO_ERROR;
}

VP_STATUS
VgaEnablePointer(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    BOOLEAN Enable
    )
{
    if (!Enable) {
        VgaHidePointer(HwDeviceExtension);
        HwDeviceExtension->PointerEnabled = FALSE;
        return NO_ERROR;
    }

    //
    // The attributes must have been set first.
    //

    if (!VgaInTextMode(HwDeviceExtension) || !HwDeviceExtension->PointerAttributesSet) {
        return ERROR_INVALID_FUNCTION;
    }
    HwDeviceExtension->PointerEnabled = TRUE;
    VgaShowPointer(HwDeviceExtension);
    return NO_ERROR;
}

//
// ---- Hardware state ---------------------------------------------------------------
//
// The output is a VIDEO_HARDWARE_STATE and the state block right behind it
// in the same buffer. StateHeader is left as the caller set it: the
// requester's address of that block, which this driver never dereferences
// (a pointer in a buffered request is not an address the miniport may
// trust), and StateLength says how long the block is.
//

VP_STATUS
VgaSaveHardwareState(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PVIDEO_REQUEST_PACKET RequestPacket
    )
{
    PVIDEO_HARDWARE_STATE hardwareState = RequestPacket->OutputBuffer;

    if (RequestPacket->OutputBufferLength <
        (RequestPacket->StatusBlock->Information =
         sizeof(VIDEO_HARDWARE_STATE) + IOCTLS_STATE_SIZE)) {
        return ERROR_INSUFFICIENT_BUFFER;
    }
    hardwareState->StateLength = VgaSaveState(HwDeviceExtension,
                                              (PUCHAR)(hardwareState + 1),
                                              IOCTLS_STATE_SIZE);
    return NO_ERROR;
}

VP_STATUS
VgaRestoreHardwareState(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PVIDEO_REQUEST_PACKET RequestPacket
    )
{
    PVIDEO_HARDWARE_STATE hardwareState = RequestPacket->InputBuffer;
    PVIDEO_HARDWARE_STATE_HEADER header;
    PUSHORT dispi;
    VP_STATUS status;
    ULONG i;

    if (RequestPacket->InputBufferLength < sizeof(VIDEO_HARDWARE_STATE) ||
        hardwareState->StateLength < IOCTLS_STATE_SIZE ||
        RequestPacket->InputBufferLength - sizeof(VIDEO_HARDWARE_STATE) <
        hardwareState->StateLength) {
        return ERROR_INSUFFICIENT_BUFFER;
    }
    header = (PVIDEO_HARDWARE_STATE_HEADER)(hardwareState + 1);
    status = VgaRestoreState(HwDeviceExtension, (PUCHAR)header, hardwareState->StateLength);
    if (status != NO_ERROR) {
        return status;
    }

    //
    // The mode the restored registers describe (checked offsets).
    //

    HwDeviceExtension->CurrentMode = IOCTLS_MODE_TEXT;
    dispi = (PUSHORT)((PUCHAR)header + header->ExtendedMiscDataOffset);
    if (dispi[VBE_DISPI_INDEX_ENABLE] & VBE_DISPI_ENABLED) {
        for (i = 0; i < IOCTLS_MODES; i++) {
            if (ModesVGA[i].Graphics &&
                ModesVGA[i].Width == dispi[VBE_DISPI_INDEX_XRES] &&
                ModesVGA[i].Height == dispi[VBE_DISPI_INDEX_YRES] &&
                ModesVGA[i].BitsPerPixel == dispi[VBE_DISPI_INDEX_BPP]) {
                HwDeviceExtension->CurrentMode = i;
            }
        }
    }
    return NO_ERROR;
}

//
// ---- Fonts -------------------------------------------------------------------------
//

VP_STATUS
VgaLoadAndSetFont(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PVIDEO_REQUEST_PACKET RequestPacket
    )
{
    PVIDEO_LOAD_FONT_INFORMATION fontInformation = RequestPacket->InputBuffer;
    ULONG crtc = VgaCrtcAddressPort(HwDeviceExtension);
    UCHAR maxScan, cursorStart, cursorEnd;
    ULONG height;

    if (!VgaInTextMode(HwDeviceExtension)) {
        return ERROR_INVALID_PARAMETER;
    }
    if (RequestPacket->InputBufferLength <
        (ULONG)FIELD_OFFSET(VIDEO_LOAD_FONT_INFORMATION, Font) ||
        RequestPacket->InputBufferLength -
        (ULONG)FIELD_OFFSET(VIDEO_LOAD_FONT_INFORMATION, Font) < fontInformation->FontSize) {
        return ERROR_INSUFFICIENT_BUFFER;
    }

    //
    // Eight pixels wide, at most 32 lines (a plane-2 slot), 256 characters.
    //

    height = fontInformation->HeightInPixels;
    if (fontInformation->WidthInPixels != 8 || height == 0 || height > IOCTLS_FONT_SLOT ||
        fontInformation->FontSize < height * IOCTLS_FONT_CHARACTERS) {
        return ERROR_INVALID_PARAMETER;
    }

    VgaLoadFont(HwDeviceExtension, fontInformation->Font, height);

    //
    // The cell height follows the font; the cursor stays inside the cell.
    //

    maxScan = VgaReadIndexed(HwDeviceExtension, crtc, IND_CRTC_MAX_SCAN_LINE);
    VgaWriteIndexed(HwDeviceExtension, crtc, IND_CRTC_MAX_SCAN_LINE,
                    (UCHAR)((maxScan & 0xE0) | (height - 1)));
    cursorStart = VgaReadIndexed(HwDeviceExtension, crtc, IND_CURSOR_START);
    cursorEnd = VgaReadIndexed(HwDeviceExtension, crtc, IND_CURSOR_END);
    if ((ULONG)(cursorEnd & 0x1F) >= height) {
        VgaWriteIndexed(HwDeviceExtension, crtc, IND_CURSOR_END,
                        (UCHAR)((cursorEnd & 0xE0) | (height - 1)));
    }
    if ((ULONG)(cursorStart & 0x1F) >= height) {
        VgaWriteIndexed(HwDeviceExtension, crtc, IND_CURSOR_START,
                        (UCHAR)((cursorStart & 0xE0) | (height > 1 ? height - 2 : 0)));
    }
    return NO_ERROR;
}

//
// ---- Bank switching ---------------------------------------------------------------
//
// The VBE modes can be used through the 64 KB window at A0000h, one bank
// at a time, unless they were set with VIDEO_MODE_MAP_MEM_LINEAR. A
// caller that passes only a VIDEO_BANK_SELECT learns the size it needs
// from Size (ERROR_MORE_DATA), then asks again.
//

VP_STATUS
VgaGetBankSelectCode(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PVIDEO_REQUEST_PACKET RequestPacket
    )
{
    PVIDEO_BANK_SELECT bankSelect = RequestPacket->OutputBuffer;
    ULONG mode = HwDeviceExtension->CurrentMode;
    ULONG totalSize;

    if (RequestPacket->OutputBufferLength <
        (RequestPacket->StatusBlock->Information = sizeof(VIDEO_BANK_SELECT))) {
        return ERROR_INSUFFICIENT_BUFFER;
    }

    VideoPortZeroMemory(bankSelect, sizeof(VIDEO_BANK_SELECT));
    bankSelect->Length = sizeof(VIDEO_BANK_SELECT);
    bankSelect->BitmapWidthInBytes = VgaModeStride(mode);
    bankSelect->BitmapSize = VgaModeSize(mode);
    bankSelect->PlanarHCBankingType = VideoNotBanked;

    if (!ModesVGA[mode].Graphics || HwDeviceExtension->LinearMode) {
        bankSelect->Size = sizeof(VIDEO_BANK_SELECT);
        bankSelect->BankingType = VideoNotBanked;
        return NO_ERROR;
    }

    totalSize = sizeof(VIDEO_BANK_SELECT) + BankSwitchLength;
    bankSelect->Size = totalSize;
    bankSelect->BankingType = VideoBanked1RW;
    bankSelect->Granularity = 0x10000;
    if (RequestPacket->OutputBufferLength < totalSize) {
        return ERROR_MORE_DATA;
    }
    bankSelect->CodeOffset = sizeof(VIDEO_BANK_SELECT);
    VideoPortMoveMemory((PUCHAR)bankSelect + bankSelect->CodeOffset, BankSwitchStart,
                        BankSwitchLength);
    RequestPacket->StatusBlock->Information = totalSize;
    return NO_ERROR;
}

//
// ---- Colour ---------------------------------------------------------------------
//

VP_STATUS
VgaSetColorRegisters(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PVIDEO_REQUEST_PACKET RequestPacket
    )
{
    PVIDEO_CLUT clut = RequestPacket->InputBuffer;
    UCHAR rgb[3];
    ULONG i;

    if (RequestPacket->InputBufferLength < (ULONG)FIELD_OFFSET(VIDEO_CLUT, LookupTable) ||
        RequestPacket->InputBufferLength < (ULONG)FIELD_OFFSET(VIDEO_CLUT, LookupTable) +
        clut->NumEntries * sizeof(ULONG)) {
        return ERROR_INSUFFICIENT_BUFFER;
    }
    if ((ULONG)clut->FirstEntry + clut->NumEntries > VGA_NUM_DAC_ENTRIES) {
        return ERROR_INVALID_PARAMETER;
    }

    //
    // The DAC takes 6 bits per gun; VIDEO_CLUT carries 8.
    //

    for (i = 0; i < clut->NumEntries; i++) {
        rgb[0] = (UCHAR)(clut->LookupTable[i].RgbArray.Red >> 2);
        rgb[1] = (UCHAR)(clut->LookupTable[i].RgbArray.Green >> 2);
        rgb[2] = (UCHAR)(clut->LookupTable[i].RgbArray.Blue >> 2);
        VgaWriteDac(HwDeviceExtension, clut->FirstEntry + i, 1, rgb);
    }
    return NO_ERROR;
}

VP_STATUS
VgaSetPaletteRegisters(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PVIDEO_REQUEST_PACKET RequestPacket
    )
{
    PVIDEO_PALETTE_DATA paletteData = RequestPacket->InputBuffer;
    ULONG inputStatus;
    ULONG i;

    if (RequestPacket->InputBufferLength < (ULONG)FIELD_OFFSET(VIDEO_PALETTE_DATA, Colors) ||
        RequestPacket->InputBufferLength < (ULONG)FIELD_OFFSET(VIDEO_PALETTE_DATA, Colors) +
        paletteData->NumEntries * sizeof(USHORT)) {
        return ERROR_INSUFFICIENT_BUFFER;
    }
    if ((ULONG)paletteData->FirstEntry + paletteData->NumEntries > 16) {
        return ERROR_INVALID_PARAMETER;
    }
    inputStatus = HwDeviceExtension->IsColor ? INPUT_STATUS_1_COLOR : INPUT_STATUS_1_MONO;
    for (i = 0; i < paletteData->NumEntries; i++) {
        VideoPortReadPortUchar(HwDeviceExtension->IOAddress + inputStatus);
        VideoPortWritePortUchar(HwDeviceExtension->IOAddress + ATT_ADDRESS_PORT,
                                (UCHAR)(paletteData->FirstEntry + i));
        VideoPortWritePortUchar(HwDeviceExtension->IOAddress + ATT_DATA_WRITE_PORT,
                                (UCHAR)paletteData->Colors[i]);
    }
    VideoPortReadPortUchar(HwDeviceExtension->IOAddress + inputStatus);
    VideoPortWritePortUchar(HwDeviceExtension->IOAddress + ATT_ADDRESS_PORT, VIDEO_ENABLE);
    return NO_ERROR;
}

//
// A generic monitor's colour: sRGB primaries and white point in units of
// 1/10000, gamma 2.2.
//

VP_STATUS
VgaQueryColorCapabilities(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PVIDEO_REQUEST_PACKET RequestPacket
    )
{
    PVIDEO_COLOR_CAPABILITIES colorCapabilities = RequestPacket->OutputBuffer;

    if (RequestPacket->OutputBufferLength <
        (RequestPacket->StatusBlock->Information = sizeof(VIDEO_COLOR_CAPABILITIES))) {
        return ERROR_INSUFFICIENT_BUFFER;
    }
    colorCapabilities->Length = sizeof(VIDEO_COLOR_CAPABILITIES);
    colorCapabilities->AttributeFlags = VIDEO_DEVICE_COLOR;
    colorCapabilities->RedPhosphoreDecay = 0;
    colorCapabilities->GreenPhosphoreDecay = 0;
    colorCapabilities->BluePhosphoreDecay = 0;
    colorCapabilities->WhiteChromaticity_x = 3127;
    colorCapabilities->WhiteChromaticity_y = 3290;
    colorCapabilities->WhiteChromaticity_Y = 10000;
    colorCapabilities->RedChromaticity_x = 6400;
    colorCapabilities->RedChromaticity_y = 3300;
    colorCapabilities->GreenChromaticity_x = 3000;
    colorCapabilities->GreenChromaticity_y = 6000;
    colorCapabilities->BlueChromaticity_x = 1500;
    colorCapabilities->BlueChromaticity_y = 600;
    colorCapabilities->WhiteGamma = 22000;
    colorCapabilities->RedGamma = 22000;
    colorCapabilities->GreenGamma = 22000;
    colorCapabilities->BlueGamma = 22000;
    return NO_ERROR;
}

//
// ---- Power (the NT 4.0 requests; HwSetPowerState does the same) --------------------
//

VP_STATUS
VgaGetPowerManagement(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PVIDEO_REQUEST_PACKET RequestPacket
    )
{
    PVIDEO_POWER_MANAGEMENT powerManagement = RequestPacket->OutputBuffer;

    if (RequestPacket->OutputBufferLength <
        (RequestPacket->StatusBlock->Information = sizeof(VIDEO_POWER_MANAGEMENT))) {
        return ERROR_INSUFFICIENT_BUFFER;
    }
    powerManagement->Length = sizeof(VIDEO_POWER_MANAGEMENT);
    powerManagement->DPMSVersion = 0;
    powerManagement->PowerState = HwDeviceExtension->PowerState;
    return NO_ERROR;
}

VP_STATUS
VgaSetPowerManagement(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PVIDEO_REQUEST_PACKET RequestPacket
    )
{
    PVIDEO_POWER_MANAGEMENT powerManagement = RequestPacket->InputBuffer;

    if (RequestPacket->InputBufferLength < sizeof(VIDEO_POWER_MANAGEMENT)) {
        return ERROR_INSUFFICIENT_BUFFER;
    }
    switch (powerManagement->PowerState) {
    case VideoPowerOn:
        VgaSetScreen(HwDeviceExtension, TRUE);
        break;
    case VideoPowerStandBy:
    case VideoPowerSuspend:
    case VideoPowerOff:
        VgaSetScreen(HwDeviceExtension, FALSE);
        break;
    default:
        return ERROR_INVALID_PARAMETER;
    }
    HwDeviceExtension->PowerState = powerManagement->PowerState;
    return NO_ERROR;
}

//
// ---- Child devices -------------------------------------------------------------------
//

VP_STATUS
VgaGetChildState(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PVIDEO_REQUEST_PACKET RequestPacket
    )
{
    ULONG childId;

    if (RequestPacket->InputBufferLength < sizeof(ULONG) ||
        RequestPacket->OutputBufferLength <
        (RequestPacket->StatusBlock->Information = sizeof(ULONG))) {
        return ERROR_INSUFFICIENT_BUFFER;
    }
    childId = *(PULONG)RequestPacket->InputBuffer;
    if (childId != IOCTLS_MONITOR_UID) {
        RequestPacket->StatusBlock->Information = 0;
        return ERROR_INVALID_PARAMETER;
    }
    *(PULONG)RequestPacket->OutputBuffer = HwDeviceExtension->MonitorState;
    return NO_ERROR;
}

static VP_STATUS
VgaCheckChildStateConfiguration(
    PVIDEO_REQUEST_PACKET RequestPacket
    )
{
    PVIDEO_CHILD_STATE_CONFIGURATION configuration = RequestPacket->InputBuffer;

    if (RequestPacket->InputBufferLength <
        (ULONG)FIELD_OFFSET(VIDEO_CHILD_STATE_CONFIGURATION, ChildStateArray) ||
        configuration->Count > 16 ||
        RequestPacket->InputBufferLength <
        (ULONG)FIELD_OFFSET(VIDEO_CHILD_STATE_CONFIGURATION, ChildStateArray) +
        configuration->Count * sizeof(VIDEO_CHILD_STATE)) {
        return ERROR_INSUFFICIENT_BUFFER;
    }
    return NO_ERROR;
}

VP_STATUS
VgaValidateChildStateConfiguration(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PVIDEO_REQUEST_PACKET RequestPacket
    )
{
    PVIDEO_CHILD_STATE_CONFIGURATION configuration = RequestPacket->InputBuffer;
    ULONG proceed = 1;
    VP_STATUS status;
    ULONG i;

    status = VgaCheckChildStateConfiguration(RequestPacket);
    if (status != NO_ERROR) {
        return status;
    }
    if (RequestPacket->OutputBufferLength <
        (RequestPacket->StatusBlock->Information = sizeof(ULONG))) {
        return ERROR_INSUFFICIENT_BUFFER;
    }

    //
    // Only the monitor can be switched, and it cannot be the only display
    // and go inactive at once: there is nothing else to show the desktop.
    //

    for (i = 0; i < configuration->Count; i++) {
        if (configuration->ChildStateArray[i].Id != IOCTLS_MONITOR_UID) {
            proceed = 0;
        }
    }
    *(PULONG)RequestPacket->OutputBuffer = proceed;
    return NO_ERROR;
}

VP_STATUS
VgaSetChildStateConfiguration(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PVIDEO_REQUEST_PACKET RequestPacket
    )
{
    PVIDEO_CHILD_STATE_CONFIGURATION configuration = RequestPacket->InputBuffer;
    VP_STATUS status;
    ULONG i;

    status = VgaCheckChildStateConfiguration(RequestPacket);
    if (status != NO_ERROR) {
        return status;
    }
    for (i = 0; i < configuration->Count; i++) {
        if (configuration->ChildStateArray[i].Id != IOCTLS_MONITOR_UID) {
            return ERROR_INVALID_PARAMETER;
        }
    }
    for (i = 0; i < configuration->Count; i++) {
        HwDeviceExtension->MonitorState = configuration->ChildStateArray[i].State &
                                          (VIDEO_CHILD_ACTIVE | VIDEO_CHILD_DETACHED);
    }
    return NO_ERROR;
}

//
// ---- Brightness (of a panel this adapter does not have: kept, not applied) -----------
//

VP_STATUS
VgaQuerySupportedBrightness(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PVIDEO_REQUEST_PACKET RequestPacket
    )
{
    if (RequestPacket->OutputBufferLength <
        (RequestPacket->StatusBlock->Information = NumSupportedBrightness)) {
        return ERROR_INSUFFICIENT_BUFFER;
    }
    VideoPortMoveMemory(RequestPacket->OutputBuffer, SupportedBrightness,
                        NumSupportedBrightness);
    return NO_ERROR;
}

VP_STATUS
VgaQueryDisplayBrightness(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PVIDEO_REQUEST_PACKET RequestPacket
    )
{
    if (RequestPacket->OutputBufferLength <
        (RequestPacket->StatusBlock->Information = sizeof(DISPLAY_BRIGHTNESS))) {
        return ERROR_INSUFFICIENT_BUFFER;
    }
    *(PDISPLAY_BRIGHTNESS)RequestPacket->OutputBuffer = HwDeviceExtension->Brightness;
    return NO_ERROR;
}

static BOOLEAN
VgaBrightnessSupported(
    UCHAR Level
    )
{
    ULONG i;

    for (i = 0; i < NumSupportedBrightness; i++) {
        if (SupportedBrightness[i] == Level) {
            return TRUE;
        }
    }
    return FALSE;
}

VP_STATUS
VgaSetDisplayBrightness(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PVIDEO_REQUEST_PACKET RequestPacket
    )
{
    PDISPLAY_BRIGHTNESS brightness = RequestPacket->InputBuffer;

    if (RequestPacket->InputBufferLength < sizeof(DISPLAY_BRIGHTNESS)) {
        return ERROR_INSUFFICIENT_BUFFER;
    }
    if (brightness->ucDisplayPolicy == 0 || brightness->ucDisplayPolicy > DISPLAYPOLICY_BOTH) {
        return ERROR_INVALID_PARAMETER;
    }
    if (((brightness->ucDisplayPolicy & DISPLAYPOLICY_AC) &&
         !VgaBrightnessSupported(brightness->ucACBrightness)) ||
        ((brightness->ucDisplayPolicy & DISPLAYPOLICY_DC) &&
         !VgaBrightnessSupported(brightness->ucDCBrightness))) {
        return ERROR_INVALID_PARAMETER;
    }
    HwDeviceExtension->Brightness.ucDisplayPolicy = brightness->ucDisplayPolicy;
    if (brightness->ucDisplayPolicy & DISPLAYPOLICY_AC) {
        HwDeviceExtension->Brightness.ucACBrightness = brightness->ucACBrightness;
    }
    if (brightness->ucDisplayPolicy & DISPLAYPOLICY_DC) {
        HwDeviceExtension->Brightness.ucDCBrightness = brightness->ucDCBrightness;
    }
    return NO_ERROR;
}

//
// ---- The private requests: what the hardware holds, read back -------------------------
//

VP_STATUS
VgaPrivateRequest(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PVIDEO_REQUEST_PACKET RequestPacket
    )
{
    PIOCTLS_RANGE range = RequestPacket->InputBuffer;
    ULONG unit, limit, first, count;
    ULONG i;

    if (RequestPacket->IoControlCode == IOCTL_IOCTLS_READ_REGISTERS) {
        if (RequestPacket->OutputBufferLength <
            (RequestPacket->StatusBlock->Information = sizeof(IOCTLS_REGISTERS))) {
            return ERROR_INSUFFICIENT_BUFFER;
        }
        VgaReadRegisters(HwDeviceExtension, RequestPacket->OutputBuffer);
        return NO_ERROR;
    }

    switch (RequestPacket->IoControlCode) {
    case IOCTL_IOCTLS_READ_DAC:
        unit = 3;
        limit = VGA_NUM_DAC_ENTRIES;
        break;
    case IOCTL_IOCTLS_READ_FONT:
        unit = IOCTLS_FONT_SLOT;
        limit = IOCTLS_FONT_CHARACTERS;
        break;
    default:
        unit = 2;
        limit = VGA_TEXT_LENGTH / 2;
        break;
    }

    if (RequestPacket->InputBufferLength < sizeof(IOCTLS_RANGE)) {
        return ERROR_INSUFFICIENT_BUFFER;
    }
    first = range->First;
    count = range->Count;
    if (first >= limit || count > limit - first) {
        return ERROR_INVALID_PARAMETER;
    }
    if (RequestPacket->OutputBufferLength <
        (RequestPacket->StatusBlock->Information = count * unit)) {
        return ERROR_INSUFFICIENT_BUFFER;
    }

    switch (RequestPacket->IoControlCode) {
    case IOCTL_IOCTLS_READ_DAC:
        VgaReadDac(HwDeviceExtension, first, count, RequestPacket->OutputBuffer);
        break;
    case IOCTL_IOCTLS_READ_FONT:
        if (!VgaInTextMode(HwDeviceExtension)) {
            RequestPacket->StatusBlock->Information = 0;
            return ERROR_INVALID_PARAMETER;
        }
        VgaReadFont(HwDeviceExtension, first, count, RequestPacket->OutputBuffer);
        break;
    default:
        if (!VgaInTextMode(HwDeviceExtension)) {
            RequestPacket->StatusBlock->Information = 0;
            return ERROR_INVALID_PARAMETER;
        }
        for (i = 0; i < count * 2; i++) {
            ((PUCHAR)RequestPacket->OutputBuffer)[i] =
                VideoPortReadRegisterUchar(HwDeviceExtension->VideoMemoryAddress +
                                           VGA_TEXT_OFFSET +
                                           ((first * 2 + i) & (VGA_TEXT_LENGTH - 1)));
        }
        break;
    }
    return NO_ERROR;
}
