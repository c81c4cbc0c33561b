"""Imports and exports. Pages, the API and the CLI all call these.

An import has two steps: `import_stage` reads a file into a batch of staged
records (all of it or nothing), and `import_commit` turns the owner's
decisions into nodes, merges and alter ties, in one transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import connection, transaction
from django.utils import timezone

from tiewise.core import exporters
from tiewise.core.exporters import tiewise_json as json_exporter
from tiewise.core.exporters.common import Extras
from tiewise.core.importers import (
    LABELS,
    ImportFailed,
    ImportRecord,
    OwnerHints,
    find_duplicates,
    parse_any,
)
from tiewise.core.importers.dedupe import normal_url
from tiewise.core.importers.text import decode
from tiewise.core.vocab import AREAS, ROLES
from tiewise.network.models import Node, Tie
from tiewise.network.selectors import pln_snapshot
from tiewise.network.services import alter_ties_bulk_create, touch_pln

from .models import ACCEPT_STRENGTH, DECISIONS, ImportBatch, StagedRecord, StagedTie
from .sections import SECTION_EXPORTERS, SECTION_IMPORTERS, SECTION_ORDER

#: Text fields of a node, filled on merge when the existing node has them empty.
FILL_FIELDS = (
    "organisation", "title", "profession", "sector", "reach", "city", "country",
    "email", "phone", "notes", "how_we_met",
)  # fmt: skip
TEXT_FIELDS = ("name", "kind", *FILL_FIELDS)
LIST_FIELDS = ("links", "tags")
TIE_LIST_FIELDS = ("modes", "areas", "roles")
EXPORT_FORMATS = tuple(exporters.FORMATS)


MB = 1024 * 1024


class UploadTooLarge(ImportFailed):  # noqa: N818 - reads as what happened
    """The file is over settings.TIEWISE_MAX_UPLOAD_BYTES (HTTP 413)."""


def max_upload_bytes() -> int:
    return int(getattr(settings, "TIEWISE_MAX_UPLOAD_BYTES", 20 * 1024 * 1024))


def check_upload_size(*, filename: str, size: int) -> None:
    limit = max_upload_bytes()
    if size > limit:
        raise UploadTooLarge(
            filename, f"file is {size / MB:.1f} MB; the limit is {limit / MB:.3g} MB"
        )


def owner_hints(owner: Any) -> OwnerHints:
    """Who the owner is, so their own name drops out of a co-author list."""
    profile = getattr(owner, "profile", None)
    names = [n for n in (getattr(profile, "display_name", ""), owner.display_name) if n]
    return OwnerHints(names=tuple(dict.fromkeys(names)), orcid=getattr(profile, "orcid", "") or "")


# --- staging -------------------------------------------------------------


def _max_length(name: str) -> int | None:
    return getattr(Node._meta.get_field(name), "max_length", None)


def _record_data(record: ImportRecord, how_we_met: str = "") -> dict[str, Any]:
    extra = record.extra or {}
    cadence = extra.get("cadence_days")
    return {
        "name": record.name,
        "kind": record.kind or "person",
        "email": record.email,
        "phone": record.phone,
        "organisation": record.organisation,
        "title": record.title,
        "profession": record.profession,
        "sector": record.sector,
        "reach": record.reach,
        "city": record.city,
        "country": record.country,
        "links": [str(v) for v in record.links if str(v).strip()],
        "tags": [str(v).replace(",", " ").strip() for v in record.tags if str(v).strip()],
        "notes": record.notes,
        "how_we_met": how_we_met,
        "strength": record.strength or "",
        "modes": list(record.modes),
        "areas": list(record.areas),
        "roles": list(record.roles),
        "since": record.since.isoformat() if record.since else None,
        "cadence_days": cadence if isinstance(cadence, int) and cadence >= 1 else None,
        "private": bool(extra.get("private", False)),
        "external_id": record.external_id,
    }


def _sanitise(data: dict[str, Any], where: str, warnings: list[str]) -> dict[str, Any]:
    """Make a record storable: over-long text is cut, an invalid email is
    dropped (with a warning each), NUL bytes go."""
    for name in TEXT_FIELDS:
        value = str(data.get(name) or "").replace("\x00", "").strip()
        limit = _max_length(name)
        if limit and len(value) > limit:
            warnings.append(f"{where}, field '{name}': cut to {limit} characters")
            value = value[:limit].rstrip()
        data[name] = value
    if data["email"]:
        try:
            validate_email(data["email"])
        except ValidationError:
            warnings.append(f"{where}, field 'email': {data['email'][:60]!r} is not an address")
            data["email"] = ""
    node, tie = _build(data, owner=None)
    for obj, exclude in ((node, ["owner"]), (tie, ["node"])):
        try:
            obj.full_clean(exclude=exclude, validate_constraints=False)
        except ValidationError as exc:
            for field in exc.message_dict:
                if field == "name":
                    raise ImportFailed(where, "a record needs a name", field="name") from None
                warnings.append(f"{where}, field '{field}': not understood, left empty")
                data[field] = [] if field in (*LIST_FIELDS, *TIE_LIST_FIELDS) else ""
                if field in ("since", "cadence_days"):
                    data[field] = None
    return data


def _json_how_we_met(data: bytes, filename: str) -> list[str]:
    """`how_we_met` of each node of a Tiewise JSON export, in file order (the
    core importer keeps only the fields every importer shares)."""
    try:
        doc = json.loads(decode(data, filename, []))
        return [str(n.get("how_we_met") or "") for n in doc.get("nodes", [])]
    except (ValueError, AttributeError, ImportFailed):
        return []


@transaction.atomic
def import_stage(
    *,
    owner: Any,
    data: bytes,
    filename: str,
    format: str | None = None,  # noqa: A002 - the API's own word for it
    today: date | None = None,
) -> ImportBatch:
    """Read a file into a staged batch, duplicates marked. Raises ImportFailed
    (file, line, field) and then stores nothing at all."""
    filename = (filename or "upload").rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:255]
    check_upload_size(filename=filename, size=len(data))
    result = parse_any(
        data,
        filename=filename,
        format=format or None,
        owner=owner_hints(owner),
        max_bytes=max_upload_bytes(),
        today=today or timezone.localdate(),
    )
    warnings = list(result.warnings)
    how_we_met = _json_how_we_met(data, filename) if result.format == "json" else []
    rows: list[dict[str, Any]] = []
    for i, record in enumerate(result.records):
        where = f"{filename}, line {record.line}" if record.line else f"{filename}, record {i + 1}"
        hwm = how_we_met[i] if i < len(how_we_met) else ""
        rows.append(_sanitise(_record_data(record, hwm), where, warnings))
    existing = list(
        Node.objects.filter(owner=owner).values("id", "name", "email", "organisation", "links")
    )
    duplicates = {d.record: d for d in find_duplicates(result.records, existing)}
    if result.format == "json":
        # Nodes of our own export are distinct by id; only the PLN can hold them already.
        duplicates = {k: d for k, d in duplicates.items() if d.existing_id is not None}
    sections = {k: v for k, v in result.extra.items() if k in SECTION_ORDER}
    for name, value in sections.items():
        if not isinstance(value, list):
            raise ImportFailed(filename, "expected a list", line=1, field=name)
    batch = ImportBatch.objects.create(
        owner=owner,
        filename=filename,
        format=result.format,
        warnings=warnings[:500],
        sections=sections,
        record_count=len(rows),
        duplicate_count=len(duplicates),
        tie_count=len(result.alter_ties),
    )
    staged = []
    for i, row in enumerate(rows):
        dup = duplicates.get(i)
        decision = "pending"
        if dup is not None:
            decision = "merge"
        elif result.format == "json":
            decision = {"strong": "strong", "absent": "prospect"}.get(row["strength"], "weak")
        existing_id = int(str(dup.existing_id)) if dup and dup.existing_id is not None else None
        staged.append(
            StagedRecord(
                batch=batch,
                position=i,
                line=result.records[i].line,
                name=row["name"],
                data=row,
                suggested_strength=row["strength"],
                decision=decision,
                merge_into_id=existing_id,
                duplicate_of_id=existing_id,
                duplicate_of_position=dup.other_record if dup else None,
                duplicate_reason=dup.reason if dup else "",
            )
        )
    StagedRecord.objects.bulk_create(staged, batch_size=1000)
    StagedTie.objects.bulk_create(
        [StagedTie(batch=batch, source=t.source, target=t.target, strength=t.strength)
         for t in result.alter_ties],
        batch_size=2000,
    )  # fmt: skip
    return batch


# --- triage --------------------------------------------------------------


def _staged(batch: ImportBatch) -> None:
    if batch.status != "staged":
        raise ValidationError(f"This import was already {batch.get_status_display().lower()}.")


def _vocab(values: Iterable[str], allowed: dict[str, str], field: str) -> list[str]:
    values = [v for v in values if v]
    bad = [v for v in values if v not in allowed]
    if bad:
        raise ValidationError({field: [f"{', '.join(bad)} is not one of: {', '.join(allowed)}"]})
    return list(dict.fromkeys(values))


@transaction.atomic
def staged_records_decide(
    *,
    batch: ImportBatch,
    ids: Sequence[int] | None,
    decision: str = "",
    areas: Iterable[str] = (),
    roles: Iterable[str] = (),
    merge_into: Node | None = None,
) -> int:
    """Set a decision (and add areas and roles) on records of a batch: those
    with the given ids, or every pending one when `ids` is None. Returns how
    many records changed."""
    _staged(batch)
    areas = _vocab(areas, AREAS, "areas")
    roles = _vocab(roles, ROLES, "roles")
    if decision and decision not in DECISIONS:
        raise ValidationError({"decision": [f"Use one of: {', '.join(DECISIONS)}."]})
    if decision == "merge" and merge_into is None:
        raise ValidationError({"merge_into": ["Choose the person to merge into."]})
    if merge_into is not None and merge_into.owner_id != batch.owner_id:
        raise ValidationError({"merge_into": ["No such person."]})
    if not decision and not areas and not roles:
        raise ValidationError("Choose what to do with the selected records.")
    qs = batch.records.all()
    qs = qs.filter(decision="pending") if ids is None else qs.filter(pk__in=list(ids))
    # Records sharing their current areas and roles change alike: one UPDATE
    # per group instead of one per record.
    groups: dict[tuple[tuple[str, ...], tuple[str, ...]], list[int]] = {}
    for pk, have_a, have_r in qs.values_list("pk", "areas", "roles"):
        groups.setdefault((tuple(have_a), tuple(have_r)), []).append(pk)
    count = 0
    for (have_areas, have_roles), pks in groups.items():
        fields: dict[str, Any] = {
            "areas": list(dict.fromkeys([*have_areas, *areas])),
            "roles": list(dict.fromkeys([*have_roles, *roles])),
        }
        if decision:
            fields["decision"] = decision
            fields["merge_into"] = merge_into if decision == "merge" else None
        for start in range(0, len(pks), 500):
            count += StagedRecord.objects.filter(pk__in=pks[start : start + 500]).update(**fields)
    return count


# --- commit --------------------------------------------------------------


def _build(data: dict[str, Any], *, owner: Any) -> tuple[Node, Tie]:
    node = Node(owner=owner) if owner is not None else Node()
    for name in TEXT_FIELDS:
        setattr(node, name, data.get(name) or "")
    node.links = list(data.get("links") or [])
    node.tags = list(data.get("tags") or [])  # type: ignore[assignment]
    node.private = bool(data.get("private"))
    tie = Tie(strength=data.get("strength") or "weak")
    for name in TIE_LIST_FIELDS:
        setattr(tie, name, list(data.get(name) or []))
    since = data.get("since")
    tie.since = date.fromisoformat(since) if isinstance(since, str) and since else None
    tie.cadence_days = data.get("cadence_days") or None
    return node, tie


def _merge_list(current: Sequence[str], extra: Iterable[str], key: Any = None) -> list[str]:
    key = key or (lambda v: v)
    seen = {key(v) for v in current}
    out = list(current)
    for v in extra:
        if v and key(v) not in seen:
            seen.add(key(v))
            out.append(v)
    return out


def _merge(node: Node, tie: Tie, data: dict[str, Any]) -> bool:
    """Fill the node's empty fields from `data`, add links, tags, modes,
    areas and roles. True when anything changed."""
    changed = False
    for name in FILL_FIELDS:
        value = data.get(name) or ""
        if value and not getattr(node, name):
            setattr(node, name, value)
            changed = True
    links = _merge_list(list(node.links or []), data.get("links") or [], normal_url)
    tags = _merge_list(list(node.tags), data.get("tags") or [])
    if links != list(node.links or []):
        node.links, changed = links, True
    if tags != list(node.tags):
        node.tags, changed = tags, True  # type: ignore[assignment]
    for name in TIE_LIST_FIELDS:
        merged = _merge_list(list(getattr(tie, name)), data.get(name) or [])
        if merged != list(getattr(tie, name)):
            setattr(tie, name, merged)
            changed = True
    since = data.get("since")
    if since and tie.since is None:
        tie.since = date.fromisoformat(since)
        changed = True
    return changed


@dataclass
class _Target:
    node: Node
    tie: Tie
    new: bool
    changed: bool = False


def _source_note(batch: ImportBatch) -> tuple[str, str]:
    label = LABELS.get(batch.format, batch.format)
    when = timezone.localdate(batch.created_at).isoformat()
    return f"Imported from {label} ({batch.filename}) on {when}.", f"from-{batch.format}"


@transaction.atomic
def import_commit(
    *,
    batch: ImportBatch,
    default: str | None = None,
    areas: Iterable[str] = (),
    roles: Iterable[str] = (),
) -> dict[str, int]:
    """Turn the batch's decisions into the PLN, all or nothing: new nodes for
    accepted records, filled-in fields for merges, alter ties among them and,
    for a Tiewise JSON export, the other sections. `default` (strong, weak,
    prospect or "suggested") decides every pending record first."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    _staged(batch)
    owner = batch.owner
    if default:
        if default not in (*ACCEPT_STRENGTH, "suggested"):
            raise ValidationError({"default": ["Use strong, weak, prospect or suggested."]})
        groups: dict[str, list[int]] = {}
        for pk, suggested in batch.records.filter(decision="pending").values_list(
            "pk", "suggested_strength"
        ):
            choice = default
            if default == "suggested":
                choice = {"strong": "strong", "absent": "prospect"}.get(suggested, "weak")
            groups.setdefault(choice, []).append(pk)
        for choice, pks in groups.items():
            staged_records_decide(batch=batch, ids=pks, decision=choice, areas=areas, roles=roles)
    elif list(areas) or list(roles):
        staged_records_decide(batch=batch, ids=None, areas=areas, roles=roles)
    records = list(batch.records.all())
    restore = batch.format == "json"
    note, tag = _source_note(batch)
    targets: dict[int, _Target] = {}  # position -> where the record went
    existing: dict[int, _Target] = {}  # node id -> loaded existing node
    new: list[_Target] = []
    merge_ids = {r.merge_into_id for r in records if r.decision == "merge" and r.merge_into_id}
    for n in Node.objects.filter(owner=owner, pk__in=merge_ids).select_related("tie"):
        existing[n.pk] = _Target(n, getattr(n, "tie", None) or Tie(node=n), new=False)
    outcome = {"created": 0, "merged": 0, "unchanged": 0, "skipped": 0, "rejected": 0}
    for rec in records:
        data = dict(rec.data)
        data["areas"] = _merge_list(data.get("areas") or [], rec.areas)
        data["roles"] = _merge_list(data.get("roles") or [], rec.roles)
        if not restore:
            data["tags"] = _merge_list(data.get("tags") or [], [tag])
        if rec.decision in ACCEPT_STRENGTH:
            data["strength"] = ACCEPT_STRENGTH[rec.decision]
            if not restore and not data.get("how_we_met"):
                data["how_we_met"] = note
            node, tie = _build(data, owner=owner)
            target = _Target(node, tie, new=True)
            new.append(target)
            targets[rec.position] = target
        elif rec.decision == "merge":
            found: _Target | None = None
            if rec.merge_into_id:
                found = existing.get(rec.merge_into_id)
            elif rec.duplicate_of_position is not None:
                found = targets.get(rec.duplicate_of_position)
            if found is None:
                outcome["skipped"] += 1
                continue
            if _merge(found.node, found.tie, data):
                found.changed = True
            targets[rec.position] = found
        else:
            outcome["rejected" if rec.decision == "reject" else "skipped"] += 1
    for t in new:
        try:
            t.node.full_clean(exclude=["owner"], validate_constraints=False)
            t.tie.full_clean(exclude=["node"], validate_constraints=False)
        except ValidationError as exc:
            raise ValidationError(f"{t.node.name}: {'; '.join(exc.messages)}") from None
    Node.objects.bulk_create([t.node for t in new], batch_size=1000)
    for t in new:
        t.tie.node = t.node
    Tie.objects.bulk_create([t.tie for t in new], batch_size=1000)
    outcome["created"] = len(new)
    for t in existing.values():
        if t.changed:
            t.node.save()
            t.tie.node = t.node
            t.tie.save()
            outcome["merged"] += 1
        else:
            outcome["unchanged"] += 1  # every merge that changes nothing is a no-op
    if restore:
        ids: dict[str, dict[int, int]] = {"node": {}}
        for rec in records:
            ext = rec.data.get("external_id")
            done = targets.get(rec.position)
            if done is not None and str(ext).lstrip("-").isdigit():
                ids["node"][int(ext)] = done.node.pk
        for name in SECTION_ORDER:
            rows = batch.sections.get(name) or []
            if rows and name in SECTION_IMPORTERS:
                outcome[name] = SECTION_IMPORTERS[name](owner, rows, ids)
            elif rows:
                outcome[f"{name}_not_restored"] = len(rows)
    pairs = []
    for st in batch.ties.all():
        a, b = targets.get(st.source), targets.get(st.target)
        if a and b and a.node.pk != b.node.pk:
            pairs.append((a.node.pk, b.node.pk, st.strength))
    outcome["alter_ties"] = alter_ties_bulk_create(owner=owner, pairs=pairs) if pairs else 0
    _link_records(records, targets)
    batch.status = "committed"
    batch.committed_at = timezone.now()
    batch.outcome = outcome
    batch.save(update_fields=["status", "committed_at", "outcome"])
    if outcome["created"] or outcome["merged"] or outcome["alter_ties"] or restore:
        touch_pln(owner)
    return outcome


def _link_records(records: list[StagedRecord], targets: dict[int, _Target]) -> None:
    """Remember which node each record became (for links in the review).
    One statement run many times: bulk_update's CASE is slow on thousands."""
    rows = [(t.node.pk, r.pk) for r in records if (t := targets.get(r.position)) is not None]
    table = connection.ops.quote_name(StagedRecord._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {table} SET node_id = %s WHERE id = %s", rows)  # noqa: S608


def import_discard(*, batch: ImportBatch) -> None:
    _staged(batch)
    batch.status = "discarded"
    batch.save(update_fields=["status"])


# --- export --------------------------------------------------------------


def export_pln(*, owner: Any, format: str) -> tuple[bytes, str, str]:  # noqa: A002
    """The owner's PLN as a file: (bytes, media type, download filename)."""
    if format not in exporters.FORMATS:
        raise ValidationError(
            {"format": [f"Unknown format {format[:20]!r}; use one of {', '.join(EXPORT_FORMATS)}."]}
        )
    pln = pln_snapshot(owner)
    details = {
        pk: {"email": email, "phone": phone, "links": list(links or []), "notes": notes}
        for pk, email, phone, links, notes in Node.objects.filter(owner=owner).values_list(
            "pk", "email", "phone", "links", "notes"
        )
    }
    sections = {name: fn(owner) for name, fn in SECTION_EXPORTERS.items()}
    now = timezone.now()
    filename = exporters.filename_for(format)
    if format == "json":
        extras = Extras(details=details, exported_at=now, **sections)  # type: ignore[arg-type]
        doc = json_exporter.document(pln, extras)
        how = dict(Node.objects.filter(owner=owner).values_list("pk", "how_we_met"))
        for node in doc["nodes"]:  # type: ignore[attr-defined]
            node["how_we_met"] = how.get(node["id"], "")
        text = json.dumps(doc, default=json_exporter._plain, ensure_ascii=False, indent=1)
        return text.encode("utf-8", "replace"), json_exporter.MEDIA_TYPE, filename
    body, media_type = exporters.export_any(
        pln,
        format,
        details=details,
        exported_at=now,
        **sections,  # type: ignore[arg-type]
    )
    return body, media_type, filename
