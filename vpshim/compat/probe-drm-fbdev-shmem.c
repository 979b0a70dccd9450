// SPDX-License-Identifier: GPL-2.0
/* 6.11 and 6.12: drm_fbdev_shmem_setup() (before it, drm_fbdev_generic_setup()). */
#include <drm/drm_fbdev_shmem.h>

void vpshim_conftest_fn(struct drm_device *dev);
void vpshim_conftest_fn(struct drm_device *dev)
{
	drm_fbdev_shmem_setup(dev, 32);
}
