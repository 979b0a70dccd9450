/* SPDX-License-Identifier: GPL-2.0 */
/*
 * videoagp.h - the AGP services a video miniport gets from the port driver.
 *
 * Part of vpshim's Windows-facing headers; video.h includes it, as the DDK's
 * does. VideoPortGetAgpServices fills a VIDEO_PORT_AGP_SERVICES table, and
 * VideoPortQueryServices(VideoPortServicesAGP) a VIDEO_PORT_AGP_INTERFACE
 * (video.h) with the same callbacks. Layouts are those of 64-bit Windows.
 */
#ifndef _VPSHIM_VIDEOAGP_H_
#define _VPSHIM_VIDEOAGP_H_

#include "miniport.h"

/* The AgpRate argument of AgpSetRate */
#define VIDEO_AGP_RATE_1X		0x00000001
#define VIDEO_AGP_RATE_2X		0x00000002
#define VIDEO_AGP_RATE_4X		0x00000004
#define VIDEO_AGP_RATE_8X		0x00000008

/* The Caching argument of AgpReservePhysical */
typedef enum _VIDEO_PORT_CACHE_TYPE {
	VpNonCached = 0,
	VpWriteCombined,
	VpCached
} VIDEO_PORT_CACHE_TYPE;

typedef void
	(*PAGP_RELEASE_PHYSICAL)(PVOID HwDeviceExtension, PVOID PhysicalReserveContext);
typedef PHYSICAL_ADDRESS
	(*PAGP_RESERVE_PHYSICAL)(PVOID HwDeviceExtension, ULONG Pages,
				 VIDEO_PORT_CACHE_TYPE Caching, PVOID *PhysicalReserveContext);
typedef BOOLEAN
	(*PAGP_COMMIT_PHYSICAL)(PVOID HwDeviceExtension, PVOID PhysicalReserveContext,
				ULONG Pages, ULONG Offset);
typedef void
	(*PAGP_FREE_PHYSICAL)(PVOID HwDeviceExtension, PVOID PhysicalReserveContext,
			      ULONG Pages, ULONG Offset);
typedef PVOID
	(*PAGP_RESERVE_VIRTUAL)(PVOID HwDeviceExtension, HANDLE ProcessHandle,
				PVOID PhysicalReserveContext, PVOID *VirtualReserveContext);
typedef void
	(*PAGP_RELEASE_VIRTUAL)(PVOID HwDeviceExtension, PVOID VirtualReserveContext);
typedef PVOID
	(*PAGP_COMMIT_VIRTUAL)(PVOID HwDeviceExtension, PVOID VirtualReserveContext,
			       ULONG Pages, ULONG Offset);
typedef void
	(*PAGP_FREE_VIRTUAL)(PVOID HwDeviceExtension, PVOID VirtualReserveContext,
			     ULONG Pages, ULONG Offset);
typedef BOOLEAN
	(*PAGP_SET_RATE)(PVOID HwDeviceExtension, ULONG AgpRate);

typedef struct _VIDEO_PORT_AGP_SERVICES {
	PAGP_RESERVE_PHYSICAL AgpReservePhysical;
	PAGP_RELEASE_PHYSICAL AgpReleasePhysical;
	PAGP_COMMIT_PHYSICAL AgpCommitPhysical;
	PAGP_FREE_PHYSICAL AgpFreePhysical;
	PAGP_RESERVE_VIRTUAL AgpReserveVirtual;
	PAGP_RELEASE_VIRTUAL AgpReleaseVirtual;
	PAGP_COMMIT_VIRTUAL AgpCommitVirtual;
	PAGP_FREE_VIRTUAL AgpFreeVirtual;
	ULONGLONG AllocationLimit;
} VIDEO_PORT_AGP_SERVICES, *PVIDEO_PORT_AGP_SERVICES;

C_ASSERT(sizeof(VIDEO_PORT_AGP_SERVICES) == 72);

BOOLEAN VideoPortGetAgpServices(PVOID HwDeviceExtension, PVIDEO_PORT_AGP_SERVICES AgpServices);

#endif /* _VPSHIM_VIDEOAGP_H_ */
