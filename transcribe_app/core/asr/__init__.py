"""Speech recognition backends behind one interface (see ``base.AsrBackend``)."""

from __future__ import annotations

from .base import AsrBackend, LoadedModelInfo, TranscriptionOptions

__all__ = ["AsrBackend", "LoadedModelInfo", "TranscriptionOptions", "create_backend"]


def create_backend(name: str) -> AsrBackend:
    """The backend called ``name`` (``faster-whisper`` or ``whisper``), not yet loaded."""
    if name == "faster-whisper":
        from .faster_whisper_backend import FasterWhisperBackend

        return FasterWhisperBackend()
    if name == "whisper":
        from .openai_whisper_backend import OpenAIWhisperBackend

        return OpenAIWhisperBackend()
    from ..errors import BadInputError

    raise BadInputError(f"Unknown backend “{name}”; choose faster-whisper or whisper.")
