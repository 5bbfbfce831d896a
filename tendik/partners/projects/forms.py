"""The project form: its fields, and rows of partners and budget lines. The forms only parse;
the service decides, and its errors come back beside the fields they name."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tendik.core.forms import DateInput
from tendik.core.i18n import localized
from tendik.plans.models import FrameworkItem, FundingSource, Measure
from tendik.territories.models import Level, Territory

from ..models import PartnerRole, ProjectStatus
from ..money.currencies import REPORTING_CURRENCIES, currency_choices
from . import inputs
from .selectors import partner_organisations

EMPTY = [("", "—")]
ROWS_EXTRA = {"partners": 2, "budget": 3}


def _currencies() -> list:
    """The reporting currencies first, then every ISO 4217 currency."""
    return EMPTY + [(_("Основные"), currency_choices(REPORTING_CURRENCIES)),
                    (_("Все валюты"), currency_choices())]


class ProjectForm(forms.Form):
    title_ru = forms.CharField(label=_("Название (рус.)"), max_length=500)
    title_ky = forms.CharField(label=_("Название (кырг.)"), max_length=500, required=False)
    title_kk = forms.CharField(label=_("Название (каз.)"), max_length=500, required=False)
    title_en = forms.CharField(label=_("Название (англ.)"), max_length=500, required=False)
    code = forms.CharField(label=_("Код проекта"), max_length=64, required=False)
    summary = forms.CharField(label=_("Краткое описание"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    country = forms.ChoiceField(label=_("Страна"))
    period_start = forms.DateField(label=_("Начало"), widget=DateInput)
    period_end = forms.DateField(label=_("Окончание"), widget=DateInput)
    status = forms.ChoiceField(label=_("Статус"), choices=ProjectStatus.choices)
    territories = forms.MultipleChoiceField(label=_("Территории"), required=False)
    measures = forms.TypedMultipleChoiceField(label=_("Мероприятия плана"), coerce=int,
                                              required=False)
    frameworks = forms.TypedMultipleChoiceField(label=_("ЦУР и Пекинская платформа"),
                                                coerce=int, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, countries, country, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [(c.code, localized(c, "name").text) for c in countries]
        if len(countries) < 2:  # only admins choose; everybody else works in their own country
            self.fields["country"].widget = forms.HiddenInput()
        scope = list(countries) if country is None else [country]
        self.fields["territories"].choices = [
            (t.code, localized(t, "name").text) for t in Territory.objects.filter(
                country_code__in=[c.country_code for c in scope],
                level__in=[Level.REGION, Level.DISTRICT]).order_by("country_code", "level",
                                                                   "name_ru")]
        self.fields["measures"].choices = [
            (m.pk, f"{m.code} {m.title} ({m.plan.title})")
            for m in Measure.objects.filter(plan__country__in=scope).select_related(
                "plan").order_by("plan_id", "position")]
        self.fields["frameworks"].choices = [
            (item.pk, item.caption) for item in FrameworkItem.objects.filter(
                kind__in=inputs.THEMATIC_KINDS).order_by("kind", "id")]


class PartnerRowForm(forms.Form):
    organisation = forms.ChoiceField(label=_("Организация"), required=False)
    role = forms.ChoiceField(label=_("Роль"), choices=EMPTY + PartnerRole.choices,
                             required=False)

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = EMPTY + list(organisations)


class BudgetRowForm(forms.Form):
    year = forms.CharField(label=_("Год"), max_length=4, required=False,
                           widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 5}))
    amount = forms.CharField(label=_("Сумма"), max_length=30, required=False,
                             widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 12}))
    currency = forms.ChoiceField(label=_("Валюта"), required=False)
    source = forms.ChoiceField(label=_("Источник"), choices=EMPTY + FundingSource.choices,
                               required=False)
    funder = forms.ChoiceField(label=_("Кто финансирует"), required=False)
    measure = forms.ChoiceField(label=_("Мероприятие плана"), required=False)

    def __init__(self, *args, organisations=(), measures=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["currency"].choices = _currencies()
        self.fields["funder"].choices = EMPTY + list(organisations)
        self.fields["measure"].choices = EMPTY + list(measures)


PartnerRows = forms.formset_factory(PartnerRowForm, extra=ROWS_EXTRA["partners"])
BudgetRows = forms.formset_factory(BudgetRowForm, extra=ROWS_EXTRA["budget"])


def organisation_choices(user, country) -> list:
    return [(str(o.pk), o.name) for o in partner_organisations(user, country)]


class DisbursementForm(forms.Form):
    date = forms.DateField(label=_("Дата"), widget=DateInput)
    amount = forms.CharField(label=_("Сумма"), max_length=30,
                             widget=forms.TextInput(attrs={"inputmode": "decimal"}))
    currency = forms.ChoiceField(label=_("Валюта"))
    funder = forms.ChoiceField(label=_("Кто финансирует"), required=False)
    note = forms.CharField(label=_("Примечание"), max_length=500, required=False)

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["currency"].choices = _currencies()
        self.fields["funder"].choices = EMPTY + list(organisations)
