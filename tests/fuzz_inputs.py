"""The fuzz suite's world: valid inputs made by the CLI itself, ways to break them, and a guarded run.

``make_world(folder)`` writes a small but complete set of inputs, each made the way a
researcher makes it: a transcribed project (words with times, a roster, a citation code,
an exported appendix, pseudonymisation decisions, quotes, speakers found, an edit log),
a key file and the pseudonymised text it belongs to, rosters (CSV and JSON), typed
transcripts (TXT and DOCX) and a manuscript. ``COMMANDS`` runs every command of the CLI
on them. The mutators break one input at a time (wrong types, nulls, NaN, huge numbers,
deleted keys, deep nesting, truncation, random bytes, broken or hostile DOCX).

``run_cli`` calls ``transcribe_app.cli.main`` in this process with ``--debug``, so that
any exception that reaches the last-resort handler prints its traceback and the check
(``assert_clean``) sees it.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import math
import random
import re
import shutil
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from tests.export_fixtures import interview
from tests.pseudonymisation_gold import DATA as GOLD
from tests.pseudonymisation_gold import read_gold
from transcribe_app.cli import main
from transcribe_app.core.citations.basket import Quote
from transcribe_app.core.project.diarisation import DiarisationRecord
from transcribe_app.core.project.edit_log import EditEntry
from transcribe_app.core.project.file import save_project
from transcribe_app.core.project.record import TranscriptionRun

PROJECT = "interview.transkript.json"
EXPORT_FORMATS = ("docx", "pdf", "txt", "srt", "vtt", "json", "nvivo", "maxqda", "plain")
ALLOWED_EXITS = {0, 2, 3, 4}  # 1 only where a check may legitimately fail (find-quote, check-citations)
CHECK_COMMANDS = {"find-quote", "check-citations"}


# -- the world --------------------------------------------------------------------------------------


def make_world(folder: Path) -> Path:
    """Valid inputs of every kind in ``folder``, made by the CLI as a researcher would."""
    folder.mkdir(parents=True, exist_ok=True)
    project = interview(turns=8, seed=3)
    project.transcription = TranscriptionRun(
        "faster-whisper",
        {"name": "base", "source": "app models folder"},
        {"model": "base", "language": "da", "beam_size": 5, "temperature": [0.0, 0.2]},
        status="in_progress",
        transcribed_until=12.5,
        notices=["a notice"],
    )
    (folder / "rec.wav").write_bytes(b"RIFF not really a recording")
    project.set_audio_file(folder / "rec.wav", folder / PROJECT)
    project.audio.sha256 = "0" * 64
    project.quotes = [Quote("1-2", citation="(VJ: 1-2)")]
    project.diarisation = DiarisationRecord(
        method="builtin",
        speakers_requested=2,
        speakers_found=2,
        words_to_review=3,
        finished_at="2026-01-01T00:00:00+00:00",
    )
    project.edits = [EditEntry("edit", [0, 1], "2026-01-01T00:00:00+00:00")]
    path = folder / PROJECT
    save_project(project, path)
    _run_ok(["export", str(path), "-o", str(folder / "appendix.docx")])
    _run_ok(["pseudonymise", str(path), "--add", "Ida Holm", "--reject", "Holm@1", "--dismiss", "Og"])
    (folder / PROJECT).with_name(PROJECT + ".bak").unlink(missing_ok=True)

    text, _ = read_gold(GOLD / "interview_gold.txt")
    typed = "\n".join(text.splitlines()[:12]) + "\n"
    (folder / "typed.txt").write_text(typed, encoding="utf-8")
    import docx

    document = docx.Document()
    for line in typed.splitlines():
        document.add_paragraph(line)
    document.save(str(folder / "typed.docx"))
    roster = json.loads((GOLD / "interview_roster.json").read_text(encoding="utf-8"))
    (folder / "roster.json").write_text(json.dumps(roster, ensure_ascii=False), encoding="utf-8")
    entries = roster["roster"] if isinstance(roster, dict) else roster
    lines = ["name,code,role,aliases"] + [
        ",".join(
            [
                e.get("name", ""),
                e.get("code", ""),
                e.get("role", ""),
                "|".join(e["aliases"]) if isinstance(e.get("aliases"), list) else e.get("aliases", ""),
            ]
        )
        for e in entries
    ]
    (folder / "roster.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    _run_ok(
        [
            "pseudonymise-text",
            str(folder / "typed.txt"),
            "--roster",
            str(folder / "roster.json"),
            "-o",
            str(folder / "pseudo.txt"),
            "--key",
            str(folder / "key.json"),
            "--accept-review",
            "--allow-leaks",
        ]
    )
    for name in ("pseudo.txt.bak", "key.json.bak"):
        (folder / name).unlink(missing_ok=True)
    from tests.citation_fixtures import write_manuscript

    write_manuscript(
        folder / "manuscript.docx",
        ["Som hun siger: „jeg ved det ikke“ (VJ: 1-2).", ("quote", "noget helt andet (VJ: 3)")],
    )
    return folder


def _run_ok(argv: list[str]) -> None:
    result = run_cli(argv)
    assert result.code == 0, (argv, result.err)


# -- running the CLI --------------------------------------------------------------------------------


@dataclass
class Result:
    argv: list[str]
    code: int
    out: str
    err: str


def run_cli(argv: list[str], stdin: str = "") -> Result:
    """``transcribe-app --debug ARGV`` in this process, standard streams captured."""
    out, err = io.StringIO(), io.StringIO()
    old_stdin = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(["--debug", *argv])
            except SystemExit as exit_:  # argparse's usage errors
                code = exit_.code if isinstance(exit_.code, int) else 2
    finally:
        sys.stdin = old_stdin
    return Result(argv, code, out.getvalue(), err.getvalue())


def problem(result: Result) -> str | None:
    """What is wrong with how a command ended, or None: a traceback, or an exit status outside the set."""
    if "Traceback (most recent call last)" in result.err or "unexpected problem" in result.err:
        return "traceback"
    allowed = ALLOWED_EXITS | ({1} if result.argv[0] in CHECK_COMMANDS else set())
    if result.code not in allowed:
        return f"exit {result.code}"
    return None


def traceback_signature(text: str) -> str:
    """The exception type and the innermost frame of a printed traceback: one per distinct cause."""
    lines = [line for line in text.splitlines() if line.strip()]
    frames = [line.strip() for line in lines if line.strip().startswith("File ")]
    last = next((line for line in reversed(lines) if not line.startswith(" ")), "")
    return f"{last.split(':')[0]} at {frames[-1] if frames else '?'}"


# -- the commands ----------------------------------------------------------------------------------


def project_commands(d: Path) -> list[list[str]]:
    """Every command that reads a project file, with valid options and outputs in ``d``."""
    p = str(d / PROJECT)
    exports = [["export", p, "--format", fmt, "-o", str(d / f"out.{fmt}")] for fmt in EXPORT_FORMATS]
    return [
        ["info", p],
        *exports,
        ["export", p],
        ["export", p, "--format", "tables", "-o", str(d / "tables.docx")],
        ["export", p, "--pseudonymise", "--key", str(d / "key2.json"), "-o", str(d / "pseudo_out.txt")],
        ["meta", p],
        ["meta", p, "--title", "Ny titel", "--appendix", "4"],
        ["cite", p, "--lines", "1-2"],
        ["find-quote", p, "jeg ved det ikke"],
        ["check-citations", str(d / "manuscript.docx"), "--projects", p],
        ["validation-pack", p, "--quote", "1-2", "-o", str(d / "pack.docx")],
        ["quotes", p],
        ["quotes", p, "--remove", "1", "--add", "1-2"],
        ["clean", p, "--level", "verbatim"],
        ["speakers", p],
        ["speakers", p, "--swap", "S1", "S2"],
        ["roster", p],
        ["roster", p, "--import", str(d / "roster.csv")],
        ["roster", p, "--export", str(d / "roster_out.json")],
        ["pseudonymise", p],
        ["diarise", p],
        ["transcribe", str(d / "rec.wav"), "-o", p, "--resume"],
        ["restore", p],
    ]


def key_commands(d: Path) -> list[list[str]]:
    return [
        ["depseudonymise", str(d / "pseudo.txt"), "--key", str(d / "key.json"), "-o", str(d / "back.txt")]
    ]


def roster_commands(d: Path, roster: str) -> list[list[str]]:
    r = str(d / roster)
    return [
        ["roster", str(d / PROJECT), "--import", r],
        [
            "pseudonymise-text", str(d / "typed.txt"), "--roster", r,
            "-o", str(d / "typed_out.txt"), "--key", str(d / "typed_key.json"),
        ],
    ]  # fmt: skip


def transcript_commands(d: Path, typed: str) -> list[list[str]]:
    t = str(d / typed)
    return [
        ["import", t, "-o", str(d / "imported.transkript.json")],
        [
            "pseudonymise-text", t, "--roster", str(d / "roster.json"),
            "-o", str(d / "typed_out.txt"), "--key", str(d / "typed_key.json"),
        ],
        ["clean-text", "--level", "strict"],  # the transcript on standard input
    ]  # fmt: skip


def manuscript_commands(d: Path) -> list[list[str]]:
    return [
        ["check-citations", str(d / "manuscript.docx"), "--projects", str(d / PROJECT)],
        ["validation-pack", str(d / PROJECT), "--from-manuscript", str(d / "manuscript.docx"), "-o",
         str(d / "pack.docx")],
    ]  # fmt: skip


def fresh_copy(world: Path, folder: Path) -> Path:
    """A copy of the world to break (the world itself is never changed)."""
    shutil.copytree(world, folder, dirs_exist_ok=True)
    return folder


# -- breaking JSON --------------------------------------------------------------------------------

HOSTILE_VALUES = (
    None,
    "",
    "tekst",
    "\x1b[31m\x07\x01 styretegn",
    0,
    -1,
    2.5,
    10**30,
    1e308,
    -1e308,
    math.nan,
    math.inf,
    -math.inf,
    True,
    False,
    [],
    {},
    [None],
    {"x": 1},
    "x" * 3000,
)


ODD_TEXTS = ("", " ", "\x01", "Æ" * 2000, "VJ", "S1", "[Person 1]", "a\nb", "\u200b", "Vi\u00adbeke", "ø@1:2")


def odd_value_like(value, rng: random.Random):
    """A value of the same JSON type as ``value`` that a careless program might not expect."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return rng.choice((0, 1, -1, 10**6, 2**31))
    if isinstance(value, float):
        return rng.choice((0.0, 0.5, 1.0, 9_999_999.0, 1e-9))
    if isinstance(value, str):
        return rng.choice(ODD_TEXTS)
    if isinstance(value, list):
        return rng.choice(([], value * 2, value[::-1]))
    if isinstance(value, dict):
        return {}
    return value


def walk(data, rng: random.Random, stop: float = 0.35) -> list:
    """A random path into ``data`` (keys and indices), stopping early with probability ``stop``."""
    path: list = []
    node = data
    while isinstance(node, (dict, list)) and node and (not path or rng.random() > stop):
        key = rng.choice(list(node)) if isinstance(node, dict) else rng.randrange(len(node))
        path.append(key)
        node = node[key]
    return path


def mutate_json(data, rng: random.Random, edits: int = 1):
    """A copy of ``data`` with ``edits`` random changes: a hostile value, a deleted key, an unknown key."""
    data = copy.deepcopy(data)
    for _ in range(edits):
        path = walk(data, rng)
        if not path:
            return rng.choice(HOSTILE_VALUES)
        parent = data
        for key in path[:-1]:
            parent = parent[key]
        key = path[-1]
        action = rng.random()
        if action < 0.3:  # the right type, an odd value: read leniently, then through the whole command
            parent[key] = odd_value_like(parent[key], rng)
        elif action < 0.65:
            parent[key] = rng.choice(HOSTILE_VALUES)
        elif action < 0.85:
            del parent[key]
        elif isinstance(parent, dict):
            parent["unknown_" + str(rng.randrange(100))] = rng.choice(HOSTILE_VALUES)
        else:
            parent.insert(key, rng.choice(HOSTILE_VALUES))
    return data


def deep(depth: int = 100_000, opener: str = "[") -> str:
    closer = {"[": "]", "{": "}"}[opener]
    if opener == "{":
        return '{"a":' * depth + "1" + closer * depth
    return opener * depth + closer * depth


def mutate_bytes(raw: bytes, rng: random.Random, depths: tuple[int, ...] = (1_000, 100_000)) -> bytes:
    """Byte-level damage: cut short, random bytes in place or only, bytes dropped or doubled, control
    characters, nesting 100,000 deep, a number of 5,000 digits.

    ``depths``: how deep the nesting goes. A typed transcript gets shallow nesting only: one
    "word" of 200,000 brackets takes spaCy's tokenizer minutes (its affix search is quadratic
    in a token's length), a slowness of the name detection, not a crash.
    """
    choice = rng.randrange(8)
    if choice == 6:  # nested deeper than Python's parser goes
        return deep(rng.choice(depths), rng.choice("[{")).encode()
    if choice == 7:  # a number of thousands of digits where a small one stood
        return re.sub(rb"\d+", lambda _: b"9" * 5000, raw, count=1) if raw else b"9" * 5000
    if choice == 0 or not raw:
        return raw[: rng.randrange(len(raw) + 1)]
    if choice == 1:
        data = bytearray(raw)
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        return bytes(data)
    if choice == 2:
        return rng.randbytes(rng.randint(1, 400))
    if choice == 3:
        start = rng.randrange(len(raw))
        return raw[:start] + raw[start + rng.randint(1, 50) :]
    if choice == 4:
        start = rng.randrange(len(raw))
        return raw[:start] + raw[start : start + 200] * 3 + raw[start:]
    return raw.replace(b"a", bytes([rng.choice([0, 1, 7, 27, 0xFF, 0xC3])]), rng.randint(1, 20))


# -- breaking DOCX ----------------------------------------------------------------------------------

ENTITY_BOMB = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode()
        for i in range(1, 10)
    )
    + b']>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
)


def replace_part(docx_path: Path, part: str, data: bytes) -> None:
    """Rewrite one part of a DOCX (zip) with ``data``, the others as they were."""
    with zipfile.ZipFile(docx_path) as source:
        items = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(docx_path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, content in items:
            target.writestr(info, data if info.filename == part else content)


_BOMB_PART_BYTES = 80 * 1024 * 1024  # past docx_reading.MAX_XML_PART_BYTES; deflates to about 80 kB
_BOMBS: dict[bytes, bytes] = {}


def replace_part_stream(docx_path: Path, part: str, size: int) -> None:
    """Make ``part`` of a DOCX unpack to ``size`` bytes (spaces inside its XML): a zip bomb.

    The bomb is built once per document and kept, so that the suite pays for compressing it once.
    """
    source_bytes = docx_path.read_bytes()
    if source_bytes not in _BOMBS:
        with zipfile.ZipFile(docx_path) as source:
            items = [(info, source.read(info.filename)) for info in source.infolist()]
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
            for info, content in items:
                if info.filename != part:
                    target.writestr(info, content)
                    continue
                with target.open(part, "w", force_zip64=True) as handle:
                    handle.write(content[:-30])
                    block = b" " * (1 << 20)
                    for _ in range(size >> 20):
                        handle.write(block)
                    handle.write(content[-30:])
        _BOMBS[source_bytes] = buffer.getvalue()
    docx_path.write_bytes(_BOMBS[source_bytes])


def hostile_docx(docx_path: Path, kind: str, rng: random.Random) -> None:
    """Break a DOCX in one of the ways found: broken XML, an entity bomb, a zip bomb, not a zip…"""
    if kind == "broken xml":
        with zipfile.ZipFile(docx_path) as source:
            xml = source.read("word/document.xml")
        replace_part(docx_path, "word/document.xml", xml[: rng.randrange(20, len(xml))])
    elif kind == "entity bomb":
        replace_part(docx_path, "word/document.xml", ENTITY_BOMB)
    elif kind == "zip bomb":
        replace_part_stream(docx_path, "word/document.xml", _BOMB_PART_BYTES)
    elif kind == "not a zip":
        docx_path.write_bytes(rng.randbytes(rng.randint(1, 2000)))
    elif kind == "text named docx":
        docx_path.write_text("VJ: det er bare tekst\n", encoding="utf-8")
    elif kind == "no document part":
        with zipfile.ZipFile(docx_path) as source:
            items = [
                (i, source.read(i.filename)) for i in source.infolist() if i.filename != "word/document.xml"
            ]
        with zipfile.ZipFile(docx_path, "w") as target:
            for info, content in items:
                target.writestr(info, content)
    elif kind == "bytes":
        docx_path.write_bytes(mutate_bytes(docx_path.read_bytes(), rng))
    else:
        raise ValueError(kind)


DOCX_DAMAGE = (
    "broken xml",
    "entity bomb",
    "zip bomb",
    "not a zip",
    "text named docx",
    "no document part",
    "bytes",
)
