
import pytest
from django.urls import reverse
from django.utils import timezone

from .scenario import VALUED_ON, add_projects, build_funding

pytestmark = pytest.mark.django_db
URL = "/api/v1/analytics/funding/"


@pytest.fixture
def scenario(world):
    return build_funding(world)


def _get(world, role="coordinator", **params):
    return world.client(role).get(URL, params)


def test_the_path_is_the_one_the_issue_names():
    assert reverse("funding") == URL


def test_the_figures_have_the_keys_of_the_issue_with_amounts_as_strings(world, scenario):
    response = _get(world, plan=scenario.plan.pk, currency="USD", date=VALUED_ON.isoformat())
    assert response.status_code == 200
    body = response.json()
    assert {"currency", "total", "by_source", "by_partner", "unfunded_measures", "rates",
            "planned", "disbursed", "by_area", "measures", "valued_on"} <= set(body)
    assert body["currency"] == "USD" and body["valued_on"] == "2024-06-28"
    assert set(body["by_source"]) == {"republican", "local", "donor", "not_required"}
    assert body["by_source"]["local"] == "5681.82"  # 500 000 KGS ÷ 88
    assert {"organisation", "name", "amount"} <= set(body["by_partner"][0])
    assert {"id", "code", "title"} == set(body["unfunded_measures"][0])
    assert {"currency", "base", "date", "rate"} == set(body["rates"][0])
    assert body["rates"] == [  # USD payments need no rate in USD
        {"currency": "EUR", "base": "KGS", "date": "2024-06-28", "rate": "95.00000000"},
        {"currency": "USD", "base": "KGS", "date": "2024-06-28", "rate": "88.00000000"}]


def test_without_a_currency_the_plan_countrys_own_is_used(world, scenario):
    assert _get(world, plan=scenario.plan.pk, date="2024-06-28").json()["currency"] == "KGS"


@pytest.mark.parametrize("params,field", [
    ({"currency": "USD"}, "plan"),
    ({"plan": "abc", "currency": "USD"}, "plan"),
    ({"plan": "PLAN", "currency": "RUB"}, "currency"),
    ({"plan": "PLAN", "currency": "XYZ"}, "currency"),
    ({"plan": "PLAN", "currency": "USD", "date": "03.12.2026x"}, "date"),
])
def test_bad_parameters_are_a_400_naming_the_parameter(world, scenario, params, field):
    params = {k: scenario.plan.pk if v == "PLAN" else v for k, v in params.items()}
    response = _get(world, **params)
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == [field]


def test_a_plan_of_another_country_is_a_404(world, scenario):
    response = _get(world, "coordinator_kz", plan=scenario.plan.pk, currency="USD")
    assert response.status_code == 404


def test_a_missing_rate_is_a_409_naming_currency_and_date(world, scenario):
    response = _get(world, plan=scenario.plan.pk, currency="EUR", date="2026-12-03")
    assert response.status_code == 409
    assert response.json()["detail"].endswith("на 03.12.2026")
    assert "EUR" in response.json()["detail"] or "USD" in response.json()["detail"]


def test_the_anonymous_are_refused(world, scenario):
    assert _get(world, "anonymous", plan=scenario.plan.pk).status_code in (401, 403)


def test_the_number_of_queries_does_not_depend_on_the_number_of_projects(
        world, scenario, django_assert_max_num_queries):
    client = world.client("coordinator")
    params = {"plan": scenario.plan.pk, "currency": "EUR", "date": VALUED_ON.isoformat()}
    with django_assert_max_num_queries(16) as few:
        client.get(URL, params)
    add_projects(scenario, 20)
    with django_assert_max_num_queries(16) as many:
        response = client.get(URL, params)
    assert response.status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)
    assert len(response.json()["by_partner"]) > 20


def test_the_date_defaults_to_today(world, scenario):
    from .scenario import rates

    rates(timezone.localdate(), KGS_USD="90", KGS_EUR="99")
    body = _get(world, plan=scenario.plan.pk, currency="KGS").json()
    assert body["valued_on"] == timezone.localdate().isoformat()
