"""Output serializers of the report document and of each section save: what the API answers."""

from rest_framework import serializers

from tendik.core.serializers import conflict_serializer, texts_serializer

from .models import ActivityKind, ProgressStatus, ReportState


class ProgressDocumentSerializer(texts_serializer("narrative")):
    """One measure's progress, with the version the next save must send back."""

    measure = serializers.IntegerField()
    version = serializers.IntegerField()
    status = serializers.ChoiceField(choices=ProgressStatus.choices, allow_blank=True)
    spent_amount = serializers.CharField(allow_null=True, help_text="Decimal as text")
    spent_currency = serializers.CharField(allow_blank=True)
    reason = serializers.CharField(allow_blank=True)


class ReportProgressSerializer(ProgressDocumentSerializer):
    code = serializers.CharField()
    title = serializers.CharField(help_text="In the request's language")


class ObservationValueSerializer(serializers.Serializer):
    indicator = serializers.IntegerField()
    disaggregation = serializers.CharField(allow_blank=True,
                                           help_text='"" for the total, else "age=15-24|sex=F"')
    value = serializers.CharField(help_text="Decimal as text")
    override_reason = serializers.CharField(allow_blank=True)


class ObservationsDocumentSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    values = ObservationValueSerializer(many=True)


class ObservationWarningSerializer(serializers.Serializer):
    indicator = serializers.IntegerField()
    disaggregation = serializers.CharField(allow_blank=True)
    message = serializers.CharField()


class ObservationsSavedSerializer(ObservationsDocumentSerializer):
    warnings = ObservationWarningSerializer(many=True, help_text="Saved, but worth a look")


class ActivityDocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=ActivityKind.choices)
    title = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()
    territory = serializers.IntegerField(allow_null=True)
    venue = serializers.CharField(allow_blank=True)
    audiences = serializers.CharField(allow_blank=True)
    participants_women = serializers.IntegerField()
    participants_men = serializers.IntegerField()
    participants_total = serializers.IntegerField()
    organisers = serializers.ListField(child=serializers.IntegerField())
    partners = serializers.ListField(child=serializers.IntegerField())
    measures = serializers.ListField(child=serializers.IntegerField())


class ActivityAddedSerializer(ActivityDocumentSerializer):
    """One activity just added, with the version an edit of it must send back."""

    version = serializers.IntegerField()


class ActivitiesDocumentSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    activities = ActivityDocumentSerializer(many=True)


class EvidenceCreatedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(allow_blank=True)
    content_type = serializers.CharField(allow_blank=True)
    size = serializers.IntegerField(allow_null=True)


class EvidenceDocumentSerializer(EvidenceCreatedSerializer):
    url = serializers.CharField(allow_blank=True)
    measure = serializers.IntegerField(allow_null=True)


class ReviewCommentDocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    round = serializers.IntegerField()
    text = serializers.CharField()
    measure = serializers.IntegerField(allow_null=True)
    indicator = serializers.IntegerField(allow_null=True)
    measure_code = serializers.CharField(allow_blank=True)
    indicator_code = serializers.CharField(allow_blank=True)
    activity = serializers.IntegerField(allow_null=True)
    author = serializers.CharField(allow_blank=True)


class ReportDocumentSerializer(serializers.Serializer):
    """The whole report: every section with the version a later save must send back."""

    id = serializers.IntegerField()
    state = serializers.ChoiceField(choices=ReportState.choices)
    version = serializers.IntegerField()
    completeness = serializers.IntegerField(help_text="Percent")
    organisation = serializers.IntegerField()
    organisation_name = serializers.CharField()
    period = serializers.IntegerField()
    plan = serializers.IntegerField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    accepted_at = serializers.DateTimeField(allow_null=True)
    progress = ReportProgressSerializer(many=True)
    observations = ObservationsDocumentSerializer()
    activities = ActivitiesDocumentSerializer()
    evidence = EvidenceDocumentSerializer(many=True)
    review_comments = ReviewCommentDocumentSerializer(many=True)


class UploadCountsSerializer(serializers.Serializer):
    progress = serializers.IntegerField()
    values = serializers.IntegerField()
    activities = serializers.IntegerField()


class UploadSavedSerializer(serializers.Serializer):
    saved = UploadCountsSerializer(help_text="What the upload saved, per section")


PROGRESS_CONFLICT = conflict_serializer("ProgressConflictSerializer", ProgressDocumentSerializer)
OBSERVATIONS_CONFLICT = conflict_serializer("ObservationsConflictSerializer",
                                            ObservationsDocumentSerializer)
ACTIVITIES_CONFLICT = conflict_serializer("ActivitiesConflictSerializer",
                                          ActivitiesDocumentSerializer)


class ActivityTerritorySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField(help_text="In the request's language")


class ActivityAudienceSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()


class ParticipantsSerializer(serializers.Serializer):
    women = serializers.IntegerField()
    men = serializers.IntegerField()
    not_recorded = serializers.IntegerField(help_text="Total minus women and men")
    total = serializers.IntegerField()


class NamedOrganisationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(help_text="In the request's language")


class MeasureCodeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()


class ActivityReportSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    organisation = serializers.IntegerField()
    organisation_name = serializers.CharField()
    period = serializers.IntegerField()
    state = serializers.ChoiceField(choices=ReportState.choices)
    state_label = serializers.CharField()


class ActivityItemSerializer(serializers.Serializer):
    """One activity of the activities list, with the report it was reported in."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    kind = serializers.ChoiceField(choices=ActivityKind.choices)
    kind_label = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()
    territory = ActivityTerritorySerializer(allow_null=True)
    venue = serializers.CharField(allow_blank=True)
    audiences = ActivityAudienceSerializer(many=True)
    participants = ParticipantsSerializer()
    organisers = NamedOrganisationSerializer(many=True)
    partners = NamedOrganisationSerializer(many=True)
    measures = MeasureCodeSerializer(many=True)
    report = ActivityReportSerializer()
