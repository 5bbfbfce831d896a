"""An edit racing a state change: it lands before the submit or close, or it is refused."""

import threading

import pytest
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from tendik.reporting import services
from tendik.reporting.models import MeasureProgress, Report

from .factories import open_period

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql",
                                reason="needs PostgreSQL row locks")
JSON = "application/json"
WAIT = 1.0  # seconds a blocked request is given to (wrongly) get through


def _in_thread(request) -> tuple[threading.Thread, dict]:
    result = {}

    def run() -> None:
        try:
            result["status"] = request().status_code
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, result


def _edit(world, report, text: str):
    progress = report.progress.order_by("measure__code").first()
    client = Client()
    client.force_login(world.users["focal_point"])
    return lambda: client.patch(
        reverse("report-progress", args=[report.pk, progress.measure_id]),
        {"version": progress.version, "narrative_ru": text}, content_type=JSON)


def _narrative(report) -> str:
    return MeasureProgress.objects.filter(report=report).order_by("measure__code").first() \
        .narrative_ru


@pytest.mark.parametrize("move", ["submit", "close"])
def test_an_edit_waiting_on_a_submit_or_close_is_refused_once_it_commits(transactional_db,
                                                                        world, move):
    _, period, report, _, _ = open_period(world)
    edit = _edit(world, report, "Поздняя правка")  # logged in before the transaction
    with transaction.atomic():
        if move == "submit":
            services.report_act(actor=world.users["focal_point"], report=report, action="submit",
                                note="Данные будут позже")
        else:
            services.period_transition(actor=world.users["coordinator"], period=period,
                                       to="closed")
        thread, result = _in_thread(edit)
        thread.join(WAIT)
        assert thread.is_alive(), "the edit did not wait for the state change"
    thread.join()
    assert result["status"] == 409
    assert _narrative(report) == ""


def test_a_submit_waiting_on_an_edit_submits_the_edited_report(transactional_db, world):
    _, _, report, _, _ = open_period(world)
    submit = world.client("focal_point")
    with transaction.atomic():
        progress = report.progress.order_by("measure__code").first()
        services.progress_save(actor=world.users["focal_point"], report=report,
                               measure_id=progress.measure_id, version=progress.version,
                               data={"narrative_ru": "Правка до отправки"})
        thread, result = _in_thread(lambda: submit.post(
            reverse("report-submit", args=[report.pk]), {"note": "Данные будут позже"},
            content_type=JSON))
        thread.join(WAIT)
        assert thread.is_alive(), "the submit did not wait for the edit"
    thread.join()
    assert result["status"] == 200
    assert Report.objects.get(pk=report.pk).state == "submitted"
    assert _narrative(report) == "Правка до отправки"
