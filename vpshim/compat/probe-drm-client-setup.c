// SPDX-License-Identifier: GPL-2.0
/* 6.13 on: fbdev emulation through the driver's ops and drm_client_setup(). */
#include <drm/clients/drm_client_setup.h>
#include <drm/drm_drv.h>
#include <drm/drm_fbdev_shmem.h>

static const struct drm_driver vpshim_conftest_driver = {
	DRM_FBDEV_SHMEM_DRIVER_OPS,
};

const struct drm_driver *vpshim_conftest_fn(struct drm_device *dev);
const struct drm_driver *vpshim_conftest_fn(struct drm_device *dev)
{
	drm_client_setup(dev, NULL);
	return &vpshim_conftest_driver;
}
