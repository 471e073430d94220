"""Typed transcripts read honestly: mixed encodings line by line, what cannot be read refused with a sentence,
and Word tables imported as turns in document order."""

from __future__ import annotations

import logging
import random

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transcribe_app.cli import main
from transcribe_app.core.errors import BadInputError
from transcribe_app.core.exports.plain import to_text
from transcribe_app.core.imports.text_decoding import decode_transcript
from transcribe_app.core.imports.typed import import_transcript, read_text_file
from transcribe_app.core.project.file import load_project

UTF8_LINE = "IP: Søren og Åse bor i Æbeltoft, tæt på skoven.\n"
CP1252_LINE = "VJ: Søren sagde på mødet, at Ærø er ø-kommune.\r\n"
DANISH_WORDS = (
    "Søren", "Åse", "Ærø", "på", "mødet", "kø", "blåbær", "Jørgen", "Østergård", "sø", "hånd", "Mølle",
    "lærer", "Bjørn", "Kåre", "æble", "gå", "Frederiksværk", "Brøndby", "Næstved", "Løkke", "får", "øl",
)  # fmt: skip


def test_one_stray_windows_line_is_read_as_such_and_named_by_number_not_text(tmp_path, caplog):
    path = tmp_path / "vj.txt"
    path.write_bytes(
        ("I: Velkommen.\n" + UTF8_LINE).encode() + CP1252_LINE.encode("cp1252") + UTF8_LINE.encode()
    )
    with caplog.at_level(logging.WARNING):
        project = import_transcript(path)
    texts = [segment.text.strip() for segment in project.segments]
    lines = ("I: Velkommen.", UTF8_LINE, CP1252_LINE, UTF8_LINE)
    assert texts == [line.split(": ", 1)[1].strip() for line in lines]
    assert "Ã" not in to_text(project)  # not one mojibake letter: "SÃ¸ren" would escape the roster
    warning = caplog.text
    assert "line 3 is not UTF-8" in warning and "Windows-1252" in warning
    assert "Søren" not in warning and "mødet" not in warning  # the line is named, never quoted


def test_the_cli_prints_the_warning_and_keeps_the_letters(tmp_path, capsys):
    path, project = tmp_path / "vj.txt", tmp_path / "vj.transkript.json"
    path.write_bytes(UTF8_LINE.encode() * 4 + CP1252_LINE.encode("cp1252") + UTF8_LINE.encode())
    assert main(["import", str(path), "-o", str(project)]) == 0
    err = capsys.readouterr().err
    assert "line 5 is not UTF-8" in err and "Ærø" not in err
    assert all("Søren" in segment.text for segment in load_project(project).segments)


def test_a_whole_windows_file_is_read_with_a_notice(tmp_path, caplog):
    path = tmp_path / "cp.txt"
    path.write_bytes(("I: Hvad så?\n" + CP1252_LINE + "I: Tak.\n" + CP1252_LINE).encode("cp1252"))
    with caplog.at_level(logging.WARNING):
        project = import_transcript(path)
    assert "Ærø" in project.segments[1].text
    assert "is not UTF-8; read as Windows-1252" in caplog.text and "lines 1, 2, 4" in caplog.text


def test_word_punctuation_in_windows_1252_is_not_taken_for_mac_roman(tmp_path, caplog):
    path = tmp_path / "citat.txt"
    path.write_bytes(UTF8_LINE.encode() + "I: Han sagde “ja” – og gik’.\n".encode("cp1252"))
    with caplog.at_level(logging.WARNING):
        project = import_transcript(path)
    assert project.segments[1].text.strip() == "Han sagde “ja” – og gik’."
    assert "line 2 is not UTF-8" in caplog.text


def test_read_text_file_gives_the_mixed_file_back_exactly(tmp_path):
    """pseudonymise-text and depseudonymise read the text exactly as written, line endings included."""
    path = tmp_path / "mixed.txt"
    path.write_bytes(b"\xef\xbb\xbf" + UTF8_LINE.encode() + CP1252_LINE.encode("cp1252") + b"slut")
    assert read_text_file(path) == UTF8_LINE + CP1252_LINE + "slut"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be", "utf-32", "utf-32-be"])
def test_byte_order_marks_decide_the_whole_file(tmp_path, encoding):
    path = tmp_path / "bom.txt"
    data = UTF8_LINE.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    if encoding == "utf-32-be":
        data = b"\x00\x00\xfe\xff" + data
    path.write_bytes(data)
    assert import_transcript(path).segments[0].text.strip() == UTF8_LINE[4:].strip()


@pytest.mark.parametrize(
    "data, message",
    [
        (UTF8_LINE.encode("utf-32-le"), "UTF-32 text without a byte-order mark"),
        (UTF8_LINE.encode("utf-32-be"), "UTF-32 text without a byte-order mark"),
        (UTF8_LINE.encode("utf-16-le"), "UTF-16 text without a byte-order mark"),
        (UTF8_LINE.encode("mac_roman"), "Mac Roman"),
        ("I: Hvordan gik det på mødet?\n".encode("mac_roman"), "Mac Roman"),
        (UTF8_LINE.encode() + b"VJ: ab\x9d ok.\n", "line 2 is neither UTF-8 nor Windows-1252"),
        (b"\x00\x01\x02binary", "not a text file"),
        (bytes(range(1, 32)) * 20 + b" tekst", "control characters"),
        (b"%PDF-1.7\n%\xe2\xe3", "PDF document"),
        (b"PK\x03\x04\x14\x00", "Word document or another zip archive"),
        (b"\xff\xfeV\x00J\x00:\x00\x00\xd8", "damaged or mixes encodings"),  # a lone surrogate in UTF-16
    ],
)
def test_what_cannot_be_read_honestly_is_refused_with_a_sentence(tmp_path, data, message):
    path = tmp_path / "odd.txt"
    path.write_bytes(data)
    with pytest.raises(BadInputError, match=message):
        import_transcript(path)
    assert main(["import", str(path), "-o", str(tmp_path / "p.transkript.json")]) == 2
    assert not (tmp_path / "p.transkript.json").exists()


# -- the mixed-encoding decoder, as a property ---------------------------------------------------

_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\x85"),
    max_size=40,
)


@st.composite
def _windows_line(draw) -> str:
    """A line of Danish words with æ, ø or å in Windows-1252: never valid UTF-8 (æøå's bytes start
    a multi-byte sequence that the next letter or space does not continue)."""
    rng = random.Random(draw(st.integers(0, 2**32)))
    words = [rng.choice(DANISH_WORDS) for _ in range(rng.randint(1, 8))]
    if rng.random() < 0.3:
        words.insert(rng.randint(0, len(words)), rng.choice(("“ja”", "–", "så’n", "…", "„nej“")))
    return " ".join(words) + rng.choice(("", ".", "?", " – ok"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    utf8_lines=st.lists(_TEXT, min_size=1, max_size=12),
    inserted=st.lists(st.tuples(st.integers(0, 12), _windows_line()), max_size=5),
    ending=st.sampled_from(["\n", "\r\n"]),
)
def test_mixed_encodings_decode_line_by_line(utf8_lines, inserted, ending):
    lines = [(text, "utf-8") for text in utf8_lines]
    for position, text in inserted:
        lines.insert(min(position, len(lines)), (text, "cp1252"))
    raw = b"".join((text + ending).encode(codec) for text, codec in lines)
    decoded = decode_transcript(raw, "typed.txt")
    out = decoded.text.split(ending)[:-1]
    assert out == [text for text, _ in lines]  # every line exact: the UTF-8 ones and the Windows ones
    windows = [number for number, (_, codec) in enumerate(lines, 1) if codec == "cp1252"]
    assert decoded.cp1252_lines == windows
    if windows:
        named = decoded.notices[0]
        shown = windows[:10]
        assert all(str(number) in named for number in shown)
        assert not any(text in named for text, codec in lines if codec == "cp1252")  # never the text
    else:
        assert decoded.notices == []


# -- Word tables ---------------------------------------------------------------------------------


def _table(document, rows):
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    return table


def test_word_tables_become_turns_in_document_order_with_the_paragraphs(tmp_path):
    document = docx.Document()
    document.add_paragraph("I: Hvordan startede det?")
    _table(document, [("Taler", "Tekst"), ("VJ", "Det var i 2019."), ("I:", "Og sygedagpenge?")])
    document.add_paragraph("VJ: Det kom senere.")
    _table(document, [("Tid", "Kode", "Replik"), ("00:01:02", "I", "Hvem var med?"),
                      ("[00:01:09]", "VJ", "Hele teamet.")])  # fmt: skip
    _table(document, [("00:02:00", "I: Og bagefter?")])
    cell = _table(document, [("B1: Jeg var der.",)]).cell(0, 0)
    cell.add_paragraph("Det var i Herning.")  # no code: continues the turn
    cell.add_paragraph("B2: Også mig.")
    path = tmp_path / "tabel.docx"
    document.save(path)
    project = import_transcript(path, kind="focus_group")
    assert [(s.speaker, s.start, s.text.strip()) for s in project.segments] == [
        ("I", None, "Hvordan startede det?"),
        ("VJ", None, "Det var i 2019."),
        ("I", None, "Og sygedagpenge?"),
        ("VJ", None, "Det kom senere."),
        ("I", 62.0, "Hvem var med?"),
        ("VJ", 69.0, "Hele teamet."),
        ("I", 120.0, "Og bagefter?"),
        ("B1", None, "Jeg var der. Det var i Herning."),
        ("B2", None, "Også mig."),
    ]


def test_a_table_with_merged_and_empty_cells_is_read_as_shown(tmp_path):
    document = docx.Document()
    table = _table(document, [("VJ", "Første svar."), ("", ""), ("I", "Spørgsmål."), ("x", "y")])
    merged = table.cell(3, 0).merge(table.cell(3, 1))  # one cell across the row
    merged.text = "VJ: Et svar i en flettet celle."
    path = tmp_path / "flettet.docx"
    document.save(path)
    project = import_transcript(path)
    assert [(s.speaker, s.text.strip()) for s in project.segments] == [
        ("VJ", "Første svar."),
        ("I", "Spørgsmål."),
        ("VJ", "Et svar i en flettet celle."),
    ]


@settings(max_examples=300, deadline=None)
@given(raw=st.binary(max_size=200) | st.lists(st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff",
       b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00", "æøå\n".encode(), "æøå\n".encode("cp1252"), b"\x00",
       b"\r\n", b"I: ok ", b"\x81", b"\x1b"]), max_size=12).map(b"".join))  # fmt: skip
def test_any_bytes_are_text_or_a_sentence(raw):
    """Whatever the file holds, the decoder gives text or a ``BadInputError`` — never another exception."""
    try:
        decoded = decode_transcript(raw, "typed.txt")
    except BadInputError as error:
        assert "typed.txt" in str(error)
    else:
        assert isinstance(decoded.text, str)
