"""What a reader of the figures chooses: country, level and year. One form for the public page
and the open-data CSV, so both read the same parameters the same way."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tendik.territories.models import Level, Territory

from .figures import LEVELS


class FiguresForm(forms.Form):
    """`country` is required (the CSV answers 400 without it); the page fills in defaults
    first (`with_defaults`)."""

    country = forms.ModelChoiceField(
        label=_("Страна"), to_field_name="code", empty_label=None,
        queryset=Territory.objects.filter(level=Level.COUNTRY).order_by("code"),
        error_messages={"required": _("Укажите страну (country=KG)."),
                        "invalid_choice": _("Такой страны нет.")})
    level = forms.ChoiceField(label=_("Уровень"), required=False,
                              choices=[(level.value, level.label) for level in LEVELS])
    year = forms.IntegerField(label=_("Год"), required=False, min_value=2000)

    def __init__(self, *args, years: list[int] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if years:
            chosen = str(self.data.get("year", ""))
            if chosen.isdigit() and int(chosen) not in years:
                years = sorted({*years, int(chosen)}, reverse=True)  # shown as chosen
            self.fields["year"].widget = forms.Select(choices=[(y, y) for y in years])

    def clean_year(self) -> int | None:
        year = self.cleaned_data["year"]
        if year and year > timezone.localdate().year:
            raise forms.ValidationError(_("Год ещё не наступил."))
        return year

    def clean_level(self) -> str:
        return self.cleaned_data["level"] or Level.REGION

    def months(self) -> tuple[datetime.date, datetime.date] | None:
        """The chosen year as an inclusive month range; None for every month."""
        year = self.cleaned_data.get("year")
        return (datetime.date(year, 1, 1), datetime.date(year, 12, 1)) if year else None


def with_defaults(query, published_years) -> tuple[dict, list[int]]:
    """The page's parameters and the years to choose from: the first country, the region level
    and the latest year with accepted figures unless the reader chose otherwise.
    `published_years(country_code)` lists the years of a country."""
    data = {key: query.get(key) for key in ("country", "level", "year") if query.get(key)}
    if "country" not in data:
        first = FiguresForm.base_fields["country"].queryset.values_list("code", flat=True).first()
        data["country"] = first or ""
    years = published_years(data["country"])
    data.setdefault("level", Level.REGION)
    if years:
        data.setdefault("year", years[0])
    return data, years
