// SPDX-License-Identifier: GPL-2.0
/*
 * power.c - child devices, power states, reset at shutdown, interfaces.
 *
 * Child enumeration: after HwInitialize (and whenever the miniport calls
 * VideoPortEnumerateChildren) vpshim asks HwGetVideoChildDescriptor for
 * children 1, 2, ... until VIDEO_ENUM_NO_MORE_DEVICES, keeping each child's
 * type, UId and descriptor (a monitor's EDID); debugfs shows them.
 *
 * Power: Linux system sleep becomes the miniport's power IRPs: suspend asks
 * HwGetPowerState and then HwSetPowerState for VideoPowerOff (hibernation:
 * VideoPowerHibernate), monitors first and then the adapter
 * (DISPLAY_ADAPTER_HW_ID); resume sets VideoPowerOn, the adapter first.
 * Requests wait meanwhile. At shutdown, HwResetHw puts the adapter back in a
 * text mode, as Windows does before rebooting.
 */

#include <linux/debugfs.h>
#include <linux/pm.h>
#include <linux/seq_file.h>
#include <linux/slab.h>

#include "ntddvdeo.h"
#include "vpshim.h"
#include "power.h"

#define VPSHIM_MAX_CHILDREN	16

static const char *vpshim_child_type_name(VIDEO_CHILD_TYPE type)
{
	switch (type) {
	case Monitor:
		return "Monitor";
	case NonPrimaryChip:
		return "NonPrimaryChip";
	case VideoChip:
		return "VideoChip";
	case Other:
		return "Other";
	default:
		return "unknown";
	}
}

/* An EDID block starts 00 ff ff ff ff ff ff 00 and its 128 bytes sum to 0. */
static bool vpshim_edid_valid(const UCHAR *edid)
{
	static const UCHAR header[8] = { 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0 };
	UCHAR sum = 0;
	int i;

	for (i = 0; i < 128; i++)
		sum += edid[i];
	return !memcmp(edid, header, sizeof(header)) && !sum;
}

/**
 * vpshim_children_enumerate() - (re)read the adapter's child devices
 * @vdev: the device, HwInitialize done
 *
 * Context: process context (HwGetVideoChildDescriptor may sleep).
 */
void vpshim_children_enumerate(struct vpshim_device *vdev)
{
	struct vpshim_power *pw = vpshim_power_of(vdev);
	struct vpshim_child *children;
	unsigned int n = 0, index;
	bool locked;

	if (!vdev->hw.HwGetVideoChildDescriptor)
		return;
	children = kcalloc(VPSHIM_MAX_CHILDREN, sizeof(*children), GFP_KERNEL);
	if (!children)
		return;
	/* Not beside a request or a power transition, nor while powered off. */
	locked = vpshim_request_lock(vdev);
	if (pw->suspended) {
		if (locked)
			vpshim_request_unlock(vdev);
		kfree(children);
		return;
	}
	mutex_lock(&pw->child_lock);
	for (index = 1; n < VPSHIM_MAX_CHILDREN && index <= 2 * VPSHIM_MAX_CHILDREN; index++) {
		VIDEO_CHILD_ENUM_INFO info = {
			.Size = sizeof(info),
			.ChildDescriptorSize = VPSHIM_CHILD_DESC_SIZE,
			.ChildIndex = index,
		};
		struct vpshim_child *child = &children[n];
		ULONG unused = 0;
		VP_STATUS status;

		status = vdev->hw.HwGetVideoChildDescriptor(vdev->ext, &info, &child->type,
							    child->descriptor, &child->uid,
							    &unused);
		if (status == VIDEO_ENUM_NO_MORE_DEVICES)
			break;
		if (status == VIDEO_ENUM_INVALID_DEVICE) {
			memset(child, 0, sizeof(*child));
			continue;
		}
		if (status != VIDEO_ENUM_MORE_DEVICES) {
			dev_warn(vdev->dev, "vpshim: HwGetVideoChildDescriptor(%u) returned %u; enumeration stopped\n",
				 index, status);
			break;
		}
		child->index = index;
		dev_info(vdev->dev, "vpshim: child %u: %s, UId %#x%s\n", index,
			 vpshim_child_type_name(child->type), child->uid,
			 child->type != Monitor ? "" :
			 vpshim_edid_valid(child->descriptor) ? ", EDID valid" : ", no valid EDID");
		n++;
	}
	swap(pw->children, children);
	pw->nr_children = n;
	mutex_unlock(&pw->child_lock);
	if (locked)
		vpshim_request_unlock(vdev);
	kfree(children);
}
EXPORT_SYMBOL_IF_VPSHIM_KUNIT(vpshim_children_enumerate);

/* Part release: forget the children of an unbinding device. */
static unsigned int vpshim_children_free(struct vpshim_device *vdev)
{
	struct vpshim_power *pw = vpshim_power_of(vdev);

	mutex_lock(&pw->child_lock);
	kfree(pw->children);
	pw->children = NULL;
	pw->nr_children = 0;
	mutex_unlock(&pw->child_lock);
	mutex_destroy(&pw->child_lock);
	return 0;
}

/* debugfs: one line per child, EDID in hex. */
static int vpshim_children_show(struct seq_file *m, void *unused)
{
	struct vpshim_device *vdev = m->private;
	unsigned int i;

	mutex_lock(&vpshim_power_of(vdev)->child_lock);
	for (i = 0; i < vpshim_power_of(vdev)->nr_children; i++) {
		struct vpshim_child *child = &vpshim_power_of(vdev)->children[i];

		seq_printf(m, "child %u: %s uid %#x", child->index,
			   vpshim_child_type_name(child->type), child->uid);
		/* The base block, and the first extension if it says there is one. */
		if (child->type == Monitor) {
			unsigned int len = child->descriptor[126] ? 256 : 128, off;

			seq_puts(m, " edid ");
			for (off = 0; off < len; off += 64)	/* %*ph: 64 bytes at most */
				seq_printf(m, "%*phN", 64, child->descriptor + off);
		}
		seq_putc(m, '\n');
	}
	mutex_unlock(&vpshim_power_of(vdev)->child_lock);
	return 0;
}

DEFINE_SHOW_ATTRIBUTE(vpshim_children);

/**
 * vpshim_children_visit() - look at each child the miniport reported
 * @vdev: the device
 * @visit: called for each child, under the children's lock, until it
 *	returns true; it must not call back into the miniport
 * @arg: passed to @visit
 *
 * Return: true when @visit returned true for a child.
 */
bool vpshim_children_visit(struct vpshim_device *vdev,
			   bool (*visit)(const struct vpshim_child *child, void *arg), void *arg)
{
	struct vpshim_power *pw = vpshim_power_of(vdev);
	bool found = false;
	unsigned int i;

	mutex_lock(&pw->child_lock);
	for (i = 0; i < pw->nr_children && !found; i++)
		found = visit(&pw->children[i], arg);
	mutex_unlock(&pw->child_lock);
	return found;
}
EXPORT_SYMBOL_VPSHIM(vpshim_children_visit);

/**
 * VideoPortEnumerateChildren() - have the children enumerated again
 * @HwDeviceExtension: the miniport's device extension
 * @Reserved: must be NULL
 *
 * Windows: asks Plug and Play to enumerate again, which calls
 * HwGetVideoChildDescriptor. Linux: queues that enumeration on a workqueue,
 * so it may be called from a DPC or HwInterrupt. A non-NULL @Reserved is
 * reported and ignored, as Windows ignores it; nothing is queued once the
 * device unbinds.
 *
 * Return: NO_ERROR, as on Windows; ERROR_INVALID_PARAMETER only for an
 * extension that is not a device's.
 */
VP_STATUS VideoPortEnumerateChildren(PVOID HwDeviceExtension, PVOID Reserved)
{
	struct vpshim_device *vdev;
	unsigned long flags;

	vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);
	if (!vdev)
		return ERROR_INVALID_PARAMETER;
	if (Reserved)
		vpshim_misuse(vdev, __func__, _RET_IP_, "Reserved should be NULL; ignored");
	if (vpshim_arm_lock(vdev, &flags))
		schedule_work(&vpshim_power_of(vdev)->child_work);
	vpshim_arm_unlock(vdev, flags);
	return NO_ERROR;
}
EXPORT_SYMBOL_VPSHIM(VideoPortEnumerateChildren);

static void vpshim_child_work(struct work_struct *work)
{
	vpshim_children_enumerate(container_of(work, struct vpshim_power, child_work)->vdev);
}

/* Part init: no child yet; the children file shows them once read. */
static int vpshim_children_init(struct vpshim_device *vdev)
{
	struct vpshim_power *pw = vpshim_power_of(vdev);

	pw->vdev = vdev;
	mutex_init(&pw->child_lock);
	INIT_WORK(&pw->child_work, vpshim_child_work);
	debugfs_create_file("children", 0400, vpshim_debugfs_dir(vdev), vdev,
			    &vpshim_children_fops);
	return 0;
}

/* Part bind: HwInitialize done, the children are read. */
static int vpshim_children_bind(struct vpshim_device *vdev)
{
	vpshim_children_enumerate(vdev);
	return 0;
}

/* Part stop: no enumeration runs or is queued (the device is dying). */
static void vpshim_children_stop(struct vpshim_device *vdev)
{
	cancel_work_sync(&vpshim_power_of(vdev)->child_work);
}

/* One device (child UId or the adapter): query, then set. */
static int vpshim_power_one(struct vpshim_device *vdev, ULONG hw_id, VIDEO_POWER_STATE state)
{
	VIDEO_POWER_MANAGEMENT pm = {
		.Length = sizeof(pm),
		.DPMSVersion = 0,
		.PowerState = state,
	};
	VP_STATUS status;

	if (vdev->hw.HwGetPowerState) {
		status = vdev->hw.HwGetPowerState(vdev->ext, hw_id, &pm);
		if (status != NO_ERROR) {
			dev_err(vdev->dev, "vpshim: HwGetPowerState(%#x, %u) refused: %u\n",
				hw_id, state, status);
			return -EIO;
		}
	}
	if (vdev->hw.HwSetPowerState) {
		pm.PowerState = state;
		status = vdev->hw.HwSetPowerState(vdev->ext, hw_id, &pm);
		if (status != NO_ERROR)
			dev_warn(vdev->dev, "vpshim: HwSetPowerState(%#x, %u) returned %u\n",
				 hw_id, state, status);
	}
	dev_dbg(vdev->dev, "vpshim: power state %u for %#x\n", state, hw_id);
	return 0;
}

/**
 * vpshim_power_set() - move the adapter and its monitors to a power state
 * @vdev: the device
 * @state: VideoPowerOn, or a lower state
 *
 * Powering down goes monitors first, then the adapter; powering up the
 * other way round. Requests are held off while the device is not on. When
 * the miniport refuses to power down, the monitors already down are powered
 * on again and the device stays on.
 *
 * Return: 0, or -EIO when the miniport refuses the state.
 */
int vpshim_power_set(struct vpshim_device *vdev, VIDEO_POWER_STATE state)
{
	struct vpshim_power *pw = vpshim_power_of(vdev);
	bool up = state == VideoPowerOn;
	unsigned int i, done = 0;
	bool locked;
	int err = 0;

	locked = vpshim_request_lock(vdev);
	if (up)
		err = vpshim_power_one(vdev, DISPLAY_ADAPTER_HW_ID, state);
	mutex_lock(&pw->child_lock);
	for (i = 0; i < pw->nr_children && !err; i++, done = i)
		if (pw->children[i].type == Monitor)
			err = vpshim_power_one(vdev, pw->children[i].uid, state);
	if (!up && !err)
		err = vpshim_power_one(vdev, DISPLAY_ADAPTER_HW_ID, state);
	if (!up && err)
		for (i = 0; i < done; i++)
			if (pw->children[i].type == Monitor)
				vpshim_power_one(vdev, pw->children[i].uid, VideoPowerOn);
	mutex_unlock(&pw->child_lock);
	if (!err)
		pw->suspended = !up;
	if (locked)
		vpshim_request_unlock(vdev);
	return err;
}
EXPORT_SYMBOL_IF_VPSHIM_KUNIT(vpshim_power_set);

/* Areas (the display bridge) let go before the adapter powers down. */
static int vpshim_pm_down(struct device *dev, VIDEO_POWER_STATE state)
{
	struct vpshim_device *vdev = dev_get_drvdata(dev);
	int err;

	if (!vdev)
		return 0;
	err = vpshim_areas_power(vdev, VPSHIM_AREA_SUSPEND);
	if (err)
		return err;
	err = vpshim_power_set(vdev, state);
	if (err)
		vpshim_areas_power(vdev, VPSHIM_AREA_RESUME);
	return err;
}

static int vpshim_pm_suspend(struct device *dev)
{
	return vpshim_pm_down(dev, VideoPowerOff);
}

static int vpshim_pm_hibernate(struct device *dev)
{
	return vpshim_pm_down(dev, VideoPowerHibernate);
}

static int vpshim_pm_resume(struct device *dev)
{
	struct vpshim_device *vdev = dev_get_drvdata(dev);
	int err;

	if (!vdev)
		return 0;
	err = vpshim_power_set(vdev, VideoPowerOn);
	vpshim_areas_power(vdev, VPSHIM_AREA_RESUME);
	return err;
}

const struct dev_pm_ops vpshim_pm_ops = {
	.suspend = vpshim_pm_suspend,
	.resume = vpshim_pm_resume,
	.freeze = vpshim_pm_hibernate,
	.thaw = vpshim_pm_resume,
	.poweroff = vpshim_pm_hibernate,
	.restore = vpshim_pm_resume,
};

/**
 * vpshim_shutdown() - HwResetHw before the machine reboots or powers off
 * @vdev: the device
 *
 * Windows calls it with an 80x50 text mode in mind; so does vpshim.
 */
void vpshim_shutdown(struct vpshim_device *vdev)
{
	vpshim_areas_power(vdev, VPSHIM_AREA_SHUTDOWN);
	if (!vdev->hw.HwResetHw)
		return;
	if (!vdev->hw.HwResetHw(vdev->ext, 80, 50))
		dev_info(vdev->dev, "vpshim: HwResetHw could not reset the adapter\n");
	else
		dev_info(vdev->dev, "vpshim: HwResetHw reset the adapter for shutdown\n");
}
EXPORT_SYMBOL_IF_VPSHIM_KUNIT(vpshim_shutdown);

/**
 * vpshim_query_interface() - ask a miniport for an interface (HwQueryInterface)
 * @hw_device_extension: the miniport's device extension
 * @type: the interface's GUID
 * @size: bytes at @iface
 * @version: the interface version asked for
 * @iface: the INTERFACE to fill in (a larger structure starting with one)
 * @data: interface-specific data, or NULL
 *
 * Windows sends IRP_MN_QUERY_INTERFACE from other drivers; on Linux, a
 * driver that cooperates with the miniport calls this.
 *
 * Return: the miniport's VP_STATUS, or ERROR_INVALID_FUNCTION when it has no
 * HwQueryInterface, ERROR_INVALID_PARAMETER for bad arguments.
 */
unsigned int vpshim_query_interface(void *hw_device_extension, const void *type, u16 size,
				    u16 version, void *iface, void *data)
{
	struct vpshim_device *vdev;
	QUERY_INTERFACE qi = {
		.InterfaceType = type,
		.Size = size,
		.Version = version,
		.Interface = iface,
		.InterfaceSpecificData = data,
	};

	vdev = vpshim_device_get(hw_device_extension, __func__, _RET_IP_);
	if (!vdev || !type || !iface || size < sizeof(INTERFACE))
		return ERROR_INVALID_PARAMETER;
	if (!vdev->hw.HwQueryInterface)
		return ERROR_INVALID_FUNCTION;
	return vdev->hw.HwQueryInterface(vdev->ext, &qi);
}
EXPORT_SYMBOL_VPSHIM(vpshim_query_interface);

VPSHIM_PART(power, struct vpshim_power,
	    .init = vpshim_children_init,
	    .bind = vpshim_children_bind,
	    .stop = vpshim_children_stop,
	    .release = vpshim_children_free);
EXPORT_SYMBOL_IF_VPSHIM_KUNIT(vpshim_power_part);
