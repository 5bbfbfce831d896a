from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tendik.core.i18n import localized
from tendik.core.models import BaseModel
from tendik.core.permissions import Role


class OrganisationKind(models.TextChoices):
    MINISTRY = "ministry", _("министерство")
    STATE_AGENCY = "state_agency", _("государственное ведомство")
    GOVERNMENT = "government", _("правительство")
    PLENIPOTENTIARY = "plenipotentiary", _("полномочное представительство")
    LSG = "lsg", _("орган местного самоуправления (ОМСУ)")
    PARLIAMENT = "parliament", _("парламент")
    LAW_ENFORCEMENT = "law_enforcement", _("правоохранительный орган")
    CSO = "cso", _("организация гражданского общества")
    INTERNATIONAL = "international", _("международная организация")
    DONOR = "donor", _("донор")
    PROJECT = "project", _("проект")
    BUSINESS_ASSOCIATION = "business_association", _("бизнес-ассоциация")
    TRADE_UNION = "trade_union", _("профсоюз")
    MEDIA = "media", _("СМИ")
    ACADEMIA = "academia", _("академическая организация")
    RELIGIOUS = "religious", _("религиозная организация")
    CRISIS_CENTRE = "crisis_centre", _("кризисный центр")


class Organisation(BaseModel):
    kind = models.CharField(_("вид"), max_length=32, choices=OrganisationKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("вышестоящая организация"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    country = models.ForeignKey(
        "territories.Territory",
        verbose_name=_("страна"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": "country"},
        help_text=_("Пусто для региональных и международных организаций."),
    )
    territory = models.ForeignKey(
        "territories.Territory",
        verbose_name=_("территория"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    name_ru = models.CharField(_("название (рус.)"), max_length=500)
    name_ky = models.CharField(_("название (кырг.)"), max_length=500, blank=True)
    name_kk = models.CharField(_("название (каз.)"), max_length=500, blank=True)
    name_en = models.CharField(_("название (англ.)"), max_length=500, blank=True)
    acronym = models.CharField(_("аббревиатура"), max_length=64, blank=True)
    is_active = models.BooleanField(_("действует"), default=True)
    # Lower-cased names, acronyms and former names: one indexed column answers every search.
    search_text = models.TextField(editable=False, blank=True, default="")

    class Meta:
        verbose_name = _("организация")
        verbose_name_plural = _("организации")
        ordering = ["name_ru"]
        constraints = [
            models.UniqueConstraint(fields=["country", "name_ru"], name="organisation_unique_name"),
            models.CheckConstraint(
                condition=~Q(parent=F("id")), name="organisation_not_own_parent"
            ),
        ]
        indexes = [models.Index(fields=["country", "kind"], name="organisation_country_kind")]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name").text

    def audit_country_code(self) -> str:
        return self.country.code if self.country_id else ""


class NameKind(models.TextChoices):
    ACRONYM = "acronym", _("другая аббревиатура")
    FORMER = "former", _("прежнее название")


class OrganisationName(BaseModel):
    """Extra acronyms and former names: the seeds call one ministry МТСР, МЗСР and МТСОиМ."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="other_names"
    )
    kind = models.CharField(_("вид"), max_length=16, choices=NameKind.choices)
    name = models.CharField(_("название"), max_length=500, blank=True)
    acronym = models.CharField(_("аббревиатура"), max_length=64, blank=True)
    valid_from = models.DateField(_("с"), null=True, blank=True)
    valid_to = models.DateField(_("по"), null=True, blank=True)

    class Meta:
        verbose_name = _("другое название")
        verbose_name_plural = _("другие названия")
        ordering = ["valid_from", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(name="", acronym=""), name="organisation_name_not_empty"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=F("valid_from")),
                name="organisation_name_valid_period",
            ),
            models.UniqueConstraint(
                fields=["organisation", "kind", "name", "acronym"],
                name="organisation_name_unique",
            ),
        ]

    def __str__(self) -> str:
        label = self.name or self.acronym
        if self.name and self.acronym:
            label = f"{self.name} ({self.acronym})"
        return label

    def audit_country_code(self) -> str:
        return self.organisation.audit_country_code()


class Sex(models.TextChoices):
    FEMALE = "female", _("женщина")
    MALE = "male", _("мужчина")


class Person(BaseModel):
    last_name = models.CharField(_("фамилия"), max_length=100)
    first_name = models.CharField(_("имя"), max_length=100)
    patronymic = models.CharField(_("отчество"), max_length=100, blank=True)
    sex = models.CharField(_("пол"), max_length=8, choices=Sex.choices)
    position = models.CharField(_("должность"), max_length=255, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("организация"),
        on_delete=models.PROTECT,
        related_name="people",
    )
    is_focal_point = models.BooleanField(_("ответственный по гендерным вопросам"), default=False)
    email = models.EmailField(_("эл. почта"), blank=True)
    phone = models.CharField(_("телефон"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("сотрудник")
        verbose_name_plural = _("сотрудники")
        ordering = ["last_name", "first_name"]
        indexes = [models.Index(fields=["organisation", "last_name"], name="person_org_name")]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.last_name, self.first_name, self.patronymic) if part)

    def audit_country_code(self) -> str:
        return self.organisation.audit_country_code()


class User(AbstractUser):
    """An account: one organisation in one country, with roles held there."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("организация"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    country = models.ForeignKey(
        "territories.Territory",
        verbose_name=_("страна"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": "country"},
    )
    person = models.OneToOneField(
        Person,
        verbose_name=_("сотрудник"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="user",
    )
    # E-mails and other messages sent without a request are written in this language.
    language = models.CharField(_("язык писем"), max_length=8, choices=settings.LANGUAGES,
                                default=settings.LANGUAGE_CODE)

    class Meta:
        verbose_name = _("пользователь")
        verbose_name_plural = _("пользователи")
        ordering = ["username"]

    def audit_country_code(self) -> str:
        return self.country.code if self.country_id else ""


class RoleAssignment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(_("роль"), max_length=16, choices=Role.choices)

    class Meta:
        verbose_name = _("роль пользователя")
        verbose_name_plural = _("роли пользователей")
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="role_assignment_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"
