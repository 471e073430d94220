"""``models download`` / ``convert`` / ``verify`` / ``remove`` against an imitation hub on 127.0.0.1.

No model hub is reachable here: a tiny random Whisper checkpoint is made with transformers
(``tests/hub_fixtures.py``), served with the hub's file API, and ``HF_ENDPOINT`` points at it.
Download → convert → faster-whisper transcribes; an interrupted download continues with a Range
request; a checksum mismatch and a full disk are refused with a sentence and leave no model behind.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from tests.hub_fixtures import ImitationHub, catalogue_with, make_tiny_whisper
from transcribe_app.cli import main
from transcribe_app.core.asr import catalogue as catalogue_module
from transcribe_app.core.asr import hub as hub_module

REPO = "transkript-test/whisper-tiny-random"


@pytest.fixture(scope="module")
def tiny_checkpoint(tmp_path_factory):
    import importlib.util

    assert importlib.util.find_spec("transformers"), (
        "pip install -e '.[test]' installs transformers for this test"
    )
    return make_tiny_whisper(tmp_path_factory.mktemp("hub") / "whisper-tiny-random")


@pytest.fixture
def hub(tiny_checkpoint, isolated_models, tmp_path, monkeypatch):
    """The imitation hub, HF_ENDPOINT on it, a catalogue with ``tiny-test``, empty model folders."""
    path = catalogue_with(tmp_path / "catalogue.json", REPO)
    monkeypatch.setattr(catalogue_module, "catalogue_path", lambda: path)
    catalogue_module.load_catalogue.cache_clear()
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("HF_TOKEN", raising=False)
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    with ImitationHub({REPO: tiny_checkpoint}) as server:
        monkeypatch.setenv("HF_ENDPOINT", server.endpoint)
        yield server
    catalogue_module.load_catalogue.cache_clear()


def _files_of(server, path_end: str) -> list:
    return [r for r in server.requests if r[0].endswith(path_end)]


def test_download_convert_transcribe_verify_remove(hub, isolated_models, capsys):
    _app, user = isolated_models
    assert main(["models", "download", "tiny-test", "--quantization", "int8"]) == 0
    model_dir = user / "faster-whisper-tiny-test"
    for name in (
        "model.bin",
        "config.json",
        "tokenizer.json",
        "preprocessor_config.json",
        ".transkript-model.json",
    ):
        assert (model_dir / name).is_file(), name
    assert (user / "transformers" / "tiny-test" / "model.safetensors").is_file()
    assert not (user / ".downloads" / "transkript-test--whisper-tiny-random").exists()
    # Only the files a model needs, each asked for once, and nothing of the network besides the hub.
    assert len(_files_of(hub, "/model.safetensors")) == 1

    capsys.readouterr()
    assert main(["models", "list", "--json"]) == 0
    listed = {entry["id"]: entry for entry in json.loads(capsys.readouterr().out)}
    assert {"kind": "faster-whisper", "path": str(model_dir), "source": "user model folder"} in listed[
        "tiny-test"
    ]["installed"]
    assert listed["edda-v0.2"]["timing"] == "alignment" and listed["edda-v0.2"]["installed"] == []

    from faster_whisper import WhisperModel

    from transcribe_app.core.asr.models import resolve_model

    resolved = resolve_model("faster-whisper", "tiny-test")  # the name transcribe --model takes
    assert resolved.path == str(model_dir)
    model = WhisperModel(resolved.path, device="cpu", compute_type="int8")
    audio = np.random.default_rng(0).normal(0, 0.1, 16_000 * 2).astype(np.float32)
    segments, _info = model.transcribe(
        audio, language="da", beam_size=1, temperature=0.0, word_timestamps=True, max_new_tokens=8
    )
    for segment in segments:  # random weights: any text, but timed segments (or none at all)
        assert 0.0 <= segment.start <= segment.end

    assert main(["models", "verify", "tiny-test"]) == 0
    with open(model_dir / "model.bin", "r+b") as handle:  # one changed byte
        handle.seek(100)
        byte = handle.read(1)
        handle.seek(100)
        handle.write(bytes([byte[0] ^ 0xFF]))
    capsys.readouterr()
    assert main(["models", "verify", "tiny-test"]) == 1
    assert "model.bin differs" in capsys.readouterr().out

    assert main(["models", "remove", "tiny-test"]) == 0
    assert not model_dir.exists() and not (user / "transformers" / "tiny-test").exists()


def test_convert_for_the_whisper_backend_gives_the_same_encoder(tiny_checkpoint, isolated_models):
    import torch
    from transformers import WhisperForConditionalGeneration

    from transcribe_app.core.asr.models import ResolvedModel
    from transcribe_app.core.asr.openai_whisper_backend import load_checkpoint

    _app, user = isolated_models
    assert main(["models", "convert", str(tiny_checkpoint), "--backend", "whisper", "--name", "tiny"]) == 0
    pt = user / "openai-whisper-tiny.pt"
    whisper_model = load_checkpoint(ResolvedModel("whisper", "tiny", str(pt), "explicit path"), "cpu")
    reference = WhisperForConditionalGeneration.from_pretrained(str(tiny_checkpoint)).eval()
    mel = torch.randn(1, 80, 3000, generator=torch.Generator().manual_seed(1))
    with torch.no_grad():
        ours = whisper_model.float().encoder(mel)
        theirs = reference.model.encoder(mel).last_hidden_state
    assert torch.allclose(ours, theirs, atol=2e-2), float((ours - theirs).abs().max())  # float16 weights
    assert whisper_model.alignment_heads.to_dense().nonzero().tolist() == [[0, 0], [0, 1]]


def test_an_interrupted_download_continues_where_it_stopped(hub, isolated_models, capsys):
    _app, user = isolated_models
    hub.cut_after["model.safetensors"] = 1_000_000
    assert main(["models", "download", "tiny-test", "--no-convert"]) == 3
    said = capsys.readouterr().err
    assert "stopped at 1.0 MB" in said and "run the same command again" in said
    assert not (user / "transformers" / "tiny-test").exists()  # nothing half-written as the model
    part = user / ".downloads" / "transkript-test--whisper-tiny-random" / "model.safetensors.part"
    assert part.stat().st_size == 1_000_000

    assert main(["models", "download", "tiny-test", "--no-convert"]) == 0
    assert _files_of(hub, "/model.safetensors")[-1][1] == "bytes=1000000-"
    assert len(_files_of(hub, "/config.json")) == 1  # what had arrived whole is not fetched again
    assert main(["models", "verify", "tiny-test"]) == 0


def test_a_checksum_mismatch_is_refused_and_nothing_is_kept(hub, isolated_models, capsys):
    _app, user = isolated_models
    hub.corrupt.add("model.safetensors")
    assert main(["models", "download", "tiny-test", "--no-convert"]) == 3
    said = capsys.readouterr().err
    assert "does not match the checksum" in said and "nothing was installed" in said
    staging = user / ".downloads" / "transkript-test--whisper-tiny-random"
    assert not (staging / "model.safetensors.part").exists() and not (staging / "model.safetensors").exists()
    assert not (user / "transformers" / "tiny-test").exists()


def test_a_small_file_is_checked_by_its_git_object_id(hub, isolated_models, capsys):
    hub.corrupt.add("config.json")  # below the LFS size: the hub lists git's SHA-1, not a SHA-256
    assert main(["models", "download", "tiny-test", "--no-convert"]) == 3
    assert "“config.json”" in capsys.readouterr().err


def test_a_full_disk_is_said_before_anything_is_downloaded(hub, isolated_models, monkeypatch, capsys):
    _app, user = isolated_models
    monkeypatch.setattr(hub_module, "free_bytes", lambda folder: 50_000_000)
    assert main(["models", "download", "tiny-test"]) == 3
    said = capsys.readouterr().err
    assert "Not enough free disk space" in said and "50 MB is free" in said and "TRANSKRIPT_MODEL_DIR" in said
    assert not _files_of(hub, "/model.safetensors")
    assert not (user / "transformers").exists() and not (user / "faster-whisper-tiny-test").exists()


def test_offline_is_a_sentence(hub, isolated_models, monkeypatch, capsys):
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{closed}")
    assert main(["models", "download", "tiny-test"]) == 3
    said = capsys.readouterr().err
    assert "Could not reach the model hub" in said and "HTTPS_PROXY" in said and "HF_ENDPOINT" in said
    assert "Traceback" not in said


def test_converting_without_transformers_says_which_extra(
    tiny_checkpoint, isolated_models, monkeypatch, capsys
):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "transformers" else real(name, *a)
    )
    assert main(["models", "convert", str(tiny_checkpoint)]) == 3
    assert "pip install 'transcribe-app[convert]'" in capsys.readouterr().err
    assert not (isolated_models[1] / "faster-whisper-whisper-tiny-random").exists()


def test_a_university_proxy_is_used(hub, isolated_models, monkeypatch):
    """HTTP_PROXY (as a university network sets it) carries every request to the hub named in HF_ENDPOINT."""
    monkeypatch.setenv("HF_ENDPOINT", "http://hub-mirror.invalid")
    monkeypatch.setenv("HTTP_PROXY", hub.endpoint)
    monkeypatch.delenv("NO_PROXY")
    assert main(["models", "download", "tiny-test", "--no-convert"]) == 0
    assert hub.requests and all(path.startswith("http://hub-mirror.invalid/") for path, _ in hub.requests)
