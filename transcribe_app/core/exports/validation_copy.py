"""One informant's validation copy: the appendix's lines as that informant may see them.

The informant may see their own data (GDPR art. 15), not other people's: a validation pack or a
``--profile validation`` export for informant VJ shows

- VJ's own turns in full, as the appendix prints them (what the thesis cites, so that VJ approves
  the very words, line for line, with the thesis's line numbers) — but another participant's code
  in them is ``[en anden person]``: VJ knows who took part, and a code would tell VJ which quotes in
  the thesis are theirs (the quoted lines of a pack stay exactly as the thesis quotes them);
- the interviewer's turns as context, but with every indirect identifier generalised and every
  other person (a roster code other than VJ's and the interviewers', ``[Person N]``) made
  ``[en anden person]`` — a question may retell what someone else said or who they are, and a code
  or a number would link another participant to their quotes in the thesis;
- every other turn (other informants in a focus group, a speaker nobody labelled) left out: one line
  says that someone else spoke there, no words, no code.

The line numbers stay those of the appendix: a left-out turn keeps its lines, empty after the first,
so that VJ's "linje 79-80" is the thesis's. In a pseudonymised appendix only; an appendix that is not
pseudonymised keeps the interviewer's words as they are (the researcher chose to show names), but other
people's turns are left out all the same.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from ..errors import BadInputError
from ..layout import Line, normalised_text, turn_prefix
from ..project.record import Project
from .document import citation_code

OTHER_SPEAKER = "Anden deltager"
LEFT_OUT = "[en anden deltagers ord er udeladt]"
OTHER_PERSON = "[en anden person]"


def _roster(project: Project) -> list:
    """The roster the appendix's codes come from: the project's, and in a study the study's."""
    from ..pseudonymise import roster_and_numbers

    roster, _ = roster_and_numbers(project)
    return [*project.roster, *roster]


def _codes(project: Project, role: str) -> list[str]:
    codes = [e.code or e.label for e in _roster(project) if e.role == role and (e.code or e.label)]
    return list(dict.fromkeys(codes))


def informant_codes(project: Project) -> list[str]:
    """The codes of the roster's informants (in a study: its roster too), in roster order."""
    return _codes(project, "informant")


def whose_copy(project: Project, informant: str | None, *, required: bool = True) -> str | None:
    """The informant a validation copy is for: ``informant`` (checked against the roster), else the
    informant whose code is the transcript's citation code, else the one informant of the roster.
    ``required``: a sentence when it cannot be told; otherwise None."""
    codes = informant_codes(project)
    if informant is not None:
        for code in codes:
            if code.casefold() == informant.strip().casefold():
                return code
        listed = ", ".join(codes) if codes else "none is marked informant in the roster"
        raise BadInputError(
            f"“{informant}” is no informant of this transcript ({listed}). A validation copy is for one "
            "informant: give their code, and mark them informant in the roster (transcribe-app roster)."
        )
    cited = citation_code(project)  # an elite interview's code is its informant's: VJ
    for code in codes:
        if cited is not None and code.casefold() == cited.casefold():
            return code
    if len(codes) == 1:
        return codes[0]
    if not required:
        return None
    if codes:
        raise BadInputError(
            f"This transcript has {len(codes)} informants ({', '.join(codes)}); say whose validation copy "
            "this is with --informant CODE: each informant sees only their own words."
        )
    raise BadInputError(
        "A validation copy shows one informant their own words, and no one in this transcript's roster is "
        "marked informant. Mark them (transcribe-app roster PROJECT --import roster.csv, role informant) "
        "and try again."
    )


def interviewer_codes(project: Project) -> set[str]:
    return set(_codes(project, "interviewer"))


def someone_else(line: Line, informant: str, interviewers: set[str]) -> bool:
    """The line is neither the informant's nor an interviewer's (no speaker at all counts as someone
    else: whose words they are cannot be told)."""
    return line.speaker != informant and line.speaker not in interviewers


def informant_lines(
    document, informant: str, *, shown: Iterable[int] = (), decisions: list | None = None
) -> list[Line]:
    """``document``'s lines (an ``ExportDocument``, the appendix) as the validation copy for
    ``informant`` prints them, one for one, numbers unchanged. ``shown``: line numbers printed exactly
    as the appendix has them whoever speaks (a pack's quoted lines, the words the thesis quotes: the
    researcher attributes them to the informant, and ``validation.py`` refuses a quote in another
    participant's turn). ``decisions``: the indirect decisions (default: the project's)."""
    project = document.project
    interviewers = interviewer_codes(project) - {informant}
    keep = set(shown)
    others = {
        e.code
        for e in _roster(project)
        if e.code and e.role in ("informant", "other") and e.code != informant and e.code not in interviewers
    }
    spans: dict[int, list[tuple[int, int, str]]] = {}
    out = []
    for line in document.lines:
        own = line.speaker == informant
        if line.number in keep or (not document.pseudonymised and (own or line.speaker in interviewers)):
            out.append(line)
        elif own or line.speaker in interviewers:
            if line.turn not in spans:
                text = normalised_text(document.turns[line.turn])
                spans[line.turn] = _context_spans(project, text, others, decisions, context=not own)
            out.append(_with_spans(line, spans[line.turn]))
        else:
            out.append(_left_out(line, document))
    return out


def _left_out(line: Line, document) -> Line:
    if not line.first:
        return dataclasses.replace(line, text="", speaker=OTHER_SPEAKER, prefix_length=0, offset=0)
    turn = dataclasses.replace(document.turns[line.turn], speaker=OTHER_SPEAKER)
    prefix = turn_prefix(turn, document.settings)
    return dataclasses.replace(
        line, text=prefix + LEFT_OUT, speaker=OTHER_SPEAKER, prefix_length=len(prefix), offset=0
    )


def _context_spans(
    project: Project, text: str, others: set[str], decisions, *, context: bool
) -> list[tuple[int, int, str]]:
    """What is made over in a turn of the copy: another participant's code everywhere (their code
    would link them to their quotes in the thesis); in the interviewer's turns (``context``) also every
    indirect identifier (as the archive copy puts it, a researcher's label kept) and ``[Person N]``."""
    from ..pseudonymise.indirect import ARCHIVE, find_indirect, resolve
    from ..pseudonymise.stage import indirect_decisions

    found = []
    if context:
        decisions = indirect_decisions(project) if decisions is None else decisions
        found = [
            (item.start, item.end, resolve(item, decisions, ARCHIVE).replacement)
            for item in find_indirect([text], project.roster, decisions)
        ]
    people = [re.escape(code) for code in sorted(others, key=len, reverse=True)]
    patterns = [r"\[Person \d+\](?:s\b)?"] if context else []
    if people:
        patterns.append(r"(?<![\wÆØÅæøå])(?:" + "|".join(people) + r")(?:'s|'|s)?(?![\wÆØÅæøå])")
    if patterns:
        found += [(m.start(), m.end(), OTHER_PERSON) for m in re.finditer("|".join(patterns), text)]
    spans, end = [], -1
    for start, stop, label in sorted(found, key=lambda f: (f[0], -f[1])):
        if start >= end:
            spans.append((start, stop, label))
            end = stop
    return spans


def _with_spans(line: Line, spans: list[tuple[int, int, str]]) -> Line:
    """The line with the spans of its turn replaced; a span that runs on to the next line is put where
    it starts and its rest left off the next line (the numbers do not move)."""
    body_start, body = line.offset, line.body
    body_end = body_start + len(body)
    pieces, cursor = [], body_start
    for start, end, label in spans:
        if end <= body_start or start >= body_end:
            continue
        if start >= cursor:
            pieces.append(body[cursor - body_start : start - body_start])
            pieces.append(label)
        cursor = max(cursor, min(end, body_end))
    if not pieces and cursor == body_start:
        return line
    pieces.append(body[cursor - body_start :])
    new_body = "".join(pieces)
    if line.first:
        return dataclasses.replace(line, text=line.prefix + new_body)
    return dataclasses.replace(line, text=new_body.lstrip())


def informant_turns(document, lines: list[Line]) -> list:
    """The document's turns with what the copy's ``lines`` print of them: nothing else of a left-out
    or generalised turn is left for a format or the provenance block to read."""
    bodies: dict[int, list[str]] = {}
    speakers: dict[int, str | None] = {}
    for line in lines:
        bodies.setdefault(line.turn, []).append(line.body)
        speakers.setdefault(line.turn, line.speaker)
    return [
        dataclasses.replace(turn, text=" ".join(b for b in bodies[i] if b), speaker=speakers[i])
        if i in bodies
        else dataclasses.replace(turn, text="")
        for i, turn in enumerate(document.turns)
    ]


def validation_document(document, informant: str):
    """The ``ExportDocument`` of a ``--profile validation`` export: the appendix's lines as
    ``informant_lines`` prints them, and turns that hold nothing more."""
    lines = informant_lines(document, informant)
    if not any(line.speaker == informant for line in lines):
        raise BadInputError(
            f"No turn of this transcript is {informant}'s, so their validation copy would be empty. Label "
            "the speakers (transcribe-app speakers) so that the informant's turns carry their code."
        )
    return dataclasses.replace(document, lines=lines, turns=informant_turns(document, lines))
