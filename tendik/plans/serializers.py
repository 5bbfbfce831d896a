"""Output serializers of the plan document (GET /api/v1/plans/{id}/)."""

from rest_framework import serializers

from tendik.core.serializers import texts_serializer

from .models import DeadlineKind, FundingSource, PlanKind, PlanStatus


class OrganisationRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    acronym = serializers.CharField()


class DeadlineSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=DeadlineKind.choices)
    date = serializers.DateField(allow_null=True)
    end = serializers.DateField(allow_null=True)
    years = serializers.ListField(child=serializers.IntegerField())


class IndicatorRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class BudgetLineDocumentSerializer(serializers.Serializer):
    # A JSON number, as the document has always given it.
    amount = serializers.DecimalField(max_digits=18, decimal_places=2, allow_null=True,
                                      coerce_to_string=False)
    currency = serializers.CharField()
    source = serializers.ChoiceField(choices=FundingSource.choices)


class MeasureDocumentSerializer(texts_serializer("title", "expected_result")):
    id = serializers.IntegerField()
    uid = serializers.UUIDField()
    code = serializers.CharField()
    deadline = DeadlineSerializer()
    lead_executor = OrganisationRefSerializer()
    co_executors = OrganisationRefSerializer(many=True)
    partners = OrganisationRefSerializer(many=True)
    territories = serializers.ListField(child=serializers.CharField(), help_text="Codes")
    indicators = IndicatorRefSerializer(many=True)
    budget_lines = BudgetLineDocumentSerializer(many=True)
    frameworks = serializers.ListField(child=serializers.CharField(),
                                       help_text="kind:code, e.g. sdg:5.2")


class ObjectiveDocumentSerializer(texts_serializer("title")):
    code = serializers.CharField()
    measures = MeasureDocumentSerializer(many=True)


class AreaDocumentSerializer(texts_serializer("title")):
    code = serializers.CharField()
    objectives = ObjectiveDocumentSerializer(many=True)


class ActSerializer(serializers.Serializer):
    type = serializers.CharField()
    number = serializers.CharField()
    date = serializers.DateField(allow_null=True)


class PlanDocumentSerializer(texts_serializer("title")):
    """The whole plan: areas → objectives → measures, with every language's text."""

    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=PlanKind.choices)
    status = serializers.ChoiceField(choices=PlanStatus.choices)
    version = serializers.IntegerField()
    country = serializers.CharField(help_text="ISO code, e.g. KG")
    strategy = serializers.IntegerField(allow_null=True)
    title = serializers.CharField(help_text="In the request's language")
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    act = ActSerializer()
    areas = AreaDocumentSerializer(many=True)
