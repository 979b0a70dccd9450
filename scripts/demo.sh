#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The demo: boot Debian's own 6.1 kernel in QEMU with QEMU's edu PCI device,
# load vpshim.ko and the Windows-style edu miniport, and show its DMA round
# trips through common buffers: on the pc machine (logical address = physical
# address) and on q35 behind an Intel IOMMU (logical address = an IOVA).
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
		grep -E 'DMAR: IOMMU enabled|iommu group|vp_edu|vpshim:|^VPSHIM: [ir]' |
		grep -v 'tainting\|taints' || true
done
echo
echo "Full console logs: $VPSHIM_OUT/qemu-pc-test.log, $VPSHIM_OUT/qemu-q35-iommu-test.log"
passed=$(grep -c '^pass$' "$VPSHIM_RESULTS" || true)
failed=$(grep -c '^fail$' "$VPSHIM_RESULTS" || true)
echo "demo checks: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
