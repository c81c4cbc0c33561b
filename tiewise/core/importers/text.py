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
from dataclasses import replace
from datetime import date
from functools import lru_cache

from tiewise.core.importers.records import ImportFailed, ImportRecord
from tiewise.core.nodefields import FIELDS
from tiewise.core.text import clean_text
from tiewise.core.vocab import FIELD_VOCAB

# A pasted abstract or note can exceed the csv module's 128 KB cell limit; the
# file's own size limit (parse_any's max_bytes) is the real bound.
csv.field_size_limit(max(csv.field_size_limit(), 100_000_000))

# C0 controls that never appear in a text export; many of them mean binary data.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def decode(data: bytes, filename: str, warnings: list[str]) -> str:
    """Text of a file. A byte-order mark decides (UTF-8, UTF-16 LE or BE); else
    UTF-8 when the bytes are valid UTF-8; else a guess, said in a warning:
    Windows-1252 before Latin-1 (so a curly apostrophe stays an apostrophe),
    or another script's code page when charset-normalizer recognises one.

    >>> decode("café".encode("utf-16"), "x.csv", [])
    'café'
    >>> w = []; decode("O’Brien café".encode("cp1252"), "x.csv", w), len(w)
    ('O’Brien café', 1)
    """
    check_signature(data, filename)
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        codec = "utf-16-le" if data[:2] == b"\xff\xfe" else "utf-16-be"
        text = _utf16(data[2:], codec, filename)
    elif data[:3] == b"\xef\xbb\xbf":
        text = _utf8_or_guess(data[3:], filename, warnings)
    elif len(data) >= 4 and data[1] == 0 and data[3] == 0 and data[0] and data[2]:
        # UTF-16 without a byte-order mark: ASCII text shows as letter, NUL, letter, NUL.
        text = _utf16(data, "utf-16-le", filename)
    elif len(data) >= 4 and data[0] == 0 and data[2] == 0 and data[1] and data[3]:
        text = _utf16(data, "utf-16-be", filename)
    else:
        text = _utf8_or_guess(data, filename, warnings)
    bad = text_control(text)
    if bad is not None:
        raise ImportFailed(
            filename,
            f"this looks like a binary file, not text (control character U+{ord(bad[1]):04X})",
            line=bad[0] + 1,
        )
    return text


def check_signature(data: bytes, filename: str) -> None:
    """Refuse the files people upload by mistake, saying what they are."""
    if data[:4] == b"PK\x03\x04":
        raise ImportFailed(
            filename, "this is a zip archive; unzip it and import the file inside", line=1
        )
    if data[:5] == b"%PDF-":
        raise ImportFailed(filename, "this is a PDF document, not a contacts or data file", line=1)


def text_control(text: str) -> tuple[int, str] | None:
    """(line index, character) of the first control character that no text
    export holds (many of them mean binary data), or None."""
    bad = _CONTROL.search(text)
    if bad is None:
        return None
    return text.count("\n", 0, bad.start()), bad.group()


def guess_codec(data: bytes) -> str:
    """The code page of bytes that are not UTF-8 (see `decode`).

    >>> guess_codec("Grüße".encode("cp1252")), guess_codec("Привет, коллеги".encode("cp1251"))
    ('cp1252', 'cp1251')
    """
    return _guess(data)[1]


#: Code pages of Western European text. charset-normalizer often names one of
#: them for short German or French text; Windows-1252 reads them all best.
_WESTERN = frozenset(
    {"cp1252", "windows-1252", "latin_1", "iso8859_1", "iso8859_15", "cp1250", "iso8859_2",
     "mac_roman", "cp850", "cp437", "cp858", "ascii", "utf_8"}
)  # fmt: skip
_CODEC_NAMES = {"cp1252": "Windows-1252", "latin-1": "Latin-1"}
_HIGH = bytes(range(0x80, 0x100))
#: Three high bytes in a row: a word of another script (Western words have an
#: accent here and there, rarely three together).
_HIGH_RUN = re.compile(rb"[\x80-\xff]{3,}")


def _utf8_or_guess(data: bytes, filename: str, warnings: list[str]) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
    text, codec = _guess(data)
    warnings.append(
        f"{filename}: not UTF-8 (first at line {line}); read as {_CODEC_NAMES.get(codec, codec)}, "
        "so check accented names"
    )
    return text


def _guess(data: bytes) -> tuple[str, str]:
    """Text and the name of its code page, for bytes that are not UTF-8.

    Western text is mostly ASCII letters with an accent here and there; only
    when most high bytes come three or more in a row (Cyrillic, Greek, ...) is
    charset-normalizer asked which code page it is.
    """
    high = len(data) - len(data.translate(None, _HIGH))
    in_runs = sum(len(run) for run in _HIGH_RUN.findall(data))
    if high >= 8 and in_runs > 0.5 * high:
        from charset_normalizer import from_bytes  # imported late: most files never need it

        best = from_bytes(data[:200_000]).best()
        if best is not None and best.encoding not in _WESTERN:
            try:
                return data.decode(best.encoding), best.encoding
            except (UnicodeDecodeError, LookupError):
                pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        # Latin-1 reads any byte; the C1 controls it can leave are cleaned out later.
        return data.decode("latin-1"), "latin-1"


def _utf16(data: bytes, codec: str, filename: str) -> str:
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


#: Column names that give a CSV header away, whichever exporter wrote it: a data
#: row holding two of them is the header of another file pasted below.
HEADER_WORDS = frozenset(
    {"First Name", "Last Name", "Email Address", "E-mail Address", "Connected On", "Company",
     "Position", "Given Name", "Family Name", "E-mail 1 - Value", "Organization Name",
     "Organization 1 - Name", "Account address", "Show boosts", "Vorname", "Nachname",
     "E-Mail-Adresse", "Firma", "Prénom", "Adresse de messagerie", "Job Title"}
)  # fmt: skip
#: How other formats begin, should one be pasted below a CSV.
_OTHER_FORMAT = re.compile(r"BEGIN:VCARD|TY  - |PMID- |<\?xml|<graphml|<gexf|window\.YTD\.", re.I)
#: A BibTeX entry's first cell: "@article{key" (the comma after the key ends
#: the cell). A formula such as "@SUM(1)" is a hostile name, not another file.
_BIBTEX_CELL = re.compile(r"@[A-Za-z]+\s*\{[^\s,{}()]*")


def csv_rows(
    text: str,
    filename: str,
    *,
    required: Sequence[str],
    aliases: dict[str, str] | None = None,
    max_preamble: int = 20,
    warnings: list[str] | None = None,
    delimiter: str = ",",
) -> tuple[list[str], Iterator[Row]]:
    """The header and data rows of a CSV whose header holds `required` columns.

    Up to `max_preamble` rows before the header are skipped, because LinkedIn
    writes a note above its header. `aliases` renames header cells (case
    aside) to the names the importer reads, for localised exports. Rows come
    with their line; a header with nothing below it, a last row cut short and
    another file pasted below are each reported (an error, or a warning in
    `warnings` when the rest of the file is sound).

    >>> header, rows = csv_rows("Notes:\\n\\na,b\\n1,2\\n", "f.csv", required=["a", "b"])
    >>> header, [(r.get("b"), r.line) for r in rows]
    (['a', 'b'], [('2', 4)])
    """
    reader = csv.reader(io.StringIO(text, newline=""), strict=True, delimiter=delimiter)
    wanted = set(required)
    folded = {k.casefold(): v for k, v in (aliases or {}).items()}
    seen = 0
    best: tuple[int, int, list[str]] = (0, 0, [])  # (columns found, line, cells)
    try:
        for row in reader:
            seen += 1
            cells = [c.strip().lstrip("\ufeff").strip() for c in row]
            if folded:
                cells = [folded.get(c.casefold(), c) for c in cells]
            found = len(wanted.intersection(cells))
            if found == len(wanted):
                header_line = reader.line_num
                columns = _columns(cells, filename, header_line)
                rows = _data_rows(reader, cells, columns, filename, header_line, text, warnings)
                return cells, rows
            if found > best[0]:
                best = (found, reader.line_num, cells)
            if seen >= max_preamble:
                break
    except csv.Error as exc:
        raise ImportFailed(
            filename, f"not a readable CSV file ({exc})", line=reader.line_num
        ) from None
    found, line, cells = best
    if found:
        missing = [c for c in required if c not in cells]
        raise ImportFailed(
            filename,
            f"the header has no column {missing[0]!r}"
            + (f" (nor {', '.join(repr(m) for m in missing[1:])})" if len(missing) > 1 else "")
            + "; is this the right file, or was the column renamed?",
            line=line,
            field=missing[0],
        )
    names = ", ".join(required)
    raise ImportFailed(
        filename,
        f"no header row with the columns {names} was found; is this the right file?",
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
    reader: Iterator[list[str]],
    header: list[str],
    columns: dict[str, int],
    filename: str,
    header_line: int,
    text: str,
    warnings: list[str] | None,
) -> Iterator[Row]:
    notes = warnings if warnings is not None else []
    width = len(header)
    pending: Row | None = None  # held back one row: only the last may be cut short
    line = header_line
    count = 0
    try:
        for cells in reader:
            line = reader.line_num  # type: ignore[attr-defined]
            if not "".join(cells).strip():
                continue
            first = cells[0].strip()
            if _OTHER_FORMAT.match(first) or _BIBTEX_CELL.fullmatch(first):
                raise ImportFailed(
                    filename,
                    f"another kind of file starts here ({first[:30]!r}); were two files "
                    "pasted together? Import each on its own",
                    line=line,
                    field=header[0] if header else None,
                )
            if len(cells) > 1 and len(HEADER_WORDS.intersection(c.strip() for c in cells)) >= 2:
                stripped = [c.strip().lstrip("\ufeff") for c in cells]
                if stripped == header:
                    notes.append(
                        f"{filename}, line {line}: the header appears again, as if two exports "
                        "were pasted together; the rows below it are read too"
                    )
                    continue
                raise ImportFailed(
                    filename,
                    "the header of another file starts here; were two exports pasted "
                    "together? Import each on its own",
                    line=line,
                    field=first[:40] or None,
                )
            if len(cells) == 1 and width >= 3:
                # A lone cell in a wide file: a preamble pasted again ("Notes:"), not a row.
                notes.append(
                    f"{filename}, line {line}: skipped a line that is not a row of the table "
                    f"({first[:40]!r})"
                )
                continue
            if pending is not None:
                count += 1
                yield pending
            pending = Row(cells, columns, line)
    except csv.Error as exc:
        raise ImportFailed(
            filename, f"the file ends or breaks inside a quoted value ({exc})", line=line + 1
        ) from None
    if pending is not None:
        if not text.endswith(("\n", "\r")) and len(pending.cells) < width:
            missing = header[len(pending.cells)] or f"column {len(pending.cells) + 1}"
            message = (
                f"the last row stops after {len(pending.cells)} of {width} columns, "
                "so the file seems cut short"
            )
            if count == 0:
                raise ImportFailed(filename, message, line=pending.line, field=missing)
            notes.append(
                f"{filename}, line {pending.line}, field {missing!r}: {message}; "
                "that row was left out"
            )
        else:
            count += 1
            yield pending
    if count == 0:
        raise ImportFailed(
            filename,
            "the header is here but no rows follow it; is the export complete?",
            line=header_line,
        )


# --- values ----------------------------------------------------------------------------


def fold(text: str) -> str:
    """Lower case without accents, for comparing names.

    >>> fold("Núñez-Ruíz")
    'nunez-ruiz'
    """
    if text.isascii():
        return text.casefold()  # the common case, without decomposing
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
_US_DATE = re.compile(
    r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?)?"
)
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")


@lru_cache(maxsize=4096)  # exports repeat dates a lot; strptime was most of an import's time
def parse_date(value: str) -> date | None:
    """A date from the formats exports use, or None. English month names only,
    whatever the locale: exports are written in English.

    >>> parse_date("15 Mar 2023"), parse_date("2023-03-15"), parse_date("soon")
    (datetime.date(2023, 3, 15), datetime.date(2023, 3, 15), None)
    >>> parse_date("15-Mar-23"), parse_date("3/15/2023"), parse_date("1/8/18, 6:14 PM")
    (datetime.date(2023, 3, 15), datetime.date(2023, 3, 15), datetime.date(2018, 1, 8))
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


# --- the last step of every import ------------------------------------------------------

_ONE_LINE_FIELDS = tuple(
    f.name for f in FIELDS if f.type in ("text", "email") and f.name not in ("kind",)
)
_MULTILINE_FIELDS = tuple(f.name for f in FIELDS if f.type == "longtext")
_LIST_FIELDS = tuple(f.name for f in FIELDS if f.is_list)
_UNTIDY = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]|  |\A\s|\s\Z")
_UNTIDY_MULTILINE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]|\A\s|\s\Z")


def _tidy_text(value: str, multiline: bool) -> str:
    pattern = _UNTIDY_MULTILINE if multiline else _UNTIDY
    if not pattern.search(value) and (value.isascii() or unicodedata.is_normalized("NFC", value)):
        return value  # the common case, checked in C
    value = value.replace("\u2028", "\n").replace("\u2029", "\n")
    return clean_text(value, multiline=multiline)


#: The fast check: every one-line value joined by U+001F, searched once.
_UNTIDY_JOINED = re.compile(r"[\x00-\x1e\x7f-\x9f\u2028\u2029]|  |\x1f\s|\s\x1f|\x1f\x1f|\A\s|\s\Z")


def _tidy_already(record: ImportRecord) -> bool:
    """Whether a record is clean as it is (most are): one regex search in C."""
    values = [v for name in _ONE_LINE_FIELDS if (v := getattr(record, name))]
    for name in _LIST_FIELDS:
        items = getattr(record, name)
        if items:
            if len(set(items)) != len(items):
                return False
            values.extend(items)
    if record.external_id:
        values.append(record.external_id)
    joined = "\x1f".join(values)
    if _UNTIDY_JOINED.search(joined) or not (
        joined.isascii() or unicodedata.is_normalized("NFC", joined)
    ):
        return False
    for name in _MULTILINE_FIELDS:
        value = getattr(record, name)
        if value and (
            _UNTIDY_MULTILINE.search(value)
            or not (value.isascii() or unicodedata.is_normalized("NFC", value))
        ):
            return False
    return True


def tidy(record: ImportRecord) -> ImportRecord:
    """A record whose text holds no control characters (a tab or line break
    only in notes), no stray spaces and composed accents; empty list items
    and repeats dropped. Every importer's records pass through it.

    >>> tidy(ImportRecord(name=" Ana\\tRuiz\\x85", tags=("a", "", "a"))).name
    'Ana Ruiz'
    """
    if _tidy_already(record):
        return record
    changes: dict[str, object] = {}
    for name in _ONE_LINE_FIELDS:
        value = getattr(record, name)
        if value:
            tidied = _tidy_text(value, False)
            if tidied is not value:
                changes[name] = tidied
    for name in _MULTILINE_FIELDS:
        value = getattr(record, name)
        if value:
            tidied = _tidy_text(value, True)
            if tidied is not value:
                changes[name] = tidied
    for name in _LIST_FIELDS:
        values = getattr(record, name)
        if values:
            tidied_list = tuple(dict.fromkeys(t for v in values if (t := _tidy_text(v, False))))
            if tidied_list != values:
                changes[name] = tidied_list
    if record.external_id:
        external = _tidy_text(record.external_id, False)
        if external is not record.external_id:
            changes["external_id"] = external
    return replace(record, **changes) if changes else record  # type: ignore[arg-type]
