from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tiewise.accounts.models import User

DATA = Path(__file__).resolve().parent.parent / "data" / "imports"


def sample(name: str) -> bytes:
    return (DATA / name).read_bytes()


def upload(name: str, data: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, sample(name) if data is None else data)


def linkedin_csv(n: int) -> bytes:
    """A LinkedIn export with `n` made-up connections."""
    lines = [
        "Notes:",
        '"Some email addresses may be missing."',
        "",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
    ]
    for i in range(n):
        lines.append(
            f"Person{i:02d},Tester,https://www.linkedin.com/in/person-{i:02d},,"
            f"Clinic {i % 5},Physician,0{1 + i % 9} Mar 2023"
        )
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture
def orcid_owner(owner: User) -> User:
    """Ana Ruiz with her ORCID iD on her profile (she is an author in pubmed.nbib)."""
    owner.profile.orcid = "0000-0002-1825-0097"
    owner.profile.save()
    return owner


def api_upload(api: Any, name: str, data: bytes | None = None, **fields: str) -> Any:
    return api.client.post(
        "/api/v1/imports", {"file": upload(name, data), **fields}, headers=api.headers
    )
