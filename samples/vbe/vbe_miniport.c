// SPDX-License-Identifier: GPL-2.0
/*
 * vbe_miniport.c - a VESA BIOS Extensions miniport, written the Windows way:
 * it knows no register of the adapter and does everything through the
 * adapter's video BIOS (VideoPortQueryServices' Int10 interface and
 * VideoPortInt10), the way the VGA-compatible and VBE miniports of Windows
 * drive adapters they know nothing else about.
 *
 * HwFindAdapter asks the BIOS for its controller information (4F00) and
 * for each mode it lists (4F01), in a buffer from Int10AllocateBuffer, and
 * keeps the graphics modes with a linear framebuffer (8, 16, 24 and 32 bits
 * per pixel). HwStartIO sets them with 4F02 (linear framebuffer bit),
 * programs the palette of 8-bit modes with 4F09 (or INT 10h AX=1012h where
 * the BIOS lacks 4F09), maps the framebuffer, and returns to VGA text mode
 * with INT 10h AX=0003 for IOCTL_VIDEO_RESET_DEVICE.
 *
 * One thing no BIOS offers is a hardware pointer. Like the VGA miniports
 * that know a chip or two, this one drives the pointer of the Cirrus Logic
 * CL-GD54xx when it finds one (PCI vendor 1013h): a 32x32 two-plane pattern
 * in the last 16 KiB of video memory, placed with the extended sequencer
 * registers, its two colours in the hidden DAC entries.
 */

#include "dderror.h"
#include "devioctl.h"
#include "miniport.h"
#include "ntddvdeo.h"
#include "video.h"

#define VBE_SUCCESS			0x004F
#define VBE_GET_CONTROLLER_INFO		0x4F00
#define VBE_GET_MODE_INFO		0x4F01
#define VBE_SET_MODE			0x4F02
#define VBE_PALETTE_DATA		0x4F09

#define VBE_MODE_LINEAR			0x4000	/* 4F02 BX: use the linear framebuffer */
#define VBE_MODE_KEEP_MEMORY		0x8000	/* 4F02 BX: do not clear video memory */
#define VBE_END_OF_LIST			0xFFFF

/* ModeAttributes */
#define VBE_ATTR_SUPPORTED		0x0001
#define VBE_ATTR_GRAPHICS		0x0010
#define VBE_ATTR_LINEAR			0x0080

/* MemoryModel */
#define VBE_MODEL_PACKED		0x04
#define VBE_MODEL_DIRECT		0x06

/* Capabilities: the DAC can be switched to 8 bits per gun. */
#define VBE_CAP_DAC8			0x01

/* The CL-GD54xx hardware pointer (extended sequencer registers). */
#define CIRRUS_VENDOR_ID		0x1013
#define VGA_SEQUENCER_PORT		0x3C4	/* index, then data at 3C5 */
#define VGA_DAC_WRITE_PORT		0x3C8	/* write index, then data at 3C9 */
#define CIRRUS_SR_UNLOCK		0x06	/* 12h unlocks the extensions */
#define CIRRUS_SR_POINTER_X		0x10	/* bits 7-5 of the index: x bits 2-0 */
#define CIRRUS_SR_POINTER_Y		0x11
#define CIRRUS_SR_POINTER_CONTROL	0x12
#define CIRRUS_SR_POINTER_PATTERN	0x13
#define CIRRUS_POINTER_SHOW		0x01
#define CIRRUS_POINTER_HIDDEN_DAC	0x02
#define CIRRUS_POINTER_SIZE		32
#define CIRRUS_POINTER_AREA		0x4000	/* at the end of video memory */
#define CIRRUS_POINTER_PLANE		(CIRRUS_POINTER_SIZE * CIRRUS_POINTER_SIZE / 8)

#define VBE_MAX_MODES			128
#define VBE_MAX_LISTED			256	/* mode numbers read from the list */
#define VBE_NO_MODE			0xFFFFFFFF
#define VGA_DAC_ENTRIES			256

#include "pshpack1.h"
/* What 4F00 writes at ES:DI (VBE 2.0 and later: 512 bytes). */
typedef struct _VBE_INFO {
	UCHAR Signature[4];		/* "VESA"; "VBE2" asks for the 2.0 block */
	USHORT Version;
	ULONG OemString;		/* real-mode far pointers, offset low */
	ULONG Capabilities;
	ULONG VideoModes;
	USHORT TotalMemory;		/* 64 KiB units */
	USHORT OemSoftwareRevision;
	ULONG OemVendorName;
	ULONG OemProductName;
	ULONG OemProductRevision;
	UCHAR Reserved[222];
	UCHAR OemData[256];
} VBE_INFO, *PVBE_INFO;

/* What 4F01 writes at ES:DI (256 bytes). */
typedef struct _VBE_MODE_INFO {
	USHORT ModeAttributes;
	UCHAR WinAAttributes;
	UCHAR WinBAttributes;
	USHORT WinGranularity;
	USHORT WinSize;
	USHORT WinASegment;
	USHORT WinBSegment;
	ULONG WinFuncPtr;
	USHORT BytesPerScanLine;
	USHORT XResolution;
	USHORT YResolution;
	UCHAR XCharSize;
	UCHAR YCharSize;
	UCHAR NumberOfPlanes;
	UCHAR BitsPerPixel;
	UCHAR NumberOfBanks;
	UCHAR MemoryModel;
	UCHAR BankSize;
	UCHAR NumberOfImagePages;
	UCHAR Reserved0;
	UCHAR RedMaskSize;
	UCHAR RedFieldPosition;
	UCHAR GreenMaskSize;
	UCHAR GreenFieldPosition;
	UCHAR BlueMaskSize;
	UCHAR BlueFieldPosition;
	UCHAR RsvdMaskSize;
	UCHAR RsvdFieldPosition;
	UCHAR DirectColorModeInfo;
	ULONG PhysBasePtr;
	ULONG Reserved1;
	USHORT Reserved2;
	USHORT LinBytesPerScanLine;	/* VBE 3.0 */
	UCHAR Reserved3[204];
} VBE_MODE_INFO, *PVBE_MODE_INFO;

/* 4F09's palette entries: blue, green, red, alignment. */
typedef struct _VBE_PALETTE_ENTRY {
	UCHAR Blue;
	UCHAR Green;
	UCHAR Red;
	UCHAR Alignment;
} VBE_PALETTE_ENTRY;
#include "poppack.h"

C_ASSERT(sizeof(VBE_INFO) == 512);
C_ASSERT(sizeof(VBE_MODE_INFO) == 256);

typedef struct _VBE_MODE {
	USHORT Number;			/* the BIOS's mode number */
	USHORT Width;
	USHORT Height;
	USHORT BitsPerPixel;		/* 8, 15, 16, 24 or 32 */
	ULONG Stride;
	ULONG RedMask;
	ULONG GreenMask;
	ULONG BlueMask;
	ULONG FrameBuffer;		/* PhysBasePtr */
} VBE_MODE, *PVBE_MODE;

typedef struct _VBE_EXTENSION {
	VIDEO_PORT_INT10_INTERFACE Int10;
	USHORT BufferSegment;		/* from Int10AllocateBuffer, kept until unbind */
	USHORT BufferOffset;
	ULONG BufferLength;

	USHORT Version;			/* BCD, 0x0300 for VBE 3.0 */
	ULONG Capabilities;
	ULONG VideoMemorySize;
	PHYSICAL_ADDRESS FrameBufferPhysical;
	ULONG FrameBufferLength;	/* the BAR that holds the LFB */

	ULONG NumModes;
	VBE_MODE Modes[VBE_MAX_MODES];
	ULONG CurrentMode;		/* VBE_NO_MODE in VGA text mode */
	BOOLEAN PaletteByVbe;		/* 4F09 worked; otherwise INT 10h AX=1012h */
	BOOLEAN PaletteTried;

	/* The Cirrus hardware pointer; Pointer FALSE on other adapters. */
	BOOLEAN Pointer;
	BOOLEAN PointerEnabled;
	PUCHAR SequencerPort;
	PUCHAR DacPort;
	PUCHAR PointerPattern;		/* pattern 0: plane 0, then plane 1 */
	VIDEO_POINTER_POSITION PointerPosition;
	UCHAR PointerPlanes[2 * CIRRUS_POINTER_PLANE];

	/* Copies of what the BIOS writes, kept here rather than on the stack. */
	VBE_INFO Info;
	VBE_MODE_INFO ModeInfo;
	USHORT ModeList[VBE_MAX_LISTED];
	union {
		VBE_PALETTE_ENTRY Vbe[VGA_DAC_ENTRIES];
		UCHAR Vga[VGA_DAC_ENTRIES * 3];
	} Palette;
} VBE_EXTENSION, *PVBE_EXTENSION;

/* A real-mode far pointer (segment high, offset low) as segment and offset. */
static VOID VbeFarPointer(ULONG Pointer, PUSHORT Segment, PUSHORT Offset)
{
	*Segment = (USHORT)(Pointer >> 16);
	*Offset = (USHORT)(Pointer & 0xFFFF);
}

static ULONG VbeMask(UCHAR Size, UCHAR Position)
{
	if (!Size || Size + Position > 32)
		return 0;
	return ((Size == 32 ? 0xFFFFFFFF : ((1U << Size) - 1)) << Position);
}

/* A VBE function through Int10CallBios with ES:DI on the buffer. */
static VP_STATUS VbeCall(PVBE_EXTENSION Ext, PINT10_BIOS_ARGUMENTS Args)
{
	VP_STATUS status;

	Args->SegEs = Ext->BufferSegment;
	Args->Edi = Ext->BufferOffset;
	status = Ext->Int10.Int10CallBios(Ext->Int10.Context, Args);
	if (status != NO_ERROR)
		return status;
	return (Args->Eax & 0xFFFF) == VBE_SUCCESS ? NO_ERROR : ERROR_INVALID_FUNCTION;
}

static VP_STATUS VbeControllerInfo(PVBE_EXTENSION Ext, PVBE_INFO Info)
{
	INT10_BIOS_ARGUMENTS args;
	VP_STATUS status;

	VideoPortZeroMemory(Info, sizeof(*Info));
	Info->Signature[0] = 'V';
	Info->Signature[1] = 'B';
	Info->Signature[2] = 'E';
	Info->Signature[3] = '2';
	status = Ext->Int10.Int10WriteMemory(Ext->Int10.Context, Ext->BufferSegment,
					     Ext->BufferOffset, Info, sizeof(*Info));
	if (status != NO_ERROR)
		return status;
	VideoPortZeroMemory(&args, sizeof(args));
	args.Eax = VBE_GET_CONTROLLER_INFO;
	status = VbeCall(Ext, &args);
	if (status != NO_ERROR)
		return status;
	status = Ext->Int10.Int10ReadMemory(Ext->Int10.Context, Ext->BufferSegment,
					    Ext->BufferOffset, Info, sizeof(*Info));
	if (status != NO_ERROR)
		return status;
	if (Info->Signature[0] != 'V' || Info->Signature[1] != 'E' ||
	    Info->Signature[2] != 'S' || Info->Signature[3] != 'A')
		return ERROR_DEV_NOT_EXIST;
	return NO_ERROR;
}

static VP_STATUS VbeModeInfo(PVBE_EXTENSION Ext, USHORT Mode, PVBE_MODE_INFO Info)
{
	INT10_BIOS_ARGUMENTS args;
	VP_STATUS status;

	VideoPortZeroMemory(Info, sizeof(*Info));
	status = Ext->Int10.Int10WriteMemory(Ext->Int10.Context, Ext->BufferSegment,
					     Ext->BufferOffset, Info, sizeof(*Info));
	if (status != NO_ERROR)
		return status;
	VideoPortZeroMemory(&args, sizeof(args));
	args.Eax = VBE_GET_MODE_INFO;
	args.Ecx = Mode;
	status = VbeCall(Ext, &args);
	if (status != NO_ERROR)
		return status;
	return Ext->Int10.Int10ReadMemory(Ext->Int10.Context, Ext->BufferSegment,
					  Ext->BufferOffset, Info, sizeof(*Info));
}

/* Keep the mode if it is a linear-framebuffer graphics mode the miniport can describe. */
static BOOLEAN VbeAddMode(PVBE_EXTENSION Ext, USHORT Number, PVBE_MODE_INFO Info)
{
	PVBE_MODE mode;
	ULONG stride, bpp;

	if ((Info->ModeAttributes & (VBE_ATTR_SUPPORTED | VBE_ATTR_GRAPHICS | VBE_ATTR_LINEAR)) !=
	    (VBE_ATTR_SUPPORTED | VBE_ATTR_GRAPHICS | VBE_ATTR_LINEAR) || !Info->PhysBasePtr)
		return FALSE;
	bpp = Info->BitsPerPixel;
	if (!((bpp == 8 && Info->MemoryModel == VBE_MODEL_PACKED) ||
	      ((bpp == 15 || bpp == 16 || bpp == 24 || bpp == 32) &&
	       Info->MemoryModel == VBE_MODEL_DIRECT)))
		return FALSE;
	stride = Info->BytesPerScanLine;
	if (Ext->Version >= 0x0300 && Info->LinBytesPerScanLine)
		stride = Info->LinBytesPerScanLine;
	if (!Info->XResolution || !Info->YResolution ||
	    stride < (ULONG)Info->XResolution * ((bpp + 7) / 8) ||
	    stride * Info->YResolution > Ext->VideoMemorySize ||
	    Ext->NumModes == VBE_MAX_MODES)
		return FALSE;
	mode = &Ext->Modes[Ext->NumModes++];
	mode->Number = Number;
	mode->Width = Info->XResolution;
	mode->Height = Info->YResolution;
	mode->BitsPerPixel = (USHORT)bpp;
	mode->Stride = stride;
	mode->FrameBuffer = Info->PhysBasePtr;
	mode->RedMask = VbeMask(Info->RedMaskSize, Info->RedFieldPosition);
	mode->GreenMask = VbeMask(Info->GreenMaskSize, Info->GreenFieldPosition);
	mode->BlueMask = VbeMask(Info->BlueMaskSize, Info->BlueFieldPosition);
	return TRUE;
}

/* Every mode of the BIOS's list, asked one by one. */
static VP_STATUS VbeFindModes(PVBE_EXTENSION Ext, PVBE_INFO VbeInfo)
{
	PUSHORT list = Ext->ModeList;
	PVBE_MODE_INFO modeInfo = &Ext->ModeInfo;
	USHORT segment, offset;
	ULONG i, listed;
	VP_STATUS status;

	/* The list is in the ROM or in the buffer the 4F00 block took; copy it first. */
	VbeFarPointer(VbeInfo->VideoModes, &segment, &offset);
	status = Ext->Int10.Int10ReadMemory(Ext->Int10.Context, segment, offset, list,
					    sizeof(Ext->ModeList));
	if (status != NO_ERROR)
		return status;
	for (listed = 0; listed < VBE_MAX_LISTED && list[listed] != VBE_END_OF_LIST; listed++)
		;
	for (i = 0; i < listed; i++) {
		status = VbeModeInfo(Ext, list[i], modeInfo);
		if (status != NO_ERROR) {
			VideoPortDebugPrint(Warn, "vp_vbe: 4F01 for mode 0x%x failed (%u)\n",
					    list[i], status);
			continue;
		}
		if (VbeAddMode(Ext, list[i], modeInfo))
			VideoPortDebugPrint(Info, "vp_vbe: mode 0x%x: %ux%ux%u stride %u, LFB 0x%x\n",
					    list[i], modeInfo->XResolution, modeInfo->YResolution,
					    modeInfo->BitsPerPixel,
					    Ext->Modes[Ext->NumModes - 1].Stride,
					    modeInfo->PhysBasePtr);
	}
	VideoPortDebugPrint(Info, "vp_vbe: %u modes listed by the BIOS, %u kept\n", listed,
			    Ext->NumModes);
	return Ext->NumModes ? NO_ERROR : ERROR_DEV_NOT_EXIST;
}

/* The memory BAR that holds the framebuffer of the modes. */
static BOOLEAN VbeFindFrameBuffer(PVBE_EXTENSION Ext, PVIDEO_ACCESS_RANGE Ranges, ULONG Count)
{
	ULONGLONG lfb = Ext->Modes[0].FrameBuffer, start;
	ULONG i;

	for (i = 0; i < Count; i++) {
		start = Ranges[i].RangeStart.QuadPart;
		if (Ranges[i].RangeLength && !Ranges[i].RangeInIoSpace && lfb >= start &&
		    lfb - start < Ranges[i].RangeLength) {
			Ext->FrameBufferPhysical.QuadPart = lfb;
			Ext->FrameBufferLength = (ULONG)(Ranges[i].RangeLength - (lfb - start));
			if (Ext->VideoMemorySize > Ext->FrameBufferLength)
				Ext->VideoMemorySize = Ext->FrameBufferLength;
			return TRUE;
		}
	}
	return FALSE;
}

/* ---- The Cirrus hardware pointer ---- */

static VOID CirrusWriteSequencer(PVBE_EXTENSION Ext, UCHAR Index, UCHAR Value)
{
	VideoPortWritePortUchar(Ext->SequencerPort, Index);
	VideoPortWritePortUchar(Ext->SequencerPort + 1, Value);
}

/* Map the ports and the pattern; without them there is no pointer. */
static VOID VbeCirrusPointerFind(PVBE_EXTENSION Ext, PVIDEO_ACCESS_RANGE Claims)
{
	PHYSICAL_ADDRESS pattern = Ext->FrameBufferPhysical;

	pattern.QuadPart += Ext->VideoMemorySize - CIRRUS_POINTER_AREA;
	Ext->SequencerPort = VideoPortGetDeviceBase(Ext, Claims[1].RangeStart, 2,
						    VIDEO_MEMORY_SPACE_IO);
	Ext->DacPort = VideoPortGetDeviceBase(Ext, Claims[2].RangeStart, 2,
					      VIDEO_MEMORY_SPACE_IO);
	Ext->PointerPattern = VideoPortGetDeviceBase(Ext, pattern, 2 * CIRRUS_POINTER_PLANE,
						     VIDEO_MEMORY_SPACE_MEMORY);
	Ext->Pointer = Ext->SequencerPort && Ext->DacPort && Ext->PointerPattern;
	VideoPortDebugPrint(Info, "vp_vbe: Cirrus Logic adapter: %s\n", Ext->Pointer ?
			    "32x32 hardware pointer" : "no pointer (mapping failed)");
}

/* Show or hide the pointer: pattern 0, 32x32. */
static VOID CirrusPointerShow(PVBE_EXTENSION Ext, BOOLEAN Show)
{
	CirrusWriteSequencer(Ext, CIRRUS_SR_UNLOCK, 0x12);
	CirrusWriteSequencer(Ext, CIRRUS_SR_POINTER_PATTERN, 0);
	CirrusWriteSequencer(Ext, CIRRUS_SR_POINTER_CONTROL, Show ? CIRRUS_POINTER_SHOW : 0);
	Ext->PointerEnabled = Show;
}

/*
 * The top-left corner on the screen; the low three bits of each
 * coordinate go in the top bits of the register's index. A pointer partly
 * off the top or left edge stops at the edge.
 */
static VOID CirrusPointerMove(PVBE_EXTENSION Ext, SHORT Column, SHORT Row)
{
	USHORT x = Column < 0 ? 0 : (USHORT)Column, y = Row < 0 ? 0 : (USHORT)Row;

	Ext->PointerPosition.Column = Column;
	Ext->PointerPosition.Row = Row;
	CirrusWriteSequencer(Ext, (UCHAR)(CIRRUS_SR_POINTER_X | (x & 7) << 5), (UCHAR)(x >> 3));
	CirrusWriteSequencer(Ext, (UCHAR)(CIRRUS_SR_POINTER_Y | (y & 7) << 5), (UCHAR)(y >> 3));
}

/* Hidden DAC entry 0 is the pointer's black, entry 15 its white (6 bits a gun). */
static VOID CirrusPointerColours(PVBE_EXTENSION Ext)
{
	static const UCHAR colours[2][4] = { { 0x00, 0, 0, 0 }, { 0x0F, 63, 63, 63 } };
	ULONG i, j;

	CirrusWriteSequencer(Ext, CIRRUS_SR_POINTER_CONTROL,
			     (Ext->PointerEnabled ? CIRRUS_POINTER_SHOW : 0) |
			     CIRRUS_POINTER_HIDDEN_DAC);
	for (i = 0; i < 2; i++) {
		VideoPortWritePortUchar(Ext->DacPort, colours[i][0]);
		for (j = 1; j < 4; j++)
			VideoPortWritePortUchar(Ext->DacPort + 1, colours[i][j]);
	}
	CirrusWriteSequencer(Ext, CIRRUS_SR_POINTER_CONTROL,
			     Ext->PointerEnabled ? CIRRUS_POINTER_SHOW : 0);
}

static VP_STATUS VbeQueryPointerCapabilities(PVBE_EXTENSION Ext, PVIDEO_REQUEST_PACKET Rp)
{
	PVIDEO_POINTER_CAPABILITIES caps = Rp->OutputBuffer;

	if (!Ext->Pointer)
		return ERROR_INVALID_FUNCTION;
	if (Rp->OutputBufferLength < sizeof(VIDEO_POINTER_CAPABILITIES))
		return ERROR_INSUFFICIENT_BUFFER;
	caps->Flags = VIDEO_MODE_MONO_POINTER | VIDEO_MODE_ASYNC_POINTER;
	caps->MaxWidth = CIRRUS_POINTER_SIZE;
	caps->MaxHeight = CIRRUS_POINTER_SIZE;
	caps->HWPtrBitmapStart = Ext->VideoMemorySize - CIRRUS_POINTER_AREA;
	caps->HWPtrBitmapEnd = caps->HWPtrBitmapStart + 2 * CIRRUS_POINTER_PLANE - 1;
	Rp->StatusBlock->Information = sizeof(VIDEO_POINTER_CAPABILITIES);
	return NO_ERROR;
}

/*
 * The display driver's AND and XOR masks become the chip's two planes:
 * plane 0 is XOR, plane 1 is NOT AND. So AND 1 XOR 0 leaves the screen,
 * AND 1 XOR 1 inverts it, AND 0 gives hidden colour 0 (XOR 0) or 15 (XOR 1).
 */
static VP_STATUS VbeSetPointerAttributes(PVBE_EXTENSION Ext, PVIDEO_REQUEST_PACKET Rp)
{
	PVIDEO_POINTER_ATTRIBUTES attr = Rp->InputBuffer;
	PUCHAR andMask, xorMask, plane0 = Ext->PointerPlanes;
	PUCHAR plane1 = Ext->PointerPlanes + CIRRUS_POINTER_PLANE;
	ULONG row, byte, maskLength;

	if (!Ext->Pointer)
		return ERROR_INVALID_FUNCTION;
	if (Rp->InputBufferLength < FIELD_OFFSET(VIDEO_POINTER_ATTRIBUTES, Pixels))
		return ERROR_INSUFFICIENT_BUFFER;
	if (!(attr->Flags & VIDEO_MODE_MONO_POINTER) || attr->Width > CIRRUS_POINTER_SIZE ||
	    attr->Height > CIRRUS_POINTER_SIZE || attr->WidthInBytes < (attr->Width + 7) / 8 ||
	    attr->WidthInBytes > CIRRUS_POINTER_SIZE / 8)
		return ERROR_INVALID_PARAMETER;
	maskLength = attr->WidthInBytes * attr->Height;
	if (Rp->InputBufferLength < FIELD_OFFSET(VIDEO_POINTER_ATTRIBUTES, Pixels) + 2 * maskLength)
		return ERROR_INSUFFICIENT_BUFFER;
	andMask = attr->Pixels;
	xorMask = attr->Pixels + maskLength;

	/* Transparent where the display driver's pointer does not reach. */
	VideoPortZeroMemory(Ext->PointerPlanes, sizeof(Ext->PointerPlanes));
	for (row = 0; row < attr->Height; row++) {
		for (byte = 0; byte < attr->WidthInBytes; byte++) {
			ULONG at = row * (CIRRUS_POINTER_SIZE / 8) + byte;
			UCHAR keep = 0xFF;

			/* Bits past Width in the last byte stay transparent. */
			if (byte == attr->Width / 8)
				keep = (UCHAR)(0xFF << (8 - attr->Width % 8));
			else if (byte > attr->Width / 8)
				keep = 0;
			plane0[at] = xorMask[row * attr->WidthInBytes + byte] & keep;
			plane1[at] = (UCHAR)~andMask[row * attr->WidthInBytes + byte] & keep;
		}
	}
	CirrusPointerShow(Ext, FALSE);
	VideoPortWriteRegisterBufferUchar(Ext->PointerPattern, Ext->PointerPlanes,
					  sizeof(Ext->PointerPlanes));
	CirrusPointerColours(Ext);
	CirrusPointerMove(Ext, attr->Column, attr->Row);
	CirrusPointerShow(Ext, attr->Enable != 0);
	return NO_ERROR;
}

static VP_STATUS VbeSetPointerPosition(PVBE_EXTENSION Ext, PVIDEO_REQUEST_PACKET Rp)
{
	PVIDEO_POINTER_POSITION position = Rp->InputBuffer;

	if (!Ext->Pointer)
		return ERROR_INVALID_FUNCTION;
	if (Rp->InputBufferLength < sizeof(VIDEO_POINTER_POSITION))
		return ERROR_INSUFFICIENT_BUFFER;
	CirrusPointerMove(Ext, position->Column, position->Row);
	return NO_ERROR;
}

static VP_STATUS VbeQueryPointerPosition(PVBE_EXTENSION Ext, PVIDEO_REQUEST_PACKET Rp)
{
	if (!Ext->Pointer)
		return ERROR_INVALID_FUNCTION;
	if (Rp->OutputBufferLength < sizeof(VIDEO_POINTER_POSITION))
		return ERROR_INSUFFICIENT_BUFFER;
	*(PVIDEO_POINTER_POSITION)Rp->OutputBuffer = Ext->PointerPosition;
	Rp->StatusBlock->Information = sizeof(VIDEO_POINTER_POSITION);
	return NO_ERROR;
}

static VP_STATUS VbeEnablePointer(PVBE_EXTENSION Ext, BOOLEAN Enable)
{
	if (!Ext->Pointer)
		return ERROR_INVALID_FUNCTION;
	CirrusPointerShow(Ext, Enable);
	return NO_ERROR;
}

static VP_STATUS VbeFindAdapter(PVOID HwDeviceExtension, PVOID HwContext, PWSTR ArgumentString,
				PVIDEO_PORT_CONFIG_INFO ConfigInfo, PUCHAR Again)
{
	PVBE_EXTENSION ext = HwDeviceExtension;
	VIDEO_ACCESS_RANGE ranges[PCI_TYPE0_ADDRESSES];
	VIDEO_ACCESS_RANGE claims[3];
	PVBE_INFO info = &ext->Info;
	USHORT vendor = 0;
	VP_STATUS status;
	ULONG i;

	if (Again)
		*Again = FALSE;
	if (ConfigInfo->Length < sizeof(VIDEO_PORT_CONFIG_INFO))
		return ERROR_INVALID_PARAMETER;

	VideoPortZeroMemory(ranges, sizeof(ranges));
	status = VideoPortGetAccessRanges(ext, 0, NULL, PCI_TYPE0_ADDRESSES, ranges, NULL, NULL,
					  NULL);
	if (status != NO_ERROR)
		return status;

	ext->Int10.Size = sizeof(VIDEO_PORT_INT10_INTERFACE);
	ext->Int10.Version = VIDEO_PORT_INT10_INTERFACE_VERSION_1;
	status = VideoPortQueryServices(ext, VideoPortServicesInt10, (PINTERFACE)&ext->Int10);
	if (status != NO_ERROR) {
		VideoPortDebugPrint(Error, "vp_vbe: no Int10 interface (%u): no video BIOS\n",
				    status);
		return ERROR_DEV_NOT_EXIST;
	}
	ext->Int10.InterfaceReference(ext->Int10.Context);
	ext->BufferLength = sizeof(VBE_INFO);
	status = ext->Int10.Int10AllocateBuffer(ext->Int10.Context, &ext->BufferSegment,
						&ext->BufferOffset, &ext->BufferLength);
	if (status != NO_ERROR)
		goto dereference;

	status = VbeControllerInfo(ext, info);
	if (status != NO_ERROR) {
		VideoPortDebugPrint(Error, "vp_vbe: 4F00 failed (%u): no VESA BIOS\n", status);
		goto free;
	}
	ext->Version = info->Version;
	ext->Capabilities = info->Capabilities;
	ext->VideoMemorySize = (ULONG)info->TotalMemory * 0x10000;
	VideoPortDebugPrint(Info, "vp_vbe: VBE %u.%u, %u KiB, capabilities 0x%x, buffer %04x:%04x\n",
			    info->Version >> 8, info->Version & 0xFF, ext->VideoMemorySize / 1024,
			    info->Capabilities, ext->BufferSegment, ext->BufferOffset);

	status = VbeFindModes(ext, info);
	if (status != NO_ERROR)
		goto free;
	if (!VbeFindFrameBuffer(ext, ranges, PCI_TYPE0_ADDRESSES)) {
		VideoPortDebugPrint(Error, "vp_vbe: the LFB 0x%x is in no memory BAR\n",
				    ext->Modes[0].FrameBuffer);
		status = ERROR_DEV_NOT_EXIST;
		goto free;
	}
	for (i = 1; i < ext->NumModes; i++) {
		if (ext->Modes[i].FrameBuffer != ext->Modes[0].FrameBuffer) {
			VideoPortDebugPrint(Error, "vp_vbe: modes disagree on the LFB address\n");
			status = ERROR_DEV_NOT_EXIST;
			goto free;
		}
	}
	VideoPortZeroMemory(claims, sizeof(claims));
	claims[0].RangeStart = ext->FrameBufferPhysical;
	claims[0].RangeLength = ext->VideoMemorySize;
	claims[0].RangeVisible = TRUE;
	ext->Pointer = VideoPortGetBusData(ext, PCIConfiguration, 0, &vendor, 0,
					   sizeof(vendor)) == sizeof(vendor) &&
		       vendor == CIRRUS_VENDOR_ID && ext->VideoMemorySize > CIRRUS_POINTER_AREA;
	if (ext->Pointer) {
		claims[1].RangeStart.LowPart = VGA_SEQUENCER_PORT;
		claims[2].RangeStart.LowPart = VGA_DAC_WRITE_PORT;
		for (i = 1; i < 3; i++) {
			claims[i].RangeLength = 2;
			claims[i].RangeInIoSpace = TRUE;
			claims[i].RangeShareable = TRUE;
		}
	}
	status = VideoPortVerifyAccessRanges(ext, ext->Pointer ? 3 : 1, claims);
	if (status != NO_ERROR)
		goto free;
	if (ext->Pointer)
		VbeCirrusPointerFind(ext, claims);

	ext->CurrentMode = VBE_NO_MODE;
	ConfigInfo->BusInterruptLevel = 0;
	ConfigInfo->BusInterruptVector = 0;
	return NO_ERROR;

free:
	ext->Int10.Int10FreeBuffer(ext->Int10.Context, ext->BufferSegment, ext->BufferOffset);
dereference:
	ext->Int10.InterfaceDereference(ext->Int10.Context);
	return status;
}

static BOOLEAN VbeInitialize(PVOID HwDeviceExtension)
{
	return TRUE;
}

static VOID VbeFillModeInformation(PVBE_EXTENSION Ext, ULONG ModeIndex,
				   PVIDEO_MODE_INFORMATION Info)
{
	PVBE_MODE mode = &Ext->Modes[ModeIndex];

	VideoPortZeroMemory(Info, sizeof(VIDEO_MODE_INFORMATION));
	Info->Length = sizeof(VIDEO_MODE_INFORMATION);
	Info->ModeIndex = ModeIndex;
	Info->VisScreenWidth = mode->Width;
	Info->VisScreenHeight = mode->Height;
	Info->ScreenStride = mode->Stride;
	Info->NumberOfPlanes = 1;
	Info->BitsPerPlane = mode->BitsPerPixel;
	Info->Frequency = 60;
	Info->XMillimeter = 320;
	Info->YMillimeter = 240;
	if (mode->BitsPerPixel == 8) {
		Info->NumberRedBits = 6;
		Info->NumberGreenBits = 6;
		Info->NumberBlueBits = 6;
		Info->AttributeFlags = VIDEO_MODE_PALETTE_DRIVEN | VIDEO_MODE_MANAGED_PALETTE;
	} else {
		Info->NumberRedBits = mode->BitsPerPixel == 16 ? 5 : mode->BitsPerPixel == 15 ? 5 : 8;
		Info->NumberGreenBits = mode->BitsPerPixel == 16 ? 6 : mode->BitsPerPixel == 15 ? 5 : 8;
		Info->NumberBlueBits = mode->BitsPerPixel <= 16 ? 5 : 8;
		Info->RedMask = mode->RedMask;
		Info->GreenMask = mode->GreenMask;
		Info->BlueMask = mode->BlueMask;
	}
	Info->AttributeFlags |= VIDEO_MODE_COLOR | VIDEO_MODE_GRAPHICS;
	Info->VideoMemoryBitmapWidth = mode->Width;
	Info->VideoMemoryBitmapHeight = Ext->VideoMemorySize / mode->Stride;
}

/* 4F02 with the linear framebuffer bit; the time it takes goes to the log. */
static VP_STATUS VbeSetMode(PVBE_EXTENSION Ext, ULONG ModeIndex, BOOLEAN KeepMemory)
{
	PVBE_MODE mode = &Ext->Modes[ModeIndex];
	INT10_BIOS_ARGUMENTS args;
	LONGLONG frequency, start, end;
	VP_STATUS status;

	VideoPortZeroMemory(&args, sizeof(args));
	args.Eax = VBE_SET_MODE;
	args.Ebx = mode->Number | VBE_MODE_LINEAR | (KeepMemory ? VBE_MODE_KEEP_MEMORY : 0);
	start = VideoPortQueryPerformanceCounter(Ext, &frequency);
	status = Ext->Int10.Int10CallBios(Ext->Int10.Context, &args);
	end = VideoPortQueryPerformanceCounter(Ext, NULL);
	if (status == NO_ERROR && (args.Eax & 0xFFFF) != VBE_SUCCESS)
		status = ERROR_INVALID_PARAMETER;
	if (status != NO_ERROR) {
		VideoPortDebugPrint(Error, "vp_vbe: 4F02 BX=0x%x failed: status %u, AX 0x%x\n",
				    args.Ebx, status, args.Eax);
		return status;
	}
	Ext->CurrentMode = ModeIndex;
	VideoPortDebugPrint(Warn, "vp_vbe: 4F02 BX=0x%x (%ux%ux%u) took %u us\n", args.Ebx,
			    mode->Width, mode->Height, mode->BitsPerPixel,
			    frequency ? (ULONG)((end - start) * 1000000 / frequency) : 0);
	return NO_ERROR;
}

static VP_STATUS VbeQueryNumAvailModes(PVBE_EXTENSION Ext, PVIDEO_REQUEST_PACKET Rp)
{
	PVIDEO_NUM_MODES numModes = Rp->OutputBuffer;

	if (Rp->OutputBufferLength < sizeof(VIDEO_NUM_MODES))
		return ERROR_INSUFFICIENT_BUFFER;
	numModes->NumModes = Ext->NumModes;
	numModes->ModeInformationLength = sizeof(VIDEO_MODE_INFORMATION);
	Rp->StatusBlock->Information = sizeof(VIDEO_NUM_MODES);
	return NO_ERROR;
}

static VP_STATUS VbeQueryAvailModes(PVBE_EXTENSION Ext, PVIDEO_REQUEST_PACKET Rp)
{
	PVIDEO_MODE_INFORMATION modes = Rp->OutputBuffer;
	ULONG i;

	if (Rp->OutputBufferLength < Ext->NumModes * sizeof(VIDEO_MODE_INFORMATION))
		return ERROR_INSUFFICIENT_BUFFER;
	for (i = 0; i < Ext->NumModes; i++)
		VbeFillModeInformation(Ext, i, &modes[i]);
	Rp->StatusBlock->Information = Ext->NumModes * sizeof(VIDEO_MODE_INFORMATION);
	return NO_ERROR;
}

static VP_STATUS VbeQueryCurrentMode(PVBE_EXTENSION Ext, PVIDEO_REQUEST_PACKET Rp)
{
	if (Rp->OutputBufferLength < sizeof(VIDEO_MODE_INFORMATION))
		return ERROR_INSUFFICIENT_BUFFER;
	if (Ext->CurrentMode == VBE_NO_MODE)
		return ERROR_INVALID_FUNCTION;
	VbeFillModeInformation(Ext, Ext->CurrentMode, Rp->OutputBuffer);
	Rp->StatusBlock->Information = sizeof(VIDEO_MODE_INFORMATION);
	return NO_ERROR;
}

static VP_STATUS VbeSetCurrentMode(PVBE_EXTENSION Ext, PVIDEO_REQUEST_PACKET Rp)
{
	ULONG requested, mode;

	if (Rp->InputBufferLength < sizeof(VIDEO_MODE))
		return ERROR_INSUFFICIENT_BUFFER;
	requested = ((PVIDEO_MODE)Rp->InputBuffer)->RequestedMode;
	mode = requested & ~(VIDEO_MODE_NO_ZERO_MEMORY | VIDEO_MODE_MAP_MEM_LINEAR);
	if (mode >= Ext->NumModes)
		return ERROR_INVALID_PARAMETER;
	return VbeSetMode(Ext, mode, (requested & VIDEO_MODE_NO_ZERO_MEMORY) != 0);
}

static VP_STATUS VbeMapVideoMemory(PVBE_EXTENSION Ext, PVIDEO_REQUEST_PACKET Rp)
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
	if (Ext->CurrentMode != VBE_NO_MODE)
		info->FrameBufferLength = Ext->Modes[Ext->CurrentMode].Stride *
					  Ext->Modes[Ext->CurrentMode].Height;
	else
		info->FrameBufferLength = length;
	Rp->StatusBlock->Information = sizeof(VIDEO_MEMORY_INFORMATION);
	return NO_ERROR;
}

static VP_STATUS VbeUnmapVideoMemory(PVBE_EXTENSION Ext, PVIDEO_REQUEST_PACKET Rp)
{
	if (Rp->InputBufferLength < sizeof(VIDEO_MEMORY))
		return ERROR_INSUFFICIENT_BUFFER;
	return VideoPortUnmapMemory(Ext, ((PVIDEO_MEMORY)Rp->InputBuffer)->RequestedVirtualAddress,
				    NULL);
}

/* Back to VGA text mode: INT 10h AX=0003, through VideoPortInt10. */
static VP_STATUS VbeResetDevice(PVBE_EXTENSION Ext)
{
	VIDEO_X86_BIOS_ARGUMENTS args;
	VP_STATUS status;

	if (Ext->Pointer)
		CirrusPointerShow(Ext, FALSE);
	VideoPortZeroMemory(&args, sizeof(args));
	args.Eax = 0x0003;
	status = VideoPortInt10(Ext, &args);
	if (status != NO_ERROR) {
		VideoPortDebugPrint(Error, "vp_vbe: INT 10h AX=0003 failed (%u)\n", status);
		return status;
	}
	Ext->CurrentMode = VBE_NO_MODE;
	VideoPortDebugPrint(Info, "vp_vbe: back in VGA text mode\n");
	return NO_ERROR;
}

/*
 * INT 10h AX=1012h: the VGA BIOS's "set block of DAC registers", for a BIOS
 * without 4F09. The table is 3 bytes per entry, 6 bits per gun.
 */
static VP_STATUS VbeSetDacByVga(PVBE_EXTENSION Ext, PVIDEO_CLUT Clut)
{
	PUCHAR table = Ext->Palette.Vga;
	INT10_BIOS_ARGUMENTS args;
	VP_STATUS status;
	ULONG i;

	for (i = 0; i < Clut->NumEntries; i++) {
		table[i * 3] = Clut->LookupTable[i].RgbArray.Red >> 2;
		table[i * 3 + 1] = Clut->LookupTable[i].RgbArray.Green >> 2;
		table[i * 3 + 2] = Clut->LookupTable[i].RgbArray.Blue >> 2;
	}
	status = Ext->Int10.Int10WriteMemory(Ext->Int10.Context, Ext->BufferSegment,
					     Ext->BufferOffset, table, Clut->NumEntries * 3);
	if (status != NO_ERROR)
		return status;
	VideoPortZeroMemory(&args, sizeof(args));
	args.Eax = 0x1012;
	args.Ebx = Clut->FirstEntry;
	args.Ecx = Clut->NumEntries;
	args.SegEs = Ext->BufferSegment;
	args.Edx = Ext->BufferOffset;
	return Ext->Int10.Int10CallBios(Ext->Int10.Context, &args);
}

/*
 * 4F09 BL=0: 4 bytes per entry, 6 bits per gun (the DAC is left at 6 bits).
 * *Answer gets the BIOS's AX, for the log.
 */
static VP_STATUS VbeSetDacByVbe(PVBE_EXTENSION Ext, PVIDEO_CLUT Clut, PULONG Answer)
{
	VBE_PALETTE_ENTRY *table = Ext->Palette.Vbe;
	INT10_BIOS_ARGUMENTS args;
	VP_STATUS status;
	ULONG i;

	for (i = 0; i < Clut->NumEntries; i++) {
		table[i].Red = Clut->LookupTable[i].RgbArray.Red >> 2;
		table[i].Green = Clut->LookupTable[i].RgbArray.Green >> 2;
		table[i].Blue = Clut->LookupTable[i].RgbArray.Blue >> 2;
		table[i].Alignment = 0;
	}
	status = Ext->Int10.Int10WriteMemory(Ext->Int10.Context, Ext->BufferSegment,
					     Ext->BufferOffset, table,
					     Clut->NumEntries * sizeof(VBE_PALETTE_ENTRY));
	if (status != NO_ERROR)
		return status;
	VideoPortZeroMemory(&args, sizeof(args));
	args.Eax = VBE_PALETTE_DATA;
	args.Ebx = 0;
	args.Ecx = Clut->NumEntries;
	args.Edx = Clut->FirstEntry;
	status = VbeCall(Ext, &args);
	*Answer = args.Eax & 0xFFFF;
	return status;
}

static VP_STATUS VbeSetColorRegisters(PVBE_EXTENSION Ext, PVIDEO_REQUEST_PACKET Rp)
{
	PVIDEO_CLUT clut = Rp->InputBuffer;
	ULONG answer = 0;
	VP_STATUS status;

	if (Rp->InputBufferLength < (ULONG)FIELD_OFFSET(VIDEO_CLUT, LookupTable) ||
	    Rp->InputBufferLength < (ULONG)FIELD_OFFSET(VIDEO_CLUT, LookupTable) +
				    clut->NumEntries * sizeof(ULONG))
		return ERROR_INSUFFICIENT_BUFFER;
	if (!clut->NumEntries || (ULONG)clut->FirstEntry + clut->NumEntries > VGA_DAC_ENTRIES)
		return ERROR_INVALID_PARAMETER;
	if (!Ext->PaletteTried || Ext->PaletteByVbe) {
		status = ERROR_INVALID_FUNCTION;
		if (Ext->Version >= 0x0200)
			status = VbeSetDacByVbe(Ext, clut, &answer);
		if (!Ext->PaletteTried) {
			Ext->PaletteTried = TRUE;
			Ext->PaletteByVbe = status == NO_ERROR;
			if (Ext->PaletteByVbe)
				VideoPortDebugPrint(Info, "vp_vbe: palette through 4F09\n");
			else
				VideoPortDebugPrint(Info, "vp_vbe: 4F09 answered AX=0x%04x: palette through INT 10h AX=1012h\n",
						    answer);
		}
		if (Ext->PaletteByVbe)
			return status;
	}
	return VbeSetDacByVga(Ext, clut);
}

static BOOLEAN VbeStartIO(PVOID HwDeviceExtension, PVIDEO_REQUEST_PACKET RequestPacket)
{
	PVBE_EXTENSION ext = HwDeviceExtension;
	VP_STATUS status;

	RequestPacket->StatusBlock->Information = 0;
	switch (RequestPacket->IoControlCode) {
	case IOCTL_VIDEO_QUERY_NUM_AVAIL_MODES:
		status = VbeQueryNumAvailModes(ext, RequestPacket);
		break;
	case IOCTL_VIDEO_QUERY_AVAIL_MODES:
		status = VbeQueryAvailModes(ext, RequestPacket);
		break;
	case IOCTL_VIDEO_QUERY_CURRENT_MODE:
		status = VbeQueryCurrentMode(ext, RequestPacket);
		break;
	case IOCTL_VIDEO_SET_CURRENT_MODE:
		status = VbeSetCurrentMode(ext, RequestPacket);
		break;
	case IOCTL_VIDEO_MAP_VIDEO_MEMORY:
		status = VbeMapVideoMemory(ext, RequestPacket);
		break;
	case IOCTL_VIDEO_UNMAP_VIDEO_MEMORY:
		status = VbeUnmapVideoMemory(ext, RequestPacket);
		break;
	case IOCTL_VIDEO_RESET_DEVICE:
		status = VbeResetDevice(ext);
		break;
	case IOCTL_VIDEO_SET_COLOR_REGISTERS:
		status = VbeSetColorRegisters(ext, RequestPacket);
		break;
	case IOCTL_VIDEO_QUERY_POINTER_CAPABILITIES:
		status = VbeQueryPointerCapabilities(ext, RequestPacket);
		break;
	case IOCTL_VIDEO_SET_POINTER_ATTR:
		status = VbeSetPointerAttributes(ext, RequestPacket);
		break;
	case IOCTL_VIDEO_SET_POINTER_POSITION:
		status = VbeSetPointerPosition(ext, RequestPacket);
		break;
	case IOCTL_VIDEO_QUERY_POINTER_POSITION:
		status = VbeQueryPointerPosition(ext, RequestPacket);
		break;
	case IOCTL_VIDEO_ENABLE_POINTER:
		status = VbeEnablePointer(ext, TRUE);
		break;
	case IOCTL_VIDEO_DISABLE_POINTER:
		status = VbeEnablePointer(ext, FALSE);
		break;
	default:
		status = ERROR_INVALID_FUNCTION;
		break;
	}
	RequestPacket->StatusBlock->Status = status;
	return TRUE;
}

ULONG DriverEntry(PVOID Context1, PVOID Context2)
{
	VIDEO_HW_INITIALIZATION_DATA init;

	VideoPortZeroMemory(&init, sizeof(init));
	init.HwInitDataSize = sizeof(init);
	init.AdapterInterfaceType = PCIBus;
	init.HwFindAdapter = VbeFindAdapter;
	init.HwInitialize = VbeInitialize;
	init.HwStartIO = VbeStartIO;
	init.HwDeviceExtensionSize = sizeof(VBE_EXTENSION);
	return VideoPortInitialize(Context1, Context2, &init, NULL);
}
