"""One export of a transcript, pseudonymised or not: what ``transcribe-app export`` and the window's
export dialog both run.

    outcome = export_transcript(project, ExportRequest("docx", Path("bilag7.docx"), pseudonymise=True,
                                                       key=Path("vj.key.json")))

The steps: the layout settings (those asked for, else those of the last appendix),
the pseudonymisation hook and its check (``ExportPseudonymiser``: the leak gate, then
the key), the export pipeline (``export_project``: render, check, atomic write, the
appendix layout recorded) — or, for standard output, the same without the write, the
text handed back for the caller to print.

The save rule (DESIGN.md): this changes the project in memory only — the recorded
layout, a pseudonymised export's audit entries, and the decisions that accepting the
review stores — and says so in the outcome (``changed``); the caller saves (the CLI
with ``save_project``; the window brings the changes into its session with
``apply_export``). When the leak gate stops the export, nothing is written and
``ExportStopped`` (a ``LeakError``, exit 4) lists each hit with the appendix line it
stands on.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import BadInputError
from ..layout import LayoutSettings, becomes_appendix, recorded_layout
from ..project.record import Project
from ..pseudonymise.gate import Leak, LeakError
from . import APPENDIX_FORMATS, Rendered, check_format, export_project, render_export

STANDARD_OUTPUT = "standard output"  # as the leak gate names it (pseudonymise/outputs.py)
_BINARY_FORMATS = ("docx", "pdf")


@dataclass(frozen=True)
class ExportRequest:
    """What to export, where to, and how.

    ``output`` None: standard output (the text comes back in ``ExportOutcome.text``).
    ``width``/``timestamps`` None: as the project's last appendix, else the defaults.
    ``key``: where a pseudonymised export's key goes (needed for a file; optional for
    standard output). ``allow_leaks``: go on past the leak gate, on record.
    """

    fmt: str
    output: Path | None = None
    level: str | None = None
    width: int | None = None
    timestamps: bool | None = None
    pseudonymise: bool = False
    key: Path | None = None
    accept_review: bool = False
    allow_leaks: bool = False
    profile: str | None = None  # appendix, validation, archive: what becomes of indirect identifiers
    informant: str | None = None  # whose validation copy (profile validation; default: the one informant)
    overlap_marks: str | None = None  # none, slashes, brackets; None: as the project's last appendix

    def check(self) -> None:
        """A ``BadInputError`` for a request that cannot be honoured as asked."""
        check_format(self.fmt)
        if self.output is None and self.fmt in _BINARY_FORMATS:
            raise BadInputError(f"A {self.fmt.upper()} file cannot be printed; give an output file.")
        if not self.pseudonymise and (self.key is not None or self.accept_review or self.allow_leaks):
            raise BadInputError(
                "A key, accepting the review unseen and letting names through belong to a pseudonymised "
                "export."
            )
        if self.profile is not None:
            from ..pseudonymise.indirect import check_profile

            check_profile(self.profile)
            if not self.pseudonymise:
                raise BadInputError("An export profile is for a pseudonymised export: add --pseudonymise.")
        if self.profile == "validation" and self.fmt not in APPENDIX_FORMATS:
            raise BadInputError(
                "A validation copy is the appendix as one informant may read it, with the appendix's line "
                f"numbers: export it as {', '.join(sorted(APPENDIX_FORMATS))}, not {self.fmt}."
            )
        if self.informant is not None and self.profile != "validation":
            raise BadInputError(
                "--informant says whose validation copy it is: it goes with --profile validation."
            )
        if self.pseudonymise and self.key is None and self.output is not None:
            raise BadInputError(
                "A pseudonymised export needs a key file: the file that links codes to real names, kept "
                "apart from the export."
            )

    def settings_for(self, project: Project) -> LayoutSettings:
        """The layout: what the request says, the rest as the project's last appendix."""
        recorded = recorded_layout(project)
        return LayoutSettings(
            width=self.width if self.width is not None else recorded.width,
            timestamps=self.timestamps if self.timestamps is not None else recorded.timestamps,
            overlap_marks=self.overlap_marks if self.overlap_marks is not None else recorded.overlap_marks,
        )


@dataclass
class ExportOutcome:
    """What an export did; ``changed``: the project changed in memory and must be saved."""

    request: ExportRequest
    written: list[Path] = field(default_factory=list)  # the export, then the key
    text: str | None = None  # the export's text, when it goes to standard output
    lines: int | None = None  # numbered lines of an appendix format (docx, pdf, txt)
    appendix: bool = False  # this export became the project's appendix (its layout recorded)
    key: Path | None = None  # the key written
    leaks: int = 0  # names let through the gate, as asked (``allow_leaks``), on record
    layout: Any = None  # the project's recorded appendix layout after the export (a copy)
    layout_changed: bool = False
    decisions: list = field(default_factory=list)  # added to the pseudonymisation (accepting the review)
    audit: list = field(default_factory=list)  # audit entries added

    @property
    def fmt(self) -> str:
        return self.request.fmt

    @property
    def path(self) -> Path | None:
        return self.request.output

    @property
    def changed(self) -> bool:
        return self.layout_changed or bool(self.decisions) or bool(self.audit)


@dataclass
class LeakRow:
    """One hit of the gate as a person reads it: the line it stands on, the words, whose name."""

    line: int  # the appendix line (``appendix``) or the line of the exported file
    appendix: bool
    found: str
    name: str
    context: str


class ExportStopped(LeakError):
    """The leak gate stopped the export: nothing was written. ``rows``: the hits, by appendix line."""

    def __init__(self, leaks: list[Leak], rendered: Rendered | None):
        super().__init__(leaks)
        self.rendered = rendered
        self.rows = leak_rows(leaks, rendered)


def export_transcript(project: Project, request: ExportRequest) -> ExportOutcome:
    """Export ``project`` as ``request`` says; changes the project in memory only (the caller saves)."""
    request.check()
    settings = request.settings_for(project)
    logs_before, layout_before = _log_sizes(project), copy.deepcopy(project.layout)
    pseudonymiser = _pseudonymiser(project, request)
    options: dict[str, Any] = dict(level=request.level, settings=settings, turns_hook=None)
    options["pseudonymised"] = pseudonymiser is not None
    options["profile"] = request.profile
    if pseudonymiser is not None:
        options["turns_hook"] = pseudonymiser.hook
    if request.profile == "validation":
        options.update(_validation_options(project, request))
    outcome = ExportOutcome(request)
    rendered = _export(project, request, options, pseudonymiser, outcome)
    if request.fmt in APPENDIX_FORMATS:
        outcome.lines = len(rendered.lines)
    if pseudonymiser is not None:
        outcome.leaks = len(pseudonymiser.leaks)
        if request.key is not None:
            outcome.key = request.key
            outcome.written.append(request.key)
    outcome.layout = copy.deepcopy(project.layout)
    outcome.layout_changed = project.layout != layout_before
    outcome.decisions, outcome.audit = _log_since(project, *logs_before)
    return outcome


def _pseudonymiser(project: Project, request: ExportRequest):
    """The hook that replaces names and the check that gates and writes the key; None when not asked."""
    if not request.pseudonymise:
        return None
    from ..pseudonymise.stage import ExportPseudonymiser

    profile = request.profile
    if profile == "validation":  # the informant's own lines as the appendix prints them: its profile
        record = project.layout
        profile = record.profile if record is not None and record.pseudonymised else None
        profile = None if profile == "validation" else profile
    return ExportPseudonymiser(
        project, request.key, accept_review=request.accept_review, allow_leaks=request.allow_leaks,
        profile=profile,
    )  # fmt: skip


def _validation_options(project: Project, request: ExportRequest) -> dict:
    """One informant's validation copy (``validation_copy.py``): laid out as the appendix (its cleanup
    level unless another is asked for), then every line that is not theirs made over; never recorded as
    the appendix."""
    from .validation_copy import validation_document, whose_copy

    informant = whose_copy(project, request.informant)
    record = project.layout
    level = request.level or (record.level if record is not None else None)
    return {"level": level, "document_hook": lambda document: validation_document(document, informant)}


def _export(project: Project, request: ExportRequest, options: dict, pseudonymiser, outcome) -> Rendered:
    """Render, check and write (or keep the text for standard output); a stop at the gate becomes
    ``ExportStopped`` with the hits by appendix line."""
    gate = _Gate(pseudonymiser.check(request.output or STANDARD_OUTPUT) if pseudonymiser else None)
    try:
        if request.output is None:
            rendered = render_export(project, request.fmt, **options)
            gate(rendered)
            outcome.text = rendered.text
            return rendered
        # A validation copy is laid out as the appendix but never recorded as it (export_project's hook).
        appendix = (
            request.fmt in APPENDIX_FORMATS
            and request.profile != "validation"
            and becomes_appendix(project, request.pseudonymise)
        )
        rendered = export_project(project, request.fmt, request.output, check=gate, **options)
    except LeakError as error:
        raise ExportStopped(error.leaks, gate.rendered) from None
    outcome.appendix = appendix
    outcome.written.append(request.output)
    return rendered


def apply_export(project: Project, outcome: ExportOutcome) -> None:
    """Bring what an export did on a copy of ``project`` into ``project`` itself: its new decisions and
    audit entries, and the appendix layout it recorded (the window exports on a light copy)."""
    _add_to_logs(project, outcome.decisions, outcome.audit)
    if outcome.layout_changed:
        project.layout = copy.deepcopy(outcome.layout)


# -- the pseudonymisation's logs ---------------------------------------------------------------------


def _add_to_logs(project: Project, decisions: list, audit: list) -> None:
    """Copies of ``decisions`` and ``audit`` entries at the end of the project's logs (a log is made
    only when something goes into it: an untouched project's file stays as it was)."""
    state = project.pseudonymisation
    for decision in decisions:
        state.add_decision(copy.deepcopy(decision))
    for entry in audit:
        state.add_audit_entry(copy.deepcopy(entry))


def _log_sizes(project: Project) -> tuple[int, int]:
    state = project.pseudonymisation
    return len(state.decisions), len(state.audit)


def _log_since(project: Project, decisions: int, audit: int) -> tuple[list, list]:
    """Copies of the decisions and audit entries added after the logs were ``decisions``/``audit`` long."""
    state = project.pseudonymisation
    return copy.deepcopy(state.decisions[decisions:]), copy.deepcopy(state.audit[audit:])


# -- the gate's hits as lines of the appendix ------------------------------------------------------


class _Gate:
    """The pseudonymiser's check (or none), keeping what it saw: the hit list needs the rendered lines."""

    def __init__(self, check):
        self._check = check
        self.rendered: Rendered | None = None

    def __call__(self, rendered: Rendered) -> None:
        self.rendered = rendered
        if self._check is not None:
            self._check(rendered)


def leak_rows(leaks: list[Leak], rendered: Rendered | None) -> list[LeakRow]:
    """The gate's hits with the appendix line each stands on, where the export is an appendix."""
    printed = rendered.text.split("\n") if rendered is not None else []
    rows = []
    for leak in leaks:
        number = _appendix_line(printed, leak.line, rendered)
        context = rendered.lines[number - 1].text if number is not None else leak.context
        rows.append(LeakRow(number or leak.line, number is not None, leak.found, leak.name, context))
    return rows


def _appendix_line(printed: list[str], line: int, rendered: Rendered | None) -> int | None:
    """An appendix prints each layout line as its number, then the line: find which one this is."""
    if rendered is None or rendered.format not in APPENDIX_FORMATS or not 0 < line <= len(printed):
        return None
    text = printed[line - 1]
    for candidate in rendered.lines:
        if text.endswith(candidate.text) and text[: -len(candidate.text)].strip() == str(candidate.number):
            return candidate.number
    return None
