"""What a cleanup level hides, for the researcher to review, and cleaning of typed turns."""

from __future__ import annotations

import re

from ..exports.plain import timestamp
from ..project.record import Project
from . import clean_text
from .transcript_view import transcript_view

# "VJ: text", "I: text", "B1: text": the speaker code a typed turn may start with.
_CODE = re.compile(r"^(\s*[A-ZÆØÅ][\wÆØÅæøå]{0,19}(?: \d{1,2})?:\s+)(.*)$")


def hidden_report(project: Project, level: str) -> str:
    """For every turn the level changes: the verbatim line, the line as shown, and what was hidden.

    - [00:01:12] VJ: Øh, jeg jeg tror det.
    + [00:01:12] VJ: Jeg tror det.
      hidden: Øh, (filler) · jeg (repetition)
    """
    blocks = []
    for turn in transcript_view(project, level):
        hidden = [
            (w.text.strip(), v.reason) for w, v in zip(turn.words, turn.tokens, strict=True) if v.hidden
        ]
        if not hidden:
            continue
        head = " ".join(p for p in (timestamp(turn.start), f"{turn.speaker}:" if turn.speaker else "") if p)
        prefix = f"{head} " if head else ""
        blocks.append(
            f"- {prefix}{turn.verbatim_text}\n"
            f"+ {prefix}{turn.text or '(the whole turn is hidden)'}\n"
            f"  hidden: {' · '.join(f'{text} ({reason})' for text, reason in hidden)}\n"
        )
    return "".join(blocks)


def clean_turn_line(line: str, level: str) -> str:
    """Clean one typed turn, keeping a leading ``CODE: ``; "" when the level hides the whole turn."""
    match = _CODE.match(line)
    code, text = (match.group(1), match.group(2)) if match else ("", line)
    cleaned = clean_text(text, level)
    return f"{code}{cleaned}" if cleaned else ""
