"""``transcribe-app batch`` (issue 15): which interviews, skip, resume, keep going, kill and rerun, Slurm.

The discovery and the Slurm job are checked without Whisper. One test runs real Whisper (the
*base* test model) on three of the shortest NST clips: the batch is killed (SIGKILL of the
whole process group, as an out-of-memory killer or Slurm's last resort does) after the first
interview is complete, and the rerun finishes the others, with nothing written twice or left
out, past a corrupt recording that fails with a sentence and a non-zero exit.
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.speech import nst_clips
from transcribe_app.cli import build_parser, main
from transcribe_app.core.asr import TranscriptionOptions
from transcribe_app.core.batch import BatchRun, BatchSettings, interviews_in
from transcribe_app.core.batch.runner import SKIPPED
from transcribe_app.core.batch.slurm import SlurmSettings, slurm_script
from transcribe_app.core.errors import BadInputError
from transcribe_app.core.project.file import load_project, save_project
from transcribe_app.core.project.record import COMPLETE, Metadata, Project, TranscriptionRun
from transcribe_app.core.project.transcript import Segment, Word

REPO = Path(__file__).resolve().parents[1]
NOT_TO_BE_RUN = [sys.executable, "-c", "import sys; sys.exit(97)"]  # a batch that must start nothing


def recording(path: Path) -> Path:
    """A real (short) recording at ``path``."""
    shutil.copyfile(nst_clips()[0].path, path)
    return path


def made_project(project_path: Path, audio: Path | None, status: str = COMPLETE) -> Path:
    """A transcribed project of ``audio`` as ``transcribe`` leaves it (one segment)."""
    project = Project(metadata=Metadata(title=project_path.name))
    if audio is not None:
        project.set_audio_file(audio, project_path)
        project.audio.duration = 4.18
    project.transcription = TranscriptionRun(
        backend="faster-whisper", model={"name": "base"}, options={}, status=status, transcribed_until=4.18
    )
    project.segments = [
        Segment(id=0, start=0.0, end=4.0, text=" tester", words=[Word(" tester", 0.0, 4.0, 0.9)])
    ]
    save_project(project, project_path)
    return project_path


# -- which interviews -------------------------------------------------------------------------------

NAMES = st.text(alphabet=st.sampled_from("abæøå -_.é1"), min_size=1, max_size=8).filter(
    lambda name: not name.startswith(".") and name.strip(" .") == name
)
SUFFIXES = st.sampled_from([".wav", ".MP3", ".m4a", ".transkript.json", ".txt", ".wav.transkript.json"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    files=st.lists(st.tuples(st.booleans(), NAMES, SUFFIXES), min_size=1, max_size=7),
    paired=st.lists(st.booleans(), max_size=7),
)
def test_every_recording_is_one_interview_and_no_output_is_an_input(tmp_path_factory, files, paired):
    folder = tmp_path_factory.mktemp("study")
    (folder / "sub").mkdir()
    made: list[Path] = []
    for below, stem, suffix in files:
        path = (folder / "sub" if below else folder) / (stem + suffix)
        if path.exists():
            continue
        if suffix.endswith(".transkript.json"):
            made_project(path, None)  # a project of no recording (typed), or of a recording below
        elif suffix == ".txt":
            path.write_text("not an interview", encoding="utf-8")
        else:
            made.append(recording(path))
    for audio, pair in zip(list(made), paired, strict=False):  # some recordings have their project already
        project_path = audio.with_name(audio.stem + ".transkript.json")
        if pair and not project_path.exists():
            made_project(project_path, audio)
    try:
        interviews = interviews_in([folder])
    except BadInputError as error:
        assert "There are no recordings or project files" in str(error)
        assert not made and not list(folder.rglob("*.transkript.json"))
        return
    # Stable: the same list again, and the same after the batch made the projects of the recordings.
    assert interviews_in([folder]) == interviews
    recordings = {i.recording for i in interviews if i.recording is not None}
    for audio in made:
        assert audio in recordings, f"{audio.name} is in no interview"
    for interview in interviews:
        assert interview.project_path.name.endswith(".transkript.json")
        assert interview.project_path not in made, "a project would be written over a recording"
    usable = [i.project_path for i in interviews if i.problem is None]
    assert len(usable) == len(set(usable)), "two interviews would write one project"
    for interview in interviews:
        if interview.problem is None and interview.recording and not interview.project_path.exists():
            made_project(interview.project_path, interview.recording, status="in_progress")
    again = interviews_in([folder])
    assert [i.project_path for i in again] == [i.project_path for i in interviews]


def test_a_recording_and_its_project_are_one_interview_however_reached(tmp_path):
    audio = recording(tmp_path / "vj 1.wav")
    named_otherwise = made_project(tmp_path / "vibeke.transkript.json", audio)  # made with -o
    (tmp_path / "link.wav").symlink_to(audio)
    twin = recording(tmp_path / "bo.mp3")
    recording(tmp_path / "bo.wav")  # the same project name as bo.mp3
    (tmp_path / "sub").mkdir()
    interviews = interviews_in([tmp_path, named_otherwise, tmp_path / "sub" / ".." / "vj 1.wav"])
    by_name = {i.name: i for i in interviews}
    assert by_name["vj 1.wav"].project_path == named_otherwise and "link.wav" not in by_name
    assert (
        by_name["bo.mp3"].project_path
        == by_name["bo.wav"].project_path
        == twin.with_suffix(".transkript.json")
    )
    assert by_name["bo.mp3"].problem is None  # the first in the folder's order has the name
    assert "but that project is made from “bo.mp3”" in by_name["bo.wav"].problem  # reported, not run
    with pytest.raises(BadInputError, match="neither a project file"):
        interviews_in([_typed(tmp_path)])
    with pytest.raises(BadInputError, match="does not exist"):
        interviews_in([tmp_path / "missing"])


def _typed(folder: Path) -> Path:
    path = folder / "notes.docx"
    path.write_bytes(b"PK")
    return path


def test_a_finished_project_is_skipped_and_a_typed_one_left_alone(tmp_path):
    done = made_project(tmp_path / "a.transkript.json", recording(tmp_path / "a.wav"))
    typed = Project(metadata=Metadata(title="typed"))
    save_project(typed, tmp_path / "typed.transkript.json")
    before = done.read_bytes()
    summary = BatchRun(interviews_in([tmp_path]), BatchSettings(), program=NOT_TO_BE_RUN).run()
    assert [o.result for o in summary.outcomes] == [SKIPPED, SKIPPED]
    assert summary.exit_code == 0 and "2 already done" in summary.sentences()[0]
    assert done.read_bytes() == before and not list(tmp_path.glob("*.lock"))


def test_a_project_another_run_writes_is_left_to_it(tmp_path):
    from transcribe_app.core.project.lock import TRANSCRIBING, ProjectLock

    project = made_project(
        tmp_path / "a.transkript.json", recording(tmp_path / "a.wav"), status="in_progress"
    )
    with ProjectLock(project, TRANSCRIBING):
        summary = BatchRun(interviews_in([tmp_path]), BatchSettings(), program=NOT_TO_BE_RUN).run()
    (outcome,) = summary.outcomes
    assert outcome.result == "busy" and "is being transcribed by another window or command" in outcome.message
    assert summary.exit_code == 0


# -- the Slurm job ----------------------------------------------------------------------------------


def test_the_slurm_job_has_a_task_per_interview_running_batch_on_it(tmp_path, capsys, monkeypatch):
    for name in ("b -1.wav", "a.wav", "c'x.wav"):
        recording(tmp_path / name)
    made_project(tmp_path / "d.transkript.json", recording(tmp_path / "d.wav"))
    job = tmp_path / "job.sbatch"
    argv = ["batch", str(tmp_path), "--slurm", "-o", str(job), "--partition", "gpu", "--gpus", "1"]
    argv += ["--time", "02:00:00", "--cpus", "4", "--model", "large-v3", "--prompt", "Vibeke; rm -rf /"]
    argv += ["--setup", "module load CUDA/12.4"]
    assert main(argv) == 0, capsys.readouterr().err
    text = job.read_text(encoding="utf-8")
    for line in (
        "#SBATCH --array=0-3",
        "#SBATCH --partition=gpu",
        "#SBATCH --gres=gpu:1",
        "#SBATCH --time=02:00:00",
    ):
        assert line in text.splitlines()
    assert (
        "#SBATCH --cpus-per-task=4" in text and "module load CUDA/12.4" in text and "HF_HUB_OFFLINE=1" in text
    )
    task_line = text.split("\nexec ", 1)[1].replace("\\\n", " ")
    assert '--task-index "$SLURM_ARRAY_TASK_ID"' in task_line
    command = shlex.split(task_line.replace("$SLURM_ARRAY_TASK_ID", "2"))
    assert command[:3] == [sys.executable, "-m", "transcribe_app"]
    args = build_parser().parse_args(command[3:])
    assert args.command == "batch" and args.task_index == 2
    listed = [Path(p) for p in command[command.index("--") + 1 :]]
    assert [p.name for p in listed] == ["a.wav", "b -1.wav", "c'x.wav", "d.transkript.json"]
    assert args.model == "large-v3" and args.prompt == "Vibeke; rm -rf /" and not args.slurm
    # Task N is interview N of the list, before and after other tasks made their projects.
    from transcribe_app.cli.batch import _the_task

    planned = [i.project_path for i in interviews_in([tmp_path])]
    for index in range(len(listed)):
        monkeypatch.setenv("SLURM_ARRAY_TASK_ID", str(index))
        assert _the_task(interviews_in(listed), -1).project_path == planned[index]
    made_project(tmp_path / "a.transkript.json", tmp_path / "a.wav")  # task 0 has run
    assert [i.project_path for i in interviews_in(listed)] == planned
    assert (
        main(["batch", str(tmp_path), "--slurm", "-o", str(tmp_path / "a.wav")]) == 2
    )  # never over an input
    assert main(["batch", str(tmp_path), "--slurm", "--time", "two hours"]) == 2


def test_slurm_settings_slurm_would_refuse_are_refused():
    with pytest.raises(BadInputError, match="not a Slurm time"):
        SlurmSettings(time="2h").check()
    assert SlurmSettings(time="1-12:00:00", partition="gpu,long").check()
    with pytest.raises(BadInputError, match="no interview"):
        slurm_script([], [], SlurmSettings(), program=["x"], job_file=Path("/tmp/j.sbatch"))


# -- real Whisper: a kill in the middle, a corrupt file, a rerun --------------------------------------


@pytest.mark.slow
def test_a_killed_batch_run_again_finishes_every_interview_once(tmp_path, faster_whisper_base):
    clips = nst_clips()[:3]
    folder = tmp_path / "study"
    (folder / "more").mkdir(parents=True)
    targets = [folder / "1.wav", folder / "2.wav", folder / "more" / "3.wav"]
    for clip, target in zip(clips, targets, strict=True):
        shutil.copyfile(clip.path, target)
    (folder / "zz corrupt.m4a").write_bytes(b"\x00\x00\x00\x18ftypM4A " + os.urandom(3000))
    projects = [t.with_suffix(".transkript.json") for t in targets]
    command = [sys.executable, "-m", "transcribe_app", "batch", str(folder), "--model", faster_whisper_base]
    command += ["--device", "cpu", "--beam-size", "1"]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    env["HF_HUB_OFFLINE"] = "1"
    first = subprocess.Popen(
        command, env=env, stdin=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and first.poll() is None:
            if projects[1].exists() and _status(projects[0]) == COMPLETE:
                break
            time.sleep(0.02)
    finally:
        os.killpg(first.pid, signal.SIGKILL)  # the batch and its transcription, at once
        first.wait()
    assert _status(projects[0]) == COMPLETE
    assert _status(projects[2]) != COMPLETE, "the kill came before the end"
    kept = load_project(projects[0]).segments

    rerun = subprocess.run(
        command, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=300
    )
    said = rerun.stderr
    assert rerun.returncode == 2, said  # the corrupt recording's exit status
    assert "Batch of 4 interviews:" in said and "1 already done" in said and "1 failed" in said, said
    assert "Failed: “zz corrupt.m4a”: “zz corrupt.m4a” is" in said, said
    assert "1.wav: already done" in said.splitlines()
    finished = [load_project(p) for p in projects]
    assert [p.transcription.status for p in finished] == [COMPLETE] * 3, said
    assert finished[0].segments == kept, "a complete project is not touched again"
    for project in finished:
        assert [s.id for s in project.segments] == list(range(len(project.segments)))
        starts = [w.start for s in project.segments for w in s.words]
        assert starts == sorted(starts), "no word written twice"
    for project, clip in zip(finished, clips, strict=True):  # words from the start to the end, no hole
        words = [w for s in project.segments for w in s.words]
        assert words and words[0].start < 2.5 and words[-1].end > clip.duration - 2.5, "no words left out"
        assert all(b.start - a.end < 1.5 for a, b in zip(words, words[1:], strict=False)), "no words left out"
    assert not list(folder.rglob("*.lock")) and not (folder / "zz corrupt.transkript.json").exists()


def _status(project_path: Path) -> str | None:
    try:
        return load_project(project_path).transcription.status
    except Exception:  # noqa: BLE001 - not there yet, or being replaced this instant
        return None


def test_options_that_cannot_work_are_refused_before_anything_runs(tmp_path, capsys):
    recording(tmp_path / "a.wav")
    assert main(["batch", str(tmp_path), "--jobs", "0"]) == 2
    assert main(["batch", str(tmp_path), "--language", "xx"]) == 2
    assert main(["batch", str(tmp_path), "--task-index", "5"]) == 2
    assert "There is no interview 5" in capsys.readouterr().err
    assert not list(tmp_path.glob("*.transkript.json"))


def test_settings_give_the_transcribe_command_line():
    settings = BatchSettings(
        TranscriptionOptions(model="tiny", language=None, initial_prompt="Vibeke"), level="verbatim"
    )
    args = settings.arguments(Path("/a b.wav"), Path("/a b.transkript.json"), resume=False)
    parsed = build_parser().parse_args(args)
    assert parsed.command == "transcribe" and parsed.progress_jsonl and parsed.language == "auto"
    assert parsed.prompt == "Vibeke" and parsed.level == "verbatim" and parsed.model == "tiny"
    resumed = build_parser().parse_args(
        settings.arguments(Path("/a.wav"), Path("/a.transkript.json"), resume=True)
    )
    assert resumed.resume
    assert build_parser().parse_args(["batch", "x", *settings.option_arguments()]).prompt == "Vibeke"
    voices = BatchSettings(diarise=True, voice_threshold=0.7, use_voices=False)
    for command in (
        voices.arguments(Path("/a.wav"), Path("/a.transkript.json"), resume=False),
        ["batch", "x", *voices.option_arguments()],  # a Slurm task's command
    ):
        parsed = build_parser().parse_args(command)
        assert parsed.diarise and parsed.voice_threshold == 0.7 and parsed.no_voices


# -- stopping, progress and the lock, with a stand-in for the transcription child ----------------------

# Speaks the worker protocol (core/asr/run_events.py) like ``transcribe --progress-jsonl``: reports
# half the recording, then finishes after a moment, or stops at once when told "cancel" on stdin.
FAKE_WORKER = r"""
import json, os, sys, threading, time
argv = sys.argv[1:]
project = argv[argv.index("-o") + 1]
def say(**event):
    print(json.dumps(event), flush=True)
say(event="started", protocol=1, audio=argv[1], project=project, resume="--resume" in argv)
lock = open(project + ".lock", encoding="utf-8").read()
handed = json.loads(lock)["token"] == os.environ.get("TRANSKRIPT_PROJECT_LOCK")
say(event="notice", message="under the batch's lock" if handed else "under no lock of the batch's")
say(event="progress", fraction=0.5, done=2.0, total=4.0, elapsed=1.0, eta=1.0, segments=1)
stop = threading.Event()
threading.Thread(target=lambda: (sys.stdin.readline(), stop.set()), daemon=True).start()
if stop.wait(float(os.environ.get("FAKE_SECONDS", "0.3"))):
    say(event="stopped", status="cancelled", message="Transcription stopped; what was done is saved.")
    sys.exit(130)
with open(project + ".runs", "a", encoding="utf-8") as runs:  # who transcribed it, for the tests
    runs.write(f"{os.getpid()}\n")
if os.path.exists(project):  # the project says it is complete now, as transcribe leaves it
    data = json.load(open(project, encoding="utf-8"))
    if data.get("transcription") is None:  # a project made for its recording (study add), now filled
        data["transcription"] = {"backend": "faster-whisper", "model": {"name": "base"}, "options": {}}
    data["transcription"]["status"] = "complete"
    json.dump(data, open(project, "w", encoding="utf-8"))
say(event="finished", status="complete", segments=1, project=project)
"""


def fake_batch(folder: Path, when_running=None, **kwargs) -> tuple[BatchRun, list]:
    """A batch of three recordings whose children are ``FAKE_WORKER``; ``when_running(run, progress)``
    is called at each progress report while a transcription runs."""
    for name in ("a.wav", "b.wav", "c.wav"):
        recording(folder / name)
    seen: list = []

    def progress(report) -> None:
        seen.append(report)
        if when_running and report.running:
            when_running(run, report)

    run = BatchRun(
        interviews_in([folder]),
        BatchSettings(),
        program=[sys.executable, "-c", FAKE_WORKER],
        on_progress=progress,
        on_notice=seen.append,
        **kwargs,
    )
    return run, seen


def test_stop_ends_the_running_transcriptions_and_starts_no_more(tmp_path, monkeypatch):
    monkeypatch.setenv("FAKE_SECONDS", "30")
    run, seen = fake_batch(
        tmp_path, when_running=lambda run, now: len(now.running) == 2 and run.stop(), jobs=2
    )
    summary = run.run()
    assert [o.result for o in summary.outcomes] == ["stopped", "stopped", "stopped"] and summary.stopped
    assert summary.outcomes[2].message == "not started"
    assert summary.outcomes[0].message == "Transcription stopped; what was done is saved."
    assert not list(tmp_path.glob("*.lock"))  # every lock given back


def test_stop_after_current_lets_them_finish(tmp_path):
    run, seen = fake_batch(tmp_path, when_running=lambda run, now: run.stop_after_current(), jobs=1)
    summary = run.run()
    assert [o.result for o in summary.outcomes] == ["transcribed", "stopped", "stopped"]


def test_progress_has_an_eta_and_the_child_writes_under_the_batchs_lock(tmp_path):
    run, seen = fake_batch(tmp_path, jobs=2)
    summary = run.run()
    assert [o.result for o in summary.outcomes] == ["transcribed"] * 3 and summary.exit_code == 0
    progress = [p for p in seen if not isinstance(p, str)]
    assert progress[-1].interviews_done == 3 and progress[-1].seconds_done == pytest.approx(
        progress[-1].seconds_total
    )
    assert any(p.eta is not None and len(p.running) == 2 for p in progress)
    assert all(a.seconds_done <= b.seconds_done for a, b in zip(progress, progress[1:], strict=False))
    assert sorted(n for n in seen if isinstance(n, str)) == [
        f"{x}.wav: under the batch's lock" for x in "abc"
    ]
    assert not list(tmp_path.glob("*.lock"))



def test_a_damaged_project_fails_with_its_sentence_and_the_others_go_on(tmp_path):
    (tmp_path / "broken.transkript.json").write_text('{"schema_version": 1, "audio": ', encoding="utf-8")
    done = made_project(tmp_path / "fine.transkript.json", recording(tmp_path / "fine.wav"))
    summary = BatchRun(interviews_in([tmp_path]), BatchSettings(), program=NOT_TO_BE_RUN).run()
    assert [o.result for o in summary.outcomes] == ["failed", SKIPPED] and summary.exit_code == 2
    assert "“broken.transkript.json” is damaged and cannot be read" in summary.outcomes[0].message
    assert any(line.startswith("  Failed: “broken.transkript.json”:") for line in summary.sentences())
    assert done.exists()


def test_two_batches_on_one_folder_transcribe_each_interview_once(tmp_path, monkeypatch):
    monkeypatch.setenv("FAKE_SECONDS", "0.5")
    for name in ("a", "b", "c", "d"):  # interrupted, so that both batches want to resume each
        made_project(tmp_path / f"{name}.transkript.json", recording(tmp_path / f"{name}.wav"), "in_progress")
    summaries: list = []

    def batch() -> None:
        run = BatchRun(
            interviews_in([tmp_path]), BatchSettings(), jobs=2, program=[sys.executable, "-c", FAKE_WORKER]
        )
        summaries.append(run.run())

    import threading

    both = [threading.Thread(target=batch) for _ in range(2)]
    for thread in both:
        thread.start()
    for thread in both:
        thread.join(60)
    assert len(summaries) == 2
    for index, name in enumerate("abcd"):
        results = sorted(summary.outcomes[index].result for summary in summaries)
        assert results in (["busy", "resumed"], ["resumed", "skipped"]), (name, results)
        assert len((tmp_path / f"{name}.transkript.json.runs").read_text().split()) == 1, "transcribed once"
        assert load_project(tmp_path / f"{name}.transkript.json").transcription.status == COMPLETE
