#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Build (or bring up to date) the UML test kernel from Debian's linux-source-6.1,
# with the options in kunit/.kunitconfig. Tree and build directory live in the cache.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

tree=$(linux_tree)
build=$(uml_build_dir)
if [ ! -f "$tree/Makefile" ]; then
	log "extracting linux-source-6.1 into $tree"
	tmp="$VPSHIM_CACHE/extract.$$"
	rm -rf "$tmp"; mkdir -p "$tmp"
	tar -C "$tmp" -xf /usr/src/linux-source-6.1.tar.xz
	mv "$tmp"/linux-source-6.1 "$tree"
	rm -rf "$tmp"
fi
mkdir -p "$build"
log "building the UML kernel in $build"
python3 "$tree/tools/testing/kunit/kunit.py" build --arch=um --jobs="$(nproc)" \
	--build_dir="$build" --kunitconfig="$VPSHIM_ROOT/kunit/.kunitconfig" >"$VPSHIM_OUT/uml-build.log" 2>&1 ||
	{ tail -n 40 "$VPSHIM_OUT/uml-build.log"; die "UML kernel build failed"; }
[ -x "$build/linux" ] || die "no UML kernel at $build/linux"
log "UML kernel ready: $build/linux"
