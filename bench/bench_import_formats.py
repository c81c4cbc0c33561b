"""Every importer is linear in the size of its file.

    .venv/bin/python bench/bench_import_formats.py

For each format a realistic file is generated (fixed seed) at a base size and
at four times that size, and read with `parse_any` (best of 3). Printed per
format: both times, their ratio (linear means about 4x; the target is at most
5x), and beside them the baseline `text_read`: decoding the same bytes and
splitting them into lines (`csv.reader` for the CSV formats), which is the
least any importer must do. Then a file with one very long value per format
(1 MB and 4 MB), which would show quadratic string building or regex
backtracking; and last a 100,000-row LinkedIn Connections.csv: its parse time
and peak memory (tracemalloc) against the size of the file.
"""

from __future__ import annotations

import csv
import io
import json
import random
import sys
import time
import tracemalloc
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_import import FIRST, LAST, ORGS, linkedin_export  # noqa: E402

from tiewise.core.exporters import export_any  # noqa: E402
from tiewise.core.importers import OwnerHints, parse_any  # noqa: E402
from tiewise.core.types import PLN, AlterTieData, NodeData, Owner  # noqa: E402

OWNER = OwnerHints(names=("Ana Ruiz",))
TODAY = date(2024, 6, 1)
CSV_FORMATS = {"linkedin", "google", "outlook", "mastodon"}


def _names(rng: random.Random, n: int) -> list[tuple[str, str]]:
    return [(rng.choice(FIRST), f"{rng.choice(LAST)}{i}") for i in range(n)]


def google_csv(n: int, rng: random.Random) -> bytes:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(["First Name", "Middle Name", "Last Name", "Organization Name",
                "Organization Title", "Organization Department", "Notes", "Labels",
                "E-mail 1 - Label", "E-mail 1 - Value", "Phone 1 - Label", "Phone 1 - Value",
                "Address 1 - City", "Address 1 - Country", "Website 1 - Value"])  # fmt: skip
    for first, last in _names(rng, n):
        w.writerow([first, "", last, rng.choice(ORGS), "Attending", "Medicine",
                    "Met at a conference.\nFollow up in spring.", "* myContacts ::: Mentors",
                    "Work", f"{first}.{last}@example.org ::: {last}@example.net", "Mobile",
                    "+1 555 0100", "Springfield", "USA", "https://example.org/x"])  # fmt: skip
    return out.getvalue().encode("utf-8")


def outlook_csv(n: int, rng: random.Random) -> bytes:
    out = io.StringIO()
    w = csv.writer(out, delimiter=";", lineterminator="\r\n")
    w.writerow(["Anrede", "Vorname", "Nachname", "Firma", "Abteilung", "Position",
                "E-Mail-Adresse", "Mobiltelefon", "Ort geschäftlich", "Kategorien",
                "Notizen"])  # fmt: skip
    for first, last in _names(rng, n):
        w.writerow(["Dr.", first, last, "Klinikum Süd", "Kardiologie", "Oberärztin",
                    f"{last}@example.de", "+49 170 0000", "München", "Mentoren",
                    "Betreut das Curriculum – fragt nach dem Stand’s"])  # fmt: skip
    return out.getvalue().encode("cp1252")


def mastodon_csv(n: int, rng: random.Random) -> bytes:
    rows = ["Account address,Show boosts,Notify on new posts,Languages"]
    rows += [f"user{i}@med{rng.randrange(50)}.social,true,false,en" for i in range(n)]
    return ("\n".join(rows) + "\n").encode()


def twitter_js(n: int, rng: random.Random) -> bytes:
    items = [
        {"following": {"accountId": str(10**12 + i),
                       "userLink": f"https://twitter.com/intent/user?user_id={10**12 + i}"}}
        for i in range(n)
    ]  # fmt: skip
    return ("window.YTD.following.part0 = " + json.dumps(items, indent=2)).encode()


def bibtex_file(n: int, rng: random.Random) -> bytes:
    out = []
    for i in range(n):
        co = " and ".join(f"{last}, {first}" for first, last in _names(rng, 4))
        out.append(
            f'@article{{k{i},\n  author = {{Ruiz, Ana and Sch{{\\"o}}nberger, Jan and {co}}},\n'
            f"  title = {{A {{Study}} of Networks -- Part {i}}},\n  journal = {{J}},\n"
            f"  year = {{{rng.randint(2010, 2024)}}},\n}}\n\n"
        )
    return "".join(out).encode()


def ris_file(n: int, rng: random.Random) -> bytes:
    out = []
    for i in range(n):
        authors = "".join(f"AU  - {last}, {first}\r\n" for first, last in _names(rng, 4))
        out.append(
            f"TY  - JOUR\r\nAU  - Ruiz, Ana\r\n{authors}TI  - Networks part {i}\r\n"
            f"PY  - {rng.randint(2010, 2024)}///\r\nER  - \r\n\r\n"
        )
    return "".join(out).encode()


def medline_file(n: int, rng: random.Random) -> bytes:
    out = []
    for i in range(n):
        authors = "".join(
            f"FAU - {last}, {first}\nAU  - {last} {first[0]}\n"
            f"AD  - Department of Medicine, {rng.choice(ORGS)}, Oslo, Norway.\n"
            for first, last in _names(rng, 4)
        )
        out.append(
            f"PMID- {30000000 + i}\nDP  - {rng.randint(2010, 2024)} Mar\nTI  - A long title "
            f"about networks,\n      continued on a second line {i}.\nAB  - "
            + "Abstract text that goes on. " * 8
            + f"\n      More abstract.\nFAU - Ruiz, Ana\nAU  - Ruiz A\n{authors}\n"
        )
    return "".join(out).encode()


def _pln(n: int, rng: random.Random) -> tuple[PLN, dict[int, dict[str, object]]]:
    nodes = tuple(
        NodeData(id=i, name=f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}",
                 modes=("personal",), organisation=rng.choice(ORGS), tags=("QI",))
        for i in range(n)
    )  # fmt: skip
    ties = tuple(AlterTieData(i, (i * 7 + 1) % n) for i in range(n) if (i * 7 + 1) % n != i)
    details: dict[int, dict[str, object]] = {
        i: {"email": f"p{i}@example.org", "other_emails": [f"q{i}@example.net"],
            "notes": "Met at a conference.\nFollow up.", "links": ["https://example.org/p"]}
        for i in range(n)
    }  # fmt: skip
    return PLN(owner=Owner("Ana Ruiz"), nodes=nodes, alter_ties=ties), details


def exported(fmt: str) -> Callable[[int, random.Random], bytes]:
    def make(n: int, rng: random.Random) -> bytes:
        pln, details = _pln(n, rng)
        return export_any(pln, fmt, details=details)[0]

    return make


FORMATS: dict[str, tuple[Callable[[int, random.Random], bytes], int, str]] = {
    "linkedin": (lambda n, _rng: linkedin_export(n), 5_000, "Connections.csv"),
    "google": (google_csv, 3_000, "contacts.csv"),
    "outlook": (outlook_csv, 3_000, "contacts.csv"),
    "mastodon": (mastodon_csv, 5_000, "following_accounts.csv"),
    "twitter": (twitter_js, 5_000, "following.js"),
    "vcard": (exported("vcard"), 2_000, "contacts.vcf"),
    "bibtex": (bibtex_file, 600, "refs.bib"),
    "ris": (ris_file, 1_000, "refs.ris"),
    "medline": (medline_file, 600, "pubmed.nbib"),
    "graphml": (exported("graphml"), 1_500, "pln.graphml"),
    "gexf": (exported("gexf"), 1_500, "pln.gexf"),
    "json": (exported("json"), 1_500, "pln.json"),
}

#: One very long value per format: a wall of text pasted into a field.
LONG: dict[str, Callable[[int], tuple[bytes, str]]] = {
    "linkedin": lambda size: (
        b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        b'Ana,Ruiz,u,,"' + b"x, " * (size // 3) + b'",p,15 Mar 2023\n',
        "Connections.csv",
    ),
    "vcard": lambda size: (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana\r\nNOTE:"
        + b"\r\n ".join([b"a\\, b\\; " * 8] * (size // 70))
        + b"\r\nEND:VCARD\r\n",
        "c.vcf",
    ),
    "bibtex": lambda size: (
        b"@article{a, author={Ruiz, Ana and Doe, Jane}, year=2020, title={"
        + b"{W} \\'e -- " * (size // 11)
        + b"}}\n",
        "r.bib",
    ),
    "ris": lambda size: (
        b"TY  - JOUR\nAU  - Ruiz, Ana\nAU  - Doe, Jane\nTI  - "
        + b"word " * (size // 5)
        + b"\nER  - \n",
        "r.ris",
    ),
    "medline": lambda size: (
        b"PMID- 1\nFAU - Ruiz, Ana\nFAU - Doe, Jane\nAB  - "
        + b"\n      ".join([b"abstract words go on"] * (size // 27))
        + b"\n",
        "p.nbib",
    ),
    "graphml": lambda size: (
        b'<graphml><key id="n" for="node" attr.name="notes"/><graph><node id="a"><data key="n">'
        + b"&amp; text " * (size // 12)
        + b"</data></node></graph></graphml>",
        "g.graphml",
    ),
}


def best_of(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def text_read(data: bytes, fmt: str) -> object:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252")
    if fmt in CSV_FORMATS:
        return list(csv.reader(io.StringIO(text, newline="")))
    return text.splitlines()


def parse(data: bytes, filename: str, fmt: str) -> object:
    return parse_any(data, filename=filename, format=fmt, owner=OWNER, today=TODAY)


def main() -> None:
    print("format      size 1x   parse 1x  parse 4x  ratio  | text_read 1x  4x   ratio")
    worst = 0.0
    for fmt, (make, n, filename) in FORMATS.items():
        small, large = make(n, random.Random(7)), make(4 * n, random.Random(7))
        parse(small, filename, fmt)  # warm caches (LaTeX macros, code pages)
        t1 = best_of(3, lambda d=small, n=filename, f=fmt: parse(d, n, f))
        t4 = best_of(3, lambda d=large, n=filename, f=fmt: parse(d, n, f))
        b1 = best_of(3, lambda d=small, f=fmt: text_read(d, f))
        b4 = best_of(3, lambda d=large, f=fmt: text_read(d, f))
        worst = max(worst, t4 / t1)
        print(
            f"{fmt:<10} {len(small) / 1e6:6.2f} MB  {t1:7.3f} s {t4:7.3f} s  {t4 / t1:4.1f}x  |"
            f"  {b1:7.4f} s {b4:7.4f} s  {b4 / b1:4.1f}x   ({t1 / b1:.0f}x the baseline)"
        )
    print(f"worst 4x ratio: {worst:.1f}x (linear is 4x; the target is at most 5x)")
    print()
    print("one long value  1 MB      4 MB      ratio")
    for fmt, make_long in LONG.items():
        small_file, filename = make_long(1_000_000)
        large_file, _ = make_long(4_000_000)
        t1 = best_of(3, lambda d=small_file, n=filename, f=fmt: parse(d, n, f))
        t4 = best_of(3, lambda d=large_file, n=filename, f=fmt: parse(d, n, f))
        print(f"{fmt:<10}  {t1:7.3f} s {t4:7.3f} s  {t4 / t1:4.1f}x")
    print()
    connections = linkedin_export(100_000)
    tracemalloc.start()
    start = time.perf_counter()
    result = parse_any(connections, filename="Connections.csv")
    elapsed = time.perf_counter() - start
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert len(result.records) == 100_000
    fast = best_of(3, lambda: parse_any(connections, filename="Connections.csv"))
    base = best_of(3, lambda: text_read(connections, "linkedin"))
    print(
        f"import_linkedin_100000: {fast:.2f} s (traced run {elapsed:.2f} s), file "
        f"{len(connections) / 1e6:.1f} MB, peak memory {peak / 1e6:.0f} MB "
        f"({peak / len(connections):.0f}x the file); baseline csv_read {base:.2f} s, "
        f"ratio {fast / base:.1f}x"
    )


if __name__ == "__main__":
    main()
