from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from accounts import urls as account_urls
from accounts.urls import auth_urlpatterns
from contacts import urls as contact_urls
from dashboard.urls import contact_page_patterns, preferences_patterns

admin.site.site_header = "netweave administration"
admin.site.site_title = "netweave admin"

urlpatterns = [
    path("", include("dashboard.urls")),
    path("accounts/", include(auth_urlpatterns)),
    # Pages composed in dashboard join their app's namespace here, keeping their
    # addresses and names: accounts:preferences (it shows followups' delivery status
    # too) and contacts:detail (it shows meetings and follow-ups too).
    path("accounts/", include((preferences_patterns + account_urls.urlpatterns, account_urls.app_name))),
    path("accounts/tokens/", include("api.token_urls")),
    # The import pages sit under /contacts/ for the reader but belong to the imports app.
    path("contacts/import/", include("imports.urls")),
    path("contacts/", include((contact_page_patterns + contact_urls.urlpatterns, contact_urls.app_name))),
    path("meetings/", include("meetings.urls")),
    path("followups/", include("followups.urls")),
    path("api/v1/", include("api.urls")),
    path("backup/", include("backup.urls")),
    path("admin/", admin.site.urls),
]
