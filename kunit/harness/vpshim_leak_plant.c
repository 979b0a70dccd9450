// SPDX-License-Identifier: GPL-2.0
/*
 * vpshim_leak_plant.c - a module that leaks on purpose, so that the test
 * harness can prove its kmemleak check fails on a leak (scripts/kunit.sh).
 * Built only in test builds; never loaded beside vpshim.
 */

#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

/* What kmemleak's hex dump of the lost object shows. */
#define VPSHIM_LEAK_MARK "vpshim-planted-leak"

/*
 * Larger than a slab object: a small one can stay referenced by stale data
 * in a neighbouring object of its cache, and kmemleak then rightly keeps
 * quiet (seen on UML 7.3).
 */
#define VPSHIM_LEAK_SIZE 20000

static int __init vpshim_leak_plant_init(void)
{
	char *p = kmalloc(VPSHIM_LEAK_SIZE, GFP_KERNEL);

	if (!p)
		return -ENOMEM;
	strscpy(p, VPSHIM_LEAK_MARK, VPSHIM_LEAK_SIZE);
	/* Lose the only reference: kmemleak must find it. */
	pr_info("vpshim_leak_plant: leaked %zu bytes on purpose\n", strlen(p) + 1);
	return 0;
}
module_init(vpshim_leak_plant_init);

static void __exit vpshim_leak_plant_exit(void)
{
}
module_exit(vpshim_leak_plant_exit);

MODULE_DESCRIPTION("vpshim test harness: a deliberate memory leak");
MODULE_LICENSE("GPL");
