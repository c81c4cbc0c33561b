"""GraphML (from Gephi, graph-tool, yEd, Cytoscape desktop, igraph, networkx,
or our exporter).

Keys are resolved per domain (`for="node"`, `"edge"` or `"all"`, so one key
id may serve nodes and edges alike) with their `<default>`s; values may be
CDATA. yEd's drawing keys (`yfiles.type="nodegraphics"`) give the node's
`<y:NodeLabel>` as its name; a yEd group becomes a `team` record and the
nodes inside it are read like the others. Attributes are read into registry
fields by `graphs.record`; every edge becomes an alter tie. An ego node
(kind `owner`, as our exporter can write) is left out. Each record's key is
the node id with the file it came from (`graphml:<file>#<id>`).
"""

from __future__ import annotations

from tiewise.core.importers import graphs
from tiewise.core.importers.records import (
    ImportFailed,
    ImportRecord,
    ImportResult,
    OwnerHints,
)
from tiewise.core.importers.text import decode

FORMAT = "graphml"
_Values = dict[str, tuple[str, int]]


class _Reader:
    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.keys: dict[tuple[str, str], str] = {}  # (domain, key id) -> attribute name
        self.graphics: set[str] = set()  # yEd key ids holding a drawing with its label
        self.defaults: dict[str, dict[str, str]] = {"node": {}, "edge": {}}
        self.nodes: list[tuple[str, int, _Values]] = []
        self.edges: list[tuple[str, str, int, _Values]] = []
        self.root_seen = False
        self.stack: list[tuple[str, _Values]] = []  # open nodes and edges
        self.key: tuple[str, str] | None = None  # the <key> being read, for its <default>
        self.in_default = False
        self.data_key: str | None = None
        self.data_line = 0
        self.label_depth = 0  # inside a <y:NodeLabel>
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
            key_id, domain = attrs.get("id", ""), attrs.get("for", "all")
            self.keys[(domain, key_id)] = attrs.get("attr.name") or key_id
            if attrs.get("yfiles.type") in ("nodegraphics", "edgegraphics"):
                self.graphics.add(key_id)
            self.key = (domain, key_id)
        elif tag == "default" and self.key is not None:
            self.in_default, self.text = True, []
        elif tag == "node":
            node_id = attrs.get("id")
            if node_id is None:
                raise self.fail("a <node> needs an id", line, "id")
            values: _Values = {}
            if attrs.get("yfiles.foldertype") in ("group", "folder"):
                values["kind"] = ("team", line)  # a yEd group box: its members sit inside
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
            self.edges.append((source, target, line, values))
            self.stack.append(("edge", values))
        elif tag == "data" and self.stack and self.data_key is None:
            self.data_key, self.data_line, self.text = attrs.get("key", ""), line, []
        elif tag in ("NodeLabel", "EdgeLabel") and self.data_key in self.graphics:
            self.label_depth += 1
            if self.label_depth == 1:
                self.text = []

    def end(self, tag: str) -> None:
        tag = tag.rpartition(":")[2]
        if tag in ("NodeLabel", "EdgeLabel") and self.label_depth:
            self.label_depth -= 1
            if self.label_depth == 0 and self.stack and "label" not in self.stack[-1][1]:
                label = "".join(self.text).strip()
                if label:
                    self.stack[-1][1]["label"] = (label, self.data_line)
        elif tag == "data" and self.data_key is not None and self.stack:
            if self.data_key not in self.graphics:
                domain, values = self.stack[-1]
                name = self.keys.get((domain, self.data_key)) or self.keys.get(
                    ("all", self.data_key), self.data_key
                )
                values[name] = ("".join(self.text), self.data_line)
            self.data_key = None
        elif tag == "default" and self.in_default and self.key is not None:
            domain, key_id = self.key
            name = self.keys[self.key]
            for target in ("node", "edge") if domain == "all" else (domain,):
                if target in self.defaults:
                    self.defaults[target][name] = "".join(self.text)
            self.in_default = False
        elif tag == "key":
            self.key = None
        elif tag in ("node", "edge") and self.stack:
            self.stack.pop()

    def chars(self, data: str) -> None:
        if (
            self.in_default
            or self.label_depth
            or (self.data_key is not None and self.data_key not in self.graphics)
        ):
            self.text.append(data)


def parse(
    data: bytes, *, filename: str = "network.graphml", owner: OwnerHints | None = None
) -> ImportResult:
    """Nodes as records, edges as alter ties.

    >>> xml = b'<graphml><key id="k" for="node" attr.name="name"/><graph>'
    >>> xml += b'<node id="a"><data key="k"><![CDATA[Ana]]></data></node><node id="b"/>'
    >>> xml += b'<edge source="a" target="b"/></graph></graphml>'
    >>> r = parse(xml)
    >>> [(x.name, x.strength, x.external_id) for x in r.records]
    [('Ana', 'weak', 'graphml:network.graphml#a'), ('b', 'weak', 'graphml:network.graphml#b')]
    >>> r.alter_ties
    [ImportTie(source=0, target=1, strength='')]
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
        raise ImportFailed(filename, "no <graphml> element found", line=1)
    records, index, skipped = _records(reader, filename)
    result.records = records
    result.alter_ties = graphs.ties(reader.edges, reader.defaults["edge"], index, skipped, filename,
                              result.warnings)  # fmt: skip
    if not records:
        raise ImportFailed(filename, "this graph has no nodes", line=1)
    return result


def _records(reader: _Reader, filename: str) -> tuple[list[ImportRecord], dict[str, int], set[str]]:
    records: list[ImportRecord] = []
    index: dict[str, int] = {}
    skipped: set[str] = set()
    defaults = reader.defaults["node"]
    for node_id, line, values in reader.nodes:
        merged = {k: (v, line) for k, v in defaults.items()} | values
        if merged.get("kind", ("", 0))[0] == "owner":
            skipped.add(node_id)  # the ego of an exported map: the owner is not their own node
            continue
        if node_id in index:
            raise ImportFailed(
                filename, f"node id {node_id[:40]!r} appears twice", line=line, field="id"
            )
        index[node_id] = len(records)
        records.append(graphs.record(node_id, line, merged, filename, fmt=FORMAT))
    return records, index, skipped
