"""The transcripts a thesis cites, found by their citation codes.

A manuscript names transcripts only by code — ``(VJ: 79-80)`` — so the projects
are gathered (from a folder of ``*.transkript.json`` files, or given) and keyed by
``citation_code``. Each appendix is laid out only when a citation needs it: a
pseudonymised one takes seconds to make again.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from ..errors import BadInputError
from ..exports.document import citation_code
from ..project.record import PROJECT_SUFFIX, Project
from .appendix import Appendix, open_appendix


class Appendices:
    """Appendices by citation code, opened on first use."""

    def __init__(self, projects: Mapping[str, Project] | Iterable[Project]):
        if isinstance(projects, Mapping):
            self._projects = dict(projects)
        else:
            self._projects = {}
            for project in projects:
                code = citation_code(project)
                if not code:
                    title = project.metadata.title or "A project"
                    raise BadInputError(
                        f"“{title}” has no citation code; set one with: transcribe-app meta …"
                    )
                self._add(code, project, title=project.metadata.title)
        self._open: dict[str, Appendix] = {}

    def _add(self, code: str, project: Project, *, title: str) -> None:
        if code in self._projects:
            raise BadInputError(
                f"Two transcripts have the citation code {code} ({title}); give each its own."
            )
        self._projects[code] = project

    @property
    def codes(self) -> list[str]:
        return sorted(self._projects)

    def resolve(self, code: str) -> str | None:
        """The code as the projects spell it (``vj`` finds ``VJ``), or None."""
        if code in self._projects:
            return code
        return next((known for known in self._projects if known.casefold() == code.casefold()), None)

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and self.resolve(code) is not None

    def opened(self) -> list[Appendix]:
        """The appendices laid out so far (those some citation needed)."""
        return list(self._open.values())

    def appendix(self, code: str) -> Appendix:
        known = self.resolve(code)
        if known is None:
            raise KeyError(code)
        if known not in self._open:
            self._open[known] = open_appendix(self._projects[known])
        return self._open[known]

    @classmethod
    def from_paths(cls, paths: Iterable[str | os.PathLike[str]]) -> Appendices:
        """Every project in the given folders (``*.transkript.json``) and project files."""
        from ..project.file import load_project

        shelf, found_in = cls({}), {}
        for file in [file for path in paths for file in _project_files(Path(path))]:
            project = load_project(file)
            code = citation_code(project)
            if not code:
                raise BadInputError(
                    f"“{file.name}” has no citation code, so a manuscript cannot cite it. "
                    f"Give it one with: transcribe-app meta {file} --code VJ"
                )
            if code in found_in:
                raise BadInputError(
                    f"“{found_in[code]}” and “{file.name}” both have the citation code {code}; "
                    "give each transcript its own (transcribe-app meta PROJECT --code …)."
                )
            found_in[code] = file.name
            shelf._projects[code] = project
        return shelf


def _project_files(path: Path) -> list[Path]:
    if path.is_dir():
        from ..study.record import STUDY_FILE

        if (path / STUDY_FILE).is_file():
            return _study_projects(path)
        files = sorted(path.glob(f"*{PROJECT_SUFFIX}"))
        if not files:
            raise BadInputError(f"There is no project (*{PROJECT_SUFFIX}) in the folder “{path}”.")
        return files
    if path.is_file():
        return [path]
    raise BadInputError(f"“{path}” does not exist; give the folder that holds the project files.")


def _study_projects(folder: Path) -> list[Path]:
    """A study folder's interviews as ``study.json`` lists them, in subfolders too: a thesis cites the
    study's interviews, not a stray copy that happens to lie beside them."""
    from ..study.record import load_study

    study = load_study(folder)
    files = [study.interview_path(interview) for interview in study.interviews]
    if not files:
        raise BadInputError(
            f"The study in “{folder}” has no interviews yet; add them with: "
            f"transcribe-app study add {folder} …"
        )
    missing = [file for file in files if not file.is_file()]
    if missing:
        raise BadInputError(
            f"The study in “{folder}” lists “{missing[0].relative_to(folder)}”, which is not there: put the "
            "project file back, or take it out of the study."
        )
    return files
