// SPDX-License-Identifier: GPL-2.0
/*
 * vpshim_bench.c - what the VideoPort DMA calls cost over the raw Linux calls.
 *
 * Loaded once, it measures on one device (QEMU's edu PCI device when
 * present, else a platform device) and prints ratios from the same run:
 *  - VideoPortAllocateCommonBuffer + VideoPortReleaseCommonBuffer against
 *    dma_alloc_coherent + dma_free_coherent, for 4 KiB and 64 KiB;
 *  - one VideoPortReleaseCommonBuffer with 100,000 buffers outstanding
 *    against one with 10 outstanding.
 * Raw and shim runs alternate in rounds and the fastest round of each is
 * kept, so a burst of noise does not land on one side only.
 */

#include <linux/module.h>
#include <linux/pci.h>
#include <linux/platform_device.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>

#include "video.h"
#include "vpshim_miniport.h"

static unsigned int rounds = 7;
module_param(rounds, uint, 0444);
MODULE_PARM_DESC(rounds, "alternating raw/shim rounds, fastest kept");

static unsigned int iterations = 2000;
module_param(iterations, uint, 0444);
MODULE_PARM_DESC(iterations, "alloc+free pairs per round");

static unsigned int many = 100000;
module_param(many, uint, 0444);
MODULE_PARM_DESC(many, "buffers outstanding in the large release case");

static struct device *bench_dev;
static void *bench_ext;
static PVP_DMA_ADAPTER bench_adapter;

/* Nanoseconds per raw dma_alloc_coherent + dma_free_coherent pair. */
static u64 bench_raw_pair(size_t size)
{
	dma_addr_t dma;
	u64 t0, t;
	void *cpu;
	unsigned int i;

	t0 = ktime_get_ns();
	for (i = 0; i < iterations; i++) {
		cpu = dma_alloc_coherent(bench_dev, size, &dma, GFP_KERNEL);
		if (!cpu)
			return U64_MAX;
		dma_free_coherent(bench_dev, size, cpu, dma);
	}
	t = ktime_get_ns() - t0;
	return div_u64(t, iterations);
}

/* Nanoseconds per VideoPortAllocateCommonBuffer + Release pair. */
static u64 bench_shim_pair(ULONG size)
{
	PHYSICAL_ADDRESS logical;
	unsigned int i;
	u64 t0, t;
	void *cpu;

	t0 = ktime_get_ns();
	for (i = 0; i < iterations; i++) {
		cpu = VideoPortAllocateCommonBuffer(bench_ext, bench_adapter, size, &logical,
						    TRUE, NULL);
		if (!cpu)
			return U64_MAX;
		VideoPortReleaseCommonBuffer(bench_ext, bench_adapter, size, logical, cpu, TRUE);
	}
	t = ktime_get_ns() - t0;
	return div_u64(t, iterations);
}

static void bench_print_ratio(const char *what, u64 base, u64 shim, unsigned int target)
{
	u64 milli = base ? div64_u64(shim * 1000, base) : 0;

	pr_info("vpshim-bench: %s: raw %llu ns, shim %llu ns, ratio %llu.%03llu (target <= %u.%03u) %s\n",
		what, base, shim, div_u64(milli, 1000), milli % 1000, target / 1000,
		target % 1000, milli <= target ? "MET" : "MISSED");
}

static void bench_alloc(size_t size, const char *what)
{
	u64 raw = U64_MAX, shim = U64_MAX;
	unsigned int r;

	for (r = 0; r < rounds; r++) {
		raw = min(raw, bench_raw_pair(size));
		shim = min(shim, bench_shim_pair(size));
		cond_resched();
	}
	bench_print_ratio(what, raw, shim, 1050);
}

/* HwVidExecuteDma for the benchmark: the device would be programmed here. */
static VOID bench_execute(PVOID ext, PVP_DMA_ADAPTER adapter, PVP_SCATTER_GATHER_LIST list,
			  PVOID context)
{
	*(PVP_SCATTER_GATHER_LIST *)context = list;
}

/*
 * Packet DMA of @size bytes of kernel memory: VideoPortStartDma +
 * CompleteDma against dma_map_sgtable + dma_unmap_sgtable of the same pages
 * (an sg_table built once), and against a Linux driver's whole per-transfer
 * path (sg_alloc_table_from_pages, map, unmap, sg_free_table).
 */
static void bench_packet(size_t size, const char *what)
{
	u64 raw = U64_MAX, full = U64_MAX, shim = U64_MAX, t0;
	unsigned int nr = DIV_ROUND_UP(size, PAGE_SIZE), r, i;
	PVP_SCATTER_GATHER_LIST list;
	struct page **pages;
	struct sg_table sgt;
	void *buf;
	PVOID mdl;
	ULONG len;

	buf = kmalloc(size, GFP_KERNEL);
	pages = kcalloc(nr, sizeof(*pages), GFP_KERNEL);
	if (!buf || !pages)
		goto out;
	for (i = 0; i < nr; i++)
		pages[i] = virt_to_page(buf + i * PAGE_SIZE);
	mdl = VideoPortLockBuffer(bench_ext, buf, size, VpReadAccess);
	if (!mdl || sg_alloc_table_from_pages(&sgt, pages, nr, 0, size, GFP_KERNEL))
		goto unlock;
	for (r = 0; r < rounds; r++) {
		t0 = ktime_get_ns();
		for (i = 0; i < iterations; i++) {
			if (dma_map_sgtable(bench_dev, &sgt, DMA_TO_DEVICE, 0))
				goto free_table;
			dma_unmap_sgtable(bench_dev, &sgt, DMA_TO_DEVICE, 0);
		}
		raw = min(raw, div_u64(ktime_get_ns() - t0, iterations));

		t0 = ktime_get_ns();
		for (i = 0; i < iterations; i++) {
			struct sg_table one;

			if (sg_alloc_table_from_pages(&one, pages, nr, 0, size, GFP_KERNEL))
				goto free_table;
			if (dma_map_sgtable(bench_dev, &one, DMA_TO_DEVICE, 0)) {
				sg_free_table(&one);
				goto free_table;
			}
			dma_unmap_sgtable(bench_dev, &one, DMA_TO_DEVICE, 0);
			sg_free_table(&one);
		}
		full = min(full, div_u64(ktime_get_ns() - t0, iterations));

		t0 = ktime_get_ns();
		for (i = 0; i < iterations; i++) {
			len = size;
			if (VideoPortStartDma(bench_ext, bench_adapter, mdl, 0, &len, bench_execute,
					      &list, TRUE) != NO_ERROR)
				goto free_table;
			VideoPortCompleteDma(bench_ext, bench_adapter, list, TRUE);
		}
		shim = min(shim, div_u64(ktime_get_ns() - t0, iterations));
		cond_resched();
	}
	pr_info("vpshim-bench: %s: map+unmap %llu ns, with sg_table build %llu ns, StartDma+CompleteDma %llu ns\n",
		what, raw, full, shim);
	bench_print_ratio(what, raw, shim, 1050);
	bench_print_ratio("  (against the whole Linux per-transfer path)", full, shim, 1050);
free_table:
	sg_free_table(&sgt);
unlock:
	if (mdl)
		VideoPortUnlockBuffer(bench_ext, mdl);
out:
	kfree(pages);
	kfree(buf);
}

struct bench_buf {
	void *cpu;
	PHYSICAL_ADDRESS logical;
};

#define BENCH_BATCH	100

/*
 * Fastest release (per buffer, timed over a batch of fresh buffers) with
 * @outstanding others held on the same adapter.
 */
static u64 bench_release_with(struct bench_buf *held, unsigned int outstanding)
{
	struct bench_buf batch[BENCH_BATCH];
	u64 best = U64_MAX, t0, t;
	unsigned int i, r, n;

	for (i = 0; i < outstanding; i++) {
		held[i].cpu = VideoPortAllocateCommonBuffer(bench_ext, bench_adapter, PAGE_SIZE,
							    &held[i].logical, TRUE, NULL);
		if (!held[i].cpu) {
			outstanding = i;
			goto out;
		}
	}
	for (r = 0; r < rounds * 4; r++) {
		for (n = 0; n < BENCH_BATCH; n++) {
			batch[n].cpu = VideoPortAllocateCommonBuffer(bench_ext, bench_adapter,
								     PAGE_SIZE, &batch[n].logical,
								     TRUE, NULL);
			if (!batch[n].cpu)
				break;
		}
		t0 = ktime_get_ns();
		for (i = 0; i < n; i++)
			VideoPortReleaseCommonBuffer(bench_ext, bench_adapter, PAGE_SIZE,
						     batch[i].logical, batch[i].cpu, TRUE);
		t = ktime_get_ns() - t0;
		if (n == BENCH_BATCH)
			best = min(best, div_u64(t, n));
		cond_resched();
	}
out:
	for (i = 0; i < outstanding; i++)
		VideoPortReleaseCommonBuffer(bench_ext, bench_adapter, PAGE_SIZE, held[i].logical,
					     held[i].cpu, TRUE);
	return best;
}

static void bench_release_scaling(void)
{
	struct bench_buf *held;
	u64 few, lots;

	held = kvcalloc(many, sizeof(*held), GFP_KERNEL);
	if (!held)
		return;
	few = bench_release_with(held, 10);
	lots = bench_release_with(held, many);
	kvfree(held);
	pr_info("vpshim-bench: release with %u outstanding vs 10 (the 'raw' column is 10):\n",
		many);
	bench_print_ratio("release scaling", few, lots, 1200);
}

static struct platform_device *bench_pdev;
static struct pci_dev *bench_pci;

static int __init vpshim_bench_init(void)
{
	VP_DEVICE_DESCRIPTION desc = {
		.ScatterGather = TRUE,
		.Dma32BitAddresses = TRUE,
		.MaximumLength = 64 * 1024,
	};

	bench_pci = pci_get_device(0x1234, 0x11e8, NULL);
	if (bench_pci) {
		bench_dev = &bench_pci->dev;
	} else {
		bench_pdev = platform_device_register_simple("vpshim-bench", -1, NULL, 0);
		if (IS_ERR(bench_pdev))
			return PTR_ERR(bench_pdev);
		bench_dev = &bench_pdev->dev;
	}
	bench_ext = vpshim_device_attach(bench_dev, 64);
	if (!bench_ext)
		goto fail;
	bench_adapter = VideoPortGetDmaAdapter(bench_ext, &desc);
	if (!bench_adapter)
		goto detach;

	pr_info("vpshim-bench: device %s, %u rounds of %u pairs\n", dev_name(bench_dev),
		rounds, iterations);
	bench_alloc(SZ_4K, "alloc+release 4 KiB");
	bench_alloc(SZ_64K, "alloc+release 64 KiB");
	bench_release_scaling();
	bench_packet(SZ_16K, "packet DMA 16 KiB");

	VideoPortPutDmaAdapter(bench_ext, bench_adapter);
	vpshim_device_detach(bench_ext);
	pr_info("vpshim-bench: done\n");
	return 0;

detach:
	vpshim_device_detach(bench_ext);
fail:
	pr_err("vpshim-bench: no DMA-capable device\n");
	if (bench_pdev)
		platform_device_unregister(bench_pdev);
	pci_dev_put(bench_pci);
	return -ENODEV;
}

static void __exit vpshim_bench_exit(void)
{
	if (bench_pdev)
		platform_device_unregister(bench_pdev);
	pci_dev_put(bench_pci);
}

module_init(vpshim_bench_init);
module_exit(vpshim_bench_exit);

MODULE_DESCRIPTION("vpshim benchmarks against the raw Linux DMA calls");
MODULE_LICENSE("GPL");
VPSHIM_IMPORT_NS();
