// SPDX-License-Identifier: GPL-2.0
/*
 * debugprint.c - VideoPortDebugPrint with Windows' printf dialect.
 *
 * Windows format strings differ from the kernel's where it matters: %ld and
 * %lx are 32 bits (LONG), %I64x and %I64d are 64, %Ix is pointer-sized,
 * %ws / %S / %ls print a WCHAR string, %wZ a UNICODE_STRING, %Z an
 * ANSI_STRING, %hs a narrow string. Passing such a format to printk would
 * read the wrong argument sizes. vpshim_format() walks the Windows format
 * and prints each conversion with the kernel's snprintf, taking every
 * argument at its Windows size.
 */

#include <linux/ctype.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/string.h>

#include "vpshim.h"

/* Append one code point as UTF-8; returns bytes written (0 if no room). */
static size_t vpshim_put_utf8(char *out, size_t room, u32 c)
{
	char tmp[4];
	size_t n;

	if (c < 0x80) {
		tmp[0] = c;
		n = 1;
	} else if (c < 0x800) {
		tmp[0] = 0xc0 | (c >> 6);
		tmp[1] = 0x80 | (c & 0x3f);
		n = 2;
	} else if (c < 0x10000) {
		tmp[0] = 0xe0 | (c >> 12);
		tmp[1] = 0x80 | ((c >> 6) & 0x3f);
		tmp[2] = 0x80 | (c & 0x3f);
		n = 3;
	} else {
		tmp[0] = 0xf0 | (c >> 18);
		tmp[1] = 0x80 | ((c >> 12) & 0x3f);
		tmp[2] = 0x80 | ((c >> 6) & 0x3f);
		tmp[3] = 0x80 | (c & 0x3f);
		n = 4;
	}
	if (n > room)
		return 0;
	memcpy(out, tmp, n);
	return n;
}

/*
 * UTF-16 (at most @len units, or up to a NUL when @len < 0) to UTF-8 in
 * @out, NUL-terminated. Unpaired surrogates become U+FFFD.
 */
static void vpshim_wide_to_utf8(char *out, size_t size, const WCHAR *ws, int len)
{
	size_t pos = 0, n;
	int i;

	if (!ws) {
		strscpy(out, "(null)", size);
		return;
	}
	for (i = 0; (len < 0 || i < len) && ws[i] && pos + 1 < size; i++) {
		u32 c = ws[i];

		if (c >= 0xd800 && c < 0xdc00 && (len < 0 || i + 1 < len) &&
		    ws[i + 1] >= 0xdc00 && ws[i + 1] < 0xe000) {
			c = 0x10000 + ((c - 0xd800) << 10) + (ws[i + 1] - 0xdc00);
			i++;
		} else if (c >= 0xd800 && c < 0xe000) {
			c = 0xfffd;
		}
		n = vpshim_put_utf8(out + pos, size - 1 - pos, c);
		if (!n)
			break;
		pos += n;
	}
	out[pos] = 0;
}

/* Length modifiers, in Windows' meaning. */
enum vpshim_len { LEN_INT, LEN_SHORT, LEN_CHAR, LEN_LONGLONG, LEN_PTR, LEN_WIDE, LEN_NARROW };

static const char *vpshim_parse_len(const char *p, enum vpshim_len *len)
{
	*len = LEN_INT;
	if (!strncmp(p, "I64", 3)) {
		*len = LEN_LONGLONG;
		return p + 3;
	}
	if (!strncmp(p, "I32", 3))
		return p + 3;
	switch (*p) {
	case 'I':
	case 'z':
		*len = LEN_PTR;
		return p + 1;
	case 'l':
		if (p[1] == 'l') {
			*len = LEN_LONGLONG;
			return p + 2;
		}
		*len = LEN_WIDE;	/* %ld is a LONG: 32 bits; %ls is wide */
		return p + 1;
	case 'w':
		*len = LEN_WIDE;
		return p + 1;
	case 'h':
		if (p[1] == 'h') {
			*len = LEN_CHAR;
			return p + 2;
		}
		*len = LEN_SHORT;
		return p + 1;
	}
	return p;
}

/* One integer conversion; @spec holds flags, width and precision. */
static int vpshim_put_int(char *out, size_t size, const char *spec, char conv,
			  enum vpshim_len len, va_list *ap)
{
	char fmt[40];

	snprintf(fmt, sizeof(fmt), "%%%sll%c", spec, conv);
	switch (len) {
	case LEN_LONGLONG:
		return snprintf(out, size, fmt, va_arg(*ap, long long));
	case LEN_PTR:
		return snprintf(out, size, fmt, (long long)va_arg(*ap, long));
	default:
		if (conv == 'd' || conv == 'i')
			return snprintf(out, size, fmt, (long long)va_arg(*ap, int));
		return snprintf(out, size, fmt, (long long)va_arg(*ap, unsigned int));
	}
}

/* A counted string (UNICODE_STRING / ANSI_STRING), as Windows lays them out. */
struct vpshim_counted_string {
	USHORT Length;		/* bytes */
	USHORT MaximumLength;
	PVOID Buffer;
};

static int vpshim_put_string(char *out, size_t size, const char *spec, char conv,
			     enum vpshim_len len, va_list *ap)
{
	const struct vpshim_counted_string *cs;
	char fmt[40], text[256];

	snprintf(fmt, sizeof(fmt), "%%%ss", spec);
	if (conv == 'Z') {
		cs = va_arg(*ap, const struct vpshim_counted_string *);
		if (!cs || !cs->Buffer)
			strscpy(text, "(null)", sizeof(text));
		else if (len == LEN_WIDE)
			vpshim_wide_to_utf8(text, sizeof(text), cs->Buffer, cs->Length / 2);
		else
			strscpy(text, cs->Buffer, min_t(size_t, sizeof(text), cs->Length + 1));
	} else if (conv == 'S' || len == LEN_WIDE) {
		vpshim_wide_to_utf8(text, sizeof(text), va_arg(*ap, const WCHAR *), -1);
	} else {
		const char *s = va_arg(*ap, const char *);

		strscpy(text, s ?: "(null)", sizeof(text));
	}
	return snprintf(out, size, fmt, text);
}

/**
 * vpshim_format() - format a Windows printf string
 * @out: the buffer
 * @size: its size
 * @fmt: a Windows format string
 * @ap: its arguments
 *
 * Return: the length written (at most @size - 1); the output is always
 * NUL-terminated.
 */
int vpshim_format(char *out, size_t size, const char *fmt, va_list ap)
{
	size_t pos = 0;
	va_list args;

	if (!size)
		return 0;
	va_copy(args, ap);
	while (*fmt && pos + 1 < size) {
		char spec[24], conv;
		enum vpshim_len len;
		size_t n = 0;
		int w;

		if (*fmt != '%') {
			out[pos++] = *fmt++;
			continue;
		}
		fmt++;
		/* Flags, width and precision, with '*' taken from the arguments. */
		while (*fmt && strchr("-+ #0", *fmt) && n < 8)
			spec[n++] = *fmt++;
		if (*fmt == '*') {
			w = va_arg(args, int);
			n += scnprintf(spec + n, sizeof(spec) - n, "%d", w);
			fmt++;
		}
		while (isdigit(*fmt) && n < 14)
			spec[n++] = *fmt++;
		if (*fmt == '.') {
			spec[n++] = *fmt++;
			if (*fmt == '*') {
				w = va_arg(args, int);
				n += scnprintf(spec + n, sizeof(spec) - n, "%d", w);
				fmt++;
			}
			while (isdigit(*fmt) && n < 22)
				spec[n++] = *fmt++;
		}
		spec[n] = 0;
		fmt = vpshim_parse_len(fmt, &len);
		conv = *fmt;
		if (conv)
			fmt++;

		switch (conv) {
		case 'd': case 'i': case 'u': case 'x': case 'X': case 'o':
			w = vpshim_put_int(out + pos, size - pos, spec, conv, len, &args);
			break;
		case 'c': case 'C':
			w = scnprintf(out + pos, size - pos, "%c", (char)va_arg(args, int));
			break;
		case 's': case 'S': case 'Z':
			w = vpshim_put_string(out + pos, size - pos, spec, conv, len, &args);
			break;
		case 'p':
			w = scnprintf(out + pos, size - pos, "%p", va_arg(args, void *));
			break;
		case '%':
			w = scnprintf(out + pos, size - pos, "%%");
			break;
		default:	/* unknown or %n: printed, never acted on */
			w = scnprintf(out + pos, size - pos, "%%%c", conv ?: '?');
			break;
		}
		pos += min_t(size_t, max(w, 0), size - 1 - pos);
	}
	va_end(args);
	out[pos] = 0;
	return pos;
}
EXPORT_SYMBOL_IF_VPSHIM_KUNIT(vpshim_format);

/**
 * VideoPortDebugPrint() - print a message from the miniport
 * @DebugPrintLevel: Error, Warn, Trace or Info
 * @DebugMessage: a Windows printf format
 *
 * Windows: prints to the kernel debugger. Linux: formats with Windows'
 * meaning of each conversion (vpshim_format()), then printk at KERN_ERR
 * (Error), KERN_WARNING (Warn), or pr_debug() for Trace and Info, which
 * dynamic debug turns on (insmod vpshim.ko dyndbg=+p). Prefixed "vpshim: ".
 * At most 511 bytes of a message are kept.
 */
void VideoPortDebugPrint(VIDEO_DEBUG_LEVEL DebugPrintLevel, PSTR DebugMessage, ...)
{
	char text[512];
	va_list args;

	if (!DebugMessage)
		return;
	va_start(args, DebugMessage);
	vpshim_format(text, sizeof(text), DebugMessage, args);
	va_end(args);
	switch (DebugPrintLevel) {
	case Error:
		pr_err("vpshim: %s", text);
		break;
	case Warn:
		pr_warn("vpshim: %s", text);
		break;
	default:
		pr_debug("vpshim: %s", text);
		break;
	}
}
EXPORT_SYMBOL_VPSHIM(VideoPortDebugPrint);

/**
 * VideoPortLogError() - report a hardware error the miniport detected
 * @HwDeviceExtension: the miniport's device extension
 * @Vrp: the request being served, or NULL
 * @ErrorCode: the miniport's error code
 * @UniqueId: the miniport's identifier for this error
 *
 * Windows: writes an entry to the system event log. Linux: a ratelimited
 * dev_err() line naming the device, the codes and the request, if any. Any
 * IRQL.
 */
void VideoPortLogError(PVOID HwDeviceExtension, PVIDEO_REQUEST_PACKET Vrp, VP_STATUS ErrorCode,
		       ULONG UniqueId)
{
	struct vpshim_device *vdev;

	vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);
	if (!vdev)
		return;
	if (Vrp)
		dev_err_ratelimited(vdev->dev, "vpshim: miniport error %#x, id %#x, during IOCTL %#x\n",
				    ErrorCode, UniqueId, Vrp->IoControlCode);
	else
		dev_err_ratelimited(vdev->dev, "vpshim: miniport error %#x, id %#x\n", ErrorCode,
				    UniqueId);
}
EXPORT_SYMBOL_VPSHIM(VideoPortLogError);
