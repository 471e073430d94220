"""The word layer: the small typed records every stage after ASR works on.

A ``Segment`` is what Whisper decodes as one unit (a sentence or so); its
``words`` carry the timings and probabilities that later stages (cleanup,
pauses, low-confidence shading, diarisation, citations) are computed from.
Imported typed transcripts have words without timings (``start``/``end`` None).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import fieldcheck as fc

# No recording is longer than this (about 115 days); a larger time is a damaged file.
MAX_SECONDS = 10_000_000.0
# Words Whisper was less sure of than this (``Word.probability``) are the ones shown for review: shaded in
# the editor (its default; the researcher can change it there) and counted by ``transcribe-app info``.
LOW_CONFIDENCE = 0.5
# How much talk language a view of the transcript shows (core/cleanup); stored in the project
# (cleanup_level) and in the appendix record, so kept here, where loading a project is cheap.
LEVELS: tuple[str, ...] = ("verbatim", "clean", "strict")


@dataclass
class Word:
    """One spoken word as Whisper heard it (text keeps its leading space/punctuation)."""

    text: str
    start: float | None = None
    end: float | None = None
    probability: float | None = None
    speaker: str | None = None
    # How sure diarisation is that ``speaker`` said this word (0..1); None until diarised.
    speaker_confidence: float | None = None

    def to_dict(self) -> dict[str, Any]:
        # Written out field by field: a two-hour transcript has tens of thousands of words and
        # dataclasses.asdict (recursive, copying) made every autosave take a noticeable pause.
        data = {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "probability": self.probability,
            "speaker": self.speaker,
        }
        if self.speaker_confidence is not None:  # undiarised projects keep the file layout they had
            data["speaker_confidence"] = self.speaker_confidence
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any], path: str = "word") -> Word:
        """A word from its stored form; ``fieldcheck.FieldError`` names the field that is wrong."""
        return cls.from_fields(fc.Fields(data, path))

    @classmethod
    def from_fields(cls, fields: fc.Fields) -> Word:
        return cls(
            text=fields.text("text", null_is_empty=False),
            start=_time(fields, "start"),
            end=_time(fields, "end"),
            probability=_share(fields, "probability"),
            speaker=fields.optional_text("speaker"),
            speaker_confidence=_share(fields, "speaker_confidence"),
        )


@dataclass
class Segment:
    """A stretch of speech decoded together, with its words."""

    id: int
    start: float | None
    end: float | None
    text: str
    words: list[Word] = field(default_factory=list)
    speaker: str | None = None
    avg_logprob: float | None = None
    no_speech_prob: float | None = None
    # Where the 30 s window Whisper decoded this segment in began (s). Only the pipeline
    # uses it, to resume a run (``TranscriptionRun.window_start``); it is not saved per segment.
    window_start: float | None = field(default=None, compare=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "words": [w.to_dict() for w in self.words],
            "speaker": self.speaker,
            "avg_logprob": self.avg_logprob,
            "no_speech_prob": self.no_speech_prob,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], path: str = "segment") -> Segment:
        """A segment from its stored form; ``fieldcheck.FieldError`` names the field that is wrong."""
        return cls.from_fields(fc.Fields(data, path))

    @classmethod
    def from_fields(cls, fields: fc.Fields) -> Segment:
        return cls(
            id=fields.integer("id"),
            start=_time(fields, "start"),
            end=_time(fields, "end"),
            text=fields.text("text", null_is_empty=False),
            words=[Word.from_fields(word) for word in fields.records("words", [])],
            speaker=fields.optional_text("speaker"),
            avg_logprob=_float(fields.optional_number("avg_logprob")),
            no_speech_prob=_share(fields, "no_speech_prob"),
        )


def _float(value: float | None) -> float | None:
    # Stored integers read as floats, as they always have (``1`` is written back as ``1.0``).
    return None if value is None else float(value)


def _time(fields: fc.Fields, key: str) -> float | None:
    return _float(fields.optional_number(key, minimum=0, maximum=MAX_SECONDS))


def _share(fields: fc.Fields, key: str) -> float | None:
    return _float(fields.optional_number(key, minimum=0, maximum=1))


def transcript_text(segments: list[Segment]) -> str:
    """The plain running text of a transcript, one space between segments."""
    return " ".join(s.text.strip() for s in segments if s.text.strip())


def rounded_seconds(value: float) -> float:
    """Times are kept to the millisecond: finer digits are float noise, not information."""
    return round(float(value), 3)


def clock_time(seconds: float) -> str:
    """``1:02:03``: a position in a recording as a researcher reads it."""
    seconds = int(seconds)
    return f"{seconds // 3600:d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
