/* SPDX-License-Identifier: GPL-2.0 */
/*
 * miniport.h - what every kind of miniport driver shares: bus, interrupt and
 * DMA descriptions, PCI configuration space, IRQLs, ASSERT.
 *
 * Part of vpshim's Windows-facing headers. A miniport source file includes
 * these headers and never a Linux header. As in the DDK, the base types
 * (ULONG, PVOID, LARGE_INTEGER, GUID...) come from ntdef.h, which this header
 * includes first.
 */
#ifndef _VPSHIM_MINIPORT_H_
#define _VPSHIM_MINIPORT_H_
#define _MINIPORT_

#include "ntdef.h"

/*
 * ALLOC_PRAGMA is deliberately left undefined: "#pragma alloc_text" has no
 * meaning to GCC and would only raise -Wunknown-pragmas.
 */

typedef UCHAR			KIRQL, *PKIRQL;

#define PASSIVE_LEVEL		0
#define LOW_LEVEL		0
#define APC_LEVEL		1
#define DISPATCH_LEVEL		2

/*
 * ASSERT: a checked build (DBG=1) reports a failed assertion through
 * VideoPortDebugPrint (video.h) at the Error level where Windows would break
 * into the debugger, and the expression is FALSE, as in Windows. A free build
 * does not evaluate the expression, but still names it (inside sizeof), so
 * "status = f(); ASSERT(status == NO_ERROR);" does not become "set but not
 * used" under W=1. Linux code has assertions of its own.
 */
#ifndef VPSHIM_KERNEL_SIDE
#if defined(DBG) && DBG
#define ASSERTMSG(msg, exp) \
	((!(exp)) ? (VideoPortDebugPrint(Error, "*** Assertion failed: %s%s (%s, line %d)\n", \
					 (msg), #exp, __FILE__, __LINE__), FALSE) : TRUE)
#define ASSERT(exp)		ASSERTMSG("", exp)
#else
#define ASSERTMSG(msg, exp)	((void)sizeof((exp) ? 1 : 0))
#define ASSERT(exp)		((void)sizeof((exp) ? 1 : 0))
#endif
#define NT_ASSERT(exp)		ASSERT(exp)
#define NT_ASSERTMSG(msg, exp)	ASSERTMSG(msg, exp)
#endif /* !VPSHIM_KERNEL_SIDE */

typedef enum _INTERFACE_TYPE {
	InterfaceTypeUndefined = -1,
	Internal,
	Isa,
	Eisa,
	MicroChannel,
	TurboChannel,
	PCIBus,
	VMEBus,
	NuBus,
	PCMCIABus,
	CBus,
	MPIBus,
	MPSABus,
	ProcessorInternal,
	InternalPowerBus,
	PNPISABus,
	PNPBus,
	Vmcs,
	ACPIBus,
	MaximumInterfaceType
} INTERFACE_TYPE, *PINTERFACE_TYPE;

typedef enum _BUS_DATA_TYPE {
	ConfigurationSpaceUndefined = -1,
	Cmos,
	EisaConfiguration,
	Pos,
	CbusConfiguration,
	PCIConfiguration,
	VMEConfiguration,
	NuBusConfiguration,
	PCMCIAConfiguration,
	MPIConfiguration,
	MPSAConfiguration,
	PNPISAConfiguration,
	SgiInternalConfiguration,
	MaximumBusDataType
} BUS_DATA_TYPE, *PBUS_DATA_TYPE;

typedef enum _KINTERRUPT_MODE {
	LevelSensitive,
	Latched
} KINTERRUPT_MODE;

typedef enum _MEMORY_CACHING_TYPE {
	MmNonCached,
	MmCached,
	MmWriteCombined,
	MmHardwareCoherentCached,
	MmNonCachedUnordered,
	MmUSWCCached,
	MmMaximumCacheType
} MEMORY_CACHING_TYPE;

typedef enum _DMA_WIDTH {
	Width8Bits,
	Width16Bits,
	Width32Bits,
	MaximumDmaWidth
} DMA_WIDTH, *PDMA_WIDTH;

typedef enum _DMA_SPEED {
	Compatible,
	TypeA,
	TypeB,
	TypeC,
	TypeF,
	MaximumDmaSpeed
} DMA_SPEED, *PDMA_SPEED;

#define EMULATOR_READ_ACCESS		0x01
#define EMULATOR_WRITE_ACCESS		0x02

typedef enum _EMULATOR_PORT_ACCESS_TYPE {
	Uchar,
	Ushort,
	Ulong
} EMULATOR_PORT_ACCESS_TYPE, *PEMULATOR_PORT_ACCESS_TYPE;

typedef struct _EMULATOR_ACCESS_ENTRY {
	ULONG BasePort;
	ULONG NumConsecutivePorts;
	EMULATOR_PORT_ACCESS_TYPE AccessType;
	UCHAR AccessMode;
	UCHAR StringSupport;
	PVOID Routine;
} EMULATOR_ACCESS_ENTRY, *PEMULATOR_ACCESS_ENTRY;

typedef void (*PINTERFACE_REFERENCE)(PVOID Context);
typedef void (*PINTERFACE_DEREFERENCE)(PVOID Context);

typedef struct _INTERFACE {
	USHORT Size;
	USHORT Version;
	PVOID Context;
	PINTERFACE_REFERENCE InterfaceReference;
	PINTERFACE_DEREFERENCE InterfaceDereference;
} INTERFACE, *PINTERFACE;

typedef enum _IRQ_DEVICE_POLICY {
	IrqPolicyMachineDefault = 0,
	IrqPolicyAllCloseProcessors,
	IrqPolicyOneCloseProcessor,
	IrqPolicyAllProcessorsInMachine,
	IrqPolicySpecifiedProcessors,
	IrqPolicySpreadMessagesAcrossAllProcessors
} IRQ_DEVICE_POLICY, *PIRQ_DEVICE_POLICY;

typedef enum _IRQ_PRIORITY {
	IrqPriorityUndefined = 0,
	IrqPriorityLow,
	IrqPriorityNormal,
	IrqPriorityHigh
} IRQ_PRIORITY, *PIRQ_PRIORITY;

/* One resource requirement (VideoPortGetAccessRanges' RequestedResources). */
typedef struct _IO_RESOURCE_DESCRIPTOR {
	UCHAR Option;
	UCHAR Type;
	UCHAR ShareDisposition;
	UCHAR Spare1;
	USHORT Flags;
	USHORT Spare2;
	union {
		struct {
			ULONG Length;
			ULONG Alignment;
			PHYSICAL_ADDRESS MinimumAddress;
			PHYSICAL_ADDRESS MaximumAddress;
		} Port;
		struct {
			ULONG Length;
			ULONG Alignment;
			PHYSICAL_ADDRESS MinimumAddress;
			PHYSICAL_ADDRESS MaximumAddress;
		} Memory;
		struct {
			ULONG MinimumVector;
			ULONG MaximumVector;
			IRQ_DEVICE_POLICY AffinityPolicy;
			IRQ_PRIORITY PriorityPolicy;
			KAFFINITY TargetedProcessors;
		} Interrupt;
		struct {
			ULONG MinimumChannel;
			ULONG MaximumChannel;
		} Dma;
		struct {
			ULONG Length;
			ULONG Alignment;
			PHYSICAL_ADDRESS MinimumAddress;
			PHYSICAL_ADDRESS MaximumAddress;
		} Generic;
		struct {
			ULONG Data[3];
		} DevicePrivate;
		struct {
			ULONG Length;
			ULONG MinBusNumber;
			ULONG MaxBusNumber;
			ULONG Reserved;
		} BusNumber;
		struct {
			ULONG Priority;
			ULONG Reserved1;
			ULONG Reserved2;
		} ConfigData;
		struct {
			ULONG Length40;
			ULONG Alignment40;
			PHYSICAL_ADDRESS MinimumAddress;
			PHYSICAL_ADDRESS MaximumAddress;
		} Memory40;
		struct {
			ULONG Length48;
			ULONG Alignment48;
			PHYSICAL_ADDRESS MinimumAddress;
			PHYSICAL_ADDRESS MaximumAddress;
		} Memory48;
		struct {
			ULONG Length64;
			ULONG Alignment64;
			PHYSICAL_ADDRESS MinimumAddress;
			PHYSICAL_ADDRESS MaximumAddress;
		} Memory64;
	} u;
} IO_RESOURCE_DESCRIPTOR, *PIO_RESOURCE_DESCRIPTOR;

/* PCI configuration space (VideoPortGetBusData with PCIConfiguration) */
#define PCI_TYPE0_ADDRESSES		6
#define PCI_TYPE1_ADDRESSES		2
#define PCI_TYPE2_ADDRESSES		5
#define PCI_MAX_DEVICES			32
#define PCI_MAX_FUNCTION		8
#define PCI_MAX_BRIDGE_NUMBER		0xFF
#define PCI_INVALID_VENDORID		0xFFFF

typedef struct _PCI_SLOT_NUMBER {
	union {
		struct {
			ULONG DeviceNumber:5;
			ULONG FunctionNumber:3;
			ULONG Reserved:24;
		} bits;
		ULONG AsULONG;
	} u;
} PCI_SLOT_NUMBER, *PPCI_SLOT_NUMBER;

typedef struct _PCI_COMMON_CONFIG {
	USHORT VendorID;
	USHORT DeviceID;
	USHORT Command;
	USHORT Status;
	UCHAR RevisionID;
	UCHAR ProgIf;
	UCHAR SubClass;
	UCHAR BaseClass;
	UCHAR CacheLineSize;
	UCHAR LatencyTimer;
	UCHAR HeaderType;
	UCHAR BIST;
	union {
		struct {
			ULONG BaseAddresses[PCI_TYPE0_ADDRESSES];
			/* Later DDKs name these; sources of either era compile. */
			union {
				ULONG Reserved1[2];
				struct {
					ULONG CIS;
					USHORT SubVendorID;
					USHORT SubSystemID;
				};
			};
			ULONG ROMBaseAddress;
			union {
				ULONG Reserved2[2];
				UCHAR CapabilitiesPtr;
			};
			UCHAR InterruptLine;
			UCHAR InterruptPin;
			UCHAR MinimumGrant;
			UCHAR MaximumLatency;
		} type0;
	} u;
	UCHAR DeviceSpecific[192];
} PCI_COMMON_CONFIG, *PPCI_COMMON_CONFIG;

#define PCI_COMMON_HDR_LENGTH	FIELD_OFFSET(PCI_COMMON_CONFIG, DeviceSpecific)

/* HeaderType */
#define PCI_MULTIFUNCTION		0x80
#define PCI_DEVICE_TYPE			0x00
#define PCI_BRIDGE_TYPE			0x01
#define PCI_CARDBUS_BRIDGE_TYPE		0x02
#define PCI_CONFIGURATION_TYPE(PciData) \
	(((PPCI_COMMON_CONFIG)(PciData))->HeaderType & ~PCI_MULTIFUNCTION)
#define PCI_MULTIFUNCTION_DEVICE(PciData) \
	((((PPCI_COMMON_CONFIG)(PciData))->HeaderType & PCI_MULTIFUNCTION) != 0)

/* Command */
#define PCI_ENABLE_IO_SPACE			0x0001
#define PCI_ENABLE_MEMORY_SPACE			0x0002
#define PCI_ENABLE_BUS_MASTER			0x0004
#define PCI_ENABLE_SPECIAL_CYCLES		0x0008
#define PCI_ENABLE_WRITE_AND_INVALIDATE		0x0010
#define PCI_ENABLE_VGA_COMPATIBLE_PALETTE	0x0020
#define PCI_ENABLE_PARITY			0x0040
#define PCI_ENABLE_WAIT_CYCLE			0x0080
#define PCI_ENABLE_SERR				0x0100
#define PCI_ENABLE_FAST_BACK_TO_BACK		0x0200
#define PCI_DISABLE_LEVEL_INTERRUPT		0x0400

/* Status */
#define PCI_STATUS_INTERRUPT_PENDING		0x0008
#define PCI_STATUS_CAPABILITIES_LIST		0x0010
#define PCI_STATUS_66MHZ_CAPABLE		0x0020
#define PCI_STATUS_UDF_SUPPORTED		0x0040
#define PCI_STATUS_FAST_BACK_TO_BACK		0x0080
#define PCI_STATUS_DATA_PARITY_DETECTED		0x0100
#define PCI_STATUS_DEVSEL			0x0600
#define PCI_STATUS_SIGNALED_TARGET_ABORT	0x0800
#define PCI_STATUS_RECEIVED_TARGET_ABORT	0x1000
#define PCI_STATUS_RECEIVED_MASTER_ABORT	0x2000
#define PCI_STATUS_SIGNALED_SYSTEM_ERROR	0x4000
#define PCI_STATUS_DETECTED_PARITY_ERROR	0x8000

/* BaseAddresses and ROMBaseAddress */
#define PCI_ADDRESS_IO_SPACE			0x00000001
#define PCI_ADDRESS_MEMORY_TYPE_MASK		0x00000006
#define PCI_ADDRESS_MEMORY_PREFETCHABLE		0x00000008
#define PCI_ADDRESS_IO_ADDRESS_MASK		0xfffffffc
#define PCI_ADDRESS_MEMORY_ADDRESS_MASK		0xfffffff0
#define PCI_ADDRESS_ROM_ADDRESS_MASK		0xfffff800
#define PCI_TYPE_32BIT				0
#define PCI_TYPE_20BIT				2
#define PCI_TYPE_64BIT				4
#define PCI_ROMADDRESS_ENABLED			0x00000001

/* BaseClass and SubClass of a display controller */
#define PCI_CLASS_DISPLAY_CTLR			0x03
#define PCI_SUBCLASS_VID_VGA_CTLR		0x00
#define PCI_SUBCLASS_VID_XGA_CTLR		0x01
#define PCI_SUBCLASS_VID_3D_CTLR		0x02
#define PCI_SUBCLASS_VID_OTHER			0x80

/* The layouts of 64-bit Windows; a mismatch here breaks ported source. */
C_ASSERT(sizeof(EMULATOR_ACCESS_ENTRY) == 24);
C_ASSERT(sizeof(INTERFACE) == 32);
C_ASSERT(sizeof(IO_RESOURCE_DESCRIPTOR) == 32);
C_ASSERT(sizeof(PCI_SLOT_NUMBER) == 4);
C_ASSERT(sizeof(PCI_COMMON_CONFIG) == 256);
C_ASSERT(PCI_COMMON_HDR_LENGTH == 64);

#endif /* _VPSHIM_MINIPORT_H_ */
