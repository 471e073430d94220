"""Speaker diarisation: who speaks when, offline, and which words are whose.

    diarise(audio) → speaker turns → assign_speakers(segments, turns) → speaker-tagged words

``der`` scores turns against a reference (diarisation error rate).
"""

from .assign import assign_speakers, needs_speaker_review, speaker_review_count, turns_from_segments
from .der import DerResult, diarisation_error_rate, read_rttm, write_rttm
from .pipeline import diarise
from .turns import SpeakerTurn

__all__ = [
    "DerResult",
    "SpeakerTurn",
    "assign_speakers",
    "diarisation_error_rate",
    "diarise",
    "needs_speaker_review",
    "read_rttm",
    "speaker_review_count",
    "turns_from_segments",
    "write_rttm",
]
