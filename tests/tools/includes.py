#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Finds circles among the source files by their headers.

A file reaches the .c files that a header it includes (directly or
through other headers) belongs to; a header belongs to every .c whose
object defines a name the header mentions (nm, so a header of another
name, such as one file's private -impl.h, is owned by what it really
declares).  Prints each circle, one line each, and exits 1 if there is
one; with --edges prints the graph instead, with --includes each
file's headers as its include lines name them, resolved.  With --sides,
checks that include/ holds exactly the headers both the parent (main.c,
parent/) and the child (child/) include, directly or through others.

usage: includes.py [--edges | --includes | --sides] TOP
"""
import os
import re
import subprocess
import sys

DIRS = ("src", "include")
SEARCH = ("include", "src")	# -Iinclude -Isrc, after the file's own folder


def sources(top):
    out = []
    for d in DIRS:
        for root, _, files in os.walk(os.path.join(top, d)):
            out += [os.path.relpath(os.path.join(root, f), top)
                    for f in files if f.endswith((".c", ".h"))]
    return sorted(out)


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"//[^\n]*", " ", text)
    return re.sub(r'"(\\.|[^"\\\n])*"', '""', text)


def names(text):
    """The ordinary identifiers a header mentions: not a struct, enum or
    union tag, nor a member after . or ->, which name no object."""
    text = re.sub(r"\b(struct|enum|union)\s+\w+|(\.|->)\s*\w+", " ",
                  strip_comments(text))
    return set(re.findall(r"[A-Za-z_]\w*", text))


def includes(top, path):
    with open(os.path.join(top, path), errors="replace") as f:
        names = re.findall(r'^\s*#\s*include\s+"([^"]+)"', f.read(), re.M)
    out = []
    for n in names:
        for base in (os.path.dirname(path),) + SEARCH:
            cand = os.path.normpath(os.path.join(base, n))
            if os.path.isfile(os.path.join(top, cand)):
                out.append(cand)
                break
    return out


def reached(inc, f):
    """Every header f includes, directly or through other headers."""
    seen, todo = set(), list(inc[f])
    while todo:
        h = todo.pop()
        if h not in seen:
            seen.add(h)
            todo += inc.get(h, [])
    return seen


def definitions(top, files):
    """name -> the .c files whose object defines it (one nm for all)."""
    objs = {os.path.join(top, c[:-2] + ".o"): c for c in files
            if c.endswith(".c") and os.path.isfile(os.path.join(top,
                                                               c[:-2] + ".o"))}
    owner = {}
    if not objs:
        return owner
    nm = subprocess.run(["nm", "--defined-only", "-g", "-A"] + sorted(objs),
                        capture_output=True, text=True, check=True)
    for line in nm.stdout.splitlines():
        # "path.o:ADDRESS T name"
        parts = line.rsplit(None, 2)
        where = parts[0].rpartition(":")[0] if len(parts) == 3 else ""
        if where in objs:
            owner.setdefault(parts[2], set()).add(objs[where])
    return owner


def graph(top):
    files = sources(top)
    owner = definitions(top, files)
    inc = {f: includes(top, f) for f in files}
    belongs = {}
    for h in (f for f in files if f.endswith(".h")):
        with open(os.path.join(top, h), errors="replace") as f:
            words = names(f.read())
        belongs[h] = set().union(*(owner.get(w, set()) for w in words))
    edges = {}
    for c in (f for f in files if f.endswith(".c")):
        edges[c] = sorted(set().union(*(belongs.get(h, set())
                                         for h in reached(inc, c))) - {c})
    return edges


def side(path):
    """Which process's code a file under src/ is: parent, child or None."""
    if path == "src/main.c" or path.startswith("src/parent/"):
        return "parent"
    if path.startswith("src/child/"):
        return "child"
    return None


def sides(top):
    """Headers in the wrong place: one beside code that both sides
    include (it belongs in include/), or one in include/ that only one
    side, or neither, includes (it belongs beside its code)."""
    files = sources(top)
    inc = {f: includes(top, f) for f in files}
    users = {}
    for f in files:
        if side(f) is None:
            continue
        for h in reached(inc, f):
            users.setdefault(h, set()).add(side(f))
    out = []
    for h in (f for f in files if f.endswith(".h")):
        both = users.get(h, set()) == {"parent", "child"}
        if both and not h.startswith("include/"):
            out.append(h + ": both sides include it: it belongs in include/")
        elif h.startswith("include/") and not both:
            out.append(h + ": only %s includes it: it belongs beside its code"
                       % (" and ".join(sorted(users.get(h, set())))
                          or "nothing"))
    return out


def circles(edges):
    """Tarjan's strongly connected components of more than one file."""
    index, low, stack, on, out = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in edges.get(v, []):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def main():
    args = sys.argv[1:]
    mode = args.pop(0) if args[:1] in (["--edges"], ["--includes"],
                                       ["--sides"]) else ""
    if len(args) != 1:
        sys.exit(__doc__)
    if mode == "--includes":
        for f in sources(args[0]):
            for h in includes(args[0], f):
                print(f, "->", h)
        return 0
    if mode == "--sides":
        wrong = sides(args[0])
        for w in wrong:
            print(w)
        return 1 if wrong else 0
    edges = graph(args[0])
    if mode == "--edges":
        for c, to in sorted(edges.items()):
            print(c, "->", " ".join(to) if to else "(nothing)")
        return 0
    found = circles(edges)
    for comp in found:
        print("circle:", " <-> ".join(comp))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
