from __future__ import annotations

from django.core import signing
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import Cursor, CursorPagination
from rest_framework.request import Request
from rest_framework.utils.urls import replace_query_param

NOT_OURS = (
    "This cursor was not issued by this list. Drop the cursor parameter to start again from the first page, "
    "then follow the next and previous links."
)


class IdCursorPagination(CursorPagination):
    """Opaque next/previous cursors over a unique order, so pages never skip or repeat rows.

    The cursors are signed for the list they page through: anything else (a typo, a cut-off
    link, a hand-made or edited cursor, one from another list or from before the ordering
    changed) is a 400 naming the cursor, where the REST framework answers a 404 or, for a
    position of the wrong type, a 500.
    """

    request: Request
    base_url: str
    ordering: str | tuple[str, ...] = "-id"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    cursor_query_description = (
        "Where the page starts: copy it from a page's `next` or `previous` link; empty or left out, "
        "the first page. Any other value answers 400 naming `cursor`; drop it to start from the first page."
    )

    def _signer(self) -> signing.Signer:
        # Bound to the list (its path, so one contact's touches are not another's) and its order.
        ordering = (self.ordering,) if isinstance(self.ordering, str) else self.ordering
        return signing.Signer(salt=f"api.cursor:{self.request.path}:{','.join(ordering)}")

    def encode_cursor(self, cursor: Cursor) -> str:
        tokens: dict[str, int | str] = {}
        if cursor.offset:
            tokens["o"] = cursor.offset
        if cursor.reverse:
            tokens["r"] = 1
        if cursor.position is not None:
            tokens["p"] = cursor.position
        return replace_query_param(self.base_url, self.cursor_query_param, self._signer().sign_object(tokens))

    def decode_cursor(self, request: Request) -> Cursor | None:
        encoded = request.query_params.get(self.cursor_query_param)
        if not encoded:
            # Absent or empty (``?cursor=``, a template that fills in a blank): the first page.
            return None
        try:
            tokens = self._signer().unsign_object(encoded)
        except signing.BadSignature:
            raise ValidationError({self.cursor_query_param: [NOT_OURS]}) from None
        return Cursor(offset=int(tokens.get("o", 0)), reverse=bool(tokens.get("r")), position=tokens.get("p"))


class OldestFirstCursorPagination(IdCursorPagination):
    ordering = "id"


class DueFirstCursorPagination(IdCursorPagination):
    # due_on is not unique; the cursor adds an offset within a day's ties.
    ordering = ("due_on", "id")
