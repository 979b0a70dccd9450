#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The ioctls corpus miniport from user space: every IOCTL_VIDEO_* family
# with good and bad buffers, checked against the hardware (ioctls_user.c).
# $1: the request device (/dev/vpshim/<PCI name>), $2: the PCI name.
exec /bin/ioctls_user "$1"
