"""The meeting form with its repeated rows (participants, agreements) and the agreement forms.
Choices come from the views (the reader's scope); every rule is the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tendik.core.forms import DateInput

from ..models import EngagementKind, FollowUpStatus

NONE = [("", "—")]


def _choices(field, choices, blank: bool = True) -> None:
    field.choices = (NONE if blank else []) + list(choices)


class EngagementForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    country = forms.ChoiceField(label=_("Страна"))
    kind = forms.ChoiceField(label=_("Вид"), choices=EngagementKind.choices)
    date = forms.DateField(label=_("Дата"), widget=DateInput)
    place = forms.CharField(label=_("Место"), max_length=255, required=False)
    title_ru = forms.CharField(label=_("Название (рус.)"), max_length=500)
    title_ky = forms.CharField(label=_("Название (кырг.)"), max_length=500, required=False)
    title_kk = forms.CharField(label=_("Название (каз.)"), max_length=500, required=False)
    title_en = forms.CharField(label=_("Название (англ.)"), max_length=500, required=False)
    topics = forms.CharField(label=_("Темы"), required=False, help_text=_("Одна тема на строку."),
                             widget=forms.Textarea(attrs={"rows": 3}))
    summary = forms.CharField(label=_("Итоги"), required=False,
                              widget=forms.Textarea(attrs={"rows": 4}))
    organisations = forms.MultipleChoiceField(
        label=_("Организации"), required=False, widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Несколько — с клавишей Ctrl (⌘ на Mac)."))
    projects = forms.MultipleChoiceField(label=_("Проекты"), required=False,
                                         widget=forms.SelectMultiple(attrs={"size": 4}))

    def __init__(self, *args, countries=(), organisations=(), projects=(), **kwargs):
        super().__init__(*args, **kwargs)
        _choices(self.fields["country"], countries, blank=False)
        _choices(self.fields["organisations"], organisations, blank=False)
        _choices(self.fields["projects"], projects, blank=False)


class ParticipantForm(forms.Form):
    """A row may be left empty; a person from the directory brings their name and position."""

    name = forms.CharField(label=_("Имя"), max_length=255, required=False)
    position = forms.CharField(label=_("Должность на момент встречи"), max_length=500,
                               required=False)
    organisation = forms.ChoiceField(label=_("Организация"), required=False)
    person = forms.ChoiceField(label=_("Сотрудник из справочника"), required=False)

    def __init__(self, *args, organisations=(), people=(), **kwargs):
        super().__init__(*args, **kwargs)
        _choices(self.fields["organisation"], organisations)
        _choices(self.fields["person"], people)


class FollowUpForm(forms.Form):
    text = forms.CharField(label=_("Договорённость"), max_length=5000, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))
    owner = forms.ChoiceField(label=_("Ответственный"), required=False)
    due_date = forms.DateField(label=_("Срок"), widget=DateInput, required=False)

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        _choices(self.fields["owner"], organisations)


ParticipantFormSet = forms.formset_factory(ParticipantForm, extra=0)
FollowUpFormSet = forms.formset_factory(FollowUpForm, extra=0)


class FollowUpUpdateForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Статус"))
    note = forms.CharField(label=_("Что сделано"), required=False, max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 2}))
    due_date = forms.DateField(label=_("Срок"), widget=DateInput, required=False)

    def __init__(self, *args, statuses=(), reschedule: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(s, FollowUpStatus(s).label) for s in statuses]
        if not reschedule:
            del self.fields["due_date"]
