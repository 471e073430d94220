"""Pause marks for the verbatim view, after the f4 / Dresing & Pehl transcription conventions.

A silence between two words of a turn becomes a mark before the second word:
about a second "(.)", about two "(..)", longer ones "(N sek.)" with the whole
seconds. Only the verbatim view shows them; the clean views drop pauses, as the
thesis' method chapter says. Words without timings (typed transcripts) give none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import BadInputError
from ..project.transcript import Word


@dataclass(frozen=True)
class PauseConventions:
    """Where a gap becomes a mark, and how each mark is written (``{seconds}``: whole seconds)."""

    short_s: float = 1.0
    medium_s: float = 2.0
    long_s: float = 3.0
    short_mark: str = "(.)"
    medium_mark: str = "(..)"
    long_mark: str = "({seconds} sek.)"

    def __post_init__(self) -> None:
        if not 0 < self.short_s <= self.medium_s <= self.long_s:
            raise BadInputError(
                "Pause thresholds must grow: short ≤ medium ≤ long, all above 0 seconds "
                f"(got {self.short_s}, {self.medium_s}, {self.long_s})."
            )

    def mark(self, gap_s: float) -> str | None:
        """The mark for a silence of ``gap_s`` seconds, or None when it is too short to mark."""
        gap_s = round(gap_s, 3)  # word times are kept to the millisecond; finer is float noise
        if gap_s < self.short_s:
            return None
        if gap_s < self.medium_s:
            return self.short_mark
        if gap_s < self.long_s:
            return self.medium_mark
        return self.long_mark.format(seconds=int(gap_s))

    def marks_pattern(self) -> re.Pattern[str]:
        """Any mark these conventions write, standing alone between spaces."""
        long_mark = re.escape(self.long_mark).replace(re.escape("{seconds}"), r"\d+")
        marks = "|".join([re.escape(self.short_mark), re.escape(self.medium_mark), long_mark])
        return re.compile(rf"(?<!\S)(?:{marks})(?!\S)")


def pause_marks(words: Sequence[Word], conventions: PauseConventions | None = None) -> list[str | None]:
    """For each word of a turn, the pause mark to show before it (None: no pause, or no timings)."""
    conventions = conventions or PauseConventions()
    marks: list[str | None] = [None] * len(words)
    for i in range(1, len(words)):
        end, start = words[i - 1].end, words[i].start
        if end is not None and start is not None:
            marks[i] = conventions.mark(start - end)
    return marks


def strip_pause_marks(text: str, conventions: PauseConventions | None = None) -> str:
    """``text`` without the pause marks a verbatim view shows (they come from the timings, not words).

    The editor shows the verbatim view with its marks, as the appendix prints it;
    what the researcher types there goes back to the words without them.
    """
    return " ".join((conventions or PauseConventions()).marks_pattern().sub(" ", text).split())
