"""Whatever bytes arrive, an importer either reads them or raises ImportFailed."""

from __future__ import annotations

import contextlib
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tiewise.core.importers import FORMATS, ImportFailed, OwnerHints, parse_any

DATA = Path(__file__).resolve().parent.parent / "data" / "imports"
SAMPLES = {
    "vcard": "contacts_v3.vcf",
    "linkedin": "Connections.csv",
    "google": "google_contacts.csv",
    "outlook": "outlook_contacts.csv",
    "twitter": "following.js",
    "mastodon": "following_accounts.csv",
    "bibtex": "publications.bib",
    "ris": "publications.ris",
    "medline": "pubmed.nbib",
    "graphml": "network.graphml",
    "gexf": "gephi_1_3.gexf",
    "json": None,
}
OWNER = OwnerHints(names=("Ana Ruiz",))
FUZZ = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def sample(fmt: str) -> bytes:
    name = SAMPLES[fmt]
    if name is None:
        return (
            b'{"format": "tiewise", "version": 1, "nodes": [{"id": 1, "name": "A", "modes": '
            b'["personal"]}, {"id": 2, "name": "B"}], "alter_ties": [{"source": 1, "target": 2}]}'
        )
    return (DATA / name).read_bytes()


@st.composite
def mutated(draw: st.DrawFn, fmt: str) -> bytes:
    """A sample with a slice cut out, replaced or repeated: the shapes of real damage."""
    data = sample(fmt)
    start = draw(st.integers(0, len(data)))
    end = draw(st.integers(start, min(len(data), start + 200)))
    filler = draw(
        st.one_of(
            st.binary(max_size=30),
            st.sampled_from(
                [b"", b"{", b"}", b",", b'"', b"\n", b"\r\n ", b"=", b";", b"<", b"\x00"]
            ),
            st.text(max_size=20).map(lambda t: t.encode("utf-8", "surrogatepass")),
        )
    )
    return data[:start] + filler + data[end:]


def reads_or_fails_cleanly(data: bytes, fmt: str) -> None:
    try:
        parse_any(data, filename="fuzz", format=fmt, owner=OWNER, today=date(2024, 1, 1))
    except ImportFailed as error:
        assert str(error).startswith("fuzz")


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_damaged_samples_raise_only_import_failed(fmt):
    @FUZZ
    @given(mutated(fmt))
    def check(data: bytes) -> None:
        reads_or_fails_cleanly(data, fmt)

    check()


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_random_bytes_raise_only_import_failed(fmt):
    @FUZZ
    @given(st.binary(max_size=2_000))
    def check(data: bytes) -> None:
        reads_or_fails_cleanly(data, fmt)

    check()


@FUZZ
@given(st.binary(max_size=2_000))
def test_format_detection_on_random_bytes_raises_only_import_failed(data):
    with contextlib.suppress(ImportFailed):
        parse_any(data, filename="upload")
