#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Porting outside the tree: `make install-dev` installs vpshim's headers,
# vpshim.mk and, for the kernel built against, the probed compatibility
# header and Module.symvers; then the Bochs sample's sources, copied to a
# directory of their own with samples/external's Kbuild and Makefile, must
# build against what was installed (modpost resolving every VideoPort call
# and its namespace) for Debian 12's 6.1 and the newest 7.x, with W=1.
#
# Usage: scripts/external-test.sh   (after scripts/matrix.sh: it reuses its
# build directories)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

root="$VPSHIM_OUT/external-root"
rm -rf "$root"
version=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$VPSHIM_ROOT/dkms.conf")
bash "$VPSHIM_ROOT/scripts/kernels.sh" list | while read -r ver arch kdir; do
	[ "$arch" = amd64 ] || continue
	case "$ver" in 6.1|7.*) ;; *) continue ;; esac
	# The matrix's build, with its arguments: nothing to rebuild after it.
	build=$(build_modules "matrix-$ver-$arch" "$kdir" W=1 C=2)
	label="external: $ver"
	if flock "$VPSHIM_CACHE/.build.lock" make -C "$build" KDIR="$kdir" DESTDIR="$root" \
		$(kbuild_args "$kdir") install-dev >"$VPSHIM_OUT/external-install-$ver.log" 2>&1; then
		pass "$label: make install-dev installs headers, vpshim.mk and Module.symvers"
	else
		tail -n 15 "$VPSHIM_OUT/external-install-$ver.log"
		fail "$label: make install-dev installs headers, vpshim.mk and Module.symvers"
		continue
	fi
	work="$VPSHIM_OUT/external-work-$ver"
	rm -rf "$work"
	mkdir -p "$work"
	cp "$VPSHIM_ROOT"/samples/bochs/bochs_miniport.c "$VPSHIM_ROOT"/samples/bochs/bochs_glue.c \
		"$VPSHIM_ROOT"/samples/external/Kbuild "$VPSHIM_ROOT"/samples/external/Makefile "$work/"
	logf="$VPSHIM_OUT/external-build-$ver.log"
	flock "$VPSHIM_CACHE/.build.lock" make -C "$work" KDIR="$kdir" $(kbuild_args "$kdir") \
		VPSHIM_DIR="$root/usr/src/vpshim-$version" W=1 >"$logf" 2>&1 || true
	check "$label: a miniport in its own directory builds against the installed vpshim" \
		test -f "$work/vp_mydrv.ko"
	if grep -Eq 'warning|error|WARNING|ERROR' "$logf"; then
		grep -m 10 -E 'warning|error|WARNING|ERROR' "$logf"
		fail "$label: W=1 and modpost report nothing"
	else
		pass "$label: W=1 and modpost report nothing"
	fi
	check "$label: the module needs vpshim and imports its namespace" bash -c "
		modinfo -F depends '$work/vp_mydrv.ko' | grep -qx vpshim &&
		modinfo -F import_ns '$work/vp_mydrv.ko' | grep -qx VPSHIM"
done
