"""BibTeX (`.bib`, as exported by Zotero, Google Scholar, Mendeley, ORCID).

bibtexparser 1.x reads the entries but quietly drops what it cannot parse,
so braces are checked first: an unclosed brace swallows every entry after
it, and the owner deserves to hear where.
"""

from __future__ import annotations

import contextlib
import re
from datetime import date

import bibtexparser
from bibtexparser.bparser import BibTexParser
from bibtexparser.latexenc import latex_to_unicode

from tiewise.core.importers import coauthors
from tiewise.core.importers.records import ImportFailed, ImportResult, OwnerHints
from tiewise.core.importers.text import decode

FORMAT = "bibtex"
_ENTRY = re.compile(r"@\s*(\w+)\s*([{(])\s*([^,\s{}()]*)")
_FIELD = re.compile(r"(\w[\w:-]*)\s*=\s*$")
_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
_SKIP_TYPES = {"comment", "string", "preamble"}
_FIELD_START = re.compile(r"[ \t]*[A-Za-z][\w-]*[ \t]*=")


def parse(
    data: bytes,
    *,
    filename: str = "references.bib",
    owner: OwnerHints | None = None,
    today: date | None = None,
) -> ImportResult:
    """Co-authors of the entries, without the owner.

    >>> bib = b"@article{a, author={Ruiz, Ana and Doe, Jane}, title={T}, year={2023}}"
    >>> r = parse(bib, owner=OwnerHints(names=("Ana Ruiz",)), today=date(2024, 1, 1))
    >>> [(x.name, x.strength, x.areas) for x in r.records]
    [('Jane Doe', 'weak', ('academic',))]
    """
    warnings: list[str] = []
    text = decode(data, filename, warnings)
    lines = _check_braces(text, filename)
    parser = BibTexParser(common_strings=True, ignore_nonstandard_types=False)
    try:
        entries = bibtexparser.loads(text, parser).entries
    except Exception as exc:  # noqa: BLE001 - a lenient library's rare failures, given a place
        raise ImportFailed(filename, f"could not read the BibTeX ({exc})"[:300]) from None
    if not entries and not lines:
        raise ImportFailed(filename, "no @entry{...} found; this is not a BibTeX file", line=1)
    papers: list[coauthors.Paper] = []
    for entry in entries:
        line = lines.get(str(entry.get("ID", "")))
        authors = _clean(str(entry.get("author", "")))
        names = [n for n in _AND.split(authors) if n.strip() and n.strip().lower() != "others"]
        papers.append(
            coauthors.Paper(
                title=_clean(str(entry.get("title", ""))),
                year=coauthors.year_of(str(entry.get("year", entry.get("date", "")))),
                authors=[coauthors.Author(n.strip()) for n in names],
                line=line,
            )
        )
    return coauthors.build(
        papers,
        fmt=FORMAT,
        filename=filename,
        owner=owner,
        today=today or date.today(),
        warnings=warnings,
    )


def _clean(value: str) -> str:
    # Keep the raw text when a LaTeX macro is too odd to convert.
    with contextlib.suppress(Exception):
        value = latex_to_unicode(value)
    return " ".join(value.replace("{", "").replace("}", "").split())


def _check_braces(text: str, filename: str) -> dict[str, int]:
    """Start lines of entries by key; an error at the brace that does not close."""
    starts: dict[str, int] = {}
    opened: list[tuple[int, str]] = []  # (line, field) of each '{' still open
    closer = ""
    entry_line = 0
    line = 1
    i = 0
    field = ""
    suspect: tuple[int, str] | None = None
    n = len(text)
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
            if opened and suspect is None and _FIELD_START.match(text, i + 1):
                # A line that starts like `year = ` inside a value: the value before
                # it most likely lacks its closing brace.
                suspect = opened[0]
        elif not opened and not closer:
            if c == "@":
                match = _ENTRY.match(text, i)
                if match:
                    entry_line = line
                    closer = "}" if match.group(2) == "{" else ")"
                    if match.group(1).lower() not in _SKIP_TYPES:
                        starts.setdefault(match.group(3), line)
                    i = match.end()
                    field = ""
                    suspect = None
                    continue
        elif c == "@" and text[i - 1] == "\n" and _ENTRY.match(text, i):
            # BibTeX cannot tell where an unclosed value ends; a new entry at the
            # start of a line is the best sign that the one before went wrong.
            open_line, open_field = suspect or (opened[0] if opened else (entry_line, ""))
            raise ImportFailed(
                filename,
                f"a brace opened here is never closed (a new entry starts on line {line})",
                line=open_line,
                field=open_field or None,
            )
        elif c == "{":
            if not opened:
                found = _FIELD.search(text, max(0, i - 80), i)
                field = found.group(1) if found else field
            opened.append((line, field))
        elif c == "}" and opened:
            opened.pop()
        elif c == closer and not opened:
            closer = ""
        elif c == "}":
            raise ImportFailed(
                filename,
                "this '}' closes nothing; a brace is unbalanced",
                line=line,
                field=field or None,
            )
        i += 1
    if opened:
        open_line, open_field = suspect or opened[0]
        raise ImportFailed(
            filename,
            "the '{' opened here is never closed; is the file cut short?",
            line=open_line,
            field=open_field or None,
        )
    if closer:
        open_line, open_field = suspect or (entry_line, "")
        raise ImportFailed(
            filename,
            "a brace opened here is never closed; is the file cut short?",
            line=open_line,
            field=open_field or None,
        )
    return starts
