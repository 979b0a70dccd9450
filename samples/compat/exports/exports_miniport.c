// SPDX-License-Identifier: GPL-2.0
/*
 * exports_miniport.c - a Windows XP video miniport for QEMU's edu device
 * (1234:11e8) that is one long list of mistakes.
 *
 * Its sources call every function the video port exports, so the module
 * loads only if every one of them resolves, and call each with arguments a
 * buggy miniport passes: NULL, zero lengths, pointers that are not what
 * the function expects, an extension of no device, huge sizes, and calls
 * at an IRQL the reference forbids (in a DPC, under a spin lock). Each
 * function is one check: its documented failure value (a status, NULL,
 * FALSE, zero) where the reference names one, no damage to what the call
 * did not own, and the next line reached. Functions whose correct use
 * needs a request or hardware the edu device does not have are only given
 * bad arguments.
 *
 * Where the checks run: VideoPortInitialize's in DriverEntry, the
 * resource calls in HwFindAdapter, everything else in HwInitialize, with
 * the DISPATCH_LEVEL cases under a spin lock of the miniport, in a
 * VideoPortSynchronizeExecution routine and in a DPC.
 */

#include "dderror.h"
#include "devioctl.h"
#include "miniport.h"
#include "ntddvdeo.h"
#include "video.h"
#include "exports.h"

UCHAR ExpForeignExtension[64];

/* VideoPortInitialize, as DriverEntry saw it. */
static PVOID ExpDriverObject;
static ULONG ExpInitNoData;
static ULONG ExpInitSizeZero;
static ULONG ExpInitSizeHuge;
static ULONG ExpInitNoFindAdapter;
static ULONG ExpInitForeignDriver;
static ULONG ExpInitGood;

/* ---- Reporting --------------------------------------------------------- */

VOID ExpBegin(PEXP_EXTENSION Ext, PCHAR Check)
{
    Ext->Check = Check;
    Ext->CheckFailures = 0;
}

VOID ExpFail(PEXP_EXTENSION Ext, PCHAR What, ULONG_PTR Got)
{
    Ext->CheckFailures++;
    VideoPortDebugPrint(Error, EXP_PREFIX "check %s: FAIL %s (got 0x%Ix)\n", Ext->Check, What,
                        Got);
}

VOID ExpEnd(PEXP_EXTENSION Ext)
{
    if (Ext->CheckFailures) {
        Ext->Failed++;
    } else {
        Ext->Passed++;
        VideoPortDebugPrint(Info, EXP_PREFIX "check %s: ok\n", Ext->Check);
    }
    Ext->Check = "(none)";
}

VOID ExpStatus(PEXP_EXTENSION Ext, PCHAR What, VP_STATUS Got, VP_STATUS Want)
{
    if (Got != Want) {
        Ext->CheckFailures++;
        VideoPortDebugPrint(Error, EXP_PREFIX "check %s: FAIL %s (status %d, want %d)\n",
                            Ext->Check, What, Got, Want);
    }
}

VOID ExpNotOk(PEXP_EXTENSION Ext, PCHAR What, VP_STATUS Got)
{
    if (Got == NO_ERROR) {
        Ext->CheckFailures++;
        VideoPortDebugPrint(Error, EXP_PREFIX "check %s: FAIL %s (NO_ERROR, want a failure)\n",
                            Ext->Check, What);
    }
}

VOID ExpNull(PEXP_EXTENSION Ext, PCHAR What, PVOID Got)
{
    if (Got != NULL) {
        ExpFail(Ext, What, (ULONG_PTR)Got);
    }
}

VOID ExpValue(PEXP_EXTENSION Ext, PCHAR What, ULONG_PTR Got, ULONG_PTR Want)
{
    if (Got != Want) {
        Ext->CheckFailures++;
        VideoPortDebugPrint(Error, EXP_PREFIX "check %s: FAIL %s (got 0x%Ix, want 0x%Ix)\n",
                            Ext->Check, What, Got, Want);
    }
}

VOID ExpTrue(PEXP_EXTENSION Ext, PCHAR What, BOOLEAN Condition, ULONG_PTR Got)
{
    if (!Condition) {
        ExpFail(Ext, What, Got);
    }
}

VOID ExpUnderSpinLock(PEXP_EXTENSION Ext, PEXP_ROUTINE Routine, PVOID Context)
{
    UCHAR oldIrql;

    VideoPortAcquireSpinLock(Ext, Ext->Lock, &oldIrql);
    Routine(Ext, Context);
    VideoPortReleaseSpinLock(Ext, Ext->Lock, oldIrql);
}

/* ---- VideoPortInitialize ------------------------------------------------ */

static VP_STATUS ExpFindAdapter(PVOID HwDeviceExtension, PVOID HwContext, PWSTR ArgumentString,
                                PVIDEO_PORT_CONFIG_INFO ConfigInfo, PUCHAR Again);
static BOOLEAN ExpInitialize(PVOID HwDeviceExtension);
static BOOLEAN ExpStartIO(PVOID HwDeviceExtension, PVIDEO_REQUEST_PACKET RequestPacket);

static VOID ExpCheckInitialize(PEXP_EXTENSION Ext)
{
    VIDEO_HW_INITIALIZATION_DATA hwInitData;
    ULONG status;

    ExpBegin(Ext, "initialize");

    if (ExpInitGood != 0) {
        ExpFail(Ext, "the good call from DriverEntry failed", ExpInitGood);
    }
    ExpTrue(Ext, "NULL HwInitializationData accepted", ExpInitNoData != 0, ExpInitNoData);
    ExpTrue(Ext, "HwInitDataSize 0 accepted", ExpInitSizeZero != 0, ExpInitSizeZero);
    ExpTrue(Ext, "HwInitDataSize beyond the structure accepted", ExpInitSizeHuge != 0,
            ExpInitSizeHuge);
    ExpTrue(Ext, "no HwFindAdapter accepted", ExpInitNoFindAdapter != 0, ExpInitNoFindAdapter);
    ExpTrue(Ext, "a driver object that is not ours accepted", ExpInitForeignDriver != 0,
            ExpInitForeignDriver);

    /* Only DriverEntry may call it. */
    VideoPortZeroMemory(&hwInitData, sizeof(hwInitData));
    hwInitData.HwInitDataSize = sizeof(hwInitData);
    hwInitData.AdapterInterfaceType = PCIBus;
    hwInitData.HwFindAdapter = ExpFindAdapter;
    hwInitData.HwInitialize = ExpInitialize;
    hwInitData.HwStartIO = ExpStartIO;
    hwInitData.HwDeviceExtensionSize = sizeof(EXP_EXTENSION);
    status = VideoPortInitialize(ExpDriverObject, NULL, &hwInitData, NULL);
    ExpTrue(Ext, "accepted outside DriverEntry", status != 0, status);

    ExpEnd(Ext);
}

/* ---- The miniport's entry points ------------------------------------------ */

static VP_STATUS ExpFindAdapter(PVOID HwDeviceExtension, PVOID HwContext, PWSTR ArgumentString,
                                PVIDEO_PORT_CONFIG_INFO ConfigInfo, PUCHAR Again)
{
    PEXP_EXTENSION ext = HwDeviceExtension;

    *Again = FALSE;
    if (ConfigInfo->Length < sizeof(VIDEO_PORT_CONFIG_INFO)) {
        return ERROR_INVALID_PARAMETER;
    }
    ext->Check = "(none)";
    ext->GetProcAddress = ConfigInfo->VideoPortGetProcAddress;

    /* Claims and maps BAR0, after trying it wrong every way. */
    ExpCheckResources(ext);
    if (ext->Registers == NULL) {
        VideoPortDebugPrint(Error, EXP_PREFIX "check find-adapter: FAIL BAR0 not mapped\n");
        return ERROR_DEV_NOT_EXIST;
    }

    /* No HwInterrupt: VideoPortEnable/DisableInterrupt must say so. */
    ConfigInfo->BusInterruptLevel = 0;
    ConfigInfo->BusInterruptVector = 0;
    return NO_ERROR;
}

static BOOLEAN ExpInitialize(PVOID HwDeviceExtension)
{
    PEXP_EXTENSION ext = HwDeviceExtension;

    if (VideoPortCreateSpinLock(ext, &ext->Lock) != NO_ERROR) {
        VideoPortDebugPrint(Error, EXP_PREFIX "check setup: FAIL no spin lock\n");
        return FALSE;
    }

    ExpCheckInitialize(ext);
    ExpCheckProcAddress(ext);

    /* The DPC first: the checks after it judge what it saw. */
    ExpRunDpc(ext);
    ExpCheckSync(ext);
    ExpCheckMemory(ext);
    ExpCheckServices(ext);
    ExpCheckIo(ext);
    ExpCheckDma(ext);
    ExpCheckDdkBasics(ext);

    if (ext->StrayCallbacks) {
        VideoPortDebugPrint(Error, EXP_PREFIX "check stray-callbacks: FAIL %u callbacks of "
                            "refused calls ran\n", ext->StrayCallbacks);
    } else {
        VideoPortDebugPrint(Info, EXP_PREFIX "check stray-callbacks: ok\n");
    }

    VideoPortDeleteSpinLock(ext, ext->Lock);
    ext->Lock = NULL;

    VideoPortDebugPrint(ext->Failed ? Error : Info,
                        EXP_PREFIX "%u functions checked, %u failed\n",
                        ext->Passed + ext->Failed, ext->Failed);
    VideoPortDebugPrint(Info, EXP_PREFIX "done\n");
    return TRUE;
}

/* Nothing to draw: every request is refused, as the reference says to. */
static BOOLEAN ExpStartIO(PVOID HwDeviceExtension, PVIDEO_REQUEST_PACKET RequestPacket)
{
    RequestPacket->StatusBlock->Status = ERROR_INVALID_FUNCTION;
    RequestPacket->StatusBlock->Information = 0;
    return TRUE;
}

ULONG DriverEntry(PVOID Context1, PVOID Context2)
{
    VIDEO_HW_INITIALIZATION_DATA hwInitData;

    ExpDriverObject = Context1;

    VideoPortZeroMemory(&hwInitData, sizeof(VIDEO_HW_INITIALIZATION_DATA));
    hwInitData.HwInitDataSize = sizeof(VIDEO_HW_INITIALIZATION_DATA);
    hwInitData.AdapterInterfaceType = PCIBus;
    hwInitData.HwFindAdapter = ExpFindAdapter;
    hwInitData.HwInitialize = ExpInitialize;
    hwInitData.HwStartIO = ExpStartIO;
    hwInitData.HwDeviceExtensionSize = sizeof(EXP_EXTENSION);

    /* Wrong first: each must fail and leave nothing registered. */
    ExpInitNoData = VideoPortInitialize(Context1, Context2, NULL, NULL);

    hwInitData.HwInitDataSize = 0;
    ExpInitSizeZero = VideoPortInitialize(Context1, Context2, &hwInitData, NULL);

    hwInitData.HwInitDataSize = sizeof(VIDEO_HW_INITIALIZATION_DATA) + 0x100;
    ExpInitSizeHuge = VideoPortInitialize(Context1, Context2, &hwInitData, NULL);

    hwInitData.HwInitDataSize = sizeof(VIDEO_HW_INITIALIZATION_DATA);
    hwInitData.HwFindAdapter = NULL;
    ExpInitNoFindAdapter = VideoPortInitialize(Context1, Context2, &hwInitData, NULL);

    hwInitData.HwFindAdapter = ExpFindAdapter;
    ExpInitForeignDriver = VideoPortInitialize(ExpForeignExtension, Context2, &hwInitData,
                                               NULL);

    ExpInitGood = VideoPortInitialize(Context1, Context2, &hwInitData, NULL);
    return ExpInitGood;
}
