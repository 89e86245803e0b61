"""Follow-up pages: the list, one follow-up's draft, the one-button actions, reviews and templates."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.messages.views import SuccessMessageMixin
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST
from django.views.generic import TemplateView, UpdateView

from meetings.models import Search
from netweave.cache import cached_for_owner
from netweave.ownership import OwnerRequiredMixin, get_owned_or_404
from netweave.typing import AuthenticatedHttpRequest

from . import services
from .drafts import DEFAULTS, PLACEHOLDERS, DraftBook
from .forms import DraftTemplateForm, FollowUpForm, FollowUpSearchForm, OutcomeReviewForm, SnoozeForm
from .models import DraftKind, DraftTemplate, FollowUp, FollowUpQuerySet

# The overview shows the most urgent few of each section, so it is the same size at any
# scale; "Show all" opens one section on its own, a page at a time.
OVERVIEW_LIMIT = 10
SECTION_PAGE_SIZE = 50
# Done and skipped pile up for as long as the user keeps the app: past this many, the
# overview and the other sections' tabs say "1000+"; their own section counts them all.
CLOSED_COUNT_CAP = 1000


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    icon: str
    empty: str
    # The section's rows, most urgent (or latest closed) first.
    rows: Callable[[FollowUpQuerySet, date], FollowUpQuerySet]


SECTIONS = {
    section.id: section
    for section in [
        Section(
            "overdue",
            "Overdue",
            "bi-exclamation-circle",
            "Nothing overdue. Well done.",
            lambda mine, today: mine.overdue(today).order_by("due_on", "id"),
        ),
        Section(
            "today",
            "Due today",
            "bi-calendar-check",
            "Nothing due today.",
            lambda mine, today: mine.due_today(today).order_by("id"),
        ),
        Section(
            "upcoming",
            "Upcoming",
            "bi-calendar-week",
            "Nothing coming up.",
            lambda mine, today: mine.upcoming(today).order_by("due_on", "id"),
        ),
        Section(
            "done",
            "Done and skipped",
            "bi-check2-all",
            "Nothing closed yet.",
            lambda mine, today: mine.recently_closed(),
        ),
    ]
}


class CountedPaginator(Paginator):
    """A paginator given its count, which the section totals already hold (one query fewer)."""

    def __init__(self, object_list: QuerySet, per_page: int, *, count: int) -> None:
        super().__init__(object_list, per_page)
        self.known_count = count

    @cached_property
    def count(self) -> int:
        return self.known_count


class FollowUpListView(TemplateView):
    """The overview of every section, or one section in full (?show=overdue): constant queries.

    ``?q=`` narrows every section to the follow-ups whose title, draft or person matches.
    """

    request: AuthenticatedHttpRequest
    template_name = "followups/followup_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        today = timezone.localdate()
        mine = FollowUp.objects.for_owner(self.request.user)
        search_form = FollowUpSearchForm(self.request.GET)
        query = search_form.cleaned_data["q"] if search_form.is_valid() else ""
        if query:
            mine = mine.search(query, self.request.user)
        shown = SECTIONS.get(self.request.GET.get("show", ""))
        # The done section's own pages need its exact count: the paginator numbers them.
        closed_up_to = None if shown is not None and shown.id == "done" else CLOSED_COUNT_CAP
        if query:
            counts = mine.section_counts(today, closed_up_to=closed_up_to, one_pass=True)
        else:
            # Cached per owner version (every write bumps it) and local day (a day turns due
            # follow-ups overdue and wakes snoozed ones): a long history is counted once.
            counts = cached_for_owner(
                self.request.user.pk,
                f"followup-sections:{today.isoformat()}:{closed_up_to}",
                lambda: mine.section_counts(today, closed_up_to=closed_up_to),
            )
        labels = {key: str(count) for key, count in counts.items()}
        if closed_up_to is not None and counts["done"] > closed_up_to:
            labels["done"] = f"{closed_up_to}+"
        common = {
            "today": today,
            "query": query,
            "search_form": search_form,
            # Appended to the section and page links, so a search survives paging.
            "query_suffix": f"&{urlencode({'q': query})}" if query else "",
            "snooze_form": SnoozeForm(),
        }
        if shown is not None:
            paginator = CountedPaginator(shown.rows(mine.for_list(), today), SECTION_PAGE_SIZE, count=counts[shown.id])
            page = paginator.get_page(self.request.GET.get("page"))
            return super().get_context_data(
                shown={"section": shown, "items": list(page.object_list), "count": counts[shown.id]},
                page_obj=page,
                tabs=[(section, counts[section.id], labels[section.id]) for section in SECTIONS.values()],
                **common,
                **kwargs,
            )
        waiting = cached_for_owner(
            self.request.user.pk,
            "outcome-reports-waiting",
            lambda: list(FollowUp.objects.for_owner(self.request.user).outcome_reports_waiting().per_search()),
        )
        return super().get_context_data(
            sections=[
                {
                    "id": section.id,
                    "title": section.title,
                    "icon": section.icon,
                    "empty": section.empty,
                    "items": list(section.rows(mine.for_list(), today)[:OVERVIEW_LIMIT]),
                    "count": counts[section.id],
                    "count_label": labels[section.id],
                    "more": counts[section.id] > OVERVIEW_LIMIT,
                }
                for section in SECTIONS.values()
            ],
            outcome_reviews=waiting,
            **common,
            **kwargs,
        )


class FollowUpDetailView(OwnerRequiredMixin, SuccessMessageMixin, UpdateView):
    """One follow-up: edit the draft, copy it, or open it in the mail client."""

    model = FollowUp
    form_class = FollowUpForm
    template_name = "followups/followup_detail.html"
    request: AuthenticatedHttpRequest
    success_message = "Draft saved."

    def get_queryset(self) -> QuerySet[FollowUp]:
        return super().get_queryset().for_page()

    def get_object(self, queryset: QuerySet[FollowUp] | None = None) -> FollowUp:
        followup = super().get_object(queryset)
        followup.sign_with(self.request.user.name_for_letters)
        return followup

    def get_success_url(self) -> str:
        return self.object.get_absolute_url()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            today=timezone.localdate(),
            snooze_form=SnoozeForm(),
            kept_old_name=self.object.kept_old_name(self.request.user.name_for_letters),
            **kwargs,
        )


def _back(request: AuthenticatedHttpRequest, followup: FollowUp) -> HttpResponse:
    """Return to the page the button was on (the list or the detail page)."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(target)
    return redirect("followups:list")


@require_POST
def done(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    # With its owner: a thank-you done closes a keep-in-touch with a note in the owner's time zone.
    followup = get_owned_or_404(FollowUp.objects.select_related("owner"), request.user, pk=pk)
    if services.mark_done(followup, now=timezone.now()):
        messages.success(request, f"Done: {followup.title}.")
    else:
        messages.info(request, f"“{followup.title}” was already closed.")
    return _back(request, followup)


@require_POST
def skip(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    followup = get_owned_or_404(FollowUp, request.user, pk=pk)
    if services.skip(followup):
        messages.success(request, f"Skipped: {followup.title}.")
    else:
        messages.info(request, f"“{followup.title}” was already closed.")
    return _back(request, followup)


@require_POST
def snooze(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    followup = get_owned_or_404(FollowUp, request.user, pk=pk)
    form = SnoozeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose how long to snooze it: 1, 3, 7 or 14 days.")
        return _back(request, followup)
    until = timezone.localdate() + timedelta(days=form.cleaned_data["days"])
    if services.snooze(followup, until=until):
        messages.success(request, f"Snoozed until {until:%A %d %B}: {followup.title}.")
    else:
        messages.info(request, f"“{followup.title}” is closed, so there is nothing to snooze.")
    return _back(request, followup)


@require_POST
def reopen(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    followup = get_owned_or_404(FollowUp, request.user, pk=pk)
    if services.reopen(followup):
        messages.success(request, f"Reopened: {followup.title}.")
    return _back(request, followup)


@require_http_methods(["GET", "POST"])
def review_outcome_reports(request: AuthenticatedHttpRequest, search_pk: int) -> HttpResponse:
    """Before outcome reports become due, the user drops anyone who should not get one."""
    search = get_owned_or_404(Search, request.user, pk=search_pk)
    waiting = FollowUp.objects.for_owner(request.user).outcome_reports_waiting()
    proposed = waiting.filter(search=search).select_related("contact")
    # "Tick all" and "Untick all" are submit buttons, so they work without JavaScript: they
    # redraw the page with every box ticked or none, and change nothing.
    tick = request.POST.get("tick") if request.method == "POST" else None
    if tick in ("all", "none"):
        form = OutcomeReviewForm(proposed=proposed)
    else:
        form = OutcomeReviewForm(request.POST or None, proposed=proposed)
    if request.method == "POST" and form.is_valid():
        kept, dropped = services.confirm_outcome_reports(
            search, keep=[f.pk for f in form.cleaned_data["keep"]], today=timezone.localdate()
        )
        messages.success(
            request,
            f"{kept} outcome report{'s' if kept != 1 else ''} added to your follow-ups"
            + (f"; {dropped} dropped." if dropped else "."),
        )
        return redirect("followups:list")
    chosen = set(request.POST.getlist("keep")) if form.is_bound else None
    rows = []
    for followup in proposed:
        followup.sign_with(request.user.name_for_letters)
        checked = tick != "none" and (chosen is None or str(followup.pk) in chosen)
        rows.append({"followup": followup, "checked": checked})
    return render(request, "followups/review_outcome_reports.html", {"search": search, "form": form, "rows": rows})


class DraftTemplateListView(TemplateView):
    request: AuthenticatedHttpRequest
    template_name = "followups/draft_templates.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        custom = set(DraftTemplate.objects.for_owner(user).values_list("kind", flat=True))
        book = DraftBook.for_users([user.pk])
        kinds = [
            {"kind": kind, "label": kind.label, "draft": book.draft(user, kind), "custom": kind.value in custom}
            for kind in DraftKind
        ]
        return super().get_context_data(kinds=kinds, **kwargs)


@require_http_methods(["GET", "POST"])
def edit_draft_template(request: AuthenticatedHttpRequest, kind: str) -> HttpResponse:
    if kind not in DraftKind.values:
        raise Http404("No such draft.")
    template = DraftTemplate.objects.for_owner(request.user).filter(kind=kind).first()
    default = DEFAULTS[kind]
    if request.method == "POST" and "reset" in request.POST:
        DraftTemplate.objects.for_owner(request.user).filter(kind=kind).delete()
        messages.success(request, f"“{DraftKind(kind).label}” is back to the built-in wording.")
        return redirect("followups:draft_templates")
    instance = template or DraftTemplate(owner=request.user, kind=kind)
    initial = {} if template else {"subject": default.subject, "body": default.body}
    form = DraftTemplateForm(request.POST or None, instance=instance, initial=initial)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Saved your wording for “{DraftKind(kind).label}”. New drafts use it.")
        return redirect("followups:draft_templates")
    return render(
        request,
        "followups/draft_template_form.html",
        {"form": form, "kind": DraftKind(kind), "custom": template is not None, "placeholders": PLACEHOLDERS},
    )
