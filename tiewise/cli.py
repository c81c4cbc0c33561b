"""The `tiewise` command. Each subcommand calls the same service functions as
the pages and the API; errors go to stderr in one line with a non-zero exit."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any


class CliError(Exception):
    """A problem the user can fix; printed as one line, exit code 1."""


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tiewise.settings")
    import django

    django.setup()


def _user(email: str) -> Any:
    from tiewise.accounts.models import User

    try:
        return User.objects.get(email=email.strip().lower())
    except User.DoesNotExist:
        raise CliError(f"no user with email {email}") from None


def cmd_migrate(args: argparse.Namespace) -> int:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0 if args.quiet else 1)
    return 0


def collectstatic_if_needed() -> bool:
    """Collect (and compress) static files only when a source file changed:
    compressing the map library takes many seconds, a restart should not."""
    import hashlib

    from django.conf import settings
    from django.contrib.staticfiles.finders import get_finders
    from django.core.management import call_command

    digest = hashlib.sha256()
    for finder in get_finders():
        for path, storage in finder.list([]):
            stat = os.stat(storage.path(path))
            digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    import fcntl

    root = Path(settings.STATIC_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    stamp = root / ".source-digest"
    # Several servers may start at once (parallel tests): one collects, the
    # others wait for it and then find the stamp current.
    with (root / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if stamp.exists() and stamp.read_text() == digest.hexdigest():
            return False
        call_command("collectstatic", interactive=False, verbosity=0)
        stamp.write_text(digest.hexdigest())
    return True


def cmd_serve(args: argparse.Namespace) -> int:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    collectstatic_if_needed()
    from gunicorn.app.base import BaseApplication

    from tiewise.wsgi import application

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            self.cfg.set("bind", f"{args.host}:{args.port}")
            self.cfg.set("workers", args.workers)
            self.cfg.set("threads", args.threads)
            self.cfg.set("worker_class", "gthread")
            self.cfg.set("accesslog", "-" if args.access_log else None)
            self.cfg.set("timeout", 60)
            self.cfg.set("graceful_timeout", 10)

        def load(self) -> Any:
            return application

    print(f"Tiewise is serving at http://{args.host}:{args.port}/", flush=True)
    Server().run()
    return 0


def cmd_createuser(args: argparse.Namespace) -> int:
    import secrets

    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    from tiewise.accounts.models import User
    from tiewise.accounts.services import user_create

    try:
        validate_email(args.email)
    except ValidationError:
        raise CliError(f"not a valid email address: {args.email}") from None
    if User.objects.filter(email=args.email.lower()).exists():
        raise CliError(f"a user with email {args.email} already exists")
    password = args.password or secrets.token_urlsafe(12)
    user_create(email=args.email, password=password, display_name=args.name or "")
    print(f"Created {args.email}" + ("" if args.password else f" with password {password}"))
    return 0


def cmd_token(args: argparse.Namespace) -> int:
    from tiewise.accounts.models import ApiToken
    from tiewise.accounts.services import token_create, token_revoke

    user = _user(args.email)
    if args.action == "create":
        token, raw = token_create(user=user, name=args.name, scope=args.scope)
        print(raw)
    elif args.action == "list":
        rows = [
            {
                "id": t.pk,
                "name": t.name,
                "prefix": t.prefix,
                "scope": t.scope,
                "created_at": t.created_at.isoformat(),
                "last_used_at": t.last_used_at.isoformat() if t.last_used_at else None,
            }
            for t in ApiToken.objects.filter(user=user)
        ]
        if args.json:
            print(json.dumps(rows, indent=2))
        else:
            for r in rows:
                print(f"{r['id']}\t{r['name']}\t{r['prefix']}…\t{r['scope']}")
    else:
        if args.id is None:
            raise CliError("token revoke needs --id (see `tiewise token list`)")
        if not token_revoke(user=user, token_id=args.id):
            raise CliError(f"no token {args.id} for {user.email}")
        print(f"Revoked token {args.id}")
    return 0


def cmd_insights(args: argparse.Namespace) -> int:
    from tiewise.insights.selectors import insights_for

    rep = insights_for(_user(args.user), use_cache=False)
    if args.json:
        print(json.dumps(rep, indent=2, default=str))
        return 0
    size = rep["size"]
    print(
        f"{size['nodes']} ties ({size['strong']} strong, {size['weak']} weak), "
        f"{size['prospects']} prospects"
    )
    for f in rep["findings"]:
        print(f"[{f['severity']}] {f['text']}")
    return 0


def progress_bar(label: str) -> Any:
    """A rich progress bar on a terminal; silent when output is piped, so
    scripts and logs stay clean. Returns (context manager, update(done, total))."""
    import contextlib

    if not sys.stderr.isatty():
        return contextlib.nullcontext(), lambda done, total: None
    from rich.progress import Progress

    progress = Progress(transient=True)
    task = progress.add_task(label, total=None)

    def update(done: int, total: int) -> None:
        progress.update(task, completed=done, total=total)

    return progress, update


def cmd_backup(args: argparse.Namespace) -> int:

    from tiewise.backup import BackupError, backup

    bar, update = progress_bar("Backing up")
    try:
        with bar:
            backup(Path(args.output), progress=update)
    except BackupError as exc:
        raise CliError(str(exc)) from None
    print(f"Backup written to {args.output}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:

    from tiewise.backup import BackupError, restore

    try:
        restore(Path(args.file))
    except BackupError as exc:
        raise CliError(str(exc)) from None
    print(f"Restored the database from {args.file}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    try:
        call_command("check", deploy=args.deploy, fail_level="WARNING" if args.deploy else "ERROR")
    except SystemCheckError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from tiewise.demo import load_demo

    created, password = load_demo(email=args.email, password=args.password, reset=args.reset)
    if created:
        print(f"Demo PLN loaded. Log in as {args.email} with password {password}")
    else:
        print(f"Demo user {args.email} already exists (use --reset to rebuild it).")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tiewise", description="Tiewise: your personal learning network."
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    def add(name: str, func: Callable[[argparse.Namespace], int], help_: str) -> Any:
        p = sub.add_parser(name, help=help_, description=help_)
        p.set_defaults(func=func)
        return p

    p = add("serve", cmd_serve, "Apply pending migrations, then serve with gunicorn.")
    p.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    p.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    p.add_argument("--workers", type=int, default=int(os.environ.get("WEB_WORKERS", "2")))
    p.add_argument("--threads", type=int, default=int(os.environ.get("WEB_THREADS", "4")))
    p.add_argument("--access-log", action="store_true", help="log each request")

    p = add("migrate", cmd_migrate, "Create or update the database tables.")
    p.add_argument("--quiet", action="store_true")

    p = add("demo", cmd_demo, "Create the demo user with a believable PLN.")
    p.add_argument("--email", default="demo@tiewise.local")
    p.add_argument("--password", default=None, help="default: 'tiewise-demo'")
    p.add_argument("--reset", action="store_true", help="delete and rebuild the demo user")

    p = add("createuser", cmd_createuser, "Create an account.")
    p.add_argument("email")
    p.add_argument("--password", help="default: a random one, printed")
    p.add_argument("--name", help="display name")

    p = add("token", cmd_token, "Create, list or revoke API tokens.")
    p.add_argument("action", choices=["create", "list", "revoke"])
    p.add_argument("email")
    p.add_argument("--name", default="cli")
    p.add_argument("--scope", choices=["read", "write"], default="write")
    p.add_argument("--id", type=int, help="token id to revoke")
    p.add_argument("--json", action="store_true")

    p = add("insights", cmd_insights, "Print what the network says (findings; --json: everything).")
    p.add_argument("--user", required=True, metavar="EMAIL")
    p.add_argument("--json", action="store_true")

    from tiewise.planning.cli import register as register_planning

    register_planning(add)
    from tiewise.upkeep.cli import register as register_upkeep

    register_upkeep(add)

    from tiewise.transfer.cli import register as register_transfer

    register_transfer(add)
    p = add("backup", cmd_backup, "Copy the whole database to a file (consistent while serving).")
    p.add_argument("-o", "--output", required=True, metavar="FILE")

    p = add("restore", cmd_restore, "Replace the whole database with a backup file.")
    p.add_argument("file", metavar="FILE")

    p = add("check", cmd_check, "Run Django's system checks and Tiewise's own.")
    p.add_argument("--deploy", action="store_true", help="include the production checks")

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        _setup_django()
        return int(args.func(args) or 0)
    except CliError as exc:
        print(f"tiewise {args.command}: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - one clear line, not a traceback
        if os.environ.get("TIEWISE_DEBUG"):
            raise
        print(f"tiewise {args.command}: error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
