// SPDX-License-Identifier: GPL-2.0
/*
 * x86emu_ops.c - the real-mode interpreter's instruction groups: the
 * two-byte opcodes (0F xx), shifts and rotates, MUL/IMUL/DIV/IDIV, string
 * instructions, BCD adjustments, ENTER and port I/O. The flags they leave
 * where the manuals say "undefined" are listed at the top of x86emu.c.
 */

#include "x86emu_priv.h"

/* The CPUID answer: a 486DX2 with TSC, no FPU, vendor "GenuineIntel". */
#define CPUID_VENDOR_EBX	0x756e6547u	/* "Genu" */
#define CPUID_VENDOR_EDX	0x49656e69u	/* "ineI" */
#define CPUID_VENDOR_ECX	0x6c65746eu	/* "ntel" */
#define CPUID_SIGNATURE		0x00000435u	/* family 4, model 3, stepping 5 */
#define CPUID_FEATURES		0x00000010u	/* TSC */

/* ---- shifts and rotates: C0, C1, D0-D3 ---- */

static u32 do_shift(struct vpx86 *cpu, unsigned int op, u32 a, u32 count, unsigned int size)
{
	unsigned int bits = size * 8;
	u32 m = sz_mask(size), msb = sz_msb(size);
	u32 f = cpu->eflags, r, cf, c;

	switch (op) {
	case 0:	/* ROL */
		c = count & (bits - 1);
		r = c ? ((a << c) | (a >> (bits - c))) & m : a;
		cf = r & 1;
		f = (f & ~FL_CF) | cf;
		if (count == 1)
			f = (f & ~FL_OF) | ((((r & msb) != 0) ^ cf) ? FL_OF : 0);
		else if (c)
			f &= ~FL_OF;
		break;
	case 1:	/* ROR */
		c = count & (bits - 1);
		r = c ? ((a >> c) | (a << (bits - c))) & m : a;
		cf = (r & msb) != 0;
		f = (f & ~FL_CF) | cf;
		if (count == 1)
			f = (f & ~FL_OF) | ((cf ^ ((r & (msb >> 1)) != 0)) ? FL_OF : 0);
		else if (c)
			f &= ~FL_OF;
		break;
	case 2:	/* RCL */
		c = count % (bits + 1);
		if (!c)
			return a;
		cf = f & FL_CF;
		{
			u64 t = ((u64)cf << bits) | a;

			t = ((t << c) | (t >> (bits + 1 - c))) & (((u64)1 << (bits + 1)) - 1);
			r = (u32)t & m;
			cf = (u32)(t >> bits) & 1;
		}
		f = (f & ~(FL_CF | FL_OF)) | cf;
		if (c == 1 && (((r & msb) != 0) ^ cf))
			f |= FL_OF;
		break;
	case 3:	/* RCR */
		c = count % (bits + 1);
		if (!c)
			return a;
		cf = f & FL_CF;
		if (c == 1)
			f = (f & ~FL_OF) | ((((a & msb) != 0) ^ cf) ? FL_OF : 0);
		{
			u64 t = ((u64)cf << bits) | a;

			t = ((t >> c) | (t << (bits + 1 - c))) & (((u64)1 << (bits + 1)) - 1);
			r = (u32)t & m;
			cf = (u32)(t >> bits) & 1;
		}
		f = (f & ~FL_CF) | cf;
		break;
	case 4:	/* SHL */
	case 6:	/* SAL (undocumented alias) */
		r = count < bits ? (a << count) & m : 0;
		cf = count <= bits ? (a >> (bits - count)) & 1 : 0;
		f = (f & ~(FL_CF | FL_OF | FL_SF | FL_ZF | FL_PF)) | cf | flags_szp(r, size);
		if (count == 1 && (((r & msb) != 0) ^ cf))
			f |= FL_OF;
		break;
	case 5:	/* SHR */
		r = count < bits ? a >> count : 0;
		cf = count <= bits ? (a >> (count - 1)) & 1 : 0;
		f = (f & ~(FL_CF | FL_OF | FL_SF | FL_ZF | FL_PF)) | cf | flags_szp(r, size);
		if (count == 1 && (a & msb))
			f |= FL_OF;
		break;
	default:	/* SAR */
		if (count >= bits) {
			r = (a & msb) ? m : 0;
			cf = (a & msb) != 0;
		} else {
			r = a >> count;
			if (a & msb)
				r |= m & ~(m >> count);
			cf = (a >> (count - 1)) & 1;
		}
		f = (f & ~(FL_CF | FL_SF | FL_ZF | FL_PF)) | cf | flags_szp(r, size);
		if (count == 1)
			f &= ~FL_OF;
		break;
	}
	cpu->eflags = f;
	return r;
}

/* @src: 0 for a count of 1, 1 for CL, 2 for an imm8. */
void vpx86_op_shift(struct vpx86 *cpu, unsigned int size, unsigned int src)
{
	unsigned int op = (vpx86_modrm(cpu) >> 3) & 7;
	u32 count, a;

	if (src == 0)
		count = 1;
	else if (src == 1)
		count = cpu->gpr[VPX86_ECX] & 0xff;
	else
		count = fetch8(cpu);
	count &= 0x1f;
	a = rm_get(cpu, size);
	if (!count || cpu->status)
		return;
	rm_set(cpu, size, do_shift(cpu, op, a, count, size));
}

/* SHLD/SHRD: 0F A4, A5, AC, AD. */
static void op_shxd(struct vpx86 *cpu, unsigned int op)
{
	unsigned int size = cpu->opsize, bits = size * 8;
	unsigned int reg = (vpx86_modrm(cpu) >> 3) & 7;
	u32 m = sz_mask(size), msb = sz_msb(size);
	u32 count, a, b, r, cf, f;

	count = (op & 1) ? cpu->gpr[VPX86_ECX] & 0xff : fetch8(cpu);
	count &= 0x1f;
	a = rm_get(cpu, size);
	b = reg_get(cpu, reg, size);
	if (!count || cpu->status)
		return;
	if (op < 0xa8) {	/* SHLD */
		if (count <= bits) {
			r = ((a << count) | (u32)((u64)b >> (bits - count))) & m;
			cf = (a >> (bits - count)) & 1;
		} else {	/* 16-bit, 17..31: dest:src:dest */
			r = ((b << (count - 16)) | (a >> (32 - count))) & m;
			cf = (b >> (32 - count)) & 1;
		}
	} else {		/* SHRD */
		if (count <= bits) {
			r = ((a >> count) | (u32)((u64)b << (bits - count))) & m;
			cf = (a >> (count - 1)) & 1;
		} else {
			r = ((b >> (count - 16)) | (a << (32 - count))) & m;
			cf = (b >> (count - 17)) & 1;
		}
	}
	f = (cpu->eflags & ~(FL_CF | FL_OF | FL_SF | FL_ZF | FL_PF)) | cf | flags_szp(r, size);
	if (count == 1 && ((r ^ a) & msb))
		f |= FL_OF;
	cpu->eflags = f;
	rm_set(cpu, size, r);
}

/* ---- multiply and divide ---- */

/* Sign-extend the low @size bytes of @v. */
static inline s64 sext(u32 v, unsigned int size)
{
	if (size == 1)
		return (s8)v;
	if (size == 2)
		return (s16)v;
	return (s32)v;
}

/* IMUL's CF = OF: the product does not fit the destination. */
static void imul_flags(struct vpx86 *cpu, s64 p, unsigned int size)
{
	int ovf = sext((u32)p, size) != p;

	cpu->eflags = (cpu->eflags & ~(FL_CF | FL_OF)) | (ovf ? FL_CF | FL_OF : 0);
}

/* 69, 6B: IMUL reg, r/m, imm; @imm_size 1 is a sign-extended imm8. */
void vpx86_op_imul3(struct vpx86 *cpu, unsigned int imm_size)
{
	unsigned int size = cpu->opsize;
	unsigned int reg = (vpx86_modrm(cpu) >> 3) & 7;
	s64 a = sext(rm_get(cpu, size), size);
	s64 b = sext(fetch_imm(cpu, imm_size), imm_size);
	s64 p = a * b;

	if (cpu->status)
		return;
	imul_flags(cpu, p, size);
	reg_set(cpu, reg, size, (u32)p);
}

/* 64-by-32 unsigned division without relying on a libgcc helper. */
static inline u64 udiv64(u64 n, u32 d, u32 *rem)
{
	*rem = (u32)(n % d);
	return n / d;
}

static void divide(struct vpx86 *cpu, u32 s, unsigned int size, int sgn)
{
	u32 *ax = &cpu->gpr[VPX86_EAX], *dx = &cpu->gpr[VPX86_EDX];
	u64 n, q;
	u32 r;
	s64 sn, sd, sq, sr;

	if (size == 1)
		n = *ax & 0xffff;
	else if (size == 2)
		n = (*dx & 0xffff) << 16 | (*ax & 0xffff);
	else
		n = (u64)*dx << 32 | *ax;
	if (!s)
		goto fault;
	if (!sgn) {
		q = udiv64(n, s, &r);
		if (q > sz_mask(size))
			goto fault;
	} else {
		sd = sext(s, size);
		if (size == 4)
			sn = (s64)n;
		else
			sn = size == 1 ? (s16)n : (s32)n;
		if (size == 4 && sn == (s64)(1ull << 63) && sd == -1)
			goto fault;
		sq = sn / sd;
		sr = sn % sd;
		if (sq > (s64)(sz_msb(size) - 1) || sq < -(s64)sz_msb(size))
			goto fault;
		q = (u64)sq;
		r = (u32)sr;
	}
	if (size == 1) {
		*ax = (*ax & 0xffff0000u) | ((r & 0xff) << 8) | ((u32)q & 0xff);
	} else {
		reg_set(cpu, VPX86_EAX, size, (u32)q);
		reg_set(cpu, VPX86_EDX, size, r);
	}
	return;
fault:
	vpx86_interrupt(cpu, 0, VPX86_INT_EXCEPTION);
}

/* Group 3: F6, F7 (TEST, NOT, NEG, MUL, IMUL, DIV, IDIV). */
void vpx86_op_grp3(struct vpx86 *cpu, unsigned int size)
{
	unsigned int sub = (vpx86_modrm(cpu) >> 3) & 7;
	u32 a = rm_get(cpu, size), lo, hi, b;
	u64 p;
	s64 sp;

	switch (sub) {
	case 0:
	case 1:	/* TEST (/1 is an undocumented alias) */
		b = fetch_imm(cpu, size);
		alu_logic(cpu, a & b, size);
		return;
	}
	if (cpu->status)
		return;
	switch (sub) {
	case 2:
		rm_set(cpu, size, ~a);
		break;
	case 3:
		rm_set(cpu, size, alu_sub(cpu, 0, a, 0, size));
		break;
	case 4:
		p = (u64)reg_get(cpu, VPX86_EAX, size) * a;
		lo = (u32)p;
		hi = (u32)(p >> (size * 8));
		if (size == 1) {
			reg_set(cpu, VPX86_EAX, 2, (u32)p);
			hi &= 0xff;
		} else {
			reg_set(cpu, VPX86_EAX, size, lo);
			reg_set(cpu, VPX86_EDX, size, hi);
			hi &= sz_mask(size);
		}
		cpu->eflags = (cpu->eflags & ~(FL_CF | FL_OF)) | (hi ? FL_CF | FL_OF : 0);
		break;
	case 5:
		sp = sext(reg_get(cpu, VPX86_EAX, size), size) * sext(a, size);
		if (size == 1) {
			reg_set(cpu, VPX86_EAX, 2, (u32)sp);
		} else {
			reg_set(cpu, VPX86_EAX, size, (u32)sp);
			reg_set(cpu, VPX86_EDX, size, (u32)((u64)sp >> (size * 8)));
		}
		imul_flags(cpu, sp, size);
		break;
	case 6:
		divide(cpu, a, size, 0);
		break;
	default:
		divide(cpu, a, size, 1);
		break;
	}
}

/* ---- BCD: 27 DAA, 2F DAS, 37 AAA, 3F AAS, D4 AAM, D5 AAD ---- */

void vpx86_op_bcd(struct vpx86 *cpu, unsigned int op)
{
	u32 ax = cpu->gpr[VPX86_EAX] & 0xffff;
	u32 al = ax & 0xff, f = cpu->eflags, old_al = al, old_cf = f & FL_CF;
	u32 base;

	switch (op) {
	case 0x27:	/* DAA */
	case 0x2f:	/* DAS */
		f &= ~(FL_CF | FL_AF);
		if ((al & 0xf) > 9 || (cpu->eflags & FL_AF)) {
			/* DAS: CF also takes the borrow of AL - 6 */
			if (op == 0x2f && al < 6)
				f |= FL_CF;
			al = (op == 0x27 ? al + 6 : al - 6) & 0xff;
			f |= FL_AF;
		}
		if (old_al > 0x99 || old_cf) {
			al = (op == 0x27 ? al + 0x60 : al - 0x60) & 0xff;
			f |= FL_CF;
		}
		f = (f & ~(FL_SF | FL_ZF | FL_PF)) | flags_szp(al, 1);
		reg_set(cpu, VPX86_EAX, 1, al);
		break;
	case 0x37:	/* AAA */
	case 0x3f:	/* AAS */
		if ((al & 0xf) > 9 || (f & FL_AF)) {
			ax = (op == 0x37 ? ax + 0x106 : ax - 0x106) & 0xffff;
			f |= FL_AF | FL_CF;
		} else {
			f &= ~(FL_AF | FL_CF);
		}
		ax &= 0xff0f;
		f &= ~(FL_SF | FL_ZF | FL_PF);
		f |= flag_pf(ax) | (ax ? 0 : FL_ZF);
		reg_set(cpu, VPX86_EAX, 2, ax);
		break;
	case 0xd4:	/* AAM */
		base = fetch8(cpu);
		if (!base) {
			vpx86_interrupt(cpu, 0, VPX86_INT_EXCEPTION);
			return;
		}
		ax = (al / base) << 8 | (al % base);
		f = (f & ~FL_ARITH) | flags_szp(ax & 0xff, 1);
		reg_set(cpu, VPX86_EAX, 2, ax);
		break;
	default:	/* AAD */
		base = fetch8(cpu);
		al = (al + (ax >> 8) * base) & 0xff;
		f = (f & ~FL_ARITH) | flags_szp(al, 1);
		reg_set(cpu, VPX86_EAX, 2, al);
		break;
	}
	cpu->eflags = f;
}

/* ---- ENTER (C8) ---- */

void vpx86_op_enter(struct vpx86 *cpu)
{
	unsigned int size = cpu->opsize;
	u32 alloc = fetch16(cpu);
	u32 level = fetch8(cpu) & 31;
	u32 frame, bp, i;

	push(cpu, size, cpu->gpr[VPX86_EBP]);
	frame = cpu->gpr[VPX86_ESP] & 0xffff;
	if (level) {
		bp = cpu->gpr[VPX86_EBP];
		for (i = 1; i < level; i++) {
			bp = (bp & 0xffff0000u) | ((bp - size) & 0xffff);
			push(cpu, size, seg_rd(cpu, VPX86_SS, bp & 0xffff, size));
		}
		cpu->gpr[VPX86_EBP] = bp;
		push(cpu, size, frame);
	}
	reg_set(cpu, VPX86_EBP, 2, frame);
	cpu->gpr[VPX86_ESP] = (cpu->gpr[VPX86_ESP] & 0xffff0000u) |
			      ((cpu->gpr[VPX86_ESP] - alloc) & 0xffff);
}

/* ---- port I/O ---- */

static int port_in(struct vpx86 *cpu, u32 port, unsigned int size, u32 *v)
{
	const struct vpx86_ops *ops = cpu->ops;

	*v = 0;
	if (!ops || !ops->io_in || ops->io_in(cpu, port, size, v)) {
		if (cpu->status == VPX86_RUNNING)
			cpu->fault_port = port;
		vpx86_fail(cpu, VPX86_ERR_PORT);
		return -1;
	}
	*v &= sz_mask(size);
	return 0;
}

static int port_out(struct vpx86 *cpu, u32 port, unsigned int size, u32 v)
{
	const struct vpx86_ops *ops = cpu->ops;

	if (!ops || !ops->io_out || ops->io_out(cpu, port, size, v & sz_mask(size))) {
		if (cpu->status == VPX86_RUNNING)
			cpu->fault_port = port;
		vpx86_fail(cpu, VPX86_ERR_PORT);
		return -1;
	}
	return 0;
}

/* E4-E7 (imm8 port), EC-EF (DX port). */
void vpx86_op_io(struct vpx86 *cpu, unsigned int op)
{
	unsigned int size = (op & 1) ? cpu->opsize : 1;
	u32 port = (op & 8) ? cpu->gpr[VPX86_EDX] & 0xffff : fetch8(cpu);
	u32 v;

	if (op & 2)
		port_out(cpu, port, size, reg_get(cpu, VPX86_EAX, size));
	else if (!port_in(cpu, port, size, &v))
		reg_set(cpu, VPX86_EAX, size, v);
}

/* ---- string instructions: 6C-6F, A4-A7, AA-AF ---- */

void vpx86_op_string(struct vpx86 *cpu, unsigned int op)
{
	unsigned int size = (op & 1) ? cpu->opsize : 1;
	u32 am = cpu->adsize == 4 ? 0xffffffffu : 0xffff;
	unsigned int src = cpu->seg >= 0 ? (unsigned int)cpu->seg : VPX86_DS;
	u32 delta = (cpu->eflags & FL_DF) ? (u32)-(s32)size : size;
	u32 *si = &cpu->gpr[VPX86_ESI], *di = &cpu->gpr[VPX86_EDI];
	u32 *cx = &cpu->gpr[VPX86_ECX];
	unsigned int rep = cpu->rep;
	u32 a, b;

	if (rep && !(*cx & am))
		return;
	for (;;) {
		switch (op & ~1u) {
		case 0xa4:	/* MOVS */
			a = seg_rd(cpu, src, *si & am, size);
			seg_wr(cpu, VPX86_ES, *di & am, size, a);
			if (cpu->status)
				return;
			*si = (*si & ~am) | ((*si + delta) & am);
			*di = (*di & ~am) | ((*di + delta) & am);
			break;
		case 0xa6:	/* CMPS */
			a = seg_rd(cpu, src, *si & am, size);
			b = seg_rd(cpu, VPX86_ES, *di & am, size);
			if (cpu->status)
				return;
			alu_sub(cpu, a, b, 0, size);
			*si = (*si & ~am) | ((*si + delta) & am);
			*di = (*di & ~am) | ((*di + delta) & am);
			break;
		case 0xaa:	/* STOS */
			seg_wr(cpu, VPX86_ES, *di & am, size, cpu->gpr[VPX86_EAX]);
			if (cpu->status)
				return;
			*di = (*di & ~am) | ((*di + delta) & am);
			break;
		case 0xac:	/* LODS */
			a = seg_rd(cpu, src, *si & am, size);
			if (cpu->status)
				return;
			reg_set(cpu, VPX86_EAX, size, a);
			*si = (*si & ~am) | ((*si + delta) & am);
			break;
		case 0xae:	/* SCAS */
			b = seg_rd(cpu, VPX86_ES, *di & am, size);
			if (cpu->status)
				return;
			alu_sub(cpu, reg_get(cpu, VPX86_EAX, size), b, 0, size);
			*di = (*di & ~am) | ((*di + delta) & am);
			break;
		case 0x6c:	/* INS */
			if (port_in(cpu, cpu->gpr[VPX86_EDX] & 0xffff, size, &a))
				return;
			seg_wr(cpu, VPX86_ES, *di & am, size, a);
			if (cpu->status)
				return;
			*di = (*di & ~am) | ((*di + delta) & am);
			break;
		default:	/* OUTS */
			a = seg_rd(cpu, src, *si & am, size);
			if (cpu->status)
				return;
			if (port_out(cpu, cpu->gpr[VPX86_EDX] & 0xffff, size, a))
				return;
			*si = (*si & ~am) | ((*si + delta) & am);
			break;
		}
		if (!rep)
			return;
		*cx = (*cx & ~am) | ((*cx - 1) & am);
		if (!(*cx & am))
			return;
		if ((op & ~1u) == 0xa6 || (op & ~1u) == 0xae) {
			if (rep == REP_E && !(cpu->eflags & FL_ZF))
				return;
			if (rep == REP_NE && (cpu->eflags & FL_ZF))
				return;
		}
		if (!cpu->budget) {
			/* resume this instruction on the next vpx86_run() */
			cpu->ip = cpu->start_ip;
			cpu->icount--;
			return;
		}
		cpu->budget--;
	}
}

/* ---- the two-byte opcodes ---- */

/* BT, BTS, BTR, BTC; @sub: 4 BT, 5 BTS, 6 BTR, 7 BTC. */
static void op_bt(struct vpx86 *cpu, unsigned int sub, u32 bit, int reg_offset)
{
	unsigned int size = cpu->opsize, bits = size * 8;
	u32 a, mask, off;

	if (!cpu->ea_is_reg && reg_offset) {
		/* a register bit offset addresses the whole bit string */
		s32 sb = size == 2 ? (s16)bit : (s32)bit;

		off = cpu->ea_off + (u32)((sb >> (size == 2 ? 4 : 5)) * (s32)size);
		cpu->ea_off = cpu->adsize == 2 ? off & 0xffff : off;
	}
	bit &= bits - 1;
	mask = 1u << bit;
	a = rm_get(cpu, size);
	if (cpu->status)
		return;
	cpu->eflags = (cpu->eflags & ~FL_CF) | ((a >> bit) & 1);
	switch (sub) {
	case 5:
		rm_set(cpu, size, a | mask);
		break;
	case 6:
		rm_set(cpu, size, a & ~mask);
		break;
	case 7:
		rm_set(cpu, size, a ^ mask);
		break;
	}
}

static void op_bsf_bsr(struct vpx86 *cpu, int reverse)
{
	unsigned int size = cpu->opsize;
	unsigned int reg = (vpx86_modrm(cpu) >> 3) & 7;
	u32 a = rm_get(cpu, size);
	u32 i;

	if (cpu->status)
		return;
	if (!a) {
		cpu->eflags |= FL_ZF;
		return;
	}
	cpu->eflags &= ~FL_ZF;
	if (reverse) {
		for (i = size * 8 - 1; !(a & (1u << i)); i--)
			;
	} else {
		for (i = 0; !(a & (1u << i)); i++)
			;
	}
	reg_set(cpu, reg, size, i);
}

static void op_cpuid(struct vpx86 *cpu)
{
	u32 *r = cpu->gpr;

	switch (r[VPX86_EAX]) {
	case 0:
		r[VPX86_EAX] = 1;
		r[VPX86_EBX] = CPUID_VENDOR_EBX;
		r[VPX86_EDX] = CPUID_VENDOR_EDX;
		r[VPX86_ECX] = CPUID_VENDOR_ECX;
		break;
	case 1:
		r[VPX86_EAX] = CPUID_SIGNATURE;
		r[VPX86_EBX] = 0;
		r[VPX86_ECX] = 0;
		r[VPX86_EDX] = CPUID_FEATURES;
		break;
	default:
		r[VPX86_EAX] = 0;
		r[VPX86_EBX] = 0;
		r[VPX86_ECX] = 0;
		r[VPX86_EDX] = 0;
		break;
	}
}

static void op_rdtsc(struct vpx86 *cpu)
{
	const struct vpx86_ops *ops = cpu->ops;
	u64 t = ops && ops->rdtsc ? ops->rdtsc(cpu) : cpu->icount;

	cpu->gpr[VPX86_EAX] = (u32)t;
	cpu->gpr[VPX86_EDX] = (u32)(t >> 32);
}

static void op_load_far_0f(struct vpx86 *cpu, unsigned int sr)
{
	unsigned int reg = (vpx86_modrm(cpu) >> 3) & 7;
	u32 off, sel;

	if (cpu->ea_is_reg) {
		vpx86_fail(cpu, VPX86_ERR_UNDEFINED);
		return;
	}
	off = seg_rd(cpu, cpu->ea_seg, cpu->ea_off, cpu->opsize);
	sel = seg_rd(cpu, cpu->ea_seg, cpu->ea_off + cpu->opsize, 2);
	if (cpu->status)
		return;
	reg_set(cpu, reg, cpu->opsize, off);
	cpu->sreg[sr] = (u16)sel;
}

static void op_xadd_cmpxchg(struct vpx86 *cpu, unsigned int op)
{
	unsigned int size = (op & 1) ? cpu->opsize : 1;
	unsigned int reg = (vpx86_modrm(cpu) >> 3) & 7;
	u32 a = rm_get(cpu, size), b = reg_get(cpu, reg, size), acc;

	if (cpu->status)
		return;
	if (op >= 0xc0) {	/* XADD */
		u32 sum = alu_add(cpu, a, b, 0, size);

		reg_set(cpu, reg, size, a);
		rm_set(cpu, size, sum);
		return;
	}
	acc = reg_get(cpu, VPX86_EAX, size);	/* CMPXCHG */
	alu_sub(cpu, acc, a, 0, size);
	if (acc == a) {
		rm_set(cpu, size, b);
	} else {
		rm_set(cpu, size, a);
		reg_set(cpu, VPX86_EAX, size, a);
	}
}

void vpx86_op_0f(struct vpx86 *cpu)
{
	unsigned int op = fetch8(cpu);
	unsigned int size = cpu->opsize, reg, sub;
	u32 a;

	switch (op) {
	case 0x08:	/* INVD */
	case 0x09:	/* WBINVD */
		break;
	case 0x0b:	/* UD2 */
	case 0xb9:	/* UD1 */
	case 0xff:	/* UD0 */
		vpx86_fail(cpu, VPX86_ERR_UNDEFINED);
		break;
	case 0x1f:	/* NOP r/m */
		vpx86_modrm(cpu);
		break;
	case 0x31:
		op_rdtsc(cpu);
		break;
	case 0x80 ... 0x8f:
		a = fetch_imm(cpu, size);
		if (size == 2)
			a = (u32)(s32)(s16)a;
		if (cond_true(cpu->eflags, op)) {
			a += cpu->ip;
			cpu->ip = size == 2 ? a & 0xffff : a;
		}
		break;
	case 0x90 ... 0x9f:
		vpx86_modrm(cpu);
		rm_set(cpu, 1, cond_true(cpu->eflags, op));
		break;
	case 0xa0:
	case 0xa8:
		push(cpu, size, cpu->sreg[op == 0xa0 ? VPX86_FS : VPX86_GS]);
		break;
	case 0xa1:
	case 0xa9:
		a = pop(cpu, size);
		if (!cpu->status)
			cpu->sreg[op == 0xa1 ? VPX86_FS : VPX86_GS] = (u16)a;
		break;
	case 0xa2:
		op_cpuid(cpu);
		break;
	case 0xa3:
	case 0xab:
	case 0xb3:
	case 0xbb:
		reg = (vpx86_modrm(cpu) >> 3) & 7;
		op_bt(cpu, 4 + ((op >> 3) & 3), reg_get(cpu, reg, size), 1);
		break;
	case 0xa4:
	case 0xa5:
	case 0xac:
	case 0xad:
		op_shxd(cpu, op);
		break;
	case 0xaf:
		reg = (vpx86_modrm(cpu) >> 3) & 7;
		{
			s64 p = sext(reg_get(cpu, reg, size), size) *
				sext(rm_get(cpu, size), size);

			if (cpu->status)
				break;
			imul_flags(cpu, p, size);
			reg_set(cpu, reg, size, (u32)p);
		}
		break;
	case 0xb0:
	case 0xb1:
	case 0xc0:
	case 0xc1:
		op_xadd_cmpxchg(cpu, op);
		break;
	case 0xb2:
		op_load_far_0f(cpu, VPX86_SS);
		break;
	case 0xb4:
		op_load_far_0f(cpu, VPX86_FS);
		break;
	case 0xb5:
		op_load_far_0f(cpu, VPX86_GS);
		break;
	case 0xb6:
	case 0xb7:
	case 0xbe:
	case 0xbf:
		reg = (vpx86_modrm(cpu) >> 3) & 7;
		a = rm_get(cpu, (op & 1) ? 2 : 1);
		if (op & 8)
			a = (u32)sext(a, (op & 1) ? 2 : 1);
		reg_set(cpu, reg, size, a);
		break;
	case 0xba:
		sub = (vpx86_modrm(cpu) >> 3) & 7;
		a = fetch8(cpu);
		if (sub < 4)
			vpx86_fail(cpu, VPX86_ERR_UNDEFINED);
		else
			op_bt(cpu, sub, a, 0);
		break;
	case 0xbc:
	case 0xbd:
		op_bsf_bsr(cpu, op & 1);
		break;
	case 0xc8 ... 0xcf:
		a = cpu->gpr[op & 7];
		a = (a >> 24) | ((a >> 8) & 0xff00) | ((a << 8) & 0xff0000) | (a << 24);
		reg_set(cpu, op & 7, size, size == 2 ? 0 : a);
		break;
	default:
		/*
		 * Protected-mode and system instructions (0F 00-07, 20-26,
		 * 30-35), CMOVcc, MMX, SSE and the rest of later CPUs.
		 */
		vpx86_fail(cpu, VPX86_ERR_UNIMPLEMENTED);
		break;
	}
}
