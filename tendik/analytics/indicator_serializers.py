"""Output serializers of the indicator figure: the API contract, field by field."""

from rest_framework import serializers

from .indicators import STATUS_LABELS
from .serializers import BasedOnSerializer


class IndicatorBasedOnSerializer(BasedOnSerializer):
    with_values = serializers.IntegerField(help_text="Counted reports that give this indicator")


class TargetSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    value = serializers.FloatField()


class SeriesPointSerializer(serializers.Serializer):
    period = serializers.IntegerField()
    period_end = serializers.DateField()
    label = serializers.CharField(help_text="Short period label in the reader's language")
    value = serializers.FloatField(allow_null=True)
    reports = serializers.IntegerField(help_text="Counted reports giving a value this period")
    breakdown = serializers.DictField(child=serializers.FloatField(allow_null=True),
                                      help_text="Value per code of the `breakdown` dimension")


class BreakdownCodeSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    values = serializers.ListField(child=serializers.FloatField(allow_null=True),
                                   help_text="One value per point of `series`, in its order")


class CodeSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()


class BreakdownSerializer(serializers.Serializer):
    dimension = serializers.CharField()
    label = serializers.CharField()
    codes = CodeSerializer(many=True)
    series = BreakdownCodeSerializer(many=True)


class GenderGapSerializer(serializers.Serializer):
    period = serializers.IntegerField()
    label = serializers.CharField()
    women = serializers.FloatField(allow_null=True)
    men = serializers.FloatField(allow_null=True)
    gap = serializers.FloatField(allow_null=True, help_text="Women − men")
    ratio = serializers.FloatField(allow_null=True, help_text="Women / men")


class ProgressSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=list(STATUS_LABELS))
    method = serializers.CharField(help_text="target_ratio, growth, binary or empty (no data)",
                                   allow_blank=True)
    label = serializers.CharField()
    note = serializers.CharField(help_text="How the status was reached, in one sentence")
    value = serializers.FloatField(allow_null=True,
                                   help_text="R (with a target) or the yearly growth rate")
    base_year = serializers.IntegerField(allow_null=True)
    current_year = serializers.IntegerField(allow_null=True)
    target_year = serializers.IntegerField(allow_null=True)
    target = serializers.FloatField(allow_null=True)
    source = serializers.URLField(help_text="The progress methodology followed")


class IndicatorFigureSerializer(serializers.Serializer):
    indicator = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    unit = serializers.CharField()
    unit_label = serializers.CharField()
    direction = serializers.CharField()
    aggregation = serializers.CharField()
    baseline = serializers.FloatField(allow_null=True)
    baseline_year = serializers.IntegerField(allow_null=True)
    targets = TargetSerializer(many=True)
    series = SeriesPointSerializer(many=True)
    breakdowns = BreakdownSerializer(many=True)
    gender_gap = GenderGapSerializer(many=True)
    progress = ProgressSerializer()
    based_on = IndicatorBasedOnSerializer()
