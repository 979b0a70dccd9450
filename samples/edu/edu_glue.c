// SPDX-License-Identifier: GPL-2.0
/*
 * edu_glue.c - the Linux side of the edu sample: which PCI devices it drives
 * (what an INF says on Windows). The miniport source itself is untouched.
 */

#include <linux/module.h>
#include <linux/pci.h>

#include "vpshim_miniport.h"

static const struct pci_device_id vp_edu_ids[] = {
	{ PCI_DEVICE(0x1234, 0x11e8) },		/* QEMU edu */
	{ }
};
MODULE_DEVICE_TABLE(pci, vp_edu_ids);

VPSHIM_PCI_MINIPORT(vp_edu_ids);

MODULE_DESCRIPTION("vpshim sample: Windows-style miniport for QEMU's edu device");
MODULE_LICENSE("GPL");
