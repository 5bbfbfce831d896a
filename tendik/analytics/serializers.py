"""Output serializers of the figures: what the schema promises, field by field."""

from rest_framework import serializers

from .progress import STATUSES
from .reach import GROUPINGS as REACH_GROUPINGS

StatusCountsSerializer = type("StatusCountsSerializer", (serializers.Serializer,), {
    "__doc__": "Measures per latest status; `no_report` counts measures no report speaks of.",
    **{status: serializers.IntegerField() for status in STATUSES}})


class BasedOnSerializer(serializers.Serializer):
    accepted = serializers.IntegerField(help_text="Accepted reports counted")
    under_review = serializers.IntegerField(
        help_text="Submitted or resubmitted reports counted (only with include=submitted)")
    reports = serializers.IntegerField(help_text="All reports of the range the user may see")


class ProgressTotalsSerializer(serializers.Serializer):
    measures = serializers.IntegerField()
    by_status = StatusCountsSerializer()
    completed_share = serializers.FloatField()
    overdue = serializers.IntegerField()


class ProgressGroupSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    measures = serializers.IntegerField()
    by_status = StatusCountsSerializer()


class ProgressAreaSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    title = serializers.CharField()
    measures = serializers.IntegerField()
    by_status = StatusCountsSerializer()


class ProgressTrendSerializer(serializers.Serializer):
    period = serializers.IntegerField()
    period_end = serializers.DateField()
    label = serializers.CharField()
    measures = serializers.IntegerField()
    by_status = StatusCountsSerializer()


class OverdueMeasureSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    title = serializers.CharField()
    deadline = serializers.DateField()
    deadline_label = serializers.CharField()
    status = serializers.ChoiceField(choices=STATUSES)
    status_label = serializers.CharField()
    lead_executor = serializers.CharField()


class PlanProgressSerializer(serializers.Serializer):
    plan = serializers.IntegerField()
    based_on = BasedOnSerializer()
    totals = ProgressTotalsSerializer()
    areas = ProgressAreaSerializer(many=True)
    trend = ProgressTrendSerializer(many=True)
    overdue = OverdueMeasureSerializer(many=True)
    groups = ProgressGroupSerializer(many=True, required=False,
                                     help_text="Present when group_by is given")


class ReachCountsSerializer(serializers.Serializer):
    activities = serializers.IntegerField()
    women = serializers.IntegerField()
    men = serializers.IntegerField()
    not_recorded = serializers.IntegerField()
    total = serializers.IntegerField()


class ReachGroupSerializer(ReachCountsSerializer):
    key = serializers.CharField()
    label = serializers.CharField()


class ActivityReachSerializer(serializers.Serializer):
    based_on = BasedOnSerializer()
    group_by = serializers.ChoiceField(choices=["", *REACH_GROUPINGS])
    totals = ReachCountsSerializer()
    groups = ReachGroupSerializer(many=True)


class DisciplineRowSerializer(serializers.Serializer):
    organisation = serializers.IntegerField()
    name = serializers.CharField()
    report = serializers.IntegerField()
    state = serializers.CharField()
    state_label = serializers.CharField()
    completeness = serializers.IntegerField()
    due_date = serializers.DateField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    on_time = serializers.BooleanField(allow_null=True,
                                       help_text="Null while the due date has not passed")
    days_late = serializers.IntegerField()


class DisciplineTotalsSerializer(serializers.Serializer):
    reports = serializers.IntegerField()
    submitted = serializers.IntegerField()
    accepted = serializers.IntegerField()
    late = serializers.IntegerField()
    on_time_share = serializers.FloatField(allow_null=True)
    completeness_avg = serializers.FloatField(allow_null=True)


class ReportingDisciplineSerializer(serializers.Serializer):
    period = serializers.IntegerField()
    label = serializers.CharField()
    due_date = serializers.DateField()
    totals = DisciplineTotalsSerializer()
    organisations = DisciplineRowSerializer(many=True)
