from __future__ import annotations

from django.urls import path

from . import views

app_name = "contacts"

urlpatterns = [
    path("", views.ContactListView.as_view(), name="list"),
    path("<int:pk>/", views.ContactDetailView.as_view(), name="detail"),
    path("import/", views.ImportView.as_view(), name="import"),
]
