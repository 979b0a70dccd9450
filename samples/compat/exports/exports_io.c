// SPDX-License-Identifier: GPL-2.0
/*
 * exports_io.c - access ranges, mappings, the port and register accessors,
 * bus data and the ROM, and the table of every export by name.
 *
 * On x86 video.h compiles the twelve single-value port and register
 * accessors inline. This file asks for the port driver's exported ones
 * instead (the switch video.h offers for that), so that the module
 * references every export and loads only where each one resolves.
 */

#define VPSHIM_IO_OUT_OF_LINE

#include "dderror.h"
#include "devioctl.h"
#include "miniport.h"
#include "ntddvdeo.h"
#include "video.h"
#include "exports.h"

/*
 * A port no device decodes on a PC (the ISA range 0xE8-0xEB, reserved):
 * reads give whatever the bus floats to and writes go nowhere.
 */
#define EXP_SPARE_PORT          0xE8

/* Physical memory that is RAM on every PC: no device may claim or map it. */
#define EXP_RAM_ADDRESS         0x00100000

/* The legacy VGA window, which the edu device does not decode. */
#define EXP_VGA_MEMORY          0x000A0000
#define EXP_VGA_MEMORY_LENGTH   0x00020000
#define EXP_VGA_PORTS           0x000003C0
#define EXP_VGA_PORTS_LENGTH    0x00000020

/* ---- Every export, by name ------------------------------------------------ */

typedef struct _EXP_EXPORT {
    PCHAR Name;
    PVOID Function;
} EXP_EXPORT;

#define EXP_EXPORT(f)           { #f, (PVOID)(f) }

static const EXP_EXPORT ExpExports[] = {
    EXP_EXPORT(VideoPortAcquireDeviceLock),
    EXP_EXPORT(VideoPortAcquireSpinLock),
    EXP_EXPORT(VideoPortAcquireSpinLockAtDpcLevel),
    EXP_EXPORT(VideoPortAllocateBuffer),
    EXP_EXPORT(VideoPortAllocateCommonBuffer),
    EXP_EXPORT(VideoPortAllocateContiguousMemory),
    EXP_EXPORT(VideoPortAllocatePool),
    EXP_EXPORT(VideoPortAssociateEventsWithDmaHandle),
    EXP_EXPORT(VideoPortCheckForDeviceExistence),
    EXP_EXPORT(VideoPortClearEvent),
    EXP_EXPORT(VideoPortCompareMemory),
    EXP_EXPORT(VideoPortCompleteDma),
    EXP_EXPORT(VideoPortCreateEvent),
    EXP_EXPORT(VideoPortCreateSecondaryDisplay),
    EXP_EXPORT(VideoPortCreateSpinLock),
    EXP_EXPORT(VideoPortDDCMonitorHelper),
    EXP_EXPORT(VideoPortDebugPrint),
    EXP_EXPORT(VideoPortDeleteEvent),
    EXP_EXPORT(VideoPortDeleteSpinLock),
    EXP_EXPORT(VideoPortDisableInterrupt),
    EXP_EXPORT(VideoPortDoDma),
    EXP_EXPORT(VideoPortEnableInterrupt),
    EXP_EXPORT(VideoPortEnumerateChildren),
    EXP_EXPORT(VideoPortFlushRegistry),
    EXP_EXPORT(VideoPortFreeCommonBuffer),
    EXP_EXPORT(VideoPortFreeDeviceBase),
    EXP_EXPORT(VideoPortFreePool),
    EXP_EXPORT(VideoPortGetAccessRanges),
    EXP_EXPORT(VideoPortGetAgpServices),
    EXP_EXPORT(VideoPortGetAssociatedDeviceExtension),
    EXP_EXPORT(VideoPortGetAssociatedDeviceID),
    EXP_EXPORT(VideoPortGetBusData),
    EXP_EXPORT(VideoPortGetBytesUsed),
    EXP_EXPORT(VideoPortGetCommonBuffer),
    EXP_EXPORT(VideoPortGetCurrentIrql),
    EXP_EXPORT(VideoPortGetDeviceBase),
    EXP_EXPORT(VideoPortGetDeviceData),
    EXP_EXPORT(VideoPortGetDmaAdapter),
    EXP_EXPORT(VideoPortGetDmaContext),
    EXP_EXPORT(VideoPortGetMdl),
    EXP_EXPORT(VideoPortGetRegistryParameters),
    EXP_EXPORT(VideoPortGetRomImage),
    EXP_EXPORT(VideoPortGetVersion),
    EXP_EXPORT(VideoPortGetVgaStatus),
    EXP_EXPORT(VideoPortInitialize),
    EXP_EXPORT(VideoPortInt10),
    EXP_EXPORT(VideoPortInterlockedDecrement),
    EXP_EXPORT(VideoPortInterlockedExchange),
    EXP_EXPORT(VideoPortInterlockedIncrement),
    EXP_EXPORT(VideoPortIsNoVesa),
    EXP_EXPORT(VideoPortLockBuffer),
    EXP_EXPORT(VideoPortLockPages),
    EXP_EXPORT(VideoPortLogError),
    EXP_EXPORT(VideoPortMapBankedMemory),
    EXP_EXPORT(VideoPortMapDmaMemory),
    EXP_EXPORT(VideoPortMapMemory),
    EXP_EXPORT(VideoPortMoveMemory),
    EXP_EXPORT(VideoPortPutDmaAdapter),
    EXP_EXPORT(VideoPortQueryPerformanceCounter),
    EXP_EXPORT(VideoPortQueryServices),
    EXP_EXPORT(VideoPortQuerySystemTime),
    EXP_EXPORT(VideoPortQueueDpc),
    EXP_EXPORT(VideoPortReadPortBufferUchar),
    EXP_EXPORT(VideoPortReadPortBufferUlong),
    EXP_EXPORT(VideoPortReadPortBufferUshort),
    EXP_EXPORT(VideoPortReadPortUchar),
    EXP_EXPORT(VideoPortReadPortUlong),
    EXP_EXPORT(VideoPortReadPortUshort),
    EXP_EXPORT(VideoPortReadRegisterBufferUchar),
    EXP_EXPORT(VideoPortReadRegisterBufferUlong),
    EXP_EXPORT(VideoPortReadRegisterBufferUshort),
    EXP_EXPORT(VideoPortReadRegisterUchar),
    EXP_EXPORT(VideoPortReadRegisterUlong),
    EXP_EXPORT(VideoPortReadRegisterUshort),
    EXP_EXPORT(VideoPortReadStateEvent),
    EXP_EXPORT(VideoPortRegisterBugcheckCallback),
    EXP_EXPORT(VideoPortReleaseBuffer),
    EXP_EXPORT(VideoPortReleaseCommonBuffer),
    EXP_EXPORT(VideoPortReleaseDeviceLock),
    EXP_EXPORT(VideoPortReleaseSpinLock),
    EXP_EXPORT(VideoPortReleaseSpinLockFromDpcLevel),
    EXP_EXPORT(VideoPortScanRom),
    EXP_EXPORT(VideoPortSetBusData),
    EXP_EXPORT(VideoPortSetBytesUsed),
    EXP_EXPORT(VideoPortSetDmaContext),
    EXP_EXPORT(VideoPortSetEvent),
    EXP_EXPORT(VideoPortSetRegistryParameters),
    EXP_EXPORT(VideoPortSetTrappedEmulatorPorts),
    EXP_EXPORT(VideoPortSignalDmaComplete),
    EXP_EXPORT(VideoPortStallExecution),
    EXP_EXPORT(VideoPortStartDma),
    EXP_EXPORT(VideoPortStartTimer),
    EXP_EXPORT(VideoPortStopTimer),
    EXP_EXPORT(VideoPortSynchronizeExecution),
    EXP_EXPORT(VideoPortUnlockBuffer),
    EXP_EXPORT(VideoPortUnlockPages),
    EXP_EXPORT(VideoPortUnmapDmaMemory),
    EXP_EXPORT(VideoPortUnmapMemory),
    EXP_EXPORT(VideoPortVerifyAccessRanges),
    EXP_EXPORT(VideoPortWaitForSingleObject),
    EXP_EXPORT(VideoPortWritePortBufferUchar),
    EXP_EXPORT(VideoPortWritePortBufferUlong),
    EXP_EXPORT(VideoPortWritePortBufferUshort),
    EXP_EXPORT(VideoPortWritePortUchar),
    EXP_EXPORT(VideoPortWritePortUlong),
    EXP_EXPORT(VideoPortWritePortUshort),
    EXP_EXPORT(VideoPortWriteRegisterBufferUchar),
    EXP_EXPORT(VideoPortWriteRegisterBufferUlong),
    EXP_EXPORT(VideoPortWriteRegisterBufferUshort),
    EXP_EXPORT(VideoPortWriteRegisterUchar),
    EXP_EXPORT(VideoPortWriteRegisterUlong),
    EXP_EXPORT(VideoPortWriteRegisterUshort),
    EXP_EXPORT(VideoPortZeroDeviceMemory),
    EXP_EXPORT(VideoPortZeroMemory),
};

#define EXP_EXPORT_COUNT        (sizeof(ExpExports) / sizeof(ExpExports[0]))

/*
 * VideoPortGetProcAddress: every export by its name gives the export
 * itself; anything else gives NULL.
 */
VOID ExpCheckProcAddress(PEXP_EXTENSION Ext)
{
    PVOID function;
    ULONG i;

    ExpBegin(Ext, "get-proc-address-every-export");
    if (EXP_EXPORT_COUNT != 114) {
        ExpFail(Ext, "the table does not list the 114 documented functions", EXP_EXPORT_COUNT);
    }
    for (i = 0; i < EXP_EXPORT_COUNT; i++) {
        function = Ext->GetProcAddress(Ext, (PUCHAR)ExpExports[i].Name);
        if (function != ExpExports[i].Function) {
            VideoPortDebugPrint(Error, EXP_PREFIX "check %s: FAIL %s resolves to 0x%Ix, "
                                "not to the export\n", Ext->Check, ExpExports[i].Name,
                                (ULONG_PTR)function);
            Ext->CheckFailures++;
        }
    }
    ExpEnd(Ext);

    ExpBegin(Ext, "get-proc-address");
    ExpNull(Ext, "NULL name", Ext->GetProcAddress(Ext, NULL));
    ExpNull(Ext, "empty name", Ext->GetProcAddress(Ext, (PUCHAR)""));
    ExpNull(Ext, "unknown function", Ext->GetProcAddress(Ext, (PUCHAR)"VideoPortFrobnicate"));
    ExpNull(Ext, "name with a suffix",
            Ext->GetProcAddress(Ext, (PUCHAR)"VideoPortZeroMemoryEx"));
    ExpNull(Ext, "name in the wrong case",
            Ext->GetProcAddress(Ext, (PUCHAR)"videoportzeromemory"));
    ExpNull(Ext, "a kernel function the video port does not export",
            Ext->GetProcAddress(Ext, (PUCHAR)"KeBugCheckEx"));
    ExpNull(Ext, "an extension of no device",
            Ext->GetProcAddress(ExpForeignExtension, (PUCHAR)"VideoPortZeroMemory"));
    ExpEnd(Ext);
}

/* ---- HwFindAdapter: access ranges and device bases ------------------------- */

/*
 * Checks that crashed the kernel on the vpshim they were first run against
 * (it slept under the spin lock; it now refuses). They run unless the
 * registry leaves them out: a DWORD "CrashingChecks" in
 * /lib/firmware/vpshim/vpc_exports.reg, one bit per check, clear to skip it
 * (reported as skipped, with the reason), for trying an older vpshim.
 */
#define EXP_CRASH_DEVICE_BASE   0x00000001      /* GetDeviceBase at DISPATCH_LEVEL */
#define EXP_CRASH_FREE_BASE     0x00000002      /* FreeDeviceBase at DISPATCH_LEVEL */

static VP_STATUS ExpDwordCallback(PVOID HwDeviceExtension, PVOID Context, PWSTR ValueName,
                                  PVOID ValueData, ULONG ValueLength)
{
    if (ValueLength != sizeof(ULONG) || ValueData == NULL) {
        return ERROR_INVALID_PARAMETER;
    }
    *(PULONG)Context = *(PULONG)ValueData;
    return NO_ERROR;
}

static ULONG ExpCrashingChecks(PEXP_EXTENSION Ext)
{
    ULONG value = 0;

    if (VideoPortGetRegistryParameters(Ext, L"CrashingChecks", FALSE, ExpDwordCallback,
                                       &value) != NO_ERROR) {
        value = EXP_CRASH_DEVICE_BASE | EXP_CRASH_FREE_BASE;
    }
    return value;
}

/* VideoPortGetDeviceBase and FreeDeviceBase belong at PASSIVE_LEVEL. */
static VOID ExpDeviceBaseAtDispatch(PEXP_EXTENSION Ext, PVOID Context)
{
    PVOID *mapping = Context;

    *mapping = VideoPortGetDeviceBase(Ext, Ext->RegisterPhysical, 0x1000,
                                      VIDEO_MEMORY_SPACE_MEMORY);
}

static VOID ExpFreeBaseAtDispatch(PEXP_EXTENSION Ext, PVOID Context)
{
    PVOID *mapping = Context;

    VideoPortFreeDeviceBase(Ext, *mapping);
}

static VOID ExpAccessRangesAtDispatch(PEXP_EXTENSION Ext, PVOID Context)
{
    PVP_STATUS status = Context;
    VIDEO_ACCESS_RANGE ranges[PCI_TYPE0_ADDRESSES];

    VideoPortZeroMemory(ranges, sizeof(ranges));
    *status = VideoPortGetAccessRanges(Ext, 0, NULL, PCI_TYPE0_ADDRESSES, ranges, NULL, NULL,
                                       NULL);
}

static VOID ExpCheckAtDispatch(PEXP_EXTENSION Ext, ULONG Crashing)
{
    PVOID mapping;
    VP_STATUS status;

    ExpBegin(Ext, "get-access-ranges-at-dispatch");
    status = NO_ERROR;
    ExpUnderSpinLock(Ext, ExpAccessRangesAtDispatch, &status);
    ExpNotOk(Ext, "the device's own ranges under a spin lock (PASSIVE_LEVEL only)", status);
    ExpEnd(Ext);

    if (!(Crashing & EXP_CRASH_DEVICE_BASE)) {
        VideoPortDebugPrint(Warn, EXP_PREFIX "check get-device-base-at-dispatch: skip crashes "
                            "the kernel (vpshim maps with ioremap() under the spin lock: BUG "
                            "in __get_vm_area_node on vpshim before 3c54aac); CrashingChecks "
                            "bit 0 runs it\n");
    } else {
        ExpBegin(Ext, "get-device-base-at-dispatch");
        mapping = NULL;
        ExpUnderSpinLock(Ext, ExpDeviceBaseAtDispatch, &mapping);
        ExpNull(Ext, "BAR0 mapped under a spin lock (PASSIVE_LEVEL only)", mapping);
        if (mapping != NULL) {
            VideoPortFreeDeviceBase(Ext, mapping);
        }
        ExpEnd(Ext);
    }

    if (!(Crashing & EXP_CRASH_FREE_BASE)) {
        VideoPortDebugPrint(Warn, EXP_PREFIX "check free-device-base-at-dispatch: skip "
                            "crashes the kernel (vpshim unmaps under the spin lock instead of "
                            "refusing, before 3c54aac); CrashingChecks bit 1 runs it\n");
    } else {
        ExpBegin(Ext, "free-device-base-at-dispatch");
        mapping = VideoPortGetDeviceBase(Ext, Ext->RegisterPhysical, 0x1000,
                                         VIDEO_MEMORY_SPACE_MEMORY);
        ExpTrue(Ext, "no mapping to free", mapping != NULL, 0);
        if (mapping != NULL) {
            ExpUnderSpinLock(Ext, ExpFreeBaseAtDispatch, &mapping);
            /* Refused, as it must be: still mapped, freed here. */
            ExpValue(Ext, "the mapping, after a free under a spin lock",
                     VideoPortReadRegisterUlong((PULONG)mapping) & 0xFF, EDU_ID_MAGIC);
            VideoPortFreeDeviceBase(Ext, mapping);
        }
        ExpEnd(Ext);
    }
}

static VOID ExpRange(PVIDEO_ACCESS_RANGE Range, ULONGLONG Start, ULONG Length, UCHAR InIoSpace)
{
    VideoPortZeroMemory(Range, sizeof(*Range));
    Range->RangeStart.QuadPart = Start;
    Range->RangeLength = Length;
    Range->RangeInIoSpace = InIoSpace;
    Range->RangeVisible = TRUE;
}

VOID ExpCheckResources(PEXP_EXTENSION Ext)
{
    VIDEO_ACCESS_RANGE ranges[PCI_TYPE0_ADDRESSES];
    VIDEO_ACCESS_RANGE bad;
    USHORT vendorId = EDU_VENDOR_ID;
    USHORT deviceId = EDU_DEVICE_ID;
    USHORT wrongId = 0xFFFF;
    PHYSICAL_ADDRESS address;
    PUCHAR second;
    VP_STATUS status;
    ULONG slot = 0xFFFFFFFF;
    ULONG id;

    /* VideoPortGetAccessRanges */
    ExpBegin(Ext, "get-access-ranges");
    VideoPortZeroMemory(ranges, sizeof(ranges));
    status = VideoPortGetAccessRanges(Ext, 0, NULL, PCI_TYPE0_ADDRESSES, ranges, &wrongId,
                                      &deviceId, NULL);
    ExpNotOk(Ext, "a vendor ID the device does not have", status);
    status = VideoPortGetAccessRanges(Ext, 0, NULL, PCI_TYPE0_ADDRESSES, ranges, &vendorId,
                                      &wrongId, NULL);
    ExpNotOk(Ext, "a device ID the device does not have", status);
    status = VideoPortGetAccessRanges(Ext, 0, NULL, 1, NULL, &vendorId, &deviceId, NULL);
    ExpNotOk(Ext, "NULL AccessRanges", status);
    status = VideoPortGetAccessRanges(ExpForeignExtension, 0, NULL, PCI_TYPE0_ADDRESSES,
                                      ranges, &vendorId, &deviceId, NULL);
    ExpNotOk(Ext, "an extension of no device", status);
    /* Zero ranges gives every claim back: a success. */
    status = VideoPortGetAccessRanges(Ext, 0, NULL, 0, NULL, NULL, NULL, NULL);
    ExpStatus(Ext, "zero ranges (release the claims)", status, NO_ERROR);
    /* And it still works after all that. */
    VideoPortZeroMemory(ranges, sizeof(ranges));
    status = VideoPortGetAccessRanges(Ext, 0, NULL, PCI_TYPE0_ADDRESSES, ranges, &vendorId,
                                      &deviceId, &slot);
    ExpStatus(Ext, "the right IDs, after the wrong calls", status, NO_ERROR);
    ExpTrue(Ext, "BAR0 is not a memory range",
            (BOOLEAN)(ranges[0].RangeLength >= 0x100 && !ranges[0].RangeInIoSpace),
            ranges[0].RangeLength);
    ExpTrue(Ext, "no slot number", slot != 0xFFFFFFFF, slot);
    ExpEnd(Ext);
    if (status != NO_ERROR) {
        return;
    }
    Ext->RegisterPhysical = ranges[0].RangeStart;
    Ext->RegisterLength = ranges[0].RangeLength;

    /* VideoPortVerifyAccessRanges: each failure leaves nothing claimed. */
    ExpBegin(Ext, "verify-access-ranges");
    status = VideoPortVerifyAccessRanges(Ext, 1, NULL);
    ExpStatus(Ext, "NULL AccessRanges", status, ERROR_INVALID_PARAMETER);
    ExpRange(&bad, EXP_RAM_ADDRESS, 0x1000, FALSE);
    status = VideoPortVerifyAccessRanges(Ext, 1, &bad);
    ExpStatus(Ext, "system RAM", status, ERROR_INVALID_PARAMETER);
    ExpRange(&bad, EXP_RAM_ADDRESS, 0x1000, FALSE);
    bad.RangeShareable = TRUE;
    status = VideoPortVerifyAccessRanges(Ext, 1, &bad);
    ExpStatus(Ext, "system RAM, marked shareable", status, ERROR_INVALID_PARAMETER);
    ExpRange(&bad, EXP_VGA_MEMORY, EXP_VGA_MEMORY_LENGTH, FALSE);
    status = VideoPortVerifyAccessRanges(Ext, 1, &bad);
    ExpStatus(Ext, "the legacy VGA memory of another adapter", status,
              ERROR_INVALID_PARAMETER);
    ExpRange(&bad, EXP_VGA_PORTS, EXP_VGA_PORTS_LENGTH, TRUE);
    status = VideoPortVerifyAccessRanges(Ext, 1, &bad);
    ExpStatus(Ext, "the legacy VGA ports of another adapter", status, ERROR_INVALID_PARAMETER);
    status = VideoPortVerifyAccessRanges(ExpForeignExtension, 1, &ranges[0]);
    ExpStatus(Ext, "an extension of no device", status, ERROR_INVALID_PARAMETER);
    status = VideoPortVerifyAccessRanges(Ext, 1, &ranges[0]);
    ExpStatus(Ext, "BAR0, after the wrong calls", status, NO_ERROR);
    ExpEnd(Ext);

    /* VideoPortGetDeviceBase */
    ExpBegin(Ext, "get-device-base");
    ExpNull(Ext, "zero bytes",
            VideoPortGetDeviceBase(Ext, Ext->RegisterPhysical, 0, VIDEO_MEMORY_SPACE_MEMORY));
    address = Ext->RegisterPhysical;
    address.QuadPart += Ext->RegisterLength - 4;
    ExpNull(Ext, "a range running past the end of BAR0",
            VideoPortGetDeviceBase(Ext, address, 8, VIDEO_MEMORY_SPACE_MEMORY));
    address.QuadPart = EXP_RAM_ADDRESS;
    ExpNull(Ext, "system RAM",
            VideoPortGetDeviceBase(Ext, address, 0x1000, VIDEO_MEMORY_SPACE_MEMORY));
    address.QuadPart = EXP_VGA_PORTS;
    ExpNull(Ext, "I/O ports never claimed",
            VideoPortGetDeviceBase(Ext, address, EXP_VGA_PORTS_LENGTH, VIDEO_MEMORY_SPACE_IO));
    ExpNull(Ext, "an extension of no device",
            VideoPortGetDeviceBase(ExpForeignExtension, Ext->RegisterPhysical,
                                   Ext->RegisterLength, VIDEO_MEMORY_SPACE_MEMORY));
    Ext->Registers = VideoPortGetDeviceBase(Ext, Ext->RegisterPhysical, Ext->RegisterLength,
                                            VIDEO_MEMORY_SPACE_MEMORY);
    ExpTrue(Ext, "BAR0 cannot be mapped after the wrong calls", Ext->Registers != NULL, 0);
    if (Ext->Registers != NULL) {
        id = VideoPortReadRegisterUlong((PULONG)(Ext->Registers + EDU_ID));
        ExpValue(Ext, "the edu ID register", id & 0xFF, EDU_ID_MAGIC);
    }
    ExpEnd(Ext);
    if (Ext->Registers == NULL) {
        return;
    }

    /* VideoPortFreeDeviceBase: nothing that is not a whole mapping is freed. */
    ExpBegin(Ext, "free-device-base");
    VideoPortFreeDeviceBase(Ext, NULL);
    VideoPortFreeDeviceBase(Ext, &bad);
    VideoPortFreeDeviceBase(Ext, Ext->Registers + EDU_LIVENESS);
    VideoPortFreeDeviceBase(ExpForeignExtension, Ext->Registers);
    second = VideoPortGetDeviceBase(Ext, Ext->RegisterPhysical, 0x1000,
                                    VIDEO_MEMORY_SPACE_MEMORY);
    ExpTrue(Ext, "a second mapping of BAR0 failed", second != NULL, 0);
    if (second != NULL) {
        VideoPortFreeDeviceBase(Ext, second);
        VideoPortFreeDeviceBase(Ext, second);
    }
    /* The first mapping is still there and still the device. */
    id = VideoPortReadRegisterUlong((PULONG)(Ext->Registers + EDU_ID));
    ExpValue(Ext, "the edu ID through the mapping kept", id & 0xFF, EDU_ID_MAGIC);
    ExpEnd(Ext);

    /* The same calls at DISPATCH_LEVEL, under a lock of this function. */
    if (VideoPortCreateSpinLock(Ext, &Ext->Lock) == NO_ERROR) {
        ExpCheckAtDispatch(Ext, ExpCrashingChecks(Ext));
        VideoPortDeleteSpinLock(Ext, Ext->Lock);
        Ext->Lock = NULL;
    }
}

/* ---- Port and register accessors ------------------------------------------ */

static VOID ExpCheckPorts(PEXP_EXTENSION Ext)
{
    PUCHAR port = (PUCHAR)(ULONG_PTR)EXP_SPARE_PORT;
    UCHAR bytes[4];
    USHORT words[2];
    ULONG dwords[2];

    /*
     * A port of no device: nothing to fail, the call must just come back.
     * The buffer forms also get a zero count with no buffer at all.
     */
    ExpBegin(Ext, "read-port-uchar");
    (VOID)VideoPortReadPortUchar(port);
    ExpEnd(Ext);
    ExpBegin(Ext, "read-port-ushort");
    (VOID)VideoPortReadPortUshort((PUSHORT)port);
    ExpEnd(Ext);
    ExpBegin(Ext, "read-port-ulong");
    (VOID)VideoPortReadPortUlong((PULONG)port);
    ExpEnd(Ext);
    ExpBegin(Ext, "write-port-uchar");
    VideoPortWritePortUchar(port, 0x5A);
    ExpEnd(Ext);
    ExpBegin(Ext, "write-port-ushort");
    VideoPortWritePortUshort((PUSHORT)port, 0x5A5A);
    ExpEnd(Ext);
    ExpBegin(Ext, "write-port-ulong");
    VideoPortWritePortUlong((PULONG)port, 0x5A5A5A5A);
    ExpEnd(Ext);

    ExpBegin(Ext, "read-port-buffer-uchar");
    VideoPortReadPortBufferUchar(port, NULL, 0);
    VideoPortReadPortBufferUchar(port, bytes, sizeof(bytes));
    ExpEnd(Ext);
    ExpBegin(Ext, "read-port-buffer-ushort");
    VideoPortReadPortBufferUshort((PUSHORT)port, NULL, 0);
    VideoPortReadPortBufferUshort((PUSHORT)port, words, 2);
    ExpEnd(Ext);
    ExpBegin(Ext, "read-port-buffer-ulong");
    VideoPortReadPortBufferUlong((PULONG)port, NULL, 0);
    VideoPortReadPortBufferUlong((PULONG)port, dwords, 2);
    ExpEnd(Ext);
    ExpBegin(Ext, "write-port-buffer-uchar");
    VideoPortWritePortBufferUchar(port, NULL, 0);
    VideoPortWritePortBufferUchar(port, bytes, sizeof(bytes));
    ExpEnd(Ext);
    ExpBegin(Ext, "write-port-buffer-ushort");
    VideoPortWritePortBufferUshort((PUSHORT)port, NULL, 0);
    VideoPortWritePortBufferUshort((PUSHORT)port, words, 2);
    ExpEnd(Ext);
    ExpBegin(Ext, "write-port-buffer-ulong");
    VideoPortWritePortBufferUlong((PULONG)port, NULL, 0);
    VideoPortWritePortBufferUlong((PULONG)port, dwords, 2);
    ExpEnd(Ext);
}

/*
 * The edu registers: ID (read only) at 0, and at 4 a liveness register
 * that reads back the complement of what was written. The device answers
 * 32- and 64-bit accesses only; narrower ones go nowhere.
 */
static VOID ExpCheckRegisters(PEXP_EXTENSION Ext)
{
    PUCHAR liveness = Ext->Registers + EDU_LIVENESS;
    ULONG dwords[2];
    USHORT words[2];
    UCHAR bytes[4];
    ULONG value;

    ExpBegin(Ext, "write-register-ulong");
    VideoPortWriteRegisterUlong((PULONG)liveness, 0x12345678);
    value = VideoPortReadRegisterUlong((PULONG)liveness);
    ExpValue(Ext, "liveness register after a write", value, ~0x12345678U);
    ExpEnd(Ext);

    ExpBegin(Ext, "read-register-ulong");
    value = VideoPortReadRegisterUlong((PULONG)(Ext->Registers + EDU_ID));
    ExpValue(Ext, "ID register", value & 0xFF, EDU_ID_MAGIC);
    ExpEnd(Ext);

    /* Narrow accesses the device ignores: they must come back. */
    ExpBegin(Ext, "read-register-uchar");
    (VOID)VideoPortReadRegisterUchar(liveness);
    ExpEnd(Ext);
    ExpBegin(Ext, "read-register-ushort");
    (VOID)VideoPortReadRegisterUshort((PUSHORT)liveness);
    ExpEnd(Ext);
    ExpBegin(Ext, "write-register-uchar");
    VideoPortWriteRegisterUchar(liveness, 0xA5);
    ExpEnd(Ext);
    ExpBegin(Ext, "write-register-ushort");
    VideoPortWriteRegisterUshort((PUSHORT)liveness, 0xA5A5);
    ExpEnd(Ext);

    /* Buffers: a count of zero touches nothing, not even the buffer. */
    ExpBegin(Ext, "write-register-buffer-ulong");
    VideoPortWriteRegisterBufferUlong((PULONG)liveness, NULL, 0);
    dwords[0] = 0x0F0F0F0F;
    VideoPortWriteRegisterBufferUlong((PULONG)liveness, dwords, 1);
    value = VideoPortReadRegisterUlong((PULONG)liveness);
    ExpValue(Ext, "liveness register after a one-element write", value, ~0x0F0F0F0FU);
    ExpEnd(Ext);

    ExpBegin(Ext, "read-register-buffer-ulong");
    VideoPortReadRegisterBufferUlong((PULONG)Ext->Registers, NULL, 0);
    dwords[0] = 0;
    dwords[1] = 0;
    VideoPortReadRegisterBufferUlong((PULONG)(Ext->Registers + EDU_ID), dwords, 2);
    ExpValue(Ext, "first element: the ID register", dwords[0] & 0xFF, EDU_ID_MAGIC);
    ExpValue(Ext, "second element: the liveness register", dwords[1], ~0x0F0F0F0FU);
    ExpEnd(Ext);

    ExpBegin(Ext, "read-register-buffer-uchar");
    VideoPortReadRegisterBufferUchar(liveness, NULL, 0);
    VideoPortReadRegisterBufferUchar(liveness, bytes, sizeof(bytes));
    ExpEnd(Ext);
    ExpBegin(Ext, "read-register-buffer-ushort");
    VideoPortReadRegisterBufferUshort((PUSHORT)liveness, NULL, 0);
    VideoPortReadRegisterBufferUshort((PUSHORT)liveness, words, 2);
    ExpEnd(Ext);
    ExpBegin(Ext, "write-register-buffer-uchar");
    VideoPortWriteRegisterBufferUchar(liveness, NULL, 0);
    VideoPortWriteRegisterBufferUchar(liveness, bytes, sizeof(bytes));
    ExpEnd(Ext);
    ExpBegin(Ext, "write-register-buffer-ushort");
    VideoPortWriteRegisterBufferUshort((PUSHORT)liveness, NULL, 0);
    VideoPortWriteRegisterBufferUshort((PUSHORT)liveness, words, 2);
    ExpEnd(Ext);

    /* The narrow and empty writes left the register as it was. */
    ExpBegin(Ext, "zero-device-memory");
    VideoPortZeroDeviceMemory(NULL, 0);
    VideoPortZeroDeviceMemory(liveness, 0);
    value = VideoPortReadRegisterUlong((PULONG)liveness);
    ExpValue(Ext, "a zero-length fill wrote the register", value, ~0x0F0F0F0FU);
    ExpEnd(Ext);
}

/* ---- Bus data, VGA status, device existence, ROM ---------------------------- */

static VOID ExpBusDataAtDispatch(PEXP_EXTENSION Ext, PVOID Context)
{
    PULONG written = Context;
    USHORT vendor = EDU_VENDOR_ID;

    *written = VideoPortSetBusData(Ext, PCIConfiguration, 0, &vendor, 0, sizeof(vendor));
}

static VOID ExpScanRomAtDispatch(PEXP_EXTENSION Ext, PVOID Context)
{
    PBOOLEAN found = Context;

    *found = VideoPortScanRom(Ext, Ext->Registers, 16, (PUCHAR)"\xED");
}

static VP_STATUS ExpQueryDevice(PVOID HwDeviceExtension, PVOID Context,
                                VIDEO_DEVICE_DATA_TYPE DeviceDataType, PVOID Identifier,
                                ULONG IdentifierLength, PVOID ConfigurationData,
                                ULONG ConfigurationDataLength, PVOID ComponentInformation,
                                ULONG ComponentInformationLength)
{
    PULONG calls = Context;

    (*calls)++;
    return NO_ERROR;
}

static VOID ExpCheckBus(PEXP_EXTENSION Ext)
{
    PCI_COMMON_CONFIG config;
    USHORT vendor = EDU_VENDOR_ID;
    UCHAR buffer[8];
    ULONG written;
    ULONG vgaStatus;
    ULONG calls;
    VP_STATUS status;
    BOOLEAN found;
    PVOID rom;

    ExpBegin(Ext, "get-bus-data");
    ExpValue(Ext, "CMOS, which PCI devices do not have",
             VideoPortGetBusData(Ext, Cmos, 0, buffer, 0, sizeof(buffer)), 0);
    ExpValue(Ext, "a bus type that does not exist",
             VideoPortGetBusData(Ext, MaximumBusDataType, 0, buffer, 0, sizeof(buffer)), 0);
    ExpValue(Ext, "NULL Buffer",
             VideoPortGetBusData(Ext, PCIConfiguration, 0, NULL, 0, sizeof(buffer)), 0);
    ExpValue(Ext, "an offset past configuration space",
             VideoPortGetBusData(Ext, PCIConfiguration, 0, buffer, 0x10000, sizeof(buffer)), 0);
    ExpValue(Ext, "an extension of no device",
             VideoPortGetBusData(ExpForeignExtension, PCIConfiguration, 0, buffer, 0,
                                 sizeof(buffer)), 0);
    VideoPortZeroMemory(&config, sizeof(config));
    ExpValue(Ext, "the header, after the wrong calls",
             VideoPortGetBusData(Ext, PCIConfiguration, 0, &config, 0, PCI_COMMON_HDR_LENGTH),
             PCI_COMMON_HDR_LENGTH);
    ExpValue(Ext, "vendor ID", config.VendorID, EDU_VENDOR_ID);
    ExpEnd(Ext);

    /*
     * VideoPortSetBusData: the harmless write is the vendor ID, read only,
     * with the value it has; every wrong call must write nothing.
     */
    ExpBegin(Ext, "set-bus-data");
    ExpValue(Ext, "CMOS", VideoPortSetBusData(Ext, Cmos, 0, &vendor, 0, sizeof(vendor)), 0);
    ExpValue(Ext, "NULL Buffer",
             VideoPortSetBusData(Ext, PCIConfiguration, 0, NULL, 0, sizeof(vendor)), 0);
    ExpValue(Ext, "an offset past configuration space",
             VideoPortSetBusData(Ext, PCIConfiguration, 0, &vendor, 0x10000, sizeof(vendor)), 0);
    ExpValue(Ext, "an extension of no device",
             VideoPortSetBusData(ExpForeignExtension, PCIConfiguration, 0, &vendor, 0,
                                 sizeof(vendor)), 0);
    written = 0xFFFF;
    ExpUnderSpinLock(Ext, ExpBusDataAtDispatch, &written);
    ExpValue(Ext, "at DISPATCH_LEVEL (under a spin lock)", written, 0);
    ExpValue(Ext, "the read-only vendor ID with its own value",
             VideoPortSetBusData(Ext, PCIConfiguration, 0, &vendor, 0, sizeof(vendor)),
             sizeof(vendor));
    ExpEnd(Ext);

    ExpBegin(Ext, "get-vga-status");
    status = VideoPortGetVgaStatus(Ext, NULL);
    ExpNotOk(Ext, "NULL VgaStatus", status);
    vgaStatus = 0xFFFFFFFF;
    status = VideoPortGetVgaStatus(ExpForeignExtension, &vgaStatus);
    ExpNotOk(Ext, "an extension of no device", status);
    ExpValue(Ext, "VgaStatus written for an extension of no device", vgaStatus, 0xFFFFFFFF);
    status = VideoPortGetVgaStatus(Ext, &vgaStatus);
    ExpStatus(Ext, "a PCI device", status, NO_ERROR);
    ExpValue(Ext, "the edu device decodes no VGA", vgaStatus & DEVICE_VGA_ENABLED, 0);
    ExpEnd(Ext);

    ExpBegin(Ext, "check-for-device-existence");
    ExpTrue(Ext, "a device nobody makes",
            !VideoPortCheckForDeviceExistence(Ext, 0xFFFF, 0xFFFF, 0, 0, 0, 0), 1);
    ExpTrue(Ext, "the edu device with a revision it does not have",
            !VideoPortCheckForDeviceExistence(Ext, EDU_VENDOR_ID, EDU_DEVICE_ID, 0xEE, 0, 0,
                                              CDE_USE_REVISION), 1);
    ExpTrue(Ext, "the edu device with subsystem IDs it does not have",
            !VideoPortCheckForDeviceExistence(Ext, EDU_VENDOR_ID, EDU_DEVICE_ID, 0, 0xFFFE,
                                              0xFFFE, CDE_USE_SUBSYSTEM_IDS), 1);
    ExpTrue(Ext, "an extension of no device",
            !VideoPortCheckForDeviceExistence(ExpForeignExtension, EDU_VENDOR_ID,
                                              EDU_DEVICE_ID, 0, 0, 0, 0), 1);
    ExpTrue(Ext, "the edu device itself not found",
            VideoPortCheckForDeviceExistence(Ext, EDU_VENDOR_ID, EDU_DEVICE_ID, 0, 0, 0, 0), 0);
    ExpEnd(Ext);

    /* The edu device has no option ROM. */
    ExpBegin(Ext, "get-rom-image");
    ExpNull(Ext, "zero bytes (frees the image)", VideoPortGetRomImage(Ext, NULL, 0, 0));
    rom = VideoPortGetRomImage(Ext, NULL, 0, 512);
    ExpNull(Ext, "a device without a ROM", rom);
    ExpNull(Ext, "4 GiB of ROM", VideoPortGetRomImage(Ext, NULL, 0, 0xFFFFFFFF));
    ExpNull(Ext, "an extension of no device",
            VideoPortGetRomImage(ExpForeignExtension, NULL, 0, 512));
    ExpEnd(Ext);

    ExpBegin(Ext, "scan-rom");
    ExpTrue(Ext, "NULL RomBase",
            !VideoPortScanRom(Ext, NULL, 16, (PUCHAR)"IBM"), 1);
    ExpTrue(Ext, "RomBase in the miniport's own memory, which is no mapping",
            !VideoPortScanRom(Ext, (PUCHAR)"xxIBMxx", 7, (PUCHAR)"IBM"), 1);
    ExpTrue(Ext, "a length running past the mapping",
            !VideoPortScanRom(Ext, Ext->Registers + Ext->RegisterLength - 4, 16,
                              (PUCHAR)"IBM"), 1);
    ExpTrue(Ext, "NULL String", !VideoPortScanRom(Ext, Ext->Registers, 16, NULL), 1);
    ExpTrue(Ext, "a string longer than the range",
            !VideoPortScanRom(Ext, Ext->Registers, 2, (PUCHAR)"LONGER"), 1);
    ExpTrue(Ext, "an extension of no device",
            !VideoPortScanRom(ExpForeignExtension, Ext->Registers, 16, (PUCHAR)"IBM"), 1);
    found = TRUE;
    ExpUnderSpinLock(Ext, ExpScanRomAtDispatch, &found);
    ExpTrue(Ext, "at DISPATCH_LEVEL (under a spin lock)", !found, found);
    ExpEnd(Ext);

    /* No firmware tree: the callback may not be called with anything. */
    ExpBegin(Ext, "get-device-data");
    status = VideoPortGetDeviceData(Ext, VpControllerData, NULL, NULL);
    ExpNotOk(Ext, "NULL CallbackRoutine", status);
    calls = 0;
    status = VideoPortGetDeviceData(ExpForeignExtension, VpMonitorData, ExpQueryDevice, &calls);
    ExpNotOk(Ext, "an extension of no device", status);
    ExpValue(Ext, "callbacks for an extension of no device", calls, 0);
    calls = 0;
    status = VideoPortGetDeviceData(Ext, VpMachineData, ExpQueryDevice, &calls);
    ExpTrue(Ext, "NO_ERROR is returned exactly when the callback ran",
            (BOOLEAN)((status == NO_ERROR) == (calls != 0)), status);
    ExpEnd(Ext);
}

/* ---- Mappings ------------------------------------------------------------- */

static VOID ExpMapAtDispatch(PEXP_EXTENSION Ext, PVOID Context)
{
    PVP_STATUS status = Context;
    ULONG length = 0x1000;
    ULONG inIoSpace = VIDEO_MEMORY_SPACE_MEMORY;
    PVOID virtualAddress = NULL;

    *status = VideoPortMapMemory(Ext, Ext->RegisterPhysical, &length, &inIoSpace,
                                 &virtualAddress);
    if (*status == NO_ERROR) {
        /* Must not happen; undo it at once all the same. */
        VideoPortUnmapMemory(Ext, virtualAddress, NULL);
    }
}

static VOID ExpBankSwitch(ULONG ReadBank, ULONG WriteBank, PVOID Context)
{
    PEXP_EXTENSION ext = Context;

    ext->StrayCallbacks++;
}

static VOID ExpCheckMappings(PEXP_EXTENSION Ext)
{
    PHYSICAL_ADDRESS address;
    PVOID virtualAddress;
    PVOID sentinel = (PVOID)(ULONG_PTR)0x5A5A5A5A;
    ULONG length;
    ULONG inIoSpace;
    VP_STATUS status;

    ExpBegin(Ext, "map-memory");
    address.QuadPart = EXP_RAM_ADDRESS;
    length = 0x1000;
    inIoSpace = VIDEO_MEMORY_SPACE_MEMORY;
    virtualAddress = NULL;
    status = VideoPortMapMemory(Ext, address, &length, &inIoSpace, &virtualAddress);
    ExpStatus(Ext, "system RAM", status, ERROR_INVALID_PARAMETER);
    ExpNull(Ext, "an address handed back with the failure", virtualAddress);

    length = 0x1000;
    status = VideoPortMapMemory(Ext, Ext->RegisterPhysical, &length, &inIoSpace, NULL);
    ExpStatus(Ext, "NULL VirtualAddress", status, ERROR_INVALID_PARAMETER);
    virtualAddress = NULL;
    status = VideoPortMapMemory(Ext, Ext->RegisterPhysical, NULL, &inIoSpace, &virtualAddress);
    ExpStatus(Ext, "NULL Length", status, ERROR_INVALID_PARAMETER);
    status = VideoPortMapMemory(Ext, Ext->RegisterPhysical, &length, NULL, &virtualAddress);
    ExpStatus(Ext, "NULL InIoSpace", status, ERROR_INVALID_PARAMETER);

    length = 0;
    virtualAddress = NULL;
    status = VideoPortMapMemory(Ext, Ext->RegisterPhysical, &length, &inIoSpace,
                                &virtualAddress);
    ExpStatus(Ext, "zero bytes", status, ERROR_INVALID_PARAMETER);

    /* A process handle, or USER_MODE, with no request and so no process. */
    length = 0x1000;
    virtualAddress = sentinel;
    status = VideoPortMapMemory(Ext, Ext->RegisterPhysical, &length, &inIoSpace,
                                &virtualAddress);
    ExpStatus(Ext, "a process handle outside any request", status, ERROR_INVALID_PARAMETER);
    ExpValue(Ext, "VirtualAddress changed by the failure", (ULONG_PTR)virtualAddress,
             (ULONG_PTR)sentinel);
    inIoSpace = VIDEO_MEMORY_SPACE_MEMORY | VIDEO_MEMORY_SPACE_USER_MODE;
    virtualAddress = NULL;
    status = VideoPortMapMemory(Ext, Ext->RegisterPhysical, &length, &inIoSpace,
                                &virtualAddress);
    ExpStatus(Ext, "VIDEO_MEMORY_SPACE_USER_MODE outside any request", status,
              ERROR_INVALID_PARAMETER);

    inIoSpace = VIDEO_MEMORY_SPACE_MEMORY;
    virtualAddress = NULL;
    status = VideoPortMapMemory(ExpForeignExtension, Ext->RegisterPhysical, &length,
                                &inIoSpace, &virtualAddress);
    ExpStatus(Ext, "an extension of no device", status, ERROR_INVALID_PARAMETER);

    status = NO_ERROR;
    ExpUnderSpinLock(Ext, ExpMapAtDispatch, &status);
    ExpStatus(Ext, "at DISPATCH_LEVEL (under a spin lock)", status, ERROR_INVALID_PARAMETER);
    ExpEnd(Ext);

    /*
     * VideoPortUnmapMemory: a system-space mapping of its own, then every
     * wrong address; the mapping must survive until the right one comes.
     */
    ExpBegin(Ext, "unmap-memory");
    length = 0x1000;
    inIoSpace = VIDEO_MEMORY_SPACE_MEMORY;
    virtualAddress = NULL;
    status = VideoPortMapMemory(Ext, Ext->RegisterPhysical, &length, &inIoSpace,
                                &virtualAddress);
    ExpStatus(Ext, "mapping the first page of BAR0 in system space", status, NO_ERROR);
    ExpStatus(Ext, "NULL", VideoPortUnmapMemory(Ext, NULL, NULL), ERROR_INVALID_PARAMETER);
    ExpStatus(Ext, "an address no mapping holds",
              VideoPortUnmapMemory(Ext, &length, NULL), ERROR_INVALID_PARAMETER);
    ExpStatus(Ext, "a VideoPortGetDeviceBase mapping",
              VideoPortUnmapMemory(Ext, Ext->Registers, NULL), ERROR_INVALID_PARAMETER);
    if (status == NO_ERROR) {
        ExpStatus(Ext, "an extension of no device",
                  VideoPortUnmapMemory(ExpForeignExtension, virtualAddress, NULL),
                  ERROR_INVALID_PARAMETER);
        ExpValue(Ext, "the edu ID through the mapping after the wrong unmaps",
                 VideoPortReadRegisterUlong((PULONG)virtualAddress) & 0xFF, EDU_ID_MAGIC);
        ExpStatus(Ext, "the mapping itself",
                  VideoPortUnmapMemory(Ext, virtualAddress, NULL), NO_ERROR);
        ExpStatus(Ext, "the same mapping again",
                  VideoPortUnmapMemory(Ext, virtualAddress, NULL), ERROR_INVALID_PARAMETER);
    }
    /* The device base was left alone through all of it. */
    ExpValue(Ext, "the edu ID through the device base",
             VideoPortReadRegisterUlong((PULONG)(Ext->Registers + EDU_ID)) & 0xFF,
             EDU_ID_MAGIC);
    ExpEnd(Ext);

    /* VideoPortMapBankedMemory: only ever for a requesting process. */
    ExpBegin(Ext, "map-banked-memory");
    address.QuadPart = EXP_RAM_ADDRESS;
    length = 0x10000;
    inIoSpace = VIDEO_MEMORY_SPACE_MEMORY;
    virtualAddress = sentinel;
    status = VideoPortMapBankedMemory(Ext, address, &length, &inIoSpace, &virtualAddress,
                                      0x10000, TRUE, ExpBankSwitch, Ext);
    ExpStatus(Ext, "system RAM", status, ERROR_INVALID_PARAMETER);
    ExpValue(Ext, "VirtualAddress changed by the failure", (ULONG_PTR)virtualAddress,
             (ULONG_PTR)sentinel);
    length = 0x1000;
    status = VideoPortMapBankedMemory(Ext, Ext->RegisterPhysical, &length, &inIoSpace,
                                      &virtualAddress, 0x1000, TRUE, ExpBankSwitch, Ext);
    ExpStatus(Ext, "a process handle outside any request", status, ERROR_INVALID_PARAMETER);
    status = VideoPortMapBankedMemory(Ext, Ext->RegisterPhysical, &length, &inIoSpace, NULL,
                                      0x1000, TRUE, ExpBankSwitch, Ext);
    ExpStatus(Ext, "NULL VirtualAddress", status, ERROR_INVALID_PARAMETER);
    ExpValue(Ext, "bank routine calls", Ext->StrayCallbacks, 0);
    ExpEnd(Ext);

    /* Never for a VDM here: every call fails as documented. */
    ExpBegin(Ext, "set-trapped-emulator-ports");
    ExpStatus(Ext, "NULL AccessRange", VideoPortSetTrappedEmulatorPorts(Ext, 3, NULL),
              ERROR_INVALID_PARAMETER);
    ExpStatus(Ext, "an extension of no device",
              VideoPortSetTrappedEmulatorPorts(ExpForeignExtension, 0, NULL),
              ERROR_INVALID_PARAMETER);
    ExpEnd(Ext);
}

VOID ExpCheckIo(PEXP_EXTENSION Ext)
{
    ExpCheckPorts(Ext);
    ExpCheckRegisters(Ext);
    ExpCheckBus(Ext);
    ExpCheckMappings(Ext);
}
