"""RIS (`.ris`, from Zotero, EndNote, Mendeley, Scopus and most journal sites).

Each line is `TAG  - value`; `TY  -` opens a reference and `ER  -` closes
it; a line without a tag continues the value before it. Line ends may be
CRLF, LF or a mixture (a file pasted together from two exports). Authors
are `AU` or `A1` (editors, `A2` and `ED`, are not co-authors); the title
`TI`, `T1` or `CT`; the year `PY`, `Y1` or `DA` (`2023///`, `2023/03/15/`).
Scopus writes `AD` affiliations; when each follows its author they are read
as that author's.
"""

from __future__ import annotations

import re
from datetime import date

from tiewise.core.importers import coauthors
from tiewise.core.importers.records import ImportFailed, ImportResult, OwnerHints
from tiewise.core.importers.text import decode, lines_of

FORMAT = "ris"
_TAG = re.compile(r"([A-Z][A-Z0-9])  ?- ?(.*)")
_AUTHOR_TAGS = ("AU", "A1")
_TITLE_TAGS = ("TI", "T1", "CT", "BT")
_DATE_TAGS = ("PY", "Y1", "DA", "Y2")


def parse(
    data: bytes,
    *,
    filename: str = "references.ris",
    owner: OwnerHints | None = None,
    today: date | None = None,
) -> ImportResult:
    """Co-authors of the owner's references.

    >>> ris = b"TY  - JOUR\\r\\nAU  - Ruiz, Ana\\nAU  - Doe, Jane\\r\\nPY  - 2020///\\nER  - \\n"
    >>> r = parse(ris, owner=OwnerHints(names=("Ruiz A",)), today=date(2024, 1, 1))
    >>> [(x.name, x.publications) for x in r.records]
    [('Jane Doe', ('2020 · (untitled)',))]
    """
    warnings: list[str] = []
    text = decode(data, filename, warnings)
    papers = [_paper(fields, line) for line, fields in _references(text, filename)]
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


def _references(text: str, filename: str) -> list[tuple[int, list[tuple[str, list[str]]]]]:
    out: list[tuple[int, list[tuple[str, list[str]]]]] = []
    start: int | None = None
    fields: list[tuple[str, list[str]]] = []
    for number, line in enumerate(lines_of(text), start=1):
        match = _TAG.fullmatch(line.strip(" \ufeff"))
        tag = match.group(1) if match else ""
        if start is None:
            if not line.strip():
                continue
            if tag != "TY":
                raise ImportFailed(
                    filename,
                    "expected 'TY  - ' to open a reference"
                    + ("; were two files pasted together?" if out else ""),
                    line=number,
                    field=tag or line.strip()[:20],
                )
            start, fields = number, [("TY", [match.group(2).strip() if match else ""])]
        elif tag == "TY":
            raise ImportFailed(
                filename,
                f"a new reference starts before the one of line {start} was closed with 'ER  -'",
                line=number,
                field="ER",
            )
        elif tag == "ER":
            out.append((start, fields))
            start = None
        elif match:
            fields.append((tag, [match.group(2).strip()]))
        elif line.strip():
            fields[-1][1].append(line.strip())  # a value continued on the next line
    if start is not None:
        raise ImportFailed(
            filename,
            "this reference is never closed with 'ER  -'; is the file cut short?",
            line=start,
            field="ER",
        )
    return out


def _paper(fields: list[tuple[str, list[str]]], line: int) -> coauthors.Paper:
    by_tag: dict[str, list[coauthors.Author]] = {tag: [] for tag in _AUTHOR_TAGS}
    title = when = ""
    previous = ""
    for tag, parts in fields:
        value = " ".join(parts)
        if tag in _AUTHOR_TAGS and value:
            by_tag[tag].append(coauthors.Author(value))
        elif tag == "AD" and previous in _AUTHOR_TAGS and by_tag[previous]:
            by_tag[previous][-1].affiliation = value  # each author's AD right after it
        elif tag in _TITLE_TAGS and not title:
            title = value
        elif tag in _DATE_TAGS and not when:
            when = value
        previous = tag
    # Some writers give the authors twice, as AU and as A1: one list is read.
    authors = by_tag["AU"] or by_tag["A1"]
    return coauthors.Paper(title=title, year=coauthors.year_of(when), authors=authors, line=line)
