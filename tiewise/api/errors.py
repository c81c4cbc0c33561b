from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError


def validation_detail(exc: ValidationError) -> list[dict[str, Any]]:
    """Django ValidationError → the same shape as ninja's 422 detail, so
    clients see one error format whichever layer caught the problem."""
    if hasattr(exc, "error_dict"):
        return [
            {"loc": ["body", field], "msg": msg, "type": "value_error"}
            for field, messages in exc.message_dict.items()
            for msg in messages
        ]
    return [{"loc": ["body"], "msg": m, "type": "value_error"} for m in exc.messages]
