from __future__ import annotations

from django.urls import path

from .views import imports

# Included by contacts/urls.py under "import/", so every name is in the "contacts" namespace.
urlpatterns = [
    path("", imports.ImportView.as_view(), name="import"),
    path("uploads/<int:pk>/columns/", imports.ColumnsView.as_view(), name="import_columns"),
    path("uploads/<int:pk>/progress/", imports.ProgressView.as_view(), name="import_progress"),
    path("uploads/<int:pk>/status/", imports.import_status, name="import_status"),
    path("uploads/<int:pk>/preview/", imports.PreviewView.as_view(), name="import_preview"),
    path("uploads/<int:pk>/cancel/", imports.cancel_upload, name="import_cancel"),
    path("history/", imports.HistoryView.as_view(), name="import_history"),
    path("history/<int:pk>/", imports.RunDetailView.as_view(), name="import_run"),
    path("history/<int:pk>/undo/", imports.undo_run, name="import_undo"),
]
