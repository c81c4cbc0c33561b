"""POST /imports, GET /imports/{id}, POST /imports/{id}/commit."""

from __future__ import annotations

from typing import Any

from tiewise.network.models import Node
from tiewise.transfer.models import ImportBatch

from .conftest import api_upload, linkedin_csv


def test_uploading_stages_a_report_with_a_preview(owner: Any, owner_api: Any) -> None:
    response = api_upload(owner_api, "Connections.csv")
    assert response.status_code == 201
    body = response.json()
    assert body["format"] == "linkedin" and body["count"] == 4 and body["duplicates"] == 0
    assert body["status"] == "staged"
    assert body["records"][0]["name"] == "Priya Natarajan"
    assert body["records"][0]["suggested_strength"] == "weak"
    assert any("skipped a row with no name" in w for w in body["warnings"])
    assert not Node.objects.filter(owner=owner).exists()


def test_the_format_can_be_given(owner_api: Any) -> None:
    response = api_upload(
        owner_api, "export.txt", b"BEGIN:VCARD\r\nFN:Jo\r\nEND:VCARD\r\n", format="vcard"
    )
    assert response.status_code == 201 and response.json()["format"] == "vcard"


def test_an_unreadable_file_is_a_422_naming_file_line_and_field(owner_api: Any) -> None:
    data = b"First Name,Last Name,URL,Email Address,Company,Company,Connected On\nA,B,u,,c,d,\n"
    response = api_upload(owner_api, "Connections.csv", data)
    assert response.status_code == 422
    assert response.json() == {
        "detail": "Connections.csv, line 1, field 'Company': this column appears twice in the header"
    }
    assert not ImportBatch.objects.exists()


def test_an_unknown_format_is_a_422(owner_api: Any) -> None:
    response = api_upload(owner_api, "Connections.csv", format="xls")
    assert response.status_code == 422 and "unknown format 'xls'" in response.json()["detail"]


def test_a_50_mb_file_is_a_413(owner_api: Any) -> None:
    response = api_upload(owner_api, "big.csv", b"x" * 50_000_000)
    assert response.status_code == 413
    assert response.json() == {"detail": "The request is too large: the limit is 20 MB."}
    assert not ImportBatch.objects.exists()


def test_commit_with_defaults_applies_to_pending_records(owner: Any, owner_api: Any) -> None:
    batch_id = api_upload(owner_api, "Connections.csv", linkedin_csv(25)).json()["id"]
    response = owner_api.post(
        f"/api/v1/imports/{batch_id}/commit", {"default": "weak", "areas": ["academic"]}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "committed" and body["outcome"]["created"] == 25
    assert Node.objects.filter(owner=owner, tie__areas__contains=",academic,").count() == 25
    assert owner_api.get(f"/api/v1/imports/{batch_id}").json()["status"] == "committed"


def test_commit_without_a_body_adds_only_decided_records(owner: Any, owner_api: Any) -> None:
    batch_id = api_upload(owner_api, "Connections.csv").json()["id"]
    body = owner_api.post(f"/api/v1/imports/{batch_id}/commit").json()
    assert body["outcome"]["created"] == 0 and body["outcome"]["skipped"] == 4


def test_a_bad_commit_body_is_a_422(owner_api: Any) -> None:
    batch_id = api_upload(owner_api, "Connections.csv").json()["id"]
    response = owner_api.post(f"/api/v1/imports/{batch_id}/commit", {"default": "close"})
    assert response.status_code == 422


def test_committing_twice_is_refused(owner_api: Any) -> None:
    batch_id = api_upload(owner_api, "Connections.csv").json()["id"]
    owner_api.post(f"/api/v1/imports/{batch_id}/commit", {"default": "weak"})
    response = owner_api.post(f"/api/v1/imports/{batch_id}/commit", {"default": "weak"})
    assert response.status_code == 422


def test_another_users_batch_is_a_404(owner_api: Any, other_api: Any) -> None:
    batch_id = api_upload(owner_api, "Connections.csv").json()["id"]
    assert other_api.get(f"/api/v1/imports/{batch_id}").status_code == 404
    assert (
        other_api.post(f"/api/v1/imports/{batch_id}/commit", {"default": "weak"}).status_code == 404
    )
    assert owner_api.get(f"/api/v1/imports/{batch_id}").json()["status"] == "staged"


def test_anonymous_callers_get_401(anon_api: Any) -> None:
    assert api_upload(anon_api, "Connections.csv").status_code == 401
    assert anon_api.get("/api/v1/imports/1").status_code == 401
    assert anon_api.post("/api/v1/imports/1/commit").status_code == 401
    assert anon_api.get("/api/v1/export?format=json").status_code == 401
