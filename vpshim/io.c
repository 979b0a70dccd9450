// SPDX-License-Identifier: GPL-2.0
/*
 * io.c - port and register access, as functions.
 *
 * video.h inlines the single-value accessors on x86, so miniport calls cost
 * exactly Linux's inb/outb/readl/writel; these exported versions serve
 * VideoPortGetProcAddress and the other architectures. The buffer forms
 * move Count values: from or to one port (insb/outsb and friends), and
 * from or to consecutive registers of a memory mapping, one access of the
 * element's size each (readb/writeb and friends, ordered like them).
 */

#include <linux/io.h>

#include "vpshim.h"

#define VPSHIM_PORT(p)	((unsigned long)(p))
#define VPSHIM_REG(p)	((void __iomem __force *)(p))

#ifdef VPSHIM_HAVE_IOPORT
#define vpshim_inb	inb
#define vpshim_inw	inw
#define vpshim_inl	inl
#define vpshim_outb	outb
#define vpshim_outw	outw
#define vpshim_outl	outl
#define vpshim_insb	insb
#define vpshim_insw	insw
#define vpshim_insl	insl
#define vpshim_outsb	outsb
#define vpshim_outsw	outsw
#define vpshim_outsl	outsl
#else
/*
 * A platform without port I/O (UML from 7.x, s390): the port accessors are a
 * documented failure, not a build error. Reads return all ones, what a PC
 * returns for a port nothing decodes; writes go nowhere; the first use says
 * so (Documentation/api.rst).
 */
static unsigned long vpshim_no_ioport(unsigned long port)
{
	pr_warn_once("vpshim: no port I/O on this platform (port %#lx): reads return all ones, writes are dropped\n",
		     port);
	return ~0UL;
}

static void vpshim_no_ioport_read(unsigned long port, void *buf, size_t bytes)
{
	vpshim_no_ioport(port);
	memset(buf, 0xff, bytes);
}

#define vpshim_inb(p)		((u8)vpshim_no_ioport(p))
#define vpshim_inw(p)		((u16)vpshim_no_ioport(p))
#define vpshim_inl(p)		((u32)vpshim_no_ioport(p))
#define vpshim_outb(v, p)	vpshim_no_ioport(p)
#define vpshim_outw(v, p)	vpshim_no_ioport(p)
#define vpshim_outl(v, p)	vpshim_no_ioport(p)
#define vpshim_insb(p, b, n)	vpshim_no_ioport_read(p, b, (size_t)(n))
#define vpshim_insw(p, b, n)	vpshim_no_ioport_read(p, b, (size_t)(n) * 2)
#define vpshim_insl(p, b, n)	vpshim_no_ioport_read(p, b, (size_t)(n) * 4)
#define vpshim_outsb(p, b, n)	vpshim_no_ioport(p)
#define vpshim_outsw(p, b, n)	vpshim_no_ioport(p)
#define vpshim_outsl(p, b, n)	vpshim_no_ioport(p)
#endif

/**
 * VideoPortReadPortUchar() - read byte from an I/O port
 * @Port: a port from a VideoPortGetDeviceBase() I/O-space mapping
 *
 * Windows: READ_PORT_UCHAR. Linux: inb().
 *
 * Return: the value read.
 */
UCHAR VideoPortReadPortUchar(PUCHAR Port)
{
	return vpshim_inb(VPSHIM_PORT(Port));
}
EXPORT_SYMBOL_VPSHIM(VideoPortReadPortUchar);

/**
 * VideoPortWritePortUchar() - write byte to an I/O port
 * @Port: a port from a VideoPortGetDeviceBase() I/O-space mapping
 * @Value: the value to write
 *
 * Windows: WRITE_PORT_UCHAR. Linux: outb().
 */
void VideoPortWritePortUchar(PUCHAR Port, UCHAR Value)
{
	vpshim_outb(Value, VPSHIM_PORT(Port));
}
EXPORT_SYMBOL_VPSHIM(VideoPortWritePortUchar);

/**
 * VideoPortReadRegisterUchar() - read byte of device memory
 * @Register: an address inside a VideoPortGetDeviceBase() memory mapping
 *
 * Windows: READ_REGISTER_UCHAR. Linux: readb().
 *
 * Return: the value read.
 */
UCHAR VideoPortReadRegisterUchar(PUCHAR Register)
{
	return readb(VPSHIM_REG(Register));
}
EXPORT_SYMBOL_VPSHIM(VideoPortReadRegisterUchar);

/**
 * VideoPortWriteRegisterUchar() - write byte of device memory
 * @Register: an address inside a VideoPortGetDeviceBase() memory mapping
 * @Value: the value to write
 *
 * Windows: WRITE_REGISTER_UCHAR. Linux: writeb().
 */
void VideoPortWriteRegisterUchar(PUCHAR Register, UCHAR Value)
{
	writeb(Value, VPSHIM_REG(Register));
}
EXPORT_SYMBOL_VPSHIM(VideoPortWriteRegisterUchar);

/**
 * VideoPortReadPortBufferUchar() - read Count values from one I/O port
 * @Port: a port from a VideoPortGetDeviceBase() I/O-space mapping
 * @Buffer: receives the values
 * @Count: how many
 *
 * Windows: READ_PORT_BUFFER_UCHAR. Linux: insb().
 */
void VideoPortReadPortBufferUchar(PUCHAR Port, PUCHAR Buffer, ULONG Count)
{
	vpshim_insb(VPSHIM_PORT(Port), Buffer, Count);
}
EXPORT_SYMBOL_VPSHIM(VideoPortReadPortBufferUchar);

/**
 * VideoPortWritePortBufferUchar() - write Count values to one I/O port
 * @Port: a port from a VideoPortGetDeviceBase() I/O-space mapping
 * @Buffer: the values
 * @Count: how many
 *
 * Windows: WRITE_PORT_BUFFER_UCHAR. Linux: outsb().
 */
void VideoPortWritePortBufferUchar(PUCHAR Port, PUCHAR Buffer, ULONG Count)
{
	vpshim_outsb(VPSHIM_PORT(Port), Buffer, Count);
}
EXPORT_SYMBOL_VPSHIM(VideoPortWritePortBufferUchar);

/**
 * VideoPortReadRegisterBufferUchar() - read Count consecutive registers
 * @Register: the first, inside a VideoPortGetDeviceBase() memory mapping
 * @Buffer: receives the values
 * @Count: how many
 *
 * Windows: READ_REGISTER_BUFFER_UCHAR. Linux: readb() of each.
 */
void VideoPortReadRegisterBufferUchar(PUCHAR Register, PUCHAR Buffer, ULONG Count)
{
	ULONG i;

	for (i = 0; i < Count; i++)
		Buffer[i] = readb(VPSHIM_REG(Register + i));
}
EXPORT_SYMBOL_VPSHIM(VideoPortReadRegisterBufferUchar);

/**
 * VideoPortWriteRegisterBufferUchar() - write Count consecutive registers
 * @Register: the first, inside a VideoPortGetDeviceBase() memory mapping
 * @Buffer: the values
 * @Count: how many
 *
 * Windows: WRITE_REGISTER_BUFFER_UCHAR. Linux: writeb() of each.
 */
void VideoPortWriteRegisterBufferUchar(PUCHAR Register, PUCHAR Buffer, ULONG Count)
{
	ULONG i;

	for (i = 0; i < Count; i++)
		writeb(Buffer[i], VPSHIM_REG(Register + i));
}
EXPORT_SYMBOL_VPSHIM(VideoPortWriteRegisterBufferUchar);

/**
 * VideoPortReadPortUshort() - read 16 bits from an I/O port
 * @Port: a port from a VideoPortGetDeviceBase() I/O-space mapping
 *
 * Windows: READ_PORT_USHORT. Linux: inw().
 *
 * Return: the value read.
 */
USHORT VideoPortReadPortUshort(PUSHORT Port)
{
	return vpshim_inw(VPSHIM_PORT(Port));
}
EXPORT_SYMBOL_VPSHIM(VideoPortReadPortUshort);

/**
 * VideoPortWritePortUshort() - write 16 bits to an I/O port
 * @Port: a port from a VideoPortGetDeviceBase() I/O-space mapping
 * @Value: the value to write
 *
 * Windows: WRITE_PORT_USHORT. Linux: outw().
 */
void VideoPortWritePortUshort(PUSHORT Port, USHORT Value)
{
	vpshim_outw(Value, VPSHIM_PORT(Port));
}
EXPORT_SYMBOL_VPSHIM(VideoPortWritePortUshort);

/**
 * VideoPortReadRegisterUshort() - read 16 bits of device memory
 * @Register: an address inside a VideoPortGetDeviceBase() memory mapping
 *
 * Windows: READ_REGISTER_USHORT. Linux: readw().
 *
 * Return: the value read.
 */
USHORT VideoPortReadRegisterUshort(PUSHORT Register)
{
	return readw(VPSHIM_REG(Register));
}
EXPORT_SYMBOL_VPSHIM(VideoPortReadRegisterUshort);

/**
 * VideoPortWriteRegisterUshort() - write 16 bits of device memory
 * @Register: an address inside a VideoPortGetDeviceBase() memory mapping
 * @Value: the value to write
 *
 * Windows: WRITE_REGISTER_USHORT. Linux: writew().
 */
void VideoPortWriteRegisterUshort(PUSHORT Register, USHORT Value)
{
	writew(Value, VPSHIM_REG(Register));
}
EXPORT_SYMBOL_VPSHIM(VideoPortWriteRegisterUshort);

/**
 * VideoPortReadPortBufferUshort() - read Count values from one I/O port
 * @Port: a port from a VideoPortGetDeviceBase() I/O-space mapping
 * @Buffer: receives the values
 * @Count: how many
 *
 * Windows: READ_PORT_BUFFER_USHORT. Linux: insw().
 */
void VideoPortReadPortBufferUshort(PUSHORT Port, PUSHORT Buffer, ULONG Count)
{
	vpshim_insw(VPSHIM_PORT(Port), Buffer, Count);
}
EXPORT_SYMBOL_VPSHIM(VideoPortReadPortBufferUshort);

/**
 * VideoPortWritePortBufferUshort() - write Count values to one I/O port
 * @Port: a port from a VideoPortGetDeviceBase() I/O-space mapping
 * @Buffer: the values
 * @Count: how many
 *
 * Windows: WRITE_PORT_BUFFER_USHORT. Linux: outsw().
 */
void VideoPortWritePortBufferUshort(PUSHORT Port, PUSHORT Buffer, ULONG Count)
{
	vpshim_outsw(VPSHIM_PORT(Port), Buffer, Count);
}
EXPORT_SYMBOL_VPSHIM(VideoPortWritePortBufferUshort);

/**
 * VideoPortReadRegisterBufferUshort() - read Count consecutive registers
 * @Register: the first, inside a VideoPortGetDeviceBase() memory mapping
 * @Buffer: receives the values
 * @Count: how many
 *
 * Windows: READ_REGISTER_BUFFER_USHORT. Linux: readw() of each.
 */
void VideoPortReadRegisterBufferUshort(PUSHORT Register, PUSHORT Buffer, ULONG Count)
{
	ULONG i;

	for (i = 0; i < Count; i++)
		Buffer[i] = readw(VPSHIM_REG(Register + i));
}
EXPORT_SYMBOL_VPSHIM(VideoPortReadRegisterBufferUshort);

/**
 * VideoPortWriteRegisterBufferUshort() - write Count consecutive registers
 * @Register: the first, inside a VideoPortGetDeviceBase() memory mapping
 * @Buffer: the values
 * @Count: how many
 *
 * Windows: WRITE_REGISTER_BUFFER_USHORT. Linux: writew() of each.
 */
void VideoPortWriteRegisterBufferUshort(PUSHORT Register, PUSHORT Buffer, ULONG Count)
{
	ULONG i;

	for (i = 0; i < Count; i++)
		writew(Buffer[i], VPSHIM_REG(Register + i));
}
EXPORT_SYMBOL_VPSHIM(VideoPortWriteRegisterBufferUshort);

/**
 * VideoPortReadPortUlong() - read 32 bits from an I/O port
 * @Port: a port from a VideoPortGetDeviceBase() I/O-space mapping
 *
 * Windows: READ_PORT_ULONG. Linux: inl().
 *
 * Return: the value read.
 */
ULONG VideoPortReadPortUlong(PULONG Port)
{
	return vpshim_inl(VPSHIM_PORT(Port));
}
EXPORT_SYMBOL_VPSHIM(VideoPortReadPortUlong);

/**
 * VideoPortWritePortUlong() - write 32 bits to an I/O port
 * @Port: a port from a VideoPortGetDeviceBase() I/O-space mapping
 * @Value: the value to write
 *
 * Windows: WRITE_PORT_ULONG. Linux: outl().
 */
void VideoPortWritePortUlong(PULONG Port, ULONG Value)
{
	vpshim_outl(Value, VPSHIM_PORT(Port));
}
EXPORT_SYMBOL_VPSHIM(VideoPortWritePortUlong);

/**
 * VideoPortReadRegisterUlong() - read 32 bits of device memory
 * @Register: an address inside a VideoPortGetDeviceBase() memory mapping
 *
 * Windows: READ_REGISTER_ULONG. Linux: readl().
 *
 * Return: the value read.
 */
ULONG VideoPortReadRegisterUlong(PULONG Register)
{
	return readl(VPSHIM_REG(Register));
}
EXPORT_SYMBOL_VPSHIM(VideoPortReadRegisterUlong);

/**
 * VideoPortWriteRegisterUlong() - write 32 bits of device memory
 * @Register: an address inside a VideoPortGetDeviceBase() memory mapping
 * @Value: the value to write
 *
 * Windows: WRITE_REGISTER_ULONG. Linux: writel().
 */
void VideoPortWriteRegisterUlong(PULONG Register, ULONG Value)
{
	writel(Value, VPSHIM_REG(Register));
}
EXPORT_SYMBOL_VPSHIM(VideoPortWriteRegisterUlong);

/**
 * VideoPortReadPortBufferUlong() - read Count values from one I/O port
 * @Port: a port from a VideoPortGetDeviceBase() I/O-space mapping
 * @Buffer: receives the values
 * @Count: how many
 *
 * Windows: READ_PORT_BUFFER_ULONG. Linux: insl().
 */
void VideoPortReadPortBufferUlong(PULONG Port, PULONG Buffer, ULONG Count)
{
	vpshim_insl(VPSHIM_PORT(Port), Buffer, Count);
}
EXPORT_SYMBOL_VPSHIM(VideoPortReadPortBufferUlong);

/**
 * VideoPortWritePortBufferUlong() - write Count values to one I/O port
 * @Port: a port from a VideoPortGetDeviceBase() I/O-space mapping
 * @Buffer: the values
 * @Count: how many
 *
 * Windows: WRITE_PORT_BUFFER_ULONG. Linux: outsl().
 */
void VideoPortWritePortBufferUlong(PULONG Port, PULONG Buffer, ULONG Count)
{
	vpshim_outsl(VPSHIM_PORT(Port), Buffer, Count);
}
EXPORT_SYMBOL_VPSHIM(VideoPortWritePortBufferUlong);

/**
 * VideoPortReadRegisterBufferUlong() - read Count consecutive registers
 * @Register: the first, inside a VideoPortGetDeviceBase() memory mapping
 * @Buffer: receives the values
 * @Count: how many
 *
 * Windows: READ_REGISTER_BUFFER_ULONG. Linux: readl() of each.
 */
void VideoPortReadRegisterBufferUlong(PULONG Register, PULONG Buffer, ULONG Count)
{
	ULONG i;

	for (i = 0; i < Count; i++)
		Buffer[i] = readl(VPSHIM_REG(Register + i));
}
EXPORT_SYMBOL_VPSHIM(VideoPortReadRegisterBufferUlong);

/**
 * VideoPortWriteRegisterBufferUlong() - write Count consecutive registers
 * @Register: the first, inside a VideoPortGetDeviceBase() memory mapping
 * @Buffer: the values
 * @Count: how many
 *
 * Windows: WRITE_REGISTER_BUFFER_ULONG. Linux: writel() of each.
 */
void VideoPortWriteRegisterBufferUlong(PULONG Register, PULONG Buffer, ULONG Count)
{
	ULONG i;

	for (i = 0; i < Count; i++)
		writel(Buffer[i], VPSHIM_REG(Register + i));
}
EXPORT_SYMBOL_VPSHIM(VideoPortWriteRegisterBufferUlong);
