"""The appendix as a stream of words, each knowing its line and whether a quote may leave it out.

A quote is looked up by its words, not its characters: case, punctuation,
typographic quotes, line breaks and hyphens (``Anne-Mette`` / ``Anne Mette``)
differ between a manuscript and an appendix without changing what was said.
So both sides are cut into the same word keys (runs of letters and digits,
Unicode-normalised and case-folded).

Some words of the appendix a quote may pass over without marking an omission:

- talk language that a cleanup level hides (fillers, stutters, repetitions,
  false starts; at the strict level also tags and "altså"), because the thesis
  may quote the clean view of a verbatim appendix. Which words those are is
  decided by the cleanup rules themselves (``clean_turn``), run on the text
  the appendix prints, so it holds for a pseudonymised appendix as well;
- the verbatim view's pause marks ``(.)``, ``(3 sek.)``;
- the speaker code and timestamp before a turn (a quote copied across two
  turns of a DOCX may carry them), and a whole turn of backchannels ("I: Mm.")
  that a quote running across it leaves out.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cache

from ..cleanup import clean_turn, load_lists, words_from_text
from ..layout import Line, normalised_text

# The strictest level: a quote may be cleaned at least as much as any view cleans.
SKIP_LEVEL = "strict"
# Letters and digits; combining accents kept, so a decomposed "å" pasted from elsewhere is one word.
_WORD = re.compile(r"[\w\u0300-\u036f]+")
# The verbatim view's pause marks (cleanup/pauses.py): "(.)", "(..)", "(3 sek.)".
_PAUSE = re.compile(r"\((?:[.…]+|\d+(?:[.,]\d+)?\s*(?:sek|sec|s)\.?)\)")


def word_keys(text: str) -> list[str]:
    """The words of ``text`` as matching keys: ``"Anne-Mette's"`` → ``["anne", "mette", "s"]``."""
    return [key(match.group()) for match in _WORD.finditer(text)]


def key(word: str) -> str:
    return unicodedata.normalize("NFKC", word).casefold()


@dataclass
class WordStream:
    """Words in reading order: ``keys[i]`` stands on lines ``first_line[i]``–``last_line[i]``.

    ``skippable[i]``: a quote may leave the word out without an omission mark.
    ``lines_with_words``: every line of the whole appendix that holds a word, so that a
    stream cut down to some lines (``within``) still knows which lines a quote left out.
    """

    keys: list[str] = field(default_factory=list)
    skippable: list[bool] = field(default_factory=list)
    first_line: list[int] = field(default_factory=list)
    last_line: list[int] = field(default_factory=list)
    lines_with_words: frozenset[int] = frozenset()
    _positions: dict[str, list[int]] | None = field(default=None, repr=False)

    def __len__(self) -> int:
        return len(self.keys)

    def add(self, word: str, skippable: bool, first_line: int, last_line: int) -> None:
        self.keys.append(word)
        self.skippable.append(skippable)
        self.first_line.append(first_line)
        self.last_line.append(last_line)

    def positions(self, word: str) -> list[int]:
        """Where ``word`` (a key) stands in the stream."""
        if self._positions is None:
            self._positions = {}
            for i, k in enumerate(self.keys):
                self._positions.setdefault(k, []).append(i)
        return self._positions.get(word, [])

    def lines_of(self, positions: Iterable[int]) -> set[int]:
        lines: set[int] = set()
        for i in positions:
            lines.update(range(self.first_line[i], self.last_line[i] + 1))
        return lines

    def within(self, numbers: set[int]) -> WordStream:
        """Only the words that stand on the lines ``numbers`` (the lines a citation names)."""
        part = WordStream(lines_with_words=self.lines_with_words)
        for i in range(len(self)):
            if self.first_line[i] in numbers and self.last_line[i] in numbers:
                part.add(self.keys[i], self.skippable[i], self.first_line[i], self.last_line[i])
        return part


def appendix_words(turns: Sequence, lines: Sequence[Line]) -> WordStream:
    """The words of laid-out ``lines`` (``turns`` are the texts they were laid out from)."""
    stream = WordStream()
    by_turn: dict[int, list[Line]] = {}
    for line in lines:
        by_turn.setdefault(line.turn, []).append(line)
    for index, turn_lines in by_turn.items():
        first = turn_lines[0]
        for word in word_keys(first.prefix):  # "[00:12:34] VJ: "
            stream.add(word, True, first.number, first.number)
        printed = _printed_words(normalised_text(turns[index]), turn_lines)
        if all(word in _backchannel_keys() for word, *_ in printed):
            # A turn of only "Mm." stays in the clean view (it is the whole turn), but a quote
            # running across it, from the speaker before to the same speaker after, leaves it out.
            printed = [(word, True, first_line, last_line) for word, _, first_line, last_line in printed]
        for word, skippable, first_line, last_line in _with_unprinted(printed, turns[index]):
            stream.add(word, skippable, first_line, last_line)
    stream.lines_with_words = frozenset(stream.first_line) | frozenset(stream.last_line)
    return stream


@cache
def _backchannel_keys() -> frozenset[str]:
    lists = load_lists()
    return frozenset(k for entry in (*lists.backchannels, *lists.fillers) for k in word_keys(entry))


def _printed_words(text: str, turn_lines: list[Line]) -> list[tuple[str, bool, int, int]]:
    """(key, skippable, first line, last line) of each word a turn prints."""
    offsets = [line.offset for line in turn_lines]

    def line_at(position: int) -> int:
        return turn_lines[bisect.bisect_right(offsets, position) - 1].number

    return [
        (key(match.group()), hidden, line_at(match.start()), line_at(match.end() - 1))
        for (start, end), hidden in zip(*_pieces_and_hidden(text), strict=True)
        for match in _WORD.finditer(text, start, end)
    ]


def _with_unprinted(printed: list[tuple[str, bool, int, int]], turn) -> list[tuple[str, bool, int, int]]:
    """The printed words with, in their places, the words the appendix's cleanup level hid.

    A thesis may quote more verbatim than a clean appendix ("øh", a broken-off "sy-" the
    quote cuts off before its repair): the hidden words are in the stream, skippable, on
    the line of the word before them. Where they go is found by aligning the level's
    visible words with the printed ones, which also holds when names were replaced.
    """
    tokens = getattr(turn, "tokens", None) or []
    if not printed or not any(token.hidden for token in tokens):
        return printed
    visible, owners = [], []  # the visible tokens' keys, and which token each belongs to
    for index, token in enumerate(tokens):
        if not token.hidden:
            for word in word_keys(token.text):
                visible.append(word)
                owners.append(index)
    printed_at = {}  # key index among the visible → index among the printed
    for block in SequenceMatcher(
        None, visible, [p[0] for p in printed], autojunk=False
    ).get_matching_blocks():
        printed_at.update({block.a + k: block.b + k for k in range(block.size)})
    inserted: dict[int, list[str]] = {}  # printed index → hidden words to put before it
    before, visible_index = 0, 0
    for index, token in enumerate(tokens):
        if token.hidden:
            inserted.setdefault(before, []).extend(word_keys(token.text))
            continue
        while visible_index < len(owners) and owners[visible_index] == index:
            if visible_index in printed_at:
                before = printed_at[visible_index] + 1
            visible_index += 1
    merged = []
    for position in range(len(printed) + 1):
        line = printed[position - 1][3] if position else printed[0][2]
        merged += [(word, True, line, line) for word in inserted.get(position, [])]
        if position < len(printed):
            merged.append(printed[position])
    return merged


def _pieces_and_hidden(text: str) -> tuple[list[tuple[int, int]], list[bool]]:
    """The whitespace-separated pieces of a turn's text, and for each whether a quote may skip it."""
    pieces = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    pauses = [(m.start(), m.end()) for m in _PAUSE.finditer(text)]
    in_pause = [any(a < pe and ps < b for ps, pe in pauses) for a, b in pieces]
    spoken = [piece for piece, pause in zip(pieces, in_pause, strict=True) if not pause]
    # The cleanup rules decide what is talk language; pause marks are kept out of their way,
    # as the clean view never shows them to the rules either.
    words = words_from_text(" ".join(text[a:b] for a, b in spoken))
    spoken_hidden: list[bool] = []
    for word, view in zip(words, clean_turn(words, SKIP_LEVEL), strict=True):
        spoken_hidden += [view.hidden] * len(word.text.split())  # lone commas join the word before
    if len(spoken_hidden) != len(spoken):  # not expected; then no word counts as talk language
        spoken_hidden = [False] * len(spoken)
    hidden_of = iter(spoken_hidden)
    return pieces, [True if pause else next(hidden_of) for pause in in_pause]
