"""A conversation-like development set for diarisation, built from real NST speech.

The clean test file (``tests/data/nst_da/longform_4spk``) is read speech, one
speaker at a time with 0.6 s of silence between clips. Interviews are not like
that. This module cuts the same real recordings (CC0, see the README beside
them) into turns and mixes them the way people talk, then passes the mix
through the channels real interviews come through. Only the arrangement and
the channel are synthetic; every voice is a real NST speaker (or, only on
request, a speed-changed copy of one, see "derived voices").

The rules, in order:

1. Material. Every clip of ``longform_4spk`` (its JSON gives each clip's
   speaker and its speech, tightened with Silero VAD). Read speech has almost
   no pauses, so each clip is cut into turns of a length drawn uniformly from
   1.5-6 s, each cut at the quietest 10 ms frame within ±0.5 s of the drawn
   point (a word boundary or a stop, as a rule); less than a second left over
   stays with the last turn. Each turn's edges are then trimmed to voice (the
   first and last frame within 35 dB of the clip's loud frames), so its RTTM
   turn starts and ends with speech; pieces with under 0.3 s of voice are
   dropped.
2. Speakers. ``speakers`` (default 4) real speakers, those with the most speech
   first. There are only four real speakers in the test data; asking for more
   needs ``derived_voices=True``: each extra voice takes half of the clips of
   the speaker with the most clips left and plays them 12-18 % faster or slower
   (pitch and formants move together, Kaldi's speed perturbation, which speaker
   recognition treats as a new speaker). The JSON marks such voices as derived;
   they are weaker evidence than real ones.
3. Order. Turn by turn, the next speaker is drawn in proportion to the turns
   each has left, never the one who just spoke. Each piece of speech is used
   once; the mix ends when only one speaker has turns left (what is left would
   be a monologue).
4. Timing. A turn starts after a gap drawn from 0.1-0.7 s, or, with probability
   ``overlap_share`` (default 1/3, and always when the mix has fallen a whole
   turn behind that share), while the previous speaker is still talking:
   0.3-1.5 s before their end, at most half of either turn, and never while a
   third voice is still talking (at most two people at once). A drawn overlap
   that would be shorter than 0.2 s becomes a gap. All times are whole
   milliseconds, so the RTTM (3 decimals) is exact.
5. Levels. Each speaker's speech is first brought to the same RMS, then given a
   gain drawn uniformly from ±``level_db`` dB (default 6).
6. Noise. Pink noise (1/f power) at ``snr_db`` (default 18 dB) under the
   speech: the mix's power over the time anyone speaks against the noise's.
   The whole is scaled to a peak of 0.9.
7. Variants (the same RTTM serves all, it describes the dry speech):
   - ``wideband``: the mix as above, 16 kHz;
   - ``telephone``: band-pass 300-3400 Hz (8th-order Butterworth), resampled to
     8 kHz, G.711 8-bit mu-law quantisation, back to 16 kHz (a phone call, or a
     Teams participant dialled in by phone);
   - ``opus``: an Opus round trip at ``opus_kbps`` (default 14 kbit/s, what
     Teams and similar use on a weak line), through PyAV/libopus;
   - ``reverb``: each speaker's speech convolved with its own synthetic room
     response (a direct path plus an exponentially decaying noise tail, RT60
     ``rt60`` s, default 0.5, direct-to-reverberant ratio 0-6 dB, seeded), then
     mixed and noised as above.
8. Determinism: everything random comes from one ``numpy`` generator seeded
   with ``seed``; the same seed gives the same samples, RTTM and JSON.
"""

from __future__ import annotations

import io
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "tests" / "data" / "nst_da" / "longform_4spk.flac"
RATE = 16000
MS = RATE // 1000  # samples per millisecond: positions are whole ms so the RTTM is exact
VARIANTS = ("wideband", "telephone", "opus", "reverb")
# Speed factors for derived voices (rule 2): up/down pairs of resample_poly, length ratio up/down.
_DERIVED_SPEEDS = ((20, 23), (23, 20), (17, 20), (20, 17), (22, 25), (25, 22))


@dataclass
class MixSettings:
    """Everything that decides a mix; stored in the JSON beside it."""

    seed: int = 0
    speakers: int = 4
    overlap_share: float = 1 / 3
    level_db: float = 6.0
    snr_db: float = 18.0
    opus_kbps: float = 14.0
    rt60: float = 0.5
    derived_voices: bool = False
    variants: tuple[str, ...] = VARIANTS


@dataclass
class Turn:
    """One turn of the mix: who, when (seconds), and where the speech came from."""

    speaker: str
    start: float
    end: float
    clip: str
    overlaps_previous: bool


@dataclass
class Mix:
    """A rendered conversation: the audio per variant, its exact turns, and what made it."""

    settings: MixSettings
    turns: list[Turn]
    audio: dict[str, np.ndarray]  # variant → 16 kHz mono float32
    tracks: dict[str, np.ndarray]  # speaker → their dry, levelled speech on the mix timeline
    gains_db: dict[str, float]
    derived: dict[str, str] = field(default_factory=dict)  # derived voice → real speaker it came from

    @property
    def duration(self) -> float:
        return len(next(iter(self.audio.values()))) / RATE

    def rttm(self, recording: str = "mix") -> str:
        """The turns as RTTM lines (the same for every variant)."""
        return "".join(
            f"SPEAKER {recording} 1 {t.start:.3f} {t.end - t.start:.3f} <NA> <NA> {t.speaker} <NA> <NA>\n"
            for t in self.turns
        )

    def overlap_seconds(self) -> float:
        """Seconds during which two or more of the turns are active."""
        return float(_overlap_mask(self.turns, len(next(iter(self.audio.values())))).sum() / RATE)

    def description(self) -> dict:
        """The JSON stored beside the audio: settings, seed, turns, levels, overlap."""
        speech = sum(t.end - t.start for t in self.turns)
        return {
            "generator": "bench/make_conversation.py",
            "source": "tests/data/nst_da/longform_4spk (NST Danish, CC0 1.0)",
            "settings": {**asdict(self.settings), "variants": list(self.settings.variants)},
            "duration_s": round(self.duration, 3),
            "speech_s": round(speech, 3),
            "overlap_s": round(self.overlap_seconds(), 3),
            "turns_overlapping_previous": sum(t.overlaps_previous for t in self.turns),
            "turn_count": len(self.turns),
            "gains_db": {k: round(v, 2) for k, v in self.gains_db.items()},
            "derived_voices": self.derived,
            "turns": [asdict(t) for t in self.turns],
        }


# --- material -------------------------------------------------------------------------------


def load_clips(source: Path = SOURCE) -> list[tuple[str, str, np.ndarray]]:
    """(speaker, clip file, speech samples) for every clip of the long test file."""
    import sys

    sys.path.insert(0, str(REPO))
    from transcribe_app.core.asr.audio import decode_audio

    samples = decode_audio(source).samples
    turns = json.loads(source.with_suffix(".json").read_text(encoding="utf-8"))["turns"]
    clips = []
    for t in turns:
        a, b = round(t["start"] * 1000) * MS, round(t["end"] * 1000) * MS
        clips.append((str(t["speaker"]), str(t["file"]), samples[a:b].astype(np.float64)))
    return clips


def _frame_energy(speech: np.ndarray) -> np.ndarray:
    frame = 10 * MS
    n = len(speech) // frame
    return (speech[: n * frame].reshape(n, frame) ** 2).mean(axis=1)


def turn_pieces(speech: np.ndarray, rng: np.random.Generator, *, floor_db: float = 35.0) -> list[np.ndarray]:
    """One clip cut into turns at its quietest moments, edges trimmed to voice (rule 1)."""
    energy = _frame_energy(speech)
    if len(energy) == 0:
        return []
    voiced = energy > np.percentile(energy, 95) * 10 ** (-floor_db / 10)
    frame = 10 * MS
    cuts, at = [0], 0
    while True:
        target = at + round(rng.uniform(1.5, 6.0) * 100)
        if target + 100 > len(energy):  # less than a second would be left: the rest is one turn
            break
        window = energy[target - 50 : target + 50]
        at = target - 50 + int(np.argmin(window))
        cuts.append(at)
    cuts.append(len(energy))
    pieces = []
    for a, b in zip(cuts[:-1], cuts[1:], strict=True):
        inside = np.flatnonzero(voiced[a:b])
        if len(inside) >= 30:  # at least 0.3 s of voice
            pieces.append(speech[(a + inside[0]) * frame : (a + inside[-1] + 1) * frame])
    return pieces


def _choose_voices(
    clips: list[tuple[str, str, np.ndarray]], settings: MixSettings
) -> tuple[dict[str, list[tuple[str, np.ndarray]]], dict[str, str]]:
    """speaker → [(clip, speech)], the ``speakers`` with most speech, plus derived voices (rule 2)."""
    from scipy.signal import resample_poly

    by_speaker: dict[str, list[tuple[str, np.ndarray]]] = {}
    for speaker, name, speech in clips:
        by_speaker.setdefault(speaker, []).append((name, speech))
    ranked = sorted(by_speaker, key=lambda s: (-sum(len(x) for _, x in by_speaker[s]), s))
    chosen = {s: by_speaker[s] for s in ranked[: settings.speakers]}
    derived: dict[str, str] = {}
    missing = settings.speakers - len(chosen)
    if missing > 0 and not settings.derived_voices:
        raise ValueError(
            f"The test data has {len(chosen)} real speakers, not {settings.speakers}; "
            "add --derived-voices to make the others from speed-changed copies of real ones."
        )
    for index in range(missing):
        real = [s for s in chosen if s not in derived]
        origin = max(real, key=lambda s: (len(chosen[s]), sum(len(x) for _, x in chosen[s])))
        if len(chosen[origin]) < 2:
            raise ValueError(f"Too little speech to derive {missing} more voices.")
        keep, give = chosen[origin][::2], chosen[origin][1::2]
        up, down = _DERIVED_SPEEDS[index % len(_DERIVED_SPEEDS)]
        name = f"{origin}-speed{down / up:.2f}"
        chosen[origin] = keep
        chosen[name] = [(clip, resample_poly(x, up, down)) for clip, x in give]
        derived[name] = origin
    return chosen, derived


# --- arrangement ----------------------------------------------------------------------------


def arrange(settings: MixSettings, clips: list[tuple[str, str, np.ndarray]] | None = None) -> Mix:
    """Build the mix and all requested variants (rules 1-8)."""
    if not 2 <= settings.speakers <= 8:
        raise ValueError(f"speakers must be 2..8, not {settings.speakers}")
    unknown = set(settings.variants) - set(VARIANTS)
    if unknown:
        raise ValueError(f"unknown variants: {sorted(unknown)}; known: {', '.join(VARIANTS)}")
    rng = np.random.default_rng(settings.seed)
    voices, derived = _choose_voices(clips if clips is not None else load_clips(), settings)
    queue: dict[str, list[tuple[str, np.ndarray]]] = {}
    for speaker in sorted(voices):
        pieces = [(clip, p) for clip, speech in voices[speaker] for p in turn_pieces(speech, rng)]
        order = rng.permutation(len(pieces))
        queue[speaker] = [pieces[i] for i in order]
    # Rule 5: the same speech RMS for everyone, then a drawn gain.
    gains_db = {s: float(rng.uniform(-settings.level_db, settings.level_db)) for s in sorted(voices)}
    scale = {}
    for s, items in queue.items():
        rms = np.sqrt(np.mean(np.concatenate([p for _, p in items]) ** 2))
        scale[s] = 0.05 / max(rms, 1e-9) * 10 ** (gains_db[s] / 20)

    placed: list[tuple[Turn, np.ndarray]] = []
    previous: str | None = None
    cursor = 0  # samples: the end of the latest turn
    busy_before = 0  # the end of every turn but the latest (no third voice may overlap)
    while sum(bool(q) for q in queue.values()) >= 2:  # rule 3: a monologue is not a conversation
        candidates = [s for s in sorted(queue) if queue[s] and s != previous]
        weights = np.array([len(queue[s]) for s in candidates], dtype=float)
        speaker = candidates[int(rng.choice(len(candidates), p=weights / weights.sum()))]
        clip, piece = queue[speaker].pop(0)
        length = len(piece)
        overlap = 0
        behind = settings.overlap_share * len(placed) - sum(t.overlaps_previous for t, _ in placed) >= 1
        if placed and speaker != previous and (rng.random() < settings.overlap_share or behind):
            prev_turn = placed[-1][0]
            prev_len = round((prev_turn.end - prev_turn.start) * RATE)
            wanted = round(rng.uniform(0.3, 1.5) * 1000) * MS
            room = cursor - max(busy_before, cursor - prev_len // 2)  # not into a third voice
            overlap = min(wanted, room, length // 2) // MS * MS
            if overlap < 200 * MS:
                overlap = 0
        if overlap:
            start = cursor - overlap
        else:
            start = cursor + round(rng.uniform(0.1, 0.7) * 1000) * MS if placed else 500 * MS
        end = start + length
        turn = Turn(speaker, start / RATE, end / RATE, clip, bool(overlap))
        placed.append((turn, piece * scale[speaker]))
        busy_before = cursor  # the latest turn always ends last (an overlap is at most half of it)
        cursor = max(cursor, end)
        previous = speaker
    total = cursor + 500 * MS
    tracks = {s: np.zeros(total) for s in sorted(voices)}
    for turn, piece in placed:
        a = round(turn.start * RATE)
        tracks[turn.speaker][a : a + len(piece)] += piece
    turns = [t for t, _ in placed]
    noise = _pink_noise(total, rng)
    irs = {s: _room_response(settings.rt60, rng) for s in sorted(voices)}
    audio = {}
    for variant in settings.variants:
        audio[variant] = _render(variant, tracks, turns, noise, irs, settings).astype(np.float32)
    return Mix(
        settings, turns, audio, {s: t.astype(np.float32) for s, t in tracks.items()}, gains_db, derived
    )


def _overlap_mask(turns: list[Turn], total: int) -> np.ndarray:
    count = np.zeros(total, dtype=np.int16)
    for t in turns:
        count[round(t.start * RATE) : round(t.end * RATE)] += 1
    return count >= 2


# --- channels -------------------------------------------------------------------------------


def _render(
    variant: str,
    tracks: dict[str, np.ndarray],
    turns: list[Turn],
    noise: np.ndarray,
    irs: dict[str, np.ndarray],
    settings: MixSettings,
) -> np.ndarray:
    if variant == "reverb":
        from scipy.signal import fftconvolve

        dry = sum(fftconvolve(tracks[s], irs[s])[: len(tracks[s])] for s in sorted(tracks))
    else:
        dry = sum(tracks[s] for s in sorted(tracks))
    speaking = np.zeros(len(dry), dtype=bool)
    for t in turns:
        speaking[round(t.start * RATE) : round(t.end * RATE)] = True
    speech_power = np.mean(dry[speaking] ** 2)
    noisy = dry + noise * np.sqrt(speech_power / np.mean(noise**2) * 10 ** (-settings.snr_db / 10))
    noisy *= 0.9 / max(np.abs(noisy).max(), 1e-9)
    if variant == "telephone":
        noisy = telephone(noisy)
    elif variant == "opus":
        noisy = opus_round_trip(noisy, settings.opus_kbps)
    # Resampling and coding overshoot a little; the files are 16-bit, so nothing may pass 1.0.
    return noisy * min(1.0, 0.95 / max(np.abs(noisy).max(), 1e-9))


def telephone(audio: np.ndarray) -> np.ndarray:
    """300-3400 Hz, 8 kHz, 8-bit mu-law, back to 16 kHz (rule 7)."""
    from scipy.signal import butter, resample_poly, sosfiltfilt

    band = sosfiltfilt(butter(8, [300, 3400], "bandpass", fs=RATE, output="sos"), audio)
    narrow = resample_poly(band, 1, 2)
    narrow *= 0.95 / max(np.abs(narrow).max(), 1e-9)
    mu = 255.0
    coded = np.sign(narrow) * np.log1p(mu * np.abs(narrow)) / np.log1p(mu)
    coded = np.round((coded + 1) * 127.5) / 127.5 - 1  # 256 levels
    decoded = np.sign(coded) * np.expm1(np.abs(coded) * np.log1p(mu)) / mu
    return resample_poly(decoded, 2, 1)[: len(audio)]


def opus_round_trip(audio: np.ndarray, kbps: float) -> np.ndarray:
    """Encode as Opus in Ogg at ``kbps`` and decode again, time-aligned with the input."""
    import av

    pcm = np.clip(audio * 32767, -32768, 32767).astype(np.int16)
    buffer = io.BytesIO()
    with av.open(buffer, "w", format="ogg") as out:
        stream = out.add_stream("libopus", rate=RATE, layout="mono")
        stream.bit_rate = int(kbps * 1000)
        frame_len = 960
        for i in range(0, len(pcm), frame_len):
            frame = av.AudioFrame.from_ndarray(pcm[None, i : i + frame_len], format="s16", layout="mono")
            frame.sample_rate = RATE
            frame.pts = i
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    buffer.seek(0)
    decoded = []
    with av.open(buffer) as container:
        resampler = av.AudioResampler(format="flt", layout="mono", rate=RATE)
        for frame in container.decode(audio=0):
            for f in resampler.resample(frame):
                decoded.append(f.to_ndarray().reshape(-1))
        for f in resampler.resample(None):
            decoded.append(f.to_ndarray().reshape(-1))
    result = np.concatenate(decoded).astype(np.float64)
    # The container trims Opus's pre-skip; check the alignment rather than trust it.
    lag = _lag(audio, result)
    result = result[lag:] if lag > 0 else np.concatenate([np.zeros(-lag), result])
    if len(result) < len(audio):
        result = np.concatenate([result, np.zeros(len(audio) - len(result))])
    return result[: len(audio)]


def _lag(reference: np.ndarray, delayed: np.ndarray, most: int = 2000) -> int:
    """Samples by which ``delayed`` lags ``reference`` (cross-correlation over ±``most``)."""
    n = min(len(reference), len(delayed), 10 * RATE)
    a, b = reference[:n], delayed[:n]
    spectrum = np.fft.rfft(b, 2 * n) * np.conj(np.fft.rfft(a, 2 * n))
    corr = np.fft.irfft(spectrum, 2 * n)
    candidates = np.concatenate([corr[: most + 1], corr[-most:]])
    lags = np.concatenate([np.arange(most + 1), np.arange(-most, 0)])
    return int(lags[int(np.argmax(candidates))])


def _pink_noise(n: int, rng: np.random.Generator) -> np.ndarray:
    white = rng.standard_normal(n)
    spectrum = np.fft.rfft(white)
    f = np.fft.rfftfreq(n, 1 / RATE)
    spectrum[1:] /= np.sqrt(f[1:] / f[1])
    spectrum[0] = 0
    pink = np.fft.irfft(spectrum, n)
    return pink / pink.std()


def _room_response(rt60: float, rng: np.random.Generator) -> np.ndarray:
    """A direct path, then a noise tail decaying by 60 dB over ``rt60`` s (rule 7)."""
    length = int(rt60 * RATE)
    t = np.arange(length) / RATE
    tail = rng.standard_normal(length) * 10 ** (-3 * t / rt60)
    pre_delay = int(rng.uniform(0.002, 0.010) * RATE)
    tail[:pre_delay] = 0
    drr_db = rng.uniform(0.0, 6.0)
    tail *= np.sqrt(10 ** (-drr_db / 10) / max(np.sum(tail**2), 1e-12))
    tail[0] = 1.0
    return tail


# --- files ----------------------------------------------------------------------------------


def write_audio(path: Path, audio: np.ndarray) -> None:
    """16-bit WAV or FLAC by the suffix."""
    pcm = np.clip(np.round(audio * 32767), -32768, 32767).astype(np.int16)
    if path.suffix == ".wav":
        from scipy.io import wavfile

        wavfile.write(path, RATE, pcm)
        return
    import av

    with av.open(str(path), "w", format="flac") as out:
        stream = out.add_stream("flac", rate=RATE, layout="mono")
        stream.format = "s16"
        frame = av.AudioFrame.from_ndarray(pcm[None, :], format="s16", layout="mono")
        frame.sample_rate = RATE
        for packet in stream.encode(frame):
            out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)


def write_mix(mix: Mix, folder: Path, name: str, suffix: str = ".flac") -> list[Path]:
    """``name_<variant>.flac`` per variant, ``name.rttm`` and ``name.json``; the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for variant, audio in mix.audio.items():
        path = folder / f"{name}_{variant}{suffix}"
        write_audio(path, audio)
        written.append(path)
    rttm = folder / f"{name}.rttm"
    rttm.write_text(mix.rttm(name), encoding="utf-8")
    meta = folder / f"{name}.json"
    description = mix.description()
    description["files"] = {v: f"{name}_{v}{suffix}" for v in mix.audio} | {"rttm": rttm.name}
    meta.write_text(json.dumps(description, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return [*written, rttm, meta]
