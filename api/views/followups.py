"""Follow-ups: what is due, and the done / snooze / skip buttons."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from api.typing import AuthenticatedRequest
from followups import services
from followups.models import FollowUp, FollowUpState

from ..pagination import DueFirstCursorPagination
from ..serializers.followups import FollowUpSerializer, SnoozeSerializer
from .responses import REFUSAL, refused

DUE_CHOICES = ("today", "overdue", "week")


@extend_schema_view(
    list=extend_schema(
        summary="List follow-ups, soonest due first",
        parameters=[
            OpenApiParameter(
                "due",
                str,
                enum=DUE_CHOICES,
                description="In your time zone: due today, overdue, or due within the next seven days "
                "(today included). Snoozed ones are left out until they wake.",
            ),
            OpenApiParameter("state", str, enum=FollowUpState.values),
        ],
    )
)
class FollowUpViewSet(viewsets.ReadOnlyModelViewSet):
    request: AuthenticatedRequest
    serializer_class = FollowUpSerializer
    pagination_class = DueFirstCursorPagination

    def get_queryset(self) -> QuerySet[FollowUp]:
        followups = FollowUp.objects.for_owner(self.request.user)
        if self.action != "list" or getattr(self, "swagger_fake_view", False):
            return followups
        due = self.request.query_params.get("due")
        state = self.request.query_params.get("state")
        if due and due not in DUE_CHOICES:
            raise serializers.ValidationError({"due": [f"Choose one of: {', '.join(DUE_CHOICES)}."]})
        if state and state not in FollowUpState.values:
            raise serializers.ValidationError({"state": [f"Choose one of: {', '.join(FollowUpState.values)}."]})
        today = services.local_now(self.request.user).date()
        if due == "today":
            followups = followups.due_today(today)
        elif due == "overdue":
            followups = followups.overdue(today)
        elif due == "week":
            followups = followups.actionable(today).filter(due_on__gte=today, due_on__lt=today + timedelta(days=7))
        if state:
            followups = followups.filter(state=state)
        return followups

    def _answer(self, followup: FollowUp, changed: bool, refusal: str) -> Response:
        if not changed:
            return refused(refusal, code="not_open")
        followup.refresh_from_db()
        return Response(self.get_serializer(followup).data)

    @extend_schema(summary="Close the loop", request=None, responses={200: FollowUpSerializer, 409: REFUSAL})
    @action(detail=True, methods=["post"])
    def done(self, request: Request, pk: int | None = None) -> Response:
        followup = self.get_object()
        return self._answer(followup, services.mark_done(followup, now=timezone.now()), "It was already closed.")

    @extend_schema(summary="Skip it", request=None, responses={200: FollowUpSerializer, 409: REFUSAL})
    @action(detail=True, methods=["post"])
    def skip(self, request: Request, pk: int | None = None) -> Response:
        followup = self.get_object()
        return self._answer(followup, services.skip(followup), "It was already closed.")

    @extend_schema(
        summary="Hide it for a few days", request=SnoozeSerializer, responses={200: FollowUpSerializer, 409: REFUSAL}
    )
    @action(detail=True, methods=["post"])
    def snooze(self, request: Request, pk: int | None = None) -> Response:
        followup = self.get_object()
        form = SnoozeSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        until = services.local_now(self.request.user).date() + timedelta(days=int(form.validated_data["days"]))
        return self._answer(followup, services.snooze(followup, until=until), "It is closed; nothing to snooze.")
