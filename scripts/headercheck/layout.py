#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Prove that include/'s structures have their Windows x64 layouts.

Usage: layout.py [-v] OBJECT...
       layout.py --strip-asserts <PREPROCESSED >SOURCE

Each OBJECT is a file that includes some of include/*.h, compiled by gcc
for the kernel's target with -g -fno-eliminate-unused-debug-types
(layout.sh makes them). Their DWARF (readelf) gives each struct/union
typedef of our headers (a name defined differently in two objects is a
mismatch of its own) with
its size, alignment and every member's offset and size: named members,
members reached through anonymous structs/unions (by their own name, as C
does), members of unnamed nested aggregates through dotted paths (u.type0.X),
and the first element of an array of such aggregates (Table[0].X).
Bit-fields are skipped: offsetof does not apply; the size of what holds them
is still checked.

The same facts become _Static_assert lines of a C file that
x86_64-w64-mingw32-gcc compiles against mingw-w64's own DDK headers (ntdef.h,
ddk/miniport.h, ddk/video.h with ntddvdeo.h and videoagp.h, devioctl.h): the
oracle for Windows x64. Each failed line is a mismatch, reported by type and
member with both values. Types mingw-w64 does not declare are listed as
unchecked and do not fail. The mingw headers are only read by the compiler,
never copied.
"""
import os
import re
import subprocess
import sys
import tempfile

MINGW_CC = os.environ.get("MINGW_CC", "x86_64-w64-mingw32-gcc")
OBJDUMP = os.environ.get("MINGW_OBJDUMP", "x86_64-w64-mingw32-objdump")
# The headers a miniport sees; then wdm.h, for the bus structures that
# mingw-w64 keeps there (PCI_COMMON_CONFIG): the two sets cannot share a file.
ORACLES = [
    ("video.h", "#include <ntdef.h>\n#include <ddk/miniport.h>\n#include <ddk/video.h>\n"
                "#include <ddk/videoagp.h>\n#include <ddk/dderror.h>\n#include <devioctl.h>\n"),
    ("wdm.h", "#include <ddk/wdm.h>\n"),
]

# Where mingw-w64 follows a newer Windows header than the reference: the
# reference's own declaration (ddi/SYNTAX.md) is the contract. Printed, not
# failed. (type, member) -> why.
AS_DOCUMENTED = {
    ("PCI_COMMON_CONFIG", "u.type0.Reserved1"):
        "SYNTAX.md (ns-miniport-_pci_common_config) declares ULONG Reserved1[2] at "
        "40; mingw-w64's wdm.h, from a newer header, names those 8 bytes ULONG CIS, "
        "USHORT SubVendorID, USHORT SubSystemID",
    ("PCI_COMMON_CONFIG", "u.type0.Reserved2"):
        "SYNTAX.md declares ULONG Reserved2[2] at 52; mingw-w64 names those 8 bytes "
        "UCHAR CapabilitiesPtr, UCHAR Reserved1[3], ULONG Reserved2",
}

DIE = re.compile(r"^\s*<(\d+)><([0-9a-f]+)>: Abbrev Number: (\d+)(?: \((DW_TAG_\w+)\))?")
ATTR = re.compile(r"^\s*<[0-9a-f]+>\s+(DW_AT_\w+)\s*: (.*)$")


class Die:
    def __init__(self, tag, offset):
        self.tag = tag
        self.offset = offset
        self.attrs = {}
        self.children = []

    def name(self):
        v = self.attrs.get("DW_AT_name")
        if v is None:
            return None
        m = re.match(r"^\((?:indirect|indexed)[^)]*\): (.*)$", v)
        return (m.group(1) if m else v).strip()

    def ref(self):
        v = self.attrs.get("DW_AT_type")
        return int(re.match(r"<0x([0-9a-f]+)>", v).group(1), 16) if v else None

    def num(self, attr):
        v = self.attrs.get(attr)
        if v is None:
            return None
        m = re.match(r"^(-?(?:0x[0-9a-f]+|\d+))", v.strip())
        return int(m.group(1), 0) if m else None


def parse_dwarf(obj, tool="readelf"):
    """The DIEs of an object's .debug_info, by offset (readelf for ELF,
    objdump --dwarf=info for mingw-w64's PE objects: the same text)."""
    cmd = [tool, "--debug-dump=info" if tool == "readelf" else "--dwarf=info", obj]
    text = subprocess.run(cmd, check=True, stdout=subprocess.PIPE,
                          universal_newlines=True).stdout
    dies, stack, cur = {}, [], None
    for line in text.splitlines():
        m = DIE.match(line)
        if m:
            depth, offset = int(m.group(1)), int(m.group(2), 16)
            if m.group(3) == "0":      # end of a list of children
                cur = None
                continue
            cur = Die(m.group(4), offset)
            dies[offset] = cur
            del stack[depth:]
            if stack:
                stack[-1].children.append(cur)
            stack.append(cur)
            continue
        a = ATTR.match(line)
        if a and cur is not None:
            cur.attrs[a.group(1)] = a.group(2)
    return dies


class Layout:
    def __init__(self, dies):
        self.dies = dies

    def strip(self, die):
        """Through typedefs and qualifiers to the type itself."""
        while die.tag in ("DW_TAG_typedef", "DW_TAG_const_type", "DW_TAG_volatile_type"):
            die = self.dies[die.ref()]
        return die

    def size(self, die):
        die = self.strip(die)
        if die.tag == "DW_TAG_array_type":
            n = 1
            for sub in die.children:
                if sub.tag == "DW_TAG_subrange_type":
                    count = sub.num("DW_AT_count")
                    upper = sub.num("DW_AT_upper_bound")
                    n *= count if count is not None else (upper + 1 if upper is not None else 0)
            return n * self.size(self.dies[die.ref()])
        return die.num("DW_AT_byte_size")

    def align(self, die):
        die = self.strip(die)
        if die.tag == "DW_TAG_array_type":
            return self.align(self.dies[die.ref()])
        if die.tag in ("DW_TAG_structure_type", "DW_TAG_union_type"):
            return max([self.align(self.dies[m.ref()]) for m in die.children
                        if m.tag == "DW_TAG_member"] or [1])
        return die.num("DW_AT_byte_size") or 1

    def members(self, die, prefix="", base=0):
        """(path, offset, size) of every member offsetof can name; bit-fields
        are counted apart."""
        out, bits = [], 0
        for m in die.children:
            if m.tag != "DW_TAG_member":
                continue
            off = base + (m.num("DW_AT_data_member_location") or 0)
            t = self.dies[m.ref()]
            name = m.name()
            if m.num("DW_AT_bit_size") is not None:
                bits += 1
                continue
            inner = self.strip(t)
            anon_aggregate = (t.tag in ("DW_TAG_structure_type", "DW_TAG_union_type")
                              and t.name() is None)
            if name is None:
                if anon_aggregate:
                    o, b = self.members(t, prefix, off)
                    out += o
                    bits += b
                continue
            path = prefix + name
            out.append((path, off, self.size(t)))
            if anon_aggregate:
                o, b = self.members(t, path + ".", off)
                out += o
                bits += b
            elif inner.tag == "DW_TAG_array_type":
                elem = self.dies[inner.ref()]
                if elem.tag in ("DW_TAG_structure_type", "DW_TAG_union_type") \
                        and elem.name() is None:
                    o, b = self.members(elem, path + "[0].", off)
                    out += o
                    bits += b
        return out, bits

    def types(self, all_tags=False):
        """{C type name: struct/union DIE} for every complete struct/union
        named by a typedef, and as "struct TAG" those only a tag names (all
        tags with all_tags)."""
        found, typedefd = {}, set()
        for d in self.dies.values():
            if d.tag == "DW_TAG_typedef" and d.ref() is not None:
                target = self.strip(d)
                if target.tag in ("DW_TAG_structure_type", "DW_TAG_union_type") \
                        and "DW_AT_declaration" not in target.attrs:
                    found[d.name()] = target
                    typedefd.add(target.offset)
        for d in self.dies.values():
            if d.tag in ("DW_TAG_structure_type", "DW_TAG_union_type") and d.name() \
                    and "DW_AT_declaration" not in d.attrs \
                    and (all_tags or d.offset not in typedefd):
                found["%s %s" % ("struct" if d.tag == "DW_TAG_structure_type" else "union",
                                 d.name())] = d
        return found


def mingw(prelude, lines, tmp, name, obj=None):
    """Compile prelude + lines ({}, [] when there are none); {line index:
    [messages]} for the lines, and errors elsewhere. With obj, an object
    with DWARF is written there; else the file is only checked."""
    if not lines:
        return {}, []
    src = os.path.join(tmp, name)
    head = prelude.count("\n")
    with open(src, "w", encoding="utf-8") as f:
        f.write(prelude + "\n".join(lines) + "\n")
    flags = ["-fmax-errors=0", "-fno-diagnostics-show-caret", "-fdiagnostics-color=never"]
    flags += ["-c", "-g", "-fno-eliminate-unused-debug-types", "-o", obj] if obj else \
        ["-fsyntax-only"]
    r = subprocess.run([MINGW_CC, src] + flags,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       universal_newlines=True)
    out, other = {}, []
    for msg in r.stdout.splitlines():
        m = re.match(r"^%s:(\d+):\d+: (error|warning): (.*)$" % re.escape(src), msg)
        if m and int(m.group(1)) > head:
            out.setdefault(int(m.group(1)) - head - 1, []).append(m.group(3))
        elif re.match(r"^\S+:\d+:\d+: (fatal )?error: ", msg):
            other.append(msg)
    return out, other


def strip_asserts(text):
    """Drop the headers' own _Static_assert declarations from preprocessed
    source, so that a layout they reject can still be compared here."""
    out, i = [], 0
    for m in re.finditer(r"\b_Static_assert\s*\(", text):
        if m.start() < i:
            continue
        depth, j = 0, m.end() - 1
        while j < len(text):
            depth += text[j] == "("
            depth -= text[j] == ")"
            j += 1
            if depth == 0:
                break
        while j < len(text) and text[j] in " \t\n":
            j += 1
        if j < len(text) and text[j] == ";":
            j += 1
        out.append(text[i:m.start()])
        i = j
    out.append(text[i:])
    return "".join(out)


def main(argv):
    if argv[1:] == ["--strip-asserts"]:
        sys.stdout.write(strip_asserts(sys.stdin.read()))
        return 0
    verbose = "-v" in argv
    args = [a for a in argv[1:] if a != "-v"]
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    # One Layout over all objects: DIE offsets are made unique per object.
    dies, types, seen, inconsistent = {}, {}, {}, []
    for n, obj in enumerate(args):
        part = parse_dwarf(obj)
        for d in part.values():
            d.offset += n << 40
            if "DW_AT_type" in d.attrs:
                d.attrs["DW_AT_type"] = "<0x%x>" % (d.ref() + (n << 40))
            dies[d.offset] = d
    lay = Layout(dies)
    for n, obj in enumerate(args):
        mine = Layout({o: d for o, d in dies.items() if o >> 40 == n}).types()
        for t, d in mine.items():
            shape = (lay.size(d), lay.members(d)[0])
            if t not in types:
                types[t], seen[t] = d, shape
            elif seen[t] != shape and t not in inconsistent:
                inconsistent.append(t)
    facts, failed, win, bad, other = [], {}, {}, set(), []
    oracle_of = {}
    fields = skipped_bits = 0
    extra = {}
    with tempfile.TemporaryDirectory(prefix="vpshim-layout-") as tmp:
        # Pass 1: each oracle's own types, read from the DWARF of its
        # headers compiled alone; a type goes to the first that has it.
        left = sorted(types)
        theirs = {}
        for oname, prelude in ORACLES:
            obj = os.path.join(tmp, "oracle.o")
            _, errs = mingw(prelude, ["/* the headers alone */"], tmp, "oracle.c", obj)
            if errs or not os.path.exists(obj):
                print("\n".join("  mingw-w64 error: " + e for e in errs))
                print("FAIL layout: the mingw-w64 headers (%s) do not compile here" % oname)
                return 1
            known = Layout(parse_dwarf(obj, OBJDUMP))
            os.unlink(obj)
            theirs[oname] = (known, known.types(all_tags=True))
            for t in left:
                if t in theirs[oname][1]:
                    oracle_of[t] = oname
            left = [t for t in left if t not in oracle_of]
        unchecked = left
        checked = [t for t in sorted(types) if t in oracle_of]

        # Pass 2: size, alignment, and each member's offset and size.
        for oname, prelude in ORACLES:
            lines, first = [], len(facts)

            def check(t, what, expr, ours):
                lines.append("_Static_assert((%s) == %d, \"\");" % (expr, ours))
                facts.append((t, what, expr, ours, oname))

            for t in (t for t in checked if oracle_of[t] == oname):
                d = types[t]
                check(t, "sizeof", "sizeof(%s)" % t, lay.size(d))
                check(t, "alignment", "_Alignof(%s)" % t, lay.align(d))
                members, bits = lay.members(d)
                skipped_bits += bits
                for path, off, size in members:
                    fields += 1
                    check(t, "%s offset" % path, "__builtin_offsetof(%s, %s)" % (t, path), off)
                    check(t, "%s size" % path, "sizeof(((%s *)0)->%s)" % (t, path), size)
            res, errs = mingw(prelude, lines, tmp, "layout.c")
            other += errs

            # What mingw-w64 has that ours lacks, from its own DWARF.
            known, their_types = theirs[oname]
            for t in (t for t in checked if oracle_of[t] == oname):
                ours_paths = {p for p, _, _ in lay.members(types[t])[0]}
                extra[t] = [p for p, _, _ in known.members(their_types[t])[0]
                            if p not in ours_paths]
            for i, msgs in res.items():
                failed[first + i] = msgs

            # Pass 3: the Windows value of each failed check, read back from
            # a diagnostic that prints it as an array bound.
            now = sorted(i for i in res if any("static assertion failed" in m for m in res[i])
                         and not any("has no member named" in m for m in res[i]))
            bad.update(first + i for i in now)
            shown, _ = mingw(prelude, ["char (*hc_%d)[%s] = (int *)0;" % (n, facts[first + i][2])
                                       for n, i in enumerate(now)], tmp, "values.c")
            for n, i in enumerate(now):
                for msg in shown.get(n, []):
                    m = re.search(r"char \(\*\)\[(\d+)\]", msg)
                    if m:
                        win[first + i] = int(m.group(1))

    mismatches, documented = [], []
    for i in sorted(failed):
        t, what, expr, ours, _ = facts[i]
        member = what.rsplit(" ", 1)[0]
        if i in bad:
            text = "%s: %s is %d here, %s on Windows x64 (mingw-w64)" % (
                t, what, ours, win.get(i, "different"))
        elif any("has no member named" in m for m in failed[i]):
            if not what.endswith(" offset"):
                continue
            text = "%s: member %s: mingw-w64 has none by that name" % (t, member)
        else:
            text = "%s: %s: %s" % (t, what, "; ".join(failed[i]))
        if (t, member) in AS_DOCUMENTED:
            documented.append((t, member, text))
        else:
            mismatches.append(text)
    for t in inconsistent:
        mismatches.append("%s: defined with two different layouts by different headers" % t)
    bad_types = sorted({m.split(":")[0] for m in mismatches})
    for t in checked:
        if verbose or t in bad_types:
            n = len(lay.members(types[t])[0])
            print("  %-44s %-8s size %3d, %2d members (mingw-w64 %s)" %
                  (t, "MISMATCH" if t in bad_types else "ok", lay.size(types[t]), n,
                   oracle_of[t]))
    for m in mismatches:
        print("  mismatch: " + m)
    for o in other:
        print("  mingw-w64 error: " + o)
    said = set()
    for t, member, text in documented:
        print("  as documented, not as mingw-w64: " + text)
        if (t, member) not in said:
            said.add((t, member))
            print("      because " + AS_DOCUMENTED[(t, member)])
    for t in sorted(extra):
        # u.type1 stands for u.type1.X too.
        top = [p for p in extra[t] if not any(p.startswith(q + ".") or p.startswith(q + "[")
                                              for q in extra[t] if q != p)]
        if top:
            print("  note: mingw-w64's %s also has %s" % (t, ", ".join(top)))
    if unchecked:
        print("  unchecked (not in mingw-w64): " + ", ".join(unchecked))
    if skipped_bits:
        print("  (%d bit-fields not checked one by one; their containers' sizes are)" %
              skipped_bits)
    summary = "%d structures, %d members" % (len(checked), fields)
    if mismatches or other:
        print("FAIL layout: %d mismatches with Windows x64 in %d of %s: %s" %
              (len(mismatches), len(bad_types), summary, ", ".join(bad_types)))
        return 1
    print("PASS layout: %s match Windows x64 (mingw-w64); %d types unchecked" %
          (summary, len(unchecked)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
