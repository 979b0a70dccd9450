// SPDX-License-Identifier: GPL-2.0
/* struct drm_driver lost its date field in 6.14 (it was required before). */
#include <drm/drm_drv.h>

const struct drm_driver vpshim_conftest_driver = {
	.date = "20261130",
};
