"""The words people read for vocabulary keys, on every page:
`{% load words %}{{ tie.strength|label:"strength" }}`,
`{{ node.roles|labels:"roles" }}`. A raw code never reaches a page."""

from __future__ import annotations

from collections.abc import Iterable

from django import template

from tiewise.core.vocab import VOCABULARIES
from tiewise.core.vocab import label as vocab_label

register = template.Library()


@register.filter
def label(value: str | None, vocab: str) -> str:
    """`{{ "professional_identity"|label:"areas" }}` → "Professional identity"."""
    return vocab_label(VOCABULARIES[vocab], value) if value else ""


@register.filter
def labels(values: Iterable[str] | str | None, vocab: str) -> str:
    """`{{ prospect.roles|labels:"roles" }}` → "Mentor, Sponsor"."""
    items = [values] if isinstance(values, str) else list(values or [])
    return ", ".join(vocab_label(VOCABULARIES[vocab], v) for v in items if v)


@register.filter
def count(value: int | None) -> str:
    """A count as people read it: 1,326, never 1326."""
    return f"{int(value or 0):,}"
