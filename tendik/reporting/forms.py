from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tendik.core.forms import DateInput
from tendik.organisations.models import Organisation
from tendik.territories.models import Territory

from .models import ActivityKind, Audience, PeriodKind, ProgressStatus


class PeriodForm(forms.Form):
    kind = forms.ChoiceField(label=_("Вид"), choices=PeriodKind.choices)
    start = forms.DateField(label=_("Начало"), widget=DateInput())
    end = forms.DateField(label=_("Конец"), widget=DateInput())
    due_date = forms.DateField(label=_("Срок сдачи"),
                               widget=DateInput())


class ProgressForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Статус"), required=False,
                               choices=[("", "—"), *ProgressStatus.choices])
    narrative_ru = forms.CharField(label=_("Что сделано (рус.)"), required=False,
                                   widget=forms.Textarea(attrs={"rows": 3}))
    narrative_ky = forms.CharField(label=_("Что сделано (кырг.)"), required=False,
                                   widget=forms.Textarea(attrs={"rows": 2}))
    spent_amount = forms.DecimalField(label=_("Израсходовано"), required=False, min_value=0,
                                      max_digits=18, decimal_places=2)
    spent_currency = forms.CharField(label=_("Валюта"), required=False, max_length=3)
    reason = forms.CharField(label=_("Причина (если не выполнено или отменено)"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))


class ActivityForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(label=_("Вид"), choices=ActivityKind.choices)
    title = forms.CharField(label=_("Название"), max_length=500)
    start = forms.DateField(label=_("Начало"), widget=DateInput())
    end = forms.DateField(label=_("Окончание"), widget=DateInput())
    territory = forms.ModelChoiceField(label=_("Территория"), required=False, queryset=None)
    venue = forms.CharField(label=_("Место проведения"), required=False, max_length=255)
    audiences = forms.MultipleChoiceField(label=_("Аудитория"), required=False,
                                          choices=Audience.choices,
                                          widget=forms.CheckboxSelectMultiple)
    participants_women = forms.IntegerField(label=_("Женщин"), initial=0, min_value=0)
    participants_men = forms.IntegerField(label=_("Мужчин"), initial=0, min_value=0)
    participants_total = forms.IntegerField(label=_("Всего участников"), initial=0, min_value=0)
    partners = forms.ModelMultipleChoiceField(label=_("Партнёры"), required=False, queryset=None)
    measures = forms.MultipleChoiceField(label=_("Мероприятия плана"), required=False)

    def __init__(self, *args, report, **kwargs):
        super().__init__(*args, **kwargs)
        country = report.plan.country
        self.fields["territory"].queryset = Territory.objects.filter(
            country_code=country.code, level__in=["region", "district"]).order_by("code")
        self.fields["partners"].queryset = Organisation.objects.filter(
            Q(country=country) | Q(country__isnull=True)).exclude(
            pk=report.organisation_id).order_by("name_ru")
        self.fields["measures"].choices = [
            (p.measure_id, f"{p.measure.code} {p.measure.title}"[:120])
            for p in report.progress.select_related("measure").order_by("measure__code")]

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("Окончание раньше начала."))
        counts = [data.get(n) for n in ("participants_women", "participants_men",
                                        "participants_total")]
        if None not in counts and counts[0] + counts[1] > counts[2]:
            self.add_error("participants_total", _(
                "Женщин и мужчин (%(sum)s) больше, чем всего участников.") % {
                "sum": counts[0] + counts[1]})
        return data


def _report_measures(report) -> list[tuple]:
    return [("", "—")] + [(p.measure_id, f"{p.measure.code} {p.measure.title}"[:120])
                          for p in report.progress.select_related("measure")
                          .order_by("measure__code")]


class EvidenceForm(forms.Form):
    file = forms.FileField(label=_("Файл (PDF, DOCX, XLSX, JPG, PNG)"), required=False)
    url = forms.URLField(label=_("или ссылка"), required=False, assume_scheme="https")
    description = forms.CharField(label=_("Описание"), required=False, max_length=500)
    measure = forms.ChoiceField(label=_("Мероприятие плана"), required=False)

    def __init__(self, *args, report, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].choices = _report_measures(report)

    def clean(self):
        data = super().clean()
        if not data.get("file") and not data.get("url") and not self.errors:
            self.add_error("file", _("Прикрепите файл или укажите ссылку."))
        return data


class EvidenceEditForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    description = forms.CharField(label=_("Описание"), required=False, max_length=500)
    measure = forms.ChoiceField(label=_("Мероприятие плана"), required=False)

    def __init__(self, *args, report, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].choices = _report_measures(report)


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Пояснение"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}))


class ReviewForm(forms.Form):
    text = forms.CharField(label=_("Комментарий к отчёту"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))
