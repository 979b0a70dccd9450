#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# PID 1 of the UML test kernel, run from the host's root filesystem (hostfs,
# read-only). Arguments: the modules to load, in order. Loading the KUnit
# module runs its suites; unloading everything and asking kmemleak for a scan
# then shows anything left behind.
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t debugfs debugfs /sys/kernel/debug

# Let fault injection (fail_nth) reach ordinary GFP_KERNEL and order-0
# allocations, not only atomic ones.
for f in failslab fail_page_alloc; do
	echo N >/sys/kernel/debug/$f/ignore-gfp-wait 2>/dev/null
done
echo 0 >/sys/kernel/debug/fail_page_alloc/min-order 2>/dev/null
echo N >/sys/kernel/debug/fail_page_alloc/ignore-gfp-highmem 2>/dev/null

# Whatever the kernel itself leaked while booting is not ours: report only
# what is allocated from here on.
if [ -e /sys/kernel/debug/kmemleak ]; then
	echo scan >/sys/kernel/debug/kmemleak
	echo clear >/sys/kernel/debug/kmemleak
fi

for m in "$@"; do
	if insmod "$m"; then echo "VPSHIM: insmod $(basename "$m") ok"; else echo "VPSHIM: insmod $(basename "$m") failed"; fi
done
mods=""
for m in "$@"; do mods="$(basename "$m" .ko) $mods"; done
for m in $mods; do
	if rmmod "$m"; then echo "VPSHIM: rmmod $m ok"; else echo "VPSHIM: rmmod $m failed"; fi
done

if [ -e /sys/kernel/debug/kmemleak ]; then
	# kmemleak never reports an object younger than 5 seconds.
	sleep 6
	echo scan >/sys/kernel/debug/kmemleak
	echo scan >/sys/kernel/debug/kmemleak
	echo "VPSHIM-KMEMLEAK-BEGIN"
	cat /sys/kernel/debug/kmemleak
	echo "VPSHIM-KMEMLEAK-END"
fi
echo "VPSHIM: done"
exec /bin/busybox poweroff -f
