// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for vpshim/dma.c: VideoPort DMA adapters and common buffers,
 * driven on a platform device (UML's DMA emulation gives it real
 * dma_alloc_* calls). Each case checks values, not that a call "ran".
 */

#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/dma-direct.h>
#include <linux/kthread.h>
#include <linux/platform_device.h>
#include <linux/slab.h>

#include "vpshim.h"

VPSHIM_IMPORT_NS();
VPSHIM_IMPORT_INTERNAL_NS();

struct dma_test_ctx {
	struct platform_device *pdev;
	struct device *dev;
	void *ext;
};

static atomic_t dma_test_ids = ATOMIC_INIT(0);

static struct platform_device *dma_test_pdev(struct kunit *test)
{
	struct platform_device *pdev;

	pdev = platform_device_register_simple("vpshim-dma-test",
					       atomic_inc_return(&dma_test_ids), NULL, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR_OR_NULL(pdev));
	return pdev;
}

static int dma_test_init(struct kunit *test)
{
	struct dma_test_ctx *ctx;

	ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ctx);
	ctx->pdev = dma_test_pdev(test);
	ctx->dev = &ctx->pdev->dev;
	ctx->ext = vpshim_device_attach(ctx->dev, 64);
	KUNIT_ASSERT_NOT_NULL(test, ctx->ext);
	test->priv = ctx;
	return 0;
}

static void dma_test_exit(struct kunit *test)
{
	struct dma_test_ctx *ctx = test->priv;

	if (ctx->ext)
		KUNIT_EXPECT_EQ_MSG(test, vpshim_device_detach(ctx->ext), 0U,
				    "the case left resources behind");
	platform_device_unregister(ctx->pdev);
}

static PVP_DMA_ADAPTER get_adapter(void *ext, bool dma32, bool dma64, ULONG max_length)
{
	VP_DEVICE_DESCRIPTION desc = {
		.Dma32BitAddresses = dma32,
		.Dma64BitAddresses = dma64,
		.MaximumLength = max_length,
	};

	return VideoPortGetDmaAdapter(ext, &desc);
}

static void *alloc_buf(void *ext, PVP_DMA_ADAPTER adapter, ULONG len, PHYSICAL_ADDRESS *logical,
		       bool cached)
{
	return VideoPortAllocateCommonBuffer(ext, adapter, len, logical, cached, NULL);
}

/* ---- address width ---- */

struct mask_case {
	bool dma32, dma64;
	u8 bits;
};

static const struct mask_case mask_cases[] = {
	{ false, false, 24 },
	{ true, false, 32 },
	{ false, true, 64 },
	{ true, true, 64 },
};

static void mask_case_desc(const struct mask_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "dma32=%d dma64=%d", c->dma32, c->dma64);
}

KUNIT_ARRAY_PARAM(mask, mask_cases, mask_case_desc);

static void mask_bits_follow_description(struct kunit *test)
{
	const struct mask_case *c = test->param_value;
	VP_DEVICE_DESCRIPTION desc = {
		.Dma32BitAddresses = c->dma32,
		.Dma64BitAddresses = c->dma64,
		.MaximumLength = 4096,
	};

	KUNIT_EXPECT_EQ(test, vpshim_dma_mask_bits(&desc), c->bits);
}

static void adapter_sets_device_mask(struct kunit *test)
{
	const struct mask_case *c = test->param_value;
	struct dma_test_ctx *ctx = test->priv;
	struct platform_device *probe;
	PHYSICAL_ADDRESS logical;
	PVP_DMA_ADAPTER adapter;
	bool platform_ok;
	void *buf;

	/* What Linux itself says about this mask, on a device of the same kind. */
	probe = dma_test_pdev(test);
	platform_ok = !dma_set_mask_and_coherent(&probe->dev, DMA_BIT_MASK(c->bits));
	platform_device_unregister(probe);

	adapter = get_adapter(ctx->ext, c->dma32, c->dma64, SZ_64K);
	KUNIT_ASSERT_EQ_MSG(test, !!adapter, platform_ok,
			    "a %u-bit adapter must exist exactly when the platform takes the mask",
			    c->bits);
	if (!adapter) {
		/* Refused: the device keeps the mask it had. */
		KUNIT_EXPECT_EQ(test, *ctx->dev->dma_mask, DMA_BIT_MASK(32));
		return;
	}
	KUNIT_EXPECT_EQ(test, *ctx->dev->dma_mask, DMA_BIT_MASK(c->bits));
	KUNIT_EXPECT_EQ(test, ctx->dev->coherent_dma_mask, DMA_BIT_MASK(c->bits));
	buf = alloc_buf(ctx->ext, adapter, SZ_64K, &logical, true);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_EXPECT_LE(test, (u64)logical.QuadPart + SZ_64K - 1, DMA_BIT_MASK(c->bits));
	VideoPortReleaseCommonBuffer(ctx->ext, adapter, SZ_64K, logical, buf, true);
	VideoPortPutDmaAdapter(ctx->ext, adapter);
}

static void several_adapters_keep_narrowest_mask(struct kunit *test)
{
	struct dma_test_ctx *ctx = test->priv;
	PVP_DMA_ADAPTER wide, narrow;

	wide = get_adapter(ctx->ext, false, true, SZ_4K);
	KUNIT_ASSERT_NOT_NULL(test, wide);
	KUNIT_EXPECT_EQ(test, *ctx->dev->dma_mask, DMA_BIT_MASK(64));
	narrow = get_adapter(ctx->ext, true, false, SZ_4K);
	KUNIT_ASSERT_NOT_NULL(test, narrow);
	KUNIT_EXPECT_PTR_NE(test, wide, narrow);
	KUNIT_EXPECT_EQ(test, *ctx->dev->dma_mask, DMA_BIT_MASK(32));
	VideoPortPutDmaAdapter(ctx->ext, narrow);
	KUNIT_EXPECT_EQ(test, *ctx->dev->dma_mask, DMA_BIT_MASK(64));
	VideoPortPutDmaAdapter(ctx->ext, wide);
}

static void adapter_description_errors(struct kunit *test)
{
	struct dma_test_ctx *ctx = test->priv;

	KUNIT_EXPECT_NULL(test, VideoPortGetDmaAdapter(ctx->ext, NULL));
	KUNIT_EXPECT_NULL(test, get_adapter(ctx->ext, true, false, 0));
	KUNIT_EXPECT_NULL(test, get_adapter(NULL, true, false, SZ_4K));
}

/* ---- allocation contract ---- */

struct alloc_case {
	ULONG len;
	bool cached;
};

static const struct alloc_case alloc_cases[] = {
	{ SZ_4K, true }, { SZ_4K, false }, { SZ_64K, true }, { SZ_64K, false },
	{ 100, true }, { 3 * SZ_4K + 1, false },
};

static void alloc_case_desc(const struct alloc_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%u bytes, CacheEnabled=%d", c->len, c->cached);
}

KUNIT_ARRAY_PARAM(alloc, alloc_cases, alloc_case_desc);

static void alloc_gives_zeroed_buffer_and_device_address(struct kunit *test)
{
	const struct alloc_case *c = test->param_value;
	struct dma_test_ctx *ctx = test->priv;
	PHYSICAL_ADDRESS logical = { .QuadPart = -1 };
	PVP_DMA_ADAPTER adapter;
	void *reserved, *buf;

	adapter = get_adapter(ctx->ext, true, false, SZ_64K);
	KUNIT_ASSERT_NOT_NULL(test, adapter);
	/* Reserved must never be dereferenced: hand it freed memory (KASAN). */
	reserved = kmalloc(16, GFP_KERNEL);
	kfree(reserved);

	buf = VideoPortAllocateCommonBuffer(ctx->ext, adapter, c->len, &logical, c->cached,
					    reserved);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_EXPECT_TRUE(test, PAGE_ALIGNED(buf));
	KUNIT_EXPECT_NULL_MSG(test, memchr_inv(buf, 0, c->len), "buffer not zeroed");
	KUNIT_EXPECT_LE(test, (u64)logical.QuadPart + c->len - 1, DMA_BIT_MASK(32));
	if (!device_iommu_mapped(ctx->dev))
		KUNIT_EXPECT_EQ_MSG(test, (u64)logical.QuadPart,
				    (u64)phys_to_dma(ctx->dev, virt_to_phys(buf)),
				    "LogicalAddress must be the DMA address");
	KUNIT_EXPECT_EQ(test, vpshim_dma_buffer_count(ctx->ext), 1U);
	memset(buf, 0xa5, c->len);	/* all of it is ours */

	VideoPortReleaseCommonBuffer(ctx->ext, adapter, c->len, logical, buf, c->cached);
	KUNIT_EXPECT_EQ(test, vpshim_dma_buffer_count(ctx->ext), 0U);
	VideoPortPutDmaAdapter(ctx->ext, adapter);
}

static void buffers_are_distinct(struct kunit *test)
{
	struct dma_test_ctx *ctx = test->priv;
	PHYSICAL_ADDRESS l1, l2;
	PVP_DMA_ADAPTER adapter;
	void *b1, *b2;

	adapter = get_adapter(ctx->ext, true, false, SZ_64K);
	KUNIT_ASSERT_NOT_NULL(test, adapter);
	b1 = alloc_buf(ctx->ext, adapter, SZ_4K, &l1, true);
	b2 = alloc_buf(ctx->ext, adapter, SZ_4K, &l2, false);
	KUNIT_ASSERT_NOT_NULL(test, b1);
	KUNIT_ASSERT_NOT_NULL(test, b2);
	KUNIT_EXPECT_PTR_NE(test, b1, b2);
	KUNIT_EXPECT_NE(test, l1.QuadPart, l2.QuadPart);
	KUNIT_EXPECT_EQ(test, vpshim_dma_buffer_count(ctx->ext), 2U);
	VideoPortReleaseCommonBuffer(ctx->ext, adapter, SZ_4K, l1, b1, true);
	VideoPortReleaseCommonBuffer(ctx->ext, adapter, SZ_4K, l2, b2, false);
	VideoPortPutDmaAdapter(ctx->ext, adapter);
}

/* ---- bad input ---- */

static void foreign_or_null_extension_refused(struct kunit *test)
{
	struct dma_test_ctx *ctx = test->priv;
	PHYSICAL_ADDRESS logical = { .QuadPart = 7 };
	PVP_DMA_ADAPTER adapter;
	void *foreign, *buf;

	foreign = kunit_kzalloc(test, 64, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, foreign);
	adapter = get_adapter(ctx->ext, true, false, SZ_4K);
	KUNIT_ASSERT_NOT_NULL(test, adapter);

	KUNIT_EXPECT_NULL(test, get_adapter(foreign, true, false, SZ_4K));
	KUNIT_EXPECT_NULL(test, alloc_buf(NULL, adapter, SZ_4K, &logical, true));
	KUNIT_EXPECT_NULL(test, alloc_buf(foreign, adapter, SZ_4K, &logical, true));
	KUNIT_EXPECT_EQ(test, logical.QuadPart, 7LL);

	buf = alloc_buf(ctx->ext, adapter, SZ_4K, &logical, true);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	VideoPortReleaseCommonBuffer(foreign, adapter, SZ_4K, logical, buf, true);
	VideoPortReleaseCommonBuffer(NULL, adapter, SZ_4K, logical, buf, true);
	VideoPortPutDmaAdapter(foreign, adapter);
	KUNIT_EXPECT_EQ(test, vpshim_dma_buffer_count(ctx->ext), 1U);
	VideoPortReleaseCommonBuffer(ctx->ext, adapter, SZ_4K, logical, buf, true);
	KUNIT_EXPECT_EQ(test, vpshim_dma_buffer_count(ctx->ext), 0U);
	VideoPortPutDmaAdapter(ctx->ext, adapter);
}

static void foreign_null_or_put_adapter_refused(struct kunit *test)
{
	struct dma_test_ctx *ctx = test->priv;
	PHYSICAL_ADDRESS logical;
	PVP_DMA_ADAPTER adapter, put;
	void *fake, *other_ext;
	struct platform_device *other;

	fake = kunit_kzalloc(test, 256, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, fake);
	put = get_adapter(ctx->ext, true, false, SZ_4K);
	KUNIT_ASSERT_NOT_NULL(test, put);
	VideoPortPutDmaAdapter(ctx->ext, put);

	KUNIT_EXPECT_NULL(test, alloc_buf(ctx->ext, NULL, SZ_4K, &logical, true));
	KUNIT_EXPECT_NULL(test, alloc_buf(ctx->ext, fake, SZ_4K, &logical, true));
	KUNIT_EXPECT_NULL(test, alloc_buf(ctx->ext, put, SZ_4K, &logical, true));
	VideoPortPutDmaAdapter(ctx->ext, put);		/* double put: refused */
	VideoPortPutDmaAdapter(ctx->ext, fake);
	VideoPortPutDmaAdapter(ctx->ext, NULL);

	/* Another device's adapter is foreign too. */
	other = dma_test_pdev(test);
	other_ext = vpshim_device_attach(&other->dev, 8);
	KUNIT_ASSERT_NOT_NULL(test, other_ext);
	adapter = get_adapter(other_ext, true, false, SZ_4K);
	KUNIT_ASSERT_NOT_NULL(test, adapter);
	KUNIT_EXPECT_NULL(test, alloc_buf(ctx->ext, adapter, SZ_4K, &logical, true));
	VideoPortPutDmaAdapter(ctx->ext, adapter);
	KUNIT_EXPECT_EQ(test, vpshim_device_detach(other_ext), 1U);	/* the adapter */
	platform_device_unregister(other);
	KUNIT_EXPECT_EQ(test, vpshim_dma_buffer_count(ctx->ext), 0U);
}

static void bad_lengths_refused(struct kunit *test)
{
	struct dma_test_ctx *ctx = test->priv;
	PHYSICAL_ADDRESS logical = { .QuadPart = 7 };
	PVP_DMA_ADAPTER adapter;

	adapter = get_adapter(ctx->ext, true, false, SZ_8K);
	KUNIT_ASSERT_NOT_NULL(test, adapter);
	KUNIT_EXPECT_NULL(test, alloc_buf(ctx->ext, adapter, 0, &logical, true));
	KUNIT_EXPECT_NULL(test, alloc_buf(ctx->ext, adapter, SZ_8K + 1, &logical, true));
	KUNIT_EXPECT_NULL(test, alloc_buf(ctx->ext, adapter, 0xffffffff, &logical, false));
	KUNIT_EXPECT_EQ(test, logical.QuadPart, 7LL);
	KUNIT_EXPECT_NULL(test, VideoPortAllocateCommonBuffer(ctx->ext, adapter, SZ_4K, NULL,
							      true, NULL));
	KUNIT_EXPECT_EQ(test, vpshim_dma_buffer_count(ctx->ext), 0U);
	VideoPortPutDmaAdapter(ctx->ext, adapter);
}

/* The length rule itself, including a 24-bit adapter UML cannot create. */
static void length_rule_covers_mask_and_maximum(struct kunit *test)
{
	struct dma_test_ctx *ctx = test->priv;
	struct vpshim_dma_adapter *fake;

	fake = kunit_kzalloc(test, sizeof(*fake), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, fake);
	fake->vdev = vpshim_device_get(ctx->ext, __func__, _RET_IP_);
	KUNIT_ASSERT_NOT_NULL(test, fake->vdev);
	fake->mask_bits = 24;
	fake->max_length = 0;
	KUNIT_EXPECT_TRUE(test, vpshim_dma_length_ok(fake, SZ_16M, __func__, 0));
	KUNIT_EXPECT_FALSE(test, vpshim_dma_length_ok(fake, SZ_16M + 1, __func__, 0));
	KUNIT_EXPECT_FALSE(test, vpshim_dma_length_ok(fake, 0, __func__, 0));
	fake->max_length = SZ_4K;
	KUNIT_EXPECT_TRUE(test, vpshim_dma_length_ok(fake, SZ_4K, __func__, 0));
	KUNIT_EXPECT_FALSE(test, vpshim_dma_length_ok(fake, SZ_4K + 1, __func__, 0));
	fake->mask_bits = 32;
	fake->max_length = 0;
	KUNIT_EXPECT_TRUE(test, vpshim_dma_length_ok(fake, 0xffffffff, __func__, 0));
}

struct release_case {
	const char *name;
	ULONG len_delta;
	s64 logical_delta;
	bool flip_cache;
	bool use_unknown_address;
};

static const struct release_case release_cases[] = {
	{ "wrong length", .len_delta = 1 },
	{ "shorter length", .len_delta = (ULONG)-1 },
	{ "wrong logical address", .logical_delta = PAGE_SIZE },
	{ "wrong CacheEnabled", .flip_cache = true },
	{ "unknown address", .use_unknown_address = true },
};

static void release_case_desc(const struct release_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(release, release_cases, release_case_desc);

static void mismatched_release_frees_nothing(struct kunit *test)
{
	const struct release_case *c = test->param_value;
	struct dma_test_ctx *ctx = test->priv;
	PHYSICAL_ADDRESS logical, wrong;
	PVP_DMA_ADAPTER adapter;
	void *buf, *addr, *unknown;

	adapter = get_adapter(ctx->ext, true, false, SZ_64K);
	KUNIT_ASSERT_NOT_NULL(test, adapter);
	buf = alloc_buf(ctx->ext, adapter, SZ_8K, &logical, true);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	unknown = kunit_kzalloc(test, 64, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, unknown);

	addr = c->use_unknown_address ? unknown : buf;
	wrong.QuadPart = logical.QuadPart + c->logical_delta;
	VideoPortReleaseCommonBuffer(ctx->ext, adapter, SZ_8K + c->len_delta, wrong, addr,
				     c->flip_cache ? false : true);
	KUNIT_EXPECT_EQ_MSG(test, vpshim_dma_buffer_count(ctx->ext), 1U,
			    "a refused release must free nothing");
	memset(buf, 0x5a, SZ_8K);	/* still ours: KASAN would object otherwise */

	VideoPortReleaseCommonBuffer(ctx->ext, adapter, SZ_8K, logical, buf, true);
	KUNIT_EXPECT_EQ(test, vpshim_dma_buffer_count(ctx->ext), 0U);
	VideoPortPutDmaAdapter(ctx->ext, adapter);
}

static void double_release_refused(struct kunit *test)
{
	struct dma_test_ctx *ctx = test->priv;
	PHYSICAL_ADDRESS l1, l2;
	PVP_DMA_ADAPTER adapter;
	void *b1, *b2;

	adapter = get_adapter(ctx->ext, true, false, SZ_64K);
	KUNIT_ASSERT_NOT_NULL(test, adapter);
	b1 = alloc_buf(ctx->ext, adapter, SZ_4K, &l1, true);
	b2 = alloc_buf(ctx->ext, adapter, SZ_4K, &l2, true);
	KUNIT_ASSERT_NOT_NULL(test, b1);
	KUNIT_ASSERT_NOT_NULL(test, b2);
	VideoPortReleaseCommonBuffer(ctx->ext, adapter, SZ_4K, l1, b1, true);
	VideoPortReleaseCommonBuffer(ctx->ext, adapter, SZ_4K, l1, b1, true);
	KUNIT_EXPECT_EQ(test, vpshim_dma_buffer_count(ctx->ext), 1U);
	VideoPortReleaseCommonBuffer(ctx->ext, adapter, SZ_4K, l2, b2, true);
	KUNIT_EXPECT_EQ(test, vpshim_dma_buffer_count(ctx->ext), 0U);
	VideoPortPutDmaAdapter(ctx->ext, adapter);
}

static void release_on_other_adapter_refused(struct kunit *test)
{
	struct dma_test_ctx *ctx = test->priv;
	PVP_DMA_ADAPTER a, b;
	PHYSICAL_ADDRESS logical;
	void *buf;

	a = get_adapter(ctx->ext, true, false, SZ_64K);
	b = get_adapter(ctx->ext, true, false, SZ_64K);
	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, b);
	buf = alloc_buf(ctx->ext, a, SZ_4K, &logical, false);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	VideoPortReleaseCommonBuffer(ctx->ext, b, SZ_4K, logical, buf, false);
	KUNIT_EXPECT_EQ(test, vpshim_dma_buffer_count(ctx->ext), 1U);
	VideoPortReleaseCommonBuffer(ctx->ext, a, SZ_4K, logical, buf, false);
	KUNIT_EXPECT_EQ(test, vpshim_dma_buffer_count(ctx->ext), 0U);
	VideoPortPutDmaAdapter(ctx->ext, a);
	VideoPortPutDmaAdapter(ctx->ext, b);
}

/* ---- leaks ---- */

static void put_frees_outstanding_buffers(struct kunit *test)
{
	struct dma_test_ctx *ctx = test->priv;
	PVP_DMA_ADAPTER adapter;
	PHYSICAL_ADDRESS logical;
	int i;

	adapter = get_adapter(ctx->ext, true, false, SZ_64K);
	KUNIT_ASSERT_NOT_NULL(test, adapter);
	for (i = 0; i < 3; i++)
		KUNIT_ASSERT_NOT_NULL(test, alloc_buf(ctx->ext, adapter, SZ_4K, &logical, i & 1));
	KUNIT_EXPECT_EQ(test, vpshim_dma_buffer_count(ctx->ext), 3U);
	VideoPortPutDmaAdapter(ctx->ext, adapter);
	KUNIT_EXPECT_EQ(test, vpshim_dma_buffer_count(ctx->ext), 0U);
}

static void detach_frees_and_counts_leaks(struct kunit *test)
{
	struct dma_test_ctx *ctx = test->priv;
	PVP_DMA_ADAPTER adapter;
	PHYSICAL_ADDRESS logical;
	ULONG actual;

	adapter = get_adapter(ctx->ext, true, false, SZ_64K);
	KUNIT_ASSERT_NOT_NULL(test, adapter);
	KUNIT_ASSERT_NOT_NULL(test, alloc_buf(ctx->ext, adapter, SZ_4K, &logical, true));
	KUNIT_ASSERT_NOT_NULL(test, alloc_buf(ctx->ext, adapter, SZ_64K, &logical, false));
	KUNIT_ASSERT_NOT_NULL(test, VideoPortGetCommonBuffer(ctx->ext, SZ_4K, 0, &logical,
							     &actual, true));
	/* One adapter never put, three buffers never released. */
	KUNIT_EXPECT_EQ(test, vpshim_device_detach(ctx->ext), 4U);
	ctx->ext = NULL;
}

/* ---- PASSIVE_LEVEL ---- */

static DEFINE_SPINLOCK(atomic_test_lock);

static void atomic_context_refused(struct kunit *test)
{
	struct dma_test_ctx *ctx = test->priv;
	PVP_DMA_ADAPTER adapter;
	PHYSICAL_ADDRESS logical, l2;
	unsigned long flags;
	void *buf, *got;

	adapter = get_adapter(ctx->ext, true, false, SZ_64K);
	KUNIT_ASSERT_NOT_NULL(test, adapter);
	buf = alloc_buf(ctx->ext, adapter, SZ_4K, &logical, true);
	KUNIT_ASSERT_NOT_NULL(test, buf);

	spin_lock_irqsave(&atomic_test_lock, flags);
	got = alloc_buf(ctx->ext, adapter, SZ_4K, &l2, true);
	VideoPortReleaseCommonBuffer(ctx->ext, adapter, SZ_4K, logical, buf, true);
	spin_unlock_irqrestore(&atomic_test_lock, flags);
	KUNIT_EXPECT_NULL(test, got);
	KUNIT_EXPECT_EQ(test, vpshim_dma_buffer_count(ctx->ext), 1U);

	local_irq_save(flags);
	got = get_adapter(ctx->ext, true, false, SZ_4K);
	VideoPortPutDmaAdapter(ctx->ext, adapter);
	local_irq_restore(flags);
	KUNIT_EXPECT_NULL(test, got);

	/* Back at PASSIVE_LEVEL everything works again. */
	VideoPortReleaseCommonBuffer(ctx->ext, adapter, SZ_4K, logical, buf, true);
	KUNIT_EXPECT_EQ(test, vpshim_dma_buffer_count(ctx->ext), 0U);
	VideoPortPutDmaAdapter(ctx->ext, adapter);
}

/* ---- the pre-XP pair and GetProcAddress ---- */

static void legacy_common_buffer_pair(struct kunit *test)
{
	struct dma_test_ctx *ctx = test->priv;
	PHYSICAL_ADDRESS logical;
	ULONG actual = 0;
	void *buf;

	VideoPortFreeCommonBuffer(ctx->ext, SZ_4K, ctx, logical, true);	/* none yet */
	buf = VideoPortGetCommonBuffer(ctx->ext, SZ_8K, 64, &logical, &actual, false);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_EXPECT_EQ(test, actual, (ULONG)SZ_8K);
	KUNIT_EXPECT_NULL(test, memchr_inv(buf, 0, SZ_8K));
	KUNIT_EXPECT_LE(test, (u64)logical.QuadPart + SZ_8K - 1, DMA_BIT_MASK(32));
	KUNIT_EXPECT_NULL(test, VideoPortGetCommonBuffer(ctx->ext, 0, 0, &logical, &actual,
							 true));
	VideoPortFreeCommonBuffer(ctx->ext, SZ_4K, buf, logical, false);	/* wrong length */
	KUNIT_EXPECT_EQ(test, vpshim_dma_buffer_count(ctx->ext), 1U);
	VideoPortFreeCommonBuffer(ctx->ext, SZ_8K, buf, logical, false);
	KUNIT_EXPECT_EQ(test, vpshim_dma_buffer_count(ctx->ext), 0U);
}

static void get_proc_address_resolves_dma_calls(struct kunit *test)
{
	struct dma_test_ctx *ctx = test->priv;
	static const struct {
		const char *name;
		void *fn;
	} names[] = {
		{ "VideoPortGetDmaAdapter", VideoPortGetDmaAdapter },
		{ "VideoPortPutDmaAdapter", VideoPortPutDmaAdapter },
		{ "VideoPortAllocateCommonBuffer", VideoPortAllocateCommonBuffer },
		{ "VideoPortReleaseCommonBuffer", VideoPortReleaseCommonBuffer },
		{ "VideoPortGetCommonBuffer", VideoPortGetCommonBuffer },
		{ "VideoPortFreeCommonBuffer", VideoPortFreeCommonBuffer },
		/* Found missing by the corpus (samples/compat/exports). */
		{ "VideoPortRegisterBugcheckCallback", VideoPortRegisterBugcheckCallback },
		{ "VideoPortAcquireDeviceLock", VideoPortAcquireDeviceLock },
		{ "VideoPortDDCMonitorHelper", VideoPortDDCMonitorHelper },
		{ "VideoPortGetAgpServices", VideoPortGetAgpServices },
		{ "VideoPortSetTrappedEmulatorPorts", VideoPortSetTrappedEmulatorPorts },
	};
	int i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		KUNIT_EXPECT_PTR_EQ_MSG(test, VideoPortGetProcAddress(ctx->ext,
								      (PUCHAR)names[i].name),
					names[i].fn, "%s", names[i].name);
	KUNIT_EXPECT_NULL(test, VideoPortGetProcAddress(ctx->ext, (PUCHAR)"VideoPortNoSuchCall"));
	KUNIT_EXPECT_NULL(test, VideoPortGetProcAddress(ctx->ext, NULL));
	KUNIT_EXPECT_NULL(test, VideoPortGetProcAddress(NULL, (PUCHAR)"VideoPortGetDmaAdapter"));
}

/* ---- allocation failures at every site ---- */

/*
 * The kernel's fail_nth makes the n-th fault-injectable allocation of this
 * task fail (slab and page allocations, with the debugfs knobs the UML init
 * script sets). Walking n upward fails every allocation site in turn, until
 * a run completes with no failure left to inject.
 */
/*
 * Fail the n-th injectable allocation of one call, for every n until the
 * call runs without an injected failure. The adapter and the buffer are
 * swept on their own: a sweep over both would let an allocation made on
 * the side (KASAN's stack depot, say) shift the count from one step to the
 * next and skip a site.
 */
static void allocation_failure_at_every_site(struct kunit *test)
{
#ifdef CONFIG_FAULT_INJECTION
	struct dma_test_ctx *ctx = test->priv;
	unsigned int n, adapter_steps, buffer_steps, no_adapter = 0, no_buffer = 0;
	PHYSICAL_ADDRESS logical;
	PVP_DMA_ADAPTER adapter;
	bool done = false;
	void *buf;

	for (n = 1; n < 300 && !done; n++) {
		current->fail_nth = n;
		adapter = get_adapter(ctx->ext, true, false, SZ_64K);
		done = current->fail_nth != 0;	/* nothing left to fail */
		current->fail_nth = 0;
		no_adapter += !adapter;
		if (adapter)
			VideoPortPutDmaAdapter(ctx->ext, adapter);
	}
	KUNIT_EXPECT_TRUE_MSG(test, done, "adapter: never ran without an injected failure");
	adapter_steps = n - 1;

	adapter = get_adapter(ctx->ext, true, false, SZ_64K);
	KUNIT_ASSERT_NOT_NULL(test, adapter);
	for (n = 1, done = false; n < 300 && !done; n++) {
		current->fail_nth = n;
		buf = alloc_buf(ctx->ext, adapter, SZ_8K, &logical, n & 1);
		done = current->fail_nth != 0;
		current->fail_nth = 0;
		no_buffer += !buf;
		KUNIT_EXPECT_EQ_MSG(test, vpshim_dma_buffer_count(ctx->ext), buf ? 1U : 0U,
				    "step %u", n);
		if (buf)
			VideoPortReleaseCommonBuffer(ctx->ext, adapter, SZ_8K, logical, buf, n & 1);
		KUNIT_EXPECT_EQ(test, vpshim_dma_buffer_count(ctx->ext), 0U);
	}
	KUNIT_EXPECT_TRUE_MSG(test, done, "buffer: never ran without an injected failure");
	buffer_steps = n - 1;
	VideoPortPutDmaAdapter(ctx->ext, adapter);

	/* Injection reached both the adapter's and the buffer's allocations. */
	KUNIT_EXPECT_GE(test, no_adapter, 1U);
	KUNIT_EXPECT_GE(test, no_buffer, 1U);
	kunit_info(test, "adapter: %u steps, %u failed; buffer: %u steps, %u failed; the rest were absorbed\n",
		   adapter_steps, no_adapter, buffer_steps, no_buffer);
#else
	kunit_skip(test, "needs CONFIG_FAULT_INJECTION");
#endif
}

/* ---- concurrency ---- */

#define CONC_THREADS	4
#define CONC_ROUNDS	100

struct conc_arg {
	void *ext;
	PVP_DMA_ADAPTER adapter;
	struct completion done;
	int errors;
	int id;
};

static int conc_worker(void *data)
{
	struct conc_arg *arg = data;
	PHYSICAL_ADDRESS logical[4];
	void *buf[4];
	int r, i;

	for (r = 0; r < CONC_ROUNDS; r++) {
		for (i = 0; i < 4; i++) {
			buf[i] = alloc_buf(arg->ext, arg->adapter, SZ_4K * (i + 1), &logical[i],
					   i & 1);
			if (!buf[i])
				arg->errors++;
			else
				memset(buf[i], arg->id, SZ_4K * (i + 1));
		}
		cond_resched();
		for (i = 0; i < 4; i++) {
			if (!buf[i])
				continue;
			if (memchr_inv(buf[i], arg->id, SZ_4K * (i + 1)))
				arg->errors++;	/* another thread wrote our buffer */
			VideoPortReleaseCommonBuffer(arg->ext, arg->adapter, SZ_4K * (i + 1),
						     logical[i], buf[i], i & 1);
		}
	}
	complete(&arg->done);
	return 0;
}

static void concurrent_alloc_release(struct kunit *test)
{
	struct dma_test_ctx *ctx = test->priv;
	struct conc_arg *args;
	PVP_DMA_ADAPTER shared, own;
	struct task_struct *t;
	int i;

	args = kunit_kcalloc(test, CONC_THREADS, sizeof(*args), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, args);
	shared = get_adapter(ctx->ext, true, false, SZ_64K);
	own = get_adapter(ctx->ext, false, true, SZ_64K);
	KUNIT_ASSERT_NOT_NULL(test, shared);
	KUNIT_ASSERT_NOT_NULL(test, own);
	for (i = 0; i < CONC_THREADS; i++) {
		args[i].ext = ctx->ext;
		args[i].adapter = i == CONC_THREADS - 1 ? own : shared;
		args[i].id = 0x10 + i;
		init_completion(&args[i].done);
		t = kthread_run(conc_worker, &args[i], "vpshim-conc/%d", i);
		KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	}
	for (i = 0; i < CONC_THREADS; i++) {
		wait_for_completion(&args[i].done);
		KUNIT_EXPECT_EQ_MSG(test, args[i].errors, 0, "thread %d", i);
	}
	KUNIT_EXPECT_EQ(test, vpshim_dma_buffer_count(ctx->ext), 0U);
	VideoPortPutDmaAdapter(ctx->ext, shared);
	VideoPortPutDmaAdapter(ctx->ext, own);
}

static struct kunit_case vpshim_dma_cases[] = {
	KUNIT_CASE_PARAM(mask_bits_follow_description, mask_gen_params),
	KUNIT_CASE_PARAM(adapter_sets_device_mask, mask_gen_params),
	KUNIT_CASE(several_adapters_keep_narrowest_mask),
	KUNIT_CASE(adapter_description_errors),
	KUNIT_CASE_PARAM(alloc_gives_zeroed_buffer_and_device_address, alloc_gen_params),
	KUNIT_CASE(buffers_are_distinct),
	KUNIT_CASE(foreign_or_null_extension_refused),
	KUNIT_CASE(foreign_null_or_put_adapter_refused),
	KUNIT_CASE(bad_lengths_refused),
	KUNIT_CASE(length_rule_covers_mask_and_maximum),
	KUNIT_CASE_PARAM(mismatched_release_frees_nothing, release_gen_params),
	KUNIT_CASE(double_release_refused),
	KUNIT_CASE(release_on_other_adapter_refused),
	KUNIT_CASE(put_frees_outstanding_buffers),
	KUNIT_CASE(detach_frees_and_counts_leaks),
	KUNIT_CASE(atomic_context_refused),
	KUNIT_CASE(legacy_common_buffer_pair),
	KUNIT_CASE(get_proc_address_resolves_dma_calls),
	KUNIT_CASE(allocation_failure_at_every_site),
	KUNIT_CASE(concurrent_alloc_release),
	{}
};

static struct kunit_suite vpshim_dma_suite = {
	.name = "vpshim_dma",
	.init = dma_test_init,
	.exit = dma_test_exit,
	.test_cases = vpshim_dma_cases,
};

kunit_test_suite(vpshim_dma_suite);

MODULE_DESCRIPTION("KUnit tests for vpshim's DMA layer");
MODULE_LICENSE("GPL");
