"""PubMed MEDLINE (`.nbib` or `.txt`: PubMed > Save > Format: PubMed).

Each record opens with `PMID- `; tags are four characters wide then `- `;
long values continue on lines indented by six spaces. For each author, `FAU`
gives the full name, `AU` the short one, `AUID` an ORCID iD, and `AD` one or
more affiliations (with an email address at times); `CN` names a group
author. Investigators (`IR`, `FIR`) are not authors and are left out.
"""

from __future__ import annotations

import re
from datetime import date

from tiewise.core.importers import coauthors
from tiewise.core.importers.records import ImportFailed, ImportResult, OwnerHints
from tiewise.core.importers.text import decode, lines_of

FORMAT = "medline"
_TAG = re.compile(r"([A-Z][A-Z0-9]{1,3}) {0,3}- ?(.*)")


def parse(
    data: bytes,
    *,
    filename: str = "pubmed.nbib",
    owner: OwnerHints | None = None,
    today: date | None = None,
) -> ImportResult:
    """Co-authors of the owner's records.

    >>> nbib = b"PMID- 1\\nTI  - A trial\\nDP  - 2023 Mar\\nFAU - Ruiz, Ana\\nAU  - Ruiz A\\n"
    >>> nbib += b"FAU - Doe, Jane\\nAU  - Doe J\\n"
    >>> nbib += b"AD  - Dept of Surgery, Uppsala University, Sweden.\\n"
    >>> r = parse(nbib, owner=OwnerHints(names=("Ana Ruiz",)), today=date(2024, 1, 1))
    >>> [(x.name, x.line, x.organisation, x.country) for x in r.records]
    [('Jane Doe', 1, 'Uppsala University', 'Sweden')]
    """
    warnings: list[str] = []
    text = decode(data, filename, warnings)
    records = _records(text, filename)
    papers = [_paper(fields, line) for line, fields in records]
    if records and text and not text.endswith(("\n", "\r")):
        # MEDLINE has no end-of-record mark: a missing last line break is the one sign.
        warnings.append(
            f"{filename}, line {records[-1][0]}: the file does not end with a line break, "
            "so its last record may be cut short; check that paper"
        )
    if not papers:
        raise ImportFailed(filename, "no 'PMID- ' line found; this is not a MEDLINE file", line=1)
    return coauthors.build(
        papers,
        fmt=FORMAT,
        filename=filename,
        owner=owner,
        today=today or date.today(),
        warnings=warnings,
    )


def _records(text: str, filename: str) -> list[tuple[int, list[tuple[str, list[str]]]]]:
    records: list[tuple[int, list[tuple[str, list[str]]]]] = []
    fields: list[tuple[str, list[str]]] | None = None
    for number, line in enumerate(lines_of(text), start=1):
        if not line.strip():
            fields = None  # a blank line ends a record
            continue
        if line.startswith(" ") and fields:
            fields[-1][1].append(line.strip())  # joined once, when the record is read
            continue
        match = _TAG.fullmatch(line.rstrip().lstrip("\ufeff"))
        if not match:
            raise ImportFailed(
                filename,
                "expected 'TAG - value' or a continuation indented by six spaces"
                + ("; were two files pasted together?" if records and fields is None else ""),
                line=number,
                field=line.strip()[:20],
            )
        tag, value = match.group(1), match.group(2).strip()
        if fields is None:
            if tag != "PMID":
                raise ImportFailed(
                    filename, "expected 'PMID- ' to open a record", line=number, field=tag
                )
            fields = []
            records.append((number, fields))
        fields.append((tag, [value]))
    return records


def _paper(fields: list[tuple[str, list[str]]], line: int) -> coauthors.Paper:
    authors: list[coauthors.Author] = []
    short_given = False  # whether the last author already has its AU line
    title = when = ""
    has_full = any(tag == "FAU" for tag, _ in fields)
    for tag, parts in fields:
        value = " ".join(parts)
        if tag == "FAU":
            authors.append(coauthors.Author(value))
            short_given = False
        elif tag == "AU":
            # Modern records give FAU then AU for each author; older ones AU only.
            if not (has_full and authors and not short_given):
                authors.append(coauthors.Author(value))
            short_given = True
        elif tag == "CN":
            authors.append(coauthors.Author(value, group=True))
            short_given = True
        elif tag == "AUID" and authors:
            orcid = coauthors.orcid_of(value) if "orcid" in value.lower() or "-" in value else ""
            authors[-1].orcid = authors[-1].orcid or orcid
        elif tag == "AD" and authors:
            # Several AD lines for one author: the first is read, all are kept.
            current = authors[-1].affiliation
            authors[-1].affiliation = f"{current}\n{value}" if current else value
        elif tag == "TI":
            title = value
        elif tag == "DP":
            when = value
    return coauthors.Paper(title=title, year=coauthors.year_of(when), authors=authors, line=line)
