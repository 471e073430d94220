"""Speaker labels from diarisation (S1, S2, …) and the roster codes shown for them.

Diarisation numbers speakers in the order they first speak. In an elite
interview that is nearly always the interviewer (I) and then the informant;
in a focus group the moderator (M) opens and the participants (B1, B2, …)
follow. These are suggestions the researcher corrects in one action (swap),
never a guess that is silently trusted.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection

from ..errors import BadInputError
from ..project.record import Project, RosterEntry


def suggest_roster(project: Project, labels: list[str], *, recognised: Collection[str] = ()) -> None:
    """Add a roster entry for every new speaker label, with the conventional code for its order.

    ``recognised``: labels a voice enrolled in the study has named already (core/voices); the
    others get the conventional codes those did not take (the interviewer recognised as S2
    makes S1 the informant).
    """
    known = {entry.label for entry in project.roster}
    claimed = {entry.code for entry in project.roster if entry.label in recognised}
    positions = (_conventional_code(project, p) for p in itertools.count())
    conventional = (suggestion for suggestion in positions if suggestion[0] not in claimed)
    for label in labels:
        if label in recognised:
            continue
        code, role = next(conventional)
        if label in known:
            continue
        taken = {entry.code for entry in project.roster}
        project.roster.append(RosterEntry(label=label, code=code if code not in taken else label, role=role))


def _conventional_code(project: Project, position: int) -> tuple[str, str]:
    if position == 0:
        return ("I", "interviewer") if project.metadata.kind == "elite" else ("M", "interviewer")
    if project.metadata.kind == "elite" and position == 1:
        return project.metadata.citation_code or "IP", "informant"
    number = position if project.metadata.kind == "focus_group" else position - 1
    return f"B{number}", "informant" if project.metadata.kind == "focus_group" else "other"


def swap_speakers(project: Project, first: str, second: str) -> None:
    """Exchange who two speaker labels are (code, name, role): one action fixes a wrong guess.

    ``first``/``second`` may be labels (S1) or codes (I, VJ).
    """
    a, b = _entry(project, first), _entry(project, second)
    if a is b:
        raise BadInputError(f"“{first}” and “{second}” are the same speaker.")
    a.name, b.name = b.name, a.name
    a.code, b.code = b.code, a.code
    a.role, b.role = b.role, a.role


def set_speaker(project: Project, who: str, *, code: str | None, name: str | None, role: str | None) -> None:
    """Change the roster entry of one speaker label (or code)."""
    entry = _entry(project, who)
    if code:
        clash = [e.label for e in project.roster if e.code == code and e is not entry]
        if clash:
            raise BadInputError(
                f"The code “{code}” is already used for {', '.join(clash)}; codes must be unique."
            )
        entry.code = code
    if name is not None:
        entry.name = name
    if role:
        entry.role = role
    project.validate()


def _entry(project: Project, who: str) -> RosterEntry:
    # A label (S1) names a voice; a code (VJ) names a person: labels win when both match.
    for attribute in ("label", "code"):
        for entry in project.roster:
            if getattr(entry, attribute) == who:
                return entry
    labels = ", ".join(f"{e.label} ({e.code})" for e in project.roster) or "none"
    raise BadInputError(f"No speaker “{who}” in this project. Speakers: {labels}.")


def talk_time(project: Project) -> list[tuple[RosterEntry | None, str, float, int, int]]:
    """Per speaker label: roster entry, label, seconds spoken, turns and words (who dominated?)."""
    from ..cleanup.transcript_view import speaker_turns

    totals: dict[str, list[float]] = {}
    for _code, segments in speaker_turns(project):
        label = segments[0].speaker or "?"
        seconds = sum((s.end or 0.0) - (s.start or 0.0) for s in segments)
        row = totals.setdefault(label, [0.0, 0, 0])
        row[0] += seconds
        row[1] += 1
        row[2] += sum(len(s.words) for s in segments)
    entries = {e.label: e for e in project.roster}
    return [(entries.get(label), label, t, int(n), int(w)) for label, (t, n, w) in totals.items()]
