#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The demo: boot Debian's own 6.1 kernel in QEMU with QEMU's edu PCI device
# and std VGA, load vpshim.ko and the Windows-style sample miniports, and show
# the edu sample's DMA round trips through common buffers (on the pc machine,
# logical address = physical address; on q35 behind an Intel IOMMU, an IOVA)
# and the Bochs sample lighting up the display: vpshim-video sets
# 640x480x32 and 1024x768x32 through IOCTL_VIDEO_* requests and draws into
# the framebuffer the miniport mapped for it; then vpshim_drm makes the
# adapter a DRM/KMS device, the Linux console moves onto the miniport's
# display, and the host saves a screenshot of it: the demo's last picture.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

bash "$VPSHIM_ROOT/scripts/deps.sh"
export VPSHIM_RESULTS="$VPSHIM_OUT/demo-results"
: >"$VPSHIM_RESULTS"
bash "$VPSHIM_ROOT/scripts/qemu.sh" test >/dev/null
for name in pc q35-iommu; do
	logf="$VPSHIM_OUT/qemu-$name-test.log"
	echo
	echo "== QEMU $name, Debian kernel $(debian_kver)"
	sed 's/^.*VPSHIM:/VPSHIM:/' "$logf" |
		grep -E 'DMAR: IOMMU enabled|iommu group|vp_edu|vp_bochs|vpshim:|^VPSHIM: [irsc]|vpshim-video: (set|drew|mapped)' |
		grep -v 'tainting\|taints' || true
	cat "$VPSHIM_OUT/display-$name.log" 2>/dev/null || true
done
cp "$VPSHIM_OUT/screens-pc/screen-1024x768x32.png" "$VPSHIM_OUT/demo-screen.png" 2>/dev/null &&
	{ echo; echo "The display (1024x768x32, drawn by vpshim-video through the Bochs miniport):"
	  echo "  $VPSHIM_OUT/demo-screen.png"
	  echo "  every screenshot: $VPSHIM_OUT/screens-pc/ and $VPSHIM_OUT/screens-q35-iommu/"; }
if cp "$VPSHIM_OUT/screens-pc/screen-words-800x600x32.png" "$VPSHIM_OUT/demo-console.png" 2>/dev/null; then
	echo
	echo "The Linux console (fbcon on vpshim_drm) on the display the Bochs miniport drives:"
	echo "  $VPSHIM_OUT/demo-console.png"
fi
echo
echo "Full console logs: $VPSHIM_OUT/qemu-pc-test.log, $VPSHIM_OUT/qemu-q35-iommu-test.log"
passed=$(grep -c '^pass$' "$VPSHIM_RESULTS" || true)
failed=$(grep -c '^fail$' "$VPSHIM_RESULTS" || true)
echo "demo checks: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
