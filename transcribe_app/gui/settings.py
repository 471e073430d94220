"""The window's settings (QSettings): the list of recent projects, and the choices kept per project."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QSettings

ORGANISATION = "Transkript"
APPLICATION = "Transkript"
RECENT_KEY = "recent_projects"
RECENT_MAX = 10


def app_settings() -> QSettings:
    """The user's settings (registry, plist or ini file, as the platform keeps them)."""
    return QSettings(ORGANISATION, APPLICATION)


def recent_projects(settings: QSettings) -> list[Path]:
    """Recent project files, most recent first (files that vanished included: the caller decides)."""
    value = settings.value(RECENT_KEY, [])
    if isinstance(value, str):  # QSettings gives a lone string for a one-item list in ini files
        value = [value]
    return [Path(item) for item in value or [] if item]


def remember_project(settings: QSettings, path: Path) -> list[Path]:
    """Put ``path`` first in the recent list; returns the new list."""
    path = Path(path).resolve()
    paths = [path] + [p for p in recent_projects(settings) if p != path]
    _store(settings, paths[:RECENT_MAX])
    return paths[:RECENT_MAX]


def forget_project(settings: QSettings, path: Path) -> list[Path]:
    paths = [p for p in recent_projects(settings) if p != Path(path)]
    _store(settings, paths)
    return paths


def _store(settings: QSettings, paths: list[Path]) -> None:
    settings.setValue(RECENT_KEY, [str(p) for p in paths])
    settings.sync()


def project_key(path: Path, name: str) -> str:
    """The settings key of ``name`` for one project (the user's choices for that project).

    Keyed by a digest of the project's resolved path: a path holds characters an ini key
    cannot, and a name of a participant must not show up in the settings file.
    """
    digest = hashlib.sha256(str(Path(path).resolve()).encode("utf-8")).hexdigest()[:20]
    return f"projects/{digest}/{name}"


def string_list(settings: QSettings, key: str) -> list[str]:
    """A list of texts kept under ``key`` (QSettings gives a lone string for a one-item list)."""
    value = settings.value(key, [])
    if isinstance(value, str):
        value = [value]
    return [str(item) for item in value or [] if item]
