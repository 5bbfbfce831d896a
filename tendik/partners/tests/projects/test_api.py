"""The projects API contract: keys, create, edit with versions, transitions, disbursements."""

import datetime

import pytest
from django.urls import reverse

from tendik.partners.models import Project
from tendik.partners.projects import services
from tendik.partners.tests.factories import BudgetLineFactory, ProjectFactory, ProjectPartnerFactory

from .conftest import make_project

pytestmark = pytest.mark.django_db

ITEM_KEYS = {"id", "title", "title_ru", "title_ky", "title_kk", "title_en", "code", "country",
             "period_start", "period_end", "status", "partners", "budget", "measures",
             "territories", "frameworks", "planned", "disbursed", "version"}
ISSUE_BODY = {"title": "Право на жизнь без насилия", "country": "KG",
              "period_start": "2024-01-01", "period_end": "2026-12-31",
              "partners": [{"organisation": None, "role": "donor"}],
              "budget": [{"year": 2024, "amount": "100000.00", "currency": "USD",
                          "source": "donor"}]}


def _body(organisation, **changes) -> dict:
    body = {**ISSUE_BODY, "partners": [{"organisation": organisation.pk, "role": "donor"}],
            **changes}
    return body


def test_the_list_item_has_every_key_of_the_contract(world, donor):
    project = make_project(world, donor, title_en="Life free of violence")
    services.disbursement_add(actor=world.users["coordinator"], project=project,
                              date=datetime.date(2024, 5, 1), amount="100", currency="USD")
    response = world.client("coordinator").get(reverse("project-list"), {"lang": "en"})
    assert response.status_code == 200
    [item] = response.json()["results"]
    assert set(item) == ITEM_KEYS
    assert item["title"] == "Life free of violence" and item["country"] == "KG"
    assert {"organisation": donor.pk, "organisation_name": donor.name, "role": "donor"} in \
        item["partners"]
    assert item["budget"][0] == {"year": 2024, "amount": "100000.00", "currency": "USD",
                                 "source": "donor", "funder": None, "measure": None}
    assert item["planned"] == [{"currency": "KGS", "amount": "250000.50"},
                               {"currency": "USD", "amount": "100000.00"}]
    assert item["disbursed"] == [{"currency": "USD", "amount": "100.00"}]
    assert item["version"] == 1


def test_the_issue_body_creates_a_project(world, donor):
    response = world.client("coordinator").post(reverse("project-list"), _body(donor),
                                                 content_type="application/json")
    assert response.status_code == 201, response.json()
    project = Project.objects.get(pk=response.json()["id"])
    assert project.title_ru == ISSUE_BODY["title"]
    assert response.json()["budget"][0]["currency"] == "USD"


def test_an_unknown_currency_is_a_400_naming_the_line(world, donor):
    budget = [{"year": 2024, "amount": "1", "currency": "XXQ", "source": "donor"}]
    response = world.client("coordinator").post(reverse("project-list"),
                                                 _body(donor, budget=budget),
                                                 content_type="application/json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "budget[0].currency"
    assert not Project.objects.exists()


def test_a_partner_creates_for_its_own_organisation_only(world, donor):
    client = world.client("partner")
    response = client.post(reverse("project-list"), _body(donor),
                           content_type="application/json")
    assert response.status_code == 403
    response = client.post(reverse("project-list"), _body(world.home_org),
                           content_type="application/json")
    assert response.status_code == 201


def test_patch_needs_the_version_read_and_a_stale_one_is_409(world, donor):
    project = make_project(world, donor)
    client = world.client("coordinator")
    url = reverse("project-detail", args=[project.pk])
    response = client.patch(url, {"code": "KG-7"}, content_type="application/json")
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "version"
    response = client.patch(url, {"code": "KG-7", "version": 1}, content_type="application/json")
    assert response.status_code == 200 and response.json()["version"] == 2
    response = client.patch(url, {"code": "KG-8", "version": 1}, content_type="application/json")
    assert response.status_code == 409


def test_transition_moves_along_the_table_and_refuses_the_rest(world, donor):
    project = make_project(world, donor)
    client = world.client("coordinator")
    url = reverse("project-transition", args=[project.pk])
    assert client.post(url, {"to": "pipeline"}, content_type="application/json"
                       ).status_code == 409
    response = client.post(url, {"to": "suspended"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "suspended"


def test_disbursements_list_and_add_with_a_warning_beyond_the_budget(world, donor):
    project = make_project(world, donor)
    client = world.client("coordinator")
    url = reverse("project-disbursements", args=[project.pk])
    response = client.post(url, {"date": "2024-05-01", "amount": "150000", "currency": "USD"},
                           content_type="application/json")
    assert response.status_code == 201
    assert response.json()["amount"] == "150000.00" and len(response.json()["warnings"]) == 1
    response = client.post(url, {"date": "2030-05-01", "amount": "1", "currency": "USD"},
                           content_type="application/json")
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "date"
    [row] = client.get(url).json()
    assert set(row) == {"id", "date", "amount", "currency", "funder", "note"}


def test_filters_partner_country_measure_status_and_q(world, donor):
    from tendik.plans.tests.factories import build_plan

    plan, _strategy = build_plan(world, measures_per_objective=1)
    measure = plan.measures.first()
    mine = make_project(world, donor, title_ru="Экономические права женщин",
                        measures=[measure.pk])
    other = make_project(world, donor, status="pipeline",
                         partners=[{"organisation": donor.pk, "role": "donor"}])
    on_line = ProjectFactory(country=world.kg, title_ru="По строке бюджета")
    BudgetLineFactory(project=on_line, measure=measure)
    client = world.client("coordinator")

    def ids(**params):
        response = client.get(reverse("project-list"), params)
        assert response.status_code == 200, response.json()
        return {item["id"] for item in response.json()["results"]}

    assert ids(partner=world.home_org.pk) == {mine.pk}
    assert ids(partner=donor.pk) == {mine.pk, other.pk}
    assert ids(status="pipeline") == {other.pk}
    assert ids(measure=measure.pk) == {mine.pk, on_line.pk}
    assert ids(plan=plan.pk) == {mine.pk, on_line.pk}
    assert ids(q="права женщин") == {mine.pk}  # SQLite folds the case of ASCII only
    assert ids(country="KG") == {mine.pk, other.pk, on_line.pk}
    assert client.get(reverse("project-list"), {"country": "ZZ"}).status_code == 400
    assert client.get(reverse("project-list"), {"partner": world.kz_org.pk}).status_code == 400


def test_the_list_query_count_does_not_grow_with_projects(world, donor,
                                                          django_assert_max_num_queries):
    client = world.client("partner")

    def add(count):
        for _ in range(count):
            project = ProjectFactory(country=world.kg)
            ProjectPartnerFactory(project=project, organisation=world.home_org)
            BudgetLineFactory(project=project)
            BudgetLineFactory(project=project, currency="EUR")

    add(2)
    client.get(reverse("project-list"))  # warm the session and the user's roles
    with django_assert_max_num_queries(16) as few:
        assert len(client.get(reverse("project-list")).json()["results"]) == 2
    add(20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(reverse("project-list")).json()["results"]) == 22


def test_a_project_without_a_title_is_a_400_naming_it(world, donor):
    body = {key: value for key, value in _body(donor).items() if key != "title"}
    response = world.client("coordinator").post(reverse("project-list"), body,
                                                 content_type="application/json")
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["title_ru"]


def test_a_coordinator_of_another_country_gets_404_on_the_country(world, donor):
    response = world.client("coordinator_kz").post(reverse("project-list"), _body(donor),
                                                   content_type="application/json")
    assert response.status_code == 404
    assert response.json()["errors"][0]["field"] == "country"
