"""GET /api/v1/analytics/indicators/{id}/: one indicator's figure over the caller's basis."""

from drf_spectacular.utils import extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from tendik.core.serializers import render

from .api import BASIS_PARAMETERS, ERRORS, _param, basis_of
from .indicator_serializers import IndicatorFigureSerializer
from .indicators import indicator_figure, indicator_for_figure


class IndicatorFigureView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Indicator figure: values per period, breakdowns, gender gap, progress status",
        parameters=[_param("breakdown", "A dimension code of the indicator (sex, age_group…)"),
                    _param("plan", "Plan id: count only this plan's reports"),
                    *BASIS_PARAMETERS],
        responses={200: IndicatorFigureSerializer, **ERRORS})
    def get(self, request, pk):
        indicator = indicator_for_figure(request.user, pk)
        basis = basis_of(request, require_plan=False)
        figure = indicator_figure(basis, indicator,
                                  breakdown=request.query_params.get("breakdown") or None)
        return Response(render(IndicatorFigureSerializer, figure))
