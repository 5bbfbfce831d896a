"""API shapes of commitments and their yearly progress."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from tendik.core.i18n import localized
from tendik.core.serializers import StrictCharField, conflict_serializer
from tendik.partners.models import (
    ActionCoalition,
    Commitment,
    CommitmentFramework,
    CommitmentProgress,
    CommitmentStatus,
)

from .reference import action_area
from .selectors import latest_progress

ID_MAX = 2**31 - 1


class CommitmentMakerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class CommitmentLatestProgressSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    status = serializers.ChoiceField(choices=CommitmentStatus.choices)
    percent = serializers.IntegerField(allow_null=True)


class CommitmentProgressSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display")
    evidence_download = serializers.SerializerMethodField(help_text=(
        "Where the evidence file is served (to readers who may see the commitment); null when "
        "there is no file."))
    evidence_url = serializers.CharField(help_text="A link to the evidence, or \"\".")

    class Meta:
        model = CommitmentProgress
        fields = ["id", "year", "status", "status_label", "percent", "text", "evidence_name",
                  "evidence_download", "evidence_url", "version"]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_evidence_download(self, row: CommitmentProgress) -> str | None:
        if not row.evidence_file:
            return None
        request = self.context.get("request")
        public = request is None or not request.user.is_authenticated
        return reverse("public_commitments:evidence" if public else "commitments:evidence",
                       args=[row.pk])


class CommitmentSerializer(serializers.ModelSerializer):
    title = serializers.CharField()
    text = serializers.SerializerMethodField()
    country = serializers.CharField(source="country.code")
    made_by = CommitmentMakerSerializer()
    framework_label = serializers.CharField(source="get_framework_display")
    action_coalition_label = serializers.CharField(source="get_action_coalition_display")
    action_area_label = serializers.SerializerMethodField()
    status_label = serializers.CharField(source="get_status_display")
    measures = serializers.SerializerMethodField()
    indicators = serializers.SerializerMethodField()
    latest_progress = serializers.SerializerMethodField()
    progress = serializers.SerializerMethodField()

    class Meta:
        model = Commitment
        fields = ["id", "title", "text", "country", "made_by", "framework", "framework_label",
                  "action_coalition", "action_coalition_label", "action_area",
                  "action_area_label", "cedaw_item", "made_on", "target_date", "status",
                  "status_label", "measures", "indicators", "published", "is_demo",
                  "latest_progress", "progress", "version"]

    def get_text(self, commitment: Commitment) -> str:
        return localized(commitment, "text").text

    def get_action_area_label(self, commitment: Commitment) -> str:
        area = action_area(commitment.action_coalition, commitment.action_area)
        return area.title if area else ""

    def get_measures(self, commitment: Commitment) -> list[int]:
        return sorted(row.pk for row in commitment.measures.all())

    def get_indicators(self, commitment: Commitment) -> list[int]:
        return sorted(row.pk for row in commitment.indicators.all())

    @extend_schema_field(CommitmentLatestProgressSerializer(allow_null=True))
    def get_latest_progress(self, commitment: Commitment) -> dict | None:
        row = latest_progress(commitment)
        return None if row is None else CommitmentLatestProgressSerializer(row).data

    @extend_schema_field(CommitmentProgressSerializer(many=True))
    def get_progress(self, commitment: Commitment) -> list[dict]:
        rows = sorted(commitment.progress.all(), key=lambda row: -row.year)
        return CommitmentProgressSerializer(rows, many=True, context=self.context).data


class CommitmentWriteSerializer(serializers.Serializer):
    country = serializers.CharField(max_length=2, help_text="Country code, e.g. KG")
    made_by = serializers.IntegerField(min_value=1, max_value=ID_MAX, required=False,
                                       help_text="Organisation id; a focal point, partner or "
                                                 "committee member records their own.")
    framework = serializers.ChoiceField(choices=CommitmentFramework.choices)
    action_coalition = serializers.ChoiceField(choices=ActionCoalition.choices, required=False,
                                               allow_blank=True, default="")
    action_area = StrictCharField(required=False, allow_blank=True, default="", max_length=255)
    cedaw_item = serializers.IntegerField(min_value=1, max_value=ID_MAX, required=False,
                                          allow_null=True, default=None)
    title_ru = StrictCharField(max_length=500)
    title_ky = StrictCharField(max_length=500, required=False, allow_blank=True, default="")
    title_kk = StrictCharField(max_length=500, required=False, allow_blank=True, default="")
    title_en = StrictCharField(max_length=500, required=False, allow_blank=True, default="")
    text_ru = StrictCharField(max_length=20_000)
    text_ky = StrictCharField(max_length=20_000, required=False, allow_blank=True, default="")
    text_kk = StrictCharField(max_length=20_000, required=False, allow_blank=True, default="")
    text_en = StrictCharField(max_length=20_000, required=False, allow_blank=True, default="")
    made_on = serializers.DateField(required=False, allow_null=True, default=None)
    target_date = serializers.DateField()
    status = serializers.ChoiceField(choices=CommitmentStatus.choices, default="planned")
    measures = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=ID_MAX),
                                     required=False, default=list, max_length=500)
    indicators = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=ID_MAX), required=False,
        default=list, max_length=500)
    is_demo = serializers.BooleanField(required=False, default=False)


class CommitmentPatchSerializer(CommitmentWriteSerializer):
    """Only the fields sent change; `version` is the one the client read."""

    version = serializers.IntegerField(min_value=1, max_value=ID_MAX)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, partial=True, **kwargs)
        self.fields.pop("country")


class CommitmentVersionSerializer(serializers.Serializer):
    version = serializers.IntegerField()


CommitmentConflictSerializer = conflict_serializer("CommitmentConflictSerializer",
                                                   CommitmentVersionSerializer)


class CommitmentPublishSerializer(serializers.Serializer):
    published = serializers.BooleanField()


class CommitmentProgressWriteSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=1900, max_value=9999)
    status = serializers.ChoiceField(choices=CommitmentStatus.choices)
    text = StrictCharField(max_length=20_000)
    percent = serializers.IntegerField(min_value=0, max_value=100, required=False,
                                       allow_null=True, default=None)
    evidence = serializers.FileField(required=False)
    evidence_url = serializers.CharField(required=False, allow_blank=True, default="",
                                         max_length=1000)
    version = serializers.IntegerField(min_value=1, max_value=ID_MAX, required=False,
                                       allow_null=True, default=None, help_text=(
                                           "Required when the year already has its progress."))
