"""Outreach letters: the letter for one meeting, and the user's templates."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, ListView, UpdateView
from django.views.generic.edit import ModelFormMixin

from netweave.ownership import OwnerFormKwargsMixin, OwnerRequiredMixin, get_owned_or_404
from netweave.typing import AuthenticatedHttpRequest

from .. import services
from ..forms import LetterSentForm, OutreachTemplateForm
from ..letters import PLACEHOLDERS, render_letter
from ..models import INTERVIEW_MAX_MINUTES, LetterKind, Meeting, MeetingState, OutreachTemplate


def _suggested_kind(meeting: Meeting) -> str:
    contact = meeting.contact
    if contact.introduced_by_id:
        return LetterKind.REFERRAL
    return {"alumni": LetterKind.ALUMNI, "event": LetterKind.EVENT, "association": LetterKind.EVENT}.get(
        contact.source, LetterKind.COLD
    )


def letter(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The request letter for a meeting: pick a template, edit, copy or open it in your mail client."""
    meeting = get_owned_or_404(Meeting.objects.select_related("contact__introduced_by", "search"), request.user, pk=pk)
    services.ensure_defaults(request.user)
    templates = list(OutreachTemplate.objects.for_owner(request.user))
    chosen_id = request.GET.get("template", "")
    chosen = next((t for t in templates if str(t.pk) == chosen_id), None)
    if chosen is None:
        kind = _suggested_kind(meeting)
        chosen = next((t for t in templates if t.kind == kind), templates[0] if templates else None)
    context = {
        "meeting": meeting,
        "templates": templates,
        "chosen": chosen,
        "letter": render_letter(chosen, meeting=meeting, user=request.user) if chosen else None,
        "can_mark_sent": meeting.state == MeetingState.IDEA,
        "sent_form": LetterSentForm(today=timezone.localdate()),
        "interview_minutes": INTERVIEW_MAX_MINUTES,
    }
    return render(request, "meetings/letter.html", context)


class TemplateListView(OwnerRequiredMixin, ListView[OutreachTemplate]):
    request: AuthenticatedHttpRequest
    model = OutreachTemplate
    template_name = "meetings/template_list.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        services.ensure_defaults(self.request.user)
        return super().get(request, *args, **kwargs)


class TemplateFormMixin(OwnerFormKwargsMixin, ModelFormMixin[OutreachTemplate, OutreachTemplateForm]):
    model = OutreachTemplate
    form_class = OutreachTemplateForm
    # As TemplateResponseMixin declares it, so the views' bases agree.
    template_name: str | None = "meetings/template_form.html"
    success_url = reverse_lazy("meetings:template_list")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["placeholders"] = PLACEHOLDERS
        return context

    def form_valid(self, form: OutreachTemplateForm) -> HttpResponse:
        messages.success(self.request, f"Saved the letter “{form.instance.name}”.")
        return super().form_valid(form)


class TemplateCreateView(TemplateFormMixin, CreateView[OutreachTemplate, OutreachTemplateForm]):
    pass


class TemplateUpdateView(OwnerRequiredMixin, TemplateFormMixin, UpdateView[OutreachTemplate, OutreachTemplateForm]):
    def get_queryset(self) -> QuerySet[OutreachTemplate]:
        return super().get_queryset()


@require_POST
def copy_template(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    template = get_owned_or_404(OutreachTemplate, request.user, pk=pk)
    copy = services.copy_template(template)
    messages.success(request, f"Copied “{template.name}”. Make it your own.")
    return redirect("meetings:template_edit", pk=copy.pk)


@require_POST
def delete_template(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    template = get_owned_or_404(OutreachTemplate, request.user, pk=pk)
    template.delete()
    messages.success(request, f"Deleted the letter “{template.name}”.")
    return redirect("meetings:template_list")
