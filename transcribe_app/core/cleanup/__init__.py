"""Talk-language cleanup: the clean and strict views of a turn, computed from its verbatim words.

The rules are those of ``tests/data/cleanup/README.md`` (fillers, backchannels,
fragments, stutter repetitions, false starts; at strict also tag questions and
clause-initial "altså"). They mark words as hidden with a reason and never change
the stored words, so the user can always switch back to verbatim.

    views = clean_turn(turn_words, "clean")     # one TokenView per word
    text = render(views)                        # the turn as the clean view shows it
    clean_text("Øh, jeg jeg tror det.")         # "Jeg tror det."
"""

from __future__ import annotations

from .levels import DEFAULT_LEVEL, LEVELS, TokenView, check_level, clean_text, clean_turn, render
from .lists import WordLists, load_lists
from .pauses import PauseConventions, pause_marks, strip_pause_marks
from .rules import (
    BACKCHANNEL,
    DISCOURSE_MARKER,
    FALSE_START,
    FILLER,
    FRAGMENT,
    REASONS,
    REPETITION,
    TAG,
)
from .tokens import words_from_text

__all__ = [
    "BACKCHANNEL",
    "DEFAULT_LEVEL",
    "DISCOURSE_MARKER",
    "FALSE_START",
    "FILLER",
    "FRAGMENT",
    "LEVELS",
    "REASONS",
    "REPETITION",
    "TAG",
    "PauseConventions",
    "TokenView",
    "WordLists",
    "check_level",
    "clean_text",
    "clean_turn",
    "load_lists",
    "pause_marks",
    "render",
    "strip_pause_marks",
    "words_from_text",
]
