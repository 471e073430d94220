"""The transcript as the researcher reads it: speaker turns at a cleanup level.

A view is computed from the stored layers every time (DESIGN.md): the verbatim
words and the chosen level go in, turns with their displayed text come out.
Nothing here changes the project. Pauses appear only in the verbatim view,
from the gaps between word timings.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..project.record import Project
from ..project.transcript import Segment, Word
from . import DEFAULT_LEVEL, PauseConventions, TokenView, check_level, clean_turn, pause_marks, render
from . import words_from_text as _words_from_text
from .overlap_marks import overlap_flags, text_word_flags


@dataclass
class TurnView:
    """One speaker's turn: consecutive segments of the same speaker."""

    speaker: str | None  # the code shown in exports (VJ, I), or None when speakers are unknown
    start: float | None
    end: float | None
    words: list[Word]
    tokens: list[TokenView]
    text: str  # what the level shows; "" when the level hides the whole turn
    segments: list[Segment] = field(default_factory=list)
    # One flag per word of ``text``: spoken while another voice was heard (empty when none was).
    overlapped: list[bool] = field(default_factory=list)

    @property
    def verbatim_text(self) -> str:
        return " ".join("".join(w.text for w in self.words).split())


def project_level(project: Project) -> str:
    """The cleanup level the project stores (clean when none was chosen)."""
    return check_level(project.cleanup_level or DEFAULT_LEVEL)


def transcript_view(
    project: Project, level: str | None = None, *, pauses: PauseConventions | None = None
) -> list[TurnView]:
    """Every turn of the transcript at ``level`` (default: the project's), empty turns included."""
    level = check_level(level) if level else project_level(project)
    stretches = project.diarisation.overlaps if project.diarisation is not None else []
    views = []
    for speaker, segments in speaker_turns(project):
        words = [w for s in segments for w in (s.words or _words_from_text(s.text))]
        tokens = clean_turn(words, level)
        marks = pause_marks(words, pauses) if level == "verbatim" else None
        view = TurnView(
            speaker, segments[0].start, segments[-1].end, words, tokens, render(tokens, marks), segments
        )
        if stretches:
            flags = overlap_flags([(w.start, w.end) for w in words], stretches)
            if any(flags):
                view.overlapped = text_word_flags(tokens, marks, flags)
        views.append(view)
    return views


def speaker_turns(project: Project) -> list[tuple[str | None, list[Segment]]]:
    """Group consecutive segments by speaker code; without speakers each segment stands alone."""
    turns: list[tuple[str | None, list[Segment]]] = []
    for segment in project.segments:
        if not segment.text.strip():
            continue
        code = project.code_for(segment.speaker)
        if turns and code is not None and turns[-1][0] == code:
            turns[-1][1].append(segment)
        else:
            turns.append((code, [segment]))
    return turns
