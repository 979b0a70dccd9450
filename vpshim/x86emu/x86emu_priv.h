/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86emu_priv.h - the interpreter's internal helpers, shared by x86emu.c
 * (decoder, one-byte opcodes, API) and x86emu_ops.c (instruction groups).
 * Not for embedders: include x86emu.h.
 */
#ifndef VPSHIM_X86EMU_PRIV_H
#define VPSHIM_X86EMU_PRIV_H

#include "x86emu.h"

/* The core includes no libc or kernel header: these are its own. */
typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef signed char s8;
typedef short s16;
typedef int s32;
typedef long long s64;

_Static_assert(sizeof(u16) == 2 && sizeof(u32) == 4 && sizeof(u64) == 8,
	       "x86emu needs 16-, 32- and 64-bit integer types");

#define X_LIKELY(x)	__builtin_expect(!!(x), 1)
#define X_UNLIKELY(x)	__builtin_expect(!!(x), 0)

#define FL_CF	VPX86_FLAG_CF
#define FL_PF	VPX86_FLAG_PF
#define FL_AF	VPX86_FLAG_AF
#define FL_ZF	VPX86_FLAG_ZF
#define FL_SF	VPX86_FLAG_SF
#define FL_TF	VPX86_FLAG_TF
#define FL_IF	VPX86_FLAG_IF
#define FL_DF	VPX86_FLAG_DF
#define FL_OF	VPX86_FLAG_OF
#define FL_AC	VPX86_FLAG_AC
#define FL_ARITH (FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF)

/* The writable EFLAGS bits in real mode: POPF, POPFD (+AC, ID), IRET. */
#define FL_POPF16	0x7fd5u
#define FL_POPF32	(0x7fd5u | VPX86_FLAG_AC | VPX86_FLAG_ID)

#define REP_NE	0xf2u
#define REP_E	0xf3u

/* Operand sizes in bytes: 1, 2 or 4. */
static inline u32 sz_mask(unsigned int size)
{
	return size == 4 ? 0xffffffffu : (1u << (size * 8)) - 1;
}

static inline u32 sz_msb(unsigned int size)
{
	return 1u << (size * 8 - 1);
}

/* PF: set when the low byte of the result has an even number of ones. */
static inline u32 flag_pf(u32 res)
{
	res = (res ^ (res >> 4)) & 0xf;
	return ((0x9669u >> res) & 1) << 2;
}

/* SF, ZF and PF of a result of @size bytes. */
static inline u32 flags_szp(u32 res, unsigned int size)
{
	u32 f = flag_pf(res);

	if (!(res & sz_mask(size)))
		f |= FL_ZF;
	if (res & sz_msb(size))
		f |= FL_SF;
	return f;
}

static inline void set_arith(struct vpx86 *cpu, u32 mask, u32 f)
{
	cpu->eflags = (cpu->eflags & ~mask) | f;
}

/* ---- registers ---- */

static inline u32 reg_get(const struct vpx86 *cpu, unsigned int r, unsigned int size)
{
	if (size == 1)
		return r < 4 ? cpu->gpr[r] & 0xff : (cpu->gpr[r - 4] >> 8) & 0xff;
	if (size == 2)
		return cpu->gpr[r] & 0xffff;
	return cpu->gpr[r];
}

static inline void reg_set(struct vpx86 *cpu, unsigned int r, unsigned int size, u32 v)
{
	if (size == 1) {
		if (r < 4)
			cpu->gpr[r] = (cpu->gpr[r] & ~0xffu) | (v & 0xff);
		else
			cpu->gpr[r - 4] = (cpu->gpr[r - 4] & ~0xff00u) | ((v & 0xff) << 8);
	} else if (size == 2) {
		cpu->gpr[r] = (cpu->gpr[r] & 0xffff0000u) | (v & 0xffff);
	} else {
		cpu->gpr[r] = v;
	}
}

static inline u32 seg_base(const struct vpx86 *cpu, unsigned int s)
{
	return (u32)cpu->sreg[s] << 4;
}

/* ---- failures ---- */

void vpx86_fail(struct vpx86 *cpu, enum vpx86_status st);

/* ---- memory ---- */

u32 vpx86_mem_rd_slow(struct vpx86 *cpu, u32 lin, unsigned int size);
void vpx86_mem_wr_slow(struct vpx86 *cpu, u32 lin, unsigned int size, u32 v);

static inline u32 ld_le(const u8 *p, unsigned int size)
{
	if (size == 1)
		return p[0];
	if (size == 2)
		return p[0] | (u32)p[1] << 8;
	return p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;
}

static inline void st_le(u8 *p, unsigned int size, u32 v)
{
	p[0] = (u8)v;
	if (size >= 2)
		p[1] = (u8)(v >> 8);
	if (size == 4) {
		p[2] = (u8)(v >> 16);
		p[3] = (u8)(v >> 24);
	}
}

/* Linear (any value: taken modulo 1 MiB) read and write. */
static inline u32 mem_rd(struct vpx86 *cpu, u32 lin, unsigned int size)
{
	const u8 *page;
	u32 off;

	lin &= 0xfffff;
	page = cpu->rd_map[lin >> VPX86_PAGE_SHIFT];
	off = lin & (VPX86_PAGE_SIZE - 1);
	if (X_LIKELY(page && off <= VPX86_PAGE_SIZE - size))
		return ld_le(page + off, size);
	return vpx86_mem_rd_slow(cpu, lin, size);
}

static inline void mem_wr(struct vpx86 *cpu, u32 lin, unsigned int size, u32 v)
{
	u8 *page;
	u32 off;

	lin &= 0xfffff;
	page = cpu->wr_map[lin >> VPX86_PAGE_SHIFT];
	off = lin & (VPX86_PAGE_SIZE - 1);
	if (X_LIKELY(page && off <= VPX86_PAGE_SIZE - size))
		st_le(page + off, size, v);
	else
		vpx86_mem_wr_slow(cpu, lin, size, v);
}

void vpx86_limit_fault(struct vpx86 *cpu, u32 off);

/*
 * Segment:offset read and write. An operand that does not lie wholly at
 * offsets 0-0xFFFF exceeds the real-mode segment limit (the 386 raises #GP).
 */
static inline u32 seg_rd(struct vpx86 *cpu, unsigned int s, u32 off, unsigned int size)
{
	if (X_UNLIKELY(off > 0x10000 - size)) {
		vpx86_limit_fault(cpu, off);
		return 0;
	}
	return mem_rd(cpu, seg_base(cpu, s) + off, size);
}

static inline void seg_wr(struct vpx86 *cpu, unsigned int s, u32 off, unsigned int size, u32 v)
{
	if (X_UNLIKELY(off > 0x10000 - size)) {
		vpx86_limit_fault(cpu, off);
		return;
	}
	mem_wr(cpu, seg_base(cpu, s) + off, size, v);
}

/* ---- instruction fetch ---- */

u32 vpx86_fetch_slow(struct vpx86 *cpu);

static inline u32 fetch8(struct vpx86 *cpu)
{
	if (X_LIKELY(cpu->pc)) {
		cpu->ip++;
		return *cpu->pc++;
	}
	return vpx86_fetch_slow(cpu);
}

static inline u32 fetch16(struct vpx86 *cpu)
{
	u32 v;

	if (X_LIKELY(cpu->pc)) {
		v = ld_le(cpu->pc, 2);
		cpu->pc += 2;
		cpu->ip += 2;
		return v;
	}
	v = vpx86_fetch_slow(cpu);
	return v | vpx86_fetch_slow(cpu) << 8;
}

static inline u32 fetch32(struct vpx86 *cpu)
{
	u32 v;

	if (X_LIKELY(cpu->pc)) {
		v = ld_le(cpu->pc, 4);
		cpu->pc += 4;
		cpu->ip += 4;
		return v;
	}
	v = fetch16(cpu);
	return v | fetch16(cpu) << 16;
}

/* An immediate of @size bytes (1, 2 or 4). */
static inline u32 fetch_imm(struct vpx86 *cpu, unsigned int size)
{
	if (size == 1)
		return fetch8(cpu);
	if (size == 2)
		return fetch16(cpu);
	return fetch32(cpu);
}

/* ---- ModRM operands ---- */

unsigned int vpx86_modrm(struct vpx86 *cpu);

static inline u32 rm_get(struct vpx86 *cpu, unsigned int size)
{
	if (cpu->ea_is_reg)
		return reg_get(cpu, cpu->ea_reg, size);
	return seg_rd(cpu, cpu->ea_seg, cpu->ea_off, size);
}

static inline void rm_set(struct vpx86 *cpu, unsigned int size, u32 v)
{
	if (cpu->ea_is_reg)
		reg_set(cpu, cpu->ea_reg, size, v);
	else
		seg_wr(cpu, cpu->ea_seg, cpu->ea_off, size, v);
}

/*
 * Stack (SS is always a 16-bit stack in real mode): SP wraps at 64K, but a
 * slot that straddles offset 0xFFFF exceeds the limit (the 386's #SS).
 */
static inline void push(struct vpx86 *cpu, unsigned int size, u32 v)
{
	u32 sp = (cpu->gpr[VPX86_ESP] - size) & 0xffff;

	if (X_UNLIKELY(sp > 0x10000 - size)) {
		vpx86_limit_fault(cpu, sp);
		return;
	}
	mem_wr(cpu, seg_base(cpu, VPX86_SS) + sp, size, v);
	cpu->gpr[VPX86_ESP] = (cpu->gpr[VPX86_ESP] & 0xffff0000u) | sp;
}

static inline u32 pop(struct vpx86 *cpu, unsigned int size)
{
	u32 sp = cpu->gpr[VPX86_ESP] & 0xffff;
	u32 v;

	if (X_UNLIKELY(sp > 0x10000 - size)) {
		vpx86_limit_fault(cpu, sp);
		return 0;
	}
	v = mem_rd(cpu, seg_base(cpu, VPX86_SS) + sp, size);

	cpu->gpr[VPX86_ESP] = (cpu->gpr[VPX86_ESP] & 0xffff0000u) | ((sp + size) & 0xffff);
	return v;
}

/* ---- arithmetic ---- */

static inline u32 alu_add(struct vpx86 *cpu, u32 a, u32 b, u32 c, unsigned int size)
{
	u32 m = sz_mask(size);
	u32 r = (a + b + c) & m;
	u32 f = flags_szp(r, size) | ((a ^ b ^ r) & FL_AF);

	if (size == 4)
		f |= (r < a || (c && r == a)) ? FL_CF : 0;
	else
		f |= (a + b + c) > m ? FL_CF : 0;
	if ((a ^ r) & (b ^ r) & sz_msb(size))
		f |= FL_OF;
	set_arith(cpu, FL_ARITH, f);
	return r;
}

static inline u32 alu_sub(struct vpx86 *cpu, u32 a, u32 b, u32 c, unsigned int size)
{
	u32 r = (a - b - c) & sz_mask(size);
	u32 f = flags_szp(r, size) | ((a ^ b ^ r) & FL_AF);

	if ((u64)a < (u64)b + c)
		f |= FL_CF;
	if ((a ^ b) & (a ^ r) & sz_msb(size))
		f |= FL_OF;
	set_arith(cpu, FL_ARITH, f);
	return r;
}

/* AND, OR, XOR, TEST: CF = OF = 0; AF (undefined) cleared. */
static inline u32 alu_logic(struct vpx86 *cpu, u32 r, unsigned int size)
{
	r &= sz_mask(size);
	set_arith(cpu, FL_ARITH, flags_szp(r, size));
	return r;
}

/* The eight ALU operations of opcodes 00-3F and group 1 (80-83). */
static inline u32 alu_op(struct vpx86 *cpu, unsigned int op, u32 a, u32 b, unsigned int size)
{
	switch (op & 7) {
	case 0:
		return alu_add(cpu, a, b, 0, size);
	case 1:
		return alu_logic(cpu, a | b, size);
	case 2:
		return alu_add(cpu, a, b, cpu->eflags & FL_CF, size);
	case 3:
		return alu_sub(cpu, a, b, cpu->eflags & FL_CF, size);
	case 4:
		return alu_logic(cpu, a & b, size);
	case 5:
	case 7:
		return alu_sub(cpu, a, b, 0, size);
	default:
		return alu_logic(cpu, a ^ b, size);
	}
}

static inline u32 alu_inc(struct vpx86 *cpu, u32 a, unsigned int size)
{
	u32 cf = cpu->eflags & FL_CF;
	u32 r = alu_add(cpu, a, 1, 0, size);

	cpu->eflags = (cpu->eflags & ~FL_CF) | cf;
	return r;
}

static inline u32 alu_dec(struct vpx86 *cpu, u32 a, unsigned int size)
{
	u32 cf = cpu->eflags & FL_CF;
	u32 r = alu_sub(cpu, a, 1, 0, size);

	cpu->eflags = (cpu->eflags & ~FL_CF) | cf;
	return r;
}

/* The condition of Jcc, SETcc (the low nibble of the opcode). */
static inline int cond_true(u32 f, unsigned int cc)
{
	u32 t;

	switch ((cc >> 1) & 7) {
	case 0:
		t = f & FL_OF;
		break;
	case 1:
		t = f & FL_CF;
		break;
	case 2:
		t = f & FL_ZF;
		break;
	case 3:
		t = f & (FL_CF | FL_ZF);
		break;
	case 4:
		t = f & FL_SF;
		break;
	case 5:
		t = f & FL_PF;
		break;
	case 6:
		t = ((f >> 7) ^ (f >> 11)) & 1;
		break;
	default:
		t = (f & FL_ZF) | (((f >> 7) ^ (f >> 11)) & 1);
		break;
	}
	return (t != 0) ^ (cc & 1);
}

/* ---- shared between x86emu.c and x86emu_ops.c ---- */

void vpx86_interrupt(struct vpx86 *cpu, unsigned int vector, unsigned int kind);
void vpx86_far_jump(struct vpx86 *cpu, u32 cs, u32 ip);
void vpx86_op_0f(struct vpx86 *cpu);
void vpx86_op_shift(struct vpx86 *cpu, unsigned int size, unsigned int count_src);
void vpx86_op_grp3(struct vpx86 *cpu, unsigned int size);
void vpx86_op_string(struct vpx86 *cpu, unsigned int op);
void vpx86_op_bcd(struct vpx86 *cpu, unsigned int op);
void vpx86_op_imul3(struct vpx86 *cpu, unsigned int imm_size);
void vpx86_op_enter(struct vpx86 *cpu);
void vpx86_op_io(struct vpx86 *cpu, unsigned int op);

#endif /* VPSHIM_X86EMU_PRIV_H */
