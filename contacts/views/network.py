from __future__ import annotations

from django.views.generic import DetailView, ListView

from contacts.models import Contact
from netweave.ownership import OwnerRequiredMixin


class ContactListView(OwnerRequiredMixin, ListView):
    model = Contact
    paginate_by = 50
    template_name = "contacts/contact_list.html"


class ContactDetailView(OwnerRequiredMixin, DetailView):
    model = Contact
    template_name = "contacts/contact_detail.html"
