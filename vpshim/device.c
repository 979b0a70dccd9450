// SPDX-License-Identifier: GPL-2.0
/*
 * device.c - the per-device state behind a HwDeviceExtension.
 *
 * Every VideoPort call names its device by the HwDeviceExtension pointer. A
 * small global hash table maps each live extension to its vpshim_device (RCU
 * for lookups, a mutex for the rare binds and unbinds), so a NULL, stale or
 * foreign pointer is recognised without dereferencing it and is refused with
 * a message instead of a crash.
 */

#include <linux/hashtable.h>
#include <linux/slab.h>

#include "vpshim.h"

static DEFINE_HASHTABLE(vpshim_extensions, 6);
static DEFINE_MUTEX(vpshim_extensions_lock);

/**
 * vpshim_device_get() - find the device that owns a HwDeviceExtension
 * @ext: the pointer a miniport passed as HwDeviceExtension
 * @func: the VideoPort function asking, for the message
 * @caller: return address of the VideoPort call, for the message
 *
 * Return: the device, or NULL (after a ratelimited message) when @ext is not
 * the extension of a bound device.
 */
struct vpshim_device *vpshim_device_get(const void *ext, const char *func,
					unsigned long caller)
{
	struct vpshim_device *vdev, *found = NULL;

	rcu_read_lock();
	hash_for_each_possible_rcu(vpshim_extensions, vdev, ext_node, (unsigned long)ext) {
		if (vdev->ext == ext) {
			found = vdev;
			break;
		}
	}
	rcu_read_unlock();
	if (unlikely(!found || !ext))
		pr_err_ratelimited("vpshim: %s: HwDeviceExtension %p is not a bound device's (caller %pS)\n",
				   func, ext, (void *)caller);
	return ext ? found : NULL;
}
EXPORT_SYMBOL_IF_VPSHIM_KUNIT(vpshim_device_get);

/**
 * vpshim_in_atomic() - whether the caller is above PASSIVE_LEVEL
 *
 * Context: any. Above PASSIVE_LEVEL means IRQs off, interrupt context,
 * softirq context or bottom halves disabled (DISPATCH_LEVEL, where DPCs
 * run), or, where the kernel counts it (CONFIG_PREEMPT_COUNT), preemption
 * disabled by a spinlock.
 * Return: true when the caller must not sleep.
 */
bool vpshim_in_atomic(void)
{
	bool atomic = !in_task() || in_softirq() || irqs_disabled();

	if (IS_ENABLED(CONFIG_PREEMPT_COUNT))
		atomic = atomic || preempt_count();
	return atomic;
}

/**
 * vpshim_above_dispatch() - whether the caller is above DISPATCH_LEVEL
 *
 * Context: any. Above DISPATCH_LEVEL means in a hard interrupt handler or
 * with interrupts disabled: where Windows runs HwInterrupt and synchronized
 * routines (DIRQL).
 * Return: true when even DISPATCH_LEVEL services must be refused.
 */
bool vpshim_above_dispatch(void)
{
	return in_hardirq() || in_nmi() || irqs_disabled();
}

/**
 * vpshim_check_passive() - enforce a PASSIVE_LEVEL contract
 * @vdev: the calling device
 * @func: the VideoPort function, for the message
 * @caller: return address of the VideoPort call
 *
 * The DMA allocation calls may sleep. Called from atomic context (IRQs off,
 * interrupt or softirq, or, where the kernel counts it, with preemption
 * disabled) they must fail instead of sleeping in atomic context.
 *
 * Return: true when the caller may sleep.
 */
bool vpshim_check_passive(struct vpshim_device *vdev, const char *func,
			  unsigned long caller)
{
	if (likely(!vpshim_in_atomic()))
		return true;
	dev_err_ratelimited(vdev->dev,
			    "%s must be called at PASSIVE_LEVEL, not from atomic context; refused (caller %pS)\n",
			    func, (void *)caller);
	return false;
}
EXPORT_SYMBOL_IF_VPSHIM_KUNIT(vpshim_check_passive);

/**
 * vpshim_errno_to_status() - the VP_STATUS a Linux error code stands for
 * @err: 0 or a negative errno
 *
 * Return: NO_ERROR for 0, the closest Win32 error otherwise.
 */
VP_STATUS vpshim_errno_to_status(int err)
{
	switch (err) {
	case 0:
		return NO_ERROR;
	case -ENOMEM:
		return ERROR_NOT_ENOUGH_MEMORY;
	case -ENODEV:
	case -ENXIO:
		return ERROR_DEV_NOT_EXIST;
	case -EINVAL:
	case -EFAULT:
		return ERROR_INVALID_PARAMETER;
	case -EBUSY:
		return ERROR_BUSY;
	case -ETIMEDOUT:
		return WAIT_TIMEOUT;
	case -EOVERFLOW:
		return ERROR_MORE_DATA;
	default:
		return ERROR_INVALID_FUNCTION;
	}
}
EXPORT_SYMBOL_IF_VPSHIM_KUNIT(vpshim_errno_to_status);

/**
 * vpshim_status_to_errno() - the Linux error code for a miniport's VP_STATUS
 * @status: what a Hw* callback returned
 *
 * Return: 0 for NO_ERROR, a negative errno otherwise.
 */
int vpshim_status_to_errno(VP_STATUS status)
{
	switch (status) {
	case NO_ERROR:
		return 0;
	case ERROR_NOT_ENOUGH_MEMORY:
		return -ENOMEM;
	case ERROR_DEV_NOT_EXIST:
		return -ENODEV;
	case ERROR_INVALID_PARAMETER:
		return -EINVAL;
	case ERROR_BUSY:
		return -EBUSY;
	case WAIT_TIMEOUT:
		return -ETIMEDOUT;
	case ERROR_MORE_DATA:
		return -EOVERFLOW;
	default:
		return -EIO;
	}
}
EXPORT_SYMBOL_IF_VPSHIM_KUNIT(vpshim_status_to_errno);

/**
 * vpshim_device_create() - allocate the state and zeroed extension of a device
 * @dev: the Linux device the miniport drives
 * @drv: the miniport's driver object; NULL for a device glue code attaches
 * @ext_size: HwDeviceExtensionSize
 *
 * Every area's state is set up (parts.c) before the extension is known to
 * VideoPort calls.
 *
 * Return: the new device, its extension registered, or an ERR_PTR.
 */
struct vpshim_device *vpshim_device_create(struct device *dev, struct vpshim_driver *drv,
					   size_t ext_size)
{
	struct vpshim_device *vdev;
	int err;

	vdev = kzalloc(sizeof(*vdev) + vpshim_parts_size(), GFP_KERNEL);
	if (!vdev)
		return ERR_PTR(-ENOMEM);
	/* Its own allocation, so KASAN sees a miniport overrunning it. */
	vdev->ext = kzalloc(max_t(size_t, ext_size, 1), GFP_KERNEL);
	if (!vdev->ext) {
		err = -ENOMEM;
		goto free_vdev;
	}
	vdev->dev = dev;
	vdev->drv = drv;
	if (drv)
		vdev->hw = drv->init;
	vdev->ext_size = ext_size;
	vdev->pdev = dev_is_pci(dev) ? to_pci_dev(dev) : NULL;
	spin_lock_init(&vdev->arm_lock);
	mutex_init(&vdev->lock);
	INIT_LIST_HEAD(&vdev->bound_node);
	strscpy(vdev->name, dev_name(dev), sizeof(vdev->name));
	err = vpshim_parts_init(vdev);
	if (err)
		goto free_ext;

	mutex_lock(&vpshim_extensions_lock);
	hash_add_rcu(vpshim_extensions, &vdev->ext_node, (unsigned long)vdev->ext);
	mutex_unlock(&vpshim_extensions_lock);
	return vdev;

free_ext:
	kfree(vdev->ext);
free_vdev:
	kfree(vdev);
	return ERR_PTR(err);
}

/**
 * vpshim_arm_lock() - take the lock every re-arming path takes
 * @vdev: the device
 * @flags: saved interrupt state
 *
 * Queueing the DPC, starting the timer and queueing a child enumeration all
 * happen under this lock and only while the device is not dying, so once
 * vpshim_device_stop_arming() has run, what it stops stays stopped.
 *
 * Context: any, including HwInterrupt.
 * Return: true when the caller may arm (the lock is held either way).
 */
bool vpshim_arm_lock(struct vpshim_device *vdev, unsigned long *flags)
	__acquires(&vdev->arm_lock)
{
	spin_lock_irqsave(&vdev->arm_lock, *flags);
	return !vdev->dying;
}

/**
 * vpshim_arm_unlock() - undo vpshim_arm_lock()
 * @vdev: the device
 * @flags: what vpshim_arm_lock() saved
 */
void vpshim_arm_unlock(struct vpshim_device *vdev, unsigned long flags)
	__releases(&vdev->arm_lock)
{
	spin_unlock_irqrestore(&vdev->arm_lock, flags);
}

/*
 * The start of unbind: nothing re-arms from now on, and every wait of the
 * miniport (in a request, say) ends at once.
 */
static void vpshim_device_stop_arming(struct vpshim_device *vdev)
{
	unsigned long flags;

	spin_lock_irqsave(&vdev->arm_lock, flags);
	WRITE_ONCE(vdev->dying, true);
	spin_unlock_irqrestore(&vdev->arm_lock, flags);
	vpshim_parts_dying(vdev);
}

/**
 * vpshim_device_destroy() - release everything a device still holds
 * @vdev: the device, unbinding
 *
 * Stops every area (the request device first, then the miniport's code
 * that runs on its own: the timer, the DPC and a child enumeration may arm
 * one another, but not any more, the device is dying), then frees what the
 * miniport left behind: DMA adapters and buffers, pool blocks, spin locks
 * and events (reported as leaks) and device mappings (which live until
 * unbind by design), then the extension itself.
 *
 * Return: the number of resources the miniport leaked.
 */
unsigned int vpshim_device_destroy(struct vpshim_device *vdev)
{
	unsigned int leaked;

	vpshim_device_stop_arming(vdev);
	vpshim_parts_stop(vdev);
	/* The device stops mastering before its transfers and buffers go. */
	if (vdev->pdev)
		pci_clear_master(vdev->pdev);
	mutex_lock(&vpshim_extensions_lock);
	hash_del_rcu(&vdev->ext_node);
	mutex_unlock(&vpshim_extensions_lock);
	/* No lookup may still be looking at it when it is freed. */
	synchronize_rcu();
	leaked = vpshim_parts_release(vdev);
	if (leaked)
		dev_warn(vdev->dev, "vpshim: miniport leaked %u resources; all released\n",
			 leaked);
	mutex_destroy(&vdev->lock);
	kfree(vdev->ext);
	kfree(vdev);
	return leaked;
}

/**
 * vpshim_device_attach() - give any struct device a HwDeviceExtension
 * @dev: a device with DMA set up (a platform device, say)
 * @ext_size: size of the zeroed device extension
 *
 * Linux-side glue for miniports of devices that are not PCI functions, and
 * the way the KUnit suites drive the VideoPort layer on a platform device.
 *
 * Return: the device extension to pass to VideoPort calls, or NULL.
 */
void *vpshim_device_attach(struct device *dev, size_t ext_size)
{
	struct vpshim_device *vdev;

	if (!dev)
		return NULL;
	vdev = vpshim_device_create(dev, NULL, ext_size);
	return IS_ERR(vdev) ? NULL : vdev->ext;
}
EXPORT_SYMBOL_VPSHIM(vpshim_device_attach);

/**
 * vpshim_device_detach() - undo vpshim_device_attach()
 * @hw_device_extension: what vpshim_device_attach() returned
 *
 * Return: the number of resources the miniport had not released (each is
 * freed and reported).
 */
unsigned int vpshim_device_detach(void *hw_device_extension)
{
	struct vpshim_device *vdev;

	vdev = vpshim_device_get(hw_device_extension, __func__, _RET_IP_);
	if (!vdev)
		return 0;
	if (vdev->drv) {
		vpshim_misuse(vdev, __func__, _RET_IP_,
			      "a PCI-bound device is detached by unbinding it");
		return 0;
	}
	return vpshim_device_destroy(vdev);
}
EXPORT_SYMBOL_VPSHIM(vpshim_device_detach);
