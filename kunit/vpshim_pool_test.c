// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for vpshim/pool.c: VideoPortAllocatePool/FreePool and
 * VideoPortAllocateBuffer/ReleaseBuffer, their IRQL rules, bad pointers,
 * allocation failures and leaks at unbind.
 */

#include <kunit/test.h>
#include <linux/cache.h>
#include <linux/completion.h>
#include <linux/kthread.h>
#include <linux/platform_device.h>
#include <linux/slab.h>

#include "vpshim_test.h"

#define POOL_TAG	0x74736554	/* "Test" */

struct pool_test_ctx {
	struct vpshim_test_device dev;
};

static int pool_test_init(struct kunit *test)
{
	struct pool_test_ctx *ctx;

	ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ctx);
	vpshim_test_device_add(test, &ctx->dev, "vpshim-pool-test", 16);
	test->priv = ctx;
	return 0;
}

static void pool_test_exit(struct kunit *test)
{
	struct pool_test_ctx *ctx = test->priv;

	vpshim_test_device_remove(test, &ctx->dev);
}

struct pool_case {
	VP_POOL_TYPE type;
	size_t size;
};

static const struct pool_case pool_cases[] = {
	{ VpNonPagedPool, 1 }, { VpPagedPool, 100 },
	{ VpNonPagedPoolCacheAligned, 70 }, { VpPagedPoolCacheAligned, 1000 },
	{ VpPagedPool, 4 * PAGE_SIZE + 3 }, { VpNonPagedPool, 2 * PAGE_SIZE },
};

static void pool_case_desc(const struct pool_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "type %d, %zu bytes", c->type, c->size);
}

KUNIT_ARRAY_PARAM(pool, pool_cases, pool_case_desc);

static void allocate_pool_gives_zeroed_usable_block(struct kunit *test)
{
	const struct pool_case *c = test->param_value;
	struct pool_test_ctx *ctx = test->priv;
	u8 *p;

	p = VideoPortAllocatePool(ctx->dev.ext, c->type, c->size, POOL_TAG);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_NULL(test, memchr_inv(p, 0, c->size));
	memset(p, 0x3c, c->size);	/* every byte is the miniport's (KASAN) */
	if (c->type == VpNonPagedPoolCacheAligned || c->type == VpPagedPoolCacheAligned)
		KUNIT_EXPECT_TRUE(test, IS_ALIGNED((unsigned long)p, L1_CACHE_BYTES));
	VideoPortFreePool(ctx->dev.ext, p);
}

static void bad_requests_refused(struct kunit *test)
{
	struct pool_test_ctx *ctx = test->priv;
	void *foreign;

	foreign = kunit_kzalloc(test, 32, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, foreign);
	KUNIT_EXPECT_NULL(test, VideoPortAllocatePool(ctx->dev.ext, VpPagedPool, 0, POOL_TAG));
	KUNIT_EXPECT_NULL(test, VideoPortAllocatePool(ctx->dev.ext, 2, 16, POOL_TAG));
	KUNIT_EXPECT_NULL(test, VideoPortAllocatePool(ctx->dev.ext, 3, 16, POOL_TAG));
	KUNIT_EXPECT_NULL(test, VideoPortAllocatePool(NULL, VpPagedPool, 16, POOL_TAG));
	KUNIT_EXPECT_NULL(test, VideoPortAllocatePool(foreign, VpPagedPool, 16, POOL_TAG));
	/*
	 * Sizes nothing can give: a clean NULL, no WARN from the allocator
	 * (the log check fails on one), and no wrap to a zero-size "block".
	 */
	KUNIT_EXPECT_NULL(test, VideoPortAllocatePool(ctx->dev.ext, VpPagedPoolCacheAligned,
						      SIZE_MAX - 3, POOL_TAG));
	KUNIT_EXPECT_NULL(test, VideoPortAllocatePool(ctx->dev.ext, VpNonPagedPool,
						      SIZE_MAX / 2, POOL_TAG));
	KUNIT_EXPECT_NULL(test, VideoPortAllocatePool(ctx->dev.ext, VpPagedPool,
						      (SIZE_T)INT_MAX + 1, POOL_TAG));
	KUNIT_EXPECT_NULL(test, VideoPortAllocatePool(ctx->dev.ext, VpNonPagedPool,
						      64 << 20, POOL_TAG));
}

static void bad_frees_refused(struct kunit *test)
{
	struct pool_test_ctx *ctx = test->priv;
	void *foreign, *p, *other_ext;
	struct platform_device *other;

	foreign = kunit_kzalloc(test, 32, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, foreign);
	p = VideoPortAllocatePool(ctx->dev.ext, VpNonPagedPool, 64, POOL_TAG);
	KUNIT_ASSERT_NOT_NULL(test, p);

	VideoPortFreePool(ctx->dev.ext, foreign);
	VideoPortFreePool(ctx->dev.ext, NULL);
	VideoPortFreePool(ctx->dev.ext, (u8 *)p + 8);	/* inside, not the start */
	VideoPortFreePool(NULL, p);
	/* Another device's extension: its table does not hold the block. */
	other = platform_device_register_simple("vpshim-pool-other", 1, NULL, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR_OR_NULL(other));
	other_ext = vpshim_device_attach(&other->dev, 8);
	KUNIT_ASSERT_NOT_NULL(test, other_ext);
	VideoPortFreePool(other_ext, p);
	KUNIT_EXPECT_EQ(test, vpshim_device_detach(other_ext), 0U);
	platform_device_unregister(other);

	memset(p, 1, 64);		/* still allocated: KASAN agrees */
	VideoPortFreePool(ctx->dev.ext, p);
	VideoPortFreePool(ctx->dev.ext, p);	/* double free: refused, no KASAN report */
}

static DEFINE_SPINLOCK(pool_test_lock);

static void irql_rules(struct kunit *test)
{
	struct pool_test_ctx *ctx = test->priv;
	void *paged, *nonpaged, *in_irq_off;
	unsigned long flags;

	paged = VideoPortAllocatePool(ctx->dev.ext, VpPagedPool, 64, POOL_TAG);
	KUNIT_ASSERT_NOT_NULL(test, paged);

	/* DISPATCH_LEVEL, as in a DPC: nonpaged only. */
	local_bh_disable();
	KUNIT_EXPECT_NULL(test, VideoPortAllocatePool(ctx->dev.ext, VpPagedPool, 64, POOL_TAG));
	nonpaged = VideoPortAllocatePool(ctx->dev.ext, VpNonPagedPool, 64, POOL_TAG);
	VideoPortFreePool(ctx->dev.ext, paged);		/* refused at DISPATCH */
	local_bh_enable();
	KUNIT_EXPECT_NOT_NULL(test, nonpaged);

	/* Above DISPATCH_LEVEL nothing is done. */
	spin_lock_irqsave(&pool_test_lock, flags);
	in_irq_off = VideoPortAllocatePool(ctx->dev.ext, VpNonPagedPool, 64, POOL_TAG);
	VideoPortFreePool(ctx->dev.ext, nonpaged);
	spin_unlock_irqrestore(&pool_test_lock, flags);
	KUNIT_EXPECT_NULL(test, in_irq_off);

	/* Both blocks survived the refused frees; free them properly. */
	memset(paged, 1, 64);
	memset(nonpaged, 1, 64);
	local_bh_disable();
	VideoPortFreePool(ctx->dev.ext, nonpaged);		/* nonpaged: fine at DISPATCH */
	local_bh_enable();
	VideoPortFreePool(ctx->dev.ext, paged);
}

static void allocate_buffer_contract(struct kunit *test)
{
	struct pool_test_ctx *ctx = test->priv;
	PVOID buf = (PVOID)1;
	unsigned long flags;
	VP_STATUS status;

	KUNIT_EXPECT_EQ(test, VideoPortAllocateBuffer(ctx->dev.ext, 128, &buf), NO_ERROR);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_EXPECT_NULL(test, memchr_inv(buf, 0, 128));
	VideoPortReleaseBuffer(ctx->dev.ext, buf);

	KUNIT_EXPECT_EQ(test, VideoPortAllocateBuffer(ctx->dev.ext, 128, NULL),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, VideoPortAllocateBuffer(ctx->dev.ext, 0, &buf),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, VideoPortAllocateBuffer(NULL, 128, &buf),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	local_irq_save(flags);
	status = VideoPortAllocateBuffer(ctx->dev.ext, 128, &buf);
	local_irq_restore(flags);
	KUNIT_EXPECT_EQ(test, status, (VP_STATUS)ERROR_NOT_ENOUGH_MEMORY);
	KUNIT_EXPECT_NULL(test, buf);
}

static void unbind_frees_and_counts_leaks(struct kunit *test)
{
	struct pool_test_ctx *ctx = test->priv;
	PVOID buf;

	KUNIT_ASSERT_NOT_NULL(test, VideoPortAllocatePool(ctx->dev.ext, VpPagedPool, 10, POOL_TAG));
	KUNIT_ASSERT_NOT_NULL(test, VideoPortAllocatePool(ctx->dev.ext, VpNonPagedPool, 10000,
							  POOL_TAG));
	KUNIT_ASSERT_EQ(test, VideoPortAllocateBuffer(ctx->dev.ext, 5, &buf), NO_ERROR);
	KUNIT_EXPECT_EQ(test, vpshim_device_detach(ctx->dev.ext), 3U);
	ctx->dev.ext = NULL;
}

static void allocation_failure_at_every_site(struct kunit *test)
{
#ifdef CONFIG_FAULT_INJECTION
	struct pool_test_ctx *ctx = test->priv;
	unsigned int n, failures = 0;
	bool done = false;
	void *p;

	for (n = 1; n < 100 && !done; n++) {
		current->fail_nth = n;
		p = VideoPortAllocatePool(ctx->dev.ext, VpPagedPool, 256, POOL_TAG);
		done = current->fail_nth != 0;
		current->fail_nth = 0;
		if (!p)
			failures++;
		else
			VideoPortFreePool(ctx->dev.ext, p);
	}
	KUNIT_EXPECT_TRUE(test, done);
	KUNIT_EXPECT_GE(test, failures, 1U);
	kunit_info(test, "%u steps, %u surfaced as NULL\n", n - 1, failures);
#else
	kunit_skip(test, "needs CONFIG_FAULT_INJECTION");
#endif
}

#define POOL_THREADS	4

struct pool_thread {
	void *ext;
	struct completion done;
	int errors;
	u8 id;
};

static int pool_worker(void *data)
{
	struct pool_thread *t = data;
	u8 *p[8];
	int r, i;

	for (r = 0; r < 200; r++) {
		for (i = 0; i < 8; i++) {
			p[i] = VideoPortAllocatePool(t->ext, i & 1 ? VpPagedPool : VpNonPagedPool,
						     32 + i * 100, POOL_TAG);
			if (p[i])
				memset(p[i], t->id, 32 + i * 100);
			else
				t->errors++;
		}
		cond_resched();
		for (i = 0; i < 8; i++) {
			if (!p[i])
				continue;
			if (memchr_inv(p[i], t->id, 32 + i * 100))
				t->errors++;
			VideoPortFreePool(t->ext, p[i]);
		}
	}
	complete(&t->done);
	return 0;
}

static void concurrent_alloc_free(struct kunit *test)
{
	struct pool_test_ctx *ctx = test->priv;
	struct pool_thread *t;
	int i;

	t = kunit_kcalloc(test, POOL_THREADS, sizeof(*t), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, t);
	for (i = 0; i < POOL_THREADS; i++) {
		t[i].ext = ctx->dev.ext;
		t[i].id = 0x40 + i;
		init_completion(&t[i].done);
		KUNIT_ASSERT_FALSE(test, IS_ERR(kthread_run(pool_worker, &t[i], "vpshim-pool/%d",
							    i)));
	}
	for (i = 0; i < POOL_THREADS; i++) {
		wait_for_completion(&t[i].done);
		KUNIT_EXPECT_EQ_MSG(test, t[i].errors, 0, "thread %d", i);
	}
}

static struct kunit_case vpshim_pool_cases[] = {
	KUNIT_CASE_PARAM(allocate_pool_gives_zeroed_usable_block, pool_gen_params),
	KUNIT_CASE(bad_requests_refused),
	KUNIT_CASE(bad_frees_refused),
	KUNIT_CASE(irql_rules),
	KUNIT_CASE(allocate_buffer_contract),
	KUNIT_CASE(unbind_frees_and_counts_leaks),
	KUNIT_CASE(allocation_failure_at_every_site),
	KUNIT_CASE(concurrent_alloc_free),
	{}
};

static struct kunit_suite vpshim_pool_suite = {
	.name = "vpshim_pool",
	.init = pool_test_init,
	.exit = pool_test_exit,
	.test_cases = vpshim_pool_cases,
};

kunit_test_suite(vpshim_pool_suite);
