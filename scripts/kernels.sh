#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The kernels vpshim is built against beyond the host's Debian 12 headers:
# Debian 13's 6.12 (trixie) and the newest 7.x (trixie-backports) from
# Debian's source packages with Debian's own configs, for x86-64 and arm64,
# and Debian 12's 6.1 arm64 headers and kernel image (the arm64 QEMU runs).
#
# Packages come from a private apt configuration under the cache (its own
# sources list, lists, archives and an empty dpkg status): the system's apt
# configuration is never touched and nothing is installed system-wide. The
# 6.12 and 7.x trees are extracted once and prepared once per arch with
# `make olddefconfig modules_prepare` in a build directory of their own,
# next to Debian's Module.symvers, so modpost checks every symbol and
# namespace. Everything is reused when present; the versions resolved last
# time are kept for runs without network.
#
# Usage: scripts/kernels.sh prepare     fetch and prepare everything
#        scripts/kernels.sh list        one line per kernel: NAME ARCH KDIR
#        scripts/kernels.sh uml-tree S  print the extracted source tree of
#                                       series S (6.12, 7.x), fetching it
#        scripts/kernels.sh arm64-image print Debian 12's arm64 vmlinuz
#        scripts/kernels.sh arm64-busybox
#                                       print a static arm64 busybox
set -euo pipefail
. "$(dirname "$0")/lib.sh"

apt_dir="$VPSHIM_CACHE/apt"
debs="$VPSHIM_CACHE/debs"
resolved="$VPSHIM_CACHE/kernels.env"
mkdir -p "$apt_dir/lists/partial" "$apt_dir/archives/partial" "$debs"

apt_opts=(-o "Dir::Etc::sourcelist=$apt_dir/sources.list" -o "Dir::Etc::sourceparts=-"
	  -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir"
	  -o "Dir::State::status=$apt_dir/status" -o "APT::Get::List-Cleanup=0"
	  -o "APT::Architectures::=amd64" -o "APT::Architectures::=arm64"
	  -o "Debug::NoLocking=1" -q)

write_sources() {
	local key=/usr/share/keyrings/debian-archive-keyring.gpg mirror=${VPSHIM_DEBIAN_MIRROR:-http://deb.debian.org}
	: >"$apt_dir/status"
	cat >"$apt_dir/sources.list" <<EOF
deb [signed-by=$key] $mirror/debian trixie main
deb [signed-by=$key] $mirror/debian trixie-updates main
deb [signed-by=$key] $mirror/debian trixie-backports main
deb [signed-by=$key] $mirror/debian-security trixie-security main
deb [signed-by=$key] $mirror/debian bookworm main
deb [signed-by=$key] $mirror/debian bookworm-updates main
deb [signed-by=$key] $mirror/debian-security bookworm-security main
EOF
}

# The ABI a suite's linux-headers metapackage points at, e.g. 7.3.4+deb13.
suite_abi() {
	apt-cache "${apt_opts[@]}" -t "$1" depends linux-headers-amd64 2>/dev/null |
		sed -n 's/.*Depends: linux-headers-\(.*\)-amd64$/\1/p' | head -n1
}

# The candidate version of a package (NAME or NAME:ARCH); $2: target suite.
pkg_version() {
	apt-cache "${apt_opts[@]}" ${2:+-t "$2"} policy "$1" 2>/dev/null |
		sed -n 's/^  Candidate: //p' | grep -v '(none)' | head -n1
}

# Resolve what to fetch: once per day, or whenever nothing is resolved yet.
# Without network the last resolution stands.
resolve() {
	if [ -f "$resolved" ] && [ -z "$(find "$resolved" -mmin +1440)" ]; then
		return 0
	fi
	write_sources
	if ! apt-get "${apt_opts[@]}" update >"$VPSHIM_OUT/apt-newer.log" 2>&1; then
		[ -f "$resolved" ] && { log "apt update failed; using the kernels resolved before"; return 0; }
		tail -n 5 "$VPSHIM_OUT/apt-newer.log" >&2
		die "cannot reach Debian's archive to fetch the newer kernels"
	fi
	local abi612 abi7 ver612 ver7 kver61
	abi612=$(suite_abi trixie)
	abi7=$(suite_abi trixie-backports)
	[ -n "$abi612" ] && [ -n "$abi7" ] || die "cannot resolve the trixie kernels"
	ver612=$(pkg_version "linux-headers-$abi612-amd64")
	ver7=$(pkg_version "linux-headers-$abi7-amd64")
	kver61=$(debian_kver)
	cat >"$resolved.tmp" <<EOF
ABI_612=$abi612
VER_612=$ver612
ABI_7=$abi7
VER_7=$ver7
KVER_61=$kver61
EOF
	mv "$resolved.tmp" "$resolved"
	log "newer kernels: 6.12 = $abi612 ($ver612), 7.x = $abi7 ($ver7)"
}

# Download a package (NAME or NAME=VERSION, with :arch) into debs/, once.
# Prints the .deb's path.
fetch_deb() {
	local spec=$1 name ver arch f
	name=${spec%%=*}
	arch=amd64
	case "$name" in *:*) arch=${name#*:}; name=${name%%:*} ;; esac
	ver=${spec#*=}
	[ "$ver" = "$spec" ] && ver=$(pkg_version "$name:$arch")
	f=$(find "$debs" -maxdepth 1 -name "${name}_${ver//:/%3a}_*.deb" | head -n1)
	if [ -z "$f" ]; then
		log "downloading $name $ver ($arch)"
		(cd "$debs" && apt-get "${apt_opts[@]}" download "$name:$arch=$ver" >>"$VPSHIM_OUT/apt-newer.log" 2>&1) ||
			die "download of $name $ver failed (see $VPSHIM_OUT/apt-newer.log)"
		f=$(find "$debs" -maxdepth 1 -name "${name}_${ver//:/%3a}_*.deb" | head -n1)
	fi
	[ -n "$f" ] || die "no .deb for $name $ver"
	echo "$f"
}

# The upstream version of a Debian linux version: 7.3.4-1~bpo13+1 -> 7.3.4.
upstream() { echo "${1%%-*}"; }
# The linux-source package series: 7.3.4 -> 7.3.
series() { local v; v=$(upstream "$1"); echo "${v%.*}"; }

# Extract linux-source-SERIES=VER into src/linux-UPSTREAM once. Prints it.
source_tree() {
	local ver=$1 s tree deb tmp
	s=$(series "$ver")
	tree="$VPSHIM_CACHE/src/linux-$(upstream "$ver")"
	if [ ! -f "$tree/.vpshim-extracted" ]; then
		deb=$(fetch_deb "linux-source-$s=$ver")
		log "extracting linux-source-$s $ver into $tree"
		tmp="$VPSHIM_CACHE/src/extract.$$"
		rm -rf "$tmp" "$tree"
		mkdir -p "$tmp"
		dpkg-deb --fsys-tarfile "$deb" | tar -C "$tmp" -xf - "./usr/src/linux-source-$s.tar.xz"
		tar -C "$tmp" -xf "$tmp/usr/src/linux-source-$s.tar.xz"
		mv "$tmp/linux-source-$s" "$tree"
		rm -rf "$tmp" "$deb"
		touch "$tree/.vpshim-extracted"
	fi
	echo "$tree"
}

cross_of() { [ "$1" = arm64 ] && echo aarch64-linux-gnu- || true; }
karch_of() { [ "$1" = arm64 ] && echo arm64 || echo x86_64; }

# A prepared build directory for ABI on ARCH from the source tree: Debian's
# config and Module.symvers from its linux-headers package, olddefconfig for
# this compiler, modules_prepare. Prints the directory (the KDIR).
prepare_tree() {
	local abi=$1 ver=$2 arch=$3 tree kb deb tmp cross
	kb="$VPSHIM_CACHE/kbuild/$abi-$arch"
	if [ -f "$kb/.vpshim-prepared" ]; then
		echo "$kb"
		return 0
	fi
	tree=$(source_tree "$ver")
	deb=$(fetch_deb "linux-headers-$abi-$arch:$arch=$ver")
	rm -rf "$kb"
	mkdir -p "$kb"
	tmp=$(mktemp -d "$VPSHIM_CACHE/kbuild/hdr.XXXXXX")
	dpkg-deb --fsys-tarfile "$deb" | tar -C "$tmp" -xf - \
		"./usr/src/linux-headers-$abi-$arch/.config" \
		"./usr/src/linux-headers-$abi-$arch/Module.symvers"
	cp "$tmp/usr/src/linux-headers-$abi-$arch/.config" "$kb/.config"
	cp "$tmp/usr/src/linux-headers-$abi-$arch/Module.symvers" "$kb/Module.symvers"
	rm -rf "$tmp"
	cross=$(cross_of "$arch")
	log "preparing $abi for $arch in $kb"
	# Debian's config names its signing certificates and BTF needs pahole
	# and vmlinux: none of it matters to an external module's build. The
	# local version makes the release (and vermagic) Debian's own.
	"$tree/scripts/config" --file "$kb/.config" --set-str SYSTEM_TRUSTED_KEYS "" \
		--set-str LOCALVERSION "${abi#"$(upstream "$ver")"}-$arch" \
		--set-str SYSTEM_REVOCATION_KEYS "" --disable DEBUG_INFO_BTF \
		--disable MODULE_SIG_ALL
	make -C "$tree" O="$kb" ARCH="$(karch_of "$arch")" CROSS_COMPILE="$cross" \
		-j"$(nproc)" olddefconfig modules_prepare >"$VPSHIM_OUT/prepare-$abi-$arch.log" 2>&1 ||
		{ tail -n 30 "$VPSHIM_OUT/prepare-$abi-$arch.log" >&2; die "modules_prepare of $abi ($arch) failed"; }
	touch "$kb/.vpshim-prepared"
	echo "$kb"
}

# Debian 12's arm64 headers for the same 6.1 ABI as the host's amd64 ones,
# in a private root. Their scripts/ links to linux-kbuild-6.1, whose host
# programs (fixdep, modpost) come from the installed amd64 package.
arm64_61_headers() {
	local kver=$1 root="$VPSHIM_CACHE/arm64-6.1" abi=${1%-amd64} deb v
	local dir="$root/usr/src/linux-headers-$abi-arm64"
	if [ ! -f "$root/.vpshim-extracted-$abi" ]; then
		rm -rf "$root"
		mkdir -p "$root/usr/lib"
		v=$(pkg_version "linux-headers-$abi-arm64:arm64")
		[ -n "$v" ] || die "no linux-headers-$abi-arm64 in Debian's archive"
		deb=$(fetch_deb "linux-headers-$abi-arm64:arm64=$v")
		dpkg-deb -x "$deb" "$root"
		deb=$(fetch_deb "linux-headers-$abi-common=$v")
		dpkg-deb -x "$deb" "$root"
		ln -sfn /usr/lib/linux-kbuild-6.1 "$root/usr/lib/linux-kbuild-6.1"
		touch "$root/.vpshim-extracted-$abi"
	fi
	echo "$dir"
}

cmd=${1:-list}
resolve
# shellcheck disable=SC1090
. "$resolved"
case "$cmd" in
prepare)
	arm64_61_headers "$KVER_61" >/dev/null
	for arch in amd64 arm64; do
		prepare_tree "$ABI_612" "$VER_612" "$arch" >/dev/null
		prepare_tree "$ABI_7" "$VER_7" "$arch" >/dev/null
	done
	;;
list)
	echo "6.1 amd64 $(debian_kdir)"
	kdir=$(arm64_61_headers "$KVER_61")
	echo "6.1 arm64 $kdir"
	for arch in amd64 arm64; do
		kdir=$(prepare_tree "$ABI_612" "$VER_612" "$arch")
		echo "$(upstream "$VER_612") $arch $kdir"
		kdir=$(prepare_tree "$ABI_7" "$VER_7" "$arch")
		echo "$(upstream "$VER_7") $arch $kdir"
	done
	;;
uml-tree)
	case "${2:-}" in
	6.12) source_tree "$VER_612" ;;
	7.x) source_tree "$VER_7" ;;
	*) die "uml-tree: unknown series ${2:-}" ;;
	esac
	;;
arm64-image)
	dir="$VPSHIM_CACHE/arm64-image"
	abi=${KVER_61%-amd64}
	img="$dir/vmlinuz-$abi-arm64"
	if [ ! -f "$img" ]; then
		mkdir -p "$dir"
		v=$(pkg_version "linux-image-$abi-arm64-unsigned:arm64")
		deb=$(fetch_deb "linux-image-$abi-arm64-unsigned:arm64=$v")
		dpkg-deb --fsys-tarfile "$deb" | tar -C "$dir" -xf - "./boot/vmlinuz-$abi-arm64"
		mv "$dir/boot/vmlinuz-$abi-arm64" "$img"
		rmdir "$dir/boot"
		rm -f "$deb"
	fi
	echo "$img"
	;;
arm64-busybox)
	bb="$VPSHIM_CACHE/arm64-busybox"
	if [ ! -x "$bb" ]; then
		v=$(pkg_version busybox-static:arm64 bookworm)
		deb=$(fetch_deb "busybox-static:arm64=$v")
		tmp=$(mktemp -d)
		dpkg-deb -x "$deb" "$tmp"
		cp "$tmp/bin/busybox" "$bb"
		rm -rf "$tmp"
	fi
	echo "$bb"
	;;
*) die "unknown command $cmd" ;;
esac
