"""API shapes of meetings and agreements: the output the schema promises, and the input."""

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from tendik.core.serializers import StrictCharField, texts_serializer
from tendik.reporting.services.common import ID_MAX

from ..models import EngagementKind, FollowUpStatus
from .selectors import is_overdue

Id = serializers.IntegerField


class EngagementOrganisationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class ParticipantSerializer(serializers.Serializer):
    name = serializers.CharField()
    position = serializers.CharField(help_text="As it was at the meeting.")
    organisation = serializers.IntegerField(source="organisation_id", allow_null=True)
    organisation_name = serializers.SerializerMethodField()
    person = serializers.IntegerField(source="person_id", allow_null=True)

    def get_organisation_name(self, participant) -> str:
        return participant.organisation.name if participant.organisation_id else ""


class FollowUpSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    engagement = serializers.IntegerField(source="engagement_id")
    text = serializers.CharField()
    owner = serializers.IntegerField(source="owner_id")
    owner_name = serializers.CharField(source="owner.name")
    due_date = serializers.DateField()
    status = serializers.ChoiceField(choices=FollowUpStatus.choices)
    done_on = serializers.DateField(allow_null=True)
    note = serializers.CharField()
    overdue = serializers.SerializerMethodField(
        help_text="Not done, not dropped and past its due date.")
    version = serializers.IntegerField()

    def get_overdue(self, follow_up) -> bool:
        return is_overdue(follow_up, self.context.get("today") or timezone.localdate())


class EngagementSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField(help_text="In the reader's language, else Russian.")
    kind = serializers.ChoiceField(choices=EngagementKind.choices)
    date = serializers.DateField()
    place = serializers.CharField()
    country = serializers.CharField(source="country.code")
    summary = serializers.CharField()
    topics = serializers.ListField(child=serializers.CharField(), source="topic_list")
    organisations = EngagementOrganisationSerializer(many=True, source="organisations.all")
    participants = ParticipantSerializer(many=True, source="participants.all")
    follow_ups = FollowUpSerializer(many=True, source="follow_ups.all")
    projects = serializers.SerializerMethodField()
    version = serializers.IntegerField()

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_projects(self, engagement) -> list[int]:
        return [project.pk for project in engagement.projects.all()]


class ParticipantInSerializer(serializers.Serializer):
    name = StrictCharField(required=False, allow_blank=True, max_length=255)
    position = StrictCharField(required=False, allow_blank=True, max_length=500,
                               help_text="Empty: the person's current position is kept.")
    organisation = Id(required=False, allow_null=True, min_value=1, max_value=ID_MAX)
    person = Id(required=False, allow_null=True, min_value=1, max_value=ID_MAX)


class FollowUpInSerializer(serializers.Serializer):
    text = StrictCharField(max_length=5000)
    owner = Id(min_value=1, max_value=ID_MAX)
    due_date = serializers.DateField()


class EngagementWriteSerializer(texts_serializer("title", required=False, allow_blank=True,
                                                 max_length=500)):
    kind = serializers.ChoiceField(choices=EngagementKind.choices)
    date = serializers.DateField()
    place = StrictCharField(required=False, allow_blank=True, max_length=255)
    title_ru = StrictCharField(max_length=500)
    summary = StrictCharField(required=False, allow_blank=True, max_length=20000)
    topics = serializers.ListField(child=StrictCharField(max_length=500, allow_blank=True),
                                   required=False)
    organisations = serializers.ListField(child=Id(min_value=1, max_value=ID_MAX),
                                          required=False)
    participants = ParticipantInSerializer(many=True, required=False)
    projects = serializers.ListField(child=Id(min_value=1, max_value=ID_MAX), required=False)


class EngagementCreateSerializer(EngagementWriteSerializer):
    country = StrictCharField(required=False, max_length=8,
                              help_text="ISO code; the caller's country when left out.")
    follow_ups = FollowUpInSerializer(many=True, required=False)


class EngagementPatchSerializer(EngagementWriteSerializer):
    """Read with partial=True: only the fields sent change, but the version is always due."""

    version = serializers.IntegerField(help_text="The version the meeting was read at.")

    def validate(self, attrs):
        if "version" not in attrs:
            raise serializers.ValidationError({"version": [_("Обязательное поле.")]})
        return attrs


class FollowUpPatchSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    status = serializers.ChoiceField(choices=FollowUpStatus.choices, required=False, help_text=(
        "Moves follow the transition table (else 409); left out, the status stays."))
    note = StrictCharField(required=False, allow_blank=True, max_length=5000)
    due_date = serializers.DateField(required=False, help_text="Coordinators only.")
