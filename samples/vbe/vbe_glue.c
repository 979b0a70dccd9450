// SPDX-License-Identifier: GPL-2.0
/*
 * vbe_glue.c - the Linux side of the VBE sample: which PCI devices it
 * drives (what an INF says on Windows). The miniport source itself is
 * untouched. Any adapter with a VESA video BIOS would do; these are QEMU's.
 */

#include <linux/module.h>
#include <linux/pci.h>

#include "vpshim_miniport.h"

static const struct pci_device_id vp_vbe_ids[] = {
	{ PCI_DEVICE(0x1234, 0x1111) },		/* QEMU standard VGA */
	{ PCI_DEVICE(0x1013, 0x00b8) },		/* QEMU Cirrus CL-GD5446 */
	{ }
};
MODULE_DEVICE_TABLE(pci, vp_vbe_ids);

VPSHIM_PCI_MINIPORT(vp_vbe_ids);

MODULE_DESCRIPTION("vpshim sample: Windows-style VESA BIOS miniport, through the Int10 services");
MODULE_LICENSE("GPL");
