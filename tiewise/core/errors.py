"""The errors services raise. Each interface maps them to its own form: a
404 page or a message on the pages, `{"detail"}` with 404/409 in the API, one
line on stderr in the CLI. Validation problems are Django's
`ValidationError` (a dict naming the fields), raised the same way.
"""

from __future__ import annotations


class NotFound(LookupError):  # noqa: N818 - reads as what happened
    """Not there, or not the caller's: both look the same to them, so an id
    never reveals that someone else's record exists.

    >>> str(NotFound("No such node"))
    'No such node'
    """


class Conflict(Exception):
    """The record changed since the caller read it; saving would silently
    overwrite someone else's edit."""
