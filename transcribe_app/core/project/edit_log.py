"""The edit log: one entry per edit the researcher made, never the words themselves.

``project.edits`` holds an ``EditEntry`` per edit (``core/editing.py`` writes them):
what kind of edit, which segment ids it touched, when, and how many invisible
characters the typed text lost (``text_form``), when it lost any. A shared edit
log therefore leaks nothing of the interview.

This module is light (no project import) so that reading a project file stays cheap.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import fieldcheck as fc

_KNOWN = ("kind", "segments", "at", "invisible_removed")


@dataclass
class EditEntry:
    """One edit: its kind (``text``, ``speaker``, ``split``…), the segment ids, the time (ISO, UTC)."""

    kind: str = ""
    segments: list[int] = field(default_factory=list)
    at: str | None = None  # absent in the file when None
    invisible_removed: int = 0  # written only when some were removed
    extra: dict[str, Any] = field(default_factory=dict)  # keys a later build wrote, kept on save

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind, "segments": list(self.segments)}
        if self.at is not None:
            data["at"] = self.at
        if self.invisible_removed:
            data["invisible_removed"] = self.invisible_removed
        data.update(self.extra)
        return data

    @classmethod
    def from_dict(cls, value: Any, path: str = "edits[0]") -> EditEntry:
        """An entry as stored; a wrong type names its field (``edits[3].segments[0]``)."""
        entry = fc.Fields(value, path)
        segments = entry.listing("segments", [])
        return cls(
            kind=entry.text("kind", ""),
            segments=[fc.integer(s, fc.join(entry.at("segments"), i)) for i, s in enumerate(segments)],
            at=entry.optional_text("at"),
            invisible_removed=entry.integer("invisible_removed", 0, minimum=0),
            extra={k: v for k, v in entry.data.items() if k not in _KNOWN},
        )
