"""Signed links in reminder emails: act without logging in, and only on what they name.

Tokens are signed with the project's SECRET_KEY (django.core.signing) under a salt
per purpose, so a token for one purpose is useless for another, and a changed
character makes the signature fail. Each token also carries a version: the
follow-up's (bumped by every change to it) or the user's unsubscribe version
(bumped when they switch an email back on), so a link from an older email does
not undo what the user did since.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.core import signing

from accounts.models import User
from netweave.emails import absolute_reverse

from .models import FollowUp, ReminderKind

UNSUBSCRIBE_SALT = "followups.unsubscribe"
ACTION_SALT = "followups.email-action"
# Item links stay valid long enough for a digest read late; unsubscribe links never expire.
ACTION_MAX_AGE = timedelta(days=45)


class BadLink(Exception):
    """The token was tampered with, expired, or names something that is not there."""


@dataclass(frozen=True)
class Unsubscribe:
    user_id: int
    kind: str
    version: int | None = None  # None: a link from before links were versioned


@dataclass(frozen=True)
class EmailAction:
    followup_id: int
    action: str  # "done" or "snooze"
    until: date | None = None
    version: int | None = None


def unsubscribe_token(user: User, kind: str) -> str:
    return signing.dumps({"u": user.pk, "k": kind, "v": user.unsubscribe_version}, salt=UNSUBSCRIBE_SALT)


def unsubscribe_url(user: User, kind: str) -> str:
    return absolute_reverse("followups:unsubscribe", unsubscribe_token(user, kind))


def read_unsubscribe(token: str) -> Unsubscribe:
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        version = data.get("v")
        unsubscribe = Unsubscribe(
            user_id=int(data["u"]), kind=str(data["k"]), version=None if version is None else int(version)
        )
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise BadLink from error
    if unsubscribe.kind not in ReminderKind.values:
        raise BadLink
    return unsubscribe


def action_url(followup: FollowUp, action: str, *, until: date | None = None) -> str:
    data: dict[str, object] = {"f": followup.pk, "a": action, "v": followup.version}
    if until is not None:
        data["s"] = until.isoformat()
    return absolute_reverse("followups:email_action", signing.dumps(data, salt=ACTION_SALT))


def read_action(token: str) -> EmailAction:
    try:
        data = signing.loads(token, salt=ACTION_SALT, max_age=ACTION_MAX_AGE)
        action = EmailAction(
            followup_id=int(data["f"]),
            action=str(data["a"]),
            until=date.fromisoformat(data["s"]) if data.get("s") else None,
            version=None if data.get("v") is None else int(data["v"]),
        )
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise BadLink from error
    if action.action not in ("done", "snooze") or (action.action == "snooze" and action.until is None):
        raise BadLink
    return action
