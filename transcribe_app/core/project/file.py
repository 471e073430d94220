"""Reading and writing project files so that saved work is never lost.

A save writes a temporary file in the same folder, flushes it to disk, keeps
the previous version as ``NAME.transkript.json.bak`` and only then renames the
new file into place (``safe_write``). A crash, a full disk or a power cut at any
moment leaves either the old or the new project intact, never half of one.
``.bak`` is the project as it was before the command that changed it: a command
that saves several times rotates it only at its first save (``ProjectWriter``).
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from .. import safe_write
from ..errors import ProjectFileError
from .record import Project
from .study_link import find_study

log = logging.getLogger(__name__)


def save_project(project: Project, path: str | os.PathLike[str], *, keep_backup: bool = True) -> None:
    """Write ``project`` to ``path`` atomically, keeping the previous version as ``.bak``.

    A command that saves more than once uses a ``ProjectWriter`` (or ``keep_backup=False``
    after its first save), so that ``.bak`` stays the project as it was before the command.
    """
    atomic_write_text(Path(path), project_json(project), keep_backup=keep_backup)


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
        data = read_json(path)
    except (ValueError, UnicodeDecodeError) as exc:  # JSONDecodeError is a ValueError
        raise ProjectFileError(
            f"The project file “{path.name}” is damaged and cannot be read ({_json_problem(exc)}). "
            f"The previous version is kept as “{backup_path(path).name}” if it exists."
        ) from None
    except OSError as exc:
        raise ProjectFileError(
            f"The project file “{path}” cannot be read: {exc.strerror or exc.__class__.__name__}."
        ) from None
    project = Project.from_dict(data, where=f"“{path.name}”")
    _normalise_text(project, path)
    project.study = find_study(path)  # a study.json in reach: its pseudonyms apply (core/study)
    return project


def _normalise_text(project: Project, path: Path) -> None:
    """A project saved before text was normalised where it enters (``text_form``) is brought to that
    form as it is read, so that search and the leak check see one form; said once, as a warning."""
    from ..text_form import normalise_project, removed_notice

    removed = normalise_project(project)
    if removed:
        log.warning("%s", removed_notice(removed, f"the transcript of “{path.name}”"))


def read_json(path: Path) -> object:
    """The JSON value in ``path``; ``ValueError`` also for nesting too deep for the parser.

    Python's parser recurses once per nesting level: a file of 100,000 ``[`` raises
    ``RecursionError``, which is turned into a ``ValueError`` here like any other
    malformed JSON. Numbers written as ``NaN`` or ``Infinity`` are read (Python
    writes them); the project's field checks refuse them where a number must be finite.
    """
    text = path.read_text(encoding="utf-8")
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError("it is nested far too deep to be a Transkript file") from None


def _json_problem(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} at line {exc.lineno}, column {exc.colno}"
    if isinstance(exc, UnicodeDecodeError):
        return f"it is not UTF-8 text (byte {exc.start})"
    return str(exc)


def backup_path(path: Path) -> Path:
    return safe_write.backup_path(path)


def atomic_write_text(path: str | os.PathLike[str], text: str, *, keep_backup: bool = True) -> None:
    """Replace ``path`` with ``text`` all at once, or not at all (the old one kept as ``.bak``)."""
    safe_write.replace_file(path, text.encode("utf-8"), keep_backup=keep_backup, wording=safe_write.SAVE)


class ProjectWriter:
    """The saves of one command (or one run) to one project file.

    ``.bak`` means "the project as it was before this command": the first save keeps
    the file it replaces as ``.bak``; every later save of the same writer leaves that
    ``.bak`` alone, so that a long transcription saving every few seconds, or a
    transcription followed by the speaker step, still has the pre-run project there.
    """

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)
        self._backup_kept = False

    def save(self, project: Project) -> None:
        """Write ``project`` atomically; only the first save of this writer rotates ``.bak``."""
        save_project(project, self.path, keep_backup=not self._backup_kept)
        self._backup_kept = True
