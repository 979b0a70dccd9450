// SPDX-License-Identifier: GPL-2.0
/* timer_delete() and timer_delete_sync() (6.2) replaced del_timer*(). */
#include <linux/timer.h>

void vpshim_conftest_fn(struct timer_list *t);
void vpshim_conftest_fn(struct timer_list *t)
{
	timer_delete(t);
	timer_delete_sync(t);
}
