"""The network's reads: chainable QuerySet methods with names from the networking method.

``models.py`` wires them up with ``X.as_manager()``; the models they name are imported
inside the methods, because ``models.py`` imports this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Self, cast

from django.db import connection, models
from django.db.models import (
    Case,
    Count,
    DateTimeField,
    DurationField,
    Expression,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, NullIf, RowNumber

from netweave.ownership import OwnedQuerySet

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    from accounts.models import User
    from contacts.models import Contact, Tag

MAX_CHAIN = 25
# The owner's default cadence per stage lives in ``User.cadence_<stage>_days``; a stage
# without one (want to meet) has no clock unless the contact has its own cadence.
# (``User.cadence_for_stage()`` answers the same for one user.)
_OWNER_CADENCE_FIELDS = {
    "acquaintance": "cadence_acquaintance_days",
    "in_touch": "cadence_in_touch_days",
    "ally": "cadence_ally_days",
}
LIST_COLUMNS = (
    "owner_id",
    "given_name",
    "family_name",
    "emails",
    "company",
    "title",
    "stage",
    "last_contacted_at",
    "created_at",
)


def touch_due(cadence_days: Expression | F) -> ExpressionWrapper:
    """``last_contacted_at`` plus ``cadence_days`` days, as an expression.

    The cadence is cast to a plain integer and the product marked as a duration, so
    the sum is date arithmetic on every backend (SQLite, the make-run fallback, too).
    """
    days = ExpressionWrapper(cadence_days, output_field=IntegerField())
    return ExpressionWrapper(
        F("last_contacted_at") + ExpressionWrapper(days * timedelta(days=1), output_field=DurationField()),
        output_field=DateTimeField(),
    )


def attach_tags(contacts: list[Contact], tags: list[Tag]) -> None:
    """Set ``tag_list`` on rows from ``for_list()``: their ``tag_ids`` looked up in ``tags``.

    ``tags`` are the owner's, in the order to show them (by name). An id not among them
    is left out. Rows without ``tag_ids`` (prefetched on SQLite) keep their ``tag_list``.
    """
    shown = {tag.pk: (position, tag) for position, tag in enumerate(tags)}
    for contact in contacts:
        tag_ids = getattr(contact, "tag_ids", None)
        if tag_ids is not None:
            contact.tag_list = [tag for _, tag in sorted(shown[pk] for pk in tag_ids if pk in shown)]


def _count_subquery(queryset: models.QuerySet, field: str) -> Coalesce:
    """A correlated COUNT(*) of ``queryset`` (already filtered on OuterRef), 0 when empty."""
    counted = queryset.order_by().values(field).annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


class ContactQuerySet(OwnedQuerySet):
    # The user ``for_owner()`` scoped this queryset to: the keep-in-touch reads need their
    # cadences and ``owed()`` their ledger, so they start from ``for_owner(user)`` and take
    # no owner argument.
    _owner: User | None = None

    def for_owner(self, user: AbstractBaseUser | AnonymousUser) -> Self:
        from accounts.models import User

        queryset = super().for_owner(user)
        # Only a user has cadences; an anonymous one matches no rows anyway.
        queryset._owner = user if isinstance(user, User) else None
        return queryset

    def _clone(self) -> Self:
        clone = super()._clone()  # type: ignore[misc]  # private, so not in django-stubs
        clone._owner = self._owner
        return clone

    def _scoped_owner(self, read: str) -> User:
        if self._owner is None:
            raise TypeError(f"{read}() reads the owner's settings or rows: start from Contact.objects.for_owner(user).")
        return self._owner

    def search(self, query: str) -> ContactQuerySet:
        """Match every word of ``query`` in name, company, title, emails or notes.

        ``search_text`` is lower-cased on write and carries a trigram index on
        Postgres, so ``contains`` is an index scan, not a sequential UPPER() scan.
        The index leads with ``owner_id`` (``models.SEARCH_INDEX``): started from
        ``for_owner()``, a search reads its own network's entries only. Other models
        search their people through this (``contact__in=...search(word)``), never by
        joining on ``contact__search_text``, which the index answers for every network.
        """
        queryset = self
        for word in query.lower().split():
            queryset = queryset.filter(search_text__contains=word)
        return queryset

    def same_person_as(
        self, *, emails: list[str], linkedin_url: str, given_name: str, family_name: str, company: str
    ) -> list[tuple[Contact, str]]:
        """Who in the network is already the person these details describe, each with why.

        The import's rule, for one person typed in: the same LinkedIn profile (any spelling
        of its URL, ``contacts.linkedin``), a shared email address (stored lower-cased), or
        the same name at the same company. At most three.
        """
        from contacts.linkedin import linkedin_key, same_profile
        from contacts.models import normalise_emails, normalise_name

        emails = normalise_emails(emails)
        name_key = normalise_name(given_name, family_name)[:300]
        profile = linkedin_key(linkedin_url)
        same = Q(pk__in=same_profile(self, linkedin_url).values("pk")) if profile else Q(pk__in=[])
        for email in emails:
            same |= Q(emails__contains=[email])
        if name_key:
            same |= Q(name_key=name_key, company__iexact=company.strip())
        found = []
        for contact in cast("list[Contact]", list(self.filter(same).order_by("pk")[:3])):
            if profile and linkedin_key(contact.linkedin_url) == profile:
                why = "the same LinkedIn profile"
            elif set(emails) & set(contact.emails):
                why = "the same email address"
            else:
                why = "the same name at the same company"
            found.append((contact, why))
        return found

    def search_by_name(self, query: str) -> ContactQuerySet:
        """``search(query)`` in name order, for a short list of the first matches (pickers, lookups).

        Ordered as the contact list orders a search (``SortOrder.columns(selective=...)``):
        a real word's few matches are fetched through the search index and sorted. Left to
        itself under a LIMIT, Postgres walks the owner's name index, testing each row's text,
        from A to the first match: 26,000 rows and 30 ms before the S's of a 30,000-contact
        network, on every keystroke of a picker.
        """
        from contacts.pagination import DEFAULT_SORT, SORTS, is_selective

        return self.search(query).order_by(*SORTS[DEFAULT_SORT].ordering(selective=is_selective(query)))

    def with_touch_due(self) -> ContactQuerySet:
        """Annotate ``effective_cadence`` and ``touch_due_at``: last contact plus the contact's cadence.

        The cadence is the contact's own, or else the owner's default for its stage.
        Contacts never contacted have no clock yet and get NULL.
        """
        from contacts.models import Stage

        owner = self._scoped_owner("with_touch_due")
        stage_defaults = [
            When(stage=stage, then=Value(owner.cadence_for_stage(stage)))
            for stage in Stage.values
            if owner.cadence_for_stage(stage)
        ]
        cadence = Coalesce(
            "cadence_days",
            Case(*stage_defaults, default=Value(None), output_field=IntegerField()),
            output_field=IntegerField(),
        )
        return self.annotate(effective_cadence=cadence, touch_due_at=touch_due(F("effective_cadence")))

    def going_cold(self, now: datetime, *, first: int | None = None) -> ContactQuerySet:
        """Contacts whose keep-in-touch cadence has lapsed by ``now``, most overdue first.

        The clock starts at the first logged touch or held meeting. A contact never
        contacted has no clock, so a freshly imported network of 30,000 LinkedIn
        connections is not "going cold" all at once; see ``never_contacted()``.

        With ``first``, only the ``first`` most overdue, in the form that stays fast at
        30,000 contacts (the dashboard's panel): the plain form computes every contact's
        due date before sorting, which reads the whole network. Here each stage's
        default cadence gets its own part walking the (owner, last_contacted_at) index
        from the oldest touch (for one cadence, oldest touch means most overdue), plus
        one for contacts with their own cadence, ranked on the partial index that covers
        (last_contacted_at, cadence_days) before any card is read; Postgres runs the
        UNION in one round trip and each part stops after ``first`` rows. The result
        is a UNION: order, slice, count or prefetch it, but filter before calling.
        """
        owner = self._scoped_owner("going_cold")
        lapsed = self.with_touch_due().filter(touch_due_at__lt=now).order_by("touch_due_at", "id")
        if first is None or not connection.features.supports_slicing_ordering_in_compound:
            # SQLite (the make-run fallback) cannot UNION sliced queries: the plain form.
            return lapsed if first is None else lapsed[:first]
        from contacts.models import Stage

        base = self.with_touch_due()
        parts = []
        for stage in Stage.values:
            cadence = owner.cadence_for_stage(stage)
            if cadence:
                parts.append(
                    base.filter(
                        stage=stage, cadence_days__isnull=True, last_contacted_at__lt=now - timedelta(days=cadence)
                    ).order_by("last_contacted_at", "id")[:first]
                )
        own_cadence = (
            self.filter(cadence_days__isnull=False)
            .annotate(own_due_at=touch_due(F("cadence_days")))
            .filter(own_due_at__lt=now)
            .order_by("own_due_at", "id")
            .values("pk")[:first]
        )
        parts.append(base.filter(pk__in=own_cadence).order_by("touch_due_at", "id")[:first])
        if len(parts) == 1:
            return parts[0]
        return parts[0].union(*parts[1:], all=True).order_by("touch_due_at", "id")[:first]

    def going_cold_for_owners(self, users: list[User], now: datetime, *, first: int | None = None) -> ContactQuerySet:
        """``going_cold(now, first=first)`` for many owners at once: one query, built once.

        The batch form the weekly digest reads (100 users a batch), with the same
        definition as ``for_owner(u).going_cold()``: the contact's own cadence, else its
        owner's default for the stage (joined from the owner's row); no touch, no clock.
        Each owner's lapsed contacts are ranked by ``ROW_NUMBER() OVER (PARTITION BY
        owner ORDER BY touch_due_at, id)`` and cut at ``first``; without ``first``, every
        lapsed contact (what the hourly keep-in-touch rule reads). One queryset whatever
        the batch size, where a UNION of per-owner ``going_cold()`` compiles SQL per user.
        It computes the due date of every contact of the batch's owners, which suits
        batches of ordinary networks; a 30,000-contact network costs its own scan.
        Ordered by owner, then most overdue first.
        """
        # A blank (or zero) default means no clock, as in ``with_touch_due()``.
        stage_cadence = Case(
            *[When(stage=stage, then=NullIf(F(f"owner__{name}"), 0)) for stage, name in _OWNER_CADENCE_FIELDS.items()],
            default=Value(None),
            output_field=IntegerField(),
        )
        cadence = Coalesce("cadence_days", stage_cadence, output_field=IntegerField())
        lapsed = (
            self.filter(owner_id__in=[u.pk for u in users])
            .annotate(effective_cadence=cadence, touch_due_at=touch_due(F("effective_cadence")))
            .filter(touch_due_at__lt=now)
            .order_by("owner_id", "touch_due_at", "id")
        )
        if first is None:
            return lapsed
        rank = Window(RowNumber(), partition_by=[F("owner_id")], order_by=[F("touch_due_at"), F("id")])
        return lapsed.annotate(cold_rank=rank).filter(cold_rank__lte=first)

    def never_contacted(self) -> ContactQuerySet:
        return self.filter(last_contacted_at__isnull=True)

    def for_list(self) -> ContactQuerySet:
        """What the contact list shows (and sorts by), with each row's tags: one query.

        Only these columns: sorting and fetching a page out of 30,000 rows moves less data.
        The tags come as ``tag_ids``, an array per row that Postgres fills for the page's
        rows only, after the sort and the limit; ``attach_tags()`` turns them into
        ``tag_list`` from the owner's tags, which the list reads anyway. A prefetch cost
        a second query and a Python pass over the page (1 to 2 ms at 50 rows here; the
        lookup, 0.03 ms).
        """
        rows = self.only(*LIST_COLUMNS)
        if connection.vendor != "postgresql":
            # SQLite (the make-run fallback) has no arrays: the tags come by prefetch.
            return rows.prefetch_related(models.Prefetch("tags", to_attr="tag_list"))
        from django.contrib.postgres.expressions import ArraySubquery

        from contacts.models import Contact

        tagged = Contact.tags.through.objects.filter(contact_id=OuterRef("pk")).values("tag_id")
        return rows.annotate(tag_ids=ArraySubquery(tagged))

    def with_ledger_counts(self) -> ContactQuerySet:
        """Annotate ``given_count`` and ``received_count`` from the give-and-get ledger."""
        from contacts.models import Direction, LedgerEntry

        given = LedgerEntry.objects.filter(contact=OuterRef("pk"), direction=Direction.GAVE)
        received = LedgerEntry.objects.filter(contact=OuterRef("pk"), direction=Direction.RECEIVED)
        return self.annotate(
            given_count=_count_subquery(given, "contact_id"), received_count=_count_subquery(received, "contact_id")
        )

    def with_history_counts(self) -> ContactQuerySet:
        """Annotate how much history hangs off each contact: what a delete takes, what a merge moves.

        One ``<accessor>_count`` per relation that points at a Contact (``interactions_count``,
        ``meetings_count``, ``links_in_count``...), found by ``contact_pointers()``.
        """
        from contacts.pointers import contact_pointers

        counts = {}
        for pointer in contact_pointers():
            if not pointer.is_link_table:
                rows = pointer.model._base_manager.filter(**{pointer.field.name: OuterRef("pk")})
                counts[f"{pointer.accessor}_count"] = _count_subquery(rows, pointer.field.attname)
        return self.annotate(**counts)

    def owed(self) -> ContactQuerySet:
        """People you owe: they gave you more than you gave them, the biggest debt first.

        Who they are comes from one grouped pass over the owner's own ledger entries, never
        another network's; only those people then get their counts, for the order and the page,
        counted again per person through the ledger's contact index. Joining the grouped counts
        back is not something the ORM writes, and a join grouped over the contacts' wide rows
        measured no faster (about 33 ms either way for 2,553 people owed among 30,000 contacts).
        """
        from contacts.models import Direction, LedgerEntry

        owner = self._scoped_owner("owed")
        in_debt = (
            LedgerEntry.objects.for_owner(owner)
            .order_by()
            .values("contact_id")
            .annotate(
                received=Count("pk", filter=Q(direction=Direction.RECEIVED)),
                given=Count("pk", filter=Q(direction=Direction.GAVE)),
            )
            .filter(received__gt=F("given"))
            .values("contact_id")
        )
        return (
            self.filter(pk__in=in_debt)
            .with_ledger_counts()
            .annotate(owed_count=F("received_count") - F("given_count"))
            .order_by("-owed_count", "family_name", "given_name", "id")
        )

    def introduction_chain(self, contact: Contact) -> list[Contact]:
        """Who introduced ``contact``, and who introduced them, up to you: [Alice, Ken] for you -> Alice -> Ken.

        One recursive query; stops at a cycle or after ``MAX_CHAIN`` steps, so bad data
        can never loop forever.
        """
        if contact.introduced_by_id is None:
            return []
        sql = """
            WITH RECURSIVE chain(id, introduced_by_id, depth, path) AS (
                SELECT id, introduced_by_id, 1, ARRAY[id]
                FROM contacts_contact WHERE id = %s AND owner_id = %s
                UNION ALL
                SELECT c.id, c.introduced_by_id, chain.depth + 1, chain.path || c.id
                FROM contacts_contact c JOIN chain ON c.id = chain.introduced_by_id
                WHERE c.owner_id = %s AND NOT c.id = ANY(chain.path) AND chain.depth < %s
            )
            SELECT contacts_contact.* FROM contacts_contact JOIN chain ON chain.id = contacts_contact.id
            ORDER BY chain.depth DESC
        """
        from contacts.models import Contact

        owner = contact.owner_id
        # The recursive query uses Postgres arrays (ANY(path)); SQLite (make-run fallback) walks in Python.
        if connection.vendor != "postgresql":
            return self._introduction_chain_step_by_step(contact)
        return list(Contact.objects.raw(sql, [contact.introduced_by_id, owner, owner, MAX_CHAIN]))

    def _introduction_chain_step_by_step(self, contact: Contact) -> list[Contact]:
        """The same walk one query a step, for SQLite (the make-run fallback)."""
        from contacts.models import Contact

        chain: list[Contact] = []
        seen = {contact.pk}
        next_id = contact.introduced_by_id
        while next_id is not None and next_id not in seen and len(chain) < MAX_CHAIN:
            person = Contact.objects.filter(owner_id=contact.owner_id, pk=next_id).first()
            if person is None:
                break
            seen.add(person.pk)
            chain.append(person)
            next_id = person.introduced_by_id
        return chain[::-1]


class LedgerEntryQuerySet(OwnedQuerySet):
    def balance(self) -> Balance:
        """How many things were given and received, in one query."""
        from contacts.models import Direction

        counts = self.aggregate(
            given=Count("pk", filter=models.Q(direction=Direction.GAVE)),
            received=Count("pk", filter=models.Q(direction=Direction.RECEIVED)),
        )
        return Balance(given=counts["given"], received=counts["received"])


@dataclass(frozen=True)
class Balance:
    given: int
    received: int

    @property
    def owed(self) -> int:
        """How many more you received than gave: what you owe them (never negative)."""
        return max(0, self.received - self.given)

    @property
    def is_even(self) -> bool:
        return self.given == self.received
