"""Appendices that hold in every reader: a numbered line never wraps, nothing runs off the page.

The DOCX is laid out by the reader (Word, LibreOffice) in whatever font it has; the tests
measure with the font metrics the layout uses, and then let a real reader (LibreOffice
headless, without Calibri, Carlito, Arial or any of Arial's twins) lay the DOCX out and
check every body line of the rendered pages. The PDF is read back with the position of
every piece of text.
"""

from __future__ import annotations

import io
import re
import subprocess
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics

from tests.export_fixtures import interview
from tests.reader_fixtures import (
    fallback_for,
    hiding_fontconfig,
    read_body_lines,
    reader_missing,
    render_with_libreoffice,
)
from transcribe_app.core.cleanup.transcript_view import TurnView
from transcribe_app.core.exports import export_project, render_export
from transcribe_app.core.exports.document import prepare
from transcribe_app.core.exports.pdf import _register_fonts
from transcribe_app.core.exports.word import render_docx
from transcribe_app.core.layout import (
    DOCX_SLACK,
    PAGE,
    LayoutSettings,
    Typeface,
    docx_typeface,
    layout,
    line_width,
    pdf_typeface,
    text_width,
)
from transcribe_app.core.project.record import TranscriptionRun

# -- the measure ---------------------------------------------------------------------------


def _turns(texts: list[str]) -> list[TurnView]:
    return [
        TurnView(speaker="VJ" if i % 2 else "I", start=i * 5.0, end=None, words=[], tokens=[], text=t)
        for i, t in enumerate(texts)
    ]


def test_arial_is_measured_where_it_is_wider_than_dejavu_sans():
    # "J" is 0.5 em in Arial and 0.29 em in DejaVu Sans: a line of capitals must be measured in Arial.
    assert text_width("JJJJ", 10) == pytest.approx(20.0, abs=0.05)
    assert text_width("JJJJ", 10, with_arial=False) < 12
    # "m" is wider in DejaVu Sans, and stays so measured.
    assert text_width("mmmm", 10) == pytest.approx(text_width("mmmm", 10, with_arial=False))


_LETTERS = st.text(
    alphabet=st.sampled_from("aeimnrstwøåæAJMPWYÆØÅ@§—„“0123456789.,!? "), min_size=1, max_size=400
)


@settings(max_examples=40, deadline=None)
@given(texts=st.lists(_LETTERS, min_size=1, max_size=6), width=st.integers(30, 200), timestamps=st.booleans())
def test_every_line_fits_its_column_with_slack_at_the_docx_size_and_exactly_at_the_pdf_size(
    texts, width, timestamps
):
    lines = layout(_turns(texts), LayoutSettings(width=width, timestamps=timestamps))
    if not lines:
        return
    docx, pdf = docx_typeface(lines), pdf_typeface(lines)
    assert docx.family == "Arial" and pdf.family == "DejaVu Sans"
    for line in lines:
        assert line_width(line, docx.size) * (1 + DOCX_SLACK) <= PAGE.column_pt + 1e-6
        assert line_width(line, pdf.size, with_arial=False) <= PAGE.column_pt + 1e-6
    digits = "0" * len(str(lines[-1].number))
    for typeface in (docx, pdf):
        assert text_width(digits, typeface.number_size) <= PAGE.number_room_pt + 1e-6
        assert typeface.number_size <= typeface.size


def test_the_default_width_keeps_a_readable_size():
    document = prepare(interview(40, seed=3), settings=LayoutSettings())
    assert docx_typeface(document.lines).size >= 8.5
    assert pdf_typeface(document.lines).size >= 9


# -- the DOCX as a reader sees it --------------------------------------------------------


def _docx_xml(data: bytes, part: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(part).decode("utf-8")


def test_the_docx_asks_for_arial_everywhere_left_aligned_on_the_pdfs_a4_page():
    data = render_export(interview(6), "docx").data
    styles = _docx_xml(data, "word/styles.xml")
    assert "Theme" not in "".join(re.findall(r"<w:rFonts [^>]*>", styles))  # no theme font wins
    assert set(re.findall(r'w:ascii="([^"]+)"', styles)) == {"Arial"}
    line_style = re.search(r'<w:style [^>]*w:styleId="Transkriptlinje".*?</w:style>', styles, re.S).group()
    assert '<w:jc w:val="left"/>' in line_style and "<w:suppressAutoHyphens/>" in line_style
    # The properties stand in the order Word insists on.
    assert line_style.index("suppressAutoHyphens") < line_style.index("<w:spacing")
    document = _docx_xml(data, "word/document.xml")
    size = re.search(r'<w:pgSz w:w="(\d+)" w:h="(\d+)"', document)
    margins = re.search(r'<w:pgMar w:top="(\d+)" w:right="(\d+)" w:bottom="(\d+)" w:left="(\d+)"', document)
    twips = 1440 / 25.4
    assert [int(v) for v in size.groups()] == [round(210 * twips), round(297 * twips)]
    top, right, bottom, left = (int(v) / twips for v in margins.groups())
    assert (top, right, bottom, left) == pytest.approx((PAGE.top, PAGE.side, PAGE.bottom, PAGE.side), abs=0.1)


needs_reader = pytest.mark.skipif(reader_missing() is not None, reason=f"no real reader: {reader_missing()}")


@pytest.fixture(scope="module")
def hidden_fonts(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fonts")
    config = hiding_fontconfig(folder)
    return config


@needs_reader
@pytest.mark.parametrize("width, timestamps", [(60, False), (85, False), (85, True), (110, False)])
def test_libreoffice_without_arial_or_calibri_numbers_every_rendered_line(
    hidden_fonts, tmp_path, width, timestamps
):
    # The fallback is the widest common one, DejaVu Sans, where it is installed; never a twin of Arial.
    fallback = fallback_for("Arial", hidden_fonts)
    assert fallback not in ("Arial", "Liberation Sans", "Arimo", "Nimbus Sans")
    if fallback_for("DejaVu Sans", hidden_fonts) == "DejaVu Sans":
        assert fallback == "DejaVu Sans"
    project = interview(50, seed=5)
    docx = tmp_path / "bilag.docx"
    settings = LayoutSettings(width=width, timestamps=timestamps)
    rendered = export_project(project, "docx", docx, settings=settings)
    read = read_body_lines(render_with_libreoffice(docx, tmp_path, hidden_fonts))
    assert read.unnumbered == []
    assert read.numbered == [line.number for line in rendered.lines]


@needs_reader
@pytest.mark.parametrize("fonts", ["system", "hidden"])
def test_lines_of_capitals_stand_whole_where_arial_is_wider_than_dejavu_sans(hidden_fonts, tmp_path, fonts):
    # Capitals such as J and P are wider in Arial (and Liberation Sans) than in DejaVu Sans: the
    # measure takes the wider, so a line of them fits in either. (Measured in DejaVu Sans alone, the
    # lines wrap in LibreOffice with Liberation Sans, the system fonts here.)
    project = interview(30, seed=8)
    shout = {ord(c): "JJP"[i % 3] for i, c in enumerate("abcdefghijklmnopqrstuvwxyzæøå")}
    for segment in project.segments:
        segment.text = segment.text.translate(shout)
        for word in segment.words:
            word.text = word.text.translate(shout)
    docx = tmp_path / "store.docx"
    rendered = export_project(project, "docx", docx, settings=LayoutSettings(width=85))
    config = hidden_fonts if fonts == "hidden" else None
    read = read_body_lines(render_with_libreoffice(docx, tmp_path, config))
    assert read.unnumbered == []
    assert read.numbered == [line.number for line in rendered.lines]


@needs_reader
def test_the_reader_check_sees_the_lines_calibri_sized_by_characters_wrapped(hidden_fonts, tmp_path):
    # The layout before issue 19 (Calibri at 10.5 pt for 85 characters) falls back to DejaVu Sans here
    # and wraps numbered lines: the check above would fail on it.
    document = prepare(interview(50, seed=5), settings=LayoutSettings(width=85))
    docx = tmp_path / "calibri.docx"
    docx.write_bytes(render_docx(document, Typeface("Calibri", 10.5, 9.0)))
    read = read_body_lines(render_with_libreoffice(docx, tmp_path, hidden_fonts))
    assert read.wrapped > 0


@needs_reader
def test_the_pdf_read_back_by_poppler_numbers_every_line(tmp_path):
    project = interview(50, seed=5)
    pdf = tmp_path / "bilag.pdf"
    rendered = export_project(project, "pdf", pdf, settings=LayoutSettings(width=100))
    read = read_body_lines(pdf)
    assert read.unnumbered == []
    assert read.numbered == [line.number for line in rendered.lines]
    assert subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True).returncode == 0


# -- the PDF: nothing outside the margins ------------------------------------------------


def _placed_text(data: bytes) -> list[tuple[int, str, float, float, float]]:
    """(page, text, left, right, baseline) of every piece of text on every page."""
    _register_fonts()
    placed = []
    for number, page in enumerate(PdfReader(io.BytesIO(data)).pages, start=1):
        pieces = []

        def visit(text, cm, tm, font, size, pieces=pieces):
            if text.strip() and font is not None:
                pieces.append((text.rstrip("\n"), tm[4], tm[5], font["/BaseFont"].split("+")[-1], size))

        page.extract_text(visitor_text=visit)
        previous = None  # (reported x, y, right end) of the piece before
        for text, x, y, font, size in pieces:
            reported = x
            # Pieces of one text object (a bold code, then the words) report the object's start.
            if previous is not None and previous[:2] == (x, y):
                x = previous[2]
            right = x + pdfmetrics.stringWidth(text, font, size)
            placed.append((number, text, x, right, y))
            previous = (reported, y, right)
    return placed


def test_every_piece_of_text_in_the_pdf_stands_inside_the_margins():
    project = interview(30, seed=2)
    project.metadata.title = "Et meget langt interview " * 12 + "Overborgmesterkontorsfuldmægtigassistent" * 3
    project.metadata.citation_code = None  # the title becomes the heading
    project.metadata.kind = "interview"
    project.transcription = TranscriptionRun(
        backend="faster-whisper",
        library_version="1.1.1 med en meget lang versionsangivelse " * 4,
        model={"name": "large-v3-turbo-med-et-meget-langt-navn-" * 3},
        options={"language": "da", "beam_size": 5, "initial_prompt": "x"},
        app_version="0.1.0",
        status="complete",
    )
    data = render_export(project, "pdf", settings=LayoutSettings(width=200, timestamps=True)).data
    placed = _placed_text(data)
    width, height = A4
    left, right = PAGE.side * mm, width - PAGE.side * mm
    assert any("Transskription" in text for _, text, *_ in placed)
    outside = [(page, text[:30], round(x0), round(x1)) for page, text, x0, x1, _ in placed
               if x0 < left - 0.01 or x1 > right + 0.01]
    assert outside == []
    assert all(0 < y < height for *_, y in placed)
    # The provenance line was wrapped, not cut: all its words are on the page.
    words = " ".join(text for page, text, *_ in placed if page == 1)
    assert "Transkript 0.1.0" in words


@needs_reader
def test_the_validation_packages_lines_stand_whole_in_libreoffice_without_arial(hidden_fonts, tmp_path):
    from tests.citation_fixtures import exported_as, talk_interview
    from transcribe_app.core.citations import open_appendix, validation_pack

    project = exported_as(talk_interview(40, seed=11), width=100, level="verbatim")
    lines = open_appendix(project).lines
    pack = tmp_path / "pakke.docx"
    pack.write_bytes(validation_pack(project, ["20-22", "40-41"], context=3))
    rows = subprocess.run(
        ["pdftotext", "-layout", str(render_with_libreoffice(pack, tmp_path, hidden_fonts)), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    shown = [*range(17, 26), *range(37, 45)]  # the quoted lines with three of context each side
    for number in shown:
        line = lines[number - 1]
        row = next((r for r in rows if r.split(maxsplit=1)[:1] == [str(number)]), None)
        assert row is not None, number
        # The whole line stands on its numbered row: its last word did not wrap onto the next.
        assert row.rstrip().endswith(line.body.split()[-1]), (number, row)
