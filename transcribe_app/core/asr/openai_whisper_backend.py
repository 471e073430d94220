"""openai-whisper (PyTorch): the reference implementation, on CPU or CUDA.

``whisper.transcribe`` returns only when the whole file is done. To stream
segments and to stop on request without re-implementing (and drifting from)
its decoding loop, we run it in a worker thread and give it our own progress
bar: after every 30 s window it calls ``update()``, and at that moment its
``all_segments`` list holds every finished segment. Reading that list is the
one place we rely on the library's internals; if it ever disappears, the
segments still arrive, all at once at the end. A cancel is checked before
every encoder/decoder step (``_stop_between_steps``), so it lands at once.
"""

from __future__ import annotations

import logging
import queue
import sys
import threading
from collections.abc import Callable, Iterator
from types import SimpleNamespace
from typing import TYPE_CHECKING

import numpy as np

from ..errors import BadInputError, ModelNotAvailableError
from ..project.transcript import Segment, Word
from ..project.transcript import rounded_seconds as _ms
from .base import FRAMES_PER_SECOND, LoadedModelInfo, TranscriptionOptions, spanning_its_words
from .device import load_with_cuda_fallback
from .names import OPENAI_WHISPER

if TYPE_CHECKING:  # core/asr/models names the backends (asr/registry), which load these modules
    from .models import ResolvedModel

log = logging.getLogger(__name__)

# The progress-bar hook is patched into the library module: one transcription at a time.
_LIBRARY_HOOK_LOCK = threading.Lock()
_DONE = object()


class _StopDecoding(Exception):
    """Raised inside the library's loop to end it at a window boundary."""


class OpenAIWhisperBackend:
    name = OPENAI_WHISPER

    def __init__(self) -> None:
        self._model = None
        self._fp16 = False

    def load(self, model: ResolvedModel, options: TranscriptionOptions) -> LoadedModelInfo:
        _refuse_what_it_cannot_do(options)  # before PyTorch loads: a sentence at once
        import torch
        import whisper

        def load_on(device: str) -> None:
            self._model = load_checkpoint(model, device)

        # Word timing compiles its alignment code (numba) on first use, ~2 s; do it on the
        # second core while the weights load, not after the first window is decoded.
        threading.Thread(target=_compile_word_alignment, name="whisper-warm-up", daemon=True).start()
        device, notices = load_with_cuda_fallback(
            options.device, torch.cuda.is_available, load_on, (RuntimeError, AssertionError, OSError)
        )
        self._fp16 = device == "cuda"
        return LoadedModelInfo(
            self.name, whisper.__version__, model, device, "float16" if self._fp16 else "float32", notices
        )

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
        stop = threading.Event()
        results: queue.Queue = queue.Queue()
        sent = 0

        def publish(all_segments: list[dict]) -> None:
            nonlocal sent
            for raw in all_segments[sent:]:
                if raw["text"].strip():
                    results.put(_to_segment(raw))
            sent = len(all_segments)

        def stop_requested() -> bool:
            return stop.is_set() or (cancel is not None and cancel.is_set())

        def on_window(all_segments: list[dict] | None) -> None:
            if all_segments is not None:
                publish(all_segments)
            if stop_requested():
                raise _StopDecoding

        def run() -> None:
            try:
                with (
                    _LIBRARY_HOOK_LOCK,
                    _window_hook(on_window),
                    _stop_between_steps(self._model, stop_requested),
                ):
                    result = _library_transcribe(self._model, audio, options, start_at, self._fp16)
                publish(result["segments"])
            except _StopDecoding:
                pass
            except BaseException as exc:  # noqa: BLE001 - handed to the consuming thread
                results.put(exc)
            results.put(_DONE)

        worker = threading.Thread(target=run, name="openai-whisper", daemon=True)
        worker.start()
        try:
            while (item := results.get()) is not _DONE:
                if isinstance(item, BaseException):
                    raise item
                yield item
        finally:
            stop.set()
            worker.join()


def _refuse_what_it_cannot_do(options: TranscriptionOptions) -> None:
    """A sentence, before anything is written, for the options only faster-whisper offers."""
    if options.batch_size:
        raise BadInputError(
            "Batched decoding (--batch-size) is offered by the faster-whisper backend only; "
            "use --backend faster-whisper, or leave --batch-size out."
        )
    if options.timing == "alignment":
        # Without timestamp tokens, whisper.transcribe continues each window from its last word and
        # decodes the window's end again, primed with the text it just wrote: it repeats itself (the
        # same loop in faster-whisper: WER 76 % against 47 % with timestamps on the NST clips).
        # faster-whisper decodes stretches cut where the voice pauses instead (43.6 %).
        raise BadInputError(
            "Timing by alignment (--timing alignment, for models without timestamp tokens) is offered by "
            "the faster-whisper backend; use --backend faster-whisper (convert the model to CTranslate2 "
            "first if it is a .pt file)."
        )


def _compile_word_alignment() -> None:
    from whisper.timing import dtw_cpu

    dtw_cpu(np.zeros((8, 8)))  # the same signature as the real call: 2-D float64


def load_checkpoint(model: ResolvedModel, device: str):
    """Load an openai-whisper checkpoint as ``whisper.load_model`` does, plus our extras.

    A checkpoint may carry its own alignment heads (``alignment_heads_b85``, as in
    converted models); otherwise the library's table for the model name is used.
    Without the right heads, word timestamps come out wrong.
    """
    import torch
    import whisper
    from whisper.model import ModelDimensions, Whisper

    try:
        checkpoint = torch.load(model.path, map_location=device, weights_only=True)
        whisper_model = Whisper(ModelDimensions(**checkpoint["dims"]))
        whisper_model.load_state_dict(checkpoint["model_state_dict"])
    except (KeyError, TypeError, EOFError, RuntimeError, ValueError) as exc:
        if device == "cuda" and isinstance(exc, RuntimeError) and "CUDA" in str(exc):
            raise
        raise ModelNotAvailableError(
            f"“{model.path}” is not a usable openai-whisper model (.pt); it may be damaged ({exc})."
        ) from exc
    heads = checkpoint.get("alignment_heads_b85") or whisper._ALIGNMENT_HEADS.get(_official_name(model))  # noqa: SLF001
    if heads:
        try:
            whisper_model.set_alignment_heads(heads.encode() if isinstance(heads, str) else heads)
        except (ValueError, RuntimeError):
            log.warning("The alignment heads do not fit this model; word timings use the default heads.")
    return whisper_model.to(device)


def _official_name(model: ResolvedModel) -> str:
    """``large-v3`` for ``models/openai-whisper-large-v3.pt`` or ``~/.cache/whisper/large-v3.pt``."""
    name = model.name
    if name.endswith(".pt"):
        name = name[: -len(".pt")]
    return name.removeprefix("openai-whisper-")


def library_options(options: TranscriptionOptions, fp16: bool) -> dict:
    """The keyword arguments ``whisper.transcribe`` gets for ``options``."""
    return dict(
        language=options.language,
        beam_size=options.beam_size,
        temperature=tuple(options.temperature),
        initial_prompt=options.effective_prompt(),
        condition_on_previous_text=options.condition_on_previous_text,
        word_timestamps=True,
        fp16=fp16,
    )


def _library_transcribe(model, audio: np.ndarray, options: TranscriptionOptions, start_at: float, fp16: bool):
    import whisper

    return whisper.transcribe(
        model,
        audio,
        verbose=None,  # no printing; our progress hook replaces the bar
        clip_timestamps=str(start_at) if start_at > 0 else "0",
        **library_options(options, fp16),
    )


class _stop_between_steps:  # noqa: N801 - used like a function in a with-statement
    """Let a cancel interrupt the window being decoded, not only the next one.

    On a CPU one 30 s window takes openai-whisper tens of seconds; a forward
    pre-hook on the encoder and decoder (PyTorch's public hook API) checks the
    request before every network step, so a cancel lands within one token.
    The half-decoded window is dropped; every finished segment was already sent.
    """

    def __init__(self, model, stop_requested: Callable[[], bool]):
        self._modules = (model.encoder, model.decoder)
        self._stop_requested = stop_requested
        self._handles: list = []

    def _check(self, _module, _inputs):
        if self._stop_requested():
            raise _StopDecoding

    def __enter__(self):
        self._handles = [m.register_forward_pre_hook(self._check) for m in self._modules]
        return self

    def __exit__(self, *exc):
        for handle in self._handles:
            handle.remove()
        return False


class _window_hook:  # noqa: N801 - used like a function in a with-statement
    """Swap the library's tqdm for a bar whose ``update`` hands us ``all_segments``."""

    def __init__(self, on_window: Callable[[list[dict] | None], None]):
        self._on_window = on_window
        self._module = sys.modules["whisper.transcribe"]
        self._saved = None

    def __enter__(self):
        on_window = self._on_window

        class _Bar:
            def __init__(self, *args, **kwargs):
                pass

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                return False

            def update(self, _n):
                caller = sys._getframe(1)  # noqa: SLF001 - the library's transcribe()
                on_window(caller.f_locals.get("all_segments"))

        self._saved = self._module.tqdm
        self._module.tqdm = SimpleNamespace(tqdm=_Bar)
        return self

    def __exit__(self, *exc):
        self._module.tqdm = self._saved
        return False


def _to_segment(raw: dict) -> Segment:
    return spanning_its_words(
        Segment(
            id=int(raw["id"]),
            start=_ms(raw["start"]),
            end=_ms(raw["end"]),
            text=raw["text"],
            words=[
                Word(w["word"], _ms(w["start"]), _ms(w["end"]), round(float(w["probability"]), 4))
                for w in raw.get("words", [])
            ],
            avg_logprob=float(raw["avg_logprob"]),
            no_speech_prob=float(raw["no_speech_prob"]),
            window_start=_ms(raw["seek"] / FRAMES_PER_SECOND) if "seek" in raw else None,
        )
    )
