"""Reads of import batches, always scoped to one owner."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from tiewise.core.importers.text import fold
from tiewise.core.vocab import SECTORS, STRENGTHS

from .models import DECISIONS, ImportBatch, StagedRecord
from .sections import SECTIONS

if TYPE_CHECKING:
    from tiewise.accounts.models import User

REASONS = {
    "email": "same email",
    "profile_url": "same profile link",
    "name_and_organisation": "same name and organisation",
    "orcid": "same ORCID iD",
    "account": "same account",
    "uid": "same contact id",
    "source_id": "same node of the file",
    "same_source": "same entry in an earlier import",
    "initials": "same family name and initial: possibly the same person",
}


def batch_queryset(owner: User) -> QuerySet[ImportBatch]:
    # The held file (up to the upload limit) is read only by the service that needs it.
    return ImportBatch.objects.filter(owner=owner).defer("held_file")


def get_batch_for(owner: User, batch_id: int | str) -> ImportBatch:
    """The owner's batch with this id; anything else is a 404."""
    try:
        return batch_queryset(owner).get(pk=int(batch_id))
    except (ImportBatch.DoesNotExist, ValueError, TypeError):
        raise Http404("No such import") from None


def open_batches(owner: User) -> QuerySet[ImportBatch]:
    """Imports still in review (perhaps partly added), newest first, each
    with `to_review`: how many records wait for a decision."""
    return (
        batch_queryset(owner)
        .filter(status="staged")
        .annotate(to_review=Count("records", filter=Q(records__committed=False)))
    )


def decision_counts(batch: ImportBatch) -> dict[str, int]:
    """Records still to review, by decision, and `added`: those a commit
    already took care of (added, merged or left out)."""
    rows = batch.records.values("decision", "committed").annotate(n=Count("id"))
    out: dict[str, int] = {}
    for r in rows:
        key = "added" if r["committed"] else r["decision"]
        out[key] = out.get(key, 0) + r["n"]
    return out


DUPLICATE_CHOICES = {
    "yes": "Possibly in your network already",
    "exact": "Already in your network (same email, link or name)",
    "possible": "Possible match (same family name and initial)",
    "changed": "Already in your network, with something new (employer, title, place)",
    "no": "Not in your network",
}
SORTS = {"relevance": "Most relevant first", "name": "Name", "file": "Order in the file"}
_YES, _NO = {"yes", "true", "1", "on"}, {"no", "false", "0", "off"}


@dataclass(frozen=True, slots=True)
class RecordFilter:
    """The triage inbox's search and filters; the page, the API's list and a
    rule ("everyone at Mayo Clinic") all use it. Empty means "any".

    `decision` is one of DECISIONS for records still to review, or `added`
    for those an earlier commit took care of; `suggested` and `sector` take
    `none` for "no suggestion"."""

    q: str = ""
    organisation: str = ""
    title: str = ""
    source: str = ""
    suggested: str = ""
    sector: str = ""
    decision: str = ""
    duplicate: str = ""
    has_email: str = ""

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> RecordFilter:
        """From a query string or a JSON body; a bad value is a ValidationError naming it."""
        values = {
            f.name: str(params.get(f.name) or "").strip()[:200]
            for f in fields(cls)
            if params.get(f.name) not in (None, "")
        }
        if isinstance(params.get("has_email"), bool):
            values["has_email"] = "yes" if params["has_email"] else "no"
        errors: dict[str, list[str]] = {}
        checks = {
            "suggested": [*STRENGTHS, "none"],
            "sector": [*SECTORS, "none"],
            "decision": [*DECISIONS, "added"],
            "duplicate": [*DUPLICATE_CHOICES, "true", "false"],
            "has_email": sorted(_YES | _NO),
        }
        for name, allowed in checks.items():
            if values.get(name, "") and values[name] not in allowed:
                errors[name] = [f"Use one of: {', '.join(allowed)}."]
        if errors:
            raise ValidationError(errors)
        return cls(**values)

    def params(self) -> dict[str, str]:
        """The filters that are set, for links and hidden fields."""
        return {k: v for k, v in asdict(self).items() if v}

    def is_set(self) -> bool:
        return bool(self.params())


def records_matching(
    batch: ImportBatch, flt: RecordFilter | None = None, *, sort: str = "relevance"
) -> QuerySet[StagedRecord]:
    """The batch's records that pass the filter, in the database, ordered by
    relevance (then order in the file). Records an earlier commit took care
    of are left out unless the filter asks for `decision=added`."""
    flt = flt or RecordFilter()
    qs = batch.records.all()
    if flt.decision == "added":
        qs = qs.filter(committed=True)
    else:
        qs = qs.filter(committed=False)
        if flt.decision:
            qs = qs.filter(decision=flt.decision)
    for word in fold(flt.q).split()[:8]:
        qs = qs.filter(search_text__contains=word)
    if flt.organisation:
        qs = qs.filter(organisation_key__contains=fold(flt.organisation))
    if flt.title:
        qs = qs.filter(title_key__contains=fold(flt.title))
    if flt.source:
        qs = qs.filter(source=flt.source)
    if flt.suggested:
        qs = qs.filter(suggested_strength="" if flt.suggested == "none" else flt.suggested)
    if flt.sector:
        qs = qs.filter(suggested_sector="" if flt.sector == "none" else flt.sector)
    if flt.has_email:
        qs = qs.filter(has_email=flt.has_email in _YES)
    dup = {"true": "yes", "false": "no"}.get(flt.duplicate, flt.duplicate)
    if dup == "yes":
        qs = qs.exclude(duplicate_reason="")
    elif dup == "exact":
        qs = qs.exclude(duplicate_reason="").exclude(duplicate_reason="initials")
    elif dup == "possible":
        qs = qs.filter(duplicate_reason="initials")
    elif dup == "changed":
        qs = qs.exclude(changes=[])
    elif dup == "no":
        qs = qs.filter(duplicate_reason="")
    order = {"name": ("name", "position"), "file": ("position",)}.get(sort, ("-score", "position"))
    return qs.order_by(*order)


def record_sources(batch: ImportBatch) -> list[str]:
    return sorted(set(batch.records.values_list("source", flat=True)) - {""})


def record_match(rec: StagedRecord) -> dict[str, Any] | None:
    """The person already in the PLN this record looks like, and how sure
    that is: `exact` (same email, link, ORCID or name at the organisation)
    or `possible` (same family name and initial)."""
    if rec.duplicate_of_id is None:
        return None
    return {
        "node_id": rec.duplicate_of_id,
        "confidence": "possible" if rec.duplicate_reason == "initials" else "exact",
    }


def record_item(rec: StagedRecord) -> dict[str, Any]:
    """One record of the inbox's list (GET /imports/{id}/records)."""
    d = rec.data
    return {
        "id": rec.pk,
        "position": rec.position,
        "name": rec.name,
        "organisation": d.get("organisation", ""),
        "title": d.get("title", ""),
        "email": d.get("email", ""),
        "source": rec.source,
        "suggested": rec.suggested_strength,
        "suggested_sector": rec.suggested_sector,
        "suggested_reach": rec.suggested_reach,
        "suggested_areas": list(rec.suggested_areas),
        "suggested_modes": list(rec.suggested_modes),
        "score": rec.score,
        "decision": rec.decision,
        "committed": rec.committed,
        **record_tags(rec),
        "match": record_match(rec),
        "changes": list(rec.changes),
        "node": rec.node_id,
    }


def record_tags(rec: Any) -> dict[str, list[str]]:
    """Areas and roles a staged record will bring: those in the file plus
    those set during triage."""
    return {
        "areas": sorted(set(rec.data.get("areas", [])) | set(rec.areas)),
        "roles": sorted(set(rec.data.get("roles", [])) | set(rec.roles)),
    }


def record_dict(rec: StagedRecord) -> dict[str, Any]:
    d = rec.data
    return {
        "id": rec.pk,
        "position": rec.position,
        "line": rec.line,
        "name": rec.name,
        "organisation": d.get("organisation", ""),
        "title": d.get("title", ""),
        "email": d.get("email", ""),
        "links": d.get("links", []),
        "suggested_strength": rec.suggested_strength,
        "modes": d.get("modes", []),
        "decision": rec.decision,
        **record_tags(rec),
        "merge_into": rec.merge_into_id,
        "duplicate_of": rec.duplicate_of_id,
        "duplicate_of_record": rec.duplicate_of_position,
        "duplicate_reason": rec.duplicate_reason,
        "node": rec.node_id,
    }


def batch_report(batch: ImportBatch, *, preview: int = 20) -> dict[str, Any]:
    """The staged report the API and the CLI show."""
    records = batch.records.all()[:preview]
    return {
        "id": batch.pk,
        "filename": batch.filename,
        "format": batch.format,
        "status": batch.status,
        "created_at": batch.created_at,
        "count": batch.record_count,
        "duplicates": batch.duplicate_count,
        "alter_ties": batch.tie_count,
        "sections": {k: len(v) for k, v in batch.sections.items() if isinstance(v, list)},
        "decisions": decision_counts(batch),
        "warnings": list(batch.warnings),
        "outcome": batch.outcome,
        "authors": list(batch.authors),
        "records": [record_dict(r) for r in records],
    }


def section_rows(batch: ImportBatch) -> list[dict[str, Any]]:
    """The sections of a Tiewise export besides its people, for the review:
    what the file holds, and whether the commit restores it (`done`: how many
    it restored, once committed) or keeps it for information only."""
    out = []
    for section in SECTIONS:
        rows = batch.sections.get(section.name)
        if not isinstance(rows, list) or not rows:
            continue
        out.append(
            {
                "name": section.name,
                "label": section.label,
                "count": None if section.single else len(rows),
                "restored": section.restore is not None,
                "done": batch.outcome.get(section.name),
                "lines": section.describe(rows) if section.describe else [],
            }
        )
    return out
