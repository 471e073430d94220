"""Talking to a model hub (Hugging Face, or a mirror): the file list, and one file fetched safely.

Only ever called when the researcher asks for a model (``transcribe-app models download``,
``transcribe --download``, the window's Download): Transkript makes no other network access.

- ``HF_ENDPOINT`` names a mirror (a university's, or a test's server on 127.0.0.1);
  ``HTTPS_PROXY``/``HTTP_PROXY``/``NO_PROXY`` are honoured (urllib reads them);
  ``HF_TOKEN`` is sent for a model that needs the user to have accepted its licence.
- The file list comes from the hub's file API (``/api/models/REPO/tree/REVISION``), which
  gives every file's size and its checksum: the SHA-256 of a large (LFS) file, the git
  object id (SHA-1 of ``blob SIZE\\0`` + the bytes) of a small one. Every byte fetched is
  checked against it; a file that does not match is deleted, never kept.
- A file is fetched into ``NAME.part`` and continued where it stopped (an HTTP ``Range``
  request) when the download is run again.
"""

from __future__ import annotations

import errno
import hashlib
import http.client
import json
import os
import shutil
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import ModelNotAvailableError

DEFAULT_ENDPOINT = "https://huggingface.co"
_BLOCK = 1 << 20
_TIMEOUT_S = 30

Progress = Callable[[int], None]  # called with the number of new bytes after each block


@dataclass(frozen=True)
class HubFile:
    """One file of a hub repository, as the file API describes it."""

    path: str
    size: int
    sha256: str | None  # large (LFS) files
    git_oid: str | None  # small files: git's object id (SHA-1)


class DownloadInterrupted(ModelNotAvailableError):
    """The connection ended before the file was complete: what came is kept, and a new run continues."""


class ChecksumMismatch(ModelNotAvailableError):
    """The bytes are not those the hub lists: the file was deleted."""


def hub_endpoint() -> str:
    return (os.environ.get("HF_ENDPOINT") or DEFAULT_ENDPOINT).rstrip("/")


def free_bytes(folder: Path) -> int:
    """Free space where ``folder`` is (or would be made); a function of its own so a test can fill it."""
    probe = Path(folder)
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    return shutil.disk_usage(probe).free


def _open(url: str, headers: dict[str, str] | None = None):
    request = urllib.request.Request(url, headers={"User-Agent": "Transkript", **(headers or {})})
    token = os.environ.get("HF_TOKEN")
    if token:
        # Not passed on when the hub redirects the download to its file store (another host).
        request.add_unredirected_header("Authorization", f"Bearer {token}")
    # A fresh opener each time: it reads the proxy settings (HTTPS_PROXY, NO_PROXY …) of now, where
    # urllib.request.urlopen would keep those of its first call for the life of the process.
    return urllib.request.build_opener().open(request, timeout=_TIMEOUT_S)


def list_files(repository: str, revision: str = "main") -> list[HubFile]:
    """Every file of ``repository`` at ``revision`` with its size and checksum."""
    endpoint = hub_endpoint()
    url = (
        f"{endpoint}/api/models/{urllib.parse.quote(repository)}/tree/"
        f"{urllib.parse.quote(revision, safe='')}?recursive=true"
    )
    entries: list = []
    while url:
        try:
            with _open(url) as response:
                entries.extend(json.loads(response.read().decode("utf-8")))
                url = _next_page(response.headers.get("Link", ""))
        except urllib.error.HTTPError as error:
            raise _http_error(error, repository) from error
        except (urllib.error.URLError, OSError, ValueError) as error:
            raise _unreachable(endpoint, error) from error
    files = []
    for entry in entries:
        if not isinstance(entry, dict) or entry.get("type") != "file":
            continue
        lfs = entry.get("lfs") if isinstance(entry.get("lfs"), dict) else None
        files.append(
            HubFile(
                path=str(entry["path"]),
                size=int(lfs["size"] if lfs else entry.get("size", 0)),
                sha256=str(lfs["oid"]) if lfs else None,
                git_oid=None if lfs else str(entry.get("oid") or "") or None,
            )
        )
    return files


def _next_page(link: str) -> str | None:
    for part in link.split(","):
        if 'rel="next"' in part and "<" in part:
            return part[part.index("<") + 1 : part.index(">")]
    return None


def file_url(repository: str, revision: str, path: str) -> str:
    quoted = "/".join(urllib.parse.quote(p) for p in path.split("/"))
    rev = urllib.parse.quote(revision, safe="")
    return f"{hub_endpoint()}/{urllib.parse.quote(repository)}/resolve/{rev}/{quoted}"


def fetch_file(
    repository: str, revision: str, file: HubFile, target: Path, progress: Progress | None = None
) -> None:
    """Fetch ``file`` to ``target``, continuing ``target.part`` if an earlier run left one; checked.

    On success ``target`` holds exactly the listed bytes. On a broken connection the ``.part``
    stays (``DownloadInterrupted``); on a checksum mismatch it is deleted (``ChecksumMismatch``).
    """
    part = target.with_name(target.name + ".part")
    part.parent.mkdir(parents=True, exist_ok=True)
    sha256, sha1 = hashlib.sha256(), hashlib.sha1()  # noqa: S324 - git's object id is SHA-1
    sha1.update(f"blob {file.size}\0".encode())
    offset = part.stat().st_size if part.is_file() else 0
    if offset > file.size:  # not the file listed now (the repository changed): start again
        part.unlink()
        offset = 0
    headers = {"Range": f"bytes={offset}-"} if offset else {}
    url = file_url(repository, revision, file.path)
    if offset < file.size or file.size == 0:
        _download_into(part, url, headers, offset, repository, file, (sha256, sha1), progress)
    else:
        _hash_prefix(part, offset, sha256, sha1)  # complete already: only checked
    got = part.stat().st_size
    if got < file.size:
        raise _interrupted(file, part)
    if got > file.size or not _matches(file, sha256.hexdigest(), sha1.hexdigest()):
        part.unlink()
        raise ChecksumMismatch(
            f"The downloaded file “{file.path}” of {repository} does not match the checksum the hub lists "
            "for it: it was damaged on the way or changed on the hub. It was deleted and nothing was "
            "installed; run the download again, and if it happens again, the mirror may be serving "
            "wrong files (check HF_ENDPOINT)."
        )
    part.replace(target)


def _download_into(part, url, headers, offset, repository, file, digests, progress) -> None:
    try:
        response = _open(url, headers)
    except urllib.error.HTTPError as error:
        if error.code != 416:  # 416: nothing after the offset, the part is already complete
            raise _http_error(error, repository, file.path) from error
        _hash_prefix(part, part.stat().st_size, *digests)
        return
    except (urllib.error.URLError, OSError, http.client.HTTPException) as error:
        raise _unreachable(hub_endpoint(), error) from error
    with response:
        if not (offset and response.status == 206):
            offset = 0  # no Range support, or a fresh start: the whole file comes
        _hash_prefix(part, offset, *digests)
        try:
            with open(part, "ab" if offset else "wb") as out:
                while block := response.read(_BLOCK):
                    out.write(block)
                    for digest in digests:
                        digest.update(block)
                    if progress:
                        progress(len(block))
                out.flush()
                os.fsync(out.fileno())
        except (OSError, http.client.HTTPException) as error:
            if isinstance(error, OSError) and error.errno == errno.ENOSPC:
                raise ModelNotAvailableError(
                    f"The disk became full while downloading “{file.path}”. Free some space and run the "
                    "command again; it continues where it stopped."
                ) from error
            raise _interrupted(file, part) from error


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(_BLOCK):
            digest.update(block)
    return digest.hexdigest()


def _hash_prefix(part: Path, length: int, *digests) -> None:
    if not length:
        return
    with open(part, "rb") as handle:
        left = length
        while left and (block := handle.read(min(_BLOCK, left))):
            for digest in digests:
                digest.update(block)
            left -= len(block)


def _matches(file: HubFile, sha256: str, sha1: str) -> bool:
    if file.sha256:
        return sha256 == file.sha256
    if file.git_oid:
        return sha1 == file.git_oid
    return False  # a file the hub gives no checksum for is never trusted


def _interrupted(file: HubFile, part: Path) -> DownloadInterrupted:
    got = part.stat().st_size if part.is_file() else 0
    return DownloadInterrupted(
        f"The download of “{file.path}” stopped at {_mb(got)} of {_mb(file.size)} (the connection ended). "
        "What came is kept: run the same command again to continue where it stopped."
    )


def _unreachable(endpoint: str, error: BaseException) -> ModelNotAvailableError:
    reason = getattr(error, "reason", error)
    return ModelNotAvailableError(
        f"Could not reach the model hub at {endpoint} ({reason}). This computer seems to be offline, or "
        "the university network blocks it: connect to the internet, or set HTTPS_PROXY to your proxy or "
        "HF_ENDPOINT to a mirror, and run the command again. Nothing else in Transkript needs the internet."
    )


def _http_error(error: urllib.error.HTTPError, repository: str, path: str = "") -> ModelNotAvailableError:
    what = f"“{path}” of {repository}" if path else repository
    if error.code in (401, 403):
        return ModelNotAvailableError(
            f"The hub refused access to {what} (HTTP {error.code}): the model may require you to accept its "
            "licence on its page first; then set HF_TOKEN to your access token and run the command again."
        )
    if error.code == 404:
        return ModelNotAvailableError(
            f"The hub at {hub_endpoint()} has no {what} (HTTP 404). "
            "Check the name, or the mirror in HF_ENDPOINT."
        )
    return ModelNotAvailableError(f"The hub answered HTTP {error.code} for {what}; try again later.")


def _mb(size: int) -> str:
    return f"{size / 1e6:,.1f} MB"
