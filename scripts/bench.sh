#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The benchmarks (make bench): vpshim_bench.ko under UML and under QEMU on
# Debian's kernel (pc, and q35 behind the IOMMU), each printing the ratio of
# the VideoPort calls to the raw Linux calls measured in the same run.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

bash "$VPSHIM_ROOT/scripts/deps.sh"
export VPSHIM_RESULTS="$VPSHIM_OUT/bench-results"
bash "$VPSHIM_ROOT/scripts/kunit.sh" bench
VPSHIM_QEMU_MEM=1536M bash "$VPSHIM_ROOT/scripts/qemu.sh" bench
