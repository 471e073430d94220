"""The word layer: the small typed records every stage after ASR works on.

A ``Segment`` is what Whisper decodes as one unit (a sentence or so); its
``words`` carry the timings and probabilities that later stages (cleanup,
pauses, low-confidence shading, diarisation, citations) are computed from.
Imported typed transcripts have words without timings (``start``/``end`` None).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


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
    def from_dict(cls, data: dict[str, Any]) -> Word:
        return cls(
            text=str(data["text"]),
            start=_opt_float(data.get("start")),
            end=_opt_float(data.get("end")),
            probability=_opt_float(data.get("probability")),
            speaker=data.get("speaker"),
            speaker_confidence=_opt_float(data.get("speaker_confidence")),
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
    def from_dict(cls, data: dict[str, Any]) -> Segment:
        return cls(
            id=int(data["id"]),
            start=_opt_float(data.get("start")),
            end=_opt_float(data.get("end")),
            text=str(data["text"]),
            words=[Word.from_dict(w) for w in data.get("words", [])],
            speaker=data.get("speaker"),
            avg_logprob=_opt_float(data.get("avg_logprob")),
            no_speech_prob=_opt_float(data.get("no_speech_prob")),
        )


def _opt_float(value: Any) -> float | None:
    return None if value is None else float(value)


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
