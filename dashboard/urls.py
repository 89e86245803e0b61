from __future__ import annotations

from django.urls import URLPattern, URLResolver, include, path

from . import views
from .views import contact_actions
from .views.contact import ContactDetailView
from .views.preferences import PreferencesPage

# The dashboard keeps its short, un-namespaced name (base.html links to "dashboard");
# the insight pages are namespaced: "dashboard:introductions" and so on.
insight_patterns = (
    [
        path("introductions/", views.who_can_introduce, name="introductions"),
        path("network/", views.introduction_network, name="network"),
        path("network/<int:pk>/", views.introduction_network, name="network_from"),
        path("search/", views.search, name="search"),
    ],
    "dashboard",
)

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("", include(insight_patterns)),
]

# A contact's page and its quick actions that close loops join the "contacts" namespace
# in netweave/urls.py, so they keep their addresses (/contacts/<pk>/) and names
# (contacts:detail, contacts:log_touch, contacts:add_exchange, contacts:add_link).
contact_page_patterns: list[URLPattern | URLResolver] = [
    path("<int:pk>/", ContactDetailView.as_view(), name="detail"),
    path("<int:pk>/touch/", contact_actions.log_touch, name="log_touch"),
    path("<int:pk>/exchange/", contact_actions.add_exchange, name="add_exchange"),
    path("<int:pk>/links/", contact_actions.add_link, name="add_link"),
]

# The preferences page joins the "accounts" namespace the same way (accounts:preferences).
preferences_patterns: list[URLPattern | URLResolver] = [
    path("preferences/", PreferencesPage.as_view(), name="preferences"),
]
