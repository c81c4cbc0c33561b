"""What every importer returns, and the one error every importer raises.

Importers never write to the PLN: they return records that the owner triages
in an inbox. So a record carries *suggestions* (a strength, modes, areas) and
keeps whatever the source said that has no field of its own in `extra`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tiewise.core.types import NodeData


@dataclass(frozen=True, slots=True)
class ImportRecord:
    """One would-be node, as read from a file. It has one attribute per
    field of the node registry (`tiewise.core.nodefields`), plus where it
    came from; `tests/network/test_field_registry.py` keeps them in step."""

    name: str
    kind: str = "person"
    email: str = ""
    other_emails: tuple[str, ...] = ()
    phone: str = ""
    other_phones: tuple[str, ...] = ()
    publications: tuple[str, ...] = ()  # "2021 · Title" of papers written together
    organisation: str = ""
    title: str = ""
    profession: str = ""
    specialty: str = ""
    sector: str = ""
    reach: str = ""
    city: str = ""
    country: str = ""
    links: tuple[str, ...] = ()  # profile URL first when the source has one
    tags: tuple[str, ...] = ()
    expertise: tuple[str, ...] = ()  # topics they are an expert in
    notes: str = ""
    how_we_met: str = ""
    private: bool = False
    cadence_days: int | None = None
    strength: str | None = None  # a suggestion: None, "strong", "weak" (or "absent")
    modes: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    line: int | None = None  # where the record starts in the file, for the triage inbox
    external_id: str = ""
    since: date | None = None
    extra: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ImportTie:
    """Two records who know each other, by their index in `ImportResult.records`."""

    source: int
    target: int
    strength: str = ""  # "", "strong" or "weak"


@dataclass(slots=True)
class ImportResult:
    """Everything one file yielded. `extra` carries sections a format has beyond
    nodes and ties (the JSON export's goals, interactions, ...)."""

    format: str
    records: list[ImportRecord] = field(default_factory=list)
    alter_ties: list[ImportTie] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    extra: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class OwnerHints:
    """Who the owner is, so publication imports count only the owner's papers
    and leave the owner out of their own co-author list. `names` takes any
    spelling ("Ruiz, Ana", "A. Ruiz", a maiden name); `all_authors` takes
    every paper and every author (but the owner) instead."""

    names: tuple[str, ...] = ()
    orcid: str = ""
    all_authors: bool = False


class ImportFailed(Exception):  # noqa: N818 - the name reads as what happened
    """A file could not be imported. Says where: file, line and field.

    >>> str(ImportFailed("Connections.csv", "no such column", line=7, field="First Name"))
    "Connections.csv, line 7, field 'First Name': no such column"
    >>> str(ImportFailed("big.csv", "file is 50.0 MB; the limit is 20 MB"))
    'big.csv: file is 50.0 MB; the limit is 20 MB'
    """

    def __init__(
        self, filename: str, message: str, *, line: int | None = None, field: str | None = None
    ) -> None:
        super().__init__(message)
        self.filename = filename
        self.message = message
        self.line = line
        self.field = field

    def __str__(self) -> str:
        where = [self.filename or "file"]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.field:
            where.append(f"field '{self.field}'")
        return f"{', '.join(where)}: {self.message}"


def to_node_data(record: ImportRecord, node_id: int) -> NodeData:
    """The node a record becomes once the owner accepts it as suggested.

    >>> to_node_data(ImportRecord(name="Jane Doe", strength="weak"), 3).name
    'Jane Doe'
    """
    last = record.extra.get("last_interaction")
    return NodeData(
        id=node_id,
        name=record.name,
        kind=record.kind,
        strength=record.strength or "weak",
        modes=record.modes,
        areas=record.areas,
        roles=record.roles,
        sector=record.sector,
        reach=record.reach,
        organisation=record.organisation,
        title=record.title,
        profession=record.profession,
        city=record.city,
        country=record.country,
        tags=record.tags,
        private=record.private,
        since=record.since,
        cadence_days=record.cadence_days,
        last_interaction=last if isinstance(last, date) else None,
    )
