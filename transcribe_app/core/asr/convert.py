"""Transformers Whisper checkpoints → the two backends' formats.

- ``convert_to_ctranslate2``: with CTranslate2's own converter (``ct2-transformers-converter``), for
  faster-whisper. It needs the ``transformers`` library (``pip install 'transcribe-app[convert]'``);
  without it, a sentence says so.
- ``convert_to_openai_whisper``: the same weights renamed to openai-whisper's layout (a ``.pt`` file
  with ``dims`` and ``model_state_dict``, and the model's alignment heads as ``alignment_heads_b85``,
  which ``openai_whisper_backend.load_checkpoint`` reads), for the whisper backend. Needs PyTorch
  (the ``[whisper]`` extra) and ``safetensors`` (which comes with transformers).

Both write beside the target and rename when done: an interrupted conversion never leaves a
half-written model where Transkript looks for one.
"""

from __future__ import annotations

import base64
import gzip
import json
import re
import shutil
import tempfile
import time
from pathlib import Path

from ..errors import BadInputError, ModelNotAvailableError
from ..safe_write import replace_file
from . import hub
from .model_folders import MANIFEST, install_folder

QUANTIZATIONS = ("float16", "int8", "int8_float16", "float32")
# Files faster-whisper reads beside model.bin: without tokenizer.json it would fetch one from the hub.
_CARRIED = ("tokenizer.json", "preprocessor_config.json")


def _need(module: str, extra: str, what: str) -> None:
    import importlib.util

    if importlib.util.find_spec(module) is None:
        raise ModelNotAvailableError(
            f"Converting a model {what} needs the “{module}” library, which is not installed: "
            f"pip install 'transcribe-app[{extra}]' (or pip install {module}), then run the command again."
        )


def whisper_config(source: Path) -> dict:
    """The source checkpoint's config.json, checked to be a Transformers Whisper model."""
    config_file = Path(source) / "config.json"
    if not config_file.is_file():
        raise BadInputError(
            f"“{source}” is not a Transformers model folder: it has no config.json. Give a folder made with "
            "save_pretrained, or a hub repository (owner/name)."
        )
    try:
        config = json.loads(config_file.read_text(encoding="utf-8"))
    except ValueError as error:
        raise BadInputError(f"“{config_file}” is not valid JSON ({error}).") from error
    if not isinstance(config, dict) or config.get("model_type") != "whisper":
        kind = config.get("model_type") if isinstance(config, dict) else None
        raise BadInputError(
            f"“{source}” holds a {kind or 'non-Whisper'} model, not a Whisper model; Transkript converts "
            "only Whisper models."
        )
    return config


def convert_to_ctranslate2(
    source: Path, target: Path, *, quantization: str = "float16", model_id: str | None = None
) -> Path:
    """Convert the Transformers Whisper folder ``source`` into a CTranslate2 folder ``target``."""
    if quantization not in QUANTIZATIONS:
        raise BadInputError(f"Unknown quantization “{quantization}”; choose {', '.join(QUANTIZATIONS)}.")
    config = whisper_config(source)
    _need("transformers", "convert", "from the Transformers format")
    from ctranslate2.converters import TransformersConverter

    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".converting-{target.name}-", dir=target.parent))
    try:
        carried = _tokenizer_ready(source, work)
        out = work / "model"
        TransformersConverter(str(source)).convert(str(out), quantization=quantization)
        for name in _CARRIED:
            if not (out / name).is_file() and (carried / name).is_file():
                shutil.copyfile(carried / name, out / name)
        if not (out / "preprocessor_config.json").is_file():
            # faster-whisper takes the number of mel bands from here (128 for large-v3 and its fine-tunes).
            (out / "preprocessor_config.json").write_text(
                json.dumps({"feature_size": int(config.get("num_mel_bins", 80)), "sampling_rate": 16000}),
                encoding="utf-8",
            )
        _write_manifest(out, source, model_id or target.name.removeprefix("faster-whisper-"), quantization)
        install_folder(out, target)
    except (ValueError, OSError, RuntimeError, KeyError) as error:
        raise ModelNotAvailableError(
            f"The conversion of “{source}” failed ({error}); nothing was installed. The folder may be "
            "incomplete: download it again."
        ) from error
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target


def _tokenizer_ready(source: Path, work: Path) -> Path:
    """A folder with tokenizer.json: the source, or one made from its vocab.json and merges.txt."""
    if (source / "tokenizer.json").is_file():
        return source
    from transformers import AutoTokenizer

    try:
        tokenizer = AutoTokenizer.from_pretrained(str(source), local_files_only=True)
    except (OSError, ValueError) as error:
        raise BadInputError(
            f"“{source}” has no tokenizer (tokenizer.json, or vocab.json and merges.txt); it cannot be used."
        ) from error
    made = work / "tokenizer"
    tokenizer.save_pretrained(str(made))
    for name in _CARRIED[1:]:
        if (source / name).is_file():
            shutil.copyfile(source / name, made / name)
    return made


def _write_manifest(
    folder: Path, source: Path, model_id: str, quantization: str, name: str = MANIFEST
) -> None:
    files = {
        p.name: {"bytes": p.stat().st_size, "sha256": hub.sha256_of(p)}
        for p in sorted(folder.iterdir())
        if p.is_file() and p.name != name
    }
    record = {
        "id": model_id,
        "source": f"converted from {source}",
        "quantization": quantization,
        "installed": time.strftime("%Y-%m-%d %H:%M:%S"),
        "files": files,
    }
    (folder / name).write_text(json.dumps(record, indent=2, ensure_ascii=False), encoding="utf-8")


# -- openai-whisper ------------------------------------------------------------------------------------

# Transformers' names → openai-whisper's, in this order (the layer norms before the attention names).
_RENAMES = (
    (r"^model\.", ""),
    (r"\.embed_positions\.weight$", ".positional_embedding"),
    (r"\.embed_tokens\.", ".token_embedding."),
    (r"\.layers\.", ".blocks."),
    (r"\.self_attn_layer_norm\.", ".attn_ln."),
    (r"\.encoder_attn_layer_norm\.", ".cross_attn_ln."),
    (r"\.final_layer_norm\.", ".mlp_ln."),
    (r"\.self_attn\.", ".attn."),
    (r"\.encoder_attn\.", ".cross_attn."),
    (r"\.q_proj\.", ".query."),
    (r"\.k_proj\.", ".key."),
    (r"\.v_proj\.", ".value."),
    (r"\.out_proj\.", ".out."),
    (r"\.fc1\.", ".mlp.0."),
    (r"\.fc2\.", ".mlp.2."),
    (r"^encoder\.layer_norm\.", "encoder.ln_post."),
    (r"^decoder\.layer_norm\.", "decoder.ln."),
)


def openai_name(name: str) -> str | None:
    """openai-whisper's name of a Transformers Whisper weight (None: not part of openai-whisper's model)."""
    if name.startswith("proj_out."):  # the output projection is the token embedding, shared
        return None
    for pattern, replacement in _RENAMES:
        name = re.sub(pattern, replacement, name)
    return name


def convert_to_openai_whisper(source: Path, target: Path) -> Path:
    """Convert the Transformers Whisper folder ``source`` into an openai-whisper checkpoint ``target``."""
    config = whisper_config(source)
    for ffn in ("encoder_ffn_dim", "decoder_ffn_dim"):
        if config.get(ffn, 4 * config.get("d_model", 0)) != 4 * config.get("d_model", 0):
            raise BadInputError(
                f"“{source}” is not shaped like an OpenAI Whisper model ({ffn} is not 4 × d_model); "
                "it can be converted for faster-whisper only."
            )
    _need("torch", "whisper", "for the whisper backend")
    _need("safetensors", "convert", "from the Transformers format")
    import torch

    tensors = _load_weights(Path(source), torch)
    state = {}
    for name, tensor in tensors.items():
        new = openai_name(name)
        if new is not None:
            state[new] = tensor.to(torch.float16).contiguous()
    dims = {
        "n_mels": config["num_mel_bins"],
        "n_vocab": config["vocab_size"],
        "n_audio_ctx": config["max_source_positions"],
        "n_audio_state": config["d_model"],
        "n_audio_head": config["encoder_attention_heads"],
        "n_audio_layer": config["encoder_layers"],
        "n_text_ctx": config["max_target_positions"],
        "n_text_state": config["d_model"],
        "n_text_head": config["decoder_attention_heads"],
        "n_text_layer": config["decoder_layers"],
    }
    checkpoint = {"dims": {k: int(v) for k, v in dims.items()}, "model_state_dict": state}
    heads = _alignment_heads(Path(source), dims["n_text_layer"], dims["n_text_head"])
    checkpoint["alignment_heads_b85"] = heads
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    torch.save(checkpoint, partial)
    partial.replace(target)
    record = {
        "id": target.stem.removeprefix("openai-whisper-"),
        "source": f"converted from {source}",
        "installed": time.strftime("%Y-%m-%d %H:%M:%S"),
        "files": {target.name: {"bytes": target.stat().st_size, "sha256": hub.sha256_of(target)}},
    }
    # Beside the live checkpoint, not in a staging folder: replaced in one step like every other file.
    replace_file(target.with_name(target.name + ".json"), json.dumps(record, indent=2).encode("utf-8"))
    return target


def _load_weights(source: Path, torch) -> dict:
    from safetensors.torch import load_file

    files = sorted(source.glob("model*.safetensors"))
    if files:
        tensors = {}
        for file in files:
            tensors.update(load_file(str(file)))
        return tensors
    bins = sorted(source.glob("pytorch_model*.bin"))
    if not bins:
        raise BadInputError(f"“{source}” holds no weights (model.safetensors or pytorch_model.bin).")
    tensors = {}
    for file in bins:
        tensors.update(torch.load(file, map_location="cpu", weights_only=True))
    return tensors


def _alignment_heads(source: Path, n_layer: int, n_head: int) -> str:
    """The model's alignment heads (generation_config.json), else the last half of the decoder's layers."""
    heads = None
    generation = source / "generation_config.json"
    if generation.is_file():
        try:
            heads = json.loads(generation.read_text(encoding="utf-8")).get("alignment_heads")
        except ValueError:
            heads = None
    if not heads:  # as CTranslate2's converter does for a model without them
        heads = [[layer, head] for layer in range(n_layer // 2, n_layer) for head in range(n_head)]
    import numpy as np

    mask = np.zeros(n_layer * n_head, dtype=bool)
    mask[[layer * n_head + head for layer, head in heads]] = True
    return base64.b85encode(gzip.compress(mask.tobytes(), mtime=0)).decode()
