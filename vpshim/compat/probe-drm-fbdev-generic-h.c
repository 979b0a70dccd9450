// SPDX-License-Identifier: GPL-2.0
/* 6.2 to 6.10 declare drm_fbdev_generic_setup() in a header of its own. */
#include <drm/drm_fbdev_generic.h>

void vpshim_conftest_fn(struct drm_device *dev);
void vpshim_conftest_fn(struct drm_device *dev)
{
	drm_fbdev_generic_setup(dev, 32);
}
