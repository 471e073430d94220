"""What Danish knows about names: name lists, ordinary words, places and titles.

There is no Danish NER model to install offline, so names are found from lists
and from how Danish writes: common nouns are lowercase, so a capitalised word
in the middle of a sentence is nearly always a name. The lists below answer the
questions the rules ask — is this a first name, a surname, an ordinary word
("Per", "Bo", "Skov" are all three), a place? See ``resources/pseudonymise``.
"""

from __future__ import annotations

import csv
import gzip
import re
from dataclasses import dataclass
from functools import cache

from ..resources import resource_path

# Danish inflection endings, longest first: "skoven" is "skov" + "en", "marken" "mark" + "en".
_ENDINGS = (
    "ernes", "enes", "ende", "erne", "ene", "ens", "ets", "ere", "est", "ede", "ene",
    "er", "en", "et", "ne", "es", "te", "de", "e", "s", "r", "t",
)  # fmt: skip

# Words before a name that make it a person: "direktør Hornbech", "fru Nielsen", "min kollega Gitte".
TITLES = frozenset(
    """
    hr hr. fru frk frk. dr dr. mr mrs ms professor lektor adjunkt docent
    borgmester rådmand direktør kommunaldirektør chef kontorchef sektorchef centerchef afdelingschef
    minister statsminister udenrigsminister finansminister beskæftigelsesminister ordfører formand
    næstformand leder afdelingsleder teamleder sekretær konsulent kollega kollegaen kollegaer
    sagsbehandler socialrådgiver læge overlæge sygeplejerske pædagog lærer præst pastor biskop
    advokat dommer politiker folketingsmedlem byrådsmedlem rektor dekan ph.d. cand ceo cfo
    """.split()
)
# Endings that make a word a title too: "økonomidirektør", "skoleleder", "sundhedsminister".
TITLE_ENDINGS = ("direktør", "chef", "minister", "formand", "leder", "rådgiver", "konsulent", "ordfører")

# Titles written short with a full stop: "hr. Olsen" — the stop does not end the sentence.
ABBREVIATED_TITLES = frozenset({"hr", "fru", "frk", "dr", "prof", "stud", "cand"})

# Capitalised words that are not names even mid-sentence: the plural and polite pronouns.
PRONOUNS = frozenset({"I", "De", "Dem", "Deres"})


@dataclass(frozen=True)
class Lexicon:
    first_names: frozenset[str]
    surnames: frozenset[str]
    bearers: dict[str, int]  # how many people carry the name: a rough prior for how name-like it is
    words: frozenset[str]  # lowercase dictionary stems
    places: frozenset[str]
    municipalities: tuple[str, ...]

    def is_first_name(self, token: str) -> bool:
        """Jens, and double names written with a hyphen: Jens-Erik, Anne-Mette; and in the old spelling
        of æ/ø/å: Soeren, Aase."""
        return (
            token in self.first_names
            or ("-" in token and all(p in self.first_names for p in token.split("-")))
            or _old_spelling(token)
            and _modern_spelling(token) in self.first_names
        )

    def is_surname(self, token: str) -> bool:
        """Jensen, and double surnames with a hyphen: Thorning-Schmidt is not in the list, Holm-Nielsen is;
        and in the old spelling of æ/ø/å: Moeller, Soerensen."""
        return (
            token in self.surnames
            or ("-" in token and all(p in self.surnames for p in token.split("-")))
            or _old_spelling(token)
            and _modern_spelling(token) in self.surnames
        )

    def is_name(self, token: str) -> bool:
        return self.is_first_name(token) or self.is_surname(token)

    def is_word(self, token: str) -> bool:
        """Is the lowercase form an ordinary Danish word, inflected or not?"""
        lower = token.lower()
        if lower in self.words:
            return True
        return any(
            lower.endswith(ending) and len(lower) - len(ending) >= 2 and lower[: -len(ending)] in self.words
            for ending in _ENDINGS
        )

    def is_place(self, token: str) -> bool:
        return token in self.places


_OLD_SPELLING = re.compile(r"aa|ae|oe", re.IGNORECASE)
_MODERN = {"aa": "å", "Aa": "Å", "AA": "Å", "ae": "æ", "Ae": "Æ", "AE": "Æ", "oe": "ø", "Oe": "Ø", "OE": "Ø"}


def _old_spelling(token: str) -> bool:
    return bool(_OLD_SPELLING.search(token))


def _modern_spelling(token: str) -> str:
    """ "Soeren" → "Søren", "Aase" → "Åse", "Kaare" → "Kåre": how a name list spells them."""
    return _OLD_SPELLING.sub(lambda m: _MODERN.get(m.group(), m.group()), token)


def is_title(word: str) -> bool:
    lower = word.lower()
    return lower in TITLES or (len(lower) > 6 and lower.endswith(TITLE_ENDINGS))


@cache
def danish_lexicon() -> Lexicon:
    """The lists, loaded once per process (about 0.2 s)."""
    first, surnames, bearers = set(), set(), {}
    with open(resource_path("pseudonymise", "danish_names.csv"), encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            name = row["name"].strip()
            if not name:
                continue
            (first if row["first_name"] == "True" else surnames).add(name)
            count = int(float(row["count"])) if row["count"] else 0
            bearers[name] = max(bearers.get(name, 0), count)
    with gzip.open(resource_path("pseudonymise", "da_words.txt.gz"), "rt", encoding="utf-8") as f:
        words = frozenset(f.read().split())
    places = resource_path("pseudonymise", "da_places.txt").read_text(encoding="utf-8").split("\n")
    municipalities = resource_path("pseudonymise", "municipalities.txt").read_text(encoding="utf-8")
    return Lexicon(
        first_names=frozenset(first),
        surnames=frozenset(surnames),
        bearers=bearers,
        words=words,
        places=frozenset(p for p in places if p),
        municipalities=tuple(m.strip() for m in municipalities.splitlines() if m.strip()),
    )
