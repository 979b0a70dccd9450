#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The header checks (scripts/headercheck/): include/ against the Windows
# contract, in seconds and without a kernel.
#   inventory     reference-names.txt is what the reference documents
#                 (skipped where the reference is not present)
#   completeness  include/ declares every documented name, as documented
#   layout        include/'s structures have their Windows x64 layouts
#                 (mingw-w64 as the oracle)
#   exports       vpshim.ko exports every documented function (needs a
#                 built Module.symvers: $1, skipped without it)
#
# Usage: scripts/headercheck.sh [MODULE.SYMVERS]
set -euo pipefail
. "$(dirname "$0")/lib.sh"
hc="$VPSHIM_ROOT/scripts/headercheck"

# Run one tool: its own PASS/FAIL/SKIP lines become this suite's results,
# everything else it prints is shown as is. A tool that stops without a
# verdict is a failure.
run() {
	local name=$1 line verdict=0 rc=0 out
	shift
	out=$("$@" 2>&1) || rc=$?
	while IFS= read -r line; do
		case $line in
		"PASS "*) pass "${line#PASS }"; verdict=1 ;;
		"FAIL "*) fail "${line#FAIL }"; verdict=1 ;;
		"SKIP "*) echo "$line"; verdict=1 ;;
		*) printf '%s\n' "$line" ;;
		esac
	done <<<"$out"
	if [ "$verdict" = 0 ] || { [ "$rc" != 0 ] && [ "$rc" != 1 ] && [ "$rc" != 77 ]; }; then
		fail "headers: $name stopped (exit $rc) without a verdict"
	fi
}

run inventory python3 "$hc/inventory.py" --check
run completeness python3 "$hc/completeness.py"
run layout bash "$hc/layout.sh"
if [ -n "${1:-}" ] && [ -f "$1" ]; then
	run exports bash "$hc/exports.sh" "$1"
else
	echo "SKIP exports: no Module.symvers given (usage: scripts/headercheck.sh MODULE.SYMVERS)"
fi
