"""Plain exports of a transcript view: one line per turn with speakers and times, and JSON.

Both honour the cleanup level (the project's, or one given). These are the
simple formats for checking and for other programs (``export --format plain``
and ``json``); ``turns_text`` and ``turns_json`` take turns already computed,
so the export pipeline (core/exports) can pass them pseudonymised. The
line-numbered appendices and the QDA formats build on the layout function.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..cleanup.transcript_view import TurnView, project_level, transcript_view
from ..layout import clock_stamp
from ..project.record import Project


def timestamp(seconds: float | None) -> str:
    """``[hh:mm:ss]``, the form QDA programs and typists use."""
    return "" if seconds is None else clock_stamp(seconds)


def to_text(project: Project, level: str | None = None) -> str:
    """One line per turn: ``[hh:mm:ss] CODE: text``; turns the level hides entirely are left out."""
    return turns_text(transcript_view(project, level))


def turns_text(turns: Sequence[TurnView]) -> str:
    """``to_text`` for turns already computed (and perhaps pseudonymised by the export pipeline)."""
    lines = []
    for turn in turns:
        if turn.text:
            parts = [timestamp(turn.start), f"{turn.speaker}:" if turn.speaker else "", turn.text]
            lines.append(" ".join(p for p in parts if p))
    return "\n".join(lines) + "\n"


def to_json(project: Project, level: str | None = None) -> dict[str, Any]:
    """The transcript for other programs: speaker codes, times, the text at the level, and
    every verbatim word with whether the level hides it. Never real names from the roster."""
    return turns_json(project, transcript_view(project, level), level)


def turns_json(
    project: Project, turns: Sequence[TurnView], level: str | None = None, *, words: bool = True
) -> dict[str, Any]:
    """``to_json`` for turns already computed; ``words=False`` leaves the stored words out
    (a pseudonymised export: the words are the verbatim layer, real names included)."""
    return {
        "title": project.metadata.title,
        "citation_code": project.metadata.citation_code,
        "duration": project.audio.duration,
        "level": level or project_level(project),
        "turns": [_turn_record(turn, words) for turn in turns],
    }


def _turn_record(turn: TurnView, words: bool = True) -> dict[str, Any]:
    record: dict[str, Any] = {
        "start": turn.start,
        "end": turn.end,
        "speaker": turn.speaker,
        "text": turn.text,
    }
    if words:
        record["words"] = _word_records(turn)
    return record


def _word_records(turn: TurnView) -> list[dict[str, Any]]:
    return [
        {
            "text": word.text.strip(),
            "start": word.start,
            "end": word.end,
            "probability": word.probability,
            "hidden": view.reason if view.hidden else None,
        }
        for word, view in zip(turn.words, turn.tokens, strict=True)
    ]
