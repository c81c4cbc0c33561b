"""Imports and exports. Pages, the API and the CLI all call these.

An import has two steps: `import_stage` reads a file into a batch of staged
records (all of it or nothing), and `import_commit` turns the owner's
decisions into nodes, merges and alter ties, in one transaction. For a
Tiewise JSON export the commit also restores the other sections, each
through the app that owns it, in the order of `sections.SECTIONS`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from tiewise.accounts import services as account_services
from tiewise.core import enrich, exporters
from tiewise.core.exporters import tiewise_json as json_exporter
from tiewise.core.exporters.common import Extras
from tiewise.core.importers import (
    LABELS,
    ImportFailed,
    ImportRecord,
    OwnerHints,
    find_duplicates,
    parse_any,
    source_keys,
)
from tiewise.core.importers.text import fold
from tiewise.core.nodefields import BY_NAME, FIELDS
from tiewise.core.vocab import AREAS, REACHES, ROLES, SECTORS, STRENGTHS
from tiewise.jobs.models import Job
from tiewise.jobs.services import job_submit
from tiewise.network import selectors as network_selectors
from tiewise.network import services as network_services
from tiewise.network.cleaning import clean_node_values
from tiewise.network.models import Node
from tiewise.network.services import IMPORT_FACTS

from .models import ACCEPT_STRENGTH, DECISIONS, ImportBatch, StagedRecord, StagedTie
from .rows import LEFT_OUT, Ids
from .sections import SECTIONS, SECTIONS_BY_NAME
from .selectors import RecordFilter, records_matching

if TYPE_CHECKING:
    from tiewise.accounts.models import User

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


_NAME_TITLES = {"dr", "prof", "professor", "md", "phd", "mbbs", "do", "rn", "frcp", "mph"}


def owner_hints(owner: User, *, me: Sequence[str] = (), all_authors: bool = False) -> OwnerHints:
    """Who the owner is, so their own name drops out of a co-author list:
    the names given for this import (`me`), the profile's name and the
    spellings listed on the profile ("Ruiz AM")."""
    profile = getattr(owner, "profile", None)
    variants = str(getattr(profile, "name_variants", "") or "").splitlines()
    names = [n.strip() for n in me if n.strip()]
    names += [n for n in (getattr(profile, "display_name", ""), owner.display_name) if n]
    names += [v.strip() for v in variants if v.strip()]
    # "Dr. Sam Rivera" is "Rivera, Sam" on a paper: the name without its titles too.
    names += [" ".join(w for w in n.split() if w.strip(".,").casefold() not in _NAME_TITLES)
              for n in names]  # fmt: skip
    return OwnerHints(
        names=tuple(dict.fromkeys(names)),
        orcid=getattr(profile, "orcid", "") or "",
        all_authors=all_authors,
    )


def enrich_owner(owner: User) -> enrich.Owner:
    """The owner's profile as the suggestions compare records with it."""
    profile = getattr(owner, "profile", None)
    return enrich.Owner(
        institution=getattr(profile, "institution", "") or "",
        specialty=getattr(profile, "specialty", "") or "",
        city=getattr(profile, "city", "") or "",
        country=getattr(profile, "country", "") or "",
    )


def triage_fields(
    row: dict[str, Any], *, source: str, owner: enrich.Owner, today: date
) -> dict[str, Any]:
    """The columns the inbox searches, filters and sorts a staged record by:
    folded text, the suggestions of `tiewise.core.enrich` and the relevance."""
    org, title, email = row.get("organisation", ""), row.get("title", ""), row.get("email", "")
    suggestion = enrich.suggest(row, source=source, owner=owner, today=today)
    words = [row.get("name", ""), org, title, email, row.get("specialty", "")]
    words += [row.get("city", ""), row.get("country", "")]
    have_areas, have_modes = row.get("areas") or [], row.get("modes") or []
    return {
        "source": source[:20],
        "search_text": fold(" ".join(w for w in words if w)),
        "organisation_key": fold(org)[:200],
        "title_key": fold(title)[:200],
        "has_email": bool(email),
        "suggested_sector": "" if row.get("sector") else suggestion.sector,
        "suggested_reach": "" if row.get("reach") else suggestion.reach,
        "suggested_areas": [a for a in suggestion.areas if a not in have_areas],
        "suggested_modes": [m for m in suggestion.modes if m not in have_modes],
        "score": suggestion.score,
        "score_reasons": list(suggestion.reasons),
    }


# --- staging -------------------------------------------------------------


def record_values(record: ImportRecord) -> dict[str, Any]:
    """A record as node values: one per registry field (the importer's
    suggestion of a strength included), plus the source's own id."""
    values: dict[str, Any] = {f.name: getattr(record, f.name) for f in FIELDS}
    values["strength"] = record.strength or ""
    values["since"] = record.since.isoformat() if record.since else None
    values["external_id"] = record.external_id
    return values


def _staged_row(record: ImportRecord, where: str, warnings: list[str]) -> dict[str, Any]:
    """What a record stores while it waits for triage: cleaned node values
    (leniently: a bad cell is cut or left out, with a warning naming where)."""
    raw = record_values(record)
    suggested = raw.pop("strength")
    try:
        clean = clean_node_values(raw, lenient=True, where=where, warnings=warnings)
    except ValidationError:
        raise ImportFailed(where, "a record needs a name", field="name") from None
    clean["since"] = clean["since"].isoformat() if clean["since"] else None
    clean["strength"] = suggested if suggested in STRENGTHS else ""
    clean["external_id"] = raw["external_id"]
    return clean


def import_stage(
    *,
    owner: User,
    data: bytes,
    filename: str,
    format: str | None = None,  # noqa: A002 - the API's own word for it
    today: date | None = None,
    job_id: Any = None,
    me: Sequence[str] = (),
    all_authors: bool = False,
) -> ImportBatch:
    """Read a file into a staged batch, duplicates marked. Raises ImportFailed
    (file, line, field) and then stores nothing at all.

    For a publication file, `me` names the owner as the papers spell it and
    `all_authors` takes every paper; when the owner is on none of them, the
    batch holds no records but `authors` to choose from (see
    `import_choose_owner`).

    The file is parsed outside any transaction; only the final inserts hold
    the database's write lock, so other users' writes go on meanwhile. With
    `job_id` (a background import), a second run of the same job returns
    the batch the first one staged instead of staging it twice."""
    if job_id is not None:
        done = ImportBatch.objects.filter(owner=owner, job_id=job_id).first()
        if done is not None:
            return done
    filename = (filename or "upload").rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:255]
    check_upload_size(filename=filename, size=len(data))
    result = parse_any(
        data,
        filename=filename,
        format=format or None,
        owner=owner_hints(owner, me=me, all_authors=all_authors),
        max_bytes=max_upload_bytes(),
        today=today or timezone.localdate(),
    )
    warnings = list(result.warnings)
    rows: list[dict[str, Any]] = []
    for i, record in enumerate(result.records):
        where = f"{filename}, line {record.line}" if record.line else f"{filename}, record {i + 1}"
        row = _staged_row(record, where, warnings)
        row["source_keys"] = list(source_keys(record, result.format))
        rows.append(row)
    existing = network_selectors.dedupe_rows(owner)
    found = find_duplicates(result.records, existing, source=result.format)
    duplicates = {d.record: d for d in found}
    if result.format == "json":
        # Nodes of our own export are distinct by id; only the PLN can hold them already.
        duplicates = {k: d for k, d in duplicates.items() if d.existing_id is not None}
    sections = _file_sections(result.extra, filename, warnings)
    hints, day = enrich_owner(owner), today or timezone.localdate()
    triage = [triage_fields(row, source=result.format, owner=hints, today=day) for row in rows]
    changes = _changes(owner, rows, duplicates) if result.format != "json" else {}
    for i, change in changes.items():
        triage[i]["changes"] = change
    waiting = result.extra.get("owner_found") is False and not result.records
    with transaction.atomic():
        batch = _store_batch(
            owner, filename, result, rows, duplicates, sections, warnings, job_id, triage
        )
        if waiting:
            frequent = result.extra.get("frequent_authors")
            batch.authors = list(frequent) if isinstance(frequent, list) else []
            batch.held_file = data
            batch.save(update_fields=["authors", "held_file"])
        return batch


def import_choose_owner(
    *, batch: ImportBatch, name: str = "", all_authors: bool = False, remember: bool = True
) -> ImportBatch:
    """Answer "which of these authors are you?" for a publication file in
    which the owner was not found: read the held file again with `name` as
    the owner (or every author), in a new batch that replaces this one.
    With `remember`, the name joins the spellings on the profile, so the
    next file finds the owner by itself. A name on none of the papers is a
    ValidationError and changes nothing."""
    batch.refresh_from_db(fields=["status", "held_file"])
    _staged(batch)
    owner = batch.owner
    if batch.held_file is None:
        raise ValidationError("This import is not waiting to know which author you are.")
    name = " ".join(name.split())[:200]
    if not name and not all_authors:
        raise ValidationError({"name": ["Choose the author you are, or import all authors."]})
    fresh = import_stage(
        owner=owner,
        data=bytes(batch.held_file),
        filename=batch.filename,
        format=batch.format,
        me=(name,) if name else (),
        all_authors=all_authors,
    )
    if fresh.held_file is not None:
        fresh.delete()
        raise ValidationError({"name": [f"{name!r} is not among the authors of this file."]})
    with transaction.atomic():
        batch.delete()
        if remember and name and not all_authors:
            _remember_name(owner, name)
    return fresh


def _remember_name(owner: User, name: str) -> None:
    profile = account_services.ensure_profile(owner)
    known = {n.casefold() for n in owner_hints(owner).names}
    if name.casefold() in known:
        return
    variants = [v for v in (profile.name_variants or "").splitlines() if v.strip()]
    text = "\n".join([*variants, name])
    if len(text) <= 1000:
        account_services.profile_update(user=owner, data={"name_variants": text})


def _changes(
    owner: User, rows: list[dict[str, Any]], duplicates: dict[int, Any]
) -> dict[int, list[dict[str, str]]]:
    """Record position → the facts in which the file differs from the person
    it was found to be (`{"field", "old", "new"}`), for an exact match, where
    the person still holds what an earlier import wrote (the owner's own
    edits are never replaced)."""
    matched = {
        i: int(str(d.existing_id))
        for i, d in duplicates.items()
        if d.existing_id is not None and not d.possible
    }
    if not matched:
        return {}
    current = {
        row["id"]: row
        for row in network_selectors.node_queryset(owner)
        .filter(pk__in=set(matched.values()))
        .values("id", "import_facts", *IMPORT_FACTS)
    }
    out: dict[int, list[dict[str, str]]] = {}
    for i, node_id in matched.items():
        node = current.get(node_id)
        if node is None:
            continue
        facts = node["import_facts"] or {}
        found = [
            {"field": name, "old": node[name], "new": rows[i][name]}
            for name in IMPORT_FACTS
            if rows[i].get(name)
            and node[name]
            and facts.get(name) == node[name]
            and fold(rows[i][name]) != fold(node[name])
        ]
        if found:
            out[i] = found
    return out


def _store_batch(
    owner: User,
    filename: str,
    result: Any,
    rows: list[dict[str, Any]],
    duplicates: dict[int, Any],
    sections: dict[str, Any],
    warnings: list[str],
    job_id: Any,
    triage: list[dict[str, Any]],
) -> ImportBatch:
    batch = ImportBatch.objects.create(
        owner=owner,
        filename=filename,
        format=result.format,
        warnings=warnings[:500],
        sections=sections,
        record_count=len(rows),
        duplicate_count=len(duplicates),
        tie_count=len(result.alter_ties),
        job_id=job_id,
    )
    staged = []
    for i, row in enumerate(rows):
        dup = duplicates.get(i)
        decision = "pending"
        if dup is not None and not dup.possible:
            decision = "merge"  # a possible match ("initials") waits for the owner
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
                merge_into_id=existing_id if dup and not dup.possible else None,
                duplicate_of_id=existing_id,
                duplicate_of_position=dup.other_record if dup else None,
                duplicate_reason=dup.reason if dup else "",
                **triage[i],
            )
        )
    StagedRecord.objects.bulk_create(staged, batch_size=1000)
    StagedTie.objects.bulk_create(
        [StagedTie(batch=batch, source=t.source, target=t.target, strength=t.strength)
         for t in result.alter_ties],
        batch_size=2000,
    )  # fmt: skip
    return batch


#: Files up to this size are staged while the owner waits; bigger ones are
#: read by the worker, and the page follows its progress.
STAGE_IN_REQUEST_BYTES = 1024 * 1024


def import_submit(
    *,
    owner: User,
    data: bytes,
    filename: str,
    format: str | None = None,  # noqa: A002
) -> ImportBatch | Job:
    """Stage a file now (small) or in the background (over 1 MB): a batch,
    or the job that will make one. Too large a file is refused either way."""
    check_upload_size(filename=filename or "upload", size=len(data))
    if len(data) <= STAGE_IN_REQUEST_BYTES:
        return import_stage(owner=owner, data=data, filename=filename, format=format)
    return job_submit(
        owner=owner,
        kind="import_stage",
        params={"filename": filename, "format": format or ""},
        payload=data,
        message=f"Waiting to read {filename}",
    )


def _file_sections(extra: dict[str, Any], filename: str, warnings: list[str]) -> dict[str, Any]:
    """The sections of a Tiewise export, each a list of a version this
    Tiewise reads (a newer one fails the whole file). A section it does not
    know is left out with a warning."""
    versions = extra.get("section_versions") or {}
    out: dict[str, Any] = {}
    for name, version in versions.items():
        section = SECTIONS_BY_NAME.get(name)
        if section is None:
            warnings.append(f"{filename}: left out the unknown section {name[:40]!r}")
            continue
        if version > section.version:
            raise ImportFailed(
                filename,
                f"the {name} section is version {version}; "
                f"this Tiewise reads up to version {section.version}",
                line=1,
                field=name,
            )
        rows = extra.get(name)
        if not isinstance(rows, list):
            raise ImportFailed(filename, "expected a list", line=1, field=name)
        if rows:
            out[name] = rows
    return out


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


def _choice(value: str | None, allowed: dict[str, str], field: str) -> str | None:
    if value is None or value == "" or value in allowed:
        return value
    raise ValidationError({field: [f"Use one of: {', '.join(allowed)} (or empty to clear it)."]})


#: The decision "at the suggested strength": each record's own suggestion.
SUGGESTED = "suggested"


def suggested_decision(suggested_strength: str) -> str:
    """What accepting a record at its suggested strength decides: a weak tie
    unless the file suggests strong (papers together) or prospect."""
    return {"strong": "strong", "absent": "prospect"}.get(suggested_strength, "weak")


@transaction.atomic
def staged_records_decide(
    *,
    batch: ImportBatch,
    ids: Sequence[int] | None = None,
    match: RecordFilter | None = None,
    decision: str = "",
    areas: Iterable[str] = (),
    roles: Iterable[str] = (),
    sector: str | None = None,
    reach: str | None = None,
    merge_into: Node | None = None,
) -> int:
    """Set a decision (`suggested`: each record at its suggested strength;
    and add areas and roles, or change the suggested sector and reach) on
    records still to review: those with the given ids,
    those that pass `match` (a rule: "everyone at Mayo Clinic"), or every
    pending one when neither is given. `sector`/`reach` None leaves the
    suggestion, "" clears it. Returns how many records changed."""
    _staged(batch)
    areas = _vocab(areas, AREAS, "areas")
    roles = _vocab(roles, ROLES, "roles")
    sector = _choice(sector, SECTORS, "sector")
    reach = _choice(reach, REACHES, "reach")
    if decision and decision not in DECISIONS and decision != SUGGESTED:
        choices_ = ", ".join([*DECISIONS, SUGGESTED])
        raise ValidationError({"decision": [f"Use one of: {choices_}."]})
    if decision == "merge" and merge_into is None:
        raise ValidationError({"merge_into": ["Choose the person to merge into."]})
    if merge_into is not None and merge_into.owner_id != batch.owner_id:
        raise ValidationError({"merge_into": ["No such person."]})
    if not decision and not areas and not roles and sector is None and reach is None:
        raise ValidationError("Choose what to do with the selected records.")
    if ids is not None and match is not None:
        raise ValidationError({"match": ["Give either ids or match, not both."]})
    if match is not None:
        qs = records_matching(batch, match).order_by()
    else:
        qs = batch.records.filter(committed=False)
        qs = qs.filter(decision="pending") if ids is None else qs.filter(pk__in=list(ids))
    # Records sharing their current areas, roles and new decision change
    # alike: one UPDATE per group instead of one per record.
    groups: dict[tuple[tuple[str, ...], tuple[str, ...], str], list[int]] = {}
    for pk, have_a, have_r, suggested in qs.values_list(
        "pk", "areas", "roles", "suggested_strength"
    ):
        target = suggested_decision(suggested) if decision == SUGGESTED else decision
        groups.setdefault((tuple(have_a), tuple(have_r), target), []).append(pk)
    count = 0
    for (have_areas, have_roles, target), pks in groups.items():
        fields: dict[str, Any] = {
            "areas": list(dict.fromkeys([*have_areas, *areas])),
            "roles": list(dict.fromkeys([*have_roles, *roles])),
        }
        if target:
            fields["decision"] = target
            fields["merge_into"] = merge_into if target == "merge" else None
        if sector is not None:
            fields["suggested_sector"] = sector
        if reach is not None:
            fields["suggested_reach"] = reach
        for start in range(0, len(pks), 500):
            count += StagedRecord.objects.filter(pk__in=pks[start : start + 500]).update(**fields)
    return count


def staged_records_add(
    *,
    batch: ImportBatch,
    ids: Sequence[int] | None = None,
    match: RecordFilter | None = None,
    decision: str,
    areas: Iterable[str] = (),
    roles: Iterable[str] = (),
    sector: str | None = None,
    merge_into: Node | None = None,
) -> tuple[int, dict[str, int]]:
    """Decide and add in one step (the inbox's action bar): decide the
    chosen records, then commit every decided record. The rest stay to
    review. Returns (records decided, the commit's outcome)."""
    with transaction.atomic():
        changed = staged_records_decide(
            batch=batch, ids=ids, match=match, decision=decision, areas=areas, roles=roles,
            sector=sector, merge_into=merge_into,
        )  # fmt: skip
        outcome = import_commit(batch=batch)
    return changed, outcome


# --- commit --------------------------------------------------------------


def _merge_list(current: Sequence[str], extra: Iterable[str]) -> list[str]:
    return list(dict.fromkeys([*current, *(v for v in extra if v)]))


def _node_row(data: dict[str, Any]) -> dict[str, Any]:
    """Staged values as network services take them (a date, not its text)."""
    row = {f.name: data[f.name] for f in FIELDS if f.name in data}
    since = data.get("since")
    row["since"] = date.fromisoformat(since) if isinstance(since, str) and since else None
    return row


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
    prospect or "suggested") decides every pending record first.

    Without `default`, only decided records are added: the undecided stay in
    the inbox (`pending` in the outcome says how many) and the batch stays
    open until none is left or the owner dismisses it. An accepted record
    brings the suggested sector, reach, areas and modes shown in the inbox
    wherever the file said nothing. Returns what this commit did."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    _staged(batch)
    owner = batch.owner
    first_commit = batch.committed_at is None
    if default:
        if default not in (*ACCEPT_STRENGTH, SUGGESTED):
            raise ValidationError({"default": ["Use strong, weak, prospect or suggested."]})
        # Every undecided record (ids=None), each at its own suggestion for "suggested".
        staged_records_decide(batch=batch, ids=None, decision=default, areas=areas, roles=roles)
    elif list(areas) or list(roles):
        staged_records_decide(batch=batch, ids=None, areas=areas, roles=roles)
    records = list(batch.records.filter(committed=False).exclude(decision="pending"))
    # A second row of the file for someone still to review waits with them:
    # it is merged in when they are added, and left out only with them.
    waiting = set(
        batch.records.filter(committed=False, decision="pending").values_list("position", flat=True)
    )
    records = [
        r for r in records
        if not (r.decision == "merge" and not r.merge_into_id
                and r.duplicate_of_position in waiting)
    ]  # fmt: skip
    earlier = dict(
        batch.records.filter(committed=True, node__isnull=False).values_list("position", "node_id")
    )
    restore = batch.format == "json" and first_commit
    note, tag = _source_note(batch)
    # position -> ("new", index into `created`) or ("node", existing id)
    targets: dict[int, tuple[str, int]] = {}
    new_rows: list[dict[str, Any]] = []
    merges: dict[int, dict[str, Any]] = {}
    new_keys: list[list[str]] = []
    updates: dict[int, dict[str, str]] = {}  # node id -> facts a newer export replaces
    merge_keys: dict[int, list[str]] = {}
    outcome = {"created": 0, "merged": 0, "unchanged": 0, "skipped": 0, "rejected": 0}
    for rec in records:
        data = dict(rec.data)
        data["areas"] = _merge_list(data.get("areas") or [], [*rec.suggested_areas, *rec.areas])
        data["roles"] = _merge_list(data.get("roles") or [], rec.roles)
        data["modes"] = _merge_list(data.get("modes") or [], rec.suggested_modes)
        data["sector"] = data.get("sector") or rec.suggested_sector
        data["reach"] = data.get("reach") or rec.suggested_reach
        if not restore:
            data["tags"] = _merge_list(data.get("tags") or [], [tag])
        if rec.decision in ACCEPT_STRENGTH:
            data["strength"] = ACCEPT_STRENGTH[rec.decision]
            if not restore and not data.get("how_we_met"):
                data["how_we_met"] = note
            targets[rec.position] = ("new", len(new_rows))
            new_rows.append(_node_row(data))
            new_keys.append(list(data.get("source_keys") or []))
        elif rec.decision == "merge":
            found: tuple[str, int] | None = None
            if rec.merge_into_id:
                found = ("node", rec.merge_into_id)
            elif rec.duplicate_of_position is not None:
                found = targets.get(rec.duplicate_of_position)
                if found is None and rec.duplicate_of_position in earlier:
                    found = ("node", earlier[rec.duplicate_of_position])
            if found is None:
                outcome["skipped"] += 1
                continue
            kind, ref = found
            row = _node_row(data)
            keys = data.get("source_keys") or []
            if kind == "node" and rec.changes and ref == rec.duplicate_of_id:
                # A newer export of the same source: its facts replace the old ones.
                updates.setdefault(ref, {}).update({c["field"]: c["new"] for c in rec.changes})
            if kind == "node":
                merge_keys.setdefault(ref, []).extend(keys)
            if kind == "new":  # a second row of the same file for someone it adds
                merged = dict(new_rows[ref])
                for name, value in row.items():
                    if BY_NAME[name].is_list:
                        merged[name] = _merge_list(merged.get(name) or [], value or [])
                    elif value not in (None, "") and merged.get(name) in (None, ""):
                        merged[name] = value
                new_rows[ref] = merged
                new_keys[ref] = _merge_list(new_keys[ref], keys)
            else:
                current = merges.setdefault(ref, {})
                for name, value in row.items():
                    if name not in current or not current[name]:
                        current[name] = value
                    elif BY_NAME[name].is_list:
                        current[name] = _merge_list(current[name], value or [])
            targets[rec.position] = found
        else:
            outcome["rejected" if rec.decision == "reject" else "skipped"] += 1
    created = network_services.nodes_bulk_create(
        owner=owner, rows=new_rows, tracked=restore, keys=() if restore else new_keys
    )
    outcome["created"] = len(created)
    outcome["merged"] = network_services.nodes_bulk_merge(
        owner=owner,
        merges=[
            network_services.NodeMerge(k, v, update=updates.get(k, {}), keys=merge_keys.get(k, []))
            for k, v in merges.items()
        ],
    )
    outcome["updated"] = len(updates)
    outcome["unchanged"] = len(merges) - outcome["merged"]

    def node_id(position: int) -> int | None:
        found = targets.get(position)
        if found is None:
            return earlier.get(position)
        kind, ref = found
        return created[ref].pk if kind == "new" else ref

    if restore:
        ids: Ids = {"node": {}}
        for rec in records:
            ext = rec.data.get("external_id")
            if str(ext).lstrip("-").isdigit():
                ids["node"][int(ext)] = node_id(rec.position) or LEFT_OUT
        outcome.update(_restore_sections(owner, batch.sections, ids))
    pairs = []
    for st in batch.ties.all():
        if st.source not in targets and st.target not in targets:
            continue  # both added by an earlier commit, with their tie
        a, b = node_id(st.source), node_id(st.target)
        if a and b and a != b:
            pairs.append((a, b, st.strength))
    outcome["alter_ties"] = (
        network_services.alter_ties_bulk_create(owner=owner, pairs=pairs) if pairs else 0
    )
    _link_records(records, node_id)
    pending = batch.records.filter(committed=False).count()
    outcome["pending"] = pending
    outcome["skipped"] += pending  # not added by this commit: undecided, or nobody to merge into
    total = dict(batch.outcome or {})
    for key, value in outcome.items():
        latest = key in ("pending", "skipped")
        total[key] = value if latest else int(total.get(key, 0)) + value
    batch.status = "staged" if pending else "committed"
    batch.committed_at = timezone.now()
    batch.outcome = total
    batch.save(update_fields=["status", "committed_at", "outcome"])
    if restore:
        network_services.touch_pln(owner)
    return outcome


def _restore_sections(owner: User, sections: dict[str, Any], ids: Ids) -> dict[str, int]:
    """Each section of the file through its app, in order: how many rows
    each restored, and `<name>_not_restored` for those kept for information."""
    outcome: dict[str, int] = {}
    for section in SECTIONS:
        rows = sections.get(section.name) or []
        if not rows:
            continue
        if section.restore is None:
            outcome[f"{section.name}_not_restored"] = len(rows)
        else:
            outcome[section.name] = section.restore(owner, rows, ids)
    return outcome


def _link_records(records: list[StagedRecord], node_id: Callable[[int], int | None]) -> None:
    """Mark the records this commit took care of, and remember which node
    each became (for links in the review). One statement run many times:
    bulk_update's CASE is slow on thousands."""
    pks = [r.pk for r in records]
    for start in range(0, len(pks), 500):
        StagedRecord.objects.filter(pk__in=pks[start : start + 500]).update(committed=True)
    rows = [(pk, r.pk) for r in records if (pk := node_id(r.position)) is not None]
    table = connection.ops.quote_name(StagedRecord._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {table} SET node_id = %s WHERE id = %s", rows)  # noqa: S608


def import_discard(*, batch: ImportBatch) -> int:
    """Dismiss an open import: whatever is still to review is left out. A
    batch of which nothing was added is discarded; one partly added is
    finished. Returns how many records were left out."""
    batch.refresh_from_db(fields=["status", "committed_at", "outcome"])
    _staged(batch)
    left = batch.records.filter(committed=False).count()
    if batch.committed_at is None:
        batch.status = "discarded"
    else:
        batch.status = "committed"
        batch.outcome = {**batch.outcome, "pending": 0, "dismissed": left}
    batch.held_file = None  # a file kept to ask whose papers these are goes with the import
    batch.save(update_fields=["status", "outcome", "held_file"])
    return left


# --- export --------------------------------------------------------------


def export_pln(*, owner: User, format: str) -> tuple[bytes, str, str]:  # noqa: A002
    """The owner's PLN as a file: (bytes, media type, download filename)."""
    if format not in exporters.FORMATS:
        raise ValidationError(
            {"format": [f"Unknown format {format[:20]!r}; use one of {', '.join(EXPORT_FORMATS)}."]}
        )
    pln = network_selectors.pln_snapshot(owner)
    details = network_selectors.node_details(owner)
    now = timezone.now()
    filename = exporters.filename_for(format)
    if format == "json":
        sections = [(s.name, s.version, s.export(owner)) for s in SECTIONS]
        body = json_exporter.export(
            pln, Extras(details=details, exported_at=now), sections=sections
        )
        return body, json_exporter.MEDIA_TYPE, filename
    # The other formats carry the sections they have room for.
    tables = {name: SECTIONS_BY_NAME[name].export(owner) for name in json_exporter.EXTRAS_SECTIONS}
    body, media_type = exporters.export_any(pln, format, details=details, exported_at=now, **tables)
    return body, media_type, filename


# --- merging two nodes (called by network.services.node_merge) --------------------


@transaction.atomic
def import_links_move(*, owner: User, from_node: Node, to_node: Node) -> dict[str, int]:
    """Staged records of the owner's imports that became, match or merge into
    `from_node` now point at `to_node`, the node it is being merged into."""
    if from_node.owner_id != owner.pk or to_node.owner_id != owner.pk:
        raise network_services.NotFound("No such node")
    records = StagedRecord.objects.filter(batch__owner=owner)
    moved = 0
    for column in ("node", "merge_into", "duplicate_of"):
        moved += records.filter(**{column: from_node}).update(**{column: to_node})
    return {"import_records": moved}
