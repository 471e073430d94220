"""The command line as a researcher or a batch script uses it: outputs and exit codes."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from transcribe_app.cli import main
from transcribe_app.core.project.file import load_project

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "resources" / "sample" / "nst_da_sample.wav"


@pytest.fixture
def offline_models(isolated_models, faster_whisper_base):
    """The base model in the app's models/ folder, as in an offline bundle."""
    app_dir, _ = isolated_models
    os.symlink(faster_whisper_base, app_dir / "faster-whisper-base")
    return app_dir


def test_transcribe_sample_offline_then_info_and_export(tmp_path, offline_models, no_network, capsys):
    project = tmp_path / "sample.transkript.json"
    assert main(["transcribe", str(SAMPLE), "-o", str(project), "--device", "cpu"]) == 0
    loaded = load_project(project)
    assert loaded.transcription.model["source"] == "app models folder"
    assert loaded.transcription.status == "complete"
    text = " ".join(s.text for s in loaded.segments).lower()
    assert "tegning" in text and "skolen" in text  # "Dan havde lavet en flot tegning ... i skolen"

    capsys.readouterr()
    assert main(["info", str(project)]) == 0
    info = capsys.readouterr().out
    assert "Status:       complete" in info and "faster-whisper" in info
    assert "tegning" not in info  # a summary never prints the transcript

    out = tmp_path / "sample.txt"
    assert main(["export", str(project), "--format", "plain", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("[00:00:0")
    assert main(["export", str(project), "--format", "json"]) == 0
    exported = json.loads(capsys.readouterr().out)
    assert exported["turns"][0]["words"][0]["start"] is not None


def test_missing_model_exits_3_and_leaves_existing_project_alone(tmp_path, isolated_models, capsys):
    project = tmp_path / "p.transkript.json"
    project.write_text("precious work", encoding="utf-8")
    code = main(["transcribe", str(SAMPLE), "-o", str(project), "--model", "large-v3", "--overwrite"])
    assert code == 3
    assert "not on this computer" in capsys.readouterr().err
    assert project.read_text(encoding="utf-8") == "precious work"


@pytest.mark.parametrize("kind", ["missing", "empty", "text", "folder"])
def test_bad_recordings_exit_2_and_leave_existing_project_alone(tmp_path, offline_models, kind, capsys):
    audio = tmp_path / "interview.wav"
    if kind == "empty":
        audio.write_bytes(b"")
    elif kind == "text":
        audio.write_text("Det her er ikke en lydfil.", encoding="utf-8")
    elif kind == "folder":
        audio.mkdir()
    project = tmp_path / "p.transkript.json"
    project.write_text("precious work", encoding="utf-8")
    assert main(["transcribe", str(audio), "-o", str(project), "--overwrite"]) == 2
    assert "interview.wav" in capsys.readouterr().err
    assert project.read_text(encoding="utf-8") == "precious work"


def test_existing_project_needs_resume_or_overwrite(tmp_path, offline_models, capsys):
    project = tmp_path / "p.transkript.json"
    project.write_text("precious work", encoding="utf-8")
    assert main(["transcribe", str(SAMPLE), "-o", str(project)]) == 2
    assert "--resume" in capsys.readouterr().err
    assert project.read_text(encoding="utf-8") == "precious work"


def test_usage_errors_exit_2(capsys):
    assert main([]) == 2
    with pytest.raises(SystemExit) as caught:
        main(["transcribe"])
    assert caught.value.code == 2


def test_import_and_export_a_typed_transcript(tmp_path, capsys):
    typed = tmp_path / "vj.txt"
    typed.write_text("I: Hvordan startede det? #00:00:03-1#\nVJ: Med jobafklaring.\n", encoding="utf-8")
    project = tmp_path / "vj.transkript.json"
    assert main(["import", str(typed), "-o", str(project)]) == 0
    assert main(["import", str(typed), "-o", str(project)]) == 2  # never overwritten silently
    capsys.readouterr()
    assert main(["export", str(project)]) == 0
    assert capsys.readouterr().out == "I: Hvordan startede det?\n[00:00:03] VJ: Med jobafklaring.\n"


def _wait_for_saved_segments(project: Path, worker: subprocess.Popen) -> int:
    while worker.poll() is None:
        if project.exists():
            try:
                count = len(load_project(project).segments)
            except Exception:  # noqa: BLE001 - read during a rename: look again
                count = 0
            if count:
                return count
        time.sleep(0.1)
    pytest.fail("the transcription ended before it saved a partial result; the test could not crash it")


def test_ctrl_c_cancels_cleanly_with_exit_130(tmp_path, faster_whisper_base):
    from tests.speech import LONGFORM

    project = tmp_path / "long.transkript.json"
    command = [sys.executable, "-m", "transcribe_app", "transcribe", str(LONGFORM), "-o", str(project)]
    worker = subprocess.Popen(
        command + ["--model", faster_whisper_base, "--device", "cpu"],
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    _wait_for_saved_segments(project, worker)
    worker.send_signal(signal.SIGINT)
    _, err = worker.communicate(timeout=120)
    assert worker.returncode == 130, err
    assert "--resume" in err
    assert load_project(project).transcription.status == "cancelled"


def test_info_on_a_recording_path_no_file_system_allows_says_missing(tmp_path, capsys):
    """The fuzz test's find: a damaged project names its recording with a 1,000-letter file name.
    Asking whether that file exists raised (before Python 3.12) and `info` ended in a traceback."""

    project = tmp_path / "p.transkript.json"
    shutil.copy(Path(__file__).parent / "data" / "projects" / "edited.transkript.json", project)
    data = json.loads(project.read_text(encoding="utf-8"))
    data["audio"]["path"] = "Æ" * 1000 + ".wav"
    project.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["info", str(project)]) == 0
    assert "(MISSING)" in capsys.readouterr().out


def test_help_loads_no_numerical_library():
    """``transcribe-app --help`` and a usage mistake answer at once: the parser is built from the
    registries' names, and the diarisers' modules (NumPy, SciPy) load only when one runs."""
    script = (
        "import sys, contextlib, io\n"
        "from transcribe_app.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        "        main(['--help'])\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(sorted(m for m in ('numpy', 'scipy', 'av', 'ctranslate2', 'torch') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
