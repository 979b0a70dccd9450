/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vpshim_miniport.h - the Linux-side glue between a miniport and vpshim.
 *
 * A Windows miniport has an INF that tells Windows which PCI devices it
 * drives. On Linux that is a few lines of glue, compiled beside the untouched
 * miniport source:
 *
 *	static const struct pci_device_id my_ids[] = {
 *		{ PCI_DEVICE(0x1234, 0x11e8) },
 *		{ }
 *	};
 *	MODULE_DEVICE_TABLE(pci, my_ids);
 *	VPSHIM_PCI_MINIPORT(my_ids);
 *
 * vpshim then calls the miniport's DriverEntry at module load, registers a pci_driver for
 * the IDs, and runs HwFindAdapter and HwInitialize for every device bound.
 *
 * Devices that are not on PCI (and the KUnit suites) can attach any struct
 * device with vpshim_device_attach() and get a device extension to pass to
 * the VideoPort functions.
 */
#ifndef _VPSHIM_MINIPORT_GLUE_H_
#define _VPSHIM_MINIPORT_GLUE_H_

#include <linux/module.h>
#include <linux/pci.h>

#include "compat.h"

/* DriverEntry(Argument1, Argument2), with Windows' ULONG return. */
typedef unsigned int (*vpshim_driver_entry_t)(void *argument1, void *argument2);

struct vpshim_driver;

/* What a miniport module tells vpshim about itself. */
struct vpshim_miniport {
	const char *name;
	struct module *owner;
	vpshim_driver_entry_t driver_entry;
	const struct pci_device_id *pci_ids;
	struct vpshim_driver *drv;	/* vpshim's own, set at registration */
};

int vpshim_register_miniport(struct vpshim_miniport *mp);
void vpshim_unregister_miniport(struct vpshim_miniport *mp);

void *vpshim_device_attach(struct device *dev, size_t ext_size);
unsigned int vpshim_device_detach(void *hw_device_extension);
unsigned int vpshim_dma_buffer_count(void *hw_device_extension);
unsigned int vpshim_query_interface(void *hw_device_extension, const void *type, u16 size,
				    u16 version, void *iface, void *data);

/* Every miniport defines DriverEntry, the name Windows loads it by. */
unsigned int DriverEntry(void *argument1, void *argument2);

#define VPSHIM_PCI_MINIPORT(ids)						\
	static struct vpshim_miniport __vpshim_miniport = {			\
		.name = KBUILD_MODNAME,						\
		.owner = THIS_MODULE,						\
		.driver_entry = DriverEntry,					\
		.pci_ids = ids,							\
	};									\
	module_driver(__vpshim_miniport, vpshim_register_miniport,		\
		      vpshim_unregister_miniport);				\
	VPSHIM_IMPORT_NS()

#endif /* _VPSHIM_MINIPORT_GLUE_H_ */
