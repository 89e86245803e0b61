"""A held meeting now logs a touch (an Interaction), the keep-in-touch clock's one source.

Give every meeting held before that change its touch, so removing a later touch
still falls back to it. Contacts' clocks do not move: they already counted these
meetings. The reverse keeps the touches (they are real history).
"""

from __future__ import annotations

from django.db import migrations

# Frozen copy of meetings.models.TOUCH_CHANNELS: migrations never import live code.
TOUCH_CHANNELS = {"phone": "call", "video": "video", "event": "event"}
KIND_LABELS = {
    "coffee": "Coffee",
    "phone": "Phone",
    "video": "Video call",
    "meal": "Lunch or dinner",
    "event": "Event",
    "office": "Office visit",
}
BATCH = 1000


def log_held_meetings(apps, schema_editor) -> None:
    Meeting = apps.get_model("meetings", "Meeting")
    Interaction = apps.get_model("contacts", "Interaction")
    held = Meeting.objects.filter(held_at__isnull=False).order_by("pk")
    batch = []
    for meeting in held.only("owner_id", "contact_id", "kind", "starts_at", "held_at").iterator(chunk_size=BATCH):
        when = meeting.starts_at or meeting.held_at
        # Safe to run again: a touch already at that moment is this meeting's.
        if Interaction.objects.filter(contact_id=meeting.contact_id, occurred_at=when).exists():
            continue
        batch.append(
            Interaction(
                owner_id=meeting.owner_id,
                contact_id=meeting.contact_id,
                occurred_at=when,
                channel=TOUCH_CHANNELS.get(meeting.kind, "in_person"),
                note=f"Meeting held: {KIND_LABELS.get(meeting.kind, meeting.kind)}",
            )
        )
        if len(batch) >= BATCH:
            Interaction.objects.bulk_create(batch)
            batch = []
    Interaction.objects.bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0004_list_and_dashboard_indexes"),
        ("contacts", "0006_dashboard_covering_indexes"),
    ]

    operations = [migrations.RunPython(log_held_meetings, migrations.RunPython.noop)]
