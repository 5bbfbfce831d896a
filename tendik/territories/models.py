from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tendik.core.i18n import localized
from tendik.core.models import BaseModel


class Level(models.TextChoices):
    COUNTRY = "country", _("страна")
    REGION = "region", _("область / город респ. значения")
    DISTRICT = "district", _("район / город")
    MUNICIPALITY = "municipality", _("айыльный аймак / муниципалитет")


LEVEL_ORDER = [Level.COUNTRY, Level.REGION, Level.DISTRICT, Level.MUNICIPALITY]


def parent_level(level: str) -> str | None:
    index = LEVEL_ORDER.index(level)
    return LEVEL_ORDER[index - 1] if index else None


class Territory(BaseModel):
    code = models.CharField(_("код"), max_length=32, unique=True)
    level = models.CharField(_("уровень"), max_length=16, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("входит в"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    country_code = models.CharField(_("страна"), max_length=2)
    name_ru = models.CharField(_("название (рус.)"), max_length=255, blank=True)
    name_ky = models.CharField(_("название (кырг.)"), max_length=255, blank=True)
    name_kk = models.CharField(_("название (каз.)"), max_length=255, blank=True)
    name_en = models.CharField(_("название (англ.)"), max_length=255, blank=True)
    valid_from = models.DateField(_("действует с"), null=True, blank=True)
    valid_to = models.DateField(_("действует по"), null=True, blank=True)

    class Meta:
        verbose_name = _("территория")
        verbose_name_plural = _("территории")
        ordering = ["code"]
        indexes = [models.Index(fields=["country_code", "level"], name="territory_country_level")]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=F("valid_from")),
                name="territory_valid_period",
            ),
            models.CheckConstraint(
                condition=Q(level=Level.COUNTRY, parent__isnull=True)
                | (~Q(level=Level.COUNTRY) & Q(parent__isnull=False)),
                name="territory_only_countries_are_roots",
            ),
            models.CheckConstraint(
                condition=~Q(name_ru="", name_ky="", name_kk="", name_en=""),
                name="territory_has_a_name",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name").text

    def audit_country_code(self) -> str:
        # Reference data: every country's coordinators may read its trail.
        return ""


class TerritoryBoundary(BaseModel):
    """A territory's outline for the choropleth map, imported from GeoJSON and simplified.

    `geometry` is always a GeoJSON MultiPolygon ({"type", "coordinates"}), in degrees.
    """

    territory = models.OneToOneField(
        Territory, verbose_name=_("территория"), on_delete=models.CASCADE,
        related_name="boundary",
    )
    geometry = models.JSONField(_("граница (GeoJSON MultiPolygon)"))
    source = models.CharField(_("файл"), max_length=255, blank=True)
    imported_at = models.DateTimeField(_("импортировано"))

    class Meta:
        verbose_name = _("граница территории")
        verbose_name_plural = _("границы территорий")
        ordering = ["territory__code"]

    def __str__(self) -> str:
        return str(self.territory)

    def audit_country_code(self) -> str:
        # Reference data, like the territory itself.
        return ""
