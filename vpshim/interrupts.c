// SPDX-License-Identifier: GPL-2.0
/*
 * interrupts.c - HwInterrupt on the device's interrupt, DPCs, and
 * VideoPortSynchronizeExecution.
 *
 * The interrupt is MSI when the device has it, shared INTx otherwise. The
 * handler calls HwInterrupt under the device's interrupt lock, the lock
 * VideoPortSynchronizeExecution takes with interrupts off to run a routine
 * "at DIRQL". A DPC is a tasklet: it runs in softirq context, atomic, as a
 * Windows DPC runs at DISPATCH_LEVEL. Like videoprt, each device has one
 * DPC; queueing it while it is queued returns FALSE.
 */

#include <linux/interrupt.h>

#include "vpshim.h"
#include "interrupts.h"

static irqreturn_t vpshim_isr(int irq, void *data)
{
	struct vpshim_device *vdev = data;
	BOOLEAN handled;

	spin_lock(&vpshim_irq_of(vdev)->isr_lock);
	handled = vdev->hw.HwInterrupt(vdev->ext);
	spin_unlock(&vpshim_irq_of(vdev)->isr_lock);
	return IRQ_RETVAL(handled);
}

/**
 * vpshim_interrupt_connect() - connect HwInterrupt to a PCI device's interrupt
 * @vdev: the device, after HwFindAdapter
 *
 * Nothing is connected when the miniport has no HwInterrupt or set both
 * BusInterruptLevel and BusInterruptVector to zero in HwFindAdapter.
 *
 * Return: 0 or a negative errno.
 */
int vpshim_interrupt_connect(struct vpshim_device *vdev)
{
	struct vpshim_irq *vi = vpshim_irq_of(vdev);
	struct pci_dev *pdev = vdev->pdev;
	int nvec, err;

	if (!vdev->hw.HwInterrupt || !pdev ||
	    (!vdev->config.BusInterruptLevel && !vdev->config.BusInterruptVector))
		return 0;
	nvec = pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSI | PCI_IRQ_INTX);
	if (nvec < 0)
		return nvec;
	vi->irq = pci_irq_vector(pdev, 0);
	err = request_irq(vi->irq, vpshim_isr, pdev->msi_enabled ? 0 : IRQF_SHARED,
			  vdev->name, vdev);
	if (err) {
		pci_free_irq_vectors(pdev);
		vi->irq = 0;
		return err;
	}
	dev_info(vdev->dev, "vpshim: HwInterrupt on IRQ %d (%s)\n", vi->irq,
		 pdev->msi_enabled ? "MSI" : "INTx");
	return 0;
}

/* Part stop: undo vpshim_interrupt_connect() and stop the DPC. */
static void vpshim_interrupt_disconnect(struct vpshim_device *vdev)
{
	struct vpshim_irq *vi = vpshim_irq_of(vdev);

	if (vi->irq) {
		if (vi->irq_disabled)
			enable_irq(vi->irq);
		free_irq(vi->irq, vdev);
		pci_free_irq_vectors(vdev->pdev);
		vi->irq = 0;
	}
	tasklet_kill(&vi->dpc);
}

/*
 * Record whether the miniport has the interrupt disabled; return what was
 * recorded before, so enable_irq()/disable_irq() stay balanced.
 */
static bool vpshim_irq_mark_disabled(struct vpshim_device *vdev, bool disabled)
{
	struct vpshim_irq *vi = vpshim_irq_of(vdev);
	unsigned long flags;
	bool was;

	spin_lock_irqsave(&vi->isr_lock, flags);
	was = vi->irq_disabled;
	vi->irq_disabled = disabled;
	spin_unlock_irqrestore(&vi->isr_lock, flags);
	return was;
}

/**
 * VideoPortEnableInterrupt() - let the adapter's interrupts through again
 * @HwDeviceExtension: the miniport's device extension
 *
 * Windows: obsolete; re-enables the adapter's interrupt. Linux:
 * enable_irq() after a VideoPortDisableInterrupt(), else nothing.
 *
 * Return: NO_ERROR, or ERROR_INVALID_FUNCTION when no HwInterrupt is
 * connected (or the extension is invalid).
 */
VP_STATUS VideoPortEnableInterrupt(PVOID HwDeviceExtension)
{
	struct vpshim_device *vdev;

	vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);
	if (!vdev || !vpshim_irq_of(vdev)->irq)
		return ERROR_INVALID_FUNCTION;
	if (vpshim_irq_mark_disabled(vdev, false))
		enable_irq(vpshim_irq_of(vdev)->irq);
	return NO_ERROR;
}
EXPORT_SYMBOL_VPSHIM(VideoPortEnableInterrupt);

/**
 * VideoPortDisableInterrupt() - stop the adapter's interrupts reaching HwInterrupt
 * @HwDeviceExtension: the miniport's device extension
 *
 * Windows: obsolete; masks the adapter's interrupt. Linux: disable_irq()
 * (disable_irq_nosync() from the interrupt handler itself), once.
 *
 * Return: NO_ERROR, or ERROR_INVALID_FUNCTION when no HwInterrupt is
 * connected (or the extension is invalid).
 */
VP_STATUS VideoPortDisableInterrupt(PVOID HwDeviceExtension)
{
	struct vpshim_device *vdev;

	vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);
	if (!vdev || !vpshim_irq_of(vdev)->irq)
		return ERROR_INVALID_FUNCTION;
	if (vpshim_irq_mark_disabled(vdev, true))
		return NO_ERROR;
	if (in_hardirq())
		disable_irq_nosync(vpshim_irq_of(vdev)->irq);
	else
		disable_irq(vpshim_irq_of(vdev)->irq);
	return NO_ERROR;
}
EXPORT_SYMBOL_VPSHIM(VideoPortDisableInterrupt);

/**
 * VideoPortSynchronizeExecution() - run a routine synchronized with HwInterrupt
 * @HwDeviceExtension: the miniport's device extension
 * @Priority: VpLowPriority, VpMediumPriority or VpHighPriority
 * @SynchronizeRoutine: the routine
 * @Context: its argument
 *
 * Windows: KeSynchronizeExecution, or a raise to DISPATCH_LEVEL. Linux:
 * VpLowPriority runs the routine with bottom halves disabled (no DPC can
 * run on this CPU); VpMediumPriority and VpHighPriority, when HwInterrupt
 * is connected, under the device's interrupt lock with interrupts off, so
 * the routine and HwInterrupt never run at once; without an interrupt, as
 * VpLowPriority.
 *
 * Return: what @SynchronizeRoutine returned; FALSE when the extension is
 * invalid or the routine is NULL.
 */
BOOLEAN VideoPortSynchronizeExecution(PVOID HwDeviceExtension,
				      VIDEO_SYNCHRONIZE_PRIORITY Priority,
				      PMINIPORT_SYNCHRONIZE_ROUTINE SynchronizeRoutine,
				      PVOID Context)
{
	struct vpshim_device *vdev;
	unsigned long flags;
	BOOLEAN ret;

	vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);
	if (!vdev)
		return FALSE;
	if (!SynchronizeRoutine) {
		vpshim_misuse(vdev, __func__, _RET_IP_, "NULL SynchronizeRoutine");
		return FALSE;
	}
	if (Priority != VpLowPriority && vpshim_irq_of(vdev)->irq) {
		spin_lock_irqsave(&vpshim_irq_of(vdev)->isr_lock, flags);
		ret = SynchronizeRoutine(Context);
		spin_unlock_irqrestore(&vpshim_irq_of(vdev)->isr_lock, flags);
		return ret;
	}
	local_bh_disable();
	ret = SynchronizeRoutine(Context);
	local_bh_enable();
	return ret;
}
EXPORT_SYMBOL_VPSHIM(VideoPortSynchronizeExecution);

static void vpshim_dpc_run(struct tasklet_struct *t)
{
	struct vpshim_irq *vi = from_tasklet(vi, t, dpc);
	struct vpshim_device *vdev = vi->vdev;
	PMINIPORT_DPC_ROUTINE routine;
	unsigned long flags;
	PVOID context;

	spin_lock_irqsave(&vi->dpc_lock, flags);
	routine = vi->dpc_routine;
	context = vi->dpc_context;
	/* Dequeued before it runs, as on Windows: it may be queued again. */
	vi->dpc_queued = false;
	spin_unlock_irqrestore(&vi->dpc_lock, flags);
	routine(vdev->ext, context);
}

/**
 * VideoPortQueueDpc() - queue the device's DPC
 * @HwDeviceExtension: the miniport's device extension
 * @CallbackRoutine: the routine the DPC will run
 * @Context: its argument
 *
 * Windows: KeInsertQueueDpc on the device's DPC object, usually from
 * HwInterrupt. Linux: tasklet_schedule(); the routine runs in softirq
 * context (DISPATCH_LEVEL) with the extension and @Context. Any IRQL.
 *
 * Return: TRUE if queued; FALSE if the DPC was already queued (the routine
 * queued first will run), the device is unbinding, the extension is invalid
 * or the routine is NULL.
 */
BOOLEAN VideoPortQueueDpc(PVOID HwDeviceExtension, PMINIPORT_DPC_ROUTINE CallbackRoutine,
			  PVOID Context)
{
	struct vpshim_device *vdev;
	struct vpshim_irq *vi;
	unsigned long flags;
	bool queued = false;

	vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);
	if (!vdev)
		return FALSE;
	if (!CallbackRoutine) {
		vpshim_misuse(vdev, __func__, _RET_IP_, "NULL CallbackRoutine");
		return FALSE;
	}
	/* Not once unbind has begun: the DPC must not outlive the device. */
	vi = vpshim_irq_of(vdev);
	if (vpshim_arm_lock(vdev, &flags)) {
		spin_lock(&vi->dpc_lock);
		if (!vi->dpc_queued) {
			vi->dpc_queued = true;
			vi->dpc_routine = CallbackRoutine;
			vi->dpc_context = Context;
			queued = true;
		}
		spin_unlock(&vi->dpc_lock);
		if (queued)
			tasklet_schedule(&vi->dpc);
	}
	vpshim_arm_unlock(vdev, flags);
	return queued;
}
EXPORT_SYMBOL_VPSHIM(VideoPortQueueDpc);

/* Part init: the interrupt lock and the DPC. */
static int vpshim_interrupt_init(struct vpshim_device *vdev)
{
	struct vpshim_irq *vi = vpshim_irq_of(vdev);

	vi->vdev = vdev;
	spin_lock_init(&vi->isr_lock);
	spin_lock_init(&vi->dpc_lock);
	tasklet_setup(&vi->dpc, vpshim_dpc_run);
	return 0;
}

VPSHIM_PART(irq, struct vpshim_irq,
	    .init = vpshim_interrupt_init,
	    .stop = vpshim_interrupt_disconnect);
EXPORT_SYMBOL_IF_VPSHIM_KUNIT(vpshim_irq_part);
