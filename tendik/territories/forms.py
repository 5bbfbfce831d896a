from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Level


class TerritoryFilterForm(forms.Form):
    search = forms.CharField(label=_("Поиск"), required=False,
                             widget=forms.TextInput(attrs={"type": "search"}))
    country = forms.ChoiceField(label=_("Страна"), required=False,
                                choices=[("", "—"), ("KG", "KG"), ("KZ", "KZ")])
    level = forms.ChoiceField(label=_("Уровень"), required=False,
                              choices=[("", "—"), *Level.choices])


class TerritoryImportForm(forms.Form):
    file = forms.FileField(
        label=_("Файл Open Admin Data (.json или .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".json,.csv"}),
    )
