from django.http import HttpResponse
from django.utils.text import slugify
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from tendik.core.api import ManagersOnly
from tendik.core.permissions import is_manager
from tendik.core.serializers import ConflictSerializer, ValidationErrorSerializer, render
from tendik.core.xlsx import XLSX_CONTENT_TYPE, check_upload_size
from tendik.territories.models import Territory

from . import services
from .docx_export import matrix_docx
from .filters import (
    FrameworkItemFilterSet,
    IndicatorFilterSet,
    MeasureFilterSet,
    PlanFilterSet,
    StrategyFilterSet,
)
from .matrix import matrix_workbook
from .models import (
    Comment,
    CommentStatus,
    FrameworkItem,
    Indicator,
    Measure,
    Plan,
    PlanKind,
    PlanStatus,
    Strategy,
)
from .selectors import (
    indicators_visible_to,
    measure_list,
    measure_prefetches,
    plan_comments,
    plan_document,
    plan_tree,
    plans_visible_to,
    strategies_visible_to,
)
from .serializers import PlanDocumentSerializer

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class ReadInScopeWriteManagers(permissions.BasePermission):
    """Reads are scoped by the selectors (the public sees published plans); writes need a manager."""

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        return bool(request.user and request.user.is_authenticated)


def _require_manager(request) -> None:
    if not is_manager(request.user):
        raise PermissionDenied


class StrategySerializer(serializers.ModelSerializer):
    title = serializers.CharField(read_only=True)
    country = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Strategy
        fields = ["id", "country", "parent", "title", "title_ru", "title_ky", "title_kk",
                  "title_en", "period_start", "period_end"]


class StrategyViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = StrategySerializer
    queryset = Strategy.objects.none()
    permission_classes = [permissions.AllowAny]
    filterset_class = StrategyFilterSet

    def get_queryset(self):
        return strategies_visible_to(self.request.user).order_by("id")


class PlanSerializer(serializers.ModelSerializer):
    title = serializers.CharField(read_only=True)
    country = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Plan
        fields = ["id", "kind", "status", "version", "country", "strategy", "period_start",
                  "period_end", "title", "title_ru", "title_ky", "title_kk", "title_en",
                  "act_type", "act_number", "act_date", "previous_version"]


class TransitionSerializer(serializers.Serializer):
    to = serializers.ChoiceField(choices=PlanStatus.choices)
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=2_000)


class PlanImportSerializer(serializers.Serializer):
    file = serializers.FileField()
    country = serializers.SlugRelatedField(slug_field="code",
                                           queryset=Territory.objects.filter(level="country"))
    kind = serializers.ChoiceField(choices=PlanKind.choices)
    title = serializers.CharField(max_length=500)
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    strategy = serializers.PrimaryKeyRelatedField(queryset=Strategy.objects.all(), required=False,
                                                  allow_null=True)

    def validate(self, attrs):
        if attrs["period_end"] < attrs["period_start"]:
            raise serializers.ValidationError({"period_end": "period_end < period_start"})
        return attrs


class CommentSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="created_by.username", read_only=True, default="")
    measure_code = serializers.CharField(source="measure.code", read_only=True, default=None,
                                         allow_null=True)

    class Meta:
        model = Comment
        fields = ["id", "plan", "measure", "measure_code", "text", "status", "reply", "author",
                  "created_at"]
        read_only_fields = ["plan", "status", "reply", "created_at"]
        extra_kwargs = {"text": {"max_length": 5_000}}


class CommentAnswerSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=[CommentStatus.ACCEPTED, CommentStatus.REJECTED])
    reply = serializers.CharField(max_length=5_000)


class PlanViewSet(viewsets.ReadOnlyModelViewSet):
    """Plans within the caller's scope; `retrieve` returns the whole plan as nested JSON."""

    serializer_class = PlanSerializer
    queryset = Plan.objects.none()
    permission_classes = [ReadInScopeWriteManagers]
    filterset_class = PlanFilterSet

    def get_queryset(self):
        return plans_visible_to(self.request.user).order_by("id")

    @extend_schema(responses={200: PlanDocumentSerializer})
    def retrieve(self, request, pk=None):
        return Response(render(PlanDocumentSerializer, plan_document(self.get_object())))

    @extend_schema(responses={(200, XLSX_CONTENT_TYPE): OpenApiTypes.BINARY})
    @action(detail=True, url_path="matrix.xlsx", methods=["get"])
    def matrix_xlsx(self, request, pk=None):
        plan = self.get_object()
        return self._file(matrix_workbook(plan, plan_tree(plan)), plan, "xlsx", XLSX_CONTENT_TYPE)

    @extend_schema(responses={(200, DOCX_CONTENT_TYPE): OpenApiTypes.BINARY})
    @action(detail=True, url_path="matrix.docx", methods=["get"])
    def matrix_docx(self, request, pk=None):
        plan = self.get_object()
        return self._file(matrix_docx(plan, plan_tree(plan)), plan, "docx", DOCX_CONTENT_TYPE)

    @staticmethod
    def _file(content: bytes, plan, extension: str, content_type: str) -> HttpResponse:
        response = HttpResponse(content, content_type=content_type)
        name = slugify(plan.title_en or f"plan-{plan.pk}") or f"plan-{plan.pk}"
        response["Content-Disposition"] = f'attachment; filename="{name}-v{plan.version}.{extension}"'
        return response

    @extend_schema(request=TransitionSerializer, responses={
        200: PlanSerializer, 409: ConflictSerializer})
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        _require_manager(request)
        serializer = TransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        plan = services.plan_transition(actor=request.user, plan=self.get_object(),
                                        to=serializer.validated_data["to"],
                                        reason=serializer.validated_data["reason"])
        return Response(PlanSerializer(plan).data)

    @extend_schema(request=None, responses={201: PlanSerializer, 409: ConflictSerializer})
    @action(detail=True, methods=["post"], url_path="new-version")
    def new_version(self, request, pk=None):
        _require_manager(request)
        copy = services.plan_new_version(actor=request.user, plan=self.get_object())
        return Response(PlanSerializer(copy).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=PlanImportSerializer, responses={
        201: inline_serializer("PlanImported", {"id": serializers.IntegerField()}),
        400: ValidationErrorSerializer})
    @action(detail=False, methods=["post"], url_path="import",
            parser_classes=[MultiPartParser, FormParser])
    def import_matrix(self, request):
        _require_manager(request)
        serializer = PlanImportSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        check_upload_size(data["file"].size)
        plan = services.plan_import_matrix(
            actor=request.user, content=data["file"].read(), country=data["country"],
            kind=data["kind"], title_ru=data["title"], period_start=data["period_start"],
            period_end=data["period_end"], strategy=data.get("strategy"))
        return Response({"id": plan.pk}, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["GET"], responses={200: CommentSerializer(many=True)})
    @extend_schema(methods=["POST"], request=CommentSerializer,
                   responses={201: CommentSerializer, 409: ConflictSerializer})
    @action(detail=True, methods=["get", "post"])
    def comments(self, request, pk=None):
        plan = self.get_object()
        if request.method == "GET":
            page = self.paginate_queryset(plan_comments(plan).order_by("created_at", "id"))
            return self.get_paginated_response(CommentSerializer(page, many=True).data)
        serializer = CommentSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        measure = serializer.validated_data.get("measure")
        comment = services.comment_add(actor=request.user, plan=plan, measure=measure,
                                       text=serializer.validated_data["text"])
        return Response(CommentSerializer(comment).data, status=status.HTTP_201_CREATED)


class CommentViewSet(viewsets.GenericViewSet):
    serializer_class = CommentSerializer
    queryset = Comment.objects.none()
    permission_classes = [ManagersOnly]

    def get_queryset(self):
        return Comment.objects.filter(plan__in=plans_visible_to(self.request.user))

    @extend_schema(request=CommentAnswerSerializer, responses={200: CommentSerializer})
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        serializer = CommentAnswerSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        comment = services.comment_answer(actor=request.user, comment=self.get_object(),
                                          **serializer.validated_data)
        return Response(CommentSerializer(comment).data)


class MeasureSerializer(serializers.ModelSerializer):
    title = serializers.CharField(read_only=True)
    lead_executor = serializers.CharField(source="lead_executor.name", read_only=True)
    frameworks = serializers.SerializerMethodField()
    framework_labels = serializers.SerializerMethodField()

    class Meta:
        model = Measure
        fields = ["id", "uid", "plan", "code", "title", "title_ru", "title_ky", "title_kk",
                  "title_en", "deadline_kind", "deadline_date", "deadline_end", "deadline_years",
                  "lead_executor", "frameworks", "framework_labels"]

    def get_frameworks(self, measure) -> list[str]:
        return [item.key for item in measure.frameworks.all()]

    def get_framework_labels(self, measure) -> list[str]:
        """As people cite them, in the request's language: «ЦУР 5.4», "CEDAW, article 11"."""
        return [item.label for item in measure.frameworks.all()]


class MeasureViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = MeasureSerializer
    queryset = Measure.objects.none()
    permission_classes = [permissions.AllowAny]
    filterset_class = MeasureFilterSet

    def get_queryset(self):
        return measure_list(user=self.request.user).prefetch_related(*measure_prefetches())


class IndicatorSerializer(serializers.ModelSerializer):
    country = serializers.SlugRelatedField(slug_field="code", read_only=True)
    dimensions = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    targets = serializers.SerializerMethodField()
    name = serializers.CharField(read_only=True)

    class Meta:
        model = Indicator
        fields = ["id", "country", "code", "name", "name_ru", "name_ky", "name_kk", "name_en",
                  "definition_ru", "unit", "direction", "aggregation", "dimensions",
                  "baseline_value", "baseline_year", "targets", "data_source", "responsible",
                  "sdg_code", "numerator", "denominator", "disclosure_control"]

    def get_targets(self, indicator) -> dict[str, str]:
        return {str(t.year): str(t.value) for t in indicator.targets.all()}


class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = IndicatorSerializer
    queryset = Indicator.objects.none()
    permission_classes = [permissions.AllowAny]
    filterset_class = IndicatorFilterSet

    def get_queryset(self):
        return indicators_visible_to(self.request.user).prefetch_related(
            "dimensions", "targets").order_by("id")


class FrameworkItemSerializer(serializers.ModelSerializer):
    title = serializers.CharField(read_only=True)
    label = serializers.CharField(read_only=True)

    class Meta:
        model = FrameworkItem
        fields = ["id", "kind", "code", "key", "label", "title", "title_ru", "title_ky",
                  "title_kk", "title_en"]


class FrameworkItemViewSet(viewsets.ReadOnlyModelViewSet):
    """International frameworks (SDG, CEDAW, Beijing, UNSCR 1325): public reference data."""

    serializer_class = FrameworkItemSerializer
    queryset = FrameworkItem.objects.order_by("kind", "code")
    permission_classes = [permissions.AllowAny]
    filterset_class = FrameworkItemFilterSet
