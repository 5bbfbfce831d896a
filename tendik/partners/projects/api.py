"""The projects API: list and filter, create, edit with the version read, move along the life
cycle, and the disbursements of a project."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from tendik.core.api import ScopeFirstMixin
from tendik.core.serializers import (
    ConflictSerializer,
    NotFoundSerializer,
    ValidationErrorSerializer,
    render,
)

from ..models import Project
from . import services
from .filters import ProjectFilterSet
from .selectors import (
    may_create_projects,
    project_disbursements,
    project_list,
    project_writable,
    with_rows,
)
from .serializers import (
    DisbursementCreatedSerializer,
    DisbursementInSerializer,
    DisbursementSerializer,
    ProjectCreateSerializer,
    ProjectSerializer,
    ProjectTransitionSerializer,
    ProjectUpdateSerializer,
)

ERRORS, NOT_FOUND, CONFLICT = ValidationErrorSerializer, NotFoundSerializer, ConflictSerializer


class ProjectViewSet(ScopeFirstMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Projects and programmes the caller reads: admins all, coordinators and observers their
    country's, an organisation's people the projects their organisation is a partner of."""

    serializer_class = ProjectSerializer
    queryset = Project.objects.none()  # for the schema; get_queryset scopes every request
    permission_classes = [IsAuthenticated]
    filterset_class = ProjectFilterSet

    def get_queryset(self):
        return project_list(self.request.user)

    def _writable_object(self):
        """The project, if the caller may change it: a reader gets 403 whatever the body holds."""
        project = self.get_object()
        if not project_writable(self.request.user, project):
            raise PermissionDenied
        return project

    def paginate_queryset(self, queryset):
        return with_rows(super().paginate_queryset(queryset))

    def _reload(self, project) -> dict:
        project = project_list(self.request.user).get(pk=project.pk)
        return render(ProjectSerializer, with_rows([project])[0])

    @extend_schema(responses={200: ProjectSerializer, 404: NOT_FOUND})
    def retrieve(self, request, pk=None):
        return Response(render(ProjectSerializer, with_rows([self.get_object()])[0]))

    @extend_schema(request=ProjectCreateSerializer,
                   responses={201: ProjectSerializer, 400: ERRORS, 403: NOT_FOUND, 404: ERRORS})
    def create(self, request):
        if not may_create_projects(request.user):
            raise PermissionDenied
        serializer = ProjectCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        project = services.project_create(actor=request.user, **serializer.validated_data)
        return Response(self._reload(project), status=status.HTTP_201_CREATED)

    @extend_schema(request=ProjectUpdateSerializer,
                   responses={200: ProjectSerializer, 400: ERRORS, 403: NOT_FOUND,
                              404: NOT_FOUND, 409: CONFLICT})
    def partial_update(self, request, pk=None):
        project = self._writable_object()
        serializer = ProjectUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        project = services.project_update(actor=request.user, project=project,
                                          version=data.pop("version"), data=data)
        return Response(self._reload(project))

    @extend_schema(request=ProjectTransitionSerializer,
                   responses={200: ProjectSerializer, 400: ERRORS, 403: NOT_FOUND,
                              404: NOT_FOUND, 409: CONFLICT})
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        project = self._writable_object()
        serializer = ProjectTransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        project = services.project_transition(actor=request.user, project=project,
                                              to=serializer.validated_data["to"])
        return Response(self._reload(project))

    @extend_schema(methods=["get"], request=None,
                   responses={200: DisbursementSerializer(many=True), 404: NOT_FOUND})
    @extend_schema(methods=["post"], request=DisbursementInSerializer,
                   responses={201: DisbursementCreatedSerializer, 400: ERRORS, 403: NOT_FOUND,
                              404: NOT_FOUND})
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def disbursements(self, request, pk=None):
        """GET lists the project's disbursements, newest first; POST adds one. One beyond the
        budget in its currency is saved and answered with `warnings`."""
        if request.method == "GET":
            return Response(render(DisbursementSerializer,
                                   project_disbursements(self.get_object()), many=True))
        project = self._writable_object()
        serializer = DisbursementInSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        row, warnings = services.disbursement_add(actor=request.user, project=project,
                                                  **serializer.validated_data)
        return Response({**render(DisbursementSerializer, row), "warnings": warnings},
                        status=status.HTTP_201_CREATED)
