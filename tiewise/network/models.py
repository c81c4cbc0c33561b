"""The PLN data model (DESIGN.md section 1): nodes, the owner's tie to each
node, and alter ties between nodes.

Node and tie fields mirror the registry in `tiewise.core.nodefields`
(names, lengths, vocabularies); values are checked there, by
`tiewise.network.cleaning`, before they reach a model."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from tiewise.core.vocab import AREAS, KINDS, MODES, REACHES, ROLES, SECTORS, STRENGTHS, choices

from .fields import ListField


class Node(models.Model):
    """A person, team, department, organisation or community in a PLN."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="nodes"
    )
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=choices(KINDS), default="person")
    organisation = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=200, blank=True)
    profession = models.CharField(max_length=120, blank=True)
    specialty = models.CharField(max_length=120, blank=True)
    sector = models.CharField(max_length=20, choices=choices(SECTORS), blank=True)
    reach = models.CharField(max_length=20, choices=choices(REACHES), blank=True)
    city = models.CharField(max_length=120, blank=True)
    country = models.CharField(max_length=120, blank=True)
    email = models.EmailField(max_length=254, blank=True)
    other_emails = models.JSONField(default=list, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    other_phones = models.JSONField(default=list, blank=True)
    expertise = ListField()
    publications = models.JSONField(default=list, blank=True)
    links = models.JSONField(default=list, blank=True)
    tags = ListField()
    notes = models.TextField(blank=True)
    how_we_met = models.TextField(blank=True)
    private = models.BooleanField(
        default=False, help_text="Private nodes are never shown to a coach."
    )
    #: What in the notes looks like patient information, found once when
    #: they are saved (see tiewise.core.phi), never recomputed on a read.
    phi_flags = models.JSONField(default=list, blank=True, editable=False)
    #: How imports find this node again beyond its email and links: a
    #: source's own id ("x:42", "uid:…", "orcid:…") or, for an entry with
    #: no id at all, its name as that source spelt it (see
    #: tiewise.core.importers.dedupe.source_keys). Bookkeeping, not shown.
    source_keys = models.JSONField(default=list, blank=True, editable=False)
    #: What imports last wrote into the facts a newer export may update
    #: (organisation, title, ...): a newer export replaces a value only while
    #: it is still the imported one, so an edit of the owner's always wins.
    import_facts = models.JSONField(default=dict, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["owner", "name"])]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=list(KINDS)), name="node_kind_valid"),
            models.CheckConstraint(
                condition=Q(sector__in=[*SECTORS, ""]), name="node_sector_valid"
            ),
            models.CheckConstraint(condition=Q(reach__in=[*REACHES, ""]), name="node_reach_valid"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return f"/nodes/{self.pk}/"


class Tie(models.Model):
    """The owner's relationship to one node. Exactly one per node."""

    node = models.OneToOneField(Node, on_delete=models.CASCADE, related_name="tie")
    strength = models.CharField(max_length=10, choices=choices(STRENGTHS), default="weak")
    modes = ListField(allowed=MODES)
    areas = ListField(allowed=AREAS)
    roles = ListField(allowed=ROLES)
    since = models.DateField(null=True, blank=True)
    cadence_days = models.PositiveIntegerField(null=True, blank=True)
    #: When the owner chose to keep in touch (added the person by hand, set a
    #: cadence, or asked to): the keep-in-touch clock starts here, never at
    #: an imported "connected on" date. None: not tracked (yet).
    tracked_since = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(strength__in=list(STRENGTHS)), name="tie_strength_valid"
            ),
            models.CheckConstraint(
                condition=Q(cadence_days__isnull=True) | Q(cadence_days__gte=1),
                name="tie_cadence_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.node.name}: {self.strength}"


class AlterTie(models.Model):
    """Two nodes of the same PLN who know each other (undirected).

    Stored once per pair with source id < target id, so "A knows B" and
    "B knows A" can never both exist."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alter_ties"
    )
    source = models.ForeignKey(Node, on_delete=models.CASCADE, related_name="+")
    target = models.ForeignKey(Node, on_delete=models.CASCADE, related_name="+")
    strength = models.CharField(
        max_length=10, blank=True, choices=[("strong", "Strong"), ("weak", "Weak")]
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "target"], name="alter_tie_unique_pair"),
            models.CheckConstraint(
                condition=Q(source__lt=models.F("target")), name="alter_tie_ordered_no_self"
            ),
            models.CheckConstraint(
                condition=Q(strength__in=["", "strong", "weak"]), name="alter_tie_strength_valid"
            ),
        ]
        # "The ties among these people" (the map's, the worksheet's, a grid's)
        # names the owner and a few dozen ids. With the owner's index alone,
        # SQLite walked all of a big PLN's 70,000 ties for them (20 ms); this
        # one finds each id's ties directly. The target's is for "who knows
        # this person".
        indexes = [
            models.Index(fields=["owner", "source", "target"], name="alter_tie_owner_pair"),
            models.Index(fields=["owner", "target"], name="alter_tie_owner_target"),
        ]

    def __str__(self) -> str:
        return f"{self.source_id}–{self.target_id}"


class MapPosition(models.Model):
    """Where the owner dragged a node on the map, per layout."""

    node = models.ForeignKey(Node, on_delete=models.CASCADE, related_name="positions")
    layout = models.CharField(max_length=20, default="worksheet")
    x = models.FloatField()
    y = models.FloatField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["node", "layout"], name="map_position_unique")
        ]

    def __str__(self) -> str:
        return f"{self.node_id} at ({self.x:.0f}, {self.y:.0f})"
