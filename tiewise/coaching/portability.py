"""The coaching the owner took part in, in a Tiewise JSON export: for the
owner's information only, never recreated on restore.

Section `coaching`, version 1: one row per relationship the owner is a side
of, in id order, with what the owner wrote or chose in it and nothing the
other person owns.

- As the coachee (`"role": "coachee"`): `status`, the share settings
  (`share_private_nodes`, `share_notes`, `share_plan`), the dates, the
  address the owner invited (`coach_email`; empty when the coach asked:
  the coach's own address is theirs), the invitation `message` the owner
  wrote, and `comments` the owner wrote on their own goals, prospects and
  actions (`item` is that record's id in this file).
- As the coach (`"role": "coach"`): `status`, the dates, `coachee_name` (as
  the caseload shows it), the request `message` the owner wrote, `comments`
  the owner wrote (with `item_title`: the coachee's records are not in this
  file), `session_notes`, the `agenda` text, the `introductions` the owner
  offered and the names of the owner's `cohorts` the relationship is in.

Comments and notes by the other person are theirs and stay out.

Why nothing is recreated: a relationship needs both people. Restoring one
would show a PLN to a coach who never accepted it, or put a coachee on
someone's caseload without asking; on another Tiewise the other person may
not have an account at all. Comments, notes and agendas only exist inside a
relationship. So the import review lists these rows as kept for
information, and the owner invites their coach again from the Coaching page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Q

from .models import RELATIONSHIP_STATUSES, CoachingRelationship, Comment

if TYPE_CHECKING:
    from tiewise.accounts.models import User

COACHING_VERSION = 1


def _when(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _comment(c: Comment, *, own_plan: bool) -> dict[str, Any]:
    item: Any = c.item
    row: dict[str, Any] = {"item_kind": c.kind}
    if own_plan:
        row["item"] = item.pk
    row["item_title"] = getattr(item, "title", None) or getattr(item, "name", "")
    row["body"] = c.body
    row["created_at"] = _when(c.created_at)
    return row


def export_coaching(owner: User) -> list[dict[str, Any]]:
    rels = (
        CoachingRelationship.objects.filter(Q(coachee=owner) | Q(coach=owner))
        .select_related("coachee__profile", "agenda")
        .prefetch_related("session_notes", "introductions", "cohorts")
        .order_by("id")
    )
    comments: dict[int, list[Comment]] = {}
    for c in (
        Comment.objects.filter(author=owner)
        .select_related("goal", "prospect", "action")
        .order_by("created_at", "id")
    ):
        comments.setdefault(c.relationship_id, []).append(c)
    out: list[dict[str, Any]] = []
    for rel in rels:
        written = comments.get(rel.pk, [])
        owner_invited = bool(rel.invited_email)
        if rel.coachee_id == owner.pk:
            out.append(
                {
                    "id": rel.pk,
                    "role": "coachee",
                    "status": rel.status,
                    "coach_email": rel.invited_email,
                    "message": rel.message if owner_invited else "",
                    "share_private_nodes": rel.share_private_nodes,
                    "share_notes": rel.share_notes,
                    "share_plan": rel.share_plan,
                    "created_at": _when(rel.created_at),
                    "accepted_at": _when(rel.accepted_at),
                    "ended_at": _when(rel.ended_at),
                    "comments": [_comment(c, own_plan=True) for c in written],
                }
            )
            continue
        agenda = getattr(rel, "agenda", None)
        out.append(
            {
                "id": rel.pk,
                "role": "coach",
                "status": rel.status,
                "coachee_name": rel.coachee.display_name if rel.coachee else "",
                "message": "" if owner_invited else rel.message,
                "created_at": _when(rel.created_at),
                "accepted_at": _when(rel.accepted_at),
                "ended_at": _when(rel.ended_at),
                "comments": [_comment(c, own_plan=False) for c in written],
                "session_notes": [
                    {
                        "date": _when(n.date),
                        "body": n.body,
                        "shared": n.shared,
                        "created_at": _when(n.created_at),
                    }
                    for n in sorted(rel.session_notes.all(), key=lambda n: (n.date, n.pk))
                ],
                "agenda": agenda.text if agenda is not None else "",
                "introductions": [
                    {
                        "name": i.name,
                        "why": i.why,
                        "status": i.status,
                        "created_at": _when(i.created_at),
                    }
                    for i in sorted(rel.introductions.all(), key=lambda i: i.pk)
                ],
                "cohorts": sorted(c.name for c in rel.cohorts.all() if c.coach_id == owner.pk),
            }
        )
    return out


# --- for the import review ----------------------------------------------------------


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _listed(row: dict[str, Any], key: str) -> int:
    value = row.get(key)
    return len(value) if isinstance(value, list) else 0


def describe_coaching(rows: Any) -> list[str]:
    """One line per relationship of a `coaching` section, for the import
    review. The file is anyone's to write: values are read leniently and the
    template escapes them."""
    lines: list[str] = []
    for row in rows if isinstance(rows, list) else []:
        if not isinstance(row, dict):
            continue
        status = RELATIONSHIP_STATUSES.get(str(row.get("status")), "status unknown").lower()
        comments = _count(_listed(row, "comments"), "comment")
        if row.get("role") == "coach":
            name = str(row.get("coachee_name") or "someone")[:200]
            notes = _count(_listed(row, "session_notes"), "session note")
            lines.append(f"You coached {name} ({status}): {notes}, {comments} you wrote.")
            continue
        coach = str(row.get("coach_email") or "")[:254] or "a coach who asked you"
        shared = [
            label
            for key, label in (
                ("share_plan", "your plan"),
                ("share_private_nodes", "private people"),
                ("share_notes", "interaction notes"),
            )
            if row.get(key) is True
        ]
        what = f"shared {', '.join(shared)}" if shared else "shared your map only"
        lines.append(f"Coached by {coach} ({status}, {what}): {comments} you wrote.")
    return lines
