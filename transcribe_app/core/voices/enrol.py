"""Enrolling a voice: one speaker of a corrected project becomes a profile in the study folder.

    project + speaker (S1, or its code) → the stretches the transcript gives them
      → speech in those stretches (voice activity) → voice embedding → DIR/voices/CODE.voice.json

The speaker's words are what the researcher corrected, so the stretches come
from the transcript's turns, not from a new diarisation; the voice activity
detector then leaves out the pauses inside them.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from ..asr.audio import SAMPLE_RATE
from ..diarise.assign import turns_from_segments
from ..diarise.stage import project_recording
from ..diarise.vad import speech_regions
from ..errors import BadInputError
from ..project.record import Project, RosterEntry
from .embedding import speaker_embedding
from .profile import VoiceProfile, check_code, profile_path, save_profile

# Less speech than this gives a voice that wanders: resemblyzer's own advice is 5-30 s per speaker.
MIN_SECONDS = 10.0


def enrol_voice(
    study: str | os.PathLike[str],
    project: Project,
    project_path: str | os.PathLike[str],
    speaker: str,
    code: str,
    *,
    role: str | None = None,
    replace: bool = False,
    audio: np.ndarray | None = None,
) -> tuple[VoiceProfile, Path]:
    """Enrol ``speaker`` (a label such as S1, or the code the roster gives it) of ``project`` as ``code``.

    ``role`` defaults to the roster's role for the speaker (interviewer, informant…). An existing
    voice of that code is replaced only with ``replace``. Returns the profile and its file.
    Raises ``BadInputError`` for a speaker not in the project, too little speech, or no recording.
    """
    study, project_path = Path(study), Path(project_path)
    check_code(code)
    if not study.is_dir():
        raise BadInputError(f"The study folder “{study}” does not exist.")
    target = profile_path(study, code)
    if target.exists() and not replace:
        raise BadInputError(
            f"A voice is already enrolled as “{code}” in “{study}”; pass --replace to enrol it again, "
            "or choose another code."
        )
    label, entry = speaker_label(project, speaker)
    if audio is None:
        if project.audio_file(project_path) is None:
            raise BadInputError(
                f"“{project_path.name}” has no recording (it was imported from text); a voice can only be "
                "enrolled from a transcribed recording."
            )
        audio = project_recording(project, project_path)
    stretches = [(t.start, t.end) for t in turns_from_segments(project.segments) if t.speaker == label]
    voice = speaker_embedding(audio, _speech_in(audio, stretches))
    seconds = voice.speech_seconds if voice is not None else 0.0
    if voice is None or seconds < MIN_SECONDS:
        raise BadInputError(
            f"“{speaker}” speaks for only {seconds:.0f} s of clear speech in “{project_path.name}”; a voice "
            f"needs at least {MIN_SECONDS:.0f} s. Enrol them from an interview where they speak more."
        )
    profile = VoiceProfile(
        code=code,
        role=role or (entry.role if entry is not None else _role_for(code)),
        embedding=tuple(round(float(x), 6) for x in voice.vector),
        source_project=_relative(project_path, study),
        source_speaker=label,
        speech_seconds=seconds,
        enrolled_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
    )
    return profile, save_profile(study, profile)


def speaker_label(project: Project, speaker: str) -> tuple[str, RosterEntry | None]:
    """The label the transcript's segments carry for ``speaker`` (a label or a roster code)."""
    labels = list(dict.fromkeys(s.speaker for s in project.segments if s.speaker))
    if speaker in labels:
        return speaker, next((e for e in project.roster if e.label == speaker), None)
    for entry in project.roster:
        if entry.code == speaker and entry.label in labels:
            return entry.label, entry
    codes = {e.label: e.code for e in project.roster}
    known = ", ".join(f"{label} ({codes[label]})" if codes.get(label) else label for label in labels)
    raise BadInputError(
        f"No speaker “{speaker}” in this project. Speakers: {known or 'none (find them first with diarise)'}."
    )


def _speech_in(audio: np.ndarray, stretches: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The parts of ``stretches`` the voice activity detector hears as speech."""
    speech = []
    for start, end in stretches:
        piece = audio[int(start * SAMPLE_RATE) : int(end * SAMPLE_RATE)]
        if len(piece) < SAMPLE_RATE // 2:
            continue
        speech += [(start + a, start + b) for a, b in speech_regions(piece)]
    return speech


def _role_for(code: str) -> str:
    return "interviewer" if code in ("I", "M") else "informant"


def _relative(path: Path, study: Path) -> str:
    try:
        return path.resolve().relative_to(study.resolve()).as_posix()
    except ValueError:
        return str(path.resolve())
