/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pshpack1.h - structures declared from here on are packed to 1-byte alignment.
 *
 * Part of vpshim's Windows-facing headers. Included before the structures it
 * applies to and undone by poppack.h; GCC keeps the same stack of packing
 * values MSVC does. No include guard: each inclusion pushes once.
 */
#pragma pack(push, 1)
