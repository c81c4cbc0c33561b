"""`tiewise import` and `tiewise export`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx

from tiewise.cli import main
from tiewise.network.models import Node
from tiewise.transfer.models import ImportBatch

from .conftest import DATA


def test_import_without_commit_stages_and_prints_the_batch(owner: Any, capsys: Any) -> None:
    assert main(["import", "--user", owner.email, str(DATA / "Connections.csv")]) == 0
    batch = ImportBatch.objects.get(owner=owner)
    out = capsys.readouterr().out
    assert f"Staged import {batch.pk}: 4 records from Connections.csv (linkedin)" in out
    assert not Node.objects.filter(owner=owner).exists()


def test_import_with_commit_adds_everyone_as_suggested(owner: Any, capsys: Any) -> None:
    assert main(["import", "--user", owner.email, str(DATA / "contacts_v4.vcf"), "--commit"]) == 0
    assert "Committed:" in capsys.readouterr().out
    assert Node.objects.filter(owner=owner).count() == ImportBatch.objects.get().record_count


def test_import_errors_are_one_line_on_stderr(owner: Any, tmp_path: Path, capsys: Any) -> None:
    bad = tmp_path / "refs.bib"
    bad.write_bytes(
        b"@article{a,\n  author = {Doe, Jane},\n  title = {Net {and} x,\n  year = 2020\n}\n"
    )
    assert main(["import", "--user", owner.email, str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "refs.bib, line 3, field 'title'" in err
    assert not ImportBatch.objects.exists()


def test_import_of_a_missing_file_is_an_error(owner: Any, capsys: Any) -> None:
    assert main(["import", "--user", owner.email, "/nonexistent/x.csv"]) == 1
    assert "no such file" in capsys.readouterr().err


def test_export_json_to_stdout(owner: Any, jane: Any, capsys: Any) -> None:
    assert main(["export", "--user", owner.email, "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [n["name"] for n in doc["nodes"]] == ["Jane Doe"]


def test_export_graphml_to_a_file(owner: Any, jane: Any, tmp_path: Path) -> None:
    out = tmp_path / "pln.graphml"
    assert main(["export", "--user", owner.email, "--format", "graphml", "-o", str(out)]) == 0
    assert nx.read_graphml(out).number_of_nodes() >= 1


def test_a_zip_export_needs_a_file(owner: Any, capsys: Any) -> None:
    assert main(["export", "--user", owner.email, "--format", "csv"]) == 1
    assert "give a file with -o" in capsys.readouterr().err


def test_export_for_an_unknown_user_fails(db: Any, capsys: Any) -> None:
    assert main(["export", "--user", "ghost@example.org", "--format", "json"]) == 1
    assert "no user with email" in capsys.readouterr().err
