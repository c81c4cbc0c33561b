"""Label placement on maps as crowded as a big PLN's: no label drawn over
another or over a node, none outside the wheel unless it may leave it, and
a label with no room left off rather than drawn on top."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from tiewise.core.labels import Box, Label, Placement, place_labels

Obstacles = list[tuple[str, float, float, float]]

names = st.text(alphabet="AaBbIilMmWw .-", min_size=1, max_size=14)


@st.composite
def maps(draw: st.DrawFn) -> tuple[list[Label], Obstacles, float | None]:
    """Nodes (some crowded together) with labels to place."""
    n = draw(st.integers(min_value=1, max_value=40))
    spread = draw(st.sampled_from([40.0, 150.0, 400.0]))
    labels, obstacles = [], []
    for i in range(n):
        x = draw(st.floats(-spread, spread, allow_nan=False))
        y = draw(st.floats(-spread, spread, allow_nan=False))
        r = draw(st.floats(2, 18, allow_nan=False))
        lines = tuple(draw(st.lists(names, min_size=1, max_size=2)))
        font = draw(st.sampled_from([7.0, 9.0, 11.5, 14.0]))
        outward = draw(st.sampled_from([1, -1, 0]))
        obstacles.append((f"n{i}", x, y, r))
        if draw(st.booleans()) or i < 3:
            labels.append(Label(f"n{i}", x, y, r, lines, font, outward, draw(st.booleans())))
    within = draw(st.sampled_from([None, spread * 1.1, spread * 0.6]))
    return labels, obstacles, within


def _farthest(box: Box) -> float:
    return math.hypot(max(abs(box.x1), abs(box.x2)), max(abs(box.y1), abs(box.y2)))


def assert_readable(
    labels: list[Label], obstacles: Obstacles, within: float | None, placed: dict[str, Placement]
) -> None:
    assert set(placed) == {label.key for label in labels}
    boxes = {}
    for label in labels:
        spot = placed[label.key]
        if spot.shown:
            boxes[label.key] = spot.box(label.x, label.y)
            if within is not None:
                limit = within * 1.25 if label.may_leave else within
                assert _farthest(boxes[label.key]) <= limit * (1 + 1e-9), label.key
    shown = list(boxes.items())
    for n, (key, box) in enumerate(shown):
        for other_key, other in shown[n + 1 :]:
            assert not box.overlaps(other), (key, other_key)
        for node, x, y, r in obstacles:
            assert not box.hits_circle(x, y, r), (key, node)


@settings(max_examples=150, deadline=None)
@given(maps())
def test_no_label_covers_another_or_a_node_or_leaves_the_wheel(
    case: tuple[list[Label], Obstacles, float | None],
) -> None:
    labels, obstacles, within = case
    assert_readable(labels, obstacles, within, place_labels(labels, obstacles, within=within))


def test_a_crowded_wheel_puts_labels_beside_out_on_leaders_or_leaves_them_off() -> None:
    """Two hundred people on a wheel, every one labelled: some labels sit
    beside their node, many go out on leader lines, some find no room."""
    obstacles, labels = [], []
    for i in range(200):
        angle = i * 2.399963  # the golden angle: a sunflower, as crowded as a real map
        radius = 15 * math.sqrt(i)
        x, y = radius * math.cos(angle), radius * math.sin(angle)
        obstacles.append((f"n{i}", x, y, 3 + i % 4))
        name = ("Dr. Maria Chen", "Ana Lim", "Omar")[i % 3]
        labels.append(Label(f"n{i}", x, y, 3 + i % 4, (name,), 8.0, 1 if x >= 0 else -1, True))
    placed = place_labels(labels, obstacles, within=160.0)
    assert_readable(labels, obstacles, 160.0, placed)
    shown = [p for p in placed.values() if p.shown]
    assert any(not p.leader for p in shown) and any(p.leader for p in shown)
    assert len(shown) < len(labels)
    # The first label placed (the one who matters most) sits beside its node.
    assert placed["n0"].shown and not placed["n0"].leader
