"""Reporting periods and reports: progress per measure, indicator values, activities, evidence."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tendik.core.i18n import localized
from tendik.core.models import BaseModel


class PeriodKind(models.TextChoices):
    QUARTER = "quarter", _("квартал")
    HALF_YEAR = "half_year", _("полугодие")
    YEAR = "year", _("год")


class PeriodState(models.TextChoices):
    PLANNED = "planned", _("запланирован")
    OPEN = "open", _("открыт")
    CLOSED = "closed", _("закрыт")
    LOCKED = "locked", _("заблокирован")


class ReportingPeriod(BaseModel):
    plan = models.ForeignKey("plans.Plan", verbose_name=_("план"), on_delete=models.PROTECT,
                             related_name="periods")
    kind = models.CharField(_("вид"), max_length=16, choices=PeriodKind.choices)
    start = models.DateField(_("начало"))
    end = models.DateField(_("конец"))
    due_date = models.DateField(_("срок сдачи"))
    state = models.CharField(_("состояние"), max_length=16, choices=PeriodState.choices,
                             default=PeriodState.PLANNED)
    # Set by a coordinator: the period's accepted reports are public (portal and open data).
    published_at = models.DateTimeField(_("опубликован"), null=True, blank=True)

    class Meta:
        verbose_name = _("отчётный период")
        verbose_name_plural = _("отчётные периоды")
        ordering = ["plan", "-start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="period_order"),
            models.CheckConstraint(condition=Q(due_date__gte=F("end")), name="period_due_after_end"),
            models.UniqueConstraint(fields=["plan", "start", "end"], name="period_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.start:%d.%m.%Y}–{self.end:%d.%m.%Y}"

    def audit_country_code(self) -> str:
        return self.plan.audit_country_code()


class ReportState(models.TextChoices):
    DRAFT = "draft", _("черновик")
    SUBMITTED = "submitted", _("представлен")
    RETURNED = "returned", _("возвращён на доработку")
    RESUBMITTED = "resubmitted", _("представлен повторно")
    ACCEPTED = "accepted", _("принят")


class Report(BaseModel):
    period = models.ForeignKey(ReportingPeriod, verbose_name=_("период"),
                               on_delete=models.PROTECT, related_name="reports")
    plan = models.ForeignKey("plans.Plan", verbose_name=_("план"), on_delete=models.PROTECT,
                             related_name="reports")
    organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("организация"),
                                     on_delete=models.PROTECT, related_name="reports")
    state = models.CharField(_("состояние"), max_length=16, choices=ReportState.choices,
                             default=ReportState.DRAFT)
    # Optimistic locking: every save of a section sends the version it read.
    version = models.PositiveIntegerField(_("версия"), default=1)
    observations_version = models.PositiveIntegerField(default=1)
    activities_version = models.PositiveIntegerField(default=1)
    submitted_at = models.DateTimeField(_("представлен"), null=True, blank=True)
    # Timeliness is judged by the first submission: a report returned and resubmitted after the
    # due date was still on time.
    first_submitted_at = models.DateTimeField(_("впервые представлен"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("принят"), null=True, blank=True)
    last_activity_at = models.DateTimeField(_("последнее изменение"), null=True, blank=True)
    completeness = models.PositiveSmallIntegerField(_("заполненность, %"), default=0)
    # Why the report was submitted or accepted with parts missing (the pre-submit checklist).
    incomplete_note = models.TextField(_("пояснение к неполному отчёту"), blank=True,
                                       max_length=2000)

    class Meta:
        verbose_name = _("отчёт")
        verbose_name_plural = _("отчёты")
        ordering = ["period", "organisation__name_ru"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "period"], name="report_unique"),
            models.CheckConstraint(condition=Q(completeness__lte=100),
                                   name="report_completeness_range"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.period}"

    def audit_country_code(self) -> str:
        return self.plan.audit_country_code()


class ProgressStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("не начато")
    IN_PROGRESS = "in_progress", _("выполняется")
    COMPLETED = "completed", _("выполнено")
    PARTIALLY_COMPLETED = "partially_completed", _("выполнено частично")
    NOT_COMPLETED = "not_completed", _("не выполнено")
    CANCELLED = "cancelled", _("отменено")


NEEDS_REASON = (ProgressStatus.NOT_COMPLETED, ProgressStatus.CANCELLED)


class MeasureProgress(BaseModel):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="progress")
    measure = models.ForeignKey("plans.Measure", on_delete=models.PROTECT,
                                related_name="progress")
    status = models.CharField(_("статус"), max_length=24, choices=ProgressStatus.choices,
                              blank=True)
    narrative_ru = models.TextField(_("описание (рус.)"), blank=True)
    narrative_ky = models.TextField(_("описание (кырг.)"), blank=True)
    narrative_kk = models.TextField(_("описание (каз.)"), blank=True)
    narrative_en = models.TextField(_("описание (англ.)"), blank=True)
    spent_amount = models.DecimalField(_("израсходовано"), max_digits=18, decimal_places=2,
                                       null=True, blank=True)
    spent_currency = models.CharField(_("валюта"), max_length=3, blank=True)
    reason = models.TextField(_("причина"), blank=True)
    version = models.PositiveIntegerField(_("версия"), default=1)

    class Meta:
        verbose_name = _("ход выполнения мероприятия")
        verbose_name_plural = _("ход выполнения мероприятий")
        ordering = ["report", "measure__code"]
        constraints = [
            models.UniqueConstraint(fields=["report", "measure"], name="progress_unique"),
            models.CheckConstraint(condition=~Q(status__in=NEEDS_REASON) | ~Q(reason=""),
                                   name="progress_reason_required"),
            models.CheckConstraint(
                condition=Q(spent_amount__isnull=True)
                | (Q(spent_amount__gte=0) & ~Q(spent_currency="")),
                name="progress_spending_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.measure.code}: {self.get_status_display() or '—'}"

    def audit_country_code(self) -> str:
        return self.report.audit_country_code()

    @property
    def narrative(self) -> str:
        return localized(self, "narrative").text


class Observation(BaseModel):
    """One indicator value: the total (empty key) or one combination of disaggregation codes."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="observations")
    indicator = models.ForeignKey("plans.Indicator", on_delete=models.PROTECT,
                                  related_name="observations")
    # "age_group=Y15T17|sex=F": dimension codes in alphabetical order; "" is the total.
    disaggregation = models.CharField(_("разрез"), max_length=255, blank=True)
    value = models.DecimalField(_("значение"), max_digits=20, decimal_places=4)
    override_reason = models.TextField(_("причина расхождения с итогом"), blank=True)

    class Meta:
        verbose_name = _("значение индикатора")
        verbose_name_plural = _("значения индикаторов")
        ordering = ["report", "indicator__code", "disaggregation"]
        constraints = [models.UniqueConstraint(fields=["report", "indicator", "disaggregation"],
                                               name="observation_unique")]
        indexes = [models.Index(fields=["indicator", "disaggregation"],
                                name="observation_indicator_key")]

    def __str__(self) -> str:
        return f"{self.indicator.code} [{self.disaggregation or 'total'}] = {self.value}"

    def audit_country_code(self) -> str:
        return self.report.audit_country_code()


class ActivityKind(models.TextChoices):
    MEETING = "meeting", _("встреча")
    TRAINING = "training", _("тренинг")
    PUBLIC_DIALOGUE = "public_dialogue", _("общественный диалог")
    CAMPAIGN = "campaign", _("информационная кампания")
    CONSULTATION = "consultation", _("консультация")
    CONFERENCE = "conference", _("конференция")
    PUBLICATION = "publication", _("публикация / руководство")
    BODY = "body", _("создание органа")
    OTHER = "other", _("другое")


class Audience(models.TextChoices):
    CIVIL_SERVANTS = "civil_servants", _("государственные служащие")
    LSG_STAFF = "lsg_staff", _("сотрудники ОМСУ")
    RELIGIOUS_LEADERS = "religious_leaders", _("религиозные деятели")
    PUPILS = "pupils", _("учащиеся")
    TEACHERS = "teachers", _("преподаватели")
    JOURNALISTS = "journalists", _("журналисты и блогеры")
    CSO_ACTIVISTS = "cso_activists", _("активисты ОГО")
    POLICE = "police", _("сотрудники милиции")
    WOMEN = "women", _("женщины")
    GENERAL_PUBLIC = "general_public", _("население")


class Activity(BaseModel):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(_("вид"), max_length=24, choices=ActivityKind.choices)
    title = models.CharField(_("название"), max_length=500)
    start = models.DateField(_("начало"))
    end = models.DateField(_("окончание"))
    territory = models.ForeignKey("territories.Territory", verbose_name=_("территория"),
                                  null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="activities")
    venue = models.CharField(_("место проведения"), max_length=255, blank=True)
    organisers = models.ManyToManyField("organisations.Organisation",
                                        verbose_name=_("организаторы"), blank=True,
                                        related_name="organised_activities")
    partners = models.ManyToManyField("organisations.Organisation", verbose_name=_("партнёры"),
                                      blank=True, related_name="partner_activities")
    audiences = models.CharField(_("аудитория"), max_length=255, blank=True,
                                 help_text=_("Коды через запятую"))
    participants_women = models.PositiveIntegerField(_("участниц"), default=0)
    participants_men = models.PositiveIntegerField(_("участников"), default=0)
    participants_total = models.PositiveIntegerField(_("всего участников"), default=0)
    measures = models.ManyToManyField("plans.Measure", verbose_name=_("мероприятия плана"),
                                      blank=True, related_name="activities")
    version = models.PositiveIntegerField(_("версия"), default=1)

    class Meta:
        verbose_name = _("проведённое мероприятие")
        verbose_name_plural = _("проведённые мероприятия")
        ordering = ["report", "start", "id"]
        # The newest activities (the activities list, home pages) read this index backwards
        # until they have a page of rows in scope, instead of sorting every activity
        # (benchmarks/bench_analytics.py, regional scale: list 395 → 85 ms).
        indexes = [models.Index(fields=["-start", "-id"], name="activity_recent")]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="activity_dates"),
            models.CheckConstraint(
                condition=Q(participants_total__gte=F("participants_women")
                            + F("participants_men")),
                name="activity_participants_add_up"),
        ]

    def __str__(self) -> str:
        return self.title

    def audit_country_code(self) -> str:
        return self.report.audit_country_code()

    @property
    def participants_unrecorded(self) -> int:
        return self.participants_total - self.participants_women - self.participants_men


class Evidence(BaseModel):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="evidence")
    measure = models.ForeignKey("plans.Measure", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="evidence")
    file = models.FileField(_("файл"), upload_to="evidence/%Y/%m/", blank=True)
    original_name = models.CharField(_("имя файла"), max_length=255, blank=True)
    content_type = models.CharField(_("тип"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("размер, байт"), default=0)
    url = models.URLField(_("ссылка"), max_length=1000, blank=True)
    description = models.CharField(_("описание"), max_length=500, blank=True)
    version = models.PositiveIntegerField(_("версия"), default=1)

    class Meta:
        verbose_name = _("подтверждение")
        verbose_name_plural = _("подтверждения")
        ordering = ["report", "id"]
        constraints = [models.CheckConstraint(condition=~Q(file="") | ~Q(url=""),
                                              name="evidence_file_or_link")]

    def __str__(self) -> str:
        return self.original_name or self.url

    def audit_country_code(self) -> str:
        return self.report.audit_country_code()


class ReviewComment(BaseModel):
    """The coordinator's comment on one item of a report when returning it."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="review_comments")
    measure = models.ForeignKey("plans.Measure", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    indicator = models.ForeignKey("plans.Indicator", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    activity = models.ForeignKey(Activity, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="review_comments")
    text = models.TextField(_("комментарий"))
    round = models.PositiveSmallIntegerField(_("раунд проверки"), default=1)

    class Meta:
        verbose_name = _("комментарий проверяющего")
        verbose_name_plural = _("комментарии проверяющего")
        ordering = ["report", "created_at", "id"]

    def __str__(self) -> str:
        return self.text[:80]

    def audit_country_code(self) -> str:
        return self.report.audit_country_code()




class ClientWrite(models.Model):
    """A report write a device sent under its own id, so that a resent request changes nothing.

    An offline device cannot know whether a request that lost its connection reached us. It
    sends every queued write with a `client_id`; the first success is kept here with its result,
    and a replay of the same id by the same user gets that result back instead of a second write.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    client_id = models.UUIDField(_("идентификатор изменения на устройстве"))
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("вид записи"), max_length=16)
    result = models.JSONField(_("первый результат"), encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(_("создано"), auto_now_add=True)

    class Meta:
        verbose_name = _("изменение с устройства")
        verbose_name_plural = _("изменения с устройств")
        constraints = [models.UniqueConstraint(fields=["user", "client_id"],
                                               name="reporting_client_write_once")]

    def __str__(self) -> str:
        return str(self.client_id)
