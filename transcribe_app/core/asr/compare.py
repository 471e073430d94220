"""Several models on the same excerpt of one recording: time, memory, accuracy, and where they differ.

A researcher choosing between base and a Danish fine-tune wants to see both on *their* audio: how
long each takes here (real-time factor), how much memory, the word error rate when a reference
exists (a typed transcript, or the project of this recording once corrected), and the words side by
side. Each model runs in a process of its own, one after another, so that its peak memory is its
own and one model's memory is free before the next loads.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BadInputError, ModelNotAvailableError
from .accuracy import AccuracyReport, measure, normalised_words
from .base import TranscriptionOptions
from .word_alignment import DELETE, INSERT, align

_TIME = r"(?:(\d+):)?(?:(\d+):)?(\d+(?:\.\d+)?)"
_EXCERPT = re.compile(rf"^\s*{_TIME}\s*-\s*{_TIME}\s*$")


def parse_excerpt(text: str) -> tuple[float, float]:
    """``60-180``, ``1:00-3:00`` or ``0:01:00-0:03:00`` → (60.0, 180.0) seconds."""
    match = _EXCERPT.match(text or "")
    if not match:
        raise BadInputError(
            f"The excerpt “{text}” is not a stretch of time; write it as START-END in seconds or "
            "minutes:seconds, e.g. 60-180 or 1:00-3:00."
        )
    start, end = _seconds(match.groups()[:3]), _seconds(match.groups()[3:])
    if end <= start:
        raise BadInputError(f"The excerpt “{text}” ends before it starts; give START-END, e.g. 60-180.")
    return start, end


def _seconds(groups: Sequence[str | None]) -> float:
    parts = [float(g) for g in groups if g is not None]
    total = 0.0
    for part in parts:
        total = total * 60 + part
    return total


@dataclass
class ModelTrial:
    """One model's run on the excerpt."""

    model: str
    backend: str
    device: str = ""
    compute_type: str = ""
    load_seconds: float = 0.0
    seconds: float = 0.0  # transcribing the excerpt, the model already loaded
    audio_seconds: float = 0.0
    peak_memory_mb: float | None = None  # the peak resident memory of the process that ran it
    text: str = ""

    @property
    def real_time_factor(self) -> float | None:
        """Processing seconds per second of audio (under 1: faster than real time)."""
        return self.seconds / self.audio_seconds if self.audio_seconds > 0 else None


@dataclass
class Comparison:
    """The trials in the order asked, each model's accuracy (when there is a reference), the diff."""

    audio: str
    excerpt: tuple[float, float]
    trials: list[ModelTrial]
    reference: str | None = None  # what the reference is, for the report
    accuracy: dict[int, AccuracyReport] = field(default_factory=dict)  # by trial index
    columns: list[str] = field(
        default_factory=list
    )  # the diff's columns: reference (if any), then the models
    rows: list[tuple[str, ...]] = field(default_factory=list)  # aligned words, one tuple per row

    def to_dict(self, words: bool = True) -> dict:
        """For ``--json``; ``words=False`` leaves out the texts (they are the interview's words)."""
        data = {
            "audio": self.audio,
            "excerpt": list(self.excerpt),
            "reference": self.reference,
            "models": [
                {
                    "model": t.model,
                    "backend": t.backend,
                    "device": t.device,
                    "compute_type": t.compute_type,
                    "load_seconds": round(t.load_seconds, 3),
                    "seconds": round(t.seconds, 3),
                    "audio_seconds": round(t.audio_seconds, 3),
                    "real_time_factor": None if t.real_time_factor is None else round(t.real_time_factor, 4),
                    "peak_memory_mb": None if t.peak_memory_mb is None else round(t.peak_memory_mb, 1),
                    "accuracy": self.accuracy[i].overall.to_dict() if i in self.accuracy else None,
                }
                for i, t in enumerate(self.trials)
            ],  # fmt: skip
        }
        if words:
            data["columns"] = self.columns
            data["differences"] = [list(row) for row in self.rows]
        return data


@dataclass(frozen=True)
class TrialRequest:
    """What a trial process needs: the recording, the excerpt, the backend and the options."""

    audio: str
    excerpt: tuple[float, float]
    backend: str
    options: TranscriptionOptions


Trial = Callable[[TrialRequest], ModelTrial]


def run_trial(request: TrialRequest) -> ModelTrial:
    """Load the model and transcribe the excerpt in this process."""
    from . import create_backend
    from .audio import SAMPLE_RATE, decode_audio
    from .models import resolve_model

    model = resolve_model(request.backend, request.options.model)
    samples = decode_audio(request.audio).samples
    start, end = (round(t * SAMPLE_RATE) for t in request.excerpt)
    excerpt = samples[start:end]
    if len(excerpt) == 0:
        raise BadInputError(
            f"The excerpt starts after the end of “{Path(request.audio).name}” "
            f"({len(samples) / SAMPLE_RATE:.0f} s long)."
        )
    began = time.perf_counter()
    backend = create_backend(request.backend)
    loaded = backend.load(model, request.options)
    loaded_at = time.perf_counter()
    texts = [segment.text for segment in backend.transcribe(excerpt, request.options)]
    done = time.perf_counter()
    return ModelTrial(
        model=request.options.model,
        backend=request.backend,
        device=loaded.device,
        compute_type=loaded.compute_type,
        load_seconds=loaded_at - began,
        seconds=done - loaded_at,
        audio_seconds=len(excerpt) / SAMPLE_RATE,
        peak_memory_mb=peak_memory_mb(),
        text=" ".join(t.strip() for t in texts if t.strip()),
    )


def peak_memory_mb() -> float | None:
    """This process's peak resident memory in MB (None where the system does not say)."""
    try:
        import resource
    except ImportError:  # Windows
        try:
            import psutil
        except ImportError:
            return None
        return psutil.Process().memory_info().peak_wset / 1e6
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1e6 if sys.platform == "darwin" else peak / 1e3  # bytes on macOS, KiB on Linux


def _child(request: TrialRequest, answers) -> None:
    try:
        answers.put(run_trial(request))
    except BaseException as exc:  # noqa: BLE001 - sent to the parent, which raises it
        answers.put(exc)


def run_trial_in_child(request: TrialRequest) -> ModelTrial:
    """``run_trial`` in a fresh process: its peak memory is this model's own."""
    context = multiprocessing.get_context("spawn")
    answers = context.Queue()
    process = context.Process(target=_child, args=(request, answers), name="transkript-model-trial")
    process.start()
    try:
        answer = _answer_of(process, answers, request.options.model)
    finally:
        process.join()
    if isinstance(answer, BaseException):
        raise answer
    return answer


def _answer_of(process, answers, model: str, poll: float = 1.0):
    """The trial's answer; a ``ModelNotAvailableError`` if its process ended without one (killed, out of
    memory), rather than waiting for ever."""
    while True:
        try:
            return answers.get(timeout=poll)
        except queue.Empty:
            if not process.is_alive():
                break
    try:  # it may have answered just before it ended
        return answers.get(timeout=poll)
    except queue.Empty:
        raise ModelNotAvailableError(
            f"The run of the model “{model}” stopped without an answer (exit status {process.exitcode}); "
            "it may need more memory than this computer has free."
        ) from None


def compare_models(
    audio: str | os.PathLike[str],
    models: Sequence[str],
    options: TranscriptionOptions,
    *,
    backend_for: Callable[[str], str],
    excerpt: tuple[float, float],
    reference: tuple[str, list[tuple[str, str]]] | None = None,
    trial: Trial = run_trial_in_child,
    on_trial: Callable[[ModelTrial], None] | None = None,
) -> Comparison:
    """Run each model on ``excerpt`` of ``audio`` and compare them.

    ``reference`` is (what it is, its stretches of (speaker, text)) for the excerpt, or None;
    ``backend_for(model)`` names the backend that runs a model.
    """
    if len(models) < 2:
        raise BadInputError("Name at least two models to compare, e.g. --models base large-v3.")
    trials = []
    for model in models:
        request = TrialRequest(str(audio), excerpt, backend_for(model), _with_model(options, model))
        trials.append(trial(request))
        if on_trial:
            on_trial(trials[-1])
    comparison = Comparison(str(audio), excerpt, trials)
    pivot_words: list[str] | None = None
    if reference is not None:
        comparison.reference, stretches = reference
        if not any(normalised_words(text) for _, text in stretches):
            raise BadInputError(
                f"The reference ({comparison.reference}) has no words in this excerpt; choose another "
                "--excerpt or leave --reference out."
            )
        for index, t in enumerate(trials):
            comparison.accuracy[index] = measure(stretches, t.text)
        pivot_words = [w for _, text in stretches for w in normalised_words(text)]
    hypotheses = [normalised_words(t.text) for t in trials]
    labels = _labels(trials)
    if pivot_words is None:
        comparison.columns = labels
        comparison.rows = side_by_side(hypotheses[0], hypotheses[1:])
    else:
        comparison.columns = ["reference", *labels]
        comparison.rows = side_by_side(pivot_words, hypotheses)
    return comparison


def _with_model(options: TranscriptionOptions, model: str) -> TranscriptionOptions:
    from dataclasses import replace

    return replace(options, model=model)


def _labels(trials: list[ModelTrial]) -> list[str]:
    labels = [Path(t.model).name or t.model for t in trials]
    return [f"{label} ({i + 1})" if labels.count(label) > 1 else label for i, label in enumerate(labels)]


def side_by_side(
    pivot: list[str], others: list[list[str]], *, all_rows: bool = False
) -> list[tuple[str, ...]]:
    """The words of ``pivot`` and of each of ``others`` in aligned rows, where they differ.

    Each other text is aligned to ``pivot`` (the reference, or the first model); a word one text has
    and another has not stands against an empty cell. Only rows where the texts disagree are kept
    (all of them with ``all_rows``).
    """
    # For each text: the word against each pivot word, and the words it adds before each (and at the end).
    against: list[list[str]] = []
    added: list[list[list[str]]] = []
    for words in others:
        column, extra = [""] * len(pivot), [[] for _ in range(len(pivot) + 1)]
        position = 0
        for step in align(pivot, words):
            if step.op == INSERT:
                extra[position].append(words[step.hyp])
            else:
                if step.op != DELETE:
                    column[step.ref] = words[step.hyp]
                position = step.ref + 1
        against.append(column)
        added.append(extra)
    rows: list[tuple[str, ...]] = []
    for i in range(len(pivot) + 1):
        depth = max((len(extra[i]) for extra in added), default=0)
        for k in range(depth):
            rows.append(("", *(extra[i][k] if k < len(extra[i]) else "" for extra in added)))
        if i < len(pivot):
            rows.append((pivot[i], *(column[i] for column in against)))
    return rows if all_rows else [row for row in rows if len(set(row)) > 1]
