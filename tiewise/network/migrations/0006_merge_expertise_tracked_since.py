"""Two changes landed side by side: nodes' expertise tags (learning) and
ties' keep-in-touch tracking (upkeep at scale). Neither depends on the other."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0005_node_expertise"),
        ("network", "0005_tie_tracked_since"),
    ]

    operations: list[migrations.operations.base.Operation] = []
