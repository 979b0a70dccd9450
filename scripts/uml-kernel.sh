#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Build (or bring up to date) a UML kernel the KUnit suites run in. Trees and
# build directories live in the cache.
#
#   6.1: Debian's linux-source-6.1 (Debian 12's kernel API), with our patch
#        scripts/patches/uml-6.1-xstate-size.patch so that it runs on hosts
#        whose XSAVE area is larger than an AVX-512 one (AMX);
#   7.x: the newest linux-source-7.x of trixie-backports, whose UML sizes the
#        FPU state from the host by itself.
#
# Usage: scripts/uml-kernel.sh [6.1|7.x] [test|bench]
#   test:  kunit/.kunitconfig, the debug kernel the KUnit suites run in
#   bench: bench/uml.kunitconfig, the same without the debug checkers
set -euo pipefail
. "$(dirname "$0")/lib.sh"

series=${1:-6.1}
flavour=${2:-test}
case "$flavour" in
test) base="$VPSHIM_ROOT/kunit/.kunitconfig" ;;
bench) base="$VPSHIM_ROOT/bench/uml.kunitconfig" ;;
*) die "unknown UML kernel flavour $flavour" ;;
esac

case "$series" in
6.1)
	ensure_linux_tree
	tree=$(linux_tree)
	patch="$VPSHIM_ROOT/scripts/patches/uml-6.1-xstate-size.patch"
	if ! patch -d "$tree" -p1 -R --dry-run -s -f <"$patch" >/dev/null 2>&1; then
		log "applying $(basename "$patch") to $tree"
		patch -d "$tree" -p1 -N -s <"$patch" || die "$(basename "$patch") does not apply to $tree"
	fi
	# The patched uml_pt_regs holds 12 KiB of FPU state and lives on
	# kernel and signal stacks: give them room (see the patch).
	extra="CONFIG_KERNEL_STACK_ORDER=4"
	;;
7.x)
	tree=$(bash "$VPSHIM_ROOT/scripts/kernels.sh" uml-tree 7.x)
	extra=""
	;;
*) die "unknown UML series $series" ;;
esac

build=$(uml_build_dir "$series" "$flavour")
# A build directory belongs to one tree: a newer 7.x starts afresh.
if [ "$(cat "$build/.vpshim-tree" 2>/dev/null)" != "$tree" ]; then
	rm -rf "$build"
	mkdir -p "$build"
	echo "$tree" >"$build/.vpshim-tree"
fi
kunitconfig="$VPSHIM_OUT/kunitconfig-$series-$flavour"
{ cat "$base"; echo "$extra"; } >"$kunitconfig"
logf="$VPSHIM_OUT/uml-build-$series-$flavour.log"
log "building the UML $series $flavour kernel in $build"
python3 "$tree/tools/testing/kunit/kunit.py" build --arch=um --jobs="$(nproc)" \
	--build_dir="$build" --kunitconfig="$kunitconfig" >"$logf" 2>&1 ||
	{ tail -n 40 "$logf"; die "UML $series kernel build failed (log: $logf)"; }
[ -x "$build/linux" ] || die "no UML kernel at $build/linux"
log "UML kernel ready: $build/linux"
