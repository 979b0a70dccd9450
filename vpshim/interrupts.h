/* SPDX-License-Identifier: GPL-2.0 */
/*
 * interrupts.h - the interrupt area's state in each device (interrupts.c):
 * the connected interrupt, the lock HwInterrupt runs under, the DPC.
 */
#ifndef _VPSHIM_INTERRUPTS_H_
#define _VPSHIM_INTERRUPTS_H_

#include "vpshim.h"
#include "parts.h"

struct vpshim_irq {
	struct vpshim_device *vdev;
	int irq;			/* 0: HwInterrupt not connected */
	bool irq_disabled;		/* by VideoPortDisableInterrupt */
	spinlock_t isr_lock;		/* HwInterrupt vs. SynchronizeExecution */
	struct tasklet_struct dpc;	/* the device's one DPC */
	spinlock_t dpc_lock;		/* dpc_queued, dpc_routine, dpc_context */
	bool dpc_queued;
	PMINIPORT_DPC_ROUTINE dpc_routine;
	PVOID dpc_context;
};

static inline struct vpshim_irq *vpshim_irq_of(struct vpshim_device *vdev)
{
	return vpshim_part_state(vdev, &vpshim_irq_part);
}

#endif /* _VPSHIM_INTERRUPTS_H_ */
