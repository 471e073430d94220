"""Kill and resume a transcription, and compare it with the run that was never stopped.

Shared by ``tests/test_resume_property.py`` (which asserts the property) and
``bench/resume.py`` (which prints the figures). A kill can only leave on disk what
the pipeline last saved, so "killed at a random moment" is simulated exactly by
taking the project file as one save of an uninterrupted run left it (every save is
kept with ``save_interval=0``) and resuming from that copy. The test adds one real
SIGKILL of a subprocess on top.

The property (issue 12): the resumed transcript has words wherever the uninterrupted
one has words (no stretch longer than ``MAX_GAP`` s without them), and its word
error rate against the NST reference stays within 2 points of the uninterrupted run.
"""

from __future__ import annotations

import json
import shutil
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tests.speech import LONGFORM, NST_DIR, normalise
from transcribe_app.core.asr import TranscriptionOptions
from transcribe_app.core.asr import stage as transcription
from transcribe_app.core.project.file import ProjectWriter, load_project
from transcribe_app.core.project.record import Project

MAX_GAP = 2.0  # seconds of the uninterrupted run's speech the resumed one may lack
WORD_SLACK = 0.5  # two runs place the same word up to this far apart
GREEDY = (0.0,)  # no temperature fallback: two runs decode the same way
# openai-whisper's beam search is slow on a CPU; its property is checked with greedy decoding.
BEAM_SIZE = {"faster-whisper": 5, "whisper": 1}


def options_for(backend: str, model: str) -> TranscriptionOptions:
    return TranscriptionOptions(
        model=model, language="da", device="cpu", temperature=GREEDY, beam_size=BEAM_SIZE[backend]
    )


@dataclass(frozen=True)
class Piece:
    """The start of the long multi-speaker recording, cut in a pause between two turns."""

    path: Path
    duration: float
    turns: list[dict]  # the reference turns inside the piece (start, end, reference_norm)


def cut_longform(seconds: float, folder: Path) -> Piece:
    """The first ``seconds`` of ``longform_4spk`` (cut in the pause before), as a 16 kHz wav."""
    from transcribe_app.core.asr.audio import decode_audio

    turns = json.loads((NST_DIR / "longform_4spk.json").read_text(encoding="utf-8"))["turns"]
    inside = [t for t in turns if t["end"] <= seconds]
    following = [t for t in turns if t["end"] > seconds]
    cut = (inside[-1]["end"] + following[0]["start"]) / 2 if following else seconds
    samples = decode_audio(LONGFORM).samples[: round(cut * 16_000)]
    path = folder / f"longform_{round(cut)}s.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16_000)
        out.writeframes((np.clip(samples, -1, 1) * 32767).astype(np.int16).tobytes())
    return Piece(path, cut, inside)


def uninterrupted(piece: Piece, backend: str, model: str, folder: Path) -> tuple[Project, list[Path]]:
    """One run that is never stopped, and a copy of the project file after each of its saves."""
    folder.mkdir(parents=True, exist_ok=True)
    project_path = folder / "uninterrupted.transkript.json"
    snapshots: list[Path] = []

    class KeepEverySave(ProjectWriter):
        def save(self, project: Project) -> None:
            super().save(project)
            snapshot = folder / f"save{len(snapshots):03d}.transkript.json"
            shutil.copyfile(self.path, snapshot)
            snapshots.append(snapshot)

    transcription.ProjectWriter = KeepEverySave
    try:
        project = transcription.transcribe_recording(
            transcription.TranscriptionRequest(
                piece.path, project_path, options_for(backend, model), backend=backend, save_interval=0
            )
        )
    finally:
        transcription.ProjectWriter = ProjectWriter
    return project, snapshots


def distinct_kill_points(snapshots: list[Path]) -> list[Path]:
    """One snapshot per distinct state a kill can leave (before the run completes)."""
    seen, points = set(), []
    for snapshot in snapshots:
        data = json.loads(snapshot.read_text(encoding="utf-8"))
        if data["transcription"]["status"] == "complete":
            continue
        state = (len(data["segments"]), data["transcription"]["transcribed_until"])
        if state not in seen:
            seen.add(state)
            points.append(snapshot)
    return points


def resume_from(snapshot: Path, piece: Piece, backend: str, model: str, folder: Path) -> Project:
    """Resume a copy of ``snapshot`` to the end, as ``transcribe --resume`` does."""
    project_path = folder / f"resumed-{snapshot.stem}.json"
    shutil.copyfile(snapshot, project_path)
    return transcription.transcribe_recording(
        transcription.TranscriptionRequest(
            piece.path, project_path, options_for(backend, model), backend=backend, resume=True
        )
    )


def kill_point(snapshot: Path) -> float:
    """Where the saved transcript ends: the moment the kill is felt."""
    return load_project(snapshot).transcription.transcribed_until


def words_of(project: Project) -> list[tuple[float, float]]:
    return [(w.start, w.end) for s in project.segments for w in s.words if w.text.strip()]


def longest_gap(reference: Project, resumed: Project) -> tuple[float, tuple[float, float] | None]:
    """The longest stretch of the reference's words with no resumed word near them (s, where)."""
    theirs = sorted(words_of(resumed))
    starts = np.array([start for start, _ in theirs])
    ends = np.array([end for _, end in theirs])
    longest, where, stretch = 0.0, None, None
    for start, end in sorted(words_of(reference)):
        near = bool(np.any((starts <= end + WORD_SLACK) & (ends >= start - WORD_SLACK))) if theirs else False
        if near:
            stretch = None
            continue
        stretch = (stretch[0] if stretch else start, end)
        if stretch[1] - stretch[0] > longest or where is None:
            longest, where = max(longest, stretch[1] - stretch[0]), stretch
    return longest, where


def reference_wer(project: Project, piece: Piece) -> float:
    """WER in percent against the NST reference, over the turns that have one.

    Some clips of the long recording have no reference text; the words a run writes
    there are left out (each word goes to the turn its middle falls in, ±0.6 s, the
    pause between clips).
    """
    import jiwer

    words = (
        [(w.start + w.end) / 2 for s in project.segments for w in s.words],
        [w.text for s in project.segments for w in s.words],
    )
    references, hypotheses = [], []
    for turn in piece.turns:
        if not turn["reference_norm"]:
            continue
        heard = [
            text
            for middle, text in zip(*words, strict=True)
            if turn["start"] - 0.6 <= middle <= turn["end"] + 0.6
        ]
        references.append(normalise(turn["reference_norm"]))
        hypotheses.append(normalise(" ".join(heard)) or "<empty>")
    return 100 * jiwer.wer(references, hypotheses)


def word_count(project: Project) -> int:
    return sum(1 for s in project.segments for w in s.words if w.text.strip())
