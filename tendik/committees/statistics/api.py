"""The monthly form's API: one form per body and month, read, saved, moved through its
life-cycle; and the list of forms in the caller's scope. A body outside the caller's scope is a
404 before the body of the request is read."""

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from tendik.core.serializers import NotFoundSerializer, ValidationErrorSerializer, render

from ..models import MonthlyStatistics
from . import services
from .filters import StatisticsFilterSet, review_queue_first
from .months import parse_month
from .selectors import body_for, statistics_of, statistics_visible_to, with_details
from .serializers import (
    StatisticsConflictSerializer,
    StatisticsSerializer,
    StatisticsTransitionSerializer,
    StatisticsWriteSerializer,
)

ERRORS, NOT_FOUND, CONFLICT = (ValidationErrorSerializer, NotFoundSerializer,
                               StatisticsConflictSerializer)
PATH = [OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH),
        OpenApiParameter("month", OpenApiTypes.STR, OpenApiParameter.PATH,
                         description="YYYY-MM")]


class _BodyMonthView(APIView):
    permission_classes = [IsAuthenticated]
    kind = "committee"

    def _body(self):
        body = body_for(self.request.user, self.kind, self.kwargs["id"])
        if body is None:
            raise NotFound
        return body

    def _row(self, body) -> MonthlyStatistics:
        row = statistics_of(body, parse_month(self.kwargs["month"]))
        if row is None:
            raise NotFound
        return row

    def _document(self, row: MonthlyStatistics, code: int = status.HTTP_200_OK) -> Response:
        fresh = with_details(MonthlyStatistics.objects.filter(pk=row.pk)).get()
        return Response(render(StatisticsSerializer, fresh), status=code)


class _StatisticsFormView(_BodyMonthView):
    @extend_schema(parameters=PATH, responses={200: StatisticsSerializer, 400: ERRORS,
                                               404: NOT_FOUND})
    def get(self, request, id: int, month: str):
        return self._document(self._row(self._body()))

    @extend_schema(parameters=PATH, request=StatisticsWriteSerializer,
                   responses={200: StatisticsSerializer, 201: StatisticsSerializer, 400: ERRORS,
                              403: NOT_FOUND, 404: NOT_FOUND, 409: CONFLICT})
    def put(self, request, id: int, month: str):
        """Save the month's form: the first save creates it (201), the next ones update it
        (200) and need the `version` read."""
        body = self._body()
        serializer = StatisticsWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        row, created = services.statistics_save(
            actor=request.user, **{self.kind: body}, month=month, comment=data.pop("comment"),
            version=data.pop("version"), counts=data)
        return self._document(row, status.HTTP_201_CREATED if created else status.HTTP_200_OK)


class _StatisticsTransitionView(_BodyMonthView):
    @extend_schema(parameters=PATH, request=StatisticsTransitionSerializer,
                   responses={200: StatisticsSerializer, 400: ERRORS, 403: NOT_FOUND,
                              404: NOT_FOUND, 409: CONFLICT})
    def post(self, request, id: int, month: str):
        """Submit (staff or coordinator); accept, return or reopen (coordinator; a return needs
        a `note`)."""
        row = self._row(self._body())
        serializer = StatisticsTransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        row = services.statistics_transition(actor=request.user, row=row,
                                             **serializer.validated_data)
        return self._document(row)


class CommitteeStatisticsView(_StatisticsFormView):
    """A committee's monthly form (counts only)."""


class ServiceStatisticsView(_StatisticsFormView):
    """A help service's monthly form (counts only)."""

    kind = "service"


class CommitteeStatisticsTransitionView(_StatisticsTransitionView):
    pass


class ServiceStatisticsTransitionView(_StatisticsTransitionView):
    kind = "service"


class StatisticsListView(generics.ListAPIView):
    """The monthly forms in the caller's scope: staff their own body's, coordinators their
    country's, forms waiting for review first."""

    serializer_class = StatisticsSerializer
    permission_classes = [IsAuthenticated]
    filterset_class = StatisticsFilterSet
    queryset = MonthlyStatistics.objects.none()

    def get_queryset(self) -> QuerySet[MonthlyStatistics]:
        return review_queue_first(with_details(statistics_visible_to(self.request.user)))
