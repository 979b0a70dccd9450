// SPDX-License-Identifier: GPL-2.0
/*
 * resources.c - access ranges and device mappings.
 *
 * VideoPortGetAccessRanges reports the PCI BARs (claiming them, as Windows
 * claims them in the registry); VideoPortGetDeviceBase maps part of one:
 * memory space with ioremap() (uncached, or write-combined for
 * VIDEO_MEMORY_SPACE_P6CACHE), I/O space as the raw port number, which is
 * what miniports pass to the port accessors. Every mapping is tracked and
 * undone at unbind if the miniport does not free it.
 */

#include <linux/io.h>
#include <linux/slab.h>

#include "vpshim.h"

/* Give back every claim: the BARs and the ranges outside them. */
static void vpshim_release_claims(struct vpshim_device *vdev)
{
	struct vpshim_claim *claim, *tmp;

	mutex_lock(&vdev->lock);
	list_for_each_entry_safe(claim, tmp, &vdev->claims, node) {
		if (claim->res)
			release_resource(claim->res);
		kfree(claim->res);
		list_del(&claim->node);
		kfree(claim);
	}
	mutex_unlock(&vdev->lock);
	if (vdev->regions_claimed)
		pci_release_regions(vdev->pdev);
	vdev->regions_claimed = false;
}

/* Claim the BARs for the miniport, once; released with the PCI device. */
static int vpshim_claim_regions(struct vpshim_device *vdev)
{
	int err;

	if (vdev->regions_claimed)
		return 0;
	err = pci_request_regions(vdev->pdev, vdev->drv ? vdev->drv->mp->name : "vpshim");
	if (!err)
		vdev->regions_claimed = true;
	return err;
}

static void vpshim_fill_range(struct pci_dev *pdev, int bar, PVIDEO_ACCESS_RANGE range)
{
	range->RangeStart.QuadPart = pci_resource_start(pdev, bar);
	range->RangeLength = (ULONG)pci_resource_len(pdev, bar);
	range->RangeInIoSpace = !!(pci_resource_flags(pdev, bar) & IORESOURCE_IO);
	range->RangeVisible = FALSE;
	range->RangeShareable = FALSE;
	range->RangePassive = 0;
}

/* NT4-era miniports pass pointers to the USHORT IDs they accept. */
static bool vpshim_ids_match(struct pci_dev *pdev, PVOID vendor_id, PVOID device_id)
{
	if (vendor_id && *(PUSHORT)vendor_id != pdev->vendor)
		return false;
	if (device_id && *(PUSHORT)device_id != pdev->device)
		return false;
	return true;
}

/**
 * VideoPortGetAccessRanges() - report and claim the adapter's bus ranges
 * @HwDeviceExtension: the miniport's device extension
 * @NumRequestedResources: number of @RequestedResources (ignored on PCI)
 * @RequestedResources: resource hints for non-enumerable buses (ignored)
 * @NumAccessRanges: room in @AccessRanges; 0 releases the claims
 * @AccessRanges: receives one VIDEO_ACCESS_RANGE per populated BAR, in order
 * @VendorId: NULL, or a USHORT vendor ID the device must have
 * @DeviceId: NULL, or a USHORT device ID the device must have
 * @Slot: NULL, or receives the PCI slot number (device | function << 5)
 *
 * Windows: gets the PnP-assigned ranges and claims them in the registry.
 * Linux: reads the PCI BARs and claims them with pci_request_regions().
 *
 * Return: NO_ERROR; ERROR_DEV_NOT_EXIST when the device is not PCI, does not
 * have the requested IDs, or its ranges are owned by another driver;
 * ERROR_MORE_DATA when it has more ranges than @NumAccessRanges (the first
 * ones are filled); ERROR_INVALID_PARAMETER for a NULL @AccessRanges.
 */
VP_STATUS VideoPortGetAccessRanges(PVOID HwDeviceExtension, ULONG NumRequestedResources,
				   PIO_RESOURCE_DESCRIPTOR RequestedResources,
				   ULONG NumAccessRanges, PVIDEO_ACCESS_RANGE AccessRanges,
				   PVOID VendorId, PVOID DeviceId, PULONG Slot)
{
	struct vpshim_device *vdev;
	struct pci_dev *pdev;
	ULONG filled = 0;
	int bar, err;

	vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);
	if (!vdev)
		return ERROR_INVALID_PARAMETER;
	pdev = vdev->pdev;
	if (!pdev || !vpshim_ids_match(pdev, VendorId, DeviceId))
		return ERROR_DEV_NOT_EXIST;
	if (!NumAccessRanges) {
		vpshim_release_claims(vdev);
		return NO_ERROR;
	}
	if (!AccessRanges) {
		vpshim_misuse(vdev, __func__, _RET_IP_, "NULL AccessRanges");
		return ERROR_INVALID_PARAMETER;
	}
	err = vpshim_claim_regions(vdev);
	if (err) {
		dev_err(vdev->dev, "vpshim: BARs are claimed by another driver: %pe\n",
			ERR_PTR(err));
		return ERROR_DEV_NOT_EXIST;
	}
	for (bar = 0; bar < PCI_STD_NUM_BARS; bar++) {
		if (!pci_resource_len(pdev, bar))
			continue;
		if (filled == NumAccessRanges)
			return ERROR_MORE_DATA;
		vpshim_fill_range(pdev, bar, &AccessRanges[filled++]);
	}
	if (Slot)
		*Slot = PCI_SLOT(pdev->devfn) | PCI_FUNC(pdev->devfn) << 5;
	return NO_ERROR;
}
EXPORT_SYMBOL_VPSHIM(VideoPortGetAccessRanges);

/*
 * Claim one range outside the BARs: exclusively (request_region or
 * request_mem_region) unless the miniport marked it shareable, as VGA
 * miniports do for the legacy VGA ranges other drivers also decode.
 */
static int vpshim_claim_range(struct vpshim_device *vdev, const VIDEO_ACCESS_RANGE *range)
{
	struct vpshim_claim *claim;
	struct resource *parent;

	claim = kzalloc(sizeof(*claim), GFP_KERNEL);
	if (!claim)
		return -ENOMEM;
	claim->start = range->RangeStart.QuadPart;
	claim->len = range->RangeLength;
	claim->io_space = range->RangeInIoSpace;
	if (!range->RangeShareable) {
		parent = claim->io_space ? &ioport_resource : &iomem_resource;
		claim->res = __request_region(parent, claim->start, claim->len, vdev->name, 0);
		if (!claim->res) {
			kfree(claim);
			return -EBUSY;
		}
	}
	mutex_lock(&vdev->lock);
	list_add(&claim->node, &vdev->claims);
	mutex_unlock(&vdev->lock);
	return 0;
}

/* Whether [start, start + len) lies in a range VerifyAccessRanges claimed. */
static bool vpshim_claimed(struct vpshim_device *vdev, u64 start, u32 len, bool io)
{
	struct vpshim_claim *claim;
	bool found = false;

	mutex_lock(&vdev->lock);
	list_for_each_entry(claim, &vdev->claims, node) {
		if (claim->io_space == io && start >= claim->start &&
		    start + len <= claim->start + claim->len) {
			found = true;
			break;
		}
	}
	mutex_unlock(&vdev->lock);
	return found;
}

/* The BAR of @vdev that holds [start, start + len), or -1. */
static int vpshim_find_bar(struct vpshim_device *vdev, u64 start, u32 len, bool io)
{
	int bar;

	if (!vdev->pdev)
		return -1;
	for (bar = 0; bar < PCI_STD_NUM_BARS; bar++) {
		struct resource *res = &vdev->pdev->resource[bar];

		if (!resource_size(res) || !!(res->flags & IORESOURCE_IO) != io)
			continue;
		if (start >= res->start && start + len - 1 <= res->end)
			return bar;
	}
	return -1;
}

/**
 * vpshim_range_ok() - whether a miniport may map a bus-relative range
 * @vdev: the device
 * @start: bus-relative start
 * @len: bytes (0 is refused)
 * @io: I/O space rather than memory space
 *
 * Return: true when the range lies in one of the device's BARs or in a range
 * VideoPortVerifyAccessRanges claimed for it. Nothing else may be mapped:
 * VideoPortMapMemory must not become a way into arbitrary physical memory.
 */
bool vpshim_range_ok(struct vpshim_device *vdev, u64 start, u32 len, bool io)
{
	if (!len || start + len < start)
		return false;
	return vpshim_find_bar(vdev, start, len, io) >= 0 || vpshim_claimed(vdev, start, len, io);
}

/**
 * vpshim_map_range() - map a checked range into kernel space and track it
 * @vdev: the device
 * @start: bus-relative start, checked with vpshim_range_ok()
 * @len: bytes
 * @io: I/O space: the port number itself is the mapping
 * @wc: write-combined (VIDEO_MEMORY_SPACE_P6CACHE) rather than uncached
 * @kind: which call made it, so only its counterpart undoes it
 * @owner: the request device file whose request made it, or NULL
 *
 * Return: the address for the miniport, or NULL.
 */
void *vpshim_map_range(struct vpshim_device *vdev, u64 start, u32 len, bool io, bool wc,
		       enum vpshim_mapping_kind kind, struct file *owner)
{
	struct vpshim_mapping *map;

	map = kzalloc(sizeof(*map), GFP_KERNEL);
	if (!map)
		return NULL;
	map->start = start;
	map->len = len;
	map->io_space = io;
	map->kind = kind;
	map->owner = owner;
	if (io)
		map->cookie = (void *)(uintptr_t)start;
	else if (wc)
		map->cookie = (void __force *)ioremap_wc(start, len);
	else
		map->cookie = (void __force *)ioremap(start, len);
	if (!map->cookie) {
		kfree(map);
		dev_err_ratelimited(vdev->dev, "vpshim: cannot map %#llx+%#x\n", start, len);
		return NULL;
	}
	mutex_lock(&vdev->lock);
	list_add(&map->node, &vdev->mappings);
	mutex_unlock(&vdev->lock);
	return map->cookie;
}

/**
 * VideoPortGetDeviceBase() - map a bus-relative range into kernel space
 * @HwDeviceExtension: the miniport's device extension
 * @IoAddress: bus-relative start, from VideoPortGetAccessRanges()
 * @NumberOfUchars: bytes to map
 * @InIoSpace: VIDEO_MEMORY_SPACE_IO, or MEMORY optionally with P6CACHE
 *
 * Windows: maps device memory or ports for the Read/Write accessors. Linux:
 * memory space with ioremap(), or ioremap_wc() for VIDEO_MEMORY_SPACE_P6CACHE;
 * I/O space gives back the port number itself. The range must lie inside one
 * of the device's BARs.
 *
 * Return: the address to pass to the accessors, or NULL if the range is
 * empty, outside the device's BARs, or cannot be mapped.
 */
PVOID VideoPortGetDeviceBase(PVOID HwDeviceExtension, PHYSICAL_ADDRESS IoAddress,
			     ULONG NumberOfUchars, UCHAR InIoSpace)
{
	bool io = InIoSpace & VIDEO_MEMORY_SPACE_IO;
	u64 start = IoAddress.QuadPart;
	struct vpshim_device *vdev;

	vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);
	if (!vdev)
		return NULL;
	if (!vpshim_range_ok(vdev, start, NumberOfUchars, io)) {
		vpshim_misuse(vdev, __func__, _RET_IP_,
			      "%s range %#llx+%#x is neither in a BAR nor claimed by this device",
			      io ? "I/O" : "memory", start, NumberOfUchars);
		return NULL;
	}
	return vpshim_map_range(vdev, start, NumberOfUchars, io,
				InIoSpace & VIDEO_MEMORY_SPACE_P6CACHE, VPSHIM_MAP_DEVICE_BASE,
				NULL);
}
EXPORT_SYMBOL_VPSHIM(VideoPortGetDeviceBase);

static void vpshim_unmap(struct vpshim_mapping *map)
{
	if (!map->io_space)
		iounmap((void __iomem __force *)map->cookie);
	kfree(map);
}

/**
 * VideoPortFreeDeviceBase() - undo VideoPortGetDeviceBase()
 * @HwDeviceExtension: the miniport's device extension
 * @MappedAddress: the address VideoPortGetDeviceBase() returned
 *
 * Windows: unmaps a range mapped by VideoPortGetDeviceBase. Linux: iounmap()
 * for memory space. An address that is not a live mapping of this device is
 * refused with a message.
 */
void VideoPortFreeDeviceBase(PVOID HwDeviceExtension, PVOID MappedAddress)
{
	struct vpshim_mapping *map, *found = NULL;
	struct vpshim_device *vdev;

	vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);
	if (!vdev)
		return;
	mutex_lock(&vdev->lock);
	list_for_each_entry(map, &vdev->mappings, node) {
		if (map->kind == VPSHIM_MAP_DEVICE_BASE && map->cookie == MappedAddress) {
			list_del(&map->node);
			found = map;
			break;
		}
	}
	mutex_unlock(&vdev->lock);
	if (!found) {
		vpshim_misuse(vdev, __func__, _RET_IP_,
			      "%p is not a mapping of this device", MappedAddress);
		return;
	}
	vpshim_unmap(found);
}
EXPORT_SYMBOL_VPSHIM(VideoPortFreeDeviceBase);

/**
 * vpshim_unmap_range() - undo a kernel mapping of VideoPortMapMemory
 * @vdev: the device
 * @addr: any address inside the mapping (Windows releases the whole range)
 * @owner: the file whose request is asking, or NULL outside requests
 *
 * An address that came from user space can only release what a request of
 * the same file mapped, never the miniport's own mappings.
 *
 * Return: true if @addr was inside one, now unmapped.
 */
bool vpshim_unmap_range(struct vpshim_device *vdev, const void *addr, struct file *owner)
{
	struct vpshim_mapping *map, *found = NULL;
	uintptr_t a = (uintptr_t)addr;

	mutex_lock(&vdev->lock);
	list_for_each_entry(map, &vdev->mappings, node) {
		uintptr_t base = (uintptr_t)map->cookie;

		if (map->kind == VPSHIM_MAP_MEMORY && (!owner || map->owner == owner) &&
		    a >= base && a - base < map->len) {
			list_del(&map->node);
			found = map;
			break;
		}
	}
	mutex_unlock(&vdev->lock);
	if (found)
		vpshim_unmap(found);
	return found;
}

/**
 * vpshim_unmap_owned() - release the kernel mappings a file's requests made
 * @vdev: the device
 * @owner: the request device file, being released
 *
 * Return: the number released.
 */
unsigned int vpshim_unmap_owned(struct vpshim_device *vdev, struct file *owner)
{
	struct vpshim_mapping *map, *tmp;
	unsigned int n = 0;
	LIST_HEAD(gone);

	mutex_lock(&vdev->lock);
	list_for_each_entry_safe(map, tmp, &vdev->mappings, node) {
		if (map->owner == owner) {
			list_move(&map->node, &gone);
			n++;
		}
	}
	mutex_unlock(&vdev->lock);
	list_for_each_entry_safe(map, tmp, &gone, node) {
		list_del(&map->node);
		vpshim_unmap(map);
	}
	return n;
}

/**
 * vpshim_resources_release_all() - unmap what an unbinding miniport left mapped
 * @vdev: the device
 *
 * A Windows miniport has no unload callback, so mappings made in
 * HwFindAdapter are meant to live as long as the device: releasing them here
 * is the normal end of their life, not a leak.
 *
 * Return: the number of mappings released.
 */
unsigned int vpshim_resources_release_all(struct vpshim_device *vdev)
{
	struct vpshim_mapping *map, *tmp;
	unsigned int n = 0;

	list_for_each_entry_safe(map, tmp, &vdev->mappings, node) {
		dev_dbg(vdev->dev, "vpshim: releasing device mapping %#llx+%#x\n",
			(u64)map->start, map->len);
		list_del(&map->node);
		vpshim_unmap(map);
		n++;
	}
	vpshim_release_claims(vdev);
	return n;
}

/**
 * VideoPortVerifyAccessRanges() - claim the ranges a miniport will use
 * @HwDeviceExtension: the miniport's device extension
 * @NumAccessRanges: number of @AccessRanges; 0 gives back every claim
 * @AccessRanges: the ranges (entries of RangeLength 0 are skipped)
 *
 * Windows: checks the ranges against other drivers' claims and claims them.
 * Linux: a range inside the device's BARs claims the BARs
 * (pci_request_regions()); any other range is claimed with
 * request_region()/request_mem_region(), exclusively unless RangeShareable
 * is set (then it is only recorded). Each call replaces the previous
 * claims. VideoPortGetDeviceBase() accepts ranges claimed here.
 *
 * Return: NO_ERROR; ERROR_INVALID_PARAMETER when a range is already claimed
 * by someone else (nothing stays claimed then), @AccessRanges is NULL, or
 * the extension is invalid; ERROR_NOT_ENOUGH_MEMORY.
 */
VP_STATUS VideoPortVerifyAccessRanges(PVOID HwDeviceExtension, ULONG NumAccessRanges,
				      PVIDEO_ACCESS_RANGE AccessRanges)
{
	struct vpshim_device *vdev;
	int err = 0;
	ULONG i;

	vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);
	if (!vdev || !vpshim_check_passive(vdev, __func__, _RET_IP_))
		return ERROR_INVALID_PARAMETER;
	vpshim_release_claims(vdev);
	if (!NumAccessRanges)
		return NO_ERROR;
	if (!AccessRanges) {
		vpshim_misuse(vdev, __func__, _RET_IP_, "NULL AccessRanges");
		return ERROR_INVALID_PARAMETER;
	}
	for (i = 0; i < NumAccessRanges && !err; i++) {
		const VIDEO_ACCESS_RANGE *r = &AccessRanges[i];

		if (!r->RangeLength)
			continue;
		if (vpshim_find_bar(vdev, r->RangeStart.QuadPart, r->RangeLength,
				    r->RangeInIoSpace) >= 0)
			err = vpshim_claim_regions(vdev);
		else
			err = vpshim_claim_range(vdev, r);
		if (err)
			dev_info(vdev->dev, "vpshim: %s: %s range %#llx+%#x: %pe\n", __func__,
				 r->RangeInIoSpace ? "I/O" : "memory", r->RangeStart.QuadPart,
				 r->RangeLength, ERR_PTR(err));
	}
	if (err) {
		vpshim_release_claims(vdev);
		return err == -ENOMEM ? ERROR_NOT_ENOUGH_MEMORY : ERROR_INVALID_PARAMETER;
	}
	return NO_ERROR;
}
EXPORT_SYMBOL_VPSHIM(VideoPortVerifyAccessRanges);
