from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tiewise.feedback import add_errors_to_form
from tiewise.http import AuthedRequest

from . import selectors, services
from .forms import ProfileForm, TokenForm
from .recent import recent_sign_in_required


@login_required
def profile(request: AuthedRequest) -> HttpResponse:
    prof = services.ensure_profile(request.user)
    # The first time the profile is filled in (just after sign-up), the
    # next stop is the dashboard's "get your worksheet ready" checklist.
    first = not (prof.profession or prof.specialty or prof.institution)
    form = ProfileForm(request.POST or None, instance=prof)
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_update(
                user=request.user,
                data={f: form.cleaned_data[f] for f in services.PROFILE_FIELDS},
            )
        except ValidationError as exc:
            add_errors_to_form(form, exc)
        else:
            messages.success(request, "Profile saved.")
            return redirect("home" if first else "profile")
    context = {"form": form, "two_factor_on": selectors.two_factor_on(request.user)}
    return render(request, "accounts/profile.html", context)


@login_required
@recent_sign_in_required()
def tokens(request: AuthedRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        _, new_token = services.token_create(
            user=request.user,
            name=form.cleaned_data["name"],
            scope=form.cleaned_data["scope"],
        )
        form = TokenForm()
    items = selectors.tokens_of(request.user)
    return render(
        request, "accounts/tokens.html", {"form": form, "tokens": items, "new_token": new_token}
    )


@login_required
@require_POST
def token_revoke(request: AuthedRequest, token_id: int) -> HttpResponse:
    services.token_revoke(user=request.user, token_id=token_id)
    messages.success(request, "Token revoked. Scripts using it stop working now.")
    return redirect("tokens")
