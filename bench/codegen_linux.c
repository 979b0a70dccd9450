// SPDX-License-Identifier: GPL-2.0
/*
 * codegen_linux.c - the Linux accessors the VideoPort ones must equal, with
 * the same arguments as codegen_windows.c (see there).
 */

#include <linux/io.h>

#include "compat.h"

/* Without port I/O (UML from 7.x) there is nothing to compare the ports to. */
#ifdef VPSHIM_HAVE_IOPORT
u8 vpshim_cg_linux_read_port_uchar(void *p);
u8 vpshim_cg_linux_read_port_uchar(void *p)
{
	return inb((unsigned long)p);
}

u16 vpshim_cg_linux_read_port_ushort(void *p);
u16 vpshim_cg_linux_read_port_ushort(void *p)
{
	return inw((unsigned long)p);
}

u32 vpshim_cg_linux_read_port_ulong(void *p);
u32 vpshim_cg_linux_read_port_ulong(void *p)
{
	return inl((unsigned long)p);
}

void vpshim_cg_linux_write_port_uchar(void *p, u8 v);
void vpshim_cg_linux_write_port_uchar(void *p, u8 v)
{
	outb(v, (unsigned long)p);
}

void vpshim_cg_linux_write_port_ushort(void *p, u16 v);
void vpshim_cg_linux_write_port_ushort(void *p, u16 v)
{
	outw(v, (unsigned long)p);
}

void vpshim_cg_linux_write_port_ulong(void *p, u32 v);
void vpshim_cg_linux_write_port_ulong(void *p, u32 v)
{
	outl(v, (unsigned long)p);
}

#endif /* VPSHIM_HAVE_IOPORT */

u8 vpshim_cg_linux_read_register_uchar(void __iomem *p);
u8 vpshim_cg_linux_read_register_uchar(void __iomem *p)
{
	return readb(p);
}

u16 vpshim_cg_linux_read_register_ushort(void __iomem *p);
u16 vpshim_cg_linux_read_register_ushort(void __iomem *p)
{
	return readw(p);
}

u32 vpshim_cg_linux_read_register_ulong(void __iomem *p);
u32 vpshim_cg_linux_read_register_ulong(void __iomem *p)
{
	return readl(p);
}

void vpshim_cg_linux_write_register_uchar(void __iomem *p, u8 v);
void vpshim_cg_linux_write_register_uchar(void __iomem *p, u8 v)
{
	writeb(v, p);
}

void vpshim_cg_linux_write_register_ushort(void __iomem *p, u16 v);
void vpshim_cg_linux_write_register_ushort(void __iomem *p, u16 v)
{
	writew(v, p);
}

void vpshim_cg_linux_write_register_ulong(void __iomem *p, u32 v);
void vpshim_cg_linux_write_register_ulong(void __iomem *p, u32 v)
{
	writel(v, p);
}
