"""Tags: each user's own labels for their network, with an optional colour."""

from __future__ import annotations

from django.contrib.messages.views import SuccessMessageMixin
from django.db.models import Count, QuerySet
from django.db.models.functions import Lower
from django.urls import reverse_lazy
from django.views.generic import CreateView, DeleteView, ListView, UpdateView

from contacts.forms import TagForm
from contacts.models import Tag
from netweave.ownership import OwnerFormKwargsMixin, OwnerRequiredMixin


class TagListView(OwnerRequiredMixin, ListView):
    model = Tag
    template_name = "contacts/tag_list.html"

    def get_queryset(self) -> QuerySet:
        # Alphabetical as people read it: "acme" sits next to "Alumni", not after "Zurich".
        return super().get_queryset().annotate(contact_count=Count("contacts")).order_by(Lower("name"), "id")


class TagCreateView(OwnerFormKwargsMixin, SuccessMessageMixin, CreateView):
    model = Tag
    form_class = TagForm
    template_name = "contacts/tag_form.html"
    success_url = reverse_lazy("contacts:tags")
    success_message = "Tag “%(name)s” created."


class TagUpdateView(OwnerRequiredMixin, OwnerFormKwargsMixin, SuccessMessageMixin, UpdateView):
    model = Tag
    form_class = TagForm
    template_name = "contacts/tag_form.html"
    success_url = reverse_lazy("contacts:tags")
    success_message = "Tag “%(name)s” saved."


class TagDeleteView(OwnerRequiredMixin, SuccessMessageMixin, DeleteView):
    model = Tag
    template_name = "contacts/tag_confirm_delete.html"
    success_url = reverse_lazy("contacts:tags")

    def get_queryset(self) -> QuerySet:
        return super().get_queryset().annotate(contact_count=Count("contacts"))

    def get_success_message(self, cleaned_data: dict) -> str:
        return f"Tag “{self.object.name}” deleted; the people keep everything else."
