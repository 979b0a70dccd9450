#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Build (or bring up to date) a UML kernel from Debian's linux-source-6.1.
# Tree and build directories live in the cache.
#
# Usage: scripts/uml-kernel.sh [test|bench]
#   test:  kunit/.kunitconfig, the debug kernel the KUnit suites run in
#   bench: bench/uml.kunitconfig, the same without the debug checkers
set -euo pipefail
. "$(dirname "$0")/lib.sh"

flavour=${1:-test}
tree=$(linux_tree)
build=$(uml_build_dir "$flavour")
case "$flavour" in
test) kunitconfig="$VPSHIM_ROOT/kunit/.kunitconfig" ;;
bench) kunitconfig="$VPSHIM_ROOT/bench/uml.kunitconfig" ;;
*) die "unknown UML kernel flavour $flavour" ;;
esac
if [ ! -f "$tree/Makefile" ]; then
	log "extracting linux-source-6.1 into $tree"
	tmp="$VPSHIM_CACHE/extract.$$"
	rm -rf "$tmp"; mkdir -p "$tmp"
	tar -C "$tmp" -xf /usr/src/linux-source-6.1.tar.xz
	mv "$tmp"/linux-source-6.1 "$tree"
	rm -rf "$tmp"
fi
mkdir -p "$build"
log "building the UML $flavour kernel in $build"
python3 "$tree/tools/testing/kunit/kunit.py" build --arch=um --jobs="$(nproc)" \
	--build_dir="$build" --kunitconfig="$kunitconfig" >"$VPSHIM_OUT/uml-build-$flavour.log" 2>&1 ||
	{ tail -n 40 "$VPSHIM_OUT/uml-build-$flavour.log"; die "UML kernel build failed"; }
[ -x "$build/linux" ] || die "no UML kernel at $build/linux"
log "UML kernel ready: $build/linux"
