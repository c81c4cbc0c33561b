"""`tiewise due --user EMAIL [--json]`."""

from __future__ import annotations

import json
from typing import Any

from tiewise.commands import TiewiseCommand, user_by_email


class Command(TiewiseCommand):
    help = "List the ties and actions due, soonest first."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--user", required=True, metavar="EMAIL")
        parser.add_argument("--json", action="store_true", help='print {"items": [...]} as JSON')

    def handle(self, *args: Any, **options: Any) -> None:
        from tiewise.upkeep import selectors

        user = user_by_email(options["user"])
        items = [selectors.due_item_dict(i) for i in selectors.due_items(user)]
        if options["json"]:
            self.stdout.write(json.dumps({"items": items}, indent=2, default=str))
            return
        if not items:
            self.stdout.write("Nobody is due and no action is overdue.")
            return
        for item in items:
            tie = item["type"] == "tie"
            ref = f"node {item['node_id']}" if tie else f"action {item['action_id']}"
            label = item["title"] if tie else f"Action: {item['title']}"
            self.stdout.write(
                f"{item['due_date']}  {item['status']:<8} {label}  ({item['reason']}; {ref})"
            )
