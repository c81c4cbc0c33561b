"""References an answer or a resource cites: a PMID, a DOI or a web link,
read into one normal form so the same paper is recognised however it was
typed. Pure Python (no Django)."""

from __future__ import annotations

import re
from typing import NamedTuple

_PMID = re.compile(r"^(?:pmid\s*:?\s*)?(\d{1,9})$", re.I)
_DOI_PREFIX = re.compile(r"^(?:doi\s*:\s*|https?://(?:dx\.)?doi\.org/)", re.I)
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.I)


class Reference(NamedTuple):
    kind: str  # "pmid", "doi" or "url"
    value: str

    def __str__(self) -> str:
        return self.value if self.kind == "url" else f"{self.kind.upper()}:{self.value}"


def parse_reference(text: str) -> Reference:
    """One reference in normal form; ValueError says what is accepted.


    >>> parse_reference("PMID: 31234567")
    Reference(kind='pmid', value='31234567')
    >>> str(parse_reference("https://doi.org/10.1056/NEJMoa2034577"))
    'DOI:10.1056/nejmoa2034577'
    >>> parse_reference("https://www.acep.org/pocus").kind
    'url'
    >>> parse_reference("the big textbook")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: 'the big textbook' is not a PMID (PMID:31234567), a DOI ...
    """
    raw = text.strip()
    if m := _PMID.match(raw):
        return Reference("pmid", str(int(m.group(1))))
    doi = _DOI_PREFIX.sub("", raw)
    if _DOI.match(doi):
        return Reference("doi", doi.lower())
    if _URL.match(raw) and len(raw) <= 500:
        return Reference("url", raw)
    shown = raw if len(raw) <= 40 else raw[:39] + "…"
    raise ValueError(
        f"{shown!r} is not a PMID (PMID:31234567), a DOI (doi:10.1056/…) or a web link (https://…)"
    )


def topic_key(text: str) -> str:
    """How topics compare: case, spacing and hyphens do not matter.

    >>> topic_key("Point-of-care  Ultrasound") == topic_key("point of care ultrasound")
    True
    """
    return " ".join(re.sub(r"[-_/]+", " ", text).casefold().split())


def topics_match(skill: str, topic: str) -> bool:
    """A node's expertise topic helps with a skill when either names the
    other ("ultrasound" helps "point-of-care ultrasound").

    >>> skill = "Point-of-care ultrasound"
    >>> topics_match(skill, "POCUS"), topics_match(skill, "ultrasound")
    (False, True)
    """
    a, b = topic_key(skill), topic_key(topic)
    if not a or not b:
        return False
    return a == b or f" {b} " in f" {a} " or f" {a} " in f" {b} "
