"""The national report over the API: start one (a job to poll), list the generated ones."""

from django.conf import settings
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from tendik.core.api import ManagersOnly
from tendik.core.serializers import NotFoundSerializer, ValidationErrorSerializer

from .files import national_report_download_response
from .filters import NationalReportFilterSet
from .models import NationalReport, ReportFormat
from .render import CONTENT_TYPES
from .selectors import national_report_file, national_reports_visible_to
from .services import national_report_request


class NationalReportRequestSerializer(serializers.Serializer):
    plan = serializers.IntegerField(min_value=1)
    period_from = serializers.CharField(required=False, allow_blank=True, help_text=(
        "A reporting period of the plan (its id), or a date: 2022, 2022-06, 2022-06-30. "
        "Empty: from the plan's start."))
    period_to = serializers.CharField(required=False, allow_blank=True, help_text=(
        "Like period_from; empty: to the plan's end."))
    format = serializers.ChoiceField(choices=ReportFormat.choices)
    language = serializers.ChoiceField(choices=settings.LANGUAGES,
                                       help_text="ru and en always; ky for KG plans, kk for KZ.")


class JobCreatedSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The job: poll GET /api/v1/jobs/{id}/.")
    national_report = serializers.IntegerField()
    created = serializers.BooleanField(help_text=(
        "false when the same request was already queued or running: its job is returned."))


class ForbiddenSerializer(serializers.Serializer):
    detail = serializers.CharField()


class NationalReportRequestView(APIView):
    permission_classes = [ManagersOnly]

    @extend_schema(
        request=NationalReportRequestSerializer,
        responses={202: JobCreatedSerializer, 400: ValidationErrorSerializer,
                   403: ForbiddenSerializer, 404: NotFoundSerializer},
        summary="Generate the national report of a plan",
        description=("Starts a background job that builds the report from accepted reports and "
                     "returns its id at once (202). The same parameters while a job is still "
                     "queued or running return that job. A plan the caller cannot see (another "
                     "country's) is a 404; roles other than coordinators and admins get 403."))
    def post(self, request):
        serializer = NationalReportRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        report, created = national_report_request(
            actor=request.user, plan_id=data["plan"], period_from=data.get("period_from"),
            period_to=data.get("period_to"), fmt=data["format"], language=data["language"])
        return Response({"id": report.job_id, "national_report": report.pk, "created": created},
                        status=status.HTTP_202_ACCEPTED)


class NationalReportSerializer(serializers.ModelSerializer):
    state = serializers.CharField(source="job.status", allow_null=True, default=None)
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = NationalReport
        fields = ["id", "plan", "date_from", "date_to", "period_label", "format", "language",
                  "job", "state", "created_at", "generated_at", "snapshot_at", "reports_counted",
                  "size", "content_sha256", "download_url"]

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_download_url(self, report: NationalReport) -> str | None:
        if not report.file:
            return None
        return self.context["request"].build_absolute_uri(
            reverse("api-national-report-download", args=[report.pk]))


class NationalReportListView(generics.ListAPIView):
    """The national reports generated for the caller's country, newest first."""

    serializer_class = NationalReportSerializer
    permission_classes = [ManagersOnly]
    filterset_class = NationalReportFilterSet
    queryset = NationalReport.objects.none()  # for the schema; get_queryset scopes every request

    def get_queryset(self):
        return national_reports_visible_to(self.request.user)


class NationalReportDownloadView(APIView):
    """The generated file (DOCX, PDF or XLSX): the job's `result_url` once it is done."""

    permission_classes = [ManagersOnly]

    @extend_schema(responses={**{(200, content_type): OpenApiTypes.BINARY
                                 for content_type in CONTENT_TYPES.values()},
                              404: NotFoundSerializer})
    def get(self, request, pk: int):
        try:
            report = national_report_file(request.user, pk)
        except NationalReport.DoesNotExist:
            raise NotFound from None
        return national_report_download_response(report)
