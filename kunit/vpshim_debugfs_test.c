// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for vpshim/debugfs.c: the dma file lists what a device holds.
 */

#include <kunit/test.h>
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/platform_device.h>
#include <linux/slab.h>

#include "vpshim.h"

/*
 * The text of the device's dma file. debugfs files cannot be read with
 * kernel_read() (the proxy has no read_iter), so run the show function on a
 * seq_file of our own, and check separately that the file exists.
 */
static char *debugfs_test_read(struct kunit *test, void *ext)
{
	struct vpshim_device *vdev = vpshim_device_get(ext, __func__, 0);
	struct seq_file m = { .size = 4096, .private = vdev };
	struct dentry *file;

	KUNIT_ASSERT_NOT_NULL(test, vdev);
	file = debugfs_lookup("dma", vpshim_debugfs_dir(vdev));
	KUNIT_EXPECT_NOT_NULL_MSG(test, file, "no dma file for %s", vdev->name);
	dput(file);
	m.buf = kunit_kzalloc(test, m.size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, m.buf);
	mutex_init(&m.lock);
	KUNIT_EXPECT_EQ(test, vpshim_dma_show(&m, NULL), 0);
	KUNIT_EXPECT_LT(test, m.count, m.size);
	return m.buf;
}

/* Whether /sys/kernel/debug/vpshim/<name> exists. */
static bool debugfs_test_dir_exists(const char *name)
{
	struct dentry *root, *dir;

	root = debugfs_lookup("vpshim", NULL);
	dir = root ? debugfs_lookup(name, root) : NULL;
	dput(dir);
	dput(root);
	return dir;
}

/* How UML maps a common buffer, either CacheEnabled (memattr.c). */
#define UML_DMA "coherent device, linear map, "

static void dma_file_lists_adapters_and_buffers(struct kunit *test)
{
	VP_DEVICE_DESCRIPTION desc = { .Dma32BitAddresses = TRUE, .MaximumLength = SZ_64K };
	struct platform_device *pdev;
	PHYSICAL_ADDRESS l1, l2;
	PVP_DMA_ADAPTER adapter;
	void *ext, *b1, *b2;
	char *text;

	pdev = platform_device_register_simple("vpshim-debugfs-test", 1, NULL, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR_OR_NULL(pdev));
	ext = vpshim_device_attach(&pdev->dev, 8);
	KUNIT_ASSERT_NOT_NULL(test, ext);

	KUNIT_EXPECT_TRUE(test, debugfs_test_dir_exists(dev_name(&pdev->dev)));
	text = debugfs_test_read(test, ext);
	KUNIT_EXPECT_STREQ(test, text, "0 DMA adapters\n");

	adapter = VideoPortGetDmaAdapter(ext, &desc);
	KUNIT_ASSERT_NOT_NULL(test, adapter);
	b1 = VideoPortAllocateCommonBuffer(ext, adapter, SZ_4K, &l1, TRUE, NULL);
	b2 = VideoPortAllocateCommonBuffer(ext, adapter, SZ_8K, &l2, FALSE, NULL);
	KUNIT_ASSERT_NOT_NULL(test, b1);
	KUNIT_ASSERT_NOT_NULL(test, b2);
	text = debugfs_test_read(test, ext);
	KUNIT_EXPECT_NOT_NULL(test,
			      strstr(text, "adapter: 32-bit, MaximumLength 65536, 2 buffers\n"));
	/* UML's DMA is coherent; its buffers are pages of the linear map. */
	KUNIT_EXPECT_NOT_NULL(test, strstr(text, "4096 bytes, CacheEnabled 1: " UML_DMA));
	KUNIT_EXPECT_NOT_NULL(test, strstr(text, "8192 bytes, CacheEnabled 0: " UML_DMA));
	KUNIT_EXPECT_NOT_NULL(test, strstr(text, "1 DMA adapters\n"));

	VideoPortReleaseCommonBuffer(ext, adapter, SZ_4K, l1, b1, TRUE);
	VideoPortReleaseCommonBuffer(ext, adapter, SZ_8K, l2, b2, FALSE);
	VideoPortPutDmaAdapter(ext, adapter);
	KUNIT_EXPECT_EQ(test, vpshim_device_detach(ext), 0U);
	/* The directory goes with the device. */
	KUNIT_EXPECT_FALSE(test, debugfs_test_dir_exists(dev_name(&pdev->dev)));
	platform_device_unregister(pdev);
}

static struct kunit_case vpshim_debugfs_cases[] = {
	KUNIT_CASE(dma_file_lists_adapters_and_buffers),
	{}
};

static struct kunit_suite vpshim_debugfs_suite = {
	.name = "vpshim_debugfs",
	.test_cases = vpshim_debugfs_cases,
};

kunit_test_suite(vpshim_debugfs_suite);
