// SPDX-License-Identifier: GPL-2.0
/*
 * edu_miniport.c - a video miniport for QEMU's "edu" PCI device, written the
 * Windows way: DriverEntry, HwFindAdapter, HwInitialize and VideoPort* calls
 * only, no Linux header.
 *
 * The edu device has a 4 KiB internal buffer at device address 0x40000 and a
 * DMA engine. HwInitialize proves common-buffer DMA end to end: it allocates
 * common buffers with both CacheEnabled values, has the device copy a
 * pattern from one buffer into its internal memory and back into another,
 * and checks every byte. It does it once more through the pre-XP
 * VideoPortGetCommonBuffer found with VideoPortGetProcAddress, once on a
 * 24-bit adapter whose buffer must lie below 16 MiB (skipped on a platform
 * that has no such memory), and once driven by the device's interrupt:
 * HwInterrupt acknowledges it and queues a DPC, the DPC signals an event,
 * HwInitialize waits for it. Every group of checks runs and reports on its
 * own.
 */

#include "dderror.h"
#include "devioctl.h"
#include "miniport.h"
#include "ntddvdeo.h"
#include "video.h"
#include "edu_ioctl.h"

#define EDU_ID			0x00
#define EDU_IRQ_STATUS		0x24
#define EDU_IRQ_ACK		0x64
#define EDU_DMA_SOURCE		0x80
#define EDU_DMA_DEST		0x88
#define EDU_DMA_COUNT		0x90
#define EDU_DMA_COMMAND		0x98
#define  EDU_DMA_RUN		0x1
#define  EDU_DMA_TO_RAM		0x2
#define  EDU_DMA_IRQ		0x4
#define EDU_IRQ_DMA_DONE	0x100
#define EDU_ID_MAGIC		0xed
#define EDU_BUFFER		0x40000

/* QEMU 7.2 aborts on a transfer that ends exactly at 0x41000: stay below. */
#define EDU_XFER		4095
#define EDU_BUFFER_SIZE		4096
#define EDU_TIMEOUT_US		2000000

typedef struct _EDU_EXTENSION {
	PUCHAR Registers;
	ULONG RegisterLength;
	ULONG Checks;
	ULONG Skipped;
	PEVENT DmaDone;
	LONG Interrupts;
	LONG Dpcs;
	ULONG LastIrqStatus;

	/* The packet-DMA request in progress (HwStartIO, one at a time). */
	BOOLEAN PacketActive;
	PVP_SCATTER_GATHER_LIST PacketList;	/* this round's, from HwVidExecuteDma */
	ULONG PacketElement;			/* the element the device is moving */
	ULONG PacketDeviceOffset;		/* where in its buffer */
	BOOLEAN PacketToRam;
	PEVENT PacketDone;
	BOOLEAN PacketFailed;
} EDU_EXTENSION, *PEDU_EXTENSION;

typedef void *(*PGET_COMMON_BUFFER)(PVOID, ULONG, ULONG, PPHYSICAL_ADDRESS, PULONG, BOOLEAN);
typedef void (*PFREE_COMMON_BUFFER)(PVOID, ULONG, PVOID, PHYSICAL_ADDRESS, BOOLEAN);

static PVIDEO_PORT_GET_PROC_ADDRESS EduGetProcAddress;

/* The DPC the interrupt queues: runs at DISPATCH_LEVEL, wakes the waiter. */
static VOID EduDpc(PVOID HwDeviceExtension, PVOID Context)
{
	PEDU_EXTENSION ext = HwDeviceExtension;

	VideoPortInterlockedIncrement(&ext->Dpcs);
	VideoPortSetEvent(ext, (PEVENT)Context);
}

static VOID EduWrite(PEDU_EXTENSION Ext, ULONG Offset, ULONG Value)
{
	VideoPortWriteRegisterUlong((PULONG)(Ext->Registers + Offset), Value);
}

static ULONG EduRead(PEDU_EXTENSION Ext, ULONG Offset)
{
	return VideoPortReadRegisterUlong((PULONG)(Ext->Registers + Offset));
}

/* Wait for the DMA engine to be idle; FALSE after the timeout. */
static BOOLEAN EduWaitIdle(PEDU_EXTENSION Ext)
{
	ULONG waited;

	for (waited = 0; waited < EDU_TIMEOUT_US; waited += 100) {
		if (!(EduRead(Ext, EDU_DMA_COMMAND) & EDU_DMA_RUN))
			return TRUE;
		VideoPortStallExecution(100);
	}
	return FALSE;
}

/* One transfer; the device finishes it from a 100 ms timer, so poll. */
static BOOLEAN EduDma(PEDU_EXTENSION Ext, ULONG Source, ULONG Dest, ULONG Count, ULONG Cmd)
{
	EduWrite(Ext, EDU_DMA_SOURCE, Source);
	EduWrite(Ext, EDU_DMA_DEST, Dest);
	EduWrite(Ext, EDU_DMA_COUNT, Count);
	EduWrite(Ext, EDU_DMA_COMMAND, Cmd | EDU_DMA_RUN);
	if (EduWaitIdle(Ext))
		return TRUE;
	VideoPortDebugPrint(Error, "vp_edu: DMA did not complete\n");
	return FALSE;
}

/* Device memory round trip: From -> edu buffer -> To, then check To. */
static BOOLEAN EduRoundTrip(PEDU_EXTENSION Ext, const char *Name, PUCHAR From,
			    PHYSICAL_ADDRESS FromLogical, PUCHAR To, PHYSICAL_ADDRESS ToLogical,
			    UCHAR Seed)
{
	ULONG i, same;

	if (FromLogical.HighPart || ToLogical.HighPart) {
		VideoPortDebugPrint(Error, "vp_edu: %s: logical address above 4 GiB\n", Name);
		return FALSE;
	}
	for (i = 0; i < EDU_BUFFER_SIZE; i++) {
		if (To[i] != 0) {
			VideoPortDebugPrint(Error, "vp_edu: %s: new buffer not zeroed\n", Name);
			return FALSE;
		}
	}
	for (i = 0; i < EDU_BUFFER_SIZE; i++)
		From[i] = (UCHAR)(i * 7 + Seed);
	if (!EduDma(Ext, FromLogical.LowPart, EDU_BUFFER, EDU_XFER, 0) ||
	    !EduDma(Ext, EDU_BUFFER, ToLogical.LowPart, EDU_XFER, EDU_DMA_TO_RAM))
		return FALSE;
	same = VideoPortCompareMemory(From, To, EDU_XFER);
	if (same != EDU_XFER || To[EDU_XFER] != 0) {
		VideoPortDebugPrint(Error, "vp_edu: %s: FAIL, first difference at byte %u\n",
				    Name, same);
		return FALSE;
	}
	Ext->Checks++;
	VideoPortDebugPrint(Info, "vp_edu: check %s: ok, %u bytes, logical 0x%llx -> 0x%llx\n",
			    Name, EDU_XFER, FromLogical.QuadPart, ToLogical.QuadPart);
	return TRUE;
}

/* Cached -> uncached, then uncached -> cached, on a 32-bit adapter. */
static BOOLEAN EduTestAdapter(PEDU_EXTENSION Ext)
{
	VP_DEVICE_DESCRIPTION desc;
	PHYSICAL_ADDRESS cachedLogical, uncachedLogical;
	PUCHAR cached, uncached;
	PVP_DMA_ADAPTER adapter;
	BOOLEAN ok = FALSE;

	VideoPortZeroMemory(&desc, sizeof(desc));
	desc.Dma32BitAddresses = TRUE;
	desc.MaximumLength = 64 * 1024;
	adapter = VideoPortGetDmaAdapter(Ext, &desc);
	if (!adapter)
		return FALSE;

	cached = VideoPortAllocateCommonBuffer(Ext, adapter, EDU_BUFFER_SIZE, &cachedLogical,
					       TRUE, NULL);
	uncached = VideoPortAllocateCommonBuffer(Ext, adapter, EDU_BUFFER_SIZE,
						 &uncachedLogical, FALSE, NULL);
	if (cached && uncached &&
	    EduRoundTrip(Ext, "cached-to-uncached", cached, cachedLogical, uncached,
			 uncachedLogical, 3)) {
		VideoPortZeroMemory(cached, EDU_BUFFER_SIZE);
		ok = EduRoundTrip(Ext, "uncached-to-cached", uncached, uncachedLogical, cached,
				  cachedLogical, 11);
	}
	if (cached)
		VideoPortReleaseCommonBuffer(Ext, adapter, EDU_BUFFER_SIZE, cachedLogical, cached,
					     TRUE);
	if (uncached)
		VideoPortReleaseCommonBuffer(Ext, adapter, EDU_BUFFER_SIZE, uncachedLogical,
					     uncached, FALSE);
	VideoPortPutDmaAdapter(Ext, adapter);
	return ok;
}

/* The pre-XP pair, found the way old miniports find it. */
static BOOLEAN EduTestLegacy(PEDU_EXTENSION Ext)
{
	PGET_COMMON_BUFFER getBuffer;
	PFREE_COMMON_BUFFER freeBuffer;
	PHYSICAL_ADDRESS fromLogical, toLogical;
	PUCHAR from, to;
	ULONG actual = 0;
	BOOLEAN ok = FALSE;

	getBuffer = (PGET_COMMON_BUFFER)EduGetProcAddress(Ext,
							  (PUCHAR)"VideoPortGetCommonBuffer");
	freeBuffer = (PFREE_COMMON_BUFFER)EduGetProcAddress(Ext,
							    (PUCHAR)"VideoPortFreeCommonBuffer");
	if (!getBuffer || !freeBuffer) {
		VideoPortDebugPrint(Error, "vp_edu: legacy common-buffer calls not found\n");
		return FALSE;
	}
	from = getBuffer(Ext, EDU_BUFFER_SIZE, 0, &fromLogical, &actual, TRUE);
	to = getBuffer(Ext, EDU_BUFFER_SIZE, 0, &toLogical, &actual, FALSE);
	if (from && to && actual == EDU_BUFFER_SIZE)
		ok = EduRoundTrip(Ext, "legacy-get-common-buffer", from, fromLogical, to,
				  toLogical, 29);
	if (from)
		freeBuffer(Ext, EDU_BUFFER_SIZE, from, fromLogical, TRUE);
	if (to)
		freeBuffer(Ext, EDU_BUFFER_SIZE, to, toLogical, FALSE);
	return ok;
}

/* An adapter that claims neither 32 nor 64 bits gets buffers below 16 MiB. */
static BOOLEAN EduTest24Bit(PEDU_EXTENSION Ext)
{
	VP_DEVICE_DESCRIPTION desc;
	PHYSICAL_ADDRESS fromLogical, toLogical;
	PVP_DMA_ADAPTER adapter;
	PUCHAR from, to;
	BOOLEAN ok = FALSE;

	VideoPortZeroMemory(&desc, sizeof(desc));
	desc.MaximumLength = EDU_BUFFER_SIZE;
	adapter = VideoPortGetDmaAdapter(Ext, &desc);
	if (!adapter) {
		/* A platform with no memory below 16 MiB (arm64 virt) and no IOMMU. */
		Ext->Skipped++;
		VideoPortDebugPrint(Warn, "vp_edu: check 24-bit-adapter: skip, no 24-bit DMA adapter on this platform\n");
		return TRUE;
	}
	from = VideoPortAllocateCommonBuffer(Ext, adapter, EDU_BUFFER_SIZE, &fromLogical, TRUE,
					     NULL);
	to = VideoPortAllocateCommonBuffer(Ext, adapter, EDU_BUFFER_SIZE, &toLogical, FALSE,
					   NULL);
	if (from && to) {
		if (fromLogical.QuadPart + EDU_BUFFER_SIZE > 0x1000000 ||
		    toLogical.QuadPart + EDU_BUFFER_SIZE > 0x1000000)
			VideoPortDebugPrint(Error, "vp_edu: 24-bit buffer above 16 MiB\n");
		else
			ok = EduRoundTrip(Ext, "24-bit-adapter", from, fromLogical, to, toLogical,
					  41);
	}
	if (from)
		VideoPortReleaseCommonBuffer(Ext, adapter, EDU_BUFFER_SIZE, fromLogical, from,
					     TRUE);
	if (to)
		VideoPortReleaseCommonBuffer(Ext, adapter, EDU_BUFFER_SIZE, toLogical, to, FALSE);
	VideoPortPutDmaAdapter(Ext, adapter);
	return ok;
}

/* Have the device move one scatter/gather element, interrupting at the end. */
static VOID EduPacketElement(PEDU_EXTENSION Ext)
{
	PVP_SCATTER_GATHER_ELEMENT e = &Ext->PacketList->Elements[Ext->PacketElement];
	ULONG device = EDU_BUFFER + Ext->PacketDeviceOffset;

	if (e->Address.HighPart || Ext->PacketDeviceOffset + e->Length > EDU_XFER) {
		Ext->PacketFailed = TRUE;
		VideoPortSetEvent(Ext, Ext->PacketDone);
		return;
	}
	EduWrite(Ext, EDU_DMA_SOURCE, Ext->PacketToRam ? device : e->Address.LowPart);
	EduWrite(Ext, EDU_DMA_DEST, Ext->PacketToRam ? e->Address.LowPart : device);
	EduWrite(Ext, EDU_DMA_COUNT, e->Length);
	EduWrite(Ext, EDU_DMA_COMMAND, EDU_DMA_RUN | EDU_DMA_IRQ |
		 (Ext->PacketToRam ? EDU_DMA_TO_RAM : 0));
}

/* HwVidExecuteDma: at DISPATCH_LEVEL, start the round's first element. */
static VOID EduExecuteDma(PVOID HwDeviceExtension, PVP_DMA_ADAPTER VpDmaAdapter,
			  PVP_SCATTER_GATHER_LIST SGList, PVOID Context)
{
	PEDU_EXTENSION ext = HwDeviceExtension;

	ext->PacketList = SGList;
	ext->PacketElement = 0;
	ext->PacketDeviceOffset = 0;
	EduPacketElement(ext);
}

/* The packet DPC: the element is done; start the next or wake HwStartIO. */
static VOID EduPacketDpc(PVOID HwDeviceExtension, PVOID Context)
{
	PEDU_EXTENSION ext = HwDeviceExtension;

	VideoPortInterlockedIncrement(&ext->Dpcs);
	if (!ext->PacketList)		/* late, after a timeout: nothing to do */
		return;
	ext->PacketDeviceOffset += ext->PacketList->Elements[ext->PacketElement].Length;
	if (++ext->PacketElement < ext->PacketList->NumberOfElements)
		EduPacketElement(ext);
	else
		VideoPortSetEvent(ext, ext->PacketDone);
}

/* HwInterrupt: is it ours? Acknowledge it and leave the rest to the DPC. */
static BOOLEAN EduInterrupt(PVOID HwDeviceExtension)
{
	PEDU_EXTENSION ext = HwDeviceExtension;
	ULONG status = EduRead(ext, EDU_IRQ_STATUS);

	if (!status)
		return FALSE;
	EduWrite(ext, EDU_IRQ_ACK, status);
	ext->LastIrqStatus = status;
	VideoPortInterlockedIncrement(&ext->Interrupts);
	if (ext->PacketActive)
		VideoPortQueueDpc(ext, EduPacketDpc, NULL);
	else
		VideoPortQueueDpc(ext, EduDpc, ext->DmaDone);
	return TRUE;
}

/* A transfer that reports its end by interrupt, waited for on an event. */
static BOOLEAN EduTestInterrupt(PEDU_EXTENSION Ext)
{
	VP_DEVICE_DESCRIPTION desc;
	PHYSICAL_ADDRESS fromLogical, toLogical;
	LARGE_INTEGER timeout;
	PVP_DMA_ADAPTER adapter;
	PUCHAR from, to;
	BOOLEAN ok = FALSE;
	ULONG i;

	if (VideoPortCreateEvent(Ext, SYNCHRONIZATION_EVENT, NULL, &Ext->DmaDone) != NO_ERROR)
		return FALSE;
	VideoPortZeroMemory(&desc, sizeof(desc));
	desc.Dma32BitAddresses = TRUE;
	desc.MaximumLength = EDU_BUFFER_SIZE;
	adapter = VideoPortGetDmaAdapter(Ext, &desc);
	from = adapter ? VideoPortAllocateCommonBuffer(Ext, adapter, EDU_BUFFER_SIZE,
						       &fromLogical, TRUE, NULL) : NULL;
	to = adapter ? VideoPortAllocateCommonBuffer(Ext, adapter, EDU_BUFFER_SIZE, &toLogical,
						     FALSE, NULL) : NULL;
	if (from && to) {
		for (i = 0; i < EDU_BUFFER_SIZE; i++)
			from[i] = (UCHAR)(i * 13 + 5);
		timeout.QuadPart = -20000000LL;		/* 2 s, in 100 ns units */
		EduWrite(Ext, EDU_DMA_SOURCE, fromLogical.LowPart);
		EduWrite(Ext, EDU_DMA_DEST, EDU_BUFFER);
		EduWrite(Ext, EDU_DMA_COUNT, EDU_XFER);
		EduWrite(Ext, EDU_DMA_COMMAND, EDU_DMA_RUN | EDU_DMA_IRQ);
		if (VideoPortWaitForSingleObject(Ext, Ext->DmaDone, &timeout) == NO_ERROR) {
			EduWrite(Ext, EDU_DMA_SOURCE, EDU_BUFFER);
			EduWrite(Ext, EDU_DMA_DEST, toLogical.LowPart);
			EduWrite(Ext, EDU_DMA_COUNT, EDU_XFER);
			EduWrite(Ext, EDU_DMA_COMMAND, EDU_DMA_RUN | EDU_DMA_TO_RAM | EDU_DMA_IRQ);
			ok = VideoPortWaitForSingleObject(Ext, Ext->DmaDone, &timeout) == NO_ERROR;
		}
		ok = ok && VideoPortCompareMemory(from, to, EDU_XFER) == EDU_XFER &&
		     Ext->LastIrqStatus == EDU_IRQ_DMA_DONE;
	}
	if (ok) {
		Ext->Checks++;
		VideoPortDebugPrint(Info, "vp_edu: check interrupt-dma: ok, %d interrupts, %d DPCs\n",
				    Ext->Interrupts, Ext->Dpcs);
	} else {
		VideoPortDebugPrint(Error, "vp_edu: interrupt-driven DMA failed (%d interrupts)\n",
				    Ext->Interrupts);
	}
	if (from)
		VideoPortReleaseCommonBuffer(Ext, adapter, EDU_BUFFER_SIZE, fromLogical, from,
					     TRUE);
	if (to)
		VideoPortReleaseCommonBuffer(Ext, adapter, EDU_BUFFER_SIZE, toLogical, to, FALSE);
	if (adapter)
		VideoPortPutDmaAdapter(Ext, adapter);
	VideoPortDeleteEvent(Ext, Ext->DmaDone);
	Ext->DmaDone = NULL;
	return ok;
}

/* PCI configuration space through the bus-data calls. */
static BOOLEAN EduTestBusData(PEDU_EXTENSION Ext)
{
	PCI_COMMON_CONFIG config;
	UCHAR line, scratch = 0x5a, back = 0;
	ULONG vga = 7;
	BOOLEAN ok;

	ok = VideoPortGetBusData(Ext, PCIConfiguration, 0, &config, 0, PCI_COMMON_HDR_LENGTH) ==
	     PCI_COMMON_HDR_LENGTH && config.VendorID == 0x1234 && config.DeviceID == 0x11e8;
	/* The interrupt line register is scratch space to the device: write, read, restore. */
	line = config.u.type0.InterruptLine;
	ok = ok && VideoPortSetBusData(Ext, PCIConfiguration, 0, &scratch, 0x3c, 1) == 1 &&
	     VideoPortGetBusData(Ext, PCIConfiguration, 0, &back, 0x3c, 1) == 1 && back == scratch &&
	     VideoPortSetBusData(Ext, PCIConfiguration, 0, &line, 0x3c, 1) == 1;
	ok = ok && VideoPortGetBusData(Ext, Cmos, 0, &back, 0, 1) == 0;
	/* The bus around it: itself (revision 0x10) but no such sibling. */
	ok = ok && VideoPortCheckForDeviceExistence(Ext, 0x1234, 0x11e8, 0, 0, 0, 0) &&
	     VideoPortCheckForDeviceExistence(Ext, 0x1234, 0x11e8, 0x10, 0, 0, CDE_USE_REVISION) &&
	     !VideoPortCheckForDeviceExistence(Ext, 0x1234, 0x11e8, 0x99, 0, 0,
					       CDE_USE_REVISION) &&
	     !VideoPortCheckForDeviceExistence(Ext, 0x1234, 0xdead, 0, 0, 0, 0);
	/* Not the VGA device, and no option ROM. */
	ok = ok && VideoPortGetVgaStatus(Ext, &vga) == NO_ERROR && vga == 0 &&
	     VideoPortGetRomImage(Ext, NULL, 0, 512) == NULL;
	if (!ok) {
		VideoPortDebugPrint(Error, "vp_edu: bus data check failed\n");
		return FALSE;
	}
	Ext->Checks++;
	VideoPortDebugPrint(Info, "vp_edu: check bus-data: ok, %04x:%04x\n", config.VendorID,
			    config.DeviceID);
	return TRUE;
}

static VP_STATUS EduFindAdapter(PVOID HwDeviceExtension, PVOID HwContext, PWSTR ArgumentString,
				PVIDEO_PORT_CONFIG_INFO ConfigInfo, PUCHAR Again)
{
	PEDU_EXTENSION ext = HwDeviceExtension;
	VIDEO_ACCESS_RANGE range;
	VP_STATUS status;

	if (ConfigInfo->Length < sizeof(VIDEO_PORT_CONFIG_INFO))
		return ERROR_INVALID_PARAMETER;
	EduGetProcAddress = ConfigInfo->VideoPortGetProcAddress;

	status = VideoPortGetAccessRanges(ext, 0, NULL, 1, &range, NULL, NULL, NULL);
	if (status != NO_ERROR)
		return status;
	if (range.RangeInIoSpace || range.RangeLength < 0x100)
		return ERROR_DEV_NOT_EXIST;
	ext->Registers = VideoPortGetDeviceBase(ext, range.RangeStart, range.RangeLength,
						VIDEO_MEMORY_SPACE_MEMORY);
	if (!ext->Registers)
		return ERROR_INVALID_PARAMETER;
	ext->RegisterLength = range.RangeLength;
	if ((EduRead(ext, EDU_ID) & 0xff) != EDU_ID_MAGIC) {
		VideoPortFreeDeviceBase(ext, ext->Registers);
		return ERROR_DEV_NOT_EXIST;
	}
	return NO_ERROR;
}

/* Run one group of checks; a failure is reported and does not hide the rest. */
static ULONG EduRun(PEDU_EXTENSION Ext, const char *Name, BOOLEAN (*Test)(PEDU_EXTENSION))
{
	if (Test(Ext))
		return 0;
	VideoPortDebugPrint(Error, "vp_edu: check %s: FAIL\n", Name);
	return 1;
}

static BOOLEAN EduInitialize(PVOID HwDeviceExtension)
{
	PEDU_EXTENSION ext = HwDeviceExtension;
	ULONG failed = 0;

	failed += EduRun(ext, "common-buffer-adapter", EduTestAdapter);
	failed += EduRun(ext, "legacy-get-common-buffer", EduTestLegacy);
	failed += EduRun(ext, "24-bit-adapter", EduTest24Bit);
	failed += EduRun(ext, "interrupt-dma", EduTestInterrupt);
	failed += EduRun(ext, "bus-data", EduTestBusData);
	VideoPortDebugPrint(failed ? Error : Info,
			    "vp_edu: DMA round trips %s, %u checks passed, %u failed, %u skipped\n",
			    failed ? "FAIL" : "PASS", ext->Checks, failed, ext->Skipped);
	return failed == 0;
}

/* One round in one direction: StartDma, the device, the interrupt, CompleteDma. */
static BOOLEAN EduPacketRound(PEDU_EXTENSION Ext, PVP_DMA_ADAPTER Adapter, PVOID Mdl,
			      ULONG Offset, PULONG Length, BOOLEAN ToDevice,
			      PEDU_PACKET_RESULT Result)
{
	LARGE_INTEGER timeout;
	BOOLEAN ok;

	timeout.QuadPart = -20000000LL;		/* 2 s, in 100 ns units */
	Ext->PacketToRam = !ToDevice;
	Ext->PacketFailed = FALSE;
	/*
	 * A round abandoned on a timeout may have signalled the event late:
	 * that signal is not this round's (found by tools/vpshim-fuzz on two
	 * CPUs: NO_ERROR with the data not yet moved).
	 */
	VideoPortClearEvent(Ext, Ext->PacketDone);
	if (VideoPortStartDma(Ext, Adapter, Mdl, Offset, Length, EduExecuteDma, NULL,
			      ToDevice) != NO_ERROR)
		return FALSE;
	ok = VideoPortWaitForSingleObject(Ext, Ext->PacketDone, &timeout) == NO_ERROR &&
	     !Ext->PacketFailed;
	/* Never unmap under a running engine: wait for it to stop. */
	if (!ok && !EduWaitIdle(Ext))
		VideoPortDebugPrint(Error, "vp_edu: the device did not stop\n");
	Result->Elements += Ext->PacketList->NumberOfElements;
	VideoPortCompleteDma(Ext, Adapter, Ext->PacketList, ToDevice);
	Ext->PacketList = NULL;
	return ok;
}

/*
 * IOCTL_EDU_PACKET_DMA: copy a user buffer into another through the
 * device's memory, packet DMA in rounds of at most 4095 bytes.
 */
static VP_STATUS EduPacketDma(PEDU_EXTENSION Ext, PVIDEO_REQUEST_PACKET Vrp)
{
	PEDU_PACKET_DMA in = Vrp->InputBuffer;
	EDU_PACKET_RESULT result;
	VP_DEVICE_DESCRIPTION desc;
	PVOID src = NULL, dst = NULL;
	PVP_DMA_ADAPTER adapter;
	ULONG offset = 0, length, back;
	VP_STATUS status = ERROR_INVALID_PARAMETER;

	if (Vrp->InputBufferLength < sizeof(*in) || Vrp->OutputBufferLength < sizeof(result))
		return ERROR_INSUFFICIENT_BUFFER;
	VideoPortZeroMemory(&result, sizeof(result));
	VideoPortZeroMemory(&desc, sizeof(desc));
	desc.ScatterGather = TRUE;
	desc.Dma32BitAddresses = TRUE;
	desc.MaximumLength = EDU_XFER;
	adapter = VideoPortGetDmaAdapter(Ext, &desc);
	if (!adapter)
		return ERROR_NOT_ENOUGH_MEMORY;
	if (VideoPortCreateEvent(Ext, SYNCHRONIZATION_EVENT, NULL, &Ext->PacketDone) != NO_ERROR) {
		VideoPortPutDmaAdapter(Ext, adapter);
		return ERROR_NOT_ENOUGH_MEMORY;
	}
	src = VideoPortLockBuffer(Ext, in->Source, in->Length, VpReadAccess);
	dst = VideoPortLockBuffer(Ext, in->Destination, in->Length, VpWriteAccess);
	Ext->PacketActive = TRUE;
	while (src && dst && offset < in->Length) {
		length = in->Length - offset;
		if (!EduPacketRound(Ext, adapter, src, offset, &length, TRUE, &result))
			break;
		back = length;
		if (!EduPacketRound(Ext, adapter, dst, offset, &back, FALSE, &result) ||
		    back != length)
			break;
		result.Rounds++;
		offset += length;
	}
	Ext->PacketActive = FALSE;
	if (src && dst && offset == in->Length)
		status = NO_ERROR;
	result.Interrupts = (ULONG)Ext->Interrupts;
	if (src)
		VideoPortUnlockBuffer(Ext, src);
	if (dst)
		VideoPortUnlockBuffer(Ext, dst);
	VideoPortDeleteEvent(Ext, Ext->PacketDone);
	Ext->PacketDone = NULL;
	VideoPortPutDmaAdapter(Ext, adapter);
	/* The input is read; the shared buffer can take the output now. */
	if (status == NO_ERROR) {
		VideoPortMoveMemory(Vrp->OutputBuffer, &result, sizeof(result));
		Vrp->StatusBlock->Information = sizeof(result);
	}
	return status;
}

static BOOLEAN EduStartIO(PVOID HwDeviceExtension, PVIDEO_REQUEST_PACKET RequestPacket)
{
	switch (RequestPacket->IoControlCode) {
	case IOCTL_EDU_PACKET_DMA:
		RequestPacket->StatusBlock->Information = 0;
		RequestPacket->StatusBlock->Status = EduPacketDma(HwDeviceExtension, RequestPacket);
		break;
	default:
		RequestPacket->StatusBlock->Status = ERROR_INVALID_FUNCTION;
		break;
	}
	return TRUE;
}

ULONG DriverEntry(PVOID Context1, PVOID Context2)
{
	VIDEO_HW_INITIALIZATION_DATA init;

	VideoPortZeroMemory(&init, sizeof(init));
	init.HwInitDataSize = sizeof(init);
	init.AdapterInterfaceType = PCIBus;
	init.HwFindAdapter = EduFindAdapter;
	init.HwInitialize = EduInitialize;
	init.HwStartIO = EduStartIO;
	init.HwInterrupt = EduInterrupt;
	init.HwDeviceExtensionSize = sizeof(EDU_EXTENSION);
	return VideoPortInitialize(Context1, Context2, &init, NULL);
}
