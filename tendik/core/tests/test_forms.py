import datetime

from django import forms
from django.utils import translation

from tendik.core.forms import DateInput


class _DateForm(forms.Form):
    day = forms.DateField(widget=DateInput())


def test_a_date_field_renders_an_iso_value_whatever_the_page_language():
    # <input type="date"> drops «10.05.2023»: an edit form would lose its saved dates.
    for language in ("ru", "ky", "kk", "en"):
        with translation.override(language):
            html = str(_DateForm(initial={"day": datetime.date(2023, 5, 10)})["day"])
        assert 'type="date"' in html and 'value="2023-05-10"' in html
