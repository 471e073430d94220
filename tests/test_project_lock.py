"""One writer per project: a second writer is refused with a sentence, stale locks are taken over, readers
never wait, and of writers racing for a lock exactly one gets it (core/project/lock, cli/lock.py)."""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from transcribe_app.cli import build_parser, main
from transcribe_app.cli import lock as cli_lock
from transcribe_app.core.project.file import load_project
from transcribe_app.core.project.lock import (
    HANDOVER_VARIABLE,
    INHERITED,
    NOT_POSSIBLE,
    TAKEN,
    TRANSCRIBING,
    LockHolder,
    ProjectLock,
    ProjectLockedError,
    lock_path,
    read_holder,
)

REPO = Path(__file__).resolve().parents[1]
TYPED = "I: Hvordan begyndte det?\n\nVJ: Det begyndte med Mette Hansen i 2019.\n\nI: Og så?\n"

# Holds a project's lock in a process of its own until its standard input closes.
HOLDER = """
import sys
from transcribe_app.core.project.lock import ProjectLock
lock = ProjectLock(sys.argv[1], sys.argv[2])
lock.acquire()
print(lock.token, flush=True)
sys.stdin.read()
lock.release()
"""


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """The CLI in a process of its own (cwd: this checkout, so that it runs this code)."""
    return subprocess.run(
        [sys.executable, "-m", "transcribe_app", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


@contextmanager
def held_elsewhere(project: Path, holder: str = TRANSCRIBING):
    """Another process holds ``project``'s lock for as long as the block runs; yields (pid, token)."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(project), holder],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        token = process.stdout.readline().strip()
        assert token, "the holder could not take the lock"
        yield process.pid, token
    finally:
        process.stdin.close()
        process.wait(30)


def dead_pid() -> int:
    """The id of a process that has ended (ids are reused only after many more processes)."""
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True)
    return int(done.stdout)


def write_lock(project: Path, *, pid: int, host: str | None = None, holder: str = TRANSCRIBING) -> LockHolder:
    from transcribe_app.core.project.lock import this_computer

    left = LockHolder(pid, host or this_computer(), holder, "2026-01-05T10:02:00+01:00", "f" * 32)
    lock_path(project).write_text(left.to_json(), encoding="utf-8")
    return left


@pytest.fixture
def project(tmp_path) -> Path:
    """A small imported interview with the citation code VJ."""
    typed = tmp_path / "vj.txt"
    typed.write_text(TYPED, encoding="utf-8")
    path = tmp_path / "vj.transkript.json"
    assert main(["import", str(typed), "-o", str(path)]) == 0
    assert main(["meta", str(path), "--code", "VJ"]) == 0
    assert not lock_path(path).exists()  # given back at the end of each command
    return path


# -- a second writer --------------------------------------------------------------------------------


def test_meta_during_a_transcription_is_refused_and_the_project_is_unchanged(project):
    before = project.read_bytes()
    with held_elsewhere(project) as (pid, _token):
        done = run_cli("meta", str(project), "--code", "XX", "--title", "Ny titel")
        assert done.returncode == 2, done.stderr
        assert "Traceback" not in done.stderr
        pattern = (
            r"“vj\.transkript\.json” is being transcribed by another window or command "
            rf"\(process {pid} on this computer, since \d\d:\d\d\); wait for it to finish or close it there\."
        )
        assert re.search(pattern, done.stderr), done.stderr
        assert project.read_bytes() == before
        assert read_holder(project).pid == pid  # the holder's lock is left alone
    assert not lock_path(project).exists()
    done = run_cli("meta", str(project), "--code", "XX")  # once it is done, the change goes through
    assert done.returncode == 0, done.stderr
    assert load_project(project).metadata.citation_code == "XX"


@pytest.mark.slow
def test_a_real_transcription_holds_the_lock_until_it_ends(tmp_path, faster_whisper_base):
    """The case that lost work: ``meta`` while ``transcribe`` runs reported success, then the
    transcription's next save wrote the old metadata back. Now ``meta`` is refused while it runs."""
    from tests.gui_fixtures import write_clip_recording

    audio = write_clip_recording(tmp_path / "clips.wav")
    project = tmp_path / "clips.transkript.json"
    args = ["transcribe", str(audio), "-o", str(project), "--model", faster_whisper_base, "--device", "cpu"]
    run = subprocess.Popen(
        [sys.executable, "-m", "transcribe_app", *args, "--progress-jsonl"],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for line in run.stdout:  # the first segment is saved: the project exists, the run goes on
            if json.loads(line)["event"] == "segment":
                break
        holder = read_holder(project)
        assert holder is not None and holder.pid == run.pid and holder.holder == TRANSCRIBING
        done = run_cli("meta", str(project), "--code", "KL")
        assert done.returncode == 2 and "is being transcribed" in done.stderr, done.stderr
        assert run_cli("info", str(project)).returncode == 0  # a reader does not wait
    finally:
        run.stdin.write("cancel\n")
        run.stdin.close()
        run.wait(240)
    assert run.returncode in (0, 130)
    assert not lock_path(project).exists()
    assert run_cli("meta", str(project), "--code", "KL").returncode == 0
    assert load_project(project).metadata.citation_code == "KL"


WRITING_COMMANDS = [
    ["meta", "{p}", "--appendix", "4"],
    ["clean", "{p}", "--level", "verbatim"],
    ["diarise", "{p}"],
    ["speakers", "{p}", "--swap", "I", "VJ"],
    ["roster", "{p}", "--import", "{roster}"],
    ["pseudonymise", "{p}"],
    ["import", "{typed}", "-o", "{p}", "--overwrite"],
    ["export", "{p}", "-o", "{out}"],
    ["export", "{p}", "--pseudonymise"],
    ["transcribe", "{audio}", "-o", "{p}", "--resume"],
    ["transcribe", "{audio}", "-o", "{p}", "--overwrite"],
]


@pytest.mark.parametrize("command", WRITING_COMMANDS, ids=lambda c: " ".join(c[:1] + c[2:3]))
def test_every_writing_command_is_refused_while_another_writes(project, tmp_path, capsys, command):
    roster = tmp_path / "roster.csv"
    roster.write_text("name,code,role\nVibeke Jensen,VJ,informant\n", encoding="utf-8")
    names = dict(p=project, roster=roster, typed=tmp_path / "vj.txt", out=tmp_path / "bilag.txt")
    names["audio"] = tmp_path / "x.wav"
    before = project.read_bytes()
    with ProjectLock(project, TRANSCRIBING):  # held here, as another window in this process would
        capsys.readouterr()
        code = main([part.format(**names) for part in command])
        err = capsys.readouterr().err
    assert code == 2 and "is being transcribed by another window or command" in err, err
    assert project.read_bytes() == before
    assert not (tmp_path / "bilag.txt").exists()


READING_COMMANDS = [
    ["info", "{p}"],
    ["cite", "{p}", "--lines", "1-2"],
    ["find-quote", "{p}", "Det begyndte med"],
    ["validation-pack", "{p}", "--quote", "1-2", "-o", "{pack}"],
    ["meta", "{p}"],
    ["speakers", "{p}"],
    ["roster", "{p}"],
    ["export", "{p}"],
    ["export", "{p}", "--format", "tables", "-o", "{tables}"],
]


@pytest.mark.parametrize("command", READING_COMMANDS, ids=lambda c: " ".join(c[:1] + c[2:3]))
def test_reading_commands_work_while_another_writes(project, tmp_path, capsys, command):
    names = dict(p=project, pack=tmp_path / "pack.docx", tables=tmp_path / "tabeller.docx")
    before = project.read_bytes()
    with held_elsewhere(project):
        code = main([part.format(**names) for part in command])
    assert code == 0, capsys.readouterr().err
    assert project.read_bytes() == before


def test_every_command_says_whether_it_writes_a_project():
    commands = next(
        action for action in build_parser()._actions if isinstance(action, argparse._SubParsersAction)
    ).choices
    assert set(cli_lock.WRITERS) | cli_lock.READERS == set(commands)
    assert not set(cli_lock.WRITERS) & cli_lock.READERS


# -- the window's worker: writing under its parent's lock ----------------------------------------------


def test_a_child_given_the_token_writes_under_its_parents_lock(project):
    with ProjectLock(project, "the window") as lock:
        handed = {**os.environ, HANDOVER_VARIABLE: lock.token}
        done = run_cli("meta", str(project), "--appendix", "7", env=handed)
        assert done.returncode == 0, done.stderr
        assert load_project(project).metadata.appendix == 7
        assert read_holder(project).token == lock.token  # the child left the parent's lock in place
        wrong = {**os.environ, HANDOVER_VARIABLE: "0" * 32}
        refused = run_cli("meta", str(project), "--appendix", "8", env=wrong)
        assert refused.returncode == 2 and "is open in another Transkript window" in refused.stderr
    assert not lock_path(project).exists()


def test_an_inherited_lock_is_not_given_back_by_the_child(tmp_path):
    project = tmp_path / "p.transkript.json"
    with ProjectLock(project, "the window") as parent:
        child = ProjectLock(project, TRANSCRIBING, handover=parent.token)
        assert child.acquire() == INHERITED and child.held
        child.release()
        assert read_holder(project).token == parent.token


# -- stale locks ---------------------------------------------------------------------------------------


def test_a_lock_left_by_a_crash_is_taken_over_with_a_notice(project):
    write_lock(project, pid=dead_pid(), holder="meta")
    done = run_cli("clean", str(project), "--level", "strict")
    assert done.returncode == 0, done.stderr
    assert "Note: Took over the lock of “vj.transkript.json”" in done.stderr
    assert "stopped without giving it back" in done.stderr
    assert load_project(project).cleanup_level == "strict"
    assert not lock_path(project).exists()


def test_a_lock_is_not_stale_while_the_child_writing_under_it_runs(tmp_path):
    """The window crashed while its worker transcribes: the worker saves its last part under the window's
    lock, so the lock holds until the worker has ended too."""
    project = tmp_path / "p.transkript.json"
    with held_elsewhere(project) as (worker_pid, _token):
        window = write_lock(project, pid=dead_pid())
        named = LockHolder(window.pid, window.host, TRANSCRIBING, window.since, window.token, worker_pid)
        lock_path(project).write_text(named.to_json(), encoding="utf-8")
        with pytest.raises(ProjectLockedError, match="is being transcribed"):
            ProjectLock(project, "meta", refresh_every=None).acquire()
    lock_path(project).write_text(named.to_json(), encoding="utf-8")  # the worker has ended as well
    lock = ProjectLock(project, "meta", refresh_every=None)
    assert lock.acquire() == TAKEN
    lock.release()


def test_a_lock_naming_this_process_but_not_held_by_it_is_stale(tmp_path):
    """Process ids are reused: a lock left by an earlier process with this process's id is no one's."""
    project = tmp_path / "p.transkript.json"
    write_lock(project, pid=os.getpid())
    notices: list[str] = []
    lock = ProjectLock(project, "meta", on_notice=notices.append, refresh_every=None)
    assert lock.acquire() == TAKEN and "no longer runs" in notices[0]
    lock.release()


def test_a_lock_from_another_computer_is_respected_until_it_is_old(tmp_path):
    project = tmp_path / "p.transkript.json"
    write_lock(project, pid=4242, host="lab-pc-7")
    with pytest.raises(ProjectLockedError) as refused:
        ProjectLock(project, "meta", refresh_every=None).acquire()
    message = str(refused.value)
    assert "process 4242 on the computer “lab-pc-7”" in message
    assert "delete “p.transkript.json.lock”" in message and refused.value.exit_code == 2
    three_hours_ago = time.time() - 3 * 3600
    os.utime(lock_path(project), (three_hours_ago, three_hours_ago))
    notices: list[str] = []
    lock = ProjectLock(project, "meta", on_notice=notices.append, refresh_every=None)
    assert lock.acquire() == TAKEN
    assert "from the computer “lab-pc-7”" in notices[0] and "not renewed for 3 hours" in notices[0]
    lock.release()


def test_a_holder_keeps_its_lock_fresh(tmp_path):
    project = tmp_path / "p.transkript.json"
    with ProjectLock(project, "meta", refresh_every=0.05):
        long_ago = time.time() - 5 * 3600
        os.utime(lock_path(project), (long_ago, long_ago))
        deadline = time.monotonic() + 10
        while os.stat(lock_path(project)).st_mtime < time.time() - 3600 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert os.stat(lock_path(project)).st_mtime > time.time() - 3600


def test_a_half_written_lock_holds_for_a_moment_then_is_cleared(tmp_path):
    project = tmp_path / "p.transkript.json"
    lock_path(project).write_text("", encoding="utf-8")  # a writer between creating and filling it
    with pytest.raises(ProjectLockedError, match="cannot be read"):
        ProjectLock(project, "meta", refresh_every=None).acquire()
    a_minute_ago = time.time() - 60
    os.utime(lock_path(project), (a_minute_ago, a_minute_ago))
    lock = ProjectLock(project, "meta", refresh_every=None)
    assert lock.acquire() == TAKEN
    lock.release()


def test_a_takeover_left_half_done_does_not_block_for_ever(tmp_path):
    project = tmp_path / "p.transkript.json"
    write_lock(project, pid=dead_pid())
    gate = lock_path(project).with_name(lock_path(project).name + ".takeover")
    gate.write_text("", encoding="utf-8")
    long_ago = time.time() - 120
    os.utime(gate, (long_ago, long_ago))
    lock = ProjectLock(project, "meta", refresh_every=None)
    assert lock.acquire() == TAKEN and not gate.exists()
    lock.release()


def test_a_lock_taken_over_is_not_removed_by_its_old_holder(tmp_path):
    project = tmp_path / "p.transkript.json"
    first = ProjectLock(project, "meta", pid=1_000_001, refresh_every=None, alive=lambda pid: False)
    first.acquire()
    second = ProjectLock(project, "clean", pid=1_000_002, refresh_every=None, alive=lambda pid: False)
    assert second.acquire() == TAKEN
    assert not first.still_ours() and second.still_ours()
    first.release()
    assert read_holder(project).token == second.token
    second.release()
    assert not lock_path(project).exists()


def test_no_lock_where_no_file_can_be_made(tmp_path):
    lock = ProjectLock(tmp_path / "gone" / "p.transkript.json", "meta", refresh_every=None)
    assert lock.acquire() == NOT_POSSIBLE and not lock.held


def test_a_full_disk_is_a_sentence_and_leaves_no_empty_lock(tmp_path, monkeypatch):
    import errno

    from transcribe_app.core.errors import TranskriptError
    from transcribe_app.core.project import lock as project_lock

    def full(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(project_lock.os, "write", full)
    project = tmp_path / "p.transkript.json"
    with pytest.raises(TranskriptError, match="could not be made: No space left on device"):
        ProjectLock(project, "meta", refresh_every=None).acquire()
    assert not lock_path(project).exists()


def test_a_project_with_a_long_name_gets_a_lock_that_fits(tmp_path):
    project = tmp_path / ("a" * 235 + ".transkript.json")  # 251 bytes: no room for ".lock"
    assert len(lock_path(project).name) <= 255 and lock_path(project).parent == tmp_path
    assert lock_path(project) == lock_path(Path(str(project)))
    with ProjectLock(project, "meta", refresh_every=None):
        assert lock_path(project).exists()
        with pytest.raises(ProjectLockedError):
            ProjectLock(project, "clean", pid=1_000_003, refresh_every=None).acquire()


# -- racing writers ------------------------------------------------------------------------------------

RACER = """
import sys, time
from pathlib import Path
from transcribe_app.core.project.lock import ProjectLock, ProjectLockedError
go = Path(sys.argv[2])
while not go.exists():
    time.sleep(0.001)
lock = ProjectLock(sys.argv[1], "meta", refresh_every=None)
try:
    print(lock.acquire(), flush=True)
except ProjectLockedError:
    print("locked", flush=True)
sys.stdin.read()
lock.release()
"""


@pytest.mark.parametrize("stale", [False, True], ids=["free", "stale"])
def test_of_writers_racing_for_a_lock_exactly_one_gets_it(tmp_path, stale):
    project = tmp_path / "p.transkript.json"
    for round_ in range(3):
        if stale:
            write_lock(project, pid=dead_pid())
        go = tmp_path / f"go{round_}"
        racers = [
            subprocess.Popen(
                [sys.executable, "-c", RACER, str(project), str(go)],
                cwd=REPO,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
            for _ in range(5)
        ]
        time.sleep(0.5)  # all started and waiting
        go.touch()
        answers = [racer.stdout.readline().strip() for racer in racers]
        for racer in racers:
            racer.stdin.close()
            racer.wait(30)
        assert sorted(answers) == ["locked"] * 4 + [TAKEN], answers
        assert not lock_path(project).exists()


# -- any interleaving of takes, gives back and crashes --------------------------------------------------


class Writers(RuleBasedStateMachine):
    """Three writers on one computer and one on another take, give back and crash in any order.

    At every step at most one living writer believes it holds the lock, and the lock file names it; a
    crashed writer's lock is taken over by the next one that asks.
    """

    def __init__(self):
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="lock-machine-"))
        self.project = self.folder / "p.transkript.json"
        self.pids = {name: 2_000_000 + i for i, name in enumerate("abcd")}
        self.alive_pids = set(self.pids.values())
        self.locks: dict[str, ProjectLock] = {}
        self.next_pid = 3_000_000

    def _lock(self, name: str) -> ProjectLock:
        return ProjectLock(
            self.project,
            "meta",
            pid=self.pids[name],
            host="far-away" if name == "d" else "here",
            refresh_every=None,
            alive=lambda pid: pid in self.alive_pids,
        )

    def _holder(self) -> str | None:
        living = [name for name, lock in self.locks.items() if self.pids[name] in self.alive_pids]
        return living[0] if living else None

    @rule(name=st.sampled_from("abcd"))
    def take(self, name):
        if name in self.locks:
            return
        holder = self._holder()
        lock = self._lock(name)
        on_file = read_holder(self.project)
        crashed_far_away_recently = (
            on_file is not None
            and on_file.host != ("far-away" if name == "d" else "here")
            and holder is None
            and time.time() - os.stat(lock_path(self.project)).st_mtime < 3600
        )
        try:
            outcome = lock.acquire()
        except ProjectLockedError:
            assert holder is not None or crashed_far_away_recently
            return
        assert outcome == TAKEN and holder is None
        self.locks[name] = lock

    @rule(name=st.sampled_from("abcd"))
    def give_back(self, name):
        lock = self.locks.pop(name, None)
        if lock is not None:
            lock.release()

    @rule(name=st.sampled_from("abcd"))
    def crash(self, name):
        """The writer's process dies holding whatever it holds; it starts again under a new id."""
        self.locks.pop(name, None)
        self.alive_pids.discard(self.pids[name])
        self.next_pid += 1
        self.pids[name] = self.next_pid
        self.alive_pids.add(self.next_pid)

    @precondition(lambda self: lock_path(self.project).exists() and self._holder() is None)
    @rule()
    def hours_pass(self):
        """Hours pass: a lock its crashed holder no longer refreshes grows old (a living one stays fresh)."""
        long_ago = time.time() - 3 * 3600
        try:
            os.utime(lock_path(self.project), (long_ago, long_ago))
        except FileNotFoundError:
            pass

    @invariant()
    def one_writer_and_the_file_names_it(self):
        living = [name for name, lock in self.locks.items() if self.pids[name] in self.alive_pids]
        assert len(living) <= 1
        if living:
            assert read_holder(self.project).token == self.locks[living[0]].token

    def teardown(self):
        for lock in self.locks.values():
            lock.release()
        for path in self.folder.iterdir():
            path.unlink()
        self.folder.rmdir()


Writers.TestCase.settings = settings(max_examples=60, stateful_step_count=25, deadline=None)
test_any_interleaving_of_writers_keeps_one_writer = Writers.TestCase
