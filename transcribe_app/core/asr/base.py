"""The contract between the pipeline and a speech recogniser.

A backend is loaded once with a model and a device, then turns decoded audio
into ``Segment``s that it *yields* as they are decoded (as faster-whisper
does), so that the caller can save, show progress and stop early.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from ..project.transcript import Segment
from ..resources import resource_text
from .device import DEVICES

if TYPE_CHECKING:  # core/asr/models reads the backends' names from core/asr: no import back at load time
    import numpy as np  # the audio's type only: the window reads this module as it starts

    from .models import ResolvedModel


def verbatim_prompt_text() -> str:
    """Danish talk with fillers (resources/prompts/verbatim_da.txt)."""
    return resource_text("prompts", "verbatim_da.txt")


# Whisper's own default: retry a window at higher temperature when decoding fails.
DEFAULT_TEMPERATURES = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)
# Whisper's mel frames per second (16 kHz, hop 160): the unit of a segment's ``seek``.
FRAMES_PER_SECOND = 100
# What CTranslate2 (faster-whisper) computes in; openai-whisper chooses by itself.
COMPUTE_TYPES = (
    "default", "auto", "int8", "int8_float32", "int8_float16", "int8_bfloat16", "int16", "float16",
    "bfloat16", "float32",
)  # fmt: skip
# Where segment and word times come from. ``tokens``: Whisper's own timestamp tokens (stock models).
# ``alignment``: the model writes text only (Edda-style fine-tunes were trained without timestamp
# tokens and write nonsense times, or none), and every word is placed by the cross-attention
# alignment both libraries use for word timestamps anyway; segments are then cut at sentence ends
# and pauses (core/asr/alignment_timing.py).
TIMINGS = ("tokens", "alignment")


@dataclass
class TranscriptionOptions:
    """What the researcher chose; stored in the project as provenance."""

    model: str = "base"
    language: str | None = "da"  # None detects the language
    device: str = "auto"  # auto | cpu | cuda
    compute_type: str | None = None  # faster-whisper: int8 on CPU, float16 on CUDA by default
    beam_size: int = 5
    initial_prompt: str | None = None  # names and terms the researcher expects to hear
    temperature: tuple[float, ...] = DEFAULT_TEMPERATURES
    condition_on_previous_text: bool = True
    # Prime Whisper with Danish fillers so that it writes them. The pipeline uses it only
    # for a second, filler-only pass (see core/asr/verbatim_fillers.py).
    verbatim_prompt: bool = False
    timing: str = "tokens"  # one of TIMINGS
    # faster-whisper's batched pipeline: this many 30 s stretches (cut where the voice pauses) decoded
    # at once — several times faster on a GPU. None: one window after another, each primed with the last.
    batch_size: int | None = None

    def check(self) -> TranscriptionOptions:
        """These options, if every one can be used; otherwise a ``BadInputError`` naming the wrong one.

        Runs before a transcription writes anything, so that a mistyped option never
        leaves an empty project behind (or replaces an existing one).
        """
        from ..errors import BadInputError
        from .languages import check_language

        check_language(self.language)
        if self.device not in DEVICES:
            raise BadInputError(f"Unknown device “{self.device}”; choose one of: {', '.join(DEVICES)}.")
        if self.compute_type is not None and self.compute_type not in COMPUTE_TYPES:
            raise BadInputError(
                f"Unknown compute type “{self.compute_type}”; choose one of: {', '.join(COMPUTE_TYPES)}."
            )
        if isinstance(self.beam_size, bool) or not isinstance(self.beam_size, int) or self.beam_size < 1:
            raise BadInputError(f"The beam size must be a whole number, 1 or more, not “{self.beam_size}”.")
        if self.timing not in TIMINGS:
            raise BadInputError(f"Unknown timing “{self.timing}”; choose one of: {', '.join(TIMINGS)}.")
        if self.batch_size is not None and (
            isinstance(self.batch_size, bool) or not isinstance(self.batch_size, int) or self.batch_size < 1
        ):
            raise BadInputError(f"The batch size must be a whole number, 1 or more, not “{self.batch_size}”.")
        if not isinstance(self.model, str) or not self.model.strip():
            raise BadInputError(
                "Name the model to transcribe with (base, large-v3, turbo…) or give its path."
            )
        return self

    def effective_prompt(self) -> str | None:
        """What Whisper is primed with: the filler-rich style first, then the researcher's terms."""
        parts = [verbatim_prompt_text()] if self.verbatim_prompt else []
        if self.initial_prompt:
            parts.append(self.initial_prompt)
        return " ".join(parts) or None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["temperature"] = list(self.temperature)
        # Written only when chosen: a project made the ordinary way keeps the options it always had.
        if self.timing == "tokens":
            del data["timing"]
        if self.batch_size is None:
            del data["batch_size"]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TranscriptionOptions:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        if "temperature" in known:
            known["temperature"] = tuple(float(t) for t in known["temperature"])
        return cls(**known)


def spanning_its_words(segment: Segment) -> Segment:
    """``segment`` with its start and end widened, where needed, to cover its words.

    faster-whisper may end a segment's last word after the segment (it stretches a
    too-short last word to the median word length); everything after recognition
    (exports, diarisation, where a resume continues) reads a segment as spanning its words.
    """
    starts = [w.start for w in segment.words if w.start is not None]
    ends = [w.end for w in segment.words if w.end is not None]
    if starts and segment.start is not None:
        segment.start = min(segment.start, min(starts))
    if ends and segment.end is not None:
        segment.end = max(segment.end, max(ends))
    return segment


@dataclass
class LoadedModelInfo:
    """What was actually loaded, which can differ from what was asked (CUDA fell back)."""

    backend: str
    library_version: str
    model: ResolvedModel
    device: str
    compute_type: str
    notices: list[str] = field(default_factory=list)


class AsrBackend(Protocol):
    """A Whisper implementation: load once, then transcribe audio arrays."""

    name: str

    def load(self, model: ResolvedModel, options: TranscriptionOptions) -> LoadedModelInfo:
        """Load the weights on the chosen device; may fall back from CUDA to CPU."""
        ...

    def transcribe(
        self,
        audio: np.ndarray,
        options: TranscriptionOptions,
        *,
        start_at: float = 0.0,
        cancel: threading.Event | None = None,
    ) -> Iterator[Segment]:
        """Yield segments (with word timings) of ``audio`` from ``start_at`` seconds on.

        Setting ``cancel`` stops decoding at the next window boundary; closing the
        generator does the same.
        """
        ...
