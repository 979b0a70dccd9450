#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# tools/vpshim-inf on the INF files of tools/tests/inf. Each case is a
# directory <case>.expected there: "args" (the tool's arguments, --out aside),
# the stdout, stderr and exit status ("status", when not 0) it must give, and
# the files it must write. Then:
#   - every .reg written goes through vpshim's own parser (vpshim/registry.c,
#     built for user space by tools/tests/reg-harness.c): no line may be
#     skipped, and the store must print back the file's values exactly;
#   - every glue file goes through checkpatch --strict (when the kernel tree
#     the style gate extracts is there);
#   - the glue of two cases is built, each with the bochs sample miniport,
#     against Debian's 6.1 headers with W=1 (next to vpshim, whose symbols it
#     needs), and their modaliases must be the case's "aliases".
#
#   bash scripts/inf-test.sh            run (VPSHIM_INF_NO_BUILD=1: no module build)
#   bash scripts/inf-test.sh --update   rewrite the expected files from the tool's output
set -euo pipefail
. "$(dirname "$0")/lib.sh"

tool="$VPSHIM_ROOT/tools/vpshim-inf"
cases="$VPSHIM_ROOT/tools/tests/inf"
update=0
[ "${1:-}" = --update ] && update=1
work=$(mktemp -d "${TMPDIR:-/tmp}/vpshim-inf.XXXXXX")
trap 'rm -rf "$work"' EXIT
special='^(args|stdout|stderr|status|aliases)$'

# vpshim's parser and formatter, unchanged, over user-space stand-ins.
awk '/^#define REG_SZ/ { p = 1 } /^static void vpshim_registry_load\(/ { p = 0 } p' \
	"$VPSHIM_ROOT/vpshim/registry.c" >"$work/registry-extract.c"
awk '/^static size_t vpshim_reg_quote\(/ { p = 1 } p && /^\/\*\*/ { p = 0 } p' \
	"$VPSHIM_ROOT/vpshim/registry.c" >>"$work/registry-extract.c"
harness="$work/reg-harness"
check "inf: vpshim's registry parser builds for user space" \
	gcc -O1 -Wall -Wno-sign-compare -I"$work" -o "$harness" \
	"$VPSHIM_ROOT/tools/tests/reg-harness.c"
printf '"Good"=dword:00000001\n"Bad"=dword:zz\n' >"$work/bad.reg"
check "inf: the parser harness reports a bad line" \
	bash -c "! '$harness' '$work/bad.reg' >/dev/null 2>&1"

# Run one case. $1: its name, $2: its expected directory, $3: where its INFs are.
# Leaves the run in $work/run/$1 (stdout, stderr, status, out/).
run_case() {
	local name=$1 exp=$2 src=$3 dir="$work/run/$1" status=0
	rm -rf "$dir"
	mkdir -p "$dir"
	cp "$src"/*.inf "$dir"/
	eval "set -- $(cat "$exp/args")"
	(cd "$dir" && "$tool" --out out "$@" >stdout 2>stderr) || status=$?
	echo "$status" >"$dir/status"
}

# The files of a directory other than the case's own.
outputs() {
	local f
	for f in "$1"/*; do
		[ -f "$f" ] && ! [[ $(basename "$f") =~ $special ]] && basename "$f"
	done
	return 0
}

# The run against the expectation; prints the differences.
same_as_expected() {
	local exp=$1 dir=$2 ok=0 want f
	diff -u "$exp/stdout" "$dir/stdout" || ok=1
	diff -u "$exp/stderr" "$dir/stderr" || ok=1
	want=$(cat "$exp/status" 2>/dev/null || echo 0)
	[ "$want" = "$(cat "$dir/status")" ] ||
		{ echo "exit status $(cat "$dir/status"), expected $want"; ok=1; }
	diff <(outputs "$exp") <(outputs "$dir/out") ||
		{ echo "written files differ from the expected ones (<: expected, >: written)"; ok=1; }
	for f in $(outputs "$exp"); do
		[ -f "$dir/out/$f" ] && { diff -u "$exp/$f" "$dir/out/$f" || ok=1; }
	done
	return $ok
}

# vpshim's parser reads the file without a bad line and holds exactly its values.
reg_reads_back() {
	local reg=$1
	"$harness" "$reg" >"$reg.store" || { echo "vpshim's parser skipped lines of $reg"; return 1; }
	# The file's values, each on one line: continuations joined as the parser joins them.
	sed -e ':a' -e '/\\$/{N; s/\\\n *//; ba' -e '}' "$reg" | grep '^"' | diff -u - "$reg.store"
}

# checkpatch as the style gate runs it on the glue (scripts/style.sh), once for
# every glue file written; each file's findings are its check.
cp_script="$(linux_tree)/scripts/checkpatch.pl"
cp_out="$work/checkpatch.txt"
checkpatch_clean() {
	! grep -F "$1:" "$cp_out"
}

# The INF files the encoding variants read: strings.inf as Windows also writes INFs.
mkdir -p "$work/utf-16" "$work/cp1252"
python3 - "$cases/strings.inf" "$work" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read().replace("\n", "\r\n")
open(sys.argv[2] + "/utf-16/strings.inf", "wb").write(b"\xff\xfe" + text.encode("utf-16-le"))
open(sys.argv[2] + "/cp1252/strings.inf", "wb").write(text.encode("cp1252"))
PY

for exp in "$cases"/*.expected; do
	name=$(basename "$exp" .expected)
	run_case "$name" "$exp" "$cases"
	dir="$work/run/$name"
	if [ $update = 1 ]; then
		for f in "$exp"/*; do
			[[ $(basename "$f") =~ $special ]] || rm -f "$f"
		done
		cp "$dir/stdout" "$dir/stderr" "$exp"/
		if [ "$(cat "$dir/status")" = 0 ]; then rm -f "$exp/status"; else cp "$dir/status" "$exp"/; fi
		[ -d "$dir/out" ] && cp "$dir/out"/* "$exp"/
		echo "updated $exp"
		continue
	fi
	check "inf: $name" same_as_expected "$exp" "$dir"
	for reg in "$dir"/out/*.reg; do
		[ -f "$reg" ] || continue
		check "inf: $name: vpshim's parser reads $(basename "$reg") back" reg_reads_back "$reg"
	done
done
[ $update = 1 ] && exit 0

globs=("$work"/run/*/out/*_glue.c)
if [ -f "$cp_script" ]; then
	perl "$cp_script" --no-tree --terse --show-types --strict \
		--ignore CAMELCASE,FILE_PATH_CHANGES -f "${globs[@]}" 2>&1 |
		grep -E ': (ERROR|WARNING|CHECK):' >"$cp_out" || true
	for glue in "${globs[@]}"; do
		name=${glue#"$work"/run/}
		check "inf: ${name%%/*}: checkpatch --strict passes $(basename "$glue")" \
			checkpatch_clean "$glue"
	done
else
	echo "SKIP inf: checkpatch (no kernel tree yet; bash scripts/style.sh extracts it)"
fi

# The same INF in the encodings Windows reads must give the same output.
run_case strings-utf16 "$cases/strings.expected" "$work/utf-16"
check "inf: strings (UTF-16 with a BOM, CRLF)" same_as_expected "$cases/strings.expected" "$work/run/strings-utf16"
run_case strings-de-cp1252 "$cases/strings-de.expected" "$work/cp1252"
check "inf: strings-de (Windows-1252, CRLF)" same_as_expected "$cases/strings-de.expected" "$work/run/strings-de-cp1252"

[ "${VPSHIM_INF_NO_BUILD:-0}" = 1 ] && exit 0

# Build two generated glue files, each with the bochs sample's miniport, as
# modules of a copy of the tree (vpshim's own build: it resolves their imports).
bdir="$VPSHIM_OUT/build-inftest"
blog="$VPSHIM_OUT/build-inftest.log"
built() {
	local mods="stdvga:stdvga multiarch:cfx" m case stem
	mkdir -p "$bdir"
	sync_sources "$bdir" Kbuild Makefile dkms.conf include vpshim samples kunit bench
	rm -rf "$bdir/inftest"
	for m in $mods; do
		case=${m%%:*} stem=${m##*:}
		mkdir -p "$bdir/inftest/$stem"
		cp -p "$VPSHIM_ROOT/samples/bochs/bochs_miniport.c" "$bdir/inftest/$stem/"
		cp "$work/run/$case/out/${stem}_glue.c" "$bdir/inftest/$stem/"
		cat >>"$bdir/Kbuild" <<-EOF
		obj-m += vp_$stem.o
		vp_$stem-y := inftest/$stem/bochs_miniport.o inftest/$stem/${stem}_glue.o
		\$(addprefix \$(obj)/,\$(vp_$stem-y)): \$(vpshim-probed)
		EOF
	done
	flock "$VPSHIM_CACHE/.build.lock" \
		make -C "$(debian_kdir)" M="$bdir" W=1 -j"$(nproc)" modules >"$blog" 2>&1 ||
		{ tail -n 30 "$blog"; return 1; }
	! grep -E 'warning|error' "$blog"
}
check "inf: the generated glue builds with the bochs miniport (W=1, Debian 6.1)" built
aliases_are() {
	[ -f "$1" ] || { echo "no module $1"; return 1; }
	diff -u <(sort "$2") <(modinfo -F alias "$1" | sort)
}
check "inf: stdvga: vp_stdvga.ko matches the INF's PCI IDs" \
	aliases_are "$bdir/vp_stdvga.ko" "$cases/stdvga.expected/aliases"
check "inf: multiarch: vp_cfx.ko matches the INF's PCI IDs" \
	aliases_are "$bdir/vp_cfx.ko" "$cases/multiarch.expected/aliases"
check "inf: vp_cfx.ko depends on vpshim, license GPL" \
	test "$(modinfo -F depends "$bdir/vp_cfx.ko"):$(modinfo -F license "$bdir/vp_cfx.ko")" = vpshim:GPL
