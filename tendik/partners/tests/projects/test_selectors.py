"""Who reads which project, and what a project page lists of its partners' reports."""

import datetime

import pytest

from tendik.partners.projects.selectors import (
    project_activities,
    project_writable,
    projects_visible_to,
)
from tendik.reporting.models import Activity
from tendik.reporting.tests.factories import open_period
from tendik.testing.matrix import ROLES

from .conftest import make_project

pytestmark = pytest.mark.django_db


def test_scope_of_every_role(world, donor):
    ours = make_project(world, donor)
    theirs = make_project(world, donor, partners=[{"organisation": donor.pk, "role": "donor"}])
    kz = make_project(world, donor, actor="admin", country="KZ",
                      partners=[{"organisation": world.kz_org.pk, "role": "counterpart"}])
    expected = {"admin": {ours, theirs, kz}, "coordinator": {ours, theirs},
                "observer": {ours, theirs}, "focal_point": {ours}, "partner": {ours},
                "committee": {ours}, "coordinator_kz": {kz}}
    for role in ROLES[1:]:
        assert set(projects_visible_to(world.users[role])) == expected[str(role)], role
    writers = {str(role) for role in ROLES[1:] if project_writable(world.users[role], ours)}
    assert writers == {"admin", "coordinator", "partner"}
    assert not project_writable(world.users["partner"], theirs)


def _activity(report, title, start, partner=None, organiser=None, measure=None):
    activity = Activity.objects.create(report=report, kind="training", title=title, start=start,
                                       end=start)
    if partner:
        activity.partners.add(partner)
    if organiser:
        activity.organisers.add(organiser)
    if measure:
        activity.measures.add(measure)
    return activity


def test_the_project_lists_its_partners_activities_on_its_measures_first(world, donor):
    plan, _period, report, _indicator, _other = open_period(world)
    measure = plan.measures.first()
    project = make_project(world, donor, measures=[measure.pk],
                           partners=[{"organisation": donor.pk, "role": "donor"}])
    newest = _activity(report, "Новое", datetime.date(2025, 6, 1), partner=donor)
    linked = _activity(report, "По мероприятию", datetime.date(2024, 2, 1), organiser=donor,
                       measure=measure)
    _activity(report, "До начала проекта", datetime.date(2023, 6, 1), partner=donor)
    _activity(report, "Без партнёров проекта", datetime.date(2024, 6, 1),
              partner=world.other_kg_org)
    shown = project_activities(world.users["coordinator"], project)
    assert shown == [linked, newest]
    assert project_activities(world.users["coordinator_kz"], project) == []
