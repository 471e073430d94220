"""Reading and writing project files so that saved work is never lost.

A save writes a temporary file in the same folder, flushes it to disk, keeps
the previous version as ``NAME.transkript.json.bak`` and only then renames the
new file into place. A crash, a full disk or a power cut at any moment leaves
either the old or the new project intact, never half of one.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import tempfile
from pathlib import Path

from .errors import ProjectFileError
from .project import Project

log = logging.getLogger(__name__)


def save_project(project: Project, path: str | os.PathLike[str]) -> None:
    """Write ``project`` to ``path`` atomically, keeping the previous version as ``.bak``."""
    atomic_write_text(Path(path), project_json(project))


def project_json(project: Project) -> str:
    """The project file's text: the small parts indented for reading, then one segment per line.

    One compact line per segment keeps the file readable and diffable, and lets the
    C encoder do the words: indenting everything made a two-hour transcript take
    ~0.2 s to serialise, a pause at every autosave.
    """
    data = project.to_dict()
    segments = data.pop("segments")
    head = json.dumps(data, ensure_ascii=False, indent=1)
    rows = ",\n  ".join(json.dumps(s, ensure_ascii=False, separators=(",", ":")) for s in segments)
    listing = f"[\n  {rows}\n ]" if segments else "[]"
    return head[:-2] + ',\n "segments": ' + listing + "\n}\n"


def load_project(path: str | os.PathLike[str]) -> Project:
    """Read a project file, with a message the researcher can act on if it is unusable."""
    path = Path(path)
    if not path.is_file():
        raise ProjectFileError(f"The project file “{path}” does not exist.")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ProjectFileError(
            f"The project file “{path.name}” is damaged and cannot be read ({exc}). "
            f"The previous version is kept as “{backup_path(path).name}” if it exists."
        ) from exc
    except OSError as exc:
        raise ProjectFileError(f"The project file “{path}” cannot be read: {exc.strerror}.") from exc
    project = Project.from_dict(data, where=f"“{path.name}”")
    _normalise_text(project, path)
    return project


def _normalise_text(project: Project, path: Path) -> None:
    """A project saved before text was normalised where it enters (``text_form``) is brought to that
    form as it is read, so that search and the leak check see one form; said once, as a warning."""
    from .text_form import normalise_project, removed_notice

    removed = normalise_project(project)
    if removed:
        log.warning("%s", removed_notice(removed, f"the transcript of “{path.name}”"))


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def atomic_write_text(path: Path, text: str, *, keep_backup: bool = True) -> None:
    """Replace ``path`` with ``text`` all at once, or not at all (the old one kept as ``.bak``)."""
    path = Path(path)
    folder = path.parent
    if not folder.is_dir():
        raise ProjectFileError(f"The folder “{folder}” does not exist; choose another place to save.")
    tmp_name = None
    try:
        # mkstemp makes the file readable by its owner only: a project holds real names.
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if keep_backup and path.exists():
            _keep_backup(path)
        os.replace(tmp_name, path)
        tmp_name = None
        _fsync_folder(folder)
    except OSError as exc:
        raise ProjectFileError(_save_failure_message(path, exc)) from exc
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass


def _keep_backup(path: Path) -> None:
    """Make ``path.bak`` a copy of the current file, itself replaced atomically."""
    backup = backup_path(path)
    staging = backup.with_name(backup.name + ".tmp")
    try:
        if staging.exists():
            staging.unlink()
        os.link(path, staging)  # instant, and the bytes stay shared until the rename
    except OSError:
        import shutil

        shutil.copy2(path, staging)
    os.replace(staging, backup)


def _fsync_folder(folder: Path) -> None:
    # The rename itself must reach the disk; not every platform can open a folder.
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


def _save_failure_message(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        reason = "the disk is full"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        reason = "Transkript may not write there"
    else:
        reason = exc.strerror or str(exc)
    return f"Could not save “{path.name}”: {reason}. The last saved version is unchanged."
