"""The help-services API. The anonymous reader gets the active services (read-only)."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import SAFE_METHODS, AllowAny, IsAuthenticated
from rest_framework.response import Response

from tendik.committees.models import HelpService
from tendik.core.api import ScopeFirstMixin
from tendik.core.serializers import NotFoundSerializer, ValidationErrorSerializer, render
from tendik.territories.models import Territory

from . import services
from .capabilities import may_create_help_services, may_edit_help_service
from .filters import HelpServiceFilterSet
from .selectors import help_services_visible_to, with_details
from .serializers import (
    HelpServiceConflictSerializer,
    HelpServicePatchSerializer,
    HelpServiceSerializer,
    HelpServiceWriteSerializer,
)

ERRORS, NOT_FOUND = ValidationErrorSerializer, NotFoundSerializer


class HelpServiceViewSet(ScopeFirstMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                         viewsets.GenericViewSet):
    """Crisis centres, hotlines and other help services, and the territories they serve.

    `territory` lists the services covering it (the territory itself or any ancestor) and its
    country's national hotlines. Signed-in users see their country's services; the public the
    active ones. Coordinators add and change them; an organisation's users change its own."""

    serializer_class = HelpServiceSerializer
    queryset = HelpService.objects.none()
    filterset_class = HelpServiceFilterSet

    def get_permissions(self):
        return [AllowAny() if self.request.method in SAFE_METHODS else IsAuthenticated()]

    def get_queryset(self):
        return with_details(help_services_visible_to(self.request.user)).order_by(
            "country__code", "name_ru", "id")

    def _document(self, service: HelpService, code: int = status.HTTP_200_OK) -> Response:
        fresh = with_details(HelpService.objects.filter(pk=service.pk)).get()
        return Response(render(HelpServiceSerializer, fresh), status=code)

    @extend_schema(request=HelpServiceWriteSerializer,
                   responses={201: HelpServiceSerializer, 400: ERRORS, 403: NOT_FOUND,
                              404: NOT_FOUND})
    def create(self, request):
        if not may_create_help_services(request.user):
            raise PermissionDenied
        serializer = HelpServiceWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        country = Territory.objects.filter(level="country",
                                           code=data.pop("country").upper()).first()
        service = services.help_service_create(
            actor=request.user, country=country.pk if country else None,
            territories=_territory_ids(data.pop("territories")), **data)
        return self._document(service, status.HTTP_201_CREATED)

    @extend_schema(request=HelpServicePatchSerializer,
                   responses={200: HelpServiceSerializer, 400: ERRORS, 403: NOT_FOUND,
                              404: NOT_FOUND, 409: HelpServiceConflictSerializer})
    def partial_update(self, request, pk=None):
        service = self.get_object()
        if not may_edit_help_service(request.user, service):
            raise PermissionDenied  # before reading the body: a reader gets 403, not a 400
        serializer = HelpServicePatchSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if "territories" in data:
            data["territories"] = _territory_ids(data["territories"])
        service = services.help_service_update(actor=request.user, service=service,
                                               version=data.pop("version", None), data=data)
        return self._document(service)


def _territory_ids(codes: list[str]) -> list:
    """Ids for the codes sent; an unknown code stays as it is, for the service to refuse."""
    found = dict(Territory.objects.filter(code__in=codes).values_list("code", "pk"))
    return [found.get(code, code) for code in codes]
