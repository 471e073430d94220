"""Shared fixtures: real model paths, and a Qt that runs without a screen."""

from __future__ import annotations

import gc
import os
import socket

import pytest

# Qt aborts without a display unless told to draw offscreen; set before any Qt import.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests import model_files  # noqa: E402


@pytest.fixture(autouse=True)
def qt_objects_die_in_the_main_thread(request):
    """A window test collects Python's garbage only in the main thread, and leaves no Qt object behind.

    Without it, a window of one test, closed but kept by a reference cycle, is destroyed later in
    whatever thread the collector runs (a model probe's, a Whisper warm-up's) or by the next test's
    event loop: a crash of the test process now and then, in an unrelated test (``gui/garbage.py``).
    Qt's own complaint about such a destruction fails the test it happened in, whichever it is.
    """
    if {"qtbot", "qapp"} & set(request.fixturenames):
        yield from _collected_in_the_main_thread(request)
    else:
        yield
    capture = getattr(request.node, "qt_log_capture", None)
    wrong_thread = [r.message for r in (capture.records if capture else ()) if "another thread" in r.message]
    assert not wrong_thread, f"a Qt object was handled outside its own thread: {wrong_thread}"


def _collected_in_the_main_thread(request):
    from PySide6.QtCore import QCoreApplication, QEvent

    from transcribe_app.gui.garbage import MainThreadCollector

    request.getfixturevalue("qapp")
    collector = MainThreadCollector()
    yield
    # pytest-qt has closed the test's widgets and asked Qt to delete them (deleteLater), which Qt
    # does only in a running event loop: here and now instead, then the cycles they were in.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    collector.stop()
    collector.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


@pytest.fixture(scope="session")
def faster_whisper_base() -> str:
    """Folder of the real CTranslate2 Whisper base model (checksum-verified)."""
    return str(model_files.faster_whisper_base_dir())


@pytest.fixture(scope="session")
def openai_whisper_base() -> str:
    """Path of the real openai-whisper base checkpoint (checksum-verified)."""
    return str(model_files.openai_whisper_base_pt())


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a network connection fails the test loudly."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.fixture
def isolated_models(tmp_path, monkeypatch):
    """Empty app and user model folders, so a lookup sees only what a test puts there."""
    from transcribe_app.core.asr import models

    app_dir, user_dir = tmp_path / "app-models", tmp_path / "user-models"
    app_dir.mkdir()
    user_dir.mkdir()
    monkeypatch.setattr(models, "app_models_dir", lambda: app_dir)
    monkeypatch.setenv("TRANSKRIPT_MODEL_DIR", str(user_dir))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hf-cache"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    return app_dir, user_dir
