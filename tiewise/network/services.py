"""Writes to the PLN. Pages, the API and the CLI all call these, so the rules
(validation, ownership, the PLN version bump) live in one place."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import Http404

from tiewise.accounts.models import Profile
from tiewise.core.quickadd import parse_quick_add

from .models import AlterTie, MapPosition, Node, Tie

NODE_FIELDS = (
    "name", "kind", "organisation", "title", "profession", "sector", "reach", "city",
    "country", "email", "phone", "links", "tags", "notes", "how_we_met", "private",
)  # fmt: skip
TIE_FIELDS = ("strength", "modes", "areas", "roles", "since", "cadence_days")
BULK_FIELDS = ("strength", "modes", "areas", "roles", "tags", "sector", "reach", "kind")


def touch_pln(owner: Any) -> None:
    """Record that the PLN changed: caches keyed on the version go stale."""
    updated = Profile.objects.filter(user=owner).update(pln_version=F("pln_version") + 1)
    if not updated:
        Profile.objects.get_or_create(user=owner)
    from tiewise.upkeep.services import snapshot_if_first_change_this_month

    snapshot_if_first_change_this_month(owner)  # the month's automatic snapshot


def clean_text(value: Any) -> Any:
    """Strip text and drop NUL bytes (PostgreSQL cannot store them and they
    mean nothing to a person); lists are cleaned item by item."""
    # NUL bytes cannot be stored by PostgreSQL and mean nothing to a person.
    if isinstance(value, str):
        return value.replace("\x00", "").strip()
    if isinstance(value, list | tuple):
        return [clean_text(v) for v in value if clean_text(v) not in ("", None)]
    return value


def _apply(obj: Any, fields: Iterable[str], data: dict[str, Any]) -> None:
    for name in fields:
        if name in data:
            setattr(obj, name, clean_text(data[name]))


def _validate(node: Node, tie: Tie) -> None:
    errors: dict[str, list[str]] = {}
    for obj, exclude in ((node, ["owner"]), (tie, ["node"])):
        try:
            obj.full_clean(exclude=exclude, validate_constraints=False)
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def node_create(*, owner: Any, data: dict[str, Any]) -> Node:
    """Create a node and the owner's tie to it. Raises ValidationError naming
    the fields when anything is invalid; nothing is saved then."""
    node = Node(owner=owner)
    tie = Tie()
    _apply(node, NODE_FIELDS, data)
    _apply(tie, TIE_FIELDS, data)
    _validate(node, tie)
    node.save()
    tie.node = node
    tie.save()
    touch_pln(owner)
    return node


class Conflict(Exception):
    """The record changed since the caller read it; saving would silently
    overwrite someone else's edit."""


def node_version(node: Node) -> str:
    """An opaque version of a node, used as its ETag."""
    return f'"{int(node.updated_at.timestamp() * 1_000_000)}"'


@transaction.atomic
def node_update(*, node: Node, data: dict[str, Any], expected_version: str | None = None) -> Node:
    """Update a node and its tie. With `expected_version` (an ETag from an
    earlier read), refuse with Conflict if the node changed in between."""
    if expected_version is not None:
        current = Node.objects.select_for_update().get(pk=node.pk)
        if node_version(current) != expected_version.removeprefix("W/"):
            raise Conflict(
                "This node was changed since you loaded it. Reload it and apply your edit again."
            )
    _save_node(node, data)
    touch_pln(node.owner)
    return node


def _save_node(node: Node, data: dict[str, Any]) -> None:
    tie = getattr(node, "tie", None) or Tie(node=node)
    _apply(node, NODE_FIELDS, data)
    _apply(tie, TIE_FIELDS, data)
    _validate(node, tie)
    node.save()
    tie.node = node
    tie.save()


@transaction.atomic
def node_delete(*, node: Node) -> None:
    owner = node.owner
    node.delete()
    touch_pln(owner)


def quick_add(*, owner: Any, line: str) -> Node:
    """Create a node from "Jane Doe, strong, mentor"."""
    try:
        parsed = parse_quick_add(line)
    except ValueError as exc:
        raise ValidationError({"line": [str(exc)]}) from exc
    return node_create(owner=owner, data=vars(parsed))


@transaction.atomic
def nodes_bulk_update(
    *,
    owner: Any,
    ids: Iterable[int],
    set_fields: dict[str, Any] | None = None,
    add: dict[str, Any] | None = None,
) -> int:
    """Set fields on many nodes at once. `set_fields` replaces values;
    `add` appends to list fields (areas, roles, modes, tags). Ids that are not
    the owner's are a 404 for the whole call, and nothing changes."""
    wanted = {int(i) for i in ids}
    nodes = list(Node.objects.filter(owner=owner, pk__in=wanted).select_related("tie"))
    if len(nodes) != len(wanted):
        raise Http404("No such node")
    set_fields = {k: v for k, v in (set_fields or {}).items() if v not in (None, "")}
    add = {k: v for k, v in (add or {}).items() if v}
    unknown = (set(set_fields) | set(add)) - set(BULK_FIELDS)
    if unknown:
        raise ValidationError({f: ["This field cannot be bulk-edited."] for f in sorted(unknown)})
    for node in nodes:
        data = dict(set_fields)
        tie = getattr(node, "tie", None) or Tie(node=node)
        for name, values in add.items():
            current = list(getattr(tie, name) if name in TIE_FIELDS else getattr(node, name))
            extra = [values] if isinstance(values, str) else list(values)
            data[name] = current + [v for v in extra if v not in current]
        _save_node(node, data)
    touch_pln(owner)  # once for the whole edit, not once per node
    return len(nodes)


def _pair(owner: Any, a: int, b: int) -> tuple[Node, Node]:
    if int(a) == int(b):
        raise ValidationError({"target": ["A node cannot be tied to itself."]})
    found = {n.pk: n for n in Node.objects.filter(owner=owner, pk__in=[a, b])}
    if len(found) != 2:
        raise Http404("No such node")
    lo, hi = sorted((int(a), int(b)))
    return found[lo], found[hi]


def alter_tie_create(*, owner: Any, source: int, target: int, strength: str = "") -> AlterTie:
    """Record that two of the owner's nodes know each other. Idempotent: the
    same pair twice updates the strength instead of failing."""
    src, tgt = _pair(owner, source, target)
    if strength not in ("", "strong", "weak"):
        raise ValidationError({"strength": ["Use strong, weak or leave empty."]})
    with transaction.atomic():
        tie, created = AlterTie.objects.get_or_create(
            owner=owner, source=src, target=tgt, defaults={"strength": strength}
        )
        if not created and strength and tie.strength != strength:
            tie.strength = strength
            tie.save(update_fields=["strength"])
        touch_pln(owner)
    return tie


@transaction.atomic
def alter_ties_bulk_create(*, owner: Any, pairs: Iterable[tuple[int, int, str]]) -> int:
    """Create many alter ties in one go; all or nothing."""
    pairs = list(pairs)
    ids = {int(i) for s, t, _ in pairs for i in (s, t)}
    owned = set(Node.objects.filter(owner=owner, pk__in=ids).values_list("pk", flat=True))
    if owned != ids:
        raise Http404("No such node")
    existing = set(AlterTie.objects.filter(owner=owner).values_list("source_id", "target_id"))
    new: dict[tuple[int, int], AlterTie] = {}
    for s, t, strength in pairs:
        s, t = int(s), int(t)
        if s == t:
            raise ValidationError({"target": ["A node cannot be tied to itself."]})
        lo, hi = sorted((s, t))
        if (lo, hi) in existing or (lo, hi) in new:
            continue
        new[(lo, hi)] = AlterTie(owner=owner, source_id=lo, target_id=hi, strength=strength or "")
    AlterTie.objects.bulk_create(new.values(), batch_size=2000)
    touch_pln(owner)
    return len(new)


def alter_tie_delete(*, owner: Any, tie_id: int) -> None:
    deleted, _ = AlterTie.objects.filter(owner=owner, pk=tie_id).delete()
    if not deleted:
        raise Http404("No such alter tie")
    touch_pln(owner)


def map_position_save(*, owner: Any, node_id: int, x: float, y: float, layout: str) -> None:
    if not Node.objects.filter(owner=owner, pk=node_id).exists():
        raise Http404("No such node")
    try:
        MapPosition.objects.update_or_create(
            node_id=node_id, layout=layout, defaults={"x": float(x), "y": float(y)}
        )
    except IntegrityError:  # a concurrent drag of the same node: last write wins
        MapPosition.objects.filter(node_id=node_id, layout=layout).update(x=x, y=y)


def map_positions_reset(*, owner: Any, layout: str) -> int:
    deleted, _ = MapPosition.objects.filter(node__owner=owner, layout=layout).delete()
    return deleted


def map_positions(owner: Any, layout: str) -> dict[int, tuple[float, float]]:
    rows = MapPosition.objects.filter(node__owner=owner, layout=layout).values_list(
        "node_id", "x", "y"
    )
    return {n: (x, y) for n, x, y in rows}
