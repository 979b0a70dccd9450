// SPDX-License-Identifier: GPL-2.0
/*
 * exports_sync.c - IRQL, spin locks, events, the device lock, interlocked
 * operations, interrupts, DPCs, the timer and time.
 *
 * The DPC runs first: queued from a VideoPortSynchronizeExecution routine
 * (DISPATCH_LEVEL, where the reference wants VideoPortQueueDpc called), it
 * makes the calls the reference forbids or allows at DISPATCH_LEVEL and
 * records what they returned; HwInitialize waits for it and the checks
 * below judge the records with the rest.
 */

#include "dderror.h"
#include "devioctl.h"
#include "miniport.h"
#include "ntddvdeo.h"
#include "video.h"
#include "exports.h"

/* 100 ns units, negative: relative. */
#define EXP_10_MS               (-100000LL)
#define EXP_5_S                 (-50000000LL)

/* ---- The DPC ----------------------------------------------------------------- */

static VOID ExpDpc(PVOID HwDeviceExtension, PVOID Context)
{
    PEXP_EXTENSION ext = HwDeviceExtension;
    LARGE_INTEGER timeout;
    PEVENT event = NULL;

    ext->DpcIrql = VideoPortGetCurrentIrql();

    /* Waiting: only a zero timeout is allowed here. */
    timeout.QuadPart = 0;
    ext->DpcWaitZero = VideoPortWaitForSingleObject(ext, ext->DpcUnsignaled, &timeout);
    timeout.QuadPart = EXP_10_MS;
    ext->DpcWaitRelative = VideoPortWaitForSingleObject(ext, ext->DpcUnsignaled, &timeout);
    ext->DpcWaitForever = VideoPortWaitForSingleObject(ext, ext->DpcUnsignaled, NULL);

    /* Creating objects is PASSIVE_LEVEL only; deleting them is allowed here. */
    ext->DpcCreateEvent = VideoPortCreateEvent(ext, 0, NULL, &event);
    ext->DpcStrayEvent = ext->DpcCreateEvent == NO_ERROR ? event : NULL;
    ext->DpcDeleteEvent = VideoPortDeleteEvent(ext, ext->DpcVictimEvent);
    ext->DpcDeleteSpinLock = VideoPortDeleteSpinLock(ext, ext->DpcVictimLock);

    /* Paged pool is not to be had at DISPATCH_LEVEL; nonpaged pool is. */
    ext->DpcPagedPool = VideoPortAllocatePool(ext, VpPagedPool, 64, EXP_TAG);
    ext->DpcNonPagedPool = VideoPortAllocatePool(ext, VpNonPagedPool, 64, EXP_TAG);
    if (ext->DpcNonPagedPool != NULL) {
        VideoPortFreePool(ext, ext->DpcNonPagedPool);
    }

    ext->DpcEnumerateChildren = VideoPortEnumerateChildren(ext, NULL);

    /* No HwTimer: refused, from a DPC as from anywhere. */
    VideoPortStopTimer(ext);

    ext->DpcRan = TRUE;
    VideoPortSetEvent(ext, ext->DpcDone);
}

static VOID ExpStrayDpc(PVOID HwDeviceExtension, PVOID Context)
{
    PEXP_EXTENSION ext = Context;

    ext->StrayCallbacks++;
}

static BOOLEAN ExpQueueDpcRoutine(PVOID Context)
{
    PEXP_EXTENSION ext = Context;

    ext->SyncIrql = VideoPortGetCurrentIrql();
    ext->DpcQueued = VideoPortQueueDpc(ext, ExpDpc, NULL);
    return TRUE;
}

VOID ExpRunDpc(PEXP_EXTENSION Ext)
{
    LARGE_INTEGER timeout;
    VP_STATUS status;

    if (VideoPortCreateEvent(Ext, 0, NULL, &Ext->DpcDone) != NO_ERROR ||
        VideoPortCreateEvent(Ext, NOTIFICATION_EVENT, NULL, &Ext->DpcUnsignaled) != NO_ERROR ||
        VideoPortCreateEvent(Ext, 0, NULL, &Ext->DpcVictimEvent) != NO_ERROR ||
        VideoPortCreateSpinLock(Ext, &Ext->DpcVictimLock) != NO_ERROR) {
        VideoPortDebugPrint(Error, EXP_PREFIX "check dpc-setup: FAIL cannot create the DPC's "
                            "events and lock\n");
        return;
    }

    /* Queued at DISPATCH_LEVEL, as the reference asks. */
    VideoPortSynchronizeExecution(Ext, VpLowPriority, ExpQueueDpcRoutine, Ext);

    timeout.QuadPart = EXP_5_S;
    status = VideoPortWaitForSingleObject(Ext, Ext->DpcDone, &timeout);
    if (status != NO_ERROR || !Ext->DpcRan) {
        VideoPortDebugPrint(Error, EXP_PREFIX "check dpc-ran: FAIL the DPC did not run in 5 s "
                            "(wait status %d, queued %d)\n", status, Ext->DpcQueued);
    } else {
        VideoPortDebugPrint(Info, EXP_PREFIX "check dpc-ran: ok\n");
    }
}

/* What the DPC could not delete is deleted now, at PASSIVE_LEVEL. */
static VOID ExpDpcCleanup(PEXP_EXTENSION Ext)
{
    if (Ext->DpcRan && Ext->DpcDeleteEvent != NO_ERROR) {
        VideoPortDeleteEvent(Ext, Ext->DpcVictimEvent);
    }
    if (Ext->DpcRan && Ext->DpcDeleteSpinLock != NO_ERROR) {
        VideoPortDeleteSpinLock(Ext, Ext->DpcVictimLock);
    }
    if (Ext->DpcStrayEvent != NULL) {
        VideoPortDeleteEvent(Ext, Ext->DpcStrayEvent);
    }
    if (Ext->DpcPagedPool != NULL) {
        VideoPortFreePool(Ext, Ext->DpcPagedPool);
    }
    if (Ext->DpcDone != NULL) {
        VideoPortDeleteEvent(Ext, Ext->DpcDone);
    }
    if (Ext->DpcUnsignaled != NULL) {
        VideoPortDeleteEvent(Ext, Ext->DpcUnsignaled);
    }
}

/* ---- Spin locks ------------------------------------------------------------- */

static VOID ExpCreateLockAtDispatch(PEXP_EXTENSION Ext, PVOID Context)
{
    PVP_STATUS status = Context;
    PSPIN_LOCK lock = NULL;

    *status = VideoPortCreateSpinLock(Ext, &lock);
    if (*status == NO_ERROR) {
        Ext->StrayLock = lock;  /* deleted below, at PASSIVE_LEVEL */
    }
}

static VOID ExpCheckSpinLocks(PEXP_EXTENSION Ext)
{
    PSPIN_LOCK lock;
    PSPIN_LOCK dead = NULL;
    PVOID notALock;
    UCHAR oldIrql;
    UCHAR irql;
    VP_STATUS status;

    notALock = VideoPortAllocatePool(Ext, VpNonPagedPool, 64, EXP_TAG);

    ExpBegin(Ext, "create-spin-lock");
    ExpNotOk(Ext, "NULL SpinLock", VideoPortCreateSpinLock(Ext, NULL));
    lock = (PSPIN_LOCK)ExpForeignExtension;
    ExpNotOk(Ext, "an extension of no device", VideoPortCreateSpinLock(ExpForeignExtension, &lock));
    ExpValue(Ext, "SpinLock written by the failure", (ULONG_PTR)lock,
             (ULONG_PTR)ExpForeignExtension);
    status = NO_ERROR;
    ExpUnderSpinLock(Ext, ExpCreateLockAtDispatch, &status);
    ExpNotOk(Ext, "at DISPATCH_LEVEL (under a spin lock)", status);
    if (Ext->StrayLock != NULL) {
        VideoPortDeleteSpinLock(Ext, Ext->StrayLock);
        Ext->StrayLock = NULL;
    }
    ExpStatus(Ext, "a lock to delete later", VideoPortCreateSpinLock(Ext, &dead), NO_ERROR);
    ExpEnd(Ext);

    ExpBegin(Ext, "delete-spin-lock");
    ExpNotOk(Ext, "NULL", VideoPortDeleteSpinLock(Ext, NULL));
    ExpNotOk(Ext, "pool memory that is no lock", VideoPortDeleteSpinLock(Ext, notALock));
    ExpNotOk(Ext, "an event", VideoPortDeleteSpinLock(Ext, (PSPIN_LOCK)Ext->DpcUnsignaled));
    ExpNotOk(Ext, "an extension of no device",
             VideoPortDeleteSpinLock(ExpForeignExtension, dead));
    ExpStatus(Ext, "the lock itself", VideoPortDeleteSpinLock(Ext, dead), NO_ERROR);
    ExpNotOk(Ext, "the same lock again", VideoPortDeleteSpinLock(Ext, dead));
    ExpEnd(Ext);

    ExpBegin(Ext, "delete-spin-lock-at-dispatch");
    if (!Ext->DpcRan) {
        ExpFail(Ext, "the DPC did not run", 0);
    } else {
        /* The reference allows it at IRQL <= DISPATCH_LEVEL. */
        ExpStatus(Ext, "a live lock deleted from a DPC", Ext->DpcDeleteSpinLock, NO_ERROR);
    }
    ExpEnd(Ext);

    /*
     * Refused acquisitions must take nothing: the IRQL stays PASSIVE_LEVEL
     * and the real lock can be taken afterwards.
     */
    ExpBegin(Ext, "acquire-spin-lock");
    oldIrql = 0xEE;
    VideoPortAcquireSpinLock(Ext, NULL, &oldIrql);
    ExpValue(Ext, "IRQL after acquiring NULL", VideoPortGetCurrentIrql(), PASSIVE_LEVEL);
    VideoPortAcquireSpinLock(Ext, notALock, &oldIrql);
    ExpValue(Ext, "IRQL after acquiring pool memory", VideoPortGetCurrentIrql(), PASSIVE_LEVEL);
    VideoPortAcquireSpinLock(Ext, dead, &oldIrql);
    ExpValue(Ext, "IRQL after acquiring a deleted lock", VideoPortGetCurrentIrql(),
             PASSIVE_LEVEL);
    VideoPortAcquireSpinLock(ExpForeignExtension, Ext->Lock, &oldIrql);
    ExpValue(Ext, "IRQL after acquiring with an extension of no device",
             VideoPortGetCurrentIrql(), PASSIVE_LEVEL);
    VideoPortAcquireSpinLock(Ext, Ext->Lock, &oldIrql);
    irql = VideoPortGetCurrentIrql();
    VideoPortReleaseSpinLock(Ext, Ext->Lock, oldIrql);
    ExpValue(Ext, "OldIrql of the real lock", oldIrql, PASSIVE_LEVEL);
    ExpValue(Ext, "IRQL holding the real lock", irql, DISPATCH_LEVEL);
    ExpValue(Ext, "IRQL after releasing it", VideoPortGetCurrentIrql(), PASSIVE_LEVEL);
    ExpEnd(Ext);

    /* Releasing what is not a lock of this device must release nothing. */
    ExpBegin(Ext, "release-spin-lock");
    VideoPortReleaseSpinLock(Ext, NULL, PASSIVE_LEVEL);
    VideoPortReleaseSpinLock(Ext, notALock, PASSIVE_LEVEL);
    VideoPortReleaseSpinLock(Ext, dead, PASSIVE_LEVEL);
    VideoPortAcquireSpinLock(Ext, Ext->Lock, &oldIrql);
    VideoPortReleaseSpinLock(ExpForeignExtension, Ext->Lock, oldIrql);
    irql = VideoPortGetCurrentIrql();
    VideoPortReleaseSpinLock(Ext, Ext->Lock, oldIrql);
    ExpValue(Ext, "IRQL after a release with an extension of no device", irql,
             DISPATCH_LEVEL);
    ExpValue(Ext, "IRQL after the real release", VideoPortGetCurrentIrql(), PASSIVE_LEVEL);
    ExpEnd(Ext);

    /* At DPC level only, says the reference; here at PASSIVE_LEVEL. */
    ExpBegin(Ext, "acquire-spin-lock-at-dpc-level");
    VideoPortAcquireSpinLockAtDpcLevel(Ext, NULL);
    ExpValue(Ext, "IRQL after acquiring NULL", VideoPortGetCurrentIrql(), PASSIVE_LEVEL);
    VideoPortAcquireSpinLockAtDpcLevel(ExpForeignExtension, Ext->Lock);
    ExpValue(Ext, "IRQL after acquiring with an extension of no device",
             VideoPortGetCurrentIrql(), PASSIVE_LEVEL);
    VideoPortAcquireSpinLockAtDpcLevel(Ext, Ext->Lock);
    irql = VideoPortGetCurrentIrql();
    VideoPortReleaseSpinLockFromDpcLevel(Ext, Ext->Lock);
    ExpValue(Ext, "IRQL holding a lock taken from PASSIVE_LEVEL", irql, DISPATCH_LEVEL);
    ExpValue(Ext, "IRQL after its release", VideoPortGetCurrentIrql(), PASSIVE_LEVEL);
    ExpEnd(Ext);

    ExpBegin(Ext, "release-spin-lock-from-dpc-level");
    VideoPortReleaseSpinLockFromDpcLevel(Ext, NULL);
    VideoPortReleaseSpinLockFromDpcLevel(Ext, notALock);
    VideoPortAcquireSpinLockAtDpcLevel(Ext, Ext->Lock);
    VideoPortReleaseSpinLockFromDpcLevel(ExpForeignExtension, Ext->Lock);
    irql = VideoPortGetCurrentIrql();
    VideoPortReleaseSpinLockFromDpcLevel(Ext, Ext->Lock);
    ExpValue(Ext, "IRQL after a release with an extension of no device", irql,
             DISPATCH_LEVEL);
    ExpValue(Ext, "IRQL after the real release", VideoPortGetCurrentIrql(), PASSIVE_LEVEL);
    ExpEnd(Ext);

    if (notALock != NULL) {
        VideoPortFreePool(Ext, notALock);
    }
}

/* ---- Events ------------------------------------------------------------------ */

static VOID ExpCreateEventAtDispatch(PEXP_EXTENSION Ext, PVOID Context)
{
    PVP_STATUS status = Context;
    PEVENT event = NULL;

    *status = VideoPortCreateEvent(Ext, 0, NULL, &event);
    if (*status == NO_ERROR) {
        Ext->StrayEvent = event;
    }
}

static VOID ExpWaitAtDispatch(PEXP_EXTENSION Ext, PVOID Context)
{
    PVP_STATUS status = Context;
    LARGE_INTEGER timeout;

    timeout.QuadPart = EXP_10_MS;
    status[0] = VideoPortWaitForSingleObject(Ext, Ext->DpcUnsignaled, &timeout);
    timeout.QuadPart = 0;
    status[1] = VideoPortWaitForSingleObject(Ext, Ext->DpcUnsignaled, &timeout);
}

static VOID ExpCheckEvents(PEXP_EXTENSION Ext)
{
    LARGE_INTEGER timeout;
    PEVENT event = NULL;
    PEVENT dead = NULL;
    PVOID notAnEvent;
    VP_STATUS status;
    VP_STATUS atDispatch[2];
    LONG state;

    notAnEvent = VideoPortAllocatePool(Ext, VpNonPagedPool, 64, EXP_TAG);

    ExpBegin(Ext, "create-event");
    ExpNotOk(Ext, "NULL ppEvent", VideoPortCreateEvent(Ext, 0, NULL, NULL));
    event = (PEVENT)ExpForeignExtension;
    ExpNotOk(Ext, "an extension of no device",
             VideoPortCreateEvent(ExpForeignExtension, 0, NULL, &event));
    ExpValue(Ext, "ppEvent written by the failure", (ULONG_PTR)event,
             (ULONG_PTR)ExpForeignExtension);
    status = NO_ERROR;
    ExpUnderSpinLock(Ext, ExpCreateEventAtDispatch, &status);
    ExpNotOk(Ext, "at DISPATCH_LEVEL (under a spin lock)", status);
    if (Ext->DpcRan) {
        ExpNotOk(Ext, "in a DPC", Ext->DpcCreateEvent);
    }
    if (Ext->StrayEvent != NULL) {
        VideoPortDeleteEvent(Ext, Ext->StrayEvent);
        Ext->StrayEvent = NULL;
    }
    event = NULL;
    ExpStatus(Ext, "a synchronization event", VideoPortCreateEvent(Ext, 0, NULL, &event),
              NO_ERROR);
    ExpStatus(Ext, "an event to delete later", VideoPortCreateEvent(Ext, 0, NULL, &dead),
              NO_ERROR);
    ExpEnd(Ext);
    if (event == NULL || dead == NULL) {
        goto out;
    }

    ExpBegin(Ext, "delete-event");
    ExpNotOk(Ext, "NULL", VideoPortDeleteEvent(Ext, NULL));
    ExpNotOk(Ext, "pool memory that is no event", VideoPortDeleteEvent(Ext, notAnEvent));
    ExpNotOk(Ext, "a spin lock", VideoPortDeleteEvent(Ext, (PEVENT)Ext->Lock));
    ExpNotOk(Ext, "an extension of no device", VideoPortDeleteEvent(ExpForeignExtension, dead));
    ExpStatus(Ext, "the event itself", VideoPortDeleteEvent(Ext, dead), NO_ERROR);
    ExpNotOk(Ext, "the same event again", VideoPortDeleteEvent(Ext, dead));
    ExpEnd(Ext);

    ExpBegin(Ext, "delete-event-at-dispatch");
    if (!Ext->DpcRan) {
        ExpFail(Ext, "the DPC did not run", 0);
    } else {
        /* The reference allows it at IRQL <= DISPATCH_LEVEL. */
        ExpStatus(Ext, "a live event deleted from a DPC", Ext->DpcDeleteEvent, NO_ERROR);
    }
    ExpEnd(Ext);

    /* Refused calls leave the real event as it is. */
    ExpBegin(Ext, "set-event");
    ExpValue(Ext, "NULL", VideoPortSetEvent(Ext, NULL), 0);
    ExpValue(Ext, "pool memory that is no event", VideoPortSetEvent(Ext, notAnEvent), 0);
    ExpValue(Ext, "a spin lock", VideoPortSetEvent(Ext, (PEVENT)Ext->Lock), 0);
    ExpValue(Ext, "a deleted event", VideoPortSetEvent(Ext, dead), 0);
    ExpValue(Ext, "an extension of no device", VideoPortSetEvent(ExpForeignExtension, event), 0);
    ExpValue(Ext, "event signaled by a refused call", VideoPortReadStateEvent(Ext, event), 0);
    ExpValue(Ext, "first set: was not signaled", VideoPortSetEvent(Ext, event), 0);
    ExpTrue(Ext, "second set: was signaled, must be nonzero",
            VideoPortSetEvent(Ext, event) != 0, 0);
    ExpEnd(Ext);

    ExpBegin(Ext, "clear-event");
    VideoPortClearEvent(Ext, NULL);
    VideoPortClearEvent(Ext, notAnEvent);
    VideoPortClearEvent(Ext, dead);
    VideoPortClearEvent(ExpForeignExtension, event);
    ExpTrue(Ext, "event cleared by a refused call", VideoPortReadStateEvent(Ext, event) != 0, 0);
    VideoPortClearEvent(Ext, event);
    ExpValue(Ext, "event after the real clear", VideoPortReadStateEvent(Ext, event), 0);
    ExpEnd(Ext);

    ExpBegin(Ext, "read-state-event");
    VideoPortSetEvent(Ext, event);
    ExpValue(Ext, "NULL", VideoPortReadStateEvent(Ext, NULL), 0);
    ExpValue(Ext, "pool memory that is no event", VideoPortReadStateEvent(Ext, notAnEvent), 0);
    ExpValue(Ext, "a deleted event", VideoPortReadStateEvent(Ext, dead), 0);
    ExpValue(Ext, "an extension of no device",
             VideoPortReadStateEvent(ExpForeignExtension, event), 0);
    ExpTrue(Ext, "the signaled event itself", VideoPortReadStateEvent(Ext, event) != 0, 0);
    ExpEnd(Ext);

    ExpBegin(Ext, "wait-for-single-object");
    timeout.QuadPart = 0;
    ExpStatus(Ext, "NULL", VideoPortWaitForSingleObject(Ext, NULL, &timeout),
              ERROR_INVALID_PARAMETER);
    ExpStatus(Ext, "pool memory that is no event",
              VideoPortWaitForSingleObject(Ext, notAnEvent, &timeout), ERROR_INVALID_PARAMETER);
    ExpStatus(Ext, "a spin lock", VideoPortWaitForSingleObject(Ext, Ext->Lock, &timeout),
              ERROR_INVALID_PARAMETER);
    ExpStatus(Ext, "a deleted event", VideoPortWaitForSingleObject(Ext, dead, NULL),
              ERROR_INVALID_PARAMETER);
    ExpStatus(Ext, "an extension of no device",
              VideoPortWaitForSingleObject(ExpForeignExtension, event, &timeout),
              ERROR_INVALID_PARAMETER);
    ExpStatus(Ext, "zero timeout, not signaled",
              VideoPortWaitForSingleObject(Ext, Ext->DpcUnsignaled, &timeout), WAIT_TIMEOUT);
    timeout.QuadPart = EXP_10_MS;
    ExpStatus(Ext, "10 ms, not signaled",
              VideoPortWaitForSingleObject(Ext, Ext->DpcUnsignaled, &timeout), WAIT_TIMEOUT);
    timeout.QuadPart = 1;
    ExpStatus(Ext, "an absolute time long past, not signaled",
              VideoPortWaitForSingleObject(Ext, Ext->DpcUnsignaled, &timeout), WAIT_TIMEOUT);
    timeout.QuadPart = 0;
    ExpStatus(Ext, "a signaled synchronization event",
              VideoPortWaitForSingleObject(Ext, event, &timeout), NO_ERROR);
    ExpValue(Ext, "the synchronization event was not reset by the wait",
             VideoPortReadStateEvent(Ext, event), 0);
    atDispatch[0] = NO_ERROR;
    atDispatch[1] = NO_ERROR;
    ExpUnderSpinLock(Ext, ExpWaitAtDispatch, atDispatch);
    ExpStatus(Ext, "10 ms at DISPATCH_LEVEL (under a spin lock)", atDispatch[0],
              ERROR_INVALID_PARAMETER);
    ExpStatus(Ext, "zero timeout at DISPATCH_LEVEL (under a spin lock)", atDispatch[1],
              WAIT_TIMEOUT);
    if (Ext->DpcRan) {
        ExpStatus(Ext, "zero timeout in a DPC", Ext->DpcWaitZero, WAIT_TIMEOUT);
        ExpStatus(Ext, "10 ms in a DPC", Ext->DpcWaitRelative, ERROR_INVALID_PARAMETER);
        ExpStatus(Ext, "no timeout (forever) in a DPC", Ext->DpcWaitForever,
                  ERROR_INVALID_PARAMETER);
    }
    ExpEnd(Ext);

    state = VideoPortDeleteEvent(Ext, event);
    if (state != NO_ERROR) {
        VideoPortDebugPrint(Error, EXP_PREFIX "cannot delete an event (%d)\n", state);
    }
out:
    if (notAnEvent != NULL) {
        VideoPortFreePool(Ext, notAnEvent);
    }
}

/* ---- The device lock ----------------------------------------------------------- */

static VOID ExpDeviceLockAtDispatch(PEXP_EXTENSION Ext, PVOID Context)
{
    /* Would sleep: must be refused, not taken. */
    VideoPortAcquireDeviceLock(Ext);
    VideoPortReleaseDeviceLock(Ext);
}

static VOID ExpCheckDeviceLock(PEXP_EXTENSION Ext)
{
    ExpBegin(Ext, "acquire-device-lock");
    VideoPortAcquireDeviceLock(NULL);
    VideoPortAcquireDeviceLock(ExpForeignExtension);
    ExpUnderSpinLock(Ext, ExpDeviceLockAtDispatch, NULL);
    /* Nothing above took it: this does not block. */
    VideoPortAcquireDeviceLock(Ext);
    VideoPortReleaseDeviceLock(Ext);
    ExpEnd(Ext);

    ExpBegin(Ext, "release-device-lock");
    VideoPortReleaseDeviceLock(NULL);
    VideoPortReleaseDeviceLock(ExpForeignExtension);
    VideoPortReleaseDeviceLock(Ext);
    VideoPortAcquireDeviceLock(Ext);
    VideoPortReleaseDeviceLock(ExpForeignExtension);
    VideoPortReleaseDeviceLock(Ext);
    /* Held once, released once, whatever else was tried: free again. */
    VideoPortAcquireDeviceLock(Ext);
    VideoPortReleaseDeviceLock(Ext);
    ExpEnd(Ext);
}

/* ---- Interlocked operations at the edges of LONG -------------------------------- */

static VOID ExpCheckInterlocked(PEXP_EXTENSION Ext)
{
    LONG value;
    LONG result;

    ExpBegin(Ext, "interlocked-increment");
    value = 0x7FFFFFFF;
    result = VideoPortInterlockedIncrement(&value);
    ExpValue(Ext, "MAXLONG + 1 wraps to MINLONG", (ULONG)result, 0x80000000U);
    ExpValue(Ext, "the variable", (ULONG)value, 0x80000000U);
    value = -1;
    ExpValue(Ext, "-1 + 1", (ULONG)VideoPortInterlockedIncrement(&value), 0);
    ExpEnd(Ext);

    ExpBegin(Ext, "interlocked-decrement");
    value = (LONG)0x80000000U;
    result = VideoPortInterlockedDecrement(&value);
    ExpValue(Ext, "MINLONG - 1 wraps to MAXLONG", (ULONG)result, 0x7FFFFFFFU);
    ExpValue(Ext, "the variable", (ULONG)value, 0x7FFFFFFFU);
    value = 0;
    ExpValue(Ext, "0 - 1", (ULONG)VideoPortInterlockedDecrement(&value), 0xFFFFFFFFU);
    ExpEnd(Ext);

    ExpBegin(Ext, "interlocked-exchange");
    value = (LONG)0x80000000U;
    ExpValue(Ext, "old value", (ULONG)VideoPortInterlockedExchange(&value, 0x7FFFFFFF),
             0x80000000U);
    ExpValue(Ext, "new value", (ULONG)value, 0x7FFFFFFFU);
    ExpValue(Ext, "exchanging a value with itself",
             (ULONG)VideoPortInterlockedExchange(&value, value), 0x7FFFFFFFU);
    ExpEnd(Ext);
}

/* ---- IRQL, SynchronizeExecution, DPCs, interrupts, the timer --------------------- */

static BOOLEAN ExpSyncTrue(PVOID Context)
{
    PEXP_EXTENSION ext = Context;

    ext->SyncCalls++;
    ext->SyncIrql = VideoPortGetCurrentIrql();
    return TRUE;
}

static BOOLEAN ExpSyncFalse(PVOID Context)
{
    PEXP_EXTENSION ext = Context;

    ext->SyncCalls++;
    return FALSE;
}

static VOID ExpIrqlUnderLock(PEXP_EXTENSION Ext, PVOID Context)
{
    PUCHAR irql = Context;

    *irql = VideoPortGetCurrentIrql();
}

static VOID ExpStopTimerAtDispatch(PEXP_EXTENSION Ext, PVOID Context)
{
    VideoPortStopTimer(Ext);
}

/*
 * A stall of 200 ms at DISPATCH_LEVEL, where the reference allows 50 us:
 * it must come back (vpshim caps such stalls rather than hang the CPU).
 */
static BOOLEAN ExpLongStall(PVOID Context)
{
    PLONGLONG elapsed = Context;
    LONGLONG start;

    start = VideoPortQueryPerformanceCounter(NULL, NULL);
    VideoPortStallExecution(200000);
    *elapsed = VideoPortQueryPerformanceCounter(NULL, NULL) - start;
    return TRUE;
}

static VOID ExpCheckContexts(PEXP_EXTENSION Ext)
{
    LONGLONG frequency = 0;
    LONGLONG first;
    LONGLONG second;
    LONGLONG elapsed;
    LARGE_INTEGER now;
    BOOLEAN result;
    ULONG calls;
    UCHAR irql;

    ExpBegin(Ext, "get-current-irql");
    ExpValue(Ext, "HwInitialize", VideoPortGetCurrentIrql(), PASSIVE_LEVEL);
    irql = 0xEE;
    ExpUnderSpinLock(Ext, ExpIrqlUnderLock, &irql);
    ExpValue(Ext, "holding a spin lock", irql, DISPATCH_LEVEL);
    ExpValue(Ext, "the SynchronizeExecution routine that queued the DPC", Ext->SyncIrql,
             DISPATCH_LEVEL);
    if (Ext->DpcRan) {
        ExpValue(Ext, "the DPC", Ext->DpcIrql, DISPATCH_LEVEL);
    }
    ExpEnd(Ext);

    ExpBegin(Ext, "synchronize-execution");
    calls = Ext->SyncCalls;
    ExpTrue(Ext, "NULL routine", !VideoPortSynchronizeExecution(Ext, VpLowPriority, NULL, Ext),
            1);
    ExpTrue(Ext, "an extension of no device",
            !VideoPortSynchronizeExecution(ExpForeignExtension, VpHighPriority, ExpSyncTrue,
                                           Ext), 1);
    ExpValue(Ext, "routine calls by refused calls", Ext->SyncCalls, calls);
    ExpTrue(Ext, "the routine's TRUE",
            VideoPortSynchronizeExecution(Ext, VpHighPriority, ExpSyncTrue, Ext), 0);
    ExpTrue(Ext, "the routine's FALSE",
            !VideoPortSynchronizeExecution(Ext, VpMediumPriority, ExpSyncFalse, Ext), 1);
    result = VideoPortSynchronizeExecution(Ext, (VIDEO_SYNCHRONIZE_PRIORITY)7, ExpSyncTrue,
                                           Ext);
    VideoPortDebugPrint(Trace, EXP_PREFIX "priority 7 gave %d\n", result);
    ExpEnd(Ext);

    ExpBegin(Ext, "queue-dpc");
    ExpTrue(Ext, "NULL routine", !VideoPortQueueDpc(Ext, NULL, Ext), 1);
    ExpTrue(Ext, "an extension of no device",
            !VideoPortQueueDpc(ExpForeignExtension, ExpStrayDpc, Ext), 1);
    ExpTrue(Ext, "the DPC from DISPATCH_LEVEL was not queued", Ext->DpcQueued, 0);
    ExpTrue(Ext, "the queued DPC did not run", Ext->DpcRan, 0);
    ExpEnd(Ext);

    /* No HwInterrupt was connected. */
    ExpBegin(Ext, "enable-interrupt");
    ExpStatus(Ext, "no HwInterrupt", VideoPortEnableInterrupt(Ext), ERROR_INVALID_FUNCTION);
    ExpNotOk(Ext, "an extension of no device", VideoPortEnableInterrupt(ExpForeignExtension));
    ExpEnd(Ext);
    ExpBegin(Ext, "disable-interrupt");
    ExpStatus(Ext, "no HwInterrupt", VideoPortDisableInterrupt(Ext), ERROR_INVALID_FUNCTION);
    ExpNotOk(Ext, "an extension of no device", VideoPortDisableInterrupt(ExpForeignExtension));
    ExpEnd(Ext);

    /* No HwTimer: the reference forbids both calls; they must come back. */
    ExpBegin(Ext, "start-timer");
    VideoPortStartTimer(Ext);
    VideoPortStartTimer(ExpForeignExtension);
    VideoPortStartTimer(NULL);
    ExpEnd(Ext);
    ExpBegin(Ext, "stop-timer");
    VideoPortStopTimer(Ext);
    VideoPortStopTimer(ExpForeignExtension);
    VideoPortStopTimer(NULL);
    ExpUnderSpinLock(Ext, ExpStopTimerAtDispatch, NULL);
    ExpEnd(Ext);

    ExpBegin(Ext, "query-performance-counter");
    first = VideoPortQueryPerformanceCounter(ExpForeignExtension, NULL);
    second = VideoPortQueryPerformanceCounter(Ext, &frequency);
    ExpTrue(Ext, "no frequency", frequency > 0, (ULONG_PTR)frequency);
    ExpTrue(Ext, "the counter went backwards", second >= first, (ULONG_PTR)(first - second));
    ExpEnd(Ext);

    ExpBegin(Ext, "stall-execution");
    VideoPortStallExecution(0);
    VideoPortStallExecution(1);
    elapsed = 0;
    VideoPortSynchronizeExecution(Ext, VpLowPriority, ExpLongStall, &elapsed);
    if (frequency > 0) {
        ExpTrue(Ext, "200 ms at DISPATCH_LEVEL took a second or more (ms)",
                elapsed < frequency, (ULONG_PTR)(elapsed * 1000 / frequency));
    }
    ExpEnd(Ext);

    ExpBegin(Ext, "query-system-time");
    VideoPortQuerySystemTime(NULL);
    now.QuadPart = 0;
    VideoPortQuerySystemTime(&now);
    /* After 2020-01-01, in 100 ns units since 1601. */
    ExpTrue(Ext, "a time before 2020", now.QuadPart > 132223104000000000LL,
            (ULONG_PTR)now.QuadPart);
    ExpEnd(Ext);
}

VOID ExpCheckSync(PEXP_EXTENSION Ext)
{
    ExpCheckContexts(Ext);
    ExpCheckSpinLocks(Ext);
    ExpCheckEvents(Ext);
    ExpCheckDeviceLock(Ext);
    ExpCheckInterlocked(Ext);
    ExpDpcCleanup(Ext);
}
