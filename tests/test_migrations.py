"""The migrations describe the models: adding a vocabulary value or a field
without its migration fails here, not on someone's server."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_every_model_change_has_its_migration() -> None:
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exc:  # makemigrations --check exits 1 when one is missing
        pytest.fail(f"a migration is missing (run makemigrations):\n{out.getvalue()}")
        raise AssertionError from exc
