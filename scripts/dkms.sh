#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The DKMS package, built the way `dkms install` builds it, for every x86-64
# kernel of the matrix (Debian 12's 6.1 headers, the prepared 6.12 and 7.x
# trees). dkms runs with a source tree and a dkms tree of its own under the
# cache and stops short of installing into /lib/modules; like any dkms
# build it signs the module, with the key it keeps in /var/lib/dkms.
#
# Usage: scripts/dkms.sh
set -euo pipefail
. "$(dirname "$0")/lib.sh"

command -v dkms >/dev/null || die "dkms is not installed (scripts/deps.sh installs it)"
version=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$VPSHIM_ROOT/dkms.conf")
[ -n "$version" ] || die "no PACKAGE_VERSION in dkms.conf"
top="$VPSHIM_OUT/dkms"
rm -rf "$top"
mkdir -p "$top/source/vpshim-$version" "$top/tree"
# What a source package would ship: the tracked files of the module.
(cd "$VPSHIM_ROOT" && git ls-files -z --cached --others --exclude-standard Kbuild Makefile dkms.conf include vpshim samples bench kunit \
	scripts/vpshim.mk scripts/dkms-post-build.sh |
	xargs -0 tar -cf -) | tar -C "$top/source/vpshim-$version" -xf -
opts=(--sourcetree "$top/source" --dkmstree "$top/tree")
# Where dkms-post-build.sh installs the development files (not /usr/src).
export VPSHIM_DEVROOT="$top/devroot"
dkms add -m vpshim -v "$version" "${opts[@]}" >"$top/add.log" 2>&1 ||
	{ cat "$top/add.log"; die "dkms add failed"; }

bash "$VPSHIM_ROOT/scripts/kernels.sh" list | while read -r ver arch kdir; do
	[ "$arch" = amd64 ] || continue
	# Debian's 6.1 headers carry the upstream version in kernel.release;
	# the release modules are checked against is UTS_RELEASE.
	krel=$(sed -n 's/^#define UTS_RELEASE "\(.*\)"/\1/p' "$kdir/include/generated/utsrelease.h")
	logf="$top/build-$krel.log"
	if dkms build -m vpshim -v "$version" -k "$krel" --kernelsourcedir "$kdir" "${opts[@]}" \
		>"$logf" 2>&1; then
		ko=$(find "$top/tree/vpshim/$version/$krel" -name vpshim.ko 2>/dev/null | head -n1)
		check "dkms: vpshim $version builds for $krel ($ver)" \
			bash -c "[ -n '$ko' ] && modinfo -F vermagic '$ko' | grep -q '^$krel '"
		check "dkms: the build installs the development files for $krel" \
			test -f "$VPSHIM_DEVROOT/usr/src/vpshim-$version/$krel/Module.symvers" -a \
			     -f "$VPSHIM_DEVROOT/usr/src/vpshim-$version/include/video.h"
	else
		tail -n 20 "$logf"
		fail "dkms: vpshim $version builds for $krel ($ver)"
	fi
done
