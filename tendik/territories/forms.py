from django import forms
from django.utils.translation import gettext_lazy as _


class TerritoryImportForm(forms.Form):
    file = forms.FileField(
        label=_("Файл Open Admin Data (.json или .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".json,.csv"}),
    )
