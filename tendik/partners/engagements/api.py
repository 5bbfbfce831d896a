"""The meetings and agreements API: thin views over the selectors and services."""

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from tendik.core.api import ScopeFirstMixin
from tendik.core.serializers import (
    ConflictSerializer,
    NotFoundSerializer,
    ValidationErrorSerializer,
    render,
)

from ..models import Engagement, FollowUp
from . import services
from .capabilities import follow_up_capabilities, manages_country, may_add_engagements
from .filters import EngagementFilterSet, FollowUpFilterSet
from .selectors import engagements_visible_to, follow_ups_visible_to, with_details
from .serializers import (
    EngagementCreateSerializer,
    EngagementPatchSerializer,
    EngagementSerializer,
    FollowUpInSerializer,
    FollowUpPatchSerializer,
    FollowUpSerializer,
)

ERRORS, NOT_FOUND, CONFLICT = ValidationErrorSerializer, NotFoundSerializer, ConflictSerializer


def _allowed(allowed: bool) -> None:
    """A reader who may not write hears 403 before any word about the body."""
    if not allowed:
        raise PermissionDenied


def _read(serializer_class, request, partial: bool = False) -> dict:
    serializer = serializer_class(data=request.data, partial=partial)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class EngagementViewSet(ScopeFirstMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin,
                        viewsets.ReadOnlyModelViewSet):
    """Meetings and dialogues with their participants (positions as at the meeting), topics
    and agreements. Coordinators record and edit them; others read those their organisation
    took part in."""

    serializer_class = EngagementSerializer
    queryset = Engagement.objects.none()
    permission_classes = [IsAuthenticated]
    filterset_class = EngagementFilterSet
    # No PUT: a PATCH names what changes, so a client never blanks what it did not send.
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return with_details(engagements_visible_to(self.request.user)).order_by("-date", "-id")

    def _fresh(self, engagement):
        return render(EngagementSerializer, with_details(Engagement.objects).get(pk=engagement.pk))

    @extend_schema(request=EngagementCreateSerializer,
                   responses={201: EngagementSerializer, 400: ERRORS, 403: NOT_FOUND,
                              404: NOT_FOUND})
    def create(self, request):
        _allowed(may_add_engagements(request.user))
        data = _read(EngagementCreateSerializer, request)
        engagement = services.engagement_create(actor=request.user,
                                                country=data.pop("country", None), **data)
        return Response(self._fresh(engagement), status=status.HTTP_201_CREATED)

    @extend_schema(request=EngagementPatchSerializer,
                   responses={200: EngagementSerializer, 400: ERRORS, 403: NOT_FOUND,
                              404: NOT_FOUND, 409: CONFLICT})
    def partial_update(self, request, pk=None):
        _allowed(manages_country(request.user, self.get_object().country_id))
        data = _read(EngagementPatchSerializer, request, partial=True)
        engagement = services.engagement_update(actor=request.user, engagement=self.get_object(),
                                                version=data.pop("version"), data=data)
        return Response(self._fresh(engagement))

    @extend_schema(request=FollowUpInSerializer,
                   responses={201: FollowUpSerializer, 400: ERRORS, 403: NOT_FOUND,
                              404: NOT_FOUND})
    @action(detail=True, methods=["post"], url_path="follow-ups")
    def follow_ups(self, request, pk=None):
        """Add an agreement to the meeting."""
        _allowed(manages_country(request.user, self.get_object().country_id))
        data = _read(FollowUpInSerializer, request)
        follow_up = services.follow_up_add(actor=request.user, engagement=self.get_object(),
                                           **data)
        return Response(render(FollowUpSerializer, follow_up), status=status.HTTP_201_CREATED)


class FollowUpViewSet(ScopeFirstMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Agreements of the meetings the caller reads, oldest due first. Coordinators and the
    people of the owner organisation move their status and say what was done."""

    serializer_class = FollowUpSerializer
    queryset = FollowUp.objects.none()
    permission_classes = [IsAuthenticated]
    filterset_class = FollowUpFilterSet
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self):
        return follow_ups_visible_to(self.request.user).order_by("due_date", "id")

    @extend_schema(request=FollowUpPatchSerializer,
                   responses={200: FollowUpSerializer, 400: ERRORS, 403: NOT_FOUND,
                              404: NOT_FOUND, 409: CONFLICT})
    def partial_update(self, request, pk=None):
        follow_up = self.get_object()
        _allowed(follow_up_capabilities(request.user, follow_up).update)
        data = _read(FollowUpPatchSerializer, request)
        follow_up = services.follow_up_update(
            actor=request.user, follow_up=follow_up, version=data["version"],
            status=data.get("status", follow_up.status), note=data.get("note"),
            due_date=data.get("due_date"))
        return Response(render(FollowUpSerializer, follow_up))
