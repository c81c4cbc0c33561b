"""Every field of a node and of the owner's tie to it, in one registry.

The model form, the API schemas, the selectors' dicts, the people filters,
the importers' staged rows, the exporters and what a coach may see are all
built from :data:`FIELDS`. To add a field:

1. add a :class:`NodeField` here;
2. add the model field in ``tiewise/network/models.py`` (same name, same
   length) and make the migration;
3. if an importer can read it, set it on ``ImportRecord``
   (``tiewise/core/importers/records.py``).

``tests/network/test_field_registry.py`` fails when one of those places
disagrees with this list.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from .text import LONGTEXT_MAX
from .vocab import AREAS, KINDS, MODES, REACHES, ROLES, SECTORS, STRENGTHS

FieldType = Literal[
    "text",  # one line
    "longtext",  # paragraphs (notes)
    "email",
    "choice",  # one key of `vocab` (or blank when `blank`)
    "multichoice",  # several keys of `vocab`
    "tags",  # free words
    "urls",  # web links
    "emails",  # email addresses
    "lines",  # short lines of free text (may hold commas)
    "bool",
    "date",
    "int",
]


@dataclass(frozen=True, slots=True)
class NodeField:
    """One field a node carries. `table` says which model stores it: the
    node itself, or the owner's tie to it."""

    name: str
    label: str
    type: FieldType
    table: Literal["node", "tie"] = "node"
    max_length: int | None = None
    vocab: Mapping[str, str] = field(default_factory=dict)
    #: A choice may be left empty.
    blank: bool = True
    #: The value of a new node; None means the type's empty value.
    default: object = None
    help: str = ""
    #: Several nodes can be set at once (bulk edit, import triage rules).
    bulk: bool = False
    #: The people search (`q`) matches it, on the page, the API and the map.
    search: bool = False
    #: A coach the owner shares the PLN with may see it. Contact details and
    #: notes never qualify: a coach sees the map's fields only.
    coach: bool = False
    #: The query parameter that filters people lists by it ("" for none).
    filter: str = ""
    #: Checked for patient information when saved.
    phi: bool = False
    #: Range of an int field.
    minimum: int | None = None
    maximum: int | None = None
    #: Where the form and the node page show it.
    section: Literal["who", "tie", "where", "contact"] = "who"

    @property
    def is_list(self) -> bool:
        return self.type in ("multichoice", "tags", "urls", "emails", "lines")

    @property
    def empty(self) -> object:
        """The value a field holds when nothing was said."""
        if self.is_list:
            return []
        if self.type in ("date", "int"):
            return None
        if self.type == "bool":
            return False
        return ""

    @property
    def initial(self) -> object:
        """What a new node holds: the default, else the empty value."""
        return self.empty if self.default is None else self.default


FIELDS: tuple[NodeField, ...] = (
    NodeField("name", "Name", "text", max_length=200, blank=False, search=True, coach=True),
    NodeField(
        "kind", "Kind", "choice", vocab=KINDS, blank=False, default="person",
        bulk=True, coach=True, filter="kind",
    ),
    NodeField(
        "strength", "Tie strength", "choice", table="tie", vocab=STRENGTHS, blank=False,
        default="weak", bulk=True, coach=True, filter="strength", section="tie",
    ),
    NodeField(
        "modes", "Mode", "multichoice", table="tie", vocab=MODES, bulk=True, coach=True,
        filter="mode", section="tie",
    ),
    NodeField(
        "areas", "Areas", "multichoice", table="tie", vocab=AREAS, bulk=True, coach=True,
        filter="area", section="tie",
    ),
    NodeField(
        "roles", "Roles", "multichoice", table="tie", vocab=ROLES, bulk=True, coach=True,
        filter="role", section="tie",
    ),
    NodeField(
        "organisation", "Organisation", "text", max_length=200, search=True, coach=True,
    ),
    NodeField("title", "Title or position", "text", max_length=200, search=True),
    NodeField("profession", "Profession", "text", max_length=120),
    NodeField(
        "specialty", "Specialty or department", "text", max_length=120, search=True,
        help="e.g. Emergency medicine",
    ),
    NodeField(
        "expertise", "Expert in", "tags", max_length=60, bulk=True, search=True, coach=True,
        filter="expertise", help="Topics they could teach you, separated by commas.",
    ),
    NodeField(
        "publications", "Papers together", "lines", max_length=500,
        help="One per line, e.g. “2021 · Point-of-care ultrasound in sepsis”.",
    ),
    NodeField(
        "sector", "Sector", "choice", vocab=SECTORS, bulk=True, coach=True, filter="sector",
        help="Inside medicine or outside it.", section="where",
    ),
    NodeField(
        "reach", "Reach", "choice", vocab=REACHES, bulk=True, coach=True, filter="reach",
        help="Relative to where you work.", section="where",
    ),
    NodeField("city", "City", "text", max_length=120, section="where"),
    NodeField("country", "Country", "text", max_length=120, section="where"),
    NodeField("email", "Email", "email", max_length=254, search=True, section="contact"),
    NodeField(
        "other_emails", "Other emails", "emails", max_length=254, section="contact",
        help="One per line.",
    ),
    NodeField("phone", "Phone", "text", max_length=40, section="contact"),
    NodeField(
        "other_phones", "Other phones", "lines", max_length=40, section="contact",
        help="One per line.",
    ),
    NodeField(
        "links", "Links", "urls", max_length=500, help="One URL per line.", section="contact",
    ),
    NodeField(
        "tags", "Tags", "tags", max_length=60, bulk=True, search=True, filter="tag",
        help="Separate tags with commas.", section="contact",
    ),
    NodeField("since", "Known since", "date", table="tie", section="tie"),
    NodeField(
        "cadence_days", "Keep in touch every (days)", "int", table="tie", minimum=1,
        maximum=3650, section="tie",
    ),
    NodeField(
        "how_we_met", "How we met", "longtext", max_length=LONGTEXT_MAX, phi=True,
        section="contact",
    ),
    NodeField(
        "notes", "Notes", "longtext", max_length=LONGTEXT_MAX, phi=True, section="contact",
    ),
    NodeField(
        "private", "Private", "bool", default=False,
        help="Never shown to a coach, whatever you share.", section="contact",
    ),
)  # fmt: skip

BY_NAME: dict[str, NodeField] = {f.name: f for f in FIELDS}
NODE_TABLE: tuple[str, ...] = tuple(f.name for f in FIELDS if f.table == "node")
TIE_TABLE: tuple[str, ...] = tuple(f.name for f in FIELDS if f.table == "tie")
BULK: tuple[str, ...] = tuple(f.name for f in FIELDS if f.bulk)
SEARCH: tuple[str, ...] = tuple(f.name for f in FIELDS if f.search)
COACH: tuple[str, ...] = tuple(f.name for f in FIELDS if f.coach)
#: What a coach's people search matches: searchable and visible to them.
COACH_SEARCH: tuple[str, ...] = tuple(f.name for f in FIELDS if f.search and f.coach)
FILTERS: dict[str, NodeField] = {f.filter: f for f in FIELDS if f.filter}
PHI: tuple[str, ...] = tuple(f.name for f in FIELDS if f.phi)
SECTIONS: dict[str, str] = {
    "who": "Who",
    "tie": "Your tie",
    "where": "Where they sit",
    "contact": "Contact and notes",
}


def empty_values() -> dict[str, object]:
    """Every field at its default: what a node says before anyone fills it in.

    >>> empty_values()["strength"], empty_values()["areas"], empty_values()["since"]
    ('weak', [], None)
    """
    return {f.name: f.initial for f in FIELDS}


def search_text(values: Mapping[str, object], names: tuple[str, ...] = SEARCH) -> str:
    """The text a people search looks in, lower-cased: the same fields the
    server filters on, so the map finds who the people list finds.

    >>> search_text({"name": "Ana Ruiz", "organisation": "Mayo", "tags": ["ultrasound"]})
    'ana ruiz mayo ultrasound'
    """
    parts: list[str] = []
    for name in names:
        value = values.get(name)
        if isinstance(value, list | tuple):
            parts.extend(str(v) for v in value)
        elif value:
            parts.append(str(value))
    return " ".join(parts).casefold()
