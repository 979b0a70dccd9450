// SPDX-License-Identifier: GPL-2.0
/*
 * busdata.c - PCI configuration space: VideoPortGetBusData/SetBusData.
 *
 * Only PCIConfiguration exists on Linux's side of things: CMOS and EISA
 * configuration are refused (0 bytes) with a one-time message. Offsets are
 * into the device's own configuration space; SlotNumber is ignored, as it
 * is for a PnP device on Windows.
 */

#include <linux/pci.h>

#include "vpshim.h"

/* The part of [offset, offset + length) inside the device's config space. */
static ULONG vpshim_bus_span(struct vpshim_device *vdev, BUS_DATA_TYPE type, PVOID buffer,
			     ULONG offset, ULONG length, const char *func)
{
	if (type != PCIConfiguration) {
		dev_warn_once(vdev->dev, "vpshim: %s: bus data type %d does not exist here; only PCIConfiguration\n",
			      func, type);
		return 0;
	}
	if (!vdev->pdev || !buffer || offset >= vdev->pdev->cfg_size)
		return 0;
	return min_t(ULONG, length, vdev->pdev->cfg_size - offset);
}

/**
 * VideoPortGetBusData() - read the adapter's PCI configuration space
 * @HwDeviceExtension: the miniport's device extension
 * @BusDataType: PCIConfiguration (others return 0)
 * @SlotNumber: ignored (the device itself)
 * @Buffer: receives the bytes
 * @Offset: first byte of configuration space to read
 * @Length: bytes wanted
 *
 * Windows: HalGetBusDataByOffset for the adapter. Linux:
 * pci_read_config_byte() over the range, clipped to the device's
 * configuration space.
 *
 * Return: the number of bytes read; 0 for another bus type, a device that
 * is not PCI, a NULL buffer or an offset past the configuration space.
 */
ULONG VideoPortGetBusData(PVOID HwDeviceExtension, BUS_DATA_TYPE BusDataType, ULONG SlotNumber,
			  PVOID Buffer, ULONG Offset, ULONG Length)
{
	struct vpshim_device *vdev;
	ULONG n, i;

	vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);
	if (!vdev)
		return 0;
	n = vpshim_bus_span(vdev, BusDataType, Buffer, Offset, Length, __func__);
	for (i = 0; i < n; i++)
		if (pci_read_config_byte(vdev->pdev, Offset + i, (u8 *)Buffer + i))
			return i;
	return n;
}
EXPORT_SYMBOL_NS_GPL(VideoPortGetBusData, VPSHIM);

/**
 * VideoPortSetBusData() - write the adapter's PCI configuration space
 * @HwDeviceExtension: the miniport's device extension
 * @BusDataType: PCIConfiguration (others return 0)
 * @SlotNumber: ignored (the device itself)
 * @Buffer: the bytes
 * @Offset: first byte of configuration space to write
 * @Length: bytes to write
 *
 * Windows: HalSetBusDataByOffset for the adapter. Linux:
 * pci_write_config_byte() over the range. PASSIVE_LEVEL only (Windows
 * forbids it from HwInterrupt, DPCs, HwTimer and synchronized routines).
 *
 * Return: the number of bytes written; 0 as for VideoPortGetBusData() and
 * for a call from atomic context.
 */
ULONG VideoPortSetBusData(PVOID HwDeviceExtension, BUS_DATA_TYPE BusDataType, ULONG SlotNumber,
			  PVOID Buffer, ULONG Offset, ULONG Length)
{
	struct vpshim_device *vdev;
	ULONG n, i;

	vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);
	if (!vdev || !vpshim_check_passive(vdev, __func__, _RET_IP_))
		return 0;
	n = vpshim_bus_span(vdev, BusDataType, Buffer, Offset, Length, __func__);
	for (i = 0; i < n; i++)
		if (pci_write_config_byte(vdev->pdev, Offset + i, ((u8 *)Buffer)[i]))
			return i;
	return n;
}
EXPORT_SYMBOL_NS_GPL(VideoPortSetBusData, VPSHIM);
