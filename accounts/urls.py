from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import LogoutView
from django.urls import URLPattern, URLResolver, include, path

from . import views

app_name = "accounts"

urlpatterns: list[URLPattern | URLResolver] = [
    # "preferences/" (name "preferences") is routed from dashboard: see netweave/urls.py.
    path("signup/", views.signup, name="signup"),
    path("email/", views.change_email, name="change_email"),
    path("email/confirm/<str:token>/", views.confirm_email, name="confirm_email"),
]

# Django's own login, logout, password change and reset views, un-namespaced
# ("login", "password_reset", ...) as the auth templates expect.
auth_urlpatterns: list[URLPattern | URLResolver] = [
    path("password_reset/", views.ThrottledPasswordResetView.as_view(), name="password_reset"),
    # Open to the signed-out too: "Log out" pressed in a tab whose session already ended just
    # lands on the log-in page, as any log out does, instead of asking them to sign in first.
    path("logout/", login_not_required(LogoutView.as_view()), name="logout"),
    path("", include("django.contrib.auth.urls")),
]
