"""Is this a telephone recording? Narrow band (300-3400 Hz) audio, told from its spectrum.

A phone call (and a Teams participant dialled in by phone) is sampled at 8 kHz,
so nothing above 4 kHz survives it, however the file was saved afterwards.
Speech recorded wide-band always has some power above 4 kHz (fricatives, room
and microphone noise): on the NST dev mixes the power at 4-7.8 kHz is 1-2 % of
the power at 300-3400 Hz wide-band, 0.5 % after Opus at 14 kbit/s, and below
0.001 % after the telephone channel. The line is drawn at 0.1 %.

Silero VAD hears band-limited speech less surely. On the telephone copies of
the dev mixes (bench/conversation_mix.py, seeds 100-104) voice detection alone
missed 9 % of the speech at its usual threshold (0.5), 2.0 % at 0.35, 1.1 % at
0.3 and 0.2 % at 0.25, with no false alarm at any of them. The whole pipeline
on eight telephone mixes (seeds 100-104 and 0-2), DER with the count given /
estimated: 17.2 / 20.7 % at 0.35, 21.7 / 26.8 % at 0.3, 18.6 / 26.3 % at 0.25
- the extra speech found below 0.35 is mostly the edges of turns, whose
windows blur two voices. Telephone recordings use 0.35; wide-band recordings
keep 0.5, which misses nothing on them.
"""

from __future__ import annotations

import numpy as np

from ..asr.audio import SAMPLE_RATE

NARROW_BAND_RATIO = 1e-3  # power 4-7.8 kHz / power 0.3-3.4 kHz below this: a telephone band
_CHUNKS = 120  # one-second pieces looked at, spread over the recording (a 2-hour file costs ~0.1 s)


def is_narrow_band(audio: np.ndarray) -> bool:
    """True when ``audio`` (16 kHz mono) carries (almost) nothing above 4 kHz: telephone audio."""
    size = SAMPLE_RATE
    if len(audio) < size:
        return False
    starts = np.linspace(0, len(audio) - size, min(_CHUNKS, len(audio) // size)).astype(int)
    pieces = np.stack([audio[s : s + size] for s in starts]).astype(np.float64)
    power = (np.abs(np.fft.rfft(pieces * np.hanning(size), axis=1)) ** 2).sum(axis=0)
    freqs = np.fft.rfftfreq(size, 1 / SAMPLE_RATE)
    speech_band = power[(freqs >= 300) & (freqs <= 3400)].sum()
    high_band = power[(freqs >= 4000) & (freqs <= 7800)].sum()
    if speech_band <= 0:
        return False  # digital silence says nothing about the channel
    return bool(high_band / speech_band < NARROW_BAND_RATIO)
