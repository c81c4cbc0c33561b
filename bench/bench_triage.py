"""The triage inbox on a 2,000-record LinkedIn import, through HTTP, against
a trivial Django JSON view (/healthz) timed in the same run.

    .venv/bin/python bench/bench_triage.py

Figures: GET /api/v1/imports/{id}/records (a page of 100, most relevant
first; and searched and filtered), the inbox page itself, and a rule over
every matching record (POST /decide with `match`), each as a median and a
ratio to the trivial view. Staging the file (parse, dedupe, clean, enrich,
insert) is timed against `parse_any` alone on the same bytes.
"""

from __future__ import annotations

import json
import statistics
import sys
import time

import _django

_django.setup()
sys.path.insert(0, str(_django.ROOT))

from django.test import Client  # noqa: E402

from tests.transfer.conftest import realistic_linkedin  # noqa: E402
from tiewise.accounts.services import token_create, user_create  # noqa: E402
from tiewise.core.importers import parse_any  # noqa: E402
from tiewise.transfer import services  # noqa: E402


def median_time(client: Client, method: str, url: str, repeat: int, **kw: object) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = getattr(client, method)(url, **kw)
        times.append(time.perf_counter() - start)
        assert response.status_code in (200, 302), response.content[:300]
    return statistics.median(times)


def main() -> None:
    user = user_create(email="bench-triage@example.org", password="bench")
    data = realistic_linkedin(2000)
    start = time.perf_counter()
    parse_any(data, filename="Connections.csv")
    parse = time.perf_counter() - start
    start = time.perf_counter()
    batch = services.import_stage(owner=user, data=data, filename="Connections.csv")
    stage = time.perf_counter() - start
    print(f"triage_stage_2000: {stage * 1000:.0f} ms  baseline parse_any: "
          f"{parse * 1000:.0f} ms  ratio {stage / parse:.1f}x")  # fmt: skip
    token = token_create(user=user, name="bench")[1]  # type: ignore[arg-type]
    headers = {"Authorization": f"Bearer {token}"}
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    client.get("/healthz")
    trivial = median_time(client, "get", "/healthz", 50)
    base = f"/api/v1/imports/{batch.pk}"
    cases = [
        ("records_page", "get", f"{base}/records?limit=100", {"headers": headers}),
        ("records_filtered", "get",
         f"{base}/records?q=resident&organisation=mayo&has_email=no&limit=100",
         {"headers": headers}),
        ("inbox_page", "get", f"/import/{batch.pk}/", {}),
        ("inbox_page_filtered", "get", f"/import/{batch.pk}/?title=resident&page=2", {}),
        ("decide_match_rule", "post", f"{base}/decide",
         {"headers": headers, "content_type": "application/json",
          "data": json.dumps({"match": {"title": "physician"}, "roles": ["peer"]})}),
    ]  # fmt: skip
    for name, method, url, kw in cases:
        t = median_time(client, method, url, 5, **kw)
        print(f"triage_{name}_2000: {t * 1000:.0f} ms  baseline trivial_view: "
              f"{trivial * 1000:.2f} ms  ratio {t / trivial:.0f}x")  # fmt: skip


if __name__ == "__main__":
    main()
