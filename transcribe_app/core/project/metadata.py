"""The facts a thesis needs about a transcript: citation code, appendix number, title, date, kind.

The citation code is what the thesis writes in every citation of this
transcript — ``(VJ: 79-80)`` — and the appendix heading uses it ("Bilag 11:
Fokusgruppe VK"). The code is the informant's for an elite interview, the
group's (municipality) for a focus group.
"""

from __future__ import annotations

import re
from datetime import date as _date

from ..errors import BadInputError
from .record import KINDS, Project

# Letters (Danish ones too), digits and hyphens: anything else would break "(VJ: 79-80)".
_CODE = re.compile(r"[A-Za-zÆØÅæøå][A-Za-zÆØÅæøå0-9-]{0,11}")


def check_code(code: str) -> str:
    """``code`` if a citation can carry it; otherwise a ``BadInputError`` saying what a code may hold."""
    if not _CODE.fullmatch(code):
        raise BadInputError(
            f"“{code}” cannot be a citation code: use 1–12 letters or digits, starting with a letter "
            "(VJ, MSS, HEK), as in “(VJ: 79-80)”."
        )
    return code


def update_metadata(
    project: Project,
    *,
    code: str | None = None,
    appendix: int | str | None = None,
    title: str | None = None,
    date: str | None = None,
    kind: str | None = None,
) -> list[str]:
    """Set the given fields (None leaves a field alone; "" clears code, appendix or date).

    Everything is checked before anything changes, so a bad value leaves the project
    as it was. Returns a line per changed field, for the user.
    """
    meta = project.metadata
    new = {}
    if code is not None:
        new["citation_code"] = check_code(code.strip()) if code.strip() else None
    if appendix is not None:
        new["appendix"] = _appendix(appendix)
    if title is not None:
        new["title"] = title.strip()
    if date is not None:
        new["date"] = _iso_date(date.strip()) if date.strip() else None
    if kind is not None:
        if kind not in KINDS:
            raise BadInputError(f"The kind must be elite or focus_group, not “{kind}”.")
        new["kind"] = kind
    changes = []
    for name, value in new.items():
        if getattr(meta, name) != value:
            changes.append(f"{name}: {_shown(getattr(meta, name))} → {_shown(value)}")
            setattr(meta, name, value)
    return changes


def describe_metadata(project: Project) -> str:
    """The metadata as the ``meta`` command prints it."""
    meta = project.metadata
    return "\n".join(
        [
            f"Code:      {_shown(meta.citation_code)}",
            f"Appendix:  {_shown(meta.appendix)}",
            f"Title:     {_shown(meta.title)}",
            f"Date:      {_shown(meta.date)}",
            f"Kind:      {meta.kind}",
        ]
    )


def _appendix(value: int | str) -> int | None:
    if isinstance(value, str):
        if not value.strip():
            return None
        try:
            value = int(value.strip())
        except ValueError:
            raise BadInputError(
                f"The appendix number must be a whole number (Bilag 11), not “{value}”."
            ) from None
    if isinstance(value, bool) or value < 1:
        raise BadInputError(f"The appendix number must be 1 or more, not {value}.")
    return value


def _iso_date(value: str) -> str:
    try:
        return _date.fromisoformat(value).isoformat()
    except ValueError:
        raise BadInputError(f"“{value}” is not a date; write it as YYYY-MM-DD, e.g. 2024-03-05.") from None


def _shown(value: object) -> str:
    return "-" if value in (None, "") else str(value)
