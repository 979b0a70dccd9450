// SPDX-License-Identifier: GPL-2.0
/*
 * memattr.c - how the CPU really sees a common buffer, the evidence for what
 * CacheEnabled did: whether the device is DMA-coherent, which kernel mapping
 * the buffer lives in (the linear map, or a vmalloc remap made for a
 * non-coherent device or behind an IOMMU), and the memory type the MMU
 * applies to it. Shown per buffer in debugfs and in the common-buffer
 * tracepoint; computed only when one of them asks.
 */

#include <linux/dma-map-ops.h>
#include <linux/mm.h>
#include <linux/vmalloc.h>

#include "vpshim.h"

#if defined(CONFIG_ARM64)
#include <asm/sysreg.h>

/* The MAIR encodings Linux uses on arm64, as PAR_EL1 reports them. */
static const char *vpshim_mair_name(u8 attr)
{
	switch (attr) {
	case 0xff: return "Normal-WB";
	case 0x44: return "Normal-NC";
	case 0xbb: return "Normal-WT";
	case 0x00: return "Device-nGnRnE";
	case 0x04: return "Device-nGnRE";
	case 0x0c: return "Device-GRE";
	default: return "other";
	}
}

/* Ask the MMU itself: a stage-1 read translation, then PAR_EL1.ATTR. */
static void vpshim_memattr_arch(const void *va, char *buf, size_t size)
{
	unsigned long flags;
	u64 par;

	local_irq_save(flags);
	asm volatile("at s1e1r, %0" : : "r"(va));
	isb();
	par = read_sysreg_par();
	local_irq_restore(flags);
	if (par & 1)
		snprintf(buf, size, "no translation");
	else
		snprintf(buf, size, "attr 0x%02x %s", (u8)(par >> 56),
			 vpshim_mair_name(par >> 56));
}
#elif defined(CONFIG_X86) && !defined(CONFIG_UML)
#include <asm/pgtable.h>

/*
 * The PTE's cache bits, named by the PAT layout Linux programs on x86
 * (entries WB, WC, UC-, UC, WB, WP, UC-, WT).
 */
static void vpshim_memattr_arch(const void *va, char *buf, size_t size)
{
	static const char * const names[] = { "WB", "WC", "UC-", "UC", "WB", "WP", "UC-", "WT" };
	unsigned int level, idx;
	pteval_t flags;
	pte_t *pte;

	pte = lookup_address((unsigned long)va, &level);
	if (!pte || !pte_present(*pte)) {
		snprintf(buf, size, "no translation");
		return;
	}
	flags = pte_flags(*pte);
	idx = (flags & _PAGE_PWT ? 1 : 0) | (flags & _PAGE_PCD ? 2 : 0) |
	      (flags & (level == PG_LEVEL_4K ? _PAGE_PAT : _PAGE_PAT_LARGE) ? 4 : 0);
	snprintf(buf, size, "pat %u %s", idx, names[idx]);
}
#else
static void vpshim_memattr_arch(const void *va, char *buf, size_t size)
{
	snprintf(buf, size, "not read on this architecture");
}
#endif

/**
 * vpshim_memattr_get() - describe how the CPU maps a common buffer
 * @dev: the device the buffer was allocated for
 * @cpu_addr: the buffer's kernel address
 * @ma: filled in
 */
void vpshim_memattr_get(struct device *dev, const void *cpu_addr, struct vpshim_memattr *ma)
{
	ma->coherent = dev_is_dma_coherent(dev);
	if (is_vmalloc_addr(cpu_addr))
		ma->map = "vmalloc";
	else if (virt_addr_valid(cpu_addr))
		ma->map = "linear";
	else
		ma->map = "other";
	vpshim_memattr_arch(cpu_addr, ma->attr, sizeof(ma->attr));
}
