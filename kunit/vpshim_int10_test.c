// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for vpshim/int10.c and vpshim/int10_machine.c: the video BIOS
 * machine run on a fake ROM and fake hardware (no PCI device under UML),
 * through the calls a miniport makes (VideoPortInt10, the Int10 interface).
 * Each real-mode snippet was assembled with GNU as (.code16); the ROM's
 * INT 10h handler is the snippet followed by PUSHF, POP BP, IRET, so that
 * BP comes back holding the flags the snippet left.
 *
 * Also the bus queries of vpshim/busdata.c on a device that is not PCI.
 */

#include <kunit/test.h>
#include <linux/platform_device.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include "vpshim_test.h"
#include "int10_machine.h"

#define ROM_SIZE	4096
#define ROM_ENTRY	0x100		/* C000:0100, the INT 10h handler */
#define ROM_DATA	0x200		/* a byte the shadow case increments */
#define FAKE_BUS	0x00
#define FAKE_DEVFN	0x10		/* 00:02.0 */

#define FL_CF	0x0001
#define FL_PF	0x0004
#define FL_AF	0x0010
#define FL_ZF	0x0040
#define FL_SF	0x0080
#define FL_DF	0x0400
#define FL_OF	0x0800
#define FL_ARITH	(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF)

/* The init entry at C000:0003: INT 10h -> C000:0100, then RETF. */
static const u8 rom_init[] = {
	0x31, 0xc0,				/* xor ax, ax */
	0x8e, 0xd8,				/* mov ds, ax */
	0xc7, 0x06, 0x40, 0x00, 0x00, 0x01,	/* movw $0x0100, 0x40 */
	0xc7, 0x06, 0x42, 0x00, 0x00, 0xc0,	/* movw $0xc000, 0x42 */
	0xcb,					/* retf */
};

static const u8 rom_epilogue[] = {
	0x9c,					/* pushf */
	0x5d,					/* pop bp */
	0xcf,					/* iret */
};

/* The fake adapter: a port file, VGA memory and a configuration space. */
struct fake_hw {
	u8 io[0x10000];
	u8 vga[0x20000];
	u8 cfg[256];
	unsigned int port_writes;
	unsigned int cfg_writes;
};

static int fake_port_in(void *ctx, unsigned int port, unsigned int size, u32 *val)
{
	struct fake_hw *hw = ctx;
	unsigned int i;

	*val = 0;
	for (i = 0; i < size; i++)
		*val |= (u32)hw->io[(port + i) & 0xffff] << (8 * i);
	return 0;
}

static int fake_port_out(void *ctx, unsigned int port, unsigned int size, u32 val)
{
	struct fake_hw *hw = ctx;
	unsigned int i;

	for (i = 0; i < size; i++)
		hw->io[(port + i) & 0xffff] = val >> (8 * i);
	hw->port_writes++;
	return 0;
}

static int fake_vga_read(void *ctx, unsigned int off, unsigned int size, u32 *val)
{
	struct fake_hw *hw = ctx;
	unsigned int i;

	*val = 0;
	for (i = 0; i < size; i++)
		*val |= (u32)hw->vga[off + i] << (8 * i);
	return 0;
}

static int fake_vga_write(void *ctx, unsigned int off, unsigned int size, u32 val)
{
	struct fake_hw *hw = ctx;
	unsigned int i;

	for (i = 0; i < size; i++)
		hw->vga[off + i] = val >> (8 * i);
	return 0;
}

static int fake_cfg_read(void *ctx, unsigned int reg, unsigned int size, u32 *val)
{
	struct fake_hw *hw = ctx;
	unsigned int i;

	*val = 0;
	for (i = 0; i < size; i++)
		*val |= (u32)hw->cfg[reg + i] << (8 * i);
	return 0;
}

static int fake_cfg_write(void *ctx, unsigned int reg, unsigned int size, u32 val)
{
	struct fake_hw *hw = ctx;
	unsigned int i;

	for (i = 0; i < size; i++)
		hw->cfg[reg + i] = val >> (8 * i);
	hw->cfg_writes++;
	return 0;
}

static const struct vpshim_int10_hw fake_hw_ops = {
	.port_in = fake_port_in,
	.port_out = fake_port_out,
	.vga_read = fake_vga_read,
	.vga_write = fake_vga_write,
	.cfg_read = fake_cfg_read,
	.cfg_write = fake_cfg_write,
};

/* A 4 KiB option ROM whose INT 10h handler is @code plus the epilogue. */
static u8 *fake_rom(struct kunit *test, const u8 *code, size_t len)
{
	u8 *rom = kunit_kzalloc(test, ROM_SIZE, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, rom);
	KUNIT_ASSERT_LE(test, len + sizeof(rom_epilogue), (size_t)(ROM_DATA - ROM_ENTRY));
	rom[0] = 0x55;
	rom[1] = 0xaa;
	rom[2] = ROM_SIZE / 512;
	memcpy(rom + 3, rom_init, sizeof(rom_init));
	memcpy(rom + ROM_ENTRY, code, len);
	memcpy(rom + ROM_ENTRY + len, rom_epilogue, sizeof(rom_epilogue));
	rom[ROM_DATA] = 0x41;
	return rom;
}

/* The configuration of the fake adapter: a std VGA at 00:02.0 that owns legacy VGA. */
static void fake_config(struct vpshim_int10_config *cfg, struct fake_hw *hw, u8 *rom)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->rom = rom;
	cfg->rom_len = ROM_SIZE;
	cfg->post = true;
	cfg->vga_window = true;
	cfg->ports[0].start = 0x3c0;
	cfg->ports[0].len = 0x20;
	cfg->ports[1].start = 0x1ce;
	cfg->ports[1].len = 3;
	cfg->nports = 2;
	cfg->pci = true;
	cfg->bus = FAKE_BUS;
	cfg->devfn = FAKE_DEVFN;
	cfg->vendor = 0x1234;
	cfg->device = 0x1111;
	cfg->class = 0x030000;
	cfg->hw = &fake_hw_ops;
	cfg->hw_ctx = hw;
	cfg->max_instructions = 100000;
}

static struct fake_hw *fake_hw_new(struct kunit *test)
{
	struct fake_hw *hw = kunit_kzalloc(test, sizeof(*hw), GFP_KERNEL);
	static const u8 cfg[] = { 0x34, 0x12, 0x11, 0x11, 0x03, 0x00, 0x00, 0x00,
				  0x02, 0x00, 0x00, 0x03 };

	KUNIT_ASSERT_NOT_NULL(test, hw);
	memcpy(hw->cfg, cfg, sizeof(cfg));
	return hw;
}

/* A device whose machine runs @code as INT 10h; @tweak may change the configuration. */
static struct fake_hw *fake_machine(struct kunit *test, struct vpshim_test_device *d,
				    const u8 *code, size_t len,
				    void (*tweak)(struct vpshim_int10_config *cfg))
{
	struct vpshim_int10_config cfg;
	struct fake_hw *hw = fake_hw_new(test);

	fake_config(&cfg, hw, fake_rom(test, code, len));
	if (tweak)
		tweak(&cfg);
	vpshim_test_device_add(test, d, "vpshim-int10", 16);
	KUNIT_ASSERT_EQ(test, vpshim_int10_test_attach(d->ext, &cfg), 0);
	return hw;
}

/* The machine's last failure text, as its message printed it. */
static const char *last_error(struct kunit *test, struct vpshim_test_device *d)
{
	char *buf = kunit_kzalloc(test, 400, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, buf);
	vpshim_int10_test_last_error(d->ext, buf, 400);
	return buf;
}

/* The last failure's text holds @text. */
static void expect_error_has(struct kunit *test, struct vpshim_test_device *d, const char *text)
{
	const char *said = last_error(test, d);

	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(said, text), "last error \"%s\" lacks \"%s\"",
				  said, text);
}

/* ---- one case per instruction group: registers and flags ---- */

struct snippet {
	const char *name;
	const u8 *code;
	size_t len;
	VIDEO_X86_BIOS_ARGUMENTS in;
	VIDEO_X86_BIOS_ARGUMENTS out;	/* Ebp: the flags, compared under flags_mask */
	u32 flags_mask;
};

#define CODE(...) .code = (const u8[]){ __VA_ARGS__ }, .len = sizeof((const u8[]){ __VA_ARGS__ })

static const struct snippet snippets[] = {
	{ "add: carry from bit 3, signed overflow",
	  CODE(0x01, 0xd8),				/* add ax, bx */
	  .in = { .Eax = 0x7fff, .Ebx = 1 }, .out = { .Eax = 0x8000, .Ebx = 1,
	  .Ebp = 0x0002 | FL_PF | FL_AF | FL_SF | FL_OF }, .flags_mask = FL_ARITH },
	{ "sub then sbb: the borrow carries on",
	  CODE(0x29, 0xd8, 0x19, 0xc9),			/* sub ax, bx; sbb cx, cx */
	  .in = { .Eax = 1, .Ebx = 2 }, .out = { .Eax = 0xffff, .Ebx = 2, .Ecx = 0xffff,
	  .Ebp = 0x0002 | FL_CF | FL_PF | FL_AF | FL_SF }, .flags_mask = FL_ARITH },
	{ "and: clears CF, OF and AF, parity of the low byte",
	  CODE(0x21, 0xd8),				/* and ax, bx */
	  .in = { .Eax = 0xf0f0, .Ebx = 0x0ff0 }, .out = { .Eax = 0x00f0, .Ebx = 0x0ff0,
	  .Ebp = 0x0002 | FL_PF }, .flags_mask = FL_ARITH },
	{ "inc: wraps to zero and keeps CF",
	  CODE(0xf9, 0x40),				/* stc; inc ax */
	  .in = { .Eax = 0xffff }, .out = { .Eax = 0,
	  .Ebp = 0x0002 | FL_CF | FL_PF | FL_AF | FL_ZF }, .flags_mask = FL_ARITH },
	{ "shl by one: CF the bit out, OF MSB xor CF",
	  CODE(0xd1, 0xe0),				/* shl ax, 1 */
	  .in = { .Eax = 0x8001 }, .out = { .Eax = 0x0002,
	  .Ebp = 0x0002 | FL_CF | FL_OF }, .flags_mask = FL_CF | FL_ZF | FL_SF | FL_OF | FL_PF },
	{ "rcr by one: CF in at the top, bit 0 out to CF",
	  CODE(0xf9, 0xd1, 0xdb),			/* stc; rcr bx, 1 */
	  .in = { .Ebx = 0x0002 }, .out = { .Ebx = 0x8001,
	  .Ebp = 0x0002 | FL_OF }, .flags_mask = FL_CF | FL_OF },
	{ "mul: a high half sets CF and OF",
	  CODE(0xf7, 0xe3),				/* mul bx */
	  .in = { .Eax = 0x1234, .Ebx = 0x0100 }, .out = { .Eax = 0x3400, .Ebx = 0x0100,
	  .Edx = 0x0012, .Ebp = 0x0002 | FL_CF | FL_OF }, .flags_mask = FL_CF | FL_OF },
	{ "div: quotient in AX, remainder in DX",
	  CODE(0xf7, 0xf1),				/* div cx */
	  .in = { .Eax = 1000, .Ecx = 7 }, .out = { .Eax = 142, .Ecx = 7, .Edx = 6,
	  .Ebp = 0x0002 }, .flags_mask = 0 },
	{ "daa: decimal adjust after add",
	  CODE(0x00, 0xd8, 0x27),			/* add al, bl; daa */
	  .in = { .Eax = 0x19, .Ebx = 0x03 }, .out = { .Eax = 0x22, .Ebx = 0x03,
	  .Ebp = 0x0002 | FL_AF | FL_PF }, .flags_mask = FL_CF | FL_AF | FL_ZF | FL_SF | FL_PF },
	{ "386: bswap, bsf, bt on 32-bit registers",
	  /* bswap eax; bsf ecx, edx; bt edx, 16 */
	  CODE(0x66, 0x0f, 0xc8, 0x66, 0x0f, 0xbc, 0xca, 0x66, 0x0f, 0xba, 0xe2, 0x10),
	  .in = { .Eax = 0x12345678, .Edx = 0x00010000 }, .out = { .Eax = 0x78563412,
	  .Ecx = 16, .Edx = 0x00010000, .Ebp = 0x0002 | FL_CF }, .flags_mask = FL_CF | FL_ZF },
	{ "stack: pusha/popa restore, call/ret return",
	  /* pusha; mov ax, 0x2222; popa; call 1f; jmp 2f; 1: inc cx; ret; 2: */
	  CODE(0x60, 0xb8, 0x22, 0x22, 0x61, 0xe8, 0x02, 0x00, 0xeb, 0x02, 0x41, 0xc3),
	  .in = { .Eax = 0x1111 }, .out = { .Eax = 0x1111, .Ecx = 1,
	  .Ebp = 0x0002 }, .flags_mask = FL_ARITH },
	{ "loop: sums 10 down to 1",
	  /* xor ax, ax; mov cx, 10; 1: add ax, cx; loop 1b */
	  CODE(0x31, 0xc0, 0xb9, 0x0a, 0x00, 0x01, 0xc8, 0xe2, 0xfc),
	  .in = { .Eax = 0xdead }, .out = { .Eax = 55, .Ecx = 0,
	  .Ebp = 0x0002 }, .flags_mask = FL_ARITH },
	{ "flags: stc, cmc, std, cld, lahf",
	  CODE(0xf9, 0xf5, 0xfd, 0xfc, 0x9f),
	  .in = { .Eax = 0xff00 }, .out = { .Eax = 0x0200,
	  .Ebp = 0x0002 }, .flags_mask = FL_CF | FL_DF },
	{ "xadd: exchange and add",
	  CODE(0x0f, 0xc1, 0xd8),			/* xadd ax, bx */
	  .in = { .Eax = 1, .Ebx = 2 }, .out = { .Eax = 3, .Ebx = 1,
	  .Ebp = 0x0002 | FL_PF }, .flags_mask = FL_ARITH },
};

static void snippet_desc(const struct snippet *s, char *desc)
{
	strscpy(desc, s->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(snippet, snippets, snippet_desc);

static void instruction_groups_compute_as_a_386(struct kunit *test)
{
	const struct snippet *s = test->param_value;
	VIDEO_X86_BIOS_ARGUMENTS r = s->in;
	struct vpshim_test_device d;

	fake_machine(test, &d, s->code, s->len, NULL);
	KUNIT_ASSERT_EQ(test, VideoPortInt10(d.ext, &r), (VP_STATUS)NO_ERROR);
	KUNIT_EXPECT_EQ(test, r.Eax, s->out.Eax);
	KUNIT_EXPECT_EQ(test, r.Ebx, s->out.Ebx);
	KUNIT_EXPECT_EQ(test, r.Ecx, s->out.Ecx);
	KUNIT_EXPECT_EQ(test, r.Edx, s->out.Edx);
	KUNIT_EXPECT_EQ(test, r.Esi, s->out.Esi);
	KUNIT_EXPECT_EQ(test, r.Edi, s->out.Edi);
	KUNIT_EXPECT_EQ_MSG(test, r.Ebp & s->flags_mask, s->out.Ebp & s->flags_mask,
			    "flags %#06x", r.Ebp);
	KUNIT_EXPECT_EQ(test, r.Ebp & 0x0002, 0x0002U);	/* bit 1 reads as one */
	vpshim_test_device_remove(test, &d);
}

/* ---- memory, ports, the VGA window, PCI ---- */

/* REP STOSB/MOVSW/CMPSB on the Int10 buffer, DS and ES from Int10CallBios. */
static void string_instructions_fill_and_compare_the_buffer(struct kunit *test)
{
	static const u8 code[] = {
		0xfc, 0xb9, 0x08, 0x00, 0xb0, 0x5a, 0x31, 0xff, 0xf3, 0xaa,	/* rep stosb */
		0x31, 0xf6, 0xbf, 0x10, 0x00, 0xb9, 0x04, 0x00, 0xf3, 0xa5,	/* rep movsw */
		0x31, 0xf6, 0xbf, 0x10, 0x00, 0xb9, 0x08, 0x00, 0xf3, 0xa6,	/* repe cmpsb */
	};
	VIDEO_PORT_INT10_INTERFACE iface = { .Size = sizeof(iface), .Version = 1 };
	INT10_BIOS_ARGUMENTS r = { 0 };
	struct vpshim_test_device d;
	USHORT seg = 0, off = 0;
	ULONG len = 4096;
	u8 buf[0x20];
	int i;

	fake_machine(test, &d, code, sizeof(code), NULL);
	KUNIT_ASSERT_EQ(test, VideoPortQueryServices(d.ext, VideoPortServicesInt10,
						     (void *)&iface), (VP_STATUS)NO_ERROR);
	KUNIT_ASSERT_EQ(test, iface.Int10AllocateBuffer(iface.Context, &seg, &off, &len),
			(VP_STATUS)NO_ERROR);
	KUNIT_EXPECT_EQ(test, seg, (USHORT)VPSHIM_INT10_BUFFER_SEG);
	KUNIT_EXPECT_EQ(test, off, (USHORT)0);
	KUNIT_EXPECT_EQ(test, len, 4096U);
	r.SegDs = seg;
	r.SegEs = seg;
	KUNIT_ASSERT_EQ(test, iface.Int10CallBios(iface.Context, &r), (VP_STATUS)NO_ERROR);
	KUNIT_EXPECT_EQ(test, r.Ecx, 0U);
	KUNIT_EXPECT_EQ(test, r.Esi, 8U);
	KUNIT_EXPECT_EQ(test, r.Edi, 0x18U);
	KUNIT_EXPECT_EQ(test, r.Ebp & FL_ARITH, (ULONG)(FL_ZF | FL_PF));
	KUNIT_EXPECT_EQ(test, r.SegDs, seg);
	KUNIT_EXPECT_EQ(test, r.SegEs, seg);
	KUNIT_ASSERT_EQ(test, iface.Int10ReadMemory(iface.Context, seg, off, buf, sizeof(buf)),
			(VP_STATUS)NO_ERROR);
	for (i = 0; i < 0x18; i++)
		KUNIT_EXPECT_EQ_MSG(test, buf[i], (i < 8 || i >= 0x10) ? 0x5a : 0, "byte %d", i);
	KUNIT_EXPECT_EQ(test, buf[0x18], 0);
	KUNIT_EXPECT_EQ(test, iface.Int10FreeBuffer(iface.Context, seg, off), (VP_STATUS)NO_ERROR);
	vpshim_test_device_remove(test, &d);
}

/* OUT and IN reach the adapter's ports, byte and word wide. */
static void ports_reach_the_adapter(struct kunit *test)
{
	static const u8 code[] = {
		0xba, 0xc8, 0x03, 0xb0, 0x07, 0xee,	/* mov dx, 0x3c8; mov al, 7; out dx, al */
		0x42, 0xb0, 0x3f, 0xee, 0xec,		/* inc dx; mov al, 0x3f; out; in al, dx */
		0xba, 0xce, 0x01, 0xbb, 0xc5, 0xb0,	/* mov dx, 0x1ce; mov bx, 0xb0c5 */
		0x93, 0xef, 0x93,			/* xchg ax, bx; out dx, ax; xchg ax, bx */
	};
	VIDEO_X86_BIOS_ARGUMENTS r = { 0 };
	struct vpshim_test_device d;
	struct fake_hw *hw;

	hw = fake_machine(test, &d, code, sizeof(code), NULL);
	KUNIT_ASSERT_EQ(test, VideoPortInt10(d.ext, &r), (VP_STATUS)NO_ERROR);
	KUNIT_EXPECT_EQ(test, hw->io[0x3c8], 7);
	KUNIT_EXPECT_EQ(test, hw->io[0x3c9], 0x3f);
	KUNIT_EXPECT_EQ(test, r.Eax & 0xff, 0x3fU);
	KUNIT_EXPECT_EQ(test, hw->io[0x1ce], 0xc5);
	KUNIT_EXPECT_EQ(test, hw->io[0x1cf], 0xb0);
	KUNIT_EXPECT_EQ(test, hw->port_writes, 3U);
	KUNIT_EXPECT_EQ(test, r.Ebx, 0xb0c5U);
	/* inc dx from 0x3c8: parity of 0xc9 is even, nothing else set */
	KUNIT_EXPECT_EQ(test, r.Ebp & FL_ARITH, (ULONG)FL_PF);
	vpshim_test_device_remove(test, &d);
}

/* B800:0000 is the adapter's memory, written and read through the window. */
static void vga_window_reaches_the_adapter(struct kunit *test)
{
	static const u8 code[] = {
		0xb8, 0x00, 0xb8, 0x8e, 0xc0,			/* mov ax, 0xb800; mov es, ax */
		0x26, 0xc7, 0x06, 0x00, 0x00, 0x41, 0x07,	/* movw $0x0741, %es:0 */
		0x26, 0x8b, 0x1e, 0x02, 0x00,			/* mov bx, es:[2] */
	};
	VIDEO_PORT_INT10_INTERFACE iface = { .Size = sizeof(iface), .Version = 1 };
	VIDEO_X86_BIOS_ARGUMENTS r = { 0 };
	struct vpshim_test_device d;
	struct fake_hw *hw;
	u8 cell[2];

	hw = fake_machine(test, &d, code, sizeof(code), NULL);
	hw->vga[0x18002] = 0x34;
	hw->vga[0x18003] = 0x12;
	KUNIT_ASSERT_EQ(test, VideoPortInt10(d.ext, &r), (VP_STATUS)NO_ERROR);
	KUNIT_EXPECT_EQ(test, hw->vga[0x18000], 0x41);
	KUNIT_EXPECT_EQ(test, hw->vga[0x18001], 0x07);
	KUNIT_EXPECT_EQ(test, r.Ebx, 0x1234U);
	/* Int10ReadMemory goes through the window too. */
	KUNIT_ASSERT_EQ(test, VideoPortQueryServices(d.ext, VideoPortServicesInt10,
						     (void *)&iface), (VP_STATUS)NO_ERROR);
	KUNIT_EXPECT_EQ(test, iface.Int10ReadMemory(iface.Context, 0xb800, 0, cell, 2),
			(VP_STATUS)NO_ERROR);
	KUNIT_EXPECT_EQ(test, cell[0], 0x41);
	KUNIT_EXPECT_EQ(test, cell[1], 0x07);
	vpshim_test_device_remove(test, &d);
}

/* Mechanism #1 answers for this function; another reads as all ones. */
static void pci_config_cycles_answer_for_this_adapter_only(struct kunit *test)
{
	static const u8 code[] = {
		0x66, 0xb8, 0x00, 0x10, 0x00, 0x80,	/* mov eax, 0x80001000 */
		0xba, 0xf8, 0x0c, 0x66, 0xef,		/* mov dx, 0xcf8; out dx, eax */
		0xb2, 0xfc, 0x66, 0xed,			/* mov dl, 0xfc; in eax, dx */
		0x66, 0x89, 0xc3,			/* mov ebx, eax */
		0x66, 0xb8, 0x00, 0x18, 0x00, 0x80,	/* mov eax, 0x80001800 (00:03.0) */
		0xb2, 0xf8, 0x66, 0xef,			/* mov dl, 0xf8; out dx, eax */
		0xb2, 0xfc, 0x66, 0xed,			/* mov dl, 0xfc; in eax, dx */
	};
	static const u8 write_ok[] = {
		0x66, 0xb8, 0x3c, 0x10, 0x00, 0x80,	/* mov eax, 0x8000103c */
		0xba, 0xf8, 0x0c, 0x66, 0xef,		/* mov dx, 0xcf8; out dx, eax */
		0xb2, 0xfc, 0xb0, 0x0b, 0xee,		/* mov dl, 0xfc; mov al, 0x0b; out dx, al */
	};
	VIDEO_X86_BIOS_ARGUMENTS r = { 0 };
	struct vpshim_test_device d;
	struct fake_hw *hw;

	fake_machine(test, &d, code, sizeof(code), NULL);
	KUNIT_ASSERT_EQ(test, VideoPortInt10(d.ext, &r), (VP_STATUS)NO_ERROR);
	KUNIT_EXPECT_EQ(test, r.Ebx, 0x11111234U);
	KUNIT_EXPECT_EQ(test, r.Eax, 0xffffffffU);
	vpshim_test_device_remove(test, &d);

	/* A write to a register of its own that is not a BAR goes through. */
	hw = fake_machine(test, &d, write_ok, sizeof(write_ok), NULL);
	KUNIT_ASSERT_EQ(test, VideoPortInt10(d.ext, &r), (VP_STATUS)NO_ERROR);
	KUNIT_EXPECT_EQ(test, hw->cfg[0x3c], 0x0b);
	KUNIT_EXPECT_EQ(test, hw->cfg_writes, 1U);
	vpshim_test_device_remove(test, &d);
}

/* INT 1Ah AX=B1xx: the PCI BIOS knows this adapter only. */
static void pci_bios_finds_and_reads_this_adapter_only(struct kunit *test)
{
	static const u8 code[] = { 0xcd, 0x1a };	/* int 0x1a */
	struct vpshim_test_device d;
	VIDEO_X86_BIOS_ARGUMENTS r;
	struct fake_hw *hw;

	hw = fake_machine(test, &d, code, sizeof(code), NULL);
	r = (VIDEO_X86_BIOS_ARGUMENTS){ .Eax = 0xb101 };
	KUNIT_ASSERT_EQ(test, VideoPortInt10(d.ext, &r), (VP_STATUS)NO_ERROR);
	KUNIT_EXPECT_EQ(test, r.Eax & 0xffff, 0x0001U);
	KUNIT_EXPECT_EQ(test, r.Edx, 0x20494350U);	/* "PCI " */
	KUNIT_EXPECT_EQ(test, r.Ebx & 0xffff, 0x0210U);
	KUNIT_EXPECT_EQ(test, r.Ebp & FL_CF, 0U);

	r = (VIDEO_X86_BIOS_ARGUMENTS){ .Eax = 0xb102, .Ecx = 0x1111, .Edx = 0x1234 };
	KUNIT_ASSERT_EQ(test, VideoPortInt10(d.ext, &r), (VP_STATUS)NO_ERROR);
	KUNIT_EXPECT_EQ(test, r.Eax & 0xff00, 0U);
	KUNIT_EXPECT_EQ(test, r.Ebx & 0xffff, (ULONG)(FAKE_BUS << 8 | FAKE_DEVFN));
	KUNIT_EXPECT_EQ(test, r.Ebp & FL_CF, 0U);

	r = (VIDEO_X86_BIOS_ARGUMENTS){ .Eax = 0xb102, .Ecx = 0x2222, .Edx = 0x1234 };
	KUNIT_ASSERT_EQ(test, VideoPortInt10(d.ext, &r), (VP_STATUS)NO_ERROR);
	KUNIT_EXPECT_EQ(test, r.Eax & 0xff00, 0x8600U);	/* device not found */
	KUNIT_EXPECT_EQ(test, r.Ebp & FL_CF, (ULONG)FL_CF);

	r = (VIDEO_X86_BIOS_ARGUMENTS){ .Eax = 0xb103, .Ecx = 0x030000 };
	KUNIT_ASSERT_EQ(test, VideoPortInt10(d.ext, &r), (VP_STATUS)NO_ERROR);
	KUNIT_EXPECT_EQ(test, r.Ebx & 0xffff, (ULONG)FAKE_DEVFN);
	KUNIT_EXPECT_EQ(test, r.Ebp & FL_CF, 0U);

	r = (VIDEO_X86_BIOS_ARGUMENTS){ .Eax = 0xb10a, .Ebx = FAKE_DEVFN, .Edi = 0 };
	KUNIT_ASSERT_EQ(test, VideoPortInt10(d.ext, &r), (VP_STATUS)NO_ERROR);
	KUNIT_EXPECT_EQ(test, r.Ecx, 0x11111234U);

	r = (VIDEO_X86_BIOS_ARGUMENTS){ .Eax = 0xb10a, .Ebx = FAKE_DEVFN + 8, .Edi = 0 };
	KUNIT_ASSERT_EQ(test, VideoPortInt10(d.ext, &r), (VP_STATUS)NO_ERROR);
	KUNIT_EXPECT_EQ(test, r.Ecx, 0xffffffffU);	/* another device: nobody answers */
	KUNIT_EXPECT_EQ(test, r.Eax & 0xff00, 0U);

	r = (VIDEO_X86_BIOS_ARGUMENTS){ .Eax = 0xb109, .Ebx = FAKE_DEVFN, .Edi = 1 };
	KUNIT_ASSERT_EQ(test, VideoPortInt10(d.ext, &r), (VP_STATUS)NO_ERROR);
	KUNIT_EXPECT_EQ(test, r.Eax & 0xff00, 0x8700U);	/* bad register number */
	KUNIT_EXPECT_EQ(test, r.Ebp & FL_CF, (ULONG)FL_CF);

	r = (VIDEO_X86_BIOS_ARGUMENTS){ .Eax = 0xb10b, .Ebx = FAKE_DEVFN, .Ecx = 0x0b,
					.Edi = 0x3c };
	KUNIT_ASSERT_EQ(test, VideoPortInt10(d.ext, &r), (VP_STATUS)NO_ERROR);
	KUNIT_EXPECT_EQ(test, hw->cfg[0x3c], 0x0b);

	/* Moving a BAR is refused: the call stops, the BAR is untouched. */
	r = (VIDEO_X86_BIOS_ARGUMENTS){ .Eax = 0xb10d, .Ebx = FAKE_DEVFN, .Ecx = 0xffffffff,
					.Edi = 0x10 };
	KUNIT_EXPECT_EQ(test, VideoPortInt10(d.ext, &r), (VP_STATUS)ERROR_INVALID_FUNCTION);
	expect_error_has(test, &d, "BAR register 0x10");
	KUNIT_EXPECT_EQ(test, hw->cfg[0x10], 0);
	KUNIT_EXPECT_EQ(test, hw->cfg_writes, 1U);
	vpshim_test_device_remove(test, &d);
}

/* INT 11h, 12h, 15h and 1Ah as a system BIOS answers them. */
static void system_bios_services_answer_as_a_bios(struct kunit *test)
{
	static const u8 int12[] = { 0xcd, 0x12 };
	static const u8 int15[] = { 0xcd, 0x15 };
	static const u8 int1a[] = { 0xcd, 0x1a };
	VIDEO_PORT_INT10_INTERFACE iface = { .Size = sizeof(iface), .Version = 1 };
	struct vpshim_test_device d;
	VIDEO_X86_BIOS_ARGUMENTS r;
	__le32 bda_ticks;
	u32 ticks;

	fake_machine(test, &d, int12, sizeof(int12), NULL);
	r = (VIDEO_X86_BIOS_ARGUMENTS){ .Eax = 0xffff };
	KUNIT_ASSERT_EQ(test, VideoPortInt10(d.ext, &r), (VP_STATUS)NO_ERROR);
	KUNIT_EXPECT_EQ(test, r.Eax, 639U);	/* KiB of conventional memory, below the EBDA */
	vpshim_test_device_remove(test, &d);

	fake_machine(test, &d, int15, sizeof(int15), NULL);
	r = (VIDEO_X86_BIOS_ARGUMENTS){ .Eax = 0xc000 };	/* system configuration */
	KUNIT_ASSERT_EQ(test, VideoPortInt10(d.ext, &r), (VP_STATUS)NO_ERROR);
	KUNIT_EXPECT_EQ(test, r.Eax & 0xff00, 0x8600U);		/* not supported */
	KUNIT_EXPECT_EQ(test, r.Ebp & FL_CF, (ULONG)FL_CF);
	r = (VIDEO_X86_BIOS_ARGUMENTS){ .Eax = 0x8600, .Ecx = 0, .Edx = 100 };	/* wait */
	KUNIT_ASSERT_EQ(test, VideoPortInt10(d.ext, &r), (VP_STATUS)NO_ERROR);
	KUNIT_EXPECT_EQ(test, r.Eax & 0xff00, 0U);
	KUNIT_EXPECT_EQ(test, r.Ebp & FL_CF, 0U);
	/* Copies above 1 MiB are refused: they would reach the kernel's memory. */
	r = (VIDEO_X86_BIOS_ARGUMENTS){ .Eax = 0x8700 };
	KUNIT_EXPECT_EQ(test, VideoPortInt10(d.ext, &r), (VP_STATUS)ERROR_INVALID_FUNCTION);
	expect_error_has(test, &d, "INT 15h AH=87h");
	vpshim_test_device_remove(test, &d);

	fake_machine(test, &d, int1a, sizeof(int1a), NULL);
	r = (VIDEO_X86_BIOS_ARGUMENTS){ .Eax = 0x0000 };
	KUNIT_ASSERT_EQ(test, VideoPortInt10(d.ext, &r), (VP_STATUS)NO_ERROR);
	ticks = (r.Ecx & 0xffff) << 16 | (r.Edx & 0xffff);
	KUNIT_ASSERT_EQ(test, VideoPortQueryServices(d.ext, VideoPortServicesInt10,
						     (void *)&iface), (VP_STATUS)NO_ERROR);
	KUNIT_ASSERT_EQ(test, iface.Int10ReadMemory(iface.Context, 0x0040, 0x006c, &bda_ticks, 4),
			(VP_STATUS)NO_ERROR);
	KUNIT_EXPECT_EQ(test, ticks, le32_to_cpu(bda_ticks));
	KUNIT_EXPECT_LT(test, ticks, 0x1800b0U);	/* ticks in a day */
	KUNIT_EXPECT_EQ(test, r.Ebp & FL_CF, 0U);
	vpshim_test_device_remove(test, &d);
}

/* The ROM is shadow RAM: what the BIOS writes in its segment stays. */
static void the_rom_is_writable_shadow_ram(struct kunit *test)
{
	static const u8 code[] = {
		0x8c, 0xc8, 0x8e, 0xd8,		/* mov ax, cs; mov ds, ax */
		0xfe, 0x06, 0x00, 0x02,		/* incb 0x200 */
		0xa0, 0x00, 0x02,		/* mov al, [0x200] */
	};
	VIDEO_PORT_INT10_INTERFACE iface = { .Size = sizeof(iface), .Version = 1 };
	VIDEO_X86_BIOS_ARGUMENTS r = { 0 };
	struct vpshim_test_device d;
	u8 rom[4];

	fake_machine(test, &d, code, sizeof(code), NULL);
	KUNIT_ASSERT_EQ(test, VideoPortInt10(d.ext, &r), (VP_STATUS)NO_ERROR);
	KUNIT_EXPECT_EQ(test, r.Eax & 0xff, 0x42U);
	KUNIT_ASSERT_EQ(test, VideoPortInt10(d.ext, &r), (VP_STATUS)NO_ERROR);
	KUNIT_EXPECT_EQ(test, r.Eax & 0xff, 0x43U);
	KUNIT_ASSERT_EQ(test, VideoPortQueryServices(d.ext, VideoPortServicesInt10,
						     (void *)&iface), (VP_STATUS)NO_ERROR);
	KUNIT_ASSERT_EQ(test, iface.Int10ReadMemory(iface.Context, 0xc000, 0, rom, 3),
			(VP_STATUS)NO_ERROR);
	KUNIT_EXPECT_EQ(test, rom[0], 0x55);
	KUNIT_EXPECT_EQ(test, rom[1], 0xaa);
	KUNIT_EXPECT_EQ(test, rom[2], ROM_SIZE / 512);
	KUNIT_ASSERT_EQ(test, iface.Int10ReadMemory(iface.Context, 0xc000, ROM_DATA, rom, 1),
			(VP_STATUS)NO_ERROR);
	KUNIT_EXPECT_EQ(test, rom[0], 0x43);
	vpshim_test_device_remove(test, &d);
}

/* The Int10 interface as a VESA miniport uses it: buffer, signature, call, read. */
static void int10_interface_round_trip(struct kunit *test)
{
	static const u8 code[] = {
		0x26, 0x66, 0xc7, 0x05, 0x56, 0x45, 0x53, 0x41,	/* movl $'VESA', %es:(%di) */
		0xb8, 0x4f, 0x00,				/* mov ax, 0x004f */
	};
	VIDEO_PORT_INT10_INTERFACE iface = { .Size = sizeof(iface), .Version = 1 };
	INT10_BIOS_ARGUMENTS r = { .Eax = 0x4f00 };
	struct vpshim_test_device d;
	USHORT seg, off;
	ULONG len = 512;
	char sig[5] = "VBE2";

	fake_machine(test, &d, code, sizeof(code), NULL);
	KUNIT_ASSERT_EQ(test, VideoPortQueryServices(d.ext, VideoPortServicesInt10,
						     (void *)&iface), (VP_STATUS)NO_ERROR);
	KUNIT_EXPECT_PTR_EQ(test, iface.Context, d.ext);
	iface.InterfaceReference(iface.Context);
	KUNIT_ASSERT_EQ(test, iface.Int10AllocateBuffer(iface.Context, &seg, &off, &len),
			(VP_STATUS)NO_ERROR);
	KUNIT_EXPECT_EQ(test, len, 4096U);
	KUNIT_ASSERT_EQ(test, iface.Int10WriteMemory(iface.Context, seg, off, sig, 4),
			(VP_STATUS)NO_ERROR);
	r.SegEs = seg;
	r.Edi = off + 0x40;
	KUNIT_ASSERT_EQ(test, iface.Int10CallBios(iface.Context, &r), (VP_STATUS)NO_ERROR);
	KUNIT_EXPECT_EQ(test, r.Eax, 0x004fU);
	KUNIT_EXPECT_EQ(test, r.SegEs, seg);
	KUNIT_EXPECT_EQ(test, r.SegDs, (USHORT)0);
	KUNIT_ASSERT_EQ(test, iface.Int10ReadMemory(iface.Context, seg, off + 0x40, sig, 4),
			(VP_STATUS)NO_ERROR);
	KUNIT_EXPECT_STREQ(test, sig, "VESA");
	KUNIT_ASSERT_EQ(test, iface.Int10ReadMemory(iface.Context, seg, off, sig, 4),
			(VP_STATUS)NO_ERROR);
	KUNIT_EXPECT_STREQ(test, sig, "VBE2");
	KUNIT_EXPECT_EQ(test, iface.Int10FreeBuffer(iface.Context, seg, off), (VP_STATUS)NO_ERROR);
	iface.InterfaceDereference(iface.Context);
	vpshim_test_device_remove(test, &d);
}

/* ---- refusals: each stops the call with an error and says what and where ---- */

struct refusal {
	const char *name;
	const u8 *code;
	size_t len;
	VP_STATUS status;
	const char *said[2];		/* both in the message */
};

static const struct refusal refusals[] = {
	{ "a port of another device",
	  CODE(0xba, 0x60, 0x00, 0xec),			/* mov dx, 0x60; in al, dx */
	  ERROR_INVALID_FUNCTION,
	  { "I/O port refused: port 0x0060 at c000:0103", "not a port of this adapter" } },
	{ "a write to the system BIOS area",
	  CODE(0xb8, 0x00, 0xf0, 0x8e, 0xc0,		/* mov ax, 0xf000; mov es, ax */
	       0x26, 0xc6, 0x06, 0x00, 0x00, 0x01),	/* movb $1, %es:0 */
	  ERROR_INVALID_FUNCTION,
	  { "memory access refused: address 0xf0000 at c000:0105", "read-only" } },
	{ "an interrupt nobody provides",
	  CODE(0xb4, 0x00, 0xcd, 0x16),			/* mov ah, 0; int 0x16 */
	  ERROR_INVALID_FUNCTION,
	  { "vector 0x16 at c000:0102", "INT 16h (AX=0034) is not provided" } },
	{ "INT3",
	  CODE(0xcc), ERROR_INVALID_FUNCTION, { "vector 0x03", "INT3" } },
	{ "an undefined opcode",
	  CODE(0x0f, 0x0b),				/* ud2 */
	  ERROR_INVALID_FUNCTION, { "undefined opcode at c000:0100 (bytes 0f 0b", "INT 10h" } },
	{ "a divide error",
	  CODE(0x31, 0xc9, 0xf7, 0xf1),			/* xor cx, cx; div cx */
	  ERROR_INVALID_FUNCTION, { "unhandled exception: vector 0x00 at c000:0102",
				    "divide error" } },
	{ "HLT",
	  CODE(0xf4), ERROR_INVALID_FUNCTION, { "HLT at c000:0100", "outside a call's return" } },
	{ "the instruction budget",
	  CODE(0xeb, 0xfe),				/* 1: jmp 1b */
	  WAIT_TIMEOUT, { "instruction budget exhausted (100000 instructions) at c000:0100",
			  "AX=1234" } },
	{ "a PCI configuration write to another device",
	  CODE(0x66, 0xb8, 0x00, 0x18, 0x00, 0x80,	/* mov eax, 0x80001800 */
	       0xba, 0xf8, 0x0c, 0x66, 0xef,		/* mov dx, 0xcf8; out dx, eax */
	       0xb2, 0xfc, 0x66, 0xef),			/* mov dl, 0xfc; out dx, eax */
	  ERROR_INVALID_FUNCTION,
	  { "port 0x0cfc at c000:010d", "00:03.0 register 0x0: not this adapter" } },
};

static void refusal_desc(const struct refusal *r, char *desc)
{
	strscpy(desc, r->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(refusal, refusals, refusal_desc);

static void refused_access_stops_the_call(struct kunit *test)
{
	const struct refusal *f = test->param_value;
	VIDEO_X86_BIOS_ARGUMENTS r = { .Eax = 0x1234, .Ebx = 0x5678 };
	struct vpshim_test_device d;

	fake_machine(test, &d, f->code, f->len, NULL);
	KUNIT_EXPECT_EQ(test, VideoPortInt10(d.ext, &r), f->status);
	/* Nothing comes back from a failed call. */
	KUNIT_EXPECT_EQ(test, r.Eax, 0x1234U);
	KUNIT_EXPECT_EQ(test, r.Ebx, 0x5678U);
	expect_error_has(test, &d, f->said[0]);
	expect_error_has(test, &d, f->said[1]);
	vpshim_test_device_remove(test, &d);
}

static void no_vga_window(struct vpshim_int10_config *cfg)
{
	cfg->vga_window = false;
	cfg->nports = 0;
}

/* An adapter that does not decode legacy VGA reaches neither its memory nor its ports. */
static void legacy_vga_is_refused_without_the_window(struct kunit *test)
{
	static const u8 mem[] = {
		0xb8, 0x00, 0xb8, 0x8e, 0xc0,			/* mov ax, 0xb800; mov es, ax */
		0x26, 0xc7, 0x06, 0x00, 0x00, 0x41, 0x07,	/* movw $0x0741, %es:0 */
	};
	static const u8 port[] = { 0xba, 0xc8, 0x03, 0xee };	/* mov dx, 0x3c8; out dx, al */
	VIDEO_X86_BIOS_ARGUMENTS r = { 0 };
	struct vpshim_test_device d;
	struct fake_hw *hw;

	hw = fake_machine(test, &d, mem, sizeof(mem), no_vga_window);
	KUNIT_EXPECT_EQ(test, VideoPortInt10(d.ext, &r), (VP_STATUS)ERROR_INVALID_FUNCTION);
	expect_error_has(test, &d, "address 0xb8000");
	expect_error_has(test, &d, "the legacy VGA window, which this adapter does not decode");
	KUNIT_EXPECT_EQ(test, hw->vga[0x18000], 0);
	vpshim_test_device_remove(test, &d);

	hw = fake_machine(test, &d, port, sizeof(port), no_vga_window);
	KUNIT_EXPECT_EQ(test, VideoPortInt10(d.ext, &r), (VP_STATUS)ERROR_INVALID_FUNCTION);
	expect_error_has(test, &d, "port 0x03c8");
	KUNIT_EXPECT_EQ(test, hw->port_writes, 0U);
	vpshim_test_device_remove(test, &d);
}

/* The POST code port and the debug consoles are ignored, not refused. */
static void probed_ports_are_ignored(struct kunit *test)
{
	static const u8 code[] = {
		0xba, 0x02, 0x04, 0xec,		/* mov dx, 0x402; in al, dx */
		0x88, 0xc3,			/* mov bl, al */
		0xe6, 0x80,			/* out 0x80, al */
		0xe6, 0xe9,			/* out 0xe9, al */
	};
	VIDEO_X86_BIOS_ARGUMENTS r = { 0 };
	struct vpshim_test_device d;
	struct fake_hw *hw;

	hw = fake_machine(test, &d, code, sizeof(code), NULL);
	KUNIT_ASSERT_EQ(test, VideoPortInt10(d.ext, &r), (VP_STATUS)NO_ERROR);
	KUNIT_EXPECT_EQ(test, r.Ebx & 0xff, 0xffU);	/* no debug console */
	KUNIT_EXPECT_EQ(test, hw->port_writes, 0U);
	vpshim_test_device_remove(test, &d);
}

static void no_post(struct vpshim_int10_config *cfg)
{
	cfg->post = false;
}

/* A ROM that never ran its init has no INT 10h vector: refused, said so. */
static void uninitialised_bios_is_refused(struct kunit *test)
{
	static const u8 code[] = { 0x90 };
	VIDEO_X86_BIOS_ARGUMENTS r = { .Eax = 0x4f02 };
	struct vpshim_test_device d;

	fake_machine(test, &d, code, sizeof(code), no_post);
	KUNIT_EXPECT_EQ(test, VideoPortInt10(d.ext, &r), (VP_STATUS)ERROR_INVALID_FUNCTION);
	KUNIT_EXPECT_EQ(test, r.Eax, 0x4f02U);
	expect_error_has(test, &d, "never initialised");
	vpshim_test_device_remove(test, &d);
}

/* A machine is not made of a ROM without a signature or one whose POST fails. */
static void bad_roms_make_no_machine(struct kunit *test)
{
	static const u8 code[] = { 0x90 };
	struct vpshim_int10_config cfg;
	struct vpshim_test_device d;
	struct fake_hw *hw = fake_hw_new(test);
	u8 *rom = fake_rom(test, code, sizeof(code));

	vpshim_test_device_add(test, &d, "vpshim-int10", 16);
	fake_config(&cfg, hw, rom);
	rom[1] = 0x00;
	KUNIT_EXPECT_EQ(test, vpshim_int10_test_attach(d.ext, &cfg), -EINVAL);
	rom[1] = 0xaa;
	rom[3] = 0x0f;		/* init entry: ud2 */
	rom[4] = 0x0b;
	KUNIT_EXPECT_EQ(test, vpshim_int10_test_attach(d.ext, &cfg), -EIO);
	/* Still no machine: the call fails as on a device without a BIOS. */
	KUNIT_EXPECT_EQ(test, VideoPortInt10(d.ext, &(VIDEO_X86_BIOS_ARGUMENTS){ 0 }),
			(VP_STATUS)ERROR_INVALID_FUNCTION);
	vpshim_test_device_remove(test, &d);
}

static DEFINE_SPINLOCK(atomic_lock);

/* PASSIVE_LEVEL only: from atomic context every call is refused untouched. */
static void atomic_context_is_refused(struct kunit *test)
{
	static const u8 code[] = { 0x40 };	/* inc ax */
	VIDEO_PORT_INT10_INTERFACE iface = { .Size = sizeof(iface), .Version = 1 };
	VIDEO_X86_BIOS_ARGUMENTS r = { .Eax = 1 };
	INT10_BIOS_ARGUMENTS a = { .Eax = 1 };
	struct vpshim_test_device d;
	USHORT seg = 0, off = 0;
	ULONG len = 16;
	unsigned long flags;
	VP_STATUS st[5];
	u8 buf[4];

	fake_machine(test, &d, code, sizeof(code), NULL);
	KUNIT_ASSERT_EQ(test, VideoPortQueryServices(d.ext, VideoPortServicesInt10,
						     (void *)&iface), (VP_STATUS)NO_ERROR);
	spin_lock_irqsave(&atomic_lock, flags);
	st[0] = VideoPortInt10(d.ext, &r);
	st[1] = iface.Int10CallBios(iface.Context, &a);
	st[2] = iface.Int10AllocateBuffer(iface.Context, &seg, &off, &len);
	st[3] = iface.Int10ReadMemory(iface.Context, 0, 0, buf, sizeof(buf));
	st[4] = iface.Int10FreeBuffer(iface.Context, VPSHIM_INT10_BUFFER_SEG, 0);
	spin_unlock_irqrestore(&atomic_lock, flags);
	KUNIT_EXPECT_EQ(test, st[0], (VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, st[1], (VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, st[2], (VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, st[3], (VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, st[4], (VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, r.Eax, 1U);
	KUNIT_EXPECT_EQ(test, a.Eax, 1U);
	KUNIT_EXPECT_EQ(test, seg, (USHORT)0);
	/* The same calls work at PASSIVE_LEVEL. */
	KUNIT_EXPECT_EQ(test, VideoPortInt10(d.ext, &r), (VP_STATUS)NO_ERROR);
	KUNIT_EXPECT_EQ(test, r.Eax, 2U);
	vpshim_test_device_remove(test, &d);
}

/* Each callback refuses bad arguments with the documented status. */
static void callbacks_refuse_bad_arguments(struct kunit *test)
{
	static const u8 code[] = { 0x90 };
	VIDEO_PORT_INT10_INTERFACE iface = { .Size = sizeof(iface), .Version = 1 };
	struct vpshim_test_device d;
	USHORT seg = 0, off = 0;
	ULONG len;
	u8 buf[32] = { 0 };
	int dummy;

	fake_machine(test, &d, code, sizeof(code), NULL);
	KUNIT_ASSERT_EQ(test, VideoPortQueryServices(d.ext, VideoPortServicesInt10,
						     (void *)&iface), (VP_STATUS)NO_ERROR);

	/* Int10AllocateBuffer: NULL outputs, too big, twice. */
	len = 16;
	KUNIT_EXPECT_EQ(test, iface.Int10AllocateBuffer(iface.Context, NULL, &off, &len),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, iface.Int10AllocateBuffer(iface.Context, &seg, &off, NULL),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	len = 4097;
	KUNIT_EXPECT_EQ(test, iface.Int10AllocateBuffer(iface.Context, &seg, &off, &len),
			(VP_STATUS)VPSHIM_STATUS_INSUFFICIENT_RESOURCES);
	KUNIT_EXPECT_EQ(test, len, 4096U);	/* says 4096 either way */
	KUNIT_EXPECT_EQ(test, seg, (USHORT)0);
	len = 100;
	KUNIT_ASSERT_EQ(test, iface.Int10AllocateBuffer(iface.Context, &seg, &off, &len),
			(VP_STATUS)NO_ERROR);
	KUNIT_EXPECT_EQ(test, iface.Int10AllocateBuffer(iface.Context, &seg, &off, &len),
			(VP_STATUS)VPSHIM_STATUS_INSUFFICIENT_RESOURCES);

	/* Int10FreeBuffer: not what was allocated; twice. */
	KUNIT_EXPECT_EQ(test, iface.Int10FreeBuffer(iface.Context, seg + 1, off),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, iface.Int10FreeBuffer(iface.Context, seg, off + 16),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, iface.Int10FreeBuffer(iface.Context, seg, off), (VP_STATUS)NO_ERROR);
	KUNIT_EXPECT_EQ(test, iface.Int10FreeBuffer(iface.Context, seg, off),
			(VP_STATUS)ERROR_INVALID_PARAMETER);

	/* Int10ReadMemory and Int10WriteMemory: NULL buffers, ranges outside. */
	KUNIT_EXPECT_EQ(test, iface.Int10ReadMemory(iface.Context, 0x2000, 0, NULL, 4),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, iface.Int10WriteMemory(iface.Context, 0x2000, 0, NULL, 4),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, iface.Int10ReadMemory(iface.Context, 0x2000, 0, NULL, 0),
			(VP_STATUS)NO_ERROR);
	KUNIT_EXPECT_EQ(test, iface.Int10ReadMemory(iface.Context, 0xffff, 0xfff0, buf, 32),
			(VP_STATUS)ERROR_INVALID_PARAMETER);	/* past 1 MiB */
	KUNIT_EXPECT_EQ(test, iface.Int10ReadMemory(iface.Context, 0x9fff, 0x0008, buf, 16),
			(VP_STATUS)ERROR_INVALID_PARAMETER);	/* across two regions */
	KUNIT_EXPECT_EQ(test, iface.Int10ReadMemory(iface.Context, 0xd000, 0, buf, 16),
			(VP_STATUS)NO_ERROR);			/* upper memory: RAM */
	KUNIT_EXPECT_EQ(test, iface.Int10WriteMemory(iface.Context, 0xd000, 0, buf, 16),
			(VP_STATUS)ERROR_INVALID_PARAMETER);	/* but not the caller's */
	KUNIT_EXPECT_EQ(test, iface.Int10WriteMemory(iface.Context, 0xc000, 0, buf, 2),
			(VP_STATUS)ERROR_INVALID_PARAMETER);	/* the ROM is not the caller's */
	KUNIT_EXPECT_EQ(test, iface.Int10WriteMemory(iface.Context, 0xf000, 0xff53, buf, 1),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, iface.Int10ReadMemory(iface.Context, 0xf000, 0xfffe, buf, 1),
			(VP_STATUS)NO_ERROR);
	KUNIT_EXPECT_EQ(test, buf[0], 0xfc);		/* the model byte */

	/* Int10CallBios: NULL arguments; a context that is no device's. */
	KUNIT_EXPECT_EQ(test, iface.Int10CallBios(iface.Context, NULL),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, iface.Int10CallBios(&dummy, &(INT10_BIOS_ARGUMENTS){ 0 }),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, iface.Int10ReadMemory(NULL, 0, 0, buf, 1),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, VideoPortInt10(d.ext, NULL), (VP_STATUS)ERROR_INVALID_PARAMETER);
	vpshim_test_device_remove(test, &d);
}

/* A device without a video BIOS: every Int10 service fails as documented. */
static void unsupported_services_fail_as_documented(struct kunit *test)
{
	VIDEO_X86_BIOS_ARGUMENTS regs = { .Eax = 0x4f02, .Ebx = 0x4118 };
	VIDEO_PORT_INT10_INTERFACE int10 = { .Size = sizeof(int10), .Version = 1 };
	struct platform_device *pdev;
	INTERFACE iface = { .Size = sizeof(iface), .Version = 1 };
	VIDEO_REQUEST_PACKET vrp = { .IoControlCode = 0x230000 };
	USHORT seg = 0, off = 0;
	ULONG len = 16;
	ULONG vga = 7;
	void *ext;
	int type;

	pdev = platform_device_register_simple("vpshim-int10-test", 1, NULL, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR_OR_NULL(pdev));
	ext = vpshim_device_attach(&pdev->dev, 8);
	KUNIT_ASSERT_NOT_NULL(test, ext);

	KUNIT_EXPECT_EQ(test, VideoPortInt10(ext, &regs), (VP_STATUS)ERROR_INVALID_FUNCTION);
	KUNIT_EXPECT_EQ(test, regs.Eax, 0x4f02U);	/* no fake "success" code */
	KUNIT_EXPECT_EQ(test, VideoPortInt10(ext, NULL), (VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, VideoPortQueryServices(ext, VideoPortServicesInt10,
						     (void *)&int10),
			(VP_STATUS)ERROR_INVALID_FUNCTION);
	KUNIT_ASSERT_NOT_NULL(test, (void *)int10.Int10AllocateBuffer);
	KUNIT_EXPECT_EQ(test, int10.Int10AllocateBuffer(int10.Context, &seg, &off, &len),
			(VP_STATUS)ERROR_INVALID_FUNCTION);
	KUNIT_EXPECT_EQ(test, seg, (USHORT)0);
	/* A bare INTERFACE is too small for any service: nothing is written. */
	for (type = VideoPortServicesAGP; type <= VideoPortServicesWCMemoryProtection; type++) {
		if (type == VideoPortServicesHeadless)
			continue;
		KUNIT_EXPECT_EQ(test, VideoPortQueryServices(ext, type, &iface),
				(VP_STATUS)ERROR_INVALID_PARAMETER);
		KUNIT_EXPECT_NULL(test, iface.Context);
		KUNIT_EXPECT_NULL(test, (void *)iface.InterfaceReference);
	}

	KUNIT_EXPECT_EQ(test, VideoPortGetVgaStatus(ext, &vga), (VP_STATUS)ERROR_INVALID_FUNCTION);
	KUNIT_EXPECT_EQ(test, vga, 7U);
	KUNIT_EXPECT_EQ(test, VideoPortGetVgaStatus(ext, NULL),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_NULL(test, VideoPortGetRomImage(ext, NULL, 0, 256));
	KUNIT_EXPECT_NULL(test, VideoPortGetRomImage(ext, NULL, 0, 0));
	KUNIT_EXPECT_FALSE(test, VideoPortCheckForDeviceExistence(ext, 0x1234, 0xdead, 0, 0, 0, 0));
	KUNIT_EXPECT_FALSE(test,
			   VideoPortCheckForDeviceExistence(NULL, 0x1234, 0x11e8, 0, 0, 0, 0));
	VideoPortLogError(ext, &vrp, ERROR_BUSY, 42);
	VideoPortLogError(ext, NULL, ERROR_BUSY, 43);
	VideoPortLogError(NULL, NULL, ERROR_BUSY, 44);

	KUNIT_EXPECT_EQ(test, vpshim_device_detach(ext), 0U);
	platform_device_unregister(pdev);
}

static struct kunit_case vpshim_int10_cases[] = {
	KUNIT_CASE(unsupported_services_fail_as_documented),
	KUNIT_CASE_PARAM(instruction_groups_compute_as_a_386, snippet_gen_params),
	KUNIT_CASE(string_instructions_fill_and_compare_the_buffer),
	KUNIT_CASE(ports_reach_the_adapter),
	KUNIT_CASE(vga_window_reaches_the_adapter),
	KUNIT_CASE(pci_config_cycles_answer_for_this_adapter_only),
	KUNIT_CASE(pci_bios_finds_and_reads_this_adapter_only),
	KUNIT_CASE(system_bios_services_answer_as_a_bios),
	KUNIT_CASE(the_rom_is_writable_shadow_ram),
	KUNIT_CASE(int10_interface_round_trip),
	KUNIT_CASE_PARAM(refused_access_stops_the_call, refusal_gen_params),
	KUNIT_CASE(legacy_vga_is_refused_without_the_window),
	KUNIT_CASE(probed_ports_are_ignored),
	KUNIT_CASE(uninitialised_bios_is_refused),
	KUNIT_CASE(bad_roms_make_no_machine),
	KUNIT_CASE(atomic_context_is_refused),
	KUNIT_CASE(callbacks_refuse_bad_arguments),
	{}
};

static struct kunit_suite vpshim_int10_suite = {
	.name = "vpshim_int10",
	.test_cases = vpshim_int10_cases,
};

kunit_test_suite(vpshim_int10_suite);
