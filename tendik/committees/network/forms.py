"""The committee, member and meeting forms. Choices come from the views (the reader's scope);
every rule is the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tendik.core.forms import DateInput

from ..models import CommitteeStatus, Institution, MemberRole

NONE = [("", "—")]


class CommitteeForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    organisation = forms.ChoiceField(label=_("ОМСУ"))
    territory = forms.ChoiceField(label=_("Территория"),
                                  help_text=_("Обычно территория самого ОМСУ."))
    established = forms.DateField(label=_("Дата создания"), widget=DateInput)
    act = forms.CharField(label=_("Акт о создании"), max_length=500, required=False)
    status = forms.ChoiceField(label=_("Статус"), choices=CommitteeStatus.choices)

    def __init__(self, *args, organisations=(), territories=(), **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is None:  # an existing committee stays with its ОМСУ
            del self.fields["organisation"]
        else:
            self.fields["organisation"].choices = NONE + list(organisations)
        self.fields["territory"].choices = NONE + list(territories)


class MemberForm(forms.Form):
    person = forms.ChoiceField(label=_("Сотрудник из справочника"), required=False)
    name = forms.CharField(label=_("Имя"), max_length=255, required=False,
                           help_text=_("Можно не заполнять, если выбран сотрудник."))
    position = forms.CharField(label=_("Должность"), max_length=500, required=False)
    institution = forms.ChoiceField(label=_("Представляет"), choices=NONE + Institution.choices)
    organisation = forms.ChoiceField(label=_("Организация"), required=False)
    role = forms.ChoiceField(label=_("Роль в комитете"), choices=MemberRole.choices,
                             initial=MemberRole.MEMBER)

    def __init__(self, *args, organisations=(), people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = NONE + list(organisations)
        self.fields["person"].choices = NONE + list(people)


class MeetingForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    date = forms.DateField(label=_("Дата заседания"), widget=DateInput)
    agenda = forms.CharField(label=_("Повестка"), max_length=20000,
                             widget=forms.Textarea(attrs={"rows": 3}))
    decisions = forms.CharField(label=_("Решения"), max_length=20000, required=False,
                                widget=forms.Textarea(attrs={"rows": 3}))
    attended_women = forms.IntegerField(label=_("Присутствовали женщины"), min_value=0,
                                        max_value=32767, initial=0)
    attended_men = forms.IntegerField(label=_("Присутствовали мужчины"), min_value=0,
                                      max_value=32767, initial=0)


class CoverageForm(forms.Form):
    country = forms.ChoiceField(label=_("Страна"), required=False)
    region = forms.ChoiceField(label=_("Область"), required=False)

    def __init__(self, *args, countries=(), regions=(), **kwargs):
        super().__init__(*args, **kwargs)
        if countries:
            self.fields["country"].choices = list(countries)
        else:  # one country only: nothing to choose
            del self.fields["country"]
        self.fields["region"].choices = [("", _("— все —"))] + list(regions)
