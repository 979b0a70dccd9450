/* SPDX-License-Identifier: GPL-2.0 */
/*
 * exports.h - what the files of the exports corpus miniport share.
 *
 * The miniport calls every function the video port exports with the bad
 * arguments a buggy miniport passes (NULL, zero lengths, foreign pointers,
 * another extension, huge sizes, the wrong IRQL) and checks that each
 * fails the way its reference page says, and that the machine survives.
 * One check per function, named after it: VideoPortAllocatePool is
 * "allocate-pool". Checks print "vpc_exports: check NAME: ok" or
 * "vpc_exports: check NAME: FAIL what (got X)", one FAIL line per wrong
 * answer.
 */

#ifndef _EXPORTS_H_
#define _EXPORTS_H_

#define EXP_PREFIX              "vpc_exports: "

#define EDU_VENDOR_ID           0x1234
#define EDU_DEVICE_ID           0x11E8
#define EDU_REVISION            0x10
#define EDU_ID                  0x00    /* 0x010000ED: version 1.0, "ed" */
#define EDU_LIVENESS            0x04    /* reads back the bitwise NOT of a write */
#define EDU_ID_MAGIC            0xED

/*
 * The pool tag "DvpX", byte-reversed as the reference recommends. Real
 * sources write it as the character constant 'Xpvd', which GCC warns about
 * (-Wmultichar, on by default) and -Werror turns into an error.
 */
#define EXP_TAG                 ((ULONG)'D' | (ULONG)'v' << 8 | (ULONG)'p' << 16 | \
                                 (ULONG)'X' << 24)

/*
 * An extension that belongs to no device: what a miniport with two
 * adapters, or a stale pointer, hands the port by mistake.
 */
extern UCHAR ExpForeignExtension[64];

typedef struct _EXP_EXTENSION {

    /* BAR0 of the edu device. */
    PHYSICAL_ADDRESS RegisterPhysical;
    ULONG RegisterLength;
    PUCHAR Registers;

    PVIDEO_PORT_GET_PROC_ADDRESS GetProcAddress;

    /* The check in progress. */
    PCHAR Check;
    ULONG CheckFailures;
    ULONG Passed;
    ULONG Failed;

    /* A lock held around the calls made at DISPATCH_LEVEL. */
    PSPIN_LOCK Lock;

    /* What the DPC did, at DISPATCH_LEVEL, for the checks to judge. */
    PEVENT DpcDone;
    PEVENT DpcVictimEvent;
    PSPIN_LOCK DpcVictimLock;
    PEVENT DpcUnsignaled;
    BOOLEAN DpcQueued;
    BOOLEAN DpcRan;
    UCHAR DpcIrql;
    VP_STATUS DpcWaitZero;
    VP_STATUS DpcWaitRelative;
    VP_STATUS DpcWaitForever;
    VP_STATUS DpcDeleteEvent;
    VP_STATUS DpcDeleteSpinLock;
    VP_STATUS DpcCreateEvent;
    VP_STATUS DpcEnumerateChildren;
    PVOID DpcPagedPool;
    PVOID DpcNonPagedPool;
    PEVENT DpcStrayEvent;

    /* Objects a refused call should not have made, to undo if it did. */
    PSPIN_LOCK StrayLock;
    PEVENT StrayEvent;
    PVOID StrayBuffer;

    /* The adapter the packet-DMA checks use. */
    PVP_DMA_ADAPTER DmaAdapter;

    /* The lines of an empty DDC bus (pulled up). */
    UCHAR Clock;
    UCHAR Data;

    /* SynchronizeExecution's routine. */
    ULONG SyncCalls;
    UCHAR SyncIrql;
    BOOLEAN SyncResult;

    /* Callbacks that must never be called. */
    ULONG StrayCallbacks;

} EXP_EXTENSION, *PEXP_EXTENSION;

/* Reporting (exports_miniport.c). */
VOID ExpBegin(PEXP_EXTENSION Ext, PCHAR Check);
VOID ExpEnd(PEXP_EXTENSION Ext);
VOID ExpFail(PEXP_EXTENSION Ext, PCHAR What, ULONG_PTR Got);
VOID ExpStatus(PEXP_EXTENSION Ext, PCHAR What, VP_STATUS Got, VP_STATUS Want);
VOID ExpNotOk(PEXP_EXTENSION Ext, PCHAR What, VP_STATUS Got);
VOID ExpNull(PEXP_EXTENSION Ext, PCHAR What, PVOID Got);
VOID ExpValue(PEXP_EXTENSION Ext, PCHAR What, ULONG_PTR Got, ULONG_PTR Want);
VOID ExpTrue(PEXP_EXTENSION Ext, PCHAR What, BOOLEAN Condition, ULONG_PTR Got);

/* Run Routine(Ext) with the check lock held: DISPATCH_LEVEL. */
typedef VOID (*PEXP_ROUTINE)(PEXP_EXTENSION Ext, PVOID Context);
VOID ExpUnderSpinLock(PEXP_EXTENSION Ext, PEXP_ROUTINE Routine, PVOID Context);

/* The areas (one file each). */
VOID ExpCheckResources(PEXP_EXTENSION Ext);               /* exports_io.c, HwFindAdapter */
VOID ExpCheckIo(PEXP_EXTENSION Ext);                      /* exports_io.c */
VOID ExpCheckProcAddress(PEXP_EXTENSION Ext);             /* exports_io.c */
VOID ExpCheckMemory(PEXP_EXTENSION Ext);                  /* exports_memory.c */
VOID ExpCheckServices(PEXP_EXTENSION Ext);                /* exports_memory.c */
VOID ExpRunDpc(PEXP_EXTENSION Ext);                       /* exports_sync.c */
VOID ExpCheckSync(PEXP_EXTENSION Ext);                    /* exports_sync.c */
VOID ExpCheckDma(PEXP_EXTENSION Ext);                     /* exports_dma.c */
VOID ExpCheckDdkBasics(PEXP_EXTENSION Ext);               /* exports_ddk.c */

#endif /* _EXPORTS_H_ */
