from __future__ import annotations

from typing import cast

from rest_framework import serializers

from netweave.ownership import OwnedQuerySet


class OwnedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """An id that must name one of the requesting user's rows.

    Another user's id gets the same answer as an id that does not exist: a 400 naming
    the field, so nobody can probe which ids other people have.
    """

    def get_queryset(self) -> OwnedQuerySet:
        # Declared over an owned model's rows, so the queryset is there and an OwnedQuerySet.
        return cast(OwnedQuerySet, super().get_queryset()).for_owner(self.context["request"].user)
