"""Where a project's study may be: found as the project is loaded, read only when needed.

A project whose folder (or the folder above it) holds a ``study.json`` may be one
interview of a study (``core/study``). Finding that costs two file checks, so
``load_project`` does it for every project; reading the study, and whether it lists
the project, is left to the pseudonymisation that needs it (``core/study/pseudonyms.py``
keeps what it read in ``loaded``). This module imports nothing of Transkript, so the
project file can use it without the study's modules.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

STUDY_FILE = "study.json"


@dataclass(eq=False)
class StudyLink:
    project_path: Path  # absolute
    study_path: Path  # the study.json found
    loaded: Any = None  # the study's pseudonyms for this project, once read (None: not in it)
    looked: bool = False  # whether the study was read yet

    def __deepcopy__(self, memo: dict) -> StudyLink:
        return self  # one study in memory for the window and its worker copies


def find_study(project_path: str | os.PathLike[str]) -> StudyLink | None:
    """A link to the ``study.json`` in the project's folder or the one above it, if there is one."""
    project_path = Path(project_path).absolute()
    for folder in (project_path.parent, project_path.parent.parent):
        candidate = folder / STUDY_FILE
        if candidate.is_file():
            return StudyLink(project_path, candidate)
    return None
