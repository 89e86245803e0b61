from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django_filters.rest_framework import DjangoFilterBackend

if TYPE_CHECKING:
    from rest_framework.request import Request
    from rest_framework.views import APIView


class OwnerFilterBackend(DjangoFilterBackend):
    """django-filter's backend for FilterSets that narrow their choices to an ``owner`` (contacts/filters.py)."""

    def get_filterset_kwargs(self, request: Request, queryset: QuerySet, view: APIView) -> dict[str, Any]:
        return {**super().get_filterset_kwargs(request, queryset, view), "owner": request.user}
