// SPDX-License-Identifier: GPL-2.0
/*
 * bochs_miniport.c - a video miniport for QEMU's standard VGA (PCI 1234:1111),
 * written the Windows way: DriverEntry, the Hw* callbacks and VideoPort*
 * calls only, no Linux header.
 *
 * It is the shape of a complete display miniport rather than a DMA test:
 * HwFindAdapter finds the framebuffer and register BARs among the access
 * ranges, claims and maps the registers, reads the default mode from the
 * registry and writes the HardwareInformation values back; HwStartIO
 * answers the mode, memory-mapping and palette requests a display driver
 * sends (IOCTL_VIDEO_*), each with the buffer checks and status codes the
 * request's contract names; HwGetVideoChildDescriptor reports the monitor
 * with the EDID QEMU exposes; the power callbacks switch the adapter off and
 * back on into the mode it had; HwResetHw returns to VGA text mode.
 *
 * The device: BAR0 is the linear framebuffer. BAR2 is 4 KiB of registers:
 * the EDID at 0x000, the VGA ports 0x3c0-0x3df at 0x400 (byte access) and
 * the 16-bit Bochs DISPI registers at 0x500, which set the graphics mode.
 */

#include "dderror.h"
#include "devioctl.h"
#include "miniport.h"
#include "ntddvdeo.h"
#include "video.h"

#define BOCHS_VENDOR_ID			0x1234
#define BOCHS_DEVICE_ID			0x1111

/* BAR2, the register BAR */
#define BOCHS_MMIO_EDID			0x000
#define BOCHS_MMIO_VGA			0x400
#define BOCHS_MMIO_DISPI		0x500
#define BOCHS_MMIO_MIN_LENGTH		0x600

/* DISPI registers, 16 bits each at BOCHS_MMIO_DISPI + 2 * index */
#define DISPI_INDEX_ID			0x0
#define DISPI_INDEX_XRES		0x1
#define DISPI_INDEX_YRES		0x2
#define DISPI_INDEX_BPP			0x3
#define DISPI_INDEX_ENABLE		0x4
#define DISPI_INDEX_BANK		0x5
#define DISPI_INDEX_VIRT_WIDTH		0x6
#define DISPI_INDEX_VIRT_HEIGHT		0x7
#define DISPI_INDEX_X_OFFSET		0x8
#define DISPI_INDEX_Y_OFFSET		0x9
#define DISPI_INDEX_VIDEO_MEMORY_64K	0xa

#define DISPI_ID_FIRST			0xB0C0
#define DISPI_ID_LAST			0xB0C5

#define DISPI_DISABLED			0x00
#define DISPI_ENABLED			0x01
#define DISPI_LFB_ENABLED		0x40
#define DISPI_NOCLEARMEM		0x80

/* VGA ports, reached at BOCHS_MMIO_VGA + (port - VGA_PORT_BASE) */
#define VGA_PORT_BASE			0x3c0
#define VGA_ATTRIBUTE_INDEX		0x3c0	/* index and data writes alternate */
#define VGA_DAC_WRITE_INDEX		0x3c8
#define VGA_DAC_DATA			0x3c9
#define VGA_INPUT_STATUS_1		0x3da	/* reading it resets the flip-flop */
#define VGA_ATTRIBUTE_PALETTE_ENABLE	0x20

#define VGA_DAC_ENTRIES			256
#define VGA_PALETTE_REGISTERS		16

#define EDID_BLOCK_SIZE			128
#define EDID_EXTENSION_COUNT		126

/* The UId of the one child, the monitor; anything but DISPLAY_ADAPTER_HW_ID. */
#define BOCHS_MONITOR_UID		0x1000

/* Used when the registry names no default mode. */
#define BOCHS_DEFAULT_XRES		640
#define BOCHS_DEFAULT_YRES		480
#define BOCHS_DEFAULT_BPP		32

#define BOCHS_NO_MODE			0xFFFFFFFF

typedef struct _BOCHS_MODE {
	USHORT Width;
	USHORT Height;
	USHORT BitsPerPixel;
} BOCHS_MODE, *PBOCHS_MODE;

/* Every mode the miniport knows; HwFindAdapter keeps those that fit in VRAM. */
static const BOCHS_MODE BochsModeTable[] = {
	{ 640, 480, 32 },
	{ 800, 600, 32 },
	{ 1024, 768, 32 },
	{ 1280, 1024, 32 },
	{ 640, 480, 16 },
	{ 800, 600, 16 },
	{ 1024, 768, 16 },
	/* Palette modes: the pixels index the VGA DAC (IOCTL_VIDEO_SET_COLOR_REGISTERS). */
	{ 640, 480, 8 },
	{ 800, 600, 8 },
	{ 1024, 768, 8 },
};

#define BOCHS_TABLE_MODES	(sizeof(BochsModeTable) / sizeof(BOCHS_MODE))

typedef struct _BOCHS_EXTENSION {
	PHYSICAL_ADDRESS FrameBufferPhysical;
	ULONG FrameBufferLength;		/* BAR0 */
	PUCHAR Registers;			/* BAR2, mapped */
	ULONG RegisterLength;
	ULONG VideoMemorySize;			/* bytes of VRAM */
	USHORT DispiId;

	/* The modes offered: mode index i is BochsModeTable[ModeTableIndex[i]]. */
	ULONG NumModes;
	UCHAR ModeTableIndex[BOCHS_TABLE_MODES];
	ULONG CurrentMode;			/* BOCHS_NO_MODE in VGA text mode */

	/* The registry's default mode, applied by HwInitialize. */
	BOOLEAN RegistryMode;
	ULONG DefaultXResolution;
	ULONG DefaultYResolution;
	ULONG DefaultBitsPerPel;

	ULONG AdapterPowerState;
	ULONG MonitorPowerState;
	ULONG PowerQueries;
	ULONG PowerTransitions;

	BOOLEAN EdidValid;
	BOOLEAN EdidLogged;
	ULONG EdidLength;
} BOCHS_EXTENSION, *PBOCHS_EXTENSION;

/* What the registry callback hands back to its caller. */
typedef struct _BOCHS_REGISTRY_VALUE {
	ULONG Value;
	BOOLEAN Found;
} BOCHS_REGISTRY_VALUE, *PBOCHS_REGISTRY_VALUE;

static WCHAR BochsChipType[] = L"Bochs DISPI";
static WCHAR BochsDacType[] = L"VGA DAC";

static UCHAR BochsEdidHeader[8] = { 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00 };

static USHORT BochsDispiRead(PBOCHS_EXTENSION Ext, ULONG Index)
{
	return VideoPortReadRegisterUshort((PUSHORT)(Ext->Registers + BOCHS_MMIO_DISPI +
						     2 * Index));
}

static VOID BochsDispiWrite(PBOCHS_EXTENSION Ext, ULONG Index, USHORT Value)
{
	VideoPortWriteRegisterUshort((PUSHORT)(Ext->Registers + BOCHS_MMIO_DISPI + 2 * Index),
				     Value);
}

static UCHAR BochsVgaRead(PBOCHS_EXTENSION Ext, ULONG Port)
{
	return VideoPortReadRegisterUchar(Ext->Registers + BOCHS_MMIO_VGA +
					  (Port - VGA_PORT_BASE));
}

static VOID BochsVgaWrite(PBOCHS_EXTENSION Ext, ULONG Port, UCHAR Value)
{
	VideoPortWriteRegisterUchar(Ext->Registers + BOCHS_MMIO_VGA + (Port - VGA_PORT_BASE),
				    Value);
}

/*
 * The VGA attribute controller blanks the screen, in text and DISPI modes
 * alike, until the palette-enable bit is written to its index port.
 */
static VOID BochsUnblank(PBOCHS_EXTENSION Ext)
{
	BochsVgaRead(Ext, VGA_INPUT_STATUS_1);
	BochsVgaWrite(Ext, VGA_ATTRIBUTE_INDEX, VGA_ATTRIBUTE_PALETTE_ENABLE);
}

static const BOCHS_MODE *BochsMode(PBOCHS_EXTENSION Ext, ULONG ModeIndex)
{
	return &BochsModeTable[Ext->ModeTableIndex[ModeIndex]];
}

static ULONG BochsStride(const BOCHS_MODE *Mode)
{
	return (ULONG)Mode->Width * (Mode->BitsPerPixel / 8);
}

static ULONG BochsModeSize(const BOCHS_MODE *Mode)
{
	return BochsStride(Mode) * Mode->Height;
}

/* Back to VGA text mode: the legacy VGA state was left alone underneath. */
static VOID BochsDisable(PBOCHS_EXTENSION Ext)
{
	BochsDispiWrite(Ext, DISPI_INDEX_ENABLE, DISPI_DISABLED);
	BochsUnblank(Ext);
}

static VOID BochsProgramMode(PBOCHS_EXTENSION Ext, ULONG ModeIndex, BOOLEAN KeepMemory)
{
	const BOCHS_MODE *mode = BochsMode(Ext, ModeIndex);
	USHORT enable = DISPI_ENABLED | DISPI_LFB_ENABLED;

	if (KeepMemory)
		enable |= DISPI_NOCLEARMEM;
	BochsDispiWrite(Ext, DISPI_INDEX_ENABLE, DISPI_DISABLED);
	BochsDispiWrite(Ext, DISPI_INDEX_XRES, mode->Width);
	BochsDispiWrite(Ext, DISPI_INDEX_YRES, mode->Height);
	BochsDispiWrite(Ext, DISPI_INDEX_BPP, mode->BitsPerPixel);
	BochsDispiWrite(Ext, DISPI_INDEX_BANK, 0);
	BochsDispiWrite(Ext, DISPI_INDEX_VIRT_WIDTH, mode->Width);
	BochsDispiWrite(Ext, DISPI_INDEX_X_OFFSET, 0);
	BochsDispiWrite(Ext, DISPI_INDEX_Y_OFFSET, 0);
	BochsDispiWrite(Ext, DISPI_INDEX_ENABLE, enable);
	BochsUnblank(Ext);
}

static VOID BochsSetMode(PBOCHS_EXTENSION Ext, ULONG ModeIndex, BOOLEAN KeepMemory)
{
	const BOCHS_MODE *mode = BochsMode(Ext, ModeIndex);

	BochsProgramMode(Ext, ModeIndex, KeepMemory);
	Ext->CurrentMode = ModeIndex;
	VideoPortDebugPrint(Info, "vp_bochs: mode %u set, %ux%u, %u bpp\n", ModeIndex,
			    mode->Width, mode->Height, mode->BitsPerPixel);
}

static VOID BochsFillModeInformation(PBOCHS_EXTENSION Ext, ULONG ModeIndex,
				     PVIDEO_MODE_INFORMATION Info)
{
	const BOCHS_MODE *mode = BochsMode(Ext, ModeIndex);
	ULONG stride = BochsStride(mode);

	VideoPortZeroMemory(Info, sizeof(VIDEO_MODE_INFORMATION));
	Info->Length = sizeof(VIDEO_MODE_INFORMATION);
	Info->ModeIndex = ModeIndex;
	Info->VisScreenWidth = mode->Width;
	Info->VisScreenHeight = mode->Height;
	Info->ScreenStride = stride;
	Info->NumberOfPlanes = 1;
	Info->BitsPerPlane = mode->BitsPerPixel;
	Info->Frequency = 60;
	Info->XMillimeter = 320;
	Info->YMillimeter = 240;
	if (mode->BitsPerPixel == 8) {
		/* The DAC has 6 bits per gun; the masks stay zero in a palette mode. */
		Info->NumberRedBits = 6;
		Info->NumberGreenBits = 6;
		Info->NumberBlueBits = 6;
	} else if (mode->BitsPerPixel == 16) {
		Info->NumberRedBits = 5;
		Info->NumberGreenBits = 6;
		Info->NumberBlueBits = 5;
		Info->RedMask = 0xF800;
		Info->GreenMask = 0x07E0;
		Info->BlueMask = 0x001F;
	} else {
		Info->NumberRedBits = 8;
		Info->NumberGreenBits = 8;
		Info->NumberBlueBits = 8;
		Info->RedMask = 0xFF0000;
		Info->GreenMask = 0x00FF00;
		Info->BlueMask = 0x0000FF;
	}
	Info->AttributeFlags = VIDEO_MODE_COLOR | VIDEO_MODE_GRAPHICS;
	if (mode->BitsPerPixel == 8)
		Info->AttributeFlags |= VIDEO_MODE_PALETTE_DRIVEN | VIDEO_MODE_MANAGED_PALETTE;
	Info->VideoMemoryBitmapWidth = mode->Width;
	Info->VideoMemoryBitmapHeight = Ext->VideoMemorySize / stride;
}

/* HwVidQueryNamedValueCallback: only a REG_DWORD-sized value is accepted. */
static VP_STATUS BochsRegistryCallback(PVOID HwDeviceExtension, PVOID Context, PWSTR ValueName,
				       PVOID ValueData, ULONG ValueLength)
{
	PBOCHS_REGISTRY_VALUE value = Context;

	if (ValueLength != sizeof(ULONG) || !ValueData)
		return ERROR_INVALID_PARAMETER;
	value->Value = *(PULONG)ValueData;
	value->Found = TRUE;
	return NO_ERROR;
}

static BOOLEAN BochsReadRegistryUlong(PBOCHS_EXTENSION Ext, PWSTR ValueName, PULONG Value)
{
	BOCHS_REGISTRY_VALUE value;

	value.Value = 0;
	value.Found = FALSE;
	if (VideoPortGetRegistryParameters(Ext, ValueName, FALSE, BochsRegistryCallback,
					   &value) != NO_ERROR || !value.Found)
		return FALSE;
	*Value = value.Value;
	return TRUE;
}

/* The index of the offered mode WxHxBpp, or BOCHS_NO_MODE. */
static ULONG BochsFindMode(PBOCHS_EXTENSION Ext, ULONG Width, ULONG Height, ULONG Bpp)
{
	const BOCHS_MODE *mode;
	ULONG i;

	for (i = 0; i < Ext->NumModes; i++) {
		mode = BochsMode(Ext, i);
		if (mode->Width == Width && mode->Height == Height && mode->BitsPerPixel == Bpp)
			return i;
	}
	return BOCHS_NO_MODE;
}

static VOID BochsSetHardwareInformation(PBOCHS_EXTENSION Ext)
{
	ULONG memorySize = Ext->VideoMemorySize;

	if (VideoPortSetRegistryParameters(Ext, L"HardwareInformation.MemorySize", &memorySize,
					   sizeof(memorySize)) != NO_ERROR ||
	    VideoPortSetRegistryParameters(Ext, L"HardwareInformation.ChipType", BochsChipType,
					   sizeof(BochsChipType)) != NO_ERROR ||
	    VideoPortSetRegistryParameters(Ext, L"HardwareInformation.DacType", BochsDacType,
					   sizeof(BochsDacType)) != NO_ERROR)
		VideoPortDebugPrint(Warn, "vp_bochs: cannot write the hardware information\n");
}

static VP_STATUS BochsFindAdapter(PVOID HwDeviceExtension, PVOID HwContext,
				  PWSTR ArgumentString, PVIDEO_PORT_CONFIG_INFO ConfigInfo,
				  PUCHAR Again)
{
	PBOCHS_EXTENSION ext = HwDeviceExtension;
	VIDEO_ACCESS_RANGE ranges[PCI_TYPE0_ADDRESSES];
	VIDEO_ACCESS_RANGE used[2];
	USHORT vendorId = BOCHS_VENDOR_ID;
	USHORT deviceId = BOCHS_DEVICE_ID;
	PVIDEO_ACCESS_RANGE frameBuffer = NULL;
	PVIDEO_ACCESS_RANGE registers = NULL;
	VP_STATUS status;
	ULONG i;

	if (Again)
		*Again = FALSE;
	if (ConfigInfo->Length < sizeof(VIDEO_PORT_CONFIG_INFO))
		return ERROR_INVALID_PARAMETER;

	/* One entry per populated BAR; unused entries stay zero. */
	VideoPortZeroMemory(ranges, sizeof(ranges));
	status = VideoPortGetAccessRanges(ext, 0, NULL, PCI_TYPE0_ADDRESSES, ranges, &vendorId,
					  &deviceId, NULL);
	if (status != NO_ERROR)
		return status;

	/* The framebuffer is the largest memory range, the registers the other one. */
	for (i = 0; i < PCI_TYPE0_ADDRESSES; i++) {
		if (!ranges[i].RangeLength || ranges[i].RangeInIoSpace)
			continue;
		if (!frameBuffer || ranges[i].RangeLength > frameBuffer->RangeLength)
			frameBuffer = &ranges[i];
	}
	for (i = 0; i < PCI_TYPE0_ADDRESSES; i++) {
		if (!ranges[i].RangeLength || ranges[i].RangeInIoSpace ||
		    &ranges[i] == frameBuffer || ranges[i].RangeLength < BOCHS_MMIO_MIN_LENGTH)
			continue;
		if (!registers || ranges[i].RangeLength < registers->RangeLength)
			registers = &ranges[i];
	}
	if (!frameBuffer || !registers) {
		VideoPortDebugPrint(Error, "vp_bochs: no framebuffer and register BARs\n");
		VideoPortVerifyAccessRanges(ext, 0, NULL);
		return ERROR_DEV_NOT_EXIST;
	}

	used[0] = *frameBuffer;
	used[1] = *registers;
	status = VideoPortVerifyAccessRanges(ext, 2, used);
	if (status != NO_ERROR)
		return status;

	ext->FrameBufferPhysical = frameBuffer->RangeStart;
	ext->FrameBufferLength = frameBuffer->RangeLength;
	ext->RegisterLength = registers->RangeLength;
	ext->Registers = VideoPortGetDeviceBase(ext, registers->RangeStart,
						registers->RangeLength,
						VIDEO_MEMORY_SPACE_MEMORY);
	if (!ext->Registers) {
		VideoPortVerifyAccessRanges(ext, 0, NULL);
		return ERROR_INVALID_PARAMETER;
	}

	ext->DispiId = BochsDispiRead(ext, DISPI_INDEX_ID);
	if (ext->DispiId < DISPI_ID_FIRST || ext->DispiId > DISPI_ID_LAST) {
		VideoPortDebugPrint(Error, "vp_bochs: DISPI ID 0x%x is not a Bochs VBE\n",
				    ext->DispiId);
		VideoPortFreeDeviceBase(ext, ext->Registers);
		ext->Registers = NULL;
		VideoPortVerifyAccessRanges(ext, 0, NULL);
		return ERROR_DEV_NOT_EXIST;
	}

	ext->VideoMemorySize = (ULONG)BochsDispiRead(ext, DISPI_INDEX_VIDEO_MEMORY_64K) * 0x10000;
	if (!ext->VideoMemorySize || ext->VideoMemorySize > ext->FrameBufferLength)
		ext->VideoMemorySize = ext->FrameBufferLength;

	ext->NumModes = 0;
	for (i = 0; i < BOCHS_TABLE_MODES; i++) {
		if (BochsModeSize(&BochsModeTable[i]) <= ext->VideoMemorySize)
			ext->ModeTableIndex[ext->NumModes++] = (UCHAR)i;
	}
	ext->CurrentMode = BOCHS_NO_MODE;
	ext->AdapterPowerState = VideoPowerOn;
	ext->MonitorPowerState = VideoPowerOn;

	ext->DefaultXResolution = BOCHS_DEFAULT_XRES;
	ext->DefaultYResolution = BOCHS_DEFAULT_YRES;
	ext->DefaultBitsPerPel = BOCHS_DEFAULT_BPP;
	if (BochsReadRegistryUlong(ext, L"DefaultXResolution", &ext->DefaultXResolution))
		ext->RegistryMode = TRUE;
	if (BochsReadRegistryUlong(ext, L"DefaultYResolution", &ext->DefaultYResolution))
		ext->RegistryMode = TRUE;
	if (BochsReadRegistryUlong(ext, L"DefaultBitsPerPel", &ext->DefaultBitsPerPel))
		ext->RegistryMode = TRUE;

	BochsSetHardwareInformation(ext);

	/* No HwInterrupt: the port driver must not connect one. */
	ConfigInfo->BusInterruptLevel = 0;
	ConfigInfo->BusInterruptVector = 0;

	VideoPortDebugPrint(Info, "vp_bochs: DISPI 0x%x, %u KiB VRAM, %u modes\n", ext->DispiId,
			    ext->VideoMemorySize / 1024, ext->NumModes);
	VideoPortDebugPrint(Info, "vp_bochs: default mode %ux%ux%u%s\n",
			    ext->DefaultXResolution, ext->DefaultYResolution,
			    ext->DefaultBitsPerPel, ext->RegistryMode ? " (registry)" : "");
	return NO_ERROR;
}

static BOOLEAN BochsInitialize(PVOID HwDeviceExtension)
{
	PBOCHS_EXTENSION ext = HwDeviceExtension;
	ULONG mode;

	if (!ext->RegistryMode)
		return TRUE;
	mode = BochsFindMode(ext, ext->DefaultXResolution, ext->DefaultYResolution,
			     ext->DefaultBitsPerPel);
	if (mode == BOCHS_NO_MODE) {
		VideoPortDebugPrint(Warn, "vp_bochs: registry mode %ux%ux%u is not offered\n",
				    ext->DefaultXResolution, ext->DefaultYResolution,
				    ext->DefaultBitsPerPel);
		return TRUE;
	}
	BochsSetMode(ext, mode, FALSE);
	return TRUE;
}

static VP_STATUS BochsQueryNumAvailModes(PBOCHS_EXTENSION Ext, PVIDEO_REQUEST_PACKET Rp)
{
	PVIDEO_NUM_MODES numModes = Rp->OutputBuffer;

	if (Rp->OutputBufferLength < sizeof(VIDEO_NUM_MODES))
		return ERROR_INSUFFICIENT_BUFFER;
	numModes->NumModes = Ext->NumModes;
	numModes->ModeInformationLength = sizeof(VIDEO_MODE_INFORMATION);
	Rp->StatusBlock->Information = sizeof(VIDEO_NUM_MODES);
	return NO_ERROR;
}

static VP_STATUS BochsQueryAvailModes(PBOCHS_EXTENSION Ext, PVIDEO_REQUEST_PACKET Rp)
{
	PVIDEO_MODE_INFORMATION modes = Rp->OutputBuffer;
	ULONG i;

	if (Rp->OutputBufferLength < Ext->NumModes * sizeof(VIDEO_MODE_INFORMATION))
		return ERROR_INSUFFICIENT_BUFFER;
	for (i = 0; i < Ext->NumModes; i++)
		BochsFillModeInformation(Ext, i, &modes[i]);
	Rp->StatusBlock->Information = Ext->NumModes * sizeof(VIDEO_MODE_INFORMATION);
	return NO_ERROR;
}

static VP_STATUS BochsQueryCurrentMode(PBOCHS_EXTENSION Ext, PVIDEO_REQUEST_PACKET Rp)
{
	if (Rp->OutputBufferLength < sizeof(VIDEO_MODE_INFORMATION))
		return ERROR_INSUFFICIENT_BUFFER;
	/* VGA text mode is not one of the modes this miniport offers. */
	if (Ext->CurrentMode == BOCHS_NO_MODE)
		return ERROR_INVALID_FUNCTION;
	BochsFillModeInformation(Ext, Ext->CurrentMode, Rp->OutputBuffer);
	Rp->StatusBlock->Information = sizeof(VIDEO_MODE_INFORMATION);
	return NO_ERROR;
}

static VP_STATUS BochsSetCurrentMode(PBOCHS_EXTENSION Ext, PVIDEO_REQUEST_PACKET Rp)
{
	ULONG requested, mode;

	if (Rp->InputBufferLength < sizeof(VIDEO_MODE))
		return ERROR_INSUFFICIENT_BUFFER;
	requested = ((PVIDEO_MODE)Rp->InputBuffer)->RequestedMode;
	mode = requested & ~(VIDEO_MODE_NO_ZERO_MEMORY | VIDEO_MODE_MAP_MEM_LINEAR);
	if (mode >= Ext->NumModes)
		return ERROR_INVALID_PARAMETER;
	BochsSetMode(Ext, mode, (requested & VIDEO_MODE_NO_ZERO_MEMORY) != 0);
	return NO_ERROR;
}

/*
 * All of VRAM, write-combined. VirtualAddress goes in as the process handle
 * (NULL: system space) and comes back as the mapping.
 */
static VP_STATUS BochsMapVideoMemory(PBOCHS_EXTENSION Ext, PVIDEO_REQUEST_PACKET Rp)
{
	PVIDEO_MEMORY_INFORMATION info = Rp->OutputBuffer;
	PVOID requested;
	ULONG length, inIoSpace;
	VP_STATUS status;

	if (Rp->InputBufferLength < sizeof(VIDEO_MEMORY) ||
	    Rp->OutputBufferLength < sizeof(VIDEO_MEMORY_INFORMATION))
		return ERROR_INSUFFICIENT_BUFFER;
	/* Input and output share the buffer: read everything first. */
	requested = ((PVIDEO_MEMORY)Rp->InputBuffer)->RequestedVirtualAddress;

	length = Ext->VideoMemorySize;
	inIoSpace = VIDEO_MEMORY_SPACE_MEMORY | VIDEO_MEMORY_SPACE_P6CACHE;
	info->VideoRamBase = requested;
	status = VideoPortMapMemory(Ext, Ext->FrameBufferPhysical, &length, &inIoSpace,
				    &info->VideoRamBase);
	if (status != NO_ERROR)
		return status;
	info->VideoRamLength = length;
	info->FrameBufferBase = info->VideoRamBase;
	if (Ext->CurrentMode != BOCHS_NO_MODE)
		info->FrameBufferLength = BochsModeSize(BochsMode(Ext, Ext->CurrentMode));
	else
		info->FrameBufferLength = Ext->VideoMemorySize;
	Rp->StatusBlock->Information = sizeof(VIDEO_MEMORY_INFORMATION);
	return NO_ERROR;
}

static VP_STATUS BochsUnmapVideoMemory(PBOCHS_EXTENSION Ext, PVIDEO_REQUEST_PACKET Rp)
{
	if (Rp->InputBufferLength < sizeof(VIDEO_MEMORY))
		return ERROR_INSUFFICIENT_BUFFER;
	return VideoPortUnmapMemory(Ext, ((PVIDEO_MEMORY)Rp->InputBuffer)->RequestedVirtualAddress,
				    NULL);
}

/*
 * A view of VRAM for a user process, in 64 KiB units as far as VRAM allows.
 * VirtualAddress goes in as the process handle, so the view lands where the
 * system puts it: RequestedVirtualAddress is not honoured.
 */
static VP_STATUS BochsShareVideoMemory(PBOCHS_EXTENSION Ext, PVIDEO_REQUEST_PACKET Rp)
{
	PVIDEO_SHARE_MEMORY share = Rp->InputBuffer;
	PVIDEO_SHARE_MEMORY_INFORMATION info = Rp->OutputBuffer;
	PHYSICAL_ADDRESS physical;
	ULONG offset, length, inIoSpace;
	PVOID virtualAddress;
	VP_STATUS status;

	if (Rp->InputBufferLength < sizeof(VIDEO_SHARE_MEMORY) ||
	    Rp->OutputBufferLength < sizeof(VIDEO_SHARE_MEMORY_INFORMATION))
		return ERROR_INSUFFICIENT_BUFFER;
	/* Input and output share the buffer: read everything first. */
	virtualAddress = share->ProcessHandle;
	offset = share->ViewOffset;
	length = share->ViewSize;
	if (!length || offset > Ext->VideoMemorySize || length > Ext->VideoMemorySize - offset)
		return ERROR_INVALID_PARAMETER;

	length = (length + 0xFFFF) & ~0xFFFFU;
	if (!length || length > Ext->VideoMemorySize - offset)
		length = Ext->VideoMemorySize - offset;
	physical = Ext->FrameBufferPhysical;
	physical.QuadPart += offset;
	inIoSpace = VIDEO_MEMORY_SPACE_USER_MODE | VIDEO_MEMORY_SPACE_P6CACHE;
	status = VideoPortMapMemory(Ext, physical, &length, &inIoSpace, &virtualAddress);
	if (status != NO_ERROR)
		return status;
	info->SharedViewOffset = offset;
	info->SharedViewSize = length;
	info->VirtualAddress = virtualAddress;
	Rp->StatusBlock->Information = sizeof(VIDEO_SHARE_MEMORY_INFORMATION);
	return NO_ERROR;
}

static VP_STATUS BochsUnshareVideoMemory(PBOCHS_EXTENSION Ext, PVIDEO_REQUEST_PACKET Rp)
{
	PVIDEO_SHARE_MEMORY share = Rp->InputBuffer;

	if (Rp->InputBufferLength < sizeof(VIDEO_SHARE_MEMORY))
		return ERROR_INSUFFICIENT_BUFFER;
	return VideoPortUnmapMemory(Ext, share->RequestedVirtualAddress, share->ProcessHandle);
}

static VP_STATUS BochsResetDevice(PBOCHS_EXTENSION Ext)
{
	BochsDisable(Ext);
	Ext->CurrentMode = BOCHS_NO_MODE;
	return NO_ERROR;
}

/* The DAC takes 6 bits per gun; VIDEO_CLUT carries 8. */
static VP_STATUS BochsSetColorRegisters(PBOCHS_EXTENSION Ext, PVIDEO_REQUEST_PACKET Rp)
{
	PVIDEO_CLUT clut = Rp->InputBuffer;
	ULONG i;

	if (Rp->InputBufferLength < (ULONG)FIELD_OFFSET(VIDEO_CLUT, LookupTable) ||
	    Rp->InputBufferLength < (ULONG)FIELD_OFFSET(VIDEO_CLUT, LookupTable) +
				    clut->NumEntries * sizeof(ULONG))
		return ERROR_INSUFFICIENT_BUFFER;
	if ((ULONG)clut->FirstEntry + clut->NumEntries > VGA_DAC_ENTRIES)
		return ERROR_INVALID_PARAMETER;
	BochsVgaWrite(Ext, VGA_DAC_WRITE_INDEX, (UCHAR)clut->FirstEntry);
	for (i = 0; i < clut->NumEntries; i++) {
		BochsVgaWrite(Ext, VGA_DAC_DATA, clut->LookupTable[i].RgbArray.Red >> 2);
		BochsVgaWrite(Ext, VGA_DAC_DATA, clut->LookupTable[i].RgbArray.Green >> 2);
		BochsVgaWrite(Ext, VGA_DAC_DATA, clut->LookupTable[i].RgbArray.Blue >> 2);
	}
	return NO_ERROR;
}

/* The 16 attribute-controller palette registers (legacy VGA modes). */
static VP_STATUS BochsSetPaletteRegisters(PBOCHS_EXTENSION Ext, PVIDEO_REQUEST_PACKET Rp)
{
	PVIDEO_PALETTE_DATA palette = Rp->InputBuffer;
	ULONG i;

	if (Rp->InputBufferLength < (ULONG)FIELD_OFFSET(VIDEO_PALETTE_DATA, Colors) ||
	    Rp->InputBufferLength < (ULONG)FIELD_OFFSET(VIDEO_PALETTE_DATA, Colors) +
				    palette->NumEntries * sizeof(USHORT))
		return ERROR_INSUFFICIENT_BUFFER;
	if ((ULONG)palette->FirstEntry + palette->NumEntries > VGA_PALETTE_REGISTERS)
		return ERROR_INVALID_PARAMETER;
	BochsVgaRead(Ext, VGA_INPUT_STATUS_1);
	for (i = 0; i < palette->NumEntries; i++) {
		BochsVgaWrite(Ext, VGA_ATTRIBUTE_INDEX, (UCHAR)(palette->FirstEntry + i));
		BochsVgaWrite(Ext, VGA_ATTRIBUTE_INDEX, (UCHAR)palette->Colors[i]);
	}
	BochsUnblank(Ext);
	return NO_ERROR;
}

static BOOLEAN BochsStartIO(PVOID HwDeviceExtension, PVIDEO_REQUEST_PACKET RequestPacket)
{
	PBOCHS_EXTENSION ext = HwDeviceExtension;
	VP_STATUS status;

	VideoDebugPrint((Trace, "vp_bochs: request 0x%x\n", RequestPacket->IoControlCode));
	RequestPacket->StatusBlock->Information = 0;
	switch (RequestPacket->IoControlCode) {
	case IOCTL_VIDEO_QUERY_NUM_AVAIL_MODES:
		status = BochsQueryNumAvailModes(ext, RequestPacket);
		break;
	case IOCTL_VIDEO_QUERY_AVAIL_MODES:
		status = BochsQueryAvailModes(ext, RequestPacket);
		break;
	case IOCTL_VIDEO_QUERY_CURRENT_MODE:
		status = BochsQueryCurrentMode(ext, RequestPacket);
		break;
	case IOCTL_VIDEO_SET_CURRENT_MODE:
		status = BochsSetCurrentMode(ext, RequestPacket);
		break;
	case IOCTL_VIDEO_MAP_VIDEO_MEMORY:
		status = BochsMapVideoMemory(ext, RequestPacket);
		break;
	case IOCTL_VIDEO_UNMAP_VIDEO_MEMORY:
		status = BochsUnmapVideoMemory(ext, RequestPacket);
		break;
	case IOCTL_VIDEO_SHARE_VIDEO_MEMORY:
		status = BochsShareVideoMemory(ext, RequestPacket);
		break;
	case IOCTL_VIDEO_UNSHARE_VIDEO_MEMORY:
		status = BochsUnshareVideoMemory(ext, RequestPacket);
		break;
	case IOCTL_VIDEO_RESET_DEVICE:
		status = BochsResetDevice(ext);
		break;
	case IOCTL_VIDEO_SET_COLOR_REGISTERS:
		status = BochsSetColorRegisters(ext, RequestPacket);
		break;
	case IOCTL_VIDEO_SET_PALETTE_REGISTERS:
		status = BochsSetPaletteRegisters(ext, RequestPacket);
		break;
	default:
		/* Unsupported: ERROR_INVALID_FUNCTION, no data, and still TRUE. */
		status = ERROR_INVALID_FUNCTION;
		break;
	}
	RequestPacket->StatusBlock->Status = status;
	return TRUE;
}

/* Called at shutdown or crash time, at any IRQL: register writes only. */
static BOOLEAN BochsResetHw(PVOID HwDeviceExtension, ULONG Columns, ULONG Rows)
{
	PBOCHS_EXTENSION ext = HwDeviceExtension;

	if (ext->Registers)
		BochsDisable(ext);
	return TRUE;
}

static BOOLEAN BochsKnownPowerState(ULONG PowerState)
{
	return PowerState >= VideoPowerOn && PowerState <= VideoPowerShutdown;
}

static VP_STATUS BochsGetPowerState(PVOID HwDeviceExtension, ULONG HwId,
				    PVIDEO_POWER_MANAGEMENT VideoPowerControl)
{
	PBOCHS_EXTENSION ext = HwDeviceExtension;

	ext->PowerQueries++;
	if ((HwId == DISPLAY_ADAPTER_HW_ID || HwId == BOCHS_MONITOR_UID) &&
	    BochsKnownPowerState(VideoPowerControl->PowerState))
		return NO_ERROR;
	return ERROR_DEVICE_REINITIALIZATION_NEEDED;
}

/*
 * The adapter is switched off for Suspend, Off and Shutdown and set back to
 * its mode, VRAM kept, for On. Hibernate is a notification only: the
 * adapter must stay on. The emulated monitor has no power control.
 */
static VP_STATUS BochsSetPowerState(PVOID HwDeviceExtension, ULONG HwId,
				    PVIDEO_POWER_MANAGEMENT VideoPowerControl)
{
	PBOCHS_EXTENSION ext = HwDeviceExtension;
	ULONG state = VideoPowerControl->PowerState;

	ext->PowerTransitions++;
	VideoPortDebugPrint(Info, "vp_bochs: %s power state %u (transition %u)\n",
			    HwId == DISPLAY_ADAPTER_HW_ID ? "adapter" :
			    HwId == BOCHS_MONITOR_UID ? "monitor" : "unknown child",
			    state, ext->PowerTransitions);
	if (HwId != DISPLAY_ADAPTER_HW_ID) {
		if (HwId == BOCHS_MONITOR_UID)
			ext->MonitorPowerState = state;
		return NO_ERROR;
	}
	ext->AdapterPowerState = state;
	switch (state) {
	case VideoPowerOn:
		if (ext->CurrentMode != BOCHS_NO_MODE)
			BochsProgramMode(ext, ext->CurrentMode, TRUE);
		break;
	case VideoPowerSuspend:
	case VideoPowerOff:
	case VideoPowerShutdown:
		BochsDispiWrite(ext, DISPI_INDEX_ENABLE, DISPI_DISABLED);
		break;
	default:
		break;
	}
	return NO_ERROR;
}

/* Copy QEMU's EDID into the descriptor, or leave it zeroed if there is none. */
static VOID BochsReadEdid(PBOCHS_EXTENSION Ext, PUCHAR Descriptor, ULONG DescriptorSize)
{
	UCHAR header[sizeof(BochsEdidHeader)];
	ULONG length = 0;

	VideoPortZeroMemory(Descriptor, DescriptorSize);
	VideoPortReadRegisterBufferUchar(Ext->Registers + BOCHS_MMIO_EDID, header,
					 sizeof(header));
	Ext->EdidValid = VideoPortCompareMemory(header, BochsEdidHeader, sizeof(header)) ==
			 sizeof(header);
	if (Ext->EdidValid && DescriptorSize >= EDID_BLOCK_SIZE) {
		length = EDID_BLOCK_SIZE;
		VideoPortReadRegisterBufferUchar(Ext->Registers + BOCHS_MMIO_EDID, Descriptor,
						 length);
		if (Descriptor[EDID_EXTENSION_COUNT] && DescriptorSize >= 2 * EDID_BLOCK_SIZE &&
		    Ext->RegisterLength >= BOCHS_MMIO_EDID + 2 * EDID_BLOCK_SIZE) {
			length = 2 * EDID_BLOCK_SIZE;
			VideoPortReadRegisterBufferUchar(Ext->Registers + BOCHS_MMIO_EDID +
							 EDID_BLOCK_SIZE,
							 Descriptor + EDID_BLOCK_SIZE,
							 EDID_BLOCK_SIZE);
		}
	}
	Ext->EdidLength = length;
	if (!Ext->EdidLogged) {
		Ext->EdidLogged = TRUE;
		if (Ext->EdidValid)
			VideoPortDebugPrint(Info, "vp_bochs: monitor EDID found, %u bytes reported\n",
					    length);
		else
			VideoPortDebugPrint(Info, "vp_bochs: monitor without EDID\n");
	}
}

/* One child, the monitor, at index 1; index 0 would be an ACPI-listed one. */
static VP_STATUS BochsGetChildDescriptor(PVOID HwDeviceExtension,
					 PVIDEO_CHILD_ENUM_INFO ChildEnumInfo,
					 PVIDEO_CHILD_TYPE VideoChildType,
					 PUCHAR pChildDescriptor, PULONG UId, PULONG pUnused)
{
	PBOCHS_EXTENSION ext = HwDeviceExtension;

	switch (ChildEnumInfo->ChildIndex) {
	case 0:
		return VIDEO_ENUM_INVALID_DEVICE;
	case 1:
		*VideoChildType = Monitor;
		*UId = BOCHS_MONITOR_UID;
		if (pUnused)
			*pUnused = 0;
		BochsReadEdid(ext, pChildDescriptor, ChildEnumInfo->ChildDescriptorSize);
		return VIDEO_ENUM_MORE_DEVICES;
	default:
		return VIDEO_ENUM_NO_MORE_DEVICES;
	}
}

ULONG DriverEntry(PVOID Context1, PVOID Context2)
{
	VIDEO_HW_INITIALIZATION_DATA init;

	VideoPortZeroMemory(&init, sizeof(init));
	init.HwInitDataSize = sizeof(init);
	init.AdapterInterfaceType = PCIBus;
	init.HwFindAdapter = BochsFindAdapter;
	init.HwInitialize = BochsInitialize;
	init.HwStartIO = BochsStartIO;
	init.HwResetHw = BochsResetHw;
	init.HwGetPowerState = BochsGetPowerState;
	init.HwSetPowerState = BochsSetPowerState;
	init.HwGetVideoChildDescriptor = BochsGetChildDescriptor;
	init.HwDeviceExtensionSize = sizeof(BOCHS_EXTENSION);
	return VideoPortInitialize(Context1, Context2, &init, NULL);
}
