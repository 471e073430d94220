"""A quote as a thesis prints it, read as a pattern of words to look for.

The quoting conventions of PRODUCT.md, step 6:

- ``...`` or ``…`` at the start or end: the quote begins or ends inside a sentence.
  Nothing to look for; the words simply start (or stop) there.
- ``(...)``, ``[...]``, ``(…)``, ``[…]`` inside, and a bare ``...`` inside: an omission.
  The parts around it must stand in order and close together (``MAX_OMITTED_WORDS``).
- ``[word]``: a word the author put in. It may stand in for a few words of the
  appendix (``[projektet]`` for "det"), or be left out of the appendix altogether.
  Its own words match if the appendix has them, so a pseudonym copied from a
  pseudonymised appendix (``[Person 1]``) still counts as quoted.

A word of the quote that the cleanup rules call talk language is optional:
a quote left verbatim ("øh, jeg tror") is still found in a clean appendix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..cleanup import clean_turn, words_from_text
from ..errors import BadInputError
from .words import SKIP_LEVEL, word_keys

# "Close together": a sentence or two, about six lines of 85 characters. A longer cut is
# cited as two ranges, and a check within cited lines lets those bound it instead.
MAX_OMITTED_WORDS = 80
# "[projektet]" replaces a pronoun or a short phrase, not a passage.
MAX_REPLACED_WORDS = 4

_MARKS = re.compile(
    r"(?P<omission>[(\[]\s*(?:\.\s*){2,}[)\]]|[(\[]\s*…\s*[)\]]|\.{3,}|…)"
    r"|(?P<insertion>\[[^\[\]]*\])"
)


@dataclass(frozen=True)
class Word:
    """A word to find; an ``optional`` one may be missing from the appendix."""

    key: str
    optional: bool = False


@dataclass(frozen=True)
class Gap:
    """Up to ``most`` words of the appendix that the quote does not show."""

    most: int
    covered: bool  # True for an insertion (its words count as quoted), False for an omission


Item = Word | Gap


@dataclass(frozen=True)
class QuotePattern:
    """What to look for: words and gaps, in the quote's order; never starts or ends with a gap."""

    quote: str
    items: tuple[Item, ...]

    @property
    def words(self) -> list[Word]:
        return [item for item in self.items if isinstance(item, Word)]

    def opening_keys(self) -> set[str]:
        """The words a match can begin with: the optional ones up to and including the first required."""
        keys = set()
        for item in self.items:
            if isinstance(item, Word):
                keys.add(item.key)
                if not item.optional:
                    break
        return keys


def parse_quote(quote: str) -> QuotePattern:
    """Read ``quote`` (with or without its quotation marks) into the words and gaps to look for."""
    items: list[Item] = []
    position = 0
    for mark in _MARKS.finditer(quote):
        items += _spoken(quote[position : mark.start()])
        if mark.group("omission"):
            items.append(Gap(MAX_OMITTED_WORDS, covered=False))
        else:
            items += [Word(k, optional=True) for k in word_keys(mark.group()[1:-1])]
            items.append(Gap(MAX_REPLACED_WORDS, covered=True))
        position = mark.end()
    items += _spoken(quote[position:])
    items = _trimmed(_merged(items))
    if not any(isinstance(item, Word) for item in items):
        raise BadInputError(f"The quote “{_short(quote)}” has no words to look for.")
    return QuotePattern(quote, tuple(items))


def _spoken(text: str) -> list[Word]:
    """The quote's own words; talk language in them optional."""
    words = words_from_text(text)
    items = []
    for word, view in zip(words, clean_turn(words, SKIP_LEVEL), strict=True):
        items += [Word(k, optional=view.hidden) for k in word_keys(word.text)]
    return items


def _merged(items: list[Item]) -> list[Item]:
    """Gaps side by side are one gap (an omission wins over an insertion's room)."""
    merged: list[Item] = []
    for item in items:
        if isinstance(item, Gap) and merged and isinstance(merged[-1], Gap):
            previous = merged[-1]
            merged[-1] = Gap(previous.most + item.most, previous.covered and item.covered)
        else:
            merged.append(item)
    return merged


def _trimmed(items: list[Item]) -> list[Item]:
    """A gap at either end marks only that the quote is cut there: nothing to look for."""
    while items and isinstance(items[0], Gap):
        items.pop(0)
    while items and isinstance(items[-1], Gap):
        items.pop()
    return items


def _short(text: str, length: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"
