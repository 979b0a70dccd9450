// SPDX-License-Identifier: GPL-2.0
/*
 * debugfs.c - what each device holds, for people porting a miniport:
 * /sys/kernel/debug/vpshim/<device>/dma lists the live DMA adapters and
 * every common buffer on them, so a leak is visible before unbind reports it.
 */

#include <linux/debugfs.h>
#include <linux/seq_file.h>

#include "vpshim.h"

static struct dentry *vpshim_debugfs_root;

static void vpshim_debugfs_adapter(struct seq_file *m, struct vpshim_dma_adapter *adapter)
{
	struct vpshim_common_buffer *buf;
	struct rhashtable_iter iter;
	struct vpshim_memattr ma;

	seq_printf(m, "adapter%s: %u-bit, MaximumLength %u, %u buffers\n",
		   adapter->legacy ? " (VideoPortGetCommonBuffer)" : "", adapter->mask_bits,
		   adapter->max_length, vpshim_dma_nr_buffers(adapter));
	rhashtable_walk_enter(&adapter->buffers, &iter);
	rhashtable_walk_start(&iter);
	while ((buf = rhashtable_walk_next(&iter))) {
		if (IS_ERR(buf))
			continue;
		vpshim_memattr_get(adapter->vdev->dev, buf->cpu_addr, &ma);
		seq_printf(m, "  logical %pad, %u bytes, CacheEnabled %d: %s device, %s map, %s\n",
			   &buf->dma_addr, buf->length, buf->cached,
			   ma.coherent ? "coherent" : "non-coherent", ma.map, ma.attr);
	}
	rhashtable_walk_stop(&iter);
	rhashtable_walk_exit(&iter);
}

/**
 * vpshim_dma_show() - the dma file: adapters, then their buffers
 * @m: the seq_file; m->private is the vpshim_device
 * @unused: unused
 *
 * Return: 0.
 */
int vpshim_dma_show(struct seq_file *m, void *unused)
{
	struct vpshim_device *vdev = m->private;
	struct vpshim_dma_adapter *adapter;
	unsigned int n = 0;

	mutex_lock(&vdev->lock);
	list_for_each_entry(adapter, &vdev->adapters, node) {
		vpshim_debugfs_adapter(m, adapter);
		n++;
	}
	mutex_unlock(&vdev->lock);
	seq_printf(m, "%u DMA adapters\n", n);
	return 0;
}
EXPORT_SYMBOL_IF_VPSHIM_KUNIT(vpshim_dma_show);
DEFINE_SHOW_ATTRIBUTE(vpshim_dma);
DEFINE_SHOW_ATTRIBUTE(vpshim_children);

/**
 * vpshim_debugfs_add() - give a device its debugfs directory
 * @vdev: the device, fully set up
 *
 * Failures are not errors: debugfs is for people, and its functions take
 * the error pointers of a failed creation without complaint.
 */
void vpshim_debugfs_add(struct vpshim_device *vdev)
{
	vdev->debugfs = debugfs_create_dir(vdev->name, vpshim_debugfs_root);
	debugfs_create_file("dma", 0400, vdev->debugfs, vdev, &vpshim_dma_fops);
	debugfs_create_file("children", 0400, vdev->debugfs, vdev, &vpshim_children_fops);
}

/**
 * vpshim_debugfs_remove() - remove a device's debugfs directory
 * @vdev: the device, before it is freed
 */
void vpshim_debugfs_remove(struct vpshim_device *vdev)
{
	debugfs_remove_recursive(vdev->debugfs);
	vdev->debugfs = NULL;
}

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
