#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The kernel matrix: vpshim and every sample built against each kernel a user
# runs (Debian 12's 6.1, Debian 13's 6.12, the newest 7.x of
# trixie-backports), for x86-64 and arm64, with W=1 and sparse, modpost
# checking every symbol and namespace against Debian's Module.symvers. Any
# warning or error fails the kernel's check. (The DKMS package is built
# against the prepared trees by scripts/dkms.sh, its own step.)
#
# Usage: scripts/matrix.sh
set -euo pipefail
. "$(dirname "$0")/lib.sh"

bash "$VPSHIM_ROOT/scripts/kernels.sh" prepare
mapfile -t kernels < <(bash "$VPSHIM_ROOT/scripts/kernels.sh" list)
[ "${#kernels[@]}" -ge 6 ] || die "the kernel list is short: ${kernels[*]}"

# The corpus's miniports (samples/compat/NAME/ makes vpc_NAME.ko) build everywhere too.
corpus_mods=$(cd "$VPSHIM_ROOT/samples/compat" && for d in */Kbuild.part; do printf 'vpc_%s.ko ' "${d%%/*}"; done)
ncorpus=$(echo "$corpus_mods" | wc -w)

for entry in "${kernels[@]}"; do
	read -r ver arch kdir <<<"$entry"
	name="matrix-$ver-$arch"
	args=(W=1 C=2)
	[ "$arch" = arm64 ] && args+=(ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-)
	rm -rf "$VPSHIM_OUT/build-$name"
	logf="$VPSHIM_OUT/build-$name.log"
	if (build_modules "$name" "$kdir" "${args[@]}" >/dev/null 2>&1); then
		pass "matrix: $ver $arch: vpshim.ko and the samples build"
	else
		fail "matrix: $ver $arch: vpshim.ko and the samples build"
		tail -n 20 "$logf"
	fi
	check "matrix: $ver $arch: the modules (vpshim, vpshim_drm, vp_edu, vp_bochs, vp_vbe, vpshim_bench, the corpus's $ncorpus)" \
		bash -c "cd '$VPSHIM_OUT/build-$name' && ls vpshim.ko vpshim_drm.ko vp_edu.ko vp_bochs.ko vp_vbe.ko vpshim_bench.ko $corpus_mods"
	# Sparse's findings in the corpus's Windows-side sources are the DDK's
	# style (0 for NULL, flat tables, globals), as in scripts/style.sh;
	# the compiler's warnings there ([-W...]) still count.
	grep -E 'warning|error|WARNING|ERROR' "$logf" |
		awk '!(/\/samples\/compat\// && !/_glue\.c:/ && !/\[-W/)' >"$logf.found" || true
	if [ -s "$logf.found" ]; then
		head -n 20 "$logf.found"
		fail "matrix: $ver $arch: W=1, sparse and modpost report nothing"
	else
		pass "matrix: $ver $arch: W=1, sparse and modpost report nothing"
	fi
	if [ -f "$VPSHIM_OUT/build-$name/vpshim/compat/probed.h" ]; then
		echo "   probed: $(grep -o 'VPSHIM_HAVE_[A-Z_]*[^*]*' "$VPSHIM_OUT/build-$name/vpshim/compat/probed.h" | tr '\n' ' ')"
	fi
done
