"""Focus-group benchmark: speakers found against true, and DER, for 5 to 8 people.

A focus group has a moderator who speaks often and participants of whom some
say only a few words. The mixes here are made from real recorded speech: the
four NST Danish speakers in tests/data/nst_da and, because NST gives only four,
four LibriSpeech test-other speakers (English read speech, CC BY 4.0; see
bench/data/librispeech_voices/README.md). A mix of N speakers: speaker 1 (the
moderator, the NST speaker with twelve clips) takes every other turn; the
participants come in turn between; the last two participants say one short
clip each (the "few words" people). Gaps 0.2-0.8 s, loudness ±4 dB, quiet noise
at 25 dB SNR; the reference is each placed clip's speech (silence at its ends
cut by energy), written as RTTM next to the mix with --keep.

With ``--source conversation`` the mixes come from g-devset's
bench/conversation_mix.py instead (NST only; voices past the fourth are
speed-changed copies of real ones, a third of the turns overlapping, ±6 dB,
pink noise at 18 dB SNR: harder, and the derived voices are weaker evidence).

For each mix the voice embeddings are computed once and the clustering is run
for three ways of asking: the count estimated, a range (--speakers 5-8), and
the count given. Printed: speakers found / true, DER (miss + false alarm +
confusion, 0.25 s collar) and the warnings the researcher would see. The
median over --seeds mixes per size is the figure to quote.

    python bench/focus_group.py               # 5-8 speakers, 3 mixes each
    python bench/focus_group.py --seeds 1     # a quick look
    python bench/focus_group.py --source conversation
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

NST = REPO / "tests" / "data" / "nst_da"
LIBRI = REPO / "bench" / "data" / "librispeech_voices"
RATE = 16_000


def voices() -> list[list[np.ndarray]]:
    """Each speaker's clips, trimmed: the moderator (most clips) first, then alternately
    another NST voice and a LibriSpeech voice, so that a mix of 5 already has both."""
    from transcribe_app.core.asr.audio import decode_audio

    by_speaker: dict[str, list[Path]] = {}
    with open(NST / "manifest.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            by_speaker.setdefault(row["speaker"], []).append(NST / row["file"])
    nst = sorted(by_speaker.values(), key=len, reverse=True)
    libri = [sorted(folder.glob("*.flac")) for folder in sorted(LIBRI.iterdir()) if folder.is_dir()]
    order = [nst[0]]
    for a, b in zip(nst[1:], libri, strict=False):
        order += [a, b]
    order += libri[len(nst) - 1 :]
    return [[_trim(decode_audio(path).samples) for path in paths] for paths in order]


def _trim(samples: np.ndarray) -> np.ndarray:
    """The clip without the silence at its ends (frames 35 dB under the loudest)."""
    frame = 320
    n = len(samples) // frame
    rms = np.sqrt(np.mean(samples[: n * frame].reshape(n, frame) ** 2, axis=1) + 1e-12)
    loud = np.flatnonzero(20 * np.log10(rms / rms.max()) > -35)
    return samples[loud[0] * frame : (loud[-1] + 1) * frame].astype(np.float32)


def make_mix(all_voices: list[list[np.ndarray]], size: int, seed: int):
    """A focus group of ``size`` speakers: audio and its reference turns."""
    from transcribe_app.core.diarise import SpeakerTurn

    rng = np.random.default_rng(seed)
    chosen = all_voices[:size]
    moderator, participants = chosen[0], chosen[1:]
    few_words = set(range(len(participants) - 2, len(participants)))  # the last two: one short clip
    queues = []
    for i, clips in enumerate(participants):
        clips = sorted(clips, key=len) if i in few_words else list(rng.permutation(len(clips)))
        queues.append([clips[0]] if i in few_words else [participants[i][j] for j in clips])
    order: list[tuple[int, np.ndarray]] = []
    moderator_clips = [moderator[j] for j in rng.permutation(len(moderator))]
    turn = 0
    while any(queues):
        speaking = [i for i, q in enumerate(queues) if q]
        i = speaking[turn % len(speaking)] if turn % 3 else int(rng.choice(speaking))
        order.append((0, moderator_clips[turn % len(moderator_clips)]))
        order.append((i + 1, queues[i].pop(0)))
        turn += 1
    pieces, reference, t = [], [], 0.3
    for speaker, clip in order:
        gain = 10 ** (rng.uniform(-4, 4) / 20)
        start = t
        pieces.append((int(start * RATE), clip * gain))
        reference.append(SpeakerTurn(round(start, 3), round(start + len(clip) / RATE, 3), f"P{speaker + 1}"))
        t = start + len(clip) / RATE + rng.uniform(0.2, 0.8)
    audio = np.zeros(int((t + 0.5) * RATE), np.float32)
    for offset, clip in pieces:
        audio[offset : offset + len(clip)] += clip
    speech_power = np.mean(np.concatenate([c for _, c in pieces]) ** 2)
    audio += rng.normal(0, np.sqrt(speech_power / 10 ** (25 / 10)), len(audio)).astype(np.float32)
    return audio, reference


def conversation(size: int, seed: int):
    """g-devset's conversation mix (bench/conversation_mix.py), wideband, and its reference."""
    from transcribe_app.core.diarise import SpeakerTurn

    sys.path.insert(0, str(REPO / "bench"))
    from conversation_mix import MixSettings, arrange

    mix = arrange(MixSettings(seed=seed, speakers=size, derived_voices=size > 4, variants=("wideband",)))
    return mix.audio["wideband"], [SpeakerTurn(t.start, t.end, t.speaker) for t in mix.turns]


def embed(audio: np.ndarray):
    """The pipeline's first half: speech regions, windows and their voice embeddings."""
    from transcribe_app.core.diarise.encoder import load_encoder
    from transcribe_app.core.diarise.vad import speech_regions
    from transcribe_app.core.diarise.windows import embed_windows, plan_windows

    regions = speech_regions(audio)
    windows = plan_windows(regions)
    return regions, windows, embed_windows(audio, windows, load_encoder())


def turns_for(regions, windows, embeddings, asked):
    """The pipeline's second half for one way of asking (``SpeakerCount`` or None)."""
    from transcribe_app.core.diarise.cluster import cluster_speakers
    from transcribe_app.core.diarise.pipeline import _label_timeline
    from transcribe_app.core.diarise.speaker_count import searched
    from transcribe_app.core.diarise.turns import build_turns

    bounds = searched(asked)
    labels = cluster_speakers(
        embeddings,
        speakers=asked.exact if asked else None,
        max_speakers=bounds.maximum,
        min_speakers=bounds.minimum,
    )
    return build_turns(_label_timeline(regions, windows, labels))


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="5,6,7,8", help="numbers of speakers (default 5,6,7,8)")
    parser.add_argument("--seeds", type=int, default=3, help="mixes per size (default 3)")
    parser.add_argument("--range", default="5-8", help="the range a researcher gives (default 5-8)")
    parser.add_argument("--source", choices=("focus", "conversation"), default="focus")
    parser.add_argument("--keep", type=Path, help="write each mix (WAV) and its reference (RTTM) here")
    args = parser.parse_args()

    from transcribe_app.core.diarise import diarisation_error_rate, write_rttm
    from transcribe_app.core.diarise.speaker_count import (
        LITTLE_SPEECH_SECONDS,
        count_warnings,
        parse_speakers,
        speaker_count,
        talk_seconds,
    )

    all_voices = voices() if args.source == "focus" else None
    asks = {"estimated": None, f"range {args.range}": parse_speakers(args.range)}
    print(f"{'speakers':>8}  {'asked':<12} {'found (per mix)':<18} {'DER % (median)':>14}  warned (mixes)")
    flags = [0, 0, 0]  # little speech, count estimated: a few-words speaker flagged, another flagged, missed
    for size in [int(s) for s in args.sizes.split(",")]:
        results: dict[str, list[tuple[int, float, set[str]]]] = {}
        for seed in range(args.seeds):
            if all_voices is not None:
                audio, reference = make_mix(all_voices, size, seed)
            else:
                audio, reference = conversation(size, seed)
            if args.keep:
                _keep(args.keep, size, seed, audio, reference, write_rttm)
            regions, windows, embeddings = embed(audio)
            for name, asked in {**asks, "given": speaker_count(size)}.items():
                hypothesis = turns_for(regions, windows, embeddings, asked)
                der = diarisation_error_rate(reference, hypothesis)
                found = len({t.speaker for t in hypothesis})
                warned = {_kind(w) for w in count_warnings(hypothesis, asked)}
                results.setdefault(name, []).append((found, 100 * der.der, warned))
                if asked is None and all_voices is not None:
                    few = {f"P{size - 1}", f"P{size}"}  # make_mix's last two participants
                    little = talk_seconds(hypothesis).items()
                    flagged = {
                        der.mapping.get(label, "?") for label, s in little if s < LITTLE_SPEECH_SECONDS
                    }
                    flags[0] += len(flagged & few)
                    flags[1] += len(flagged - few)
                    flags[2] += len(few - flagged)
        for name, rows in results.items():
            found = ",".join(str(f) for f, _, _ in rows)
            der = statistics.median(d for _, d, _ in rows)
            kinds = sorted({k for _, _, w in rows for k in w})
            warned = ", ".join(f"{k} {sum(1 for _, _, w in rows if k in w)}/{len(rows)}" for k in kinds)
            print(f"{size:>8}  {name:<12} {found:<18} {der:>14.1f}  {warned or '-'}")
    if all_voices is not None:
        print(
            f"Little speech (count estimated): {flags[0]} of the {flags[0] + flags[2]} few-words speakers "
            f"flagged, {flags[1]} other labels flagged; a few-words speaker not flagged was merged into "
            "another voice."
        )
    return 0


def _kind(warning: str) -> str:
    """A warning by its kind: the cap reached, the top of the range, fewer than asked, little speech."""
    for start, kind in (("Little speech", "little"), ("Found only", "fewer"), ("Found", "cap/top")):
        if warning.startswith(start):
            return kind
    return "other"


def _keep(folder: Path, size: int, seed: int, audio: np.ndarray, reference, write_rttm) -> None:
    import wave

    folder.mkdir(parents=True, exist_ok=True)
    stem = folder / f"focus_{size}spk_{seed}"
    with wave.open(str(stem.with_suffix(".wav")), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes((np.clip(audio, -1, 1) * 32767).astype("<i2").tobytes())
    write_rttm(reference, stem.with_suffix(".rttm"), recording=stem.name)


if __name__ == "__main__":
    raise SystemExit(main())
