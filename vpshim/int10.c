// SPDX-License-Identifier: GPL-2.0
/*
 * int10.c - VideoPortInt10 and the Int10 interface of VideoPortQueryServices.
 *
 * Windows runs the adapter's real-mode video BIOS in a virtual 8086 machine
 * (x86) or an emulator (x64). vpshim runs it in an emulated PC of the
 * adapter's own (int10_machine.c, on vpshim/x86emu), made on the first use:
 * the adapter's ROM at C000:0000, the platform's IVT and BDA when the ROM
 * is the boot VGA's already initialised shadow, the adapter's own ports,
 * its PCI configuration space and, for the VGA that decodes them, the legacy
 * VGA window and ports. Documentation/int10.rst describes the machine.
 *
 * The Int10 interface's buffer is one 4 KiB block at 2000:0000. A device
 * without a usable BIOS (not PCI, no option ROM, a ROM that was never
 * initialised) fails every call with ERROR_INVALID_FUNCTION, as before.
 */

#include <linux/io.h>
#include <linux/moduleparam.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/vgaarb.h>

#include "vpshim.h"
#include "parts.h"
#include "int10_machine.h"

/* The Int10 area's state in each device. */
struct vpshim_int10_state {
	struct vpshim_int10 *machine;	/* made on first use; an ERR_PTR: none */
};

static struct vpshim_int10_state *int10_of(struct vpshim_device *vdev)
{
	return vpshim_part_state(vdev, &vpshim_int10_part);
}

module_param_named(int10_max_instructions, vpshim_int10_max_instructions, ulong, 0644);
MODULE_PARM_DESC(int10_max_instructions,
		 "Instructions one video BIOS call may run before it fails (default 50000000)");

static bool int10_post;
module_param(int10_post, bool, 0644);
MODULE_PARM_DESC(int10_post,
		 "POST the video BIOS of adapters whose ROM did not run at boot, in the emulator (default N; per adapter: registry DWORD VpshimPostVideoBios)");

/* Makes a device's machine once (also the KUnit suite's). */
static DEFINE_MUTEX(vpshim_int10_create_lock);

/* ---- the real adapter behind a machine ---- */

struct vpshim_int10_pci {
	struct pci_dev *pdev;
	void __iomem *vga;		/* A0000-BFFFF, when it decodes them */
};

#ifdef VPSHIM_HAVE_IOPORT
#define VPSHIM_INT10_PORTS	true

static int vpshim_int10_pci_in(void *ctx, unsigned int port, unsigned int size, u32 *val)
{
	*val = size == 1 ? inb(port) : size == 2 ? inw(port) : inl(port);
	return 0;
}

static int vpshim_int10_pci_out(void *ctx, unsigned int port, unsigned int size, u32 val)
{
	if (size == 1)
		outb(val, port);
	else if (size == 2)
		outw(val, port);
	else
		outl(val, port);
	return 0;
}
#else
/* No port I/O on this platform: no port is ever configured, none reached. */
#define VPSHIM_INT10_PORTS	false

static int vpshim_int10_pci_in(void *ctx, unsigned int port, unsigned int size, u32 *val)
{
	return -ENODEV;
}

static int vpshim_int10_pci_out(void *ctx, unsigned int port, unsigned int size, u32 val)
{
	return -ENODEV;
}
#endif

static int vpshim_int10_pci_vga_read(void *ctx, unsigned int off, unsigned int size, u32 *val)
{
	struct vpshim_int10_pci *p = ctx;

	if (!p->vga)
		return -ENODEV;
	*val = size == 1 ? readb(p->vga + off) : size == 2 ? readw(p->vga + off) :
	       readl(p->vga + off);
	return 0;
}

static int vpshim_int10_pci_vga_write(void *ctx, unsigned int off, unsigned int size, u32 val)
{
	struct vpshim_int10_pci *p = ctx;

	if (!p->vga)
		return -ENODEV;
	if (size == 1)
		writeb(val, p->vga + off);
	else if (size == 2)
		writew(val, p->vga + off);
	else
		writel(val, p->vga + off);
	return 0;
}

static int vpshim_int10_pci_cfg_read(void *ctx, unsigned int reg, unsigned int size, u32 *val)
{
	struct vpshim_int10_pci *p = ctx;
	u16 w;
	u8 b;
	int err;

	if (size == 1) {
		err = pci_read_config_byte(p->pdev, reg, &b);
		*val = b;
	} else if (size == 2) {
		err = pci_read_config_word(p->pdev, reg, &w);
		*val = w;
	} else {
		err = pci_read_config_dword(p->pdev, reg, val);
	}
	return err ? -EIO : 0;
}

static int vpshim_int10_pci_cfg_write(void *ctx, unsigned int reg, unsigned int size, u32 val)
{
	struct vpshim_int10_pci *p = ctx;
	int err;

	if (size == 1)
		err = pci_write_config_byte(p->pdev, reg, val);
	else if (size == 2)
		err = pci_write_config_word(p->pdev, reg, val);
	else
		err = pci_write_config_dword(p->pdev, reg, val);
	return err ? -EIO : 0;
}

/* Legacy VGA decoding stays with this adapter while its BIOS runs. */
static int vpshim_int10_pci_begin(void *ctx)
{
	struct vpshim_int10_pci *p = ctx;

	if (!p->vga)
		return 0;
	return vga_get_interruptible(p->pdev, VGA_RSRC_LEGACY_IO | VGA_RSRC_LEGACY_MEM);
}

static void vpshim_int10_pci_end(void *ctx)
{
	struct vpshim_int10_pci *p = ctx;

	if (p->vga)
		vga_put(p->pdev, VGA_RSRC_LEGACY_IO | VGA_RSRC_LEGACY_MEM);
}

static void vpshim_int10_pci_release(void *ctx)
{
	struct vpshim_int10_pci *p = ctx;

	if (p->vga)
		iounmap(p->vga);
	kfree(p);
}

static const struct vpshim_int10_hw vpshim_int10_pci_hw = {
	.port_in = vpshim_int10_pci_in,
	.port_out = vpshim_int10_pci_out,
	.vga_read = vpshim_int10_pci_vga_read,
	.vga_write = vpshim_int10_pci_vga_write,
	.cfg_read = vpshim_int10_pci_cfg_read,
	.cfg_write = vpshim_int10_pci_cfg_write,
	.begin = vpshim_int10_pci_begin,
	.end = vpshim_int10_pci_end,
	.release = vpshim_int10_pci_release,
};

/*
 * Whether the legacy VGA window reaches this adapter: the rule of
 * resources.c (a VGA-class device the VGA arbiter routes legacy decoding
 * to), on a platform where the window is at its PC addresses.
 */
static bool vpshim_int10_decodes_vga(struct pci_dev *pdev)
{
	return IS_ENABLED(CONFIG_X86) && (pdev->class >> 8) == PCI_CLASS_DISPLAY_VGA &&
	       vga_default_device() == pdev;
}

/*
 * Legacy ports beyond 3B0-3DF that a VGA decodes along with them: the
 * Bochs VBE ("DISPI") index and data ports of QEMU's VGA-compatible
 * adapters, which their SeaBIOS VGA BIOS drives.
 */
static const struct {
	u16 vendor, device;
	struct vpshim_int10_ports ports;
} vpshim_int10_legacy_ext[] = {
	{ 0x1234, 0x1111, { 0x1ce, 3 } },	/* QEMU standard VGA */
	{ 0x1b36, 0x0100, { 0x1ce, 3 } },	/* QEMU QXL, VGA mode */
	{ 0x1af4, 0x1050, { 0x1ce, 3 } },	/* virtio-vga */
	{ 0x15ad, 0x0405, { 0x1ce, 3 } },	/* QEMU VMware SVGA II */
};

static void vpshim_int10_add_ports(struct vpshim_int10_config *cfg, u16 start, u32 len)
{
	if (cfg->nports < VPSHIM_INT10_MAX_PORT_RANGES && len && start + len <= 0x10000) {
		cfg->ports[cfg->nports].start = start;
		cfg->ports[cfg->nports].len = len;
		cfg->nports++;
	}
}

/* The ports the adapter decodes: its I/O BARs, and the legacy ranges of the VGA. */
static void vpshim_int10_pci_ports(struct pci_dev *pdev, struct vpshim_int10_config *cfg,
				   bool legacy)
{
	unsigned int bar, i;

	if (!VPSHIM_INT10_PORTS)
		return;
	for (bar = 0; bar < PCI_STD_NUM_BARS; bar++) {
		struct resource *res = &pdev->resource[bar];

		if ((res->flags & IORESOURCE_IO) && resource_size(res))
			vpshim_int10_add_ports(cfg, res->start, resource_size(res));
	}
	if (!legacy)
		return;
	vpshim_int10_add_ports(cfg, 0x3b0, 0x30);
	for (i = 0; i < ARRAY_SIZE(vpshim_int10_legacy_ext); i++)
		if (pdev->vendor == vpshim_int10_legacy_ext[i].vendor &&
		    pdev->device == vpshim_int10_legacy_ext[i].device)
			vpshim_int10_add_ports(cfg, vpshim_int10_legacy_ext[i].ports.start,
					       vpshim_int10_legacy_ext[i].ports.len);
}

/* A copy of the adapter's ROM (the boot VGA's shadow at C0000, or its BAR). */
static void *vpshim_int10_read_rom(struct vpshim_device *vdev, size_t *len, bool *shadow)
{
	struct pci_dev *pdev = vdev->pdev;
	void __iomem *rom;
	void *copy = NULL;
	size_t size;

	rom = pci_map_rom(pdev, &size);
	if (!rom)
		return NULL;
	*len = min_t(size_t, size, VPSHIM_INT10_ROM_MAX);
	*shadow = pdev->resource[PCI_ROM_RESOURCE].flags & IORESOURCE_ROM_SHADOW;
	copy = kvmalloc(*len, GFP_KERNEL);
	if (copy)
		memcpy_fromio(copy, rom, *len);
	pci_unmap_rom(pdev, rom);
	return copy;
}

/*
 * Whether to POST this adapter's ROM when it did not run at boot: the
 * module parameter, or a nonzero DWORD VpshimPostVideoBios in the adapter
 * key. (A ROM that ran at boot is never run again: SeaBIOS's VGA BIOS, for
 * one, would skip installing its vectors the second time.)
 */
static bool vpshim_int10_post_asked(struct vpshim_device *vdev)
{
	u32 value;

	if (READ_ONCE(int10_post))
		return true;
	return !vpshim_registry_get_dword(vdev, "VpshimPostVideoBios", &value) && value;
}

/* The machine of a bound PCI adapter, built from what it decodes. */
static struct vpshim_int10 *vpshim_int10_pci_machine(struct vpshim_device *vdev, bool post)
{
	struct vpshim_int10_config cfg = { .hw = &vpshim_int10_pci_hw };
	struct pci_dev *pdev = vdev->pdev;
	struct vpshim_int10_pci *p;
	struct vpshim_int10 *m;
	bool shadow = false, legacy;
	void *rom;

	if (!pdev)
		return ERR_PTR(-EOPNOTSUPP);
	rom = vpshim_int10_read_rom(vdev, &cfg.rom_len, &shadow);
	if (!rom)
		return ERR_PTR(-EOPNOTSUPP);
	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p) {
		kvfree(rom);
		return ERR_PTR(-ENOMEM);
	}
	p->pdev = pdev;
	legacy = vpshim_int10_decodes_vga(pdev);
	if (legacy)
		p->vga = ioremap(0xa0000, 0x20000);
	cfg.rom = rom;
	cfg.rom_initialized = shadow;
	cfg.low_memory = shadow;
	cfg.post = !shadow && post;
	cfg.vga_window = !!p->vga;
	vpshim_int10_pci_ports(pdev, &cfg, legacy);
	cfg.pci = true;
	cfg.bus = pdev->bus->number;
	cfg.devfn = pdev->devfn;
	cfg.vendor = pdev->vendor;
	cfg.device = pdev->device;
	cfg.class = pdev->class;
	cfg.hw_ctx = p;
	m = vpshim_int10_machine_create(vdev, &cfg);
	kvfree(rom);
	if (IS_ERR(m))
		vpshim_int10_pci_release(p);
	return m;
}

/* ---- the per-device machine ---- */

/*
 * The device's machine, made on first use. A device found to have no BIOS
 * vpshim can run keeps that answer (the area state holds the ERR_PTR), so that
 * a failed POST is not run again at every call; running out of memory or
 * a fatal signal is not kept. Return: the machine, or an ERR_PTR:
 * -EOPNOTSUPP when the device has no video BIOS (or its POST failed),
 * -ENOMEM, -EINTR.
 */
static struct vpshim_int10 *vpshim_int10_get(struct vpshim_device *vdev, const char *func)
{
	struct vpshim_int10 *m;
	int err;

	mutex_lock(&vpshim_int10_create_lock);
	m = int10_of(vdev)->machine;
	if (!m) {
		m = vpshim_int10_pci_machine(vdev, vpshim_int10_post_asked(vdev));
		if (IS_ERR(m) && PTR_ERR(m) != -ENOMEM && PTR_ERR(m) != -EINTR)
			m = ERR_PTR(-EOPNOTSUPP);
		if (!IS_ERR(m) || PTR_ERR(m) == -EOPNOTSUPP)
			int10_of(vdev)->machine = m;
	}
	mutex_unlock(&vpshim_int10_create_lock);
	if (!IS_ERR(m))
		return m;
	err = PTR_ERR(m);
	dev_warn_ratelimited(vdev->dev, "%s: %s; failing with %s\n", func,
			     err == -ENOMEM ? "no memory for the BIOS machine" :
			     err == -EINTR ? "interrupted while making the BIOS machine" :
			     "this adapter has no video BIOS vpshim can run",
			     err == -ENOMEM ? "ERROR_NOT_ENOUGH_MEMORY" : "ERROR_INVALID_FUNCTION");
	return m;
}

/* The status for an error of the machine (-EOPNOTSUPP: no BIOS). */
static VP_STATUS vpshim_int10_status(int err)
{
	return err == -EOPNOTSUPP ? ERROR_INVALID_FUNCTION : vpshim_errno_to_status(err);
}

/* The device and its locked machine for a call from @ext, or a status. */
static VP_STATUS vpshim_int10_begin_call(PVOID ext, const char *func, unsigned long caller,
					 struct vpshim_device **vdevp, struct vpshim_int10 **mp)
{
	struct vpshim_device *vdev;
	struct vpshim_int10 *m;

	vdev = vpshim_device_get(ext, func, caller);
	if (!vdev || !vpshim_check_passive(vdev, func, caller))
		return ERROR_INVALID_PARAMETER;
	m = vpshim_int10_get(vdev, func);
	if (IS_ERR(m))
		return vpshim_int10_status(PTR_ERR(m));
	if (vpshim_int10_machine_lock(m))
		return ERROR_INVALID_FUNCTION;
	*vdevp = vdev;
	*mp = m;
	return NO_ERROR;
}

/**
 * vpshim_int10_prepare() - POST the adapter's video BIOS before HwFindAdapter
 * @vdev: the binding device, its registry loaded
 *
 * When the module parameter int10_post or the adapter key's
 * VpshimPostVideoBios asks for it, the machine is made now and the
 * option ROM's init entry (C000:0003) runs in it, so that HwFindAdapter
 * finds the adapter initialised (in the machine's memory and in the
 * adapter's registers) as a system BIOS would have left it. Otherwise the
 * machine is made on the first Int10 use. A failure is logged; binding
 * goes on, and the Int10 calls then fail.
 */
void vpshim_int10_prepare(struct vpshim_device *vdev)
{
	if (!vdev->pdev || !vpshim_int10_post_asked(vdev))
		return;
	vpshim_int10_get(vdev, "vpshim: POST");
}

/* Part release: free the device's BIOS machine at unbind. */
static unsigned int vpshim_int10_free(struct vpshim_device *vdev)
{
	if (!IS_ERR_OR_NULL(int10_of(vdev)->machine))
		vpshim_int10_machine_destroy(int10_of(vdev)->machine);
	int10_of(vdev)->machine = NULL;
	return 0;
}

VPSHIM_PART(int10, struct vpshim_int10_state,
	    .release = vpshim_int10_free);

/* ---- VideoPortInt10 ---- */

/*
 * VIDEO_X86_BIOS_ARGUMENTS and INT10_BIOS_ARGUMENTS both start with the
 * general registers Eax..Ebp; the latter adds the segment registers.
 */
#define VPSHIM_INT10_REGS_IN(regs, args) do {	\
	__auto_type r_ = (regs);		\
	__auto_type a_ = (args);		\
	r_->eax = a_->Eax;			\
	r_->ebx = a_->Ebx;			\
	r_->ecx = a_->Ecx;			\
	r_->edx = a_->Edx;			\
	r_->esi = a_->Esi;			\
	r_->edi = a_->Edi;			\
	r_->ebp = a_->Ebp;			\
} while (0)

#define VPSHIM_INT10_REGS_OUT(args, regs) do {	\
	__auto_type a_ = (args);		\
	__auto_type r_ = (regs);		\
	a_->Eax = r_->eax;			\
	a_->Ebx = r_->ebx;			\
	a_->Ecx = r_->ecx;			\
	a_->Edx = r_->edx;			\
	a_->Esi = r_->esi;			\
	a_->Edi = r_->edi;			\
	a_->Ebp = r_->ebp;			\
} while (0)

/**
 * VideoPortInt10() - run a video BIOS INT 10h call
 * @HwDeviceExtension: the miniport's device extension
 * @BiosArguments: EAX-EBP for the call in, the registers the BIOS left out
 *
 * Windows: runs INT 10h of the adapter's BIOS with these register values;
 * no memory buffer can be passed. Linux: runs it in the adapter's emulated
 * real-mode machine (Documentation/int10.rst) with DS = ES = 3000h, a
 * scratch segment; one call at a time per adapter; PASSIVE_LEVEL.
 *
 * Return: NO_ERROR, the registers updated; ERROR_INVALID_PARAMETER for a
 * bad extension, a NULL @BiosArguments or a call from atomic context;
 * ERROR_INVALID_FUNCTION when the adapter has no BIOS vpshim can run or
 * the BIOS stopped on something the machine refuses (a message says what);
 * WAIT_TIMEOUT when it ran out of instructions; ERROR_NOT_ENOUGH_MEMORY.
 * On failure @BiosArguments is left as it was.
 */
VP_STATUS VideoPortInt10(PVOID HwDeviceExtension, PVIDEO_X86_BIOS_ARGUMENTS BiosArguments)
{
	struct vpshim_int10_regs regs = { .ds = VPSHIM_INT10_SCRATCH_SEG,
					  .es = VPSHIM_INT10_SCRATCH_SEG };
	struct vpshim_device *vdev;
	struct vpshim_int10 *m;
	VP_STATUS status;
	int err;

	vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);
	if (!vdev)
		return ERROR_INVALID_PARAMETER;
	if (!BiosArguments) {
		vpshim_misuse(vdev, __func__, _RET_IP_, "NULL BiosArguments");
		return ERROR_INVALID_PARAMETER;
	}
	status = vpshim_int10_begin_call(HwDeviceExtension, __func__, _RET_IP_, &vdev, &m);
	if (status != NO_ERROR)
		return status;
	VPSHIM_INT10_REGS_IN(&regs, BiosArguments);
	err = vpshim_int10_machine_call(m, 0x10, &regs, __func__);
	vpshim_int10_machine_unlock(m);
	if (err)
		return vpshim_int10_status(err);
	VPSHIM_INT10_REGS_OUT(BiosArguments, &regs);
	return NO_ERROR;
}
EXPORT_SYMBOL_VPSHIM(VideoPortInt10);

/* ---- the Int10 interface ---- */

/*
 * Int10AllocateBuffer: the one 4 KiB block, at 2000:0000. *Length says 4096
 * afterwards, allocated or not, as the contract has it.
 */
static VP_STATUS vpshim_int10_allocate(PVOID Context, PUSHORT Seg, PUSHORT Off, PULONG Length)
{
	struct vpshim_device *vdev;
	struct vpshim_int10 *m;
	VP_STATUS status;
	ULONG asked;
	int err;

	vdev = vpshim_device_get(Context, "Int10AllocateBuffer", _RET_IP_);
	if (!vdev)
		return ERROR_INVALID_PARAMETER;
	if (!Seg || !Off || !Length) {
		vpshim_misuse(vdev, "Int10AllocateBuffer", _RET_IP_, "NULL Seg, Off or Length");
		return ERROR_INVALID_PARAMETER;
	}
	asked = *Length;
	*Length = VPSHIM_INT10_BUFFER_SIZE;
	if (asked > VPSHIM_INT10_BUFFER_SIZE) {
		vpshim_misuse(vdev, "Int10AllocateBuffer", _RET_IP_,
			      "%u bytes asked; the buffer is %u", asked, VPSHIM_INT10_BUFFER_SIZE);
		return (VP_STATUS)VPSHIM_STATUS_INSUFFICIENT_RESOURCES;
	}
	status = vpshim_int10_begin_call(Context, "Int10AllocateBuffer", _RET_IP_, &vdev, &m);
	if (status != NO_ERROR)
		return status;
	err = vpshim_int10_machine_buffer(m, true, 0, 0, "Int10AllocateBuffer");
	vpshim_int10_machine_unlock(m);
	if (err)
		return (VP_STATUS)VPSHIM_STATUS_INSUFFICIENT_RESOURCES;
	*Seg = VPSHIM_INT10_BUFFER_SEG;
	*Off = 0;
	return NO_ERROR;
}

/* Int10FreeBuffer: Seg:Off must be what Int10AllocateBuffer gave. */
static VP_STATUS vpshim_int10_free_buffer(PVOID Context, USHORT Seg, USHORT Off)
{
	struct vpshim_device *vdev;
	struct vpshim_int10 *m;
	VP_STATUS status;
	int err;

	status = vpshim_int10_begin_call(Context, "Int10FreeBuffer", _RET_IP_, &vdev, &m);
	if (status != NO_ERROR)
		return status;
	err = vpshim_int10_machine_buffer(m, false, Seg, Off, "Int10FreeBuffer");
	vpshim_int10_machine_unlock(m);
	return vpshim_int10_status(err);
}

/* Int10ReadMemory and Int10WriteMemory: any readable (writable) memory of the machine. */
static VP_STATUS vpshim_int10_memory(PVOID Context, USHORT Seg, USHORT Off, PVOID Buffer,
				     ULONG Length, bool write, unsigned long caller)
{
	const char *func = write ? "Int10WriteMemory" : "Int10ReadMemory";
	struct vpshim_device *vdev;
	struct vpshim_int10 *m;
	VP_STATUS status;
	int err;

	vdev = vpshim_device_get(Context, func, caller);
	if (!vdev)
		return ERROR_INVALID_PARAMETER;
	if (!Buffer && Length) {
		vpshim_misuse(vdev, func, caller, "NULL Buffer for %u bytes", Length);
		return ERROR_INVALID_PARAMETER;
	}
	status = vpshim_int10_begin_call(Context, func, caller, &vdev, &m);
	if (status != NO_ERROR)
		return status;
	err = vpshim_int10_machine_access(m, Seg, Off, Buffer, Length, write, func);
	vpshim_int10_machine_unlock(m);
	return vpshim_int10_status(err);
}

static VP_STATUS vpshim_int10_read(PVOID Context, USHORT Seg, USHORT Off, PVOID Buffer,
				   ULONG Length)
{
	return vpshim_int10_memory(Context, Seg, Off, Buffer, Length, false, _RET_IP_);
}

static VP_STATUS vpshim_int10_write(PVOID Context, USHORT Seg, USHORT Off, PVOID Buffer,
				    ULONG Length)
{
	return vpshim_int10_memory(Context, Seg, Off, Buffer, Length, true, _RET_IP_);
}

/* Int10CallBios: VideoPortInt10 with DS and ES, which come back too. */
static VP_STATUS vpshim_int10_call(PVOID Context, PINT10_BIOS_ARGUMENTS BiosArguments)
{
	struct vpshim_int10_regs regs;
	struct vpshim_device *vdev;
	struct vpshim_int10 *m;
	VP_STATUS status;
	int err;

	vdev = vpshim_device_get(Context, "Int10CallBios", _RET_IP_);
	if (!vdev)
		return ERROR_INVALID_PARAMETER;
	if (!BiosArguments) {
		vpshim_misuse(vdev, "Int10CallBios", _RET_IP_, "NULL BiosArguments");
		return ERROR_INVALID_PARAMETER;
	}
	status = vpshim_int10_begin_call(Context, "Int10CallBios", _RET_IP_, &vdev, &m);
	if (status != NO_ERROR)
		return status;
	VPSHIM_INT10_REGS_IN(&regs, BiosArguments);
	regs.ds = BiosArguments->SegDs;
	regs.es = BiosArguments->SegEs;
	err = vpshim_int10_machine_call(m, 0x10, &regs, "Int10CallBios");
	vpshim_int10_machine_unlock(m);
	if (err)
		return vpshim_int10_status(err);
	VPSHIM_INT10_REGS_OUT(BiosArguments, &regs);
	BiosArguments->SegDs = regs.ds;
	BiosArguments->SegEs = regs.es;
	return NO_ERROR;
}

/**
 * vpshim_int10_interface() - fill the Int10 interface of VideoPortQueryServices
 * @vdev: the device asking
 * @iface: the miniport's VIDEO_PORT_INT10_INTERFACE
 *
 * The callbacks are filled in any case; the machine is made now, so that
 * the status says whether they can work.
 *
 * Return: NO_ERROR when the adapter has a BIOS vpshim can run;
 * ERROR_INVALID_FUNCTION when it has none (the callbacks then fail the same
 * way); ERROR_NOT_ENOUGH_MEMORY; ERROR_INVALID_PARAMETER from atomic
 * context.
 */
VP_STATUS vpshim_int10_interface(struct vpshim_device *vdev, PVIDEO_PORT_INT10_INTERFACE iface)
{
	struct vpshim_int10 *m;

	iface->Int10AllocateBuffer = vpshim_int10_allocate;
	iface->Int10FreeBuffer = vpshim_int10_free_buffer;
	iface->Int10ReadMemory = vpshim_int10_read;
	iface->Int10WriteMemory = vpshim_int10_write;
	iface->Int10CallBios = vpshim_int10_call;
	if (!vpshim_check_passive(vdev, "VideoPortQueryServices", _RET_IP_))
		return ERROR_INVALID_PARAMETER;
	m = vpshim_int10_get(vdev, "VideoPortQueryServices");
	return IS_ERR(m) ? vpshim_int10_status(PTR_ERR(m)) : NO_ERROR;
}

#ifdef VPSHIM_KUNIT
/**
 * vpshim_int10_test_attach() - give a device a machine of the test's making
 * @ext: the device extension
 * @cfg: the fake ROM and hardware
 *
 * Return: 0, -EBUSY if the device has a machine, or the machine's error.
 */
int vpshim_int10_test_attach(void *ext, const struct vpshim_int10_config *cfg)
{
	struct vpshim_device *vdev = vpshim_device_get(ext, __func__, _RET_IP_);
	struct vpshim_int10 *m;
	int err = 0;

	if (!vdev)
		return -EINVAL;
	mutex_lock(&vpshim_int10_create_lock);
	if (int10_of(vdev)->machine) {
		err = -EBUSY;
	} else {
		m = vpshim_int10_machine_create(vdev, cfg);
		if (IS_ERR(m))
			err = PTR_ERR(m);
		else
			int10_of(vdev)->machine = m;
	}
	mutex_unlock(&vpshim_int10_create_lock);
	return err;
}
EXPORT_SYMBOL_IF_VPSHIM_KUNIT(vpshim_int10_test_attach);

/**
 * vpshim_int10_test_last_error() - what the device's machine last failed on
 * @ext: the device extension
 * @buf: where to copy the text
 * @size: its size
 *
 * Return: the length copied (0: no machine, or no failure).
 */
size_t vpshim_int10_test_last_error(void *ext, char *buf, size_t size)
{
	struct vpshim_device *vdev = vpshim_device_get(ext, __func__, _RET_IP_);
	struct vpshim_int10 *m;
	ssize_t len;

	if (!size)
		return 0;
	buf[0] = 0;
	m = vdev ? int10_of(vdev)->machine : NULL;
	if (IS_ERR_OR_NULL(m) || vpshim_int10_machine_lock(m))
		return 0;
	len = strscpy(buf, vpshim_int10_machine_error(m), size);
	vpshim_int10_machine_unlock(m);
	return len < 0 ? size - 1 : len;
}
EXPORT_SYMBOL_IF_VPSHIM_KUNIT(vpshim_int10_test_last_error);
#endif
