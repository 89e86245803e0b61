from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.views.generic import ListView

from netweave.ownership import OwnerRequiredMixin

from .models import FollowUp


class FollowUpListView(OwnerRequiredMixin, ListView):
    model = FollowUp
    paginate_by = 50
    template_name = "followups/followup_list.html"

    def get_queryset(self):
        return super().get_queryset().open().select_related("contact")


def not_built_yet(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404("Not built yet.")
