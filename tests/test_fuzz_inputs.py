"""Fuzz: broken project files, key files, rosters, typed transcripts and manuscripts, through every command.

Each case breaks one input of a valid world (``tests/fuzz_inputs.py``) and runs the
commands that read it, in this process with ``--debug``. Whatever the damage:

- no traceback reaches the researcher (nor the last-resort "unexpected problem" sentence:
  that would be a cause not fixed at its root);
- the exit status is 0 (a lenient read), 2 (bad input), 3 (no model) or 4 (the leak check),
  and 1 only for the two commands whose check may fail (find-quote, check-citations);
- a command that fails leaves the project file byte for byte as it was.

The causes found by hand come first, each through every command; then hypothesis breaks
inputs at random. A few cases run through a real subprocess, as a researcher runs them.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import fuzz_inputs as fz

REPO = Path(__file__).resolve().parents[1]
RUNS: Counter[str] = Counter()  # command runs per input kind, reported at the end of the module
FAST = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    database=None,
)


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """The valid inputs, made once; models and the error log kept out of the user's folders."""
    base = tmp_path_factory.mktemp("fuzz")
    with pytest.MonkeyPatch.context() as patch:
        from transcribe_app.core.asr import models

        (base / "no-models").mkdir()
        patch.setattr(models, "app_models_dir", lambda: base / "no-models")
        patch.setenv("TRANSKRIPT_MODEL_DIR", str(base / "no-models"))
        patch.setenv("HF_HUB_OFFLINE", "1")
        patch.setenv("HF_HUB_CACHE", str(base / "hf-cache"))
        patch.setenv("TRANSKRIPT_LOG_DIR", str(base / "log"))
        yield fz.make_world(base / "world")
    print(f"\nfuzz command runs: {dict(RUNS)}, total {sum(RUNS.values())}")


def run_all(kind: str, folder: Path, commands: list[list[str]], stdin: str = "") -> list[str]:
    """Run ``commands`` one after another; the problems found (empty when all ended well)."""
    problems = []
    project = folder / fz.PROJECT
    for argv in commands:
        before = project.read_bytes()
        result = fz.run_cli(argv, stdin if argv[0] == "clean-text" else "")
        RUNS[kind] += 1
        problem = fz.problem(result)
        if problem is None and result.code != 0 and project.read_bytes() != before:
            problem = "the project changed although the command failed"
        if problem is not None:
            problems.append(f"{' '.join(argv[:2])}: {problem}\n{result.err[-2500:]}")
    return problems


def break_project(folder: Path, change) -> None:
    path = folder / fz.PROJECT
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _set(*path_and_value):
    *path, value = path_and_value

    def change(data):
        node = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return change


# The project-file causes found by hand (issue 12), each as a change to a valid project.
FOUND = {
    "options null": _set("transcription", "options", None),
    "options a string": _set("transcription", "options", "da"),
    "model null": _set("transcription", "model", None),
    "model a string": _set("transcription", "model", "base"),
    "audit null": _set("pseudonymisation", "audit", None),
    "audit a string": _set("pseudonymisation", "audit", "x"),
    "decisions null": _set("pseudonymisation", "decisions", None),
    "decisions a string": _set("pseudonymisation", "decisions", "accept all"),
    "a decision's text a number": _set("pseudonymisation", "decisions", 0, "text", 7),
    "speaker a number": _set("segments", 0, "speaker", 1),
    "speaker a list": _set("segments", 1, "speaker", ["S1"]),
    "word speaker a list": _set("segments", 1, "words", 0, "speaker", ["S1"]),
    "roster name null": _set("roster", 0, "name", None),
    "roster aliases a string": _set("roster", 1, "aliases", "Vibse"),
    "roster null": _set("roster", None),
    "NaN start": _set("segments", 2, "start", math.nan),
    "Infinity end": _set("segments", 2, "words", 0, "end", math.inf),
    "duration as text": _set("audio", "duration", "1:02:03"),
    "huge time": _set("segments", 0, "end", 1e308),
    "segment id as text": _set("segments", 0, "id", "0"),
    "metadata null": _set("metadata", None),
    "appendix as text": _set("metadata", "appendix", "IV"),
    "layout width as text": _set("layout", "width", "wide"),
    "layout level unknown": _set("layout", "level", "fancy"),
    "settings a list": _set("pseudonymisation", "settings", []),
    "diarisation a list": _set("diarisation", []),
    "edits a record": _set("edits", {"kind": "edit"}),
    "quotes holding text": _set("quotes", ["1-2"]),
    "segments a record": _set("segments", {"0": {}}),
    "control characters in title": _set("metadata", "title", "Titel \x1b[31m\x07\x01"),
    "a code of 300 characters": _set("metadata", "citation_code", "V" * 300),  # Word's title: 255 at most
    "control characters in text": _set("segments", 0, "words", 0, "text", " Hej\x1b\x07\x01der"),
}


@pytest.mark.parametrize("cause", sorted(FOUND))
def test_a_found_cause_is_a_sentence_in_every_command(world, tmp_path, cause):
    folder = fz.fresh_copy(world, tmp_path / "case")
    break_project(folder, FOUND[cause])
    problems = run_all("project (found)", folder, fz.project_commands(folder))
    assert not problems, "\n\n".join(problems)


@pytest.mark.parametrize("opener", ["[", "{"])
def test_a_project_nested_100000_deep_is_a_sentence_in_every_command(world, tmp_path, opener):
    folder = fz.fresh_copy(world, tmp_path / "case")
    (folder / fz.PROJECT).write_text(fz.deep(100_000, opener), encoding="utf-8")
    problems = run_all("project (found)", folder, fz.project_commands(folder))
    assert not problems, "\n\n".join(problems)


def test_control_characters_in_the_text_still_export_every_format(world, tmp_path):
    """Not only no traceback: the export is written, without the characters XML cannot hold."""
    folder = fz.fresh_copy(world, tmp_path / "case")
    break_project(folder, FOUND["control characters in text"])
    break_project(folder, FOUND["control characters in title"])
    for fmt in fz.EXPORT_FORMATS:
        result = fz.run_cli(
            ["export", str(folder / fz.PROJECT), "-o", str(folder / f"x.{fmt}"), "--format", fmt]
        )
        assert result.code == 0, result.err
    import docx

    document = docx.Document(str(folder / "x.docx"))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Hejder" in text and "\x07" not in text and "\x1b" not in text


@given(rng=st.randoms(use_true_random=False), edits=st.integers(1, 3), whole_file=st.integers(0, 4))
@settings(FAST, max_examples=240)
def test_a_randomly_broken_project_never_crashes_a_command(world, tmp_path_factory, rng, edits, whole_file):
    folder = fz.fresh_copy(world, tmp_path_factory.mktemp("case"))
    path = folder / fz.PROJECT
    if whole_file == 0:  # damage to the bytes: cut short, random bytes, not UTF-8…
        path.write_bytes(fz.mutate_bytes(path.read_bytes(), rng))
    else:  # damage to the fields: wrong types, nulls, NaN, huge numbers, deleted and unknown keys
        data = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(json.dumps(fz.mutate_json(data, rng, edits), ensure_ascii=False), encoding="utf-8")
    commands = fz.project_commands(folder)
    problems = run_all("project", folder, rng.sample(commands, 10))
    assert not problems, "\n\n".join(problems)


@given(rng=st.randoms(use_true_random=False), edits=st.integers(1, 3), whole_file=st.booleans())
@settings(FAST, max_examples=150)
def test_a_randomly_broken_key_file_is_a_sentence(world, tmp_path_factory, rng, edits, whole_file):
    folder = fz.fresh_copy(world, tmp_path_factory.mktemp("case"))
    path = folder / "key.json"
    if whole_file:
        path.write_bytes(fz.mutate_bytes(path.read_bytes(), rng))
    else:
        data = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(json.dumps(fz.mutate_json(data, rng, edits), ensure_ascii=False), encoding="utf-8")
    problems = run_all("key", folder, fz.key_commands(folder))
    assert not problems, "\n\n".join(problems)


@given(
    rng=st.randoms(use_true_random=False),
    name=st.sampled_from(["roster.csv", "roster.json"]),
    edits=st.integers(1, 3),
    whole_file=st.booleans(),
)
@settings(FAST, max_examples=60)
def test_a_randomly_broken_roster_is_a_sentence(world, tmp_path_factory, rng, name, edits, whole_file):
    folder = fz.fresh_copy(world, tmp_path_factory.mktemp("case"))
    path = folder / name
    if name.endswith(".json") and not whole_file:
        data = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(json.dumps(fz.mutate_json(data, rng, edits), ensure_ascii=False), encoding="utf-8")
    else:
        path.write_bytes(fz.mutate_bytes(path.read_bytes(), rng))
    problems = run_all("roster", folder, fz.roster_commands(folder, name))
    assert not problems, "\n\n".join(problems)


@given(
    rng=st.randoms(use_true_random=False),
    name=st.sampled_from(["typed.txt", "typed.docx"]),
    damage=st.sampled_from(fz.DOCX_DAMAGE),
)
@settings(FAST, max_examples=80)
def test_a_randomly_broken_typed_transcript_is_a_sentence(world, tmp_path_factory, rng, name, damage):
    folder = fz.fresh_copy(world, tmp_path_factory.mktemp("case"))
    path = folder / name
    if name.endswith(".docx"):
        fz.hostile_docx(path, damage, rng)
    else:
        path.write_bytes(fz.mutate_bytes(path.read_bytes(), rng, depths=(100,)))
    stdin = path.read_bytes().decode("utf-8", "replace")
    problems = run_all("typed transcript", folder, fz.transcript_commands(folder, name), stdin)
    assert not problems, "\n\n".join(problems)


@pytest.mark.parametrize("damage", fz.DOCX_DAMAGE)
def test_a_hostile_manuscript_is_a_sentence(world, tmp_path, damage):
    import random

    folder = fz.fresh_copy(world, tmp_path / "case")
    fz.hostile_docx(folder / "manuscript.docx", damage, random.Random(damage))
    problems = run_all("manuscript", folder, fz.manuscript_commands(folder))
    assert not problems, "\n\n".join(problems)


@pytest.mark.parametrize(
    "argv_of",
    [
        lambda d: ["info", str(d / fz.PROJECT)],
        lambda d: ["export", str(d / fz.PROJECT), "-o", str(d / "out.docx")],
        lambda d: ["pseudonymise", str(d / fz.PROJECT)],
        lambda d: fz.key_commands(d)[0],
        lambda d: ["import", str(d / "typed.docx"), "-o", str(d / "new.transkript.json")],
    ],
    ids=["info", "export", "pseudonymise", "depseudonymise", "import"],
)
def test_through_a_real_process_a_broken_input_is_one_sentence(world, tmp_path, argv_of):
    """As a researcher runs it: no traceback, exit 2, one line on stderr that names the file."""
    folder = fz.fresh_copy(world, tmp_path / "case")
    break_project(folder, FOUND["speaker a list"])
    (folder / "key.json").write_text('{"format": "transkript-key", "version": "1"}', encoding="utf-8")
    fz.hostile_docx(folder / "typed.docx", "entity bomb", None)
    env = dict(os.environ, PYTHONPATH=str(REPO), TRANSKRIPT_LOG_DIR=str(tmp_path / "log"))
    done = subprocess.run(
        [sys.executable, "-m", "transcribe_app", *argv_of(folder)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=300,
    )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    message = [line for line in done.stderr.splitlines() if line.startswith("transcribe-app:")]
    assert len(message) == 1 and any(name in message[0] for name in (fz.PROJECT, "key.json", "typed.docx"))
