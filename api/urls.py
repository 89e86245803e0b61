"""/api/v1/: the REST API, its OpenAPI schema and its docs."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from .views.contacts import ContactViewSet, LedgerEntryViewSet, TouchListCreate
from .views.docs import SwaggerDocsView
from .views.followups import FollowUpViewSet
from .views.meetings import MeetingViewSet, SearchViewSet

app_name = "api"

router = SimpleRouter()
router.register("contacts", ContactViewSet, basename="contact")
router.register("ledger", LedgerEntryViewSet, basename="ledger")
router.register("meetings", MeetingViewSet, basename="meeting")
router.register("searches", SearchViewSet, basename="search")
router.register("followups", FollowUpViewSet, basename="followup")

urlpatterns = [
    *router.urls,
    path("contacts/<int:contact_pk>/touches/", TouchListCreate.as_view(), name="contact-touches"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SwaggerDocsView.as_view(url_name="api:schema"), name="docs"),
]
# The site sends anonymous visitors to the log-in page (LoginRequiredMiddleware); a script
# must get 401 instead. DRF's as_view() marks its views login_not_required and authenticates
# them itself (token or session); api/tests/test_tokens.py proves the 401.
