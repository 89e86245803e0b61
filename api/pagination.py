from __future__ import annotations

from rest_framework.pagination import CursorPagination


class IdCursorPagination(CursorPagination):
    """Opaque next/previous cursors over a unique order, so pages never skip or repeat rows."""

    ordering: str | tuple[str, ...] = "-id"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class OldestFirstCursorPagination(IdCursorPagination):
    ordering = "id"


class DueFirstCursorPagination(IdCursorPagination):
    # due_on is not unique; the cursor adds an offset within a day's ties.
    ordering = ("due_on", "id")
