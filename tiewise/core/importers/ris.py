"""RIS (`.ris`, from EndNote, Zotero, Mendeley, most journal sites).

The structure (`TY  -` opens a reference, `ER  -` closes it) is checked here
so a cut-short file is reported at its line; rispy then maps each
reference's tags (AU, A1, PY, TI, ...) to fields.
"""

from __future__ import annotations

import re
from datetime import date

import rispy

from tiewise.core.importers import coauthors
from tiewise.core.importers.records import ImportFailed, ImportResult, OwnerHints
from tiewise.core.importers.text import decode, lines_of

FORMAT = "ris"
_TAG = re.compile(r"([A-Z][A-Z0-9])  -(?: (.*))?")


def parse(
    data: bytes,
    *,
    filename: str = "references.ris",
    owner: OwnerHints | None = None,
    today: date | None = None,
) -> ImportResult:
    """Co-authors of the references, without the owner.

    >>> ris = b"TY  - JOUR\\nAU  - Ruiz, Ana\\nAU  - Doe, Jane\\nPY  - 2020\\nER  - \\n"
    >>> r = parse(ris, owner=OwnerHints(names=("Ruiz A",)), today=date(2024, 1, 1))
    >>> [x.name for x in r.records]
    ['Jane Doe']
    """
    warnings: list[str] = []
    text = decode(data, filename, warnings)
    papers = [_paper(block, line, filename) for line, block in _blocks(text, filename)]
    if not papers:
        raise ImportFailed(filename, "no 'TY  - ' line found; this is not an RIS file", line=1)
    return coauthors.build(
        papers,
        fmt=FORMAT,
        filename=filename,
        owner=owner,
        today=today or date.today(),
        warnings=warnings,
    )


def _blocks(text: str, filename: str) -> list[tuple[int, str]]:
    blocks: list[tuple[int, str]] = []
    start: int | None = None
    current: list[str] = []
    for number, line in enumerate(lines_of(text), start=1):
        match = _TAG.fullmatch(line.rstrip())
        tag = match.group(1) if match else ""
        if start is None:
            if not line.strip():
                continue
            if tag != "TY":
                raise ImportFailed(
                    filename,
                    "expected 'TY  - ' to open a reference",
                    line=number,
                    field=tag or line.strip()[:20],
                )
            start, current = number, [line]
        elif tag == "TY":
            raise ImportFailed(
                filename,
                f"a new reference starts before the one of line {start} was closed with 'ER  -'",
                line=number,
                field="ER",
            )
        elif tag == "ER":
            current.append("ER  - ")
            blocks.append((start, "\n".join(current) + "\n"))
            start = None
        else:
            current.append(line)
    if start is not None:
        raise ImportFailed(
            filename,
            "this reference is never closed with 'ER  -'; is the file cut short?",
            line=start,
            field="ER",
        )
    return blocks


def _paper(block: str, line: int, filename: str) -> coauthors.Paper:
    try:
        entries = rispy.loads(block)
    except Exception as exc:  # noqa: BLE001 - rispy's own errors, given a place
        raise ImportFailed(
            filename, f"could not read this reference ({exc})"[:300], line=line
        ) from None
    entry = entries[0] if entries else {}
    names: list[str] = []
    for key in ("first_authors", "authors"):
        value = entry.get(key) or []
        names.extend(v for v in value if isinstance(v, str))
    when = str(entry.get("year") or entry.get("publication_year") or entry.get("date") or "")
    title = entry.get("title") or entry.get("primary_title") or ""
    return coauthors.Paper(
        title=str(title),
        year=coauthors.year_of(when),
        authors=[coauthors.Author(n) for n in dict.fromkeys(names)],
        line=line,
    )
