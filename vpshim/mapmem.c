// SPDX-License-Identifier: GPL-2.0
/*
 * mapmem.c - VideoPortMapMemory and VideoPortUnmapMemory.
 *
 * Into kernel space a mapping is VideoPortGetDeviceBase's: ioremap(), or
 * ioremap_wc() for VIDEO_MEMORY_SPACE_P6CACHE. Into a process it is what a
 * Windows display driver gets for IOCTL_VIDEO_MAP_VIDEO_MEMORY or a
 * DirectDraw client for IOCTL_VIDEO_SHARE_VIDEO_MEMORY: the miniport calls
 * while handling that process's request on the adapter's request device, so
 * vpshim maps the range with vm_mmap() on that very file, and the file's
 * mmap handler inserts the device pages (io_remap_pfn_range(), uncached or
 * write-combined). Only ranges inside the device's BARs or its verified
 * access ranges can be mapped, and mmap(2) on the device by itself maps
 * nothing. Each user mapping is tracked with its mm; at unbind the pages
 * are pulled out of every process still mapping them (further access gets
 * SIGBUS instead of reaching a device that is gone).
 */

#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>

#include "vpshim.h"

static vm_fault_t vpshim_user_map_fault(struct vm_fault *vmf)
{
	/* Every page was inserted at mmap; a fault means the device is gone. */
	return VM_FAULT_SIGBUS;
}

static const struct vm_operations_struct vpshim_user_map_ops = {
	.fault = vpshim_user_map_fault,
};

/**
 * vpshim_file_mmap() - the request device's mmap handler
 * @vf: the open request device
 * @vma: the new mapping
 *
 * Only VideoPortMapMemory, on the thread handling the request, may map: it
 * set @vf->map_* to a checked range. mmap(2) from user space gets -EINVAL.
 *
 * Return: 0 or a negative errno.
 */
int vpshim_file_mmap(struct vpshim_file *vf, struct vm_area_struct *vma)
{
	if (READ_ONCE(vf->map_task) != current)
		return -EINVAL;
	if (vma->vm_pgoff || vma->vm_end - vma->vm_start != vf->map_len)
		return -EINVAL;
	vma->vm_page_prot = vf->map_wc ? pgprot_writecombine(vma->vm_page_prot) :
					 pgprot_noncached(vma->vm_page_prot);
	/*
	 * io_remap_pfn_range() marks it VM_IO | VM_PFNMAP | VM_DONTEXPAND |
	 * VM_DONTDUMP. A copy a child inherits by fork is not tracked for
	 * VideoPortUnmapMemory; at unbind every mapping of the device's files
	 * is revoked, tracked or not.
	 */
	vma->vm_ops = &vpshim_user_map_ops;
	return io_remap_pfn_range(vma, vma->vm_start, PHYS_PFN(vf->map_phys), vf->map_len,
				  vma->vm_page_prot);
}

/* Mappings one file's requests may hold at once (kernel and process). */
#define VPSHIM_MAX_FILE_MAPS	64

static void vpshim_user_map_free(struct vpshim_user_map *um)
{
	mmdrop(um->mm);
	kfree(um);
}

/* Whether @um is still what the process has at its address (not replaced). */
static bool vpshim_user_map_intact(struct vpshim_user_map *um)
{
	struct vm_area_struct *vma;
	bool ok;

	mmap_read_lock(um->mm);
	vma = find_vma(um->mm, um->start);
	ok = vma && vma->vm_start == um->start && vma->vm_end == um->start + um->len &&
	     vma->vm_file == um->file && vma->vm_ops == &vpshim_user_map_ops;
	mmap_read_unlock(um->mm);
	return ok;
}

/*
 * Forget the calling process's mappings it has unmapped itself (munmap(2)),
 * then count what @file's requests still hold.
 */
static unsigned int vpshim_file_maps(struct vpshim_device *vdev, struct file *file)
{
	struct vpshim_user_map *um, *tmp;
	struct vpshim_mapping *map;
	unsigned int n = 0;
	LIST_HEAD(gone);

	mutex_lock(&vdev->lock);
	list_for_each_entry_safe(um, tmp, &vdev->user_maps, node) {
		if (um->mm == current->mm && !vpshim_user_map_intact(um))
			list_move(&um->node, &gone);
		else
			n += um->file == file;
	}
	list_for_each_entry(map, &vdev->mappings, node)
		n += map->owner == file;
	mutex_unlock(&vdev->lock);
	list_for_each_entry_safe(um, tmp, &gone, node) {
		list_del(&um->node);
		vpshim_user_map_free(um);
	}
	return n;
}

static VP_STATUS vpshim_map_user(struct vpshim_device *vdev, u64 start, u32 len, bool wc,
				 PVOID *VirtualAddress, unsigned long caller)
{
	struct vpshim_file *vf = vdev->request_file;
	unsigned long off = start & ~PAGE_MASK, addr;
	struct vpshim_user_map *um;

	if (!vf || !current->mm || vf->map_task) {
		vpshim_misuse(vdev, "VideoPortMapMemory", caller,
			      "a process mapping needs that process's request in progress");
		return ERROR_INVALID_PARAMETER;
	}
	/* Whole pages are mapped: all of them must be the device's. */
	if (!vpshim_range_ok(vdev, start - off, PAGE_ALIGN(len + off), false)) {
		vpshim_misuse(vdev, "VideoPortMapMemory", caller,
			      "%#llx+%#x shares a page with memory the device does not own",
			      start, len);
		return ERROR_INVALID_PARAMETER;
	}
	if (vpshim_file_maps(vdev, vf->file) >= VPSHIM_MAX_FILE_MAPS) {
		dev_err_ratelimited(vdev->dev, "vpshim: %s[%d] holds %u mappings already; refused\n",
				    current->comm, task_pid_nr(current), VPSHIM_MAX_FILE_MAPS);
		return ERROR_INVALID_PARAMETER;
	}
	um = kzalloc(sizeof(*um), GFP_KERNEL);
	if (!um)
		return ERROR_NOT_ENOUGH_MEMORY;
	vf->map_phys = start - off;
	vf->map_len = PAGE_ALIGN(len + off);
	vf->map_wc = wc;
	WRITE_ONCE(vf->map_task, current);
	addr = vm_mmap(vf->file, 0, vf->map_len, PROT_READ | PROT_WRITE, MAP_SHARED, 0);
	WRITE_ONCE(vf->map_task, NULL);
	if (IS_ERR_VALUE(addr)) {
		kfree(um);
		dev_err_ratelimited(vdev->dev, "vpshim: cannot map %#llx+%#x into %s[%d]: %pe\n",
				    start, len, current->comm, task_pid_nr(current),
				    ERR_PTR((long)addr));
		return ERROR_INVALID_PARAMETER;
	}
	um->start = addr;
	um->len = vf->map_len;
	um->addr = addr + off;
	um->file = vf->file;
	um->mm = current->mm;
	mmgrab(um->mm);
	mutex_lock(&vdev->lock);
	list_add(&um->node, &vdev->user_maps);
	mutex_unlock(&vdev->lock);
	*VirtualAddress = (PVOID)um->addr;
	return NO_ERROR;
}

/**
 * VideoPortMapMemory() - map device memory into kernel space or a process
 * @HwDeviceExtension: the miniport's device extension
 * @PhysicalAddress: bus-relative start, inside a BAR or a verified range
 * @Length: in: bytes to map (left as is on return)
 * @InIoSpace: VIDEO_MEMORY_SPACE_* flags; P6CACHE asks for write-combining
 * @VirtualAddress: in: NULL for kernel space, else a process handle; out:
 *	the mapping
 *
 * Windows: maps video memory for the miniport or, in the context of the
 * requesting thread, for a user process. Linux: kernel space as
 * VideoPortGetDeviceBase() (I/O space gives the port number); a process
 * (a non-NULL handle, or VIDEO_MEMORY_SPACE_USER_MODE) is always the one
 * whose request is being handled, mapped with vm_mmap() and
 * io_remap_pfn_range(), uncached or write-combined. Sleeps: PASSIVE_LEVEL.
 *
 * Return: NO_ERROR, or ERROR_INVALID_PARAMETER (bad arguments, a range the
 * device does not own, a process mapping outside a request, I/O space for a
 * process, or no address space left), ERROR_NOT_ENOUGH_MEMORY. On failure
 * *@VirtualAddress is left alone: never success with a NULL mapping.
 */
VP_STATUS VideoPortMapMemory(PVOID HwDeviceExtension, PHYSICAL_ADDRESS PhysicalAddress,
			     PULONG Length, PULONG InIoSpace, PVOID *VirtualAddress)
{
	struct vpshim_device *vdev;
	u64 start = PhysicalAddress.QuadPart;
	struct file *owner;
	bool io, wc, user;
	void *cookie;

	vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);
	if (!vdev || !vpshim_check_passive(vdev, __func__, _RET_IP_))
		return ERROR_INVALID_PARAMETER;
	if (!Length || !InIoSpace || !VirtualAddress || !*Length) {
		vpshim_misuse(vdev, __func__, _RET_IP_, "NULL argument or zero length");
		return ERROR_INVALID_PARAMETER;
	}
	io = *InIoSpace & VIDEO_MEMORY_SPACE_IO;
	wc = *InIoSpace & VIDEO_MEMORY_SPACE_P6CACHE;
	user = *VirtualAddress || (*InIoSpace & VIDEO_MEMORY_SPACE_USER_MODE);
	if (!vpshim_range_ok(vdev, start, *Length, io)) {
		vpshim_misuse(vdev, __func__, _RET_IP_,
			      "%s range %#llx+%#x is neither in a BAR nor claimed by this device",
			      io ? "I/O" : "memory", start, *Length);
		return ERROR_INVALID_PARAMETER;
	}
	if (user && io) {
		vpshim_misuse(vdev, __func__, _RET_IP_, "I/O ports never go to a process");
		return ERROR_INVALID_PARAMETER;
	}
	if (user)
		return vpshim_map_user(vdev, start, *Length, wc, VirtualAddress, _RET_IP_);
	/* Made for a request: the file's, released with it, and bounded. */
	owner = vdev->request_file ? vdev->request_file->file : NULL;
	if (owner && vpshim_file_maps(vdev, owner) >= VPSHIM_MAX_FILE_MAPS) {
		vpshim_misuse(vdev, __func__, _RET_IP_, "too many mappings for one requester");
		return ERROR_INVALID_PARAMETER;
	}
	cookie = vpshim_map_range(vdev, start, *Length, io, wc, VPSHIM_MAP_MEMORY, owner);
	if (!cookie)
		return ERROR_INVALID_PARAMETER;
	*VirtualAddress = cookie;
	return NO_ERROR;
}
EXPORT_SYMBOL_VPSHIM(VideoPortMapMemory);

static VP_STATUS vpshim_unmap_user(struct vpshim_device *vdev, unsigned long addr)
{
	struct vpshim_user_map *um, *found = NULL;

	if (!current->mm)
		return ERROR_INVALID_PARAMETER;
	mutex_lock(&vdev->lock);
	list_for_each_entry(um, &vdev->user_maps, node) {
		if (um->mm == current->mm && addr >= um->start && addr - um->start < um->len) {
			list_del(&um->node);
			found = um;
			break;
		}
	}
	mutex_unlock(&vdev->lock);
	if (!found)
		return ERROR_INVALID_PARAMETER;
	/* The process may have unmapped it itself and reused the addresses. */
	if (vpshim_user_map_intact(found))
		vm_munmap(found->start, found->len);
	vpshim_user_map_free(found);
	return NO_ERROR;
}

/**
 * VideoPortUnmapMemory() - undo VideoPortMapMemory()
 * @HwDeviceExtension: the miniport's device extension
 * @VirtualAddress: any address inside the mapping
 * @ProcessHandle: 0, or the handle given to VideoPortMapMemory()
 *
 * Windows: releases the whole mapping @VirtualAddress falls in. Linux:
 * iounmap() for a kernel mapping; vm_munmap() for a mapping of the calling
 * process (a process mapping can only be released from that process, as on
 * Windows, where the call runs in the requesting thread's context).
 *
 * Return: NO_ERROR, or ERROR_INVALID_PARAMETER when @VirtualAddress is in no
 * mapping VideoPortMapMemory() made for this device and caller.
 */
VP_STATUS VideoPortUnmapMemory(PVOID HwDeviceExtension, PVOID VirtualAddress,
			       HANDLE ProcessHandle)
{
	struct vpshim_device *vdev;

	vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);
	if (!vdev || !vpshim_check_passive(vdev, __func__, _RET_IP_))
		return ERROR_INVALID_PARAMETER;
	if (vpshim_unmap_range(vdev, VirtualAddress,
			       vdev->request_file ? vdev->request_file->file : NULL))
		return NO_ERROR;
	if (vpshim_unmap_user(vdev, (unsigned long)VirtualAddress) == NO_ERROR)
		return NO_ERROR;
	vpshim_misuse(vdev, __func__, _RET_IP_, "%p is not a mapping VideoPortMapMemory made",
		      VirtualAddress);
	return ERROR_INVALID_PARAMETER;
}
EXPORT_SYMBOL_VPSHIM(VideoPortUnmapMemory);

/**
 * vpshim_user_maps_release() - forget process mappings
 * @vdev: the device
 * @file: the request device file being released, or NULL at unbind
 *
 * When a file is released its process mappings are already gone (each vma
 * held the file), so only the records go, with the kernel mappings its
 * requests made. At unbind (@file NULL) every record goes; the pages were
 * pulled out of the processes by vpshim_request_remove().
 */
void vpshim_user_maps_release(struct vpshim_device *vdev, struct file *file)
{
	struct vpshim_user_map *um, *tmp;
	LIST_HEAD(gone);

	mutex_lock(&vdev->lock);
	list_for_each_entry_safe(um, tmp, &vdev->user_maps, node) {
		if (!file || um->file == file)
			list_move(&um->node, &gone);
	}
	mutex_unlock(&vdev->lock);
	list_for_each_entry_safe(um, tmp, &gone, node) {
		list_del(&um->node);
		vpshim_user_map_free(um);
	}
	if (file)
		vpshim_unmap_owned(vdev, file);
}
EXPORT_SYMBOL_IF_VPSHIM_KUNIT(vpshim_user_maps_release);
