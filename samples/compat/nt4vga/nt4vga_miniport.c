// SPDX-License-Identifier: GPL-2.0
/*++

Module Name:

    nt4vga_miniport.c

Abstract:

    An NT 4.0-style VGA miniport. It knows nothing of PCI: it claims the
    legacy VGA ports and frame buffer window from a static table, maps the
    ports as one range, and drives the adapter through the standard VGA
    registers. It offers BIOS modes 03h (80x25 text) and 12h (640x480x16),
    set from register streams, the DAC palette, and the frame buffer window
    for the display driver.

    For the compatibility corpus it also reports what it finds on the
    hardware as "vpc_nt4vga: check NAME: ok|FAIL" lines (a checked build,
    DBG=1, prints VideoDebugPrint).

Environment:

    Kernel mode

--*/

#include "dderror.h"
#include "devioctl.h"
#include "miniport.h"
#include "ntddvdeo.h"
#include "video.h"

#include "nt4vga.h"

//
// Function prototypes
//

ULONG
DriverEntry(
    PVOID Context1,
    PVOID Context2
    );

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

static BOOLEAN
VgaIsPresent(
    PHW_DEVICE_EXTENSION HwDeviceExtension
    );

static VOID
VgaProbeRegisters(
    PHW_DEVICE_EXTENSION HwDeviceExtension
    );

static VOID
VgaInterpretCmdStream(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PUSHORT pusCmdStream
    );

static VP_STATUS
VgaSetMode(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PVIDEO_MODE Mode,
    ULONG ModeSize
    );

static VP_STATUS
VgaQueryAvailableModes(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PVIDEO_MODE_INFORMATION ModeInformation,
    ULONG ModeInformationSize,
    PULONG_PTR OutputSize
    );

static VP_STATUS
VgaQueryNumberOfAvailableModes(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PVIDEO_NUM_MODES NumModes,
    ULONG NumModesSize,
    PULONG_PTR OutputSize
    );

static VP_STATUS
VgaQueryCurrentMode(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PVIDEO_MODE_INFORMATION ModeInformation,
    ULONG ModeInformationSize,
    PULONG_PTR OutputSize
    );

static VP_STATUS
VgaSetColorLookup(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PVIDEO_CLUT ClutBuffer,
    ULONG ClutBufferSize
    );

static VP_STATUS
VgaGetRegistryParametersCallback(
    PVOID HwDeviceExtension,
    PVOID Context,
    PWSTR ValueName,
    PVOID ValueData,
    ULONG ValueLength
    );

#if defined(ALLOC_PRAGMA)
#pragma alloc_text(INIT,DriverEntry)
#pragma alloc_text(PAGE,VgaFindAdapter)
#pragma alloc_text(PAGE,VgaInitialize)
#pragma alloc_text(PAGE,VgaStartIO)
#pragma alloc_text(PAGE,VgaIsPresent)
#pragma alloc_text(PAGE,VgaProbeRegisters)
#pragma alloc_text(PAGE,VgaSetMode)
#pragma alloc_text(PAGE,VgaQueryAvailableModes)
#pragma alloc_text(PAGE,VgaQueryNumberOfAvailableModes)
#pragma alloc_text(PAGE,VgaQueryCurrentMode)
#pragma alloc_text(PAGE,VgaGetRegistryParametersCallback)
#endif

//
// Registry strings
//

static WCHAR VgaChipType[] = L"VGA";
static WCHAR VgaDacType[] = L"8 bit";
static WCHAR VgaAdapterString[] = L"VGA";


ULONG
DriverEntry(
    PVOID Context1,
    PVOID Context2
    )

/*++

Routine Description:

    Installable driver initialization entry point. Registers the miniport
    once per bus a VGA may sit on; the port driver keeps what it can use.

Arguments:

    Context1 - First context value passed by the operating system.

    Context2 - Second context value passed by the operating system.

Return Value:

    The lowest status VideoPortInitialize returned.

--*/

{
    VIDEO_HW_INITIALIZATION_DATA hwInitData;
    ULONG status;
    ULONG initializationStatus;
    ULONG busStatus[4];
    ULONG i;

    //
    // Zero out structure.
    //

    VideoPortZeroMemory(&hwInitData, sizeof(VIDEO_HW_INITIALIZATION_DATA));

    //
    // Specify sizes of structure and extension. The NT 4.0 structure ends
    // before HwStartDma.
    //

    hwInitData.HwInitDataSize = SIZE_OF_NT4_VIDEO_HW_INITIALIZATION_DATA;

    //
    // Set entry points.
    //

    hwInitData.HwFindAdapter = VgaFindAdapter;
    hwInitData.HwInitialize = VgaInitialize;
    hwInitData.HwInterrupt = NULL;
    hwInitData.HwStartIO = VgaStartIO;
    hwInitData.HwResetHw = VgaResetHw;
    hwInitData.HwTimer = NULL;

    //
    // Determine the size we require for the device extension.
    //

    hwInitData.HwDeviceExtensionSize = sizeof(HW_DEVICE_EXTENSION);

    //
    // Always start with parameters for device0 in this case.
    //

    hwInitData.StartingDeviceNumber = 0;

    //
    // This device supports many bus types: the first call leaves
    // AdapterInterfaceType at zero (Internal), then ISA, EISA and Micro
    // Channel. Return the smallest status.
    //

    initializationStatus = VideoPortInitialize(Context1,
                                               Context2,
                                               &hwInitData,
                                               NULL);
    busStatus[0] = initializationStatus;

    for (i = 1; i < 4; i++) {

        hwInitData.AdapterInterfaceType = (i == 1) ? Isa :
                                          (i == 2) ? Eisa : MicroChannel;

        status = VideoPortInitialize(Context1,
                                     Context2,
                                     &hwInitData,
                                     NULL);
        busStatus[i] = status;

        if (initializationStatus > status) {
            initializationStatus = status;
        }
    }

    VideoDebugPrint(((initializationStatus == 0) ? 2 : 0,
                     "vpc_nt4vga: check video-port-initialize: %s HwInitDataSize %d, status Internal 0x%x Isa 0x%x Eisa 0x%x MicroChannel 0x%x\n",
                     (initializationStatus == 0) ? "ok" : "FAIL",
                     hwInitData.HwInitDataSize,
                     busStatus[0], busStatus[1], busStatus[2], busStatus[3]));

    return initializationStatus;

} // end DriverEntry()


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

    Claims the legacy VGA ranges, maps the ports and checks that a VGA
    answers there.

Arguments:

    HwDeviceExtension - Supplies the miniport driver's adapter storage.

    HwContext - Not used.

    ArgumentString - Not used.

    ConfigInfo - Configuration information structure filled by the port
        driver.

    Again - Whether to call again for another adapter.

Return Value:

    NO_ERROR, ERROR_INVALID_PARAMETER or ERROR_DEV_NOT_EXIST.

--*/

{
    PHW_DEVICE_EXTENSION hwDeviceExtension = HwDeviceExtension;
    VP_STATUS status;
    ULONG textRows;

    //
    // Make sure the size of the structure is at least as large as what we
    // are expecting (check version of the config info structure).
    //

    if (ConfigInfo->Length < sizeof(VIDEO_PORT_CONFIG_INFO)) {

        return ERROR_INVALID_PARAMETER;

    }

    //
    // No interrupt, and only one VGA in the system.
    //

    ConfigInfo->BusInterruptLevel = 0;
    ConfigInfo->BusInterruptVector = 0;
    *Again = 0;

    //
    // Check to see if there is a hardware resource conflict.
    //

    status = VideoPortVerifyAccessRanges(hwDeviceExtension,
                                         NUM_VGA_ACCESS_RANGES,
                                         VgaAccessRange);

    VideoDebugPrint(((status == NO_ERROR) ? 2 : 0,
                     "vpc_nt4vga: check verify-access-ranges: %s status %d for ports 0x3b0+0xc, 0x3c0+0x20, memory 0xa0000+0x20000 (shareable)\n",
                     (status == NO_ERROR) ? "ok" : "FAIL",
                     status));

    if (status != NO_ERROR) {

        return status;

    }

    //
    // Get the mapped address of the ports: one range over both port
    // ranges, the gap between them included.
    //

    hwDeviceExtension->IOAddress =
        VideoPortGetDeviceBase(hwDeviceExtension,
                               VgaAccessRange[0].RangeStart,
                               VGA_MAX_IO_PORT - VGA_BASE_IO_PORT + 1,
                               VgaAccessRange[0].RangeInIoSpace);

    VideoDebugPrint(((hwDeviceExtension->IOAddress != NULL) ? 2 : 0,
                     "vpc_nt4vga: check device-base-spans-port-ranges: %s 0x%x ports from 0x%x mapped at %p\n",
                     (hwDeviceExtension->IOAddress != NULL) ? "ok" : "FAIL",
                     VGA_MAX_IO_PORT - VGA_BASE_IO_PORT + 1,
                     VGA_BASE_IO_PORT,
                     hwDeviceExtension->IOAddress));

    if (hwDeviceExtension->IOAddress == NULL) {

        VideoDebugPrint((0, "VgaFindAdapter - Fail to get io address\n"));

        return ERROR_INVALID_PARAMETER;

    }

    //
    // Determine whether a VGA is present.
    //

    if (!VgaIsPresent(hwDeviceExtension)) {

        VideoDebugPrint((0, "VgaFindAdapter - VGA Failed\n"));
        VideoPortFreeDeviceBase(hwDeviceExtension, hwDeviceExtension->IOAddress);

        return ERROR_DEV_NOT_EXIST;
    }

    //
    // The frame buffer window, for the checks and for the display driver.
    //

    hwDeviceExtension->PhysicalVideoMemoryBase = VgaAccessRange[2].RangeStart;
    hwDeviceExtension->PhysicalVideoMemoryLength = VgaAccessRange[2].RangeLength;
    hwDeviceExtension->VideoMemoryAddress =
        VideoPortGetDeviceBase(hwDeviceExtension,
                               VgaAccessRange[2].RangeStart,
                               VgaAccessRange[2].RangeLength,
                               VgaAccessRange[2].RangeInIoSpace);

    VideoDebugPrint(((hwDeviceExtension->VideoMemoryAddress != NULL) ? 2 : 0,
                     "vpc_nt4vga: check frame-buffer-window-mapped: %s 0x%x bytes at 0x%x\n",
                     (hwDeviceExtension->VideoMemoryAddress != NULL) ? "ok" : "FAIL",
                     VgaAccessRange[2].RangeLength,
                     VgaAccessRange[2].RangeStart.LowPart));

    //
    // The registers, as the corpus reports them.
    //

    VgaProbeRegisters(hwDeviceExtension);

    //
    // An optional value: most installations do not have it.
    //

    textRows = 0;
    status = VideoPortGetRegistryParameters(hwDeviceExtension,
                                            L"TextModeRows",
                                            FALSE,
                                            VgaGetRegistryParametersCallback,
                                            &textRows);

    if (status != NO_ERROR || (textRows != 25 && textRows != 50)) {

        textRows = 25;

    }

    hwDeviceExtension->TextRows = (USHORT) textRows;

    VideoDebugPrint(((status != NO_ERROR && textRows == 25) ? 2 : 0,
                     "vpc_nt4vga: check registry-missing-value: %s TextModeRows status %d, using %d rows\n",
                     (status != NO_ERROR && textRows == 25) ? "ok" : "FAIL",
                     status,
                     textRows));

    //
    // Full-screen DOS support.
    //

    ConfigInfo->NumEmulatorAccessEntries = NumVgaEmulatorAccessEntries;
    ConfigInfo->EmulatorAccessEntries = VgaEmulatorAccessEntries;
    ConfigInfo->EmulatorAccessEntriesContext = (ULONG_PTR) hwDeviceExtension;

    ConfigInfo->VdmPhysicalVideoMemoryAddress.LowPart = MEM_VGA;
    ConfigInfo->VdmPhysicalVideoMemoryAddress.HighPart = 0x00000000;
    ConfigInfo->VdmPhysicalVideoMemoryLength = MEM_VGA_SIZE;

    ConfigInfo->HardwareStateSize = VGA_TOTAL_STATE_SIZE;

    //
    // The BIOS left the adapter in mode 03h.
    //

    hwDeviceExtension->NumAvailableModes = NumVideoModes;
    hwDeviceExtension->CurrentMode = &ModesVGA[0];
    hwDeviceExtension->ModeIndex = 0;

    //
    // What the display applet shows. The values are for information only:
    // the status is not worth checking.
    //

    VideoPortSetRegistryParameters(hwDeviceExtension,
                                   L"HardwareInformation.ChipType",
                                   VgaChipType,
                                   sizeof(VgaChipType));

    VideoPortSetRegistryParameters(hwDeviceExtension,
                                   L"HardwareInformation.DacType",
                                   VgaDacType,
                                   sizeof(VgaDacType));

    VideoPortSetRegistryParameters(hwDeviceExtension,
                                   L"HardwareInformation.AdapterString",
                                   VgaAdapterString,
                                   sizeof(VgaAdapterString));

    return NO_ERROR;

} // end VgaFindAdapter()


static VP_STATUS
VgaGetRegistryParametersCallback(
    PVOID HwDeviceExtension,
    PVOID Context,
    PWSTR ValueName,
    PVOID ValueData,
    ULONG ValueLength
    )

/*++

Routine Description:

    Takes a REG_DWORD value for VideoPortGetRegistryParameters.

--*/

{
    if (ValueLength != sizeof(ULONG)) {

        return ERROR_INVALID_PARAMETER;

    }

    *(PULONG) Context = *(PULONG) ValueData;

    return NO_ERROR;
}


static BOOLEAN
VgaIsPresent(
    PHW_DEVICE_EXTENSION HwDeviceExtension
    )

/*++

Routine Description:

    Returns TRUE if a VGA answers at the legacy ports: the graphics
    controller's index register and Read Map Select register hold what is
    written to them. Everything touched is put back.

--*/

{
    UCHAR originalGCAddr;
    UCHAR originalReadMap;
    UCHAR temp;
    UCHAR testMask;
    BOOLEAN returnStatus = TRUE;

    //
    // Remember the original GC index and point it at Read Map Select.
    //

    originalGCAddr = VideoPortReadPortUchar(HwDeviceExtension->IOAddress +
                         GRAPH_ADDRESS_PORT);

    VideoPortWritePortUchar(HwDeviceExtension->IOAddress +
        GRAPH_ADDRESS_PORT, IND_READ_MAP);

    if ((VideoPortReadPortUchar(HwDeviceExtension->IOAddress +
            GRAPH_ADDRESS_PORT) & 0x0F) != IND_READ_MAP) {

        returnStatus = FALSE;

    } else {

        originalReadMap = VideoPortReadPortUchar(HwDeviceExtension->IOAddress +
                              GRAPH_DATA_PORT);

        //
        // Each of the four plane numbers must read back.
        //

        for (testMask = 0; testMask <= READ_MAP_MASK; testMask++) {

            VideoPortWritePortUchar(HwDeviceExtension->IOAddress +
                GRAPH_DATA_PORT, testMask);

            temp = VideoPortReadPortUchar(HwDeviceExtension->IOAddress +
                       GRAPH_DATA_PORT) & READ_MAP_MASK;

            if (temp != testMask) {

                returnStatus = FALSE;
                break;

            }
        }

        VideoPortWritePortUchar(HwDeviceExtension->IOAddress +
            GRAPH_DATA_PORT, originalReadMap);
    }

    VideoPortWritePortUchar(HwDeviceExtension->IOAddress +
        GRAPH_ADDRESS_PORT, originalGCAddr);

    VideoDebugPrint((returnStatus ? 2 : 0,
                     "vpc_nt4vga: check vga-present: %s graphics controller index and read map select hold their values\n",
                     returnStatus ? "ok" : "FAIL"));

    return returnStatus;

} // VgaIsPresent()


static VOID
VgaProbeRegisters(
    PHW_DEVICE_EXTENSION HwDeviceExtension
    )

/*++

Routine Description:

    Reads and writes back the registers the corpus reports on: the
    miscellaneous output register, a DAC palette entry, a CRTC register
    used as scratch, and the attribute controller. Everything written is
    restored.

--*/

{
    PUCHAR ioBase = HwDeviceExtension->IOAddress;
    UCHAR misc;
    USHORT crtcAddress;
    USHORT statusPort;
    UCHAR saved[3];
    UCHAR readBack[3];
    UCHAR savedIndex;
    UCHAR savedCursor;
    UCHAR cursor;
    UCHAR attIndex;
    UCHAR attMode;
    UCHAR attPlanes;
    UCHAR savedOverscan;
    UCHAR overscan;
    BOOLEAN ok;
    ULONG i;

    static UCHAR dacTest[3] = { 0x2A, 0x15, 0x3F };

    //
    // The miscellaneous output register says where the CRTC lives.
    //

    misc = VideoPortReadPortUchar(ioBase + MISC_OUTPUT_REG_READ_PORT);

    if (misc & MISC_OUTPUT_COLOR_IO) {

        crtcAddress = CRTC_ADDRESS_PORT_COLOR;
        statusPort = INPUT_STATUS_1_COLOR;

    } else {

        crtcAddress = CRTC_ADDRESS_PORT_MONO;
        statusPort = INPUT_STATUS_1_MONO;

    }

    VideoDebugPrint((misc != 0xFF ? 2 : 0,
                     "vpc_nt4vga: check misc-output: %s 0x%02x (%s, CRTC at 0x%x)\n",
                     misc != 0xFF ? "ok" : "FAIL",
                     misc,
                     (misc & MISC_OUTPUT_COLOR_IO) ? "color" : "mono",
                     VGA_BASE_IO_PORT + crtcAddress));

    //
    // DAC entry 255: save it, write a color, read it back, restore it.
    //

    VideoPortWritePortUchar(ioBase + DAC_ADDRESS_READ_PORT, 0xFF);

    for (i = 0; i < 3; i++) {

        saved[i] = VideoPortReadPortUchar(ioBase + DAC_DATA_REG_PORT);

    }

    VideoPortWritePortUchar(ioBase + DAC_ADDRESS_WRITE_PORT, 0xFF);

    for (i = 0; i < 3; i++) {

        VideoPortWritePortUchar(ioBase + DAC_DATA_REG_PORT, dacTest[i]);

    }

    VideoPortWritePortUchar(ioBase + DAC_ADDRESS_READ_PORT, 0xFF);

    for (i = 0; i < 3; i++) {

        readBack[i] = VideoPortReadPortUchar(ioBase + DAC_DATA_REG_PORT) & VGA_DAC_MASK;

    }

    VideoPortWritePortUchar(ioBase + DAC_ADDRESS_WRITE_PORT, 0xFF);

    for (i = 0; i < 3; i++) {

        VideoPortWritePortUchar(ioBase + DAC_DATA_REG_PORT, saved[i]);

    }

    ok = (BOOLEAN) (VideoPortCompareMemory(readBack, dacTest, 3) == 3);

    VideoDebugPrint((ok ? 2 : 0,
                     "vpc_nt4vga: check dac-palette-readback: %s entry 255 wrote %02x %02x %02x read %02x %02x %02x (was %02x %02x %02x)\n",
                     ok ? "ok" : "FAIL",
                     dacTest[0], dacTest[1], dacTest[2],
                     readBack[0], readBack[1], readBack[2],
                     saved[0], saved[1], saved[2]));

    //
    // The VGA has no scratch register; the low byte of the cursor location
    // serves as one (nothing but the cursor moves, and it is put back).
    //

    savedIndex = VideoPortReadPortUchar(ioBase + crtcAddress);
    VideoPortWritePortUchar(ioBase + crtcAddress, IND_CURSOR_LOW_LOC);
    savedCursor = VideoPortReadPortUchar(ioBase + crtcAddress + 1);
    VideoPortWritePortUchar(ioBase + crtcAddress + 1, 0x5A);
    cursor = VideoPortReadPortUchar(ioBase + crtcAddress + 1);
    VideoPortWritePortUchar(ioBase + crtcAddress + 1, savedCursor);
    VideoPortWritePortUchar(ioBase + crtcAddress, savedIndex);

    VideoDebugPrint((cursor == 0x5A ? 2 : 0,
                     "vpc_nt4vga: check crtc-scratch-readback: %s CR%02X wrote 0x5a read 0x%02x (was 0x%02x)\n",
                     cursor == 0x5A ? "ok" : "FAIL",
                     IND_CURSOR_LOW_LOC, cursor, savedCursor));

    //
    // The attribute controller: reading input status 1 resets its
    // flip-flop to the index; with the flip-flop there, the index reads
    // back at the address port. The overscan (border) color takes a value
    // and is put back.
    //

    VideoPortReadPortUchar(ioBase + statusPort);
    VideoPortWritePortUchar(ioBase + ATT_ADDRESS_PORT,
                            IND_ATT_MODE_CONTROL | VIDEO_ENABLE);
    attMode = VideoPortReadPortUchar(ioBase + ATT_DATA_READ_PORT);
    VideoPortReadPortUchar(ioBase + statusPort);
    attIndex = VideoPortReadPortUchar(ioBase + ATT_ADDRESS_PORT);

    VideoPortReadPortUchar(ioBase + statusPort);
    VideoPortWritePortUchar(ioBase + ATT_ADDRESS_PORT,
                            IND_ATT_COLOR_PLANE_ENABLE | VIDEO_ENABLE);
    attPlanes = VideoPortReadPortUchar(ioBase + ATT_DATA_READ_PORT);

    VideoPortReadPortUchar(ioBase + statusPort);
    VideoPortWritePortUchar(ioBase + ATT_ADDRESS_PORT,
                            IND_ATT_OVERSCAN | VIDEO_ENABLE);
    savedOverscan = VideoPortReadPortUchar(ioBase + ATT_DATA_READ_PORT);
    VideoPortWritePortUchar(ioBase + ATT_ADDRESS_PORT, 0x3C);

    VideoPortReadPortUchar(ioBase + statusPort);
    VideoPortWritePortUchar(ioBase + ATT_ADDRESS_PORT,
                            IND_ATT_OVERSCAN | VIDEO_ENABLE);
    overscan = VideoPortReadPortUchar(ioBase + ATT_DATA_READ_PORT);
    VideoPortWritePortUchar(ioBase + ATT_ADDRESS_PORT, savedOverscan);

    //
    // Leave the flip-flop at the index and the palette enabled.
    //

    VideoPortReadPortUchar(ioBase + statusPort);
    VideoPortWritePortUchar(ioBase + ATT_ADDRESS_PORT, VIDEO_ENABLE);

    ok = (BOOLEAN) (attIndex == (IND_ATT_MODE_CONTROL | VIDEO_ENABLE) &&
                    attMode != 0xFF && overscan == 0x3C);

    VideoDebugPrint((ok ? 2 : 0,
                     "vpc_nt4vga: check attribute-controller: %s index reads back 0x%02x, mode control 0x%02x (%s), color plane enable 0x%02x, overscan wrote 0x3c read 0x%02x\n",
                     ok ? "ok" : "FAIL",
                     attIndex, attMode,
                     (attMode & ATT_MODE_GRAPHICS) ? "graphics" : "text",
                     attPlanes, overscan));

} // VgaProbeRegisters()


BOOLEAN
VgaInitialize(
    PVOID HwDeviceExtension
    )

/*++

Routine Description:

    Nothing to do: the mode is set when the display driver asks for one.

--*/

{
    return TRUE;

} // VgaInitialize()


BOOLEAN
VgaStartIO(
    PVOID HwDeviceExtension,
    PVIDEO_REQUEST_PACKET RequestPacket
    )

/*++

Routine Description:

    The main request dispatcher of the miniport.

Arguments:

    HwDeviceExtension - Supplies a pointer to the miniport's device extension.

    RequestPacket - Pointer to the video request packet.

Return Value:

    TRUE: every request is completed here, its status in the status block.

--*/

{
    PHW_DEVICE_EXTENSION hwDeviceExtension = HwDeviceExtension;
    VP_STATUS status;
    PVIDEO_MEMORY_INFORMATION memoryInformation;
    ULONG inIoSpace;

    switch (RequestPacket->IoControlCode) {

    case IOCTL_VIDEO_MAP_VIDEO_MEMORY:

        VideoDebugPrint((2, "VgaStartIO - MapVideoMemory\n"));

        if ( (RequestPacket->OutputBufferLength <
              (RequestPacket->StatusBlock->Information =
                                     sizeof(VIDEO_MEMORY_INFORMATION))) ||
             (RequestPacket->InputBufferLength < sizeof(VIDEO_MEMORY)) ) {

            status = ERROR_INSUFFICIENT_BUFFER;
            break;
        }

        memoryInformation = RequestPacket->OutputBuffer;

        memoryInformation->VideoRamBase = ((PVIDEO_MEMORY)
                (RequestPacket->InputBuffer))->RequestedVirtualAddress;

        memoryInformation->VideoRamLength =
                hwDeviceExtension->PhysicalVideoMemoryLength;

        inIoSpace = 0;

        status = VideoPortMapMemory(hwDeviceExtension,
                                    hwDeviceExtension->PhysicalVideoMemoryBase,
                                    &(memoryInformation->VideoRamLength),
                                    &inIoSpace,
                                    &(memoryInformation->VideoRamBase));

        //
        // The frame buffer of the current mode sits inside the window.
        //

        memoryInformation->FrameBufferBase =
            ((PUCHAR) (memoryInformation->VideoRamBase)) +
            hwDeviceExtension->CurrentMode->FrameOffset;

        memoryInformation->FrameBufferLength =
            hwDeviceExtension->CurrentMode->sbytes;

        break;


    case IOCTL_VIDEO_UNMAP_VIDEO_MEMORY:

        VideoDebugPrint((2, "VgaStartIO - UnMapVideoMemory\n"));

        if (RequestPacket->InputBufferLength < sizeof(VIDEO_MEMORY)) {

            status = ERROR_INSUFFICIENT_BUFFER;
            break;
        }

        status = VideoPortUnmapMemory(hwDeviceExtension,
                                      ((PVIDEO_MEMORY)
                                       (RequestPacket->InputBuffer))->
                                           RequestedVirtualAddress,
                                      0);

        break;


    case IOCTL_VIDEO_QUERY_AVAIL_MODES:

        VideoDebugPrint((2, "VgaStartIO - QueryAvailableModes\n"));

        status = VgaQueryAvailableModes(HwDeviceExtension,
                                        (PVIDEO_MODE_INFORMATION)
                                            RequestPacket->OutputBuffer,
                                        RequestPacket->OutputBufferLength,
                                        &RequestPacket->StatusBlock->Information);

        break;


    case IOCTL_VIDEO_QUERY_NUM_AVAIL_MODES:

        VideoDebugPrint((2, "VgaStartIO - QueryNumAvailableModes\n"));

        status = VgaQueryNumberOfAvailableModes(HwDeviceExtension,
                                                (PVIDEO_NUM_MODES)
                                                    RequestPacket->OutputBuffer,
                                                RequestPacket->OutputBufferLength,
                                                &RequestPacket->StatusBlock->Information);

        break;


    case IOCTL_VIDEO_QUERY_CURRENT_MODE:

        VideoDebugPrint((2, "VgaStartIO - QueryCurrentMode\n"));

        status = VgaQueryCurrentMode(HwDeviceExtension,
                                     (PVIDEO_MODE_INFORMATION) RequestPacket->OutputBuffer,
                                     RequestPacket->OutputBufferLength,
                                     &RequestPacket->StatusBlock->Information);

        break;


    case IOCTL_VIDEO_SET_CURRENT_MODE:

        VideoDebugPrint((2, "VgaStartIO - SetCurrentMode\n"));

        status = VgaSetMode(HwDeviceExtension,
                            (PVIDEO_MODE) RequestPacket->InputBuffer,
                            RequestPacket->InputBufferLength);

        break;


    case IOCTL_VIDEO_SET_COLOR_REGISTERS:

        VideoDebugPrint((2, "VgaStartIO - SetColorRegs\n"));

        status = VgaSetColorLookup(HwDeviceExtension,
                                   (PVIDEO_CLUT) RequestPacket->InputBuffer,
                                   RequestPacket->InputBufferLength);

        break;


    case IOCTL_VIDEO_RESET_DEVICE:

        VideoDebugPrint((2, "VgaStartIO - Reset Device\n"));

        //
        // Back to 80x25 text, as the BIOS would leave it.
        //

        {
            VIDEO_MODE videoMode;

            videoMode.RequestedMode = 0;

            status = VgaSetMode(HwDeviceExtension,
                                &videoMode,
                                sizeof(videoMode));
        }

        break;


    //
    // if we get here, an invalid IoControlCode was specified.
    //

    default:

        VideoDebugPrint((1, "Fell through vga startIO routine - invalid command 0x%x\n",
                         RequestPacket->IoControlCode));

        status = ERROR_INVALID_FUNCTION;

        break;

    }

    RequestPacket->StatusBlock->Status = status;

    return TRUE;

} // VgaStartIO()


BOOLEAN
VgaResetHw(
    PVOID HwDeviceExtension,
    ULONG Columns,
    ULONG Rows
    )

/*++

Routine Description:

    Puts the adapter back in 80x25 text for the HAL (shutdown, crash).
    Only register writes: it may run at any IRQL.

--*/

{
    VgaInterpretCmdStream(HwDeviceExtension, ModesVGA[0].CmdStrings);

    return TRUE;

} // VgaResetHw()


static VOID
VgaInterpretCmdStream(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PUSHORT pusCmdStream
    )

/*++

Routine Description:

    Sends a register stream to the VGA (see nt4vga.h for the opcodes).

--*/

{
    PUCHAR ioBase = HwDeviceExtension->IOAddress;
    ULONG ulCmd;
    ULONG ulPort;
    ULONG culCount;
    ULONG ulIndex;
    ULONG i;

    if (pusCmdStream == NULL) {

        VideoDebugPrint((1, "VgaInterpretCmdStream - Invalid pusCmdStream\n"));
        return;

    }

    while ((ulCmd = *pusCmdStream++) != EOD) {

        switch (ulCmd) {

        case OB:

            ulPort = *pusCmdStream++;
            VideoPortWritePortUchar(ioBase + ulPort, (UCHAR) *pusCmdStream++);
            break;

        case OW:

            ulPort = *pusCmdStream++;
            VideoPortWritePortUshort((PUSHORT) (ioBase + ulPort), *pusCmdStream++);
            break;

        case INDXOUT:

            ulPort = *pusCmdStream++;
            culCount = *pusCmdStream++;
            ulIndex = *pusCmdStream++;

            for (i = 0; i < culCount; i++, ulIndex++) {

                VideoPortWritePortUchar(ioBase + ulPort, (UCHAR) ulIndex);
                VideoPortWritePortUchar(ioBase + ulPort + 1, (UCHAR) *pusCmdStream++);

            }
            break;

        case ATCOUT:

            culCount = *pusCmdStream++;
            ulIndex = *pusCmdStream++;

            //
            // Reset the flip-flop, then index and data alternate.
            //

            VideoPortReadPortUchar(ioBase + INPUT_STATUS_1_COLOR);

            for (i = 0; i < culCount; i++, ulIndex++) {

                VideoPortWritePortUchar(ioBase + ATT_ADDRESS_PORT, (UCHAR) ulIndex);
                VideoPortWritePortUchar(ioBase + ATT_ADDRESS_PORT, (UCHAR) *pusCmdStream++);

            }
            break;

        case IB:

            ulPort = *pusCmdStream++;
            VideoPortReadPortUchar(ioBase + ulPort);
            break;

        default:

            VideoDebugPrint((0, "VgaInterpretCmdStream - unknown command 0x%x\n", ulCmd));
            return;

        }
    }

} // VgaInterpretCmdStream()


static UCHAR
VgaReadIndexed(
    PUCHAR IoBase,
    ULONG Port,
    UCHAR Index
    )
{
    VideoPortWritePortUchar(IoBase + Port, Index);
    return VideoPortReadPortUchar(IoBase + Port + 1);
}


static VP_STATUS
VgaSetMode(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PVIDEO_MODE Mode,
    ULONG ModeSize
    )

/*++

Routine Description:

    Sets the VGA into the requested mode from its register stream, then
    reads back the registers that tell the modes apart.

Arguments:

    HwDeviceExtension - Pointer to the miniport driver's device extension.

    Mode - Pointer to the structure naming the requested mode.

    ModeSize - Length of the input buffer supplied by the user.

Return Value:

    ERROR_INSUFFICIENT_BUFFER, ERROR_INVALID_PARAMETER or NO_ERROR.

--*/

{
    PVIDEOMODE pRequestedMode;
    PUCHAR ioBase = HwDeviceExtension->IOAddress;
    ULONG modeNumber;
    UCHAR misc, graphMisc, attMode, seqMemoryMode;
    BOOLEAN ok;

    //
    // Check if the size of the data in the input buffer is large enough.
    //

    if (ModeSize < sizeof(VIDEO_MODE)) {

        return ERROR_INSUFFICIENT_BUFFER;

    }

    modeNumber = Mode->RequestedMode & ~VIDEO_MODE_NO_ZERO_MEMORY;

    //
    // Extract the clear memory bit: this miniport never clears video
    // memory (the text font lives in plane 2).
    //

    if (modeNumber >= HwDeviceExtension->NumAvailableModes) {

        return ERROR_INVALID_PARAMETER;

    }

    pRequestedMode = &ModesVGA[modeNumber];

    VgaInterpretCmdStream(HwDeviceExtension, pRequestedMode->CmdStrings);

    //
    // Read back what tells the modes apart.
    //

    misc = VideoPortReadPortUchar(ioBase + MISC_OUTPUT_REG_READ_PORT);
    graphMisc = VgaReadIndexed(ioBase, GRAPH_ADDRESS_PORT, IND_GRAPH_MISC);
    seqMemoryMode = VgaReadIndexed(ioBase, SEQ_ADDRESS_PORT, IND_MEMORY_MODE);

    VideoPortReadPortUchar(ioBase + INPUT_STATUS_1_COLOR);
    VideoPortWritePortUchar(ioBase + ATT_ADDRESS_PORT,
                            IND_ATT_MODE_CONTROL | VIDEO_ENABLE);
    attMode = VideoPortReadPortUchar(ioBase + ATT_DATA_READ_PORT);
    VideoPortReadPortUchar(ioBase + INPUT_STATUS_1_COLOR);
    VideoPortWritePortUchar(ioBase + ATT_ADDRESS_PORT, VIDEO_ENABLE);

    ok = (BOOLEAN) (misc == pRequestedMode->MiscOutput &&
                    graphMisc == pRequestedMode->GraphMisc &&
                    attMode == pRequestedMode->AttModeControl &&
                    seqMemoryMode == pRequestedMode->SeqMemoryMode);

    VideoDebugPrint((ok ? 2 : 0,
                     "vpc_nt4vga: check set-mode-%02xh-readback: %s misc 0x%02x graphics misc 0x%02x attribute mode 0x%02x memory mode 0x%02x (want 0x%02x 0x%02x 0x%02x 0x%02x)\n",
                     pRequestedMode->Int10ModeNumber,
                     ok ? "ok" : "FAIL",
                     misc, graphMisc, attMode, seqMemoryMode,
                     pRequestedMode->MiscOutput, pRequestedMode->GraphMisc,
                     pRequestedMode->AttModeControl, pRequestedMode->SeqMemoryMode));

    //
    // Update the location of the physical frame buffer within video memory.
    //

    HwDeviceExtension->CurrentMode = pRequestedMode;
    HwDeviceExtension->ModeIndex = modeNumber;

    return NO_ERROR;

} // end VgaSetMode()


static VOID
VgaFillModeInformation(
    ULONG ModeIndex,
    PVIDEO_MODE_INFORMATION videoModes
    )
{
    PVIDEOMODE pMode = &ModesVGA[ModeIndex];

    videoModes->Length = sizeof(VIDEO_MODE_INFORMATION);
    videoModes->ModeIndex = ModeIndex;
    videoModes->VisScreenWidth = pMode->hres;
    videoModes->ScreenStride = pMode->wbytes;
    videoModes->VisScreenHeight = pMode->vres;
    videoModes->NumberOfPlanes = pMode->numPlanes;
    videoModes->BitsPerPlane = pMode->bitsPerPlane;
    videoModes->Frequency = pMode->Frequency;
    videoModes->XMillimeter = 320;        // temporary hardcoded constant
    videoModes->YMillimeter = 240;        // temporary hardcoded constant
    videoModes->NumberRedBits = 6;
    videoModes->NumberGreenBits = 6;
    videoModes->NumberBlueBits = 6;
    videoModes->RedMask = 0;
    videoModes->GreenMask = 0;
    videoModes->BlueMask = 0;
    videoModes->AttributeFlags = pMode->fbType;
    videoModes->VideoMemoryBitmapWidth = pMode->wbytes * 8 / pMode->bitsPerPlane;
    videoModes->VideoMemoryBitmapHeight = 0x10000 / pMode->wbytes;
    videoModes->DriverSpecificAttributeFlags = 0;
}


static VP_STATUS
VgaQueryAvailableModes(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PVIDEO_MODE_INFORMATION ModeInformation,
    ULONG ModeInformationSize,
    PULONG_PTR OutputSize
    )

/*++

Routine Description:

    Returns the list of all available modes on the card.

--*/

{
    PVIDEO_MODE_INFORMATION videoModes = ModeInformation;
    ULONG i;

    //
    // Find out the size of the data to be put in the buffer and return
    // that in the status information (whether or not the information is
    // there). If the buffer passed in is not large enough return an
    // appropriate error code.
    //

    if (ModeInformationSize < (*OutputSize =
            HwDeviceExtension->NumAvailableModes *
            sizeof(VIDEO_MODE_INFORMATION)) ) {

        return ERROR_INSUFFICIENT_BUFFER;

    }

    //
    // For each mode supported by the card, store the mode characteristics
    // in the output buffer.
    //

    for (i = 0; i < NumVideoModes; i++, videoModes++) {

        VgaFillModeInformation(i, videoModes);

    }

    return NO_ERROR;

} // end VgaQueryAvailableModes()


static VP_STATUS
VgaQueryNumberOfAvailableModes(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PVIDEO_NUM_MODES NumModes,
    ULONG NumModesSize,
    PULONG_PTR OutputSize
    )

/*++

Routine Description:

    Returns the number of available modes for this particular video card.

--*/

{
    if (NumModesSize < (*OutputSize = sizeof(VIDEO_NUM_MODES)) ) {

        return ERROR_INSUFFICIENT_BUFFER;

    }

    NumModes->NumModes = HwDeviceExtension->NumAvailableModes;
    NumModes->ModeInformationLength = sizeof(VIDEO_MODE_INFORMATION);

    return NO_ERROR;

} // end VgaQueryNumberOfAvailableModes()


static VP_STATUS
VgaQueryCurrentMode(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PVIDEO_MODE_INFORMATION ModeInformation,
    ULONG ModeInformationSize,
    PULONG_PTR OutputSize
    )

/*++

Routine Description:

    Returns a description of the current video mode.

--*/

{
    if (ModeInformationSize < (*OutputSize = sizeof(VIDEO_MODE_INFORMATION))) {

        return ERROR_INSUFFICIENT_BUFFER;

    }

    VgaFillModeInformation(HwDeviceExtension->ModeIndex, ModeInformation);

    return NO_ERROR;

} // end VgaQueryCurrentMode()


static VP_STATUS
VgaSetColorLookup(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PVIDEO_CLUT ClutBuffer,
    ULONG ClutBufferSize
    )

/*++

Routine Description:

    Sets a specified portion of the DAC color lookup table settings. The
    display driver hands six-bit values, as the DAC takes them.

Arguments:

    HwDeviceExtension - Pointer to the miniport driver's device extension.

    ClutBuffer - Pointer to the structure containing the color lookup table.

    ClutBufferSize - Length of the input buffer supplied by the user.

Return Value:

    NO_ERROR, ERROR_INSUFFICIENT_BUFFER or ERROR_INVALID_PARAMETER.

--*/

{
    PUCHAR ioBase = HwDeviceExtension->IOAddress;
    ULONG i;
    ULONG mismatches;
    UCHAR red, green, blue;

    //
    // Check if the size of the data in the input buffer is large enough.
    //

    if ( (ClutBufferSize < sizeof(VIDEO_CLUT) - sizeof(ULONG)) ||
         (ClutBufferSize < sizeof(VIDEO_CLUT) +
                     (sizeof(ULONG) * (ClutBuffer->NumEntries - 1)) ) ) {

        return ERROR_INSUFFICIENT_BUFFER;

    }

    //
    // Check to see if the parameters are valid.
    //

    if ( (ClutBuffer->NumEntries == 0) ||
         (ClutBuffer->FirstEntry > VGA_NUM_DAC_ENTRIES) ||
         (ClutBuffer->FirstEntry + ClutBuffer->NumEntries >
                                     VGA_NUM_DAC_ENTRIES) ) {

        return ERROR_INVALID_PARAMETER;

    }

    //
    //  Set CLUT registers directly on the hardware.
    //

    VideoPortWritePortUchar(ioBase + DAC_ADDRESS_WRITE_PORT,
                            (UCHAR) ClutBuffer->FirstEntry);

    for (i = 0; i < ClutBuffer->NumEntries; i++) {

        VideoPortWritePortUchar(ioBase + DAC_DATA_REG_PORT,
                                ClutBuffer->LookupTable[i].RgbArray.Red);
        VideoPortWritePortUchar(ioBase + DAC_DATA_REG_PORT,
                                ClutBuffer->LookupTable[i].RgbArray.Green);
        VideoPortWritePortUchar(ioBase + DAC_DATA_REG_PORT,
                                ClutBuffer->LookupTable[i].RgbArray.Blue);

    }

    //
    // For the corpus: the DAC must hold what was written.
    //

    mismatches = 0;
    VideoPortWritePortUchar(ioBase + DAC_ADDRESS_READ_PORT,
                            (UCHAR) ClutBuffer->FirstEntry);

    for (i = 0; i < ClutBuffer->NumEntries; i++) {

        red = VideoPortReadPortUchar(ioBase + DAC_DATA_REG_PORT);
        green = VideoPortReadPortUchar(ioBase + DAC_DATA_REG_PORT);
        blue = VideoPortReadPortUchar(ioBase + DAC_DATA_REG_PORT);

        if (((red ^ ClutBuffer->LookupTable[i].RgbArray.Red) & VGA_DAC_MASK) ||
            ((green ^ ClutBuffer->LookupTable[i].RgbArray.Green) & VGA_DAC_MASK) ||
            ((blue ^ ClutBuffer->LookupTable[i].RgbArray.Blue) & VGA_DAC_MASK)) {

            mismatches++;

        }
    }

    HwDeviceExtension->ColorRegisterRequests++;

    VideoDebugPrint((mismatches == 0 ? 2 : 0,
                     "vpc_nt4vga: check set-color-registers-%d-readback: %s entries %d-%d, %d differ\n",
                     HwDeviceExtension->ColorRegisterRequests,
                     mismatches == 0 ? "ok" : "FAIL",
                     ClutBuffer->FirstEntry,
                     ClutBuffer->FirstEntry + ClutBuffer->NumEntries - 1,
                     mismatches));

    return NO_ERROR;

} // end VgaSetColorLookup()


//
// The full-screen DOS box's port access. This miniport does not validate:
// every access goes straight to the hardware.
//

VP_STATUS
VgaValidatorUcharEntry(
    ULONG_PTR Context,
    ULONG Port,
    UCHAR AccessMode,
    PUCHAR Data
    )
{
    PHW_DEVICE_EXTENSION hwDeviceExtension = (PHW_DEVICE_EXTENSION) Context;

    Port -= VGA_BASE_IO_PORT;

    if (AccessMode & EMULATOR_WRITE_ACCESS) {

        VideoPortWritePortUchar(hwDeviceExtension->IOAddress + Port, *Data);

    } else {

        *Data = VideoPortReadPortUchar(hwDeviceExtension->IOAddress + Port);

    }

    return NO_ERROR;

} // end VgaValidatorUcharEntry()


VP_STATUS
VgaValidatorUshortEntry(
    ULONG_PTR Context,
    ULONG Port,
    UCHAR AccessMode,
    PUSHORT Data
    )
{
    PHW_DEVICE_EXTENSION hwDeviceExtension = (PHW_DEVICE_EXTENSION) Context;

    Port -= VGA_BASE_IO_PORT;

    if (AccessMode & EMULATOR_WRITE_ACCESS) {

        VideoPortWritePortUshort((PUSHORT) (hwDeviceExtension->IOAddress + Port), *Data);

    } else {

        *Data = VideoPortReadPortUshort((PUSHORT) (hwDeviceExtension->IOAddress + Port));

    }

    return NO_ERROR;

} // end VgaValidatorUshortEntry()
