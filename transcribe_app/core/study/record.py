"""The study record: ``DIR/study.json``, what makes a folder of interviews one study.

A thesis has several interviews (the seed thesis: four elite interviews and four
focus groups) with one set of informant codes. The study keeps what they share:
the title, the roster of informants and interviewers with their codes, the
settings every interview is transcribed and laid out with, where the study's key
file lives, the interviews themselves (their project files, relative to the study
folder, their kind and appendix number), and the register of third persons: who
is ``[Person N]`` in every transcript of the study.

The register and the roster hold real names, as a project file does: ``study.json``
stays with the projects, never with the exports.

``Study.from_dict`` checks every field and names the wrong one; a file that is
missing, damaged or not a study raises ``BadInputError`` (exit 2) and is never
written over. ``save_study`` writes through the one atomic recipe (``safe_write``).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from ..errors import BadInputError
from ..layout import DEFAULT_WIDTH, MAX_WIDTH, MIN_WIDTH
from ..project import fieldcheck as fc
from ..project.file import atomic_write_text, read_json
from ..project.record import KINDS, PROJECT_SUFFIX, RosterEntry
from ..project.study_link import STUDY_FILE
from ..project.transcript import LEVELS

STUDY_FORMAT = "transkript-study"
STUDY_VERSION = 1
DEFAULT_KEY = "study.key.json"


@dataclass
class StudySettings:
    """What every interview of the study is transcribed and laid out with (None: the program's default)."""

    model: str | None = None
    language: str | None = "da"
    cleanup_level: str | None = None  # verbatim, clean, strict
    layout_width: int = DEFAULT_WIDTH  # characters per numbered appendix line

    @classmethod
    def from_fields(cls, fields: fc.Fields) -> StudySettings:
        _only_known(fields, cls)
        level = fields.optional_text("cleanup_level")
        return cls(
            model=fields.optional_text("model"),
            language=fields.optional_text("language") if fields.has("language") else "da",
            cleanup_level=None if level is None else fields.one_of("cleanup_level", LEVELS),
            layout_width=fields.integer("layout_width", DEFAULT_WIDTH, minimum=MIN_WIDTH, maximum=MAX_WIDTH),
        )


@dataclass
class StudyInterview:
    """One interview of the study: its project file (relative to the study folder), kind, appendix."""

    project: str  # "sk.transkript.json", always with "/" between folders
    kind: str = "elite"  # elite | focus_group
    appendix: int | None = None  # "Bilag N"

    @classmethod
    def from_fields(cls, fields: fc.Fields) -> StudyInterview:
        _only_known(fields, cls)
        project = fields.text("project", null_is_empty=False)
        problem = _outside_reason(project)
        if problem:
            raise fc.FieldError(fields.at("project"), "a project file inside the study folder", found=problem)
        return cls(
            project=project,
            kind=fields.one_of("kind", KINDS, "elite"),
            appendix=fields.optional_integer("appendix", minimum=0, maximum=1_000_000),
        )


@dataclass
class StudyPerson:
    """A third person the study's transcripts mention: ``[Person number]`` in every one of them."""

    number: int
    name: str  # the real name, as detection found it: "Karin Storm"
    aliases: list[str] = field(default_factory=list)  # other written forms met: "Karin"

    @classmethod
    def from_fields(cls, fields: fc.Fields) -> StudyPerson:
        _only_known(fields, cls)
        return cls(
            number=fields.integer("number", minimum=1, maximum=1_000_000),
            name=fields.text("name", null_is_empty=False),
            aliases=fields.text_list("aliases", []),
        )

    @property
    def label(self) -> str:
        return f"[Person {self.number}]"


@dataclass
class Study:
    """``study.json``: the study's title, roster, settings, key location, interviews and person register.

    ``folder`` is where it was read from (not stored): project and key paths are relative to it.
    """

    title: str = ""
    settings: StudySettings = field(default_factory=StudySettings)
    key: str = DEFAULT_KEY  # the study's key file: relative to the folder, or absolute
    roster: list[RosterEntry] = field(default_factory=list)
    interviews: list[StudyInterview] = field(default_factory=list)
    persons: list[StudyPerson] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)  # keys a later build wrote, kept on save
    folder: Path = field(default_factory=Path, compare=False, repr=False)

    @property
    def path(self) -> Path:
        return self.folder / STUDY_FILE

    @property
    def key_path(self) -> Path:
        """The study's key file: one for every pseudonymised export of the study."""
        return self.folder / self.key  # an absolute key path stays absolute

    def interview_path(self, interview: StudyInterview) -> Path:
        return self.folder / Path(*PurePosixPath(interview.project).parts)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"format": STUDY_FORMAT, "schema_version": STUDY_VERSION}
        data.update(
            title=self.title,
            settings=asdict(self.settings),
            key=self.key,
            roster=[asdict(entry) for entry in self.roster],
            interviews=[asdict(interview) for interview in self.interviews],
            persons=[asdict(person) for person in self.persons],
        )
        data.update({k: v for k, v in self.extra.items() if k not in data})
        return data

    @classmethod
    def from_dict(cls, data: Any, where: str = "study.json") -> Study:
        """The study as stored, every field checked; ``BadInputError`` naming the field otherwise."""
        if not isinstance(data, dict) or data.get("format") != STUDY_FORMAT:
            raise BadInputError(f"{where} is not a Transkript study file.")
        version = data.get("schema_version")
        if isinstance(version, bool) or not isinstance(version, int):
            raise BadInputError(f"{where} is not a Transkript study file (no schema version).")
        if version > STUDY_VERSION:
            raise BadInputError(
                f"{where} was saved by a newer Transkript (study format {version}); update Transkript to "
                "open it. The file is unchanged."
            )
        try:
            fc.check_depth(data, "the study")
            fields = fc.Fields(data, "")
            study = cls(
                title=fields.text("title", ""),
                settings=StudySettings.from_fields(fields.record("settings", {})),
                key=_key(fields),
                roster=[RosterEntry.from_fields(item) for item in fields.records("roster", [])],
                interviews=[StudyInterview.from_fields(item) for item in fields.records("interviews", [])],
                persons=[StudyPerson.from_fields(item) for item in fields.records("persons", [])],
                extra={k: v for k, v in data.items() if k not in _KNOWN},
            )
        except fc.FieldError as exc:
            raise BadInputError(f"{where} is damaged: {exc}") from None
        study.validate(where)
        return study

    def validate(self, where: str = "study.json") -> None:
        """Refuse what makes the study ambiguous: an interview listed twice, one number for two persons."""
        from ..project.roster import validate_roster

        seen: set[str] = set()
        for interview in self.interviews:
            key = interview.project.casefold()
            if key in seen:
                raise BadInputError(f"{where} lists the interview “{interview.project}” twice.")
            seen.add(key)
        numbers: set[int] = set()
        for person in self.persons:
            if person.number in numbers:
                raise BadInputError(
                    f"{where} gives [Person {person.number}] to two people; each needs a number of their own."
                )
            numbers.add(person.number)
        validate_roster(self.roster, f"The roster of {where}")


_KNOWN = frozenset(
    ("format", "schema_version", "title", "settings", "key", "roster", "interviews", "persons")
)


def _only_known(fields: fc.Fields, record_type: type) -> None:
    unknown = fields.unknown(frozenset(record_type.__dataclass_fields__))
    if unknown:
        raise fc.FieldError(
            fields.at(unknown[0]), "a field this version of Transkript knows", found="it is not"
        )


def _key(fields: fc.Fields) -> str:
    """The key file's place: anywhere the researcher keeps it, but never a file the study holds."""
    key = fields.text("key", DEFAULT_KEY) or DEFAULT_KEY
    name = PurePosixPath(key.replace("\\", "/")).name
    if name == STUDY_FILE or name.endswith(PROJECT_SUFFIX):
        raise fc.FieldError(fields.at("key"), "a key file of its own", found=f"it is “{key}”")
    return key


def _outside_reason(project: str) -> str | None:
    """Why a stored interview path does not name a project file inside the study folder (None: it does).

    A study.json from elsewhere must not make Transkript read or write files outside the folder.
    """
    if not project.endswith(PROJECT_SUFFIX):
        return f"“{project}” is not a {PROJECT_SUFFIX} file"
    posix, windows = PurePosixPath(project), PureWindowsPath(project)
    if posix.is_absolute() or windows.is_absolute() or windows.drive or "\\" in project:
        return f"“{project}” is not a path relative to the study folder"
    if ".." in posix.parts:
        return f"“{project}” leads out of the study folder"
    return None


# -- reading and writing ---------------------------------------------------------------------------


def study_file(folder: str | os.PathLike[str]) -> Path:
    """``DIR/study.json``; a path that already names a study.json is taken as it is."""
    path = Path(folder)
    return path if path.name == STUDY_FILE else path / STUDY_FILE


def load_study(folder: str | os.PathLike[str]) -> Study:
    """The study in ``folder`` (or the ``study.json`` given); a ``BadInputError`` sentence if unusable."""
    path = study_file(folder)
    if not path.parent.is_dir():
        raise BadInputError(f"The study folder “{path.parent}” does not exist.")
    if not path.is_file():
        raise BadInputError(
            f"“{path.parent}” is not a study: it has no {STUDY_FILE}. Make one with "
            f"“transcribe-app study init {path.parent}”."
        )
    try:
        data = read_json(path)
    except (ValueError, UnicodeDecodeError) as exc:
        reason = f"{exc.msg}, line {exc.lineno}" if isinstance(exc, json.JSONDecodeError) else str(exc)
        raise BadInputError(
            f"The study file “{path}” is damaged and cannot be read ({reason}). It is left as it is; "
            f"the previous version is “{path.name}.bak” if it exists."
        ) from None
    except OSError as exc:
        raise BadInputError(f"The study file “{path}” cannot be read: {exc.strerror or exc}.") from None
    study = Study.from_dict(data, where=f"“{path}”")
    study.folder = path.parent
    return study


def save_study(study: Study) -> None:
    """Write ``study.json`` all at once (the previous version kept as ``study.json.bak``)."""
    text = json.dumps(study.to_dict(), ensure_ascii=False, indent=1) + "\n"
    atomic_write_text(study.path, text, keep_backup=True)


def relative_project(study: Study, project_path: str | os.PathLike[str]) -> str | None:
    """How ``study.json`` names ``project_path`` ("sk.transkript.json"), or None when it is outside."""
    try:
        relative = Path(project_path).resolve().relative_to(study.folder.resolve())
    except ValueError:
        return None
    return relative.as_posix()


def interview_of(study: Study, project_path: str | os.PathLike[str]) -> StudyInterview | None:
    """The study's interview stored in ``project_path``, or None when the study does not list it."""
    relative = relative_project(study, project_path)
    if relative is None:
        return None
    return next((i for i in study.interviews if i.project.casefold() == relative.casefold()), None)


def interviews(study: Study) -> list[Path]:
    """The project files of the study's interviews, in the study's order (by appendix number, then as
    added): what a batch run or an export of the whole study goes through."""
    ordered = sorted(
        enumerate(study.interviews),
        key=lambda pair: (pair[1].appendix is None, pair[1].appendix or 0, pair[0]),
    )
    return [study.interview_path(interview) for _, interview in ordered]
