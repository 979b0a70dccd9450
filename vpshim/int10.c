// SPDX-License-Identifier: GPL-2.0
/*
 * int10.c - the services vpshim cannot offer yet, failing as documented.
 *
 * VideoPortInt10 and the Int10 interface of VideoPortQueryServices run the
 * adapter's real-mode video BIOS; nothing here can execute it (that would
 * take an x86 real-mode emulator). The other VideoPortQueryServices
 * interfaces (AGP, I2C, headless, debug report, write-combining memory
 * protection) are not provided either. Each fails with the documented
 * error and says so once per device; Documentation/api.rst lists them.
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

/**
 * VideoPortQueryServices() - get an interface of the port driver
 * @HwDeviceExtension: the miniport's device extension
 * @ServicesType: which interface
 * @Interface: the interface structure to fill
 *
 * Windows: fills an AGP, I2C, Int10, debug-report or WC-protection
 * interface. Linux: none of them is provided yet (Int10 cannot be).
 *
 * Return: ERROR_INVALID_FUNCTION, always (with a one-time message);
 * @Interface is left untouched.
 */
VP_STATUS VideoPortQueryServices(PVOID HwDeviceExtension, VIDEO_PORT_SERVICES ServicesType,
				 PINTERFACE Interface)
{
	struct vpshim_device *vdev;

	vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);
	if (vdev)
		dev_warn_once(vdev->dev, "vpshim: %s: service %d is not provided; failing with ERROR_INVALID_FUNCTION\n",
			      __func__, ServicesType);
	return ERROR_INVALID_FUNCTION;
}
EXPORT_SYMBOL_VPSHIM(VideoPortQueryServices);
