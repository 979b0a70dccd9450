// SPDX-License-Identifier: GPL-2.0
/* struct drm_atomic_state became struct drm_atomic_commit in 7.x. */
#include <drm/drm_atomic.h>

struct drm_device *vpshim_conftest_fn(struct drm_atomic_commit *state);
struct drm_device *vpshim_conftest_fn(struct drm_atomic_commit *state)
{
	return state->dev;
}
