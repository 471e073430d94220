"""A new project from a recording (to transcribe) or a typed transcript (to import).

The window's File → New project and ``transcribe-app study add`` both make a project
this way, with the core's functions that ``transcribe-app import`` and ``meta`` use.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import BadInputError
from .file import save_project
from .metadata import update_metadata
from .record import Project

# What core/asr/audio.py decodes (PyAV): the usual recorder, phone and Teams formats. The window's
# file dialogs, a study's ``add`` and batch's folder walk all start from these lists.
RECORDING_SUFFIXES = (
    ".wav", ".mp3", ".m4a", ".aac", ".ogg", ".opus", ".flac", ".mp4", ".mov", ".wma", ".webm",
)  # fmt: skip
TRANSCRIPT_SUFFIXES = (".txt", ".docx")  # what core/imports/typed.py reads

@dataclass
class NewProject:
    """What the dialog asked for."""

    source: Path  # the recording or the typed transcript
    from_audio: bool
    project_path: Path
    kind: str = "elite"
    title: str = ""
    date: str | None = None  # ISO date
    appendix: int | None = None


def create_project(new: NewProject) -> Path:
    """Write the new project file (never over an existing one); returns its path."""
    if new.project_path.exists():
        raise BadInputError(
            f"The project “{new.project_path.name}” already exists; open it, or choose another name."
        )
    if not new.source.is_file():
        raise BadInputError(f"“{new.source}” does not exist.")
    if new.from_audio:
        project = Project(source="audio")
        project.set_audio_file(new.source, new.project_path)
    else:
        from ..imports.typed import import_transcript  # python-docx: loaded when first needed

        project = import_transcript(new.source, kind=new.kind, title=new.title or None)
    update_metadata(
        project,
        title=new.title or new.source.stem,
        kind=new.kind,
        date=new.date or "",
        appendix="" if new.appendix is None else str(new.appendix),
    )
    save_project(project, new.project_path)
    return new.project_path
