"""The monthly form's save: one form per body and month, every count checked, equations exact,
no personal data in the comment, every change audited without the comment's text."""

import datetime

import pytest

from tendik.committees.counts import COUNT_KEYS
from tendik.committees.models import MonthlyStatistics
from tendik.committees.statistics import services
from tendik.committees.statistics.months import current_month
from tendik.core.errors import DomainError
from tendik.core.models import AuditEntry

from .conftest import COUNTS, key, month_back

pytestmark = pytest.mark.django_db


def save(actor, committee, month, counts=None, **kwargs):
    return services.statistics_save(actor=actor, committee=committee, month=month,
                                    counts=COUNTS if counts is None else counts, **kwargs)


def refused(actor, committee, month, counts=None, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as caught:
        save(actor, committee, month, counts, **kwargs)
    return caught.value


def fields(error: DomainError) -> list[str]:
    return [item["field"] for item in error.errors]


def test_the_secretary_saves_a_month_and_the_row_takes_the_committees_territory(
        secretary, committee, last_month):
    row, created = save(secretary, committee, last_month, comment="Проведено 2 выезда в школы.")
    assert created and row.state == "draft" and row.version == 1
    assert row.month == month_back(1)
    assert (row.territory, row.country) == (committee.territory, committee.country)
    assert {name: getattr(row, name) for name in COUNT_KEYS} == COUNTS


def test_missing_keys_are_zero(secretary, committee, last_month):
    row, _ = save(secretary, committee, last_month, counts={"protection_orders_total": 2})
    assert row.protection_orders_total == 2 and row.appeals_total == 0


def test_a_second_save_for_the_same_month_updates_the_one_row(secretary, committee, last_month):
    row, _ = save(secretary, committee, last_month)
    again, created = save(secretary, committee, last_month, {**COUNTS, "protection_orders_total": 7},
                          version=row.version)
    assert not created and again.pk == row.pk and again.version == 2
    assert MonthlyStatistics.objects.filter(committee=committee).count() == 1
    assert MonthlyStatistics.objects.get().protection_orders_total == 7


@pytest.mark.parametrize("version", [None, 5])
def test_an_update_without_the_current_version_is_a_conflict_naming_it(
        secretary, committee, last_month, version):
    row, _ = save(secretary, committee, last_month)
    error = refused(secretary, committee, last_month, version=version)
    assert error.code == "conflict" and error.current == {"version": row.version}


def test_a_save_that_changes_nothing_writes_nothing(secretary, committee, last_month):
    row, _ = save(secretary, committee, last_month, comment="Без изменений.")
    entries = AuditEntry.objects.count()
    again, created = save(secretary, committee, last_month, comment="Без изменений.",
                          version=row.version)
    assert not created and again.version == row.version
    assert AuditEntry.objects.count() == entries


def test_a_negative_count_is_refused_naming_its_key(secretary, committee, last_month):
    error = refused(secretary, committee, last_month, {**COUNTS, "appeals_sexual": -1})
    assert error.code == "invalid" and fields(error) == ["appeals_sexual"]


@pytest.mark.parametrize("value", ["три", 2.5, True, [1]])
def test_a_non_integer_count_is_refused_naming_its_key(secretary, committee, last_month, value):
    error = refused(secretary, committee, last_month, {**COUNTS, "referrals_police": value})
    assert fields(error) == ["referrals_police"]


def test_an_unknown_key_is_refused_naming_it(secretary, committee, last_month):
    error = refused(secretary, committee, last_month, {**COUNTS, "victims_names": 1})
    assert fields(error) == ["victims_names"]


def test_a_part_above_its_total_is_named_with_both_numbers(secretary, committee, last_month):
    error = refused(secretary, committee, last_month, {**COUNTS, "appeals_physical": 13})
    assert fields(error) == ["appeals_physical"]
    assert "13" in error.errors[0]["message"] and "12" in error.errors[0]["message"]


def test_parts_that_do_not_add_up_name_the_total_and_say_the_numbers(
        secretary, committee, last_month):
    error = refused(secretary, committee, last_month, {**COUNTS, "appeals_physical": 6})
    assert fields(error) == ["appeals_total"]
    assert error.errors[0]["message"].startswith("сумма по видам насилия 13 ≠")
    assert error.errors[0]["message"].endswith("12")


def test_totals_must_match_across_breakdowns(secretary, committee, last_month):
    # Sex adds up to 12 but the age groups to 13: the age breakdown names the total.
    error = refused(secretary, committee, last_month, {**COUNTS, "persons_age_60_99": 1})
    assert fields(error) == ["persons_total"]
    assert "возрастным" in error.errors[0]["message"]


def test_every_broken_equation_is_reported_at_once(secretary, committee, last_month):
    error = refused(secretary, committee, last_month,
                    {**COUNTS, "persons_men": 3, "referrals_total": 10})
    assert sorted(fields(error)) == ["persons_total", "referrals_total"]


def test_a_month_in_the_future_is_refused_naming_month(secretary, committee):
    next_month = (current_month() + datetime.timedelta(days=32)).replace(day=1)
    assert fields(refused(secretary, committee, key(next_month))) == ["month"]


def test_the_current_month_may_be_saved(secretary, committee):
    _row, created = save(secretary, committee, key(current_month()))
    assert created


def test_a_month_before_the_committee_was_established_is_refused(secretary, committee):
    assert fields(refused(secretary, committee, "2023-04")) == ["month"]
    assert save(secretary, committee, "2023-05")[1]


@pytest.mark.parametrize("month", ["2026-13", "abc", "2026-3", ""])
def test_a_bad_month_string_is_refused_naming_month(secretary, committee, month):
    assert fields(refused(secretary, committee, month)) == ["month"]


def test_another_committees_secretary_does_not_find_it(secretary, other_committee, last_month):
    assert refused(secretary, other_committee, last_month).code == "not_found"


@pytest.mark.parametrize("role", ["partner", "focal_point", "observer", "coordinator_kz"])
def test_other_roles_do_not_find_a_committee(world, committee, last_month, role):
    assert refused(world.users[role], committee, last_month).code == "not_found"


def test_the_coordinator_may_also_write(coordinator, committee, last_month):
    assert save(coordinator, committee, last_month)[1]


def test_a_help_services_staff_save_its_form(world, help_service, last_month):
    row, created = services.statistics_save(actor=world.users["partner"], service=help_service,
                                            month=last_month, counts=COUNTS)
    assert created and row.service == help_service and row.country == world.kg


def test_a_comment_with_personal_data_is_refused_with_the_reason_not_the_text(
        secretary, committee, last_month):
    error = refused(secretary, committee, last_month,
                    comment="Обратилась Айгуль Асанова, тел. +996 555 123 456")
    assert fields(error) == ["comment"]
    message = error.errors[0]["message"]
    assert "телефона" in message and "имя" in message
    assert "Асанова" not in message and "555" not in message and "Асанова" not in str(error)
    assert not MonthlyStatistics.objects.exists()


def test_the_audit_names_changed_counts_and_never_the_comments_text(
        secretary, committee, last_month):
    row, _ = save(secretary, committee, last_month, comment="Проведено 2 выезда в школы.")
    save(secretary, committee, last_month, {**COUNTS, "protection_orders_total": 7},
         comment="Снизилось число обращений.", version=row.version)
    created, updated = AuditEntry.objects.filter(object_id=str(row.pk)).order_by("id")
    assert created.changes["appeals_total"] == {"old": None, "new": 12}
    assert updated.changes == {"protection_orders_total": {"old": 6, "new": 7},
                               "comment": {"old": None, "new": services.COMMENT_CHANGED}}
    everything = str(list(AuditEntry.objects.values_list("changes", "object_repr")))
    assert "выезда" not in everything and "Снизилось" not in everything


def test_the_system_saves_and_moves_forms_for_the_demo(committee, last_month):
    row, created = services.statistics_save(actor=None, committee=committee, month=last_month,
                                            counts=COUNTS)
    row = services.statistics_transition(actor=None, row=row, to="submitted")
    assert created and services.statistics_transition(actor=None, row=row,
                                                      to="accepted").state == "accepted"


def test_a_form_is_for_exactly_one_body(secretary, committee, help_service, last_month):
    for bodies in ({}, {"committee": committee, "service": help_service}):
        with pytest.raises(DomainError) as caught:
            services.statistics_save(actor=secretary, month=last_month, counts=COUNTS, **bodies)
        assert caught.value.code == "invalid"
