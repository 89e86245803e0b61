from __future__ import annotations

from django.urls import path

from . import views

app_name = "backup"

urlpatterns = [
    path("", views.start, name="start"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/download/", views.download, name="download"),
]
