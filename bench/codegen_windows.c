// SPDX-License-Identifier: GPL-2.0
/*
 * codegen_windows.c - each VideoPort port/register accessor, called the way
 * a miniport calls it (this file includes only include/ headers).
 * scripts/style.sh disassembles these next to codegen_linux.c's direct
 * inb/outb/readl/writel calls and requires the same instructions.
 */

#include "video.h"

UCHAR vpshim_cg_win_read_port_uchar(PUCHAR p);
UCHAR vpshim_cg_win_read_port_uchar(PUCHAR p)
{
	return VideoPortReadPortUchar(p);
}

USHORT vpshim_cg_win_read_port_ushort(PUSHORT p);
USHORT vpshim_cg_win_read_port_ushort(PUSHORT p)
{
	return VideoPortReadPortUshort(p);
}

ULONG vpshim_cg_win_read_port_ulong(PULONG p);
ULONG vpshim_cg_win_read_port_ulong(PULONG p)
{
	return VideoPortReadPortUlong(p);
}

void vpshim_cg_win_write_port_uchar(PUCHAR p, UCHAR v);
void vpshim_cg_win_write_port_uchar(PUCHAR p, UCHAR v)
{
	VideoPortWritePortUchar(p, v);
}

void vpshim_cg_win_write_port_ushort(PUSHORT p, USHORT v);
void vpshim_cg_win_write_port_ushort(PUSHORT p, USHORT v)
{
	VideoPortWritePortUshort(p, v);
}

void vpshim_cg_win_write_port_ulong(PULONG p, ULONG v);
void vpshim_cg_win_write_port_ulong(PULONG p, ULONG v)
{
	VideoPortWritePortUlong(p, v);
}

UCHAR vpshim_cg_win_read_register_uchar(PUCHAR p);
UCHAR vpshim_cg_win_read_register_uchar(PUCHAR p)
{
	return VideoPortReadRegisterUchar(p);
}

USHORT vpshim_cg_win_read_register_ushort(PUSHORT p);
USHORT vpshim_cg_win_read_register_ushort(PUSHORT p)
{
	return VideoPortReadRegisterUshort(p);
}

ULONG vpshim_cg_win_read_register_ulong(PULONG p);
ULONG vpshim_cg_win_read_register_ulong(PULONG p)
{
	return VideoPortReadRegisterUlong(p);
}

void vpshim_cg_win_write_register_uchar(PUCHAR p, UCHAR v);
void vpshim_cg_win_write_register_uchar(PUCHAR p, UCHAR v)
{
	VideoPortWriteRegisterUchar(p, v);
}

void vpshim_cg_win_write_register_ushort(PUSHORT p, USHORT v);
void vpshim_cg_win_write_register_ushort(PUSHORT p, USHORT v)
{
	VideoPortWriteRegisterUshort(p, v);
}

void vpshim_cg_win_write_register_ulong(PULONG p, ULONG v);
void vpshim_cg_win_write_register_ulong(PULONG p, ULONG v)
{
	VideoPortWriteRegisterUlong(p, v);
}
