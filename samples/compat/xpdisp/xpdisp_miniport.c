// SPDX-License-Identifier: GPL-2.0
/*++

Module Name:

    xpdisp_miniport.c

Abstract:

    An XP display miniport for QEMU's standard VGA (PCI 1234:1111). It gets
    the adapter's BARs from the PCI configuration, sets modes through the
    Bochs DISPI registers in the register BAR, maps and shares the frame
    buffer with the display driver and DirectDraw, reports the monitor and
    its EDID (read over the DDC lines, xpdisp_ddc.c) as its child, and takes
    the adapter and the monitor through the power states.

    The corpus checks are "vpc_xpdisp: check NAME: ok|FAIL ..." lines. This
    is a free build: VideoDebugPrint and ASSERT compile to nothing.

Environment:

    Kernel mode only

--*/

#include "dderror.h"
#include "devioctl.h"
#include "miniport.h"
#include "ntddvdeo.h"
#include "video.h"

#include "xpdisp.h"

//
// Every mode the miniport knows; those that fit in VRAM are offered.
//

static const XPDISP_MODE XpdispModeTable[] = {
    {  640,  480, 32 },
    {  800,  600, 32 },
    { 1024,  768, 32 },
    { 1280, 1024, 32 },
    {  640,  480, 16 },
    {  800,  600, 16 },
    { 1024,  768, 16 },
};

C_ASSERT(ARRAYSIZE(XpdispModeTable) <= XPDISP_MAX_MODES);

static VP_STATUS
XpdispQueryAvailModes(
    __in PHW_DEVICE_EXTENSION HwDeviceExtension,
    __out_bcount(OutputLength) PVIDEO_MODE_INFORMATION ModeInformation,
    __in ULONG OutputLength,
    __out PULONG_PTR Information
    );

static VP_STATUS
XpdispMapVideoMemory(
    _In_ PHW_DEVICE_EXTENSION HwDeviceExtension,
    _In_ PVIDEO_REQUEST_PACKET RequestPacket
    );

static VP_STATUS
XpdispShareVideoMemory(
    _In_ PHW_DEVICE_EXTENSION HwDeviceExtension,
    _In_ PVIDEO_REQUEST_PACKET RequestPacket
    );

#if defined(ALLOC_PRAGMA)
#pragma alloc_text(PAGE, DriverEntry)
#pragma alloc_text(PAGE, XpdispFindAdapter)
#pragma alloc_text(PAGE, XpdispInitialize)
#pragma alloc_text(PAGE, XpdispStartIO)
#pragma alloc_text(PAGE, XpdispQueryAvailModes)
#pragma alloc_text(PAGE, XpdispMapVideoMemory)
#pragma alloc_text(PAGE, XpdispShareVideoMemory)
#pragma alloc_text(PAGE, XpdispGetVideoChildDescriptor)
#pragma alloc_text(PAGE, XpdispGetPowerState)
#pragma alloc_text(PAGE, XpdispSetPowerState)
#endif

static WCHAR XpdispChipType[] = L"Bochs VBE (DISPI)";
static WCHAR XpdispAdapterString[] = L"QEMU Standard VGA (XP)";


//
// Register access
//

static USHORT
XpdispReadDispi(
    __in PHW_DEVICE_EXTENSION HwDeviceExtension,
    __in PUSHORT Register
    )
{
    UNREFERENCED_PARAMETER(HwDeviceExtension);

    return VideoPortReadRegisterUshort(Register);
}


static VOID
XpdispWriteDispi(
    __in PHW_DEVICE_EXTENSION HwDeviceExtension,
    __in PUSHORT Register,
    __in USHORT Value
    )
{
    UNREFERENCED_PARAMETER(HwDeviceExtension);

    VideoPortWriteRegisterUshort(Register, Value);
}


static VOID
XpdispUnblank(
    _In_ PHW_DEVICE_EXTENSION HwDeviceExtension
    )

/*++

Routine Description:

    The attribute controller keeps the screen blank until its video enable
    bit is written (after input status 1 resets its flip-flop).

--*/

{
    PXPDISP_REGISTERS regs = HwDeviceExtension->Registers;

    VideoPortReadRegisterUchar(&regs->VgaPorts[VGA_PORT(VGA_INPUT_STATUS_1)]);
    VideoPortWriteRegisterUchar(&regs->VgaPorts[VGA_PORT(VGA_ATT_ADDRESS)],
                                VGA_ATT_VIDEO_ENABLE);
}


static VOID
XpdispProgramMode(
    _In_ PHW_DEVICE_EXTENSION HwDeviceExtension,
    _In_ ULONG ModeIndex,
    _In_ BOOLEAN KeepMemory
    )
{
    PXPDISP_DISPI_REGISTERS dispi = &HwDeviceExtension->Registers->Dispi;
    PXPDISP_MODE mode;

    ASSERT(ModeIndex < HwDeviceExtension->NumModes);

    mode = &HwDeviceExtension->Modes[ModeIndex];

    XpdispWriteDispi(HwDeviceExtension, &dispi->Enable, DISPI_DISABLED);
    XpdispWriteDispi(HwDeviceExtension, &dispi->XRes, mode->Width);
    XpdispWriteDispi(HwDeviceExtension, &dispi->YRes, mode->Height);
    XpdispWriteDispi(HwDeviceExtension, &dispi->Bpp, mode->Bpp);
    XpdispWriteDispi(HwDeviceExtension, &dispi->Bank, 0);
    XpdispWriteDispi(HwDeviceExtension, &dispi->VirtWidth, mode->Width);
    XpdispWriteDispi(HwDeviceExtension, &dispi->XOffset, 0);
    XpdispWriteDispi(HwDeviceExtension, &dispi->YOffset, 0);
    XpdispWriteDispi(HwDeviceExtension, &dispi->Enable,
                     (USHORT) (DISPI_ENABLED | DISPI_LFB_ENABLED |
                               (KeepMemory ? DISPI_NOCLEARMEM : 0)));
    XpdispUnblank(HwDeviceExtension);
}


static BOOLEAN
XpdispModeReadsBack(
    _In_ PHW_DEVICE_EXTENSION HwDeviceExtension,
    _In_ ULONG ModeIndex
    )
{
    PXPDISP_DISPI_REGISTERS dispi = &HwDeviceExtension->Registers->Dispi;
    PXPDISP_MODE mode = &HwDeviceExtension->Modes[ModeIndex];

    return (BOOLEAN) (XpdispReadDispi(HwDeviceExtension, &dispi->XRes) == mode->Width &&
                      XpdispReadDispi(HwDeviceExtension, &dispi->YRes) == mode->Height &&
                      XpdispReadDispi(HwDeviceExtension, &dispi->Bpp) == mode->Bpp &&
                      (XpdispReadDispi(HwDeviceExtension, &dispi->Enable) & DISPI_ENABLED));
}


static ULONG
XpdispStride(
    __in PXPDISP_MODE Mode
    )
{
    return (ULONG) Mode->Width * (Mode->Bpp / 8);
}


ULONG
DriverEntry(
    _In_ PVOID Context1,
    _In_ PVOID Context2
    )

/*++

Routine Description:

    Installable driver initialization entry point.

--*/

{
    VIDEO_HW_INITIALIZATION_DATA hwInitData;

    PAGED_CODE();

    VideoPortZeroMemory(&hwInitData, sizeof(VIDEO_HW_INITIALIZATION_DATA));

    hwInitData.HwInitDataSize = sizeof(VIDEO_HW_INITIALIZATION_DATA);
    hwInitData.HwFindAdapter = XpdispFindAdapter;
    hwInitData.HwInitialize = XpdispInitialize;
    hwInitData.HwStartIO = XpdispStartIO;
    hwInitData.HwResetHw = XpdispResetHw;
    hwInitData.HwGetPowerState = XpdispGetPowerState;
    hwInitData.HwSetPowerState = XpdispSetPowerState;
    hwInitData.HwGetVideoChildDescriptor = XpdispGetVideoChildDescriptor;
    hwInitData.HwDeviceExtensionSize = sizeof(HW_DEVICE_EXTENSION);

    //
    // Plug and play: the interface type stays zero.
    //

    return VideoPortInitialize(Context1, Context2, &hwInitData, NULL);
}


_Use_decl_annotations_
VP_STATUS
XpdispFindAdapter(
    PVOID HwDeviceExtension,
    PVOID HwContext,
    PWSTR ArgumentString,
    PVIDEO_PORT_CONFIG_INFO ConfigInfo,
    PUCHAR Again
    )

/*++

Routine Description:

    Finds the frame buffer and register BARs among the adapter's PCI
    ranges, claims and maps the registers and checks the DISPI interface.

--*/

{
    PHW_DEVICE_EXTENSION hwDeviceExtension = HwDeviceExtension;
    VIDEO_ACCESS_RANGE accessRanges[PCI_TYPE0_ADDRESSES];
    VIDEO_ACCESS_RANGE claimed[2];
    VPOSVERSIONINFO versionInfo;
    USHORT vendorId = XPDISP_VENDOR_ID;
    USHORT deviceId = XPDISP_DEVICE_ID;
    ULONG slot = 0;
    ULONG frameBuffer = ARRAYSIZE(accessRanges);
    ULONG registers = ARRAYSIZE(accessRanges);
    VP_STATUS status;
    ULONG i;

    PAGED_CODE();
    UNREFERENCED_PARAMETER(HwContext);
    UNREFERENCED_PARAMETER(ArgumentString);

    *Again = FALSE;

    if (ConfigInfo->Length < sizeof(VIDEO_PORT_CONFIG_INFO)) {
        return ERROR_INVALID_PARAMETER;
    }

    //
    // XP features: the port driver says which Windows it is.
    //

    VideoPortZeroMemory(&versionInfo, sizeof(versionInfo));
    versionInfo.Size = sizeof(VPOSVERSIONINFO);
    status = VideoPortGetVersion(hwDeviceExtension, &versionInfo);
    VideoPortDebugPrint(status == NO_ERROR && versionInfo.MajorVersion >= 5 ? Info : Error,
                        "vpc_xpdisp: check get-version: %s status %d, %d.%d build %d SP %d\n",
                        status == NO_ERROR && versionInfo.MajorVersion >= 5 ? "ok" : "FAIL",
                        status, versionInfo.MajorVersion, versionInfo.MinorVersion,
                        versionInfo.BuildNumber, versionInfo.ServicePackMajor);

    VideoPortZeroMemory(accessRanges, sizeof(accessRanges));
    status = VideoPortGetAccessRanges(hwDeviceExtension,
                                      0,
                                      NULL,
                                      ARRAYSIZE(accessRanges),
                                      accessRanges,
                                      &vendorId,
                                      &deviceId,
                                      &slot);
    if (status != NO_ERROR) {
        VideoPortDebugPrint(Error, "vpc_xpdisp: check pci-access-ranges: FAIL status %d\n",
                            status);
        return status;
    }

    //
    // The frame buffer is the biggest memory range; the registers the
    // smallest one that holds the DISPI block.
    //

    for (i = 0; i < ARRAYSIZE(accessRanges); i++) {
        if (accessRanges[i].RangeLength == 0 || accessRanges[i].RangeInIoSpace) {
            continue;
        }
        if (frameBuffer == ARRAYSIZE(accessRanges) ||
            accessRanges[i].RangeLength > accessRanges[frameBuffer].RangeLength) {
            frameBuffer = i;
        }
    }
    for (i = 0; i < ARRAYSIZE(accessRanges); i++) {
        if (i == frameBuffer || accessRanges[i].RangeLength < sizeof(XPDISP_REGISTERS) ||
            accessRanges[i].RangeInIoSpace) {
            continue;
        }
        if (registers == ARRAYSIZE(accessRanges) ||
            accessRanges[i].RangeLength < accessRanges[registers].RangeLength) {
            registers = i;
        }
    }

    if (frameBuffer == ARRAYSIZE(accessRanges) || registers == ARRAYSIZE(accessRanges)) {
        VideoPortDebugPrint(Error, "vpc_xpdisp: check pci-access-ranges: FAIL no frame buffer and register BARs\n");
        return ERROR_DEV_NOT_EXIST;
    }

    VideoPortDebugPrint(Info,
                        "vpc_xpdisp: check pci-access-ranges: ok frame buffer 0x%I64x+0x%x (range %d), registers 0x%I64x+0x%x (range %d), slot 0x%x\n",
                        accessRanges[frameBuffer].RangeStart.QuadPart,
                        accessRanges[frameBuffer].RangeLength, frameBuffer,
                        accessRanges[registers].RangeStart.QuadPart,
                        accessRanges[registers].RangeLength, registers, slot);

    claimed[0] = accessRanges[frameBuffer];
    claimed[1] = accessRanges[registers];
    status = VideoPortVerifyAccessRanges(hwDeviceExtension, ARRAYSIZE(claimed), claimed);
    if (status != NO_ERROR) {
        return status;
    }

    hwDeviceExtension->FrameBufferPhysical = accessRanges[frameBuffer].RangeStart;
    hwDeviceExtension->FrameBufferLength = accessRanges[frameBuffer].RangeLength;
    hwDeviceExtension->Registers = VideoPortGetDeviceBase(hwDeviceExtension,
                                                          accessRanges[registers].RangeStart,
                                                          sizeof(XPDISP_REGISTERS),
                                                          VIDEO_MEMORY_SPACE_MEMORY);
    if (hwDeviceExtension->Registers == NULL) {
        return ERROR_INVALID_PARAMETER;
    }

    hwDeviceExtension->DispiId = XpdispReadDispi(hwDeviceExtension,
                                                 &hwDeviceExtension->Registers->Dispi.Id);
    if (hwDeviceExtension->DispiId < DISPI_ID_MIN || hwDeviceExtension->DispiId > DISPI_ID_MAX) {
        VideoPortDebugPrint(Error, "vpc_xpdisp: check dispi-id: FAIL 0x%04x\n",
                            hwDeviceExtension->DispiId);
        VideoPortFreeDeviceBase(hwDeviceExtension, hwDeviceExtension->Registers);
        return ERROR_DEV_NOT_EXIST;
    }

    hwDeviceExtension->VideoMemorySize =
        XpdispReadDispi(hwDeviceExtension,
                        &hwDeviceExtension->Registers->Dispi.VideoMemory64K) * 0x10000;
    if (hwDeviceExtension->VideoMemorySize == 0 ||
        hwDeviceExtension->VideoMemorySize > hwDeviceExtension->FrameBufferLength) {
        hwDeviceExtension->VideoMemorySize = hwDeviceExtension->FrameBufferLength;
    }

    VideoPortDebugPrint(Info, "vpc_xpdisp: check dispi-id: ok 0x%04x, %d KB of video memory\n",
                        hwDeviceExtension->DispiId, hwDeviceExtension->VideoMemorySize / 1024);

    hwDeviceExtension->NumModes = 0;
    for (i = 0; i < ARRAYSIZE(XpdispModeTable); i++) {
        if (XpdispStride((PXPDISP_MODE) &XpdispModeTable[i]) * XpdispModeTable[i].Height <=
            hwDeviceExtension->VideoMemorySize) {
            hwDeviceExtension->Modes[hwDeviceExtension->NumModes++] = XpdispModeTable[i];
        }
    }

    hwDeviceExtension->CurrentMode = XPDISP_NO_MODE;
    hwDeviceExtension->AdapterPowerState = VideoPowerOn;
    hwDeviceExtension->MonitorPowerState = VideoPowerOn;

    //
    // The monitor's EEPROM holds what the adapter says the EDID is.
    //

    XpdispDdcAttach(&hwDeviceExtension->Ddc, hwDeviceExtension->Registers->Edid,
                    DDC_EEPROM_SIZE);

    VideoPortSetRegistryParameters(hwDeviceExtension, L"HardwareInformation.ChipType",
                                   XpdispChipType, sizeof(XpdispChipType));
    VideoPortSetRegistryParameters(hwDeviceExtension, L"HardwareInformation.AdapterString",
                                   XpdispAdapterString, sizeof(XpdispAdapterString));
    VideoPortSetRegistryParameters(hwDeviceExtension, L"HardwareInformation.MemorySize",
                                   &hwDeviceExtension->VideoMemorySize, sizeof(ULONG));

    ConfigInfo->BusInterruptLevel = 0;
    ConfigInfo->BusInterruptVector = 0;

    return NO_ERROR;
}


_Use_decl_annotations_
BOOLEAN
XpdispInitialize(
    PVOID HwDeviceExtension
    )
{
    PAGED_CODE();
    UNREFERENCED_PARAMETER(HwDeviceExtension);

    return TRUE;
}


static VOID
XpdispFillModeInformation(
    __in PHW_DEVICE_EXTENSION HwDeviceExtension,
    __in ULONG ModeIndex,
    __out PVIDEO_MODE_INFORMATION ModeInformation
    )
{
    PXPDISP_MODE mode = &HwDeviceExtension->Modes[ModeIndex];

    VideoPortZeroMemory(ModeInformation, sizeof(VIDEO_MODE_INFORMATION));
    ModeInformation->Length = sizeof(VIDEO_MODE_INFORMATION);
    ModeInformation->ModeIndex = ModeIndex;
    ModeInformation->VisScreenWidth = mode->Width;
    ModeInformation->VisScreenHeight = mode->Height;
    ModeInformation->ScreenStride = XpdispStride(mode);
    ModeInformation->NumberOfPlanes = 1;
    ModeInformation->BitsPerPlane = mode->Bpp;
    ModeInformation->Frequency = 60;
    ModeInformation->XMillimeter = 320;
    ModeInformation->YMillimeter = 240;
    if (mode->Bpp == 16) {
        ModeInformation->NumberRedBits = 5;
        ModeInformation->NumberGreenBits = 6;
        ModeInformation->NumberBlueBits = 5;
        ModeInformation->RedMask = 0xF800;
        ModeInformation->GreenMask = 0x07E0;
        ModeInformation->BlueMask = 0x001F;
    } else {
        ModeInformation->NumberRedBits = 8;
        ModeInformation->NumberGreenBits = 8;
        ModeInformation->NumberBlueBits = 8;
        ModeInformation->RedMask = 0x00FF0000;
        ModeInformation->GreenMask = 0x0000FF00;
        ModeInformation->BlueMask = 0x000000FF;
    }
    ModeInformation->AttributeFlags = VIDEO_MODE_COLOR | VIDEO_MODE_GRAPHICS;
    ModeInformation->VideoMemoryBitmapWidth = mode->Width;
    ModeInformation->VideoMemoryBitmapHeight =
        HwDeviceExtension->VideoMemorySize / ModeInformation->ScreenStride;
}


static VP_STATUS
XpdispQueryAvailModes(
    __in PHW_DEVICE_EXTENSION HwDeviceExtension,
    __out_bcount(OutputLength) PVIDEO_MODE_INFORMATION ModeInformation,
    __in ULONG OutputLength,
    __out PULONG_PTR Information
    )
{
    ULONG i;

    PAGED_CODE();

    if (OutputLength < HwDeviceExtension->NumModes * sizeof(VIDEO_MODE_INFORMATION)) {
        return ERROR_INSUFFICIENT_BUFFER;
    }

    for (i = 0; i < HwDeviceExtension->NumModes; i++) {
        XpdispFillModeInformation(HwDeviceExtension, i, &ModeInformation[i]);
    }

    *Information = HwDeviceExtension->NumModes * sizeof(VIDEO_MODE_INFORMATION);
    return NO_ERROR;
}


static VP_STATUS
XpdispMapVideoMemory(
    _In_ PHW_DEVICE_EXTENSION HwDeviceExtension,
    _In_ PVIDEO_REQUEST_PACKET RequestPacket
    )

/*++

Routine Description:

    Maps all of video memory, write-combined, into the requesting
    process; the requested address comes in as the process handle.

--*/

{
    PVIDEO_MEMORY_INFORMATION memoryInformation = RequestPacket->OutputBuffer;
    PVOID virtualAddress;
    ULONG length;
    ULONG inIoSpace;
    VP_STATUS status;

    PAGED_CODE();

    if (RequestPacket->InputBufferLength < sizeof(VIDEO_MEMORY) ||
        RequestPacket->OutputBufferLength < sizeof(VIDEO_MEMORY_INFORMATION)) {
        return ERROR_INSUFFICIENT_BUFFER;
    }

    //
    // The input and output buffers are the same: read it all first.
    //

    virtualAddress = ((PVIDEO_MEMORY) RequestPacket->InputBuffer)->RequestedVirtualAddress;
    length = HwDeviceExtension->VideoMemorySize;
    inIoSpace = VIDEO_MEMORY_SPACE_MEMORY | VIDEO_MEMORY_SPACE_P6CACHE;

    status = VideoPortMapMemory(HwDeviceExtension,
                                HwDeviceExtension->FrameBufferPhysical,
                                &length,
                                &inIoSpace,
                                &virtualAddress);
    if (status != NO_ERROR) {
        return status;
    }

    memoryInformation->VideoRamBase = virtualAddress;
    memoryInformation->VideoRamLength = length;
    memoryInformation->FrameBufferBase = virtualAddress;
    if (HwDeviceExtension->CurrentMode != XPDISP_NO_MODE) {
        PXPDISP_MODE mode = &HwDeviceExtension->Modes[HwDeviceExtension->CurrentMode];

        memoryInformation->FrameBufferLength = XpdispStride(mode) * mode->Height;
    } else {
        memoryInformation->FrameBufferLength = length;
    }

    RequestPacket->StatusBlock->Information = sizeof(VIDEO_MEMORY_INFORMATION);
    return NO_ERROR;
}


static VP_STATUS
XpdispShareVideoMemory(
    _In_ PHW_DEVICE_EXTENSION HwDeviceExtension,
    _In_ PVIDEO_REQUEST_PACKET RequestPacket
    )

/*++

Routine Description:

    Maps a view of the frame buffer into a DirectDraw process.

--*/

{
    PVIDEO_SHARE_MEMORY shareMemory;
    PVIDEO_SHARE_MEMORY_INFORMATION shareInformation;
    PHYSICAL_ADDRESS shareAddress;
    PVOID virtualAddress;
    ULONG viewOffset;
    ULONG viewSize;
    ULONG inIoSpace;
    VP_STATUS status;

    PAGED_CODE();

    if (RequestPacket->InputBufferLength < sizeof(VIDEO_SHARE_MEMORY) ||
        RequestPacket->OutputBufferLength < sizeof(VIDEO_SHARE_MEMORY_INFORMATION)) {
        return ERROR_INSUFFICIENT_BUFFER;
    }

    shareMemory = RequestPacket->InputBuffer;
    viewOffset = shareMemory->ViewOffset;
    viewSize = shareMemory->ViewSize;
    virtualAddress = shareMemory->ProcessHandle;

    if (viewSize == 0 || viewOffset > HwDeviceExtension->VideoMemorySize ||
        viewSize > HwDeviceExtension->VideoMemorySize - viewOffset) {
        return ERROR_INVALID_PARAMETER;
    }

    shareAddress = HwDeviceExtension->FrameBufferPhysical;
    shareAddress.QuadPart += viewOffset;
    inIoSpace = VIDEO_MEMORY_SPACE_USER_MODE | VIDEO_MEMORY_SPACE_P6CACHE;

    status = VideoPortMapMemory(HwDeviceExtension,
                                shareAddress,
                                &viewSize,
                                &inIoSpace,
                                &virtualAddress);
    if (status != NO_ERROR) {
        return status;
    }

    shareInformation = RequestPacket->OutputBuffer;
    shareInformation->SharedViewOffset = viewOffset;
    shareInformation->SharedViewSize = viewSize;
    shareInformation->VirtualAddress = virtualAddress;
    RequestPacket->StatusBlock->Information = sizeof(VIDEO_SHARE_MEMORY_INFORMATION);
    return NO_ERROR;
}


static VP_STATUS
XpdispQueryColorCapabilities(
    __in PVIDEO_REQUEST_PACKET RequestPacket
    )
{
    PVIDEO_COLOR_CAPABILITIES colorCapabilities = RequestPacket->OutputBuffer;

    if (RequestPacket->OutputBufferLength < sizeof(VIDEO_COLOR_CAPABILITIES)) {
        return ERROR_INSUFFICIENT_BUFFER;
    }

    //
    // A typical CRT: sRGB primaries, D65 white, gamma 2.2 (x10000).
    //

    colorCapabilities->Length = sizeof(VIDEO_COLOR_CAPABILITIES);
    colorCapabilities->AttributeFlags = VIDEO_DEVICE_COLOR;
    colorCapabilities->RedPhosphoreDecay = 0;
    colorCapabilities->GreenPhosphoreDecay = 0;
    colorCapabilities->BluePhosphoreDecay = 0;
    colorCapabilities->WhiteChromaticity_x = 3127;
    colorCapabilities->WhiteChromaticity_y = 3290;
    colorCapabilities->WhiteChromaticity_Y = 0;
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

    RequestPacket->StatusBlock->Information = sizeof(VIDEO_COLOR_CAPABILITIES);
    return NO_ERROR;
}


_Use_decl_annotations_
BOOLEAN
XpdispStartIO(
    PVOID HwDeviceExtension,
    PVIDEO_REQUEST_PACKET RequestPacket
    )
{
    PHW_DEVICE_EXTENSION hwDeviceExtension = HwDeviceExtension;
    PVIDEO_POWER_MANAGEMENT powerManagement;
    VP_STATUS status;
    ULONG modeIndex;

    PAGED_CODE();

    RequestPacket->StatusBlock->Information = 0;

    switch (RequestPacket->IoControlCode) {

    case IOCTL_VIDEO_QUERY_NUM_AVAIL_MODES:

        if (RequestPacket->OutputBufferLength < sizeof(VIDEO_NUM_MODES)) {
            status = ERROR_INSUFFICIENT_BUFFER;
            break;
        }
        ((PVIDEO_NUM_MODES) RequestPacket->OutputBuffer)->NumModes = hwDeviceExtension->NumModes;
        ((PVIDEO_NUM_MODES) RequestPacket->OutputBuffer)->ModeInformationLength =
            sizeof(VIDEO_MODE_INFORMATION);
        RequestPacket->StatusBlock->Information = sizeof(VIDEO_NUM_MODES);
        status = NO_ERROR;
        break;

    case IOCTL_VIDEO_QUERY_AVAIL_MODES:

        status = XpdispQueryAvailModes(hwDeviceExtension,
                                       RequestPacket->OutputBuffer,
                                       RequestPacket->OutputBufferLength,
                                       &RequestPacket->StatusBlock->Information);
        break;

    case IOCTL_VIDEO_QUERY_CURRENT_MODE:

        if (RequestPacket->OutputBufferLength < sizeof(VIDEO_MODE_INFORMATION)) {
            status = ERROR_INSUFFICIENT_BUFFER;
            break;
        }
        if (hwDeviceExtension->CurrentMode == XPDISP_NO_MODE) {
            status = ERROR_INVALID_FUNCTION;
            break;
        }
        XpdispFillModeInformation(hwDeviceExtension, hwDeviceExtension->CurrentMode,
                                  RequestPacket->OutputBuffer);
        RequestPacket->StatusBlock->Information = sizeof(VIDEO_MODE_INFORMATION);
        status = NO_ERROR;
        break;

    case IOCTL_VIDEO_SET_CURRENT_MODE:

        if (RequestPacket->InputBufferLength < sizeof(VIDEO_MODE)) {
            status = ERROR_INSUFFICIENT_BUFFER;
            break;
        }
        modeIndex = ((PVIDEO_MODE) RequestPacket->InputBuffer)->RequestedMode &
                    ~(VIDEO_MODE_NO_ZERO_MEMORY | VIDEO_MODE_MAP_MEM_LINEAR);
        if (modeIndex >= hwDeviceExtension->NumModes) {
            status = ERROR_INVALID_PARAMETER;
            break;
        }
        XpdispProgramMode(hwDeviceExtension, modeIndex,
                          (BOOLEAN) ((((PVIDEO_MODE) RequestPacket->InputBuffer)->RequestedMode &
                                      VIDEO_MODE_NO_ZERO_MEMORY) != 0));
        hwDeviceExtension->CurrentMode = modeIndex;
        VideoPortDebugPrint(XpdispModeReadsBack(hwDeviceExtension, modeIndex) ? Info : Error,
                            "vpc_xpdisp: check set-mode-%dx%dx%d-dispi-readback: %s\n",
                            hwDeviceExtension->Modes[modeIndex].Width,
                            hwDeviceExtension->Modes[modeIndex].Height,
                            hwDeviceExtension->Modes[modeIndex].Bpp,
                            XpdispModeReadsBack(hwDeviceExtension, modeIndex) ?
                                "ok the DISPI registers hold the mode" :
                                "FAIL the DISPI registers do not hold the mode");
        status = NO_ERROR;
        break;

    case IOCTL_VIDEO_MAP_VIDEO_MEMORY:

        status = XpdispMapVideoMemory(hwDeviceExtension, RequestPacket);
        break;

    case IOCTL_VIDEO_UNMAP_VIDEO_MEMORY:

        if (RequestPacket->InputBufferLength < sizeof(VIDEO_MEMORY)) {
            status = ERROR_INSUFFICIENT_BUFFER;
            break;
        }
        status = VideoPortUnmapMemory(hwDeviceExtension,
                                      ((PVIDEO_MEMORY) RequestPacket->InputBuffer)->RequestedVirtualAddress,
                                      NULL);
        break;

    case IOCTL_VIDEO_SHARE_VIDEO_MEMORY:

        status = XpdispShareVideoMemory(hwDeviceExtension, RequestPacket);
        break;

    case IOCTL_VIDEO_UNSHARE_VIDEO_MEMORY:

        if (RequestPacket->InputBufferLength < sizeof(VIDEO_SHARE_MEMORY)) {
            status = ERROR_INSUFFICIENT_BUFFER;
            break;
        }
        status = VideoPortUnmapMemory(hwDeviceExtension,
                                      ((PVIDEO_SHARE_MEMORY) RequestPacket->InputBuffer)->RequestedVirtualAddress,
                                      ((PVIDEO_SHARE_MEMORY) RequestPacket->InputBuffer)->ProcessHandle);
        break;

    case IOCTL_VIDEO_QUERY_COLOR_CAPABILITIES:

        status = XpdispQueryColorCapabilities(RequestPacket);
        break;

    case IOCTL_VIDEO_GET_POWER_MANAGEMENT:

        //
        // The monitor's DPMS state.
        //

        if (RequestPacket->OutputBufferLength < sizeof(VIDEO_POWER_MANAGEMENT)) {
            status = ERROR_INSUFFICIENT_BUFFER;
            break;
        }
        powerManagement = RequestPacket->OutputBuffer;
        powerManagement->Length = sizeof(VIDEO_POWER_MANAGEMENT);
        powerManagement->DPMSVersion = 0;
        powerManagement->PowerState = hwDeviceExtension->MonitorPowerState;
        RequestPacket->StatusBlock->Information = sizeof(VIDEO_POWER_MANAGEMENT);
        status = NO_ERROR;
        break;

    case IOCTL_VIDEO_SET_POWER_MANAGEMENT:

        if (RequestPacket->InputBufferLength < sizeof(VIDEO_POWER_MANAGEMENT)) {
            status = ERROR_INSUFFICIENT_BUFFER;
            break;
        }
        powerManagement = RequestPacket->InputBuffer;
        if (powerManagement->Length < sizeof(VIDEO_POWER_MANAGEMENT) ||
            powerManagement->PowerState < VideoPowerOn ||
            powerManagement->PowerState > VideoPowerOff) {
            status = ERROR_INVALID_PARAMETER;
            break;
        }
        hwDeviceExtension->MonitorPowerState = powerManagement->PowerState;
        status = NO_ERROR;
        break;

    case IOCTL_VIDEO_RESET_DEVICE:

        XpdispWriteDispi(hwDeviceExtension, &hwDeviceExtension->Registers->Dispi.Enable,
                         DISPI_DISABLED);
        XpdispUnblank(hwDeviceExtension);
        hwDeviceExtension->CurrentMode = XPDISP_NO_MODE;
        status = NO_ERROR;
        break;

    default:

        VideoDebugPrint((Trace, "xpdisp: request 0x%x not supported\n",
                         RequestPacket->IoControlCode));
        status = ERROR_INVALID_FUNCTION;
        break;
    }

    RequestPacket->StatusBlock->Status = status;

    return TRUE;
}


_Use_decl_annotations_
BOOLEAN
XpdispResetHw(
    PVOID HwDeviceExtension,
    ULONG Columns,
    ULONG Rows
    )

/*++

Routine Description:

    Back to VGA for the HAL; register writes only (any IRQL). Returning
    FALSE lets the HAL set the text mode itself.

--*/

{
    PHW_DEVICE_EXTENSION hwDeviceExtension = HwDeviceExtension;

    UNREFERENCED_PARAMETER(Columns);
    UNREFERENCED_PARAMETER(Rows);

    XpdispWriteDispi(hwDeviceExtension, &hwDeviceExtension->Registers->Dispi.Enable,
                     DISPI_DISABLED);
    return FALSE;
}


_Use_decl_annotations_
VP_STATUS
XpdispGetPowerState(
    PVOID HwDeviceExtension,
    ULONG HwId,
    PVIDEO_POWER_MANAGEMENT VideoPowerControl
    )
{
    PAGED_CODE();
    UNREFERENCED_PARAMETER(HwDeviceExtension);

    if (HwId != DISPLAY_ADAPTER_HW_ID && HwId != XPDISP_MONITOR_UID) {
        return ERROR_DEVICE_REINITIALIZATION_NEEDED;
    }

    switch (VideoPowerControl->PowerState) {
    case VideoPowerOn:
    case VideoPowerStandBy:
    case VideoPowerSuspend:
    case VideoPowerOff:
    case VideoPowerHibernate:
    case VideoPowerShutdown:
        return NO_ERROR;
    default:
        return ERROR_DEVICE_REINITIALIZATION_NEEDED;
    }
}


_Use_decl_annotations_
VP_STATUS
XpdispSetPowerState(
    PVOID HwDeviceExtension,
    ULONG HwId,
    PVIDEO_POWER_MANAGEMENT VideoPowerControl
    )

/*++

Routine Description:

    The adapter goes dark for the low states and comes back in its mode,
    video memory kept; Hibernate only tells it what is coming.

--*/

{
    PHW_DEVICE_EXTENSION hwDeviceExtension = HwDeviceExtension;
    VIDEO_POWER_STATE state = VideoPowerControl->PowerState;
    BOOLEAN restored;

    PAGED_CODE();

    hwDeviceExtension->PowerTransitions++;

    if (HwId == XPDISP_MONITOR_UID) {
        hwDeviceExtension->MonitorPowerState = state;
        VideoPortDebugPrint(Info, "vpc_xpdisp: check power-monitor-%d: ok state %d\n",
                            hwDeviceExtension->PowerTransitions, state);
        return NO_ERROR;
    }

    if (HwId != DISPLAY_ADAPTER_HW_ID) {
        VideoPortDebugPrint(Error, "vpc_xpdisp: check power-unknown-child: FAIL id 0x%x\n", HwId);
        return ERROR_INVALID_PARAMETER;
    }

    hwDeviceExtension->AdapterPowerState = state;

    switch (state) {

    case VideoPowerOn:
        if (hwDeviceExtension->CurrentMode != XPDISP_NO_MODE) {
            XpdispProgramMode(hwDeviceExtension, hwDeviceExtension->CurrentMode, TRUE);
            restored = XpdispModeReadsBack(hwDeviceExtension, hwDeviceExtension->CurrentMode);
        } else {
            restored = TRUE;
        }
        VideoPortDebugPrint(restored ? Info : Error,
                            "vpc_xpdisp: check power-adapter-%d-on: %s mode %d %s\n",
                            hwDeviceExtension->PowerTransitions,
                            restored ? "ok" : "FAIL",
                            hwDeviceExtension->CurrentMode,
                            restored ? "programmed again" : "does not read back");
        break;

    case VideoPowerStandBy:
    case VideoPowerSuspend:
    case VideoPowerOff:
    case VideoPowerShutdown:
        XpdispWriteDispi(hwDeviceExtension, &hwDeviceExtension->Registers->Dispi.Enable,
                         DISPI_DISABLED);
        VideoPortDebugPrint(Info, "vpc_xpdisp: check power-adapter-%d-down: ok state %d\n",
                            hwDeviceExtension->PowerTransitions, state);
        break;

    default:
        break;
    }

    return NO_ERROR;
}


_Use_decl_annotations_
VP_STATUS
XpdispGetVideoChildDescriptor(
    PVOID HwDeviceExtension,
    PVIDEO_CHILD_ENUM_INFO ChildEnumInfo,
    PVIDEO_CHILD_TYPE VideoChildType,
    PUCHAR pChildDescriptor,
    PULONG UId,
    PULONG pUnused
    )

/*++

Routine Description:

    One child: the monitor, with its EDID read over DDC. Index 0 is for
    ACPI-enumerated children, which this adapter has none of.

--*/

{
    PHW_DEVICE_EXTENSION hwDeviceExtension = HwDeviceExtension;
    UCHAR mmioEdid[2 * EDID_BLOCK_LENGTH];
    ULONG length;
    BOOLEAN ddcOk;
    BOOLEAN same;

    PAGED_CODE();

    ASSERT(ChildEnumInfo->Size == sizeof(VIDEO_CHILD_ENUM_INFO));

    switch (ChildEnumInfo->ChildIndex) {

    case 0:
        return VIDEO_ENUM_INVALID_DEVICE;

    case 1:
        *VideoChildType = Monitor;
        *UId = XPDISP_MONITOR_UID;
        if (pUnused != NULL) {
            *pUnused = 0;
        }

        hwDeviceExtension->ChildQueries++;
        length = min(ChildEnumInfo->ChildDescriptorSize, (ULONG) sizeof(mmioEdid));

        VideoPortReadRegisterBufferUchar(hwDeviceExtension->Registers->Edid, mmioEdid,
                                         sizeof(mmioEdid));

        ddcOk = XpdispReadEdidOverDdc(hwDeviceExtension, pChildDescriptor,
                                      ChildEnumInfo->ChildDescriptorSize);

        //
        // The helper reads one block, or two when there is room: compare
        // what it read (the second block only if the first announces it).
        //

        if (length > EDID_BLOCK_LENGTH && mmioEdid[EDID_EXTENSION_FLAG] == 0) {
            length = EDID_BLOCK_LENGTH;
        }
        same = (BOOLEAN) (VideoPortCompareMemory(pChildDescriptor, mmioEdid, length) == length);

        VideoPortDebugPrint(ddcOk && same ? Info : Error,
                            "vpc_xpdisp: check edid-over-ddc-%d: %s helper %s, %d bytes %s the EDID block of the register BAR, %d DDC transactions\n",
                            hwDeviceExtension->ChildQueries,
                            ddcOk && same ? "ok" : "FAIL",
                            ddcOk ? "found an EDID" : "found none",
                            length,
                            same ? "match" : "differ from",
                            hwDeviceExtension->Ddc.Transactions);

        if (!ddcOk) {

            //
            // No DDC answer: report what the adapter knows.
            //

            VideoPortMoveMemory(pChildDescriptor, mmioEdid,
                                min(ChildEnumInfo->ChildDescriptorSize, (ULONG) EDID_BLOCK_LENGTH));
        }

        return VIDEO_ENUM_MORE_DEVICES;

    default:
        return VIDEO_ENUM_NO_MORE_DEVICES;
    }
}
