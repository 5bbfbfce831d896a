"""What the running installation reports about itself: the background workers' heartbeats.

Backups are `core.Job` rows of kind `backup` (state, times, result), like every long job."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """One row per worker process, touched every TENDIK_HEARTBEAT_SECONDS while it runs."""

    worker_id = models.CharField(_("обработчик"), max_length=64, unique=True)
    hostname = models.CharField(_("сервер"), max_length=255, blank=True)
    pid = models.PositiveIntegerField(_("процесс"), null=True, blank=True)
    started_at = models.DateTimeField(_("запущен"))
    last_seen = models.DateTimeField(_("последний сигнал"), db_index=True)

    class Meta:
        verbose_name = _("сигнал обработчика")
        verbose_name_plural = _("сигналы обработчиков")
        ordering = ["-last_seen"]

    def __str__(self) -> str:
        return self.worker_id
