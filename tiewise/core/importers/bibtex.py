"""BibTeX and biblatex (`.bib`, as exported by dblp, IEEE Xplore, JabRef,
Zotero and Better BibTeX, Google Scholar, Mendeley, ORCID).

The entries are read by a small scanner of our own, because the file must be
read in one linear pass (bibtexparser 1.x takes minutes on a big library)
and every error must name its line and field: an unclosed brace swallows
every entry after it, and the owner deserves to hear where. LaTeX in names
and titles (`Sch\\"onberger`, `H{\\aa}kan`, `{\\'E}lodie`, `\\c{c}`, `\\ss`,
`$\\beta$`) is decoded by pylatexenc, one macro at a time so a file costs what
its distinct accents do; `--` and `---` become dashes.

What the variants add: biblatex's `date = {2021-03-15}` instead of `year`;
dblp's numbered homonyms (`Wei Wang 0001`, kept apart from `Wei Wang 0002`);
ORCID iDs in `orcid-numbers = {Doe, Jane/0000-...}` (Web of Science),
biblatex annotations `author+an = {1="orcid:0000-..."}`, or an `orcid` list
with one iD per author; `affiliation` with one entry per author
(`... and ...`); JabRef's `@Comment{jabref-meta: ...}` blocks are skipped.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Any

from tiewise.core.importers import coauthors
from tiewise.core.importers.records import ImportFailed, ImportResult, OwnerHints
from tiewise.core.importers.text import decode

FORMAT = "bibtex"
_ENTRY = re.compile(r"@\s*([A-Za-z][\w-]*)\s*([{(])")
_KEY = re.compile(r"\s*([^,\s{}()=\"#]*)\s*,?")
_FIELD_NAME = re.compile(r"\s*([A-Za-z_][\w:+.\-]*)\s*=\s*")
_SPACE = re.compile(r"\s*")
_NUMBER = re.compile(r"\d+")
_MACRO = re.compile(r"[A-Za-z_][\w:.\-]*")
_BRACE_SCAN = re.compile(r"[{}]|\n[ \t]*@[A-Za-z]+[ \t]*[{(]")
_QUOTE_SCAN = re.compile(r'[{}"]|\n[ \t]*@[A-Za-z]+[ \t]*[{(]')
_FIELD_LINE = re.compile(r"\n[ \t]*[A-Za-z][\w-]*[ \t]*=")
_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
_SKIP_TYPES = {"comment", "preamble"}
_MONTHS = {m: str(i) for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
)}  # fmt: skip
_ANNOTATION = re.compile(r"(\d+)(?::[\w-]+)?\s*=\s*\"([^\"]*)\"")


class _Scanner:
    """One pass over the text; lines are counted as the position moves on."""

    def __init__(self, text: str, filename: str) -> None:
        self.text = text
        self.filename = filename
        self._pos = 0
        self._line = 1
        self.strings: dict[str, str] = dict(_MONTHS)

    def line(self, pos: int) -> int:
        if pos >= self._pos:
            self._line += self.text.count("\n", self._pos, pos)
        else:  # an error looking back: rare, so counting from the start is fine
            return self.text.count("\n", 0, pos) + 1
        self._pos = pos
        return self._line

    def fail(self, message: str, pos: int, field: str | None = None) -> ImportFailed:
        return ImportFailed(self.filename, message, line=self.line(pos), field=field or None)

    def entries(self) -> list[tuple[str, str, int, dict[str, str]]]:
        """(type, key, line, fields) of every entry, fields lower-cased, raw LaTeX kept."""
        out: list[tuple[str, str, int, dict[str, str]]] = []
        text, pos = self.text, 0
        while True:
            at = text.find("@", pos)
            if at < 0:
                return out
            match = _ENTRY.match(text, at)
            if not match:
                pos = at + 1  # an @ in a comment or an email address
                continue
            kind = match.group(1).lower()
            closer = "}" if match.group(2) == "{" else ")"
            line = self.line(at)
            if kind in _SKIP_TYPES:
                pos = self._skip_block(match.end(), closer, at, kind)
                continue
            pos = match.end()
            key = ""
            if kind != "string":
                key_match = _KEY.match(text, pos)
                assert key_match is not None  # the pattern matches the empty string
                if not text.startswith("=", _SPACE.match(text, key_match.end()).end()):  # type: ignore[union-attr]
                    key, pos = key_match.group(1), key_match.end()
            fields, pos = self._fields(pos, closer, at)
            if kind == "string":
                self.strings.update(fields)
            else:
                out.append((kind, key, line, fields))

    def _skip_block(self, pos: int, closer: str, at: int, kind: str) -> int:
        depth = 1
        opener = "{" if closer == "}" else "("
        scan = re.compile(re.escape(opener) + "|" + re.escape(closer))
        for found in scan.finditer(self.text, pos):
            depth += 1 if found.group() == opener else -1
            if depth == 0:
                return found.end()
        raise self.fail(f"this @{kind} is never closed; is the file cut short?", at)

    def _fields(self, pos: int, closer: str, at: int) -> tuple[dict[str, str], int]:
        text = self.text
        fields: dict[str, str] = {}
        last_field, last_start = "", at
        while True:
            pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
            if pos >= len(text):
                # A value that took the entry's closing brace: blame it when a line
                # inside it starts like `year =`, else the entry itself.
                value = fields.get(last_field, "")
                if last_field and _FIELD_LINE.search(value):
                    raise self.fail(
                        f"a brace opened in {last_field!r} is never closed; is the file cut short?",
                        last_start,
                        last_field,
                    )
                raise self.fail(
                    "this entry is never closed; is the file cut short?", at, last_field
                )
            if text[pos] == closer:
                return fields, pos + 1
            if text[pos] == ",":
                pos += 1
                continue
            name_match = _FIELD_NAME.match(text, pos)
            if not name_match:
                if last_field and text[pos] == "@":
                    raise self.fail(
                        f"the value of {last_field!r} seems not to be closed where it should "
                        f"be: a new entry starts on line {self.line(pos)}",
                        last_start,
                        last_field,
                    )
                raise self.fail(
                    "expected 'name = value', a ',' or the end of the entry",
                    pos,
                    last_field and f"after {last_field}",
                )
            name = name_match.group(1).lower()
            last_field, last_start = name, pos
            value, pos = self._value(name_match.end(), name, pos)
            fields[name] = value

    def _value(self, pos: int, name: str, start: int) -> tuple[str, int]:
        text = self.text
        parts: list[str] = []
        while True:
            pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
            c = text[pos : pos + 1]
            if c == "{":
                end = self._closing(pos + 1, name, start, quoted=False)
                parts.append(text[pos + 1 : end])
                pos = end + 1
            elif c == '"':
                end = self._closing(pos + 1, name, start, quoted=True)
                parts.append(text[pos + 1 : end])
                pos = end + 1
            elif number := _NUMBER.match(text, pos):
                parts.append(number.group())
                pos = number.end()
            elif macro := _MACRO.match(text, pos):
                parts.append(self.strings.get(macro.group().lower(), macro.group()))
                pos = macro.end()
            else:
                raise self.fail('expected a value: {...}, "...", a number or a name', pos, name)
            pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
            if text[pos : pos + 1] != "#":
                return "".join(parts), pos
            pos += 1

    def _closing(self, pos: int, name: str, start: int, *, quoted: bool) -> int:
        """Where the value opened just before `pos` closes."""
        depth = 0
        for found in (_QUOTE_SCAN if quoted else _BRACE_SCAN).finditer(self.text, pos):
            mark = found.group()
            if mark == "{":
                depth += 1
            elif mark == "}":
                if depth == 0:
                    if quoted:
                        raise self.fail("this '}' closes nothing; a brace is unbalanced",
                                        found.start(), name)  # fmt: skip
                    return found.start()
                depth -= 1
            elif mark == '"':
                if depth == 0:
                    return found.start()
            else:  # a new entry at the start of a line, inside this value
                raise self._unclosed(start, name, pos, found.start())
        raise self._unclosed(start, name, pos, None)

    def _unclosed(self, start: int, name: str, pos: int, entry: int | None) -> ImportFailed:
        # BibTeX cannot tell where an unclosed value ends: say where it opened,
        # and what gives it away (a line that starts like `year =` inside it).
        where = f" (a new entry starts on line {self.line(entry + 1)})" if entry else ""
        return self.fail(
            f"a brace opened in {name!r} is never closed{where}; is the file cut short?",
            start,
            name,
        )


def parse(
    data: bytes,
    *,
    filename: str = "references.bib",
    owner: OwnerHints | None = None,
    today: date | None = None,
) -> ImportResult:
    """Co-authors of the owner's entries.

    >>> bib = b"@article{a, author={Ruiz, Ana and Sch\\\\\\"onberger, Jan}, title={T}, year={2023}}"
    >>> r = parse(bib, owner=OwnerHints(names=("Ana Ruiz",)), today=date(2024, 1, 1))
    >>> [(x.name, x.strength, x.areas, x.publications) for x in r.records]
    [('Jan Schönberger', 'weak', ('academic',), ('2023 · T',))]
    """
    warnings: list[str] = []
    text = decode(data, filename, warnings)
    entries = _Scanner(text, filename).entries()
    papers = [_paper(fields, line) for _kind, _key, line, fields in entries]
    papers = [p for p in papers if p.authors]
    if not entries:
        raise ImportFailed(filename, "no @entry{...} found; this is not a BibTeX file", line=1)
    if not papers:
        raise ImportFailed(
            filename, "no entry has an author (or editor) list", line=entries[0][2], field="author"
        )
    return coauthors.build(
        papers,
        fmt=FORMAT,
        filename=filename,
        owner=owner,
        today=today or date.today(),
        warnings=warnings,
    )


def _paper(fields: dict[str, str], line: int) -> coauthors.Paper:
    raw = fields.get("author") or fields.get("editor") or ""
    names = [n for n in _split_and(raw) if n.strip() and n.strip().lower() != "others"]
    authors = []
    for name in names:
        stripped = name.strip()
        group = stripped.startswith("{") and stripped.endswith("}") and _balanced(stripped[1:-1])
        authors.append(coauthors.Author(latex(stripped), group=group))
    _orcids(fields, authors)
    affiliations = _split_and(fields.get("affiliation") or fields.get("affiliations") or "")
    if (
        len(affiliations) == len(authors)
        and len(authors) > 1
        or len(authors) == 1 == len(affiliations)
    ):
        for author, affiliation in zip(authors, affiliations, strict=True):
            author.affiliation = latex(affiliation)
    when = fields.get("year") or fields.get("date") or fields.get("issued") or ""
    return coauthors.Paper(
        title=latex(fields.get("title", "")),
        year=coauthors.year_of(when),
        authors=authors,
        line=line,
    )


def _orcids(fields: dict[str, str], authors: list[coauthors.Author]) -> None:
    for key in ("author+an", "author+an:orcid"):
        for number, value in _ANNOTATION.findall(fields.get(key, "")):
            i = int(number) - 1
            if 0 <= i < len(authors) and (orcid := coauthors.orcid_of(value)):
                authors[i].orcid = orcid
    listed = fields.get("orcid-numbers") or fields.get("orcid") or fields.get("orcids") or ""
    if not listed:
        return
    pairs = [p.strip() for p in re.split(r";|\s+and\s+|\n", listed) if p.strip()]
    bare = [coauthors.orcid_of(p) for p in pairs if "/" not in p]
    if bare and len(bare) == len(pairs) == len(authors) and all(bare):
        for author, orcid in zip(authors, bare, strict=True):
            author.orcid = author.orcid or orcid  # one iD per author, in order
        return
    for pair in pairs:
        name, _sep, value = pair.rpartition("/")
        orcid = coauthors.orcid_of(value)
        if not (name and orcid):
            continue
        name = latex(name)
        best = max(authors, key=lambda a: coauthors.name_match(a.name, name), default=None)
        if best is not None and coauthors.name_match(best.name, name) and not best.orcid:
            best.orcid = orcid


def _balanced(value: str) -> bool:
    depth = 0
    for c in value:
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _split_and(value: str) -> list[str]:
    """Names split at ' and ' outside braces: {Barnes and Noble} stays one."""
    if "{" not in value:
        return [p for p in _AND.split(value.strip()) if p.strip()] if value.strip() else []
    out: list[str] = []
    depth = start = 0
    for match in re.finditer(r"[{}]|\s+and\s+", value, re.IGNORECASE):
        mark = match.group()
        if mark == "{":
            depth += 1
        elif mark == "}":
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(value[start : match.start()])
            start = match.end()
    out.append(value[start:])
    return [p.strip() for p in out if p.strip()]


# --- LaTeX --------------------------------------------------------------------------------

#: A macro with what it applies to: `\"o`, `\'{\i}`, `{\aa}`, `\c{c}`, `\ss `,
#: `\textit{In vivo}`, `\%`, or inline math `$\beta$`.
_LATEX_ATOM = re.compile(
    r"\$[^$]{0,200}\$"
    r"|\{?\\(?:[A-Za-z]+\*?[ \t]*(?:\{(?:[^{}]|\{[^{}]*\}){0,200}\}){0,2}"
    r"|[^A-Za-z\s](?:\{(?:[^{}]|\{[^{}]*\}){0,50}\}|\\[A-Za-z]+|[A-Za-z])?)\}?"
)
_DASHES = (("---", "\u2014"), ("--", "\u2013"), ("~", " "), ("\xa0", " "))


def latex(value: str) -> str:
    """Plain text of a BibTeX value: macros decoded, braces gone, one space each.

    >>> [latex(v) for v in (r'Sch\\"onberger', r'H{\\aa}kan', r"{\\'E}lodie", r"Fran\\c{c}ois",
    ...                     r"Stra\\ss e", r"Point-of-Care {US} -- a review")]
    ['Schönberger', 'Håkan', 'Élodie', 'François', 'Straße', 'Point-of-Care US – a review']
    """
    if "\\" in value or "$" in value:
        value = _LATEX_ATOM.sub(lambda m: _decode_atom(m.group()), value)
    if "{" in value or "}" in value:
        value = value.replace("{", "").replace("}", "")
    for old, new in _DASHES:
        if old in value:
            value = value.replace(old, new)
    return " ".join(value.split())


@lru_cache(maxsize=8192)
def _decode_atom(atom: str) -> str:
    from pylatexenc.latex2text import LatexNodes2Text  # imported late: it loads a big table

    try:
        text: str = _converter(LatexNodes2Text).latex_to_text(atom)
    except Exception:  # noqa: BLE001 - a macro too odd to convert stays as written
        return atom.replace("\\", "")
    return text


@lru_cache(maxsize=1)
def _converter(cls: Any) -> Any:
    return cls(math_mode="text", strict_latex_spaces=False)
