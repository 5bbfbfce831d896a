"""The committees API: thin views over the selectors and services."""

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

from ..models import Committee
from . import services
from .capabilities import committee_capabilities, may_add_committees
from .filters import CommitteeFilterSet
from .selectors import committee_list, members_in_order, with_summary
from .serializers import (
    CommitteeCreateSerializer,
    CommitteePatchSerializer,
    CommitteeSerializer,
    MeetingInSerializer,
    MeetingSerializer,
    MemberInSerializer,
    MemberSerializer,
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


class CommitteeViewSet(ScopeFirstMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin,
                       viewsets.ReadOnlyModelViewSet):
    """Local committees for protection from family violence, with their members and meetings.
    Every signed-in user reads their country's; coordinators record and edit them; the
    committee's secretary adds its members and meetings."""

    serializer_class = CommitteeSerializer
    queryset = Committee.objects.none()
    permission_classes = [IsAuthenticated]
    filterset_class = CommitteeFilterSet
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return committee_list(self.request.user)

    def _fresh(self, committee):
        return render(CommitteeSerializer, with_summary(Committee.objects).get(pk=committee.pk))

    @extend_schema(request=CommitteeCreateSerializer,
                   responses={201: CommitteeSerializer, 400: ERRORS, 403: NOT_FOUND,
                              404: NOT_FOUND})
    def create(self, request):
        _allowed(may_add_committees(request.user))
        committee = services.committee_create(actor=request.user,
                                              **_read(CommitteeCreateSerializer, request))
        return Response(self._fresh(committee), status=status.HTTP_201_CREATED)

    @extend_schema(request=CommitteePatchSerializer,
                   responses={200: CommitteeSerializer, 400: ERRORS, 403: NOT_FOUND,
                              404: NOT_FOUND, 409: CONFLICT})
    def partial_update(self, request, pk=None):
        _allowed(committee_capabilities(request.user, self.get_object()).edit)
        data = _read(CommitteePatchSerializer, request, partial=True)
        committee = services.committee_update(actor=request.user, committee=self.get_object(),
                                              version=data.pop("version"), data=data)
        return Response(self._fresh(committee))

    def _records_allowed(self) -> None:
        capabilities = committee_capabilities(self.request.user, self.get_object())
        if not capabilities.records:
            services.refuse(capabilities)

    @extend_schema(methods=["GET"], responses={200: MemberSerializer(many=True)},
                   filters=False)
    @extend_schema(methods=["POST"], request=MemberInSerializer,
                   responses={201: MemberSerializer, 400: ERRORS, 403: NOT_FOUND,
                              404: NOT_FOUND}, filters=False)
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def members(self, request, pk=None):
        """The committee's members, chair and secretary first; POST adds one."""
        committee = self.get_object()
        if request.method == "GET":
            rows = members_in_order(committee.members.all())
            return Response(render(MemberSerializer, rows, many=True))
        self._records_allowed()
        member = services.member_add(actor=request.user, committee=committee,
                                     **_read(MemberInSerializer, request))
        return Response(render(MemberSerializer, member), status=status.HTTP_201_CREATED)

    @extend_schema(methods=["GET"], responses={200: MeetingSerializer(many=True)},
                   filters=False)
    @extend_schema(methods=["POST"], request=MeetingInSerializer,
                   responses={201: MeetingSerializer, 400: ERRORS, 403: NOT_FOUND,
                              404: NOT_FOUND}, filters=False)
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def meetings(self, request, pk=None):
        """The committee's meetings, newest first; POST records one."""
        committee = self.get_object()
        if request.method == "GET":
            return Response(render(MeetingSerializer, committee.meetings.order_by(
                "-date", "-id"), many=True))
        self._records_allowed()
        meeting = services.meeting_add(actor=request.user, committee=committee,
                                       **_read(MeetingInSerializer, request))
        return Response(render(MeetingSerializer, meeting), status=status.HTTP_201_CREATED)
