// SPDX-License-Identifier: GPL-2.0
/*
 * x86emu_diff.c - differential test of vpshim's real-mode interpreter
 * (vpshim/x86emu) against Debian's libx86emu.
 *
 * A generator writes random real-mode instruction streams (valid encodings
 * of the instruction groups video BIOSes use, with random operands,
 * prefixes and addressing modes) and a random initial state (registers,
 * flags, segments, a random 1 MiB memory image). Both interpreters run each
 * stream one instruction at a time; after every instruction all general
 * registers, EIP, the segment registers, EFLAGS (less the flags the
 * manuals leave undefined for that instruction), the memory either one
 * wrote and the port writes are compared. Flags left undefined are then
 * copied from ours to libx86emu so that later instructions see the same
 * input. A divergence prints the stream, the step and the state and fails.
 *
 * What is left out, and why: CPUID, RDTSC (machine-specific answers), the
 * FPU, XADD/CMPXCHG (libx86emu lacks them), BOUND (libx86emu raises #BR
 * whatever the bounds) and the cases where libx86emu deviates from the 386
 * on defined results (see known_deviation(), deviation_flags()): those
 * steps run but are not compared, and libx86emu is then set to our state. Streams end at HLT, at an instruction ours
 * refuses (an offset beyond 64 KiB with 32-bit addressing) or at the end.
 *
 * Usage: x86emu-diff [--seconds N] [--seed N] [--streams N] [-v]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "x86emu.h"	/* ours, through -iquote */
#include <x86emu.h>	/* libx86emu */

#define MEM_SIZE	0x100000u
#define CODE_SEG	0x0800u
#define CODE_OFF	0x0100u
#define HLT_OFF		0x00f0u
#define CODE_LIN	((CODE_SEG << 4) + CODE_OFF)
#define MAX_INS		96
#define MAX_CODE	1024
#define MAX_LOG		8192

/* ---- random numbers ---- */

static unsigned long long rng_state;

static unsigned int rnd32(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (unsigned int)((rng_state * 0x2545f4914f6cdd1dull) >> 32);
}

static unsigned int rnd(unsigned int n)
{
	return n ? rnd32() % n : 0;
}

static int chance(unsigned int percent)
{
	return rnd(100) < percent;
}

/* ---- memory images and access logs ---- */

static unsigned char pristine[MEM_SIZE];
static unsigned char mem_ours[MEM_SIZE];
static unsigned char mem_lib[MEM_SIZE];

/* Addresses written during the stream (for undo), and during the step. */
struct wlog {
	unsigned int addr[MAX_LOG];
	unsigned int n;
	int overflow;
};
static struct wlog stream_ours, stream_lib, step_ours, step_lib;

struct iolog {
	unsigned int port[64], size[64], val[64];
	unsigned int n;
};
static struct iolog io_ours, io_lib;

static void wlog_add(struct wlog *l, unsigned int a)
{
	if (l->n < MAX_LOG)
		l->addr[l->n++] = a;
	else
		l->overflow = 1;
}

static void note_write(int lib, unsigned int a)
{
	wlog_add(lib ? &stream_lib : &stream_ours, a);
	wlog_add(lib ? &step_lib : &step_ours, a);
}

/* What IN reads: a function of the port and size only. */
static unsigned int port_value(unsigned int port, unsigned int size)
{
	unsigned int v = (port * 0x9e3779b1u) ^ (port >> 3) ^ 0x5a5a1234u;

	return size == 4 ? v : v & ((1u << (size * 8)) - 1);
}

static void io_note(struct iolog *l, unsigned int port, unsigned int size, unsigned int val)
{
	if (l->n < 64) {
		l->port[l->n] = port;
		l->size[l->n] = size;
		l->val[l->n] = val;
		l->n++;
	}
}

/* ---- our interpreter's callbacks ---- */

static int o_mem_read(struct vpx86 *c, unsigned int addr, unsigned int size, unsigned int *val)
{
	unsigned int i, v = 0;

	(void)c;
	for (i = 0; i < size; i++)
		v |= (unsigned int)mem_ours[(addr + i) & (MEM_SIZE - 1)] << (8 * i);
	*val = v;
	return 0;
}

static int o_mem_write(struct vpx86 *c, unsigned int addr, unsigned int size, unsigned int val)
{
	unsigned int i, a;

	(void)c;
	for (i = 0; i < size; i++) {
		a = (addr + i) & (MEM_SIZE - 1);
		mem_ours[a] = (unsigned char)(val >> (8 * i));
		note_write(0, a);
	}
	return 0;
}

static int o_io_in(struct vpx86 *c, unsigned int port, unsigned int size, unsigned int *val)
{
	(void)c;
	*val = port_value(port, size);
	return 0;
}

static int o_io_out(struct vpx86 *c, unsigned int port, unsigned int size, unsigned int val)
{
	(void)c;
	io_note(&io_ours, port, size, val);
	return 0;
}

static const struct vpx86_ops ours_ops = {
	.mem_read = o_mem_read,
	.mem_write = o_mem_write,
	.io_in = o_io_in,
	.io_out = o_io_out,
};

/* ---- libx86emu's memory and port handler ---- */

static unsigned int lib_memio(x86emu_t *emu, u32 addr, u32 *val, unsigned int type)
{
	unsigned int sz = type & 0xff, acc = type & ~0xffu;
	unsigned int n = (sz == X86EMU_MEMIO_16) ? 2 : (sz == X86EMU_MEMIO_32) ? 4 : 1;
	unsigned int i, v = 0, a;

	(void)emu;
	if (acc == X86EMU_MEMIO_I) {
		*val = port_value(addr & 0xffff, n);
		return 0;
	}
	if (acc == X86EMU_MEMIO_O) {
		io_note(&io_lib, addr & 0xffff, n, *val & (n == 4 ? ~0u : (1u << (8 * n)) - 1));
		return 0;
	}
	if (acc == X86EMU_MEMIO_W) {
		for (i = 0; i < n; i++) {
			a = (addr + i) & (MEM_SIZE - 1);	/* A20 off, as ours */
			mem_lib[a] = (unsigned char)(*val >> (8 * i));
			note_write(1, a);
		}
		return 0;
	}
	for (i = 0; i < n; i++)
		v |= (unsigned int)mem_lib[(addr + i) & (MEM_SIZE - 1)] << (8 * i);
	*val = v;
	return 0;
}

/* ---- the generator ---- */

/* Encodings where libx86emu deviates from the 386 (see known_deviation()). */
#define Q_EBP_DISP8	0x1	/* a32 [ebp+disp8]: libx86emu uses DS, not SS */
#define Q_INSOUTS_WIDE	0x2	/* INSW/INSD/OUTSW/OUTSD: libx86emu steps SI/DI by 1 */
#define Q_IRET		0x4	/* IRET: libx86emu loads bits 3, 5, 15, clears 16-31 */
#define Q_POPF		0x8	/* POPF(D): libx86emu loads reserved bits, VM and RF too */
#define Q_LOOP_A32	0x10	/* LOOPcc/JCXZ: libx86emu picks ECX by 66, not 67 */
#define Q_BT_MEM	0x20	/* BT* m,r: libx86emu's bit-string address is wrong */
#define Q_ENTER32	0x40	/* ENTER with 66: libx86emu pushes BP, not EBP */
#define Q_BT_IMM16	0x80	/* BT* r/m16,imm8: libx86emu takes imm mod 32, not 16 */
#define Q_INT		0x100	/* INT n/INT3/INTO: libx86emu does not clear AC */
#define Q_SAHF		0x200	/* SAHF: libx86emu loads the reserved bits 3 and 5 */
#define Q_OUTS_SEG	0x400	/* OUTS: libx86emu reads ES:SI, ignores an override */
#define Q_PUSHF		0x800	/* PUSHF(D): libx86emu drops IOPL, NT, AC, ID */
#define Q_INSOUTS_A32	0x1000	/* INS/OUTS with 67: libx86emu steps SI/DI, not ESI/EDI */
#define Q_POPA		0x2000	/* POPA(D) past SP FFFF: libx86emu carries into ESP */

enum kind {
	K_PLAIN,	/* every flag defined (or untouched) */
	K_LOGIC,	/* AF undefined */
	K_MUL,		/* SF ZF AF PF undefined */
	K_DIV,		/* all arithmetic flags undefined */
	K_SHIFT,	/* depends on the count: see undefined_flags() */
	K_SHXD,		/* SHLD/SHRD */
	K_BT,		/* only CF defined */
	K_BSF,		/* only ZF defined; dest undefined for a zero source */
	K_DAA,		/* OF undefined */
	K_AAA,		/* OF SF ZF PF undefined */
	K_AAM,		/* OF AF CF undefined */
	K_IDIV,		/* all undefined; quotient -2^(n-1) differs (libx86emu) */
};

struct ins {
	unsigned int off;		/* IP of the instruction */
	unsigned int len;
	enum kind kind;
	unsigned int size;		/* operand size */
	int count;			/* shift count: -1 from CL, else the imm */
	unsigned int sub;		/* shift: the /r operation */
	unsigned int quirks;		/* Q_*: known libx86emu deviations */
	char text[64];
};

struct stream {
	unsigned char code[MAX_CODE];
	unsigned int pos;
	struct ins ins[MAX_INS];
	unsigned int nins;
	unsigned int setup_addr[64];
	unsigned char setup_val[64];
	unsigned int nsetup;
	unsigned char used_vec[256];
};

static struct stream S;

/* Current instruction being emitted. */
static struct ins *cur;

static void begin(const char *text, enum kind k)
{
	cur = &S.ins[S.nins++];
	memset(cur, 0, sizeof(*cur));
	cur->off = CODE_OFF + S.pos;
	cur->kind = k;
	cur->size = 2;
	snprintf(cur->text, sizeof(cur->text), "%s", text);
}

static void b8(unsigned int v)
{
	if (S.pos < MAX_CODE)
		S.code[S.pos++] = (unsigned char)v;
}

static void b16(unsigned int v)
{
	b8(v);
	b8(v >> 8);
}

static void b32(unsigned int v)
{
	b16(v);
	b16(v >> 16);
}

static void bimm(unsigned int v, unsigned int size)
{
	if (size == 1)
		b8(v);
	else if (size == 2)
		b16(v);
	else
		b32(v);
}

static void end(void)
{
	cur->len = CODE_OFF + S.pos - cur->off;
}

static void setup_byte(unsigned int addr, unsigned int val)
{
	if (S.nsetup < 64) {
		S.setup_addr[S.nsetup] = addr & (MEM_SIZE - 1);
		S.setup_val[S.nsetup] = (unsigned char)val;
		S.nsetup++;
	}
}

static void setup_vector(unsigned int vec, unsigned int cs, unsigned int ip)
{
	setup_byte(vec * 4, ip);
	setup_byte(vec * 4 + 1, ip >> 8);
	setup_byte(vec * 4 + 2, cs);
	setup_byte(vec * 4 + 3, cs >> 8);
}

/* Prefixes: segment override, 66, 67 in a random order. */
static unsigned int opsize, adsize, seg_prefixed;

static void prefixes(int allow66, int allow67, int allow_seg)
{
	unsigned char p[3];
	unsigned int n = 0, i, j;
	static const unsigned char segp[6] = { 0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65 };

	opsize = 2;
	adsize = 2;
	seg_prefixed = 0;
	if (allow_seg && chance(20)) {
		p[n++] = segp[rnd(6)];
		seg_prefixed = 1;
	}
	if (allow66 && chance(35)) {
		p[n++] = 0x66;
		opsize = 4;
	}
	if (allow67 && chance(15)) {
		p[n++] = 0x67;
		adsize = 4;
	}
	for (i = n; i > 1; i--) {
		unsigned char t;

		j = rnd(i);
		t = p[i - 1];
		p[i - 1] = p[j];
		p[j] = t;
	}
	for (i = 0; i < n; i++)
		b8(p[i]);
}

/* A small displacement for 32-bit addressing: offsets should stay < 64K. */
static unsigned int disp32(void)
{
	return chance(80) ? rnd(0x800) : (unsigned int)-(int)rnd(0x100);
}

/* A ModRM byte (+ SIB, displacement) with @reg; @mem: 1 memory, 0 any. */
static int modrm(unsigned int reg, int mem_only)
{
	unsigned int mod = mem_only ? rnd(3) : rnd(4), rm = rnd(8);

	b8(mod << 6 | (reg & 7) << 3 | rm);
	if (mod == 3)
		return 0;
	if (adsize == 2) {
		if (mod == 1)
			b8(rnd(256));
		else if (mod == 2 || (mod == 0 && rm == 6))
			b16(rnd32());
		return 1;
	}
	if (rm == 4) {
		unsigned int base = rnd(8);

		b8(rnd(4) << 6 | rnd(8) << 3 | base);
		if (mod == 0 && base == 5)
			b32(disp32());
	}
	if (mod == 0 && rm == 5)
		b32(disp32());
	else if (mod == 1)
		b8(rnd(256));
	if (mod == 1 && rm == 5 && !seg_prefixed)
		cur->quirks |= Q_EBP_DISP8;
	else if (mod == 2)
		b32(disp32());
	return 1;
}

static unsigned int vsize(void)
{
	return opsize;
}

static void gen_simple(void);

/* Emit a forward jump over one simple instruction. */
static void jump_over(unsigned int disp_size)
{
	unsigned int at = S.pos, start;

	bimm(0, disp_size);
	end();
	start = S.pos;
	gen_simple();
	if (disp_size == 1)
		S.code[at] = (unsigned char)(S.pos - start);
	else {
		S.code[at] = (unsigned char)(S.pos - start);
		S.code[at + 1] = (unsigned char)((S.pos - start) >> 8);
		if (disp_size == 4) {
			S.code[at + 2] = 0;
			S.code[at + 3] = 0;
		}
	}
}

static const char *const alu_names[8] = { "add", "or", "adc", "sbb", "and", "sub", "xor", "cmp" };
static const char *const shift_names[8] = { "rol", "ror", "rcl", "rcr", "shl", "shr", "sal", "sar" };

static void g_alu(void)
{
	unsigned int op = rnd(8), form = rnd(6);
	char t[64];

	snprintf(t, sizeof(t), "%s %s", alu_names[op],
		 form < 2 ? "r/m,r" : form < 4 ? "r,r/m" : "acc,imm");
	begin(t, (op == 1 || op == 4 || op == 6) ? K_LOGIC : K_PLAIN);
	prefixes(1, 1, 1);
	cur->size = (form & 1) ? vsize() : 1;
	b8(op * 8 + form);
	if (form < 4)
		modrm(rnd(8), 0);
	else
		bimm(rnd32(), cur->size);
}

static void g_grp1(void)
{
	static const unsigned char ops[4] = { 0x80, 0x81, 0x82, 0x83 };
	unsigned int opc = ops[rnd(4)], sub = rnd(8);
	char t[64];

	snprintf(t, sizeof(t), "%s r/m,imm (%02x)", alu_names[sub], opc);
	begin(t, (sub == 1 || sub == 4 || sub == 6) ? K_LOGIC : K_PLAIN);
	prefixes(1, 1, 1);
	cur->size = (opc & 1) ? vsize() : 1;
	b8(opc);
	modrm(sub, 0);
	bimm(rnd32(), opc == 0x81 ? cur->size : 1);
}

static void g_incdec(void)
{
	unsigned int sub = rnd(2), opc;

	if (chance(50)) {
		begin(sub ? "dec r" : "inc r", K_PLAIN);
		prefixes(1, 0, 1);
		cur->size = vsize();
		b8(0x40 + sub * 8 + rnd(8));
	} else {
		opc = chance(50) ? 0xfe : 0xff;
		begin(sub ? "dec r/m" : "inc r/m", K_PLAIN);
		prefixes(1, 1, 1);
		cur->size = opc & 1 ? vsize() : 1;
		b8(opc);
		modrm(sub, 0);
	}
}

static void g_test(void)
{
	unsigned int f = rnd(3), w = rnd(2);

	begin("test", K_LOGIC);
	prefixes(1, 1, 1);
	cur->size = w ? vsize() : 1;
	if (f == 0) {
		b8(0x84 + w);
		modrm(rnd(8), 0);
	} else if (f == 1) {
		b8(0xa8 + w);
		bimm(rnd32(), cur->size);
	} else {
		b8(0xf6 + w);
		modrm(0, 0);
		bimm(rnd32(), cur->size);
	}
}

static void g_grp3(void)
{
	static const char *const n[8] = { "test", "test", "not", "neg", "mul", "imul", "div", "idiv" };
	unsigned int sub = 2 + rnd(6), w = rnd(2);

	begin(n[sub], sub < 4 ? K_PLAIN : sub < 6 ? K_MUL : sub == 6 ? K_DIV : K_IDIV);
	prefixes(1, 1, 1);
	cur->size = w ? vsize() : 1;
	b8(0xf6 + w);
	modrm(sub, 0);
}

static void g_imul23(void)
{
	unsigned int f = rnd(3);

	begin(f == 0 ? "imul r,r/m" : "imul r,r/m,imm", K_MUL);
	prefixes(1, 1, 1);
	cur->size = vsize();
	if (f == 0) {
		b8(0x0f);
		b8(0xaf);
		modrm(rnd(8), 0);
	} else if (f == 1) {
		b8(0x69);
		modrm(rnd(8), 0);
		bimm(rnd32(), cur->size);
	} else {
		b8(0x6b);
		modrm(rnd(8), 0);
		b8(rnd(256));
	}
}

static unsigned int shift_count(void)
{
	return chance(90) ? rnd(32) : rnd(256);
}

static void g_shift(void)
{
	unsigned int f = rnd(3), w = rnd(2), sub = rnd(8), c = 0;
	char t[64];

	if (f == 1 && chance(70)) {
		/* mostly a count below 32: libx86emu does not mask counts */
		begin("mov cl,imm", K_PLAIN);
		b8(0xb1);
		b8(shift_count());
		end();
	}
	snprintf(t, sizeof(t), "%s %s", shift_names[sub], f == 0 ? "1" : f == 1 ? "cl" : "imm");
	begin(t, K_SHIFT);
	prefixes(1, 1, 1);
	cur->size = w ? vsize() : 1;
	cur->sub = sub;
	if (f == 0) {
		b8(0xd0 + w);
		cur->count = 1;
	} else if (f == 1) {
		b8(0xd2 + w);
		cur->count = -1;
	} else {
		b8(0xc0 + w);
		c = shift_count();
		cur->count = (int)c;
	}
	modrm(sub, 0);
	if (f == 2)
		b8(c);
}

static void g_shxd(void)
{
	unsigned int left = rnd(2), cl = rnd(2), c = shift_count();

	begin(left ? "shld" : "shrd", K_SHXD);
	prefixes(1, 1, 1);
	cur->size = vsize();
	cur->count = cl ? -1 : (int)c;
	b8(0x0f);
	b8((left ? 0xa4 : 0xac) + cl);
	modrm(rnd(8), 0);
	if (!cl)
		b8(c);
}

static void g_bt(void)
{
	static const char *const n[4] = { "bt", "bts", "btr", "btc" };
	unsigned int op = rnd(4), imm = chance(50), v;
	char t[64];

	snprintf(t, sizeof(t), "%s %s", n[op], imm ? "r/m,imm8" : "r/m,r");
	begin(t, K_BT);
	prefixes(1, 1, 1);
	cur->size = vsize();
	b8(0x0f);
	if (!imm) {
		cur->sub = rnd(8);
		b8(0xa3 + op * 8);
		if (modrm(cur->sub, 0))
			cur->quirks |= Q_BT_MEM;
	} else {
		b8(0xba);
		modrm(4 + op, 0);
		v = rnd(256);
		b8(v);
		if (cur->size == 2 && (v & 0x10))
			cur->quirks |= Q_BT_IMM16;
	}
}

static void g_bsf(void)
{
	unsigned int r = rnd(2);

	begin(r ? "bsr" : "bsf", K_BSF);
	prefixes(1, 1, 1);
	cur->size = vsize();
	b8(0x0f);
	b8(0xbc + r);
	modrm(rnd(8), 0);
}

static void g_setcc(void)
{
	begin("setcc", K_PLAIN);
	prefixes(0, 1, 1);
	cur->size = 1;
	b8(0x0f);
	b8(0x90 + rnd(16));
	modrm(0, 0);
}

static void g_mov(void)
{
	unsigned int f = rnd(6), w = rnd(2);

	begin(f < 2 ? "mov r/m" : f == 2 ? "mov r/m,imm" : f == 3 ? "mov r,imm" : "mov moffs",
	      K_PLAIN);
	prefixes(1, 1, 1);
	cur->size = w ? vsize() : 1;
	switch (f) {
	case 0:
	case 1:
		b8(0x88 + w + (f == 1) * 2);
		modrm(rnd(8), 0);
		break;
	case 2:
		b8(0xc6 + w);
		modrm(0, 0);
		bimm(rnd32(), cur->size);
		break;
	case 3:
		b8((w ? 0xb8 : 0xb0) + rnd(8));
		bimm(rnd32(), cur->size);
		break;
	default:
		b8(0xa0 + w + 2 * rnd(2));
		if (adsize == 4)
			b32(disp32());
		else
			b16(rnd32());
		break;
	}
}

static void g_movseg(void)
{
	static const unsigned char ld[5] = { 0, 2, 3, 4, 5 };

	if (chance(50)) {
		/* memory only: the register form with 66 is model-specific */
		begin("mov m16,sreg", K_PLAIN);
		prefixes(0, 1, 1);
		b8(0x8c);
		modrm(rnd(6), 1);
	} else {
		begin("mov sreg,r/m16", K_PLAIN);
		prefixes(0, 1, 1);
		b8(0x8e);
		modrm(ld[rnd(5)], 0);
	}
}

static void g_misc_data(void)
{
	static const unsigned char flagops[7] = { 0xf5, 0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd };
	unsigned int f = rnd(9), v;

	switch (f) {
	case 0:
		begin("lea", K_PLAIN);
		prefixes(1, 1, 1);
		b8(0x8d);
		modrm(rnd(8), 1);
		break;
	case 1:
		begin("xchg r/m,r", K_PLAIN);
		prefixes(1, 1, 1);
		b8(0x86 + rnd(2));
		modrm(rnd(8), 0);
		break;
	case 2:
		begin("xchg acc,r", K_PLAIN);
		prefixes(1, 0, 0);
		b8(0x91 + rnd(7));
		break;
	case 3:
		begin("xlat", K_PLAIN);
		prefixes(0, 1, 1);
		b8(0xd7);
		break;
	case 4:
		begin("movzx/movsx", K_PLAIN);
		prefixes(1, 1, 1);
		b8(0x0f);
		b8(0xb6 + rnd(2) + 8 * rnd(2));
		modrm(rnd(8), 0);
		break;
	case 5:
		begin("cbw/cwd", K_PLAIN);
		prefixes(1, 0, 0);
		b8(0x98 + rnd(2));
		break;
	case 6:
		v = rnd(2);
		begin(v ? "lahf" : "sahf", K_PLAIN);
		if (!v)
			cur->quirks |= Q_SAHF;
		b8(0x9e + v);
		break;
	case 7:
		begin("flag op", K_PLAIN);
		b8(flagops[rnd(7)]);
		break;
	default:
		begin("nop/wait", K_PLAIN);
		b8(chance(50) ? 0x90 : 0x9b);
		break;
	}
}

static void g_stack(void)
{
	static const unsigned char push_seg[4] = { 0x06, 0x0e, 0x16, 0x1e };
	static const unsigned char pop_seg[3] = { 0x07, 0x17, 0x1f };
	unsigned int f = rnd(10), v;

	switch (f) {
	case 0:
		begin("push r", K_PLAIN);
		prefixes(1, 0, 0);
		b8(0x50 + rnd(8));
		break;
	case 1:
		begin("pop r", K_PLAIN);
		prefixes(1, 0, 0);
		b8(0x58 + rnd(8));
		break;
	case 2:
		begin("push r/m", K_PLAIN);
		prefixes(1, 1, 1);
		b8(0xff);
		modrm(6, 0);
		break;
	case 3:
		begin("pop r/m", K_PLAIN);
		prefixes(1, 0, 1);	/* no [esp] base: its order is subtle */
		b8(0x8f);
		modrm(0, 0);
		break;
	case 4:
		begin("push imm", K_PLAIN);
		prefixes(1, 0, 0);
		if (chance(50)) {
			b8(0x68);
			bimm(rnd32(), vsize());
		} else {
			b8(0x6a);
			b8(rnd(256));
		}
		break;
	case 5:
		begin("push sreg", K_PLAIN);
		v = rnd(6);
		if (v < 4) {
			b8(push_seg[v]);
		} else {
			b8(0x0f);
			b8(v == 4 ? 0xa0 : 0xa8);
		}
		break;
	case 6:
		begin("pop sreg", K_PLAIN);
		v = rnd(5);
		if (v < 3) {
			b8(pop_seg[v]);
		} else {
			b8(0x0f);
			b8(v == 3 ? 0xa1 : 0xa9);
		}
		break;
	case 7:
		v = rnd(2);
		begin(v ? "popa" : "pusha", K_PLAIN);
		prefixes(1, 0, 0);
		cur->size = vsize();
		if (v)
			cur->quirks |= Q_POPA;
		b8(0x60 + v);
		break;
	case 8:
		begin("enter", K_PLAIN);
		prefixes(1, 0, 0);
		if (opsize == 4)
			cur->quirks |= Q_ENTER32;
		b8(0xc8);
		b16(rnd(0x40));
		b8(rnd(4));
		break;
	default:
		begin("leave", K_PLAIN);
		prefixes(1, 0, 0);
		b8(0xc9);
		break;
	}
}

static void g_flags_stack(void)
{
	unsigned int size;

	if (chance(40)) {
		begin("pushf", K_PLAIN);
		cur->quirks |= Q_PUSHF;
		prefixes(1, 0, 0);
		b8(0x9c);
		return;
	}
	/* push imm; popf (never TF: no single-step traps here) */
	begin("push imm (flags)", K_PLAIN);
	prefixes(1, 0, 0);
	size = vsize();
	b8(0x68);
	bimm(rnd32() & ~0x100u, size);
	end();
	begin("popf", K_PLAIN);
	cur->quirks |= Q_POPF;
	cur->size = size;
	if (size == 4)
		b8(0x66);
	b8(0x9d);
}

static void g_string(void)
{
	static const unsigned char ops[] = { 0xa4, 0xa6, 0xaa, 0xac, 0xae, 0x6c, 0x6e };
	static const unsigned char segp[6] = { 0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65 };
	unsigned int op = ops[rnd(sizeof(ops))] + rnd(2), rep = rnd(3);
	int a32 = chance(20);

	if ((op & ~1u) == 0x6e && chance(60)) {
		/* OUTS: make ES = DS, as libx86emu reads ES:SI (see Q_OUTS_SEG) */
		begin("push ds", K_PLAIN);
		b8(0x1e);
		end();
		begin("pop es", K_PLAIN);
		b8(0x07);
		end();
	}

	/* a small count first */
	if (rep) {
		begin(a32 ? "mov ecx,imm" : "mov cx,imm", K_PLAIN);
		if (a32)
			b8(0x66);
		b8(0xb9);
		bimm(rnd(24), a32 ? 4 : 2);
		end();
	}
	if (a32) {
		/* movzx esi,si; movzx edi,di: keep 32-bit offsets below 64K */
		begin("movzx esi,si", K_PLAIN);
		b8(0x66);
		b8(0x0f);
		b8(0xb7);
		b8(0xf6);
		end();
		begin("movzx edi,di", K_PLAIN);
		b8(0x66);
		b8(0x0f);
		b8(0xb7);
		b8(0xff);
		end();
	}
	begin("string", K_PLAIN);
	if ((op & ~1u) == 0x6e)
		cur->quirks |= Q_OUTS_SEG;
	if (chance(20)) {
		b8(segp[rnd(6)]);
		cur->sub = 2;		/* an override: never compared */
	}
	if (chance(35))
		b8(0x66);
	if (a32)
		b8(0x67);
	if (rep)
		b8(rep == 1 ? 0xf3 : 0xf2);
	b8(op);
	if (op == 0x6d || op == 0x6f)
		cur->quirks |= Q_INSOUTS_WIDE;
	if (a32 && op >= 0x6c && op <= 0x6f)
		cur->quirks |= Q_INSOUTS_A32;
	snprintf(cur->text, sizeof(cur->text), "%s%sstring %02x",
		 rep ? (rep == 1 ? "rep " : "repne ") : "", a32 ? "a32 " : "", op);
}

static void g_bcd(void)
{
	static const char *const n[6] = { "daa", "das", "aaa", "aas", "aam", "aad" };
	static const unsigned char opc[6] = { 0x27, 0x2f, 0x37, 0x3f, 0xd4, 0xd5 };
	unsigned int f = rnd(6);

	begin(n[f], f < 2 ? K_DAA : f < 4 ? K_AAA : K_AAM);
	cur->size = 1;
	cur->sub = opc[f];
	b8(opc[f]);
	if (f >= 4)
		b8(chance(50) ? 10 : 1 + rnd(255));
}

static void g_io(void)
{
	unsigned int op = (chance(50) ? 0xe4 : 0xec) + rnd(4);

	begin(op & 2 ? "out" : "in", K_PLAIN);
	prefixes(1, 0, 0);
	b8(op);
	if (op < 0xe8)
		b8(rnd(256));
}

static void g_loadfar(void)
{
	static const char *const n[5] = { "les", "lds", "lss", "lfs", "lgs" };
	unsigned int f = rnd(5);

	begin(n[f], K_PLAIN);
	prefixes(1, 1, 1);
	if (f < 2) {
		b8(0xc4 + f);
	} else {
		b8(0x0f);
		b8(f == 2 ? 0xb2 : f == 3 ? 0xb4 : 0xb5);
	}
	modrm(rnd(8), 1);
}

static void g_bswap(void)
{
	begin("bswap r32", K_PLAIN);
	b8(0x66);
	b8(0x0f);
	b8(0xc8 + rnd(8));
}

/* A pick of the instructions that do not transfer control. */
static void gen_simple(void)
{
	unsigned int w = rnd(100);

	if (w < 16)
		g_alu();
	else if (w < 24)
		g_grp1();
	else if (w < 28)
		g_incdec();
	else if (w < 31)
		g_test();
	else if (w < 36)
		g_grp3();
	else if (w < 39)
		g_imul23();
	else if (w < 48)
		g_shift();
	else if (w < 51)
		g_shxd();
	else if (w < 54)
		g_bt();
	else if (w < 56)
		g_bsf();
	else if (w < 58)
		g_setcc();
	else if (w < 66)
		g_mov();
	else if (w < 69)
		g_movseg();
	else if (w < 75)
		g_misc_data();
	else if (w < 82)
		g_stack();
	else if (w < 84)
		g_flags_stack();
	else if (w < 89)
		g_string();
	else if (w < 92)
		g_bcd();
	else if (w < 94)
		g_io();
	else if (w < 98)
		g_loadfar();
	else
		g_bswap();
	end();
}

/* The address of the next instruction, for pushes of return addresses. */
static unsigned int next_ip(unsigned int extra)
{
	return CODE_OFF + S.pos + extra;
}

static unsigned int free_vector(void)
{
	unsigned int v;

	do {
		v = 0x20 + rnd(0xe0);
	} while (S.used_vec[v]);
	S.used_vec[v] = 1;
	return v;
}

static void gen_control(void)
{
	unsigned int f = rnd(13), v;

	switch (f) {
	case 0:		/* jcc rel8 */
		begin("jcc rel8", K_PLAIN);
		b8(0x70 + rnd(16));
		jump_over(1);
		return;
	case 1:		/* jcc rel16 / rel32 */
		if (chance(30)) {
			begin("jcc rel32", K_PLAIN);
				b8(0x66);
			b8(0x0f);
			b8(0x80 + rnd(16));
			jump_over(4);
		} else {
			begin("jcc rel16", K_PLAIN);
				b8(0x0f);
			b8(0x80 + rnd(16));
			jump_over(2);
		}
		return;
	case 2:		/* jmp short / near */
		if (chance(50)) {
			begin("jmp rel8", K_PLAIN);
				b8(0xeb);
			jump_over(1);
		} else {
			begin("jmp rel16", K_PLAIN);
				b8(0xe9);
			jump_over(2);
		}
		return;
	case 3:		/* loop family */
		begin("loop/jcxz", K_PLAIN);
		if (chance(25)) {
			b8(0x67);
			cur->quirks |= Q_LOOP_A32;
		}
		b8(0xe0 + rnd(4));
		jump_over(1);
		return;
	case 4:		/* call rel16 over one instruction */
		begin("call rel16", K_PLAIN);
		cur->size = 2;
		b8(0xe8);
		jump_over(2);
		return;
	case 5:		/* push next; ret [imm] */
		v = rnd(2);
		begin("push (ret addr)", K_PLAIN);
		cur->size = 2;
		b8(0x68);
		b16(next_ip(2 + (v ? 3 : 1)));
		end();
		begin(v ? "ret imm16" : "ret", K_PLAIN);
		cur->size = 2;
		b8(v ? 0xc2 : 0xc3);
		if (v)
			b16(rnd(8) * 2);
		break;
	case 6:		/* push cs; push next; retf */
		begin("push cs", K_PLAIN);
		cur->size = 2;
		b8(0x0e);
		end();
		begin("push (ret addr)", K_PLAIN);
		cur->size = 2;
		b8(0x68);
		b16(next_ip(2 + 1));
		end();
		begin("retf", K_PLAIN);
		cur->size = 2;
		b8(0xcb);
		break;
	case 7:		/* push flags; push cs; push next; iret */
		begin("push imm (flags)", K_PLAIN);
		cur->size = 2;
		b8(0x68);
		b16(rnd32() & ~0x100u);
		end();
		begin("push cs", K_PLAIN);
		cur->size = 2;
		b8(0x0e);
		end();
		begin("push (ret addr)", K_PLAIN);
		cur->size = 2;
		b8(0x68);
		b16(next_ip(2 + 1));
		end();
		begin("iret", K_PLAIN);
		cur->quirks |= Q_IRET;
		b8(0xcf);
		break;
	case 8:		/* call far / jmp far to the next instruction */
		v = rnd(2);
		begin(v ? "call far" : "jmp far", K_PLAIN);
		cur->size = 2;
		b8(v ? 0x9a : 0xea);
		b16(next_ip(4));
		b16(CODE_SEG);
		break;
	case 9:		/* mov r,next; jmp/call r */
		v = rnd(8);
		if (v == 4)
			v = 3;
		begin("mov r,imm (target)", K_PLAIN);
		cur->size = 2;
		b8(0xb8 + v);
		b16(next_ip(2 + 2));
		end();
		begin(chance(50) ? "jmp r" : "call r", K_PLAIN);
		cur->size = 2;
		b8(0xff);
		b8(0xc0 | (cur->text[0] == 'j' ? 4 : 2) << 3 | v);
		break;
	case 10:	/* int n through the IVT to the next instruction */
		v = free_vector();
		begin("int n", K_PLAIN);
		cur->quirks |= Q_INT;
		b8(0xcd);
		b8(v);
		setup_vector(v, CODE_SEG, next_ip(0));
		break;
	case 11:	/* int3 / into */
		if (!S.used_vec[3] && chance(50)) {
			S.used_vec[3] = 1;
			begin("int3", K_PLAIN);
		cur->quirks |= Q_INT;
				b8(0xcc);
			setup_vector(3, CODE_SEG, next_ip(0));
		} else if (!S.used_vec[4]) {
			S.used_vec[4] = 1;
			begin("into", K_PLAIN);
		cur->quirks |= Q_INT;
				b8(0xce);
			setup_vector(4, CODE_SEG, next_ip(0));
		} else {
			begin("nop", K_PLAIN);
				b8(0x90);
		}
		break;
	default:	/* setcc then jcc on the same condition */
		begin("setcc", K_PLAIN);
		cur->size = 1;
		b8(0x0f);
		b8(0x90 + rnd(16));
		b8(0xc0 + rnd(8));
		break;
	}
	end();
}

static void gen_stream(unsigned int n)
{

	memset(&S, 0, sizeof(S));
	/* #DE (0), #BR (5) and #UD (6) go to HLT stubs at CS:HLT_OFF */
	setup_vector(0, CODE_SEG, HLT_OFF);
	setup_vector(5, CODE_SEG, HLT_OFF);
	setup_vector(6, CODE_SEG, HLT_OFF);
	S.used_vec[0] = S.used_vec[5] = S.used_vec[6] = 1;
	while (S.nins < n && S.nins < MAX_INS - 8 && S.pos < MAX_CODE - 64) {
		if (chance(15))
			gen_control();
		else
			gen_simple();
	}
	b8(0xf4);
}

/* ---- machine state ---- */

struct state {
	unsigned int gpr[8];
	unsigned int eip, eflags;
	unsigned short sreg[6];
};

static struct vpx86 ours;
static x86emu_t *lib;

static void lib_get(struct state *s)
{
	s->gpr[0] = lib->x86.R_EAX;
	s->gpr[1] = lib->x86.R_ECX;
	s->gpr[2] = lib->x86.R_EDX;
	s->gpr[3] = lib->x86.R_EBX;
	s->gpr[4] = lib->x86.R_ESP;
	s->gpr[5] = lib->x86.R_EBP;
	s->gpr[6] = lib->x86.R_ESI;
	s->gpr[7] = lib->x86.R_EDI;
	s->eip = lib->x86.R_EIP;
	s->eflags = lib->x86.R_EFLG;
	for (int i = 0; i < 6; i++)
		s->sreg[i] = lib->x86.seg[i].sel;
}

static void lib_set(const struct state *s)
{
	lib->x86.R_EAX = s->gpr[0];
	lib->x86.R_ECX = s->gpr[1];
	lib->x86.R_EDX = s->gpr[2];
	lib->x86.R_EBX = s->gpr[3];
	lib->x86.R_ESP = s->gpr[4];
	lib->x86.R_EBP = s->gpr[5];
	lib->x86.R_ESI = s->gpr[6];
	lib->x86.R_EDI = s->gpr[7];
	lib->x86.R_EIP = s->eip;
	lib->x86.R_EFLG = s->eflags;
	for (int i = 0; i < 6; i++)
		x86emu_set_seg_register(lib, lib->x86.seg + i, s->sreg[i]);
}

static void ours_get(struct state *s)
{
	memcpy(s->gpr, ours.gpr, sizeof(s->gpr));
	s->eip = ours.eip;
	s->eflags = ours.eflags;
	memcpy(s->sreg, ours.sreg, sizeof(s->sreg));
}

static void ours_set(const struct state *s)
{
	memcpy(ours.gpr, s->gpr, sizeof(s->gpr));
	ours.eip = s->eip;
	ours.eflags = s->eflags;
	memcpy(ours.sreg, s->sreg, sizeof(s->sreg));
}

static void random_state(struct state *s)
{
	int small = chance(75);
	unsigned int i;

	for (i = 0; i < 8; i++) {
		s->gpr[i] = rnd32();
		if (small || chance(20))
			s->gpr[i] &= chance(50) ? 0xffff : 0xff;
	}
	s->gpr[VPX86_ESP] = (s->gpr[VPX86_ESP] & 0xfffe) | (small ? 0 : rnd32() & 0xffff0000u);
	s->eflags = 2 | (rnd32() & 0x8d5) | (chance(50) ? 0x400 : 0) | (chance(50) ? 0x200 : 0);
	s->eip = CODE_OFF;
	for (i = 0; i < 6; i++)
		s->sreg[i] = (unsigned short)rnd32();
	s->sreg[VPX86_CS] = CODE_SEG;
}

/* ---- flags left undefined by the manuals ---- */

#define F_ALL	(VPX86_FLAG_CF | VPX86_FLAG_PF | VPX86_FLAG_AF | VPX86_FLAG_ZF | \
		 VPX86_FLAG_SF | VPX86_FLAG_OF)

static unsigned int undefined_flags(const struct ins *in, const struct state *pre)
{
	unsigned int c, bits = in->size * 8;

	switch (in->kind) {
	case K_PLAIN:
		return 0;
	case K_LOGIC:
		return VPX86_FLAG_AF;
	case K_MUL:
		return VPX86_FLAG_SF | VPX86_FLAG_ZF | VPX86_FLAG_AF | VPX86_FLAG_PF;
	case K_DIV:
	case K_IDIV:
		return F_ALL;
	case K_BT:
		return F_ALL & ~VPX86_FLAG_CF;
	case K_BSF:
		return F_ALL & ~VPX86_FLAG_ZF;
	case K_DAA:
		return VPX86_FLAG_OF;
	case K_AAA:
		return VPX86_FLAG_OF | VPX86_FLAG_SF | VPX86_FLAG_ZF | VPX86_FLAG_PF;
	case K_AAM:
		return VPX86_FLAG_OF | VPX86_FLAG_AF | VPX86_FLAG_CF;
	case K_SHIFT:
	case K_SHXD:
		c = (in->count < 0 ? pre->gpr[VPX86_ECX] & 0xff : (unsigned int)in->count) & 0x1f;
		if (!c)
			return 0;
		if (in->kind == K_SHXD)
			return c == 1 ? VPX86_FLAG_AF : c > bits ? F_ALL :
			       VPX86_FLAG_AF | VPX86_FLAG_OF;
		if (in->sub < 4) {	/* rotates: only CF and OF */
			unsigned int rc = in->sub < 2 ? c : c % (bits + 1);

			return rc == 1 || (in->sub >= 2 && !rc) ? 0 : VPX86_FLAG_OF;
		}
		if (c >= bits && in->sub != 7)
			return VPX86_FLAG_AF | VPX86_FLAG_OF | VPX86_FLAG_CF;
		return c == 1 ? VPX86_FLAG_AF : VPX86_FLAG_AF | VPX86_FLAG_OF;
	}
	return 0;
}

/*
 * Where libx86emu differs from the 386 on defined behaviour: the step is
 * not compared and libx86emu is set to our result. Each is a known
 * libx86emu deviation, not an ambiguity of the manuals.
 */
static const char *known_deviation(const struct ins *in, const struct state *pre)
{
	unsigned int raw, c, bits = in->size * 8;

	if (in->kind == K_SHIFT || in->kind == K_SHXD) {
		raw = in->count < 0 ? pre->gpr[VPX86_ECX] & 0xff : (unsigned int)in->count;
		c = raw & 0x1f;
		if (raw >= 32)
			return "libx86emu does not mask shift counts to 5 bits";
		if (in->kind == K_SHXD && bits == 16 && c > 16)
			return "shld/shrd of 16 bits by more than 16 (undefined result)";
		if (in->kind == K_SHXD && bits == 16 && c == 16)
			return "libx86emu's shld/shrd of 16 bits by 16 gives 0, not the source";
		if (in->kind == K_SHIFT && in->sub == 7 && c >= bits)
			return "libx86emu's SAR of 8/16 bits by the width or more";
	}
	if (in->kind == K_DAA && in->sub == 0x2f) {
		unsigned int al = pre->gpr[VPX86_EAX] & 0xff, t = al;
		int adj = (al & 0xf) > 9 || (pre->eflags & VPX86_FLAG_AF);
		int cf = pre->eflags & VPX86_FLAG_CF;

		if (adj)
			t = (t - 6) & 0xff;
		if ((t > 0x9f || cf) != (al > 0x99 || cf) || (adj && al < 6))
			return "libx86emu's DAS tests the adjusted AL and drops the borrow";
	}
	if (in->quirks & Q_BT_MEM) {
		unsigned int off = pre->gpr[in->sub] & (bits == 16 ? 0xffff : ~0u);

		if (off >= bits)
			return "libx86emu's bit-string address of BT* m,r past the operand";
	}
	if (in->quirks & Q_EBP_DISP8)
		return "a32 [ebp+disp8] addresses DS instead of SS in libx86emu";
	if (in->quirks & Q_INSOUTS_WIDE)
		return "INSW/INSD/OUTSW/OUTSD step SI/DI by 1 in libx86emu";
	if ((in->quirks & Q_PUSHF) && (pre->eflags & ~0xfd7u))
		return "libx86emu's PUSHF drops IOPL, NT, AC and ID";
	if ((in->quirks & Q_OUTS_SEG) && (in->sub == 2 || pre->sreg[VPX86_DS] != pre->sreg[VPX86_ES]))
		return "libx86emu's OUTS reads ES:SI, not DS:SI";
	if (in->quirks & Q_BT_IMM16)
		return "libx86emu's BT* r/m16,imm8 takes the bit number modulo 32";
	if (in->quirks & Q_ENTER32)
		return "libx86emu's ENTER with a 32-bit operand size pushes BP, not EBP";
	if ((in->quirks & Q_POPA) && (pre->gpr[VPX86_ESP] & 0xffff) + 8 * in->size > 0x10000)
		return "libx86emu's POPA past SP FFFF carries into the upper half of ESP";
	if (in->quirks & Q_INSOUTS_A32)
		return "libx86emu's INS/OUTS with 67 step SI/DI, not ESI/EDI";
	if (in->quirks & Q_LOOP_A32)
		return "libx86emu counts CX/ECX of LOOP/JCXZ by operand size, not address size";
	return NULL;
}

/*
 * EFLAGS bits where libx86emu deviates from the 386 for this instruction:
 * not compared (and synced from ours afterwards), counted apart.
 */
static unsigned int deviation_flags(const struct ins *in, const struct state *pre)
{
	unsigned int c;

	if (in->quirks & Q_IRET)	/* 16-bit IRET: bits 16-31 stay (AC, ID) */
		return 0xffff8028u;
	/* interrupts and exceptions (#DE) clear AC; libx86emu does not */
	if ((in->quirks & Q_INT) || in->kind == K_DIV || in->kind == K_IDIV)
		return VPX86_FLAG_AC;
	/* AAM: ZF from AL; libx86emu takes it from AX */
	if (in->kind == K_AAM)
		return VPX86_FLAG_AC | (in->sub == 0xd4 ? VPX86_FLAG_ZF : 0);
	if (in->quirks & Q_SAHF)
		return 0x28;
	if (in->quirks & Q_POPF)	/* all but the 386's writable bits */
		return ~(0x7fd5u | (in->size == 4 ? VPX86_FLAG_AC | VPX86_FLAG_ID : 0)) & ~2u;
	if (in->kind == K_SHIFT || in->kind == K_SHXD) {
		c = (in->count < 0 ? pre->gpr[VPX86_ECX] & 0xff : (unsigned int)in->count) & 0x1f;
		/* a zero count changes no flag; libx86emu clears OF */
		if (!c && (in->kind == K_SHXD || in->sub >= 4))
			return VPX86_FLAG_OF;
		/* SAR by 1 clears OF; libx86emu leaves it */
		if (c == 1 && in->kind == K_SHIFT && in->sub == 7)
			return VPX86_FLAG_OF;
		/* SHR of a word by 16-31 gives 0 (PF=1); libx86emu clears PF */
		if (in->kind == K_SHIFT && in->sub == 5 && in->size == 2 && c >= 16)
			return VPX86_FLAG_PF;
	}
	return 0;
}

/* ---- running and comparing ---- */

#define END_COUNT_MAX 8
static unsigned long long n_streams, n_compared, n_divergences, n_known, n_flag_dev;
static unsigned long long end_reason[END_COUNT_MAX];
static int verbose;

static void restore_memory(int direct)
{
	unsigned int i;

	if (direct)
		memcpy(mem_ours, pristine, MEM_SIZE);
	else
		for (i = 0; i < stream_ours.n; i++)
			mem_ours[stream_ours.addr[i]] = pristine[stream_ours.addr[i]];
	for (i = 0; i < stream_lib.n; i++)
		mem_lib[stream_lib.addr[i]] = pristine[stream_lib.addr[i]];
	if (stream_ours.overflow || stream_lib.overflow) {
		memcpy(mem_ours, pristine, MEM_SIZE);
		memcpy(mem_lib, pristine, MEM_SIZE);
	}
	stream_ours.n = stream_lib.n = 0;
	stream_ours.overflow = stream_lib.overflow = 0;
}

static const struct ins *find_ins(unsigned int ip)
{
	unsigned int i;

	for (i = 0; i < S.nins; i++)
		if (S.ins[i].off == ip)
			return &S.ins[i];
	return NULL;
}

static void print_stream(unsigned int bad_ip)
{
	unsigned int i, j;

	printf("  stream (CS=%04x):\n", CODE_SEG);
	for (i = 0; i < S.nins; i++) {
		const struct ins *in = &S.ins[i];

		printf("  %s %04x:", in->off == bad_ip ? "=>" : "  ", in->off);
		for (j = 0; j < in->len && j < 12; j++)
			printf(" %02x", S.code[in->off - CODE_OFF + j]);
		printf("%*s %s\n", (int)(12 - (in->len < 12 ? in->len : 12)) * 3, "", in->text);
	}
}

static void print_state(const char *who, const struct state *s)
{
	printf("  %-6s eax=%08x ecx=%08x edx=%08x ebx=%08x esp=%08x ebp=%08x esi=%08x edi=%08x\n",
	       who, s->gpr[0], s->gpr[1], s->gpr[2], s->gpr[3], s->gpr[4], s->gpr[5],
	       s->gpr[6], s->gpr[7]);
	printf("         eip=%08x fl=%08x es=%04x cs=%04x ss=%04x ds=%04x fs=%04x gs=%04x\n",
	       s->eip, s->eflags, s->sreg[0], s->sreg[1], s->sreg[2], s->sreg[3], s->sreg[4],
	       s->sreg[5]);
}

static void print_writes(void)
{
	unsigned int i;

	printf("  writes  ours:");
	for (i = 0; i < step_ours.n && i < 16; i++)
		printf(" %05x=%02x", step_ours.addr[i], mem_ours[step_ours.addr[i]]);
	printf("\n  writes  libx86emu:");
	for (i = 0; i < step_lib.n && i < 16; i++)
		printf(" %05x=%02x", step_lib.addr[i], mem_lib[step_lib.addr[i]]);
	printf("\n");
}

/* Compare after one step; return a description of the first difference. */
static int compare(const struct state *a, const struct state *b, unsigned int flag_mask,
		   char *why, size_t len)
{
	static const char *const rn[8] = { "eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi" };
	unsigned int i, addr;

	for (i = 0; i < 8; i++)
		if (a->gpr[i] != b->gpr[i]) {
			snprintf(why, len, "%s: ours %08x, libx86emu %08x", rn[i], a->gpr[i], b->gpr[i]);
			return 1;
		}
	if (a->eip != b->eip) {
		snprintf(why, len, "eip: ours %08x, libx86emu %08x", a->eip, b->eip);
		return 1;
	}
	for (i = 0; i < 6; i++)
		if (a->sreg[i] != b->sreg[i]) {
			snprintf(why, len, "sreg %u: ours %04x, libx86emu %04x", i, a->sreg[i], b->sreg[i]);
			return 1;
		}
	if ((a->eflags ^ b->eflags) & flag_mask) {
		snprintf(why, len, "eflags: ours %08x, libx86emu %08x (compared bits %08x)",
			 a->eflags, b->eflags, flag_mask);
		return 1;
	}
	for (i = 0; i < step_ours.n + step_lib.n; i++) {
		addr = i < step_ours.n ? step_ours.addr[i] : step_lib.addr[i - step_ours.n];
		if (mem_ours[addr] != mem_lib[addr]) {
			snprintf(why, len, "memory %05x: ours %02x, libx86emu %02x", addr,
				 mem_ours[addr], mem_lib[addr]);
			return 1;
		}
	}
	if (io_ours.n != io_lib.n) {
		snprintf(why, len, "port writes: ours %u, libx86emu %u", io_ours.n, io_lib.n);
		return 1;
	}
	for (i = 0; i < io_ours.n; i++)
		if (io_ours.port[i] != io_lib.port[i] || io_ours.size[i] != io_lib.size[i] ||
		    io_ours.val[i] != io_lib.val[i]) {
			snprintf(why, len, "port write %u: ours %x/%u=%x, libx86emu %x/%u=%x", i,
				 io_ours.port[i], io_ours.size[i], io_ours.val[i], io_lib.port[i],
				 io_lib.size[i], io_lib.val[i]);
			return 1;
		}
	return 0;
}

enum { END_DONE, END_HLT, END_LIMIT, END_SMC, END_OTHER, END_LONG, END_COUNT };
static const char *const end_names[END_COUNT] = {
	"ran to the end", "an exception's HLT", "offset past 64K (ours stops)",
	"code overwritten by the stream", "other stop", "step limit",
};

/* Sync libx86emu's memory with ours for the bytes written in this step. */
static void sync_step_memory(void)
{
	unsigned int i, a;

	for (i = 0; i < step_ours.n + step_lib.n; i++) {
		a = i < step_ours.n ? step_ours.addr[i] : step_lib.addr[i - step_ours.n];
		if (mem_lib[a] != mem_ours[a]) {
			mem_lib[a] = mem_ours[a];
			wlog_add(&stream_lib, a);
		}
	}
}

/* Direct writes are not logged: find and copy every differing byte. */
static void sync_all_memory(void)
{
	unsigned int p, i;

	for (p = 0; p < MEM_SIZE; p += 4096) {
		if (!memcmp(mem_ours + p, mem_lib + p, 4096))
			continue;
		for (i = p; i < p + 4096; i++)
			if (mem_ours[i] != mem_lib[i]) {
				mem_lib[i] = mem_ours[i];
				wlog_add(&stream_lib, i);
			}
	}
}

static int run_stream(unsigned int len)
{
	struct state init, pre, a, b;
	unsigned int i, steps = 0, mask;
	/* 0: callbacks; 1: direct reads; 2: direct reads and writes */
	int mode = chance(60) ? 0 : chance(75) ? 1 : 2, direct = mode == 2;
	int reason = END_DONE, bad = 0;
	char why[256];

	gen_stream(len);
	random_state(&init);
	/* the HLT stubs, the code and the setup bytes go into both images */
	for (i = 0; i < CODE_OFF - HLT_OFF + S.pos; i++) {
		unsigned int addr = (CODE_SEG << 4) + HLT_OFF + i;

		mem_ours[addr] = mem_lib[addr] = i < CODE_OFF - HLT_OFF ? 0xf4 :
						 S.code[i - (CODE_OFF - HLT_OFF)];
		wlog_add(&stream_ours, addr);
		wlog_add(&stream_lib, addr);
	}
	for (i = 0; i < S.nsetup; i++) {
		mem_ours[S.setup_addr[i]] = mem_lib[S.setup_addr[i]] = S.setup_val[i];
		wlog_add(&stream_ours, S.setup_addr[i]);
		wlog_add(&stream_lib, S.setup_addr[i]);
	}

	vpx86_init(&ours, &ours_ops, NULL);
	if (mode)
		vpx86_map(&ours, 0, MEM_SIZE, mem_ours,
			  VPX86_MAP_READ | (direct ? VPX86_MAP_WRITE : 0));
	ours_set(&init);
	lib_set(&init);

	for (;;) {
		const struct ins *in;
		enum vpx86_status st;
		const char *dev;

		ours_get(&pre);
		in = find_ins(pre.eip);
		if (ours.sreg[VPX86_CS] == CODE_SEG && pre.eip == CODE_OFF + S.pos - 1) {
			reason = END_DONE;	/* the HLT after the stream */
			break;
		}
		if (ours.sreg[VPX86_CS] != CODE_SEG || !in) {
			if (pre.eip >= HLT_OFF && pre.eip < CODE_OFF)
				reason = END_HLT;	/* an exception's HLT stub */
			else
				reason = END_OTHER;
			break;
		}
		/* the stream wrote over its own code: it is no longer ours */
		if (memcmp(mem_ours + (CODE_SEG << 4) + in->off, S.code + in->off - CODE_OFF, in->len)) {
			reason = END_SMC;
			break;
		}
		if (++steps > 400) {
			reason = END_LONG;
			break;
		}
		step_ours.n = step_lib.n = 0;
		io_ours.n = io_lib.n = 0;
		st = vpx86_step(&ours);
		if (st != VPX86_BUDGET && st != VPX86_HALTED) {
			reason = st == VPX86_ERR_LIMIT ? END_LIMIT : END_OTHER;
			if (reason == END_OTHER && verbose) {
				vpx86_describe(&ours, why, sizeof(why));
				printf("stream %llu ended: %s (%s)\n", n_streams, why, in->text);
			}
			break;
		}
		lib->max_instr = lib->x86.R_TSC + 1;
		x86emu_run(lib, X86EMU_RUN_MAX_INSTR);
		ours_get(&a);
		lib_get(&b);
		n_compared++;
		dev = known_deviation(in, &pre);
		/* BSF/BSR of 0 (ZF set): the destination is undefined */
		if (!dev && in->kind == K_BSF && (a.eflags & VPX86_FLAG_ZF))
			dev = "bsf/bsr of 0: undefined destination";
		if (dev) {
			n_known++;
			if (direct)
				sync_all_memory();
			else
				sync_step_memory();
			lib_set(&a);
			if (st == VPX86_HALTED) {
				reason = END_HLT;
				break;
			}
			continue;
		}
		/* direct writes are not logged: compare all of memory */
		if (direct && memcmp(mem_ours, mem_lib, MEM_SIZE)) {
			for (i = 0; i < MEM_SIZE && mem_ours[i] == mem_lib[i]; i++)
				;
			wlog_add(&step_ours, i);
		}
		mask = ~(undefined_flags(in, &pre) | deviation_flags(in, &pre));
		if ((a.eflags ^ b.eflags) & deviation_flags(in, &pre))
			n_flag_dev++;
		if (compare(&a, &b, mask, why, sizeof(why))) {
			printf("DIVERGENCE in stream %llu (seed-relative), step %u: %s\n", n_streams,
			       steps, why);
			printf("  instruction: %s; bytes now at CS:IP:", in->text);
			for (i = 0; i < 12; i++)
				printf(" %02x", mem_lib[(CODE_SEG << 4) + pre.eip + i]);
			printf("\n");
			print_stream(pre.eip);
			print_state("before", &pre);
			print_state("ours", &a);
			print_state("libx86emu", &b);
			print_writes();
			bad = 1;
			break;
		}
		/* the undefined flags: take ours, so the inputs stay equal */
		if (a.eflags != b.eflags) {
			lib->x86.R_EFLG = a.eflags;
		}
		if (st == VPX86_HALTED) {
			reason = END_HLT;
			break;
		}
	}
	if (!bad)
		end_reason[reason]++;
	restore_memory(direct);
	return bad;
}

int main(int argc, char **argv)
{
	double seconds = 20;
	unsigned long long seed = 0x5eed1234abcdull, max_streams = 0;
	struct timespec t0, t1;
	int i, fails = 0;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--seconds") && i + 1 < argc)
			seconds = atof(argv[++i]);
		else if (!strcmp(argv[i], "--seed") && i + 1 < argc)
			seed = strtoull(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--streams") && i + 1 < argc)
			max_streams = strtoull(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "-v"))
			verbose = 1;
		else {
			fprintf(stderr, "usage: %s [--seconds N] [--seed N] [--streams N] [-v]\n",
				argv[0]);
			return 2;
		}
	}
	rng_state = seed ? seed : 1;
	for (i = 0; i < (int)MEM_SIZE; i++)
		pristine[i] = (unsigned char)rnd32();
	memcpy(mem_ours, pristine, MEM_SIZE);
	memcpy(mem_lib, pristine, MEM_SIZE);

	lib = x86emu_new(X86EMU_PERM_RWX, X86EMU_PERM_RW);
	x86emu_set_memio_handler(lib, lib_memio);

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		clock_gettime(CLOCK_MONOTONIC, &t1);
		if ((t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9 >= seconds)
			break;
		if (max_streams && n_streams >= max_streams)
			break;
		fails += run_stream(8 + rnd(48));
		n_streams++;
		if (fails)
			break;
	}
	x86emu_done(lib);
	printf("x86emu-diff: stream ends:");
	for (i = 0; i < END_COUNT; i++)
		printf(" %s %llu;", end_names[i], end_reason[i]);
	printf(" steps skipped as known libx86emu deviations %llu; steps with deviating"
	       " flags %llu\n", n_known, n_flag_dev);
	printf("x86emu-diff: %llu streams, %llu instructions compared, %llu divergences\n",
	       n_streams, n_compared, n_divergences + fails);
	return fails ? 1 : 0;
}
