"""The import triage inbox and the export page. Thin: a form, one service
call, a redirect or a render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from tiewise.core.importers import LABELS as IMPORT_LABELS
from tiewise.core.importers import ImportFailed
from tiewise.core.vocab import AREAS, ROLES
from tiewise.feedback import errors_to_messages, form_errors_to_messages
from tiewise.http import AuthedRequest
from tiewise.network.models import Node

from . import selectors, services
from .forms import EXPORT_LABELS, DecideForm, UploadForm
from .models import DECISIONS
from .sections import SECTIONS

PAGE_SIZE = 250


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
    batches = selectors.batch_queryset(request.user)[:20]
    return render(
        request,
        "transfer/import.html",
        {
            "form": form,
            "error": error,
            "batches": batches,
            "max_mb": services.max_upload_bytes() / services.MB,
        },
        status=status,
    )


@login_required
def batch_review(request: AuthedRequest, batch_id: int) -> HttpResponse:
    batch = selectors.get_batch_for(request.user, batch_id)
    show = request.GET.get("show", "")
    records = batch.records.select_related("merge_into", "duplicate_of", "node")
    if show in DECISIONS:
        records = records.filter(decision=show)
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    nodes = list(Node.objects.filter(owner=_owner(request)).values_list("pk", "name"))
    counts = selectors.decision_counts(batch)
    by_position = dict(batch.records.values_list("position", "name"))
    rows = [
        {
            "rec": rec,
            **selectors.record_tags(rec),
            "reason": selectors.REASONS.get(rec.duplicate_reason, rec.duplicate_reason),
            "same_as": by_position.get(rec.duplicate_of_position)
            if rec.duplicate_of_position is not None
            else "",
        }
        for rec in page.object_list
    ]
    return render(
        request,
        "transfer/review.html",
        {
            "batch": batch,
            "format_label": IMPORT_LABELS.get(batch.format, batch.format),
            "page": page,
            "rows": rows,
            "show": show,
            "counts": counts,
            "pending": counts.get("pending", 0),
            "decision_rows": [(k, label, counts.get(k, 0)) for k, label in DECISIONS.items()],
            "sections": selectors.section_rows(batch),
            "form": DecideForm(record_ids=[], nodes=nodes),
            "area_labels": AREAS,
            "role_labels": ROLES,
            "upload_form": UploadForm(),
            "max_mb": services.max_upload_bytes() / services.MB,
        },
    )


@login_required
@require_POST
def batch_decide(request: AuthedRequest, batch_id: int) -> HttpResponse:
    batch = selectors.get_batch_for(request.user, batch_id)
    back = reverse("import_review", args=[batch.pk])
    if request.POST.get("show") in DECISIONS:
        back += f"?show={request.POST['show']}"
    record_ids = list(batch.records.values_list("pk", flat=True))
    nodes = list(Node.objects.filter(owner=_owner(request)).values_list("pk", "name"))
    form = DecideForm(request.POST, record_ids=record_ids, nodes=nodes)
    if not form.is_valid():
        form_errors_to_messages(request, form)
        return redirect(back)
    d = form.cleaned_data
    ids = None if d["all_pending"] else d["ids"]
    if ids is not None and not ids:
        messages.error(request, "Select at least one record, or tick “every pending record”.")
        return redirect(back)
    merge_into = None
    if d["merge_into"]:
        merge_into = Node.objects.get(owner=_owner(request), pk=d["merge_into"])
    try:
        count = services.staged_records_decide(
            batch=batch,
            ids=ids,
            decision=d["decision"],
            areas=[d["area"]] if d["area"] else [],
            roles=[d["role"]] if d["role"] else [],
            merge_into=merge_into if d["decision"] == "merge" else None,
        )
    except ValidationError as exc:
        errors_to_messages(request, exc)
    else:
        what = DECISIONS.get(d["decision"], "Updated").lower() if d["decision"] else "updated"
        messages.success(request, f"{_plural(count, 'record')}: {what}.")
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
    parts = [f"{outcome['created']} added", f"{outcome['merged']} merged"]
    if outcome["unchanged"]:
        parts.append(f"{outcome['unchanged']} already up to date")
    if outcome["alter_ties"]:
        parts.append(f"{_plural(outcome['alter_ties'], 'link')} between them")
    if outcome["skipped"]:
        parts.append(f"{outcome['skipped']} left out undecided")
    restored = [s.label.lower() for s in SECTIONS if s.restore and outcome.get(s.name)]
    if restored:
        parts.append("restored: " + ", ".join(restored))
    messages.success(request, "Import done: " + ", ".join(parts) + ".")
    return redirect("import_review", batch.pk)


@login_required
@require_POST
def batch_discard(request: AuthedRequest, batch_id: int) -> HttpResponse:
    batch = selectors.get_batch_for(request.user, batch_id)
    try:
        services.import_discard(batch=batch)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("import_review", batch.pk)
    messages.success(request, f"Discarded {batch.filename}; nothing was added.")
    return redirect("import")


@login_required
def export_page(request: AuthedRequest) -> HttpResponse:
    count = Node.objects.filter(owner=_owner(request)).count()
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
