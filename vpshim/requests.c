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
 *
 * Nobody can stall the system through it. Open and release take only the
 * short files lock, never the request lock (misc_open() holds the kernel's
 * misc_mtx around our open). A request waits for its adapter killably;
 * user memory is only touched outside the request lock, so unbind waits at
 * most for one HwStartIO, whose waits end early once the adapter unbinds,
 * the requester is killed or the request's time budget (request_timeout_ms)
 * runs out. Each adapter has VPSHIM_REQUEST_SLOTS request buffers at most
 * in flight, allocated after the slot is taken and charged to the caller's
 * memory cgroup.
 */

#include <linux/fs.h>
#include <linux/kref.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/pagemap.h>
#include <linux/sched/signal.h>
#include <linux/semaphore.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "uapi/vpshim.h"
#include "devioctl.h"
#include "vpshim.h"
#include "power.h"
#include "requests.h"

static unsigned int max_request_bytes = VPSHIM_REQUEST_MAX_LENGTH;
module_param(max_request_bytes, uint, 0644);
MODULE_PARM_DESC(max_request_bytes,
		 "largest input or output buffer of one request (default and most: 1 MiB)");

static unsigned int request_timeout_ms = 10000;
module_param(request_timeout_ms, uint, 0644);
MODULE_PARM_DESC(request_timeout_ms,
		 "time after which the miniport's waits and stalls in a request end at once (ms)");

/* Requests of one adapter that may hold a buffer at once: one runs, one waits. */
#define VPSHIM_REQUEST_SLOTS	2

/* The request device of one adapter; files hold references. */
struct vpshim_reqdev {
	struct kref kref;
	struct mutex req_lock;		/* one HwStartIO at a time */
	struct semaphore slots;		/* requests holding a buffer */
	struct mutex files_lock;	/* files */
	struct vpshim_device *vdev;	/* NULL once unbound; set under both locks */
	struct list_head files;		/* open struct vpshim_file, under files_lock */
	const char *owner;		/* a kernel user of the display, under req_lock */
	struct miscdevice misc;
	char nodename[80];
};

static void vpshim_reqdev_free(struct kref *kref)
{
	struct vpshim_reqdev *rdev = container_of(kref, struct vpshim_reqdev, kref);

	mutex_destroy(&rdev->req_lock);
	mutex_destroy(&rdev->files_lock);
	kfree(rdev);
}

/**
 * vpshim_request_of() - the request the calling thread is handling
 * @vdev: the device
 *
 * Return: the file of the request in HwStartIO if the caller is the thread
 * running it, else NULL (another thread, or no request).
 */
struct vpshim_file *vpshim_request_of(struct vpshim_device *vdev)
{
	struct vpshim_requests *rq = vpshim_requests_of(vdev);

	return READ_ONCE(rq->task) == current ? rq->file : NULL;
}

/**
 * vpshim_wait_aborted() - whether a miniport's wait or stall should end now
 * @vdev: the device
 *
 * Windows ends the waits of a dying thread; here a wait ends when the
 * adapter is unbinding, the waiting task has a fatal signal, or the request
 * it is running has used up its time budget. The miniport sees the wait
 * time out (WAIT_TIMEOUT) or the stall end early.
 *
 * Return: true when the caller should stop waiting.
 */
bool vpshim_wait_aborted(struct vpshim_device *vdev)
{
	if (READ_ONCE(vdev->dying))
		return true;
	if (!in_task())
		return false;
	if (fatal_signal_pending(current))
		return true;
	return READ_ONCE(vpshim_requests_of(vdev)->task) == current &&
	       time_after(jiffies, READ_ONCE(vpshim_requests_of(vdev)->deadline));
}

/* The statuses whose Information is the size a too-small buffer needed. */
static bool vpshim_status_reports_size(VP_STATUS status)
{
	return status == ERROR_INSUFFICIENT_BUFFER || status == ERROR_MORE_DATA;
}

/* The bytes of an answer that go back: none with an error, at most @out_len. */
static size_t vpshim_request_data_len(VP_STATUS status, ULONG_PTR information, ULONG out_len)
{
	if (status != NO_ERROR && status != ERROR_MORE_DATA)
		return 0;
	return min_t(ULONG_PTR, information, out_len);
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
 * @information: out: output bytes to copy back, at most @out_len; with
 *	ERROR_INSUFFICIENT_BUFFER or ERROR_MORE_DATA the size the miniport said
 *	it needs, which may be more (vpshim_request_data_len() is what to copy)
 *
 * Context: process context, PASSIVE_LEVEL; the caller holds the request
 * device's lock or otherwise serialises requests on @vdev.
 * Return: 0, or -EINVAL when the device has no HwStartIO.
 */
int vpshim_request_call(struct vpshim_device *vdev, struct vpshim_file *vf, ULONG code,
			void *buf, ULONG in_len, ULONG out_len, VP_STATUS *status,
			ULONG_PTR *information)
{
	struct vpshim_requests *rq = vpshim_requests_of(vdev);

	STATUS_BLOCK sb = { .Status = ERROR_INVALID_FUNCTION };
	VIDEO_REQUEST_PACKET vrp = {
		.IoControlCode = code,
		.StatusBlock = &sb,
		.InputBuffer = buf,
		.InputBufferLength = in_len,
		.OutputBuffer = buf,
		.OutputBufferLength = out_len,
	};

	if (!vdev->hw.HwStartIO)
		return -EINVAL;
	rq->file = vf;
	WRITE_ONCE(rq->deadline,
		   jiffies + msecs_to_jiffies(READ_ONCE(request_timeout_ms)));
	WRITE_ONCE(rq->task, current);
	vpshim_device_lock(vdev);
	if (!vdev->hw.HwStartIO(vdev->ext, &vrp)) {
		/* Not recognised: Windows fails it the same way. */
		sb.Status = ERROR_INVALID_FUNCTION;
		sb.Information = 0;
	}
	vpshim_device_unlock(vdev);
	WRITE_ONCE(rq->task, NULL);
	rq->file = NULL;
	/*
	 * The DDK idiom: a buffer too small gets ERROR_INSUFFICIENT_BUFFER or
	 * ERROR_MORE_DATA with Information the size needed; that size goes
	 * back as it is (vpshim_request_data_len() bounds what is copied).
	 */
	if (sb.Information > out_len && !vpshim_status_reports_size(sb.Status)) {
		dev_err_ratelimited(vdev->dev,
				    "vpshim: HwStartIO claimed %lu bytes for request %#x in a %u-byte buffer; %u returned\n",
				    sb.Information, code, out_len, out_len);
		sb.Information = out_len;
	}
	/* As the I/O manager does: no data comes back with an error status. */
	if (sb.Status != NO_ERROR && !vpshim_status_reports_size(sb.Status))
		sb.Information = 0;
	*status = sb.Status;
	*information = sb.Information;
	return 0;
}
EXPORT_SYMBOL_IF_VPSHIM_KUNIT(vpshim_request_call);

/* The checks made on a request before anything is allocated or copied. */
static int vpshim_request_check(const struct vpshim_video_request *req)
{
	u32 max = min_t(u32, READ_ONCE(max_request_bytes), VPSHIM_REQUEST_MAX_LENGTH);

	if (DEVICE_TYPE_FROM_CTL_CODE(req->code) != FILE_DEVICE_VIDEO)
		return -ENOTTY;
	if (req->reserved || req->in_length > max || req->out_length > max)
		return -EINVAL;
	if ((req->in_length && !req->in_buffer) || (req->out_length && !req->out_buffer))
		return -EINVAL;
	return 0;
}

/* The requests that change nothing: they may go on while the kernel drives the display. */
static bool vpshim_request_reads_only(ULONG code)
{
	switch (code) {
	case IOCTL_VIDEO_QUERY_AVAIL_MODES:
	case IOCTL_VIDEO_QUERY_NUM_AVAIL_MODES:
	case IOCTL_VIDEO_QUERY_CURRENT_MODE:
	case IOCTL_VIDEO_QUERY_COLOR_CAPABILITIES:
	case IOCTL_VIDEO_QUERY_CURSOR_ATTR:
	case IOCTL_VIDEO_QUERY_CURSOR_POSITION:
	case IOCTL_VIDEO_QUERY_POINTER_ATTR:
	case IOCTL_VIDEO_QUERY_POINTER_CAPABILITIES:
	case IOCTL_VIDEO_QUERY_POINTER_POSITION:
	case IOCTL_VIDEO_GET_POWER_MANAGEMENT:
	case IOCTL_VIDEO_GET_CHILD_STATE:
	case IOCTL_VIDEO_GET_BANK_SELECT_CODE:
	case IOCTL_VIDEO_QUERY_SUPPORTED_BRIGHTNESS:
	case IOCTL_VIDEO_QUERY_DISPLAY_BRIGHTNESS:
	case IOCTL_VIDEO_IS_VGA_DEVICE:
		return true;
	default:
		return false;
	}
}

static int vpshim_request_busy(struct vpshim_device *vdev, const char *owner, ULONG code)
{
	dev_info_ratelimited(vdev->dev,
			     "vpshim: %s drives the display; request %#x from %s[%d] refused\n",
			     owner, code, current->comm, task_pid_nr(current));
	return -EBUSY;
}

/*
 * Hand the request to the adapter, holding the request lock only around
 * HwStartIO (and the mappings it makes in the caller's process), never
 * while user memory is read or written.
 */
static int vpshim_request_run(struct vpshim_reqdev *rdev, struct vpshim_file *vf,
			      struct vpshim_video_request *req, void *buf, ULONG_PTR *information)
{
	struct vpshim_device *vdev;
	VP_STATUS status = 0;
	int err;

	err = mutex_lock_killable(&rdev->req_lock);
	if (err)
		return err;
	vdev = rdev->vdev;
	if (!vdev)
		err = -ENODEV;
	else if (vpshim_power_of(vdev)->suspended)
		err = -EAGAIN;
	else if (rdev->owner && !vpshim_request_reads_only(req->code))
		err = vpshim_request_busy(vdev, rdev->owner, req->code);
	else
		err = vpshim_request_call(vdev, vf, req->code, buf, req->in_length,
					  req->out_length, &status, information);
	if (!err && vpshim_request_data_len(status, *information, req->out_length))
		err = vpshim_request_outgoing(vdev, vf, req->code, buf,
					      vpshim_request_data_len(status, *information,
								      req->out_length));
	mutex_unlock(&rdev->req_lock);
	req->status = status;
	return err;
}

/*
 * IOCTL_VIDEO_SAVE/RESTORE_HARDWARE_STATE carry a pointer: the
 * VIDEO_HARDWARE_STATE in the input names the caller's state buffer, and VGA
 * miniports read and write through it (on Windows the caller is in the
 * kernel). From user space the buffer is bounced: the miniport gets a kernel
 * copy, and what it wrote there goes back to the caller's buffer.
 */
struct vpshim_state_bounce {
	void __user *user;		/* the caller's StateHeader */
	void *kernel;			/* what the miniport gets instead */
	void *original;			/* the kernel copy as it came in */
	u32 len;
};

static bool vpshim_request_has_state(u32 code)
{
	return code == IOCTL_VIDEO_SAVE_HARDWARE_STATE ||
	       code == IOCTL_VIDEO_RESTORE_HARDWARE_STATE;
}

static int vpshim_state_bounce_in(struct vpshim_video_request *req, void *buf,
				  struct vpshim_state_bounce *b)
{
	u32 max = min_t(u32, READ_ONCE(max_request_bytes), VPSHIM_REQUEST_MAX_LENGTH);
	VIDEO_HARDWARE_STATE *hs = buf;

	if (!vpshim_request_has_state(req->code) || req->in_length < sizeof(*hs) ||
	    !hs->StateHeader)
		return 0;
	if (!hs->StateLength || hs->StateLength > max)
		return -EINVAL;
	b->user = (void __user __force *)hs->StateHeader;
	b->len = hs->StateLength;
	b->kernel = kvmalloc(b->len, GFP_KERNEL_ACCOUNT);
	b->original = kvmalloc(b->len, GFP_KERNEL_ACCOUNT);
	if (!b->kernel || !b->original)
		return -ENOMEM;
	if (copy_from_user(b->kernel, b->user, b->len))
		return -EFAULT;
	memcpy(b->original, b->kernel, b->len);
	hs->StateHeader = b->kernel;
	return 0;
}

/*
 * After the request: the caller's pointer back in the answer, and the state
 * the miniport wrote back into the caller's buffer (only if it wrote one:
 * a miniport may keep the state in the answer itself, which then wins).
 */
static void vpshim_state_bounce_out(void *buf, size_t data_len, struct vpshim_state_bounce *b,
				    bool *write_state)
{
	VIDEO_HARDWARE_STATE *hs = buf;

	*write_state = false;
	if (!b->kernel)
		return;
	if (data_len >= sizeof(*hs) && hs->StateHeader == b->kernel)
		hs->StateHeader = (PVIDEO_HARDWARE_STATE_HEADER __force)b->user;
	*write_state = memcmp(b->kernel, b->original, b->len);
}

static void vpshim_state_bounce_free(struct vpshim_state_bounce *b)
{
	kvfree(b->kernel);
	kvfree(b->original);
}

static long vpshim_request_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct vpshim_file *vf = file->private_data;
	struct vpshim_reqdev *rdev = vf->rdev;
	void __user *argp = (void __user *)arg;
	void __user *out;
	struct vpshim_state_bounce bounce = { 0 };
	struct vpshim_video_request req;
	ULONG_PTR information = 0;
	bool write_state;
	void *buf = NULL;
	size_t len, data;
	int err;

	if (cmd != VPSHIM_IOCTL_VIDEO_REQUEST)
		return -ENOTTY;
	if (copy_from_user(&req, argp, sizeof(req)))
		return -EFAULT;
	err = vpshim_request_check(&req);
	if (err)
		return err;
	out = u64_to_user_ptr(req.out_buffer);
	/* Proven writable before the miniport acts, without writing to it. */
	if (req.out_length && fault_in_safe_writeable(out, req.out_length))
		return -EFAULT;
	err = down_killable(&rdev->slots);
	if (err)
		return err;
	len = max(req.in_length, req.out_length);
	if (len) {
		/* Zeroed: the miniport must not see (or return) stale kernel data. */
		buf = kvzalloc(len, GFP_KERNEL_ACCOUNT);
		if (!buf) {
			err = -ENOMEM;
			goto up;
		}
	}
	if (req.in_length && copy_from_user(buf, u64_to_user_ptr(req.in_buffer), req.in_length)) {
		err = -EFAULT;
		goto out;
	}
	err = vpshim_state_bounce_in(&req, buf, &bounce);
	if (err)
		goto out;
	err = vpshim_request_run(rdev, vf, &req, buf, &information);
	if (err)
		goto out;
	data = vpshim_request_data_len(req.status, information, req.out_length);
	vpshim_state_bounce_out(buf, data, &bounce, &write_state);
	if (data && copy_to_user(out, buf, data)) {
		err = -EFAULT;
		goto out;
	}
	if (write_state && copy_to_user(bounce.user, bounce.kernel, bounce.len)) {
		err = -EFAULT;
		goto out;
	}
	req.information = information;
	if (copy_to_user(argp, &req, sizeof(req)))
		err = -EFAULT;
out:
	vpshim_state_bounce_free(&bounce);
	kvfree(buf);
up:
	up(&rdev->slots);
	return err;
}

static int vpshim_request_open(struct inode *inode, struct file *file)
{
	struct miscdevice *misc = file->private_data;
	struct vpshim_reqdev *rdev = container_of(misc, struct vpshim_reqdev, misc);
	struct vpshim_file *vf;

	vf = kzalloc(sizeof(*vf), GFP_KERNEL_ACCOUNT);
	if (!vf)
		return -ENOMEM;
	/* misc_open() holds misc_mtx: the device cannot be deregistered now. */
	kref_get(&rdev->kref);
	vf->rdev = rdev;
	vf->file = file;
	file->private_data = vf;
	mutex_lock(&rdev->files_lock);
	list_add(&vf->node, &rdev->files);
	mutex_unlock(&rdev->files_lock);
	return 0;
}

static int vpshim_request_release(struct inode *inode, struct file *file)
{
	struct vpshim_file *vf = file->private_data;
	struct vpshim_reqdev *rdev = vf->rdev;

	/*
	 * No request of this file runs (an ioctl holds the file), and unbind
	 * clears vdev under files_lock too: the device cannot go meanwhile.
	 */
	mutex_lock(&rdev->files_lock);
	list_del(&vf->node);
	if (rdev->vdev)
		vpshim_user_maps_release(rdev->vdev, file);
	mutex_unlock(&rdev->files_lock);
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
	mutex_init(&rdev->req_lock);
	mutex_init(&rdev->files_lock);
	sema_init(&rdev->slots, VPSHIM_REQUEST_SLOTS);
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
	vpshim_requests_of(vdev)->reqdev = rdev;
	return 0;
}
EXPORT_SYMBOL_IF_VPSHIM_KUNIT(vpshim_request_add);

/**
 * vpshim_kernel_request() - send the miniport a request from inside the kernel
 * @vdev: the device, bound
 * @code: the I/O control code
 * @in: input bytes, or NULL
 * @in_len: how many
 * @out: where the output goes, or NULL
 * @out_len: how much it can take
 * @status: out: the request's VP_STATUS
 * @information: out: output bytes written to @out, or NULL
 *
 * What a kernel-mode display driver's EngDeviceIoControl is on Windows, for
 * vpshim's own areas (the DRM bridge): the same checked path as a request
 * from user space (one request at a time, METHOD_BUFFERED in a zeroed
 * buffer, Information bounded by @out_len), without the user copies.
 * Kernel addresses in the answer stay as they are.
 *
 * Context: process context; sleeps.
 * Return: 0 (the miniport saw the request), -EINVAL for lengths above
 * 1 MiB, -ENOMEM, -ENODEV once the adapter unbinds, -EAGAIN while suspended.
 */
int vpshim_kernel_request(struct vpshim_device *vdev, ULONG code, const void *in, ULONG in_len,
			  void *out, ULONG out_len, VP_STATUS *status, ULONG_PTR *information)
{
	struct vpshim_reqdev *rdev = vpshim_requests_of(vdev)->reqdev;
	ULONG_PTR info = 0;
	void *buf;
	int err;

	if (!rdev)
		return -ENODEV;
	if (in_len > VPSHIM_REQUEST_MAX_LENGTH || out_len > VPSHIM_REQUEST_MAX_LENGTH ||
	    (in_len && !in) || (out_len && !out))
		return -EINVAL;
	buf = kvzalloc(max3(in_len, out_len, 1U), GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	if (in_len)
		memcpy(buf, in, in_len);
	mutex_lock(&rdev->req_lock);
	if (!rdev->vdev)
		err = -ENODEV;
	else if (vpshim_power_of(vdev)->suspended)
		err = -EAGAIN;
	else
		err = vpshim_request_call(vdev, NULL, code, buf, in_len, out_len, status, &info);
	mutex_unlock(&rdev->req_lock);
	if (!err)
		memcpy(out, buf, vpshim_request_data_len(*status, info, out_len));
	if (information)
		*information = err ? 0 : info;
	kvfree(buf);
	return err;
}
EXPORT_SYMBOL_VPSHIM(vpshim_kernel_request);

/**
 * vpshim_request_claim() - a kernel driver takes (or gives back) the display
 * @vdev: the device, bound
 * @owner: the driver's name, or NULL to give the display back
 *
 * While it is claimed, user requests that would change the adapter's state
 * (a mode, a palette, a mapping of the frame buffer...) are refused with
 * EBUSY and a message; the ones that only read it still work.
 */
void vpshim_request_claim(struct vpshim_device *vdev, const char *owner)
{
	struct vpshim_reqdev *rdev = vpshim_requests_of(vdev)->reqdev;

	if (!rdev)
		return;
	mutex_lock(&rdev->req_lock);
	rdev->owner = owner;
	mutex_unlock(&rdev->req_lock);
}
EXPORT_SYMBOL_VPSHIM(vpshim_request_claim);

/*
 * Part stop: retire the request device of an unbinding adapter, already
 * marked dying. Removes the device node, waits for a request in HwStartIO
 * (its waits end at once now), then pulls the device's pages out of every process that maps
 * them through any open file (touching them raises SIGBUS); open files keep a
 * dead device that answers -ENODEV.
 */
static void vpshim_request_remove(struct vpshim_device *vdev)
{
	struct vpshim_reqdev *rdev = vpshim_requests_of(vdev)->reqdev;
	struct vpshim_file *vf;

	if (!rdev)
		return;
	misc_deregister(&rdev->misc);
	mutex_lock(&rdev->req_lock);
	mutex_lock(&rdev->files_lock);
	rdev->vdev = NULL;
	/* Revoked first, so that no fault maps a page back in after the zap. */
	vpshim_user_maps_release(vdev, NULL);
	list_for_each_entry(vf, &rdev->files, node)
		unmap_mapping_range(vf->file->f_mapping, 0, 0, 1);
	mutex_unlock(&rdev->files_lock);
	mutex_unlock(&rdev->req_lock);
	vpshim_requests_of(vdev)->reqdev = NULL;
	kref_put(&rdev->kref, vpshim_reqdev_free);
}

/* Part bind: the request device appears once HwInitialize is done. */
static int vpshim_request_bind(struct vpshim_device *vdev)
{
	return vpshim_request_add(vdev);
}

VPSHIM_PART(requests, struct vpshim_requests,
	    .bind = vpshim_request_bind,
	    .stop = vpshim_request_remove);
EXPORT_SYMBOL_IF_VPSHIM_KUNIT(vpshim_requests_part);

/**
 * vpshim_request_lock() - hold off requests (power transitions)
 * @vdev: the device
 *
 * Context: the driver core's device lock is held (PM callbacks, shutdown),
 * which also keeps unbind, the only writer of the request device pointer, away.
 * Return: true when the lock is held and must be given back with
 * vpshim_request_unlock().
 */
bool vpshim_request_lock(struct vpshim_device *vdev)
{
	struct vpshim_reqdev *rdev = READ_ONCE(vpshim_requests_of(vdev)->reqdev);

	if (!rdev)
		return false;
	mutex_lock(&rdev->req_lock);
	return true;
}
EXPORT_SYMBOL_IF_VPSHIM_KUNIT(vpshim_request_lock);

/**
 * vpshim_request_unlock() - undo vpshim_request_lock()
 * @vdev: the device
 */
void vpshim_request_unlock(struct vpshim_device *vdev)
{
	mutex_unlock(&vpshim_requests_of(vdev)->reqdev->req_lock);
}
EXPORT_SYMBOL_IF_VPSHIM_KUNIT(vpshim_request_unlock);
