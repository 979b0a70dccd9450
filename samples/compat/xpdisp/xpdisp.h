/* SPDX-License-Identifier: GPL-2.0 */
/*++

Module Name:

    xpdisp.h

Abstract:

    Definitions of the XP display miniport for QEMU's standard VGA
    (PCI 1234:1111): the register BAR's layout, the device extension and
    the routines of xpdisp_miniport.c and xpdisp_ddc.c.

Environment:

    Kernel mode only

--*/

#ifndef _XPDISP_H_
#define _XPDISP_H_

#define XPDISP_VENDOR_ID            0x1234
#define XPDISP_DEVICE_ID            0x1111

//
// The register BAR (BAR2). The EDID block sits at its start, the VGA ports
// 0x3C0-0x3DF are mirrored at 0x400 and the Bochs DISPI registers, sixteen
// bits each, at 0x500.
//

#include "pshpack1.h"

typedef struct _XPDISP_DISPI_REGISTERS {
    USHORT Id;                  // 0x00: 0xB0C0-0xB0C5
    USHORT XRes;                // 0x02
    USHORT YRes;                // 0x04
    USHORT Bpp;                 // 0x06
    USHORT Enable;              // 0x08
    USHORT Bank;                // 0x0A
    USHORT VirtWidth;           // 0x0C
    USHORT VirtHeight;          // 0x0E
    USHORT XOffset;             // 0x10
    USHORT YOffset;             // 0x12
    USHORT VideoMemory64K;      // 0x14: VRAM in 64 KB units
} XPDISP_DISPI_REGISTERS, *PXPDISP_DISPI_REGISTERS;

typedef struct _XPDISP_REGISTERS {
    UCHAR Edid[0x400];                  // 0x000
    UCHAR VgaPorts[0x20];               // 0x400: ports 0x3C0-0x3DF
    UCHAR Reserved[0xE0];
    XPDISP_DISPI_REGISTERS Dispi;       // 0x500
} XPDISP_REGISTERS, *PXPDISP_REGISTERS;

#include "poppack.h"

C_ASSERT(sizeof(XPDISP_DISPI_REGISTERS) == 0x16);
C_ASSERT(FIELD_OFFSET(XPDISP_REGISTERS, VgaPorts) == 0x400);
C_ASSERT(FIELD_OFFSET(XPDISP_REGISTERS, Dispi) == 0x500);
C_ASSERT(sizeof(XPDISP_REGISTERS) == 0x516);

#define DISPI_ID_MIN                0xB0C0
#define DISPI_ID_MAX                0xB0C5

#define DISPI_DISABLED              0x00
#define DISPI_ENABLED               0x01
#define DISPI_LFB_ENABLED           0x40
#define DISPI_NOCLEARMEM            0x80

#define VGA_PORT(p)                 ((p) - 0x3C0)
#define VGA_ATT_ADDRESS             0x3C0
#define VGA_INPUT_STATUS_1          0x3DA
#define VGA_ATT_VIDEO_ENABLE        0x20

#define EDID_BLOCK_LENGTH           128
#define EDID_EXTENSION_FLAG         126

//
// The monitor child. Its DDC EEPROM answers at 0x50 (the E-DDC segment
// pointer at 0x30).
//

#define XPDISP_MONITOR_UID          0x00000100
#define DDC_EEPROM_ADDRESS          0x50
#define DDC_SEGMENT_ADDRESS         0x30
#define DDC_EEPROM_SIZE             256

typedef enum _XPDISP_DDC_STATE {
    DdcIdle,                    // waiting for a start condition
    DdcReceive,                 // shifting in a byte from the master
    DdcAckOut,                  // driving the acknowledge of a byte
    DdcTransmit,                // shifting out a byte
    DdcAckIn                    // the master acknowledges (or not)
} XPDISP_DDC_STATE;

//
// The standard VGA has no DDC pins: the monitor's EEPROM is modelled on
// lines of the miniport's own, holding the EDID the adapter exposes, so that
// the EDID reaches the system the way it does on hardware with a DDC bus.
//

typedef struct _XPDISP_DDC_BUS {
    UCHAR MasterClock;          // what the master drives: 1 releases the line
    UCHAR MasterData;
    UCHAR SlaveData;            // what the EEPROM drives
    XPDISP_DDC_STATE State;
    UCHAR BitCount;
    UCHAR Shift;
    UCHAR ByteCount;            // bytes of this transaction, address included
    UCHAR Address;
    BOOLEAN Reading;
    BOOLEAN MasterAck;
    UCHAR Offset;               // the EEPROM's address pointer
    UCHAR Segment;
    ULONG Transactions;
    UCHAR Eeprom[DDC_EEPROM_SIZE];
} XPDISP_DDC_BUS, *PXPDISP_DDC_BUS;

typedef struct _XPDISP_MODE {
    USHORT Width;
    USHORT Height;
    USHORT Bpp;
} XPDISP_MODE, *PXPDISP_MODE;

#define XPDISP_MAX_MODES            8
#define XPDISP_NO_MODE              0xFFFFFFFF

typedef struct _HW_DEVICE_EXTENSION {
    PHYSICAL_ADDRESS FrameBufferPhysical;
    ULONG FrameBufferLength;
    PXPDISP_REGISTERS Registers;
    ULONG VideoMemorySize;
    USHORT DispiId;
    ULONG NumModes;
    XPDISP_MODE Modes[XPDISP_MAX_MODES];
    ULONG CurrentMode;
    VIDEO_POWER_STATE AdapterPowerState;
    VIDEO_POWER_STATE MonitorPowerState;
    ULONG PowerTransitions;
    ULONG ChildQueries;
    XPDISP_DDC_BUS Ddc;
} HW_DEVICE_EXTENSION, *PHW_DEVICE_EXTENSION;

//
// xpdisp_miniport.c
//

ULONG
DriverEntry(
    _In_ PVOID Context1,
    _In_ PVOID Context2
    );

_Must_inspect_result_
VP_STATUS
XpdispFindAdapter(
    _In_ PVOID HwDeviceExtension,
    _In_opt_ PVOID HwContext,
    _In_opt_ PWSTR ArgumentString,
    _Inout_ PVIDEO_PORT_CONFIG_INFO ConfigInfo,
    _Out_ PUCHAR Again
    );

BOOLEAN
XpdispInitialize(
    _In_ PVOID HwDeviceExtension
    );

BOOLEAN
XpdispStartIO(
    _In_ PVOID HwDeviceExtension,
    _Inout_ PVIDEO_REQUEST_PACKET RequestPacket
    );

BOOLEAN
XpdispResetHw(
    _In_ PVOID HwDeviceExtension,
    _In_ ULONG Columns,
    _In_ ULONG Rows
    );

VP_STATUS
XpdispGetPowerState(
    __in PVOID HwDeviceExtension,
    __in ULONG HwId,
    __inout PVIDEO_POWER_MANAGEMENT VideoPowerControl
    );

VP_STATUS
XpdispSetPowerState(
    __in PVOID HwDeviceExtension,
    __in ULONG HwId,
    __in PVIDEO_POWER_MANAGEMENT VideoPowerControl
    );

VP_STATUS
XpdispGetVideoChildDescriptor(
    __in PVOID HwDeviceExtension,
    __in PVIDEO_CHILD_ENUM_INFO ChildEnumInfo,
    __out PVIDEO_CHILD_TYPE VideoChildType,
    __out_bcount(ChildEnumInfo->ChildDescriptorSize) PUCHAR pChildDescriptor,
    __out PULONG UId,
    __out_opt PULONG pUnused
    );

//
// xpdisp_ddc.c
//

VOID
XpdispDdcAttach(
    __inout PXPDISP_DDC_BUS Ddc,
    __in_bcount(Length) PUCHAR Eeprom,
    __in ULONG Length
    );

BOOLEAN
XpdispReadEdidOverDdc(
    _In_ PHW_DEVICE_EXTENSION HwDeviceExtension,
    _Out_writes_bytes_(EdidSize) PUCHAR Edid,
    _In_ ULONG EdidSize
    );

#endif // _XPDISP_H_
