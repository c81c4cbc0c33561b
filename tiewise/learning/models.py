"""Learning through the network (issue 20): skills and growth areas,
questions asked of the network and their checked answers, resources given
and received, and journal clubs that stay readable."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from tiewise.core.text import LONGTEXT_MAX
from tiewise.core.vocab import (
    QUESTION_KINDS,
    QUESTION_STATUSES,
    RESOURCE_DIRECTIONS,
    RESOURCE_KINDS,
    SKILL_KINDS,
    SOURCE_KINDS,
    choices,
)
from tiewise.network.models import Node
from tiewise.planning.models import Goal


class Skill(models.Model):
    """Something the owner is good at (a strength) or wants to grow in."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="skills"
    )
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=10, choices=choices(SKILL_KINDS), default="growth")
    level = models.PositiveSmallIntegerField(default=1)
    target = models.PositiveSmallIntegerField(default=3)
    goal = models.ForeignKey(
        Goal, on_delete=models.SET_NULL, null=True, blank=True, related_name="skills"
    )
    note = models.TextField(blank=True, max_length=LONGTEXT_MAX)
    phi_flags = models.JSONField(default=list, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "name", "id"]
        indexes = [models.Index(fields=["owner", "kind"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=list(SKILL_KINDS)), name="skill_kind_valid"
            ),
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=5), name="skill_level_1_5"),
            models.CheckConstraint(
                condition=Q(target__gte=1, target__lte=5), name="skill_target_1_5"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return f"/learning/skills/{self.pk}/"


class Question(models.Model):
    """A question put to people of the network."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="questions"
    )
    text = models.TextField(max_length=LONGTEXT_MAX)
    kind = models.CharField(max_length=12, choices=choices(QUESTION_KINDS), default="clinical")
    date = models.DateField()
    asked = models.ManyToManyField(Node, blank=True, related_name="questions_asked")
    skill = models.ForeignKey(
        Skill, on_delete=models.SET_NULL, null=True, blank=True, related_name="questions"
    )
    status = models.CharField(max_length=10, choices=choices(QUESTION_STATUSES), default="asked")
    applied_at = models.DateTimeField(null=True, blank=True)
    phi_flags = models.JSONField(default=list, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["owner", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=list(QUESTION_KINDS)), name="question_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=list(QUESTION_STATUSES)), name="question_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]

    def get_absolute_url(self) -> str:
        return f"/learning/questions/{self.pk}/"


class Answer(models.Model):
    """What one person said, its references, and the owner's check of it
    against a named source (guideline, textbook, peer-reviewed article)."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    node = models.ForeignKey(
        Node, on_delete=models.SET_NULL, null=True, blank=True, related_name="answers_given"
    )
    text = models.TextField(max_length=LONGTEXT_MAX)
    #: Normal-form references ("PMID:31234567", "DOI:10.1056/…", "https://…").
    references = models.JSONField(default=list, blank=True)
    date = models.DateField()
    source = models.CharField(max_length=300, blank=True)
    source_kind = models.CharField(max_length=12, choices=choices(SOURCE_KINDS), blank=True)
    agrees = models.BooleanField(null=True, blank=True)
    checked_at = models.DateTimeField(null=True, blank=True)
    phi_flags = models.JSONField(default=list, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(source_kind__in=[*SOURCE_KINDS, ""]), name="answer_source_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def checked(self) -> bool:
        return self.checked_at is not None


class Resource(models.Model):
    """A paper, post, podcast, guideline or slide deck given to or received
    from people of the network."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="resources"
    )
    title = models.CharField(max_length=300)
    url = models.URLField(max_length=500, blank=True)
    pmid = models.CharField(max_length=12, blank=True)
    doi = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=12, choices=choices(RESOURCE_KINDS), default="article")
    direction = models.CharField(max_length=10, choices=choices(RESOURCE_DIRECTIONS))
    people = models.ManyToManyField(Node, blank=True, related_name="resources")
    note = models.TextField(blank=True, max_length=LONGTEXT_MAX)
    date = models.DateField()
    phi_flags = models.JSONField(default=list, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["owner", "date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=list(RESOURCE_KINDS)), name="resource_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(direction__in=list(RESOURCE_DIRECTIONS)),
                name="resource_direction_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Club(models.Model):
    """A journal club: its owner, members and the articles it discusses."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="clubs"
    )
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True, max_length=LONGTEXT_MAX)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return f"/learning/clubs/{self.pk}/"


class ClubMember(models.Model):
    """A member: another Tiewise user invited by email (who then sees the
    club, and only the club), or a person of the owner's PLN who is not a
    user (the owner records their points). A user member may also be linked
    to the owner's node for them, so their posts count as interactions."""

    club = models.ForeignKey(Club, on_delete=models.CASCADE, related_name="members")
    email = models.EmailField(max_length=254, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="club_memberships",
    )
    node = models.ForeignKey(
        Node, on_delete=models.SET_NULL, null=True, blank=True, related_name="club_memberships"
    )
    name = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["club", "node"], condition=Q(node__isnull=False), name="club_member_node"
            ),
            models.UniqueConstraint(
                fields=["club", "email"], condition=~Q(email=""), name="club_member_email"
            ),
        ]

    def __str__(self) -> str:
        return self.name or self.email


class ClubArticle(models.Model):
    """An article the club reads; its discussion is the posts below it."""

    club = models.ForeignKey(Club, on_delete=models.CASCADE, related_name="articles")
    title = models.CharField(max_length=300)
    url = models.URLField(max_length=500, blank=True)
    pmid = models.CharField(max_length=12, blank=True)
    doi = models.CharField(max_length=200, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"/learning/clubs/{self.club_id}/articles/{self.pk}/"


class ClubPost(models.Model):
    """One contribution to an article's discussion: written by a user member
    (or the owner), or recorded by the owner for a PLN member."""

    article = models.ForeignKey(ClubArticle, on_delete=models.CASCADE, related_name="posts")
    member = models.ForeignKey(
        ClubMember, on_delete=models.SET_NULL, null=True, blank=True, related_name="posts"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    author_name = models.CharField(max_length=200)
    text = models.TextField(blank=True, max_length=LONGTEXT_MAX)
    strengths = models.TextField(blank=True, max_length=LONGTEXT_MAX)
    limitations = models.TextField(blank=True, max_length=LONGTEXT_MAX)
    implications = models.TextField(blank=True, max_length=LONGTEXT_MAX)
    phi_flags = models.JSONField(default=list, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.author_name} on {self.article_id}"


class SkillComment(models.Model):
    """A comment on a skill by the coach (or the coachee) of a live
    relationship that shares the plan. Kept here, beside the skill, so the
    learning app owns its data; the coaching app's comments cover goals,
    prospects and actions."""

    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="comments")
    relationship = models.ForeignKey(
        "coaching.CoachingRelationship", on_delete=models.CASCADE, related_name="skill_comments"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(max_length=LONGTEXT_MAX)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Comment on skill {self.skill_id}"
