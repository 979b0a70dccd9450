// SPDX-License-Identifier: GPL-2.0
/*
 * 6.2 on: drm_edid_connector_update() no longer adds the EDID's modes
 * (drm_edid_connector_add_modes() does); in 6.1 it adds them.
 */
#include <drm/drm_edid.h>

int vpshim_conftest_fn(struct drm_connector *connector);
int vpshim_conftest_fn(struct drm_connector *connector)
{
	return drm_edid_connector_add_modes(connector);
}
