"""A netweave user and their preferences (reminder schedule, cadences, delays)."""

from __future__ import annotations

import secrets
import zoneinfo

from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

TIME_ZONE_CHOICES = [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


def new_calendar_token() -> str:
    return secrets.token_urlsafe(24)


hour_validators = [MinValueValidator(0), MaxValueValidator(23)]
days_validators = [MinValueValidator(1), MaxValueValidator(3650)]


# What the user chooses on the preferences page; a backup carries exactly these.
PREFERENCE_FIELDS = (
    "display_name",
    "time_zone",
    "weekly_digest_enabled",
    "weekly_digest_weekday",
    "weekly_digest_hour",
    "daily_reminder_enabled",
    "daily_reminder_hour",
    "cadence_acquaintance_days",
    "cadence_in_touch_days",
    "cadence_ally_days",
    "keep_in_touch_per_day",
    "thank_you_delay_days",
    "reply_nudge_after_days",
)


class User(AbstractUser):
    display_name = models.CharField(max_length=150, blank=True, help_text="How your name appears in drafted letters.")
    time_zone = models.CharField(max_length=64, choices=TIME_ZONE_CHOICES, default="UTC")

    # Reminder emails. Weekly digest on by default, Monday 08:00 local time.
    weekly_digest_enabled = models.BooleanField("Send me the weekly digest", default=True)
    weekly_digest_weekday = models.PositiveSmallIntegerField(
        "Digest day", choices=Weekday.choices, default=Weekday.MONDAY
    )
    weekly_digest_hour = models.PositiveSmallIntegerField("Digest hour", default=8, validators=hour_validators)
    daily_reminder_enabled = models.BooleanField("Send me a daily reminder when something is due", default=True)
    daily_reminder_hour = models.PositiveSmallIntegerField("Daily reminder hour", default=8, validators=hour_validators)

    # Keep-in-touch cadence per relationship stage, in days; blank means no cadence.
    cadence_acquaintance_days = models.PositiveIntegerField(
        "Acquaintances: keep in touch every (days)", null=True, blank=True, default=120, validators=days_validators
    )
    cadence_in_touch_days = models.PositiveIntegerField(
        "In touch: keep in touch every (days)", null=True, blank=True, default=60, validators=days_validators
    )
    cadence_ally_days = models.PositiveIntegerField(
        "Allies: keep in touch every (days)", null=True, blank=True, default=30, validators=days_validators
    )
    keep_in_touch_per_day = models.PositiveSmallIntegerField(
        "New keep-in-touch follow-ups a day",
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text="1 to 20. Allies come first, then the most overdue; the rest wait for the next days.",
    )

    # Follow-up delays.
    thank_you_delay_days = models.PositiveSmallIntegerField(
        "Thank-you note due after a meeting (days)", default=1, validators=[MaxValueValidator(14)]
    )
    reply_nudge_after_days = models.PositiveSmallIntegerField(
        "Nudge a request with no answer after (days)",
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )

    calendar_token = models.CharField(max_length=64, unique=True, default=new_calendar_token, editable=False)

    # Unsubscribe links carry this; switching an email back on bumps it, so a link
    # from an older email cannot switch it off again.
    unsubscribe_version = models.PositiveIntegerField(default=1, editable=False)
    # A new address waits here until a link sent to it is opened; reminders keep
    # going to ``email`` until then.
    pending_email = models.EmailField(blank=True, editable=False)

    @property
    def name_for_letters(self) -> str:
        return self.display_name or self.get_full_name() or self.username

    def cadence_for_stage(self, stage: str) -> int | None:
        return {
            "acquaintance": self.cadence_acquaintance_days,
            "in_touch": self.cadence_in_touch_days,
            "ally": self.cadence_ally_days,
        }.get(stage)
