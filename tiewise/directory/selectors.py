"""Reads of the directory, suggestions, connections and events.

Privacy rules, enforced here once: only listed, active users are ever
returned by a directory read (`listed_people`); a person who is not listed
is the same NotFound as an id that does not exist; a listing shows only
the fields its owner published (`listing_public_dict`), never an email
address nor anything from their PLN."""

from __future__ import annotations

import io
from datetime import date
from html import escape
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from tiewise.access import mine
from tiewise.coaching import selectors as coaching_selectors
from tiewise.core.errors import NotFound
from tiewise.core.meeting import Candidate, Card, Gaps, Suggestion, gaps_from_report, rank, vcard
from tiewise.core.vocab import CAREER_STAGES, OFFERS, label
from tiewise.insights import selectors as insights_selectors
from tiewise.network import selectors as network_selectors
from tiewise.network.fields import has_item
from tiewise.planning import selectors as planning_selectors

from .models import Connection, Event, Listing, Met

if TYPE_CHECKING:
    from tiewise.accounts.models import User

#: How many listings a suggestion run reads at most (the most recently updated).
CANDIDATE_LIMIT = 1000
LISTING_FIELDS = ("bio", "institution", "specialty", "career_stage", "sector", "country",
                  "areas", "topics", "offers", "seeks")  # fmt: skip


# --- the directory ------------------------------------------------------------------------


def listing_for(user: User) -> Listing | None:
    return Listing.objects.filter(user=user).first()


def listed_people() -> QuerySet[Listing]:
    """Every listing shown in the directory: listed, of an active account."""
    return (
        Listing.objects.filter(listed=True, user__is_active=True)
        .select_related("user__profile")
        .order_by("user__profile__display_name", "user_id")
    )


def listed_person(user_id: object) -> Listing:
    """The listing of a listed user; anyone else is NotFound, with the same
    words as an id nobody has."""
    try:
        key = int(str(user_id))
    except (TypeError, ValueError):
        raise NotFound("No such person") from None
    found = listed_people().filter(user_id=key).first()
    if found is None:
        raise NotFound("No such person")
    return found


def search_directory(
    *,
    q: str = "",
    offer: str = "",
    topic: str = "",
    specialty: str = "",
    institution: str = "",
    career_stage: str = "",
    seeks: str = "",
) -> QuerySet[Listing]:
    """Listed people matching every filter given. `q` looks in the
    published fields only (name, bio, institution, specialty, topics)."""
    qs = listed_people()
    text = q.strip()
    if text:
        qs = qs.filter(
            Q(user__profile__display_name__icontains=text)
            | Q(bio__icontains=text)
            | Q(institution__icontains=text)
            | Q(specialty__icontains=text)
            | Q(topics__icontains=text)
        )
    if offer:
        qs = qs.filter(has_item("offers", offer))
    if seeks:
        qs = qs.filter(has_item("seeks", seeks))
    if topic.strip():
        qs = qs.filter(topics__icontains=topic.strip())
    if specialty.strip():
        qs = qs.filter(specialty__icontains=specialty.strip())
    if institution.strip():
        qs = qs.filter(institution__icontains=institution.strip())
    if career_stage:
        qs = qs.filter(career_stage=career_stage)
    return qs


def listing_name(listing: Listing) -> str:
    profile = getattr(listing.user, "profile", None)
    return str(profile.display_name) if profile and profile.display_name else "A Tiewise member"


def listing_public_dict(listing: Listing) -> dict[str, Any]:
    """What anyone browsing the directory sees of a listing."""
    return {
        "id": listing.user_id,
        "name": listing_name(listing),
        **{f: (list(v) if isinstance(v := getattr(listing, f), list) else v)
           for f in LISTING_FIELDS},
    }  # fmt: skip


def listing_own_dict(user: User) -> dict[str, Any]:
    """The owner's own listing, with the settings only they see."""
    listing = listing_for(user)
    if listing is None:
        base = {f: ([] if f in ("areas", "topics", "offers", "seeks") else "")
                for f in LISTING_FIELDS}  # fmt: skip
        return {"listed": False, "public_card": False, "card_url": None, **base,
                "id": user.pk, "name": user.display_name}  # fmt: skip
    return {
        **listing_public_dict(listing),
        "name": user.display_name,
        "listed": listing.listed,
        "public_card": listing.public_card,
        "card_url": card_url(listing) if listing.public_card else None,
    }


# --- cards --------------------------------------------------------------------------------


def card_url(listing: Listing) -> str:
    return settings.SITE_URL + reverse("card_public", args=[listing.card_key])


def public_card(key: str) -> Listing:
    """A card its owner made public; anything else is NotFound."""
    found = (
        Listing.objects.filter(card_key=str(key)[:32], public_card=True, user__is_active=True)
        .select_related("user__profile")
        .first()
    )
    if found is None:
        raise NotFound("No such card")
    return found


def card_for(user: User) -> Card:
    """The owner's conference card, from their listing (or their profile)."""
    listing = listing_for(user)
    profile = getattr(user, "profile", None)
    institution = (listing.institution if listing else "") or (
        profile.institution if profile else ""
    )
    stage = (listing.career_stage if listing else "") or (profile.career_stage if profile else "")
    specialty = (listing.specialty if listing else "") or (profile.specialty if profile else "")
    role = ", ".join(x for x in (label(CAREER_STAGES, stage) if stage else "", specialty) if x)
    return Card(
        name=user.display_name,
        role=role,
        institution=institution,
        topics=tuple(listing.topics) if listing else (),
        url=card_url(listing) if listing and listing.public_card else "",
    )


def card_of_listing(listing: Listing) -> Card:
    return card_for(listing.user)


def _qr(card: Card) -> Any:
    import segno

    return segno.make(vcard(card), error="m")


def card_png(card: Card) -> bytes:
    """The card's QR code as a PNG (what a phone shows full-screen)."""
    out = io.BytesIO()
    _qr(card).save(out, kind="png", scale=8, border=2)
    return out.getvalue()


def card_svg(card: Card) -> str:
    """A printable card (85 × 55 mm proportions): name, role, institution,
    topics and the QR code. Every text is escaped."""
    qr = _qr(card)
    inner = qr.svg_inline(scale=5, border=0, omitsize=False)
    size = qr.symbol_size(scale=5, border=0)[0]
    width, height = 680, 440
    qx, qy = width - size - 30, (height - size) // 2
    inner = inner.replace("<svg ", f'<svg x="{qx}" y="{qy}" ', 1)
    room = qx - 50  # the text stays left of the QR code

    def fit(text: str, size: int) -> str:
        most = max(8, int(room / (size * 0.58)))
        return text if len(text) <= most else text[: most - 1].rstrip() + "…"

    lines = []
    y = 90
    lines.append(
        f'<text x="30" y="{y}" font-size="34" font-weight="700">{escape(fit(card.name, 34))}</text>'
    )
    for text in (card.role, card.institution):
        if text:
            y += 40
            lines.append(f'<text x="30" y="{y}" font-size="22">{escape(fit(text, 22))}</text>')
    for topic in card.topics[:4]:
        y += 34
        lines.append(
            f'<text x="30" y="{y}" font-size="18" fill="#365">· {escape(fit(topic, 18))}</text>'
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="Card of {escape(card.name)}">'
        f'<rect width="{width}" height="{height}" rx="18" fill="#fff" stroke="#1f4e5f" '
        'stroke-width="4"/>'
        f'<g font-family="system-ui, sans-serif" fill="#123">{"".join(lines)}</g>'
        f"{inner}</svg>"
    )


# --- suggestions --------------------------------------------------------------------------


def _growth(owner: User) -> list[str]:
    goals = planning_selectors.goal_queryset(owner).filter(status="active")
    return [g.title for g in goals]


def gaps_for(owner: User) -> Gaps:
    """The owner's gaps, read from their insights report."""
    rep = insights_selectors.insights_for(owner)
    own = listing_for(owner)
    return gaps_from_report(
        rep,
        growth=_growth(owner),
        topics=own.topics if own else (),
        seeks=own.seeks if own else (),
    )


def _strong_ties_knowing(owner: User) -> dict[int, list[str]]:
    """For each of the owner's nodes, the names of their strong ties who know it."""
    strong = set(network_selectors.ids_with_strength(owner, "strong"))
    names = network_selectors.node_names(owner)
    out: dict[int, list[str]] = {}
    for tie in network_selectors.alter_tie_queryset(owner):
        for a, b in ((tie.source_id, tie.target_id), (tie.target_id, tie.source_id)):
            if b in strong:
                out.setdefault(a, []).append(names.get(b, ""))
    return out


def _key(name: str) -> str:
    return " ".join(name.casefold().replace("dr.", "").replace("dr ", "").split())


def _country_of(owner: User) -> str:
    profile = getattr(owner, "profile", None)
    own = listing_for(owner)
    return ((own.country if own else "") or (profile.country if profile else "")).strip()


def candidates_for(owner: User) -> list[Candidate]:
    """Everyone who could be suggested to `owner`: listed users (not the
    owner, not already connected or asked), and the owner's weak ties and
    prospects. Only the owner's own data and published listings are read."""
    via = _strong_ties_knowing(owner)
    nodes = list(
        network_selectors.node_queryset(owner)
        .filter(kind="person", tie__strength__in=["weak", "absent"])
        .select_related("tie")
    )
    in_network = {
        _key(n)
        for n in network_selectors.node_queryset(owner)
        .exclude(tie__strength="absent")
        .values_list("name", flat=True)
    }
    by_name: dict[str, list[str]] = {}
    for n in nodes:
        if n.pk in via:
            by_name.setdefault(_key(n.name), []).extend(via[n.pk])
    recommended = {
        _key(i.name): i.relationship.coach.display_name
        for i in coaching_selectors.introductions_for(owner).select_related("relationship__coach")
        if i.status != "dismissed" and i.relationship.coach is not None
    }
    asked = set(
        Connection.objects.filter(requester=owner).values_list("target_id", flat=True)
    ) | set(Connection.objects.filter(target=owner).values_list("requester_id", flat=True))
    home = _country_of(owner).casefold()
    out: list[Candidate] = []
    listings = (
        listed_people().exclude(user=owner).exclude(user_id__in=asked).order_by("-updated_at")
    )
    for li in listings[:CANDIDATE_LIMIT]:
        name = listing_name(li)
        key = _key(name)
        if key in in_network:
            continue
        out.append(
            Candidate(
                "user", li.user_id, name, offers=tuple(li.offers), areas=tuple(li.areas),
                topics=tuple(li.topics) + ((li.specialty,) if li.specialty else ()),
                sector=li.sector,
                international=bool(home and li.country and li.country.casefold() != home),
                tie="directory", via=tuple(by_name.get(key, ())),
                recommended_by=recommended.get(key, ""),
            )
        )  # fmt: skip
    users = {_key(c.name) for c in out}
    for n in nodes:
        if _key(n.name) in users:
            continue  # the listed person stands for them
        out.append(
            Candidate(
                "node", n.pk, n.name, roles=tuple(n.tie.roles), areas=tuple(n.tie.areas),
                topics=tuple(n.tags) + ((n.specialty,) if n.specialty else ()),
                sector=n.sector, international=n.reach == "international",
                tie="prospect" if n.tie.strength == "absent" else "weak",
                via=tuple(via.get(n.pk, ())), recommended_by=recommended.get(_key(n.name), ""),
            )
        )  # fmt: skip
    return out


def suggestions_for(owner: User, *, limit: int = 20) -> list[Suggestion]:
    """Who `owner` could meet, best first, each with its reasons."""
    return rank(candidates_for(owner), gaps_for(owner), limit=limit)


def suggestion_of(owner: User, kind: str, item_id: int) -> Suggestion | None:
    for s in suggestions_for(owner, limit=CANDIDATE_LIMIT):
        if s.kind == kind and s.id == item_id:
            return s
    return None


def coach_fits(coach: User, relationship_id: Any) -> tuple[Any, list[Suggestion]]:
    """Which of the coach's own ties fit the gaps of a coachee, as far as
    the coachee shared (the coach's private nodes are never offered)."""
    view = coaching_selectors.coach_view(coach, relationship_id)
    rep = coaching_selectors.coachee_insights(view)
    growth = _growth(view.coachee) if view.plan else []
    gaps = gaps_from_report(rep, growth=growth)
    via = _strong_ties_knowing(coach)
    nodes = (
        network_selectors.node_queryset(coach)
        .filter(kind="person", private=False)
        .exclude(tie__strength="absent")
        .select_related("tie")
    )
    cands = [
        Candidate(
            "node", n.pk, n.name, roles=tuple(n.tie.roles), areas=tuple(n.tie.areas),
            topics=tuple(n.tags) + ((n.specialty,) if n.specialty else ()),
            sector=n.sector, international=n.reach == "international", tie="weak",
            via=tuple(via.get(n.pk, ())),
        )
        for n in nodes
    ]  # fmt: skip
    # "your strong tie knows them" is about the coach's ties: not a reason for the coachee.
    return view, [
        s for s in rank(cands, gaps) if any("your strong tie" not in r for r in s.reasons)
    ]


# --- connections --------------------------------------------------------------------------


def _verified_email(user: User) -> str:
    from tiewise.accounts import selectors as account_selectors

    return user.email.lower() if account_selectors.email_verified(user) else ""


def connections_of(user: User) -> QuerySet[Connection]:
    """Requests the user sent, received, or is asked to introduce."""
    mail = _verified_email(user)
    q = Q(requester=user) | Q(target=user, status__in=["pending", "accepted", "declined"])
    if mail:
        q |= Q(introducer_email__iexact=mail) | Q(introducer=user)
    return (
        Connection.objects.filter(q)
        .select_related("requester__profile", "target__profile")
        .order_by("-created_at", "-id")
    )


def connection_for(user: User, connection_id: object) -> Connection:
    return mine(connections_of(user), connection_id, "request")


def role_in(user: User, c: Connection) -> str:
    """ "requester", "target" or "introducer"."""
    if c.requester_id == user.pk:
        return "requester"
    if c.target_id == user.pk:
        return "target"
    return "introducer"


def awaiting(user: User, c: Connection) -> bool:
    """Whether `user` is the one who must answer `c` now."""
    role = role_in(user, c)
    return (c.status == "pending" and role == "target") or (
        c.status == "asked" and role == "introducer"
    )


def connection_dict(c: Connection, user: User) -> dict[str, Any]:
    """A request as `user` sees it. The target's side never shows the
    introducer's address; the requester sees the introducer by the name
    they gave them."""
    role = role_in(user, c)
    return {
        "id": c.pk,
        "status": c.status,
        "role": role,
        "from_user": c.requester_id,
        "from_name": c.requester.display_name,
        "to_user": c.target_id,
        "to_name": c.target.display_name,
        "via": c.introducer_name or None,
        "message": c.message,
        "awaiting_you": awaiting(user, c),
        "created_at": c.created_at,
    }


def open_requests_count(user: User) -> int:
    return sum(1 for c in connections_of(user).filter(status__in=["asked", "pending"])
               if awaiting(user, c))  # fmt: skip


# --- events -------------------------------------------------------------------------------


def event_queryset(owner: User) -> QuerySet[Event]:
    return Event.objects.filter(owner=owner)


def get_event_for(owner: User, event_id: object) -> Event:
    return mine(event_queryset(owner), event_id, "event")


def met_at(event: Event) -> QuerySet[Met]:
    return event.met.select_related("node", "action").order_by("created_at", "id")


def followup_owed(m: Met) -> bool:
    return m.action is not None and m.action.status not in ("done", "dropped")


def event_dict(e: Event, *, with_met: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": e.pk,
        "name": e.name,
        "starts_on": e.starts_on,
        "ends_on": e.ends_on,
        "place": e.place,
        "hashtag": e.hashtag,
        "backchannel": e.backchannel,
    }
    if with_met:
        out["met"] = [met_dict(m) for m in met_at(e)]
    return out


def met_dict(m: Met) -> dict[str, Any]:
    return {
        "id": m.pk,
        "line": m.line,
        "node": m.node_id,
        "name": m.node.name if m.node else None,
        "interaction": m.interaction_id,
        "action": m.action_id,
        "follow_up_due": m.action.due_date if m.action else None,
        "follow_up_owed": followup_owed(m),
    }


def current_events(owner: User, *, today: date | None = None) -> QuerySet[Event]:
    """The five latest events that have started: where a card scanned now
    was most likely met."""
    day = today or timezone.localdate()
    return event_queryset(owner).filter(starts_on__lte=day).order_by("-starts_on", "-id")[:5]


OFFER_CHOICES = list(OFFERS.items())
