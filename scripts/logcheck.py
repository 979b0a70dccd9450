#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Fail a kernel log that holds a report from any checker.

Usage: logcheck.py LOG

Reports: BUG/WARNING/Oops/panic, KASAN, lockdep, DMA-API debug errors, IOMMU
(DMAR) faults, UBSAN, sleeping in atomic context. One report is known and
not ours: UML 6.1 trips lockdep's RCU check in lib/maple_tree.c when it
forks (arch/um fork_handler), before any module is loaded; it is listed but
does not fail the run.
"""
import re
import sys

TROUBLE = re.compile(
    r"BUG:|WARNING:|Oops|Kernel panic|general protection|UBSAN:|"
    r"DMAR: \[DMA|DMAR: DRHD: handling fault|possible circular locking|"
    r"inconsistent lock state|possible recursive locking|"
    r"sleeping function called from invalid context|"
    r"DMA-API: .*(device driver|out of memory)|unreferenced object")
KNOWN = [
    ("WARNING: suspicious RCU usage", re.compile(r"lib/maple_tree\.c:\d+ suspicious"),
     "UML 6.1 maple-tree RCU splat at fork (arch/um, not vpshim)"),
]

lines = open(sys.argv[1], errors="replace").read().splitlines()
bad = 0
for i, line in enumerate(lines):
    if not TROUBLE.search(line):
        continue
    known = None
    for head, detail, why in KNOWN:
        if head in line and any(detail.search(l) for l in lines[i + 1:i + 5]):
            known = why
    if known:
        print(f"  ignored (known): {known}")
        continue
    bad += 1
    print("  " + "\n  ".join(lines[i:i + 12]))
sys.exit(1 if bad else 0)
