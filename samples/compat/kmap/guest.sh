#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The kmap corpus miniport's requests, from user space (busybox sh).
# $1: the request device /dev/vpshim/<bdf>, $2: the bdf.
dev=$1

kmap_user "$dev"
# The process is gone: nothing of its mappings may be left in it, and the
# adapter still answers a new process.
if kmap_user "$dev" >/tmp/kmap-second.out 2>&1; then
	echo "vpc_kmap: check second-process: ok every check passed again"
else
	echo "vpc_kmap: check second-process: FAIL $(grep -m1 FAIL /tmp/kmap-second.out)"
fi

# A display driver that dies with the frame buffer mapped: the miniport's
# system-space mapping is its own and must stay usable (on Windows nothing
# ties it to the process). The private read goes through it. If the kernel
# dies here, the log shows this line last.
echo "vpc_kmap: running system-mapping-outlives-process"
kmap_user "$dev" exit-mapped
sleep 1		# its lines on the console before the read, which may not return
kmap_user "$dev" read-back
echo "vpc_kmap: done"
