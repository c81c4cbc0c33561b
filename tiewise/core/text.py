"""Cleaning text that people type or files carry, before it is stored.

One rule for every field of every app: no NUL or other control characters
(PostgreSQL cannot store NUL, and nobody means a control character), no
stray whitespace at the ends, Unicode in its composed form so "é" typed and
"é" imported compare equal. Multi-line text keeps its line breaks and tabs.
"""

from __future__ import annotations

import re
import unicodedata

#: Longest text any multi-line field may hold (notes, goal texts, answers):
#: a page of notes, never a book. Pages and the API refuse longer text.
LONGTEXT_MAX = 10_000

# C0 controls except tab and newline, DEL, and the C1 block: what a
# mis-decoded Windows-1252 file or a pasted terminal escape leaves behind.
_CONTROL_MULTILINE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f]+")


def clean_text(value: object, *, multiline: bool = False) -> str:
    """`value` as storable text.

    >>> clean_text("  Ana\\x00 Ruiz\\t\\n"), clean_text("a\\r\\nb\\x85", multiline=True)
    ('Ana Ruiz', 'a\\nb')
    >>> clean_text(None), clean_text("Cafe\\u0301")
    ('', 'Café')
    """
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value))
    if multiline:
        text = _CONTROL_MULTILINE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    else:
        # A tab or line break inside a name reads as a space.
        text = _CONTROL_ONE_LINE.sub(lambda m: " " if m.group().strip("\x00") else "", text)
        text = re.sub(r" {2,}", " ", text)
    return text.strip()
