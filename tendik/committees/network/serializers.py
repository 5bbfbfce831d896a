"""API shapes of committees, members and meetings: the output the schema promises, and the
input."""

from django.utils.translation import gettext as _
from rest_framework import serializers

from tendik.core.serializers import StrictCharField
from tendik.reporting.services.common import ID_MAX

from ..models import CommitteeStatus, Institution, MemberRole

Id = serializers.IntegerField


class CommitteeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    organisation = serializers.IntegerField(source="organisation_id", help_text="The ОМСУ.")
    organisation_name = serializers.CharField(source="organisation.name")
    territory = serializers.CharField(source="territory.code")
    territory_name = serializers.CharField(source="territory.name")
    established = serializers.DateField()
    members_count = serializers.IntegerField()
    status = serializers.ChoiceField(choices=CommitteeStatus.choices)
    act = serializers.CharField(help_text="The act that established the committee.")
    chair = serializers.CharField(source="chair_name", allow_null=True)
    secretary = serializers.CharField(source="secretary_name", allow_null=True)
    meetings_count = serializers.IntegerField()
    last_meeting = serializers.DateField(allow_null=True)
    version = serializers.IntegerField()


class MemberSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    committee = serializers.IntegerField(source="committee_id")
    name = serializers.CharField()
    position = serializers.CharField()
    institution = serializers.ChoiceField(choices=Institution.choices)
    organisation = serializers.IntegerField(source="organisation_id", allow_null=True)
    person = serializers.IntegerField(source="person_id", allow_null=True)
    role = serializers.ChoiceField(choices=MemberRole.choices)


class MeetingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    committee = serializers.IntegerField(source="committee_id")
    date = serializers.DateField()
    agenda = serializers.CharField()
    decisions = serializers.CharField()
    attended_women = serializers.IntegerField()
    attended_men = serializers.IntegerField()
    version = serializers.IntegerField()


class CommitteeWriteSerializer(serializers.Serializer):
    territory = StrictCharField(max_length=32, help_text="Territory code (district or "
                                                         "municipality).")
    established = serializers.DateField()
    act = StrictCharField(required=False, allow_blank=True, max_length=500)
    status = serializers.ChoiceField(choices=CommitteeStatus.choices, required=False)


class CommitteeCreateSerializer(CommitteeWriteSerializer):
    organisation = Id(min_value=1, max_value=ID_MAX, help_text="The ОМСУ (kind lsg).")


class CommitteePatchSerializer(CommitteeWriteSerializer):
    """Read with partial=True: only the fields sent change, but the version is always due."""

    version = serializers.IntegerField(help_text="The version the committee was read at.")

    def validate(self, attrs):
        if "version" not in attrs:
            raise serializers.ValidationError({"version": [_("Обязательное поле.")]})
        return attrs


class MemberInSerializer(serializers.Serializer):
    name = StrictCharField(required=False, allow_blank=True, max_length=255,
                           help_text="Empty: the person's name from the directory.")
    position = StrictCharField(required=False, allow_blank=True, max_length=500)
    institution = serializers.ChoiceField(choices=Institution.choices)
    organisation = Id(required=False, allow_null=True, min_value=1, max_value=ID_MAX)
    person = Id(required=False, allow_null=True, min_value=1, max_value=ID_MAX)
    role = serializers.ChoiceField(choices=MemberRole.choices, required=False)


class MeetingInSerializer(serializers.Serializer):
    date = serializers.DateField(help_text="Not in the future.")
    agenda = StrictCharField(max_length=20000)
    decisions = StrictCharField(required=False, allow_blank=True, max_length=20000)
    attended_women = serializers.IntegerField(required=False, min_value=0, max_value=32767)
    attended_men = serializers.IntegerField(required=False, min_value=0, max_value=32767)
