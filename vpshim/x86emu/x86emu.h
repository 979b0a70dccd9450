/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86emu.h - a real-mode x86 interpreter for video BIOS calls.
 *
 * Runs 16-bit real-mode code as a 386/486 does (8086 instructions plus the
 * 386/486 additions video BIOSes use: 32-bit registers, operand- and
 * address-size prefixes, FS/GS, MOVZX/MOVSX, SHLD/SHRD, BT*, BSF/BSR,
 * SETcc, Jcc rel16/32, BSWAP, XADD, CMPXCHG, CPUID, RDTSC). No protected
 * mode, no FPU. The core has no libc and no kernel dependency: it builds
 * inside a Linux module and in user space alike, keeps all its state in
 * struct vpx86 and uses no floating point, no VLA, no recursion.
 *
 * Machine model:
 * - Segment bases are always selector << 4 (real mode; no unreal mode).
 * - Linear addresses are 20 bits: segment base + offset is taken modulo
 *   1 MiB, as on a PC with the A20 gate off (FFFF:0010 is 0000:0000).
 * - Offset arithmetic wraps at 64 KiB with 16-bit addressing (and SP, IP
 *   with 16-bit operands), but an operand, a stack slot or an instruction
 *   that does not lie wholly within offsets 0-0xFFFF exceeds the real-mode
 *   segment limit: the 386 raises #GP or #SS, here the run stops with
 *   VPX86_ERR_LIMIT. So does any offset above 0xFFFF (32-bit addressing,
 *   0x67) and an EIP above 0xFFFF.
 * - Memory: 256 pages of 4 KiB. A page mapped with vpx86_map() is read or
 *   written directly; any other access goes to the mem_read/mem_write
 *   callbacks (an access that crosses a page is split into bytes first).
 * - The IVT at linear 0 is used for INT n and for the exceptions the
 *   interpreter raises (#DE vector 0 for DIV/IDIV/AAM, #BR vector 5 for
 *   BOUND, INTO vector 4, INT3 vector 3), after the optional intr hook.
 * - Undefined flags follow libx86emu (the differential oracle of the
 *   tests): see Documentation in x86emu.c, "Undefined flags".
 *
 * Copyright the vpshim authors.
 */
#ifndef VPSHIM_X86EMU_H
#define VPSHIM_X86EMU_H

/* Indices into vpx86.gpr (the x86 register encoding order). */
#define VPX86_EAX	0
#define VPX86_ECX	1
#define VPX86_EDX	2
#define VPX86_EBX	3
#define VPX86_ESP	4
#define VPX86_EBP	5
#define VPX86_ESI	6
#define VPX86_EDI	7

/* Indices into vpx86.sreg (the x86 segment register encoding order). */
#define VPX86_ES	0
#define VPX86_CS	1
#define VPX86_SS	2
#define VPX86_DS	3
#define VPX86_FS	4
#define VPX86_GS	5

/* EFLAGS bits. */
#define VPX86_FLAG_CF	0x0001u
#define VPX86_FLAG_PF	0x0004u
#define VPX86_FLAG_AF	0x0010u
#define VPX86_FLAG_ZF	0x0040u
#define VPX86_FLAG_SF	0x0080u
#define VPX86_FLAG_TF	0x0100u
#define VPX86_FLAG_IF	0x0200u
#define VPX86_FLAG_DF	0x0400u
#define VPX86_FLAG_OF	0x0800u
#define VPX86_FLAG_IOPL	0x3000u
#define VPX86_FLAG_NT	0x4000u
#define VPX86_FLAG_AC	0x40000u
#define VPX86_FLAG_ID	0x200000u

/* vpx86_map() flags. */
#define VPX86_MAP_READ	0x1u
#define VPX86_MAP_WRITE	0x2u

/* The 1 MiB real-mode address space in 4 KiB pages. */
#define VPX86_PAGE_SHIFT	12
#define VPX86_PAGE_SIZE		0x1000u	/* 1 << VPX86_PAGE_SHIFT */
#define VPX86_PAGES		256

/* The kinds of interrupt given to the intr hook. */
#define VPX86_INT_SOFT		0	/* INT n (CD ib) */
#define VPX86_INT_INT3		1	/* INT3 (CC) */
#define VPX86_INT_INTO		2	/* INTO (CE) with OF set */
#define VPX86_INT_EXCEPTION	3	/* #DE (vector 0), #BR (vector 5) */

/* What the intr hook returns (negative: stop with VPX86_ERR_INTR). */
#define VPX86_INTR_IVT		0	/* not handled: use the guest's IVT */
#define VPX86_INTR_DONE		1	/* handled: continue at cpu->eip */

/**
 * enum vpx86_status - why vpx86_run() returned
 * @VPX86_RUNNING: internal; never returned
 * @VPX86_HALTED: HLT executed, or the stop address was reached
 * @VPX86_BUDGET: the instruction budget ran out; call vpx86_run() again
 * @VPX86_ERR_UNDEFINED: an undefined opcode (the 386 raises #UD)
 * @VPX86_ERR_UNIMPLEMENTED: a valid instruction the interpreter lacks
 *	(protected-mode and system instructions, MSRs, MMX and later)
 * @VPX86_ERR_FPU: an x87 instruction (ESC, D8-DF): there is no FPU
 * @VPX86_ERR_PORT: the io_in or io_out callback refused a port
 * @VPX86_ERR_MEMORY: the mem_read or mem_write callback refused an address
 * @VPX86_ERR_LIMIT: an operand, stack slot or instruction beyond offset
 *	0xFFFF (the 386 raises #GP or #SS)
 * @VPX86_ERR_EXCEPTION: the intr hook declined an exception (#DE, #BR)
 * @VPX86_ERR_INTR: the intr hook returned an error
 *
 * After an error, cpu->eip and cpu->sreg[VPX86_CS] still address the
 * failing instruction and the fault_* fields of struct vpx86 describe it
 * (vpx86_describe() formats them); other registers may hold a partial
 * result of that instruction (a refused IN leaves EAX alone), so the call
 * is to be abandoned, not resumed.
 */
enum vpx86_status {
	VPX86_RUNNING = 0,
	VPX86_HALTED,
	VPX86_BUDGET,
	VPX86_ERR_UNDEFINED,
	VPX86_ERR_UNIMPLEMENTED,
	VPX86_ERR_FPU,
	VPX86_ERR_PORT,
	VPX86_ERR_MEMORY,
	VPX86_ERR_LIMIT,
	VPX86_ERR_EXCEPTION,
	VPX86_ERR_INTR,
};

struct vpx86;

/**
 * struct vpx86_ops - the embedder's callbacks
 * @mem_read: read @size (1, 2 or 4) bytes, little-endian, at the 20-bit
 *	linear address @addr of a page not mapped for reading; 0 on success,
 *	nonzero refuses (VPX86_ERR_MEMORY). NULL: such reads return all ones.
 * @mem_write: write @size bytes at @addr of a page not mapped for writing;
 *	0 on success, nonzero refuses. NULL: such writes are discarded.
 * @io_in: read @size (1, 2 or 4) bytes from I/O port @port; 0 on success,
 *	nonzero refuses (VPX86_ERR_PORT). NULL refuses every port.
 * @io_out: write @size bytes to I/O port @port; as @io_in.
 * @intr: optional; called before an interrupt goes through the IVT, with
 *	cpu->eip at the return address (the instruction after INT n, or the
 *	faulting instruction for an exception) and @kind one of VPX86_INT_*.
 *	Returns VPX86_INTR_IVT, VPX86_INTR_DONE (the hook did the work,
 *	perhaps changing registers and flags; execution continues at
 *	cpu->eip; for an exception this stops the run with
 *	VPX86_ERR_EXCEPTION) or a negative error (VPX86_ERR_INTR).
 * @rdtsc: optional; the value RDTSC returns. NULL: the instruction count.
 *
 * The callbacks run inside vpx86_run() and must not call it.
 */
struct vpx86_ops {
	int (*mem_read)(struct vpx86 *cpu, unsigned int addr, unsigned int size,
			unsigned int *val);
	int (*mem_write)(struct vpx86 *cpu, unsigned int addr, unsigned int size,
			 unsigned int val);
	int (*io_in)(struct vpx86 *cpu, unsigned int port, unsigned int size,
		     unsigned int *val);
	int (*io_out)(struct vpx86 *cpu, unsigned int port, unsigned int size,
		      unsigned int val);
	int (*intr)(struct vpx86 *cpu, unsigned int vector, unsigned int kind);
	unsigned long long (*rdtsc)(struct vpx86 *cpu);
};

/**
 * struct vpx86 - one real-mode CPU and its machine
 * @gpr: EAX, ECX, EDX, EBX, ESP, EBP, ESI, EDI (index VPX86_EAX...)
 * @eip: the instruction pointer (the offset in CS)
 * @eflags: EFLAGS; bit 1 always set
 * @sreg: ES, CS, SS, DS, FS, GS selectors (index VPX86_ES...); the base
 *	of each is the selector times 16
 * @ops: the embedder's callbacks
 * @priv: the embedder's pointer, untouched by the interpreter
 * @rd_map: per 4 KiB page, host memory read directly, or NULL (callbacks)
 * @wr_map: per 4 KiB page, host memory written directly, or NULL
 * @icount: instructions completed since vpx86_init()
 * @stop_addr: CS << 16 | IP of the stop address, if @stop_set
 * @stop_set: a far transfer (RETF, IRET, far JMP/CALL) to @stop_addr ends
 *	the run with VPX86_HALTED
 * @status: the last status vpx86_run() returned
 * @fault_cs: CS of the failing instruction
 * @fault_eip: EIP of the failing instruction
 * @fault_bytes: its first bytes (as many as could be read)
 * @fault_len: the number of valid @fault_bytes
 * @fault_port: the refused port (VPX86_ERR_PORT)
 * @fault_addr: the refused or out-of-limit address (VPX86_ERR_MEMORY,
 *	VPX86_ERR_LIMIT)
 * @fault_vector: the vector (VPX86_ERR_EXCEPTION, VPX86_ERR_INTR)
 * @budget: internal: what remains of the budget of the current run
 * @pc: internal: the direct instruction fetch pointer, or NULL
 * @ip: internal: the offset of the next instruction byte
 * @start_ip: internal: the offset of the current instruction
 * @opsize: internal: the operand size of the current instruction (2 or 4)
 * @adsize: internal: its address size (2 or 4)
 * @seg: internal: its data segment override, or -1
 * @rep: internal: its repeat prefix (0, 0xF2 or 0xF3)
 * @ea_reg: internal: ModRM register operand (rm, if @ea_is_reg)
 * @ea_is_reg: internal: the ModRM r/m operand is a register
 * @ea_seg: internal: the segment of the ModRM memory operand
 * @ea_off: internal: the offset of the ModRM memory operand
 *
 * Allocate it (about 4.3 KiB) with the embedder's allocator, not on the
 * stack, and set it up with vpx86_init(). Registers may be read and
 * written between runs.
 */
struct vpx86 {
	unsigned int gpr[8];
	unsigned int eip;
	unsigned int eflags;
	unsigned short sreg[6];

	const struct vpx86_ops *ops;
	void *priv;
	unsigned char *rd_map[VPX86_PAGES];
	unsigned char *wr_map[VPX86_PAGES];

	unsigned long long icount;
	unsigned int stop_addr;
	unsigned int stop_set;

	enum vpx86_status status;
	unsigned short fault_cs;
	unsigned int fault_eip;
	unsigned char fault_bytes[16];
	unsigned int fault_len;
	unsigned int fault_port;
	unsigned int fault_addr;
	unsigned int fault_vector;

	/* private: the decoder's per-instruction state */
	unsigned long budget;
	const unsigned char *pc;
	unsigned int ip;
	unsigned int start_ip;
	unsigned int opsize;
	unsigned int adsize;
	int seg;
	unsigned int rep;
	unsigned int ea_reg;
	unsigned int ea_is_reg;
	unsigned int ea_seg;
	unsigned int ea_off;
};

void vpx86_init(struct vpx86 *cpu, const struct vpx86_ops *ops, void *priv);
int vpx86_map(struct vpx86 *cpu, unsigned int addr, unsigned int len,
	      unsigned char *host, unsigned int flags);
enum vpx86_status vpx86_run(struct vpx86 *cpu, unsigned long budget);
enum vpx86_status vpx86_step(struct vpx86 *cpu);
void vpx86_set_stop(struct vpx86 *cpu, unsigned short cs, unsigned short ip);
int vpx86_push16(struct vpx86 *cpu, unsigned short val);
int vpx86_prepare_int(struct vpx86 *cpu, unsigned int vector,
		      unsigned short ret_cs, unsigned short ret_ip);
int vpx86_prepare_far_call(struct vpx86 *cpu, unsigned short cs,
			   unsigned short ip, unsigned short ret_cs,
			   unsigned short ret_ip);
unsigned int vpx86_read(struct vpx86 *cpu, unsigned int addr,
			unsigned int size);
const char *vpx86_status_name(enum vpx86_status status);
unsigned int vpx86_describe(const struct vpx86 *cpu, char *buf,
			    unsigned int size);

#endif /* VPSHIM_X86EMU_H */
