"""A guard against protected patient information in free text.

A PLN is about colleagues, not patients. Notes that look like they hold
patient identifiers get a warning before they are saved; nothing is blocked,
because false alarms are possible and the owner decides.
"""

from __future__ import annotations

import re

# Every quantifier is bounded, so each pattern does a bounded amount of work
# at each position of the text: checking a note takes time linear in its
# length, whatever it holds (a 24 KB run of "Aa Aa Aa ..." included), in
# Python and in the browser alike.
_DATE = r"(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2})"
_WORD = r"[A-Z][a-z]{1,30}"
_NAME = rf"{_WORD}(?:[ \t]{{1,3}}{_WORD}){{1,3}}"
_GAP = r"\s{0,3}"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "a medical record number",
        re.compile(rf"\b(?:MRN|medical record(?: number| no\.?)?|record no\.?|hosp(?:ital)? no\.?)"
                   rf"{_GAP}[:#]?{_GAP}[A-Z]{{0,3}}\d{{4,12}}", re.I),
    ),
    (
        "a date of birth",
        re.compile(rf"\b(?:DOB|d\.o\.b\.?|date of birth|born(?: on)?){_GAP}[:\-]?{_GAP}"
                   rf"{_DATE}", re.I),
    ),
    (
        "a patient followed by an identifier",
        re.compile(rf"\b(?:pt|patient|pt\.){_GAP}(?:#|no\.?|number|id)?{_GAP}[:#]?{_GAP}"
                   rf"(?:[A-Z]{{1,3}}\d{{3,12}}|\d{{4,12}})", re.I),
    ),
    (
        "a patient's name",
        re.compile(rf"\b(?:pt|patient)\.?[ \t]{{1,3}}(?:named[ \t]{{1,3}}|called[ \t]{{1,3}})?"
                   rf"(?:Mr\.?[ \t]{{1,3}}|Mrs\.?[ \t]{{1,3}}|Ms\.?[ \t]{{1,3}})?{_NAME}"),
    ),
    (
        "a name next to a date of birth",
        re.compile(rf"{_NAME}{_GAP}[,(]{_GAP}(?:born|b\.|DOB)?{_GAP}{_DATE}"),
    ),
    ("a social security or national ID number", re.compile(r"\b\d{3}-\d{2}-\d{4}\b")),
]  # fmt: skip


def phi_warnings(text: str) -> list[str]:
    """What in `text` looks like patient information, as short phrases.

    >>> phi_warnings("Great chat about sepsis teaching")
    []
    >>> phi_warnings("Discussed pt 1234567 with her")
    ['a patient followed by an identifier']
    >>> phi_warnings("MRN: 00451234, DOB 03/04/1961")
    ['a medical record number', 'a date of birth']
    """
    if not text:
        return []
    return [label for label, pattern in PATTERNS if pattern.search(text)]


def phi_message(found: list[str]) -> str:
    """One sentence for the warning."""
    return (
        "This text looks like it may contain patient information ("
        + ", ".join(found)
        + "). Tiewise is for your professional network: please remove patient details."
    )


def patterns_for_browser() -> list[dict[str, str]]:
    """The same patterns for the page script, so the browser warns with the
    exact rules the server uses (one source of truth).

    >>> patterns_for_browser()[0]["label"]
    'a medical record number'
    """
    return [
        {"label": label, "source": p.pattern, "flags": "i" if p.flags & re.IGNORECASE else ""}
        for label, p in PATTERNS
    ]
