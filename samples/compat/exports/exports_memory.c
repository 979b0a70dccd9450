// SPDX-License-Identifier: GPL-2.0
/*
 * exports_memory.c - pool and buffers, the memory helpers, the registry,
 * and the port's services (version, debug output, error log, child
 * devices, DDC, QueryServices, AGP, Int10, bug-check callbacks, DualView).
 */

#include "dderror.h"
#include "devioctl.h"
#include "miniport.h"
#include "ntddvdeo.h"
#include "video.h"
#include "exports.h"

/* No pool is this big; neither is any machine's memory. */
#define EXP_HUGE_POOL           ((SIZE_T)1 << 40)

static WCHAR ExpValueName[] = L"VpcExportsValue";
static WCHAR ExpMissingName[] = L"VpcExportsNoSuchValue";
static WCHAR ExpDefaultSettings[] = L"DefaultSettings.XResolution";
static WCHAR ExpEmptyName[] = L"";

/* ---- Pool -------------------------------------------------------------------- */

static VOID ExpPagedPoolAtDispatch(PEXP_EXTENSION Ext, PVOID Context)
{
    PVOID *block = Context;

    *block = VideoPortAllocatePool(Ext, VpPagedPool, 64, EXP_TAG);
}

static VOID ExpNonPagedPoolAtDispatch(PEXP_EXTENSION Ext, PVOID Context)
{
    PVOID *block = Context;

    *block = VideoPortAllocatePool(Ext, VpNonPagedPoolCacheAligned, 100, EXP_TAG);
    if (*block != NULL) {
        VideoPortFreePool(Ext, *block);
    }
}

static VOID ExpFreePagedAtDispatch(PEXP_EXTENSION Ext, PVOID Context)
{
    /* Paged pool may only be freed below DISPATCH_LEVEL: refused. */
    VideoPortFreePool(Ext, Context);
}

static VOID ExpBufferAtDispatch(PEXP_EXTENSION Ext, PVOID Context)
{
    PVP_STATUS status = Context;
    PVOID buffer = NULL;

    *status = VideoPortAllocateBuffer(Ext, 64, &buffer);
    if (*status == NO_ERROR) {
        Ext->StrayBuffer = buffer;
    }
}

static VOID ExpContiguousAtDispatch(PEXP_EXTENSION Ext, PVOID Context)
{
    PVOID *block = Context;
    PHYSICAL_ADDRESS highest;

    highest.QuadPart = 0xFFFFFFFF;
    *block = VideoPortAllocateContiguousMemory(Ext, 0x1000, highest);
}

static BOOLEAN ExpPattern(PUCHAR Buffer, ULONG Length, UCHAR Value)
{
    ULONG i;

    for (i = 0; i < Length; i++) {
        if (Buffer[i] != Value) {
            return FALSE;
        }
    }
    return TRUE;
}

static VOID ExpFill(PUCHAR Buffer, ULONG Length, UCHAR Value)
{
    ULONG i;

    for (i = 0; i < Length; i++) {
        Buffer[i] = Value;
    }
}

static VOID ExpCheckPool(PEXP_EXTENSION Ext)
{
    PHYSICAL_ADDRESS highest;
    PUCHAR block;
    PUCHAR paged;
    PVOID result;
    PVOID buffer;
    VP_STATUS status;
    UCHAR local[16];

    ExpBegin(Ext, "allocate-pool");
    ExpNull(Ext, "pool type 99", VideoPortAllocatePool(Ext, (VP_POOL_TYPE)99, 64, EXP_TAG));
    ExpNull(Ext, "the largest SIZE_T",
            VideoPortAllocatePool(Ext, VpNonPagedPool, ~(SIZE_T)0, EXP_TAG));
    ExpNull(Ext, "1 TiB", VideoPortAllocatePool(Ext, VpPagedPool, EXP_HUGE_POOL, EXP_TAG));
    ExpNull(Ext, "an extension of no device",
            VideoPortAllocatePool(ExpForeignExtension, VpNonPagedPool, 64, EXP_TAG));
    result = ExpForeignExtension;
    ExpUnderSpinLock(Ext, ExpPagedPoolAtDispatch, &result);
    ExpNull(Ext, "paged pool at DISPATCH_LEVEL (under a spin lock)", result);
    if (result != NULL && result != ExpForeignExtension) {
        VideoPortFreePool(Ext, result);
    }
    if (Ext->DpcRan) {
        ExpNull(Ext, "paged pool in a DPC", Ext->DpcPagedPool);
    }
    ExpEnd(Ext);

    /* The reference allows nonpaged pool at DISPATCH_LEVEL. */
    ExpBegin(Ext, "allocate-pool-nonpaged-at-dispatch");
    result = NULL;
    ExpUnderSpinLock(Ext, ExpNonPagedPoolAtDispatch, &result);
    ExpTrue(Ext, "refused under a spin lock", result != NULL, 0);
    if (Ext->DpcRan) {
        ExpTrue(Ext, "refused in a DPC", Ext->DpcNonPagedPool != NULL, 0);
    }
    ExpEnd(Ext);

    /*
     * VideoPortFreePool: only a whole live block of this device is freed;
     * the block must keep its contents through the wrong calls.
     */
    ExpBegin(Ext, "free-pool");
    block = VideoPortAllocatePool(Ext, VpNonPagedPool, 64, EXP_TAG);
    paged = VideoPortAllocatePool(Ext, VpPagedPool, 64, EXP_TAG);
    ExpTrue(Ext, "no nonpaged block to play with", block != NULL, 0);
    ExpTrue(Ext, "no paged block to play with", paged != NULL, 0);
    if (block != NULL && paged != NULL) {
        ExpFill(block, 64, 0xA5);
        ExpFill(paged, 64, 0x5A);
        VideoPortFreePool(Ext, NULL);
        VideoPortFreePool(Ext, local);
        VideoPortFreePool(Ext, block + 8);
        VideoPortFreePool(ExpForeignExtension, block);
        ExpUnderSpinLock(Ext, ExpFreePagedAtDispatch, paged);
        ExpTrue(Ext, "the block changed by the refused frees", ExpPattern(block, 64, 0xA5),
                block[0]);
        ExpTrue(Ext, "the paged block changed by the refused free at DISPATCH_LEVEL",
                ExpPattern(paged, 64, 0x5A), paged[0]);
        VideoPortFreePool(Ext, block);
        VideoPortFreePool(Ext, block);
        VideoPortFreePool(Ext, paged);
    }
    ExpEnd(Ext);

    ExpBegin(Ext, "allocate-buffer");
    ExpNotOk(Ext, "NULL Buffer", VideoPortAllocateBuffer(Ext, 64, NULL));
    buffer = NULL;
    status = VideoPortAllocateBuffer(Ext, 0xFFFFFFFF, &buffer);
    ExpStatus(Ext, "4 GiB", status, ERROR_NOT_ENOUGH_MEMORY);
    ExpNull(Ext, "a buffer handed back with the failure", status == NO_ERROR ? NULL : buffer);
    ExpNotOk(Ext, "an extension of no device",
             VideoPortAllocateBuffer(ExpForeignExtension, 64, &buffer));
    status = NO_ERROR;
    ExpUnderSpinLock(Ext, ExpBufferAtDispatch, &status);
    ExpNotOk(Ext, "at DISPATCH_LEVEL (under a spin lock)", status);
    if (Ext->StrayBuffer != NULL) {
        VideoPortReleaseBuffer(Ext, Ext->StrayBuffer);
        Ext->StrayBuffer = NULL;
    }
    buffer = NULL;
    ExpStatus(Ext, "64 bytes, after the wrong calls", VideoPortAllocateBuffer(Ext, 64, &buffer),
              NO_ERROR);
    ExpEnd(Ext);

    ExpBegin(Ext, "release-buffer");
    if (buffer != NULL) {
        ExpFill(buffer, 64, 0x3C);
        VideoPortReleaseBuffer(Ext, NULL);
        VideoPortReleaseBuffer(Ext, local);
        VideoPortReleaseBuffer(Ext, (PUCHAR)buffer + 1);
        VideoPortReleaseBuffer(ExpForeignExtension, buffer);
        ExpTrue(Ext, "the buffer changed by the refused releases",
                ExpPattern(buffer, 64, 0x3C), ((PUCHAR)buffer)[0]);
        VideoPortReleaseBuffer(Ext, buffer);
        VideoPortReleaseBuffer(Ext, buffer);
    } else {
        ExpFail(Ext, "no buffer to release", 0);
    }
    ExpEnd(Ext);

    /* Nothing here may succeed: the memory would stay until unbind. */
    ExpBegin(Ext, "allocate-contiguous-memory");
    highest.QuadPart = 0xFFFFFFFF;
    ExpNull(Ext, "zero bytes", VideoPortAllocateContiguousMemory(Ext, 0, highest));
    ExpNull(Ext, "4 GiB below 4 GiB",
            VideoPortAllocateContiguousMemory(Ext, 0xFFFFFFFF, highest));
    ExpNull(Ext, "an extension of no device",
            VideoPortAllocateContiguousMemory(ExpForeignExtension, 0x1000, highest));
    highest.QuadPart = 0;
    ExpNull(Ext, "nothing acceptable (highest address 0)",
            VideoPortAllocateContiguousMemory(Ext, 0x1000, highest));
    result = NULL;
    ExpUnderSpinLock(Ext, ExpContiguousAtDispatch, &result);
    ExpNull(Ext, "at DISPATCH_LEVEL (under a spin lock)", result);
    ExpEnd(Ext);
}

/* ---- Memory helpers --------------------------------------------------------- */

static VOID ExpCheckHelpers(PEXP_EXTENSION Ext)
{
    UCHAR a[16];
    UCHAR b[16];
    ULONG i;

    ExpBegin(Ext, "zero-memory");
    VideoPortZeroMemory(NULL, 0);
    ExpFill(a, sizeof(a), 0xFF);
    VideoPortZeroMemory(a + 3, 5);
    ExpTrue(Ext, "bytes before the range", ExpPattern(a, 3, 0xFF), a[2]);
    ExpTrue(Ext, "the range", ExpPattern(a + 3, 5, 0), a[3]);
    ExpTrue(Ext, "bytes after the range", ExpPattern(a + 8, 8, 0xFF), a[8]);
    ExpEnd(Ext);

    ExpBegin(Ext, "move-memory");
    VideoPortMoveMemory(NULL, NULL, 0);
    for (i = 0; i < sizeof(a); i++) {
        a[i] = (UCHAR)i;
    }
    /* Overlapping, forward then backward: memmove, not memcpy. */
    VideoPortMoveMemory(a + 1, a, 10);
    ExpValue(Ext, "forward overlap, first byte", a[1], 0);
    ExpValue(Ext, "forward overlap, last byte", a[10], 9);
    for (i = 0; i < sizeof(a); i++) {
        a[i] = (UCHAR)i;
    }
    VideoPortMoveMemory(a, a + 3, 10);
    ExpValue(Ext, "backward overlap, first byte", a[0], 3);
    ExpValue(Ext, "backward overlap, last byte", a[9], 12);
    ExpValue(Ext, "byte after the range", a[10], 10);
    ExpEnd(Ext);

    ExpBegin(Ext, "compare-memory");
    ExpValue(Ext, "zero bytes of NULL", VideoPortCompareMemory(NULL, NULL, 0), 0);
    for (i = 0; i < sizeof(a); i++) {
        a[i] = (UCHAR)i;
        b[i] = (UCHAR)i;
    }
    ExpValue(Ext, "equal blocks", VideoPortCompareMemory(a, b, sizeof(a)), sizeof(a));
    b[5] ^= 0x80;
    ExpValue(Ext, "first difference at byte 5", VideoPortCompareMemory(a, b, sizeof(a)), 5);
    ExpValue(Ext, "a length that stops before it", VideoPortCompareMemory(a, b, 5), 5);
    ExpEnd(Ext);
}

VOID ExpCheckMemory(PEXP_EXTENSION Ext)
{
    ExpCheckPool(Ext);
    ExpCheckHelpers(Ext);
}

/* ---- The registry --------------------------------------------------------- */

static VP_STATUS ExpRegistryCallback(PVOID HwDeviceExtension, PVOID Context, PWSTR ValueName,
                                     PVOID ValueData, ULONG ValueLength)
{
    PULONG value = Context;

    if (ValueLength != sizeof(ULONG) || ValueData == NULL) {
        return ERROR_INVALID_PARAMETER;
    }
    *value = *(PULONG)ValueData;
    return NO_ERROR;
}

static VP_STATUS ExpStrayRegistryCallback(PVOID HwDeviceExtension, PVOID Context,
                                          PWSTR ValueName, PVOID ValueData, ULONG ValueLength)
{
    PEXP_EXTENSION ext = HwDeviceExtension;

    ext->StrayCallbacks++;
    return NO_ERROR;
}

static VOID ExpRegistryAtDispatch(PEXP_EXTENSION Ext, PVOID Context)
{
    PVP_STATUS status = Context;
    ULONG value = 1;

    status[0] = VideoPortGetRegistryParameters(Ext, ExpValueName, FALSE,
                                               ExpStrayRegistryCallback, NULL);
    status[1] = VideoPortSetRegistryParameters(Ext, ExpValueName, &value, sizeof(value));
}

static VOID ExpCheckRegistry(PEXP_EXTENSION Ext)
{
    VP_STATUS atDispatch[2];
    ULONG value = 0x1234ABCD;
    ULONG read;
    ULONG strays;

    ExpBegin(Ext, "set-registry-parameters");
    ExpStatus(Ext, "a DefaultSettings. name",
              VideoPortSetRegistryParameters(Ext, ExpDefaultSettings, &value, sizeof(value)),
              ERROR_INVALID_PARAMETER);
    ExpStatus(Ext, "NULL ValueName",
              VideoPortSetRegistryParameters(Ext, NULL, &value, sizeof(value)),
              ERROR_INVALID_PARAMETER);
    ExpStatus(Ext, "an empty ValueName",
              VideoPortSetRegistryParameters(Ext, ExpEmptyName, &value, sizeof(value)),
              ERROR_INVALID_PARAMETER);
    ExpStatus(Ext, "NULL ValueData",
              VideoPortSetRegistryParameters(Ext, ExpValueName, NULL, sizeof(value)),
              ERROR_INVALID_PARAMETER);
    ExpStatus(Ext, "an extension of no device",
              VideoPortSetRegistryParameters(ExpForeignExtension, ExpValueName, &value,
                                             sizeof(value)),
              ERROR_INVALID_PARAMETER);
    ExpStatus(Ext, "a value of its own, after the wrong calls",
              VideoPortSetRegistryParameters(Ext, ExpValueName, &value, sizeof(value)),
              NO_ERROR);
    atDispatch[0] = NO_ERROR;
    atDispatch[1] = NO_ERROR;
    strays = Ext->StrayCallbacks;
    ExpUnderSpinLock(Ext, ExpRegistryAtDispatch, atDispatch);
    ExpStatus(Ext, "at DISPATCH_LEVEL (under a spin lock)", atDispatch[1],
              ERROR_INVALID_PARAMETER);
    ExpEnd(Ext);

    ExpBegin(Ext, "get-registry-parameters");
    ExpStatus(Ext, "NULL ParameterName",
              VideoPortGetRegistryParameters(Ext, NULL, FALSE, ExpStrayRegistryCallback, NULL),
              ERROR_INVALID_PARAMETER);
    ExpStatus(Ext, "a value that does not exist",
              VideoPortGetRegistryParameters(Ext, ExpMissingName, FALSE,
                                             ExpStrayRegistryCallback, NULL),
              ERROR_INVALID_PARAMETER);
    ExpStatus(Ext, "NULL callback",
              VideoPortGetRegistryParameters(Ext, ExpValueName, FALSE, NULL, NULL),
              ERROR_INVALID_PARAMETER);
    ExpStatus(Ext, "a binary value read as a file name",
              VideoPortGetRegistryParameters(Ext, ExpValueName, TRUE,
                                             ExpStrayRegistryCallback, NULL),
              ERROR_INVALID_PARAMETER);
    ExpStatus(Ext, "an extension of no device",
              VideoPortGetRegistryParameters(ExpForeignExtension, ExpValueName, FALSE,
                                             ExpStrayRegistryCallback, NULL),
              ERROR_INVALID_PARAMETER);
    ExpStatus(Ext, "at DISPATCH_LEVEL (under a spin lock)", atDispatch[0],
              ERROR_INVALID_PARAMETER);
    ExpValue(Ext, "callbacks of refused calls", Ext->StrayCallbacks, strays);
    read = 0;
    ExpStatus(Ext, "the value set, after the wrong calls",
              VideoPortGetRegistryParameters(Ext, ExpValueName, FALSE, ExpRegistryCallback,
                                             &read),
              NO_ERROR);
    ExpValue(Ext, "the value read back", read, value);
    ExpEnd(Ext);

    ExpBegin(Ext, "flush-registry");
    ExpStatus(Ext, "the device's own registry", VideoPortFlushRegistry(Ext), NO_ERROR);
    (VOID)VideoPortFlushRegistry(ExpForeignExtension);
    (VOID)VideoPortFlushRegistry(NULL);
    ExpEnd(Ext);
}

/* ---- Version, debug output, error log ---------------------------------------- */

static VOID ExpLogErrorAtDispatch(PEXP_EXTENSION Ext, PVOID Context)
{
    VideoPortLogError(Ext, NULL, ERROR_IO_DEVICE, 0xE0);
}

static VOID ExpNoVesaAtDispatch(PEXP_EXTENSION Ext, PVOID Context)
{
    PBOOLEAN noVesa = Context;

    *noVesa = VideoPortIsNoVesa();
}

static VOID ExpCheckReporting(PEXP_EXTENSION Ext)
{
    VIDEO_REQUEST_PACKET vrp;
    STATUS_BLOCK statusBlock;
    VPOSVERSIONINFO version;
    CHAR longMessage[700];
    BOOLEAN noVesa;
    ULONG i;

    ExpBegin(Ext, "get-version");
    ExpStatus(Ext, "NULL", VideoPortGetVersion(Ext, NULL), ERROR_INVALID_PARAMETER);
    VideoPortZeroMemory(&version, sizeof(version));
    version.MajorVersion = 0xEEEE;
    ExpStatus(Ext, "Size 0", VideoPortGetVersion(Ext, &version), ERROR_INVALID_PARAMETER);
    version.Size = sizeof(version) + 4;
    ExpStatus(Ext, "Size too big", VideoPortGetVersion(Ext, &version), ERROR_INVALID_PARAMETER);
    version.Size = sizeof(version) - 4;
    ExpStatus(Ext, "Size too small", VideoPortGetVersion(Ext, &version),
              ERROR_INVALID_PARAMETER);
    ExpValue(Ext, "MajorVersion written by a failure", version.MajorVersion, 0xEEEE);
    version.Size = sizeof(version);
    ExpStatus(Ext, "the right Size", VideoPortGetVersion(Ext, &version), NO_ERROR);
    ExpTrue(Ext, "a Windows older than 2000", version.MajorVersion >= 5, version.MajorVersion);
    ExpEnd(Ext);

    /* A PnP system with VESA: FALSE; from the wrong IRQL all the same. */
    ExpBegin(Ext, "is-no-vesa");
    ExpValue(Ext, "PASSIVE_LEVEL", VideoPortIsNoVesa(), FALSE);
    noVesa = TRUE;
    ExpUnderSpinLock(Ext, ExpNoVesaAtDispatch, &noVesa);
    ExpValue(Ext, "at DISPATCH_LEVEL (under a spin lock)", noVesa, FALSE);
    ExpEnd(Ext);

    /* Nothing to return: every one of these must just come back. */
    ExpBegin(Ext, "debug-print");
    VideoPortDebugPrint(Trace, NULL);
    VideoPortDebugPrint((VIDEO_DEBUG_LEVEL)99, EXP_PREFIX "a print at level 99\n");
    VideoPortDebugPrint(Trace, EXP_PREFIX "NULL strings: %s %ws %S %Z %wZ\n", NULL, NULL,
                        NULL, NULL, NULL);
    VideoPortDebugPrint(Trace, EXP_PREFIX "a dangling %");
    for (i = 0; i < sizeof(longMessage) - 2; i++) {
        longMessage[i] = (CHAR)('a' + i % 26);
    }
    longMessage[i] = '\n';
    longMessage[i + 1] = '\0';
    VideoPortDebugPrint(Trace, longMessage);
    VideoPortDebugPrint(Trace, EXP_PREFIX "%s\n", longMessage);
    ExpEnd(Ext);

    ExpBegin(Ext, "log-error");
    VideoPortLogError(Ext, NULL, ERROR_IO_DEVICE, 0xE1);
    VideoPortZeroMemory(&vrp, sizeof(vrp));
    VideoPortZeroMemory(&statusBlock, sizeof(statusBlock));
    vrp.IoControlCode = 0xFFFFFFFF;
    vrp.StatusBlock = &statusBlock;
    VideoPortLogError(Ext, &vrp, ERROR_INVALID_FUNCTION, 0xE2);
    VideoPortLogError(ExpForeignExtension, &vrp, ERROR_IO_DEVICE, 0xE3);
    VideoPortLogError(NULL, NULL, ERROR_IO_DEVICE, 0xE4);
    ExpUnderSpinLock(Ext, ExpLogErrorAtDispatch, NULL);
    ExpEnd(Ext);
}

/* ---- Child devices and DDC ---------------------------------------------------- */

/* A DDC bus with nothing on it: both lines pulled up, nobody answers. */
static VOID ExpWriteClock(PVOID HwDeviceExtension, UCHAR Data)
{
    PEXP_EXTENSION ext = HwDeviceExtension;

    ext->Clock = (UCHAR)(Data & 1);
}

static VOID ExpWriteData(PVOID HwDeviceExtension, UCHAR Data)
{
    PEXP_EXTENSION ext = HwDeviceExtension;

    ext->Data = (UCHAR)(Data & 1);
}

static BOOLEAN ExpReadClock(PVOID HwDeviceExtension)
{
    PEXP_EXTENSION ext = HwDeviceExtension;

    return ext->Clock;
}

static BOOLEAN ExpReadData(PVOID HwDeviceExtension)
{
    PEXP_EXTENSION ext = HwDeviceExtension;

    return ext->Data;
}

static VOID ExpDdcAtDispatch(PEXP_EXTENSION Ext, PVOID Context)
{
    PDDC_CONTROL ddc = Context;
    UCHAR edid[128];

    if (VideoPortDDCMonitorHelper(Ext, ddc, edid, sizeof(edid))) {
        Ext->StrayCallbacks++;
    }
}

static VOID ExpCheckChildren(PEXP_EXTENSION Ext)
{
    DDC_CONTROL ddc;
    UCHAR edid[256];
    PVOID secondary;

    ExpBegin(Ext, "enumerate-children");
    ExpStatus(Ext, "a non-NULL Reserved (ignored)",
              VideoPortEnumerateChildren(Ext, ExpForeignExtension), NO_ERROR);
    (VOID)VideoPortEnumerateChildren(ExpForeignExtension, NULL);
    if (Ext->DpcRan) {
        ExpStatus(Ext, "from a DPC", Ext->DpcEnumerateChildren, NO_ERROR);
    }
    ExpEnd(Ext);

    ExpBegin(Ext, "ddc-monitor-helper");
    VideoPortZeroMemory(&ddc, sizeof(ddc));
    ddc.Size = sizeof(ddc);
    ddc.I2CCallbacks.WriteClockLine = ExpWriteClock;
    ddc.I2CCallbacks.WriteDataLine = ExpWriteData;
    ddc.I2CCallbacks.ReadClockLine = ExpReadClock;
    ddc.I2CCallbacks.ReadDataLine = ExpReadData;
    Ext->Clock = 1;
    Ext->Data = 1;
    ExpTrue(Ext, "NULL DDCControl",
            !VideoPortDDCMonitorHelper(Ext, NULL, edid, sizeof(edid)), 1);
    ExpTrue(Ext, "NULL EdidBuffer", !VideoPortDDCMonitorHelper(Ext, &ddc, NULL, 256), 1);
    ExpTrue(Ext, "a 64-byte EdidBuffer", !VideoPortDDCMonitorHelper(Ext, &ddc, edid, 64), 1);
    ddc.Size = 0;
    ExpTrue(Ext, "Size 0", !VideoPortDDCMonitorHelper(Ext, &ddc, edid, sizeof(edid)), 1);
    ddc.Size = sizeof(ddc);
    ExpTrue(Ext, "an extension of no device",
            !VideoPortDDCMonitorHelper(ExpForeignExtension, &ddc, edid, sizeof(edid)), 1);
    ddc.I2CCallbacks.ReadDataLine = NULL;
    ExpTrue(Ext, "no ReadDataLine", !VideoPortDDCMonitorHelper(Ext, &ddc, edid, sizeof(edid)),
            1);
    ddc.I2CCallbacks.ReadDataLine = ExpReadData;
    ExpUnderSpinLock(Ext, ExpDdcAtDispatch, &ddc);
    ExpValue(Ext, "an EDID read at DISPATCH_LEVEL (under a spin lock)", Ext->StrayCallbacks, 0);
    /* Nobody on the bus: no EDID. */
    ExpTrue(Ext, "an EDID from an empty bus",
            !VideoPortDDCMonitorHelper(Ext, &ddc, edid, sizeof(edid)), 1);
    ExpEnd(Ext);

    /* No child device objects exist to ask about. */
    ExpBegin(Ext, "get-associated-device-extension");
    ExpNull(Ext, "NULL", VideoPortGetAssociatedDeviceExtension(NULL));
    ExpNull(Ext, "a device extension, which is no device object",
            VideoPortGetAssociatedDeviceExtension(Ext));
    ExpNull(Ext, "memory of no device", VideoPortGetAssociatedDeviceExtension(ExpForeignExtension));
    ExpEnd(Ext);

    ExpBegin(Ext, "get-associated-device-id");
    ExpValue(Ext, "NULL", VideoPortGetAssociatedDeviceID(NULL), VIDEO_INVALID_CHILD_ID);
    ExpValue(Ext, "memory of no device", VideoPortGetAssociatedDeviceID(ExpForeignExtension),
             VIDEO_INVALID_CHILD_ID);
    ExpEnd(Ext);

    /* VIDEO_DUALVIEW_PRIMARY is for the system alone. */
    ExpBegin(Ext, "create-secondary-display");
    secondary = ExpForeignExtension;
    ExpNotOk(Ext, "VIDEO_DUALVIEW_PRIMARY",
             VideoPortCreateSecondaryDisplay(Ext, &secondary, VIDEO_DUALVIEW_PRIMARY));
    ExpValue(Ext, "SecondaryDeviceExtension written by the failure", (ULONG_PTR)secondary,
             (ULONG_PTR)ExpForeignExtension);
    ExpNotOk(Ext, "NULL SecondaryDeviceExtension",
             VideoPortCreateSecondaryDisplay(Ext, NULL, VIDEO_DUALVIEW_REMOVABLE));
    ExpNotOk(Ext, "an extension of no device",
             VideoPortCreateSecondaryDisplay(ExpForeignExtension, &secondary,
                                             VIDEO_DUALVIEW_REMOVABLE));
    ExpEnd(Ext);
}

/* ---- QueryServices, AGP, Int10, bug-check callbacks --------------------------------- */

static VOID ExpBugcheckCallback(PVOID HwDeviceExtension, ULONG BugcheckCode, PUCHAR Buffer,
                                ULONG BufferSize)
{
    PEXP_EXTENSION ext = HwDeviceExtension;

    ext->StrayCallbacks++;
}

static VOID ExpCheckPortServices(PEXP_EXTENSION Ext)
{
    VIDEO_PORT_AGP_SERVICES agpServices;
    VIDEO_PORT_I2C_INTERFACE i2cInterface;
    VIDEO_X86_BIOS_ARGUMENTS biosArguments;
    VIDEO_X86_BIOS_ARGUMENTS saved;

    ExpBegin(Ext, "query-services");
    ExpNotOk(Ext, "NULL Interface", VideoPortQueryServices(Ext, VideoPortServicesI2C, NULL));
    VideoPortZeroMemory(&i2cInterface, sizeof(i2cInterface));
    i2cInterface.Size = sizeof(i2cInterface);
    i2cInterface.Version = VIDEO_PORT_I2C_INTERFACE_VERSION_1;
    ExpNotOk(Ext, "service 0",
             VideoPortQueryServices(Ext, (VIDEO_PORT_SERVICES)0, (PINTERFACE)&i2cInterface));
    ExpNotOk(Ext, "service 99",
             VideoPortQueryServices(Ext, (VIDEO_PORT_SERVICES)99, (PINTERFACE)&i2cInterface));
    ExpNotOk(Ext, "an extension of no device",
             VideoPortQueryServices(ExpForeignExtension, VideoPortServicesI2C,
                                    (PINTERFACE)&i2cInterface));
    ExpEnd(Ext);

    ExpBegin(Ext, "get-agp-services");
    ExpTrue(Ext, "NULL AgpServices", !VideoPortGetAgpServices(Ext, NULL), 1);
    ExpTrue(Ext, "an extension of no device",
            !VideoPortGetAgpServices(ExpForeignExtension, &agpServices), 1);
    ExpEnd(Ext);

    /* No BIOS can run here: a failure, and the registers as they were. */
    ExpBegin(Ext, "int10");
    ExpNotOk(Ext, "NULL BiosArguments", VideoPortInt10(Ext, NULL));
    VideoPortZeroMemory(&biosArguments, sizeof(biosArguments));
    biosArguments.Eax = 0x4F02;     /* VBE set mode */
    biosArguments.Ebx = 0xFFFF;     /* a mode nobody has */
    saved = biosArguments;
    ExpNotOk(Ext, "a mode set to mode 0xFFFF", VideoPortInt10(Ext, &biosArguments));
    ExpValue(Ext, "registers changed by a failed call",
             VideoPortCompareMemory(&biosArguments, &saved, sizeof(saved)), sizeof(saved));
    ExpNotOk(Ext, "an extension of no device", VideoPortInt10(ExpForeignExtension, &saved));
    ExpEnd(Ext);

    ExpBegin(Ext, "register-bugcheck-callback");
    ExpNotOk(Ext, "bug check 0x1234 (only 0xEA can be hooked)",
             VideoPortRegisterBugcheckCallback(Ext, 0x1234, ExpBugcheckCallback, 0x100));
    ExpNotOk(Ext, "more than 4000 bytes",
             VideoPortRegisterBugcheckCallback(Ext, 0xEA, ExpBugcheckCallback, 5000));
    ExpNotOk(Ext, "an extension of no device",
             VideoPortRegisterBugcheckCallback(ExpForeignExtension, 0xEA, ExpBugcheckCallback,
                                               0x100));
    ExpStatus(Ext, "unregistering (NULL Callback)",
              VideoPortRegisterBugcheckCallback(Ext, 0xEA, NULL, 0), NO_ERROR);
    ExpEnd(Ext);
}

VOID ExpCheckServices(PEXP_EXTENSION Ext)
{
    ExpCheckReporting(Ext);
    ExpCheckRegistry(Ext);
    ExpCheckChildren(Ext);
    ExpCheckPortServices(Ext);
}
