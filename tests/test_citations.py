"""Citations that hold: the citation format, quotes found by their words, the manuscript check and the
validation package — all against the appendix exactly as its last export laid it out."""

from __future__ import annotations

import io
import random
import re

import docx
import pytest

from tests.citation_fixtures import (
    add_footnotes,
    exported_as,
    talk_interview,
    talk_sentence,
    write_manuscript,
)
from tests.export_fixtures import interview, timed_segment
from transcribe_app.core.citations import (
    NO_SUCH_RANGE,
    NOT_FOUND,
    OK,
    UNKNOWN_CODE,
    WRONG_LINES,
    Appendices,
    LineRange,
    appendix_lines,
    check_manuscript,
    cite,
    find_citations,
    find_quote,
    format_citation,
    open_appendix,
    parse_citation,
    parse_ranges,
    validation_pack,
)
from transcribe_app.core.citations.manuscript import ManuscriptParagraph, accept_code, cited_passages
from transcribe_app.core.citations.pack_quotes import HIGHLIGHT, REPLY_LABEL
from transcribe_app.core.citations.quotes import MAX_OMITTED_WORDS
from transcribe_app.core.errors import BadInputError
from transcribe_app.core.exports import export_project
from transcribe_app.core.exports.document import prepare
from transcribe_app.core.layout import LayoutSettings, quote_text
from transcribe_app.core.project.record import Metadata, Project, RosterEntry

# -- the citation format -----------------------------------------------------------------


def test_citations_are_written_as_the_thesis_writes_them():
    assert format_citation("VJ", LineRange(79, 80)) == "(VJ: 79-80)"
    assert format_citation("VJ", LineRange(79, 79)) == "(VJ: 79)"
    assert format_citation("MSS", [LineRange(149, 151), LineRange(181, 185)]) == "(MSS: 149-151; 181-185)"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("(VJ: 79-80)", [("VJ", [(79, 80)])]),
        ("(VJ:79–80)", [("VJ", [(79, 80)])]),  # en dash, no space
        ("( VJ : 79 — 80 )", [("VJ", [(79, 80)])]),
        ("(VJ: 79)", [("VJ", [(79, 79)])]),
        ("(MSS: 149-151; 181-185)", [("MSS", [(149, 151), (181, 185)])]),
        ("(VJ: 79, 83-85)", [("VJ", [(79, 79), (83, 85)])]),
        ("(SK: 320-321; HOK: 452-456)", [("SK", [(320, 321)]), ("HOK", [(452, 456)])]),
        ("(SK: 320-321; 330; HOK: 452-456)", [("SK", [(320, 321), (330, 330)]), ("HOK", [(452, 456)])]),
    ],
)
def test_citations_are_read_with_dashes_spaces_and_several_codes(written, expected):
    citation = parse_citation(written)
    assert [(r.code, [(x.first, x.last) for x in r.ranges]) for r in citation.references] == expected
    assert citation.written == written


def test_in_running_text_only_transcript_codes_count():
    text = (
        "Som Bourdieu skriver (Bourdieu: 45), og som lederne siger (SK: 320-321; HOK: 452-456), "
        "er det svært (Jensen 2019: 12); se også (VJ: 171-173) og (vj: 3)."
    )
    found = find_citations(text, accept_code({"VJ", "SK"}))
    assert [c.written for c in found] == ["(SK: 320-321; HOK: 452-456)", "(VJ: 171-173)", "(vj: 3)"]
    assert text[found[1].start : found[1].end] == "(VJ: 171-173)"


@pytest.mark.parametrize("text", ["80-79", "0-3", "79-", "ja", "79 80"])
def test_line_ranges_that_cannot_be_meant_are_refused(text):
    with pytest.raises(BadInputError):
        parse_ranges(text)


# -- the appendix as exported --------------------------------------------------------------


def _numbered_lines(txt: str) -> list[tuple[int, str]]:
    return [(int(m.group(1)), m.group(2)) for m in re.finditer(r"^ *(\d+)  (.*)$", txt, re.MULTILINE)]


@pytest.mark.parametrize(
    ("width", "timestamps", "level"), [(60, False, "verbatim"), (85, True, "clean"), (100, False, "strict")]
)
def test_appendix_lines_are_the_lines_of_the_last_appendix_export(tmp_path, width, timestamps, level):
    project = interview(30)
    out = tmp_path / "bilag.txt"
    export_project(project, "txt", out, level=level, settings=LayoutSettings(width, timestamps))
    lines = appendix_lines(project)
    assert [(line.number, line.text) for line in lines] == _numbered_lines(out.read_text(encoding="utf-8"))


def test_without_a_recorded_export_the_export_defaults_stand_in():
    project = interview(30)
    appendix = open_appendix(project)
    assert not appendix.recorded and "no appendix export recorded" in appendix.describe()
    expected = prepare(project, level="clean", settings=LayoutSettings()).lines
    assert appendix.lines == expected


# -- cite and find-quote agree ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("width", "level", "timestamps"),
    [(60, "verbatim", False), (85, "clean", True), (100, "verbatim", True), (85, "strict", False)],
)
def test_cite_then_find_quote_gives_the_same_lines_for_many_ranges(width, level, timestamps):
    appendix = open_appendix(exported_as(talk_interview(60), width=width, timestamps=timestamps, level=level))
    rng = random.Random(width)
    count = len(appendix.lines)
    for _ in range(150):
        first = rng.randint(1, count)
        ranges = (LineRange(first, min(count, first + rng.randint(0, 3))),)
        cited = appendix.cite(ranges)
        places = [place.ranges for place in appendix.find(cited.text).places]
        assert ranges in places, (cited.citation, cited.text, places)
        if len(cited.text.split()) >= 4:  # a few words of this transcript never repeat
            assert places == [ranges], (cited.citation, cited.text, places)


def test_cite_gives_the_citation_and_the_words_on_the_lines():
    project = exported_as(talk_interview(20), width=70)
    lines = appendix_lines(project)
    cited = cite(project, 4, 5)
    assert cited.citation == "(VJ: 4-5)"
    assert cited.text == quote_text(lines, 4, 5)
    assert cite(project, 4).citation == "(VJ: 4)"
    with pytest.raises(BadInputError, match=f"has {len(lines)} lines; line {len(lines) + 1} does not exist"):
        cite(project, len(lines), len(lines) + 1)


@pytest.mark.parametrize(
    ("quoted", "appendix"), [("clean", "verbatim"), ("strict", "verbatim"), ("verbatim", "clean")]
)
def test_a_quote_from_one_view_is_found_in_an_appendix_of_another(quoted, appendix):
    project = exported_as(talk_interview(60), width=85, level=appendix)
    lines = appendix_lines(project)
    view = prepare(project, level=quoted, settings=LayoutSettings(width=70)).lines
    rng = random.Random(3)
    differing = 0
    for _ in range(150):
        first = rng.randint(1, len(view) - 1)
        last = min(len(view), first + rng.randint(1, 3))
        quote = quote_text(view, first, last)
        search = find_quote(project, quote)
        assert len(search.places) == 1, (quote, search.places, search.nearest)
        found_turns = {line.turn for r in search.places[0].ranges for line in lines[r.first - 1 : r.last]}
        assert found_turns == {line.turn for line in view[first - 1 : last]}
        differing += search.places[0].text.split() != quote.split()
    assert differing > 50  # the views really differ: fillers, stutters, repetitions


# -- the quoting conventions ------------------------------------------------------------------

DIRECTOR = (
    "Det startede i 2019, da vi fik en ny direktør, og hun sagde, at sygedagpengeområdet skulle tænkes "
    "helt forfra, fordi borgerne ventede alt for længe på en afklaring."
)


def _project(turns: list[tuple[str, str]], code: str = "VJ") -> Project:
    project = Project(
        metadata=Metadata(title="Interview", kind="elite", citation_code=code),
        roster=[
            RosterEntry(label="S1", name="Ida Holm", code="I", role="interviewer"),
            RosterEntry(label="S2", name="Vibeke Jensen", code=code, role="informant"),
        ],
    )
    clock = 0.0
    for speaker, text in turns:
        segment, clock = timed_segment(len(project.segments), text, clock, speaker)
        project.segments.append(segment)
        clock += 1.0
    return exported_as(project, width=60, level="verbatim")


@pytest.fixture
def director():
    filler = [("S1", talk_sentence(random.Random(n), talk=0)) for n in range(3)]
    return _project(
        [
            *filler,
            ("S1", "Hvordan startede projektet med jobafklaring i jeres kommune?"),
            (
                "S2",
                "Øh, det startede i 2019, øh, da vi fik en ny direktør, og hun hun sagde, at "
                "sygedagpengeområdet skulle tænkes helt forfra, fordi borgerne ventede alt for længe "
                "på en afklaring.",
            ),  # fmt: skip
            ("S1", "Mm."),
            ("S2", "Og det var ikke let. Vi havde ikke pengene."),
            ("S1", "Hvad gjorde I så?"),
            ("S2", "Vi havde ikke pengene, men vi fandt dem."),
        ]
    )


def _where(project: Project, quote: str) -> list[str]:
    return [place.citation for place in find_quote(project, quote).places]


def test_the_quote_conventions_of_a_thesis_are_understood(director):
    lines = appendix_lines(director)
    start = next(line.number for line in lines if "startede i 2019" in line.text)
    end = next(line.number for line in lines if line.number > start and "afklaring" in line.text)
    whole = f"(VJ: {start}-{end})"
    assert _where(director, f"„{DIRECTOR}“") == [whole]  # clean quote, verbatim appendix
    assert _where(director, "DET STARTEDE I 2019 DA VI FIK EN NY DIREKTØR OG HUN SAGDE AT") == [
        f"(VJ: {start}-{start + 1})"
    ]
    cut = "… da vi fik en ny direktør (...) fordi borgerne ventede alt for længe på en afklaring..."
    assert _where(director, cut) == [f"(VJ: {start}-{end})"]
    assert _where(director, "Det startede i 2019 […] borgerne ventede") == [f"(VJ: {start}-{end - 1})"]
    assert _where(director, "da vi fik en ny direktør, og [direktøren] sagde, at sygedagpengeområdet")
    assert _where(director, "“da vi fik en ny\ndirektør, og hun sagde”") == [f"(VJ: {start}-{start + 1})"]
    assert _where(director, "ventede alt for længe på en afklaring. Og det var ikke let") == [
        f"(VJ: {end - 1}-{end + 2})"  # across two turns and the interviewer's "Mm."
    ]


def test_a_quote_that_stands_twice_or_nowhere_says_so(director):
    twice = find_quote(director, "Vi havde ikke pengene")
    assert len(twice.places) == 2 and not twice.found
    nowhere = find_quote(director, "da vi fik en ny borgmester, og hun sagde")
    assert nowhere.places == [] and nowhere.nearest is not None
    assert (nowhere.nearest.shared, nowhere.nearest.total) == (8, 9)  # all but "borgmester"
    with pytest.raises(BadInputError, match="no words"):
        find_quote(director, "„(...)“")


def test_an_omission_over_whole_lines_is_cited_as_two_ranges():
    long_turn = " ".join(talk_sentence(random.Random(n), talk=0) for n in range(12))
    project = _project([("S1", "Hvad skete der?"), ("S2", long_turn)])
    lines = appendix_lines(project)
    first, later = lines[1], lines[6]
    quote = f"{first.body} (...) {later.body}"
    assert _where(project, quote) == ["(VJ: 2; 7)"]
    far = f"{first.body} (...) {lines[-1].body}"
    assert len(long_turn.split()) > MAX_OMITTED_WORDS and _where(project, far) == []
    # Within the lines a citation names, the citation bounds the omission instead.
    appendix = open_appendix(project)
    assert appendix.find(far, within=[LineRange(2, 2), LineRange(len(lines), len(lines))]).places


# -- the manuscript check ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Hun siger „det var svært“ (VJ: 5).", "det var svært"),
        ("Hun siger “det var svært” (VJ: 5).", "det var svært"),
        ('Hun siger "det var svært" (VJ: 5).', "det var svært"),
        ("Hun siger »det var svært« (VJ: 5).", "det var svært"),
        ("Hun siger ‘det var svært’ (VJ: 5).", "det var svært"),
        ("Hun siger 'det var svært', (VJ: 5).", "det var svært"),
        ("VJ's kollega siger 'det var svært' (VJ: 5).", "det var svært"),
        ("Hun siger „det var ›svært‹ for os“ (VJ: 5).", "det var ›svært‹ for os"),
        ("Det var svært, siger hun (VJ: 5).", None),
        ("VJ's chef (VJ: 5)", None),
    ],
)
def test_a_quote_in_any_quotation_marks_before_a_citation_is_found(text, quote):
    (passage,) = cited_passages([ManuscriptParagraph("paragraph 1", text)])
    assert passage.quote == quote


def test_block_quotations_are_paragraphs_set_off_before_their_citation():
    paragraphs = [
        ManuscriptParagraph("p1", "Det startede i 2019.", set_off=True),
        ManuscriptParagraph("p2", "Vi fik en ny direktør. (VJ: 3-4)", set_off=True),
        ManuscriptParagraph("p3", "Det var ikke let.", set_off=True),
        ManuscriptParagraph("p4", "(VJ: 9)"),
        ManuscriptParagraph("p5", "Flere peger på det (VJ: 12)"),
    ]
    quotes = [p.quote for p in cited_passages(paragraphs)]
    assert quotes == ["Det startede i 2019. Vi fik en ny direktør.", "Det var ikke let.", None]


@pytest.fixture
def thesis_projects():
    """Two appendices: VJ exported verbatim at 85, HOK clean at 70 with timestamps."""
    vj = exported_as(talk_interview(60, seed=11), width=85, level="verbatim")
    hok = exported_as(talk_interview(40, seed=12, code="HOK"), width=70, timestamps=True, level="clean")
    hok.metadata.kind = "focus_group"
    return {"VJ": vj, "HOK": hok}


def _quotable(appendix, rng, span=2):
    """A range of ``span`` lines within one turn, worth quoting (ten words or more)."""
    while True:
        first = rng.randint(2, len(appendix.lines) - span)
        chosen = appendix.lines[first - 1 : first - 1 + span]
        cited = appendix.cite([LineRange(first, first + span - 1)])
        if len({line.turn for line in chosen}) == 1 and len(cited.text.split()) >= 10:
            return cited


def test_the_manuscript_check_flags_exactly_the_wrong_citations(thesis_projects, tmp_path):
    vj, hok = (Appendices(thesis_projects).appendix(code) for code in ("VJ", "HOK"))
    rng = random.Random(5)
    right = [_quotable(vj, rng) for _ in range(4)] + [_quotable(hok, rng) for _ in range(2)]
    clean_view = prepare(thesis_projects["VJ"], level="clean", settings=LayoutSettings(85)).lines
    clean_quote = quote_text(clean_view, 20, 21)  # the thesis quotes the clean view of a verbatim appendix
    clean_at = find_quote(thesis_projects["VJ"], clean_quote).places[0]
    shifted = right[1].ranges[0]
    shifted_citation = format_citation("VJ", LineRange(shifted.first + 6, shifted.last + 6))
    invented = " ".join(talk_sentence(random.Random(99), talk=0).split()[:9])
    words = right[2].text.split()
    omission = " ".join(words[:3]) + " (...) " + " ".join(words[-3:])
    wide = right[3].ranges[0]
    expected = [
        (f"Hun fortæller: „{right[0].text}“ {right[0].citation}.", OK),
        (f"Hun uddyber: „{clean_quote}“ {clean_at.citation}.", OK),
        (f"Senere: „{right[1].text}“ {shifted_citation}.", WRONG_LINES),
        (f"Og: „{invented}“ (VJ: 30-31).", NOT_FOUND),
        (f"Kort: „…{omission}…“ {right[2].citation}", OK),
        (f"Bredt: „{right[3].text}“ (VJ: {max(1, wide.first - 2)}-{wide.last + 2})", OK),
        ("Flere peger på ressourcer (SK: 320-321; HOK: 5-6).", UNKNOWN_CODE),
        (f"Ledelsen er presset (VJ: 3-4; HOK: 2), skriver {len(vj.lines)} forskere (Bourdieu: 45).", OK),
        (f"Men ikke alle (VJ: {len(vj.lines) + 5}-{len(vj.lines) + 7}).", NO_SUCH_RANGE),
        ("quote", right[4].text + " " + right[4].citation, OK),  # a block quotation, in Word's Quote style
        ("indent", right[5].text, None),  # an indented block quotation, its citation next, shifted
        (f"({'HOK'}: {right[5].ranges[0].first + 3}-{right[5].ranges[0].last + 3})", WRONG_LINES),
    ]
    blocks = [item[:-1] if item[0] in ("quote", "indent") else item[0] for item in expected]
    blocks.append(("table", [["Citat", "Kilde"], [f"„{right[0].text}“ {shifted_citation}", "VJ"]]))
    path = write_manuscript(tmp_path / "speciale.docx", blocks)
    add_footnotes(path, ["Se også (VJ: 1-2) og (ZZ: 4)."])
    checks = check_manuscript(path, thesis_projects)
    statuses = [status for *_, status in expected if status is not None] + [WRONG_LINES, OK, UNKNOWN_CODE]
    assert [check.status for check in checks] == statuses, [(c.status, c.citation, c.note) for c in checks]
    shifted_check = checks[2]
    assert shifted_check.right == right[1].citation and shifted_check.quote == right[1].text
    assert checks[3].note.startswith("nearest") or "nowhere" in checks[3].note
    assert "no project has the code SK" in checks[6].note
    assert [c.passage.where for c in checks[-3:]] == ["table 1", "footnote 1", "footnote 1"]
    assert checks[10].right == right[5].citation


def test_a_manuscript_that_is_no_docx_is_refused_clearly(tmp_path, thesis_projects):
    broken = tmp_path / "speciale.docx"
    broken.write_bytes(b"this is not a zip file")
    with pytest.raises(BadInputError, match="cannot be read as a Word document"):
        check_manuscript(broken, thesis_projects)
    with pytest.raises(BadInputError, match="does not exist"):
        check_manuscript(tmp_path / "missing.docx", thesis_projects)


# -- the validation package ---------------------------------------------------------------------


def _shaded(paragraph) -> bool:
    shading = paragraph._p.pPr.find(docx.oxml.ns.qn("w:shd")) if paragraph._p.pPr is not None else None
    return shading is not None and shading.get(docx.oxml.ns.qn("w:fill")) == HIGHLIGHT


def _context_lines(document) -> list[tuple[int, str, bool]]:
    rows = []
    for paragraph in document.paragraphs:
        if paragraph.style.name == "Pakke linje" and paragraph.text != "…":
            number, text = paragraph.text.strip("\t").split("\t", 1)
            body = paragraph.runs[-1]
            highlighted = _shaded(paragraph)
            assert highlighted == bool(body.bold)
            rows.append((int(number), text, highlighted))
    return rows


def test_the_validation_package_shows_each_quote_in_its_context_with_room_for_a_reply():
    project = exported_as(talk_interview(30), width=85, level="verbatim")
    appendix = open_appendix(project)
    text_quote = appendix.cite([LineRange(20, 21)]).text
    data = validation_pack(project, ["10-11", text_quote, "2", "40; 47-48"], context=3)
    document = docx.Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Citater til godkendelse" in text and "Kære VJ" in text and "Bilag 1: Interview med VJ" in text
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading 2")]
    assert headings == [
        "Citat 1 (VJ: 10-11)",
        "Citat 2 (VJ: 20-21)",
        "Citat 3 (VJ: 2)",
        "Citat 4 (VJ: 40; 47-48)",
    ]
    assert f"„{' '.join(text_quote.split())}“" in text
    rows = _context_lines(document)
    lines = appendix.lines
    expected_numbers = [*range(7, 15), *range(17, 25), *range(1, 6), *range(37, 52)]
    assert [number for number, _, _ in rows] == expected_numbers
    assert all(text == lines[number - 1].text for number, text, _ in rows)
    highlighted = [number for number, _, shaded in rows if shaded]
    assert highlighted == [10, 11, 20, 21, 2, 40, 47, 48]
    assert len(document.tables) == 4
    for table in document.tables:
        assert table.cell(0, 0).text.startswith(REPLY_LABEL) and table.cell(1, 0).text == ""
    assert document.core_properties.author == ""


def test_a_validation_package_refuses_quotes_it_cannot_place(director):
    with pytest.raises(BadInputError) as error:
        validation_pack(director, ["Vi havde ikke pengene", "en ny borgmester", "2-3", "900"])
    message = str(error.value)
    assert "quote 1" in message and "2 places" in message
    assert "quote 2" in message and "not in the appendix" in message
    assert "quote 3" not in message and "quote 4" in message and "does not exist" in message
