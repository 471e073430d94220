"""Cleanup benchmark: how long the clean views of a two-hour focus group take.

Builds a realistic transcript of about 20,000 words (some 1,500 speaker turns): the
verbatim sentences of ``tests/data/cleanup/dev.tsv`` plus generated Danish talk with
fillers, stutters, false starts, fragments and tags, as Whisper-style words (leading
space, attached punctuation, timings). For each level it times ``clean_turn`` over
every turn (median of 7 runs; the first, cold-cache run shown apart) against a bare
``str.split()`` + ``" ".join`` over the same turns' text in the same run, the least
any text view has to do. The target (well under 0.5 s for 20,000 words on the
2-core development machine) is reported, never asserted.

    python bench/cleanup.py [--words 20000] [--runs 7] [--seed 1]
"""

from __future__ import annotations

import argparse
import csv
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from transcribe_app.core.cleanup import LEVELS, clean_turn, pause_marks, render, words_from_text  # noqa: E402
from transcribe_app.core.project.transcript import Word  # noqa: E402

TARGET_S = 0.5
SUBJECTS = ["vi", "jeg", "de", "borgerne", "medarbejderne", "lederne", "kommunen", "man"]
VERBS = ["har", "gør", "synes", "tror", "ved", "laver", "mødes", "koordinerer", "prøver"]
OBJECTS = [
    "en god sagsstamme",
    "jobafklaring",
    "sygedagpenge",
    "de der fokusmål",
    "Borgernes MSB",
    "investeringsmodellerne",
    "beskæftigelsesindsatsen",
    "holdbare løsninger",
    "rammerne",
]
TAILS = ["i Herning", "hver uge", "med jobcentret", "for at spare penge", "i 2019", "sammen"]
FILLERS = ["øh", "øhm", "æh", "hm", "mm"]


def generated_sentence(rng: random.Random) -> str:
    """One spoken Danish sentence with the artefacts the cleanup removes, at a realistic rate."""
    words = [rng.choice(SUBJECTS), rng.choice(VERBS), *rng.choice(OBJECTS).split(), rng.choice(TAILS)]
    roll = rng.random()
    if roll < 0.15:
        words[0:0] = [words[0]]  # "vi vi har"
    elif roll < 0.25:
        words[0:0] = [words[0], rng.choice(VERBS), "–"]  # "vi har – vi gjorde"
    elif roll < 0.3:
        obj = words[2]
        words[2:2] = [obj[: max(2, len(obj) // 3)] + "-"]  # "sy- sygedagpenge"
    if rng.random() < 0.5:
        at = rng.randrange(1, len(words))
        words[at:at] = [f", {rng.choice(FILLERS)},"]
    if rng.random() < 0.2:
        words.insert(0, rng.choice(["Øh,", "Altså,", "Ja altså,", "Men øh"]))
    text = " ".join(words).replace(" ,", ",").replace(",,", ",")
    text = text[0].upper() + text[1:]
    return text + rng.choice([".", ".", ".", ", ikke?", "?"])


def build_turns(n_words: int, rng: random.Random) -> list[list[Word]]:
    """Speaker turns of 1–3 sentences as Whisper words with timings, about ``n_words`` words in all."""
    with (REPO / "tests" / "data" / "cleanup" / "dev.tsv").open(encoding="utf-8") as fh:
        dev = [row["verbatim"] for row in csv.DictReader(fh, delimiter="\t")]
    turns: list[list[Word]] = []
    total, clock = 0, 0.0
    while total < n_words:
        sentences = [rng.choice(dev) if rng.random() < 0.3 else generated_sentence(rng)]
        sentences += [generated_sentence(rng) for _ in range(rng.randrange(0, 2))]
        turn = []
        for piece in words_from_text(" ".join(sentences)):
            clock += rng.choice([0.05, 0.1, 0.2, 0.3, 1.4, 2.5, 3.2]) if rng.random() < 0.1 else 0.05
            text = piece.text if piece.text.startswith(" ") else " " + piece.text
            turn.append(Word(text, round(clock, 3), round(clock + 0.3, 3), 0.9))
            clock += 0.3
        turns.append(turn)
        total += len(turn)
    return turns


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """(first run, median of the runs after it) in seconds."""
    times = []
    for _ in range(runs + 1):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return times[0], statistics.median(times[1:])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--words", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    turns = build_turns(args.words, random.Random(args.seed))
    n_words = sum(len(t) for t in turns)
    texts = ["".join(w.text for w in turn) for turn in turns]

    _, baseline = timed(lambda: [" ".join(t.split()) for t in texts], args.runs)
    rows = [("split+join baseline", None, baseline)]
    for level in LEVELS:
        first, median = timed(lambda level=level: [clean_turn(t, level) for t in turns], args.runs)
        rows.append((f"clean_turn {level}", first, median))
    first, median = timed(lambda: [render(clean_turn(t, "clean")) for t in turns], args.runs)
    rows.append(("clean_turn+render clean", first, median))
    first, median = timed(
        lambda: [render(clean_turn(t, "verbatim"), pause_marks(t)) for t in turns], args.runs
    )
    rows.append(("verbatim+pauses+render", first, median))

    hidden = sum(v.hidden for t in turns for v in clean_turn(t, "clean"))
    print(
        f"Cleanup benchmark: {n_words} words in {len(turns)} turns, {hidden} hidden at clean; "
        f"Python {platform.python_version()} on {platform.machine()}, median of {args.runs} runs"
    )
    print(f"{'what':<26}{'first ms':>10}{'median ms':>11}{'µs/word':>9}{'× baseline':>12}")
    for name, first_s, median_s in rows:
        first_txt = f"{first_s * 1e3:10.1f}" if first_s is not None else f"{'':>10}"
        print(
            f"{name:<26}{first_txt}{median_s * 1e3:11.1f}{median_s / n_words * 1e6:9.2f}"
            f"{median_s / baseline:12.1f}"
        )
    worst = max(r[2] for r in rows[1:])
    verdict = "meets" if worst < TARGET_S else "MISSES"
    print(f"slowest view {worst:.3f} s for {n_words} words: {verdict} the {TARGET_S} s target")


if __name__ == "__main__":
    main()
