#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Fetch Debian's own 6.1 kernel image (the one the headers belong to) into the
# cache, without installing it: QEMU boots it directly. Prints its path.
#
# Next to it, debian-kernel/modules-<kver>/ holds the DRM modules the display
# bridge (vpshim_drm.ko) needs, the kernel's own bochs DRM driver (the
# bridge's benchmark runs against it), and everything they depend on, as
# Debian built them, with load-order: their file names, dependencies first.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

kver=$(debian_kver)
dir="$VPSHIM_CACHE/debian-kernel"
img="$dir/vmlinuz-$kver"
mods="$dir/modules-$kver"
# What vpshim_drm.ko imports from (modinfo depends of the built module), and
# the bochs driver.
wanted="drm drm_kms_helper drm_shmem_helper bochs"

# Whether the cache holds every module wanted.
modules_cached() {
	local m
	[ -f "$mods/load-order" ] || return 1
	for m in $wanted; do grep -qx "$m.ko" "$mods/load-order" || return 1; done
}

# $1: the package, $2: a scratch directory. Extracts the modules named in
# $wanted and every module they depend on (read from each module's own
# "depends" field: the package has no modules.dep, depmod makes it at
# install) and prints their paths, dependencies first.
module_closure() {
	local deb=$1 tmp=$2 name path
	local -A where=() deps=()
	local -a order=() todo=($wanted)
	while read -r path; do
		name=$(basename "$path" .ko)
		where[${name//-/_}]=$path
	done < <(dpkg-deb --fsys-tarfile "$deb" | tar -tf - | grep '\.ko$')
	# Breadth first, one extraction per level; then ordered depth first.
	while [ ${#todo[@]} -gt 0 ]; do
		local -a paths=()
		for name in "${todo[@]}"; do
			[ -n "${where[$name]:-}" ] || die "linux-image-$kver has no module $name"
			paths+=("${where[$name]}")
		done
		dpkg-deb --fsys-tarfile "$deb" | tar -C "$tmp" -xf - "${paths[@]}"
		local -a next=()
		for name in "${todo[@]}"; do
			deps[$name]=$(modinfo -F depends "$tmp/${where[$name]}" | tr ',' ' ')
			for d in ${deps[$name]}; do
				[ -n "${deps[$d]+x}" ] || next+=("$d")
			done
		done
		todo=($(printf '%s\n' "${next[@]}" | sort -u))
	done
	visit() {
		local n=$1 d
		[[ " ${order[*]} " == *" $n "* ]] && return
		for d in ${deps[$n]}; do visit "$d"; done
		order+=("$n")
	}
	for name in $wanted; do visit "$name"; done
	for name in "${order[@]}"; do echo "$tmp/${where[$name]}"; done
}

if [ ! -f "$img" ] || ! modules_cached; then
	mkdir -p "$dir"
	tmp=$(mktemp -d "$dir/dl.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	log "downloading linux-image-$kver-unsigned"
	(cd "$tmp" && apt-get download -q "linux-image-$kver-unsigned" 2>&1 | grep -v "unsandboxed" >&2 || true)
	deb=$(ls "$tmp"/linux-image-*.deb 2>/dev/null | head -n1)
	[ -n "$deb" ] || die "cannot download linux-image-$kver-unsigned (apt-get update?)"
	dpkg-deb --fsys-tarfile "$deb" |
		tar -C "$tmp" -xf - "./boot/vmlinuz-$kver" "./boot/config-$kver"
	rm -rf "$mods"
	mkdir -p "$mods"
	module_closure "$deb" "$tmp" >"$tmp/closure"
	while read -r m; do
		cp "$m" "$mods/"
		basename "$m" >>"$mods/load-order"
	done <"$tmp/closure"
	mv "$tmp/boot/config-$kver" "$dir/"
	mv "$tmp/boot/vmlinuz-$kver" "$img"
fi
echo "$img"
