"""Which interviews a batch covers: a study's, or the projects and recordings in a folder or a list.

``interviews_in`` is the one place that decides it (the CLI's batch and the window's queue):

- a study folder (it has a ``study.json``): the study's interviews, in appendix order
  (``core/study``: ``interviews(study)``), and nothing else of the folder;
- another folder: every ``*.transkript.json`` in it and one level down, and every recording
  (by its suffix) in it and one level down that has no project yet;
- a file: that project or that recording.

A recording that has no project gets the one ``transcribe-app transcribe`` would make for
it, ``NAME.transkript.json`` beside it (``default_project_path``); nothing is written here,
the batch creates it by transcribing. A recording and its project are one interview, found
either way: by the project's name, or by the recording the project says it was made from
(a project made with ``-o``). The same file reached twice (a link, ``sub/..``) counts once.

What cannot be transcribed as asked (a damaged project, a recording whose project name is
taken by another recording's project) is still an interview, with a ``problem`` sentence, so
that the batch reports it and goes on with the others.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import BadInputError, TranskriptError
from ..project.new import RECORDING_SUFFIXES
from ..project.record import PROJECT_SUFFIX, default_project_path

if TYPE_CHECKING:
    from ..study.record import Study


@dataclass(frozen=True)
class Interview:
    """One interview of a batch: its project file (made by the batch when it does not exist yet),
    the recording it is transcribed from (None when unknown), and why it cannot run, if it cannot."""

    project_path: Path
    recording: Path | None
    problem: str | None = None

    @property
    def name(self) -> str:
        """What the researcher calls it: the recording's file name, else the project's."""
        return (self.recording or self.project_path).name


def is_project_name(path: Path) -> bool:
    return path.name.lower().endswith(PROJECT_SUFFIX) and len(path.name) > len(PROJECT_SUFFIX)


def is_recording_name(path: Path) -> bool:
    return path.suffix.lower() in RECORDING_SUFFIXES and not path.name.startswith(".")


def interviews_in(paths: Iterable[str | os.PathLike[str]]) -> list[Interview]:
    """The interviews in ``paths`` (folders, project files, recordings), each once, in a stable order.

    Files given one by one keep their order; a folder's are sorted by their path in it. A path
    that does not exist, or a file that is neither a project nor a recording, is refused
    (``BadInputError``) before anything is done; so is a list that holds no interview at all.
    """
    files: list[Path] = []
    for given in paths:
        path = Path(os.path.abspath(given))
        study = study_in(path)
        if study is not None:
            from ..study.record import interviews as study_interviews

            files.extend(study_interviews(study))
        elif path.is_dir():
            files.extend(_in_folder(path))
        elif not path.exists():
            raise BadInputError(f"“{given}” does not exist; give a folder, recordings or project files.")
        elif is_project_name(path) or is_recording_name(path):
            files.append(path)
        else:
            raise BadInputError(
                f"“{path.name}” is neither a project file (*{PROJECT_SUFFIX}) nor a recording "
                f"({', '.join(RECORDING_SUFFIXES)}); leave it out or convert it first."
            )
    interviews = _gather(files)
    if not interviews:
        shown = ", ".join(f"“{p}”" for p in paths) or "the list"
        raise BadInputError(f"There are no recordings or project files in {shown}.")
    return interviews


def study_in(path: str | os.PathLike[str]) -> Study | None:
    """The study whose folder ``path`` is (None: not a study folder); a damaged ``study.json`` is a
    ``BadInputError`` sentence, never a folder silently taken as a plain one."""
    from ..study.record import STUDY_FILE, load_study

    path = Path(path)
    if not (path.is_dir() and (path / STUDY_FILE).is_file()):
        return None
    return load_study(path)


def _in_folder(folder: Path) -> list[Path]:
    """Projects and recordings in ``folder`` and its subfolders (one level), hidden ones left out."""
    found: list[Path] = []
    for entry in _listing(folder):
        if entry.name.startswith("."):  # temporaries of a save in progress, system files
            continue
        if entry.is_dir():
            found.extend(
                inner
                for inner in _listing(entry)
                if not inner.name.startswith(".") and inner.is_file() and _wanted(inner)
            )
        elif entry.is_file() and _wanted(entry):
            found.append(entry)
    return found


def _listing(folder: Path) -> list[Path]:
    try:
        return sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError as error:
        raise BadInputError(f"The folder “{folder}” cannot be read: {error.strerror or error}.") from None


def _wanted(path: Path) -> bool:
    return is_project_name(path) or is_recording_name(path)


def _gather(files: list[Path]) -> list[Interview]:
    """Pair recordings with their projects; each project and each recording once, in the order met."""
    projects: dict[object, Interview] = {}  # the project's file identity → its interview
    taken: set[object] = set()  # recordings a given project was made from
    for path in files:
        if is_project_name(path) and _identity(path) not in projects:
            interview = _project_interview(path)
            projects[_identity(path)] = interview
            if interview.recording is not None:
                taken.add(_identity(interview.recording))
    # Recordings are decided once every project is read: a recording's project may come after it.
    claimed: dict[object, Interview] = {}  # project identity → the recording interview that makes it
    result: list[Interview] = []
    seen: set[object] = set()
    for path in files:
        key = _identity(path)
        if key in seen:
            continue
        seen.add(key)
        if is_project_name(path):
            result.append(projects[key])
            continue
        if key in taken:
            continue  # the same interview as its project
        project_path = default_project_path(path)
        project_key = _identity(project_path)
        if project_key in projects:
            owner = projects[project_key]
            if owner.problem is None:  # a damaged project is reported once, as itself
                result.append(_taken(path, project_path, owner.recording))
            continue
        if project_key in claimed:  # ``a.wav`` and ``a.mp3``: one name for two projects
            result.append(_taken(path, project_path, claimed[project_key].recording))
            continue
        interview = _recording_interview(path, project_path)
        claimed[project_key] = interview
        result.append(interview)
    return result


def _project_interview(path: Path) -> Interview:
    """A project given or found, with the recording it names; one that cannot be read is a problem.

    Only the recording's path is read here (a study of long focus groups is many megabytes of
    words); the batch reads and checks the whole project when it comes to it. A file that does
    not look like a project is read in full, for the sentence that says what is wrong with it.
    """
    from ..project.file import load_project, read_json

    try:
        data = read_json(path)
        audio = data.get("audio") if isinstance(data, dict) and "schema_version" in data else None
        if isinstance(audio, dict) and isinstance(audio.get("path"), (str, type(None))):
            recording = audio.get("path")
            return Interview(path, (path.parent / recording).resolve() if recording else None)
    except (OSError, ValueError):
        pass
    try:
        project = load_project(path)
    except TranskriptError as error:
        return Interview(path, None, str(error))
    return Interview(path, project.audio_file(path))


def _recording_interview(recording: Path, project_path: Path) -> Interview:
    """A recording met on its own: its project (``NAME.transkript.json``), existing or to be made."""
    if project_path.is_dir():
        return Interview(
            project_path,
            recording,
            f"“{recording.name}” would be transcribed into “{project_path.name}”, which is a folder; "
            "rename the folder or transcribe the recording on its own with -o.",
        )
    if project_path.exists():
        interview = _project_interview(project_path)
        if interview.problem:
            return Interview(project_path, recording, interview.problem)
        if interview.recording is not None and not _same(interview.recording, recording):
            return _taken(recording, project_path, interview.recording)
    return Interview(project_path, recording)


def _taken(recording: Path, project_path: Path, owner: Path | None) -> Interview:
    """A recording whose project name belongs to another project (``a.wav`` beside ``a.mp3``)."""
    whose = f"is made from “{owner.name}”" if owner is not None else "was not made from it"
    return Interview(
        project_path,
        recording,
        f"“{recording.name}” would be transcribed into “{project_path.name}”, but that project {whose}; "
        f"transcribe it on its own with: transcribe-app transcribe “{recording.name}” "
        f"-o NEW_NAME{PROJECT_SUFFIX}",
    )


def _identity(path: Path) -> object:
    """One key for one file however it is reached (links, ``sub/..``); the path for a file not there yet."""
    try:
        status = os.stat(path)
    except OSError:
        return ("path", os.path.normcase(os.path.abspath(path)))
    return ("file", status.st_dev, status.st_ino)


def _same(a: Path, b: Path) -> bool:
    return _identity(a) == _identity(b)
