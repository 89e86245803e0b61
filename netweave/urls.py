from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from accounts.urls import auth_urlpatterns

admin.site.site_header = "netweave administration"
admin.site.site_title = "netweave admin"

urlpatterns = [
    path("", include("dashboard.urls")),
    path("accounts/", include(auth_urlpatterns)),
    path("accounts/", include("accounts.urls")),
    path("contacts/", include("contacts.urls")),
    path("meetings/", include("meetings.urls")),
    path("followups/", include("followups.urls")),
    path("backup/", include("backup.urls")),
    path("admin/", admin.site.urls),
]
