"""Speech recognition backends behind one interface (see ``base.AsrBackend``)."""

from __future__ import annotations

import threading

from ..models import ResolvedModel
from .base import AsrBackend, LoadedModelInfo, TranscriptionOptions

__all__ = [
    "AsrBackend",
    "LoadedModelInfo",
    "TranscriptionOptions",
    "create_backend",
    "load_backend",
    "release_models",
]

# The last loaded model stays in memory: a batch of recordings, or the next file in the
# app, should not pay seconds (minutes for large models on a laptop) to load it again.
_cache_lock = threading.Lock()
_cached: tuple[tuple, AsrBackend, LoadedModelInfo] | None = None


def load_backend(
    name: str, model: ResolvedModel, options: TranscriptionOptions
) -> tuple[AsrBackend, LoadedModelInfo]:
    """A backend with ``model`` loaded as ``options`` ask, reusing the last one if it matches."""
    global _cached
    key = (name, model.path, options.device, options.compute_type)
    with _cache_lock:
        if _cached is not None and _cached[0] == key:
            return _cached[1], _cached[2]
        _cached = None  # let the old model go before the new one takes its memory
        backend = create_backend(name)
        info = backend.load(model, options)
        _cached = (key, backend, info)
        return backend, info


def release_models() -> None:
    """Free the cached model (e.g. before the app loads something else large)."""
    global _cached
    with _cache_lock:
        _cached = None


def create_backend(name: str) -> AsrBackend:
    """The backend called ``name`` (``faster-whisper`` or ``whisper``), not yet loaded."""
    if name == "faster-whisper":
        from .faster_whisper_backend import FasterWhisperBackend

        return FasterWhisperBackend()
    from ..errors import BadInputError

    if name == "whisper":
        import importlib.util

        # A standalone bundle may be built without PyTorch (faster-whisper serves alone).
        if importlib.util.find_spec("torch") is None or importlib.util.find_spec("whisper") is None:
            raise BadInputError(
                "The openai-whisper backend is not installed in this Transkript (it needs PyTorch). Use "
                "the faster-whisper backend, or install it: pip install 'transcribe-app[whisper]'."
            )
        from .openai_whisper_backend import OpenAIWhisperBackend

        return OpenAIWhisperBackend()

    raise BadInputError(f"Unknown backend “{name}”; choose faster-whisper or whisper.")
