// SPDX-License-Identifier: GPL-2.0
/*
 * reg-harness.c - vpshim's registry-file parser and formatter, taken
 * unchanged from vpshim/registry.c (scripts/inf-test.sh extracts them into
 * registry-extract.c), built for user space over stand-ins for the kernel
 * helpers they call. Reads a .reg file, reports the lines the kernel would
 * skip, and prints the store the way
 * /sys/bus/pci/devices/<device>/vpshim_registry prints it, one value a line.
 * Exit status 1 if a line was bad.
 *
 *	reg-harness FILE.reg
 */

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint16_t WCHAR;

#define GFP_KERNEL		0
#define SZ_1M			0x00100000
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#define min_t(t, a, b)		((t)(a) < (t)(b) ? (t)(a) : (t)(b))
#define struct_size(p, m, n)	(sizeof(*(p)) + (size_t)(n) * sizeof(*(p)->m))
#define kvmalloc(n, gfp)	malloc(n)
#define kvzalloc(n, gfp)	calloc(1, n)
#define kmalloc(n, gfp)		malloc(n)
#define kvfree(p)		free(p)
#define kfree(p)		free(p)
#define EXPORT_SYMBOL_IF_VPSHIM_KUNIT(sym)

/* The kernel's ctype (lib/ctype.c): Latin-1, so 0xa0 is a space too. */
static int k_isspace(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r') || c == 0xa0;
}

static int k_tolower(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 0xc0 && c <= 0xde && c != 0xd7) ? c + 32 : c;
}

#define isspace(c)		k_isspace((unsigned char)(c))
#define tolower(c)		k_tolower((unsigned char)(c))

static int hex_to_bin(unsigned char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

static size_t scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!size)
		return 0;
	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n < 0 ? 0 : (size_t)n >= size ? size - 1 : (size_t)n;
}

struct list_head {
	struct list_head *next, *prev;
};

#define container_of(p, t, m)	((t *)((char *)(p) - offsetof(t, m)))
#define list_for_each_entry(pos, head, member)						\
	for (pos = container_of((head)->next, typeof(*pos), member);			\
	     &pos->member != (head);							\
	     pos = container_of(pos->member.next, typeof(*pos), member))

static void list_add_tail(struct list_head *n, struct list_head *head)
{
	n->prev = head->prev;
	n->next = head;
	head->prev->next = n;
	head->prev = n;
}

static void list_replace(struct list_head *old, struct list_head *n)
{
	n->next = old->next;
	n->next->prev = n;
	n->prev = old->prev;
	n->prev->next = n;
}

struct mutex {
	int unused;
};

#define mutex_lock(m)		((void)(m))
#define mutex_unlock(m)		((void)(m))

/* fs/nls/nls_base.c: UTF-8 to UTF-16 and back, failing on bad UTF-8. */
enum utf16_endian { UTF16_HOST_ENDIAN };

static int utf8_to_utf32(const u8 *s, int inlen, u32 *pu)
{
	static const u32 min[] = { 0, 0x80, 0x800, 0x10000 };
	int n, i;
	u32 u;

	if (s[0] < 0x80) {
		*pu = s[0];
		return 1;
	}
	n = s[0] >= 0xf0 && s[0] < 0xf8 ? 4 : s[0] >= 0xe0 && s[0] < 0xf0 ? 3 :
	    s[0] >= 0xc0 && s[0] < 0xe0 ? 2 : 0;
	if (!n || inlen < n)
		return -1;
	u = s[0] & (0x7f >> n);
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return -1;
		u = (u << 6) | (s[i] & 0x3f);
	}
	if (u < min[n - 1] || u > 0x10ffff || (u >= 0xd800 && u <= 0xdfff))
		return -1;
	*pu = u;
	return n;
}

static int utf8s_to_utf16s(const u8 *s, int inlen, enum utf16_endian endian, WCHAR *pwcs,
			   int maxout)
{
	WCHAR *op = pwcs;
	int size;
	u32 u;

	(void)endian;
	while (inlen > 0 && maxout > 0 && *s) {
		if (*s & 0x80) {
			size = utf8_to_utf32(s, inlen, &u);
			if (size < 0)
				return -EINVAL;
			s += size;
			inlen -= size;
			if (u >= 0x10000) {
				if (maxout < 2)
					break;
				u -= 0x10000;
				*op++ = 0xd800 | ((u >> 10) & 0x3ff);
				*op++ = 0xdc00 | (u & 0x3ff);
				maxout -= 2;
			} else {
				*op++ = u;
				maxout--;
			}
		} else {
			*op++ = *s++;
			inlen--;
			maxout--;
		}
	}
	return op - pwcs;
}

static int utf16s_to_utf8s(const WCHAR *pwcs, int inlen, enum utf16_endian endian, u8 *s,
			   int maxout)
{
	u8 *op = s;
	u32 u;

	(void)endian;
	while (inlen > 0 && maxout > 0 && *pwcs) {
		u = *pwcs++;
		inlen--;
		if (u >= 0xd800 && u <= 0xdbff && inlen > 0 && *pwcs >= 0xdc00 &&
		    *pwcs <= 0xdfff) {
			u = 0x10000 + ((u - 0xd800) << 10) + (*pwcs++ - 0xdc00);
			inlen--;
		}
		if (u < 0x80) {
			*op++ = u;
			maxout--;
		} else if (u < 0x800 && maxout >= 2) {
			*op++ = 0xc0 | (u >> 6);
			*op++ = 0x80 | (u & 0x3f);
			maxout -= 2;
		} else if (u < 0x10000 && maxout >= 3) {
			*op++ = 0xe0 | (u >> 12);
			*op++ = 0x80 | ((u >> 6) & 0x3f);
			*op++ = 0x80 | (u & 0x3f);
			maxout -= 3;
		} else if (maxout >= 4) {
			*op++ = 0xf0 | (u >> 18);
			*op++ = 0x80 | ((u >> 12) & 0x3f);
			*op++ = 0x80 | ((u >> 6) & 0x3f);
			*op++ = 0x80 | (u & 0x3f);
			maxout -= 4;
		} else {
			break;
		}
	}
	return op - s;
}

struct device {
	int unused;
};

struct vpshim_registry;

struct vpshim_device {
	struct device *dev;
	struct vpshim_registry *registry;
};

/* The registry area's state: here, the store the harness hands it. */
struct vpshim_part {
	int unused;
};

static struct vpshim_part vpshim_registry_part;

static void *vpshim_part_state(struct vpshim_device *vdev, const struct vpshim_part *part)
{
	return part == &vpshim_registry_part ? vdev->registry : NULL;
}

#define dev_warn(dev, fmt, ...)	fprintf(stderr, fmt, ##__VA_ARGS__)

#include "registry-extract.c"

int main(int argc, char **argv)
{
	static char out[4 << 20];
	struct vpshim_registry reg = { .values = { &reg.values, &reg.values } };
	struct device dev = { 0 };
	struct vpshim_device vdev = { .dev = &dev, .registry = &reg };
	struct vpshim_reg_value *v;
	size_t len = 0, cap = 1 << 16;
	char *text = malloc(cap);
	FILE *f;
	int n;

	if (argc != 2 || !(f = fopen(argv[1], "rb"))) {
		fprintf(stderr, "usage: reg-harness FILE.reg\n");
		return 2;
	}
	while ((n = fread(text + len, 1, cap - len, f)) > 0) {
		len += n;
		if (len == cap)
			text = realloc(text, cap *= 2);
	}
	fclose(f);
	n = vpshim_registry_parse(&vdev, text, len);
	list_for_each_entry(v, &reg.values, node) {
		vpshim_reg_format(v, out, sizeof(out));
		fputs(out, stdout);
	}
	return n < 0;
}
