"""Writing an export all at once or not at all.

Text formats go through ``projectfile.atomic_write_text``; DOCX and PDF are
bytes and come here. Same recipe: a temporary file in the target folder,
flushed to disk, then renamed over the target. A failed or interrupted export
never leaves half a file, and an existing file of the same name stays as it was.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from ..errors import ProjectFileError


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step; on any failure the old file is untouched."""
    path = Path(path)
    folder = path.parent
    if not folder.is_dir():
        raise ProjectFileError(f"The folder “{folder}” does not exist; choose another place for the export.")
    if path.is_dir():
        raise ProjectFileError(f"“{path}” is a folder; give a file name for the export.")
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
        tmp_name = None
    except OSError as exc:
        raise ProjectFileError(_failure_message(path, exc)) from exc
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass


def _failure_message(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        reason = "the disk is full"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        reason = "Transkript may not write there"
    else:
        reason = exc.strerror or str(exc)
    return (
        f"Could not write “{path.name}”: {reason}. "
        "Nothing was written; an existing file of that name is unchanged."
    )
