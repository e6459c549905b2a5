#!/usr/bin/env python3
"""Regenerates the word lists in src/password/data/ that come from other projects.

    python3 scripts/password_data.py ZXCVBN_FREQUENCY_LISTS_RS RUSSIAN_NAMES_DATA_ZIP

- ZXCVBN_FREQUENCY_LISTS_RS: `src/frequency_lists.rs` of the `zxcvbn` crate 3.1.1 (MIT), e.g.
  from `~/.cargo/registry/src/*/zxcvbn-3.1.1/`.
- RUSSIAN_NAMES_DATA_ZIP: `russian_names/_data.zip` of the PyPI package `russian-names` 0.1.2
  (MIT), e.g. from `pip download russian-names==0.1.2 --no-deps`.

The hand-written lists (`russian-habits.txt`, `names-ru-common.txt`, `surnames-ru.txt`,
`words-ru.txt`) are edited directly. See src/password/data/README.md.
"""

import re
import sys
import zipfile
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "src" / "password" / "data"

# (list in zxcvbn, file here, how many entries, most common first)
ZXCVBN = [
    ("PASSWORDS", "common-passwords.txt", 10000),
    ("MALE_NAMES", "male-names-en.txt", 1000),
    ("FEMALE_NAMES", "female-names-en.txt", 4000),
    ("SURNAMES", "surnames-en.txt", 5000),
    ("ENGLISH_WIKI", "words-en.txt", 10000),
    ("US_TV_AND_FILM", "words-en-tv.txt", 5000),
]


def main(frequency_lists: str, names_zip: str) -> None:
    src = Path(frequency_lists).read_text(encoding="utf-8")
    lists = dict(re.findall(r'const (\w+): &str = "([^"]*)";', src))
    for name, file, count in ZXCVBN:
        words = lists[name].split(",")[:count]
        (DATA / file).write_text("\n".join(words) + "\n", encoding="utf-8")
    with zipfile.ZipFile(names_zip) as z:
        lines = z.read("base.txt").decode("utf-8").splitlines()
    # Line 2: common male names, 7: common female names, 1 and 6: the rarer ones.
    names = []
    for line in (2, 7, 1, 6):
        for word in lines[line - 1].split():
            if word.lower() not in names:
                names.append(word.lower())
    (DATA / "names-ru.txt").write_text("\n".join(names) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:])
