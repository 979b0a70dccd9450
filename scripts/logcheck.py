#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Fail a kernel log that holds a report from any checker.

Usage: logcheck.py LOG
       logcheck.py --kmemleak LOG   only kmemleak's report between the
                                    VPSHIM-KMEMLEAK-BEGIN/END markers: fails
                                    on any unreferenced object, and when the
                                    markers are missing (nothing was judged)

Reports: BUG/WARNING/Oops/panic, KASAN, lockdep, DMA-API debug errors, IOMMU
(DMAR) faults, UBSAN, sleeping in atomic context, stuck (hung) tasks, soft
lockups and RCU stalls, x86 PAT memory-type complaints, list and refcount
corruption, kmemleak's unreferenced objects. Known lines that are not
reports are listed but do not fail the run: UML 6.1 trips lockdep's RCU
check in lib/maple_tree.c when it forks (arch/um fork_handler), before any
module is loaded; and x86 prints its PAT configuration at boot.
"""
import re
import sys

TROUBLE = re.compile(
    r"BUG:|WARNING:|Oops|Kernel panic|general protection|UBSAN:|KASAN:|"
    r"DMAR: \[DMA|DMAR: DRHD: handling fault|possible circular locking|"
    r"inconsistent lock state|possible recursive locking|"
    r"sleeping function called from invalid context|"
    r"DMA-API: .*(device driver|out of memory)|unreferenced object|"
    # stuck tasks, lockups, stalls
    r"blocked for more than|hung_task|soft lockup|hard LOCKUP|"
    r"rcu_sched self-detected stall|rcu: INFO|self-detected stall|"
    # x86 PAT: memory types that disagree, freed twice or never reserved
    r"x86/PAT:|memtype|conflicting memory types|"
    # corruption the kernel noticed
    r"refcount_t:|list_add corruption|list_del corruption|"
    r"Bad page state|Bad page map|bad pte")
# (what the line holds, a pattern on it or one of the next four lines, why)
KNOWN = [
    ("WARNING: suspicious RCU usage", re.compile(r"lib/maple_tree\.c:\d+ suspicious"),
     "UML 6.1 maple-tree RCU splat at fork (arch/um, not vpshim)"),
    ("x86/PAT: Configuration", re.compile(r"x86/PAT: Configuration \[0-7\]: "),
     "the PAT configuration x86 prints at boot"),
]


def kmemleak(path):
    text = open(path, errors="replace").read()
    begin, end = text.find("VPSHIM-KMEMLEAK-BEGIN"), text.find("VPSHIM-KMEMLEAK-END")
    if begin < 0 or end < begin:
        print("  no kmemleak report in the log (markers missing)")
        return 1
    report = text[begin:end]
    leaks = report.count("unreferenced object")
    if leaks:
        print(f"  kmemleak: {leaks} unreferenced objects")
        print("  " + "\n  ".join(report.splitlines()[1:40]))
    return 1 if leaks else 0


if sys.argv[1] == "--kmemleak":
    sys.exit(kmemleak(sys.argv[2]))

lines = open(sys.argv[1], errors="replace").read().splitlines()
bad = 0
for i, line in enumerate(lines):
    if not TROUBLE.search(line):
        continue
    known = None
    for head, detail, why in KNOWN:
        if head in line and any(detail.search(l) for l in lines[i:i + 5]):
            known = why
    if known:
        print(f"  ignored (known): {known}")
        continue
    bad += 1
    print("  " + "\n  ".join(lines[i:i + 12]))
sys.exit(1 if bad else 0)
