"""The ways Transkript can find who speaks when, by the name ``--diariser`` takes.

One entry per diariser: the name (what the CLI offers), how the window names it, the method the
project records as provenance, a cheap check that refuses a setup that cannot work (before a command
writes anything) and the function that turns a recording into speaker turns. The CLI's choices and
the speaker stage (core/diarise/stage.py) read them from here; adding a diariser is one entry.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import BadInputError
from .speaker_count import SpeakerCount, searched, speaker_count
from .turns import SpeakerTurn

if TYPE_CHECKING:
    import numpy as np

# The diarisers' own modules (NumPy, SciPy, the encoder) load when one runs, not when the CLI builds
# its parser from this table: ``transcribe-app --help`` need not load NumPy.

BUILTIN, PYANNOTE = "builtin", "pyannote"


@dataclass(frozen=True)
class DiariserEntry:
    """One diariser: its name, label, recorded method, setup check and how it is run."""

    name: str
    label: str
    method: str  # stored in the project's diarisation record
    check: Callable[[str | None], None]  # (pyannote pipeline path) -> None, or raises
    find_turns: Callable[..., list[SpeakerTurn]]

    def run(
        self,
        audio: np.ndarray,
        *,
        speakers: SpeakerCount | int | str | None,
        pipeline_path: str | None = None,
        on_progress: Callable[[float], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> list[SpeakerTurn]:
        """The speaker turns of ``audio`` (``speakers``: the count or range if known, ``2``, ``5-8``)."""
        return self.find_turns(
            audio,
            speakers=speaker_count(speakers),
            pipeline_path=pipeline_path,
            on_progress=on_progress,
            cancel=cancel,
        )


def _needs_nothing(pipeline_path: str | None) -> None:
    """The built-in diariser ships with Transkript; its weights are checked when it loads them."""


def _pyannote_ready(pipeline_path: str | None) -> None:
    """pyannote.audio is installed and the pipeline's config.yaml is there (nothing is loaded)."""
    from .pyannote_backend import usable_pipeline

    usable_pipeline(pipeline_path)


def _builtin(audio, *, speakers, pipeline_path, on_progress, cancel) -> list[SpeakerTurn]:
    from .pipeline import diarise

    bounds = searched(speakers)
    return diarise(
        audio,
        speakers=bounds.exact,
        min_speakers=bounds.minimum,
        max_speakers=bounds.maximum,
        on_progress=on_progress,
        cancel=cancel,
    )


def _pyannote(audio, *, speakers, pipeline_path, on_progress, cancel) -> list[SpeakerTurn]:
    from .pyannote_backend import diarise_with_pyannote

    bounds = searched(speakers)
    return diarise_with_pyannote(
        audio,
        speakers=bounds.exact,
        min_speakers=bounds.minimum,
        max_speakers=bounds.maximum,
        pipeline_path=pipeline_path,
        on_progress=on_progress,
        cancel=cancel,
    )


# The first is the default.
DIARISERS: dict[str, DiariserEntry] = {
    entry.name: entry
    for entry in (
        DiariserEntry(
            BUILTIN,
            "built-in (voice activity, voice embeddings, clustering)",
            "silero-vad + resemblyzer embeddings + agglomerative clustering",
            _needs_nothing,
            _builtin,
        ),
        DiariserEntry(
            PYANNOTE,
            "pyannote.audio (your own local pipeline)",
            "pyannote.audio pipeline (the user's own)",
            _pyannote_ready,
            _pyannote,
        ),
    )
}
DIARISER_NAMES = tuple(DIARISERS)
DEFAULT_DIARISER = DIARISER_NAMES[0]


def diariser_entry(name: str) -> DiariserEntry:
    """The entry called ``name``; a ``BadInputError`` naming the choices if there is none."""
    try:
        return DIARISERS[name]
    except (KeyError, TypeError):
        choices = " or ".join(DIARISER_NAMES)
        raise BadInputError(f"Unknown diariser “{name}”; choose {choices}.") from None
