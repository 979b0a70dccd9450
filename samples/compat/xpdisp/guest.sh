#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The xpdisp corpus miniport from user space (busybox sh): its requests
# (xpdisp_user), the monitor child vpshim published, vpshim-video's shared
# view checks, and a suspend cycle that must keep the mode and video memory.
# $1: the request device /dev/vpshim/<bdf>, $2: the bdf.
dev=$1
bdf=$2
say() { echo "vpc_xpdisp: check $*"; }

xpdisp_user "$dev" main

# The monitor, with the EDID read over DDC, as vpshim publishes it.
children=$(cat "/sys/kernel/debug/vpshim/$bdf/children" 2>&1)
if echo "$children" | grep -q 'Monitor uid 0x100 edid 00ffffffffffff00'; then
	say "monitor-child-published: ok $(echo "$children" | cut -c1-60)"
else
	say "monitor-child-published: FAIL $(echo "$children" | tr '\n' ';' | cut -c1-120)"
fi

# A generic DirectDraw-style client: its checks, renamed.
out=$(vpshim-video -d "$dev" share 2>&1)
echo "$out" | sed -n 's/^vpshim-video: check /vpc_xpdisp: check vpshim-video-/p'
echo "$out" | grep -q '^vpshim-video: check share:' ||
	say "vpshim-video-share: FAIL $(echo "$out" | tr '\n' ';' | cut -c1-160)"

# Suspend and resume the devices: HwSetPowerState off, then on again.
[ -w /sys/module/suspend/parameters/pm_test_delay ] &&
	echo 0 >/sys/module/suspend/parameters/pm_test_delay
if echo devices >/sys/power/pm_test && echo freeze >/sys/power/state; then
	say "suspend-cycle: ok"
else
	say "suspend-cycle: FAIL writing /sys/power/state"
fi
echo none >/sys/power/pm_test
if dmesg | grep -q 'vpc_xpdisp: check power-adapter-[0-9]*-down' &&
   dmesg | grep -q 'vpc_xpdisp: check power-adapter-[0-9]*-on'; then
	say "power-callbacks-ran: ok the adapter went down and came back"
else
	say "power-callbacks-ran: FAIL no HwSetPowerState transition reported"
fi
xpdisp_user "$dev" resume
xpdisp_user "$dev" reset
echo "vpc_xpdisp: done"
