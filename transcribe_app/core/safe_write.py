"""Replacing a file all at once or not at all: the one recipe every save and export uses.

Every writer calls ``replace_file`` (through ``project/file.py`` ``atomic_write_text`` for text it saves,
``exports.files.atomic_write_bytes`` for exports), with the ``Wording`` of its kind of file.

A temporary file is written in the target's folder and flushed to disk; only then
is it renamed over the target, and the rename itself is flushed. A crash, a full
disk or a power cut at any moment leaves either the old file or the new one, never
half of one. With ``keep_backup`` the file being replaced is first kept as
``NAME.bak`` (itself replaced in one step).

The temporary names are short and of bounded length (``.tk-`` + at most 32 bytes of
the name + a random part), so that a target whose own name is as long as the file
system allows (255 bytes) can still be written; a name that really is too long is
refused with a sentence before anything is written.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .errors import ProjectFileError

# What a file is replaced with: its bytes, or a function that writes them to the open temporary file.
Content = bytes | Callable[[BinaryIO], None]
NAME_MAX = 255  # bytes in one file name on ext4, APFS and (as UTF-16 units) NTFS
BACKUP_SUFFIX = ".bak"
_HINT_BYTES = 32  # of the target's name in a temporary name, to tell whose it is


@dataclass(frozen=True)
class Wording:
    """How ``replace_file`` tells the researcher that a file could not be written, for one kind of file.

    Each is a template: ``{folder}``, ``{path}``, ``{name}`` and ``{reason}`` are filled in.
    """

    no_folder: str  # the target's folder does not exist
    failed: str  # the system refused the write (``{reason}`` in the researcher's words)
    is_folder: str | None = None  # the target is a folder (None: left to the system's refusal)


# A project, key, roster or report: what was saved before stays.
SAVE = Wording(
    no_folder="The folder “{folder}” does not exist; choose another place to save.",
    failed="Could not save “{name}”: {reason}. The last saved version is unchanged.",
)
# An export, table or validation package: nothing half-written, an older file of that name kept.
EXPORT = Wording(
    no_folder="The folder “{folder}” does not exist; choose another place for the export.",
    failed=(
        "Could not write “{name}”: {reason}. Nothing was written; an existing file of that name is unchanged."
    ),
    is_folder="“{path}” is a folder; give a file name for the export.",
)


def replace_file(
    path: str | os.PathLike[str], data: Content, *, keep_backup: bool = False, wording: Wording = SAVE
) -> None:
    """Every writer's way to replace ``path`` with ``data``: its folder checked, then ``write_atomically``.

    ``data`` is the bytes, or a function that writes them to an open file (a REFI-QDA package streams a
    recording of a gigabyte into its zip rather than holding it in memory).

    Raises ``ProjectFileError`` worded by ``wording``; the old file (and its ``.bak``) stay as they were.
    """
    path = Path(path)
    folder = path.parent
    if not folder.is_dir():
        raise ProjectFileError(wording.no_folder.format(folder=folder, path=path, name=path.name))
    if wording.is_folder is not None and path.is_dir():
        raise ProjectFileError(wording.is_folder.format(folder=folder, path=path, name=path.name))
    write_atomically(
        path,
        data,
        keep_backup=keep_backup,
        failure=lambda reason: wording.failed.format(folder=folder, path=path, name=path.name, reason=reason),
    )


def write_atomically(
    path: str | os.PathLike[str],
    data: Content,
    *,
    keep_backup: bool,
    failure: Callable[[str], str],
) -> None:
    """Replace ``path`` with ``data`` in one step; ``failure(reason)`` words the error if it cannot be.

    Raises ``ProjectFileError`` with that sentence; on any failure the old file (and
    its ``.bak``) are as they were, and no temporary file is left behind.
    """
    path = Path(path)
    folder = path.parent
    too_long = name_problem(path, keep_backup)
    if too_long:
        raise ProjectFileError(failure(too_long))
    tmp_name = None
    try:
        # mkstemp makes the file readable by its owner only: projects, keys and exports hold names.
        fd, tmp_name = tempfile.mkstemp(prefix=temporary_prefix(path.name), suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            if callable(data):
                data(handle)
            else:
                handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if keep_backup and path.exists():
            keep_previous_version(path)
        os.replace(tmp_name, path)
        tmp_name = None
        fsync_folder(folder)
    except OSError as exc:
        raise ProjectFileError(failure(failure_reason(exc))) from exc
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass


def backup_path(path: str | os.PathLike[str]) -> Path:
    """``NAME.bak`` beside ``path``: the file as it was before it was last replaced."""
    path = Path(path)
    return path.with_name(path.name + BACKUP_SUFFIX)


def keep_previous_version(path: Path) -> None:
    """Make ``path.bak`` a copy of the current file, itself replaced atomically."""
    backup = backup_path(path)
    fd, staging = tempfile.mkstemp(prefix=temporary_prefix(backup.name), suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        try:
            os.unlink(staging)
            os.link(path, staging)  # instant, and the bytes stay shared until the rename
        except OSError:
            shutil.copy2(path, staging)
        os.replace(staging, backup)
    except BaseException:
        try:
            os.unlink(staging)
        except OSError:
            pass
        raise


def temporary_prefix(name: str) -> str:
    """``.tk-`` and the first few bytes of ``name`` (whole characters): short whatever the name."""
    hint = ""
    for character in name:
        if len(os.fsencode(hint + character)) > _HINT_BYTES:
            break
        hint += character
    return f".tk-{hint}."


def name_problem(path: Path, keep_backup: bool) -> str | None:
    """Why ``path`` cannot be written under its name (too long, with its ``.bak``), or None."""
    size = len(os.fsencode(path.name))
    if size > NAME_MAX:
        return f"the file name is too long ({size} bytes; file systems take at most {NAME_MAX})"
    if keep_backup and size + len(BACKUP_SUFFIX) > NAME_MAX and path.exists():
        return (
            f"the file name is too long to keep the previous version beside it as “….bak” "
            f"(at most {NAME_MAX - len(BACKUP_SUFFIX)} bytes)"
        )
    return None


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` reach the disk; not every platform can open a folder."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def failure_reason(exc: OSError) -> str:
    """Why a write failed, in the researcher's words."""
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "Transkript may not write there"
    if exc.errno == errno.ENAMETOOLONG:
        return "the file name or its folder's path is too long for this disk"
    return exc.strerror or str(exc)
