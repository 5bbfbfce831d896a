import itertools

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from tendik.core.errors import DomainError
from tendik.core.models import AuditEntry
from tendik.reporting import services
from tendik.reporting.models import Report, ReportState
from tendik.reporting.workflow import REPORT_ACTIONS

from .factories import fill_report, open_period

pytestmark = pytest.mark.django_db


def test_opening_a_period_creates_one_report_per_executing_organisation(world):
    plan, period, report, indicator, _ = open_period(world)
    organisations = set(period.reports.values_list("organisation_id", flat=True))
    assert organisations == {world.home_org.pk, world.other_kg_org.pk}
    assert report.progress.count() == 4  # every measure runs into 2023 (ongoing, years, period)
    with pytest.raises(DomainError):
        services.period_transition(actor=world.users["coordinator"], period=period, to="open")


def test_workflow_submit_return_resubmit_accept_reopen_with_mail(
        world, django_capture_on_commit_callbacks):
    _, _, report, _, _ = open_period(world)
    focal, coordinator = world.users["focal_point"], world.users["coordinator"]
    coordinator.email = "coordinator@example.org"
    coordinator.save()
    with pytest.raises(DomainError) as error:
        services.report_act(actor=coordinator, report=report, action="submit")
    assert error.value.code == "forbidden"
    fill_report(report, focal)
    with django_capture_on_commit_callbacks(execute=True):
        services.report_act(actor=focal, report=report, action="submit")
    assert mail.outbox[-1].to == ["coordinator@example.org"]
    assert "представлен" in mail.outbox[-1].subject
    with pytest.raises(DomainError, match="комментарий"):
        services.report_act(actor=coordinator, report=report, action="return")
    report = services.report_act(actor=coordinator, report=report, action="return",
                                 comments=[{"text": "Добавьте число участниц"}])
    assert report.state == ReportState.RETURNED
    assert report.review_comments.get().text == "Добавьте число участниц"
    first = report.first_submitted_at
    assert first is not None and first == report.submitted_at
    report = services.report_act(actor=focal, report=report, action="resubmit")
    # Timeliness is judged by the first submission, which a resubmission keeps.
    assert report.first_submitted_at == first and report.submitted_at > first
    report = services.report_act(actor=coordinator, report=report, action="accept")
    assert report.state == "accepted" and report.accepted_at
    progress = report.progress.first()
    with pytest.raises(DomainError, match="изменять нельзя"):
        services.progress_save(actor=focal, report=report, measure_id=progress.measure_id,
                               version=progress.version, data={"status": "completed"})
    with pytest.raises(DomainError, match="причину"):
        services.report_act(actor=coordinator, report=report, action="reopen")
    services.report_act(actor=coordinator, report=report, action="reopen",
                        reason="Найдена ошибка в данных")
    reopen = AuditEntry.objects.filter(object_id=str(report.pk), action="transition").order_by(
        "id").last()
    assert reopen.reason == "Найдена ошибка в данных"


@pytest.mark.parametrize("state,action", [
    (state, action) for state, action in itertools.product(ReportState.values, REPORT_ACTIONS)
    if state not in REPORT_ACTIONS[action][0]])
def test_every_illegal_report_move_is_refused(world, state, action):
    _, _, report, _, _ = open_period(world)
    Report.objects.filter(pk=report.pk).update(state=state)
    actor = world.users["focal_point"] if action in ("submit", "resubmit") else \
        world.users["coordinator"]
    with pytest.raises(DomainError) as error:
        services.report_act(actor=actor, report=report, action=action,
                            comments=[{"text": "x"}], reason="x")
    assert error.value.code == "conflict"
    assert Report.objects.get(pk=report.pk).state == state


def test_locked_period_refuses_every_change(world):
    _, period, report, _, _ = open_period(world)
    coordinator = world.users["coordinator"]
    services.period_transition(actor=coordinator, period=period, to="closed")
    services.period_transition(actor=coordinator, period=period, to="locked")
    progress = report.progress.first()
    with pytest.raises(DomainError, match="изменения не принимаются"):
        services.progress_save(actor=world.users["focal_point"], report=report,
                               measure_id=progress.measure_id, version=1,
                               data={"status": "completed"})
    with pytest.raises(DomainError):
        services.report_act(actor=world.users["focal_point"], report=report, action="submit")


def test_second_save_of_a_stale_version_is_a_conflict_with_current_data(world):
    _, _, report, _, _ = open_period(world)
    focal = world.users["focal_point"]
    measure_id = report.progress.first().measure_id
    saved = services.progress_save(actor=focal, report=report, measure_id=measure_id, version=1,
                                   data={"status": "in_progress", "narrative_ru": "Первый"})
    assert saved["version"] == 2
    with pytest.raises(DomainError) as error:
        services.progress_save(actor=focal, report=report, measure_id=measure_id, version=1,
                               data={"status": "completed", "narrative_ru": "Второй"})
    assert error.value.code == "conflict"
    assert error.value.current["narrative_ru"] == "Первый"


def test_progress_validation(world):
    _, _, report, _, _ = open_period(world)
    focal = world.users["focal_point"]
    measure_id = report.progress.first().measure_id
    with pytest.raises(DomainError, match="причину"):
        services.progress_save(actor=focal, report=report, measure_id=measure_id, version=1,
                               data={"status": "cancelled"})
    with pytest.raises(DomainError, match="отрицательной"):
        services.progress_save(actor=focal, report=report, measure_id=measure_id, version=1,
                               data={"spent_amount": "-5", "spent_currency": "KGS"})


def test_observations_are_validated_and_breakdowns_add_up(world):
    _, _, report, indicator, _ = open_period(world)
    focal = world.users["focal_point"]
    percent = report.progress.first().measure.indicators.get(code="И-1.1")

    def save(values, version=1):
        return services.observations_save(actor=focal, report=report, version=version,
                                          values=values)

    cases = [
        ([{"indicator": indicator.pk, "value": "-3"}], "отрицательным"),
        ([{"indicator": percent.pk, "value": "130"}], "от 0 до 100"),
        ([{"indicator": indicator.pk, "disaggregation": {"sex": "X"}, "value": "1"}],
         "не входит в список"),
        ([{"indicator": indicator.pk, "value": "70"},
          {"indicator": indicator.pk, "disaggregation": {"sex": "F"}, "value": "50"},
          {"indicator": indicator.pk, "disaggregation": {"sex": "M"}, "value": "30"}],
         "не равна итогу"),
    ]
    for values, message in cases:
        with pytest.raises(DomainError) as error:
            save(values)
        assert message in " ".join(e["message"] for e in error.value.errors)
    assert not report.observations.exists()
    result = save([{"indicator": indicator.pk, "value": "80",
                    "override_reason": "10 человек без указания пола"},
                   {"indicator": indicator.pk, "disaggregation": {"sex": "F"}, "value": "50"},
                   {"indicator": indicator.pk, "disaggregation": {"sex": "M"}, "value": "20"}])
    assert result["version"] == 2 and len(result["values"]) == 3
    with pytest.raises(DomainError) as error:
        save([{"indicator": indicator.pk, "value": "1"}], version=1)
    assert error.value.code == "conflict"


def test_activities_check_participants(world):
    _, _, report, _, _ = open_period(world)
    focal = world.users["focal_point"]
    measure = report.progress.first().measure
    base = {"kind": "training", "title": "Тренинг для ОГВ", "start": "2023-04-10",
            "end": "2023-04-12", "measures": [measure.pk]}
    with pytest.raises(DomainError) as error:
        services.activities_save(actor=focal, report=report, version=1, activities=[
            {**base, "participants_women": 60, "participants_men": 20,
             "participants_total": 70}])
    assert "больше, чем всего" in error.value.errors[0]["message"]
    result = services.activities_save(actor=focal, report=report, version=1, activities=[
        {**base, "participants_women": 52, "participants_men": 18, "participants_total": 72}])
    assert result["activities"][0]["participants_total"] == 72
    assert report.activities.get().participants_unrecorded == 2


def test_evidence_type_is_checked_by_content(world):
    _, _, report, _, _ = open_period(world)
    focal = world.users["focal_point"]
    fake = SimpleUploadedFile("report.pdf", b"MZ\x90\x00\x03" + b"\x00" * 100)
    with pytest.raises(DomainError) as error:
        services.evidence_add(actor=focal, report=report, upload=fake)
    assert error.value.code == "bad_type"
    real = SimpleUploadedFile("scan.bin", b"%PDF-1.4\n%\xe2\xe3\n1 0 obj\n<<>>\nendobj\n")
    evidence = services.evidence_add(actor=focal, report=report, upload=real)
    assert evidence.content_type == "application/pdf" and evidence.file.name.endswith(".pdf")


def test_other_organisation_cannot_write(world):
    _, _, report, _, other_focal = open_period(world)
    measure_id = report.progress.first().measure_id
    with pytest.raises(DomainError) as error:
        services.progress_save(actor=other_focal, report=report, measure_id=measure_id,
                               version=1, data={"status": "completed"})
    assert error.value.code == "forbidden"


def test_reminders_before_and_after_the_due_date(world):
    import datetime
    _, period, report, _, _ = open_period(world)
    world.users["focal_point"].email = "focal@example.org"
    world.users["focal_point"].save()
    due = period.due_date
    # Two organisations report; both have a focal point with an e-mail address.
    assert services.reminders_send(today=due - datetime.timedelta(days=7)) == 2
    assert services.reminders_send(today=due - datetime.timedelta(days=6)) == 0
    assert services.reminders_send(today=due + datetime.timedelta(days=3)) == 2
    assert "просрочен" in mail.outbox[-1].subject
    services.report_act(actor=world.users["focal_point"], report=report, action="submit",
                        note="Данные позже")
    assert services.reminders_send(today=due + datetime.timedelta(days=6)) == 1


def test_a_dimension_restricted_to_one_code_is_no_breakdown(world):
    from tendik.plans import services as plan_services
    from tendik.plans.models import Dimension
    from tendik.reporting.validation import breakdown_keys, code_lists

    sex, area = Dimension.objects.get(code="sex"), Dimension.objects.get(code="urban_rural")
    indicator = plan_services.indicator_create(
        actor=None, country=world.kg, code="И-7.1", name_ru="Доля женщин-владелиц телефона",
        unit="percent", dimensions=[sex, area], code_restrictions={"sex": ["F"]})
    assert code_lists(indicator) == {"urban_rural": {"U", "R"}}
    assert breakdown_keys(code_lists(indicator)) == ["", "urban_rural=R", "urban_rural=U"]
    with pytest.raises(DomainError):
        plan_services.indicator_create(actor=None, country=world.kg, code="И-7.2",
                                       name_ru="x", dimensions=[sex],
                                       code_restrictions={"sex": ["X"]})


def test_values_saved_again_unchanged_write_nothing(world):
    _, _, report, indicator, _ = open_period(world)
    focal = world.users["focal_point"]
    values = [{"indicator": indicator.pk, "value": "10"},
              {"indicator": indicator.pk, "disaggregation": {"sex": "F"}, "value": "6"},
              {"indicator": indicator.pk, "disaggregation": {"sex": "M"}, "value": "4"}]
    first = services.observations_save(actor=focal, report=report, version=1, values=values)
    audits = AuditEntry.objects.count()
    again = services.observations_save(actor=focal, report=report, version=first["version"],
                                       values=[{**v, "value": v["value"] + ",0"} for v in values])
    assert again["version"] == first["version"] and AuditEntry.objects.count() == audits


def test_each_refused_value_names_its_indicator_and_combination(world):
    _, _, report, indicator, _ = open_period(world)
    with pytest.raises(DomainError) as error:
        services.observations_save(actor=world.users["focal_point"], report=report, version=1,
                                   values=[{"indicator": indicator.pk, "value": "1"},
                                           {"indicator": indicator.pk, "value": "-2",
                                            "disaggregation": {"sex": "F"}}])
    (only,) = error.value.errors
    assert (only["indicator"], only["disaggregation"]) == (indicator.pk, "sex=F")
