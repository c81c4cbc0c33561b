"""`tiewise report`: the worksheet PDF from the command line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pypdf
import pytest

from tiewise.cli import main
from tiewise.planning import services

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("size,width", [("a4", 595), ("letter", 612)])
def test_report_writes_the_worksheet_pdf(
    owner: Any, tmp_path: Path, capsys: Any, size: str, width: int
) -> None:
    services.goal_create(owner=owner, data={"title": "Mentor two residents"})
    out = tmp_path / "worksheet.pdf"
    assert main(["report", "--user", owner.email, "-o", str(out), "--size", size]) == 0
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    reader = pypdf.PdfReader(out)
    assert round(float(reader.pages[0].mediabox.width)) == width
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Mentor two residents" in text and "Ana Ruiz" in text
    assert str(out) in capsys.readouterr().out


def test_report_for_an_unknown_user_is_a_one_line_error(tmp_path: Path, capsys: Any) -> None:
    assert main(["report", "--user", "ghost@example.org", "-o", str(tmp_path / "x.pdf")]) == 1
    assert "no user with email ghost@example.org" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_report_into_a_missing_folder_fails_clearly(
    owner: Any, tmp_path: Path, capsys: Any
) -> None:
    target = tmp_path / "nope" / "x.pdf"
    assert main(["report", "--user", owner.email, "-o", str(target)]) == 1
    assert "cannot write" in capsys.readouterr().err
