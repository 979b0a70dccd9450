// SPDX-License-Identifier: GPL-2.0
/* vm_flags became read-only in 6.3: vm_flags_set() changes them since. */
#include <linux/mm.h>

void vpshim_conftest_fn(struct vm_area_struct *vma);
void vpshim_conftest_fn(struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_IO);
}
