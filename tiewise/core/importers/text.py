"""Shared reading helpers: bytes to text, CSV with a located header, names.

Every helper raises `ImportFailed` with the file, line and field it knows, so
an importer built from them keeps the promise that nothing else escapes.
"""

from __future__ import annotations

import csv
import io
import json
import json.decoder
import json.scanner
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from functools import lru_cache

from tiewise.core.importers.records import ImportFailed
from tiewise.core.vocab import FIELD_VOCAB

# C0 controls that never appear in a text export; many of them mean binary data.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def decode(data: bytes, filename: str, warnings: list[str]) -> str:
    """Text of a file: UTF-8 (BOM or not), UTF-16 by BOM, else Latin-1 with a warning.

    >>> decode("café".encode("utf-16"), "x.csv", [])
    'café'
    >>> w = []; decode("café".encode("latin-1"), "x.csv", w), len(w)
    ('café', 1)
    """
    if data[:4] == b"PK\x03\x04":
        raise ImportFailed(
            filename, "this is a zip archive; unzip it and import the file inside", line=1
        )
    if data[:5] == b"%PDF-":
        raise ImportFailed(filename, "this is a PDF document, not a contacts or data file", line=1)
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ImportFailed(filename, f"broken UTF-16 text near byte {exc.start}") from None
    elif data[:3] == b"\xef\xbb\xbf":
        text = _utf8_or_latin1(data[3:], filename, warnings)
    elif len(data) >= 4 and data[1] == 0 and data[3] == 0 and data[0] and data[2]:
        # UTF-16 without a byte-order mark: ASCII text shows as letter, NUL, letter, NUL.
        text = _utf16_guess(data, "utf-16-le", filename)
    elif len(data) >= 4 and data[0] == 0 and data[2] == 0 and data[1] and data[3]:
        text = _utf16_guess(data, "utf-16-be", filename)
    else:
        text = _utf8_or_latin1(data, filename, warnings)
    bad = _CONTROL.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise ImportFailed(
            filename,
            f"this looks like a binary file, not text (control character U+{ord(bad.group()):04X})",
            line=line,
        )
    return text


def _utf8_or_latin1(data: bytes, filename: str, warnings: list[str]) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        warnings.append(
            f"{filename}: not valid UTF-8 (first at line {line}); read as Latin-1, "
            "so check accented names"
        )
        return data.decode("latin-1")


def _utf16_guess(data: bytes, codec: str, filename: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise ImportFailed(filename, f"broken UTF-16 text near byte {exc.start}") from None


def lines_of(text: str) -> list[str]:
    """Lines without their endings; a CR, LF or CRLF each end a line.

    >>> lines_of("a\\r\\nb\\rc\\n")
    ['a', 'b', 'c']
    """
    lines = _LINE_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


# --- CSV -------------------------------------------------------------------------------


class Row:
    """One CSV data row, read by column name, that knows its line."""

    __slots__ = ("cells", "columns", "line")

    def __init__(self, cells: list[str], columns: dict[str, int], line: int) -> None:
        self.cells = cells
        self.columns = columns
        self.line = line

    def get(self, column: str) -> str:
        i = self.columns.get(column)
        if i is None or i >= len(self.cells):
            return ""
        return self.cells[i].strip()

    def pick(self, *columns: str) -> list[str]:
        """Several cells at once, in the order asked (a fast path for big files)."""
        cells, index, width = self.cells, self.columns, len(self.cells)
        out = []
        for column in columns:
            i = index.get(column, width)
            out.append(cells[i].strip() if i < width else "")
        return out

    def first(self, *columns: str) -> str:
        for column in columns:
            value = self.get(column)
            if value:
                return value
        return ""


def csv_rows(
    text: str,
    filename: str,
    *,
    required: Sequence[str],
    max_preamble: int = 20,
) -> tuple[list[str], Iterator[Row]]:
    """The header and data rows of a CSV whose header holds `required` columns.

    Up to `max_preamble` rows before the header are skipped, because LinkedIn
    writes a note above its header.

    >>> header, rows = csv_rows("Notes:\\n\\na,b\\n1,2\\n", "f.csv", required=["a", "b"])
    >>> header, [(r.get("b"), r.line) for r in rows]
    (['a', 'b'], [('2', 4)])
    """
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    wanted = set(required)
    seen = 0
    try:
        for row in reader:
            seen += 1
            cells = [c.strip().lstrip("\ufeff") for c in row]
            if wanted <= set(cells):
                header_line = reader.line_num
                columns = _columns(cells, filename, header_line)
                return cells, _data_rows(reader, columns, filename)
            if seen >= max_preamble:
                break
    except csv.Error as exc:
        raise ImportFailed(
            filename, f"not a readable CSV file ({exc})", line=reader.line_num
        ) from None
    missing = ", ".join(c for c in required)
    raise ImportFailed(
        filename,
        f"no header row with the columns {missing} was found; is this the right file?",
        line=1,
        field=required[0] if required else None,
    )


def _columns(cells: list[str], filename: str, line: int) -> dict[str, int]:
    columns: dict[str, int] = {}
    for i, name in enumerate(cells):
        if not name:
            continue  # trailing commas make nameless columns; they hold nothing we read
        if name in columns:
            raise ImportFailed(
                filename, "this column appears twice in the header", line=line, field=name
            )
        columns[name] = i
    return columns


def _data_rows(
    reader: Iterator[list[str]], columns: dict[str, int], filename: str
) -> Iterator[Row]:
    line = 0
    try:
        for cells in reader:
            line = reader.line_num  # type: ignore[attr-defined]
            if not "".join(cells).strip():
                continue
            yield Row(cells, columns, line)
    except csv.Error as exc:
        raise ImportFailed(
            filename, f"the file ends or breaks inside a quoted value ({exc})", line=line + 1
        ) from None


# --- values ----------------------------------------------------------------------------


def fold(text: str) -> str:
    """Lower case without accents, for comparing names.

    >>> fold("Núñez-Ruíz")
    'nunez-ruiz'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def join_name(*parts: str) -> str:
    """Name parts joined by single spaces, skipping the empty ones.

    >>> join_name("Jane", "", " Doe ")
    'Jane Doe'
    """
    return " ".join(p.strip() for p in parts if p and p.strip())


_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ -](\d{4}|\d{2})")
_US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")


@lru_cache(maxsize=4096)  # exports repeat dates a lot; strptime was most of an import's time
def parse_date(value: str) -> date | None:
    """A date from the formats exports use, or None. English month names only,
    whatever the locale: exports are written in English.

    >>> parse_date("15 Mar 2023"), parse_date("2023-03-15"), parse_date("soon")
    (datetime.date(2023, 3, 15), datetime.date(2023, 3, 15), None)
    >>> parse_date("15-Mar-23"), parse_date("3/15/2023")
    (datetime.date(2023, 3, 15), datetime.date(2023, 3, 15))
    """
    value = value.strip()
    parts: tuple[str, str, str] | None = None
    if match := _ISO_DATE.fullmatch(value) or _COMPACT.fullmatch(value):
        parts = (match.group(1), match.group(2), match.group(3))
    elif match := _DAY_MONTH_YEAR.fullmatch(value):
        month = _MONTHS.get(match.group(2).lower())
        if month is None:
            return None
        parts = (match.group(3), str(month), match.group(1))
    elif match := _US_DATE.fullmatch(value):
        parts = (match.group(3), match.group(1), match.group(2))
    if parts is None:
        return None
    year = int(parts[0])
    if len(parts[0]) == 2:
        year += 2000 if year < 69 else 1900  # the same pivot as strptime's %y
    try:
        return date(year, int(parts[1]), int(parts[2]))
    except ValueError:
        return None


def split_list(value: str) -> tuple[str, ...]:
    """A comma-separated list, trimmed, without empties or repeats.

    >>> split_list("academic, expertise,,academic")
    ('academic', 'expertise')
    """
    return tuple(dict.fromkeys(p.strip() for p in value.split(",") if p.strip()))


def checked(
    field_name: str, values: Iterable[str], filename: str, line: int | None
) -> tuple[str, ...]:
    """Values of a vocabulary field, or an error listing what is allowed.

    >>> checked("modes", ["personal"], "f", 1)
    ('personal',)
    """
    vocab = FIELD_VOCAB[field_name]
    out = tuple(values)
    for value in out:
        if value not in vocab:
            allowed = ", ".join(vocab)
            raise ImportFailed(
                filename,
                f"{value[:60]!r} is not one of: {allowed}",
                line=line,
                field=field_name,
            )
    return out


def checked_one(field_name: str, value: str, filename: str, line: int | None) -> str:
    """One vocabulary value; empty stays empty.

    >>> checked_one("sector", "", "f", 1)
    ''
    """
    if not value:
        return ""
    return checked(field_name, [value], filename, line)[0]


# --- JSON ------------------------------------------------------------------------------


class LocatedJSON:
    """Parsed JSON that can say on which line an object began.

    The fast C decoder forgets positions, so the first question about a line
    parses the text again with the pure-Python scanner and a hook that notes
    where each object starts. Only a file with an error pays for that.

    >>> doc = LocatedJSON('{"a": [\\n {"b": 1}]}', "f.json")
    >>> doc.value["a"][0], doc.line_at(("a", 0))
    ({'b': 1}, 2)
    """

    def __init__(self, text: str, filename: str, *, start: int = 0) -> None:
        self.text = text
        self.start = _skip_space(text, start)
        self.filename = filename
        self._located: object = None
        self._starts: dict[int, int] = {}
        self.value = self._decode(json.JSONDecoder())

    def _decode(self, decoder: json.JSONDecoder) -> object:
        try:
            value, end = decoder.raw_decode(self.text, self.start)
        except json.JSONDecodeError as exc:
            raise ImportFailed(self.filename, f"broken JSON: {exc.msg}", line=exc.lineno) from None
        except RecursionError:
            raise ImportFailed(self.filename, "JSON nested too deeply", line=1) from None
        if self.text[end:].strip(" \t\r\n;"):
            line = self.text.count("\n", 0, end) + 1
            raise ImportFailed(self.filename, "unexpected text after the JSON data", line=line)
        return value

    def line_at(self, path: tuple[str | int, ...]) -> int | None:
        """The line where the object at `path` (keys and list indexes) begins."""
        if self._located is None:
            decoder = json.JSONDecoder()
            starts = self._starts

            def parse_object(s_and_end: tuple[str, int], *args: object, **kwargs: object) -> object:
                obj, end = json.decoder.JSONObject(s_and_end, *args, **kwargs)  # type: ignore[attr-defined]
                starts[id(obj)] = s_and_end[1] - 1  # the scanner hands over the index after '{'
                return obj, end

            decoder.parse_object = parse_object  # type: ignore[attr-defined]
            decoder.scan_once = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
            self._located = self._decode(decoder)
        node = self._located
        for step in path:
            try:
                node = node[step]  # type: ignore[index]
            except (KeyError, IndexError, TypeError):
                return None
        start = self._starts.get(id(node))
        return None if start is None else self.text.count("\n", 0, start) + 1


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t\r\n":
        i += 1
    return i
