from __future__ import annotations

from django.urls import path

from . import views

app_name = "followups"

urlpatterns = [
    path("", views.FollowUpListView.as_view(), name="list"),
]
