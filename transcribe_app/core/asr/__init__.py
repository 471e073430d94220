"""Speech recognition backends behind one interface (see ``base.AsrBackend``)."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from .base import AsrBackend, LoadedModelInfo, TranscriptionOptions
from .registry import BACKEND_NAMES, BACKENDS, DEFAULT_BACKEND, backend_entry

if TYPE_CHECKING:  # core/asr/models reads the backends' names from here: no import back at load time
    from .models import ResolvedModel

__all__ = [
    "BACKENDS",
    "BACKEND_NAMES",
    "DEFAULT_BACKEND",
    "AsrBackend",
    "LoadedModelInfo",
    "TranscriptionOptions",
    "backend_entry",
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
    """The backend called ``name`` (see ``registry.BACKENDS``), not yet loaded."""
    return backend_entry(name).create()
