"""The results chain: strategy → plan → priority area → objective → measure → indicator."""

import datetime
import uuid

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tendik.core.i18n import localized
from tendik.core.models import BaseModel


def _text(label, max_length=1000, required=False):
    """One field of a four-language set (only the Russian source may be required)."""
    return models.CharField(label, max_length=max_length, blank=not required)


class LocalizedTitleMixin:
    @property
    def title(self) -> str:
        return localized(self, "title").text

    @property
    def title_localized(self):
        return localized(self, "title")

    def __str__(self) -> str:
        return self.title


class FrameworkKind(models.TextChoices):
    SDG = "sdg", _("ЦУР: задача")
    CEDAW_ARTICLE = "cedaw_article", _("КЛДЖ: статья")
    CEDAW_CO = "cedaw_co", _("КЛДЖ: заключительное замечание")
    BEIJING = "beijing", _("Пекинская платформа: критическая область")
    UNSCR1325 = "unscr1325", _("Резолюция СБ ООН 1325: направление")


def framework_label(kind: str, code: str, title: str = "") -> str:
    """How people cite the obligation: «ЦУР 5.4», «КЛДЖ, статья 11», «Пекин: F».

    The stored `kind:code` key stays in exports and filters; this is only what is shown.
    """
    if kind == FrameworkKind.SDG:
        return gettext("ЦУР %(code)s") % {"code": code}
    if kind == FrameworkKind.CEDAW_ARTICLE:
        return gettext("КЛДЖ, статья %(number)s") % {"number": code.removeprefix("art-")}
    if kind == FrameworkKind.CEDAW_CO:
        return gettext("КЛДЖ, замечание %(code)s") % {"code": code}
    if kind == FrameworkKind.BEIJING:
        return gettext("Пекин: %(area)s") % {"area": code}
    if kind == FrameworkKind.UNSCR1325:
        return gettext("СБ ООН 1325: %(pillar)s") % {"pillar": title or code}
    return f"{kind}:{code}"


class FrameworkItem(LocalizedTitleMixin, models.Model):
    """International obligations a measure contributes to (reference data)."""

    kind = models.CharField(_("вид"), max_length=16, choices=FrameworkKind.choices)
    code = models.CharField(_("код"), max_length=32)
    title_ru = _text(_("название (рус.)"), 500, required=True)
    title_ky = _text(_("название (кырг.)"), 500)
    title_kk = _text(_("название (каз.)"), 500)
    title_en = _text(_("название (англ.)"), 500)

    class Meta:
        verbose_name = _("международное обязательство")
        verbose_name_plural = _("международные обязательства")
        ordering = ["kind", "code"]
        constraints = [models.UniqueConstraint(fields=["kind", "code"], name="framework_unique")]

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.code}"

    @property
    def label(self) -> str:
        return framework_label(self.kind, self.code, self.title)

    @property
    def label_includes_title(self) -> bool:
        return self.kind == FrameworkKind.UNSCR1325

    @property
    def caption(self) -> str:
        """Label and title, for choice lists: «ЦУР 5.4 Признание и оценка …»."""
        return self.label if self.label_includes_title else f"{self.label} {self.title}"


class Dimension(models.Model):
    code = models.CharField(_("код"), max_length=32, unique=True)
    name_ru = _text(_("название (рус.)"), 200, required=True)
    name_ky = _text(_("название (кырг.)"), 200)
    name_kk = _text(_("название (каз.)"), 200)
    name_en = _text(_("название (англ.)"), 200)

    class Meta:
        verbose_name = _("разрез")
        verbose_name_plural = _("разрезы")
        ordering = ["id"]

    def __str__(self) -> str:
        return localized(self, "name").text


class DimensionValue(models.Model):
    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="values")
    code = models.CharField(_("код"), max_length=32)
    label_ru = _text(_("подпись (рус.)"), 200, required=True)
    label_ky = _text(_("подпись (кырг.)"), 200)
    label_kk = _text(_("подпись (каз.)"), 200)
    label_en = _text(_("подпись (англ.)"), 200)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["dimension", "position"]
        constraints = [models.UniqueConstraint(fields=["dimension", "code"],
                                               name="dimension_value_unique")]

    def __str__(self) -> str:
        return localized(self, "label").text


class Strategy(LocalizedTitleMixin, BaseModel):
    country = models.ForeignKey("territories.Territory", verbose_name=_("страна"),
                                on_delete=models.PROTECT, related_name="+",
                                limit_choices_to={"level": "country"})
    parent = models.ForeignKey("self", verbose_name=_("реализует стратегию"), null=True,
                               blank=True, on_delete=models.PROTECT, related_name="children")
    title_ru = _text(_("название (рус.)"), 500, required=True)
    title_ky = _text(_("название (кырг.)"), 500)
    title_kk = _text(_("название (каз.)"), 500)
    title_en = _text(_("название (англ.)"), 500)
    period_start = models.DateField(_("начало периода"))
    period_end = models.DateField(_("конец периода"))

    class Meta:
        verbose_name = _("стратегия")
        verbose_name_plural = _("стратегии")
        ordering = ["country", "-period_start"]
        constraints = [
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")),
                                   name="strategy_period_order"),
        ]

    def audit_country_code(self) -> str:
        return self.country.code


class StructureItem(LocalizedTitleMixin, BaseModel):
    """An area, objective or task: a titled node of a strategy's or a plan's structure."""

    title_ru = _text(_("название (рус.)"), required=True)
    title_ky = _text(_("название (кырг.)"))
    title_kk = _text(_("название (каз.)"))
    title_en = _text(_("название (англ.)"))

    class Meta:
        abstract = True


class StrategyItemLevel(models.TextChoices):
    AREA = "area", _("приоритетное направление")
    OBJECTIVE = "objective", _("цель")
    TASK = "task", _("задача")


class StrategyItem(StructureItem):
    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="items")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="children")
    level = models.CharField(_("уровень"), max_length=16, choices=StrategyItemLevel.choices)
    code = models.CharField(_("код"), max_length=32)
    position = models.PositiveIntegerField(_("порядок"))

    class Meta:
        ordering = ["strategy", "code"]
        constraints = [models.UniqueConstraint(fields=["strategy", "code"],
                                               name="strategy_item_code_unique")]

    def audit_country_code(self) -> str:
        return self.strategy.audit_country_code()


class PlanKind(models.TextChoices):
    NAP = "nap", _("национальный план действий")
    ROADMAP = "roadmap", _("дорожная карта")
    PROGRAMME = "programme", _("программа")
    COMMITMENT_SET = "commitment_set", _("набор обязательств")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("проект")
    CONSULTATION = "consultation", _("обсуждение")
    APPROVED = "approved", _("утверждён")
    IN_FORCE = "in_force", _("действует")
    CLOSED = "closed", _("закрыт")


class Plan(LocalizedTitleMixin, BaseModel):
    kind = models.CharField(_("вид"), max_length=16, choices=PlanKind.choices)
    strategy = models.ForeignKey(Strategy, verbose_name=_("стратегия"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="plans")
    country = models.ForeignKey("territories.Territory", verbose_name=_("страна"),
                                on_delete=models.PROTECT, related_name="+",
                                limit_choices_to={"level": "country"})
    title_ru = _text(_("название (рус.)"), 500, required=True)
    title_ky = _text(_("название (кырг.)"), 500)
    title_kk = _text(_("название (каз.)"), 500)
    title_en = _text(_("название (англ.)"), 500)
    period_start = models.DateField(_("начало периода"))
    period_end = models.DateField(_("конец периода"))
    status = models.CharField(_("статус"), max_length=16, choices=PlanStatus.choices,
                              default=PlanStatus.DRAFT)
    act_type = models.CharField(_("вид акта"), max_length=255, blank=True)
    act_number = models.CharField(_("номер акта"), max_length=64, blank=True)
    act_date = models.DateField(_("дата акта"), null=True, blank=True)
    version = models.PositiveIntegerField(_("версия"), default=1)
    previous_version = models.ForeignKey("self", verbose_name=_("предыдущая версия"), null=True,
                                         blank=True, on_delete=models.SET_NULL,
                                         related_name="next_versions")

    class Meta:
        verbose_name = _("план")
        verbose_name_plural = _("планы")
        ordering = ["country", "-period_start", "-version"]
        constraints = [
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")),
                                   name="plan_period_order"),
            models.CheckConstraint(condition=~Q(kind="nap") | Q(strategy__isnull=False),
                                   name="plan_nap_has_strategy"),
        ]

    def audit_country_code(self) -> str:
        return self.country.code


class PriorityArea(StructureItem):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="areas")
    position = models.PositiveIntegerField(_("порядок"))
    code = models.CharField(_("код"), max_length=32)
    strategy_item = models.ForeignKey(StrategyItem, null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("приоритетное направление")
        verbose_name_plural = _("приоритетные направления")
        ordering = ["plan", "position"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="area_code_unique")]

    def audit_country_code(self) -> str:
        return self.plan.audit_country_code()


class Objective(StructureItem):
    area = models.ForeignKey(PriorityArea, on_delete=models.CASCADE, related_name="objectives")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="objectives")
    position = models.PositiveIntegerField(_("порядок"))
    code = models.CharField(_("код"), max_length=32)

    class Meta:
        verbose_name = _("цель / задача")
        verbose_name_plural = _("цели / задачи")
        ordering = ["plan", "code"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"],
                                               name="objective_code_unique")]

    def audit_country_code(self) -> str:
        return self.plan.audit_country_code()


class Unit(models.TextChoices):
    NUMBER = "number", _("число")
    PERCENT = "percent", _("процент")
    CURRENCY = "currency", _("денежная сумма")
    BOOLEAN = "boolean", _("да/нет")


class Direction(models.TextChoices):
    INCREASE = "increase", _("рост")
    DECREASE = "decrease", _("снижение")
    MAINTAIN = "maintain", _("сохранение")


class Aggregation(models.TextChoices):
    SUM = "sum", _("сумма")
    AVERAGE = "average", _("среднее")
    LATEST = "latest", _("последнее значение")


class Indicator(BaseModel):
    country = models.ForeignKey("territories.Territory", verbose_name=_("страна"),
                                on_delete=models.PROTECT, related_name="+",
                                limit_choices_to={"level": "country"})
    code = models.CharField(_("код"), max_length=32)
    name_ru = _text(_("название (рус.)"), required=True)
    name_ky = _text(_("название (кырг.)"))
    name_kk = _text(_("название (каз.)"))
    name_en = _text(_("название (англ.)"))
    definition_ru = models.TextField(_("определение (рус.)"), blank=True)
    definition_ky = models.TextField(_("определение (кырг.)"), blank=True)
    definition_kk = models.TextField(_("определение (каз.)"), blank=True)
    definition_en = models.TextField(_("определение (англ.)"), blank=True)
    unit = models.CharField(_("единица"), max_length=16, choices=Unit.choices,
                            default=Unit.NUMBER)
    direction = models.CharField(_("направление"), max_length=16, choices=Direction.choices,
                                 default=Direction.INCREASE)
    aggregation = models.CharField(_("агрегирование"), max_length=16,
                                   choices=Aggregation.choices, default=Aggregation.SUM)
    dimensions = models.ManyToManyField(Dimension, verbose_name=_("разрезы"), blank=True,
                                        related_name="indicators")
    # {"sex": ["F"]}: the codes a dimension may take for this indicator. A dimension left with
    # one code (a women-only indicator split by sex) is no breakdown and is not asked for.
    code_restrictions = models.JSONField(_("допустимые коды разрезов"), default=dict,
                                         blank=True)
    baseline_value = models.DecimalField(_("базовое значение"), max_digits=20, decimal_places=4,
                                         null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("базовый год"), null=True, blank=True)
    data_source = models.CharField(_("источник данных"), max_length=500, blank=True)
    responsible = models.ForeignKey("organisations.Organisation",
                                    verbose_name=_("ответственная организация"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="+")
    sdg_code = models.CharField(_("индикатор ЦУР"), max_length=32, blank=True)
    # Counts of people affected by family violence: anything public shows a count below
    # SMALL_CELL as «<5» and leaves it out of downloads (the GBVIMS data-sharing principle).
    disclosure_control = models.BooleanField(
        _("защита малых значений"), default=False,
        help_text=_("Число людей, затронутых семейным насилием: публично значения меньше 5 "
                    "показываются как «<5»."))
    numerator = models.ForeignKey("self", verbose_name=_("числитель"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    denominator = models.ForeignKey("self", verbose_name=_("знаменатель"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("индикатор")
        verbose_name_plural = _("индикаторы")
        ordering = ["country", "code"]
        constraints = [
            models.UniqueConstraint(fields=["country", "code"], name="indicator_code_unique"),
            models.CheckConstraint(
                condition=Q(numerator__isnull=True, denominator__isnull=True)
                | Q(numerator__isnull=False, denominator__isnull=False),
                name="indicator_ratio_has_both_parts"),
            models.CheckConstraint(
                condition=~Q(unit="percent") | Q(baseline_value__isnull=True)
                | Q(baseline_value__gte=0, baseline_value__lte=100),
                name="indicator_percent_baseline_range"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def name(self) -> str:
        return localized(self, "name").text

    def audit_country_code(self) -> str:
        return self.country.code


class IndicatorTarget(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("год"))
    value = models.DecimalField(_("целевое значение"), max_digits=20, decimal_places=4)

    class Meta:
        ordering = ["indicator", "year"]
        constraints = [models.UniqueConstraint(fields=["indicator", "year"],
                                               name="indicator_target_unique")]

    def __str__(self) -> str:
        return f"{self.year}: {self.value}"


class DeadlineKind(models.TextChoices):
    DATE = "date", _("дата")
    PERIOD = "period", _("период")
    YEARS = "years", _("годы")
    ONGOING = "ongoing", _("постоянно")


class Measure(LocalizedTitleMixin, BaseModel):
    uid = models.UUIDField(_("сквозной идентификатор"), default=uuid.uuid4, editable=False,
                           help_text=_("Сохраняется при копировании в новую версию плана."))
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="measures")
    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="measures")
    position = models.PositiveIntegerField(_("порядок"))
    code = models.CharField(_("код"), max_length=32)
    title_ru = _text(_("название (рус.)"), 2000, required=True)
    title_ky = _text(_("название (кырг.)"), 2000)
    title_kk = _text(_("название (каз.)"), 2000)
    title_en = _text(_("название (англ.)"), 2000)
    expected_result_ru = models.TextField(_("ожидаемый результат (рус.)"), blank=True)
    expected_result_ky = models.TextField(_("ожидаемый результат (кырг.)"), blank=True)
    expected_result_kk = models.TextField(_("ожидаемый результат (каз.)"), blank=True)
    expected_result_en = models.TextField(_("ожидаемый результат (англ.)"), blank=True)
    deadline_kind = models.CharField(_("срок"), max_length=16, choices=DeadlineKind.choices,
                                     default=DeadlineKind.ONGOING)
    deadline_date = models.DateField(_("дата / начало"), null=True, blank=True)
    deadline_end = models.DateField(_("конец периода"), null=True, blank=True)
    # Years as "2022,2023": four-digit years, comma-separated, in order.
    deadline_years = models.CharField(_("годы"), max_length=200, blank=True)
    lead_executor = models.ForeignKey("organisations.Organisation",
                                      verbose_name=_("ответственный исполнитель"),
                                      on_delete=models.PROTECT, related_name="led_measures")
    co_executors = models.ManyToManyField("organisations.Organisation",
                                          verbose_name=_("соисполнители"), blank=True,
                                          related_name="co_executed_measures")
    partners = models.ManyToManyField("organisations.Organisation", verbose_name=_("партнёры"),
                                      blank=True, related_name="partnered_measures")
    territories = models.ManyToManyField("territories.Territory", verbose_name=_("территории"),
                                         blank=True, related_name="measures")
    indicators = models.ManyToManyField(Indicator, verbose_name=_("индикаторы"), blank=True,
                                        related_name="measures")
    frameworks = models.ManyToManyField(FrameworkItem, verbose_name=_("обязательства"),
                                        blank=True, related_name="measures")

    class Meta:
        verbose_name = _("мероприятие")
        verbose_name_plural = _("мероприятия")
        ordering = ["plan", "objective__area__position", "objective__position", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="measure_code_unique"),
            models.UniqueConstraint(fields=["plan", "uid"], name="measure_uid_unique"),
            models.CheckConstraint(
                condition=Q(deadline_kind="ongoing")
                | (Q(deadline_kind="years") & ~Q(deadline_years=""))
                | Q(deadline_date__isnull=False),
                name="measure_deadline_has_date"),
            models.CheckConstraint(
                condition=~Q(deadline_kind="period")
                | Q(deadline_end__isnull=False, deadline_end__gte=F("deadline_date")),
                name="measure_deadline_period_order"),
        ]

    def audit_country_code(self) -> str:
        return self.plan.audit_country_code()

    @property
    def expected_result(self) -> str:
        return localized(self, "expected_result").text

    @property
    def years(self) -> list[int]:
        return [int(year) for year in self.deadline_years.split(",") if year]

    @property
    def last_day(self) -> datetime.date | None:
        """The last day the measure may take; an ongoing measure has none."""
        if self.deadline_kind == DeadlineKind.DATE:
            return self.deadline_date
        if self.deadline_kind == DeadlineKind.PERIOD:
            return self.deadline_end
        if self.deadline_kind == DeadlineKind.YEARS and self.years:
            return datetime.date(max(self.years), 12, 31)
        return None

    @property
    def deadline_label(self) -> str:
        return deadline_label(self.deadline_kind, self.deadline_date, self.deadline_end,
                              self.deadline_years)


def deadline_label(kind: str, date, end, years: str) -> str:
    """A deadline as people write it: «постоянно», «2022, 2023», «31.12.2023», a period."""
    if kind == DeadlineKind.ONGOING:
        return str(DeadlineKind.ONGOING.label)
    if kind == DeadlineKind.YEARS:
        return years.replace(",", ", ")
    if kind == DeadlineKind.PERIOD:
        return f"{date:%d.%m.%Y}–{end:%d.%m.%Y}"
    return f"{date:%d.%m.%Y}"


class FundingSource(models.TextChoices):
    REPUBLICAN = "republican", _("республиканский бюджет")
    LOCAL = "local", _("местный бюджет")
    DONOR = "donor", _("донорские средства")
    NOT_REQUIRED = "not_required", _("не требуется")


class BudgetLine(models.Model):
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="budget_lines")
    amount = models.DecimalField(_("сумма"), max_digits=18, decimal_places=2, null=True,
                                 blank=True)
    currency = models.CharField(_("валюта"), max_length=3, blank=True)
    source = models.CharField(_("источник"), max_length=16, choices=FundingSource.choices)

    class Meta:
        verbose_name = _("строка бюджета")
        verbose_name_plural = _("бюджет")
        ordering = ["measure", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(source="not_required", amount__isnull=True)
                | (~Q(source="not_required") & Q(amount__gte=0) & ~Q(currency="")),
                name="budget_line_amount_and_currency"),
        ]

    def __str__(self) -> str:
        return budget_line_label(self.source, self.amount, self.currency)


def budget_line_label(source: str, amount, currency: str, labels: dict | None = None) -> str:
    """«республиканский бюджет: 1 500 000 KGS». Pass `labels` when formatting many lines."""
    label = labels[source] if labels else str(FundingSource(source).label)
    if amount is None:
        return label
    return f"{label}: {amount:,.0f} {currency}".replace(",", " ")


class CommentStatus(models.TextChoices):
    OPEN = "open", _("ожидает ответа")
    ACCEPTED = "accepted", _("принято")
    REJECTED = "rejected", _("отклонено")


class Comment(BaseModel):
    """A consultation comment on a plan or one of its items, answered by the coordinator."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="comments")
    area = models.ForeignKey(PriorityArea, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="comments")
    objective = models.ForeignKey(Objective, null=True, blank=True, on_delete=models.CASCADE,
                                  related_name="comments")
    measure = models.ForeignKey(Measure, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="comments")
    text = models.TextField(_("замечание"))
    status = models.CharField(_("статус"), max_length=16, choices=CommentStatus.choices,
                              default=CommentStatus.OPEN)
    reply = models.TextField(_("ответ"), blank=True)

    class Meta:
        verbose_name = _("замечание")
        verbose_name_plural = _("замечания")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open", reply="") | (~Q(status="open") & ~Q(reply="")),
                name="comment_answer_has_reply"),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    def audit_country_code(self) -> str:
        return self.plan.audit_country_code()
