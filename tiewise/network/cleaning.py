"""Checking and cleaning node values, driven by the field registry.

Every write of a node goes through :func:`clean_node_values`: the page, the
API, the CLI and the importers. So a link must be a web address, a text has
the same length cap and a role must be in the vocabulary, whichever way the
value came in. Imports are *lenient*: a value that does not fit is cut or
left out with a warning naming the place, because a contact list should not
fail for one bad cell; typing is *strict*: the form or the API says what is
wrong.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email

from tiewise.core.nodefields import BY_NAME, FIELDS, NodeField
from tiewise.core.text import clean_text

#: Schemes a browser would run or render as a document from a link.
UNSAFE_LINK_SCHEMES = ("javascript", "vbscript", "data", "file")
_url = URLValidator(schemes=["http", "https"])


class _Problem(ValueError):
    """One value that does not fit its field; the message says why."""


def normal_link(value: str) -> str:
    """A link as stored: a bare address gets https://; anything a browser
    would run is refused.

    >>> normal_link("orcid.org/0000-0002-1825-0097")
    'https://orcid.org/0000-0002-1825-0097'
    """
    text = clean_text(value)
    scheme = re.sub(r"[\x00-\x20\x7f]", "", text).lower().split(":", 1)[0]
    if ":" in text and scheme in UNSAFE_LINK_SCHEMES:
        raise _Problem(f"{scheme}: links are not allowed.")
    if "://" not in text:
        text = "https://" + text
    try:
        _url(text)
    except ValidationError:
        raise _Problem(f"{value[:80]!r} is not a web address.") from None
    return text


def _one(f: NodeField, value: Any) -> Any:
    """`value` checked and cleaned for field `f`; raises _Problem."""
    if f.type in ("text", "email", "longtext", "choice"):
        text = clean_text(value, multiline=f.type == "longtext")
        if f.max_length and len(text) > f.max_length:
            raise _Problem(f"At most {f.max_length:,} characters (this has {len(text):,}).")
        if f.type == "email" and text:
            try:
                validate_email(text)
            except ValidationError:
                raise _Problem(f"{text[:60]!r} is not an email address.") from None
        if f.type == "choice" and (text or not f.blank) and text not in f.vocab:
            raise _Problem(f"Use one of: {', '.join(f.vocab)}.")
        return text
    if f.is_list:
        items = [value] if isinstance(value, str) else list(value or [])
        out: list[str] = []
        for item in items:
            text = clean_text(item)
            if not text:
                continue
            if f.type == "urls":
                text = normal_link(text)
            elif f.type == "emails":
                try:
                    validate_email(text)
                except ValidationError:
                    raise _Problem(f"{text[:60]!r} is not an email address.") from None
            elif f.type == "multichoice" and text not in f.vocab:
                raise _Problem(f"{text} is not one of: {', '.join(f.vocab)}.")
            elif f.type == "tags":
                text = text.replace(",", " ").strip()
            if f.max_length and len(text) > f.max_length:
                raise _Problem(f"Each item has at most {f.max_length} characters.")
            if text not in out:
                out.append(text)
        return out
    if f.type == "bool":
        return bool(value)
    if f.type == "date":
        if value in (None, ""):
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            raise _Problem("Use a date like 2025-03-01.") from None
    if f.type == "int":
        if value in (None, ""):
            return None
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise _Problem("Use a whole number.") from None
        if (f.minimum is not None and number < f.minimum) or (
            f.maximum is not None and number > f.maximum
        ):
            raise _Problem(f"Use a number from {f.minimum} to {f.maximum}.")
        return number
    raise AssertionError(f"unknown field type {f.type}")  # pragma: no cover


def clean_node_values(
    data: Mapping[str, Any],
    *,
    partial: bool = False,
    lenient: bool = False,
    where: str = "",
    warnings: list[str] | None = None,
) -> dict[str, Any]:
    """The registry fields of `data`, checked and cleaned. Keys that are not
    node fields are ignored. Without `partial`, fields not given take their
    initial value and a name is required.

    Strict (the default) raises ValidationError naming every field that does
    not fit. Lenient (imports) keeps what it can: an over-long text is cut,
    any other bad value left empty, each with a warning that starts with
    `where`; only a missing name still fails.
    """
    out: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for f in FIELDS:
        if f.name not in data:
            if not partial:
                out[f.name] = f.initial
            continue
        try:
            out[f.name] = _one(f, data[f.name])
        except _Problem as problem:
            if not lenient:
                errors[f.name] = [str(problem)]
                continue
            out[f.name] = _lenient(f, data[f.name], str(problem), where, warnings)
    if "name" in out and not out["name"] and "name" not in errors:
        errors["name"] = ["A name is required."]
    if errors:
        raise ValidationError(errors)
    return out


def _lenient(f: NodeField, raw: Any, problem: str, where: str, warnings: list[str] | None) -> Any:
    """What an import keeps of a value that did not fit, with a warning."""
    note: str
    value: Any
    if f.type in ("text", "longtext", "email") and f.max_length and "characters" in problem:
        value = clean_text(raw, multiline=f.type == "longtext")[: f.max_length].rstrip()
        note = f"cut to {f.max_length:,} characters"
    elif f.is_list:
        kept: list[str] = []
        for item in [raw] if isinstance(raw, str) else list(raw or []):
            try:
                kept.extend(v for v in _one(f, [item]) if v not in kept)
            except _Problem:
                continue
        value, note = kept, f"left out what was not understood ({problem})"
    else:
        value, note = f.empty, f"not understood, left empty ({problem})"
    if warnings is not None:
        warnings.append(f"{where}, field '{f.name}': {note}" if where else f"{f.name}: {note}")
    return value


def split_tables(values: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(node fields, tie fields) of cleaned values."""
    node = {k: v for k, v in values.items() if k in BY_NAME and BY_NAME[k].table == "node"}
    tie = {k: v for k, v in values.items() if k in BY_NAME and BY_NAME[k].table == "tie"}
    return node, tie
