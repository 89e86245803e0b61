"""Creating, checking and revoking personal access tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from accounts.models import User

from .models import ApiToken

TOKEN_PREFIX = "nw_"  # noqa: S105 (a marker that makes leaked tokens easy to grep for, not a secret)
VISIBLE_CHARACTERS = 8


def hash_token(token: str) -> str:
    # The secret has 256 bits of entropy, so a plain sha256 is enough (no slow KDF needed):
    # nobody can guess their way to a preimage.
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(owner: User, *, name: str, read_only: bool = False) -> tuple[ApiToken, str]:
    """A new token for ``owner``; returns the row and the token itself, which is never stored."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken.objects.create(
        owner=owner,
        name=name.strip() or "API token",
        prefix=token[: len(TOKEN_PREFIX) + VISIBLE_CHARACTERS],
        key_hash=hash_token(token),
        read_only=read_only,
    )
    return row, token


def find_token(token: str) -> ApiToken | None:
    """The live token matching ``token``, with its owner, or None."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    return ApiToken.objects.select_related("owner").filter(key_hash=hash_token(token), owner__is_active=True).first()


def note_use(token: ApiToken, *, now: datetime) -> None:
    """Record that ``token`` was used, at most once a minute (a conditional UPDATE)."""
    if token.needs_last_used_update(now):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


def revoke_token(token: ApiToken) -> None:
    """The token stops working at once: the row (and its hash) is gone."""
    token.delete()
