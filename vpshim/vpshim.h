/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vpshim.h - vpshim's private state, shared by the files of the module.
 *
 * Linux side only: this header includes Linux headers and is never included
 * by miniport source. One struct per Windows object: vpshim_driver (the
 * driver object of a miniport module), vpshim_device (one bound adapter, the
 * owner of the HwDeviceExtension), vpshim_dma_adapter (a VP_DMA_ADAPTER).
 */
#ifndef _VPSHIM_VPSHIM_H_
#define _VPSHIM_VPSHIM_H_

#include <linux/bitmap.h>
#include <linux/device.h>
#include <linux/interrupt.h>
#include <linux/dma-mapping.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/rculist.h>
#include <linux/completion.h>
#include <linux/percpu-refcount.h>
#include <linux/rhashtable.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <linux/workqueue.h>

struct seq_file;
struct vm_area_struct;

/* vpshim exports the accessors video.h otherwise inlines; call those. */
#define VPSHIM_IO_OUT_OF_LINE
#define VPSHIM_KERNEL_SIDE	/* Linux code: ntdef.h leaves out what Linux has */
#include "video.h"
#include "vpshim_miniport.h"

/* NTSTATUS values VideoPortInitialize hands back to DriverEntry. */
#define VPSHIM_STATUS_SUCCESS		0x00000000U
#define VPSHIM_STATUS_INVALID_PARAMETER	0xC000000DU
#define VPSHIM_STATUS_REVISION_MISMATCH	0xC0000059U

/* The driver object of one miniport module (Argument1 of DriverEntry). */
struct vpshim_driver {
	struct vpshim_miniport *mp;
	VIDEO_HW_INITIALIZATION_DATA init;	/* copy of the first PCI init data */
	bool have_init;
	struct pci_driver pci;
	WCHAR registry_path[128];	/* Argument2 of DriverEntry */
};

/* A range claimed by VideoPortVerifyAccessRanges outside the device's BARs. */
struct vpshim_claim {
	struct list_head node;
	struct resource *res;		/* NULL for a shareable range */
	u64 start;
	u64 len;
	bool io_space;
};

enum vpshim_mapping_kind {
	VPSHIM_MAP_DEVICE_BASE,		/* VideoPortGetDeviceBase */
	VPSHIM_MAP_MEMORY,		/* VideoPortMapMemory, kernel space */
};

/* A kernel-space device mapping. */
struct vpshim_mapping {
	struct list_head node;
	void *cookie;			/* what the miniport got back */
	phys_addr_t start;
	u64 len;
	bool io_space;
	bool wc;			/* ioremap_wc() */
	enum vpshim_mapping_kind kind;
	struct file *owner;		/* made for this file's request, while it is open */
	bool for_request;		/* made while a request ran: counts to the caps */
};

struct vpshim_file;
struct vpshim_reqdev;
struct vpshim_int10;

/*
 * What a device is told once: a documented failure logs the first time
 * each device meets it, not once for the whole system.
 */
enum vpshim_told {
	VPSHIM_TOLD_BUS_DATA,
	VPSHIM_TOLD_HW_TREE,
	VPSHIM_TOLD_AGP,
	VPSHIM_TOLD_DUALVIEW,
	VPSHIM_TOLD_BUGCHECK,
	VPSHIM_TOLD_VDM,
	VPSHIM_TOLD_SERVICE,		/* + the VIDEO_PORT_SERVICES value */
	VPSHIM_TOLD_MAX = VPSHIM_TOLD_SERVICE + 8
};

/* A child HwGetVideoChildDescriptor reported (power.c). */
#define VPSHIM_CHILD_DESC_SIZE	256
struct vpshim_child {
	ULONG index;
	VIDEO_CHILD_TYPE type;
	ULONG uid;
	UCHAR descriptor[VPSHIM_CHILD_DESC_SIZE];
};

/*
 * One adapter bound to a miniport: the owner of a HwDeviceExtension.
 *
 * Only what every area needs lives here: the Linux device, the miniport's
 * entry points and configuration, the device-wide lock and the unbinding
 * flag. Each area (dma.c, pool.c, sync.c, ...) keeps its own state in a
 * struct of its own, placed in @state by parts.c and reached through
 * vpshim_part_state(); see struct vpshim_part.
 */
struct vpshim_device {
	struct device *dev;
	struct pci_dev *pdev;		/* NULL for devices attached by glue code */
	struct vpshim_driver *drv;	/* NULL for devices attached by glue code */
	void *ext;
	size_t ext_size;
	struct hlist_node ext_node;	/* in the extension -> device table */
	VIDEO_PORT_CONFIG_INFO config;
	VIDEO_HW_INITIALIZATION_DATA hw;	/* the miniport's entry points */

	/* areas.c: in the list of bound adapters the companions attach to */
	struct list_head bound_node;

	/* device.c: unbinding; nothing re-arms once set (under arm_lock) */
	spinlock_t arm_lock;
	bool dying;

	/* DMA adapters, mappings and claims, user mappings, the ROM image */
	struct mutex lock;

	/* documented failures this device was told of (vpshim_tell_once()) */
	DECLARE_BITMAP(told, VPSHIM_TOLD_MAX);
	char name[64];

	/* every area's own state, laid out by parts.c */
	u8 state[] __aligned(__alignof__(unsigned long long));
};

/*
 * parts.c: an area of the VideoPort layer with state in every device. Its
 * hooks run in the order of the table in parts.h (init, bind) and in the
 * reverse order (unbind, stop, release), so an area set up after another
 * is torn down before it. Every hook is optional.
 */
struct vpshim_part {
	const char *name;
	size_t size;			/* of the area's state, zeroed at create */
	size_t align;
	/* create: the device exists; the miniport has not run yet */
	int (*init)(struct vpshim_device *vdev);
	/* HwInitialize done (PCI): publish what user space and Linux see */
	int (*bind)(struct vpshim_device *vdev);
	void (*unbind)(struct vpshim_device *vdev);
	/* unbinding starts: end every wait of the miniport at once */
	void (*dying)(struct vpshim_device *vdev);
	/* stop what runs on its own (timers, interrupts, work, requests) */
	void (*stop)(struct vpshim_device *vdev);
	/* free what is left; returns how many were the miniport's leaks */
	unsigned int (*release)(struct vpshim_device *vdev);
	size_t offset;			/* in vpshim_device.state, by parts.c */
};

/* Define an area's part; its state is struct @type. */
#define VPSHIM_PART(_name, type, ...)					\
	struct vpshim_part vpshim_##_name##_part = {			\
		.name = #_name,						\
		.size = sizeof(type),					\
		.align = __alignof__(type),				\
		__VA_ARGS__						\
	}

static inline void *vpshim_part_state(struct vpshim_device *vdev,
				      const struct vpshim_part *part)
{
	return vdev->state + part->offset;
}

void vpshim_parts_layout(void);
size_t vpshim_parts_size(void);
const struct vpshim_part *vpshim_part_nth(unsigned int i);
int vpshim_parts_init(struct vpshim_device *vdev);
int vpshim_parts_bind(struct vpshim_device *vdev);
void vpshim_parts_unbind(struct vpshim_device *vdev);
void vpshim_parts_dying(struct vpshim_device *vdev);
void vpshim_parts_stop(struct vpshim_device *vdev);
unsigned int vpshim_parts_release(struct vpshim_device *vdev);

/* A VP_DMA_ADAPTER: the DMA constraints of one engine of the device. */
struct vpshim_dma_adapter {
	struct vpshim_device *vdev;
	struct list_head node;		/* in vdev->adapters */
	struct percpu_ref ref;		/* calls in flight; killed when put */
	struct completion idle;		/* the last call in flight has left */
	bool dead;			/* put or retired (under vdev->lock) */
	u8 mask_bits;
	bool legacy;
	u32 max_length;			/* 0: bounded by the mask only (legacy) */
	bool scatter_gather;		/* StartDma may hand out several elements */
	struct list_head transfers;	/* packet DMA in progress, under lock */
	struct rhashtable buffers;	/* common buffers, keyed by DMA address */
	spinlock_t lock;		/* a release's check-and-remove; transfers */
	struct rcu_head rcu;
};

/* A common buffer, as allocated: what a release must match exactly. */
struct vpshim_common_buffer {
	struct rhash_head hnode;
	dma_addr_t dma_addr;		/* the key */
	void *cpu_addr;
	u32 length;
	bool cached;
};

/*
 * One open of an adapter's request device. A process mapping is made by
 * vm_mmap() on this file from inside VideoPortMapMemory, which hands the
 * mapping to the mmap handler through map_um; map_task keeps mmap(2) from
 * user space, which has none, out.
 */
struct vpshim_user_map;
struct vpshim_file {
	struct vpshim_reqdev *rdev;
	struct file *file;
	struct list_head node;		/* in the request device's open files */
	struct task_struct *map_task;
	struct vpshim_user_map *map_um;
};

/*
 * areas.c: a part of vpshim that attaches to each bound adapter (the DRM
 * display bridge). It keeps its per-adapter state itself.
 */
enum vpshim_area_event {
	VPSHIM_AREA_SUSPEND,		/* before the miniport powers down */
	VPSHIM_AREA_RESUME,		/* after it powered up */
	VPSHIM_AREA_SHUTDOWN,		/* before HwResetHw at power-off */
};

struct vpshim_area {
	const char *name;
	int (*add)(struct vpshim_device *vdev);
	void (*remove)(struct vpshim_device *vdev);
	int (*power)(struct vpshim_device *vdev, enum vpshim_area_event event);
	struct list_head node;
};

int vpshim_area_register(struct vpshim_area *area);
void vpshim_area_unregister(struct vpshim_area *area);
void vpshim_areas_bind(struct vpshim_device *vdev);
void vpshim_areas_unbind(struct vpshim_device *vdev);
int vpshim_areas_power(struct vpshim_device *vdev, enum vpshim_area_event event);

/* device.c */
struct vpshim_device *vpshim_device_get(const void *ext, const char *func,
					unsigned long caller);
struct vpshim_device *vpshim_device_create(struct device *dev, struct vpshim_driver *drv,
					   size_t ext_size);
unsigned int vpshim_device_destroy(struct vpshim_device *vdev);
bool vpshim_in_atomic(void);
bool vpshim_arm_lock(struct vpshim_device *vdev, unsigned long *flags)
	__acquires(&vdev->arm_lock);
void vpshim_arm_unlock(struct vpshim_device *vdev, unsigned long flags)
	__releases(&vdev->arm_lock);
bool vpshim_above_dispatch(void);
bool vpshim_check_passive(struct vpshim_device *vdev, const char *func,
			  unsigned long caller);
VP_STATUS vpshim_errno_to_status(int err);
int vpshim_status_to_errno(VP_STATUS status);

/* memattr.c: how the CPU maps a common buffer (debugfs, tracepoint) */
struct vpshim_memattr {
	bool coherent;			/* dev_is_dma_coherent() */
	const char *map;		/* "linear", "vmalloc" or "other" */
	char attr[32];			/* the MMU's memory type, per arch */
};

void vpshim_memattr_get(struct device *dev, const void *cpu_addr, struct vpshim_memattr *ma);

/* dma.c */
static inline unsigned int vpshim_dma_nr_buffers(struct vpshim_dma_adapter *adapter)
{
	return atomic_read(&adapter->buffers.nelems);
}

u8 vpshim_dma_mask_bits(const struct _VP_DEVICE_DESCRIPTION *desc);
bool vpshim_dma_length_ok(struct vpshim_dma_adapter *adapter, ULONG length,
			  const char *func, unsigned long caller);
int vpshim_dma_show(struct seq_file *m, void *unused);

struct vpshim_dma_adapter *vpshim_dma_adapter_get(struct vpshim_device *vdev,
						  PVP_DMA_ADAPTER handle);
void vpshim_dma_adapter_put(struct vpshim_dma_adapter *adapter);

/* packetdma.c */
void vpshim_packet_adapter_retire(struct vpshim_dma_adapter *adapter);

/* display.c: the miniport's modes as a display bridge sees them */
u32 vpshim_display_fourcc(const VIDEO_MODE_INFORMATION *m);
unsigned int vpshim_display_cpp(const VIDEO_MODE_INFORMATION *m);
unsigned int vpshim_display_parse(const void *buf, size_t len, ULONG mode_len,
				  VIDEO_MODE_INFORMATION *out, unsigned int max);
int vpshim_display_find(const VIDEO_MODE_INFORMATION *modes, unsigned int n, ULONG width,
			ULONG height, u32 fourcc);
int vpshim_display_preferred(const VIDEO_MODE_INFORMATION *modes, unsigned int n,
			     ULONG current_index, u32 fourcc);
bool vpshim_display_clip(const VIDEO_MODE_INFORMATION *m, size_t fb_len, u32 x1, u32 y1,
			 u32 x2, u32 y2, size_t *offset);
bool vpshim_display_mono_pointer(const u32 *argb, unsigned int pitch, unsigned int w,
				 unsigned int h, unsigned int pw, unsigned int ph, u8 *and_mask,
				 u8 *xor_mask);

/* i2c.c, int10.c: the interfaces of VideoPortQueryServices */
void vpshim_i2c_interface(PINTERFACE iface, USHORT version);
VP_STATUS vpshim_int10_interface(struct vpshim_device *vdev, PVIDEO_PORT_INT10_INTERFACE iface);
void vpshim_int10_prepare(struct vpshim_device *vdev);

/* debugprint.c */
int vpshim_format(char *out, size_t size, const char *fmt, va_list ap);

/* debugfs.c */
struct dentry *vpshim_debugfs_dir(struct vpshim_device *vdev);
void vpshim_debugfs_init(void);
void vpshim_debugfs_exit(void);

/* sync.c: the IRQL VideoPortGetCurrentIrql reports above DISPATCH_LEVEL */
#define VPSHIM_DIRQL	5
void vpshim_device_lock(struct vpshim_device *vdev);
void vpshim_device_unlock(struct vpshim_device *vdev);

/* interrupts.c */
int vpshim_interrupt_connect(struct vpshim_device *vdev);

/* timer.c */

/* pool.c */

/* requests.c */
int vpshim_request_add(struct vpshim_device *vdev);
bool vpshim_request_lock(struct vpshim_device *vdev);
void vpshim_request_unlock(struct vpshim_device *vdev);
struct vpshim_file *vpshim_request_of(struct vpshim_device *vdev);
bool vpshim_wait_aborted(struct vpshim_device *vdev);
int vpshim_kernel_request(struct vpshim_device *vdev, ULONG code, const void *in, ULONG in_len,
			  void *out, ULONG out_len, VP_STATUS *status, ULONG_PTR *information);
void vpshim_request_claim(struct vpshim_device *vdev, const char *owner);
int vpshim_request_call(struct vpshim_device *vdev, struct vpshim_file *vf, ULONG code,
			void *buf, ULONG in_len, ULONG out_len, VP_STATUS *status,
			ULONG_PTR *information);

/* mapmem.c */
int vpshim_file_mmap(struct vpshim_file *vf, struct vm_area_struct *vma);
int vpshim_request_outgoing(struct vpshim_device *vdev, struct vpshim_file *vf, ULONG code,
			    void *buf, size_t len);
void vpshim_user_maps_release(struct vpshim_device *vdev, struct file *file);

/* registry.c */
int vpshim_registry_parse(struct vpshim_device *vdev, const char *text, size_t len);
ssize_t vpshim_registry_show(struct vpshim_device *vdev, char *buf, size_t size);
int vpshim_registry_get_dword(struct vpshim_device *vdev, const char *name, u32 *value);

/* power.c */
void vpshim_children_enumerate(struct vpshim_device *vdev);
bool vpshim_children_visit(struct vpshim_device *vdev,
			   bool (*visit)(const struct vpshim_child *child, void *arg), void *arg);
extern const struct dev_pm_ops vpshim_pm_ops;
void vpshim_shutdown(struct vpshim_device *vdev);
int vpshim_power_set(struct vpshim_device *vdev, VIDEO_POWER_STATE state);

/* resources.c */
bool vpshim_range_ok(struct vpshim_device *vdev, u64 start, u64 len, bool io);
void *vpshim_map_range(struct vpshim_device *vdev, u64 start, u64 len, bool io, bool wc,
		       enum vpshim_mapping_kind kind, struct file *owner);
bool vpshim_unmap_range(struct vpshim_device *vdev, const void *addr, struct file *owner);
unsigned int vpshim_disown_mappings(struct vpshim_device *vdev, struct file *owner);

/*
 * A message about a miniport's misuse: ratelimited, naming the device, the
 * VideoPort function and the miniport code that called it.
 */
#define vpshim_misuse(vdev, func, caller, fmt, ...)			\
	dev_err_ratelimited((vdev)->dev, "%s: " fmt " (caller %pS)\n",	\
			    func, ##__VA_ARGS__, (void *)(caller))

/*
 * Symbols the KUnit suites need beyond the public API. They are exported
 * only in test builds (make VPSHIM_KUNIT=1), like EXPORT_SYMBOL_IF_KUNIT of
 * newer kernels, so a production vpshim.ko exports nothing extra.
 */
#ifdef VPSHIM_KUNIT
#define EXPORT_SYMBOL_IF_VPSHIM_KUNIT(sym) \
	EXPORT_SYMBOL_NS_GPL(sym, VPSHIM_NS(VPSHIM_INTERNAL))
#else
#define EXPORT_SYMBOL_IF_VPSHIM_KUNIT(sym)
#endif

/* True the first time @vdev meets @what: log the documented failure then. */
static inline bool vpshim_tell_once(struct vpshim_device *vdev, unsigned int what)
{
	return what < VPSHIM_TOLD_MAX && !test_and_set_bit(what, vdev->told);
}

#endif /* _VPSHIM_VPSHIM_H_ */
