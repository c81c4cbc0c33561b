"""Composition and diversity of an ego network: who is in it, and how mixed.

The low-level functions (`blau`, `iqv`, `ei_index`) take plain values so they
can be checked against published figures; the rest read `NodeData`.
Every ratio is `None` when its denominator is zero, never NaN.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from operator import attrgetter
from typing import Any

from tiewise.core.types import NodeData
from tiewise.core.vocab import AREAS, KINDS, MODES, REACHES, ROLES, SECTORS, STRENGTHS

#: Fields whose categories come from the vocabulary, so K (the number of possible
#: categories in IQV) is the vocabulary size.
VOCAB_FIELDS: dict[str, dict[str, str]] = {
    "kind": KINDS,
    "strength": STRENGTHS,
    "modes": MODES,
    "areas": AREAS,
    "roles": ROLES,
    "sector": SECTORS,
    "reach": REACHES,
}
#: Free-text fields: K is the number of categories actually observed.
FREE_FIELDS: tuple[str, ...] = ("profession", "country")
COMPOSITION_FIELDS: tuple[str, ...] = (*VOCAB_FIELDS, *FREE_FIELDS)

INSIDE_MEDICINE = "medicine"
LOCAL = "local"


def blau(values: Iterable[str]) -> float | None:
    """Blau's heterogeneity index, 1 - sum of squared category shares.

    0 means everyone is in one category; it grows towards 1 as ties spread
    over many categories. `None` for no values.

    >>> blau(["a", "a", "b", "b"])
    0.5
    >>> blau([]) is None
    True
    """
    return _blau_of(Counter(values))


def _blau_of(counts: Counter[str]) -> float | None:
    """`blau` from counts already made (in first-seen order: the sum's order)."""
    total = sum(counts.values())
    if total == 0:
        return None
    return 1.0 - sum((c / total) ** 2 for c in counts.values())


def iqv(values: Iterable[str], k: int) -> float | None:
    """Index of qualitative variation: Blau rescaled by its maximum, 1 - 1/k.

    `k` is the number of possible categories, so 1 means ties are spread
    evenly over all of them. `None` when undefined (no values, or k < 2).

    >>> iqv(["a", "b"], 2)
    1.0
    """
    return _iqv_of(blau(values), k)


def _iqv_of(b: float | None, k: int) -> float | None:
    if b is None or k < 2:
        return None
    return b / (1.0 - 1.0 / k)


def ei_index(ego_value: str, alter_values: Iterable[str | None]) -> float | None:
    """Krackhardt and Stern's E-I index of the ego's ties on one attribute.

    External ties (alter differs from the ego) minus internal ties, over all
    ties with a known value: -1 is all inside the ego's group, +1 all outside.
    Alters whose value is empty or `None` are left out.

    >>> ei_index("medicine", ["medicine", "medicine", "industry", ""])
    -0.3333333333333333
    """
    known = [v for v in alter_values if v]
    if not known:
        return None
    external = sum(1 for v in known if v != ego_value)
    return (external - (len(known) - external)) / len(known)


def _values(raw: Any) -> tuple[str, ...]:
    """A field's value as the tuple of its non-empty values."""
    if isinstance(raw, tuple):
        return raw if all(raw) else tuple(v for v in raw if v)
    value = str(raw).strip()
    return (value,) if value else ()


def _per_node(nodes: Sequence[NodeData], field: str) -> list[tuple[str, ...]]:
    # The report reads nine fields of every node: one pass per field, with
    # no call per node for the common cases (a clean tuple, a bare string).
    out: list[tuple[str, ...]] = []
    add = out.append
    for raw in map(attrgetter(field), nodes):
        if raw.__class__ is tuple and all(raw):
            add(raw)
        elif raw.__class__ is str and not (raw and (raw[0].isspace() or raw[-1].isspace())):
            add((raw,) if raw else ())
        else:
            add(_values(raw))
    if field not in FREE_FIELDS:
        return out
    spelling: dict[str, str] = {}
    return [tuple(spelling.setdefault(v.casefold(), v) for v in values) for values in out]


def field_values(nodes: Sequence[NodeData], field: str) -> list[str]:
    """Every value of `field` over `nodes`; a multi-valued field gives each value.

    Free-text fields are grouped case-insensitively and shown with the first
    spelling met, so "UK" and "uk" count once.

    >>> field_values([NodeData(1, "A", roles=("mentor", "peer"))], "roles")
    ['mentor', 'peer']
    """
    return [v for values in _per_node(nodes, field) for v in values]


def composition(nodes: Sequence[NodeData], field: str) -> dict[str, Any]:
    """Counts and shares of one attribute.

    `shares` divide by the number of values (they sum to 1 and feed Blau);
    `node_shares` divide by the number of nodes (a node with two roles counts
    in both). `unknown` is how many nodes have no value.

    >>> composition([NodeData(1, "A", sector="medicine")], "sector")["shares"]["medicine"]
    1.0
    """
    return describe(nodes, field)[0]


def _value_counts(nodes: Sequence[NodeData], field: str) -> tuple[Counter[str], int]:
    """How often each value of `field` occurs over `nodes`, in first-seen
    order, and how many nodes have none.

    A big PLN holds a few dozen distinct values of a field among thousands
    of nodes (an import leaves most of them alike), so the raw values are
    counted first, at C speed, and each distinct one is cleaned once. First
    seen stays first seen: a clean value's first node is also the first
    node of its raw value. Free-text spellings are grouped as `_per_node`
    groups them."""
    try:
        raw_counts = Counter(map(attrgetter(field), nodes))
    except TypeError:  # an unhashable value (a list): read it node by node
        raw_counts = Counter()
        for values in _per_node(nodes, field):
            raw_counts[values] += 1
    counts: Counter[str] = Counter()
    unknown = 0
    spelling: dict[str, str] | None = {} if field in FREE_FIELDS else None
    for raw, times in raw_counts.items():
        values = _values(raw)
        if spelling is not None:
            values = tuple(spelling.setdefault(v.casefold(), v) for v in values)
        if not values:
            unknown += times
        for value in values:
            counts[value] += times
    return counts, unknown


def describe(nodes: Sequence[NodeData], field: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """Composition and diversity of one attribute, reading the nodes once."""
    counts, unknown = _value_counts(nodes, field)
    vocab = VOCAB_FIELDS.get(field)
    if vocab is not None:
        # Vocabulary order first (with zeros, so a gap is visible), then any stray value.
        order = list(vocab) + sorted(set(counts) - set(vocab))
    else:
        order = sorted(counts, key=lambda v: (-counts[v], v.casefold()))
    total = sum(counts.values())
    n = len(nodes)
    comp = {
        "counts": {k: counts.get(k, 0) for k in order},
        "shares": {k: counts.get(k, 0) / total for k in order} if total else {},
        "node_shares": {k: counts.get(k, 0) / n for k in order} if n else {},
        "total": total,
        "unknown": unknown,
    }
    k = categories(field, counts)
    b = _blau_of(counts)
    div = {"blau": b, "iqv": _iqv_of(b, k), "k": k, "observed": len(counts)}
    return comp, div


def categories(field: str, observed: Iterable[str]) -> int:
    """K for IQV: the vocabulary size, or the observed categories for free text.

    A value outside the vocabulary still counts, so IQV never exceeds 1.
    """
    seen = set(observed)
    vocab = VOCAB_FIELDS.get(field)
    if vocab is None:
        return len(seen)
    return len(set(vocab) | seen)


def _tally(nodes: Sequence[NodeData], *fields: str) -> Counter[Any]:
    """How often each distinct value of `fields` (a tuple of them for several)
    occurs over `nodes`: counted at C speed, so a measure reads each
    distinct value once rather than every node. A caller's list where a
    tuple belongs cannot be a key; it is counted as its tuple."""
    get = attrgetter(*fields)
    try:
        return Counter(map(get, nodes))
    except TypeError:
        hashable = (
            (lambda v: tuple(v) if isinstance(v, list) else v)
            if len(fields) == 1
            else (lambda vs: tuple(tuple(v) if isinstance(v, list) else v for v in vs))
        )
        return Counter(hashable(get(n)) for n in nodes)


def diversity(nodes: Sequence[NodeData], field: str) -> dict[str, Any]:
    """Blau and IQV of one attribute over `nodes`, with the K used.

    >>> d = diversity([NodeData(1, "A", sector="medicine"), NodeData(2, "B", sector="industry")],
    ...               "sector")
    >>> d["blau"], d["k"], round(d["iqv"], 4)
    (0.5, 7, 0.5833)
    """
    return describe(nodes, field)[1]


def ei_summary(nodes: Sequence[NodeData], field: str, inside: str) -> dict[str, Any]:
    """E-I index of `field` where `inside` is the ego's own group, with its counts."""
    # Each distinct raw value is cleaned once (see `_value_counts`).
    known = internal = 0
    for raw, times in _tally(nodes, field).items():
        value = str(raw).strip()
        if value:
            known += times
            internal += times if value == inside else 0
    external = known - internal
    return {
        "inside": internal,
        "outside": external,
        "unknown": len(nodes) - known,
        "inside_share": internal / known if known else None,
        # `ei_index` over the known values, from their counts.
        "ei": (external - internal) / known if known else None,
    }


def weak_tie_share(nodes: Sequence[NodeData]) -> float | None:
    """Weak ties over strong plus weak ties; prospects do not count.

    >>> weak_tie_share([NodeData(1, "A", strength="weak"), NodeData(2, "B", strength="strong")])
    0.5
    """
    weak = sum(1 for n in nodes if n.strength == "weak")
    strong = sum(1 for n in nodes if n.strength == "strong")
    return weak / (weak + strong) if weak + strong else None


def mode_balance(nodes: Sequence[NodeData]) -> dict[str, Any]:
    """How ties live: only in person, only through technology, or both.

    Shares are over nodes whose mode is known.
    """
    counts = {"personal": 0, "technology": 0, "both": 0, "unknown": 0}
    # A big PLN holds a handful of distinct mode lists: each is read once.
    for modes, times in _tally(nodes, "modes").items():
        personal, technology = "personal" in modes, "technology" in modes
        if personal and technology:
            counts["both"] += times
        elif personal:
            counts["personal"] += times
        elif technology:
            counts["technology"] += times
        else:
            counts["unknown"] += times
    known = len(nodes) - counts["unknown"]
    shares = {k: (counts[k] / known if known else None) for k in ("personal", "technology", "both")}
    return {"counts": counts, "shares": shares}


def coverage_matrix(nodes: Sequence[NodeData]) -> dict[str, Any]:
    """Nodes per area and role: where the PLN is thick and where it is empty.

    `matrix[i][j]` counts nodes placed in `areas[i]` with role `roles[j]`.
    """
    areas, roles = list(AREAS), list(ROLES)
    a_index = {a: i for i, a in enumerate(areas)}
    r_index = {r: j for j, r in enumerate(roles)}
    matrix = [[0] * len(roles) for _ in areas]
    per_area = dict.fromkeys(areas, 0)
    # Each distinct (areas, roles) pair is read once: a big PLN has few.
    for (areas_of, roles_of), times in _tally(nodes, "areas", "roles").items():
        for area in set(areas_of):
            if area not in a_index:
                continue
            per_area[area] += times
            for role in set(roles_of):
                if role in r_index:
                    matrix[a_index[area]][r_index[role]] += times
    return {
        "areas": areas,
        "roles": roles,
        "matrix": matrix,
        "per_area": per_area,
        "empty_areas": [a for a in areas if per_area[a] == 0],
    }
