#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Install everything the demo, the tests and the style gates need on Debian 12.
# Idempotent: packages already present are not fetched again.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

pkgs=(build-essential flex bison bc kmod libelf-dev libssl-dev python3 xz-utils
      linux-headers-amd64 linux-source-6.1 qemu-system-x86 busybox-static cpio
      sparse perl dpkg-dev patch debian-archive-keyring
      gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-system-arm device-tree-compiler
      dkms gcc-mingw-w64-x86-64 mingw-w64-x86-64-dev binutils
      seabios libx86emu-dev)

missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
# linux-headers-amd64 may be installed but point at a kernel whose headers were
# superseded; re-resolving it is cheap.
if [ ${#missing[@]} -gt 0 ]; then
	log "installing: ${missing[*]}"
	SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
		"${missing[@]}" >/dev/null
fi
kdir=$(debian_kdir)
[ -d "$kdir" ] || die "headers $kdir missing after install"
log "dependencies ready (Debian kernel $(debian_kver))"
