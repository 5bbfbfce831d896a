from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tendik.core.models import BaseModel


class ReportFormat(models.TextChoices):
    DOCX = "docx", _("DOCX (Word, редактируемый)")
    PDF = "pdf", _("PDF (для печати)")
    XLSX = "xlsx", _("XLSX (таблицы)")


class NationalReport(BaseModel):
    """One generated national report: its parameters, the job that builds it and, once built,
    the file and the data snapshot it was built from. Kept, so it can be downloaded again."""

    plan = models.ForeignKey("plans.Plan", verbose_name=_("план"), on_delete=models.PROTECT,
                             related_name="national_reports")
    date_from = models.DateField(_("с"), null=True, blank=True)
    date_to = models.DateField(_("по"), null=True, blank=True)
    period_label = models.CharField(_("отчётный период"), max_length=100, blank=True)
    format = models.CharField(_("формат"), max_length=8, choices=ReportFormat.choices)
    language = models.CharField(_("язык"), max_length=8, choices=settings.LANGUAGES)
    job = models.OneToOneField("core.Job", verbose_name=_("задание"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="national_report")
    file = models.FileField(_("файл"), upload_to="exports/%Y/%m/", blank=True)
    size = models.PositiveIntegerField(_("размер, байт"), default=0)
    generated_at = models.DateTimeField(_("сформирован"), null=True, blank=True)
    # The snapshot: the latest acceptance among the counted reports and how many were counted.
    snapshot_at = models.DateTimeField(_("данные на"), null=True, blank=True)
    reports_counted = models.PositiveIntegerField(_("учтено отчётов"), default=0)
    content_sha256 = models.CharField(_("контрольная сумма содержания"), max_length=64,
                                      blank=True)
    # For the public portal: a coordinator may publish a published plan's report.
    is_public = models.BooleanField(_("опубликован"), default=False)

    class Meta:
        verbose_name = _("национальный доклад")
        verbose_name_plural = _("национальные доклады")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(date_from__isnull=True) | models.Q(date_to__isnull=True)
                | models.Q(date_from__lte=models.F("date_to")),
                name="national_report_dates_in_order"),
        ]

    def __str__(self) -> str:
        return f"{self.plan} · {self.period_label} · {self.language} · {self.format}"
