"""Overlapped speech in the text: which words of a turn were spoken over another voice, and the marks.

The diarisation stores the stretches where two voices were heard at once
(``DiarisationRecord.overlaps``, ``core/diarise/overlap.py``). ``transcript_view``
gives each turn the words of its text that fall in one (``TurnView.overlapped``);
``marked_turns`` then puts the convention the researcher chose around each run of
them, after the pseudonymisation hook, so that the names are found and replaced
in the unmarked text exactly as the stored decisions say, and every export
format prints the same marks (it runs in ``exports/document.py`` ``prepare``,
before the layout numbers the lines):

- ``none``: no marks (the default; the text is as it always was);
- ``slashes``: noScribe's ``//ja men det//``;
- ``brackets``: Jefferson's ``[ja men det]`` (the onset and end of overlap).

The convention changes the characters on a line, so the appendix record keeps it
(``AppendixRecord.overlap_marks``) and a citation lays out the lines the same way.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from .levels import TokenView

if TYPE_CHECKING:
    from ..project.diarisation import OverlapStretch
    from .transcript_view import TurnView

MARKS = {"slashes": ("//", "//"), "brackets": ("[", "]")}


def overlap_flags(
    times: Iterable[tuple[float | None, float | None]], stretches: Sequence[OverlapStretch]
) -> list[bool]:
    """For each word's ``(start, end)``: whether it lies in an overlapped stretch (its middle does).

    ``stretches`` in time order, not overlapping (as ``merge_stretches`` gives them). A word
    without times (typed in, imported) is not known to be in one.
    """
    starts = [s.start for s in stretches]
    flags = []
    for start, end in times:
        if start is None or end is None or not stretches:
            flags.append(False)
            continue
        middle = (start + max(end, start)) / 2
        i = bisect.bisect_right(starts, middle) - 1
        flags.append(i >= 0 and stretches[i].start <= middle <= stretches[i].end)
    return flags


def text_word_flags(
    tokens: Sequence[TokenView], pauses: Sequence[str | None] | None, overlapped: Sequence[bool]
) -> list[bool]:
    """For each word of the text ``render(tokens, pauses)`` gives: whether a stored word in overlap
    stands in it. ``overlapped`` has one flag per token (stored word); pause marks are never in one."""
    characters: list[str] = []
    flags: list[bool] = []
    for i, view in enumerate(tokens):
        if view.hidden:
            continue
        if pauses is not None and pauses[i]:
            piece = f" {pauses[i]} "
            characters.append(piece)
            flags.extend([False] * len(piece))
        characters.append(view.text)
        flags.extend([bool(overlapped[i])] * len(view.text))
    out: list[bool] = []
    inside = False  # in a word (render joins the text's words as str.split finds them)
    for character, flag in zip("".join(characters), flags, strict=True):
        if character.isspace():
            inside = False
        elif inside:
            out[-1] = out[-1] or flag
        else:
            out.append(flag)
            inside = True
    return out


def marked_turns(view: Sequence[TurnView], turns: Sequence[TurnView], convention: str) -> list[TurnView]:
    """``turns`` (the view after the export's hook) with each run of overlapped words marked.

    ``view`` is the same transcript before the hook: its ``overlapped`` flags belong to its
    text's words, and they are carried to the hooked text word by word (a replaced name in an
    overlap is a pseudonym in it). ``convention`` ``none`` leaves the turns as they are.
    """
    if convention not in MARKS:
        return list(turns)
    out = []
    for before, after in zip(view, turns, strict=True):
        old = before.text.split()
        if not any(before.overlapped) or len(before.overlapped) != len(old):
            out.append(after)
            continue
        new = after.text.split()
        flags = _carried(old, before.overlapped, new)
        out.append(dataclasses.replace(after, text=_with_marks(new, flags, convention)))
    return out


def _carried(old: list[str], flags: Sequence[bool], new: list[str]) -> list[bool]:
    """The flags of ``old``'s words given to ``new``'s, where the texts agree and across a change."""
    if old == new:
        return list(flags)
    out = [False] * len(new)
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            out[j1:j2] = flags[i1:i2]
        elif tag in ("replace", "insert"):
            # A name made a pseudonym (or words put in): in overlap if what it replaced was, or, for an
            # insertion, if the words on both sides of it are.
            around = flags[i1:i2] if i2 > i1 else flags[max(i1 - 1, 0) : i1 + 1]
            flagged = any(around) if i2 > i1 else (len(around) == 2 and all(around))
            out[j1:j2] = [flagged] * (j2 - j1)
    return out


def _with_marks(words: list[str], flags: list[bool], convention: str) -> str:
    opening, closing = MARKS[convention]
    marked = list(words)
    for i, flag in enumerate(flags):
        if flag and (i == 0 or not flags[i - 1]):
            marked[i] = opening + marked[i]
        if flag and (i == len(flags) - 1 or not flags[i + 1]):
            marked[i] = marked[i] + closing
    return " ".join(marked)
