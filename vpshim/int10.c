// SPDX-License-Identifier: GPL-2.0
/*
 * int10.c - the services vpshim cannot offer yet, failing as documented.
 *
 * VideoPortInt10 and the Int10 interface of VideoPortQueryServices run the
 * adapter's real-mode video BIOS; nothing here can execute it yet (that
 * takes an x86 real-mode emulator). Both fail with the documented error
 * and say so once; the interface's callbacks exist and fail the same way.
 */

#include "vpshim.h"

/**
 * VideoPortInt10() - run a video BIOS INT 10h call
 * @HwDeviceExtension: the miniport's device extension
 * @BiosArguments: the x86 registers for the call
 *
 * Windows: runs the adapter's BIOS in a virtual 8086 machine. Linux: not
 * supported; no real-mode BIOS can run here.
 *
 * Return: ERROR_INVALID_FUNCTION, always (with a one-time message).
 */
VP_STATUS VideoPortInt10(PVOID HwDeviceExtension, PVIDEO_X86_BIOS_ARGUMENTS BiosArguments)
{
	struct vpshim_device *vdev;

	vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);
	if (vdev)
		dev_warn_once(vdev->dev, "vpshim: %s (AX=%#x) cannot run a real-mode BIOS here; failing with ERROR_INVALID_FUNCTION\n",
			      __func__, BiosArguments ? BiosArguments->Eax : 0);
	return ERROR_INVALID_FUNCTION;
}
EXPORT_SYMBOL_VPSHIM(VideoPortInt10);

/*
 * The Int10 interface's callbacks: each fails as documented until vpshim
 * can run a video BIOS; a miniport that ignores the status and calls them
 * anyway gets an error, never a NULL call.
 */
static VP_STATUS vpshim_int10_allocate(PVOID Context, PUSHORT Seg, PUSHORT Off, PULONG Length)
{
	return ERROR_INVALID_FUNCTION;
}

static VP_STATUS vpshim_int10_free(PVOID Context, USHORT Seg, USHORT Off)
{
	return ERROR_INVALID_FUNCTION;
}

static VP_STATUS vpshim_int10_read(PVOID Context, USHORT Seg, USHORT Off, PVOID Buffer,
				   ULONG Length)
{
	return ERROR_INVALID_FUNCTION;
}

static VP_STATUS vpshim_int10_write(PVOID Context, USHORT Seg, USHORT Off, PVOID Buffer,
				    ULONG Length)
{
	return ERROR_INVALID_FUNCTION;
}

static VP_STATUS vpshim_int10_call(PVOID Context, PINT10_BIOS_ARGUMENTS BiosArguments)
{
	struct vpshim_device *vdev = vpshim_device_get(Context, "Int10CallBios", _RET_IP_);

	if (vdev)
		dev_warn_once(vdev->dev, "vpshim: Int10CallBios cannot run a real-mode BIOS here; failing with ERROR_INVALID_FUNCTION\n");
	return ERROR_INVALID_FUNCTION;
}

/**
 * vpshim_int10_interface() - fill the Int10 interface of VideoPortQueryServices
 * @iface: the miniport's VIDEO_PORT_INT10_INTERFACE
 *
 * Return: the status VideoPortQueryServices gives: ERROR_INVALID_FUNCTION,
 * as no BIOS can run; the callbacks are filled all the same.
 */
VP_STATUS vpshim_int10_interface(PVIDEO_PORT_INT10_INTERFACE iface)
{
	iface->Int10AllocateBuffer = vpshim_int10_allocate;
	iface->Int10FreeBuffer = vpshim_int10_free;
	iface->Int10ReadMemory = vpshim_int10_read;
	iface->Int10WriteMemory = vpshim_int10_write;
	iface->Int10CallBios = vpshim_int10_call;
	return ERROR_INVALID_FUNCTION;
}
