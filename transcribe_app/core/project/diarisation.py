"""How the speakers of a project were found: the diarisation stage's provenance record.

``project.diarisation`` is a ``DiarisationRecord`` once the speaker stage
(``core/diarise/stage.py``) has run, and None before (stored as ``{}``). The
transcribe command reads ``speakers_found`` and ``words_to_review`` from it to
tell the researcher what to check.

This module is light (no project import, no numpy) so that reading a project file stays cheap.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import fieldcheck as fc

_KNOWN = (
    "method",
    "speakers_requested",
    "speakers_found",
    "words_to_review",
    "finished_at",
    "voices",
    "speakers_range",
    "warnings",
    "overlaps",
)
# What became of a speaker compared with the study's enrolled voices (core/voices/matching.py).
LABELLED, UNKNOWN, AMBIGUOUS = "labelled", "unknown", "ambiguous"
OUTCOMES = (LABELLED, UNKNOWN, AMBIGUOUS)


@dataclass
class VoiceComparison:
    """One speaker found by diarisation, the enrolled voice nearest to it, and what was decided."""

    speaker: str  # S1
    voice: str  # the nearest enrolled voice's code ("" when the speaker had too little speech)
    similarity: float | None  # cosine, 0..1; None when the speaker could not be embedded
    outcome: str  # labelled (with the voice's code) | unknown (below the threshold) | ambiguous

    def to_dict(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker,
            "voice": self.voice,
            "similarity": self.similarity,
            "outcome": self.outcome,
        }

    @classmethod
    def from_dict(cls, value: Any, path: str) -> VoiceComparison:
        record = fc.Fields(value, path)
        return cls(
            speaker=record.text("speaker", null_is_empty=False),
            voice=record.text("voice", ""),
            similarity=record.optional_number("similarity", minimum=-1, maximum=1),
            outcome=record.one_of("outcome", OUTCOMES),
        )


@dataclass
class VoiceCheck:
    """The speakers compared with the voices enrolled in the study, at which threshold."""

    threshold: float
    voices: list[str]  # the codes of the voices compared with
    speakers: list[VoiceComparison] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "threshold": self.threshold,
            "voices": list(self.voices),
            "speakers": [s.to_dict() for s in self.speakers],
        }

    @classmethod
    def from_dict(cls, value: Any, path: str) -> VoiceCheck:
        record = fc.Fields(value, path)
        return cls(
            threshold=record.number("threshold", minimum=0, maximum=1),
            voices=record.text_list("voices", []),
            speakers=[
                VoiceComparison.from_dict(item, fc.join(record.at("speakers"), i))
                for i, item in enumerate(record.listing("speakers", []))
            ],
        )


@dataclass(frozen=True)
class OverlapStretch:
    """A stretch where two voices are heard at once (core/diarise/overlap.py), and whose they are.

    ``speakers`` are the diarisation's labels (S1, S2; the roster maps them to codes), the one
    talking before the stretch first; empty when the detector could not tell whose voices they are.
    """

    start: float  # seconds
    end: float
    speakers: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "speakers": list(self.speakers)}

    @classmethod
    def from_dict(cls, value: Any, path: str) -> OverlapStretch:
        record = fc.Fields(value, path)
        start = record.number("start", minimum=0)
        end = record.number("end", minimum=start)
        return cls(start=start, end=end, speakers=tuple(record.text_list("speakers", [])))


@dataclass
class DiarisationRecord:
    """Which diariser ran, how many speakers were asked for (None: estimated) and found, and when."""

    method: str | None = None
    speakers_requested: int | None = None
    speakers_found: int | None = None
    words_to_review: int | None = None  # words near speaker changes, worth a check
    finished_at: str | None = None  # ISO time, UTC
    voices: VoiceCheck | None = None  # the study's enrolled voices compared (None: the study had none)
    speakers_range: tuple[int, int] | None = None  # the range asked for (--speakers 5-8); None: none
    warnings: list[str] = field(default_factory=list)  # what to check about the count (diarise/speaker_count)
    # Stretches of overlapped speech, in time order; stored only when there are any.
    overlaps: list[OverlapStretch] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)  # keys a later build wrote, kept on save

    def to_dict(self) -> dict[str, Any]:
        """All five fields, always (``speakers_requested`` is null when the count was estimated), and
        ``voices`` when the study's enrolled voices were compared, ``speakers_range`` when a range was
        asked for, ``warnings`` when there are any and ``overlaps`` when overlapped speech was found
        (older files stay byte for byte)."""
        data: dict[str, Any] = {
            "method": self.method,
            "speakers_requested": self.speakers_requested,
            "speakers_found": self.speakers_found,
            "words_to_review": self.words_to_review,
            "finished_at": self.finished_at,
        }
        if self.voices is not None:
            data["voices"] = self.voices.to_dict()
        if self.speakers_range is not None:
            data["speakers_range"] = list(self.speakers_range)
        if self.warnings:
            data["warnings"] = list(self.warnings)
        if self.overlaps:
            data["overlaps"] = [stretch.to_dict() for stretch in self.overlaps]
        data.update(self.extra)
        return data

    @classmethod
    def from_dict(cls, value: Any, path: str = "diarisation") -> DiarisationRecord:
        record = fc.Fields(value, path)
        return cls(
            method=record.optional_text("method"),
            speakers_requested=record.optional_integer("speakers_requested", minimum=1),
            speakers_found=record.optional_integer("speakers_found", minimum=0),
            words_to_review=record.optional_integer("words_to_review", minimum=0),
            finished_at=record.optional_text("finished_at"),
            voices=VoiceCheck.from_dict(record.raw("voices"), record.at("voices"))
            if record.has("voices")
            else None,
            speakers_range=_speakers_range(record),
            warnings=record.text_list("warnings", []),
            overlaps=[
                OverlapStretch.from_dict(item, fc.join(record.at("overlaps"), i))
                for i, item in enumerate(record.listing("overlaps", []))
            ],
            extra={k: v for k, v in record.data.items() if k not in _KNOWN},
        )

    @classmethod
    def read(cls, value: Any, path: str = "diarisation") -> DiarisationRecord | None:
        """The stored part: ``{}`` (speakers never looked for) is None."""
        if fc.record(value, path) == {}:
            return None
        return cls.from_dict(value, path)

    @staticmethod
    def write(record: DiarisationRecord | None) -> dict[str, Any]:
        """The stored part: ``{}`` when speakers were never looked for (every project file has the key)."""
        return {} if record is None else record.to_dict()


def _speakers_range(record: fc.Fields) -> tuple[int, int] | None:
    """The stored ``[minimum, maximum]`` of a range asked for, checked; None when there is none."""
    if not record.has("speakers_range"):
        return None
    value = record.listing("speakers_range")
    ok = len(value) == 2 and all(isinstance(n, int) and not isinstance(n, bool) and n >= 1 for n in value)
    if not ok or value[0] > value[1]:
        raise fc.FieldError(record.at("speakers_range"), "two whole numbers, the smaller first", value)
    return (value[0], value[1])
