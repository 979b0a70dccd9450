// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for vpshim/io.c: on a platform without port I/O (UML from
 * 7.x) the port accessors are the documented failure, not a crash: reads
 * give all ones, buffer reads fill the buffer with ones, writes go nowhere.
 * Where the platform has port I/O the case is skipped (UML has no ports to
 * read; QEMU exercises the real ones).
 */

#include <kunit/test.h>

#include "vpshim.h"

static void ports_without_port_io_read_all_ones(struct kunit *test)
{
#ifdef VPSHIM_HAVE_IOPORT
	kunit_skip(test, "this platform has port I/O");
#else
	UCHAR b[5];
	USHORT w[3];
	ULONG l[2];
	unsigned int i;

	KUNIT_EXPECT_EQ(test, VideoPortReadPortUchar((PUCHAR)0x3c8), 0xffU);
	KUNIT_EXPECT_EQ(test, VideoPortReadPortUshort((PUSHORT)0x1ce), 0xffffU);
	KUNIT_EXPECT_EQ(test, VideoPortReadPortUlong((PULONG)0xcfc), 0xffffffffU);
	VideoPortWritePortUchar((PUCHAR)0x3c8, 1);
	VideoPortWritePortUshort((PUSHORT)0x1ce, 2);
	VideoPortWritePortUlong((PULONG)0xcf8, 3);

	memset(b, 0, sizeof(b));
	memset(w, 0, sizeof(w));
	memset(l, 0, sizeof(l));
	VideoPortReadPortBufferUchar((PUCHAR)0x3c9, b, 4);
	VideoPortReadPortBufferUshort((PUSHORT)0x1cf, w, 2);
	VideoPortReadPortBufferUlong((PULONG)0xcfc, l, 1);
	for (i = 0; i < 4; i++)
		KUNIT_EXPECT_EQ(test, b[i], 0xffU);
	KUNIT_EXPECT_EQ(test, b[4], 0U);	/* Count, not one more */
	KUNIT_EXPECT_EQ(test, w[0] & w[1], 0xffffU);
	KUNIT_EXPECT_EQ(test, w[2], 0U);
	KUNIT_EXPECT_EQ(test, l[0], 0xffffffffU);
	KUNIT_EXPECT_EQ(test, l[1], 0U);
	VideoPortWritePortBufferUchar((PUCHAR)0x3c9, b, 4);
	VideoPortWritePortBufferUshort((PUSHORT)0x1cf, w, 2);
	VideoPortWritePortBufferUlong((PULONG)0xcfc, l, 1);
#endif
}

static struct kunit_case vpshim_io_cases[] = {
	KUNIT_CASE(ports_without_port_io_read_all_ones),
	{}
};

static struct kunit_suite vpshim_io_suite = {
	.name = "vpshim_io",
	.test_cases = vpshim_io_cases,
};

kunit_test_suite(vpshim_io_suite);
