from django import forms
from django.utils.translation import gettext_lazy as _

from tendik.organisations.models import OrganisationKind

from .models import ActivityKind, Audience, PeriodKind, ProgressStatus


class PeriodForm(forms.Form):
    kind = forms.ChoiceField(label=_("Вид"), choices=PeriodKind.choices)
    start = forms.DateField(label=_("Начало"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Конец"), widget=forms.DateInput(attrs={"type": "date"}))
    due_date = forms.DateField(label=_("Срок сдачи"),
                               widget=forms.DateInput(attrs={"type": "date"}))


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
    kind = forms.ChoiceField(label=_("Вид"), choices=ActivityKind.choices)
    title = forms.CharField(label=_("Название"), max_length=500)
    start = forms.DateField(label=_("Начало"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Окончание"), widget=forms.DateInput(attrs={"type": "date"}))
    venue = forms.CharField(label=_("Место проведения"), required=False, max_length=255)
    audiences = forms.MultipleChoiceField(label=_("Аудитория"), required=False,
                                          choices=Audience.choices,
                                          widget=forms.CheckboxSelectMultiple)
    participants_women = forms.IntegerField(label=_("Женщин"), initial=0)
    participants_men = forms.IntegerField(label=_("Мужчин"), initial=0)
    participants_total = forms.IntegerField(label=_("Всего участников"), initial=0)
    measures = forms.MultipleChoiceField(label=_("Мероприятия плана"), required=False)

    def __init__(self, *args, measures=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measures"].choices = [(m.pk, f"{m.code} {m.title}"[:100]) for m in measures]


class EvidenceForm(forms.Form):
    file = forms.FileField(label=_("Файл (PDF, DOCX, XLSX, JPG, PNG)"), required=False)
    url = forms.URLField(label=_("или ссылка"), required=False)
    description = forms.CharField(label=_("Описание"), required=False, max_length=500)


class DashboardFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Вид организации"), required=False,
                             choices=[("", "—"), *OrganisationKind.choices])
    territory = forms.CharField(label=_("Код территории"), required=False)


class ReviewForm(forms.Form):
    text = forms.CharField(label=_("Комментарий к отчёту"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))
