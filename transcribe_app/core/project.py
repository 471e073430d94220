"""The project: one interview, everything known about it, in one schema-versioned record.

The stored layers are the verbatim words (``segments``), and — filled in by
later stages — the user's edits, the cleanup level, the pseudonymisation
decisions and the saved quotes. Clean and pseudonymised texts are derived
from these, never stored in their place (DESIGN.md).
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .errors import ProjectFileError
from .transcript import Segment

SCHEMA_VERSION = 1
PROJECT_SUFFIX = ".transkript.json"
KINDS = ("elite", "focus_group")
ROLES = ("informant", "interviewer", "organisation", "other")

# Status of the transcription run, so that a crashed or cancelled run can be resumed.
IN_PROGRESS, COMPLETE, CANCELLED = "in_progress", "complete", "cancelled"


@dataclass
class AudioInfo:
    """The recording the transcript belongs to; the hash tells if it was swapped."""

    path: str | None = None  # relative to the project file where possible
    sha256: str | None = None
    duration: float | None = None


@dataclass
class Metadata:
    title: str = ""
    date: str | None = None  # ISO date of the interview
    kind: str = "elite"  # elite | focus_group
    appendix: int | None = None  # "Bilag N"
    citation_code: str | None = None  # VJ, HEK: what citations of this transcript say


@dataclass
class RosterEntry:
    """A speaker as the transcript labels them, and who they are."""

    label: str = ""  # speaker label in the segments (S1, I, VJ…); "" for someone who is only mentioned
    name: str = ""  # the real name: never exported when pseudonymising
    code: str = ""  # informant code shown in exports: VJ, I, HEK
    role: str = "other"
    aliases: list[str] = field(default_factory=list)  # other ways the text names them: "Vibse", "direktøren"
    position: str = ""  # for the informant table: "kommunaldirektør"
    area: str = ""  # for the informant table: "beskæftigelse", "Region Midt"


@dataclass
class TranscriptionRun:
    """How the words were made (provenance), and how far the run got."""

    backend: str
    model: dict[str, str]
    options: dict[str, Any]
    device: str = "cpu"
    compute_type: str = ""
    library_version: str = ""
    app_version: str = ""
    status: str = IN_PROGRESS
    transcribed_until: float = 0.0  # seconds of audio done; resume starts here
    # Where Whisper's window of the last saved segment began: a resume listens from there
    # (and keeps only words after ``transcribed_until``). None in projects made before.
    window_start: float | None = None
    verbatim_fillers: int | None = None  # fillers the verbatim-prompt pass added (None: no such pass)
    started_at: str = ""
    finished_at: str | None = None
    notices: list[str] = field(default_factory=list)


@dataclass
class Project:
    metadata: Metadata = field(default_factory=Metadata)
    audio: AudioInfo = field(default_factory=AudioInfo)
    roster: list[RosterEntry] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    transcription: TranscriptionRun | None = None
    source: str = "audio"  # audio | import
    # Layers filled by later stages; stored as given so that this version keeps them intact.
    edits: list[dict[str, Any]] = field(default_factory=list)
    cleanup_level: str | None = None
    pseudonymisation: dict[str, Any] = field(default_factory=dict)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    diarisation: dict[str, Any] = field(default_factory=dict)  # how speakers were found
    # How the last line-numbered appendix was laid out (width, timestamps, level, pseudonymised),
    # so that citations are checked against the same line numbers (core/layout.py).
    layout: dict[str, Any] = field(default_factory=dict)
    # Keys written by a later build of the same schema version, kept on save.
    extra: dict[str, Any] = field(default_factory=dict)

    def code_for(self, label: str | None) -> str | None:
        """The informant code shown for a speaker label (the label itself if unmapped)."""
        if label is None:
            return None
        for entry in self.roster:
            if entry.label and entry.label == label:
                return entry.code or label
        return label

    def audio_file(self, project_path: str | os.PathLike[str]) -> Path | None:
        """The recording's path, resolved against the project file's folder."""
        if not self.audio.path:
            return None
        return (Path(project_path).parent / self.audio.path).resolve()

    def set_audio_file(
        self, audio_path: str | os.PathLike[str], project_path: str | os.PathLike[str]
    ) -> None:
        """Store the recording's path relative to the project when they share a drive."""
        audio = Path(audio_path).resolve()
        try:
            self.audio.path = os.path.relpath(audio, Path(project_path).resolve().parent)
        except ValueError:  # different drives on Windows
            self.audio.path = str(audio)

    # -- serialisation -------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = dict(self.extra)
        data.update(
            schema_version=SCHEMA_VERSION,
            app="Transkript",
            source=self.source,
            metadata=asdict(self.metadata),
            audio=asdict(self.audio),
            roster=[asdict(r) for r in self.roster],
            transcription=asdict(self.transcription) if self.transcription else None,
            segments=[s.to_dict() for s in self.segments],
            edits=self.edits,
            cleanup_level=self.cleanup_level,
            pseudonymisation=self.pseudonymisation,
            quotes=self.quotes,
            diarisation=self.diarisation,
        )
        if self.layout:  # absent until an appendix is exported: older files stay as they were
            data["layout"] = self.layout
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any], where: str = "the project file") -> Project:
        """Build a project from its stored form, with a clear error for anything malformed."""
        if not isinstance(data, dict):
            raise ProjectFileError(f"{where} is not a Transkript project (no project record inside).")
        version = data.get("schema_version")
        if not isinstance(version, int):
            raise ProjectFileError(f"{where} is not a Transkript project (no schema version).")
        if version > SCHEMA_VERSION:
            raise ProjectFileError(
                f"{where} was saved by a newer Transkript (project format {version}; this version "
                f"reads up to {SCHEMA_VERSION}). Update Transkript to open it; the file is unchanged."
            )
        try:
            run = data.get("transcription")
            project = cls(
                metadata=Metadata(**data.get("metadata", {})),
                audio=AudioInfo(**data.get("audio", {})),
                roster=[RosterEntry(**r) for r in data.get("roster", [])],
                segments=[Segment.from_dict(s) for s in data.get("segments", [])],
                transcription=TranscriptionRun(**run) if run else None,
                source=data.get("source", "audio"),
                edits=list(data.get("edits", [])),
                cleanup_level=data.get("cleanup_level"),
                pseudonymisation=dict(data.get("pseudonymisation", {})),
                quotes=list(data.get("quotes", [])),
                diarisation=dict(data.get("diarisation", {})),
                layout=dict(data.get("layout") or {}),
            )
        except (TypeError, KeyError, ValueError) as exc:
            raise ProjectFileError(f"{where} is damaged: a part of it is not as expected ({exc}).") from exc
        project.extra = {k: v for k, v in data.items() if k not in _KNOWN_KEYS}
        project.validate(where)
        return project

    def validate(self, where: str = "the project") -> None:
        if self.metadata.kind not in KINDS:
            raise ProjectFileError(f"{where}: kind must be elite or focus_group, not “{self.metadata.kind}”.")
        for entry in self.roster:
            if entry.role not in ROLES:
                raise ProjectFileError(
                    f"{where}: roster role “{entry.role}” is not one of {', '.join(ROLES)}."
                )


_KNOWN_KEYS = {
    "schema_version",
    "app",
    "source",
    "metadata",
    "audio",
    "roster",
    "transcription",
    "segments",
    "edits",
    "cleanup_level",
    "pseudonymisation",
    "quotes",
    "diarisation",
    "layout",
}


def default_project_path(audio_or_text: str | os.PathLike[str]) -> Path:
    """``interview.m4a`` → ``interview.transkript.json`` beside it."""
    source = Path(audio_or_text)
    return source.with_name(source.stem + PROJECT_SUFFIX)
