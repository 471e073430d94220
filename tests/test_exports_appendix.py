"""Line-numbered appendices: line N holds the same words in DOCX, PDF and TXT, read back from the files."""

from __future__ import annotations

import dataclasses
import io
import os
import re

import docx
import pytest
from pypdf import PdfReader

from tests.export_fixtures import interview
from transcribe_app.core.errors import BadInputError, TranskriptError
from transcribe_app.core.exports import FORMATS, check_format, export_project, render_export
from transcribe_app.core.exports.document import appendix_heading
from transcribe_app.core.layout import LayoutSettings, lines_fingerprint
from transcribe_app.core.project.record import RosterEntry, TranscriptionRun


@pytest.fixture(scope="module")
def focus_group():
    """A focus group long enough for 1,500 numbered lines even at 100 characters."""
    project = interview(640, seed=7)
    project.metadata.kind, project.metadata.citation_code, project.metadata.appendix = "focus_group", "VK", 11
    return project


def docx_lines(data: bytes) -> list[tuple[int, str]]:
    """(number, text) of every numbered paragraph: "<tab>N<tab>text"."""
    rows = []
    for paragraph in docx.Document(io.BytesIO(data)).paragraphs:
        match = re.fullmatch(r"\t(\d+)\t(.*)", paragraph.text)
        if match:
            rows.append((int(match.group(1)), match.group(2)))
    return rows


def pdf_lines(data: bytes) -> list[tuple[int, str]]:
    """(number, text) from the PDF's text: a line number, then its line (same or next text line)."""
    rows, number = [], None
    for page in PdfReader(io.BytesIO(data)).pages:
        for row in page.extract_text().split("\n"):
            if number is not None:
                rows.append((number, row))
                number = None
                continue
            match = re.fullmatch(r"(\d+)(?: (.+))?", row)
            if match and match.group(2) is None:
                number = int(match.group(1))
            elif match:
                rows.append((int(match.group(1)), match.group(2)))
    return rows


def txt_lines(text: str) -> list[tuple[int, str]]:
    return [
        (int(m.group(1)), m.group(2))
        for m in (re.fullmatch(r" *(\d+)  (.*)", r) for r in text.splitlines())
        if m
    ]


@pytest.mark.parametrize("width", [60, 85, 100])
def test_every_line_has_the_same_number_and_text_in_docx_pdf_and_txt(focus_group, tmp_path, width):
    settings = LayoutSettings(width=width, timestamps=width == 100)
    read = {}
    for fmt in ("docx", "pdf", "txt"):
        out = tmp_path / f"bilag.{fmt}"
        rendered = export_project(focus_group, fmt, out, settings=settings)
        expected = [(line.number, line.text) for line in rendered.lines]
        data = out.read_bytes()
        read[fmt] = {"docx": docx_lines, "pdf": pdf_lines}.get(fmt, lambda d: txt_lines(d.decode()))(data)
    assert len(expected) >= 1500
    assert read["docx"] == expected
    assert read["pdf"] == expected
    assert read["txt"] == expected
    assert max(len(text) for _, text in expected) <= width
    assert any("ø" in text for _, text in expected) and any("å" in text for _, text in expected)


def test_the_appendix_says_what_it_is_and_how_it_was_made(tmp_path):
    project = interview(6)
    project.source = "audio"
    project.transcription = TranscriptionRun(
        backend="faster-whisper",
        model={"name": "large-v3", "path": "/home/vibeke/models/large-v3", "source": "user models folder"},
        options={"language": "da", "beam_size": 5, "initial_prompt": "Vibeke Jensen, Herning Kommune"},
        library_version="1.1.0",
        app_version="0.1.0",
        status="complete",
    )
    rendered = render_export(project, "docx", level="verbatim", pseudonymised=True)
    head = rendered.text.split("\n")[:9]
    assert head[0] == "Bilag 1: Interview med VJ"
    assert "Interviewdato: 2024-03-05" in head
    assert any(h.startswith("Varighed: 0:") for h in head)
    assert any("faster-whisper 1.1.0" in h and "model large-v3" in h and "beam 5" in h for h in head)
    assert "Tekst: ordret (verbatim)" in head and "Pseudonymiseret: ja" in head
    assert "Talere: I (interviewer), VJ (informant)" in head
    # Neither the model's folder (a user name) nor the prompt (names) is printed.
    assert "/home/vibeke" not in rendered.text and "Herning" not in rendered.text
    document = docx.Document(io.BytesIO(rendered.data))
    assert document.paragraphs[0].text == "Bilag 1: Interview med VJ"
    assert document.paragraphs[0].style.name == "Heading 1"
    assert document.core_properties.author == "" and document.core_properties.title == head[0]


@pytest.mark.parametrize(
    ("kind", "code", "appendix", "title", "expected"),
    [
        ("elite", "VJ", 1, "x", "Bilag 1: Interview med VJ"),
        ("focus_group", "VK", 11, "x", "Bilag 11: Fokusgruppe VK"),
        ("elite", "MSS", None, "x", "Interview med MSS"),
        ("focus_group", None, 3, "Fokusgruppe i Herning", "Bilag 3: Fokusgruppe i Herning"),
    ],
)
def test_the_heading_comes_from_the_metadata(kind, code, appendix, title, expected):
    project = interview(2)
    meta = project.metadata
    meta.kind, meta.citation_code, meta.appendix, meta.title = kind, code, appendix, title
    assert appendix_heading(project) == expected


def test_an_elite_interview_without_a_code_takes_its_informants():
    project = interview(2)
    project.metadata.citation_code = None
    assert appendix_heading(project) == "Bilag 1: Interview med VJ"
    project.roster.append(RosterEntry(label="S3", code="MSS", role="informant"))
    assert appendix_heading(project) == "Bilag 1: Interview 1"  # two informants: no guess, the title


def test_docx_lines_are_single_paragraphs_with_the_number_as_text_and_no_spacing():
    rendered = render_export(interview(30), "docx")
    document = docx.Document(io.BytesIO(rendered.data))
    numbered = [p for p in document.paragraphs if p.text.startswith("\t")]
    assert len(numbered) == len(rendered.lines)
    style = numbered[0].style
    assert style.paragraph_format.space_before == 0 and style.paragraph_format.space_after == 0
    assert style.paragraph_format.first_line_indent < 0  # hanging: a wrapped overflow stays under the text
    assert [r.bold or r.style.font.bold for r in numbered[0].runs[1:2]] == [True]  # the speaker code
    assert "lnNumType" not in document.sections[0]._sectPr.xml  # not Word's own line numbering


def test_pdf_embeds_a_font_with_danish_letters_and_numbers_its_pages():
    rendered = render_export(interview(120), "pdf")
    reader = PdfReader(io.BytesIO(rendered.data))
    fonts = [font.get_object() for page in reader.pages for font in page["/Resources"]["/Font"].values()]
    assert any("DejaVuSans" in f["/BaseFont"] for f in fonts)
    assert all(
        "/FontFile2" in f["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        for f in fonts
        if "/DescendantFonts" in f
    )
    pages = len(reader.pages)
    assert pages > 1
    assert f"Side {pages} af {pages}" in reader.pages[-1].extract_text()


def _pseudonymise(turns):
    return [dataclasses.replace(t, text=t.text.replace("Aarhus", "[Kommune 1]")) for t in turns]


def test_a_hook_rewrites_the_turns_of_every_format_and_the_text_shows_what_is_written():
    project = interview(200, seed=3)
    assert "Aarhus" in render_export(project, "txt").text  # the fixture mentions Aarhus Kommune
    for fmt in FORMATS:
        rendered = render_export(project, fmt, turns_hook=_pseudonymise, pseudonymised=True)
        assert "Aarhus" not in rendered.text, fmt
        if fmt not in ("docx", "pdf"):
            assert "Aarhus" not in rendered.data.decode("utf-8"), fmt
        assert "[Kommune 1]" in rendered.text, fmt
    assert '"words"' not in render_export(project, "json", turns_hook=_pseudonymise).text


def test_a_check_that_refuses_leaves_an_existing_file_untouched(tmp_path):
    out = tmp_path / "bilag.docx"
    out.write_bytes(b"the appendix sent to the supervisor")

    def refuse(rendered):
        raise TranskriptError("A name is still in the export.")

    project = interview(6)
    with pytest.raises(TranskriptError, match="still in the export"):
        export_project(project, "docx", out, check=refuse)
    assert out.read_bytes() == b"the appendix sent to the supervisor"
    assert project.layout is None  # nothing exported, nothing recorded


def test_a_write_that_fails_halfway_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch):
    out = tmp_path / "bilag.pdf"
    out.write_bytes(b"old")

    def full_disk(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(TranskriptError, match="disk is full"):
        export_project(interview(6), "pdf", out)
    assert out.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bilag.pdf"]


def test_unknown_formats_and_empty_transcripts_are_refused_clearly():
    with pytest.raises(BadInputError, match="Choose one of: docx, pdf"):
        check_format("odt")
    project = interview(2)
    project.segments = []
    with pytest.raises(BadInputError, match="no text to export"):
        render_export(project, "txt")


def test_an_appendix_export_records_its_layout_and_others_do_not(tmp_path):
    project = interview(6)
    export_project(project, "srt", tmp_path / "a.srt", settings=LayoutSettings(60))
    assert project.layout is None
    rendered = export_project(
        project, "pdf", tmp_path / "a.pdf", settings=LayoutSettings(60), level="verbatim"
    )
    recorded = {"width": 60, "timestamps": False, "level": "verbatim", "pseudonymised": False}
    assert project.layout.to_dict() == {**recorded, "lines_sha256": lines_fingerprint(rendered.lines)}


def test_a_missing_font_file_is_reported_not_a_crash(tmp_path, monkeypatch):
    from transcribe_app.core.exports import pdf

    monkeypatch.setattr(pdf, "resource_path", lambda *parts: tmp_path.joinpath(*parts))
    pdf._register_fonts.cache_clear()
    try:
        with pytest.raises(TranskriptError, match="font file .* is missing or damaged"):
            render_export(interview(2), "pdf")
    finally:
        pdf._register_fonts.cache_clear()
