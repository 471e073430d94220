"""A thesis cites more than interviews: codes alone, mixed references, and documents by page.

``(HEK: 980-986; HOK)`` and ``(AMM; KDL; SK)`` are read and checked part by part;
``(MSB1: 26; MSB2: 4)`` cites pages of documents listed with ``--sources``, checked
against the document when it has a file (a PDF, a DOCX with Word's page breaks).
"""

from __future__ import annotations

import json
import shutil

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from tests.citation_fixtures import exported_as, talk_interview, write_manuscript
from transcribe_app.cli import main
from transcribe_app.core.citations import (
    NO_SUCH_RANGE,
    NOT_FOUND,
    OK,
    UNKNOWN_CODE,
    WRONG_LINES,
    LineRange,
    check_manuscript,
    find_citations,
    open_appendix,
    parse_citation,
    report_line,
    summary,
)
from transcribe_app.core.citations.check import as_json
from transcribe_app.core.citations.sources import read_pages, read_sources
from transcribe_app.core.errors import BadInputError
from transcribe_app.core.project.file import save_project
from transcribe_app.core.study.record import StudyInterview, load_study, save_study

PAGE_TWO = (
    "Borgernes forløb skal være sammenhængende og tage udgangspunkt i den enkeltes behov og ressourcer."
)
PAGE_THREE = "Kommunen evaluerer indsatsen hvert andet år sammen med de faglige organisationer."
DOCX_PAGE_TWO = (
    "Jobcentret samarbejder med virksomhederne om praktikpladser for ledige borgere i hele regionen."
)


# -- reading ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written, expected",
    [
        ("(HEK: 980-986; HOK)", [("HEK", [(980, 986)]), ("HOK", [])]),
        ("(AMM; KDL; SK)", [("AMM", []), ("KDL", []), ("SK", [])]),
        ("(MSB1: 26; MSB2: 4)", [("MSB1", [(26, 26)]), ("MSB2", [(4, 4)])]),
        ("(HOK; MSS: 149–151; 181-185)", [("HOK", []), ("MSS", [(149, 151), (181, 185)])]),
        ("(SK: 320-321; HOK: 452-456)", [("SK", [(320, 321)]), ("HOK", [(452, 456)])]),
    ],
)
def test_mixed_references_and_codes_alone_are_read_part_by_part(written, expected):
    (citation,) = find_citations(f"Som det siges {written}.")
    assert [(r.code, [(x.first, x.last) for x in r.ranges]) for r in citation.references] == expected
    assert citation.written == written


def test_codes_alone_count_only_when_one_of_them_is_known():
    text = "Både (EU; OECD) og (DK) peger på det, ligesom (AMM; KDL) og (HOK) og (XY; KDL)."
    known = {"AMM", "KDL", "HOK"}
    found = find_citations(text, known=lambda code: code in known)
    assert [c.written for c in found] == ["(AMM; KDL)", "(HOK)", "(XY; KDL)"]


_CITATIONISH = st.text(alphabet=st.sampled_from("(); :,-–—0123456789ABCHKOSMæøå \n„“."), max_size=80)


@settings(max_examples=400, deadline=None)
@given(text=st.one_of(_CITATIONISH, st.text(max_size=120)))
def test_any_text_is_read_without_a_crash(text):
    for citation in find_citations(text, known=lambda code: code.isupper()):
        assert citation.written == text[citation.start : citation.end]
        assert citation.references and all(r.code for r in citation.references)
        assert parse_citation(citation.written).references == citation.references
    try:
        parse_citation(text)  # a whole citation, or a sentence saying it is none
    except BadInputError as error:
        assert "is not a citation" in str(error)


# -- sources -------------------------------------------------------------------------------


def _pdf(path, pages: list[str]):
    canvas = Canvas(str(path), pagesize=A4)
    for text in pages:
        canvas.setFont("Helvetica", 10)
        text_object = canvas.beginText(50, 780)
        words, line = text.split(), ""
        for word in words:  # a few lines, so that the quote runs across a line break
            if len(line) + len(word) > 50:
                text_object.textLine(line)
                line = ""
            line = f"{line} {word}".strip()
        text_object.textLine(line)
        canvas.drawText(text_object)
        canvas.showPage()
    canvas.save()
    return path


def _docx_with_pages(path, pages: list[str]):
    document = docx.Document()
    for number, text in enumerate(pages):
        if number:
            document.add_page_break()
        document.add_paragraph(text)
    document.save(str(path))
    return path


@pytest.fixture
def study(tmp_path):
    """A study folder: two interview projects, two documents with files, one without, and the list."""
    folder = tmp_path / "studie"
    (folder / "kilder").mkdir(parents=True)
    vj = exported_as(talk_interview(50, seed=11), width=85, level="verbatim")
    hok = exported_as(talk_interview(30, seed=12, code="HOK"), width=70, level="clean")
    save_project(vj, folder / "vj.transkript.json")
    save_project(hok, folder / "hok.transkript.json")
    _pdf(folder / "kilder" / "strategi.pdf", ["Forside", PAGE_TWO, PAGE_THREE])
    _docx_with_pages(folder / "kilder" / "notat.docx", ["Indledning", DOCX_PAGE_TWO])
    (folder / "sources.csv").write_text(
        "code,title,path\n"
        "MSB1,Beskæftigelsesstrategi 2020,kilder/strategi.pdf\n"
        "MSB2,Notat om praktik,kilder/notat.docx\n"
        "MSB3,Referat (kun på papir),\n",
        encoding="utf-8",
    )
    return folder, {"VJ": vj, "HOK": hok}


def _thesis(folder, projects):
    vj = open_appendix(projects["VJ"])
    cited = vj.cite([LineRange(10, 11)])
    elsewhere = vj.cite([LineRange(30, 31)])
    blocks_and_expected = [
        (f"Hun siger: „{cited.text}“ {cited.citation}.", OK, None),
        (f"Strategien lover: „{PAGE_TWO}“ (MSB1: 2).", OK, None),
        (f"Og: „{PAGE_TWO}“ (MSB1: 3).", WRONG_LINES, None),
        ("Den siger: „Alle ledige skal have en personlig coach fra første dag“ (MSB1: 2).", NOT_FOUND, None),
        ("Se bilaget (MSB1: 7).", NO_SUCH_RANGE, None),
        ("Begge dokumenter nævner det (MSB1: 2; MSB2: 2).", OK, [OK, OK]),
        (f"Notatet: „{DOCX_PAGE_TWO}“ (MSB2: 2).", OK, None),
        ("Referatet (MSB3: 44) siger det samme.", OK, None),
        ("Lederne peger på det (VJ: 3-4; HOK).", OK, [OK, OK]),
        ("Flere mener det (VJ; HOK; MSB3).", OK, [OK, OK, OK]),
        (f"Hun uddyber: „{elsewhere.text}“ (HOK: 2; VJ).", OK, None),
        ("Både (EU; OECD) og (Bourdieu: 45) er uden for.", None, None),
        ("Ukendt (ZZ: 4).", UNKNOWN_CODE, None),
        ("For langt (VJ: 99999; MSB1: 2).", NO_SUCH_RANGE, [NO_SUCH_RANGE, OK]),
        ("Blandet (HEK: 980-986; HOK).", UNKNOWN_CODE, [UNKNOWN_CODE, OK]),
    ]
    path = write_manuscript(folder.parent / "speciale.docx", [block for block, *_ in blocks_and_expected])
    expected = [(status, parts) for _, status, parts in blocks_and_expected if status is not None]
    return path, expected


def test_the_check_reads_interviews_and_documents_and_judges_every_part(study):
    folder, projects = study
    manuscript, expected = _thesis(folder, projects)
    checks = check_manuscript(manuscript, projects, read_sources(folder / "sources.csv"))
    assert [c.status for c in checks] == [status for status, _ in expected], [
        (c.status, c.citation, c.note) for c in checks
    ]
    for check, (_, parts) in zip(checks, expected, strict=True):
        if parts is not None:
            assert [p.status for p in check.parts] == parts, check.parts
    assert "page 2" in checks[2].note and checks[2].right == "(MSB1: 2)"
    assert "pages 1-3" in checks[4].note
    assert checks[7].parts[0].note.startswith("code known")
    assert "no project or source has the code HEK" in checks[-1].note and "sources: MSB1" in checks[-1].note
    assert [p.kind for p in checks[-1].parts] == ["unknown", "interview"]
    assert (
        summary(checks) == "14 citations checked: 8 OK, 1 WRONG LINES, 1 NOT FOUND, 2 UNKNOWN CODE, "
        "2 RANGE DOES NOT EXIST"
    )
    count = len(open_appendix(projects["VJ"]).lines)
    part = f"    {NO_SUCH_RANGE}  VJ: 99999  (the appendix of VJ has lines 1-{count})"
    assert report_line(checks[-2]).splitlines()[1] == part
    assert report_line(checks[5]).splitlines()[1:] == [f"    {'OK':<20}  MSB1: 2", f"    {'OK':<20}  MSB2: 2"]


def test_without_the_list_documents_are_unknown_codes(study):
    folder, projects = study
    manuscript, _ = _thesis(folder, projects)
    checks = check_manuscript(manuscript, projects)
    assert sum(c.status == UNKNOWN_CODE for c in checks) >= 7


def test_pages_of_a_pdf_and_a_docx_are_read_and_a_docx_without_pages_has_none(study, tmp_path):
    folder, _ = study
    pdf = read_pages(folder / "kilder" / "strategi.pdf")
    assert len(pdf) == 3 and "Kommunen" in pdf[2]
    assert read_pages(folder / "kilder" / "notat.docx")[1].strip() == DOCX_PAGE_TWO
    plain = docx.Document()
    plain.add_paragraph("Én side uden sideskift.")
    plain.save(str(tmp_path / "plain.docx"))
    assert read_pages(tmp_path / "plain.docx") is None


def test_a_docx_saved_by_word_counts_its_rendered_pages_once(tmp_path):
    from docx.oxml import OxmlElement

    document = docx.Document()
    document.add_paragraph("Første side.")
    document.add_page_break()  # a typed break, and Word's record of the page it starts
    for text in ("Anden side.", "Tredje side."):
        paragraph = document.add_paragraph()
        paragraph.add_run()._r.append(OxmlElement("w:lastRenderedPageBreak"))
        paragraph.add_run(text)
    document.save(str(tmp_path / "word.docx"))
    pages = read_pages(tmp_path / "word.docx")
    assert [page.strip() for page in pages] == ["Første side.", "Anden side.", "Tredje side."]


# -- the command ---------------------------------------------------------------------------


def test_check_citations_reads_the_studys_sources_and_reports_as_text_or_json(study, capsys):
    folder, projects = study
    manuscript, expected = _thesis(folder, projects)
    assert main(["check-citations", str(manuscript), "--projects", str(folder)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[-1].startswith("14 citations checked: 8 OK, 1 WRONG LINES")
    assert main(["check-citations", str(manuscript), "--projects", str(folder), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["checked"] == 14 and report["counts"][OK] == 8 and report["counts"][UNKNOWN_CODE] == 2
    assert [c["status"] for c in report["citations"]] == [status for status, _ in expected]
    assert report["citations"][5]["parts"] == [
        {"cited": "MSB1: 2", "kind": "document", "status": OK, "note": ""},
        {"cited": "MSB2: 2", "kind": "document", "status": OK, "note": ""},
    ]


def test_a_study_folder_gives_its_interviews_wherever_they_lie(study, capsys):
    """A study's projects may lie in subfolders; study.json says which they are (not a stray copy)."""
    folder, projects = study
    manuscript, _ = _thesis(folder, projects)
    assert main(["study", "init", str(folder)]) == 0
    (folder / "interviews").mkdir()
    (folder / "vj.transkript.json").rename(folder / "interviews" / "vj.transkript.json")
    shutil.copy(folder / "hok.transkript.json", folder / "hok-kopi.transkript.json")  # not the study's
    listed = load_study(folder)
    listed.interviews = [StudyInterview(f) for f in ("interviews/vj.transkript.json", "hok.transkript.json")]
    save_study(listed)
    capsys.readouterr()
    assert main(["check-citations", str(manuscript), "--projects", str(folder)]) == 1
    assert capsys.readouterr().out.splitlines()[-1].startswith("14 citations checked: 8 OK, 1 WRONG LINES")
    (folder / "interviews" / "vj.transkript.json").unlink()
    assert main(["check-citations", str(manuscript), "--projects", str(folder)]) == 2
    assert "lists “interviews/vj.transkript.json”, which is not there" in capsys.readouterr().err


@pytest.mark.parametrize(
    "problem, expected",
    [
        ("missing", "does not exist"),
        ("corrupt json", "is not valid JSON"),
        ("json not a list", "must be a JSON list of objects"),
        ("wrong columns", "must have the columns code, title and optionally path"),
        ("no such document", "“kilder/væk.pdf”, does not exist"),
        ("bad code", "has no usable code"),
        ("twice", "lists the code MSB1 twice"),
        ("not utf-8", "cannot be read as UTF-8"),
        ("wrong kind", "must be a .csv or .json file"),
        ("damaged document", "cannot be read"),
    ],
)
def test_a_bad_list_of_sources_exits_2_with_a_sentence(study, tmp_path, capsys, problem, expected):
    folder, projects = study
    manuscript, _ = _thesis(folder, projects)
    sources = tmp_path / ("sources.json" if "json" in problem else "sources.csv")
    contents = {
        "corrupt json": '[{"code": "MSB1", "title": ',
        "json not a list": '{"MSB1": "Strategi"}',
        "wrong columns": "kode,titel\nMSB1,Strategi\n",
        "no such document": f"code,title,path\nMSB1,Strategi,{folder}/kilder/væk.pdf\n".replace(
            f"{folder}/", ""
        ),
        "bad code": "code,title\n1MSB,Strategi\n",
        "twice": "code,title\nMSB1,Strategi\nMSB1,Igen\n",
        "wrong kind": "code,title\n",
    }
    if problem == "damaged document":
        (folder / "kilder" / "strategi.pdf").write_bytes(b"%PDF-1.4\n% ikke mere")
        sources = folder / "sources.csv"
    elif problem == "not utf-8":
        sources.write_bytes("code,title\nMSB1,Beskæftigelse\n".encode("latin-1"))
    elif problem == "wrong kind":
        sources = tmp_path / "sources.txt"
        sources.write_text(contents[problem], encoding="utf-8")
    elif problem != "missing":
        sources.write_text(contents[problem], encoding="utf-8")
    args = ["check-citations", str(manuscript), "--projects", str(folder), "--sources", str(sources)]
    assert main(args) == 2
    assert expected in capsys.readouterr().err


def test_read_sources_accepts_json_with_paths_relative_to_the_list(study):
    folder, _ = study
    listing = folder / "sources.json"
    listing.write_text(
        json.dumps({"sources": [{"code": "MSB1", "title": "Strategi", "path": "kilder/strategi.pdf"}]}),
        encoding="utf-8",
    )
    sources = read_sources(listing)
    assert sources.resolve("msb1").path == (folder / "kilder" / "strategi.pdf").resolve()
    with pytest.raises(BadInputError):
        read_sources(folder / "nothing.json")


def test_as_json_counts_every_kind():
    assert as_json([])["counts"] == {
        "OK": 0,
        "WRONG LINES": 0,
        "NOT FOUND": 0,
        "UNKNOWN CODE": 0,
        "RANGE DOES NOT EXIST": 0,
    }
