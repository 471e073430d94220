"""Pseudonymising a project: the steps the CLI and the window share.

``review_project`` runs detection on the project's transcript with the
stored decisions (plus any new ones), and keeps a summary of what was found in
the project for the review lists. ``gate_export`` is the leak check every
pseudonymised export passes before a byte is written.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..project import Project
from ..views import transcript_view
from . import check_leaks, pseudonymise_parts, record
from .analyzer import DetectionSettings
from .detection import REVIEW_TIER
from .gate import LeakError
from .replacement import Pseudonymised


def review_project(
    project: Project,
    *,
    decisions: list[dict[str, Any]] = (),
    settings: DetectionSettings | None = None,
    accept_review: bool = False,
    level: str | None = None,
) -> Pseudonymised:
    """Detect names in the project's transcript, with its decisions and the new ones, and store them.

    ``accept_review`` turns every review mention into an accepted one *as a stored
    decision*, so that later exports replace exactly what this run showed.
    """
    state = project.pseudonymisation
    if settings is not None and settings.to_dict() != state.get("settings"):
        state["settings"] = settings.to_dict()
        record(state, "settings", **settings.to_dict())
    for decision in decisions:
        state.setdefault("decisions", []).append(decision)
        record(state, "decision", **{k: v for k, v in decision.items() if k not in ("by", "at")})
    parts = [turn.text for turn in transcript_view(project, level)]
    result = pseudonymise_parts(parts, project.roster, state)
    if accept_review:
        accepted = _accept_review(result, state)
        if accepted:
            record(state, "accepted all review", count=accepted)
            result = pseudonymise_parts(parts, project.roster, state)
    state["entities"] = entity_summary(result)
    return result


def _accept_review(result: Pseudonymised, state: dict[str, Any]) -> int:
    from .decisions import make_decision

    count = 0
    for mention in result.detection.mentions:
        if mention.tier == REVIEW_TIER and mention.decision is None:
            state.setdefault("decisions", []).append(
                make_decision("accept", mention.text, part=mention.part, nth=mention.nth)
            )
            count += 1
    return count


def entity_summary(result: Pseudonymised) -> list[dict[str, Any]]:
    """Who was found, how often, in which tiers, and what replaces them — for the review lists."""
    detection = result.detection
    rows: dict[str, dict[str, Any]] = {}
    for mention in detection.mentions:
        key = mention.referent or f"ambiguous:{mention.base}"
        name = detection.referents[key].name if key in detection.referents else mention.base
        row = rows.setdefault(
            key,
            {
                "name": name,
                "kind": mention.entity.lower(),
                "replacement": result.labels.get(key),
                "tiers": {},
            },
        )
        tier = mention.decision or mention.tier
        row["tiers"][tier] = row["tiers"].get(tier, 0) + 1
    return list(rows.values())


def gate_export(
    project_or_state: Project | dict[str, Any] | None,
    roster,
    result: Pseudonymised,
    text: str,
    *,
    allow_leaks: bool = False,
    output: str = "",
) -> list:
    """Block an export whose ``text`` still holds real names, unless the user overrides (audited)."""
    leaks = check_leaks(text, roster, result)
    if leaks and not allow_leaks:
        raise LeakError(leaks)
    if leaks:
        state = (
            project_or_state.pseudonymisation if isinstance(project_or_state, Project) else project_or_state
        )
        if state is not None:
            record(
                state,
                "export despite leaks",
                output=output,
                hits=sum(Counter(leak.name for leak in leaks).values()),
            )
    return leaks


class ExportPseudonymiser:
    """What a pseudonymised export plugs into the export pipeline: the turns hook that replaces names,
    and the check that runs the leak gate and writes the key — both before the export is written.

        p = ExportPseudonymiser(project, key_path, accept_review=False, allow_leaks=False)
        export_project(project, fmt, out, turns_hook=p.hook, pseudonymised=True, check=p.check(out))
    """

    def __init__(self, project: Project, key_path, *, accept_review: bool = False, allow_leaks: bool = False):
        self.project = project
        self.key_path = key_path
        self.accept_review = accept_review
        self.allow_leaks = allow_leaks
        self.result: Pseudonymised | None = None
        self.leaks: list = []

    def hook(self, turns: list) -> list:
        from . import pseudonymise_view

        new_turns, self.result = pseudonymise_view(self.project, turns)
        # Accepting the review tier is stored as decisions, so that the appendix's lines can be laid
        # out again exactly (citations, validation packs) from the project alone.
        if self.accept_review and _accept_review(self.result, self.project.pseudonymisation):
            record(self.project.pseudonymisation, "accepted all review", during="export")
            new_turns, self.result = pseudonymise_view(self.project, turns)
        return new_turns

    def check(self, output):
        """The export's ``check``: block on leaks (unless allowed, then audited), then write the key."""

        def run(rendered) -> None:
            from .key import build_key, write_key
            from .outputs import gated_text

            name = getattr(output, "name", str(output))
            self.leaks = gate_export(  # the file's name is read too: "Vibeke_Jensen.docx" names her
                self.project, self.project.roster, self.result, gated_text(rendered.text, output),
                allow_leaks=self.allow_leaks, output=name,
            )  # fmt: skip
            if self.key_path is not None:
                record(self.project.pseudonymisation, "key written", output=name, format=rendered.format)
                state = self.project.pseudonymisation
                key = build_key(self.result, self.project.roster, list(state.get("audit", [])),
                                self.project.metadata.title, output_text=rendered.text)  # fmt: skip
                write_key(key, self.key_path, [output])

        return run
