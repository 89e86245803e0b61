from __future__ import annotations

from django.views.generic import DetailView, ListView

from netweave.ownership import OwnerRequiredMixin

from .models import Meeting, Search


class MeetingListView(OwnerRequiredMixin, ListView):
    model = Meeting
    paginate_by = 50
    template_name = "meetings/meeting_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("contact")


class MeetingDetailView(OwnerRequiredMixin, DetailView):
    model = Meeting
    template_name = "meetings/meeting_detail.html"


class SearchDetailView(OwnerRequiredMixin, DetailView):
    model = Search
    template_name = "meetings/search_detail.html"
