"""Follow-ups acting on what the contacts app announces (``contacts.signals``), connected in ``apps.ready()``."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from contacts.models import Contact
from contacts.signals import contacts_merged

from . import services


@receiver(contacts_merged)
def one_loop_each_after_a_merge(sender: type[Contact], *, survivor: Contact, **kwargs: Any) -> None:
    services.settle_doubles_after_merge(survivor)
