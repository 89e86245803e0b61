"""The question bank, and the questions picked for one meeting."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST
from django.views.generic import UpdateView

from netweave.ownership import OwnerFormKwargsMixin, OwnerRequiredMixin, get_owned_or_404
from netweave.typing import AuthenticatedHttpRequest

from .. import services
from ..forms import OwnQuestionForm, QuestionForm
from ..models import Meeting, Purpose, Question


def _grouped(questions: list[Question]) -> list[tuple[str, list[Question]]]:
    labels = dict(Purpose.choices)
    ordered = sorted(questions, key=lambda q: (list(labels).index(q.purpose), q.pk))
    return [(labels[purpose], list(items)) for purpose, items in groupby(ordered, key=lambda q: q.purpose)]


def meeting_questions(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Pick questions for a meeting from the bank, order them, add your own."""
    meeting = get_owned_or_404(Meeting.objects.select_related("contact"), request.user, pk=pk)
    services.ensure_defaults(request.user)
    form = OwnQuestionForm(request.POST or None, initial={"purpose": meeting.purpose})
    if request.method == "POST":
        if form.is_valid():
            services.add_own_question(meeting, text=form.cleaned_data["text"], purpose=form.cleaned_data["purpose"])
            messages.success(request, "Added your question to this meeting and to your question bank.")
            return redirect("meetings:questions", pk=meeting.pk)
        messages.error(request, "Please correct the errors below.")
    picked = list(meeting.picked_questions.select_related("question"))
    picked_ids = {row.question_id for row in picked}
    bank = [q for q in Question.objects.for_owner(request.user) if q.pk not in picked_ids]
    bank.sort(key=lambda q: (q.purpose != meeting.purpose,))
    groups = _grouped(bank)
    # The meeting's own purpose first: those are the questions most likely to be picked.
    own_label = meeting.get_purpose_display()
    groups.sort(key=lambda group: group[0] != own_label)
    context = {"meeting": meeting, "picked": picked, "groups": groups, "form": form}
    return render(request, "meetings/meeting_questions.html", context)


@require_POST
def pick_question(request: AuthenticatedHttpRequest, pk: int, question_pk: int) -> HttpResponse:
    meeting = get_owned_or_404(Meeting, request.user, pk=pk)
    question = get_owned_or_404(Question, request.user, pk=question_pk)
    services.pick_question(meeting, question)
    messages.success(request, "Question added.")
    return redirect("meetings:questions", pk=meeting.pk)


@require_POST
def unpick_question(request: AuthenticatedHttpRequest, pk: int, question_pk: int) -> HttpResponse:
    meeting = get_owned_or_404(Meeting, request.user, pk=pk)
    question = get_owned_or_404(Question, request.user, pk=question_pk)
    services.unpick_question(meeting, question)
    messages.success(request, "Question removed from this meeting (it stays in your bank).")
    return redirect("meetings:questions", pk=meeting.pk)


@require_POST
def move_question(request: AuthenticatedHttpRequest, pk: int, question_pk: int) -> HttpResponse:
    meeting = get_owned_or_404(Meeting, request.user, pk=pk)
    question = get_owned_or_404(Question, request.user, pk=question_pk)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        messages.error(request, "Move a question up or down.")
    else:
        services.move_question(meeting, question, up=direction == "up")
    return redirect("meetings:questions", pk=meeting.pk)


def question_bank(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every question the user keeps, grouped by purpose, with a form to add one."""
    services.ensure_defaults(request.user)
    form = QuestionForm(request.POST or None, owner=request.user)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, "Added to your question bank.")
            return redirect("meetings:question_list")
        messages.error(request, "Please correct the errors below.")
    questions = list(Question.objects.for_owner(request.user))
    return render(request, "meetings/question_list.html", {"groups": _grouped(questions), "form": form})


class QuestionUpdateView(OwnerRequiredMixin, OwnerFormKwargsMixin, UpdateView[Question, QuestionForm]):
    model = Question
    form_class = QuestionForm
    template_name = "meetings/question_form.html"
    success_url = reverse_lazy("meetings:question_list")

    def form_valid(self, form: QuestionForm) -> HttpResponse:
        messages.success(self.request, "Question saved.")
        return super().form_valid(form)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(**kwargs)


@require_POST
def delete_question(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    question = get_owned_or_404(Question, request.user, pk=pk)
    question.delete()
    messages.success(request, "Question deleted from your bank.")
    return redirect("meetings:question_list")
