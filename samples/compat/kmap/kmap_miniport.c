// SPDX-License-Identifier: GPL-2.0
/*
 * kmap_miniport.c - a miniport written for a kernel-mode display driver,
 * for QEMU's standard VGA (PCI 1234:1111).
 *
 * Its display driver lives in kernel space: IOCTL_VIDEO_MAP_VIDEO_MEMORY
 * maps the frame buffer into system space (VideoPortMapMemory with no
 * process handle) and hands the system address back, and
 * IOCTL_VIDEO_UNMAP_VIDEO_MEMORY unmaps whatever address it is given. The
 * miniport keeps its own pointer to the mapping and uses it for a private
 * request that reads the frame buffer back (kmap_ioctl.h).
 *
 * Modes are set through the Bochs DISPI registers in the register BAR.
 *
 * Corpus checks are printed as "vpc_kmap: check NAME: ok|FAIL ..." lines;
 * kmap_user.c checks the requests from user space.
 */

#include "dderror.h"
#include "devioctl.h"
#include "miniport.h"
#include "ntddvdeo.h"
#include "video.h"

#include "kmap_ioctl.h"

#define KMAP_VENDOR_ID		0x1234
#define KMAP_DEVICE_ID		0x1111

/* The register BAR: VGA ports at 0x400, DISPI registers at 0x500. */
#define KMAP_VGA_OFFSET		0x400
#define KMAP_DISPI_OFFSET	0x500
#define KMAP_REGISTER_SIZE	0x600

#define VBE_DISPI_INDEX_ID		0
#define VBE_DISPI_INDEX_XRES		1
#define VBE_DISPI_INDEX_YRES		2
#define VBE_DISPI_INDEX_BPP		3
#define VBE_DISPI_INDEX_ENABLE		4
#define VBE_DISPI_INDEX_BANK		5
#define VBE_DISPI_INDEX_VIRT_WIDTH	6
#define VBE_DISPI_INDEX_VIRT_HEIGHT	7
#define VBE_DISPI_INDEX_X_OFFSET	8
#define VBE_DISPI_INDEX_Y_OFFSET	9
#define VBE_DISPI_INDEX_VIDEO_MEMORY_64K 10

#define VBE_DISPI_ID0			0xB0C0
#define VBE_DISPI_ID5			0xB0C5
#define VBE_DISPI_DISABLED		0x00
#define VBE_DISPI_ENABLED		0x01
#define VBE_DISPI_LFB_ENABLED		0x40

/* x64 system space starts here; user space ends below it. */
#define KMAP_SYSTEM_RANGE_START	((ULONG_PTR)0xFFFF800000000000ULL)

#define KMAP_INIT_PATTERN	0x4B4D4150	/* "KMAP" */

typedef struct _KMAP_MODE {
	ULONG Width;
	ULONG Height;
	ULONG Bpp;
} KMAP_MODE;

static KMAP_MODE KmapModes[] = {
	{ 640, 480, 32 },
	{ 800, 600, 32 },
	{ 1024, 768, 32 },
};

#define KMAP_NUM_MODES	(sizeof(KmapModes) / sizeof(KmapModes[0]))
#define KMAP_TEXT_MODE	((ULONG)-1)

typedef struct _HW_DEVICE_EXTENSION {
	PHYSICAL_ADDRESS FrameBufferStart;
	ULONG FrameBufferLength;
	PUCHAR Registers;
	ULONG VideoMemorySize;
	ULONG CurrentMode;

	/* The one system-space mapping the display driver holds, or NULL. */
	PUCHAR SystemFrameBuffer;
	ULONG SystemFrameBufferLength;
	ULONG MapRequests;
} HW_DEVICE_EXTENSION, *PHW_DEVICE_EXTENSION;

/* Function prototypes */
VP_STATUS KmapFindAdapter(PVOID HwDeviceExtension, PVOID HwContext, PWSTR ArgumentString,
			  PVIDEO_PORT_CONFIG_INFO ConfigInfo, PUCHAR Again);
BOOLEAN KmapInitialize(PVOID HwDeviceExtension);
BOOLEAN KmapStartIO(PVOID HwDeviceExtension, PVIDEO_REQUEST_PACKET RequestPacket);
BOOLEAN KmapResetHw(PVOID HwDeviceExtension, ULONG Columns, ULONG Rows);

static VOID KmapDispiWrite(PHW_DEVICE_EXTENSION hwDeviceExtension, USHORT index, USHORT value)
{
	VideoPortWriteRegisterUshort((PUSHORT)(hwDeviceExtension->Registers +
					       KMAP_DISPI_OFFSET + index * 2), value);
}

static USHORT KmapDispiRead(PHW_DEVICE_EXTENSION hwDeviceExtension, USHORT index)
{
	return VideoPortReadRegisterUshort((PUSHORT)(hwDeviceExtension->Registers +
						     KMAP_DISPI_OFFSET + index * 2));
}

/* The attribute controller keeps the screen blank until this is written. */
static VOID KmapUnblank(PHW_DEVICE_EXTENSION hwDeviceExtension)
{
	VideoPortReadRegisterUchar(hwDeviceExtension->Registers + KMAP_VGA_OFFSET + 0x1A);
	VideoPortWriteRegisterUchar(hwDeviceExtension->Registers + KMAP_VGA_OFFSET, 0x20);
}

static BOOLEAN KmapIsSystemAddress(PVOID address)
{
	return (ULONG_PTR)address >= KMAP_SYSTEM_RANGE_START;
}

VP_STATUS KmapFindAdapter(PVOID HwDeviceExtension, PVOID HwContext, PWSTR ArgumentString,
			  PVIDEO_PORT_CONFIG_INFO ConfigInfo, PUCHAR Again)
{
	PHW_DEVICE_EXTENSION hwDeviceExtension = HwDeviceExtension;
	VIDEO_ACCESS_RANGE accessRanges[2];
	USHORT vendorId = KMAP_VENDOR_ID;
	USHORT deviceId = KMAP_DEVICE_ID;
	ULONG slot;
	USHORT id;
	VP_STATUS status;

	*Again = FALSE;

	if (ConfigInfo->Length < sizeof(VIDEO_PORT_CONFIG_INFO))
		return ERROR_INVALID_PARAMETER;

	/*
	 * BAR0, the frame buffer, and BAR2, the registers: the adapter has
	 * exactly these two ranges, in this order.
	 */
	VideoPortZeroMemory(accessRanges, sizeof(accessRanges));
	status = VideoPortGetAccessRanges(hwDeviceExtension, 0, NULL, 2, accessRanges,
					  &vendorId, &deviceId, &slot);
	if (status != NO_ERROR) {
		VideoPortDebugPrint(Error, "vpc_kmap: check access-ranges: FAIL status %d\n",
				    status);
		return status;
	}
	if (accessRanges[0].RangeInIoSpace || accessRanges[1].RangeInIoSpace ||
	    accessRanges[0].RangeLength < 0x100000 ||
	    accessRanges[1].RangeLength < KMAP_REGISTER_SIZE) {
		VideoPortDebugPrint(Error,
				    "vpc_kmap: check access-ranges: FAIL unexpected ranges 0x%I64x+0x%x, 0x%I64x+0x%x\n",
				    accessRanges[0].RangeStart.QuadPart, accessRanges[0].RangeLength,
				    accessRanges[1].RangeStart.QuadPart, accessRanges[1].RangeLength);
		return ERROR_DEV_NOT_EXIST;
	}
	VideoPortDebugPrint(Info,
			    "vpc_kmap: check access-ranges: ok frame buffer 0x%I64x+0x%x, registers 0x%I64x+0x%x, slot 0x%x\n",
			    accessRanges[0].RangeStart.QuadPart, accessRanges[0].RangeLength,
			    accessRanges[1].RangeStart.QuadPart, accessRanges[1].RangeLength, slot);

	status = VideoPortVerifyAccessRanges(hwDeviceExtension, 2, accessRanges);
	if (status != NO_ERROR)
		return status;

	hwDeviceExtension->FrameBufferStart = accessRanges[0].RangeStart;
	hwDeviceExtension->FrameBufferLength = accessRanges[0].RangeLength;
	hwDeviceExtension->Registers = VideoPortGetDeviceBase(hwDeviceExtension,
							      accessRanges[1].RangeStart,
							      KMAP_REGISTER_SIZE,
							      VIDEO_MEMORY_SPACE_MEMORY);
	if (hwDeviceExtension->Registers == NULL)
		return ERROR_INVALID_PARAMETER;

	id = KmapDispiRead(hwDeviceExtension, VBE_DISPI_INDEX_ID);
	if (id < VBE_DISPI_ID0 || id > VBE_DISPI_ID5) {
		VideoPortDebugPrint(Error, "vpc_kmap: check dispi-id: FAIL 0x%04x\n", id);
		return ERROR_DEV_NOT_EXIST;
	}
	VideoPortDebugPrint(Info, "vpc_kmap: check dispi-id: ok 0x%04x\n", id);

	hwDeviceExtension->VideoMemorySize =
		KmapDispiRead(hwDeviceExtension, VBE_DISPI_INDEX_VIDEO_MEMORY_64K) * 0x10000;
	if (hwDeviceExtension->VideoMemorySize == 0 ||
	    hwDeviceExtension->VideoMemorySize > hwDeviceExtension->FrameBufferLength)
		hwDeviceExtension->VideoMemorySize = hwDeviceExtension->FrameBufferLength;
	hwDeviceExtension->CurrentMode = KMAP_TEXT_MODE;

	/* No interrupt. */
	ConfigInfo->BusInterruptLevel = 0;
	ConfigInfo->BusInterruptVector = 0;
	return NO_ERROR;
}

/*
 * The miniport's own use of a system-space mapping, outside any request:
 * map, write the last dword of video memory, read it back, unmap.
 */
BOOLEAN KmapInitialize(PVOID HwDeviceExtension)
{
	PHW_DEVICE_EXTENSION hwDeviceExtension = HwDeviceExtension;
	PVOID frameBuffer = NULL;
	ULONG length = hwDeviceExtension->VideoMemorySize;
	ULONG inIoSpace = VIDEO_MEMORY_SPACE_MEMORY;
	PULONG last;
	ULONG saved, readBack;
	VP_STATUS status;

	status = VideoPortMapMemory(hwDeviceExtension, hwDeviceExtension->FrameBufferStart,
				    &length, &inIoSpace, &frameBuffer);
	if (status != NO_ERROR || frameBuffer == NULL) {
		VideoPortDebugPrint(Error, "vpc_kmap: check system-mapping-at-init: FAIL status %d\n",
				    status);
		return TRUE;
	}
	last = (PULONG)((PUCHAR)frameBuffer + hwDeviceExtension->VideoMemorySize - sizeof(ULONG));
	saved = VideoPortReadRegisterUlong(last);
	VideoPortWriteRegisterUlong(last, KMAP_INIT_PATTERN);
	readBack = VideoPortReadRegisterUlong(last);
	VideoPortWriteRegisterUlong(last, saved);
	status = VideoPortUnmapMemory(hwDeviceExtension, frameBuffer, NULL);

	if (KmapIsSystemAddress(frameBuffer) && readBack == KMAP_INIT_PATTERN &&
	    status == NO_ERROR)
		VideoPortDebugPrint(Info,
				    "vpc_kmap: check system-mapping-at-init: ok 0x%x KiB mapped in system space, pattern read back, unmapped\n",
				    length / 1024);
	else
		VideoPortDebugPrint(Error,
				    "vpc_kmap: check system-mapping-at-init: FAIL system %d, read 0x%08x, unmap status %d\n",
				    KmapIsSystemAddress(frameBuffer), readBack, status);
	return TRUE;
}

static VOID KmapFillMode(PHW_DEVICE_EXTENSION hwDeviceExtension, ULONG modeIndex,
			 PVIDEO_MODE_INFORMATION modeInformation)
{
	KMAP_MODE *mode = &KmapModes[modeIndex];

	VideoPortZeroMemory(modeInformation, sizeof(VIDEO_MODE_INFORMATION));
	modeInformation->Length = sizeof(VIDEO_MODE_INFORMATION);
	modeInformation->ModeIndex = modeIndex;
	modeInformation->VisScreenWidth = mode->Width;
	modeInformation->VisScreenHeight = mode->Height;
	modeInformation->ScreenStride = mode->Width * mode->Bpp / 8;
	modeInformation->NumberOfPlanes = 1;
	modeInformation->BitsPerPlane = mode->Bpp;
	modeInformation->Frequency = 60;
	modeInformation->XMillimeter = 320;
	modeInformation->YMillimeter = 240;
	modeInformation->NumberRedBits = 8;
	modeInformation->NumberGreenBits = 8;
	modeInformation->NumberBlueBits = 8;
	modeInformation->RedMask = 0x00FF0000;
	modeInformation->GreenMask = 0x0000FF00;
	modeInformation->BlueMask = 0x000000FF;
	modeInformation->AttributeFlags = VIDEO_MODE_COLOR | VIDEO_MODE_GRAPHICS;
	modeInformation->VideoMemoryBitmapWidth = mode->Width;
	modeInformation->VideoMemoryBitmapHeight =
		hwDeviceExtension->VideoMemorySize / modeInformation->ScreenStride;
}

static VOID KmapSetMode(PHW_DEVICE_EXTENSION hwDeviceExtension, ULONG modeIndex)
{
	KMAP_MODE *mode = &KmapModes[modeIndex];

	KmapDispiWrite(hwDeviceExtension, VBE_DISPI_INDEX_ENABLE, VBE_DISPI_DISABLED);
	KmapDispiWrite(hwDeviceExtension, VBE_DISPI_INDEX_XRES, (USHORT)mode->Width);
	KmapDispiWrite(hwDeviceExtension, VBE_DISPI_INDEX_YRES, (USHORT)mode->Height);
	KmapDispiWrite(hwDeviceExtension, VBE_DISPI_INDEX_BPP, (USHORT)mode->Bpp);
	KmapDispiWrite(hwDeviceExtension, VBE_DISPI_INDEX_BANK, 0);
	KmapDispiWrite(hwDeviceExtension, VBE_DISPI_INDEX_VIRT_WIDTH, (USHORT)mode->Width);
	KmapDispiWrite(hwDeviceExtension, VBE_DISPI_INDEX_X_OFFSET, 0);
	KmapDispiWrite(hwDeviceExtension, VBE_DISPI_INDEX_Y_OFFSET, 0);
	KmapDispiWrite(hwDeviceExtension, VBE_DISPI_INDEX_ENABLE,
		       VBE_DISPI_ENABLED | VBE_DISPI_LFB_ENABLED);
	KmapUnblank(hwDeviceExtension);
	hwDeviceExtension->CurrentMode = modeIndex;
}

/*
 * Map all of video memory into system space for the display driver. The
 * requested address is the display driver's business: the mapping always
 * goes to system space.
 */
static VP_STATUS KmapMapVideoMemory(PHW_DEVICE_EXTENSION hwDeviceExtension,
				    PVIDEO_REQUEST_PACKET RequestPacket)
{
	PVIDEO_MEMORY_INFORMATION memoryInformation;
	PVOID systemAddress = NULL;
	ULONG length;
	ULONG inIoSpace = VIDEO_MEMORY_SPACE_MEMORY | VIDEO_MEMORY_SPACE_P6CACHE;
	ULONG firstDword;
	VP_STATUS status;

	if (RequestPacket->InputBufferLength < sizeof(VIDEO_MEMORY) ||
	    RequestPacket->OutputBufferLength < sizeof(VIDEO_MEMORY_INFORMATION))
		return ERROR_INSUFFICIENT_BUFFER;

	length = hwDeviceExtension->VideoMemorySize;
	status = VideoPortMapMemory(hwDeviceExtension, hwDeviceExtension->FrameBufferStart,
				    &length, &inIoSpace, &systemAddress);
	hwDeviceExtension->MapRequests++;
	if (status != NO_ERROR) {
		VideoPortDebugPrint(Error,
				    "vpc_kmap: check map-request-%u-system-space: FAIL status %d\n",
				    hwDeviceExtension->MapRequests, status);
		return status;
	}

	/* The display driver gets this very address; so does our private read. */
	firstDword = VideoPortReadRegisterUlong(systemAddress);
	if (KmapIsSystemAddress(systemAddress))
		VideoPortDebugPrint(Info,
				    "vpc_kmap: check map-request-%u-system-space: ok 0x%x KiB at a system address, first dword 0x%08x\n",
				    hwDeviceExtension->MapRequests, length / 1024, firstDword);
	else
		VideoPortDebugPrint(Error,
				    "vpc_kmap: check map-request-%u-system-space: FAIL %p is no system address\n",
				    hwDeviceExtension->MapRequests, systemAddress);

	hwDeviceExtension->SystemFrameBuffer = systemAddress;
	hwDeviceExtension->SystemFrameBufferLength = length;

	memoryInformation = RequestPacket->OutputBuffer;
	memoryInformation->VideoRamBase = systemAddress;
	memoryInformation->VideoRamLength = length;
	memoryInformation->FrameBufferBase = systemAddress;
	if (hwDeviceExtension->CurrentMode != KMAP_TEXT_MODE)
		memoryInformation->FrameBufferLength =
			KmapModes[hwDeviceExtension->CurrentMode].Width *
			KmapModes[hwDeviceExtension->CurrentMode].Height *
			KmapModes[hwDeviceExtension->CurrentMode].Bpp / 8;
	else
		memoryInformation->FrameBufferLength = length;
	RequestPacket->StatusBlock->Information = sizeof(VIDEO_MEMORY_INFORMATION);
	return NO_ERROR;
}

/* The display driver gives back the address it got; it had only that one. */
static VP_STATUS KmapUnmapVideoMemory(PHW_DEVICE_EXTENSION hwDeviceExtension,
				      PVIDEO_REQUEST_PACKET RequestPacket)
{
	VP_STATUS status;

	if (RequestPacket->InputBufferLength < sizeof(VIDEO_MEMORY))
		return ERROR_INSUFFICIENT_BUFFER;
	status = VideoPortUnmapMemory(hwDeviceExtension,
				      ((PVIDEO_MEMORY)RequestPacket->InputBuffer)->RequestedVirtualAddress,
				      NULL);
	if (status == NO_ERROR) {
		hwDeviceExtension->SystemFrameBuffer = NULL;
		hwDeviceExtension->SystemFrameBufferLength = 0;
	}
	return status;
}

static VP_STATUS KmapReadFrameBuffer(PHW_DEVICE_EXTENSION hwDeviceExtension,
				     PVIDEO_REQUEST_PACKET RequestPacket)
{
	ULONG offset, length;

	if (RequestPacket->InputBufferLength < sizeof(KMAP_READ_FRAME_BUFFER))
		return ERROR_INSUFFICIENT_BUFFER;
	/* Input and output share the buffer. */
	offset = ((PKMAP_READ_FRAME_BUFFER)RequestPacket->InputBuffer)->Offset;
	length = ((PKMAP_READ_FRAME_BUFFER)RequestPacket->InputBuffer)->Length;
	if (hwDeviceExtension->SystemFrameBuffer == NULL)
		return ERROR_INVALID_PARAMETER;
	if (length == 0 || length > KMAP_READ_MAX ||
	    offset > hwDeviceExtension->SystemFrameBufferLength ||
	    length > hwDeviceExtension->SystemFrameBufferLength - offset)
		return ERROR_INVALID_PARAMETER;
	if (RequestPacket->OutputBufferLength < length)
		return ERROR_INSUFFICIENT_BUFFER;

	VideoPortReadRegisterBufferUchar(hwDeviceExtension->SystemFrameBuffer + offset,
					 RequestPacket->OutputBuffer, length);
	RequestPacket->StatusBlock->Information = length;
	return NO_ERROR;
}

BOOLEAN KmapStartIO(PVOID HwDeviceExtension, PVIDEO_REQUEST_PACKET RequestPacket)
{
	PHW_DEVICE_EXTENSION hwDeviceExtension = HwDeviceExtension;
	VP_STATUS status = NO_ERROR;
	ULONG modeIndex, i;

	RequestPacket->StatusBlock->Information = 0;

	switch (RequestPacket->IoControlCode) {
	case IOCTL_VIDEO_QUERY_NUM_AVAIL_MODES:
		if (RequestPacket->OutputBufferLength < sizeof(VIDEO_NUM_MODES)) {
			status = ERROR_INSUFFICIENT_BUFFER;
			break;
		}
		((PVIDEO_NUM_MODES)RequestPacket->OutputBuffer)->NumModes = KMAP_NUM_MODES;
		((PVIDEO_NUM_MODES)RequestPacket->OutputBuffer)->ModeInformationLength =
			sizeof(VIDEO_MODE_INFORMATION);
		RequestPacket->StatusBlock->Information = sizeof(VIDEO_NUM_MODES);
		break;

	case IOCTL_VIDEO_QUERY_AVAIL_MODES:
		if (RequestPacket->OutputBufferLength <
		    KMAP_NUM_MODES * sizeof(VIDEO_MODE_INFORMATION)) {
			status = ERROR_INSUFFICIENT_BUFFER;
			break;
		}
		for (i = 0; i < KMAP_NUM_MODES; i++)
			KmapFillMode(hwDeviceExtension, i,
				     (PVIDEO_MODE_INFORMATION)RequestPacket->OutputBuffer + i);
		RequestPacket->StatusBlock->Information =
			KMAP_NUM_MODES * sizeof(VIDEO_MODE_INFORMATION);
		break;

	case IOCTL_VIDEO_QUERY_CURRENT_MODE:
		if (RequestPacket->OutputBufferLength < sizeof(VIDEO_MODE_INFORMATION)) {
			status = ERROR_INSUFFICIENT_BUFFER;
			break;
		}
		if (hwDeviceExtension->CurrentMode == KMAP_TEXT_MODE) {
			status = ERROR_INVALID_FUNCTION;
			break;
		}
		KmapFillMode(hwDeviceExtension, hwDeviceExtension->CurrentMode,
			     RequestPacket->OutputBuffer);
		RequestPacket->StatusBlock->Information = sizeof(VIDEO_MODE_INFORMATION);
		break;

	case IOCTL_VIDEO_SET_CURRENT_MODE:
		if (RequestPacket->InputBufferLength < sizeof(VIDEO_MODE)) {
			status = ERROR_INSUFFICIENT_BUFFER;
			break;
		}
		modeIndex = ((PVIDEO_MODE)RequestPacket->InputBuffer)->RequestedMode &
			    ~(VIDEO_MODE_NO_ZERO_MEMORY | VIDEO_MODE_MAP_MEM_LINEAR);
		if (modeIndex >= KMAP_NUM_MODES) {
			status = ERROR_INVALID_PARAMETER;
			break;
		}
		KmapSetMode(hwDeviceExtension, modeIndex);
		break;

	case IOCTL_VIDEO_MAP_VIDEO_MEMORY:
		status = KmapMapVideoMemory(hwDeviceExtension, RequestPacket);
		break;

	case IOCTL_VIDEO_UNMAP_VIDEO_MEMORY:
		status = KmapUnmapVideoMemory(hwDeviceExtension, RequestPacket);
		break;

	case IOCTL_VIDEO_RESET_DEVICE:
		KmapDispiWrite(hwDeviceExtension, VBE_DISPI_INDEX_ENABLE, VBE_DISPI_DISABLED);
		KmapUnblank(hwDeviceExtension);
		hwDeviceExtension->CurrentMode = KMAP_TEXT_MODE;
		break;

	case IOCTL_KMAP_READ_FRAME_BUFFER:
		status = KmapReadFrameBuffer(hwDeviceExtension, RequestPacket);
		break;

	default:
		status = ERROR_INVALID_FUNCTION;
		break;
	}

	RequestPacket->StatusBlock->Status = status;
	return TRUE;
}

BOOLEAN KmapResetHw(PVOID HwDeviceExtension, ULONG Columns, ULONG Rows)
{
	PHW_DEVICE_EXTENSION hwDeviceExtension = HwDeviceExtension;

	KmapDispiWrite(hwDeviceExtension, VBE_DISPI_INDEX_ENABLE, VBE_DISPI_DISABLED);
	return FALSE;	/* let the port driver do the INT 10 mode set as well */
}

ULONG DriverEntry(PVOID Context1, PVOID Context2)
{
	VIDEO_HW_INITIALIZATION_DATA hwInitData;

	VideoPortZeroMemory(&hwInitData, sizeof(VIDEO_HW_INITIALIZATION_DATA));
	hwInitData.HwInitDataSize = sizeof(VIDEO_HW_INITIALIZATION_DATA);
	hwInitData.HwFindAdapter = KmapFindAdapter;
	hwInitData.HwInitialize = KmapInitialize;
	hwInitData.HwStartIO = KmapStartIO;
	hwInitData.HwResetHw = KmapResetHw;
	hwInitData.HwDeviceExtensionSize = sizeof(HW_DEVICE_EXTENSION);
	hwInitData.AdapterInterfaceType = PCIBus;

	return VideoPortInitialize(Context1, Context2, &hwInitData, NULL);
}
