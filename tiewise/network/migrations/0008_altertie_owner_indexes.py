"""Ties among given people are found by owner and id: the owner's index
alone made SQLite walk every tie of a big PLN (see AlterTie.Meta)."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0007_node_import_keys"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="altertie",
            index=models.Index(fields=["owner", "source", "target"], name="alter_tie_owner_pair"),
        ),
        migrations.AddIndex(
            model_name="altertie",
            index=models.Index(fields=["owner", "target"], name="alter_tie_owner_target"),
        ),
    ]
