// SPDX-License-Identifier: GPL-2.0
/*
 * debugfs.c - what each device holds, for people porting a miniport:
 * /sys/kernel/debug/vpshim/<device>/ holds the files the areas add (dma.c:
 * the live DMA adapters and every common buffer on them, so a leak is
 * visible before unbind reports it; power.c: the children).
 */

#include <linux/debugfs.h>
#include <linux/seq_file.h>

#include "vpshim.h"
#include "parts.h"

static struct dentry *vpshim_debugfs_root;

/* The debugfs area's state in each device. */
struct vpshim_debugfs {
	struct dentry *dir;
};

static struct vpshim_debugfs *debugfs_of(struct vpshim_device *vdev)
{
	return vpshim_part_state(vdev, &vpshim_debugfs_part);
}

/**
 * vpshim_debugfs_dir() - a device's debugfs directory, for the areas' files
 * @vdev: the device
 *
 * Failures are not errors: debugfs is for people, and its functions take
 * the error pointer of a failed creation without complaint.
 *
 * Return: the directory, or an error pointer.
 */
struct dentry *vpshim_debugfs_dir(struct vpshim_device *vdev)
{
	return debugfs_of(vdev)->dir;
}
EXPORT_SYMBOL_IF_VPSHIM_KUNIT(vpshim_debugfs_dir);

/* Part init: the device's directory, before the areas that add files. */
static int vpshim_debugfs_add(struct vpshim_device *vdev)
{
	debugfs_of(vdev)->dir = debugfs_create_dir(vdev->name, vpshim_debugfs_root);
	return 0;
}

/* Part stop: the directory and every area's file go before their state. */
static void vpshim_debugfs_remove(struct vpshim_device *vdev)
{
	debugfs_remove_recursive(debugfs_of(vdev)->dir);
	debugfs_of(vdev)->dir = NULL;
}

VPSHIM_PART(debugfs, struct vpshim_debugfs,
	    .init = vpshim_debugfs_add,
	    .stop = vpshim_debugfs_remove);

/** vpshim_debugfs_init() - create /sys/kernel/debug/vpshim */
void vpshim_debugfs_init(void)
{
	vpshim_debugfs_root = debugfs_create_dir("vpshim", NULL);
}

/** vpshim_debugfs_exit() - remove /sys/kernel/debug/vpshim */
void vpshim_debugfs_exit(void)
{
	debugfs_remove_recursive(vpshim_debugfs_root);
}
