/* SPDX-License-Identifier: GPL-2.0 */
/*
 * compat.h - the kernel API changes vpshim meets between 6.1 and the newest
 * kernels Debian carries, in one place.
 *
 * What a macro test can decide (a name that is a macro on every kernel) is
 * decided here with #ifdef; the rest comes from the try-compile probes of
 * compat/conftest.sh, run by Kbuild against the headers being built against
 * (compat/probed.h). Newer names are provided on older
 * kernels, so the code is written against the current API and this file
 * shrinks as old kernels are dropped. No version number is tested.
 */
#ifndef _VPSHIM_COMPAT_H_
#define _VPSHIM_COMPAT_H_

#include <linux/export.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/timer.h>

#include "compat/probed.h"

/*
 * Symbol namespaces: bare identifiers up to 6.12, string literals from 6.13
 * on; VPSHIM_NS() gives a name the form the kernel wants. VPSHIM holds the
 * VideoPort API; VPSHIM_INTERNAL what only the KUnit suites import (test
 * builds only).
 */
#ifdef VPSHIM_HAVE_NS_IDENTIFIER
#define VPSHIM_NS(name)			name
#else
#define VPSHIM_NS(name)			#name
#endif
#define EXPORT_SYMBOL_VPSHIM(sym)	EXPORT_SYMBOL_NS_GPL(sym, VPSHIM_NS(VPSHIM))
#define VPSHIM_IMPORT_NS()		MODULE_IMPORT_NS(VPSHIM_NS(VPSHIM))
#define VPSHIM_IMPORT_INTERNAL_NS()	MODULE_IMPORT_NS(VPSHIM_NS(VPSHIM_INTERNAL))

/* PCI_IRQ_LEGACY became PCI_IRQ_INTX in 6.8; the old name is gone by 6.12. */
#ifndef PCI_IRQ_INTX
#define PCI_IRQ_INTX PCI_IRQ_LEGACY
#endif

/* from_timer() became timer_container_of() in 6.16. */
#ifndef timer_container_of
#define timer_container_of(var, callback_timer, field) \
	from_timer(var, callback_timer, field)
#endif

/* del_timer*() became timer_delete*() in 6.2; the old names are gone. */
#ifndef VPSHIM_HAVE_TIMER_DELETE
static inline int timer_delete(struct timer_list *timer)
{
	return del_timer(timer);
}

static inline int timer_delete_sync(struct timer_list *timer)
{
	return del_timer_sync(timer);
}
#endif

/* vm_flags is changed through vm_flags_set() from 6.3 on. */
#ifndef VPSHIM_HAVE_VM_FLAGS_SET
static inline void vm_flags_set(struct vm_area_struct *vma, unsigned long flags)
{
	vma->vm_flags |= flags;
}
#endif

/* hex_to_bin() moved to <linux/hex.h> in 7.x. */
#ifdef VPSHIM_HAVE_HEX_H
#include <linux/hex.h>
#endif

#endif /* _VPSHIM_COMPAT_H_ */
