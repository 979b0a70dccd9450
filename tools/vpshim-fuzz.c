// SPDX-License-Identifier: GPL-2.0
/*
 * vpshim-fuzz - a bounded fuzzer of vpshim's request device.
 *
 * It talks to /dev/vpshim/<device> the way vpshim-video does, but at random
 * and from several threads at once: requests with known, random and foreign
 * IOCTL_VIDEO_* codes, lengths up to and beyond the limit, buffers that are
 * valid, NULL, unmapped, read-only, guarded or straddle a page boundary into
 * an unmapped page; structurally plausible requests for the sample miniports
 * (modes, MAP/UNMAP/SHARE/UNSHARE_VIDEO_MEMORY with the addresses earlier
 * answers gave and made-up ones, color and palette registers, the edu
 * sample's packet DMA with random user buffers); and, on every framebuffer
 * mapping an answer gave, touches, partial and full munmap, mremap (move,
 * shrink, grow), madvise and mprotect of all or part. Threads share opens
 * and use opens of their own, close an fd while another thread has a
 * request on it, fork children that use the inherited fds and look for the
 * inherited mappings, and live through unbind and rebind (their own
 * --unbind-cmd, or a harness doing it meanwhile): requests then fail with
 * ENODEV, reopening with ENOENT, and touching a revoked mapping raises
 * SIGBUS, which is caught and counted.
 *
 * The fuzzer never writes outside memory it owns or the kernel mapped for
 * it: buffers the kernel or the device may write are its own pages, the
 * shared big buffer, framebuffer mappings it holds a lock on, or addresses
 * that cannot be mapped (low, non-canonical, kernel). Whatever makes an
 * address space change under its feet (MAP answers, UNMAP requests with
 * made-up addresses, mremap into its scratch reservation, posix_spawn) is
 * ordered by one lock, so a stale address never points at memory it uses.
 *
 * What vpshim promises and the fuzzer can tell for sure is checked: a
 * malformed request fails with the errno documented in uapi/vpshim.h
 * (ENOTTY, EINVAL, EFAULT), a read-only request struct never gets 0, an
 * answer never holds more than the output length, data with an error
 * status, or a kernel address; mmap(2) on the device maps nothing; a
 * framebuffer mapping is never split, moved, resized or inherited by fork;
 * a mapping is revoked (SIGBUS) only once its adapter is gone; UNMAP never
 * releases memory that is not a mapping an answer gave; packet DMA that
 * succeeds copied exactly its bytes, and never wrote a read-only page. A
 * break prints "vpshim-fuzz: CONTRACT <what>" and the exit status is 1.
 *
 * Each thread's operations come from its own xorshift generator seeded from
 * --seed and its index: with --threads 1 and --ops N a run is one fixed
 * sequence (the device's answers aside), which is how a finding is reduced.
 *
 * Build: make -C tools (static, like vpshim-video); CC=aarch64-linux-gnu-gcc
 * cross-builds it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "uapi/vpshim.h"
#include "miniport.h"
#include "ntddvdeo.h"
#include "dderror.h"
#include "../samples/edu/edu_ioctl.h"

#define PROG			"vpshim-fuzz"
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#define __printf(a, b)		__attribute__((__format__(printf, a, b)))

#define MAX_THREADS		16
#define MAX_SLOTS		16
#define MAX_MAPS		48
#define STALE_ADDRS		32
#define MAX_ERRNO		160
#define REQ_MAX			VPSHIM_REQUEST_MAX_LENGTH
#define BIG_SIZE		(REQ_MAX + (256UL << 10))	/* 1 MiB and some */
#define SCRATCH_SIZE		(64UL << 20)
#define MAPS_BUF_SIZE		(512UL << 10)
#define SHADOW_SIZE		4096
#define CHILD_ALARM_S		8
#define CHILD_WAIT_MS		20000
#define JOIN_GRACE_S		60

#define CURRENT_PROCESS		(~0ULL)
#define KERNEL_LIKE		0xffff888000000000ULL
#define NON_CANONICAL		0x0000800000000000ULL
#define FOREIGN_CODE(fn)	CTL_CODE(FILE_DEVICE_UNKNOWN, (fn), METHOD_BUFFERED, 0)
#define VIDEO_DEVICE_TYPE(c)	((c) >> 16)
#define UNKNOWN_VIDEO_CODE	CTL_CODE(FILE_DEVICE_VIDEO, 0x7ff, METHOD_BUFFERED, FILE_ANY_ACCESS)

/* Each thread's pages: requests, data, then the bad kinds, in pages. */
enum {
	P_REQ = 0, P_REQ_PAGES = 2,	/* structured requests' in and out */
	P_SRC = 2, P_SRC_PAGES = 19,	/* data buffers, DMA sources */
	P_DST = 21, P_DST_PAGES = 19,	/* DMA destinations */
	P_RW_PAGES = 40,		/* pages 0..39 read-write */
	P_GUARD1 = 40,			/* PROT_NONE */
	P_RO = 41, P_RO_PAGES = 4,	/* PROT_READ, RO_BYTE */
	P_GUARD2 = 45,
	P_NEAR_HOLE = 46,		/* read-write, then */
	P_HOLE = 47,			/* munmapped */
	P_REQPAGE = 48,			/* read-only request structs */
	P_GUARD3 = 49,
	P_PAGES = 50,
};
#define RO_BYTE			0x5a

enum kind { K_GENERIC, K_EDU, K_BOCHS };
static const char *const kind_names[] = { "generic", "edu", "bochs" };

/* Where a buffer of a request lies. */
enum bufkind {
	B_POOL, B_BIG, B_NULL, B_RO, B_GUARD, B_HOLE, B_STRADDLE_GUARD, B_STRADDLE_HOLE,
	B_KERNEL, B_FB, B_RANDOM, B_SAME, B_NKINDS
};
static const char *const buf_names[] = {
	"pool", "big", "null", "ro", "guard", "hole", "straddle-guard", "straddle-hole",
	"kernel", "fb", "random", "same",
};

/* Counters, in memory shared with forked children. */
enum ctr {
	C_OPS, C_REQ, C_REQ_DONE, C_MAPS, C_MAP_KERNEL, C_MAP_ALIAS, C_MAP_LOST, C_UNMAPS, C_TOUCH,
	C_SIGBUS, C_SIGSEGV, C_FORKS, C_CHILD_OPS, C_CHILD_TIMEOUT, C_CLOSE, C_REOPEN,
	C_REOPEN_FAIL, C_MMAP_REFUSED, C_MM_REFUSED, C_MM_OK, C_MUNMAP, C_DMA_OK, C_DMA_BYTES,
	C_DMA_VERIFIED, C_DMA_FAIL, C_UNBIND_RUNS, C_WITNESS, C_CONTRACT, C_INTERNAL, C_N
};

static const struct { unsigned int status; const char *name; } status_names[] = {
	{ NO_ERROR, "NO_ERROR" }, { ERROR_INVALID_FUNCTION, "ERROR_INVALID_FUNCTION" },
	{ ERROR_NOT_ENOUGH_MEMORY, "ERROR_NOT_ENOUGH_MEMORY" },
	{ ERROR_INVALID_PARAMETER, "ERROR_INVALID_PARAMETER" },
	{ ERROR_INSUFFICIENT_BUFFER, "ERROR_INSUFFICIENT_BUFFER" },
	{ ERROR_MORE_DATA, "ERROR_MORE_DATA" }, { ERROR_DEV_NOT_EXIST, "ERROR_DEV_NOT_EXIST" },
};
#define N_STATUS		(ARRAY_SIZE(status_names) + 1)	/* the last: other */

struct shared {
	unsigned long c[C_N];
	unsigned long err[MAX_ERRNO];	/* request errnos */
	unsigned long st[N_STATUS];	/* request statuses */
};
static struct shared *sh;

#define COUNT(k)		__atomic_fetch_add(&sh->c[k], 1, __ATOMIC_RELAXED)
#define COUNT_N(k, n)		__atomic_fetch_add(&sh->c[k], (n), __ATOMIC_RELAXED)
#define LOAD(x)			__atomic_load_n(&(x), __ATOMIC_ACQUIRE)
#define STORE(x, v)		__atomic_store_n(&(x), (v), __ATOMIC_RELEASE)

struct dev {
	const char *path;
	enum kind kind;
	unsigned int nmodes;		/* bochs: what QUERY_NUM_AVAIL_MODES said */
};

/* One open of a device, shared by the threads. */
struct slot {
	int fd;				/* -1: closed */
	int dev;
	int dead;			/* a request got ENODEV */
	pthread_mutex_t lock;		/* reopen and close */
};

/* A framebuffer mapping an answer gave. */
struct fmap {
	pthread_rwlock_t lock;		/* touching (read) vs. changing it (write) */
	int used;			/* under table_lock */
	int valid;			/* written with lock held for writing */
	int revoked;			/* touching it raised SIGBUS */
	int dev;
	int witness;			/* the open whose request mapped it */
	uintptr_t base, len;		/* the whole pages */
	uintptr_t addr;			/* what the answer said */
	const char *what;
};

struct thr {
	int id;
	uint64_t rng;
	bool child;
	pthread_t th;
	unsigned char *pool;
	char *mapsbuf;
	int mapsfd;
	int held;			/* the entry a buffer is in, read-locked, or -1 */
	unsigned long ops, max_ops;
	unsigned char shadow[SHADOW_SIZE];
};

static struct dev devs[2];
static int ndevs;
static struct slot slots[MAX_SLOTS];
static int nslots;
static struct fmap maps[MAX_MAPS];
static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
/*
 * Held for reading by whatever may put a new mapping into this address
 * space (MAP/SHARE requests, posix_spawn), for writing by what may take one
 * away at an address that is not a locked entry's (UNMAP with a made-up or
 * stale address, mremap into the scratch reservation).
 */
static pthread_rwlock_t maplife;
static pthread_mutex_t scratch_lock = PTHREAD_MUTEX_INITIALIZER;
static uintptr_t stale[STALE_ADDRS];
static unsigned int stale_next;
static unsigned char *big;
static unsigned char *scratch;
static size_t page;
static unsigned long long seed;
static unsigned int seconds = 10;
static int nthreads = 4;
static bool verbose;
static const char *unbind_cmd;
static unsigned int unbind_interval;
static volatile int stop;
static struct thr *threads[MAX_THREADS];

static __thread sigjmp_buf fault_jmp;
static __thread volatile sig_atomic_t fault_armed;

/* ---- output ---- */

/* One line, written at once; safe in a forked child (no stdio). */
static void __printf(1, 2) say(const char *fmt, ...)
{
	char buf[640];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (n > (int)sizeof(buf) - 2)
		n = sizeof(buf) - 2;
	buf[n++] = '\n';
	if (write(1, buf, n) < 0)
		return;
}

/* A break: printed (the first MAX_PRINTED of them) and counted. */
#define MAX_PRINTED		40
#define CONTRACT(t, fmt, ...) do {						\
	unsigned long nth_ = COUNT(C_CONTRACT);					\
	if (nth_ < MAX_PRINTED)							\
		say(PROG ": CONTRACT " fmt " (seed %llu thread %d%s op %lu)",	\
		    ##__VA_ARGS__, seed, (t)->id, (t)->child ? " child" : "",	\
		    (t)->ops);							\
	else if (nth_ == MAX_PRINTED)						\
		say(PROG ": CONTRACT (more breaks are counted, not printed)");	\
} while (0)

#define INTERNAL(fmt, ...) do {							\
	if (COUNT(C_INTERNAL) < MAX_PRINTED)					\
		say(PROG ": INTERNAL " fmt, ##__VA_ARGS__);			\
} while (0)

#define VLOG(t, fmt, ...) do {							\
	if (verbose)								\
		say(PROG ": T%d%s #%lu " fmt, (t)->id, (t)->child ? "c" : "",	\
		    (t)->ops, ##__VA_ARGS__);					\
} while (0)

static const char *errname(int e)
{
	const char *n = strerrorname_np(e);

	return n ? n : "errno?";
}

/* ---- randomness ---- */

static uint64_t splitmix(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t rnd(struct thr *t)
{
	uint64_t x = t->rng;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	t->rng = x;
	return x * 0x2545f4914f6cdd1dULL;
}

static uint64_t below(struct thr *t, uint64_t n)
{
	return n ? rnd(t) % n : 0;
}

static bool chance(struct thr *t, unsigned int num, unsigned int den)
{
	return below(t, den) < num;
}

static int pick(struct thr *t, const unsigned int *w, int n)
{
	unsigned int total = 0, r;
	int i;

	for (i = 0; i < n; i++)
		total += w[i];
	r = below(t, total);
	for (i = 0; i < n; i++) {
		if (r < w[i])
			return i;
		r -= w[i];
	}
	return n - 1;
}

/* Bytes that never read as a kernel address (top bit clear). */
static void fill(struct thr *t, void *p, size_t len)
{
	unsigned char *b = p;
	uint64_t v = 0;
	size_t i;

	for (i = 0; i < len; i++) {
		if (!(i & 7))
			v = rnd(t);
		b[i] = (v >> ((i & 7) * 8)) & 0x7f;
	}
}

static bool kernel_like(uint64_t v)
{
	return (v >> 48) == 0xffff && v < 0xffffffffffff0000ULL;
}

static uintptr_t page_align(uintptr_t v)
{
	return (v + page - 1) & ~(page - 1);
}

/* ---- faults ---- */

static void on_fault(int sig, siginfo_t *si, void *ctx)
{
	static const char msg[] = PROG ": INTERNAL fault outside a guarded access at 0x";
	char hex[18];
	uintptr_t a = (uintptr_t)si->si_addr;
	int i;

	(void)ctx;
	if (fault_armed) {
		fault_armed = 0;
		siglongjmp(fault_jmp, sig);
	}
	/* Where, in async-signal-safe hex: the address the access faulted on. */
	for (i = 15; i >= 0; i--, a >>= 4)
		hex[i] = "0123456789abcdef"[a & 15];
	hex[16] = '\n';
	if (write(2, msg, sizeof(msg) - 1) < 0 || write(2, hex, 17) < 0)
		_exit(3);
	/* Returning re-executes the access, which now kills us with a core. */
	signal(sig, SIG_DFL);
}

/*
 * Run @body with SIGBUS and SIGSEGV caught: @sig is 0, or the signal that
 * cut it short. Locals @body changes must be volatile.
 */
#define GUARDED(sig, body) do {							\
	(sig) = sigsetjmp(fault_jmp, 1);					\
	if (!(sig)) {								\
		fault_armed = 1;						\
		body;								\
		fault_armed = 0;						\
	}									\
} while (0)

/*
 * Read or write @n words at the page offsets @off of @base. Returns 0 or the
 * signal.
 */
static int touch_words(uintptr_t base, const size_t *off, int n, bool write_it, uint32_t val)
{
	volatile int i = 0;
	int sig;

	GUARDED(sig, {
		for (i = 0; i < n; i++) {
			volatile uint32_t *p = (volatile uint32_t *)(base + off[i]);

			if (write_it)
				*p = val + i;
			else
				(void)*p;
		}
	});
	return sig;
}

/* ---- /proc/self/maps ---- */

enum vma_state { VMA_WHOLE, VMA_SPLIT, VMA_GONE, VMA_OTHER, VMA_UNKNOWN };
static const char *const vma_names[] = { "whole", "split", "gone", "not the device's", "unknown" };

/*
 * What the address space holds at [base, base + len): one device mapping
 * exactly (WHOLE), device mappings cut differently (SPLIT), nothing (GONE),
 * or something else (OTHER).
 */
static enum vma_state vma_state(struct thr *t, uintptr_t base, uintptr_t len)
{
	size_t n = 0;
	ssize_t r;
	char *line, *end;
	int overlap = 0, exact = 0, other = 0;

	for (;;) {
		r = pread(t->mapsfd, t->mapsbuf + n, MAPS_BUF_SIZE - 1 - n, n);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return VMA_UNKNOWN;
		}
		n += r;
		if (!r || n >= MAPS_BUF_SIZE - 1)
			break;
	}
	t->mapsbuf[n] = 0;
	for (line = t->mapsbuf; line && *line; line = end ? end + 1 : NULL) {
		unsigned long s, e;
		char *p;

		end = strchr(line, '\n');
		if (end)
			*end = 0;
		s = strtoul(line, &p, 16);
		if (*p != '-')
			continue;
		e = strtoul(p + 1, &p, 16);
		if (e <= base || s >= base + len)
			continue;
		overlap++;
		if (!strstr(p, "/dev/vpshim"))
			other++;
		else if (s == base && e == base + len)
			exact++;
	}
	if (!overlap)
		return VMA_GONE;
	if (other)
		return VMA_OTHER;
	return overlap == 1 && exact == 1 ? VMA_WHOLE : VMA_SPLIT;
}

/* Whether any device mapping is in this address space (a forked child's). */
static int device_mappings(char *buf, size_t size)
{
	int fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
	size_t n = 0;
	ssize_t r;
	int found;

	if (fd < 0)
		return -1;
	while (n < size - 1 && (r = read(fd, buf + n, size - 1 - n)) > 0)
		n += r;
	close(fd);
	buf[n] = 0;
	found = strstr(buf, "/dev/vpshim") != NULL;
	return found;
}

/* ---- locks (no-ops in a forked child: it must not wait for its parent's threads) ---- */

static void rd(struct thr *t, pthread_rwlock_t *l)
{
	if (!t->child)
		pthread_rwlock_rdlock(l);
}

static void wr(struct thr *t, pthread_rwlock_t *l)
{
	if (!t->child)
		pthread_rwlock_wrlock(l);
}

static void unl(struct thr *t, pthread_rwlock_t *l)
{
	if (!t->child)
		pthread_rwlock_unlock(l);
}

/* ---- slots ---- */

static int slot_fd(int s)
{
	return LOAD(slots[s].fd);
}

static int pick_slot(struct thr *t, int dev)
{
	int s, i;

	if (dev < 0)
		return below(t, nslots);
	s = below(t, nslots);
	for (i = 0; i < nslots; i++, s = (s + 1) % nslots)
		if (slots[s].dev == dev)
			return s;
	return 0;
}

static void slot_reopen(struct thr *t, int s)
{
	struct slot *sl = &slots[s];
	int fd, old;

	if (t->child)
		return;
	pthread_mutex_lock(&sl->lock);
	fd = open(devs[sl->dev].path, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		COUNT(C_REOPEN_FAIL);
		VLOG(t, "reopen slot %d: %s", s, errname(errno));
		pthread_mutex_unlock(&sl->lock);
		return;
	}
	COUNT(C_REOPEN);
	old = __atomic_exchange_n(&sl->fd, fd, __ATOMIC_ACQ_REL);
	STORE(sl->dead, 0);
	if (old >= 0)
		close(old);
	VLOG(t, "reopen slot %d: fd %d", s, fd);
	pthread_mutex_unlock(&sl->lock);
}

/* close() while other threads may have requests on it. */
static void slot_close(struct thr *t, int s)
{
	struct slot *sl = &slots[s];
	int old;

	if (t->child)
		return;
	pthread_mutex_lock(&sl->lock);
	old = __atomic_exchange_n(&sl->fd, -1, __ATOMIC_ACQ_REL);
	if (old >= 0) {
		close(old);
		COUNT(C_CLOSE);
	}
	VLOG(t, "close slot %d (fd %d)", s, old);
	pthread_mutex_unlock(&sl->lock);
}

/* ---- the mapping table ---- */

/* An entry with a live mapping, locked (for writing or reading), or -1. */
static int lock_entry(struct thr *t, bool for_write, int dev)
{
	int i, n, start;

	if (t->child)
		return -1;
	start = below(t, MAX_MAPS);
	for (n = 0; n < MAX_MAPS; n++) {
		i = (start + n) % MAX_MAPS;
		if (!LOAD(maps[i].used) || !LOAD(maps[i].valid))
			continue;
		if (dev >= 0 && maps[i].dev != dev)
			continue;
		if (for_write)
			pthread_rwlock_wrlock(&maps[i].lock);
		else
			pthread_rwlock_rdlock(&maps[i].lock);
		if (maps[i].valid)
			return i;
		pthread_rwlock_unlock(&maps[i].lock);
	}
	return -1;
}

static void push_stale(uintptr_t a)
{
	pthread_mutex_lock(&table_lock);
	stale[stale_next++ % STALE_ADDRS] = a;
	pthread_mutex_unlock(&table_lock);
}

/* Forget entry @i, locked for writing by the caller (unlocked here). */
static void drop_entry(int i)
{
	struct fmap *m = &maps[i];

	m->valid = 0;
	if (m->witness >= 0)
		close(m->witness);
	m->witness = -1;
	pthread_rwlock_unlock(&m->lock);
	push_stale(m->base);
	push_stale(m->addr + m->len / 2);
	pthread_mutex_lock(&table_lock);
	m->used = 0;
	pthread_mutex_unlock(&table_lock);
}

/* The valid entry holding @a, or -1 (caller holds maplife for writing). */
static int entry_at(uintptr_t a)
{
	int i;

	for (i = 0; i < MAX_MAPS; i++)
		if (LOAD(maps[i].used) && LOAD(maps[i].valid) && a >= maps[i].base &&
		    a - maps[i].base < maps[i].len)
			return i;
	return -1;
}

/*
 * Keep a mapping an answer gave at @addr (@size bytes), made through
 * @witness (taken over). The caller holds maplife for reading, so nothing
 * takes it away meanwhile.
 */
static void keep_mapping(struct thr *t, int dev, uintptr_t addr, uint64_t size, int witness,
			 const char *what)
{
	uintptr_t base = addr & ~(page - 1), len;
	enum vma_state st;
	int i, free_i = -1;

	if (!addr || kernel_like(addr) || addr >= NON_CANONICAL || !size || size > (1ULL << 34)) {
		CONTRACT(t, "%s answered address %#lx size %#llx", what, (unsigned long)addr,
			 (unsigned long long)size);
		goto lost;
	}
	len = page_align(size + (addr - base));
	st = vma_state(t, base, len);
	if (st != VMA_WHOLE) {
		if (st != VMA_UNKNOWN)
			CONTRACT(t, "%s answered %#lx+%#llx, which is %s in /proc/self/maps",
				 what, (unsigned long)addr, (unsigned long long)size, vma_names[st]);
		goto lost;
	}
	COUNT(C_MAPS);
	if (!strcmp(what, "map-kernel"))
		COUNT(C_MAP_KERNEL);
	if (t->child)
		goto lost;
	pthread_mutex_lock(&table_lock);
	for (i = 0; i < MAX_MAPS; i++) {
		if (maps[i].used && maps[i].base == base) {
			/* The alias of a kernel mapping this process has already. */
			pthread_mutex_unlock(&table_lock);
			COUNT(C_MAP_ALIAS);
			if (witness >= 0)
				close(witness);
			return;
		}
		if (!maps[i].used && free_i < 0)
			free_i = i;
	}
	if (free_i >= 0)
		maps[free_i].used = 1;
	pthread_mutex_unlock(&table_lock);
	if (free_i < 0) {
		/* No room: nobody knows it yet, so it can go at once. */
		munmap((void *)base, len);
		if (witness >= 0)
			close(witness);
		return;
	}
	pthread_rwlock_wrlock(&maps[free_i].lock);
	maps[free_i].base = base;
	maps[free_i].len = len;
	maps[free_i].addr = addr;
	maps[free_i].dev = dev;
	maps[free_i].witness = witness;
	maps[free_i].revoked = 0;
	maps[free_i].what = what;
	STORE(maps[free_i].valid, 1);
	pthread_rwlock_unlock(&maps[free_i].lock);
	VLOG(t, "%s: mapping %d at %#lx+%#lx", what, free_i, (unsigned long)base,
	     (unsigned long)len);
	return;
lost:
	COUNT(C_MAP_LOST);
	if (witness >= 0)
		close(witness);
}

/* ---- buffers ---- */

struct buf {
	uintptr_t addr;
	enum bufkind kind;
	signed char readable, writable;	/* 1 yes, 0 no, -1 cannot tell */
	bool snap;			/* ours and stable: shadow and scan it */
};

static uintptr_t pool_page(struct thr *t, int p)
{
	return (uintptr_t)t->pool + p * page;
}

/*
 * A buffer of @len bytes of @kind. @out: the kernel or the device may write
 * it, so made-up addresses are ones nothing can be mapped at. B_FB locks an
 * entry for reading (t->held) until release_held().
 */
static struct buf place(struct thr *t, enum bufkind kind, uint64_t len, bool out,
			const struct buf *in)
{
	struct buf b = { .kind = kind, .readable = -1, .writable = -1 };
	uint64_t room;
	int i;

	switch (kind) {
	case B_FB:
		if (t->held < 0)
			t->held = lock_entry(t, false, -1);
		if (t->held < 0)
			return place(t, B_POOL, len, out, in);
		i = t->held;
		room = maps[i].len;
		b.addr = maps[i].base + (len < room ? below(t, room - len + 1) : below(t, room));
		return b;
	case B_POOL:
		if (len > P_RW_PAGES * page)
			return place(t, B_BIG, len, out, in);
		b.addr = (uintptr_t)t->pool + below(t, P_RW_PAGES * page - len + 1);
		b.readable = b.writable = 1;
		b.snap = true;
		return b;
	case B_BIG:
		b.kind = B_BIG;
		b.addr = (uintptr_t)big + (len <= BIG_SIZE ? below(t, BIG_SIZE - len + 1) : 0);
		b.readable = b.writable = len <= BIG_SIZE;
		b.snap = len <= BIG_SIZE;
		return b;
	case B_NULL:
		b.addr = 0;
		b.readable = b.writable = len ? 0 : 1;
		return b;
	case B_RO:
		b.addr = pool_page(t, P_RO) + below(t, page);
		b.readable = b.addr + len <= pool_page(t, P_RO + P_RO_PAGES);
		b.writable = 0;
		b.snap = b.readable;
		return b;
	case B_GUARD:
		b.addr = pool_page(t, chance(t, 1, 2) ? P_GUARD1 : P_GUARD3) + below(t, page);
		b.readable = b.writable = 0;
		return b;
	case B_HOLE:
		b.addr = pool_page(t, P_HOLE) + below(t, page);
		return b;
	case B_STRADDLE_GUARD:
		if (len < 2)
			return place(t, B_GUARD, len, out, in);
		b.addr = pool_page(t, P_GUARD1) - 1 - below(t, len - 1 < page ? len - 1 : page);
		b.readable = b.writable = 0;
		return b;
	case B_STRADDLE_HOLE:
		if (len < 2)
			return place(t, B_HOLE, len, out, in);
		b.addr = pool_page(t, P_HOLE) - 1 - below(t, len - 1 < page ? len - 1 : page);
		return b;
	case B_KERNEL:
		b.addr = KERNEL_LIKE + below(t, 1ULL << 30);
		b.readable = b.writable = 0;
		return b;
	case B_RANDOM:
		if (out) {
			/* Nothing is ever mapped there: below mmap_min_addr, or not canonical. */
			b.addr = chance(t, 1, 2) ? 1 + below(t, 0xf000) :
						   NON_CANONICAL + below(t, 1ULL << 40);
		} else {
			b.addr = below(t, NON_CANONICAL);
		}
		return b;
	case B_SAME:
		if (!in || !in->addr)
			return place(t, B_POOL, len, out, in);
		b = *in;
		b.kind = B_SAME;
		if (b.addr >= pool_page(t, P_RO) && b.addr < pool_page(t, P_RO + P_RO_PAGES))
			b.writable = 0;
		return b;
	default:
		return place(t, B_POOL, len, out, in);
	}
}

static void release_held(struct thr *t)
{
	if (t->held >= 0) {
		pthread_rwlock_unlock(&maps[t->held].lock);
		t->held = -1;
	}
}

static enum bufkind random_kind(struct thr *t, bool out)
{
	static const unsigned int w_in[B_NKINDS] = {
		[B_POOL] = 40, [B_BIG] = 6, [B_NULL] = 8, [B_RO] = 8, [B_GUARD] = 5, [B_HOLE] = 5,
		[B_STRADDLE_GUARD] = 5, [B_STRADDLE_HOLE] = 3, [B_KERNEL] = 4, [B_FB] = 4,
		[B_RANDOM] = 3,
	};
	static const unsigned int w_out[B_NKINDS] = {
		[B_POOL] = 40, [B_BIG] = 6, [B_NULL] = 8, [B_RO] = 8, [B_GUARD] = 5, [B_HOLE] = 4,
		[B_STRADDLE_GUARD] = 5, [B_STRADDLE_HOLE] = 3, [B_KERNEL] = 4, [B_FB] = 4,
		[B_RANDOM] = 3, [B_SAME] = 8,
	};

	return pick(t, out ? w_out : w_in, B_NKINDS);
}

static uint32_t random_len(struct thr *t)
{
	static const uint32_t sizes[] = { 4, 8, 12, 16, 24, 32, 80, 160, 560, 1208 };
	static const unsigned int w[] = { 25, 25, 15, 10, 10, 5, 4, 3, 3 };

	switch (pick(t, w, ARRAY_SIZE(w))) {
	case 0: return 0;
	case 1: return 1 + below(t, 64);
	case 2: return sizes[below(t, ARRAY_SIZE(sizes))];
	case 3: return 4095 + below(t, 3) + (chance(t, 1, 4) ? 4096 : 0);
	case 4: return 1 + below(t, 65536);
	case 5: return 1 + below(t, REQ_MAX);
	case 6: return REQ_MAX;
	case 7: return REQ_MAX + 1 + below(t, 4096);
	default: return (uint32_t)rnd(t);
	}
}

static const uint32_t known_codes[] = {
	IOCTL_VIDEO_ENABLE_VDM, IOCTL_VIDEO_DISABLE_VDM, IOCTL_VIDEO_REGISTER_VDM,
	IOCTL_VIDEO_SET_OUTPUT_DEVICE_POWER_STATE, IOCTL_VIDEO_GET_OUTPUT_DEVICE_POWER_STATE,
	IOCTL_VIDEO_MONITOR_DEVICE, IOCTL_VIDEO_ENUM_MONITOR_PDO,
	IOCTL_VIDEO_INIT_WIN32K_CALLBACKS, IOCTL_VIDEO_HANDLE_VIDEOPARAMETERS,
	IOCTL_VIDEO_IS_VGA_DEVICE, IOCTL_VIDEO_USE_DEVICE_IN_SESSION,
	IOCTL_VIDEO_PREPARE_FOR_EARECOVERY, IOCTL_VIDEO_SAVE_HARDWARE_STATE,
	IOCTL_VIDEO_RESTORE_HARDWARE_STATE, IOCTL_VIDEO_QUERY_AVAIL_MODES,
	IOCTL_VIDEO_QUERY_NUM_AVAIL_MODES, IOCTL_VIDEO_QUERY_CURRENT_MODE,
	IOCTL_VIDEO_SET_CURRENT_MODE, IOCTL_VIDEO_RESET_DEVICE, IOCTL_VIDEO_LOAD_AND_SET_FONT,
	IOCTL_VIDEO_SET_PALETTE_REGISTERS, IOCTL_VIDEO_SET_COLOR_REGISTERS,
	IOCTL_VIDEO_ENABLE_CURSOR, IOCTL_VIDEO_DISABLE_CURSOR, IOCTL_VIDEO_SET_CURSOR_ATTR,
	IOCTL_VIDEO_QUERY_CURSOR_ATTR, IOCTL_VIDEO_SET_CURSOR_POSITION,
	IOCTL_VIDEO_QUERY_CURSOR_POSITION, IOCTL_VIDEO_ENABLE_POINTER,
	IOCTL_VIDEO_DISABLE_POINTER, IOCTL_VIDEO_SET_POINTER_ATTR,
	IOCTL_VIDEO_QUERY_POINTER_ATTR, IOCTL_VIDEO_SET_POINTER_POSITION,
	IOCTL_VIDEO_QUERY_POINTER_POSITION, IOCTL_VIDEO_QUERY_POINTER_CAPABILITIES,
	IOCTL_VIDEO_GET_BANK_SELECT_CODE, IOCTL_VIDEO_MAP_VIDEO_MEMORY,
	IOCTL_VIDEO_UNMAP_VIDEO_MEMORY, IOCTL_VIDEO_QUERY_PUBLIC_ACCESS_RANGES,
	IOCTL_VIDEO_FREE_PUBLIC_ACCESS_RANGES, IOCTL_VIDEO_QUERY_COLOR_CAPABILITIES,
	IOCTL_VIDEO_SET_POWER_MANAGEMENT, IOCTL_VIDEO_GET_POWER_MANAGEMENT,
	IOCTL_VIDEO_SHARE_VIDEO_MEMORY, IOCTL_VIDEO_UNSHARE_VIDEO_MEMORY,
	IOCTL_VIDEO_GET_CHILD_STATE, IOCTL_VIDEO_VALIDATE_CHILD_STATE_CONFIGURATION,
	IOCTL_VIDEO_SET_CHILD_STATE_CONFIGURATION, IOCTL_VIDEO_SWITCH_DUALVIEW,
	IOCTL_VIDEO_QUERY_SUPPORTED_BRIGHTNESS, IOCTL_VIDEO_QUERY_DISPLAY_BRIGHTNESS,
	IOCTL_VIDEO_SET_DISPLAY_BRIGHTNESS,
};

static uint32_t random_code(struct thr *t)
{
	static const unsigned int w[] = { 40, 10, 30, 10, 10 };

	switch (pick(t, w, ARRAY_SIZE(w))) {
	case 0: return known_codes[below(t, ARRAY_SIZE(known_codes))];
	case 1: return IOCTL_EDU_PACKET_DMA;
	case 2: return CTL_CODE(FILE_DEVICE_VIDEO, below(t, 0x1000), below(t, 4), below(t, 4));
	case 3: return (FILE_DEVICE_VIDEO << 16) | (uint32_t)below(t, 0x10000);
	default: {
		uint32_t type = below(t, 0x10000);

		if (type == FILE_DEVICE_VIDEO)
			type++;
		return type << 16 | (uint32_t)below(t, 0x10000);
	}
	}
}

/* Requests that make or take away mappings, as the samples answer them. */
static bool code_maps(uint32_t c)
{
	return c == IOCTL_VIDEO_MAP_VIDEO_MEMORY || c == IOCTL_VIDEO_SHARE_VIDEO_MEMORY;
}

static bool code_unmaps(uint32_t c)
{
	return c == IOCTL_VIDEO_UNMAP_VIDEO_MEMORY || c == IOCTL_VIDEO_UNSHARE_VIDEO_MEMORY ||
	       c == IOCTL_VIDEO_FREE_PUBLIC_ACCESS_RANGES;
}

/* ---- one request ---- */

enum reqptr { RP_NORMAL, RP_NULL, RP_GUARD, RP_RO };

struct plan {
	int slot, fd;		/* fd -1: the slot's, read at the last moment */
	uint32_t code;
	uint32_t inlen, outlen;
	struct buf in, out;
	uint64_t reserved;
	enum reqptr rp;
	const char *what;
	/* results */
	int err;		/* 0 or errno */
	uint32_t status;
	uint64_t info;
};

static void count_status(uint32_t st)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(status_names); i++)
		if (status_names[i].status == st)
			break;
	__atomic_fetch_add(&sh->st[i], 1, __ATOMIC_RELAXED);
}

/* The errno vpshim must answer this request's shape with, or 0 if it may reach the device. */
static int expected_errno(const struct plan *p, bool *sure)
{
	*sure = true;
	if (p->rp == RP_NULL || p->rp == RP_GUARD)
		return EFAULT;
	if (VIDEO_DEVICE_TYPE(p->code) != FILE_DEVICE_VIDEO)
		return ENOTTY;
	if (p->reserved || p->inlen > REQ_MAX || p->outlen > REQ_MAX)
		return EINVAL;
	if ((p->inlen && !p->in.addr) || (p->outlen && !p->out.addr))
		return EINVAL;
	if (p->outlen && p->out.writable <= 0) {
		*sure = !p->out.writable;
		return p->out.writable ? 0 : EFAULT;
	}
	if (p->inlen && p->in.readable <= 0) {
		*sure = !p->in.readable;
		return p->in.readable ? 0 : EFAULT;
	}
	return 0;
}

static void submit(struct thr *t, struct plan *p)
{
	struct vpshim_video_request r = {
		.code = p->code,
		.in_length = p->inlen,
		.out_length = p->outlen,
		.in_buffer = p->in.addr,
		.out_buffer = p->out.addr,
		.reserved = p->reserved,
	};
	struct vpshim_video_request *rp = &r;
	size_t shadow = 0, off;
	bool sure, sized;
	int want, fd, ret;

	want = expected_errno(p, &sure);
	if (p->in.snap && p->inlen) {
		shadow = p->inlen < SHADOW_SIZE ? p->inlen : SHADOW_SIZE;
		memcpy(t->shadow, (void *)p->in.addr, shadow);
	}
	switch (p->rp) {
	case RP_NULL:
		rp = NULL;
		break;
	case RP_GUARD:
		rp = (void *)(pool_page(t, P_GUARD3) - (chance(t, 1, 2) ? 8 : 0));
		break;
	case RP_RO:
		rp = (void *)pool_page(t, P_REQPAGE);
		if (mprotect(rp, page, PROT_READ | PROT_WRITE)) {
			rp = &r;
			break;
		}
		memcpy(rp, &r, sizeof(r));
		mprotect(rp, page, PROT_READ);
		break;
	default:
		break;
	}
	fd = p->fd >= 0 ? p->fd : slot_fd(p->slot);
	COUNT(C_REQ);
	ret = ioctl(fd, VPSHIM_IOCTL_VIDEO_REQUEST, rp);
	p->err = ret < 0 ? errno : 0;
	if (p->rp == RP_NORMAL) {
		p->status = r.status;
		p->info = r.information;
	} else {
		p->status = ERROR_INVALID_FUNCTION;
		p->info = 0;
	}
	VLOG(t, "%s slot %d fd %d code %#x in %s/%u out %s/%u rp %d -> %s status %#x info %llu",
	     p->what, p->slot, fd, p->code, buf_names[p->in.kind], p->inlen,
	     buf_names[p->out.kind], p->outlen, p->rp, p->err ? errname(p->err) : "ok",
	     p->status, (unsigned long long)p->info);
	if (p->err) {
		__atomic_fetch_add(&sh->err[p->err < MAX_ERRNO ? p->err : 0], 1,
				   __ATOMIC_RELAXED);
		if (p->err == ENODEV && p->fd < 0)
			STORE(slots[p->slot].dead, 1);
		if (want && sure && p->err != want && p->err != EBADF &&
		    !(want == EFAULT && p->err == ENOMEM))
			CONTRACT(t, "%s: request %#x (in %s/%u, out %s/%u%s%s) failed with %s, want %s",
				 p->what, p->code, buf_names[p->in.kind], p->inlen,
				 buf_names[p->out.kind], p->outlen,
				 p->reserved ? ", reserved set" : "",
				 p->rp == RP_NULL ? ", NULL request" :
				 p->rp == RP_GUARD ? ", unmapped request" : "",
				 errname(p->err), errname(want));
		return;
	}
	COUNT(C_REQ_DONE);
	if (p->rp == RP_RO) {
		CONTRACT(t, "%s: request %#x with a read-only request struct returned 0", p->what,
			 p->code);
		return;
	}
	if (want && sure) {
		CONTRACT(t, "%s: request %#x (in %s/%u, out %s/%u%s) succeeded, want %s", p->what,
			 p->code, buf_names[p->in.kind], p->inlen, buf_names[p->out.kind],
			 p->outlen, p->reserved ? ", reserved set" : "", errname(want));
		return;
	}
	count_status(p->status);
	/*
	 * ERROR_INSUFFICIENT_BUFFER and ERROR_MORE_DATA carry the size the
	 * miniport needs, which may exceed the buffer (uapi/vpshim.h).
	 */
	sized = p->status == ERROR_INSUFFICIENT_BUFFER || p->status == ERROR_MORE_DATA;
	if (p->info > p->outlen && !sized)
		CONTRACT(t, "%s: request %#x returned %llu bytes into a %u-byte buffer", p->what,
			 p->code, (unsigned long long)p->info, p->outlen);
	if (p->info && p->status != NO_ERROR && !sized)
		CONTRACT(t, "%s: request %#x returned %llu bytes with status %#x", p->what,
			 p->code, (unsigned long long)p->info, p->status);
	if (!p->out.snap || p->info > p->outlen || p->status == ERROR_INSUFFICIENT_BUFFER)
		return;
	/* No kernel address in the answer (an echo of our own input aside). */
	for (off = 0; off + 8 <= p->info; off += 8) {
		uint64_t v, e;

		memcpy(&v, (void *)(p->out.addr + off), 8);
		if (!kernel_like(v))
			continue;
		if (off + 8 <= p->inlen) {
			if (off + 8 > shadow)
				continue;
			memcpy(&e, t->shadow + off, 8);
			if (e == v)
				continue;
		}
		CONTRACT(t, "%s: the answer to request %#x holds %#llx at byte %zu", p->what,
			 p->code, (unsigned long long)v, off);
		break;
	}
}

static void init_plan(struct plan *p, int slot, uint32_t code, const char *what)
{
	memset(p, 0, sizeof(*p));
	p->slot = slot;
	p->fd = -1;
	p->code = code;
	p->what = what;
	p->in.kind = p->out.kind = B_NULL;
	p->in.readable = p->in.writable = p->out.readable = p->out.writable = 1;
}

/* A structured request's input and output in the thread's request pages. */
static void *req_in(struct thr *t, struct plan *p, uint32_t len, bool misalign)
{
	p->in.kind = B_POOL;
	p->in.addr = pool_page(t, P_REQ) + (misalign ? 1 + below(t, 7) : 0);
	p->in.readable = p->in.writable = 1;
	p->in.snap = true;
	p->inlen = len;
	memset((void *)p->in.addr, 0, len);
	return (void *)p->in.addr;
}

static void *req_out(struct thr *t, struct plan *p, uint32_t len)
{
	p->out.kind = B_POOL;
	p->out.addr = pool_page(t, P_REQ + 2) - (len < page ? len : page) -
		      (len < page / 2 ? below(t, 8) : 0);
	p->out.readable = p->out.writable = 1;
	p->out.snap = true;
	p->outlen = len;
	memset((void *)p->out.addr, 0, len < page ? len : page);
	return (void *)p->out.addr;
}

/* Sometimes make a structured request's output bad (the contract still applies). */
static void twist_out(struct thr *t, struct plan *p)
{
	static const unsigned int w[] = { 90, 3, 3, 2, 2 };

	switch (pick(t, w, ARRAY_SIZE(w))) {
	case 1:
		p->out = place(t, B_RO, p->outlen, true, NULL);
		break;
	case 2:
		p->outlen = below(t, p->outlen + 1);
		break;
	case 3:
		p->out = place(t, B_STRADDLE_GUARD, p->outlen, true, NULL);
		break;
	case 4:
		p->out.addr = 0;
		p->out.kind = B_NULL;
		p->out.snap = false;
		p->out.writable = p->outlen ? 0 : 1;
		break;
	default:
		break;
	}
}

/* ---- operations ---- */

/* SIGBUS on @i: its adapter must be gone. Entry read-locked by the caller. */
static void witness_check(struct thr *t, int i)
{
	struct plan p;

	if (maps[i].revoked++ || maps[i].witness < 0)
		return;
	init_plan(&p, 0, UNKNOWN_VIDEO_CODE, "witness");
	p.fd = maps[i].witness;
	submit(t, &p);
	COUNT(C_WITNESS);
	if (!p.err)
		CONTRACT(t, "SIGBUS touching the %s mapping at %#lx, but its adapter still answers requests",
			 maps[i].what, (unsigned long)maps[i].addr);
}

static void op_touch(struct thr *t)
{
	size_t off[16];
	uintptr_t base, len;
	int i, n, k, sig;
	bool write_it = chance(t, 3, 5);

	i = write_it ? lock_entry(t, false, -1) : -1;
	if (write_it && i < 0)
		return;
	if (!write_it) {
		/* Racing with whatever unmaps it: only reads, so a stale address harms nothing. */
		int s = below(t, MAX_MAPS), j;

		for (j = 0; j < MAX_MAPS; j++) {
			i = (s + j) % MAX_MAPS;
			if (LOAD(maps[i].used) && LOAD(maps[i].valid))
				break;
		}
		if (j == MAX_MAPS)
			return;
	}
	base = LOAD(maps[i].base);
	len = LOAD(maps[i].len);
	if (!len)
		goto out;
	n = 1 + below(t, 16);
	k = below(t, len / page);
	for (int j = 0; j < n; j++)
		off[j] = ((k + j) % (len / page)) * page + below(t, page / 4) * 4;
	COUNT(C_TOUCH);
	sig = touch_words(base, off, n, write_it, (uint32_t)rnd(t) & 0x3f3f3f3f);
	VLOG(t, "touch %s mapping %d at %#lx, %d words -> %s", write_it ? "write" : "read", i,
	     (unsigned long)base, n, sig ? strsignal(sig) : "ok");
	if (sig == SIGBUS) {
		COUNT(C_SIGBUS);
		if (write_it)
			witness_check(t, i);
	} else if (sig == SIGSEGV) {
		COUNT(C_SIGSEGV);
		if (write_it)
			CONTRACT(t, "SIGSEGV writing the live %s mapping at %#lx (offset %#zx)",
				 maps[i].what, (unsigned long)base, off[0]);
	}
out:
	if (write_it)
		pthread_rwlock_unlock(&maps[i].lock);
}

static void op_munmap_full(struct thr *t)
{
	int i = lock_entry(t, true, -1);

	if (i < 0)
		return;
	if (munmap((void *)maps[i].base, maps[i].len))
		CONTRACT(t, "munmap of the whole %s mapping at %#lx failed: %s", maps[i].what,
			 (unsigned long)maps[i].base, errname(errno));
	COUNT(C_MUNMAP);
	VLOG(t, "munmap mapping %d", i);
	drop_entry(i);
}

/* After a refused change: the mapping must be what it was. */
static void still_whole(struct thr *t, int i, const char *what)
{
	enum vma_state st = vma_state(t, maps[i].base, maps[i].len);

	if (st != VMA_WHOLE && st != VMA_UNKNOWN)
		CONTRACT(t, "after %s the %s mapping at %#lx+%#lx is %s", what, maps[i].what,
			 (unsigned long)maps[i].base, (unsigned long)maps[i].len, vma_names[st]);
}

/* Pages [a, b) of entry @i, 0 < a < b <= pages, not the whole. */
static void sub_range(struct thr *t, int i, uintptr_t *start, uintptr_t *len)
{
	uintptr_t pages = maps[i].len / page, a, n;

	a = below(t, pages);
	n = 1 + below(t, pages - a);
	if (a == 0 && n == pages) {
		if (pages == 1) {
			*start = maps[i].base;
			*len = 0;
			return;
		}
		n--;
		if (chance(t, 1, 2))
			a++;
	}
	*start = maps[i].base + a * page;
	*len = n * page;
}

static void op_munmap_part(struct thr *t)
{
	uintptr_t s, l, b;
	int i = lock_entry(t, true, -1);

	if (i < 0)
		return;
	sub_range(t, i, &s, &l);
	if (!l)
		goto out;
	if (!munmap((void *)s, l)) {
		CONTRACT(t, "munmap of %#lx+%#lx, part of the %s mapping at %#lx+%#lx, succeeded",
			 (unsigned long)s, (unsigned long)l, maps[i].what,
			 (unsigned long)maps[i].base, (unsigned long)maps[i].len);
		/* Only the pieces still ours: the hole may hold someone else's by now. */
		b = maps[i].base;
		if (s > b)
			munmap((void *)b, s - b);
		if (s + l < b + maps[i].len)
			munmap((void *)(s + l), b + maps[i].len - s - l);
		drop_entry(i);
		return;
	}
	COUNT(C_MM_REFUSED);
	VLOG(t, "munmap part of mapping %d: %s", i, errname(errno));
	still_whole(t, i, "a refused partial munmap");
out:
	pthread_rwlock_unlock(&maps[i].lock);
}

/* Give the scratch range [s, s + l) back to our PROT_NONE reservation. */
static void scratch_restore(uintptr_t s, uintptr_t l)
{
	void *p = mmap((void *)s, l, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);

	if (p != MAP_FAILED && p != (void *)s)
		munmap(p, l);
}

static void op_mremap(struct thr *t)
{
	static const char *const names[] = {
		"shrink", "grow", "move", "grow-move", "move-part", "dontunmap", "same",
	};
	uintptr_t base, len, s, l, nl = 0;
	void *r;
	int i, v;
	bool fixed;

	v = below(t, ARRAY_SIZE(names));
	fixed = v == 2 || v == 4 || v == 5;
	/* The scratch reservation has a hole while a move into it is tried. */
	if (fixed) {
		pthread_rwlock_wrlock(&maplife);
		pthread_mutex_lock(&scratch_lock);
	}
	i = lock_entry(t, true, -1);
	if (i < 0)
		goto unlock;
	base = maps[i].base;
	len = maps[i].len;
	errno = 0;
	switch (v) {
	case 0:
		nl = len > page ? len - page * (1 + below(t, len / page - 1)) : len;
		r = mremap((void *)base, len, nl, 0);
		break;
	case 1:
		nl = len + page * (1 + below(t, 16));
		r = mremap((void *)base, len, nl, 0);
		break;
	case 2:
		nl = len;
		r = mremap((void *)base, len, nl, MREMAP_MAYMOVE | MREMAP_FIXED, scratch);
		break;
	case 3:
		nl = len * 2;
		r = mremap((void *)base, len, nl, MREMAP_MAYMOVE);
		break;
	case 4:
		sub_range(t, i, &s, &l);
		if (!l)
			l = len;
		nl = l;
		r = mremap((void *)s, l, nl, MREMAP_MAYMOVE | MREMAP_FIXED, scratch);
		break;
	case 5:
		nl = len;
		r = mremap((void *)base, len, nl, MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP,
			   scratch);
		break;
	default:
		nl = len;
		r = mremap((void *)base, len, len, 0);
		break;
	}
	VLOG(t, "mremap %s mapping %d: %s", names[v], i, r == MAP_FAILED ? errname(errno) : "ok");
	if (r == MAP_FAILED || (v == 6 && r == (void *)base) ||
	    (v == 0 && nl == len && r == (void *)base)) {
		if (r == MAP_FAILED)
			COUNT(C_MM_REFUSED);
		if (fixed)
			scratch_restore((uintptr_t)scratch, nl);
		still_whole(t, i, "a refused mremap");
		pthread_rwlock_unlock(&maps[i].lock);
		goto unlock;
	}
	CONTRACT(t, "mremap (%s) of the %s mapping at %#lx+%#lx succeeded: %p+%#lx", names[v],
		 maps[i].what, (unsigned long)base, (unsigned long)len, r, (unsigned long)nl);
	/* Clean up: nothing of it may stay where we would not expect it. */
	if (fixed) {
		mmap(r, nl, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED,
		     -1, 0);
		if (v == 5)
			munmap((void *)base, len);
	} else {
		munmap(r, nl);
	}
	drop_entry(i);
unlock:
	if (fixed) {
		pthread_mutex_unlock(&scratch_lock);
		pthread_rwlock_unlock(&maplife);
	}
}

static void op_madvise(struct thr *t)
{
	static const struct { int advice; const char *name; } advs[] = {
		{ MADV_DONTNEED, "DONTNEED" }, { MADV_DONTFORK, "DONTFORK" },
		{ MADV_DOFORK, "DOFORK" }, { MADV_REMOVE, "REMOVE" }, { MADV_FREE, "FREE" },
		{ MADV_COLD, "COLD" }, { MADV_PAGEOUT, "PAGEOUT" }, { MADV_WILLNEED, "WILLNEED" },
		{ MADV_SEQUENTIAL, "SEQUENTIAL" }, { MADV_RANDOM, "RANDOM" },
		{ MADV_NORMAL, "NORMAL" }, { MADV_HUGEPAGE, "HUGEPAGE" },
		{ MADV_NOHUGEPAGE, "NOHUGEPAGE" }, { MADV_DONTDUMP, "DONTDUMP" },
		{ MADV_DODUMP, "DODUMP" }, { MADV_MERGEABLE, "MERGEABLE" },
		{ MADV_UNMERGEABLE, "UNMERGEABLE" }, { MADV_WIPEONFORK, "WIPEONFORK" },
		{ MADV_KEEPONFORK, "KEEPONFORK" }, { 22 /* POPULATE_READ */, "POPULATE_READ" },
		{ 23 /* POPULATE_WRITE */, "POPULATE_WRITE" },
	};
	uintptr_t s, l;
	int i, a, ret;
	char what[64];

	i = lock_entry(t, true, -1);
	if (i < 0)
		return;
	a = below(t, ARRAY_SIZE(advs));
	if (chance(t, 1, 2)) {
		s = maps[i].base;
		l = maps[i].len;
	} else {
		sub_range(t, i, &s, &l);
		if (!l)
			l = maps[i].len;
	}
	ret = madvise((void *)s, l, advs[a].advice);
	COUNT(ret ? C_MM_REFUSED : C_MM_OK);
	VLOG(t, "madvise %s %s of mapping %d: %s", advs[a].name,
	     l == maps[i].len ? "all" : "part", i, ret ? errname(errno) : "ok");
	snprintf(what, sizeof(what), "madvise(%s) of %s of it", advs[a].name,
		 l == maps[i].len ? "all" : "part");
	still_whole(t, i, what);
	pthread_rwlock_unlock(&maps[i].lock);
}

static void op_mprotect(struct thr *t)
{
	size_t off[1];
	uintptr_t s, l;
	int i, sig, v;

	i = lock_entry(t, true, -1);
	if (i < 0)
		return;
	v = below(t, 4);
	off[0] = below(t, maps[i].len / page) * page;
	if (v == 0 || v == 1) {
		/* All of it read-only (or inaccessible), tried, and back. */
		if (mprotect((void *)maps[i].base, maps[i].len, v ? PROT_NONE : PROT_READ)) {
			COUNT(C_MM_REFUSED);
			goto out;
		}
		COUNT(C_MM_OK);
		sig = touch_words(maps[i].base, off, 1, !v, 0x11223344);
		if (!sig)
			CONTRACT(t, "%s the %s mapping at %#lx worked after mprotect(%s)",
				 v ? "reading" : "writing", maps[i].what,
				 (unsigned long)maps[i].base, v ? "PROT_NONE" : "PROT_READ");
		else if (sig == SIGBUS)
			COUNT(C_SIGBUS);
		if (mprotect((void *)maps[i].base, maps[i].len, PROT_READ | PROT_WRITE))
			CONTRACT(t, "mprotect back to read-write of the %s mapping at %#lx failed: %s",
				 maps[i].what, (unsigned long)maps[i].base, errname(errno));
		VLOG(t, "mprotect %s of mapping %d, touched: %s", v ? "none" : "ro", i,
		     sig ? strsignal(sig) : "no fault");
	} else {
		sub_range(t, i, &s, &l);
		if (!l)
			goto out;
		if (!mprotect((void *)s, l, v == 2 ? PROT_READ : PROT_NONE)) {
			CONTRACT(t, "mprotect of %#lx+%#lx, part of the %s mapping at %#lx+%#lx, succeeded",
				 (unsigned long)s, (unsigned long)l, maps[i].what,
				 (unsigned long)maps[i].base, (unsigned long)maps[i].len);
			mprotect((void *)maps[i].base, maps[i].len, PROT_READ | PROT_WRITE);
		} else {
			COUNT(C_MM_REFUSED);
		}
		VLOG(t, "mprotect part of mapping %d", i);
	}
	still_whole(t, i, "mprotect");
out:
	pthread_rwlock_unlock(&maps[i].lock);
}

/* mmap(2) on the device by itself must map nothing. */
static void op_mmap_dev(struct thr *t)
{
	static const int prots[] = { PROT_READ, PROT_READ | PROT_WRITE, PROT_NONE, PROT_WRITE,
				     PROT_READ | PROT_EXEC };
	int s = pick_slot(t, -1), fd = slot_fd(s), flags;
	size_t len = page * (1 + below(t, chance(t, 1, 4) ? 8192 : 16));
	off_t off = chance(t, 1, 2) ? 0 : (off_t)(below(t, 8192) * page);
	void *p;

	flags = (chance(t, 3, 4) ? MAP_SHARED : MAP_PRIVATE) |
		(chance(t, 1, 4) ? MAP_POPULATE : 0) | (chance(t, 1, 4) ? MAP_NORESERVE : 0);
	p = mmap(NULL, len, prots[below(t, ARRAY_SIZE(prots))], flags, fd, off);
	VLOG(t, "mmap(2) slot %d fd %d len %#zx: %s", s, fd, len,
	     p == MAP_FAILED ? errname(errno) : "mapped");
	if (p == MAP_FAILED) {
		COUNT(C_MMAP_REFUSED);
		return;
	}
	CONTRACT(t, "mmap(2) of %#zx bytes at offset %#lx on the device mapped %p", len,
		 (unsigned long)off, p);
	munmap(p, len);
}

/* A request with a random code, lengths and buffers. */
static void op_req_random(struct thr *t)
{
	static const unsigned int w_rp[] = { 97, 1, 1, 1 };
	enum bufkind ik, ok;
	struct plan p;
	bool maplock = false, unmaplock = false;
	int s = pick_slot(t, -1);

	init_plan(&p, s, random_code(t), "random");
	p.inlen = random_len(t);
	p.outlen = random_len(t);
	if (code_maps(p.code)) {
		rd(t, &maplife);
		maplock = true;
	} else if (code_unmaps(p.code)) {
		wr(t, &maplife);
		unmaplock = true;
	}
	ik = random_kind(t, false);
	/* What the miniport takes as an address to unmap must be known to us. */
	if (unmaplock && (ik == B_FB || ik == B_HOLE || ik == B_RANDOM || ik == B_STRADDLE_HOLE))
		ik = B_POOL;
	p.in = place(t, ik, p.inlen, false, NULL);
	if (p.in.kind == B_POOL && p.inlen)
		fill(t, (void *)p.in.addr, p.inlen);
	if (unmaplock && p.in.kind == B_POOL && !t->child) {
		/* Never one of our entries' addresses: those go through op_unmap. */
		for (uint32_t o = 0; o + 8 <= p.inlen && o < 32; o += 8) {
			uint64_t v;

			memcpy(&v, (void *)(p.in.addr + o), 8);
			if (entry_at(v) >= 0) {
				v = 1;
				memcpy((void *)(p.in.addr + o), &v, 8);
			}
		}
	}
	ok = random_kind(t, true);
	p.out = place(t, ok, p.outlen, true, &p.in);
	p.reserved = chance(t, 1, 50) ? rnd(t) | 1 : 0;
	p.rp = pick(t, w_rp, ARRAY_SIZE(w_rp));
	submit(t, &p);
	release_held(t);
	if (maplock && !p.err && p.status == NO_ERROR && p.out.kind == B_POOL &&
	    p.rp == RP_NORMAL) {
		/* An answer we can read: keep what it mapped (no witness: the fd may be reused). */
		if (p.code == IOCTL_VIDEO_MAP_VIDEO_MEMORY && p.info >= sizeof(VIDEO_MEMORY_INFORMATION)) {
			VIDEO_MEMORY_INFORMATION vmi;

			memcpy(&vmi, (void *)p.out.addr, sizeof(vmi));
			keep_mapping(t, slots[s].dev, (uintptr_t)vmi.VideoRamBase,
				     vmi.VideoRamLength, -1, "random-map");
		} else if (p.code == IOCTL_VIDEO_SHARE_VIDEO_MEMORY &&
			   p.info >= sizeof(VIDEO_SHARE_MEMORY_INFORMATION)) {
			VIDEO_SHARE_MEMORY_INFORMATION smi;

			memcpy(&smi, (void *)p.out.addr, sizeof(smi));
			keep_mapping(t, slots[s].dev, (uintptr_t)smi.VirtualAddress,
				     smi.SharedViewSize, -1, "random-share");
		}
	} else if (maplock && !p.err && p.status == NO_ERROR) {
		COUNT(C_MAP_LOST);
	}
	if (maplock || unmaplock)
		unl(t, &maplife);
}

/* Requests vpshim must refuse, each for one documented reason. */
static void op_contract(struct thr *t)
{
	static const uint32_t harmless[] = {
		IOCTL_VIDEO_QUERY_NUM_AVAIL_MODES, IOCTL_VIDEO_QUERY_CURRENT_MODE,
		IOCTL_VIDEO_QUERY_AVAIL_MODES, UNKNOWN_VIDEO_CODE, IOCTL_VIDEO_GET_POWER_MANAGEMENT,
	};
	struct plan p;
	int s = pick_slot(t, -1), v = below(t, 12);
	uint32_t len = 8 + below(t, 200);

	init_plan(&p, s, harmless[below(t, ARRAY_SIZE(harmless))], "contract");
	p.in = place(t, B_POOL, len, false, NULL);
	p.inlen = chance(t, 1, 2) ? len : 0;
	p.out = place(t, B_POOL, len, true, NULL);
	p.outlen = len;
	switch (v) {
	case 0:
		p.inlen = len;
		p.in = place(t, B_NULL, len, false, NULL);
		break;
	case 1:
		p.out = place(t, B_RO, len, true, NULL);
		break;
	case 2:
		p.out = place(t, B_GUARD, len, true, NULL);
		break;
	case 3:
		p.out = place(t, B_STRADDLE_GUARD, len, true, NULL);
		break;
	case 4:
		p.inlen = len;
		p.in = place(t, B_STRADDLE_GUARD, len, false, NULL);
		break;
	case 5:
		p.outlen = REQ_MAX + 1 + below(t, 1ULL << 31);
		p.out = place(t, B_BIG, p.outlen, true, NULL);
		break;
	case 6:
		p.reserved = rnd(t) | 1;
		break;
	case 7:
		p.code = FOREIGN_CODE(below(t, 0x1000));
		break;
	case 8:
		p.out = place(t, B_NULL, len, true, NULL);
		break;
	case 9:
		p.inlen = len;
		p.in = place(t, B_KERNEL, len, false, NULL);
		break;
	case 10:
		p.rp = chance(t, 1, 2) ? RP_NULL : RP_GUARD;
		break;
	default:
		p.rp = RP_RO;
		break;
	}
	submit(t, &p);
}

/* The ioctl itself with another command number. */
static void op_bad_ioctl(struct thr *t)
{
	struct vpshim_video_request r = { .code = IOCTL_VIDEO_QUERY_NUM_AVAIL_MODES };
	unsigned long cmds[] = {
		_IOWR('V', 0xd1, struct vpshim_video_request),
		_IOR('V', 0xd0, struct vpshim_video_request),
		_IOW('V', 0xd0, struct vpshim_video_request),
		_IOWR('V', 0xd0, char[32]),
		_IO('V', 0xd0),
		_IOWR('v', 0xd0, struct vpshim_video_request),
		_IOWR('V', 0x80 + below(t, 0x50), struct vpshim_video_request),
	};
	int s = pick_slot(t, -1), fd = slot_fd(s), c = below(t, ARRAY_SIZE(cmds));

	COUNT(C_REQ);
	VLOG(t, "ioctl %#lx slot %d fd %d", cmds[c], s, fd);
	if (!ioctl(fd, cmds[c], &r)) {
		CONTRACT(t, "ioctl %#lx on the device succeeded, want ENOTTY", cmds[c]);
		return;
	}
	__atomic_fetch_add(&sh->err[errno < MAX_ERRNO ? errno : 0], 1, __ATOMIC_RELAXED);
	if (errno != ENOTTY && errno != EBADF)
		CONTRACT(t, "ioctl %#lx on the device failed with %s, want ENOTTY", cmds[c],
			 errname(errno));
}

/* ---- the bochs sample's requests ---- */

static uint64_t random_handle(struct thr *t, int *entry_used)
{
	static const unsigned int w[] = { 55, 20, 10, 5, 10 };
	int i;

	switch (pick(t, w, ARRAY_SIZE(w))) {
	case 0: return CURRENT_PROCESS;
	case 1: return 0;
	case 2: return 1 + below(t, NON_CANONICAL);
	case 3: return KERNEL_LIKE + below(t, 1 << 20);
	default:
		for (i = 0; i < MAX_MAPS; i++)
			if (LOAD(maps[i].used) && LOAD(maps[i].valid)) {
				*entry_used = i;
				return LOAD(maps[i].addr);
			}
		return CURRENT_PROCESS;
	}
}

static void bochs_map(struct thr *t, int s, bool share)
{
	struct plan p;
	int witness, dummy = -1, fd;
	uint64_t handle = CURRENT_PROCESS;

	init_plan(&p, s, share ? IOCTL_VIDEO_SHARE_VIDEO_MEMORY : IOCTL_VIDEO_MAP_VIDEO_MEMORY,
		  share ? "share" : "map");
	rd(t, &maplife);
	/* Through an fd of its own, which stays with the mapping as its witness. */
	fd = slot_fd(s);
	witness = fd >= 0 ? fcntl(fd, F_DUPFD_CLOEXEC, 0) : -1;
	p.fd = witness >= 0 ? witness : fd;
	if (share) {
		VIDEO_SHARE_MEMORY *sm = req_in(t, &p, sizeof(*sm), chance(t, 1, 10));
		static const unsigned int w[] = { 40, 30, 15, 15 };

		sm->ProcessHandle = (HANDLE)random_handle(t, &dummy);
		switch (pick(t, w, ARRAY_SIZE(w))) {
		case 0: sm->ViewOffset = 0; break;
		case 1: sm->ViewOffset = below(t, 257) * 65536; break;
		case 2: sm->ViewOffset = below(t, 17 << 20); break;
		default: sm->ViewOffset = (ULONG)rnd(t); break;
		}
		sm->ViewSize = chance(t, 1, 2) ? 65536 * (1 + below(t, 16)) :
			       chance(t, 1, 2) ? below(t, 17 << 20) : (ULONG)rnd(t);
		sm->RequestedVirtualAddress = (PVOID)(uintptr_t)(chance(t, 1, 2) ? 0 : rnd(t));
		req_out(t, &p, sizeof(VIDEO_SHARE_MEMORY_INFORMATION));
	} else {
		VIDEO_MEMORY *vm = req_in(t, &p, sizeof(*vm), chance(t, 1, 10));

		handle = random_handle(t, &dummy);
		vm->RequestedVirtualAddress = (PVOID)handle;
		req_out(t, &p, sizeof(VIDEO_MEMORY_INFORMATION));
	}
	if (chance(t, 1, 20))
		p.inlen = below(t, p.inlen);
	twist_out(t, &p);
	submit(t, &p);
	if (!p.err && p.status == NO_ERROR && p.out.kind == B_POOL) {
		if (share && p.info >= sizeof(VIDEO_SHARE_MEMORY_INFORMATION)) {
			VIDEO_SHARE_MEMORY_INFORMATION smi;

			memcpy(&smi, (void *)p.out.addr, sizeof(smi));
			keep_mapping(t, slots[s].dev, (uintptr_t)smi.VirtualAddress,
				     smi.SharedViewSize, witness, "share");
			witness = -1;
		} else if (!share && p.info >= sizeof(VIDEO_MEMORY_INFORMATION)) {
			VIDEO_MEMORY_INFORMATION vmi;

			memcpy(&vmi, (void *)p.out.addr, sizeof(vmi));
			if (vmi.FrameBufferBase != vmi.VideoRamBase)
				CONTRACT(t, "MAP_VIDEO_MEMORY: frame buffer %p is not video memory %p",
					 vmi.FrameBufferBase, vmi.VideoRamBase);
			/* NULL: the miniport maps for the kernel, vpshim translates. */
			keep_mapping(t, slots[s].dev, (uintptr_t)vmi.VideoRamBase,
				     vmi.VideoRamLength, witness, handle ? "map" : "map-kernel");
			witness = -1;
		}
	} else if (!p.err && p.status == NO_ERROR) {
		COUNT(C_MAP_LOST);
	}
	if (witness >= 0)
		close(witness);
	unl(t, &maplife);
}

/* UNMAP or UNSHARE with an address an answer gave, a stale one or a made-up one. */
static void bochs_unmap(struct thr *t, int s, bool share)
{
	static const unsigned int w[] = { 60, 25, 15 };
	uint64_t addr = 0, handle = chance(t, 4, 5) ? CURRENT_PROCESS : 0;
	struct plan p;
	int i = -1, v, target;
	bool ours = false;
	size_t off[1] = { 0 };

	init_plan(&p, s, share ? IOCTL_VIDEO_UNSHARE_VIDEO_MEMORY : IOCTL_VIDEO_UNMAP_VIDEO_MEMORY,
		  share ? "unshare" : "unmap");
	wr(t, &maplife);
	target = pick(t, w, ARRAY_SIZE(w));
	if (target == 0) {
		i = lock_entry(t, true, -1);
		if (i < 0) {
			target = 1;
		} else {
			addr = chance(t, 1, 2) ? maps[i].addr :
						 maps[i].base + below(t, maps[i].len);
			if (maps[i].witness >= 0 && chance(t, 1, 3))
				p.fd = maps[i].witness;
		}
	}
	if (target == 1) {
		pthread_mutex_lock(&table_lock);
		addr = stale[below(t, STALE_ADDRS)];
		pthread_mutex_unlock(&table_lock);
		if (chance(t, 1, 3))
			addr += chance(t, 1, 2) ? -1 : 1;
		/* It may be an entry's again: then it is that entry's. */
		v = t->child ? -1 : entry_at(addr);
		if (v >= 0) {
			pthread_rwlock_wrlock(&maps[v].lock);
			if (maps[v].valid && addr - maps[v].base < maps[v].len)
				i = v;
			else
				pthread_rwlock_unlock(&maps[v].lock);
		}
	}
	if (target == 2) {
		switch (below(t, 5)) {
		case 0: addr = 0; break;
		case 1: addr = CURRENT_PROCESS; break;
		case 2: addr = KERNEL_LIKE + below(t, 1 << 30); break;
		default:
			addr = pool_page(t, P_SRC) + below(t, P_SRC_PAGES * page);
			ours = true;
			break;
		}
	}
	if (share) {
		VIDEO_SHARE_MEMORY *sm = req_in(t, &p, sizeof(*sm), false);

		sm->ProcessHandle = (HANDLE)handle;
		sm->RequestedVirtualAddress = (PVOID)addr;
	} else {
		VIDEO_MEMORY *vm = req_in(t, &p, sizeof(*vm), chance(t, 1, 10));

		vm->RequestedVirtualAddress = (PVOID)addr;
	}
	if (chance(t, 1, 20))
		p.inlen = below(t, p.inlen);
	submit(t, &p);
	if (!p.err && p.status == NO_ERROR)
		COUNT(C_UNMAPS);
	if (i >= 0) {
		if (!p.err && p.status == NO_ERROR) {
			enum vma_state st = vma_state(t, maps[i].base, maps[i].len);

			if (st != VMA_GONE && st != VMA_UNKNOWN) {
				CONTRACT(t, "%s of %#llx answered NO_ERROR, but the %s mapping at %#lx+%#lx is %s",
					 p.what, (unsigned long long)addr, maps[i].what,
					 (unsigned long)maps[i].base, (unsigned long)maps[i].len,
					 vma_names[st]);
				pthread_rwlock_unlock(&maps[i].lock);
			} else {
				drop_entry(i);
			}
		} else {
			still_whole(t, i, "a failed UNMAP");
			pthread_rwlock_unlock(&maps[i].lock);
		}
	} else if (target == 2 && !p.err && p.status == NO_ERROR) {
		CONTRACT(t, "%s of %#llx, which no answer gave, answered NO_ERROR", p.what,
			 (unsigned long long)addr);
	}
	if (ours && touch_words(addr & ~(page - 1), off, 1, false, 0))
		CONTRACT(t, "%s of %#llx took away our own memory", p.what,
			 (unsigned long long)addr);
	unl(t, &maplife);
}

static void bochs_structured(struct thr *t, int s)
{
	static const unsigned int w[] = { 8, 6, 6, 8, 14, 10, 8, 6, 3, 6, 4 };
	struct dev *d = &devs[slots[s].dev];
	struct plan p;
	uint32_t n, i;

	switch (pick(t, w, ARRAY_SIZE(w))) {
	case 0:
		init_plan(&p, s, IOCTL_VIDEO_QUERY_NUM_AVAIL_MODES, "num-modes");
		req_out(t, &p, sizeof(VIDEO_NUM_MODES));
		twist_out(t, &p);
		submit(t, &p);
		break;
	case 1:
		init_plan(&p, s, IOCTL_VIDEO_QUERY_AVAIL_MODES, "avail-modes");
		n = d->nmodes * sizeof(VIDEO_MODE_INFORMATION);
		req_out(t, &p, chance(t, 4, 5) ? n : below(t, n + 1));
		twist_out(t, &p);
		submit(t, &p);
		break;
	case 2:
		init_plan(&p, s, IOCTL_VIDEO_QUERY_CURRENT_MODE, "current-mode");
		req_out(t, &p, sizeof(VIDEO_MODE_INFORMATION));
		twist_out(t, &p);
		submit(t, &p);
		break;
	case 3: {
		VIDEO_MODE *vm;

		init_plan(&p, s, IOCTL_VIDEO_SET_CURRENT_MODE, "set-mode");
		vm = req_in(t, &p, sizeof(*vm), chance(t, 1, 10));
		vm->RequestedMode = chance(t, 7, 10) ? below(t, d->nmodes) :
				    chance(t, 1, 2) ? d->nmodes + below(t, 3) : (ULONG)rnd(t);
		if (chance(t, 1, 3))
			vm->RequestedMode |= VIDEO_MODE_NO_ZERO_MEMORY;
		if (chance(t, 1, 3))
			vm->RequestedMode |= VIDEO_MODE_MAP_MEM_LINEAR;
		if (chance(t, 1, 20))
			p.inlen = below(t, p.inlen);
		submit(t, &p);
		break;
	}
	case 4:
		bochs_map(t, s, false);
		break;
	case 5:
		bochs_unmap(t, s, false);
		break;
	case 6:
		bochs_map(t, s, true);
		break;
	case 7:
		bochs_unmap(t, s, true);
		break;
	case 8:
		init_plan(&p, s, IOCTL_VIDEO_RESET_DEVICE, "reset");
		submit(t, &p);
		break;
	case 9: {
		VIDEO_CLUT *clut;

		init_plan(&p, s, IOCTL_VIDEO_SET_COLOR_REGISTERS, "clut");
		n = chance(t, 7, 10) ? 1 + below(t, 256) : chance(t, 1, 3) ? 0 : below(t, 65536);
		p.inlen = offsetof(VIDEO_CLUT, LookupTable) + n * 4;
		if (chance(t, 1, 10))
			p.inlen = below(t, p.inlen);
		p.in = place(t, B_POOL, p.inlen, false, NULL);
		fill(t, (void *)p.in.addr, p.inlen);
		clut = (VIDEO_CLUT *)p.in.addr;
		if (p.inlen >= 4) {
			clut->NumEntries = chance(t, 9, 10) ? n : below(t, 65536);
			clut->FirstEntry = chance(t, 7, 10) ? below(t, 256 - (n < 256 ? n : 255)) :
						       below(t, 65536);
		}
		submit(t, &p);
		break;
	}
	default: {
		VIDEO_PALETTE_DATA *pal;

		init_plan(&p, s, IOCTL_VIDEO_SET_PALETTE_REGISTERS, "palette");
		n = chance(t, 7, 10) ? 1 + below(t, 16) : below(t, 65536);
		p.inlen = offsetof(VIDEO_PALETTE_DATA, Colors) + n * 2;
		if (chance(t, 1, 10))
			p.inlen = below(t, p.inlen);
		p.in = place(t, B_POOL, p.inlen, false, NULL);
		fill(t, (void *)p.in.addr, p.inlen);
		pal = (VIDEO_PALETTE_DATA *)p.in.addr;
		if (p.inlen >= 4) {
			pal->NumEntries = n;
			pal->FirstEntry = chance(t, 7, 10) ? below(t, 16) : below(t, 65536);
			for (i = 0; i < n && offsetof(VIDEO_PALETTE_DATA, Colors) + i * 2 + 2 <= p.inlen; i++)
				pal->Colors[i] &= 0x3f;
		}
		submit(t, &p);
		break;
	}
	}
}

/* ---- the edu sample's packet DMA ---- */

static uint32_t dma_len(struct thr *t)
{
	static const unsigned int w[] = { 25, 30, 5, 15, 3, 2, 5, 2, 3 };

	switch (pick(t, w, ARRAY_SIZE(w))) {
	case 0: return 1 + below(t, 64);
	case 1: return 65 + below(t, 4031);
	case 2: return 4096;
	case 3: return 4097 + below(t, 8192);
	case 4: return 0;
	case 5: return 1 + below(t, P_SRC_PAGES * page);
	case 6: return (uint32_t)rnd(t);
	case 7: return 1 + below(t, 64 << 10);
	default: return 4095 + below(t, 3);
	}
}

static enum bufkind dma_kind(struct thr *t)
{
	static const unsigned int w[B_NKINDS] = {
		[B_POOL] = 60, [B_BIG] = 4, [B_NULL] = 3, [B_RO] = 10, [B_GUARD] = 3, [B_HOLE] = 3,
		[B_STRADDLE_GUARD] = 4, [B_STRADDLE_HOLE] = 2, [B_KERNEL] = 3, [B_FB] = 5,
		[B_RANDOM] = 3,
	};

	return pick(t, w, B_NKINDS);
}

/* A DMA buffer: our own source or destination pages when the kind is the pool. */
static struct buf dma_buf(struct thr *t, enum bufkind k, uint32_t len, bool dst)
{
	struct buf b;
	int first = dst ? P_DST : P_SRC, pages = dst ? P_DST_PAGES : P_SRC_PAGES;
	uintptr_t room = pages * page - 2;

	/*
	 * A kind that falls back to the pool (a framebuffer buffer with no
	 * mapping to lock, say) lands in our own pages instead: anywhere else
	 * in the pool it could overlap the other buffer, and the guard bytes
	 * written around a destination could fall outside the pool.
	 */
	if (k != B_POOL) {
		b = place(t, k, len, dst, NULL);
		if (b.kind != B_POOL)
			return b;
	}
	if (len > room)
		return place(t, B_BIG, len, dst, NULL);
	b.kind = B_POOL;
	b.addr = pool_page(t, first) + 1 + below(t, room - len + 1);
	b.readable = b.writable = 1;
	b.snap = true;
	return b;
}

static void edu_dma(struct thr *t, int s)
{
	EDU_PACKET_DMA *in;
	EDU_PACKET_RESULT res = { 0 };
	struct buf src, dst;
	struct plan p;
	uint32_t len = dma_len(t);
	unsigned char *ro = (unsigned char *)pool_page(t, P_RO);
	size_t i, bad = 0;

	src = dma_buf(t, dma_kind(t), len, false);
	dst = dma_buf(t, dma_kind(t), len, true);
	if (src.kind == B_POOL && len)
		fill(t, (void *)src.addr, len);
	if (dst.kind == B_POOL && len)
		memset((void *)(dst.addr - 1), 0x11, len + 2);
	init_plan(&p, s, IOCTL_EDU_PACKET_DMA, "edu-dma");
	in = req_in(t, &p, sizeof(*in), chance(t, 1, 10));
	in->Source = (PVOID)src.addr;
	in->Destination = (PVOID)dst.addr;
	in->Length = len;
	in->Reserved = chance(t, 1, 10) ? (ULONG)rnd(t) : 0;
	if (chance(t, 1, 20))
		p.inlen = below(t, p.inlen);
	req_out(t, &p, sizeof(res));
	twist_out(t, &p);
	submit(t, &p);
	release_held(t);
	if (dst.kind == B_RO || dst.kind == B_SAME) {
		for (i = 0; i < P_RO_PAGES * page; i++)
			if (ro[i] != RO_BYTE)
				break;
		if (i < P_RO_PAGES * page)
			CONTRACT(t, "edu-dma: the device wrote %#x into a read-only page at byte %zu",
				 ro[i], i);
	}
	if (p.err || p.status != NO_ERROR || p.inlen < sizeof(*in) || p.outlen < sizeof(res)) {
		COUNT(C_DMA_FAIL);
		return;
	}
	COUNT(C_DMA_OK);
	COUNT_N(C_DMA_BYTES, len);
	if (src.readable == 0 || dst.writable == 0)
		CONTRACT(t, "edu-dma of %u bytes from %s to %s succeeded", len,
			 buf_names[src.kind], buf_names[dst.kind]);
	if (p.out.kind == B_POOL) {
		memcpy(&res, (void *)p.out.addr, sizeof(res));
		if (p.info != sizeof(res) || (len && !res.Rounds))
			CONTRACT(t, "edu-dma: %llu bytes of answer, %u rounds for %u bytes",
				 (unsigned long long)p.info, res.Rounds, len);
	}
	if (src.kind != B_POOL || dst.kind != B_POOL)
		return;
	if (memcmp((void *)src.addr, (void *)dst.addr, len)) {
		const unsigned char *sp = (const unsigned char *)src.addr;
		const unsigned char *dp = (const unsigned char *)dst.addr;
		size_t end, untouched = 0, nbad = 0;

		for (bad = 0; bad < len && sp[bad] == dp[bad]; bad++)
			;
		for (end = bad; end < len && sp[end] != dp[end]; end++)
			untouched += dp[end] == 0x11;
		for (i = bad; i < len; i++)
			nbad += sp[i] != dp[i];
		CONTRACT(t, "edu-dma of %u bytes answered NO_ERROR, but byte %zu differs: %zu bytes wrong from there (%zu never written), %zu in all; src %#lx dst %#lx (page offsets %#lx, %#lx), %u rounds, %u elements",
			 len, bad, end - bad, untouched, nbad, (unsigned long)src.addr,
			 (unsigned long)dst.addr, (unsigned long)((src.addr + bad) & (page - 1)),
			 (unsigned long)((dst.addr + bad) & (page - 1)),
			 p.out.kind == B_POOL ? res.Rounds : 0, p.out.kind == B_POOL ? res.Elements : 0);
	} else if (((unsigned char *)dst.addr)[-1] != 0x11 ||
		   ((unsigned char *)dst.addr)[len] != 0x11) {
		CONTRACT(t, "edu-dma of %u bytes wrote outside its destination", len);
	} else {
		COUNT_N(C_DMA_VERIFIED, len);
	}
}

static void edu_structured(struct thr *t, int s)
{
	struct plan p;

	if (chance(t, 7, 10)) {
		edu_dma(t, s);
		return;
	}
	init_plan(&p, s, known_codes[below(t, ARRAY_SIZE(known_codes))], "edu-other");
	/* The edu sample handles nothing else: no mapping can come of it. */
	if (code_maps(p.code) || code_unmaps(p.code))
		p.code = UNKNOWN_VIDEO_CODE;
	req_out(t, &p, 8 + below(t, 100));
	submit(t, &p);
	/* (With a peer, a closed slot's number may be the other device's by now.) */
	if (ndevs == 1 && !p.err && p.status != ERROR_INVALID_FUNCTION)
		CONTRACT(t, "edu answered request %#x with status %#x", p.code, p.status);
}

static void op_req_struct(struct thr *t)
{
	int s = pick_slot(t, -1);

	switch (devs[slots[s].dev].kind) {
	case K_EDU:
		edu_structured(t, s);
		break;
	case K_BOCHS:
		bochs_structured(t, s);
		break;
	default:
		op_req_random(t);
		break;
	}
}

/* ---- fork ---- */

static void child_main(struct thr *t)
{
	char *buf = t->mapsbuf;
	size_t off[4];
	int i, n, found, sig;

	t->child = true;
	t->held = -1;
	alarm(CHILD_ALARM_S);
	/* The inherited one still shows the parent's address space. */
	close(t->mapsfd);
	t->mapsfd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
	/* Framebuffer mappings are not inherited. */
	found = device_mappings(buf, MAPS_BUF_SIZE);
	if (found > 0)
		CONTRACT(t, "a forked child inherited a framebuffer mapping");
	for (i = 0; i < MAX_MAPS; i++) {
		if (!maps[i].used || !maps[i].valid || !chance(t, 1, 4))
			continue;
		off[0] = 0;
		sig = touch_words(maps[i].base, off, 1, false, 0);
		COUNT(sig == SIGSEGV ? C_SIGSEGV : sig == SIGBUS ? C_SIGBUS : C_TOUCH);
	}
	/* The inherited fds: the same files, this process's memory. */
	n = 1 + below(t, 6);
	for (i = 0; i < n; i++) {
		int s = pick_slot(t, -1);

		COUNT(C_CHILD_OPS);
		t->ops++;
		if (devs[slots[s].dev].kind == K_BOCHS && chance(t, 1, 2)) {
			struct plan p;
			VIDEO_MEMORY *vm;
			VIDEO_MEMORY_INFORMATION vmi;

			init_plan(&p, s, IOCTL_VIDEO_MAP_VIDEO_MEMORY, "child-map");
			vm = req_in(t, &p, sizeof(*vm), false);
			vm->RequestedVirtualAddress = (PVOID)CURRENT_PROCESS;
			req_out(t, &p, sizeof(vmi));
			submit(t, &p);
			if (p.err || p.status != NO_ERROR || p.info < sizeof(vmi))
				continue;
			memcpy(&vmi, (void *)p.out.addr, sizeof(vmi));
			COUNT(C_MAPS);
			for (int j = 0; j < 4; j++)
				off[j] = below(t, vmi.VideoRamLength / page) * page;
			sig = touch_words((uintptr_t)vmi.VideoRamBase, off, 4, true, 0x01020304);
			if (sig == SIGBUS)
				COUNT(C_SIGBUS);
			else if (sig)
				CONTRACT(t, "a child's own mapping at %p: %s", vmi.VideoRamBase,
					 strsignal(sig));
			if (chance(t, 1, 2)) {
				init_plan(&p, s, IOCTL_VIDEO_UNMAP_VIDEO_MEMORY, "child-unmap");
				vm = req_in(t, &p, sizeof(*vm), false);
				vm->RequestedVirtualAddress = vmi.VideoRamBase;
				submit(t, &p);
			}
		} else if (devs[slots[s].dev].kind == K_EDU && chance(t, 1, 2)) {
			edu_dma(t, s);
		} else {
			op_req_random(t);
		}
	}
	_exit(0);
}

static void op_fork(struct thr *t)
{
	struct timespec ts = { 0, 10 * 1000 * 1000 };
	int status, waited;
	pid_t pid, r;

	pid = fork();
	if (pid == 0)
		child_main(t);
	if (pid < 0) {
		INTERNAL("fork: %s", errname(errno));
		return;
	}
	/* The child drew from a copy of our generator: skip past what it may have used. */
	t->rng ^= 0x5bd1e995;
	rnd(t);
	COUNT(C_FORKS);
	for (waited = 0;; waited += 10) {
		r = waitpid(pid, &status, WNOHANG);
		if (r == pid)
			break;
		if (r < 0 && errno != EINTR) {
			INTERNAL("waitpid: %s", errname(errno));
			return;
		}
		if (waited == CHILD_WAIT_MS)
			kill(pid, SIGKILL);
		if (waited > 2 * CHILD_WAIT_MS) {
			CONTRACT(t, "forked child %d survives SIGKILL for %d s", pid,
				 CHILD_WAIT_MS / 1000);
			return;
		}
		nanosleep(&ts, NULL);
	}
	VLOG(t, "fork: child %d %s %d", pid, WIFSIGNALED(status) ? "killed by" : "exited",
	     WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
	if (WIFSIGNALED(status)) {
		if (WTERMSIG(status) == SIGALRM || WTERMSIG(status) == SIGKILL)
			COUNT(C_CHILD_TIMEOUT);
		else
			INTERNAL("forked child died of %s", strsignal(WTERMSIG(status)));
	} else if (WEXITSTATUS(status)) {
		INTERNAL("forked child exited with %d", WEXITSTATUS(status));
	}
}

/* ---- the thread loop ---- */

enum op {
	OP_REQ_RANDOM, OP_REQ_STRUCT, OP_CONTRACT, OP_BAD_IOCTL, OP_MMAP_DEV, OP_TOUCH,
	OP_MUNMAP_FULL, OP_MUNMAP_PART, OP_MREMAP, OP_MADVISE, OP_MPROTECT, OP_FORK,
	OP_CLOSE, OP_REOPEN, OP_N
};

static const unsigned int op_weights[OP_N] = {
	[OP_REQ_RANDOM] = 20, [OP_REQ_STRUCT] = 35, [OP_CONTRACT] = 8, [OP_BAD_IOCTL] = 2,
	[OP_MMAP_DEV] = 2, [OP_TOUCH] = 12, [OP_MUNMAP_FULL] = 3, [OP_MUNMAP_PART] = 2,
	[OP_MREMAP] = 3, [OP_MADVISE] = 3, [OP_MPROTECT] = 2, [OP_FORK] = 1, [OP_CLOSE] = 1,
	[OP_REOPEN] = 2,
};

static bool any_mapping(void)
{
	int i;

	for (i = 0; i < MAX_MAPS; i++)
		if (LOAD(maps[i].used) && LOAD(maps[i].valid))
			return true;
	return false;
}

static void one_op(struct thr *t)
{
	enum op op = pick(t, op_weights, OP_N);
	int s, i;

	if (op >= OP_TOUCH && op <= OP_MPROTECT && !any_mapping())
		op = OP_REQ_STRUCT;
	/*
	 * A closed or dead open is mostly reopened (which waits a little while
	 * the device is gone); a few requests still go to it (EBADF, ENODEV).
	 */
	s = below(t, nslots);
	if ((slot_fd(s) < 0 || LOAD(slots[s].dead)) && chance(t, 7, 8))
		op = OP_REOPEN;
	switch (op) {
	case OP_REQ_RANDOM: op_req_random(t); break;
	case OP_REQ_STRUCT: op_req_struct(t); break;
	case OP_CONTRACT: op_contract(t); break;
	case OP_BAD_IOCTL: op_bad_ioctl(t); break;
	case OP_MMAP_DEV: op_mmap_dev(t); break;
	case OP_TOUCH: op_touch(t); break;
	case OP_MUNMAP_FULL: op_munmap_full(t); break;
	case OP_MUNMAP_PART: op_munmap_part(t); break;
	case OP_MREMAP: op_mremap(t); break;
	case OP_MADVISE: op_madvise(t); break;
	case OP_MPROTECT: op_mprotect(t); break;
	case OP_FORK: op_fork(t); break;
	case OP_CLOSE: slot_close(t, below(t, nslots)); break;
	default:
		for (i = 0; i < nslots; i++)
			if (slot_fd((s + i) % nslots) < 0 || LOAD(slots[(s + i) % nslots].dead))
				break;
		if (i < nslots) {
			slot_reopen(t, (s + i) % nslots);
			/* While unbound, do not spin on ENOENT. */
			if (slot_fd((s + i) % nslots) < 0 || LOAD(slots[(s + i) % nslots].dead))
				usleep(2000);
		} else if (chance(t, 1, 3)) {
			slot_reopen(t, s);
		}
		break;
	}
}

static void *thread_main(void *arg)
{
	struct thr *t = arg;

	while (!LOAD(stop) && (!t->max_ops || t->ops < t->max_ops)) {
		t->ops++;
		COUNT(C_OPS);
		one_op(t);
	}
	return NULL;
}

/* Runs --unbind-cmd every few seconds while the threads work. */
static void *unbind_main(void *arg)
{
	char *const argv[] = { "/bin/sh", "-c", (char *)unbind_cmd, NULL };
	extern char **environ;
	unsigned int i;
	int status;
	pid_t pid;

	(void)arg;
	while (!LOAD(stop)) {
		for (i = 0; i < unbind_interval * 10 && !LOAD(stop); i++)
			usleep(100 * 1000);
		if (LOAD(stop))
			break;
		/* Its stack is a new mapping: ordered like a MAP answer. */
		pthread_rwlock_rdlock(&maplife);
		status = posix_spawn(&pid, "/bin/sh", NULL, NULL, argv, environ);
		pthread_rwlock_unlock(&maplife);
		if (status) {
			INTERNAL("cannot run the unbind command: %s", errname(status));
			break;
		}
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		COUNT(C_UNBIND_RUNS);
		say(PROG ": unbind command exited %d", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	}
	return NULL;
}

/* ---- setup ---- */

static void *map_anon(size_t len, int prot)
{
	void *p = mmap(NULL, len, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (p == MAP_FAILED) {
		fprintf(stderr, PROG ": mmap of %zu bytes: %s\n", len, strerror(errno));
		exit(2);
	}
	return p;
}

static struct thr *new_thread(int id)
{
	struct thr *t = map_anon(sizeof(*t), PROT_READ | PROT_WRITE);
	uint64_t x = seed ^ ((uint64_t)id << 32);

	t->id = id;
	t->rng = splitmix(&x) | 1;
	t->held = -1;
	t->mapsbuf = map_anon(MAPS_BUF_SIZE, PROT_READ | PROT_WRITE);
	t->mapsfd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
	if (t->mapsfd < 0) {
		fprintf(stderr, PROG ": /proc/self/maps: %s\n", strerror(errno));
		exit(2);
	}
	t->pool = map_anon(P_PAGES * page, PROT_READ | PROT_WRITE);
	memset(t->pool + P_RO * page, RO_BYTE, P_RO_PAGES * page);
	if (mprotect(t->pool + P_GUARD1 * page, page, PROT_NONE) ||
	    mprotect(t->pool + P_RO * page, P_RO_PAGES * page, PROT_READ) ||
	    mprotect(t->pool + P_GUARD2 * page, page, PROT_NONE) ||
	    munmap(t->pool + P_HOLE * page, page) ||
	    mprotect(t->pool + P_REQPAGE * page, page, PROT_READ) ||
	    mprotect(t->pool + P_GUARD3 * page, page, PROT_NONE)) {
		fprintf(stderr, PROG ": setting up the buffers: %s\n", strerror(errno));
		exit(2);
	}
	return t;
}

/* What the device is, from its answers, when the command line does not say. */
static enum kind probe(struct thr *t, int s)
{
	VIDEO_NUM_MODES num = { 0 };
	struct vpshim_video_request r = {
		.code = IOCTL_VIDEO_QUERY_NUM_AVAIL_MODES,
		.out_length = sizeof(num),
		.out_buffer = (uintptr_t)&num,
	};

	(void)t;
	if (ioctl(slot_fd(s), VPSHIM_IOCTL_VIDEO_REQUEST, &r) || r.status != NO_ERROR)
		return K_EDU;
	return K_BOCHS;
}

static unsigned int bochs_modes(int s)
{
	VIDEO_NUM_MODES num = { 0 };
	struct vpshim_video_request r = {
		.code = IOCTL_VIDEO_QUERY_NUM_AVAIL_MODES,
		.out_length = sizeof(num),
		.out_buffer = (uintptr_t)&num,
	};

	if (ioctl(slot_fd(s), VPSHIM_IOCTL_VIDEO_REQUEST, &r) || r.status != NO_ERROR ||
	    !num.NumModes || num.NumModes > 1000)
		return 7;
	return num.NumModes;
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: " PROG " --seed N --seconds S --device /dev/vpshim/<dev> [--edu|--bochs]\n"
		"       [--peer /dev/vpshim/<dev> [--peer-edu|--peer-bochs]] [--threads N]\n"
		"       [--slots N] [--ops N] [--unbind-cmd CMD] [--unbind-interval S] [--verbose]\n"
		"  --ops N          stop each thread after N operations (with --threads 1: one\n"
		"                   fixed sequence, for reducing a finding); --seconds still bounds it\n"
		"  --peer DEV       a second device the same threads use (its mappings become\n"
		"                   buffers for the first one's requests)\n"
		"  --unbind-cmd     run CMD with /bin/sh every --unbind-interval seconds\n"
		"exit status: 0, 1 after a CONTRACT or INTERNAL line, 2 for bad usage or setup\n");
}

static int parse_kind(const char *a, enum kind *k)
{
	if (!strcmp(a, "--edu") || !strcmp(a, "--peer-edu"))
		*k = K_EDU;
	else if (!strcmp(a, "--bochs") || !strcmp(a, "--peer-bochs"))
		*k = K_BOCHS;
	else
		return 0;
	return 1;
}

int main(int argc, char **argv)
{
	struct sigaction sa = { 0 };
	struct timespec t0, t1, deadline;
	enum kind kinds[2] = { K_GENERIC, K_GENERIC };
	bool kind_set[2] = { false, false };
	unsigned long ops_per_thread = 0, total_err = 0;
	int i, per_dev = 3, stuck = 0;
	pthread_t unbinder;
	char line[2048];
	size_t n;
	double secs;

	setvbuf(stdout, NULL, _IOLBF, 0);
	page = sysconf(_SC_PAGESIZE);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		enum kind k;

		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			return 0;
		} else if (parse_kind(a, &k)) {
			kinds[a[2] == 'p'] = k;
			kind_set[a[2] == 'p'] = true;
			continue;
		} else if (!strcmp(a, "--verbose")) {
			verbose = true;
			continue;
		}
		if (!v) {
			usage(stderr);
			return 2;
		}
		i++;
		if (!strcmp(a, "--seed"))
			seed = strtoull(v, NULL, 0);
		else if (!strcmp(a, "--seconds"))
			seconds = strtoul(v, NULL, 0);
		else if (!strcmp(a, "--device"))
			devs[0].path = v;
		else if (!strcmp(a, "--peer"))
			devs[1].path = v;
		else if (!strcmp(a, "--threads"))
			nthreads = atoi(v);
		else if (!strcmp(a, "--slots"))
			per_dev = atoi(v);
		else if (!strcmp(a, "--ops"))
			ops_per_thread = strtoul(v, NULL, 0);
		else if (!strcmp(a, "--unbind-cmd"))
			unbind_cmd = v;
		else if (!strcmp(a, "--unbind-interval"))
			unbind_interval = strtoul(v, NULL, 0);
		else {
			usage(stderr);
			return 2;
		}
	}
	if (!devs[0].path || nthreads < 1 || nthreads > MAX_THREADS || per_dev < 1 ||
	    per_dev * 2 > MAX_SLOTS) {
		usage(stderr);
		return 2;
	}
	ndevs = devs[1].path ? 2 : 1;
	if (!unbind_interval)
		unbind_interval = seconds / 5 < 2 ? 2 : seconds / 5 > 30 ? 30 : seconds / 5;

	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED) {
		perror(PROG ": shared counters");
		return 2;
	}
	big = map_anon(BIG_SIZE + page, PROT_READ | PROT_WRITE);
	mprotect(big + BIG_SIZE, page, PROT_NONE);
	memset(big, 0x2a, BIG_SIZE);
	scratch = map_anon(SCRATCH_SIZE, PROT_NONE);
	pthread_rwlock_init(&maplife, NULL);
	for (i = 0; i < MAX_MAPS; i++) {
		pthread_rwlock_init(&maps[i].lock, NULL);
		maps[i].witness = -1;
	}
	for (i = 0; i < nthreads; i++) {
		threads[i] = new_thread(i);
		threads[i]->max_ops = ops_per_thread;
	}
	for (int d = 0; d < ndevs; d++) {
		for (i = 0; i < per_dev; i++) {
			struct slot *sl = &slots[nslots];

			pthread_mutex_init(&sl->lock, NULL);
			sl->dev = d;
			sl->fd = open(devs[d].path, O_RDWR | O_CLOEXEC);
			if (sl->fd < 0) {
				fprintf(stderr, PROG ": cannot open %s: %s\n", devs[d].path,
					strerror(errno));
				return 2;
			}
			nslots++;
		}
		devs[d].kind = kind_set[d] ? kinds[d] : probe(threads[0], nslots - 1);
		if (devs[d].kind == K_BOCHS)
			devs[d].nmodes = bochs_modes(nslots - 1);
	}

	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGBUS, &sa, NULL);
	sigaction(SIGSEGV, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	printf(PROG ": seed %llu: %s (%s)%s%s%s%s, %d threads, %d opens each, %u s%s%s\n", seed,
	       devs[0].path, kind_names[devs[0].kind], ndevs > 1 ? ", peer " : "",
	       ndevs > 1 ? devs[1].path : "", ndevs > 1 ? " " : "",
	       ndevs > 1 ? kind_names[devs[1].kind] : "", nthreads, per_dev, seconds,
	       unbind_cmd ? ", unbinding with: " : "", unbind_cmd ? unbind_cmd : "");
	fflush(stdout);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < nthreads; i++)
		if (pthread_create(&threads[i]->th, NULL, thread_main, threads[i])) {
			fprintf(stderr, PROG ": pthread_create failed\n");
			return 2;
		}
	if (unbind_cmd)
		pthread_create(&unbinder, NULL, unbind_main, NULL);
	for (;;) {
		int done = 0;

		clock_gettime(CLOCK_MONOTONIC, &t1);
		if (t1.tv_sec - t0.tv_sec >= (time_t)seconds)
			break;
		if (ops_per_thread) {
			for (i = 0; i < nthreads; i++)
				done += threads[i]->ops >= ops_per_thread;
			if (done == nthreads)
				break;
		}
		usleep(50 * 1000);
	}
	STORE(stop, 1);
	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_sec += JOIN_GRACE_S;
	for (i = 0; i < nthreads; i++) {
		if (pthread_timedjoin_np(threads[i]->th, NULL, &deadline)) {
			INTERNAL("thread %d did not finish within %d s of the end (stuck in the kernel?)",
				 i, JOIN_GRACE_S);
			stuck++;
		}
	}
	if (unbind_cmd && !stuck)
		pthread_join(unbinder, NULL);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;

	n = 0;
	for (i = 0; i < (int)N_STATUS; i++)
		if (sh->st[i])
			n += snprintf(line + n, sizeof(line) - n, "%s%s %lu", n ? ", " : "",
				      i < (int)ARRAY_SIZE(status_names) ? status_names[i].name :
				      "other", sh->st[i]);
	printf(PROG ": seed %llu: statuses: %s\n", seed, n ? line : "none");
	printf(PROG ": seed %llu: mappings: %lu made (%lu of kernel ones, %lu aliases, %lu not kept), %lu unmapped by request, "
	       "%lu munmapped, %lu touches, %lu sigsegv, %lu refused and %lu allowed mm calls, "
	       "%lu mmap(2) refused, %lu revocation witnesses\n", seed,
	       sh->c[C_MAPS], sh->c[C_MAP_KERNEL], sh->c[C_MAP_ALIAS], sh->c[C_MAP_LOST], sh->c[C_UNMAPS],
	       sh->c[C_MUNMAP], sh->c[C_TOUCH], sh->c[C_SIGSEGV], sh->c[C_MM_REFUSED],
	       sh->c[C_MM_OK], sh->c[C_MMAP_REFUSED], sh->c[C_WITNESS]);
	printf(PROG ": seed %llu: packet DMA: %lu ok (%lu bytes, %lu verified), %lu failed; "
	       "opens: %lu closed, %lu reopened, %lu reopen failures; children: %lu requests, "
	       "%lu timed out; unbind command: %lu runs\n", seed,
	       sh->c[C_DMA_OK], sh->c[C_DMA_BYTES], sh->c[C_DMA_VERIFIED], sh->c[C_DMA_FAIL],
	       sh->c[C_CLOSE], sh->c[C_REOPEN], sh->c[C_REOPEN_FAIL], sh->c[C_CHILD_OPS],
	       sh->c[C_CHILD_TIMEOUT], sh->c[C_UNBIND_RUNS]);
	n = 0;
	for (i = 0; i < MAX_ERRNO; i++) {
		if (!sh->err[i])
			continue;
		total_err += sh->err[i];
		n += snprintf(line + n, sizeof(line) - n, "%s%s %lu", n ? ", " : "",
			      i ? errname(i) : "other", sh->err[i]);
	}
	printf(PROG ": seed %llu: %lu operations (%lu requests, %lu mappings, %lu forks, %lu sigbus, "
	       "%lu errors%s%s) in %.0f s\n", seed, sh->c[C_OPS], sh->c[C_REQ], sh->c[C_MAPS],
	       sh->c[C_FORKS], sh->c[C_SIGBUS], total_err, n ? ": " : "", n ? line : "", secs);
	if (sh->c[C_CONTRACT] || sh->c[C_INTERNAL])
		printf(PROG ": seed %llu: %lu contract breaks, %lu internal errors\n", seed,
		       sh->c[C_CONTRACT], sh->c[C_INTERNAL]);
	fflush(stdout);
	/* Threads stuck in the kernel would keep exit() waiting: leave without them. */
	_exit(sh->c[C_CONTRACT] || sh->c[C_INTERNAL] ? 1 : 0);
}
