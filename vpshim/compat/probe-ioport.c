// SPDX-License-Identifier: GPL-2.0
/*
 * Port I/O: every platform had inb() and friends until CONFIG_HAS_IOPORT
 * (6.6); on one without it (UML from 7.x, s390) they are build errors.
 */
#include <linux/io.h>

unsigned int vpshim_conftest_fn(unsigned long port, void *buf);
unsigned int vpshim_conftest_fn(unsigned long port, void *buf)
{
	outb(1, port);
	outsw(port, buf, 1);
	return inb(port) + inw(port) + inl(port);
}
