#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""List every name the Windows video miniport contract documents.

Usage: inventory.py            write scripts/headercheck/reference-names.txt
       inventory.py --check    regenerate in memory, fail if the committed
                               list differs (skips, exit 77, without the
                               reference)
       inventory.py --print    write the list to stdout

The reference is $VPSHIM_REFERENCE, by default $VPSHIM_ROOT/../shared/reference
(VPSHIM_ROOT: the repository). Pages under ddi/{video,ntddvdeo,miniport,
videoagp} give the names (each page's UID), ddi/SYNTAX.md their declarations,
CONSTANTS.md the constant values. ddi/wdm is left out: those pages document
wdm.h, which a miniport does not include; they are there only because the
video pages link to them.

One line per fact, sorted, "kind name [value]":

  function   NAME SIGNATURE      a VideoPort* function (nf- page)
  callback   NAME SIGNATURE      a callback pointer typedef (nc- page)
  struct     TAG TYPEDEF         a structure tag and its typedef (ns- page)
  enum       TAG TYPEDEF         an enum tag and its typedef (ne- page)
  type       NAME [SAME_AS]      a typedef of an ns-/ne- page, or one that
                                 CONSTANTS.md gives as another type
  pointer    NAME TARGET         NAME is TARGET * (ns-/ne- pages)
  field      TYPE.PATH [TYPE]    a member (dotted path into named nested
                                 members; bit-fields end in ":N" instead)
  order      TYPE MEMBER...      the top-level members in declaration order
  enumerator NAME VALUE          a constant of an ne- page's enum
  ioctl      NAME VALUE          an IOCTL_* code (ni- pages, CONSTANTS.md)
  constant   NAME [VALUE]        CONSTANTS.md, or an array bound that a
                                 declaration uses (no value documented)
  macro      NAME                a decoration macro (expands to an attribute)
  reftype    NAME                a type that a documented declaration names
                                 but that has no page of its own

SIGNATURE is "RET (PARAM, ...)" with the parameter names dropped.
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
NAMES = os.path.join(HERE, "reference-names.txt")
HEADERS = ("video", "ntddvdeo", "miniport", "videoagp")

# Annotations that carry no type: SAL, the IN/OUT markers, calling conventions.
DROP = re.compile(r"^(_[A-Z][A-Za-z_]*_|IN|OUT|OPTIONAL|FASTCALL|APIENTRY|NTAPI|"
                  r"__stdcall|__cdecl)$")
C_WORDS = {"const", "volatile", "void", "char", "short", "int", "long", "signed",
           "unsigned", "float", "double", "struct", "union", "enum", "typedef"}
TOKEN = re.compile(r'\.\.\.|"(?:[^"\\]|\\.)*"|[A-Za-z_]\w*|0[xX][0-9a-fA-F]+|\d+|\S')


def reference_dir():
    env = os.environ.get("VPSHIM_REFERENCE")
    if env:
        return env
    root = os.environ.get("VPSHIM_ROOT", ROOT)
    return os.path.normpath(os.path.join(root, "..", "shared", "reference"))


def tokens(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"//[^\n]*", " ", text)
    return [t for t in TOKEN.findall(text) if not DROP.match(t)]


def is_ident(tok):
    return re.match(r"^[A-Za-z_]\w*$", tok) is not None


def type_text(toks):
    """Render a type's tokens the way C spells it: "const GUID *", "PVOID *"."""
    out = ""
    for t in toks:
        if t in "*[]":
            out = out.rstrip() + (" " if t == "*" and not out.endswith("*") else "") + t
        elif out and not out.endswith(("[", " ")):
            out += " " + t
        else:
            out += t
    return out.strip()


class Decls:
    """What the declarations name: types used, array bounds used."""

    def __init__(self):
        self.types = set()
        self.bounds = set()

    def use_type(self, toks):
        depth = 0
        for t in toks:
            depth += t == "["
            depth -= t == "]"
            if is_ident(t) and t not in C_WORDS:
                (self.bounds if depth else self.types).add(t)


def split_top(toks, sep=","):
    parts, cur, depth = [], [], 0
    for t in toks:
        if t in "([{":
            depth += 1
        elif t in ")]}":
            depth -= 1
        if t == sep and depth == 0:
            parts.append(cur)
            cur = []
        else:
            cur.append(t)
    if cur:
        parts.append(cur)
    return parts


def close(toks, i):
    """Index of the bracket that closes toks[i]."""
    pairs = {"(": ")", "{": "}", "[": "]"}
    depth = 0
    for j in range(i, len(toks)):
        if toks[j] == toks[i]:
            depth += 1
        elif toks[j] == pairs[toks[i]]:
            depth -= 1
            if depth == 0:
                return j
    raise ValueError("unbalanced %s" % toks[i])


def params(toks, decls):
    """The parameter types of a "( ... )" list, names dropped."""
    out = []
    for p in split_top(toks):
        if p == ["void"]:
            continue
        if p == ["..."]:
            out.append("...")
            continue
        # The last identifier not inside brackets is the name, when there are
        # more identifiers than the type needs.
        names = [i for i, t in enumerate(p) if is_ident(t) and t not in C_WORDS]
        if len(names) > 1:
            p = p[:names[-1]] + p[names[-1] + 1:]
        decls.use_type(p)
        out.append(type_text(p))
    return out


def signature(ret, args):
    return "%s (%s)" % (ret, ", ".join(args) if args else "void")


def function_decl(toks, decls):
    """RET NAME ( params ) -> (NAME, signature)."""
    i = toks.index("(")
    name = toks[i - 1]
    ret = toks[:i - 1]
    decls.use_type(ret)
    args = params(toks[i + 1:close(toks, i)], decls)
    return name, signature(type_text(ret), args)


def members(toks, decls, prefix=""):
    """Flatten a struct/union body into (path, type or None) pairs."""
    out = []
    i = 0
    while i < len(toks):
        if toks[i] in ("struct", "union") and "{" in toks[i:i + 3]:
            b = toks.index("{", i)
            e = close(toks, b)
            semi = toks.index(";", e)
            name = toks[e + 1] if semi > e + 1 else None
            if name:
                out.append((prefix + name, None))
                out += members(toks[b + 1:e], decls, prefix + name + ".")
            else:  # anonymous: its members belong to the enclosing level
                out += members(toks[b + 1:e], decls, prefix)
            i = semi + 1
            continue
        semi = i
        depth = 0
        while toks[semi] != ";" or depth:
            depth += toks[semi] in "({["
            depth -= toks[semi] in ")}]"
            semi += 1
        m = toks[i:semi]
        i = semi + 1
        if "(" in m and m[m.index("(") + 1] == "*":  # RET (*NAME)(params)
            o = m.index("(")
            c = close(m, o)
            name = m[c - 1]
            decls.use_type(m[:o])
            args = params(m[c + 2:close(m, c + 1)], decls)
            out.append((prefix + name, "%s (*)(%s)" % (type_text(m[:o]), ", ".join(args))))
        elif ":" in m:  # bit-field
            c = m.index(":")
            decls.use_type(m[:c - 1])
            out.append((prefix + m[c - 1], type_text(m[:c - 1]) + ":" + m[c + 1]))
        elif "[" in m:
            b = m.index("[")
            decls.use_type(m[:b - 1] + m[b:])
            out.append((prefix + m[b - 1], type_text(m[:b - 1] + m[b:])))
        else:
            decls.use_type(m[:-1])
            out.append((prefix + m[-1], type_text(m[:-1])))
    return out


def typedef_names(toks):
    """The names after the closing brace: ["FOO", "*", "PFOO"] -> (FOO, PFOO)."""
    typedef, pointer = None, None
    for part in split_top(toks):
        if part and part[0] == "*" and len(part) == 2:
            pointer = part[1]
        elif len(part) == 1:
            typedef = part[0]
    return typedef, pointer


def enum_values(toks):
    out, value = [], -1
    for part in split_top(toks):
        if not part:
            continue
        if "=" in part:
            value = int("".join(part[part.index("=") + 1:]), 0)
        else:
            value += 1
        out.append((part[0], value))
    return out


def front_matter(path):
    meta = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if line == "---" and meta:
                break
            m = re.match(r"^(UID|title):\s*(.*)$", line)
            if m:
                meta[m.group(1)] = m.group(2)
    return meta


def syntax_blocks(ref):
    with open(os.path.join(ref, "ddi", "SYNTAX.md"), encoding="utf-8") as f:
        text = f.read().replace("\r", "")
    blocks = {}
    for m in re.finditer(r"^## (\S+\.md) .*?\n```c\n(.*?)```", text, flags=re.S | re.M):
        blocks[m.group(1)] = m.group(2)
    return blocks


def constants(ref):
    with open(os.path.join(ref, "CONSTANTS.md"), encoding="utf-8") as f:
        text = f.read()
    rows = []
    for m in re.finditer(r"^\| (\w+) \| `([^`]*)` \|$", text, flags=re.M):
        rows.append((m.group(1), m.group(2)))
    return rows


def ctl_code(expr, values):
    m = re.match(r"^CTL_CODE\s*\((.*)\)$", expr)
    if not m:
        return None
    dev, fn, method, access = (resolve(a.strip(), values) for a in m.group(1).split(","))
    return (dev << 16) | (access << 14) | (fn << 2) | method


def resolve(expr, values):
    if re.match(r"^-?(0[xX][0-9a-fA-F]+|\d+)$", expr):
        return int(expr, 0)
    if expr in values:
        return values[expr]
    raise KeyError(expr)


def inventory(ref):
    facts = set()
    notes = []
    decls = Decls()
    blocks = syntax_blocks(ref)
    defined = set()

    def add(kind, name, value=None):
        facts.add((kind, name, "" if value is None else str(value)))
        if kind in ("function", "callback", "type", "pointer", "enum", "struct"):
            defined.add(name)

    for header in HEADERS:
        d = os.path.join(ref, "ddi", header)
        for page in sorted(os.listdir(d)):
            m = re.match(r"^n([cefis])-", page)
            if not m:
                continue
            path = os.path.join(d, page)
            meta = front_matter(path)
            uid = meta.get("UID", "")
            name = uid.split(".", 1)[1] if "." in uid else ""
            kind = m.group(1)
            toks = tokens(blocks.get("%s/%s" % (header, page), ""))
            if kind == "i":
                add("ioctl", name)
                continue
            if not toks:
                notes.append("%s: no declaration" % page)
                continue
            if kind == "f":
                fname, sig = function_decl(toks, Decls())
                if fname != name:
                    # Two pages (the debug-report interface's members) carry
                    # an NDIS function's declaration: not a VideoPort name.
                    notes.append("%s: skipped, its declaration is %s, not %s" %
                                 (page, fname, name))
                    continue
                function_decl(toks, decls)
                with open(path, encoding="utf-8") as f:
                    variadic = re.search(r"^### -param \.\.\.\s*$", f.read(), flags=re.M)
                if variadic and "..." not in sig:
                    sig = sig[:-1] + ", ...)"
                add("function", name, sig)
            elif kind == "c":
                # "TYPE Example;" then the example's definition.
                if toks[1:3] != [toks[1], ";"] or toks[0] != name:
                    notes.append("%s: no role declaration, skipped" % page)
                    continue
                body = toks[3:]
                _, sig = function_decl(body[:close(body, body.index("(")) + 1], decls)
                add("callback", name, sig)
            elif kind in "se":
                b = toks.index("{")
                e = close(toks, b)
                typedef, pointer = typedef_names(toks[e + 1:toks.index(";", e)])
                tag = toks[b - 1] if is_ident(toks[b - 1]) and toks[b - 1] not in C_WORDS \
                    else None
                if tag and tag != name and name.startswith("_"):
                    notes.append("%s: declaration names tag %s, page %s; using %s" %
                                 (page, tag, name, name))
                if name.startswith("_"):
                    tag = name
                word = "struct" if kind == "s" else "enum"
                if tag:
                    add(word, tag, typedef)
                add("type", typedef)
                if pointer:
                    add("pointer", pointer, typedef)
                if kind == "e":
                    for ename, value in enum_values(toks[b + 1:e]):
                        add("enumerator", ename, value)
                else:
                    flat = members(toks[b + 1:e], decls)
                    for path_, ftype in flat:
                        add("field", "%s.%s" % (typedef, path_), ftype)
                    add("order", typedef, " ".join(p for p, _ in flat if "." not in p))

    values = {}
    rows = constants(ref)
    for cname, expr in rows:
        try:
            values[cname] = resolve(expr, values)
        except KeyError:
            pass
    for cname, expr in rows:
        code = ctl_code(expr, values)
        if code is not None:
            facts.discard(("ioctl", cname, ""))
            add("ioctl", cname, "0x%08x" % code)
        elif cname in values:
            add("constant", cname, values[cname])
        elif expr.startswith('"'):
            add("constant", cname, expr)
        elif expr in decls.types:
            add("type", cname, expr)
        else:
            add("macro", cname)
    known = {n for _, n, _ in facts}
    for t in sorted(decls.types - defined):
        add("reftype", t)
    for c in sorted(decls.bounds - known):
        add("constant", c)
    return sorted(facts), notes


def render(facts):
    out = []
    for kind, name, value in facts:
        if kind in ("constant", "enumerator") and re.match(r"^\d+$", value) and int(value) > 255:
            value = "0x%x" % int(value)
        out.append(("%s %s %s" % (kind, name, value)).rstrip() + "\n")
    return "".join(out)


def main(argv):
    ref = reference_dir()
    mode = argv[1] if len(argv) > 1 else "--write"
    if mode not in ("--write", "--check", "--print"):
        print(__doc__, file=sys.stderr)
        return 2
    if not os.path.isfile(os.path.join(ref, "ddi", "SYNTAX.md")):
        print("SKIP inventory: no reference at %s (set VPSHIM_REFERENCE); "
              "the committed %s is used as is" % (ref, os.path.relpath(NAMES, ROOT)))
        return 77
    facts, notes = inventory(ref)
    text = render(facts)
    if mode != "--check":
        for n in notes:
            print("  note: " + n, file=sys.stderr)
    if mode == "--print":
        sys.stdout.write(text)
        return 0
    if mode == "--write":
        with open(NAMES, "w", encoding="utf-8") as f:
            f.write(text)
        print("wrote %d entries to %s" % (len(facts), os.path.relpath(NAMES, ROOT)))
        return 0
    try:
        with open(NAMES, encoding="utf-8") as f:
            old = f.read()
    except FileNotFoundError:
        old = ""
    if old == text:
        print("PASS headers: reference-names.txt matches the reference (%d entries)" % len(facts))
        return 0
    old_set, new_set = set(old.splitlines()), set(text.splitlines())
    for line in sorted(old_set - new_set):
        print("  only in the committed list: " + line)
    for line in sorted(new_set - old_set):
        print("  only in the reference:      " + line)
    print("FAIL headers: reference-names.txt is stale; run scripts/headercheck/inventory.py")
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
