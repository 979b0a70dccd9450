/* SPDX-License-Identifier: GPL-2.0 */
/*
 * driverspecs.h - the driver annotations (__drv_*, _IRQL_*, _Kernel_*).
 *
 * Part of vpshim's Windows-facing headers. The WDK's driver-specific SAL
 * (and kernelspecs.h's IRQL annotations), empty as they are outside the
 * Static Driver Verifier and code analysis. Function-like forms take any
 * arguments. For miniport source only, as specstrings.h.
 */
#ifndef _VPSHIM_DRIVERSPECS_H_
#define _VPSHIM_DRIVERSPECS_H_
#define DRIVERSPECS_H

#include "specstrings.h"

/* The modes of __drv_strictTypeMatch(). */
#define __drv_typeConst			0
#define __drv_typeCond			1
#define __drv_typeBitset		2
#define __drv_typeExpr			3

#define ___drv_unit_internal_kernel_driver
#define ___drv_unit_kernel_code
#define ___drv_unit_kernel_driver
#define ___drv_unit_user_code
#define ___drv_unit_user_driver
#define __drv_acquiresCancelSpinLock
#define __drv_acquiresCriticalRegion
#define __drv_acquiresExclusiveResource(...)
#define __drv_acquiresExclusiveResourceGlobal(...)
#define __drv_acquiresPriorityRegion
#define __drv_acquiresResource(...)
#define __drv_acquiresResourceGlobal(...)
#define __drv_aliasesMem
#define __drv_allocatesMem(...)
#define __drv_arg(...)
#define __drv_at(...)
#define __drv_callbackType(...)
#define __drv_clearDoInit(...)
#define __drv_completionType(...)
#define __drv_constant
#define __drv_declspec(...)
#define __drv_defined(...)
#define __drv_deref(...)
#define __drv_dispatchType(...)
#define __drv_dispatchType_other
#define __drv_floatRestored
#define __drv_floatSaved
#define __drv_floatUsed
#define __drv_formatString(...)
#define __drv_freesMem(...)
#define __drv_fun(...)
#define __drv_functionClass(...)
#define __drv_holdsCancelSpinLock(...)
#define __drv_holdsCriticalRegion(...)
#define __drv_holdsPriorityRegion(...)
#define __drv_in(...)
#define __drv_in_deref(...)
#define __drv_innerAcquiresGlobal(...)
#define __drv_innerMustHoldGlobal(...)
#define __drv_innerNeverHoldGlobal(...)
#define __drv_innerReleasesGlobal(...)
#define __drv_interlocked
#define __drv_inTry
#define __drv_IoGetDmaAdapter
#define __drv_isCancelIRQL
#define __drv_isObjectPointer
#define __drv_KMDF
#define __drv_maxFunctionIRQL(...)
#define __drv_maxIRQL(...)
#define __drv_minFunctionIRQL(...)
#define __drv_minIRQL(...)
#define __drv_Mode_impl(...)
#define __drv_mustHold(...)
#define __drv_mustHoldCancelSpinLock
#define __drv_mustHoldCriticalRegion
#define __drv_mustHoldGlobal(...)
#define __drv_mustHoldPriorityRegion
#define __drv_NDIS
#define __drv_neverHold(...)
#define __drv_neverHoldCancelSpinLock
#define __drv_neverHoldCriticalRegion
#define __drv_neverHoldGlobal(...)
#define __drv_neverHoldPriorityRegion
#define __drv_nonConstant
#define __drv_nop(...)
#define __drv_notInTry
#define __drv_notPointer
#define __drv_out(...)
#define __drv_out_deref(...)
#define __drv_preferredFunction(...)
#define __drv_raisesIRQL(...)
#define __drv_releasesCancelSpinLock
#define __drv_releasesCriticalRegion
#define __drv_releasesExclusiveResource(...)
#define __drv_releasesExclusiveResourceGlobal(...)
#define __drv_releasesPriorityRegion
#define __drv_releasesResource(...)
#define __drv_releasesResourceGlobal(...)
#define __drv_reportError(...)
#define __drv_requiresIRQL(...)
#define __drv_restoresIRQL
#define __drv_restoresIRQLGlobal(...)
#define __drv_ret(...)
#define __drv_sameIRQL
#define __drv_savesIRQL
#define __drv_savesIRQLGlobal(...)
#define __drv_setsIRQL(...)
#define __drv_strictType(...)
#define __drv_strictTypeMatch(...)
#define __drv_unit(...)
#define __drv_useCancelIRQL
#define __drv_valueIs(...)
#define __drv_WDM
#define __drv_when(...)
#define __internal_kernel_driver
#define __kernel_code
#define __kernel_driver
#define __prefast_operator_new_null
#define __prefast_operator_new_throws
#define __user_code
#define __user_driver
#define _Dispatch_type_(...)
#define _IRQL_always_function_max_(...)
#define _IRQL_always_function_min_(...)
#define _IRQL_is_cancel_
#define _IRQL_raises_(...)
#define _IRQL_requires_(...)
#define _IRQL_requires_max_(...)
#define _IRQL_requires_min_(...)
#define _IRQL_requires_same_
#define _IRQL_restores_
#define _IRQL_restores_global_(...)
#define _IRQL_saves_
#define _IRQL_saves_global_(...)
#define _IRQL_uses_cancel_
#define _Kernel_acquires_resource_(...)
#define _Kernel_clear_do_init_(...)
#define _Kernel_entry_
#define _Kernel_entry_always_
#define _Kernel_float_restored_
#define _Kernel_float_saved_
#define _Kernel_float_used_
#define _Kernel_IoGetDmaAdapter_
#define _Kernel_releases_resource_(...)
#define _Kernel_requires_resource_held_(...)
#define _Kernel_requires_resource_not_held_(...)
#define _Landmark_(...)

#endif /* _VPSHIM_DRIVERSPECS_H_ */
