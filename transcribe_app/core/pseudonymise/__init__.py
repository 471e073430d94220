"""Pseudonymisation: the roster first, Danish name lists and Presidio second, the researcher last.

    parts (turn texts) ──analyze──▶ hits ──settle/link/tier──▶ mentions ──decisions──▶ replace ──▶ text + key

The state a project keeps (``project.pseudonymisation``, a ``PseudonymisationState``
from ``state``): ``settings`` (places, organisations, an optional NER model),
``decisions`` (see ``decisions``), ``audit`` (who decided what, when; export
overrides) and ``entities`` (what the last review found). Detection itself is never
stored as truth — it is recomputed, and the decisions re-applied, every time.

Importing this package loads nothing heavy: the project file reads ``state`` on every
load, while detection pulls in Presidio, spaCy and PyTorch (seconds). The names below
are loaded from their modules when first used.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import replace as _replace
from functools import lru_cache
from typing import TYPE_CHECKING

from ..lazy_names import loaded_on_use
from .state import (
    AUTO_TIER,
    OFF_TIER,
    REVIEW_TIER,
    AuditEntry,
    Decision,
    DetectionSettings,
    EntitySummary,
    PseudonymisationState,
)

if TYPE_CHECKING:
    from ..project.record import Project, RosterEntry
    from .analyzer import installed_ner_models
    from .decisions import make_decision
    from .detection import Detection, Document, Mention
    from .gate import Leak, LeakError
    from .key import build_key, depseudonymise, read_key, write_key
    from .replacement import Pseudonymised

# Where each name that is loaded on first use lives.
_LOADED_ON_USE = {
    "installed_ner_models": "analyzer",
    "make_decision": "decisions",
    "Detection": "detection",
    "Document": "detection",
    "Mention": "detection",
    "Leak": "gate",
    "LeakError": "gate",
    "build_key": "key",
    "depseudonymise": "key",
    "read_key": "key",
    "write_key": "key",
    "Pseudonymised": "replacement",
}

__all__ = [
    "AUTO_TIER",
    "REVIEW_TIER",
    "OFF_TIER",
    "AuditEntry",
    "Decision",
    "DetectionSettings",
    "Detection",
    "Document",
    "EntitySummary",
    "Leak",
    "LeakError",
    "Mention",
    "PseudonymisationState",
    "Pseudonymised",
    "build_key",
    "check_leaks",
    "depseudonymise",
    "detect",
    "installed_ner_models",
    "make_decision",
    "pseudonymise_parts",
    "pseudonymise_view",
    "read_key",
    "report_tsv",
    "roster_and_numbers",
    "write_key",
]


__getattr__, __dir__ = loaded_on_use(__name__, _LOADED_ON_USE)


def detect(parts: list[str], roster: list[RosterEntry], state: PseudonymisationState) -> Detection:
    """Mentions and leftovers in ``parts`` with the stored decisions applied."""
    from ..text_form import normal_form
    from .decisions import added_names, apply_decisions
    from .detection import Document, detect_mentions

    settings = state.settings_in_use
    decisions = list(state.decisions)
    # The one written form (text_form) — already the project's, made sure of for any other caller:
    # a soft hyphen or a decomposed å inside a name would hide it from every rule below.
    document = Document([normal_form(part) for part in parts])
    roster = [_normal_entry(entry) for entry in roster]
    results = _analyze(
        document.analysis_text, _roster_fingerprint(roster), tuple(added_names(decisions)), settings
    )
    detection = detect_mentions(document, results, roster, settings)
    apply_decisions(detection, decisions)
    return detection


def pseudonymise_parts(
    parts: list[str],
    roster: list[RosterEntry],
    state: PseudonymisationState,
    *,
    accept_review: bool = False,
    numbers=None,
) -> Pseudonymised:
    """``parts`` with every accepted mention replaced; ``accept_review`` accepts the review tier too.

    ``numbers``: a person's ``[Person N]`` by name (a study's register); None numbers them here."""
    from .replacement import replace_mentions

    detection = detect(parts, roster, state)
    if accept_review:
        for mention in detection.mentions:
            if mention.tier == REVIEW_TIER and mention.decision is None:
                mention.decision = "accepted"
    return replace_mentions(detection, numbers)


def pseudonymise_view(project: Project, turns: list, *, accept_review: bool = False):
    """The turns of a view with names replaced and speaker labels shown as codes, and the result.

    A project in a study is pseudonymised with the study's roster and ``[Person N]`` register
    (``core/study/pseudonyms.py``): the same person has the same code in every interview."""
    roster, numbers = roster_and_numbers(project)
    result = pseudonymise_parts(
        [turn.text for turn in turns],
        roster,
        project.pseudonymisation,
        accept_review=accept_review,
        numbers=numbers,
    )
    speakers = _speaker_codes(roster)
    if numbers is not None:  # in a study: the interview's own code for a study person gives way
        speakers.update(_study_codes(project.roster, roster))
    new_turns = [
        _replace(turn, text=text, speaker=speakers.get(turn.speaker, turn.speaker))
        for turn, text in zip(turns, result.parts, strict=True)
    ]
    return new_turns, result


def _speaker_codes(roster: list[RosterEntry]) -> dict[str, str]:
    """A typed transcript may label turns with real names ("Vibeke:"): show the code instead."""
    codes = {}
    for entry in roster:
        if entry.name.strip() and entry.code:
            codes[entry.name] = entry.code
            codes.setdefault(entry.name.split()[0], entry.code)
    return codes


def roster_and_numbers(project: Project) -> tuple[list[RosterEntry], object]:
    """The roster a project is pseudonymised with, and who numbers its ``[Person N]`` (None: itself).

    In a study (``core/study/pseudonyms.py``): the study's roster extended by the project's own, and
    the study's register, so that a person has one code and one number in every interview."""
    from ..study.pseudonyms import study_pseudonyms

    study = study_pseudonyms(project)
    if study is None:
        return project.roster, None
    return study.roster(project.roster), study.register.label_for


def _study_codes(own: list[RosterEntry], study: list[RosterEntry]) -> dict[str, str]:
    codes = {}
    for entry in own:
        match = next((e for e in study if entry.label and e.label == entry.label and e.code), None)
        if match is not None and entry.code and entry.code != match.code:
            codes[entry.code] = match.code
    return codes


def check_leaks(text: str, roster: list[RosterEntry], result: Pseudonymised) -> list[Leak]:
    """Real names still in an output ``text`` (see ``gate``)."""
    from .gate import find_leaks, protected_names

    replaced = {m.base for m in result.detection.mentions if m.replaced}
    rejected = Counter(m.text for m in result.detection.mentions if m.decision == "rejected")
    return find_leaks(text, protected_names(roster, replaced), rejected)


def report_tsv(detection: Detection, labels: dict[str, str] | None = None) -> str:
    """Every detection with tier, score, rule and context, then the leftovers: a review sheet."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\n")
    writer.writerow(
        ["tier", "decision", "kind", "text", "name", "replacement", "score", "turn", "rule", "context"]
    )
    document = detection.document
    for mention in detection.mentions:
        name = detection.referents[mention.referent].name if mention.referent in detection.referents else ""
        candidates = " / ".join(
            detection.referents[c].name for c in mention.candidates if c in detection.referents
        )
        writer.writerow(
            [
                mention.tier,
                mention.decision or "",
                mention.entity.lower(),
                mention.text,
                name or f"ambiguous: {candidates}",
                (labels or {}).get(mention.referent, "") if mention.replaced else "",
                f"{mention.score:.2f}",
                mention.part + 1,
                mention.rule,
                document.context(mention.start, mention.end),
            ]
        )
    for leftover in detection.leftovers:
        part = document.locate(leftover.positions[0])[0] + 1
        why = "capitalised word nobody claimed"
        writer.writerow(
            ["leftover", "", "", leftover.text, "", "", "", part, why, " | ".join(leftover.contexts)]
        )
    return buffer.getvalue()


def _normal_entry(entry: RosterEntry) -> RosterEntry:
    from ..text_form import normal_form

    if normal_form(entry.name) == entry.name and all(normal_form(a) == a for a in entry.aliases):
        return entry
    return _replace(entry, name=normal_form(entry.name), aliases=[normal_form(a) for a in entry.aliases])


def _roster_fingerprint(roster: list[RosterEntry]) -> tuple:
    return tuple((e.name, e.code, e.role, tuple(e.aliases)) for e in roster)


@lru_cache(maxsize=4)
def _analyze(text: str, roster: tuple, added: tuple, settings: DetectionSettings) -> tuple:
    """Presidio's hits for a text, cached: a decision re-applies in milliseconds without re-analysis."""
    from ..project.record import RosterEntry
    from .analyzer import build_analyzer

    entries = [RosterEntry(name=n, code=c, role=r, aliases=list(a)) for n, c, r, a in roster]
    analyzer = build_analyzer(entries, list(added), settings)
    results = analyzer.analyze(text, language="da", score_threshold=0)
    return tuple(results)
