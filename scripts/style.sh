#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The style gates: checkpatch and kernel-doc from the kernel tree the tests
# extract, and sparse through the kernel build (make C=2) against Debian's
# headers. Each gate is one check; each prints what it found.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

ensure_linux_tree
tree=$(linux_tree)
cd "$VPSHIM_ROOT"

linux_side=$(git ls-files --cached --others --exclude-standard 'vpshim/*.[ch]' 'kunit/*.c' 'bench/*.c' 'samples/*_glue.c')
# The Windows-facing headers and the Windows-style sample sources keep
# Windows' names and typedefs on purpose: checkpatch is told so, and nothing
# else is relaxed for them.
# The compatibility corpus (samples/compat/) is written the way DDK sources
# of its era are, on purpose: its gate is W=1 with -Werror (its Kbuild.part)
# and the checks it runs, not kernel style. Its Linux glue is checked.
windows_side=$(git ls-files --cached --others --exclude-standard 'include/*.h' 'samples/*.c' |
	       grep -v '_glue\.c$' | grep -v '^samples/compat/')
windows_ignores=NEW_TYPEDEFS,CAMELCASE,SPDX_LICENSE_TAG,PREFER_DEFINED_ATTRIBUTE_MACRO,SPLIT_STRING,BIT_MACRO

cp_out="$VPSHIM_OUT/checkpatch.txt"
{
	perl "$tree/scripts/checkpatch.pl" --no-tree --terse --show-types --strict \
		--ignore CAMELCASE,FILE_PATH_CHANGES -f $linux_side || true
	perl "$tree/scripts/checkpatch.pl" --no-tree --terse --show-types \
		--ignore "$windows_ignores" -f $windows_side || true
} 2>&1 | grep -E ': (ERROR|WARNING|CHECK):' >"$cp_out" || true
cat "$cp_out"
check "style: checkpatch reports nothing" test ! -s "$cp_out"

kd_out="$VPSHIM_OUT/kernel-doc.txt"
perl "$tree/scripts/kernel-doc" -v -none $(git ls-files --cached --others --exclude-standard 'include/*.h' 'vpshim/*.[ch]') 2>&1 |
	grep -v ': info: ' >"$kd_out" || true
cat "$kd_out"
check "style: kernel-doc reports nothing" test ! -s "$kd_out"

# W=1 and sparse on a clean build of every module, against Debian's headers.
sp_log="$VPSHIM_OUT/sparse.log"
dir="$VPSHIM_OUT/build-sparse"
rm -rf "$dir"
build_modules sparse "$(debian_kdir)" W=1 C=2 >/dev/null
cp "$VPSHIM_OUT/build-sparse.log" "$sp_log"
# The corpus's Windows-side sources are left out (see above): sparse flags
# their era's idioms (flat initialisers, 0 for NULL); W=1 still fails them.
grep -E 'warning|error' "$sp_log" | awk '!(/\/samples\/compat\// && !/_glue\.c:/)' >"$sp_log.found" || true
cat "$sp_log.found"
check "style: W=1 and sparse report nothing" test ! -s "$sp_log.found"

# The inline VideoPort accessors must compile to what Linux's compile to.
python3 - "$dir/bench/codegen_windows.o" "$dir/bench/codegen_linux.o" "$VPSHIM_RESULTS" <<'PY'
import re, subprocess, sys
win, lin, results = sys.argv[1:4]

def bodies(obj, prefix):
    out = subprocess.run(["objdump", "-d", "--no-show-raw-insn", obj], check=True,
                         capture_output=True, text=True).stdout
    funcs, name = {}, None
    for line in out.splitlines():
        m = re.match(r"^[0-9a-f]+ <" + prefix + r"(\w+)>:$", line)
        if m:
            name = m.group(1)
            funcs[name] = []
        elif name and line.strip():
            insn = line.split(":", 1)[1].split("#")[0].strip() if ":" in line else ""
            insn = re.sub(r"\s+", " ", insn)
            # Call and jump targets are relocations (ftrace, return thunk).
            insn = re.sub(r"^(call|jmp) [0-9a-f]+ ?(<[^>]*>)?", r"\1", insn)
            if insn and not insn.startswith(("int3", "nop", "cs nop", "xchg %ax,%ax")):
                funcs[name].append(insn)
        elif not line.strip():
            name = None
    return funcs

w, l = bodies(win, "vpshim_cg_win_"), bodies(lin, "vpshim_cg_linux_")
with open(results, "a") as res:
    for op in sorted(l):
        same = op in w and w[op] == l[op]
        print(("PASS" if same else "FAIL") + f" io: VideoPort {op} compiles to Linux's: "
              + " ; ".join(l[op]))
        if not same:
            print("     VideoPort: " + " ; ".join(w.get(op, ["missing"])))
        res.write(("pass" if same else "fail") + "\n")
    if len(l) != 12:
        print(f"FAIL io: expected 12 accessors, found {len(l)}")
        res.write("fail\n")
PY
