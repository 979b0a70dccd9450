// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for vpshim/debugprint.c: Windows printf conversions, each
 * argument taken at its Windows size.
 */

#include <kunit/test.h>

#include "vpshim.h"

struct counted {
	USHORT Length;
	USHORT MaximumLength;
	PVOID Buffer;
};

static char *fmt(struct kunit *test, const char *f, ...)
{
	char *out = kunit_kzalloc(test, 128, GFP_KERNEL);
	va_list ap;

	KUNIT_ASSERT_NOT_NULL(test, out);
	va_start(ap, f);
	vpshim_format(out, 128, f, ap);
	va_end(ap);
	return out;
}

static void integers_at_windows_sizes(struct kunit *test)
{
	/* %lx is a 32-bit LONG; the next argument must not be eaten. */
	KUNIT_EXPECT_STREQ(test, fmt(test, "%lx %d", 0xdeadbeefU, 7), "deadbeef 7");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%I64x|%I64d", 0x123456789abcdefULL, -5LL),
			   "123456789abcdef|-5");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%llu %Ix", 18446744073709551615ULL, 0xfeedUL),
			   "18446744073709551615 feed");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%08X|%-4d|%+d|%#x", 0xabcU, 12, 3, 255),
			   "00000ABC|12  |+3|0xff");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%*d|%.*d", 5, 42, 4, 7), "   42|0007");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%hx %hhx %u", 0x12345, 0x1ff, 4000000000U),
			   "12345 1ff 4000000000");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%d%%", -100), "-100%");
}

static void strings_narrow_and_wide(struct kunit *test)
{
	static const WCHAR hello[] = { 'h', 'e', 'l', 'l', 'o', 0 };
	static const WCHAR accent[] = { 'c', 0xe9, 0x20ac, 0xd83d, 0xde00, 0 };
	struct counted us = { .Length = 6, .MaximumLength = 12, .Buffer = (PVOID)hello };
	struct counted as = { .Length = 3, .MaximumLength = 8, .Buffer = "abcdef" };

	KUNIT_EXPECT_STREQ(test, fmt(test, "[%ws][%S][%ls]", hello, hello, hello),
			   "[hello][hello][hello]");
	KUNIT_EXPECT_STREQ(test, fmt(test, "[%s][%hs][%.2s][%5s]", "ab", "cd", "efg", "x"),
			   "[ab][cd][ef][    x]");
	KUNIT_EXPECT_STREQ(test, fmt(test, "[%wZ][%Z]", &us, &as), "[hel][abc]");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%ws", accent), "c\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%ws|%s|%wZ", NULL, NULL, NULL),
			   "(null)|(null)|(null)");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%c%C", 'A', 'B'), "AB");
}

static int fmt_into(char *out, size_t size, const char *f, ...)
{
	va_list ap;
	int n;

	va_start(ap, f);
	n = vpshim_format(out, size, f, ap);
	va_end(ap);
	return n;
}

static void odd_formats_are_safe(struct kunit *test)
{
	static const WCHAR lone_surrogate[] = { 0xdc00, 'x', 0 };

	KUNIT_EXPECT_STREQ(test, fmt(test, "a%qb%", 1), "a%qb%?");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%n", NULL), "%n");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%ws", lone_surrogate), "\xef\xbf\xbdx");
}

static void truncation_keeps_the_terminator(struct kunit *test)
{
	static const WCHAR wide[] = { 'w', 'i', 'd', 'e', 's', 't', 'r', 0 };
	char out[6];

	memset(out, 'z', sizeof(out));
	KUNIT_EXPECT_EQ(test, fmt_into(out, sizeof(out), "abcdefgh"), 5);
	KUNIT_EXPECT_STREQ(test, out, "abcde");
	memset(out, 'z', sizeof(out));
	KUNIT_EXPECT_EQ(test, fmt_into(out, sizeof(out), "%d", 12345678), 5);
	KUNIT_EXPECT_STREQ(test, out, "12345");
	memset(out, 'z', sizeof(out));
	KUNIT_EXPECT_EQ(test, fmt_into(out, sizeof(out), "x%ws", wide), 5);
	KUNIT_EXPECT_STREQ(test, out, "xwide");
	KUNIT_EXPECT_EQ(test, fmt_into(out, 1, "abc"), 0);
	KUNIT_EXPECT_EQ(test, out[0], 0);
}

static struct kunit_case vpshim_debugprint_cases[] = {
	KUNIT_CASE(integers_at_windows_sizes),
	KUNIT_CASE(strings_narrow_and_wide),
	KUNIT_CASE(odd_formats_are_safe),
	KUNIT_CASE(truncation_keeps_the_terminator),
	{}
};

static struct kunit_suite vpshim_debugprint_suite = {
	.name = "vpshim_debugprint",
	.test_cases = vpshim_debugprint_cases,
};

kunit_test_suite(vpshim_debugprint_suite);
