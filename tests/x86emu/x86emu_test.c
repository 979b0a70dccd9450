// SPDX-License-Identifier: GPL-2.0
/*
 * x86emu_test.c - unit tests of vpshim's real-mode interpreter
 * (vpshim/x86emu), in user space.
 *
 * Each table entry is one named check: 16-bit code (its Intel-syntax text,
 * which asmcheck.py assembles with GNU as to prove the bytes, and the
 * bytes themselves), an initial state and the expected state. The code is
 * loaded at 1000:0000 followed by HLT; SS:SP = 2000:FFF0, DS = ES = FS =
 * GS = 3000, other registers 0, EFLAGS 0x2. State tokens (hex with 0x):
 *   eax= ... edi=, ax= ... di=, al= ... bh=, eip=, es= ... gs=, fl= (all
 *   EFLAGS), cf= pf= af= zf= sf= of= df= if= tf=, m8:LIN= m16:LIN= m32:LIN=
 *   (LIN a linear address in hex, no 0x), pin:PORT= (what IN reads),
 *   pout:PORT= (the last OUT), status= (halted budget undefined unimpl fpu
 *   port memory limit exception intr), fport=, faddr=, fvec=, hook=
 *   (which intr hook behaviour: 1), budget=.
 * Output: "PASS x86emu: <name>" or "FAIL x86emu: <name>: <what differed>",
 * then "N passed, M failed". --list-asm prints name, asm and hex for
 * asmcheck.py.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "x86emu.h"

#define MEM_SIZE	0x100000
#define CODE_LIN	0x10000

struct test {
	const char *name;
	const char *asm_text;
	const char *hex;
	const char *init;
	const char *expect;
};

static unsigned char mem[MEM_SIZE];
static unsigned int port_in_val[65536];
static unsigned int port_out_val[65536];
static unsigned int port_out_count;
static unsigned int mmio_calls;
static int hook_mode;
static struct vpx86 cpu;
static int passed, failed;

/* ---- the fake machine ---- */

/* Pages A0-AF go through the callbacks (backed by mem); BF is refused. */
static int t_mem_read(struct vpx86 *c, unsigned int addr, unsigned int size,
		      unsigned int *val)
{
	unsigned int i, v = 0;

	(void)c;
	mmio_calls++;
	if ((addr >> 12) == 0xbf)
		return -1;
	for (i = 0; i < size; i++)
		v |= (unsigned int)mem[(addr + i) & (MEM_SIZE - 1)] << (8 * i);
	*val = v;
	return 0;
}

static int t_mem_write(struct vpx86 *c, unsigned int addr, unsigned int size,
		       unsigned int val)
{
	unsigned int i;

	(void)c;
	mmio_calls++;
	if ((addr >> 12) == 0xbf)
		return -1;
	for (i = 0; i < size; i++)
		mem[(addr + i) & (MEM_SIZE - 1)] = (unsigned char)(val >> (8 * i));
	return 0;
}

static int t_io_in(struct vpx86 *c, unsigned int port, unsigned int size,
		   unsigned int *val)
{
	(void)c;
	(void)size;
	if (port == 0xdead)
		return -1;
	*val = port_in_val[port & 0xffff];
	return 0;
}

static int t_io_out(struct vpx86 *c, unsigned int port, unsigned int size,
		    unsigned int val)
{
	(void)c;
	(void)size;
	if (port == 0xdead)
		return -1;
	port_out_val[port & 0xffff] = val;
	port_out_count++;
	return 0;
}

/*
 * hook=1: INT 15h is answered here (AX=8600, CF=1), INT 16h is an error,
 * every exception is declined (VPX86_ERR_EXCEPTION).
 */
static int t_intr(struct vpx86 *c, unsigned int vector, unsigned int kind)
{
	if (hook_mode != 1)
		return VPX86_INTR_IVT;
	if (kind == VPX86_INT_EXCEPTION)
		return VPX86_INTR_DONE;
	if (vector == 0x15) {
		c->gpr[VPX86_EAX] = (c->gpr[VPX86_EAX] & 0xffff0000u) | 0x8600;
		c->eflags |= VPX86_FLAG_CF;
		return VPX86_INTR_DONE;
	}
	if (vector == 0x16)
		return -5;
	return VPX86_INTR_IVT;
}

static unsigned long long t_rdtsc(struct vpx86 *c)
{
	(void)c;
	return 0x0000000500000007ull;
}

static const struct vpx86_ops t_ops = {
	.mem_read = t_mem_read,
	.mem_write = t_mem_write,
	.io_in = t_io_in,
	.io_out = t_io_out,
	.intr = t_intr,
	.rdtsc = t_rdtsc,
};

static void machine_reset(void)
{
	memset(mem, 0, sizeof(mem));
	memset(port_in_val, 0, sizeof(port_in_val));
	memset(port_out_val, 0, sizeof(port_out_val));
	port_out_count = 0;
	mmio_calls = 0;
	hook_mode = 0;
	vpx86_init(&cpu, &t_ops, NULL);
	vpx86_map(&cpu, 0, 0xa0000, mem, VPX86_MAP_READ | VPX86_MAP_WRITE);
	vpx86_map(&cpu, 0xb0000, 0xf000, mem + 0xb0000, VPX86_MAP_READ | VPX86_MAP_WRITE);
	vpx86_map(&cpu, 0xc0000, 0x40000, mem + 0xc0000, VPX86_MAP_READ | VPX86_MAP_WRITE);
	cpu.sreg[VPX86_CS] = CODE_LIN >> 4;
	cpu.sreg[VPX86_SS] = 0x2000;
	cpu.gpr[VPX86_ESP] = 0xfff0;
	cpu.sreg[VPX86_DS] = 0x3000;
	cpu.sreg[VPX86_ES] = 0x3000;
	cpu.sreg[VPX86_FS] = 0x3000;
	cpu.sreg[VPX86_GS] = 0x3000;
}

static int load_hex(const char *hex, unsigned int lin)
{
	unsigned int n = 0, v;
	int k;

	while (*hex) {
		if (*hex == ' ') {
			hex++;
			continue;
		}
		if (sscanf(hex, "%2x%n", &v, &k) != 1 || k != 2)
			return -1;
		mem[(lin + n++) & (MEM_SIZE - 1)] = (unsigned char)v;
		hex += 2;
	}
	mem[(lin + n) & (MEM_SIZE - 1)] = 0xf4;	/* HLT */
	return (int)n;
}

/* ---- state tokens ---- */

static const char *const gpr32[8] = { "eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi" };
static const char *const gpr16[8] = { "ax", "cx", "dx", "bx", "sp", "bp", "si", "di" };
static const char *const gpr8[8] = { "al", "cl", "dl", "bl", "ah", "ch", "dh", "bh" };
static const char *const sregs[6] = { "es", "cs", "ss", "ds", "fs", "gs" };
static const struct { const char *name; unsigned int bit; } flag_names[] = {
	{ "cf", VPX86_FLAG_CF }, { "pf", VPX86_FLAG_PF }, { "af", VPX86_FLAG_AF },
	{ "zf", VPX86_FLAG_ZF }, { "sf", VPX86_FLAG_SF }, { "tf", VPX86_FLAG_TF },
	{ "if", VPX86_FLAG_IF }, { "df", VPX86_FLAG_DF }, { "of", VPX86_FLAG_OF },
};
static const char *const status_names[] = {
	[VPX86_RUNNING] = "running", [VPX86_HALTED] = "halted", [VPX86_BUDGET] = "budget",
	[VPX86_ERR_UNDEFINED] = "undefined", [VPX86_ERR_UNIMPLEMENTED] = "unimpl",
	[VPX86_ERR_FPU] = "fpu", [VPX86_ERR_PORT] = "port", [VPX86_ERR_MEMORY] = "memory",
	[VPX86_ERR_LIMIT] = "limit", [VPX86_ERR_EXCEPTION] = "exception",
	[VPX86_ERR_INTR] = "intr",
};

static unsigned long run_budget;

static unsigned int rd_mem(unsigned int lin, unsigned int size)
{
	unsigned int i, v = 0;

	for (i = 0; i < size; i++)
		v |= (unsigned int)mem[(lin + i) & (MEM_SIZE - 1)] << (8 * i);
	return v;
}

static void wr_mem(unsigned int lin, unsigned int size, unsigned int v)
{
	unsigned int i;

	for (i = 0; i < size; i++)
		mem[(lin + i) & (MEM_SIZE - 1)] = (unsigned char)(v >> (8 * i));
}

/*
 * Apply (set) or compare (check) one "key=value" token. Returns 0 when it
 * applied or matched, 1 on a mismatch (with *got), -1 on a bad token.
 */
static int token(const char *key, unsigned int val, int set, unsigned int *got)
{
	unsigned int i, a;

	for (i = 0; i < 8; i++) {
		if (!strcmp(key, gpr32[i])) {
			if (set)
				cpu.gpr[i] = val;
			*got = cpu.gpr[i];
			return set ? 0 : *got != val;
		}
		if (!strcmp(key, gpr16[i])) {
			if (set)
				cpu.gpr[i] = (cpu.gpr[i] & 0xffff0000u) | (val & 0xffff);
			*got = cpu.gpr[i] & 0xffff;
			return set ? 0 : *got != val;
		}
		if (!strcmp(key, gpr8[i])) {
			unsigned int sh = i < 4 ? 0 : 8, r = i & 3;

			if (set)
				cpu.gpr[r] = (cpu.gpr[r] & ~(0xffu << sh)) | ((val & 0xff) << sh);
			*got = (cpu.gpr[r] >> sh) & 0xff;
			return set ? 0 : *got != val;
		}
	}
	for (i = 0; i < 6; i++) {
		if (!strcmp(key, sregs[i])) {
			if (set)
				cpu.sreg[i] = (unsigned short)val;
			*got = cpu.sreg[i];
			return set ? 0 : *got != val;
		}
	}
	for (i = 0; i < sizeof(flag_names) / sizeof(flag_names[0]); i++) {
		if (!strcmp(key, flag_names[i].name)) {
			if (set)
				cpu.eflags = val ? cpu.eflags | flag_names[i].bit
						 : cpu.eflags & ~flag_names[i].bit;
			*got = (cpu.eflags & flag_names[i].bit) != 0;
			return set ? 0 : *got != val;
		}
	}
	if (!strcmp(key, "eip") || !strcmp(key, "fl")) {
		unsigned int *p = key[0] == 'e' ? &cpu.eip : &cpu.eflags;

		if (set)
			*p = val;
		*got = *p;
		return set ? 0 : *got != val;
	}
	if (!strncmp(key, "m8:", 3) || !strncmp(key, "m16:", 4) || !strncmp(key, "m32:", 4)) {
		unsigned int size = key[1] == '8' ? 1 : key[1] == '1' ? 2 : 4;

		a = (unsigned int)strtoul(strchr(key, ':') + 1, NULL, 16);
		if (set)
			wr_mem(a, size, val);
		*got = rd_mem(a, size);
		return set ? 0 : *got != val;
	}
	if (!strncmp(key, "pin:", 4) || !strncmp(key, "pout:", 5)) {
		unsigned int *arr = key[1] == 'i' ? port_in_val : port_out_val;

		a = (unsigned int)strtoul(strchr(key, ':') + 1, NULL, 16) & 0xffff;
		if (set)
			arr[a] = val;
		*got = arr[a];
		return set ? 0 : *got != val;
	}
	if (!strcmp(key, "fport") || !strcmp(key, "faddr") || !strcmp(key, "fvec")) {
		*got = key[1] == 'p' ? cpu.fault_port : key[1] == 'a' ? cpu.fault_addr :
		       cpu.fault_vector;
		return set ? -1 : *got != val;
	}
	if (!strcmp(key, "hook")) {
		hook_mode = (int)val;
		return set ? 0 : -1;
	}
	if (!strcmp(key, "budget")) {
		run_budget = val;
		return set ? 0 : -1;
	}
	return -1;
}

/* Apply or check a whole token string; on check, describe mismatches. */
static int state(const char *spec, int set, char *why, size_t whylen)
{
	char buf[1024], *save = NULL, *tok;
	int bad = 0;

	snprintf(buf, sizeof(buf), "%s", spec);
	for (tok = strtok_r(buf, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		char *eq = strchr(tok, '=');
		unsigned int val = 0, got = 0;
		int r;

		if (!eq)
			return -1;
		*eq = 0;
		if (!strcmp(tok, "status")) {
			unsigned int i;

			for (i = 0; i < sizeof(status_names) / sizeof(status_names[0]); i++)
				if (!strcmp(eq + 1, status_names[i]))
					break;
			if (set || i == sizeof(status_names) / sizeof(status_names[0]))
				return -1;
			if (cpu.status != i) {
				size_t l = strlen(why);

				snprintf(why + l, whylen - l, " status=%s (want %s)",
					 status_names[cpu.status], eq + 1);
				bad = 1;
			}
			continue;
		}
		val = (unsigned int)strtoul(eq + 1, NULL, 0);
		r = token(tok, val, set, &got);
		if (r < 0)
			return -1;
		if (r) {
			size_t l = strlen(why);

			snprintf(why + l, whylen - l, " %s=%#x (want %#x)", tok, got, val);
			bad = 1;
		}
	}
	return bad;
}

static void report(const char *name, int ok, const char *why)
{
	if (ok) {
		printf("PASS x86emu: %s\n", name);
		passed++;
	} else {
		printf("FAIL x86emu: %s:%s\n", name, why);
		failed++;
	}
}

static void run_table_test(const struct test *t)
{
	char why[1024] = "";
	int r;

	machine_reset();
	run_budget = 1000000;
	if (load_hex(t->hex, CODE_LIN) < 0 || state(t->init, 1, why, sizeof(why)) < 0) {
		report(t->name, 0, " bad test definition");
		return;
	}
	vpx86_run(&cpu, run_budget);
	if (!strstr(t->expect, "status="))
		r = state("status=halted", 0, why, sizeof(why));
	else
		r = 0;
	r |= state(t->expect, 0, why, sizeof(why));
	if (r < 0)
		snprintf(why, sizeof(why), " bad expectation");
	report(t->name, r == 0, why);
}

/* The table: name, asm (verified by asmcheck.py), bytes, init, expect. */
#define T(name, text, hex, init, expect) { name, text, hex, init, expect }
static const struct test tests[] = {
#include "x86emu_cases.h"
};

/* ---- checks that need more than one run or the API directly ---- */

static void test_budget(void)
{
	char why[256] = "";
	int ok;

	machine_reset();
	load_hex("eb fe", CODE_LIN);	/* jmp $ */
	ok = vpx86_run(&cpu, 1000) == VPX86_BUDGET && cpu.icount == 1000 &&
	     cpu.eip == 0;
	if (!ok)
		snprintf(why, sizeof(why), " first run: status %d icount %llu", cpu.status,
			 cpu.icount);
	ok = ok && vpx86_run(&cpu, 234) == VPX86_BUDGET && cpu.icount == 1234;
	report("budget: jmp $ stops after exactly N instructions, run resumes", ok, why);
}

static void test_rep_budget(void)
{
	unsigned int i, runs = 0;
	enum vpx86_status st;
	int ok = 1;

	machine_reset();
	/* mov cx,1000; rep movsb */
	load_hex("b9 e8 03 f3 a4", CODE_LIN);
	cpu.sreg[VPX86_ES] = 0x4000;
	for (i = 0; i < 1000; i++)
		mem[0x30000 + i] = (unsigned char)(i * 7);
	do {
		st = vpx86_run(&cpu, 100);
		runs++;
	} while (st == VPX86_BUDGET && runs < 100);
	ok = st == VPX86_HALTED && runs == 11 && (cpu.gpr[VPX86_ECX] & 0xffff) == 0 &&
	     !memcmp(mem + 0x30000, mem + 0x40000, 1000) && cpu.icount == 3;
	report("rep movsb interrupted by the budget resumes where it stopped", ok,
	       ok ? "" : " wrong state after resuming");
}

static void test_stop_address(void)
{
	int ok;

	machine_reset();
	/* mov al,0x42; retf */
	load_hex("b0 42 cb", CODE_LIN);
	vpx86_set_stop(&cpu, 0x0000, 0x0600);
	ok = vpx86_prepare_far_call(&cpu, 0x1000, 0x0000, 0x0000, 0x0600) == 0 &&
	     vpx86_run(&cpu, 100) == VPX86_HALTED && cpu.sreg[VPX86_CS] == 0 &&
	     cpu.eip == 0x600 && (cpu.gpr[VPX86_EAX] & 0xff) == 0x42 &&
	     cpu.gpr[VPX86_ESP] == 0xfff0;
	report("stop address: a far return to it ends the run (VPX86_HALTED)", ok,
	       ok ? "" : " did not stop at 0000:0600");
}

static void test_prepare_int(void)
{
	int ok;

	machine_reset();
	/* the INT 10h handler at 1000:0000: mov ax,0x004f; iret */
	load_hex("b8 4f 00 cf", CODE_LIN);
	wr_mem(0x40, 4, 0x10000000);	/* IVT[10h] = 1000:0000 */
	mem[0x600] = 0xf4;		/* HLT at 0000:0600 */
	cpu.gpr[VPX86_EAX] = 0x4f02;
	cpu.eflags = 0x202;
	ok = vpx86_prepare_int(&cpu, 0x10, 0x0000, 0x0600) == 0 &&
	     cpu.sreg[VPX86_CS] == 0x1000 && cpu.eip == 0 &&
	     vpx86_run(&cpu, 100) == VPX86_HALTED && cpu.eip == 0x601 &&
	     (cpu.gpr[VPX86_EAX] & 0xffff) == 0x004f && (cpu.eflags & VPX86_FLAG_IF) &&
	     cpu.gpr[VPX86_ESP] == 0xfff0;
	report("prepare_int: INT 10h through the IVT returns to an HLT", ok,
	       ok ? "" : " wrong state");
}

static void test_describe(void)
{
	char buf[128], small[8];
	unsigned int n;
	int ok;

	machine_reset();
	load_hex("ba ad de ee", CODE_LIN);	/* mov dx,0xdead; out dx,al */
	vpx86_run(&cpu, 100);
	n = vpx86_describe(&cpu, buf, sizeof(buf));
	ok = !strcmp(buf, "I/O port refused: port 0xdead at 1000:0003 (bytes ee f4 00 00 00 00 00 00)") &&
	     n == strlen(buf);
	vpx86_describe(&cpu, small, sizeof(small));
	ok = ok && !strcmp(small, "I/O por");
	report("describe: names the refused port, CS:IP and the bytes", ok,
	       ok ? "" : buf);
}

static void test_fault_bytes(void)
{
	int ok;

	machine_reset();
	load_hex("90 0f 0b", CODE_LIN);	/* nop; ud2 */
	ok = vpx86_run(&cpu, 100) == VPX86_ERR_UNDEFINED && cpu.eip == 1 &&
	     cpu.fault_cs == 0x1000 && cpu.fault_eip == 1 && cpu.fault_len == 16 &&
	     cpu.fault_bytes[0] == 0x0f && cpu.fault_bytes[1] == 0x0b && cpu.icount == 1;
	report("undefined opcode: CS:EIP stay at it, bytes recorded, not counted", ok,
	       ok ? "" : " wrong fault record");
}

static void test_mmio_split(void)
{
	int ok;

	machine_reset();
	/* mov [0xfff],eax with DS=9F00: linear 9FFFF..A0002 crosses into A0 */
	load_hex("66 a3 ff 0f", CODE_LIN);
	cpu.sreg[VPX86_DS] = 0x9f00;
	cpu.gpr[VPX86_EAX] = 0x44332211;
	ok = vpx86_run(&cpu, 100) == VPX86_HALTED && rd_mem(0x9ffff, 4) == 0x44332211 &&
	     mmio_calls == 3;
	report("memory: an access crossing into a callback page is split into bytes", ok,
	       ok ? "" : " wrong split");
}

static void test_map_args(void)
{
	unsigned char page[4096];
	int ok;

	machine_reset();
	ok = vpx86_map(&cpu, 0x100, 0x1000, page, VPX86_MAP_READ) < 0 &&
	     vpx86_map(&cpu, 0xff000, 0x2000, page, VPX86_MAP_READ) < 0 &&
	     vpx86_map(&cpu, 0xff000, 0x1000, page, VPX86_MAP_READ) == 0 &&
	     cpu.rd_map[0xff] == page && !cpu.wr_map[0xff] &&
	     vpx86_map(&cpu, 0xff000, 0x1000, NULL, 0) == 0 && !cpu.rd_map[0xff];
	report("map: rejects unaligned or out-of-range ranges, maps read-only", ok, "");
}

static void test_rom_readonly(void)
{
	int ok;

	machine_reset();
	/* a read-only page: the write goes to the callback, not the host page */
	vpx86_map(&cpu, 0xc0000, 0x1000, mem + 0xc0000, VPX86_MAP_READ);
	load_hex("c6 06 00 00 55", CODE_LIN);	/* mov byte [0],0x55 with DS=C000 */
	cpu.sreg[VPX86_DS] = 0xc000;
	ok = vpx86_run(&cpu, 100) == VPX86_HALTED && mmio_calls == 1;
	report("map: a page mapped read-only sends writes to the callback", ok, "");
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc > 1 && !strcmp(argv[1], "--list-asm")) {
		for (i = 0; i < sizeof(tests) / sizeof(tests[0]); i++)
			printf("%s\t%s\t%s\n", tests[i].name, tests[i].asm_text, tests[i].hex);
		return 0;
	}
	for (i = 0; i < sizeof(tests) / sizeof(tests[0]); i++)
		run_table_test(&tests[i]);
	test_budget();
	test_rep_budget();
	test_stop_address();
	test_prepare_int();
	test_describe();
	test_fault_bytes();
	test_mmio_split();
	test_map_args();
	test_rom_readonly();
	printf("x86emu: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
