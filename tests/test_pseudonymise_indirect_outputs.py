"""Indirect identifiers in every output (issue 18 §2–3): the key records what became of each, a plain
text takes the tier with a profile as an export does, and one informant's validation copy shows their
own words and nobody else's.

The recording's covering of identifiers is checked sample by sample in tests/test_exports_audio.py.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.export_fixtures import timed_segment
from transcribe_app.cli import main
from transcribe_app.core.citations import open_appendix, validation_pack
from transcribe_app.core.errors import BadInputError
from transcribe_app.core.exports.document import prepare
from transcribe_app.core.exports.use_case import ExportRequest, export_transcript
from transcribe_app.core.exports.validation_copy import LEFT_OUT, OTHER_PERSON, informant_lines
from transcribe_app.core.layout import LayoutSettings
from transcribe_app.core.project.file import load_project, save_project
from transcribe_app.core.project.record import Metadata, Project, RosterEntry
from transcribe_app.core.pseudonymise.indirect_key import original_span

# -- tracing an identifier back through the replaced names ---------------------------------------------

_PLAIN = st.text(alphabet="ab ", max_size=6)
_NAME = st.text(alphabet="NOP", min_size=1, max_size=7)
_LABEL = st.text(alphabet="[]XY", min_size=1, max_size=5)


@settings(max_examples=150, deadline=None)
@given(pieces=st.lists(st.tuples(_PLAIN, _NAME, _LABEL), max_size=5), tail=_PLAIN, data=st.data())
def test_a_place_in_the_pseudonymised_text_maps_to_the_words_as_written(pieces, tail, data):
    """Any span of a turn with names replaced is the same text as written, and a span touching a
    replacement takes the whole name it stands for: never half a name left uncovered."""
    written, pseudonymised, places, owners = "", "", [], []
    for plain, name, label in pieces:
        owners += [(len(written) + i, len(written) + i + 1) for i in range(len(plain))]
        written, pseudonymised = written + plain, pseudonymised + plain
        owners += [(len(written), len(written) + len(name))] * len(label)
        places.append(
            (len(pseudonymised), len(pseudonymised) + len(label), len(written), len(written) + len(name))
        )
        written, pseudonymised = written + name, pseudonymised + label
    owners += [(len(written) + i, len(written) + i + 1) for i in range(len(tail))]
    written, pseudonymised = written + tail, pseudonymised + tail
    if not pseudonymised:
        return
    start = data.draw(st.integers(0, len(pseudonymised) - 1))
    end = data.draw(st.integers(start + 1, len(pseudonymised)))
    wanted = (min(owners[i][0] for i in range(start, end)), max(owners[i][1] for i in range(start, end)))
    assert original_span(places, start, end) == wanted


# -- pseudonymise-text with the indirect tier ------------------------------------------------------------

TYPED = (
    "I: Hvad laver du i dag?\n"
    "VJ: Jeg er centerchef i Center for Job og Integration i Aarhus Kommune siden 2018, og jeg er 52 år. "
    "Min søster Hanne Krog bor på Søndergade 12.\n"
)
IDENTIFIERS = (
    "centerchef",
    "Center for Job og Integration",
    "Aarhus",
    "2018",
    "52 år",
    "Søndergade 12",
    "søster",
)


@pytest.fixture(scope="module")
def typed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("typed")
    (folder / "t.txt").write_text(TYPED, encoding="utf-8")
    (folder / "r.csv").write_text(
        "name,code,role,position\nVibeke Jensen,VJ,informant,centerchef\nHanne Krog,,other,\n", "utf-8"
    )
    return folder


def _pseudonymise_text(folder, *extra):
    args = ["pseudonymise-text", str(folder / "t.txt"), "--roster", str(folder / "r.csv"),
            "-o", str(folder / "o.txt"), "--key", str(folder / "k.json"), *extra]  # fmt: skip
    assert main(args) == 0
    return (folder / "o.txt").read_text(encoding="utf-8"), json.loads((folder / "k.json").read_text("utf-8"))


def test_plain_text_takes_the_profile_and_decisions_and_comes_back_byte_for_byte(typed, capsys):
    before, key = _pseudonymise_text(typed)  # no profile, no decision: the text as it always was
    assert "indirect" not in key and "centerchef" in before and "Hanne" not in before
    archive, key = _pseudonymise_text(typed, "--profile", "archive", "--generalise", "centerchef=leder")
    assert "[leder]" in archive and "[Person 1]" not in archive  # "min søster [Person 1]": a relation
    assert [w for w in IDENTIFIERS if w in archive] == []
    indirect = key["indirect"]
    assert indirect["profile"] == "archive" and indirect["counts"]["keep"] == 0
    items = {item["words"]: item for item in indirect["items"]}
    assert items["centerchef"]["replacement"] == "[leder]" and items["centerchef"]["kind"] == "position"
    assert items["Min søster Hanne Krog"]["kind"] == "relation"  # the words as written, the name with them
    assert key["entries"][0]["name"] == "Hanne Krog" and key["occurrences"]  # the names part as before
    assert "Indirect identifiers (archive): " in capsys.readouterr().out
    restored = typed / "back.txt"
    assert (
        main(["depseudonymise", str(typed / "o.txt"), "--key", str(typed / "k.json"), "-o", str(restored)])
        == 0
    )
    assert restored.read_text(encoding="utf-8") == TYPED
    appendix, key = _pseudonymise_text(typed, "--profile", "appendix", "--remove", "Søndergade 12")
    assert "centerchef" in appendix and "Søndergade" not in appendix and "[…]" in appendix
    assert key["indirect"]["counts"]["remove"] == 1 and key["indirect"]["counts"]["keep"] >= 5


# -- one informant's validation copy -------------------------------------------------------------------

# What each says; the other informant's words are marked so that any of them leaving shows.
TALK = [
    ("S1", "Velkommen begge to. Vibeke, du er centerchef i Aarhus Kommune, ikke?"),
    ("S2", "Ja, jeg har været centerchef siden 2018, og Mette kender jeg fra jobcentret."),
    ("S1", "Mette, hvad siger du til det, som Vibeke fortæller om Aarhus?"),
    ("S3", "Altså jeg er sagsbehandler i Skive og synes egentlig det hele er skævvredet."),
    ("S3", "Min mand Torben siger det samme hver eneste aften."),
    ("S1", "Tak, Mette. Vibeke, din søster Hanne arbejdede også der?"),
    ("S2", "Min søster Hanne arbejder i Aarhus, ja, det gør hun stadig."),
]
OTHER_WORDS = ("sagsbehandler", "Skive", "skævvredet", "Torben", "aften", "MSS", "Mette", "Skov", "Sørensen")
REAL = ("Vibeke", "Jensen", "Hanne", "Ida", "Holm", "Mette", "Torben")


def focus_group() -> Project:
    project = Project(
        metadata=Metadata(title="Fokusgruppe", kind="focus_group", appendix=3, citation_code="FG"),
        roster=[
            RosterEntry(label="S1", name="Ida Holm", code="I", role="interviewer"),
            RosterEntry(
                label="S2", name="Vibeke Jensen", code="VJ", role="informant", addressed_by_first_name=True
            ),
            RosterEntry(
                label="S3",
                name="Mette Skov Sørensen",
                code="MSS",
                role="informant",
                addressed_by_first_name=True,
            ),  # fmt: skip
            RosterEntry(name="Hanne Krog", role="other", addressed_by_first_name=True),
            RosterEntry(name="Torben Krogh", role="other", addressed_by_first_name=True),
        ],
    )
    clock = 1.0
    for speaker, sentence in TALK:
        segment, clock = timed_segment(len(project.segments), sentence, clock, speaker)
        project.segments.append(segment)
    project.audio.duration = clock + 1
    return project


def exported_focus_group(folder) -> Path:
    """The focus group saved in ``folder`` with its appendix exported pseudonymised (narrow lines: turns
    run over several); the project file's path."""
    path = folder / "fg.transkript.json"
    save_project(focus_group(), path)
    project = load_project(path)
    request = ExportRequest("txt", folder / "bilag.txt", width=40, pseudonymise=True, key=folder / "k.json",
                            accept_review=True, profile="appendix")  # fmt: skip
    export_transcript(project, request)
    save_project(project, path)
    return path


@pytest.fixture(scope="module")
def group(tmp_path_factory):
    folder = tmp_path_factory.mktemp("group")
    return folder, exported_focus_group(folder)


def _copy(folder, path, informant, fmt="txt"):
    project = load_project(path)
    out = folder / f"{informant}.{fmt}"
    outcome = export_transcript(project, ExportRequest(
        fmt, out, pseudonymise=True, key=folder / f"{informant}.k.json", profile="validation",
        informant=informant))  # fmt: skip
    assert not outcome.appendix and not outcome.layout_changed  # a copy, never the appendix
    return project, out


def test_the_validation_copy_has_the_informants_own_lines_and_nobody_elses(group):
    folder, path = group
    appendix = open_appendix(load_project(path))
    project, out = _copy(folder, path, "VJ")
    text = out.read_text(encoding="utf-8")
    printed = dict(re.findall(r"^ *(\d+)  (.*)$", text, re.MULTILINE))
    assert f"Linjer: {len(appendix.lines)}," in text  # one line for each line of the appendix
    for line in appendix.lines:  # the informant's own lines: as the appendix prints them, number for number
        if line.speaker == "VJ":
            assert printed[str(line.number)] == line.text.replace("MSS", OTHER_PERSON)
    assert "MSS kender jeg" in appendix.document.turns[1].text  # the appendix names her by code
    assert [w for w in (*OTHER_WORDS, *REAL) if w in text] == []
    assert text.count(LEFT_OUT) == 1 and "Anden deltager:" in text  # her two sentences are one turn
    question = " ".join(printed[str(n.number)] for n in appendix.lines if n.speaker == "I")
    assert "centerchef" not in question and OTHER_PERSON in question and "[dansk kommune]" in question
    assert "Eksportprofil: valideringskopi" in text and "Talere: I (interviewer)" in text
    assert project.layout == load_project(path).layout  # a copy: the appendix record stays as it was
    key = json.loads((folder / "VJ.k.json").read_text(encoding="utf-8"))
    assert key["entries"] and "indirect" in key


def test_each_informant_gets_their_own_and_a_group_needs_to_be_told_whose(group):
    folder, path = group
    _, out = _copy(folder, path, "MSS")
    text = out.read_text(encoding="utf-8")
    assert "skævvredet" in text and "MSS:" in text
    assert [w for w in ("2018", "jobcentret", "stadig", "VJ") if w in text] == []
    with pytest.raises(BadInputError, match="--informant"):
        request = ExportRequest(
            "txt", folder / "x.txt", pseudonymise=True, key=folder / "x.json", profile="validation"
        )
        export_transcript(load_project(path), request)
    with pytest.raises(BadInputError, match="no informant"):
        _copy(folder, path, "I")
    with pytest.raises(BadInputError, match="line-numbered|docx"):
        _copy(folder, path, "VJ", fmt="srt")


def test_the_pack_for_one_informant_shows_only_their_words_and_refuses_anothers_quote(group):
    folder, path = group
    project = load_project(path)
    appendix = open_appendix(project)
    last = [line.turn for line in appendix.lines if line.speaker == "VJ"][-1]  # "Min søster … stadig."
    own = [line.number for line in appendix.lines if line.turn == last]
    data = validation_pack(project, [f"{own[0]}-{own[-1]}"], context=50, informant="VJ")
    document = docx.Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Kære VJ" in text and [w for w in (*OTHER_WORDS, *REAL) if w in text] == []
    assert LEFT_OUT in text and "jobcentret" in text  # her own other turn as context, MSS made over
    theirs = next(line.number for line in appendix.lines if line.speaker == "MSS")
    with pytest.raises(BadInputError, match="another participant"):
        validation_pack(project, [str(theirs)], informant="VJ")
    assert main(["validation-pack", str(path), "--quote", str(own[0]), "-o", str(folder / "p.docx")]) == 2


_TURN = st.tuples(
    st.sampled_from(["I", "VJ", "MSS", None]),
    st.lists(
        st.sampled_from(["ord", "tale", "centerchef", "MSS", "[Person 2]", "i", "siden 2018"]),
        min_size=1,
        max_size=25,
    ),
)


@settings(max_examples=40, deadline=None)
@given(turns=st.lists(_TURN, min_size=1, max_size=8), width=st.integers(30, 70), pseudonymised=st.booleans())
def test_any_transcript_keeps_its_numbers_and_the_informants_lines_and_loses_everyone_elses(
    turns, width, pseudonymised
):
    """Whatever the speakers and the wrapping: one line for each line, the informant's untouched, an
    other informant's or an unknown speaker's words never there, and in a pseudonymised appendix no
    other person's code or identifier in the interviewer's lines either."""
    project = Project(roster=[RosterEntry(label="I", code="I", role="interviewer"),
                              RosterEntry(label="VJ", code="VJ", role="informant"),
                              RosterEntry(label="MSS", code="MSS", role="informant")])  # fmt: skip
    for index, (speaker, words) in enumerate(turns):
        marked = [f"{w}{index}" if speaker in ("MSS", None) and w.isalpha() else w for w in words]
        project.segments.append(timed_segment(index, " ".join(marked), index * 60.0, speaker)[0])
    document = prepare(project, settings=LayoutSettings(width=width), pseudonymised=pseudonymised)
    lines = informant_lines(document, "VJ", decisions=[])
    assert [line.number for line in lines] == [line.number for line in document.lines]
    for before, after in zip(document.lines, lines, strict=True):
        if before.speaker == "VJ" and pseudonymised:  # her own words, another participant's code made over
            assert after.text == re.sub(r"\bMSS\b", OTHER_PERSON, before.text)
        elif before.speaker == "VJ":
            assert after == before
        elif before.speaker == "I" and pseudonymised:
            assert not re.search(r"\bMSS\b|centerchef|\[Person 2\]|2018", after.text)
        elif before.speaker == "I":
            assert after == before
        else:
            assert after.text in ("", "Anden deltager: " + LEFT_OUT) and not re.search(r"\d", after.text)
