"""Server time of GET /api/v1/map on a 2,000-node PLN, against a trivial
Django JSON view (/healthz) timed in the same run through the same stack."""

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
    user = _django.big_pln_user("bench-map@example.org", n=2000)
    token = token_create(user=user, name="bench")[1]  # type: ignore[arg-type]
    headers = {"Authorization": f"Bearer {token}"}
    client = Client()
    client.get("/healthz")
    trivial = median_time(client, "/healthz", {}, 50)
    from tiewise.network.models import Node
    from tiewise.network.services import node_update

    node = Node.objects.filter(owner=user).first()
    for layout in ("worksheet", "force"):
        url = f"/api/v1/map?layout={layout}"
        colds = []
        for strength in ("strong", "weak", "strong"):
            node_update(node=node, data={"strength": strength})  # an edit: cache is cold
            colds.append(median_time(client, url, headers, 1))
        cold = sorted(colds)[1]
        warm = median_time(client, url, headers, 5)
        for label, t in (("cold", cold), ("warm", warm)):
            print(
                f"map_api_2000_{layout}_{label}: {t * 1000:.0f} ms  baseline trivial_view: "
                f"{trivial * 1000:.2f} ms  ratio {t / trivial:.0f}x"
            )


if __name__ == "__main__":
    main()
