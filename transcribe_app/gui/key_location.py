"""Where the key file of a project's pseudonymised exports goes, remembered per project on this computer.

The key links codes to real names. Its place is a fact about this computer (a
folder on an encrypted drive, a locked share), not about the interview, so it is
kept in the user's settings (QSettings), one entry per project file, and never in
the project file, which may be copied to a supervisor or another machine. A
project without a remembered key gets a suggestion next to the project file —
which holds the real names anyway — never next to the export.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QSettings

from ..core.project.record import PROJECT_SUFFIX

GROUP = "pseudonymisation_keys"
KEY_SUFFIX = ".key.json"


def _entry(project_path: Path) -> str:
    # A hash, not the path: QSettings reads "/" and "\" in a key as groups.
    digest = hashlib.sha256(str(Path(project_path).resolve()).encode("utf-8")).hexdigest()[:24]
    return f"{GROUP}/{digest}"


def suggested_key_path(project_path: str | Path | None) -> str:
    """``interview.key.json`` beside ``interview.transkript.json``; "" for a project not yet saved."""
    if project_path is None:
        return ""
    path = Path(project_path)
    stem = path.name[: -len(PROJECT_SUFFIX)] if path.name.endswith(PROJECT_SUFFIX) else path.stem
    return str(path.with_name(stem + KEY_SUFFIX))


def key_path(settings: QSettings, project_path: str | Path | None) -> str:
    """The key file chosen for this project, else the suggestion."""
    if project_path is None:
        return ""
    value = settings.value(_entry(Path(project_path)), "")
    return str(value or "") or suggested_key_path(project_path)


def remember_key_path(settings: QSettings, project_path: str | Path | None, key: str) -> None:
    """Keep ``key`` as this project's key file ("" forgets the choice: the suggestion stands again)."""
    if project_path is None:
        return
    if key.strip():
        settings.setValue(_entry(Path(project_path)), key.strip())
    else:
        settings.remove(_entry(Path(project_path)))
    settings.sync()
