#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# vpshim's real-mode x86 interpreter (vpshim/x86emu), tested in user space
# (tests/x86emu): its unit tests (hand-assembled snippets, their bytes
# checked against GNU as), random bytes under ASan and UBSan, a
# differential test against Debian's libx86emu
# on random instruction streams, and a benchmark against libx86emu on
# SeaBIOS's VGA BIOS (init, VBE 4F00/4F01/4F02) that also checks both end in
# the same state. Then the core is built as kernel code (Kbuild, W=1).
#
# Usage: scripts/x86emu-test.sh [--seconds N]   (the differential test's
# time, 20 s by default)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

seconds=20
while [ $# -gt 0 ]; do
	case $1 in
	--seconds) seconds=$2; shift 2 ;;
	*) die "usage: $0 [--seconds N]" ;;
	esac
done

# What the harness needs: libx86emu (the oracle), SeaBIOS's VGA BIOS (the
# benchmark's code), binutils (as, objcopy: the bytes check).
missing=()
for pkg in libx86emu-dev seabios binutils make gcc python3; do
	dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed' || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
	log "installing ${missing[*]}"
	apt-get update -qq >/dev/null 2>&1 || true
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null ||
		die "cannot install ${missing[*]}"
fi

src="$VPSHIM_ROOT/tests/x86emu"
out="$VPSHIM_OUT/x86emu"
rm -rf "$out"
mkdir -p "$out"

if make -C "$src" O="$out" all >"$out/build.log" 2>&1; then
	pass "x86emu: user-space build of the core and harness (-Wall -Wextra -Werror, frames <= 512 bytes)"
else
	tail -n 30 "$out/build.log"
	fail "x86emu: user-space build of the core and harness (-Wall -Wextra -Werror, frames <= 512 bytes)"
	exit 0
fi

# Unit tests: one PASS/FAIL line per check, each counted.
"$out/x86emu-test" >"$out/unit.log" 2>&1 || true
while IFS= read -r line; do
	case $line in
	"PASS "*) pass "${line#PASS }" ;;
	"FAIL "*) fail "${line#FAIL }" ;;
	esac
done <"$out/unit.log"
tail -n 1 "$out/unit.log"
check "x86emu: the unit tests ran to their summary" grep -q '^x86emu: [0-9]* passed, 0 failed$' "$out/unit.log"

# The hand-assembled bytes are what GNU as makes of the mnemonics.
"$out/x86emu-test" --list-asm >"$out/asm.list"
python3 "$src/asmcheck.py" <"$out/asm.list" >"$out/asmcheck.log" 2>&1 || true
tail -n 3 "$out/asmcheck.log"
check "x86emu: the unit tests' bytes match GNU as" grep -q ', 0 mismatches$' "$out/asmcheck.log"

# Random bytes through the core under AddressSanitizer and UBSan.
if "$out/x86emu-fuzz" 100000 >"$out/fuzz.log" 2>&1; then
	cat "$out/fuzz.log"
	pass "x86emu: fuzz: 100000 random byte streams end cleanly (ASan, UBSan)"
else
	tail -n 20 "$out/fuzz.log"
	fail "x86emu: fuzz: 100000 random byte streams end cleanly (ASan, UBSan)"
fi

# Differential test against libx86emu.
"$out/x86emu-diff" --seconds "$seconds" >"$out/diff.log" 2>&1 || true
grep -v '^     ' "$out/diff.log" | head -n 40
check "x86emu: differential test against libx86emu: 0 divergences" \
	grep -Eq '^x86emu-diff: [0-9]+ streams, [1-9][0-9]* instructions compared, 0 divergences$' "$out/diff.log"

# Benchmark and real-code differential check on SeaBIOS's VGA BIOS.
"$out/x86emu-bench" --seconds 4 >"$out/bench.log" 2>&1 || true
cat "$out/bench.log"
same_counts() {
	grep -o 'ours *[0-9]* instructions, libx86emu *[0-9]*' "$out/bench.log" |
		awk '{ n++; if ($2 != $5 + 0) bad = 1 } END { exit bad || n < 7 }'
}
check "x86emu: bench: every call takes as many instructions as in libx86emu" same_counts
check "x86emu: bench: 4F02 BX=4118 returns 004F in both" \
	grep -Eq 'AX=4F02 BX=4118 .*AX 004f / 004f' "$out/bench.log"
check "x86emu: bench: the same sequence of port writes (DISPI included)" \
	grep -q 'port writes: .*: the same sequence$' "$out/bench.log"
check "x86emu: bench: both end with the same 1 MiB of memory" \
	grep -q 'final memory (1 MiB): identical$' "$out/bench.log"
check "x86emu: bench: the mode set programs 1024x768x24 with the LFB" \
	grep -q 'DISPI after 4F02: xres 1024 yres 768 bpp 24 enable 0x41' "$out/bench.log"
ratio=$(sed -n 's/^x86emu-bench: ours .* ratio \([0-9.]*\)$/\1/p' "$out/bench.log")
check "x86emu: bench: ours at least as fast as libx86emu (ratio ${ratio:-?})" \
	awk -v r="${ratio:-0}" 'BEGIN { exit !(r >= 1.0) }'

# The core as kernel code: Kbuild with W=1 against Debian's headers.
kdir=$(debian_kdir 2>/dev/null || true)
if [ -n "$kdir" ] && [ -d "$kdir" ]; then
	kb="$out/kbuild"
	mkdir -p "$kb/x86emu"
	cp "$VPSHIM_ROOT"/vpshim/x86emu/*.[ch] "$kb/x86emu/"
	cat >"$kb/Kbuild" <<'EOF'
obj-m += x86emu_kbuild.o
x86emu_kbuild-y := kbuild_main.o x86emu/x86emu.o x86emu/x86emu_ops.o
ccflags-y := -I$(src)/x86emu -Werror -Wframe-larger-than=512
EOF
	cat >"$kb/kbuild_main.c" <<'EOF'
// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>
#include <linux/slab.h>
#include "x86emu.h"

static int __init x86emu_kbuild_init(void)
{
	struct vpx86 *cpu = kzalloc(sizeof(*cpu), GFP_KERNEL);

	if (!cpu)
		return -ENOMEM;
	vpx86_init(cpu, NULL, NULL);
	vpx86_run(cpu, 1);
	kfree(cpu);
	return 0;
}
module_init(x86emu_kbuild_init);
MODULE_LICENSE("GPL");
EOF
	if flock "$VPSHIM_CACHE/.build.lock" make -C "$kdir" M="$kb" W=1 modules >"$out/kbuild.log" 2>&1 &&
	   ! grep -Eq 'warning|error' "$out/kbuild.log"; then
		pass "x86emu: the core builds as kernel code (Kbuild, W=1, -Werror, frames <= 512 bytes)"
	else
		grep -E 'warning|error' "$out/kbuild.log" | head -n 20
		fail "x86emu: the core builds as kernel code (Kbuild, W=1, -Werror, frames <= 512 bytes)"
	fi
else
	log "no kernel headers at '$kdir': the Kbuild check is left to scripts/matrix.sh"
fi
