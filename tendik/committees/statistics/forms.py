"""Forms only parse what was typed; every rule is the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..counts import COUNT_KEYS
from ..models import MonthlyStatistics

COUNT_INPUT = {"inputmode": "numeric", "pattern": "[0-9]*", "min": "0", "class": "count-input"}


class StatisticsForm(forms.Form):
    """A number per count key (empty is 0), the comment and the version it was read at."""

    comment = forms.CharField(label=_("Комментарий"), required=False, widget=forms.Textarea(
        attrs={"rows": 3}), help_text=_("Только обобщённые сведения: без имён, дат рождения, "
                                        "адресов и телефонов. Текст с ними не сохраняется."))
    version = forms.IntegerField(label=_("Версия"), widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key in COUNT_KEYS:
            self.fields[key] = forms.IntegerField(
                label=MonthlyStatistics._meta.get_field(key).verbose_name, required=False,
                widget=forms.NumberInput(attrs=COUNT_INPUT))

    def counts(self) -> dict:
        return {key: self.cleaned_data.get(key) for key in COUNT_KEYS}


class TransitionForm(forms.Form):
    note = forms.CharField(label=_("Замечание"), required=False, widget=forms.Textarea(
        attrs={"rows": 2}), help_text=_("Обязательно при возврате на доработку."))
