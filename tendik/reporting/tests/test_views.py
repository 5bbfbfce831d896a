import pytest
from django.urls import reverse

from .factories import open_period

pytestmark = pytest.mark.django_db


def test_autosave_saves_and_a_stale_save_shows_the_conflict(world):
    _, _, report, _, _ = open_period(world)
    focal = world.client("focal_point")
    progress = report.progress.order_by("measure__code").first()
    url = reverse("reporting:progress", args=[report.pk, progress.measure_id])
    prefix = f"m{progress.measure_id}"
    saved = focal.post(url, {f"{prefix}-version": 1, f"{prefix}-status": "in_progress",
                             f"{prefix}-narrative_ru": "Проведено 2 тренинга"},
                       HTTP_HX_REQUEST="true")
    assert 'data-save-state="saved"' in saved.content.decode()
    stale = focal.post(url, {f"{prefix}-version": 1, f"{prefix}-status": "completed",
                             f"{prefix}-narrative_ru": "Мой вариант"}, HTTP_HX_REQUEST="true")
    page = stale.content.decode()
    assert "data-conflict" in page and "Проведено 2 тренинга" in page and "Мой вариант" in page
    progress.refresh_from_db()
    assert progress.narrative_ru == "Проведено 2 тренинга"


def test_bad_indicator_values_keep_nothing_and_say_why(world):
    _, _, report, indicator, _ = open_period(world)
    focal = world.client("focal_point")
    response = focal.post(reverse("reporting:observations", args=[report.pk]), {
        "version": 1, f"obs|{indicator.pk}|": "10", f"obs|{indicator.pk}|sex=F": "8",
        f"obs|{indicator.pk}|sex=M": "5"})
    assert response.status_code == 400
    assert "не равна итогу" in response.content.decode()
    assert not report.observations.exists()


def test_dashboard_and_my_reports(world):
    _, period, report, _, _ = open_period(world)
    dashboard = world.client("coordinator").get(reverse("reporting:dashboard", args=[period.pk]),
                                                {"kind": "ministry"})
    assert dashboard.status_code == 200 and str(world.home_org) in dashboard.content.decode()
    mine = world.client("focal_point").get(reverse("reporting:mine")).content.decode()
    assert f"/reports/{report.pk}/" in mine


def test_return_with_comments_per_measure_and_indicator(world):
    from tendik.reporting import services

    _, _, report, indicator, _ = open_period(world)
    services.report_act(actor=world.users["focal_point"], report=report, action="submit",
                        note="Пока без данных")
    measure = report.progress.order_by("measure__code").first().measure
    coordinator = world.client("coordinator")
    page = coordinator.get(reverse("reporting:report", args=[report.pk])).content.decode()
    assert f'name="measure-comment-{measure.pk}"' in page and 'form="return-form"' in page
    coordinator.post(reverse("reporting:act", args=[report.pk]), {
        "action": "return", "text": "", f"measure-comment-{measure.pk}": "Нет числа участниц",
        f"indicator-comment-{indicator.pk}": "Итог не совпадает"})
    report.refresh_from_db()
    assert report.state == "returned"
    notes = {(c.measure_id, c.indicator_id): c.text for c in report.review_comments.all()}
    assert notes == {(measure.pk, None): "Нет числа участниц",
                     (None, indicator.pk): "Итог не совпадает"}
    focal_page = world.client("focal_point").get(
        reverse("reporting:report", args=[report.pk])).content.decode()
    assert f"{measure.code}: Нет числа участниц" in focal_page
