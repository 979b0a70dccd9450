#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Run the KUnit suites in the UML kernel (built from Debian's linux-source
# with KASAN, lockdep, kmemleak, DMA-API debug and fault injection), loading
# vpshim.ko and vpshim_kunit.ko into it. Counts every test case, and fails
# the run on any checker's report.
#
# Usage: scripts/kunit.sh [bench]
set -euo pipefail
. "$(dirname "$0")/lib.sh"

mode=${1:-test}
bash "$VPSHIM_ROOT/scripts/uml-kernel.sh" "$mode"
uml=$(uml_build_dir "$mode")
build=$(build_modules "uml-$mode" "$uml" ARCH=um VPSHIM_KUNIT=1 W=1)

if [ "$mode" = bench ]; then
	mods=("$build/vpshim.ko" "$build/vpshim_bench.ko")
	mem=1536M
else
	mods=("$build/vpshim.ko" "$build/vpshim_kunit.ko")
	mem=512M
fi
logf="$VPSHIM_OUT/uml-$mode.log"
log "booting UML ($mode)"
rc=0
mkdir -p "$VPSHIM_OUT/uml-dir"
timeout 900 "$uml/linux" mem=$mem uml_dir="$VPSHIM_OUT/uml-dir" root=/dev/root rootfstype=hostfs rootflags=/ ro \
	init="$VPSHIM_ROOT/scripts/guest/uml-init.sh" console=tty kunit.filter_glob= \
	-- "${mods[@]}" </dev/null >"$logf" 2>&1 || rc=$?
tr -d '\r' <"$logf" >"$logf.tmp" && mv "$logf.tmp" "$logf"

if [ "$mode" = bench ]; then
	echo "== UML (Debian's 6.1 source, no debug checkers)"
	grep -o 'vpshim-bench: .*' "$logf" || true
	exit 0
fi

check "uml: kernel ran to the end" grep -q '^VPSHIM: done' "$logf"
check "uml: vpshim.ko loaded" grep -q 'VPSHIM: insmod vpshim.ko ok' "$logf"
check "uml: vpshim_kunit.ko loaded" grep -q 'VPSHIM: insmod vpshim_kunit.ko ok' "$logf"
check "uml: modules unloaded" bash -c "grep -c 'VPSHIM: rmmod .* ok' '$logf' | grep -qx 2"

# KTAP: count every case, and every parameter of a parametrised case.
python3 - "$logf" "$VPSHIM_RESULTS" <<'PY'
import re, sys
logf, results = sys.argv[1], sys.argv[2]
suite = subtest = None
counted = []
for line in open(logf, errors="replace").read().splitlines():
    m = re.match(r"^    # Subtest: (\w+)", line)
    if m:
        suite = m.group(1)
        continue
    m = re.match(r"^        # Subtest: (\w+)", line)
    if m:
        subtest = m.group(1)
        continue
    m = re.match(r"^( +)(not ok|ok) \d+ (?:- )?(.*)$", line)
    if not m or not suite or not suite.startswith("vpshim_"):
        continue
    depth, status, name = len(m.group(1)), m.group(2), m.group(3)
    if depth >= 8 and subtest:
        counted.append((status, f"{suite}.{subtest}: {name}"))
    elif depth == 4 and name == subtest:
        subtest = None          # summary line of a parametrised case
    elif depth == 4:
        counted.append((status, f"{suite}.{name}"))
with open(results, "a") as out:
    for status, name in counted:
        skip = "# SKIP" in name
        word = "SKIP" if skip else ("PASS" if status == "ok" else "FAIL")
        print(f"{word} kunit {name}")
        if not skip:
            out.write(("pass" if word == "PASS" else "fail") + "\n")
    if not counted:
        print("FAIL kunit: no test case output found")
        out.write("fail\n")
PY

check "uml: kmemleak found nothing" bash -c \
	"sed -n '/VPSHIM-KMEMLEAK-BEGIN/,/VPSHIM-KMEMLEAK-END/p' '$logf' | grep -vq 'unreferenced object' "
check "uml: no KASAN, lockdep, DMA-API or other kernel report" \
	python3 "$VPSHIM_ROOT/scripts/logcheck.py" "$logf"
