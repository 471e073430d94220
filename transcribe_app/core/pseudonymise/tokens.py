"""Words of a text with their positions, and whether each starts a sentence.

Capitalisation is the strongest name signal Danish gives — but only in the
middle of a sentence; the first word of a sentence is capitalised whatever it
is. So every word knows whether it starts a sentence (after . ! ? : or a line
break — a turn's ``CODE:`` label counts) and whether it *is* such a label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# A word: letters, with inner hyphens or apostrophes (Anne-Mette, Excel-ark), and a possessive
# apostrophe at the end (Hans', Lars'). Digits form their own words so "D1" stays one label.
_WORD = re.compile(r"[^\W_][^\W_]*(?:[-'’][^\W_]+)*(?:'(?![^\W_]))?")
_SENTENCE_END = frozenset(".!?:;…")
_OPENERS = frozenset(" \t\"'«»„“”‘’(–—-[")
_LABEL = re.compile(r"[A-ZÆØÅ][A-ZÆØÅ0-9]{0,5}")  # I, IP, VJ, D1, M — turn labels in typed transcripts


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int
    sentence_start: bool
    label: bool  # a turn label at the start of a line ("IP:"): a code already, never a name

    @property
    def capitalised(self) -> bool:
        return self.text[0].isupper()

    @property
    def acronym(self) -> bool:
        return len(self.text) > 1 and self.text.isupper()


@lru_cache(maxsize=4)
def scan(text: str) -> tuple[Token, ...]:
    """The words of ``text``; cached because every recognizer reads the same text."""
    tokens = []
    for match in _WORD.finditer(text):
        start, end = match.span()
        before = _line_prefix(text, start)
        at_line_start = not before.strip(" \t\"'«»„“”‘’(–—-[")
        label = at_line_start and text.startswith(":", end) and bool(_LABEL.fullmatch(match.group()))
        tokens.append(
            Token(match.group(), start, end, at_line_start or _after_sentence_end(text, start), label)
        )
    return tuple(tokens)


def _line_prefix(text: str, start: int) -> str:
    line_start = text.rfind("\n", 0, start) + 1
    return text[line_start:start]


def _after_sentence_end(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in _OPENERS:
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END or text[i] == "\n"


def adjacent(text: str, left: Token, right: Token) -> bool:
    """Two words written as parts of one name: separated by one space only."""
    return right.start - left.end == 1 and text[left.end] == " "


def strip_possessive(word: str) -> tuple[str, bool]:
    """``Vibekes`` → (``Vibeke``, True) candidates; the caller checks which base is a known name."""
    if word.endswith(("'", "’")):
        return word[:-1], True
    if word.endswith(("'s", "’s")):
        return word[:-2], True
    if word.endswith("s") and len(word) > 2:
        return word[:-1], True
    return word, False
