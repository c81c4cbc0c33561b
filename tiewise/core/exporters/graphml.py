"""GraphML for Gephi, Cytoscape desktop, yEd, igraph and networkx.

One node per PLN node (`n<id>`), one undirected edge per alter tie. Every
attribute is a string and every node carries every key, so tools that type
columns from the first node they see (igraph) agree with those that do not
(networkx). Tags and vocabulary lists are comma-separated; links, emails and
papers one per line (their items may hold commas); dates ISO 8601. The owner is not a
node: the tie to them is each node's `strength`.
"""

from __future__ import annotations

from tiewise.core.exporters.common import NODE_FIELDS, Extras, field_text, node_values, xml_text
from tiewise.core.types import PLN

FORMAT = "graphml"
MEDIA_TYPE = "application/graphml+xml"
EXTENSION = "graphml"
NODE_KEYS: tuple[str, ...] = tuple(f for f in NODE_FIELDS if f != "id")

_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"'
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns'
    ' http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)


def export(pln: PLN, extras: Extras | None = None) -> bytes:
    """The GraphML document's UTF-8 bytes.

    >>> from tiewise.core.types import NodeData, Owner
    >>> b'attr.name="strength"' in export(PLN(owner=Owner("Ana"), nodes=(NodeData(1, "Li"),)))
    True
    """
    extras = extras or Extras()
    out = [_HEAD, '  <key id="g_owner" for="graph" attr.name="owner" attr.type="string"/>\n']
    for key in NODE_KEYS:
        out.append(f'  <key id="{key}" for="node" attr.name="{key}" attr.type="string"/>\n')
    out.append('  <key id="e_strength" for="edge" attr.name="strength" attr.type="string"/>\n')
    out.append('  <graph id="pln" edgedefault="undirected">\n')
    out.append(f'    <data key="g_owner">{xml_text(pln.owner.name)}</data>\n')
    for node in pln.nodes:
        values = node_values(node, extras)
        out.append(f'    <node id="n{node.id}">')
        out.extend(
            f'<data key="{key}">{xml_text(field_text(key, values[key]))}</data>'
            for key in NODE_KEYS
        )
        out.append("</node>\n")
    for i, tie in enumerate(pln.alter_ties):
        out.append(
            f'    <edge id="e{i}" source="n{tie.source}" target="n{tie.target}">'
            f'<data key="e_strength">{xml_text(tie.strength)}</data></edge>\n'
        )
    out.append("  </graph>\n</graphml>\n")
    return "".join(out).encode("utf-8")
