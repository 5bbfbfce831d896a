"""Figures per territory: `GET /api/v1/analytics/territories/?plan=…`."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from tendik.core.serializers import render

from .api import ERRORS
from .basis import basis_for
from .serializers import BasedOnSerializer, ReachCountsSerializer
from .territories import METRICS, check_metric, territory_figures


class TerritoryQuerySerializer(serializers.Serializer):
    plan = serializers.IntegerField(help_text="Plan id (required; 404 outside the caller's scope)")
    period_from = serializers.CharField(required=False,
                                        help_text="Period id, or ISO date, year-month or year")
    period_to = serializers.CharField(required=False,
                                      help_text="Period id, or ISO date, year-month or year")
    include = serializers.ChoiceField(choices=["submitted"], required=False, help_text=(
        "Coordinators: count reports under review too"))
    metric = serializers.ChoiceField(choices=METRICS, required=False, default=METRICS[0])
    region = serializers.CharField(required=False, help_text=(
        "A first-level region's code: the rows become its districts. An unknown code is a 400 "
        "naming `region`, as an unknown period is."))


class TerritoryCountsSerializer(ReachCountsSerializer):
    measures = serializers.IntegerField(help_text="Measures naming a territory in it")


class TerritoryRowSerializer(TerritoryCountsSerializer):
    code = serializers.CharField()
    name = serializers.CharField()


class RegionSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class TerritoryFiguresSerializer(serializers.Serializer):
    plan = serializers.IntegerField()
    based_on = BasedOnSerializer()
    metric = serializers.ChoiceField(choices=METRICS)
    country = serializers.CharField()
    region = RegionSerializer(allow_null=True, help_text="The region drilled into, if any")
    regions = TerritoryRowSerializer(many=True, help_text=(
        "First-level regions, or the districts of `region`"))
    unplaced = TerritoryCountsSerializer(help_text=(
        "What names no more precise territory: the whole country (or none), or the region"))
    totals = TerritoryCountsSerializer()


class TerritoryFiguresView(APIView):
    """Activities, participants (women, men, not recorded) and measures per region of a plan's
    country, counted from accepted reports (coordinators may add `include=submitted`)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=[TerritoryQuerySerializer],
                   responses={200: TerritoryFiguresSerializer, **ERRORS})
    def get(self, request):
        params = request.query_params
        basis = basis_for(request.user, plan_id=params.get("plan"),
                          period_from=params.get("period_from"),
                          period_to=params.get("period_to"), include=params.get("include"))
        metric = check_metric(params.get("metric"))
        figures = territory_figures(basis, region_code=params.get("region"))
        return Response(render(TerritoryFiguresSerializer, {**figures, "metric": metric}))
