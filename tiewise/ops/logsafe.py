"""Logs never keep a secret that sits in a URL: the calendar feed's token,
a coaching invitation, an email confirmation or a password reset key, or an
API token passed as a query value. Whoever reads a log file (an operator, a
log shipper, a backup of /var/log) could otherwise subscribe to someone's
calendar or take over an account.

The path is logged with its secret segment replaced by `[secret]`, so the
line still says which kind of request it was."""

from __future__ import annotations

import logging
import re
from typing import Any

from gunicorn.glogging import Logger

SECRET = "[secret]"  # noqa: S105 - the placeholder, not a secret

#: (pattern, replacement) for every URL that carries a secret in its path.
_PATHS = [
    (re.compile(r"(/calendar/)[^/?#\s\"]+(\.ics)"), rf"\g<1>{SECRET}\g<2>"),
    (re.compile(r"(/coaching/accept/)[^/?#\s\"]+"), rf"\g<1>{SECRET}"),
    (re.compile(r"(/accounts/confirm-email/)[^/?#\s\"]+"), rf"\g<1>{SECRET}"),
    (re.compile(r"(/accounts/password/reset/key/)[^/?#\s\"]+"), rf"\g<1>{SECRET}"),
]
#: Query values that are secrets wherever they appear.
_QUERY = re.compile(r"(?i)([?&](?:token|key|code|access_token|secret|password)=)[^&#\s\"]*")


def redact(text: str) -> str:
    """`text` with every secret URL segment replaced.

    >>> redact("GET /calendar/AbC-123_x.ics HTTP/1.1")
    'GET /calendar/[secret].ics HTTP/1.1'
    >>> redact("/accounts/password/reset/key/1a-set-password/?next=/")
    '/accounts/password/reset/key/[secret]/?next=/'
    >>> redact("/api/v1/nodes?token=abc&limit=5")
    '/api/v1/nodes?token=[secret]&limit=5'
    >>> redact("/nodes/12/")
    '/nodes/12/'
    """
    for pattern, replacement in _PATHS:
        text = pattern.sub(replacement, text)
    return _QUERY.sub(rf"\g<1>{SECRET}", text)


#: The access-log atoms that hold a URL (request line, path, query, referrer).
_URL_ATOMS = ("r", "U", "q", "f", "{raw_uri}e", "{path_info}e", "{query_string}e", "{referer}i")


class RedactingLogger(Logger):  # type: ignore[misc]
    """gunicorn's logger with every URL in an access-log line redacted."""

    def atoms(self, resp: Any, req: Any, environ: Any, request_time: Any) -> dict[str, Any]:
        atoms: dict[str, Any] = super().atoms(resp, req, environ, request_time)
        for key in _URL_ATOMS:
            value = atoms.get(key)
            if isinstance(value, str):
                atoms[key] = redact(value)
        return atoms


class RedactFilter(logging.Filter):
    """For Django's own lines ("Not Found: /calendar/….ics"): the message
    is formatted once, redacted, and logged without its arguments."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        safe = redact(message)
        if safe != message:
            record.msg, record.args = safe, ()
        return True
