"""GET /api/v1/map cold and warm at 40 (the demo), 2,000 and 3,000 ties,
against GET /api/v1/me (a trivial authenticated API call) timed in the same
run through the same stack, plus the worksheet's map SVG (what the PDF draws).

Cold means just after an edit (a new PLN version); warm is the next request,
served as cached bytes."""

from __future__ import annotations

import statistics
import time

import _django

_django.setup()

from django.test import Client  # noqa: E402

from tiewise.accounts.services import token_create  # noqa: E402


def median_time(client: Client, url: str, headers: dict[str, str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url, headers=headers)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, response.content[:200]
    return statistics.median(times)


def main() -> None:
    from tiewise.core.svg import render_svg
    from tiewise.network.models import Node
    from tiewise.network.selectors import pln_snapshot
    from tiewise.network.services import node_update

    client = Client()
    for ties, user in _django.users_at_sizes("bench-map"):
        token = token_create(user=user, name="bench")[1]  # type: ignore[arg-type]
        headers = {"Authorization": f"Bearer {token}"}
        trivial = median_time(client, "/api/v1/me", headers, 30)
        node = Node.objects.filter(owner=user).order_by("id").first()
        colds = []
        for strength in ("strong", "weak", "strong"):
            node_update(node=node, data={"strength": strength})  # an edit: the cache is cold
            colds.append(median_time(client, "/api/v1/map", headers, 1))
        cold = sorted(colds)[1]
        warm = median_time(client, "/api/v1/map", headers, 15)
        body = client.get("/api/v1/map", headers=headers).json()
        elements = len(body["nodes"]) + len(body["edges"])
        for label, t in (("cold", cold), ("warm", warm)):
            print(
                f"map_api_{ties}_{label}: {t * 1000:.1f} ms  baseline api_me: "
                f"{trivial * 1000:.2f} ms  ratio {t / trivial:.1f}x  ({elements} elements)"
            )
        pln = pln_snapshot(user)  # type: ignore[arg-type]
        start = time.perf_counter()
        render_svg(pln)
        svg = time.perf_counter() - start
        print(f"map_svg_{ties}: {svg * 1000:.0f} ms  ratio to api_me {svg / trivial:.0f}x")


if __name__ == "__main__":
    main()
