"""`tiewise insights --user EMAIL [--json]`."""

from __future__ import annotations

import json
from typing import Any

from tiewise.commands import TiewiseCommand, user_by_email


class Command(TiewiseCommand):
    help = "Print what the network says (findings; --json: everything)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--user", required=True, metavar="EMAIL")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        from tiewise.insights.selectors import insights_for

        rep = insights_for(user_by_email(options["user"]), use_cache=False)
        if options["json"]:
            self.stdout.write(json.dumps(rep, indent=2, default=str))
            return
        size = rep["size"]
        self.stdout.write(
            f"{size['nodes']} ties ({size['strong']} strong, {size['weak']} weak), "
            f"{size['prospects']} prospects"
        )
        for f in rep["findings"]:
            self.stdout.write(f"[{f['severity']}] {f['text']}")
