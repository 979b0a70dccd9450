#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# All of vpshim's tests, as one command (the README's and CI's):
#   1. the style gates: checkpatch, kernel-doc, W=1 and sparse;
#   2. the KUnit suites in a UML kernel built from Debian's 6.1 source with
#      KASAN, lockdep, kmemleak, DMA-API debug and fault injection;
#   3. the edu sample on Debian's real 6.1 kernel under QEMU, on the pc
#      machine and on q35 behind an emulated Intel IOMMU.
# Every check counts; the last line is "N passed, N failed".
set -uo pipefail
. "$(dirname "$0")/lib.sh"

export VPSHIM_RESULTS="$VPSHIM_OUT/results"
: >"$VPSHIM_RESULTS"

# A step that dies before it has judged its checks still counts as failed.
step() {
	local name=$1
	shift
	log "== $name"
	if ! "$@"; then
		fail "$name did not run to the end"
	fi
}

bash "$VPSHIM_ROOT/scripts/deps.sh" || fail "dependencies could not be installed"
step "UML kernel build" bash "$VPSHIM_ROOT/scripts/uml-kernel.sh" test
step "style gates" bash "$VPSHIM_ROOT/scripts/style.sh"
step "KUnit under UML" bash "$VPSHIM_ROOT/scripts/kunit.sh"
step "QEMU with Debian's kernel" bash "$VPSHIM_ROOT/scripts/qemu.sh" test

passed=$(grep -c '^pass$' "$VPSHIM_RESULTS" || true)
failed=$(grep -c '^fail$' "$VPSHIM_RESULTS" || true)
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
