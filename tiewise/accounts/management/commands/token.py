"""`tiewise token create|list|revoke EMAIL`."""

from __future__ import annotations

import json
from typing import Any

from tiewise.commands import CommandError, TiewiseCommand, user_by_email


class Command(TiewiseCommand):
    help = "Create, list or revoke API tokens."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("action", choices=["create", "list", "revoke"])
        parser.add_argument("email")
        parser.add_argument("--name", default="cli")
        parser.add_argument("--scope", choices=["read", "write"], default="write")
        parser.add_argument("--id", type=int, help="token id to revoke")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        from tiewise.accounts.selectors import tokens_of
        from tiewise.accounts.services import token_create, token_revoke
        from tiewise.core.errors import NotFound

        user = user_by_email(options["email"])
        if options["action"] == "create":
            _token, raw = token_create(user=user, name=options["name"], scope=options["scope"])
            self.stdout.write(raw)
        elif options["action"] == "list":
            rows = [
                {
                    "id": t.pk,
                    "name": t.name,
                    "prefix": t.prefix,
                    "scope": t.scope,
                    "created_at": t.created_at.isoformat(),
                    "last_used_at": t.last_used_at.isoformat() if t.last_used_at else None,
                }
                for t in tokens_of(user)
            ]
            if options["json"]:
                self.stdout.write(json.dumps(rows, indent=2))
            else:
                for r in rows:
                    self.stdout.write(f"{r['id']}\t{r['name']}\t{r['prefix']}…\t{r['scope']}")
        else:
            token_id = options["id"]
            if token_id is None:
                raise CommandError("token revoke needs --id (see `tiewise token list`)")
            try:
                token_revoke(user=user, token_id=token_id)
            except NotFound:
                raise CommandError(f"no token {token_id} for {user.email}") from None
            self.stdout.write(f"Revoked token {token_id}")
