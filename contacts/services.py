"""Writes to the network. Views, admin, commands and tasks all call these."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime
from typing import cast

from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from netweave.cache import bump_owner
from netweave.ownership import assert_same_owner

from .merging import apply_plan, plan_merge
from .models import (
    ADVANCES_TO_IN_TOUCH,
    TWO_WAY_CHANNELS,
    Channel,
    Contact,
    ContactLink,
    Direction,
    Interaction,
    LedgerEntry,
    LedgerKind,
    NotDuplicate,
    Source,
    Stage,
    Tag,
)
from .pointers import contact_pointers
from .signals import contacts_merged


def record_touch(contact: Contact, *, when: datetime) -> None:
    """Restart the keep-in-touch clock: a touch happened at ``when``.

    Only moves ``last_contacted_at`` forward, so logging an old touch never makes a
    contact look colder than they are. A conditional UPDATE, safe under concurrency.
    """
    Contact.objects.filter(pk=contact.pk).filter(
        Q(last_contacted_at__isnull=True) | Q(last_contacted_at__lt=when)
    ).update(last_contacted_at=when)
    if contact.last_contacted_at is None or contact.last_contacted_at < when:
        contact.last_contacted_at = when
    bump_owner(contact.owner_id)


def record_exchange(
    contact: Contact,
    *,
    direction: Direction | str,
    kind: LedgerKind | str,
    description: str = "",
    occurred_on: date,
) -> LedgerEntry:
    """Add one line to the give-and-get ledger with ``contact``."""
    entry = LedgerEntry.objects.create(
        owner_id=contact.owner_id,
        contact=contact,
        direction=direction,
        kind=kind,
        description=description,
        occurred_on=occurred_on,
    )
    bump_owner(contact.owner_id)
    return entry


def recompute_last_contacted(contact: Contact) -> None:
    """Set ``last_contacted_at`` from what is left: the latest logged touch.

    A held meeting logs its touch too (``meetings.services.hold_meeting``), so touches
    are the keep-in-touch clock's one source.
    """
    latest = (
        Interaction.objects.same_owner_as(contact)
        .filter(contact=contact)
        .aggregate(latest=models.Max("occurred_at"))["latest"]
    )
    Contact.objects.filter(pk=contact.pk).update(last_contacted_at=latest)
    contact.last_contacted_at = latest
    bump_owner(contact.owner_id)


@transaction.atomic
def remove_interaction(interaction: Interaction) -> None:
    """Delete a logged touch; the keep-in-touch clock falls back to the one before it."""
    contact = interaction.contact
    interaction.delete()
    recompute_last_contacted(contact)


# No savepoint of its own: inside a caller's transaction (holding a meeting) a failure
# here should undo the caller's work too, and two fewer queries per held meeting.
@transaction.atomic(savepoint=False)
def log_interaction(contact: Contact, *, occurred_at: datetime, channel: Channel | str, note: str = "") -> Interaction:
    """Log a touchpoint (by hand, or a held meeting) and restart the keep-in-touch clock.

    A two-way conversation (a call, a video call, meeting in person or at an event: a
    held meeting is one of these) moves "Want to meet" and "Acquaintance" on to "In
    touch", noted on the touch (``stage_before``) for the timeline. Never backwards: the
    user can set the stage back by editing the contact. Every door that logs a touch
    comes through here, so the rule holds through all of them.
    """
    stage_before = advance_stage(contact) if channel in TWO_WAY_CHANNELS else ""
    interaction = Interaction.objects.create(
        owner_id=contact.owner_id,
        contact=contact,
        occurred_at=occurred_at,
        channel=channel,
        note=note,
        stage_before=stage_before,
    )
    record_touch(contact, when=occurred_at)
    return interaction


def advance_stage(contact: Contact) -> str:
    """Move ``contact`` to In touch if they are not that far yet; returns the stage they left, or "".

    A conditional UPDATE: a concurrent edit to a later stage is never overwritten.
    """
    if contact.stage not in ADVANCES_TO_IN_TOUCH:
        return ""
    moved = Contact.objects.filter(pk=contact.pk, stage__in=ADVANCES_TO_IN_TOUCH).update(
        stage=Stage.IN_TOUCH, updated_at=timezone.now()
    )
    if not moved:
        return ""
    before, contact.stage = contact.stage, Stage.IN_TOUCH
    return before


def split_name(name: str) -> tuple[str, str]:
    """ "Ken Watanabe" -> ("Ken", "Watanabe"); "Cher" -> ("Cher", "")."""
    parts = name.split()
    if len(parts) < 2:
        return (parts[0] if parts else "", "")
    return " ".join(parts[:-1]), parts[-1]


@transaction.atomic
def save_contact(contact: Contact, *, tags: Iterable[Tag] | None = None, new_introducer_name: str = "") -> Contact:
    """Save a contact from the form; ``new_introducer_name`` creates the person who introduced them."""
    if new_introducer_name.strip():
        given, family = split_name(new_introducer_name.strip())
        introducer = Contact(owner_id=contact.owner_id, given_name=given, family_name=family)
        introducer.save()
        contact.introduced_by = introducer
    if contact.introduced_by_id and contact.source == Source.OTHER:
        contact.source = Source.INTRODUCTION
    contact.save()
    if tags is not None:
        tags = list(tags)
        assert_same_owner(contact, *tags)
        contact.tags.set(tags)
    bump_owner(contact.owner_id)
    return contact


def add_link(person: Contact, *, knows: Contact, note: str = "") -> ContactLink:
    """Record that ``person`` knows ``knows`` (one row, shown from both sides)."""
    assert_same_owner(person, knows)
    return ContactLink.objects.create(owner_id=person.owner_id, person=person, knows=knows, note=note)


def find_or_create_tag(owner, *, name: str) -> tuple[Tag, bool]:
    """The owner's tag called ``name`` (any case), created if missing."""
    name = name.strip()
    existing = Tag.objects.for_owner(owner).filter(name__iexact=name).first()
    if existing:
        return existing, False
    tag = Tag.objects.create(owner=owner, name=name)
    bump_owner(owner.pk)
    return tag, True


def tag_contacts(contacts: Iterable[Contact], *, tag: Tag) -> int:
    """Put ``tag`` on every contact (those who have it already are left alone); returns how many gained it."""
    contacts = list(contacts)
    assert_same_owner(tag, *contacts)
    through = Contact.tags.through
    ids = [contact.pk for contact in contacts]
    have = set(through.objects.filter(tag=tag, contact_id__in=ids).values_list("contact_id", flat=True))
    rows = [through(contact_id=pk, tag_id=tag.pk) for pk in ids if pk not in have]
    through.objects.bulk_create(rows, ignore_conflicts=True)
    bump_owner(tag.owner_id)
    return len(rows)


def untag_contacts(contacts: Iterable[Contact], *, tag: Tag) -> int:
    """Take ``tag`` off every contact; returns how many lost it."""
    deleted, _ = Contact.tags.through.objects.filter(tag=tag, contact_id__in=[c.pk for c in contacts]).delete()
    bump_owner(tag.owner_id)
    return deleted


# --- Merging duplicates ------------------------------------------------------


def _unique_field_sets(model: type[models.Model], field_name: str) -> list[tuple[str, ...]]:
    """The unique field groups of ``model`` that include ``field_name``."""
    groups: list[tuple[str, ...]] = (
        [(field_name,)] if cast(models.Field, model._meta.get_field(field_name)).unique else []
    )
    groups += [tuple(group) for group in model._meta.unique_together]
    groups += [
        tuple(constraint.fields)
        for constraint in model._meta.constraints
        if isinstance(constraint, models.UniqueConstraint) and constraint.fields and not constraint.condition
    ]
    return [group for group in groups if field_name in group]


def _move_rows(model: type[models.Model], field: models.Field, survivor: Contact, duplicate: Contact) -> int:
    """Point every ``model`` row at ``survivor`` instead of ``duplicate``; returns rows moved.

    A row that would then repeat one the survivor has (the same tag twice, the same
    link twice) or link the survivor to itself says nothing new and is dropped.
    """
    manager = model._base_manager
    rows = manager.filter(**{field.name: duplicate})
    # Another pointer to Contact on the same row: a link between the two people.
    for other in model._meta.concrete_fields:
        if other is not field and other.is_relation and other.related_model is Contact:
            rows.filter(**{other.name: survivor}).delete()
    taken = manager.filter(**{field.name: survivor})
    for group in _unique_field_sets(model, field.name):
        others = [name for name in group if name != field.name]
        if not others:
            if taken.exists():
                rows.delete()
            continue
        existing = set(taken.values_list(*others))
        clashing = [pk for pk, *values in rows.values_list("pk", *others) if tuple(values) in existing]
        manager.filter(pk__in=clashing).delete()
    return rows.update(**{field.name: survivor})


@transaction.atomic
def merge_contacts(survivor: Contact, *, duplicate: Contact, today: date | None = None) -> Counter[str]:
    """Fold ``duplicate`` into ``survivor``: every related row moves, details follow ``plan_merge()``.

    Emails and phones are combined, blanks filled, other differing values kept in the
    notes under a line dated ``today`` (the owner's local date by default), tags united.
    Returns how many rows moved, per related model. Both must belong to the same owner.
    """
    if survivor.pk == duplicate.pk:
        raise ValueError("A contact cannot be merged into itself.")
    assert_same_owner(survivor, duplicate)
    locked = {c.pk: c for c in Contact.objects.select_for_update().filter(pk__in=[survivor.pk, duplicate.pk])}
    survivor, duplicate = locked[survivor.pk], locked[duplicate.pk]

    plan = plan_merge(survivor, duplicate)
    apply_plan(survivor, duplicate, plan, today=today or timezone.localdate())
    # The survivor may itself be one of the rows pointing at the duplicate (introduced by it);
    # save the filled-in introducer first so the generic move below cannot undo it.
    survivor.save()
    # A link both had to one person stays the survivor's; the moves below drop the duplicate's copy.
    for link_id, detail in plan.link_notes_filled:
        ContactLink.objects.filter(pk=link_id).update(note=detail.value)
    moved: Counter[str] = Counter()
    for pointer in contact_pointers():
        model, field = pointer.model, pointer.field
        if model is Contact and field.name == "introduced_by":
            count = (
                model._base_manager.filter(introduced_by=duplicate)
                .exclude(pk=survivor.pk)
                .update(introduced_by=survivor)
            )
        else:
            count = _move_rows(model, field, survivor, duplicate)
        if count:
            moved[model._meta.label] += count
    _move_not_duplicates(survivor, duplicate)
    duplicate.delete()
    survivor.refresh_from_db()
    contacts_merged.send(sender=Contact, survivor=survivor)
    bump_owner(survivor.owner_id)
    return moved


def _move_not_duplicates(survivor: Contact, duplicate: Contact) -> None:
    """Saying "not the same person as X" of the duplicate now says it of the survivor (they are one person)."""
    for pair in NotDuplicate.objects.filter(Q(first=duplicate) | Q(second=duplicate)):
        other = pair.second_id if pair.first_id == duplicate.pk else pair.first_id
        if other != survivor.pk:
            NotDuplicate.objects.get_or_create(
                owner_id=survivor.owner_id, first_id=min(survivor.pk, other), second_id=max(survivor.pk, other)
            )
    # The duplicate's own rows go with it (on_delete CASCADE).


def mark_not_duplicate(one: Contact, other: Contact) -> NotDuplicate:
    """Remember that ``one`` and ``other`` are different people, so they are never suggested again."""
    if one.pk == other.pk or one.owner_id != other.owner_id:
        raise ValueError("Only two different contacts of one network can be told apart.")
    pair, _ = NotDuplicate.objects.get_or_create(
        owner_id=one.owner_id, first_id=min(one.pk, other.pk), second_id=max(one.pk, other.pk)
    )
    return pair


def forget_not_duplicate(pair: NotDuplicate) -> None:
    """The user said "these are the same after all": the pair may be suggested again."""
    pair.delete()


@transaction.atomic
def capture_contact(
    contact: Contact,
    *,
    tags: Iterable[Tag],
    new_introducer_name: str = "",
    touch_channel: Channel | str = "",
    touch_note: str = "",
    when: datetime,
) -> Contact:
    """Save someone captured from a web page, with the touch that prompted it if there was one.

    The touch goes through ``log_interaction``, so a call moves them on to In touch. There
    is no keep-in-touch loop to close (``followups.services.log_touch``): the person is new,
    and capturing someone already in the network opens their page instead.
    """
    save_contact(contact, tags=tags, new_introducer_name=new_introducer_name)
    if touch_channel:
        log_interaction(contact, occurred_at=when, channel=touch_channel, note=touch_note.strip())
    return contact
