"""Projects and manuscripts for the citation tests.

``talk_interview`` makes an interview whose wording never repeats (random
sequences of the Danish words of the test sentences), with talk language mixed
in — fillers, stutters, repeated phrases — so that the verbatim and clean views
differ and a quote of a few words stands in one place only.
``write_manuscript`` writes a thesis chapter as a real DOCX with python-docx.
"""

from __future__ import annotations

import random
import re
from functools import cache
from pathlib import Path

import docx
from docx.shared import Mm

from tests.export_fixtures import danish_sentences, timed_segment
from transcribe_app.core.cleanup import load_lists
from transcribe_app.core.layout import LayoutSettings, record_layout
from transcribe_app.core.project.record import Metadata, Project, RosterEntry

FILLERS = ("øh,", "øhm,", "øh", "øhm")


@cache
def vocabulary() -> tuple[str, ...]:
    """Words of the test sentences that no cleanup rule treats as talk language."""
    lists = load_lists()
    talk = set().union(
        lists.fillers, lists.backchannels, lists.interjections, lists.tags, lists.discourse_markers,
        lists.clause_openers, lists.conjunctions, lists.intensifiers,
    )  # fmt: skip
    words = {w.lower() for s in danish_sentences() for w in re.findall(r"[\wæøå]+", s)}
    return tuple(sorted(w for w in words if w not in talk and len(w) > 1 and not w.isdigit()))


def talk_sentence(rng: random.Random, talk: float = 0.15) -> str:
    words = []
    for _ in range(rng.randint(5, 13)):
        word = rng.choice(vocabulary())
        roll = rng.random()
        if roll < talk:
            words.append(rng.choice(FILLERS))
        elif roll < talk * 1.3:
            words.append(word)  # a stutter: "borgerne borgerne"
        words.append(word)
    words[0] = words[0][0].upper() + words[0][1:]
    return " ".join(words) + rng.choice(".?.")


def talk_interview(turns: int = 40, *, seed: int = 7, code: str = "VJ") -> Project:
    """An elite interview (I asks, the informant answers) with unique wording and talk language."""
    rng = random.Random(seed)
    project = Project(
        metadata=Metadata(title="Interview", date="2024-03-05", kind="elite", appendix=1, citation_code=code),
        roster=[
            RosterEntry(label="S1", name="Ida Holm", code="I", role="interviewer"),
            RosterEntry(label="S2", name="Vibeke Jensen", code=code, role="informant"),
        ],
    )
    clock = 1.0
    for n in range(turns):
        speaker = "S1" if n % 2 == 0 else "S2"
        sentences = rng.randint(1, 2) if speaker == "S1" else rng.randint(2, 6)
        for _ in range(sentences):
            segment, clock = timed_segment(len(project.segments), talk_sentence(rng), clock, speaker)
            project.segments.append(segment)
        clock += 0.8
    project.audio.duration = clock + 2.0
    return project


def exported_as(
    project: Project, *, width: int = 85, timestamps: bool = False, level: str = "clean"
) -> Project:
    """The project as if its appendix had been exported with these settings (what ``export`` records)."""
    record_layout(
        project, LayoutSettings(width=width, timestamps=timestamps), level=level, pseudonymised=False
    )
    return project


def write_manuscript(path: Path, blocks: list) -> Path:
    """A DOCX manuscript: each block a paragraph text, ("quote", text) for a block quotation in
    Word's Quote style, ("indent", text) for an indented paragraph, or ("table", [[cell, …], …])."""
    document = docx.Document()
    document.add_heading("Analyse", level=1)
    for block in blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
        elif block[0] == "quote":
            document.add_paragraph(block[1], style="Quote")
        elif block[0] == "indent":
            document.add_paragraph(block[1]).paragraph_format.left_indent = Mm(10)
        elif block[0] == "table":
            rows = block[1]
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            for r, row in enumerate(rows):
                for c, text in enumerate(row):
                    table.cell(r, c).text = text
    document.save(str(path))
    return path


def add_footnotes(path: Path, notes: list[str]) -> Path:
    """Give a DOCX a footnotes part with ``notes`` (python-docx writes no footnotes itself)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(
        f'<w:footnote w:id="{i}"><w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p></w:footnote>'
        for i, text in enumerate(notes, 1)
    )
    separator = '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    declaration = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    xml = f'{declaration}<w:footnotes xmlns:w="{w}">{separator}{body}</w:footnotes>'
    document = docx.Document(str(path))
    content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
    part = Part(PackURI("/word/footnotes.xml"), content_type, xml.encode("utf-8"), document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
    document.save(str(path))
    return path
