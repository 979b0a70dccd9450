/* SPDX-License-Identifier: GPL-2.0 */
/*
 * int10_machine.h - the real-mode PC an adapter's video BIOS runs in
 * (int10_machine.c), as int10.c and the KUnit suite see it.
 *
 * One machine per adapter, made on the first Int10 use and freed at unbind:
 * a private 1 MiB image (IVT, BDA, conventional memory, the video ROM at
 * C000:0000 writable as shadow RAM, a stub system BIOS page at F000), the
 * interpreter of vpshim/x86emu, and the hardware it may reach: the
 * adapter's own ports, its PCI configuration space and, for the VGA that
 * decodes the legacy window, A0000-BFFFF and ports 3B0-3DF. Everything
 * else stops the call (Documentation/int10.rst).
 */
#ifndef _VPSHIM_INT10_MACHINE_H_
#define _VPSHIM_INT10_MACHINE_H_

#include <linux/types.h>

struct vpshim_device;
struct vpshim_int10;

/* Where things are in the machine's 1 MiB (segments). */
#define VPSHIM_INT10_STACK_SEG		0x1000	/* SS; SP starts at 0xFFFE */
#define VPSHIM_INT10_BUFFER_SEG		0x2000	/* Int10AllocateBuffer's 4 KiB */
#define VPSHIM_INT10_BUFFER_SIZE	0x1000
#define VPSHIM_INT10_SCRATCH_SEG	0x3000	/* DS = ES of VideoPortInt10 */
#define VPSHIM_INT10_ROM_SEG		0xC000
#define VPSHIM_INT10_ROM_MAX		0x20000	/* C0000-DFFFF */
#define VPSHIM_INT10_BIOS_SEG		0xF000	/* the stub system BIOS */
#define VPSHIM_INT10_STOP_OFF		0xFF00	/* F000:FF00, where calls return */
#define VPSHIM_INT10_IRET_OFF		0xFF53	/* F000:FF53, an IRET */

/* The NTSTATUS Int10AllocateBuffer's contract names (ntstatus.h's value). */
#define VPSHIM_STATUS_INSUFFICIENT_RESOURCES	0xC000009AU

/*
 * The hardware behind a machine: the real adapter (port I/O, the legacy
 * VGA window, PCI configuration space) or, in the KUnit suite, a fake.
 * Each returns 0, or nonzero when the access failed (the call stops).
 * Which ports and registers may be reached is decided before these run.
 */
struct vpshim_int10_hw {
	int (*port_in)(void *ctx, unsigned int port, unsigned int size, u32 *val);
	int (*port_out)(void *ctx, unsigned int port, unsigned int size, u32 val);
	/* @off: from 0xA0000, the access naturally aligned */
	int (*vga_read)(void *ctx, unsigned int off, unsigned int size, u32 *val);
	int (*vga_write)(void *ctx, unsigned int off, unsigned int size, u32 val);
	/* the adapter's own configuration space; @reg aligned to @size */
	int (*cfg_read)(void *ctx, unsigned int reg, unsigned int size, u32 *val);
	int (*cfg_write)(void *ctx, unsigned int reg, unsigned int size, u32 val);
	/* optional: around each run of BIOS code; a nonzero begin fails the call */
	int (*begin)(void *ctx);
	void (*end)(void *ctx);
	/* optional: frees @ctx when the machine goes */
	void (*release)(void *ctx);
};

#define VPSHIM_INT10_MAX_PORT_RANGES	8

/* A range of I/O ports the machine forwards. */
struct vpshim_int10_ports {
	u16 start;
	u16 len;
};

/* What a machine is made of. */
struct vpshim_int10_config {
	const void *rom;		/* copied to C0000; at most VPSHIM_INT10_ROM_MAX */
	size_t rom_len;
	bool rom_initialized;		/* the BIOS already ran its init (the boot VGA) */
	bool low_memory;		/* copy the platform's IVT and BDA */
	bool post;			/* run the ROM's init entry at C000:0003 */
	bool vga_window;		/* forward A0000-BFFFF */
	struct vpshim_int10_ports ports[VPSHIM_INT10_MAX_PORT_RANGES];
	unsigned int nports;
	/* The PCI function, as the PCI BIOS and 0xCF8/0xCFC name it. */
	bool pci;
	u8 bus;
	u8 devfn;
	u16 vendor;
	u16 device;
	u32 class;			/* 24 bits: base, sub, interface */
	const struct vpshim_int10_hw *hw;
	void *hw_ctx;
	unsigned long max_instructions;	/* per call; 0: the module parameter */
};

/* The registers of one call, in and out. */
struct vpshim_int10_regs {
	u32 eax, ebx, ecx, edx, esi, edi, ebp;
	u16 ds, es;
	u32 eflags;			/* out only */
};

struct vpshim_int10 *vpshim_int10_machine_create(struct vpshim_device *vdev,
						 const struct vpshim_int10_config *cfg);
void vpshim_int10_machine_destroy(struct vpshim_int10 *m);
int vpshim_int10_machine_call(struct vpshim_int10 *m, unsigned int vector,
			      struct vpshim_int10_regs *regs, const char *func);
int vpshim_int10_machine_lock(struct vpshim_int10 *m);
void vpshim_int10_machine_unlock(struct vpshim_int10 *m);
int vpshim_int10_machine_access(struct vpshim_int10 *m, u16 seg, u16 off, void *buf,
				u32 len, bool write, const char *func);
int vpshim_int10_machine_buffer(struct vpshim_int10 *m, bool alloc, u16 seg, u16 off,
				const char *func);
const char *vpshim_int10_machine_error(struct vpshim_int10 *m);

extern unsigned long vpshim_int10_max_instructions;

#ifdef VPSHIM_KUNIT
/* The KUnit suite's machine: a fake ROM and fake hardware on any device. */
int vpshim_int10_test_attach(void *ext, const struct vpshim_int10_config *cfg);
size_t vpshim_int10_test_last_error(void *ext, char *buf, size_t size);
#endif

#endif /* _VPSHIM_INT10_MACHINE_H_ */
