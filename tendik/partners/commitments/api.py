"""The commitments API. The anonymous reader gets the published commitments (read-only)."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import SAFE_METHODS, AllowAny, IsAuthenticated
from rest_framework.response import Response

from tendik.core.api import ScopeFirstMixin
from tendik.core.serializers import (
    NotFoundSerializer,
    ValidationErrorSerializer,
    render,
)
from tendik.partners.models import Commitment
from tendik.territories.models import Territory

from . import services
from .capabilities import commitment_capabilities, may_create_commitments
from .filters import CommitmentFilterSet
from .selectors import commitments_visible_to, with_details
from .serializers import (
    CommitmentConflictSerializer,
    CommitmentPatchSerializer,
    CommitmentProgressSerializer,
    CommitmentProgressWriteSerializer,
    CommitmentPublishSerializer,
    CommitmentSerializer,
    CommitmentWriteSerializer,
)

ERRORS, NOT_FOUND = ValidationErrorSerializer, NotFoundSerializer
CONFLICT = CommitmentConflictSerializer
MULTIPART = {"multipart/form-data": CommitmentProgressWriteSerializer,
             "application/json": CommitmentProgressWriteSerializer}


class CommitmentViewSet(ScopeFirstMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                        viewsets.GenericViewSet):
    """Commitments (Generation Equality, CEDAW, national pledges) and their yearly progress.

    Coordinators see their country's; focal points, partners and committee members their own
    organisation's and the published ones of their country; the public the published ones."""

    serializer_class = CommitmentSerializer
    queryset = Commitment.objects.none()
    filterset_class = CommitmentFilterSet

    def get_permissions(self):
        return [AllowAny() if self.request.method in SAFE_METHODS else IsAuthenticated()]

    def _may(self, capability: str) -> Commitment:
        """The commitment if the caller may take this action on it, before reading the body:
        a reader who may not write gets 403, not a 400 about what they sent."""
        commitment = self.get_object()
        if not getattr(commitment_capabilities(self.request.user, commitment), capability):
            raise PermissionDenied
        return commitment

    def get_queryset(self):
        return with_details(commitments_visible_to(self.request.user)).order_by("target_date", "id")

    def _document(self, commitment: Commitment, code: int = status.HTTP_200_OK) -> Response:
        fresh = self.get_queryset().filter(pk=commitment.pk).first() or with_details(
            Commitment.objects.filter(pk=commitment.pk)).get()
        return Response(render(CommitmentSerializer, fresh, context={"request": self.request}),
                        status=code)

    @extend_schema(request=CommitmentWriteSerializer,
                   responses={201: CommitmentSerializer, 400: ERRORS, 403: NOT_FOUND,
                              404: NOT_FOUND})
    def create(self, request):
        if not may_create_commitments(request.user):
            raise PermissionDenied
        serializer = CommitmentWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        commitment = services.commitment_create(
            actor=request.user, country=_country_id(data.pop("country")),
            made_by=data.pop("made_by", None), **data)
        return self._document(commitment, status.HTTP_201_CREATED)

    @extend_schema(request=CommitmentPatchSerializer,
                   responses={200: CommitmentSerializer, 400: ERRORS, 403: NOT_FOUND,
                              404: NOT_FOUND, 409: CONFLICT})
    def partial_update(self, request, pk=None):
        commitment = self._may("edit")
        serializer = CommitmentPatchSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        commitment = services.commitment_update(
            actor=request.user, commitment=commitment, version=data.pop("version", None),
            data=data)
        return self._document(commitment)

    @extend_schema(request=CommitmentPublishSerializer,
                   responses={200: CommitmentSerializer, 400: ERRORS, 403: NOT_FOUND,
                              404: NOT_FOUND})
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        commitment = self._may("publish")
        serializer = CommitmentPublishSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        commitment = services.commitment_publish(
            actor=request.user, commitment=commitment,
            published=serializer.validated_data["published"])
        return self._document(commitment)

    @extend_schema(request=MULTIPART,
                   responses={200: CommitmentProgressSerializer, 400: ERRORS, 403: NOT_FOUND,
                              404: NOT_FOUND, 409: CONFLICT, 413: ERRORS})
    @action(detail=True, methods=["post"])
    def progress(self, request, pk=None):
        """Save one year's progress (JSON, or multipart with the `evidence` file). A second save
        for the same year updates it and needs its `version`."""
        commitment = self._may("progress")
        serializer = CommitmentProgressWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        row = services.commitment_progress_save(
            actor=request.user, commitment=commitment,
            evidence_upload=data.pop("evidence", None), **data)
        return Response(render(CommitmentProgressSerializer, row, context={"request": request}))


def _country_id(code: str):
    found = Territory.objects.filter(level="country", code=code.upper()).first()
    return found.pk if found else None
