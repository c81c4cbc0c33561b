"""Seed the load test's accounts in one process: `python _seed_load.py N`
makes N demo users (each their own PLN, as real users have) and prints, as
JSON, each one's signed-in session key and strong-tie ids. Run with the
server's environment, so the sessions land where the servers read them."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tiewise.settings")


def main(n: int) -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.cached_db import SessionStore

    from tiewise.accounts.models import User
    from tiewise.demo import load_demo

    out = []
    for i in range(n):
        email = f"load{i}@tiewise.local"
        load_demo(email=email)
        user = User.objects.get(email=email)
        # A signed-in session, as the login page makes one (the password
        # check is deliberately slow, and is not what this test measures).
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        ids = list(user.nodes.filter(tie__strength="strong").values_list("pk", flat=True)[:100])
        out.append({"session": session.session_key, "nodes": ids})
    print(json.dumps(out))


if __name__ == "__main__":
    main(int(sys.argv[1]))
