"""The cleanup view: one decision per stored word, and the text a level shows.

The stored words are never changed. ``clean_turn`` returns, for every word of a
turn, whether the chosen level hides it, why, and the text to show in its place
(with a comma dropped or a capital letter added where the rules say so).
``render`` joins the visible texts into the turn's running text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import BadInputError
from ..project.transcript import LEVELS, Word
from .lists import WordLists, load_lists
from .rules import CLEAN_RULES, STRICT_RULES, Rule, tidy
from .tokens import tokens_of, words_from_text

DEFAULT_LEVEL = "clean"
_RULES: dict[str, tuple[Rule, ...]] = {"clean": CLEAN_RULES, "strict": STRICT_RULES}


@dataclass(frozen=True, slots=True)
class TokenView:
    """What one stored word looks like at a cleanup level.

    ``text`` keeps the word's leading space, so joining the visible texts gives the
    turn. For a hidden word it is the verbatim text (a view may show it greyed out);
    ``reason`` then says which rule hid it: filler, backchannel, fragment, repetition,
    false_start, tag or discourse_marker.
    """

    hidden: bool
    reason: str | None
    text: str


def check_level(level: str) -> str:
    """``level`` if it is one of ``LEVELS``; otherwise a ``BadInputError`` saying which exist."""
    if level not in LEVELS:
        raise BadInputError(
            f"Unknown cleanup level “{level}”. Choose one of: {', '.join(LEVELS)} (default {DEFAULT_LEVEL})."
        )
    return level


def clean_turn(
    words: Sequence[Word], level: str = DEFAULT_LEVEL, *, lists: WordLists | None = None
) -> list[TokenView]:
    """One ``TokenView`` per word of a speaker turn at ``level`` (verbatim, clean or strict).

    ``words`` are the turn's stored words (Whisper's, with leading spaces and attached
    punctuation, or words split from typed text); they are read, never modified.
    ``lists`` defaults to the Danish and English lists in ``resources/cleanup``.
    """
    check_level(level)
    if level == "verbatim":
        return [TokenView(False, None, w.text) for w in words]
    tokens = tokens_of(words)
    word_lists = lists if lists is not None else load_lists()
    for rule in _RULES[level]:
        rule(tokens, word_lists)
    tidy(tokens)
    return [
        TokenView(True, t.reason, w.text) if t.hidden else TokenView(False, None, t.display(tidy=True))
        for t, w in zip(tokens, words, strict=True)
    ]


def render(views: Sequence[TokenView], pauses: Sequence[str | None] | None = None) -> str:
    """The visible text of a turn, spaces tidied; "" when every word is hidden.

    ``pauses`` (from ``pause_marks``, verbatim view only) puts each mark before its word.
    """
    parts: list[str] = []
    for i, view in enumerate(views):
        if view.hidden:
            continue
        if pauses is not None and pauses[i]:
            parts.append(f" {pauses[i]} ")
        parts.append(view.text)
    return " ".join("".join(parts).split())


def clean_text(text: str, level: str = DEFAULT_LEVEL, *, lists: WordLists | None = None) -> str:
    """Plain text in, the turn as ``level`` shows it out (typed text, quotes, the test pairs)."""
    check_level(level)
    return render(clean_turn(words_from_text(text), level, lists=lists))
