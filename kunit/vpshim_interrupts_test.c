// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for vpshim/interrupts.c: the DPC and SynchronizeExecution.
 * The interrupt itself is exercised by the edu sample under QEMU (UML has
 * no device to raise one); here the interrupt lock is driven directly.
 */

#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/platform_device.h>

#include "vpshim.h"
#include "interrupts.h"

struct irq_test_ctx {
	struct platform_device *pdev;
	void *ext;
	struct vpshim_device *vdev;
	struct completion done;
	atomic_t runs;
	void *seen_ext, *seen_context;
	UCHAR seen_irql;
	bool requeue;
};

static struct irq_test_ctx *irq_test_current;

static int irq_test_init(struct kunit *test)
{
	static atomic_t ids = ATOMIC_INIT(0);
	struct irq_test_ctx *ctx;

	ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ctx);
	ctx->pdev = platform_device_register_simple("vpshim-irq-test",
						    atomic_inc_return(&ids), NULL, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR_OR_NULL(ctx->pdev));
	ctx->ext = vpshim_device_attach(&ctx->pdev->dev, 16);
	KUNIT_ASSERT_NOT_NULL(test, ctx->ext);
	ctx->vdev = vpshim_device_get(ctx->ext, __func__, 0);
	KUNIT_ASSERT_NOT_NULL(test, ctx->vdev);
	init_completion(&ctx->done);
	irq_test_current = ctx;
	test->priv = ctx;
	return 0;
}

static void irq_test_exit(struct kunit *test)
{
	struct irq_test_ctx *ctx = test->priv;

	KUNIT_EXPECT_EQ(test, vpshim_device_detach(ctx->ext), 0U);
	platform_device_unregister(ctx->pdev);
}

static VOID irq_test_dpc(PVOID ext, PVOID context)
{
	struct irq_test_ctx *ctx = irq_test_current;

	ctx->seen_ext = ext;
	ctx->seen_context = context;
	ctx->seen_irql = VideoPortGetCurrentIrql();
	if (atomic_inc_return(&ctx->runs) == 1 && ctx->requeue)
		VideoPortQueueDpc(ext, irq_test_dpc, (PVOID)2);
	else
		complete(&ctx->done);
}

static void dpc_runs_at_dispatch_with_its_arguments(struct kunit *test)
{
	struct irq_test_ctx *ctx = test->priv;

	KUNIT_EXPECT_TRUE(test, VideoPortQueueDpc(ctx->ext, irq_test_dpc, (PVOID)0x1234));
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&ctx->done, HZ), 0UL);
	KUNIT_EXPECT_PTR_EQ(test, ctx->seen_ext, ctx->ext);
	KUNIT_EXPECT_PTR_EQ(test, ctx->seen_context, (void *)0x1234);
	KUNIT_EXPECT_EQ(test, ctx->seen_irql, (UCHAR)DISPATCH_LEVEL);
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->runs), 1);
}

static void dpc_queued_twice_runs_once(struct kunit *test)
{
	struct irq_test_ctx *ctx = test->priv;
	BOOLEAN first, second;

	/* With bottom halves off the tasklet cannot run in between. */
	local_bh_disable();
	first = VideoPortQueueDpc(ctx->ext, irq_test_dpc, (PVOID)1);
	second = VideoPortQueueDpc(ctx->ext, irq_test_dpc, (PVOID)2);
	local_bh_enable();
	KUNIT_EXPECT_TRUE(test, first);
	KUNIT_EXPECT_FALSE(test, second);
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&ctx->done, HZ), 0UL);
	msleep(20);
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->runs), 1);
	KUNIT_EXPECT_PTR_EQ(test, ctx->seen_context, (void *)1);
}

static void dpc_may_queue_itself_again(struct kunit *test)
{
	struct irq_test_ctx *ctx = test->priv;

	ctx->requeue = true;
	KUNIT_EXPECT_TRUE(test, VideoPortQueueDpc(ctx->ext, irq_test_dpc, (PVOID)1));
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&ctx->done, HZ), 0UL);
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->runs), 2);
	KUNIT_EXPECT_PTR_EQ(test, ctx->seen_context, (void *)2);
}

static void dpc_bad_input_refused(struct kunit *test)
{
	struct irq_test_ctx *ctx = test->priv;
	void *foreign = kunit_kzalloc(test, 16, GFP_KERNEL);

	KUNIT_EXPECT_FALSE(test, VideoPortQueueDpc(ctx->ext, NULL, NULL));
	KUNIT_EXPECT_FALSE(test, VideoPortQueueDpc(foreign, irq_test_dpc, NULL));
	KUNIT_EXPECT_FALSE(test, VideoPortQueueDpc(NULL, irq_test_dpc, NULL));
	msleep(20);
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->runs), 0);
}

static UCHAR sync_seen_irql;

static BOOLEAN irq_test_sync_routine(PVOID context)
{
	sync_seen_irql = VideoPortGetCurrentIrql();
	return context == (PVOID)7;
}

static void synchronize_execution_priorities(struct kunit *test)
{
	struct irq_test_ctx *ctx = test->priv;

	/* No interrupt connected: every priority runs at DISPATCH_LEVEL. */
	KUNIT_EXPECT_TRUE(test, VideoPortSynchronizeExecution(ctx->ext, VpLowPriority,
							      irq_test_sync_routine, (PVOID)7));
	KUNIT_EXPECT_EQ(test, sync_seen_irql, (UCHAR)DISPATCH_LEVEL);
	KUNIT_EXPECT_FALSE(test, VideoPortSynchronizeExecution(ctx->ext, VpHighPriority,
							       irq_test_sync_routine, NULL));
	KUNIT_EXPECT_EQ(test, sync_seen_irql, (UCHAR)DISPATCH_LEVEL);

	/* With one, medium and high take the interrupt lock, interrupts off. */
	vpshim_irq_of(ctx->vdev)->irq = -1;
	KUNIT_EXPECT_TRUE(test, VideoPortSynchronizeExecution(ctx->ext, VpMediumPriority,
							      irq_test_sync_routine, (PVOID)7));
	KUNIT_EXPECT_GT(test, sync_seen_irql, (UCHAR)DISPATCH_LEVEL);
	KUNIT_EXPECT_TRUE(test, spin_trylock(&vpshim_irq_of(ctx->vdev)->isr_lock));
	spin_unlock(&vpshim_irq_of(ctx->vdev)->isr_lock);
	vpshim_irq_of(ctx->vdev)->irq = 0;

	KUNIT_EXPECT_FALSE(test, VideoPortSynchronizeExecution(ctx->ext, VpLowPriority, NULL,
							       NULL));
	KUNIT_EXPECT_EQ(test, VideoPortGetCurrentIrql(), (UCHAR)PASSIVE_LEVEL);
}

static void interrupt_calls_without_interrupt(struct kunit *test)
{
	struct irq_test_ctx *ctx = test->priv;

	KUNIT_EXPECT_EQ(test, VideoPortEnableInterrupt(ctx->ext),
			(VP_STATUS)ERROR_INVALID_FUNCTION);
	KUNIT_EXPECT_EQ(test, VideoPortDisableInterrupt(ctx->ext),
			(VP_STATUS)ERROR_INVALID_FUNCTION);
	KUNIT_EXPECT_EQ(test, VideoPortEnableInterrupt(NULL), (VP_STATUS)ERROR_INVALID_FUNCTION);
}

static struct kunit_case vpshim_interrupts_cases[] = {
	KUNIT_CASE(dpc_runs_at_dispatch_with_its_arguments),
	KUNIT_CASE(dpc_queued_twice_runs_once),
	KUNIT_CASE(dpc_may_queue_itself_again),
	KUNIT_CASE(dpc_bad_input_refused),
	KUNIT_CASE(synchronize_execution_priorities),
	KUNIT_CASE(interrupt_calls_without_interrupt),
	{}
};

static struct kunit_suite vpshim_interrupts_suite = {
	.name = "vpshim_interrupts",
	.init = irq_test_init,
	.exit = irq_test_exit,
	.test_cases = vpshim_interrupts_cases,
};

kunit_test_suite(vpshim_interrupts_suite);
