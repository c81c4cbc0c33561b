"""Writes of the directory, introductions and conference mode. Pages, the
API and the CLI call these; other apps' data changes only through their
own services (nodes, interactions, prospects, actions)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from tiewise.accounts import selectors as account_selectors
from tiewise.core.errors import Conflict, NotFound
from tiewise.core.meeting import MetLine, parse_met_line
from tiewise.core.text import clean_text
from tiewise.core.vocab import AREAS, CAREER_STAGES, OFFER_ROLES, OFFERS, SECTORS
from tiewise.jobs.mail import email_later
from tiewise.network import selectors as network_selectors
from tiewise.network import services as network_services
from tiewise.planning import selectors as planning_selectors
from tiewise.planning import services as planning_services
from tiewise.planning.models import Prospect
from tiewise.upkeep import services as upkeep_services

from . import selectors
from .models import Connection, Event, Listing, Met

if TYPE_CHECKING:
    from tiewise.accounts.models import User

#: A follow-up is due this long after two people connect, or after an event ends.
CONNECT_FOLLOW_UP = timedelta(days=14)
EVENT_FOLLOW_UP = timedelta(days=3)
TEXT_LIMITS = {"bio": 1000, "institution": 200, "specialty": 120, "country": 120}
CARD_PATH = re.compile(r"/card/([A-Za-z0-9_-]{8,32})/?")


def _subject(text: str) -> str:
    return " ".join(str(text).split())[:150]


# --- the listing --------------------------------------------------------------------------


def _words(
    data: dict[str, Any], name: str, vocab: dict[str, str], errors: dict[str, list[str]]
) -> list[str]:
    values = data.get(name) or []
    if isinstance(values, str):
        values = [v.strip() for v in values.split(",")]
    bad = [str(v) for v in values if v not in vocab]
    if bad:
        errors[name] = [f"{', '.join(bad)}: use one of {', '.join(vocab)}."]
    return list(dict.fromkeys(v for v in values if v in vocab))


def _topics(data: dict[str, Any], errors: dict[str, list[str]]) -> list[str]:
    raw = data.get("topics") or []
    if isinstance(raw, str):
        raw = raw.replace(";", ",").split(",")
    topics = [clean_text(t) for t in raw]
    topics = list(dict.fromkeys(t for t in topics if t))
    if any(len(t) > 60 for t in topics):
        errors["topics"] = ["A topic is at most 60 characters."]
    if len(topics) > 12:
        errors["topics"] = ["At most 12 topics."]
    return topics


@transaction.atomic
def listing_save(*, user: User, data: dict[str, Any]) -> Listing:
    """Create or replace the user's listing. Listing needs a display name
    (the directory never falls back to an email address). Unlisting takes
    effect at once: every directory read filters on `listed`."""
    errors: dict[str, list[str]] = {}
    clean: dict[str, Any] = {}
    for name, limit in TEXT_LIMITS.items():
        value = clean_text(data.get(name) or "", multiline=name == "bio")
        if len(value) > limit:
            errors[name] = [f"At most {limit} characters (this has {len(value)})."]
        clean[name] = value
    for name, vocab in (("career_stage", CAREER_STAGES), ("sector", SECTORS)):
        value = data.get(name) or ""
        if value and value not in vocab:
            errors[name] = [f"Use one of: {', '.join(vocab)}."]
        clean[name] = value if value in vocab else ""
    clean["areas"] = _words(data, "areas", AREAS, errors)
    clean["offers"] = _words(data, "offers", OFFERS, errors)
    clean["seeks"] = _words(data, "seeks", OFFERS, errors)
    clean["topics"] = _topics(data, errors)
    clean["listed"] = bool(data.get("listed"))
    clean["public_card"] = bool(data.get("public_card"))
    profile = getattr(user, "profile", None)
    if clean["listed"] and not (profile and profile.display_name.strip()):
        errors["listed"] = ["Add your name in your profile first: the directory shows it."]
    if errors:
        raise ValidationError(errors)
    listing, _ = Listing.objects.select_for_update().get_or_create(user=user)
    for name, value in clean.items():
        setattr(listing, name, value)
    listing.save()
    return listing


# --- suggestions --------------------------------------------------------------------------


def _roles_of(offers: list[str]) -> list[str]:
    return list(dict.fromkeys(OFFER_ROLES[o] for o in offers if o in OFFER_ROLES))


@transaction.atomic
def suggestion_to_prospect(*, owner: User, kind: str, item_id: Any) -> Prospect:
    """Make a suggestion one of the five to add, its reasons as the "why".
    A listed user or a node of the owner's; anything else is NotFound."""
    try:
        key = int(str(item_id))
    except (TypeError, ValueError):
        raise NotFound("No such suggestion") from None
    found = selectors.suggestion_of(owner, kind, key)
    why = "; ".join(found.reasons).capitalize() if found else ""
    if kind == "user":
        li = selectors.listed_person(key)
        name = selectors.listing_name(li)
        data: dict[str, Any] = {
            "name": name, "organisation": li.institution, "why": why,
            "areas": list(li.areas), "roles": _roles_of(li.offers), "sector": li.sector,
            "how_to_reach": "Listed in the Tiewise directory: ask to connect there.",
        }  # fmt: skip
    elif kind == "node":
        node = network_selectors.get_node_for(owner, key)
        name = node.name
        if network_selectors.tie_strength(node) == "absent":
            data = {"node": node.pk, "why": why}
        else:
            data = {"name": node.name, "organisation": node.organisation, "why": why,
                    "how_to_reach": "Already a weak tie of yours: strengthen it."}  # fmt: skip
    else:
        raise NotFound("No such suggestion")
    taken = planning_selectors.prospect_queryset(owner).filter(name__iexact=name)
    if kind == "node":
        taken = taken | planning_selectors.prospect_queryset(owner).filter(node_id=key)
    if taken.exists():
        raise ValidationError({"id": [f"{name} is already on your five-to-add list."]})
    return planning_services.prospect_create(owner=owner, data=data)


# --- connections and introductions --------------------------------------------------------


def _site(path: str) -> str:
    return str(settings.SITE_URL) + path


def _may_contact(user: User) -> None:
    if not account_selectors.email_verified(user):
        raise ValidationError(
            {"to_user": ["Confirm your own email address first: open the link we sent you."]}
        )


@transaction.atomic
def connection_request(
    *, requester: User, to_user: Any, message: str = "", via: Any = None
) -> Connection:
    """Ask a listed person to connect, or (with `via`, one of the
    requester's strong ties with an email address) ask that tie to introduce
    you. The target must be listed; anyone else is NotFound, the same as an
    id nobody has. Requests are rate-limited per requester (the "contact"
    bucket, in the page and API)."""
    target = selectors.listed_person(to_user).user
    if target.pk == requester.pk:
        raise ValidationError({"to_user": ["That is you."]})
    _may_contact(requester)
    note = clean_text(message, multiline=True)
    if len(note) > 2000:
        raise ValidationError({"message": [f"At most 2000 characters (this has {len(note)})."]})
    c = Connection(requester=requester, target=target, message=note, status="pending")
    if via not in (None, ""):
        node = network_selectors.get_node_for(requester, via)
        if network_selectors.tie_strength(node) != "strong":
            raise ValidationError({"via": [f"{node.name} is not one of your strong ties."]})
        if not node.email:
            raise ValidationError({"via": [f"Add {node.name}'s email address first."]})
        c.status, c.introducer_email, c.introducer_name = "asked", node.email.lower(), node.name
    if Connection.objects.filter(requester=target, target=requester, status="pending").exists():
        raise Conflict(f"{target.display_name} already asked to connect with you: answer them.")
    try:
        with transaction.atomic():
            c.save()
    except IntegrityError:
        raise Conflict(f"You already asked to connect with {target.display_name}.") from None
    who = requester.display_name
    link = _site(reverse("directory_connections"))
    if c.status == "asked":
        body = (f"{who} asks you to introduce them to {target.display_name}, who is listed in "
                "the Tiewise directory.\n\n" + (f"Their message: {note}\n\n" if note else "")
                + f"Sign in with this address to answer:\n{link}\n")  # fmt: skip
        email_later(sender=requester, to=[c.introducer_email],
                    subject=_subject(f"{who} asks you for an introduction"), body=body,
                    kind="introduction")  # fmt: skip
    else:
        _tell_target(c, link)
    return c


def _tell_target(c: Connection, link: str) -> None:
    who = c.requester.display_name
    via = f" (introduced by {c.introducer.display_name})" if c.introducer else ""
    body = (f"{who}{via} would like to connect with you on Tiewise.\n\n"
            + (f"Their message: {c.message}\n\n" if c.message else "")
            + f"Accept or decline:\n{link}\n")  # fmt: skip
    email_later(sender=c.requester, to=[c.target.email],
                subject=_subject(f"{who} would like to connect"), body=body,
                kind="connection")  # fmt: skip


def _person_data(user: User, *, how: str) -> dict[str, Any]:
    listing = selectors.listing_for(user)
    profile = getattr(user, "profile", None)
    return {
        "name": user.display_name[:200],
        "kind": "person",
        "strength": "weak",
        "organisation": ((listing.institution if listing else "")
                         or (profile.institution if profile else "")),
        "specialty": ((listing.specialty if listing else "")
                      or (profile.specialty if profile else "")),
        "email": user.email,
        "how_we_met": how,
        "modes": ["technology"],
    }  # fmt: skip


def _node_for(owner: User, other: User, how: str) -> Any:
    """The owner's node for `other`: a prospect of that name becomes
    connected (its history kept), an absent node is upgraded, or a new weak
    tie is made."""
    data = _person_data(other, how=how)
    open_ = ["identified", "reached_out"]
    prospect = (
        planning_selectors.prospect_queryset(owner)
        .filter(name__iexact=data["name"], status__in=open_)
        .first()
    )
    if prospect is not None:
        prospect = planning_services.prospect_set_status(
            prospect=prospect, status="connected", note=how
        )
        node = network_selectors.get_node_for(owner, prospect.node_id)
    else:
        absent = [n for n in network_selectors.nodes_named(owner, data["name"])
                  if network_selectors.tie_strength(n) == "absent"]  # fmt: skip
        if not absent:
            return network_services.node_create(owner=owner, data=data)
        node = absent[0]
    values = network_selectors.node_values(node)
    update = {
        k: v for k, v in data.items() if k not in ("name", "kind", "modes") and not values.get(k)
    }
    update["strength"] = "weak"
    update["how_we_met"] = how
    return network_services.node_update(node=node, data=update)


def _connect(c: Connection, today: date) -> None:
    """Each side gets the other as a weak tie, with a follow-up due."""
    how = (f"Introduced by {c.introducer.display_name} through Tiewise" if c.introducer
           else "Connected through the Tiewise directory")  # fmt: skip
    for owner, other in ((c.requester, c.target), (c.target, c.requester)):
        node = _node_for(owner, other, how)
        planning_services.action_create(
            owner=owner,
            data={"title": f"Follow up with {other.display_name}"[:200],
                  "due_date": today + CONNECT_FOLLOW_UP, "nodes": [node.pk]},
        )  # fmt: skip


@transaction.atomic
def connection_answer(*, user: User, connection_id: Any, accept: bool) -> Connection:
    """The introducer forwards or declines; the target accepts or declines.
    Anyone else (including the requester, for now) is NotFound."""
    c = selectors.connection_for(user, connection_id)
    c = Connection.objects.select_for_update().get(pk=c.pk)
    if not selectors.awaiting(user, c):
        raise NotFound("No such request")
    now = timezone.now()
    if c.status == "asked":
        c.introducer = user
        c.status = "pending" if accept else "declined"
        c.save()
        if accept:
            _tell_target(c, _site(reverse("directory_connections")))
        return c
    c.status = "accepted" if accept else "declined"
    c.decided_at = now
    c.save()
    if accept:
        _connect(c, timezone.localdate())
    return c


# --- events and people met ----------------------------------------------------------------


def _event_values(data: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    clean: dict[str, Any] = {}
    name = clean_text(data.get("name") or "")
    if not name:
        errors["name"] = ["Give the event a name."]
    clean["name"] = name[:200]
    for key in ("starts_on", "ends_on"):
        value = data.get(key)
        if value in (None, "") and key == "ends_on":
            clean[key] = clean.get("starts_on")  # a one-day event
            continue
        if isinstance(value, str):
            try:
                value = date.fromisoformat(value)
            except ValueError:
                errors[key] = ["Use a date like 2026-05-14."]
        if not isinstance(value, date) and key not in errors:
            errors[key] = ["Give a date."]
        clean[key] = value
    s, e = clean.get("starts_on"), clean.get("ends_on")
    if isinstance(s, date) and isinstance(e, date) and e < s:
        errors["ends_on"] = ["The event ends before it starts."]
    clean["place"] = clean_text(data.get("place") or "")[:200]
    clean["hashtag"] = clean_text(data.get("hashtag") or "")[:100]
    link = clean_text(data.get("backchannel") or "")
    if link and not link.startswith(("https://", "http://")):
        errors["backchannel"] = ["A backchannel link starts with https://."]
    clean["backchannel"] = link[:500]
    if errors:
        raise ValidationError(errors)
    return clean


def event_create(*, owner: User, data: dict[str, Any]) -> Event:
    return Event.objects.create(owner=owner, **_event_values(data))


def event_delete(*, event: Event) -> None:
    """The event goes; the people met there stay in the network."""
    event.delete()


def _line_from_card(line: str) -> MetLine | None:
    """A pasted link to someone's public card page: read what they published."""
    found = CARD_PATH.search(line)
    if not found or " " in line.strip():
        return None
    try:
        listing = selectors.public_card(found.group(1))
    except NotFound:
        return None
    card = selectors.card_of_listing(listing)
    return MetLine(card.name, card.institution, card.topics)


@transaction.atomic
def event_met(*, owner: User, event: Event, line: str, today: date | None = None) -> Met:
    """Log one person met: "Jane Doe, Mayo Clinic, ultrasound research", a
    pasted vCard or a card link. They become a weak tie "met at EVENT", with
    a conference interaction and a follow-up due three days after the end."""
    day = today or timezone.localdate()
    if event.starts_on > day:
        raise ValidationError({"line": [f"{event.name} has not started yet."]})
    text = str(line or "")
    if len(text) > 2000:
        raise ValidationError({"line": ["At most 2000 characters."]})
    try:
        parsed = _line_from_card(text) or parse_met_line(text)
    except ValueError as exc:
        raise ValidationError({"line": [str(exc)]}) from exc
    node = network_services.node_create(
        owner=owner,
        data={"name": parsed.name, "kind": "person", "strength": "weak",
              "organisation": parsed.organisation, "tags": [t[:60] for t in parsed.topics],
              "how_we_met": f"Met at {event.name}", "modes": ["personal"]},
    )  # fmt: skip
    said = f"Met at {event.name}" + (f": {', '.join(parsed.topics)}" if parsed.topics else "")
    interaction = upkeep_services.interaction_create(
        owner=owner,
        data={"nodes": [node.pk], "date": min(day, event.ends_on), "channel": "conference",
              "kind": "meeting", "direction": "mutual", "quality": 3,
              "note": said},
    )  # fmt: skip
    action = planning_services.action_create(
        owner=owner,
        data={"title": f"Follow up with {parsed.name} (met at {event.name})"[:200],
              "due_date": event.ends_on + EVENT_FOLLOW_UP, "nodes": [node.pk]},
    )  # fmt: skip
    return Met.objects.create(
        event=event, line=clean_text(text)[:500] or parsed.name, node=node,
        interaction=interaction, action=action,
    )  # fmt: skip


@transaction.atomic
def card_add(*, user: User, key: str, event: Event | None = None) -> Any:
    """ "Add to my network" on someone's public card page: a weak tie, or a
    person met at `event` (the owner's) when one is given."""
    listing = selectors.public_card(key)
    if listing.user_id == user.pk:
        raise ValidationError({"card": ["This is your own card."]})
    card = selectors.card_of_listing(listing)
    if event is not None:
        line = ", ".join([card.name, card.institution, *card.topics])
        return event_met(owner=user, event=event, line=line).node
    return network_services.node_create(
        owner=user,
        data={"name": card.name, "kind": "person", "strength": "weak",
              "organisation": card.institution, "tags": [t[:60] for t in card.topics],
              "how_we_met": "Added from their Tiewise card"},
    )  # fmt: skip
