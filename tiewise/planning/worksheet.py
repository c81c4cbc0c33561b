"""The printable worksheet: goals, the map, five to add, the action plan and
the reflection. The page (/worksheet), the PDF (/worksheet.pdf) and the CLI
(`tiewise report`) all render the same template through these functions."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import TYPE_CHECKING, Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from tiewise.core.mapdata import group_label, split_focus
from tiewise.core.svg import render_svg
from tiewise.core.types import PLN
from tiewise.core.vocab import ROLES
from tiewise.learning import selectors as learning_selectors
from tiewise.network.selectors import focus_pln
from tiewise.pln_cache import cached_for

from .selectors import linked_node_ids, plan_overview

if TYPE_CHECKING:
    from tiewise.accounts.models import User

#: Paper sizes the worksheet prints on: key → CSS @page size.
PAGE_SIZES: dict[str, str] = {"a4": "A4", "letter": "letter"}


def page_size(size: str | None) -> str:
    """The normalised size key; anything unknown is a ValueError."""
    key = (size or "a4").strip().lower()
    if key not in PAGE_SIZES:
        raise ValueError(f"size must be one of: {', '.join(PAGE_SIZES)}")
    return key


def _map_part(user: User, linked: frozenset[int]) -> dict[str, Any]:
    """The worksheet's drawing, its key and the head count: a function of the
    PLN and of who the plan links to, so cached on those; it reads only
    the who-knows-whom ties it draws (see `focus_pln`)."""
    pln = focus_pln(user, linked=linked)
    return {
        "svg": render_svg(pln, width=800, height=800, seed=0, linked=linked),
        "key": map_key(pln, linked=linked),
        "count": len(pln.nodes),
    }


def worksheet_context(user: User, *, size: str = "a4", today: date | None = None) -> dict[str, Any]:
    today = today or timezone.localdate()
    linked = linked_node_ids(user)
    # The owner's name is drawn at the centre: a rename redraws it too.
    parts = [user.display_name, *map(str, sorted(linked))]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]
    drawn = cached_for(user, "worksheet-map", lambda: _map_part(user, linked), digest)
    # It reads the PLN itself, and only when there are prospects to introduce.
    overview = plan_overview(user, today=today)
    # render_svg escapes every user string itself (see tiewise.core.svg).
    map_svg: SafeString = mark_safe(drawn["svg"])  # noqa: S308
    return {
        "map_key": drawn["key"],
        "owner_name": user.display_name,
        "today": today,
        "plan": overview,
        "map_svg": map_svg,
        "node_count": drawn["count"],
        "page_size": PAGE_SIZES[page_size(size)],
        # Step 4 of the framework: skills, strengths and growth areas.
        "skills": learning_selectors.skills_with_people(user),
    }


#: Names listed beside the printed map, so a big PLN stays within a page.
KEY_PEOPLE = 60


def map_key(pln: PLN, *, linked: frozenset[int] = frozenset()) -> dict[str, Any]:
    """Who the printed map draws by name (roles first, then strong ties) and
    one line per group, so a coach can tell who is who without zooming."""
    drawn, groups = split_focus(pln, linked=linked)

    def order(n: Any) -> tuple[int, str]:
        return (0 if n.roles else 1 if n.strength == "strong" else 2, n.name.casefold())

    people = [
        {
            "name": n.name,
            "roles": ", ".join(ROLES.get(r, r) for r in n.roles),
            "strength": {"strong": "strong", "weak": "weak", "absent": "prospect"}.get(
                n.strength, ""
            ),
        }
        for n in sorted(drawn, key=order)
        if n.roles or n.strength == "strong" or n.id in linked
    ]
    return {
        "people": people[:KEY_PEOPLE],
        "more": max(0, len(people) - KEY_PEOPLE),
        "groups": [" · ".join(group_label(key, len(m))) for key, m in groups.items()],
        "grouped": sum(len(m) for m in groups.values()),
    }


def worksheet_html(user: User, *, size: str = "a4", today: date | None = None) -> str:
    """The standalone HTML document the PDF is made from."""
    context = worksheet_context(user, size=size, today=today)
    context["layout"] = "planning/worksheet_print.html"
    return render_to_string("planning/worksheet.html", context)


def worksheet_pdf(user: User, size: str = "a4", *, today: date | None = None) -> bytes:
    """The worksheet as a PDF: A4 or Letter, page numbers in the footer, the
    owner's name and the date in the header."""
    from weasyprint import HTML

    html = worksheet_html(user, size=size, today=today)
    return bytes(HTML(string=html, base_url=None).write_pdf())
