// SPDX-License-Identifier: GPL-2.0
/*
 * ioctls_glue.c - the Linux side of the ioctls corpus miniport: which PCI
 * devices it drives (what an INF says on Windows). The miniport source
 * itself is untouched.
 */

#include <linux/module.h>
#include <linux/pci.h>

#include "vpshim_miniport.h"

static const struct pci_device_id vpc_ioctls_ids[] = {
	{ PCI_DEVICE(0x1234, 0x1111) },		/* QEMU standard VGA */
	{ }
};
MODULE_DEVICE_TABLE(pci, vpc_ioctls_ids);

VPSHIM_PCI_MINIPORT(vpc_ioctls_ids);

MODULE_DESCRIPTION("vpshim corpus: a VGA-compatible miniport answering every IOCTL_VIDEO family");
MODULE_LICENSE("GPL");
