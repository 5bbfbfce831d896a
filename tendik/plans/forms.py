from django import forms
from django.utils.translation import gettext_lazy as _

from tendik.core.forms import DateInput
from tendik.core.i18n import texts_of
from tendik.organisations.models import Organisation
from tendik.territories.models import Territory

from .matrix_format import format_deadline, format_financing, parse_deadline, parse_financing
from .models import CommentStatus, FrameworkItem, Indicator, Objective, PlanKind, Strategy


class PlanImportForm(forms.Form):
    file = forms.FileField(label=_("Матрица плана (XLSX)"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}))
    kind = forms.ChoiceField(label=_("Вид плана"), choices=PlanKind.choices)
    title = forms.CharField(label=_("Название (рус.)"), max_length=500)
    strategy = forms.ModelChoiceField(label=_("Стратегия"), queryset=Strategy.objects.none(),
                                      required=False)
    period_start = forms.DateField(label=_("Начало периода"),
                                   widget=DateInput())
    period_end = forms.DateField(label=_("Конец периода"),
                                 widget=DateInput())

    def __init__(self, *args, strategies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["strategy"].queryset = strategies

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("Конец периода раньше начала."))
        if cleaned.get("kind") == PlanKind.NAP and not cleaned.get("strategy"):
            self.add_error("strategy", _("Национальный план действий реализует стратегию."))
        return cleaned


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Замечание"), widget=forms.Textarea(attrs={"rows": 3}))


class CommentAnswerForm(forms.Form):
    status = forms.ChoiceField(label=_("Решение"), choices=[
        (CommentStatus.ACCEPTED, CommentStatus.ACCEPTED.label),
        (CommentStatus.REJECTED, CommentStatus.REJECTED.label)])
    reply = forms.CharField(label=_("Ответ"), widget=forms.Textarea(attrs={"rows": 2}))




class PlanForm(forms.Form):
    kind = forms.ChoiceField(label=_("Вид плана"), choices=PlanKind.choices)
    strategy = forms.ModelChoiceField(label=_("Стратегия"), queryset=Strategy.objects.none(),
                                      required=False)
    title_ru = forms.CharField(label=_("Название (рус.)"), max_length=500)
    title_ky = forms.CharField(label=_("Название (кырг.)"), max_length=500, required=False)
    title_kk = forms.CharField(label=_("Название (каз.)"), max_length=500, required=False)
    title_en = forms.CharField(label=_("Название (англ.)"), max_length=500, required=False)
    period_start = forms.DateField(label=_("Начало периода"),
                                   widget=DateInput())
    period_end = forms.DateField(label=_("Конец периода"),
                                 widget=DateInput())
    act_type = forms.CharField(label=_("Вид акта"), max_length=255, required=False)
    act_number = forms.CharField(label=_("Номер акта"), max_length=64, required=False)
    act_date = forms.DateField(label=_("Дата акта"), required=False,
                               widget=DateInput())

    def __init__(self, *args, strategies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["strategy"].queryset = strategies

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("Конец периода раньше начала."))
        if cleaned.get("kind") == PlanKind.NAP and not cleaned.get("strategy"):
            self.add_error("strategy", _("Национальный план действий реализует стратегию."))
        return cleaned


class TitlesForm(forms.Form):
    """Four-language title of a new priority area or objective."""

    title_ru = forms.CharField(label=_("Название (рус.)"), max_length=1000)
    title_ky = forms.CharField(label=_("Название (кырг.)"), max_length=1000, required=False)
    title_kk = forms.CharField(label=_("Название (каз.)"), max_length=1000, required=False)
    title_en = forms.CharField(label=_("Название (англ.)"), max_length=1000, required=False)


class FrameworkChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.caption


class MeasureForm(forms.Form):
    title_ru = forms.CharField(label=_("Мероприятие (рус.)"), max_length=2000,
                               widget=forms.Textarea(attrs={"rows": 2}))
    title_ky = forms.CharField(label=_("Мероприятие (кырг.)"), max_length=2000, required=False,
                               widget=forms.Textarea(attrs={"rows": 2}))
    title_kk = forms.CharField(label=_("Мероприятие (каз.)"), max_length=2000, required=False,
                               widget=forms.Textarea(attrs={"rows": 2}))
    title_en = forms.CharField(label=_("Мероприятие (англ.)"), max_length=2000, required=False,
                               widget=forms.Textarea(attrs={"rows": 2}))
    expected_result_ru = forms.CharField(label=_("Ожидаемый результат (рус.)"), required=False,
                                         widget=forms.Textarea(attrs={"rows": 2}))
    expected_result_ky = forms.CharField(label=_("Ожидаемый результат (кырг.)"), required=False,
                                         widget=forms.Textarea(attrs={"rows": 2}))
    expected_result_kk = forms.CharField(label=_("Ожидаемый результат (каз.)"), required=False,
                                         widget=forms.Textarea(attrs={"rows": 2}))
    expected_result_en = forms.CharField(label=_("Ожидаемый результат (англ.)"), required=False,
                                         widget=forms.Textarea(attrs={"rows": 2}))
    deadline = forms.CharField(
        label=_("Срок исполнения"), max_length=100,
        help_text=_("«постоянно», «2022, 2023», «2022–2024», «31.12.2023», "
                    "«01.01.2022–30.06.2023» или «IV квартал 2023»."))
    lead_executor = forms.ModelChoiceField(label=_("Ответственный исполнитель"),
                                           queryset=Organisation.objects.none())
    co_executors = forms.ModelMultipleChoiceField(label=_("Соисполнители"), required=False,
                                                  queryset=Organisation.objects.none())
    partners = forms.ModelMultipleChoiceField(label=_("Партнёры"), required=False,
                                              queryset=Organisation.objects.none())
    territories = forms.ModelMultipleChoiceField(label=_("Территории"), required=False,
                                                 queryset=Territory.objects.none())
    indicators = forms.ModelMultipleChoiceField(label=_("Индикаторы"), required=False,
                                                queryset=Indicator.objects.none())
    frameworks = FrameworkChoiceField(label=_("Международные обязательства"), required=False,
                                      queryset=FrameworkItem.objects.all())
    budget = forms.CharField(
        label=_("Бюджет"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("По строке: «республиканский бюджет: 1 500 000 KGS», «донорские средства: "
                    "25 000 USD» или «не требуется»."))
    reason = forms.CharField(label=_("Причина изменения"), required=False, max_length=500)

    def __init__(self, *args, plan, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("lead_executor", "co_executors", "partners"):
            self.fields[name].queryset = organisations
        self.fields["territories"].queryset = Territory.objects.filter(
            country_code=plan.country.code).exclude(level="country").order_by("code")
        self.fields["indicators"].queryset = Indicator.objects.filter(country=plan.country)

    def clean_deadline(self):
        try:
            return parse_deadline(self.cleaned_data["deadline"])
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None

    def clean_budget(self):
        try:
            return parse_financing(self.cleaned_data["budget"])
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        deadline = {"deadline_date": None, "deadline_end": None, "deadline_years": "",
                    **data.pop("deadline")}
        data["budget_lines"] = data.pop("budget")
        data.pop("reason", None)
        return {**data, **deadline}

    @staticmethod
    def initial_for(measure) -> dict:
        return {
            **texts_of(measure, "title", "expected_result"),
            "lead_executor": measure.lead_executor,
            "deadline": format_deadline(measure),
            "budget": format_financing(measure.budget_lines.all()),
            **{name: list(getattr(measure, name).all()) for name in (
                "co_executors", "partners", "territories", "indicators", "frameworks")},
        }


class MeasureMoveForm(forms.Form):
    objective = forms.ModelChoiceField(label=_("Задача"), queryset=Objective.objects.none())
    position = forms.IntegerField(label=_("Место в задаче"), min_value=1)

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = plan.objectives.order_by("code")
        self.fields["objective"].label_from_instance = lambda o: f"{o.code}. {o.title}"[:120]
