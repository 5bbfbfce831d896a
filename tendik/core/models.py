"""Shared base model, the audit log and background job rows."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _


class BaseModel(models.Model):
    """Every domain row knows when and by whom it was created and last changed."""

    created_at = models.DateTimeField(_("создано"), auto_now_add=True)
    updated_at = models.DateTimeField(_("изменено"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("создал"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("изменил"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True

    def audit_country_code(self) -> str:
        """The country whose coordinators may read this row's audit trail ('' = every country)."""
        return ""


class AuditAction(models.TextChoices):
    CREATE = "create", _("создание")
    UPDATE = "update", _("изменение")
    DELETE = "delete", _("удаление")
    TRANSITION = "transition", _("смена статуса")
    IMPORT = "import", _("импорт")


class AuditEntry(models.Model):
    at = models.DateTimeField(_("когда"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("кто"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries",
    )
    actor_name = models.CharField(_("имя пользователя"), max_length=150, blank=True)
    action = models.CharField(_("действие"), max_length=16, choices=AuditAction.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(_("объект"), max_length=64)
    object_repr = models.CharField(_("описание объекта"), max_length=255)
    country_code = models.CharField(_("страна"), max_length=2, blank=True, db_index=True)
    changes = models.JSONField(_("изменения"), default=dict, blank=True)
    reason = models.TextField(_("причина"), blank=True)

    class Meta:
        verbose_name = _("запись журнала аудита")
        verbose_name_plural = _("журнал аудита")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="audit_object_idx")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_repr}"


class JobStatus(models.TextChoices):
    # A job's «выполняется» is "running"; a measure's is "in progress": a context apart.
    QUEUED = "queued", pgettext_lazy("job", "в очереди")
    RUNNING = "running", pgettext_lazy("job", "выполняется")
    DONE = "done", pgettext_lazy("job", "выполнено")
    FAILED = "failed", pgettext_lazy("job", "ошибка")


class Job(BaseModel):
    """A long background job: the UI polls its status and progress."""

    kind = models.CharField(_("вид"), max_length=64)
    status = models.CharField(
        _("статус"), max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("прогресс, %"), default=0)
    # The message is kept as a msgid and its parameters so each reader sees it in their language.
    message = models.CharField(_("сообщение"), max_length=255, blank=True)
    message_params = models.JSONField(_("параметры сообщения"), default=dict, blank=True)
    input_file = models.FileField(_("файл"), upload_to="jobs/%Y/%m/", blank=True)
    input_name = models.CharField(_("имя файла"), max_length=255, blank=True)
    params = models.JSONField(_("параметры"), default=dict, blank=True)
    result = models.JSONField(_("результат"), default=dict, blank=True)
    errors = models.JSONField(_("ошибки"), default=list, blank=True)
    country_code = models.CharField(_("страна"), max_length=2, blank=True)
    started_at = models.DateTimeField(_("начато"), null=True, blank=True)
    finished_at = models.DateTimeField(_("завершено"), null=True, blank=True)
    # The same request made twice while the first is still queued or running joins the first.
    dedupe_key = models.CharField(_("ключ повтора"), max_length=200, blank=True)
    # A shared job (a national report) is seen by every coordinator of its country, not only
    # by the one who started it.
    shared = models.BooleanField(_("видна координаторам страны"), default=False)
    result_url = models.CharField(_("ссылка на результат"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("фоновая задача")
        verbose_name_plural = _("фоновые задачи")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="job_progress_at_most_100"
            ),
            models.UniqueConstraint(
                fields=["dedupe_key"], name="job_one_in_flight_per_key",
                condition=models.Q(status__in=["queued", "running"]) & ~models.Q(dedupe_key=""),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"

    @property
    def message_text(self) -> str:
        if not self.message:
            return ""
        try:
            return gettext(self.message) % self.message_params
        except (KeyError, TypeError, ValueError):  # a message written before params were kept
            return self.message

    @property
    def is_finished(self) -> bool:
        return self.status in {JobStatus.DONE, JobStatus.FAILED}
