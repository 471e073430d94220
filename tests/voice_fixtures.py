"""Two interviews with the same interviewer, built from the NST voices, for the study's voice tests.

- Interview A: speaker 0042 (the interviewer) and speaker 113 (an informant) take turns, from the
  single clips in ``nst_da/wav``; its project is "corrected": every segment has its speaker, and the
  roster says S1 is I and S2 is VJ.
- Interview B: the stretch of ``longform_4spk.flac`` where 0042 (other sentences than in A) and
  speaker 25 take turns; its project has words but no speakers yet.

The words are placeholders spread over each utterance's time (no Whisper run): the voice tests need
the times and the speakers, never the text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tests.speech import LONGFORM, NST_DIR, write_wav
from transcribe_app.core.asr.audio import decode_audio, file_sha256
from transcribe_app.core.project.file import save_project
from transcribe_app.core.project.record import Metadata, Project, RosterEntry
from transcribe_app.core.project.transcript import Segment, Word

SR = 16_000
GAP = 0.6  # seconds between utterances
# Interview A's utterances in order: (truth speaker, clip file in nst_da/wav).
A_UTTERANCES = [
    ("0042", "danspeech_u0042009.wav"),
    ("113", "kianasab_r5650113_u0113012.wav"),
    ("0042", "danspeech_u0042010.wav"),
    ("113", "kianasab_r5650113_u0113013.wav"),
    ("0042", "danspeech_u0042011.wav"),
    ("113", "kianasab_r5650113_u0113014.wav"),
]
# Interview B: the longform recording from 57.5 s to 102.5 s (0042: 3 sentences, 25: 3 sentences).
B_SPAN = (57.5, 102.5)


@dataclass(frozen=True)
class Interview:
    project: Path
    recording: Path
    truth: list[tuple[float, float, str]]  # (start, end, NST speaker)


def interview_a(folder: Path) -> Interview:
    """Interview A as a corrected project in ``folder``: S1 = 0042 = I, S2 = 113 = VJ."""
    pieces, truth, t = [], [], 0.0
    for speaker, name in A_UTTERANCES:
        speech = _speech_only(decode_audio(NST_DIR / "wav" / name).samples)
        truth.append((t, t + len(speech) / SR, speaker))
        pieces += [speech, np.zeros(int(GAP * SR), np.float32)]
        t += len(speech) / SR + GAP
    recording = folder / "interview_a.wav"
    write_wav(recording, np.concatenate(pieces))
    labels = {"0042": "S1", "113": "S2"}
    project = _project(recording, truth, labels)
    project.roster = [
        RosterEntry(label="S1", code="I", role="interviewer"),
        RosterEntry(label="S2", code="VJ", role="informant"),
    ]
    path = folder / "interview_a.transkript.json"
    save_project(project, path)
    return Interview(path, recording, truth)


def interview_b(folder: Path) -> Interview:
    """Interview B as a transcribed project in ``folder``, without speakers."""
    start, end = B_SPAN
    audio = decode_audio(LONGFORM).samples[int(start * SR) : int(end * SR)]
    recording = folder / "interview_b.wav"
    write_wav(recording, audio)
    reference = json.loads((NST_DIR / "longform_4spk.json").read_text(encoding="utf-8"))
    truth = [
        (t["start"] - start, t["end"] - start, t["speaker"])
        for t in reference["turns"]
        if start <= t["start"] and t["end"] <= end
    ]
    path = folder / "interview_b.transkript.json"
    project = _project(recording, truth, None)
    project.metadata.citation_code = "HEK"
    save_project(project, path)
    return Interview(path, recording, truth)


def _project(recording: Path, truth, labels: dict[str, str] | None) -> Project:
    segments = []
    for i, (start, end, speaker) in enumerate(truth):
        label = labels[speaker] if labels else None
        edges = np.linspace(start, end, 6)
        words = [
            Word(" ord", round(a, 3), round(b, 3), 0.9, label)
            for a, b in zip(edges[:-1], edges[1:], strict=True)
        ]
        segments.append(Segment(i, round(start, 3), round(end, 3), " ord" * 5, words, label))
    project = Project(metadata=Metadata(kind="elite"), segments=segments)
    project_path = recording.with_suffix(".transkript.json")
    project.set_audio_file(recording, project_path)
    project.audio.sha256 = file_sha256(recording)
    project.audio.duration = round(segments[-1].end + GAP, 3)
    return project


def _speech_only(samples: np.ndarray) -> np.ndarray:
    """The clip's speech with 0.1 s either side: the NST clips carry up to 1.3 s of room tone."""
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    stamps = get_speech_timestamps(samples, VadOptions(min_silence_duration_ms=1000, speech_pad_ms=100))
    return samples[stamps[0]["start"] : stamps[-1]["end"]]


