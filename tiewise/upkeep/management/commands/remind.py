"""`tiewise remind`, from cron."""

from __future__ import annotations

from typing import Any

from tiewise.commands import TiewiseCommand


class Command(TiewiseCommand):
    help = "Email the weekly digest to every user who opted in and has something due."

    def handle(self, *args: Any, **options: Any) -> None:
        from tiewise.upkeep import services

        sent, skipped = services.digest_send_all()
        self.stdout.write(
            f"Sent {sent} digest{'s' if sent != 1 else ''}; "
            f"{skipped} opted-in user(s) had nothing due."
        )
