"""GEXF 1.1, 1.2 and 1.3 (Gephi's own format, networkx's `write_gexf`, our exporter).

Node and edge attributes are declared once (`<attributes class="node">`,
each `<attribute id="0" title="organisation">` with an optional
`<default>`) and given per node by their id (`<attvalue for="0" value=...>`,
`id=` in GEXF 1.1). The node's `label` is its name. Gephi's `viz:` elements
(colour, position, size) say how a node is drawn and are left out; nodes
nested in others (GEXF hierarchies) are read like the rest. Each record's key
is the node id with the file it came from (`gexf:<file>#<id>`).
"""

from __future__ import annotations

from tiewise.core.importers import graphs
from tiewise.core.importers.records import ImportFailed, ImportRecord, ImportResult, OwnerHints
from tiewise.core.importers.text import decode

FORMAT = "gexf"
_Values = dict[str, tuple[str, int]]


class _Reader:
    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.attributes: dict[str, dict[str, str]] = {"node": {}, "edge": {}}  # id -> title
        self.defaults: dict[str, dict[str, str]] = {"node": {}, "edge": {}}
        self.klass = ""  # the <attributes class=...> being read
        self.attribute: str | None = None  # the <attribute> whose <default> may follow
        self.in_default = False
        self.nodes: list[tuple[str, int, _Values]] = []
        self.edges: list[tuple[str, str, int, _Values]] = []
        self.stack: list[tuple[str, _Values]] = []
        self.root_seen = False
        self.version = ""
        self.text: list[str] = []

    def fail(self, message: str, line: int, field: str | None = None) -> ImportFailed:
        return ImportFailed(self.filename, message, line=line, field=field)

    def start(self, tag: str, attrs: dict[str, str], line: int) -> None:
        prefix, _sep, tag = tag.rpartition(":")
        if not self.root_seen:
            if tag != "gexf":
                raise self.fail(f"expected a <gexf> document, found <{tag[:40]}>", line)
            self.root_seen = True
            self.version = attrs.get("version", "")
            return
        if prefix == "viz" or "viz" in prefix:
            return  # drawing: colour, position, size, shape
        if tag == "attributes":
            self.klass = attrs.get("class", "node")
        elif tag == "attribute" and self.klass in self.attributes:
            attr_id = attrs.get("id", "")
            self.attributes[self.klass][attr_id] = attrs.get("title") or attr_id
            self.attribute = attr_id
        elif tag == "default" and self.attribute is not None:
            self.in_default, self.text = True, []
        elif tag == "node":
            node_id = attrs.get("id")
            if node_id is None:
                raise self.fail("a <node> needs an id", line, "id")
            values: _Values = {}
            if "label" in attrs:
                values["label"] = (attrs["label"], line)
            self.nodes.append((node_id, line, values))
            self.stack.append(("node", values))
        elif tag == "edge":
            source, target = attrs.get("source"), attrs.get("target")
            if source is None or target is None:
                raise self.fail(
                    "an <edge> needs a source and a target",
                    line,
                    "source" if source is None else "target",
                )
            values = {}
            if attrs.get("label"):
                values["label"] = (attrs["label"], line)
            self.edges.append((source, target, line, values))
            self.stack.append(("edge", values))
        elif tag == "attvalue" and self.stack:
            domain, values = self.stack[-1]
            key = attrs.get("for", attrs.get("id", ""))
            title = self.attributes[domain].get(key, key)
            if "value" not in attrs:
                raise self.fail("an <attvalue> needs a value", line, title)
            values[title] = (attrs["value"], line)

    def end(self, tag: str) -> None:
        tag = tag.rpartition(":")[2]
        if tag == "default" and self.in_default and self.attribute is not None:
            title = self.attributes[self.klass][self.attribute]
            self.defaults[self.klass][title] = "".join(self.text)
            self.in_default = False
        elif tag == "attribute":
            self.attribute = None
        elif tag in ("node", "edge") and self.stack:
            self.stack.pop()

    def chars(self, data: str) -> None:
        if self.in_default:
            self.text.append(data)


def parse(
    data: bytes, *, filename: str = "network.gexf", owner: OwnerHints | None = None
) -> ImportResult:
    """Nodes as records, edges as alter ties.

    >>> xml = b'<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" '
    >>> xml += b'version="1.3"><graph><attributes class="node"><attribute id="0" '
    >>> xml += b'title="organisation" type="string"><default>Mayo</default></attribute>'
    >>> xml += b'</attributes><nodes><node id="1" label="Ana Ruiz"><viz:size value="3"/>'
    >>> xml += b'</node><node id="2" label="Li Wei"><attvalues><attvalue for="0" '
    >>> xml += b'value="Charit\\xc3\\xa9"/></attvalues></node></nodes><edges>'
    >>> xml += b'<edge id="0" source="1" target="2"/></edges></graph></gexf>'
    >>> r = parse(xml)
    >>> [(x.name, x.organisation) for x in r.records], len(r.alter_ties)
    ([('Ana Ruiz', 'Mayo'), ('Li Wei', 'Charité')], 1)
    """
    result = ImportResult(format=FORMAT)
    text = decode(data, filename, result.warnings)
    reader = _Reader(filename)
    parser = graphs.expat_parser(filename)
    parser.StartElementHandler = lambda tag, attrs: reader.start(
        tag, attrs, parser.CurrentLineNumber
    )
    parser.EndElementHandler = reader.end
    parser.CharacterDataHandler = reader.chars
    graphs.run(parser, text, filename)
    if not reader.root_seen:
        raise ImportFailed(filename, "no <gexf> element found", line=1)
    result.extra["version"] = reader.version
    records: list[ImportRecord] = []
    index: dict[str, int] = {}
    skipped: set[str] = set()
    defaults = reader.defaults["node"]
    for node_id, line, values in reader.nodes:
        merged = {k: (v, line) for k, v in defaults.items()} | values
        if merged.get("kind", ("", 0))[0] == "owner":
            skipped.add(node_id)
            continue
        if node_id in index:
            raise ImportFailed(
                filename, f"node id {node_id[:40]!r} appears twice", line=line, field="id"
            )
        index[node_id] = len(records)
        records.append(graphs.record(node_id, line, merged, filename, fmt=FORMAT))
    if not records:
        raise ImportFailed(filename, "this graph has no nodes", line=1)
    result.records = records
    result.alter_ties = graphs.ties(
        reader.edges, reader.defaults["edge"], index, skipped, filename, result.warnings
    )
    return result
