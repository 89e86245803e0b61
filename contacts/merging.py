"""What merging two records of one person does to their details: one plan, shown and then applied.

The merge page shows ``plan_merge()``; ``services.merge_contacts()`` applies the same plan,
so the page can only promise what the merge does. Nothing of the removed record is lost:

- emails and phones are combined (compared normalised, so "ANN@X.example" and
  "ann@x.example", "+1 505-555-0101" and "+1 505 555 0101" are one);
- a blank on the kept record is filled from the removed one;
- any other value that differs is kept in the notes, under a dated
  "From the merged record (1 Dec 2026):" line with one "Title: X" line per field;
- the stage is as far along as either record says; the introducer is kept if set, else taken;
- where both records know the same person, the removed link's note fills the kept link's
  blank note, or is kept in the notes ("Knows Ann Lee: former manager at Acme").

The fields are read from the model, not listed by hand, so a field added later is covered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from django.db import models
from django.db.models import Q
from django.utils.text import capfirst

from netweave.dates import formatted

from .models import Contact, ContactLink, Source, Stage

# Identity and bookkeeping: never compared, filled or noted.
BOOKKEEPING = {"id", "owner", "import_run"}
# Combined rather than compared: every address and number of both records is kept.
COMBINED = ("emails", "phones")
# Handled on their own (see plan_merge): the stage moves forward only; the introducer is a person.
SPECIAL = {"stage", "introduced_by"}
STAGE_RANK = {stage: rank for rank, stage in enumerate(Stage.values)}
# A value that says nothing: a blank to fill, not a difference to keep.
BLANK_VALUES: tuple[object, ...] = (None, "", [], False, Source.OTHER.value)


@dataclass(frozen=True)
class Detail:
    """One field of the removed record and what the merge does with it."""

    name: str
    label: str
    value: str


@dataclass
class MergePlan:
    """What merging ``duplicate`` into ``survivor`` writes onto the survivor's row."""

    emails: list[str]
    phones: list[str]
    added_emails: list[str] = field(default_factory=list)
    added_phones: list[str] = field(default_factory=list)
    # Blanks on the survivor filled from the duplicate: (field name, raw value, shown).
    filled: list[tuple[Detail, object]] = field(default_factory=list)
    # Differing values kept in the notes.
    kept_in_notes: list[Detail] = field(default_factory=list)
    stage: str = ""
    stage_moves: bool = False
    introduced_by_id: int | None = None
    introducer_taken: bool = False
    # Links both records have to one person: the kept link's blank note filled from the
    # removed one's (kept link's id, the note). Differing notes go to ``kept_in_notes``.
    link_notes_filled: list[tuple[int, Detail]] = field(default_factory=list)

    def notes_block(self, today: date) -> str:
        """The lines added to the notes: a dated heading, then "Label: value" per kept field."""
        if not self.kept_in_notes:
            return ""
        lines = [f"From the merged record ({formatted(today, 'date')}):"]
        lines += [f"{detail.label}: {detail.value}" for detail in self.kept_in_notes]
        return "\n".join(lines)


def editable_fields() -> list[models.Field]:
    """The contact's fields a person can type or choose: every editable concrete field."""
    return [f for f in Contact._meta.concrete_fields if f.editable and not f.primary_key and f.name not in BOOKKEEPING]


def _normalise(model_field: models.Field, value: object) -> object:
    """The form two values are compared in: case, spaces and a URL's scheme and "www." do not count."""
    if isinstance(value, str):
        text = " ".join(value.split()).casefold()
        if isinstance(model_field, models.URLField):
            text = re.sub(r"^https?://(www\.)?", "", text).rstrip("/")
        return text
    return value


def _phone_key(number: str) -> str:
    return re.sub(r"\D", "", number)


def _shown(contact: Contact, model_field: models.Field) -> str:
    """A field's value as a person reads it: the choice's label, a written-out date, "Yes"."""
    value = getattr(contact, model_field.attname)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, date):
        return formatted(value, "date")
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if model_field.is_relation:
        return str(getattr(contact, model_field.name))
    return str(value)


def _combined(mine: list[str], theirs: list[str], key) -> tuple[list[str], list[str]]:
    """Both lists, the kept record's first, without repeats; and what the removed one adds."""
    seen = {key(value) for value in mine}
    added = []
    for value in theirs:
        if value and key(value) not in seen:
            seen.add(key(value))
            added.append(value)
    return [*mine, *added], added


def plan_merge(survivor: Contact, duplicate: Contact) -> MergePlan:
    """What merging ``duplicate`` into ``survivor`` does to the survivor's details; writes nothing."""
    emails, added_emails = _combined(survivor.emails or [], duplicate.emails or [], lambda e: e.strip().casefold())
    phones, added_phones = _combined(survivor.phones or [], duplicate.phones or [], _phone_key)
    plan = MergePlan(emails=emails, phones=phones, added_emails=added_emails, added_phones=added_phones)

    for model_field in editable_fields():
        if model_field.name in COMBINED or model_field.name in SPECIAL:
            continue
        mine, theirs = getattr(survivor, model_field.attname), getattr(duplicate, model_field.attname)
        if theirs in BLANK_VALUES or _normalise(model_field, mine) == _normalise(model_field, theirs):
            continue
        if isinstance(model_field, models.TextField) and str(_normalise(model_field, theirs)) in str(
            _normalise(model_field, mine)
        ):
            continue  # free text the kept record already holds (say, from an earlier merge)
        detail = Detail(model_field.name, capfirst(str(model_field.verbose_name)), _shown(duplicate, model_field))
        if mine in BLANK_VALUES:
            plan.filled.append((detail, theirs))
        else:
            plan.kept_in_notes.append(detail)

    # The relationship is as far along as either record says.
    plan.stage = survivor.stage
    if STAGE_RANK.get(duplicate.stage, 0) > STAGE_RANK.get(survivor.stage, 0):
        plan.stage, plan.stage_moves = duplicate.stage, True

    # The introducer: the kept record's if set, else the removed one's; never either of the two.
    mine, theirs = survivor.introduced_by_id, duplicate.introduced_by_id
    pair = {survivor.pk, duplicate.pk}
    if mine in pair:
        mine = None
    if theirs in pair:
        theirs = None
    plan.introduced_by_id = mine or theirs
    plan.introducer_taken = mine is None and theirs is not None
    if mine and theirs and mine != theirs:
        introducer = Contact._meta.get_field("introduced_by")
        label = capfirst(str(introducer.verbose_name))
        plan.kept_in_notes.append(Detail("introduced_by", label, _shown(duplicate, introducer)))
    _plan_link_notes(plan, survivor, duplicate)
    return plan


def _link_key(link: ContactLink, record_id: int, pair: tuple[int, int]) -> tuple[bool, int] | None:
    """(the record knows them, the other person) for a link of ``record_id``'s; None for any other link."""
    if link.person_id == record_id and link.knows_id not in pair:
        return True, link.knows_id
    if link.knows_id == record_id and link.person_id not in pair:
        return False, link.person_id
    return None


def _plan_link_notes(plan: MergePlan, survivor: Contact, duplicate: Contact) -> None:
    """The removed record's notes on links the kept record has too. One query.

    Both records knowing one person (in the same direction) becomes one link, the kept
    record's: the removed copy goes, and its note must not go with it.
    """
    pair = (survivor.pk, duplicate.pk)
    links = list(
        ContactLink.objects.filter(Q(person_id__in=pair) | Q(knows_id__in=pair)).select_related("person", "knows")
    )
    kept = {key: link for link in links if (key := _link_key(link, survivor.pk, pair))}
    note_field = ContactLink._meta.get_field("note")
    for link in links:
        key = _link_key(link, duplicate.pk, pair)
        mine = kept.get(key) if key else None
        theirs = str(_normalise(note_field, link.note))
        if mine is None or not theirs or theirs in str(_normalise(note_field, mine.note)):
            continue  # the link moves with its note, or has none, or the kept link says it already
        who = f"Knows {link.knows.full_name}" if link.person_id == duplicate.pk else f"Known by {link.person.full_name}"
        detail = Detail("links", who, link.note)
        if mine.note.strip():
            plan.kept_in_notes.append(detail)
        else:
            plan.link_notes_filled.append((mine.pk, detail))


def apply_plan(survivor: Contact, duplicate: Contact, plan: MergePlan, *, today: date) -> None:
    """Write ``plan`` onto ``survivor`` (not saved): combined lists, filled blanks, the notes block."""
    survivor.emails, survivor.phones = plan.emails, plan.phones
    for detail, value in plan.filled:
        field = Contact._meta.get_field(detail.name)
        setattr(survivor, field.attname if isinstance(field, models.Field) else detail.name, value)
    survivor.stage = plan.stage
    survivor.introduced_by_id = plan.introduced_by_id
    block = plan.notes_block(today)
    if block:
        survivor.notes = f"{survivor.notes.rstrip()}\n\n{block}" if survivor.notes.strip() else block
    if duplicate.last_contacted_at and (
        survivor.last_contacted_at is None or duplicate.last_contacted_at > survivor.last_contacted_at
    ):
        survivor.last_contacted_at = duplicate.last_contacted_at
