from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from tendik.analytics.indicators import period_label
from tendik.reporting.models import ReportingPeriod

from .models import ReportFormat


def _period_choices(plans) -> list:
    """Periods grouped under their plan, so one list serves every plan without scripts."""
    periods = ReportingPeriod.objects.filter(plan__in=plans).order_by("plan_id", "start")
    grouped: dict = {}
    for period in periods:
        grouped.setdefault(period.plan_id, []).append(
            (period.pk, period_label(period.kind, period.start, period.end)))
    return [("", "—")] + [(plan.title, grouped[plan.pk]) for plan in plans if plan.pk in grouped]


class NationalReportForm(forms.Form):
    """The choices only; which plan, periods and language are allowed is the service's rule."""

    plan = forms.ChoiceField(label=_("План"))
    period_from = forms.ChoiceField(label=_("С периода"), required=False,
                                    help_text=_("Пусто — с начала плана"))
    period_to = forms.ChoiceField(label=_("По период"), required=False,
                                  help_text=_("Пусто — до конца плана"))
    format = forms.ChoiceField(label=_("Формат"), choices=ReportFormat.choices,
                               widget=forms.RadioSelect, initial=ReportFormat.DOCX)
    language = forms.ChoiceField(label=_("Язык доклада"), choices=settings.LANGUAGES,
                                 initial="ru")

    def __init__(self, *args, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].choices = [(p.pk, p.title) for p in plans]
        periods = _period_choices(plans)
        self.fields["period_from"].choices = periods
        self.fields["period_to"].choices = periods
