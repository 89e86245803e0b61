"""Searches and informational interviews over the API."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from contacts.models import Contact
from meetings.models import Meeting, Search

from .owned import OwnedPrimaryKeyRelatedField


class MeetingSerializer(serializers.ModelSerializer):
    """A meeting. Its ``state`` only moves through the lifecycle actions, never by editing."""

    contact = OwnedPrimaryKeyRelatedField(queryset=Contact.objects.all())
    search = OwnedPrimaryKeyRelatedField(queryset=Search.objects.all(), allow_null=True, required=False)
    duration_minutes = serializers.IntegerField(min_value=5, max_value=240, required=False)
    allowed_actions = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = [
            "id",
            "contact",
            "search",
            "state",
            "kind",
            "purpose",
            "place",
            "starts_at",
            "duration_minutes",
            "requested_at",
            "scheduled_at",
            "held_at",
            "closed_at",
            "notes",
            "learned",
            "allowed_actions",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "state",
            "requested_at",
            "scheduled_at",
            "held_at",
            "closed_at",
            "created_at",
            "updated_at",
        ]

    def get_allowed_actions(self, meeting: Meeting) -> list[str]:
        from meetings.services import allowed_transitions

        return [transition.name for transition in allowed_transitions(meeting)]

    def validate_contact(self, contact: Contact) -> Contact:
        # The person met does not change once planned; plan a new meeting instead.
        if self.instance is not None and contact.pk != self.instance.contact_id:
            raise serializers.ValidationError("The person met does not change; plan a new meeting instead.")
        return contact

    def validate_search(self, search: Search | None) -> Search | None:
        unchanged = self.instance is not None and search is not None and search.pk == self.instance.search_id
        if search is not None and not search.is_open and not unchanged:
            raise serializers.ValidationError("That search is closed; pick an open one.")
        return search

    def create(self, validated_data: dict[str, Any]) -> Meeting:
        return Meeting.objects.create(owner=self.context["request"].user, **validated_data)


class ScheduleSerializer(serializers.Serializer):
    starts_at = serializers.DateTimeField()


class SearchSerializer(serializers.ModelSerializer):
    contacts: serializers.PrimaryKeyRelatedField[Contact] = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True
    )

    class Meta:
        model = Search
        fields = ["id", "title", "looking_for", "started_on", "ended_on", "outcome", "contacts", "created_at"]
        read_only_fields = ["ended_on", "outcome", "created_at"]

    def create(self, validated_data: dict[str, Any]) -> Search:
        return Search.objects.create(owner=self.context["request"].user, **validated_data)


class CloseSearchSerializer(serializers.Serializer):
    outcome = serializers.CharField()
    ended_on = serializers.DateField()
