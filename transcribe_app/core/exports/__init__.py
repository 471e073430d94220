"""Exports of a transcript: one pipeline, one renderer per format.

The pipeline (DESIGN.md's data flow, after cleanup):

    transcript_view(level) ──turns_hook──▶ turns ──layout(settings)──▶ numbered lines
        ──renderer──▶ Rendered(data, text) ──check──▶ atomic write

``render_export`` runs everything but the write and returns what would be
written, with ``text``: everything a reader of the file sees, as plain text
(for DOCX and PDF the heading, the provenance block and the numbered lines).
A leak check reads ``text``; ``write_export`` then writes ``data``.
``export_project`` does all of it in one call, with an optional ``check``.

Formats: ``docx``, ``pdf`` and ``txt`` are the line-numbered appendices; the
same layout lines, so line N is the same words in all three. ``srt`` and
``vtt`` are subtitles, ``nvivo`` and ``maxqda`` QDA imports (MAXQDA's also
suits ATLAS.ti), ``plain`` one line per turn, ``json`` for other programs.
The informant and appendix tables are not a transcript export: see
``tables.render_tables``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field

from ..errors import BadInputError
from ..layout import LayoutSettings, Line, becomes_appendix, record_layout
from ..project.record import Project
from . import qda, subtitles, text
from .document import ExportDocument, TurnsHook, prepare
from .files import atomic_write_bytes

__all__ = [
    "APPENDIX_FORMATS",
    "FORMATS",
    "SEVERAL_INTERVIEWS",
    "ExportDocument",
    "LayoutSettings",
    "Rendered",
    "TurnsHook",
    "check_format",
    "export_project",
    "format_for_path",
    "render_export",
    "write_export",
]


def _docx(document: ExportDocument) -> bytes:
    from .word import render_docx  # python-docx is loaded only when a DOCX is made

    return render_docx(document)


def _pdf(document: ExportDocument) -> bytes:
    from .pdf import render_pdf  # reportlab likewise

    return render_pdf(document)


_BINARY: dict[str, Callable[[ExportDocument], bytes]] = {"docx": _docx, "pdf": _pdf}
_TEXT: dict[str, Callable[[ExportDocument], str]] = {
    "txt": text.numbered_text,
    "plain": text.plain_text,
    "json": text.json_text,
    "srt": subtitles.srt_text,
    "vtt": subtitles.vtt_text,
    "nvivo": qda.nvivo_text,
    "maxqda": qda.maxqda_text,
}
FORMATS: tuple[str, ...] = (*_BINARY, *_TEXT)
APPENDIX_FORMATS = ("docx", "pdf", "txt")  # the line-numbered ones; their layout is recorded
# Formats of several interviews at once, each a use case of its own: the thesis tables (``tables``) and
# the REFI-QDA project (``qdpx_export``). Not renderers of one transcript, so not in FORMATS, which the
# window's export dialog and the one-transcript leak tests go over.
SEVERAL_INTERVIEWS = ("tables", "qdpx")
_SUFFIXES = {
    ".docx": "docx",
    ".pdf": "pdf",
    ".txt": "txt",
    ".srt": "srt",
    ".vtt": "vtt",
    ".json": "json",
    ".tsv": "nvivo",
}


@dataclass(frozen=True)
class Rendered:
    """An export ready to write: the file's bytes and the text a reader of it sees."""

    format: str
    data: bytes
    text: str
    document: ExportDocument = field(repr=False)

    @property
    def lines(self) -> list[Line]:
        """The numbered lines (the same for every format of one document)."""
        return self.document.lines


def check_format(fmt: str) -> str:
    """``fmt`` if it is an export format; otherwise a ``BadInputError`` naming those that exist."""
    if fmt not in FORMATS:
        raise BadInputError(f"Unknown export format “{fmt}”. Choose one of: {', '.join(FORMATS)}.")
    return fmt


def format_for_path(path: str | os.PathLike[str]) -> str | None:
    """The format an output file's extension suggests (``.docx`` → docx), or None."""
    return _SUFFIXES.get(os.path.splitext(os.fspath(path))[1].lower())


def render_export(
    project: Project,
    fmt: str,
    *,
    level: str | None = None,
    settings: LayoutSettings | None = None,
    turns_hook: TurnsHook | None = None,
    pseudonymised: bool = False,
    profile: str | None = None,
    document_hook: Callable[[ExportDocument], ExportDocument] | None = None,
) -> Rendered:
    """Everything an export does except writing: the file's bytes and its readable text.

    ``level``: cleanup level (default: the project's). ``settings``: line width and
    timestamps (default 85, off). ``turns_hook``: a callable ``list[TurnView] ->
    list[TurnView]`` applied to the view before layout (see ``document.TurnsHook``);
    the pseudonymisation passes one that replaces names in each turn's ``text``.
    ``pseudonymised`` is what the provenance block says; when a hook is given, the
    JSON export leaves out the stored words, which hold the real ones. ``document_hook``: the laid-out
    document made over before it is printed (one informant's validation copy, ``validation_copy.py``).
    """
    check_format(fmt)
    document = prepare(
        project, level=level, settings=settings, turns_hook=turns_hook, pseudonymised=pseudonymised,
        profile=profile,
    )  # fmt: skip
    if document_hook is not None:
        document = document_hook(document)
    if fmt in _BINARY:
        data = _BINARY[fmt](document)
        # The file's properties (title, author, subject…) are read too: a reader sees them in Word's
        # or the PDF reader's document information, so the leak check must see them.
        properties = [f"{name}: {value}" for name, value in document.properties.items() if value]
        readable = [document.heading, *document.provenance, *_numbered(document.lines), *properties]
        return Rendered(fmt, data, "\n".join(readable) + "\n", document)
    content = _TEXT[fmt](document)
    return Rendered(fmt, content.encode("utf-8"), content.lstrip("\ufeff"), document)


def write_export(rendered: Rendered, out_path: str | os.PathLike[str]) -> None:
    """Write a rendered export atomically: the whole file or nothing (an old file stays intact)."""
    atomic_write_bytes(out_path, rendered.data)


def export_project(
    project: Project,
    fmt: str,
    out_path: str | os.PathLike[str],
    *,
    level: str | None = None,
    settings: LayoutSettings | None = None,
    turns_hook: TurnsHook | None = None,
    pseudonymised: bool = False,
    check: Callable[[Rendered], None] | None = None,
    profile: str | None = None,
    document_hook: Callable[[ExportDocument], ExportDocument] | None = None,
) -> Rendered:
    """Render ``project`` as ``fmt`` and write it to ``out_path`` atomically.

    ``check`` sees the rendered export before anything is written and stops the
    export by raising (a ``TranskriptError`` with the researcher's message), e.g. a
    leak check on ``rendered.text``. After a line-numbered export (docx, pdf, txt)
    the layout, level and pseudonymisation are recorded in ``project.layout``, so
    that citations are later checked against the same lines — unless it is a plain
    export of a project whose recorded appendix is pseudonymised: that is a private
    copy and the appendix stays (``layout.becomes_appendix``). Saving the project is
    the caller's job.
    """
    rendered = render_export(
        project, fmt, level=level, settings=settings, turns_hook=turns_hook, pseudonymised=pseudonymised,
        profile=profile, document_hook=document_hook,
    )  # fmt: skip
    if check is not None:
        check(rendered)
    write_export(rendered, out_path)
    # One informant's validation copy is made from the appendix, never the appendix itself.
    if fmt in APPENDIX_FORMATS and becomes_appendix(project, pseudonymised) and document_hook is None:
        document = rendered.document
        record_layout(
            project,
            document.settings,
            level=document.level,
            pseudonymised=pseudonymised,
            lines=document.lines,
            profile=profile,
        )
    return rendered


def _numbered(lines: list[Line]) -> list[str]:
    return [f"{line.number}\t{line.text}" for line in lines]
