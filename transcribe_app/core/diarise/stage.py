"""The diarisation stage on a project: who said which words, saved with its provenance.

    recording (checked against the project's hash) → diarise → speaker per word
      → segments split where the speaker changes → voices enrolled in the study recognised
      → roster suggestions → save

It runs after transcription (``transcribe --diarise``) or later on an existing
project (``transcribe-app diarise``). Only speaker labels and segment
boundaries change; every word, time and probability stays as Whisper gave it.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from ..asr.audio import decode_audio, file_sha256
from ..errors import BadInputError
from ..project.diarisation import DiarisationRecord
from ..project.file import save_project
from ..project.record import Project
from ..voices.profile import study_of, study_voices
from . import assign_speakers, speaker_review_count
from .labels import suggest_roster
from .overlap import find_overlaps
from .registry import DEFAULT_DIARISER, diariser_entry
from .speaker_count import SpeakerCount, count_warnings, speaker_count

# An elite interview is an interviewer and an informant unless the user says otherwise.
ELITE_SPEAKERS = 2


def check_speaker_options(
    speakers: SpeakerCount | int | str | None,
    diariser: str = DEFAULT_DIARISER,
    pyannote_pipeline: str | None = None,
) -> None:
    """Refuse speaker options that cannot work, before a command writes anything.

    ``transcribe --diarise`` finds speakers after the words are done: a wrong number
    of speakers or a missing pyannote pipeline must be said at the start, not after
    an hour of transcription.
    """
    speaker_count(speakers)  # a count out of 1..20 or a backwards range: a sentence
    diariser_entry(diariser).check(pyannote_pipeline)


def diarise_project(
    project: Project,
    project_path: str | os.PathLike[str],
    *,
    speakers: SpeakerCount | int | str | None = None,
    diariser: str = DEFAULT_DIARISER,
    pyannote_pipeline: str | None = None,
    audio: np.ndarray | None = None,
    on_progress: Callable[[float], None] | None = None,
    cancel: threading.Event | None = None,
    keep_backup: bool = True,
    use_voices: bool = True,
    voice_threshold: float | None = None,
) -> Project:
    """Label every word of ``project`` with its speaker and save the project.

    ``speakers`` fixes the count or bounds it (``5-8``; default: 2 for an elite interview,
    estimated up to ``speaker_count.FOCUS_GROUP_MAX`` for a focus group); what the researcher
    should check about the count found is kept in ``project.diarisation.warnings``.
    ``diariser`` names an entry of ``diarise.registry`` (``builtin``, or
    ``pyannote``: the user's own local pipeline, see ``diarise.pyannote_backend``).
    ``audio`` may be passed when it is already decoded. Raises ``Cancelled`` without touching the
    saved project. ``keep_backup=False`` when the same command saved the project before (``transcribe
    --diarise``): its ``.bak`` stays the project as it was before the command.

    When the project lies in a study folder with enrolled voices (``core/voices``; not with
    ``use_voices=False``), each speaker found is compared with them and a clear match gets the
    voice's code; ``voice_threshold`` (0..1) is the similarity a match needs. What was compared
    is kept in ``project.diarisation.voices``.
    """
    from ..voices.matching import DEFAULT_THRESHOLD, check_threshold

    check_speaker_options(speakers, diariser, pyannote_pipeline)
    asked = speaker_count(speakers)
    threshold = check_threshold(DEFAULT_THRESHOLD if voice_threshold is None else voice_threshold)
    study = study_of(project_path) if use_voices else None
    # Read before the work: a damaged voice file stops the command at once, not after the diarisation.
    enrolled = study_voices(study) if study is not None else []
    if not project.segments:
        raise BadInputError("The project has no transcribed words to give speakers to.")
    if audio is None:
        audio = project_recording(project, Path(project_path))
    if asked is None and project.metadata.kind == "elite":
        asked = speaker_count(ELITE_SPEAKERS)
    chosen = diariser_entry(diariser)
    turns = chosen.run(
        audio, speakers=asked, pipeline_path=pyannote_pipeline, on_progress=on_progress, cancel=cancel
    )
    method = chosen.method
    project.segments = assign_speakers(project.segments, turns)
    labels = list(dict.fromkeys(t.speaker for t in sorted(turns, key=lambda t: t.start)))
    voices, recognised = None, {}
    if enrolled:
        from ..voices.matching import compare_voices, label_recognised

        voices, recognised = compare_voices(audio, turns, enrolled, threshold=threshold, cancel=cancel)
        label_recognised(project, recognised)
    suggest_roster(project, labels, recognised=recognised)
    project.diarisation = DiarisationRecord(
        method=method,
        speakers_requested=asked.exact if asked is not None else None,
        speakers_found=len(labels),
        words_to_review=speaker_review_count(project.segments),
        finished_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        voices=voices,
        speakers_range=(asked.minimum, asked.maximum) if asked is not None and asked.exact is None else None,
        warnings=count_warnings(turns, asked),
        overlaps=find_overlaps(audio, turns),
    )
    save_project(project, project_path, keep_backup=keep_backup)
    return project


def project_recording(project: Project, project_path: Path) -> np.ndarray:
    """The project's recording, decoded; a sentence when there is none, it is missing or it changed."""
    audio_path = project.audio_file(project_path)
    if audio_path is None:
        raise BadInputError(
            "This project has no recording (it was imported from text); speakers cannot be found."
        )
    if not audio_path.is_file():
        raise BadInputError(
            f"The recording “{audio_path}” is missing; put it back where it was to find speakers."
        )
    if project.audio.sha256 and file_sha256(audio_path) != project.audio.sha256:
        raise BadInputError(
            f"“{audio_path.name}” has changed since it was transcribed; speakers would not match."
        )
    return decode_audio(audio_path).samples
