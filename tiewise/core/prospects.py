"""The "five people to add": who could introduce the owner to a prospect, and
whether the list of prospects is varied enough.

Pure functions on the PLN snapshot (core types); no database.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .types import PLN

#: Prospects still being worked on.
ACTIVE_PROSPECT_STATUSES = ("identified", "reached_out")

#: How many prospects must be active before the mix is judged.
DIVERSITY_MIN = 3

_STRENGTH_RANK = {"strong": 0, "weak": 1}


@dataclass(frozen=True, slots=True)
class Introducer:
    """Someone in the owner's PLN who could make an introduction, and why."""

    node_id: int
    name: str
    strength: str
    knows_them: bool
    same_organisation: bool

    @property
    def reason(self) -> str:
        reasons = []
        if self.knows_them:
            reasons.append("knows them")
        if self.same_organisation:
            reasons.append("same organisation")
        return ", ".join(reasons)


def _org_key(value: str) -> str:
    return " ".join(value.split()).casefold()


def rank_introducers(
    pln: PLN, *, target_id: int | None = None, organisation: str = ""
) -> list[Introducer]:
    """The owner's nodes who know the prospect (an alter tie with node
    `target_id`) or work in the same `organisation` (compared without case),
    strongest tie first (strong before weak), then by name.

    Prospects themselves (strength "absent") cannot introduce anyone.

    >>> from .types import AlterTieData, NodeData, Owner
    >>> pln = PLN(owner=Owner("Me"), nodes=(
    ...     NodeData(1, "Zoe", strength="strong"), NodeData(2, "Amy", strength="weak"),
    ...     NodeData(3, "Bob", strength="weak", organisation="MAYO clinic"),
    ...     NodeData(9, "Prospect", strength="absent")),
    ...     alter_ties=(AlterTieData(1, 9), AlterTieData(2, 9)))
    >>> [i.name for i in rank_introducers(pln, target_id=9, organisation="Mayo Clinic")]
    ['Zoe', 'Amy', 'Bob']
    """
    knows: set[int] = set()
    if target_id is not None:
        for tie in pln.alter_ties:
            if tie.source == target_id:
                knows.add(tie.target)
            elif tie.target == target_id:
                knows.add(tie.source)
    org = _org_key(organisation)
    found: list[Introducer] = []
    for node in pln.nodes:
        if node.id == target_id or node.strength not in _STRENGTH_RANK:
            continue
        same_org = bool(org) and _org_key(node.organisation) == org
        if node.id in knows or same_org:
            found.append(
                Introducer(
                    node_id=node.id,
                    name=node.name,
                    strength=node.strength,
                    knows_them=node.id in knows,
                    same_organisation=same_org,
                )
            )
    found.sort(key=lambda i: (_STRENGTH_RANK[i.strength], i.name.casefold(), i.node_id))
    return found


def diversity_nudge(active: Iterable[tuple[str, str]]) -> str | None:
    """A nudge when every active prospect (given as (sector, reach) pairs)
    sits inside medicine, or every one is local, once there are at least three.

    >>> diversity_nudge([("medicine", "national")] * 3)[:40]
    'All your active prospects work in medici'
    >>> diversity_nudge([("medicine", "local"), ("industry", "local"), ("academia", "local")])[:30]
    'All your active prospects are '
    >>> diversity_nudge([("medicine", "local")] * 2) is None
    True
    """
    pairs = list(active)
    if len(pairs) < DIVERSITY_MIN:
        return None
    if all(sector == "medicine" for sector, _ in pairs):
        return (
            "All your active prospects work in medicine. Someone from another sector "
            "(industry, academia, government, a nonprofit) would bring news your "
            "colleagues cannot."
        )
    if all(reach == "local" for _, reach in pairs):
        return (
            "All your active prospects are local. Consider someone in another region "
            "or country: distant ties widen what your network can tell you."
        )
    return None
