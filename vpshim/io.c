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
	return inb(VPSHIM_PORT(Port));
}
EXPORT_SYMBOL_NS_GPL(VideoPortReadPortUchar, VPSHIM);

/**
 * VideoPortWritePortUchar() - write byte to an I/O port
 * @Port: a port from a VideoPortGetDeviceBase() I/O-space mapping
 * @Value: the value to write
 *
 * Windows: WRITE_PORT_UCHAR. Linux: outb().
 */
void VideoPortWritePortUchar(PUCHAR Port, UCHAR Value)
{
	outb(Value, VPSHIM_PORT(Port));
}
EXPORT_SYMBOL_NS_GPL(VideoPortWritePortUchar, VPSHIM);

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
EXPORT_SYMBOL_NS_GPL(VideoPortReadRegisterUchar, VPSHIM);

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
EXPORT_SYMBOL_NS_GPL(VideoPortWriteRegisterUchar, VPSHIM);

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
	insb(VPSHIM_PORT(Port), Buffer, Count);
}
EXPORT_SYMBOL_NS_GPL(VideoPortReadPortBufferUchar, VPSHIM);

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
	outsb(VPSHIM_PORT(Port), Buffer, Count);
}
EXPORT_SYMBOL_NS_GPL(VideoPortWritePortBufferUchar, VPSHIM);

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
EXPORT_SYMBOL_NS_GPL(VideoPortReadRegisterBufferUchar, VPSHIM);

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
EXPORT_SYMBOL_NS_GPL(VideoPortWriteRegisterBufferUchar, VPSHIM);

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
	return inw(VPSHIM_PORT(Port));
}
EXPORT_SYMBOL_NS_GPL(VideoPortReadPortUshort, VPSHIM);

/**
 * VideoPortWritePortUshort() - write 16 bits to an I/O port
 * @Port: a port from a VideoPortGetDeviceBase() I/O-space mapping
 * @Value: the value to write
 *
 * Windows: WRITE_PORT_USHORT. Linux: outw().
 */
void VideoPortWritePortUshort(PUSHORT Port, USHORT Value)
{
	outw(Value, VPSHIM_PORT(Port));
}
EXPORT_SYMBOL_NS_GPL(VideoPortWritePortUshort, VPSHIM);

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
EXPORT_SYMBOL_NS_GPL(VideoPortReadRegisterUshort, VPSHIM);

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
EXPORT_SYMBOL_NS_GPL(VideoPortWriteRegisterUshort, VPSHIM);

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
	insw(VPSHIM_PORT(Port), Buffer, Count);
}
EXPORT_SYMBOL_NS_GPL(VideoPortReadPortBufferUshort, VPSHIM);

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
	outsw(VPSHIM_PORT(Port), Buffer, Count);
}
EXPORT_SYMBOL_NS_GPL(VideoPortWritePortBufferUshort, VPSHIM);

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
EXPORT_SYMBOL_NS_GPL(VideoPortReadRegisterBufferUshort, VPSHIM);

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
EXPORT_SYMBOL_NS_GPL(VideoPortWriteRegisterBufferUshort, VPSHIM);

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
	return inl(VPSHIM_PORT(Port));
}
EXPORT_SYMBOL_NS_GPL(VideoPortReadPortUlong, VPSHIM);

/**
 * VideoPortWritePortUlong() - write 32 bits to an I/O port
 * @Port: a port from a VideoPortGetDeviceBase() I/O-space mapping
 * @Value: the value to write
 *
 * Windows: WRITE_PORT_ULONG. Linux: outl().
 */
void VideoPortWritePortUlong(PULONG Port, ULONG Value)
{
	outl(Value, VPSHIM_PORT(Port));
}
EXPORT_SYMBOL_NS_GPL(VideoPortWritePortUlong, VPSHIM);

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
EXPORT_SYMBOL_NS_GPL(VideoPortReadRegisterUlong, VPSHIM);

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
EXPORT_SYMBOL_NS_GPL(VideoPortWriteRegisterUlong, VPSHIM);

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
	insl(VPSHIM_PORT(Port), Buffer, Count);
}
EXPORT_SYMBOL_NS_GPL(VideoPortReadPortBufferUlong, VPSHIM);

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
	outsl(VPSHIM_PORT(Port), Buffer, Count);
}
EXPORT_SYMBOL_NS_GPL(VideoPortWritePortBufferUlong, VPSHIM);

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
EXPORT_SYMBOL_NS_GPL(VideoPortReadRegisterBufferUlong, VPSHIM);

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
EXPORT_SYMBOL_NS_GPL(VideoPortWriteRegisterBufferUlong, VPSHIM);
