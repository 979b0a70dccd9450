// SPDX-License-Identifier: GPL-2.0
/*++

Module Name:

    ioctls_vga.c

Abstract:

    The entry points of the ioctls corpus miniport: a VGA-compatible SVGA
    miniport for QEMU's standard VGA written the way the Windows NT 4.0 and
    Windows 2000 DDK samples are, that answers every family of requests
    ntddvdeo.h defines for a display miniport: modes, video memory, the
    text cursor, the mouse pointer, hardware state, fonts, bank switching,
    colour registers and capabilities, power, child devices and brightness.
    Four private requests read back what the hardware holds, so that a test
    program can tell whether the answers are true.

    The adapter is driven through the legacy VGA ports and memory window
    and the Bochs VBE ports; the register BAR is handed out as the public
    access range and the frame buffer BAR as video memory.

Environment:

    Kernel mode only.

--*/

#include "dderror.h"
#include "devioctl.h"
#include "miniport.h"
#include "ntddvdeo.h"
#include "video.h"
#include "ioctls.h"

//
// Function prototypes.
//

VP_STATUS
VgaFindAdapter(
    PVOID HwDeviceExtension,
    PVOID HwContext,
    PWSTR ArgumentString,
    PVIDEO_PORT_CONFIG_INFO ConfigInfo,
    PUCHAR Again
    );

BOOLEAN
VgaInitialize(
    PVOID HwDeviceExtension
    );

BOOLEAN
VgaStartIO(
    PVOID HwDeviceExtension,
    PVIDEO_REQUEST_PACKET RequestPacket
    );

BOOLEAN
VgaResetHw(
    PVOID HwDeviceExtension,
    ULONG Columns,
    ULONG Rows
    );

VP_STATUS
VgaGetPowerState(
    PVOID HwDeviceExtension,
    ULONG HwId,
    PVIDEO_POWER_MANAGEMENT VideoPowerControl
    );

VP_STATUS
VgaSetPowerState(
    PVOID HwDeviceExtension,
    ULONG HwId,
    PVIDEO_POWER_MANAGEMENT VideoPowerControl
    );

VP_STATUS
VgaGetVideoChildDescriptor(
    PVOID HwDeviceExtension,
    PVIDEO_CHILD_ENUM_INFO ChildEnumInfo,
    PVIDEO_CHILD_TYPE VideoChildType,
    PUCHAR pChildDescriptor,
    PULONG pUId,
    PULONG pUnused
    );

#if defined(ALLOC_PRAGMA)
#pragma alloc_text(PAGE,DriverEntry)
#pragma alloc_text(PAGE,VgaFindAdapter)
#pragma alloc_text(PAGE,VgaInitialize)
#pragma alloc_text(PAGE,VgaStartIO)
#endif

//
// The EDID QEMU exposes at the start of the register BAR.
//

#define BOCHS_MMIO_EDID                 0x000
#define EDID_BLOCK_SIZE                 128

ULONG
DriverEntry(
    PVOID Context1,
    PVOID Context2
    )

/*++

Routine Description:

    Installable driver initialization entry point.

--*/

{
    VIDEO_HW_INITIALIZATION_DATA hwInitData;

    VideoPortZeroMemory(&hwInitData, sizeof(VIDEO_HW_INITIALIZATION_DATA));

    hwInitData.HwInitDataSize = sizeof(VIDEO_HW_INITIALIZATION_DATA);
    hwInitData.HwFindAdapter = VgaFindAdapter;
    hwInitData.HwInitialize = VgaInitialize;
    hwInitData.HwInterrupt = NULL;
    hwInitData.HwStartIO = VgaStartIO;
    hwInitData.HwResetHw = VgaResetHw;
    hwInitData.HwGetPowerState = VgaGetPowerState;
    hwInitData.HwSetPowerState = VgaSetPowerState;
    hwInitData.HwGetVideoChildDescriptor = VgaGetVideoChildDescriptor;
    hwInitData.HwDeviceExtensionSize = sizeof(HW_DEVICE_EXTENSION);
    hwInitData.AdapterInterfaceType = PCIBus;

    return VideoPortInitialize(Context1, Context2, &hwInitData, NULL);
}

VP_STATUS
VgaFindAdapter(
    PVOID HwDeviceExtension,
    PVOID HwContext,
    PWSTR ArgumentString,
    PVIDEO_PORT_CONFIG_INFO ConfigInfo,
    PUCHAR Again
    )

/*++

Routine Description:

    Finds the frame buffer and register BARs, claims them with the legacy
    VGA ranges and the VBE ports, maps the ports and the A0000h window,
    makes sure a Bochs VBE is there, and keeps the state the BIOS left the
    adapter in as the mode to reset to.

Return Value:

    NO_ERROR, ERROR_DEV_NOT_EXIST, or the status of the call that failed.

--*/

{
    PHW_DEVICE_EXTENSION hwDeviceExtension = HwDeviceExtension;
    VIDEO_ACCESS_RANGE pciRanges[PCI_TYPE0_ADDRESSES];
    VIDEO_ACCESS_RANGE accessRanges[8];
    PVIDEO_ACCESS_RANGE frameBuffer = NULL;
    PVIDEO_ACCESS_RANGE registers = NULL;
    USHORT vendorId = BOCHS_VENDOR_ID;
    USHORT deviceId = BOCHS_DEVICE_ID;
    PHYSICAL_ADDRESS address;
    VP_STATUS status;
    ULONG numRanges;
    ULONG i;

    *Again = FALSE;

    if (ConfigInfo->Length < sizeof(VIDEO_PORT_CONFIG_INFO)) {
        return ERROR_INVALID_PARAMETER;
    }

    VideoPortZeroMemory(pciRanges, sizeof(pciRanges));
    status = VideoPortGetAccessRanges(HwDeviceExtension, 0, NULL, PCI_TYPE0_ADDRESSES,
                                      pciRanges, &vendorId, &deviceId, NULL);
    if (status != NO_ERROR) {
        return status;
    }

    //
    // The frame buffer is the biggest memory range; the registers the
    // other one that is big enough.
    //

    for (i = 0; i < PCI_TYPE0_ADDRESSES; i++) {
        if (pciRanges[i].RangeLength == 0 || pciRanges[i].RangeInIoSpace) {
            continue;
        }
        if (frameBuffer == NULL || pciRanges[i].RangeLength > frameBuffer->RangeLength) {
            frameBuffer = &pciRanges[i];
        }
    }
    for (i = 0; i < PCI_TYPE0_ADDRESSES; i++) {
        if (pciRanges[i].RangeLength < BOCHS_MMIO_MIN_LENGTH || pciRanges[i].RangeInIoSpace ||
            &pciRanges[i] == frameBuffer) {
            continue;
        }
        registers = &pciRanges[i];
    }
    if (frameBuffer == NULL || registers == NULL) {
        VideoPortDebugPrint(Error, IOCTLS_PREFIX "no frame buffer and register BARs\n");
        return ERROR_DEV_NOT_EXIST;
    }

    numRanges = 0;
    for (i = 0; i < NumVgaAccessRanges; i++) {
        accessRanges[numRanges++] = VgaAccessRange[i];
    }
    accessRanges[numRanges++] = *frameBuffer;
    accessRanges[numRanges++] = *registers;
    status = VideoPortVerifyAccessRanges(HwDeviceExtension, numRanges, accessRanges);
    if (status != NO_ERROR) {
        VideoPortDebugPrint(Error, IOCTLS_PREFIX "access ranges refused (%d)\n", status);
        return status;
    }

    hwDeviceExtension->FrameBufferPhysical = frameBuffer->RangeStart;
    hwDeviceExtension->FrameBufferLength = frameBuffer->RangeLength;
    hwDeviceExtension->RegisterPhysical = registers->RangeStart;
    hwDeviceExtension->RegisterLength = registers->RangeLength;

    hwDeviceExtension->RegisterBase =
        VideoPortGetDeviceBase(HwDeviceExtension, registers->RangeStart,
                               registers->RangeLength, VIDEO_MEMORY_SPACE_MEMORY);

    address.QuadPart = VGA_BASE_IO_PORT;
    hwDeviceExtension->IOAddress =
        VideoPortGetDeviceBase(HwDeviceExtension, address,
                               VGA_END_BREAK_IO_PORT - VGA_BASE_IO_PORT + 1,
                               VIDEO_MEMORY_SPACE_IO);
    address.QuadPart = VBE_DISPI_IOPORT_INDEX;
    hwDeviceExtension->DispiPort =
        VideoPortGetDeviceBase(HwDeviceExtension, address, VBE_DISPI_PORTS,
                               VIDEO_MEMORY_SPACE_IO);
    address.QuadPart = VGA_MEMORY_BASE;
    hwDeviceExtension->VideoMemoryAddress =
        VideoPortGetDeviceBase(HwDeviceExtension, address, VGA_MEMORY_LENGTH,
                               VIDEO_MEMORY_SPACE_MEMORY);
    if (hwDeviceExtension->IOAddress == NULL || hwDeviceExtension->DispiPort == NULL ||
        hwDeviceExtension->VideoMemoryAddress == NULL ||
        hwDeviceExtension->RegisterBase == NULL) {
        VideoPortDebugPrint(Error, IOCTLS_PREFIX "cannot map the VGA ports and memory\n");
        return ERROR_INVALID_PARAMETER;
    }

    hwDeviceExtension->IsColor = (BOOLEAN)(VideoPortReadPortUchar(
        hwDeviceExtension->IOAddress + MISC_OUTPUT_REG_READ_PORT) & 1);

    hwDeviceExtension->DispiId = DispiRead(hwDeviceExtension, VBE_DISPI_INDEX_ID);
    if (hwDeviceExtension->DispiId < VBE_DISPI_ID0 ||
        hwDeviceExtension->DispiId > VBE_DISPI_ID5) {
        VideoPortDebugPrint(Error, IOCTLS_PREFIX "no Bochs VBE (ID 0x%04x)\n",
                            hwDeviceExtension->DispiId);
        return ERROR_DEV_NOT_EXIST;
    }
    hwDeviceExtension->VideoMemorySize =
        (ULONG)DispiRead(hwDeviceExtension, VBE_DISPI_INDEX_VIDEO_MEMORY_64K) * 0x10000;
    if (hwDeviceExtension->VideoMemorySize == 0 ||
        hwDeviceExtension->VideoMemorySize > hwDeviceExtension->FrameBufferLength) {
        hwDeviceExtension->VideoMemorySize = hwDeviceExtension->FrameBufferLength;
    }

    //
    // What the BIOS left is the mode to go back to.
    //

    hwDeviceExtension->BootStateLength =
        VgaSaveState(hwDeviceExtension, hwDeviceExtension->BootState, IOCTLS_STATE_SIZE);
    hwDeviceExtension->CurrentMode = IOCTLS_MODE_TEXT;
    hwDeviceExtension->PowerState = VideoPowerOn;
    hwDeviceExtension->MonitorState = VIDEO_CHILD_ACTIVE;
    hwDeviceExtension->Brightness.ucDisplayPolicy = DISPLAYPOLICY_BOTH;
    hwDeviceExtension->Brightness.ucACBrightness = 100;
    hwDeviceExtension->Brightness.ucDCBrightness = 75;

    //
    // A full-screen DOS box would get the legacy window and this state.
    //

    ConfigInfo->VdmPhysicalVideoMemoryAddress.QuadPart = VGA_MEMORY_BASE;
    ConfigInfo->VdmPhysicalVideoMemoryLength = VGA_MEMORY_LENGTH;
    ConfigInfo->HardwareStateSize = sizeof(VIDEO_HARDWARE_STATE) + IOCTLS_STATE_SIZE;

    //
    // No interrupt.
    //

    ConfigInfo->BusInterruptLevel = 0;
    ConfigInfo->BusInterruptVector = 0;

    return NO_ERROR;
}

BOOLEAN
VgaInitialize(
    PVOID HwDeviceExtension
    )
{
    PHW_DEVICE_EXTENSION hwDeviceExtension = HwDeviceExtension;

    VideoPortDebugPrint(Info, IOCTLS_PREFIX "check find-adapter: ok VBE 0x%04x, %u KB of "
                        "video memory, %s VGA, boot state %u bytes\n",
                        hwDeviceExtension->DispiId, hwDeviceExtension->VideoMemorySize / 1024,
                        hwDeviceExtension->IsColor ? "colour" : "monochrome",
                        hwDeviceExtension->BootStateLength);
    return TRUE;
}

BOOLEAN
VgaStartIO(
    PVOID HwDeviceExtension,
    PVIDEO_REQUEST_PACKET RequestPacket
    )

/*++

Routine Description:

    Handles one request: each IOCTL_VIDEO_* of the families below, and
    this driver's private requests. Anything else is not supported.

Return Value:

    TRUE: the status is in the request's status block.

--*/

{
    PHW_DEVICE_EXTENSION hwDeviceExtension = HwDeviceExtension;
    VP_STATUS status;

    RequestPacket->StatusBlock->Information = 0;

    switch (RequestPacket->IoControlCode) {

    //
    // Modes
    //

    case IOCTL_VIDEO_QUERY_NUM_AVAIL_MODES:
        status = VgaQueryNumberOfAvailableModes(hwDeviceExtension, RequestPacket);
        break;

    case IOCTL_VIDEO_QUERY_AVAIL_MODES:
        status = VgaQueryAvailableModes(hwDeviceExtension, RequestPacket);
        break;

    case IOCTL_VIDEO_QUERY_CURRENT_MODE:
        status = VgaQueryCurrentMode(hwDeviceExtension, RequestPacket);
        break;

    case IOCTL_VIDEO_SET_CURRENT_MODE:
        status = VgaSetMode(hwDeviceExtension, RequestPacket);
        break;

    case IOCTL_VIDEO_RESET_DEVICE:
        status = VgaResetDevice(hwDeviceExtension);
        break;

    //
    // Video memory
    //

    case IOCTL_VIDEO_MAP_VIDEO_MEMORY:
        status = VgaMapVideoMemory(hwDeviceExtension, RequestPacket);
        break;

    case IOCTL_VIDEO_UNMAP_VIDEO_MEMORY:
        status = VgaUnmapVideoMemory(hwDeviceExtension, RequestPacket);
        break;

    case IOCTL_VIDEO_QUERY_PUBLIC_ACCESS_RANGES:
        status = VgaQueryPublicAccessRanges(hwDeviceExtension, RequestPacket);
        break;

    case IOCTL_VIDEO_FREE_PUBLIC_ACCESS_RANGES:
        status = VgaFreePublicAccessRanges(hwDeviceExtension, RequestPacket);
        break;

    case IOCTL_VIDEO_SHARE_VIDEO_MEMORY:
        status = VgaShareVideoMemory(hwDeviceExtension, RequestPacket);
        break;

    case IOCTL_VIDEO_UNSHARE_VIDEO_MEMORY:
        status = VgaUnshareVideoMemory(hwDeviceExtension, RequestPacket);
        break;

    //
    // The text cursor
    //

    case IOCTL_VIDEO_QUERY_CURSOR_POSITION:
        status = VgaQueryCursorPosition(hwDeviceExtension, RequestPacket);
        break;

    case IOCTL_VIDEO_SET_CURSOR_POSITION:
        status = VgaSetCursorPosition(hwDeviceExtension, RequestPacket);
        break;

    case IOCTL_VIDEO_QUERY_CURSOR_ATTR:
        status = VgaQueryCursorAttributes(hwDeviceExtension, RequestPacket);
        break;

    case IOCTL_VIDEO_SET_CURSOR_ATTR:
        status = VgaSetCursorAttributes(hwDeviceExtension, RequestPacket);
        break;

    case IOCTL_VIDEO_ENABLE_CURSOR:
        status = VgaEnableCursor(hwDeviceExtension, TRUE);
        break;

    case IOCTL_VIDEO_DISABLE_CURSOR:
        status = VgaEnableCursor(hwDeviceExtension, FALSE);
        break;

    //
    // The mouse pointer
    //

    case IOCTL_VIDEO_QUERY_POINTER_CAPABILITIES:
        status = VgaQueryPointerCapabilities(hwDeviceExtension, RequestPacket);
        break;

    case IOCTL_VIDEO_QUERY_POINTER_ATTR:
        status = VgaQueryPointerAttributes(hwDeviceExtension, RequestPacket);
        break;

    case IOCTL_VIDEO_SET_POINTER_ATTR:
        status = VgaSetPointerAttributes(hwDeviceExtension, RequestPacket);
        break;

    case IOCTL_VIDEO_QUERY_POINTER_POSITION:
        status = VgaQueryPointerPosition(hwDeviceExtension, RequestPacket);
        break;

    case IOCTL_VIDEO_SET_POINTER_POSITION:
        status = VgaSetPointerPosition(hwDeviceExtension, RequestPacket);
        break;

    case IOCTL_VIDEO_ENABLE_POINTER:
        status = VgaEnablePointer(hwDeviceExtension, TRUE);
        break;

    case IOCTL_VIDEO_DISABLE_POINTER:
        status = VgaEnablePointer(hwDeviceExtension, FALSE);
        break;

    //
    // Hardware state, fonts, banks
    //

    case IOCTL_VIDEO_SAVE_HARDWARE_STATE:
        status = VgaSaveHardwareState(hwDeviceExtension, RequestPacket);
        break;

    case IOCTL_VIDEO_RESTORE_HARDWARE_STATE:
        status = VgaRestoreHardwareState(hwDeviceExtension, RequestPacket);
        break;

    case IOCTL_VIDEO_LOAD_AND_SET_FONT:
        status = VgaLoadAndSetFont(hwDeviceExtension, RequestPacket);
        break;

    case IOCTL_VIDEO_GET_BANK_SELECT_CODE:
        status = VgaGetBankSelectCode(hwDeviceExtension, RequestPacket);
        break;

    //
    // Colour
    //

    case IOCTL_VIDEO_SET_COLOR_REGISTERS:
        status = VgaSetColorRegisters(hwDeviceExtension, RequestPacket);
        break;

    case IOCTL_VIDEO_SET_PALETTE_REGISTERS:
        status = VgaSetPaletteRegisters(hwDeviceExtension, RequestPacket);
        break;

    case IOCTL_VIDEO_QUERY_COLOR_CAPABILITIES:
        status = VgaQueryColorCapabilities(hwDeviceExtension, RequestPacket);
        break;

    //
    // Power, child devices, brightness
    //

    case IOCTL_VIDEO_GET_POWER_MANAGEMENT:
        status = VgaGetPowerManagement(hwDeviceExtension, RequestPacket);
        break;

    case IOCTL_VIDEO_SET_POWER_MANAGEMENT:
        status = VgaSetPowerManagement(hwDeviceExtension, RequestPacket);
        break;

    case IOCTL_VIDEO_GET_CHILD_STATE:
        status = VgaGetChildState(hwDeviceExtension, RequestPacket);
        break;

    case IOCTL_VIDEO_VALIDATE_CHILD_STATE_CONFIGURATION:
        status = VgaValidateChildStateConfiguration(hwDeviceExtension, RequestPacket);
        break;

    case IOCTL_VIDEO_SET_CHILD_STATE_CONFIGURATION:
        status = VgaSetChildStateConfiguration(hwDeviceExtension, RequestPacket);
        break;

    case IOCTL_VIDEO_QUERY_SUPPORTED_BRIGHTNESS:
        status = VgaQuerySupportedBrightness(hwDeviceExtension, RequestPacket);
        break;

    case IOCTL_VIDEO_QUERY_DISPLAY_BRIGHTNESS:
        status = VgaQueryDisplayBrightness(hwDeviceExtension, RequestPacket);
        break;

    case IOCTL_VIDEO_SET_DISPLAY_BRIGHTNESS:
        status = VgaSetDisplayBrightness(hwDeviceExtension, RequestPacket);
        break;

    //
    // Private: the hardware, read back
    //

    case IOCTL_IOCTLS_READ_DAC:
    case IOCTL_IOCTLS_READ_FONT:
    case IOCTL_IOCTLS_READ_TEXT:
    case IOCTL_IOCTLS_READ_REGISTERS:
        status = VgaPrivateRequest(hwDeviceExtension, RequestPacket);
        break;

    default:
        VideoDebugPrint((Trace, IOCTLS_PREFIX "request 0x%x not supported\n",
                         RequestPacket->IoControlCode));
        status = ERROR_INVALID_FUNCTION;
        break;
    }

    if (status != NO_ERROR && status != ERROR_MORE_DATA &&
        status != ERROR_INSUFFICIENT_BUFFER) {
        RequestPacket->StatusBlock->Information = 0;
    }
    RequestPacket->StatusBlock->Status = status;
    return TRUE;
}

BOOLEAN
VgaResetHw(
    PVOID HwDeviceExtension,
    ULONG Columns,
    ULONG Rows
    )

/*++

Routine Description:

    Back to the text mode the BIOS set, for the shutdown or a crash: only
    register writes.

--*/

{
    PHW_DEVICE_EXTENSION hwDeviceExtension = HwDeviceExtension;

    if (hwDeviceExtension->IOAddress != NULL && hwDeviceExtension->BootStateLength) {
        VgaRestoreState(hwDeviceExtension, hwDeviceExtension->BootState,
                        hwDeviceExtension->BootStateLength);
    }
    return TRUE;
}

VP_STATUS
VgaGetPowerState(
    PVOID HwDeviceExtension,
    ULONG HwId,
    PVIDEO_POWER_MANAGEMENT VideoPowerControl
    )
{
    if ((HwId == DISPLAY_ADAPTER_HW_ID || HwId == IOCTLS_MONITOR_UID) &&
        VideoPowerControl->PowerState >= VideoPowerOn &&
        VideoPowerControl->PowerState <= VideoPowerShutdown) {
        return NO_ERROR;
    }
    return ERROR_DEVICE_REINITIALIZATION_NEEDED;
}

VP_STATUS
VgaSetPowerState(
    PVOID HwDeviceExtension,
    ULONG HwId,
    PVIDEO_POWER_MANAGEMENT VideoPowerControl
    )
{
    PHW_DEVICE_EXTENSION hwDeviceExtension = HwDeviceExtension;

    if (HwId != DISPLAY_ADAPTER_HW_ID && HwId != IOCTLS_MONITOR_UID) {
        return ERROR_INVALID_PARAMETER;
    }
    switch (VideoPowerControl->PowerState) {
    case VideoPowerOn:
        VgaSetScreen(hwDeviceExtension, TRUE);
        break;
    case VideoPowerStandBy:
    case VideoPowerSuspend:
    case VideoPowerOff:
    case VideoPowerShutdown:
        VgaSetScreen(hwDeviceExtension, FALSE);
        break;
    case VideoPowerHibernate:
        break;
    default:
        return ERROR_INVALID_PARAMETER;
    }
    return NO_ERROR;
}

VP_STATUS
VgaGetVideoChildDescriptor(
    PVOID HwDeviceExtension,
    PVIDEO_CHILD_ENUM_INFO ChildEnumInfo,
    PVIDEO_CHILD_TYPE VideoChildType,
    PUCHAR pChildDescriptor,
    PULONG pUId,
    PULONG pUnused
    )

/*++

Routine Description:

    One child: the monitor, at index 1, with the EDID QEMU puts at the start
    of the register BAR. Index 0 would be a child ACPI listed.

--*/

{
    PHW_DEVICE_EXTENSION hwDeviceExtension = HwDeviceExtension;

    switch (ChildEnumInfo->ChildIndex) {
    case 0:
        return VIDEO_ENUM_INVALID_DEVICE;
    case 1:
        *VideoChildType = Monitor;
        *pUId = IOCTLS_MONITOR_UID;
        if (pUnused != NULL) {
            *pUnused = 0;
        }
        VideoPortZeroMemory(pChildDescriptor, ChildEnumInfo->ChildDescriptorSize);
        if (ChildEnumInfo->ChildDescriptorSize >= EDID_BLOCK_SIZE) {
            VideoPortReadRegisterBufferUchar(hwDeviceExtension->RegisterBase + BOCHS_MMIO_EDID,
                                             pChildDescriptor, EDID_BLOCK_SIZE);
        }
        return VIDEO_ENUM_MORE_DEVICES;
    default:
        return VIDEO_ENUM_NO_MORE_DEVICES;
    }
}
