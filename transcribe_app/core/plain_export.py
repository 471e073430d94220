"""Plain exports of a transcript view: text with speakers and times, and JSON.

Both honour the cleanup level (the project's, or one given). These are the
simple formats for checking and for other programs; the line-numbered thesis
appendices (DOCX/PDF) and the QDA formats build on the layout function.
"""

from __future__ import annotations

from typing import Any

from .project import Project
from .views import TurnView, project_level, transcript_view

FORMATS = ("txt", "json")


def timestamp(seconds: float | None) -> str:
    """``[hh:mm:ss]``, the form QDA programs and typists use."""
    if seconds is None:
        return ""
    total = int(seconds)
    return f"[{total // 3600:02d}:{total % 3600 // 60:02d}:{total % 60:02d}]"


def to_text(project: Project, level: str | None = None) -> str:
    """One line per turn: ``[hh:mm:ss] CODE: text``; turns the level hides entirely are left out."""
    lines = []
    for turn in transcript_view(project, level):
        if turn.text:
            parts = [timestamp(turn.start), f"{turn.speaker}:" if turn.speaker else "", turn.text]
            lines.append(" ".join(p for p in parts if p))
    return "\n".join(lines) + "\n"


def to_json(project: Project, level: str | None = None) -> dict[str, Any]:
    """The transcript for other programs: speaker codes, times, the text at the level, and
    every verbatim word with whether the level hides it. Never real names from the roster."""
    turns = transcript_view(project, level)
    return {
        "title": project.metadata.title,
        "citation_code": project.metadata.citation_code,
        "duration": project.audio.duration,
        "level": level or project_level(project),
        "turns": [_turn_record(turn) for turn in turns],
    }


def _turn_record(turn: TurnView) -> dict[str, Any]:
    return {
        "start": turn.start,
        "end": turn.end,
        "speaker": turn.speaker,
        "text": turn.text,
        "words": [
            {
                "text": word.text.strip(),
                "start": word.start,
                "end": word.end,
                "probability": word.probability,
                "hidden": view.reason if view.hidden else None,
            }
            for word, view in zip(turn.words, turn.tokens, strict=True)
        ],
    }
