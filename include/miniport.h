/* SPDX-License-Identifier: GPL-2.0 */
/*
 * miniport.h - Windows base types and bus descriptions for video miniports.
 *
 * Part of vpshim's Windows-facing headers. A miniport source file includes
 * these headers and never a Linux header. The sizes are those of 64-bit
 * Windows (LLP64) rebuilt on 64-bit Linux (LP64): ULONG and LONG stay 32 bits,
 * so they are int-sized here, never long. WCHAR is 16 bits, matching the
 * kernel's -fshort-wchar so that L"..." literals are WCHAR strings.
 */
#ifndef _VPSHIM_MINIPORT_H_
#define _VPSHIM_MINIPORT_H_

/*
 * Calling conventions and SAL-era decorations. There is one ABI here (the
 * source is compiled, not loaded as a Windows binary), so they vanish.
 */
#define NTAPI
#define FASTCALL
#define DECLSPEC_IMPORT
#define IN
#define OUT
#define OPTIONAL
#define CONST			const
#define VOID			void

/*
 * ALLOC_PRAGMA is deliberately left undefined: "#pragma alloc_text" has no
 * meaning to GCC and would only raise -Wunknown-pragmas.
 */

#ifndef NULL
#define NULL			((void *)0)
#endif
#define TRUE			1
#define FALSE			0

typedef void			*PVOID, **PPVOID;
typedef char			CHAR, *PCHAR, *PSTR;
typedef const char		*PCSTR;
typedef unsigned char		UCHAR, *PUCHAR, BYTE, *PBYTE;
typedef short			SHORT, *PSHORT;
typedef unsigned short		USHORT, *PUSHORT, WORD, *PWORD;
typedef int			LONG, *PLONG, INT, *PINT;
typedef unsigned int		ULONG, *PULONG, UINT, *PUINT, DWORD, *PDWORD;
typedef long long		LONGLONG, *PLONGLONG;
typedef unsigned long long	ULONGLONG, *PULONGLONG;
typedef long			LONG_PTR, *PLONG_PTR;
typedef unsigned long		ULONG_PTR, *PULONG_PTR, SIZE_T, *PSIZE_T;
typedef unsigned char		BOOLEAN, *PBOOLEAN;
typedef unsigned short		WCHAR, *PWCHAR, *PWSTR;
typedef const unsigned short	*PCWSTR;
typedef LONG			NTSTATUS;
typedef UCHAR			KIRQL, *PKIRQL;
typedef void			*HANDLE;
typedef void			**PHANDLE;

typedef struct _GUID {
	ULONG Data1;
	USHORT Data2;
	USHORT Data3;
	UCHAR Data4[8];
} GUID, *PGUID;
typedef const struct _GUID	*LPCGUID;

#define PASSIVE_LEVEL		0
#define LOW_LEVEL		0
#define APC_LEVEL		1
#define DISPATCH_LEVEL		2

#define FIELD_OFFSET(type, field)	((LONG)__builtin_offsetof(type, field))
#define CONTAINING_RECORD(address, type, field) \
	((type *)((PCHAR)(address) - (ULONG_PTR)(&((type *)0)->field)))
#define C_ASSERT(e)			_Static_assert(e, #e)

typedef union _LARGE_INTEGER {
	struct {
		ULONG LowPart;
		LONG HighPart;
	};
	struct {
		ULONG LowPart;
		LONG HighPart;
	} u;
	LONGLONG QuadPart;
} LARGE_INTEGER, *PLARGE_INTEGER;

typedef LARGE_INTEGER PHYSICAL_ADDRESS, *PPHYSICAL_ADDRESS;

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

/* Only passed through by pointer; the layout is not needed on Linux. */
typedef struct _IO_RESOURCE_DESCRIPTOR IO_RESOURCE_DESCRIPTOR, *PIO_RESOURCE_DESCRIPTOR;

#define PCI_TYPE0_ADDRESSES		6
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
			ULONG Reserved1[2];
			ULONG ROMBaseAddress;
			ULONG Reserved2[2];
			UCHAR InterruptLine;
			UCHAR InterruptPin;
			UCHAR MinimumGrant;
			UCHAR MaximumLatency;
		} type0;
	} u;
	UCHAR DeviceSpecific[192];
} PCI_COMMON_CONFIG, *PPCI_COMMON_CONFIG;

#define PCI_COMMON_HDR_LENGTH	FIELD_OFFSET(PCI_COMMON_CONFIG, DeviceSpecific)

/* The sizes Windows code relies on; a mismatch here breaks ported source. */
C_ASSERT(sizeof(ULONG) == 4);
C_ASSERT(sizeof(LONG) == 4);
C_ASSERT(sizeof(WCHAR) == 2);
C_ASSERT(sizeof(ULONG_PTR) == sizeof(PVOID));
C_ASSERT(sizeof(PHYSICAL_ADDRESS) == 8);
C_ASSERT(sizeof(PCI_COMMON_CONFIG) == 256);

#endif /* _VPSHIM_MINIPORT_H_ */
