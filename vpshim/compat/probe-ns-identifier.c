// SPDX-License-Identifier: GPL-2.0
/* Symbol namespaces were bare identifiers until 6.13, string literals since. */
#include <linux/export.h>
#include <linux/module.h>

int vpshim_conftest_fn(void);
int vpshim_conftest_fn(void)
{
	return 0;
}
EXPORT_SYMBOL_NS_GPL(vpshim_conftest_fn, VPSHIM_CONFTEST);
MODULE_IMPORT_NS(VPSHIM_CONFTEST);
