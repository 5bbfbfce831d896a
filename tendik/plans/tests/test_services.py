import itertools

import pytest

from tendik.core.errors import DomainError
from tendik.core.models import AuditEntry
from tendik.plans import services
from tendik.plans.models import CommentStatus, Measure, Plan, PlanStatus
from tendik.plans.selectors import plan_diff
from tendik.plans.workflow import TRANSITIONS

from .factories import build_plan

pytestmark = pytest.mark.django_db


def test_life_cycle_follows_the_table_and_is_audited(world):
    plan, _ = build_plan(world, measures_per_objective=1)
    coordinator = world.users["coordinator"]
    for status in (PlanStatus.CONSULTATION, PlanStatus.APPROVED, PlanStatus.IN_FORCE,
                   PlanStatus.CLOSED):
        plan = services.plan_transition(actor=coordinator, plan=plan, to=status)
    moves = AuditEntry.objects.filter(object_id=str(plan.pk), action="transition")
    assert [m.changes["status"]["new"] for m in moves.order_by("id")] == [
        "consultation", "approved", "in_force", "closed"]


@pytest.mark.parametrize("start,target", [
    (start, target) for start, target in itertools.product(PlanStatus.values, repeat=2)
    if target not in TRANSITIONS[start]])
def test_every_illegal_move_is_refused(world, start, target):
    plan, _ = build_plan(world, measures_per_objective=1)
    Plan.objects.filter(pk=plan.pk).update(status=start)
    plan.refresh_from_db()
    with pytest.raises(DomainError) as error:
        services.plan_transition(actor=world.users["coordinator"], plan=plan, to=target)
    assert error.value.code == "conflict"
    assert Plan.objects.get(pk=plan.pk).status == start


def test_only_a_manager_of_the_country_moves_a_plan(world):
    plan, _ = build_plan(world, measures_per_objective=1)
    for role in ("focal_point", "observer", "coordinator_kz"):
        with pytest.raises(DomainError) as error:
            services.plan_transition(actor=world.users[role], plan=plan, to="consultation")
        assert error.value.code == "forbidden"


def test_approval_waits_for_every_comment_to_be_answered(world):
    plan, _ = build_plan(world, measures_per_objective=1)
    coordinator, observer = world.users["coordinator"], world.users["observer"]
    with pytest.raises(DomainError, match="обсуждения"):
        services.comment_add(actor=observer, plan=plan, text="Рано")
    services.plan_transition(actor=coordinator, plan=plan, to="consultation")
    measure = plan.measures.first()
    comment = services.comment_add(actor=observer, plan=plan, measure=measure,
                                   text="Добавьте сельских женщин")
    with pytest.raises(DomainError, match="без ответа") as error:
        services.plan_transition(actor=coordinator, plan=plan, to="approved")
    assert error.value.code == "conflict"
    with pytest.raises(DomainError):
        services.comment_answer(actor=observer, comment=comment, status="accepted", reply="да")
    with pytest.raises(DomainError, match="ответ"):
        services.comment_answer(actor=coordinator, comment=comment, status="accepted", reply=" ")
    services.comment_answer(actor=coordinator, comment=comment, status=CommentStatus.ACCEPTED,
                            reply="Учтено в 1.1.1")
    assert services.plan_transition(actor=coordinator, plan=plan,
                                    to="approved").status == "approved"
    with pytest.raises(DomainError):
        services.comment_add(actor=world.users["coordinator_kz"], plan=plan, text="x")


def test_approved_plan_is_frozen_and_a_new_version_copies_it_whole(world):
    plan, _ = build_plan(world)
    coordinator = world.users["coordinator"]
    services.plan_transition(actor=coordinator, plan=plan, to="approved")
    measure = plan.measures.order_by("code").first()
    with pytest.raises(DomainError, match="новую версию"):
        services.measure_update(actor=coordinator, measure=measure, title_ru="Другое")
    copy = services.plan_new_version(actor=coordinator, plan=plan)
    assert (copy.version, copy.previous_version_id, copy.status) == (2, plan.pk, "draft")
    assert copy.measures.count() == plan.measures.count() == 8
    copied = copy.measures.get(uid=measure.uid)
    assert list(copied.co_executors.all()) == list(measure.co_executors.all())
    assert copied.budget_lines.count() == measure.budget_lines.count()
    assert plan_diff(plan, copy) == {"added": [], "removed": [], "changed": []}

    services.measure_update(actor=coordinator, measure=copied, title_ru="Обучение ОГВ",
                            co_executors=[])
    objective = copy.objectives.order_by("code").first()
    services.measure_create(actor=coordinator, objective=objective, title_ru="Новое",
                            lead_executor=world.home_org)
    diff = plan_diff(plan, copy)
    assert [m["title_ru"] for m in diff["added"]] == ["Новое"]
    assert diff["changed"][0]["fields"].keys() == {"title_ru", "co_executors"}
    services.measure_move(actor=coordinator, measure=copy.measures.get(title_ru="Новое"),
                          objective=objective, position=1)
    removed_source = copy.measures.exclude(title_ru="Новое").order_by("code").last()
    removed_source.delete()
    diff = plan_diff(plan, copy)
    assert len(diff["removed"]) == 1
    assert any("code" in m["fields"] for m in diff["changed"])


def test_moving_a_measure_renumbers_codes_safely(world):
    plan, _ = build_plan(world, measures_per_objective=3)
    coordinator = world.users["coordinator"]
    first, second = plan.objectives.order_by("code")[:2]
    moving = first.measures.get(code="1.1.3")
    services.measure_move(actor=coordinator, measure=moving, objective=second, position=1)
    codes = dict(Measure.objects.filter(plan=plan).values_list("title_ru", "code"))
    assert codes["Мероприятие 1.1.3"] == "1.2.1"
    assert codes["Мероприятие 1.2.1"] == "1.2.2" and codes["Мероприятие 1.2.3"] == "1.2.4"
    assert sorted(first.measures.values_list("code", flat=True)) == ["1.1.1", "1.1.2"]
    assert len(set(codes.values())) == len(codes)
    assert AuditEntry.objects.filter(object_id=str(moving.pk),
                                     changes__code__new="1.2.1").exists()


def test_bad_budget_line_is_refused(world):
    plan, _ = build_plan(world, measures_per_objective=1)
    objective = plan.objectives.first()
    with pytest.raises(DomainError, match="валюты"):
        services.measure_create(actor=world.users["coordinator"], objective=objective,
                                title_ru="X", lead_executor=world.home_org,
                                budget_lines=[{"amount": -5, "currency": "KGS",
                                               "source": "republican"}])


def test_disclosure_control_is_set_by_the_country_s_managers_and_audited(world):
    indicator = services.indicator_create(actor=None, country=world.kg, code="И-9",
                                          name_ru="Число обращений")
    with pytest.raises(DomainError):
        services.indicator_disclosure_control_set(actor=world.users["coordinator_kz"],
                                                  indicator=indicator, enabled=True)
    services.indicator_disclosure_control_set(actor=world.users["coordinator"],
                                              indicator=indicator, enabled=True)
    services.indicator_disclosure_control_set(actor=world.users["coordinator"],
                                              indicator=indicator, enabled=True)
    indicator.refresh_from_db()
    assert indicator.disclosure_control
    assert AuditEntry.objects.filter(object_id=str(indicator.pk), action="update").count() == 1
