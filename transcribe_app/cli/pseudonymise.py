"""CLI commands for pseudonymisation: ``pseudonymise``, ``pseudonymise-text`` and ``depseudonymise``.

Names go to the researcher's own terminal and report file (that is the point of
the review); they are never logged.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import BadInputError
from ..core.file_safety import check_files, reading, writing

if TYPE_CHECKING:
    from ..core.pseudonymise import Decision, DetectionSettings

EXIT_OK = 0


def add_commands(commands) -> None:
    _add_pseudonymise(commands)
    _add_pseudonymise_text(commands)
    _add_depseudonymise(commands)


def add_scope_options(p) -> None:
    """What besides people is replaced; shared by every command that pseudonymises."""
    p.add_argument(
        "--places",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="also replace municipalities and places ([Kommune], [Sted])",
    )
    p.add_argument(
        "--organisations",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="also replace organisations ([Organisation])",
    )
    p.add_argument(
        "--ner-model",
        metavar="MODEL",
        help="an installed Danish spaCy model (e.g. da_core_news_lg) as an extra name finder",
    )
    p.add_argument(
        "--accept-review",
        action="store_true",
        help="replace the uncertain (review) detections too, without looking at them one by one",
    )


def settings_from(args, stored: DetectionSettings | None = None) -> DetectionSettings:
    """The detection settings the options ask for, the ``stored`` ones (or the defaults) otherwise."""
    from ..core.pseudonymise import DetectionSettings

    current = stored if stored is not None else DetectionSettings()
    return DetectionSettings(
        current.places if args.places is None else args.places,
        current.organisations if args.organisations is None else args.organisations,
        args.ner_model or current.ner_model,
    )


# -- pseudonymise ---------------------------------------------------------------


def _add_pseudonymise(commands) -> None:
    p = commands.add_parser(
        "pseudonymise",
        help="find names in a project, apply your decisions and show what will be replaced",
        description="Detect names (roster, Danish name lists, municipalities), apply the decisions stored in "
        "the project and the ones given here, and list every detection by tier: auto (replaced), review "
        "(replaced once accepted) and leftover (capitalised words nobody claimed). NAME@TURN or "
        "NAME@TURN:N narrows a decision to one occurrence (turns count from 1, N from 1).",
    )
    p.add_argument("project", type=Path)
    add_scope_options(p)
    p.add_argument(
        "--report", type=Path, metavar="FILE.tsv", help="write every detection with tier and context"
    )
    p.add_argument("--accept", action="append", default=[], metavar="NAME[@TURN[:N]]")
    p.add_argument(
        "--reject",
        action="append",
        default=[],
        metavar="NAME[@TURN[:N]]",
        help="not a name (or not one to replace)",
    )
    p.add_argument("--add", action=_AddName, default=[], metavar="NAME", help="a person the lists missed")
    p.add_argument(
        "--as",
        dest="add_as",
        action=_AddAs,
        metavar="WHO",
        help="after --add NAME: NAME is this roster person (a code such as VJ, or the name)",
    )
    p.add_argument("--add-place", action="append", default=[], metavar="NAME")
    p.add_argument("--add-organisation", action="append", default=[], metavar="NAME")
    p.add_argument(
        "--merge",
        nargs=2,
        action="append",
        default=[],
        metavar=("NAME", "INTO"),
        help="the same person: 'Lars Løkke' 'Lars Løkke Rasmussen'",
    )
    p.add_argument(
        "--assign",
        nargs=2,
        action="append",
        default=[],
        metavar=("NAME@TURN[:N]", "WHO"),
        help="link one occurrence to a person (a name, a code, or 'new' for a person of its own)",
    )
    p.add_argument(
        "--pseudonym",
        nargs=2,
        action="append",
        default=[],
        metavar=("NAME", "PSEUDONYM"),
        help="replace a place or organisation with a name you choose",
    )
    p.add_argument(
        "--dismiss", action="append", default=[], metavar="WORD", help="take a leftover off the list"
    )
    from .indirect import add_indirect_options

    add_indirect_options(p)
    p.set_defaults(handler=_pseudonymise)


def _pseudonymise(args: argparse.Namespace) -> int:
    from ..core.project.file import load_project, save_project
    from ..core.pseudonymise import report_tsv
    from ..core.pseudonymise.stage import review_project

    check_files(
        [reading(args.project, "the project you are pseudonymising", project=True)],
        [writing(args.report, "The report", "--report")],
    )
    project = load_project(args.project)
    decisions = decisions_from(args)
    check_link_targets(args.add, project.roster)
    from .indirect import indirect_decisions_from, print_indirect

    for decision in indirect_decisions_from(args):
        project.pseudonymisation.add_indirect_decision(decision)
    settings = settings_from(args, project.pseudonymisation.settings)
    result = review_project(project, decisions=decisions, settings=settings, accept_review=args.accept_review)
    if args.report:
        from ..core.project.file import atomic_write_text

        atomic_write_text(args.report, report_tsv(result.detection, result.labels), keep_backup=False)
    save_project(project, args.project)
    print_summary(result, _turn_speakers(project))
    print_indirect(project, result)
    _print_leaks(result, project.roster)
    _mention_installed_models(settings)
    return EXIT_OK


def _print_leaks(result, roster) -> None:
    """Real names an export would still stop on that no name waiting for review covers, with the fix."""
    from ..core.pseudonymise.review import leaks_beyond_review

    leaks = leaks_beyond_review(result, roster)
    if leaks:
        print("Still in the text — an export would stop on it (fix: --add NAME, or --add NAME --as WHO):")
        for leak in leaks:
            print(f"  “{leak.found}” ({leak.name}), line {leak.line}: {leak.context}")


def _turn_speakers(project) -> list[str | None]:
    """Each turn's speaker code, by turn index, as the review counts turns."""
    from ..core.cleanup.transcript_view import transcript_view

    return [turn.speaker for turn in transcript_view(project)]


def _mention_installed_models(settings) -> None:
    from ..core.pseudonymise import installed_ner_models

    installed = installed_ner_models()
    if installed and not settings.ner_model:
        print(
            f"Note: {installed[0]} is installed; --ner-model {installed[0]} adds it as an extra name finder."
        )


def decisions_from(args) -> list[Decision]:
    from ..core.pseudonymise import make_decision

    decisions = []
    for action, specs in (("accept", args.accept), ("reject", args.reject)):
        for spec in specs:
            text, where = _occurrence(spec)
            decisions.append(make_decision(action, text, **where))
    for name, who in args.add:
        decisions.append(make_decision("add", name, entity="person"))
        if who is not None:  # linked where it is added: every occurrence is that roster person
            decisions.append(make_decision("assign", name, to=who))
    for entity, names in (("place", args.add_place), ("organisation", args.add_organisation)):
        decisions += [make_decision("add", name, entity=entity) for name in names]
    decisions += [make_decision("merge", name, to=into) for name, into in args.merge]
    for spec, target in args.assign:
        text, where = _occurrence(spec)
        decisions.append(make_decision("assign", text, to=None if target == "new" else target, **where))
    decisions += [make_decision("pseudonym", name, to=pseudonym) for name, pseudonym in args.pseudonym]
    decisions += [make_decision("dismiss", word) for word in args.dismiss]
    return decisions


class _AddName(argparse.Action):
    """``--add NAME``: a person the lists missed, linked to nobody yet (``--as`` may follow)."""

    def __call__(self, parser, namespace, values, option_string=None):
        added = list(getattr(namespace, self.dest) or [])
        added.append((values, None))
        setattr(namespace, self.dest, added)


class _AddAs(argparse.Action):
    """``--as WHO`` links the ``--add NAME`` just before it to a roster person."""

    def __call__(self, parser, namespace, values, option_string=None):
        added = list(namespace.add or [])
        if not added or added[-1][1] is not None:
            parser.error("--as WHO goes right after the --add NAME it links, e.g. --add vibeke --as VJ")
        added[-1] = (added[-1][0], values)
        namespace.add = added


def check_link_targets(links: list[tuple[str, str | None]], roster) -> None:
    """Every ``--add NAME --as WHO`` names a roster person: a code or a name (a sentence otherwise,
    before anything is stored)."""
    people = [e for e in roster if e.name.strip() and e.role != "organisation"]
    known = {e.code for e in people if e.code} | {e.name for e in people}
    for name, who in links:
        if who is not None and who not in known:
            listed = ", ".join(f"{e.code} ({e.name})" if e.code else e.name for e in people) or "nobody yet"
            raise BadInputError(
                f"“{who}” is nobody on the roster with a name, so “{name}” cannot be linked to them. "
                f"The roster has: {listed}. Add the person to the roster first (roster --import)."
            )


def _occurrence(spec: str) -> tuple[str, dict]:
    """``Mark@12:2`` → ("Mark", part 11, nth 1); ``Mark`` → every occurrence."""
    text, at, where = spec.rpartition("@") if "@" in spec else (spec, "", "")
    if not at:
        return spec, {}
    turn, _, nth = where.partition(":")
    try:
        part, index = int(turn) - 1, int(nth or 1) - 1
    except ValueError:
        raise BadInputError(
            f"“{spec}”: write NAME@TURN or NAME@TURN:N with numbers, e.g. Mark@12:2."
        ) from None
    if part < 0 or index < 0:
        raise BadInputError(f"“{spec}”: turns and occurrences count from 1.")
    return text, {"part": part, "nth": index}


def _waiting_heading(group, mentions) -> str:
    """ "Mette → MSS (Mette Skov Sørensen)? 2 times — a lone name …": a name and what it may be."""
    times = len(group.occurrences)
    count = f"{times} time{'s' if times != 1 else ''}"
    if group.candidates:
        return f"{group.name} — who? {group.who}; {count}"
    if group.lone:
        return f"{group.name} → {group.label or group.who} ({group.who})? {count} — a lone name: is it them?"
    rule = mentions[group.occurrences[0].index].rule
    return f"{group.name}? {count} — {rule}"


def print_summary(result, speakers=()) -> None:
    """What was found and replaced, and every name waiting for review, grouped by name, with the turn's
    speaker and the words around each occurrence (the researcher's own terminal, never a log)."""
    from ..core.pseudonymise import AUTO_TIER, OFF_TIER, REVIEW_TIER
    from ..core.pseudonymise.review import review_groups

    mentions = result.detection.mentions
    counts = {tier: sum(1 for m in mentions if m.tier == tier) for tier in (AUTO_TIER, REVIEW_TIER, OFF_TIER)}
    replaced = sum(1 for m in mentions if m.replaced)
    print(
        f"{len(mentions)} mentions: {counts[AUTO_TIER]} auto, {counts[REVIEW_TIER]} to review, "
        f"{counts[OFF_TIER]} places/organisations not replaced; {replaced} will be replaced"
    )
    for key, label in result.labels.items():
        referent = result.detection.referents[key]
        print(f"  {label:16} ← {referent.name}")
    waiting = review_groups(result, speakers)
    if waiting:
        print(
            f"To review: {len(waiting)} name(s), {sum(len(g.occurrences) for g in waiting)} occurrence(s). "
            "--accept NAME decides a name everywhere, --accept NAME@TURN:N one occurrence; "
            "--assign NAME[@TURN:N] new makes it a person of its own, --reject keeps the words:"
        )
        for group in waiting:
            print(f"  {_waiting_heading(group, mentions)}")
            for occurrence in group.occurrences:
                speaker = f"[{occurrence.speaker}]  " if occurrence.speaker else ""
                print(f"    {occurrence.where}  {speaker}{occurrence.context}")
    if result.detection.leftovers:
        words = ", ".join(f"{item.text} ({len(item.positions)})" for item in result.detection.leftovers)
        print(f"Leftovers, capitalised words nobody claimed — add any that are names: {words}")


# -- pseudonymise-text ----------------------------------------------------------


def _add_pseudonymise_text(commands) -> None:
    p = commands.add_parser(
        "pseudonymise-text", help="pseudonymise a typed transcript (.txt or .docx) with a roster, in one go"
    )
    p.add_argument("input", type=Path, help="the transcript (.txt or .docx)")
    p.add_argument("--roster", type=Path, required=True, help="roster .csv or .json (name,code,role,aliases)")
    p.add_argument("-o", "--output", type=Path, required=True, help="the pseudonymised text (.txt)")
    p.add_argument("--key", type=Path, required=True, help="where the key goes (keep it apart from the text)")
    add_scope_options(p)
    p.add_argument("--report", type=Path, metavar="FILE.tsv")
    p.add_argument("--allow-leaks", action="store_true", help="write even if real names remain (recorded)")
    p.add_argument(
        "--profile",
        choices=("appendix", "archive"),
        help="what becomes of indirect identifiers you did not decide about, as in export: appendix keeps "
        "them, archive generalises every one (the validation copy is one informant's: export it)",
    )
    from .indirect import add_indirect_options

    add_indirect_options(p)
    p.set_defaults(handler=_pseudonymise_text)


def _pseudonymise_text(args: argparse.Namespace) -> int:
    from ..core.imports.typed import read_text_file
    from ..core.project.file import atomic_write_text
    from ..core.project.roster import read_roster
    from ..core.pseudonymise import (
        PseudonymisationState,
        build_key,
        pseudonymise_parts,
        report_tsv,
        write_key,
    )
    from ..core.pseudonymise.stage import gate_export
    from .common import warnings_on_stderr

    check_files(
        [
            reading(args.input, "the transcript you are pseudonymising"),
            reading(args.roster, "the roster"),
        ],
        [
            writing(args.output, "The pseudonymised text", "-o", backup=True),
            writing(args.key, "The key", "--key", backup=True),
            writing(args.report, "The report", "--report"),
        ],
    )
    roster = read_roster(args.roster, on_notice=_note)
    with warnings_on_stderr("transcribe_app.core.imports.typed"):
        text = read_text_file(args.input, on_notice=_note)
    state = PseudonymisationState(settings=settings_from(args))
    state.record("pseudonymise-text", source=args.input.name, accept_review=args.accept_review)
    result = pseudonymise_parts([text], roster, state, accept_review=args.accept_review)
    indirect = _indirect_tier(args, state, roster, result)  # after the names, as an export does
    output = indirect["texts"][0] if indirect else result.text
    leaks = gate_export(state, roster, result, output, allow_leaks=args.allow_leaks, output=args.output.name)
    if args.report:
        atomic_write_text(args.report, report_tsv(result.detection, result.labels), keep_backup=False)
    key = build_key(result, roster, state.audit, args.input.name)
    if indirect:
        from ..core.pseudonymise.indirect_key import indirect_record

        key["indirect"] = indirect_record(result, indirect["done"], indirect["texts"], args.profile)
    write_key(key, args.key, [args.output, args.input])
    atomic_write_text(args.output, output, keep_backup=True)
    print_summary(result)
    if indirect:
        counts = key["indirect"]["counts"]
        print(
            f"Indirect identifiers ({args.profile or 'appendix'}): {counts['generalise']} generalised, "
            f"{counts['remove']} removed, {counts['keep']} kept"
        )
    if leaks:
        print(f"Written despite {len(leaks)} possible leak(s), as asked (--allow-leaks).", file=sys.stderr)
    return EXIT_OK


def _indirect_tier(args: argparse.Namespace, state, roster, result) -> dict | None:
    """The text's indirect identifiers generalised as the flags decide and ``--profile`` says (the
    decisions go into the key's audit copy); None when neither asks for it: the text as it always was."""
    from ..core.pseudonymise.indirect import find_indirect, generalise_parts
    from .indirect import indirect_decisions_from

    decisions = indirect_decisions_from(args)
    if args.profile is None and not decisions:
        return None
    for decision in decisions:
        state.add_indirect_decision(decision)
    items = find_indirect(result.parts, roster, decisions)
    texts, done = generalise_parts(result.parts, items, decisions, args.profile)
    return {"texts": texts, "done": done}


def _note(message: str) -> None:
    print(f"Note: {message}", file=sys.stderr)


# -- depseudonymise -------------------------------------------------------------


def _add_depseudonymise(commands) -> None:
    p = commands.add_parser("depseudonymise", help="put the real names back into a pseudonymised text")
    p.add_argument("input", type=Path, help="a text written by pseudonymise-text or a pseudonymised export")
    p.add_argument("--key", type=Path, required=True)
    p.add_argument("-o", "--output", type=Path, required=True)
    p.set_defaults(handler=_depseudonymise)


def _depseudonymise(args: argparse.Namespace) -> int:
    from ..core.imports.typed import read_text_file
    from ..core.project.file import atomic_write_text
    from ..core.pseudonymise import depseudonymise, read_key
    from .common import warnings_on_stderr

    check_files(
        [reading(args.input, "the pseudonymised text you are restoring"), reading(args.key, "the key")],
        [writing(args.output, "The restored text", "-o", backup=True)],
    )
    key = read_key(args.key)
    with warnings_on_stderr("transcribe_app.core.imports.typed"):
        text = read_text_file(args.input, on_notice=_note)
    restored, exact = depseudonymise(text, key)
    atomic_write_text(args.output, restored, keep_backup=True)
    if not exact:
        print(
            "The text is not the one the key was made for (an export, or edited since): names were put back "
            "where their codes stand, in order. Check the result.",
            file=sys.stderr,
        )
    return EXIT_OK
