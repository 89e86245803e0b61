"""Changing the account's email address: reminders move only once the new address proves it is theirs.

The request needs the current password (forms.EmailChangeForm). The new address
waits on the user as ``pending_email``; a signed, expiring link goes to it, and a
notice goes to the old address so that a stolen session cannot quietly redirect
the reminders. The link names the user and the new address, and only works while
that address is still the pending one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.core import signing
from django.db import transaction
from django.urls import reverse

from netweave.emails import absolute_url, make_message

from .models import User

CONFIRM_SALT = "accounts.email-change"
CONFIRM_MAX_AGE = timedelta(days=2)


class BadConfirmation(Exception):
    """The link was tampered with, expired, superseded or already used."""


@dataclass(frozen=True)
class EmailConfirmation:
    user: User
    new_email: str


def confirmation_token(user: User, new_email: str) -> str:
    return signing.dumps({"u": user.pk, "e": new_email}, salt=CONFIRM_SALT)


def request_email_change(user: User, *, new_email: str) -> None:
    """Remember ``new_email`` as pending, mail it a confirmation link, and tell the old address."""
    User.objects.filter(pk=user.pk).update(pending_email=new_email)
    user.pending_email = new_email
    link = absolute_url(reverse("accounts:confirm_email", args=[confirmation_token(user, new_email)]))
    hours = int(CONFIRM_MAX_AGE.total_seconds() // 3600)
    context = {"user": user, "new_email": new_email, "confirm_url": link, "hours": hours}
    messages = [make_message("email_change_confirm", context, to=[new_email])]
    if user.email:
        messages.append(make_message("email_change_notice", context, to=[user.email]))
    for message in messages:
        message.send()


def read_confirmation(token: str) -> EmailConfirmation:
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
        user_id, new_email = int(data["u"]), str(data["e"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise BadConfirmation from error
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.pending_email or user.pending_email.lower() != new_email.lower():
        raise BadConfirmation
    return EmailConfirmation(user=user, new_email=new_email)


@transaction.atomic
def confirm_email_change(confirmation: EmailConfirmation) -> bool:
    """Make the pending address the account's address. Returns False if it was no longer pending."""
    return bool(
        User.objects.filter(pk=confirmation.user.pk, pending_email=confirmation.new_email).update(
            email=confirmation.new_email, pending_email=""
        )
    )
