"""How long an hour of audio takes on this computer, and which catalogue model to recommend for it.

Without a measurement the estimate starts from one figure measured here (docs/MODELS.md):
faster-whisper base, int8, on 2 CPU cores, runs at 0.20 × real time. Other models are scaled
by their parameters and the cores by their number (a rough rule: it is labelled an estimate).
A short probe run (``measure_speed``: a few seconds of the bundled Danish sample, only when the
user asks) replaces the rule's starting point with this computer's own speed.
On a graphics card there is no figure to start from, so only a measurement gives an estimate.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

from .catalogue import Catalogue, CatalogueModel

BASE_PARAMETERS_M = 74
BASE_RTF_2_CORES = 0.20  # faster-whisper base int8 on 2 cores, beam 5 (docs/MODELS.md)
_USABLE_MEMORY = 0.6  # of the computer's memory that a model may take (the window, the audio, the rest)
_MAX_HOURS_PER_HOUR = 3.0  # a model slower than this per hour of audio is not recommended


@dataclass(frozen=True)
class Computer:
    """What matters for choosing a model: processor cores, memory, the CUDA card and its memory."""

    cores: int
    memory_mb: int | None
    cuda_devices: int | None
    cuda_memory_mb: int | None = None

    @property
    def has_cuda(self) -> bool:
        return bool(self.cuda_devices)


@dataclass(frozen=True)
class SpeedMeasurement:
    """A probe run: which model, on which device, and its real-time factor (processing s / audio s)."""

    model_parameters_m: int
    device: str
    rtf: float
    audio_seconds: float = 0.0
    load_seconds: float = 0.0


@dataclass(frozen=True)
class Estimate:
    """Hours for one hour of audio (None: cannot tell), and whether a probe run calibrated it."""

    hours_per_hour: float | None
    calibrated: bool
    fits: bool  # the model's memory fits this computer


def this_computer(cuda_devices: int | None) -> Computer:
    """Cores and memory of this computer (the CUDA card's count comes from the caller's probe)."""
    memory = None
    try:
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // (1024 * 1024)
    except (ValueError, OSError, AttributeError):  # not on every system
        try:
            import psutil

            memory = psutil.virtual_memory().total // (1024 * 1024)
        except ImportError:
            memory = None
    return Computer(os.cpu_count() or 1, memory, cuda_devices, _cuda_memory_mb() if cuda_devices else None)


def _cuda_memory_mb() -> int | None:
    """The first CUDA card's memory, from nvidia-smi (the window must not load PyTorch to ask)."""
    import shutil
    import subprocess

    program = shutil.which("nvidia-smi")
    if program is None:
        return None
    try:
        answer = subprocess.run(
            [program, "--query-gpu=memory.total", "--format=csv,noheader,nounits"],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        )
        return int(answer.stdout.split()[0])
    except (OSError, subprocess.SubprocessError, ValueError, IndexError):
        return None


def estimate(model: CatalogueModel, computer: Computer, measured: SpeedMeasurement | None = None) -> Estimate:
    """Hours one hour of audio takes with ``model`` on ``computer`` (a measurement calibrates it)."""
    device = "cuda" if computer.has_cuda else "cpu"
    fits = _fits(model, computer, device)
    if model.parameters_m is None:
        return Estimate(None, False, fits)
    if measured is not None and measured.device == device:
        rtf = measured.rtf * model.parameters_m / measured.model_parameters_m
        return Estimate(rtf, True, fits)
    if device == "cuda":
        return Estimate(None, False, fits)
    cores = max(1, min(computer.cores, 16))
    rtf = BASE_RTF_2_CORES * (model.parameters_m / BASE_PARAMETERS_M) * (2 / cores)
    return Estimate(rtf, False, fits)


def _fits(model: CatalogueModel, computer: Computer, device: str) -> bool:
    need = model.memory_for(device)
    have = computer.cuda_memory_mb if device == "cuda" else computer.memory_mb
    if need is None or have is None:
        return True  # not known: not held against it
    return need <= have * (1.0 if device == "cuda" else _USABLE_MEMORY)


def recommend(
    catalogue: Catalogue, computer: Computer, measured: SpeedMeasurement | None = None
) -> CatalogueModel | None:
    """The model with the best published Danish figure that fits this computer and is not too slow."""
    for model in catalogue.by_quality():
        if model.best_figure() is None:
            continue
        guess = estimate(model, computer, measured)
        if not guess.fits:
            continue
        if guess.hours_per_hour is not None and guess.hours_per_hour > _MAX_HOURS_PER_HOUR:
            continue
        return model
    return None


def measure_speed(
    model: str, *, backend: str, device: str = "auto", seconds: float = 8.0
) -> tuple[float, float, str]:
    """Transcribe the first ``seconds`` of the bundled Danish sample; (real-time factor, load s, device).

    Only on the user's request (it takes a few seconds and loads the model). Decoding options are
    fixed (beam 5, temperature 0, Danish) so that two runs compare.
    """
    from ..resources import resource_path
    from . import TranscriptionOptions, load_backend
    from .audio import decode_audio
    from .models import resolve_model

    resolved = resolve_model(backend, model)
    options = TranscriptionOptions(model=model, language="da", device=device, temperature=(0.0,))
    started = time.perf_counter()
    loaded_backend, info = load_backend(backend, resolved, options)
    loaded = time.perf_counter() - started
    audio = decode_audio(resource_path("sample", "nst_da_sample.wav")).samples[: int(seconds * 16_000)]
    started = time.perf_counter()
    for _segment in loaded_backend.transcribe(audio, options):
        pass
    spent = time.perf_counter() - started
    return spent / max(len(audio) / 16_000, 1e-3), loaded, info.device
