"""Writes to the plan. Pages, the API and the CLI all call these, so the
rules (ownership of linked nodes and goals, the prospect pipeline) live in
one place."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from tiewise.access import mine
from tiewise.core.text import clean_text
from tiewise.core.vocab import ACTION_STATUSES, PROSPECT_STATUSES
from tiewise.network import selectors as network_selectors
from tiewise.network import services as network_services
from tiewise.network.models import Node
from tiewise.network.selectors import owned_nodes

from .models import Action, Goal, Prospect, ProspectEvent, Reflection

if TYPE_CHECKING:
    from tiewise.accounts.models import User

GOAL_FIELDS = (
    "title", "specific", "measurable", "assignable", "relevant", "target_date",
    "wish", "outcome", "obstacle", "plan", "status",
)  # fmt: skip
PROSPECT_FIELDS = (
    "name", "why", "organisation", "areas", "roles", "sector", "reach", "how_to_reach",
)  # fmt: skip
ACTION_FIELDS = ("title", "strategy", "due_date", "status", "notes")
REFLECTION_FIELDS = (
    "platforms", "profile_and_bio_check", "profile_current", "people_and_hashtags_followed",
    "posting_rhythm", "pitfalls", "notes",
)  # fmt: skip


def _apply(obj: Any, fields: Iterable[str], data: dict[str, Any]) -> None:
    for name in fields:
        if name not in data:
            continue
        value = data[name]
        if isinstance(value, str):
            value = clean_text(value, multiline=name not in _ONE_LINE)
        elif isinstance(value, list | tuple):
            value = [clean_text(v) for v in value if clean_text(v)]
        setattr(obj, name, "" if value is None and name not in _NULLABLE else value)


_NULLABLE = {"target_date", "due_date"}
_ONE_LINE = {"title", "name", "organisation", "status", "strategy", "sector", "reach"}


def _validate(obj: Any, exclude: list[str]) -> None:
    obj.full_clean(exclude=exclude, validate_constraints=False)
    # Django checks max_length of CharFields only; multi-line text is capped too.
    too_long = {
        f.name: [f"At most {f.max_length:,} characters."]
        for f in obj._meta.concrete_fields
        if isinstance(f, models.TextField)
        and f.max_length
        and len(str(getattr(obj, f.name) or "")) > f.max_length
    }
    if too_long:
        raise ValidationError(too_long)


def owned_goal(owner: User, goal_id: int | str | None) -> Goal | None:
    if goal_id in (None, ""):
        return None
    return mine(Goal.objects.filter(owner=owner), goal_id, "goal")


# Goals ---------------------------------------------------------------------


@transaction.atomic
def goal_create(*, owner: User, data: dict[str, Any]) -> Goal:
    """Create a goal; `data["nodes"]` (ids) links the people who support it."""
    goal = Goal(owner=owner)
    _apply(goal, GOAL_FIELDS, data)
    nodes = owned_nodes(owner, data.get("nodes"))
    _validate(goal, ["owner", "nodes"])
    goal.save()
    goal.nodes.set(nodes)
    network_services.touch_pln(owner, nodes=())  # no node's own row changes
    return goal


@transaction.atomic
def goal_update(*, goal: Goal, data: dict[str, Any]) -> Goal:
    _apply(goal, GOAL_FIELDS, data)
    nodes = owned_nodes(goal.owner, data["nodes"]) if "nodes" in data else None
    _validate(goal, ["owner", "nodes"])
    goal.save()
    if nodes is not None:
        goal.nodes.set(nodes)
    network_services.touch_pln(goal.owner, nodes=())
    return goal


@transaction.atomic
def goal_delete(*, goal: Goal) -> None:
    owner = goal.owner
    goal.delete()
    network_services.touch_pln(owner, nodes=())  # no node's own row changes


# Prospects -----------------------------------------------------------------


def _prospect_node(owner: User, node_id: Any, prospect: Prospect | None) -> Node | None:
    if node_id in (None, ""):
        return None
    (node,) = owned_nodes(owner, [node_id])
    if prospect is not None and prospect.node_id == node.pk:
        return node
    if network_selectors.tie_strength(node) != "absent":
        raise ValidationError(
            {
                "node": [
                    f"{node.name} is already in your network; prospects are people you "
                    "have no tie with yet."
                ]
            }  # fmt: skip
        )
    taken = Prospect.objects.filter(node=node)
    if prospect is not None:
        taken = taken.exclude(pk=prospect.pk)
    if taken.exists():
        raise ValidationError({"node": [f"{node.name} is already on your five-to-add list."]})
    return node


def _fill_from_node(prospect: Prospect, node: Node) -> None:
    """Blank prospect fields take the node's values, so the list reads well."""
    values = network_selectors.node_values(node)
    if not prospect.name:
        prospect.name = node.name
    for name in ("organisation", "sector", "reach", "areas", "roles"):
        if not getattr(prospect, name):
            setattr(prospect, name, values[name])


@transaction.atomic
def prospect_create(*, owner: User, data: dict[str, Any]) -> Prospect:
    """Name a prospect: a free name, or an existing node with no tie yet
    (`data["node"]`). The first history row records it as identified."""
    prospect = Prospect(owner=owner)
    _apply(prospect, PROSPECT_FIELDS, data)
    prospect.goal = owned_goal(owner, data.get("goal"))
    node = _prospect_node(owner, data.get("node"), None)
    if node is not None:
        prospect.node = node
        _fill_from_node(prospect, node)
    if not prospect.name:
        raise ValidationError({"name": ["Give a name, or pick someone already on your map."]})
    _validate(prospect, ["owner", "node", "goal", "status"])
    prospect.save()
    ProspectEvent.objects.create(prospect=prospect, status=prospect.status)
    return prospect


@transaction.atomic
def prospect_update(*, prospect: Prospect, data: dict[str, Any]) -> Prospect:
    """Edit what is known about a prospect. The status moves only through
    :func:`prospect_set_status`, so the history stays complete."""
    _apply(prospect, PROSPECT_FIELDS, data)
    if "goal" in data:
        prospect.goal = owned_goal(prospect.owner, data["goal"])
    if "node" in data:
        node = _prospect_node(prospect.owner, data["node"], prospect)
        prospect.node = node
        if node is not None:
            _fill_from_node(prospect, node)
    if not prospect.name:
        raise ValidationError({"name": ["Give a name."]})
    _validate(prospect, ["owner", "node", "goal"])
    prospect.save()
    return prospect


@transaction.atomic
def prospect_delete(*, prospect: Prospect) -> None:
    prospect.delete()


def _connect(prospect: Prospect) -> Node:
    """Turn a connected prospect into a real (weak) tie in the PLN."""
    today = timezone.localdate()
    if prospect.node_id is None:
        node = network_services.node_create(
            owner=prospect.owner,
            data={
                "name": prospect.name,
                "strength": "weak",
                "organisation": prospect.organisation,
                "sector": prospect.sector,
                "reach": prospect.reach,
                "areas": list(prospect.areas),
                "roles": list(prospect.roles),
                "since": today,
                "how_we_met": "Came from your five-to-add list.",
            },
        )
        prospect.node = node
        return node
    node = network_selectors.get_node_for(prospect.owner, prospect.node_id)
    values = network_selectors.node_values(node)
    if values["strength"] == "absent":
        data: dict[str, Any] = {"strength": "weak"}
        if values["since"] is None:
            data["since"] = today
        if not node.how_we_met:
            data["how_we_met"] = "Came from your five-to-add list."
        network_services.node_update(node=node, data=data)
    return node


@transaction.atomic
def prospect_set_status(*, prospect: Prospect, status: str, note: str = "") -> Prospect:
    """Move a prospect along identified → reached out → connected (or
    declined), adding a history row. Reaching "connected" makes the prospect a
    node with a weak tie (a new node, or the absent node upgraded); the
    prospect keeps pointing at it and keeps its history."""
    if status not in PROSPECT_STATUSES:
        raise ValidationError({"status": [f"Use one of: {', '.join(PROSPECT_STATUSES)}."]})
    prospect = Prospect.objects.select_for_update().get(pk=prospect.pk)
    if status == "connected":
        _connect(prospect)
    prospect.status = status
    prospect.save()
    ProspectEvent.objects.create(
        prospect=prospect, status=status, note=clean_text(note, multiline=True)
    )
    return prospect


# Actions -------------------------------------------------------------------


def _done_at(action: Action) -> None:
    if action.status == "done":
        action.done_at = action.done_at or timezone.now()
    else:
        action.done_at = None


@transaction.atomic
def action_create(*, owner: User, data: dict[str, Any]) -> Action:
    """Create a step of the action plan, linked to a goal and nodes."""
    action = Action(owner=owner)
    _apply(action, ACTION_FIELDS, data)
    action.goal = owned_goal(owner, data.get("goal"))
    nodes = owned_nodes(owner, data.get("nodes"))
    _done_at(action)
    _validate(action, ["owner", "goal", "nodes"])
    action.save()
    action.nodes.set(nodes)
    # Goal coverage in the insights depends on actions: bump the PLN version.
    network_services.touch_pln(owner, nodes=())  # no node's own row changes
    return action


@transaction.atomic
def action_update(*, action: Action, data: dict[str, Any]) -> Action:
    _apply(action, ACTION_FIELDS, data)
    if "goal" in data:
        action.goal = owned_goal(action.owner, data["goal"])
    nodes = owned_nodes(action.owner, data["nodes"]) if "nodes" in data else None
    _done_at(action)
    _validate(action, ["owner", "goal", "nodes"])
    action.save()
    if nodes is not None:
        action.nodes.set(nodes)
    network_services.touch_pln(action.owner, nodes=())
    return action


def action_set_status(*, action: Action, status: str) -> Action:
    if status not in ACTION_STATUSES:
        raise ValidationError({"status": [f"Use one of: {', '.join(ACTION_STATUSES)}."]})
    return action_update(action=action, data={"status": status})


@transaction.atomic
def action_delete(*, action: Action) -> None:
    owner = action.owner
    action.delete()
    network_services.touch_pln(owner, nodes=())  # no node's own row changes


# Reflection ----------------------------------------------------------------


@transaction.atomic
def reflection_save(*, owner: User, data: dict[str, Any]) -> Reflection:
    """Create or update the owner's online-identity reflection."""
    reflection = Reflection.objects.filter(owner=owner).first() or Reflection(owner=owner)
    _apply(reflection, REFLECTION_FIELDS, data)
    _validate(reflection, ["owner"])
    reflection.save()
    return reflection


# Fast paths ------------------------------------------------------------------


@transaction.atomic
def prospects_quick_add(*, owner: User, text: str, goal: int | None = None) -> list[Prospect]:
    """Name several prospects at once, one per line, in quick-add form:
    "Dr. Lee, sponsor, national, Mayo Clinic". A name that matches one of the
    owner's not-yet-tied nodes is linked to it (so its who-knows-whom links
    suggest introducers). All lines are saved, or none."""
    from tiewise.core.quickadd import parse_quick_add

    absent = {
        name.casefold(): pk
        for pk, name in network_selectors.node_names(
            owner, network_selectors.ids_with_strength(owner, "absent")
        ).items()
    }
    created: list[Prospect] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            parsed = parse_quick_add(line)
        except ValueError as exc:
            raise ValidationError({"lines": [f"Line {number}: {exc}"]}) from exc
        data: dict[str, Any] = {
            "name": parsed.name, "organisation": parsed.organisation, "areas": parsed.areas,
            "roles": parsed.roles, "sector": parsed.sector, "reach": parsed.reach, "goal": goal,
        }  # fmt: skip
        node_id = absent.get(parsed.name.casefold())
        if node_id is not None:
            data["node"] = node_id
        try:
            created.append(prospect_create(owner=owner, data=data))
        except ValidationError as exc:
            raise ValidationError({"lines": [f"Line {number}: {m}" for m in exc.messages]}) from exc
    if not created:
        raise ValidationError({"lines": ["Write at least one name."]})
    return created


@transaction.atomic
def actions_from_strategies(
    *, owner: User, keys: Iterable[str], goal: int | None = None
) -> list[Action]:
    """Pick strategies from the menu: each becomes a pre-filled first action
    (its template title, due after the strategy's usual lead time)."""
    from tiewise.core.actions import prefill

    today = timezone.localdate()
    actions = []
    for key in dict.fromkeys(keys):
        try:
            title, due = prefill(key, today=today)
        except KeyError:
            raise ValidationError({"strategies": [f"Unknown strategy: {key}"]}) from None
        actions.append(
            action_create(
                owner=owner, data={"title": title, "strategy": key, "due_date": due, "goal": goal}
            )
        )
    if not actions:
        raise ValidationError({"strategies": ["Pick at least one strategy."]})
    return actions


# --- merging two nodes (called by network.services.node_merge) --------------------


def _move_m2m(through: Any, column: str, from_node: Node, to_node: Node) -> int:
    """Point every link of `from_node` in a many-to-many table at `to_node`,
    dropping those `to_node` already has. How many items were linked."""
    rows = list(through.objects.filter(node_id=from_node.pk).values_list(column, flat=True))
    taken = set(
        through.objects.filter(node_id=to_node.pk, **{f"{column}__in": rows}).values_list(
            column, flat=True
        )
    )
    through.objects.filter(node_id=from_node.pk, **{f"{column}__in": taken}).delete()
    through.objects.filter(node_id=from_node.pk).update(node_id=to_node.pk)
    return len(rows)


@transaction.atomic
def plan_links_move(*, owner: User, from_node: Node, to_node: Node) -> dict[str, int]:
    """Move the goals, actions and prospect of `from_node` to `to_node` (two
    of the owner's nodes being merged). A prospect already pointing at
    `to_node` stays; the other keeps its history but no longer points at a node."""
    if from_node.owner_id != owner.pk or to_node.owner_id != owner.pk:
        raise network_services.NotFound("No such node")
    moved = {
        "goals": _move_m2m(Goal.nodes.through, "goal_id", from_node, to_node),
        "actions": _move_m2m(Action.nodes.through, "action_id", from_node, to_node),
        "prospects": 0,
    }
    prospects = Prospect.objects.filter(owner=owner, node=from_node)
    if Prospect.objects.filter(owner=owner, node=to_node).exists():
        prospects.update(node=None)
    else:
        moved["prospects"] = prospects.update(node=to_node)
    return moved
