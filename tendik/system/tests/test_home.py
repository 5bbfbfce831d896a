"""The installation admin's home-page warning: a failed or missing backup, a silent worker."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tendik.core.models import JobStatus
from tendik.system import home
from tendik.system.models import WorkerHeartbeat

from .test_selectors import FULL_DISK, backup

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _registered():
    """The block as SystemConfig.ready() registers it (registering twice keeps one)."""
    home.register()


@pytest.fixture
def worker_alive():
    now = timezone.now()
    WorkerHeartbeat.objects.create(worker_id="w1", started_at=now, last_seen=now)


def _home(world, role: str) -> str:
    return world.client(role).get(reverse("home")).content.decode()


def test_a_failed_backup_warns_the_admin_with_its_reason_and_a_link(world, worker_alive):
    backup(JobStatus.FAILED, hours_ago=1)
    page = _home(world, "admin")
    assert "Последнее резервное копирование не удалось" in page
    assert FULL_DISK in page
    assert f'href="{reverse("system:status")}"' in page


@pytest.mark.parametrize("role", ["coordinator", "focal_point", "observer", "coordinator_kz"])
def test_nobody_but_the_admin_is_warned(world, role):
    backup(JobStatus.FAILED, hours_ago=1)
    assert "Последнее резервное копирование не удалось" not in _home(world, role)


def test_a_fresh_backup_and_a_live_worker_leave_the_home_page_quiet(world, worker_alive,
                                                                    settings):
    settings.TENDIK_BACKUP_HOUR = 2
    backup(hours_ago=2)
    assert home.admin_warning(world.users["admin"]) is None
    assert 'id="home-system"' not in _home(world, "admin")


def test_an_old_backup_warns_while_backups_are_scheduled(world, worker_alive, settings):
    settings.TENDIK_BACKUP_HOUR = 2
    backup(hours_ago=30)
    assert "Нет свежей резервной копии" in _home(world, "admin")
    settings.TENDIK_BACKUP_HOUR = -1
    assert home.admin_warning(world.users["admin"]) is None


def test_a_silent_worker_warns_even_with_a_fresh_backup(world):
    backup(hours_ago=1)
    page = _home(world, "admin")
    assert "Фоновый обработчик не подаёт сигнала" in page
    assert "Последнее резервное копирование не удалось" not in page


def test_the_warning_costs_three_queries(world, django_assert_max_num_queries):
    admin = world.users["admin"]
    for hours in range(20):
        backup(JobStatus.FAILED if hours % 2 else JobStatus.DONE, hours_ago=hours)
    admin._tendik_roles = None
    with django_assert_max_num_queries(4):  # the admin's roles, then the block's three
        assert home.admin_warning(admin)
