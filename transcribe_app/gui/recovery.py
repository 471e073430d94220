"""What the window checks when it starts or opens a project: interrupted runs and damaged files.

A transcription that crashed or was killed leaves a project whose status is
still ``in_progress`` (a cancelled one says ``cancelled``); both hold what was
done and can be resumed. A project file is written atomically (core/project/file),
so it is never half-written by Transkript itself; if it is damaged anyway (a
sync tool, a disk error), the previous version is the ``.bak`` beside it, and
core/project/backup.py's ``restore_backup`` (also ``transcribe-app restore``) puts that
back without deleting the damaged file.

No Qt here: these are plain checks on files, shared by the start page and Open.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from ..core.errors import TranskriptError
from ..core.project.backup import backup_usable
from ..core.project.file import load_project
from ..core.project.record import CANCELLED, IN_PROGRESS, Project
from .core_messages import core_message


@dataclass
class ProjectState:
    """A project file as the start page sees it (small: a list of recent projects holds several)."""

    path: Path
    readable: bool = False
    title: str = ""
    status: str | None = None  # the transcription run's status; None when there was no run
    transcribed_until: float = 0.0
    duration: float | None = None
    problem: str | None = None  # the core's message, when it cannot be read
    backup_usable: bool = False  # the .bak beside it can be read
    project: Project | None = None  # only when asked for (opening it)

    @property
    def exists(self) -> bool:
        return self.path.is_file()

    @property
    def interrupted(self) -> bool:
        """A transcription that stopped before the end (crash, kill or cancel): it can be resumed."""
        return self.status in (IN_PROGRESS, CANCELLED)

    @property
    def crashed(self) -> bool:
        return self.status == IN_PROGRESS


_seen: dict[Path, tuple[tuple[int, int], ProjectState]] = {}


def inspect(path: str | os.PathLike[str], *, keep_project: bool = False) -> ProjectState:
    """Read ``path`` and say whether it opens, was interrupted, or needs its backup.

    A file unchanged since it was last inspected is not read again (unless its project is wanted).
    """
    path = Path(path)
    try:
        stat = path.stat()
    except OSError:
        return ProjectState(path)
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _seen.get(path)
    if cached is not None and cached[0] == stamp and not keep_project:
        return cached[1]
    state = ProjectState(path)
    try:
        project = load_project(path)
    except TranskriptError as error:
        state.problem = core_message(str(error))
        state.backup_usable = backup_usable(path)
    else:
        run = project.transcription
        state.readable, state.title = True, project.metadata.title
        state.duration = project.audio.duration
        if run is not None:
            state.status, state.transcribed_until = run.status, run.transcribed_until
        _seen[path] = (stamp, state)
        if keep_project:
            state = replace(state, project=project)
    return state
