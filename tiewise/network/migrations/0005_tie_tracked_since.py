"""Ties get the day the owner chose to keep in touch (`tracked_since`).

Backfill: a tie the owner added by hand, gave a cadence or talked to is
tracked since its node was added; an imported tie (tagged `from-…` by the
import) with neither stays untracked, so it is not overdue on day one."""

from __future__ import annotations

from typing import Any

from django.db import migrations, models


def backfill(apps: Any, schema_editor: Any) -> None:
    Tie = apps.get_model("network", "Tie")
    Interaction = apps.get_model("upkeep", "Interaction")
    talked = set(Interaction.nodes.through.objects.values_list("node_id", flat=True).distinct())
    batch = []
    for tie in Tie.objects.select_related("node").iterator(chunk_size=1000):
        tags = tie.node.tags or []
        if isinstance(tags, str):
            tags = [t for t in tags.split(",") if t]
        imported = any(str(t).startswith("from-") for t in tags)
        if imported and tie.cadence_days is None and tie.node_id not in talked:
            continue
        tie.tracked_since = tie.node.created_at.date()
        batch.append(tie)
        if len(batch) >= 500:
            Tie.objects.bulk_update(batch, ["tracked_since"])
            batch = []
    Tie.objects.bulk_update(batch, ["tracked_since"])


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0004_phi_flags"),
        ("upkeep", "0002_phi_flags"),
    ]

    operations = [
        migrations.AddField(
            model_name="tie",
            name="tracked_since",
            field=models.DateField(blank=True, null=True),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
