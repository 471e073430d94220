"""One written form for text where it enters: NFC, no invisible characters, and a notice that says how many.

A soft hyphen, a zero-width space or a decomposed å inside a name hid it from the
pseudonymisation and the leak check ("Vi\\u00adbeke", NFD "Kåre Ås" → "[Person 1]̊s").
Every entry — Whisper's output, typed transcripts, the editor, rosters,
pseudonymise-text, projects saved before — gives the later stages one form.
"""

from __future__ import annotations

import json
import logging
import sys
import unicodedata

import docx
from hypothesis import given, settings
from hypothesis import strategies as st

from transcribe_app.cli import main
from transcribe_app.core.editing import edit_turn
from transcribe_app.core.imports.typed import import_transcript, read_text_file
from transcribe_app.core.project.file import load_project, project_json
from transcribe_app.core.project.record import Project, RosterEntry
from transcribe_app.core.project.roster import read_roster
from transcribe_app.core.project.transcript import Segment, Word
from transcribe_app.core.text_form import is_invisible, normalise, normalised_segments

SOFT_HYPHEN, ZWSP, ZWJ, BOM, LRE, PDF_MARK, WORD_JOINER, ESC = (
    "\u00ad", "\u200b", "\u200d", "\ufeff", "\u202a", "\u202c", "\u2060", "\x1b",
)  # fmt: skip
NFD_KAARE = unicodedata.normalize("NFD", "Kåre Ås")


def test_text_is_composed_and_loses_only_the_invisible_characters():
    hidden = f"{LRE}Jensen{PDF_MARK}{WORD_JOINER}{ESC}"
    text = f"Vi{SOFT_HYPHEN}beke{ZWSP} og {NFD_KAARE}{BOM} {hidden}\tkom\n10\u00a0%"
    result = normalise(text)
    assert result.text == "Vibeke og Kåre Ås Jensen\tkom\n10\u00a0%"  # tab, line break, no-break space kept
    assert result.removed == 7
    assert normalise("Vibeke Jensen") == normalise("Vibeke Jensen")  # nothing to do: nothing counted
    assert normalise("Vibeke Jensen").removed == 0


def test_every_format_character_of_this_python_s_unicode_is_removed():
    """The list of invisible characters is written out; a newer Unicode must not slip one past it."""
    missing = [
        f"U+{code:04X}"
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) == "Cf" and not is_invisible(chr(code))
    ]
    assert missing == []
    for kept in "\t\n\r\x0c a1æøåÅ-‐’\u00a0\u2028":
        assert not is_invisible(kept), repr(kept)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
def test_normalising_is_idempotent_and_leaves_nothing_invisible(text):
    once = normalise(text)
    assert normalise(once.text) == (once.__class__(once.text, 0))
    assert unicodedata.is_normalized("NFC", once.text)
    assert not any(unicodedata.category(c) == "Cf" for c in once.text)
    assert once.removed == sum(1 for c in text if is_invisible(c))


def test_a_typed_transcript_is_imported_in_one_form_with_a_notice(tmp_path):
    source = tmp_path / "typed.txt"
    source.write_text(
        f"I: Hvem var det?\nVJ: Det var Vi{SOFT_HYPHEN}beke og {NFD_KAARE}{ZWSP}.\n", encoding="utf-8"
    )
    notices = []
    project = import_transcript(source, on_notice=notices.append)
    assert project.segments[1].text == " Det var Vibeke og Kåre Ås."
    assert [w.text for w in project.segments[1].words][2:] == [" Vibeke", " og", " Kåre", " Ås."]
    assert notices == [notices[0]] and notices[0].startswith("2 invisible characters")
    assert "Vibeke" not in notices[0]  # the count, never the text
    assert read_text_file(source, on_notice=notices.append).endswith("Vibeke og Kåre Ås.\n")
    clean = tmp_path / "clean.txt"
    clean.write_text("I: Hej.\n", encoding="utf-8")
    import_transcript(clean, on_notice=notices.append)
    assert len(notices) == 2  # nothing removed, nothing said


def test_a_word_document_is_imported_in_one_form(tmp_path):
    document = docx.Document()
    document.add_paragraph(f"VJ: Jeg hedder Vi{SOFT_HYPHEN}beke {NFD_KAARE}.")
    path = tmp_path / "typed.docx"
    document.save(str(path))
    notices = []
    assert import_transcript(path, on_notice=notices.append).segments[0].text == " Jeg hedder Vibeke Kåre Ås."
    assert notices[0].startswith("1 invisible character ")


def test_the_import_command_says_how_many_characters_it_removed(tmp_path, capsys):
    source = tmp_path / "typed.txt"
    source.write_text(f"VJ: Vi{SOFT_HYPHEN}beke{ZWJ} kom.\n", encoding="utf-8")
    assert main(["import", str(source), "-o", str(tmp_path / "p.transkript.json")]) == 0
    err = capsys.readouterr().err
    assert "Note: 2 invisible characters" in err and "Vibeke" not in err
    assert load_project(tmp_path / "p.transkript.json").segments[0].text == " Vibeke kom."


def test_an_edit_is_stored_in_one_form_and_the_log_counts_what_went():
    words = [Word(" Hej", 0.0, 0.5), Word(" med", 0.5, 1.0), Word(" dig", 1.0, 2.0)]
    project = Project(segments=[Segment(0, 0.0, 2.0, " Hej med dig", words)])
    edit_turn(project, [0], f"Hej med Vi{SOFT_HYPHEN}beke {NFD_KAARE}")
    assert "".join(w.text for w in project.segments[0].words) == " Hej med Vibeke Kåre Ås"
    assert project.edits[-1].invisible_removed == 1
    assert "Vibeke" not in json.dumps([entry.to_dict() for entry in project.edits])


def test_a_roster_is_read_in_one_form(tmp_path):
    csv_file = tmp_path / "roster.csv"
    csv_file.write_text(
        f"name,code,role\nVi{SOFT_HYPHEN}beke Jensen,VJ,informant\n{NFD_KAARE},,other\n", encoding="utf-8"
    )
    notices = []
    entries = read_roster(csv_file, on_notice=notices.append)
    assert [e.name for e in entries] == ["Vibeke Jensen", "Kåre Ås"]
    assert notices and notices[0].startswith("1 invisible character ")
    json_file = tmp_path / "roster.json"  # JSON can spell the soft hyphen as an escape
    json_file.write_text('[{"name": "Vi\\u00adbeke Jensen", "code": "VJ", "aliases": ["Vi\\u200bbse"]}]')
    entries = read_roster(json_file, on_notice=notices.append)
    assert entries[0].name == "Vibeke Jensen" and entries[0].aliases == ["Vibse"]
    assert notices[-1].startswith("2 invisible characters")


def test_an_older_project_with_decomposed_text_is_read_in_one_form(tmp_path, caplog):
    words = [Word(f" {NFD_KAARE}"), Word(" og"), Word(f" Vi{SOFT_HYPHEN}beke")]
    project = Project(
        segments=[Segment(0, 0.0, 1.0, f" {NFD_KAARE} og Vi{SOFT_HYPHEN}beke", words)],
        roster=[RosterEntry(name=NFD_KAARE, code="KÅ", role="informant")],
    )
    path = tmp_path / "old.transkript.json"
    path.write_text(project_json(project), encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        loaded = load_project(path)
    assert loaded.segments[0].text == " Kåre Ås og Vibeke"
    assert [w.text for w in loaded.segments[0].words] == [" Kåre Ås", " og", " Vibeke"]
    assert loaded.roster[0].name == "Kåre Ås"
    assert "1 invisible character" in caplog.text and "Vibeke" not in caplog.text


def test_whisper_s_segments_are_normalised_as_they_come_with_one_notice_at_the_end():
    notices = []
    segments = [
        Segment(0, 0.0, 1.0, " Hej Vi\u200bbeke", [Word(" Hej", 0.0, 0.5), Word(" Vi\u200bbeke", 0.5, 1.0)]),
        Segment(1, 1.0, 2.0, f" {NFD_KAARE}", [Word(f" {NFD_KAARE}", 1.0, 2.0)]),
    ]
    out = []
    for segment in normalised_segments(iter(segments), notices.append):
        assert notices == []  # said once, at the end
        out.append(segment)
    assert [s.text for s in out] == [" Hej Vibeke", " Kåre Ås"]
    assert [w.text for w in out[0].words] == [" Hej", " Vibeke"]
    assert (
        len(notices) == 1 and notices[0].startswith("1 invisible character ") and "recognised" in notices[0]
    )
