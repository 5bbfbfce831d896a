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


def test_bad_values_keep_everything_typed_with_each_error_beside_its_cell(world):
    _, _, report, indicator, _ = open_period(world)
    focal = world.client("focal_point")
    url = reverse("reporting:observations", args=[report.pk])
    response = focal.post(url, {
        "version": 1, f"obs|{indicator.pk}|": "10", f"obs|{indicator.pk}|sex=F": "8,5",
        f"obs|{indicator.pk}|sex=M": "-5"})
    assert response.status_code == 302 and response.url.endswith("#observations")
    page = focal.get(response.url.split("#")[0]).content.decode()
    assert 'value="8,5"' in page and 'value="-5"' in page and 'value="10"' in page
    assert 'aria-invalid="true"' in page and "отрицательным" in page
    assert page.count(" autofocus") == 1
    assert not report.observations.exists()
    # A reload still shows what was typed; a successful save ends the draft.
    assert 'value="8,5"' in focal.get(response.url.split("#")[0]).content.decode()
    focal.post(url, {"version": 1, f"obs|{indicator.pk}|": "13",
                     f"obs|{indicator.pk}|sex=F": "8,5", f"obs|{indicator.pk}|sex=M": "4,5"})
    page = focal.get(response.url.split("#")[0]).content.decode()
    assert "observations-errors" not in page and 'value="4,5"' in page


def test_values_posted_with_htmx_come_back_in_the_fragment_with_errors(world):
    _, _, report, indicator, _ = open_period(world)
    focal = world.client("focal_point")
    url = reverse("reporting:observations", args=[report.pk])
    response = focal.post(url, {"version": 1, f"obs|{indicator.pk}|": "10",
                                f"obs|{indicator.pk}|sex=F": "8",
                                f"obs|{indicator.pk}|sex=M": "5"}, HTTP_HX_REQUEST="true")
    fragment = response.content.decode()
    assert response.status_code == 200 and 'id="observations-form"' in fragment
    assert "не равна итогу" in fragment and 'value="8"' in fragment
    saved = focal.post(url, {"version": 1, f"obs|{indicator.pk}|": "13",
                             f"obs|{indicator.pk}|sex=F": "8,5",
                             f"obs|{indicator.pk}|sex=M": "4.5"}, HTTP_HX_REQUEST="true")
    assert "data-observations-saved" in saved.content.decode()
    assert 'value="8,5"' in saved.content.decode()  # «8,5», not «8,5000»


def test_post_only_urls_answer_a_get_with_the_report_page(world):
    _, _, report, _, _ = open_period(world)
    focal = world.client("focal_point")
    measure_id = report.progress.first().measure_id
    for url in (reverse("reporting:observations", args=[report.pk]),
                reverse("reporting:progress", args=[report.pk, measure_id])):
        response = focal.get(url)
        assert response.status_code == 302 and f"/reports/{report.pk}/" in response.url


def test_malformed_field_names_and_versions_are_refused_without_a_500(world):
    _, _, report, indicator, _ = open_period(world)
    focal = world.client("focal_point")
    url = reverse("reporting:observations", args=[report.pk])
    for data in ({"version": "abc", f"obs|{indicator.pk}|": "1"},
                 {"version": 1, "obs|x|": "1"}, {"version": 1, f"obs|{indicator.pk}|sex": "1"}):
        response = focal.post(url, data, HTTP_HX_REQUEST="true")
        assert response.status_code == 200 and 'role="alert"' in response.content.decode()
    assert not report.observations.exists()


def test_an_autosave_that_changes_nothing_writes_nothing(world):
    from tendik.core.models import AuditEntry

    _, _, report, _, _ = open_period(world)
    focal = world.client("focal_point")
    progress = report.progress.order_by("measure__code").first()
    url = reverse("reporting:progress", args=[report.pk, progress.measure_id])
    prefix = f"m{progress.measure_id}"
    data = {f"{prefix}-version": 1, f"{prefix}-status": "in_progress",
            f"{prefix}-narrative_ru": "Текст"}
    first = focal.post(url, data, HTTP_HX_REQUEST="true").content.decode()
    assert 'value="2"' in first and 'hx-swap-oob="true"' in first
    audits = AuditEntry.objects.count()
    again = focal.post(url, {**data, f"{prefix}-version": 2}, HTTP_HX_REQUEST="true")
    assert 'value="2"' in again.content.decode()
    progress.refresh_from_db()
    assert progress.version == 2 and AuditEntry.objects.count() == audits


def test_the_autosave_trigger_listens_only_to_its_own_section(world):
    _, _, report, _, _ = open_period(world)
    page = world.client("focal_point").get(reverse("reporting:report", args=[report.pk]))
    html = page.content.decode()
    assert "from:textarea" not in html and 'hx-trigger="change, input delay:2s"' in html
    assert 'hx-sync="this:queue last"' in html


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
