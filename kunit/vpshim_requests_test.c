// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for vpshim/requests.c: the VIDEO_REQUEST_PACKET vpshim builds,
 * what it believes of the miniport's answer (never an Information beyond
 * the buffer), one request at a time, and the device node's life.
 */

#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/kthread.h>

#include "ntddvdeo.h"
#include "vpshim_test.h"
#include "requests.h"

struct fake_miniport {
	VIDEO_REQUEST_PACKET seen;
	ULONG_PTR information;
	VP_STATUS status;
	BOOLEAN handled;
	atomic_t inside;
	atomic_t overlap;
	atomic_t calls;
};

static struct fake_miniport *fake;

static BOOLEAN fake_start_io(PVOID HwDeviceExtension, PVIDEO_REQUEST_PACKET vrp)
{
	if (atomic_inc_return(&fake->inside) > 1)
		atomic_inc(&fake->overlap);
	atomic_inc(&fake->calls);
	fake->seen = *vrp;
	if (vrp->OutputBufferLength)
		memset(vrp->OutputBuffer, 0x5a, vrp->OutputBufferLength);
	vrp->StatusBlock->Status = fake->status;
	vrp->StatusBlock->Information = fake->information;
	usleep_range(100, 200);
	atomic_dec(&fake->inside);
	return fake->handled;
}

static struct vpshim_device *fake_device(struct kunit *test, struct vpshim_test_device *d)
{
	struct vpshim_device *vdev;

	fake = kunit_kzalloc(test, sizeof(*fake), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, fake);
	fake->handled = TRUE;
	vpshim_test_device_add(test, d, "vpshim-req", 16);
	vdev = vpshim_device_get(d->ext, __func__, 0);
	vdev->hw.HwStartIO = fake_start_io;
	return vdev;
}

static void packet_is_method_buffered(struct kunit *test)
{
	struct vpshim_test_device d;
	struct vpshim_device *vdev = fake_device(test, &d);
	ULONG_PTR info = 99;
	VP_STATUS status = 99;
	u8 buf[32] = { 1, 2, 3 };

	fake->status = NO_ERROR;
	fake->information = sizeof(VIDEO_NUM_MODES);
	KUNIT_ASSERT_EQ(test, vpshim_request_call(vdev, NULL, IOCTL_VIDEO_QUERY_NUM_AVAIL_MODES,
						  buf, 3, 32, &status, &info), 0);
	KUNIT_EXPECT_EQ(test, fake->seen.IoControlCode, (ULONG)IOCTL_VIDEO_QUERY_NUM_AVAIL_MODES);
	KUNIT_EXPECT_PTR_EQ(test, fake->seen.InputBuffer, (PVOID)buf);
	KUNIT_EXPECT_PTR_EQ(test, fake->seen.OutputBuffer, (PVOID)buf);
	KUNIT_EXPECT_EQ(test, fake->seen.InputBufferLength, 3U);
	KUNIT_EXPECT_EQ(test, fake->seen.OutputBufferLength, 32U);
	KUNIT_EXPECT_EQ(test, status, (VP_STATUS)NO_ERROR);
	KUNIT_EXPECT_EQ(test, info, (ULONG_PTR)sizeof(VIDEO_NUM_MODES));
	vpshim_test_device_remove(test, &d);
}

static void information_never_exceeds_the_buffer(struct kunit *test)
{
	struct vpshim_test_device d;
	struct vpshim_device *vdev = fake_device(test, &d);
	ULONG_PTR info;
	VP_STATUS status;
	u8 buf[16];

	fake->status = NO_ERROR;
	fake->information = 4096;	/* a lie */
	vpshim_request_call(vdev, NULL, IOCTL_VIDEO_QUERY_AVAIL_MODES, buf, 0, 16, &status, &info);
	KUNIT_EXPECT_EQ(test, info, (ULONG_PTR)16);
	fake->information = (ULONG_PTR)-1;
	vpshim_request_call(vdev, NULL, IOCTL_VIDEO_QUERY_AVAIL_MODES, buf, 0, 0, &status, &info);
	KUNIT_EXPECT_EQ(test, info, (ULONG_PTR)0);
	vpshim_test_device_remove(test, &d);
}

static void unhandled_and_failed_requests_return_no_data(struct kunit *test)
{
	struct vpshim_test_device d;
	struct vpshim_device *vdev = fake_device(test, &d);
	ULONG_PTR info;
	VP_STATUS status;
	u8 buf[16];

	fake->handled = FALSE;
	fake->status = NO_ERROR;
	fake->information = 8;
	vpshim_request_call(vdev, NULL, 0x2301ffc, buf, 0, 16, &status, &info);
	KUNIT_EXPECT_EQ(test, status, (VP_STATUS)ERROR_INVALID_FUNCTION);
	KUNIT_EXPECT_EQ(test, info, (ULONG_PTR)0);

	/*
	 * The DDK idiom (found by samples/compat/ioctls): a buffer too small
	 * gets the size it needs in Information, which goes back as it is,
	 * even above the buffer's length; no data comes with it.
	 */
	fake->handled = TRUE;
	fake->status = ERROR_INSUFFICIENT_BUFFER;
	fake->information = 4096;
	vpshim_request_call(vdev, NULL, IOCTL_VIDEO_QUERY_AVAIL_MODES, buf, 0, 16, &status, &info);
	KUNIT_EXPECT_EQ(test, status, (VP_STATUS)ERROR_INSUFFICIENT_BUFFER);
	KUNIT_EXPECT_EQ(test, info, (ULONG_PTR)4096);

	/* ERROR_MORE_DATA is a warning: the data comes back, and the size needed. */
	fake->status = ERROR_MORE_DATA;
	fake->information = 8;
	vpshim_request_call(vdev, NULL, IOCTL_VIDEO_QUERY_AVAIL_MODES, buf, 0, 16, &status, &info);
	KUNIT_EXPECT_EQ(test, info, (ULONG_PTR)8);
	fake->information = 64;
	vpshim_request_call(vdev, NULL, IOCTL_VIDEO_QUERY_AVAIL_MODES, buf, 0, 16, &status, &info);
	KUNIT_EXPECT_EQ(test, info, (ULONG_PTR)64);

	/* Any other error: nothing. */
	fake->status = ERROR_INVALID_PARAMETER;
	vpshim_request_call(vdev, NULL, IOCTL_VIDEO_QUERY_AVAIL_MODES, buf, 0, 16, &status, &info);
	KUNIT_EXPECT_EQ(test, info, (ULONG_PTR)0);

	vdev->hw.HwStartIO = NULL;
	KUNIT_EXPECT_EQ(test, vpshim_request_call(vdev, NULL, IOCTL_VIDEO_RESET_DEVICE, NULL, 0, 0,
						  &status, &info), -EINVAL);
	vpshim_test_device_remove(test, &d);
}

struct sender {
	struct vpshim_device *vdev;
	struct completion done;
};

static int send_many(void *arg)
{
	struct sender *s = arg;
	ULONG_PTR info;
	VP_STATUS status;
	int i;

	for (i = 0; i < 50; i++) {
		vpshim_request_lock(s->vdev);	/* what the ioctl path takes */
		vpshim_request_call(s->vdev, NULL, IOCTL_VIDEO_RESET_DEVICE, NULL, 0, 0, &status,
				    &info);
		vpshim_request_unlock(s->vdev);
	}
	complete(&s->done);
	return 0;
}

/* The device node exists while bound, and requests through it are serial. */
static void one_request_at_a_time(struct kunit *test)
{
	struct vpshim_test_device d;
	struct vpshim_device *vdev = fake_device(test, &d);
	struct sender s[3];
	int i;

	KUNIT_ASSERT_EQ(test, vpshim_request_add(vdev), 0);
	KUNIT_ASSERT_NOT_NULL(test, vpshim_requests_of(vdev)->reqdev);
	for (i = 0; i < 3; i++) {
		s[i].vdev = vdev;
		init_completion(&s[i].done);
		KUNIT_ASSERT_FALSE(test, IS_ERR(kthread_run(send_many, &s[i], "vpshim-req%d", i)));
	}
	for (i = 0; i < 3; i++)
		wait_for_completion(&s[i].done);
	KUNIT_EXPECT_EQ(test, atomic_read(&fake->calls), 150);
	KUNIT_EXPECT_EQ(test, atomic_read(&fake->overlap), 0);
	vpshim_test_device_remove(test, &d);	/* removes the node too */
}

static struct kunit_case vpshim_requests_cases[] = {
	KUNIT_CASE(packet_is_method_buffered),
	KUNIT_CASE(information_never_exceeds_the_buffer),
	KUNIT_CASE(unhandled_and_failed_requests_return_no_data),
	KUNIT_CASE(one_request_at_a_time),
	{}
};

static struct kunit_suite vpshim_requests_suite = {
	.name = "vpshim_requests",
	.test_cases = vpshim_requests_cases,
};

kunit_test_suite(vpshim_requests_suite);
