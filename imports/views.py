"""Importing a whole network into the app: upload -> (columns) -> preview -> confirm -> summary; history and undo.

Log-in is LoginRequiredMiddleware's job (tests/test_login_walk.py); these views only scope by owner.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import DetailView, FormView, ListView

from contacts.models import Contact, ImportRun
from netweave.ownership import OwnerRequiredMixin, get_owned_or_404
from netweave.typing import AuthenticatedHttpRequest

from . import flow
from .forms import ColumnsForm, ConfirmForm, UploadForm
from .jobs import undo_in_background
from .models import ImportUpload, UploadState
from .pipeline import touched_contacts, undo_import

APP_URLS = flow.FlowUrls(
    upload="imports:upload",
    columns="imports:columns",
    progress="imports:progress",
    status="imports:status",
    preview="imports:preview",
    cancel="imports:cancel",
    done="imports:run",
)


class ImportView(FormView):
    """The upload page; also lists the latest imports."""

    form_class = UploadForm
    template_name = "imports/upload.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["recent_runs"] = flow.with_format_names(ImportRun.objects.for_owner(self.request.user))[:3]
        return context

    def form_valid(self, form: UploadForm) -> HttpResponse:
        outcome = flow.accept_upload(form, owner=self.request.user, uploaded_by=self.request.user, urls=APP_URLS)
        if outcome.error:
            form.add_error("file", outcome.error)
            return self.form_invalid(form)
        return HttpResponseRedirect(outcome.redirect_to)


class UploadMixin:
    request: HttpRequest
    kwargs: dict[str, Any]

    def get_upload(self) -> ImportUpload:
        return get_owned_or_404(ImportUpload.objects.select_related("owner"), self.request.user, pk=self.kwargs["pk"])


class ColumnsView(UploadMixin, FormView):
    """Other CSV files: which column feeds which field, with a guess pre-filled."""

    template_name = "imports/columns.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.upload = self.get_upload()
        if self.upload.state not in (UploadState.UPLOADED, UploadState.PREVIEWED):
            return redirect(flow.next_url(self.upload, APP_URLS))
        self.header, self.guess, self.sample = flow.columns_of(self.upload)
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None) -> ColumnsForm:
        return ColumnsForm(**self.get_form_kwargs(), header=self.header, initial_mapping=self.guess, sample=self.sample)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            upload=self.upload, sample=self.sample, cancel_url=APP_URLS.url("cancel", self.upload), **kwargs
        )

    def form_valid(self, form: ColumnsForm) -> HttpResponse:
        return HttpResponseRedirect(flow.choose_columns(self.upload, form.mapping(), urls=APP_URLS))


class ProgressView(UploadMixin, DetailView):
    template_name = "imports/progress.html"
    context_object_name = "upload"

    def get_object(self, queryset=None) -> ImportUpload:
        return self.get_upload()

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.object = self.get_object()
        if self.object.state in (UploadState.PREVIEWED, UploadState.IMPORTED):
            return redirect(flow.next_url(self.object, APP_URLS))
        return self.render_to_response(
            self.get_context_data(
                status_url=APP_URLS.url("status", self.object),
                upload_url=reverse(APP_URLS.upload),
                worker_missing=flow.worker_missing(self.object),
            )
        )


@require_GET
def import_status(request: AuthenticatedHttpRequest, pk: int) -> JsonResponse:
    """Polled by the progress page; also runs a job no worker picked up (Redis down)."""
    upload = get_owned_or_404(ImportUpload.objects.select_related("owner"), request.user, pk=pk)
    return JsonResponse(flow.status(upload, APP_URLS))


class PreviewView(UploadMixin, FormView):
    """The dry run: counts, errors, first rows as saved, matches with their choices; POST confirms."""

    template_name = "imports/preview.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.upload = self.get_upload()
        if self.upload.state != UploadState.PREVIEWED:
            return redirect(flow.next_url(self.upload, APP_URLS))
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None) -> ConfirmForm:
        return ConfirmForm(**self.get_form_kwargs(), matches=(self.upload.preview or {})["matches"])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(**flow.preview_context(self.upload, APP_URLS), **kwargs)

    def form_valid(self, form: ConfirmForm) -> HttpResponse:
        outcome = flow.confirm(self.upload, form.decisions(), urls=APP_URLS)
        if outcome.error:
            form.add_error(None, outcome.error)
            return self.form_invalid(form)
        if outcome.run is not None:
            messages.success(self.request, flow.summary_message(outcome.run))
        return HttpResponseRedirect(outcome.redirect_to)


@require_POST
def cancel_upload(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    upload = get_owned_or_404(ImportUpload, request.user, pk=pk)
    upload.delete()
    messages.info(request, "Import cancelled; nothing was saved.")
    return redirect("imports:upload")


class HistoryView(OwnerRequiredMixin, ListView):
    model = ImportRun
    paginate_by = 25
    template_name = "imports/history.html"
    context_object_name = "runs"

    def get_queryset(self):
        return flow.with_format_names(super().get_queryset())


class RunDetailView(OwnerRequiredMixin, DetailView):
    """The summary of one import: counts, the new contacts, and (after undo) those kept."""

    model = ImportRun
    template_name = "imports/run.html"
    context_object_name = "run"
    contacts_shown = 50

    def get_queryset(self):
        return flow.with_format_names(super().get_queryset())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        run = self.object
        contacts = (
            Contact.objects.for_owner(self.request.user)
            .filter(import_run=run)
            .order_by("family_name", "given_name", "id")
        )
        return super().get_context_data(
            contacts=contacts[: self.contacts_shown],
            contact_total=contacts.count(),
            kept=list(touched_contacts(run).order_by("family_name", "given_name", "id")[: self.contacts_shown])
            if run.undone_at
            else [],
            **kwargs,
        )


@require_POST
def undo_run(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    run = get_owned_or_404(ImportRun, request.user, pk=pk)
    if run.undone_at:
        messages.info(request, "This import was already undone.")
    elif (job := undo_in_background(run, requested_by=request.user)) is not None:
        return redirect(APP_URLS.url("progress", job))
    else:
        result = undo_import(run)
        text = f"Import undone: {result.removed} contact{'s' if result.removed != 1 else ''} removed."
        if result.kept:
            text += f" {len(result.kept)} kept because you changed or used them since; they are listed below."
        messages.success(request, text)
    return redirect(reverse("imports:run", args=[run.pk]))
