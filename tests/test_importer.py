"""Importing typed transcripts: speakers, timestamps, continuation lines, Word files."""

from __future__ import annotations

import docx
import pytest

from transcribe_app.core.errors import BadInputError
from transcribe_app.core.exports.plain import to_text
from transcribe_app.core.imports.typed import import_transcript

TYPED = """\
I: Hvordan startede projektet?
VJ: Det var i 2019, hvor vi fik midler fra Borgernes MSB.
Det første år handlede om jobafklaring.

I: Og sygedagpenge?
"""


def test_speaker_codes_and_continuation_lines(tmp_path):
    path = tmp_path / "vj.txt"
    path.write_text(TYPED, encoding="utf-8")
    project = import_transcript(path)
    assert project.source == "import"
    assert [s.speaker for s in project.segments] == ["I", "VJ", "I"]
    assert project.segments[1].text.strip().endswith("handlede om jobafklaring.")
    assert [(r.code, r.role) for r in project.roster] == [("I", "interviewer"), ("VJ", "informant")]
    assert [w.text.strip() for w in project.segments[0].words] == ["Hvordan", "startede", "projektet?"]
    assert all(w.start is None for s in project.segments for w in s.words)


def test_leading_timestamps_and_numbered_participants(tmp_path):
    path = tmp_path / "fg.txt"
    path.write_text("[00:00:05] M: Velkommen.\n[00:01:02] B1: Tak.\n[1:02:03.5] B2: Ja.\n", encoding="utf-8")
    project = import_transcript(path, kind="focus_group")
    assert [(s.speaker, s.start) for s in project.segments] == [("M", 5.0), ("B1", 62.0), ("B2", 3723.5)]
    assert project.segments[0].end == 62.0  # a turn ends where the next starts
    assert project.metadata.kind == "focus_group"


def test_f4_timestamps_at_the_end_of_turns(tmp_path):
    path = tmp_path / "f4.txt"
    path.write_text("I: Hvad laver du? #00:00:04-2#\nIP: Jeg er leder. #00:00:09-8#\n", encoding="utf-8")
    project = import_transcript(path)
    assert [(s.speaker, s.start, s.end) for s in project.segments] == [
        ("I", None, 4.2),
        ("IP", 4.2, 9.8),
    ]
    assert "#" not in project.segments[1].text


def test_windows_text_encoding(tmp_path):
    path = tmp_path / "cp1252.txt"
    path.write_bytes("I: Hvad så med Århus og Søren?\n".encode("cp1252"))
    assert "Århus og Søren" in import_transcript(path).segments[0].text


def test_word_document(tmp_path):
    document = docx.Document()
    document.add_paragraph("I: Hvordan gik det?")
    document.add_paragraph("MSS: Det gik fint.")
    path = tmp_path / "mss.docx"
    document.save(path)
    project = import_transcript(path)
    assert to_text(project) == "I: Hvordan gik det?\nMSS: Det gik fint.\n"


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("missing.txt", None, "does not exist"),
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"\n\n  \n", "no text"),
        ("fake.docx", b"not a zip", "not a Word document"),
        ("audio.wav", b"RIFF", "only plain text"),
        ("binary.txt", b"\x00\x01\x02binary", "not a text file"),
    ],
)
def test_bad_transcripts(tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(BadInputError, match=message):
        import_transcript(path)
