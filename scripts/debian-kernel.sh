#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Fetch Debian's own 6.1 kernel image (the one the headers belong to) into the
# cache, without installing it: QEMU boots it directly. Prints its path.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

kver=$(debian_kver)
dir="$VPSHIM_CACHE/debian-kernel"
img="$dir/vmlinuz-$kver"
if [ ! -f "$img" ]; then
	mkdir -p "$dir"
	tmp=$(mktemp -d "$dir/dl.XXXXXX")
	log "downloading linux-image-$kver-unsigned"
	(cd "$tmp" && apt-get download -q "linux-image-$kver-unsigned" 2>&1 | grep -v "unsandboxed" >&2 || true)
	dpkg-deb --fsys-tarfile "$tmp"/linux-image-*.deb |
		tar -C "$tmp" -xf - "./boot/vmlinuz-$kver" "./boot/config-$kver"
	mv "$tmp/boot/config-$kver" "$dir/"
	mv "$tmp/boot/vmlinuz-$kver" "$img"
	rm -rf "$tmp"
fi
echo "$img"
