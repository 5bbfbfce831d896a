"""The installation's admin is warned on the home page that last night's backup failed, follows
the link to «Состояние системы» and reads it on a desktop and on a phone. The pages pass axe."""

import datetime
import errno
from pathlib import Path

import pytest
from django.utils import timezone

from tendik.core.models import Job, JobStatus
from tendik.system import home
from tendik.system.backup.errors import write_failed
from tendik.system.backup.services import backup_record
from tendik.system.models import WorkerHeartbeat

from .conftest import axe_violations, horizontal_overflow, screenshot
from .test_foundation import login

pytestmark = pytest.mark.e2e


def _history() -> None:
    """Last night's backup written, tonight's refused by a full disk, an import that failed."""
    now = timezone.now()
    done = backup_record(trigger="scheduled", result={
        "path": "/srv/tendik/backups/tendik-20261203-020000.tar.gz", "size": 48 * 2**20,
        "tables": 85, "rows": 154000, "files": 37, "seconds": 12.5, "removed": []})
    yesterday = now - datetime.timedelta(hours=20)
    Job.objects.filter(pk=done.pk).update(created_at=yesterday, finished_at=yesterday)
    backup_record(trigger="scheduled", error=write_failed(
        Path("/srv/tendik/backups/tendik-20261204-020000.tar.gz"),
        OSError(errno.ENOSPC, "No space left on device")))
    Job.objects.create(kind="territory_import", status=JobStatus.FAILED, finished_at=now,
                       message="Внутренняя ошибка при выполнении задания")
    WorkerHeartbeat.objects.create(worker_id="app1-2417", hostname="app1", pid=2417,
                                   started_at=now - datetime.timedelta(days=2), last_seen=now)


def test_the_admin_follows_the_backup_warning_to_the_status_page_on_a_desktop_and_a_phone(
        transactional_db, world, new_audit_page):
    home.register()  # as SystemConfig.ready() does
    _history()
    page = new_audit_page(1280)
    login(page, "admin")
    warning = page.locator("#home-system").locator("xpath=..")
    assert "нет места на диске" in warning.inner_text()
    assert axe_violations(page) == []
    screenshot(page, "system-home-warning-1280")
    with page.expect_navigation():
        warning.get_by_role("link", name="Подробнее о состоянии системы").click()
    assert page.get_by_role("heading", name="Состояние системы", level=1).is_visible()
    assert "Последнее резервное копирование не удалось" in page.get_by_role("alert").inner_text()
    assert "48,0\xa0МБ" in page.locator("#system-backup + dl").inner_text()
    assert "Импорт территорий" in page.locator("#failed-jobs").inner_text()
    assert "app1-2417" in page.locator("#workers").inner_text()
    assert axe_violations(page) == []
    screenshot(page, "system-status-1280")

    phone = new_audit_page(360)
    login(phone, "admin")
    phone.goto("/system/")
    assert phone.get_by_role("heading", name="Резервное копирование").is_visible()
    assert horizontal_overflow(phone) <= 0
    assert axe_violations(phone) == []
    screenshot(phone, "system-status-360")
