"""Forms of the money pages. The funding form also parses the API's query: one set of
parameters for both. They only parse; the services decide what a value means."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tendik.core.forms import DateInput

from .currencies import REPORTING_CURRENCIES, currency_choices


class FundingForm(forms.Form):
    plan = forms.IntegerField(label=_("План"), min_value=1)
    currency = forms.CharField(label=_("Валюта"), required=False, max_length=3)
    date = forms.DateField(label=_("Курс на дату"), required=False, widget=DateInput,
                           help_text=_("Плановые суммы — по курсам на эту дату (по умолчанию — "
                                       "сегодня), выплаты — по курсам на даты выплат."))

    def __init__(self, data=None, *, plans=None):
        super().__init__(data)
        if plans is not None:
            self.fields["plan"].widget = forms.Select(choices=[(p.pk, p.title) for p in plans])
            self.fields["currency"].widget = forms.Select(
                choices=currency_choices(REPORTING_CURRENCIES))


class RatesUploadForm(forms.Form):
    file = forms.FileField(label=_("Файл CSV с курсами"), help_text=_(
        "Столбцы date, currency, rate, base (KGS или KZT), по желанию nominal; даты в виде "
        "ГГГГ-ММ-ДД или ДД.ММ.ГГГГ. Файл с ошибкой в любой строке не загружается."))
    source = forms.CharField(label=_("Источник"), required=False, max_length=255,
                             help_text=_("Например, «НБКР» или «НБРК»."))
