"""The printable worksheet: goals, the map, five to add, the action plan and
the reflection. The page (/worksheet), the PDF (/worksheet.pdf) and the CLI
(`tiewise report`) all render the same template through these functions."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from tiewise.core.svg import render_svg
from tiewise.network.selectors import pln_snapshot

from .selectors import plan_overview

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


def worksheet_context(user: User, *, size: str = "a4", today: date | None = None) -> dict[str, Any]:
    today = today or timezone.localdate()
    pln = pln_snapshot(user, include_private=True)
    overview = plan_overview(user, today=today, pln=pln)
    # render_svg escapes every user string itself (see tiewise.core.svg).
    map_svg: SafeString = mark_safe(render_svg(pln, width=800, height=800, seed=0))  # noqa: S308
    return {
        "owner_name": user.display_name,
        "today": today,
        "plan": overview,
        "map_svg": map_svg,
        "node_count": len(pln.nodes),
        "page_size": PAGE_SIZES[page_size(size)],
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
