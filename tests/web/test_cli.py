from __future__ import annotations

from typing import Any

import pytest

from tiewise.accounts.models import ApiToken, User, hash_token
from tiewise.cli import main
from tiewise.network.models import AlterTie, Node

pytestmark = pytest.mark.django_db(transaction=True)


def test_createuser_and_token_create(capsys: Any) -> None:
    assert main(["createuser", "cli@example.org", "--password", "a long pass phrase 1"]) == 0
    assert User.objects.get(email="cli@example.org").check_password("a long pass phrase 1")
    assert main(["token", "create", "cli@example.org"]) == 0
    raw = capsys.readouterr().out.strip().splitlines()[-1]
    assert ApiToken.objects.filter(key_hash=hash_token(raw)).exists()


def test_errors_are_one_line_on_stderr_with_a_nonzero_exit(capsys: Any) -> None:
    assert main(["token", "create", "ghost@example.org"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no user with email ghost@example.org" in err


def test_duplicate_user_is_refused(capsys: Any) -> None:
    main(["createuser", "dup@example.org"])
    assert main(["createuser", "dup@example.org"]) == 1
    assert "already exists" in capsys.readouterr().err


def test_demo_builds_a_believable_pln_once(capsys: Any) -> None:
    assert main(["demo"]) == 0
    user = User.objects.get(email="demo@tiewise.local")
    nodes = Node.objects.filter(owner=user).select_related("tie")
    assert 36 <= nodes.count() <= 45
    ties = [n.tie for n in nodes]
    assert {t.strength for t in ties} == {"strong", "weak", "absent"}
    assert {a for t in ties for a in t.areas} == {
        "academic",
        "expertise",
        "professional_identity",
        "informal_community",
    }
    assert {m for t in ties for m in t.modes} == {"personal", "technology"}
    assert {n.sector for n in nodes} >= {
        "medicine",
        "health_professions",
        "academia",
        "industry",
        "government",
        "nonprofit",
    }
    assert {n.reach for n in nodes} == {"local", "regional", "national", "international"}
    assert {n.kind for n in nodes} >= {"person", "organisation", "department", "team", "community"}
    assert AlterTie.objects.filter(owner=user).count() >= 30
    assert main(["demo"]) == 0  # second run leaves it alone
    assert "already exists" in capsys.readouterr().out
    assert Node.objects.filter(owner=user).count() == nodes.count()
