// SPDX-License-Identifier: GPL-2.0
/*
 * requests.c - the IOCTL_VIDEO_* path: a character device per adapter.
 *
 * On Windows a display driver sends IOCTL_VIDEO_* requests; videoprt turns
 * each into a VIDEO_REQUEST_PACKET and calls HwStartIO, one request at a
 * time per adapter, at PASSIVE_LEVEL, in the requesting thread. Here the
 * sender is user space: every bound adapter gets a misc device
 * /dev/vpshim/<device name> (mode 0600; udev/60-vpshim.rules opens it to
 * the video group), and one ioctl, VPSHIM_IOCTL_VIDEO_REQUEST, carries the
 * request. Everything user space hands in is checked before the miniport
 * runs: the code must be a video device's, lengths are bounded, the input
 * is copied into a zeroed kernel buffer that is both the input and output
 * buffer (METHOD_BUFFERED), and no more than the caller's output length is
 * ever copied back, whatever the miniport claims in Information.
 *
 * The device outlives its adapter while files are open: unbinding marks it
 * gone (requests then fail with -ENODEV) and revokes process mappings.
 */

#include <linux/fs.h>
#include <linux/kref.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "uapi/vpshim.h"
#include "devioctl.h"
#include "vpshim.h"

/* The request device of one adapter; files hold references. */
struct vpshim_reqdev {
	struct kref kref;
	struct mutex lock;		/* one request at a time; guards vdev */
	struct vpshim_device *vdev;	/* NULL once the adapter is unbound */
	struct list_head files;		/* open struct vpshim_file, under lock */
	struct miscdevice misc;
	char nodename[80];
};

static void vpshim_reqdev_free(struct kref *kref)
{
	struct vpshim_reqdev *rdev = container_of(kref, struct vpshim_reqdev, kref);

	mutex_destroy(&rdev->lock);
	kfree(rdev);
}

/**
 * vpshim_request_call() - hand one request to the miniport's HwStartIO
 * @vdev: the device
 * @vf: the file the request came from (NULL from inside the kernel)
 * @code: the I/O control code
 * @buf: the kernel buffer, input and output (METHOD_BUFFERED)
 * @in_len: input bytes at @buf
 * @out_len: output bytes @buf can hold
 * @status: out: the request's VP_STATUS
 * @information: out: output bytes to copy back, at most @out_len
 *
 * Context: process context, PASSIVE_LEVEL; the caller holds the request
 * device's lock or otherwise serialises requests on @vdev.
 * Return: 0, or -EINVAL when the device has no HwStartIO.
 */
int vpshim_request_call(struct vpshim_device *vdev, struct vpshim_file *vf, ULONG code,
			void *buf, ULONG in_len, ULONG out_len, VP_STATUS *status,
			ULONG_PTR *information)
{
	STATUS_BLOCK sb = { .Status = ERROR_INVALID_FUNCTION };
	VIDEO_REQUEST_PACKET vrp = {
		.IoControlCode = code,
		.StatusBlock = &sb,
		.InputBuffer = buf,
		.InputBufferLength = in_len,
		.OutputBuffer = buf,
		.OutputBufferLength = out_len,
	};

	if (!vdev->hw_start_io)
		return -EINVAL;
	vdev->request_file = vf;
	if (!vdev->hw_start_io(vdev->ext, &vrp)) {
		/* Not recognised: Windows fails it the same way. */
		sb.Status = ERROR_INVALID_FUNCTION;
		sb.Information = 0;
	}
	vdev->request_file = NULL;
	if (sb.Information > out_len) {
		dev_err_ratelimited(vdev->dev,
				    "vpshim: HwStartIO claimed %lu bytes for request %#x in a %u-byte buffer; %u returned\n",
				    sb.Information, code, out_len, out_len);
		sb.Information = out_len;
	}
	/* As the I/O manager does: no data comes back with an error status. */
	if (sb.Status != NO_ERROR && sb.Status != ERROR_MORE_DATA)
		sb.Information = 0;
	*status = sb.Status;
	*information = sb.Information;
	return 0;
}
EXPORT_SYMBOL_IF_VPSHIM_KUNIT(vpshim_request_call);

/* The checks made on a request before anything is allocated or copied. */
static int vpshim_request_check(const struct vpshim_video_request *req)
{
	if (DEVICE_TYPE_FROM_CTL_CODE(req->code) != FILE_DEVICE_VIDEO)
		return -ENOTTY;
	if (req->reserved || req->in_length > VPSHIM_REQUEST_MAX_LENGTH ||
	    req->out_length > VPSHIM_REQUEST_MAX_LENGTH)
		return -EINVAL;
	if ((req->in_length && !req->in_buffer) || (req->out_length && !req->out_buffer))
		return -EINVAL;
	return 0;
}

static long vpshim_request_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct vpshim_file *vf = file->private_data;
	struct vpshim_reqdev *rdev = vf->rdev;
	void __user *argp = (void __user *)arg;
	struct vpshim_video_request req;
	ULONG_PTR information = 0;
	VP_STATUS status = 0;
	void *buf = NULL;
	size_t len;
	int err;

	if (cmd != VPSHIM_IOCTL_VIDEO_REQUEST)
		return -ENOTTY;
	if (copy_from_user(&req, argp, sizeof(req)))
		return -EFAULT;
	err = vpshim_request_check(&req);
	if (err)
		return err;
	if (req.out_length &&
	    !access_ok(u64_to_user_ptr(req.out_buffer), req.out_length))
		return -EFAULT;
	len = max(req.in_length, req.out_length);
	if (len) {
		/* Zeroed: the miniport must not see (or return) stale kernel data. */
		buf = kvzalloc(len, GFP_KERNEL);
		if (!buf)
			return -ENOMEM;
	}
	if (req.in_length && copy_from_user(buf, u64_to_user_ptr(req.in_buffer), req.in_length)) {
		err = -EFAULT;
		goto out;
	}
	err = mutex_lock_interruptible(&rdev->lock);
	if (err)
		goto out;
	if (rdev->vdev && !rdev->vdev->suspended)
		err = vpshim_request_call(rdev->vdev, vf, req.code, buf, req.in_length,
					  req.out_length, &status, &information);
	else
		err = rdev->vdev ? -EAGAIN : -ENODEV;
	mutex_unlock(&rdev->lock);
	if (err)
		goto out;
	if (information && copy_to_user(u64_to_user_ptr(req.out_buffer), buf, information)) {
		err = -EFAULT;
		goto out;
	}
	req.status = status;
	req.information = information;
	if (copy_to_user(argp, &req, sizeof(req)))
		err = -EFAULT;
out:
	kvfree(buf);
	return err;
}

static int vpshim_request_open(struct inode *inode, struct file *file)
{
	struct miscdevice *misc = file->private_data;
	struct vpshim_reqdev *rdev = container_of(misc, struct vpshim_reqdev, misc);
	struct vpshim_file *vf;

	vf = kzalloc(sizeof(*vf), GFP_KERNEL);
	if (!vf)
		return -ENOMEM;
	/* misc_open() holds misc_mtx: the device cannot be deregistered now. */
	kref_get(&rdev->kref);
	vf->rdev = rdev;
	vf->file = file;
	file->private_data = vf;
	mutex_lock(&rdev->lock);
	list_add(&vf->node, &rdev->files);
	mutex_unlock(&rdev->lock);
	return 0;
}

static int vpshim_request_release(struct inode *inode, struct file *file)
{
	struct vpshim_file *vf = file->private_data;
	struct vpshim_reqdev *rdev = vf->rdev;

	mutex_lock(&rdev->lock);
	list_del(&vf->node);
	if (rdev->vdev)
		vpshim_user_maps_release(rdev->vdev, file);
	mutex_unlock(&rdev->lock);
	kfree(vf);
	kref_put(&rdev->kref, vpshim_reqdev_free);
	return 0;
}

static int vpshim_request_mmap(struct file *file, struct vm_area_struct *vma)
{
	return vpshim_file_mmap(file->private_data, vma);
}

static const struct file_operations vpshim_request_fops = {
	.owner = THIS_MODULE,
	.open = vpshim_request_open,
	.release = vpshim_request_release,
	.unlocked_ioctl = vpshim_request_ioctl,
	/* No compat_ioctl: the buffers hold 64-bit Windows layouts. */
	.mmap = vpshim_request_mmap,
	.llseek = noop_llseek,
};

/**
 * vpshim_request_add() - create the request device of a bound adapter
 * @vdev: the device, HwInitialize done
 *
 * Return: 0 or a negative errno.
 */
int vpshim_request_add(struct vpshim_device *vdev)
{
	struct vpshim_reqdev *rdev;
	int err;

	rdev = kzalloc(sizeof(*rdev), GFP_KERNEL);
	if (!rdev)
		return -ENOMEM;
	kref_init(&rdev->kref);
	mutex_init(&rdev->lock);
	INIT_LIST_HEAD(&rdev->files);
	rdev->vdev = vdev;
	snprintf(rdev->nodename, sizeof(rdev->nodename), "vpshim/%s", vdev->name);
	rdev->misc.minor = MISC_DYNAMIC_MINOR;
	rdev->misc.name = rdev->nodename + strlen("vpshim/");
	rdev->misc.nodename = rdev->nodename;
	rdev->misc.mode = 0600;
	rdev->misc.fops = &vpshim_request_fops;
	rdev->misc.parent = vdev->dev;
	err = misc_register(&rdev->misc);
	if (err) {
		kref_put(&rdev->kref, vpshim_reqdev_free);
		return err;
	}
	vdev->reqdev = rdev;
	return 0;
}
EXPORT_SYMBOL_IF_VPSHIM_KUNIT(vpshim_request_add);

/**
 * vpshim_request_remove() - retire the request device of an unbinding adapter
 * @vdev: the device
 *
 * Removes the device node, waits for a request in HwStartIO, then pulls the
 * device's pages out of every process that maps them through any open file
 * (touching them raises SIGBUS); open files keep a dead device that answers
 * -ENODEV.
 */
void vpshim_request_remove(struct vpshim_device *vdev)
{
	struct vpshim_reqdev *rdev = vdev->reqdev;
	struct vpshim_file *vf;

	if (!rdev)
		return;
	misc_deregister(&rdev->misc);
	mutex_lock(&rdev->lock);
	rdev->vdev = NULL;
	list_for_each_entry(vf, &rdev->files, node)
		unmap_mapping_range(vf->file->f_mapping, 0, 0, 1);
	vpshim_user_maps_release(vdev, NULL);
	mutex_unlock(&rdev->lock);
	vdev->reqdev = NULL;
	kref_put(&rdev->kref, vpshim_reqdev_free);
}

/**
 * vpshim_request_lock() - hold off requests (power transitions)
 * @vdev: the device
 *
 * Return: true when the lock is held and must be given back with
 * vpshim_request_unlock().
 */
bool vpshim_request_lock(struct vpshim_device *vdev)
{
	if (!vdev->reqdev)
		return false;
	mutex_lock(&vdev->reqdev->lock);
	return true;
}
EXPORT_SYMBOL_IF_VPSHIM_KUNIT(vpshim_request_lock);

/**
 * vpshim_request_unlock() - undo vpshim_request_lock()
 * @vdev: the device
 */
void vpshim_request_unlock(struct vpshim_device *vdev)
{
	mutex_unlock(&vdev->reqdev->lock);
}
EXPORT_SYMBOL_IF_VPSHIM_KUNIT(vpshim_request_unlock);
