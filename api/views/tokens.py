"""Preferences → API tokens: create, list and revoke personal access tokens (signed-in pages)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_POST

from netweave.ownership import get_owned_or_404
from netweave.typing import AuthenticatedHttpRequest

from .. import services
from ..forms import TokenForm
from ..models import ApiToken


def token_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The owner's tokens; a POST creates one and shows it this once (never stored, never redirected)."""
    form = TokenForm(request.POST or None)
    created = secret = None
    if request.method == "POST" and form.is_valid():
        created, secret = services.create_token(
            request.user, name=form.cleaned_data["name"], read_only=form.cleaned_data["access"] == "read_only"
        )
        # A blank form for the next one, keeping the access just chosen.
        form = TokenForm(initial={"access": form.cleaned_data["access"]})
    response = render(
        request,
        "api/tokens.html",
        {
            "form": form,
            "tokens": ApiToken.objects.for_owner(request.user).newest_first(),
            "created": created,
            "secret": secret,
        },
        status=400 if form.errors else 200,
    )
    add_never_cache_headers(response)
    return response


@require_POST
def revoke(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    token = get_owned_or_404(ApiToken, request.user, pk=pk)
    services.revoke_token(token)
    messages.success(request, f"Revoked “{token.name}”: it no longer works.")
    return redirect("api_tokens:list")
