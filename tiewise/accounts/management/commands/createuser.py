"""`tiewise createuser EMAIL`."""

from __future__ import annotations

from typing import Any

from tiewise.commands import CommandError, TiewiseCommand


class Command(TiewiseCommand):
    help = "Create an account."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("email")
        parser.add_argument("--password", help="default: a random one, printed")
        parser.add_argument("--name", help="display name")

    def handle(self, *args: Any, **options: Any) -> None:
        import secrets

        from django.core.exceptions import ValidationError
        from django.core.validators import validate_email

        from tiewise.accounts.models import User
        from tiewise.accounts.services import user_create

        email, given = options["email"], options["password"]
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"not a valid email address: {email}") from None
        if User.objects.filter(email=email.lower()).exists():
            raise CommandError(f"a user with email {email} already exists")
        password = given or secrets.token_urlsafe(12)
        user_create(email=email, password=password, display_name=options["name"] or "")
        self.stdout.write(f"Created {email}" + ("" if given else f" with password {password}"))
