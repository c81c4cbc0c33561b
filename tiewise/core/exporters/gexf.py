"""GEXF 1.2 for Gephi (and networkx's `read_gexf`).

The node label is the name; the other fields are string attributes: tags
and vocabulary lists comma-separated, links, emails and papers one per line.
Alter ties are undirected edges with a `strength` attribute and a weight
(2 strong, 1 otherwise) that Gephi can size edges by.
"""

from __future__ import annotations

from datetime import UTC, datetime

from tiewise.core.exporters.common import NODE_FIELDS, Extras, field_text, node_values, xml_text
from tiewise.core.types import PLN

FORMAT = "gexf"
MEDIA_TYPE = "application/gexf+xml"
EXTENSION = "gexf"
NODE_ATTRIBUTES: tuple[str, ...] = tuple(f for f in NODE_FIELDS if f not in ("id", "name"))


def export(pln: PLN, extras: Extras | None = None) -> bytes:
    """The GEXF document's UTF-8 bytes.

    >>> from tiewise.core.types import Owner
    >>> export(PLN(owner=Owner("Ana"))).startswith(b'<?xml')
    True
    """
    extras = extras or Extras()
    when = (extras.exported_at or datetime.now(UTC)).date().isoformat()
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        '<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">\n',
        f'  <meta lastmodifieddate="{when}"><creator>Tiewise</creator>'
        f"<description>Personal learning network of {xml_text(pln.owner.name)}</description>"
        "</meta>\n",
        '  <graph mode="static" defaultedgetype="undirected">\n',
        '    <attributes class="node" mode="static">\n',
    ]
    for i, name in enumerate(NODE_ATTRIBUTES):
        out.append(f'      <attribute id="{i}" title="{name}" type="string"/>\n')
    out.append("    </attributes>\n")
    out.append('    <attributes class="edge" mode="static">\n')
    out.append('      <attribute id="s" title="strength" type="string"/>\n    </attributes>\n')
    out.append("    <nodes>\n")
    for node in pln.nodes:
        values = node_values(node, extras)
        out.append(f'      <node id="n{node.id}" label="{xml_text(node.name)}"><attvalues>')
        out.extend(
            f'<attvalue for="{i}" value="{xml_text(field_text(name, values[name]))}"/>'
            for i, name in enumerate(NODE_ATTRIBUTES)
        )
        out.append("</attvalues></node>\n")
    out.append("    </nodes>\n    <edges>\n")
    for i, tie in enumerate(pln.alter_ties):
        weight = 2 if tie.strength == "strong" else 1
        out.append(
            f'      <edge id="{i}" source="n{tie.source}" target="n{tie.target}" '
            f'weight="{weight}"><attvalues><attvalue for="s" value="{xml_text(tie.strength)}"/>'
            "</attvalues></edge>\n"
        )
    out.append("    </edges>\n  </graph>\n</gexf>\n")
    return "".join(out).encode("utf-8")
