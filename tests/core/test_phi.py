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
