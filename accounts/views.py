from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.contrib.messages.views import SuccessMessageMixin
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.generic import UpdateView

from .forms import PreferencesForm, SignupForm
from .models import User


class PreferencesView(SuccessMessageMixin, UpdateView):
    """The user's own settings. Served as ``dashboard.views.preferences.PreferencesPage``,
    which adds the reminder emails' delivery status from followups (a layer up)."""

    model = User
    form_class = PreferencesForm
    template_name = "accounts/preferences.html"
    success_url = reverse_lazy("accounts:preferences")
    success_message = "Preferences saved."

    def get_object(self, queryset=None) -> User:
        return self.request.user


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
