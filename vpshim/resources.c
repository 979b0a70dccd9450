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
#include <linux/ioport.h>
#include <linux/slab.h>
#include <linux/vgaarb.h>

#include "vpshim.h"
#include "maps.h"

/* Give back every claim: the BARs and the ranges outside them. */
static void vpshim_release_claims(struct vpshim_device *vdev)
{
	struct vpshim_maps *maps = vpshim_maps_of(vdev);
	struct vpshim_claim *claim, *tmp;

	mutex_lock(&vdev->lock);
	list_for_each_entry_safe(claim, tmp, &maps->claims, node) {
		if (claim->res)
			release_resource(claim->res);
		kfree(claim->res);
		list_del(&claim->node);
		kfree(claim);
	}
	mutex_unlock(&vdev->lock);
	if (maps->regions_claimed)
		pci_release_regions(vdev->pdev);
	maps->regions_claimed = false;
}

/* Claim the BARs for the miniport, once; released with the PCI device. */
static int vpshim_claim_regions(struct vpshim_device *vdev)
{
	int err;

	if (vpshim_maps_of(vdev)->regions_claimed)
		return 0;
	err = pci_request_regions(vdev->pdev, vdev->drv ? vdev->drv->mp->name : "vpshim");
	if (!err)
		vpshim_maps_of(vdev)->regions_claimed = true;
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
 * Context: PASSIVE_LEVEL (it claims resources and may sleep); refused with
 * ERROR_INVALID_PARAMETER and a message from atomic context.
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
	if (!vdev || !vpshim_check_passive(vdev, __func__, _RET_IP_))
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

/* The legacy VGA window: ports 0x3B0-0x3DF and memory 0xA0000-0xBFFFF. */
static bool vpshim_in_legacy_vga(u64 start, u64 len, bool io)
{
	u64 end = start + len - 1;

	if (io)
		return start >= 0x3b0 && end <= 0x3df;
	return start >= 0xa0000 && end <= 0xbffff;
}

/*
 * Whether this adapter is the one the legacy VGA window reaches: a VGA-class
 * device that the kernel's VGA arbiter routes legacy decoding to (the boot
 * VGA). Other adapters' legacy ranges are not decoded at all.
 */
static bool vpshim_owns_legacy_vga(struct vpshim_device *vdev)
{
	struct pci_dev *pdev = vdev->pdev;

	return pdev && (pdev->class >> 8) == PCI_CLASS_DISPLAY_VGA &&
	       vga_default_device() == pdev;
}

/* A PCI device other than ours with a BAR overlapping the range, referenced. */
static struct pci_dev *vpshim_other_device(struct vpshim_device *vdev, u64 start, u64 len,
					   bool io)
{
	unsigned long type = io ? IORESOURCE_IO : IORESOURCE_MEM;
	struct pci_dev *other = NULL;
	int bar;

	for_each_pci_dev(other) {
		if (other == vdev->pdev)
			continue;
		for (bar = 0; bar <= PCI_ROM_RESOURCE; bar++) {
			struct resource *res = &other->resource[bar];

			if (resource_size(res) && (res->flags & type) &&
			    start <= res->end && start + len - 1 >= res->start)
				return other;	/* the loop's reference is ours now */
		}
	}
	return NULL;
}

/*
 * Whether Linux must keep this device away from [start, start + len) even
 * though Windows would let it verify or map the range: system RAM, or
 * another device's BAR. Says why, once per call, naming the range.
 */
static bool vpshim_range_refused(struct vpshim_device *vdev, u64 start, u64 len, bool io,
				 const char *func)
{
	struct pci_dev *other;

	if (!io && region_intersects(start, len, IORESOURCE_SYSTEM_RAM, IORES_DESC_NONE) !=
		   REGION_DISJOINT) {
		dev_err_ratelimited(vdev->dev, "%s: memory range %#llx+%#llx is system RAM; refused\n",
				    func, start, len);
		return true;
	}
	other = vpshim_other_device(vdev, start, len, io);
	if (other) {
		dev_err_ratelimited(vdev->dev, "%s: %s range %#llx+%#llx belongs to %s; refused\n",
				    func, io ? "I/O" : "memory", start, len, pci_name(other));
		pci_dev_put(other);
		return true;
	}
	return false;
}

/*
 * Claim one range outside the BARs: exclusively (request_region or
 * request_mem_region) unless the miniport marked it shareable. Neither may
 * reach system RAM or another device's BARs. The legacy VGA window of the
 * adapter that decodes it is shared whatever the miniport asked: vgacon and
 * the kernel hold those ranges, and Linux cannot hand them out exclusively.
 */
static int vpshim_claim_range(struct vpshim_device *vdev, const VIDEO_ACCESS_RANGE *range,
			      const char *func)
{
	u64 start = range->RangeStart.QuadPart, len = range->RangeLength;
	bool io = range->RangeInIoSpace, shared = range->RangeShareable;
	struct vpshim_claim *claim;
	struct resource *parent;

	if (vpshim_in_legacy_vga(start, len, io)) {
		if (!vpshim_owns_legacy_vga(vdev)) {
			dev_err_ratelimited(vdev->dev,
					    "%s: legacy VGA range %#llx+%#llx: this adapter does not decode legacy VGA (the VGA arbiter routes it to %s)\n",
					    func, start, len,
					    vga_default_device() ? pci_name(vga_default_device())
								 : "no device");
			return -EBUSY;
		}
		if (!shared)
			dev_info(vdev->dev,
				 "%s: legacy VGA range %#llx+%#llx is shared with the VGA console; Linux cannot claim it exclusively\n",
				 func, start, len);
		shared = true;
	} else if (vpshim_range_refused(vdev, start, len, io, func)) {
		return -EBUSY;
	}
	claim = kzalloc(sizeof(*claim), GFP_KERNEL);
	if (!claim)
		return -ENOMEM;
	claim->start = start;
	claim->len = len;
	claim->io_space = io;
	if (!shared) {
		parent = io ? &ioport_resource : &iomem_resource;
		claim->res = __request_region(parent, start, len, vdev->name, 0);
		if (!claim->res) {
			kfree(claim);
			return -EBUSY;
		}
	}
	mutex_lock(&vdev->lock);
	list_add(&claim->node, &vpshim_maps_of(vdev)->claims);
	mutex_unlock(&vdev->lock);
	return 0;
}

/*
 * The end of the verified range (a BAR of the device, or a claim) that
 * holds @pos, or 0; and through @next, the lowest start of one above @pos
 * (U64_MAX if none).
 */
static u64 vpshim_verified_until(struct vpshim_device *vdev, u64 pos, bool io, u64 *next)
{
	struct vpshim_claim *claim;
	u64 until = 0;
	int bar;

	*next = U64_MAX;
	for (bar = 0; vdev->pdev && bar < PCI_STD_NUM_BARS; bar++) {
		struct resource *res = &vdev->pdev->resource[bar];

		if (!resource_size(res) || !!(res->flags & IORESOURCE_IO) != io)
			continue;
		if (pos >= res->start && pos <= res->end)
			until = max_t(u64, until, res->end + 1);
		else if (res->start > pos)
			*next = min_t(u64, *next, res->start);
	}
	mutex_lock(&vdev->lock);
	list_for_each_entry(claim, &vpshim_maps_of(vdev)->claims, node) {
		if (claim->io_space != io)
			continue;
		if (pos >= claim->start && pos - claim->start < claim->len)
			until = max_t(u64, until, claim->start + claim->len);
		else if (claim->start > pos)
			*next = min_t(u64, *next, claim->start);
	}
	mutex_unlock(&vdev->lock);
	return until;
}

/* The BAR of @vdev that holds [start, start + len), or -1. */
static int vpshim_find_bar(struct vpshim_device *vdev, u64 start, u64 len, bool io)
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
 * A mapping must start and end inside ranges the device owns (its BARs, or
 * ranges VideoPortVerifyAccessRanges claimed) and may span several of them,
 * as Windows allows: a VGA miniport verifies the legacy ports as two ranges
 * around a gap and maps one range over both. A gap may not reach system RAM
 * or another device's BARs: VideoPortMapMemory must not become a way into
 * arbitrary physical memory.
 *
 * Return: true when the range may be mapped.
 */
bool vpshim_range_ok(struct vpshim_device *vdev, u64 start, u64 len, bool io)
{
	u64 pos = start, end = start + len, until, next;

	if (!len || end < start)
		return false;
	if (!vpshim_verified_until(vdev, pos, io, &next))
		return false;
	while (pos < end) {
		until = vpshim_verified_until(vdev, pos, io, &next);
		if (until) {
			pos = until;
			continue;
		}
		/* A gap: the range must go on into another verified range. */
		if (next >= end ||
		    vpshim_range_refused(vdev, pos, next - pos, io, "VideoPortGetDeviceBase"))
			return false;
		pos = next;
	}
	return true;
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
void *vpshim_map_range(struct vpshim_device *vdev, u64 start, u64 len, bool io, bool wc,
		       enum vpshim_mapping_kind kind, struct file *owner)
{
	struct vpshim_mapping *map;

	map = kzalloc(sizeof(*map), GFP_KERNEL);
	if (!map)
		return NULL;
	map->start = start;
	map->len = len;
	map->io_space = io;
	map->wc = wc;
	map->kind = kind;
	map->owner = owner;
	map->for_request = owner;
	if (io)
		map->cookie = (void *)(uintptr_t)start;
	else if (wc)
		map->cookie = (void __force *)ioremap_wc(start, len);
	else
		map->cookie = (void __force *)ioremap(start, len);
	if (!map->cookie) {
		kfree(map);
		dev_err_ratelimited(vdev->dev, "vpshim: cannot map %#llx+%#llx\n", start, len);
		return NULL;
	}
	mutex_lock(&vdev->lock);
	list_add(&map->node, &vpshim_maps_of(vdev)->mappings);
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
 * I/O space gives back the port number itself. The range must start and end
 * in ranges the device owns (its BARs, or ranges VideoPortVerifyAccessRanges
 * claimed) and may span several (see vpshim_range_ok()).
 *
 * Context: PASSIVE_LEVEL (ioremap() sleeps); NULL and a message from atomic
 * context.
 *
 * Return: the address to pass to the accessors, or NULL if the range is
 * empty, not the device's, or cannot be mapped.
 */
PVOID VideoPortGetDeviceBase(PVOID HwDeviceExtension, PHYSICAL_ADDRESS IoAddress,
			     ULONG NumberOfUchars, UCHAR InIoSpace)
{
	bool io = InIoSpace & VIDEO_MEMORY_SPACE_IO;
	u64 start = IoAddress.QuadPart;
	struct vpshim_device *vdev;

	vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);
	if (!vdev || !vpshim_check_passive(vdev, __func__, _RET_IP_))
		return NULL;
	if (!vpshim_range_ok(vdev, start, NumberOfUchars, io)) {
		vpshim_misuse(vdev, __func__, _RET_IP_,
			      "%s range %#llx+%#x does not start and end in ranges this device owns",
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
 *
 * Context: PASSIVE_LEVEL (iounmap() sleeps); from atomic context refused with a
 * message, the mapping then released at unbind.
 */
void VideoPortFreeDeviceBase(PVOID HwDeviceExtension, PVOID MappedAddress)
{
	struct vpshim_mapping *map, *found = NULL;
	struct vpshim_device *vdev;

	vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);
	/* Refused at DISPATCH_LEVEL: the mapping stays, released at unbind. */
	if (!vdev || !vpshim_check_passive(vdev, __func__, _RET_IP_))
		return;
	mutex_lock(&vdev->lock);
	list_for_each_entry(map, &vpshim_maps_of(vdev)->mappings, node) {
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
 * the same file mapped, or a request of a file since closed; never the
 * miniport's own mappings.
 *
 * Return: true if @addr was inside one, now unmapped.
 */
bool vpshim_unmap_range(struct vpshim_device *vdev, const void *addr, struct file *owner)
{
	struct vpshim_mapping *map, *found = NULL;
	uintptr_t a = (uintptr_t)addr;

	mutex_lock(&vdev->lock);
	list_for_each_entry(map, &vpshim_maps_of(vdev)->mappings, node) {
		uintptr_t base = (uintptr_t)map->cookie;

		if (map->kind == VPSHIM_MAP_MEMORY &&
		    (!owner || map->owner == owner || (map->for_request && !map->owner)) &&
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
 * vpshim_disown_mappings() - a request device file closes: its kernel mappings stay
 * @vdev: the device
 * @owner: the request device file, being released
 *
 * On Windows a system-space mapping belongs to no process: the miniport may
 * keep the address MAP_VIDEO_MEMORY returned and use it after the caller is
 * gone (samples/compat/kmap does). So the mappings the file's requests made
 * stay until the miniport unmaps them or the adapter unbinds; they only stop
 * counting toward the file's cap (they still count toward the device's).
 *
 * Return: the number of mappings the file held.
 */
unsigned int vpshim_disown_mappings(struct vpshim_device *vdev, struct file *owner)
{
	struct vpshim_mapping *map;
	unsigned int n = 0;

	mutex_lock(&vdev->lock);
	list_for_each_entry(map, &vpshim_maps_of(vdev)->mappings, node) {
		if (map->owner == owner) {
			map->owner = NULL;
			n++;
		}
	}
	mutex_unlock(&vdev->lock);
	return n;
}

/**
 * vpshim_resources_release_all() - unmap what an unbinding miniport left mapped
 * @vdev: the device
 *
 * A Windows miniport has no unload callback, so mappings made in
 * HwFindAdapter are meant to live as long as the device: releasing them here
 * is the normal end of their life, not a leak (none is counted as one).
 *
 * Return: 0.
 */
static unsigned int vpshim_resources_release_all(struct vpshim_device *vdev)
{
	struct vpshim_mapping *map, *tmp;

	list_for_each_entry_safe(map, tmp, &vpshim_maps_of(vdev)->mappings, node) {
		dev_dbg(vdev->dev, "vpshim: releasing device mapping %#llx+%#llx\n",
			(u64)map->start, map->len);
		list_del(&map->node);
		vpshim_unmap(map);
	}
	vpshim_release_claims(vdev);
	return 0;
}

/* Part init: nothing mapped or claimed yet. */
static int vpshim_maps_init(struct vpshim_device *vdev)
{
	struct vpshim_maps *maps = vpshim_maps_of(vdev);

	INIT_LIST_HEAD(&maps->mappings);
	INIT_LIST_HEAD(&maps->claims);
	INIT_LIST_HEAD(&maps->user_maps);
	return 0;
}

VPSHIM_PART(maps, struct vpshim_maps,
	    .init = vpshim_maps_init,
	    .release = vpshim_resources_release_all);
EXPORT_SYMBOL_IF_VPSHIM_KUNIT(vpshim_maps_part);

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
 * is set (then it is only recorded). The legacy VGA ranges are recorded as
 * shared for the adapter the VGA arbiter routes them to. No range may reach
 * system RAM or another device's BARs. Each call replaces the previous
 * claims. VideoPortGetDeviceBase() accepts ranges claimed here.
 *
 * Return: NO_ERROR; ERROR_INVALID_PARAMETER when a range is already claimed
 * by someone else, is system RAM, another device's BAR or legacy VGA this
 * adapter does not decode (nothing stays claimed then), @AccessRanges is
 * NULL, or the extension is invalid; ERROR_NOT_ENOUGH_MEMORY.
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
			err = vpshim_claim_range(vdev, r, __func__);
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

/**
 * VideoPortScanRom() - look for a string in a mapped ROM
 * @HwDeviceExtension: the miniport's device extension
 * @RomBase: where to start: inside a VideoPortGetDeviceBase() mapping
 * @RomLength: bytes to search, all inside that mapping
 * @String: the NUL-terminated string to look for
 *
 * Windows: searches the adapter's ROM for a signature. Linux: readb() over
 * the device's own mapping, so nothing outside what the miniport mapped is
 * read. Sleeps: PASSIVE_LEVEL.
 *
 * Return: TRUE when @String occurs in [@RomBase, @RomBase + @RomLength);
 * FALSE otherwise, and for a range that is not a mapping of this device or
 * an empty string (with a message).
 */
BOOLEAN VideoPortScanRom(PVOID HwDeviceExtension, PUCHAR RomBase, ULONG RomLength, PUCHAR String)
{
	uintptr_t base = (uintptr_t)RomBase;
	struct vpshim_device *vdev;
	struct vpshim_mapping *map;
	bool mapped = false;
	size_t len, i, j;

	vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);
	if (!vdev || !vpshim_check_passive(vdev, __func__, _RET_IP_))
		return FALSE;
	len = String ? strnlen((const char *)String, 256) : 0;
	mutex_lock(&vdev->lock);
	list_for_each_entry(map, &vpshim_maps_of(vdev)->mappings, node) {
		uintptr_t start = (uintptr_t)map->cookie;

		if (!map->io_space && base >= start && RomLength <= map->len &&
		    base - start <= map->len - RomLength) {
			mapped = true;
			break;
		}
	}
	mutex_unlock(&vdev->lock);
	if (!mapped || !len || len > 255) {
		vpshim_misuse(vdev, __func__, _RET_IP_,
			      "%p+%#x is not inside a mapping of this device, or no string",
			      RomBase, RomLength);
		return FALSE;
	}
	for (i = 0; i + len <= RomLength; i++) {
		for (j = 0; j < len; j++)
			if (readb((void __iomem __force *)(RomBase + i + j)) != String[j])
				break;
		if (j == len)
			return TRUE;
	}
	return FALSE;
}
EXPORT_SYMBOL_VPSHIM(VideoPortScanRom);
