"""Local committees against family violence, crisis centres and help services, and their
monthly statistics.

Tendik holds no personal data about survivors: the monthly form is counts only, and no model
here has a field that could hold a survivor's name, birth date or address. The one free-text
field (`MonthlyStatistics.comment`) is scanned before it is saved (see `personal_data.py`).
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tendik.core.models import BaseModel


class CommitteeStatus(models.TextChoices):
    ACTIVE = "active", _("действует")
    INACTIVE = "inactive", _("не действует")


class Committee(BaseModel):
    """A local committee for protection from family violence, created in a local
    self-government body (ОМСУ) on the model regulation."""

    organisation = models.OneToOneField("organisations.Organisation", verbose_name=_("ОМСУ"),
                                        on_delete=models.PROTECT, related_name="committee")
    country = models.ForeignKey("territories.Territory", verbose_name=_("страна"),
                                on_delete=models.PROTECT, related_name="+",
                                limit_choices_to={"level": "country"})
    territory = models.ForeignKey("territories.Territory", verbose_name=_("территория"),
                                  on_delete=models.PROTECT, related_name="committees")
    established = models.DateField(_("дата создания"))
    act = models.CharField(_("акт о создании"), max_length=500, blank=True)
    status = models.CharField(_("статус"), max_length=16, choices=CommitteeStatus.choices,
                              default=CommitteeStatus.ACTIVE)
    is_demo = models.BooleanField(_("демонстрационные данные"), default=False)
    version = models.PositiveIntegerField(_("версия"), default=1)

    class Meta:
        verbose_name = _("местный комитет")
        verbose_name_plural = _("местные комитеты")
        ordering = ["country", "territory", "id"]
        indexes = [models.Index(fields=["country", "territory"], name="committee_country_idx")]

    def __str__(self) -> str:
        return str(self.organisation)

    def audit_country_code(self) -> str:
        return self.country.code if self.country_id else ""


class Institution(models.TextChoices):
    POLICE = "police", _("милиция")
    HEALTH = "health", _("здравоохранение")
    EDUCATION = "education", _("образование")
    SOCIAL = "social", _("социальная защита")
    LSG = "lsg", _("ОМСУ")
    CSO = "cso", _("организация гражданского общества")
    OTHER = "other", _("другое")


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("председатель")
    SECRETARY = "secretary", _("секретарь")
    MEMBER = "member", _("член комитета")


class CommitteeMember(BaseModel):
    """A member of a committee: a professional acting for an institution, not a survivor."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey("organisations.Person", verbose_name=_("человек из справочника"),
                               null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    name = models.CharField(_("имя"), max_length=255)
    position = models.CharField(_("должность"), max_length=500, blank=True)
    institution = models.CharField(_("представляет"), max_length=16,
                                   choices=Institution.choices)
    organisation = models.ForeignKey("organisations.Organisation",
                                     verbose_name=_("организация"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("роль в комитете"), max_length=16, choices=MemberRole.choices,
                            default=MemberRole.MEMBER)

    class Meta:
        verbose_name = _("член комитета")
        verbose_name_plural = _("члены комитета")
        ordering = ["committee", "role", "id"]
        constraints = [
            # One chair and one secretary per committee.
            models.UniqueConstraint(fields=["committee", "role"], name="committee_one_chair",
                                    condition=Q(role="chair")),
            models.UniqueConstraint(fields=["committee", "role"], name="committee_one_secretary",
                                    condition=Q(role="secretary")),
        ]

    def __str__(self) -> str:
        return self.name

    def audit_country_code(self) -> str:
        return self.committee.audit_country_code()


class CommitteeMeeting(BaseModel):
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField(_("дата"))
    agenda = models.TextField(_("повестка"))
    decisions = models.TextField(_("решения"), blank=True)
    attended_women = models.PositiveSmallIntegerField(_("присутствовали женщины"), default=0)
    attended_men = models.PositiveSmallIntegerField(_("присутствовали мужчины"), default=0)
    version = models.PositiveIntegerField(_("версия"), default=1)

    class Meta:
        verbose_name = _("заседание комитета")
        verbose_name_plural = _("заседания комитета")
        ordering = ["committee", "-date", "-id"]

    def __str__(self) -> str:
        return f"{self.committee} — {self.date:%d.%m.%Y}"

    def audit_country_code(self) -> str:
        return self.committee.audit_country_code()


class ServiceKind(models.TextChoices):
    SHELTER = "shelter", _("убежище")
    PSYCHOLOGICAL = "psychological", _("психологическая помощь")
    LEGAL = "legal", _("юридическая помощь")
    MEDICAL = "medical", _("медицинская помощь")
    HOTLINE = "hotline", _("телефон доверия")


class HelpService(BaseModel):
    """A crisis centre or another help service, and where it serves."""

    organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("организация"),
                                     on_delete=models.PROTECT, related_name="help_services")
    country = models.ForeignKey("territories.Territory", verbose_name=_("страна"),
                                on_delete=models.PROTECT, related_name="+",
                                limit_choices_to={"level": "country"})
    name_ru = models.CharField(_("название (рус.)"), max_length=500)
    name_ky = models.CharField(_("название (кырг.)"), max_length=500, blank=True)
    name_kk = models.CharField(_("название (каз.)"), max_length=500, blank=True)
    name_en = models.CharField(_("название (англ.)"), max_length=500, blank=True)
    # Codes of ServiceKind, comma-separated («shelter,legal»).
    services = models.CharField(_("услуги"), max_length=255)
    hours = models.CharField(_("часы работы"), max_length=255, blank=True)
    phone = models.CharField(_("телефон"), max_length=64)
    languages = models.CharField(_("языки"), max_length=64, blank=True,
                                 help_text=_("Коды через запятую: ru, ky, kk, en, uz"))
    accessibility = models.CharField(_("доступность"), max_length=500, blank=True)
    shelter_beds = models.PositiveSmallIntegerField(_("мест в убежище"), null=True, blank=True)
    address_public = models.CharField(_("адрес для обращения"), max_length=500, blank=True,
                                      help_text=_("Только если служба публикует его сама; "
                                                  "адреса убежищ не публикуются."))
    territories = models.ManyToManyField("territories.Territory",
                                         verbose_name=_("обслуживаемые территории"),
                                         related_name="help_services", blank=True)
    national_hotline = models.BooleanField(_("национальная горячая линия"), default=False)
    is_active = models.BooleanField(_("работает"), default=True)
    is_demo = models.BooleanField(_("демонстрационные данные"), default=False)
    version = models.PositiveIntegerField(_("версия"), default=1)

    class Meta:
        verbose_name = _("служба помощи")
        verbose_name_plural = _("службы помощи")
        ordering = ["country", "name_ru"]

    def __str__(self) -> str:
        from tendik.core.i18n import localized

        return localized(self, "name").text

    @property
    def name(self) -> str:
        return str(self)

    @property
    def service_list(self) -> list[str]:
        return [code for code in self.services.split(",") if code]

    def audit_country_code(self) -> str:
        return self.country.code if self.country_id else ""


class StatisticsState(models.TextChoices):
    DRAFT = "draft", _("черновик")
    SUBMITTED = "submitted", _("представлен")
    RETURNED = "returned", _("возвращён на доработку")
    ACCEPTED = "accepted", _("принят")


def _count(label):
    return models.PositiveIntegerField(label, default=0)


class MonthlyStatistics(BaseModel):
    """One month's counts of one committee or one help service: aggregates only.

    Keys are `<count>_<part>` with `<count>_total` beside its parts, the same in the API's JSON
    and the open-data CSV (`statistics.COUNT_GROUPS` lists them)."""

    committee = models.ForeignKey(Committee, null=True, blank=True, on_delete=models.CASCADE,
                                  related_name="statistics")
    service = models.ForeignKey(HelpService, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="statistics")
    # The territory the counts belong to (the committee's or the service's own), kept on the
    # row so that figures by territory read one table.
    territory = models.ForeignKey("territories.Territory", verbose_name=_("территория"),
                                  on_delete=models.PROTECT, related_name="+")
    country = models.ForeignKey("territories.Territory", verbose_name=_("страна"),
                                on_delete=models.PROTECT, related_name="+")
    month = models.DateField(_("месяц"), help_text=_("Первое число месяца"))
    state = models.CharField(_("состояние"), max_length=16, choices=StatisticsState.choices,
                             default=StatisticsState.DRAFT)
    appeals_total = _count(_("обращения: всего"))
    appeals_physical = _count(_("обращения: физическое насилие"))
    appeals_psychological = _count(_("обращения: психологическое насилие"))
    appeals_economic = _count(_("обращения: экономическое насилие"))
    appeals_sexual = _count(_("обращения: сексуальное насилие"))
    persons_total = _count(_("лица: всего"))
    persons_women = _count(_("лица: женщины"))
    persons_men = _count(_("лица: мужчины"))
    persons_age_0_17 = _count(_("лица: 0–17 лет"))
    persons_age_18_29 = _count(_("лица: 18–29 лет"))
    persons_age_30_44 = _count(_("лица: 30–44 года"))
    persons_age_45_59 = _count(_("лица: 45–59 лет"))
    persons_age_60_99 = _count(_("лица: 60 лет и старше"))
    protection_orders_total = _count(_("охранные ордера"))
    referrals_total = _count(_("перенаправления: всего"))
    referrals_police = _count(_("перенаправления: милиция"))
    referrals_health = _count(_("перенаправления: здравоохранение"))
    referrals_shelter = _count(_("перенаправления: убежище"))
    referrals_legal_aid = _count(_("перенаправления: юридическая помощь"))
    referrals_social_protection = _count(_("перенаправления: социальная защита"))
    correctional_programmes_total = _count(_("прошли коррекционную программу"))
    comment = models.TextField(_("комментарий"), blank=True,
                               help_text=_("Без имён, дат рождения, адресов и телефонов."))
    submitted_at = models.DateTimeField(_("представлен"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("рассмотрен"), null=True, blank=True)
    review_note = models.TextField(_("замечание проверяющего"), blank=True)
    version = models.PositiveIntegerField(_("версия"), default=1)

    class Meta:
        verbose_name = _("ежемесячная статистика")
        verbose_name_plural = _("ежемесячная статистика")
        ordering = ["-month", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(committee__isnull=False) & Q(service__isnull=True))
                | (Q(committee__isnull=True) & Q(service__isnull=False)),
                name="statistics_one_body"),
            models.UniqueConstraint(fields=["committee", "month"], name="statistics_committee_month",
                                    condition=Q(committee__isnull=False)),
            models.UniqueConstraint(fields=["service", "month"], name="statistics_service_month",
                                    condition=Q(service__isnull=False)),
        ]
        indexes = [models.Index(fields=["country", "state", "month"],
                                name="statistics_country_idx")]

    def __str__(self) -> str:
        return f"{self.committee or self.service} — {self.month:%m.%Y}"

    def audit_country_code(self) -> str:
        return self.country.code if self.country_id else ""
