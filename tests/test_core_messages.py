"""Core's sentences reach a Danish window in Danish: the real core errors, each through the catalogue.

Each error is made by core itself (not copied here), so a reworded core sentence that the catalogue
no longer matches fails this test instead of showing English in the Danish window.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from transcribe_app.core.asr.models import _not_found_message, resolve_model
from transcribe_app.core.errors import TranskriptError
from transcribe_app.core.exports.audio import AudioRequest, audio_format
from transcribe_app.core.exports.validation_copy import validation_document, whose_copy
from transcribe_app.core.file_safety import check_files, reading, writing
from transcribe_app.core.project.file import load_project
from transcribe_app.core.project.lock import TRANSCRIBING, WINDOW, ProjectLock
from transcribe_app.core.project.record import Project, RosterEntry
from transcribe_app.core.pseudonymise.gate import Leak, LeakError
from transcribe_app.core.study import load_study
from transcribe_app.core.voices.profile import read_profile
from transcribe_app.gui import i18n
from transcribe_app.gui.core_messages import core_message


@pytest.fixture
def danish(qapp):
    assert i18n.install("da")
    yield
    i18n.install("en")


def message_of(action) -> str:
    with pytest.raises(TranskriptError) as raised:
        action()
    return str(raised.value)


def damaged_voice(study) -> object:
    """A study's voice file cut short (a sync tool, a full disk)."""
    voice = study / "voices" / "I.voice.json"
    voice.parent.mkdir()
    voice.write_text('{"format": "transkript voice profile", "code": "I', encoding="utf-8")
    return voice


def core_errors(tmp_path) -> dict[str, str]:
    """What core says, by situation: the sentences a window user meets."""
    project = tmp_path / "vj.transkript.json"
    damaged = tmp_path / "damaged.transkript.json"
    damaged.write_text("{ not json", encoding="utf-8")
    project.write_text("{}", encoding="utf-8")
    damaged_study, not_a_study = tmp_path / "a" / "study.json", tmp_path / "b" / "study.json"
    for path, text in ((damaged_study, "{ not json"), (not_a_study, "[]")):
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8")
    errors = {
        "missing project": message_of(lambda: load_project(tmp_path / "gone.transkript.json")),
        "damaged project": message_of(lambda: load_project(damaged)),
        "damaged study": message_of(lambda: load_study(damaged_study)),
        "not a study": message_of(lambda: load_study(not_a_study)),
        "missing model file": message_of(
            lambda: resolve_model("faster-whisper", str(tmp_path / "no-such-model"))
        ),
        "missing model": _not_found_message("faster-whisper", "large-v3", [str(tmp_path / "models")]),
        "leak gate": str(LeakError([Leak("Vibeke Jensen", "Vibeke", 3, 4, "sagde Vibeke at")])),
        "export over the project": message_of(
            lambda: check_files(
                [reading(project, "the project you are exporting", project=True)],
                [writing(project, "The export", "“Save as”")],
            )
        ),
        "damaged voice": message_of(lambda: read_profile(damaged_voice(tmp_path))),
        "recording without word times": message_of(lambda: _typed_recording(tmp_path)),
        "recording of another kind": message_of(lambda: audio_format(tmp_path / "x.ogg")),
        "recording as a validation copy": message_of(
            lambda: AudioRequest(tmp_path / "x.flac", tmp_path / "k.json", profile="validation").check()
        ),
        "validation copy of a group": message_of(lambda: whose_copy(_group(), None)),
        "validation copy for a stranger": message_of(lambda: whose_copy(_group(), "XY")),
        "validation copy without informants": message_of(lambda: whose_copy(Project(), None)),
        "validation copy without their turns": message_of(
            lambda: validation_document(SimpleNamespace(project=_group(), lines=[], turns=[]), "VJ")
        ),
        "export into a missing folder": message_of(
            lambda: check_files([], [writing(tmp_path / "nowhere" / "x.docx", "The export", "“Save as”")])
        ),
    }
    for holder, name in ((WINDOW, "locked by a window"), (TRANSCRIBING, "locked by a transcription")):
        first = ProjectLock(project, holder, refresh_every=None, pid=4242, alive=lambda _pid: True)
        first.acquire()
        try:
            second = ProjectLock(project, WINDOW, refresh_every=None, alive=lambda _pid: True)
            errors[name] = message_of(second.acquire)
        finally:
            first.release()
    first = ProjectLock(
        project, WINDOW, refresh_every=None, pid=4242, host="kontor-pc", alive=lambda _pid: True
    )
    first.acquire()
    try:
        errors["locked on another computer"] = message_of(
            ProjectLock(project, WINDOW, refresh_every=None, alive=lambda _pid: True).acquire
        )
    finally:
        first.release()
    return errors


def _group() -> Project:
    """A focus group's roster: two informants, so a validation copy must be told whose."""
    return Project(
        roster=[
            RosterEntry(label="S1", code="VJ", role="informant"),
            RosterEntry(label="S2", code="MSS", role="informant"),
        ]
    )


def _typed_recording(tmp_path) -> None:
    """A pseudonymised recording asked of a transcript without word times (a typed one)."""
    from tests.audio_cover_clip import clip_project
    from transcribe_app.core.exports.audio import AudioRequest, export_audio

    path = clip_project(tmp_path / "typed", timed=False)
    export_audio(load_project(path), path, AudioRequest(tmp_path / "out.flac", tmp_path / "key.json"))


ENGLISH_WORDS = (" the ", " is ", " not ", " with ", " could ", " choose ", " delete ", " would ")


def test_every_message_a_window_user_meets_comes_out_danish(danish, tmp_path):
    errors = core_errors(tmp_path)
    for situation, english in errors.items():
        danish_text = core_message(english)
        assert danish_text != english, situation
        padded = f" {danish_text.lower()} "
        assert not [word for word in ENGLISH_WORDS if word in padded], (situation, danish_text)
    assert "findes ikke på denne computer" in core_message(errors["missing model"])
    assert "Eksporten" in core_message(errors["export over the project"])  # a part translated too
    assert "vj.transkript.json" in core_message(errors["locked by a window"])  # the filled parts are kept


def test_in_english_a_message_is_shown_as_core_wrote_it(qapp, tmp_path):
    i18n.install("en")
    for english in core_errors(tmp_path).values():
        assert core_message(english) == english
    assert core_message("A sentence no template knows.") == "A sentence no template knows."
