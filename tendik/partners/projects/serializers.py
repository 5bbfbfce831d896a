"""API shapes of projects. Lists of rows (partners, budget) arrive as given and are checked by the
service, so the API and the form name a bad value the same way: `budget[0].currency`."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from tendik.core.serializers import StrictCharField

from ..models import AMOUNT, PartnerRole, ProjectStatus
from ..money.funding import money

ID_MAX = 2**31 - 1


class ProjectMoneySerializer(serializers.Serializer):
    currency = serializers.CharField()
    amount = serializers.DecimalField(**AMOUNT)


class ProjectPartnerSerializer(serializers.Serializer):
    organisation = serializers.IntegerField()
    organisation_name = serializers.CharField()
    role = serializers.ChoiceField(choices=PartnerRole.choices)


class ProjectBudgetLineSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    amount = serializers.DecimalField(**AMOUNT)
    currency = serializers.CharField(help_text="ISO 4217")
    source = serializers.CharField(help_text="republican, local, donor or not_required")
    funder = serializers.IntegerField(allow_null=True)
    measure = serializers.IntegerField(allow_null=True)


# Rows of a list page come filled in by selectors.with_rows; they are written out as plain
# dicts, since a nested serializer per budget line costs more than the whole query.
class ProjectSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField(help_text="In the request's language (Russian when missing)")
    title_ru = serializers.CharField()
    title_ky = serializers.CharField()
    title_kk = serializers.CharField()
    title_en = serializers.CharField()
    code = serializers.CharField()
    country = serializers.CharField(source="country.code")
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    status = serializers.ChoiceField(choices=ProjectStatus.choices)
    partners = serializers.SerializerMethodField()
    budget = serializers.SerializerMethodField()
    measures = serializers.ListField(child=serializers.IntegerField(), source="measures_keys")
    territories = serializers.ListField(child=serializers.CharField(),
                                        source="territories_keys", help_text="Territory codes")
    frameworks = serializers.ListField(child=serializers.IntegerField(),
                                       source="frameworks_keys")
    planned = serializers.SerializerMethodField(help_text="Budget totals per currency")
    disbursed = serializers.SerializerMethodField(help_text="Disbursements per currency")
    version = serializers.IntegerField()

    @extend_schema_field(ProjectPartnerSerializer(many=True))
    def get_partners(self, project) -> list[dict]:
        return [{"organisation": row.organisation, "organisation_name": row.organisation_name,
                 "role": row.role} for row in project.partner_rows]

    @extend_schema_field(ProjectBudgetLineSerializer(many=True))
    def get_budget(self, project) -> list[dict]:
        return [{"year": row.year, "amount": money(row.amount), "currency": row.currency,
                 "source": row.source, "funder": row.funder, "measure": row.measure}
                for row in project.budget_rows]

    @extend_schema_field(ProjectMoneySerializer(many=True))
    def get_planned(self, project) -> list[dict]:
        return [{"currency": row["currency"], "amount": money(row["amount"])}
                for row in project.planned_totals]

    @extend_schema_field(ProjectMoneySerializer(many=True))
    def get_disbursed(self, project) -> list[dict]:
        return [{"currency": row["currency"], "amount": money(row["amount"])}
                for row in project.disbursed_totals]


class ProjectPartnerInSerializer(serializers.Serializer):
    organisation = serializers.IntegerField(min_value=1, max_value=ID_MAX)
    role = serializers.ChoiceField(choices=PartnerRole.choices)


class ProjectBudgetLineInSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    amount = serializers.DecimalField(**AMOUNT, min_value=0)
    currency = serializers.CharField(help_text="ISO 4217, e.g. USD")
    source = serializers.ChoiceField(choices=["republican", "local", "donor", "not_required"])
    funder = serializers.IntegerField(required=False, allow_null=True)
    measure = serializers.IntegerField(required=False, allow_null=True)


class _Rows(serializers.ListField):
    """A list of objects taken as sent; the service checks every value and names it."""

    child = serializers.DictField()


@extend_schema_field(ProjectPartnerInSerializer(many=True))
class PartnerRows(_Rows):
    pass


@extend_schema_field(ProjectBudgetLineInSerializer(many=True))
class BudgetRows(_Rows):
    pass


class _ProjectInput(serializers.Serializer):
    title = StrictCharField(required=False, allow_blank=True, help_text="Same as title_ru")
    title_ru = StrictCharField(required=False, allow_blank=True)
    title_ky = StrictCharField(required=False, allow_blank=True)
    title_kk = StrictCharField(required=False, allow_blank=True)
    title_en = StrictCharField(required=False, allow_blank=True)
    code = StrictCharField(required=False, allow_blank=True)
    summary = StrictCharField(required=False, allow_blank=True)
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    status = serializers.ChoiceField(choices=ProjectStatus.choices, required=False)
    partners = PartnerRows()
    budget = BudgetRows()
    territories = serializers.ListField(child=StrictCharField(), required=False,
                                        help_text="Territory codes")
    measures = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=ID_MAX),
                                     required=False)
    frameworks = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=ID_MAX), required=False,
        help_text="SDG targets and Beijing critical areas (frameworks ids)")

    def validate(self, data):
        title = data.pop("title", None)
        if title is not None:
            data.setdefault("title_ru", title)
        return data


class ProjectCreateSerializer(_ProjectInput):
    country = StrictCharField(help_text="Country code, e.g. KG")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("partners", "budget"):  # a project in preparation may have neither yet
            self.fields[name].required, self.fields[name].default = False, list

    def validate(self, data):
        data = super().validate(data)
        data.setdefault("title_ru", "")  # the service names it when it is missing
        return data


class ProjectUpdateSerializer(_ProjectInput):
    version = serializers.IntegerField(min_value=1, max_value=ID_MAX)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.required = name == "version"


class ProjectTransitionSerializer(serializers.Serializer):
    to = StrictCharField(help_text="The new status: " + ", ".join(ProjectStatus.values))


class DisbursementInSerializer(serializers.Serializer):
    date = serializers.DateField()
    amount = serializers.DecimalField(**AMOUNT)
    currency = StrictCharField(help_text="ISO 4217")
    funder = serializers.IntegerField(required=False, allow_null=True, min_value=1,
                                      max_value=ID_MAX)
    note = StrictCharField(required=False, allow_blank=True, max_length=500)


class DisbursementSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    date = serializers.DateField()
    amount = serializers.DecimalField(**AMOUNT)
    currency = serializers.CharField()
    funder = serializers.IntegerField(source="funder_id", allow_null=True)
    note = serializers.CharField()


class DisbursementCreatedSerializer(DisbursementSerializer):
    warnings = serializers.ListField(child=serializers.CharField(), help_text=(
        "Set when the disbursements in this currency now exceed the budget: saved all the same"))
