// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for vpshim/mapmem.c: what VideoPortMapMemory refuses (ranges
 * the device does not own, I/O space for a process, a process mapping
 * outside a request) and a kernel mapping's life, on verified I/O ranges
 * (UML has no device memory to ioremap).
 */

#include <kunit/test.h>
#include <linux/capability.h>
#include <linux/cred.h>

#include "vpshim_test.h"
#include "maps.h"
#include "requests.h"

static void verify_ports(struct kunit *test, void *ext)
{
	VIDEO_ACCESS_RANGE r = {
		.RangeStart.QuadPart = 0x7100,
		.RangeLength = 0x20,
		.RangeInIoSpace = TRUE,
		.RangeShareable = TRUE,		/* recorded, not claimed */
	};

	KUNIT_ASSERT_EQ(test, VideoPortVerifyAccessRanges(ext, 1, &r), (VP_STATUS)NO_ERROR);
}

static void bad_arguments_are_refused(struct kunit *test)
{
	struct vpshim_test_device d;
	PHYSICAL_ADDRESS pa = { .QuadPart = 0x7100 };
	ULONG len = 0x20, space = VIDEO_MEMORY_SPACE_IO;
	PVOID va = NULL;

	vpshim_test_device_add(test, &d, "vpshim-map", 16);
	verify_ports(test, d.ext);
	KUNIT_EXPECT_EQ(test, VideoPortMapMemory(d.ext, pa, NULL, &space, &va),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, VideoPortMapMemory(d.ext, pa, &len, NULL, &va),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, VideoPortMapMemory(d.ext, pa, &len, &space, NULL),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	len = 0;
	KUNIT_EXPECT_EQ(test, VideoPortMapMemory(d.ext, pa, &len, &space, &va),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, VideoPortMapMemory(NULL, pa, &len, &space, &va),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_NULL(test, va);
	vpshim_test_device_remove(test, &d);
}

static void ranges_the_device_does_not_own_are_refused(struct kunit *test)
{
	struct vpshim_test_device d;
	PHYSICAL_ADDRESS pa = { .QuadPart = 0x7100 };
	ULONG len = 0x21, space = VIDEO_MEMORY_SPACE_IO;
	PVOID va = NULL;

	vpshim_test_device_add(test, &d, "vpshim-map", 16);
	verify_ports(test, d.ext);
	/* One byte past the verified range, the same range as memory, RAM. */
	KUNIT_EXPECT_EQ(test, VideoPortMapMemory(d.ext, pa, &len, &space, &va),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	len = 0x20;
	space = VIDEO_MEMORY_SPACE_MEMORY;
	KUNIT_EXPECT_EQ(test, VideoPortMapMemory(d.ext, pa, &len, &space, &va),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	pa.QuadPart = 0x100000;
	len = PAGE_SIZE;
	KUNIT_EXPECT_EQ(test, VideoPortMapMemory(d.ext, pa, &len, &space, &va),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	pa.QuadPart = ~0ULL - 4;	/* wraps */
	KUNIT_EXPECT_EQ(test, VideoPortMapMemory(d.ext, pa, &len, &space, &va),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_NULL(test, va);
	vpshim_test_device_remove(test, &d);
}

static void process_mappings_need_a_request(struct kunit *test)
{
	struct vpshim_test_device d;
	PHYSICAL_ADDRESS pa = { .QuadPart = 0x7100 };
	ULONG len = 0x20, space = VIDEO_MEMORY_SPACE_IO;
	PVOID va = (PVOID)-1;	/* NtCurrentProcess() */

	vpshim_test_device_add(test, &d, "vpshim-map", 16);
	verify_ports(test, d.ext);
	/* I/O ports never go to a process. */
	KUNIT_EXPECT_EQ(test, VideoPortMapMemory(d.ext, pa, &len, &space, &va),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_PTR_EQ(test, va, (PVOID)-1);
	space = VIDEO_MEMORY_SPACE_IO | VIDEO_MEMORY_SPACE_USER_MODE;
	va = NULL;
	KUNIT_EXPECT_EQ(test, VideoPortMapMemory(d.ext, pa, &len, &space, &va),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_NULL(test, va);
	vpshim_test_device_remove(test, &d);
}

static void kernel_mapping_life(struct kunit *test)
{
	struct vpshim_test_device d;
	PHYSICAL_ADDRESS pa = { .QuadPart = 0x7108 };
	ULONG len = 8, space = VIDEO_MEMORY_SPACE_IO;
	PVOID va = NULL, base;

	vpshim_test_device_add(test, &d, "vpshim-map", 16);
	verify_ports(test, d.ext);
	KUNIT_ASSERT_EQ(test, VideoPortMapMemory(d.ext, pa, &len, &space, &va),
			(VP_STATUS)NO_ERROR);
	/* I/O space: the port number itself, as VideoPortGetDeviceBase gives. */
	KUNIT_EXPECT_PTR_EQ(test, va, (PVOID)0x7108);
	KUNIT_EXPECT_EQ(test, len, 8U);
	/* Not VideoPortGetDeviceBase's to free. */
	VideoPortFreeDeviceBase(d.ext, va);
	/* Any address inside releases the whole mapping, once. */
	KUNIT_EXPECT_EQ(test, VideoPortUnmapMemory(d.ext, (PUCHAR)va + 5, NULL),
			(VP_STATUS)NO_ERROR);
	KUNIT_EXPECT_EQ(test, VideoPortUnmapMemory(d.ext, va, NULL),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	/* A GetDeviceBase mapping is not MapMemory's to release. */
	base = VideoPortGetDeviceBase(d.ext, pa, 8, VIDEO_MEMORY_SPACE_IO);
	KUNIT_ASSERT_NOT_NULL(test, base);
	KUNIT_EXPECT_EQ(test, VideoPortUnmapMemory(d.ext, base, NULL),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	VideoPortFreeDeviceBase(d.ext, base);
	/* One left mapped: released at detach, as Windows miniports expect. */
	va = NULL;
	KUNIT_ASSERT_EQ(test, VideoPortMapMemory(d.ext, pa, &len, &space, &va),
			(VP_STATUS)NO_ERROR);
	vpshim_test_device_remove(test, &d);
}

/*
 * What a request maps into kernel space is the requesting file's while it is
 * open: an address from another requester cannot release it (nor the
 * miniport's own mappings). Closing the file leaves the mappings mapped (the
 * miniport may still use them, as samples/compat/kmap does), still counted
 * against the device, and releasable by any later request.
 */
static void request_mappings_belong_to_their_file(struct kunit *test)
{
	struct vpshim_test_device d;
	struct vpshim_device *vdev;
	struct vpshim_file a = { .file = (struct file *)&a }, b = { .file = (struct file *)&b };
	PHYSICAL_ADDRESS pa = { .QuadPart = 0x7100 };
	ULONG len = 0x10, space = VIDEO_MEMORY_SPACE_IO;
	PVOID own = NULL, va = NULL, b_first = NULL;
	int i;

	vpshim_test_device_add(test, &d, "vpshim-map", 16);
	vdev = vpshim_device_get(d.ext, __func__, 0);
	verify_ports(test, d.ext);
	/* The miniport's own mapping, outside any request. */
	KUNIT_ASSERT_EQ(test, VideoPortMapMemory(d.ext, pa, &len, &space, &own),
			(VP_STATUS)NO_ERROR);
	vpshim_requests_of(vdev)->file = &a;
	vpshim_requests_of(vdev)->task = current;
	pa.QuadPart = 0x7110;
	KUNIT_ASSERT_EQ(test, VideoPortMapMemory(d.ext, pa, &len, &space, &va),
			(VP_STATUS)NO_ERROR);
	vpshim_requests_of(vdev)->file = &b;
	KUNIT_EXPECT_EQ(test, VideoPortUnmapMemory(d.ext, va, NULL),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, VideoPortUnmapMemory(d.ext, own, NULL),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	/* One requester holds a bounded number. */
	for (i = 0; i < 65; i++) {
		PVOID x = NULL;

		if (VideoPortMapMemory(d.ext, pa, &len, &space, &x) != NO_ERROR)
			break;
		if (!i)
			b_first = x;
	}
	KUNIT_EXPECT_EQ(test, i, 64);
	vpshim_requests_of(vdev)->file = &a;
	KUNIT_EXPECT_EQ(test, VideoPortUnmapMemory(d.ext, (PUCHAR)va + 1, NULL),
			(VP_STATUS)NO_ERROR);
	vpshim_requests_of(vdev)->file = NULL;
	vpshim_requests_of(vdev)->task = NULL;
	/* Closing b leaves its 64 mapped, still counted against the device. */
	vpshim_user_maps_release(vdev, b.file);
	KUNIT_EXPECT_EQ(test, list_count_nodes(&vpshim_maps_of(vdev)->mappings), (size_t)65);
	/* A later requester may release one of them, not the miniport's own. */
	vpshim_requests_of(vdev)->file = &a;
	vpshim_requests_of(vdev)->task = current;
	KUNIT_EXPECT_EQ(test, VideoPortUnmapMemory(d.ext, own, NULL),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, VideoPortUnmapMemory(d.ext, b_first, NULL), (VP_STATUS)NO_ERROR);
	vpshim_requests_of(vdev)->file = NULL;
	vpshim_requests_of(vdev)->task = NULL;
	KUNIT_EXPECT_EQ(test, VideoPortUnmapMemory(d.ext, own, NULL), (VP_STATUS)NO_ERROR);
	KUNIT_EXPECT_EQ(test, list_count_nodes(&vpshim_maps_of(vdev)->mappings), (size_t)63);
	/* The rest go at unbind, as mappings the miniport left. */
	vpshim_test_device_remove(test, &d);
}

/*
 * Kernel mappings made for requests are capped per device too, whoever
 * asks: four requesters fill the device's 256, a fifth gets
 * ERROR_NOT_ENOUGH_MEMORY, and a mapping given back makes room again.
 */
static void request_mappings_capped_per_device(struct kunit *test)
{
	struct vpshim_file files[5];
	struct vpshim_test_device d;
	struct vpshim_device *vdev;
	PHYSICAL_ADDRESS pa = { .QuadPart = 0x7100 };
	ULONG len = 0x10, space = VIDEO_MEMORY_SPACE_IO;
	unsigned int made[5] = { 0 };
	PVOID last = NULL, x;
	int f, i;

	vpshim_test_device_add(test, &d, "vpshim-map", 16);
	vdev = vpshim_device_get(d.ext, __func__, 0);
	verify_ports(test, d.ext);
	vpshim_requests_of(vdev)->task = current;
	for (f = 0; f < 5; f++) {
		files[f].file = (struct file *)&files[f];
		vpshim_requests_of(vdev)->file = &files[f];
		for (i = 0; i < 64; i++) {
			x = NULL;
			if (VideoPortMapMemory(d.ext, pa, &len, &space, &x) != NO_ERROR)
				break;
			made[f]++;
			last = x;
		}
	}
	KUNIT_EXPECT_EQ(test, made[0] + made[1] + made[2] + made[3], 256U);
	KUNIT_EXPECT_EQ(test, made[4], 0U);
	x = NULL;
	KUNIT_EXPECT_EQ(test, VideoPortMapMemory(d.ext, pa, &len, &space, &x),
			(VP_STATUS)ERROR_NOT_ENOUGH_MEMORY);
	KUNIT_EXPECT_NULL(test, x);
	/* The miniport's own mappings are not requests': never capped here. */
	vpshim_requests_of(vdev)->file = NULL;
	vpshim_requests_of(vdev)->task = NULL;
	x = NULL;
	KUNIT_EXPECT_EQ(test, VideoPortMapMemory(d.ext, pa, &len, &space, &x),
			(VP_STATUS)NO_ERROR);
	/* Room again once a requester gives one back. */
	vpshim_requests_of(vdev)->task = current;
	vpshim_requests_of(vdev)->file = &files[3];
	KUNIT_EXPECT_EQ(test, VideoPortUnmapMemory(d.ext, last, NULL), (VP_STATUS)NO_ERROR);
	vpshim_requests_of(vdev)->file = &files[4];
	x = NULL;
	KUNIT_EXPECT_EQ(test, VideoPortMapMemory(d.ext, pa, &len, &space, &x),
			(VP_STATUS)NO_ERROR);
	vpshim_requests_of(vdev)->file = NULL;
	vpshim_requests_of(vdev)->task = NULL;
	vpshim_test_device_remove(test, &d);
}

/*
 * Only the thread running a request maps for it: another thread's kernel
 * mapping is the miniport's own, and it cannot map into any process.
 */
static void only_the_request_thread_maps_for_it(struct kunit *test)
{
	struct vpshim_test_device d;
	struct vpshim_device *vdev;
	struct vpshim_file a = { .file = (struct file *)&a };
	PHYSICAL_ADDRESS pa = { .QuadPart = 0x7100 };
	ULONG len = 0x10, space = VIDEO_MEMORY_SPACE_IO;
	PVOID va = NULL, user = (PVOID)-1;

	vpshim_test_device_add(test, &d, "vpshim-map", 16);
	vdev = vpshim_device_get(d.ext, __func__, 0);
	verify_ports(test, d.ext);
	vpshim_requests_of(vdev)->file = &a;		/* some other thread's request */
	KUNIT_ASSERT_EQ(test, VideoPortMapMemory(d.ext, pa, &len, &space, &va),
			(VP_STATUS)NO_ERROR);
	space = VIDEO_MEMORY_SPACE_MEMORY;
	KUNIT_EXPECT_EQ(test, VideoPortMapMemory(d.ext, pa, &len, &space, &user),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	/* Releasing a's mappings leaves the miniport's. */
	vpshim_user_maps_release(vdev, a.file);
	vpshim_requests_of(vdev)->file = NULL;
	KUNIT_EXPECT_EQ(test, VideoPortUnmapMemory(d.ext, va, NULL), (VP_STATUS)NO_ERROR);
	vpshim_test_device_remove(test, &d);
}

/*
 * Kernel addresses in answers: looked for only in a documented request's
 * pointer fields (a mode list or an EDID that happens to hold such bytes
 * goes back untouched), and in every word of a private request's answer,
 * where a caller with CAP_SYS_ADMIN (KUnit's) gets raw data back as it is.
 */
static void kernel_addresses_in_answers(struct kunit *test)
{
	struct vpshim_test_device d;
	struct vpshim_device *vdev;
	struct vpshim_file a = { .file = (struct file *)&a };
	VIDEO_MEMORY_INFORMATION vmi = { 0 };
	u64 words[4], kaddr = (u64)(uintptr_t)test;
	ULONG private_code = CTL_CODE(FILE_DEVICE_VIDEO, 0x801, METHOD_BUFFERED, FILE_ANY_ACCESS);

	vpshim_test_device_add(test, &d, "vpshim-map", 16);
	vdev = vpshim_device_get(d.ext, __func__, 0);
	words[0] = 1;
	words[1] = kaddr;
	words[2] = kaddr + 8;
	words[3] = 0;
	KUNIT_EXPECT_EQ(test, vpshim_request_outgoing(vdev, &a, IOCTL_VIDEO_QUERY_AVAIL_MODES,
						      words, sizeof(words)), 0);
	KUNIT_EXPECT_EQ(test, words[1], kaddr);
	/* A pointer field holding a kernel address that is not device memory. */
	vmi.FrameBufferBase = test;
	KUNIT_EXPECT_EQ(test, vpshim_request_outgoing(vdev, &a, IOCTL_VIDEO_MAP_VIDEO_MEMORY,
						      &vmi, sizeof(vmi)), -EPERM);
	/* Shorter than the field: nothing to look at. */
	KUNIT_EXPECT_EQ(test, vpshim_request_outgoing(vdev, &a, IOCTL_VIDEO_MAP_VIDEO_MEMORY,
						      &vmi, 8), 0);
	/* A private answer, for a caller who may see kernel addresses. */
	KUNIT_EXPECT_EQ(test, vpshim_request_outgoing(vdev, &a, private_code, words,
						      sizeof(words)), 0);
	KUNIT_EXPECT_EQ(test, words[2], kaddr + 8);
	/* From inside the kernel, nothing is looked at. */
	KUNIT_EXPECT_EQ(test, vpshim_request_outgoing(vdev, NULL, IOCTL_VIDEO_MAP_VIDEO_MEMORY,
						      &vmi, sizeof(vmi)), 0);
	vpshim_test_device_remove(test, &d);
}

/* A miniport's static data: in a module, not in the linear map or vmalloc on every arch. */
static u64 mapmem_test_static_word = 1;

/*
 * The same answers for a caller without CAP_SYS_ADMIN (the video group's):
 * any kernel address in a private answer, a module's static data
 * included, fails the request; data that only looks like one does not.
 */
static void kernel_addresses_refused_without_cap_sys_admin(struct kunit *test)
{
	ULONG private_code = CTL_CODE(FILE_DEVICE_VIDEO, 0x801, METHOD_BUFFERED, FILE_ANY_ACCESS);
	u64 heap = (u64)(uintptr_t)test, module = (u64)(uintptr_t)&mapmem_test_static_word;
	struct vpshim_file a = { .file = (struct file *)&a };
	const struct cred *old;
	struct vpshim_test_device d;
	struct vpshim_device *vdev;
	u64 words[2] = { 0 };
	int as_heap, as_module, as_data, as_ones;
	struct cred *user;

	user = prepare_creds();
	KUNIT_ASSERT_NOT_NULL(test, user);
	cap_lower(user->cap_effective, CAP_SYS_ADMIN);
	vpshim_test_device_add(test, &d, "vpshim-map", 16);
	vdev = vpshim_device_get(d.ext, __func__, 0);

	old = override_creds(user);
	words[1] = heap;
	as_heap = vpshim_request_outgoing(vdev, &a, private_code, words, sizeof(words));
	words[1] = module;
	as_module = vpshim_request_outgoing(vdev, &a, private_code, words, sizeof(words));
	/*
	 * Two ULONGs of data, 0x5678 and 0 (not larger: on UML the kernel
	 * lives in the low half, so most values are somewhere's address).
	 */
	words[1] = 0x5678;
	as_data = vpshim_request_outgoing(vdev, &a, private_code, words, sizeof(words));
	words[1] = ~0ULL;			/* all ones: a mask, not an address */
	as_ones = vpshim_request_outgoing(vdev, &a, private_code, words, sizeof(words));
	revert_creds(old);
	put_cred(user);

	KUNIT_EXPECT_EQ(test, as_heap, -EPERM);
	KUNIT_EXPECT_EQ(test, as_module, -EPERM);
	KUNIT_EXPECT_EQ(test, as_data, 0);
	KUNIT_EXPECT_EQ(test, as_ones, 0);
	KUNIT_EXPECT_EQ(test, words[1], ~0ULL);
	vpshim_test_device_remove(test, &d);
}

static struct kunit_case vpshim_mapmem_cases[] = {
	KUNIT_CASE(bad_arguments_are_refused),
	KUNIT_CASE(ranges_the_device_does_not_own_are_refused),
	KUNIT_CASE(process_mappings_need_a_request),
	KUNIT_CASE(kernel_mapping_life),
	KUNIT_CASE(request_mappings_belong_to_their_file),
	KUNIT_CASE(request_mappings_capped_per_device),
	KUNIT_CASE(only_the_request_thread_maps_for_it),
	KUNIT_CASE(kernel_addresses_in_answers),
	KUNIT_CASE(kernel_addresses_refused_without_cap_sys_admin),
	{}
};

static struct kunit_suite vpshim_mapmem_suite = {
	.name = "vpshim_mapmem",
	.test_cases = vpshim_mapmem_cases,
};

kunit_test_suite(vpshim_mapmem_suite);
