"""The OpenAPI schema's generator: drf-spectacular's, plus the 400 every paginated list answers."""

from __future__ import annotations

from typing import Any

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema

# A filter value the list does not know ({"due": ["Choose one of: ..."]}) or a cursor it did not
# issue ({"cursor": ["This cursor was not issued by this list. ..."]}): keyed by the query parameter.
BAD_QUERY_PARAMETER = {
    "description": "A query parameter the list cannot use, keyed by its name with what to do instead. "
    "A `cursor` it did not issue (mistyped, edited, cut off, or from another list) is one: "
    "drop it to start again from the first page.",
    "content": {
        "application/json": {
            "schema": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}}
        }
    },
}


class AutoSchema(SpectacularAutoSchema):
    def get_operation(self, *args: Any, **kwargs: Any) -> dict[str, Any] | None:
        operation = super().get_operation(*args, **kwargs)
        if operation and any(parameter.get("name") == "cursor" for parameter in operation.get("parameters", [])):
            operation["responses"].setdefault("400", BAD_QUERY_PARAMETER)
        return operation
