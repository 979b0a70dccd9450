// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for vpshim/packetdma.c: locking buffers, StartDma's list and
 * lengths (MaximumLength, one element without scatter/gather), its context,
 * every refused input (unlocked buffer, double unlock, put adapter, zero or
 * oversized length, completing twice or on the wrong adapter), leftovers at
 * PutDmaAdapter and unbind, and the obsolete NT4 calls.
 */

#include <kunit/test.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include "vpshim_test.h"
#include "packetdma.h"
#include "requests.h"

struct exec_log {
	int calls;
	bool at_dispatch;
	PVP_SCATTER_GATHER_LIST list;
	ULONG elements;
	ULONG total;
	PVP_DMA_ADAPTER adapter;
	PVOID context;
};

static VOID record_execute(PVOID ext, PVP_DMA_ADAPTER adapter, PVP_SCATTER_GATHER_LIST list,
			   PVOID context)
{
	struct exec_log *log = context;
	ULONG i;

	log->calls++;
	log->at_dispatch = in_softirq() && !in_hardirq();
	log->list = list;
	log->adapter = adapter;
	log->elements = list->NumberOfElements;
	log->total = 0;
	for (i = 0; i < list->NumberOfElements; i++) {
		log->total += list->Elements[i].Length;
		if (!list->Elements[i].Address.QuadPart)
			log->total = 0;
	}
}

static PVP_DMA_ADAPTER get_adapter(struct kunit *test, void *ext, bool sg, ULONG max)
{
	VP_DEVICE_DESCRIPTION desc = {
		.ScatterGather = sg,
		.Dma32BitAddresses = TRUE,
		.MaximumLength = max,
	};
	PVP_DMA_ADAPTER adapter = VideoPortGetDmaAdapter(ext, &desc);

	KUNIT_ASSERT_NOT_NULL(test, adapter);
	return adapter;
}

static unsigned int nr_locked(void *ext)
{
	struct vpshim_device *vdev = vpshim_device_get(ext, __func__, 0);
	struct list_head *pos;
	unsigned int n = 0;

	list_for_each(pos, &vpshim_packet_of(vdev)->mdls)
		n++;
	return n;
}

static struct vpshim_file fake_request;

static void lock_kernel_buffers_and_refuse_bad_ones(struct kunit *test)
{
	struct vpshim_test_device d;
	void *lowmem, *vmem;
	PVOID a, b, c;

	vpshim_test_device_add(test, &d, "vpshim-packet", 16);
	lowmem = kunit_kzalloc(test, 3 * PAGE_SIZE, GFP_KERNEL);
	vmem = vzalloc(5 * PAGE_SIZE);
	KUNIT_ASSERT_NOT_NULL(test, lowmem);
	KUNIT_ASSERT_NOT_NULL(test, vmem);
	a = VideoPortLockBuffer(d.ext, (u8 *)lowmem + 100, 2 * PAGE_SIZE, VpReadAccess);
	b = VideoPortLockBuffer(d.ext, (u8 *)vmem + 7, 4 * PAGE_SIZE, VpModifyAccess);
	KUNIT_EXPECT_NOT_NULL(test, a);
	KUNIT_EXPECT_NOT_NULL(test, b);
	KUNIT_EXPECT_EQ(test, nr_locked(d.ext), 2U);
	/* Nothing that is not a buffer: no oops, nothing locked. */
	KUNIT_EXPECT_NULL(test, VideoPortLockBuffer(d.ext, NULL, 16, VpReadAccess));
	KUNIT_EXPECT_NULL(test, VideoPortLockBuffer(d.ext, (PVOID)0x1000, 16, VpReadAccess));
	KUNIT_EXPECT_NULL(test, VideoPortLockBuffer(d.ext, lowmem, 0, VpReadAccess));
	KUNIT_EXPECT_NULL(test, VideoPortLockBuffer(d.ext, lowmem, 16, (VP_LOCK_OPERATION)7));
	KUNIT_EXPECT_NULL(test, VideoPortLockBuffer(d.ext, (PVOID)~0UL, 16, VpReadAccess));
	KUNIT_EXPECT_NULL(test, VideoPortLockBuffer(NULL, lowmem, 16, VpReadAccess));
	/*
	 * While this thread handles a request, an address may not be kernel
	 * memory; another thread's kernel buffers are still its own.
	 */
	vpshim_requests_of(vpshim_device_get(d.ext, __func__, 0))->file = &fake_request;
	c = VideoPortLockBuffer(d.ext, lowmem, 16, VpReadAccess);
	KUNIT_EXPECT_NOT_NULL(test, c);
	VideoPortUnlockBuffer(d.ext, c);
	vpshim_requests_of(vpshim_device_get(d.ext, __func__, 0))->task = current;
	KUNIT_EXPECT_NULL(test, VideoPortLockBuffer(d.ext, lowmem, 16, VpReadAccess));
	vpshim_requests_of(vpshim_device_get(d.ext, __func__, 0))->task = NULL;
	vpshim_requests_of(vpshim_device_get(d.ext, __func__, 0))->file = NULL;
	KUNIT_EXPECT_EQ(test, nr_locked(d.ext), 2U);
	VideoPortUnlockBuffer(d.ext, a);
	VideoPortUnlockBuffer(d.ext, a);	/* twice: refused */
	VideoPortUnlockBuffer(d.ext, lowmem);	/* not an MDL: refused */
	KUNIT_EXPECT_EQ(test, nr_locked(d.ext), 1U);
	VideoPortUnlockBuffer(d.ext, b);
	KUNIT_EXPECT_EQ(test, nr_locked(d.ext), 0U);
	vfree(vmem);
	vpshim_test_device_remove(test, &d);
}

static void start_dma_lists_the_round_and_complete_ends_it(struct kunit *test)
{
	struct exec_log log = {};
	struct vpshim_test_device d;
	PVP_DMA_ADAPTER adapter;
	ULONG len = 2 * PAGE_SIZE;
	void *buf;
	PVOID mdl;

	vpshim_test_device_add(test, &d, "vpshim-packet", 16);
	adapter = get_adapter(test, d.ext, TRUE, 64 * 1024);
	buf = kunit_kzalloc(test, 3 * PAGE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	mdl = VideoPortLockBuffer(d.ext, buf, 3 * PAGE_SIZE, VpModifyAccess);
	KUNIT_ASSERT_NOT_NULL(test, mdl);
	KUNIT_ASSERT_EQ(test, VideoPortStartDma(d.ext, adapter, mdl, 100, &len, record_execute,
						&log, TRUE), (VP_STATUS)NO_ERROR);
	KUNIT_EXPECT_EQ(test, log.calls, 1);
	KUNIT_EXPECT_TRUE(test, log.at_dispatch);
	KUNIT_EXPECT_PTR_EQ(test, log.adapter, adapter);
	KUNIT_EXPECT_EQ(test, len, (ULONG)(2 * PAGE_SIZE));
	KUNIT_EXPECT_EQ(test, log.total, len);
	KUNIT_EXPECT_GE(test, log.elements, 1U);
	KUNIT_EXPECT_LE(test, log.elements, 3U);
	/* Unlocking under a transfer is refused. */
	VideoPortUnlockBuffer(d.ext, mdl);
	KUNIT_EXPECT_EQ(test, nr_locked(d.ext), 1U);
	KUNIT_EXPECT_EQ(test, VideoPortCompleteDma(d.ext, adapter, log.list, TRUE),
			(VP_STATUS)NO_ERROR);
	KUNIT_EXPECT_EQ(test, VideoPortCompleteDma(d.ext, adapter, log.list, TRUE),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	VideoPortUnlockBuffer(d.ext, mdl);
	KUNIT_EXPECT_EQ(test, nr_locked(d.ext), 0U);
	VideoPortPutDmaAdapter(d.ext, adapter);
	vpshim_test_device_remove(test, &d);
}

static void rounds_are_bounded_by_the_adapter(struct kunit *test)
{
	struct exec_log log = {};
	struct vpshim_test_device d;
	PVP_DMA_ADAPTER small, single;
	ULONG len, offset = 0, rounds = 0;
	void *buf;
	PVOID mdl;

	vpshim_test_device_add(test, &d, "vpshim-packet", 16);
	small = get_adapter(test, d.ext, TRUE, 1000);
	single = get_adapter(test, d.ext, FALSE, 64 * 1024);
	buf = vzalloc(4 * PAGE_SIZE);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	mdl = VideoPortLockBuffer(d.ext, buf, 4 * PAGE_SIZE, VpWriteAccess);
	KUNIT_ASSERT_NOT_NULL(test, mdl);
	/* MaximumLength: a 3000-byte transfer goes in rounds of 1000. */
	while (offset < 3000) {
		len = 3000 - offset;
		KUNIT_ASSERT_EQ(test, VideoPortStartDma(d.ext, small, mdl, offset, &len,
							record_execute, &log, FALSE),
				(VP_STATUS)NO_ERROR);
		KUNIT_EXPECT_EQ(test, len, 1000U);
		KUNIT_EXPECT_EQ(test, log.total, len);
		VideoPortCompleteDma(d.ext, small, log.list, FALSE);
		offset += len;
		rounds++;
	}
	KUNIT_EXPECT_EQ(test, rounds, 3U);
	/* No scatter/gather: one element, and the length is that element's. */
	len = 4 * PAGE_SIZE;
	KUNIT_ASSERT_EQ(test, VideoPortStartDma(d.ext, single, mdl, 0, &len, record_execute, &log,
						FALSE), (VP_STATUS)NO_ERROR);
	KUNIT_EXPECT_EQ(test, log.elements, 1U);
	KUNIT_EXPECT_EQ(test, log.total, len);
	KUNIT_EXPECT_GE(test, len, (ULONG)PAGE_SIZE);
	KUNIT_EXPECT_LE(test, len, (ULONG)(4 * PAGE_SIZE));
	VideoPortCompleteDma(d.ext, single, log.list, FALSE);
	VideoPortUnlockBuffer(d.ext, mdl);
	VideoPortPutDmaAdapter(d.ext, small);
	VideoPortPutDmaAdapter(d.ext, single);
	vfree(buf);
	vpshim_test_device_remove(test, &d);
}

/*
 * Several rounds in flight on one locked buffer: the first trims the
 * buffer's own table to its round, the others must not walk that table
 * (an adapter without scatter/gather measured its round on it: a NULL
 * dereference). Without and with scatter/gather, on one adapter and across
 * two; a vmalloc buffer, so that its pages are not contiguous.
 */
static void overlapping_rounds_on_one_buffer(struct kunit *test)
{
	struct exec_log log[4] = {};
	struct vpshim_test_device d;
	PVP_DMA_ADAPTER single, sg;
	PVP_SCATTER_GATHER_LIST lists[4];
	PVP_DMA_ADAPTER used[4];
	ULONG len, offsets[4] = { 0, PAGE_SIZE + 10, 3 * PAGE_SIZE - 1, 100 };
	void *buf;
	PVOID mdl;
	int i;

	vpshim_test_device_add(test, &d, "vpshim-packet", 16);
	single = get_adapter(test, d.ext, FALSE, 64 * 1024);
	sg = get_adapter(test, d.ext, TRUE, 64 * 1024);
	buf = vzalloc(6 * PAGE_SIZE);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	mdl = VideoPortLockBuffer(d.ext, buf, 6 * PAGE_SIZE, VpModifyAccess);
	KUNIT_ASSERT_NOT_NULL(test, mdl);
	for (i = 0; i < 4; i++) {
		used[i] = i % 2 ? sg : single;
		len = 2 * PAGE_SIZE;
		KUNIT_ASSERT_EQ(test, VideoPortStartDma(d.ext, used[i], mdl, offsets[i], &len,
							record_execute, &log[i], i & 2),
				(VP_STATUS)NO_ERROR);
		KUNIT_EXPECT_GE(test, len, 1U);
		KUNIT_EXPECT_EQ(test, log[i].total, len);
		if (used[i] == single)
			KUNIT_EXPECT_EQ(test, log[i].elements, 1U);
		lists[i] = log[i].list;
	}
	/* Completed in another order than started. */
	for (i = 3; i >= 0; i--)
		KUNIT_EXPECT_EQ(test, VideoPortCompleteDma(d.ext, used[i], lists[i], i & 2),
				(VP_STATUS)NO_ERROR);
	/* The buffer's own table is whole again: a round over all of it works. */
	len = 6 * PAGE_SIZE;
	KUNIT_ASSERT_EQ(test, VideoPortStartDma(d.ext, sg, mdl, 0, &len, record_execute, &log[0],
						TRUE), (VP_STATUS)NO_ERROR);
	KUNIT_EXPECT_EQ(test, len, (ULONG)(6 * PAGE_SIZE));
	VideoPortCompleteDma(d.ext, sg, log[0].list, TRUE);
	VideoPortUnlockBuffer(d.ext, mdl);
	VideoPortPutDmaAdapter(d.ext, single);
	VideoPortPutDmaAdapter(d.ext, sg);
	vfree(buf);
	vpshim_test_device_remove(test, &d);
}

static void bad_transfers_are_refused(struct kunit *test)
{
	struct exec_log log = {};
	struct vpshim_test_device d;
	PVP_DMA_ADAPTER adapter, other, gone;
	ULONG len;
	void *buf;
	PVOID mdl;

	vpshim_test_device_add(test, &d, "vpshim-packet", 16);
	adapter = get_adapter(test, d.ext, TRUE, 64 * 1024);
	other = get_adapter(test, d.ext, TRUE, 64 * 1024);
	gone = get_adapter(test, d.ext, TRUE, 64 * 1024);
	VideoPortPutDmaAdapter(d.ext, gone);
	buf = kunit_kzalloc(test, PAGE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	mdl = VideoPortLockBuffer(d.ext, buf, 512, VpReadAccess);
	KUNIT_ASSERT_NOT_NULL(test, mdl);

	len = 16;	/* an MDL that was never locked */
	KUNIT_EXPECT_EQ(test, VideoPortStartDma(d.ext, adapter, buf, 0, &len, record_execute,
						&log, TRUE), (VP_STATUS)ERROR_INVALID_PARAMETER);
	len = 16;	/* a put adapter */
	KUNIT_EXPECT_EQ(test, VideoPortStartDma(d.ext, gone, mdl, 0, &len, record_execute, &log,
						TRUE), (VP_STATUS)ERROR_INVALID_PARAMETER);
	len = 0;
	KUNIT_EXPECT_EQ(test, VideoPortStartDma(d.ext, adapter, mdl, 0, &len, record_execute,
						&log, TRUE), (VP_STATUS)ERROR_INVALID_PARAMETER);
	len = 513;	/* beyond the buffer */
	KUNIT_EXPECT_EQ(test, VideoPortStartDma(d.ext, adapter, mdl, 0, &len, record_execute,
						&log, TRUE), (VP_STATUS)ERROR_INVALID_PARAMETER);
	len = 1;
	KUNIT_EXPECT_EQ(test, VideoPortStartDma(d.ext, adapter, mdl, 512, &len, record_execute,
						&log, TRUE), (VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, VideoPortStartDma(d.ext, adapter, mdl, 0, NULL, record_execute,
						&log, TRUE), (VP_STATUS)ERROR_INVALID_PARAMETER);
	len = 16;
	KUNIT_EXPECT_EQ(test, VideoPortStartDma(d.ext, adapter, mdl, 0, &len, NULL, &log, TRUE),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	/* Locked for VpReadAccess: the device may not write into it. */
	len = 16;
	KUNIT_EXPECT_EQ(test, VideoPortStartDma(d.ext, adapter, mdl, 0, &len, record_execute,
						&log, FALSE), (VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, log.calls, 0);

	len = 512;
	KUNIT_ASSERT_EQ(test, VideoPortStartDma(d.ext, adapter, mdl, 0, &len, record_execute,
						&log, TRUE), (VP_STATUS)NO_ERROR);
	/* The wrong adapter, a foreign list: refused, the transfer stays. */
	KUNIT_EXPECT_EQ(test, VideoPortCompleteDma(d.ext, other, log.list, TRUE),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, VideoPortCompleteDma(d.ext, adapter, (PVOID)buf, TRUE),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	/* The wrong direction is reported; StartDma's is used. */
	KUNIT_EXPECT_EQ(test, VideoPortCompleteDma(d.ext, adapter, log.list, FALSE),
			(VP_STATUS)NO_ERROR);
	VideoPortUnlockBuffer(d.ext, mdl);
	VideoPortPutDmaAdapter(d.ext, adapter);
	VideoPortPutDmaAdapter(d.ext, other);
	vpshim_test_device_remove(test, &d);
}

/* From a DPC (DISPATCH_LEVEL) a round can start and complete. */
static void start_dma_from_dispatch_level(struct kunit *test)
{
	struct exec_log log = {};
	struct vpshim_test_device d;
	PVP_DMA_ADAPTER adapter;
	VP_STATUS start, done;
	ULONG len = 1024;
	void *buf;
	PVOID mdl;

	vpshim_test_device_add(test, &d, "vpshim-packet", 16);
	adapter = get_adapter(test, d.ext, TRUE, 64 * 1024);
	buf = kunit_kzalloc(test, 2048, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	mdl = VideoPortLockBuffer(d.ext, buf, 2048, VpReadAccess);
	KUNIT_ASSERT_NOT_NULL(test, mdl);
	local_bh_disable();
	start = VideoPortStartDma(d.ext, adapter, mdl, 512, &len, record_execute, &log, TRUE);
	done = VideoPortCompleteDma(d.ext, adapter, log.list, TRUE);
	local_bh_enable();
	KUNIT_EXPECT_EQ(test, start, (VP_STATUS)NO_ERROR);
	KUNIT_EXPECT_EQ(test, done, (VP_STATUS)NO_ERROR);
	KUNIT_EXPECT_EQ(test, log.total, 1024U);
	VideoPortUnlockBuffer(d.ext, mdl);
	VideoPortPutDmaAdapter(d.ext, adapter);
	vpshim_test_device_remove(test, &d);
}

/* A transfer never completed, a buffer never unlocked: freed and reported. */
static void leftovers_are_released(struct kunit *test)
{
	struct exec_log log = {};
	struct vpshim_test_device d;
	PVP_DMA_ADAPTER adapter;
	ULONG len = 256;
	void *buf;
	PVOID mdl;

	vpshim_test_device_add(test, &d, "vpshim-packet", 16);
	adapter = get_adapter(test, d.ext, TRUE, 64 * 1024);
	buf = kunit_kzalloc(test, 256, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	mdl = VideoPortLockBuffer(d.ext, buf, 256, VpReadAccess);
	KUNIT_ASSERT_NOT_NULL(test, mdl);
	KUNIT_ASSERT_EQ(test, VideoPortStartDma(d.ext, adapter, mdl, 0, &len, record_execute,
						&log, TRUE), (VP_STATUS)NO_ERROR);
	VideoPortPutDmaAdapter(d.ext, adapter);		/* ends the transfer */
	VideoPortUnlockBuffer(d.ext, mdl);		/* so this one works */
	KUNIT_EXPECT_EQ(test, nr_locked(d.ext), 0U);
	mdl = VideoPortLockBuffer(d.ext, buf, 256, VpReadAccess);
	KUNIT_ASSERT_NOT_NULL(test, mdl);
	KUNIT_EXPECT_EQ(test, vpshim_device_detach(d.ext), 1U);	/* the locked buffer */
	d.ext = NULL;
	vpshim_test_device_remove(test, &d);
}

static void nt4_calls_and_contiguous_memory(struct kunit *test)
{
	struct vpshim_test_device d;
	VIDEO_REQUEST_PACKET vrp = {};
	PHYSICAL_ADDRESS below = { .QuadPart = DMA_BIT_MASK(32) };
	void *buf, *contig;

	vpshim_test_device_add(test, &d, "vpshim-packet", 16);
	buf = kunit_kzalloc(test, 300, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	vrp.InputBuffer = buf;
	vrp.InputBufferLength = 300;
	KUNIT_EXPECT_FALSE(test, VideoPortLockPages(d.ext, &vrp, NULL, NULL,
						    VideoPortKeepPagesLocked));
	KUNIT_ASSERT_TRUE(test, VideoPortLockPages(d.ext, &vrp, NULL, NULL,
						   VideoPortDmaInitOnly));
	KUNIT_EXPECT_PTR_EQ(test, VideoPortGetMdl(d.ext, vrp.OutputBuffer), vrp.OutputBuffer);
	KUNIT_EXPECT_EQ(test, VideoPortGetBytesUsed(d.ext, vrp.OutputBuffer), 0U);
	KUNIT_EXPECT_NULL(test, VideoPortGetDmaContext(d.ext, vrp.OutputBuffer));
	KUNIT_EXPECT_NULL(test, VideoPortDoDma(d.ext, vrp.OutputBuffer, VideoPortDmaInitOnly));
	KUNIT_EXPECT_FALSE(test, VideoPortSignalDmaComplete(d.ext, vrp.OutputBuffer));
	KUNIT_EXPECT_TRUE(test, VideoPortUnlockPages(d.ext, vrp.OutputBuffer));
	KUNIT_EXPECT_EQ(test, nr_locked(d.ext), 0U);

	contig = VideoPortAllocateContiguousMemory(d.ext, 3 * PAGE_SIZE, below);
	KUNIT_ASSERT_NOT_NULL(test, contig);
	KUNIT_EXPECT_LE(test, (u64)virt_to_phys(contig) + 3 * PAGE_SIZE - 1, below.QuadPart);
	memset(contig, 0x5a, 3 * PAGE_SIZE);
	KUNIT_EXPECT_NULL(test, VideoPortAllocateContiguousMemory(d.ext, 0, below));
	/* Freed with the device, not a leak: Windows has no call to free it. */
	vpshim_test_device_remove(test, &d);
}

static struct kunit_case vpshim_packetdma_cases[] = {
	KUNIT_CASE(lock_kernel_buffers_and_refuse_bad_ones),
	KUNIT_CASE(start_dma_lists_the_round_and_complete_ends_it),
	KUNIT_CASE(rounds_are_bounded_by_the_adapter),
	KUNIT_CASE(overlapping_rounds_on_one_buffer),
	KUNIT_CASE(bad_transfers_are_refused),
	KUNIT_CASE(start_dma_from_dispatch_level),
	KUNIT_CASE(leftovers_are_released),
	KUNIT_CASE(nt4_calls_and_contiguous_memory),
	{}
};

static struct kunit_suite vpshim_packetdma_suite = {
	.name = "vpshim_packetdma",
	.test_cases = vpshim_packetdma_cases,
};

kunit_test_suite(vpshim_packetdma_suite);
