from django.http import FileResponse, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from tendik.core.api import ManagersOnly
from tendik.core.xlsx import XLSX_CONTENT_TYPE, check_upload_size
from tendik.plans.models import Plan
from tendik.plans.selectors import plans_visible_to

from . import services
from .filters import PeriodFilterSet, ReportFilterSet
from .models import Evidence, PeriodKind, Report, ReportingPeriod
from .selectors import evidence_visible_to, periods_visible_to, report_document, reports_visible_to
from .xlsx_bulk import report_template

CONFLICT = inline_serializer("SectionConflict", {"detail": serializers.CharField(),
                                          "current": serializers.JSONField()})
ERRORS = inline_serializer("ReportErrors", {"detail": serializers.CharField(),
                                            "errors": serializers.JSONField()})


class PeriodSerializer(serializers.ModelSerializer):
    plan = serializers.PrimaryKeyRelatedField(queryset=Plan.objects.all())
    kind = serializers.ChoiceField(choices=PeriodKind.choices)

    class Meta:
        model = ReportingPeriod
        fields = ["id", "plan", "kind", "start", "end", "due_date", "state"]
        read_only_fields = ["state"]


class PeriodViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = PeriodSerializer
    queryset = ReportingPeriod.objects.none()
    permission_classes = [IsAuthenticated]
    filterset_class = PeriodFilterSet

    def get_queryset(self):
        return periods_visible_to(self.request.user).order_by("-start", "id")

    def get_permissions(self):
        return [ManagersOnly()] if self.request.method == "POST" else super().get_permissions()

    @extend_schema(request=PeriodSerializer, responses={201: PeriodSerializer})
    def create(self, request):
        serializer = PeriodSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        plan = plans_visible_to(request.user).get(pk=data.pop("plan").pk)
        period = services.period_create(actor=request.user, plan=plan, **data)
        return Response(PeriodSerializer(period).data, status=status.HTTP_201_CREATED)

    def _move(self, request, to: str):
        period = services.period_transition(actor=request.user, period=self.get_object(), to=to)
        return Response({**PeriodSerializer(period).data,
                         "reports": period.reports.count()})

    @extend_schema(request=None, responses={200: PeriodSerializer, 409: CONFLICT})
    @action(detail=True, methods=["post"], permission_classes=[ManagersOnly])
    def open(self, request, pk=None):
        return self._move(request, "open")

    @extend_schema(request=None, responses={200: PeriodSerializer, 409: CONFLICT})
    @action(detail=True, methods=["post"], permission_classes=[ManagersOnly])
    def close(self, request, pk=None):
        return self._move(request, "closed")

    @extend_schema(request=None, responses={200: PeriodSerializer, 409: CONFLICT})
    @action(detail=True, methods=["post"], permission_classes=[ManagersOnly])
    def lock(self, request, pk=None):
        return self._move(request, "locked")


class ReportSerializer(serializers.ModelSerializer):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = Report
        fields = ["id", "period", "plan", "organisation", "organisation_name", "state", "version",
                  "completeness", "submitted_at", "accepted_at", "last_activity_at"]


class ProgressPatchSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    status = serializers.CharField(required=False, allow_blank=True)
    narrative_ru = serializers.CharField(required=False, allow_blank=True)
    narrative_ky = serializers.CharField(required=False, allow_blank=True)
    narrative_kk = serializers.CharField(required=False, allow_blank=True)
    narrative_en = serializers.CharField(required=False, allow_blank=True)
    spent_amount = serializers.DecimalField(max_digits=18, decimal_places=2, required=False,
                                            allow_null=True)
    spent_currency = serializers.CharField(required=False, allow_blank=True, max_length=3)
    reason = serializers.CharField(required=False, allow_blank=True)


class ObservationInputSerializer(serializers.Serializer):
    indicator = serializers.IntegerField()
    disaggregation = serializers.DictField(child=serializers.CharField(), required=False)
    value = serializers.CharField()
    override_reason = serializers.CharField(required=False, allow_blank=True)


class ObservationsPatchSerializer(serializers.Serializer):
    """The documented shape; ObservationsInput checks it cheaply and the service in depth."""

    version = serializers.IntegerField()
    values = ObservationInputSerializer(many=True)


class ObservationsInput(serializers.Serializer):
    # A nested serializer costs ~0.2 ms a value; 500 values per save made that the hot path.
    version = serializers.IntegerField()
    values = serializers.ListField(child=serializers.DictField())


class ActivitiesPatchSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    activities = serializers.ListField(child=serializers.DictField())


class ReturnSerializer(serializers.Serializer):
    comments = serializers.ListField(child=serializers.DictField(), min_length=1)


class NoteSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000, help_text=(
        "Why the report is submitted or accepted with gaps; required when it has any."))


class ReopenSerializer(serializers.Serializer):
    reason = serializers.CharField()


class EvidenceUploadSerializer(serializers.Serializer):
    file = serializers.FileField(required=False)
    url = serializers.URLField(required=False, allow_blank=True)
    measure = serializers.IntegerField(required=False, allow_null=True)
    description = serializers.CharField(required=False, allow_blank=True)


class UploadSerializer(serializers.Serializer):
    file = serializers.FileField()


def _report_template_response(report) -> HttpResponse:
    response = HttpResponse(report_template(report), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="report-{report.pk}.xlsx"'
    return response


class ReportFilesMixin:
    @extend_schema(responses={(200, XLSX_CONTENT_TYPE): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"], url_path="template.xlsx", url_name="template")
    def template(self, request, pk=None):
        return _report_template_response(self.get_object())

    @extend_schema(request=UploadSerializer, responses={
        200: OpenApiTypes.OBJECT,
        400: inline_serializer("UploadErrors", {
            "detail": serializers.CharField(),
            "errors": inline_serializer("UploadError", {
                "sheet": serializers.CharField(), "row": serializers.IntegerField(),
                "column": serializers.CharField(), "message": serializers.CharField()},
                many=True)})})
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def upload(self, request, pk=None):
        serializer = UploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        upload = serializer.validated_data["file"]
        check_upload_size(upload.size)
        counts = services.report_upload_xlsx(actor=request.user, report=self.get_object(),
                                             content=upload.read())
        return Response({"saved": counts})


class ReportViewSet(ReportFilesMixin, viewsets.ReadOnlyModelViewSet):
    """Reports within the caller's scope; sections are saved with the version they were read at."""

    serializer_class = ReportSerializer
    queryset = Report.objects.none()
    permission_classes = [IsAuthenticated]
    filterset_class = ReportFilterSet

    def get_queryset(self):
        return reports_visible_to(self.request.user).order_by("id")

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def retrieve(self, request, pk=None):
        return Response(report_document(self.get_object()))

    @extend_schema(request=ProgressPatchSerializer,
                   responses={200: OpenApiTypes.OBJECT, 409: CONFLICT, 400: ERRORS})
    @action(detail=True, methods=["patch"], url_path=r"progress/(?P<measure_id>\d+)")
    def progress(self, request, pk=None, measure_id=None):
        serializer = ProgressPatchSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        version = data.pop("version")
        return Response(services.progress_save(actor=request.user, report=self.get_object(),
                                               measure_id=int(measure_id), version=version,
                                               data=data))

    @extend_schema(request=ObservationsPatchSerializer,
                   responses={200: OpenApiTypes.OBJECT, 409: CONFLICT, 400: ERRORS})
    @action(detail=True, methods=["patch"])
    def observations(self, request, pk=None):
        serializer = ObservationsInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        return Response(services.observations_save(
            actor=request.user, report=self.get_object(), **serializer.validated_data))

    @extend_schema(request=ActivitiesPatchSerializer,
                   responses={200: OpenApiTypes.OBJECT, 409: CONFLICT, 400: ERRORS})
    @action(detail=True, methods=["patch"])
    def activities(self, request, pk=None):
        serializer = ActivitiesPatchSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return Response(services.activities_save(
            actor=request.user, report=self.get_object(), **serializer.validated_data))

    def _act(self, request, name: str, **kwargs):
        report = services.report_act(actor=request.user, report=self.get_object(), action=name,
                                     **kwargs)
        return Response(ReportSerializer(report).data)

    def _note(self, request) -> str:
        serializer = NoteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data.get("note", "")

    @extend_schema(request=NoteSerializer,
                   responses={200: ReportSerializer, 400: ERRORS, 409: CONFLICT})
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        report = self.get_object()
        name = "resubmit" if report.state == "returned" else "submit"
        return self._act(request, name, note=self._note(request))

    @extend_schema(request=ReturnSerializer, responses={200: ReportSerializer, 409: CONFLICT})
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_report(self, request, pk=None):
        serializer = ReturnSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._act(request, "return", comments=serializer.validated_data["comments"])

    @extend_schema(request=NoteSerializer,
                   responses={200: ReportSerializer, 400: ERRORS, 409: CONFLICT})
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        return self._act(request, "accept", note=self._note(request))

    @extend_schema(request=ReopenSerializer, responses={200: ReportSerializer, 409: CONFLICT})
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        serializer = ReopenSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._act(request, "reopen", reason=serializer.validated_data["reason"])

    @extend_schema(request=EvidenceUploadSerializer, responses={
        201: OpenApiTypes.OBJECT, 400: ERRORS,
        413: inline_serializer("TooLarge", {"detail": serializers.CharField()})})
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser,
                                                            JSONParser])
    def evidence(self, request, pk=None):
        serializer = EvidenceUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        evidence = services.evidence_add(
            actor=request.user, report=self.get_object(), upload=data.get("file"),
            url=data.get("url", ""), measure_id=data.get("measure"),
            description=data.get("description", ""))
        return Response({"id": evidence.pk, "name": evidence.original_name,
                         "content_type": evidence.content_type, "size": evidence.size},
                        status=status.HTTP_201_CREATED)


class EvidenceViewSet(viewsets.GenericViewSet):
    """Evidence files, served only to users who may read the report (never from the web root)."""

    queryset = Evidence.objects.none()
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return evidence_visible_to(self.request.user)

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        evidence = self.get_object()
        return FileResponse(evidence.file.open("rb"), as_attachment=True,
                            filename=evidence.original_name or evidence.file.name,
                            content_type=evidence.content_type)
