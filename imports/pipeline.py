"""The one importer behind the admin page, the user's Import page and ``import_contacts``.

parse (bytes -> records) -> match (records -> plans, in memory) -> save (one transaction).
``preview_import`` runs the first two and writes nothing; ``run_import`` runs all
three inside a single transaction, so a failure at any point leaves the network
as it was. The upload flow keeps the preview's plan (``preview_with_plan``) and
hands it to ``run_import``, which reuses it while the network is unchanged
(see stored_plan.py) instead of parsing and matching the file again.
"""

from __future__ import annotations

import gc
import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import islice
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.db.models.expressions import Combinable
from django.utils import timezone

from contacts.models import SEARCH_INDEX, Contact, ImportRun, Source
from contacts.pointers import contact_pointers
from netweave.cache import bump_owner
from netweave.dates import formatted

from .matching import DUPLICATE, FIELD_LABELS, MATCH, NEW, NetworkIndex, Plan, display_value, plan_records
from .parsers.parsing import FORMAT_NAMES, parse
from .parsers.records import ParseResult, Record
from .saving import create_contacts
from .stored_plan import network_fingerprint, pack, unpack

logger = logging.getLogger(__name__)

UPDATE = "update"
SKIP = "skip"
ADD = "new"
ACTIONS = {UPDATE: "Update (fill blanks)", SKIP: "Skip", ADD: "Add as a new person"}
DEFAULT_ACTIONS = {UPDATE: "Fill in blank fields", SKIP: "Skip them all"}
BATCH_SIZE = 2000
PREVIEW_SAMPLE = 10
PREVIEW_MATCHES = 100
PREVIEW_ERRORS = 200

Progress = Callable[[str, int], None]


@dataclass
class Decisions:
    """What to do with matched rows: a default for all, and per-row choices (row number -> action)."""

    default: str = UPDATE
    choices: dict[int, str] = field(default_factory=dict)

    def for_plan(self, plan: Plan) -> str:
        choice = self.choices.get(plan.record.number)
        if choice in ACTIONS:
            return choice
        return self.default if plan.changes else SKIP

    def as_json(self) -> dict[str, Any]:
        return {"default": self.default, "choices": {str(k): v for k, v in self.choices.items()}}

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Decisions:
        data = data or {}
        default: str = data["default"] if data.get("default") in DEFAULT_ACTIONS else UPDATE
        choices = {}
        for key, value in (data.get("choices") or {}).items():
            if str(key).isdigit() and value in ACTIONS:
                choices[int(key)] = value
        return cls(default=default, choices=choices)


@dataclass
class Outcome:
    created: int = 0
    updated: int = 0
    skipped: int = 0
    errors: int = 0

    def line(self) -> str:
        return f"created={self.created} updated={self.updated} skipped={self.skipped} errors={self.errors}"


def _noop(stage: str, percent: int) -> None:
    return None


@contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector for one import step (it resumes after, as it was).

    A step allocates a few objects per row and frees none until it ends; each time the
    allocations pile up, the collector walks every live object (Django's and the rows
    so far), which cost more than building the rows. The rows hold no reference cycles
    to collect; whatever garbage there is waits a few seconds for the next collection.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def plan_file(owner, data: bytes, *, format: str = "auto", mapping: dict[int, str] | None = None):
    """Parse and match: the dry run shared by the preview and the confirm step."""
    parsed = parse(data, format=format, mapping=mapping)
    index = NetworkIndex.build(owner)
    return parsed, plan_records(parsed.records, index)


def outcome_of(plans: list[Plan], errors: int, decisions: Decisions) -> Outcome:
    outcome = Outcome(errors=errors)
    for plan in plans:
        if plan.kind == NEW:
            outcome.created += 1
        elif plan.kind == DUPLICATE:
            outcome.skipped += 1
        else:
            action = decisions.for_plan(plan)
            if action == ADD:
                outcome.created += 1
            elif action == UPDATE and plan.changes:
                outcome.updated += 1
            else:
                outcome.skipped += 1
    return outcome


def record_preview(record: Record) -> dict[str, Any]:
    return {
        "number": record.number,
        "name": " ".join(p for p in (record.given_name, record.family_name) if p),
        "emails": ", ".join(record.emails),
        "phones": ", ".join(record.phones),
        "company": record.company,
        "title": record.title,
        "linkedin_url": record.linkedin_url,
        "met_on": formatted(record.met_on, "date"),
        "source": Source(record.source).label,
    }


@cycle_collector_paused()
def preview_import(
    owner,
    data: bytes,
    *,
    format: str = "auto",
    mapping: dict[int, str] | None = None,
    decisions: Decisions | None = None,
) -> dict[str, Any]:
    """The dry run as plain data (stored with the upload and rendered by the preview page). Writes nothing."""
    parsed, plans = plan_file(owner, data, format=format, mapping=mapping)
    return summarise(parsed, plans, decisions or Decisions())


@cycle_collector_paused()
def preview_with_plan(
    owner, data: bytes, *, format: str = "auto", mapping: dict[int, str] | None = None
) -> tuple[dict[str, Any], bytes | None]:
    """The preview, plus its plan packed for the confirm step (None where plans are not kept: SQLite)."""
    # Taken before the network is read: a change in between makes confirm match again, never the reverse.
    fingerprint = network_fingerprint(owner)
    parsed, plans = plan_file(owner, data, format=format, mapping=mapping)
    preview = summarise(parsed, plans, Decisions())
    if fingerprint is None:
        return preview, None
    return preview, pack(parsed, plans, fingerprint=fingerprint, format=format, mapping=mapping)


def summarise(parsed: ParseResult, plans: list[Plan], decisions: Decisions) -> dict[str, Any]:
    outcome = outcome_of(plans, len(parsed.errors), decisions)
    matches = [p for p in plans if p.kind == MATCH]
    # Matches that would change something come first: those are the ones to look at.
    matches.sort(key=lambda p: (not p.changes, p.record.number))
    full_names: dict[int | None, str] = {
        c.pk: c.full_name
        for c in Contact.objects.filter(pk__in=[p.contact_id for p in matches[:PREVIEW_MATCHES]]).only(
            "given_name", "family_name", "emails", "company"
        )
    }
    return {
        "format": parsed.format,
        "format_name": FORMAT_NAMES.get(parsed.format, parsed.format),
        "encoding": parsed.encoding,
        "unit": parsed.unit,
        "notices": parsed.notices,
        "rows": len(parsed.records) + len(parsed.errors),
        "counts": {
            "created": outcome.created,
            "updated": outcome.updated,
            "skipped": outcome.skipped,
            "errors": outcome.errors,
        },
        "in_file_duplicates": sum(1 for p in plans if p.kind == DUPLICATE),
        "match_total": len(matches),
        "errors": [{"number": e.number, "message": e.message} for e in parsed.errors[:PREVIEW_ERRORS]],
        "warnings": [{"number": w.number, "message": w.message} for w in parsed.warnings[:PREVIEW_ERRORS]],
        "sample": [record_preview(p.record) for p in islice((p for p in plans if p.kind == NEW), PREVIEW_SAMPLE)],
        "matches": [
            {
                "number": p.record.number,
                "name": p.record.display_name,
                "contact_id": p.contact_id,
                "contact_name": full_names.get(p.contact_id, ""),
                "reason": p.reason,
                "action": decisions.for_plan(p),
                "changes": [
                    [FIELD_LABELS[n], display_value(old), display_value(new)] for n, (old, new) in p.changes.items()
                ],
                "conflicts": [
                    [FIELD_LABELS[n], display_value(typed), display_value(new)]
                    for n, (typed, new) in p.conflicts.items()
                ],
            }
            for p in matches[:PREVIEW_MATCHES]
        ],
    }


@cycle_collector_paused()
@transaction.atomic
def run_import(
    owner,
    data: bytes,
    *,
    file_name: str,
    format: str = "auto",
    mapping: dict[int, str] | None = None,
    decisions: Decisions | None = None,
    progress: Progress = _noop,
    uploaded_by=None,
    stored_plan: bytes | None = None,
) -> ImportRun:
    """Import ``data`` into ``owner``'s network in one transaction and record the run.

    ``stored_plan`` is the preview's packed plan: used when it still applies, else the file
    is parsed and matched again. Raises :class:`ImportFileError` for an unusable file; any
    exception rolls back everything.
    """
    decisions = decisions or Decisions()
    progress("Reading the file", 5)
    kept = None
    if stored_plan:
        fingerprint = network_fingerprint(owner)
        kept = unpack(stored_plan, fingerprint=fingerprint, format=format, mapping=mapping)
        if kept and _adds_a_match_without_its_row(kept[1], decisions):
            kept = None
    parsed, plans = kept or plan_file(owner, data, format=format, mapping=mapping)
    outcome = outcome_of(plans, len(parsed.errors), decisions)
    progress("Saving", 30)
    run = ImportRun.objects.create(
        owner=owner,
        file_name=file_name[:255],
        format=parsed.format,
        encoding=parsed.encoding,
        created_count=outcome.created,
        updated_count=outcome.updated,
        skipped_count=outcome.skipped,
        error_count=outcome.errors,
        uploaded_by=uploaded_by,
    )
    new_records: list[Record] = []
    new_rows: list[str] = []  # ready-made COPY rows from the stored plan
    updates: list[Plan] = []
    for plan in plans:
        if plan.kind == NEW:
            if plan.row:
                new_rows.append(plan.row)
            else:
                new_records.append(plan.record)
        elif plan.kind == MATCH:
            action = decisions.for_plan(plan)
            if action == ADD:
                if plan.row:
                    new_rows.append(plan.row)
                else:
                    new_records.append(plan.record)
            elif action == UPDATE and plan.changes:
                updates.append(plan)
    created = create_contacts(owner, new_records, rows=new_rows, run_id=run.pk)
    progress("Saving", 80)
    _apply_updates(owner, updates)
    analyze_after_big_write(created + len(updates), indexed=True)
    progress("Done", 100)
    # Not stored: the preview showed them; callers that report them (the command) read them here.
    run.row_errors, run.row_warnings, run.unit = parsed.errors, parsed.warnings, parsed.unit
    bump_owner(run.owner_id)
    return run


def _adds_a_match_without_its_row(plans: list[Plan], decisions: Decisions) -> bool:
    """A stored plan keeps no row for a match that changes nothing; adding one as new needs the file."""
    if ADD not in decisions.choices.values():
        return False
    return any(p.kind == MATCH and not p.row and decisions.choices.get(p.record.number) == ADD for p in plans)


def _apply_updates(owner, updates: list[Plan]) -> None:
    """Fill blank fields of matched contacts: one SELECT and one bulk UPDATE per batch."""
    now = timezone.now()
    for start in range(0, len(updates), BATCH_SIZE):
        batch = updates[start : start + BATCH_SIZE]
        contacts = Contact.objects.for_owner(owner).in_bulk([p.contact_id for p in batch])
        changed: set[str] = set()
        for plan in batch:
            contact = contacts[plan.contact_id]
            for name, (_, new) in plan.changes.items():
                setattr(contact, name, new)
                changed.add(name)
            contact.prepare_for_save()
            contact.updated_at = now
        Contact.objects.bulk_update(
            list(contacts.values()), [*sorted(changed), "search_text", "name_key", "emails", "updated_at"]
        )


@dataclass
class UndoResult:
    removed: int
    kept: list[Contact]


def touched_contacts(run: ImportRun) -> QuerySet[Contact]:
    """Contacts the run created that were edited or used since (anything refers to them): undo keeps these."""
    used: Q | Combinable = Q(updated_at__gt=F("created_at") + timedelta(seconds=2))
    for pointer in contact_pointers():
        used |= Exists(pointer.model._base_manager.filter(**{pointer.field.name: OuterRef("pk")}))
    return Contact.objects.same_owner_as(run).filter(import_run=run).filter(used)


@transaction.atomic
def undo_import(run: ImportRun, *, now: datetime | None = None) -> UndoResult:
    """Remove the contacts ``run`` created, except those touched since; mark the run undone."""
    run = ImportRun.objects.select_for_update().get(pk=run.pk)
    kept = list(touched_contacts(run).order_by("family_name", "given_name", "id"))
    if run.undone_at:  # a second click or a redelivered job: nothing more to do
        return UndoResult(removed=0, kept=kept)
    removable = Contact.objects.same_owner_as(run).filter(import_run=run).exclude(pk__in=[c.pk for c in kept])
    # Nothing refers to the untouched contacts (that is what "untouched" checks), so one
    # DELETE does what Model.delete()'s collector would do with 30,000 fetched instances.
    ids_sql, params = removable.values("pk").query.sql_with_params()
    table = connection.ops.quote_name(Contact._meta.db_table)
    with connection.cursor() as cursor:
        # The subquery is compiled by the ORM with parameters; nothing user-typed is interpolated.
        cursor.execute(f"DELETE FROM {table} WHERE id IN ({ids_sql})", params)  # noqa: S608
        removed = cursor.rowcount
    run.undone_at = now or timezone.now()
    run.save(update_fields=["undone_at"])
    analyze_after_big_write(removed)
    bump_owner(run.owner_id)
    return UndoResult(removed=removed, kept=kept)


def merge_search_index(rows: int, timings: dict[str, float]) -> None:
    """Merge the search index's pending list on this thread's own connection, closed after.

    Records its seconds in ``timings["merge_seconds"]``; logs a failure, never raises.
    """
    started = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [SEARCH_INDEX])
    except Exception:
        logger.exception("Merging the search index's pending list after a %s-row import failed", rows)
    finally:
        connection.close()
        timings["merge_seconds"] = time.perf_counter() - started


def analyze_contacts_sql() -> str:
    return f"ANALYZE {connection.ops.quote_name(Contact._meta.db_table)}"


def analyze_after_big_write(rows: int, *, indexed: bool = False) -> None:
    """After contacts were written, tidy the contact table once the transaction commits.

    Statistics, after more than ``NETWEAVE_IMPORT_ANALYZE_ROWS``: autovacuum would get there
    eventually; until it does, the first pages after a big import are planned for a table a
    fraction of its real size. ANALYZE of a few hundred thousand rows samples 30,000 of them
    and takes a fraction of a second.

    The search index, after such an import (``indexed``; an undo only deletes): for a big
    write ``saving.create_contacts`` leaves the new trigram entries in the GIN index's
    pending list, and a manual ANALYZE does not merge it. Left there, every ?q= search
    scans the whole list, and the user's next contact edit merges it inside their request
    (0.45 s after 30,000 rows). Merged here, in one pass, before anyone else pays for it.

    The two steps touch different things (the index's pages, the table's statistics) and
    take each other's locks in compatible modes, so the merge runs on a second connection
    while ANALYZE runs on this one: the job is done in the longer of the two, not their sum
    (0.15 s and 0.16 s after 30,000 rows). SQLite (the make-run fallback) has neither:
    nothing to do.
    """
    if connection.vendor != "postgresql" or rows <= settings.NETWEAVE_IMPORT_ANALYZE_ROWS:
        return

    def tidy() -> None:
        # The import is committed; each step only keeps pages fast, and one failing (the
        # merge needs the index's owner, as ANALYZE does the table's) never stops the other.
        timings: dict[str, float] = {"merge_seconds": 0.0}
        merging = None
        if indexed:
            merging = threading.Thread(target=merge_search_index, args=(rows, timings), name="merge-search-index")
            merging.start()
        started = time.perf_counter()
        try:
            with connection.cursor() as cursor:
                cursor.execute(analyze_contacts_sql())
        except Exception:
            logger.exception("ANALYZE after a %s-row import failed", rows)
        timings["analyze_seconds"] = time.perf_counter() - started
        if merging is not None:
            merging.join()
        logger.info(
            "After a %s-row write: search index merged in %.2f s, ANALYZE in %.2f s, side by side",
            rows,
            timings["merge_seconds"],
            timings["analyze_seconds"],
            extra=timings,
        )

    transaction.on_commit(tidy)
