"""The window and the project lock: it holds the lock of the project it has open, opens a project written
elsewhere read-only (with a notice), hands its lock to its transcription worker, and says on the start page
how sensitive the project files are."""

from __future__ import annotations

import os

from PySide6.QtWidgets import QLabel, QMessageBox

from tests.test_gui_shell import rename_interviewer, small_project
from tests.test_project_lock import held_elsewhere, run_cli, write_lock
from transcribe_app.core.asr import TranscriptionOptions
from transcribe_app.core.asr.stage import TranscriptionRequest
from transcribe_app.core.project.file import load_project
from transcribe_app.core.project.lock import (
    HANDOVER_VARIABLE,
    TRANSCRIBING,
    WINDOW,
    LockHolder,
    lock_path,
    read_holder,
)
from transcribe_app.gui.worker import TranscriptionJob, TranscriptionWorker

pytest_plugins = ("tests.gui_fixtures",)  # settings, window, questions


def test_the_open_project_is_locked_for_the_window_until_it_closes(window, tmp_path):
    _, path = small_project(tmp_path)
    assert window.open_project(path)
    holder = read_holder(path)
    assert holder is not None and holder.pid == os.getpid() and holder.holder == WINDOW
    done = run_cli("meta", str(path), "--code", "ZZ")
    assert done.returncode == 2, done.stderr
    assert "“p.transkript.json” is open in another Transkript window" in done.stderr
    assert load_project(path).metadata.citation_code != "ZZ"
    assert run_cli("info", str(path)).returncode == 0  # reading needs no lock
    window.session.edit("Change name", rename_interviewer)  # the window itself still saves
    assert window.save() and load_project(path).roster[0].name == "Anna Holm"
    assert window.close_project()
    assert not lock_path(path).exists()
    assert run_cli("meta", str(path), "--code", "ZZ").returncode == 0


def test_closing_the_window_gives_the_lock_back(window, tmp_path):
    _, path = small_project(tmp_path)
    window.open_project(path)
    window.close()
    assert not lock_path(path).exists()


def test_a_project_written_elsewhere_opens_read_only_with_a_notice(window, tmp_path):
    _, path = small_project(tmp_path)
    before = path.read_bytes()
    with held_elsewhere(path) as (pid, token):
        assert window.open_project(path)
        session = window.session
        assert session.read_only
        banner = window.read_only_banner
        assert banner.isVisible()
        text = window.read_only_banner.label.text()
        assert "Open elsewhere" in text and "is being transcribed by another window or command" in text
        assert f"process {pid} on this computer" in text
        assert "Read-only" in window.save_state_label.text()
        assert not window.save_action.isEnabled() and not window.research.export_action.isEnabled()
        assert window.editor.isEnabled() and window.editor.text.isReadOnly()  # to read, not to type in
        window.editor.set_level("verbatim")
        assert window.editor.text.isReadOnly()  # a new view of the turns stays read-only
        assert not window.roster_dock.isEnabled() and not window.transcription_dock.isEnabled()
        assert not window.transcription_panel.start()
        session.edit("Change name", rename_interviewer)  # refused: nothing changes, nothing is saved
        assert session.project.roster[0].name == "" and not session.dirty
        assert not session.save() and not window.save()
        assert window.close_project()
        assert path.read_bytes() == before
        assert read_holder(path).token == token  # the other writer's lock is left alone


def test_try_again_makes_it_editable_once_the_other_writer_is_done(window, tmp_path):
    _, path = small_project(tmp_path)
    with held_elsewhere(path):
        window.open_project(path)
        assert window.session.read_only
        assert not window.retry_editing()  # still written elsewhere: still read-only
        assert window.session.read_only and window.read_only_banner.isVisible()
    assert window.retry_editing()
    assert not window.session.read_only and window.read_only_banner.isHidden()
    assert not window.editor.text.isReadOnly()
    assert window.roster_dock.isEnabled() and window.save_action.isEnabled()
    assert read_holder(path).holder == WINDOW
    window.session.edit("Change name", rename_interviewer)
    assert window.save() and load_project(path).roster[0].name == "Anna Holm"


def test_a_crashed_windows_lock_is_taken_over(window, tmp_path):
    from tests.test_project_lock import dead_pid

    _, path = small_project(tmp_path)
    write_lock(path, pid=dead_pid(), holder=WINDOW)
    assert window.open_project(path) and not window.session.read_only
    assert "Took over the lock" in window.statusBar().currentMessage()
    assert read_holder(path).pid == os.getpid()


def test_a_lock_taken_over_meanwhile_stops_the_saves(window, questions, tmp_path):
    """The laptop slept past the point where another computer may take its lock: it must not write over
    the other writer's work when it wakes."""
    _, path = small_project(tmp_path)
    window.open_project(path)
    other = LockHolder(4242, "lab-pc-7", "meta", "2026-01-05T10:02:00+01:00", "e" * 32)
    lock_path(path).write_text(other.to_json(), encoding="utf-8")
    before = path.read_bytes()
    window.session.edit("Change name", rename_interviewer)
    assert not window.session.save()
    assert window.session.read_only and window.read_only_banner.isVisible()
    assert "took over p.transkript.json" in window.read_only_banner.label.text()
    assert path.read_bytes() == before
    questions.answers = [QMessageBox.StandardButton.Discard]
    assert window.close_project()
    assert read_holder(path).token == other.token  # not ours to remove


def test_save_as_moves_the_lock_to_the_new_file(window, monkeypatch, tmp_path):
    from transcribe_app.gui import prompts

    _, path = small_project(tmp_path)
    window.open_project(path)
    copy = tmp_path / "copy.transkript.json"
    monkeypatch.setattr(prompts, "save_file", lambda *args: str(copy))
    assert window.save_as()
    assert not lock_path(path).exists() and read_holder(copy).holder == WINDOW
    assert window.close_project() and not lock_path(copy).exists()


def test_the_transcription_worker_writes_under_the_windows_lock(window, qtbot, tmp_path):
    """The worker is a child process that writes the project the window holds: given the window's token it
    gets past the lock (and here stops at the model that is not there); without it, it is refused."""
    _, path = small_project(tmp_path)
    window.open_project(path)
    lock = window.session.lock
    refusal = "is open in another Transkript window"
    outcomes = {}
    for token in (lock.token, None):
        worker = TranscriptionWorker()
        options = TranscriptionOptions(model=str(tmp_path / "no-model"))
        request = TranscriptionRequest(tmp_path / "vj.wav", path, options, overwrite=True)
        job = TranscriptionJob(request, lock_token=token)
        with qtbot.waitSignal(worker.finished, timeout=60_000) as ended:
            worker.start(job)
        environment = worker.process.processEnvironment()
        assert environment.value(HANDOVER_VARIABLE, "") == (token or "")
        outcomes[token] = ended.args[0]
        assert read_holder(path).token == lock.token  # the window's lock stays the window's
    handed, refused = outcomes[lock.token], outcomes[None]
    assert handed.status == "failed" and refusal not in handed.message, handed.message
    assert refused.exit_code == 2 and refusal in refused.message, refused.message
    assert refused.message.startswith("The transcription could not run: “p.transkript.json” is open")
    assert load_project(path).roster[0].code == "I"  # neither run wrote over the project


def test_the_lock_says_transcribing_while_the_worker_runs(window, monkeypatch, tmp_path, sample_audio):
    """While the window's worker runs, a second writer hears that the project is being transcribed."""
    from tests.test_gui_transcription import open_new_project

    path = open_new_project(window, sample_audio, title="VJ")
    panel = window.transcription_panel
    started = []
    monkeypatch.setattr(panel.worker, "start", lambda job: started.append(job))
    monkeypatch.setattr(type(panel.worker), "running", property(lambda self: bool(started)))
    panel.use_local_model(str(tmp_path))  # any model: the worker is not really started
    assert panel.start()
    assert started[0].lock_token == window.session.lock.token
    assert read_holder(path).holder == TRANSCRIBING
    window.session.lock.describe_as(TRANSCRIBING, helper_pid=4321)  # as the worker's start names it
    assert read_holder(path).helper_pid == 4321
    done = run_cli("meta", str(path), "--code", "ZZ")
    assert done.returncode == 2 and "is being transcribed by another window or command" in done.stderr
    started.clear()  # the run "ends": the window may close without asking to stop it
    panel._adopt_result()
    assert read_holder(path).holder == WINDOW and read_holder(path).helper_pid == 0


def test_the_start_page_says_how_sensitive_the_project_files_are(window):
    note = window.start_page.sensitive_note
    assert note.isVisible()
    text = note.text()
    assert "every real name" in text and ".bak" in text and "as sensitive as the key" in text
    assert "encrypted disk" in text and "e-mail" in text and "cloud" in text
    window.set_language("da")
    danish = window.start_page.sensitive_note.text()
    assert "alle rigtige navne" in danish and ".bak" in danish and "krypteret disk" in danish
    window.set_language("en")
    assert window.start_page.findChild(QLabel, "SensitiveNote") is note


def test_a_folder_where_no_lock_can_be_made_opens_and_saves_as_before(window, monkeypatch, tmp_path):
    """No lock file can be made (a folder that is read-only for locks, say): the project is not "open
    elsewhere", so it opens editable, and its saves are not mistaken for a lock taken over."""
    from transcribe_app.core.project import lock as project_lock

    monkeypatch.setattr(project_lock.ProjectLock, "acquire", lambda self: project_lock.NOT_POSSIBLE)
    _, path = small_project(tmp_path)
    assert window.open_project(path)
    assert not window.session.read_only and window.read_only_banner.isHidden()
    window.session.edit("Change name", rename_interviewer)
    assert window.save() and not window.session.read_only
    assert load_project(path).roster[0].name == "Anna Holm"
    assert window.close_project()


def test_the_running_worker_is_named_in_the_windows_lock(window, qtbot, tmp_path, sample_audio):
    from tests.test_gui_transcription import open_new_project

    path = open_new_project(window, sample_audio, title="VJ")
    panel = window.transcription_panel
    panel.use_local_model(str(tmp_path / "no-model"))  # the worker starts, then stops: no such model
    with qtbot.waitSignal(panel.run_ended, timeout=120_000):
        with qtbot.waitSignal(panel.worker.started, timeout=60_000):
            assert panel.start()
        holder = read_holder(path)
        assert holder.holder == TRANSCRIBING and holder.pid == os.getpid()
        assert holder.helper_pid == panel.worker.process.processId() != 0
    holder = read_holder(path)
    assert (holder.holder, holder.helper_pid, holder.token) == (WINDOW, 0, window.session.lock.token)
