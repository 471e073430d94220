"""The speech recognisers Transkript can transcribe with, by the name ``--backend`` takes.

One entry per backend: the name (what the CLI offers and the project records as provenance), how
the window names it, and how to make one. The CLI's ``--backend`` choices, the model lookup
(core/asr/models.py) and the window all read their names from here; adding a backend is one entry
(and a module with its ``AsrBackend``).

This module imports no recognition library: each factory imports its own when called, so that
looking a name up stays instant and a bundle without PyTorch still offers faster-whisper.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import BadInputError
from .names import FASTER_WHISPER, OPENAI_WHISPER

if TYPE_CHECKING:
    from .base import AsrBackend

__all__ = [
    "BACKENDS", "BACKEND_NAMES", "DEFAULT_BACKEND", "FASTER_WHISPER", "OPENAI_WHISPER", "backend_entry",
]  # fmt: skip


@dataclass(frozen=True)
class BackendEntry:
    """One recogniser: its name, how the window shows it, and a factory for an unloaded backend."""

    name: str
    label: str
    create: Callable[[], AsrBackend]
    model_hint: str  # what a model for it is on disk, for messages


def _faster_whisper() -> AsrBackend:
    from .faster_whisper_backend import FasterWhisperBackend

    return FasterWhisperBackend()


def _openai_whisper() -> AsrBackend:
    # A standalone bundle may be built without PyTorch (faster-whisper serves alone).
    if importlib.util.find_spec("torch") is None or importlib.util.find_spec("whisper") is None:
        raise BadInputError(
            "The openai-whisper backend is not installed in this Transkript (it needs PyTorch). Use "
            "the faster-whisper backend, or install it: pip install 'transcribe-app[whisper]'."
        )
    from .openai_whisper_backend import OpenAIWhisperBackend

    return OpenAIWhisperBackend()


# The first is the default.
BACKENDS: dict[str, BackendEntry] = {
    entry.name: entry
    for entry in (
        BackendEntry(FASTER_WHISPER, "faster-whisper (CTranslate2)", _faster_whisper, "a CTranslate2 folder"),
        BackendEntry(OPENAI_WHISPER, "openai-whisper (PyTorch)", _openai_whisper, "a .pt file"),
    )
}
BACKEND_NAMES = tuple(BACKENDS)
DEFAULT_BACKEND = BACKEND_NAMES[0]


def backend_entry(name: str) -> BackendEntry:
    """The entry called ``name``; a ``BadInputError`` naming the choices if there is none."""
    try:
        return BACKENDS[name]
    except (KeyError, TypeError):
        raise BadInputError(f"Unknown backend “{name}”; choose one of: {', '.join(BACKEND_NAMES)}.") from None
