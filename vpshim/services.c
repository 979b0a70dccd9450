// SPDX-License-Identifier: GPL-2.0
/*
 * services.c - the small services every miniport uses: busy-wait delays,
 * memory helpers, time and version.
 */

#include <linux/delay.h>
#include <linux/sched/signal.h>
#include <linux/io.h>
#include <linux/printk.h>
#include <linux/string.h>
#include <linux/timekeeping.h>

#include "vpshim.h"
#include "videoagp.h"

/* 100 ns units from 1601-01-01 (Windows' epoch) to 1970-01-01 (Linux's). */
#define VPSHIM_EPOCH_1601_TO_1970	116444736000000000LL

/*
 * What VideoPortGetVersion reports: the XPDM miniport model vpshim offers
 * is Windows XP's (5.1, build 2600, SP3), so code that checks for XP-era
 * features finds them.
 */
#define VPSHIM_OS_MAJOR		5
#define VPSHIM_OS_MINOR		1
#define VPSHIM_OS_BUILD		2600
#define VPSHIM_OS_SP_MAJOR	3

/* Windows caps a stall at 50 us in its documentation; larger ones still work. */
#define VPSHIM_STALL_CHUNK_US	50
/* Above this a stall that may sleep does, in steps of this size. */
#define VPSHIM_STALL_SLEEP_US	1000
/* The longest busy-wait with interrupts or preemption off (100 ms). */
#define VPSHIM_STALL_ATOMIC_MAX_US	100000

/**
 * VideoPortStallExecution() - busy-wait
 * @Microseconds: how long
 *
 * Windows: stalls the processor without yielding. Linux: udelay(), in chunks
 * so that long stalls do not overflow udelay's limits. A long stall where
 * sleeping is allowed (HwFindAdapter, HwInitialize, HwStartIO) sleeps
 * instead, and ends early for a task with a fatal signal; one in atomic
 * context longer than 100 ms (Windows allows 50 us there) is cut to 100 ms
 * with a message, rather than hang the CPU.
 */
void VideoPortStallExecution(ULONG Microseconds)
{
	if (Microseconds > VPSHIM_STALL_SLEEP_US && !vpshim_in_atomic()) {
		while (Microseconds > VPSHIM_STALL_SLEEP_US && !fatal_signal_pending(current)) {
			usleep_range(VPSHIM_STALL_SLEEP_US, VPSHIM_STALL_SLEEP_US + 50);
			Microseconds -= VPSHIM_STALL_SLEEP_US;
		}
		if (fatal_signal_pending(current))
			return;
	}
	if (Microseconds > VPSHIM_STALL_ATOMIC_MAX_US) {
		pr_warn_ratelimited("vpshim: %s of %u us in atomic context cut to %u us (caller %pS)\n",
				    __func__, Microseconds, VPSHIM_STALL_ATOMIC_MAX_US,
				    (void *)_RET_IP_);
		Microseconds = VPSHIM_STALL_ATOMIC_MAX_US;
	}
	while (Microseconds > VPSHIM_STALL_CHUNK_US) {
		udelay(VPSHIM_STALL_CHUNK_US);
		Microseconds -= VPSHIM_STALL_CHUNK_US;
	}
	udelay(Microseconds);
}
EXPORT_SYMBOL_VPSHIM(VideoPortStallExecution);

/**
 * VideoPortZeroMemory() - fill memory with zeros
 * @Destination: start of the memory
 * @Length: bytes
 *
 * Windows: RtlZeroMemory. Linux: memset().
 */
void VideoPortZeroMemory(PVOID Destination, ULONG Length)
{
	memset(Destination, 0, Length);
}
EXPORT_SYMBOL_VPSHIM(VideoPortZeroMemory);

/**
 * VideoPortMoveMemory() - copy memory, overlapping or not
 * @Destination: where to copy to
 * @Source: where to copy from
 * @Length: bytes
 *
 * Windows: RtlMoveMemory (overlap allowed). Linux: memmove().
 */
void VideoPortMoveMemory(PVOID Destination, PVOID Source, ULONG Length)
{
	memmove(Destination, Source, Length);
}
EXPORT_SYMBOL_VPSHIM(VideoPortMoveMemory);

/**
 * VideoPortCompareMemory() - count the leading bytes two blocks share
 * @Source1: first block
 * @Source2: second block
 * @Length: bytes to compare
 *
 * Windows: RtlCompareMemory. Linux: a byte loop (memcmp() does not say where
 * the blocks differ).
 *
 * Return: the number of bytes that match before the first difference;
 * @Length when the blocks are equal.
 */
ULONG VideoPortCompareMemory(PVOID Source1, PVOID Source2, SIZE_T Length)
{
	const u8 *a = Source1, *b = Source2;
	SIZE_T i;

	for (i = 0; i < Length && a[i] == b[i]; i++)
		;
	return (ULONG)i;
}
EXPORT_SYMBOL_VPSHIM(VideoPortCompareMemory);

/**
 * VideoPortQuerySystemTime() - the current time, Windows style
 * @CurrentTime: receives 100 ns intervals since 1601-01-01 UTC
 *
 * Windows: KeQuerySystemTime. Linux: ktime_get_real_ns() moved to
 * Windows' epoch and units.
 */
void VideoPortQuerySystemTime(PLARGE_INTEGER CurrentTime)
{
	if (CurrentTime)
		CurrentTime->QuadPart = div_s64(ktime_get_real_ns(), 100) +
					VPSHIM_EPOCH_1601_TO_1970;
}
EXPORT_SYMBOL_VPSHIM(VideoPortQuerySystemTime);

/**
 * VideoPortQueryPerformanceCounter() - a fine-grained running count
 * @HwDeviceExtension: the miniport's device extension (unused)
 * @PerformanceFrequency: NULL, or receives the ticks per second
 *
 * Windows: KeQueryPerformanceCounter. Linux: ktime_get_ns(), so a tick is a
 * nanosecond of monotonic time since boot and the frequency is 10^9.
 *
 * Return: the count.
 */
LONGLONG VideoPortQueryPerformanceCounter(PVOID HwDeviceExtension,
					  PLONGLONG PerformanceFrequency)
{
	if (PerformanceFrequency)
		*PerformanceFrequency = NSEC_PER_SEC;
	return ktime_get_ns();
}
EXPORT_SYMBOL_VPSHIM(VideoPortQueryPerformanceCounter);

/**
 * VideoPortGetVersion() - the operating system version the miniport sees
 * @HwDeviceExtension: the miniport's device extension (unused)
 * @pVpOsVersionInfo: Size set by the caller; the rest is filled in
 *
 * Windows: the running Windows version. Linux: 5.1.2600 SP3, Windows XP,
 * whose miniport model vpshim implements.
 *
 * Return: NO_ERROR, or ERROR_INVALID_PARAMETER for a NULL pointer or a Size
 * other than sizeof(VPOSVERSIONINFO).
 */
VP_STATUS VideoPortGetVersion(PVOID HwDeviceExtension, PVPOSVERSIONINFO pVpOsVersionInfo)
{
	if (!pVpOsVersionInfo || pVpOsVersionInfo->Size != sizeof(*pVpOsVersionInfo))
		return ERROR_INVALID_PARAMETER;
	pVpOsVersionInfo->MajorVersion = VPSHIM_OS_MAJOR;
	pVpOsVersionInfo->MinorVersion = VPSHIM_OS_MINOR;
	pVpOsVersionInfo->BuildNumber = VPSHIM_OS_BUILD;
	pVpOsVersionInfo->ServicePackMajor = VPSHIM_OS_SP_MAJOR;
	pVpOsVersionInfo->ServicePackMinor = 0;
	return NO_ERROR;
}
EXPORT_SYMBOL_VPSHIM(VideoPortGetVersion);

/**
 * VideoPortIsNoVesa() - whether non-PnP miniports must stick to VGA resources
 *
 * Context: any. Windows: TRUE when booted without VESA support, for vga.sys.
 * Linux: vpshim binds only PnP (PCI) miniports, so never.
 * Return: FALSE.
 */
BOOLEAN VideoPortIsNoVesa(void)
{
	return FALSE;
}
EXPORT_SYMBOL_VPSHIM(VideoPortIsNoVesa);

/**
 * VideoPortZeroDeviceMemory() - fill device memory with zeros
 * @Destination: inside a VideoPortGetDeviceBase() memory mapping
 * @Length: bytes
 *
 * Windows: zeroes on-adapter memory with device-safe accesses. Linux:
 * memset_io().
 */
void VideoPortZeroDeviceMemory(PVOID Destination, ULONG Length)
{
	memset_io((void __iomem __force *)Destination, 0, Length);
}
EXPORT_SYMBOL_VPSHIM(VideoPortZeroDeviceMemory);

/* The INTERFACE header every VideoPortQueryServices interface starts with. */
static void vpshim_interface_reference(PVOID Context)
{
}

static void vpshim_interface_dereference(PVOID Context)
{
}

/*
 * No AGP on Linux's PCI and PCIe buses: the AGP callbacks fail as the
 * contract says a failure looks (a zero address, FALSE, NULL).
 */
static PHYSICAL_ADDRESS vpshim_agp_reserve_physical(PVOID HwDeviceExtension, ULONG Pages,
						    VIDEO_PORT_CACHE_TYPE Caching,
						    PVOID *PhysicalReserveContext)
{
	PHYSICAL_ADDRESS none = { .QuadPart = 0 };

	if (PhysicalReserveContext)
		*PhysicalReserveContext = NULL;
	return none;
}

static void vpshim_agp_release_physical(PVOID HwDeviceExtension, PVOID PhysicalReserveContext)
{
}

static BOOLEAN vpshim_agp_commit_physical(PVOID HwDeviceExtension, PVOID PhysicalReserveContext,
					  ULONG Pages, ULONG Offset)
{
	return FALSE;
}

static void vpshim_agp_free_physical(PVOID HwDeviceExtension, PVOID PhysicalReserveContext,
				     ULONG Pages, ULONG Offset)
{
}

static PVOID vpshim_agp_reserve_virtual(PVOID HwDeviceExtension, HANDLE ProcessHandle,
					PVOID PhysicalReserveContext, PVOID *VirtualReserveContext)
{
	if (VirtualReserveContext)
		*VirtualReserveContext = NULL;
	return NULL;
}

static void vpshim_agp_release_virtual(PVOID HwDeviceExtension, PVOID VirtualReserveContext)
{
}

static PVOID vpshim_agp_commit_virtual(PVOID HwDeviceExtension, PVOID VirtualReserveContext,
				       ULONG Pages, ULONG Offset)
{
	return NULL;
}

static void vpshim_agp_free_virtual(PVOID HwDeviceExtension, PVOID VirtualReserveContext,
				    ULONG Pages, ULONG Offset)
{
}

static BOOLEAN vpshim_agp_set_rate(PVOID HwDeviceExtension, ULONG AgpRate)
{
	return FALSE;
}

static const VIDEO_PORT_AGP_SERVICES vpshim_agp_services = {
	.AgpReservePhysical = vpshim_agp_reserve_physical,
	.AgpReleasePhysical = vpshim_agp_release_physical,
	.AgpCommitPhysical = vpshim_agp_commit_physical,
	.AgpFreePhysical = vpshim_agp_free_physical,
	.AgpReserveVirtual = vpshim_agp_reserve_virtual,
	.AgpReleaseVirtual = vpshim_agp_release_virtual,
	.AgpCommitVirtual = vpshim_agp_commit_virtual,
	.AgpFreeVirtual = vpshim_agp_free_virtual,
	.AllocationLimit = 0,
};

/**
 * VideoPortGetAgpServices() - get the AGP services (pre-XP form)
 * @HwDeviceExtension: the miniport's device extension
 * @AgpServices: the table to fill
 *
 * Windows: fills the AGP callbacks for an adapter on an AGP bus. Linux:
 * there is no AGP here; the table is filled with callbacks that fail
 * (AgpReservePhysical gives a zero address, commits give FALSE or NULL).
 *
 * Return: FALSE, always (said once).
 */
BOOLEAN VideoPortGetAgpServices(PVOID HwDeviceExtension, PVIDEO_PORT_AGP_SERVICES AgpServices)
{
	struct vpshim_device *vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);

	if (AgpServices)
		*AgpServices = vpshim_agp_services;
	if (vdev && vpshim_tell_once(vdev, VPSHIM_TOLD_AGP))
		dev_info(vdev->dev, "vpshim: %s: no AGP bus here; the services fail\n", __func__);
	return FALSE;
}
EXPORT_SYMBOL_VPSHIM(VideoPortGetAgpServices);

static void vpshim_agp_interface(PINTERFACE iface, bool v2)
{
	PVIDEO_PORT_AGP_INTERFACE_2 agp = (PVIDEO_PORT_AGP_INTERFACE_2)iface;
	const VIDEO_PORT_AGP_SERVICES *s = &vpshim_agp_services;

	agp->AgpReservePhysical = s->AgpReservePhysical;
	agp->AgpReleasePhysical = s->AgpReleasePhysical;
	agp->AgpCommitPhysical = s->AgpCommitPhysical;
	agp->AgpFreePhysical = s->AgpFreePhysical;
	agp->AgpReserveVirtual = s->AgpReserveVirtual;
	agp->AgpReleaseVirtual = s->AgpReleaseVirtual;
	agp->AgpCommitVirtual = s->AgpCommitVirtual;
	agp->AgpFreeVirtual = s->AgpFreeVirtual;
	agp->AgpAllocationLimit = 0;
	if (v2)
		agp->AgpSetRate = vpshim_agp_set_rate;
}

/* The debug report interface: no report can be made; nothing to call NULL. */
static PVIDEO_DEBUG_REPORT vpshim_dbg_create(PVOID HwDeviceExtension, ULONG ulCode,
					     ULONG_PTR ulpArg1, ULONG_PTR ulpArg2,
					     ULONG_PTR ulpArg3, ULONG_PTR ulpArg4)
{
	return NULL;
}

static BOOLEAN vpshim_dbg_secondary(PVIDEO_DEBUG_REPORT pReport, PVOID pvData, ULONG ulDataSize)
{
	return FALSE;
}

static void vpshim_dbg_complete(PVIDEO_DEBUG_REPORT pReport)
{
}

/* Write-combining memory protection: nothing to protect, and no support. */
static VP_STATUS vpshim_wc_protect(PVOID Context, PVOID HwDeviceExtension)
{
	return ERROR_INVALID_FUNCTION;
}

/* The size of the interface structure each service fills, per version. */
static size_t vpshim_service_size(VIDEO_PORT_SERVICES type, USHORT version)
{
	switch (type) {
	case VideoPortServicesAGP:
		return version >= VIDEO_PORT_AGP_INTERFACE_VERSION_2 ?
		       sizeof(VIDEO_PORT_AGP_INTERFACE_2) : sizeof(VIDEO_PORT_AGP_INTERFACE);
	case VideoPortServicesI2C:
		return version >= VIDEO_PORT_I2C_INTERFACE_VERSION_2 ?
		       sizeof(VIDEO_PORT_I2C_INTERFACE_2) : sizeof(VIDEO_PORT_I2C_INTERFACE);
	case VideoPortServicesInt10:
		return sizeof(VIDEO_PORT_INT10_INTERFACE);
	case VideoPortServicesDebugReport:
		return sizeof(VIDEO_PORT_DEBUG_REPORT_INTERFACE);
	case VideoPortServicesWCMemoryProtection:
		return sizeof(VIDEO_PORT_WCMEMORYPROTECTION_INTERFACE);
	default:
		return sizeof(INTERFACE);
	}
}

/**
 * VideoPortQueryServices() - get an interface of the port driver
 * @HwDeviceExtension: the miniport's device extension
 * @ServicesType: which interface
 * @Interface: the interface structure to fill; the miniport sets its Size
 *	and Version
 *
 * Windows: fills an AGP, I2C, Int10, debug-report or WC-protection
 * interface. Linux: every interface asked for is filled (the INTERFACE
 * header with Context = the device extension and reference callbacks, and
 * every callback), so that nothing a miniport calls is NULL even when it
 * ignores the status. The I2C interface (versions 1 and 2) works: vpshim
 * drives I2C over the miniport's line callbacks. The Int10 interface works
 * when the adapter has a video BIOS vpshim can run (int10.c). The others
 * have callbacks that fail as documented: no AGP bus, no debug reports, no
 * WC-memory protection.
 *
 * Return: NO_ERROR for I2C, and for Int10 on an adapter with a BIOS;
 * ERROR_INVALID_FUNCTION for the others (filled all the same);
 * ERROR_INVALID_PARAMETER for a NULL @Interface or one whose Size is too
 * small to hold the interface (nothing is written then).
 */
VP_STATUS VideoPortQueryServices(PVOID HwDeviceExtension, VIDEO_PORT_SERVICES ServicesType,
				 PINTERFACE Interface)
{
	struct vpshim_device *vdev;
	VP_STATUS status;
	size_t size;

	vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);
	if (!vdev)
		return ERROR_INVALID_PARAMETER;
	if (!Interface) {
		vpshim_misuse(vdev, __func__, _RET_IP_, "NULL Interface");
		return ERROR_INVALID_PARAMETER;
	}
	size = vpshim_service_size(ServicesType, Interface->Version);
	if (Interface->Size < size) {
		vpshim_misuse(vdev, __func__, _RET_IP_,
			      "service %d version %u needs an interface of %zu bytes, Size says %u",
			      ServicesType, Interface->Version, size, Interface->Size);
		return ERROR_INVALID_PARAMETER;
	}
	Interface->Context = HwDeviceExtension;
	Interface->InterfaceReference = vpshim_interface_reference;
	Interface->InterfaceDereference = vpshim_interface_dereference;
	status = ERROR_INVALID_FUNCTION;
	switch (ServicesType) {
	case VideoPortServicesI2C:
		vpshim_i2c_interface(Interface, Interface->Version);
		status = NO_ERROR;
		break;
	case VideoPortServicesAGP:
		vpshim_agp_interface(Interface,
				     Interface->Version >= VIDEO_PORT_AGP_INTERFACE_VERSION_2);
		break;
	case VideoPortServicesInt10:
		status = vpshim_int10_interface(vdev, (PVIDEO_PORT_INT10_INTERFACE)Interface);
		break;
	case VideoPortServicesDebugReport: {
		PVIDEO_PORT_DEBUG_REPORT_INTERFACE dbg = (void *)Interface;

		dbg->DbgReportCreate = vpshim_dbg_create;
		dbg->DbgReportSecondaryData = vpshim_dbg_secondary;
		dbg->DbgReportComplete = vpshim_dbg_complete;
		break;
	}
	case VideoPortServicesWCMemoryProtection: {
		PVIDEO_PORT_WCMEMORYPROTECTION_INTERFACE wc = (void *)Interface;

		wc->VideoPortProtectWCMemory = vpshim_wc_protect;
		wc->VideoPortRestoreWCMemory = vpshim_wc_protect;
		break;
	}
	default:
		break;
	}
	if (status != NO_ERROR && vpshim_tell_once(vdev, VPSHIM_TOLD_SERVICE + ServicesType))
		dev_info(vdev->dev, "vpshim: %s: service %d is not provided; its callbacks fail with ERROR_INVALID_FUNCTION\n",
			 __func__, ServicesType);
	return status;
}
EXPORT_SYMBOL_VPSHIM(VideoPortQueryServices);

/**
 * VideoPortCreateSecondaryDisplay() - make a second view of the adapter
 * @HwDeviceExtension: the miniport's device extension
 * @SecondaryDeviceExtension: receives the second view's extension
 * @ulFlag: VIDEO_DUALVIEW_REMOVABLE
 *
 * Windows: creates a second device object for DualView. Linux: not
 * supported; the miniport stays in single view, as Windows also allows.
 *
 * Return: ERROR_INVALID_FUNCTION, always (said once); nothing is written.
 */
VP_STATUS VideoPortCreateSecondaryDisplay(PVOID HwDeviceExtension,
					  PVOID *SecondaryDeviceExtension, ULONG ulFlag)
{
	struct vpshim_device *vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);

	if (vdev && vpshim_tell_once(vdev, VPSHIM_TOLD_DUALVIEW))
		dev_info(vdev->dev, "vpshim: %s: DualView is not supported; single view\n",
			 __func__);
	return ERROR_INVALID_FUNCTION;
}
EXPORT_SYMBOL_VPSHIM(VideoPortCreateSecondaryDisplay);

/**
 * VideoPortRegisterBugcheckCallback() - add data to a bug check 0xEA dump
 * @HwDeviceExtension: the miniport's device extension
 * @BugcheckCode: 0xEA
 * @Callback: the miniport's callback, NULL to unregister
 * @BugcheckDataSize: bytes of dump data, 0 to unregister
 *
 * Windows: calls @Callback when a thread is stuck in the display driver
 * (bug check 0xEA) and writes its data into the dump. Linux has no such bug
 * check and no such dump: registering fails; unregistering succeeds.
 *
 * Return: NO_ERROR for an unregistration; ERROR_INVALID_FUNCTION otherwise
 * (said once).
 */
VP_STATUS VideoPortRegisterBugcheckCallback(PVOID HwDeviceExtension, ULONG BugcheckCode,
					    PVIDEO_BUGCHECK_CALLBACK Callback,
					    ULONG BugcheckDataSize)
{
	struct vpshim_device *vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);

	if (!vdev)
		return ERROR_INVALID_PARAMETER;
	if (!Callback || !BugcheckDataSize)
		return NO_ERROR;
	if (vpshim_tell_once(vdev, VPSHIM_TOLD_BUGCHECK))
		dev_info(vdev->dev, "vpshim: %s: Linux has no bug check %#x dump; not registered\n",
			 __func__, BugcheckCode);
	return ERROR_INVALID_FUNCTION;
}
EXPORT_SYMBOL_VPSHIM(VideoPortRegisterBugcheckCallback);

/**
 * VideoPortSetTrappedEmulatorPorts() - choose the ports a DOS box traps
 * @HwDeviceExtension: the miniport's device extension
 * @NumAccessRanges: entries in @AccessRange
 * @AccessRange: the ports, with RangeVisible set for those the VDM may
 *	touch directly
 *
 * Windows: sets which I/O ports a full-screen MS-DOS virtual machine traps
 * (x86 only). Linux runs no VDM: nothing is trapped or passed through.
 *
 * Return: ERROR_INVALID_PARAMETER, always (said once).
 */
VP_STATUS VideoPortSetTrappedEmulatorPorts(PVOID HwDeviceExtension, ULONG NumAccessRanges,
					   PVIDEO_ACCESS_RANGE AccessRange)
{
	struct vpshim_device *vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);

	if (vdev && vpshim_tell_once(vdev, VPSHIM_TOLD_VDM))
		dev_info(vdev->dev, "vpshim: %s: no MS-DOS virtual machine here\n", __func__);
	return ERROR_INVALID_PARAMETER;
}
EXPORT_SYMBOL_VPSHIM(VideoPortSetTrappedEmulatorPorts);

/**
 * VideoPortGetAssociatedDeviceExtension() - the parent of a child device
 * @DeviceObject: a child device object
 *
 * Windows: the device extension of the adapter a child device object (a
 * monitor's PDO) belongs to. Linux: vpshim makes no device objects for
 * children, so no miniport can hold one.
 *
 * Return: NULL, always (said once).
 */
PVOID VideoPortGetAssociatedDeviceExtension(PVOID DeviceObject)
{
	pr_info_once("vpshim: %s: vpshim has no child device objects\n", __func__);
	return NULL;
}
EXPORT_SYMBOL_VPSHIM(VideoPortGetAssociatedDeviceExtension);

/**
 * VideoPortGetAssociatedDeviceID() - the child ID of a child device
 * @DeviceObject: a child device object
 *
 * Windows: the ID HwGetVideoChildDescriptor gave the child. Linux: no child
 * device objects exist (see VideoPortGetAssociatedDeviceExtension()).
 *
 * Return: VIDEO_INVALID_CHILD_ID, always.
 */
ULONG VideoPortGetAssociatedDeviceID(PVOID DeviceObject)
{
	pr_info_once("vpshim: %s: vpshim has no child device objects\n", __func__);
	return VIDEO_INVALID_CHILD_ID;
}
EXPORT_SYMBOL_VPSHIM(VideoPortGetAssociatedDeviceID);
