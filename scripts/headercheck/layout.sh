#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The layout oracle: every struct/union typedef of include/*.h, as gcc lays
# it out for the kernel (read back from DWARF), against Windows x64 as
# x86_64-w64-mingw32-gcc lays out mingw-w64's DDK headers. layout.py says
# how; this script builds the objects it reads: one of the headers a
# miniport includes, then one per other header of include/ (each after
# those), so that one broken header is reported and hides nothing else.
#
# Usage: scripts/headercheck/layout.sh [-v] [INCLUDE_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
verbose=()
[ "${1:-}" = -v ] && { verbose=(-v); shift; }
inc=$(cd "${1:-$here/../../include}" && pwd)
miniport_headers="dderror.h devioctl.h miniport.h ntddvdeo.h video.h videoagp.h"

for tool in gcc readelf python3 x86_64-w64-mingw32-gcc x86_64-w64-mingw32-objdump; do
	if ! command -v "$tool" >/dev/null; then
		echo "SKIP layout: $tool is not installed (packages gcc-mingw-w64-x86-64, mingw-w64-x86-64-dev)"
		exit 77
	fi
done
if [ ! -f /usr/share/mingw-w64/include/ddk/video.h ]; then
	echo "SKIP layout: mingw-w64's DDK headers are missing (package mingw-w64-x86-64-dev)"
	exit 77
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
flags=(-std=gnu11 -fshort-wchar -ffreestanding -nostdinc -I "$inc")

# $1: object name, rest: headers. The headers' own C_ASSERTs are left out: a
# layout they reject must still be compared here, member by member
# (completeness.py reports the assertions).
build() {
	local name=$1 h
	shift
	for h in "$@"; do
		echo "#include \"$h\""
	done >"$tmp/$name.c"
	gcc "${flags[@]}" -E "$tmp/$name.c" -o "$tmp/$name.i" 2>"$tmp/$name.log" &&
		python3 "$here/layout.py" --strip-asserts <"$tmp/$name.i" >"$tmp/$name.bare.i" &&
		gcc "${flags[@]}" -g -fno-eliminate-unused-debug-types -x cpp-output \
			-c "$tmp/$name.bare.i" -o "$tmp/$name.o" 2>>"$tmp/$name.log"
}

base=()
for h in $miniport_headers; do
	[ -f "$inc/$h" ] && base+=("$h")
done
if ! build base "${base[@]}"; then
	sed 's/^/  /' "$tmp/base.log" | head -n 20
	echo "FAIL layout: the miniport headers (${base[*]}) do not compile together"
	exit 1
fi
objs=("$tmp/base.o")
rc=0
for f in "$inc"/*.h; do
	h=${f##*/}
	case " $miniport_headers " in *" $h "*) continue ;; esac
	# pshpack*.h/poppack.h only change the packing of what follows them.
	case $h in pshpack*.h|poppack.h) continue ;; esac
	if build "${h%.h}" "${base[@]}" "$h"; then
		objs+=("$tmp/${h%.h}.o")
	else
		sed 's/^/  /' "$tmp/${h%.h}.log" | head -n 10
		echo "FAIL layout: include/$h does not compile after the miniport headers"
		rc=1
	fi
done
python3 "$here/layout.py" "${verbose[@]}" "${objs[@]}" || rc=$?
exit "$rc"
