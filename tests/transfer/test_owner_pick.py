"""Whose papers are these? A publication file in which the owner is not
found asks "which of these authors are you?", on the page, over the API and
in the CLI, and remembers the answer for the next file."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from tiewise.accounts.models import Profile, User
from tiewise.cli import main
from tiewise.network.models import Node
from tiewise.transfer import services
from tiewise.transfer.models import ImportBatch

from .conftest import DATA, sample

# Ben is on none of the papers of pubmed_full.nbib (3 papers; Ana M Ruiz is on 2).
FILE = "pubmed_full.nbib"


@pytest.fixture
def waiting(other: User) -> ImportBatch:
    return services.import_stage(owner=other, data=sample(FILE), filename=FILE)


def _names(batch: ImportBatch) -> set[str]:
    return set(batch.records.values_list("name", flat=True))


def test_a_file_without_the_owner_holds_the_frequent_authors_and_no_records(
    waiting: ImportBatch,
) -> None:
    assert waiting.record_count == 0
    names = [a["name"] for a in waiting.authors]
    assert "Ana M Ruiz" in names and len(names) >= 4
    assert all(a["papers"] >= 1 for a in waiting.authors)
    assert waiting.held_file is not None
    assert any("was not found among the authors" in w for w in waiting.warnings)


def test_choosing_an_author_reads_the_file_again_without_them(
    waiting: ImportBatch, other: User
) -> None:
    fresh = services.import_choose_owner(batch=waiting, name="Ana M Ruiz")
    assert not ImportBatch.objects.filter(pk=waiting.pk).exists()
    assert fresh.held_file is None and fresh.authors == []
    names = _names(fresh)
    assert names and not any("Ruiz" in n for n in names)  # the owner is not her own co-author
    assert "Kwame Mensah" in names
    profile = Profile.objects.get(user=other)
    assert profile.name_variants.splitlines() == ["Ana M Ruiz"]
    # The next file finds the owner on its own (a fresh user, as the next request has).
    again = services.import_stage(owner=User.objects.get(pk=other.pk), data=sample(FILE),
                                  filename=FILE)  # fmt: skip
    assert again.authors == [] and _names(again) == names


def test_not_remembering_leaves_the_profile_alone(waiting: ImportBatch, other: User) -> None:
    services.import_choose_owner(batch=waiting, name="Ana M Ruiz", remember=False)
    assert Profile.objects.get(user=other).name_variants == ""


def test_a_name_on_none_of_the_papers_changes_nothing(waiting: ImportBatch) -> None:
    with pytest.raises(ValidationError, match="not among the authors"):
        services.import_choose_owner(batch=waiting, name="Nobody Atall")
    assert ImportBatch.objects.filter(owner=waiting.owner).count() == 1
    waiting.refresh_from_db()
    assert waiting.record_count == 0 and waiting.authors


def test_all_authors_takes_everyone(waiting: ImportBatch) -> None:
    fresh = services.import_choose_owner(batch=waiting, all_authors=True)
    names = _names(fresh)
    assert {"Ana M Ruiz", "Kwame Mensah", "Tor Haugen"} <= names


def test_dismissing_the_import_drops_the_held_file(waiting: ImportBatch) -> None:
    services.import_discard(batch=waiting)
    waiting.refresh_from_db()
    assert waiting.held_file is None and waiting.status == "discarded"


def test_the_review_page_asks_and_the_answer_opens_the_new_review(
    waiting: ImportBatch, other_client: Any
) -> None:
    page = other_client.get(f"/import/{waiting.pk}/").content.decode()
    assert "Which of these authors are you?" in page
    assert 'value="Ana M Ruiz"' in page and "(2 papers)" in page
    answer = other_client.post(
        f"/import/{waiting.pk}/owner/", {"name": "Kwame Mensah", "remember": "1"}
    )
    fresh = ImportBatch.objects.get(owner=waiting.owner)
    assert answer.status_code == 302 and answer["Location"] == f"/import/{fresh.pk}/"
    review = other_client.get(answer["Location"]).content.decode()
    assert "Which of these authors are you?" not in review
    assert "Ana M Ruiz" in review and fresh.records.count() > 0


def test_the_typed_name_wins_over_the_radio(waiting: ImportBatch, other_client: Any) -> None:
    other_client.post(f"/import/{waiting.pk}/owner/", {"name": "Kwame Mensah", "other": "Ruiz AM"})
    fresh = ImportBatch.objects.get(owner=waiting.owner)
    assert "Kwame Mensah" in _names(fresh) and not any("Ruiz" in n for n in _names(fresh))


def test_someone_elses_import_is_404(waiting: ImportBatch, owner_client: Any) -> None:
    assert owner_client.post(f"/import/{waiting.pk}/owner/", {"name": "x"}).status_code == 404


def test_the_api_lists_the_authors_and_takes_the_answer(
    waiting: ImportBatch, other_api: Any, owner_api: Any
) -> None:
    got = other_api.get(f"/api/v1/imports/{waiting.pk}").json()
    assert {"name": "Ana M Ruiz", "papers": 2} in got["authors"] and got["count"] == 0
    bad = other_api.post(f"/api/v1/imports/{waiting.pk}/owner", {"name": "Nobody Atall"})
    assert bad.status_code == 422 and "not among the authors" in str(bad.json()["detail"])
    assert owner_api.post(f"/api/v1/imports/{waiting.pk}/owner", {"name": "x"}).status_code == 404
    done = other_api.post(f"/api/v1/imports/{waiting.pk}/owner", {"all_authors": True})
    assert done.status_code == 201
    assert done.json()["authors"] == [] and done.json()["count"] >= 6


def test_cli_commit_without_the_owner_stops_with_one_line(other: User, capsys: Any) -> None:
    assert main(["import", "--user", other.email, str(DATA / FILE), "--commit"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "--me" in err and "--all-authors" in err and "Ana M Ruiz (2)" in err
    assert not Node.objects.filter(owner=other).exists()
    assert not ImportBatch.objects.filter(owner=other, status="staged").exists()


def test_cli_without_commit_says_how_to_answer(other: User, capsys: Any) -> None:
    assert main(["import", "--user", other.email, str(DATA / FILE)]) == 0
    out = capsys.readouterr().out
    assert "you were not found among the authors" in out and "--me NAME" in out


def test_cli_me_names_the_owner(other: User, capsys: Any) -> None:
    code = main(["import", "--user", other.email, str(DATA / FILE), "--me", "Ruiz AM", "--commit"])
    assert code == 0, capsys.readouterr().err
    names = set(Node.objects.filter(owner=other).values_list("name", flat=True))
    assert "Kwame Mensah" in names and not any("Ruiz" in n for n in names)


def test_cli_all_authors_takes_everyone(other: User) -> None:
    assert main(["import", "--user", other.email, str(DATA / FILE), "--all-authors",
                 "--commit"]) == 0  # fmt: skip
    names = set(Node.objects.filter(owner=other).values_list("name", flat=True))
    assert {"Ana M Ruiz", "Kwame Mensah"} <= names
