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

_KNOWN = ("method", "speakers_requested", "speakers_found", "words_to_review", "finished_at")


@dataclass
class DiarisationRecord:
    """Which diariser ran, how many speakers were asked for (None: estimated) and found, and when."""

    method: str | None = None
    speakers_requested: int | None = None
    speakers_found: int | None = None
    words_to_review: int | None = None  # words near speaker changes, worth a check
    finished_at: str | None = None  # ISO time, UTC
    extra: dict[str, Any] = field(default_factory=dict)  # keys a later build wrote, kept on save

    def to_dict(self) -> dict[str, Any]:
        """All five fields, always (``speakers_requested`` is null when the count was estimated)."""
        data: dict[str, Any] = {
            "method": self.method,
            "speakers_requested": self.speakers_requested,
            "speakers_found": self.speakers_found,
            "words_to_review": self.words_to_review,
            "finished_at": self.finished_at,
        }
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
