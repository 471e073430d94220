"""The REFI-QDA project (``export … --format qdpx``): valid against the standard's schema, and read back.

Each export is validated against ``tests/data/refi/Project-mrt2019.xsd`` with ``xmlschema`` and then
read back as a QDA program would: the zip's members, the transcript each source points at, the sync
points (positions growing, times never going back and within the recording), the cases and their
variables, and the basket's codes whose selections must hold the quoted words.
"""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
import zipfile
from functools import lru_cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transcribe_app.cli import main
from transcribe_app.core.errors import BadInputError
from transcribe_app.core.exports import qdpx_export
from transcribe_app.core.exports.printable import printable
from transcribe_app.core.exports.qdpx_export import LoadedInterview, QdpxRequest, export_qdpx
from transcribe_app.core.project.file import load_project
from transcribe_app.core.project.record import Metadata, Project, RosterEntry
from transcribe_app.core.project.transcript import Segment, Word

DATA = Path(__file__).parent / "data"
SCHEMA = DATA / "refi" / "Project-mrt2019.xsd"
NS = {"q": "urn:QDA-XML:project:1.0"}
RECORDING = DATA / "nst_da" / "wav" / "danspeech_u0013002.wav"


@lru_cache(maxsize=1)
def schema():
    import xmlschema

    return xmlschema.XMLSchema(str(SCHEMA))


class Package:
    """A .qdpx read back: its members, its XML (validated) and the texts its sources point at."""

    def __init__(self, path: Path):
        self.path = path
        with zipfile.ZipFile(path) as archive:
            self.members = archive.namelist()
            self.data = {name: archive.read(name) for name in self.members}
        qde = self.data["project.qde"].decode("utf-8")
        schema().validate(qde)  # raises with the first place the file breaks the standard
        self.root = ET.fromstring(qde)

    def all(self, tag: str) -> list[ET.Element]:
        return self.root.findall(f".//q:{tag}", NS)

    def internal(self, path: str) -> bytes:
        assert path.startswith("internal://")
        return self.data[f"Sources/{path[len('internal://'):]}"]

    def everything(self) -> str:
        """Every text in the zip and every member's name: where a name must not be."""
        texts = [data.decode("utf-8") for name, data in self.data.items() if not name.endswith(".wav")]
        return "\n".join([*texts, *self.members, self.path.name])


def _study(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A folder with two interviews: one with its recording and a quote basket, one whose recording
    is gone."""
    folder = tmp_path / "studie"
    folder.mkdir()
    shutil.copy(RECORDING, folder / "interview.wav")
    with_sound = folder / "a.transkript.json"
    data = json.loads((DATA / "projects" / "pseudonymised.transkript.json").read_text(encoding="utf-8"))
    data["audio"]["path"] = "interview.wav"
    data["audio"]["duration"] = 60.0  # shorter than the words: sync points must stay within it
    with_sound.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    without = folder / "b.transkript.json"
    data = json.loads((DATA / "projects" / "transcribed.transkript.json").read_text(encoding="utf-8"))
    data["audio"] = {"path": "gone.m4a", "sha256": "6" * 64, "duration": 87.08}
    data["metadata"].update(appendix=2, citation_code="HEK", kind="focus_group")
    data["roster"][1].update(name="Hans Eriksen", code="HEK", position="direktør", area="Region Midt")
    without.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return folder, with_sound, without


def _export(args: list[str], capsys) -> tuple[int, str]:
    code = main(["export", *args])
    return code, capsys.readouterr().err


def test_a_study_folder_becomes_a_valid_refi_qda_project(tmp_path, capsys):
    folder, with_sound, without = _study(tmp_path)
    out = tmp_path / "studie.qdpx"
    code, err = _export([str(folder), "-o", str(out)], capsys)
    assert code == 0, err
    assert "recording of b.transkript.json is not at" in err  # the missing one: a sentence
    package = Package(out)
    assert package.members[0] == "project.qde" and all(m.startswith("Sources/") for m in package.members[1:])

    audio, = package.all("AudioSource")
    assert audio.get("name") == "Bilag 1 - Interview med VJ.wav"
    assert package.internal(audio.get("path")) == RECORDING.read_bytes()
    transcript = audio.find("q:Transcript", NS)
    text = package.internal(transcript.get("plainTextPath")).decode("utf-8")
    assert "\r" not in text and "  1  I: Altså, det var jo en stor omstilling for os." in text
    points = transcript.findall("q:SyncPoint", NS)
    positions = [int(p.get("position")) for p in points]
    times = [int(p.get("timeStamp")) for p in points]
    assert positions == sorted(set(positions)) and positions[-1] == len(text)
    assert times == sorted(times) and times[0] == 0 and times[-1] <= 60_000 and times[2] > 0
    starts = [m.start() for m in re.finditer(r"(?m)^ *\d+  ", text)]
    assert set(starts) <= set(positions)  # every numbered line starts at a sync point

    # the basket: a code per quote under "Citatkurv", each selection holding the quoted words
    basket, = [c for c in package.all("Code") if c.get("name") == "Citatkurv"]
    quote_codes = {c.get("guid"): c.get("name") for c in basket.findall("q:Code", NS)}
    assert sorted(quote_codes.values()) == ["(VJ: 1-2)", "(VJ: 4)"]
    by_guid = {p.get("guid"): int(p.get("position")) for p in points}
    stored = {q["citation"]: q["text"] for q in json.loads(with_sound.read_text())["quotes"]}
    selections = transcript.findall("q:TranscriptSelection", NS)
    assert len(selections) == 2
    for selection in selections:
        selected = text[by_guid[selection.get("fromSyncPoint")] : by_guid[selection.get("toSyncPoint")]]
        spoken = re.sub(r"(?m)^ *\d+  (?:[A-Z]+: )?", "", selected)
        code = quote_codes[selection.find("q:Coding/q:CodeRef", NS).get("targetGUID")]
        assert " ".join(spoken.split()) == " ".join(stored[code].split())
        assert selection.get("creatingUser") and selection.get("creationDateTime") == "2026-03-03T10:00:00Z"

    # the interview without its recording: text only, same numbered lines
    text_source, = package.all("TextSource")
    assert text_source.get("name") == "Bilag 2 - Fokusgruppe HEK"
    plain = package.internal(text_source.get("plainTextPath")).decode("utf-8")
    assert plain.startswith("Bilag 2: Fokusgruppe")

    # cases: informants and interviewers, with their roster facts; the interviewer of both is one case
    cases = {c.get("name"): c for c in package.all("Case")}
    assert set(cases) == {"Ida Holm (I)", "Vibeke Jensen (VJ)", "Hans Eriksen (HEK)"}
    variables = {v.get("guid"): v.get("name") for v in package.all("Variable")}

    def values(case):
        return {variables[v.find("q:VariableRef", NS).get("targetGUID")]: v[1].text
                for v in case.findall("q:VariableValue", NS)}  # fmt: skip

    assert values(cases["Hans Eriksen (HEK)"]) == {
        "Kode": "HEK", "Rolle": "informant", "Interviewform": "fokusgruppe", "Interviewdato": "2024-03-05",
        "Stilling": "direktør", "Område": "Region Midt",
    }  # fmt: skip
    assert values(cases["Ida Holm (I)"])["Interviewform"] == "eliteinterview, fokusgruppe"
    assert len(cases["Ida Holm (I)"].findall("q:SourceRef", NS)) == 2

    # every GUID is unique, and a second export gives the same ones
    guids = [e.get("guid") for e in package.root.iter() if e.get("guid")]
    assert len(guids) == len(set(guids))
    again = tmp_path / "igen.qdpx"
    assert _export([str(with_sound), str(without), "--format", "qdpx", "-o", str(again)], capsys)[0] == 0
    assert [e.get("guid") for e in Package(again).root.iter() if e.get("guid")] == guids
    # a quote taken out of the basket leaves the others' GUIDs as they were
    data = json.loads(with_sound.read_text(encoding="utf-8"))
    del data["quotes"][0]
    with_sound.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    fewer = tmp_path / "færre.qdpx"
    assert _export([str(folder), "--format", "qdpx", "-o", str(fewer)], capsys)[0] == 0
    left = {c.get("name"): c.get("guid") for c in Package(fewer).all("Code")}
    second = next(guid for guid, name in quote_codes.items() if name == "(VJ: 4)")
    assert left == {"Citatkurv": basket.get("guid"), "(VJ: 4)": second}


def test_the_pseudonymised_project_holds_no_real_name_anywhere(tmp_path, capsys):
    folder, with_sound, _ = _study(tmp_path)
    out, key = tmp_path / "studie_pseudo.qdpx", tmp_path / "studie.key.json"
    args = [str(folder), "--format", "qdpx", "--pseudonymise", "--key", str(key), "-o", str(out)]
    code, err = _export(args, capsys)
    assert code == 0, err
    package = Package(out)
    everything = package.everything()
    names = {"Ida", "Holm", "Vibeke", "Jensen", "Hans", "Eriksen", "Dan"}
    assert not [name for name in names if re.search(rf"\b{name}\b", everything, re.IGNORECASE)]
    assert {c.get("name") for c in package.all("Case")} == {"I", "VJ", "HEK"}
    assert "[Person 1]" in everything
    assert json.loads(key.read_text())["source"] == "qdpx"
    audit = load_project(with_sound).pseudonymisation.audit
    assert audit[-1].event == "key written" and audit[-1].details["format"] == "qdpx"

    # a name that slips in (here: through the file name) stops it, and nothing is written
    stopped = tmp_path / "Vibeke_Jensen.qdpx"
    code, err = _export([str(with_sound), "--format", "qdpx", "--pseudonymise", "--key", str(key),
                         "-o", str(stopped)], capsys)  # fmt: skip
    assert code == 4 and not stopped.exists() and "Vibeke" in err


def test_bad_requests_are_refused_with_a_sentence(tmp_path, capsys):
    folder, with_sound, _ = _study(tmp_path)
    for out in (with_sound, folder / "interview.wav"):  # the output may not be an input
        before = out.read_bytes()
        code, err = _export([str(folder), "--format", "qdpx", "-o", str(out)], capsys)
        assert code == 2 and out.read_bytes() == before, err
    code, err = _export([str(tmp_path / "tom"), "--format", "qdpx", "-o", str(tmp_path / "x.qdpx")], capsys)
    assert code == 2
    (tmp_path / "tom").mkdir()
    code, err = _export([str(tmp_path / "tom"), "-o", str(tmp_path / "x.qdpx")], capsys)
    assert code == 2 and "holds no Transkript projects" in err
    code, err = _export([str(folder), "--pseudonymise", "-o", str(tmp_path / "x.qdpx")], capsys)
    assert code == 2 and "needs a key" in err and not (tmp_path / "x.qdpx").exists()


def test_a_recording_too_large_for_the_zip_goes_in_as_text(tmp_path, monkeypatch):
    folder, with_sound, _ = _study(tmp_path)
    monkeypatch.setattr(qdpx_export, "MAX_RECORDING_BYTES", 1000)
    out = tmp_path / "stor.qdpx"
    outcome = export_qdpx([LoadedInterview(with_sound, load_project(with_sound))], QdpxRequest(out))
    assert outcome.recordings == 0 and "more than the 2 GB" in outcome.notes[0]
    package = Package(out)
    assert not package.all("AudioSource") and len(package.all("TextSource")) == 1
    assert not [m for m in package.members if m.endswith(".wav")]
    selections = package.all("PlainTextSelection")  # the quotes, by position in the text
    text = package.internal(package.all("TextSource")[0].get("plainTextPath")).decode("utf-8")
    first = selections[0]
    assert text[int(first.get("startPosition")) : int(first.get("endPosition"))].startswith("  1  I: Altså")


# Text as a transcript can hold it: XML's special characters, control characters, any letters.
_odd_text = st.text(
    alphabet=st.one_of(st.sampled_from("<>&\"' \t\n\x00\x01\x1b\ufeffæøåÆØÅ]]>"), st.characters()),
    max_size=40,
)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(_odd_text, min_size=1, max_size=4), title=_odd_text, name=_odd_text)
def test_odd_texts_give_a_valid_project_or_a_sentence(tmp_path, texts, title, name):
    project = Project(metadata=Metadata(title=title, date="2024-01-02"), cleanup_level="verbatim")
    project.roster = [RosterEntry(label="S1", name=name, code="X", role="informant")]
    project.segments = [
        Segment(i, i * 2.0, i * 2.0 + 1.5, text, [Word(text, i * 2.0, i * 2.0 + 1.5, 0.9)], speaker="S1")
        for i, text in enumerate(texts)
    ]
    out = tmp_path / "odd.qdpx"
    out.unlink(missing_ok=True)
    try:
        export_qdpx([LoadedInterview(tmp_path / "odd.transkript.json", project)], QdpxRequest(out))
    except BadInputError as error:  # nothing to export: a sentence, and no file
        assert "any text" in str(error) and not out.exists()
        return
    package = Package(out)
    source, = package.all("TextSource")
    assert source.get("modifiedDateTime") and source.get("modifyingUser")  # dates set even with none recorded
    text = package.internal(source.get("plainTextPath")).decode("utf-8")
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", text)
    for spoken in texts:
        words = [printable(word) for word in spoken.split()]  # a form feed parts words, as a space
        assert all(word in text for word in words)
