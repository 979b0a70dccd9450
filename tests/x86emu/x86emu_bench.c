// SPDX-License-Identifier: GPL-2.0
/*
 * x86emu_bench.c - speed of vpshim's real-mode interpreter against Debian's
 * libx86emu on a real video BIOS, and a differential check on real code.
 *
 * A 1 MiB PC image gets a minimal IVT (every vector at an IRET in F000) and
 * BDA, the VGA BIOS at C000:0000 and a fake of the hardware it drives: the
 * Bochs VBE/DISPI ports 0x1CE/0x1CF (ID 0xB0C5, 16 MiB, GETCAPS maxima),
 * the VGA ports (indexed registers read back what was written), PCI
 * configuration space (a 1234:1111 display at 00:02.0, BAR0 0xFD000008)
 * and the QEMU debug console 0x402. Both interpreters run the same calls:
 * the ROM's init entry C000:0003 (AX = the PCI address), then INT 10h
 * AX=4F00 (controller info), 4F01 for a few modes and 4F02 BX=4118.
 *
 * Reported: the instructions each call takes in each interpreter, whether
 * both end in the same state (registers, all of memory) and issue the same
 * sequence of port writes (the DISPI writes counted apart), then the speed
 * of each over repeated runs of the whole sequence in the same process:
 * "x86emu-bench: ours N Minstr/s, libx86emu M Minstr/s, ratio R".
 *
 * Usage: x86emu-bench [--rom FILE] [--seconds N] [--min-ratio R]
 * Exit status 1 on a difference between the two, or a ratio below R.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "x86emu.h"	/* ours, through -iquote */
#include <x86emu.h>	/* libx86emu */

#define MEM_SIZE	0x100000u
#define STOP_SEG	0x0000u
#define STOP_OFF	0x0500u		/* an HLT: where every call returns */
#define BUF_SEG		0x2000u		/* ES:DI of the VBE calls */
#define STACK_SEG	0x3000u
#define PCI_BDF		0x0010u		/* 00:02.0 */
#define MAX_LOG		65536

/* ---- the fake hardware, one instance per interpreter ---- */

struct hw {
	unsigned short dispi_index;
	unsigned short dispi[16];
	unsigned char vga[32];		/* last byte written per port 3C0-3DF */
	unsigned char seq[256], gc[256], crtc[256], attr[32];
	unsigned char attr_flip, attr_index;
	unsigned char dac[768];
	unsigned int dac_windex, dac_rindex;
	unsigned int pci_addr;
	unsigned int retrace;
	/* the port writes, in order: port << 8 | size, value */
	unsigned int log_port[MAX_LOG], log_val[MAX_LOG];
	unsigned int nlog, ndispi;
	char console[4096];
	unsigned int nconsole;
};

static void hw_reset(struct hw *h)
{
	memset(h, 0, sizeof(*h));
	h->dispi[0] = 0xb0c5;
	h->dispi[10] = 256;		/* VIDEO_MEMORY_64K: 16 MiB */
}

static unsigned int pci_read(struct hw *h, unsigned int off, unsigned int size)
{
	static const unsigned char cfg[64] = {
		0x34, 0x12, 0x11, 0x11, 0x03, 0x00, 0x00, 0x00,	/* vendor, device, cmd */
		0x02, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0x00,	/* class 030000 */
		0x08, 0x00, 0x00, 0xfd,				/* BAR0 0xFD000008 */
	};
	unsigned int dev = (h->pci_addr >> 8) & 0xffff, reg = (h->pci_addr & 0xfc) + off;
	unsigned int v = 0, i;

	if (!(h->pci_addr & 0x80000000u) || dev != PCI_BDF)
		return size == 4 ? 0xffffffffu : (1u << (8 * size)) - 1;
	for (i = 0; i < size; i++)
		v |= (reg + i < sizeof(cfg) ? cfg[reg + i] : 0) << (8 * i);
	return v;
}

static unsigned int hw_in(struct hw *h, unsigned int port, unsigned int size)
{
	unsigned int v;

	if (port == 0x1ce)
		return h->dispi_index;
	if (port == 0x1cf || port == 0x1d0) {
		unsigned int i = h->dispi_index & 15;

		if ((h->dispi[4] & 0x02) && i >= 1 && i <= 3)	/* GETCAPS */
			return i == 1 ? 2560 : i == 2 ? 1600 : 32;
		return h->dispi[i];
	}
	if (port == 0xcf8)
		return h->pci_addr;
	if (port >= 0xcfc && port <= 0xcff)
		return pci_read(h, port - 0xcfc, size);
	if (port == 0x402)
		return 0xe9;		/* the debug console is there */
	if (port >= 0x3c0 && port <= 0x3df) {
		switch (port) {
		case 0x3c1:
			return h->attr[h->attr_index & 31];
		case 0x3c5:
			return h->seq[h->vga[5]];
		case 0x3c9:
			v = h->dac[h->dac_rindex % 768];
			h->dac_rindex++;
			return v;
		case 0x3cc:
			return h->vga[2];
		case 0x3cf:
			return h->gc[h->vga[0xe]];
		case 0x3d5:
			return h->crtc[h->vga[0x14]];
		case 0x3da:
			h->attr_flip = 0;
			h->retrace ^= 0x09;
			return h->retrace;
		}
		return h->vga[port - 0x3c0];
	}
	return size == 4 ? 0xffffffffu : (1u << (8 * size)) - 1;
}

static void hw_out1(struct hw *h, unsigned int port, unsigned int v)
{
	v &= 0xff;
	switch (port) {
	case 0x3c0:
		if (!h->attr_flip)
			h->attr_index = (unsigned char)v;
		else
			h->attr[h->attr_index & 31] = (unsigned char)v;
		h->attr_flip ^= 1;
		return;
	case 0x3c5:
		h->seq[h->vga[5]] = (unsigned char)v;
		return;
	case 0x3c7:
		h->dac_rindex = v * 3;
		break;
	case 0x3c8:
		h->dac_windex = v * 3;
		break;
	case 0x3c9:
		h->dac[h->dac_windex % 768] = (unsigned char)v;
		h->dac_windex++;
		return;
	case 0x3cf:
		h->gc[h->vga[0xe]] = (unsigned char)v;
		return;
	case 0x3d5:
		h->crtc[h->vga[0x14]] = (unsigned char)v;
		return;
	}
	if (port == 0x3c2)
		h->vga[0xc] = (unsigned char)v;	/* misc output reads at 3CC */
	h->vga[port - 0x3c0] = (unsigned char)v;
}

static void hw_out(struct hw *h, unsigned int port, unsigned int size, unsigned int v)
{
	unsigned int i;

	if (h->nlog < MAX_LOG) {
		h->log_port[h->nlog] = port << 8 | size;
		h->log_val[h->nlog] = v;
		h->nlog++;
	}
	if (port == 0x1ce) {
		h->dispi_index = (unsigned short)v;
		h->ndispi++;
	} else if (port == 0x1cf || port == 0x1d0) {
		h->dispi[h->dispi_index & 15] = (unsigned short)v;
		h->ndispi++;
	} else if (port == 0xcf8 && size == 4) {
		h->pci_addr = v;
	} else if (port == 0x402) {
		if (h->nconsole < sizeof(h->console) - 1)
			h->console[h->nconsole++] = (char)v;
	} else if (port >= 0x3c0 && port <= 0x3df) {
		for (i = 0; i < size; i++)	/* a word out is two byte outs */
			hw_out1(h, port + i, v >> (8 * i));
	}
}

/* ---- the PC image ---- */

static unsigned char rom[0x10000];
static unsigned int rom_size;
static unsigned char image[MEM_SIZE];		/* the pristine image */
static unsigned char mem_ours[MEM_SIZE], mem_lib[MEM_SIZE];
static struct hw hw_ours, hw_lib;

static void build_image(void)
{
	unsigned int v;

	memset(image, 0, sizeof(image));
	for (v = 0; v < 256; v++) {		/* every vector: F000:FF53, an IRET */
		image[v * 4] = 0x53;
		image[v * 4 + 1] = 0xff;
		image[v * 4 + 2] = 0x00;
		image[v * 4 + 3] = 0xf0;
	}
	image[0xfff53] = 0xcf;
	image[0x410] = 0x21;			/* BDA: equipment, 80x25 colour */
	image[0x413] = 0x80;			/* 640 KiB */
	image[0x414] = 0x02;
	image[(STOP_SEG << 4) + STOP_OFF] = 0xf4;
	memcpy(image + 0xc0000, rom, rom_size);
	memcpy(image + 0xffff0, "\xea\x5b\xe0\x00\xf0" "06/23/99", 13);
}

/* ---- our interpreter ---- */

static int o_io_in(struct vpx86 *c, unsigned int port, unsigned int size, unsigned int *val)
{
	(void)c;
	*val = hw_in(&hw_ours, port, size);
	return 0;
}

static int o_io_out(struct vpx86 *c, unsigned int port, unsigned int size, unsigned int val)
{
	(void)c;
	hw_out(&hw_ours, port, size, val);
	return 0;
}

static const struct vpx86_ops ours_ops = {
	.io_in = o_io_in,
	.io_out = o_io_out,
};

static struct vpx86 ours;

static void ours_setup(void)
{
	vpx86_init(&ours, &ours_ops, NULL);
	/* all RAM: the ROM runs from shadow RAM and keeps variables in it */
	vpx86_map(&ours, 0, MEM_SIZE, mem_ours, VPX86_MAP_READ | VPX86_MAP_WRITE);
	ours.sreg[VPX86_SS] = STACK_SEG;
	ours.gpr[VPX86_ESP] = 0xfffe;
}

/* ---- libx86emu ---- */

static x86emu_t *lib;
static x86emu_memio_handler_t lib_default_memio;

/* Ports go to the fake; memory to libx86emu's own page-mapped memory. */
static unsigned int lib_memio(x86emu_t *emu, u32 addr, u32 *val, unsigned int type)
{
	unsigned int sz = type & 0xff, acc = type & ~0xffu;
	unsigned int n = (sz == X86EMU_MEMIO_16) ? 2 : (sz == X86EMU_MEMIO_32) ? 4 : 1;

	if (acc == X86EMU_MEMIO_I) {
		*val = hw_in(&hw_lib, addr & 0xffff, n);
		return 0;
	}
	if (acc == X86EMU_MEMIO_O) {
		hw_out(&hw_lib, addr & 0xffff, n, *val);
		return 0;
	}
	return lib_default_memio(emu, addr, val, type);
}

static void lib_setup(void)
{
	unsigned int p;

	if (!lib) {
		lib = x86emu_new(X86EMU_PERM_RW | X86EMU_PERM_X, 0);
		lib_default_memio = x86emu_set_memio_handler(lib, lib_memio);
		for (p = 0; p < MEM_SIZE; p += 0x1000)
			x86emu_set_page(lib, p, mem_lib + p);
	}
	x86emu_reset(lib);
	x86emu_set_seg_register(lib, lib->x86.R_SS_SEL, STACK_SEG);
	lib->x86.R_ESP = 0xfffe;
}

/* ---- the calls ---- */

struct call {
	const char *name;
	unsigned int ax, bx, cx;
	int is_int10;
};

static const struct call calls[] = {
	{ "init C000:0003", PCI_BDF, 0, 0, 0 },
	{ "INT 10h AX=4F00", 0x4f00, 0, 0, 1 },
	{ "INT 10h AX=4F01 CX=0112", 0x4f01, 0, 0x112, 1 },
	{ "INT 10h AX=4F01 CX=0118", 0x4f01, 0, 0x118, 1 },
	{ "INT 10h AX=4F01 CX=0101", 0x4f01, 0, 0x101, 1 },
	{ "INT 10h AX=4F02 BX=4118", 0x4f02, 0x4118, 0, 1 },
	{ "INT 10h AX=4F03", 0x4f03, 0, 0, 1 },
};
#define NCALLS (sizeof(calls) / sizeof(calls[0]))

static unsigned long long count_ours[NCALLS], count_lib[NCALLS];
static unsigned int ax_ours[NCALLS], ax_lib[NCALLS];

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

/* Run every call in ours; return the seconds spent running, or < 0. */
static double run_ours(int verbose)
{
	double t, spent = 0;
	unsigned int i;
	enum vpx86_status st;
	char msg[160];

	memcpy(mem_ours, image, MEM_SIZE);
	hw_reset(&hw_ours);
	ours_setup();
	for (i = 0; i < NCALLS; i++) {
		unsigned long long ic = ours.icount;

		ours.gpr[VPX86_EAX] = calls[i].ax;
		ours.gpr[VPX86_EBX] = calls[i].bx;
		ours.gpr[VPX86_ECX] = calls[i].cx;
		ours.gpr[VPX86_EDI] = 0;
		ours.sreg[VPX86_ES] = BUF_SEG;
		ours.sreg[VPX86_DS] = 0x0040;
		if (calls[i].is_int10) {
			memcpy(mem_ours + (BUF_SEG << 4), "VBE2", 4);
			vpx86_prepare_int(&ours, 0x10, STOP_SEG, STOP_OFF);
		} else {
			vpx86_prepare_far_call(&ours, 0xc000, 0x0003, STOP_SEG, STOP_OFF);
		}
		t = now();
		do {
			st = vpx86_run(&ours, 1000000);
		} while (st == VPX86_BUDGET && ours.icount - ic < 100000000ull);
		spent += now() - t;
		count_ours[i] = ours.icount - ic;
		ax_ours[i] = ours.gpr[VPX86_EAX] & 0xffff;
		if (st != VPX86_HALTED) {
			vpx86_describe(&ours, msg, sizeof(msg));
			printf("x86emu-bench: ours: %s: %s\n", calls[i].name, msg);
			return -1;
		}
		if (verbose && (ours.sreg[VPX86_CS] != STOP_SEG || ours.eip != STOP_OFF + 1))
			printf("x86emu-bench: ours: %s returned to %04x:%04x\n", calls[i].name,
			       ours.sreg[VPX86_CS], ours.eip);
	}
	return spent;
}

static void lib_push16(unsigned int v)
{
	lib->x86.R_SP -= 2;
	mem_lib[(lib->x86.R_SS_BASE + lib->x86.R_SP) & (MEM_SIZE - 1)] = (unsigned char)v;
	mem_lib[(lib->x86.R_SS_BASE + lib->x86.R_SP + 1) & (MEM_SIZE - 1)] = (unsigned char)(v >> 8);
}

static double run_lib(void)
{
	double t, spent = 0;
	unsigned int i, ip, cs, rc;

	memcpy(mem_lib, image, MEM_SIZE);
	hw_reset(&hw_lib);
	lib_setup();
	for (i = 0; i < NCALLS; i++) {
		unsigned long long ic = lib->x86.R_TSC;

		lib->x86.R_EAX = calls[i].ax;
		lib->x86.R_EBX = calls[i].bx;
		lib->x86.R_ECX = calls[i].cx;
		lib->x86.R_EDI = 0;
		x86emu_set_seg_register(lib, lib->x86.R_ES_SEL, BUF_SEG);
		x86emu_set_seg_register(lib, lib->x86.R_DS_SEL, 0x0040);
		if (calls[i].is_int10) {
			memcpy(mem_lib + (BUF_SEG << 4), "VBE2", 4);
			lib_push16(lib->x86.R_FLG);
			lib->x86.R_FLG &= ~0x300u;
			ip = mem_lib[0x40] | mem_lib[0x41] << 8;
			cs = mem_lib[0x42] | mem_lib[0x43] << 8;
		} else {
			ip = 0x0003;
			cs = 0xc000;
		}
		lib_push16(STOP_SEG);
		lib_push16(STOP_OFF);
		x86emu_set_seg_register(lib, lib->x86.R_CS_SEL, cs);
		lib->x86.R_EIP = ip;
		lib->max_instr = ic + 100000000ull;
		t = now();
		rc = x86emu_run(lib, X86EMU_RUN_MAX_INSTR);
		spent += now() - t;
		count_lib[i] = lib->x86.R_TSC - ic;
		ax_lib[i] = lib->x86.R_AX;
		if (lib->x86.R_CS != STOP_SEG || lib->x86.R_EIP != STOP_OFF + 1) {
			printf("x86emu-bench: libx86emu: %s ended at %04x:%04x (run status %#x)\n",
			       calls[i].name, lib->x86.R_CS, lib->x86.R_EIP, rc);
			return -1;
		}
	}
	return spent;
}

/* ---- comparing the two ---- */

static int compare_runs(void)
{
	unsigned int i, n;
	int bad = 0;

	for (i = 0; i < NCALLS; i++) {
		/* libx86emu counts the final HLT, we count it too */
		printf("x86emu-bench: %-26s ours %7llu instructions, libx86emu %7llu, AX %04x / %04x\n",
		       calls[i].name, count_ours[i], count_lib[i], ax_ours[i], ax_lib[i]);
		if (count_ours[i] != count_lib[i] || ax_ours[i] != ax_lib[i])
			bad = 1;
	}
	n = hw_ours.nlog < hw_lib.nlog ? hw_ours.nlog : hw_lib.nlog;
	for (i = 0; i < n; i++)
		if (hw_ours.log_port[i] != hw_lib.log_port[i] || hw_ours.log_val[i] != hw_lib.log_val[i])
			break;
	printf("x86emu-bench: port writes: ours %u, libx86emu %u, of which DISPI %u / %u: %s\n",
	       hw_ours.nlog, hw_lib.nlog, hw_ours.ndispi, hw_lib.ndispi,
	       i == n && hw_ours.nlog == hw_lib.nlog ? "the same sequence" : "DIFFERENT");
	if (i < n)
		printf("x86emu-bench: first different port write #%u: ours %x/%u=%x, libx86emu %x/%u=%x\n",
		       i, hw_ours.log_port[i] >> 8, hw_ours.log_port[i] & 0xff, hw_ours.log_val[i],
		       hw_lib.log_port[i] >> 8, hw_lib.log_port[i] & 0xff, hw_lib.log_val[i]);
	if (i != n || hw_ours.nlog != hw_lib.nlog)
		bad = 1;
	for (i = 0; i < MEM_SIZE && mem_ours[i] == mem_lib[i]; i++)
		;
	printf("x86emu-bench: final memory (1 MiB): %s", i == MEM_SIZE ? "identical\n" : "DIFFERENT");
	if (i != MEM_SIZE) {
		printf(" at %05x: ours %02x, libx86emu %02x\n", i, mem_ours[i], mem_lib[i]);
		bad = 1;
	}
	printf("x86emu-bench: DISPI after 4F02: xres %u yres %u bpp %u enable %#x (libx86emu %u %u %u %#x)\n",
	       hw_ours.dispi[1], hw_ours.dispi[2], hw_ours.dispi[3], hw_ours.dispi[4],
	       hw_lib.dispi[1], hw_lib.dispi[2], hw_lib.dispi[3], hw_lib.dispi[4]);
	return bad;
}

int main(int argc, char **argv)
{
	const char *rom_path = "/usr/share/seabios/vgabios-stdvga.bin";
	double seconds = 3, min_ratio = 0, t_ours = 0, t_lib = 0, t;
	unsigned long long instr_ours = 0, instr_lib = 0, runs = 0;
	unsigned int i;
	FILE *f;
	int bad;

	for (i = 1; i < (unsigned int)argc; i++) {
		if (!strcmp(argv[i], "--rom") && i + 1 < (unsigned int)argc)
			rom_path = argv[++i];
		else if (!strcmp(argv[i], "--seconds") && i + 1 < (unsigned int)argc)
			seconds = atof(argv[++i]);
		else if (!strcmp(argv[i], "--min-ratio") && i + 1 < (unsigned int)argc)
			min_ratio = atof(argv[++i]);
		else {
			fprintf(stderr, "usage: %s [--rom FILE] [--seconds N] [--min-ratio R]\n", argv[0]);
			return 2;
		}
	}
	f = fopen(rom_path, "rb");
	if (!f) {
		perror(rom_path);
		return 2;
	}
	rom_size = (unsigned int)fread(rom, 1, sizeof(rom), f);
	fclose(f);
	if (rom_size < 512 || rom[0] != 0x55 || rom[1] != 0xaa) {
		fprintf(stderr, "%s: not an option ROM\n", rom_path);
		return 2;
	}
	build_image();
	printf("x86emu-bench: ROM %s (%u bytes)\n", rom_path, rom_size);

	if (run_ours(1) < 0 || run_lib() < 0)
		return 1;
	bad = compare_runs();
	if (hw_ours.nconsole) {
		hw_ours.console[hw_ours.nconsole] = 0;
		printf("x86emu-bench: the ROM's debug console said: %.*s\n",
		       (int)strcspn(hw_ours.console, "\n"), hw_ours.console);
	}

	/* alternate the two so both see the same machine conditions */
	while (t_ours < seconds / 2 || t_lib < seconds / 2) {
		t = run_ours(0);
		if (t < 0)
			return 1;
		t_ours += t;
		t = run_lib();
		if (t < 0)
			return 1;
		t_lib += t;
		for (i = 0; i < NCALLS; i++) {
			instr_ours += count_ours[i];
			instr_lib += count_lib[i];
		}
		runs++;
	}
	printf("x86emu-bench: %llu runs of the sequence, %llu instructions each\n", runs,
	       instr_ours / runs);
	printf("x86emu-bench: ours %.1f Minstr/s, libx86emu %.1f Minstr/s, ratio %.2f\n",
	       instr_ours / t_ours / 1e6, instr_lib / t_lib / 1e6,
	       (instr_ours / t_ours) / (instr_lib / t_lib));
	if (min_ratio && (instr_ours / t_ours) / (instr_lib / t_lib) < min_ratio) {
		printf("x86emu-bench: the ratio is below %.2f\n", min_ratio);
		bad = 1;
	}
	x86emu_done(lib);
	return bad;
}
