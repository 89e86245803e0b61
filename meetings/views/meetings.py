"""Meetings: the list, one meeting, planning it and moving it through its life."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, time
from functools import cached_property
from typing import Any

from django.contrib import messages
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, DetailView, UpdateView
from django_filters.views import FilterView

from contacts.models import Contact, ContactLink
from followups.models import FollowUp, FollowUpKind
from netweave.cache import cached_for_owner
from netweave.dates import formatted
from netweave.ownership import OwnerFormKwargsMixin, OwnerRequiredMixin, get_owned_or_404
from netweave.typing import AuthenticatedHttpRequest

from .. import next_step, services
from ..filters import MeetingFilter
from ..forms import HowItWentForm, LetterSentForm, MeetingForm, NewPersonFormSet, PromiseFormSet, ScheduleForm
from ..models import (
    CLOSED_STATES,
    INTERVIEW_MAX_MINUTES,
    PAID_CONSULTATION_MINUTES,
    PICKED_QUESTIONS,
    Meeting,
    MeetingState,
)

# Each tab and the states it shows (None: every state).
TABS: dict[str, tuple[str, tuple[str, ...] | None]] = {
    "upcoming": ("Upcoming", (MeetingState.SCHEDULED,)),
    "waiting": ("Needing an answer", (MeetingState.REQUESTED,)),
    "ideas": ("Ideas", (MeetingState.IDEA,)),
    "past": ("Past", CLOSED_STATES),
    "all": ("All", None),
}


class MeetingListView(OwnerRequiredMixin, FilterView):
    request: AuthenticatedHttpRequest
    model = Meeting
    filterset_class = MeetingFilter
    # 25 a page: a row costs three model instances (meeting, contact, search), and with
    # 50 the page of a user with thousands of meetings took 1.45x a small user's.
    paginate_by = 25
    template_name = "meetings/meeting_list.html"

    def tab(self) -> str:
        tab = self.request.GET.get("show", "upcoming")
        return tab if tab in TABS else "upcoming"

    def get_queryset(self) -> QuerySet[Meeting]:
        states = TABS[self.tab()][1]
        queryset = super().get_queryset().for_list()
        if states is not None:
            queryset = queryset.filter(state__in=states)
        match self.tab():
            case "upcoming":
                return queryset.order_by("starts_at", "id")
            case "waiting":
                return queryset.order_by("requested_at", "id")
            case "ideas":
                return queryset.order_by("-created_at", "-id")
        return queryset.order_by("-starts_at", "-id")

    def meetings_per_state(self) -> dict[str, int]:
        return dict(
            Meeting.objects.for_owner(self.request.user)
            .order_by()
            .values_list("state")
            .annotate(count=Count("*"))
            .values_list("state", "count")
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        # One row per state, summed into the tabs here: cheaper than a FILTER per tab. Cached
        # per owner version (every write bumps it): thousands of meetings cost one index scan each time.
        per_state = cached_for_owner(self.request.user.pk, "meetings-per-state", self.meetings_per_state)
        counts = {
            key: sum(n for state, n in per_state.items() if states is None or state in states)
            for key, (_, states) in TABS.items()
        }
        params = self.request.GET.copy()
        params.pop("page", None)
        params.pop("show", None)
        context["tabs"] = [(key, label, counts[key]) for key, (label, _) in TABS.items()]
        context["tab"] = self.tab()
        context["filter_query"] = params.urlencode()
        context["filtered"] = any(v for k, v in self.request.GET.items() if k not in ("show", "page"))
        context["now"] = timezone.now()
        return context


class MeetingDetailView(OwnerRequiredMixin, DetailView[Meeting]):
    model = Meeting
    template_name = "meetings/meeting_detail.html"

    def get_queryset(self) -> QuerySet[Meeting]:
        return (
            super()
            .get_queryset()
            .select_related("contact__introduced_by", "search")
            .prefetch_related("suggested_contacts", PICKED_QUESTIONS)
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        meeting = self.object
        now = timezone.now()
        allowed = services.allowed_transitions(meeting, now=now)
        context["transitions"] = [t for t in allowed if t.name != "schedule"]
        context["can_schedule"] = "schedule" in {t.name for t in allowed}
        context["sent_form"] = LetterSentForm(today=timezone.localdate(now))
        context["schedule_form"] = ScheduleForm(initial={"starts_at": meeting.starts_at})
        # The meeting's follow-ups in one query: its promises are listed, and with its
        # thank-yous they decide the next step once it is held.
        followups = list(
            FollowUp.objects.for_owner(self.request.user)
            .filter(meeting=meeting)
            .select_related("contact")
            .order_by("due_on", "id")
        )
        suggested = list(meeting.suggested_contacts.all())
        context["promises"] = [f for f in followups if f.kind == FollowUpKind.PROMISE]
        context["suggested"] = tell_apart(suggested)
        if meeting.state == MeetingState.HELD:
            context["next_step"] = next_step.after_meeting(
                meeting, followups=followups, suggested=suggested, today=timezone.localdate(now)
            )
        context["now"] = now
        context["paid_minutes"] = PAID_CONSULTATION_MINUTES
        context["interview_minutes"] = INTERVIEW_MAX_MINUTES
        return context


class MeetingCreateView(OwnerFormKwargsMixin, CreateView[Meeting, MeetingForm]):
    request: AuthenticatedHttpRequest
    model = Meeting
    form_class = MeetingForm
    template_name = "meetings/meeting_form.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.GET.get("contact"):
            return self.choose_contact(self.request)
        if self.chosen_contact is None:
            raise Http404("No such contact in your network.")
        return super().get(request, *args, **kwargs)

    def choose_contact(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        query = request.GET.get("q", "").strip()
        found = Contact.objects.for_owner(request.user).search_by_name(query)[:20] if query else []
        return self.response_class(
            request=request,
            template=["meetings/choose_contact.html"],
            context={"query": query, "found": found, "view": self},
        )

    @cached_property
    def chosen_contact(self) -> Contact | None:
        contact_id = self.request.POST.get("contact") or self.request.GET.get("contact")
        if contact_id is None or not contact_id.isdigit():
            return None
        return Contact.objects.for_owner(self.request.user).filter(pk=contact_id).first()

    def get_initial(self) -> dict[str, Any]:
        return {"contact": self.request.GET.get("contact")}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["contact"] = self.chosen_contact
        context["paid_minutes"] = PAID_CONSULTATION_MINUTES
        context["interview_minutes"] = INTERVIEW_MAX_MINUTES
        context["long_minutes"] = _longer_than_an_interview(context["form"])
        return context

    def form_valid(self, form: MeetingForm) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, f"Planned: {form.instance}.")
        _warn_if_paid_consultation(self.request, form.instance)
        return response


class MeetingUpdateView(OwnerRequiredMixin, OwnerFormKwargsMixin, UpdateView[Meeting, MeetingForm]):
    model = Meeting
    form_class = MeetingForm
    template_name = "meetings/meeting_form.html"

    def get_queryset(self) -> QuerySet[Meeting]:
        return super().get_queryset().select_related("contact")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["contact"] = self.object.contact
        context["paid_minutes"] = PAID_CONSULTATION_MINUTES
        context["interview_minutes"] = INTERVIEW_MAX_MINUTES
        context["long_minutes"] = _longer_than_an_interview(context["form"])
        return context

    def form_valid(self, form: MeetingForm) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, "Saved.")
        _warn_if_paid_consultation(self.request, self.object)
        return response


def _longer_than_an_interview(form: MeetingForm) -> int | None:
    """The length on the form when it is valid but longer than an informational interview, else None."""
    if form.is_bound and form["duration_minutes"].errors:
        return None  # the error says it better
    try:
        minutes = int(form["duration_minutes"].value())
    except (TypeError, ValueError):
        return None
    return minutes if minutes > INTERVIEW_MAX_MINUTES else None


def _warn_if_paid_consultation(request: HttpRequest, meeting: Meeting) -> None:
    """A warning that never blocks saving. (A long interview is warned about on the meeting
    page itself, for as long as it is being planned: _long_meeting_warning.html.)"""
    if meeting.would_be_paid_consultation:
        messages.warning(
            request,
            f"{meeting.contact.call_them} sells their time. More than {PAID_CONSULTATION_MINUTES} minutes "
            "would be a paid consultation; consider asking for 15.",
        )


@require_POST
def delete_meeting(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = get_owned_or_404(Meeting, request.user, pk=pk)
    meeting.delete()
    messages.success(request, "Meeting deleted.")
    return redirect("meetings:list")


@require_POST
def step(request: AuthenticatedHttpRequest, pk: int, action: str) -> HttpResponse:
    """One lifecycle button: mark sent, hold, decline, no reply, cancel."""
    meeting = get_owned_or_404(Meeting.objects.select_related("contact"), request.user, pk=pk)
    try:
        services.STEP_SERVICES[action](meeting, when=timezone.now())
    except services.TransitionRefused as refusal:
        messages.error(request, str(refusal))
        return redirect(meeting)
    if action == "hold":
        messages.success(request, "Marked as held. How did it go?")
        return redirect("meetings:how_it_went", pk=meeting.pk)
    messages.success(request, f"{meeting}: {meeting.get_state_display().lower()}.")
    return redirect(meeting)


@require_POST
def mark_sent(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The letter went out, today or on a day the user picks (a letter sent last week)."""
    meeting = get_owned_or_404(Meeting.objects.select_related("contact"), request.user, pk=pk)
    now = timezone.now()
    today = timezone.localdate(now)
    form = LetterSentForm(request.POST if "sent_on" in request.POST else {"sent_on": today}, today=today)
    if not form.is_valid():
        messages.error(request, f"Nothing was changed: {' '.join(str(error) for error in form.errors['sent_on'])}")
        return redirect(meeting)
    sent_on = form.cleaned_data["sent_on"]
    # A past day has no known hour: noon, local time, keeps it on that day in every view.
    sent_at = now if sent_on == today else timezone.make_aware(datetime.combine(sent_on, time(12)))
    try:
        services.mark_letter_sent(meeting, when=now, sent_at=sent_at)
    except services.TransitionRefused as refusal:
        messages.error(request, str(refusal))
        return redirect(meeting)
    messages.success(request, f"{meeting}: requested, letter sent on {formatted(sent_on, 'date')}.")
    return redirect(meeting)


@require_POST
def schedule(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = get_owned_or_404(Meeting.objects.select_related("contact"), request.user, pk=pk)
    form = ScheduleForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Pick a valid date and time to schedule this meeting.")
        return redirect(meeting)
    try:
        services.schedule_meeting(meeting, when=timezone.now(), starts_at=form.cleaned_data["starts_at"])
    except services.TransitionRefused as refusal:
        messages.error(request, str(refusal))
        return redirect(meeting)
    local = timezone.localtime(meeting.starts_at)
    messages.success(request, f"Scheduled for {formatted(local, 'day_date_time')}.")
    return redirect(meeting)


def how_it_went(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """After the meeting: notes, lessons, suggested people, promises, what was given and received."""
    meeting = get_owned_or_404(
        Meeting.objects.select_related("contact").prefetch_related("suggested_contacts"), request.user, pk=pk
    )
    if meeting.state != MeetingState.HELD:
        messages.error(request, "Record how it went once the meeting is marked as held.")
        return redirect(meeting)
    data = request.POST if request.method == "POST" else None
    form = HowItWentForm(
        data,
        meeting=meeting,
        owner=request.user,
        initial={
            "notes": meeting.notes,
            "learned": meeting.learned,
            "suggested": [c.pk for c in meeting.suggested_contacts.all()],
        },
    )
    people = NewPersonFormSet(data, prefix="people")
    promises = PromiseFormSet(data, prefix="promises")
    if data is not None and form.is_valid() and people.is_valid() and promises.is_valid():
        created = services.record_how_it_went(
            meeting,
            notes=form.cleaned_data["notes"],
            learned=form.cleaned_data["learned"],
            suggested=form.cleaned_data["suggested"],
            new_people=[f.person() for f in people if f.has_changed() and f.cleaned_data],
            promises=[f.promise() for f in promises if f.has_changed() and f.cleaned_data],
            gave=form.exchange("gave"),
            received=form.exchange("received"),
            # The day the meeting was held (services.held_moment), where the ledger lines belong.
            on=timezone.localdate(meeting.held_at or meeting.starts_at),
        )
        added = (
            f" Added {len(created)} new {'person' if len(created) == 1 else 'people'} to your network."
            if created
            else ""
        )
        messages.success(request, f"Saved how it went with {meeting.contact.call_them}.{added}")
        return redirect(meeting)
    if data is not None:
        messages.error(request, "Please correct the errors below; nothing was saved yet.")
    return render(
        request,
        "meetings/how_it_went.html",
        {
            "meeting": meeting,
            "form": form,
            "people": people,
            "promises": promises,
            "candidates": tell_apart(_suggestion_candidates(meeting, form, owner=request.user)),
        },
    )


def _suggestion_candidates(meeting: Meeting, form: HowItWentForm, *, owner: AbstractBaseUser) -> list[Contact]:
    """A short list to tick: people already suggested or picked, whom they know, and colleagues."""
    owner_contacts = Contact.objects.for_owner(owner).exclude(pk=meeting.contact_id)
    picked = [int(pk) for pk in form["suggested"].value() or [] if str(pk).isdigit()]
    known = ContactLink.objects.for_owner(owner).filter(person=meeting.contact).values("knows")
    condition = Q(pk__in=picked) | Q(pk__in=known)
    if meeting.contact.company:
        condition |= Q(company=meeting.contact.company)
    return list(owner_contacts.filter(condition).order_by("family_name", "given_name", "id")[:30])


def tell_apart(people: list[Contact]) -> list[tuple[Contact, str]]:
    """Each person with what tells them apart in a short list: their title and company, and
    the email for a namesake (two "Felix Ivanova · City of Albuquerque" are two people)."""
    names = Counter(person.full_name.casefold() for person in people)
    listed = []
    for person in people:
        details = [", ".join(part for part in (person.title, person.company) if part)]
        if names[person.full_name.casefold()] > 1:
            details.append(person.primary_email)
        listed.append((person, " · ".join(detail for detail in details if detail)))
    return listed
