"""The appendix a thesis cites: the project's lines exactly as its last appendix export laid them out.

Every citation command reads the lines from here — ``cite``, ``find-quote``, the
manuscript check and the validation package — so they agree with the DOCX, PDF
and TXT appendix line for line. The export records its width, timestamps,
cleanup level and whether it was pseudonymised in ``project.layout``; the
pseudonymised lines are made again from the project's stored decisions, as the
export made them.

What counts as the appendix (``layout.becomes_appendix``): the last
line-numbered export (DOCX, PDF, TXT) — but once a pseudonymised one is
recorded, a plain export is a private copy and never replaces it. So a
validation package or a citation made after a plain export still has the
pseudonymised lines, with the same decisions. Whatever is made from the
appendix for someone else to read passes the leak gate (``Appendix.gate``): a
pseudonymised appendix's output against every roster name and every name the
pseudonymisation replaced; a plain appendix's output (no pseudonymised export
yet) against the roster's names — a package with real names in it is refused,
with the way on (export the appendix pseudonymised first), never sent silently.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from ..cleanup.transcript_view import project_level
from ..errors import BadInputError, TranskriptError
from ..exports.document import ExportDocument, appendix_heading, citation_code, prepare
from ..layout import Line, lines_fingerprint, quote_text, recorded_layout
from ..project.record import Project
from .matching import NearMiss, match_ranges, near_miss, search
from .quotes import parse_quote
from .references import LineRange, format_citation
from .words import WordStream, appendix_words


@dataclass(frozen=True)
class CitedQuote:
    """Lines of the appendix with their citation and the words on them."""

    code: str
    ranges: tuple[LineRange, ...]
    text: str  # the spoken words; "(...)" between ranges

    @property
    def citation(self) -> str:
        return format_citation(self.code, self.ranges)


@dataclass
class QuoteSearch:
    """Where a quote stands: ``places`` (none, one, or several), and a near miss when none."""

    quote: str
    places: list[CitedQuote]
    nearest: NearMiss | None = None

    @property
    def found(self) -> bool:
        """Found exactly once: the quote can be cited."""
        return len(self.places) == 1


@dataclass
class Appendix:
    """A project's appendix as last exported: its numbered lines and how they were made."""

    project: Project
    document: ExportDocument
    recorded: bool  # False: no appendix export recorded yet, the defaults stand in
    names: object | None = field(default=None, repr=False)  # the pseudonymisation result, for leak checks

    @property
    def lines(self) -> list[Line]:
        return self.document.lines

    @property
    def code(self) -> str | None:
        return citation_code(self.project)

    @property
    def heading(self) -> str:
        return appendix_heading(self.project)

    @cached_property
    def words(self) -> WordStream:
        return appendix_words(self.document.turns, self.document.lines)

    @property
    def changed_since_export(self) -> bool:
        """The transcript (or its pseudonymisation) changed after the appendix was exported: the
        lines here may no longer be those of the appendix in the thesis."""
        recorded = self.project.layout.lines_sha256 if self.project.layout is not None else None
        return recorded is not None and recorded != lines_fingerprint(self.lines)

    def describe(self) -> str:
        """``412 lines, 85 characters per line, clean, pseudonymised`` — what a reader needs to compare."""
        document = self.document
        parts = [f"{len(self.lines)} lines", f"{document.settings.width} characters per line"]
        if document.settings.timestamps:
            parts.append("timestamps")
        parts += [document.level, "pseudonymised" if document.pseudonymised else "not pseudonymised"]
        if not self.recorded:
            parts.append("no appendix export recorded, so the defaults")
        return ", ".join(parts)

    def require_code(self) -> str:
        """The citation code; a ``BadInputError`` saying how to set one when there is none."""
        code = self.code
        if not code:
            raise BadInputError(
                "This transcript has no citation code, so its lines cannot be cited. "
                "Give it one with: transcribe-app meta PROJECT --code VJ"
            )
        return code

    def check_ranges(self, ranges: Sequence[LineRange]) -> None:
        """A ``BadInputError`` for a range that runs past the last line."""
        for line_range in ranges:
            if line_range.first < 1:
                raise BadInputError(f"Line numbers start at 1; there is no line {line_range.first}.")
            if line_range.first > line_range.last:
                raise BadInputError(f"The range {line_range.first}-{line_range.last} runs backwards.")
            if line_range.last > len(self.lines):
                raise BadInputError(
                    f"The appendix{self._named()} has {len(self.lines)} lines; "
                    f"line {line_range.last} does not exist."
                )

    def cite(self, ranges: Sequence[LineRange]) -> CitedQuote:
        """The citation of ``ranges`` and the words on those lines."""
        code = self.require_code()
        self.check_ranges(ranges)
        text = " (...) ".join(quote_text(self.lines, r.first, r.last) for r in ranges)
        return CitedQuote(code, tuple(ranges), text)

    def find(self, quote: str, within: Sequence[LineRange] | None = None) -> QuoteSearch:
        """Every place ``quote`` stands; only in the lines ``within``, when given.

        Within given lines an omission ``(...)`` may leave out any number of them (the
        citation bounds it); in the whole appendix at most ``quotes.MAX_OMITTED_WORDS``.
        """
        code = self.require_code()
        pattern = parse_quote(quote)
        stream = self.words
        if within is not None:
            stream = stream.within({n for r in within for n in r.numbers})
        matches = search(stream, pattern, omissions_unbounded=within is not None)
        places = [self._place(code, match_ranges(stream, m)) for m in matches]
        places = list({place.ranges: place for place in places}.values())  # one per citation
        nearest = near_miss(self.words, pattern) if not places and within is None else None
        return QuoteSearch(quote, places, nearest)

    def gate(
        self, text: str, *, allow_leaks: bool = False, output=None, what: str = "cite", leaks=None
    ) -> list:
        """Check an output made from this appendix (``text``, and ``output``'s file name) for real names.

        A pseudonymised appendix: every roster name and every name its pseudonymisation replaced; a plain
        one: the roster's names. Found names stop the output (``AppendixLeakError``, exit 4), unless
        ``allow_leaks``: then it goes on, recorded in the project's audit log (saving is the caller's job).
        ``leaks``: more found by the caller (the quotes as written), gated and recorded with these.
        """
        from ..pseudonymise.outputs import find_output_leaks, gated_text, pass_gate

        found = find_output_leaks(gated_text(text, output), self.project.roster, self.names)
        everything = [*(leaks or []), *found]
        if everything and not allow_leaks:
            raise AppendixLeakError(everything, self, what)
        return pass_gate(
            self.project.pseudonymisation, everything, allow_leaks=allow_leaks, output=output, what=what
        )

    def _place(self, code: str, ranges: tuple[LineRange, ...]) -> CitedQuote:
        text = " (...) ".join(quote_text(self.lines, r.first, r.last) for r in ranges)
        return CitedQuote(code, ranges, text)

    def _named(self) -> str:
        return f" of {self.code}" if self.code else ""


PRINTED = ("cite", "quotes")  # outputs that go to standard output: the commands that print them


class AppendixLeakError(TranskriptError):
    """An output made from the appendix would hold real names; nothing was written or printed."""

    exit_code = 4  # as the export gate

    def __init__(self, leaks: list, appendix: Appendix, what: str):
        self.leaks = leaks
        names = sorted({f"“{leak.found}” ({leak.name}){_where(leak)}" for leak in leaks})
        shown = ", ".join(names[:12]) + (f" and {len(names) - 12} more" if len(names) > 12 else "")
        stopped = "Nothing was printed" if what in PRINTED else f"No {what} was made"
        if appendix.document.pseudonymised:
            why = f"it would hold {len(leaks)} real name(s), though the appendix is pseudonymised: {shown}."
            way = "Replace or reject these in the pseudonymisation review and export the appendix again"
        else:
            why = (
                f"the appendix of {appendix.code or 'this transcript'} is not pseudonymised, and these lines "
                f"hold {len(leaks)} real name(s) from the roster: {shown}."
            )
            way = (
                "Export the appendix pseudonymised first (transcribe-app export PROJECT --pseudonymise "
                "--key KEY.json -o bilag.docx), then try again"
            )
        super().__init__(f"{stopped}: {why}\n{way}, or go on with --allow-leaks (recorded in the audit log).")


def _where(leak) -> str:
    return " in the file name" if leak.context.startswith("file name:") else ""


def open_appendix(project: Project) -> Appendix:
    """The project's appendix as its last line-numbered export laid it out (defaults when none was)."""
    record = project.layout
    level = (record.level if record is not None else None) or project_level(project)
    pseudonymised = record is not None and record.pseudonymised
    profile = record.profile if pseudonymised else None  # its indirect identifiers generalised alike
    pseudonymiser = None
    if pseudonymised:
        from ..pseudonymise.stage import ExportPseudonymiser

        # No key path: only the hook is used, which replaces names as the stored decisions say.
        pseudonymiser = ExportPseudonymiser(project, None, profile=profile)
    document = prepare(
        project,
        level=level,
        settings=recorded_layout(project),
        turns_hook=pseudonymiser.hook if pseudonymiser else None,
        pseudonymised=pseudonymised,
        profile=profile,
    )
    names = pseudonymiser.result if pseudonymiser else None
    return Appendix(project, document, recorded=record is not None, names=names)


def appendix_lines(project: Project) -> list[Line]:
    """The numbered lines of the project's appendix, exactly as its last appendix export laid them out.

    Width, timestamps and cleanup level come from ``project.layout``; a pseudonymised
    appendix is pseudonymised again with the project's stored decisions. Without a
    recorded export: 85 characters, the project's cleanup level (clean unless chosen),
    not pseudonymised — what ``transcribe-app export`` would do.
    """
    return open_appendix(project).lines


def cite(project: Project, first: int, last: int | None = None) -> CitedQuote:
    """``(VJ: 79-80)`` and the words on lines ``first``–``last`` of the appendix."""
    return open_appendix(project).cite((LineRange(first, first if last is None else last),))


def find_quote(project: Project, quote: str) -> QuoteSearch:
    """Every place ``quote`` stands in the project's appendix, each with its citation."""
    return open_appendix(project).find(quote)
