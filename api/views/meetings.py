"""Informational interviews, their lifecycle steps, and the searches they serve."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from contacts.models import Contact
from meetings import services
from meetings.models import Meeting, MeetingState, Search

from ..serializers.meetings import CloseSearchSerializer, MeetingSerializer, ScheduleSerializer, SearchSerializer
from .responses import REFUSAL, refused


def _step(name: str, summary: str):
    """An action moving a meeting one step through its lifecycle, through meetings/services.py."""

    def step(self, request: Request, pk: int | None = None) -> Response:
        return self.move(services.STEP_SERVICES[name], name)

    # DRF routes an action by its function's name, so it must be set before decorating.
    step.__name__ = name
    step = action(detail=True, methods=["post"], url_path=name.replace("_", "-"), url_name=name.replace("_", "-"))(step)
    step = extend_schema(summary=summary, request=None, responses={200: MeetingSerializer, 409: REFUSAL})(step)
    return step


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("state", str, enum=MeetingState.values),
            OpenApiParameter("contact", int),
            OpenApiParameter("search", int),
        ]
    ),
)
class MeetingViewSet(viewsets.ModelViewSet):
    """Meetings. ``state`` changes only through the actions; each answers 409 when the step does not fit."""

    serializer_class = MeetingSerializer

    def get_queryset(self) -> QuerySet[Meeting]:
        meetings = Meeting.objects.for_owner(self.request.user)
        if self.action != "list":
            return meetings.select_related("contact")
        params = self.request.query_params
        if params.get("state"):
            if params["state"] not in MeetingState.values:
                raise serializers.ValidationError({"state": [f"Choose one of: {', '.join(MeetingState.values)}."]})
            meetings = meetings.filter(state=params["state"])
        for name in ("contact", "search"):
            value = params.get(name)
            if value:
                if not value.isdigit():
                    raise serializers.ValidationError({name: ["Give an id."]})
                meetings = meetings.filter(**{f"{name}_id": int(value)})
        return meetings

    def move(self, service, name: str, **arguments) -> Response:
        meeting = self.get_object()
        try:
            service(meeting, when=timezone.now(), **arguments)
        except services.TransitionRefused as refusal:
            return refused(str(refusal), code="transition_refused")
        return Response(self.get_serializer(meeting).data)

    mark_sent = _step("mark_sent", "The outreach letter went out")
    hold = _step("hold", "It happened: restart the keep-in-touch clock and create the thank-yous")
    decline = _step("decline", "They declined")
    no_reply = _step("no_reply", "No reply")
    cancel = _step("cancel", "Cancel the meeting")

    @extend_schema(
        summary="They said yes: schedule it (thanks the referrer)",
        request=ScheduleSerializer,
        responses={200: MeetingSerializer, 409: REFUSAL},
    )
    @action(detail=True, methods=["post"])
    def schedule(self, request: Request, pk: int | None = None) -> Response:
        form = ScheduleSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        return self.move(services.schedule_meeting, "schedule", starts_at=form.validated_data["starts_at"])


class SearchViewSet(
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Searches: what the meetings are for. Closing one proposes outcome reports to everyone who helped."""

    serializer_class = SearchSerializer

    def get_queryset(self) -> QuerySet[Search]:
        return Search.objects.for_owner(self.request.user).prefetch_related(
            Prefetch("contacts", queryset=Contact.objects.only("id"))
        )

    @extend_schema(
        summary="End the search with its outcome",
        request=CloseSearchSerializer,
        responses={200: SearchSerializer, 409: REFUSAL},
    )
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: int | None = None) -> Response:
        search = self.get_object()
        form = CloseSearchSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        if not search.is_open:
            return refused("This search is already closed.", code="already_closed")
        services.close_search(search, **form.validated_data)
        return Response(self.get_serializer(search).data)
