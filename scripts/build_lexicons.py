"""Rebuild the Danish word and place lists in resources/pseudonymise/ from the hunspell dictionary.

The pseudonymiser needs to know which capitalised words are ordinary Danish
words (a sentence starts with them) and which are places. Both come from the
Danish spelling dictionary by Stavekontrolden.dk, used under MPL-1.1 (it is
triple-licensed LGPL-2.1 / GPL-2 / MPL-1.1): lowercase entries are words,
capitalised entries with affix flag 54 (the "Nord-/Syd-" place prefixes) are
places. Run once when the dictionary changes:

    apt-get download hunspell-da && dpkg-deb -x hunspell-da_*.deb hunspell-da
    python scripts/build_lexicons.py hunspell-da/usr/share/hunspell/da_DK.dic
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "resources" / "pseudonymise"


def main(dic_path: str) -> None:
    words: set[str] = set()
    places: set[str] = set()
    lines = Path(dic_path).read_text(encoding="utf-8").splitlines()[1:]  # first line: entry count
    for line in lines:
        entry = line.split()[0] if line.split() else ""
        stem, _, flags = entry.partition("/")
        if not stem or not stem[0].isalpha():
            continue
        if stem[0].islower():
            words.add(stem)
        elif "54" in flags.split(","):
            places.add(stem)
    OUT.mkdir(parents=True, exist_ok=True)
    with gzip.open(OUT / "da_words.txt.gz", "wt", encoding="utf-8", compresslevel=9) as f:
        f.write("\n".join(sorted(words)) + "\n")
    (OUT / "da_places.txt").write_text("\n".join(sorted(places)) + "\n", encoding="utf-8")
    print(f"{len(words)} words, {len(places)} places → {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
