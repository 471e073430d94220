"""Which files the window opens: recordings, typed transcripts, project files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication

from ..core.project.new import RECORDING_SUFFIXES, TRANSCRIPT_SUFFIXES
from ..core.project.record import PROJECT_SUFFIX


def kind_of(path: str | Path) -> str | None:
    """``project``, ``audio``, ``transcript`` or None, by the file's name."""
    name = Path(path).name.lower()
    if name.endswith(PROJECT_SUFFIX):
        return "project"
    suffix = Path(name).suffix
    if suffix in RECORDING_SUFFIXES:
        return "audio"
    if suffix in TRANSCRIPT_SUFFIXES:
        return "transcript"
    return None


def audio_filter() -> str:
    patterns = " ".join(f"*{suffix}" for suffix in RECORDING_SUFFIXES)
    return QCoreApplication.translate("Files", "Recordings ({patterns});;All files (*)").format(
        patterns=patterns
    )


def transcript_filter() -> str:
    return QCoreApplication.translate("Files", "Typed transcripts (*.txt *.docx);;All files (*)")


def project_filter() -> str:
    return QCoreApplication.translate("Files", "Transkript projects (*{suffix});;All files (*)").format(
        suffix=PROJECT_SUFFIX
    )
