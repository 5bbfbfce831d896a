"""The funding figures' API: read-only, scoped to the caller's plans, typed for the schema."""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from tendik.core.errors import DomainError
from tendik.core.serializers import (
    ConflictSerializer,
    NotFoundSerializer,
    ValidationErrorSerializer,
    render,
)

from .currencies import REPORTING_CURRENCIES
from .forms import FundingForm
from .funding import plan_funding
from .serializers import FundingSerializer


def funding_query(form: FundingForm) -> dict:
    """The parsed query, or a 400 naming each parameter with a bad value."""
    if not form.is_valid():
        raise DomainError(_("Проверьте параметры запроса"), errors=[
            {"field": field, "message": str(message)}
            for field, messages in form.errors.items() for message in messages])
    data = form.cleaned_data
    return {"plan_id": data["plan"], "currency": data["currency"] or None, "on": data["date"]}


class FundingView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="A plan's funding in a reporting currency, with the rates used",
        parameters=[
            OpenApiParameter("plan", OpenApiTypes.INT, required=True, description="Plan id"),
            OpenApiParameter("currency", OpenApiTypes.STR, enum=list(REPORTING_CURRENCIES),
                             description="Reporting currency; default: the plan country's own"),
            OpenApiParameter("date", OpenApiTypes.DATE, description=(
                "Value planned amounts at this day's rates (default: today); YYYY-MM-DD")),
        ],
        responses={200: FundingSerializer, 400: ValidationErrorSerializer,
                   404: NotFoundSerializer, 409: ConflictSerializer})
    def get(self, request):
        query = funding_query(FundingForm(request.query_params))
        return Response(render(FundingSerializer, plan_funding(request.user, **query)))
