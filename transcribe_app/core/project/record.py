"""The project: one interview, everything known about it, in one schema-versioned record.

The stored layers are the verbatim words (``segments``), and — filled in by
later stages — the user's edits, the cleanup level, the pseudonymisation
decisions and the saved quotes. Clean and pseudonymised texts are derived
from these, never stored in their place (DESIGN.md).

``Project`` declares its parts once, each field with its ``Part`` rules: how it
is read from and written to the file (in the file's key order), whether the
window keeps it through a transcription run and snapshots it for undo, and how
a worker thread's light copy gets it. ``to_dict``/``from_dict``, the known keys,
``light_copy`` and the window's part lists all derive from that declaration.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Callable
from dataclasses import MISSING, asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from ..citations.basket import Quote
from ..errors import ProjectFileError
from ..layout import AppendixRecord
from ..pseudonymise.state import PseudonymisationState
from . import fieldcheck as fc
from .diarisation import DiarisationRecord
from .edit_log import EditEntry
from .recognised import RecognisedText
from .transcript import LEVELS, MAX_SECONDS, Segment

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
    # The talk calls this person by their first name ("Mette, hvad tænker du?"): a lone first name is
    # linked to them without asking. Otherwise a lone first name or surname is put up for review, since it
    # may be someone else (pseudonymise/detection.py). Stored only when true: older files stay as they were.
    addressed_by_first_name: bool = False

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
            addressed_by_first_name=fields.boolean("addressed_by_first_name", False),
        )

    def to_dict(self) -> dict[str, Any]:
        """The stored entry; ``addressed_by_first_name`` only when true (absent means false)."""
        data = asdict(self)
        if not self.addressed_by_first_name:
            del data["addressed_by_first_name"]
        return data


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
    if fields.has("batch_size"):
        fields.optional_integer("batch_size", minimum=1, maximum=10_000)
    if fields.has("timing"):
        fields.one_of("timing", ("tokens", "alignment"), "tokens")
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


# -- the project's parts, declared once ---------------------------------------------------------


@dataclass(frozen=True)
class Part:
    """One part of the project file, and how the program treats it.

    ``read(fields, key)`` builds the part from the project's stored record (checking
    every field, a ``FieldError`` naming it); ``write(value)`` gives what is stored;
    ``stored(value)`` False leaves the key out of the file. ``kept_by_window``: the
    window changes it, so undo snapshots it and a transcription run leaves it as the
    window has it. ``for_workers`` gives a worker thread's copy (``Project.light_copy``).
    """

    key: str
    read: Callable[[fc.Fields, str], Any]
    write: Callable[[Any], Any]
    stored: Callable[[Any], bool]
    kept_by_window: bool
    for_workers: Callable[[Any], Any]


def _shared(value: Any) -> Any:
    """A worker reads the window's own value: it never changes it (or it is immutable)."""
    return value


def _as_stored(value: Any) -> Any:
    return value


def _always(_value: Any) -> bool:
    return True


def _part(
    read: Callable[[fc.Fields, str], Any],
    write: Callable[[Any], Any] = _as_stored,
    *,
    default: Any = MISSING,
    default_factory: Any = MISSING,
    stored: Callable[[Any], bool] = _always,
    window: bool = False,
    workers: Callable[[Any], Any] = _shared,
) -> Any:
    """A ``Project`` field that is a part of the file (see ``Part``)."""
    rules = dict(read=read, write=write, stored=stored, kept_by_window=window, for_workers=workers)
    return field(default=default, default_factory=default_factory, metadata={"part": rules})


def _record(record_type: Any) -> Callable[[fc.Fields, str], Any]:
    """Reads a record with ``from_fields`` (absent: all defaults)."""
    return lambda fields, key: record_type.from_fields(fields.record(key, {}))


def _records(record_type: Any) -> Callable[[fc.Fields, str], list[Any]]:
    """Reads a list of records with ``from_fields`` (absent: none)."""
    return lambda fields, key: [record_type.from_fields(item) for item in fields.records(key, [])]


def _each(from_dict: Callable[[Any, str], Any]) -> Callable[[fc.Fields, str], list[Any]]:
    """Reads a list of typed records with their ``from_dict(value, path)`` (absent: none)."""

    def read(fields: fc.Fields, key: str) -> list[Any]:
        path = fields.at(key)
        return [from_dict(item, fc.join(path, i)) for i, item in enumerate(fields.listing(key, []))]

    return read


def _one(read: Callable[[Any, str], Any], absent: Any) -> Callable[[fc.Fields, str], Any]:
    """Reads one typed part with ``read(value, path)``; ``absent`` when the file has no such key."""
    return lambda fields, key: read(fields.raw(key, absent), fields.at(key))


def _dicts(records: list[Any]) -> list[dict[str, Any]]:
    return [record.to_dict() for record in records]


def _read_source(fields: fc.Fields, key: str) -> str:
    return fields.text(key, "audio", null_is_empty=False)


def _read_transcription(fields: fc.Fields, key: str) -> TranscriptionRun | None:
    return TranscriptionRun.from_fields(fields.record(key)) if fields.raw(key) else None


def _read_level(fields: fc.Fields, key: str) -> str | None:
    level = fields.optional_text(key)
    return None if level is None else fc.one_of(level, fields.at(key), LEVELS)


SCHEMA_KEYS = ("schema_version", "app")  # written first; checked before any part is read


@dataclass
class Project:
    # The parts in the file's key order. Layers filled by later stages are typed records owned by
    # their subsystems.
    source: str = _part(_read_source, default="audio")  # audio | import
    metadata: Metadata = _part(_record(Metadata), asdict, default_factory=Metadata, window=True,
                               workers=copy.deepcopy)  # fmt: skip
    audio: AudioInfo = _part(_record(AudioInfo), asdict, default_factory=AudioInfo, workers=copy.deepcopy)
    roster: list[RosterEntry] = _part(_records(RosterEntry), _dicts, default_factory=list, window=True,
                                      workers=copy.deepcopy)  # fmt: skip
    transcription: TranscriptionRun | None = _part(
        _read_transcription, lambda run: asdict(run) if run else None, default=None
    )
    # The words: a worker gets its own list of the window's segment objects, which it only reads.
    segments: list[Segment] = _part(_records(Segment), _dicts, default_factory=list, workers=list)
    edits: list[EditEntry] = _part(_each(EditEntry.from_dict), _dicts, default_factory=list, window=True)
    cleanup_level: str | None = _part(_read_level, default=None, window=True)
    pseudonymisation: PseudonymisationState = _part(
        _one(PseudonymisationState.from_dict, {}), PseudonymisationState.to_dict,
        default_factory=PseudonymisationState, window=True, workers=copy.deepcopy,
    )  # fmt: skip
    quotes: list[Quote] = _part(  # the quote basket (core/citations/basket.py)
        _each(Quote.from_dict), _dicts, default_factory=list, window=True, workers=copy.deepcopy
    )
    # How speakers were found (None: never looked for, stored as {}).
    diarisation: DiarisationRecord | None = _part(
        _one(DiarisationRecord.read, {}), DiarisationRecord.write, default=None
    )
    # How the last line-numbered appendix was laid out, so that citations are checked against the
    # same line numbers (core/layout.py). None, and absent from the file, until an appendix is
    # exported: older files stay as they were.
    layout: AppendixRecord | None = _part(
        _one(AppendixRecord.read, None), AppendixRecord.to_dict, default=None,
        stored=lambda record: record is not None, window=True, workers=copy.deepcopy,
    )  # fmt: skip
    # What Whisper wrote, before any correction (project/recognised.py): what ``accuracy`` measures.
    # None, and absent from the file, for typed imports and projects transcribed before it was kept.
    recognised: RecognisedText | None = _part(
        _one(RecognisedText.read, None), RecognisedText.write, default=None,
        stored=lambda record: record is not None,
    )  # fmt: skip
    # Keys written by a later build of the same schema version, kept on save (first in the file).
    extra: dict[str, Any] = field(default_factory=dict)
    # The study the project may belong to (``StudyLink``, project/study_link.py), found as it is loaded;
    # never stored in the project file.
    study: Any = field(default=None, compare=False, repr=False)

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

    def light_copy(self) -> Project:
        """A project a worker thread may read and change: its own copies of the small parts the window
        changes, the segments list its own but the segment objects shared (read only)."""
        copied = Project(**{part.key: part.for_workers(getattr(self, part.key)) for part in PARTS})
        copied.extra = self.extra
        copied.study = self.study
        return copied

    # -- serialisation -------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = dict(self.extra)
        data.update(schema_version=SCHEMA_VERSION, app="Transkript")
        for part in PARTS:
            value = getattr(self, part.key)
            if part.stored(value):
                data[part.key] = part.write(value)
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
            stored = fc.Fields(data, "")
            project = cls(**{part.key: part.read(stored, part.key) for part in PARTS})
        except fc.FieldError as exc:
            raise ProjectFileError(f"{where} is damaged: {exc}") from None
        project.extra = {k: v for k, v in data.items() if k not in KNOWN_KEYS}
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


PARTS: tuple[Part, ...] = tuple(
    Part(f.name, **f.metadata["part"]) for f in fields(Project) if "part" in f.metadata
)
KNOWN_KEYS = frozenset((*SCHEMA_KEYS, *(part.key for part in PARTS)))
# The parts the window changes: undo snapshots them, a transcription run leaves them as the window has them.
KEPT_BY_WINDOW = tuple(part.key for part in PARTS if part.kept_by_window)


def default_project_path(audio_or_text: str | os.PathLike[str]) -> Path:
    """``interview.m4a`` → ``interview.transkript.json`` beside it."""
    source = Path(audio_or_text)
    return source.with_name(source.stem + PROJECT_SUFFIX)
