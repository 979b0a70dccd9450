// SPDX-License-Identifier: GPL-2.0
/*
 * bochs_glue.c - the Linux side of the bochs sample: which PCI devices it
 * drives (what an INF says on Windows). The miniport source itself is
 * untouched.
 */

#include <linux/module.h>
#include <linux/pci.h>

#include "vpshim_miniport.h"

static const struct pci_device_id vp_bochs_ids[] = {
	{ PCI_DEVICE(0x1234, 0x1111) },		/* QEMU standard VGA */
	{ }
};
MODULE_DEVICE_TABLE(pci, vp_bochs_ids);

VPSHIM_PCI_MINIPORT(vp_bochs_ids);

MODULE_DESCRIPTION("vpshim sample: Windows-style miniport for QEMU's standard VGA");
MODULE_LICENSE("GPL");
