from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.messages.views import SuccessMessageMixin
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_http_methods
from django.views.generic import UpdateView

from netweave.typing import AuthenticatedHttpRequest

from . import email_change, throttle
from .addresses import client_address
from .forms import EmailChangeForm, PreferencesForm, SignupForm
from .models import User

EMAIL_FLAGS = ("daily_reminder_enabled", "weekly_digest_enabled")


class PreferencesView(SuccessMessageMixin[PreferencesForm], UpdateView[User, PreferencesForm]):
    """The user's own settings. Served as ``dashboard.views.preferences.PreferencesPage``,
    which adds the reminder emails' delivery status from followups (a layer up)."""

    model = User
    form_class = PreferencesForm
    template_name = "accounts/preferences.html"
    success_url = reverse_lazy("accounts:preferences")
    success_message = "Preferences saved."
    request: AuthenticatedHttpRequest

    def get_object(self, queryset: QuerySet[User] | None = None) -> User:
        return self.request.user

    def form_valid(self, form: PreferencesForm) -> HttpResponse:
        # Switching an email back on stales the unsubscribe links of older emails.
        if any(flag in form.changed_data and form.cleaned_data[flag] for flag in EMAIL_FLAGS):
            form.instance.unsubscribe_version += 1
        return super().form_valid(form)


@require_http_methods(["GET", "POST"])
def change_email(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = EmailChangeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        new_email = form.cleaned_data["new_email"]
        email_change.request_email_change(request.user, new_email=new_email)
        messages.success(
            request,
            f"We sent a link to {new_email}. Reminders keep going to {request.user.email} until you open it.",
        )
        return redirect("accounts:preferences")
    return render(request, "accounts/change_email.html", {"form": form})


@login_not_required
@require_http_methods(["GET", "POST"])
def confirm_email(request: HttpRequest, token: str) -> HttpResponse:
    """The link sent to the new address. A GET (a mail scanner) only shows the button."""
    try:
        confirmation = email_change.read_confirmation(token)
    except email_change.BadConfirmation:
        return render(request, "accounts/confirm_email_invalid.html", status=400)
    if request.method == "POST":
        changed = email_change.confirm_email_change(confirmation)
        context = {"email": confirmation.new_email, "changed": changed}
        return render(request, "accounts/confirm_email_done.html", context)
    return render(request, "accounts/confirm_email.html", {"email": confirmation.new_email})


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    """Django's reset view, with a limit per client address and per email address (429 beyond it)."""

    def post(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        limit = settings.NETWEAVE_PASSWORD_RESET_PER_ADDRESS
        if throttle.over_limit("reset-address", client_address(request) or "unknown", limit=limit):
            return self.throttled()
        return super().post(request, *args, **kwargs)

    def form_valid(self, form) -> HttpResponse:
        limit = settings.NETWEAVE_PASSWORD_RESET_PER_EMAIL
        if throttle.over_limit("reset-email", form.cleaned_data["email"], limit=limit):
            return self.throttled()
        return super().form_valid(form)

    def throttled(self) -> HttpResponse:
        return render(self.request, "registration/password_reset_throttled.html", status=429)


@login_not_required
def signup(request: HttpRequest) -> HttpResponse:
    if not settings.NETWEAVE_SIGNUP:
        raise Http404("Sign-up is off on this server; ask the administrator for an account.")
    if request.user.is_authenticated:
        return redirect("dashboard")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Welcome to netweave. Start by adding the people you already know.")
        return redirect("dashboard")
    return render(request, "registration/signup.html", {"form": form})
