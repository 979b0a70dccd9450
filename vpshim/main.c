// SPDX-License-Identifier: GPL-2.0
/*
 * main.c - the vpshim module: a Windows VideoPort (videoprt.sys) API for
 * legacy video miniport drivers, on top of Linux kernel services.
 */

#include <linux/module.h>

#include "vpshim.h"

static int __init vpshim_init(void)
{
	vpshim_parts_layout();
	vpshim_debugfs_init();
	pr_info("vpshim: VideoPort shim %s loaded\n", VPSHIM_VERSION);
	return 0;
}

static void __exit vpshim_exit(void)
{
	vpshim_debugfs_exit();
	pr_info("vpshim: unloaded\n");
}

module_init(vpshim_init);
module_exit(vpshim_exit);

MODULE_DESCRIPTION("Windows VideoPort API for legacy video miniport drivers");
MODULE_AUTHOR("The vpshim developers");
MODULE_LICENSE("GPL");
MODULE_VERSION(VPSHIM_VERSION);
