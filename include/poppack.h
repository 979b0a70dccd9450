/* SPDX-License-Identifier: GPL-2.0 */
/*
 * poppack.h - back to the packing in force before the last pshpackN.h.
 *
 * Part of vpshim's Windows-facing headers. No include guard: each inclusion
 * pops once.
 */
#pragma pack(pop)
