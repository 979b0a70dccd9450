// SPDX-License-Identifier: GPL-2.0
/*
 * mapmem.c - VideoPortMapMemory and VideoPortUnmapMemory.
 *
 * Into kernel space a mapping is VideoPortGetDeviceBase's: ioremap(), or
 * ioremap_wc() for VIDEO_MEMORY_SPACE_P6CACHE. Into a process it is what a
 * Windows display driver gets for IOCTL_VIDEO_MAP_VIDEO_MEMORY or a
 * DirectDraw client for IOCTL_VIDEO_SHARE_VIDEO_MEMORY: the miniport calls
 * while handling that process's request on the adapter's request device, so
 * vpshim maps the range with vm_mmap() on that very file. Only ranges the
 * device owns can be mapped, and mmap(2) on the device by itself maps
 * nothing.
 *
 * A process mapping is a VM_PFNMAP area whose pages are inserted when they
 * are first touched (vmf_insert_pfn_prot()), uncached or write-combined;
 * for write-combining the memory type is reserved once for the whole range,
 * so the kernel's memory-type tracking (x86 PAT) agrees with every page. The
 * area cannot be split, moved or inherited by fork: it stays exactly what
 * VideoPortMapMemory made until it is unmapped as a whole. At unbind every
 * page is pulled out of every process; touching one raises SIGBUS.
 *
 * A miniport written for a kernel-mode display driver answers
 * IOCTL_VIDEO_MAP_VIDEO_MEMORY with a kernel-space mapping. A kernel address
 * never reaches user space: vpshim_request_outgoing() finds it in the answer,
 * maps the same device memory into the requesting process and puts the user
 * address in its place (or refuses the request).
 */

#include <linux/io.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include "vpshim.h"
#include "maps.h"

/* Mappings one file's requests may hold at once (kernel and process). */
#define VPSHIM_MAX_FILE_MAPS	64
/* Kernel mappings the requests of all files of one device may hold. */
#define VPSHIM_MAX_DEVICE_REQUEST_MAPS	256
/* Pages inserted around a faulting one, as TTM does. */
#define VPSHIM_PREFAULT_PAGES	16

/*
 * A mapping VideoPortMapMemory made into a process. The device's list holds
 * one reference, each vma of the process another.
 */
struct vpshim_user_map {
	struct kref ref;
	struct rw_semaphore revoke_lock;	/* a fault's insert vs. revocation */
	struct list_head node;		/* in the device's user_maps, under vdev->lock */
	atomic_t vmas;			/* vmas still mapping it */
	unsigned long start;		/* page-aligned user address */
	unsigned long len;		/* page-aligned length */
	unsigned long addr;		/* what the miniport got: start + offset */
	phys_addr_t phys;		/* bus address of the first page */
	bool wc;			/* write-combined, memory type reserved */
	bool revoked;			/* unbind: faults get SIGBUS */
	void *kernel_cookie;		/* the kernel mapping it stands for */
	struct mm_struct *mm;		/* mmgrab()ed: identity, not the space */
	struct file *file;		/* the vma holds it */
};

static void vpshim_user_map_free(struct kref *ref)
{
	struct vpshim_user_map *um = container_of(ref, struct vpshim_user_map, ref);

	if (um->wc)
		arch_io_free_memtype_wc(um->phys, um->len);
	mmdrop(um->mm);
	kfree(um);
}

static void vpshim_user_map_put(struct vpshim_user_map *um)
{
	kref_put(&um->ref, vpshim_user_map_free);
}

static void vpshim_user_map_vm_open(struct vm_area_struct *vma)
{
	struct vpshim_user_map *um = vma->vm_private_data;

	kref_get(&um->ref);
	atomic_inc(&um->vmas);
}

static void vpshim_user_map_vm_close(struct vm_area_struct *vma)
{
	struct vpshim_user_map *um = vma->vm_private_data;

	atomic_dec(&um->vmas);
	vpshim_user_map_put(um);
}

/* The area is VideoPortMapMemory's whole range or nothing. */
static int vpshim_user_map_may_split(struct vm_area_struct *vma, unsigned long addr)
{
	return -EINVAL;
}

static int vpshim_user_map_mremap(struct vm_area_struct *vma)
{
	return -EINVAL;
}

/* The device page behind a user address of the area (never split or moved). */
static unsigned long vpshim_user_map_pfn(struct vpshim_user_map *um, struct vm_area_struct *vma,
					 unsigned long addr)
{
	return PHYS_PFN(um->phys) + ((addr - vma->vm_start) >> PAGE_SHIFT);
}

static vm_fault_t vpshim_user_map_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct vpshim_user_map *um = vma->vm_private_data;
	unsigned long addr, end;
	vm_fault_t ret;

	/*
	 * Revocation takes the lock for writing before it zaps the pages: an
	 * insert either sees it and fails, or happens before and is zapped.
	 */
	down_read(&um->revoke_lock);
	if (um->revoked) {
		up_read(&um->revoke_lock);
		return VM_FAULT_SIGBUS;
	}
	ret = vmf_insert_pfn_prot(vma, vmf->address, vpshim_user_map_pfn(um, vma, vmf->address),
				  vma->vm_page_prot);
	/* The pages after it are likely next (a frame buffer is written in order). */
	end = min(vma->vm_end, vmf->address + VPSHIM_PREFAULT_PAGES * PAGE_SIZE);
	for (addr = vmf->address + PAGE_SIZE; ret == VM_FAULT_NOPAGE && addr < end;
	     addr += PAGE_SIZE) {
		if (vmf_insert_pfn_prot(vma, addr, vpshim_user_map_pfn(um, vma, addr),
					vma->vm_page_prot) != VM_FAULT_NOPAGE)
			break;
	}
	up_read(&um->revoke_lock);
	return ret;
}

static const struct vm_operations_struct vpshim_user_map_ops = {
	.open = vpshim_user_map_vm_open,
	.close = vpshim_user_map_vm_close,
	.may_split = vpshim_user_map_may_split,
	.mremap = vpshim_user_map_mremap,
	.fault = vpshim_user_map_fault,
};

/**
 * vpshim_file_mmap() - the request device's mmap handler
 * @vf: the open request device
 * @vma: the new mapping
 *
 * Only VideoPortMapMemory, on the thread handling the request, may map: it
 * hands the checked mapping over in @vf->map_um. mmap(2) from user space
 * gets -EINVAL.
 *
 * Return: 0 or a negative errno.
 */
int vpshim_file_mmap(struct vpshim_file *vf, struct vm_area_struct *vma)
{
	struct vpshim_user_map *um = vf->map_um;

	if (READ_ONCE(vf->map_task) != current || !um)
		return -EINVAL;
	if (vma->vm_pgoff || vma->vm_end - vma->vm_start != um->len)
		return -EINVAL;
	vma->vm_page_prot = um->wc ? pgprot_writecombine(vma->vm_page_prot) :
				     pgprot_noncached(vma->vm_page_prot);
	vm_flags_set(vma, VM_IO | VM_PFNMAP | VM_DONTEXPAND | VM_DONTDUMP | VM_DONTCOPY);
	vma->vm_ops = &vpshim_user_map_ops;
	vma->vm_private_data = um;
	vpshim_user_map_vm_open(vma);
	return 0;
}

/*
 * Forget the mappings whose areas are all gone (the process unmapped them
 * itself), then count what @file's requests still hold. Caller holds
 * vdev->lock; what is forgotten goes on @gone.
 */
static unsigned int vpshim_file_maps_locked(struct vpshim_device *vdev, struct file *file,
					    struct list_head *gone)
{
	struct vpshim_user_map *um, *tmp;
	struct vpshim_mapping *map;
	unsigned int n = 0;

	list_for_each_entry_safe(um, tmp, &vpshim_maps_of(vdev)->user_maps, node) {
		if (!atomic_read(&um->vmas))
			list_move(&um->node, gone);
		else
			n += um->file == file;
	}
	list_for_each_entry(map, &vpshim_maps_of(vdev)->mappings, node)
		n += map->owner == file;
	return n;
}

static void vpshim_user_maps_put_list(struct list_head *gone)
{
	struct vpshim_user_map *um, *tmp;

	list_for_each_entry_safe(um, tmp, gone, node) {
		list_del(&um->node);
		vpshim_user_map_put(um);
	}
}

static unsigned int vpshim_file_maps(struct vpshim_device *vdev, struct file *file)
{
	unsigned int n;
	LIST_HEAD(gone);

	mutex_lock(&vdev->lock);
	n = vpshim_file_maps_locked(vdev, file, &gone);
	mutex_unlock(&vdev->lock);
	vpshim_user_maps_put_list(&gone);
	return n;
}

/* Kernel mappings requests made that are still mapped, on any file. */
static unsigned int vpshim_request_maps(struct vpshim_device *vdev)
{
	struct vpshim_mapping *map;
	unsigned int n = 0;

	mutex_lock(&vdev->lock);
	list_for_each_entry(map, &vpshim_maps_of(vdev)->mappings, node)
		n += map->for_request;
	mutex_unlock(&vdev->lock);
	return n;
}

/*
 * Map [start, start + len) of the device into the process of @vf's request
 * in progress. @kernel_cookie: the kernel mapping this one stands for, or
 * NULL. Return: the user address of @start, or 0 (said why).
 */
static unsigned long vpshim_map_into_process(struct vpshim_device *vdev, struct vpshim_file *vf,
					     u64 start, u64 len, bool wc, void *kernel_cookie,
					     const char *func, unsigned long caller)
{
	unsigned long off = start & ~PAGE_MASK, addr;
	u64 pages = PAGE_ALIGN(len + off);
	struct vpshim_user_map *um;

	/* Whole pages are mapped: all of them must be the device's. */
	if (!vpshim_range_ok(vdev, start - off, pages, false)) {
		vpshim_misuse(vdev, func, caller,
			      "%#llx+%#llx shares a page with memory the device does not own",
			      start, len);
		return 0;
	}
	if (vpshim_file_maps(vdev, vf->file) >= VPSHIM_MAX_FILE_MAPS) {
		dev_err_ratelimited(vdev->dev, "%s: %s[%d] holds %u mappings already; refused\n",
				    func, current->comm, task_pid_nr(current),
				    VPSHIM_MAX_FILE_MAPS);
		return 0;
	}
	um = kzalloc(sizeof(*um), GFP_KERNEL_ACCOUNT);
	if (!um)
		return 0;
	kref_init(&um->ref);
	init_rwsem(&um->revoke_lock);
	um->phys = start - off;
	um->len = pages;
	um->kernel_cookie = kernel_cookie;
	um->file = vf->file;
	um->mm = current->mm;
	mmgrab(um->mm);
	/* One memory type for the whole range, reserved before any page is in. */
	um->wc = wc && !arch_io_reserve_memtype_wc(um->phys, um->len);
	if (wc && !um->wc)
		dev_info_ratelimited(vdev->dev,
				     "%s: %#llx+%#llx has another memory type already; mapped uncached\n",
				     func, start, len);
	vf->map_um = um;
	WRITE_ONCE(vf->map_task, current);
	addr = vm_mmap(vf->file, 0, um->len, PROT_READ | PROT_WRITE, MAP_SHARED, 0);
	WRITE_ONCE(vf->map_task, NULL);
	vf->map_um = NULL;
	if (IS_ERR_VALUE(addr)) {
		dev_err_ratelimited(vdev->dev, "%s: cannot map %#llx+%#llx into %s[%d]: %pe\n",
				    func, start, len, current->comm, task_pid_nr(current),
				    ERR_PTR((long)addr));
		vpshim_user_map_put(um);
		return 0;
	}
	um->start = addr;
	um->addr = addr + off;
	mutex_lock(&vdev->lock);
	list_add(&um->node, &vpshim_maps_of(vdev)->user_maps);
	mutex_unlock(&vdev->lock);
	return um->addr;
}

/**
 * VideoPortMapMemory() - map device memory into kernel space or a process
 * @HwDeviceExtension: the miniport's device extension
 * @PhysicalAddress: bus-relative start, in ranges the device owns
 * @Length: in: bytes to map (left as is on return)
 * @InIoSpace: VIDEO_MEMORY_SPACE_* flags; P6CACHE asks for write-combining
 * @VirtualAddress: in: NULL for kernel space, else a process handle; out:
 *	the mapping
 *
 * Windows: maps video memory for the miniport or, in the context of the
 * requesting thread, for a user process. Linux: kernel space as
 * VideoPortGetDeviceBase() (I/O space gives the port number); a process
 * (a non-NULL handle, or VIDEO_MEMORY_SPACE_USER_MODE) is always the one
 * whose request the calling thread is handling, mapped with vm_mmap() and
 * filled at fault time, uncached or write-combined. Sleeps: PASSIVE_LEVEL.
 *
 * Return: NO_ERROR; ERROR_INVALID_PARAMETER (bad arguments, a range the
 * device does not own, a process mapping from a thread that is not handling
 * a request, I/O space for a process, no address space left);
 * ERROR_NOT_ENOUGH_MEMORY (out of memory, or the caps on mappings per
 * requester and per device reached). On failure *@VirtualAddress is left
 * alone: never success with a NULL mapping.
 */
VP_STATUS VideoPortMapMemory(PVOID HwDeviceExtension, PHYSICAL_ADDRESS PhysicalAddress,
			     PULONG Length, PULONG InIoSpace, PVOID *VirtualAddress)
{
	struct vpshim_device *vdev;
	u64 start = PhysicalAddress.QuadPart;
	struct vpshim_file *vf;
	struct file *owner;
	unsigned long addr;
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
			      "%s range %#llx+%#x does not start and end in ranges this device owns",
			      io ? "I/O" : "memory", start, *Length);
		return ERROR_INVALID_PARAMETER;
	}
	if (user && io) {
		vpshim_misuse(vdev, __func__, _RET_IP_, "I/O ports never go to a process");
		return ERROR_INVALID_PARAMETER;
	}
	vf = vpshim_request_of(vdev);
	if (user) {
		if (!vf || !current->mm) {
			vpshim_misuse(vdev, __func__, _RET_IP_,
				      "a process mapping needs that process's request in progress on this thread");
			return ERROR_INVALID_PARAMETER;
		}
		addr = vpshim_map_into_process(vdev, vf, start, *Length, wc, NULL, __func__,
					       _RET_IP_);
		if (!addr)
			return ERROR_INVALID_PARAMETER;
		*VirtualAddress = (PVOID)addr;
		return NO_ERROR;
	}
	/* Made for a request: counted against the file and the device. */
	owner = vf ? vf->file : NULL;
	if (owner && (vpshim_file_maps(vdev, owner) >= VPSHIM_MAX_FILE_MAPS ||
		      vpshim_request_maps(vdev) >= VPSHIM_MAX_DEVICE_REQUEST_MAPS)) {
		dev_err_ratelimited(vdev->dev,
				    "%s: requests hold too many kernel mappings (%u per requester, %u per device); refused\n",
				    __func__, VPSHIM_MAX_FILE_MAPS, VPSHIM_MAX_DEVICE_REQUEST_MAPS);
		return ERROR_NOT_ENOUGH_MEMORY;
	}
	cookie = vpshim_map_range(vdev, start, *Length, io, wc, VPSHIM_MAP_MEMORY, owner);
	if (!cookie)
		return ERROR_INVALID_PARAMETER;
	*VirtualAddress = cookie;
	return NO_ERROR;
}
EXPORT_SYMBOL_VPSHIM(VideoPortMapMemory);

/**
 * VideoPortMapBankedMemory() - map a banked frame buffer as a linear one
 * @HwDeviceExtension: the miniport's device extension
 * @PhysicalAddress: bus-relative start of the frame buffer
 * @Length: in: the whole frame buffer's size; out: the size mapped
 * @InIoSpace: VIDEO_MEMORY_SPACE_* flags, as for VideoPortMapMemory()
 * @VirtualAddress: as for VideoPortMapMemory()
 * @BankLength: the size of one bank
 * @ReadWriteBank: TRUE for one read/write bank, FALSE for two
 * @BankRoutine: the miniport's bank switch routine
 * @Context: passed to @BankRoutine
 *
 * Windows: maps the frame buffer as if it were linear and calls @BankRoutine
 * from the page-fault path whenever another bank is touched (x86 only).
 * Linux: when the device decodes the whole frame buffer linearly (every PCI
 * adapter with a linear frame buffer BAR), it is mapped as
 * VideoPortMapMemory() would map it and @BankRoutine is never needed. A
 * frame buffer reachable only through a bank window is not supported.
 *
 * Return: NO_ERROR; ERROR_INVALID_PARAMETER for what VideoPortMapMemory()
 * refuses, and for a frame buffer the device does not decode linearly
 * (with a message naming the bank window).
 */
VP_STATUS VideoPortMapBankedMemory(PVOID HwDeviceExtension, PHYSICAL_ADDRESS PhysicalAddress,
				   PULONG Length, PULONG InIoSpace, PVOID *VirtualAddress,
				   ULONG BankLength, UCHAR ReadWriteBank,
				   PBANKED_SECTION_ROUTINE BankRoutine, PVOID Context)
{
	struct vpshim_device *vdev;

	vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);
	if (!vdev)
		return ERROR_INVALID_PARAMETER;
	if (Length && InIoSpace && !(*InIoSpace & VIDEO_MEMORY_SPACE_IO) &&
	    !vpshim_range_ok(vdev, PhysicalAddress.QuadPart, *Length, false)) {
		vpshim_misuse(vdev, __func__, _RET_IP_,
			      "%#llx+%#x is only reachable through %#x-byte banks; banked mapping is not supported",
			      PhysicalAddress.QuadPart, *Length, BankLength);
		return ERROR_INVALID_PARAMETER;
	}
	return VideoPortMapMemory(HwDeviceExtension, PhysicalAddress, Length, InIoSpace,
				  VirtualAddress);
}
EXPORT_SYMBOL_VPSHIM(VideoPortMapBankedMemory);

/* Whether @um's area is still there, whole, at its address in this process. */
static bool vpshim_user_map_present(struct vpshim_user_map *um)
{
	struct vm_area_struct *vma;
	bool ok;

	mmap_read_lock(um->mm);
	vma = find_vma(um->mm, um->start);
	ok = vma && vma->vm_start == um->start && vma->vm_private_data == um &&
	     vma->vm_ops == &vpshim_user_map_ops;
	mmap_read_unlock(um->mm);
	return ok;
}

static VP_STATUS vpshim_unmap_user(struct vpshim_device *vdev, unsigned long addr)
{
	struct vpshim_user_map *um, *found = NULL;

	if (!current->mm)
		return ERROR_INVALID_PARAMETER;
	mutex_lock(&vdev->lock);
	list_for_each_entry(um, &vpshim_maps_of(vdev)->user_maps, node) {
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
	if (vpshim_user_map_present(found))
		vm_munmap(found->start, found->len);
	/* It stood for a kernel mapping the miniport made: that goes too. */
	if (found->kernel_cookie)
		vpshim_unmap_range(vdev, found->kernel_cookie, found->file);
	vpshim_user_map_put(found);
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
 * Windows, where the call runs in the requesting thread's context). The
 * user address vpshim gave a process in place of a kernel mapping releases
 * both.
 *
 * Return: NO_ERROR, or ERROR_INVALID_PARAMETER when @VirtualAddress is in no
 * mapping VideoPortMapMemory() made for this device and caller.
 */
VP_STATUS VideoPortUnmapMemory(PVOID HwDeviceExtension, PVOID VirtualAddress,
			       HANDLE ProcessHandle)
{
	struct vpshim_device *vdev;
	struct vpshim_file *vf;

	vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);
	if (!vdev || !vpshim_check_passive(vdev, __func__, _RET_IP_))
		return ERROR_INVALID_PARAMETER;
	vf = vpshim_request_of(vdev);
	if (vpshim_unmap_range(vdev, VirtualAddress, vf ? vf->file : NULL))
		return NO_ERROR;
	if (vpshim_unmap_user(vdev, (unsigned long)VirtualAddress) == NO_ERROR)
		return NO_ERROR;
	vpshim_misuse(vdev, __func__, _RET_IP_, "%p is not a mapping VideoPortMapMemory made",
		      VirtualAddress);
	return ERROR_INVALID_PARAMETER;
}
EXPORT_SYMBOL_VPSHIM(VideoPortUnmapMemory);

/* The memory-space kernel mapping of @vdev holding @addr, copied out. */
static bool vpshim_kernel_mapping_at(struct vpshim_device *vdev, unsigned long addr,
				     struct vpshim_mapping *out)
{
	struct vpshim_mapping *map;
	bool found = false;

	mutex_lock(&vdev->lock);
	list_for_each_entry(map, &vpshim_maps_of(vdev)->mappings, node) {
		unsigned long base = (unsigned long)map->cookie;

		if (!map->io_space && addr >= base && addr - base < map->len) {
			*out = *map;
			found = true;
			break;
		}
	}
	mutex_unlock(&vdev->lock);
	return found;
}

/* The process alias of a kernel mapping this file's process has already. */
static unsigned long vpshim_user_alias(struct vpshim_device *vdev, struct file *file,
				       void *cookie)
{
	struct vpshim_user_map *um;
	unsigned long addr = 0;

	mutex_lock(&vdev->lock);
	list_for_each_entry(um, &vpshim_maps_of(vdev)->user_maps, node) {
		if (um->kernel_cookie == cookie && um->file == file && um->mm == current->mm &&
		    atomic_read(&um->vmas)) {
			addr = um->addr;
			break;
		}
	}
	mutex_unlock(&vdev->lock);
	return addr;
}

/* Whether @v is an address of the kernel's own memory. */
static bool vpshim_is_kernel_address(u64 v)
{
	const void *p = (const void *)(unsigned long)v;

	if (is_vmalloc_addr(p) || virt_addr_valid(p))
		return true;
#if defined(MODULES_VADDR) && defined(MODULES_END)
	/* Modules (a miniport's statics) are outside vmalloc on x86-64 and arm64. */
	if (v >= MODULES_VADDR && v < MODULES_END)
		return true;
#endif
	return false;
}

/*
 * One pointer-sized value of an answer at @off: a kernel mapping of the
 * device's memory becomes the same place in a mapping into the requesting
 * process; any other kernel address is refused unless @may_leak. Returns 0
 * or -EPERM.
 */
static int vpshim_outgoing_value(struct vpshim_device *vdev, struct vpshim_file *vf,
				 ULONG code, void *buf, size_t off, bool may_leak)
{
	struct vpshim_mapping map;
	unsigned long user;
	u64 v;

	memcpy(&v, buf + off, sizeof(v));
	if (!vpshim_kernel_mapping_at(vdev, v, &map)) {
		if (may_leak || !vpshim_is_kernel_address(v))
			return 0;
		dev_err_ratelimited(vdev->dev,
				    "vpshim: the answer to request %#x holds a kernel address at byte %zu; refused\n",
				    code, off);
		return -EPERM;
	}
	user = vpshim_user_alias(vdev, vf->file, map.cookie);
	if (!user)
		user = vpshim_map_into_process(vdev, vf, map.start, map.len, map.wc, map.cookie,
					       "HwStartIO", 0);
	if (!user)
		return -EPERM;
	v = user + (v - (unsigned long)map.cookie);
	memcpy(buf + off, &v, sizeof(v));
	return 0;
}

/* Where a documented request's answer holds pointers: offsets, and the stride of an array. */
static bool vpshim_answer_pointers(ULONG code, size_t *first, size_t *second, size_t *stride)
{
	*second = SIZE_MAX;
	*stride = 0;
	switch (code) {
	case IOCTL_VIDEO_MAP_VIDEO_MEMORY:
		*first = offsetof(VIDEO_MEMORY_INFORMATION, VideoRamBase);
		*second = offsetof(VIDEO_MEMORY_INFORMATION, FrameBufferBase);
		return true;
	case IOCTL_VIDEO_SHARE_VIDEO_MEMORY:
		*first = offsetof(VIDEO_SHARE_MEMORY_INFORMATION, VirtualAddress);
		return true;
	case IOCTL_VIDEO_QUERY_PUBLIC_ACCESS_RANGES:
		*first = offsetof(VIDEO_PUBLIC_ACCESS_RANGES, VirtualAddress);
		*stride = sizeof(VIDEO_PUBLIC_ACCESS_RANGES);
		return true;
	default:
		return false;
	}
}

/**
 * vpshim_request_outgoing() - keep kernel addresses out of a request's answer
 * @vdev: the device
 * @vf: the file the request came from, NULL from inside the kernel
 * @code: the request's control code
 * @buf: the output the miniport wrote
 * @len: how much of it goes back
 *
 * A kernel mapping of the device's memory in an answer (what a miniport
 * written for a kernel-mode display driver returns for
 * IOCTL_VIDEO_MAP_VIDEO_MEMORY) is replaced by the same place in a mapping of
 * that memory into the requesting process, made once per kernel mapping.
 * Documented requests are looked at only in their pointer fields (the rest is
 * data: modes, EDID, fonts); there any other kernel address fails the
 * request. A private request's answer (function code 0x800 and up) has no
 * layout vpshim knows: every pointer-aligned 64-bit value is looked at, and
 * other kernel addresses fail it unless the caller has CAP_SYS_ADMIN (who
 * may see kernel addresses anyway: then raw data that merely looks like one
 * goes back untouched). Requests from inside the kernel keep their kernel
 * addresses.
 *
 * Context: the request lock is held; the caller is the requesting thread.
 * Return: 0, or -EPERM when a kernel address cannot be translated.
 */
int vpshim_request_outgoing(struct vpshim_device *vdev, struct vpshim_file *vf, ULONG code,
			    void *buf, size_t len)
{
	size_t first, second, stride, off;
	bool may_leak;
	int err = 0;

	if (!vf)
		return 0;
	if (vpshim_answer_pointers(code, &first, &second, &stride)) {
		for (off = first; !err && off + sizeof(u64) <= len; off += stride) {
			err = vpshim_outgoing_value(vdev, vf, code, buf, off, false);
			if (!stride)
				break;
		}
		if (!err && second != SIZE_MAX && second + sizeof(u64) <= len)
			err = vpshim_outgoing_value(vdev, vf, code, buf, second, false);
		return err;
	}
	if (((code >> 2) & 0xfff) < 0x800)
		return 0;	/* documented, and no pointers in the answer */
	may_leak = capable(CAP_SYS_ADMIN);
	for (off = 0; !err && off + sizeof(u64) <= len; off += sizeof(u64))
		err = vpshim_outgoing_value(vdev, vf, code, buf, off, may_leak);
	return err;
}
EXPORT_SYMBOL_IF_VPSHIM_KUNIT(vpshim_request_outgoing);

/**
 * vpshim_user_maps_release() - forget process mappings
 * @vdev: the device
 * @file: the request device file being released, or NULL at unbind
 *
 * When a file is released its process mappings are already gone (each vma
 * held the file), so only the records go; the kernel mappings its requests
 * made stay the device's (see vpshim_disown_mappings()). At unbind (@file
 * NULL) every record goes, each marked revoked first:
 * vpshim_request_remove() then pulls the pages out of the processes, and a
 * new fault gets SIGBUS.
 */
void vpshim_user_maps_release(struct vpshim_device *vdev, struct file *file)
{
	struct vpshim_user_map *um, *tmp;
	LIST_HEAD(gone);

	mutex_lock(&vdev->lock);
	list_for_each_entry_safe(um, tmp, &vpshim_maps_of(vdev)->user_maps, node) {
		if (file && um->file != file)
			continue;
		down_write(&um->revoke_lock);
		um->revoked = true;
		up_write(&um->revoke_lock);
		list_move(&um->node, &gone);
	}
	mutex_unlock(&vdev->lock);
	vpshim_user_maps_put_list(&gone);
	if (file)
		vpshim_disown_mappings(vdev, file);
}
EXPORT_SYMBOL_IF_VPSHIM_KUNIT(vpshim_user_maps_release);
