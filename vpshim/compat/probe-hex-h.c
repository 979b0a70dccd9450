// SPDX-License-Identifier: GPL-2.0
/* hex_to_bin() and friends moved from <linux/kernel.h> to <linux/hex.h> in 7.x. */
#include <linux/hex.h>

int vpshim_conftest_fn(char c);
int vpshim_conftest_fn(char c)
{
	return hex_to_bin(c);
}
