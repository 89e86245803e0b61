"""Restoring a backup into an empty account: every row, every relation, ids remapped.

All or nothing: one transaction, and any problem with the file (not a zip, another
format or version, a missing key, a reference to a row the file does not hold)
raises :class:`BackupError` with a message for the person restoring, before or
instead of writing anything.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from typing import Any, BinaryIO, cast

from django.core.exceptions import ValidationError
from django.db import DatabaseError, models, transaction

from accounts.models import User
from followups.models import FollowUp
from netweave.cache import bump_owner
from netweave.ownership import OwnedModel

from .registry import (
    FORMAT,
    PREFERENCES,
    TABLES,
    VERSION,
    Table,
    columns,
    plain_many_to_many,
    table_for,
    through_model,
)

Ids = dict[str, dict[int, int]]


class BackupError(Exception):
    """The file cannot be restored; the message says why, in words for the user."""


def read_document(source: Path | str | BinaryIO) -> dict[str, Any]:
    """The JSON document inside a backup zip, checked for format, version and keys."""
    try:
        with zipfile.ZipFile(source) as archive, archive.open("netweave.json") as raw:
            document = json.load(raw)
    except zipfile.BadZipFile:
        raise BackupError("This is not a netweave backup: the file is not a zip archive.") from None
    except KeyError:
        raise BackupError("This zip is not a netweave backup: it has no netweave.json inside.") from None
    except (ValueError, UnicodeDecodeError) as error:
        raise BackupError(f"netweave.json in this backup is not valid JSON ({error}).") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BackupError("netweave.json in this zip is not a netweave backup.")
    if document.get("version") != VERSION:
        raise BackupError(
            f"This backup is format version {document.get('version')!r}; this netweave reads version {VERSION}."
        )
    missing = [key for key in ("preferences", *(table.key for table in TABLES)) if key not in document]
    if missing:
        raise BackupError(f"The backup is incomplete: it has no {', '.join(missing)}.")
    return document


def account_is_empty(user: User) -> bool:
    return not any(table.model.objects.for_owner(user).exists() for table in TABLES)


def restore_account(user: User, document: dict[str, Any]) -> dict[str, int]:
    """Fill the empty account ``user`` from a backup document; returns the row count per table."""
    try:
        with transaction.atomic():
            if not account_is_empty(user):
                raise BackupError(
                    f"{user.get_username()} already has data; a backup is only restored into an empty account."
                )
            return _restore(user, document)
    except DatabaseError as error:
        raise BackupError(f"The backup does not fit this database, nothing was restored ({error}).") from None


def _restore(user: User, document: dict[str, Any]) -> dict[str, int]:
    ids: Ids = {}
    counts: dict[str, int] = {}
    for table in TABLES:
        records = document[table.key]
        if not isinstance(records, list):
            raise BackupError(f'"{table.key}" in the backup is not a list.')
        counts[table.key] = _restore_table(user, table, records, ids)
    _restore_preferences(user, document["preferences"])
    bump_owner(user.pk)
    return counts


def _restore_table(user: User, table: Table, records: list[dict], ids: Ids) -> int:
    model: type[models.Model] = table.model
    instances = [_instance(model, record, table=table, ids=ids, owner=user) for record in records]
    _save_all(model, instances)
    ids[table.key] = {}
    for record, instance in zip(records, instances, strict=True):
        old = _old_id(record, table.key)
        if old in ids[table.key]:
            raise BackupError(f"The backup is inconsistent: it has two {table.key} with id {old}.")
        ids[table.key][old] = instance.pk
    self_links = [f for f in columns(model) if f.is_relation and f.related_model is model]
    for field in self_links:
        linked = []
        for record, instance in zip(records, instances, strict=True):
            old = record[field.attname]
            if old is not None:
                setattr(instance, field.attname, _new_id(ids, table.key, old, where=f"{table.key} {record['id']}"))
                linked.append(instance)
        model._default_manager.bulk_update(linked, [field.name], batch_size=1000)
    for field in plain_many_to_many(model):
        target = table_for(field.related_model).key
        through = through_model(field)
        source_column, target_column = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
        pairs = [
            through(**{source_column: instance.pk, target_column: _new_id(ids, target, old, where=table.key)})
            for record, instance in zip(records, instances, strict=True)
            for old in _list(record, field.name, table.key)
        ]
        through._default_manager.bulk_create(pairs, batch_size=1000)
    for nested in table.nested:
        # The parent's new id is known by now, so the child's pointer maps like any other.
        children = [
            _instance(
                nested.model, {**child, "id": None, f"{nested.parent_field}_id": record["id"]}, ids=ids, owner=None
            )
            for record in records
            for child in _list(record, nested.key, table.key)
        ]
        _save_all(nested.model, children)
    return len(instances)


def _instance(
    model: type[models.Model], record: Any, *, ids: Ids, owner: User | None, table: Table | None = None
) -> models.Model:
    name = table.key if table else model._meta.verbose_name_plural
    if not isinstance(record, dict):
        raise BackupError(f'A row of "{name}" in the backup is not an object.')
    where = f"{name} {record.get('id')}"
    values: dict[str, Any] = {}
    for field in columns(model, skip=table.derived if table else ()):
        if field.attname not in record and table and field.name in table.added:
            values[field.attname] = field.get_default()
            continue
        if field.attname not in record:
            raise BackupError(f'The backup is incomplete: {where} has no "{field.attname}".')
        value = record[field.attname]
        if field.name == "id":
            continue
        if field.is_relation:
            if value is None or field.related_model is model:
                values[field.attname] = value
            else:
                # A relation's related_model is its target model class by now (never "self").
                target = cast(type[models.Model], field.related_model)
                values[field.attname] = _new_id(ids, table_for(target).key, value, where=where)
            continue
        try:
            values[field.attname] = field.to_python(value)
        except ValidationError as error:
            raise BackupError(f'{where} has a bad "{field.attname}": {" ".join(error.messages)}') from None
    if model is FollowUp and values.get("rule_key"):
        values["rule_key"] = remap_rule_key(values["rule_key"], ids, where=where)
    instance = model(**values)
    if owner is not None and isinstance(instance, OwnedModel):
        instance.owner = owner
    # Self-references are set once the whole table has its new ids.
    for field in columns(model):
        if field.is_relation and field.related_model is model:
            setattr(instance, field.attname, None)
    return instance


def _save_all(model: type[models.Model], instances: list[models.Model]) -> None:
    """Insert in bulk, keeping the file's created/updated times (auto_now fields would stamp "now")."""
    stamped = [
        f for f in model._meta.concrete_fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    kept = [[getattr(instance, f.attname) for f in stamped] for instance in instances]
    for instance in instances:
        if hasattr(instance, "prepare_for_save"):
            instance.prepare_for_save()
    model._default_manager.bulk_create(instances, batch_size=1000)
    if stamped:
        for instance, values in zip(instances, kept, strict=True):
            for field, value in zip(stamped, values, strict=True):
                setattr(instance, field.attname, value)
        model._default_manager.bulk_update(instances, [f.name for f in stamped], batch_size=1000)


RULE_KEY_IDS = re.compile(r"\b(meeting|search|contact):(\d+)\b")
RULE_KEY_TABLES = {"meeting": "meetings", "search": "searches", "contact": "contacts"}


def remap_rule_key(key: str, ids: Ids, *, where: str) -> str:
    """A rule's key names rows by id ("thank_you:meeting:42"); point it at the new rows."""
    return RULE_KEY_IDS.sub(
        lambda match: f"{match[1]}:{_new_id(ids, RULE_KEY_TABLES[match[1]], int(match[2]), where=where)}", key
    )


def _restore_preferences(user: User, preferences: Any) -> None:
    if not isinstance(preferences, dict):
        raise BackupError('"preferences" in the backup is not an object.')
    for name in PREFERENCES:
        if name in preferences:
            field = cast(models.Field, User._meta.get_field(name))  # a preference is a column
            try:
                setattr(user, name, field.clean(preferences[name], user))
            except ValidationError as error:
                raise BackupError(f'The backup has a bad preference "{name}": {" ".join(error.messages)}') from None
    user.save(update_fields=list(PREFERENCES))


def _old_id(record: dict, table: str) -> int:
    value = record.get("id")
    if not isinstance(value, int):
        raise BackupError(f'A row of "{table}" in the backup has no id.')
    return value


def _new_id(ids: Ids, table: str, old: Any, *, where: str) -> int:
    try:
        return ids[table][old]
    except (KeyError, TypeError):
        raise BackupError(
            f"The backup is inconsistent: {where} points to {table} {old!r}, which is not in the file."
        ) from None


def _list(record: dict, key: str, table: str) -> list:
    value = record.get(key)
    if not isinstance(value, list):
        raise BackupError(f'The backup is incomplete: {table} {record.get("id")} has no list "{key}".')
    return value
