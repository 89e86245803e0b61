"""The base of every model factory: calling it is typed as the model it builds."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

import factory

T = TypeVar("T")


class ModelFactory(factory.django.DjangoModelFactory[T]):
    """``ContactFactory(...)`` is a ``Contact`` to mypy, as it is at run time.

    factory_boy builds the row in its metaclass's ``__call__``, which mypy does not
    read, so without this every call would be typed as the factory class itself.
    """

    class Meta:
        abstract = True

    if TYPE_CHECKING:
        # mypy wants __new__ to return the class; factory_boy's metaclass returns the model.
        def __new__(cls, *args: Any, **kwargs: Any) -> T: ...  # type: ignore[misc]
