#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Exports: every VideoPort* function the reference documents (the "function"
# lines of reference-names.txt, from the nf- pages) must be a symbol that
# vpshim.ko exports, because a miniport module links against it by name.
# Prints each missing one by name, then the exported symbols the reference
# does not document (information only).
#
# Usage: scripts/headercheck/exports.sh MODULE.SYMVERS [MODULE]
#   MODULE: the module whose exports count (default vpshim), matched against
#   the last path component of Module.symvers' module column.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
symvers=${1:?usage: exports.sh MODULE.SYMVERS [MODULE]}
module=${2:-vpshim}
names="$here/reference-names.txt"

# Documented functions that need not be exported, each with the reason the
# reference gives. None: every nf- page under ddi/video and ddi/videoagp
# says api_type DllExport, req.dll Videoprt.sys (VideoPortZeroMemory,
# VideoPortMoveMemory and the Interlocked functions included; the
# Interlocked pages only add that the compiler may inline them). An inline
# in include/video.h (the x86 port and register accessors) does not excuse
# the export: VideoPortGetProcAddress and other architectures need it.
not_exported=()

[ -r "$symvers" ] || { echo "FAIL exports: cannot read $symvers"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

awk '$1 == "function" { print $2 }' "$names" | sort -u >"$tmp/documented"
for n in "${not_exported[@]}"; do
	echo "$n"
done | sort -u >"$tmp/excused"
comm -23 "$tmp/documented" "$tmp/excused" >"$tmp/required"
awk -F'\t' -v m="$module" '{ n = split($3, p, "/"); if (p[n] == m) print $2 }' "$symvers" |
	sort -u >"$tmp/exported"
comm -23 "$tmp/required" "$tmp/exported" >"$tmp/missing"
comm -13 "$tmp/documented" "$tmp/exported" >"$tmp/extra"

required=$(wc -l <"$tmp/required")
exported=$(wc -l <"$tmp/exported")
missing=$(wc -l <"$tmp/missing")
if [ "$exported" -eq 0 ]; then
	echo "FAIL exports: $symvers lists no symbol of module $module"
	exit 1
fi
for n in "${not_exported[@]}"; do
	echo "  not required: $n"
done
if [ -s "$tmp/extra" ]; then
	echo "  also exported, not documented functions: $(paste -sd' ' "$tmp/extra")"
fi
if [ "$missing" -gt 0 ]; then
	echo "  missing exports ($missing): $(paste -sd' ' "$tmp/missing")"
	echo "FAIL exports: $missing of $required documented functions not exported by $module:" \
		"$(head -n 12 "$tmp/missing" | paste -sd' ')$([ "$missing" -gt 12 ] && echo ' ...')"
	exit 1
fi
echo "PASS exports: $module exports all $required documented functions"
