"""Tokens: a word's text taken apart so the rules can look at the word and its punctuation.

A Whisper word arrives as `` øh,`` (leading space, word, attached punctuation); a
typed transcript gives ``"Øh,"`` or a lone dash ``–``. The rules need the bare word
(to look it up in a list), the punctuation mark after it (comma, full stop, dash),
and a way to change that mark or the word's capital letter without losing anything
else the text held. Parsing is lossless: ``lead + opener + core + punct`` is the
original text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..project.transcript import Word

# lead whitespace, opening quotes/brackets (and the # or @ of a hashtag or handle: "#Vibeke" is a word,
# not punctuation to glue onto the word before), the word (may hold inner - ' . as in "m-m",
# "uh-huh", "f.eks"), and whatever follows it (punctuation, a spaced dash " –").
_TOKEN = re.compile(r"(\s*)([\"'“”„«»‚‘(\[¿¡#@]*)(\w(?:[\w'’.\-]*\w)?)?(.*)", re.DOTALL)
_CLOSERS = "\"'”’»)]"
DASHES = frozenset("-–—")
COMMA = ","
ELLIPSIS = "…"
# Marks that end a sentence: a filler carrying one hands it to the word before.
TERMINALS = frozenset(".?!…")
_SENTENCE_ENDS = frozenset(".?!")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+(?=[,.;:?!…])")
_DOUBLED_COMMA = re.compile(r",(?:\s*,)+")
_TEXT_TOKEN = re.compile(r"\s*\S+")
_LONE_PUNCT = re.compile(r"\s*[,.;:?!…]+[\"'”’»)\]]*")


@lru_cache(maxsize=65536)
def parse(text: str) -> tuple[str, str, str, str]:
    """``(lead, opener, core, punct)`` of one word's text; cached, since talk repeats itself."""
    match = _TOKEN.fullmatch(text)
    assert match is not None  # the pattern accepts any string
    lead, opener, core, punct = match.groups()
    return lead, opener, core or "", punct


@lru_cache(maxsize=4096)
def mark_of(punct: str) -> str:
    """The punctuation mark that decides the rules: the last one, closing quotes ignored.

    ``"..."`` and ``"…"`` both give ``"…"`` (trailing off, not a full stop); a spaced
    dash ``" –"`` gives ``"–"``; no punctuation gives ``""``.
    """
    bare = punct.rstrip().rstrip(_CLOSERS).rstrip()
    if not bare:
        return ""
    if bare.endswith("..") or bare.endswith(ELLIPSIS):
        return ELLIPSIS
    return bare[-1]


def ends_sentence(mark: str) -> bool:
    """A full stop, question or exclamation mark closes a sentence; an ellipsis does not."""
    return mark in _SENTENCE_ENDS


class Token:
    """One word of a turn while the rules run: its parts, what has changed, and whether it is hidden."""

    __slots__ = ("lead", "opener", "core", "punct", "key", "mark", "hidden", "reason", "sentence_start")

    def __init__(self, text: str) -> None:
        self.lead, self.opener, self.core, self.punct = parse(text)
        self.key = self.core.lower()
        self.mark = mark_of(self.punct)
        self.hidden = False
        self.reason: str | None = None
        # Whether this word began a sentence in the verbatim text: a word that begins
        # one only after something before it was hidden gets a capital letter.
        self.sentence_start = False

    @property
    def is_word(self) -> bool:
        return bool(self.core)

    @property
    def is_dash(self) -> bool:
        """A dash standing alone (``–``), as typists and some ASR output write a break."""
        return not self.core and self.mark in DASHES

    @property
    def has_punct(self) -> bool:
        return bool(self.mark)

    def hide(self, reason: str) -> None:
        self.hidden = True
        self.reason = reason

    def set_punct(self, punct: str) -> None:
        self.punct = punct
        self.mark = mark_of(punct)

    def replace_mark(self, new: str) -> None:
        """Replace the deciding mark (e.g. the comma before a dropped filler) by ``new`` ("" drops it)."""
        if not self.mark:
            self.add_mark(new)
            return
        bare_end = len(self.punct.rstrip().rstrip(_CLOSERS).rstrip())
        old_len = 3 if self.mark == ELLIPSIS and self.punct[:bare_end].endswith("...") else 1
        self.set_punct(self.punct[: bare_end - old_len] + new + self.punct[bare_end:])

    def add_mark(self, new: str) -> None:
        """Put ``new`` after the word, before any closing quote."""
        bare_end = len(self.punct.rstrip(_CLOSERS))
        self.set_punct(self.punct[:bare_end] + new + self.punct[bare_end:])

    @property
    def mark_text(self) -> str:
        """The deciding mark as written: ``"..."`` stays three dots, ``"?"`` one character."""
        bare = self.punct.rstrip().rstrip(_CLOSERS).rstrip()
        if self.mark == ELLIPSIS and bare.endswith("..."):
            return "..."
        return self.mark

    @property
    def closers(self) -> str:
        """Closing quotes or brackets after the punctuation (``'."'`` gives ``'"'``)."""
        return self.punct[len(self.punct.rstrip(_CLOSERS)) :]

    def capitalise(self) -> None:
        if self.core and self.core[0].islower():
            self.core = self.core[0].upper() + self.core[1:]

    def take_case_of(self, other: Token) -> None:
        """Give this word the first letter's case of ``other`` (a restart takes the fragment's case)."""
        if not self.core or not other.core:
            return
        if other.core[0].isupper():
            self.capitalise()
        elif other.core[0].islower() and self.core[0].isupper() and self.core[1:].islower():
            # Only a capitalised ordinary word is lowered: "MSB" or a lone "I" keep theirs.
            self.core = self.core[0].lower() + self.core[1:]

    def display(self, tidy: bool) -> str:
        """The text to show; ``tidy`` removes space before punctuation (levels clean and strict)."""
        if not tidy:
            return self.lead + self.opener + self.core + self.punct
        punct = self.punct
        if len(punct) > 1:
            punct = _DOUBLED_COMMA.sub(",", _SPACE_BEFORE_PUNCT.sub("", punct))
        if not self.core and not self.opener and self.mark and self.mark not in DASHES:
            return punct.lstrip()  # a lone comma or full stop hugs the word before it
        return self.lead + self.opener + self.core + punct


def tokens_of(words: list[Word] | tuple[Word, ...]) -> list[Token]:
    """Tokens for the words of one turn, each knowing whether it began a sentence."""
    tokens = [Token(w.text) for w in words]
    previous_mark = "."  # the turn's first word begins a sentence
    for token in tokens:
        token.sentence_start = ends_sentence(previous_mark)
        previous_mark = token.mark if token.has_punct or token.core else previous_mark
    return tokens


def words_from_text(text: str) -> list[Word]:
    """Split typed text into words the way Whisper gives them: leading space and punctuation attached.

    A lone comma or full stop (``"tror , at"``) joins the word before it; a lone dash
    stays a token of its own, since it marks a break the rules look for.
    """
    pieces = _TEXT_TOKEN.findall(text)
    merged: list[str] = []
    for piece in pieces:
        if merged and _LONE_PUNCT.fullmatch(piece):
            merged[-1] += piece
        else:
            merged.append(piece)
    return [Word(text=piece) for piece in merged]
