"""The ``pseudonymise`` command's options for indirect identifiers, and the list it prints.

    transcribe-app pseudonymise P.json --generalise "centerchef=leder i kommunal forvaltning"
    transcribe-app pseudonymise P.json --keep jobcentret --remove "Søndergade 12"
    transcribe-app pseudonymise P.json --generalise-category age --generalise-category "date=for år siden"

A decision about words holds everywhere they stand (one identifier, one treatment); a decision about a
kind holds for every item of it that has no decision of its own. The list goes to the researcher's own
terminal, like the names (never a log).
"""

from __future__ import annotations

from collections import Counter

from ..core.errors import BadInputError


def add_indirect_options(p) -> None:
    """The decision flags, in the style of the name decisions (repeatable, ITEM[=LABEL])."""
    group = p.add_argument_group("indirect identifiers (positions, workplaces, ages, years, small places)")
    group.add_argument(
        "--generalise",
        action="append",
        default=[],
        metavar="ITEM[=LABEL]",
        help="put a category label in place of these words everywhere, e.g. 'centerchef=leder i kommunal "
        "forvaltning' (without =LABEL: the suggested label)",
    )
    group.add_argument(
        "--keep", action="append", default=[], metavar="ITEM", help="keep these words as they are"
    )
    group.add_argument(
        "--remove", action="append", default=[], metavar="ITEM", help="leave these words out ([…])"
    )
    group.add_argument(
        "--generalise-category",
        action="append",
        default=[],
        metavar="KIND[=LABEL]",
        help="generalise every item of a kind: position, workplace, organisation, age, date, place, relation",
    )
    group.add_argument("--keep-category", action="append", default=[], metavar="KIND")
    group.add_argument(
        "--add-indirect",
        action="append",
        default=[],
        metavar="KIND=WORDS",
        help="an identifier the lists missed, e.g. 'workplace=Team Nord'",
    )


def indirect_decisions_from(args) -> list:
    """The decisions the flags ask for, each checked (a sentence for a wrong kind or empty words)."""
    from ..core.pseudonymise.indirect import make_indirect_decision

    decisions = []
    for spec in args.generalise:
        text, _, label = spec.partition("=")
        decisions.append(make_indirect_decision("generalise", text, label=label or None))
    decisions += [make_indirect_decision("keep", text) for text in args.keep]
    decisions += [make_indirect_decision("remove", text) for text in args.remove]
    for spec in args.generalise_category:
        kind, _, label = spec.partition("=")
        decisions.append(make_indirect_decision("generalise", kind=kind.strip(), label=label or None))
    decisions += [make_indirect_decision("keep", kind=kind.strip()) for kind in args.keep_category]
    for spec in args.add_indirect:
        kind, sep, words = spec.partition("=")
        if not sep:
            raise BadInputError(f"“{spec}”: write KIND=WORDS, e.g. workplace=Team Nord.")
        decisions.append(make_indirect_decision("add", words, kind=kind.strip()))
    return decisions


def print_indirect(project, result) -> None:
    """Every indirect identifier in the name-pseudonymised text, once per words, with how often it
    stands, what the appendix does with it and what the archive copy puts there."""
    from ..core.pseudonymise.indirect import ARCHIVE, find_indirect, resolve
    from ..core.pseudonymise.stage import indirect_decisions

    decisions = indirect_decisions(project)  # in a study: every interview's too
    items = find_indirect(result.parts, project.roster, decisions)
    if not items:
        print("Indirect identifiers: none found.")
        return
    counts = Counter(item.key for item in items)
    first = {}
    for item in items:
        first.setdefault(item.key, item)
    print(
        f"Indirect identifiers: {len(first)} ({len(items)} occurrences). The appendix keeps them unless "
        "you decide (--generalise ITEM[=LABEL], --keep, --remove, --generalise-category KIND); "
        "export --profile archive generalises all:"
    )
    for key, item in first.items():
        appendix = resolve(item, decisions, None)
        archive = resolve(item, decisions, ARCHIVE)
        shown = "keeps" if appendix.action == "keep" else f"→ {appendix.replacement}"
        print(
            f"  {item.kind:12} “{item.text}” ×{counts[key]}  "
            f"appendix {shown}; archive → {archive.replacement}"
        )
