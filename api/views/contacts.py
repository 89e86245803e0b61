"""Contacts, their touches, and the give-and-get ledger."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, mixins, viewsets

from contacts.filters import ContactFilter
from contacts.models import Contact, Interaction, LedgerEntry
from netweave.ownership import get_owned_or_404

from ..filters import OwnerFilterBackend
from ..pagination import OldestFirstCursorPagination
from ..serializers.contacts import ContactSerializer, LedgerEntrySerializer, TouchSerializer


@extend_schema_view(
    list=extend_schema(summary="List contacts; search with ?q= and narrow with the contact list's filters"),
)
class ContactViewSet(viewsets.ModelViewSet):
    serializer_class = ContactSerializer
    filter_backends = [OwnerFilterBackend]
    filterset_class = ContactFilter
    pagination_class = OldestFirstCursorPagination

    def get_queryset(self) -> QuerySet[Contact]:
        return Contact.objects.for_owner(self.request.user).prefetch_related("tags")


class TouchListCreate(generics.ListCreateAPIView):
    """A contact's logged touches, latest first; a new one restarts their keep-in-touch clock."""

    serializer_class = TouchSerializer

    def contact(self) -> Contact:
        if not hasattr(self, "_contact"):
            self._contact = get_owned_or_404(Contact, self.request.user, pk=self.kwargs["contact_pk"])
        return self._contact

    def get_queryset(self) -> QuerySet[Interaction]:
        if getattr(self, "swagger_fake_view", False):
            return Interaction.objects.none()
        return Interaction.objects.for_owner(self.request.user).filter(contact=self.contact())

    def get_serializer_context(self) -> dict[str, Any]:
        context = dict(super().get_serializer_context())
        if not getattr(self, "swagger_fake_view", False) and self.request.method == "POST":
            context["contact"] = self.contact()
        return context


@extend_schema_view(
    list=extend_schema(parameters=[OpenApiParameter("contact", int, description="Only this contact's lines")]),
)
class LedgerEntryViewSet(
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """The give-and-get ledger: what you gave each contact and what you received."""

    serializer_class = LedgerEntrySerializer

    def get_queryset(self) -> QuerySet[LedgerEntry]:
        entries = LedgerEntry.objects.for_owner(self.request.user)
        contact = self.request.query_params.get("contact")
        if self.action == "list" and contact:
            entries = entries.filter(contact_id=contact) if contact.isdigit() else entries.none()
        return entries
