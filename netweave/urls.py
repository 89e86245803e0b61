from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from accounts.urls import auth_urlpatterns
from contacts import urls as contact_urls
from dashboard.urls import contact_page_patterns

admin.site.site_header = "netweave administration"
admin.site.site_title = "netweave admin"

urlpatterns = [
    path("", include("dashboard.urls")),
    path("accounts/", include(auth_urlpatterns)),
    path("accounts/", include("accounts.urls")),
    # One "contacts" namespace: contacts' own pages plus a contact's page, which is
    # composed in dashboard because it shows meetings and follow-ups too.
    path("contacts/", include((contact_page_patterns + contact_urls.urlpatterns, contact_urls.app_name))),
    path("meetings/", include("meetings.urls")),
    path("followups/", include("followups.urls")),
    path("admin/", admin.site.urls),
]
