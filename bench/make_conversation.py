"""Write a conversation-like diarisation dev set from the real NST speech in tests/data.

The rules of the mix are in ``bench/conversation_mix.py``'s docstring. Output,
in ``--out`` (default ``bench/results/conversation``, not in git):

- ``<name>_<variant>.flac`` (or ``.wav``) for each variant: wideband,
  telephone (300-3400 Hz, 8 kHz, mu-law), opus (low-bitrate round trip), reverb;
- ``<name>.rttm``: the exact speaker turns, overlaps included (the same for all variants);
- ``<name>.json``: the settings and seed, the turns, each speaker's gain, the overlap.

    python bench/make_conversation.py                      # seed 0, 4 speakers
    python bench/make_conversation.py --seed 3 --speakers 2 --overlap-share 0.5
    python bench/make_conversation.py --speakers 6 --derived-voices   # 2 voices speed-changed
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from conversation_mix import VARIANTS, MixSettings, arrange, write_mix  # noqa: E402


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--speakers", type=int, default=4, help="2..8 (more than 4 needs --derived-voices)")
    parser.add_argument("--overlap-share", type=float, default=1 / 3, help="share of turns that overlap")
    parser.add_argument("--level-db", type=float, default=6.0, help="each speaker's gain within ± this")
    parser.add_argument("--snr-db", type=float, default=18.0, help="speech to background noise")
    parser.add_argument("--opus-kbps", type=float, default=14.0)
    parser.add_argument("--rt60", type=float, default=0.5, help="reverberation time of the reverb variant")
    parser.add_argument(
        "--derived-voices", action="store_true", help="allow speed-changed copies of real voices"
    )
    parser.add_argument(
        "--variants", default=",".join(VARIANTS), help="comma-separated, of: " + ", ".join(VARIANTS)
    )
    parser.add_argument("--format", choices=("flac", "wav"), default="flac")
    parser.add_argument("--name", help="file name stem (default conversation_seed<N>_<k>spk)")
    parser.add_argument(
        "--out", type=Path, default=Path(__file__).resolve().parent / "results" / "conversation"
    )
    args = parser.parse_args(argv)
    settings = MixSettings(
        seed=args.seed,
        speakers=args.speakers,
        overlap_share=args.overlap_share,
        level_db=args.level_db,
        snr_db=args.snr_db,
        opus_kbps=args.opus_kbps,
        rt60=args.rt60,
        derived_voices=args.derived_voices,
        variants=tuple(v.strip() for v in args.variants.split(",") if v.strip()),
    )
    try:
        mix = arrange(settings)
    except ValueError as exc:
        parser.error(str(exc))
    name = args.name or f"conversation_seed{args.seed}_{args.speakers}spk"
    paths = write_mix(mix, args.out, name, "." + args.format)
    info = mix.description()
    print(
        f"{name}: {info['duration_s']:.1f} s, {info['turn_count']} turns, "
        f"{info['turns_overlapping_previous']} overlapping the previous ({info['overlap_s']:.1f} s overlap)"
    )
    for path in paths:
        print(f"  {path}")


if __name__ == "__main__":
    main()
