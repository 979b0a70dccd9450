// SPDX-License-Identifier: GPL-2.0
/*
 * vpshim_drm.c - every adapter a miniport drives becomes a DRM/KMS device.
 *
 * On Windows a miniport's partner is the kernel-mode display driver, which
 * sends it IOCTL_VIDEO_* requests. Here that partner is a DRM driver: one
 * drm_device on the PCI device the miniport binds, with the atomic helpers
 * (a primary plane with a shadow buffer, a CRTC, an encoder, a connector)
 * and GEM shmem buffers. Everything reaches the hardware through the
 * miniport, on the same checked path as a request from user space:
 *
 *   the connector's modes   IOCTL_VIDEO_QUERY_(NUM_)AVAIL_MODES, the graphics
 *                           modes of a format the plane scans out
 *   its EDID                the miniport's monitor child
 *   a mode set              IOCTL_VIDEO_SET_CURRENT_MODE, then
 *                           IOCTL_VIDEO_MAP_VIDEO_MEMORY into kernel space
 *   a plane update          the damaged rectangles copied from the shadow
 *                           buffer into that mapping at the mode's stride
 *   disabling the CRTC      IOCTL_VIDEO_UNMAP_VIDEO_MEMORY, then
 *                           IOCTL_VIDEO_RESET_DEVICE (back to text mode)
 *   the cursor plane        when the miniport has a monochrome pointer
 *                           (IOCTL_VIDEO_QUERY_POINTER_CAPABILITIES): the
 *                           image as AND/XOR masks with SET_POINTER_ATTR,
 *                           moves with SET_POINTER_POSITION, DISABLE_POINTER
 *
 * The model is the QEMU cirrus driver of recent kernels (shmem, shadow
 * plane, damage blit). The bridge takes the display over from the firmware
 * frame buffer and the VGA console (aperture_remove_conflicting_pci_devices)
 * and gives the console a frame buffer device. While it drives the
 * adapter, /dev/vpshim refuses requests that would change the display.
 * Turn it off with enable=0 or the miniport's registry value
 * VpshimDrm = dword:0.
 */

#include <linux/aperture.h>
#include <linux/iosys-map.h>
#include <linux/module.h>
#include <linux/pci.h>

#include <drm/drm_atomic.h>
#include <drm/drm_atomic_helper.h>
#include <drm/drm_atomic_state_helper.h>
#include <drm/drm_color_mgmt.h>
#include <drm/drm_connector.h>
#include <drm/drm_damage_helper.h>
#include <drm/drm_drv.h>
#include <drm/drm_edid.h>
#include <drm/drm_fb_helper.h>
#include <drm/drm_file.h>
#include <drm/drm_format_helper.h>
#include <drm/drm_fourcc.h>
#include <drm/drm_framebuffer.h>
#include <drm/drm_gem_atomic_helper.h>
#include <drm/drm_gem_framebuffer_helper.h>
#include <drm/drm_gem_shmem_helper.h>
#include <drm/drm_ioctl.h>
#include <drm/drm_managed.h>
#include <drm/drm_modes.h>
#include <drm/drm_modeset_helper.h>
#include <drm/drm_modeset_helper_vtables.h>
#include <drm/drm_print.h>
#include <drm/drm_probe_helper.h>
#include <drm/drm_rect.h>

#include "uapi/vpshim.h"
#include "vpshim.h"
#include "drm_compat.h"

static bool enable = true;
module_param(enable, bool, 0444);
MODULE_PARM_DESC(enable, "make every bound adapter a DRM device (default: yes)");

static const u64 vpshim_drm_modifiers[] = {
	DRM_FORMAT_MOD_LINEAR,
	DRM_FORMAT_MOD_INVALID
};

/* The most modes a miniport's list is read for. */
#define VPSHIM_DRM_MAX_MODES	256
/* The most pixel formats the plane offers (vpshim_display_fourcc()'s). */
#define VPSHIM_DRM_MAX_FORMATS	8
/* A palette mode's colour registers, as many as the gamma LUT has entries. */
#define VPSHIM_DRM_PALETTE	256
/* The refresh rate updates are paced to when they come faster. */
#define VPSHIM_DRM_FLUSH_HZ	60

struct vpshim_drm {
	struct drm_device drm;
	struct list_head node;			/* in vpshim_drm_devices */
	void *devres_group;			/* everything of ours on the PCI device */
	struct vpshim_device *vdev;
	struct drm_plane plane;
	struct drm_plane cursor;		/* when the miniport has a pointer */
	struct drm_crtc crtc;
	struct drm_encoder encoder;
	struct drm_connector connector;
	u8 edid[VPSHIM_CHILD_DESC_SIZE];	/* the monitor child's EDID */
	unsigned int edid_len;			/* 0: none */

	VIDEO_MODE_INFORMATION *modes;		/* the miniport's list */
	unsigned int nr_modes;
	int preferred;				/* index in modes */
	u32 formats[VPSHIM_DRM_MAX_FORMATS];	/* the plane's, of the modes */
	unsigned int nr_formats;
	u32 console_format;			/* the fbdev console's */

	/*
	 * The miniport's monochrome hardware pointer (MaxWidth x MaxHeight;
	 * 0: none), the attributes sent with SET_POINTER_ATTR, and whether
	 * it is shown.
	 */
	unsigned int pointer_w, pointer_h;
	VIDEO_POINTER_ATTRIBUTES *pointer;
	ULONG pointer_len;
	bool pointer_shown;

	struct mutex lock;			/* the mode below, its mapping, copies */
	int current_mode;			/* index in modes, -1: text mode */
	void __iomem *fb;			/* MAP_VIDEO_MEMORY, kernel space */
	PVOID fb_ram_base;			/* what UNMAP_VIDEO_MEMORY takes */
	ULONG fb_len;

	/*
	 * Updates faster than the refresh rate are copied once per refresh:
	 * the damage not yet copied, the frame buffer it is in (a reference),
	 * and when the last copy was made.
	 */
	struct delayed_work flush_work;
	spinlock_t pending_lock;		/* the three below */
	struct drm_framebuffer *pending_fb;
	struct drm_rect pending;
	unsigned long last_flush;		/* jiffies */
};

static LIST_HEAD(vpshim_drm_devices);		/* under vpshim's areas lock */

static struct vpshim_drm *to_vpshim_drm(struct drm_device *drm)
{
	return container_of(drm, struct vpshim_drm, drm);
}

/* A request to the miniport, as the display driver would send it. */
static int vpshim_drm_request(struct vpshim_drm *vd, ULONG code, const void *in, ULONG in_len,
			      void *out, ULONG out_len, ULONG_PTR *information)
{
	VP_STATUS status = NO_ERROR;
	int err;

	err = vpshim_kernel_request(vd->vdev, code, in, in_len, out, out_len, &status,
				    information);
	if (!err && status != NO_ERROR) {
		drm_dbg_driver(&vd->drm, "request %#x: status %d\n", code, status);
		err = -EIO;
	}
	return err;
}

/* ------------------------------------------------------------------ */
/* The miniport's modes and frame buffer                               */

/*
 * The plane's formats: each one a mode scans out. The console takes
 * XRGB8888 when there is such a mode, else the first format listed.
 */
static void vpshim_drm_collect_formats(struct vpshim_drm *vd)
{
	unsigned int i, j;
	u32 f;

	for (i = 0; i < vd->nr_modes; i++) {
		f = vpshim_display_fourcc(&vd->modes[i]);
		for (j = 0; f && j < vd->nr_formats && vd->formats[j] != f; j++)
			;
		if (f && j == vd->nr_formats && j < VPSHIM_DRM_MAX_FORMATS)
			vd->formats[vd->nr_formats++] = f;
	}
	vd->console_format = vd->nr_formats ? vd->formats[0] : 0;
	for (j = 0; j < vd->nr_formats; j++)
		if (vd->formats[j] == DRM_FORMAT_XRGB8888)
			vd->console_format = DRM_FORMAT_XRGB8888;
}

static bool vpshim_drm_has_format(struct vpshim_drm *vd, u32 format)
{
	unsigned int j;

	for (j = 0; j < vd->nr_formats; j++)
		if (vd->formats[j] == format)
			return true;
	return false;
}

static int vpshim_drm_read_modes(struct vpshim_drm *vd)
{
	VIDEO_NUM_MODES num = { 0 };
	VIDEO_MODE_INFORMATION current_mode = { .ModeIndex = ~0U };
	ULONG_PTR info = 0;
	size_t len;
	void *buf;
	int err;

	err = vpshim_drm_request(vd, IOCTL_VIDEO_QUERY_NUM_AVAIL_MODES, NULL, 0, &num,
				 sizeof(num), &info);
	if (err || info < sizeof(num) || !num.NumModes || !num.ModeInformationLength)
		return err ?: -ENODEV;
	num.NumModes = min_t(ULONG, num.NumModes, VPSHIM_DRM_MAX_MODES);
	if (check_mul_overflow((size_t)num.NumModes, (size_t)num.ModeInformationLength, &len) ||
	    len > VPSHIM_REQUEST_MAX_LENGTH)
		return -E2BIG;
	buf = kvzalloc(len, GFP_KERNEL);
	vd->modes = drmm_kcalloc(&vd->drm, num.NumModes, sizeof(*vd->modes), GFP_KERNEL);
	if (!buf || !vd->modes) {
		kvfree(buf);
		return -ENOMEM;
	}
	err = vpshim_drm_request(vd, IOCTL_VIDEO_QUERY_AVAIL_MODES, NULL, 0, buf, len, &info);
	if (!err)
		vd->nr_modes = vpshim_display_parse(buf, info, num.ModeInformationLength,
						    vd->modes, num.NumModes);
	kvfree(buf);
	if (err)
		return err;
	vpshim_drm_collect_formats(vd);
	if (!vd->nr_formats)
		return -ENODEV;
	/* Start where the adapter is, when that is a mode of the console's format. */
	vpshim_drm_request(vd, IOCTL_VIDEO_QUERY_CURRENT_MODE, NULL, 0, &current_mode,
			   sizeof(current_mode), NULL);
	vd->preferred = vpshim_display_preferred(vd->modes, vd->nr_modes,
						 current_mode.ModeIndex, vd->console_format);
	return vd->preferred < 0 ? -ENODEV : 0;
}

/* Leave the current mode: unmap the frame buffer, back to text mode. */
static void vpshim_drm_unset_mode(struct vpshim_drm *vd)
{
	VIDEO_MEMORY vm = { .RequestedVirtualAddress = vd->fb_ram_base };

	if (vd->fb)
		vpshim_drm_request(vd, IOCTL_VIDEO_UNMAP_VIDEO_MEMORY, &vm, sizeof(vm), NULL, 0,
				   NULL);
	if (vd->current_mode >= 0)
		vpshim_drm_request(vd, IOCTL_VIDEO_RESET_DEVICE, NULL, 0, NULL, 0, NULL);
	vd->fb = NULL;
	vd->fb_ram_base = NULL;
	vd->current_mode = -1;
	vd->pointer_shown = false;	/* text mode: the pointer is gone with the mode */
}

/* Set mode @index and map its frame buffer into kernel space. */
static int vpshim_drm_set_mode(struct vpshim_drm *vd, int index)
{
	VIDEO_MODE vm = { .RequestedMode = vd->modes[index].ModeIndex };
	VIDEO_MEMORY mem = { .RequestedVirtualAddress = NULL };	/* kernel space */
	VIDEO_MEMORY_INFORMATION vmi = { 0 };
	const VIDEO_MODE_INFORMATION *m = &vd->modes[index];
	ULONG_PTR info = 0;
	int err;

	if (vd->current_mode == index && vd->fb)
		return 0;
	vpshim_drm_unset_mode(vd);
	err = vpshim_drm_request(vd, IOCTL_VIDEO_SET_CURRENT_MODE, &vm, sizeof(vm), NULL, 0,
				 NULL);
	if (err)
		return err;
	vd->current_mode = index;
	err = vpshim_drm_request(vd, IOCTL_VIDEO_MAP_VIDEO_MEMORY, &mem, sizeof(mem), &vmi,
				 sizeof(vmi), &info);
	if (err || info < sizeof(vmi) || !vmi.FrameBufferBase)
		return err ?: -EIO;
	/* The frame buffer must hold the whole visible screen at its stride. */
	if ((u64)m->ScreenStride * m->VisScreenHeight > vmi.FrameBufferLength) {
		drm_err(&vd->drm, "mode %ux%u: frame buffer of %u bytes is too small\n",
			m->VisScreenWidth, m->VisScreenHeight, vmi.FrameBufferLength);
		vd->fb_ram_base = vmi.VideoRamBase;
		vd->fb = (void __iomem __force *)vmi.FrameBufferBase;
		return -EIO;
	}
	vd->fb = (void __iomem __force *)vmi.FrameBufferBase;
	vd->fb_ram_base = vmi.VideoRamBase;
	vd->fb_len = vmi.FrameBufferLength;
	return 0;
}

/* Copy one damaged rectangle of the shadow buffer into the frame buffer. */
static void vpshim_drm_blit(struct vpshim_drm *vd, const struct iosys_map *src,
			    struct drm_framebuffer *fb, struct drm_rect *clip)
{
	const VIDEO_MODE_INFORMATION *m = &vd->modes[vd->current_mode];
	unsigned int dst_pitch = m->ScreenStride;
	struct iosys_map dst;
	size_t offset;

	if (!vpshim_display_clip(m, vd->fb_len, clip->x1, clip->y1, clip->x2, clip->y2,
				 &offset))
		return;
	/*
	 * x86 may write its write-combined mappings with plain stores, which
	 * memcpy() makes wide; elsewhere device memory takes memcpy_toio().
	 */
	if (IS_ENABLED(CONFIG_X86))
		iosys_map_set_vaddr(&dst, (void __force *)(vd->fb + offset));
	else
		iosys_map_set_vaddr_iomem(&dst, vd->fb + offset);
	drm_fb_memcpy(&dst, &dst_pitch, src, fb, clip);
}

/* ------------------------------------------------------------------ */
/* Plane, CRTC, encoder, connector                                     */

/*
 * The helpers' plane checks, unscaled: a primary plane covers the CRTC, a
 * cursor may be anywhere (@positioned) and off.
 */
static int vpshim_drm_check_plane_state(struct drm_plane_state *new_state,
					struct vpshim_drm_atomic *state, bool positioned,
					struct drm_crtc_state **crtc_state)
{
	*crtc_state = new_state->crtc ? drm_atomic_get_new_crtc_state(state, new_state->crtc) :
					NULL;
	return drm_atomic_helper_check_plane_state(new_state, *crtc_state, DRM_PLANE_NO_SCALING,
						   DRM_PLANE_NO_SCALING, positioned, positioned);
}

static int vpshim_drm_plane_atomic_check(struct drm_plane *plane, struct vpshim_drm_atomic *state)
{
	struct drm_plane_state *new_state = drm_atomic_get_new_plane_state(state, plane);
	struct drm_plane_state *old_state = drm_atomic_get_old_plane_state(state, plane);
	struct vpshim_drm *vd = to_vpshim_drm(plane->dev);
	struct drm_crtc_state *crtc_state;
	int err;

	err = vpshim_drm_check_plane_state(new_state, state, false, &crtc_state);
	if (err || !new_state->visible)
		return err;
	/* The miniport must have this size in this format. */
	if (vpshim_display_find(vd->modes, vd->nr_modes, crtc_state->mode.hdisplay,
				crtc_state->mode.vdisplay, new_state->fb->format->format) < 0)
		return -EINVAL;
	/* Another format is another miniport mode: set it. */
	if (!old_state->fb || old_state->fb->format != new_state->fb->format)
		crtc_state->mode_changed = true;
	return 0;
}

/* Whether @fb can be copied into the current mode as it is. */
static bool vpshim_drm_fb_fits(struct vpshim_drm *vd, const struct drm_framebuffer *fb)
{
	const VIDEO_MODE_INFORMATION *m;

	if (!vd->fb || vd->current_mode < 0)
		return false;
	m = &vd->modes[vd->current_mode];
	return fb->width == m->VisScreenWidth && fb->height == m->VisScreenHeight &&
	       fb->format->format == vpshim_display_fourcc(m);
}

/* Grow @r to cover @add as well. */
static void vpshim_drm_rect_add(struct drm_rect *r, const struct drm_rect *add)
{
	r->x1 = min(r->x1, add->x1);
	r->y1 = min(r->y1, add->y1);
	r->x2 = max(r->x2, add->x2);
	r->y2 = max(r->y2, add->y2);
}

/* Forget the damage not yet copied. */
static struct drm_framebuffer *vpshim_drm_take_pending(struct vpshim_drm *vd, struct drm_rect *rect)
{
	struct drm_framebuffer *fb;

	spin_lock(&vd->pending_lock);
	fb = vd->pending_fb;
	if (rect)
		*rect = vd->pending;
	vd->pending_fb = NULL;
	spin_unlock(&vd->pending_lock);
	return fb;
}

/*
 * The paced copy: the damage gathered since the last one, in one go. It
 * holds the mode's lock while it copies, not the damage's: a client
 * reporting more damage meanwhile is not held up by it.
 */
static void vpshim_drm_flush_work(struct work_struct *work)
{
	struct vpshim_drm *vd = container_of(to_delayed_work(work), struct vpshim_drm,
					     flush_work);
	struct iosys_map map[DRM_FORMAT_MAX_PLANES], data[DRM_FORMAT_MAX_PLANES];
	struct drm_framebuffer *fb;
	struct drm_rect rect;
	int idx;

	if (!drm_dev_enter(&vd->drm, &idx))
		return;
	mutex_lock(&vd->lock);
	fb = vpshim_drm_take_pending(vd, &rect);
	if (fb && vpshim_drm_fb_fits(vd, fb) && !drm_gem_fb_vmap(fb, map, data)) {
		WRITE_ONCE(vd->last_flush, jiffies);
		vpshim_drm_blit(vd, &data[0], fb, &rect);
		drm_gem_fb_vunmap(fb, map);
	}
	mutex_unlock(&vd->lock);
	if (fb)
		drm_framebuffer_put(fb);
	drm_dev_exit(idx);
}

/* Stop the paced copy and drop what it had not copied (mode set, disable, unbind). */
static void vpshim_drm_cancel_flush(struct vpshim_drm *vd)
{
	struct drm_framebuffer *fb;

	cancel_delayed_work_sync(&vd->flush_work);
	fb = vpshim_drm_take_pending(vd, NULL);
	if (fb)
		drm_framebuffer_put(fb);
}

/*
 * Add @rect of @fb to the damage the paced copy will make. Return the frame
 * buffer it replaces, whose reference the caller drops, or NULL; false in
 * @queued when there was no damage waiting (so no copy queued) before.
 */
static struct drm_framebuffer *vpshim_drm_add_pending(struct vpshim_drm *vd,
						      struct drm_framebuffer *fb,
						      const struct drm_rect *rect, bool *queued)
{
	struct drm_framebuffer *old_fb = NULL;

	spin_lock(&vd->pending_lock);
	*queued = vd->pending_fb;
	if (!vd->pending_fb) {
		drm_framebuffer_get(fb);
		vd->pending_fb = fb;
		vd->pending = *rect;
	} else {
		/*
		 * The newest frame buffer is the picture; what was damaged in
		 * the one it replaces and not yet copied is copied from it.
		 */
		if (vd->pending_fb != fb) {
			old_fb = vd->pending_fb;
			drm_framebuffer_get(fb);
			vd->pending_fb = fb;
		}
		vpshim_drm_rect_add(&vd->pending, rect);
	}
	spin_unlock(&vd->pending_lock);
	return old_fb;
}

/*
 * Copy the damage now, unless the last copy was less than a refresh ago:
 * then it is gathered and copied at the next refresh (a display shows no
 * more; a client redrawing faster is not held up by copies it cannot see).
 * A mode set or a new frame buffer (a flip, SETCRTC) shows the new picture
 * by the time the commit returns; only damage reports (DIRTYFB) are paced.
 * The mode and its mapping change only in commits, which come one after
 * the other, so reading them here needs no lock; copying does (the paced
 * copy may be copying an older picture).
 */
static void vpshim_drm_plane_atomic_update(struct drm_plane *plane, struct vpshim_drm_atomic *state)
{
	struct drm_plane_state *new_state = drm_atomic_get_new_plane_state(state, plane);
	struct drm_plane_state *old_state = drm_atomic_get_old_plane_state(state, plane);
	struct drm_shadow_plane_state *shadow = to_drm_shadow_plane_state(new_state);
	struct vpshim_drm *vd = to_vpshim_drm(plane->dev);
	unsigned long next, interval = max(HZ / VPSHIM_DRM_FLUSH_HZ, 1);
	struct drm_atomic_helper_damage_iter iter;
	struct drm_framebuffer *fb = new_state->fb, *old_fb = NULL;
	struct drm_crtc_state *crtc_state = NULL;
	struct drm_rect damage, all, waiting;
	bool any = false, now, queued;
	int idx;

	if (!fb || !drm_dev_enter(&vd->drm, &idx))
		return;
	if (new_state->crtc)
		crtc_state = drm_atomic_get_new_crtc_state(state, new_state->crtc);
	if (!vpshim_drm_fb_fits(vd, fb))
		goto out;
	next = READ_ONCE(vd->last_flush) + interval;
	now = (crtc_state && drm_atomic_crtc_needs_modeset(crtc_state)) || fb != old_state->fb ||
	      (!READ_ONCE(vd->pending_fb) && time_after_eq(jiffies, next));
	if (now) {
		mutex_lock(&vd->lock);
		/*
		 * Damage still waiting for the paced copy is older than this
		 * picture: copied now if it is in this frame buffer, dropped if
		 * it is in another (a new frame buffer is damaged whole), so
		 * the paced copy cannot paint an old picture over this one.
		 */
		old_fb = vpshim_drm_take_pending(vd, &waiting);
		if (old_fb == fb)
			vpshim_drm_blit(vd, &shadow->data[0], fb, &waiting);
		drm_atomic_helper_damage_iter_init(&iter, old_state, new_state);
		drm_atomic_for_each_plane_damage(&iter, &damage)
			vpshim_drm_blit(vd, &shadow->data[0], fb, &damage);
		WRITE_ONCE(vd->last_flush, jiffies);
		mutex_unlock(&vd->lock);
		goto out;
	}
	drm_atomic_helper_damage_iter_init(&iter, old_state, new_state);
	drm_atomic_for_each_plane_damage(&iter, &damage) {
		if (!any)
			all = damage;
		else
			vpshim_drm_rect_add(&all, &damage);
		any = true;
	}
	if (!any)
		goto out;
	old_fb = vpshim_drm_add_pending(vd, fb, &all, &queued);
	/* Unbound: on another CPU, the copy runs beside the client drawing. */
	if (!queued)
		queue_delayed_work(system_unbound_wq, &vd->flush_work,
				   time_after(next, jiffies) ? next - jiffies : 0);
out:
	if (old_fb)
		drm_framebuffer_put(old_fb);
	drm_dev_exit(idx);
}

static const struct drm_plane_helper_funcs vpshim_drm_plane_helper_funcs = {
	DRM_GEM_SHADOW_PLANE_HELPER_FUNCS,
	.atomic_check = vpshim_drm_plane_atomic_check,
	.atomic_update = vpshim_drm_plane_atomic_update,
};

static const struct drm_plane_funcs vpshim_drm_plane_funcs = {
	.update_plane = drm_atomic_helper_update_plane,
	.disable_plane = drm_atomic_helper_disable_plane,
	.destroy = drm_plane_cleanup,
	DRM_GEM_SHADOW_PLANE_FUNCS,
};

/* The cursor plane: the miniport's pointer, through the pointer requests. */

static const u32 vpshim_drm_cursor_formats[] = { DRM_FORMAT_ARGB8888 };

static int vpshim_drm_cursor_atomic_check(struct drm_plane *plane,
					  struct vpshim_drm_atomic *state)
{
	struct drm_plane_state *new_state = drm_atomic_get_new_plane_state(state, plane);
	struct vpshim_drm *vd = to_vpshim_drm(plane->dev);
	struct drm_crtc_state *crtc_state;
	int err;

	err = vpshim_drm_check_plane_state(new_state, state, true, &crtc_state);
	if (err || !new_state->fb)
		return err;
	/* The whole image, unscaled, at most the pointer's size. */
	if (new_state->fb->width > vd->pointer_w || new_state->fb->height > vd->pointer_h ||
	    new_state->src_x || new_state->src_y ||
	    new_state->src_w >> 16 != new_state->fb->width ||
	    new_state->src_h >> 16 != new_state->fb->height)
		return -EINVAL;
	return 0;
}

static void vpshim_drm_pointer_off(struct vpshim_drm *vd)
{
	if (vd->pointer_shown)
		vpshim_drm_request(vd, IOCTL_VIDEO_DISABLE_POINTER, NULL, 0, NULL, 0, NULL);
	vd->pointer_shown = false;
}

/*
 * A new image (or a mode set, which may have reset the pointer) goes with
 * SET_POINTER_ATTR, the image as AND and XOR masks, its place and Enable;
 * a move alone with SET_POINTER_POSITION. Column and Row are the image's
 * top-left corner on the screen, as a display driver sends them.
 */
static void vpshim_drm_cursor_atomic_update(struct drm_plane *plane,
					    struct vpshim_drm_atomic *state)
{
	struct drm_plane_state *new_state = drm_atomic_get_new_plane_state(state, plane);
	struct drm_plane_state *old_state = drm_atomic_get_old_plane_state(state, plane);
	struct drm_shadow_plane_state *shadow = to_drm_shadow_plane_state(new_state);
	struct vpshim_drm *vd = to_vpshim_drm(plane->dev);
	struct drm_framebuffer *fb = new_state->fb;
	VIDEO_POINTER_ATTRIBUTES *pa = vd->pointer;
	struct drm_crtc_state *crtc_state = NULL;
	ULONG mask_len = DIV_ROUND_UP(vd->pointer_w, 8) * vd->pointer_h;
	/* The top-left corner, at most a whole pointer off the top or left edge. */
	VIDEO_POINTER_POSITION pos = {
		.Column = (SHORT)clamp(new_state->crtc_x, -(int)vd->pointer_w, S16_MAX),
		.Row = (SHORT)clamp(new_state->crtc_y, -(int)vd->pointer_h, S16_MAX),
	};
	int idx;

	if (!drm_dev_enter(&vd->drm, &idx))
		return;
	if (new_state->crtc)
		crtc_state = drm_atomic_get_new_crtc_state(state, new_state->crtc);
	if (!fb || !new_state->visible || vd->current_mode < 0) {
		vpshim_drm_pointer_off(vd);
		goto out;
	}
	if (fb != old_state->fb || !vd->pointer_shown ||
	    (crtc_state && drm_atomic_crtc_needs_modeset(crtc_state))) {
		pa->Flags = VIDEO_MODE_MONO_POINTER;
		pa->Width = vd->pointer_w;
		pa->Height = vd->pointer_h;
		pa->WidthInBytes = DIV_ROUND_UP(vd->pointer_w, 8);
		pa->Enable = 1;
		pa->Column = pos.Column;
		pa->Row = pos.Row;
		if (!vpshim_display_mono_pointer(shadow->data[0].vaddr, fb->pitches[0], fb->width,
						 fb->height, vd->pointer_w, vd->pointer_h,
						 pa->Pixels, pa->Pixels + mask_len))
			goto out;
		vd->pointer_shown = !vpshim_drm_request(vd, IOCTL_VIDEO_SET_POINTER_ATTR, pa,
							 vd->pointer_len, NULL, 0, NULL);
	} else if (new_state->crtc_x != old_state->crtc_x ||
		   new_state->crtc_y != old_state->crtc_y) {
		vpshim_drm_request(vd, IOCTL_VIDEO_SET_POINTER_POSITION, &pos, sizeof(pos), NULL,
				   0, NULL);
	}
out:
	drm_dev_exit(idx);
}

static void vpshim_drm_cursor_atomic_disable(struct drm_plane *plane,
					     struct vpshim_drm_atomic *state)
{
	struct vpshim_drm *vd = to_vpshim_drm(plane->dev);
	int idx;

	if (!drm_dev_enter(&vd->drm, &idx))
		return;
	vpshim_drm_pointer_off(vd);
	drm_dev_exit(idx);
}

static const struct drm_plane_helper_funcs vpshim_drm_cursor_helper_funcs = {
	DRM_GEM_SHADOW_PLANE_HELPER_FUNCS,
	.atomic_check = vpshim_drm_cursor_atomic_check,
	.atomic_update = vpshim_drm_cursor_atomic_update,
	.atomic_disable = vpshim_drm_cursor_atomic_disable,
};

/*
 * The miniport's pointer, if it has a monochrome one: its largest size,
 * and a buffer for the attributes with the two masks.
 */
static void vpshim_drm_query_pointer(struct vpshim_drm *vd)
{
	VIDEO_POINTER_CAPABILITIES caps = { 0 };
	ULONG_PTR info = 0;

	if (vpshim_drm_request(vd, IOCTL_VIDEO_QUERY_POINTER_CAPABILITIES, NULL, 0, &caps,
			       sizeof(caps), &info) || info < sizeof(caps) ||
	    !(caps.Flags & VIDEO_MODE_MONO_POINTER))
		return;
	/* What the legacy cursor ioctl and compositors use: 16 to 256 pixels. */
	if (caps.MaxWidth < 16 || caps.MaxHeight < 16 || caps.MaxWidth > 256 ||
	    caps.MaxHeight > 256) {
		drm_info(&vd->drm, "the miniport's %ux%u pointer is not used as a cursor\n",
			 caps.MaxWidth, caps.MaxHeight);
		return;
	}
	vd->pointer_len = offsetof(VIDEO_POINTER_ATTRIBUTES, Pixels) +
			  2 * DIV_ROUND_UP(caps.MaxWidth, 8) * caps.MaxHeight;
	vd->pointer = drmm_kzalloc(&vd->drm, vd->pointer_len, GFP_KERNEL);
	if (!vd->pointer)
		return;
	vd->pointer_w = caps.MaxWidth;
	vd->pointer_h = caps.MaxHeight;
}

static int vpshim_drm_crtc_atomic_check(struct drm_crtc *crtc, struct vpshim_drm_atomic *state)
{
	struct drm_crtc_state *crtc_state = drm_atomic_get_new_crtc_state(state, crtc);

	/* An enabled CRTC shows the primary plane. */
	if (crtc_state->enable && !(crtc_state->plane_mask & drm_plane_mask(crtc->primary)))
		return -EINVAL;
	/* The miniport has as many colour registers as the LUT has entries. */
	if (crtc_state->gamma_lut &&
	    drm_color_lut_size(crtc_state->gamma_lut) > VPSHIM_DRM_PALETTE)
		return -EINVAL;
	return 0;
}

/*
 * A palette mode's colours: the gamma LUT (a grey ramp without one) into the
 * miniport's colour registers, 8 bits a gun, after every mode set and LUT
 * change, as a Windows display driver sets the palette.
 */
static void vpshim_drm_load_palette(struct vpshim_drm *vd, const struct drm_property_blob *lut)
{
	const struct drm_color_lut *entries = lut ? lut->data : NULL;
	unsigned int i, n = lut ? drm_color_lut_size(lut) : VPSHIM_DRM_PALETTE;
	size_t len = offsetof(VIDEO_CLUT, LookupTable) + n * sizeof(VIDEO_CLUTDATA);
	VIDEO_CLUTDATA *rgb;
	VIDEO_CLUT *clut;

	clut = kzalloc(len, GFP_KERNEL);
	if (!clut)
		return;
	clut->NumEntries = n;
	clut->FirstEntry = 0;
	/* LookupTable is declared [1] and holds n: addressed past the declaration. */
	rgb = (VIDEO_CLUTDATA *)((u8 *)clut + offsetof(VIDEO_CLUT, LookupTable));
	for (i = 0; i < n; i++) {
		rgb[i].Red = entries ? entries[i].red >> 8 : i;
		rgb[i].Green = entries ? entries[i].green >> 8 : i;
		rgb[i].Blue = entries ? entries[i].blue >> 8 : i;
	}
	vpshim_drm_request(vd, IOCTL_VIDEO_SET_COLOR_REGISTERS, clut, len, NULL, 0, NULL);
	kfree(clut);
}

static void vpshim_drm_crtc_atomic_flush(struct drm_crtc *crtc, struct vpshim_drm_atomic *state)
{
	struct drm_crtc_state *crtc_state = drm_atomic_get_new_crtc_state(state, crtc);
	struct vpshim_drm *vd = to_vpshim_drm(crtc->dev);
	struct drm_plane_state *plane_state = crtc->primary->state;
	int idx;

	if (!crtc_state->active || !plane_state || !plane_state->fb ||
	    plane_state->fb->format->format != DRM_FORMAT_C8 ||
	    !(crtc_state->color_mgmt_changed || drm_atomic_crtc_needs_modeset(crtc_state)) ||
	    !drm_dev_enter(&vd->drm, &idx))
		return;
	mutex_lock(&vd->lock);
	if (vd->current_mode >= 0)
		vpshim_drm_load_palette(vd, crtc_state->gamma_lut);
	mutex_unlock(&vd->lock);
	drm_dev_exit(idx);
}

/* Set the miniport mode of the new CRTC mode and the plane's format. */
static void vpshim_drm_crtc_atomic_enable(struct drm_crtc *crtc, struct vpshim_drm_atomic *state)
{
	struct drm_crtc_state *crtc_state = drm_atomic_get_new_crtc_state(state, crtc);
	struct drm_plane_state *plane_state = drm_atomic_get_new_plane_state(state, crtc->primary);
	struct vpshim_drm *vd = to_vpshim_drm(crtc->dev);
	u32 format = vd->console_format;
	int index, idx, err;

	if (plane_state && plane_state->fb)
		format = plane_state->fb->format->format;
	index = vpshim_display_find(vd->modes, vd->nr_modes, crtc_state->mode.hdisplay,
				    crtc_state->mode.vdisplay, format);
	if (index < 0 || !drm_dev_enter(&vd->drm, &idx))
		return;
	vpshim_drm_cancel_flush(vd);
	mutex_lock(&vd->lock);
	err = vpshim_drm_set_mode(vd, index);
	mutex_unlock(&vd->lock);
	if (err)
		drm_err(&vd->drm, "cannot set %ux%u through the miniport: %pe\n",
			crtc_state->mode.hdisplay, crtc_state->mode.vdisplay, ERR_PTR(err));
	drm_dev_exit(idx);
}

static void vpshim_drm_crtc_atomic_disable(struct drm_crtc *crtc, struct vpshim_drm_atomic *state)
{
	struct vpshim_drm *vd = to_vpshim_drm(crtc->dev);
	int idx;

	if (!drm_dev_enter(&vd->drm, &idx))
		return;
	vpshim_drm_cancel_flush(vd);
	mutex_lock(&vd->lock);
	vpshim_drm_unset_mode(vd);
	mutex_unlock(&vd->lock);
	drm_dev_exit(idx);
}

static const struct drm_crtc_helper_funcs vpshim_drm_crtc_helper_funcs = {
	.atomic_check = vpshim_drm_crtc_atomic_check,
	.atomic_flush = vpshim_drm_crtc_atomic_flush,
	.atomic_enable = vpshim_drm_crtc_atomic_enable,
	.atomic_disable = vpshim_drm_crtc_atomic_disable,
};

static const struct drm_crtc_funcs vpshim_drm_crtc_funcs = {
	.reset = drm_atomic_helper_crtc_reset,
	.destroy = drm_crtc_cleanup,
	.set_config = drm_atomic_helper_set_config,
	.page_flip = drm_atomic_helper_page_flip,
	.atomic_duplicate_state = drm_atomic_helper_crtc_duplicate_state,
	.atomic_destroy_state = drm_atomic_helper_crtc_destroy_state,
};

static const struct drm_encoder_funcs vpshim_drm_encoder_funcs = {
	.destroy = drm_encoder_cleanup,
};

/* The connector's modes are the miniport's sizes (in any format we scan out). */
static int vpshim_drm_connector_get_modes(struct drm_connector *connector)
{
	struct vpshim_drm *vd = to_vpshim_drm(connector->dev);
	struct drm_display_mode *mode;
	unsigned int i, count = 0;

	vpshim_drm_connector_set_edid(connector, vd->edid, vd->edid_len);
	for (i = 0; i < vd->nr_modes; i++) {
		const VIDEO_MODE_INFORMATION *m = &vd->modes[i];

		if (vpshim_display_find(vd->modes, vd->nr_modes, m->VisScreenWidth,
					m->VisScreenHeight, 0) != (int)i)
			continue;	/* not scanned out, or a size listed already */
		mode = drm_cvt_mode(connector->dev, m->VisScreenWidth, m->VisScreenHeight,
				    m->Frequency > 1 ? m->Frequency : 60, false, false, false);
		if (!mode)
			continue;
		mode->type |= DRM_MODE_TYPE_DRIVER;
		if (m->VisScreenWidth == vd->modes[vd->preferred].VisScreenWidth &&
		    m->VisScreenHeight == vd->modes[vd->preferred].VisScreenHeight)
			mode->type |= DRM_MODE_TYPE_PREFERRED;
		drm_mode_probed_add(connector, mode);
		count++;
	}
	return count;
}

static const struct drm_connector_helper_funcs vpshim_drm_connector_helper_funcs = {
	.get_modes = vpshim_drm_connector_get_modes,
};

static const struct drm_connector_funcs vpshim_drm_connector_funcs = {
	.fill_modes = drm_helper_probe_single_connector_modes,
	.destroy = drm_connector_cleanup,
	.reset = drm_atomic_helper_connector_reset,
	.atomic_duplicate_state = drm_atomic_helper_connector_duplicate_state,
	.atomic_destroy_state = drm_atomic_helper_connector_destroy_state,
};

static enum drm_mode_status vpshim_drm_mode_valid(struct drm_device *drm,
						  const struct drm_display_mode *mode)
{
	struct vpshim_drm *vd = to_vpshim_drm(drm);

	return vpshim_display_find(vd->modes, vd->nr_modes, mode->hdisplay, mode->vdisplay,
				   0) < 0 ? MODE_BAD : MODE_OK;
}

static const struct drm_mode_config_funcs vpshim_drm_mode_config_funcs = {
	.fb_create = drm_gem_fb_create_with_dirty,
	.mode_valid = vpshim_drm_mode_valid,
	.atomic_check = drm_atomic_helper_check,
	.atomic_commit = drm_atomic_helper_commit,
};

/* The mode is set (CRTC enable) before the planes copy into it. */
static const struct drm_mode_config_helper_funcs vpshim_drm_mode_config_helper_funcs = {
	.atomic_commit_tail = drm_atomic_helper_commit_tail_rpm,
};

static int vpshim_drm_modeset_init(struct vpshim_drm *vd)
{
	struct drm_device *drm = &vd->drm;
	unsigned int i;
	int err;

	err = drmm_mode_config_init(drm);
	if (err)
		return err;
	drm->mode_config.min_width = 0;
	drm->mode_config.min_height = 0;
	for (i = 0; i < vd->nr_modes; i++) {
		drm->mode_config.max_width = max_t(int, drm->mode_config.max_width,
						   vd->modes[i].VisScreenWidth);
		drm->mode_config.max_height = max_t(int, drm->mode_config.max_height,
						    vd->modes[i].VisScreenHeight);
	}
	drm->mode_config.preferred_depth = vd->console_format == DRM_FORMAT_XRGB8888 ? 24 :
					   vd->console_format == DRM_FORMAT_C8 ? 8 : 16;
	drm->mode_config.prefer_shadow = 0;
	drm->mode_config.funcs = &vpshim_drm_mode_config_funcs;
	drm->mode_config.helper_private = &vpshim_drm_mode_config_helper_funcs;

	err = drm_universal_plane_init(drm, &vd->plane, 0, &vpshim_drm_plane_funcs,
				       vd->formats, vd->nr_formats,
				       vpshim_drm_modifiers, DRM_PLANE_TYPE_PRIMARY, NULL);
	if (err)
		return err;
	drm_plane_helper_add(&vd->plane, &vpshim_drm_plane_helper_funcs);
	drm_plane_enable_fb_damage_clips(&vd->plane);

	if (vd->pointer_w) {
		err = drm_universal_plane_init(drm, &vd->cursor, 0, &vpshim_drm_plane_funcs,
					       vpshim_drm_cursor_formats,
					       ARRAY_SIZE(vpshim_drm_cursor_formats),
					       vpshim_drm_modifiers, DRM_PLANE_TYPE_CURSOR, NULL);
		if (err)
			return err;
		drm_plane_helper_add(&vd->cursor, &vpshim_drm_cursor_helper_funcs);
		drm->mode_config.cursor_width = vd->pointer_w;
		drm->mode_config.cursor_height = vd->pointer_h;
	}
	err = drm_crtc_init_with_planes(drm, &vd->crtc, &vd->plane,
					vd->pointer_w ? &vd->cursor : NULL,
					&vpshim_drm_crtc_funcs, NULL);
	if (err)
		return err;
	drm_crtc_helper_add(&vd->crtc, &vpshim_drm_crtc_helper_funcs);
	/* A palette mode's colour registers are the CRTC's gamma LUT. */
	if (vpshim_drm_has_format(vd, DRM_FORMAT_C8)) {
		err = drm_mode_crtc_set_gamma_size(&vd->crtc, VPSHIM_DRM_PALETTE);
		if (err)
			return err;
		drm_crtc_enable_color_mgmt(&vd->crtc, 0, false, VPSHIM_DRM_PALETTE);
	}

	err = drm_encoder_init(drm, &vd->encoder, &vpshim_drm_encoder_funcs,
			       DRM_MODE_ENCODER_DAC, NULL);
	if (err)
		return err;
	vd->encoder.possible_crtcs = drm_crtc_mask(&vd->crtc);

	err = drm_connector_init(drm, &vd->connector, &vpshim_drm_connector_funcs,
				 DRM_MODE_CONNECTOR_VGA);
	if (err)
		return err;
	drm_connector_helper_add(&vd->connector, &vpshim_drm_connector_helper_funcs);
	err = drm_connector_attach_encoder(&vd->connector, &vd->encoder);
	if (err)
		return err;
	drm_mode_config_reset(drm);
	return 0;
}

DEFINE_DRM_GEM_FOPS(vpshim_drm_fops);

static const struct drm_driver vpshim_drm_driver = {
	.driver_features = DRIVER_MODESET | DRIVER_GEM | DRIVER_ATOMIC,
	.name = "vpshim",
	.desc = "Windows video miniports through vpshim",
	VPSHIM_DRM_DRIVER_DATE
	.major = 1,
	.minor = 0,
	.fops = &vpshim_drm_fops,
	DRM_GEM_SHMEM_DRIVER_OPS,
	VPSHIM_DRM_FBDEV_DRIVER_OPS
};

/* ------------------------------------------------------------------ */
/* Attaching to a bound adapter                                        */

/* A monitor child with a valid EDID: a base block and at most one extension. */
static bool vpshim_drm_take_edid(const struct vpshim_child *child, void *arg)
{
	struct vpshim_drm *vd = arg;
	const u8 *d = child->descriptor;

	if (child->type != Monitor || d[126] > 1 || !drm_edid_is_valid((struct edid *)d))
		return false;
	vd->edid_len = d[126] ? 256 : 128;
	memcpy(vd->edid, d, vd->edid_len);
	return true;
}

/* The EDID of the miniport's first monitor child, if it reported a valid one. */
static void vpshim_drm_child_edid(struct vpshim_drm *vd, struct vpshim_device *vdev)
{
	vpshim_children_visit(vdev, vpshim_drm_take_edid, vd);
}

/* Whether the miniport's registry turns the bridge off (VpshimDrm = 0). */
static bool vpshim_drm_wanted(struct vpshim_device *vdev)
{
	u32 value = 1;

	if (!enable)
		return false;
	vpshim_registry_get_dword(vdev, "VpshimDrm", &value);
	return value != 0;
}

static struct vpshim_drm *vpshim_drm_of(struct vpshim_device *vdev)
{
	struct vpshim_drm *vd;

	list_for_each_entry(vd, &vpshim_drm_devices, node)
		if (vd->vdev == vdev)
			return vd;
	return NULL;
}

static int vpshim_drm_add(struct vpshim_device *vdev)
{
	struct device *dev = vdev->dev;
	struct vpshim_drm *vd;
	void *group;
	int err;

	if (!vdev->pdev || !vpshim_drm_wanted(vdev))
		return 0;
	group = devres_open_group(dev, NULL, GFP_KERNEL);
	if (!group)
		return -ENOMEM;
	vd = devm_drm_dev_alloc(dev, &vpshim_drm_driver, struct vpshim_drm, drm);
	if (IS_ERR(vd)) {
		err = PTR_ERR(vd);
		goto release;
	}
	vd->vdev = vdev;
	vd->devres_group = group;
	vd->current_mode = -1;
	INIT_DELAYED_WORK(&vd->flush_work, vpshim_drm_flush_work);
	spin_lock_init(&vd->pending_lock);
	vd->last_flush = jiffies - HZ;		/* the first update is copied at once */
	err = drmm_mutex_init(&vd->drm, &vd->lock);
	if (err)
		goto release;
	err = vpshim_drm_read_modes(vd);
	if (err) {
		dev_info(dev, "vpshim: %s: no graphics mode the DRM bridge can show; not a DRM device\n",
			 vdev->drv ? vdev->drv->mp->name : vdev->name);
		err = 0;
		goto release;
	}
	vpshim_drm_child_edid(vd, vdev);
	vpshim_drm_query_pointer(vd);
	err = vpshim_drm_modeset_init(vd);
	if (err)
		goto release;
	/* The firmware frame buffer and the VGA console give way. */
	err = aperture_remove_conflicting_pci_devices(vdev->pdev, vpshim_drm_driver.name);
	if (err)
		goto release;
	vpshim_request_claim(vdev, "vpshim_drm");
	err = drm_dev_register(&vd->drm, 0);
	if (err) {
		vpshim_request_claim(vdev, NULL);
		goto release;
	}
	devres_close_group(dev, group);
	list_add(&vd->node, &vpshim_drm_devices);
	vpshim_drm_fbdev_setup(&vd->drm, vd->console_format == DRM_FORMAT_XRGB8888 ? 32 :
				  vd->console_format == DRM_FORMAT_C8 ? 8 : 16);
	drm_info(&vd->drm, "%u modes of %s, %ux%u preferred%s%s\n", vd->nr_modes,
		 vdev->drv ? vdev->drv->mp->name : vdev->name,
		 vd->modes[vd->preferred].VisScreenWidth, vd->modes[vd->preferred].VisScreenHeight,
		 vd->edid_len ? ", EDID of the monitor child" : "",
		 vd->pointer_w ? ", a cursor plane on the miniport's pointer" : "");
	return 0;

release:
	devres_release_group(dev, group);
	return err;
}

static void vpshim_drm_remove(struct vpshim_device *vdev)
{
	struct vpshim_drm *vd = vpshim_drm_of(vdev);

	if (!vd)
		return;
	list_del(&vd->node);
	drm_dev_unplug(&vd->drm);
	drm_atomic_helper_shutdown(&vd->drm);
	vpshim_drm_cancel_flush(vd);
	/* Unplugged, the CRTC did not reach the adapter: back to text mode here. */
	mutex_lock(&vd->lock);
	vpshim_drm_unset_mode(vd);
	mutex_unlock(&vd->lock);
	vpshim_request_claim(vdev, NULL);
	devres_release_group(vdev->dev, vd->devres_group);
}

static int vpshim_drm_power(struct vpshim_device *vdev, enum vpshim_area_event event)
{
	struct vpshim_drm *vd = vpshim_drm_of(vdev);

	if (!vd)
		return 0;
	switch (event) {
	case VPSHIM_AREA_SUSPEND:
		return drm_mode_config_helper_suspend(&vd->drm);
	case VPSHIM_AREA_RESUME:
		return drm_mode_config_helper_resume(&vd->drm);
	case VPSHIM_AREA_SHUTDOWN:
		drm_atomic_helper_shutdown(&vd->drm);
		return 0;
	}
	return 0;
}

static struct vpshim_area vpshim_drm_area = {
	.name = "vpshim_drm",
	.add = vpshim_drm_add,
	.remove = vpshim_drm_remove,
	.power = vpshim_drm_power,
};

static int __init vpshim_drm_init(void)
{
	return vpshim_area_register(&vpshim_drm_area);
}
module_init(vpshim_drm_init);

static void __exit vpshim_drm_exit(void)
{
	vpshim_area_unregister(&vpshim_drm_area);
}
module_exit(vpshim_drm_exit);

VPSHIM_IMPORT_NS();
MODULE_DESCRIPTION("vpshim: every adapter a Windows video miniport drives as a DRM device");
MODULE_LICENSE("GPL");
