"""Forms only parse what was typed; every rule is the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tendik.core.forms import DateInput
from tendik.core.i18n import localized
from tendik.partners.models import ActionCoalition, CommitmentFramework, CommitmentStatus

from .capabilities import is_member, manages_country
from .reference import action_area_groups
from .selectors import cedaw_items, countries_for, indicators_for, makers_for, measures_for

NONE = [("", "—")]


class CommitmentForm(forms.Form):
    country = forms.ModelChoiceField(label=_("Страна"), queryset=None, empty_label=None)
    made_by = forms.ModelChoiceField(label=_("Кто взял обязательство"), queryset=None)
    framework = forms.ChoiceField(label=_("Рамка"), choices=CommitmentFramework.choices)
    action_coalition = forms.ChoiceField(label=_("Коалиция действий «Поколения равенства»"),
                                         choices=NONE + ActionCoalition.choices, required=False)
    action_area = forms.ChoiceField(label=_("Направление действий"), required=False,
                                    help_text=_("Направления сгруппированы по коалициям."))
    cedaw_item = forms.ModelChoiceField(label=_("Рекомендация или статья КЛДЖ"), queryset=None,
                                        required=False)
    title_ru = forms.CharField(label=_("Название (рус.)"), max_length=500)
    title_ky = forms.CharField(label=_("Название (кырг.)"), max_length=500, required=False)
    title_kk = forms.CharField(label=_("Название (каз.)"), max_length=500, required=False)
    title_en = forms.CharField(label=_("Название (англ.)"), max_length=500, required=False)
    text_ru = forms.CharField(label=_("Текст обязательства (рус.)"), widget=forms.Textarea)
    text_ky = forms.CharField(label=_("Текст обязательства (кырг.)"), widget=forms.Textarea,
                              required=False)
    text_kk = forms.CharField(label=_("Текст обязательства (каз.)"), widget=forms.Textarea,
                              required=False)
    text_en = forms.CharField(label=_("Текст обязательства (англ.)"), widget=forms.Textarea,
                              required=False)
    made_on = forms.DateField(label=_("Дата обязательства"), widget=DateInput, required=False)
    target_date = forms.DateField(label=_("Срок"), widget=DateInput)
    status = forms.ChoiceField(label=_("Статус"), choices=CommitmentStatus.choices)
    measures = forms.ModelMultipleChoiceField(label=_("Мероприятия плана"), queryset=None,
                                              required=False)
    indicators = forms.ModelMultipleChoiceField(label=_("Индикаторы"), queryset=None,
                                                required=False)
    version = forms.IntegerField(label=_("Версия"), widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user, country, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = countries_for(user)
        self.fields["made_by"].queryset = makers_for(country)
        if is_member(user) and not manages_country(user, country.pk):
            # Their own organisation's commitments only: the service sets who made it.
            del self.fields["made_by"]
        self.fields["action_area"].choices = NONE + action_area_groups()
        self.fields["cedaw_item"].queryset = cedaw_items(country)
        self.fields["cedaw_item"].label_from_instance = lambda item: f"{item.label}: {item.title}"
        self.fields["measures"].queryset = measures_for(user, country)
        self.fields["indicators"].queryset = indicators_for(user, country)
        self.fields["measures"].label_from_instance = lambda m: f"{m.code} {m.title}"
        self.fields["indicators"].label_from_instance = lambda i: f"{i.code} {localized(i, 'name')}"


class ProgressForm(forms.Form):
    year = forms.IntegerField(label=_("Год"), min_value=1900, max_value=9999)
    status = forms.ChoiceField(label=_("Статус"), choices=CommitmentStatus.choices)
    percent = forms.IntegerField(label=_("Выполнено, %"), min_value=0, max_value=100,
                                 required=False)
    text = forms.CharField(label=_("Что сделано"), widget=forms.Textarea)
    evidence = forms.FileField(label=_("Подтверждение (файл)"), required=False, help_text=_(
        "PDF, DOCX, XLSX, JPG или PNG; тип определяется по содержимому."))
    evidence_url = forms.CharField(label=_("…или ссылка на подтверждение"), max_length=1000,
                                   required=False)
    version = forms.IntegerField(label=_("Версия"), widget=forms.HiddenInput, required=False)
