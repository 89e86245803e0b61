from __future__ import annotations

from django.urls import path

from . import email_views, views

app_name = "followups"

urlpatterns = [
    path("", views.FollowUpListView.as_view(), name="list"),
    path("<int:pk>/", views.FollowUpDetailView.as_view(), name="detail"),
    path("<int:pk>/done/", views.done, name="done"),
    path("<int:pk>/skip/", views.skip, name="skip"),
    path("<int:pk>/snooze/", views.snooze, name="snooze"),
    path("<int:pk>/reopen/", views.reopen, name="reopen"),
    path("searches/<int:search_pk>/outcome-reports/", views.review_outcome_reports, name="review_outcome_reports"),
    path("drafts/", views.DraftTemplateListView.as_view(), name="draft_templates"),
    path("drafts/<slug:kind>/", views.edit_draft_template, name="edit_draft_template"),
    # Links in reminder emails: no login, the signed token is the permission.
    path("email/unsubscribe/<str:token>/", email_views.unsubscribe, name="unsubscribe"),
    path("email/act/<str:token>/", email_views.email_action, name="email_action"),
]
