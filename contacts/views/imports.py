"""Importing a whole network into the app (the user's own Import page)."""

from __future__ import annotations

from django.views.generic import TemplateView


class ImportView(TemplateView):
    template_name = "contacts/import.html"
