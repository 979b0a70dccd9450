// SPDX-License-Identifier: GPL-2.0
/*
 * busdata.c - the PCI bus as a miniport sees it: configuration space
 * (VideoPortGetBusData/SetBusData), the VGA status, other devices' presence
 * and the option ROM.
 *
 * Only PCIConfiguration exists on Linux's side of things: CMOS and EISA
 * configuration are refused (0 bytes) with a one-time message. Offsets are
 * into the device's own configuration space; SlotNumber is ignored, as it
 * is for a PnP device on Windows.
 */

#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/vgaarb.h>

#include "vpshim.h"
#include "parts.h"

/* The bus-data area's state in each device. */
struct vpshim_busdata {
	void *rom_image;		/* VideoPortGetRomImage's last buffer */
};

static struct vpshim_busdata *busdata_of(struct vpshim_device *vdev)
{
	return vpshim_part_state(vdev, &vpshim_busdata_part);
}

/* The part of [offset, offset + length) inside the device's config space. */
static ULONG vpshim_bus_span(struct vpshim_device *vdev, BUS_DATA_TYPE type, PVOID buffer,
			     ULONG offset, ULONG length, const char *func)
{
	if (type != PCIConfiguration) {
		if (vpshim_tell_once(vdev, VPSHIM_TOLD_BUS_DATA))
			dev_warn(vdev->dev, "vpshim: %s: bus data type %d does not exist here; only PCIConfiguration\n",
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
EXPORT_SYMBOL_VPSHIM(VideoPortGetBusData);

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
EXPORT_SYMBOL_VPSHIM(VideoPortSetBusData);

/**
 * VideoPortGetVgaStatus() - whether the adapter decodes the VGA resources
 * @HwDeviceExtension: the miniport's device extension
 * @VgaStatus: receives 1 when it does, 0 when not
 *
 * Windows: asks the bus whether the device decodes legacy VGA. Linux: 1
 * when the VGA arbiter's default device is this one.
 *
 * Return: NO_ERROR; ERROR_INVALID_FUNCTION for a device that is not PCI;
 * ERROR_INVALID_PARAMETER for a NULL @VgaStatus or invalid extension.
 */
VP_STATUS VideoPortGetVgaStatus(PVOID HwDeviceExtension, PULONG VgaStatus)
{
	struct vpshim_device *vdev;

	vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);
	if (!vdev || !VgaStatus)
		return ERROR_INVALID_PARAMETER;
	if (!vdev->pdev)
		return ERROR_INVALID_FUNCTION;
	*VgaStatus = vga_default_device() == vdev->pdev;
	return NO_ERROR;
}
EXPORT_SYMBOL_VPSHIM(VideoPortGetVgaStatus);

/**
 * VideoPortCheckForDeviceExistence() - whether a PCI device is present
 * @HwDeviceExtension: the miniport's device extension
 * @VendorId: vendor ID
 * @DeviceId: device ID
 * @RevisionId: revision, compared when @Flags has CDE_USE_REVISION
 * @SubVendorId: subsystem vendor, compared when @Flags has CDE_USE_SUBSYSTEM_IDS
 * @SubSystemId: subsystem ID, likewise
 * @Flags: CDE_USE_REVISION and/or CDE_USE_SUBSYSTEM_IDS
 *
 * Windows: searches the PCI bus. Linux: pci_get_subsys() over all devices.
 *
 * Return: TRUE when such a device exists.
 */
BOOLEAN VideoPortCheckForDeviceExistence(PVOID HwDeviceExtension, USHORT VendorId,
					 USHORT DeviceId, UCHAR RevisionId, USHORT SubVendorId,
					 USHORT SubSystemId, ULONG Flags)
{
	bool subsys = Flags & CDE_USE_SUBSYSTEM_IDS;
	struct pci_dev *pdev = NULL;

	if (!vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_))
		return FALSE;
	while ((pdev = pci_get_subsys(VendorId, DeviceId, subsys ? SubVendorId : PCI_ANY_ID,
				      subsys ? SubSystemId : PCI_ANY_ID, pdev))) {
		if (!(Flags & CDE_USE_REVISION) || pdev->revision == RevisionId) {
			pci_dev_put(pdev);
			return TRUE;
		}
	}
	return FALSE;
}
EXPORT_SYMBOL_VPSHIM(VideoPortCheckForDeviceExistence);

/**
 * VideoPortGetRomImage() - read the start of the adapter's option ROM
 * @HwDeviceExtension: the miniport's device extension
 * @Unused1: ignored
 * @Unused2: ignored
 * @Length: bytes to read from the start of the ROM; 0 frees the last image
 *
 * Windows: reads the ROM through its BAR (or ACPI) into a buffer the port
 * driver owns. Linux: pci_map_rom() and a copy into a per-device buffer,
 * which the next call (or unbind) frees.
 *
 * Return: the image, or NULL for a Length of 0, a device that is not PCI or
 * has no ROM, a ROM shorter than @Length, or no memory.
 */
PVOID VideoPortGetRomImage(PVOID HwDeviceExtension, PVOID Unused1, ULONG Unused2, ULONG Length)
{
	struct vpshim_device *vdev;
	void __iomem *rom;
	size_t size;

	void *image = NULL, *old;

	vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);
	if (!vdev || !vpshim_check_passive(vdev, __func__, _RET_IP_))
		return NULL;
	rom = Length && vdev->pdev ? pci_map_rom(vdev->pdev, &size) : NULL;
	if (rom) {
		if (size >= Length) {
			image = kvmalloc(Length, GFP_KERNEL | __GFP_NOWARN);
			if (image)
				memcpy_fromio(image, rom, Length);
		}
		pci_unmap_rom(vdev->pdev, rom);
	}
	/* Two calls at once each free only the image they replace. */
	mutex_lock(&vdev->lock);
	old = busdata_of(vdev)->rom_image;
	busdata_of(vdev)->rom_image = image;
	mutex_unlock(&vdev->lock);
	kvfree(old);
	return image;
}
EXPORT_SYMBOL_VPSHIM(VideoPortGetRomImage);

/* Part release: the last ROM image goes with the device, as on Windows. */
static unsigned int vpshim_busdata_release(struct vpshim_device *vdev)
{
	kvfree(busdata_of(vdev)->rom_image);
	return 0;
}

VPSHIM_PART(busdata, struct vpshim_busdata,
	    .release = vpshim_busdata_release);

/**
 * VideoPortGetDeviceData() - the firmware's description of the hardware
 * @HwDeviceExtension: the miniport's device extension
 * @DeviceDataType: VpBusData, VpControllerData, VpMonitorData...
 * @CallbackRoutine: the miniport's HwVidQueryDeviceCallback
 * @Context: passed to @CallbackRoutine
 *
 * Windows: calls @CallbackRoutine with what the loader found in the
 * hardware tree (EISA and ARC configuration data). Linux keeps no such tree:
 * a PCI adapter is described by VideoPortGetAccessRanges and
 * VideoPortGetBusData.
 *
 * Return: ERROR_NO_MORE_DEVICES (nothing found, the callback is not
 * called); ERROR_INVALID_PARAMETER for a NULL callback.
 */
VP_STATUS VideoPortGetDeviceData(PVOID HwDeviceExtension, VIDEO_DEVICE_DATA_TYPE DeviceDataType,
				 PMINIPORT_QUERY_DEVICE_ROUTINE CallbackRoutine, PVOID Context)
{
	struct vpshim_device *vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);

	if (!vdev)
		return ERROR_INVALID_PARAMETER;
	if (!CallbackRoutine) {
		vpshim_misuse(vdev, __func__, _RET_IP_, "NULL CallbackRoutine");
		return ERROR_INVALID_PARAMETER;
	}
	if (vpshim_tell_once(vdev, VPSHIM_TOLD_HW_TREE))
		dev_info(vdev->dev, "vpshim: %s: no firmware hardware tree here (type %d)\n",
			 __func__, DeviceDataType);
	return ERROR_NO_MORE_DEVICES;
}
EXPORT_SYMBOL_VPSHIM(VideoPortGetDeviceData);
