/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dderror.h - the Win32 error codes that VideoPort functions return as VP_STATUS.
 *
 * Part of vpshim's Windows-facing headers. The values are the ones Windows
 * uses, so a miniport that compares against a literal still works. They are
 * plain int constants: Windows' 1L is a 32-bit long, the type of VP_STATUS,
 * which is int here. The first group is the DDK's dderror.h; the second are
 * winerror.h codes miniports return too, which they cannot get from
 * winerror.h beside the DDK headers (dderror.h stands in for it there).
 */
#ifndef _VPSHIM_DDERROR_H_
#define _VPSHIM_DDERROR_H_

#define NO_ERROR				0
#define ERROR_INVALID_FUNCTION			1
#define ERROR_NOT_ENOUGH_MEMORY			8
#define ERROR_DEV_NOT_EXIST			55
#define ERROR_INVALID_PARAMETER			87
#define ERROR_INSUFFICIENT_BUFFER		122
#define ERROR_INVALID_NAME			123
#define ERROR_BUSY				170
#define ERROR_MORE_DATA				234
#define WAIT_TIMEOUT				258
#define ERROR_IO_PENDING			997
#define ERROR_DEVICE_REINITIALIZATION_NEEDED	1164
#define ERROR_CONTINUE				1246
#define ERROR_NO_MORE_DEVICES			1248

#define ERROR_SUCCESS				0
#define ERROR_INVALID_HANDLE			6
#define ERROR_INVALID_DATA			13
#define ERROR_OUTOFMEMORY			14
#define ERROR_NOT_READY				21
#define ERROR_GEN_FAILURE			31
#define ERROR_NOT_SUPPORTED			50
#define ERROR_NO_MORE_ITEMS			259
#define ERROR_INVALID_ADDRESS			487
#define ERROR_IO_DEVICE				1117
#define ERROR_DEVICE_NOT_CONNECTED		1167
#define ERROR_NOT_FOUND				1168
#define ERROR_NO_SYSTEM_RESOURCES		1450
#define ERROR_TIMEOUT				1460

#endif /* _VPSHIM_DDERROR_H_ */
