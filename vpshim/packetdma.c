// SPDX-License-Identifier: GPL-2.0
/*
 * packetdma.c - packet-based bus-master DMA: locked buffers, StartDma and
 * CompleteDma, and the NT4-era DMA calls.
 *
 * VideoPortLockBuffer pins a user buffer (pin_user_pages_fast()) or takes
 * the pages of a kernel one (lowmem or vmalloc) and hands the miniport an
 * MDL: vpshim's record of the pages. VideoPortStartDma maps a part of it for
 * the device with dma_map_sgtable(), bounded by the adapter's MaximumLength,
 * builds the VP_SCATTER_GATHER_LIST from the DMA segments (one element for
 * an adapter without scatter/gather), reports the length mapped and calls
 * the miniport's HwVidExecuteDma at DISPATCH_LEVEL (bottom halves off, as
 * DPCs run). VideoPortCompleteDma unmaps it, which syncs the device's data
 * for the CPU. Each MDL and transfer is tracked, so a foreign handle, a
 * second completion, the wrong adapter or an unlock during a transfer is
 * refused with a message; whatever is left at PutDmaAdapter or unbind is
 * unmapped, unpinned and reported.
 */

#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>

#include "vpshim.h"
#include "packetdma.h"

struct vpshim_transfer;

/* A locked buffer: what a PVOID Mdl stands for. */
struct vpshim_mdl {
	struct list_head node;		/* in the device's mdls */
	struct sg_table sgt;		/* the whole buffer, built once at lock */
	struct vpshim_transfer *cached;	/* a transfer ready for it, or in use */
	u32 *runs;			/* the table's entry lengths, never trimmed */
	bool cached_busy;
	void *base;			/* the miniport's address */
	u32 length;
	unsigned int offset;		/* of base in its first page */
	unsigned int nr_pages;
	unsigned int active;		/* transfers in progress on it */
	bool user;			/* pinned user pages */
	bool writable;			/* the device may write them */
	struct page *pages[];
};

/*
 * One StartDma: the mapping and the list the miniport got. The first
 * transfer on a buffer uses the buffer's own table, trimmed to the round
 * (first/last and their saved fields); a second one at the same time
 * builds a table of its own (own_table).
 */
struct vpshim_transfer {
	struct list_head node;		/* in adapter->transfers */
	struct vpshim_mdl *mdl;
	struct sg_table sgt;
	enum dma_data_direction dir;
	bool own_table;
	struct scatterlist *first, *last;
	unsigned int first_offset, first_length, last_length;
	bool last_was_end;
	VP_SCATTER_GATHER_LIST list;	/* last: its elements follow */
};

/* Contiguous memory from VideoPortAllocateContiguousMemory. */
struct vpshim_contiguous {
	struct list_head node;
	void *cpu_addr;
	size_t size;
};

/* Part init: no buffer locked, no contiguous memory. */
static int vpshim_packet_init(struct vpshim_device *vdev)
{
	struct vpshim_packet *pk = vpshim_packet_of(vdev);

	spin_lock_init(&pk->lock);
	INIT_LIST_HEAD(&pk->mdls);
	INIT_LIST_HEAD(&pk->contiguous);
	return 0;
}

static void vpshim_mdl_free(struct vpshim_mdl *mdl)
{
	kvfree(mdl->runs);
	kvfree(mdl->cached);
	sg_free_table(&mdl->sgt);
	if (mdl->user)
		unpin_user_pages_dirty_lock(mdl->pages, mdl->nr_pages, mdl->writable);
	kvfree(mdl);
}

/*
 * The largest scatterlist entry to build: what the device takes in one DMA
 * segment, and what a bounce buffer (swiotlb) can hold, whole pages.
 */
static unsigned int vpshim_max_segment(struct vpshim_device *vdev)
{
	size_t max = min_t(size_t, dma_max_mapping_size(vdev->dev),
			   dma_get_max_seg_size(vdev->dev));

	return max_t(size_t, ALIGN_DOWN(min_t(size_t, max, UINT_MAX), PAGE_SIZE), PAGE_SIZE);
}

/*
 * Bytes from @offset to the end of the table entry holding it. From the
 * entry lengths saved at lock time, not the table: a transfer in flight may
 * have trimmed the table's entries to its own round.
 */
static unsigned int vpshim_mdl_run(struct vpshim_mdl *mdl, unsigned int offset)
{
	unsigned int i = 0;

	while (offset >= mdl->runs[i])
		offset -= mdl->runs[i++];
	return mdl->runs[i] - offset;
}

/* The pages of a kernel buffer: lowmem or vmalloc, nothing else. */
static bool vpshim_kernel_pages(struct vpshim_mdl *mdl, unsigned long start)
{
	unsigned long last = start + mdl->length - 1;
	unsigned int i;

	if (is_vmalloc_addr((void *)start) && is_vmalloc_addr((void *)last)) {
		for (i = 0; i < mdl->nr_pages; i++) {
			mdl->pages[i] = vmalloc_to_page((void *)((start & PAGE_MASK) +
								 i * PAGE_SIZE));
			if (!mdl->pages[i])
				return false;
		}
		return true;
	}
	if (!virt_addr_valid((void *)start) || !virt_addr_valid((void *)last))
		return false;
	for (i = 0; i < mdl->nr_pages; i++)
		mdl->pages[i] = virt_to_page((void *)((start & PAGE_MASK) + i * PAGE_SIZE));
	return true;
}

/**
 * VideoPortLockBuffer() - lock a buffer's pages for packet DMA
 * @HwDeviceExtension: the miniport's device extension
 * @BaseAddress: the buffer: a user address of the calling process, or a
 *	kernel address (lowmem or vmalloc)
 * @Length: bytes
 * @Operation: VpReadAccess (the device reads), VpWriteAccess or
 *	VpModifyAccess (the device writes)
 *
 * Windows: probes and locks the pages and returns an MDL. Linux: pins user
 * pages with pin_user_pages_fast() (writable ones for write or modify
 * access) or records a kernel buffer's pages. Sleeps: PASSIVE_LEVEL.
 *
 * While the miniport handles a request (HwStartIO), only the requesting
 * process's memory can be locked: an address from user space never lets the
 * device at kernel memory.
 *
 * Return: the MDL for VideoPortStartDma and VideoPortUnlockBuffer, or NULL
 * (with a message) for a NULL or unmapped buffer, one the process may not
 * access that way, a zero length, an unknown operation or no memory.
 */
PVOID VideoPortLockBuffer(PVOID HwDeviceExtension, PVOID BaseAddress, ULONG Length,
			  VP_LOCK_OPERATION Operation)
{
	unsigned long start = (unsigned long)BaseAddress;
	struct vpshim_device *vdev;
	struct vpshim_mdl *mdl;
	struct scatterlist *sg;
	unsigned int nr, i;
	int pinned;

	vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);
	if (!vdev || !vpshim_check_passive(vdev, __func__, _RET_IP_))
		return NULL;
	if (!BaseAddress || !Length || start + Length - 1 < start || Operation > VpModifyAccess) {
		vpshim_misuse(vdev, __func__, _RET_IP_, "bad buffer %p+%u or operation %d",
			      BaseAddress, Length, Operation);
		return NULL;
	}
	nr = DIV_ROUND_UP((start & ~PAGE_MASK) + Length, PAGE_SIZE);
	mdl = kvzalloc(struct_size(mdl, pages, nr), GFP_KERNEL);
	if (!mdl)
		return NULL;
	mdl->base = BaseAddress;
	mdl->length = Length;
	mdl->offset = start & ~PAGE_MASK;
	mdl->nr_pages = nr;
	mdl->writable = Operation != VpReadAccess;
	/*
	 * A kernel buffer first: where the kernel shares the address space
	 * with the process (UML), access_ok() alone cannot tell them apart.
	 * Not while handling a request, though: an address user space handed
	 * in must never let the device at kernel memory.
	 */
	if (vpshim_request_of(vdev) || !vpshim_kernel_pages(mdl, start)) {
		if (!current->mm || !access_ok((void __user __force *)BaseAddress, Length))
			goto bad;
		pinned = pin_user_pages_fast(start & PAGE_MASK, nr,
					     mdl->writable ? FOLL_WRITE : 0, mdl->pages);
		if (pinned != nr) {
			if (pinned > 0)
				unpin_user_pages(mdl->pages, pinned);
			goto bad;
		}
		mdl->user = true;
	}
	/* The table and a transfer now, so that a round allocates nothing. */
	if (sg_alloc_table_from_pages_segment(&mdl->sgt, mdl->pages, nr, mdl->offset, Length,
					      vpshim_max_segment(vdev), GFP_KERNEL))
		goto nomem;
	mdl->cached = kvzalloc(struct_size(mdl->cached, list.Elements, mdl->sgt.orig_nents),
			       GFP_KERNEL);
	mdl->runs = kvcalloc(mdl->sgt.orig_nents, sizeof(*mdl->runs), GFP_KERNEL);
	if (!mdl->cached || !mdl->runs)
		goto nomem;
	for_each_sgtable_sg(&mdl->sgt, sg, i)
		mdl->runs[i] = sg->length;
	spin_lock_bh(&vpshim_packet_of(vdev)->lock);
	list_add(&mdl->node, &vpshim_packet_of(vdev)->mdls);
	spin_unlock_bh(&vpshim_packet_of(vdev)->lock);
	return mdl;

nomem:
	vpshim_mdl_free(mdl);
	return NULL;
bad:
	kvfree(mdl);
	vpshim_misuse(vdev, __func__, _RET_IP_, "%p+%u is not a buffer that can be locked for %s",
		      BaseAddress, Length, Operation == VpReadAccess ? "reading" : "writing");
	return NULL;
}
EXPORT_SYMBOL_VPSHIM(VideoPortLockBuffer);

/* Unlink a locked buffer of @vdev unless a transfer uses it (*@busy). */
static struct vpshim_mdl *vpshim_mdl_take(struct vpshim_device *vdev, const void *handle,
					  bool *busy)
{
	struct vpshim_packet *pk = vpshim_packet_of(vdev);
	struct vpshim_mdl *mdl, *found = NULL;

	*busy = false;
	spin_lock_bh(&pk->lock);
	list_for_each_entry(mdl, &pk->mdls, node) {
		if (mdl != handle)
			continue;
		*busy = mdl->active;
		if (!*busy)
			list_del(&mdl->node);
		found = mdl;
		break;
	}
	spin_unlock_bh(&pk->lock);
	return found;
}

/**
 * VideoPortUnlockBuffer() - undo VideoPortLockBuffer()
 * @HwDeviceExtension: the miniport's device extension
 * @Mdl: what VideoPortLockBuffer() returned
 *
 * Windows: unlocks the pages. Linux: unpins user pages (marking them dirty
 * when the device could write them). An MDL that is not a live one of this
 * device, or that a transfer still uses, is refused with a message.
 */
void VideoPortUnlockBuffer(PVOID HwDeviceExtension, PVOID Mdl)
{
	struct vpshim_device *vdev;
	struct vpshim_mdl *mdl;
	bool busy;

	vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);
	if (!vdev || !vpshim_check_passive(vdev, __func__, _RET_IP_))
		return;
	mdl = vpshim_mdl_take(vdev, Mdl, &busy);
	if (!mdl || busy) {
		vpshim_misuse(vdev, __func__, _RET_IP_, "%p is %s", Mdl,
			      busy ? "in a DMA transfer (complete it first)" :
				     "not a locked buffer of this device");
		return;
	}
	vpshim_mdl_free(mdl);
}
EXPORT_SYMBOL_VPSHIM(VideoPortUnlockBuffer);

/*
 * Claim [offset, offset + length) of a live MDL for a transfer; *@cached
 * gets the MDL's own transfer when no other transfer holds it.
 */
static struct vpshim_mdl *vpshim_mdl_claim(struct vpshim_device *vdev, const void *handle,
					   ULONG offset, ULONG length,
					   struct vpshim_transfer **cached)
{
	struct vpshim_packet *pk = vpshim_packet_of(vdev);
	struct vpshim_mdl *mdl, *found = NULL;

	*cached = NULL;
	spin_lock_bh(&pk->lock);
	list_for_each_entry(mdl, &pk->mdls, node) {
		if (mdl != handle)
			continue;
		if (offset < mdl->length && length <= mdl->length - offset) {
			mdl->active++;
			if (!mdl->cached_busy) {
				mdl->cached_busy = true;
				*cached = mdl->cached;
			}
			found = mdl;
		}
		break;
	}
	spin_unlock_bh(&pk->lock);
	return found;
}

static void vpshim_mdl_release(struct vpshim_device *vdev, struct vpshim_mdl *mdl,
			       struct vpshim_transfer *t)
{
	spin_lock_bh(&vpshim_packet_of(vdev)->lock);
	mdl->active--;
	if (t == mdl->cached)
		mdl->cached_busy = false;
	spin_unlock_bh(&vpshim_packet_of(vdev)->lock);
}

/*
 * Point @t at the entries of the buffer's table that hold the round, the
 * first and last trimmed to it; vpshim_transfer_untrim() puts them back.
 */
static void vpshim_transfer_trim(struct vpshim_transfer *t, unsigned int offset,
				 unsigned int length)
{
	struct scatterlist *sg = t->mdl->sgt.sgl;
	unsigned int n = 1, left;

	while (offset >= sg->length) {
		offset -= sg->length;
		sg = sg_next(sg);
	}
	t->first = sg;
	t->first_offset = sg->offset;
	t->first_length = sg->length;
	left = length + offset;
	while (left > sg->length) {
		left -= sg->length;
		sg = sg_next(sg);
		n++;
	}
	t->last = sg;
	t->last_length = sg->length;
	t->last_was_end = sg_is_last(sg);
	t->last->length = left;
	t->first->offset += offset;
	t->first->length -= offset;
	sg_mark_end(t->last);
	t->sgt.sgl = t->first;
	t->sgt.orig_nents = n;
	t->sgt.nents = 0;
}

static void vpshim_transfer_untrim(struct vpshim_transfer *t)
{
	/* The last first: when first == last, the first's values win. */
	t->last->length = t->last_length;
	if (!t->last_was_end)
		sg_unmark_end(t->last);
	t->first->offset = t->first_offset;
	t->first->length = t->first_length;
}

/* Map the part of @mdl the transfer covers; fill the miniport's list. */
static int vpshim_transfer_map(struct vpshim_device *vdev, struct vpshim_dma_adapter *adapter,
			       struct vpshim_transfer *t, ULONG offset, ULONG length, gfp_t gfp,
			       PULONG mapped)
{
	unsigned long pos = t->mdl->offset + (unsigned long)offset;	/* in the pages */
	unsigned int n, i = 0;
	struct scatterlist *sg;
	ULONG total = 0;
	int err;

	if (t->own_table) {
		n = DIV_ROUND_UP((pos & ~PAGE_MASK) + length, PAGE_SIZE);
		err = sg_alloc_table_from_pages_segment(&t->sgt,
							t->mdl->pages + (pos >> PAGE_SHIFT), n,
							pos & ~PAGE_MASK, length,
							vpshim_max_segment(vdev), gfp);
		if (err)
			return err;
	} else {
		vpshim_transfer_trim(t, offset, length);
	}
	err = dma_map_sgtable(vdev->dev, &t->sgt, t->dir, 0);
	if (err) {
		if (t->own_table)
			sg_free_table(&t->sgt);
		else
			vpshim_transfer_untrim(t);
		return err;
	}
	for_each_sgtable_dma_sg(&t->sgt, sg, n) {
		t->list.Elements[i].Address.QuadPart = sg_dma_address(sg);
		t->list.Elements[i].Length = sg_dma_len(sg);
		t->list.Elements[i].Reserved = 0;
		total += sg_dma_len(sg);
		i++;
		/* Without scatter/gather the device takes one element a round. */
		if (!adapter->scatter_gather)
			break;
	}
	t->list.NumberOfElements = i;
	t->list.Reserved = 0;
	*mapped = total;
	return 0;
}

/**
 * VideoPortStartDma() - map part of a locked buffer and start a transfer
 * @HwDeviceExtension: the miniport's device extension
 * @VpDmaAdapter: a live adapter from VideoPortGetDmaAdapter()
 * @Mdl: a locked buffer from VideoPortLockBuffer()
 * @Offset: where in the buffer this round starts
 * @pLength: in: bytes wanted (within the buffer); out: bytes mapped
 * @ExecuteDmaRoutine: the miniport's HwVidExecuteDma
 * @Context: passed to @ExecuteDmaRoutine
 * @WriteToDevice: TRUE from the buffer to the device, FALSE the other way
 *
 * Windows: flushes caches, builds the scatter/gather list and calls
 * HwVidExecuteDma; fewer bytes than asked may be mapped, and the miniport
 * goes on with more rounds. Linux: dma_map_sgtable() on the pages of this
 * round (at most the adapter's MaximumLength; one DMA segment for an adapter
 * without ScatterGather), elements with the DMA addresses, then
 * @ExecuteDmaRoutine with bottom halves disabled (DISPATCH_LEVEL). The list
 * stays valid until VideoPortCompleteDma().
 *
 * Context: at most DISPATCH_LEVEL.
 * Return: NO_ERROR; ERROR_NOT_ENOUGH_MEMORY when the round cannot be mapped;
 * ERROR_INVALID_PARAMETER (with a message) for a dead or foreign adapter, an
 * MDL that is not locked, a zero length or a range beyond the buffer, a
 * transfer into a buffer locked for VpReadAccess, a NULL routine or length,
 * or a call above DISPATCH_LEVEL.
 */
VP_STATUS VideoPortStartDma(PVOID HwDeviceExtension, PVP_DMA_ADAPTER VpDmaAdapter, PVOID Mdl,
			    ULONG Offset, PULONG pLength, PEXECUTE_DMA ExecuteDmaRoutine,
			    PVOID Context, BOOLEAN WriteToDevice)
{
	gfp_t gfp = vpshim_in_atomic() ? GFP_ATOMIC : GFP_KERNEL;
	struct vpshim_dma_adapter *adapter;
	struct vpshim_device *vdev;
	struct vpshim_transfer *t;
	struct vpshim_mdl *mdl;
	ULONG length;
	int err;

	vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);
	if (!vdev)
		return ERROR_INVALID_PARAMETER;
	if (vpshim_above_dispatch() || !pLength || !*pLength || !ExecuteDmaRoutine) {
		vpshim_misuse(vdev, __func__, _RET_IP_,
			      "zero or NULL length, NULL routine, or above DISPATCH_LEVEL");
		return ERROR_INVALID_PARAMETER;
	}
	adapter = vpshim_dma_adapter_get(vdev, VpDmaAdapter);
	if (!adapter) {
		vpshim_misuse(vdev, __func__, _RET_IP_, "%p is not a live adapter of this device",
			      VpDmaAdapter);
		return ERROR_INVALID_PARAMETER;
	}
	mdl = vpshim_mdl_claim(vdev, Mdl, Offset, *pLength, &t);
	if (!mdl) {
		vpshim_misuse(vdev, __func__, _RET_IP_,
			      "%p is not a locked buffer of this device, or %u+%u is beyond it",
			      Mdl, Offset, *pLength);
		vpshim_dma_adapter_put(adapter);
		return ERROR_INVALID_PARAMETER;
	}
	if (!WriteToDevice && !mdl->writable) {
		vpshim_misuse(vdev, __func__, _RET_IP_,
			      "%p was locked for VpReadAccess: the device may not write it", Mdl);
		err = -EPERM;
		goto refuse;
	}
	length = *pLength;
	if (adapter->max_length && length > adapter->max_length)
		length = adapter->max_length;
	/*
	 * One element a round without scatter/gather: map no more than the
	 * first contiguous run, so rounds never overlap.
	 */
	if (!adapter->scatter_gather)
		length = min(length, vpshim_mdl_run(mdl, Offset));
	if (!t) {
		/* Another transfer holds the buffer's own table: a table of our own. */
		t = kzalloc(struct_size(t, list.Elements,
					DIV_ROUND_UP(((mdl->offset + Offset) & ~PAGE_MASK) +
						     length, PAGE_SIZE)), gfp);
		if (!t) {
			err = -ENOMEM;
			goto unclaim;
		}
		t->own_table = true;
	}
	t->mdl = mdl;
	t->dir = WriteToDevice ? DMA_TO_DEVICE : DMA_FROM_DEVICE;
	err = vpshim_transfer_map(vdev, adapter, t, Offset, length, gfp, pLength);
	if (err)
		goto unclaim;
	spin_lock_bh(&adapter->lock);
	list_add(&t->node, &adapter->transfers);
	spin_unlock_bh(&adapter->lock);

	local_bh_disable();
	ExecuteDmaRoutine(HwDeviceExtension, VpDmaAdapter, &t->list, Context);
	local_bh_enable();
	vpshim_dma_adapter_put(adapter);
	return NO_ERROR;

unclaim:
	dev_err_ratelimited(vdev->dev, "vpshim: %s: cannot map %u bytes for DMA: %pe\n", __func__,
			    length, ERR_PTR(err));
refuse:
	vpshim_mdl_release(vdev, mdl, t);
	if (t && t->own_table)
		kfree(t);
	vpshim_dma_adapter_put(adapter);
	return err == -EPERM ? ERROR_INVALID_PARAMETER : ERROR_NOT_ENOUGH_MEMORY;
}
EXPORT_SYMBOL_VPSHIM(VideoPortStartDma);

static void vpshim_transfer_end(struct vpshim_device *vdev, struct vpshim_transfer *t)
{
	struct vpshim_mdl *mdl = t->mdl;

	dma_unmap_sgtable(vdev->dev, &t->sgt, t->dir, 0);
	if (t->own_table) {
		sg_free_table(&t->sgt);
		vpshim_mdl_release(vdev, mdl, t);
		kfree(t);
	} else {
		vpshim_transfer_untrim(t);
		vpshim_mdl_release(vdev, mdl, t);
	}
}

/**
 * VideoPortCompleteDma() - end a transfer VideoPortStartDma() started
 * @HwDeviceExtension: the miniport's device extension
 * @VpDmaAdapter: the adapter StartDma used
 * @VpScatterGather: the list HwVidExecuteDma got
 * @WriteToDevice: the direction StartDma was given
 *
 * Windows: flushes the adapter's buffers and frees the map registers and the
 * list. Linux: dma_unmap_sgtable(), which makes what the device wrote
 * visible to the CPU on every platform (bounce buffers, non-coherent
 * caches). Callable from a DPC.
 *
 * Return: NO_ERROR; ERROR_INVALID_PARAMETER (with a message, nothing done)
 * when @VpScatterGather is not a transfer in progress on @VpDmaAdapter (a
 * second completion, a foreign list, the wrong adapter) or the call comes
 * above DISPATCH_LEVEL. A direction that differs from StartDma's is
 * reported and StartDma's is used.
 */
VP_STATUS VideoPortCompleteDma(PVOID HwDeviceExtension, PVP_DMA_ADAPTER VpDmaAdapter,
			       PVP_SCATTER_GATHER_LIST VpScatterGather, BOOLEAN WriteToDevice)
{
	struct vpshim_transfer *t, *found = NULL;
	struct vpshim_dma_adapter *adapter;
	struct vpshim_device *vdev;

	vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);
	if (!vdev)
		return ERROR_INVALID_PARAMETER;
	adapter = vpshim_above_dispatch() ? NULL : vpshim_dma_adapter_get(vdev, VpDmaAdapter);
	if (adapter) {
		spin_lock_bh(&adapter->lock);
		list_for_each_entry(t, &adapter->transfers, node) {
			if (&t->list == VpScatterGather) {
				list_del(&t->node);
				found = t;
				break;
			}
		}
		spin_unlock_bh(&adapter->lock);
		vpshim_dma_adapter_put(adapter);
	}
	if (!found) {
		vpshim_misuse(vdev, __func__, _RET_IP_,
			      "%p is not a transfer in progress on adapter %p (completed twice?)",
			      VpScatterGather, VpDmaAdapter);
		return ERROR_INVALID_PARAMETER;
	}
	if (!!WriteToDevice != (found->dir == DMA_TO_DEVICE ? 1 : 0))
		vpshim_misuse(vdev, __func__, _RET_IP_,
			      "direction differs from VideoPortStartDma's; using StartDma's");
	vpshim_transfer_end(vdev, found);
	return NO_ERROR;
}
EXPORT_SYMBOL_VPSHIM(VideoPortCompleteDma);

/**
 * vpshim_packet_adapter_retire() - end the transfers of an adapter being put
 * @adapter: the adapter, dead and idle
 */
void vpshim_packet_adapter_retire(struct vpshim_dma_adapter *adapter)
{
	struct vpshim_transfer *t, *tmp;

	list_for_each_entry_safe(t, tmp, &adapter->transfers, node) {
		dev_warn(adapter->vdev->dev,
			 "vpshim: DMA transfer %p never completed; unmapping it\n", &t->list);
		list_del(&t->node);
		vpshim_transfer_end(adapter->vdev, t);
	}
}

/*
 * Part release: unlock what an unbinding miniport left locked, its adapters
 * (and so its transfers) already gone (dma comes after packet in parts.h).
 * Return the number of buffers left locked (each unpinned and reported);
 * contiguous memory, which Windows frees with the driver, goes silently.
 */
static unsigned int vpshim_packet_release_all(struct vpshim_device *vdev)
{
	struct vpshim_contiguous *c, *ctmp;
	struct vpshim_mdl *mdl, *tmp;
	unsigned int n = 0;

	list_for_each_entry_safe(mdl, tmp, &vpshim_packet_of(vdev)->mdls, node) {
		dev_warn(vdev->dev, "vpshim: buffer %p+%u never unlocked; unlocking it\n",
			 mdl->base, mdl->length);
		list_del(&mdl->node);
		vpshim_mdl_free(mdl);
		n++;
	}
	list_for_each_entry_safe(c, ctmp, &vpshim_packet_of(vdev)->contiguous, node) {
		free_pages_exact(c->cpu_addr, c->size);
		list_del(&c->node);
		kfree(c);
	}
	return n;
}

VPSHIM_PART(packet, struct vpshim_packet,
	    .init = vpshim_packet_init,
	    .release = vpshim_packet_release_all);
EXPORT_SYMBOL_IF_VPSHIM_KUNIT(vpshim_packet_part);

/**
 * VideoPortLockPages() - the NT4 way to lock a request's buffer
 * @HwDeviceExtension: the miniport's device extension
 * @pVrp: InputBuffer/InputBufferLength: the buffer; OutputBuffer gets the
 *	DMA handle (an MDL)
 * @pUEvent: unused
 * @pDisplayEvent: unused
 * @DmaFlags: VideoPortDmaInitOnly; the other flags do nothing
 *
 * Windows 2000 and later: obsolete; locks the memory for VideoPortDmaInitOnly
 * only. Linux: VideoPortLockBuffer() for modification.
 *
 * Return: TRUE when the buffer is locked, FALSE otherwise.
 */
BOOLEAN VideoPortLockPages(PVOID HwDeviceExtension, PVIDEO_REQUEST_PACKET pVrp, PEVENT pUEvent,
			   PEVENT pDisplayEvent, DMA_FLAGS DmaFlags)
{
	PVOID mdl;

	if (DmaFlags != VideoPortDmaInitOnly || !pVrp)
		return FALSE;
	mdl = VideoPortLockBuffer(HwDeviceExtension, pVrp->InputBuffer, pVrp->InputBufferLength,
				  VpModifyAccess);
	if (!mdl)
		return FALSE;
	pVrp->OutputBuffer = mdl;
	return TRUE;
}
EXPORT_SYMBOL_VPSHIM(VideoPortLockPages);

/**
 * VideoPortUnlockPages() - undo VideoPortLockPages()
 * @hwDeviceExtension: the miniport's device extension
 * @pDma: the DMA handle VideoPortLockPages() put in OutputBuffer
 *
 * Windows 2000 and later: obsolete. Linux: VideoPortUnlockBuffer().
 *
 * Return: TRUE, always, as documented.
 */
BOOLEAN VideoPortUnlockPages(PVOID hwDeviceExtension, PDMA pDma)
{
	VideoPortUnlockBuffer(hwDeviceExtension, pDma);
	return TRUE;
}
EXPORT_SYMBOL_VPSHIM(VideoPortUnlockPages);

/**
 * VideoPortGetMdl() - the MDL behind an NT4 DMA handle
 * @HwDeviceExtension: the miniport's device extension
 * @pDma: the handle
 *
 * Windows 2000 and later: obsolete, returns @pDma. Linux: the same; the
 * handle is the MDL.
 *
 * Return: @pDma.
 */
PVOID VideoPortGetMdl(PVOID HwDeviceExtension, PDMA pDma)
{
	return pDma;
}
EXPORT_SYMBOL_VPSHIM(VideoPortGetMdl);

/**
 * VideoPortGetBytesUsed() - obsolete: bytes used of a DMA handle's buffer
 * @HwDeviceExtension: the miniport's device extension
 * @pDma: the handle
 *
 * Return: 0, always, as Windows 2000 and later document.
 */
ULONG VideoPortGetBytesUsed(PVOID HwDeviceExtension, PDMA pDma)
{
	return 0;
}
EXPORT_SYMBOL_VPSHIM(VideoPortGetBytesUsed);

/**
 * VideoPortSetBytesUsed() - obsolete: set a DMA handle's bytes used
 * @HwDeviceExtension: the miniport's device extension
 * @pDma: the handle
 * @BytesUsed: ignored
 *
 * Does nothing, as in Windows 2000 and later.
 */
void VideoPortSetBytesUsed(PVOID HwDeviceExtension, PDMA pDma, ULONG BytesUsed)
{
}
EXPORT_SYMBOL_VPSHIM(VideoPortSetBytesUsed);

/**
 * VideoPortGetDmaContext() - obsolete: a DMA handle's context
 * @HwDeviceExtension: the miniport's device extension
 * @pDma: the handle
 *
 * Return: NULL, always, as Windows 2000 and later document.
 */
PVOID VideoPortGetDmaContext(PVOID HwDeviceExtension, PDMA pDma)
{
	return NULL;
}
EXPORT_SYMBOL_VPSHIM(VideoPortGetDmaContext);

/**
 * VideoPortSetDmaContext() - obsolete: set a DMA handle's context
 * @HwDeviceExtension: the miniport's device extension
 * @pDma: the handle
 * @InstanceContext: ignored
 *
 * Does nothing, as in Windows 2000 and later.
 */
void VideoPortSetDmaContext(PVOID HwDeviceExtension, PDMA pDma, PVOID InstanceContext)
{
}
EXPORT_SYMBOL_VPSHIM(VideoPortSetDmaContext);

/**
 * VideoPortDoDma() - obsolete NT4 transfer call
 * @HwDeviceExtension: the miniport's device extension
 * @pDma: the handle
 * @DmaFlags: ignored
 *
 * Return: NULL, always, as Windows 2000 and later document; use
 * VideoPortStartDma().
 */
PDMA VideoPortDoDma(PVOID HwDeviceExtension, PDMA pDma, DMA_FLAGS DmaFlags)
{
	return NULL;
}
EXPORT_SYMBOL_VPSHIM(VideoPortDoDma);

/**
 * VideoPortMapDmaMemory() - obsolete NT4 call
 * @HwDeviceExtension: the miniport's device extension
 * @pVrp: ignored
 * @BoardAddress: ignored
 * @Length: ignored
 * @InIoSpace: ignored
 * @MappedUserEvent: ignored
 * @DisplayDriverEvent: ignored
 * @VirtualAddress: ignored
 *
 * Return: NULL, always, as Windows 2000 and later document.
 */
PDMA VideoPortMapDmaMemory(PVOID HwDeviceExtension, PVIDEO_REQUEST_PACKET pVrp,
			   PHYSICAL_ADDRESS BoardAddress, PULONG Length, PULONG InIoSpace,
			   PVOID MappedUserEvent, PVOID DisplayDriverEvent, PVOID *VirtualAddress)
{
	return NULL;
}
EXPORT_SYMBOL_VPSHIM(VideoPortMapDmaMemory);

/**
 * VideoPortUnmapDmaMemory() - obsolete NT4 call
 * @HwDeviceExtension: the miniport's device extension
 * @VirtualAddress: ignored
 * @ProcessHandle: ignored
 * @BoardMemoryHandle: ignored
 *
 * Return: FALSE, always, as Windows 2000 and later document.
 */
BOOLEAN VideoPortUnmapDmaMemory(PVOID HwDeviceExtension, PVOID VirtualAddress,
				HANDLE ProcessHandle, PDMA BoardMemoryHandle)
{
	return FALSE;
}
EXPORT_SYMBOL_VPSHIM(VideoPortUnmapDmaMemory);

/**
 * VideoPortSignalDmaComplete() - obsolete NT4 call
 * @HwDeviceExtension: the miniport's device extension
 * @pDmaHandle: ignored
 *
 * Return: FALSE, always, as Windows 2000 and later document.
 */
BOOLEAN VideoPortSignalDmaComplete(PVOID HwDeviceExtension, PDMA pDmaHandle)
{
	return FALSE;
}
EXPORT_SYMBOL_VPSHIM(VideoPortSignalDmaComplete);

/**
 * VideoPortAssociateEventsWithDmaHandle() - obsolete NT4 call
 * @HwDeviceExtension: the miniport's device extension
 * @pVrp: ignored
 * @MappedUserEvent: ignored
 * @DisplayDriverEvent: ignored
 *
 * Return: NULL, always, as Windows 2000 and later document.
 */
PDMA VideoPortAssociateEventsWithDmaHandle(PVOID HwDeviceExtension, PVIDEO_REQUEST_PACKET pVrp,
					   PVOID MappedUserEvent, PVOID DisplayDriverEvent)
{
	return NULL;
}
EXPORT_SYMBOL_VPSHIM(VideoPortAssociateEventsWithDmaHandle);

/**
 * VideoPortAllocateContiguousMemory() - physically contiguous memory
 * @HwDeviceExtension: the miniport's device extension
 * @NumberOfBytes: bytes
 * @HighestAcceptableAddress: the highest physical address it may reach
 *
 * Windows: obsolete (use VideoPortAllocateCommonBuffer), still allocates
 * contiguous nonpaged memory below the address. Linux: alloc_pages_exact()
 * from ZONE_DMA or ZONE_DMA32 when the limit asks for it, checked against
 * the limit; freed when the device unbinds (there is no free call). Its
 * physical address is not a bus address: a device behind an IOMMU must not
 * be given it.
 *
 * Return: the kernel address, or NULL (no memory, zero bytes, a limit that
 * cannot be met, or atomic context).
 */
PVOID VideoPortAllocateContiguousMemory(PVOID HwDeviceExtension, ULONG NumberOfBytes,
					PHYSICAL_ADDRESS HighestAcceptableAddress)
{
	u64 limit = HighestAcceptableAddress.QuadPart;
	gfp_t gfp = GFP_KERNEL | __GFP_ZERO | __GFP_NOWARN;
	struct vpshim_contiguous *c;
	struct vpshim_device *vdev;

	vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);
	if (!vdev || !vpshim_check_passive(vdev, __func__, _RET_IP_) || !NumberOfBytes)
		return NULL;
	if (IS_ENABLED(CONFIG_ZONE_DMA) && limit <= DMA_BIT_MASK(24))
		gfp |= GFP_DMA;
	else if (IS_ENABLED(CONFIG_ZONE_DMA32) && limit <= DMA_BIT_MASK(32))
		gfp |= GFP_DMA32;
	c = kzalloc(sizeof(*c), GFP_KERNEL);
	if (!c)
		return NULL;
	c->size = NumberOfBytes;
	c->cpu_addr = alloc_pages_exact(c->size, gfp);
	if (!c->cpu_addr || virt_to_phys(c->cpu_addr) + c->size - 1 > limit) {
		if (c->cpu_addr)
			free_pages_exact(c->cpu_addr, c->size);
		kfree(c);
		dev_err_ratelimited(vdev->dev, "vpshim: %s: no %u contiguous bytes below %#llx\n",
				    __func__, NumberOfBytes, limit);
		return NULL;
	}
	spin_lock_bh(&vpshim_packet_of(vdev)->lock);
	list_add(&c->node, &vpshim_packet_of(vdev)->contiguous);
	spin_unlock_bh(&vpshim_packet_of(vdev)->lock);
	return c->cpu_addr;
}
EXPORT_SYMBOL_VPSHIM(VideoPortAllocateContiguousMemory);
