/* SPDX-License-Identifier: GPL-2.0 */
/*
 * drm_compat.h - the DRM API differences between the kernels vpshim builds
 * against, decided by the probes in vpshim/compat/ (never by a version
 * number): the atomic state's name, the driver date, and how fbdev
 * emulation is set up.
 */
#ifndef VPSHIM_DRM_COMPAT_H
#define VPSHIM_DRM_COMPAT_H

#include <drm/drm_connector.h>
#include <drm/drm_edid.h>
#include <drm/drm_fb_helper.h>

#include "compat.h"

/*
 * struct drm_atomic_state is struct drm_atomic_commit from 7.x on; the
 * helpers' callbacks take "struct vpshim_drm_atomic *".
 */
#ifdef VPSHIM_HAVE_DRM_ATOMIC_COMMIT
#define vpshim_drm_atomic	drm_atomic_commit
#else
#define vpshim_drm_atomic	drm_atomic_state
#endif

/* struct drm_driver needed a date until 6.14, then lost the field. */
#ifdef VPSHIM_HAVE_DRM_DRIVER_DATE
#define VPSHIM_DRM_DRIVER_DATE	.date = "20261130",
#else
#define VPSHIM_DRM_DRIVER_DATE
#endif

/*
 * The connector's EDID property and display info, without the EDID's modes
 * (the miniport's list is the connector's): drm_edid_connector_update() adds
 * them in 6.1, so there the older call that does not.
 */
static inline void vpshim_drm_connector_set_edid(struct drm_connector *connector,
						 const u8 *raw, size_t len)
{
#ifdef VPSHIM_HAVE_DRM_EDID_CONNECTOR_ADD_MODES
	const struct drm_edid *edid = len ? drm_edid_alloc(raw, len) : NULL;

	drm_edid_connector_update(connector, edid);
	drm_edid_free(edid);
#else
	drm_connector_update_edid_property(connector, len ? (const struct edid *)raw : NULL);
#endif
}

/*
 * fbdev emulation: the driver's fbdev_probe and drm_client_setup() from
 * 6.13, drm_fbdev_shmem_setup() in 6.11 and 6.12, drm_fbdev_generic_setup()
 * before.
 */
#if defined(VPSHIM_HAVE_DRM_CLIENT_SETUP)
#include <drm/clients/drm_client_setup.h>
#include <drm/drm_fbdev_shmem.h>
#define VPSHIM_DRM_FBDEV_DRIVER_OPS	DRM_FBDEV_SHMEM_DRIVER_OPS,

/* @bpp is the mode_config's preferred depth here, not an argument. */
static inline void vpshim_drm_fbdev_setup(struct drm_device *drm, unsigned int bpp)
{
	drm_client_setup(drm, NULL);
}
#elif defined(VPSHIM_HAVE_DRM_FBDEV_SHMEM)
#include <drm/drm_fbdev_shmem.h>
#define VPSHIM_DRM_FBDEV_DRIVER_OPS

static inline void vpshim_drm_fbdev_setup(struct drm_device *drm, unsigned int bpp)
{
	drm_fbdev_shmem_setup(drm, bpp);
}
#else
/* 6.2 to 6.10 declare it in a header of its own, 6.1 in drm_fb_helper.h. */
#ifdef VPSHIM_HAVE_DRM_FBDEV_GENERIC_H
#include <drm/drm_fbdev_generic.h>
#endif
#define VPSHIM_DRM_FBDEV_DRIVER_OPS

static inline void vpshim_drm_fbdev_setup(struct drm_device *drm, unsigned int bpp)
{
	drm_fbdev_generic_setup(drm, bpp);
}
#endif

#endif /* VPSHIM_DRM_COMPAT_H */
