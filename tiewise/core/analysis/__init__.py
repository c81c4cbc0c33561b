"""Analysis of one PLN: composition, diversity, structure and insights.

Pure functions over `tiewise.core.types.PLN`; `report()` is the entry point.
"""

from tiewise.core.analysis.insights import RULES, Finding, report, rule, summary
from tiewise.core.analysis.measures import blau, composition, diversity, ei_index, iqv
from tiewise.core.analysis.structure import (
    EgoStructure,
    alter_betweenness,
    communities,
    ego_structure,
    only_bridges,
)

__all__ = [
    "RULES",
    "EgoStructure",
    "Finding",
    "alter_betweenness",
    "blau",
    "communities",
    "composition",
    "diversity",
    "ego_structure",
    "ei_index",
    "iqv",
    "only_bridges",
    "report",
    "rule",
    "summary",
]
