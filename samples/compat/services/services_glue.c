// SPDX-License-Identifier: GPL-2.0
/*
 * services_glue.c - the Linux side of the services corpus miniport: which
 * PCI devices it drives (what an INF says on Windows). The miniport source
 * itself is untouched.
 */

#include <linux/module.h>
#include <linux/pci.h>

#include "vpshim_miniport.h"

static const struct pci_device_id vpc_services_ids[] = {
	{ PCI_DEVICE(0x1234, 0x11e8) },		/* QEMU edu */
	{ }
};
MODULE_DEVICE_TABLE(pci, vpc_services_ids);

VPSHIM_PCI_MINIPORT(vpc_services_ids);

MODULE_DESCRIPTION("vpshim corpus: every VideoPortQueryServices interface, used carelessly");
MODULE_LICENSE("GPL");
