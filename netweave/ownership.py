"""The one place where rows are scoped to the person who owns them.

Every user-owned model subclasses :class:`OwnedModel` and gets an ``owner`` and an
``objects`` manager with ``for_owner(user)``. Views fetch through
:class:`OwnerRequiredMixin` (class-based) or :func:`get_owned_or_404` (function
views), so another user's object is a 404 without anyone having to remember.
Forms that offer related rows take an ``owner`` and narrow every choice field
to that owner's rows through :class:`OwnedChoicesFormMixin`.

Rows of one user never point at another user's rows. :func:`assert_same_owner` is
the one check for that; ``OwnedModel.clean()`` runs it over every foreign key to
another owned model (so model forms and the admin refuse a crossed link), and the
services that link rows without a form (adding someone to a search, merging) call it
directly. ``manage.py check_owners`` finds any crossed rows already stored.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Generic, Self, TypeVar, cast

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Value
from django.db.models.functions import Cast
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from netweave.cache import bump_owner

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

M = TypeVar("M", bound="OwnedModel")
Q = TypeVar("Q", bound="OwnedQuerySet")


class CrossOwnerError(ValidationError, ValueError):
    """A row would point at another user's row.

    A ValidationError so forms and the admin show it beside the field, and a
    ValueError for the services' callers, which never expect one.
    """


def _describe(row: models.Model) -> str:
    return f"{row._meta.verbose_name} #{row.pk}" if row.pk else f"a new {row._meta.verbose_name}"


def assert_same_owner(*rows: models.Model | None) -> None:
    """Raise :class:`CrossOwnerError` unless every given owned row has the same owner (None is skipped)."""
    owned = [row for row in rows if isinstance(row, OwnedModel)]
    for row in owned[1:]:
        if row.owner_id != owned[0].owner_id:
            raise CrossOwnerError(
                f"{_describe(row).capitalize()} is in another owner's network than {_describe(owned[0])}; "
                "a row never points into another owner's network.",
                code="cross_owner",
            )


def owned_foreign_keys(model: type[models.Model]) -> list[models.ForeignKey]:
    """The model's foreign keys (one-to-one included) whose target is an owned model."""
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.ForeignKey)
        if isinstance(field.related_model, type) and issubclass(field.related_model, OwnedModel)
    ]


def owned_links() -> list[tuple[type[models.Model], str, str]]:
    """Every stored link between owned rows: (model holding it, from-field, to-field).

    A foreign key of an owned model is (model, "owner", "<fk>__owner") in spirit; a
    many-to-many is its through table, joining both ends. Found through ``apps``, so
    a new model or app is covered without anyone listing it.
    """
    from django.apps import apps

    links: list[tuple[type[models.Model], str, str]] = []
    for model in apps.get_models():
        if not issubclass(model, OwnedModel):
            continue
        links += [(model, "owner_id", f"{field.name}__owner_id") for field in owned_foreign_keys(model)]
        for field in model._meta.local_many_to_many:
            if issubclass(field.related_model, OwnedModel):
                # Django fills in the through model (declared or automatic) when the apps load.
                through = cast(type[models.Model], field.remote_field.through)
                source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
                links.append((through, f"{source}__owner_id", f"{target}__owner_id"))
    return links


def crossed_links() -> list[tuple[str, int]]:
    """How many stored rows point into another owner's network, per link: one joined COUNT each."""
    found = []
    for model, near, far in owned_links():
        crossed = model._base_manager.exclude(**{near: models.F(far)}).exclude(**{far: None}).count()
        found.append((f"{model._meta.label}.{far.split('__')[0]}", crossed))
    return found


class OwnedQuerySet(models.QuerySet):
    def for_owner(self, user: AbstractBaseUser | AnonymousUser) -> Self:
        pk = getattr(user, "pk", None)
        if pk is None:  # an anonymous user has no pk; filtering on None matches nothing
            return self.filter(owner_id=None)
        # Compared as the column's own type (bigint): a bare int reaches Postgres as an
        # integer literal, and an index whose owner_id is a btree_gin column (the contact
        # search index) only takes bigint = bigint. A btree index takes either.
        return self.filter(owner_id=Cast(Value(pk), models.BigIntegerField()))

    def same_owner_as(self, row: OwnedModel) -> OwnedQuerySet:
        """Rows of ``row``'s owner: for reads that follow a link from a row, not from a request."""
        return self.filter(owner_id=row.owner_id)


class OwnedModel(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    objects = OwnedQuerySet.as_manager()

    class Meta:
        abstract = True

    def clean(self) -> None:
        """Refuse a foreign key to another owner's row (model forms and the admin run this)."""
        super().clean()
        errors: dict[str, list[ValidationError]] = {}
        for field in owned_foreign_keys(type(self)):
            target = self._linked_row(field)
            if target is None or self.owner_id is None:
                continue
            try:
                assert_same_owner(self, target)
            except CrossOwnerError as error:
                errors[field.name] = [error]
        if errors:
            raise CrossOwnerError(errors)

    def _linked_row(self, field: models.ForeignKey) -> models.Model | None:
        """The row ``field`` points at, reusing the cached one (forms hand over instances)."""
        value = getattr(self, field.attname)
        if value is None:
            return None
        if field.is_cached(self):
            cached = field.get_cached_value(self)
            if cached is not None and getattr(cached, field.target_field.attname) == value:
                return cached
        row = field.related_model._base_manager.filter(**{field.target_field.attname: value}).only("owner").first()
        return row


def get_owned_or_404(
    model_or_queryset: type[M] | models.QuerySet[M], user: AbstractBaseUser | AnonymousUser, **lookup: Any
) -> M:
    """Fetch one of ``user``'s rows, or raise Http404 (also for another user's row)."""
    queryset = (
        model_or_queryset
        if isinstance(model_or_queryset, models.QuerySet)
        else model_or_queryset._default_manager.all()
    )
    return get_object_or_404(cast(OwnedQuerySet, queryset).for_owner(user), **lookup)


class OwnerRequiredMixin(Generic[Q]):
    """For class-based views: the queryset is the request user's rows only.

    Parametrised with the model's queryset class (``OwnerRequiredMixin[ContactQuerySet]``)
    where a view chains that queryset's own reads.
    """

    request: HttpRequest

    def get_queryset(self) -> Q:
        return super().get_queryset().for_owner(self.request.user)  # type: ignore[misc]


class OwnerFormKwargsMixin:
    """For create/update views: hand the owner to the form and stamp new rows with it."""

    request: HttpRequest

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()  # type: ignore[misc]
        kwargs["owner"] = self.request.user
        return kwargs


class OwnedChoicesFormMixin:
    """A form mixin: every choice field over an owned model shows only the owner's rows.

    Declare such fields over ``Model.objects.all()`` (or a narrower queryset): the
    mixin adds ``for_owner``. A field that finds rows itself (the type-ahead contact
    picker) carries an ``owner`` attribute, which the mixin sets. New instances are
    stamped with the owner before they are saved.
    """

    def __init__(self, *args: Any, owner: AbstractBaseUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.owner = owner
        for field in self.fields.values():  # type: ignore[attr-defined]
            queryset = getattr(field, "queryset", None)
            if queryset is not None and issubclass(queryset.model, OwnedModel):
                field.queryset = queryset.for_owner(owner)
            elif hasattr(field, "owner"):
                field.owner = owner
        instance = getattr(self, "instance", None)
        if isinstance(instance, OwnedModel) and instance.owner_id is None:
            instance.owner = owner


class OwnedAdminForm(forms.ModelForm):
    """The admin's form for owned models: links must stay inside one owner's network.

    Foreign keys are already checked by ``OwnedModel.clean()``, which the admin runs;
    many-to-many picks (raw ids included) are saved after it, so they are checked here,
    and so is handing a row to another owner while other rows still point at it.
    """

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if "owner" in cleaned and cleaned["owner"] is not None:
            self.instance.owner = cleaned["owner"]
        if self.instance.owner_id is None:
            return cleaned
        for field in self.instance._meta.many_to_many:
            if field.name in cleaned and issubclass(field.related_model, OwnedModel):
                try:
                    assert_same_owner(self.instance, *cleaned[field.name])
                except CrossOwnerError as error:
                    self.add_error(field.name, error)
        if self.instance.pk and "owner" in self.changed_data:
            self._refuse_stranded_links()
        return cleaned

    def save(self, commit: bool = True) -> Any:
        # A cache bump, not domain logic: the owner's dashboard must not keep the old row
        # (the admin saves inside a transaction, so the bump repeats on commit).
        owners = {self.instance.owner_id, self.initial.get("owner")} - {None}
        bump_owner(*owners)
        return super().save(commit)

    def _refuse_stranded_links(self) -> None:
        for relation in self.instance._meta.related_objects:
            if issubclass(relation.related_model, OwnedModel):
                pointing = relation.related_model._base_manager.filter(**{relation.field.name: self.instance.pk})
                if pointing.exists():
                    self.add_error(
                        "owner",
                        CrossOwnerError(
                            f"{relation.related_model._meta.verbose_name_plural.capitalize()} in the old owner's "
                            f"network point at this {self.instance._meta.verbose_name}; it cannot move alone.",
                            code="cross_owner",
                        ),
                    )


class OwnedInlineFormSet(BaseInlineFormSet):
    """Admin inlines of owned rows: a new row takes its parent's owner before it is validated.

    Without it the row reaches the database with no owner; with it ``OwnedModel.clean()``
    also checks the row's other links (a raw-id "knows" from another network).
    """

    def _construct_form(self, i: int, **kwargs: Any) -> forms.ModelForm:
        form = super()._construct_form(i, **kwargs)  # type: ignore[misc]  # private, so not in django-stubs
        if isinstance(form.instance, OwnedModel) and form.instance.owner_id is None:
            form.instance.owner_id = self.instance.owner_id
        return form


class OwnedModelAdmin(admin.ModelAdmin):
    """The admin of an owned model: the owner checks of ``OwnedAdminForm`` on save, and the
    owner's cached pages refreshed on delete (the staff user deleting is not the owner)."""

    form = OwnedAdminForm

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        super().delete_model(request, obj)
        bump_owner(obj.owner_id)

    def delete_queryset(self, request: HttpRequest, queryset: models.QuerySet) -> None:
        owners = set(queryset.values_list("owner_id", flat=True))
        super().delete_queryset(request, queryset)
        bump_owner(*owners)
