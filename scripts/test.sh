#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# All of vpshim's tests, as one command (the README's and CI's):
#   1. the style gates: checkpatch, kernel-doc, W=1 and sparse; the Windows
#      headers against the reference (every documented name) and against
#      Windows x64 layouts (mingw-w64 as the oracle), every documented
#      function exported; the INF tool on INF files of ours;
#   2. the KUnit suites in UML kernels with KASAN, lockdep, kmemleak,
#      DMA-API debug and fault injection: Debian's 6.1 source (patched to run
#      on any x86-64 host) and the newest 7.x;
#   3. the samples on Debian's real 6.1 kernel under QEMU (x86-64), on the
#      pc machine and on q35 behind an emulated Intel IOMMU, the DRM bridge
#      on the Bochs sample included; the compatibility corpus (miniports in
#      the styles of real DDK sources, samples/compat/) and the request
#      fuzzer on the same two machines;
#   4. the video BIOS: the real-mode interpreter in user space (unit tests,
#      fuzzing, a differential test against libx86emu, the benchmark) and
#      the VBE sample on QEMU's std VGA and Cirrus adapters, pc and q35;
#   5. the kernel matrix: vpshim and the samples built against 6.1, 6.12
#      and the newest 7.x, for x86-64 and arm64; a miniport built outside
#      the tree against the installed vpshim; the DKMS package;
#   6. the edu sample on Debian's arm64 kernel under QEMU: coherent,
#      non-coherent and behind an SMMUv3.
# Every check counts; the last line is "N passed, N failed".
set -uo pipefail
. "$(dirname "$0")/lib.sh"

export VPSHIM_RESULTS="$VPSHIM_OUT/results"
: >"$VPSHIM_RESULTS"

# A step that dies before it has judged its checks still counts as failed.
step() {
	local name=$1 start=$SECONDS
	shift
	log "== $name"
	if ! "$@"; then
		fail "$name did not run to the end"
	fi
	log "== $name: $((SECONDS - start)) s"
}

bash "$VPSHIM_ROOT/scripts/deps.sh" || fail "dependencies could not be installed"
step "style gates" bash "$VPSHIM_ROOT/scripts/style.sh"
step "Windows headers and exports" bash "$VPSHIM_ROOT/scripts/headercheck.sh" \
	"$VPSHIM_OUT/build-sparse/Module.symvers"
step "INF tool" bash "$VPSHIM_ROOT/scripts/inf-test.sh"
step "KUnit under UML" bash "$VPSHIM_ROOT/scripts/kunit.sh"
step "QEMU with Debian's kernel (x86-64)" bash "$VPSHIM_ROOT/scripts/qemu.sh" test
step "compatibility corpus" bash "$VPSHIM_ROOT/scripts/corpus.sh"
step "request fuzzer" env VPSHIM_FUZZ_SECONDS="${VPSHIM_FUZZ_SECONDS:-45}" \
	bash "$VPSHIM_ROOT/scripts/fuzz.sh"
step "real-mode interpreter (user space)" bash "$VPSHIM_ROOT/scripts/x86emu-test.sh" \
	--seconds "${VPSHIM_X86EMU_SECONDS:-10}"
step "VBE sample on QEMU (video BIOS)" bash "$VPSHIM_ROOT/scripts/qemu-vbe.sh"
step "kernel matrix" bash "$VPSHIM_ROOT/scripts/matrix.sh"
step "out-of-tree miniport" bash "$VPSHIM_ROOT/scripts/external-test.sh"
step "DKMS" bash "$VPSHIM_ROOT/scripts/dkms.sh"
step "QEMU with Debian's kernel (arm64)" bash "$VPSHIM_ROOT/scripts/qemu-arm64.sh"

passed=$(grep -c '^pass$' "$VPSHIM_RESULTS" || true)
failed=$(grep -c '^fail$' "$VPSHIM_RESULTS" || true)
log "total: $SECONDS s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
