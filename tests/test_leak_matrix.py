"""The leak matrix: every written form of a real name × every output of a pseudonymised export.

With the roster's informant Vibeke Jensen and the review accepted, names inside
Danish compounds ("Vibeke-sagen"), with a soft hyphen or a zero-width space
inside, decomposed ("Kåre Ås" in NFD) and in hashtags ("#VibekeJensen") went
through detection *and* the leak check with exit 0. Here each form stands in
its own turn of one typed transcript, imported as a researcher does, and the
project is exported with ``--pseudonymise --key --accept-review`` to every format,
to standard output and through ``pseudonymise-text``; then ``cite``, the validation
package and the tables are made from its pseudonymised appendix. Each output is read back
(DOCX with python-docx, PDF with pypdf) and searched by a check of its own —
independent of the gate: folded case, spelling and invisible characters, and a
real name anywhere inside a word counts. None may leak, none may be blocked.

Matrix: 42 forms × 20 outputs = 840 (``test_the_matrix_size``), plus each form on its own
through detection and the gate, and a property that hides invisible characters in names.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transcribe_app.cli import main
from transcribe_app.core.project.record import RosterEntry
from transcribe_app.core.pseudonymise import PseudonymisationState, check_leaks, pseudonymise_parts
from transcribe_app.core.pseudonymise.gate import find_leaks, protected_names

ROSTER_CSV = """name,code,role
Vibeke Jensen,VJ,informant
Per Skov,PS,informant
Anne-Mette Kragh,AMK,other
Kåre Ås,,other
Søren Bækgaard,,other
Åse Lindholm,,other
"""
ROSTER = [
    RosterEntry(name="Vibeke Jensen", code="VJ", role="informant"),
    RosterEntry(name="Per Skov", code="PS", role="informant"),
    RosterEntry(name="Anne-Mette Kragh", code="AMK", role="other"),
    RosterEntry(name="Kåre Ås", role="other"),
    RosterEntry(name="Søren Bækgaard", role="other"),
    RosterEntry(name="Åse Lindholm", role="other"),
]
# What the independent check looks for, folded: a real name anywhere inside a word is a leak.
REAL = ("vibeke", "jensen", "mette", "kragh", "kaare", "aas", "soeren", "baekgaard", "lindholm")


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# (what it is, the turn's text). Each turn ends with its marker "punktNN" — to see it reached the output.
FORMS = [
    ("compound with a hyphen", "Vibeke-sagen fyldte meget"),
    ("surname in a compound", "Jensen-rapporten kom i maj"),
    ("double name in a compound", "Anne-Mette-gruppen mødtes"),
    ("compound, possessive", "Omfanget af Vibeke-sagens bilag"),
    ("compound in one word", "Vibekesagen fyldte meget"),
    ("compound with the joining -s-", "Jensensrapporten kom i maj"),
    ("soft hyphen", "Vi\u00adbeke kom ind"),
    ("zero-width space", "Vi\u200bbeke Jen\u200bsen kom ind"),
    ("zero-width joiners", "Vibe\u200dke og Jen\u200csen kom ind"),
    ("direction marks and byte order mark", "\u202aVibeke\u202c og \ufeffJensen kom ind"),
    ("word joiner", "Vi\u2060beke kom ind"),
    ("decomposed letters (NFD)", nfd("Kåre Ås kom ind")),
    ("hashtag, camel case", "#VibekeJensen skrev det"),
    ("handle in lower case", "@vibekejensen skrev det"),
    ("hashtag, first name", "#Vibeke skrev det"),
    ("hashtag in lower case", "#vibeke skrev det"),
    ("handles with a dot and an underscore", "@vibeke.jensen og @vibeke_jensen skrev det"),
    ("full name as one word", "VibekeJensen skrev det"),
    ("capitals", "VIBEKE JENSEN kom ind"),
    ("surname in capitals", "Hils JENSEN fra os"),
    ("possessive in capitals", "VIBEKES bil holdt der"),
    ("possessives", "Vibekes bil og Jensens kontor"),
    ("apostrophe possessive", "Kåre Ås' datter kom"),
    ("oe for ø", "Soeren Baekgaard kom ind"),
    ("aa for å", "Aase Lindholm og Kaare Aas kom ind"),
    ("possessive with ø and æ", "Søren Bækgaards kontor lå der"),
    ("initial and surname", "Spørg V. Jensen om det"),
    ("surname starting a sentence", "Jensen sagde nej"),
    ("surname alone, mid-sentence", "Vi spurgte Jensen om det"),
    ("in brackets and quotes", '(Vibeke) og »Jensen« og "Vibeke Jensen" sagde det'),
    ("after punctuation without a space", "Nej,Vibeke!Jensen? sagde hun"),
    ("first words of a turn", "Vibeke Jensen har ordet"),
    ("wrapped across lines", "Det var\nVibeke\nJensen der sagde det"),
    ("broken by a hyphen at a line end", "Det var Vibe-\nke der sagde det"),
    ("lower case", "Hils vibeke fra os"),
    ("double first name and its possessive", "Anne-Mette og Anne-Mettes bil"),
    ("no-break space", "Vibeke\u00a0Jensen kom ind"),
    ("tab", "Vibeke\tJensen kom ind"),
    ("fullwidth letters", "\uff36\uff49\uff42\uff45\uff4b\uff45 kom ind"),
    ("compound in capitals", "VIBEKE-SAGEN fyldte meget"),
    ("hyphenated the other way round", "Jensen-Vibeke skrev det"),
    ("ending after an apostrophe", "Bækgaard'ernes have var stor"),
]
# Words that are also names: they must come through unchanged (no false alarm, nothing replaced).
CONTROLS = "Det koster 300 kroner per måned, og personalet bor i boligen ved skoven. Listen er lang"

OUTPUTS = [
    ("docx", "bilag.docx"),
    ("pdf", "bilag.pdf"),
    ("txt", "bilag.txt"),
    ("srt", "vj.srt"),
    ("vtt", "vj.vtt"),
    ("nvivo", "vj_nvivo.txt"),
    ("maxqda", "vj_maxqda.txt"),
    ("plain", "vj_plain.txt"),
    ("json", "vj.json"),
    ("txt", "-"),
    ("srt", "-"),
    ("vtt", "-"),
    ("nvivo", "-"),
    ("maxqda", "-"),
    ("plain", "-"),
    ("json", "-"),
    ("pseudonymise-text", "typed_pseudonymised.txt"),
]


def typed_transcript() -> str:
    """One turn per form, with a time before each (subtitles need times), then the controls."""
    lines = []
    for number, (_, text) in enumerate(FORMS, start=1):
        speaker = "VJ" if number % 2 else "I"
        lines.append(f"[00:{number:02d}:00] {speaker}: {text} punkt{number:02d}.")
    lines.append(f"[00:{len(FORMS) + 1:02d}:00] I: {CONTROLS}.")
    lines.append(f"[00:{len(FORMS) + 2:02d}:00] VJ: Tak.")
    return "\n".join(lines) + "\n"


def _fold(text: str) -> str:
    """The check's own folding: case, æ/ø/å spellings, accents, fullwidth letters, invisible characters,
    and words broken by a hyphen at a line end (or where lines were joined)."""
    text = unicodedata.normalize("NFC", text).casefold()
    text = text.translate(str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "ü": "ue"}))
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if c in "\n\t" or unicodedata.category(c) not in ("Mn", "Me", "Cf", "Cc"))
    return re.sub(r"(?<=[^\W\d_])-\s+(?=[^\W\d_])", "", text)


def real_names_in(text: str) -> list[str]:
    """Every word of ``text`` that holds a real name, with its line: the check knows no exceptions."""
    found = []
    for number, line in enumerate(_fold(text).splitlines(), start=1):
        for word in re.findall(r"[^\W\d_]+", line):
            if any(name in word for name in REAL):
                found.append(f"line {number}: {word!r} in {line.strip()[:120]!r}")
    return found


def read_output(path: Path, fmt: str) -> str:
    if fmt == "docx":
        document = docx.Document(str(path))
        parts = [p.text for p in document.paragraphs]
        parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        for section in document.sections:
            parts += [p.text for p in section.header.paragraphs] + [p.text for p in section.footer.paragraphs]
        properties = document.core_properties
        parts += [properties.title or "", properties.subject or "", properties.keywords or "",
                  properties.comments or "", properties.author or ""]  # fmt: skip
        return "\n".join(parts)
    if fmt == "pdf":
        from pypdf import PdfReader

        reader = PdfReader(str(path))
        metadata = reader.metadata or {}
        return "\n".join([page.extract_text() for page in reader.pages] + [str(v) for v in metadata.values()])
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def matrix_project(tmp_path_factory) -> Path:
    """The typed transcript imported and given the roster, as a researcher does it on the command line."""
    folder = tmp_path_factory.mktemp("matrix")
    (folder / "typed.txt").write_text(typed_transcript(), encoding="utf-8")
    (folder / "roster.csv").write_text(ROSTER_CSV, encoding="utf-8")
    project = folder / "interview.transkript.json"
    assert main(["import", str(folder / "typed.txt"), "-o", str(project)]) == 0
    assert main(["roster", str(project), "--import", str(folder / "roster.csv")]) == 0
    assert main(["meta", str(project), "--code", "VJ", "--appendix", "3"]) == 0
    return project


BEYOND_EXPORTS = ("cite", "validation pack", "tables")  # test_cite_the_validation_package_and_the_tables…


def test_the_matrix_size():
    assert len(FORMS) * (len(OUTPUTS) + len(BEYOND_EXPORTS)) == 42 * 20 == 840


@pytest.mark.parametrize(("fmt", "name"), OUTPUTS, ids=[f"{f}:{n}" for f, n in OUTPUTS])
def test_no_form_of_a_real_name_reaches_the_output_and_nothing_is_blocked(
    matrix_project, tmp_path, capsys, fmt, name
):
    key = tmp_path / "key.json"
    folder = matrix_project.parent
    if fmt == "pseudonymise-text":
        out = tmp_path / name
        args = ["pseudonymise-text", str(folder / "typed.txt"), "--roster", str(folder / "roster.csv"),
                "-o", str(out), "--key", str(key), "--accept-review"]  # fmt: skip
    else:
        out = Path("-") if name == "-" else tmp_path / name
        args = ["export", str(matrix_project), "--format", fmt, "-o", str(out), "--pseudonymise",
                "--key", str(key), "--accept-review"]  # fmt: skip
    capsys.readouterr()
    code = main(args)
    captured = capsys.readouterr()
    assert code == 0, f"blocked wrongly: {captured.err}"
    text = captured.out if name == "-" else read_output(out, fmt)
    assert real_names_in(text) == []
    folded = _fold(text)
    missing = [n for n in range(1, len(FORMS) + 1) if f"punkt{n:02d}" not in folded]
    assert missing == [], "turns that did not reach the output"
    assert "per maaned" in folded and "personalet" in folded and "boligen" in folded and "skoven" in folded
    assert "vj-sagen" in folded and "vj-rapporten" in folded  # the name part replaced, the word kept
    if fmt == "json":
        json.loads(text)
    assert json.loads(key.read_text(encoding="utf-8"))["entries"]  # the key was written apart


@pytest.mark.parametrize(("what", "text"), FORMS, ids=[what for what, _ in FORMS])
def test_each_form_is_replaced_and_the_gate_would_have_stopped_it(what, text):
    sentence = f"I: Det var sådan. VJ: {text} i går."
    result = pseudonymise_parts([sentence], ROSTER, PseudonymisationState(), accept_review=True)
    assert real_names_in(result.text) == [], what
    assert check_leaks(result.text, ROSTER, result) == []
    # Had detection missed it, the gate would have stopped the export.
    assert find_leaks(sentence, protected_names(ROSTER, [])) != [], what


def test_words_that_are_also_names_are_neither_replaced_nor_stopped():
    result = pseudonymise_parts([CONTROLS], ROSTER, PseudonymisationState(), accept_review=True)
    assert result.text == CONTROLS
    assert (
        check_leaks(
            CONTROLS + "\nPER MÅNED\nDet er Anne-Mette fra HR", [RosterEntry(name="Mette Holm")], result
        )
        == []
    )


def test_the_name_part_of_a_compound_is_replaced_and_the_rest_kept():
    parts = ["Vibeke-sagen og Vibeke-sagens bilag, Jensen-rapporten, Vibekesagen og Jensensrapporten.",
             "Anne-Mette-gruppen mødtes med Anne-Mette Kragh. Kåre Ås-perioden."]  # fmt: skip
    result = pseudonymise_parts(parts, ROSTER, PseudonymisationState(), accept_review=True)
    assert result.parts[0] == "VJ-sagen og VJ-sagens bilag, VJ-rapporten, VJ-sagen og VJ-rapporten."
    assert result.parts[1] == "[Person 1]-gruppen mødtes med [Person 1]. [Person 2]-perioden."


INVISIBLE = st.sampled_from(
    ["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u202a", "\u202c", "\x1b"]
)


@settings(max_examples=60, deadline=None)
@given(
    name=st.sampled_from(
        ["Vibeke Jensen", "Vibeke", "Jensen", "Kåre Ås", "Søren Bækgaard", "Anne-Mette", "Anne-Mette Kragh"]
    ),
    inserts=st.lists(st.tuples(st.integers(0, 20), INVISIBLE), max_size=4),
    decomposed=st.booleans(),
    form=st.sampled_from(
        ["{}", "{}s", "{}-sagen", "{}sagen", "#{}", "@{}", "({})", "»{}«", "{}:", "{}'s", "{}'ernes"]
    ),
    case=st.sampled_from([str, str.upper, str.lower]),
    before=st.sampled_from(
        ["Vi talte med ", "", "Nej,", "Hej!\n", "Ja. ", "- ", "[00:01:02] I: ", "direktør "]
    ),
)
def test_invisible_characters_anywhere_in_a_name_hide_it_from_nobody(name, inserts, decomposed, form, case,
                                                                      before):  # fmt: skip
    """Whatever surrounds it, however it is written: replaced, and the gate agrees (not blocked)."""
    written = case(name)
    for position, character in sorted(inserts, reverse=True):
        position = min(position, len(written))
        written = written[:position] + character + written[position:]
    if decomposed:
        written = nfd(written)
    sentence = before + form.format(written) + " i går."
    result = pseudonymise_parts([sentence], ROSTER, PseudonymisationState(), accept_review=True)
    assert real_names_in(result.text) == []
    assert check_leaks(result.text, ROSTER, result) == []
    assert find_leaks(sentence, protected_names(ROSTER, [])) != []


def test_a_name_is_never_joined_across_two_turns():
    """Turns are replaced one by one: a mention spanning two would shift every later position."""
    parts = ["Det var Vibe-", "ke der sagde det", "Hej Vibeke", "Jensen kom også."]
    result = pseudonymise_parts(parts, ROSTER, PseudonymisationState(), accept_review=True)
    assert len(result.parts) == 4
    for occurrence in result.occurrences:
        assert result.parts[occurrence.part][occurrence.start : occurrence.end] == occurrence.replacement
    assert result.parts[2:] == ["Hej VJ", "VJ kom også."]


def test_the_key_gives_back_every_form_exactly():
    from transcribe_app.core.pseudonymise import depseudonymise
    from transcribe_app.core.pseudonymise.key import build_key
    from transcribe_app.core.text_form import normal_form

    text = normal_form(typed_transcript())
    result = pseudonymise_parts([text], ROSTER, PseudonymisationState(), accept_review=True)
    restored, exact = depseudonymise(result.text, build_key(result, ROSTER, [], "typed.txt"))
    assert exact and restored == text


def test_names_from_the_lists_are_found_in_the_old_spelling_of_ae_oe_aa_too():
    text = "Vi talte med Soeren og Aase og Joergen Moeller i går."
    result = pseudonymise_parts([text], [], PseudonymisationState())
    assert result.text == "Vi talte med [Person 1] og [Person 2] og [Person 3] i går."


def test_cite_the_validation_package_and_the_tables_hold_no_form_either(matrix_project, tmp_path, capsys):
    """The outputs beyond the exports (tests/output_fixtures.every_output), over every line of the
    pseudonymised appendix: cite, the informant's validation package, the thesis tables."""
    from tests.output_fixtures import every_output

    key = tmp_path / "appendix.key.json"
    appendix = ["export", str(matrix_project), "--pseudonymise", "--accept-review", "--key", str(key)]
    assert main([*appendix, "-o", str(tmp_path / "bilag3.docx")]) == 0
    lines = int(re.search(r"(\d+) numbered lines", capsys.readouterr().err).group(1))
    outputs = every_output(matrix_project, tmp_path, capsys, quote=f"1-{lines}")
    assert set(BEYOND_EXPORTS) <= set(outputs)
    for name, (code, text) in outputs.items():
        assert code == 0, f"{name} was stopped or failed"
        assert real_names_in(text) == [], name
    for name in ("cite", "validation pack"):
        folded = _fold(outputs[name][1])
        assert [n for n in range(1, len(FORMS) + 1) if f"punkt{n:02d}" not in folded] == [], name
