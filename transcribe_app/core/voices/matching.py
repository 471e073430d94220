"""Recognising enrolled voices among the speakers diarisation found.

    speaker turns → one embedding per speaker (embedding.py) → similarity with each enrolled voice
      → decide: a clear match is labelled with the voice's code, the rest is left to the researcher

The rule is cautious, since a wrong label is worse than none: a speaker is labelled
only when the similarity passes the threshold, when no other speaker comes within
``MARGIN`` of it for that voice, and no other voice comes within ``MARGIN`` of it
for that speaker. Two speakers are never labelled with one voice: when
diarisation split the interviewer into two speakers, both sound like them, and
the researcher decides (``speakers --swap``/``--set``).
"""

from __future__ import annotations

import threading

import numpy as np

from ..diarise.turns import SpeakerTurn
from ..errors import BadInputError
from ..project.diarisation import AMBIGUOUS, LABELLED, UNKNOWN, VoiceCheck, VoiceComparison
from ..project.record import Project, RosterEntry
from .embedding import similarity, speaker_embeddings
from .profile import ENCODER, VoiceProfile

# Measured on the NST voices by bench/voices.py: one held-out sentence against its speaker's voice 0.82-0.95,
# against another speaker's at most 0.72 (0.71 for the nearest pair, 0042 and 25).
DEFAULT_THRESHOLD = 0.80
# A rival within this much is too close to call.
MARGIN = 0.05


def check_threshold(threshold: float) -> float:
    """``threshold`` if it is a similarity a match can need (above 0, at most 1); a sentence otherwise."""
    if not 0 < threshold <= 1:
        raise BadInputError(
            f"The voice threshold must be above 0 and at most 1 (the default is {DEFAULT_THRESHOLD:.2f}), "
            f"not {threshold:g}."
        )
    return threshold


def compare_voices(
    audio: np.ndarray,
    turns: list[SpeakerTurn],
    voices: list[VoiceProfile],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    cancel: threading.Event | None = None,
) -> tuple[VoiceCheck, dict[str, VoiceProfile]]:
    """Each speaker of ``turns`` compared with ``voices``.

    Returns the record of what was compared and decided, and speaker label → the voice to label it with.
    """
    voices = [v for v in voices if v.encoder == ENCODER]  # another encoder's voices are elsewhere in space
    labels = list(dict.fromkeys(t.speaker for t in sorted(turns, key=lambda t: t.start)))
    stretches = {label: [(t.start, t.end) for t in turns if t.speaker == label] for label in labels}
    vectors = {
        label: voice.vector for label, voice in speaker_embeddings(audio, stretches, cancel=cancel).items()
    }
    scores = {
        (label, v.code): similarity(vector, np.asarray(v.embedding, np.float32))
        for label, vector in vectors.items()
        for v in voices
    }
    chosen = decide(scores, threshold)
    by_code = {v.code: v for v in voices}
    record = VoiceCheck(threshold=threshold, voices=[v.code for v in voices])
    for label in labels:
        mine = {code: s for (lab, code), s in scores.items() if lab == label}
        if not mine:
            record.speakers.append(VoiceComparison(label, "", None, UNKNOWN))
            continue
        nearest = max(mine, key=mine.__getitem__)
        if label in chosen:
            outcome, nearest = LABELLED, chosen[label]
        else:
            outcome = AMBIGUOUS if mine[nearest] >= threshold else UNKNOWN
        record.speakers.append(VoiceComparison(label, nearest, round(mine[nearest], 3), outcome))
    return record, {label: by_code[code] for label, code in chosen.items()}


def decide(scores: dict[tuple[str, str], float], threshold: float) -> dict[str, str]:
    """Speaker label → voice code for the pairs that pass ``threshold`` with no rival within ``MARGIN``.

    A rival is another voice for the same speaker or another speaker for the same voice; a pair
    with one is left undecided, so no voice is ever given to two speakers.
    """
    chosen = {}
    for (label, code), score in scores.items():
        if score < threshold:
            continue
        rivals = [
            other
            for (other_label, other_code), other in scores.items()
            if (other_label == label) != (other_code == code)  # same speaker or same voice, not both
        ]
        if all(score - other >= MARGIN for other in rivals):
            chosen[label] = code
    return chosen


def label_recognised(project: Project, recognised: dict[str, VoiceProfile]) -> None:
    """Give each recognised speaker label the code and role of its voice in ``project.roster``.

    A person already on the roster with that code and no voice yet (a roster imported before
    diarisation) gets the label; one with another label gives up the code (they swap), so codes
    stay unique.
    """
    for label, voice in recognised.items():
        entry = next((e for e in project.roster if e.label == label), None)
        holder = next((e for e in project.roster if e.code == voice.code and e is not entry), None)
        if holder is not None and not holder.label and (entry is None or _blank(entry)):
            if entry is not None:
                project.roster.remove(entry)
            holder.label = label
            continue
        if entry is None:
            entry = RosterEntry(label=label)
            project.roster.append(entry)
        if holder is not None:
            holder.code = entry.code or holder.label or label
        entry.code, entry.role = voice.code, voice.role


def _blank(entry: RosterEntry) -> bool:
    """A roster entry diarisation suggested, with nothing the researcher typed in it."""
    return not (entry.name or entry.aliases or entry.position or entry.area)
