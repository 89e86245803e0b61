from __future__ import annotations

from typing import Any

from rest_framework import serializers

from followups.models import FollowUp
from followups.services import SNOOZE_CHOICES


class FollowUpSerializer(serializers.ModelSerializer):
    class Meta:
        model = FollowUp
        fields = [
            "id",
            "contact",
            "meeting",
            "search",
            "kind",
            "title",
            "due_on",
            "state",
            "snoozed_until",
            "done_at",
            "subject",
            "message",
            "created_at",
        ]
        read_only_fields = fields

    def to_representation(self, instance: FollowUp) -> dict[str, Any]:
        # Every follow-up listed is the requesting user's: drafts nobody edited sign with their name now.
        instance.sign_with(self.context["request"].user.name_for_letters)
        return super().to_representation(instance)


class SnoozeSerializer(serializers.Serializer):
    days = serializers.ChoiceField(choices=SNOOZE_CHOICES, help_text="How many days to hide it for.")
