"""Speaker diarisation: who speaks when, offline, and which words are whose.

    diarise(audio) → speaker turns → assign_speakers(segments, turns) → speaker-tagged words

``der`` scores turns against a reference (diarisation error rate).

Importing this package loads nothing heavy: the window reads ``labels`` (talk
time, roster suggestions) as it starts, while the pipeline and the scoring pull
in NumPy and the models. The names below are loaded from their modules when
first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy_names import loaded_on_use

if TYPE_CHECKING:  # for type checkers and readers; at run time __getattr__ loads them
    from .assign import assign_speakers, needs_speaker_review, speaker_review_count, turns_from_segments  # noqa: F401
    from .der import DerResult, diarisation_error_rate, read_rttm, write_rttm  # noqa: F401
    from .pipeline import diarise  # noqa: F401
    from .turns import SpeakerTurn  # noqa: F401

# Where each name that is loaded on first use lives.
_LOADED_ON_USE = {
    "assign_speakers": "assign",
    "needs_speaker_review": "assign",
    "speaker_review_count": "assign",
    "turns_from_segments": "assign",
    "DerResult": "der",
    "diarisation_error_rate": "der",
    "read_rttm": "der",
    "write_rttm": "der",
    "diarise": "pipeline",
    "SpeakerTurn": "turns",
}

__all__ = sorted(_LOADED_ON_USE)


__getattr__, __dir__ = loaded_on_use(__name__, _LOADED_ON_USE)
