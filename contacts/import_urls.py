from __future__ import annotations

from django.urls import path

from .views import imports

urlpatterns = [
    path("", imports.ImportView.as_view(), name="import"),
]
