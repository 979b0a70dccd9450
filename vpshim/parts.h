/* SPDX-License-Identifier: GPL-2.0 */
/*
 * parts.h - the areas with state in every device, in setup order.
 *
 * Adding an area: write its file with a VPSHIM_PART() definition, declare
 * the part here and put it in the table of parts.c. Its state and hooks
 * stay in its own file; no other area's file changes. In the table, an area
 * set up later is torn down earlier, so an area may use those above it for
 * as long as it lives:
 *
 *   debugfs   the device's directory, where the others put their files
 *   registry  the adapter key's values (read by the ones below at setup)
 *   sync      the device lock, spin locks and events
 *   pool      pool blocks
 *   maps      device mappings, claimed ranges, process mappings
 *   busdata   the ROM image
 *   packet    locked buffers and contiguous memory
 *   dma       DMA adapters and common buffers (retires packet transfers)
 *   irq       HwInterrupt and the DPC
 *   timer     HwTimer
 *   power     child devices and power states
 *   int10     the video BIOS machine
 *   requests  the request device: the first to go at unbind
 */
#ifndef _VPSHIM_PARTS_H_
#define _VPSHIM_PARTS_H_

extern struct vpshim_part vpshim_debugfs_part;
extern struct vpshim_part vpshim_registry_part;
extern struct vpshim_part vpshim_sync_part;
extern struct vpshim_part vpshim_pool_part;
extern struct vpshim_part vpshim_maps_part;
extern struct vpshim_part vpshim_busdata_part;
extern struct vpshim_part vpshim_packet_part;
extern struct vpshim_part vpshim_dma_part;
extern struct vpshim_part vpshim_irq_part;
extern struct vpshim_part vpshim_timer_part;
extern struct vpshim_part vpshim_power_part;
extern struct vpshim_part vpshim_int10_part;
extern struct vpshim_part vpshim_requests_part;

#endif /* _VPSHIM_PARTS_H_ */
