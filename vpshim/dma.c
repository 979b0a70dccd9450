// SPDX-License-Identifier: GPL-2.0
/*
 * dma.c - VideoPort bus-master DMA adapters and common buffers.
 *
 * A VP_DMA_ADAPTER carries one DMA engine's constraints (address width,
 * largest transfer). Common buffers come from dma_alloc_coherent() or, for
 * CacheEnabled == FALSE, dma_alloc_attrs() with DMA_ATTR_WRITE_COMBINE; the
 * LogicalAddress handed back is the dma_addr_t, the address the device uses
 * (an IOVA behind an IOMMU, never the CPU's physical address).
 *
 * Every buffer is tracked in its adapter's rhashtable, keyed by its DMA
 * address, so a release is checked against the allocation in constant time
 * whatever the number of buffers, with no allocation on the hot path beyond
 * the tracking record; whatever the miniport forgets is freed and reported
 * when the adapter is put or the device unbinds. Adapters of a device are
 * few and sit on an RCU list, so validating an adapter handle is a short
 * walk that never dereferences the handle itself.
 */

#include <linux/debugfs.h>
#include <linux/mm.h>
#include <linux/rhashtable.h>
#include <linux/seq_file.h>
#include <linux/slab.h>

#include "vpshim.h"
#include "parts.h"

#define CREATE_TRACE_POINTS
#include "vpshim_trace.h"

/* The DMA area's state in each device; the lists are under vdev->lock. */
struct vpshim_dma {
	struct list_head adapters;	/* live VP_DMA_ADAPTERs (RCU for readers) */
	struct vpshim_dma_adapter *legacy_dma;	/* VideoPortGetCommonBuffer's */
	u64 orig_dma_mask;		/* restored when the last adapter goes */
	u64 orig_coherent_mask;
};

static struct vpshim_dma *dma_of(struct vpshim_device *vdev)
{
	return vpshim_part_state(vdev, &vpshim_dma_part);
}

/**
 * vpshim_dma_mask_bits() - the address width a VP_DEVICE_DESCRIPTION asks for
 * @desc: the miniport's description
 *
 * Dma64BitAddresses wins over Dma32BitAddresses. With neither set the device
 * is given 24 bits, the rule Windows' HAL applies to such an adapter (the ISA
 * limit): a miniport that claims no width gets buffers below 16 MiB rather
 * than addresses it may not reach.
 *
 * Return: 64, 32 or 24.
 */
u8 vpshim_dma_mask_bits(const struct _VP_DEVICE_DESCRIPTION *desc)
{
	if (desc->Dma64BitAddresses)
		return 64;
	if (desc->Dma32BitAddresses)
		return 32;
	return 24;
}
EXPORT_SYMBOL_IF_VPSHIM_KUNIT(vpshim_dma_mask_bits);

static const struct rhashtable_params vpshim_buffer_params = {
	.key_len = sizeof(dma_addr_t),
	.key_offset = offsetof(struct vpshim_common_buffer, dma_addr),
	.head_offset = offsetof(struct vpshim_common_buffer, hnode),
	.automatic_shrinking = true,
};

/**
 * vpshim_dma_adapter_get() - reference a live adapter of a device
 * @vdev: the device
 * @handle: what the miniport passed as VP_DMA_ADAPTER
 *
 * Context: any; the reference is a percpu_ref get.
 * Return: the adapter, to be given back with vpshim_dma_adapter_put(), or
 * NULL when @handle is not a live adapter of @vdev.
 */
struct vpshim_dma_adapter *vpshim_dma_adapter_get(struct vpshim_device *vdev,
						  PVP_DMA_ADAPTER handle)
{
	struct vpshim_dma_adapter *adapter, *found = NULL;

	if (!handle)
		return NULL;
	rcu_read_lock();
	list_for_each_entry_rcu(adapter, &dma_of(vdev)->adapters, node) {
		if ((PVP_DMA_ADAPTER)adapter == handle) {
			if (percpu_ref_tryget_live(&adapter->ref))
				found = adapter;
			break;
		}
	}
	rcu_read_unlock();
	return found;
}

/* Free one tracked buffer; it is already out of the table and list. */
static void vpshim_dma_free_buffer(struct vpshim_dma_adapter *adapter,
				   struct vpshim_common_buffer *buf)
{
	unsigned long attrs = buf->cached ? 0 : DMA_ATTR_WRITE_COMBINE;

	trace_vpshim_common_buffer_free(adapter->vdev->dev, buf->length, buf->dma_addr,
					buf->cached);
	dma_free_attrs(adapter->vdev->dev, buf->length, buf->cpu_addr, buf->dma_addr, attrs);
	kfree(buf);
}

/* rhashtable_free_and_destroy() callback: a buffer the miniport forgot. */
static void vpshim_dma_free_leaked(void *ptr, void *arg)
{
	struct vpshim_common_buffer *buf = ptr;
	struct vpshim_dma_adapter *adapter = arg;

	dev_warn(adapter->vdev->dev,
		 "vpshim: common buffer %p (%u bytes, logical %pad) never released; freeing it\n",
		 buf->cpu_addr, buf->length, &buf->dma_addr);
	vpshim_dma_free_buffer(adapter, buf);
}

/**
 * vpshim_dma_adapter_put() - drop a reference from vpshim_dma_adapter_get()
 * @adapter: the adapter
 */
void vpshim_dma_adapter_put(struct vpshim_dma_adapter *adapter)
{
	percpu_ref_put(&adapter->ref);
}

/* percpu_ref release: the adapter is dead and no call is using it any more. */
static void vpshim_dma_adapter_idle(struct percpu_ref *ref)
{
	complete(&container_of(ref, struct vpshim_dma_adapter, ref)->idle);
}

/*
 * The device's mask is the narrowest of its live adapters': right for all of
 * them. With no adapter left the device gets back the masks it came with.
 */
static int vpshim_dma_update_mask(struct vpshim_device *vdev)
{
	struct vpshim_dma *dma = dma_of(vdev);
	struct vpshim_dma_adapter *adapter;
	u8 bits = 0;

	lockdep_assert_held(&vdev->lock);
	list_for_each_entry(adapter, &dma->adapters, node)
		bits = bits ? min(bits, adapter->mask_bits) : adapter->mask_bits;
	if (bits)
		return dma_set_mask_and_coherent(vdev->dev, DMA_BIT_MASK(bits));
	if (vdev->dev->dma_mask)
		*vdev->dev->dma_mask = dma->orig_dma_mask;
	vdev->dev->coherent_dma_mask = dma->orig_coherent_mask;
	return 0;
}

static struct vpshim_dma_adapter *
vpshim_dma_adapter_create(struct vpshim_device *vdev, u8 mask_bits, u32 max_length,
			  bool legacy)
{
	struct vpshim_dma_adapter *adapter;
	int err;

	adapter = kzalloc(sizeof(*adapter), GFP_KERNEL);
	if (!adapter)
		return ERR_PTR(-ENOMEM);
	adapter->vdev = vdev;
	adapter->mask_bits = mask_bits;
	adapter->max_length = max_length;
	adapter->legacy = legacy;
	INIT_LIST_HEAD(&adapter->transfers);
	spin_lock_init(&adapter->lock);
	init_completion(&adapter->idle);
	err = percpu_ref_init(&adapter->ref, vpshim_dma_adapter_idle, 0, GFP_KERNEL);
	if (err)
		goto free;
	err = rhashtable_init(&adapter->buffers, &vpshim_buffer_params);
	if (err)
		goto exit_ref;

	mutex_lock(&vdev->lock);
	list_add_tail_rcu(&adapter->node, &dma_of(vdev)->adapters);
	err = vpshim_dma_update_mask(vdev);
	if (err) {
		list_del_rcu(&adapter->node);
		vpshim_dma_update_mask(vdev);
		mutex_unlock(&vdev->lock);
		rhashtable_destroy(&adapter->buffers);
		percpu_ref_exit(&adapter->ref);
		kfree_rcu(adapter, rcu);
		return ERR_PTR(err);
	}
	if (vdev->pdev)
		pci_set_master(vdev->pdev);
	mutex_unlock(&vdev->lock);
	return adapter;

exit_ref:
	percpu_ref_exit(&adapter->ref);
free:
	kfree(adapter);
	return ERR_PTR(err);
}

/**
 * VideoPortGetDmaAdapter() - get a bus-master DMA adapter for the device
 * @HwDeviceExtension: the miniport's device extension
 * @VpDeviceDescription: address width and largest transfer of the engine
 *
 * Windows: returns an opaque VP_DMA_ADAPTER for the DMA calls; a device may
 * hold several. Linux: sets the device's DMA mask (the narrowest among its
 * adapters) with dma_set_mask_and_coherent() and enables bus mastering.
 * 64, 32 or 24 address bits, see vpshim_dma_mask_bits(). Must be called at
 * PASSIVE_LEVEL.
 *
 * Return: the adapter, or NULL when the extension or description is invalid,
 * MaximumLength is 0, the platform cannot honour the mask, memory runs out
 * or the call comes from atomic context. The reason is logged.
 */
PVP_DMA_ADAPTER VideoPortGetDmaAdapter(PVOID HwDeviceExtension,
				       PVP_DEVICE_DESCRIPTION VpDeviceDescription)
{
	struct vpshim_dma_adapter *adapter;
	struct vpshim_device *vdev;
	u8 bits;

	vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);
	if (!vdev || !vpshim_check_passive(vdev, __func__, _RET_IP_))
		return NULL;
	if (!VpDeviceDescription) {
		vpshim_misuse(vdev, __func__, _RET_IP_, "NULL VpDeviceDescription");
		return NULL;
	}
	if (!VpDeviceDescription->MaximumLength) {
		vpshim_misuse(vdev, __func__, _RET_IP_, "MaximumLength is 0");
		return NULL;
	}
	bits = vpshim_dma_mask_bits(VpDeviceDescription);
	adapter = vpshim_dma_adapter_create(vdev, bits, VpDeviceDescription->MaximumLength,
					    false);
	if (!IS_ERR(adapter))
		adapter->scatter_gather = VpDeviceDescription->ScatterGather;
	if (IS_ERR(adapter)) {
		dev_err_ratelimited(vdev->dev, "%s: no adapter for a %u-bit mask: %pe\n",
				    __func__, bits, adapter);
		return NULL;
	}
	dev_dbg(vdev->dev, "vpshim: DMA adapter: %u-bit, at most %u bytes\n", bits,
		adapter->max_length);
	return (PVP_DMA_ADAPTER)adapter;
}
EXPORT_SYMBOL_VPSHIM(VideoPortGetDmaAdapter);

/*
 * Retire an adapter: unlink it so no new call finds it, wait for the calls
 * in flight, then free what is left on it (reported) and the adapter.
 * @held: the caller holds a reference from vpshim_dma_adapter_get(), which
 * is dropped here. Only the first of racing retirements goes ahead; the
 * others return false.
 */
static bool vpshim_dma_adapter_retire(struct vpshim_device *vdev,
				      struct vpshim_dma_adapter *adapter, bool held)
{
	mutex_lock(&vdev->lock);
	if (adapter->dead) {
		mutex_unlock(&vdev->lock);
		if (held)
			vpshim_dma_adapter_put(adapter);
		return false;
	}
	adapter->dead = true;
	list_del_rcu(&adapter->node);
	if (dma_of(vdev)->legacy_dma == adapter)
		dma_of(vdev)->legacy_dma = NULL;
	vpshim_dma_update_mask(vdev);
	mutex_unlock(&vdev->lock);

	percpu_ref_kill(&adapter->ref);
	if (held)
		vpshim_dma_adapter_put(adapter);
	wait_for_completion(&adapter->idle);
	vpshim_packet_adapter_retire(adapter);
	rhashtable_free_and_destroy(&adapter->buffers, vpshim_dma_free_leaked, adapter);
	percpu_ref_exit(&adapter->ref);
	kfree_rcu(adapter, rcu);
	return true;
}

/**
 * VideoPortPutDmaAdapter() - free an adapter from VideoPortGetDmaAdapter()
 * @HwDeviceExtension: the miniport's device extension
 * @VpDmaAdapter: the adapter, not to be used again
 *
 * Windows: frees the VP_DMA_ADAPTER. Linux: the adapter stops being valid at
 * once; common buffers still allocated on it are freed and reported as
 * leaked, and the device's DMA mask is recomputed from the adapters left.
 * A NULL, foreign or already-put adapter is refused with a message.
 */
void VideoPortPutDmaAdapter(PVOID HwDeviceExtension, PVP_DMA_ADAPTER VpDmaAdapter)
{
	struct vpshim_dma_adapter *adapter;
	struct vpshim_device *vdev;
	unsigned int outstanding;

	vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);
	if (!vdev || !vpshim_check_passive(vdev, __func__, _RET_IP_))
		return;
	adapter = vpshim_dma_adapter_get(vdev, VpDmaAdapter);
	if (adapter && adapter->legacy) {
		vpshim_dma_adapter_put(adapter);
		adapter = NULL;
	}
	outstanding = adapter ? vpshim_dma_nr_buffers(adapter) : 0;
	if (!adapter || !vpshim_dma_adapter_retire(vdev, adapter, true)) {
		vpshim_misuse(vdev, __func__, _RET_IP_,
			      "%p is not a live DMA adapter of this device",
			      VpDmaAdapter);
		return;
	}
	if (outstanding)
		dev_warn(vdev->dev, "vpshim: DMA adapter %p put with %u common buffers outstanding (caller %pS)\n",
			 VpDmaAdapter, outstanding, (void *)_RET_IP_);
}
EXPORT_SYMBOL_VPSHIM(VideoPortPutDmaAdapter);

/**
 * vpshim_dma_length_ok() - check a common-buffer length against an adapter
 * @adapter: the adapter allocating
 * @length: DesiredLength
 * @func: the VideoPort function, for the message
 * @caller: return address of the VideoPort call
 *
 * Return: true when @length is non-zero, within MaximumLength and within the
 * span of addresses the adapter's mask can reach.
 */
bool vpshim_dma_length_ok(struct vpshim_dma_adapter *adapter, ULONG length,
			  const char *func, unsigned long caller)
{
	u64 span = DMA_BIT_MASK(adapter->mask_bits);

	if (!length) {
		vpshim_misuse(adapter->vdev, func, caller, "zero length refused");
		return false;
	}
	if (adapter->max_length && length > adapter->max_length) {
		vpshim_misuse(adapter->vdev, func, caller,
			      "%u bytes is above the adapter's MaximumLength %u", length,
			      adapter->max_length);
		return false;
	}
	if (length - 1 > span) {
		vpshim_misuse(adapter->vdev, func, caller,
			      "%u bytes cannot fit below a %u-bit mask",
			      length, adapter->mask_bits);
		return false;
	}
	return true;
}
EXPORT_SYMBOL_IF_VPSHIM_KUNIT(vpshim_dma_length_ok);

/* What CacheEnabled gave this buffer, for tracefs (only when enabled). */
static void vpshim_dma_trace_alloc(struct device *dev, struct vpshim_common_buffer *buf)
{
	struct vpshim_memattr ma;

	if (!trace_vpshim_common_buffer_alloc_enabled())
		return;
	vpshim_memattr_get(dev, buf->cpu_addr, &ma);
	trace_vpshim_common_buffer_alloc(dev, buf->length, buf->dma_addr, buf->cached, &ma);
}

/*
 * Check the request, then allocate and track one buffer; the adapter is
 * referenced by the caller.
 */
static void *vpshim_dma_alloc(struct vpshim_dma_adapter *adapter, ULONG length,
			      PPHYSICAL_ADDRESS logical, bool cached, const char *func,
			      unsigned long caller)
{
	struct device *dev = adapter->vdev->dev;
	struct vpshim_common_buffer *buf;
	int err;

	if (!logical) {
		vpshim_misuse(adapter->vdev, func, caller, "NULL LogicalAddress");
		return NULL;
	}
	if (!vpshim_dma_length_ok(adapter, length, func, caller))
		return NULL;
	/*
	 * More than a quarter of RAM cannot be meant: refused before the DMA
	 * layer (an IOMMU gathers pages one by one) drives the system into
	 * the OOM killer. Found by samples/compat/exports.
	 */
	if (length > (totalram_pages() << PAGE_SHIFT) / 4) {
		dev_err_ratelimited(adapter->vdev->dev,
				    "vpshim: %s: %u bytes is more than a quarter of RAM; refused (caller %pS)\n",
				    func, length, (void *)caller);
		return NULL;
	}

	buf = kmalloc(sizeof(*buf), GFP_KERNEL);
	if (!buf)
		goto fail;
	buf->length = length;
	buf->cached = cached;
	/*
	 * CacheEnabled TRUE: ordinary coherent memory. FALSE: ask for
	 * write-combined memory; where the platform keeps DMA coherent by
	 * hardware (x86) the attribute changes nothing, elsewhere it gives an
	 * uncached, write-combining mapping. Both come back zeroed.
	 */
	/*
	 * dma_alloc_coherent() is this call without attributes. A failure is
	 * the miniport's to handle: no warning, no OOM killer.
	 */
	buf->cpu_addr = dma_alloc_attrs(dev, length, &buf->dma_addr,
					GFP_KERNEL | __GFP_NOWARN | __GFP_RETRY_MAYFAIL,
					DMA_ATTR_NO_WARN | (cached ? 0 : DMA_ATTR_WRITE_COMBINE));
	if (!buf->cpu_addr)
		goto free_buf;
	err = rhashtable_insert_fast(&adapter->buffers, &buf->hnode, vpshim_buffer_params);
	if (err)
		goto free_dma;
	logical->QuadPart = buf->dma_addr;
	vpshim_dma_trace_alloc(dev, buf);
	return buf->cpu_addr;

free_dma:
	dma_free_attrs(dev, length, buf->cpu_addr, buf->dma_addr,
		       cached ? 0 : DMA_ATTR_WRITE_COMBINE);
free_buf:
	kfree(buf);
fail:
	dev_err_ratelimited(dev, "vpshim: cannot allocate a %u-byte common buffer (caller %pS)\n",
			    length, (void *)caller);
	return NULL;
}

/**
 * VideoPortAllocateCommonBuffer() - allocate memory the CPU and device share
 * @HwDeviceExtension: the miniport's device extension
 * @VpDmaAdapter: an adapter from VideoPortGetDmaAdapter()
 * @DesiredLength: bytes wanted, at most the adapter's MaximumLength
 * @LogicalAddress: receives the address the device uses for the buffer
 * @CacheEnabled: TRUE for cached memory, FALSE for uncached/write-combined
 * @Reserved: ignored (never dereferenced)
 *
 * Windows: allocates and maps a common buffer for bus-master DMA. Linux:
 * dma_alloc_coherent() for CacheEnabled, dma_alloc_attrs() with
 * DMA_ATTR_WRITE_COMBINE otherwise; *LogicalAddress is the dma_addr_t. The
 * memory is zeroed and page aligned. Must be called at PASSIVE_LEVEL.
 *
 * Return: the CPU address of the buffer, or NULL for an invalid extension or
 * adapter, a NULL LogicalAddress, a length of 0 or beyond the adapter's
 * limits, atomic context, or no memory. The reason is logged.
 */
PVOID VideoPortAllocateCommonBuffer(PVOID HwDeviceExtension, PVP_DMA_ADAPTER VpDmaAdapter,
				    ULONG DesiredLength, PPHYSICAL_ADDRESS LogicalAddress,
				    BOOLEAN CacheEnabled, PVOID Reserved)
{
	struct vpshim_dma_adapter *adapter;
	struct vpshim_device *vdev;
	void *cpu_addr;

	vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);
	if (!vdev || !vpshim_check_passive(vdev, __func__, _RET_IP_))
		return NULL;
	adapter = vpshim_dma_adapter_get(vdev, VpDmaAdapter);
	if (!adapter) {
		vpshim_misuse(vdev, __func__, _RET_IP_,
			      "%p is not a live DMA adapter of this device",
			      VpDmaAdapter);
		return NULL;
	}
	cpu_addr = vpshim_dma_alloc(adapter, DesiredLength, LogicalAddress, CacheEnabled,
				    __func__, _RET_IP_);
	vpshim_dma_adapter_put(adapter);
	return cpu_addr;
}
EXPORT_SYMBOL_VPSHIM(VideoPortAllocateCommonBuffer);

/* Find @adapter's buffer at CPU address @cpu_addr and copy it (error paths). */
static bool vpshim_dma_find_cpu(struct vpshim_dma_adapter *adapter, void *cpu_addr,
				struct vpshim_common_buffer *copy)
{
	struct vpshim_common_buffer *buf;
	struct rhashtable_iter iter;
	bool found = false;

	rhashtable_walk_enter(&adapter->buffers, &iter);
	rhashtable_walk_start(&iter);
	while ((buf = rhashtable_walk_next(&iter))) {
		if (!IS_ERR(buf) && buf->cpu_addr == cpu_addr) {
			*copy = *buf;
			found = true;
			break;
		}
	}
	rhashtable_walk_stop(&iter);
	rhashtable_walk_exit(&iter);
	return found;
}

/* Say why a release matched no buffer of this adapter exactly. */
static void vpshim_dma_report_mismatch(struct vpshim_dma_adapter *adapter, void *cpu_addr,
				       ULONG length, u64 logical, bool cached,
				       const char *func, unsigned long caller)
{
	struct vpshim_device *vdev = adapter->vdev;
	struct vpshim_common_buffer buf;
	struct vpshim_dma_adapter *other;

	if (vpshim_dma_find_cpu(adapter, cpu_addr, &buf)) {
		vpshim_misuse(vdev, func, caller,
			      "release of %p does not match its allocation (length %u/%u, logical %#llx/%pad, CacheEnabled %d/%d); nothing freed",
			      cpu_addr, length, buf.length, logical, &buf.dma_addr, cached,
			      buf.cached);
		return;
	}
	mutex_lock(&vdev->lock);
	list_for_each_entry(other, &dma_of(vdev)->adapters, node) {
		if (other != adapter && vpshim_dma_find_cpu(other, cpu_addr, &buf)) {
			mutex_unlock(&vdev->lock);
			vpshim_misuse(vdev, func, caller,
				      "buffer %p belongs to DMA adapter %p, not %p; nothing freed",
				      cpu_addr, other, adapter);
			return;
		}
	}
	mutex_unlock(&vdev->lock);
	vpshim_misuse(vdev, func, caller,
		      "%p is not a common buffer of DMA adapter %p (never allocated or already released); nothing freed",
		      cpu_addr, adapter);
}

/*
 * Find the buffer the release names, check that the release describes it
 * exactly and take it out of the adapter. Return it, or NULL (reported) if
 * refused.
 */
static struct vpshim_common_buffer *vpshim_dma_take(struct vpshim_dma_adapter *adapter,
						    void *cpu_addr, ULONG length,
						    u64 logical, bool cached,
						    const char *func, unsigned long caller)
{
	dma_addr_t key = logical;
	struct vpshim_common_buffer *buf;

	spin_lock_bh(&adapter->lock);	/* CompleteDma takes it in DPCs */
	buf = rhashtable_lookup_fast(&adapter->buffers, &key, vpshim_buffer_params);
	if (buf && buf->dma_addr == logical && buf->cpu_addr == cpu_addr &&
	    buf->length == length && buf->cached == cached &&
	    !rhashtable_remove_fast(&adapter->buffers, &buf->hnode, vpshim_buffer_params)) {
		spin_unlock_bh(&adapter->lock);
		return buf;
	}
	spin_unlock_bh(&adapter->lock);
	vpshim_dma_report_mismatch(adapter, cpu_addr, length, logical, cached, func, caller);
	return NULL;
}

/* The checked release shared by ReleaseCommonBuffer and FreeCommonBuffer. */
static void vpshim_dma_release(struct vpshim_device *vdev, struct vpshim_dma_adapter *adapter,
			       ULONG length, PHYSICAL_ADDRESS logical, PVOID cpu_addr,
			       BOOLEAN cached, const char *func, unsigned long caller)
{
	struct vpshim_common_buffer *buf;

	if (!cpu_addr) {
		vpshim_misuse(vdev, func, caller, "NULL VirtualAddress");
		return;
	}
	buf = vpshim_dma_take(adapter, cpu_addr, length, logical.QuadPart, cached, func, caller);
	if (buf)
		vpshim_dma_free_buffer(adapter, buf);
}

/**
 * VideoPortReleaseCommonBuffer() - free a buffer from VideoPortAllocateCommonBuffer()
 * @HwDeviceExtension: the miniport's device extension
 * @VpDmaAdapter: the adapter the buffer was allocated on
 * @Length: the DesiredLength it was allocated with
 * @LogicalAddress: the logical address returned for it
 * @VirtualAddress: the CPU address returned for it
 * @CacheEnabled: the CacheEnabled it was allocated with
 *
 * Windows: frees a whole common buffer; the arguments must match the
 * allocation. Linux: dma_free_coherent()/dma_free_attrs() of exactly what was
 * allocated. A buffer of another adapter, an unknown or already released
 * address, or any argument that differs from the allocation is refused with
 * a message and frees nothing. Must be called at PASSIVE_LEVEL.
 */
void VideoPortReleaseCommonBuffer(PVOID HwDeviceExtension, PVP_DMA_ADAPTER VpDmaAdapter,
				  ULONG Length, PHYSICAL_ADDRESS LogicalAddress,
				  PVOID VirtualAddress, BOOLEAN CacheEnabled)
{
	struct vpshim_dma_adapter *adapter;
	struct vpshim_device *vdev;

	vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);
	if (!vdev || !vpshim_check_passive(vdev, __func__, _RET_IP_))
		return;
	adapter = vpshim_dma_adapter_get(vdev, VpDmaAdapter);
	if (!adapter) {
		vpshim_misuse(vdev, __func__, _RET_IP_,
			      "%p is not a live DMA adapter of this device",
			      VpDmaAdapter);
		return;
	}
	vpshim_dma_release(vdev, adapter, Length, LogicalAddress, VirtualAddress,
			   CacheEnabled, __func__, _RET_IP_);
	vpshim_dma_adapter_put(adapter);
}
EXPORT_SYMBOL_VPSHIM(VideoPortReleaseCommonBuffer);

/*
 * The device-wide adapter behind the pre-XP VideoPortGetCommonBuffer: 32-bit
 * addresses (the PCI bus masters of that era), limited by the
 * MaximumTransferLength the miniport set in its config info, if any.
 */
static struct vpshim_dma_adapter *vpshim_dma_legacy_get(struct vpshim_device *vdev)
{
	struct vpshim_dma *dma = dma_of(vdev);
	struct vpshim_dma_adapter *adapter;

	mutex_lock(&vdev->lock);
	adapter = dma->legacy_dma;
	if (adapter)
		percpu_ref_get(&adapter->ref);
	mutex_unlock(&vdev->lock);
	if (adapter)
		return adapter;

	adapter = vpshim_dma_adapter_create(vdev, 32, vdev->config.MaximumTransferLength, true);
	if (IS_ERR(adapter))
		return NULL;
	mutex_lock(&vdev->lock);
	if (dma->legacy_dma) {
		/* Lost a race with another first caller: use theirs. */
		mutex_unlock(&vdev->lock);
		vpshim_dma_adapter_retire(vdev, adapter, false);
		return vpshim_dma_legacy_get(vdev);
	}
	dma->legacy_dma = adapter;
	percpu_ref_get(&adapter->ref);
	mutex_unlock(&vdev->lock);
	return adapter;
}

/**
 * VideoPortGetCommonBuffer() - the pre-XP common-buffer allocation
 * @HwDeviceExtension: the miniport's device extension
 * @DesiredLength: bytes wanted
 * @Alignment: ignored, as on Windows (buffers are page aligned anyway)
 * @LogicalAddress: receives the address the device uses
 * @pActualLength: receives the size allocated (may be NULL)
 * @CacheEnabled: TRUE for cached memory
 *
 * Windows: obsolete form of VideoPortAllocateCommonBuffer without an adapter.
 * Linux: allocates on a device-wide 32-bit adapter created on first use, with
 * the same calls, checks and tracking as VideoPortAllocateCommonBuffer().
 *
 * Return: the CPU address of the buffer, or NULL (reason logged).
 */
PVOID VideoPortGetCommonBuffer(PVOID HwDeviceExtension, ULONG DesiredLength,
			       ULONG Alignment, PPHYSICAL_ADDRESS LogicalAddress,
			       PULONG pActualLength, BOOLEAN CacheEnabled)
{
	struct vpshim_dma_adapter *adapter;
	struct vpshim_device *vdev;
	void *cpu_addr;

	vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);
	if (!vdev || !vpshim_check_passive(vdev, __func__, _RET_IP_))
		return NULL;
	adapter = vpshim_dma_legacy_get(vdev);
	if (!adapter) {
		dev_err_ratelimited(vdev->dev, "%s: no 32-bit DMA for this device\n", __func__);
		return NULL;
	}
	cpu_addr = vpshim_dma_alloc(adapter, DesiredLength, LogicalAddress, CacheEnabled,
				    __func__, _RET_IP_);
	if (cpu_addr && pActualLength)
		*pActualLength = DesiredLength;
	vpshim_dma_adapter_put(adapter);
	return cpu_addr;
}
EXPORT_SYMBOL_VPSHIM(VideoPortGetCommonBuffer);

/**
 * VideoPortFreeCommonBuffer() - free a buffer from VideoPortGetCommonBuffer()
 * @HwDeviceExtension: the miniport's device extension
 * @Length: the DesiredLength it was allocated with
 * @VirtualAddress: the CPU address returned for it
 * @LogicalAddress: the logical address returned for it
 * @CacheEnabled: the CacheEnabled it was allocated with
 *
 * Windows: obsolete counterpart of VideoPortReleaseCommonBuffer. Linux: the
 * same checked release, on the device-wide adapter.
 */
void VideoPortFreeCommonBuffer(PVOID HwDeviceExtension, ULONG Length, PVOID VirtualAddress,
			       PHYSICAL_ADDRESS LogicalAddress, BOOLEAN CacheEnabled)
{
	struct vpshim_dma_adapter *adapter = NULL;
	struct vpshim_device *vdev;

	vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);
	if (!vdev || !vpshim_check_passive(vdev, __func__, _RET_IP_))
		return;
	mutex_lock(&vdev->lock);
	if (dma_of(vdev)->legacy_dma) {
		adapter = dma_of(vdev)->legacy_dma;
		percpu_ref_get(&adapter->ref);
	}
	mutex_unlock(&vdev->lock);
	if (!adapter) {
		vpshim_misuse(vdev, __func__, _RET_IP_,
			      "no VideoPortGetCommonBuffer buffer was allocated");
		return;
	}
	vpshim_dma_release(vdev, adapter, Length, LogicalAddress, VirtualAddress,
			   CacheEnabled, __func__, _RET_IP_);
	vpshim_dma_adapter_put(adapter);
}
EXPORT_SYMBOL_VPSHIM(VideoPortFreeCommonBuffer);

/*
 * Part release: retire every adapter of an unbinding device; count the
 * adapters the miniport never put plus the buffers it never released.
 */
static unsigned int vpshim_dma_release_all(struct vpshim_device *vdev)
{
	struct vpshim_dma_adapter *adapter, *tmp;
	unsigned int leaked = 0;

	list_for_each_entry_safe(adapter, tmp, &dma_of(vdev)->adapters, node) {
		if (!adapter->legacy) {
			dev_warn(vdev->dev, "vpshim: DMA adapter %p never put; putting it\n",
				 adapter);
			leaked++;
		}
		leaked += vpshim_dma_nr_buffers(adapter);
		vpshim_dma_adapter_retire(vdev, adapter, false);
	}
	return leaked;
}

/**
 * vpshim_dma_buffer_count() - common buffers a device currently holds
 * @hw_device_extension: the device's extension
 *
 * Return: the number of tracked common buffers over all its adapters.
 */
unsigned int vpshim_dma_buffer_count(void *hw_device_extension)
{
	struct vpshim_dma_adapter *adapter;
	struct vpshim_device *vdev;
	unsigned int count = 0;

	vdev = vpshim_device_get(hw_device_extension, __func__, _RET_IP_);
	if (!vdev)
		return 0;
	mutex_lock(&vdev->lock);
	list_for_each_entry(adapter, &dma_of(vdev)->adapters, node)
		count += vpshim_dma_nr_buffers(adapter);
	mutex_unlock(&vdev->lock);
	return count;
}
EXPORT_SYMBOL_VPSHIM(vpshim_dma_buffer_count);

static void vpshim_debugfs_adapter(struct seq_file *m, struct vpshim_dma_adapter *adapter)
{
	struct vpshim_common_buffer *buf;
	struct rhashtable_iter iter;
	struct vpshim_memattr ma;

	seq_printf(m, "adapter%s: %u-bit, MaximumLength %u, %u buffers\n",
		   adapter->legacy ? " (VideoPortGetCommonBuffer)" : "", adapter->mask_bits,
		   adapter->max_length, vpshim_dma_nr_buffers(adapter));
	rhashtable_walk_enter(&adapter->buffers, &iter);
	rhashtable_walk_start(&iter);
	while ((buf = rhashtable_walk_next(&iter))) {
		if (IS_ERR(buf))
			continue;
		vpshim_memattr_get(adapter->vdev->dev, buf->cpu_addr, &ma);
		seq_printf(m, "  logical %pad, %u bytes, CacheEnabled %d: %s device, %s map, %s\n",
			   &buf->dma_addr, buf->length, buf->cached,
			   ma.coherent ? "coherent" : "non-coherent", ma.map, ma.attr);
	}
	rhashtable_walk_stop(&iter);
	rhashtable_walk_exit(&iter);
}

/**
 * vpshim_dma_show() - the debugfs dma file: adapters, then their buffers
 * @m: the seq_file; m->private is the vpshim_device
 * @unused: unused
 *
 * Return: 0.
 */
int vpshim_dma_show(struct seq_file *m, void *unused)
{
	struct vpshim_device *vdev = m->private;
	struct vpshim_dma_adapter *adapter;
	unsigned int n = 0;

	mutex_lock(&vdev->lock);
	list_for_each_entry(adapter, &dma_of(vdev)->adapters, node) {
		vpshim_debugfs_adapter(m, adapter);
		n++;
	}
	mutex_unlock(&vdev->lock);
	seq_printf(m, "%u DMA adapters\n", n);
	return 0;
}
EXPORT_SYMBOL_IF_VPSHIM_KUNIT(vpshim_dma_show);
DEFINE_SHOW_ATTRIBUTE(vpshim_dma);

/*
 * Part init: no adapter yet; the device's DMA masks are kept, to be restored
 * when its last adapter goes, and the dma file lists what it will hold.
 */
static int vpshim_dma_init(struct vpshim_device *vdev)
{
	struct vpshim_dma *dma = dma_of(vdev);

	INIT_LIST_HEAD(&dma->adapters);
	dma->orig_dma_mask = vdev->dev->dma_mask ? *vdev->dev->dma_mask : 0;
	dma->orig_coherent_mask = vdev->dev->coherent_dma_mask;
	debugfs_create_file("dma", 0400, vpshim_debugfs_dir(vdev), vdev, &vpshim_dma_fops);
	return 0;
}

VPSHIM_PART(dma, struct vpshim_dma,
	    .init = vpshim_dma_init,
	    .release = vpshim_dma_release_all);
