"""Shared set-up for benchmarks that need Django: a throwaway SQLite database
in a temporary data dir (or DATABASE_URL when given), migrated once."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from _data import facebook_edges

ROOT = Path(__file__).resolve().parents[1]


def setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("TIEWISE_DATA_DIR", tempfile.mkdtemp(prefix="tiewise-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tiewise.settings")
    os.environ.setdefault("TIEWISE_FAST_HASHER", "1")
    os.environ.setdefault("TIEWISE_STATIC_MANIFEST", "0")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def big_pln_user(email: str, n: int = 3000) -> object:
    """A user whose PLN is ego-Facebook nodes 1..n with the ties among them."""
    import random

    from tiewise.accounts.services import user_create
    from tiewise.core.vocab import AREAS, MODES, REACHES, ROLES, SECTORS
    from tiewise.network.models import AlterTie, Node, Tie

    rng = random.Random(7)
    user = user_create(email=email, password="bench")
    nodes = Node.objects.bulk_create(
        [
            Node(
                owner=user,
                name=f"Person {i}",
                sector=rng.choice(list(SECTORS)),
                reach=rng.choice(list(REACHES)),
            )
            for i in range(1, n + 1)
        ],
        batch_size=1000,
    )
    Tie.objects.bulk_create(
        [
            Tie(
                node=node,
                strength=rng.choice(["strong", "weak", "weak"]),
                modes=[rng.choice(list(MODES))],
                areas=[rng.choice(list(AREAS))],
                roles=[rng.choice(list(ROLES))],
            )
            for node in nodes
        ],
        batch_size=1000,
    )
    ids = [node.pk for node in nodes]
    AlterTie.objects.bulk_create(
        [
            AlterTie(owner=user, source_id=ids[a - 1], target_id=ids[b - 1])
            for a, b in facebook_edges(n)
        ],
        batch_size=5000,
    )
    return user


def realistic_pln_user(email: str, n: int = 2000) -> object:
    """A PLN as an import leaves it: mostly co-authors with no mode, area or
    role yet, a few dozen strong ties and people with roles, some prospects,
    and ego-Facebook's ties among them (so there are clusters)."""
    import random

    from tiewise.accounts.services import user_create
    from tiewise.core.vocab import AREAS, REACHES, SECTORS
    from tiewise.network.models import AlterTie, Node, Tie

    rng = random.Random(11)
    first = ["Ana", "Ben", "Chen", "Dara", "Eli", "Fatima", "Goran", "Hana", "Ivan", "Jia"]
    last = ["Okafor", "Schmidt", "Rossi", "Tanaka", "Novak", "Haddad", "Moreno", "Kim", "Osei"]
    user = user_create(email=email, password="bench")
    nodes = Node.objects.bulk_create(
        [
            Node(
                owner=user,
                name=f"Dr {rng.choice(first)} {rng.choice(last)}-{i}",
                organisation=rng.choice(["", "", "St Mary's", "Karolinska", "UCSF", "Charité"]),
                sector=rng.choice(["", "", *SECTORS]),
                reach=rng.choice(["", *REACHES]),
            )
            for i in range(1, n + 1)
        ],
        batch_size=1000,
    )
    ties = []
    for node in nodes:
        kind = rng.random()
        if kind < 0.04:  # strong ties, fully described
            strength, modes, areas = (
                "strong",
                [rng.choice(["personal", "technology"])],
                [rng.choice(list(AREAS))],
            )
            roles = [rng.choice(["mentor", "sponsor", "coach", "peer", "collaborator"])]
        elif kind < 0.07:  # weak ties with a role
            strength, modes, areas = (
                "weak",
                [rng.choice(["personal", "technology"])],
                [rng.choice(list(AREAS))],
            )
            roles = [rng.choice(["collaborator", "subject_expert", "peer"])]
        elif kind < 0.09:  # prospects
            strength, modes, areas, roles = "absent", [], [rng.choice(list(AREAS))], []
        elif kind < 0.30:  # weak, mode and area known
            strength, modes, areas, roles = (
                "weak",
                [rng.choice(["personal", "technology"])],
                [rng.choice(list(AREAS))],
                [],
            )
        else:  # co-authors straight from an import: nothing set
            strength, modes, areas, roles = "weak", [], rng.choice([[], [], ["academic"]]), []
        ties.append(Tie(node=node, strength=strength, modes=modes, areas=areas, roles=roles))
    Tie.objects.bulk_create(ties, batch_size=1000)
    ids = [node.pk for node in nodes]
    AlterTie.objects.bulk_create(
        [
            AlterTie(owner=user, source_id=ids[a - 1], target_id=ids[b - 1])
            for a, b in facebook_edges(n)
        ],
        batch_size=5000,
    )
    return user


def users_at_sizes(prefix: str) -> list[tuple[int, object]]:
    """The sizes every page bench reports: the demo (40 ties) and realistic
    PLNs of 2,000 and 3,000 (`prefix` names their accounts)."""
    from tiewise.accounts.models import User
    from tiewise.demo import load_demo

    load_demo()
    return [
        (40, User.objects.get(email="demo@tiewise.local")),
        (2000, realistic_pln_user(f"{prefix}-2000@example.org", n=2000)),
        (3000, realistic_pln_user(f"{prefix}-3000@example.org", n=3000)),
    ]
