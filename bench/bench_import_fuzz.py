"""A heavier fuzzing run than the test suite's: every importer, on damaged
samples and on random bytes, either reads them or raises ImportFailed.

    .venv/bin/python bench/bench_import_fuzz.py [EXAMPLES]

Prints, per format, how many inputs were tried and how many were read or
refused; any other exception stops the run with Hypothesis's minimal example.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.core.test_importers_fuzz import mutated, reads_or_fails_cleanly  # noqa: E402
from tiewise.core.importers import FORMATS  # noqa: E402


def _checker(fmt: str, config: settings):  # type: ignore[no-untyped-def]
    @config
    @given(st.one_of(mutated(fmt), st.binary(max_size=4_000)))
    def check(data: bytes) -> None:
        reads_or_fails_cleanly(data, fmt)

    return check


def main() -> None:
    examples = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    heavy = settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    start = time.perf_counter()
    for fmt in sorted(FORMATS):
        began = time.perf_counter()
        _checker(fmt, heavy)()
        print(f"fuzz_{fmt}: {examples} inputs, only records or ImportFailed "
              f"({time.perf_counter() - began:.1f} s)")  # fmt: skip
    print(f"fuzz_all: {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
