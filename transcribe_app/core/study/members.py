"""Making a study and bringing interviews into it: ``study init`` and ``study add``.

A recording or a typed transcript becomes a project inside the study folder, made
as File → New project makes one (``project/new.py``); an existing project is moved
in: written at its new place first (its recording path rewritten so that it still
finds the recording), read back, and only then removed from the old place.

These change the study in memory and write projects; the caller saves the study
(``save_study``) once, under the study's lock.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import BadInputError
from ..project.file import load_project, save_project
from ..project.lock import ProjectLock
from ..project.new import RECORDING_SUFFIXES, TRANSCRIPT_SUFFIXES, NewProject, create_project
from ..project.record import KINDS, PROJECT_SUFFIX, default_project_path
from .record import STUDY_FILE, Study, StudyInterview, interview_of, relative_project, study_file


@dataclass(frozen=True)
class Added:
    """One interview ``study add`` brought in: its project file, and whether it was moved or made."""

    source: Path
    project: Path
    moved: bool
    appendix: int | None


def init_study(folder: str | os.PathLike[str], title: str = "") -> Study:
    """A new, empty study for ``folder`` (made if missing); ``BadInputError`` if it already is one."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise BadInputError(f"“{folder}” is a file, not a folder; give a folder for the study.")
    if study_file(folder).exists():
        raise BadInputError(
            f"“{folder}” is a study already (it has a {STUDY_FILE}); it is left as it is."
        )
    folder.mkdir(parents=True, exist_ok=True)
    return Study(title=title.strip() or folder.resolve().name, folder=folder)


def add_to_study(study: Study, sources: list[Path], kind: str | None = None) -> list[Added]:
    """Bring ``sources`` into ``study``: recordings and typed transcripts become new projects in the
    study folder, existing projects are moved in. Everything is checked before anything is written.

    New interviews get the next appendix numbers (a moved project keeps its own when it has one).
    """
    if kind is not None and kind not in KINDS:
        raise BadInputError(f"The kind must be elite or focus_group, not “{kind}”.")
    plans = [_plan(study, Path(source)) for source in sources]
    targets = [target for _, target, _ in plans]
    for index, target in enumerate(targets):
        if target in targets[:index]:
            raise BadInputError(
                f"Two of the files given would both become “{target.name}” in the study; rename one first."
            )
    added = []
    for source, target, what in plans:
        appendix = _next_appendix(study)
        if what == "project":
            added.append(_move_in(study, source, target, kind, appendix))
        else:
            added.append(_make(study, source, target, what == "audio", kind or "elite", appendix))
    return added


def _plan(study: Study, source: Path) -> tuple[Path, Path, str]:
    """(source, project file in the study, what the source is: audio, transcript or project)."""
    if not source.is_file():
        raise BadInputError(f"“{source}” does not exist (or is not a file).")
    name = source.name.lower()
    if name == STUDY_FILE or name.endswith(".bak"):
        raise BadInputError(f"“{source.name}” is not a recording, a typed transcript or a project.")
    if name.endswith(PROJECT_SUFFIX):
        what, target = "project", study.folder / source.name
        if source.resolve() == target.resolve():
            if interview_of(study, source) is not None:
                raise BadInputError(f"“{source.name}” is in the study already.")
            return source, target, what  # a project already in the folder: listed, not moved
    elif source.suffix.lower() in RECORDING_SUFFIXES:
        what, target = "audio", study.folder / default_project_path(source).name
    elif source.suffix.lower() in TRANSCRIPT_SUFFIXES:
        what, target = "transcript", study.folder / default_project_path(source).name
    else:
        raise BadInputError(
            f"“{source.name}” is not a recording ({', '.join(RECORDING_SUFFIXES)}), a typed transcript "
            f"(.txt, .docx) or a Transkript project."
        )
    if target.exists():
        raise BadInputError(
            f"The study already has a file “{target.name}”; rename “{source.name}” or add that project."
        )
    return source, target, what


def _next_appendix(study: Study) -> int:
    return max((i.appendix or 0 for i in study.interviews), default=0) + 1


def _make(study: Study, source: Path, target: Path, audio: bool, kind: str, appendix: int) -> Added:
    create_project(NewProject(source, audio, target, kind=kind, title=source.stem, appendix=appendix))
    if study.settings.cleanup_level is not None:  # the study's talk language, until the researcher changes it
        project = load_project(target)
        project.cleanup_level = study.settings.cleanup_level
        save_project(project, target, keep_backup=False)
    study.interviews.append(StudyInterview(relative_project(study, target) or target.name, kind, appendix))
    return Added(source, target, moved=False, appendix=appendix)


def _move_in(study: Study, source: Path, target: Path, kind: str | None, appendix: int) -> Added:
    """Write the project at ``target`` (its recording path rewritten), read it back, then remove the old file.

    The project's lock is held throughout: a project being transcribed is not moved.
    """
    with ProjectLock(source, "study add"):
        project = load_project(source)
        if kind is not None:
            project.metadata.kind = kind
        if project.metadata.appendix is None:
            project.metadata.appendix = appendix
        moved = source.resolve() != target.resolve()
        if moved:
            recording = project.audio_file(source)
            if recording is not None:
                project.set_audio_file(recording, target)
            save_project(project, target, keep_backup=False)
            load_project(target)  # read back before the original goes
            source.unlink()
        elif kind is not None or project.metadata.appendix == appendix:
            save_project(project, target)
    entry = StudyInterview(
        relative_project(study, target) or target.name, project.metadata.kind, project.metadata.appendix
    )
    study.interviews.append(entry)
    return Added(source, target, moved=moved, appendix=entry.appendix)
