#!/usr/bin/env python3
"""Generates src/id/phone_plan.rs, the Russian numbering plan the phone parser checks against.

Source: libphonenumber's metadata for region RU, as the `phonenumbers` package ships it
(https://pypi.org/project/phonenumbers/). Its national-number patterns for fixed lines,
mobiles, toll-free, premium-rate and personal numbers are expanded into the digit prefixes
they accept (every ten-digit national number starting with such a prefix is assigned, and
no other), and written as a sorted table.

    python3 scripts/phone_plan.py            # rewrite the table from the installed package
    python3 scripts/phone_plan.py --check    # exit 1 if the committed table differs

Re-run it when phonenumbers is upgraded (pin the version in PHONENUMBERS below, which the
test command installs for --check); the table's header names the version it came from.
"""

from __future__ import annotations

import argparse
import pathlib
import sys

PHONENUMBERS = "9.0.43"
OUT = pathlib.Path(__file__).resolve().parent.parent / "src" / "id" / "phone_plan.rs"
DIGITS = frozenset("0123456789")
# libphonenumber's number types, and the name of each in the generated table.
KINDS = [
    ("fixed_line", "Fixed"),
    ("mobile", "Mobile"),
    ("toll_free", "TollFree"),
    ("premium_rate", "PremiumRate"),
    ("personal_number", "Personal"),
]


def parse(pattern: str) -> list[list[frozenset[str]]]:
    """Every way `pattern` (digits, `[..]` classes, `\\d`, `{n}`, `(?:..|..)`) can be spelt, each
    as one set of allowed digits per position."""
    pos = 0

    def alternatives() -> list[list[frozenset[str]]]:
        nonlocal pos
        result = sequence()
        while pos < len(pattern) and pattern[pos] == "|":
            pos += 1
            result += sequence()
        return result

    def sequence() -> list[list[frozenset[str]]]:
        nonlocal pos
        result: list[list[frozenset[str]]] = [[]]
        while pos < len(pattern) and pattern[pos] not in "|)":
            atom = element()
            result = [r + a for r in result for a in atom]
        return result

    def element() -> list[list[frozenset[str]]]:
        nonlocal pos
        c = pattern[pos]
        if pattern.startswith("(?:", pos):
            pos += 3
            atom = alternatives()
            assert pattern[pos] == ")", pattern[pos:]
            pos += 1
        elif c == "[":
            end = pattern.index("]", pos)
            atom = [[char_class(pattern[pos + 1 : end])]]
            pos = end + 1
        elif pattern.startswith("\\d", pos):
            atom = [[DIGITS]]
            pos += 2
        elif c.isdigit():
            atom = [[frozenset(c)]]
            pos += 1
        else:
            raise ValueError(f"unsupported pattern syntax at {pattern[pos:]!r}")
        if pos < len(pattern) and pattern[pos] == "{":
            end = pattern.index("}", pos)
            count = int(pattern[pos + 1 : end])
            pos = end + 1
            atom = [a * count for a in atom]
        return atom

    def char_class(body: str) -> frozenset[str]:
        out: set[str] = set()
        i = 0
        while i < len(body):
            if i + 2 < len(body) and body[i + 1] == "-":
                out.update(chr(c) for c in range(ord(body[i]), ord(body[i + 2]) + 1))
                i += 3
            else:
                out.add(body[i])
                i += 1
        return frozenset(out)

    spellings = alternatives()
    assert pos == len(pattern), pattern[pos:]
    return spellings


def prefixes(spelling: list[frozenset[str]]) -> list[str]:
    """The digit prefixes of one spelling, its free positions at the end dropped."""
    while spelling and spelling[-1] == DIGITS:
        spelling = spelling[:-1]
    result = [""]
    for allowed in spelling:
        result = [p + d for p in result for d in sorted(allowed)]
    return result


def plan(metadata) -> dict[str, str]:
    """Prefix → kind, prefix-free, for ten-digit national numbers."""
    table: dict[str, str] = {}
    for attr, kind in KINDS:
        desc = getattr(metadata, attr)
        for spelling in parse(desc.national_number_pattern):
            if len(spelling) != 10:
                continue  # the 14-digit 8 10 8 … freephone form
            for p in prefixes(spelling):
                assert not any(p.startswith(q) or q.startswith(p) for q in table), p
                table[p] = kind
    return merge(table)


def merge(table: dict[str, str]) -> dict[str, str]:
    """Replaces ten sibling prefixes of one kind by their parent, until none are left."""
    while True:
        parents: dict[str, set[str]] = {}
        for p, kind in table.items():
            if p:
                parents.setdefault(p[:-1], set()).add(kind)
        full = [
            parent
            for parent, kinds in parents.items()
            if len(kinds) == 1 and all(parent + d in table for d in DIGITS)
        ]
        if not full:
            return table
        for parent in full:
            kind = table[parent + "0"]
            for d in DIGITS:
                del table[parent + d]
            table[parent] = kind


def render(table: dict[str, str], version: str) -> str:
    rows = "\n".join(f'    (b"{p}", Kind::{k}),' for p, k in sorted(table.items()))
    return f"""//! The Russian numbering plan: every assigned range of ten-digit national numbers, by prefix.
//!
//! Generated by `python3 scripts/phone_plan.py` from libphonenumber's metadata for region RU
//! (the `phonenumbers` package {version}); do not edit by hand. `scripts/test.sh` checks that
//! the script still gives this table.

use super::phone::Kind;

/// Prefixes of assigned national numbers, sorted, none a prefix of another.
pub(super) const RANGES: &[(&[u8], Kind)] = &[
{rows}
];
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed table")
    args = parser.parse_args()
    import phonenumbers
    from phonenumbers import PhoneMetadata

    if phonenumbers.__version__ != PHONENUMBERS:
        print(f"phonenumbers {phonenumbers.__version__} is installed; the table is pinned to {PHONENUMBERS}")
        return 1
    text = render(plan(PhoneMetadata.metadata_for_region("RU")), phonenumbers.__version__)
    if args.check:
        if OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT} differs from what scripts/phone_plan.py generates: re-run it")
            return 1
        print(f"{OUT.name} agrees with phonenumbers {PHONENUMBERS}")
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({len(text.splitlines())} lines)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
