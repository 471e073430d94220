"""The roster: informant codes, roster files from spreadsheets, merging, and the thesis tables."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from transcribe_app.cli import main
from transcribe_app.core.errors import BadInputError
from transcribe_app.core.project.file import load_project, save_project
from transcribe_app.core.project.record import Metadata, Project, RosterEntry
from transcribe_app.core.project.roster import (
    AppendixRow,
    InformantRow,
    appendix_overview,
    assign_codes,
    informant_table,
    merge_roster,
    read_roster,
    suggest_code,
    write_roster,
)


def write(folder: Path, name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
    return path


def diarised_elite_project() -> Project:
    """What diarisation leaves: an unnamed interviewer and an informant coded with the citation code."""
    return Project(
        metadata=Metadata(title="Interview med VJ", kind="elite", appendix=1, citation_code="VJ"),
        roster=[
            RosterEntry("S1", "", "I", "interviewer"),
            RosterEntry("S2", "", "VJ", "informant"),
        ],
    )


ROSTER_CSV = (
    "name,code,role,aliases,position,area\n"
    "Vibeke Jensen,,informant,Vibse;direktøren,kommunaldirektør,beskæftigelse\n"
    "Lars Holm,,interviewer,,,\n"
    "Bo Lund,,andet,Bo|Lund,,\n"
)


# -- codes ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Vibeke Jensen", "VJ"),
        ("Mette Skou Seiersen", "MSS"),
        ("Anna Marie Mikkelsen", "AMM"),
        ("Anne-Mette Kragh", "AMK"),
        ("Øjvind Ærø", "ØÆ"),
        ("  åse   bødker ", "ÅB"),
        ("", ""),
    ],
)
def test_informant_codes_are_initials(name, code):
    assert suggest_code(name, "informant") == code


def test_interviewer_is_i_and_moderator_m_and_organisations_get_word_initials():
    assert suggest_code("Lars Holm", "interviewer") == "I"
    assert suggest_code("Lars Holm", "interviewer", kind="focus_group") == "M"
    assert suggest_code("Silkeborg Kommune", "organisation") == "SK"


def test_clashing_initials_get_a_number_and_a_warning():
    entries = [RosterEntry(name="Bo Lund"), RosterEntry(name="Birte Larsen"), RosterEntry(name="Bent Lyng")]
    warnings = assign_codes(entries)
    assert [e.code for e in entries] == ["BL", "BL2", "BL3"]
    assert warnings[0] == (
        "Bo Lund and Birte Larsen both have the initials BL: Birte Larsen got BL2 — "
        "type another code in the roster if you prefer."
    )
    assert len(warnings) == 2


def test_a_typed_code_wins_over_an_earlier_suggestion():
    entries = [RosterEntry(name="Bo Lund"), RosterEntry(name="Birte Larsen", code="BL")]
    warnings = assign_codes(entries)
    assert [e.code for e in entries] == ["BL2", "BL"]
    assert "Bo Lund got BL2" in warnings[0]


def test_initials_that_are_the_interviewers_code_are_not_called_shared_initials():
    entries = [RosterEntry("S1", "Lars Holm", "I", "interviewer"), RosterEntry(name="Ida", role="informant")]
    (warning,) = assign_codes(entries)
    assert entries[1].code == "I2"
    assert warning.startswith("Ida has the initials I, which is already the code of Lars Holm")


def test_municipalities_with_the_same_initials_get_the_thesis_codes():
    entries = [
        RosterEntry(name="Herning Kommune", role="organisation"),
        RosterEntry(name="Holstebro Kommune", role="organisation"),
        RosterEntry(name="Silkeborg Kommune", role="organisation"),
        RosterEntry(name="Vesthimmerland Kommune", role="organisation", code="VHK"),
    ]
    warnings = assign_codes(entries)
    assert [e.code for e in entries] == ["HEK", "HOK", "SK", "VHK"]
    assert len(warnings) == 2 and "Herning Kommune got HEK" in warnings[0]


# -- reading roster files ---------------------------------------------------------


def test_comma_csv_with_aliases_position_and_area(tmp_path):
    entries = read_roster(write(tmp_path, "roster.csv", ROSTER_CSV))
    assert entries[0] == RosterEntry(
        label="",
        name="Vibeke Jensen",
        code="",
        role="informant",
        aliases=["Vibse", "direktøren"],
        position="kommunaldirektør",
        area="beskæftigelse",
    )
    assert [(e.name, e.role, e.aliases) for e in entries[1:]] == [
        ("Lars Holm", "interviewer", []),
        ("Bo Lund", "other", ["Bo", "Lund"]),
    ]


def test_semicolon_csv_from_danish_excel_in_windows_encoding(tmp_path):
    text = (
        "Navn;Kode;Rolle;Aliaser;Stilling;Område\r\n"
        'Søren Ærtebølle;SÆ;Informant;"Søren; formanden";Afdelingsleder;Jobcenter Århus\r\n'
        "Herning Kommune;HEK;Kommune;;;\r\n"
        "Mette Skou Seiersen;;;;;\r\n"
        ";;;;;\r\n"
    )
    entries = read_roster(write(tmp_path, "roster.csv", text, encoding="cp1252"))
    assert [(e.name, e.code, e.role, e.aliases, e.area) for e in entries] == [
        ("Søren Ærtebølle", "SÆ", "informant", ["Søren", "formanden"], "Jobcenter Århus"),
        ("Herning Kommune", "HEK", "organisation", [], ""),
        ("Mette Skou Seiersen", "", "informant", [], ""),  # an empty role means informant
    ]


def test_utf8_with_bom_and_windows_line_ends(tmp_path):
    path = write(tmp_path, "roster.csv", b"\xef\xbb\xbf" + "name,code\r\nÅse Bødker,ÅB\r\n".encode())
    assert [(e.name, e.code) for e in read_roster(path)] == [("Åse Bødker", "ÅB")]


def test_tab_separated_and_a_label_column(tmp_path):
    path = write(tmp_path, "roster.tsv", "label\tname\tcode\trole\nS2\tVibeke Jensen\tVJ\tinformant\n")
    assert [(e.label, e.name, e.code) for e in read_roster(path)] == [("S2", "Vibeke Jensen", "VJ")]


@pytest.mark.parametrize("role_word", ["moderator", "Intervieweer", "INTERVIEWER"])
def test_role_words_in_danish_and_english(tmp_path, role_word):
    path = write(tmp_path, "roster.csv", f"name,role\nLars Holm,{role_word}\n")
    assert read_roster(path)[0].role == "interviewer"


def test_json_list_and_roster_object(tmp_path):
    people = [
        {"name": "Vibeke Jensen", "code": "VJ", "aliases": ["Vibse"]},
        {"name": "Herning Kommune", "code": "HEK", "role": "kommune", "aliases": "Herning; kommunen"},
    ]
    as_list = read_roster(write(tmp_path, "list.json", json.dumps(people)))
    as_object = read_roster(write(tmp_path, "object.json", json.dumps({"roster": people})))
    assert as_list == as_object
    assert [(e.code, e.role, e.aliases) for e in as_list] == [
        ("VJ", "informant", ["Vibse"]),
        ("HEK", "organisation", ["Herning", "kommunen"]),
    ]


def test_a_nameless_row_is_allowed_for_a_speaker_label(tmp_path):
    path = write(tmp_path, "roster.csv", "label,name,code,role\nS1,,I,interviewer\n")
    assert read_roster(path) == [RosterEntry("S1", "", "I", "interviewer")]


BAD_CSV = [
    ("empty name", "name,code\nVibeke Jensen,VJ\n,MSS\n", ["line 3", "name is empty"]),
    ("unknown role", "name,role\nVibeke Jensen,chef\n", ["line 2", "“chef”"]),
    ("duplicate code", "name,code\nVibeke Jensen,VJ\nBo Lund,BL\nVera Juul,vj\n", ["line 2", "line 4", "VJ"]),
    ("duplicate name", "name\nBo Lund\nbo lund\n", ["line 2", "line 3", "name"]),
    ("too many fields", "name,code\nBo Lund,BL\nJensen, Vibeke,VJ\n", ["line 3", "3 cells", "2 columns"]),
    ("malformed quote", 'name,code\n"Vibeke" Jensen,VJ\n', ["line 2", "quotation mark"]),
    ("unterminated quote", 'name,code\nBo Lund,BL\n"Vibeke Jensen,VJ\nMette,MS\n', ["line 3", "not closed"]),
    ("no name header", "navnet,kode\nBo Lund,BL\n", ["line 1", "no “name” column"]),
    ("unknown column", "name,code,aliasses\nBo Lund,BL,Bo\n", ["line 1", "“aliasses”"]),
    ("code breaks citations", "name,code\nBo Lund,B L\n", ["line 2", "“B L”"]),
    ("empty file", "\ufeff\n  \n", ["empty"]),
]


@pytest.mark.parametrize(("problem", "text", "expected"), BAD_CSV, ids=[case[0] for case in BAD_CSV])
def test_bad_csv_names_the_line(tmp_path, problem, text, expected):
    with pytest.raises(BadInputError) as caught:
        read_roster(write(tmp_path, "roster.csv", text))
    for part in expected:
        assert part in str(caught.value)


def test_rows_are_counted_as_a_spreadsheet_shows_them(tmp_path):
    # The quoted cell spans two text lines but is one spreadsheet row: the bad role is on row 3.
    text = 'name,aliases,role\nVibeke Jensen,"Vibse\ndirektøren",informant\nBo Lund,,chef\n'
    with pytest.raises(BadInputError, match="line 3"):
        read_roster(write(tmp_path, "roster.csv", text))


def test_blank_rows_and_trailing_separators_are_ignored(tmp_path):
    path = write(tmp_path, "roster.csv", "\nname;code;;\nBo Lund;BL;;\n;;;\n\nVibeke Jensen;VJ;;\n")
    assert [e.code for e in read_roster(path)] == ["BL", "VJ"]


BAD_JSON = [
    ("invalid json", '[\n {"name": "Bo Lund"},\n {"name": }\n]', ["line 3", "not valid JSON"]),
    ("not an object", '[{"name": "Bo Lund"}, "Vibeke Jensen"]', ["entry 2"]),
    ("unknown key", '[{"name": "Bo Lund", "initials": "BL"}]', ["entry 1", "“initials”"]),
    ("empty name", '[{"name": "Bo Lund"}, {"name": " ", "code": "VJ"}]', ["entry 2", "name is empty"]),
    (
        "duplicate code",
        '[{"name": "A B", "code": "AB"}, {"name": "C"}, {"name": "A Bo", "code": "AB"}]',
        ["entry 1", "entry 3"],
    ),
    ("code is a number", '[{"name": "Bo Lund", "code": 7}]', ["entry 1", "must be text"]),
    ("not a list", '{"people": []}', ["list of people"]),
]


@pytest.mark.parametrize(("problem", "text", "expected"), BAD_JSON, ids=[case[0] for case in BAD_JSON])
def test_bad_json_names_the_entry(tmp_path, problem, text, expected):
    with pytest.raises(BadInputError) as caught:
        read_roster(write(tmp_path, "roster.json", text))
    for part in expected:
        assert part in str(caught.value)


def test_unreadable_files_say_why(tmp_path):
    with pytest.raises(BadInputError, match="does not exist"):
        read_roster(tmp_path / "missing.csv")
    with pytest.raises(BadInputError, match="line 2.*neither UTF-8 nor Windows"):
        read_roster(write(tmp_path, "bytes.csv", b"name\nBo \x81 Lund\n"))
    with pytest.raises(BadInputError, match="line 3.*mixes two text encodings"):
        read_roster(write(tmp_path, "mixed.csv", "name\nSøren\n".encode() + "Bødker\n".encode("cp1252")))
    with pytest.raises(BadInputError, match="Excel workbook"):
        read_roster(write(tmp_path, "roster.csv", b"PK\x03\x04\x14\x00\x06\x00"))
    with pytest.raises(BadInputError, match=r"\.csv .* \.json"):
        read_roster(write(tmp_path, "roster.xlsx", "name\nBo Lund\n"))


# -- writing -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["roster.csv", "roster.json", "roster.tsv"])
def test_written_rosters_read_back_the_same(tmp_path, name):
    entries = [
        RosterEntry(
            "S2", "Vibeke Jensen", "VJ", "informant", ["Vibse", "direktøren"], "direktør", "Region Midt"
        ),
        RosterEntry("S1", "", "I", "interviewer"),
        RosterEntry("", "Herning Kommune", "HEK", "organisation", ["Herning, kommunen"]),
    ]
    write_roster(entries, tmp_path / name)
    assert read_roster(tmp_path / name) == entries


def test_csv_is_written_with_a_bom_so_excel_shows_danish_letters(tmp_path):
    write_roster([RosterEntry(name="Øjvind Ærø", code="ØÆ")], tmp_path / "roster.csv")
    assert (tmp_path / "roster.csv").read_bytes().startswith(b"\xef\xbb\xbfname,code,role")


def test_a_roster_is_never_written_over_a_project_file(tmp_path):
    project_file = tmp_path / "vj.transkript.json"
    save_project(diarised_elite_project(), project_file)
    before = project_file.read_bytes()
    with pytest.raises(BadInputError, match="project file"):
        write_roster([RosterEntry(name="Bo Lund")], project_file)
    assert project_file.read_bytes() == before


# -- merging into a project ----------------------------------------------------------


def test_merge_fills_the_diarised_speakers_and_adds_people_who_are_only_mentioned(tmp_path):
    project = diarised_elite_project()
    warnings = merge_roster(project, read_roster(write(tmp_path, "roster.csv", ROSTER_CSV)))
    assert warnings == []
    assert [(e.label, e.name, e.code, e.role) for e in project.roster] == [
        ("S1", "Lars Holm", "I", "interviewer"),
        ("S2", "Vibeke Jensen", "VJ", "informant"),
        ("", "Bo Lund", "BL", "other"),
    ]
    assert project.code_for("S2") == "VJ"


def test_merge_matches_by_code_then_name_and_empty_cells_erase_nothing():
    project = diarised_elite_project()
    project.roster[1] = RosterEntry("S2", "Vibeke Jensen", "VJ", "informant", ["Vibse"], "direktør", "Midt")
    merge_roster(
        project, [RosterEntry(name="VIBEKE JENSEN", code="", role="informant", area="beskæftigelse")]
    )
    merge_roster(project, [RosterEntry(name="Vibeke Jensen", code="VJ", role="informant", position="chef")])
    assert len(project.roster) == 2
    assert project.roster[1] == RosterEntry(
        "S2", "Vibeke Jensen", "VJ", "informant", ["Vibse"], "chef", "beskæftigelse"
    )


def test_merge_says_when_a_known_person_changes_role_or_name():
    project = diarised_elite_project()
    project.roster[0].name = "Lars Holm"
    warnings = merge_roster(project, [RosterEntry(label="S1", name="Lars Holst", code="I", role="informant")])
    assert any("Lars Holm is renamed Lars Holst" in w for w in warnings)
    assert any("was interviewer in the project and is now informant" in w for w in warnings)


def test_merge_that_would_give_two_people_one_code_changes_nothing():
    project = diarised_elite_project()
    before = copy.deepcopy(project.roster)
    imported = [
        RosterEntry(label="S1", name="Lars Holm", code="LH", role="interviewer"),
        RosterEntry(label="S2", name="Vibeke Jensen", code="LH", role="informant"),
    ]
    with pytest.raises(BadInputError, match="Lars Holm and Vibeke Jensen both have the code “LH”"):
        merge_roster(project, imported)
    assert project.roster == before


def test_merge_gives_new_people_codes_that_do_not_clash_with_the_project():
    project = diarised_elite_project()
    warnings = merge_roster(project, [RosterEntry(name="Vera Juul", role="other")])
    assert project.roster[-1].code == "VJ2"
    assert "which is already the code of speaker S2" in warnings[0]


# -- thesis tables -------------------------------------------------------------------


def test_informant_table_lists_named_informants_by_code():
    roster = [
        RosterEntry("S1", "Lars Holm", "I", "interviewer"),
        RosterEntry("S3", "Mette Skou Seiersen", "MSS", "informant", position="leder", area="jobcenter"),
        RosterEntry("S2", "Vibeke Jensen", "VJ", "informant", position="direktør", area="beskæftigelse"),
        RosterEntry("S4", "", "B10", "informant"),
        RosterEntry("", "Herning Kommune", "HEK", "organisation"),
    ]
    assert informant_table(roster) == [
        InformantRow("Mette Skou Seiersen", "leder", "jobcenter", "MSS"),
        InformantRow("Vibeke Jensen", "direktør", "beskæftigelse", "VJ"),
    ]


def test_appendix_overview_orders_interviews_by_appendix_number():
    elite = diarised_elite_project()
    elite.metadata.appendix = 3
    focus = Project(
        metadata=Metadata(title="Fokusgruppe", kind="focus_group", appendix=1),
        roster=[
            RosterEntry("S1", "", "M", "interviewer"),
            RosterEntry("S3", "", "B10", "informant"),
            RosterEntry("S2", "", "B2", "informant"),
        ],
    )
    unnumbered = Project(metadata=Metadata(title="Pilot", citation_code="PI"))
    herning = Project(metadata=Metadata(title="Herning", kind="focus_group", appendix=2, citation_code="HEK"))
    assert appendix_overview([unnumbered, elite, focus, herning]) == [
        AppendixRow("B2, B10", 1, "Fokusgruppe"),
        AppendixRow("HEK", 2, "Herning"),
        AppendixRow("VJ", 3, "Interview med VJ"),
        AppendixRow("PI", None, "Pilot"),
    ]


# -- the roster command --------------------------------------------------------------


@pytest.fixture
def project_file(tmp_path) -> Path:
    path = tmp_path / "vj.transkript.json"
    save_project(diarised_elite_project(), path)
    return path


def test_cli_import_then_reimport_merges_without_duplicates(tmp_path, project_file, capsys):
    roster = write(tmp_path, "roster.csv", ROSTER_CSV)
    assert main(["roster", str(project_file), "--import", str(roster)]) == 0
    assert "roster from roster.csv: 2 updated, 1 added" in capsys.readouterr().err
    assert main(["roster", str(project_file), "--import", str(roster)]) == 0
    assert "roster from roster.csv: 3 updated, 0 added" in capsys.readouterr().err
    project = load_project(project_file)
    assert [(e.label, e.name, e.code, e.aliases) for e in project.roster] == [
        ("S1", "Lars Holm", "I", []),
        ("S2", "Vibeke Jensen", "VJ", ["Vibse", "direktøren"]),
        ("", "Bo Lund", "BL", ["Bo", "Lund"]),
    ]


def test_cli_prints_warnings_for_clashing_initials(tmp_path, project_file, capsys):
    roster = write(tmp_path, "roster.csv", "name,role\nBo Lund,andet\nBirte Larsen,andet\n")
    assert main(["roster", str(project_file), "--import", str(roster)]) == 0
    assert "Note: Bo Lund and Birte Larsen both have the initials BL: Birte Larsen got BL2" in (
        capsys.readouterr().err
    )
    assert [e.code for e in load_project(project_file).roster][-2:] == ["BL", "BL2"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("name,code\nVibeke Jensen,VJ\nVera Juul,VJ\n", "line 2 and line 3"),
        ("name,role\nVibeke Jensen,chef\n", "line 2"),
        ("label,name,code\nS1,Lars Holm,VJ\n", "Lars Holm and speaker S2 both have the code “VJ”"),
    ],
)
def test_cli_bad_roster_exits_2_and_leaves_the_project_untouched(
    tmp_path, project_file, capsys, content, expected
):
    before = project_file.read_bytes()
    roster = write(tmp_path, "roster.csv", content)
    assert main(["roster", str(project_file), "--import", str(roster)]) == 2
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err
    assert project_file.read_bytes() == before
    assert not (tmp_path / "vj.transkript.json.bak").exists()


def test_cli_missing_roster_file_exits_2(tmp_path, project_file, capsys):
    assert main(["roster", str(project_file), "--import", str(tmp_path / "nope.csv")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_cli_export_then_import_into_another_project(tmp_path, project_file, capsys):
    assert main(["roster", str(project_file), "--import", str(write(tmp_path, "in.csv", ROSTER_CSV))]) == 0
    exported = tmp_path / "out.json"
    assert main(["roster", str(project_file), "--export", str(exported)]) == 0
    other = tmp_path / "other.transkript.json"
    save_project(diarised_elite_project(), other)
    assert main(["roster", str(other), "--import", str(exported)]) == 0
    assert load_project(other).roster == load_project(project_file).roster


def test_cli_shows_roster_and_informant_table(tmp_path, project_file, capsys):
    csv_text = (
        "name,code,role,aliases,position,area\nVibeke Jensen,VJ,informant,Vibse,direktør,beskæftigelse\n"
    )
    main(["roster", str(project_file), "--import", str(write(tmp_path, "r.csv", csv_text))])
    capsys.readouterr()
    assert main(["roster", str(project_file)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["label", "code", "role", "name", "aliases"]
    assert lines[2].split() == ["S2", "VJ", "informant", "Vibeke", "Jensen", "Vibse"]
    table = lines[lines.index("Informant table") + 1 :]
    assert [line.split() for line in table] == [
        ["name", "position", "area", "code"],
        ["Vibeke", "Jensen", "direktør", "beskæftigelse", "VJ"],
    ]
