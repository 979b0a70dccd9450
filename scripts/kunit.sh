#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Run the KUnit suites in UML kernels with KASAN, lockdep, kmemleak,
# DMA-API debug and fault injection: Debian's 6.1 source (with our XSAVE
# patch) and the newest 7.x. Each loads vpshim.ko and vpshim_kunit.ko,
# counts every test case, and fails on any checker's report. A planted leak
# proves the kmemleak check can fail. A host that cannot run UML at all is
# told so in one line.
#
# Usage: scripts/kunit.sh [test|bench] [SERIES...]   (default: 6.1 7.x)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

mode=${1:-test}
shift || true
series_list=("$@")
[ ${#series_list[@]} -gt 0 ] || series_list=(6.1 7.x)
[ "$mode" = bench ] && [ $# -eq 0 ] && series_list=(6.1)

# What UML needs from the host, asked the way UML asks (ptrace of a child,
# the host's XSAVE area). One line, and the reason, when it cannot be had.
hosttool="$VPSHIM_OUT/xstate-size"
gcc -O2 -Wall -o "$hosttool" "$VPSHIM_ROOT/scripts/host/xstate-size.c" ||
	die "cannot build scripts/host/xstate-size.c"
host=$("$hosttool" || true)
log "host: $host"
case "$host" in
xstate\ *) xstate=${host#xstate } ;;
*)
	fail "uml: this host cannot run UML at all ($host); no KUnit case ran"
	exit 0
	;;
esac

# The largest XSAVE area each series can hold (see the 6.1 patch); 7.x
# sizes it from the host.
uml_fp_limit() { [ "$1" = 6.1 ] && echo 12288 || echo 1048576; }

# Boot a UML kernel with modules. $1: kernel, $2: log, $3: memory, rest: .ko
boot_uml() {
	local kernel=$1 logf=$2 mem=$3 rc=0
	shift 3
	mkdir -p "$VPSHIM_OUT/uml-dir"
	timeout 900 "$kernel" mem="$mem" uml_dir="$VPSHIM_OUT/uml-dir" \
		root=/dev/root rootfstype=hostfs rootflags=/ ro \
		init="$VPSHIM_ROOT/scripts/guest/uml-init.sh" console=tty \
		kunit.filter_glob='vpshim*' -- "$@" </dev/null >"$logf" 2>&1 || rc=$?
	tr -d '\r' <"$logf" >"$logf.tmp" && mv "$logf.tmp" "$logf"
	return 0
}

# Why a UML kernel did not reach the end of its init script, in one line.
diagnose() {
	local logf=$1
	if grep -q 'ptrace set fp regs failed' "$logf"; then
		echo "the host's XSAVE area ($xstate bytes) does not fit this UML's FPU buffer"
	elif grep -q 'host XSAVE area is' "$logf"; then
		grep -o 'host XSAVE area is [^:]*' "$logf" | head -n1
	elif grep -qi 'check_ptrace\|ptrace.*failed' "$logf"; then
		echo "ptrace does not behave as UML needs: $(grep -im1 'ptrace' "$logf")"
	else
		echo "it stopped at: $(grep -v '^\s*$' "$logf" | tail -n 1)"
	fi
}

# Count every KTAP case of the vpshim suites. $1: log, $2: check prefix.
count_cases() {
	python3 - "$1" "$VPSHIM_RESULTS" "$2" <<'PY'
import re, sys
logf, results, prefix = sys.argv[1], sys.argv[2], sys.argv[3]
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
        print(f"{word} {prefix} {name}")
        if not skip:
            out.write(("pass" if word == "PASS" else "fail") + "\n")
    if not counted:
        print(f"FAIL {prefix}: no test case output found")
        out.write("fail\n")
    print(f"   {prefix}: {len(counted)} cases in "
          f"{len({n.split('.')[0] for _, n in counted})} suites")
PY
}

run_series() {
	local series=$1 uml build logf label kver
	bash "$VPSHIM_ROOT/scripts/uml-kernel.sh" "$series" "$mode"
	uml=$(uml_build_dir "$series" "$mode")
	kver=$(cat "$uml/include/config/kernel.release")
	label="uml-${kver%%-*}"
	build=$(build_modules "uml-$series-$mode" "$uml" ARCH=um VPSHIM_KUNIT=1 W=1)
	logf="$VPSHIM_OUT/uml-$series-$mode.log"

	if [ "$mode" = bench ]; then
		boot_uml "$uml/linux" "$logf" 1536M "$build/vpshim.ko" "$build/vpshim_bench.ko"
		echo "== UML $kver (no debug checkers)"
		grep -o 'vpshim-bench: .*' "$logf" || true
		return 0
	fi

	if [ "$xstate" -gt "$(uml_fp_limit "$series")" ]; then
		fail "$label: cannot run on this host: its XSAVE area is $xstate bytes, UML $series holds $(uml_fp_limit "$series")"
		return 0
	fi
	log "booting UML $kver with the KUnit suites"
	boot_uml "$uml/linux" "$logf" 512M "$build/vpshim.ko" "$build/vpshim_kunit.ko"
	if ! grep -q '^VPSHIM: done' "$logf"; then
		fail "$label: the kernel did not run to the end: $(diagnose "$logf") (log: $logf)"
		return 0
	fi
	pass "$label: kernel ran to the end"
	check "$label: vpshim.ko loaded" grep -q 'VPSHIM: insmod vpshim.ko ok' "$logf"
	check "$label: vpshim_kunit.ko loaded" grep -q 'VPSHIM: insmod vpshim_kunit.ko ok' "$logf"
	check "$label: modules unloaded" bash -c "grep -c 'VPSHIM: rmmod .* ok' '$logf' | grep -qx 2"
	count_cases "$logf" "kunit-${kver%%-*}"
	check "$label: kmemleak found nothing" \
		python3 "$VPSHIM_ROOT/scripts/logcheck.py" --kmemleak "$logf"
	check "$label: no KASAN, lockdep, DMA-API or other kernel report" \
		python3 "$VPSHIM_ROOT/scripts/logcheck.py" "$logf"

	# The leak check must be able to fail: a module that leaks on purpose.
	local plant="$VPSHIM_OUT/uml-$series-leak.log"
	boot_uml "$uml/linux" "$plant" 256M "$build/vpshim_leak_plant.ko"
	check "$label: the kmemleak check fails on a planted leak" bash -c "
		! python3 '$VPSHIM_ROOT/scripts/logcheck.py' --kmemleak '$plant' >/dev/null &&
		sed -n '/VPSHIM-KMEMLEAK-BEGIN/,/VPSHIM-KMEMLEAK-END/p' '$plant' |
		grep -q 'vpshim-planted-l'"
}

for s in "${series_list[@]}"; do
	run_series "$s"
done
