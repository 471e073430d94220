"""Indirect identifiers (core/pseudonymise/indirect.py): found on Danish sentences, generalised as the
researcher decides, the same way in every output format, and all of them in the archive profile; the
profile kept in the appendix record and printed in the provenance; old projects unchanged on a round trip."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.output_fixtures import read_back
from tests.pseudonymisation_gold import DATA, read_indirect_gold
from transcribe_app.cli import main
from transcribe_app.core.citations.appendix import appendix_lines
from transcribe_app.core.errors import BadInputError
from transcribe_app.core.exports import FORMATS
from transcribe_app.core.exports.use_case import ExportRequest, export_transcript
from transcribe_app.core.layout import AppendixRecord, lines_fingerprint
from transcribe_app.core.project.file import load_project, save_project
from transcribe_app.core.pseudonymise.indirect import (
    ARCHIVE,
    find_indirect,
    generalise_parts,
    make_indirect_decision,
)
from transcribe_app.core.pseudonymise.state import PseudonymisationState

SUFFIX = {"plain": ".plain.txt", "nvivo": ".nvivo.txt", "maxqda": ".maxqda.txt"}


@pytest.mark.parametrize(
    ("sentence", "words", "kind"),
    [
        ("Jeg er centerchef her.", "centerchef", "position"),
        ("Teamlederne var enige.", "Teamlederne", "position"),
        ("Hun blev HR-chef sidste år.", "HR-chef", "position"),
        ("Jeg sidder i Center for Job og Integration.", "Center for Job og Integration", "workplace"),
        ("Det ved de godt i jobcentret.", "jobcentret", "workplace"),
        ("Fra Styrelsen for Arbejdsmarked og Rekruttering.", "Styrelsen for Arbejdsmarked og Rekruttering",
         "organisation"),
        ("Det kom fra Undervisningsministeriet i går.", "Undervisningsministeriet", "organisation"),
        ("Jeg er 43 år nu.", "er 43 år", "age"),
        ("Hun var i fyrrerne dengang.", "i fyrrerne", "age"),
        ("Jeg er født i 1971.", "født i 1971", "age"),
        ("Det har jeg gjort siden 2018.", "siden 2018", "date"),
        ("Mødet var 12. marts 2019.", "12. marts 2019", "date"),
        ("Kontoret ligger på Østergade 7.", "Østergade 7", "place"),
        ("Min søn går på Rosenvængets Skole.", "Rosenvængets Skole", "place"),
        ("Vi flyttede til Silkeborg Kommune.", "Silkeborg Kommune", "place"),
        ("Min søster Hanne var der også.", "Min søster Hanne", "relation"),
    ],
)  # fmt: skip
def test_each_kind_is_found_in_a_danish_sentence(sentence, words, kind):
    items = find_indirect([sentence])
    assert [(item.text, item.kind) for item in items] == [(words, kind)]


def test_every_street_of_a_turn_gets_the_streets_label():
    items = find_indirect(["Fra Østergade 7 til Nørrevej 12 og Skolegade 3."])
    assert [(item.kind, item.label) for item in items] == [("place", "[adresse]")] * 3


def test_ordinary_numbers_and_labels_are_no_identifiers():
    text = "Vi var 12 i gruppen, og jeg har været her i 20 år. [Person 1] skar skiver af en odder."
    assert find_indirect([text]) == []


@settings(max_examples=40, deadline=None)
@given(age=st.integers(min_value=15, max_value=99), verb=st.sampled_from(["er", "var", "blev"]))
def test_an_age_becomes_its_decade(age, verb):
    (item,) = find_indirect([f"Hun {verb} {age} år, da hun startede."])
    low = age // 10 * 10
    assert item.kind == "age" and item.label == f"{verb} [{low}-{low + 9} år]"
    (text,), _ = generalise_parts([f"Hun {verb} {age} år."], [item], [], ARCHIVE)
    assert text == f"Hun {verb} [{low}-{low + 9} år]."


@settings(max_examples=40, deadline=None)
@given(
    year=st.integers(min_value=1900, max_value=2099), lead=st.sampled_from(["i", "siden", "fra", "indtil"])
)
def test_a_year_becomes_its_decade_or_the_chosen_label(year, lead):
    parts = [f"Det startede {lead} {year}, tror jeg.", f"Og {lead} {year} igen."]
    items = find_indirect(parts)
    assert [item.kind for item in items] == ["date", "date"]
    texts, _ = generalise_parts(parts, items, [], ARCHIVE)
    decade = f"[{str(year)[:3]}0'erne]"
    assert texts == [f"Det startede {lead} {decade}, tror jeg.", f"Og {lead} {decade} igen."]
    chosen = [make_indirect_decision("generalise", kind="date", label="for nogle år siden")]
    texts, _ = generalise_parts(parts, items, chosen, None)
    assert texts == ["Det startede [for nogle år siden], tror jeg.", "Og [for nogle år siden] igen."]


def test_decisions_per_item_beat_the_category_and_hold_in_every_turn():
    parts = ["Jeg er centerchef og 52-årig.", "Som centerchef, og kontorchef før det, er jeg 52-årig."]
    items = find_indirect(parts)
    decisions = [
        make_indirect_decision("generalise", kind="position"),
        make_indirect_decision("generalise", "centerchef", label="leder i kommunal forvaltning"),
        make_indirect_decision("remove", kind="age"),
    ]
    texts, done = generalise_parts(parts, items, decisions, "appendix")
    assert texts == [
        "Jeg er [leder i kommunal forvaltning] og […].",
        "Som [leder i kommunal forvaltning], og [leder i offentlig forvaltning] før det, er jeg […].",
    ]
    # The appendix keeps what nobody decided; the archive generalises even a kept item.
    keep = [make_indirect_decision("keep", "centerchef")]
    assert generalise_parts(parts, items, keep, "appendix")[0] == parts
    assert "centerchef" not in " ".join(generalise_parts(parts, items, keep, ARCHIVE)[0])
    with pytest.raises(BadInputError):
        make_indirect_decision("generalise", kind="hobby")


def test_the_state_and_the_appendix_record_round_trip_and_old_ones_stay_as_they_were():
    old = {"decisions": [{"action": "reject", "text": "Mark"}], "audit": []}
    assert PseudonymisationState.from_dict(old).to_dict() == old
    state = PseudonymisationState.from_dict(old)
    state.add_indirect_decision(make_indirect_decision("generalise", "centerchef", label="leder"))
    stored = json.loads(json.dumps(state.to_dict()))
    assert stored["indirect"][0]["label"] == "[leder]" and stored["audit"][0]["event"] == "indirect decision"
    assert PseudonymisationState.from_dict(stored).to_dict() == stored
    layout = {"width": 85, "timestamps": False, "level": "clean", "pseudonymised": True, "lines_sha256": "ab"}
    assert AppendixRecord.from_dict(layout).to_dict() == layout
    with_profile = {**layout, "profile": "archive"}
    assert AppendixRecord.from_dict(with_profile).to_dict() == with_profile


@pytest.fixture(scope="module")
def excerpt_project(tmp_path_factory):
    from transcribe_app.core.imports.typed import import_transcript

    folder = tmp_path_factory.mktemp("indirect")
    text, spans = read_indirect_gold(DATA / "indirect_interview.txt")
    source = folder / "interview.txt"
    turns = [line for line in text.split("\n") if line.strip()]  # timed, for the subtitle formats too
    source.write_text(
        "\n\n".join(f"[00:{i // 2:02d}:{i % 2 * 30:02d}] {t}" for i, t in enumerate(turns)), "utf-8"
    )
    path = folder / "interview.transkript.json"
    save_project(import_transcript(source), path)
    return path, spans


def _export_every_format(path, folder, profile):
    texts = {}
    for fmt in FORMATS:
        project = load_project(path)
        out = folder / f"bilag-{profile}{SUFFIX.get(fmt, '.' + fmt)}"
        request = ExportRequest(fmt, out, pseudonymise=True, key=folder / f"{fmt}.key.json", profile=profile)
        export_transcript(project, request)
        texts[fmt] = " ".join(read_back(out).split())
        if fmt == "txt":  # the appendix record keeps the profile, and citations read the same lines
            assert project.layout is not None and project.layout.profile == profile
            assert lines_fingerprint(appendix_lines(project)) == project.layout.lines_sha256
    return texts


def test_a_decision_is_applied_alike_in_every_format_and_the_archive_leaves_no_identifier(
    excerpt_project, tmp_path
):
    path, spans = excerpt_project
    project = load_project(path)
    project.pseudonymisation.add_indirect_decision(
        make_indirect_decision("generalise", "centerchef", label="leder i kommunal forvaltning")
    )
    save_project(project, path)
    for fmt, text in _export_every_format(path, tmp_path, "appendix").items():
        assert "centerchef" not in text.lower(), fmt
        assert "[leder i kommunal forvaltning]" in text or "leder i kommunal" in text, fmt
        assert "afdelingsleder" in text, fmt  # undecided: the appendix keeps it
    archive = _export_every_format(path, tmp_path, "archive")
    for fmt, text in archive.items():
        text = re.sub(r"\[[^\]]*\]", " ", text)  # the labels put in are no identifiers
        left = [s.text for s in spans if re.search(rf"\b{re.escape(s.text)}\b", text)]
        assert left == [], fmt
        if fmt in ("docx", "pdf", "txt"):
            assert "Eksportprofil: arkivkopi" in text, fmt


def test_the_command_lists_identifiers_takes_decisions_and_exports_by_profile(
    excerpt_project, tmp_path, capsys
):
    path, _ = excerpt_project
    code = main(
        ["pseudonymise", str(path), "--generalise", "rådmanden=politiker", "--generalise-category", "age"]
    )
    listed = capsys.readouterr().out
    assert code == 0 and "Indirect identifiers:" in listed and "“rådmanden”" in listed
    out = tmp_path / "bilag.txt"
    args = ["export", str(path), "--pseudonymise", "--key", str(tmp_path / "k.json"), "-o", str(out)]
    assert main([*args, "--profile", "appendix"]) == 0
    text = out.read_text(encoding="utf-8")
    assert "[politiker]" in text and "52 år" not in text and "[50-59 år]" in text
    assert "Eksportprofil: bilag" in text
    assert json.loads(path.read_text(encoding="utf-8"))["layout"]["profile"] == "appendix"
    assert main(["export", str(path), "--profile", "archive"]) != 0  # a profile needs --pseudonymise


def test_a_decision_in_one_interview_holds_in_the_others_of_its_study(tmp_path, capsys):
    folder = tmp_path / "S"
    assert main(["study", "init", str(folder)]) == 0
    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text(
            "I: Hvad laver du?\nX: Jeg er centerchef og har været det siden 2018.\n", encoding="utf-8"
        )
    assert main(["study", "add", str(folder), str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]) == 0
    a, b = folder / "a.transkript.json", folder / "b.transkript.json"
    assert main(["pseudonymise", str(a), "--generalise", "centerchef=leder"]) == 0
    assert main(["pseudonymise", str(b), "--keep-category", "date"]) == 0
    capsys.readouterr()
    args = ["--pseudonymise", "--format", "plain", "--key", str(folder / "study.key.json")]
    for project in (a, b):
        assert main(["export", str(project), *args, "--profile", "appendix"]) == 0
        assert "Jeg er [leder] og har været det siden 2018." in capsys.readouterr().out


def test_the_window_exports_with_the_chosen_profile_as_the_command_does(qtbot, excerpt_project, tmp_path):
    from PySide6.QtCore import QSettings

    from transcribe_app.gui.export_dialog import ExportDialog
    from transcribe_app.gui.key_location import remember_key_path
    from transcribe_app.gui.session import ProjectSession

    path, _ = excerpt_project
    by_command = tmp_path / "c.txt"
    args = ["export", str(path), "--pseudonymise", "--key", str(tmp_path / "c.key"), "-o", str(by_command)]
    assert main([*args, "--profile", "archive"]) == 0
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    remember_key_path(settings, path, str(tmp_path / "w.key.json"))
    session = ProjectSession(load_project(path), path, autosave_ms=60_000)
    dialog = ExportDialog(session, settings=settings)
    qtbot.addWidget(dialog)
    assert dialog.profile_combo.currentData() == "archive"  # the recorded appendix's profile
    dialog.set_format("txt")
    dialog.output_edit.setText(str(tmp_path / "w.txt"))
    dialog.export()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=120_000)
    assert (tmp_path / "w.txt").read_bytes() == by_command.read_bytes()
