// SPDX-License-Identifier: GPL-2.0
/*
 * exports_dma.c - DMA adapters, common buffers, packet DMA and the NT4 DMA
 * calls, with the arguments a buggy miniport passes. Nothing here ever
 * reaches the device: the edu engine is never programmed, and whatever a
 * call wrongly accepted is undone at once.
 */

#include "dderror.h"
#include "devioctl.h"
#include "miniport.h"
#include "ntddvdeo.h"
#include "video.h"
#include "exports.h"

#define EXP_DMA_MAX             0x10000
#define EXP_BUFFER              0x1000

/* A refused StartDma must never get here; if it does, the round is ended. */
typedef struct _EXP_DMA_CONTEXT {
    PEXP_EXTENSION Ext;
    BOOLEAN WriteToDevice;
} EXP_DMA_CONTEXT, *PEXP_DMA_CONTEXT;

static VOID ExpExecuteDma(PVOID HwDeviceExtension, PVP_DMA_ADAPTER VpDmaAdapter,
                          PVP_SCATTER_GATHER_LIST SGList, PVOID Context)
{
    PEXP_DMA_CONTEXT context = Context;

    context->Ext->StrayCallbacks++;
    VideoPortCompleteDma(HwDeviceExtension, VpDmaAdapter, SGList, context->WriteToDevice);
}

static VOID ExpDescription(PVP_DEVICE_DESCRIPTION Description, ULONG MaximumLength)
{
    VideoPortZeroMemory(Description, sizeof(*Description));
    Description->ScatterGather = FALSE;
    Description->Dma32BitAddresses = TRUE;
    Description->Dma64BitAddresses = FALSE;
    Description->MaximumLength = MaximumLength;
}

static VOID ExpAdapterAtDispatch(PEXP_EXTENSION Ext, PVOID Context)
{
    PVP_DMA_ADAPTER *adapter = Context;
    VP_DEVICE_DESCRIPTION description;

    ExpDescription(&description, EXP_DMA_MAX);
    *adapter = VideoPortGetDmaAdapter(Ext, &description);
}

typedef struct _EXP_COMMON {
    PVP_DMA_ADAPTER Adapter;
    PHYSICAL_ADDRESS Logical;
    PVOID Virtual;
} EXP_COMMON, *PEXP_COMMON;

static VOID ExpCommonAtDispatch(PEXP_EXTENSION Ext, PVOID Context)
{
    PEXP_COMMON common = Context;

    common->Virtual = VideoPortAllocateCommonBuffer(Ext, common->Adapter, EXP_BUFFER,
                                                    &common->Logical, TRUE, NULL);
}

static VOID ExpGetCommonAtDispatch(PEXP_EXTENSION Ext, PVOID Context)
{
    PEXP_COMMON common = Context;
    ULONG actual;

    common->Virtual = VideoPortGetCommonBuffer(Ext, EXP_BUFFER, 0, &common->Logical, &actual,
                                               TRUE);
}

static VOID ExpLockAtDispatch(PEXP_EXTENSION Ext, PVOID Context)
{
    PVOID *mdl = Context;
    PVOID buffer = mdl[1];

    mdl[0] = VideoPortLockBuffer(Ext, buffer, 64, VpReadAccess);
}

static VOID ExpCheckAdapters(PEXP_EXTENSION Ext)
{
    VP_DEVICE_DESCRIPTION description;
    PVP_DMA_ADAPTER adapter;
    PVP_DMA_ADAPTER other = NULL;
    PVP_DMA_ADAPTER wrong;
    EXP_COMMON common;
    PHYSICAL_ADDRESS logical;
    PHYSICAL_ADDRESS wrongLogical;
    PVOID notAnAdapter;
    PVOID buffer;
    PUCHAR bytes;

    notAnAdapter = VideoPortAllocatePool(Ext, VpNonPagedPool, 256, EXP_TAG);

    ExpBegin(Ext, "get-dma-adapter");
    ExpNull(Ext, "NULL VpDeviceDescription", VideoPortGetDmaAdapter(Ext, NULL));
    ExpDescription(&description, 0);
    ExpNull(Ext, "MaximumLength 0", VideoPortGetDmaAdapter(Ext, &description));
    ExpDescription(&description, EXP_DMA_MAX);
    ExpNull(Ext, "an extension of no device",
            VideoPortGetDmaAdapter(ExpForeignExtension, &description));
    wrong = NULL;
    ExpUnderSpinLock(Ext, ExpAdapterAtDispatch, &wrong);
    ExpNull(Ext, "at DISPATCH_LEVEL (under a spin lock)", wrong);
    if (wrong != NULL) {
        VideoPortPutDmaAdapter(Ext, wrong);
    }
    adapter = VideoPortGetDmaAdapter(Ext, &description);
    ExpTrue(Ext, "a 32-bit adapter, after the wrong calls", adapter != NULL, 0);
    ExpEnd(Ext);
    if (adapter == NULL) {
        goto out;
    }

    ExpBegin(Ext, "allocate-common-buffer");
    ExpNull(Ext, "NULL adapter",
            VideoPortAllocateCommonBuffer(Ext, NULL, EXP_BUFFER, &logical, TRUE, NULL));
    ExpNull(Ext, "pool memory as adapter",
            VideoPortAllocateCommonBuffer(Ext, notAnAdapter, EXP_BUFFER, &logical, TRUE, NULL));
    ExpNull(Ext, "zero bytes",
            VideoPortAllocateCommonBuffer(Ext, adapter, 0, &logical, TRUE, NULL));
    ExpNull(Ext, "more than the adapter's MaximumLength",
            VideoPortAllocateCommonBuffer(Ext, adapter, EXP_DMA_MAX * 2, &logical, TRUE, NULL));
    ExpNull(Ext, "NULL LogicalAddress",
            VideoPortAllocateCommonBuffer(Ext, adapter, EXP_BUFFER, NULL, TRUE, NULL));
    ExpNull(Ext, "an extension of no device",
            VideoPortAllocateCommonBuffer(ExpForeignExtension, adapter, EXP_BUFFER, &logical,
                                          TRUE, NULL));
    common.Adapter = adapter;
    common.Virtual = NULL;
    ExpUnderSpinLock(Ext, ExpCommonAtDispatch, &common);
    ExpNull(Ext, "at DISPATCH_LEVEL (under a spin lock)", common.Virtual);
    if (common.Virtual != NULL) {
        VideoPortReleaseCommonBuffer(Ext, adapter, EXP_BUFFER, common.Logical, common.Virtual,
                                     TRUE);
    }
    logical.QuadPart = 0;
    buffer = VideoPortAllocateCommonBuffer(Ext, adapter, EXP_BUFFER, &logical, FALSE, NULL);
    ExpTrue(Ext, "a page, after the wrong calls", buffer != NULL, 0);
    ExpEnd(Ext);

    /*
     * A release must match the allocation exactly; anything else frees
     * nothing, and the buffer keeps what was written into it.
     */
    ExpBegin(Ext, "release-common-buffer");
    if (buffer != NULL) {
        bytes = buffer;
        bytes[0] = 0x5A;
        bytes[EXP_BUFFER - 1] = 0xA5;
        wrongLogical = logical;
        wrongLogical.QuadPart += 0x1000;
        VideoPortReleaseCommonBuffer(Ext, adapter, EXP_BUFFER / 2, logical, buffer, FALSE);
        VideoPortReleaseCommonBuffer(Ext, adapter, EXP_BUFFER, wrongLogical, buffer, FALSE);
        VideoPortReleaseCommonBuffer(Ext, adapter, EXP_BUFFER, logical, bytes + 8, FALSE);
        VideoPortReleaseCommonBuffer(Ext, adapter, EXP_BUFFER, logical, buffer, TRUE);
        VideoPortReleaseCommonBuffer(Ext, NULL, EXP_BUFFER, logical, buffer, FALSE);
        VideoPortReleaseCommonBuffer(Ext, notAnAdapter, EXP_BUFFER, logical, buffer, FALSE);
        VideoPortReleaseCommonBuffer(ExpForeignExtension, adapter, EXP_BUFFER, logical, buffer,
                                     FALSE);
        ExpTrue(Ext, "the buffer's contents changed by the refused releases",
                (BOOLEAN)(bytes[0] == 0x5A && bytes[EXP_BUFFER - 1] == 0xA5), bytes[0]);
        VideoPortReleaseCommonBuffer(Ext, adapter, EXP_BUFFER, logical, buffer, FALSE);
        VideoPortReleaseCommonBuffer(Ext, adapter, EXP_BUFFER, logical, buffer, FALSE);
    } else {
        ExpFail(Ext, "no buffer to release", 0);
    }
    ExpEnd(Ext);

    /*
     * VideoPortPutDmaAdapter: refused puts leave the adapter usable; a put
     * one is dead for good.
     */
    ExpBegin(Ext, "put-dma-adapter");
    VideoPortPutDmaAdapter(Ext, NULL);
    VideoPortPutDmaAdapter(Ext, notAnAdapter);
    VideoPortPutDmaAdapter(ExpForeignExtension, adapter);
    buffer = VideoPortAllocateCommonBuffer(Ext, adapter, EXP_BUFFER, &logical, TRUE, NULL);
    ExpTrue(Ext, "the adapter died of a refused put", buffer != NULL, 0);
    if (buffer != NULL) {
        VideoPortReleaseCommonBuffer(Ext, adapter, EXP_BUFFER, logical, buffer, TRUE);
    }
    other = VideoPortGetDmaAdapter(Ext, &description);
    VideoPortPutDmaAdapter(Ext, other);
    VideoPortPutDmaAdapter(Ext, other);
    buffer = VideoPortAllocateCommonBuffer(Ext, other, EXP_BUFFER, &logical, TRUE, NULL);
    ExpNull(Ext, "a common buffer on an adapter already put", buffer);
    if (buffer != NULL) {
        VideoPortReleaseCommonBuffer(Ext, other, EXP_BUFFER, logical, buffer, TRUE);
    }
    ExpEnd(Ext);

    /* Packet DMA on the adapter that is still live. */
    Ext->DmaAdapter = adapter;

out:
    if (notAnAdapter != NULL) {
        VideoPortFreePool(Ext, notAnAdapter);
    }
}

static VOID ExpCheckLegacyCommonBuffer(PEXP_EXTENSION Ext)
{
    PHYSICAL_ADDRESS logical;
    PHYSICAL_ADDRESS wrongLogical;
    EXP_COMMON common;
    PUCHAR buffer;
    ULONG actual;

    ExpBegin(Ext, "get-common-buffer");
    ExpNull(Ext, "zero bytes", VideoPortGetCommonBuffer(Ext, 0, 0, &logical, &actual, TRUE));
    ExpNull(Ext, "4 GiB", VideoPortGetCommonBuffer(Ext, 0xFFFFFFFF, 0, &logical, &actual, TRUE));
    ExpNull(Ext, "NULL LogicalAddress",
            VideoPortGetCommonBuffer(Ext, EXP_BUFFER, 0, NULL, &actual, TRUE));
    ExpNull(Ext, "an extension of no device",
            VideoPortGetCommonBuffer(ExpForeignExtension, EXP_BUFFER, 0, &logical, &actual,
                                     TRUE));
    common.Virtual = NULL;
    ExpUnderSpinLock(Ext, ExpGetCommonAtDispatch, &common);
    ExpNull(Ext, "at DISPATCH_LEVEL (under a spin lock)", common.Virtual);
    if (common.Virtual != NULL) {
        VideoPortFreeCommonBuffer(Ext, EXP_BUFFER, common.Virtual, common.Logical, TRUE);
    }
    actual = 0;
    buffer = VideoPortGetCommonBuffer(Ext, EXP_BUFFER, 0, &logical, &actual, FALSE);
    ExpTrue(Ext, "a page, after the wrong calls", buffer != NULL, 0);
    ExpEnd(Ext);

    ExpBegin(Ext, "free-common-buffer");
    if (buffer != NULL) {
        buffer[0] = 0x77;
        wrongLogical = logical;
        wrongLogical.QuadPart ^= 0x1000;
        VideoPortFreeCommonBuffer(Ext, EXP_BUFFER * 2, buffer, logical, FALSE);
        VideoPortFreeCommonBuffer(Ext, EXP_BUFFER, buffer + 1, logical, FALSE);
        VideoPortFreeCommonBuffer(Ext, EXP_BUFFER, buffer, wrongLogical, FALSE);
        VideoPortFreeCommonBuffer(Ext, EXP_BUFFER, buffer, logical, TRUE);
        VideoPortFreeCommonBuffer(ExpForeignExtension, EXP_BUFFER, buffer, logical, FALSE);
        VideoPortFreeCommonBuffer(Ext, EXP_BUFFER, NULL, logical, FALSE);
        ExpValue(Ext, "the buffer's first byte after the refused frees", buffer[0], 0x77);
        VideoPortFreeCommonBuffer(Ext, EXP_BUFFER, buffer, logical, FALSE);
        VideoPortFreeCommonBuffer(Ext, EXP_BUFFER, buffer, logical, FALSE);
    } else {
        ExpFail(Ext, "no buffer to free", 0);
    }
    ExpEnd(Ext);
}

static VOID ExpCheckPacketDma(PEXP_EXTENSION Ext)
{
    PVP_DMA_ADAPTER adapter = Ext->DmaAdapter;
    EXP_DMA_CONTEXT context;
    PVOID lockArgs[2];
    PVOID notAnMdl;
    PUCHAR kernelBuffer;
    PVOID mdl = NULL;
    ULONG length;
    ULONG strays;
    VP_STATUS status;

    notAnMdl = VideoPortAllocatePool(Ext, VpNonPagedPool, 256, EXP_TAG);
    kernelBuffer = VideoPortAllocatePool(Ext, VpNonPagedPool, 256, EXP_TAG);
    if (notAnMdl == NULL || kernelBuffer == NULL) {
        VideoPortDebugPrint(Error, EXP_PREFIX "check lock-buffer: FAIL no pool\n");
        goto out;
    }

    ExpBegin(Ext, "lock-buffer");
    ExpNull(Ext, "NULL BaseAddress", VideoPortLockBuffer(Ext, NULL, 64, VpReadAccess));
    ExpNull(Ext, "zero bytes", VideoPortLockBuffer(Ext, kernelBuffer, 0, VpReadAccess));
    ExpNull(Ext, "an unmapped user address",
            VideoPortLockBuffer(Ext, (PVOID)(ULONG_PTR)0x1000, 64, VpWriteAccess));
    ExpNull(Ext, "operation 7", VideoPortLockBuffer(Ext, kernelBuffer, 64,
                                                     (VP_LOCK_OPERATION)7));
    ExpNull(Ext, "an extension of no device",
            VideoPortLockBuffer(ExpForeignExtension, kernelBuffer, 64, VpReadAccess));
    lockArgs[0] = NULL;
    lockArgs[1] = kernelBuffer;
    ExpUnderSpinLock(Ext, ExpLockAtDispatch, lockArgs);
    ExpNull(Ext, "at DISPATCH_LEVEL (under a spin lock)", lockArgs[0]);
    if (lockArgs[0] != NULL) {
        VideoPortUnlockBuffer(Ext, lockArgs[0]);
    }
    mdl = VideoPortLockBuffer(Ext, kernelBuffer, 64, VpReadAccess);
    ExpTrue(Ext, "a kernel buffer, after the wrong calls", mdl != NULL, 0);
    ExpEnd(Ext);

    /* The device only reads the buffer (VpReadAccess) in all of these. */
    ExpBegin(Ext, "start-dma");
    strays = Ext->StrayCallbacks;
    context.Ext = Ext;
    context.WriteToDevice = TRUE;
    length = 64;
    ExpNotOk(Ext, "NULL adapter",
             VideoPortStartDma(Ext, NULL, mdl, 0, &length, ExpExecuteDma, &context, TRUE));
    ExpNotOk(Ext, "pool memory as adapter",
             VideoPortStartDma(Ext, notAnMdl, mdl, 0, &length, ExpExecuteDma, &context, TRUE));
    if (adapter != NULL && mdl != NULL) {
        ExpNotOk(Ext, "NULL Mdl", VideoPortStartDma(Ext, adapter, NULL, 0, &length,
                                                     ExpExecuteDma, &context, TRUE));
        ExpNotOk(Ext, "pool memory as Mdl", VideoPortStartDma(Ext, adapter, notAnMdl, 0,
                                                               &length, ExpExecuteDma,
                                                               &context, TRUE));
        ExpNotOk(Ext, "NULL pLength", VideoPortStartDma(Ext, adapter, mdl, 0, NULL,
                                                         ExpExecuteDma, &context, TRUE));
        ExpNotOk(Ext, "NULL ExecuteDmaRoutine", VideoPortStartDma(Ext, adapter, mdl, 0, &length,
                                                                   NULL, &context, TRUE));
        length = 0;
        ExpNotOk(Ext, "zero bytes", VideoPortStartDma(Ext, adapter, mdl, 0, &length,
                                                       ExpExecuteDma, &context, TRUE));
        length = 64;
        ExpNotOk(Ext, "an offset past the buffer", VideoPortStartDma(Ext, adapter, mdl, 4096,
                                                                      &length, ExpExecuteDma,
                                                                      &context, TRUE));
        length = 4096;
        ExpNotOk(Ext, "a length past the buffer", VideoPortStartDma(Ext, adapter, mdl, 0,
                                                                     &length, ExpExecuteDma,
                                                                     &context, TRUE));
        length = 64;
        context.WriteToDevice = FALSE;
        ExpNotOk(Ext, "the device writing a buffer locked for reading",
                 VideoPortStartDma(Ext, adapter, mdl, 0, &length, ExpExecuteDma, &context,
                                   FALSE));
        context.WriteToDevice = TRUE;
        ExpNotOk(Ext, "an extension of no device",
                 VideoPortStartDma(ExpForeignExtension, adapter, mdl, 0, &length,
                                   ExpExecuteDma, &context, TRUE));
    }
    ExpValue(Ext, "ExecuteDma calls of refused transfers", Ext->StrayCallbacks, strays);
    ExpEnd(Ext);

    /* The reference says NO_ERROR, always; a refusal is better than a crash. */
    ExpBegin(Ext, "complete-dma");
    status = VideoPortCompleteDma(Ext, adapter, NULL, TRUE);
    ExpTrue(Ext, "NULL list: neither NO_ERROR nor ERROR_INVALID_PARAMETER",
            (BOOLEAN)(status == NO_ERROR || status == ERROR_INVALID_PARAMETER), status);
    status = VideoPortCompleteDma(Ext, adapter, notAnMdl, TRUE);
    ExpTrue(Ext, "a list no transfer made: neither NO_ERROR nor ERROR_INVALID_PARAMETER",
            (BOOLEAN)(status == NO_ERROR || status == ERROR_INVALID_PARAMETER), status);
    status = VideoPortCompleteDma(Ext, NULL, notAnMdl, FALSE);
    ExpTrue(Ext, "NULL adapter: neither NO_ERROR nor ERROR_INVALID_PARAMETER",
            (BOOLEAN)(status == NO_ERROR || status == ERROR_INVALID_PARAMETER), status);
    status = VideoPortCompleteDma(ExpForeignExtension, adapter, notAnMdl, TRUE);
    ExpTrue(Ext, "an extension of no device: neither NO_ERROR nor ERROR_INVALID_PARAMETER",
            (BOOLEAN)(status == NO_ERROR || status == ERROR_INVALID_PARAMETER), status);
    ExpEnd(Ext);

    ExpBegin(Ext, "unlock-buffer");
    VideoPortUnlockBuffer(Ext, NULL);
    VideoPortUnlockBuffer(Ext, notAnMdl);
    if (mdl != NULL) {
        VideoPortUnlockBuffer(ExpForeignExtension, mdl);
        VideoPortUnlockBuffer(Ext, mdl);
        VideoPortUnlockBuffer(Ext, mdl);
    }
    ExpEnd(Ext);

out:
    if (notAnMdl != NULL) {
        VideoPortFreePool(Ext, notAnMdl);
    }
    if (kernelBuffer != NULL) {
        VideoPortFreePool(Ext, kernelBuffer);
    }
}

/*
 * The NT4 DMA calls, obsolete since Windows 2000: each returns the fixed
 * value the reference gives, whatever it is handed.
 */
static VOID ExpCheckNt4Dma(PEXP_EXTENSION Ext)
{
    PDMA garbage = (PDMA)ExpForeignExtension;
    VIDEO_REQUEST_PACKET vrp;
    STATUS_BLOCK statusBlock;
    PHYSICAL_ADDRESS board;
    PVOID virtualAddress;
    ULONG length;
    ULONG inIoSpace;

    VideoPortZeroMemory(&vrp, sizeof(vrp));
    VideoPortZeroMemory(&statusBlock, sizeof(statusBlock));
    vrp.StatusBlock = &statusBlock;

    ExpBegin(Ext, "lock-pages");
    ExpTrue(Ext, "VideoPortUnlockAfterDma",
            !VideoPortLockPages(Ext, &vrp, NULL, NULL, VideoPortUnlockAfterDma), 1);
    ExpTrue(Ext, "VideoPortKeepPagesLocked",
            !VideoPortLockPages(Ext, &vrp, NULL, NULL, VideoPortKeepPagesLocked), 1);
    ExpTrue(Ext, "NULL pVrp", !VideoPortLockPages(Ext, NULL, NULL, NULL, VideoPortDmaInitOnly),
            1);
    ExpTrue(Ext, "a packet with no input buffer",
            !VideoPortLockPages(Ext, &vrp, NULL, NULL, VideoPortDmaInitOnly), 1);
    ExpEnd(Ext);

    ExpBegin(Ext, "unlock-pages");
    ExpTrue(Ext, "memory that is no DMA handle", VideoPortUnlockPages(Ext, garbage), 0);
    ExpTrue(Ext, "NULL", VideoPortUnlockPages(Ext, NULL), 0);
    ExpEnd(Ext);

    ExpBegin(Ext, "get-mdl");
    ExpValue(Ext, "pDma comes back", (ULONG_PTR)VideoPortGetMdl(Ext, garbage),
             (ULONG_PTR)garbage);
    ExpEnd(Ext);

    ExpBegin(Ext, "get-bytes-used");
    ExpValue(Ext, "memory that is no DMA handle", VideoPortGetBytesUsed(Ext, garbage), 0);
    ExpEnd(Ext);

    ExpBegin(Ext, "set-bytes-used");
    VideoPortSetBytesUsed(Ext, garbage, 0xFFFFFFFF);
    VideoPortSetBytesUsed(Ext, NULL, 1);
    ExpValue(Ext, "bytes used after setting them", VideoPortGetBytesUsed(Ext, garbage), 0);
    ExpEnd(Ext);

    ExpBegin(Ext, "get-dma-context");
    ExpNull(Ext, "memory that is no DMA handle", VideoPortGetDmaContext(Ext, garbage));
    ExpEnd(Ext);

    ExpBegin(Ext, "set-dma-context");
    VideoPortSetDmaContext(Ext, garbage, Ext);
    VideoPortSetDmaContext(Ext, NULL, NULL);
    ExpNull(Ext, "the context after setting it", VideoPortGetDmaContext(Ext, garbage));
    ExpEnd(Ext);

    ExpBegin(Ext, "do-dma");
    ExpNull(Ext, "memory that is no DMA handle",
            VideoPortDoDma(Ext, garbage, VideoPortUnlockAfterDma));
    ExpEnd(Ext);

    ExpBegin(Ext, "map-dma-memory");
    board = Ext->RegisterPhysical;
    length = 0x1000;
    inIoSpace = VIDEO_MEMORY_SPACE_MEMORY;
    virtualAddress = NULL;
    ExpNull(Ext, "BAR0 for no request",
            VideoPortMapDmaMemory(Ext, &vrp, board, &length, &inIoSpace, NULL, NULL,
                                  &virtualAddress));
    ExpNull(Ext, "a mapping made all the same", virtualAddress);
    ExpEnd(Ext);

    ExpBegin(Ext, "unmap-dma-memory");
    ExpTrue(Ext, "memory that is no DMA handle",
            !VideoPortUnmapDmaMemory(Ext, Ext->Registers, NULL, garbage), 1);
    ExpEnd(Ext);

    ExpBegin(Ext, "signal-dma-complete");
    ExpTrue(Ext, "memory that is no DMA handle", !VideoPortSignalDmaComplete(Ext, garbage), 1);
    ExpEnd(Ext);

    ExpBegin(Ext, "associate-events-with-dma-handle");
    ExpNull(Ext, "no events", VideoPortAssociateEventsWithDmaHandle(Ext, &vrp, NULL, NULL));
    ExpEnd(Ext);
}

VOID ExpCheckDma(PEXP_EXTENSION Ext)
{
    ExpCheckAdapters(Ext);
    ExpCheckLegacyCommonBuffer(Ext);
    ExpCheckPacketDma(Ext);
    ExpCheckNt4Dma(Ext);

    if (Ext->DmaAdapter != NULL) {
        VideoPortPutDmaAdapter(Ext, Ext->DmaAdapter);
        Ext->DmaAdapter = NULL;
    }
}
