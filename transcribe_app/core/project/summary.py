"""A short, human summary of a project (``transcribe-app info``). Never the transcript text."""

from __future__ import annotations

import os
from pathlib import Path

from ..asr.audio import file_sha256
from ..file_safety import is_file
from .record import Project
from .transcript import LOW_CONFIDENCE, clock_time


def summarise(project: Project, project_path: str | os.PathLike[str]) -> str:
    meta = project.metadata
    words = [w for s in project.segments for w in s.words]
    low = sum(1 for w in words if w.probability is not None and w.probability < LOW_CONFIDENCE)
    lines = [
        f"Title:        {meta.title}",
        f"Kind:         {'focus group' if meta.kind == 'focus_group' else 'elite interview'}",
        f"Date:         {meta.date or '-'}",
        f"Appendix:     {meta.appendix if meta.appendix is not None else '-'}",
        f"Code:         {meta.citation_code or '-'}",
        f"Source:       {'typed transcript (imported)' if project.source == 'import' else 'recording'}",
        *_audio_lines(project, Path(project_path)),
        *_run_lines(project),
        f"Segments:     {len(project.segments)}",
        f"Words:        {len(words)}" + (f" ({low} below {LOW_CONFIDENCE:.0%} confidence)" if words else ""),
        f"Speakers:     {', '.join(sorted({s.speaker for s in project.segments if s.speaker})) or '-'}",
        f"Roster:       {', '.join(f'{r.code} ({r.role})' for r in project.roster) or '-'}",
        f"Cleanup:      {project.cleanup_level or 'clean (default)'}",
    ]
    return "\n".join(lines)


def _audio_lines(project: Project, project_path: Path) -> list[str]:
    audio = project.audio_file(project_path)
    if audio is None:
        return ["Recording:    -"]
    if not is_file(audio):
        state = "MISSING"
    elif project.audio.sha256 and file_sha256(audio) != project.audio.sha256:
        state = "CHANGED since transcription"
    else:
        state = "ok"
    duration = project.audio.duration
    return [
        f"Recording:    {project.audio.path} ({state})",
        f"Duration:     {clock_time(duration) if duration is not None else '-'}",
    ]


def _run_lines(project: Project) -> list[str]:
    run = project.transcription
    if run is None:
        return []
    done = f" at {clock_time(run.transcribed_until)}" if run.status != "complete" else ""
    return [
        f"Transcribed:  {run.backend} {run.library_version}, model {run.model.get('name')} "
        f"({run.model.get('source')}), {run.device} {run.compute_type}, "
        f"language {run.options.get('language') or 'auto'}, beam {run.options.get('beam_size')}",
        f"Status:       {run.status.replace('_', ' ')}{done}",
    ]
