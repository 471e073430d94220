"""What Whisper wrote, kept apart from the words the researcher corrects.

The segments' words are edited in place (``core/editing.py``), and the edit log holds no words, so
once a transcript is corrected nothing else remembers what the machine heard. ``accuracy`` needs
exactly that: the corrected words are the reference, these are the hypothesis. The transcription
stage appends each segment's text as it decodes it; editing, diarisation and cleanup never touch it.
Text and times only (no word records): it costs about a tenth of the segments' size in the file.

A project transcribed before this record existed has none (``None``, and no key in the file, so its
bytes stay as they were); a project imported from a typed transcript has none either.

This module is light (no project import) so that reading a project file stays cheap.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import fieldcheck as fc

_MAX_SECONDS = 10_000_000.0


@dataclass
class RecognisedSegment:
    """One decoded segment as Whisper wrote it: its times and its text."""

    start: float | None
    end: float | None
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass
class RecognisedText:
    """The machine transcript of a project, segment by segment, in the order decoded."""

    segments: list[RecognisedSegment] = field(default_factory=list)

    @classmethod
    def of(cls, segments) -> RecognisedText:
        """The record of ``segments`` (``Segment``s) as they are now."""
        recognised = cls()
        recognised.extend(segments)
        return recognised

    def extend(self, segments) -> None:
        """Add ``segments`` (``Segment``s just decoded) at the end."""
        self.segments.extend(RecognisedSegment(s.start, s.end, s.text) for s in segments)

    def text(self) -> str:
        """The whole machine transcript as one text."""
        return " ".join(s.text.strip() for s in self.segments if s.text.strip())

    def to_dict(self) -> dict[str, Any]:
        return {"segments": [s.to_dict() for s in self.segments]}

    @classmethod
    def read(cls, value: Any, path: str) -> RecognisedText | None:
        """The stored record (``None`` when absent); a wrong type names its field."""
        if value is None:
            return None
        stored = fc.Fields(value, path)
        segments = []
        for item in stored.records("segments", []):
            segments.append(
                RecognisedSegment(
                    start=item.optional_number("start", minimum=0, maximum=_MAX_SECONDS),
                    end=item.optional_number("end", minimum=0, maximum=_MAX_SECONDS),
                    text=item.text("text", null_is_empty=False),
                )
            )
        return cls(segments)

    @staticmethod
    def write(record: RecognisedText | None) -> dict[str, Any] | None:
        return None if record is None else record.to_dict()
