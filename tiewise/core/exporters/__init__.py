"""Exporters: one sibling module per format, each `export(pln, extras) -> bytes`
with `MEDIA_TYPE` and `EXTENSION` beside it. `export_any` picks by name."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from types import ModuleType

from tiewise.core.exporters import csv_zip, gexf, graphml, tiewise_json, vcard
from tiewise.core.exporters.common import Extras, Section
from tiewise.core.types import PLN

__all__ = ["FORMATS", "Extras", "export_any", "filename_for"]

FORMATS: dict[str, ModuleType] = {
    "json": tiewise_json,
    "csv": csv_zip,
    "graphml": graphml,
    "gexf": gexf,
    "vcard": vcard,
}


def export_any(
    pln: PLN,
    format: str,  # noqa: A002 - the API's own word for it
    *,
    interactions: Section = (),
    goals: Section = (),
    prospects: Section = (),
    actions: Section = (),
    snapshots: Section = (),
    details: Mapping[int, Mapping[str, object]] | None = None,
    exported_at: datetime | None = None,
) -> tuple[bytes, str]:
    """The file's bytes and its media type. Unknown formats raise ValueError.

    >>> from tiewise.core.types import Owner
    >>> export_any(PLN(Owner("Ana")), "graphml")[1]
    'application/graphml+xml'
    """
    module = FORMATS.get(format)
    if module is None:
        raise ValueError(f"unknown export format {format!r}; choose one of {', '.join(FORMATS)}")
    extras = Extras(
        interactions=interactions,
        goals=goals,
        prospects=prospects,
        actions=actions,
        snapshots=snapshots,
        details=details or {},
        exported_at=exported_at,
    )
    return module.export(pln, extras), str(module.MEDIA_TYPE)


def filename_for(format: str, stem: str = "tiewise-pln") -> str:  # noqa: A002
    """A download name for an export.

    >>> filename_for("vcard")
    'tiewise-pln.vcf'
    """
    return f"{stem}.{FORMATS[format].EXTENSION}"
