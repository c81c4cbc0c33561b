"""GraphML (from Gephi, Cytoscape desktop, igraph, networkx, or our exporter).

Node data keys `name` (or `label`), `kind`, `strength`, `sector`, `reach`,
`organisation` and comma-separated `modes`, `areas`, `roles` are read;
missing ones default (`person`, `weak`). Every edge becomes an alter tie.
An ego node (kind `owner`, as our exporter can write) is left out.

expat is driven directly: it is fast, it knows line numbers, and it lets the
reader refuse DOCTYPE and ENTITY declarations, which is how entity-expansion
attacks arrive (defusedxml is not a dependency).
"""

from __future__ import annotations

from datetime import date
from xml.parsers import expat

from tiewise.core.importers.records import (
    ImportFailed,
    ImportRecord,
    ImportResult,
    ImportTie,
    OwnerHints,
)
from tiewise.core.importers.text import checked, checked_one, decode, split_list

FORMAT = "graphml"
_LISTS = ("modes", "areas", "roles", "tags", "links")


class _Reader:
    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.keys: dict[str, str] = {}  # key id -> attribute name
        self.defaults: dict[str, str] = {}  # node attribute name -> default value
        self.nodes: list[tuple[str, int, dict[str, tuple[str, int]]]] = []
        self.edges: list[tuple[str, str, int, dict[str, tuple[str, int]]]] = []
        self.root_seen = False
        self.depth_in_node = 0
        self.current: dict[str, tuple[str, int]] | None = None
        self.key_for_default: str | None = None
        self.data_key: str | None = None
        self.data_line = 0
        self.text: list[str] = []

    def fail(self, message: str, line: int, field: str | None = None) -> ImportFailed:
        return ImportFailed(self.filename, message, line=line, field=field)

    def start(self, tag: str, attrs: dict[str, str], line: int) -> None:
        tag = tag.rpartition(":")[2]
        if not self.root_seen:
            if tag != "graphml":
                raise self.fail(f"expected a <graphml> document, found <{tag[:40]}>", line)
            self.root_seen = True
        elif tag == "key":
            key_id = attrs.get("id", "")
            self.keys[key_id] = attrs.get("attr.name") or key_id
            if attrs.get("for", "node") in ("node", "all"):
                self.key_for_default = key_id
        elif tag == "default" and self.key_for_default is not None:
            self.text = []
        elif tag == "node":
            self.depth_in_node += 1
            if self.depth_in_node == 1:
                node_id = attrs.get("id")
                if node_id is None:
                    raise self.fail("a <node> needs an id", line, "id")
                self.current = {}
                self.nodes.append((node_id, line, self.current))
        elif tag == "edge" and self.depth_in_node == 0:
            source, target = attrs.get("source"), attrs.get("target")
            if source is None or target is None:
                raise self.fail(
                    "an <edge> needs a source and a target",
                    line,
                    "source" if source is None else "target",
                )
            self.current = {}
            self.edges.append((source, target, line, self.current))
        elif tag == "data" and self.current is not None:
            self.data_key = attrs.get("key", "")
            self.data_line = line
            self.text = []

    def end(self, tag: str) -> None:
        tag = tag.rpartition(":")[2]
        if tag == "data" and self.data_key is not None and self.current is not None:
            name = self.keys.get(self.data_key, self.data_key)
            self.current[name] = ("".join(self.text), self.data_line)
            self.data_key = None
        elif tag == "default" and self.key_for_default is not None:
            self.defaults[self.keys[self.key_for_default]] = "".join(self.text)
        elif tag == "key":
            self.key_for_default = None
        elif tag == "node":
            self.depth_in_node -= 1
            if self.depth_in_node == 0:
                self.current = None
        elif tag == "edge" and self.depth_in_node == 0:
            self.current = None

    def chars(self, data: str) -> None:
        if self.data_key is not None or self.key_for_default is not None:
            self.text.append(data)


def parse(
    data: bytes, *, filename: str = "network.graphml", owner: OwnerHints | None = None
) -> ImportResult:
    """Nodes as records, edges as alter ties.

    >>> xml = b'<graphml><key id="k" for="node" attr.name="name"/><graph>'
    >>> xml += b'<node id="a"><data key="k">Ana</data></node><node id="b"/>'
    >>> xml += b'<edge source="a" target="b"/></graph></graphml>'
    >>> r = parse(xml)
    >>> [(x.name, x.strength) for x in r.records], r.alter_ties
    ([('Ana', 'weak'), ('b', 'weak')], [ImportTie(source=0, target=1, strength='')])
    """
    result = ImportResult(format=FORMAT)
    text = decode(data, filename, result.warnings)
    reader = _Reader(filename)
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def refuse(*_args: object) -> None:
        raise reader.fail(
            "DOCTYPE and ENTITY declarations are not accepted in GraphML",
            parser.CurrentLineNumber,
        )

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.StartElementHandler = lambda tag, attrs: reader.start(
        tag, attrs, parser.CurrentLineNumber
    )
    parser.EndElementHandler = reader.end
    parser.CharacterDataHandler = reader.chars
    parser.buffer_text = True
    try:
        parser.Parse(text.lstrip("\ufeff"), True)
    except expat.ExpatError as exc:
        raise ImportFailed(
            filename, f"broken XML: {expat.ErrorString(exc.code)}", line=exc.lineno
        ) from None
    if not reader.root_seen:
        raise ImportFailed(filename, "no <graphml> element found", line=1)

    index: dict[str, int] = {}
    skipped: set[str] = set()
    for node_id, line, values in reader.nodes:
        merged = {k: (v, line) for k, v in reader.defaults.items()} | values
        if merged.get("kind", ("", 0))[0] == "owner":
            skipped.add(node_id)  # the ego of an exported map: the owner is not their own node
            continue
        if node_id in index:
            raise ImportFailed(
                filename, f"node id {node_id[:40]!r} appears twice", line=line, field="id"
            )
        index[node_id] = len(result.records)
        result.records.append(_record(node_id, line, merged, filename))
    seen: set[tuple[int, int]] = set()
    for source, target, line, values in reader.edges:
        if source in skipped or target in skipped:
            continue
        ends = []
        for field, end in (("source", source), ("target", target)):
            if end not in index:
                raise ImportFailed(
                    filename, f"no node has the id {end[:40]!r}", line=line, field=field
                )
            ends.append(index[end])
        a, b = sorted(ends)
        if a == b:
            result.warnings.append(
                f"{filename}, line {line}: skipped an edge from a node to itself"
            )
            continue
        if (a, b) in seen:
            continue
        seen.add((a, b))
        strength, where = values.get("strength", ("", line))
        if strength not in ("", "strong", "weak"):
            raise ImportFailed(
                filename, "expected 'strong' or 'weak'", line=where, field="strength"
            )
        result.alter_ties.append(ImportTie(a, b, strength))
    return result


def _record(
    node_id: str, line: int, values: dict[str, tuple[str, int]], filename: str
) -> ImportRecord:
    def get(key: str) -> str:
        return values.get(key, ("", line))[0].strip()

    def at(key: str) -> int:
        return values.get(key, ("", line))[1]

    lists = {key: split_list(get(key)) for key in _LISTS}
    since = get("since")
    try:
        since_date = date.fromisoformat(since) if since else None
    except ValueError:
        raise ImportFailed(
            filename,
            f"{since[:30]!r} is not a date like 2024-05-31",
            line=at("since"),
            field="since",
        ) from None
    return ImportRecord(
        name=get("name") or get("label") or node_id,
        kind=checked_one("kind", get("kind"), filename, at("kind")) or "person",
        email=get("email"),
        phone=get("phone"),
        organisation=get("organisation") or get("organization"),
        title=get("title"),
        profession=get("profession"),
        sector=checked_one("sector", get("sector"), filename, at("sector")),
        reach=checked_one("reach", get("reach"), filename, at("reach")),
        city=get("city"),
        country=get("country"),
        links=lists["links"],
        tags=lists["tags"],
        notes=get("notes"),
        strength=checked_one("strength", get("strength"), filename, at("strength")) or "weak",
        modes=checked("modes", lists["modes"], filename, at("modes")),
        areas=checked("areas", lists["areas"], filename, at("areas")),
        roles=checked("roles", lists["roles"], filename, at("roles")),
        line=line,
        external_id=node_id,
        since=since_date,
    )
