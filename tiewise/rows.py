"""Rows as the database driver returns them, for the few reads that take
every node of a big PLN on each cold page.

Django's `values_list` runs a converter per column per row. On 3,000
nodes those converters cost more than the query: most of them do nothing
here, since SQLite's driver already parses dates and booleans from the
column types (Django registers the parsers) and PostgreSQL's returns them
typed. Only the list columns need decoding, which the caller does with
`tiewise.network.fields.decode_tuple`."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet


def plain_rows(qs: QuerySet[Any, Any]) -> list[tuple[Any, ...]]:
    """The rows of a `values_list` queryset, unconverted (see the module
    docstring): a list column comes back as its stored text."""
    try:
        sql, params = qs.query.get_compiler(qs.db).as_sql()
    except EmptyResultSet:  # e.g. `pk__in=[]`: Django would not query either
        return []
    with connections[qs.db].cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())
