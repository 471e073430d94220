"""The ways one name is written: spellings, compounds, joined forms — shared by detection and the gate.

Detection and the leak gate must agree on what counts as a name, or an export
is either leaked or blocked wrongly. Both use these rules:

- *one spelling key* per word: case folded, æ/ø/å and their old spellings
  ae/oe/aa (Soeren = Søren, Aase = Åse, Kaare Aas = Kåre Ås) and the Swedish
  and German ä/ö/ü made the same, other accents dropped (René = Rene);
- *compounds*: Danish glues a name to a word, with a hyphen ("Vibeke-sagen",
  "Anne-Mette-gruppen") or without ("Vibekesagen", "Jensensrapporten", with
  the joining -s-). The name part is a name when the rest is a Danish word;
- *joined forms*: a full name written as one word in a hashtag or handle
  ("#VibekeJensen", "@vibeke.jensen").
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from .lexicon import Lexicon

_LETTER_SPELLINGS = str.maketrans({"æ": "ae", "ä": "ae", "ø": "oe", "ö": "oe", "å": "aa", "ü": "ue"})
# The shortest name that may start a compound without a hyphen, and the shortest word after it:
# shorter ones make ordinary words ("Bo" + "ligen", "Lis" + "ten").
MIN_COMPOUND_NAME, MIN_COMPOUND_TAIL = 4, 3


@lru_cache(maxsize=65536)
def spelling_key(word: str) -> str:
    """The form two spellings of one name share: ``Søren``, ``SOEREN`` and ``Sören`` → ``soeren``."""
    key = unicodedata.normalize("NFKC", word).casefold().translate(_LETTER_SPELLINGS)
    if not key.isascii():
        decomposed = unicodedata.normalize("NFD", key)
        key = unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))
    return key


def may_head_compound(name: str, lexicon: Lexicon) -> bool:
    """Can ``name`` start a compound written as one word ("Vibekesagen")? Only a name long enough
    that is no dictionary word itself: "Vibeke", "Jensen" can; "Bo", "Per", "Storm" cannot."""
    return len(name) >= MIN_COMPOUND_NAME and " " not in name and name.lower() not in lexicon.words


def is_compound_tail(tail: str, lexicon: Lexicon) -> bool:
    """Is ``tail`` the ordinary Danish word a compound ends in ("sagen", "rapporten", "gruppen")?"""
    if len(tail) < MIN_COMPOUND_TAIL or not tail.islower():
        return False
    stems = (tail, tail[:-1] if tail.endswith(("n", "s")) else "", tail[:-2] if tail.endswith("ns") else "")
    return any(len(stem) >= MIN_COMPOUND_TAIL and lexicon.is_word(stem) for stem in stems)


class CompoundHeads:
    """The names that may head a compound written as one word (spelling keys), and their first
    letters: most words start differently, and are dismissed with one look-up."""

    def __init__(self, names: Iterable[str]):
        names = list(names)
        self.keys = {spelling_key(name) for name in names}
        self.openings = {spelling_key(name[:MIN_COMPOUND_NAME]) for name in names}

    def __bool__(self) -> bool:
        return bool(self.keys)


def compound_split(word: str, heads: CompoundHeads, lexicon: Lexicon) -> tuple[int, bool] | None:
    """Where the name ends in a compound written as one word: ``Vibekesagen`` → (6, False) when
    Vibeke is among ``heads``; ``Jensensrapporten`` → (7, True) — the joining -s- goes with the
    name. None when ``word`` is no such compound (or a word or a name itself)."""
    if len(word) < MIN_COMPOUND_NAME + MIN_COMPOUND_TAIL:
        return None
    if spelling_key(word[:MIN_COMPOUND_NAME]) not in heads.openings:
        return None
    if word.lower() in lexicon.words or lexicon.is_name(word[:1].upper() + word[1:].lower()):
        return None
    for cut in range(MIN_COMPOUND_NAME, len(word) - MIN_COMPOUND_TAIL + 1):
        if spelling_key(word[:cut]) in heads.keys and (split := _tail_split(word, cut, lexicon)):
            return split
    return None


def _tail_split(word: str, cut: int, lexicon: Lexicon) -> tuple[int, bool] | None:
    """Where the Danish word after a name starting ``word`` begins: at ``cut``, or after a joining -s-."""
    tail = word[cut:]
    if is_compound_tail(tail, lexicon):
        return cut, False
    if tail.startswith("s") and is_compound_tail(tail[1:], lexicon):
        return cut + 1, True
    return None


def joined_key(words: list[str] | tuple[str, ...]) -> str:
    """A full name's spelling key written as one word: ("Vibeke", "Jensen") → ``vibekejensen``."""
    return "".join(spelling_key(word) for word in words)


def compound_after_name(word: str, last_name: str, lexicon: Lexicon) -> tuple[int, bool] | None:
    """``compound_split`` for the last word of a full name: after "Kåre" even the short "Ås" (a
    word itself) heads a compound ("Kåre Åssagen"), since the first name says who it is."""
    key = spelling_key(last_name)
    for cut in range(1, len(word) - MIN_COMPOUND_TAIL + 1):
        if spelling_key(word[:cut]) == key and (split := _tail_split(word, cut, lexicon)):
            return split
    return None
