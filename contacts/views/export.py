"""Export the contact list as it is filtered: CSV for spreadsheets, vCard 3.0 for address books."""

from __future__ import annotations

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from contacts.export import csv_rows, vcards
from netweave.typing import AuthenticatedHttpRequest

from .network import filtered_contacts

CHUNK = 2000


def _download(request: AuthenticatedHttpRequest, lines, *, content_type: str, extension: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(lines, content_type=content_type)
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="netweave-contacts-{stamp}.{extension}"'
    return response


@require_GET
def export_csv(request: AuthenticatedHttpRequest) -> StreamingHttpResponse:
    _, contacts = filtered_contacts(request)
    rows = csv_rows(
        contacts.select_related("introduced_by")
        .prefetch_related("tags")
        .order_by("family_name", "given_name", "id")
        .iterator(chunk_size=CHUNK),
        zone=timezone.get_current_timezone(),  # the user's (UserTimezoneMiddleware), read before streaming
    )
    return _download(request, rows, content_type="text/csv; charset=utf-8", extension="csv")


@require_GET
def export_vcard(request: AuthenticatedHttpRequest) -> StreamingHttpResponse:
    _, contacts = filtered_contacts(request)
    cards = vcards(
        contacts.prefetch_related("tags").order_by("family_name", "given_name", "id").iterator(chunk_size=CHUNK)
    )
    return _download(request, cards, content_type="text/vcard; charset=utf-8", extension="vcf")
