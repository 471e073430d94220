"""What every export starts from: the view, after the hook, laid out in numbered lines.

``prepare`` runs the first three arrows of the export data flow (DESIGN.md):
clean view → (pseudonymise, through the hook) → layout. Renderers only print
an ``ExportDocument``; they never look at the stored words again, so what the
leak check reads is what they print.

The heading and the provenance block are written here, once, in Danish (the
appendices go into Danish theses), for DOCX, PDF and TXT alike.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from ..cleanup.overlap_marks import marked_turns
from ..cleanup.transcript_view import TurnView, project_level, transcript_view
from ..errors import BadInputError
from ..layout import LayoutSettings, Line, layout
from ..project.record import Project
from ..project.transcript import clock_time
from .printable import printable, printable_or_none, property_text

TurnsHook = Callable[[list[TurnView]], list[TurnView]]
"""Transforms the turns before layout: takes the view's turns, returns the turns to export.

The pseudonymisation plugs in here: it returns turns whose ``text`` has names
replaced. It may return new ``TurnView`` objects (``dataclasses.replace(turn,
text=...)``) but must not change the list's meaning otherwise: one entry per
turn, in order, with ``speaker`` as the code to print. Times (``start``,
``end``) and the stored ``words``/``segments`` are used only for timing, never
printed, so a hook need not touch them.
"""

_LEVEL_NAMES = {
    "verbatim": "ordret (verbatim)",
    "clean": "renskrevet (clean)",
    "strict": "stramt renskrevet (strict)",
}
_OVERLAP_NAMES = {"slashes": "markeret //sådan//", "brackets": "markeret [sådan]"}
_ROLE_NAMES = {
    "informant": "informant",
    "interviewer": "interviewer",
    "organisation": "organisation",
    "other": "anden",
}


@dataclass
class ExportDocument:
    """One transcript ready to print: the turns, their numbered lines and the facts around them."""

    project: Project
    turns: list[TurnView]  # after the hook: the texts every format prints
    lines: list[Line]  # ``layout(turns, settings)``
    settings: LayoutSettings
    level: str
    pseudonymised: bool
    hooked: bool  # a hook rewrote the turns: the stored words must not be printed
    profile: str | None = None  # the export profile (pseudonymise/indirect.py PROFILES), printed when set

    @property
    def heading(self) -> str:
        return appendix_heading(self.project)

    @property
    def provenance(self) -> list[str]:
        return provenance_lines(self)

    @property
    def properties(self) -> dict[str, str]:
        """The file's document information (DOCX core properties, PDF info): what every renderer writes,
        and what the leak check reads along with the lines. No author: an appendix may go to informants.
        Printable and at most 255 characters: Word refuses a longer title."""
        return {
            "title": property_text(self.heading),
            "author": "",
            "subject": "Transskription med linjenumre",
            "keywords": "",
            "comments": "Transkript",
        }


def prepare(
    project: Project,
    *,
    level: str | None = None,
    settings: LayoutSettings | None = None,
    turns_hook: TurnsHook | None = None,
    pseudonymised: bool = False,
    profile: str | None = None,
) -> ExportDocument:
    """The view at ``level`` (default: the project's), through ``turns_hook``, laid out by ``settings``."""
    level = level or project_level(project)
    settings = settings or LayoutSettings()
    view = _printable(transcript_view(project, level))
    turns = view
    if turns_hook is not None:
        turns = _printable(list(turns_hook(view)))  # codes and pseudonyms come from the roster
    # The marks go in after the hook: names are found in the text the decisions were made on.
    turns = marked_turns(view, turns, settings.overlap_marks)
    if not any(turn.text.strip() for turn in turns):
        raise BadInputError(
            "The transcript has no text to export"
            + (f" at the cleanup level “{level}”." if project.segments else " (it has no segments yet).")
        )
    return ExportDocument(
        project=project,
        turns=turns,
        lines=layout(turns, settings),
        settings=settings,
        level=level,
        pseudonymised=pseudonymised,
        hooked=turns_hook is not None,
        profile=profile,
    )


def _printable(turns: list[TurnView]) -> list[TurnView]:
    """The turns with characters no document can hold removed (see ``printable``), before layout."""
    return [
        turn
        if printable(turn.text) is turn.text and printable_or_none(turn.speaker) is turn.speaker
        else dataclasses.replace(turn, text=printable(turn.text), speaker=printable_or_none(turn.speaker))
        for turn in turns
    ]


def citation_code(project: Project) -> str | None:
    """The code citations of this transcript use: the metadata's, else an elite interview's one informant."""
    if project.metadata.citation_code:
        return project.metadata.citation_code
    if project.metadata.kind == "elite":
        informants = [e.code for e in project.roster if e.role == "informant" and e.code]
        if len(informants) == 1:
            return informants[0]
    return None


def appendix_heading(project: Project) -> str:
    """``Bilag 11: Fokusgruppe VK``, ``Bilag 1: Interview med VJ``; without a number ``Interview med VJ``.

    Without a citation code the title stands in (``meta --code`` sets the code).
    """
    meta = project.metadata
    code = citation_code(project)
    if code:
        title = f"Fokusgruppe {code}" if meta.kind == "focus_group" else f"Interview med {code}"
    else:
        title = meta.title or ("Fokusgruppe" if meta.kind == "focus_group" else "Interview")
    return printable(f"Bilag {meta.appendix}: {title}" if meta.appendix is not None else title)


def provenance_lines(document: ExportDocument) -> list[str]:
    """The short block under the heading: when, how long, how it was made, how it is shown.

    Never the model's file path or the initial prompt: both can hold personal
    names (a user folder, the names the researcher expected to hear).
    """
    project = document.project
    lines = []
    if project.metadata.date:
        lines.append(f"Interviewdato: {project.metadata.date}")
    if project.audio.duration:
        lines.append(f"Varighed: {clock_time(project.audio.duration)}")
    lines.append(f"Transskription: {_made_by(project)}")
    speakers = _speakers(document)
    if speakers:
        lines.append(f"Talere: {speakers}")
    lines.append(f"Tekst: {_LEVEL_NAMES.get(document.level, document.level)}")
    lines.append(f"Pseudonymiseret: {'ja' if document.pseudonymised else 'nej'}")
    if document.profile:
        from ..pseudonymise.indirect import PROFILE_NAMES

        lines.append(f"Eksportprofil: {PROFILE_NAMES.get(document.profile, document.profile)}")
    if document.settings.overlap_marks != "none":
        lines.append(f"Overlappende tale: {_OVERLAP_NAMES[document.settings.overlap_marks]}")
    lines.append(
        f"Linjer: {len(document.lines)}, højst {document.settings.width} tegn pr. linje"
        + (", tidsangivelse ved hver replik" if document.settings.timestamps else "")
    )
    return [printable(line) for line in lines]


def _made_by(project: Project) -> str:
    run = project.transcription
    if project.source == "import":
        return "indskrevet tekst (importeret)"
    if run is None:
        return "automatisk (detaljer ikke gemt)"
    options = run.options
    parts = [f"automatisk med {run.backend} {run.library_version}".strip()]
    if run.model.get("name"):
        parts.append(f"model {run.model['name']}")
    parts.append(f"sprog {options.get('language') or 'automatisk'}")
    if options.get("beam_size"):
        parts.append(f"beam {options['beam_size']}")
    if options.get("initial_prompt"):
        parts.append("med ordliste")
    if run.app_version:
        parts.append(f"Transkript {run.app_version}")
    return ", ".join(parts) + ("" if run.status == "complete" else f" (ufærdig: {run.status})")


def _speakers(document: ExportDocument) -> str:
    shown = {turn.speaker for turn in document.turns if turn.speaker and turn.text.strip()}
    roles = {e.code or e.label: e.role for e in document.project.roster if e.label}
    return ", ".join(
        f"{code} ({_ROLE_NAMES.get(roles[code], roles[code])})" if code in roles else code
        for code in sorted(shown, key=lambda c: (roles.get(c) != "interviewer", c))
    )
