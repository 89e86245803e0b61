"""The network over the API: contacts, their touches and the give-and-get ledger."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from rest_framework import serializers

from contacts import services
from contacts.models import Contact, Interaction, LedgerEntry, Tag
from contacts.validators import past_exchange, past_meeting_day, past_touch
from followups import services as followup_services

from .owned import OwnedPrimaryKeyRelatedField


class ContactSerializer(serializers.ModelSerializer):
    emails = serializers.ListField(child=serializers.EmailField(), required=False)
    phones = serializers.ListField(child=serializers.CharField(max_length=50), required=False)
    introduced_by = OwnedPrimaryKeyRelatedField(queryset=Contact.objects.all(), allow_null=True, required=False)
    tags = OwnedPrimaryKeyRelatedField(queryset=Tag.objects.all(), many=True, required=False)
    full_name = serializers.CharField(read_only=True)

    class Meta:
        model = Contact
        fields = [
            "id",
            "full_name",
            "given_name",
            "family_name",
            "preferred_name",
            "emails",
            "phones",
            "company",
            "title",
            "location",
            "linkedin_url",
            "website",
            "source",
            "source_detail",
            "met_on",
            "introduced_by",
            "stage",
            "cadence_days",
            "sells_time",
            "tags",
            "notes",
            "how_i_can_help",
            "how_they_can_help",
            "last_contacted_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["last_contacted_at", "created_at", "updated_at"]

    def validate_met_on(self, value: date | None) -> date | None:
        return past_meeting_day(value)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        merged = {
            name: getattr(self.instance, name, None) for name in ("given_name", "family_name", "emails", "company")
        }
        merged.update({name: attrs[name] for name in merged if name in attrs})
        if not any(merged.values()):
            raise serializers.ValidationError(
                {"given_name": "Give at least a name, an email or a company, so you can find them again."}
            )
        introducer = attrs.get("introduced_by")
        if introducer and self.instance is not None:
            chain = [introducer, *Contact.objects.introduction_chain(introducer)]
            if any(person.pk == self.instance.pk for person in chain):
                raise serializers.ValidationError(
                    {"introduced_by": "That would make them their own introducer, through a loop."}
                )
        return attrs

    def create(self, validated_data: dict[str, Any]) -> Contact:
        tags = validated_data.pop("tags", None)
        contact = Contact(owner=self.context["request"].user, **validated_data)
        return services.save_contact(contact, tags=tags)

    def update(self, instance: Contact, validated_data: dict[str, Any]) -> Contact:
        tags = validated_data.pop("tags", None)
        for name, value in validated_data.items():
            setattr(instance, name, value)
        return services.save_contact(instance, tags=tags)


class TouchSerializer(serializers.ModelSerializer):
    """A logged touchpoint; logging one restarts the contact's keep-in-touch clock."""

    class Meta:
        model = Interaction
        fields = ["id", "contact", "occurred_at", "channel", "note", "created_at"]
        read_only_fields = ["contact", "created_at"]

    def validate_occurred_at(self, value: datetime) -> datetime:
        return past_touch(value)

    def create(self, validated_data: dict[str, Any]) -> Interaction:
        # Through followups, like every door that logs a touch: it closes the keep-in-touch loop.
        return followup_services.log_touch(
            self.context["contact"], owner=self.context["request"].user, **validated_data
        )


class LedgerEntrySerializer(serializers.ModelSerializer):
    contact = OwnedPrimaryKeyRelatedField(queryset=Contact.objects.all())

    class Meta:
        model = LedgerEntry
        fields = ["id", "contact", "direction", "kind", "description", "occurred_on", "created_at"]
        read_only_fields = ["created_at"]

    def validate_occurred_on(self, value: date) -> date:
        return past_exchange(value)

    def create(self, validated_data: dict[str, Any]) -> LedgerEntry:
        contact = validated_data.pop("contact")
        return services.record_exchange(contact, **validated_data)
