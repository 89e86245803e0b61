from __future__ import annotations

from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("", views.MeetingListView.as_view(), name="list"),
    path("<int:pk>/", views.MeetingDetailView.as_view(), name="detail"),
    path("<int:pk>/prep/", views.MeetingDetailView.as_view(), name="prep"),  # stub until the prep sheet lands
    path("searches/<int:pk>/", views.SearchDetailView.as_view(), name="search_detail"),
]
