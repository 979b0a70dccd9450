// SPDX-License-Identifier: GPL-2.0
/*
 * procaddr.c - VideoPortGetProcAddress: VideoPort functions by name.
 *
 * Miniports written for several Windows versions look optional functions up
 * at run time. The table lists every function vpshim exports; a name that is
 * not in it gets NULL, which is how Windows says "not available here".
 */

#include <linux/string.h>

#include "vpshim.h"

#define VPSHIM_PROC(fn)	{ #fn, (void *)(fn) }

static const struct {
	const char *name;
	void *fn;
} vpshim_procs[] = {
	VPSHIM_PROC(VideoPortAcquireSpinLock),
	VPSHIM_PROC(VideoPortAcquireSpinLockAtDpcLevel),
	VPSHIM_PROC(VideoPortAllocateBuffer),
	VPSHIM_PROC(VideoPortAllocateCommonBuffer),
	VPSHIM_PROC(VideoPortAllocateContiguousMemory),
	VPSHIM_PROC(VideoPortAllocatePool),
	VPSHIM_PROC(VideoPortAssociateEventsWithDmaHandle),
	VPSHIM_PROC(VideoPortCheckForDeviceExistence),
	VPSHIM_PROC(VideoPortClearEvent),
	VPSHIM_PROC(VideoPortCompareMemory),
	VPSHIM_PROC(VideoPortCompleteDma),
	VPSHIM_PROC(VideoPortCreateEvent),
	VPSHIM_PROC(VideoPortCreateSpinLock),
	VPSHIM_PROC(VideoPortDebugPrint),
	VPSHIM_PROC(VideoPortDeleteEvent),
	VPSHIM_PROC(VideoPortDeleteSpinLock),
	VPSHIM_PROC(VideoPortDisableInterrupt),
	VPSHIM_PROC(VideoPortDoDma),
	VPSHIM_PROC(VideoPortEnableInterrupt),
	VPSHIM_PROC(VideoPortEnumerateChildren),
	VPSHIM_PROC(VideoPortFreeCommonBuffer),
	VPSHIM_PROC(VideoPortFreeDeviceBase),
	VPSHIM_PROC(VideoPortFreePool),
	VPSHIM_PROC(VideoPortGetAccessRanges),
	VPSHIM_PROC(VideoPortGetBusData),
	VPSHIM_PROC(VideoPortGetBytesUsed),
	VPSHIM_PROC(VideoPortGetCommonBuffer),
	VPSHIM_PROC(VideoPortGetCurrentIrql),
	VPSHIM_PROC(VideoPortGetDeviceBase),
	VPSHIM_PROC(VideoPortGetDmaAdapter),
	VPSHIM_PROC(VideoPortGetDmaContext),
	VPSHIM_PROC(VideoPortGetMdl),
	VPSHIM_PROC(VideoPortGetProcAddress),
	VPSHIM_PROC(VideoPortGetRegistryParameters),
	VPSHIM_PROC(VideoPortGetRomImage),
	VPSHIM_PROC(VideoPortGetVersion),
	VPSHIM_PROC(VideoPortGetVgaStatus),
	VPSHIM_PROC(VideoPortInitialize),
	VPSHIM_PROC(VideoPortInt10),
	VPSHIM_PROC(VideoPortInterlockedDecrement),
	VPSHIM_PROC(VideoPortInterlockedExchange),
	VPSHIM_PROC(VideoPortInterlockedIncrement),
	VPSHIM_PROC(VideoPortIsNoVesa),
	VPSHIM_PROC(VideoPortLockBuffer),
	VPSHIM_PROC(VideoPortLockPages),
	VPSHIM_PROC(VideoPortLogError),
	VPSHIM_PROC(VideoPortMapDmaMemory),
	VPSHIM_PROC(VideoPortMapMemory),
	VPSHIM_PROC(VideoPortMoveMemory),
	VPSHIM_PROC(VideoPortPutDmaAdapter),
	VPSHIM_PROC(VideoPortQueryPerformanceCounter),
	VPSHIM_PROC(VideoPortQueryServices),
	VPSHIM_PROC(VideoPortQuerySystemTime),
	VPSHIM_PROC(VideoPortQueueDpc),
	VPSHIM_PROC(VideoPortReadPortBufferUchar),
	VPSHIM_PROC(VideoPortReadPortBufferUlong),
	VPSHIM_PROC(VideoPortReadPortBufferUshort),
	VPSHIM_PROC(VideoPortReadPortUchar),
	VPSHIM_PROC(VideoPortReadPortUlong),
	VPSHIM_PROC(VideoPortReadPortUshort),
	VPSHIM_PROC(VideoPortReadRegisterBufferUchar),
	VPSHIM_PROC(VideoPortReadRegisterBufferUlong),
	VPSHIM_PROC(VideoPortReadRegisterBufferUshort),
	VPSHIM_PROC(VideoPortReadRegisterUchar),
	VPSHIM_PROC(VideoPortReadRegisterUlong),
	VPSHIM_PROC(VideoPortReadRegisterUshort),
	VPSHIM_PROC(VideoPortReadStateEvent),
	VPSHIM_PROC(VideoPortReleaseBuffer),
	VPSHIM_PROC(VideoPortReleaseCommonBuffer),
	VPSHIM_PROC(VideoPortReleaseSpinLock),
	VPSHIM_PROC(VideoPortReleaseSpinLockFromDpcLevel),
	VPSHIM_PROC(VideoPortSetBusData),
	VPSHIM_PROC(VideoPortSetBytesUsed),
	VPSHIM_PROC(VideoPortSetDmaContext),
	VPSHIM_PROC(VideoPortSetEvent),
	VPSHIM_PROC(VideoPortSetRegistryParameters),
	VPSHIM_PROC(VideoPortSignalDmaComplete),
	VPSHIM_PROC(VideoPortStallExecution),
	VPSHIM_PROC(VideoPortStartDma),
	VPSHIM_PROC(VideoPortStartTimer),
	VPSHIM_PROC(VideoPortStopTimer),
	VPSHIM_PROC(VideoPortSynchronizeExecution),
	VPSHIM_PROC(VideoPortUnlockBuffer),
	VPSHIM_PROC(VideoPortUnlockPages),
	VPSHIM_PROC(VideoPortUnmapDmaMemory),
	VPSHIM_PROC(VideoPortUnmapMemory),
	VPSHIM_PROC(VideoPortVerifyAccessRanges),
	VPSHIM_PROC(VideoPortWaitForSingleObject),
	VPSHIM_PROC(VideoPortWritePortBufferUchar),
	VPSHIM_PROC(VideoPortWritePortBufferUlong),
	VPSHIM_PROC(VideoPortWritePortBufferUshort),
	VPSHIM_PROC(VideoPortWritePortUchar),
	VPSHIM_PROC(VideoPortWritePortUlong),
	VPSHIM_PROC(VideoPortWritePortUshort),
	VPSHIM_PROC(VideoPortWriteRegisterBufferUchar),
	VPSHIM_PROC(VideoPortWriteRegisterBufferUlong),
	VPSHIM_PROC(VideoPortWriteRegisterBufferUshort),
	VPSHIM_PROC(VideoPortWriteRegisterUchar),
	VPSHIM_PROC(VideoPortWriteRegisterUlong),
	VPSHIM_PROC(VideoPortWriteRegisterUshort),
	VPSHIM_PROC(VideoPortZeroDeviceMemory),
	VPSHIM_PROC(VideoPortZeroMemory),
};

/**
 * VideoPortGetProcAddress() - find a VideoPort function by name
 * @HwDeviceExtension: the miniport's device extension
 * @FunctionName: NUL-terminated ASCII name, e.g. "VideoPortGetCommonBuffer"
 *
 * Windows: the callback in VIDEO_PORT_CONFIG_INFO for functions a miniport
 * does not link against. Linux: a lookup in vpshim's export table.
 *
 * Return: the function, or NULL when vpshim does not provide it (or the
 * arguments are invalid).
 */
PVOID VideoPortGetProcAddress(PVOID HwDeviceExtension, PUCHAR FunctionName)
{
	size_t i;

	if (!vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_) || !FunctionName)
		return NULL;
	for (i = 0; i < ARRAY_SIZE(vpshim_procs); i++)
		if (!strcmp(vpshim_procs[i].name, (const char *)FunctionName))
			return vpshim_procs[i].fn;
	pr_debug("vpshim: %s: %s is not provided\n", __func__, FunctionName);
	return NULL;
}
EXPORT_SYMBOL_VPSHIM(VideoPortGetProcAddress);
