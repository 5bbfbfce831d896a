"""Documents where progress is written, and the facts read out of them, each with its span."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tendik.core.models import BaseModel


class DocumentKind(models.TextChoices):
    TXT = "txt", _("текст")
    DOCX = "docx", "DOCX"
    PDF = "pdf", "PDF"
    HTML = "html", "HTML"
    PASTED = "pasted", _("вставленный текст")


class ExtractionState(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("extraction", "в очереди")
    RUNNING = "running", pgettext_lazy("extraction", "читается")
    DONE = "done", pgettext_lazy("extraction", "прочитан")
    FAILED = "failed", pgettext_lazy("extraction", "ошибка")


class Language(models.TextChoices):
    RU = "ru", _("русский")
    KY = "ky", _("кыргызский")
    KK = "kk", _("казахский")
    EN = "en", _("английский")
    UND = "und", _("не определён")


class Document(BaseModel):
    """One uploaded or pasted document: its original file, its plain text and where it came from.

    The organisation is the uploader's: its people and the coordinators of its country read it."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT,
                                     related_name="documents", verbose_name=_("организация"))
    title = models.CharField(_("название"), max_length=500)
    kind = models.CharField(_("формат"), max_length=8, choices=DocumentKind.choices)
    file = models.FileField(_("файл"), upload_to="documents/%Y/%m/", blank=True)
    original_name = models.CharField(_("имя файла"), max_length=255, blank=True)
    size = models.PositiveIntegerField(_("размер, байт"), default=0)
    sha256 = models.CharField(_("контрольная сумма текста"), max_length=64)
    source_url = models.URLField(_("источник (ссылка)"), max_length=1000, blank=True)
    published = models.DateField(_("дата публикации"), null=True, blank=True)
    text = models.TextField(_("текст"))
    language = models.CharField(_("язык"), max_length=8, choices=Language.choices)
    # Kyrgyz, Kazakh, English or unknown text is stored and flagged: Russian rules read nothing.
    supported = models.BooleanField(_("язык поддерживается"), default=True)
    state = models.CharField(_("чтение"), max_length=16, choices=ExtractionState.choices,
                             default=ExtractionState.QUEUED)
    job = models.ForeignKey("core.Job", null=True, blank=True, on_delete=models.SET_NULL,
                            related_name="+")
    extracted_at = models.DateTimeField(_("прочитан"), null=True, blank=True)
    version = models.PositiveIntegerField(_("версия"), default=1)

    class Meta:
        verbose_name = _("документ")
        verbose_name_plural = _("документы")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "-created_at"], name="document_org_created")]

    def __str__(self) -> str:
        return self.title

    def audit_country_code(self) -> str:
        return self.organisation.audit_country_code()


class FactKind(models.TextChoices):
    EVENT = "event", _("событие")
    ORGANISATION = "organisation", _("организация")
    PERSON = "person", _("человек")
    PLACE = "place", _("место")
    DATE = "date", _("дата")
    QUANTITY = "quantity", _("количество")
    COMMITMENT = "commitment", _("обязательство")


class FactStatus(models.TextChoices):
    PROPOSED = "proposed", _("предложен")
    ACCEPTED = "accepted", _("принят")
    CORRECTED = "corrected", _("исправлен")
    REJECTED = "rejected", _("отклонён")


class Fact(BaseModel):
    """One fact as the extractor found it (`found`) and as the reviewer left it (`data`).

    `start`/`end` are character offsets into the document's text: every figure that comes from a
    document can show the exact words it came from."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="facts")
    kind = models.CharField(_("вид"), max_length=16, choices=FactKind.choices)
    ordinal = models.PositiveIntegerField(_("номер"))
    start = models.PositiveIntegerField(_("начало"))
    end = models.PositiveIntegerField(_("конец"))
    found = models.JSONField(_("найдено"), default=dict)
    data = models.JSONField(_("данные"), default=dict)
    status = models.CharField(_("статус"), max_length=16, choices=FactStatus.choices,
                              default=FactStatus.PROPOSED)
    organisation = models.ForeignKey("organisations.Organisation", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    territory = models.ForeignKey("territories.Territory", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    measure = models.ForeignKey("plans.Measure", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    # What accepting an event made: the activity and the evidence in a draft report.
    activity = models.ForeignKey("reporting.Activity", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="source_facts")
    evidence = models.ForeignKey("reporting.Evidence", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="source_facts")
    version = models.PositiveIntegerField(_("версия"), default=1)

    class Meta:
        verbose_name = _("факт")
        verbose_name_plural = _("факты")
        ordering = ["document", "kind", "ordinal"]
        constraints = [
            models.UniqueConstraint(fields=["document", "kind", "ordinal"], name="fact_unique_ordinal"),
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="fact_span_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.start}–{self.end}"

    def audit_country_code(self) -> str:
        return self.document.audit_country_code()

    @property
    def text(self) -> str:
        return self.document.text[self.start:self.end]
