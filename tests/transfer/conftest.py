from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tiewise.accounts.models import User
from tiewise.core.importers.text import fold

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


FIRST = ("Ana", "Ben", "Chiara", "David", "Elif", "Femi", "Greta", "Hiro", "Ines", "Jonas",
         "Kavya", "Lars", "María", "Nadia", "Omar", "Priya", "Quentin", "Rosa", "Sven", "Tomás",
         "Uma", "Viktor", "Wen", "Yara", "Zoë")  # fmt: skip
LAST = ("Okafor", "Lindqvist", "Rossi", "Chen", "Yılmaz", "Adeyemi", "Müller", "Tanaka",
        "García", "Becker", "Iyer", "Nilsson", "López", "Haddad", "Farouk", "Natarajan",
        "Dubois", "Ferreira", "Berg", "Ibáñez", "Kapoor", "Novak", "Li", "Santos", "Weber")  # fmt: skip
ORGS = ("Mayo Clinic", "Charité – Universitätsmedizin Berlin", "Hôpital Européen Georges-Pompidou",
        "Karolinska Institutet", "Pfizer Inc.", "NHS England", "Wellcome Trust",
        "Massachusetts General Hospital", "Stanford University", "Roche Diagnostics GmbH",
        "Ministry of Health", "University of Pennsylvania School of Nursing", "Google LLC",
        "Médecins Sans Frontières", "Cleveland Clinic", "Self-employed")  # fmt: skip
TITLES = ("Emergency Medicine Resident", "Consultant Cardiologist", "Nurse Practitioner",
          "Professor of Medicine", "Software Engineer", "Medical Science Liaison",
          "Policy Advisor", "Program Officer", "Resident Physician", "Attending Physician",
          "Research Fellow", "Clinical Pharmacist")  # fmt: skip


def realistic_linkedin(n: int, *, seed: int = 7) -> bytes:
    """A LinkedIn export with `n` connections at real organisations (a fifth
    with an email), seeded so every run reads the same file."""
    import random

    rnd = random.Random(seed)
    lines = ["Notes:", '"Some email addresses may be missing."', "",
             "First Name,Last Name,URL,Email Address,Company,Position,Connected On"]  # fmt: skip
    for i in range(n):
        first, last = rnd.choice(FIRST), rnd.choice(LAST)
        slug = f"{first}-{last}-{i}".lower()
        email = f"{slug}@example.org" if rnd.random() < 0.2 else ""
        org, title = rnd.choice(ORGS), rnd.choice(TITLES)
        when = f"{1 + i % 28:02d} {('Jan', 'Mar', 'Jun', 'Oct')[i % 4]} {2015 + i % 10}"
        lines.append(f'{first},{last},https://www.linkedin.com/in/{slug},{email},"{org}",'
                     f"{title},{when}")  # fmt: skip
    return ("\n".join(lines) + "\n").encode()


def staged_batch(owner: User, n: int, *, seed: int = 7, filename: str = "Connections.csv") -> Any:
    """A staged LinkedIn import of `n` realistic records, bulk-created
    straight into the database (what import_stage stores, without parsing
    a file): thousands in well under a second. Every 50th record is a
    possible duplicate of one of the owner's people."""
    import random
    from datetime import date

    from tiewise.network.models import Node
    from tiewise.transfer import services
    from tiewise.transfer.models import ImportBatch, StagedRecord

    rnd = random.Random(seed)
    hints = services.enrich_owner(owner)
    known = Node.objects.create(owner=owner, name="Okafor B")
    batch = ImportBatch.objects.create(
        owner=owner, filename=filename, format="linkedin", record_count=n
    )
    cache: dict[tuple[str, str, bool], dict[str, Any]] = {}
    rows = []
    for i in range(n):
        first, last = rnd.choice(FIRST), rnd.choice(LAST)
        org, title = rnd.choice(ORGS), rnd.choice(TITLES)
        email = f"{first}.{last}.{i}@example.org".lower() if rnd.random() < 0.2 else ""
        data = {"name": f"{first} {last}", "organisation": org, "title": title,
                "email": email, "modes": ["technology"], "areas": [], "roles": [],
                "links": [f"https://www.linkedin.com/in/{first}-{last}-{i}".lower()],
                "strength": "weak"}  # fmt: skip
        key = (org, title, bool(email))
        if key not in cache:
            cache[key] = services.triage_fields(
                data, source="linkedin", owner=hints, today=date(2026, 12, 1)
            )
        fields = dict(cache[key])
        fields["search_text"] = fold(" ".join(w for w in (data["name"], org, title, email) if w))
        dup = i % 50 == 49
        rows.append(
            StagedRecord(
                batch=batch, position=i, line=i + 5, name=data["name"], data=data,
                suggested_strength="weak", duplicate_of=known if dup else None,
                duplicate_reason="initials" if dup else "", **fields,
            )
        )  # fmt: skip
    StagedRecord.objects.bulk_create(rows, batch_size=1000)
    return batch
