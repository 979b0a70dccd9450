// SPDX-License-Identifier: GPL-2.0
/*
 * nt4vga_glue.c - the Linux side of the nt4vga corpus miniport: which PCI
 * device it drives. The miniport itself never looks at PCI: it finds the
 * VGA at the legacy ports, which the VGA arbiter routes to this device.
 */

#include <linux/module.h>
#include <linux/pci.h>

#include "vpshim_miniport.h"

static const struct pci_device_id vpc_nt4vga_ids[] = {
	{ PCI_DEVICE(0x1234, 0x1111) },		/* QEMU standard VGA */
	{ }
};
MODULE_DEVICE_TABLE(pci, vpc_nt4vga_ids);

VPSHIM_PCI_MINIPORT(vpc_nt4vga_ids);

MODULE_DESCRIPTION("vpshim corpus: an NT 4.0-style VGA miniport on the legacy ports");
MODULE_LICENSE("GPL");
