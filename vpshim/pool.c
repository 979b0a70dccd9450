// SPDX-License-Identifier: GPL-2.0
/*
 * pool.c - VideoPort pool memory: VideoPortAllocatePool/FreePool and the
 * older VideoPortAllocateBuffer/ReleaseBuffer.
 *
 * Linux kernel memory is never paged, so both pool kinds come from the slab
 * (or, for large paged blocks, vmalloc through kvzalloc). What the types
 * still decide is the context: nonpaged blocks (always slab memory) may be
 * allocated and freed at DISPATCH_LEVEL (atomic context, GFP_ATOMIC), paged
 * ones only where the caller may sleep; nothing may be done above
 * DISPATCH_LEVEL (in an interrupt handler or with interrupts disabled).
 * Every block is tracked in its device's rhashtable, keyed by address, so a
 * foreign or already-freed pointer is refused without being dereferenced,
 * and blocks left at unbind are freed and reported with their tag.
 */

#include <linux/cache.h>
#include <linux/mm.h>
#include <linux/rhashtable.h>
#include <linux/slab.h>

#include "vpshim.h"
#include "parts.h"

/* One pool block, as allocated. */
struct vpshim_pool_block {
	struct rhash_head hnode;
	void *ptr;			/* the key: what the miniport got */
	size_t size;
	u32 tag;
	bool paged;
};

static const struct rhashtable_params vpshim_pool_params = {
	.key_len = sizeof(void *),
	.key_offset = offsetof(struct vpshim_pool_block, ptr),
	.head_offset = offsetof(struct vpshim_pool_block, hnode),
	.automatic_shrinking = true,
};

/* The pool area's state in each device. */
struct vpshim_pool {
	struct rhashtable blocks;	/* keyed by address */
	spinlock_t lock;		/* makes a free's check-and-remove atomic */
};

static struct vpshim_pool *pool_of(struct vpshim_device *vdev)
{
	return vpshim_part_state(vdev, &vpshim_pool_part);
}

static bool vpshim_pool_type_ok(VP_POOL_TYPE type)
{
	return type == VpNonPagedPool || type == VpPagedPool ||
	       type == VpNonPagedPoolCacheAligned || type == VpPagedPoolCacheAligned;
}

static bool vpshim_pool_paged(VP_POOL_TYPE type)
{
	return type == VpPagedPool || type == VpPagedPoolCacheAligned;
}

static void vpshim_pool_free_block(struct vpshim_pool_block *block)
{
	kvfree(block->ptr);
	kfree(block);
}

/*
 * Allocate and track one block. Cache-aligned types round the size up to
 * whole cache lines: slab objects of such sizes start on a cache line.
 */
static void *vpshim_pool_alloc(struct vpshim_device *vdev, VP_POOL_TYPE type, size_t size,
			       u32 tag, const char *func, unsigned long caller)
{
	gfp_t gfp = vpshim_in_atomic() ? GFP_ATOMIC : GFP_KERNEL;
	bool paged = vpshim_pool_paged(type);
	struct vpshim_pool_block *block;

	/*
	 * Nothing above INT_MAX can be had (kvmalloc's own limit), and the
	 * rounding below must not wrap: refused with a message, not a WARN.
	 */
	if (size > INT_MAX)
		goto fail;
	if (type == VpNonPagedPoolCacheAligned || type == VpPagedPoolCacheAligned)
		size = ALIGN(size, L1_CACHE_BYTES);
	gfp |= __GFP_NOWARN;
	block = kmalloc(sizeof(*block), gfp);
	if (!block)
		goto fail;
	block->size = size;
	block->tag = tag;
	block->paged = paged;
	/* Nonpaged blocks may be freed in atomic context: never vmalloc them. */
	block->ptr = paged ? kvzalloc(size, gfp) : kzalloc(size, gfp);
	if (!block->ptr)
		goto free_block;
	if (rhashtable_insert_fast(&pool_of(vdev)->blocks, &block->hnode, vpshim_pool_params))
		goto free_ptr;
	return block->ptr;

free_ptr:
	kvfree(block->ptr);
free_block:
	kfree(block);
fail:
	dev_err_ratelimited(vdev->dev, "%s: cannot allocate %zu bytes of pool (caller %pS)\n",
			    func, size, (void *)caller);
	return NULL;
}

/**
 * VideoPortAllocatePool() - allocate a block of pool memory
 * @HwDeviceExtension: the miniport's device extension
 * @PoolType: VpNonPagedPool, VpPagedPool, or their CacheAligned forms
 * @NumberOfBytes: size of the block
 * @Tag: four characters naming the allocator, shown in leak reports
 *
 * Windows: ExAllocatePoolWithTag on the miniport's behalf. Linux: kzalloc()
 * (kvzalloc() for paged pool), GFP_ATOMIC for nonpaged pool in atomic
 * context; the block is zeroed and tracked per device. Cache-aligned types
 * start on a cache line.
 *
 * Return: the block, or NULL for an invalid extension or pool type, a size
 * of 0, paged pool asked for in atomic context, or no memory.
 */
PVOID VideoPortAllocatePool(PVOID HwDeviceExtension, VP_POOL_TYPE PoolType,
			    SIZE_T NumberOfBytes, ULONG Tag)
{
	struct vpshim_device *vdev;

	vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);
	if (!vdev)
		return NULL;
	if (!vpshim_pool_type_ok(PoolType) || !NumberOfBytes) {
		vpshim_misuse(vdev, __func__, _RET_IP_, "pool type %d, %zu bytes refused",
			      PoolType, NumberOfBytes);
		return NULL;
	}
	if (vpshim_above_dispatch()) {
		vpshim_misuse(vdev, __func__, _RET_IP_, "called above DISPATCH_LEVEL; refused");
		return NULL;
	}
	if (vpshim_pool_paged(PoolType) && !vpshim_check_passive(vdev, __func__, _RET_IP_))
		return NULL;
	return vpshim_pool_alloc(vdev, PoolType, NumberOfBytes, Tag, __func__, _RET_IP_);
}
EXPORT_SYMBOL_VPSHIM(VideoPortAllocatePool);

/* Untrack and free the block at @ptr; refuse anything else. */
static void vpshim_pool_free(struct vpshim_device *vdev, void *ptr, const char *func,
			     unsigned long caller)
{
	bool atomic = vpshim_in_atomic();	/* the caller's, before our lock */
	struct vpshim_pool_block *block;

	if (vpshim_above_dispatch()) {
		vpshim_misuse(vdev, func, caller, "called above DISPATCH_LEVEL; %p not freed", ptr);
		return;
	}
	spin_lock_bh(&pool_of(vdev)->lock);
	block = rhashtable_lookup_fast(&pool_of(vdev)->blocks, &ptr, vpshim_pool_params);
	if (block && block->paged && atomic) {
		spin_unlock_bh(&pool_of(vdev)->lock);
		vpshim_misuse(vdev, func, caller,
			      "paged pool %p must be freed at PASSIVE_LEVEL; not freed", ptr);
		return;
	}
	if (block &&
	    rhashtable_remove_fast(&pool_of(vdev)->blocks, &block->hnode, vpshim_pool_params))
		block = NULL;
	spin_unlock_bh(&pool_of(vdev)->lock);
	if (!block) {
		vpshim_misuse(vdev, func, caller,
			      "%p is not a pool block of this device (never allocated or already freed); nothing freed",
			      ptr);
		return;
	}
	vpshim_pool_free_block(block);
}

/**
 * VideoPortFreePool() - free a block from VideoPortAllocatePool()
 * @HwDeviceExtension: the miniport's device extension
 * @Ptr: the block
 *
 * Windows: ExFreePool. Linux: kvfree() after checking that @Ptr is a live
 * block of this device; anything else is refused with a message. Nonpaged
 * blocks may be freed in atomic context, paged ones may not.
 */
void VideoPortFreePool(PVOID HwDeviceExtension, PVOID Ptr)
{
	struct vpshim_device *vdev;

	vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);
	if (vdev)
		vpshim_pool_free(vdev, Ptr, __func__, _RET_IP_);
}
EXPORT_SYMBOL_VPSHIM(VideoPortFreePool);

/**
 * VideoPortAllocateBuffer() - the pre-2000 paged pool allocation
 * @HwDeviceExtension: the miniport's device extension
 * @Size: size of the buffer
 * @Buffer: receives the buffer
 *
 * Windows: obsolete form of VideoPortAllocatePool(VpPagedPool). Linux: the
 * same allocation, tag "VpAB". vpshim sets no quota, so the documented
 * ERROR_INSUFFICIENT_BUFFER never happens.
 *
 * Return: NO_ERROR; ERROR_INVALID_PARAMETER for an invalid extension, a
 * NULL @Buffer or a size of 0; ERROR_NOT_ENOUGH_MEMORY when the allocation
 * fails or the call comes from atomic context.
 */
VP_STATUS VideoPortAllocateBuffer(PVOID HwDeviceExtension, ULONG Size, PVOID *Buffer)
{
	struct vpshim_device *vdev;

	vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);
	if (!vdev)
		return ERROR_INVALID_PARAMETER;
	if (!Buffer || !Size) {
		vpshim_misuse(vdev, __func__, _RET_IP_, "Buffer %p, %u bytes refused", Buffer,
			      Size);
		return ERROR_INVALID_PARAMETER;
	}
	*Buffer = NULL;
	if (!vpshim_check_passive(vdev, __func__, _RET_IP_))
		return ERROR_NOT_ENOUGH_MEMORY;
	*Buffer = vpshim_pool_alloc(vdev, VpPagedPool, Size, 0x42417056 /* "VpAB" */,
				    __func__, _RET_IP_);
	return *Buffer ? NO_ERROR : ERROR_NOT_ENOUGH_MEMORY;
}
EXPORT_SYMBOL_VPSHIM(VideoPortAllocateBuffer);

/**
 * VideoPortReleaseBuffer() - free a buffer from VideoPortAllocateBuffer()
 * @HwDeviceExtension: the miniport's device extension
 * @Buffer: the buffer
 *
 * Windows: obsolete form of VideoPortFreePool. Linux: the same checked free.
 */
void VideoPortReleaseBuffer(PVOID HwDeviceExtension, PVOID Buffer)
{
	struct vpshim_device *vdev;

	vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);
	if (vdev)
		vpshim_pool_free(vdev, Buffer, __func__, _RET_IP_);
}
EXPORT_SYMBOL_VPSHIM(VideoPortReleaseBuffer);

/* Part init: an empty table. */
static int vpshim_pool_init(struct vpshim_device *vdev)
{
	spin_lock_init(&pool_of(vdev)->lock);
	return rhashtable_init(&pool_of(vdev)->blocks, &vpshim_pool_params);
}

/* rhashtable_free_and_destroy() callback: a block the miniport never freed. */
static void vpshim_pool_free_leaked(void *ptr, void *arg)
{
	struct vpshim_pool_block *block = ptr;
	struct vpshim_device *vdev = arg;
	char tag[5];

	memcpy(tag, &block->tag, 4);
	tag[4] = 0;
	dev_warn(vdev->dev, "vpshim: pool block %p (%zu bytes, tag '%.4s') never freed; freeing it\n",
		 block->ptr, block->size, tag);
	vpshim_pool_free_block(block);
}

/* Part release: free the pool an unbinding miniport left; count the blocks. */
static unsigned int vpshim_pool_release_all(struct vpshim_device *vdev)
{
	unsigned int leaked = atomic_read(&pool_of(vdev)->blocks.nelems);

	rhashtable_free_and_destroy(&pool_of(vdev)->blocks, vpshim_pool_free_leaked, vdev);
	return leaked;
}

VPSHIM_PART(pool, struct vpshim_pool,
	    .init = vpshim_pool_init,
	    .release = vpshim_pool_release_all);
