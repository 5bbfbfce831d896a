"""The figures' API: read-only, scoped to the caller, typed for the schema."""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from tendik.core.errors import DomainError
from tendik.core.filters import active_filters
from tendik.core.serializers import NotFoundSerializer, ValidationErrorSerializer, render
from tendik.plans.models import Measure
from tendik.reporting.filters import ActivityFilterSet
from tendik.reporting.models import Activity

from .basis import basis_for
from .discipline import reporting_discipline, visible_period
from .filters import PlanProgressFilterSet
from .progress import plan_progress
from .reach import GROUPINGS, activity_reach
from .serializers import (
    ActivityReachSerializer,
    PlanProgressSerializer,
    ReportingDisciplineSerializer,
)

ERRORS = {400: ValidationErrorSerializer, 404: NotFoundSerializer}


def _param(name: str, description: str, **kwargs) -> OpenApiParameter:
    return OpenApiParameter(name, kwargs.pop("type", OpenApiTypes.STR), description=description,
                            **kwargs)


BASIS_PARAMETERS = [
    _param("period_from", "A period id (its start) or a date: YYYY, YYYY-MM or YYYY-MM-DD"),
    _param("period_to", "A period id (its end) or a date: YYYY, YYYY-MM or YYYY-MM-DD"),
    _param("include", "`submitted` adds reports under review (coordinators only)",
           enum=["submitted"]),
]


def basis_of(request, *, require_plan: bool = True):
    params = request.query_params
    return basis_for(request.user, plan_id=params.get("plan"),
                     period_from=params.get("period_from"), period_to=params.get("period_to"),
                     include=params.get("include"), require_plan=require_plan)


def filtered(filterset):
    """The FilterSet's queryset, or a 400 naming each field with a bad value."""
    if not filterset.is_valid():
        raise DomainError(_("Проверьте параметры фильтра"), errors=[
            {"field": field, "message": str(message)}
            for field, messages in filterset.errors.items() for message in messages])
    return filterset.qs


def choice(request, name: str, allowed) -> str | None:
    value = request.query_params.get(name) or None
    if value is not None and value not in allowed:
        raise DomainError(_("Недопустимое значение параметра %(name)s") % {"name": name}, errors=[
            {"field": name, "message": _("допустимо: %(values)s") % {
                "values": ", ".join(allowed)}}])
    return value


class PlanProgressView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Plan progress: measures by latest reported status",
        parameters=[_param("plan", "Plan id", type=OpenApiTypes.INT, required=True),
                    *BASIS_PARAMETERS,
                    _param("area", "Priority area code"),
                    _param("executor", "Organisation id: lead or co-executor",
                           type=OpenApiTypes.INT),
                    _param("territory", "Region or district code"),
                    _param("deadline_year", "Year the measure's deadline falls in",
                           type=OpenApiTypes.INT),
                    _param("group_by", "Add groups by objective, executor, territory or "
                           "deadline year", enum=["objective", "executor", "territory",
                                                  "deadline_year"])],
        responses={200: PlanProgressSerializer, **ERRORS})
    def get(self, request):
        basis = basis_of(request)
        filterset = PlanProgressFilterSet(request.query_params, queryset=Measure.objects.all(),
                                          request=request, plan=basis.plan)
        measures = filtered(filterset)
        group_by = filterset.form.cleaned_data.get("group_by") or None
        return Response(render(PlanProgressSerializer,
                               plan_progress(basis, measures=measures, group_by=group_by)))


class ActivityReachView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Activities and reach: counts of activities and participants",
        parameters=[_param("plan", "Plan id; without it, every plan the caller may see",
                           type=OpenApiTypes.INT),
                    *BASIS_PARAMETERS, _param("group_by", "Grouping", enum=list(GROUPINGS)),
                    _param("territory", "Region or district code"),
                    _param("kind", "Activity kind"), _param("audience", "Audience code"),
                    _param("partner", "Partner organisation id", type=OpenApiTypes.INT),
                    _param("measure", "Measure id", type=OpenApiTypes.INT)],
        responses={200: ActivityReachSerializer, **ERRORS})
    def get(self, request):
        basis = basis_of(request, require_plan=False)
        group_by = choice(request, "group_by", GROUPINGS)
        # The activities list's own FilterSet narrows the figure: one set of filters for both.
        filterset = ActivityFilterSet(request.query_params, queryset=Activity.objects.all(),
                                      request=request)
        activities = filtered(filterset)
        # Without a narrowing filter, no "id IN (every activity)" for the database to scan.
        narrowed = set(active_filters(filterset)) - {"plan"}
        return Response(render(ActivityReachSerializer, activity_reach(
            basis, group_by=group_by, activities=activities if narrowed else None)))


class ReportingDisciplineView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Reporting discipline: completeness and timeliness per organisation",
        parameters=[_param("period", "Reporting period id", type=OpenApiTypes.INT,
                           required=True)],
        responses={200: ReportingDisciplineSerializer, **ERRORS})
    def get(self, request):
        period = visible_period(request.user, request.query_params.get("period"))
        return Response(render(ReportingDisciplineSerializer,
                               reporting_discipline(request.user, period)))
