// SPDX-License-Identifier: GPL-2.0
/*
 * xpdisp_glue.c - the Linux side of the xpdisp corpus miniport: which PCI
 * devices it drives (what an INF says on Windows). The miniport source
 * itself is untouched.
 */

#include <linux/module.h>
#include <linux/pci.h>

#include "vpshim_miniport.h"

static const struct pci_device_id vpc_xpdisp_ids[] = {
	{ PCI_DEVICE(0x1234, 0x1111) },		/* QEMU standard VGA */
	{ }
};
MODULE_DEVICE_TABLE(pci, vpc_xpdisp_ids);

VPSHIM_PCI_MINIPORT(vpc_xpdisp_ids);

MODULE_DESCRIPTION("vpshim corpus: an XP display miniport for QEMU's standard VGA");
MODULE_LICENSE("GPL");
