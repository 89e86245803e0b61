"""The Celery app and the beat schedule: one beat process triggers batch jobs."""

from __future__ import annotations

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netweave.settings")

app = Celery("netweave")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Beat only triggers jobs that look for what is due now; nothing is scheduled days
# ahead with an ETA (Redis redelivers long-ETA tasks). The email jobs run every 15
# minutes, not hourly: a user's reminder hour is local, and in zones offset by :30
# or :45 from UTC (India, Nepal) that hour starts mid-way through a UTC hour. Running
# often costs nothing extra in email: the jobs are idempotent per (user, kind, period).
# Follow-up rules only need to run once an hour.
app.conf.beat_schedule = {
    "send-daily-reminders": {
        "task": "followups.tasks.send_daily_reminders",
        "schedule": crontab(minute="*/15"),
    },
    "send-weekly-digests": {
        "task": "followups.tasks.send_weekly_digests",
        "schedule": crontab(minute="*/15"),
    },
    "create-due-followups": {
        "task": "followups.tasks.create_due_followups",
        "schedule": crontab(minute=5),
    },
    # Uploaded files wait in Postgres between preview and confirm; drop those nobody confirmed.
    "drop-abandoned-import-uploads": {
        "task": "imports.tasks.drop_abandoned_uploads",
        "schedule": crontab(hour=3, minute=30),
    },
    # "Download everything" zip files are kept a day (NETWEAVE_BACKUP_KEEP_HOURS).
    "drop-expired-backups": {
        "task": "backup.drop_expired_backups",
        "schedule": crontab(hour=3, minute=40),
    },
}


@app.task(name="netweave.ping", ignore_result=False)
def ping() -> str:
    """Health check: proves a worker is consuming from the broker."""
    return "pong"
