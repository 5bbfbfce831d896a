"""Official statistics read from Open SDG and SDMX files, and the mapping of their dimensions to
ours. Reported values stay in `reporting.Observation`; these are the national SDG platform's
figures, kept exactly as found, so one indicator shows both as one set of numbers."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from tendik.core.models import BaseModel


class SourceFormat(models.TextChoices):
    OPENSDG_CSV = "opensdg_csv", _("Open SDG CSV")
    SDMX_ML = "sdmx_ml", _("SDMX-ML 2.1")


class OnConflict(models.TextChoices):
    """What to do with rows that give one (year, series, unit, dimensions) different values."""

    REFUSE = "refuse", _("отказать в импорте файла")
    FIRST = "first", _("взять первое значение")
    LAST = "last", _("взять последнее значение")


class SourceFile(BaseModel):
    """One imported file, as found: its name, checksum, the choices made and what it gave."""

    country = models.ForeignKey("territories.Territory", verbose_name=_("страна"),
                                on_delete=models.PROTECT, related_name="+",
                                limit_choices_to={"level": "country"})
    name = models.CharField(_("файл"), max_length=255)
    sha256 = models.CharField(_("контрольная сумма"), max_length=64)
    format = models.CharField(_("формат"), max_length=16, choices=SourceFormat.choices)
    on_conflict = models.CharField(_("при противоречивых строках"), max_length=8,
                                   choices=OnConflict.choices, default=OnConflict.REFUSE)
    imported_at = models.DateTimeField(_("импортирован"))
    values = models.PositiveIntegerField(_("значений"), default=0)
    # [{"row", "column", "message"}]: identical duplicates collapsed, conflicts resolved by
    # the operator's choice, values added to our code lists.
    warnings = models.JSONField(_("предупреждения"), default=list, blank=True)

    class Meta:
        verbose_name = _("файл открытых данных")
        verbose_name_plural = _("файлы открытых данных")
        ordering = ["-imported_at", "-id"]

    def __str__(self) -> str:
        return self.name

    def audit_country_code(self) -> str:
        return self.country.code


class DimensionMapping(BaseModel):
    """A source's dimension (a column of an Open SDG file, a concept of an SDMX structure)
    mapped to one of ours, per country. No dimension: the column is not a breakdown (FREQ)."""

    country = models.ForeignKey("territories.Territory", verbose_name=_("страна"),
                                on_delete=models.PROTECT, related_name="+",
                                limit_choices_to={"level": "country"})
    source = models.CharField(_("разрез в источнике"), max_length=64)
    dimension = models.ForeignKey("plans.Dimension", verbose_name=_("наш разрез"), null=True,
                                  blank=True, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(_("версия"), default=1)

    class Meta:
        verbose_name = _("соответствие разрезов")
        verbose_name_plural = _("соответствия разрезов")
        ordering = ["country", "source"]
        constraints = [models.UniqueConstraint(fields=["country", "source"],
                                               name="dimension_mapping_unique")]

    def __str__(self) -> str:
        return f"{self.source} → {self.dimension or '—'}"

    def audit_country_code(self) -> str:
        return self.country.code


class ValueMapping(BaseModel):
    """A source value (a code such as «F», or a label such as «Female») mapped to a value of
    our code list. `created_by_import`: no value matched, so the import added one."""

    mapping = models.ForeignKey(DimensionMapping, on_delete=models.CASCADE,
                                related_name="values")
    source_value = models.CharField(_("значение в источнике"), max_length=255)
    value = models.ForeignKey("plans.DimensionValue", verbose_name=_("наше значение"),
                              on_delete=models.PROTECT, related_name="+")
    created_by_import = models.BooleanField(_("добавлено импортом"), default=False)

    class Meta:
        verbose_name = _("соответствие значений")
        verbose_name_plural = _("соответствия значений")
        ordering = ["mapping", "source_value"]
        constraints = [models.UniqueConstraint(fields=["mapping", "source_value"],
                                               name="value_mapping_unique")]

    def __str__(self) -> str:
        return f"{self.source_value} → {self.value.code}"

    def audit_country_code(self) -> str:
        return self.mapping.audit_country_code()


class StatValue(models.Model):
    """One official value: indicator, year, series, unit and our dimension key ("" = total),
    with the text exactly as it was found (exports write it back unchanged)."""

    indicator = models.ForeignKey("plans.Indicator", on_delete=models.CASCADE,
                                  related_name="stat_values")
    year = models.PositiveSmallIntegerField(_("год"))
    series = models.CharField(_("серия"), max_length=128, blank=True)
    unit = models.CharField(_("единица"), max_length=128, blank=True)
    # "age_group=Y15T17|sex=F": our dimension codes in alphabetical order, as in Observation.
    disaggregation = models.CharField(_("разрез"), max_length=255, blank=True)
    value = models.DecimalField(_("значение"), max_digits=24, decimal_places=8)
    text = models.CharField(_("значение как в источнике"), max_length=40)
    source = models.ForeignKey(SourceFile, verbose_name=_("файл"), on_delete=models.PROTECT,
                               related_name="stat_values")

    class Meta:
        verbose_name = _("значение официальной статистики")
        verbose_name_plural = _("значения официальной статистики")
        ordering = ["indicator", "series", "unit", "disaggregation", "year"]
        constraints = [models.UniqueConstraint(
            fields=["indicator", "year", "series", "unit", "disaggregation"],
            name="stat_value_unique")]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.year} [{self.disaggregation or 'total'}] = {self.text}"


class OpenDataArchive(BaseModel):
    """A country's all-data ZIP, built by a job for one fingerprint of the public data
    (`selectors.public_data_version`): only the archive of the current fingerprint is served,
    so a withdrawn publication never lingers in a download."""

    country = models.ForeignKey("territories.Territory", verbose_name=_("страна"),
                                on_delete=models.PROTECT, related_name="+",
                                limit_choices_to={"level": "country"})
    version = models.CharField(_("версия данных"), max_length=64)
    file = models.FileField(_("файл"), upload_to="opendata/%Y/%m/", blank=True)
    size = models.PositiveIntegerField(_("размер, байт"), default=0)
    indicators = models.PositiveIntegerField(_("индикаторов"), default=0)
    built_at = models.DateTimeField(_("сформирован"), null=True, blank=True)
    job = models.OneToOneField("core.Job", verbose_name=_("задание"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="open_data_archive")

    class Meta:
        verbose_name = _("архив открытых данных")
        verbose_name_plural = _("архивы открытых данных")
        ordering = ["-built_at", "-id"]
        indexes = [models.Index(fields=["country", "version"], name="opendata_archive_version")]

    def __str__(self) -> str:
        return f"{self.country_id} {self.version}"

    def audit_country_code(self) -> str:
        return self.country.code
