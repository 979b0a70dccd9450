// SPDX-License-Identifier: GPL-2.0
/*
 * kmap_glue.c - the Linux side of the kmap corpus miniport: which PCI
 * devices it drives (what an INF says on Windows). The miniport source
 * itself is untouched.
 */

#include <linux/module.h>
#include <linux/pci.h>

#include "vpshim_miniport.h"

static const struct pci_device_id vpc_kmap_ids[] = {
	{ PCI_DEVICE(0x1234, 0x1111) },		/* QEMU standard VGA */
	{ }
};
MODULE_DEVICE_TABLE(pci, vpc_kmap_ids);

VPSHIM_PCI_MINIPORT(vpc_kmap_ids);

MODULE_DESCRIPTION("vpshim corpus: a miniport written for a kernel-mode display driver");
MODULE_LICENSE("GPL");
