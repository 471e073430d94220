"""Voice matching across a study: how often an enrolled voice is recognised, and a stranger is not.

On the NST recordings in tests/data (read Danish speech, four speakers: 0042 says 12 sentences,
113 and 25 three each, 0013 one), with the encoder and the functions the program uses
(``core/voices``):

1. One sentence against the enrolled voices (the hardest case: 2-8 s of speech). For every
   sentence of every speaker, each voice is enrolled from that speaker's *other* sentences (so
   the sentence is held out), and the sentence is compared with every voice. Reported: the
   similarity distributions of same and different speakers, and per threshold the false
   rejections (a speaker's own voice below it) and false acceptances (another's voice at or above it).
2. A speaker of an interview (several sentences, as diarisation gives a speaker to compare):
   0042 enrolled from six sentences, compared with groups of three others, and with 113 and 25.
3. The decision as the program makes it (threshold and margin), over the held-out sentences of
   (1): right when the true voice is labelled (or, with their own voice not enrolled, when
   nobody is), wrong when another voice is; undecided otherwise. Accuracy = right / all.
4. The test interviews (tests/voice_fixtures.py): I and VJ enrolled from interview A, interview
   B diarised in the study: the similarities stored, and the time the comparison adds to
   diarisation (median of --repeats runs, as a ratio to diarisation alone).

    python bench/voices.py [--repeats 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.speech import LONGFORM, NST_DIR  # noqa: E402
from transcribe_app.core.asr.audio import decode_audio  # noqa: E402
from transcribe_app.core.voices.embedding import similarity, speaker_embedding  # noqa: E402
from transcribe_app.core.voices.matching import DEFAULT_THRESHOLD, decide  # noqa: E402

THRESHOLDS = (0.70, 0.75, 0.78, 0.80, 0.82, 0.85, 0.88, 0.90)


def sentences() -> tuple[np.ndarray, list[tuple[str, float, float]]]:
    """The long recording and its sentences: (speaker, start, end)."""
    reference = json.loads((NST_DIR / "longform_4spk.json").read_text(encoding="utf-8"))
    audio = decode_audio(LONGFORM).samples
    return audio, [(t["speaker"], t["start"], t["end"]) for t in reference["turns"]]


def voice(audio: np.ndarray, spans: list[tuple[str, float, float]]) -> np.ndarray | None:
    embedded = speaker_embedding(audio, [(start, end) for _, start, end in spans])
    return None if embedded is None else embedded.vector


def held_out(audio, spans) -> list[tuple[str, dict[str, float]]]:
    """Per sentence: its speaker, and its similarity to each voice enrolled without it."""
    speakers = sorted({s for s, _, _ in spans})
    rows = []
    for i, (speaker, start, end) in enumerate(spans):
        sentence = voice(audio, [(speaker, start, end)])
        if sentence is None:
            continue
        scores = {}
        for other in speakers:
            enrol = [s for j, s in enumerate(spans) if s[0] == other and j != i]
            profile = voice(audio, enrol) if enrol else None
            if profile is not None:
                scores[other] = similarity(sentence, profile)
        rows.append((speaker, scores))
    return rows


def describe(values: list[float]) -> str:
    if not values:
        return "none"
    q = np.percentile(values, [0, 25, 50, 75, 100])
    return (
        f"n={len(values):3d}  min {q[0]:.3f}  q1 {q[1]:.3f}  median {q[2]:.3f}  q3 {q[3]:.3f}  max {q[4]:.3f}"
    )


def error_rates(same: list[float], different: list[float]) -> None:
    print(f"  {'threshold':>9}  {'false reject':>12}  {'false accept':>12}")
    for threshold in THRESHOLDS:
        frr = sum(s < threshold for s in same) / len(same)
        far = sum(d >= threshold for d in different) / len(different)
        mark = "  <- default" if threshold == DEFAULT_THRESHOLD else ""
        print(f"  {threshold:>9.2f}  {frr:>12.1%}  {far:>12.1%}{mark}")


def decisions(rows: list[tuple[str, dict[str, float]]], threshold: float) -> tuple[int, int, int, int]:
    """(right, wrong, undecided, total) of the program's rule over the held-out sentences, each decided
    once with its own voice enrolled and once without it (then nobody is right)."""
    right = wrong = undecided = 0
    for speaker, scores in rows:
        for enrolled in (scores, {v: s for v, s in scores.items() if v != speaker}):
            if not enrolled:
                continue
            chosen = decide({("S1", v): s for v, s in enrolled.items()}, threshold).get("S1")
            expected = speaker if speaker in enrolled else None
            if chosen == expected:
                right += 1
            elif chosen is None:
                undecided += 1
            else:
                wrong += 1
    return right, wrong, undecided, right + wrong + undecided


def interview_groups(audio, spans) -> None:
    own = [s for s in spans if s[0] == "0042"]
    profile = voice(audio, own[:6])
    print(f"\n2. A speaker of an interview: 0042 enrolled from 6 sentences ({len(own[:6])})")
    for first in range(6, len(own), 3):
        group = own[first : first + 3]
        score = similarity(profile, voice(audio, group))
        print(f"   0042, sentences {first + 1}-{first + len(group)}: {score:.3f}")
    for other in ("113", "25", "0013"):
        group = [s for s in spans if s[0] == other]
        print(
            f"   {other:>4}, all {len(group)} sentence(s):     {similarity(profile, voice(audio, group)):.3f}"
        )


def study_interviews(repeats: int) -> None:
    from tests.voice_fixtures import interview_a, interview_b
    from transcribe_app.core.diarise import diarise
    from transcribe_app.core.project.file import load_project
    from transcribe_app.core.voices.enrol import enrol_voice
    from transcribe_app.core.voices.profile import study_voices

    with tempfile.TemporaryDirectory() as folder:
        study = Path(folder)
        a = interview_a(study)
        b = interview_b(study)
        project = load_project(a.project)
        enrol_voice(study, project, a.project, "S1", "I")
        enrol_voice(study, project, a.project, "S2", "VJ")
        voices = study_voices(study)
        audio = decode_audio(b.recording).samples
        diarise(audio[: 16_000 * 5], speakers=2)  # load the models once, outside the timing
        turns, check, timing = timed(audio, voices, 2, repeats)
        longform = timed(decode_audio(LONGFORM).samples, voices, 4, repeats)[2]
    truth = {}
    for start, end, speaker in b.truth:
        for turn in turns:
            overlap = min(end, turn.end) - max(start, turn.start)
            if overlap > 0:
                truth.setdefault(turn.speaker, {}).setdefault(speaker, 0.0)
                truth[turn.speaker][speaker] += overlap
    print("\n4. The test interviews: I (0042) and VJ (113) enrolled from interview A, interview B diarised")
    for row in check.speakers:
        who = max(truth.get(row.speaker, {"?": 1}), key=truth.get(row.speaker, {"?": 1}).get)
        print(f"   {row.speaker} (NST {who}): nearest {row.voice} {row.similarity:.3f} -> {row.outcome}")
    for name, (seconds, d, c) in (("interview B", timing), ("longform_4spk, 4 speakers", longform)):
        print(
            f"   {name}, {seconds:.0f} s of audio (median of {repeats}): diarisation {d:.2f} s, "
            f"comparing with {len(voices)} voices {c:.2f} s (+{c / d:.0%})"
        )


def timed(audio, voices, speakers: int, repeats: int):
    """Turns and voice check of a run; (seconds of audio, diarisation s, comparison s) as medians."""
    from transcribe_app.core.diarise import diarise
    from transcribe_app.core.voices.matching import compare_voices

    plain, compared = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        turns = diarise(audio, speakers=speakers)
        plain.append(time.perf_counter() - start)
        start = time.perf_counter()
        check, _ = compare_voices(audio, turns, voices)
        compared.append(time.perf_counter() - start)
    return turns, check, (len(audio) / 16_000, statistics.median(plain), statistics.median(compared))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    audio, spans = sentences()
    rows = held_out(audio, spans)
    same = [scores[s] for s, scores in rows if s in scores]
    different = [v for s, scores in rows for other, v in scores.items() if other != s]
    print("1. One held-out sentence (2-8 s) against voices enrolled from the speaker's other sentences")
    print(f"   same speaker:       {describe(same)}")
    print(f"   different speakers: {describe(different)}")
    error_rates(same, different)
    interview_groups(audio, spans)
    print("\n3. The program's decision (threshold, margin) on the held-out sentences")
    for threshold in (0.75, DEFAULT_THRESHOLD, 0.85):
        right, wrong, undecided, total = decisions(rows, threshold)
        print(
            f"   threshold {threshold:.2f}: accuracy {right / total:.1%} ({right}/{total}); "
            f"wrong voice {wrong}, left undecided {undecided}"
        )
    study_interviews(args.repeats)


if __name__ == "__main__":
    main()
