/* SPDX-License-Identifier: GPL-2.0 */
/*
 * requests.h - the request area's state in each device (requests.c), read
 * by the waits of sync.c: a wait of the thread running a request ends when
 * the request's time is up.
 */
#ifndef _VPSHIM_REQUESTS_H_
#define _VPSHIM_REQUESTS_H_

#include "vpshim.h"
#include "parts.h"

struct vpshim_requests {
	struct vpshim_reqdev *reqdev;	/* NULL: no request device */
	struct vpshim_file *file;	/* whose request HwStartIO has */
	struct task_struct *task;	/* the thread running it */
	unsigned long deadline;		/* jiffies: its waits end after this */
};

static inline struct vpshim_requests *vpshim_requests_of(struct vpshim_device *vdev)
{
	return vpshim_part_state(vdev, &vpshim_requests_part);
}

#endif /* _VPSHIM_REQUESTS_H_ */
