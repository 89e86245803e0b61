"""Download everything: start a backup, watch it being built, download it (owner only)."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from netweave.ownership import get_owned_or_404
from netweave.typing import AuthenticatedHttpRequest

from . import services
from .models import AccountBackup, BackupState


@require_POST
def start(request: AuthenticatedHttpRequest) -> HttpResponse:
    backup = services.request_backup(request.user)
    return redirect(backup)


def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    backup = get_owned_or_404(AccountBackup, request.user, pk=pk)
    if backup.state == BackupState.QUEUED:
        backup = services.build_if_stuck(backup, now=timezone.now())
    return render(request, "backup/backup.html", {"backup": backup})


def download(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    backup = get_owned_or_404(AccountBackup, request.user, pk=pk, state=BackupState.READY)
    try:
        handle = services.backup_path(backup).open("rb")
    except FileNotFoundError:
        raise Http404("This backup has been removed; make a new one.") from None
    name = f"netweave-{request.user.get_username()}-{backup.created_at:%Y-%m-%d}.zip"
    return FileResponse(handle, as_attachment=True, filename=name, content_type="application/zip")
