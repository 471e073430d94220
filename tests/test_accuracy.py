"""``accuracy``: WER and CER of what Whisper wrote against the corrected transcript, checked against jiwer.

The machine's words are Whisper base's on the NST clips (``tests/data/nst_da/base_hypotheses.tsv``,
made by ``bench/accuracy_nst.py``); the corrections are the NST references typed over them with the
window's own edit (``tests/accuracy_fixtures.py``). No Whisper runs here.
"""

from __future__ import annotations

import json

import jiwer
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.accuracy_fixtures import base_hypotheses, clip_key, corrected_nst_project, raw_references
from tests.speech import nst_clips
from transcribe_app.cli import main
from transcribe_app.core.asr import word_alignment
from transcribe_app.core.asr.accuracy import measure, normalised_words
from transcribe_app.core.asr.word_alignment import DELETE, EQUAL, INSERT, SUBSTITUTE, align, distance
from transcribe_app.core.imports.typed import import_transcript
from transcribe_app.core.project.file import load_project, save_project


def _norm(text: str) -> str:
    return " ".join(normalised_words(text))


@pytest.fixture(scope="module")
def hypotheses() -> dict[str, str]:
    return base_hypotheses()


@pytest.fixture
def corrected(tmp_path, hypotheses):
    path = tmp_path / "nst.transkript.json"
    save_project(corrected_nst_project(hypotheses), path)
    return path


def test_each_clip_has_jiwers_wer_and_cer(hypotheses):
    references = raw_references()
    for clip in nst_clips():
        speaker, reference = references[clip_key(clip.path)]
        hypothesis = hypotheses[clip_key(clip.path)]
        report = measure([(speaker, reference)], hypothesis)
        assert report.overall.wer == pytest.approx(100 * jiwer.wer(_norm(reference), _norm(hypothesis)))
        assert report.overall.cer == pytest.approx(100 * jiwer.cer(_norm(reference), _norm(hypothesis)))


def test_the_corrected_project_has_jiwers_figures_overall_and_per_speaker(corrected, hypotheses, capsys):
    references = raw_references()
    order = [clip_key(clip.path) for clip in nst_clips()]
    whole_ref = " ".join(_norm(references[key][1]) for key in order)
    whole_hyp = " ".join(_norm(hypotheses[key]) for key in order)
    wer, cer = 100 * jiwer.wer(whole_ref, whole_hyp), 100 * jiwer.cer(whole_ref, whole_hyp)
    assert 30 < wer < 70  # Whisper base on Danish read speech: the figure the suite knows (~46 %)

    assert main(["accuracy", str(corrected)]) == 0
    out = capsys.readouterr().out
    assert f"WER {wer:.1f} %" in out.splitlines()
    assert f"CER {cer:.1f} %" in out.splitlines()
    assert "Per speaker:" in out and "mens → men" in out  # the words to put in the prompt

    assert main(["accuracy", str(corrected), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["overall"]["wer"] == pytest.approx(wer, abs=0.01)
    assert data["reference"] == "the corrected transcript" and "lower case" in data["normalisation"]
    speakers = data["speakers"]
    assert set(speakers) == {"0013", "0042", "25", "113"}
    for key in ("words", "substitutions", "deletions", "insertions"):
        assert sum(s[key] for s in speakers.values()) == data["overall"][key]
    assert data["overall"]["words"] == len(whole_ref.split())
    # One speaker alone: jiwer's edits on that speaker's clips (read in a row), but for a word at
    # either end of the speaker's stretch, which the whole text's alignment may give to a neighbour.
    only = [key for key in order if references[key][0] == "0042"]
    alone = jiwer.process_words(
        " ".join(_norm(references[k][1]) for k in only), " ".join(_norm(hypotheses[k]) for k in only)
    )
    errors = (
        speakers["0042"]["substitutions"] + speakers["0042"]["deletions"] + speakers["0042"]["insertions"]
    )
    assert abs(errors - (alone.substitutions + alone.deletions + alone.insertions)) <= 2


def test_a_typed_reference_gives_the_same_figures(corrected, tmp_path, capsys):
    references = raw_references()
    typed = tmp_path / "typed.txt"
    typed.write_text(
        "\n".join(
            f"S{references[clip_key(c.path)][0]}: {references[clip_key(c.path)][1]}" for c in nst_clips()
        ),
        encoding="utf-8",
    )
    assert main(["accuracy", str(corrected), "--json", "--no-words"]) == 0
    from_edits = json.loads(capsys.readouterr().out)
    assert main(["accuracy", str(corrected), "--reference", str(typed), "--json", "--no-words"]) == 0
    from_typed = json.loads(capsys.readouterr().out)
    assert from_typed["overall"] == from_edits["overall"]
    assert set(from_typed["speakers"]) == {"S0013", "S0042", "S25", "S113"}  # the typed codes
    assert from_typed["reference"] == "typed.txt" and "substitutions" not in from_typed


def test_what_cannot_be_measured_is_a_sentence(corrected, tmp_path, capsys):
    project = load_project(corrected)
    uncorrected = tmp_path / "uncorrected.transkript.json"
    project.edits = []
    save_project(project, uncorrected)
    assert main(["accuracy", str(uncorrected)]) == 2
    assert "has not been corrected yet" in capsys.readouterr().err

    older = tmp_path / "older.transkript.json"  # corrected before Whisper's words were kept
    project = load_project(corrected)
    project.recognised = None
    save_project(project, older)
    assert main(["accuracy", str(older)]) == 2
    assert "is no longer known" in capsys.readouterr().err

    typed = tmp_path / "typed.txt"
    typed.write_text("I: Hej med dig\n", encoding="utf-8")
    imported = tmp_path / "imported.transkript.json"
    save_project(import_transcript(typed), imported)
    assert main(["accuracy", str(imported), "--reference", str(typed)]) == 2
    assert "holds no machine transcript" in capsys.readouterr().err

    assert main(["accuracy", str(corrected), "--reference", str(tmp_path / "missing.docx")]) == 2
    assert "missing.docx" in capsys.readouterr().err


def test_the_machine_transcript_survives_a_save_and_leaves_older_files_alone(corrected, tmp_path):
    stored = corrected.read_bytes()
    save_project(load_project(corrected), corrected)
    assert corrected.read_bytes() == stored
    data = json.loads(stored)
    assert data["recognised"]["segments"][0]["text"].split()[0] == "Tester"  # Whisper's, not the reference
    without = tmp_path / "without.transkript.json"
    project = load_project(corrected)
    project.recognised = None
    save_project(project, without)
    assert "recognised" not in json.loads(without.read_bytes())


def test_normalisation_is_as_stated():
    text = "Hej, Vibeke! (.) Det er (3 sek.) [uforståeligt] IT-chef… 2,5 mio. «Ærø» Aa"
    assert normalised_words(text) == ["hej", "vibeke", "det", "er", "it-chef", "2,5", "mio", "ærø", "aa"]
    assert measure([("I", "Det var 22 år")], "det var toogtyve år").overall.substitutions == 1


# -- properties -------------------------------------------------------------------------------------

_WORDS = st.lists(st.sampled_from(["jeg", "du", "og", "øh", "ikke", "så", "år", "det"]), max_size=14)
_TURNS = st.lists(st.tuples(st.sampled_from(["I", "VJ", "B1"]), _WORDS), min_size=1, max_size=5)


@settings(max_examples=60, deadline=None)
@given(turns=_TURNS, machine=_WORDS)
def test_figures_are_jiwers_and_the_speakers_add_up(turns, machine):
    reference = [(code, " ".join(words)) for code, words in turns]
    report = measure(reference, " ".join(machine))
    ref = " ".join(w for _, words in turns for w in words)
    overall = report.overall
    if ref and machine:
        assert overall.wer == pytest.approx(100 * jiwer.wer(ref, " ".join(machine)))
        assert overall.cer == pytest.approx(100 * jiwer.cer(ref, " ".join(machine)))
    if ref:
        assert measure(reference, ref).overall.errors == 0  # identical: no error at all
        assert measure(reference, ref).overall.cer == 0
    for key in ("words", "substitutions", "deletions", "insertions"):
        assert sum(getattr(s, key) for s in report.speakers.values()) == getattr(overall, key)
    assert overall.words == len(ref.split())


@settings(max_examples=60, deadline=None)
@given(a=_WORDS, b=_WORDS)
def test_edits_are_symmetric_and_the_script_is_valid(a, b):
    forward, backward = align(a, b), align(b, a)
    count = sum(s.op != EQUAL for s in forward)
    assert count == sum(s.op != EQUAL for s in backward) == distance(a, b) == distance(b, a)
    ops = {op: sum(s.op == op for s in forward) for op in (SUBSTITUTE, DELETE, INSERT)}
    back = {op: sum(s.op == op for s in backward) for op in (SUBSTITUTE, DELETE, INSERT)}
    assert ops[DELETE] - ops[INSERT] == back[INSERT] - back[DELETE] == len(a) - len(b)
    # The script turns a into b.
    assert [b[s.hyp] for s in forward if s.hyp is not None] == b
    assert [a[s.ref] for s in forward if s.ref is not None] == a


@settings(max_examples=40, deadline=None)
@given(a=_WORDS, b=_WORDS)
def test_long_inputs_cut_at_shared_words_never_count_fewer_edits(a, b, monkeypatch_module):
    exact = distance(a, b)
    monkeypatch_module.setattr(word_alignment, "MAX_CELLS", 4)  # every pair "long"
    steps = align(a, b)
    assert [b[s.hyp] for s in steps if s.hyp is not None] == b
    assert sum(s.op != EQUAL for s in steps) >= exact
    monkeypatch_module.undo()


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch
