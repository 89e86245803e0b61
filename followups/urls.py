from __future__ import annotations

from django.urls import path

from . import views

app_name = "followups"

urlpatterns = [
    path("", views.FollowUpListView.as_view(), name="list"),
    # One-button actions (POST). Stubs until the follow-ups work lands.
    path("<int:pk>/done/", views.not_built_yet, name="done"),
    path("<int:pk>/skip/", views.not_built_yet, name="skip"),
    path("<int:pk>/snooze/", views.not_built_yet, name="snooze"),
    path("searches/<int:search_pk>/outcome-reports/", views.not_built_yet, name="review_outcome_reports"),
]
