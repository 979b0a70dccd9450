// SPDX-License-Identifier: GPL-2.0
/*
 * x86emu_fuzz.c - random bytes through vpshim's real-mode interpreter,
 * built with AddressSanitizer and UndefinedBehaviorSanitizer: whatever the
 * code, a run ends with a defined status, never a crash, an out-of-bounds
 * access or undefined behaviour. Refusing callbacks (some ports, a memory
 * page, an interrupt) and the direct map are exercised too.
 *
 * Usage: x86emu-fuzz [RUNS]    (fixed seed; prints the status counts)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "x86emu.h"

#define MEM_SIZE 0x100000u

static unsigned char mem[MEM_SIZE];
static unsigned long long rng = 88172645463325252ull;

static unsigned int r32(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned int)rng;
}

static int f_io_in(struct vpx86 *c, unsigned int port, unsigned int size, unsigned int *val)
{
	(void)c;
	(void)size;
	*val = port * 7;
	return (port & 0xff) == 0x55;
}

static int f_io_out(struct vpx86 *c, unsigned int port, unsigned int size, unsigned int val)
{
	(void)c;
	(void)size;
	(void)val;
	return (port & 0xff) == 0x55;
}

static int f_mem_read(struct vpx86 *c, unsigned int addr, unsigned int size, unsigned int *val)
{
	unsigned int i, v = 0;

	(void)c;
	if (addr >= MEM_SIZE || size > 4 || addr + size > MEM_SIZE)
		abort();	/* the core promised 20-bit, page-contained accesses */
	for (i = 0; i < size; i++)
		v |= (unsigned int)mem[addr + i] << (8 * i);
	*val = v;
	return (addr >> 12) == 0xbf;
}

static int f_mem_write(struct vpx86 *c, unsigned int addr, unsigned int size, unsigned int val)
{
	unsigned int i;

	(void)c;
	if (addr >= MEM_SIZE || size > 4 || addr + size > MEM_SIZE)
		abort();
	for (i = 0; i < size; i++)
		mem[addr + i] = (unsigned char)(val >> (8 * i));
	return (addr >> 12) == 0xbf;
}

static int f_intr(struct vpx86 *c, unsigned int vector, unsigned int kind)
{
	(void)c;
	(void)kind;
	return vector == 0x15 ? VPX86_INTR_DONE : vector == 0x16 ? -1 : VPX86_INTR_IVT;
}

static const struct vpx86_ops ops = {
	.mem_read = f_mem_read,
	.mem_write = f_mem_write,
	.io_in = f_io_in,
	.io_out = f_io_out,
	.intr = f_intr,
};

int main(int argc, char **argv)
{
	static struct vpx86 cpu;
	unsigned long runs = argc > 1 ? strtoul(argv[1], NULL, 0) : 100000, i, st[16] = { 0 };
	unsigned long long instr = 0;
	char msg[160];
	unsigned int j;

	for (i = 0; i < MEM_SIZE; i++)
		mem[i] = (unsigned char)r32();
	for (i = 0; i < runs; i++) {
		for (j = 0; j < 64; j++)
			mem[0x10000 + j] = (unsigned char)r32();
		vpx86_init(&cpu, &ops, NULL);
		if (i & 1)
			vpx86_map(&cpu, 0, 0xa0000, mem, VPX86_MAP_READ | VPX86_MAP_WRITE);
		if (i & 2)
			vpx86_map(&cpu, 0xc0000, 0x10000, mem + 0xc0000, VPX86_MAP_READ);
		for (j = 0; j < 8; j++)
			cpu.gpr[j] = (i & 4) ? r32() : r32() & 0xffff;
		for (j = 0; j < 6; j++)
			cpu.sreg[j] = (unsigned short)r32();
		cpu.sreg[VPX86_CS] = 0x1000;
		cpu.eflags = 2 | (r32() & 0xcd5);
		vpx86_run(&cpu, 2000);
		if (cpu.status > VPX86_ERR_INTR)
			abort();
		st[cpu.status]++;
		instr += cpu.icount;
		vpx86_describe(&cpu, msg, sizeof(msg));
		if (i % 3 == 0)
			vpx86_step(&cpu);
	}
	printf("x86emu-fuzz: %lu runs, %llu instructions, statuses:", runs, instr);
	for (j = VPX86_HALTED; j <= VPX86_ERR_INTR; j++)
		printf(" %s %lu;", vpx86_status_name(j), st[j]);
	printf("\nx86emu-fuzz: no crash, no sanitizer report\n");
	return 0;
}
