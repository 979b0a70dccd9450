// SPDX-License-Identifier: GPL-2.0
/*
 * exports_glue.c - the Linux side of the exports corpus miniport: which PCI
 * devices it drives (what an INF says on Windows). The miniport source
 * itself is untouched.
 */

#include <linux/module.h>
#include <linux/pci.h>

#include "vpshim_miniport.h"

static const struct pci_device_id vpc_exports_ids[] = {
	{ PCI_DEVICE(0x1234, 0x11e8) },		/* QEMU edu */
	{ }
};
MODULE_DEVICE_TABLE(pci, vpc_exports_ids);

VPSHIM_PCI_MINIPORT(vpc_exports_ids);

MODULE_DESCRIPTION("vpshim corpus: every VideoPort export, called with bad arguments");
MODULE_LICENSE("GPL");
