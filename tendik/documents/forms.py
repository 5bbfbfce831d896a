from django import forms
from django.utils.translation import gettext_lazy as _

from tendik.core.forms import DateInput
from tendik.reporting.models import ActivityKind

from .models import Document
from .review import EVENT_TYPES, QUALIFIERS

EVENT_TYPE_LABELS = {
    "meeting": _("встреча"), "training": _("тренинг"), "consultation": _("консультация"),
    "campaign": _("кампания"), "dialogue": _("диалог"), "conference": _("конференция"),
    "adoption": _("принятие документа"), "establishment": _("создание органа")}


class DocumentForm(forms.Form):
    file = forms.FileField(label=_("Файл"), required=False, help_text=_(
        "TXT, DOCX, PDF с текстовым слоем или HTML; тип определяется по содержимому."))
    text = forms.CharField(label=_("…или вставьте текст"), required=False,
                           widget=forms.Textarea(attrs={"rows": 8}))
    title = forms.CharField(label=_("Название"), required=False,
                            max_length=Document._meta.get_field("title").max_length,
                            help_text=_("Если пусто — первая строка текста."))
    source_url = forms.CharField(label=_("Источник (ссылка)"), required=False, max_length=1000,
                                 help_text=_("Только записывается: Tendik ничего не скачивает."))
    published = forms.DateField(label=_("Дата публикации"), required=False, widget=DateInput,
                                help_text=_("По ней понимаются слова «сегодня», «вчера»."))


class FactDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("Принять")), ("correct", _("Исправить")),
                                          ("reject", _("Отклонить"))])
    version = forms.IntegerField(widget=forms.HiddenInput)
    date_start = forms.DateField(label=_("Начало"), required=False, widget=DateInput)
    date_end = forms.DateField(label=_("Окончание"), required=False, widget=DateInput)
    type = forms.ChoiceField(label=_("Вид события"), required=False,
                             choices=[("", "—")] + [(t, EVENT_TYPE_LABELS[t]) for t in EVENT_TYPES])
    qualifier = forms.ChoiceField(label=_("Признак"), required=False,
                                  choices=[("", "—")] + [(q, q) for q in QUALIFIERS])
    value = forms.CharField(label=_("Число"), required=False, max_length=30)
    unit = forms.CharField(label=_("Что считается"), required=False, max_length=100)
    name = forms.CharField(label=_("Имя"), required=False, max_length=300)
    role = forms.CharField(label=_("Должность"), required=False, max_length=300)
    organisation = forms.IntegerField(label=_("Организация из реестра"), required=False)
    territory = forms.IntegerField(label=_("Территория"), required=False)


class EventAcceptForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    report = forms.TypedChoiceField(label=_("Отчёт"), coerce=int)
    measure = forms.TypedChoiceField(label=_("Мероприятие плана"), coerce=int, required=False,
                                     empty_value=None)
    kind = forms.ChoiceField(label=_("Вид"), choices=ActivityKind.choices)
    title = forms.CharField(label=_("Название"), max_length=500)
    start = forms.DateField(label=_("Начало"), widget=DateInput)
    end = forms.DateField(label=_("Окончание"), widget=DateInput)
    territory = forms.TypedChoiceField(label=_("Территория"), coerce=int, required=False,
                                       empty_value=None)
    venue = forms.CharField(label=_("Место проведения"), max_length=255, required=False)
    participants_women = forms.IntegerField(label=_("Участниц"), min_value=0, initial=0)
    participants_men = forms.IntegerField(label=_("Участников"), min_value=0, initial=0)
    participants_total = forms.IntegerField(label=_("Всего участников"), min_value=0, initial=0)

    def __init__(self, *args, reports=(), measures=(), territories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["report"].choices = list(reports)
        self.fields["measure"].choices = [("", "—")] + list(measures)
        self.fields["territory"].choices = [("", "—")] + list(territories)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("Окончание раньше начала."))
        return data
