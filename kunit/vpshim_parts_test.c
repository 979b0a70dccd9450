// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for vpshim/parts.c: every area's state has its own place in a
 * device, and the table's order is the one teardown depends on.
 */

#include <kunit/test.h>

#include "vpshim.h"

static unsigned int parts_count(void)
{
	unsigned int n = 0;

	while (vpshim_part_nth(n))
		n++;
	return n;
}

static int parts_index(const char *name)
{
	const struct vpshim_part *part;
	unsigned int i;

	for (i = 0; (part = vpshim_part_nth(i)); i++)
		if (!strcmp(part->name, name))
			return i;
	return -1;
}

/* Each state aligned, after the one before it, all inside the allocation. */
static void states_are_apart_aligned_and_inside(struct kunit *test)
{
	const struct vpshim_part *part;
	size_t end = 0;
	unsigned int i;

	KUNIT_ASSERT_GE(test, parts_count(), 13U);
	for (i = 0; (part = vpshim_part_nth(i)); i++) {
		KUNIT_EXPECT_NOT_NULL(test, part->name);
		KUNIT_EXPECT_GT_MSG(test, part->size, (size_t)0, "%s", part->name);
		KUNIT_EXPECT_TRUE_MSG(test, part->align && is_power_of_2(part->align), "%s",
				      part->name);
		KUNIT_EXPECT_EQ_MSG(test, part->offset % part->align, (size_t)0, "%s", part->name);
		KUNIT_EXPECT_GE_MSG(test, part->offset, end, "%s overlaps the area before",
				    part->name);
		KUNIT_EXPECT_EQ_MSG(test, parts_index(part->name), (int)i, "%s twice",
				    part->name);
		end = part->offset + part->size;
	}
	KUNIT_EXPECT_LE(test, end, vpshim_parts_size());
	/* The state follows the device, aligned for any area. */
	KUNIT_EXPECT_EQ(test, offsetof(struct vpshim_device, state) %
			__alignof__(unsigned long long), (size_t)0);
}

/* The orders parts.h explains: teardown is the table backwards. */
static void table_order_is_what_teardown_needs(struct kunit *test)
{
	/* The directory exists before the areas add files, and goes last. */
	KUNIT_EXPECT_EQ(test, parts_index("debugfs"), 0);
	/* The request device is the first thing to stop at unbind. */
	KUNIT_EXPECT_EQ(test, parts_index("requests"), (int)parts_count() - 1);
	/* Adapters (and their transfers) go before the locked buffers. */
	KUNIT_EXPECT_LT(test, parts_index("packet"), parts_index("dma"));
	/* The registry is read by the areas set up after it. */
	KUNIT_EXPECT_LT(test, parts_index("registry"), parts_index("int10"));
	/* Mappings outlive the request device that hands them out. */
	KUNIT_EXPECT_LT(test, parts_index("maps"), parts_index("requests"));
	/* The events a stopping request waits on are woken before it stops. */
	KUNIT_EXPECT_NOT_NULL(test, vpshim_part_nth(parts_index("sync"))->dying);
	/* Every area that runs code on its own stops it. */
	KUNIT_EXPECT_NOT_NULL(test, vpshim_part_nth(parts_index("timer"))->stop);
	KUNIT_EXPECT_NOT_NULL(test, vpshim_part_nth(parts_index("irq"))->stop);
	KUNIT_EXPECT_NOT_NULL(test, vpshim_part_nth(parts_index("power"))->stop);
	KUNIT_EXPECT_NOT_NULL(test, vpshim_part_nth(parts_index("requests"))->stop);
	KUNIT_EXPECT_NULL(test, vpshim_part_nth(parts_count()));
}

static struct kunit_case vpshim_parts_cases[] = {
	KUNIT_CASE(states_are_apart_aligned_and_inside),
	KUNIT_CASE(table_order_is_what_teardown_needs),
	{}
};

static struct kunit_suite vpshim_parts_suite = {
	.name = "vpshim_parts",
	.test_cases = vpshim_parts_cases,
};

kunit_test_suite(vpshim_parts_suite);
