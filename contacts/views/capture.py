"""Capture someone from a LinkedIn profile (or any page) with the bookmarklet on the Import page.

The bookmarklet runs on the other site and only navigates here with what that page
shows (``url``, ``name``, ``title``); everything else happens on netweave's own pages.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from contacts import services
from contacts.forms import CaptureTouchForm, ContactForm
from contacts.linkedin import linkedin_key, linkedin_url, same_profile
from contacts.models import Contact
from netweave.typing import AuthenticatedHttpRequest

TEMPLATE = "contacts/capture.html"
FIELD_LIMIT = 200


def initial_from_page(params) -> dict[str, str]:
    """The contact form's starting values from the page: "Head of PMO at Globex" is a title and a company."""
    name = " ".join(params.get("name", "").split())[:FIELD_LIMIT]
    headline = " ".join(params.get("title", "").split())[:FIELD_LIMIT]
    url = params.get("url", "").strip()[:300]
    given, family = services.split_name(name)
    title, _, company = headline.partition(" at ")
    initial = {"given_name": given, "family_name": family, "title": title, "company": company}
    if linkedin_key(url):
        initial["linkedin_url"] = linkedin_url(url)
    elif url.startswith(("https://", "http://")):
        initial["website"] = url
    return {key: value for key, value in initial.items() if value}


def capture(request: AuthenticatedHttpRequest) -> HttpResponse:
    owner = request.user
    # On a POST the typed URL counts: a double submit opens the person saved the first time.
    url = request.POST.get("linkedin_url", "") if request.method == "POST" else request.GET.get("url", "")
    existing = same_profile(Contact.objects.for_owner(owner), url).first()
    if existing is not None:
        messages.info(request, f"{existing.full_name} is already in your network.")
        return redirect(existing)
    if request.method != "POST":
        form = ContactForm(owner=owner, initial=initial_from_page(request.GET))
        return _page(request, form, CaptureTouchForm(prefix="touch"), source_url=request.GET.get("url", ""))
    form = ContactForm(request.POST, owner=owner)
    touch = CaptureTouchForm(request.POST, prefix="touch")
    if not (form.is_valid() and touch.is_valid()):
        messages.error(request, "Nothing was saved: please fix the form below.")
        return _page(request, form, touch, source_url=request.POST.get("url", ""), status=400)
    contact = form.save(commit=False)
    contact.introduced_by = form.cleaned_data["introduced_by"]
    services.capture_contact(
        contact,
        tags=form.cleaned_data["tags"],
        new_introducer_name=form.cleaned_data["new_introducer"],
        touch_channel=touch.cleaned_data["channel"],
        touch_note=touch.cleaned_data["note"],
        when=timezone.now(),
    )
    messages.success(request, f"{contact.full_name} is in your network.")
    return redirect(contact)


def _page(
    request: AuthenticatedHttpRequest, form: ContactForm, touch: CaptureTouchForm, *, source_url: str, status: int = 200
) -> HttpResponse:
    form.helper.form_tag = False
    return render(request, TEMPLATE, {"form": form, "touch_form": touch, "source_url": source_url[:300]}, status=status)
