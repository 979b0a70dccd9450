/* SPDX-License-Identifier: GPL-2.0 */
/*
 * video.h - the VideoPort interface that video miniport drivers import.
 *
 * Part of vpshim's Windows-facing headers: the structures, callback types and
 * VideoPort* functions, with Windows names and 64-bit Windows layouts. Like
 * the DDK's, it includes ntddvdeo.h (the IOCTL_VIDEO_* requests and their
 * buffers) and videoagp.h (the AGP services). vpshim.ko implements the
 * functions on top of Linux; Documentation/api.rst lists which are
 * implemented and which return a documented failure.
 */
#ifndef _VPSHIM_VIDEO_H_
#define _VPSHIM_VIDEO_H_

#include "miniport.h"
#include "dderror.h"
#include "ntddvdeo.h"
#include "videoagp.h"

/* The port driver's status codes are Win32 error codes (dderror.h). */
typedef LONG VP_STATUS, *PVP_STATUS;

#define VPAPI				DECLSPEC_IMPORT

/*
 * ALLOC_PRAGMA stays undefined (see miniport.h): "#pragma alloc_text" means
 * nothing to GCC. Nothing is paged here, so PAGED_CODE() has nothing to check.
 */
#ifdef PAGED_CODE
#undef PAGED_CODE
#endif
#define PAGED_CODE()

/* Every miniport defines it; vpshim calls it when the miniport module loads. */
ULONG DriverEntry(PVOID Context1, PVOID Context2);

#if defined(DBG) && DBG
#define VideoDebugPrint(x)	VideoPortDebugPrint x
#else
#define VideoDebugPrint(x)	((void)0)
#endif

/* VIDEO_ACCESS_RANGE.RangePassive */
#define VIDEO_RANGE_PASSIVE_DECODE	1
#define VIDEO_RANGE_10_BIT_DECODE	2

/* DMA_EVENT_FLAGS */
#define SET_USER_EVENT			0x01
#define SET_DISPLAY_EVENT		0x02

/* The EventFlag of VideoPortCreateEvent */
#define EVENT_TYPE_MASK			1
#define SYNCHRONIZATION_EVENT		0
#define NOTIFICATION_EVENT		1
#define INITIAL_EVENT_STATE_MASK	2
#define INITIAL_EVENT_NOT_SIGNALED	0
#define INITIAL_EVENT_SIGNALED		2

/* The HwId of the adapter itself (HwGetPowerState, HwSetPowerState). */
#define DISPLAY_ADAPTER_HW_ID		0xFFFFFFFF
#define VIDEO_INVALID_CHILD_ID		0xFFFFFFFF

/* The Version of the interfaces VideoPortQueryServices fills */
#define VIDEO_PORT_AGP_INTERFACE_VERSION_1			1
#define VIDEO_PORT_AGP_INTERFACE_VERSION_2			2
#define VIDEO_PORT_I2C_INTERFACE_VERSION_1			1
#define VIDEO_PORT_I2C_INTERFACE_VERSION_2			2
#define VIDEO_PORT_INT10_INTERFACE_VERSION_1			1
#define VIDEO_PORT_WCMEMORYPROTECTION_INTERFACE_VERSION_1	1
#define VIDEO_PORT_DEBUG_REPORT_INTERFACE_VERSION_1		1

/* Flags for VideoPortGetDeviceBase (InIoSpace) and VideoPortMapMemory. */
#define VIDEO_MEMORY_SPACE_MEMORY	0x00
#define VIDEO_MEMORY_SPACE_IO		0x01
#define VIDEO_MEMORY_SPACE_USER_MODE	0x02
#define VIDEO_MEMORY_SPACE_DENSE	0x04
#define VIDEO_MEMORY_SPACE_P6CACHE	0x08

/* What HwGetVideoChildDescriptor returns */
#define VIDEO_ENUM_MORE_DEVICES		ERROR_CONTINUE
#define VIDEO_ENUM_NO_MORE_DEVICES	ERROR_NO_MORE_DEVICES
#define VIDEO_ENUM_INVALID_DEVICE	ERROR_INVALID_NAME

/* The bits of VideoPortGetVgaStatus' VgaStatus */
#define DEVICE_VGA_ENABLED		1

/* The Flags of VideoPortCheckForDeviceExistence */
#define CDE_USE_SUBSYSTEM_IDS		0x00000001
#define CDE_USE_REVISION		0x00000002

/* The bytes of a bugcheck callback's buffer the system keeps for itself */
#define BUGCHECK_DATA_SIZE_RESERVED	48

/* The most secondary data a debug report takes */
#define VIDEO_DEBUG_REPORT_MAX_SIZE	0x8000

/* Objects of the port driver, held by pointer only. */
typedef struct _VIDEO_PORT_SPIN_LOCK *PSPIN_LOCK;
typedef struct _VIDEO_PORT_EVENT *PEVENT;
typedef struct _VIDEO_DEBUG_REPORT *PVIDEO_DEBUG_REPORT;
/* The NT4-era DMA handle of VideoPortLockPages (an MDL here). */
typedef struct __DMA_PARAMETERS *PDMA;
/* The bus-master adapter of VideoPortGetDmaAdapter. */
typedef struct __VP_DMA_ADAPTER VP_DMA_ADAPTER, *PVP_DMA_ADAPTER;

typedef ULONG DMA_EVENT_FLAGS;

typedef enum VIDEO_SYNCHRONIZE_PRIORITY {
	VpLowPriority,
	VpMediumPriority,
	VpHighPriority
} VIDEO_SYNCHRONIZE_PRIORITY, *PVIDEO_SYNCHRONIZE_PRIORITY;

/* What VideoPortGetDeviceData asks for */
typedef enum _VIDEO_DEVICE_DATA_TYPE {
	VpMachineData,
	VpCmosData,
	VpBusData,
	VpControllerData,
	VpMonitorData
} VIDEO_DEVICE_DATA_TYPE, *PVIDEO_DEVICE_DATA_TYPE;

typedef enum _VP_POOL_TYPE {
	VpNonPagedPool,
	VpPagedPool,
	VpNonPagedPoolCacheAligned = 4,
	VpPagedPoolCacheAligned
} VP_POOL_TYPE, *PVP_POOL_TYPE;

/* VideoPortLockPages and VideoPortDoDma */
typedef enum _DMA_FLAGS {
	VideoPortUnlockAfterDma = 1,
	VideoPortKeepPagesLocked,
	VideoPortDmaInitOnly
} DMA_FLAGS;

/* What HwStartDma returns */
typedef enum _HW_DMA_RETURN {
	DmaAsyncReturn,
	DmaSyncReturn
} HW_DMA_RETURN, *PHW_DMA_RETURN;

/* VideoPortLockBuffer */
typedef enum {
	VpReadAccess,		/* the device reads the buffer */
	VpWriteAccess,		/* the device writes it */
	VpModifyAccess		/* both */
} VP_LOCK_OPERATION;

/*
 * Debug levels of VideoPortDebugPrint; vpshim maps them to kernel log levels
 * (Error -> KERN_ERR, Warn -> KERN_WARNING, Trace and Info -> pr_debug).
 */
typedef enum VIDEO_DEBUG_LEVEL {
	Error = 0,
	Warn,
	Trace,
	Info
} VIDEO_DEBUG_LEVEL, *PVIDEO_DEBUG_LEVEL;

typedef enum _VIDEO_CHILD_TYPE {
	Monitor = 1,
	NonPrimaryChip,
	VideoChip,
	Other
} VIDEO_CHILD_TYPE, *PVIDEO_CHILD_TYPE;

/* VideoPortQueryServices */
typedef enum {
	VideoPortServicesAGP = 1,
	VideoPortServicesI2C,
	VideoPortServicesHeadless,
	VideoPortServicesInt10,
	VideoPortServicesDebugReport,
	VideoPortServicesWCMemoryProtection
} VIDEO_PORT_SERVICES;

/* What VideoPortGetDeviceData returns for VpControllerData */
typedef struct _VIDEO_HARDWARE_CONFIGURATION_DATA {
	INTERFACE_TYPE InterfaceType;
	ULONG BusNumber;
	USHORT Version;
	USHORT Revision;
	USHORT Irql;
	USHORT Vector;
	ULONG ControlBase;
	ULONG ControlSize;
	ULONG CursorBase;
	ULONG CursorSize;
	ULONG FrameBase;
	ULONG FrameSize;
} VIDEO_HARDWARE_CONFIGURATION_DATA, *PVIDEO_HARDWARE_CONFIGURATION_DATA;

/* VideoPortInt10 */
typedef struct _VIDEO_X86_BIOS_ARGUMENTS {
	ULONG Eax;
	ULONG Ebx;
	ULONG Ecx;
	ULONG Edx;
	ULONG Esi;
	ULONG Edi;
	ULONG Ebp;
} VIDEO_X86_BIOS_ARGUMENTS, *PVIDEO_X86_BIOS_ARGUMENTS;

/* The Int10CallBios of VIDEO_PORT_INT10_INTERFACE */
typedef struct _INT10_BIOS_ARGUMENTS {
	ULONG Eax;
	ULONG Ebx;
	ULONG Ecx;
	ULONG Edx;
	ULONG Esi;
	ULONG Edi;
	ULONG Ebp;
	USHORT SegDs;
	USHORT SegEs;
} INT10_BIOS_ARGUMENTS, *PINT10_BIOS_ARGUMENTS;

typedef struct _STATUS_BLOCK {
	union {
		VP_STATUS Status;
		PVOID Pointer;
	};
	ULONG_PTR Information;
} STATUS_BLOCK, *PSTATUS_BLOCK;

typedef struct _VIDEO_REQUEST_PACKET {
	ULONG IoControlCode;
	PSTATUS_BLOCK StatusBlock;
	PVOID InputBuffer;
	ULONG InputBufferLength;
	PVOID OutputBuffer;
	ULONG OutputBufferLength;
} VIDEO_REQUEST_PACKET, *PVIDEO_REQUEST_PACKET;

typedef struct _VIDEO_ACCESS_RANGE {
	PHYSICAL_ADDRESS RangeStart;
	ULONG RangeLength;
	UCHAR RangeInIoSpace;
	UCHAR RangeVisible;
	UCHAR RangeShareable;
	UCHAR RangePassive;
} VIDEO_ACCESS_RANGE, *PVIDEO_ACCESS_RANGE;

typedef struct _VP_DEVICE_DESCRIPTION {
	BOOLEAN ScatterGather;
	BOOLEAN Dma32BitAddresses;
	BOOLEAN Dma64BitAddresses;
	ULONG MaximumLength;
} VP_DEVICE_DESCRIPTION, *PVP_DEVICE_DESCRIPTION;

typedef struct _VP_SCATTER_GATHER_ELEMENT {
	PHYSICAL_ADDRESS Address;	/* the logical (bus) address */
	ULONG Length;
	ULONG_PTR Reserved;
} VP_SCATTER_GATHER_ELEMENT, *PVP_SCATTER_GATHER_ELEMENT;

typedef struct _VP_SCATTER_GATHER_LIST {
	ULONG NumberOfElements;
	ULONG_PTR Reserved;
	VP_SCATTER_GATHER_ELEMENT Elements[];
} VP_SCATTER_GATHER_LIST, *PVP_SCATTER_GATHER_LIST;

typedef struct _VIDEO_CHILD_ENUM_INFO {
	ULONG Size;
	ULONG ChildDescriptorSize;
	ULONG ChildIndex;
	ULONG ACPIHwId;
	PVOID ChildHwDeviceExtension;
} VIDEO_CHILD_ENUM_INFO, *PVIDEO_CHILD_ENUM_INFO;

/* IOCTL_VIDEO_GET_CHILD_STATE and the child state configuration requests */
typedef struct _VIDEO_CHILD_STATE {
	ULONG Id;
	ULONG State;
} VIDEO_CHILD_STATE, *PVIDEO_CHILD_STATE;

typedef struct _VIDEO_CHILD_STATE_CONFIGURATION {
	ULONG Count;
	VIDEO_CHILD_STATE ChildStateArray[ANYSIZE_ARRAY];
} VIDEO_CHILD_STATE_CONFIGURATION, *PVIDEO_CHILD_STATE_CONFIGURATION;

/* HwQueryInterface */
typedef struct _QUERY_INTERFACE {
	CONST GUID *InterfaceType;
	USHORT Size;
	USHORT Version;
	PINTERFACE Interface;
	PVOID InterfaceSpecificData;
} QUERY_INTERFACE, *PQUERY_INTERFACE;

/* VideoPortGetVersion */
typedef struct _VPOSVERSIONINFO {
	ULONG Size;
	ULONG MajorVersion;
	ULONG MinorVersion;
	ULONG BuildNumber;
	USHORT ServicePackMajor;
	USHORT ServicePackMinor;
} VPOSVERSIONINFO, *PVPOSVERSIONINFO;

/*
 * The SvgaHwIoPortXxx validators a VGA-compatible miniport lists in
 * EMULATOR_ACCESS_ENTRY.Routine, for the ports a full-screen DOS box touches.
 */
typedef VP_STATUS (*PDRIVER_IO_PORT_UCHAR)(ULONG_PTR Context, ULONG Port, UCHAR AccessMode,
					   PUCHAR Data);
typedef VP_STATUS (*PDRIVER_IO_PORT_UCHAR_STRING)(ULONG_PTR Context, ULONG Port,
						  UCHAR AccessMode, PUCHAR Data,
						  ULONG DataLength);
typedef VP_STATUS (*PDRIVER_IO_PORT_USHORT)(ULONG_PTR Context, ULONG Port, UCHAR AccessMode,
					    PUSHORT Data);
typedef VP_STATUS (*PDRIVER_IO_PORT_USHORT_STRING)(ULONG_PTR Context, ULONG Port,
						   UCHAR AccessMode, PUSHORT Data,
						   ULONG DataLength);
typedef VP_STATUS (*PDRIVER_IO_PORT_ULONG)(ULONG_PTR Context, ULONG Port, UCHAR AccessMode,
					   PULONG Data);
typedef VP_STATUS (*PDRIVER_IO_PORT_ULONG_STRING)(ULONG_PTR Context, ULONG Port,
						  UCHAR AccessMode, PULONG Data,
						  ULONG DataLength);

/*
 * VideoPortMapBankedMemory's bank switcher. Windows declares it in
 * miniport.h; it is here until miniport.h has it.
 */
typedef void (*PBANKED_SECTION_ROUTINE)(ULONG ReadBank, ULONG WriteBank, PVOID Context);

/* The VideoPortGetProcAddress of VIDEO_PORT_CONFIG_INFO */
typedef PVOID (*PVIDEO_PORT_GET_PROC_ADDRESS)(PVOID HwDeviceExtension, PUCHAR FunctionName);

typedef struct _VIDEO_PORT_CONFIG_INFO {
	ULONG Length;
	ULONG SystemIoBusNumber;
	INTERFACE_TYPE AdapterInterfaceType;
	ULONG BusInterruptLevel;
	ULONG BusInterruptVector;
	KINTERRUPT_MODE InterruptMode;
	ULONG NumEmulatorAccessEntries;
	PEMULATOR_ACCESS_ENTRY EmulatorAccessEntries;
	ULONG_PTR EmulatorAccessEntriesContext;
	PHYSICAL_ADDRESS VdmPhysicalVideoMemoryAddress;
	ULONG VdmPhysicalVideoMemoryLength;
	ULONG HardwareStateSize;
	ULONG DmaChannel;
	ULONG DmaPort;
	UCHAR DmaShareable;
	UCHAR InterruptShareable;
	BOOLEAN Master;
	DMA_WIDTH DmaWidth;
	DMA_SPEED DmaSpeed;
	BOOLEAN bMapBuffers;
	BOOLEAN NeedPhysicalAddresses;
	BOOLEAN DemandMode;
	ULONG MaximumTransferLength;
	ULONG NumberOfPhysicalBreaks;
	BOOLEAN ScatterGather;
	ULONG MaximumScatterGatherChunkSize;
	PVIDEO_PORT_GET_PROC_ADDRESS VideoPortGetProcAddress;
	PWSTR DriverRegistryPath;
	ULONGLONG SystemMemorySize;
} VIDEO_PORT_CONFIG_INFO, *PVIDEO_PORT_CONFIG_INFO;

/* The sizes a miniport checks ConfigInfo->Length against. */
#define SIZE_OF_NT4_VIDEO_PORT_CONFIG_INFO	FIELD_OFFSET(VIDEO_PORT_CONFIG_INFO, Master)
#define SIZE_OF_WXP_VIDEO_PORT_CONFIG_INFO	sizeof(VIDEO_PORT_CONFIG_INFO)

/* The miniport's entry points, in VIDEO_HW_INITIALIZATION_DATA */
typedef VP_STATUS (*PVIDEO_HW_FIND_ADAPTER)(PVOID HwDeviceExtension, PVOID HwContext,
					    PWSTR ArgumentString,
					    PVIDEO_PORT_CONFIG_INFO ConfigInfo,
					    PUCHAR Again);
typedef BOOLEAN (*PVIDEO_HW_INITIALIZE)(PVOID HwDeviceExtension);
typedef BOOLEAN (*PVIDEO_HW_INTERRUPT)(PVOID HwDeviceExtension);
typedef BOOLEAN (*PVIDEO_HW_START_IO)(PVOID HwDeviceExtension,
				      PVIDEO_REQUEST_PACKET RequestPacket);
typedef BOOLEAN (*PVIDEO_HW_RESET_HW)(PVOID HwDeviceExtension, ULONG Columns, ULONG Rows);
typedef void (*PVIDEO_HW_TIMER)(PVOID HwDeviceExtension);
typedef HW_DMA_RETURN
	(*PVIDEO_HW_START_DMA)(PVOID HwDeviceExtension, PDMA pDma);
typedef VP_STATUS (*PVIDEO_HW_POWER_SET)(PVOID HwDeviceExtension, ULONG HwId,
					 PVIDEO_POWER_MANAGEMENT VideoPowerControl);
typedef VP_STATUS (*PVIDEO_HW_POWER_GET)(PVOID HwDeviceExtension, ULONG HwId,
					 PVIDEO_POWER_MANAGEMENT VideoPowerControl);
typedef VP_STATUS (*PVIDEO_HW_GET_CHILD_DESCRIPTOR)(PVOID HwDeviceExtension,
						    PVIDEO_CHILD_ENUM_INFO ChildEnumInfo,
						    PVIDEO_CHILD_TYPE VideoChildType,
						    PUCHAR pChildDescriptor, PULONG UId,
						    PULONG pUnused);
typedef VP_STATUS (*PVIDEO_HW_QUERY_INTERFACE)(PVOID HwDeviceExtension,
					       PQUERY_INTERFACE QueryInterface);
typedef VP_STATUS (*PVIDEO_HW_CHILD_CALLBACK)(PVOID HwDeviceExtension,
					      PVOID ChildDeviceExtension);
typedef void (*PVIDEO_HW_LEGACYRESOURCES)(ULONG VendorId, ULONG DeviceId,
					  PVIDEO_ACCESS_RANGE *LegacyResourceList,
					  PULONG LegacyResourceCount);

typedef struct _VIDEO_HW_INITIALIZATION_DATA {
	ULONG HwInitDataSize;
	INTERFACE_TYPE AdapterInterfaceType;
	PVIDEO_HW_FIND_ADAPTER HwFindAdapter;
	PVIDEO_HW_INITIALIZE HwInitialize;
	PVIDEO_HW_INTERRUPT HwInterrupt;
	PVIDEO_HW_START_IO HwStartIO;
	ULONG HwDeviceExtensionSize;
	ULONG StartingDeviceNumber;
	PVIDEO_HW_RESET_HW HwResetHw;
	PVIDEO_HW_TIMER HwTimer;
	PVIDEO_HW_START_DMA HwStartDma;
	PVIDEO_HW_POWER_SET HwSetPowerState;
	PVIDEO_HW_POWER_GET HwGetPowerState;
	PVIDEO_HW_GET_CHILD_DESCRIPTOR HwGetVideoChildDescriptor;
	PVIDEO_HW_QUERY_INTERFACE HwQueryInterface;
	ULONG HwChildDeviceExtensionSize;
	PVIDEO_ACCESS_RANGE HwLegacyResourceList;
	ULONG HwLegacyResourceCount;
	PVIDEO_HW_LEGACYRESOURCES HwGetLegacyResources;
	BOOLEAN AllowEarlyEnumeration;
	ULONG Reserved;
} VIDEO_HW_INITIALIZATION_DATA, *PVIDEO_HW_INITIALIZATION_DATA;

/* The sizes older miniports put in HwInitDataSize. */
#define SIZE_OF_NT4_VIDEO_HW_INITIALIZATION_DATA \
	FIELD_OFFSET(VIDEO_HW_INITIALIZATION_DATA, HwStartDma)
#define SIZE_OF_W2K_VIDEO_HW_INITIALIZATION_DATA \
	FIELD_OFFSET(VIDEO_HW_INITIALIZATION_DATA, Reserved)
#define SIZE_OF_WXP_VIDEO_HW_INITIALIZATION_DATA \
	(SIZE_OF_W2K_VIDEO_HW_INITIALIZATION_DATA + sizeof(ULONG))

/* Callbacks the miniport hands to VideoPort functions */
typedef VP_STATUS (*PMINIPORT_QUERY_DEVICE_ROUTINE)(PVOID HwDeviceExtension, PVOID Context,
						    VIDEO_DEVICE_DATA_TYPE DeviceDataType,
						    PVOID Identifier, ULONG IdentifierLength,
						    PVOID ConfigurationData,
						    ULONG ConfigurationDataLength,
						    PVOID ComponentInformation,
						    ULONG ComponentInformationLength);
/* VideoPortGetRegistryParameters' callback (HwVidQueryNamedValueCallback). */
typedef VP_STATUS (*PMINIPORT_GET_REGISTRY_ROUTINE)(PVOID HwDeviceExtension, PVOID Context,
						    PWSTR ValueName, PVOID ValueData,
						    ULONG ValueLength);
typedef void (*PMINIPORT_DPC_ROUTINE)(PVOID HwDeviceExtension, PVOID Context);
typedef BOOLEAN (*PMINIPORT_SYNCHRONIZE_ROUTINE)(PVOID Context);
typedef void (*PVIDEO_BUGCHECK_CALLBACK)(PVOID HwDeviceExtension, ULONG BugcheckCode,
					 PUCHAR Buffer, ULONG BufferSize);
typedef void (*PEXECUTE_DMA)(PVOID HwDeviceExtension, PVP_DMA_ADAPTER VpDmaAdapter,
			     PVP_SCATTER_GATHER_LIST SGList, PVOID Context);

/* DDC and I2C: the miniport's four line accessors, and the port's helpers */
typedef void (*PVIDEO_WRITE_CLOCK_LINE)(PVOID HwDeviceExtension, UCHAR Data);
typedef void (*PVIDEO_WRITE_DATA_LINE)(PVOID HwDeviceExtension, UCHAR Data);
typedef BOOLEAN (*PVIDEO_READ_CLOCK_LINE)(PVOID HwDeviceExtension);
typedef BOOLEAN (*PVIDEO_READ_DATA_LINE)(PVOID HwDeviceExtension);
typedef void (*PVIDEO_WAIT_VSYNC_ACTIVE)(PVOID HwDeviceExtension);

typedef struct _I2C_FNC_TABLE {
	ULONG Size;
	PVIDEO_WRITE_CLOCK_LINE WriteClockLine;
	PVIDEO_WRITE_DATA_LINE WriteDataLine;
	PVIDEO_READ_CLOCK_LINE ReadClockLine;
	PVIDEO_READ_DATA_LINE ReadDataLine;
	PVIDEO_WAIT_VSYNC_ACTIVE WaitVsync;
	PVOID Reserved;
} I2C_FNC_TABLE, *PI2C_FNC_TABLE;

typedef struct _I2C_CALLBACKS {
	PVIDEO_WRITE_CLOCK_LINE WriteClockLine;
	PVIDEO_WRITE_DATA_LINE WriteDataLine;
	PVIDEO_READ_CLOCK_LINE ReadClockLine;
	PVIDEO_READ_DATA_LINE ReadDataLine;
} I2C_CALLBACKS, *PI2C_CALLBACKS;

/* The DDCControl of VideoPortDDCMonitorHelper */
typedef struct _DDC_CONTROL {
	ULONG Size;
	I2C_CALLBACKS I2CCallbacks;
	UCHAR EdidSegment;
} DDC_CONTROL, *PDDC_CONTROL;

typedef BOOLEAN (*PI2C_START)(PVOID HwDeviceExtension, PI2C_CALLBACKS I2CCallbacks);
typedef BOOLEAN (*PI2C_STOP)(PVOID HwDeviceExtension, PI2C_CALLBACKS I2CCallbacks);
typedef BOOLEAN (*PI2C_WRITE)(PVOID HwDeviceExtension, PI2C_CALLBACKS I2CCallbacks,
			      PUCHAR Buffer, ULONG Length);
typedef BOOLEAN (*PI2C_READ)(PVOID HwDeviceExtension, PI2C_CALLBACKS I2CCallbacks,
			     PUCHAR Buffer, ULONG Length);

/* VideoPortQueryServices(VideoPortServicesI2C), VIDEO_PORT_I2C_INTERFACE_VERSION_1 */
typedef struct _VIDEO_PORT_I2C_INTERFACE {
	USHORT Size;
	USHORT Version;
	PVOID Context;
	PINTERFACE_REFERENCE InterfaceReference;
	PINTERFACE_DEREFERENCE InterfaceDereference;
	PI2C_START I2CStart;
	PI2C_STOP I2CStop;
	PI2C_WRITE I2CWrite;
	PI2C_READ I2CRead;
} VIDEO_PORT_I2C_INTERFACE, *PVIDEO_PORT_I2C_INTERFACE;

/* VIDEO_PORT_I2C_INTERFACE_VERSION_2: the line accessors plus a bit delay */
typedef struct _VIDEO_I2C_CONTROL {
	PVIDEO_WRITE_CLOCK_LINE WriteClockLine;
	PVIDEO_WRITE_DATA_LINE WriteDataLine;
	PVIDEO_READ_CLOCK_LINE ReadClockLine;
	PVIDEO_READ_DATA_LINE ReadDataLine;
	ULONG I2CDelay;
} VIDEO_I2C_CONTROL, *PVIDEO_I2C_CONTROL;

typedef BOOLEAN (*PI2C_START_2)(PVOID HwDeviceExtension, PVIDEO_I2C_CONTROL I2CControl);
typedef BOOLEAN (*PI2C_STOP_2)(PVOID HwDeviceExtension, PVIDEO_I2C_CONTROL I2CControl);
typedef BOOLEAN (*PI2C_WRITE_2)(PVOID HwDeviceExtension, PVIDEO_I2C_CONTROL I2CControl,
				PUCHAR Buffer, ULONG Length);
typedef BOOLEAN (*PI2C_READ_2)(PVOID HwDeviceExtension, PVIDEO_I2C_CONTROL I2CControl,
			       PUCHAR Buffer, ULONG Length, BOOLEAN EndOfRead);

typedef struct _VIDEO_PORT_I2C_INTERFACE_2 {
	USHORT Size;
	USHORT Version;
	PVOID Context;
	PINTERFACE_REFERENCE InterfaceReference;
	PINTERFACE_DEREFERENCE InterfaceDereference;
	PI2C_START_2 I2CStart;
	PI2C_STOP_2 I2CStop;
	PI2C_WRITE_2 I2CWrite;
	PI2C_READ_2 I2CRead;
} VIDEO_PORT_I2C_INTERFACE_2, *PVIDEO_PORT_I2C_INTERFACE_2;

/* VideoPortQueryServices(VideoPortServicesInt10): real-mode BIOS calls */
typedef VP_STATUS (*PINT10_ALLOCATE_BUFFER)(PVOID Context, PUSHORT Seg, PUSHORT Off,
					    PULONG Length);
typedef VP_STATUS (*PINT10_FREE_BUFFER)(PVOID Context, USHORT Seg, USHORT Off);
typedef VP_STATUS (*PINT10_READ_MEMORY)(PVOID Context, USHORT Seg, USHORT Off, PVOID Buffer,
					ULONG Length);
typedef VP_STATUS (*PINT10_WRITE_MEMORY)(PVOID Context, USHORT Seg, USHORT Off, PVOID Buffer,
					 ULONG Length);
typedef VP_STATUS (*PINT10_CALL_BIOS)(PVOID Context, PINT10_BIOS_ARGUMENTS BiosArguments);

typedef struct _VIDEO_PORT_INT10_INTERFACE {
	USHORT Size;
	USHORT Version;
	PVOID Context;
	PINTERFACE_REFERENCE InterfaceReference;
	PINTERFACE_DEREFERENCE InterfaceDereference;
	PINT10_ALLOCATE_BUFFER Int10AllocateBuffer;
	PINT10_FREE_BUFFER Int10FreeBuffer;
	PINT10_READ_MEMORY Int10ReadMemory;
	PINT10_WRITE_MEMORY Int10WriteMemory;
	PINT10_CALL_BIOS Int10CallBios;
} VIDEO_PORT_INT10_INTERFACE, *PVIDEO_PORT_INT10_INTERFACE;

/* VideoPortQueryServices(VideoPortServicesAGP); the callbacks are videoagp.h's */
typedef struct _VIDEO_PORT_AGP_INTERFACE {
	USHORT Size;
	USHORT Version;
	PVOID Context;
	PINTERFACE_REFERENCE InterfaceReference;
	PINTERFACE_DEREFERENCE InterfaceDereference;
	PAGP_RESERVE_PHYSICAL AgpReservePhysical;
	PAGP_RELEASE_PHYSICAL AgpReleasePhysical;
	PAGP_COMMIT_PHYSICAL AgpCommitPhysical;
	PAGP_FREE_PHYSICAL AgpFreePhysical;
	PAGP_RESERVE_VIRTUAL AgpReserveVirtual;
	PAGP_RELEASE_VIRTUAL AgpReleaseVirtual;
	PAGP_COMMIT_VIRTUAL AgpCommitVirtual;
	PAGP_FREE_VIRTUAL AgpFreeVirtual;
	ULONGLONG AgpAllocationLimit;
} VIDEO_PORT_AGP_INTERFACE, *PVIDEO_PORT_AGP_INTERFACE;

typedef struct _VIDEO_PORT_AGP_INTERFACE_2 {
	USHORT Size;
	USHORT Version;
	PVOID Context;
	PINTERFACE_REFERENCE InterfaceReference;
	PINTERFACE_DEREFERENCE InterfaceDereference;
	PAGP_RESERVE_PHYSICAL AgpReservePhysical;
	PAGP_RELEASE_PHYSICAL AgpReleasePhysical;
	PAGP_COMMIT_PHYSICAL AgpCommitPhysical;
	PAGP_FREE_PHYSICAL AgpFreePhysical;
	PAGP_RESERVE_VIRTUAL AgpReserveVirtual;
	PAGP_RELEASE_VIRTUAL AgpReleaseVirtual;
	PAGP_COMMIT_VIRTUAL AgpCommitVirtual;
	PAGP_FREE_VIRTUAL AgpFreeVirtual;
	ULONGLONG AgpAllocationLimit;
	PAGP_SET_RATE AgpSetRate;
} VIDEO_PORT_AGP_INTERFACE_2, *PVIDEO_PORT_AGP_INTERFACE_2;

/* VideoPortQueryServices(VideoPortServicesWCMemoryProtection) */
typedef VP_STATUS (*PROTECT_WC_MEMORY)(PVOID Context, PVOID HwDeviceExtension);
typedef VP_STATUS (*RESTORE_WC_MEMORY)(PVOID Context, PVOID HwDeviceExtension);

typedef struct _VIDEO_PORT_WCMEMORYPROTECTION_INTERFACE {
	USHORT Size;
	USHORT Version;
	PVOID Context;
	PINTERFACE_REFERENCE InterfaceReference;
	PINTERFACE_DEREFERENCE InterfaceDereference;
	PROTECT_WC_MEMORY VideoPortProtectWCMemory;
	RESTORE_WC_MEMORY VideoPortRestoreWCMemory;
} VIDEO_PORT_WCMEMORYPROTECTION_INTERFACE, *PVIDEO_PORT_WCMEMORYPROTECTION_INTERFACE;

/* VideoPortQueryServices(VideoPortServicesDebugReport) */
typedef struct _VIDEO_PORT_DEBUG_REPORT_INTERFACE {
	USHORT Size;
	USHORT Version;
	PVOID Context;
	PINTERFACE_REFERENCE InterfaceReference;
	PINTERFACE_DEREFERENCE InterfaceDereference;

	PVIDEO_DEBUG_REPORT
		(*DbgReportCreate)(PVOID HwDeviceExtension, ULONG ulCode, ULONG_PTR ulpArg1,
				   ULONG_PTR ulpArg2, ULONG_PTR ulpArg3, ULONG_PTR ulpArg4);
	BOOLEAN (*DbgReportSecondaryData)(PVIDEO_DEBUG_REPORT pReport, PVOID pvData,
					  ULONG ulDataSize);
	void (*DbgReportComplete)(PVIDEO_DEBUG_REPORT pReport);
} VIDEO_PORT_DEBUG_REPORT_INTERFACE, *PVIDEO_PORT_DEBUG_REPORT_INTERFACE;

/* The layouts of 64-bit Windows; a mismatch here breaks ported source. */
C_ASSERT(sizeof(VIDEO_HARDWARE_CONFIGURATION_DATA) == 40);
C_ASSERT(sizeof(VIDEO_X86_BIOS_ARGUMENTS) == 28);
C_ASSERT(sizeof(INT10_BIOS_ARGUMENTS) == 32);
C_ASSERT(sizeof(STATUS_BLOCK) == 16);
C_ASSERT(sizeof(VIDEO_REQUEST_PACKET) == 48);
C_ASSERT(sizeof(VIDEO_ACCESS_RANGE) == 16);
C_ASSERT(sizeof(VP_DEVICE_DESCRIPTION) == 8);
C_ASSERT(sizeof(VP_SCATTER_GATHER_ELEMENT) == 24);
C_ASSERT(sizeof(VP_SCATTER_GATHER_LIST) == 16);
C_ASSERT(sizeof(VIDEO_CHILD_ENUM_INFO) == 24);
C_ASSERT(sizeof(VIDEO_CHILD_STATE) == 8);
C_ASSERT(sizeof(VIDEO_CHILD_STATE_CONFIGURATION) == 12);
C_ASSERT(sizeof(QUERY_INTERFACE) == 32);
C_ASSERT(sizeof(VPOSVERSIONINFO) == 20);
C_ASSERT(sizeof(VIDEO_PORT_CONFIG_INFO) == 128);
C_ASSERT(SIZE_OF_NT4_VIDEO_PORT_CONFIG_INFO == 74);
C_ASSERT(sizeof(VIDEO_HW_INITIALIZATION_DATA) == 144);
C_ASSERT(SIZE_OF_NT4_VIDEO_HW_INITIALIZATION_DATA == 64);
C_ASSERT(SIZE_OF_W2K_VIDEO_HW_INITIALIZATION_DATA == 140);
C_ASSERT(sizeof(I2C_FNC_TABLE) == 56);
C_ASSERT(sizeof(I2C_CALLBACKS) == 32);
C_ASSERT(sizeof(DDC_CONTROL) == 48);
C_ASSERT(sizeof(VIDEO_PORT_I2C_INTERFACE) == 64);
C_ASSERT(sizeof(VIDEO_I2C_CONTROL) == 40);
C_ASSERT(sizeof(VIDEO_PORT_I2C_INTERFACE_2) == 64);
C_ASSERT(sizeof(VIDEO_PORT_INT10_INTERFACE) == 72);
C_ASSERT(sizeof(VIDEO_PORT_AGP_INTERFACE) == 104);
C_ASSERT(sizeof(VIDEO_PORT_AGP_INTERFACE_2) == 112);
C_ASSERT(sizeof(VIDEO_PORT_WCMEMORYPROTECTION_INTERFACE) == 48);
C_ASSERT(sizeof(VIDEO_PORT_DEBUG_REPORT_INTERFACE) == 56);

/* Initialization and binding */
ULONG VideoPortInitialize(PVOID Argument1, PVOID Argument2,
			  PVIDEO_HW_INITIALIZATION_DATA HwInitializationData,
			  PVOID HwContext);
PVOID VideoPortGetProcAddress(PVOID HwDeviceExtension, PUCHAR FunctionName);
VP_STATUS VideoPortCreateSecondaryDisplay(PVOID HwDeviceExtension,
					  PVOID *SecondaryDeviceExtension, ULONG ulFlag);
PVOID VideoPortGetAssociatedDeviceExtension(PVOID DeviceObject);
ULONG VideoPortGetAssociatedDeviceID(PVOID DeviceObject);
VOID VideoPortAcquireDeviceLock(PVOID HwDeviceExtension);
VOID VideoPortReleaseDeviceLock(PVOID HwDeviceExtension);

/* Resources */
VP_STATUS VideoPortGetAccessRanges(PVOID HwDeviceExtension, ULONG NumRequestedResources,
				   PIO_RESOURCE_DESCRIPTOR RequestedResources,
				   ULONG NumAccessRanges, PVIDEO_ACCESS_RANGE AccessRanges,
				   PVOID VendorId, PVOID DeviceId, PULONG Slot);
VP_STATUS VideoPortVerifyAccessRanges(PVOID HwDeviceExtension, ULONG NumAccessRanges,
				      PVIDEO_ACCESS_RANGE AccessRanges);
VP_STATUS VideoPortSetTrappedEmulatorPorts(PVOID HwDeviceExtension, ULONG NumAccessRanges,
					   PVIDEO_ACCESS_RANGE AccessRange);
PVOID VideoPortGetDeviceBase(PVOID HwDeviceExtension, PHYSICAL_ADDRESS IoAddress,
			     ULONG NumberOfUchars, UCHAR InIoSpace);
VOID VideoPortFreeDeviceBase(PVOID HwDeviceExtension, PVOID MappedAddress);
ULONG VideoPortGetBusData(PVOID HwDeviceExtension, BUS_DATA_TYPE BusDataType, ULONG SlotNumber,
			  PVOID Buffer, ULONG Offset, ULONG Length);
ULONG VideoPortSetBusData(PVOID HwDeviceExtension, BUS_DATA_TYPE BusDataType, ULONG SlotNumber,
			  PVOID Buffer, ULONG Offset, ULONG Length);
VP_STATUS VideoPortGetDeviceData(PVOID HwDeviceExtension, VIDEO_DEVICE_DATA_TYPE DeviceDataType,
				 PMINIPORT_QUERY_DEVICE_ROUTINE CallbackRoutine, PVOID Context);
VP_STATUS VideoPortGetVgaStatus(PVOID HwDeviceExtension, PULONG VgaStatus);
BOOLEAN VideoPortCheckForDeviceExistence(PVOID HwDeviceExtension, USHORT VendorId,
					 USHORT DeviceId, UCHAR RevisionId, USHORT SubVendorId,
					 USHORT SubSystemId, ULONG Flags);
PVOID VideoPortGetRomImage(PVOID HwDeviceExtension, PVOID Unused1, ULONG Unused2,
			   ULONG Length);
BOOLEAN VideoPortScanRom(PVOID HwDeviceExtension, PUCHAR RomBase, ULONG RomLength,
			 PUCHAR String);
VP_STATUS VideoPortMapMemory(PVOID HwDeviceExtension, PHYSICAL_ADDRESS PhysicalAddress,
			     PULONG Length, PULONG InIoSpace, PVOID *VirtualAddress);
VP_STATUS VideoPortMapBankedMemory(PVOID HwDeviceExtension, PHYSICAL_ADDRESS PhysicalAddress,
				   PULONG Length, PULONG InIoSpace, PVOID *VirtualAddress,
				   ULONG BankLength, UCHAR ReadWriteBank,
				   PBANKED_SECTION_ROUTINE BankRoutine, PVOID Context);
VP_STATUS VideoPortUnmapMemory(PVOID HwDeviceExtension, PVOID VirtualAddress,
			       HANDLE ProcessHandle);

/* Registry: the adapter key's values (Documentation/registry.rst) */
VP_STATUS VideoPortGetRegistryParameters(PVOID HwDeviceExtension, PWSTR ParameterName,
					 UCHAR IsParameterFileName,
					 PMINIPORT_GET_REGISTRY_ROUTINE GetRegistryRoutine,
					 PVOID Context);
VP_STATUS VideoPortSetRegistryParameters(PVOID HwDeviceExtension, PWSTR ValueName,
					 PVOID ValueData, ULONG ValueLength);
VP_STATUS VideoPortFlushRegistry(PVOID HwDeviceExtension);

/* Child devices (monitors and their EDID) */
VP_STATUS VideoPortEnumerateChildren(PVOID HwDeviceExtension, PVOID Reserved);
BOOLEAN VideoPortDDCMonitorHelper(PVOID HwDeviceExtension, PVOID DDCControl,
				  PUCHAR EdidBuffer, ULONG EdidBufferSize);

/*
 * Port and register access. On x86 the twelve single-value accessors are
 * inline, compiled to exactly the instruction Linux's inb/outb/readl/writel
 * compile to (scripts/style.sh compares the object code); elsewhere, and
 * for VideoPortGetProcAddress, they are vpshim.ko's exported functions. The
 * buffer forms are always functions: a loop costs far more than a call.
 * Ports are the raw port numbers VideoPortGetDeviceBase returns for I/O
 * space; registers are its memory-space mappings.
 */
VOID VideoPortReadPortBufferUchar(PUCHAR Port, PUCHAR Buffer, ULONG Count);
VOID VideoPortReadPortBufferUshort(PUSHORT Port, PUSHORT Buffer, ULONG Count);
VOID VideoPortReadPortBufferUlong(PULONG Port, PULONG Buffer, ULONG Count);
VOID VideoPortWritePortBufferUchar(PUCHAR Port, PUCHAR Buffer, ULONG Count);
VOID VideoPortWritePortBufferUshort(PUSHORT Port, PUSHORT Buffer, ULONG Count);
VOID VideoPortWritePortBufferUlong(PULONG Port, PULONG Buffer, ULONG Count);
VOID VideoPortReadRegisterBufferUchar(PUCHAR Register, PUCHAR Buffer, ULONG Count);
VOID VideoPortReadRegisterBufferUshort(PUSHORT Register, PUSHORT Buffer, ULONG Count);
VOID VideoPortReadRegisterBufferUlong(PULONG Register, PULONG Buffer, ULONG Count);
VOID VideoPortWriteRegisterBufferUchar(PUCHAR Register, PUCHAR Buffer, ULONG Count);
VOID VideoPortWriteRegisterBufferUshort(PUSHORT Register, PUSHORT Buffer, ULONG Count);
VOID VideoPortWriteRegisterBufferUlong(PULONG Register, PULONG Buffer, ULONG Count);

#if defined(__x86_64__) && !defined(VPSHIM_IO_OUT_OF_LINE)

#define _VPSHIM_PORT(p)	((USHORT)(ULONG_PTR)(p))

static inline UCHAR VideoPortReadPortUchar(PUCHAR Port)
{
	UCHAR v;

	__asm__ __volatile__("inb %w1, %b0" : "=a"(v) : "Nd"(_VPSHIM_PORT(Port)));
	return v;
}

static inline USHORT VideoPortReadPortUshort(PUSHORT Port)
{
	USHORT v;

	__asm__ __volatile__("inw %w1, %w0" : "=a"(v) : "Nd"(_VPSHIM_PORT(Port)));
	return v;
}

static inline ULONG VideoPortReadPortUlong(PULONG Port)
{
	ULONG v;

	__asm__ __volatile__("inl %w1, %0" : "=a"(v) : "Nd"(_VPSHIM_PORT(Port)));
	return v;
}

static inline VOID VideoPortWritePortUchar(PUCHAR Port, UCHAR Value)
{
	__asm__ __volatile__("outb %b0, %w1" : : "a"(Value), "Nd"(_VPSHIM_PORT(Port)));
}

static inline VOID VideoPortWritePortUshort(PUSHORT Port, USHORT Value)
{
	__asm__ __volatile__("outw %w0, %w1" : : "a"(Value), "Nd"(_VPSHIM_PORT(Port)));
}

static inline VOID VideoPortWritePortUlong(PULONG Port, ULONG Value)
{
	__asm__ __volatile__("outl %0, %w1" : : "a"(Value), "Nd"(_VPSHIM_PORT(Port)));
}

static inline UCHAR VideoPortReadRegisterUchar(PUCHAR Register)
{
	UCHAR v;

	__asm__ __volatile__("movb %1, %0" : "=q"(v) : "m"(*(volatile UCHAR *)Register)
			     : "memory");
	return v;
}

static inline USHORT VideoPortReadRegisterUshort(PUSHORT Register)
{
	USHORT v;

	__asm__ __volatile__("movw %1, %0" : "=r"(v) : "m"(*(volatile USHORT *)Register)
			     : "memory");
	return v;
}

static inline ULONG VideoPortReadRegisterUlong(PULONG Register)
{
	ULONG v;

	__asm__ __volatile__("movl %1, %0" : "=r"(v) : "m"(*(volatile ULONG *)Register)
			     : "memory");
	return v;
}

static inline VOID VideoPortWriteRegisterUchar(PUCHAR Register, UCHAR Value)
{
	__asm__ __volatile__("movb %0, %1" : : "q"(Value), "m"(*(volatile UCHAR *)Register)
			     : "memory");
}

static inline VOID VideoPortWriteRegisterUshort(PUSHORT Register, USHORT Value)
{
	__asm__ __volatile__("movw %0, %1" : : "r"(Value), "m"(*(volatile USHORT *)Register)
			     : "memory");
}

static inline VOID VideoPortWriteRegisterUlong(PULONG Register, ULONG Value)
{
	__asm__ __volatile__("movl %0, %1" : : "r"(Value), "m"(*(volatile ULONG *)Register)
			     : "memory");
}

#else

UCHAR VideoPortReadPortUchar(PUCHAR Port);
USHORT VideoPortReadPortUshort(PUSHORT Port);
ULONG VideoPortReadPortUlong(PULONG Port);
VOID VideoPortWritePortUchar(PUCHAR Port, UCHAR Value);
VOID VideoPortWritePortUshort(PUSHORT Port, USHORT Value);
VOID VideoPortWritePortUlong(PULONG Port, ULONG Value);
UCHAR VideoPortReadRegisterUchar(PUCHAR Register);
USHORT VideoPortReadRegisterUshort(PUSHORT Register);
ULONG VideoPortReadRegisterUlong(PULONG Register);
VOID VideoPortWriteRegisterUchar(PUCHAR Register, UCHAR Value);
VOID VideoPortWriteRegisterUshort(PUSHORT Register, USHORT Value);
VOID VideoPortWriteRegisterUlong(PULONG Register, ULONG Value);

#endif

/* Bus-master DMA: adapters and common buffers */
PVP_DMA_ADAPTER VideoPortGetDmaAdapter(PVOID HwDeviceExtension,
				       PVP_DEVICE_DESCRIPTION VpDeviceDescription);
VOID VideoPortPutDmaAdapter(PVOID HwDeviceExtension, PVP_DMA_ADAPTER VpDmaAdapter);
PVOID VideoPortAllocateCommonBuffer(PVOID HwDeviceExtension, PVP_DMA_ADAPTER VpDmaAdapter,
				    ULONG DesiredLength, PPHYSICAL_ADDRESS LogicalAddress,
				    BOOLEAN CacheEnabled, PVOID Reserved);
VOID VideoPortReleaseCommonBuffer(PVOID HwDeviceExtension, PVP_DMA_ADAPTER VpDmaAdapter,
				  ULONG Length, PHYSICAL_ADDRESS LogicalAddress,
				  PVOID VirtualAddress, BOOLEAN CacheEnabled);
PVOID VideoPortGetCommonBuffer(PVOID HwDeviceExtension, ULONG DesiredLength,
			       ULONG Alignment, PPHYSICAL_ADDRESS LogicalAddress,
			       PULONG pActualLength, BOOLEAN CacheEnabled);
VOID VideoPortFreeCommonBuffer(PVOID HwDeviceExtension, ULONG Length, PVOID VirtualAddress,
			       PHYSICAL_ADDRESS LogicalAddress, BOOLEAN CacheEnabled);

/* Bus-master DMA: packet-based transfers (Documentation/dma.rst) */
PVOID VideoPortLockBuffer(PVOID HwDeviceExtension, PVOID BaseAddress, ULONG Length,
			  VP_LOCK_OPERATION Operation);
VOID VideoPortUnlockBuffer(PVOID HwDeviceExtension, PVOID Mdl);
VP_STATUS VideoPortStartDma(PVOID HwDeviceExtension, PVP_DMA_ADAPTER VpDmaAdapter, PVOID Mdl,
			    ULONG Offset, PULONG pLength, PEXECUTE_DMA ExecuteDmaRoutine,
			    PVOID Context, BOOLEAN WriteToDevice);
VP_STATUS VideoPortCompleteDma(PVOID HwDeviceExtension, PVP_DMA_ADAPTER VpDmaAdapter,
			       PVP_SCATTER_GATHER_LIST VpScatterGather, BOOLEAN WriteToDevice);
BOOLEAN VideoPortLockPages(PVOID HwDeviceExtension, PVIDEO_REQUEST_PACKET pVrp, PEVENT pUEvent,
			   PEVENT pDisplayEvent, DMA_FLAGS DmaFlags);
BOOLEAN VideoPortUnlockPages(PVOID hwDeviceExtension, PDMA pDma);
PVOID VideoPortGetMdl(PVOID HwDeviceExtension, PDMA pDma);
ULONG VideoPortGetBytesUsed(PVOID HwDeviceExtension, PDMA pDma);
VOID VideoPortSetBytesUsed(PVOID HwDeviceExtension, PDMA pDma, ULONG BytesUsed);
PVOID VideoPortGetDmaContext(PVOID HwDeviceExtension, PDMA pDma);
VOID VideoPortSetDmaContext(PVOID HwDeviceExtension, PDMA pDma, PVOID InstanceContext);
PDMA VideoPortDoDma(PVOID HwDeviceExtension, PDMA pDma, DMA_FLAGS DmaFlags);
PDMA VideoPortMapDmaMemory(PVOID HwDeviceExtension, PVIDEO_REQUEST_PACKET pVrp,
			   PHYSICAL_ADDRESS BoardAddress, PULONG Length, PULONG InIoSpace,
			   PVOID MappedUserEvent, PVOID DisplayDriverEvent, PVOID *VirtualAddress);
BOOLEAN VideoPortUnmapDmaMemory(PVOID HwDeviceExtension, PVOID VirtualAddress,
				HANDLE ProcessHandle, PDMA BoardMemoryHandle);
BOOLEAN VideoPortSignalDmaComplete(PVOID HwDeviceExtension, PDMA pDmaHandle);
PDMA VideoPortAssociateEventsWithDmaHandle(PVOID HwDeviceExtension, PVIDEO_REQUEST_PACKET pVrp,
					   PVOID MappedUserEvent, PVOID DisplayDriverEvent);
PVOID VideoPortAllocateContiguousMemory(PVOID HwDeviceExtension, ULONG NumberOfBytes,
					PHYSICAL_ADDRESS HighestAcceptableAddress);

/* Pool memory */
PVOID VideoPortAllocatePool(PVOID HwDeviceExtension, VP_POOL_TYPE PoolType,
			    SIZE_T NumberOfBytes, ULONG Tag);
VOID VideoPortFreePool(PVOID HwDeviceExtension, PVOID Ptr);
VP_STATUS VideoPortAllocateBuffer(PVOID HwDeviceExtension, ULONG Size, PVOID *Buffer);
VOID VideoPortReleaseBuffer(PVOID HwDeviceExtension, PVOID Buffer);

/* IRQL, spin locks, events, interlocked operations */
UCHAR VideoPortGetCurrentIrql(void);
VP_STATUS VideoPortCreateSpinLock(PVOID HwDeviceExtension, PSPIN_LOCK *SpinLock);
VP_STATUS VideoPortDeleteSpinLock(PVOID HwDeviceExtension, PSPIN_LOCK SpinLock);
VOID VideoPortAcquireSpinLock(PVOID HwDeviceExtension, PSPIN_LOCK SpinLock, PUCHAR OldIrql);
VOID VideoPortAcquireSpinLockAtDpcLevel(PVOID HwDeviceExtension, PSPIN_LOCK SpinLock);
VOID VideoPortReleaseSpinLock(PVOID HwDeviceExtension, PSPIN_LOCK SpinLock, UCHAR NewIrql);
VOID VideoPortReleaseSpinLockFromDpcLevel(PVOID HwDeviceExtension, PSPIN_LOCK SpinLock);
VP_STATUS VideoPortCreateEvent(PVOID HwDeviceExtension, ULONG EventFlag, PVOID Unused,
			       PEVENT *ppEvent);
VP_STATUS VideoPortDeleteEvent(PVOID HwDeviceExtension, PEVENT pEvent);
LONG VideoPortSetEvent(PVOID HwDeviceExtension, PEVENT pEvent);
VOID VideoPortClearEvent(PVOID HwDeviceExtension, PEVENT pEvent);
LONG VideoPortReadStateEvent(PVOID HwDeviceExtension, PEVENT pEvent);
VP_STATUS VideoPortWaitForSingleObject(PVOID HwDeviceExtension, PVOID Object,
				       PLARGE_INTEGER Timeout);
LONG FASTCALL VideoPortInterlockedIncrement(PLONG Addend);
LONG FASTCALL VideoPortInterlockedDecrement(PLONG Addend);
LONG FASTCALL VideoPortInterlockedExchange(PLONG Target, LONG Value);

/* Interrupts, DPCs, timers */
VP_STATUS VideoPortEnableInterrupt(PVOID HwDeviceExtension);
VP_STATUS VideoPortDisableInterrupt(PVOID HwDeviceExtension);
BOOLEAN VideoPortSynchronizeExecution(PVOID HwDeviceExtension,
				      VIDEO_SYNCHRONIZE_PRIORITY Priority,
				      PMINIPORT_SYNCHRONIZE_ROUTINE SynchronizeRoutine,
				      PVOID Context);
BOOLEAN VideoPortQueueDpc(PVOID HwDeviceExtension, PMINIPORT_DPC_ROUTINE CallbackRoutine,
			  PVOID Context);
VOID VideoPortStartTimer(PVOID HwDeviceExtension);
VOID VideoPortStopTimer(PVOID HwDeviceExtension);

/* Services a miniport needs around the DMA core */
/* Windows' printf dialect (%ws, %wZ, %I64x, 32-bit %lx): no printf checking. */
VOID VideoPortDebugPrint(VIDEO_DEBUG_LEVEL DebugPrintLevel, PSTR DebugMessage, ...);
VOID VideoPortStallExecution(ULONG Microseconds);
VOID VideoPortQuerySystemTime(PLARGE_INTEGER CurrentTime);
LONGLONG VideoPortQueryPerformanceCounter(PVOID HwDeviceExtension,
					  PLONGLONG PerformanceFrequency);
VP_STATUS VideoPortGetVersion(PVOID HwDeviceExtension, PVPOSVERSIONINFO pVpOsVersionInfo);
BOOLEAN VideoPortIsNoVesa(void);
VOID VideoPortZeroDeviceMemory(PVOID Destination, ULONG Length);
VOID VideoPortLogError(PVOID HwDeviceExtension, PVIDEO_REQUEST_PACKET Vrp, VP_STATUS ErrorCode,
		       ULONG UniqueId);
VP_STATUS VideoPortRegisterBugcheckCallback(PVOID HwDeviceExtension, ULONG BugcheckCode,
					    PVIDEO_BUGCHECK_CALLBACK Callback,
					    ULONG BugcheckDataSize);

/* Services that need a real-mode BIOS or are not provided yet: documented failures */
VP_STATUS VideoPortInt10(PVOID HwDeviceExtension, PVIDEO_X86_BIOS_ARGUMENTS BiosArguments);
VP_STATUS VideoPortQueryServices(PVOID HwDeviceExtension, VIDEO_PORT_SERVICES ServicesType,
				 PINTERFACE Interface);
VOID VideoPortZeroMemory(PVOID Destination, ULONG Length);
VOID VideoPortMoveMemory(PVOID Destination, PVOID Source, ULONG Length);
ULONG VideoPortCompareMemory(PVOID Source1, PVOID Source2, SIZE_T Length);

#endif /* _VPSHIM_VIDEO_H_ */
