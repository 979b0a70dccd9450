// SPDX-License-Identifier: GPL-2.0
/*
 * int10_machine.c - the real-mode PC an adapter's video BIOS runs in.
 *
 * The machine is private to one adapter: a 1 MiB image in vmalloc memory
 * and the interpreter of vpshim/x86emu. Conventional memory (0-9FFFF, the
 * IVT and BDA included) and the upper memory C0000-EFFFF (the video ROM at
 * C0000 as shadow RAM, then what the platform's BIOS left there at POST, or
 * zeroes) are RAM the interpreter reads and writes directly; F0000-FFFFF
 * is a stub system BIOS, read-only, filled with HLT but for an IRET at
 * F000:FF53 and the model byte. Every other access goes through the hooks
 * below, which decide what the BIOS may reach:
 *
 * - memory: A0000-BFFFF, forwarded to the adapter when it decodes the
 *   legacy VGA window; nothing else (the call stops);
 * - ports: the ranges of the configuration (the adapter's I/O BARs, the
 *   legacy VGA ports of the VGA that decodes them); 0xCF8/0xCFC as PCI
 *   configuration mechanism #1, answering for this adapter only; ports 0x80,
 *   0xE9 and 0x402 (POST codes, the Bochs and QEMU debug consoles, which
 *   BIOS code writes or probes everywhere) ignored; nothing else;
 * - interrupts: vectors that point into the video ROM run the ROM's code
 *   (INT 10h itself, INT 6Dh); INT 11h, 12h, 15h and 1Ah are answered here
 *   as a system BIOS does (equipment, memory size, a few INT 15h services,
 *   the tick count and the PCI BIOS for this adapter only); any other
 *   interrupt, INT3, INTO and the exceptions stop the call.
 *
 * A refusal stops the call: the caller gets an error and one ratelimited
 * message naming the device, the call, CS:IP, the instruction's bytes and
 * what was refused (Documentation/int10.rst, "Reading an emulator error").
 */

#include <linux/delay.h>
#include <linux/io.h>
#include <linux/ktime.h>
#include <linux/math64.h>
#include <linux/mutex.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include "vpshim.h"
#include "int10_machine.h"
#include "x86emu/x86emu.h"

#define VPSHIM_INT10_MEM_SIZE	0x100000u
#define VPSHIM_INT10_RAM_END	0xA0000u	/* conventional memory */
#define VPSHIM_INT10_VGA_START	0xA0000u
#define VPSHIM_INT10_VGA_END	0xC0000u
#define VPSHIM_INT10_ROM_START	0xC0000u
#define VPSHIM_INT10_UMA_END	0xF0000u	/* upper memory: ROM, then RAM */
#define VPSHIM_INT10_BIOS_START	0xF0000u
#define VPSHIM_INT10_LOW_COPY	0x500u		/* IVT and BDA */
#define VPSHIM_INT10_CHUNK	100000ul	/* instructions between reschedules */
#define VPSHIM_INT10_MAX_WAIT_US	1000000u	/* INT 15h AH=86h, per call */

/* The BIOS data area. */
#define BDA_EQUIPMENT		0x410
#define BDA_MEMORY_KB		0x413
#define BDA_TICKS		0x46c
#define BDA_MIDNIGHT		0x470
#define BDA_EBDA_SEG		0x40e

/* PCI configuration mechanism #1 and the PCI BIOS. */
#define PCI_CONFIG_ADDRESS	0xcf8
#define PCI_CONFIG_DATA		0xcfc
#define PCI_CONFIG_ENABLE	0x80000000u
#define PCIBIOS_OK		0x00
#define PCIBIOS_FUNC_NOT_SUPP	0x81
#define PCIBIOS_BAD_VENDOR	0x83
#define PCIBIOS_NOT_FOUND	0x86
#define PCIBIOS_BAD_REGISTER	0x87

/* What INT 15h and INT 1Ah answer for a function they do not have. */
#define BIOS_UNSUPPORTED	0x86

unsigned long vpshim_int10_max_instructions = 50000000;

struct vpshim_int10 {
	struct vpshim_device *vdev;
	struct mutex lock;		/* one call at a time; all below */
	struct vpx86 *cpu;
	u8 *mem;			/* the 1 MiB image */
	u32 rom_end;			/* linear end of the ROM's pages */
	struct vpshim_int10_config cfg;	/* without the ROM pointer */
	u32 pci_address;		/* the 0xCF8 latch */
	u32 clock_day;			/* days since the epoch at the last tick update */
	bool buffer_busy;		/* Int10AllocateBuffer's block */
	const char *func;		/* the call running, for messages */
	char why[160];			/* what a hook refused */
	char last_error[320];
};

/* ---- registers ---- */

static u16 reg16(struct vpx86 *cpu, unsigned int r)
{
	return cpu->gpr[r] & 0xffff;
}

static void set_reg16(struct vpx86 *cpu, unsigned int r, u16 v)
{
	cpu->gpr[r] = (cpu->gpr[r] & 0xffff0000u) | v;
}

static u8 reg_hi(struct vpx86 *cpu, unsigned int r)
{
	return (cpu->gpr[r] >> 8) & 0xff;
}

static void set_reg_hi(struct vpx86 *cpu, unsigned int r, u8 v)
{
	cpu->gpr[r] = (cpu->gpr[r] & 0xffff00ffu) | (u32)v << 8;
}

static void set_reg_lo(struct vpx86 *cpu, unsigned int r, u8 v)
{
	cpu->gpr[r] = (cpu->gpr[r] & 0xffffff00u) | v;
}

static void set_carry(struct vpx86 *cpu, bool carry)
{
	if (carry)
		cpu->eflags |= VPX86_FLAG_CF;
	else
		cpu->eflags &= ~VPX86_FLAG_CF;
}

/* Little-endian words of the image (the kernel's helpers moved between versions). */
static u16 rd16(const u8 *p)
{
	return p[0] | p[1] << 8;
}

static u32 rd32(const u8 *p)
{
	return rd16(p) | (u32)rd16(p + 2) << 16;
}

static void wr16(u8 *p, u16 v)
{
	p[0] = v & 0xff;
	p[1] = v >> 8;
}

static void wr32(u8 *p, u32 v)
{
	wr16(p, v & 0xffff);
	wr16(p + 2, v >> 16);
}

static u32 all_ones(unsigned int size)
{
	return size >= 4 ? 0xffffffffu : (1u << (8 * size)) - 1;
}

/* Record why a hook refused (the first reason of a call counts). */
static __printf(2, 3) void vpshim_int10_refuse(struct vpshim_int10 *m, const char *fmt, ...)
{
	va_list ap;

	if (m->why[0])
		return;
	va_start(ap, fmt);
	vscnprintf(m->why, sizeof(m->why), fmt, ap);
	va_end(ap);
}

/* ---- PCI configuration space: this adapter's only ---- */

static bool vpshim_int10_is_ours(struct vpshim_int10 *m, unsigned int bus, unsigned int devfn)
{
	return m->cfg.pci && bus == m->cfg.bus && devfn == m->cfg.devfn;
}

/* @reg is aligned to @size. Another function reads as all ones, as on a PC. */
static int vpshim_int10_cfg_read(struct vpshim_int10 *m, unsigned int bus, unsigned int devfn,
				 unsigned int reg, unsigned int size, u32 *val)
{
	*val = all_ones(size);
	if (!vpshim_int10_is_ours(m, bus, devfn) || reg + size > 256)
		return 0;
	if (m->cfg.hw->cfg_read(m->cfg.hw_ctx, reg, size, val)) {
		vpshim_int10_refuse(m, "PCI configuration read of register %#x failed", reg);
		return -1;
	}
	return 0;
}

/* The BARs and the ROM BAR stay the kernel's: the BIOS may not move them. */
static bool vpshim_int10_cfg_protected(unsigned int reg, unsigned int size)
{
	unsigned int end = reg + size;

	return (end > PCI_BASE_ADDRESS_0 && reg <= PCI_BASE_ADDRESS_5 + 3) ||
	       (end > PCI_ROM_ADDRESS && reg <= PCI_ROM_ADDRESS + 3);
}

static int vpshim_int10_cfg_write(struct vpshim_int10 *m, unsigned int bus, unsigned int devfn,
				  unsigned int reg, unsigned int size, u32 val)
{
	if (!vpshim_int10_is_ours(m, bus, devfn) || reg + size > 256) {
		vpshim_int10_refuse(m,
				    "PCI configuration write to %02x:%02x.%u register %#x: not this adapter",
				    bus, devfn >> 3, devfn & 7, reg);
		return -1;
	}
	if (vpshim_int10_cfg_protected(reg, size)) {
		vpshim_int10_refuse(m,
				    "PCI configuration write to BAR register %#x (value %#x): the kernel owns the BARs",
				    reg, val);
		return -1;
	}
	if (m->cfg.hw->cfg_write(m->cfg.hw_ctx, reg, size, val)) {
		vpshim_int10_refuse(m, "PCI configuration write to register %#x failed", reg);
		return -1;
	}
	return 0;
}

/* Ports 0xCF8-0xCFF: the address latch (dword only) and the data window. */
static int vpshim_int10_pci_port(struct vpshim_int10 *m, unsigned int port, unsigned int size,
				 u32 *val, bool write)
{
	u32 a = m->pci_address;
	unsigned int bus = (a >> 16) & 0xff, devfn = (a >> 8) & 0xff;
	unsigned int reg = (a & 0xfc) | (port & 3);

	if (port == PCI_CONFIG_ADDRESS && size == 4) {
		if (write)
			m->pci_address = *val & ~3u;
		else
			*val = m->pci_address;
		return 0;
	}
	if (port < PCI_CONFIG_DATA || (port & 3) + size > 4 || (reg & (size - 1))) {
		vpshim_int10_refuse(m,
				    "port %#x (%u bytes): only dword accesses to 0xcf8 and aligned accesses to 0xcfc-0xcff reach PCI configuration space",
				    port, size);
		return -1;
	}
	/* Disabled, or an extended register (bits 24-30): no function answers. */
	if (!(a & PCI_CONFIG_ENABLE) || (a & 0x7f000000u)) {
		if (!write) {
			*val = all_ones(size);
			return 0;
		}
		bus = 0xff;
	}
	if (write)
		return vpshim_int10_cfg_write(m, bus, devfn, reg, size, *val);
	return vpshim_int10_cfg_read(m, bus, devfn, reg, size, val);
}

/* ---- ports ---- */

static bool vpshim_int10_port_owned(struct vpshim_int10 *m, unsigned int port, unsigned int size)
{
	unsigned int i;

	for (i = 0; i < m->cfg.nports; i++) {
		const struct vpshim_int10_ports *r = &m->cfg.ports[i];

		if (port >= r->start && port + size <= (unsigned int)r->start + r->len)
			return true;
	}
	return false;
}

/*
 * Ports BIOS code writes or probes on any PC and that do nothing here: the
 * POST code port (also an I/O delay), the Bochs debug console and QEMU's
 * (SeaBIOS's VGA BIOS probes 0x402). Reads give all ones, writes vanish.
 */
static bool vpshim_int10_port_ignored(unsigned int port)
{
	return port == 0x80 || port == 0xe9 || port == 0x402;
}

static int vpshim_int10_io_in(struct vpx86 *cpu, unsigned int port, unsigned int size,
			      unsigned int *val)
{
	struct vpshim_int10 *m = cpu->priv;
	u32 v = 0;

	if (port >= PCI_CONFIG_ADDRESS && port < PCI_CONFIG_DATA + 4) {
		if (vpshim_int10_pci_port(m, port, size, &v, false))
			return -1;
	} else if (vpshim_int10_port_owned(m, port, size)) {
		if (m->cfg.hw->port_in(m->cfg.hw_ctx, port, size, &v)) {
			vpshim_int10_refuse(m, "port %#x: the read failed", port);
			return -1;
		}
	} else if (vpshim_int10_port_ignored(port)) {
		v = all_ones(size);
	} else {
		vpshim_int10_refuse(m, "read of port %#x (%u bytes): not a port of this adapter",
				    port, size);
		return -1;
	}
	*val = v;
	return 0;
}

static int vpshim_int10_io_out(struct vpx86 *cpu, unsigned int port, unsigned int size,
			       unsigned int val)
{
	struct vpshim_int10 *m = cpu->priv;
	u32 v = val;

	if (port >= PCI_CONFIG_ADDRESS && port < PCI_CONFIG_DATA + 4)
		return vpshim_int10_pci_port(m, port, size, &v, true);
	if (vpshim_int10_port_owned(m, port, size)) {
		if (m->cfg.hw->port_out(m->cfg.hw_ctx, port, size, v)) {
			vpshim_int10_refuse(m, "port %#x: the write failed", port);
			return -1;
		}
		return 0;
	}
	if (vpshim_int10_port_ignored(port))
		return 0;
	vpshim_int10_refuse(m, "write of %#x to port %#x (%u bytes): not a port of this adapter",
			    val, port, size);
	return -1;
}

/* ---- memory the image does not hold: the legacy VGA window ---- */

static bool vpshim_int10_in_vga(struct vpshim_int10 *m, u32 addr, u32 len)
{
	return m->cfg.vga_window && addr >= VPSHIM_INT10_VGA_START &&
	       addr + len <= VPSHIM_INT10_VGA_END;
}

/* What lies at @addr, for a refusal's message. */
static const char *vpshim_int10_region(struct vpshim_int10 *m, u32 addr)
{
	if (addr >= VPSHIM_INT10_VGA_START && addr < VPSHIM_INT10_VGA_END)
		return "the legacy VGA window, which this adapter does not decode";
	if (addr >= VPSHIM_INT10_BIOS_START)
		return "the system BIOS area, read-only";
	return "nothing decodes it";
}

static int vpshim_int10_vga_access(struct vpshim_int10 *m, u32 addr, unsigned int size,
				   u32 *val, bool write)
{
	const struct vpshim_int10_hw *hw = m->cfg.hw;
	unsigned int off = addr - VPSHIM_INT10_VGA_START, i;
	u32 b, v = 0;
	int err = 0;

	/* Device memory takes naturally aligned accesses; others go bytewise. */
	if (!(off & (size - 1))) {
		err = write ? hw->vga_write(m->cfg.hw_ctx, off, size, *val) :
			      hw->vga_read(m->cfg.hw_ctx, off, size, val);
	} else {
		for (i = 0; i < size && !err; i++) {
			if (write) {
				b = (*val >> (8 * i)) & 0xff;
				err = hw->vga_write(m->cfg.hw_ctx, off + i, 1, b);
			} else {
				err = hw->vga_read(m->cfg.hw_ctx, off + i, 1, &b);
				v |= (b & 0xff) << (8 * i);
			}
		}
		if (!write)
			*val = v;
	}
	if (err)
		vpshim_int10_refuse(m, "%s of %u bytes at %05x in the VGA window failed",
				    write ? "write" : "read", size, addr);
	return err ? -1 : 0;
}

static int vpshim_int10_mem_read(struct vpx86 *cpu, unsigned int addr, unsigned int size,
				 unsigned int *val)
{
	struct vpshim_int10 *m = cpu->priv;
	u32 v;

	if (!vpshim_int10_in_vga(m, addr, size)) {
		vpshim_int10_refuse(m, "read of %u bytes at %05x: %s", size, addr,
				    vpshim_int10_region(m, addr));
		return -1;
	}
	if (vpshim_int10_vga_access(m, addr, size, &v, false))
		return -1;
	*val = v;
	return 0;
}

static int vpshim_int10_mem_write(struct vpx86 *cpu, unsigned int addr, unsigned int size,
				  unsigned int val)
{
	struct vpshim_int10 *m = cpu->priv;
	u32 v = val;

	if (!vpshim_int10_in_vga(m, addr, size)) {
		vpshim_int10_refuse(m, "write of %u bytes at %05x: %s", size, addr,
				    vpshim_int10_region(m, addr));
		return -1;
	}
	return vpshim_int10_vga_access(m, addr, size, &v, true);
}

/* ---- the clock: the BDA's tick count, 18.2 Hz since midnight (UTC) ---- */

static void vpshim_int10_clock(struct vpshim_int10 *m)
{
	u64 ms = div_u64(ktime_get_real_ns(), NSEC_PER_MSEC);
	u32 day_ms, day;

	day = (u32)div_u64_rem(ms, 86400000u, &day_ms);
	if (m->clock_day && day != m->clock_day)
		m->mem[BDA_MIDNIGHT] = 1;
	m->clock_day = day;
	/* 1193180 / 65536 ticks a second */
	wr32(m->mem + BDA_TICKS, (u32)div_u64((u64)day_ms * 1193180u, 65536000u));
}

/* ---- interrupts answered here ---- */

/* INT 15h: the few system services BIOS code asks of a PC BIOS. */
static int vpshim_int10_int15(struct vpshim_int10 *m)
{
	struct vpx86 *cpu = m->cpu;
	u32 us;

	switch (reg_hi(cpu, VPX86_EAX)) {
	case 0x86:	/* wait CX:DX microseconds */
		us = (u32)reg16(cpu, VPX86_ECX) << 16 | reg16(cpu, VPX86_EDX);
		us = min(us, VPSHIM_INT10_MAX_WAIT_US);
		fsleep(us);
		set_reg_hi(cpu, VPX86_EAX, 0);
		set_carry(cpu, false);
		return VPX86_INTR_DONE;
	case 0x88:	/* extended memory: none the BIOS may use */
		set_reg16(cpu, VPX86_EAX, 0);
		set_carry(cpu, false);
		return VPX86_INTR_DONE;
	case 0x87:	/* block move to or from extended memory */
		vpshim_int10_refuse(m,
				    "INT 15h AH=87h (copy to or from memory above 1 MiB) is not provided");
		return -1;
	default:	/* as a BIOS without the function answers */
		set_reg_hi(cpu, VPX86_EAX, BIOS_UNSUPPORTED);
		set_carry(cpu, true);
		return VPX86_INTR_DONE;
	}
}

/* INT 1Ah AX=B1xx: the PCI BIOS, which knows this adapter only. */
static int vpshim_int10_pcibios(struct vpshim_int10 *m)
{
	struct vpx86 *cpu = m->cpu;
	unsigned int bus = reg_hi(cpu, VPX86_EBX), devfn = cpu->gpr[VPX86_EBX] & 0xff;
	unsigned int reg = reg16(cpu, VPX86_EDI), fn = cpu->gpr[VPX86_EAX] & 0xff;
	unsigned int size = fn == 0x08 || fn == 0x0b ? 1 : fn == 0x09 || fn == 0x0c ? 2 : 4;
	u8 status = PCIBIOS_OK;
	u32 v;

	switch (fn) {
	case 0x01:	/* installation check: mechanism #1, version 2.10 */
		cpu->gpr[VPX86_EDX] = 0x20494350;	/* "PCI " */
		set_reg16(cpu, VPX86_EBX, 0x0210);
		set_reg_lo(cpu, VPX86_ECX, m->cfg.bus);
		cpu->gpr[VPX86_EDI] = 0;
		set_reg_lo(cpu, VPX86_EAX, 0x01);
		break;
	case 0x02:	/* find device CX of vendor DX, index SI */
		if (reg16(cpu, VPX86_EDX) == 0xffff)
			status = PCIBIOS_BAD_VENDOR;
		else if (!m->cfg.pci || reg16(cpu, VPX86_EDX) != m->cfg.vendor ||
			 reg16(cpu, VPX86_ECX) != m->cfg.device || reg16(cpu, VPX86_ESI))
			status = PCIBIOS_NOT_FOUND;
		break;
	case 0x03:	/* find class ECX, index SI */
		if (!m->cfg.pci || (cpu->gpr[VPX86_ECX] & 0xffffff) != m->cfg.class ||
		    reg16(cpu, VPX86_ESI))
			status = PCIBIOS_NOT_FOUND;
		break;
	case 0x08 ... 0x0a:	/* read configuration byte, word, dword */
		if (reg & (size - 1)) {
			status = PCIBIOS_BAD_REGISTER;
			break;
		}
		if (vpshim_int10_cfg_read(m, bus, devfn, reg, size, &v))
			return -1;
		if (size == 1)
			set_reg_lo(cpu, VPX86_ECX, (u8)v);
		else if (size == 2)
			set_reg16(cpu, VPX86_ECX, (u16)v);
		else
			cpu->gpr[VPX86_ECX] = v;
		break;
	case 0x0b ... 0x0d:	/* write configuration byte, word, dword */
		if (reg & (size - 1)) {
			status = PCIBIOS_BAD_REGISTER;
			break;
		}
		if (vpshim_int10_cfg_write(m, bus, devfn, reg, size,
					   cpu->gpr[VPX86_ECX] & all_ones(size)))
			return -1;
		break;
	default:	/* interrupt routing, special cycles: not here */
		status = PCIBIOS_FUNC_NOT_SUPP;
		break;
	}
	if ((fn == 0x02 || fn == 0x03) && status == PCIBIOS_OK) {
		set_reg_hi(cpu, VPX86_EBX, m->cfg.bus);
		set_reg_lo(cpu, VPX86_EBX, m->cfg.devfn);
	}
	set_reg_hi(cpu, VPX86_EAX, status);
	set_carry(cpu, status != PCIBIOS_OK);
	return VPX86_INTR_DONE;
}

/* INT 1Ah: the tick count and the PCI BIOS. */
static int vpshim_int10_int1a(struct vpshim_int10 *m)
{
	struct vpx86 *cpu = m->cpu;
	u32 ticks;

	switch (reg_hi(cpu, VPX86_EAX)) {
	case 0x00:	/* read the tick count; AL: midnight passed */
		vpshim_int10_clock(m);
		ticks = rd32(m->mem + BDA_TICKS);
		set_reg16(cpu, VPX86_ECX, ticks >> 16);
		set_reg16(cpu, VPX86_EDX, ticks & 0xffff);
		set_reg_lo(cpu, VPX86_EAX, m->mem[BDA_MIDNIGHT]);
		m->mem[BDA_MIDNIGHT] = 0;
		set_carry(cpu, false);
		return VPX86_INTR_DONE;
	case 0xb1:
		return vpshim_int10_pcibios(m);
	default:	/* the RTC and the rest: not here */
		set_reg_hi(cpu, VPX86_EAX, BIOS_UNSUPPORTED);
		set_carry(cpu, true);
		return VPX86_INTR_DONE;
	}
}

/* The IVT entry of @vector, as a linear address. */
static u32 vpshim_int10_vector(struct vpshim_int10 *m, unsigned int vector)
{
	u32 ip = rd16(m->mem + vector * 4);
	u32 cs = rd16(m->mem + vector * 4 + 2);

	return ((cs << 4) + ip) & (VPSHIM_INT10_MEM_SIZE - 1);
}

static bool vpshim_int10_vector_in_rom(struct vpshim_int10 *m, unsigned int vector)
{
	u32 lin = vpshim_int10_vector(m, vector);

	return lin >= VPSHIM_INT10_ROM_START && lin < m->rom_end;
}

static int vpshim_int10_intr(struct vpx86 *cpu, unsigned int vector, unsigned int kind)
{
	struct vpshim_int10 *m = cpu->priv;

	if (kind == VPX86_INT_EXCEPTION) {
		vpshim_int10_refuse(m, "the BIOS raised exception %u (%s)", vector,
				    vector == 0 ? "divide error" : "BOUND range exceeded");
		return VPX86_INTR_DONE;	/* stops the run: VPX86_ERR_EXCEPTION */
	}
	if (kind != VPX86_INT_SOFT) {
		vpshim_int10_refuse(m, "%s: no debugger here",
				    kind == VPX86_INT_INT3 ? "INT3" : "INTO");
		return -1;
	}
	switch (vector) {
	case 0x11:	/* equipment list */
		set_reg16(cpu, VPX86_EAX, rd16(m->mem + BDA_EQUIPMENT));
		return VPX86_INTR_DONE;
	case 0x12:	/* conventional memory size */
		set_reg16(cpu, VPX86_EAX, rd16(m->mem + BDA_MEMORY_KB));
		return VPX86_INTR_DONE;
	case 0x15:
		return vpshim_int10_int15(m);
	case 0x1a:
		return vpshim_int10_int1a(m);
	}
	if (vpshim_int10_vector_in_rom(m, vector))
		return VPX86_INTR_IVT;
	vpshim_int10_refuse(m,
			    "INT %02Xh (AX=%04x) is not provided: its vector %05x is outside the video ROM",
			    vector, reg16(cpu, VPX86_EAX), vpshim_int10_vector(m, vector));
	return -1;
}

static const struct vpx86_ops vpshim_int10_ops = {
	.mem_read = vpshim_int10_mem_read,
	.mem_write = vpshim_int10_mem_write,
	.io_in = vpshim_int10_io_in,
	.io_out = vpshim_int10_io_out,
	.intr = vpshim_int10_intr,
};

/* ---- running ---- */

static __printf(2, 3) void vpshim_int10_fail(struct vpshim_int10 *m, const char *fmt, ...)
{
	va_list ap;
	size_t len;

	va_start(ap, fmt);
	len = vscnprintf(m->last_error, sizeof(m->last_error), fmt, ap);
	va_end(ap);
	if (m->why[0])
		scnprintf(m->last_error + len, sizeof(m->last_error) - len, ": %s", m->why);
	dev_err_ratelimited(m->vdev->dev, "%s: the video BIOS stopped: %s\n", m->func,
			    m->last_error);
}

/*
 * Run from the prepared CS:IP until the far return to the stop address, in
 * chunks with a reschedule between them. Called with the lock held.
 */
static int vpshim_int10_run(struct vpshim_int10 *m, const char *what)
{
	struct vpx86 *cpu = m->cpu;
	unsigned long left = m->cfg.max_instructions ?: READ_ONCE(vpshim_int10_max_instructions);
	unsigned long chunk;
	enum vpx86_status st;
	char desc[160];

	m->why[0] = 0;
	for (;;) {
		chunk = min(left, VPSHIM_INT10_CHUNK);
		vpshim_int10_clock(m);
		st = vpx86_run(cpu, chunk);
		if (st == VPX86_HALTED) {
			if (cpu->sreg[VPX86_CS] == VPSHIM_INT10_BIOS_SEG &&
			    cpu->eip == VPSHIM_INT10_STOP_OFF)
				return 0;
			vpshim_int10_fail(m, "%s: HLT at %04x:%04x, outside a call's return", what,
					  cpu->fault_cs, cpu->fault_eip);
			return -EIO;
		}
		if (st != VPX86_BUDGET) {
			vpx86_describe(cpu, desc, sizeof(desc));
			vpshim_int10_fail(m, "%s: %s", what, desc);
			return -EIO;
		}
		left -= chunk;
		if (!left) {
			vpshim_int10_fail(m,
					  "%s: instruction budget exhausted (%lu instructions) at %04x:%04x",
					  what, m->cfg.max_instructions ?:
					  READ_ONCE(vpshim_int10_max_instructions),
					  cpu->sreg[VPX86_CS], cpu->eip);
			return -ETIMEDOUT;
		}
		if (fatal_signal_pending(current)) {
			vpshim_int10_fail(m, "%s: interrupted by a fatal signal at %04x:%04x", what,
					  cpu->sreg[VPX86_CS], cpu->eip);
			return -EINTR;
		}
		if (READ_ONCE(m->vdev->dying)) {
			vpshim_int10_fail(m, "%s: the adapter is unbinding", what);
			return -ENODEV;
		}
		cond_resched();
	}
}

/* The hardware's own preparation around a run (the VGA arbiter's lock). */
static int vpshim_int10_begin(struct vpshim_int10 *m)
{
	m->why[0] = 0;
	if (m->cfg.hw->begin && m->cfg.hw->begin(m->cfg.hw_ctx)) {
		vpshim_int10_fail(m, "the adapter's legacy VGA resources could not be taken");
		return -EINTR;
	}
	return 0;
}

static void vpshim_int10_end(struct vpshim_int10 *m)
{
	if (m->cfg.hw->end)
		m->cfg.hw->end(m->cfg.hw_ctx);
}

/* Fresh registers and stack for a call. */
static void vpshim_int10_setup(struct vpshim_int10 *m, const struct vpshim_int10_regs *regs)
{
	struct vpx86 *cpu = m->cpu;

	cpu->gpr[VPX86_EAX] = regs->eax;
	cpu->gpr[VPX86_EBX] = regs->ebx;
	cpu->gpr[VPX86_ECX] = regs->ecx;
	cpu->gpr[VPX86_EDX] = regs->edx;
	cpu->gpr[VPX86_ESI] = regs->esi;
	cpu->gpr[VPX86_EDI] = regs->edi;
	cpu->gpr[VPX86_EBP] = regs->ebp;
	cpu->gpr[VPX86_ESP] = 0xfffe;
	cpu->sreg[VPX86_SS] = VPSHIM_INT10_STACK_SEG;
	cpu->sreg[VPX86_DS] = regs->ds;
	cpu->sreg[VPX86_ES] = regs->es;
	cpu->sreg[VPX86_FS] = 0;
	cpu->sreg[VPX86_GS] = 0;
	cpu->eflags = 0x2 | VPX86_FLAG_IF;
}

/**
 * vpshim_int10_machine_call() - run INT @vector of the machine's BIOS
 * @m: the machine, locked with vpshim_int10_machine_lock()
 * @vector: the interrupt (0x10)
 * @regs: the registers in; the registers out on success
 * @func: the VideoPort call, for messages
 *
 * Return: 0; -EOPNOTSUPP when the vector does not point into the video ROM
 * (the BIOS was never initialised); -EIO when the BIOS stopped on something
 * refused or undefined, -ETIMEDOUT when it ran out of instructions, -EINTR
 * on a fatal signal, -ENODEV when the adapter is unbinding (each with a
 * ratelimited message).
 */
int vpshim_int10_machine_call(struct vpshim_int10 *m, unsigned int vector,
			      struct vpshim_int10_regs *regs, const char *func)
{
	struct vpx86 *cpu = m->cpu;
	char what[24];
	int err;

	lockdep_assert_held(&m->lock);
	m->func = func;
	snprintf(what, sizeof(what), "INT %02Xh AX=%04x", vector, regs->eax & 0xffff);
	if (!vpshim_int10_vector_in_rom(m, vector)) {
		m->why[0] = 0;
		vpshim_int10_fail(m,
				  "%s: the vector (%05x) does not point into the video ROM; the BIOS was never initialised",
				  what, vpshim_int10_vector(m, vector));
		return -EOPNOTSUPP;
	}
	vpshim_int10_setup(m, regs);
	if (vpx86_prepare_int(cpu, vector, VPSHIM_INT10_BIOS_SEG, VPSHIM_INT10_STOP_OFF))
		return -EIO;	/* the stack is RAM: cannot happen */
	err = vpshim_int10_begin(m);
	if (err)
		return err;
	err = vpshim_int10_run(m, what);
	vpshim_int10_end(m);
	if (err)
		return err;
	regs->eax = cpu->gpr[VPX86_EAX];
	regs->ebx = cpu->gpr[VPX86_EBX];
	regs->ecx = cpu->gpr[VPX86_ECX];
	regs->edx = cpu->gpr[VPX86_EDX];
	regs->esi = cpu->gpr[VPX86_ESI];
	regs->edi = cpu->gpr[VPX86_EDI];
	regs->ebp = cpu->gpr[VPX86_EBP];
	regs->ds = cpu->sreg[VPX86_DS];
	regs->es = cpu->sreg[VPX86_ES];
	regs->eflags = cpu->eflags;
	return 0;
}

/* The option ROM's init entry, C000:0003, with AX the PCI address. */
static int vpshim_int10_post(struct vpshim_int10 *m)
{
	struct vpshim_int10_regs regs = { };
	int err;

	if (m->cfg.pci)
		regs.eax = (u32)m->cfg.bus << 8 | m->cfg.devfn;
	vpshim_int10_setup(m, &regs);
	if (vpx86_prepare_far_call(m->cpu, VPSHIM_INT10_ROM_SEG, 0x0003, VPSHIM_INT10_BIOS_SEG,
				   VPSHIM_INT10_STOP_OFF))
		return -EIO;
	err = vpshim_int10_begin(m);
	if (err)
		return err;
	err = vpshim_int10_run(m, "POST C000:0003");
	vpshim_int10_end(m);
	return err;
}

/**
 * vpshim_int10_machine_lock() - take the machine for one call
 * @m: the machine
 *
 * Return: 0, or -EINTR when a fatal signal came while waiting.
 */
int vpshim_int10_machine_lock(struct vpshim_int10 *m)
{
	return mutex_lock_killable(&m->lock);
}

/**
 * vpshim_int10_machine_unlock() - release what vpshim_int10_machine_lock() took
 * @m: the machine
 */
void vpshim_int10_machine_unlock(struct vpshim_int10 *m)
{
	mutex_unlock(&m->lock);
}

/**
 * vpshim_int10_machine_access() - read or write the machine's memory
 * @m: the machine, locked
 * @seg: segment
 * @off: offset
 * @buf: what to write, or where to read to
 * @len: bytes (0 does nothing)
 * @write: write rather than read
 * @func: the callback, for messages
 *
 * The range, linear (@seg * 16 + @off, not wrapping at 1 MiB), must lie in
 * one region: conventional memory (read and write); upper memory, the
 * video ROM and the stub system BIOS (read only); the legacy VGA window
 * when the adapter decodes it (bytewise through the adapter).
 *
 * Return: 0, or -EINVAL (with a ratelimited message) for a range elsewhere.
 */
int vpshim_int10_machine_access(struct vpshim_int10 *m, u16 seg, u16 off, void *buf,
				u32 len, bool write, const char *func)
{
	u32 lin = (u32)seg * 16 + off, i, v;
	u8 *p = buf;
	bool ok;

	lockdep_assert_held(&m->lock);
	if (!len)
		return 0;
	if (len > VPSHIM_INT10_MEM_SIZE || lin > VPSHIM_INT10_MEM_SIZE - len)
		goto refused;
	if (lin + len <= VPSHIM_INT10_RAM_END) {
		if (write)
			memcpy(m->mem + lin, buf, len);
		else
			memcpy(buf, m->mem + lin, len);
		return 0;
	}
	if (!write && lin >= VPSHIM_INT10_ROM_START) {
		memcpy(buf, m->mem + lin, len);
		return 0;
	}
	if (vpshim_int10_in_vga(m, lin, len)) {
		m->why[0] = 0;
		for (i = 0, ok = true; i < len && ok; i++) {
			v = p[i];
			ok = !vpshim_int10_vga_access(m, lin + i, 1, &v, write);
			if (!write)
				p[i] = (u8)v;
		}
		if (ok)
			return 0;
	}
refused:
	dev_err_ratelimited(m->vdev->dev,
			    "%s: %s of %u bytes at %04x:%04x (linear %#x): not %s memory of the BIOS machine; refused\n",
			    func, write ? "write" : "read", len, seg, off, lin,
			    write ? "writable" : "readable");
	return -EINVAL;
}

/**
 * vpshim_int10_machine_buffer() - hand out or take back the one Int10 buffer
 * @m: the machine, locked
 * @alloc: allocate (else free)
 * @seg: for a free, the segment the allocation gave
 * @off: for a free, the offset it gave
 * @func: the callback, for messages
 *
 * The buffer is VPSHIM_INT10_BUFFER_SIZE bytes at VPSHIM_INT10_BUFFER_SEG:0.
 *
 * Return: 0; -EBUSY to allocate it twice; -EINVAL to free what was not
 * allocated (each with a ratelimited message).
 */
int vpshim_int10_machine_buffer(struct vpshim_int10 *m, bool alloc, u16 seg, u16 off,
				const char *func)
{
	lockdep_assert_held(&m->lock);
	if (alloc) {
		if (m->buffer_busy) {
			dev_err_ratelimited(m->vdev->dev, "%s: the buffer is already allocated; free it first\n",
					    func);
			return -EBUSY;
		}
		m->buffer_busy = true;
		memset(m->mem + VPSHIM_INT10_BUFFER_SEG * 16, 0, VPSHIM_INT10_BUFFER_SIZE);
		return 0;
	}
	if (!m->buffer_busy || seg != VPSHIM_INT10_BUFFER_SEG || off) {
		dev_err_ratelimited(m->vdev->dev,
				    "%s: %04x:%04x is not an allocated buffer (%s); nothing freed\n",
				    func, seg, off, m->buffer_busy ? "the buffer is at 2000:0000" :
				    "none is allocated");
		return -EINVAL;
	}
	m->buffer_busy = false;
	return 0;
}

/**
 * vpshim_int10_machine_error() - the text of the machine's last failure
 * @m: the machine, locked
 *
 * Return: what the last failed call's message said after the call's name,
 * or "" if no call failed.
 */
const char *vpshim_int10_machine_error(struct vpshim_int10 *m)
{
	return m->last_error;
}

/* ---- building a machine ---- */

/*
 * The platform's IVT and BDA (a PC's low memory), where there is one, and
 * what its BIOS left in upper memory after the video ROM (SeaBIOS's VGA
 * BIOS keeps its stack there, in memory the system BIOS gave it at POST).
 */
static bool vpshim_int10_copy_low(struct vpshim_int10 *m)
{
#ifdef CONFIG_X86
	u32 uma = m->rom_end, len = VPSHIM_INT10_UMA_END - m->rom_end;
	void *low = memremap(0, VPSHIM_INT10_LOW_COPY, MEMREMAP_WB);
	void __iomem *high;

	if (!low)
		return false;
	memcpy(m->mem, low, VPSHIM_INT10_LOW_COPY);
	memunmap(low);
	high = len ? ioremap(uma, len) : NULL;
	if (high) {
		memcpy_fromio(m->mem + uma, high, len);
		iounmap(high);
	}
	return true;
#else
	return false;
#endif
}

/*
 * Every vector at the IRET stub; a BDA that says 639 KiB of conventional
 * memory with a 1 KiB EBDA above it (where a VGA BIOS may take memory at
 * POST, as SeaBIOS's takes its stack), the rest zero.
 */
static void vpshim_int10_minimal_low(struct vpshim_int10 *m)
{
	unsigned int v;

	for (v = 0; v < 256; v++) {
		wr16(m->mem + v * 4, VPSHIM_INT10_IRET_OFF);
		wr16(m->mem + v * 4 + 2, VPSHIM_INT10_BIOS_SEG);
	}
	wr16(m->mem + BDA_MEMORY_KB, 639);
	wr16(m->mem + BDA_EBDA_SEG, 0x9fc0);
	m->mem[0x9fc00] = 1;		/* the EBDA's size in KiB */
}

static void vpshim_int10_stub_bios(struct vpshim_int10 *m)
{
	u8 *bios = m->mem + VPSHIM_INT10_BIOS_START;

	/* Code that jumps into the system BIOS stops at an HLT. */
	memset(bios, 0xf4, VPSHIM_INT10_MEM_SIZE - VPSHIM_INT10_BIOS_START);
	bios[VPSHIM_INT10_IRET_OFF] = 0xcf;
	bios[0xfffe] = 0xfc;		/* model byte: AT */
}

static int vpshim_int10_map(struct vpshim_int10 *m)
{
	struct vpx86 *cpu = m->cpu;
	const unsigned int rw = VPX86_MAP_READ | VPX86_MAP_WRITE;

	if (vpx86_map(cpu, 0, VPSHIM_INT10_RAM_END, m->mem, rw) ||
	    vpx86_map(cpu, VPSHIM_INT10_ROM_START, VPSHIM_INT10_UMA_END - VPSHIM_INT10_ROM_START,
		      m->mem + VPSHIM_INT10_ROM_START, rw) ||
	    vpx86_map(cpu, VPSHIM_INT10_BIOS_START,
		      VPSHIM_INT10_MEM_SIZE - VPSHIM_INT10_BIOS_START,
		      m->mem + VPSHIM_INT10_BIOS_START, VPX86_MAP_READ))
		return -EINVAL;
	return 0;
}

static bool vpshim_int10_config_ok(struct vpshim_device *vdev,
				   const struct vpshim_int10_config *cfg)
{
	const u8 *rom = cfg->rom;

	if (!cfg->hw || cfg->nports > VPSHIM_INT10_MAX_PORT_RANGES)
		return false;
	if (!rom || cfg->rom_len < 4 || rom[0] != 0x55 || rom[1] != 0xaa) {
		dev_info(vdev->dev, "vpshim: the option ROM has no 55 AA signature; no video BIOS\n");
		return false;
	}
	return true;
}

/**
 * vpshim_int10_machine_create() - build the machine of an adapter
 * @vdev: the adapter
 * @cfg: the ROM and the hardware; the ROM is copied, @cfg->hw_ctx is
 *	released (@cfg->hw->release) when the machine is destroyed
 *
 * Copies the ROM to C0000 (at most VPSHIM_INT10_ROM_MAX bytes), sets up
 * low memory (the platform's or a minimal one) and, when asked, runs the
 * ROM's init entry.
 *
 * Context: may sleep.
 * Return: the machine, or an ERR_PTR: -EINVAL for a configuration without
 * a ROM signature, -ENOMEM, or the POST's error.
 */
struct vpshim_int10 *vpshim_int10_machine_create(struct vpshim_device *vdev,
						 const struct vpshim_int10_config *cfg)
{
	struct vpshim_int10 *m;
	size_t rom_len;
	int err;

	if (!vpshim_int10_config_ok(vdev, cfg))
		return ERR_PTR(-EINVAL);
	m = kzalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return ERR_PTR(-ENOMEM);
	m->vdev = vdev;
	m->cfg = *cfg;
	m->cfg.rom = NULL;
	mutex_init(&m->lock);
	err = -ENOMEM;
	m->cpu = kzalloc(sizeof(*m->cpu), GFP_KERNEL);
	m->mem = vzalloc(VPSHIM_INT10_MEM_SIZE);
	if (!m->cpu || !m->mem)
		goto free;

	rom_len = min_t(size_t, cfg->rom_len, VPSHIM_INT10_ROM_MAX);
	memcpy(m->mem + VPSHIM_INT10_ROM_START, cfg->rom, rom_len);
	m->rom_end = VPSHIM_INT10_ROM_START + ALIGN(rom_len, VPX86_PAGE_SIZE);
	m->rom_end = min(m->rom_end, VPSHIM_INT10_ROM_START + VPSHIM_INT10_ROM_MAX);
	if (!cfg->low_memory || !vpshim_int10_copy_low(m)) {
		m->cfg.low_memory = false;
		vpshim_int10_minimal_low(m);
	}
	vpshim_int10_stub_bios(m);
	vpx86_init(m->cpu, &vpshim_int10_ops, m);
	err = vpshim_int10_map(m);
	if (err)
		goto free;
	vpx86_set_stop(m->cpu, VPSHIM_INT10_BIOS_SEG, VPSHIM_INT10_STOP_OFF);
	m->func = "vpshim";
	if (cfg->post) {
		err = vpshim_int10_post(m);
		if (err)
			goto free;
	}
	dev_info(vdev->dev, "vpshim: video BIOS machine: %zu KiB ROM%s, %s low memory, %u port ranges%s\n",
		 rom_len / 1024, cfg->post ? " (initialised here)" : "",
		 m->cfg.low_memory ? "the platform's" : "minimal", cfg->nports,
		 cfg->vga_window ? ", the legacy VGA window" : "");
	return m;

free:
	m->cfg.hw_ctx = NULL;	/* the caller still owns it */
	vfree(m->mem);
	kfree(m->cpu);
	mutex_destroy(&m->lock);
	kfree(m);
	return ERR_PTR(err);
}

/**
 * vpshim_int10_machine_destroy() - free a machine
 * @m: the machine, or NULL
 *
 * Waits for a call in progress to end (the adapter is dying, so it ends at
 * its next reschedule point).
 */
void vpshim_int10_machine_destroy(struct vpshim_int10 *m)
{
	if (!m)
		return;
	mutex_lock(&m->lock);
	mutex_unlock(&m->lock);
	if (m->cfg.hw->release && m->cfg.hw_ctx)
		m->cfg.hw->release(m->cfg.hw_ctx);
	vfree(m->mem);
	kfree(m->cpu);
	mutex_destroy(&m->lock);
	kfree(m);
}
