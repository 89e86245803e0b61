"""The "Import contacts" page of the contact admin (staff import for a chosen owner).

The admin walks the same flow as the user's Import page (``imports.flow``),
with its own URLs and admin-styled templates; nothing here parses or matches.
The contacts app knows nothing of imports, so this module extends its
ContactAdmin and registers the result in its place (as Django's docs do for
UserAdmin); the URLs stay under /admin/contacts/contact/import/.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from contacts.admin import ContactAdmin
from contacts.models import Contact, ImportRun

from . import flow
from .forms import AdminUploadForm, ColumnsForm, ConfirmForm
from .jobs import undo_in_background
from .models import ImportUpload, UploadState
from .pipeline import undo_import

if TYPE_CHECKING:
    # As ModelAdmin declares its templates, so the admin classes' bases agree.
    from django.template.response import _TemplateForResponseT

ADMIN_URLS = flow.FlowUrls(
    upload="admin:contacts_contact_import",
    columns="admin:contacts_contact_import_columns",
    progress="admin:contacts_contact_import_progress",
    status="admin:contacts_contact_import_status",
    preview="admin:contacts_contact_import_preview",
    cancel="admin:contacts_contact_import_cancel",
    done="admin:contacts_importrun_change",
)


class ImportAdminMixin:
    """Mixed into ContactAdmin; adds the import page to the admin."""

    change_list_template: ClassVar[_TemplateForResponseT | None] = "admin/contacts/contact/change_list.html"

    def get_urls(self):
        wrap = self.admin_site.admin_view  # type: ignore[attr-defined]
        own = [
            path("import/", wrap(self.import_upload_view), name="contacts_contact_import"),
            path("import/<int:pk>/columns/", wrap(self.import_columns_view), name="contacts_contact_import_columns"),
            path("import/<int:pk>/progress/", wrap(self.import_progress_view), name="contacts_contact_import_progress"),
            path("import/<int:pk>/status/", wrap(self.import_status_view), name="contacts_contact_import_status"),
            path("import/<int:pk>/preview/", wrap(self.import_preview_view), name="contacts_contact_import_preview"),
            path("import/<int:pk>/cancel/", wrap(self.import_cancel_view), name="contacts_contact_import_cancel"),
        ]
        return own + super().get_urls()  # type: ignore[misc]

    # --- helpers ----------------------------------------------------------
    def _check(self, request: HttpRequest) -> None:
        # Importing matches against and updates the owner's contacts, so it takes
        # seeing and changing contacts, not only adding them.
        if not request.user.has_perms(["contacts.add_contact", "contacts.view_contact", "contacts.change_contact"]):
            raise PermissionDenied

    def _upload(self, request: HttpRequest, pk: int) -> ImportUpload:
        self._check(request)
        # Staff see only the uploads they made themselves, whoever the owner is.
        return get_object_or_404(ImportUpload.objects.select_related("owner"), pk=pk, uploaded_by=request.user)

    def _render(self, request: HttpRequest, template: str, title: str, **context: Any) -> TemplateResponse:
        context = {
            **self.admin_site.each_context(request),  # type: ignore[attr-defined]
            "opts": self.model._meta,  # type: ignore[attr-defined]
            "title": title,
            **context,
        }
        return TemplateResponse(request, f"admin/contacts/contact/{template}", context)

    # --- views --------------------------------------------------------------
    def import_upload_view(self, request: HttpRequest) -> HttpResponse:
        self._check(request)
        form = AdminUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            outcome = flow.accept_upload(
                form, owner=form.cleaned_data["owner"], uploaded_by=request.user, urls=ADMIN_URLS
            )
            if not outcome.error:
                return HttpResponseRedirect(outcome.redirect_to)
            form.add_error("file", outcome.error)
        return self._render(request, "import_upload.html", "Import contacts", form=form)

    def import_columns_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        upload = self._upload(request, pk)
        if upload.state not in (UploadState.UPLOADED, UploadState.PREVIEWED):
            return redirect(flow.next_url(upload, ADMIN_URLS))
        header, guess, sample = flow.columns_of(upload)
        form = ColumnsForm(request.POST or None, header=header, initial_mapping=guess, sample=sample)
        if request.method == "POST" and form.is_valid():
            return HttpResponseRedirect(flow.choose_columns(upload, form.mapping(), urls=ADMIN_URLS))
        return self._render(request, "import_columns.html", "Which column is what?", form=form, upload=upload)

    def import_progress_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        upload = self._upload(request, pk)
        if upload.state in (UploadState.PREVIEWED, UploadState.IMPORTED):
            return redirect(flow.next_url(upload, ADMIN_URLS))
        return self._render(
            request,
            "import_progress.html",
            f"Importing {upload.file_name}",
            upload=upload,
            status_url=ADMIN_URLS.url("status", upload),
            upload_url=reverse(ADMIN_URLS.upload),
            worker_missing=flow.worker_missing(upload),
        )

    def import_status_view(self, request: HttpRequest, pk: int) -> JsonResponse:
        return JsonResponse(flow.status(self._upload(request, pk), ADMIN_URLS))

    def import_preview_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        upload = self._upload(request, pk)
        if upload.state != UploadState.PREVIEWED:
            return redirect(flow.next_url(upload, ADMIN_URLS))
        form = ConfirmForm(request.POST or None, matches=(upload.preview or {})["matches"])
        if request.method == "POST" and form.is_valid():
            outcome = flow.confirm(upload, form.decisions(), urls=ADMIN_URLS)
            if not outcome.error:
                if outcome.run is not None:
                    messages.success(request, f"{flow.summary_message(outcome.run)} Owner: {upload.owner}.")
                return HttpResponseRedirect(outcome.redirect_to)
            form.add_error(None, outcome.error)
        return self._render(
            request,
            "import_preview.html",
            f"Preview: {upload.file_name} for {upload.owner}",
            form=form,
            **flow.preview_context(upload, ADMIN_URLS),
        )

    def import_cancel_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        if request.method != "POST":
            return HttpResponse(status=405, headers={"Allow": "POST"})
        self._upload(request, pk).delete()
        messages.info(request, "Import cancelled; nothing was saved.")
        return redirect(ADMIN_URLS.upload)


admin.site.unregister(Contact)


@admin.register(Contact)
class ContactWithImportAdmin(ImportAdminMixin, ContactAdmin):
    pass


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    """The record of an import: read-only; undoing it is an action, the same undo the owner has."""

    list_display = (
        "file_name",
        "format",
        "owner",
        "uploaded_by",
        "created_at",
        "created_count",
        "updated_count",
        "undone_at",
    )
    list_filter = ("format",)
    list_select_related = ("owner", "uploaded_by")
    search_fields = ("file_name", "owner__username")
    actions = ["undo_imports"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: ImportRun | None = None) -> bool:
        return False

    def has_undo_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perms(["contacts.view_importrun", "contacts.delete_contact"])

    @admin.action(description="Undo the selected imports (keeps contacts changed or used since)", permissions=["undo"])
    def undo_imports(self, request: HttpRequest, queryset: QuerySet[ImportRun]) -> None:
        undone, queued, removed = 0, 0, 0
        for run in queryset.filter(undone_at__isnull=True).select_related("owner"):
            if undo_in_background(run, requested_by=request.user) is not None:
                queued += 1
            else:
                removed += undo_import(run).removed
                undone += 1
        text = f"{undone} import(s) undone, {removed} contact(s) removed."
        if queued:
            text += f" {queued} large import(s) are being undone in the background."
        self.message_user(request, text, messages.SUCCESS)
