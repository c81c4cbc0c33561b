import pytest

from tiewise.core.phi import phi_warnings


@pytest.mark.parametrize(
    "text,expected",
    [
        ("MRN 12345678", "a medical record number"),
        ("medical record number: AB123456", "a medical record number"),
        ("DOB: 12/03/1955", "a date of birth"),
        ("born on 1955-03-12", "a date of birth"),
        ("pt #449102 asked about it", "a patient followed by an identifier"),
        ("patient ID: 99812", "a patient followed by an identifier"),
        ("saw patient John Smith today", "a patient's name"),
        ("Mary Jones (03/04/1961)", "a name next to a date of birth"),
        ("SSN 123-45-6789", "a social security or national ID number"),
    ],
)
def test_it_flags_patient_identifiers(text: str, expected: str) -> None:
    assert expected in phi_warnings(text)


@pytest.mark.parametrize(
    "text",
    [
        "Met at SAEM 2024, great on ultrasound teaching",
        "Her pager is on the unit board; we talked about patient safety culture",
        "Co-authored 3 papers since 2019",
        "Patient experience committee chair",
        "",
    ],
)
def test_it_stays_quiet_on_ordinary_professional_notes(text: str) -> None:
    assert phi_warnings(text) == []


def _unbounded_repeats(pattern: str) -> list[str]:
    """Repeats without an upper bound (`*`, `+`, `{n,}`) in a regex."""
    import re._constants as c
    import re._parser as p

    found: list[str] = []

    def walk(items: object) -> None:
        for op, arg in items:  # type: ignore[attr-defined]
            if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
                low, high, sub = arg
                if high == c.MAXREPEAT:
                    found.append(f"{op} {{{low},}}")
                walk(sub)
            elif op in (c.SUBPATTERN, c.ATOMIC_GROUP):
                walk(arg[-1])
            elif op == c.BRANCH:
                for branch in arg[1]:
                    walk(branch)
            elif op in (c.ASSERT, c.ASSERT_NOT):
                walk(arg[1])

    walk(p.parse(pattern))
    return found


def test_every_pattern_does_bounded_work_at_each_position() -> None:
    """Bounded repeats make a check linear in the text's length (a 24 KB
    note took 10-23 s with the old patterns); the bench measures the time."""
    from tiewise.core.phi import PATTERNS

    for label, pattern in PATTERNS:
        assert not _unbounded_repeats(pattern.pattern), label


@pytest.mark.parametrize(
    "text",
    ["Aa " * 8000, "Mary Jones (" * 2000, "pt " * 8000, "1/1/" * 6000, " " * 24000],
)
def test_adversarial_24_kb_notes_are_checked_and_found_clean(text: str) -> None:
    assert phi_warnings(text[:24000]) == []
