"""faster-whisper (CTranslate2): the fast CPU backend, and CUDA without PyTorch."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np

from ..errors import BadInputError, ModelNotAvailableError
from ..project.transcript import Segment, Word
from ..project.transcript import rounded_seconds as _ms
from .alignment_timing import sentence_segments
from .audio import SAMPLE_RATE
from .base import FRAMES_PER_SECOND, LoadedModelInfo, TranscriptionOptions, spanning_its_words
from .device import default_compute_type, load_with_cuda_fallback
from .features import BlockwiseFeatureExtractor
from .names import FASTER_WHISPER

if TYPE_CHECKING:  # core/asr/models names the backends (asr/registry), which load these modules
    from .models import ResolvedModel

_GPU_ONLY_COMPUTE_TYPES = ("float16", "int8_float16", "bfloat16", "int8_bfloat16")


class FasterWhisperBackend:
    name = FASTER_WHISPER

    def __init__(self) -> None:
        self._model = None

    def load(self, model: ResolvedModel, options: TranscriptionOptions) -> LoadedModelInfo:
        import ctranslate2
        import faster_whisper

        compute_types: dict[str, str] = {}

        def load_on(device: str) -> None:
            compute_type = options.compute_type or default_compute_type(device)
            if device == "cpu" and compute_type in _GPU_ONLY_COMPUTE_TYPES and options.device != "cpu":
                compute_type = default_compute_type("cpu")  # a CUDA setting must not block the fallback
            self._model = self._load_on(model, device, compute_type)
            # Same features, without several full-length temporaries (2 h: ~4 GB less peak memory).
            self._model.feature_extractor = BlockwiseFeatureExtractor.replacing(self._model.feature_extractor)
            if device == "cuda":
                self._check_cuda_runs()
            compute_types[device] = compute_type

        device, notices = load_with_cuda_fallback(
            options.device,
            lambda: ctranslate2.get_cuda_device_count() > 0,
            load_on,
            (RuntimeError, OSError, ValueError),
        )
        return LoadedModelInfo(
            self.name, faster_whisper.__version__, model, device, compute_types[device], notices
        )

    @staticmethod
    def _load_on(model: ResolvedModel, device: str, compute_type: str):
        from faster_whisper import WhisperModel

        try:
            return WhisperModel(model.path, device=device, compute_type=compute_type, local_files_only=True)
        except ValueError as exc:
            if device == "cuda":
                raise
            raise BadInputError(f"Compute type “{compute_type}” does not work here: {exc}") from exc
        except RuntimeError as exc:
            if device == "cuda":
                raise
            raise ModelNotAvailableError(
                f"The model in “{model.path}” could not be loaded; it may be incomplete or damaged ({exc})."
            ) from exc

    def _check_cuda_runs(self) -> None:
        # CTranslate2 loads the CUDA libraries (cuBLAS, cuDNN) only when it first computes;
        # a missing library must surface here, where we can still fall back, not mid-interview.
        self._model.detect_language(np.zeros(SAMPLE_RATE, dtype=np.float32))

    def transcribe(
        self,
        audio: np.ndarray,
        options: TranscriptionOptions,
        *,
        start_at: float = 0.0,
        cancel: threading.Event | None = None,
    ) -> Iterator[Segment]:
        if self._model is None:
            raise RuntimeError("load() the model before transcribing")
        alignment = options.timing == "alignment"
        if options.batch_size or alignment:
            # Without timestamp tokens the window-by-window loop continues from each window's last
            # word and decodes the window's end again, primed with what it just wrote: it repeats
            # itself (WER 76 % against 47 % with tokens, Whisper base on the NST clips). Stretches cut
            # where the voice pauses, each decoded whole, do not (43.6 %): the batched pipeline's way.
            segments = self._batched(audio, options, start_at)
        else:
            segments, _info = self._model.transcribe(
                audio,
                language=options.language,
                beam_size=options.beam_size,
                temperature=list(options.temperature),
                initial_prompt=options.effective_prompt(),
                condition_on_previous_text=options.condition_on_previous_text,
                word_timestamps=True,
                clip_timestamps=[start_at] if start_at > 0 else "0",
            )
        # The generator decodes one 30 s window (a batch of them, batched) per step, so stopping
        # here stops the work.
        for segment in segments:
            if cancel is not None and cancel.is_set():
                return
            if segment.text.strip():
                converted = _to_segment(segment, batched=options.batch_size is not None or alignment)
                yield from sentence_segments(converted) if alignment else (converted,)

    def _batched(self, audio: np.ndarray, options: TranscriptionOptions, start_at: float):
        """faster-whisper's batched pipeline on ``audio`` from ``start_at``, times in the recording's.

        It cuts the audio where the voice pauses (Silero VAD) into stretches of up to 30 s and decodes
        ``batch_size`` of them at once (one at a time without ``--batch-size``); each stretch is decoded
        on its own (no previous text to prime it) at the first temperature only, which is what makes
        it parallel.
        """
        from faster_whisper import BatchedInferencePipeline

        offset = max(0, int(round(start_at * SAMPLE_RATE)))
        segments, _info = BatchedInferencePipeline(self._model).transcribe(
            audio[offset:],
            language=options.language,
            beam_size=options.beam_size,
            temperature=list(options.temperature)[:1],
            initial_prompt=options.effective_prompt(),
            word_timestamps=True,
            without_timestamps=options.timing == "alignment",
            batch_size=options.batch_size or 1,
        )
        shift = offset / SAMPLE_RATE
        for segment in segments:
            yield _shifted(segment, shift) if shift else segment


def _shifted(segment, seconds: float):
    """A library segment (a dataclass) moved ``seconds`` later, its words with it."""
    words = [replace(w, start=w.start + seconds, end=w.end + seconds) for w in (segment.words or [])]
    return replace(segment, start=segment.start + seconds, end=segment.end + seconds, words=words or None)


def _to_segment(segment, batched: bool = False) -> Segment:
    return spanning_its_words(
        Segment(
            id=segment.id,
            start=_ms(segment.start),
            end=_ms(segment.end),
            text=segment.text,
            words=[
                Word(w.word, _ms(w.start), _ms(w.end), round(float(w.probability), 4))
                for w in (segment.words or [])
            ],
            avg_logprob=float(segment.avg_logprob),
            no_speech_prob=float(segment.no_speech_prob),
            # A batched stretch is decoded on its own: a resume may listen again from where it starts.
            window_start=_ms(segment.start) if batched else _ms(segment.seek / FRAMES_PER_SECOND),
        )
    )
