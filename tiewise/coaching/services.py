"""Writes for coaching. Pages and the API call these, so consent, the live
relationship check and the share settings are enforced in one place."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from tiewise.accounts import selectors as account_selectors
from tiewise.core.errors import NotFound
from tiewise.jobs.mail import email_later
from tiewise.network import selectors as network_selectors
from tiewise.network import services as network_services
from tiewise.planning import selectors as planning_selectors
from tiewise.planning import services as planning_services
from tiewise.throttles import spend
from tiewise.upkeep import services as upkeep_services

from . import selectors
from .models import Agenda, CoachingRelationship, Cohort, Comment, Introduction, SessionNote

if TYPE_CHECKING:
    from tiewise.accounts.models import User

INVITE_SALT = "tiewise.coaching.invite"
#: An emailed invitation link works for this long.
INVITE_MAX_AGE = 14 * 24 * 3600
MAX_TEXT = 10000


def _text(value: Any, *, field: str, required: bool = True, limit: int = MAX_TEXT) -> str:
    text = str(value or "").replace("\x00", "").strip()
    if required and not text:
        raise ValidationError({field: ["Write something first."]})
    if len(text) > limit:
        raise ValidationError({field: [f"Keep it under {limit} characters."]})
    return text


def _email(value: Any) -> str:
    email = str(value or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": ["Enter a valid email address."]}) from None
    return email


def _share(rel: CoachingRelationship, share: dict[str, Any] | None) -> None:
    share = share or {}
    if "private_nodes" in share:
        rel.share_private_nodes = bool(share["private_nodes"])
    if "notes" in share:
        rel.share_notes = bool(share["notes"])
    if "plan" in share:
        rel.share_plan = bool(share["plan"])


# --- invitations and consent ------------------------------------------------------


def invitation_token(rel: CoachingRelationship) -> str:
    return signing.dumps({"r": rel.pk, "e": rel.invited_email}, salt=INVITE_SALT)


def invitation_url(rel: CoachingRelationship) -> str:
    return settings.SITE_URL + reverse("coaching_accept", args=[invitation_token(rel)])


def _may_email_others(sender: User) -> None:
    """Emails to someone else leave only from a confirmed address, and only
    so many an hour (TIEWISE_RATE_EMAIL), so Tiewise cannot be used to spam."""
    if not account_selectors.email_verified(sender):
        raise ValidationError(
            {"email": ["Confirm your own email address first: open the link we sent you."]}
        )
    if not spend("email", sender.pk):
        raise ValidationError(
            {"email": ["You have sent many invitations and requests this hour; try again later."]}
        )


def _one_line(text: str) -> str:
    """An email subject: a display name with a line break must not become a
    header (or an error that only known addresses would cause)."""
    return " ".join(str(text).split())[:150]


def invitation_create(
    *, coachee: User, email: str, share: dict[str, Any] | None = None, message: str = ""
) -> CoachingRelationship:
    """The coachee invites a coach by email: a signed link that expires."""
    address = _email(email)
    if address == coachee.email.lower():
        raise ValidationError({"email": ["You cannot coach yourself."]})
    if CoachingRelationship.objects.filter(
        coachee=coachee, coach__email__iexact=address, status="active"
    ).exists():
        raise ValidationError({"email": ["This person already coaches you."]})
    _may_email_others(coachee)
    rel = CoachingRelationship(
        coachee=coachee,
        invited_email=address,
        status="invited",
        message=_text(message, field="message", required=False, limit=2000),
    )
    _share(rel, share)
    rel.save()
    name = coachee.display_name
    body = (
        f"{name} invites you to be their coach on Tiewise and to see their personal "
        "learning network.\n\n"
        + (f"Their message: {rel.message}\n\n" if rel.message else "")
        + f"Accept here (the link works for {INVITE_MAX_AGE // 86400} days):\n"
        f"{invitation_url(rel)}\n\nNo account yet? Sign up with this address first, then "
        "open the link again.\n"
    )
    subject = _one_line(f"{name} invites you to coach them on Tiewise")
    email_later(sender=coachee, to=[address], subject=subject, body=body, kind="invitation")
    return rel


def invitation_for_token(token: str) -> CoachingRelationship:
    """The pending invitation a link stands for; expired, tampered, used or
    revoked links are all a 404."""
    try:
        data = signing.loads(token, salt=INVITE_SALT, max_age=INVITE_MAX_AGE)
        rel = CoachingRelationship.objects.select_related("coachee").get(
            pk=int(data["r"]), status="invited", invited_email=data["e"]
        )
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise NotFound("This invitation link is not valid or has expired.") from None
    except CoachingRelationship.DoesNotExist:
        raise NotFound("This invitation was withdrawn or already used.") from None
    return rel


@transaction.atomic
def invitation_sign_up(*, token: str, password: str) -> CoachingRelationship:
    """An invited coach without an account signs up from the link: the
    account takes the invited address (the link reached it, so it counts as
    confirmed) and the invitation is accepted at once. An address that has
    an account already must sign in instead: a ValidationError."""
    from django.contrib.auth import password_validation

    from tiewise.accounts.models import User as UserModel
    from tiewise.accounts.services import user_create

    rel = invitation_for_token(token)
    email = rel.invited_email
    if account_selectors.user_with_email(email) is not None:
        # Only the holder of the link (sent to this address) learns this.
        raise ValidationError(
            {"email": ["You already have an account with this address: sign in to accept."]}
        )
    try:
        password_validation.validate_password(password, UserModel(email=email))
    except ValidationError as exc:
        raise ValidationError({"password1": exc.messages}) from None
    coach = user_create(email=email, password=password)
    return invitation_accept(coach=coach, token=token)


@transaction.atomic
def invitation_accept(*, coach: User, token: str) -> CoachingRelationship:
    """The invited coach (signed in with the invited address) accepts."""
    rel = invitation_for_token(token)
    if rel.coachee_id == coach.pk:
        raise ValidationError({"token": ["You cannot coach yourself."]})
    if coach.email.lower() != rel.invited_email.lower():
        raise PermissionDenied(
            f"This invitation was sent to {rel.invited_email}; sign in with that address."
        )
    if CoachingRelationship.objects.filter(
        coach=coach, coachee=rel.coachee, status__in=["active", "requested"]
    ).exists():
        CoachingRelationship.objects.filter(
            coach=coach, coachee=rel.coachee, status="requested"
        ).update(status="declined", ended_at=timezone.now())
        existing = CoachingRelationship.objects.filter(
            coach=coach, coachee=rel.coachee, status="active"
        ).first()
        if existing is not None:
            rel.status, rel.ended_at = "declined", timezone.now()
            rel.save(update_fields=["status", "ended_at"])
            return existing
    rel.coach = coach
    rel.status = "active"
    rel.accepted_at = timezone.now()
    rel.save(update_fields=["coach", "status", "accepted_at"])
    return rel


@transaction.atomic
def coaching_request(*, coach: User, email: str, message: str = "") -> CoachingRelationship:
    """A coach asks to coach whoever holds `email`; nothing is shared until
    they accept. No account is looked up: the request waits on the address,
    the same email goes out whether or not anyone has it, and the coach sees
    the address they typed and nothing else, so addresses cannot be probed."""
    address = _email(email)
    if address == coach.email.lower():
        raise ValidationError({"email": ["You cannot coach yourself."]})
    pending = CoachingRelationship.objects.filter(
        coach=coach, invited_email=address, status="requested"
    ).first()
    if pending is not None:
        return pending
    _may_email_others(coach)
    rel = CoachingRelationship.objects.create(
        coach=coach,
        invited_email=address,
        status="requested",
        message=_text(message, field="message", required=False, limit=2000),
    )
    name = _one_line(coach.display_name)
    email_later(
        sender=coach,
        to=[address],
        subject=_one_line(f"{name} asks to coach you on Tiewise"),
        body=(
            f"{name} would like to be your coach on Tiewise. Nothing is shared until you "
            "accept and choose what they may see.\n\n"
            + (f"Their message: {rel.message}\n\n" if rel.message else "")
            + f"Sign in (or sign up with this address) to answer:\n{settings.SITE_URL}"
            f"{reverse('coaching_home')}\n"
        ),
        kind="coaching_request",
    )
    return rel


def _pending_request(coachee: User, relationship_id: Any) -> CoachingRelationship:
    """A request addressed to the user's own confirmed address."""
    if not account_selectors.email_verified(coachee):
        raise NotFound("No such request")
    try:
        return CoachingRelationship.objects.select_related("coach").get(
            pk=int(relationship_id),
            status="requested",
            coachee__isnull=True,
            invited_email__iexact=coachee.email,
        )
    except (CoachingRelationship.DoesNotExist, TypeError, ValueError):
        raise NotFound("No such request") from None


def request_accept(
    *, coachee: User, relationship_id: Any, share: dict[str, Any] | None = None
) -> CoachingRelationship:
    """The coachee accepts a coach's request, choosing what to share."""
    rel = _pending_request(coachee, relationship_id)
    if rel.coach_id == coachee.pk:
        raise NotFound("No such request")
    if CoachingRelationship.objects.filter(
        coach_id=rel.coach_id, coachee=coachee, status="active"
    ).exists():
        rel.status, rel.ended_at = "declined", timezone.now()
        rel.save(update_fields=["status", "ended_at"])
        raise ValidationError({"status": ["This person already coaches you."]})
    _share(rel, share)
    rel.coachee = coachee
    rel.status = "active"
    rel.accepted_at = timezone.now()
    try:
        rel.save()
    except IntegrityError:
        raise ValidationError({"status": ["This person already coaches you."]}) from None
    return rel


def request_decline(*, coachee: User, relationship_id: Any) -> CoachingRelationship:
    """The coachee says no; the coach sees "declined" and nothing else."""
    rel = _pending_request(coachee, relationship_id)
    rel.status = "declined"
    rel.ended_at = timezone.now()
    rel.save(update_fields=["status", "ended_at"])
    return rel


def relationship_revoke(*, user: User, relationship_id: Any) -> CoachingRelationship:
    """Either side ends a relationship, or withdraws an invitation or
    request. Effective at once: every coach view checks the live status."""
    rel = selectors.own_relationship(user, relationship_id)
    if rel.status in ("revoked", "declined"):
        return rel
    rel.status = "revoked"
    rel.ended_at = timezone.now()
    rel.save(update_fields=["status", "ended_at"])
    return rel


def share_update(
    *, coachee: User, relationship_id: Any, share: dict[str, Any]
) -> CoachingRelationship:
    """Only the coachee changes what they share."""
    rel = selectors.own_relationship(coachee, relationship_id)
    if rel.coachee_id != coachee.pk or rel.status not in ("active", "invited"):
        raise NotFound("No such relationship")
    _share(rel, share)
    rel.save(update_fields=["share_private_nodes", "share_notes", "share_plan"])
    return rel


# --- comments and session notes ----------------------------------------------------------


def comment_create(
    *, user: User, rel: CoachingRelationship, kind: str, item_id: Any, body: str
) -> Comment:
    """A comment on one of the coachee's goals, prospects or actions, by the
    coach or the coachee of a live relationship that shares the plan."""
    if user.pk not in (rel.coach_id, rel.coachee_id) or not rel.is_active:
        raise NotFound("No such relationship")
    if kind not in ("goal", "prospect", "action"):
        raise ValidationError({"item_kind": ["Use goal, prospect or action."]})
    # Whoever writes, the coach reads it: only about what the coach sees.
    item = selectors.plan_item(selectors.relationship_view(rel), kind, item_id)
    return Comment.objects.create(
        relationship=rel, author=user, body=_text(body, field="body"), **{kind: item}
    )


def session_note_create(
    *, rel: CoachingRelationship, body: str, on: date | None = None, shared: bool = False
) -> SessionNote:
    when = on or timezone.localdate()
    if isinstance(when, str):
        try:
            when = date.fromisoformat(when)
        except ValueError:
            raise ValidationError({"date": ["Use a date like 2025-03-01."]}) from None
    note = SessionNote.objects.create(
        relationship=rel, body=_text(body, field="body"), date=when, shared=bool(shared)
    )
    if when == timezone.localdate():
        _session_snapshot(rel)
    return note


def _session_snapshot(rel: CoachingRelationship) -> None:
    """A session is starting (the coach prepares its agenda or notes it
    today): snapshot the coachee's PLN once that day."""
    if rel.coachee is None:
        return
    coach = rel.coach.display_name if rel.coach else "your coach"
    upkeep_services.snapshot_for_session(
        owner=rel.coachee, label=f"Coaching session with {coach}"[:120]
    )


def session_note_delete(*, rel: CoachingRelationship, note_id: Any) -> None:
    note_pk = selectors.parse_id(note_id)
    deleted, _ = SessionNote.objects.filter(relationship=rel, pk=note_pk).delete()
    if not deleted:
        raise NotFound("No such note")


def agenda_save(*, rel: CoachingRelationship, text: str) -> Agenda:
    agenda, _ = Agenda.objects.get_or_create(relationship=rel)
    agenda.text = _text(text, field="text", required=False, limit=20000)
    agenda.save()
    _session_snapshot(rel)
    return agenda


# --- introductions -------------------------------------------------------------------------


@transaction.atomic
def introduction_offer(
    *, introducer: User, rel: CoachingRelationship, node_id: Any, why: str = ""
) -> Introduction:
    """Recommend one of the introducer's own nodes to their coachee: it
    becomes a prospect in the coachee's plan, noting who could introduce them."""
    if rel.coach_id != introducer.pk or not rel.is_active or rel.coachee is None:
        raise NotFound("No such coachee")
    node = network_selectors.get_node_for(introducer, node_id)
    note = _text(why, field="why", required=False, limit=2000)
    prospect = planning_services.prospect_create(
        owner=rel.coachee,
        data={
            "name": node.name,
            "organisation": node.organisation,
            "sector": node.sector,
            "reach": node.reach,
            "why": note,
            "how_to_reach": f"{introducer.display_name} (your coach) offered to introduce you.",
        },
    )
    return Introduction.objects.create(
        relationship=rel, source_node=node, prospect=prospect, name=node.name, why=note
    )


@transaction.atomic
def introduction_decide(*, coachee: User, introduction_id: Any, keep: bool) -> Introduction:
    """Keep the prospect, or dismiss it (the prospect is deleted)."""
    intro = selectors.introduction_for_coachee(coachee, introduction_id)
    if intro.status != "pending":
        raise ValidationError({"status": ["You already decided on this introduction."]})
    if not keep and intro.prospect_id is not None:
        try:
            prospect = planning_selectors.get_prospect_for(coachee, intro.prospect_id)
        except NotFound:
            pass  # the coachee deleted it already
        else:
            planning_services.prospect_delete(prospect=prospect)
        intro.prospect = None
    intro.status = "accepted" if keep else "dismissed"
    intro.decided_at = timezone.now()
    intro.save()
    return intro


@transaction.atomic
def introduction_made(
    *, owner: User, source: Any, target: Any, on: date | None = None, note: str = ""
) -> Any:
    """Record that the owner introduced two of their own nodes to each
    other: an alter tie and an "introduction made" interaction with both."""
    a = network_selectors.get_node_for(owner, source)
    b = network_selectors.get_node_for(owner, target)
    tie = network_services.alter_tie_create(owner=owner, source=a.pk, target=b.pk)
    interaction = upkeep_services.interaction_create(
        owner=owner,
        data={
            "date": on or timezone.localdate(),
            "nodes": [a.pk, b.pk],
            "kind": "introduction_made",
            "direction": "gave",
            "channel": "email",
            "note": note or f"Introduced {a.name} and {b.name}.",
        },
    )
    return tie, interaction


# --- cohorts ----------------------------------------------------------------------------------


def cohort_save(
    *, coach: User, name: str, member_ids: list[Any], cohort: Cohort | None = None
) -> Cohort:
    """Create or update a cohort; members must be the coach's live coachees."""
    title = _text(name, field="name", limit=120)
    wanted = {selectors.parse_id(i) for i in member_ids}
    rels = list(selectors.coachees_of(coach).filter(pk__in=wanted))
    if len(rels) != len(wanted):
        raise NotFound("No such coachee")
    clash = Cohort.objects.filter(coach=coach, name=title)
    if cohort is not None:
        clash = clash.exclude(pk=cohort.pk)
    if clash.exists():
        raise ValidationError({"name": ["You already have a cohort with this name."]})
    cohort = cohort or Cohort(coach=coach)
    cohort.name = title
    cohort.save()
    cohort.members.set(rels)
    return cohort


def cohort_delete(*, cohort: Cohort) -> None:
    cohort.delete()


def invitations_expire(*, now: Any = None) -> int:
    """Close invitations whose emailed link no longer works (the periodic
    job runs this daily), so the coachee's list shows what is still open."""
    from datetime import timedelta

    now = now or timezone.now()
    cutoff = now - timedelta(seconds=INVITE_MAX_AGE)
    return CoachingRelationship.objects.filter(status="invited", created_at__lt=cutoff).update(
        status="revoked", ended_at=now
    )


# --- merging two nodes (called by network.services.node_merge) --------------------


@transaction.atomic
def coaching_links_move(*, owner: User, from_node: Any, to_node: Any) -> dict[str, int]:
    """Introductions the owner (as a coach) made from `from_node` now name
    `to_node`, one of their own nodes it is being merged into."""
    if from_node.owner_id != owner.pk or to_node.owner_id != owner.pk:
        raise NotFound("No such node")
    moved = Introduction.objects.filter(relationship__coach=owner, source_node=from_node).update(
        source_node=to_node
    )
    return {"introductions": moved}
