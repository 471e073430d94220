"""A property: with any Danish informant and third person (names drawn from the program's own Danish name
list), no real name reaches any output — every export format to a file and to standard output, ``cite``, the
validation package, the thesis tables (``tests/output_fixtures.every_output``) — even after a plain private
copy was exported. An output either holds no name or is stopped (exit 4, or 2 when it cannot be made) with
nothing written."""

from __future__ import annotations

import csv
import json
import re
from functools import cache

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.output_fixtures import every_output
from transcribe_app.cli import main
from transcribe_app.core.resources import resource_path

EXIT_BAD_INPUT, EXIT_LEAK = 2, 4


@cache
def danish_names() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The 300 most common Danish first names and surnames of ``resources/pseudonymise/danish_names.csv``."""
    first, last = [], []
    with open(resource_path("pseudonymise", "danish_names.csv"), encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name = row["name"].strip()
            if row["ethnicity"] != "danish" or not re.fullmatch(r"[A-ZÆØÅ][a-zæøåé]+", name):
                continue
            (first if row["first_name"] == "True" else last).append((float(row["count"]), name))
    top = lambda rows: tuple(name for _, name in sorted(rows, reverse=True)[:300])  # noqa: E731
    return top(first), top(last)


@st.composite
def people(draw):
    first_names, surnames = danish_names()
    first = draw(st.sampled_from(first_names))
    other_first = draw(st.sampled_from(first_names).filter(lambda n: n != first))
    last = draw(st.sampled_from(surnames))
    other_last = draw(st.sampled_from(surnames).filter(lambda n: n != last))
    return (first, last), (other_first, other_last)


TEMPLATE = """\
I: Tak fordi du ville være med, {first}. Kan du fortælle om din baggrund?
IP: Ja. Jeg hedder {first} {last} og har været leder i tolv år. {ofirst} {olast} var min chef dengang.
I: Hvordan var samarbejdet med {ofirst}?
IP: Godt. {olast} var grundig, og {ofirst}s mails var altid lange. Folk sagde {first}s kontor var travlt.
I: Og i dag?
IP: I dag er det mig, {first} {last}, der bestemmer. {ofirst} {olast} er gået på pension.
"""


def _forms(person: tuple[str, str]) -> list[str]:
    first, last = person
    return [f"{first} {last}", first, last]


def _holds(text: str, names: list[str]) -> list[str]:
    """The names standing in ``text`` as words of their own (capitalised, as the template writes them)."""
    return [name for name in names if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)]


def _docx_text(path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    props = document.core_properties
    return "\n".join([*parts, props.title, props.subject, props.keywords, props.author, path.name])


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(people=people(), title_with_name=st.booleans())
def test_no_real_name_in_any_output(tmp_path_factory, capsys, people, title_with_name):
    informant, other = people
    folder = tmp_path_factory.mktemp("names")
    fill = dict(first=informant[0], last=informant[1], ofirst=other[0], olast=other[1])
    source = folder / "typed.txt"
    source.write_text(TEMPLATE.format(**fill), encoding="utf-8")
    roster = folder / "roster.json"
    roster.write_text(
        json.dumps(
            [
                {"name": " ".join(informant), "code": "IP1", "role": "informant"},
                {"name": " ".join(other), "code": "AP", "role": "other"},
            ]
        ),
        encoding="utf-8",
    )
    project = folder / "p.transkript.json"
    title = f"Interview {informant[0]} {informant[1]}" if title_with_name else "Interview 1"
    assert main(["import", str(source), "-o", str(project), "--title", title]) == 0
    assert main(["roster", str(project), "--import", str(roster)]) == 0
    assert main(["meta", str(project), "--code", "IP1", "--appendix", "1"]) == 0
    key = folder / "key.json"
    args = ["export", str(project), "--pseudonymise", "--accept-review", "--key", str(key)]
    assert main([*args, "-o", str(folder / "bilag1.txt")]) == 0
    assert main(["export", str(project), "-o", str(folder / "privat.txt")]) == 0  # the researcher's copy
    names = _forms(informant) + _forms(other)
    assert _holds((folder / "privat.txt").read_text(encoding="utf-8"), names)  # the names are there to leak
    capsys.readouterr()

    outputs = every_output(project, folder, capsys, quote="2-4")
    for output, (code, text) in outputs.items():
        assert code in (0, EXIT_BAD_INPUT, EXIT_LEAK), output
        if code:
            assert text == "", f"{output}: stopped, yet written"
        else:
            assert text and _holds(text, names) == [], f"{output} holds a real name"
    # The timed formats cannot be made of a typed transcript without times (exit 2); a title holding a
    # name stops the outputs that carry the title (the tables, the JSON export: exit 4); the rest go out.
    ways, timed_formats = ("export", "standard output"), ("srt", "vtt", "nvivo", "maxqda")
    timed = {f"{way} {fmt}" for way in ways for fmt in timed_formats}
    titled = {"tables", "export json", "standard output json"} if title_with_name else set()
    assert {output for output, (code, _) in outputs.items() if code} == timed | titled
    assert all(outputs[output][0] == EXIT_LEAK for output in titled)
