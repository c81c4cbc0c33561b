"""The one "mine or 404" helper: every read of a record by id goes through
it, with a queryset already scoped to its owner, so an id that is not yours
looks exactly like an id that does not exist."""

from __future__ import annotations

from typing import TypeVar

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.db.models import QuerySet

from tiewise.core.errors import NotFound

M = TypeVar("M", bound=models.Model)


def mine(queryset: QuerySet[M], pk: object, what: str) -> M:
    """The row with id `pk` in `queryset` (already filtered to the owner);
    NotFound for anything else, including ids that are not numbers.

    The message names the kind of record, never whose it is."""
    try:
        # The primary key's own parser: ints for most records, UUIDs for jobs.
        key = queryset.model._meta.pk.to_python(pk)
        return queryset.get(pk=key)
    except (ObjectDoesNotExist, ValidationError, ValueError, TypeError, OverflowError):
        raise NotFound(f"No such {what}") from None
