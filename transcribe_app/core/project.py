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

from . import fieldcheck as fc
from . import stored_parts
from .citations.basket import Quote, quotes_from_list
from .errors import ProjectFileError
from .transcript import MAX_SECONDS, Segment

SCHEMA_VERSION = 1
PROJECT_SUFFIX = ".transkript.json"
KINDS = ("elite", "focus_group")
ROLES = ("informant", "interviewer", "organisation", "other")

# Status of the transcription run, so that a crashed or cancelled run can be resumed.
IN_PROGRESS, COMPLETE, CANCELLED = "in_progress", "complete", "cancelled"
STATUSES = (IN_PROGRESS, COMPLETE, CANCELLED)


@dataclass
class AudioInfo:
    """The recording the transcript belongs to; the hash tells if it was swapped."""

    path: str | None = None  # relative to the project file where possible
    sha256: str | None = None
    duration: float | None = None

    @classmethod
    def from_fields(cls, fields: fc.Fields) -> AudioInfo:
        _only_known(fields, cls)
        return cls(
            path=fields.optional_text("path"),
            sha256=fields.optional_text("sha256"),
            duration=fields.optional_number("duration", minimum=0, maximum=MAX_SECONDS),
        )


@dataclass
class Metadata:
    title: str = ""
    date: str | None = None  # ISO date of the interview
    kind: str = "elite"  # elite | focus_group
    appendix: int | None = None  # "Bilag N"
    citation_code: str | None = None  # VJ, HEK: what citations of this transcript say

    @classmethod
    def from_fields(cls, fields: fc.Fields) -> Metadata:
        _only_known(fields, cls)
        return cls(
            title=fields.text("title", ""),
            date=fields.optional_text("date"),
            kind=fields.one_of("kind", KINDS, "elite"),
            appendix=fields.optional_integer("appendix", minimum=0, maximum=1_000_000),
            citation_code=fields.optional_text("citation_code"),
        )


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

    @classmethod
    def from_fields(cls, fields: fc.Fields) -> RosterEntry:
        _only_known(fields, cls)
        return cls(
            label=fields.text("label", ""),
            name=fields.text("name", ""),
            code=fields.text("code", ""),
            role=fields.one_of("role", ROLES, "other"),
            aliases=fields.text_list("aliases", []),
            position=fields.text("position", ""),
            area=fields.text("area", ""),
        )


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

    @classmethod
    def from_fields(cls, fields: fc.Fields) -> TranscriptionRun:
        _only_known(fields, cls)
        model = fields.record("model")
        for key, value in model.data.items():
            fc.text(value, model.at(key))
        return cls(
            backend=fields.text("backend", null_is_empty=False),
            model=model.data,
            options=_options(fields.record("options")),
            device=fields.text("device", "cpu"),
            compute_type=fields.text("compute_type", ""),
            library_version=fields.text("library_version", ""),
            app_version=fields.text("app_version", ""),
            status=fields.one_of("status", STATUSES, IN_PROGRESS),
            transcribed_until=fields.number("transcribed_until", 0.0, minimum=0, maximum=MAX_SECONDS),
            window_start=fields.optional_number("window_start", minimum=0, maximum=MAX_SECONDS),
            verbatim_fillers=fields.optional_integer("verbatim_fillers", minimum=0),
            started_at=fields.text("started_at", ""),
            finished_at=fields.optional_text("finished_at"),
            notices=fields.text_list("notices", []),
        )


def _options(fields: fc.Fields) -> dict[str, Any]:
    """The transcription options as stored (asr.TranscriptionOptions), each known one checked."""
    for key in ("model", "device"):
        if fields.has(key):
            fields.text(key, null_is_empty=False)
    for key in ("language", "compute_type", "initial_prompt"):
        fields.optional_text(key)
    if fields.has("beam_size"):
        fields.integer("beam_size", minimum=1, maximum=100)
    for key in ("condition_on_previous_text", "verbatim_prompt"):
        if fields.has(key):
            fields.boolean(key)
    if fields.has("temperature"):
        for index, value in enumerate(fields.listing("temperature")):
            fc.number(value, fc.join(fields.at("temperature"), index), minimum=0, maximum=10)
    return fields.data


def _only_known(fields: fc.Fields, record_type: type) -> None:
    """Refuse a field a record does not have: this version would drop it on the next save."""
    unknown = fields.unknown(frozenset(record_type.__dataclass_fields__))
    if unknown:
        raise fc.FieldError(
            fields.at(unknown[0]),
            "a field this version of Transkript knows",
            found="it is not; a later version may have written it",
        )


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
    quotes: list[Quote] = field(default_factory=list)  # the quote basket (core/citations/basket.py)
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
            quotes=[quote.to_dict() for quote in self.quotes],
            diarisation=self.diarisation,
        )
        if self.layout:  # absent until an appendix is exported: older files stay as they were
            data["layout"] = self.layout
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any], where: str = "the project file") -> Project:
        """Build a project from its stored form, with a clear error for anything malformed.

        Every field is checked as it is read (type, range, finite numbers), and the error
        names it: "“x.transkript.json” is damaged: segments[12].words[3].start must be a
        number (it is text)." Keys this version does not know are kept in ``extra``.
        """
        if not isinstance(data, dict):
            raise ProjectFileError(f"{where} is not a Transkript project (no project record inside).")
        version = data.get("schema_version")
        if isinstance(version, bool) or not isinstance(version, int):
            raise ProjectFileError(f"{where} is not a Transkript project (no schema version).")
        if version > SCHEMA_VERSION:
            raise ProjectFileError(
                f"{where} was saved by a newer Transkript (project format {version}; this version "
                f"reads up to {SCHEMA_VERSION}). Update Transkript to open it; the file is unchanged."
            )
        try:
            fc.check_depth(data, "the project")
            fields = fc.Fields(data, "")
            run = data.get("transcription")
            project = cls(
                metadata=Metadata.from_fields(fields.record("metadata", {})),
                audio=AudioInfo.from_fields(fields.record("audio", {})),
                roster=[RosterEntry.from_fields(entry) for entry in fields.records("roster", [])],
                segments=[Segment.from_fields(s) for s in fields.records("segments", [])],
                transcription=TranscriptionRun.from_fields(fields.record("transcription")) if run else None,
                source=fields.text("source", "audio", null_is_empty=False),
                edits=stored_parts.check_edits(fields.raw("edits", [])),
                cleanup_level=fields.optional_text("cleanup_level"),
                pseudonymisation=stored_parts.check_pseudonymisation(fields.raw("pseudonymisation", {})),
                quotes=quotes_from_list(fields.raw("quotes", [])),
                diarisation=stored_parts.check_diarisation(fields.raw("diarisation", {})),
                layout=stored_parts.check_layout(data.get("layout") or {}),
            )
            if project.cleanup_level is not None:
                fc.one_of(project.cleanup_level, "cleanup_level", stored_parts.LEVELS)
        except fc.FieldError as exc:
            raise ProjectFileError(f"{where} is damaged: {exc}") from None
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
