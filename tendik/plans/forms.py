from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CommentStatus, PlanKind, Strategy


class PlanFilterForm(forms.Form):
    search = forms.CharField(label=_("Поиск"), required=False,
                             widget=forms.TextInput(attrs={"type": "search"}))
    area = forms.ChoiceField(label=_("Направление"), required=False)
    executor = forms.ChoiceField(label=_("Исполнитель"), required=False)
    framework = forms.ChoiceField(label=_("Обязательство"), required=False)
    territory = forms.ChoiceField(label=_("Территория"), required=False)
    year = forms.IntegerField(label=_("Год срока"), required=False, min_value=1990,
                              max_value=2100)

    def __init__(self, *args, areas=(), executors=(), frameworks=(), territories=(), **kwargs):
        super().__init__(*args, **kwargs)
        blank = [("", "—")]
        self.fields["area"].choices = blank + [(a.pk, f"{a.code}. {a.title}") for a in areas]
        self.fields["executor"].choices = blank + [(o.pk, o.acronym or o.name) for o in executors]
        self.fields["framework"].choices = blank + [(f.key, f"{f.key} {f.title}"[:90])
                                                    for f in frameworks]
        self.fields["territory"].choices = blank + [(t.code, t.name) for t in territories]


class PlanImportForm(forms.Form):
    file = forms.FileField(label=_("Матрица плана (XLSX)"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}))
    kind = forms.ChoiceField(label=_("Вид плана"), choices=PlanKind.choices)
    title = forms.CharField(label=_("Название (рус.)"), max_length=500)
    strategy = forms.ModelChoiceField(label=_("Стратегия"), queryset=Strategy.objects.none(),
                                      required=False)
    period_start = forms.DateField(label=_("Начало периода"),
                                   widget=forms.DateInput(attrs={"type": "date"}))
    period_end = forms.DateField(label=_("Конец периода"),
                                 widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, strategies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["strategy"].queryset = strategies

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("Конец периода раньше начала."))
        if cleaned.get("kind") == PlanKind.NAP and not cleaned.get("strategy"):
            self.add_error("strategy", _("Национальный план действий реализует стратегию."))
        return cleaned


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Замечание"), widget=forms.Textarea(attrs={"rows": 3}))


class CommentAnswerForm(forms.Form):
    status = forms.ChoiceField(label=_("Решение"), choices=[
        (CommentStatus.ACCEPTED, CommentStatus.ACCEPTED.label),
        (CommentStatus.REJECTED, CommentStatus.REJECTED.label)])
    reply = forms.CharField(label=_("Ответ"), widget=forms.Textarea(attrs={"rows": 2}))


