// SPDX-License-Identifier: GPL-2.0
/*++

Module Name:

    services_miniport.c

Abstract:

    A Windows XP-era video miniport for QEMU's "edu" PCI device (1234:11E8)
    that asks the video port for every service it offers through
    VideoPortQueryServices (AGP version 2 then version 1, I2C versions 1
    and 2, Int10, debug reports, write-combining memory protection,
    headless) and through VideoPortGetAgpServices, and then uses every
    callback of every interface without looking at any status, the way
    careless miniports of that time did.

    The edu device has no DDC lines. The I2C callbacks drive a software bus
    kept in the device extension instead: open drain, pulled up, with no
    device on it, so a start and a stop condition work, nobody acknowledges
    an address, and whatever is read is all ones. A second run holds the
    clock low, as a hung device would.

    Each callback is one check, printed as "vpc_services: check NAME: ok"
    or "... FAIL detail": reaching the line after a call proves it did not
    crash, and the value it returns must be the failure the reference names
    for a service that is not there (no AGP bus, no BIOS, no debug reports,
    no WC protection). VideoPortQueryServices with an interface Size too
    small for the service must fail with ERROR_INVALID_PARAMETER and leave
    the structure exactly as it was.

Environment:

    Kernel mode only. HwFindAdapter and HwInitialize run at PASSIVE_LEVEL.

--*/

#include "dderror.h"
#include "devioctl.h"
#include "miniport.h"
#include "ntddvdeo.h"
#include "video.h"

#define SVC_PREFIX              "vpc_services: "

#define EDU_VENDOR_ID           0x1234
#define EDU_DEVICE_ID           0x11E8
#define EDU_ID_REGISTER         0x00
#define EDU_ID_MAGIC            0xED            // low byte of the ID register

//
// What an uninitialized interface on the stack may hold: the pattern every
// structure is filled with before it is queried, so that a callback the
// port did not fill in would be a wild pointer, as it would be in the
// careless miniports this one imitates.
//

#define SVC_POISON              0xCC
#define SVC_POISON_POINTER      ((PVOID)(ULONG_PTR)0xCCCCCCCCCCCCCCCCULL)

//
// The software I2C bus: 7-bit addresses of the EDID EEPROM, shifted.
//

#define DDC_EEPROM_WRITE        0xA0
#define DDC_EEPROM_READ         0xA1
#define SVC_I2C_DELAY           50              // 100 ns units: 5 us per half bit

//
// AGP reservation the miniport would ask for: 1 MB of pages.
//

#define SVC_AGP_PAGES           256

typedef struct _HW_DEVICE_EXTENSION {

    PUCHAR RegisterBase;
    ULONG RegisterLength;

    //
    // The software I2C bus. Each line is low when the master drives it low
    // or, for the clock, when a hung device holds it; otherwise the pull-up
    // keeps it high. No device ever drives the data line.
    //

    UCHAR ClockDriven;
    UCHAR DataDriven;
    BOOLEAN ClockHeldLow;
    ULONG LineWrites;
    ULONG LineReads;

    ULONG ChecksPassed;
    ULONG ChecksFailed;

} HW_DEVICE_EXTENSION, *PHW_DEVICE_EXTENSION;

//
// Function prototypes.
//

VP_STATUS
SvcFindAdapter(
    PVOID HwDeviceExtension,
    PVOID HwContext,
    PWSTR ArgumentString,
    PVIDEO_PORT_CONFIG_INFO ConfigInfo,
    PUCHAR Again
    );

BOOLEAN
SvcInitialize(
    PVOID HwDeviceExtension
    );

BOOLEAN
SvcStartIO(
    PVOID HwDeviceExtension,
    PVIDEO_REQUEST_PACKET RequestPacket
    );

#if defined(ALLOC_PRAGMA)
#pragma alloc_text(PAGE,DriverEntry)
#pragma alloc_text(PAGE,SvcFindAdapter)
#pragma alloc_text(PAGE,SvcInitialize)
#pragma alloc_text(PAGE,SvcStartIO)
#endif


//
// Reporting.
//

static VOID
SvcPass(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PCHAR Check
    )
{
    HwDeviceExtension->ChecksPassed++;
    VideoPortDebugPrint(Info, SVC_PREFIX "check %s: ok\n", Check);
}

static VOID
SvcFail(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PCHAR Check,
    PCHAR What,
    ULONG_PTR Got
    )
{
    HwDeviceExtension->ChecksFailed++;
    VideoPortDebugPrint(Error, SVC_PREFIX "check %s: FAIL %s (got 0x%Ix)\n",
                        Check, What, Got);
}

static VOID
SvcExpect(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PCHAR Check,
    BOOLEAN Passed,
    PCHAR What,
    ULONG_PTR Got
    )
{
    if (Passed) {
        SvcPass(HwDeviceExtension, Check);
    } else {
        SvcFail(HwDeviceExtension, Check, What, Got);
    }
}

//
// The same, for a check named GROUP-CHECK (one group per interface).
//

static VOID
SvcExpectIn(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PCHAR Group,
    PCHAR Check,
    BOOLEAN Passed,
    PCHAR What,
    ULONG_PTR Got
    )
{
    if (Passed) {
        HwDeviceExtension->ChecksPassed++;
        VideoPortDebugPrint(Info, SVC_PREFIX "check %s-%s: ok\n", Group, Check);
    } else {
        HwDeviceExtension->ChecksFailed++;
        VideoPortDebugPrint(Error, SVC_PREFIX "check %s-%s: FAIL %s (got 0x%Ix)\n",
                            Group, Check, What, Got);
    }
}

static VOID
SvcPoison(
    PVOID Buffer,
    ULONG Length
    )
{
    PUCHAR p = Buffer;
    ULONG i;

    for (i = 0; i < Length; i++) {
        p[i] = SVC_POISON;
    }
}

//
// Whether every callback of a queried interface was filled in. The query's
// status is shown, not judged: a careless miniport does not look at it.
//

static VOID
SvcFilledReport(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PCHAR Check,
    BOOLEAN Filled,
    VP_STATUS Status
    )
{
    if (Filled) {
        HwDeviceExtension->ChecksPassed++;
        VideoPortDebugPrint(Info, SVC_PREFIX "check %s: ok (query status %d)\n",
                            Check, Status);
    } else {
        HwDeviceExtension->ChecksFailed++;
        VideoPortDebugPrint(Error, SVC_PREFIX "check %s: FAIL a callback was left NULL or "
                            "unfilled (query status %d); none is called\n", Check, Status);
    }
}

//
// A callback pointer the port filled in: neither NULL nor the poison.
//

static BOOLEAN
SvcFilled(
    PVOID Callback
    )
{
    return (BOOLEAN)(Callback != NULL && Callback != SVC_POISON_POINTER);
}


//
// The software I2C bus: the four line callbacks of I2C_CALLBACKS and
// VIDEO_I2C_CONTROL. Writing 1 releases a line, 0 pulls it low.
//

static VOID
SvcWriteClockLine(
    PVOID HwDeviceExtension,
    UCHAR Data
    )
{
    PHW_DEVICE_EXTENSION hwDeviceExtension = HwDeviceExtension;

    hwDeviceExtension->ClockDriven = (UCHAR)(Data & 1);
    hwDeviceExtension->LineWrites++;
}

static VOID
SvcWriteDataLine(
    PVOID HwDeviceExtension,
    UCHAR Data
    )
{
    PHW_DEVICE_EXTENSION hwDeviceExtension = HwDeviceExtension;

    hwDeviceExtension->DataDriven = (UCHAR)(Data & 1);
    hwDeviceExtension->LineWrites++;
}

static BOOLEAN
SvcReadClockLine(
    PVOID HwDeviceExtension
    )
{
    PHW_DEVICE_EXTENSION hwDeviceExtension = HwDeviceExtension;

    hwDeviceExtension->LineReads++;
    return (BOOLEAN)(hwDeviceExtension->ClockDriven && !hwDeviceExtension->ClockHeldLow);
}

static BOOLEAN
SvcReadDataLine(
    PVOID HwDeviceExtension
    )
{
    PHW_DEVICE_EXTENSION hwDeviceExtension = HwDeviceExtension;

    hwDeviceExtension->LineReads++;
    return (BOOLEAN)(hwDeviceExtension->DataDriven != 0);
}

static VOID
SvcResetBus(
    PHW_DEVICE_EXTENSION HwDeviceExtension
    )
{
    HwDeviceExtension->ClockDriven = 1;
    HwDeviceExtension->DataDriven = 1;
    HwDeviceExtension->ClockHeldLow = FALSE;
    HwDeviceExtension->LineWrites = 0;
    HwDeviceExtension->LineReads = 0;
}


//
// AGP, through VideoPortQueryServices. The miniport asks for version 2
// first and then for version 1, as the reference says to, and uses both.
// The callbacks are called in the order a miniport sets up AGP memory,
// with the contexts the reservations handed back, whatever they are.
//

static VOID
SvcUseAgpCallbacks(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PCHAR Name,
    PAGP_RESERVE_PHYSICAL AgpReservePhysical,
    PAGP_RELEASE_PHYSICAL AgpReleasePhysical,
    PAGP_COMMIT_PHYSICAL AgpCommitPhysical,
    PAGP_FREE_PHYSICAL AgpFreePhysical,
    PAGP_RESERVE_VIRTUAL AgpReserveVirtual,
    PAGP_RELEASE_VIRTUAL AgpReleaseVirtual,
    PAGP_COMMIT_VIRTUAL AgpCommitVirtual,
    PAGP_FREE_VIRTUAL AgpFreeVirtual
    )
{
    PHYSICAL_ADDRESS physicalBase;
    PVOID physicalContext = SVC_POISON_POINTER;
    PVOID virtualContext = SVC_POISON_POINTER;
    PVOID virtualBase;
    BOOLEAN committed;

    physicalBase = AgpReservePhysical(HwDeviceExtension, SVC_AGP_PAGES, VpWriteCombined,
                                      &physicalContext);
    SvcExpectIn(HwDeviceExtension, Name, "reserve-physical",
                (BOOLEAN)(physicalBase.QuadPart == 0),
                "AgpReservePhysical gave an address without an AGP bus",
                (ULONG_PTR)physicalBase.QuadPart);

    committed = AgpCommitPhysical(HwDeviceExtension, physicalContext, SVC_AGP_PAGES, 0);
    SvcExpectIn(HwDeviceExtension, Name, "commit-physical", (BOOLEAN)!committed,
                "AgpCommitPhysical succeeded without an AGP bus", committed);

    virtualBase = AgpReserveVirtual(HwDeviceExtension, NULL, physicalContext,
                                    &virtualContext);
    SvcExpectIn(HwDeviceExtension, Name, "reserve-virtual", (BOOLEAN)(virtualBase == NULL),
                "AgpReserveVirtual gave an address without an AGP bus",
                (ULONG_PTR)virtualBase);

    virtualBase = AgpCommitVirtual(HwDeviceExtension, virtualContext, SVC_AGP_PAGES, 0);
    SvcExpectIn(HwDeviceExtension, Name, "commit-virtual", (BOOLEAN)(virtualBase == NULL),
                "AgpCommitVirtual gave an address without an AGP bus",
                (ULONG_PTR)virtualBase);

    AgpFreeVirtual(HwDeviceExtension, virtualContext, SVC_AGP_PAGES, 0);
    SvcExpectIn(HwDeviceExtension, Name, "free-virtual", TRUE, NULL, 0);

    AgpReleaseVirtual(HwDeviceExtension, virtualContext);
    SvcExpectIn(HwDeviceExtension, Name, "release-virtual", TRUE, NULL, 0);

    AgpFreePhysical(HwDeviceExtension, physicalContext, SVC_AGP_PAGES, 0);
    SvcExpectIn(HwDeviceExtension, Name, "free-physical", TRUE, NULL, 0);

    AgpReleasePhysical(HwDeviceExtension, physicalContext);
    SvcExpectIn(HwDeviceExtension, Name, "release-physical", TRUE, NULL, 0);
}

static BOOLEAN
SvcAgpFilled(
    PHW_DEVICE_EXTENSION HwDeviceExtension,
    PCHAR Check,
    PVIDEO_PORT_AGP_INTERFACE_2 Agp,
    BOOLEAN Version2,
    VP_STATUS Status
    )
{
    BOOLEAN filled;

    filled = (BOOLEAN)(SvcFilled((PVOID)Agp->InterfaceReference) &&
                       SvcFilled((PVOID)Agp->InterfaceDereference) &&
                       SvcFilled((PVOID)Agp->AgpReservePhysical) &&
                       SvcFilled((PVOID)Agp->AgpReleasePhysical) &&
                       SvcFilled((PVOID)Agp->AgpCommitPhysical) &&
                       SvcFilled((PVOID)Agp->AgpFreePhysical) &&
                       SvcFilled((PVOID)Agp->AgpReserveVirtual) &&
                       SvcFilled((PVOID)Agp->AgpReleaseVirtual) &&
                       SvcFilled((PVOID)Agp->AgpCommitVirtual) &&
                       SvcFilled((PVOID)Agp->AgpFreeVirtual) &&
                       (!Version2 || SvcFilled((PVOID)Agp->AgpSetRate)));

    SvcFilledReport(HwDeviceExtension, Check, filled, Status);
    return filled;
}

static VOID
SvcQueryAgp(
    PHW_DEVICE_EXTENSION HwDeviceExtension
    )
{
    VIDEO_PORT_AGP_INTERFACE_2 agpInterface2;
    VIDEO_PORT_AGP_INTERFACE agpInterface;
    VP_STATUS status;
    BOOLEAN rateSet;

    //
    // Version 2 first.
    //

    SvcPoison(&agpInterface2, sizeof(agpInterface2));
    agpInterface2.Size = sizeof(VIDEO_PORT_AGP_INTERFACE_2);
    agpInterface2.Version = VIDEO_PORT_AGP_INTERFACE_VERSION_2;

    status = VideoPortQueryServices(HwDeviceExtension, VideoPortServicesAGP,
                                    (PINTERFACE)&agpInterface2);

    VideoDebugPrint((Trace, SVC_PREFIX "AGP version 2: status %d\n", status));

    if (SvcAgpFilled(HwDeviceExtension, "agp2-filled", &agpInterface2, TRUE, status)) {

        agpInterface2.InterfaceReference(agpInterface2.Context);
        agpInterface2.InterfaceDereference(agpInterface2.Context);
        SvcPass(HwDeviceExtension, "agp2-reference");

        SvcUseAgpCallbacks(HwDeviceExtension, "agp2",
                           agpInterface2.AgpReservePhysical,
                           agpInterface2.AgpReleasePhysical,
                           agpInterface2.AgpCommitPhysical,
                           agpInterface2.AgpFreePhysical,
                           agpInterface2.AgpReserveVirtual,
                           agpInterface2.AgpReleaseVirtual,
                           agpInterface2.AgpCommitVirtual,
                           agpInterface2.AgpFreeVirtual);

        rateSet = agpInterface2.AgpSetRate(HwDeviceExtension, VIDEO_AGP_RATE_4X);
        SvcExpect(HwDeviceExtension, "agp2-set-rate", (BOOLEAN)!rateSet,
                  "AgpSetRate succeeded without an AGP bus", rateSet);
    }

    //
    // Then version 1, as a miniport does when version 2 is refused; this
    // one asks for both whatever the first answer was.
    //

    SvcPoison(&agpInterface, sizeof(agpInterface));
    agpInterface.Size = sizeof(VIDEO_PORT_AGP_INTERFACE);
    agpInterface.Version = VIDEO_PORT_AGP_INTERFACE_VERSION_1;

    status = VideoPortQueryServices(HwDeviceExtension, VideoPortServicesAGP,
                                    (PINTERFACE)&agpInterface);

    VideoDebugPrint((Trace, SVC_PREFIX "AGP version 1: status %d\n", status));

    if (SvcAgpFilled(HwDeviceExtension, "agp1-filled",
                     (PVIDEO_PORT_AGP_INTERFACE_2)&agpInterface, FALSE, status)) {

        agpInterface.InterfaceReference(agpInterface.Context);
        agpInterface.InterfaceDereference(agpInterface.Context);
        SvcPass(HwDeviceExtension, "agp1-reference");

        SvcUseAgpCallbacks(HwDeviceExtension, "agp1",
                           agpInterface.AgpReservePhysical,
                           agpInterface.AgpReleasePhysical,
                           agpInterface.AgpCommitPhysical,
                           agpInterface.AgpFreePhysical,
                           agpInterface.AgpReserveVirtual,
                           agpInterface.AgpReleaseVirtual,
                           agpInterface.AgpCommitVirtual,
                           agpInterface.AgpFreeVirtual);
    }
}

//
// AGP the Windows 2000 way: VideoPortGetAgpServices and its table.
//

static VOID
SvcGetAgpServices(
    PHW_DEVICE_EXTENSION HwDeviceExtension
    )
{
    VIDEO_PORT_AGP_SERVICES agpServices;
    BOOLEAN haveAgp;
    BOOLEAN filled;

    SvcPoison(&agpServices, sizeof(agpServices));

    haveAgp = VideoPortGetAgpServices(HwDeviceExtension, &agpServices);
    SvcExpect(HwDeviceExtension, "get-agp-services", (BOOLEAN)!haveAgp,
              "VideoPortGetAgpServices reported AGP on a PCI device", haveAgp);

    filled = (BOOLEAN)(SvcFilled((PVOID)agpServices.AgpReservePhysical) &&
                       SvcFilled((PVOID)agpServices.AgpReleasePhysical) &&
                       SvcFilled((PVOID)agpServices.AgpCommitPhysical) &&
                       SvcFilled((PVOID)agpServices.AgpFreePhysical) &&
                       SvcFilled((PVOID)agpServices.AgpReserveVirtual) &&
                       SvcFilled((PVOID)agpServices.AgpReleaseVirtual) &&
                       SvcFilled((PVOID)agpServices.AgpCommitVirtual) &&
                       SvcFilled((PVOID)agpServices.AgpFreeVirtual));
    SvcExpect(HwDeviceExtension, "agpsvc-filled", filled,
              "a callback was left NULL or unfilled; not calling any", 0);
    if (!filled) {
        return;
    }

    VideoDebugPrint((Trace, SVC_PREFIX "AGP allocation limit 0x%I64x\n",
                     agpServices.AllocationLimit));

    SvcUseAgpCallbacks(HwDeviceExtension, "agpsvc",
                       agpServices.AgpReservePhysical,
                       agpServices.AgpReleasePhysical,
                       agpServices.AgpCommitPhysical,
                       agpServices.AgpFreePhysical,
                       agpServices.AgpReserveVirtual,
                       agpServices.AgpReleaseVirtual,
                       agpServices.AgpCommitVirtual,
                       agpServices.AgpFreeVirtual);
}


//
// I2C, versions 1 and 2, on the software bus.
//

static VOID
SvcQueryI2C1(
    PHW_DEVICE_EXTENSION HwDeviceExtension
    )
{
    VIDEO_PORT_I2C_INTERFACE i2cInterface;
    I2C_CALLBACKS i2cCallbacks;
    UCHAR address = DDC_EEPROM_WRITE;
    UCHAR data[2];
    VP_STATUS status;
    BOOLEAN result;
    BOOLEAN filled;

    SvcPoison(&i2cInterface, sizeof(i2cInterface));
    i2cInterface.Size = sizeof(VIDEO_PORT_I2C_INTERFACE);
    i2cInterface.Version = VIDEO_PORT_I2C_INTERFACE_VERSION_1;

    status = VideoPortQueryServices(HwDeviceExtension, VideoPortServicesI2C,
                                    (PINTERFACE)&i2cInterface);

    VideoDebugPrint((Trace, SVC_PREFIX "I2C version 1: status %d\n", status));

    filled = (BOOLEAN)(SvcFilled((PVOID)i2cInterface.InterfaceReference) &&
                       SvcFilled((PVOID)i2cInterface.InterfaceDereference) &&
                       SvcFilled((PVOID)i2cInterface.I2CStart) &&
                       SvcFilled((PVOID)i2cInterface.I2CStop) &&
                       SvcFilled((PVOID)i2cInterface.I2CWrite) &&
                       SvcFilled((PVOID)i2cInterface.I2CRead));
    SvcFilledReport(HwDeviceExtension, "i2c1-filled", filled, status);
    if (!filled) {
        return;
    }

    i2cInterface.InterfaceReference(i2cInterface.Context);
    i2cInterface.InterfaceDereference(i2cInterface.Context);
    SvcPass(HwDeviceExtension, "i2c1-reference");

    i2cCallbacks.WriteClockLine = SvcWriteClockLine;
    i2cCallbacks.WriteDataLine = SvcWriteDataLine;
    i2cCallbacks.ReadClockLine = SvcReadClockLine;
    i2cCallbacks.ReadDataLine = SvcReadDataLine;

    SvcResetBus(HwDeviceExtension);

    result = i2cInterface.I2CStart(HwDeviceExtension, &i2cCallbacks);
    SvcExpect(HwDeviceExtension, "i2c1-start",
              (BOOLEAN)(result && HwDeviceExtension->LineWrites && HwDeviceExtension->LineReads),
              "I2CStart on an idle bus failed or never drove the lines", result);

    result = i2cInterface.I2CWrite(HwDeviceExtension, &i2cCallbacks, &address, 1);
    SvcExpect(HwDeviceExtension, "i2c1-write-address-nak", (BOOLEAN)!result,
              "I2CWrite of an address nobody acknowledges succeeded", result);

    data[0] = 0x5A;
    data[1] = 0x5A;
    result = i2cInterface.I2CRead(HwDeviceExtension, &i2cCallbacks, data, sizeof(data));
    SvcExpect(HwDeviceExtension, "i2c1-read-idle-bus",
              (BOOLEAN)(data[0] == 0xFF && data[1] == 0xFF),
              "I2CRead of the pulled-up data line did not give all ones",
              (ULONG_PTR)data[0] << 8 | data[1]);
    VideoDebugPrint((Trace, SVC_PREFIX "I2CRead version 1 returned %d\n", result));

    result = i2cInterface.I2CStop(HwDeviceExtension, &i2cCallbacks);
    SvcExpect(HwDeviceExtension, "i2c1-stop", result,
              "I2CStop on a free bus failed", result);

    //
    // A device holding the clock low: no start condition can be made.
    //

    SvcResetBus(HwDeviceExtension);
    HwDeviceExtension->ClockHeldLow = TRUE;
    result = i2cInterface.I2CStart(HwDeviceExtension, &i2cCallbacks);
    SvcExpect(HwDeviceExtension, "i2c1-start-clock-held-low", (BOOLEAN)!result,
              "I2CStart succeeded with the clock held low", result);
    SvcResetBus(HwDeviceExtension);
}

static VOID
SvcQueryI2C2(
    PHW_DEVICE_EXTENSION HwDeviceExtension
    )
{
    VIDEO_PORT_I2C_INTERFACE_2 i2cInterface;
    VIDEO_I2C_CONTROL i2cControl;
    UCHAR address = DDC_EEPROM_READ;
    UCHAR data[2];
    VP_STATUS status;
    BOOLEAN result;
    BOOLEAN filled;

    SvcPoison(&i2cInterface, sizeof(i2cInterface));
    i2cInterface.Size = sizeof(VIDEO_PORT_I2C_INTERFACE_2);
    i2cInterface.Version = VIDEO_PORT_I2C_INTERFACE_VERSION_2;

    status = VideoPortQueryServices(HwDeviceExtension, VideoPortServicesI2C,
                                    (PINTERFACE)&i2cInterface);

    VideoDebugPrint((Trace, SVC_PREFIX "I2C version 2: status %d\n", status));

    filled = (BOOLEAN)(SvcFilled((PVOID)i2cInterface.InterfaceReference) &&
                       SvcFilled((PVOID)i2cInterface.InterfaceDereference) &&
                       SvcFilled((PVOID)i2cInterface.I2CStart) &&
                       SvcFilled((PVOID)i2cInterface.I2CStop) &&
                       SvcFilled((PVOID)i2cInterface.I2CWrite) &&
                       SvcFilled((PVOID)i2cInterface.I2CRead));
    SvcFilledReport(HwDeviceExtension, "i2c2-filled", filled, status);
    if (!filled) {
        return;
    }

    i2cInterface.InterfaceReference(i2cInterface.Context);
    i2cInterface.InterfaceDereference(i2cInterface.Context);
    SvcPass(HwDeviceExtension, "i2c2-reference");

    i2cControl.WriteClockLine = SvcWriteClockLine;
    i2cControl.WriteDataLine = SvcWriteDataLine;
    i2cControl.ReadClockLine = SvcReadClockLine;
    i2cControl.ReadDataLine = SvcReadDataLine;
    i2cControl.I2CDelay = SVC_I2C_DELAY;

    SvcResetBus(HwDeviceExtension);

    result = i2cInterface.I2CStart(HwDeviceExtension, &i2cControl);
    SvcExpect(HwDeviceExtension, "i2c2-start",
              (BOOLEAN)(result && HwDeviceExtension->LineWrites && HwDeviceExtension->LineReads),
              "I2CStart on an idle bus failed or never drove the lines", result);

    result = i2cInterface.I2CWrite(HwDeviceExtension, &i2cControl, &address, 1);
    SvcExpect(HwDeviceExtension, "i2c2-write-address-nak", (BOOLEAN)!result,
              "I2CWrite of an address nobody acknowledges succeeded", result);

    data[0] = 0x5A;
    data[1] = 0x5A;
    result = i2cInterface.I2CRead(HwDeviceExtension, &i2cControl, data, sizeof(data), TRUE);
    SvcExpect(HwDeviceExtension, "i2c2-read-idle-bus",
              (BOOLEAN)(data[0] == 0xFF && data[1] == 0xFF),
              "I2CRead of the pulled-up data line did not give all ones",
              (ULONG_PTR)data[0] << 8 | data[1]);
    VideoDebugPrint((Trace, SVC_PREFIX "I2CRead version 2 returned %d\n", result));

    result = i2cInterface.I2CStop(HwDeviceExtension, &i2cControl);
    SvcExpect(HwDeviceExtension, "i2c2-stop", result,
              "I2CStop on a free bus failed", result);

    SvcResetBus(HwDeviceExtension);
    HwDeviceExtension->ClockHeldLow = TRUE;
    result = i2cInterface.I2CStart(HwDeviceExtension, &i2cControl);
    SvcExpect(HwDeviceExtension, "i2c2-start-clock-held-low", (BOOLEAN)!result,
              "I2CStart succeeded with the clock held low", result);
    SvcResetBus(HwDeviceExtension);
}


//
// Int10: a VESA mode query through a real-mode buffer, the usual first use.
//

static VOID
SvcQueryInt10(
    PHW_DEVICE_EXTENSION HwDeviceExtension
    )
{
    VIDEO_PORT_INT10_INTERFACE int10Interface;
    INT10_BIOS_ARGUMENTS biosArguments;
    INT10_BIOS_ARGUMENTS saved;
    USHORT segment = 0x2000;
    USHORT offset = 0x0000;
    ULONG length = 0x1000;
    UCHAR vbeInfo[16];
    VP_STATUS status;
    BOOLEAN filled;

    SvcPoison(&int10Interface, sizeof(int10Interface));
    int10Interface.Size = sizeof(VIDEO_PORT_INT10_INTERFACE);
    int10Interface.Version = VIDEO_PORT_INT10_INTERFACE_VERSION_1;

    status = VideoPortQueryServices(HwDeviceExtension, VideoPortServicesInt10,
                                    (PINTERFACE)&int10Interface);

    VideoDebugPrint((Trace, SVC_PREFIX "Int10: status %d\n", status));

    filled = (BOOLEAN)(SvcFilled((PVOID)int10Interface.InterfaceReference) &&
                       SvcFilled((PVOID)int10Interface.InterfaceDereference) &&
                       SvcFilled((PVOID)int10Interface.Int10AllocateBuffer) &&
                       SvcFilled((PVOID)int10Interface.Int10FreeBuffer) &&
                       SvcFilled((PVOID)int10Interface.Int10ReadMemory) &&
                       SvcFilled((PVOID)int10Interface.Int10WriteMemory) &&
                       SvcFilled((PVOID)int10Interface.Int10CallBios));
    SvcFilledReport(HwDeviceExtension, "int10-filled", filled, status);
    if (!filled) {
        return;
    }

    int10Interface.InterfaceReference(int10Interface.Context);
    int10Interface.InterfaceDereference(int10Interface.Context);
    SvcPass(HwDeviceExtension, "int10-reference");

    status = int10Interface.Int10AllocateBuffer(int10Interface.Context, &segment, &offset,
                                                &length);
    SvcExpect(HwDeviceExtension, "int10-allocate-buffer", (BOOLEAN)(status != NO_ERROR),
              "Int10AllocateBuffer succeeded without a BIOS", (ULONG_PTR)status);

    //
    // "VBE2" in the buffer, as a VESA query starts.
    //

    VideoPortZeroMemory(vbeInfo, sizeof(vbeInfo));
    vbeInfo[0] = 'V';
    vbeInfo[1] = 'B';
    vbeInfo[2] = 'E';
    vbeInfo[3] = '2';
    status = int10Interface.Int10WriteMemory(int10Interface.Context, segment, offset,
                                             vbeInfo, sizeof(vbeInfo));
    SvcExpect(HwDeviceExtension, "int10-write-memory", (BOOLEAN)(status != NO_ERROR),
              "Int10WriteMemory succeeded without a BIOS", (ULONG_PTR)status);

    VideoPortZeroMemory(&biosArguments, sizeof(biosArguments));
    biosArguments.Eax = 0x4F00;
    biosArguments.Edi = offset;
    biosArguments.SegEs = segment;
    saved = biosArguments;
    status = int10Interface.Int10CallBios(int10Interface.Context, &biosArguments);
    if (status == ERROR_INVALID_FUNCTION &&
        VideoPortCompareMemory(&biosArguments, &saved, sizeof(saved)) == sizeof(saved)) {
        SvcPass(HwDeviceExtension, "int10-call-bios");
    } else if (status == ERROR_INVALID_FUNCTION) {
        SvcFail(HwDeviceExtension, "int10-call-bios",
                "Int10CallBios failed but changed the registers; Eax now",
                biosArguments.Eax);
    } else {
        SvcFail(HwDeviceExtension, "int10-call-bios",
                "Int10CallBios did not fail with ERROR_INVALID_FUNCTION", (ULONG_PTR)status);
    }

    status = int10Interface.Int10ReadMemory(int10Interface.Context, segment, offset,
                                            vbeInfo, sizeof(vbeInfo));
    SvcExpect(HwDeviceExtension, "int10-read-memory", (BOOLEAN)(status != NO_ERROR),
              "Int10ReadMemory succeeded without a BIOS", (ULONG_PTR)status);

    status = int10Interface.Int10FreeBuffer(int10Interface.Context, segment, offset);
    SvcExpect(HwDeviceExtension, "int10-free-buffer", (BOOLEAN)(status != NO_ERROR),
              "Int10FreeBuffer succeeded for a buffer never allocated", (ULONG_PTR)status);
}


//
// Debug reports (bug check 0xEA-style dumps in Windows XP and later).
//

static VOID
SvcQueryDebugReport(
    PHW_DEVICE_EXTENSION HwDeviceExtension
    )
{
    VIDEO_PORT_DEBUG_REPORT_INTERFACE debugInterface;
    PVIDEO_DEBUG_REPORT report;
    ULONG secondaryData[4];
    VP_STATUS status;
    BOOLEAN result;
    BOOLEAN filled;

    SvcPoison(&debugInterface, sizeof(debugInterface));
    debugInterface.Size = sizeof(VIDEO_PORT_DEBUG_REPORT_INTERFACE);
    debugInterface.Version = VIDEO_PORT_DEBUG_REPORT_INTERFACE_VERSION_1;

    status = VideoPortQueryServices(HwDeviceExtension, VideoPortServicesDebugReport,
                                    (PINTERFACE)&debugInterface);

    VideoDebugPrint((Trace, SVC_PREFIX "debug report: status %d\n", status));

    filled = (BOOLEAN)(SvcFilled((PVOID)debugInterface.InterfaceReference) &&
                       SvcFilled((PVOID)debugInterface.InterfaceDereference) &&
                       SvcFilled((PVOID)debugInterface.DbgReportCreate) &&
                       SvcFilled((PVOID)debugInterface.DbgReportSecondaryData) &&
                       SvcFilled((PVOID)debugInterface.DbgReportComplete));
    SvcFilledReport(HwDeviceExtension, "dbgreport-filled", filled, status);
    if (!filled) {
        return;
    }

    debugInterface.InterfaceReference(debugInterface.Context);
    debugInterface.InterfaceDereference(debugInterface.Context);
    SvcPass(HwDeviceExtension, "dbgreport-reference");

    report = debugInterface.DbgReportCreate(HwDeviceExtension, 0xEA, 1, 2, 3, 4);
    SvcExpect(HwDeviceExtension, "dbgreport-create", (BOOLEAN)(report == NULL),
              "DbgReportCreate made a report without debug report support",
              (ULONG_PTR)report);

    secondaryData[0] = 0x56504331;      // "VPC1"
    secondaryData[1] = 0;
    secondaryData[2] = 0;
    secondaryData[3] = 0;
    result = debugInterface.DbgReportSecondaryData(report, secondaryData,
                                                   sizeof(secondaryData));
    SvcExpect(HwDeviceExtension, "dbgreport-secondary-data", (BOOLEAN)!result,
              "DbgReportSecondaryData accepted data for no report", result);

    debugInterface.DbgReportComplete(report);
    SvcPass(HwDeviceExtension, "dbgreport-complete");
}


//
// Write-combined memory protection (Windows XP SP2 and later).
//

static BOOLEAN
SvcWcStatusDocumented(
    VP_STATUS Status
    )
{
    return (BOOLEAN)(Status == NO_ERROR || Status == ERROR_INVALID_FUNCTION ||
                     Status == ERROR_NOT_ENOUGH_MEMORY);
}

static VOID
SvcQueryWcProtection(
    PHW_DEVICE_EXTENSION HwDeviceExtension
    )
{
    VIDEO_PORT_WCMEMORYPROTECTION_INTERFACE wcInterface;
    VP_STATUS status;
    BOOLEAN filled;

    SvcPoison(&wcInterface, sizeof(wcInterface));
    wcInterface.Size = sizeof(VIDEO_PORT_WCMEMORYPROTECTION_INTERFACE);
    wcInterface.Version = VIDEO_PORT_WCMEMORYPROTECTION_INTERFACE_VERSION_1;

    status = VideoPortQueryServices(HwDeviceExtension, VideoPortServicesWCMemoryProtection,
                                    (PINTERFACE)&wcInterface);

    VideoDebugPrint((Trace, SVC_PREFIX "WC protection: status %d\n", status));

    filled = (BOOLEAN)(SvcFilled((PVOID)wcInterface.InterfaceReference) &&
                       SvcFilled((PVOID)wcInterface.InterfaceDereference) &&
                       SvcFilled((PVOID)wcInterface.VideoPortProtectWCMemory) &&
                       SvcFilled((PVOID)wcInterface.VideoPortRestoreWCMemory));
    SvcFilledReport(HwDeviceExtension, "wcprotect-filled", filled, status);
    if (!filled) {
        return;
    }

    wcInterface.InterfaceReference(wcInterface.Context);
    wcInterface.InterfaceDereference(wcInterface.Context);
    SvcPass(HwDeviceExtension, "wcprotect-reference");

    status = wcInterface.VideoPortProtectWCMemory(wcInterface.Context, HwDeviceExtension);
    SvcExpect(HwDeviceExtension, "wcprotect-protect", SvcWcStatusDocumented(status),
              "VideoPortProtectWCMemory returned a status the reference does not name",
              (ULONG_PTR)status);

    status = wcInterface.VideoPortRestoreWCMemory(wcInterface.Context, HwDeviceExtension);
    SvcExpect(HwDeviceExtension, "wcprotect-restore", SvcWcStatusDocumented(status),
              "VideoPortRestoreWCMemory returned a status the reference does not name",
              (ULONG_PTR)status);
}


//
// Headless: the interface is the INTERFACE header alone.
//

static VOID
SvcQueryHeadless(
    PHW_DEVICE_EXTENSION HwDeviceExtension
    )
{
    INTERFACE headlessInterface;
    VP_STATUS status;
    BOOLEAN filled;

    SvcPoison(&headlessInterface, sizeof(headlessInterface));
    headlessInterface.Size = sizeof(INTERFACE);
    headlessInterface.Version = 1;

    status = VideoPortQueryServices(HwDeviceExtension, VideoPortServicesHeadless,
                                    &headlessInterface);

    VideoDebugPrint((Trace, SVC_PREFIX "headless: status %d\n", status));

    filled = (BOOLEAN)(SvcFilled((PVOID)headlessInterface.InterfaceReference) &&
                       SvcFilled((PVOID)headlessInterface.InterfaceDereference));
    SvcFilledReport(HwDeviceExtension, "headless-filled", filled, status);
    if (!filled) {
        return;
    }

    headlessInterface.InterfaceReference(headlessInterface.Context);
    headlessInterface.InterfaceDereference(headlessInterface.Context);
    SvcPass(HwDeviceExtension, "headless-reference");
}


//
// An interface whose Size is too small for the service: the call must fail
// with ERROR_INVALID_PARAMETER and write nothing into it.
//

typedef union _SVC_ANY_INTERFACE {
    INTERFACE Header;
    VIDEO_PORT_AGP_INTERFACE Agp;
    VIDEO_PORT_AGP_INTERFACE_2 Agp2;
    VIDEO_PORT_I2C_INTERFACE I2C;
    VIDEO_PORT_I2C_INTERFACE_2 I2C2;
    VIDEO_PORT_INT10_INTERFACE Int10;
    VIDEO_PORT_DEBUG_REPORT_INTERFACE DebugReport;
    VIDEO_PORT_WCMEMORYPROTECTION_INTERFACE WcProtection;
} SVC_ANY_INTERFACE;

typedef struct _SVC_SMALL_QUERY {
    PCHAR Check;
    VIDEO_PORT_SERVICES Service;
    USHORT Version;
    USHORT Size;
} SVC_SMALL_QUERY;

static const SVC_SMALL_QUERY SvcSmallQueries[] = {
    //
    // The classic slip: the version 2 number with the version 1 structure.
    //
    { "agp2-size-too-small", VideoPortServicesAGP, VIDEO_PORT_AGP_INTERFACE_VERSION_2,
      sizeof(VIDEO_PORT_AGP_INTERFACE) },
    { "agp1-size-too-small", VideoPortServicesAGP, VIDEO_PORT_AGP_INTERFACE_VERSION_1,
      sizeof(VIDEO_PORT_AGP_INTERFACE) - sizeof(ULONGLONG) },
    { "i2c1-size-too-small", VideoPortServicesI2C, VIDEO_PORT_I2C_INTERFACE_VERSION_1,
      sizeof(INTERFACE) },
    { "i2c2-size-too-small", VideoPortServicesI2C, VIDEO_PORT_I2C_INTERFACE_VERSION_2,
      sizeof(VIDEO_PORT_I2C_INTERFACE_2) - 1 },
    { "int10-size-too-small", VideoPortServicesInt10, VIDEO_PORT_INT10_INTERFACE_VERSION_1,
      sizeof(INTERFACE) },
    { "dbgreport-size-too-small", VideoPortServicesDebugReport,
      VIDEO_PORT_DEBUG_REPORT_INTERFACE_VERSION_1,
      sizeof(VIDEO_PORT_DEBUG_REPORT_INTERFACE) - 1 },
    { "wcprotect-size-too-small", VideoPortServicesWCMemoryProtection,
      VIDEO_PORT_WCMEMORYPROTECTION_INTERFACE_VERSION_1,
      sizeof(VIDEO_PORT_WCMEMORYPROTECTION_INTERFACE) - sizeof(PVOID) },
    { "headless-size-too-small", VideoPortServicesHeadless, 1, 0 },
};

static VOID
SvcQueryTooSmall(
    PHW_DEVICE_EXTENSION HwDeviceExtension
    )
{
    SVC_ANY_INTERFACE anyInterface;
    SVC_ANY_INTERFACE before;
    VP_STATUS status;
    ULONG same;
    ULONG i;

    for (i = 0; i < sizeof(SvcSmallQueries) / sizeof(SvcSmallQueries[0]); i++) {

        SvcPoison(&anyInterface, sizeof(anyInterface));
        anyInterface.Header.Size = SvcSmallQueries[i].Size;
        anyInterface.Header.Version = SvcSmallQueries[i].Version;
        VideoPortMoveMemory(&before, &anyInterface, sizeof(before));

        status = VideoPortQueryServices(HwDeviceExtension, SvcSmallQueries[i].Service,
                                        &anyInterface.Header);

        same = VideoPortCompareMemory(&anyInterface, &before, sizeof(before));

        if (status != ERROR_INVALID_PARAMETER) {
            SvcFail(HwDeviceExtension, SvcSmallQueries[i].Check,
                    "status is not ERROR_INVALID_PARAMETER", (ULONG_PTR)status);
        } else if (same != sizeof(before)) {
            SvcFail(HwDeviceExtension, SvcSmallQueries[i].Check,
                    "the refused interface was written to; first byte changed at", same);
        } else {
            SvcPass(HwDeviceExtension, SvcSmallQueries[i].Check);
        }
    }
}


//
// The miniport's entry points.
//

VP_STATUS
SvcFindAdapter(
    PVOID HwDeviceExtension,
    PVOID HwContext,
    PWSTR ArgumentString,
    PVIDEO_PORT_CONFIG_INFO ConfigInfo,
    PUCHAR Again
    )

/*++

Routine Description:

    Claims the edu device's register BAR and maps it, to be sure the device
    is the one expected. Nothing else: the services are queried once the
    adapter is initialized.

Return Value:

    NO_ERROR, or the status of the call that failed.

--*/

{
    PHW_DEVICE_EXTENSION hwDeviceExtension = HwDeviceExtension;
    VIDEO_ACCESS_RANGE accessRange;
    USHORT vendorId = EDU_VENDOR_ID;
    USHORT deviceId = EDU_DEVICE_ID;
    VP_STATUS status;
    ULONG id;

    *Again = FALSE;

    if (ConfigInfo->Length < sizeof(VIDEO_PORT_CONFIG_INFO)) {
        return ERROR_INVALID_PARAMETER;
    }

    VideoPortZeroMemory(&accessRange, sizeof(accessRange));
    status = VideoPortGetAccessRanges(HwDeviceExtension, 0, NULL, 1, &accessRange,
                                      &vendorId, &deviceId, NULL);
    if (status != NO_ERROR) {
        VideoPortDebugPrint(Error, SVC_PREFIX "no access ranges, status %d\n", status);
        return status;
    }

    hwDeviceExtension->RegisterBase = VideoPortGetDeviceBase(HwDeviceExtension,
                                                             accessRange.RangeStart,
                                                             accessRange.RangeLength,
                                                             accessRange.RangeInIoSpace);
    if (hwDeviceExtension->RegisterBase == NULL) {
        return ERROR_INVALID_PARAMETER;
    }
    hwDeviceExtension->RegisterLength = accessRange.RangeLength;

    id = VideoPortReadRegisterUlong((PULONG)(hwDeviceExtension->RegisterBase +
                                             EDU_ID_REGISTER));
    if ((id & 0xFF) != EDU_ID_MAGIC) {
        VideoPortDebugPrint(Error, SVC_PREFIX "not an edu device (ID 0x%08x)\n", id);
        VideoPortFreeDeviceBase(HwDeviceExtension, hwDeviceExtension->RegisterBase);
        hwDeviceExtension->RegisterBase = NULL;
        return ERROR_DEV_NOT_EXIST;
    }

    //
    // No interrupt is used.
    //

    ConfigInfo->BusInterruptLevel = 0;
    ConfigInfo->BusInterruptVector = 0;

    VideoDebugPrint((Info, SVC_PREFIX "edu ID 0x%08x\n", id));
    return NO_ERROR;
}

BOOLEAN
SvcInitialize(
    PVOID HwDeviceExtension
    )

/*++

Routine Description:

    Queries every service, uses every callback, and reports each as a check.

Return Value:

    TRUE: the adapter binds whatever the checks found.

--*/

{
    PHW_DEVICE_EXTENSION hwDeviceExtension = HwDeviceExtension;

    SvcResetBus(hwDeviceExtension);

    SvcQueryAgp(hwDeviceExtension);
    SvcGetAgpServices(hwDeviceExtension);
    SvcQueryI2C1(hwDeviceExtension);
    SvcQueryI2C2(hwDeviceExtension);
    SvcQueryInt10(hwDeviceExtension);
    SvcQueryDebugReport(hwDeviceExtension);
    SvcQueryWcProtection(hwDeviceExtension);
    SvcQueryHeadless(hwDeviceExtension);
    SvcQueryTooSmall(hwDeviceExtension);

    VideoPortDebugPrint(hwDeviceExtension->ChecksFailed ? Error : Info,
                        SVC_PREFIX "%u checks passed, %u failed\n",
                        hwDeviceExtension->ChecksPassed, hwDeviceExtension->ChecksFailed);
    VideoPortDebugPrint(Info, SVC_PREFIX "done\n");
    return TRUE;
}

BOOLEAN
SvcStartIO(
    PVOID HwDeviceExtension,
    PVIDEO_REQUEST_PACKET RequestPacket
    )

/*++

Routine Description:

    This miniport has no display to drive: every request is refused.

--*/

{
    RequestPacket->StatusBlock->Status = ERROR_INVALID_FUNCTION;
    RequestPacket->StatusBlock->Information = 0;
    return TRUE;
}

ULONG
DriverEntry(
    PVOID Context1,
    PVOID Context2
    )
{
    VIDEO_HW_INITIALIZATION_DATA hwInitData;

    VideoPortZeroMemory(&hwInitData, sizeof(VIDEO_HW_INITIALIZATION_DATA));

    hwInitData.HwInitDataSize = sizeof(VIDEO_HW_INITIALIZATION_DATA);
    hwInitData.HwFindAdapter = SvcFindAdapter;
    hwInitData.HwInitialize = SvcInitialize;
    hwInitData.HwStartIO = SvcStartIO;
    hwInitData.HwDeviceExtensionSize = sizeof(HW_DEVICE_EXTENSION);
    hwInitData.AdapterInterfaceType = PCIBus;

    return VideoPortInitialize(Context1, Context2, &hwInitData, NULL);
}
