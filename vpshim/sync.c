// SPDX-License-Identifier: GPL-2.0
/*
 * sync.c - IRQL, spin locks, events and the Interlocked functions.
 *
 * IRQL maps onto Linux contexts: PASSIVE_LEVEL is a task that may sleep,
 * DISPATCH_LEVEL is softirq context or bottom halves disabled (where DPCs
 * run; spin_lock_bh() raises to it), DIRQL is hard interrupt context or
 * interrupts disabled.
 *
 * Spin locks and events are objects the miniport holds by pointer. Each is
 * tracked in its device's object table, keyed by address, so a NULL,
 * foreign, deleted or wrong-kind pointer is refused without a dereference,
 * and objects left at unbind are freed and reported. Every spin lock gets a
 * lockdep class of its own: a miniport may nest two of its locks, which one
 * shared class would report as recursion.
 */

#include <linux/lockdep.h>
#include <linux/rhashtable.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <linux/wait.h>

#include "vpshim.h"
#include "parts.h"
#include "requests.h"

/* Windows counts time in 100 ns units; 1601-01-01 to 1970-01-01 in those. */
#define VPSHIM_100NS_PER_SEC		10000000LL
#define VPSHIM_EPOCH_1601_TO_1970	116444736000000000LL

enum vpshim_object_kind {
	VPSHIM_SPIN_LOCK,
	VPSHIM_EVENT,
	/*
	 * A spin lock deleted at DISPATCH_LEVEL: no longer live, freed at the
	 * next deletion at PASSIVE_LEVEL or at unbind (its lockdep key can only
	 * be unregistered where the caller may sleep).
	 */
	VPSHIM_DEAD_SPIN_LOCK,
};

/* The part every tracked object shares. */
struct vpshim_object {
	struct rhash_head hnode;
	void *key;			/* the object's own address */
	enum vpshim_object_kind kind;
};

struct _VIDEO_PORT_SPIN_LOCK {
	struct vpshim_object obj;
	spinlock_t lock;		/* the miniport's lock itself */
	struct lock_class_key lock_key;
	bool bh;			/* this acquisition disabled bottom halves */
	bool held;			/* taken through VideoPort (under lock) */
};

struct _VIDEO_PORT_EVENT {
	struct vpshim_object obj;
	struct rcu_head rcu;		/* freed after lookups in flight */
	spinlock_t lock;		/* protects signaled */
	wait_queue_head_t wq;
	bool signaled;
	bool notification;		/* stays signaled; else one waiter resets it */
};

static const struct rhashtable_params vpshim_object_params = {
	.key_len = sizeof(void *),
	.key_offset = offsetof(struct vpshim_object, key),
	.head_offset = offsetof(struct vpshim_object, hnode),
	.automatic_shrinking = true,
};

/* The sync area's state in each device. */
struct vpshim_sync {
	struct mutex device_lock;	/* HwStartIO, VideoPortAcquireDeviceLock */
	struct task_struct *device_lock_owner;
	bool device_lock_by_port;	/* held around a call into the miniport */
	struct rhashtable objects;	/* spin locks and events, keyed by address */
	spinlock_t objects_lock;	/* makes a delete's check-and-remove atomic */
};

static struct vpshim_sync *sync_of(struct vpshim_device *vdev)
{
	return vpshim_part_state(vdev, &vpshim_sync_part);
}

/* The live object of @kind at @ptr on @vdev, or NULL (reported). */
static void *vpshim_object_get(struct vpshim_device *vdev, void *ptr,
			       enum vpshim_object_kind kind, const char *func,
			       unsigned long caller)
{
	struct vpshim_object *obj;

	rcu_read_lock();
	obj = rhashtable_lookup(&sync_of(vdev)->objects, &ptr, vpshim_object_params);
	rcu_read_unlock();
	if (likely(obj && obj->kind == kind))
		return obj;
	vpshim_misuse(vdev, func, caller, "%p is not a live %s of this device", ptr,
		      kind == VPSHIM_SPIN_LOCK ? "spin lock" : "event");
	return NULL;
}

static int vpshim_object_add(struct vpshim_device *vdev, struct vpshim_object *obj,
			     enum vpshim_object_kind kind)
{
	obj->key = obj;
	obj->kind = kind;
	return rhashtable_insert_fast(&sync_of(vdev)->objects, &obj->hnode, vpshim_object_params);
}

/* Untrack @ptr if it is a live object of @kind; false if it was not. */
static bool vpshim_object_remove(struct vpshim_device *vdev, void *ptr,
				 enum vpshim_object_kind kind)
{
	struct vpshim_sync *sy = sync_of(vdev);
	struct vpshim_object *obj;
	bool removed = false;

	/* Bottom halves off: a DPC may delete too; rhashtable needs IRQs on. */
	spin_lock_bh(&sy->objects_lock);
	obj = rhashtable_lookup_fast(&sy->objects, &ptr, vpshim_object_params);
	if (obj && obj->kind == kind)
		removed = !rhashtable_remove_fast(&sy->objects, &obj->hnode,
						  vpshim_object_params);
	spin_unlock_bh(&sy->objects_lock);
	return removed;
}

/* Mark the live spin lock @ptr dead (see VPSHIM_DEAD_SPIN_LOCK); false if not live. */
static bool vpshim_object_bury(struct vpshim_device *vdev, void *ptr)
{
	struct vpshim_sync *sy = sync_of(vdev);
	struct vpshim_object *obj;
	bool buried = false;

	spin_lock_bh(&sy->objects_lock);
	obj = rhashtable_lookup_fast(&sy->objects, &ptr, vpshim_object_params);
	if (obj && obj->kind == VPSHIM_SPIN_LOCK) {
		WRITE_ONCE(obj->kind, VPSHIM_DEAD_SPIN_LOCK);
		buried = true;
	}
	spin_unlock_bh(&sy->objects_lock);
	return buried;
}

/**
 * VideoPortGetCurrentIrql() - the IRQL the caller runs at
 *
 * Context: any. Windows: KeGetCurrentIrql. Linux: derived from the context.
 * Return: PASSIVE_LEVEL in a task that may sleep, DISPATCH_LEVEL in softirq
 * context or with bottom halves or (where counted) preemption disabled,
 * VPSHIM_DIRQL (a device IRQL) in hard interrupt context or with interrupts
 * disabled.
 */
UCHAR VideoPortGetCurrentIrql(void)
{
	if (vpshim_above_dispatch())
		return VPSHIM_DIRQL;
	return vpshim_in_atomic() ? DISPATCH_LEVEL : PASSIVE_LEVEL;
}
EXPORT_SYMBOL_VPSHIM(VideoPortGetCurrentIrql);

/**
 * VideoPortCreateSpinLock() - create a spin lock
 * @HwDeviceExtension: the miniport's device extension
 * @SpinLock: receives the lock
 *
 * Windows: allocates a KSPIN_LOCK. Linux: a spinlock_t with a lockdep class
 * of its own, tracked per device.
 *
 * Return: NO_ERROR; ERROR_INVALID_PARAMETER for an invalid extension or a
 * NULL @SpinLock, or a call above PASSIVE_LEVEL; ERROR_NOT_ENOUGH_MEMORY.
 */
VP_STATUS VideoPortCreateSpinLock(PVOID HwDeviceExtension, PSPIN_LOCK *SpinLock)
{
	struct vpshim_device *vdev;
	PSPIN_LOCK lock;

	vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);
	if (!vdev || !SpinLock || !vpshim_check_passive(vdev, __func__, _RET_IP_))
		return ERROR_INVALID_PARAMETER;
	lock = kzalloc(sizeof(*lock), GFP_KERNEL);
	if (!lock)
		return ERROR_NOT_ENOUGH_MEMORY;
	lockdep_register_key(&lock->lock_key);
	spin_lock_init(&lock->lock);
	lockdep_set_class(&lock->lock, &lock->lock_key);
	if (vpshim_object_add(vdev, &lock->obj, VPSHIM_SPIN_LOCK)) {
		lockdep_unregister_key(&lock->lock_key);
		kfree(lock);
		return ERROR_NOT_ENOUGH_MEMORY;
	}
	*SpinLock = lock;
	return NO_ERROR;
}
EXPORT_SYMBOL_VPSHIM(VideoPortCreateSpinLock);

static void vpshim_spin_lock_free(PSPIN_LOCK lock)
{
	lockdep_unregister_key(&lock->lock_key);
	kfree(lock);
}

/* Free the spin locks deleted at DISPATCH_LEVEL; the caller may sleep. */
static void vpshim_spin_lock_reap(struct vpshim_device *vdev)
{
	struct _VIDEO_PORT_SPIN_LOCK *dead;
	struct rhashtable_iter iter;
	struct vpshim_object *obj;

	for (;;) {
		dead = NULL;
		rhashtable_walk_enter(&sync_of(vdev)->objects, &iter);
		rhashtable_walk_start(&iter);
		while ((obj = rhashtable_walk_next(&iter))) {
			if (!IS_ERR(obj) && READ_ONCE(obj->kind) == VPSHIM_DEAD_SPIN_LOCK) {
				dead = container_of(obj, struct _VIDEO_PORT_SPIN_LOCK, obj);
				break;
			}
		}
		rhashtable_walk_stop(&iter);
		rhashtable_walk_exit(&iter);
		if (!dead || !vpshim_object_remove(vdev, dead, VPSHIM_DEAD_SPIN_LOCK))
			return;
		synchronize_rcu();
		vpshim_spin_lock_free(dead);
	}
}

/**
 * VideoPortDeleteSpinLock() - delete a spin lock
 * @HwDeviceExtension: the miniport's device extension
 * @SpinLock: a lock from VideoPortCreateSpinLock()
 *
 * Windows: frees the lock, at IRQL <= DISPATCH_LEVEL. Linux: untracks it
 * (it must not be held); at PASSIVE_LEVEL it is freed at once, at
 * DISPATCH_LEVEL at the next deletion at PASSIVE_LEVEL or at unbind (its
 * lockdep class can only be dropped where the caller may sleep).
 *
 * Return: NO_ERROR; ERROR_INVALID_PARAMETER for an invalid extension, an
 * unknown, held or already deleted lock, or a call above DISPATCH_LEVEL.
 */
VP_STATUS VideoPortDeleteSpinLock(PVOID HwDeviceExtension, PSPIN_LOCK SpinLock)
{
	struct vpshim_device *vdev;

	vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);
	if (!vdev)
		return ERROR_INVALID_PARAMETER;
	if (vpshim_above_dispatch()) {
		vpshim_misuse(vdev, __func__, _RET_IP_, "called above DISPATCH_LEVEL; refused");
		return ERROR_INVALID_PARAMETER;
	}
	if (!vpshim_object_get(vdev, SpinLock, VPSHIM_SPIN_LOCK, __func__, _RET_IP_))
		return ERROR_INVALID_PARAMETER;
	/*
	 * Held by anyone (not a lockdep question). Our own flag, not a
	 * trylock: on a uniprocessor debug kernel a failed trylock is itself
	 * reported as a bug, and without SMP nothing else records a holder.
	 */
	if (READ_ONCE(SpinLock->held)) {
		vpshim_misuse(vdev, __func__, _RET_IP_, "spin lock %p is held; not deleted",
			      SpinLock);
		return ERROR_INVALID_PARAMETER;
	}
	if (vpshim_in_atomic()) {
		if (!vpshim_object_bury(vdev, SpinLock)) {
			vpshim_misuse(vdev, __func__, _RET_IP_, "%p is not a live spin lock",
				      SpinLock);
			return ERROR_INVALID_PARAMETER;
		}
		return NO_ERROR;
	}
	if (!vpshim_object_remove(vdev, SpinLock, VPSHIM_SPIN_LOCK)) {
		vpshim_misuse(vdev, __func__, _RET_IP_, "%p is not a live spin lock", SpinLock);
		return ERROR_INVALID_PARAMETER;
	}
	/* Lookups in flight on other CPUs may still hold the pointer. */
	synchronize_rcu();
	vpshim_spin_lock_free(SpinLock);
	vpshim_spin_lock_reap(vdev);
	return NO_ERROR;
}
EXPORT_SYMBOL_VPSHIM(VideoPortDeleteSpinLock);

/* Take @lock raising to DISPATCH_LEVEL unless already there or above. */
static void vpshim_spin_acquire(struct vpshim_device *vdev, PSPIN_LOCK lock,
				const char *func, unsigned long caller)
	__acquires(&lock->lock)
{
	bool bh = !vpshim_above_dispatch() && !in_softirq();

	if (!bh && vpshim_above_dispatch())
		vpshim_misuse(vdev, func, caller, "called above DISPATCH_LEVEL");
	if (bh)
		spin_lock_bh(&lock->lock);
	else
		spin_lock(&lock->lock);
	lock->bh = bh;
	WRITE_ONCE(lock->held, true);
}

static void vpshim_spin_release(PSPIN_LOCK lock)
	__releases(&lock->lock)
{
	WRITE_ONCE(lock->held, false);
	if (lock->bh)
		spin_unlock_bh(&lock->lock);
	else
		spin_unlock(&lock->lock);
}

/* The acquire calls: check extension and lock, take it, report the IRQL. */
static void vpshim_spin_lock_call(PVOID ext, PSPIN_LOCK lock, PUCHAR old_irql,
				  const char *func, unsigned long caller)
	__acquires(&lock->lock)
{
	UCHAR irql = VideoPortGetCurrentIrql();
	struct vpshim_device *vdev;

	vdev = vpshim_device_get(ext, func, caller);
	if (!vdev || !vpshim_object_get(vdev, lock, VPSHIM_SPIN_LOCK, func, caller)) {
		/* Refused: nothing is taken, though the miniport thinks so. */
		__acquire(&lock->lock);
		return;
	}
	vpshim_spin_acquire(vdev, lock, func, caller);
	if (old_irql)
		*old_irql = irql;
}

/* The release calls: check extension and lock, then undo the acquire. */
static void vpshim_spin_unlock_call(PVOID ext, PSPIN_LOCK lock, const char *func,
				    unsigned long caller)
	__releases(&lock->lock)
{
	struct vpshim_device *vdev;

	vdev = vpshim_device_get(ext, func, caller);
	if (!vdev || !vpshim_object_get(vdev, lock, VPSHIM_SPIN_LOCK, func, caller)) {
		__release(&lock->lock);		/* refused: nothing was held */
		return;
	}
	vpshim_spin_release(lock);
}

/**
 * VideoPortAcquireSpinLock() - raise to DISPATCH_LEVEL and take a spin lock
 * @HwDeviceExtension: the miniport's device extension
 * @SpinLock: a lock from VideoPortCreateSpinLock()
 * @OldIrql: receives the IRQL before the call
 *
 * Windows: KeAcquireSpinLock. Linux: spin_lock_bh(), which keeps DPCs
 * (softirqs) off this CPU as DISPATCH_LEVEL does; spin_lock() when already
 * at DISPATCH_LEVEL. An invalid lock is refused with a message.
 */
void VideoPortAcquireSpinLock(PVOID HwDeviceExtension, PSPIN_LOCK SpinLock, PUCHAR OldIrql)
	__acquires(&SpinLock->lock)
{
	vpshim_spin_lock_call(HwDeviceExtension, SpinLock, OldIrql, __func__, _RET_IP_);
}
EXPORT_SYMBOL_VPSHIM(VideoPortAcquireSpinLock);

/**
 * VideoPortAcquireSpinLockAtDpcLevel() - take a spin lock at DISPATCH_LEVEL
 * @HwDeviceExtension: the miniport's device extension
 * @SpinLock: a lock from VideoPortCreateSpinLock()
 *
 * Windows: KeAcquireSpinLockAtDpcLevel. Linux: spin_lock(); from a task at
 * PASSIVE_LEVEL (a miniport bug on Windows) bottom halves are disabled too,
 * so the lock is never taken with DPCs able to interrupt its holder.
 */
void VideoPortAcquireSpinLockAtDpcLevel(PVOID HwDeviceExtension, PSPIN_LOCK SpinLock)
	__acquires(&SpinLock->lock)
{
	vpshim_spin_lock_call(HwDeviceExtension, SpinLock, NULL, __func__, _RET_IP_);
}
EXPORT_SYMBOL_VPSHIM(VideoPortAcquireSpinLockAtDpcLevel);

/**
 * VideoPortReleaseSpinLock() - release a lock and return to the old IRQL
 * @HwDeviceExtension: the miniport's device extension
 * @SpinLock: the lock, held
 * @NewIrql: the IRQL VideoPortAcquireSpinLock() saved
 *
 * Windows: KeReleaseSpinLock. Linux: the unlock matching how the lock was
 * taken (spin_unlock_bh() or spin_unlock()), which restores the context.
 */
void VideoPortReleaseSpinLock(PVOID HwDeviceExtension, PSPIN_LOCK SpinLock, UCHAR NewIrql)
	__releases(&SpinLock->lock)
{
	vpshim_spin_unlock_call(HwDeviceExtension, SpinLock, __func__, _RET_IP_);
}
EXPORT_SYMBOL_VPSHIM(VideoPortReleaseSpinLock);

/**
 * VideoPortReleaseSpinLockFromDpcLevel() - release a lock taken at DPC level
 * @HwDeviceExtension: the miniport's device extension
 * @SpinLock: the lock, held
 *
 * Windows: KeReleaseSpinLockFromDpcLevel. Linux: as VideoPortReleaseSpinLock().
 */
void VideoPortReleaseSpinLockFromDpcLevel(PVOID HwDeviceExtension, PSPIN_LOCK SpinLock)
	__releases(&SpinLock->lock)
{
	vpshim_spin_unlock_call(HwDeviceExtension, SpinLock, __func__, _RET_IP_);
}
EXPORT_SYMBOL_VPSHIM(VideoPortReleaseSpinLockFromDpcLevel);

/* The live event @event of the device behind @ext, or NULL (reported). */
static PEVENT vpshim_event_get(PVOID ext, PVOID event, const char *func, unsigned long caller)
{
	struct vpshim_device *vdev = vpshim_device_get(ext, func, caller);

	return vdev ? vpshim_object_get(vdev, event, VPSHIM_EVENT, func, caller) : NULL;
}

/**
 * VideoPortCreateEvent() - create an event object
 * @HwDeviceExtension: the miniport's device extension
 * @EventFlag: NOTIFICATION_EVENT and/or INITIAL_EVENT_SIGNALED
 * @Unused: ignored
 * @ppEvent: receives the event
 *
 * Windows: KeInitializeEvent on new memory. Linux: a flag, a spinlock and a
 * wait queue, tracked per device.
 *
 * Return: NO_ERROR; ERROR_INVALID_PARAMETER for an invalid extension, a
 * NULL @ppEvent, or a call above PASSIVE_LEVEL; ERROR_NOT_ENOUGH_MEMORY.
 */
VP_STATUS VideoPortCreateEvent(PVOID HwDeviceExtension, ULONG EventFlag, PVOID Unused,
			       PEVENT *ppEvent)
{
	struct vpshim_device *vdev;
	PEVENT event;

	vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);
	if (!vdev || !ppEvent || !vpshim_check_passive(vdev, __func__, _RET_IP_))
		return ERROR_INVALID_PARAMETER;
	event = kzalloc(sizeof(*event), GFP_KERNEL);
	if (!event)
		return ERROR_NOT_ENOUGH_MEMORY;
	spin_lock_init(&event->lock);
	init_waitqueue_head(&event->wq);
	event->notification = EventFlag & NOTIFICATION_EVENT;
	event->signaled = EventFlag & INITIAL_EVENT_SIGNALED;
	if (vpshim_object_add(vdev, &event->obj, VPSHIM_EVENT)) {
		kfree(event);
		return ERROR_NOT_ENOUGH_MEMORY;
	}
	*ppEvent = event;
	return NO_ERROR;
}
EXPORT_SYMBOL_VPSHIM(VideoPortCreateEvent);

/**
 * VideoPortDeleteEvent() - delete an event object
 * @HwDeviceExtension: the miniport's device extension
 * @pEvent: an event from VideoPortCreateEvent()
 *
 * Windows: frees the event, at IRQL <= DISPATCH_LEVEL. Linux: untracks it
 * and frees it after an RCU grace period (lookups in flight may hold it);
 * nobody may be waiting on it.
 *
 * Return: NO_ERROR; ERROR_INVALID_PARAMETER for an invalid extension, an
 * unknown or already deleted event, or a call above DISPATCH_LEVEL.
 */
VP_STATUS VideoPortDeleteEvent(PVOID HwDeviceExtension, PEVENT pEvent)
{
	struct vpshim_device *vdev;

	vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);
	if (!vdev)
		return ERROR_INVALID_PARAMETER;
	if (vpshim_above_dispatch()) {
		vpshim_misuse(vdev, __func__, _RET_IP_, "called above DISPATCH_LEVEL; refused");
		return ERROR_INVALID_PARAMETER;
	}
	if (!vpshim_object_remove(vdev, pEvent, VPSHIM_EVENT)) {
		vpshim_misuse(vdev, __func__, _RET_IP_, "%p is not a live event", pEvent);
		return ERROR_INVALID_PARAMETER;
	}
	kfree_rcu(pEvent, rcu);
	return NO_ERROR;
}
EXPORT_SYMBOL_VPSHIM(VideoPortDeleteEvent);

/**
 * VideoPortSetEvent() - signal an event
 * @HwDeviceExtension: the miniport's device extension
 * @pEvent: the event
 *
 * Windows: KeSetEvent. Linux: sets the flag and wakes the waiters (all of
 * them for a notification event; for a synchronization event the first
 * waiter to run takes the signal and resets it). Any IRQL.
 *
 * Return: nonzero if the event was already signaled, 0 if not (and for an
 * invalid event, refused with a message).
 */
LONG VideoPortSetEvent(PVOID HwDeviceExtension, PEVENT pEvent)
{
	unsigned long flags;
	bool was;

	if (!vpshim_event_get(HwDeviceExtension, pEvent, __func__, _RET_IP_))
		return 0;
	spin_lock_irqsave(&pEvent->lock, flags);
	was = pEvent->signaled;
	pEvent->signaled = true;
	spin_unlock_irqrestore(&pEvent->lock, flags);
	if (pEvent->notification)
		wake_up_all(&pEvent->wq);
	else
		wake_up(&pEvent->wq);
	return was;
}
EXPORT_SYMBOL_VPSHIM(VideoPortSetEvent);

/**
 * VideoPortClearEvent() - reset an event to not signaled
 * @HwDeviceExtension: the miniport's device extension
 * @pEvent: the event
 *
 * Windows: KeClearEvent. Linux: clears the flag. Any IRQL.
 */
void VideoPortClearEvent(PVOID HwDeviceExtension, PEVENT pEvent)
{
	if (vpshim_event_get(HwDeviceExtension, pEvent, __func__, _RET_IP_))
		WRITE_ONCE(pEvent->signaled, false);
}
EXPORT_SYMBOL_VPSHIM(VideoPortClearEvent);

/**
 * VideoPortReadStateEvent() - whether an event is signaled
 * @HwDeviceExtension: the miniport's device extension
 * @pEvent: the event
 *
 * Windows: KeReadStateEvent. Linux: reads the flag. Any IRQL.
 *
 * Return: nonzero when signaled, 0 when not (or the event is invalid).
 */
LONG VideoPortReadStateEvent(PVOID HwDeviceExtension, PEVENT pEvent)
{
	if (!vpshim_event_get(HwDeviceExtension, pEvent, __func__, _RET_IP_))
		return 0;
	return READ_ONCE(pEvent->signaled);
}
EXPORT_SYMBOL_VPSHIM(VideoPortReadStateEvent);

/* Take the signal if there is one; a synchronization event resets. */
static bool vpshim_event_consume(PEVENT event)
{
	unsigned long flags;
	bool got;

	spin_lock_irqsave(&event->lock, flags);
	got = event->signaled;
	if (got && !event->notification)
		event->signaled = false;
	spin_unlock_irqrestore(&event->lock, flags);
	return got;
}

/*
 * Jiffies to wait for a Windows timeout: negative is relative, in 100 ns
 * units; positive is an absolute system time (100 ns since 1601).
 */
static long vpshim_timeout_jiffies(LONGLONG timeout)
{
	s64 ns;

	if (timeout < 0) {
		ns = timeout < -(S64_MAX / 100) ? S64_MAX : -timeout * 100;
	} else {
		s64 now = ktime_get_real_ns() / 100 + VPSHIM_EPOCH_1601_TO_1970;
		s64 left = timeout > now ? timeout - now : 0;

		ns = left > S64_MAX / 100 ? S64_MAX : left * 100;
	}
	return min_t(u64, nsecs_to_jiffies(ns) + !!ns, MAX_SCHEDULE_TIMEOUT - 1);
}

/* A wait of the request thread ends when the request's time is up. */
static long vpshim_wait_budget(struct vpshim_device *vdev, long timeout)
{
	long left;

	if (READ_ONCE(vpshim_requests_of(vdev)->task) != current)
		return timeout;
	left = (long)(READ_ONCE(vpshim_requests_of(vdev)->deadline) - jiffies);
	return clamp(left, 0L, timeout);
}

/**
 * VideoPortWaitForSingleObject() - wait for an event to be signaled
 * @HwDeviceExtension: the miniport's device extension
 * @Object: an event from VideoPortCreateEvent()
 * @Timeout: NULL to wait forever; else 0 to poll, negative for a relative
 *           wait in 100 ns units, positive for an absolute system time
 *
 * Windows: KeWaitForSingleObject (kernel mode, not alertable). Linux:
 * wait_event_killable_timeout() on the event's queue. Only a zero timeout
 * may be used above PASSIVE_LEVEL. Where Windows would end the wait of a
 * dying thread, so does vpshim: the wait ends early, as a timeout, when the
 * waiting task gets a fatal signal, the device starts to unbind, or the
 * request the thread is running has used its time (request_timeout_ms).
 *
 * Return: NO_ERROR when the event was signaled; WAIT_TIMEOUT when the time
 * ran out (at once for a zero timeout on an unsignaled event) or the wait
 * was ended early; ERROR_INVALID_PARAMETER for an invalid extension or
 * event, or a wait that would sleep above PASSIVE_LEVEL.
 */
VP_STATUS VideoPortWaitForSingleObject(PVOID HwDeviceExtension, PVOID Object,
				       PLARGE_INTEGER Timeout)
{
	struct vpshim_device *vdev;
	bool got = false;
	PEVENT event;
	long timeout;

	vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);
	if (!vdev)
		return ERROR_INVALID_PARAMETER;
	event = vpshim_object_get(vdev, Object, VPSHIM_EVENT, __func__, _RET_IP_);
	if (!event)
		return ERROR_INVALID_PARAMETER;
	if (vpshim_event_consume(event))
		return NO_ERROR;
	if (Timeout && Timeout->QuadPart == 0)
		return WAIT_TIMEOUT;
	if (!vpshim_check_passive(vdev, __func__, _RET_IP_))
		return ERROR_INVALID_PARAMETER;
	timeout = Timeout ? vpshim_timeout_jiffies(Timeout->QuadPart) : MAX_SCHEDULE_TIMEOUT;
	timeout = vpshim_wait_budget(vdev, timeout);
	if (timeout && !vpshim_wait_aborted(vdev))
		wait_event_killable_timeout(event->wq,
					    (got = vpshim_event_consume(event)) ||
					    READ_ONCE(vdev->dying), timeout);
	return got ? NO_ERROR : WAIT_TIMEOUT;
}
EXPORT_SYMBOL_VPSHIM(VideoPortWaitForSingleObject);

/**
 * VideoPortInterlockedIncrement() - atomically add one
 * @Addend: the variable
 *
 * Windows: InterlockedIncrement. Linux: atomic_inc_return().
 *
 * Return: the new value.
 */
LONG VideoPortInterlockedIncrement(PLONG Addend)
{
	return atomic_inc_return((atomic_t *)Addend);
}
EXPORT_SYMBOL_VPSHIM(VideoPortInterlockedIncrement);

/**
 * VideoPortInterlockedDecrement() - atomically subtract one
 * @Addend: the variable
 *
 * Windows: InterlockedDecrement. Linux: atomic_dec_return().
 *
 * Return: the new value.
 */
LONG VideoPortInterlockedDecrement(PLONG Addend)
{
	return atomic_dec_return((atomic_t *)Addend);
}
EXPORT_SYMBOL_VPSHIM(VideoPortInterlockedDecrement);

/**
 * VideoPortInterlockedExchange() - atomically replace a value
 * @Target: the variable
 * @Value: its new value
 *
 * Windows: InterlockedExchange. Linux: atomic_xchg().
 *
 * Return: the old value.
 */
LONG VideoPortInterlockedExchange(PLONG Target, LONG Value)
{
	return atomic_xchg((atomic_t *)Target, Value);
}
EXPORT_SYMBOL_VPSHIM(VideoPortInterlockedExchange);

/**
 * vpshim_device_lock() - take the device lock around a call into the miniport
 * @vdev: the device
 *
 * The port holds it while HwStartIO runs, as Windows' video port does, so
 * that routines the miniport exposes to other drivers (HwQueryInterface)
 * can exclude requests with VideoPortAcquireDeviceLock().
 */
void vpshim_device_lock(struct vpshim_device *vdev)
{
	struct vpshim_sync *sy = sync_of(vdev);

	mutex_lock(&sy->device_lock);
	WRITE_ONCE(sy->device_lock_owner, current);
	sy->device_lock_by_port = true;
}

/**
 * vpshim_device_unlock() - undo vpshim_device_lock()
 * @vdev: the device
 */
void vpshim_device_unlock(struct vpshim_device *vdev)
{
	struct vpshim_sync *sy = sync_of(vdev);

	WRITE_ONCE(sy->device_lock_owner, NULL);
	sy->device_lock_by_port = false;
	mutex_unlock(&sy->device_lock);
}

/**
 * VideoPortAcquireDeviceLock() - take the video port's device lock
 * @HwDeviceExtension: the miniport's device extension
 *
 * Windows: the lock the port holds around its calls into the miniport, for
 * routines the miniport exposes to child devices. Linux: a mutex vpshim
 * holds around HwStartIO. Taking it again on the thread that holds it (from
 * HwStartIO, say) would deadlock: it is refused with a message. Sleeps:
 * PASSIVE_LEVEL.
 */
void VideoPortAcquireDeviceLock(PVOID HwDeviceExtension)
{
	struct vpshim_device *vdev;

	vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);
	if (!vdev || !vpshim_check_passive(vdev, __func__, _RET_IP_))
		return;
	if (READ_ONCE(sync_of(vdev)->device_lock_owner) == current) {
		vpshim_misuse(vdev, __func__, _RET_IP_,
			      "this thread holds the device lock already (inside HwStartIO?); refused");
		return;
	}
	mutex_lock(&sync_of(vdev)->device_lock);
	WRITE_ONCE(sync_of(vdev)->device_lock_owner, current);
	sync_of(vdev)->device_lock_by_port = false;
}
EXPORT_SYMBOL_VPSHIM(VideoPortAcquireDeviceLock);

/**
 * VideoPortReleaseDeviceLock() - give back the video port's device lock
 * @HwDeviceExtension: the miniport's device extension
 *
 * Windows: releases the lock VideoPortAcquireDeviceLock() took. Linux: the
 * mutex, if this thread took it with VideoPortAcquireDeviceLock(); anything
 * else (the port's own hold, another thread's) is refused with a message.
 */
void VideoPortReleaseDeviceLock(PVOID HwDeviceExtension)
{
	struct vpshim_device *vdev;

	vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);
	if (!vdev)
		return;
	if (READ_ONCE(sync_of(vdev)->device_lock_owner) != current ||
	    sync_of(vdev)->device_lock_by_port) {
		vpshim_misuse(vdev, __func__, _RET_IP_,
			      "the device lock was not taken by this thread's VideoPortAcquireDeviceLock");
		return;
	}
	WRITE_ONCE(sync_of(vdev)->device_lock_owner, NULL);
	mutex_unlock(&sync_of(vdev)->device_lock);
}
EXPORT_SYMBOL_VPSHIM(VideoPortReleaseDeviceLock);

/* Part init: the device lock and an empty object table. */
static int vpshim_sync_init(struct vpshim_device *vdev)
{
	struct vpshim_sync *sy = sync_of(vdev);

	mutex_init(&sy->device_lock);
	spin_lock_init(&sy->objects_lock);
	return rhashtable_init(&sy->objects, &vpshim_object_params);
}

/* Part dying: wake every waiter of the device's events; the waits see it and end. */
static void vpshim_sync_wake_all(struct vpshim_device *vdev)
{
	struct vpshim_object *obj;
	struct rhashtable_iter iter;

	rhashtable_walk_enter(&sync_of(vdev)->objects, &iter);
	rhashtable_walk_start(&iter);
	while ((obj = rhashtable_walk_next(&iter))) {
		if (!IS_ERR(obj) && obj->kind == VPSHIM_EVENT)
			wake_up_all(&container_of(obj, struct _VIDEO_PORT_EVENT, obj)->wq);
	}
	rhashtable_walk_stop(&iter);
	rhashtable_walk_exit(&iter);
}

/* rhashtable_free_and_destroy() callback: an object never deleted. */
static void vpshim_sync_free_leaked(void *ptr, void *arg)
{
	struct vpshim_object *obj = ptr;
	struct vpshim_device *vdev = arg;

	/* Deleted at DISPATCH_LEVEL: not a leak, only freed late. */
	if (obj->kind != VPSHIM_DEAD_SPIN_LOCK)
		dev_warn(vdev->dev, "vpshim: %s %p never deleted; freeing it\n",
			 obj->kind == VPSHIM_SPIN_LOCK ? "spin lock" : "event", obj);
	if (obj->kind != VPSHIM_EVENT)
		vpshim_spin_lock_free(container_of(obj, struct _VIDEO_PORT_SPIN_LOCK, obj));
	else
		kfree(container_of(obj, struct _VIDEO_PORT_EVENT, obj));
}

/* Part release: free the locks and events a miniport left; count them. */
static unsigned int vpshim_sync_release_all(struct vpshim_device *vdev)
{
	struct vpshim_sync *sy = sync_of(vdev);
	unsigned int leaked;

	vpshim_spin_lock_reap(vdev);
	leaked = atomic_read(&sy->objects.nelems);

	rhashtable_free_and_destroy(&sy->objects, vpshim_sync_free_leaked, vdev);
	mutex_destroy(&sy->device_lock);
	return leaked;
}

VPSHIM_PART(sync, struct vpshim_sync,
	    .init = vpshim_sync_init,
	    .dying = vpshim_sync_wake_all,
	    .release = vpshim_sync_release_all);
