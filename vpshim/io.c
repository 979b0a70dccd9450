// SPDX-License-Identifier: GPL-2.0
/*
 * io.c - register access through addresses from VideoPortGetDeviceBase.
 *
 * The memory-space accessors are the kernel's readb/readw/readl and
 * writeb/writew/writel on the ioremap()ed address, with the ordering those
 * give (each access is ordered against other MMIO and against DMA memory).
 */

#include <linux/io.h>

#include "vpshim.h"

#define VPSHIM_REG(p)	((void __iomem __force *)(p))

/**
 * VideoPortReadRegisterUchar() - read a byte of device memory
 * @Register: an address inside a VideoPortGetDeviceBase() memory mapping
 *
 * Windows: reads a mapped memory-space register. Linux: readb().
 *
 * Return: the value read.
 */
UCHAR VideoPortReadRegisterUchar(PUCHAR Register)
{
	return readb(VPSHIM_REG(Register));
}
EXPORT_SYMBOL_NS_GPL(VideoPortReadRegisterUchar, VPSHIM);

/**
 * VideoPortReadRegisterUshort() - read 16 bits of device memory
 * @Register: an address inside a VideoPortGetDeviceBase() memory mapping
 *
 * Windows: reads a mapped memory-space register. Linux: readw().
 *
 * Return: the value read.
 */
USHORT VideoPortReadRegisterUshort(PUSHORT Register)
{
	return readw(VPSHIM_REG(Register));
}
EXPORT_SYMBOL_NS_GPL(VideoPortReadRegisterUshort, VPSHIM);

/**
 * VideoPortReadRegisterUlong() - read 32 bits of device memory
 * @Register: an address inside a VideoPortGetDeviceBase() memory mapping
 *
 * Windows: reads a mapped memory-space register. Linux: readl().
 *
 * Return: the value read.
 */
ULONG VideoPortReadRegisterUlong(PULONG Register)
{
	return readl(VPSHIM_REG(Register));
}
EXPORT_SYMBOL_NS_GPL(VideoPortReadRegisterUlong, VPSHIM);

/**
 * VideoPortWriteRegisterUchar() - write a byte of device memory
 * @Register: an address inside a VideoPortGetDeviceBase() memory mapping
 * @Value: the value to write
 *
 * Windows: writes a mapped memory-space register. Linux: writeb().
 */
void VideoPortWriteRegisterUchar(PUCHAR Register, UCHAR Value)
{
	writeb(Value, VPSHIM_REG(Register));
}
EXPORT_SYMBOL_NS_GPL(VideoPortWriteRegisterUchar, VPSHIM);

/**
 * VideoPortWriteRegisterUshort() - write 16 bits of device memory
 * @Register: an address inside a VideoPortGetDeviceBase() memory mapping
 * @Value: the value to write
 *
 * Windows: writes a mapped memory-space register. Linux: writew().
 */
void VideoPortWriteRegisterUshort(PUSHORT Register, USHORT Value)
{
	writew(Value, VPSHIM_REG(Register));
}
EXPORT_SYMBOL_NS_GPL(VideoPortWriteRegisterUshort, VPSHIM);

/**
 * VideoPortWriteRegisterUlong() - write 32 bits of device memory
 * @Register: an address inside a VideoPortGetDeviceBase() memory mapping
 * @Value: the value to write
 *
 * Windows: writes a mapped memory-space register. Linux: writel().
 */
void VideoPortWriteRegisterUlong(PULONG Register, ULONG Value)
{
	writel(Value, VPSHIM_REG(Register));
}
EXPORT_SYMBOL_NS_GPL(VideoPortWriteRegisterUlong, VPSHIM);
