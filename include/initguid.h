/* SPDX-License-Identifier: GPL-2.0 */
/*
 * initguid.h - from here on, DEFINE_GUID defines the GUID instead of declaring it.
 *
 * Part of vpshim's Windows-facing headers. Included in the one source file
 * that should hold the GUIDs' storage, before the headers that DEFINE_GUID
 * them. A GUID defined in several files is kept once (DECLSPEC_SELECTANY).
 */
#ifndef _VPSHIM_INITGUID_H_
#define _VPSHIM_INITGUID_H_

#define INITGUID
#include "ntdef.h"

#undef DEFINE_GUID
#define DEFINE_GUID		_VPSHIM_GUID_DEFINITION

#endif /* _VPSHIM_INITGUID_H_ */
