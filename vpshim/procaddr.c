// SPDX-License-Identifier: GPL-2.0
/*
 * procaddr.c - VideoPortGetProcAddress: VideoPort functions by name.
 *
 * Miniports written for several Windows versions look optional functions up
 * at run time. The table lists every function vpshim exports; a name that is
 * not in it gets NULL, which is how Windows says "not available here".
 * Some Windows pages (VideoPortRegisterBugcheckCallback's) tell miniports to
 * find the function this way rather than link against it.
 */

#include <linux/string.h>

#include "vpshim.h"

#define VPSHIM_PROC(fn)	{ #fn, (void *)(fn) }

/*
 * Every VideoPort function vpshim exports, generated at build time from
 * the EXPORT_SYMBOL_VPSHIM() lines of the vpshim sources (see Kbuild), so
 * that a new export can never be missing here.
 */
static const struct {
	const char *name;
	void *fn;
} vpshim_procs[] = {
#include "procaddr_table.h"
};

/**
 * VideoPortGetProcAddress() - find a VideoPort function by name
 * @HwDeviceExtension: the miniport's device extension
 * @FunctionName: NUL-terminated ASCII name, e.g. "VideoPortGetCommonBuffer"
 *
 * Windows: the callback in VIDEO_PORT_CONFIG_INFO for functions a miniport
 * does not link against. Linux: a lookup in vpshim's export table.
 *
 * Return: the function, or NULL when vpshim does not provide it (or the
 * arguments are invalid).
 */
PVOID VideoPortGetProcAddress(PVOID HwDeviceExtension, PUCHAR FunctionName)
{
	size_t i;

	if (!vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_) || !FunctionName)
		return NULL;
	for (i = 0; i < ARRAY_SIZE(vpshim_procs); i++)
		if (!strcmp(vpshim_procs[i].name, (const char *)FunctionName))
			return vpshim_procs[i].fn;
	pr_debug("vpshim: %s: %s is not provided\n", __func__, FunctionName);
	return NULL;
}
EXPORT_SYMBOL_VPSHIM(VideoPortGetProcAddress);
