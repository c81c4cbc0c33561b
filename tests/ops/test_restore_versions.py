"""A restore brings back older data under older PLN versions. Caches that
outlive it (Redis, the file cache) may hold pages and reports computed since
the backup under those same numbers: a restore moves every version past
anything used before, so none of them is read for the restored data."""

from __future__ import annotations

from typing import Any

import pytest

from tiewise.accounts.models import Profile
from tiewise.accounts.services import user_create, versions_past_restore
from tiewise.insights.selectors import insights_for
from tiewise.network import services as network

pytestmark = pytest.mark.django_db


def test_a_restore_never_serves_what_was_cached_since_the_backup(owner: Any) -> None:
    kept = network.node_create(owner=owner, data={"name": "In The Backup", "roles": ["mentor"]})
    backed_up = Profile.objects.values_list("pln_version", "graph_version").get(user=owner)
    # After the backup: more edits, each report cached under its version.
    for i in range(3):
        network.node_create(owner=owner, data={"name": f"Added Later {i}", "roles": ["sponsor"]})
        assert insights_for(owner)["size"]["nodes"] == 2 + i
    # The restore puts the backup's rows back, versions and all...
    Profile.objects.filter(user=owner).update(pln_version=backed_up[0], graph_version=backed_up[1])
    owner.nodes.filter(name__startswith="Added Later").delete()
    # ...and then moves them on, as `tiewise restore` does.
    assert versions_past_restore() == Profile.objects.count()
    after = Profile.objects.values_list("pln_version", "graph_version").get(user=owner)
    assert after[0] > backed_up[0] + 3 and after[1] > backed_up[1]
    assert insights_for(owner)["size"]["nodes"] == 1
    # The next edit lands on a number no report was cached under: without
    # the move it was the version of "2 people" cached after the backup.
    network.node_delete(node=kept)
    assert insights_for(owner)["size"]["nodes"] == 0
    # A clock behind the versions never moves them back.
    before = Profile.objects.get(user=owner).pln_version
    versions_past_restore(now_us=1)
    assert Profile.objects.get(user=owner).pln_version == before + 1


def test_every_profile_moves_not_only_the_signed_in_one(owner: Any) -> None:
    other = user_create(email="restored-too@example.org", password="x long pass 2")
    network.node_create(owner=other, data={"name": "Theirs"})
    floor = 10**15
    versions_past_restore(now_us=floor)
    assert set(Profile.objects.values_list("pln_version", flat=True)) == {floor + 1}
