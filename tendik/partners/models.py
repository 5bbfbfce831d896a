"""Partners' projects and money, meetings with their agreements, and commitments.

Money is stored as it was given: an amount and its ISO 4217 currency. Totals in another
currency are computed with the stored official rates (`ExchangeRate`), never stored.
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tendik.core.models import BaseModel
from tendik.plans.models import FundingSource, LocalizedTitleMixin

AMOUNT = {"max_digits": 18, "decimal_places": 2}


def _text(label, max_length=500, required=False):
    return models.CharField(label, max_length=max_length, blank=not required)


class ProjectStatus(models.TextChoices):
    PIPELINE = "pipeline", _("в подготовке")
    ACTIVE = "active", _("реализуется")
    SUSPENDED = "suspended", _("приостановлен")
    COMPLETED = "completed", _("завершён")
    CANCELLED = "cancelled", _("отменён")


class PartnerRole(models.TextChoices):
    DONOR = "donor", _("донор")
    IMPLEMENTER = "implementer", _("исполняющее агентство")
    COUNTERPART = "counterpart", _("государственный партнёр")
    CSO = "cso", _("исполнитель от гражданского общества")


class Project(LocalizedTitleMixin, BaseModel):
    """A project or programme that partners fund or carry out."""

    country = models.ForeignKey("territories.Territory", verbose_name=_("страна"),
                                on_delete=models.PROTECT, related_name="+",
                                limit_choices_to={"level": "country"})
    title_ru = _text(_("название (рус.)"), required=True)
    title_ky = _text(_("название (кырг.)"))
    title_kk = _text(_("название (каз.)"))
    title_en = _text(_("название (англ.)"))
    code = models.CharField(_("код проекта"), max_length=64, blank=True)
    summary = models.TextField(_("краткое описание"), blank=True)
    period_start = models.DateField(_("начало"))
    period_end = models.DateField(_("окончание"))
    status = models.CharField(_("статус"), max_length=16, choices=ProjectStatus.choices,
                              default=ProjectStatus.ACTIVE)
    territories = models.ManyToManyField("territories.Territory", verbose_name=_("территории"),
                                         blank=True, related_name="projects")
    measures = models.ManyToManyField("plans.Measure", verbose_name=_("мероприятия плана"),
                                      blank=True, related_name="projects")
    # SDG targets and Beijing critical areas (plans.FrameworkItem of kinds sdg and beijing).
    frameworks = models.ManyToManyField("plans.FrameworkItem",
                                        verbose_name=_("ЦУР и Пекинская платформа"), blank=True,
                                        related_name="projects")
    is_demo = models.BooleanField(_("демонстрационные данные"), default=False)
    version = models.PositiveIntegerField(_("версия"), default=1)

    class Meta:
        verbose_name = _("проект")
        verbose_name_plural = _("проекты")
        ordering = ["-period_start", "id"]
        constraints = [models.CheckConstraint(condition=Q(period_end__gte=F("period_start")),
                                              name="project_period_order")]
        indexes = [models.Index(fields=["country", "-period_start"], name="project_country_idx")]

    def audit_country_code(self) -> str:
        return self.country.code if self.country_id else ""


class ProjectPartner(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey("organisations.Organisation",
                                     verbose_name=_("организация"), on_delete=models.PROTECT,
                                     related_name="project_roles")
    role = models.CharField(_("роль"), max_length=16, choices=PartnerRole.choices)

    class Meta:
        verbose_name = _("партнёр проекта")
        verbose_name_plural = _("партнёры проекта")
        ordering = ["project", "role", "id"]
        constraints = [models.UniqueConstraint(fields=["project", "organisation", "role"],
                                               name="project_partner_unique")]
        indexes = [models.Index(fields=["organisation", "project"], name="project_partner_org_idx")]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"


class ProjectBudgetLine(models.Model):
    """The planned money of one year from one source, in the currency it was agreed in."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="budget")
    year = models.PositiveSmallIntegerField(_("год"))
    amount = models.DecimalField(_("сумма"), **AMOUNT)
    currency = models.CharField(_("валюта"), max_length=3)
    source = models.CharField(_("источник"), max_length=16, choices=FundingSource.choices)
    # Who gives this money; empty means the project's donor when it has exactly one.
    funder = models.ForeignKey("organisations.Organisation", verbose_name=_("кто финансирует"),
                               null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # The NAP measure this line pays for; empty means the project as a whole.
    measure = models.ForeignKey("plans.Measure", verbose_name=_("мероприятие плана"), null=True,
                                blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("строка бюджета проекта")
        verbose_name_plural = _("бюджет проекта")
        ordering = ["project", "year", "id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gte=0),
                                              name="project_budget_amount_not_negative")]

    def __str__(self) -> str:
        return f"{self.year}: {self.amount} {self.currency}"


class Disbursement(BaseModel):
    """Money actually paid out on a date."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="disbursements")
    date = models.DateField(_("дата"))
    amount = models.DecimalField(_("сумма"), **AMOUNT)
    currency = models.CharField(_("валюта"), max_length=3)
    funder = models.ForeignKey("organisations.Organisation", verbose_name=_("кто финансирует"),
                               null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    note = models.CharField(_("примечание"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("выплата")
        verbose_name_plural = _("выплаты")
        ordering = ["project", "date", "id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0),
                                              name="disbursement_amount_positive")]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y}: {self.amount} {self.currency}"

    def audit_country_code(self) -> str:
        return self.project.audit_country_code()


class RateBase(models.TextChoices):
    KGS = "KGS", _("сом (Национальный банк Кыргызской Республики)")
    KZT = "KZT", _("тенге (Национальный банк Республики Казахстан)")


class ExchangeRate(models.Model):
    """An official rate: `rate` units of `base` for one unit of `currency` on `date`."""

    date = models.DateField(_("дата"))
    currency = models.CharField(_("валюта"), max_length=3)
    base = models.CharField(_("базовая валюта"), max_length=3, choices=RateBase.choices)
    rate = models.DecimalField(_("курс"), max_digits=20, decimal_places=8)
    source = models.CharField(_("источник"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("официальный курс")
        verbose_name_plural = _("официальные курсы")
        ordering = ["-date", "base", "currency"]
        constraints = [
            models.UniqueConstraint(fields=["base", "currency", "date"], name="rate_unique"),
            models.CheckConstraint(condition=Q(rate__gt=0), name="rate_positive"),
            models.CheckConstraint(condition=~Q(currency=F("base")), name="rate_not_to_itself"),
        ]

    def __str__(self) -> str:
        return f"{self.date}: 1 {self.currency} = {self.rate} {self.base}"


class EngagementKind(models.TextChoices):
    BILATERAL = "bilateral", _("двусторонняя встреча")
    WORKING_GROUP = "working_group", _("рабочая группа")
    CONSULTATION = "consultation", _("консультация")
    CONFERENCE = "conference", _("конференция")


class Engagement(LocalizedTitleMixin, BaseModel):
    """A meeting or dialogue, and what was agreed at it."""

    country = models.ForeignKey("territories.Territory", verbose_name=_("страна"),
                                on_delete=models.PROTECT, related_name="+",
                                limit_choices_to={"level": "country"})
    kind = models.CharField(_("вид"), max_length=16, choices=EngagementKind.choices)
    date = models.DateField(_("дата"))
    place = models.CharField(_("место"), max_length=255, blank=True)
    title_ru = _text(_("название (рус.)"), required=True)
    title_ky = _text(_("название (кырг.)"))
    title_kk = _text(_("название (каз.)"))
    title_en = _text(_("название (англ.)"))
    summary = models.TextField(_("итоги"), blank=True)
    # One topic per line, as people wrote them («расширение экономических возможностей женщин»).
    topics = models.TextField(_("темы"), blank=True)
    organisations = models.ManyToManyField("organisations.Organisation",
                                           verbose_name=_("организации"), blank=True,
                                           related_name="engagements")
    projects = models.ManyToManyField(Project, verbose_name=_("проекты"), blank=True,
                                      related_name="engagements")
    source_document = models.ForeignKey("documents.Document", verbose_name=_("источник"),
                                        null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="+")
    is_demo = models.BooleanField(_("демонстрационные данные"), default=False)
    version = models.PositiveIntegerField(_("версия"), default=1)

    class Meta:
        verbose_name = _("встреча")
        verbose_name_plural = _("встречи и диалоги")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["country", "-date"], name="engagement_country_idx")]

    def audit_country_code(self) -> str:
        return self.country.code if self.country_id else ""

    @property
    def topic_list(self) -> list[str]:
        return [line.strip() for line in self.topics.splitlines() if line.strip()]


class EngagementParticipant(models.Model):
    """A person as they were at the meeting: the position is kept as it was then."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE,
                                   related_name="participants")
    person = models.ForeignKey("organisations.Person", verbose_name=_("человек из справочника"),
                               null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    name = models.CharField(_("имя"), max_length=255)
    position = models.CharField(_("должность на момент встречи"), max_length=500, blank=True)
    organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("организация"),
                                     null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    position_order = models.PositiveSmallIntegerField(_("порядок"), default=0)

    class Meta:
        verbose_name = _("участник встречи")
        verbose_name_plural = _("участники встречи")
        ordering = ["engagement", "position_order", "id"]

    def __str__(self) -> str:
        return self.name


class FollowUpStatus(models.TextChoices):
    OPEN = "open", _("не начато")
    IN_PROGRESS = "in_progress", _("в работе")
    DONE = "done", _("выполнено")
    DROPPED = "dropped", _("снято")


class FollowUp(BaseModel):
    """An agreement reached at a meeting, tracked until it is done."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE,
                                   related_name="follow_ups")
    text = models.TextField(_("договорённость"))
    owner = models.ForeignKey("organisations.Organisation", verbose_name=_("ответственный"),
                              on_delete=models.PROTECT, related_name="follow_ups")
    due_date = models.DateField(_("срок"))
    status = models.CharField(_("статус"), max_length=16, choices=FollowUpStatus.choices,
                              default=FollowUpStatus.OPEN)
    done_on = models.DateField(_("выполнено"), null=True, blank=True)
    note = models.TextField(_("что сделано"), blank=True)
    version = models.PositiveIntegerField(_("версия"), default=1)

    class Meta:
        verbose_name = _("договорённость")
        verbose_name_plural = _("договорённости")
        ordering = ["due_date", "id"]
        indexes = [models.Index(fields=["owner", "status", "due_date"], name="follow_up_owner_idx")]

    def __str__(self) -> str:
        return self.text[:80]

    def audit_country_code(self) -> str:
        return self.engagement.audit_country_code()


class CommitmentFramework(models.TextChoices):
    GENERATION_EQUALITY = "generation_equality", _("Поколение равенства: коалиция действий")
    CEDAW = "cedaw", _("рекомендация Комитета КЛДЖ")
    NATIONAL = "national", _("национальное обязательство")


class ActionCoalition(models.TextChoices):
    """The six Generation Equality Action Coalitions (Paris, 2021)."""

    GBV = "gbv", _("Гендерное насилие")
    ECONOMIC = "economic", _("Экономическая справедливость и права")
    BODILY_AUTONOMY = "bodily_autonomy", _(
        "Телесная автономия и сексуальное и репродуктивное здоровье и права")
    CLIMATE = "climate", _("Феминистские действия за климатическую справедливость")
    TECHNOLOGY = "technology", _("Технологии и инновации для гендерного равенства")
    LEADERSHIP = "leadership", _("Феминистские движения и лидерство")


class CommitmentStatus(models.TextChoices):
    PLANNED = "planned", _("запланировано")
    IN_PROGRESS = "in_progress", _("выполняется")
    ACHIEVED = "achieved", _("выполнено")
    DELAYED = "delayed", _("с отставанием")
    WITHDRAWN = "withdrawn", _("отозвано")


class Commitment(LocalizedTitleMixin, BaseModel):
    """A commitment a government body, a CSO or a partner made under a framework."""

    country = models.ForeignKey("territories.Territory", verbose_name=_("страна"),
                                on_delete=models.PROTECT, related_name="+",
                                limit_choices_to={"level": "country"})
    made_by = models.ForeignKey("organisations.Organisation", verbose_name=_("кто взял"),
                                on_delete=models.PROTECT, related_name="commitments")
    framework = models.CharField(_("рамка"), max_length=24, choices=CommitmentFramework.choices)
    action_coalition = models.CharField(_("коалиция действий"), max_length=24, blank=True,
                                        choices=ActionCoalition.choices)
    action_area = models.CharField(_("направление действий"), max_length=255, blank=True)
    # A CEDAW concluding observation (plans.FrameworkItem of kind cedaw_co).
    cedaw_item = models.ForeignKey("plans.FrameworkItem", verbose_name=_("рекомендация КЛДЖ"),
                                   null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="commitments")
    title_ru = _text(_("название (рус.)"), required=True)
    title_ky = _text(_("название (кырг.)"))
    title_kk = _text(_("название (каз.)"))
    title_en = _text(_("название (англ.)"))
    text_ru = models.TextField(_("текст обязательства (рус.)"))
    text_ky = models.TextField(_("текст обязательства (кырг.)"), blank=True)
    text_kk = models.TextField(_("текст обязательства (каз.)"), blank=True)
    text_en = models.TextField(_("текст обязательства (англ.)"), blank=True)
    made_on = models.DateField(_("дата"), null=True, blank=True)
    target_date = models.DateField(_("срок"))
    status = models.CharField(_("статус"), max_length=16, choices=CommitmentStatus.choices,
                              default=CommitmentStatus.PLANNED)
    measures = models.ManyToManyField("plans.Measure", verbose_name=_("мероприятия плана"),
                                      blank=True, related_name="commitments")
    indicators = models.ManyToManyField("plans.Indicator", verbose_name=_("индикаторы"),
                                        blank=True, related_name="commitments")
    published = models.BooleanField(_("опубликовано"), default=False)
    published_at = models.DateTimeField(_("когда опубликовано"), null=True, blank=True)
    is_demo = models.BooleanField(_("демонстрационные данные"), default=False)
    version = models.PositiveIntegerField(_("версия"), default=1)

    class Meta:
        verbose_name = _("обязательство")
        verbose_name_plural = _("обязательства")
        ordering = ["target_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(framework="generation_equality") | ~Q(action_coalition=""),
                name="commitment_coalition_named"),
        ]
        indexes = [models.Index(fields=["country", "published"], name="commitment_country_idx")]

    def audit_country_code(self) -> str:
        return self.country.code if self.country_id else ""


class CommitmentProgress(BaseModel):
    """One year's account of a commitment, with its evidence."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="progress")
    year = models.PositiveSmallIntegerField(_("год"))
    status = models.CharField(_("статус"), max_length=16, choices=CommitmentStatus.choices)
    percent = models.PositiveSmallIntegerField(_("выполнено, %"), null=True, blank=True)
    text = models.TextField(_("что сделано"))
    evidence_file = models.FileField(_("подтверждение"), upload_to="commitments/%Y/", blank=True)
    evidence_name = models.CharField(_("имя файла"), max_length=255, blank=True)
    evidence_url = models.URLField(_("ссылка на подтверждение"), max_length=1000, blank=True)
    version = models.PositiveIntegerField(_("версия"), default=1)

    class Meta:
        verbose_name = _("ход выполнения обязательства")
        verbose_name_plural = _("ход выполнения обязательств")
        ordering = ["commitment", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["commitment", "year"], name="commitment_progress_year"),
            models.CheckConstraint(condition=Q(percent__isnull=True) | Q(percent__lte=100),
                                   name="commitment_progress_percent"),
        ]

    def __str__(self) -> str:
        return f"{self.commitment} — {self.year}"

    def audit_country_code(self) -> str:
        return self.commitment.audit_country_code()
