from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import serializers, status
from rest_framework.response import Response

REFUSAL = OpenApiResponse(
    response=inline_serializer(
        "Refusal",
        {"detail": serializers.CharField(), "code": serializers.CharField()},
    ),
    description="The step does not fit the current state; ``detail`` says why.",
)


def refused(detail: str, *, code: str) -> Response:
    """A 409: the request was understood but the object's state refuses it."""
    return Response({"detail": detail, "code": code}, status=status.HTTP_409_CONFLICT)
