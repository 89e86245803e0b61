from __future__ import annotations

from django.urls import path

from . import views

app_name = "imports"

# Mounted at /contacts/import/ by netweave/urls.py: the reader sees the import as part of the network.
urlpatterns = [
    path("", views.ImportView.as_view(), name="upload"),
    path("uploads/<int:pk>/columns/", views.ColumnsView.as_view(), name="columns"),
    path("uploads/<int:pk>/progress/", views.ProgressView.as_view(), name="progress"),
    path("uploads/<int:pk>/status/", views.import_status, name="status"),
    path("uploads/<int:pk>/preview/", views.PreviewView.as_view(), name="preview"),
    path("uploads/<int:pk>/cancel/", views.cancel_upload, name="cancel"),
    path("history/", views.HistoryView.as_view(), name="history"),
    path("history/<int:pk>/", views.RunDetailView.as_view(), name="run"),
    path("history/<int:pk>/undo/", views.undo_run, name="undo"),
]
