"""Who can introduce me, the picture of the introduction network, and search everywhere."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from contacts.models import Contact
from dashboard import introductions, network_picture
from dashboard.everywhere import search_everywhere
from dashboard.forms import IntroductionQueryForm, SearchEverywhereForm
from netweave.ownership import get_owned_or_404
from netweave.typing import AuthenticatedHttpRequest


@require_GET
def who_can_introduce(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = IntroductionQueryForm(request.GET if "q" in request.GET else None)
    results = None
    if form.is_bound and form.is_valid():
        results = introductions.who_can_introduce(
            request.user, match_on=form.cleaned_data["by"], text=form.cleaned_data["q"]
        )
    context = {
        "form": form,
        "results": results,
        "tag_names": introductions.tag_names(request.user),
        "limit": introductions.RESULT_LIMIT,
    }
    return render(request, "dashboard/introductions.html", context)


@require_GET
def introduction_network(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    focus = get_owned_or_404(Contact, request.user, pk=pk) if pk is not None else None
    picture = network_picture.introduction_picture(request.user, focus=focus)
    context = {
        "picture": picture,
        "max_roots": network_picture.MAX_ROOTS,
        "max_depth": network_picture.MAX_DEPTH,
        "max_nodes": network_picture.MAX_NODES,
        # The list links every introducer to a picture centred on them: one reverse() for all.
        "centre_url_prefix": reverse("dashboard:network"),
    }
    return render(request, "dashboard/network.html", context)


@require_GET
def search(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = SearchEverywhereForm(request.GET if "q" in request.GET else None)
    results = search_everywhere(request.user, form.cleaned_data["q"]) if form.is_bound and form.is_valid() else None
    # today: a follow-up reads "snoozed until Sat 5 Dec" or "overdue since ..." as on its own list.
    context = {"form": form, "results": results, "today": timezone.localdate()}
    return render(request, "dashboard/search.html", context)
