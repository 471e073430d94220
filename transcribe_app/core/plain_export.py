"""Plain exports of the verbatim transcript: text with speakers and times, and JSON.

These are the simple formats for checking and for other programs; the
line-numbered thesis appendices (DOCX/PDF) and the QDA formats build on the
layout function in a later stage.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .project import Project
from .transcript import Segment

FORMATS = ("txt", "json")


@dataclass
class Turn:
    """Consecutive segments of one speaker, shown as one paragraph."""

    speaker: str | None
    start: float | None
    end: float | None
    text: str


def turns(project: Project) -> list[Turn]:
    """Group segments into speaker turns; without speakers every segment is its own line."""
    result: list[Turn] = []
    for segment in project.segments:
        text = segment.text.strip()
        if not text:
            continue
        code = project.code_for(segment.speaker)
        if result and code is not None and result[-1].speaker == code:
            last = result[-1]
            last.text = f"{last.text} {text}"
            last.end = segment.end if segment.end is not None else last.end
        else:
            result.append(Turn(code, segment.start, segment.end, text))
    return result


def timestamp(seconds: float | None) -> str:
    """``[hh:mm:ss]``, the form QDA programs and typists use."""
    if seconds is None:
        return ""
    total = int(seconds)
    return f"[{total // 3600:02d}:{total % 3600 // 60:02d}:{total % 60:02d}]"


def to_text(project: Project) -> str:
    lines = []
    for turn in turns(project):
        parts = [timestamp(turn.start), f"{turn.speaker}:" if turn.speaker else "", turn.text]
        lines.append(" ".join(p for p in parts if p))
    return "\n".join(lines) + "\n"


def to_json(project: Project) -> dict[str, Any]:
    """The transcript for other programs: speaker codes, times and words, no real names."""
    return {
        "title": project.metadata.title,
        "citation_code": project.metadata.citation_code,
        "duration": project.audio.duration,
        "segments": [_segment_record(project, s) for s in project.segments],
    }


def _segment_record(project: Project, segment: Segment) -> dict[str, Any]:
    return {
        "start": segment.start,
        "end": segment.end,
        "speaker": project.code_for(segment.speaker),
        "text": segment.text.strip(),
        "words": [
            {"text": w.text.strip(), "start": w.start, "end": w.end, "probability": w.probability}
            for w in segment.words
        ],
    }
