"""Going back to the previous version of a project: the ``.bak`` beside it.

Every save keeps the file it replaces as ``NAME.bak`` (core/safe_write; a command or a
window that saves several times keeps the version from before it began). When the
project is damaged (a sync tool, a disk error) or a change is to be undone,
``restore_backup`` puts the ``.bak`` back in its place, the same bytes — once it has
checked that the ``.bak`` opens as a project, so a restore never makes things worse.
Nothing is deleted: the file it replaces is kept beside it, ``NAME.damaged`` when it
did not open as a project and ``NAME.replaced`` when it did (``-2``, ``-3`` … when such a
file is there already), and renaming it back undoes the restore. The ``.bak`` stays.

Both ``transcribe-app restore`` and the window's offer to open the previous version of a
damaged project run this.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .. import safe_write
from ..errors import BadInputError, ProjectFileError, TranskriptError
from .file import backup_path, load_project

DAMAGED_SUFFIX, REPLACED_SUFFIX = ".damaged", ".replaced"


@dataclass(frozen=True)
class Restored:
    """What ``restore_backup`` did."""

    project: Path
    backup: Path
    saved_at: datetime  # when the backup was written (local time)
    kept: Path | None = None  # where the replaced file is now; None when nothing was replaced
    damaged: bool = False  # the replaced file did not open as a project
    unchanged: bool = False  # the backup was the same as the project: nothing to do


def backup_usable(path: str | os.PathLike[str]) -> bool:
    """Whether the project at ``path`` has a ``.bak`` that opens as a project."""
    return opens(backup_path(Path(path)))


def opens(path: Path) -> bool:
    """Whether ``path`` is a file that loads as a project."""
    if not path.is_file():
        return False
    try:
        load_project(path)
    except TranskriptError:
        return False
    return True


def restore_backup(path: str | os.PathLike[str]) -> Restored:
    """Put the ``.bak`` of the project at ``path`` in its place, keeping the file it replaces.

    Raises ``BadInputError`` when there is no ``.bak`` and ``ProjectFileError`` when it
    does not open as a project (its message says why) or cannot be put in place; in
    every such case the project and its ``.bak`` are as they were.
    """
    path = Path(path)
    backup = backup_path(path)
    _check_backup_exists(path, backup)
    try:
        load_project(backup)
    except TranskriptError as error:
        raise ProjectFileError(
            f"The previous version “{backup.name}” cannot be restored: it does not open as a project either. "
            f"{error}\nNothing was changed."
        ) from None
    data = _read(backup)
    saved_at = datetime.fromtimestamp(backup.stat().st_mtime)
    if not path.exists():
        _write(path, data, f"Could not restore “{path.name}” from “{backup.name}”")
        return Restored(path, backup, saved_at)
    if _read(path) == data:
        return Restored(path, backup, saved_at, unchanged=True)
    damaged = not opens(path)
    kept = _free_name(path.with_name(path.name + (DAMAGED_SUFFIX if damaged else REPLACED_SUFFIX)))
    # The current file is copied aside first and only then replaced, each step all at once: at every
    # moment the project's name holds one whole version, and the replaced one is never lost.
    _write(kept, _read(path), f"Could not keep “{path.name}” as “{kept.name}”, so nothing was restored")
    _write(path, data, f"Could not restore “{path.name}” from “{backup.name}” (it is kept as “{kept.name}”)")
    return Restored(path, backup, saved_at, kept=kept, damaged=damaged)


def _check_backup_exists(path: Path, backup: Path) -> None:
    if path.exists() and not path.is_file():
        raise BadInputError(f"“{path}” is not a project file (it is a folder or a device).")
    if backup.is_file():
        return
    if not path.exists():
        raise BadInputError(
            f"The project file “{path}” does not exist, and there is no previous version of it "
            f"(“{backup.name}”) to restore."
        )
    raise BadInputError(
        f"There is no previous version of “{path.name}” to restore: “{backup.name}” does not exist "
        "beside it. Transkript keeps one when a command or the window saves over the project."
    )


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise ProjectFileError(
            f"“{path.name}” cannot be read: {error.strerror or type(error).__name__}. Nothing was changed."
        ) from None


def _write(path: Path, data: bytes, failed: str) -> None:
    safe_write.write_atomically(path, data, keep_backup=False, failure=lambda reason: f"{failed}: {reason}.")


def _free_name(path: Path) -> Path:
    """``path``, or ``path-2``, ``path-3`` … the first that is not taken."""
    candidate, number = path, 2
    while candidate.exists():
        candidate = path.with_name(f"{path.name}-{number}")
        number += 1
    return candidate
