#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Writes hand-built ELF files for the validator's tests: a loadable
segment, Xen notes in a PT_NOTE segment and/or an SHT_NOTE section, an
optional __xen_guest section, and knobs that break each structure."""

import argparse
import struct
import sys

NOTES = {
    "ENTRY": 1, "HYPERCALL_PAGE": 2, "VIRT_BASE": 3, "PADDR_OFFSET": 4,
    "XEN_VERSION": 5, "GUEST_OS": 6, "GUEST_VERSION": 7, "LOADER": 8,
    "PAE_MODE": 9, "FEATURES": 10, "BSD_SYMTAB": 11, "HV_START_LOW": 12,
    "L1_MFN_VALID": 13, "SUSPEND_CANCEL": 14, "INIT_P2M": 15,
    "MOD_START_PFN": 16, "SUPPORTED_FEATURES": 17, "PHYS32_ENTRY": 18,
}
PT_LOAD, PT_NOTE = 1, 4
SHT_PROGBITS, SHT_STRTAB, SHT_NOTE = 1, 3, 7


def pad4(b):
    return b + b"\0" * (-len(b) % 4)


def note(name, ntype, desc, namesz=None, descsz=None, terminate=True):
    n = name.encode() + (b"\0" if terminate else b"")
    return struct.pack("<III", len(n) if namesz is None else namesz,
                       len(desc) if descsz is None else descsz,
                       ntype) + pad4(n) + pad4(desc)


def parse_note(spec):
    """TYPE=STRING, TYPE=#NUMBER[/SIZE]; TYPE a name or a number."""
    key, _, val = spec.partition("=")
    ntype = NOTES[key] if key in NOTES else int(key, 0)
    if val.startswith("#"):
        num, _, size = val[1:].partition("/")
        size = int(size or 8)
        return ntype, int(num, 0).to_bytes(size, "little")
    return ntype, val.encode() + b"\0"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("out")
    p.add_argument("--class", dest="cls", type=int, default=64)
    p.add_argument("--machine", type=int)
    p.add_argument("--msb", action="store_true")
    p.add_argument("--pv", action="store_true",
                   help="GUEST_OS, LOADER, XEN_VERSION as PV GRUB has them")
    p.add_argument("--note", action="append", default=[])
    p.add_argument("--note-owner", default="Xen")
    p.add_argument("--unterminated-owner", action="store_true",
                   help="no NUL after the first note's owner name")
    p.add_argument("--where", choices=["segment", "section", "none"],
                   default="segment")
    p.add_argument("--legacy")
    p.add_argument("--entry", type=lambda s: int(s, 0), default=0x1000)
    p.add_argument("--paddr", type=lambda s: int(s, 0), default=0x1000)
    p.add_argument("--memsz", type=lambda s: int(s, 0), default=0x10000)
    p.add_argument("--repeat", type=int, default=1)
    p.add_argument("--namesz", type=lambda s: int(s, 0), help="first note's namesz")
    p.add_argument("--descsz", type=lambda s: int(s, 0), help="first note's descsz")
    p.add_argument("--phnum", type=int)
    p.add_argument("--phoff", type=int)
    p.add_argument("--phentsize", type=int)
    p.add_argument("--shnum", type=int)
    p.add_argument("--shoff", type=int)
    p.add_argument("--note-offset-zero", action="store_true")
    p.add_argument("--note-filesz", type=lambda s: int(s, 0))
    p.add_argument("--load-filesz", type=lambda s: int(s, 0))
    p.add_argument("--truncate", type=int)
    a = p.parse_args()

    is64 = a.cls == 64
    machine = a.machine if a.machine is not None else (62 if is64 else 3)
    specs = []
    if a.pv:
        specs += ["GUEST_OS=GRUB", "LOADER=generic", "XEN_VERSION=xen-3.0",
                  "ENTRY=#%d" % a.entry, "VIRT_BASE=#0"]
    specs += a.note
    # Joined once at the end: appending to bytes copies them each time,
    # minutes of CPU for --repeat 14000.
    parts = []
    for _ in range(a.repeat):
        for s in specs:
            t, d = parse_note(s)
            first = not parts
            parts.append(note(a.note_owner, t, d,
                              a.namesz if first else None,
                              a.descsz if first else None,
                              not (first and a.unterminated_owner)))
    notes = b"".join(parts)

    ehsize = 64 if is64 else 52
    phentsize = 56 if is64 else 32
    shentsize = 64 if is64 else 40
    nph = 2
    phoff = ehsize
    payload_off = phoff + nph * phentsize
    payload = b"\x90" * 256
    notes_off = payload_off + len(payload)
    legacy = (a.legacy.encode() + b"\0") if a.legacy is not None else b""
    legacy_off = notes_off + len(notes)
    names = b"\0.note.xen\0__xen_guest\0.shstrtab\0"
    names_off = legacy_off + len(legacy)
    shoff = names_off + len(names)
    shoff += -shoff % 8
    sections = [(0, 0, 0, 0)]   # name, type, offset, size
    if a.where == "section":
        sections.append((1, SHT_NOTE, notes_off, len(notes)))
    if a.legacy is not None:
        sections.append((11, SHT_PROGBITS, legacy_off, len(legacy)))
    sections.append((23, SHT_STRTAB, names_off, len(names)))
    shnum = len(sections)

    out = bytearray()
    ident = b"\x7fELF" + bytes([2 if is64 else 1, 2 if a.msb else 1, 1]) + b"\0" * 9
    e = "<" if not a.msb else ">"
    hdr_fields = (2, machine, 1, a.entry,
                  a.phoff if a.phoff is not None else phoff,
                  a.shoff if a.shoff is not None else shoff, 0, ehsize,
                  a.phentsize if a.phentsize is not None else phentsize,
                  a.phnum if a.phnum is not None else nph, shentsize,
                  a.shnum if a.shnum is not None else shnum, shnum - 1)
    out += ident + struct.pack(e + ("HHIQQQIHHHHHH" if is64 else "HHIIIIIHHHHHH"),
                               *hdr_fields)
    load_filesz = a.load_filesz if a.load_filesz is not None else len(payload)
    note_off = 0 if a.note_offset_zero else notes_off
    note_filesz = a.note_filesz if a.note_filesz is not None else len(notes)
    phdrs = [(PT_LOAD, 7, payload_off, a.paddr, a.paddr, load_filesz, a.memsz),
             (PT_NOTE if a.where == "segment" else 0x6474e551, 4, note_off,
              0, 0, note_filesz, 0)]
    for pt, fl, off, va, pa, fs, ms in phdrs:
        if is64:
            out += struct.pack(e + "IIQQQQQQ", pt, fl, off, va, pa, fs, ms, 8)
        else:
            out += struct.pack(e + "IIIIIIII", pt, off, va, pa, fs, ms, fl, 4)
    out += payload + notes + legacy + names
    out += b"\0" * (shoff - len(out))
    for name, st, off, size in sections:
        if is64:
            out += struct.pack(e + "IIQQQQIIQQ", name, st, 0, 0, off, size,
                               0, 0, 1, 0)
        else:
            out += struct.pack(e + "IIIIIIIIII", name, st, 0, 0, off, size,
                               0, 0, 1, 0)
    if a.truncate is not None:
        out = out[:a.truncate]
    with open(a.out, "wb") as f:
        f.write(out)


if __name__ == "__main__":
    sys.exit(main())
