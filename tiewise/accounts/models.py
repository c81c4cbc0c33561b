from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone

from tiewise.core.vocab import CAREER_STAGES, choices


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create(email, password, **extra)


class User(AbstractUser):
    """A Tiewise account. The email address is the login."""

    username = None  # type: ignore[assignment]
    email = models.EmailField("email address", unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []  # type: ignore[misc]

    objects = UserManager()  # type: ignore[misc,assignment]

    def __str__(self) -> str:
        return self.email

    @property
    def display_name(self) -> str:
        profile = getattr(self, "profile", None)
        if profile and profile.display_name:
            return str(profile.display_name)
        return self.email.split("@")[0]


orcid_validator = RegexValidator(
    r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$", "An ORCID iD looks like 0000-0002-1825-0097."
)


class Profile(models.Model):
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    display_name = models.CharField(max_length=120, blank=True)
    profession = models.CharField(max_length=120, blank=True, help_text="e.g. Physician")
    specialty = models.CharField(max_length=120, blank=True, help_text="e.g. Emergency medicine")
    career_stage = models.CharField(max_length=20, blank=True, choices=choices(CAREER_STAGES))
    institution = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=120, blank=True)
    country = models.CharField(max_length=120, blank=True)
    orcid = models.CharField("ORCID iD", max_length=19, blank=True, validators=[orcid_validator])
    x_handle = models.CharField("X", max_length=100, blank=True)
    bluesky = models.CharField("Bluesky", max_length=200, blank=True)
    mastodon = models.CharField("Mastodon", max_length=200, blank=True)
    linkedin = models.URLField("LinkedIn", max_length=300, blank=True)
    #: Other spellings of the owner's name on papers ("Ruiz AM", a maiden
    #: name), one per line: publication imports find the owner by them.
    name_variants = models.TextField(
        "Your name on papers",
        max_length=1000,
        blank=True,
        help_text='Other spellings, one per line, e.g. "Ruiz AM" or a former name.',
    )
    # Bumped on every change to the PLN; caches of derived data key on it.
    pln_version = models.PositiveBigIntegerField(default=0)
    # Bumped only when who-knows-whom ties change: the insights' structural
    # part (a function of that graph) is cached on it.
    graph_version = models.PositiveBigIntegerField(default=0)
    #: The dashboard's "get your worksheet ready" checklist was put away.
    guide_dismissed = models.BooleanField(default=False)

    def __str__(self) -> str:
        return self.display_name or self.user.email


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A named API token. Only its hash is stored; the raw value is shown once."""

    SCOPES = [("read", "Read only"), ("write", "Read and write")]

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    scope = models.CharField(max_length=5, choices=SCOPES, default="write")
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def issue(cls, user: User, name: str = "default", scope: str = "write") -> tuple[ApiToken, str]:
        raw = "tw_" + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user, name=name, prefix=raw[:10], key_hash=hash_token(raw), scope=scope
        )
        return token, raw
