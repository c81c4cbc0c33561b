"""`tiewise due` and `tiewise remind`. Imports Django lazily: the parser is
built before Django is set up."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import Any


def cmd_due(args: argparse.Namespace) -> int:
    from tiewise.cli import _user

    from . import selectors

    user = _user(args.user)
    items = [selectors.due_item_dict(i) for i in selectors.due_items(user)]
    if args.json:
        print(json.dumps({"items": items}, indent=2, default=str))
        return 0
    if not items:
        print("Nobody is due and no action is overdue.")
        return 0
    for item in items:
        ref = f"node {item['node_id']}" if item["type"] == "tie" else f"action {item['action_id']}"
        label = item["title"] if item["type"] == "tie" else f"Action: {item['title']}"
        print(f"{item['due_date']}  {item['status']:<8} {label}  ({item['reason']}; {ref})")
    return 0


def cmd_remind(args: argparse.Namespace) -> int:
    from . import services

    sent, skipped = services.digest_send_all()
    print(
        f"Sent {sent} digest{'s' if sent != 1 else ''}; {skipped} opted-in user(s) had nothing due."
    )
    return 0


def register(add: Callable[..., Any]) -> None:
    p = add("due", cmd_due, "List the ties and actions due, soonest first.")
    p.add_argument("--user", required=True, metavar="EMAIL")
    p.add_argument("--json", action="store_true", help='print {"items": [...]} as JSON')
    add(
        "remind",
        cmd_remind,
        "Email the weekly digest to every user who opted in and has something due.",
    )
