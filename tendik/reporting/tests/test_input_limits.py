"""Every value a client sends is checked in the services: too long, too precise, of the wrong
type, or an id outside the report is a DomainError naming the column, never a crash."""

from decimal import Decimal

import pytest

from tendik.core.errors import DomainError
from tendik.reporting import services
from tendik.reporting.models import Observation

from .factories import open_period

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_report(world):
    plan, _period, report, indicator, _ = open_period(world)
    return plan, report, indicator, world.users["focal_point"]


def _columns(call) -> set[str]:
    with pytest.raises(DomainError) as error:
        call()
    return {e.get("column") for e in error.value.errors}


def _progress(report, actor, **data):
    progress = report.progress.first()
    return lambda: services.progress_save(actor=actor, report=report,
                                          measure_id=progress.measure_id,
                                          version=progress.version, data=data)


def test_progress_texts_are_bounded_and_amounts_keep_their_precision(open_report):
    _, report, _, focal = open_report
    assert _columns(_progress(report, focal, narrative_ru="д" * 20_001)) == {"narrative_ru"}
    assert _columns(_progress(report, focal, narrative_ky=5)) == {"narrative_ky"}
    assert _columns(_progress(report, focal, reason="п" * 2_001)) == {"reason"}
    assert _columns(_progress(report, focal, narrative_ru="a\x00b")) == {"narrative_ru"}
    for amount in ("1.005", "много", 10**17, [1]):
        assert _columns(_progress(report, focal, spent_amount=amount,
                                  spent_currency="KGS")) == {"spent_amount"}
    saved = _progress(report, focal, narrative_ru="д" * 20_000, spent_amount="12.5",
                      spent_currency="KGS")()
    assert str(saved["spent_amount"]) == "12.50"


def test_an_unknown_measure_of_a_progress_save_is_not_found(open_report):
    _, report, _, focal = open_report
    for measure_id in (999_999, "abc", {"id": 1}):
        with pytest.raises(DomainError) as error:
            services.progress_save(actor=focal, report=report, measure_id=measure_id,
                                   version=1, data={"status": "in_progress"})
        assert error.value.code == "not_found"


def test_a_value_the_column_cannot_hold_is_refused_not_rounded(open_report):
    _, report, indicator, focal = open_report

    def save(value, **item):
        return lambda: services.observations_save(actor=focal, report=report, version=1,
                                                  values=[{"indicator": indicator.pk,
                                                           "value": value, **item}])

    with pytest.raises(DomainError) as error:
        save("0.0000000001")()
    assert "не более 4 знаков после запятой" in error.value.errors[0]["message"]
    with pytest.raises(DomainError) as error:
        save("1" * 17)()
    assert "не более 16 знаков до запятой" in error.value.errors[0]["message"]
    assert _columns(save("1", override_reason="п" * 2_001)) == {"override_reason"}
    assert _columns(save("1", override_reason=5)) == {"override_reason"}
    assert _columns(save("1", disaggregation={"sex": ["F"]})) == {"disaggregation"}
    assert not Observation.objects.exists()
    save("0.0001")()
    assert Observation.objects.get().value == Decimal("0.0001")


def test_indicator_ids_of_the_wrong_type_are_errors(open_report):
    _, report, indicator, focal = open_report
    for given in (True, {"id": indicator.pk}, [indicator.pk], 1.0, "abc", 2**70):
        assert _columns(lambda given=given: services.observations_save(
            actor=focal, report=report, version=1,
            values=[{"indicator": given, "value": "1"}])) == {"indicator"}
    assert _columns(lambda: services.observations_save(
        actor=focal, report=report, version=1, values=["not an object"])) == {""}


def test_activity_fields_and_references_are_checked_by_column(open_report, world):
    plan, report, _, focal = open_report
    base = {"kind": "training", "title": "Тренинг", "start": "2023-04-04", "end": "2023-04-04"}

    def create(**item):
        return lambda: services.activity_create(actor=focal, report=report,
                                                data={**base, **item})

    assert _columns(create(title="т" * 501)) == {"title"}
    assert _columns(create(title=5)) == {"title"}
    assert _columns(create(venue="м" * 256)) == {"venue"}
    assert _columns(create(participants_total=1.5)) == {"participants_total"}
    assert _columns(create(participants_total=10**12)) == {"participants_total"}
    assert _columns(create(organisers="12")) == {"organisers"}
    assert _columns(create(partners=[{"id": 1}])) == {"partners"}
    assert _columns(create(measures=[999_999])) == {"measures"}
    assert _columns(create(territory={"id": 1})) == {"territory"}
    assert _columns(create(start="2023-13-45", end="2023-13-45")) == {"start", "end"}
    assert _columns(lambda: services.activities_save(
        actor=focal, report=report, version=1, activities=[5])) == {""}
    with pytest.raises(DomainError) as error:
        services.activity_update(actor=focal, report=report, activity_id="abc", version=1,
                                 data=base)
    assert error.value.code == "not_found"
    assert not report.activities.exists()


def test_evidence_links_descriptions_and_measures_are_checked(open_report):
    _, report, _, focal = open_report

    def add(**kwargs):
        return lambda: services.evidence_add(actor=focal, report=report,
                                             **{"url": "https://example.org/a", **kwargs})

    assert _columns(add(url="javascript:alert(1)")) == {"url"}
    assert _columns(add(description="о" * 501)) == {"description"}
    assert _columns(add(measure_id="abc")) == {"measure"}
    assert _columns(add(measure_id={"id": 1})) == {"measure"}
    assert add(measure_id=str(report.progress.first().measure_id))().measure_id


def test_review_comments_are_texts_about_this_reports_items(open_report, world):
    _, report, _, focal = open_report
    coordinator = world.users["coordinator"]
    services.report_act(actor=focal, report=report, action="submit", note="Позже")

    def send(comments):
        return lambda: services.report_act(actor=coordinator, report=report, action="return",
                                           comments=comments)

    assert _columns(send([{"text": 5}])) == {"text"}
    assert _columns(send([{"text": "к" * 2_001}])) == {"text"}
    assert _columns(send([{"text": "Уточните", "measure": 999_999}])) == {"measure"}
    assert _columns(send([{"text": "Уточните", "indicator": "abc"}])) == {"indicator"}
    with pytest.raises(DomainError):
        send(["Уточните"])()
    assert _columns(lambda: services.report_act(
        actor=coordinator, report=report, action="accept", note="н" * 2_001)) == {"note"}
    report.refresh_from_db()
    assert report.state == "submitted" and not report.review_comments.exists()
