"""API shapes of the monthly form: the count keys are the JSON keys, integers."""

from django.utils.translation import gettext as _
from rest_framework import serializers

from tendik.core.serializers import StrictCharField, conflict_serializer

from ..counts import COUNT_KEYS, count_label
from ..models import MonthlyStatistics, StatisticsState
from .months import month_key
from .services import TEXT_MAX

ID_MAX = 2**31 - 1


class StatisticsSerializer(serializers.ModelSerializer):
    month = serializers.SerializerMethodField(help_text="YYYY-MM")
    body = serializers.CharField(source="__str__", help_text="The committee or help service.")
    territory = serializers.CharField(source="territory.code")
    country = serializers.CharField(source="country.code")
    state_label = serializers.CharField(source="get_state_display")

    class Meta:
        model = MonthlyStatistics
        fields = ["id", "committee", "service", "body", "territory", "country", "month", "state",
                  "state_label", *COUNT_KEYS, "comment", "submitted_at", "reviewed_at",
                  "review_note", "version"]

    def get_month(self, row: MonthlyStatistics) -> str:
        return month_key(row.month)


def _count_fields() -> dict:
    return {key: serializers.IntegerField(min_value=0, max_value=ID_MAX, required=False,
                                          help_text=str(count_label(key)))
            for key in COUNT_KEYS}


class StatisticsWriteSerializer(serializers.Serializer):
    """The form: every count key (a missing one is 0), the comment, and the version read (needed
    once the month's form exists). A key that is no count is refused, not ignored."""

    comment = StrictCharField(required=False, allow_blank=True, default="", max_length=TEXT_MAX,
                              trim_whitespace=False)
    version = serializers.IntegerField(min_value=1, max_value=ID_MAX, required=False,
                                       allow_null=True, default=None)

    def get_fields(self):
        return {**_count_fields(), **super().get_fields()}

    def validate(self, attrs):
        unknown = sorted(set(self.initial_data) - set(self.fields))
        if unknown:
            raise serializers.ValidationError({key: _("Нет такого показателя.") for key in unknown})
        return attrs


class StatisticsTransitionSerializer(serializers.Serializer):
    to = serializers.ChoiceField(choices=StatisticsState.choices)
    note = StrictCharField(required=False, allow_blank=True, default="", max_length=TEXT_MAX)


class StatisticsVersionSerializer(serializers.Serializer):
    version = serializers.IntegerField(required=False)


StatisticsConflictSerializer = conflict_serializer("StatisticsConflictSerializer",
                                                   StatisticsVersionSerializer)
