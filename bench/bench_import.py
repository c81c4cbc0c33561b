"""How fast imports read large files, against a bare read of the same bytes.

    .venv/bin/python bench/bench_import.py

Figures: a 30,000-row LinkedIn Connections.csv through `parse_any` against
`csv.reader` over the same text (baseline: csv_read; target under 5 s and at
most 10x), and a 3,000-node, 60,000-edge GraphML through `parse_any` against
`xml.etree.ElementTree.fromstring` of the same bytes (baseline: etree_parse),
and our own 3,000-node JSON export against `json.loads` (baseline: json_loads;
the importer pays for line numbers in its error messages).
Inputs are generated with a fixed seed, so runs compare.
"""

from __future__ import annotations

import csv
import io
import json
import random
import time
import xml.etree.ElementTree as ET  # noqa: S405 - parses our own generated file
from collections.abc import Callable

from tiewise.core.exporters import export_any
from tiewise.core.importers import parse_any
from tiewise.core.types import PLN, AlterTieData, NodeData, Owner

FIRST = ["Ana", "Priya", "Tomás", "Grace", "Wen", "Kwame", "Ingrid", "Chidi", "Mei", "Samuel"]
LAST = ["Ruiz", "Natarajan", "Ibáñez", "Oduya", "Lee", "Mensah", "Sørensen", "Okafor", "Lin"]
ORGS = [
    "Northfield University Hospital",
    "Lakeside Health, Inc.",
    "Ministry of Health",
    "Instituto de Salud Rural",
    "Open Clinical Data Co",
]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def linkedin_export(rows: int, seed: int = 7) -> bytes:
    rng = random.Random(seed)
    out = io.StringIO()
    out.write('Notes:\r\n"Some email addresses may be missing."\r\n\r\n')
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
    )
    for i in range(rows):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        writer.writerow(
            [
                first,
                last,
                f"https://www.linkedin.com/in/{first.lower()}-{last.lower()}-{i}",
                f"{first.lower()}.{i}@example.org" if rng.random() < 0.3 else "",
                rng.choice(ORGS),
                "Attending Physician",
                f"{rng.randint(1, 28):02d} {rng.choice(MONTHS)} {rng.randint(2008, 2024)}",
            ]
        )
    return out.getvalue().encode("utf-8")


def graphml_file(nodes: int, edges: int, seed: int = 7) -> bytes:
    rng = random.Random(seed)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n',
        '<key id="name" for="node" attr.name="name" attr.type="string"/>\n',
        '<key id="strength" for="node" attr.name="strength" attr.type="string"/>\n',
        '<key id="modes" for="node" attr.name="modes" attr.type="string"/>\n',
        '<graph edgedefault="undirected">\n',
    ]
    for i in range(nodes):
        out.append(
            f'<node id="n{i}"><data key="name">{rng.choice(FIRST)} {rng.choice(LAST)} {i}'
            f'</data><data key="strength">{rng.choice(["strong", "weak"])}</data>'
            f'<data key="modes">personal,technology</data></node>\n'
        )
    seen: set[tuple[int, int]] = set()
    while len(seen) < edges:
        a, b = sorted(rng.sample(range(nodes), 2))
        if (a, b) not in seen:
            seen.add((a, b))
            out.append(f'<edge source="n{a}" target="n{b}"/>\n')
    out.append("</graph>\n</graphml>\n")
    return "".join(out).encode("utf-8")


def best_of(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    connections = linkedin_export(30_000)
    ours = best_of(3, lambda: parse_any(connections, filename="Connections.csv"))
    base = best_of(3, lambda: list(csv.reader(io.StringIO(connections.decode("utf-8")))))
    print(
        f"import_linkedin_30000: {ours:.3f} s  baseline csv_read: {base:.3f} s  "
        f"ratio {ours / base:.1f}x"
    )

    graph = graphml_file(3_000, 60_000)
    result = parse_any(graph, filename="network.graphml")
    assert len(result.records) == 3_000 and len(result.alter_ties) == 60_000
    ours = best_of(3, lambda: parse_any(graph, filename="network.graphml"))
    base = best_of(3, lambda: ET.fromstring(graph))  # noqa: S314 - our own generated file
    print(
        f"import_graphml_3000_nodes_60000_edges: {ours:.3f} s  baseline etree_parse: "
        f"{base:.3f} s  ratio {ours / base:.1f}x"
    )

    rng = random.Random(7)
    pln = PLN(
        owner=Owner("Ana Ruiz"),
        nodes=tuple(
            NodeData(
                id=i,
                name=f"{rng.choice(FIRST)} {i}",
                modes=("personal",),
                organisation=rng.choice(ORGS),
            )
            for i in range(3_000)
        ),
        alter_ties=tuple(AlterTieData(i, i + 1) for i in range(2_999)),
    )
    exported, _media = export_any(pln, "json")
    ours = best_of(3, lambda: parse_any(exported, filename="tiewise.json"))
    base = best_of(3, lambda: json.loads(exported))
    print(
        f"import_json_3000_nodes: {ours:.3f} s  baseline json_loads: {base:.3f} s  "
        f"ratio {ours / base:.1f}x"
    )


if __name__ == "__main__":
    main()
