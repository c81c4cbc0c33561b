"""The import triage inbox and the export page. Thin: a form, one service
call, a redirect or a render."""

from __future__ import annotations

import dataclasses
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from tiewise.core.importers import LABELS as IMPORT_LABELS
from tiewise.core.importers import ImportFailed
from tiewise.core.nodefields import BY_NAME
from tiewise.core.vocab import AREAS, ROLES, SECTORS, STRENGTHS
from tiewise.feedback import errors_to_messages, form_errors_to_messages
from tiewise.http import AuthedRequest
from tiewise.network import selectors as network_selectors

from . import selectors, services
from .forms import EXPORT_LABELS, DecideForm, UploadForm
from .models import DECISIONS
from .sections import SECTIONS

PAGE_SIZE = 100


def _owner(request: HttpRequest) -> Any:
    return request.user


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


@login_required
def import_page(request: AuthedRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    error = ""
    status = 200
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            error, status = "Choose a file to import first.", 422
        elif not form.is_valid():
            error, status = "; ".join(str(e) for errs in form.errors.values() for e in errs), 422
        else:
            try:
                services.check_upload_size(filename=upload.name or "", size=upload.size or 0)
                staged = services.import_submit(
                    owner=request.user,
                    data=upload.read(),
                    filename=upload.name or "upload",
                    format=form.cleaned_data["format"] or None,
                )
            except services.UploadTooLarge as exc:
                error, status = str(exc), 413
            except ImportFailed as exc:
                error, status = str(exc), 422
            else:
                # A big file is read by the worker: its page shows the progress.
                url = staged.get_absolute_url()
                if _wants_json(request):
                    return JsonResponse({"redirect": url, "id": staged.pk})
                return redirect(url)
        if _wants_json(request):
            return JsonResponse({"detail": error}, status=status)
    batches = selectors.batch_queryset(request.user).exclude(status="staged")[:20]
    return render(
        request,
        "transfer/import.html",
        {
            "form": form,
            "error": error,
            "open_batches": selectors.open_batches(request.user)[:50],
            "batches": batches,
            "max_mb": services.max_upload_bytes() / services.MB,
        },
        status=status,
    )


def _filter_from(params: QueryDict, prefix: str = "") -> tuple[selectors.RecordFilter, list[str]]:
    """The inbox's filters from a query string, or from a form's hidden
    fields named `f_<filter>` (the old `show` is the decision); bad values
    are dropped, and named."""
    data: dict[str, str] = {
        k: str(params.get(prefix + k) or "") for k in selectors.RecordFilter.__dataclass_fields__
    }
    if not data["decision"] and params.get("show"):
        data["decision"] = str(params.get("show"))
    try:
        return selectors.RecordFilter.from_params(data), []
    except ValidationError as exc:
        bad = list(exc.message_dict)
        kept = {k: v for k, v in data.items() if k not in bad}
        return selectors.RecordFilter.from_params(kept), bad


def _inbox_query(flt: selectors.RecordFilter, sort: str = "") -> str:
    params = flt.params()
    if sort in selectors.SORTS and sort != "relevance":
        params["sort"] = sort
    return urlencode(params)


@login_required
def batch_review(request: AuthedRequest, batch_id: int) -> HttpResponse:
    batch = selectors.get_batch_for(request.user, batch_id)
    flt, bad = _filter_from(request.GET)
    if batch.status == "committed" and not flt.decision:
        flt = dataclasses.replace(flt, decision="added")  # a finished import shows what it added
    for name in bad:
        messages.error(request, f"Left out the filter {name}: not a value it takes.")
    sort = request.GET.get("sort", "")
    sort = sort if sort in selectors.SORTS else "relevance"
    records = selectors.records_matching(batch, flt, sort=sort).select_related(
        "merge_into", "duplicate_of", "node"
    )
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    counts = selectors.decision_counts(batch)
    to_review = sum(n for k, n in counts.items() if k != "added")
    positions = {
        r.duplicate_of_position for r in page.object_list if r.duplicate_of_position is not None
    }
    by_position = dict(batch.records.filter(position__in=positions).values_list("position", "name"))
    rows = [
        {
            "rec": rec,
            **selectors.record_tags(rec),
            "reason": selectors.REASONS.get(rec.duplicate_reason, rec.duplicate_reason),
            "same_as": by_position.get(rec.duplicate_of_position or 0, "")
            if rec.duplicate_of_position is not None
            else "",
            "changes": [
                (BY_NAME[c["field"]].label.lower(), c["old"], c["new"]) for c in rec.changes
            ],
        }
        for rec in page.object_list
    ]
    query = _inbox_query(flt, sort)
    return render(
        request,
        "transfer/review.html",
        {
            "batch": batch,
            "format_label": IMPORT_LABELS.get(batch.format, batch.format),
            "page": page,
            "rows": rows,
            "flt": flt,
            "filter_params": flt.params(),
            "filtered": flt.is_set(),
            "sort": sort,
            "query": query,
            "show": flt.decision,
            "counts": counts,
            "to_review": to_review,
            "to_review_text": f"{to_review:,}",
            "total_text": f"{page.paginator.count:,}",
            "added": counts.get("added", 0),
            "pending": counts.get("pending", 0),
            "decided": to_review - counts.get("pending", 0),
            "decision_rows": [(k, label, counts.get(k, 0)) for k, label in DECISIONS.items()],
            "sections": selectors.section_rows(batch),
            "changed": batch.records.filter(committed=False).exclude(changes=[]).count(),
            "sources": [(s, IMPORT_LABELS.get(s, s)) for s in selectors.record_sources(batch)],
            "strengths": STRENGTHS,
            "sectors": SECTORS,
            "duplicates": selectors.DUPLICATE_CHOICES,
            "sorts": selectors.SORTS,
            "decisions": DECISIONS,
            # The merge picker searches as you type: no list of people in the page.
            "form": DecideForm(record_ids=[], nodes=[]),
            "rule_form": DecideForm(record_ids=[], nodes=[], auto_id="rule_%s"),
            "area_labels": AREAS,
            "role_labels": ROLES,
            "upload_form": UploadForm(),
            "max_mb": services.max_upload_bytes() / services.MB,
            "owner_names": services.owner_hints(request.user).names[:4] if batch.authors else (),
            "waiting": bool(batch.authors) and batch.status == "staged" and not batch.record_count,
        },
    )


def _commit_message(outcome: dict[str, int]) -> str:
    """What a commit did, as the page says it: "25 added, 1,326 still to review"."""
    parts = [f"{outcome['created']:,} added"]
    if outcome["merged"]:
        parts.append(f"{outcome['merged']:,} merged")
    if outcome.get("updated"):
        parts.append(f"{outcome['updated']:,} updated with newer details")
    if outcome["unchanged"]:
        parts.append(f"{outcome['unchanged']:,} already up to date")
    if outcome.get("rejected"):
        parts.append(f"{outcome['rejected']:,} left out")
    if outcome.get("alter_ties"):
        parts.append(f"{_plural(outcome['alter_ties'], 'link')} between them")
    not_merged = outcome.get("skipped", 0) - outcome.get("pending", 0)
    if not_merged > 0:
        parts.append(f"{not_merged:,} not merged: the person was not added")
    restored = [s.label.lower() for s in SECTIONS if s.restore and outcome.get(s.name)]
    if restored:
        parts.append("restored: " + ", ".join(restored))
    pending = outcome.get("pending", 0)
    if pending:
        return ", ".join(parts) + f", {pending:,} still to review."
    return "Import done: " + ", ".join(parts) + "."


@login_required
@require_POST
def batch_decide(request: AuthedRequest, batch_id: int) -> HttpResponse:
    """The inbox's action bar and its rules: decide (and with `add`, add in
    the same step) the ticked records, every record matching the filters
    (`scope=matching`), or every undecided one (`all_pending`)."""
    batch = selectors.get_batch_for(request.user, batch_id)
    flt, _bad = _filter_from(request.POST, prefix="f_")
    query = _inbox_query(flt, request.POST.get("f_sort", ""))
    back = reverse("import_review", args=[batch.pk]) + (f"?{query}" if query else "")
    record_ids = list(batch.records.filter(committed=False).values_list("pk", flat=True))
    nodes = list(network_selectors.node_names(_owner(request)).items())
    form = DecideForm(request.POST, record_ids=record_ids, nodes=nodes)
    if not form.is_valid():
        form_errors_to_messages(request, form)
        return redirect(back)
    d = form.cleaned_data
    match = flt if request.POST.get("scope") == "matching" else None
    ids = None if d["all_pending"] or match is not None else d["ids"]
    if ids is not None and not ids:
        messages.error(request, "Select at least one record, or “all matching”.")
        return redirect(back)
    decision = d["add"] or d["decision"]
    merge_into = None
    if d["merge_into"]:
        merge_into = network_selectors.get_node_for(_owner(request), d["merge_into"])
    sector = {"": None, "clear": ""}.get(d["sector"], d["sector"])
    kwargs: dict[str, Any] = {
        "batch": batch,
        "ids": ids,
        "match": match,
        "decision": decision,
        "areas": [d["area"]] if d["area"] else [],
        "roles": [d["role"]] if d["role"] else [],
        "sector": sector,
        "merge_into": merge_into if decision == "merge" else None,
    }
    try:
        if d["add"]:
            count, outcome = services.staged_records_add(**kwargs)
        else:
            count = services.staged_records_decide(**kwargs)
    except ValidationError as exc:
        errors_to_messages(request, exc)
        return redirect(back)
    if d["add"]:
        messages.success(request, _commit_message(outcome))
        batch.refresh_from_db()
        if batch.status != "staged":
            return redirect("import_review", batch.pk)
    elif decision:
        messages.success(request, f"{_plural(count, 'record')}: {DECISIONS[decision].lower()}.")
    else:
        what = [AREAS.get(d["area"], ""), ROLES.get(d["role"], "")]
        if sector is not None:
            what.append(f"sector {SECTORS.get(sector, 'none')}")
        messages.success(
            request, f"{_plural(count, 'record')} updated: {', '.join(w for w in what if w)}."
        )
    return redirect(back)


@login_required
@require_POST
def batch_commit(request: AuthedRequest, batch_id: int) -> HttpResponse:
    batch = selectors.get_batch_for(request.user, batch_id)
    try:
        # "Add everyone as suggested" decides the undecided records first.
        default = "suggested" if request.POST.get("default") == "suggested" else None
        outcome = services.import_commit(batch=batch, default=default)
    except ValidationError as exc:
        errors_to_messages(request, exc, prefix="Nothing was added: ")
        return redirect("import_review", batch.pk)
    messages.success(request, _commit_message(outcome))
    return redirect("import_review", batch.pk)


@login_required
@require_POST
def batch_owner(request: AuthedRequest, batch_id: int) -> HttpResponse:
    """The answer to "which of these authors are you?"."""
    batch = selectors.get_batch_for(request.user, batch_id)
    everyone = request.POST.get("all_authors") == "1"
    name = request.POST.get("other", "").strip() or request.POST.get("name", "")
    try:
        fresh = services.import_choose_owner(
            batch=batch,
            name="" if everyone else name,
            all_authors=everyone,
            remember=request.POST.get("remember") == "1",
        )
    except ValidationError as exc:
        errors_to_messages(request, exc)
        return redirect("import_review", batch.pk)
    except ImportFailed as exc:
        messages.error(request, str(exc))
        return redirect("import_review", batch.pk)
    if everyone:
        messages.success(request, f"Every author of {fresh.filename} is listed to review.")
    else:
        messages.success(
            request,
            f"Read {fresh.filename} again with you as {name.strip()}: "
            f"{_plural(fresh.record_count, 'co-author')} to review.",
        )
    return redirect("import_review", fresh.pk)


@login_required
@require_POST
def batch_discard(request: AuthedRequest, batch_id: int) -> HttpResponse:
    batch = selectors.get_batch_for(request.user, batch_id)
    try:
        left = services.import_discard(batch=batch)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("import_review", batch.pk)
    if batch.status == "discarded":
        messages.success(request, f"Discarded {batch.filename}; nothing was added.")
    else:
        messages.success(request, f"Dismissed {batch.filename}: {left:,} left out.")
    return redirect("import")


@login_required
def export_page(request: AuthedRequest) -> HttpResponse:
    count = network_selectors.node_count(_owner(request))
    return render(
        request, "transfer/export.html", {"formats": EXPORT_LABELS.items(), "count": count}
    )


@login_required
def export_download(request: AuthedRequest, fmt: str) -> HttpResponse:
    try:
        body, media_type, filename = services.export_pln(owner=request.user, format=fmt)
    except ValidationError:
        return HttpResponse("Unknown export format.", status=404, content_type="text/plain")
    return attachment(body, media_type, filename)


def attachment(body: bytes, media_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=media_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
