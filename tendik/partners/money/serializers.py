"""Output serializers of the money area: what the funding figures' schema promises."""

from rest_framework import serializers

from tendik.plans.models import FundingSource

from .currencies import REPORTING_CURRENCIES

AMOUNT_HELP = "An amount in the reporting currency: a decimal string with two places"


def amount_field(**options) -> serializers.CharField:
    return serializers.CharField(**{"help_text": AMOUNT_HELP, **options})


BySourceSerializer = type("FundingBySourceSerializer", (serializers.Serializer,), {
    "__doc__": "Amounts per funding source (`not_required` lines carry no amount).",
    **{source: amount_field() for source in FundingSource.values}})


class UsedRateSerializer(serializers.Serializer):
    currency = serializers.CharField(help_text="ISO 4217 code of the currency priced")
    base = serializers.CharField(help_text="KGS (NBKR) or KZT (NBK)")
    date = serializers.DateField(help_text="The day the rate was published")
    rate = serializers.DecimalField(max_digits=20, decimal_places=8, coerce_to_string=True,
                                    help_text="Units of `base` for one unit of `currency`")


class FundingPlanSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()


class FundingPartnerSerializer(serializers.Serializer):
    organisation = serializers.IntegerField(allow_null=True,
                                            help_text="Organisation id; null when not stated")
    name = serializers.CharField()
    amount = amount_field(help_text="Planned project money this partner gives")
    disbursed = amount_field()


class FundingAreaSerializer(serializers.Serializer):
    id = serializers.IntegerField(allow_null=True, help_text=(
        "Priority area id; null for project money not tied to one measure"))
    code = serializers.CharField()
    title = serializers.CharField()
    amount = amount_field()
    by_source = BySourceSerializer()
    disbursed = amount_field()


class FundingMeasureRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    title = serializers.CharField()


class FundingMeasurePartnerSerializer(serializers.Serializer):
    organisation = serializers.IntegerField(allow_null=True)
    name = serializers.CharField()


class FundingMeasureSerializer(FundingMeasureRefSerializer):
    planned = amount_field()
    disbursed = amount_field()
    sources = BySourceSerializer()
    partners = FundingMeasurePartnerSerializer(many=True)
    not_required = serializers.BooleanField(help_text="The plan marks it «не требуется»")


class FundingSerializer(serializers.Serializer):
    """A plan's funding in one reporting currency, with every rate it used."""

    plan = FundingPlanSerializer()
    currency = serializers.ChoiceField(choices=REPORTING_CURRENCIES)
    valued_on = serializers.DateField(help_text="Planned amounts are valued at this day's rates")
    total = amount_field(help_text="Planned money from every source")
    planned = amount_field()
    disbursed = amount_field(help_text="Paid out, each payment at the rate of its own day")
    by_source = BySourceSerializer()
    by_partner = FundingPartnerSerializer(many=True)
    by_area = FundingAreaSerializer(many=True)
    measures = FundingMeasureSerializer(many=True)
    unfunded_measures = FundingMeasureRefSerializer(many=True)
    not_required_measures = serializers.IntegerField()
    rates = UsedRateSerializer(many=True, help_text=(
        "Every rate used: those dated `valued_on` (or the last before it) for planned amounts, "
        "the others for payments on their own days"))
    rates_planned = UsedRateSerializer(many=True, help_text="The rates of the planned amounts")
    notes = serializers.ListField(child=serializers.CharField(),
                                  help_text="What is counted and how")
