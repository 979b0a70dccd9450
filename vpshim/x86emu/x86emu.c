// SPDX-License-Identifier: GPL-2.0
/*
 * x86emu.c - the real-mode x86 interpreter: API, fetch, ModRM decoding,
 * memory slow paths and the one-byte opcodes. The instruction groups
 * (0F xx, shifts, MUL/DIV, strings, BCD, I/O) are in x86emu_ops.c.
 *
 * Undefined flags: where the 386/486 manuals leave a flag undefined the
 * interpreter does what libx86emu (the tests' differential oracle) does:
 * - AND, OR, XOR, TEST: AF cleared.
 * - MUL, IMUL: SF, ZF, AF, PF unchanged.
 * - DIV, IDIV: all flags unchanged.
 * - shifts (SHL, SHR, SAL, SHLD, SHRD) by more than 1: OF cleared; SAR by
 *   more than 1: OF unchanged; all shifts and rotates: AF unchanged; SHL
 *   and SHR by the operand width or more: CF is the last bit shifted out
 *   (0 past the width).
 * - ROL, ROR by more than 1: OF cleared (unchanged when the rotation is a
 *   multiple of the width); RCL by more than 1: OF cleared; RCR by more
 *   than 1: OF unchanged.
 * - BT, BTS, BTR, BTC: OF, SF, ZF, AF, PF unchanged.
 * - BSF, BSR: CF, OF, SF, AF, PF unchanged; the destination is unchanged
 *   when the source is 0.
 * - AAA, AAS: OF unchanged, SF cleared, ZF and PF from the result (ZF of
 *   the whole AX). DAA, DAS: OF unchanged. AAM, AAD: OF, AF, CF cleared.
 * - SHLD, SHRD of 16-bit operands by 17-31: the result is the shift of
 *   dest:src:dest.
 * The rest follows the 386/486: counts of shifts and rotates are masked to
 * 5 bits (RCL/RCR then taken modulo width + 1), IDIV accepts the most
 * negative quotient, DAA/DAS/AAA/AAS set and clear AF and CF as the
 * manuals' pseudo-code does.
 */

#include "x86emu_priv.h"

/* ---- failures ---- */

/* Record the first failure of the current instruction. */
void vpx86_fail(struct vpx86 *cpu, enum vpx86_status st)
{
	if (cpu->status != VPX86_RUNNING)
		return;
	cpu->status = st;
	cpu->fault_cs = cpu->sreg[VPX86_CS];
	cpu->fault_eip = cpu->start_ip;
}

void vpx86_limit_fault(struct vpx86 *cpu, u32 off)
{
	if (cpu->status == VPX86_RUNNING)
		cpu->fault_addr = off;
	vpx86_fail(cpu, VPX86_ERR_LIMIT);
}

/* ---- memory slow paths: callbacks, page-crossing and wrapping accesses ---- */

u32 vpx86_mem_rd_slow(struct vpx86 *cpu, u32 lin, unsigned int size)
{
	const struct vpx86_ops *ops = cpu->ops;
	u32 off = lin & (VPX86_PAGE_SIZE - 1);
	u32 v = 0, i;

	if (size > 1 && off > VPX86_PAGE_SIZE - size) {
		for (i = 0; i < size; i++)
			v |= mem_rd(cpu, lin + i, 1) << (8 * i);
		return v;
	}
	if (!ops || !ops->mem_read)
		return sz_mask(size);
	if (ops->mem_read(cpu, lin, size, &v)) {
		if (cpu->status == VPX86_RUNNING)
			cpu->fault_addr = lin;
		vpx86_fail(cpu, VPX86_ERR_MEMORY);
		return 0;
	}
	return v & sz_mask(size);
}

void vpx86_mem_wr_slow(struct vpx86 *cpu, u32 lin, unsigned int size, u32 v)
{
	const struct vpx86_ops *ops = cpu->ops;
	u32 off = lin & (VPX86_PAGE_SIZE - 1);
	u32 i;

	if (size > 1 && off > VPX86_PAGE_SIZE - size) {
		for (i = 0; i < size; i++)
			mem_wr(cpu, lin + i, 1, v >> (8 * i));
		return;
	}
	if (!ops || !ops->mem_write)
		return;
	if (ops->mem_write(cpu, lin, size, v & sz_mask(size))) {
		if (cpu->status == VPX86_RUNNING)
			cpu->fault_addr = lin;
		vpx86_fail(cpu, VPX86_ERR_MEMORY);
	}
}

/*
 * One code byte at CS:IP without the direct fetch window. An instruction
 * that runs past offset 0xFFFF exceeds the limit (the 386 raises #GP).
 */
u32 vpx86_fetch_slow(struct vpx86 *cpu)
{
	u32 v;

	if (X_UNLIKELY(cpu->ip > 0xffff)) {
		vpx86_limit_fault(cpu, cpu->ip);
		return 0x90;
	}
	v = mem_rd(cpu, seg_base(cpu, VPX86_CS) + cpu->ip, 1);
	cpu->ip++;
	return v;
}

/* ---- ModRM ---- */

/* Decode a ModRM byte (and SIB, displacement); return the ModRM byte. */
unsigned int vpx86_modrm(struct vpx86 *cpu)
{
	u32 m = fetch8(cpu);
	u32 mod = m >> 6, rm = m & 7;
	unsigned int seg = VPX86_DS;
	const u32 *r = cpu->gpr;
	u32 off, sib, base, idx;

	if (mod == 3) {
		cpu->ea_is_reg = 1;
		cpu->ea_reg = rm;
		return m;
	}
	cpu->ea_is_reg = 0;
	if (cpu->adsize == 2) {
		switch (rm) {
		case 0:
			off = r[VPX86_EBX] + r[VPX86_ESI];
			break;
		case 1:
			off = r[VPX86_EBX] + r[VPX86_EDI];
			break;
		case 2:
			off = r[VPX86_EBP] + r[VPX86_ESI];
			seg = VPX86_SS;
			break;
		case 3:
			off = r[VPX86_EBP] + r[VPX86_EDI];
			seg = VPX86_SS;
			break;
		case 4:
			off = r[VPX86_ESI];
			break;
		case 5:
			off = r[VPX86_EDI];
			break;
		case 6:
			if (mod == 0) {
				off = fetch16(cpu);
			} else {
				off = r[VPX86_EBP];
				seg = VPX86_SS;
			}
			break;
		default:
			off = r[VPX86_EBX];
			break;
		}
		if (mod == 1)
			off += (u32)(s32)(s8)fetch8(cpu);
		else if (mod == 2)
			off += fetch16(cpu);
		off &= 0xffff;
	} else {
		if (rm == 4) {
			sib = fetch8(cpu);
			base = sib & 7;
			idx = (sib >> 3) & 7;
			if (base == 5 && mod == 0) {
				off = fetch32(cpu);
			} else {
				off = r[base];
				if (base == VPX86_ESP || base == VPX86_EBP)
					seg = VPX86_SS;
			}
			if (idx != 4)
				off += r[idx] << (sib >> 6);
		} else if (rm == 5 && mod == 0) {
			off = fetch32(cpu);
		} else {
			off = r[rm];
			if (rm == VPX86_EBP)
				seg = VPX86_SS;
		}
		if (mod == 1)
			off += (u32)(s32)(s8)fetch8(cpu);
		else if (mod == 2)
			off += fetch32(cpu);
	}
	cpu->ea_seg = cpu->seg >= 0 ? (unsigned int)cpu->seg : seg;
	cpu->ea_off = off;
	return m;
}

/* ---- control transfers ---- */

/* Load CS:IP; reaching the stop address ends the run. */
void vpx86_far_jump(struct vpx86 *cpu, u32 cs, u32 ip)
{
	cpu->sreg[VPX86_CS] = (u16)cs;
	cpu->ip = ip;
	if (cpu->stop_set && ip <= 0xffff && ((cs & 0xffff) << 16 | ip) == cpu->stop_addr)
		vpx86_fail(cpu, VPX86_HALTED);
}

/* A near jump: with a 16-bit operand size IP wraps at 64K. */
static inline void near_jump(struct vpx86 *cpu, u32 target)
{
	cpu->ip = cpu->opsize == 2 ? target & 0xffff : target;
}

/*
 * Deliver an interrupt: the embedder's hook first, then the real-mode IVT.
 * Exceptions (faults) return to the faulting instruction.
 */
void vpx86_interrupt(struct vpx86 *cpu, unsigned int vector, unsigned int kind)
{
	const struct vpx86_ops *ops = cpu->ops;
	u32 ret = kind == VPX86_INT_EXCEPTION ? cpu->start_ip : cpu->ip;
	u32 ip, cs;
	int r;

	if (ops && ops->intr) {
		cpu->eip = ret;
		r = ops->intr(cpu, vector, kind);
		if (r == VPX86_INTR_DONE) {
			if (kind == VPX86_INT_EXCEPTION) {
				cpu->fault_vector = vector;
				vpx86_fail(cpu, VPX86_ERR_EXCEPTION);
			} else {
				cpu->ip = cpu->eip;
			}
			return;
		}
		if (r < 0) {
			cpu->fault_vector = vector;
			vpx86_fail(cpu, VPX86_ERR_INTR);
			return;
		}
	}
	/* the vector is read before the pushes (which may overwrite it) */
	ip = mem_rd(cpu, vector * 4, 2);
	cs = mem_rd(cpu, vector * 4 + 2, 2);
	push(cpu, 2, cpu->eflags);
	push(cpu, 2, cpu->sreg[VPX86_CS]);
	push(cpu, 2, ret);
	cpu->eflags &= ~(FL_IF | FL_TF | FL_AC);
	vpx86_far_jump(cpu, cs, ip);
}

/* ---- the one-byte opcodes ---- */

static void undefined(struct vpx86 *cpu)
{
	vpx86_fail(cpu, VPX86_ERR_UNDEFINED);
}

/* ALU r/m,reg / reg,r/m / acc,imm: opcodes 00-3D with (op & 7) < 6. */
static inline void op_alu(struct vpx86 *cpu, unsigned int op)
{
	unsigned int aop = (op >> 3) & 7;
	unsigned int size = (op & 1) ? cpu->opsize : 1;
	unsigned int reg;
	u32 a, r;

	switch (op & 7) {
	case 0:
	case 1:
		reg = (vpx86_modrm(cpu) >> 3) & 7;
		a = rm_get(cpu, size);
		r = alu_op(cpu, aop, a, reg_get(cpu, reg, size), size);
		if (aop != 7)
			rm_set(cpu, size, r);
		break;
	case 2:
	case 3:
		reg = (vpx86_modrm(cpu) >> 3) & 7;
		a = rm_get(cpu, size);
		r = alu_op(cpu, aop, reg_get(cpu, reg, size), a, size);
		if (aop != 7)
			reg_set(cpu, reg, size, r);
		break;
	default:
		a = fetch_imm(cpu, size);
		r = alu_op(cpu, aop, reg_get(cpu, VPX86_EAX, size), a, size);
		if (aop != 7)
			reg_set(cpu, VPX86_EAX, size, r);
		break;
	}
}

/* Group 1: 80, 81, 82, 83. */
static inline void op_grp1(struct vpx86 *cpu, unsigned int op)
{
	unsigned int size = (op & 1) ? cpu->opsize : 1;
	unsigned int aop = (vpx86_modrm(cpu) >> 3) & 7;
	u32 a = rm_get(cpu, size);
	u32 b, r;

	if (op == 0x83)
		b = (u32)(s32)(s8)fetch8(cpu) & sz_mask(size);
	else
		b = fetch_imm(cpu, size);
	r = alu_op(cpu, aop, a, b, size);
	if (aop != 7)
		rm_set(cpu, size, r);
}

/* 8C, 8E: segment register moves. */
static void op_mov_sreg(struct vpx86 *cpu, unsigned int op)
{
	unsigned int sr = (vpx86_modrm(cpu) >> 3) & 7;

	if (sr > VPX86_GS || (op == 0x8e && sr == VPX86_CS)) {
		undefined(cpu);
		return;
	}
	if (op == 0x8c) {
		if (cpu->ea_is_reg)
			reg_set(cpu, cpu->ea_reg, cpu->opsize, cpu->sreg[sr]);
		else
			seg_wr(cpu, cpu->ea_seg, cpu->ea_off, 2, cpu->sreg[sr]);
	} else {
		cpu->sreg[sr] = (u16)rm_get(cpu, 2);
	}
}

/* C4 LES, C5 LDS (and 0F B2/B4/B5 through vpx86_op_0f). */
static void op_load_far(struct vpx86 *cpu, unsigned int sr)
{
	unsigned int reg = (vpx86_modrm(cpu) >> 3) & 7;
	u32 off, sel;

	if (cpu->ea_is_reg) {
		undefined(cpu);
		return;
	}
	off = seg_rd(cpu, cpu->ea_seg, cpu->ea_off, cpu->opsize);
	sel = seg_rd(cpu, cpu->ea_seg, cpu->ea_off + cpu->opsize, 2);
	if (cpu->status)
		return;
	reg_set(cpu, reg, cpu->opsize, off);
	cpu->sreg[sr] = (u16)sel;
}

static void op_pusha(struct vpx86 *cpu)
{
	unsigned int size = cpu->opsize;
	u32 sp = cpu->gpr[VPX86_ESP];
	unsigned int r;

	for (r = 0; r < 8; r++)
		push(cpu, size, r == VPX86_ESP ? sp : cpu->gpr[r]);
}

static void op_popa(struct vpx86 *cpu)
{
	unsigned int size = cpu->opsize;
	int r;
	u32 v;

	for (r = 7; r >= 0; r--) {
		v = pop(cpu, size);
		if (r != VPX86_ESP)
			reg_set(cpu, r, size, v);
	}
}

static void op_bound(struct vpx86 *cpu)
{
	unsigned int size = cpu->opsize;
	unsigned int reg = (vpx86_modrm(cpu) >> 3) & 7;
	s32 idx, lo, hi;

	if (cpu->ea_is_reg) {
		undefined(cpu);
		return;
	}
	if (size == 2) {
		idx = (s16)reg_get(cpu, reg, 2);
		lo = (s16)seg_rd(cpu, cpu->ea_seg, cpu->ea_off, 2);
		hi = (s16)seg_rd(cpu, cpu->ea_seg, cpu->ea_off + 2, 2);
	} else {
		idx = (s32)reg_get(cpu, reg, 4);
		lo = (s32)seg_rd(cpu, cpu->ea_seg, cpu->ea_off, 4);
		hi = (s32)seg_rd(cpu, cpu->ea_seg, cpu->ea_off + 4, 4);
	}
	if (!cpu->status && (idx < lo || idx > hi))
		vpx86_interrupt(cpu, 5, VPX86_INT_EXCEPTION);
}

static void op_popf(struct vpx86 *cpu)
{
	u32 mask = cpu->opsize == 4 ? FL_POPF32 : FL_POPF16;
	u32 v = pop(cpu, cpu->opsize);

	cpu->eflags = (cpu->eflags & ~mask) | (v & mask) | 2;
}

static void op_iret(struct vpx86 *cpu)
{
	unsigned int size = cpu->opsize;
	u32 mask = size == 4 ? FL_POPF32 : FL_POPF16;
	u32 ip = pop(cpu, size);
	u32 cs = pop(cpu, size);
	u32 fl = pop(cpu, size);

	cpu->eflags = (cpu->eflags & ~mask) | (fl & mask) | 2;
	vpx86_far_jump(cpu, cs & 0xffff, ip);
}

static void op_ret_far(struct vpx86 *cpu, u32 imm)
{
	unsigned int size = cpu->opsize;
	u32 ip = pop(cpu, size);
	u32 cs = pop(cpu, size);
	u32 *sp = &cpu->gpr[VPX86_ESP];

	*sp = (*sp & 0xffff0000u) | ((*sp + imm) & 0xffff);
	vpx86_far_jump(cpu, cs & 0xffff, ip);
}

/* LOOPNE, LOOPE, LOOP, JCXZ: the count register follows the address size. */
static void op_loop(struct vpx86 *cpu, unsigned int op)
{
	u32 am = cpu->adsize == 4 ? 0xffffffffu : 0xffff;
	u32 disp = (u32)(s32)(s8)fetch8(cpu);
	u32 *c = &cpu->gpr[VPX86_ECX];
	u32 n;
	int take;

	if (op == 0xe3) {
		take = (*c & am) == 0;
	} else {
		n = (*c - 1) & am;
		*c = (*c & ~am) | n;
		take = n != 0;
		if (op == 0xe0)
			take = take && !(cpu->eflags & FL_ZF);
		else if (op == 0xe1)
			take = take && (cpu->eflags & FL_ZF);
	}
	if (take)
		near_jump(cpu, cpu->ip + disp);
}

static void op_grp5(struct vpx86 *cpu, unsigned int size)
{
	unsigned int sub = (vpx86_modrm(cpu) >> 3) & 7;
	u32 v, sel;

	switch (sub) {
	case 0:
		rm_set(cpu, size, alu_inc(cpu, rm_get(cpu, size), size));
		return;
	case 1:
		rm_set(cpu, size, alu_dec(cpu, rm_get(cpu, size), size));
		return;
	}
	if (size == 1 || sub == 7 || ((sub == 3 || sub == 5) && cpu->ea_is_reg)) {
		undefined(cpu);
		return;
	}
	v = rm_get(cpu, size);
	if (cpu->status)
		return;
	switch (sub) {
	case 2:
		push(cpu, size, cpu->ip);
		near_jump(cpu, v);
		break;
	case 3:
		sel = seg_rd(cpu, cpu->ea_seg, cpu->ea_off + size, 2);
		if (cpu->status)
			return;
		push(cpu, size, cpu->sreg[VPX86_CS]);
		push(cpu, size, cpu->ip);
		vpx86_far_jump(cpu, sel, v);
		break;
	case 4:
		near_jump(cpu, v);
		break;
	case 5:
		sel = seg_rd(cpu, cpu->ea_seg, cpu->ea_off + size, 2);
		if (!cpu->status)
			vpx86_far_jump(cpu, sel, v);
		break;
	default:
		push(cpu, size, v);
		break;
	}
}

/* Decode and execute one instruction. */
static void step(struct vpx86 *cpu)
{
	unsigned int op, size, reg, nprefix = 0;
	const u8 *page;
	u32 ip = cpu->eip, lin, a, b;

	if (X_UNLIKELY(ip > 0xffff)) {
		cpu->start_ip = ip;
		vpx86_limit_fault(cpu, ip);
		return;
	}
	cpu->start_ip = ip;
	cpu->ip = ip;
	cpu->opsize = 2;
	cpu->adsize = 2;
	cpu->seg = -1;
	cpu->rep = 0;
	lin = (seg_base(cpu, VPX86_CS) + ip) & 0xfffff;
	page = cpu->rd_map[lin >> VPX86_PAGE_SHIFT];
	if (X_LIKELY(page && (lin & (VPX86_PAGE_SIZE - 1)) <= VPX86_PAGE_SIZE - 32 &&
		     ip <= 0xffff - 32))
		cpu->pc = page + (lin & (VPX86_PAGE_SIZE - 1));
	else
		cpu->pc = (const u8 *)0;

again:
	op = fetch8(cpu);
	switch (op) {
	case 0x00 ... 0x05:
	case 0x08 ... 0x0d:
	case 0x10 ... 0x15:
	case 0x18 ... 0x1d:
	case 0x20 ... 0x25:
	case 0x28 ... 0x2d:
	case 0x30 ... 0x35:
	case 0x38 ... 0x3d:
		op_alu(cpu, op);
		break;
	case 0x06:
	case 0x0e:
	case 0x16:
	case 0x1e:
		push(cpu, cpu->opsize, cpu->sreg[op >> 3]);
		break;
	case 0x07:
	case 0x17:
	case 0x1f:
		a = pop(cpu, cpu->opsize);
		if (!cpu->status)
			cpu->sreg[op >> 3] = (u16)a;
		break;
	case 0x0f:
		vpx86_op_0f(cpu);
		break;
	case 0x26:
	case 0x2e:
	case 0x36:
	case 0x3e:
		cpu->seg = (op >> 3) & 3;
		goto prefix;
	case 0x27:
	case 0x2f:
	case 0x37:
	case 0x3f:
		vpx86_op_bcd(cpu, op);
		break;
	case 0x40 ... 0x47:
		reg_set(cpu, op & 7, cpu->opsize,
			alu_inc(cpu, reg_get(cpu, op & 7, cpu->opsize), cpu->opsize));
		break;
	case 0x48 ... 0x4f:
		reg_set(cpu, op & 7, cpu->opsize,
			alu_dec(cpu, reg_get(cpu, op & 7, cpu->opsize), cpu->opsize));
		break;
	case 0x50 ... 0x57:
		push(cpu, cpu->opsize, cpu->gpr[op & 7]);
		break;
	case 0x58 ... 0x5f:
		a = pop(cpu, cpu->opsize);
		reg_set(cpu, op & 7, cpu->opsize, a);
		break;
	case 0x60:
		op_pusha(cpu);
		break;
	case 0x61:
		op_popa(cpu);
		break;
	case 0x62:
		op_bound(cpu);
		break;
	case 0x64:
	case 0x65:
		cpu->seg = op - 0x60;
		goto prefix;
	case 0x66:
		cpu->opsize = 4;
		goto prefix;
	case 0x67:
		cpu->adsize = 4;
		goto prefix;
	case 0x68:
		push(cpu, cpu->opsize, fetch_imm(cpu, cpu->opsize));
		break;
	case 0x69:
		vpx86_op_imul3(cpu, cpu->opsize);
		break;
	case 0x6a:
		push(cpu, cpu->opsize, (u32)(s32)(s8)fetch8(cpu));
		break;
	case 0x6b:
		vpx86_op_imul3(cpu, 1);
		break;
	case 0x6c ... 0x6f:
	case 0xa4 ... 0xa7:
	case 0xaa ... 0xaf:
		vpx86_op_string(cpu, op);
		break;
	case 0x70 ... 0x7f:
		a = (u32)(s32)(s8)fetch8(cpu);
		if (cond_true(cpu->eflags, op))
			near_jump(cpu, cpu->ip + a);
		break;
	case 0x80 ... 0x83:
		op_grp1(cpu, op);
		break;
	case 0x84:
	case 0x85:
		size = (op & 1) ? cpu->opsize : 1;
		reg = (vpx86_modrm(cpu) >> 3) & 7;
		alu_logic(cpu, rm_get(cpu, size) & reg_get(cpu, reg, size), size);
		break;
	case 0x86:
	case 0x87:
		size = (op & 1) ? cpu->opsize : 1;
		reg = (vpx86_modrm(cpu) >> 3) & 7;
		a = rm_get(cpu, size);
		if (cpu->status)
			break;
		rm_set(cpu, size, reg_get(cpu, reg, size));
		reg_set(cpu, reg, size, a);
		break;
	case 0x88:
	case 0x89:
		size = (op & 1) ? cpu->opsize : 1;
		reg = (vpx86_modrm(cpu) >> 3) & 7;
		rm_set(cpu, size, reg_get(cpu, reg, size));
		break;
	case 0x8a:
	case 0x8b:
		size = (op & 1) ? cpu->opsize : 1;
		reg = (vpx86_modrm(cpu) >> 3) & 7;
		a = rm_get(cpu, size);
		reg_set(cpu, reg, size, a);
		break;
	case 0x8c:
	case 0x8e:
		op_mov_sreg(cpu, op);
		break;
	case 0x8d:
		reg = (vpx86_modrm(cpu) >> 3) & 7;
		if (cpu->ea_is_reg)
			undefined(cpu);
		else
			reg_set(cpu, reg, cpu->opsize, cpu->ea_off);
		break;
	case 0x8f:
		reg = (vpx86_modrm(cpu) >> 3) & 7;
		if (reg) {
			undefined(cpu);
			break;
		}
		a = pop(cpu, cpu->opsize);
		rm_set(cpu, cpu->opsize, a);
		break;
	case 0x90:
		break;
	case 0x91 ... 0x97:
		size = cpu->opsize;
		a = reg_get(cpu, op & 7, size);
		reg_set(cpu, op & 7, size, reg_get(cpu, VPX86_EAX, size));
		reg_set(cpu, VPX86_EAX, size, a);
		break;
	case 0x98:
		if (cpu->opsize == 2)
			reg_set(cpu, VPX86_EAX, 2, (u32)(s32)(s8)cpu->gpr[VPX86_EAX]);
		else
			cpu->gpr[VPX86_EAX] = (u32)(s32)(s16)cpu->gpr[VPX86_EAX];
		break;
	case 0x99:
		size = cpu->opsize;
		a = (reg_get(cpu, VPX86_EAX, size) & sz_msb(size)) ? 0xffffffffu : 0;
		reg_set(cpu, VPX86_EDX, size, a);
		break;
	case 0x9a:
		a = fetch_imm(cpu, cpu->opsize);
		b = fetch16(cpu);
		push(cpu, cpu->opsize, cpu->sreg[VPX86_CS]);
		push(cpu, cpu->opsize, cpu->ip);
		vpx86_far_jump(cpu, b, a);
		break;
	case 0x9b:
		break;
	case 0x9c:
		push(cpu, cpu->opsize, cpu->eflags & 0xfcffffu);
		break;
	case 0x9d:
		op_popf(cpu);
		break;
	case 0x9e:
		cpu->eflags = (cpu->eflags & ~0xd5u) | ((cpu->gpr[VPX86_EAX] >> 8) & 0xd5) | 2;
		break;
	case 0x9f:
		reg_set(cpu, 4, 1, (cpu->eflags & 0xd5) | 2);
		break;
	case 0xa0 ... 0xa3:
		size = (op & 1) ? cpu->opsize : 1;
		a = fetch_imm(cpu, cpu->adsize);
		b = cpu->seg >= 0 ? (unsigned int)cpu->seg : VPX86_DS;
		if (op & 2) {
			seg_wr(cpu, b, a, size, reg_get(cpu, VPX86_EAX, size));
		} else {
			a = seg_rd(cpu, b, a, size);
			reg_set(cpu, VPX86_EAX, size, a);
		}
		break;
	case 0xa8:
	case 0xa9:
		size = (op & 1) ? cpu->opsize : 1;
		alu_logic(cpu, reg_get(cpu, VPX86_EAX, size) & fetch_imm(cpu, size), size);
		break;
	case 0xb0 ... 0xb7:
		reg_set(cpu, op & 7, 1, fetch8(cpu));
		break;
	case 0xb8 ... 0xbf:
		reg_set(cpu, op & 7, cpu->opsize, fetch_imm(cpu, cpu->opsize));
		break;
	case 0xc0:
	case 0xc1:
		vpx86_op_shift(cpu, (op & 1) ? cpu->opsize : 1, 2);
		break;
	case 0xc2:
		b = fetch16(cpu);
		a = pop(cpu, cpu->opsize);
		cpu->gpr[VPX86_ESP] = (cpu->gpr[VPX86_ESP] & 0xffff0000u) |
				      ((cpu->gpr[VPX86_ESP] + b) & 0xffff);
		near_jump(cpu, a);
		break;
	case 0xc3:
		near_jump(cpu, pop(cpu, cpu->opsize));
		break;
	case 0xc4:
		op_load_far(cpu, VPX86_ES);
		break;
	case 0xc5:
		op_load_far(cpu, VPX86_DS);
		break;
	case 0xc6:
	case 0xc7:
		size = (op & 1) ? cpu->opsize : 1;
		if ((vpx86_modrm(cpu) >> 3) & 7) {
			undefined(cpu);
			break;
		}
		rm_set(cpu, size, fetch_imm(cpu, size));
		break;
	case 0xc8:
		vpx86_op_enter(cpu);
		break;
	case 0xc9:
		cpu->gpr[VPX86_ESP] = (cpu->gpr[VPX86_ESP] & 0xffff0000u) |
				      (cpu->gpr[VPX86_EBP] & 0xffff);
		a = pop(cpu, cpu->opsize);
		reg_set(cpu, VPX86_EBP, cpu->opsize, a);
		break;
	case 0xca:
		op_ret_far(cpu, fetch16(cpu));
		break;
	case 0xcb:
		op_ret_far(cpu, 0);
		break;
	case 0xcc:
		vpx86_interrupt(cpu, 3, VPX86_INT_INT3);
		break;
	case 0xcd:
		vpx86_interrupt(cpu, fetch8(cpu), VPX86_INT_SOFT);
		break;
	case 0xce:
		if (cpu->eflags & FL_OF)
			vpx86_interrupt(cpu, 4, VPX86_INT_INTO);
		break;
	case 0xcf:
		op_iret(cpu);
		break;
	case 0xd0:
	case 0xd1:
		vpx86_op_shift(cpu, (op & 1) ? cpu->opsize : 1, 0);
		break;
	case 0xd2:
	case 0xd3:
		vpx86_op_shift(cpu, (op & 1) ? cpu->opsize : 1, 1);
		break;
	case 0xd4:
	case 0xd5:
		vpx86_op_bcd(cpu, op);
		break;
	case 0xd6:
		/* SALC, undocumented but on every Intel CPU */
		reg_set(cpu, VPX86_EAX, 1, (cpu->eflags & FL_CF) ? 0xff : 0);
		break;
	case 0xd7:
		a = cpu->adsize == 4 ? cpu->gpr[VPX86_EBX] : cpu->gpr[VPX86_EBX] & 0xffff;
		a = (a + (cpu->gpr[VPX86_EAX] & 0xff)) & (cpu->adsize == 4 ? 0xffffffffu : 0xffff);
		b = cpu->seg >= 0 ? (unsigned int)cpu->seg : VPX86_DS;
		a = seg_rd(cpu, b, a, 1);
		reg_set(cpu, VPX86_EAX, 1, a);
		break;
	case 0xd8 ... 0xdf:
		vpx86_fail(cpu, VPX86_ERR_FPU);
		break;
	case 0xe0 ... 0xe3:
		op_loop(cpu, op);
		break;
	case 0xe4 ... 0xe7:
	case 0xec ... 0xef:
		vpx86_op_io(cpu, op);
		break;
	case 0xe8:
		a = fetch_imm(cpu, cpu->opsize);
		if (cpu->opsize == 2)
			a = (u32)(s32)(s16)a;
		push(cpu, cpu->opsize, cpu->ip);
		near_jump(cpu, cpu->ip + a);
		break;
	case 0xe9:
		a = fetch_imm(cpu, cpu->opsize);
		if (cpu->opsize == 2)
			a = (u32)(s32)(s16)a;
		near_jump(cpu, cpu->ip + a);
		break;
	case 0xea:
		a = fetch_imm(cpu, cpu->opsize);
		b = fetch16(cpu);
		vpx86_far_jump(cpu, b, a);
		break;
	case 0xeb:
		a = (u32)(s32)(s8)fetch8(cpu);
		near_jump(cpu, cpu->ip + a);
		break;
	case 0xf0:
		goto prefix;
	case 0xf2:
	case 0xf3:
		cpu->rep = op;
		goto prefix;
	case 0xf4:
		vpx86_fail(cpu, VPX86_HALTED);
		break;
	case 0xf5:
		cpu->eflags ^= FL_CF;
		break;
	case 0xf6:
		vpx86_op_grp3(cpu, 1);
		break;
	case 0xf7:
		vpx86_op_grp3(cpu, cpu->opsize);
		break;
	case 0xf8:
		cpu->eflags &= ~FL_CF;
		break;
	case 0xf9:
		cpu->eflags |= FL_CF;
		break;
	case 0xfa:
		cpu->eflags &= ~FL_IF;
		break;
	case 0xfb:
		cpu->eflags |= FL_IF;
		break;
	case 0xfc:
		cpu->eflags &= ~FL_DF;
		break;
	case 0xfd:
		cpu->eflags |= FL_DF;
		break;
	case 0xfe:
		op_grp5(cpu, 1);
		break;
	case 0xff:
		op_grp5(cpu, cpu->opsize);
		break;
	default:
		/* 63 (ARPL), F1 (ICEBP) */
		undefined(cpu);
		break;
	}
	cpu->eip = cpu->ip;
	if (X_LIKELY(cpu->status == VPX86_RUNNING || cpu->status == VPX86_HALTED))
		cpu->icount++;
	return;

prefix:
	if (X_LIKELY(++nprefix < 15))
		goto again;
	undefined(cpu);
}

/* Copy the first bytes of the failing instruction into fault_bytes. */
static void record_fault_bytes(struct vpx86 *cpu)
{
	u32 base = seg_base(cpu, VPX86_CS);
	u32 ip = cpu->fault_eip, lin, i;
	const u8 *page;

	cpu->fault_len = 0;
	if (ip > 0xffff)
		return;
	for (i = 0; i < sizeof(cpu->fault_bytes); i++) {
		lin = (base + ((ip + i) & 0xffff)) & 0xfffff;
		page = cpu->rd_map[lin >> VPX86_PAGE_SHIFT];
		if (!page)
			break;
		cpu->fault_bytes[i] = page[lin & (VPX86_PAGE_SIZE - 1)];
		cpu->fault_len = i + 1;
	}
}

/* The end of a run: the status, and the fault record of an error. */
static enum vpx86_status finish(struct vpx86 *cpu)
{
	if (cpu->status == VPX86_RUNNING) {
		cpu->status = VPX86_BUDGET;
	} else if (cpu->status != VPX86_HALTED) {
		cpu->eip = cpu->fault_eip;
		record_fault_bytes(cpu);
	}
	return cpu->status;
}

/**
 * vpx86_run() - execute guest code from CS:EIP
 * @cpu: the CPU, set up with vpx86_init()
 * @budget: the most instructions to execute (each iteration of a REP
 *	string instruction counts as one)
 *
 * Runs until HLT, a far transfer to the stop address, an error or the end
 * of the budget. On VPX86_BUDGET the state is consistent (an interrupted
 * REP instruction resumes where it stopped) and the embedder may yield and
 * call vpx86_run() again. On an error CS:EIP address the failing
 * instruction and the fault_* fields say what failed.
 *
 * Context: any; never sleeps (unless a callback does), allocates nothing;
 * uses well under 512 bytes of stack besides the callbacks.
 * Return: the reason it stopped, also left in cpu->status.
 */
enum vpx86_status vpx86_run(struct vpx86 *cpu, unsigned long budget)
{
	cpu->status = VPX86_RUNNING;
	cpu->budget = budget;
	while (cpu->budget) {
		cpu->budget--;
		step(cpu);
		if (X_UNLIKELY(cpu->status != VPX86_RUNNING))
			break;
	}
	return finish(cpu);
}

/**
 * vpx86_step() - execute exactly one instruction
 * @cpu: the CPU, set up with vpx86_init()
 *
 * As vpx86_run() with a budget of one instruction, except that a REP
 * string instruction runs to its end (its iterations are not bounded), as
 * a tracer or a differential test wants it.
 *
 * Return: VPX86_BUDGET after a complete instruction, or why it stopped.
 */
enum vpx86_status vpx86_step(struct vpx86 *cpu)
{
	cpu->status = VPX86_RUNNING;
	cpu->budget = ~0ul;
	step(cpu);
	return finish(cpu);
}

/**
 * vpx86_init() - reset a CPU and attach the embedder's callbacks
 * @cpu: the CPU to set up
 * @ops: the callbacks (kept, not copied)
 * @priv: the embedder's pointer, left in cpu->priv
 *
 * Zeroes every register and the memory map; EFLAGS is 0x2 (interrupts
 * disabled), CS:IP 0000:0000. The embedder then maps memory, sets SS:SP
 * and the other registers, prepares a call and runs it.
 */
void vpx86_init(struct vpx86 *cpu, const struct vpx86_ops *ops, void *priv)
{
	__builtin_memset(cpu, 0, sizeof(*cpu));
	cpu->ops = ops;
	cpu->priv = priv;
	cpu->eflags = 2;
	cpu->seg = -1;
	cpu->opsize = 2;
	cpu->adsize = 2;
}

/**
 * vpx86_map() - map host memory for direct access
 * @cpu: the CPU
 * @addr: the linear start address, a multiple of VPX86_PAGE_SIZE
 * @len: the length, a multiple of VPX86_PAGE_SIZE, within the 1 MiB
 * @host: the host memory (@len bytes), or NULL to unmap (callbacks again)
 * @flags: VPX86_MAP_READ and/or VPX86_MAP_WRITE
 *
 * A page mapped for reading is read (data and code) straight from @host;
 * one mapped for writing is written straight to @host. Other accesses go
 * to the mem_read and mem_write callbacks: a read-only ROM is mapped with
 * VPX86_MAP_READ alone, MMIO ranges are left to the callbacks.
 *
 * Return: 0, or -1 if the range is not page aligned or past 1 MiB.
 */
int vpx86_map(struct vpx86 *cpu, unsigned int addr, unsigned int len,
	      unsigned char *host, unsigned int flags)
{
	unsigned int i, first = addr >> VPX86_PAGE_SHIFT;
	unsigned int n = len >> VPX86_PAGE_SHIFT;

	if ((addr | len) & (VPX86_PAGE_SIZE - 1) || first > VPX86_PAGES ||
	    n > VPX86_PAGES - first)
		return -1;
	for (i = 0; i < n; i++) {
		unsigned char *p = host ? host + (i << VPX86_PAGE_SHIFT) : (unsigned char *)0;

		cpu->rd_map[first + i] = (flags & VPX86_MAP_READ) ? p : (unsigned char *)0;
		cpu->wr_map[first + i] = (flags & VPX86_MAP_WRITE) ? p : (unsigned char *)0;
	}
	return 0;
}

/**
 * vpx86_set_stop() - set the stop address
 * @cpu: the CPU
 * @cs: its segment
 * @ip: its offset
 *
 * A far return, IRET, far jump or far call (or an interrupt) that lands on
 * @cs:@ip ends vpx86_run() with VPX86_HALTED, CS:EIP at the stop address:
 * an embedder pushes it as the return address of the call it makes.
 */
void vpx86_set_stop(struct vpx86 *cpu, unsigned short cs, unsigned short ip)
{
	cpu->stop_addr = (u32)cs << 16 | ip;
	cpu->stop_set = 1;
}

/**
 * vpx86_push16() - push a word on the guest stack (SS:SP)
 * @cpu: the CPU
 * @val: the word
 *
 * Return: 0, or -1 if the mem_write callback refused the address.
 */
int vpx86_push16(struct vpx86 *cpu, unsigned short val)
{
	enum vpx86_status saved = cpu->status;
	int ret;

	cpu->status = VPX86_RUNNING;
	push(cpu, 2, val);
	ret = cpu->status == VPX86_RUNNING ? 0 : -1;
	cpu->status = saved;
	return ret;
}

/**
 * vpx86_prepare_int() - set up a software interrupt as if INT @vector ran
 * @cpu: the CPU, with SS:SP and the call's registers set
 * @vector: the interrupt vector (the IVT entry is read now)
 * @ret_cs: the segment the interrupt returns to
 * @ret_ip: the offset it returns to
 *
 * Pushes FLAGS, @ret_cs and @ret_ip, clears IF and TF and loads CS:IP from
 * the IVT. The embedder points the return address at an HLT or at the stop
 * address (vpx86_set_stop()) and calls vpx86_run().
 *
 * Return: 0, or -1 if the stack or the IVT could not be accessed.
 */
int vpx86_prepare_int(struct vpx86 *cpu, unsigned int vector,
		      unsigned short ret_cs, unsigned short ret_ip)
{
	enum vpx86_status saved = cpu->status;
	u32 ip, cs;
	int ret;

	cpu->status = VPX86_RUNNING;
	push(cpu, 2, cpu->eflags);
	push(cpu, 2, ret_cs);
	push(cpu, 2, ret_ip);
	ip = mem_rd(cpu, (vector & 0xff) * 4, 2);
	cs = mem_rd(cpu, (vector & 0xff) * 4 + 2, 2);
	cpu->eflags &= ~(FL_IF | FL_TF | FL_AC);
	cpu->sreg[VPX86_CS] = (u16)cs;
	cpu->eip = ip;
	ret = cpu->status == VPX86_RUNNING ? 0 : -1;
	cpu->status = saved;
	return ret;
}

/**
 * vpx86_prepare_far_call() - set up a far call as if CALL FAR ran
 * @cpu: the CPU, with SS:SP and the call's registers set
 * @cs: the segment called
 * @ip: the offset called
 * @ret_cs: the segment the RETF returns to
 * @ret_ip: the offset it returns to
 *
 * Pushes @ret_cs and @ret_ip and loads CS:IP (an option ROM's init entry
 * is called this way, at C000:0003).
 *
 * Return: 0, or -1 if the stack could not be written.
 */
int vpx86_prepare_far_call(struct vpx86 *cpu, unsigned short cs,
			   unsigned short ip, unsigned short ret_cs,
			   unsigned short ret_ip)
{
	if (vpx86_push16(cpu, ret_cs) || vpx86_push16(cpu, ret_ip))
		return -1;
	cpu->sreg[VPX86_CS] = cs;
	cpu->eip = ip;
	return 0;
}

/**
 * vpx86_read() - read guest memory as the CPU does
 * @cpu: the CPU
 * @addr: the linear address (taken modulo 1 MiB)
 * @size: 1, 2 or 4 bytes
 *
 * Return: the little-endian value; a refused callback read gives 0.
 */
unsigned int vpx86_read(struct vpx86 *cpu, unsigned int addr, unsigned int size)
{
	enum vpx86_status saved = cpu->status;
	u32 v;

	if (size != 1 && size != 2 && size != 4)
		return 0;
	cpu->status = VPX86_RUNNING;
	v = mem_rd(cpu, addr, size);
	cpu->status = saved;
	return v;
}

/**
 * vpx86_status_name() - a short name for a status
 * @status: the status
 *
 * Return: a static string, e.g. "undefined opcode".
 */
const char *vpx86_status_name(enum vpx86_status status)
{
	switch (status) {
	case VPX86_RUNNING:
		return "running";
	case VPX86_HALTED:
		return "halted";
	case VPX86_BUDGET:
		return "budget exhausted";
	case VPX86_ERR_UNDEFINED:
		return "undefined opcode";
	case VPX86_ERR_UNIMPLEMENTED:
		return "unimplemented instruction";
	case VPX86_ERR_FPU:
		return "FPU instruction (no FPU)";
	case VPX86_ERR_PORT:
		return "I/O port refused";
	case VPX86_ERR_MEMORY:
		return "memory access refused";
	case VPX86_ERR_LIMIT:
		return "offset beyond the 64 KiB segment limit";
	case VPX86_ERR_EXCEPTION:
		return "unhandled exception";
	case VPX86_ERR_INTR:
		return "interrupt hook failed";
	}
	return "unknown status";
}

/* A bounded string builder for vpx86_describe(). */
struct sbuf {
	char *buf;
	unsigned int size;
	unsigned int len;
};

static void sb_puts(struct sbuf *sb, const char *s)
{
	while (*s) {
		if (sb->len + 1 < sb->size)
			sb->buf[sb->len] = *s;
		sb->len++;
		s++;
	}
}

static void sb_hex(struct sbuf *sb, u32 v, int digits)
{
	static const char hex[] = "0123456789abcdef";
	char tmp[9];
	int i;

	if (digits < 1 || digits > 8)
		digits = 8;
	for (i = digits - 1; i >= 0; i--) {
		tmp[i] = hex[v & 0xf];
		v >>= 4;
	}
	tmp[digits] = 0;
	sb_puts(sb, tmp);
}

/**
 * vpx86_describe() - format the reason of the last stop
 * @cpu: the CPU after vpx86_run()
 * @buf: the buffer
 * @size: its size; the text is cut to fit and always terminated
 *
 * For example "undefined opcode at c000:1234 (bytes 0f 0b 90 ...)" or
 * "I/O port refused: port 0x3c8 at c000:0102 (bytes ee ...)".
 *
 * Return: the length of the full text (as snprintf does).
 */
unsigned int vpx86_describe(const struct vpx86 *cpu, char *buf, unsigned int size)
{
	struct sbuf sb = { buf, size, 0 };
	unsigned int i;

	sb_puts(&sb, vpx86_status_name(cpu->status));
	if (cpu->status < VPX86_ERR_UNDEFINED) {
		sb_puts(&sb, " at ");
		sb_hex(&sb, cpu->sreg[VPX86_CS], 4);
		sb_puts(&sb, ":");
		sb_hex(&sb, cpu->eip, cpu->eip > 0xffff ? 8 : 4);
		goto out;
	}
	if (cpu->status == VPX86_ERR_PORT) {
		sb_puts(&sb, ": port 0x");
		sb_hex(&sb, cpu->fault_port, 4);
	} else if (cpu->status == VPX86_ERR_MEMORY || cpu->status == VPX86_ERR_LIMIT) {
		sb_puts(&sb, cpu->status == VPX86_ERR_MEMORY ? ": address 0x" : ": offset 0x");
		sb_hex(&sb, cpu->fault_addr, cpu->status == VPX86_ERR_MEMORY ? 5 : 8);
	} else if (cpu->status == VPX86_ERR_EXCEPTION || cpu->status == VPX86_ERR_INTR) {
		sb_puts(&sb, ": vector 0x");
		sb_hex(&sb, cpu->fault_vector, 2);
	}
	sb_puts(&sb, " at ");
	sb_hex(&sb, cpu->fault_cs, 4);
	sb_puts(&sb, ":");
	sb_hex(&sb, cpu->fault_eip, cpu->fault_eip > 0xffff ? 8 : 4);
	if (cpu->fault_len) {
		sb_puts(&sb, " (bytes");
		for (i = 0; i < cpu->fault_len && i < 8; i++) {
			sb_puts(&sb, " ");
			sb_hex(&sb, cpu->fault_bytes[i], 2);
		}
		sb_puts(&sb, ")");
	}
out:
	if (size)
		buf[sb.len < size ? sb.len : size - 1] = 0;
	return sb.len;
}
