"""Parse a one-line interaction log such as "coffee with Jane today, gave advice".

`parse_log_line(line, people, today=...)` finds who (matched against the
owner's node names: the full name, or a first or last name when only one
node has it), when (today, yesterday, last Monday, 3 March, 2025-03-03,
"4 days ago"), the channel (coffee → in person, zoom → video, ...), the kind
and direction ("gave advice", "asked for advice", "shared a paper",
"introduced") and an optional quality ("great" → 5, "4/5"). Anything it
cannot resolve raises `LogLineError` with a message a person can act on.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

TITLES = {"dr", "prof", "professor", "mr", "mrs", "ms", "mx", "nurse", "manager", "chaplain", "sir"}

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}  # fmt: skip

# Phrases (lower case, matched on word boundaries) → channel. Longest first wins.
CHANNEL_WORDS: dict[str, str] = {
    "journal club": "journal_club",
    "in person": "in_person",
    "coffee": "in_person", "lunch": "in_person", "dinner": "in_person",
    "breakfast": "in_person", "drinks": "in_person", "walk": "in_person",
    "zoom": "video", "video": "video", "teams": "video", "facetime": "video",
    "video call": "video", "webex": "video",
    "call": "phone", "called": "phone", "phone": "phone", "phoned": "phone", "rang": "phone",
    "email": "email", "emailed": "email", "e-mail": "email", "mail": "email",
    "slack": "messaging", "whatsapp": "messaging", "signal": "messaging",
    "text": "messaging", "texted": "messaging", "message": "messaging",
    "messaged": "messaging", "dm": "messaging", "sms": "messaging",
    "twitter": "social_media", "x": "social_media", "bluesky": "social_media",
    "mastodon": "social_media", "linkedin": "social_media", "tweet": "social_media",
    "conference": "conference", "congress": "conference", "symposium": "conference",
}  # fmt: skip

# Phrases → (kind, direction). Checked longest first.
KIND_WORDS: dict[str, tuple[str, str]] = {
    "asked for advice": ("advice_sought", "received"),
    "asked advice": ("advice_sought", "received"),
    "sought advice": ("advice_sought", "received"),
    "got advice": ("advice_sought", "received"),
    "advice from": ("advice_sought", "received"),
    "asked for help": ("advice_sought", "received"),
    "gave advice": ("advice_given", "gave"),
    "gave feedback": ("advice_given", "gave"),
    "advised": ("advice_given", "gave"),
    "shared a paper with me": ("resource_shared", "received"),
    "sent me": ("resource_shared", "received"),
    "shared with me": ("resource_shared", "received"),
    "shared a paper": ("resource_shared", "gave"),
    "shared an article": ("resource_shared", "gave"),
    "shared a resource": ("resource_shared", "gave"),
    "sent a paper": ("resource_shared", "gave"),
    "shared": ("resource_shared", "gave"),
    "introduced me": ("introduction_made", "received"),
    "introduced": ("introduction_made", "gave"),
    "introduction": ("introduction_made", "gave"),
    "collaborated": ("collaboration", "mutual"),
    "worked on": ("collaboration", "mutual"),
    "wrote": ("collaboration", "mutual"),
    "grant": ("collaboration", "mutual"),
    "taught": ("teaching", "gave"),
    "teaching": ("teaching", "gave"),
    "lecture": ("teaching", "gave"),
    "mentored": ("advice_given", "gave"),
    "catch up": ("social", "mutual"),
    "caught up": ("social", "mutual"),
    "meeting": ("meeting", "mutual"),
    "met": ("meeting", "mutual"),
}

QUALITY_WORDS = {
    "excellent": 5, "great": 5, "brilliant": 5, "good": 4, "useful": 4,
    "ok": 3, "okay": 3, "fine": 3, "meh": 2, "awkward": 2, "poor": 1, "bad": 1,
}  # fmt: skip

#: Words that join names to the rest of the sentence; the word after one is a name slot.
CONNECTORS = {"with", "to", "from", "and", "&", "for", "met", "called", "emailed", "messaged"}
FILLER = {
    "a", "an", "the", "my", "our", "on", "at", "in", "of", "about", "over", "some", "her",
    "his", "their", "them", "him", "me", "i", "we", "us", "it", "new", "quick", "long",
    "last", "this", "ago", "days", "day", "week", "weeks", "next", "team", "group",
    "advice", "paper", "article", "resource", "help", "feedback", "gave", "asked", "sent",
    "got", "via", "by", "quality", "today", "yesterday", "everyone", "people", "colleagues",
}  # fmt: skip


class LogLineError(ValueError):
    """The line could not be turned into an interaction; `candidates` lists
    names the person may have meant."""

    def __init__(self, message: str, candidates: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.candidates = list(candidates)


@dataclass
class ParsedLog:
    node_ids: list[int]
    date: date
    channel: str = "in_person"
    kind: str = "meeting"
    direction: str = "mutual"
    quality: int = 3
    note: str = ""
    matched: dict[int, str] = field(default_factory=dict)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9][a-z0-9'\-]*|&", _fold(text))


def name_words(name: str) -> list[str]:
    """The words of a node's name that a person would type, without titles or
    trailing credentials.

    >>> name_words("Dr. Maria Chen")
    ['maria', 'chen']
    >>> name_words("Sara Lindqvist, PharmD")
    ['sara', 'lindqvist']
    """
    main = name.split(",")[0]
    words = [w.strip("'-") for w in _words(main)]
    while len(words) > 1 and words[0].rstrip(".") in TITLES:
        words = words[1:]
    return [w for w in words if w]


def _find_phrase(words: list[str], phrase: list[str], used: set[int]) -> int:
    n = len(phrase)
    for i in range(len(words) - n + 1):
        if words[i : i + n] == phrase and not used & set(range(i, i + n)):
            return i
    return -1


def _parse_date(words: list[str], used: set[int], today: date, raw: str) -> date:
    iso = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", raw)
    if iso:
        try:
            found = date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        except ValueError:
            raise LogLineError(f"{iso.group(0)} is not a real date.") from None
        _mark_tokens(words, used, {iso.group(0)})
        return _not_future(found, today)
    for i, w in enumerate(words):
        if w == "today":
            used.add(i)
            return today
        if w == "yesterday":
            used.add(i)
            return today - timedelta(days=1)
        if w.isdigit() and i + 2 < len(words) and words[i + 2] == "ago":
            unit = words[i + 1]
            if unit in ("day", "days"):
                used.update({i, i + 1, i + 2})
                return today - timedelta(days=int(w))
            if unit in ("week", "weeks"):
                used.update({i, i + 1, i + 2})
                return today - timedelta(weeks=int(w))
        if w == "last" and i + 1 < len(words) and words[i + 1] == "week":
            used.update({i, i + 1})
            return today - timedelta(days=7)
        if w in WEEKDAYS:
            back = (today.weekday() - WEEKDAYS.index(w)) % 7
            if i > 0 and words[i - 1] == "last":
                back = back or 7
                used.add(i - 1)
            used.add(i)
            return today - timedelta(days=back)
        day_month = _day_month(words, i)
        if day_month:
            day, month, year, span = day_month
            used.update(range(i, i + span))
            try:
                found = date(year or today.year, month, day)
            except ValueError:
                raise LogLineError(f"{day} {words[i + span - 1]} is not a real date.") from None
            if year is None and found > today:
                found = found.replace(year=today.year - 1)
            return _not_future(found, today)
    return today


def _day_month(words: list[str], i: int) -> tuple[int, int, int | None, int] | None:
    """ "3 march [2025]" or "march 3 [2025]" starting at word i."""
    nxt = words[i + 1] if i + 1 < len(words) else ""
    after = words[i + 2] if i + 2 < len(words) else ""
    year = int(after) if re.fullmatch(r"\d{4}", after) else None
    span = 3 if year else 2
    day_first = _DAY.match(words[i])
    if day_first and nxt in MONTHS:
        return int(day_first.group(1)), MONTHS[nxt], year, span
    month_first = _DAY.match(nxt)
    if words[i] in MONTHS and month_first:
        return int(month_first.group(1)), MONTHS[words[i]], year, span
    return None


_DAY = re.compile(r"^(\d{1,2})(st|nd|rd|th)?$")


def _mark_tokens(words: list[str], used: set[int], tokens: set[str]) -> None:
    for i, w in enumerate(words):
        if w in tokens:
            used.add(i)


def _not_future(found: date, today: date) -> date:
    if found > today:
        raise LogLineError(f"{found.isoformat()} is in the future: log what already happened.")
    return found


def _match_full_names(
    words: list[str], used: set[int], people: Sequence[tuple[int, str]]
) -> dict[int, str]:
    """Whole names (without titles), longest first."""
    matched: dict[int, str] = {}
    entries = [(pk, name, name_words(name)) for pk, name in people]
    for pk, name, nw in sorted(entries, key=lambda e: -len(e[2])):
        if not nw or (len(nw) == 1 and nw[0] in FILLER):
            continue
        at = _find_phrase(words, nw, used)
        if at >= 0:
            matched[pk] = name
            used.update(range(at, at + len(nw)))
    return matched


def _match_name_parts(
    words: list[str], used: set[int], people: Sequence[tuple[int, str]], matched: dict[int, str]
) -> list[tuple[str, list[str]]]:
    """First or last names that only one node has. Adds to `matched`;
    returns the words that fit several nodes, with their names."""
    ambiguous: list[tuple[str, list[str]]] = []
    by_part: dict[str, list[tuple[int, str]]] = {}
    for pk, name in people:
        nw = name_words(name)
        if len(nw) < 2:
            continue
        for part in {nw[0], nw[-1]}:
            if len(part) > 1 and part not in FILLER:
                by_part.setdefault(part, []).append((pk, name))
    for i, w in enumerate(words):
        if i in used or w not in by_part:
            continue
        owners = by_part[w]
        used.add(i)
        if len(owners) == 1:
            matched[owners[0][0]] = owners[0][1]
        elif not any(pk in matched for pk, _ in owners):
            ambiguous.append((w, sorted(name for _, name in owners)))
    return ambiguous


def _vocab_phrases(words: list[str], used: set[int], table: dict[str, object]) -> list[object]:
    hits: list[tuple[int, object]] = []
    for phrase in sorted(table, key=lambda p: -len(p.split())):
        pw = phrase.split()
        at = _find_phrase(words, pw, used)
        if at >= 0:
            hits.append((at, table[phrase]))
            used.update(range(at, at + len(pw)))
    return [value for _, value in sorted(hits, key=lambda h: h[0])]


def parse_log_line(line: str, people: Sequence[tuple[int, str]], *, today: date) -> ParsedLog:
    """Turn one line into an interaction.

    >>> people = [(1, "Dr. Jane Doe"), (2, "Raj Patel"), (3, "Jane Smith")]
    >>> p = parse_log_line("coffee with Raj today, gave advice", people, today=date(2025, 3, 5))
    >>> (p.node_ids, p.date, p.channel, p.kind, p.direction, p.quality)
    ([2], datetime.date(2025, 3, 5), 'in_person', 'advice_given', 'gave', 3)
    >>> try:
    ...     parse_log_line("zoom with Jane yesterday", people, today=date(2025, 3, 5))
    ... except LogLineError as exc:
    ...     print(exc.candidates)
    ['Dr. Jane Doe', 'Jane Smith']
    """
    text = (line or "").strip()
    if not text:
        raise LogLineError("Type what happened, e.g. “coffee with Jane today, gave advice”.")
    words = _words(text)
    original = _words_keep_case(text)
    used: set[int] = set()
    when = _parse_date(words, used, today, _fold(text))
    matched = _match_full_names(words, used, people)
    kinds = _vocab_phrases(words, used, KIND_WORDS)  # type: ignore[arg-type]
    channels = _vocab_phrases(words, used, CHANNEL_WORDS)  # type: ignore[arg-type]
    quality = _quality(words, used, _fold(text))
    ambiguous = _match_name_parts(words, used, people, matched)
    if ambiguous:
        word, names = ambiguous[0]
        listed = ", ".join(names[:-1]) + " or " + names[-1]
        raise LogLineError(
            f"“{word.capitalize()}” could be {listed}: type more of the name.", names
        )
    unresolved = [
        original[i]
        for i, w in enumerate(words)
        if i not in used
        and i > 0
        and words[i - 1] in CONNECTORS
        and (words[i - 1] == "with" or original[i][:1].isupper())
        and w not in FILLER | CONNECTORS
        and w not in MONTHS
        and not w.isdigit()
    ]
    all_names = [name for _, name in people]
    if unresolved:
        word = unresolved[0]
        guesses = _guess(word.lower(), people)
        hint = f" Did you mean {' or '.join(guesses)}?" if guesses else ""
        raise LogLineError(
            f"Nobody called “{word}” is in your network.{hint} "
            "Add them first, or check the spelling.",
            guesses or all_names[:10],
        )
    if not matched:
        raise LogLineError(
            "Name someone from your network, e.g. “coffee with Jane today”.", all_names[:10]
        )
    channel = str(channels[0]) if channels else "in_person"
    if kinds:
        kind, direction = kinds[0]  # type: ignore[misc]
    elif channels and channel == "in_person" and _social(words):
        kind, direction = "social", "mutual"
    else:
        kind, direction = "meeting", "mutual"
    return ParsedLog(
        node_ids=sorted(matched),
        date=when,
        channel=channel,
        kind=kind,
        direction=direction,
        quality=quality,
        note=text[:2000],
        matched=matched,
    )


def _words_keep_case(text: str) -> list[str]:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.findall(r"[A-Za-z0-9][A-Za-z0-9'\-]*|&", text)


def _quality(words: list[str], used: set[int], folded: str) -> int:
    q = re.search(r"\b([1-5])\s*/\s*5\b|\bquality\s*([1-5])\b", folded)
    if q:
        digit = q.group(1) or q.group(2)
        for i, w in enumerate(words):
            if w in (digit, "5", "quality"):
                used.add(i)
        return int(digit)
    for i, w in enumerate(words):
        if w in QUALITY_WORDS and i not in used:
            used.add(i)
            return QUALITY_WORDS[w]
    return 3


def _social(words: list[str]) -> bool:
    return bool({"coffee", "lunch", "dinner", "breakfast", "drinks", "walk"} & set(words))


def _guess(word: str, people: Sequence[tuple[int, str]]) -> list[str]:
    parts: dict[str, list[str]] = {}
    for _, name in people:
        for w in name_words(name):
            parts.setdefault(w, []).append(name)
    close = difflib.get_close_matches(word, list(parts), n=3, cutoff=0.6)
    found: list[str] = []
    for c in close:
        for name in parts[c]:
            if name not in found:
                found.append(name)
    return found[:5]
