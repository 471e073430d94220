"""Model lookup: the order of places, and clear messages instead of downloads."""

from __future__ import annotations

import pytest

from transcribe_app.core.asr.models import resolve_model
from transcribe_app.core.errors import BadInputError, ModelNotAvailableError


def make_ct2_folder(folder):
    folder.mkdir(parents=True)
    (folder / "model.bin").write_bytes(b"weights")
    return folder


def test_not_found_says_where_it_looked_and_how_to_get_it(isolated_models, no_network):
    app_dir, user_dir = isolated_models
    with pytest.raises(ModelNotAvailableError) as caught:
        resolve_model("faster-whisper", "large-v3")
    message = str(caught.value)
    assert str(app_dir / "faster-whisper-large-v3") in message
    assert str(user_dir / "faster-whisper-large-v3") in message
    assert "--download" in message


def test_openai_not_found_lists_the_library_cache(isolated_models, tmp_path):
    with pytest.raises(ModelNotAvailableError) as caught:
        resolve_model("whisper", "turbo")
    assert str(tmp_path / "cache" / "whisper" / "large-v3-turbo.pt") in str(caught.value)


def test_app_folder_comes_before_user_folder(isolated_models):
    app_dir, user_dir = isolated_models
    make_ct2_folder(user_dir / "faster-whisper-small")
    found = resolve_model("faster-whisper", "small")
    assert (found.source, found.path) == ("user model folder", str(user_dir / "faster-whisper-small"))
    make_ct2_folder(app_dir / "small")
    found = resolve_model("faster-whisper", "small")
    assert (found.source, found.path) == ("app models folder", str(app_dir / "small"))


def test_openai_checkpoint_names_in_folders(isolated_models):
    app_dir, user_dir = isolated_models
    (user_dir / "large-v3-turbo.pt").write_bytes(b"x")  # the file name openai-whisper downloads for turbo
    assert resolve_model("whisper", "turbo").path == str(user_dir / "large-v3-turbo.pt")
    (app_dir / "openai-whisper-base.pt").write_bytes(b"x")
    assert resolve_model("whisper", "base").source == "app models folder"


def test_library_cache_is_last(isolated_models, tmp_path):
    cache = tmp_path / "cache" / "whisper"
    cache.mkdir(parents=True)
    (cache / "small.pt").write_bytes(b"x")
    found = resolve_model("whisper", "small")
    assert found.source == "library cache"


def test_explicit_paths(tmp_path, isolated_models):
    folder = make_ct2_folder(tmp_path / "hviske-ct2")
    assert resolve_model("faster-whisper", str(folder)).source == "explicit path"
    checkpoint = tmp_path / "my.pt"
    checkpoint.write_bytes(b"x")
    assert resolve_model("whisper", str(checkpoint)).path == str(checkpoint.resolve())


@pytest.mark.parametrize(
    "backend, make, message",
    [
        ("faster-whisper", "pt", "not a faster-whisper .*--backend whisper"),
        ("whisper", "folder", "needs an openai-whisper .pt file"),
    ],
)
def test_a_model_of_the_other_backend_is_explained(tmp_path, backend, make, message):
    if make == "pt":
        path = tmp_path / "model.pt"
        path.write_bytes(b"x")
    else:
        path = make_ct2_folder(tmp_path / "ct2")
    with pytest.raises(BadInputError, match=message):
        resolve_model(backend, str(path))


def test_missing_explicit_path_and_unknown_names(isolated_models, tmp_path):
    with pytest.raises(ModelNotAvailableError, match="does not exist"):
        resolve_model("whisper", str(tmp_path / "gone.pt"))
    with pytest.raises(BadInputError, match="neither a model file nor a Whisper model name"):
        resolve_model("whisper", "enormous")
    with pytest.raises(BadInputError, match="Unknown backend"):
        resolve_model("vosk", "base")
