"""No code reads or writes a project part by string key outside the part's owning module (issue 14).

The project's later parts are typed records (``EditEntry``, ``DiarisationRecord``,
``AppendixRecord``, the pseudonymisation state, the quotes): their keys are spelled in one
module each, the one that reads and writes the stored form. Everywhere else the code uses
attributes. This test reads every module of ``transcribe_app`` with ``ast`` and flags, for
each part, outside its owners:

- ``X.part[...]`` on a part stored as a record (any subscript), and ``X.part["key"]`` or
  ``X.part[i]["key"]`` on a part stored as a list;
- ``.get/.setdefault/.pop/.update/.keys/.items/.values`` called on ``X.part`` (``.pop``
  only on record parts: a list's ``pop(i)`` is no key access) or, for a list part, on ``X.part[i]``;
- a string-literal subscript, ``.get``/``.setdefault``/``.pop`` or dict-display key that is one
  of the part's distinctive keys (``KEYS`` below), on anything.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from transcribe_app.core.citations.basket import Quote
from transcribe_app.core.layout import AppendixRecord
from transcribe_app.core.project.diarisation import DiarisationRecord
from transcribe_app.core.project.edit_log import EditEntry
from transcribe_app.core.pseudonymise.state import PseudonymisationState

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "transcribe_app"
KEY_METHODS = {"get", "setdefault", "pop", "update", "keys", "items", "values"}


def module_path(module: str) -> str:
    """``transcribe_app.core.layout`` → ``transcribe_app/core/layout.py`` (as ``relative`` gives it)."""
    return str(Path(sys.modules[module].__file__).resolve().relative_to(ROOT).as_posix())


@dataclass(frozen=True)
class PartRule:
    name: str
    owners: tuple[str, ...]  # files (relative to the repository) that may use the stored keys
    is_list: bool  # stored as a list of records (edits, quotes) rather than one record
    keys: tuple[str, ...]  # keys no other record of the program uses: spelled only by the owner
    # Keys that, all together in one dict, are a record of the part written by hand (a quote's
    # "citation" alone is also a field of the check-citations JSON report).
    record_keys: tuple[str, ...] = ()


PARTS = {
    rule.name: rule
    for rule in (
        PartRule("edits", (module_path(EditEntry.__module__),), True, ("invisible_removed",)),
        PartRule(
            "diarisation",
            (module_path(DiarisationRecord.__module__),),
            False,
            ("speakers_found", "speakers_requested", "words_to_review"),
        ),
        # "pseudonymised" is also a field of the JSON export's header, "width" of other records.
        PartRule("layout", (module_path(AppendixRecord.__module__),), False, ("lines_sha256",)),
        PartRule(
            "pseudonymisation",
            # The key file copies the audit log (its own format, written in one place).
            (module_path(PseudonymisationState.__module__), "transcribe_app/core/pseudonymise/key.py"),
            False,
            ("decisions", "audit", "entities", "tiers"),
        ),
        PartRule("quotes", (module_path(Quote.__module__),), True, (), ("lines", "citation")),
    )
}
def _string(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _is_part(node: ast.AST, rule: PartRule) -> bool:
    """``X.part``: the part itself."""
    return isinstance(node, ast.Attribute) and node.attr == rule.name


def _is_element(node: ast.AST, rule: PartRule) -> bool:
    """``X.part[i]``: one record of a list part."""
    return rule.is_list and isinstance(node, ast.Subscript) and _is_part(node.value, rule)


def violations(source: str, rule: PartRule, filename: str = "<snippet>") -> list[str]:
    """Where ``source`` reads or writes ``rule``'s part by string key: ``file:line: what``."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        what = _violation(node, rule)
        if what:
            found.append(f"{filename}:{node.lineno}: {what}")
    return found


def _violation(node: ast.AST, rule: PartRule) -> str | None:
    if isinstance(node, ast.Subscript):
        key = _string(node.slice)
        if _is_part(node.value, rule) and (not rule.is_list or key is not None):
            return f"{rule.name}[...] by key"
        if _is_element(node.value, rule) and key is not None:
            return f"a record of {rule.name} read by key “{key}”"
        if key in rule.keys:
            return f"the {rule.name} key “{key}” as a subscript"
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        method, owner = node.func.attr, node.func.value
        if method in KEY_METHODS:
            if _is_part(owner, rule) and not (rule.is_list and method == "pop"):
                return f"{rule.name}.{method}(...)"
            if _is_element(owner, rule):
                return f"a record of {rule.name} read with .{method}(...)"
            if method in ("get", "setdefault", "pop") and node.args and _string(node.args[0]) in rule.keys:
                return f"the {rule.name} key “{_string(node.args[0])}” with .{method}(...)"
    if isinstance(node, ast.Dict):
        keys = [_string(key) for key in node.keys if key is not None]
        spelled = [key for key in keys if key in rule.keys]
        if spelled:
            return f"the {rule.name} key “{spelled[0]}” written in a dict"
        if rule.record_keys and set(rule.record_keys) <= set(keys):
            return f"a record of {rule.name} written as a dict"
    return None


def sources() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize(
    "part",
    list(PARTS),
)
def test_no_code_outside_its_owner_reads_a_part_by_key(part):
    rule = PARTS[part]
    found = []
    for path in sources():
        relative = path.relative_to(ROOT).as_posix()
        if relative not in rule.owners:
            found += violations(path.read_text(encoding="utf-8"), rule, relative)
    assert not found, "\n".join(found)


def test_every_owner_exists():
    for rule in PARTS.values():
        for owner in rule.owners:
            assert (ROOT / owner).is_file(), owner


# -- the checker itself ------------------------------------------------------------------------------

BAD = [
    ("diarisation", 'found = project.diarisation["speakers_found"]'),
    ("diarisation", "project.diarisation[key] = 2"),
    ("diarisation", 'n = project.diarisation.get("words_to_review", 0)'),
    ("diarisation", "for key, value in self.project.diarisation.items(): pass"),
    ("diarisation", 'record = {"method": "x", "speakers_found": 2}'),
    ("diarisation", 'n = record["speakers_requested"]'),
    ("layout", 'flag = project.layout.get("pseudonymised", False)'),
    ("layout", 'del project.layout["width"]'),
    ("layout", "project.layout.update(width=60)"),
    ("layout", 'old = recorded.get("lines_sha256")'),
    ("layout", 'project.layout.setdefault("level", "clean")'),
    ("edits", 'kind = project.edits[-1]["kind"]'),
    ("edits", 'when = session.project.edits[0].get("at")'),
    ("edits", 'entry = {"kind": "text", "segments": [], "invisible_removed": 1}'),
    ("edits", 'project.edits["text"] = 1'),
    ("pseudonymisation", 'state = project.pseudonymisation["decisions"]'),
    ("pseudonymisation", 'project.pseudonymisation.setdefault("audit", []).append(entry)'),
    ("pseudonymisation", 'rows = state.get("entities") or []'),
    ("pseudonymisation", 'n = row["tiers"]'),
    ("quotes", 'citation = project.quotes[i].get("citation", "")'),
    ("quotes", 'lines = self.session.project.quotes[0]["lines"]'),
    ("quotes", 'entry = {"lines": "1-2", "citation": "(VJ: 1-2)"}'),
]
GOOD = [
    ("quotes", 'row = {"citation": "(VJ: 1-2)", "status": "OK"}  # the check-citations JSON report'),
    ("diarisation", "found = project.diarisation.speakers_found if project.diarisation else 0"),
    ("layout", "width = project.layout.width; settings = block.layout()"),
    ("layout", 'record = {"width": 60, "pseudonymised": True}  # the JSON export header'),
    ("edits", "del project.edits[before:]; last = project.edits[-1].kind"),
    ("edits", 'data = {"kind": "elite"}; kind = data["kind"]'),
    ("quotes", "project.quotes.pop(index); del project.quotes[2]; first = project.quotes[0].citation"),
    ("pseudonymisation", "decisions = project.pseudonymisation.decisions[3:]"),
]


@pytest.mark.parametrize("part, snippet", BAD)
def test_the_checker_flags_string_key_access(part, snippet):
    assert violations(snippet, PARTS[part]), snippet


@pytest.mark.parametrize("part, snippet", GOOD)
def test_the_checker_leaves_attribute_access_alone(part, snippet):
    assert violations(snippet, PARTS[part]) == [], snippet


def test_the_checker_names_the_file_and_line():
    source = "x = 1\nn = project.diarisation['speakers_found']\n"
    found = violations(source, PARTS["diarisation"], "gui/panel.py")
    assert found == ["gui/panel.py:2: diarisation[...] by key"]
