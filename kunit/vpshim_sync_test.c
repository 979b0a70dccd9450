// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for vpshim/sync.c: IRQL, spin locks, events and the
 * Interlocked functions, with their context rules under lockdep.
 */

#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/timer.h>

#include "vpshim_test.h"
#include "requests.h"

struct sync_test_ctx {
	struct vpshim_test_device dev;
};

static int sync_test_init(struct kunit *test)
{
	struct sync_test_ctx *ctx;

	ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ctx);
	vpshim_test_device_add(test, &ctx->dev, "vpshim-sync-test", 16);
	test->priv = ctx;
	return 0;
}

static void sync_test_exit(struct kunit *test)
{
	struct sync_test_ctx *ctx = test->priv;

	vpshim_test_device_remove(test, &ctx->dev);
}

static void irql_follows_context(struct kunit *test)
{
	unsigned long flags;
	UCHAR bh, irq;

	KUNIT_EXPECT_EQ(test, VideoPortGetCurrentIrql(), (UCHAR)PASSIVE_LEVEL);
	local_bh_disable();
	bh = VideoPortGetCurrentIrql();
	local_bh_enable();
	local_irq_save(flags);
	irq = VideoPortGetCurrentIrql();
	local_irq_restore(flags);
	KUNIT_EXPECT_EQ(test, bh, (UCHAR)DISPATCH_LEVEL);
	KUNIT_EXPECT_GT(test, irq, (UCHAR)DISPATCH_LEVEL);
}

static void spin_lock_raises_and_restores_irql(struct kunit *test)
{
	struct sync_test_ctx *ctx = test->priv;
	PSPIN_LOCK a, b;
	UCHAR old = 0xff, inside, old_b = 0xff;

	KUNIT_ASSERT_EQ(test, VideoPortCreateSpinLock(ctx->dev.ext, &a), NO_ERROR);
	KUNIT_ASSERT_EQ(test, VideoPortCreateSpinLock(ctx->dev.ext, &b), NO_ERROR);
	KUNIT_EXPECT_PTR_NE(test, a, b);

	VideoPortAcquireSpinLock(ctx->dev.ext, a, &old);
	inside = VideoPortGetCurrentIrql();
	/* Nesting two locks is legal and not recursion for lockdep. */
	VideoPortAcquireSpinLock(ctx->dev.ext, b, &old_b);
	VideoPortReleaseSpinLock(ctx->dev.ext, b, old_b);
	VideoPortReleaseSpinLock(ctx->dev.ext, a, old);
	KUNIT_EXPECT_EQ(test, old, (UCHAR)PASSIVE_LEVEL);
	KUNIT_EXPECT_EQ(test, old_b, (UCHAR)DISPATCH_LEVEL);
	KUNIT_EXPECT_EQ(test, inside, (UCHAR)DISPATCH_LEVEL);
	KUNIT_EXPECT_EQ(test, VideoPortGetCurrentIrql(), (UCHAR)PASSIVE_LEVEL);

	local_bh_disable();
	VideoPortAcquireSpinLockAtDpcLevel(ctx->dev.ext, a);
	inside = VideoPortGetCurrentIrql();
	VideoPortReleaseSpinLockFromDpcLevel(ctx->dev.ext, a);
	local_bh_enable();
	KUNIT_EXPECT_EQ(test, inside, (UCHAR)DISPATCH_LEVEL);

	KUNIT_EXPECT_EQ(test, VideoPortDeleteSpinLock(ctx->dev.ext, a), NO_ERROR);
	KUNIT_EXPECT_EQ(test, VideoPortDeleteSpinLock(ctx->dev.ext, b), NO_ERROR);
}

/* The same lock from a timer (softirq, a DPC's context) and from a task. */
struct dpc_lock_ctx {
	struct timer_list timer;
	void *ext;
	PSPIN_LOCK lock;
	int counter;
	struct completion done;
};

static void dpc_lock_timer(struct timer_list *t)
{
	struct dpc_lock_ctx *c = timer_container_of(c, t, timer);

	VideoPortAcquireSpinLockAtDpcLevel(c->ext, c->lock);
	c->counter++;
	VideoPortReleaseSpinLockFromDpcLevel(c->ext, c->lock);
	complete(&c->done);
}

static void spin_lock_shared_with_dpc_context(struct kunit *test)
{
	struct sync_test_ctx *ctx = test->priv;
	struct dpc_lock_ctx *c;
	UCHAR old;
	int i;

	c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c);
	c->ext = ctx->dev.ext;
	KUNIT_ASSERT_EQ(test, VideoPortCreateSpinLock(ctx->dev.ext, &c->lock), NO_ERROR);
	timer_setup(&c->timer, dpc_lock_timer, 0);
	for (i = 0; i < 5; i++) {
		init_completion(&c->done);
		mod_timer(&c->timer, jiffies + 1);
		VideoPortAcquireSpinLock(ctx->dev.ext, c->lock, &old);
		c->counter += 10;
		VideoPortReleaseSpinLock(ctx->dev.ext, c->lock, old);
		wait_for_completion(&c->done);
	}
	timer_delete_sync(&c->timer);
	KUNIT_EXPECT_EQ(test, c->counter, 55);
	KUNIT_EXPECT_EQ(test, VideoPortDeleteSpinLock(ctx->dev.ext, c->lock), NO_ERROR);
}

struct lock_thread {
	void *ext;
	PSPIN_LOCK lock;
	int *counter;
	struct completion done;
};

static int lock_worker(void *data)
{
	struct lock_thread *t = data;
	UCHAR old;
	int i;

	for (i = 0; i < 5000; i++) {
		VideoPortAcquireSpinLock(t->ext, t->lock, &old);
		(*t->counter)++;	/* not atomic: the lock makes it exact */
		VideoPortReleaseSpinLock(t->ext, t->lock, old);
		if (!(i % 100))
			cond_resched();
	}
	complete(&t->done);
	return 0;
}

static void spin_lock_excludes_other_threads(struct kunit *test)
{
	struct sync_test_ctx *ctx = test->priv;
	struct lock_thread *t;
	PSPIN_LOCK lock;
	int counter = 0, i;

	t = kunit_kcalloc(test, 3, sizeof(*t), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, t);
	KUNIT_ASSERT_EQ(test, VideoPortCreateSpinLock(ctx->dev.ext, &lock), NO_ERROR);
	for (i = 0; i < 3; i++) {
		t[i] = (struct lock_thread){ .ext = ctx->dev.ext, .lock = lock,
					     .counter = &counter };
		init_completion(&t[i].done);
		KUNIT_ASSERT_FALSE(test, IS_ERR(kthread_run(lock_worker, &t[i], "vpshim-lock/%d",
							    i)));
	}
	for (i = 0; i < 3; i++)
		wait_for_completion(&t[i].done);
	KUNIT_EXPECT_EQ(test, counter, 15000);
	KUNIT_EXPECT_EQ(test, VideoPortDeleteSpinLock(ctx->dev.ext, lock), NO_ERROR);
}

static void bad_spin_locks_refused(struct kunit *test)
{
	struct sync_test_ctx *ctx = test->priv;
	PSPIN_LOCK lock, deleted;
	PEVENT event;
	void *foreign;
	UCHAR old = 0x7f;

	foreign = kunit_kzalloc(test, 64, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, foreign);
	KUNIT_EXPECT_EQ(test, VideoPortCreateSpinLock(ctx->dev.ext, NULL),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, VideoPortCreateSpinLock(foreign, &lock),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_ASSERT_EQ(test, VideoPortCreateSpinLock(ctx->dev.ext, &deleted), NO_ERROR);
	KUNIT_ASSERT_EQ(test, VideoPortDeleteSpinLock(ctx->dev.ext, deleted), NO_ERROR);
	KUNIT_ASSERT_EQ(test, VideoPortCreateEvent(ctx->dev.ext, 0, NULL, &event), NO_ERROR);

	VideoPortAcquireSpinLock(ctx->dev.ext, NULL, &old);
	VideoPortAcquireSpinLock(ctx->dev.ext, foreign, &old);
	VideoPortAcquireSpinLock(ctx->dev.ext, deleted, &old);
	VideoPortAcquireSpinLock(ctx->dev.ext, (PSPIN_LOCK)event, &old);
	VideoPortReleaseSpinLock(ctx->dev.ext, foreign, 0);
	VideoPortAcquireSpinLockAtDpcLevel(ctx->dev.ext, foreign);
	VideoPortReleaseSpinLockFromDpcLevel(ctx->dev.ext, deleted);
	/* Nothing was taken, nothing was dropped. */
	KUNIT_EXPECT_EQ(test, old, (UCHAR)0x7f);
	KUNIT_EXPECT_EQ(test, VideoPortGetCurrentIrql(), (UCHAR)PASSIVE_LEVEL);
	KUNIT_EXPECT_EQ(test, VideoPortDeleteSpinLock(ctx->dev.ext, deleted),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, VideoPortDeleteSpinLock(ctx->dev.ext, (PSPIN_LOCK)event),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, VideoPortDeleteEvent(ctx->dev.ext, event), NO_ERROR);
}

/* ---- events ---- */

static void event_states(struct kunit *test)
{
	struct sync_test_ctx *ctx = test->priv;
	LARGE_INTEGER zero = { .QuadPart = 0 };
	PEVENT note, sync;

	KUNIT_ASSERT_EQ(test, VideoPortCreateEvent(ctx->dev.ext,
						   NOTIFICATION_EVENT | INITIAL_EVENT_SIGNALED,
						   NULL, &note), NO_ERROR);
	KUNIT_ASSERT_EQ(test,
			VideoPortCreateEvent(ctx->dev.ext, SYNCHRONIZATION_EVENT, NULL, &sync),
			NO_ERROR);
	KUNIT_EXPECT_NE(test, VideoPortReadStateEvent(ctx->dev.ext, note), 0);
	KUNIT_EXPECT_EQ(test, VideoPortReadStateEvent(ctx->dev.ext, sync), 0);

	/* A notification event stays signaled through waits. */
	KUNIT_EXPECT_EQ(test, VideoPortWaitForSingleObject(ctx->dev.ext, note, &zero), NO_ERROR);
	KUNIT_EXPECT_EQ(test, VideoPortWaitForSingleObject(ctx->dev.ext, note, NULL), NO_ERROR);
	KUNIT_EXPECT_NE(test, VideoPortReadStateEvent(ctx->dev.ext, note), 0);
	VideoPortClearEvent(ctx->dev.ext, note);
	KUNIT_EXPECT_EQ(test, VideoPortReadStateEvent(ctx->dev.ext, note), 0);

	/* SetEvent says whether it was already signaled. */
	KUNIT_EXPECT_EQ(test, VideoPortSetEvent(ctx->dev.ext, sync), 0);
	KUNIT_EXPECT_NE(test, VideoPortSetEvent(ctx->dev.ext, sync), 0);
	/* A synchronization event resets when a wait takes it. */
	KUNIT_EXPECT_EQ(test, VideoPortWaitForSingleObject(ctx->dev.ext, sync, &zero), NO_ERROR);
	KUNIT_EXPECT_EQ(test, VideoPortReadStateEvent(ctx->dev.ext, sync), 0);
	KUNIT_EXPECT_EQ(test, VideoPortWaitForSingleObject(ctx->dev.ext, sync, &zero),
			(VP_STATUS)WAIT_TIMEOUT);

	KUNIT_EXPECT_EQ(test, VideoPortDeleteEvent(ctx->dev.ext, note), NO_ERROR);
	KUNIT_EXPECT_EQ(test, VideoPortDeleteEvent(ctx->dev.ext, sync), NO_ERROR);
}

static void wait_timeouts_in_windows_units(struct kunit *test)
{
	struct sync_test_ctx *ctx = test->priv;
	LARGE_INTEGER timeout;
	PEVENT event;
	u64 t0, ms;

	KUNIT_ASSERT_EQ(test, VideoPortCreateEvent(ctx->dev.ext, 0, NULL, &event), NO_ERROR);

	timeout.QuadPart = -50 * 10000LL;		/* 50 ms, relative */
	t0 = ktime_get_ns();
	KUNIT_EXPECT_EQ(test, VideoPortWaitForSingleObject(ctx->dev.ext, event, &timeout),
			(VP_STATUS)WAIT_TIMEOUT);
	ms = div_u64(ktime_get_ns() - t0, NSEC_PER_MSEC);
	KUNIT_EXPECT_GE(test, ms, 50ULL);
	KUNIT_EXPECT_LT(test, ms, 2000ULL);

	/* Absolute: system time in 100 ns units since 1601. */
	timeout.QuadPart = ktime_get_real_ns() / 100 + 116444736000000000LL + 30 * 10000LL;
	t0 = ktime_get_ns();
	KUNIT_EXPECT_EQ(test, VideoPortWaitForSingleObject(ctx->dev.ext, event, &timeout),
			(VP_STATUS)WAIT_TIMEOUT);
	ms = div_u64(ktime_get_ns() - t0, NSEC_PER_MSEC);
	KUNIT_EXPECT_GE(test, ms, 29ULL);
	KUNIT_EXPECT_LT(test, ms, 2000ULL);

	timeout.QuadPart = 116444736000000000LL;	/* 1970: long past */
	t0 = ktime_get_ns();
	KUNIT_EXPECT_EQ(test, VideoPortWaitForSingleObject(ctx->dev.ext, event, &timeout),
			(VP_STATUS)WAIT_TIMEOUT);
	KUNIT_EXPECT_LT(test, ktime_get_ns() - t0, 100ULL * NSEC_PER_MSEC);

	KUNIT_EXPECT_EQ(test, VideoPortDeleteEvent(ctx->dev.ext, event), NO_ERROR);
}

/*
 * The waits of a request end when its time is up (request_timeout_ms), even
 * a wait without a timeout: what a miniport sees is WAIT_TIMEOUT.
 */
static void request_waits_end_with_its_time(struct kunit *test)
{
	struct sync_test_ctx *ctx = test->priv;
	struct vpshim_device *vdev = vpshim_device_get(ctx->dev.ext, __func__, 0);
	LARGE_INTEGER timeout = { .QuadPart = -5 * 10000000LL };	/* 5 s */
	PEVENT event;
	u64 t0;

	KUNIT_ASSERT_EQ(test, VideoPortCreateEvent(ctx->dev.ext, 0, NULL, &event), NO_ERROR);
	vpshim_requests_of(vdev)->deadline = jiffies - 1;
	vpshim_requests_of(vdev)->task = current;
	t0 = ktime_get_ns();
	KUNIT_EXPECT_EQ(test, VideoPortWaitForSingleObject(ctx->dev.ext, event, NULL),
			(VP_STATUS)WAIT_TIMEOUT);
	KUNIT_EXPECT_EQ(test, VideoPortWaitForSingleObject(ctx->dev.ext, event, &timeout),
			(VP_STATUS)WAIT_TIMEOUT);
	KUNIT_EXPECT_LT(test, ktime_get_ns() - t0, 100ULL * NSEC_PER_MSEC);
	/* A signaled event is still had at once. */
	VideoPortSetEvent(ctx->dev.ext, event);
	KUNIT_EXPECT_EQ(test, VideoPortWaitForSingleObject(ctx->dev.ext, event, NULL),
			(VP_STATUS)NO_ERROR);
	/* 100 ms left: the 5 s wait ends after about that. */
	vpshim_requests_of(vdev)->deadline = jiffies + msecs_to_jiffies(100);
	t0 = ktime_get_ns();
	KUNIT_EXPECT_EQ(test, VideoPortWaitForSingleObject(ctx->dev.ext, event, &timeout),
			(VP_STATUS)WAIT_TIMEOUT);
	KUNIT_EXPECT_GE(test, ktime_get_ns() - t0, 90ULL * NSEC_PER_MSEC);
	KUNIT_EXPECT_LT(test, ktime_get_ns() - t0, 2000ULL * NSEC_PER_MSEC);
	vpshim_requests_of(vdev)->task = NULL;
	KUNIT_EXPECT_EQ(test, VideoPortDeleteEvent(ctx->dev.ext, event), NO_ERROR);
}

struct waiter {
	void *ext;
	PEVENT event;
	VP_STATUS status;
	struct completion done;
};

static int waiter_thread(void *data)
{
	struct waiter *w = data;

	w->status = VideoPortWaitForSingleObject(w->ext, w->event, NULL);
	complete(&w->done);
	return 0;
}

static void set_wakes_one_or_all(struct kunit *test)
{
	struct sync_test_ctx *ctx = test->priv;
	struct waiter *w;
	PEVENT sync, note;
	int i, woken;

	w = kunit_kcalloc(test, 4, sizeof(*w), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, w);
	KUNIT_ASSERT_EQ(test, VideoPortCreateEvent(ctx->dev.ext, 0, NULL, &sync), NO_ERROR);
	KUNIT_ASSERT_EQ(test, VideoPortCreateEvent(ctx->dev.ext, NOTIFICATION_EVENT, NULL, &note),
			NO_ERROR);
	for (i = 0; i < 4; i++) {
		w[i] = (struct waiter){ .ext = ctx->dev.ext, .event = i < 2 ? sync : note,
					.status = -1 };
		init_completion(&w[i].done);
		KUNIT_ASSERT_FALSE(test, IS_ERR(kthread_run(waiter_thread, &w[i], "vpshim-w/%d",
							    i)));
	}
	msleep(50);
	for (i = 0; i < 4; i++)
		KUNIT_EXPECT_FALSE(test, completion_done(&w[i].done));

	/* One set of a synchronization event releases exactly one waiter. */
	VideoPortSetEvent(ctx->dev.ext, sync);
	msleep(50);
	woken = completion_done(&w[0].done) + completion_done(&w[1].done);
	KUNIT_EXPECT_EQ(test, woken, 1);
	KUNIT_EXPECT_EQ(test, VideoPortReadStateEvent(ctx->dev.ext, sync), 0);
	VideoPortSetEvent(ctx->dev.ext, sync);

	/* A notification event releases everyone. */
	VideoPortSetEvent(ctx->dev.ext, note);
	for (i = 0; i < 4; i++) {
		wait_for_completion(&w[i].done);
		KUNIT_EXPECT_EQ(test, w[i].status, (VP_STATUS)NO_ERROR);
	}
	KUNIT_EXPECT_EQ(test, VideoPortDeleteEvent(ctx->dev.ext, sync), NO_ERROR);
	KUNIT_EXPECT_EQ(test, VideoPortDeleteEvent(ctx->dev.ext, note), NO_ERROR);
}

static void event_rules_above_passive(struct kunit *test)
{
	struct sync_test_ctx *ctx = test->priv;
	LARGE_INTEGER zero = { .QuadPart = 0 }, ten_ms = { .QuadPart = -100000 };
	VP_STATUS poll, sleep;
	unsigned long flags;
	PEVENT event;
	LONG was;

	KUNIT_ASSERT_EQ(test, VideoPortCreateEvent(ctx->dev.ext, 0, NULL, &event), NO_ERROR);
	/* Setting from an interrupt handler's context is allowed. */
	local_irq_save(flags);
	was = VideoPortSetEvent(ctx->dev.ext, event);
	local_irq_restore(flags);
	KUNIT_EXPECT_EQ(test, was, 0);
	/* At DISPATCH_LEVEL only a zero-timeout wait is allowed. */
	local_bh_disable();
	poll = VideoPortWaitForSingleObject(ctx->dev.ext, event, &zero);
	sleep = VideoPortWaitForSingleObject(ctx->dev.ext, event, &ten_ms);
	local_bh_enable();
	KUNIT_EXPECT_EQ(test, poll, (VP_STATUS)NO_ERROR);
	KUNIT_EXPECT_EQ(test, sleep, (VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, VideoPortDeleteEvent(ctx->dev.ext, event), NO_ERROR);
}

static void bad_events_refused(struct kunit *test)
{
	struct sync_test_ctx *ctx = test->priv;
	LARGE_INTEGER zero = { .QuadPart = 0 };
	PSPIN_LOCK lock;
	PEVENT deleted;
	void *foreign;

	foreign = kunit_kzalloc(test, 64, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, foreign);
	KUNIT_EXPECT_EQ(test, VideoPortCreateEvent(ctx->dev.ext, 0, NULL, NULL),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_ASSERT_EQ(test, VideoPortCreateEvent(ctx->dev.ext, 0, NULL, &deleted), NO_ERROR);
	KUNIT_ASSERT_EQ(test, VideoPortDeleteEvent(ctx->dev.ext, deleted), NO_ERROR);
	KUNIT_ASSERT_EQ(test, VideoPortCreateSpinLock(ctx->dev.ext, &lock), NO_ERROR);

	KUNIT_EXPECT_EQ(test, VideoPortSetEvent(ctx->dev.ext, foreign), 0);
	KUNIT_EXPECT_EQ(test, VideoPortSetEvent(ctx->dev.ext, deleted), 0);
	KUNIT_EXPECT_EQ(test, VideoPortReadStateEvent(ctx->dev.ext, NULL), 0);
	VideoPortClearEvent(ctx->dev.ext, foreign);
	KUNIT_EXPECT_EQ(test, VideoPortWaitForSingleObject(ctx->dev.ext, foreign, &zero),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, VideoPortWaitForSingleObject(ctx->dev.ext, lock, NULL),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, VideoPortWaitForSingleObject(foreign, deleted, NULL),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, VideoPortDeleteEvent(ctx->dev.ext, deleted),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, VideoPortDeleteSpinLock(ctx->dev.ext, lock), NO_ERROR);
}

static void unbind_frees_and_counts_objects(struct kunit *test)
{
	struct sync_test_ctx *ctx = test->priv;
	PSPIN_LOCK lock;
	PEVENT event;

	KUNIT_ASSERT_EQ(test, VideoPortCreateSpinLock(ctx->dev.ext, &lock), NO_ERROR);
	KUNIT_ASSERT_EQ(test, VideoPortCreateEvent(ctx->dev.ext, 0, NULL, &event), NO_ERROR);
	KUNIT_EXPECT_EQ(test, vpshim_device_detach(ctx->dev.ext), 2U);
	ctx->dev.ext = NULL;
}

/*
 * Windows allows deleting locks and events at DISPATCH_LEVEL (a DPC's
 * teardown does); found refused by samples/compat/exports.
 */
static void delete_at_dispatch_level(struct kunit *test)
{
	struct sync_test_ctx *ctx = test->priv;
	VP_STATUS lock_status, event_status, held_status, again, irq_status;
	PSPIN_LOCK lock, held, other;
	unsigned long flags;
	PEVENT event;
	UCHAR old;

	KUNIT_ASSERT_EQ(test, VideoPortCreateSpinLock(ctx->dev.ext, &lock), NO_ERROR);
	KUNIT_ASSERT_EQ(test, VideoPortCreateSpinLock(ctx->dev.ext, &held), NO_ERROR);
	KUNIT_ASSERT_EQ(test, VideoPortCreateSpinLock(ctx->dev.ext, &other), NO_ERROR);
	KUNIT_ASSERT_EQ(test, VideoPortCreateEvent(ctx->dev.ext, 0, NULL, &event), NO_ERROR);
	local_bh_disable();
	lock_status = VideoPortDeleteSpinLock(ctx->dev.ext, lock);
	event_status = VideoPortDeleteEvent(ctx->dev.ext, event);
	VideoPortAcquireSpinLockAtDpcLevel(ctx->dev.ext, held);
	held_status = VideoPortDeleteSpinLock(ctx->dev.ext, held);
	VideoPortReleaseSpinLockFromDpcLevel(ctx->dev.ext, held);
	/* Deleted is deleted, whether freed yet or not. */
	again = VideoPortDeleteSpinLock(ctx->dev.ext, lock);
	local_bh_enable();
	KUNIT_EXPECT_EQ(test, lock_status, (VP_STATUS)NO_ERROR);
	KUNIT_EXPECT_EQ(test, event_status, (VP_STATUS)NO_ERROR);
	KUNIT_EXPECT_EQ(test, held_status, (VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, again, (VP_STATUS)ERROR_INVALID_PARAMETER);
	old = 0x7f;
	VideoPortAcquireSpinLock(ctx->dev.ext, lock, &old);
	KUNIT_EXPECT_EQ(test, old, (UCHAR)0x7f);
	/* Above DISPATCH_LEVEL it is refused. */
	local_irq_save(flags);
	irq_status = VideoPortDeleteSpinLock(ctx->dev.ext, other);
	local_irq_restore(flags);
	KUNIT_EXPECT_EQ(test, irq_status, (VP_STATUS)ERROR_INVALID_PARAMETER);
	/* A deletion at PASSIVE_LEVEL frees the one left behind. */
	KUNIT_EXPECT_EQ(test, VideoPortDeleteSpinLock(ctx->dev.ext, other), NO_ERROR);
	/* Only the held lock is still there: one object, not a leaked two. */
	KUNIT_EXPECT_EQ(test, vpshim_device_detach(ctx->dev.ext), 1U);
	ctx->dev.ext = NULL;
}

/* ---- interlocked ---- */

static LONG interlocked_counter;

static int interlocked_worker(void *data)
{
	struct completion *done = data;
	int i;

	for (i = 0; i < 10000; i++) {
		VideoPortInterlockedIncrement(&interlocked_counter);
		VideoPortInterlockedIncrement(&interlocked_counter);
		VideoPortInterlockedDecrement(&interlocked_counter);
		if (!(i % 500))
			cond_resched();
	}
	complete(done);
	return 0;
}

static void interlocked_operations(struct kunit *test)
{
	struct completion *done;
	LONG v = 5;
	int i;

	KUNIT_EXPECT_EQ(test, VideoPortInterlockedIncrement(&v), 6);
	KUNIT_EXPECT_EQ(test, VideoPortInterlockedDecrement(&v), 5);
	KUNIT_EXPECT_EQ(test, VideoPortInterlockedExchange(&v, -7), 5);
	KUNIT_EXPECT_EQ(test, v, -7);
	v = 0x7fffffff;
	KUNIT_EXPECT_EQ(test, VideoPortInterlockedIncrement(&v), (LONG)0x80000000);

	done = kunit_kcalloc(test, 3, sizeof(*done), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, done);
	interlocked_counter = 0;
	for (i = 0; i < 3; i++) {
		init_completion(&done[i]);
		KUNIT_ASSERT_FALSE(test, IS_ERR(kthread_run(interlocked_worker, &done[i],
							    "vpshim-il/%d", i)));
	}
	for (i = 0; i < 3; i++)
		wait_for_completion(&done[i]);
	KUNIT_EXPECT_EQ(test, interlocked_counter, 30000);
}

static struct kunit_case vpshim_sync_cases[] = {
	KUNIT_CASE(irql_follows_context),
	KUNIT_CASE(spin_lock_raises_and_restores_irql),
	KUNIT_CASE(spin_lock_shared_with_dpc_context),
	KUNIT_CASE(spin_lock_excludes_other_threads),
	KUNIT_CASE(bad_spin_locks_refused),
	KUNIT_CASE(event_states),
	KUNIT_CASE(wait_timeouts_in_windows_units),
	KUNIT_CASE(request_waits_end_with_its_time),
	KUNIT_CASE(set_wakes_one_or_all),
	KUNIT_CASE(event_rules_above_passive),
	KUNIT_CASE(bad_events_refused),
	KUNIT_CASE(unbind_frees_and_counts_objects),
	KUNIT_CASE(delete_at_dispatch_level),
	KUNIT_CASE(interlocked_operations),
	{}
};

static struct kunit_suite vpshim_sync_suite = {
	.name = "vpshim_sync",
	.init = sync_test_init,
	.exit = sync_test_exit,
	.test_cases = vpshim_sync_cases,
};

kunit_test_suite(vpshim_sync_suite);
