"""Pseudonymising a project: the steps the CLI and the window share.

``review_project`` runs detection on the project's transcript with the
stored decisions (plus any new ones), and keeps a summary of what was found in
the project for the review lists. ``gate_export`` is the leak check every
pseudonymised export passes before a byte is written.
"""

from __future__ import annotations

from collections import Counter

from ..cleanup.transcript_view import transcript_view
from ..project.record import Project
from . import check_leaks, pseudonymise_parts, roster_and_numbers
from .gate import LeakError
from .replacement import Pseudonymised
from .state import REVIEW_TIER, Decision, DetectionSettings, EntitySummary, PseudonymisationState


def review_project(
    project: Project,
    *,
    decisions: list[Decision] = (),
    settings: DetectionSettings | None = None,
    accept_review: bool = False,
    level: str | None = None,
) -> Pseudonymised:
    """Detect names in the project's transcript, with its decisions and the new ones, and store them.

    ``accept_review`` turns every review mention into an accepted one *as a stored
    decision*, so that later exports replace exactly what this run showed.
    """
    state = project.pseudonymisation
    if settings is not None:
        state.use_settings(settings)
    for decision in decisions:
        state.add_decision(decision)
        state.record("decision", **decision.details())
    parts = [turn.text for turn in transcript_view(project, level)]
    roster, numbers = roster_and_numbers(project)  # in a study: its roster and [Person N] register
    result = pseudonymise_parts(parts, roster, state, numbers=numbers)
    if accept_review:
        accepted = _accept_review(result, state)
        if accepted:
            state.record("accepted all review", count=accepted)
            result = pseudonymise_parts(parts, roster, state, numbers=numbers)
    state.found(entity_summary(result))
    return result


def _accept_review(result: Pseudonymised, state: PseudonymisationState) -> int:
    from .decisions import make_decision

    count = 0
    for mention in result.detection.mentions:
        if mention.tier == REVIEW_TIER and mention.decision is None:
            state.add_decision(make_decision("accept", mention.text, part=mention.part, nth=mention.nth))
            count += 1
    return count


def entity_summary(result: Pseudonymised) -> list[EntitySummary]:
    """Who was found, how often, in which tiers, and what replaces them — for the review lists."""
    detection = result.detection
    rows: dict[str, EntitySummary] = {}
    for mention in detection.mentions:
        key = mention.referent or f"ambiguous:{mention.base}"
        name = detection.referents[key].name if key in detection.referents else mention.base
        row = rows.setdefault(key, EntitySummary(name, mention.entity.lower(), result.labels.get(key)))
        tier = mention.decision or mention.tier
        row.tiers[tier] = row.count(tier) + 1
    return list(rows.values())


def gate_export(
    project_or_state: Project | PseudonymisationState | None,
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
            state.record(
                "export despite leaks", output=output, hits=sum(Counter(leak.name for leak in leaks).values())
            )
    return leaks


def indirect_decisions(project: Project) -> list:
    """The decisions about indirect identifiers a project is exported with: its own, and in a study
    every interview's before them (``core/study/pseudonyms.py``), so that one identifier is treated
    alike across the study."""
    from ..study.pseudonyms import study_pseudonyms

    own = project.pseudonymisation.indirect
    study = study_pseudonyms(project)
    return study.indirect_decisions(own) if study is not None else list(own)


class ExportPseudonymiser:
    """What a pseudonymised export plugs into the export pipeline: the turns hook that replaces names,
    and the check that runs the leak gate and writes the key — both before the export is written.

        p = ExportPseudonymiser(project, key_path, accept_review=False, allow_leaks=False)
        export_project(project, fmt, out, turns_hook=p.hook, pseudonymised=True, check=p.check(out))
    """

    def __init__(
        self,
        project: Project,
        key_path,
        *,
        accept_review: bool = False,
        allow_leaks: bool = False,
        profile: str | None = None,
    ):
        self.project = project
        self.profile = profile  # what becomes of indirect identifiers (indirect.py PROFILES)
        self.generalised: list = []  # the indirect identifiers this export generalised or removed
        self.indirect_done: list = []  # every indirect identifier found, kept ones too (the key lists them)
        self.indirect_texts: list[str] | None = None  # the turns' texts after the indirect tier
        self.key_path = key_path
        self.accept_review = accept_review
        self.allow_leaks = allow_leaks
        self.result: Pseudonymised | None = None
        self.leaks: list = []
        # What a particular output adds to its key (a pseudonymised recording: the covered spans).
        self.key_extra: dict = {}

    def hook(self, turns: list) -> list:
        from . import pseudonymise_view

        new_turns, self.result = pseudonymise_view(self.project, turns)
        # Accepting the review tier is stored as decisions, so that the appendix's lines can be laid
        # out again exactly (citations, validation packs) from the project alone.
        if self.accept_review and _accept_review(self.result, self.project.pseudonymisation):
            self.project.pseudonymisation.record("accepted all review", during="export")
            new_turns, self.result = pseudonymise_view(self.project, turns)
        return self._indirect(new_turns)

    def _indirect(self, turns: list) -> list:
        """The indirect identifiers generalised as decided and as the profile says, after the names (so
        that no real name is ever kept as an identifier's words). Without a profile and without a
        decision there is nothing to do: the export is as it always was."""
        from dataclasses import replace

        from .indirect import find_indirect, generalise_parts

        decisions = indirect_decisions(self.project)
        if self.profile is None and not decisions:
            return turns
        parts = [turn.text for turn in turns]
        roster = self.project.roster
        items = find_indirect(parts, roster, decisions)
        texts, done = generalise_parts(parts, items, decisions, self.profile)
        self.generalised = [g for g in done if g.action != "keep"]
        self.indirect_done, self.indirect_texts = done, texts
        return [replace(turn, text=text) for turn, text in zip(turns, texts, strict=True)]

    def indirect_key(self) -> dict:
        """The key's ``indirect`` section (``indirect_key.py``): what became of each identifier, under
        which profile; nothing when the indirect tier did not run (the key as it always was)."""
        if self.indirect_texts is None or self.result is None:
            return {}
        from .indirect_key import indirect_record

        record = indirect_record(self.result, self.indirect_done, self.indirect_texts, self.profile)
        return {"indirect": record}

    def check(self, output):
        """The export's ``check``: block on leaks (unless allowed, then audited), then write the key."""

        def run(rendered) -> None:
            from ..study.pseudonyms import study_pseudonyms
            from .key import build_key, write_key
            from .outputs import gated_text

            name = getattr(output, "name", str(output))
            study = study_pseudonyms(self.project)  # in a study: every name of the study is gated
            roster = study.gate_roster(self.project.roster) if study is not None else self.project.roster
            self.leaks = gate_export(  # the file's name is read too: "Vibeke_Jensen.docx" names her
                self.project, roster, self.result, gated_text(rendered.text, output),
                allow_leaks=self.allow_leaks, output=name,
            )  # fmt: skip
            if study is not None:
                study.save_register()  # the persons first numbered in this export keep their numbers
            if self.key_path is not None:
                state = self.project.pseudonymisation
                state.record("key written", output=name, format=rendered.format)
                key = build_key(self.result, roster, state.audit,
                                self.project.metadata.title, output_text=rendered.text)  # fmt: skip
                key.update(self.indirect_key())
                key.update(self.key_extra)
                if study is not None:
                    study.write_key(key, self.key_path, output)  # the study's key gathers every export's
                else:
                    write_key(key, self.key_path, [output])

        return run
