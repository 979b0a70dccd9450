// SPDX-License-Identifier: GPL-2.0
/*++

Module Name:

    xpdisp_ddc.c

Abstract:

    The DDC bus of the XP display miniport. The monitor's EDID is read with
    VideoPortDDCMonitorHelper, which runs I2C over four line routines the
    miniport supplies. The standard VGA has no DDC pins, so the lines end in
    a model of the monitor's DDC EEPROM (a 256-byte I2C EEPROM at 0x50 with
    an address pointer, and the E-DDC segment pointer at 0x30) that holds
    the EDID the adapter exposes in its register BAR. The model changes
    state on the edges of the clock line, as the EEPROM does: it shifts in
    on SCL rising, drives SDA while SCL is low, and sees start and stop
    conditions as SDA edges while SCL is high.

Environment:

    Kernel mode only, PASSIVE_LEVEL (child enumeration)

--*/

#include "dderror.h"
#include "devioctl.h"
#include "miniport.h"
#include "ntddvdeo.h"
#include "video.h"

#include "xpdisp.h"

static VOID
XpdispWriteClockLine(
    __in PVOID HwDeviceExtension,
    __in UCHAR Data
    );

static VOID
XpdispWriteDataLine(
    __in PVOID HwDeviceExtension,
    __in UCHAR Data
    );

static BOOLEAN
XpdispReadClockLine(
    __in PVOID HwDeviceExtension
    );

static BOOLEAN
XpdispReadDataLine(
    __in PVOID HwDeviceExtension
    );

#if defined(ALLOC_PRAGMA)
#pragma alloc_text(PAGE, XpdispDdcAttach)
#pragma alloc_text(PAGE, XpdispReadEdidOverDdc)
#endif


static UCHAR
XpdispDdcBusData(
    _In_ PXPDISP_DDC_BUS Ddc
    )
{
    return (UCHAR) (Ddc->MasterData & Ddc->SlaveData);
}


static UCHAR
XpdispDdcNextByte(
    __inout PXPDISP_DDC_BUS Ddc
    )

/*++

Routine Description:

    The byte the EEPROM sends next: its address pointer wraps within the
    256 bytes. Segments other than 0 hold nothing.

--*/

{
    UCHAR value;

    value = (Ddc->Segment == 0) ? Ddc->Eeprom[Ddc->Offset] : 0xFF;
    Ddc->Offset++;
    return value;
}


static VOID
XpdispDdcByteReceived(
    __inout PXPDISP_DDC_BUS Ddc
    )

/*++

Routine Description:

    A whole byte came in from the master, on the falling edge of its eighth
    clock: acknowledge it if it is ours, or let go of the bus.

--*/

{
    UCHAR byte = Ddc->Shift;

    if (Ddc->ByteCount == 0) {

        Ddc->Address = (UCHAR) (byte >> 1);
        Ddc->Reading = (BOOLEAN) (byte & 1);

        if (Ddc->Address != DDC_EEPROM_ADDRESS &&
            !(Ddc->Address == DDC_SEGMENT_ADDRESS && !Ddc->Reading)) {

            Ddc->State = DdcIdle;
            return;
        }

        Ddc->Transactions++;

    } else if (Ddc->Address == DDC_SEGMENT_ADDRESS) {

        Ddc->Segment = byte;

    } else if (Ddc->ByteCount == 1) {

        Ddc->Offset = byte;

    }

    //
    // Writes past the address pointer are acknowledged and dropped: the
    // EEPROM is write protected.
    //

    Ddc->ByteCount++;
    Ddc->SlaveData = 0;
    Ddc->State = DdcAckOut;
}


static VOID
XpdispDdcClockEdge(
    __inout PXPDISP_DDC_BUS Ddc,
    __in BOOLEAN Rising
    )
{
    switch (Ddc->State) {

    case DdcReceive:

        if (Rising) {

            Ddc->Shift = (UCHAR) ((Ddc->Shift << 1) | XpdispDdcBusData(Ddc));
            Ddc->BitCount++;

        } else if (Ddc->BitCount == 8) {

            XpdispDdcByteReceived(Ddc);

        }
        break;

    case DdcAckOut:

        if (!Rising) {

            //
            // The acknowledge clock is over.
            //

            Ddc->SlaveData = 1;
            Ddc->BitCount = 0;
            Ddc->Shift = 0;

            if (Ddc->Reading) {

                Ddc->Shift = XpdispDdcNextByte(Ddc);
                Ddc->SlaveData = (UCHAR) ((Ddc->Shift >> 7) & 1);
                Ddc->BitCount = 1;
                Ddc->State = DdcTransmit;

            } else {

                Ddc->State = DdcReceive;

            }
        }
        break;

    case DdcTransmit:

        if (!Rising) {

            if (Ddc->BitCount < 8) {

                Ddc->SlaveData = (UCHAR) ((Ddc->Shift >> (7 - Ddc->BitCount)) & 1);
                Ddc->BitCount++;

            } else {

                Ddc->SlaveData = 1;
                Ddc->State = DdcAckIn;

            }
        }
        break;

    case DdcAckIn:

        if (Rising) {

            Ddc->MasterAck = (BOOLEAN) (XpdispDdcBusData(Ddc) == 0);

        } else if (Ddc->MasterAck) {

            Ddc->Shift = XpdispDdcNextByte(Ddc);
            Ddc->SlaveData = (UCHAR) ((Ddc->Shift >> 7) & 1);
            Ddc->BitCount = 1;
            Ddc->State = DdcTransmit;

        } else {

            //
            // Not acknowledged: the master is done reading.
            //

            Ddc->State = DdcIdle;

        }
        break;

    case DdcIdle:
    default:
        break;
    }
}


static VOID
XpdispWriteClockLine(
    __in PVOID HwDeviceExtension,
    __in UCHAR Data
    )
{
    PXPDISP_DDC_BUS ddc = &((PHW_DEVICE_EXTENSION) HwDeviceExtension)->Ddc;
    UCHAR old = ddc->MasterClock;

    ddc->MasterClock = (UCHAR) (Data ? 1 : 0);

    if (old != ddc->MasterClock) {

        XpdispDdcClockEdge(ddc, (BOOLEAN) ddc->MasterClock);

    }
}


static VOID
XpdispWriteDataLine(
    __in PVOID HwDeviceExtension,
    __in UCHAR Data
    )
{
    PXPDISP_DDC_BUS ddc = &((PHW_DEVICE_EXTENSION) HwDeviceExtension)->Ddc;
    UCHAR before = XpdispDdcBusData(ddc);
    UCHAR after;

    ddc->MasterData = (UCHAR) (Data ? 1 : 0);
    after = XpdispDdcBusData(ddc);

    //
    // SDA moving while SCL is high: a start (falling) or stop (rising).
    //

    if (ddc->MasterClock && before != after) {

        if (after == 0) {

            ddc->State = DdcReceive;
            ddc->BitCount = 0;
            ddc->Shift = 0;
            ddc->ByteCount = 0;

        } else {

            ddc->State = DdcIdle;

        }

        ddc->SlaveData = 1;
    }
}


static BOOLEAN
XpdispReadClockLine(
    __in PVOID HwDeviceExtension
    )
{
    //
    // The EEPROM never stretches the clock.
    //

    return (BOOLEAN) ((PHW_DEVICE_EXTENSION) HwDeviceExtension)->Ddc.MasterClock;
}


static BOOLEAN
XpdispReadDataLine(
    __in PVOID HwDeviceExtension
    )
{
    return (BOOLEAN) XpdispDdcBusData(&((PHW_DEVICE_EXTENSION) HwDeviceExtension)->Ddc);
}


VOID
XpdispDdcAttach(
    __inout PXPDISP_DDC_BUS Ddc,
    __in_bcount(Length) PUCHAR Eeprom,
    __in ULONG Length
    )

/*++

Routine Description:

    Connects the monitor: its EEPROM holds Eeprom, both lines are released.

--*/

{
    PAGED_CODE();

    ASSERT(Length <= DDC_EEPROM_SIZE);

    VideoPortZeroMemory(Ddc, sizeof(XPDISP_DDC_BUS));
    VideoPortMoveMemory(Ddc->Eeprom, Eeprom, min(Length, (ULONG) DDC_EEPROM_SIZE));
    Ddc->MasterClock = 1;
    Ddc->MasterData = 1;
    Ddc->SlaveData = 1;
    Ddc->State = DdcIdle;
}


BOOLEAN
XpdispReadEdidOverDdc(
    _In_ PHW_DEVICE_EXTENSION HwDeviceExtension,
    _Out_writes_bytes_(EdidSize) PUCHAR Edid,
    _In_ ULONG EdidSize
    )

/*++

Routine Description:

    Reads the monitor's EDID over the DDC lines with the port driver's
    helper.

Return Value:

    TRUE when the helper found a valid EDID.

--*/

{
    DDC_CONTROL ddcControl;

    PAGED_CODE();

    VideoPortZeroMemory(&ddcControl, sizeof(ddcControl));
    ddcControl.Size = sizeof(DDC_CONTROL);
    ddcControl.I2CCallbacks.WriteClockLine = XpdispWriteClockLine;
    ddcControl.I2CCallbacks.WriteDataLine = XpdispWriteDataLine;
    ddcControl.I2CCallbacks.ReadClockLine = XpdispReadClockLine;
    ddcControl.I2CCallbacks.ReadDataLine = XpdispReadDataLine;
    ddcControl.EdidSegment = 0;

    return VideoPortDDCMonitorHelper(HwDeviceExtension, &ddcControl, Edid, EdidSize);
}
