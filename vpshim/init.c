// SPDX-License-Identifier: GPL-2.0
/*
 * init.c - DriverEntry, VideoPortInitialize and binding to PCI devices.
 *
 * At module load the miniport glue hands vpshim the miniport's DriverEntry
 * and PCI IDs. vpshim calls DriverEntry with a driver object of its own as
 * Argument1; DriverEntry calls VideoPortInitialize, which records the
 * VIDEO_HW_INITIALIZATION_DATA. vpshim then registers a pci_driver; each
 * probe allocates the zeroed device extension, fills VIDEO_PORT_CONFIG_INFO
 * and runs HwFindAdapter then HwInitialize. Remove (unbind or unload) frees
 * everything the device still holds and reports what the miniport leaked.
 */

#include <linux/mm.h>
#include <linux/slab.h>

#include "vpshim.h"

/* Serialises DriverEntry calls, so VideoPortInitialize knows its caller. */
static DEFINE_MUTEX(vpshim_entry_lock);
static struct vpshim_driver *vpshim_in_driver_entry;

/**
 * VideoPortInitialize() - register a miniport's entry points
 * @Argument1: the first argument DriverEntry received
 * @Argument2: the second argument DriverEntry received
 * @HwInitializationData: the miniport's entry points and sizes
 * @HwContext: must be NULL; ignored
 *
 * Windows: validates the initialization data and readies the port driver to
 * call HwFindAdapter for each adapter. Linux: records the data for the
 * pci_driver vpshim registers when DriverEntry returns; the glue's PCI ID
 * table decides which devices bind. AdapterInterfaceType is ignored, as the
 * video port ignores it (miniports leave it zero). A miniport may call it
 * several times (one per bus type, as NT4-era miniports do, or with
 * decreasing HwInitDataSize): the first call that succeeds is used, unless a
 * later one names PCIBus and the one kept does not.
 *
 * Return: an NTSTATUS: 0 on success, STATUS_INVALID_PARAMETER (0xC000000D)
 * outside DriverEntry or for missing entry points, STATUS_REVISION_MISMATCH
 * (0xC0000059) for an unknown HwInitDataSize.
 */
ULONG VideoPortInitialize(PVOID Argument1, PVOID Argument2,
			  PVIDEO_HW_INITIALIZATION_DATA HwInitializationData,
			  PVOID HwContext)
{
	struct vpshim_driver *drv = Argument1;
	PVIDEO_HW_INITIALIZATION_DATA init = HwInitializationData;

	if (!drv || drv != vpshim_in_driver_entry || !init) {
		pr_err_ratelimited("vpshim: %s must be called from DriverEntry with its arguments (caller %pS)\n",
				   __func__, (void *)_RET_IP_);
		return VPSHIM_STATUS_INVALID_PARAMETER;
	}
	if (init->HwInitDataSize > sizeof(*init) ||
	    init->HwInitDataSize < SIZE_OF_NT4_VIDEO_HW_INITIALIZATION_DATA) {
		pr_err("vpshim: %s: HwInitDataSize %u is not a known structure size\n",
		       drv->mp->name, init->HwInitDataSize);
		return VPSHIM_STATUS_REVISION_MISMATCH;
	}
	if (!init->HwFindAdapter || !init->HwInitialize || !init->HwStartIO) {
		pr_err("vpshim: %s: HwFindAdapter, HwInitialize and HwStartIO are required\n",
		       drv->mp->name);
		return VPSHIM_STATUS_INVALID_PARAMETER;
	}
	/* A PCI device binds: a call for PCIBus beats one for another bus. */
	if (drv->have_init && (drv->init.AdapterInterfaceType == PCIBus ||
			       init->AdapterInterfaceType != PCIBus))
		return VPSHIM_STATUS_SUCCESS;
	/* Fields past the miniport's HwInitDataSize stay zero. */
	memset(&drv->init, 0, sizeof(drv->init));
	memcpy(&drv->init, init, init->HwInitDataSize);
	drv->have_init = true;
	return VPSHIM_STATUS_SUCCESS;
}
EXPORT_SYMBOL_VPSHIM(VideoPortInitialize);

static void vpshim_fill_config(struct vpshim_device *vdev)
{
	PVIDEO_PORT_CONFIG_INFO config = &vdev->config;
	struct pci_dev *pdev = vdev->pdev;

	config->Length = sizeof(*config);
	config->SystemIoBusNumber = pdev->bus->number;
	config->AdapterInterfaceType = PCIBus;
	config->BusInterruptLevel = pdev->irq;
	config->BusInterruptVector = pdev->irq;
	config->InterruptMode = LevelSensitive;
	config->InterruptShareable = TRUE;
	config->VideoPortGetProcAddress = VideoPortGetProcAddress;
	config->DriverRegistryPath = vdev->drv->registry_path;
	config->SystemMemorySize = (ULONGLONG)totalram_pages() << PAGE_SHIFT;
}

static int vpshim_pci_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct pci_driver *pdrv = to_pci_driver(pdev->dev.driver);
	struct vpshim_driver *drv = container_of(pdrv, struct vpshim_driver, pci);
	struct vpshim_device *vdev;
	UCHAR again = FALSE;
	VP_STATUS status;
	int err;

	err = pci_enable_device(pdev);
	if (err)
		return err;
	vdev = vpshim_device_create(&pdev->dev, drv, drv->init.HwDeviceExtensionSize);
	if (IS_ERR(vdev)) {
		err = PTR_ERR(vdev);
		goto disable;
	}
	vpshim_fill_config(vdev);
	/* An adapter the firmware did not initialise, POSTed when asked. */
	vpshim_int10_prepare(vdev);

	status = drv->init.HwFindAdapter(vdev->ext, NULL, NULL, &vdev->config, &again);
	if (status != NO_ERROR) {
		dev_info(&pdev->dev, "vpshim: %s: HwFindAdapter returned %d; not binding\n",
			 drv->mp->name, status);
		err = vpshim_status_to_errno(status);
		goto destroy;
	}
	err = vpshim_interrupt_connect(vdev);
	if (err) {
		dev_err(&pdev->dev, "vpshim: %s: cannot connect HwInterrupt: %pe\n",
			drv->mp->name, ERR_PTR(err));
		goto destroy;
	}
	if (!drv->init.HwInitialize(vdev->ext)) {
		dev_err(&pdev->dev, "vpshim: %s: HwInitialize failed\n", drv->mp->name);
		err = -EIO;
		goto destroy;
	}
	pci_set_drvdata(pdev, vdev);
	/* Children read, the request device and the registry published. */
	err = vpshim_parts_bind(vdev);
	if (err) {
		pci_set_drvdata(pdev, NULL);
		goto destroy;
	}
	dev_info(&pdev->dev, "vpshim: %s bound; requests on /dev/vpshim/%s\n", drv->mp->name,
		 vdev->name);
	vpshim_areas_bind(vdev);
	return 0;

destroy:
	vpshim_device_destroy(vdev);
disable:
	pci_disable_device(pdev);
	return err;
}

static void vpshim_pci_remove(struct pci_dev *pdev)
{
	struct vpshim_device *vdev = pci_get_drvdata(pdev);

	vpshim_areas_unbind(vdev);
	vpshim_parts_unbind(vdev);
	vpshim_device_destroy(vdev);
	pci_set_drvdata(pdev, NULL);
	pci_clear_master(pdev);
	pci_disable_device(pdev);
}

static void vpshim_pci_shutdown(struct pci_dev *pdev)
{
	struct vpshim_device *vdev = pci_get_drvdata(pdev);

	if (vdev)
		vpshim_shutdown(vdev);
}

/* Argument2 of DriverEntry: the service key Windows would pass, as WCHARs. */
static void vpshim_make_registry_path(struct vpshim_driver *drv)
{
	static const char prefix[] = "\\Registry\\Machine\\System\\CurrentControlSet\\Services\\";
	size_t i = 0, n = ARRAY_SIZE(drv->registry_path) - 1;
	const char *s;

	for (s = prefix; *s && i < n; s++)
		drv->registry_path[i++] = *s;
	for (s = drv->mp->name; *s && i < n; s++)
		drv->registry_path[i++] = *s;
	drv->registry_path[i] = 0;
}

/**
 * vpshim_register_miniport() - run a miniport's DriverEntry and bind it
 * @mp: the miniport, from VPSHIM_PCI_MINIPORT()
 *
 * Return: 0, or a negative errno when DriverEntry fails or registers nothing
 * vpshim can drive, or the pci_driver cannot be registered.
 */
int vpshim_register_miniport(struct vpshim_miniport *mp)
{
	struct vpshim_driver *drv;
	unsigned int status;
	int err;

	if (!mp || !mp->name || !mp->driver_entry || !mp->pci_ids)
		return -EINVAL;
	drv = kzalloc(sizeof(*drv), GFP_KERNEL);
	if (!drv)
		return -ENOMEM;
	drv->mp = mp;
	vpshim_make_registry_path(drv);

	mutex_lock(&vpshim_entry_lock);
	vpshim_in_driver_entry = drv;
	status = mp->driver_entry(drv, drv->registry_path);
	vpshim_in_driver_entry = NULL;
	mutex_unlock(&vpshim_entry_lock);

	if (status || !drv->have_init) {
		pr_err("vpshim: %s: DriverEntry returned %#x%s\n", mp->name, status,
		       drv->have_init ? "" : " without a successful VideoPortInitialize");
		err = -ENODEV;
		goto free;
	}
	drv->pci.name = mp->name;
	drv->pci.id_table = mp->pci_ids;
	drv->pci.probe = vpshim_pci_probe;
	drv->pci.remove = vpshim_pci_remove;
	drv->pci.shutdown = vpshim_pci_shutdown;
	drv->pci.driver.pm = &vpshim_pm_ops;
	err = __pci_register_driver(&drv->pci, mp->owner, mp->name);
	if (err)
		goto free;
	mp->drv = drv;
	return 0;

free:
	kfree(drv);
	return err;
}
EXPORT_SYMBOL_VPSHIM(vpshim_register_miniport);

/**
 * vpshim_unregister_miniport() - unbind every device of a miniport
 * @mp: the miniport, from VPSHIM_PCI_MINIPORT()
 *
 * Each device's remaining resources are released and reported.
 */
void vpshim_unregister_miniport(struct vpshim_miniport *mp)
{
	if (!mp || !mp->drv)
		return;
	pci_unregister_driver(&mp->drv->pci);
	kfree(mp->drv);
	mp->drv = NULL;
}
EXPORT_SYMBOL_VPSHIM(vpshim_unregister_miniport);
