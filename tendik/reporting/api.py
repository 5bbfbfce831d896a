from decimal import Decimal, InvalidOperation

from django.http import FileResponse, HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from tendik.core.api import ManagersOnly, ScopeFirstMixin
from tendik.core.serializers import (
    ConflictSerializer,
    NotFoundSerializer,
    StrictCharField,
    ValidationErrorSerializer,
    render,
    texts_serializer,
)
from tendik.core.xlsx import XLSX_CONTENT_TYPE, check_upload_size
from tendik.plans.models import Plan
from tendik.plans.selectors import plans_visible_to

from . import services
from .filters import ActivityFilterSet, PeriodFilterSet, ReportFilterSet
from .models import Activity, ActivityKind, Evidence, PeriodKind, Report, ReportingPeriod
from .selectors import (
    activity_items,
    activity_list,
    evidence_visible_to,
    periods_visible_to,
    report_document,
    reports_visible_to,
)
from .serializers import (
    ACTIVITIES_CONFLICT,
    OBSERVATIONS_CONFLICT,
    PROGRESS_CONFLICT,
    ActivitiesDocumentSerializer,
    ActivityAddedSerializer,
    ActivityItemSerializer,
    EvidenceCreatedSerializer,
    ObservationsSavedSerializer,
    ProgressDocumentSerializer,
    ReportDocumentSerializer,
    UploadSavedSerializer,
)
from .xlsx_bulk import report_template

CONFLICT = ConflictSerializer
ERRORS = ValidationErrorSerializer
NOT_FOUND = NotFoundSerializer


class PeriodSerializer(serializers.ModelSerializer):
    plan = serializers.PrimaryKeyRelatedField(queryset=Plan.objects.all())
    kind = serializers.ChoiceField(choices=PeriodKind.choices)

    class Meta:
        model = ReportingPeriod
        fields = ["id", "plan", "kind", "start", "end", "due_date", "state", "published_at"]
        read_only_fields = ["state", "published_at"]


class PeriodMovedSerializer(PeriodSerializer):
    reports = serializers.IntegerField(source="reports_count", read_only=True,
                                       help_text="Reports the period now has")

    class Meta(PeriodSerializer.Meta):
        fields = [*PeriodSerializer.Meta.fields, "reports"]


class PeriodViewSet(ScopeFirstMixin, viewsets.ReadOnlyModelViewSet):
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
        period.reports_count = period.reports.count()
        return Response(PeriodMovedSerializer(period).data)

    @extend_schema(request=None, responses={200: PeriodMovedSerializer, 409: CONFLICT})
    @action(detail=True, methods=["post"], permission_classes=[ManagersOnly])
    def open(self, request, pk=None):
        return self._move(request, "open")

    @extend_schema(request=None, responses={200: PeriodMovedSerializer, 409: CONFLICT})
    @action(detail=True, methods=["post"], permission_classes=[ManagersOnly])
    def close(self, request, pk=None):
        return self._move(request, "closed")

    @extend_schema(request=None, responses={200: PeriodMovedSerializer, 409: CONFLICT})
    @action(detail=True, methods=["post"], permission_classes=[ManagersOnly])
    def lock(self, request, pk=None):
        return self._move(request, "locked")

    @extend_schema(request=None, responses={200: PeriodSerializer, 409: CONFLICT},
                   description="Publish the period's accepted reports on the public portal and "
                               "in open data. Publishing a published period changes nothing.")
    @action(detail=True, methods=["post"], permission_classes=[ManagersOnly])
    def publish(self, request, pk=None):
        period = services.period_publish(actor=request.user, period=self.get_object())
        return Response(PeriodSerializer(period).data)

    @extend_schema(request=None, responses={200: PeriodSerializer},
                   description="Take the period's data off the public portal and open data.")
    @action(detail=True, methods=["post"], permission_classes=[ManagersOnly])
    def withdraw(self, request, pk=None):
        period = services.period_withdraw(actor=request.user, period=self.get_object())
        return Response(PeriodSerializer(period).data)


class ReportSerializer(serializers.ModelSerializer):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = Report
        fields = ["id", "period", "plan", "organisation", "organisation_name", "state", "version",
                  "completeness", "submitted_at", "accepted_at", "last_activity_at"]


# Input limits. Longer text is refused with a 400 naming the field, never stored or cut.
NARRATIVE_MAX = 20_000
REASON_MAX = 2_000
TITLE_MAX = 500
VALUE_MAX = 40
VALUE_DIGITS, VALUE_PLACES = 20, 4  # Observation.value
ID_MAX = 2**63 - 1
COUNT_MAX = 10_000_000


class ProgressPatchSerializer(texts_serializer("narrative", required=False, allow_blank=True,
                                               max_length=NARRATIVE_MAX)):
    version = serializers.IntegerField()
    status = serializers.CharField(required=False, allow_blank=True, max_length=24)
    spent_amount = serializers.DecimalField(max_digits=18, decimal_places=2, required=False,
                                            allow_null=True)
    spent_currency = serializers.CharField(required=False, allow_blank=True, max_length=3)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=REASON_MAX)
    client_id = serializers.UUIDField(required=False, allow_null=True, help_text=(
        "The device's own id for this write. Sending it again returns the first result and "
        "writes nothing new."))


class ObservationInputSerializer(serializers.Serializer):
    indicator = serializers.IntegerField(max_value=ID_MAX)
    disaggregation = serializers.DictField(child=serializers.CharField(), required=False,
                                           allow_null=True,
                                           help_text='Codes by dimension, e.g. {"sex": "F"}')
    value = serializers.CharField(max_length=VALUE_MAX, help_text="A number, e.g. 72 or 12.5")
    override_reason = serializers.CharField(required=False, allow_blank=True,
                                            max_length=REASON_MAX)


class ObservationsPatchSerializer(serializers.Serializer):
    """The documented shape; ObservationsInput checks it cheaply and the service in depth."""

    version = serializers.IntegerField()
    values = ObservationInputSerializer(many=True)


def _observation_problems(item: dict) -> dict[str, list[str]]:
    """The documented shape of one value, checked by hand: types only, the service does the rest."""
    problems = {}
    indicator = item.get("indicator")
    if isinstance(indicator, bool) or not (isinstance(indicator, int) or str(indicator).isdigit()):
        problems["indicator"] = [_("Ожидается идентификатор индикатора.")]
    codes = item.get("disaggregation")
    if codes is not None and not (isinstance(codes, dict) and all(
            isinstance(v, str) for v in codes.values())):
        problems["disaggregation"] = [_('Ожидается словарь кодов, например {"sex": "F"}.')]
    value = item.get("value")
    if isinstance(value, bool) or not isinstance(value, str | int | float) \
            or len(str(value)) > VALUE_MAX:
        problems["value"] = [_("Ожидается число.")]
    elif message := _precision_problem(value):
        problems["value"] = [message]
    reason = item.get("override_reason")
    if reason is not None and not (isinstance(reason, str) and len(reason) <= REASON_MAX):
        problems["override_reason"] = [_("Ожидается текст не длиннее %(max)s знаков.") % {
            "max": REASON_MAX}]
    return problems


def _precision_problem(value) -> str | None:
    """What the stored value (20 digits, 4 after the point) cannot hold, said rather than rounded.
    Text that is no number at all is left to the service, which names the indicator."""
    try:
        number = Decimal(str(value).replace(",", ".").strip())
    except InvalidOperation:
        return None
    if not number.is_finite():
        return None
    if number.normalize().as_tuple().exponent < -VALUE_PLACES:  # 1.50000 fits, 1.00001 not
        return _("Не больше %(places)s знаков после запятой.") % {"places": VALUE_PLACES}
    if abs(number) >= 10 ** (VALUE_DIGITS - VALUE_PLACES):
        return _("Слишком большое число.")
    return None


class ObservationsInput(serializers.Serializer):
    # A nested serializer costs ~0.2 ms a value; 500 values per save made that the hot path.
    version = serializers.IntegerField()
    values = serializers.ListField(child=serializers.DictField(), max_length=10_000)
    client_id = serializers.UUIDField(required=False, allow_null=True, help_text=(
        "The device's own id for this write. Sending it again returns the first result and "
        "writes nothing new."))

    def validate_values(self, values: list[dict]) -> list[dict]:
        problems = {index: found for index, item in enumerate(values)
                    if (found := _observation_problems(item))}
        if problems:
            raise serializers.ValidationError(problems)
        return values


class ActivityInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ActivityKind.choices)
    title = serializers.CharField(required=False, allow_blank=True, max_length=TITLE_MAX)
    start = serializers.DateField()
    end = serializers.DateField()
    territory = serializers.IntegerField(required=False, allow_null=True, max_value=ID_MAX)
    venue = serializers.CharField(required=False, allow_blank=True, max_length=255)
    audiences = serializers.CharField(required=False, allow_blank=True, max_length=255)
    participants_women = serializers.IntegerField(required=False, max_value=COUNT_MAX)
    participants_men = serializers.IntegerField(required=False, max_value=COUNT_MAX)
    participants_total = serializers.IntegerField(required=False, max_value=COUNT_MAX)
    organisers = serializers.ListField(child=serializers.IntegerField(max_value=ID_MAX),
                                       required=False)
    partners = serializers.ListField(child=serializers.IntegerField(max_value=ID_MAX),
                                     required=False)
    measures = serializers.ListField(child=serializers.IntegerField(max_value=ID_MAX),
                                     required=False)


class ActivityAddSerializer(ActivityInputSerializer):
    client_id = serializers.UUIDField(required=False, allow_null=True, help_text=(
        "The device's own id for this write. Sending it again returns the first result and "
        "writes nothing new."))


class ActivitiesPatchSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    activities = ActivityInputSerializer(many=True, max_length=1_000)


class ReturnCommentSerializer(serializers.Serializer):
    text = StrictCharField(max_length=REASON_MAX)
    measure = serializers.IntegerField(required=False, allow_null=True, max_value=ID_MAX)
    indicator = serializers.IntegerField(required=False, allow_null=True, max_value=ID_MAX)
    activity = serializers.IntegerField(required=False, allow_null=True, max_value=ID_MAX)


class ReturnSerializer(serializers.Serializer):
    comments = ReturnCommentSerializer(many=True, min_length=1, max_length=1_000)


class NoteSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000, help_text=(
        "Why the report is submitted or accepted with gaps; required when it has any."))


class ReopenSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=REASON_MAX)


class EvidenceUploadSerializer(serializers.Serializer):
    file = serializers.FileField(required=False)
    url = serializers.URLField(required=False, allow_blank=True)
    measure = serializers.IntegerField(required=False, allow_null=True, max_value=ID_MAX)
    description = serializers.CharField(required=False, allow_blank=True, max_length=REASON_MAX)
    client_id = serializers.UUIDField(required=False, allow_null=True, help_text=(
        "The device's own id for this write. Sending it again returns the first result and "
        "writes nothing new."))


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
        200: UploadSavedSerializer, 400: ERRORS, 409: CONFLICT})
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def upload(self, request, pk=None):
        serializer = UploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        upload = serializer.validated_data["file"]
        check_upload_size(upload.size)
        counts = services.report_upload_xlsx(actor=request.user, report=self.get_object(),
                                             content=upload.read())
        return Response(render(UploadSavedSerializer, {"saved": counts}))


class ReportViewSet(ScopeFirstMixin, ReportFilesMixin, viewsets.ReadOnlyModelViewSet):
    """Reports within the caller's scope; sections are saved with the version they were read at."""

    serializer_class = ReportSerializer
    queryset = Report.objects.none()
    permission_classes = [IsAuthenticated]
    filterset_class = ReportFilterSet

    def get_queryset(self):
        return reports_visible_to(self.request.user).order_by("id")

    @extend_schema(responses={200: ReportDocumentSerializer})
    def retrieve(self, request, pk=None):
        return Response(render(ReportDocumentSerializer, report_document(self.get_object(),
                                                                    viewer=request.user)))

    @extend_schema(request=ProgressPatchSerializer,
                   responses={200: ProgressDocumentSerializer, 409: PROGRESS_CONFLICT,
                              400: ERRORS})
    @action(detail=True, methods=["patch"], url_path=r"progress/(?P<measure_id>\d+)")
    def progress(self, request, pk=None, measure_id=None):
        serializer = ProgressPatchSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        version, client_id = data.pop("version"), data.pop("client_id", None)
        return Response(render(ProgressDocumentSerializer, services.progress_save(
            actor=request.user, report=self.get_object(), measure_id=int(measure_id),
            version=version, data=data, client_id=client_id)))

    @extend_schema(request=ObservationsPatchSerializer,
                   responses={200: ObservationsSavedSerializer, 409: OBSERVATIONS_CONFLICT,
                              400: ERRORS})
    @action(detail=True, methods=["patch"])
    def observations(self, request, pk=None):
        serializer = ObservationsInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        return Response(render(ObservationsSavedSerializer, services.observations_save(
            actor=request.user, report=self.get_object(), **serializer.validated_data)))

    @extend_schema(methods=["PATCH"], request=ActivitiesPatchSerializer,
                   responses={200: ActivitiesDocumentSerializer, 409: ACTIVITIES_CONFLICT,
                              400: ERRORS})
    @extend_schema(methods=["POST"], request=ActivityAddSerializer,
                   responses={201: ActivityAddedSerializer, 400: ERRORS, 409: CONFLICT})
    @action(detail=True, methods=["patch", "post"])
    def activities(self, request, pk=None):
        """PATCH replaces the whole list at its version; POST adds one activity."""
        if request.method == "POST":
            return self._activity_add(request)
        serializer = ActivitiesPatchSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return Response(render(ActivitiesDocumentSerializer, services.activities_save(
            actor=request.user, report=self.get_object(), **serializer.validated_data)))

    def _activity_add(self, request):
        serializer = ActivityAddSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        client_id = data.pop("client_id", None)
        report = self.get_object()
        data.setdefault("organisers", [report.organisation_id])
        return Response(render(ActivityAddedSerializer, services.activity_create(
            actor=request.user, report=report, data=data, client_id=client_id)),
            status=status.HTTP_201_CREATED)

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

    @extend_schema(request=ReturnSerializer,
                   responses={200: ReportSerializer, 400: ERRORS, 409: CONFLICT})
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

    @extend_schema(request=ReopenSerializer,
                   responses={200: ReportSerializer, 400: ERRORS, 409: CONFLICT})
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        serializer = ReopenSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._act(request, "reopen", reason=serializer.validated_data["reason"])

    @extend_schema(request=EvidenceUploadSerializer, responses={
        201: EvidenceCreatedSerializer, 400: ERRORS, 409: CONFLICT,
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
            description=data.get("description", ""), client_id=data.get("client_id"))
        return Response(render(EvidenceCreatedSerializer, {
            "id": evidence.pk, "name": evidence.original_name,
            "content_type": evidence.content_type, "size": evidence.size}),
            status=status.HTTP_201_CREATED)


class ActivityViewSet(ScopeFirstMixin, viewsets.ReadOnlyModelViewSet):
    """Activities within the caller's scope, newest first; partners read those they are named in.

    `organisation` matches the reporting organisation, an organiser or a partner; `territory` a
    region or district code, with what lies in it; `date_from`/`date_to` the activities held at
    least partly in the range."""

    serializer_class = ActivityItemSerializer
    queryset = Activity.objects.none()
    permission_classes = [IsAuthenticated]
    filterset_class = ActivityFilterSet

    def get_queryset(self):
        return activity_list(self.request.user)

    def list(self, request):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(render(ActivityItemSerializer, activity_items(page),
                                                  many=True))

    @extend_schema(responses={200: ActivityItemSerializer, 404: NOT_FOUND})
    def retrieve(self, request, pk=None):
        return Response(render(ActivityItemSerializer, activity_items([self.get_object()])[0]))


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
        if not evidence.file:  # a link: nothing to download here, the link is in the report
            raise NotFound(_("У этого подтверждения нет файла, только ссылка."))
        return FileResponse(evidence.file.open("rb"), as_attachment=True,
                            filename=evidence.original_name or evidence.file.name,
                            content_type=evidence.content_type)
