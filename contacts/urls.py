from __future__ import annotations

from django.urls import include, path

from .views import network

app_name = "contacts"

urlpatterns = [
    path("", network.ContactListView.as_view(), name="list"),
    path("<int:pk>/", network.ContactDetailView.as_view(), name="detail"),
    # The import pages keep their own URL module (names stay in the "contacts" namespace).
    path("import/", include("contacts.import_urls")),
]
