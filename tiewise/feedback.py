"""Turning validation errors into what the user sees: form errors on the
page, or flash messages after a redirect. One place, so every page words
them the same way."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest


def add_errors_to_form(form: Any, exc: ValidationError) -> None:
    """Attach a service's ValidationError to the form fields it names
    (unknown fields become form-wide errors)."""
    if not hasattr(exc, "error_dict"):
        for message in exc.messages:
            form.add_error(None, message)
        return
    for field, errors in exc.message_dict.items():
        target = field if field in form.fields else None
        for error in errors:
            form.add_error(target, error)


def errors_to_messages(request: HttpRequest, exc: ValidationError, prefix: str = "") -> None:
    for message in exc.messages:
        messages.error(request, f"{prefix}{message}")


def form_errors_to_messages(request: HttpRequest, form: Any) -> None:
    """For forms that redirect back: each error as a message, labelled with
    its field."""
    for field, errors in form.errors.items():
        label = "" if field == "__all__" else f"{form.fields[field].label or field}: "
        for error in errors:
            messages.error(request, f"{label}{error}")
