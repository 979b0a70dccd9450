#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The nt4vga corpus miniport's requests, from user space (busybox sh).
# $1: the request device /dev/vpshim/<bdf>, $2: the bdf.
dev=$1

nt4vga_user "$dev"

# A generic display-driver tool sees the same two modes (bits = planes x bits).
modes=$(vpshim-video -d "$dev" modes 2>&1)
if echo "$modes" | grep -q '720x400x4 stride 160' && echo "$modes" | grep -q '640x480x4 stride 80'; then
	echo "vpc_nt4vga: check vpshim-video-lists-modes: ok $(echo "$modes" | tr '\n' ';')"
else
	echo "vpc_nt4vga: check vpshim-video-lists-modes: FAIL $(echo "$modes" | tr '\n' ';')"
fi
echo "vpc_nt4vga: done"
