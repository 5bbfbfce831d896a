"""The page «Состояние системы» as the installation's admin reads it."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tendik.core.models import Job, JobStatus
from tendik.system.models import WorkerHeartbeat

from .test_selectors import FULL_DISK, backup, task

pytestmark = pytest.mark.django_db


def _page(world) -> str:
    response = world.client("admin").get(reverse("system:status"))
    assert response.status_code == 200
    return response.content.decode()


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_admin_reads_versions_checks_and_a_done_backup_in_words(world, settings):
    settings.TENDIK_BACKUP_HOUR = 2
    backup(hours_ago=2)
    WorkerHeartbeat.objects.create(worker_id="web1-4242", hostname="web1", pid=4242,
                                   started_at=timezone.now(), last_seen=timezone.now())
    text = _text(_page(world))
    for heading in ("Проверки", "Версии", "Резервное копирование", "Очередь заданий",
                    "Обработчики", "Диск"):
        assert heading in text
    assert "Django" in text and "все применены" in text and "config.settings" in text
    assert "База данных в порядке" in text and "Фоновый обработчик в порядке" in text
    assert "5,0 МБ" in text and "tendik-20261204-020000.tar.gz" in text
    assert "следующая копия" in text and "web1-4242" in text
    assert "Последнее резервное копирование не удалось" not in text
    assert "Нет свежей резервной копии" not in text


def test_a_failed_backup_is_an_alert_with_its_time_and_reason(world):
    backup(hours_ago=3)
    backup(JobStatus.FAILED, hours_ago=1)
    html = _page(world)
    alert = _text(re.search(r'<div class="message error" role="alert".*?</div>', html, re.S)[0])
    assert "Последнее резервное копирование не удалось" in alert
    assert FULL_DISK in alert


def test_with_no_backup_yet_the_page_says_so_and_the_stale_worker_too(world, settings):
    settings.TENDIK_BACKUP_HOUR = 2
    text = _text(_page(world))
    assert "Резервных копий ещё не было." in text
    assert "Фоновый обработчик нет сигнала" in text
    assert "Ни один обработчик не подавал сигнала" in text


def test_failed_jobs_and_tasks_are_listed_without_the_tasks_arguments(world):
    Job.objects.create(kind="national_report", status=JobStatus.FAILED,
                       message="Внутренняя ошибка при выполнении задания")
    task("FAILED", path="tendik.exports.tasks.national_report_task", finished_at=timezone.now(),
         exception_class_path="builtins.ValueError", traceback="Айгуль Осмонова",
         args_kwargs={"args": ["Айгуль Осмонова"], "kwargs": {}})
    html = _page(world)
    row = _text(re.search(r'<table id="failed-jobs">.*?</table>', html, re.S)[0])
    assert "Национальный доклад" in row and "Внутренняя ошибка при выполнении задания" in row
    text = _text(html)
    assert "national_report_task" in text and "ValueError" in text
    assert "Осмонова" not in text


def test_the_page_costs_the_same_few_queries_however_much_history(
        world, django_assert_max_num_queries):
    client = world.client("admin")
    client.get(reverse("system:status"))  # the session and the user's roles are read once
    for hours in range(30):
        backup(JobStatus.FAILED if hours % 3 else JobStatus.DONE, hours_ago=hours)
        task("FAILED", finished_at=timezone.now(), exception_class_path="builtins.OSError")
        WorkerHeartbeat.objects.create(worker_id=f"w{hours}", started_at=timezone.now(),
                                       last_seen=timezone.now())
    # 3 for the session and the user, 3 for saving the session, 11 for the page itself.
    with django_assert_max_num_queries(17):
        assert client.get(reverse("system:status")).status_code == 200
