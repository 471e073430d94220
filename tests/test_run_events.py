"""The worker protocol (core/asr/run_events.py): every event survives a line and back, the lines keep the
keys the window has always read, any text read as a line gives an event or a clear ``EventLineError``,
and the worker's command line asks the CLI for exactly the options of the request."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transcribe_app.cli import build_parser
from transcribe_app.cli.transcribe import transcription_options
from transcribe_app.core.asr import BACKEND_NAMES, TranscriptionOptions
from transcribe_app.core.asr.base import COMPUTE_TYPES, TIMINGS
from transcribe_app.core.asr.device import DEVICES
from transcribe_app.core.asr.run_events import (
    EVENT_TYPES,
    PROTOCOL_VERSION,
    EventLineError,
    RunFailed,
    RunFinished,
    RunNotice,
    RunProgress,
    RunStarted,
    RunStopped,
    SegmentDone,
    read_line,
    to_line,
    worker_arguments,
)
from transcribe_app.core.asr.stage import Progress, TranscriptionRequest
from transcribe_app.core.cleanup import LEVELS
from transcribe_app.core.project.transcript import Segment, Word

SEGMENT = Segment(
    3,
    1.5,
    4.25,
    " Hej med dig.",
    [Word(" Hej", 1.5, 1.9, 0.93, "S1", 0.8), Word(" med", 2.0, 2.2, 0.4), Word(" dig.", 2.3, 4.25)],
    "S1",
    -0.21,
    0.01,
)
ONE_OF_EACH = [
    RunStarted("/data/vj.wav", "/data/vj.transkript.json", False),
    RunNotice("The graphics card (CUDA) could not be used; transcribing on the processor."),
    SegmentDone(SEGMENT),
    RunProgress(0.42, 252.0, 600.0, 61.3, None, 17),
    RunFinished(120, "/data/vj.transkript.json"),
    RunStopped("Stopped; what was done is saved."),
    RunFailed("The project file already exists.", 2),
]


def test_one_of_each_event_is_tested():
    assert {type(event) for event in ONE_OF_EACH} == set(EVENT_TYPES)


@pytest.mark.parametrize("event", ONE_OF_EACH, ids=lambda event: event.EVENT)
def test_every_event_survives_a_line(event):
    line = to_line(event)
    assert "\n" not in line and line.isascii()  # one line, whatever the console's encoding
    assert read_line(line) == event
    assert read_line(line.encode("ascii")) == event  # as the window reads it, in bytes


def test_the_lines_keep_the_keys_the_window_has_always_read():
    lines = [json.loads(to_line(event)) for event in ONE_OF_EACH]
    assert [list(line) for line in lines] == [
        ["event", "protocol", "audio", "project", "resume"],
        ["event", "message"],
        ["event", "id", "start", "end", "text", "words", "speaker", "avg_logprob", "no_speech_prob"],
        ["event", "fraction", "done", "total", "elapsed", "eta", "segments"],
        ["event", "status", "segments", "project"],
        ["event", "status", "message"],
        ["event", "message", "exit_code"],
    ]
    assert lines[0]["protocol"] == PROTOCOL_VERSION == 1
    assert lines[2]["words"][0] == {
        "text": " Hej",
        "start": 1.5,
        "end": 1.9,
        "probability": 0.93,
        "speaker": "S1",
        "speaker_confidence": 0.8,
    }
    assert (lines[4]["status"], lines[5]["status"]) == ("complete", "cancelled")


def test_progress_is_rounded_as_it_always_was():
    progress = Progress(0.123456, 74.0761, 600.0049, 61.2999, 84.5678, 17)
    assert RunProgress.of(progress) == RunProgress(0.1235, 74.08, 600.0, 61.3, 84.6, 17)
    assert RunProgress.of(Progress(0.0, 0.0, 10.0, 1.0, None, 0)).eta is None


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("", "not JSON"),
        ("Downloading model.bin: 100%", "not JSON"),
        ("[1, 2]", "a list, not a record"),
        ('{"message": "hello"}', "names no known run event"),
        ('{"event": "paused"}', "names no known run event"),
        ('{"event": "notice"}', "the notice event.message must be present"),
        ('{"event": "progress", "fraction": 1.5, "done": 1, "total": 2, "elapsed": 1, "eta": null, '
         '"segments": 1}', "fraction"),
        ('{"event": "progress", "fraction": 0.5, "done": 1, "total": 2, "elapsed": 1, "eta": null, '
         '"segments": true}', "segments must be a whole number"),
        ('{"event": "segment", "id": 1, "start": 0, "end": 1, "text": "x", "words": [{"text": 5}]}',
         "words[0].text"),
        ('{"event": "finished", "status": "cancelled", "segments": 1, "project": "p"}', "status"),
        ('{"event": "error", "message": "m", "exit_code": "2"}', "exit_code must be a whole number"),
        ('{"event": "started", "protocol": 2, "audio": "a", "project": "p", "resume": false}',
         "another version"),
        ("[" * 100_000, "not JSON"),
    ],
)  # fmt: skip
def test_a_line_that_is_no_event_says_why(line, says):
    with pytest.raises(EventLineError) as raised:
        read_line(line)
    assert says in str(raised.value)


def test_bytes_that_are_not_utf8_are_no_event():
    with pytest.raises(EventLineError, match="not UTF-8"):
        read_line(b'{"event": "notice", "message": "\xff"}')


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
KEYS = st.sampled_from(
    ["event", "protocol", "audio", "project", "resume", "message", "id", "start", "end", "text", "words",
     "fraction", "done", "total", "elapsed", "eta", "segments", "status", "exit_code", "probability"]
)  # fmt: skip
EVENT_NAMES = st.sampled_from([kind.EVENT for kind in EVENT_TYPES] + ["other"])
RECORDS = st.builds(
    lambda name, rest: {"event": name, **rest}, EVENT_NAMES, st.dictionaries(KEYS, JSON_VALUES, max_size=8)
)


@st.composite
def damaged_events(draw) -> str:
    """A real event's line with one field replaced by any JSON value, dropped, or left as it is."""
    data = json.loads(to_line(draw(st.sampled_from(ONE_OF_EACH))))
    key = draw(st.sampled_from(sorted(data)) | KEYS)
    change = draw(st.sampled_from(["replace", "drop", "keep"]))
    if change == "replace":
        data[key] = draw(JSON_VALUES)
    elif change == "drop":
        data.pop(key, None)
    return json.dumps(data)


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=200) | RECORDS.map(json.dumps) | JSON_VALUES.map(json.dumps) | damaged_events())
def test_any_line_gives_an_event_or_a_clear_error(line):
    try:
        event = read_line(line)
    except EventLineError as error:
        assert str(error).endswith(".") and len(str(error)) > 20  # a sentence, not a bare exception
        return
    assert isinstance(event, EVENT_TYPES)
    assert read_line(to_line(event)) == event  # what was read can be written again, unchanged


@settings(max_examples=150, deadline=None)
@given(
    st.builds(
        RunProgress,
        st.floats(0, 1),
        st.floats(0, 1e6),
        st.floats(0, 1e6),
        st.floats(0, 1e7),
        st.none() | st.floats(0, 1e7),
        st.integers(0, 10**6),
    )
    | st.builds(RunNotice, st.text())
    | st.builds(RunFailed, st.text(), st.integers(0, 255))
    | st.builds(RunStarted, st.text(), st.text(), st.booleans())
)
def test_generated_events_survive_a_line(event):
    assert read_line(to_line(event)) == event


# -- the command line the window starts -----------------------------------------------------------


def options_the_cli_builds(arguments: list[str]) -> tuple[TranscriptionOptions, dict]:
    """What ``transcribe`` makes of ``arguments``: its options, and the rest of the request."""
    args = build_parser().parse_args(arguments)
    options = transcription_options(args)  # the command's own reading of its options
    rest = {
        "audio": args.audio,
        "project": args.output,
        "backend": args.backend,
        "kind": args.kind,
        "title": args.title,
        "resume": args.resume,
        "overwrite": args.overwrite,
        "download": args.download,
        "level": args.level,
        "diarise": args.diarise,
        "speakers": args.speakers,
        "jsonl": args.progress_jsonl,
    }
    return options, rest


PLAIN_TEXT = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1, max_size=20).filter(
    lambda text: text.strip() == text and not text.startswith("-")
)


@settings(max_examples=150, deadline=None)
@given(
    options=st.builds(
        TranscriptionOptions,
        model=PLAIN_TEXT,
        language=st.sampled_from([None, "da", "en", "sv"]),
        device=st.sampled_from(DEVICES),
        compute_type=st.none() | st.sampled_from(COMPUTE_TYPES),
        beam_size=st.integers(1, 10),
        initial_prompt=st.none() | PLAIN_TEXT,
        verbatim_prompt=st.booleans(),
        timing=st.sampled_from(TIMINGS),
        batch_size=st.none() | st.integers(1, 32),
    ),
    backend=st.sampled_from(BACKEND_NAMES),
    kind=st.sampled_from(["elite", "focus_group"]),
    title=st.none() | PLAIN_TEXT,
    level=st.none() | st.sampled_from(LEVELS),
    flags=st.tuples(st.booleans(), st.booleans()),
    # A count or a range (``--speakers 5-8``): the command line carries it as text, read later.
    speakers=st.none()
    | st.integers(1, 20)
    | st.tuples(st.integers(1, 10), st.integers(0, 10)).map(lambda r: f"{r[0]}-{r[0] + r[1]}"),
)
def test_the_worker_asks_the_cli_for_exactly_the_requested_options(
    options, backend, kind, title, level, flags, speakers
):
    overwrite, download = flags
    request = TranscriptionRequest(
        Path("rec.wav"), Path("rec.transkript.json"), options, backend, kind, title,
        overwrite=overwrite, download=download, level=level,
    )  # fmt: skip
    parsed, rest = options_the_cli_builds(worker_arguments(request, find_speakers=True, speakers=speakers))
    assert parsed == options
    assert rest == {
        "audio": Path("rec.wav"),
        "project": Path("rec.transkript.json"),
        "backend": backend,
        "kind": kind,
        "title": title,
        "resume": False,
        "overwrite": overwrite,
        "download": download,
        "level": level,
        "diarise": True,
        "speakers": None if speakers is None else str(speakers),
        "jsonl": True,
    }


def test_a_resumed_run_passes_no_options():
    request = TranscriptionRequest(
        Path("rec.wav"), Path("p.transkript.json"), TranscriptionOptions("large-v3")
    )
    request.resume = True
    assert worker_arguments(request) == [
        "transcribe", "rec.wav", "-o", "p.transkript.json", "--progress-jsonl", "--resume",
    ]  # fmt: skip
