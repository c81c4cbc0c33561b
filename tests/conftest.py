"""Shared personas: every view test checks the owner, another user and an
anonymous visitor (healthchecks style)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from tiewise.accounts.models import User
from tiewise.accounts.services import token_create, user_create
from tiewise.network import services

#: Where tests cannot depend on the suite's database: pure Python (the core
#: and its doctests) and the ops tests, whose servers run on databases of
#: their own. The PostgreSQL pass leaves out those that never ask for the
#: in-process database (`-m "not any_database"`): they ran in the SQLite pass.
_ANY_DATABASE = ("tests/core/", "tiewise/core/", "tests/ops/")
_DB_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
}


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    root = Path(str(config.rootpath))
    for item in items:
        where = Path(str(item.path)).relative_to(root).as_posix()
        uses_db = _DB_FIXTURES & set(getattr(item, "fixturenames", ())) or item.get_closest_marker(
            "django_db"
        )
        if where.startswith(_ANY_DATABASE) and not uses_db:
            item.add_marker(pytest.mark.any_database)


@pytest.fixture
def owner(db: Any) -> User:
    return user_create(
        email="ana@example.org", password="correct horse 42", display_name="Ana Ruiz"
    )


@pytest.fixture
def other(db: Any) -> User:
    return user_create(email="ben@example.org", password="correct horse 43", display_name="Ben")


def sign_in(client: Client, user: User, *, minutes_ago: float = 0) -> Client:
    """Sign `user` in as the login page would: the session also records when
    (sensitive actions ask for the password again after 15 minutes)."""
    import time

    from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY

    client.force_login(user)
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": time.time() - minutes_ago * 60, "email": user.email}
    ]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()
    return client


@pytest.fixture
def owner_client(owner: User) -> Client:
    return sign_in(Client(), owner)


@pytest.fixture
def other_client(other: User) -> Client:
    return sign_in(Client(), other)


@pytest.fixture
def anon_client() -> Client:
    return Client()


class ApiClient:
    """A thin JSON client that sends a Bearer token."""

    def __init__(self, token: str | None) -> None:
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def _call(self, method: str, path: str, data: Any = None) -> Any:
        fn = getattr(self.client, method)
        kwargs: dict[str, Any] = {"headers": self.headers}
        if data is not None:
            if method == "get":
                kwargs["data"] = data
            else:
                kwargs["data"] = data
                kwargs["content_type"] = "application/json"
        return fn(path, **kwargs)

    def get(self, path: str, data: Any = None) -> Any:
        return self._call("get", path, data)

    def post(self, path: str, data: Any = None) -> Any:
        return self._call("post", path, data if data is not None else {})

    def patch(self, path: str, data: Any) -> Any:
        return self._call("patch", path, data)

    def delete(self, path: str) -> Any:
        return self._call("delete", path)


@pytest.fixture
def owner_api(owner: User) -> ApiClient:
    return ApiClient(token_create(user=owner, name="test")[1])


@pytest.fixture
def other_api(other: User) -> ApiClient:
    return ApiClient(token_create(user=other, name="test")[1])


@pytest.fixture
def anon_api() -> ApiClient:
    return ApiClient(None)


@pytest.fixture
def jane(owner: User) -> Any:
    return services.node_create(
        owner=owner,
        data={"name": "Jane Doe", "strength": "strong", "roles": ["mentor"], "areas": ["expertise"],
              "modes": ["personal"], "sector": "medicine", "reach": "local", "organisation": "Mayo"},
    )  # fmt: skip


@pytest.fixture
def raj(owner: User) -> Any:
    return services.node_create(
        owner=owner,
        data={"name": "Raj Patel", "strength": "weak", "areas": ["academic"], "modes": ["technology"],
              "sector": "academia", "reach": "international"},
    )  # fmt: skip


@pytest.fixture(autouse=True)
def _fresh_cache() -> Any:
    """Each test starts with an empty cache, as a fresh server would."""
    from django.core.cache import cache

    cache.clear()
    yield
