from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from .views import actions, capture, export, network, network_pages, tags

app_name = "contacts"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", network.ContactListView.as_view(), name="list"),
    path("new/", network.ContactCreateView.as_view(), name="create"),
    path("capture/", capture.capture, name="capture"),
    # "<int:pk>/" (name "detail"), a contact's page, is routed from dashboard: see netweave/urls.py.
    path("<int:pk>/edit/", network.ContactUpdateView.as_view(), name="update"),
    path("<int:pk>/delete/", network.ContactDeleteView.as_view(), name="delete"),
    # Quick actions from a contact's page (POST). Logging a touch, recording an exchange and
    # linking two people are routed from dashboard: they re-show its page on bad input.
    path("touches/<int:pk>/remove/", actions.remove_touch, name="remove_touch"),
    path("exchanges/<int:pk>/remove/", actions.remove_exchange, name="remove_exchange"),
    path("links/<int:pk>/remove/", actions.remove_link, name="remove_link"),
    path("bulk-tag/", actions.bulk_tag, name="bulk_tag"),
    path("lookup/", actions.lookup, name="lookup"),
    # The whole network.
    path("going-cold/", network_pages.GoingColdView.as_view(), name="going_cold"),
    path("owed/", network_pages.OwedView.as_view(), name="owed"),
    path("duplicates/", network_pages.DuplicatesView.as_view(), name="duplicates"),
    path("<int:pk>/merge/<int:other_pk>/", network_pages.merge, name="merge"),
    path("<int:pk>/not-duplicate/<int:other_pk>/", network_pages.not_duplicate, name="not_duplicate"),
    path("duplicates/dismissed/<int:pk>/undo/", network_pages.same_after_all, name="same_after_all"),
    path("export.csv", export.export_csv, name="export_csv"),
    path("export.vcf", export.export_vcard, name="export_vcard"),
    path("tags/", tags.TagListView.as_view(), name="tags"),
    path("tags/new/", tags.TagCreateView.as_view(), name="tag_create"),
    path("tags/<int:pk>/edit/", tags.TagUpdateView.as_view(), name="tag_update"),
    path("tags/<int:pk>/delete/", tags.TagDeleteView.as_view(), name="tag_delete"),
]
