"""What the comparison with the study's voices decided, in sentences for the researcher (light)."""

from __future__ import annotations

from ..project.diarisation import AMBIGUOUS, LABELLED, VoiceCheck
from ..project.record import RosterEntry


def voice_lines(check: VoiceCheck, roster: list[RosterEntry]) -> list[str]:
    """One line per speaker: labelled with which voice at what similarity, or why not."""
    codes = {entry.label: entry.code for entry in roster}
    lines = [
        f"Compared with the study's voices ({', '.join(check.voices)}; threshold {check.threshold:.2f}):"
    ]
    for speaker in check.speakers:
        shown = codes.get(speaker.speaker) or speaker.speaker
        if speaker.similarity is None:
            lines.append(f"  {speaker.speaker} ({shown}): too little speech to compare; check it yourself.")
        elif speaker.outcome == LABELLED:
            lines.append(f"  {speaker.speaker} is {speaker.voice}: similarity {speaker.similarity:.2f}.")
        elif speaker.outcome == AMBIGUOUS:
            lines.append(
                f"  {speaker.speaker} ({shown}) sounds like {speaker.voice} ({speaker.similarity:.2f}), but "
                "so does another speaker or voice: left for you to decide (transcribe-app speakers --set)."
            )
        else:
            lines.append(
                f"  {speaker.speaker} ({shown}): no enrolled voice (nearest {speaker.voice}, "
                f"{speaker.similarity:.2f})."
            )
    return lines
