"""The activities list, page and API: one FilterSet, each role's scope (a partner reads what it is
named in once the report is submitted), totals of the filtered set and a constant query count."""

import datetime
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from tendik.plans import services as plan_services
from tendik.reporting import services
from tendik.reporting.models import ActivityKind, Audience
from tendik.reporting.serializers import ActivityItemSerializer
from tendik.territories.models import Territory
from tendik.testing.factories import OrganisationFactory, TerritoryFactory, user_with_role
from tendik.testing.filters import assert_same_rows
from tendik.testing.matrix import assert_matrix, expect

from .factories import fill_report, open_period

pytestmark = pytest.mark.django_db
API_ANON = {401, 403}
LOGIN = 302
LIST = reverse("activity-list")
PAGE = reverse("reporting:activities")


def _save(report, *rows) -> None:
    report.refresh_from_db()
    base = {"kind": "training", "start": "2023-03-01", "end": "2023-03-01"}
    services.activities_save(actor=None, report=report, version=report.activities_version,
                             activities=[{**base, **row} for row in rows])


def _act(report, *actions) -> None:
    for action in actions:
        comments = [{"text": "Уточните охват"}] if action == "return" else None
        services.report_act(actor=None, report=report, action=action, comments=comments)


@pytest.fixture
def acts(world):
    """Two reports of a 2023 period (home organisation's, another organisation's, both drafts)
    and a 2022 report; a partner organisation named in one activity of each 2023 report."""
    plan, period, home, _, other_focal = open_period(world)
    other = period.reports.get(organisation=world.other_kg_org)
    region = Territory.objects.get(code="KG08000000000")
    district = TerritoryFactory(parent=region, level="district", code="KG08201000000",
                                name_ru="Кара-Балтинский район", name_en="Kara-Balta district")
    unwomen = OrganisationFactory(country=world.kg, kind="international", name_ru="ООН-Женщины")
    m1, m2 = plan.measures.order_by("code")[:2]
    _save(home,
          {"title": "Тренинг в районе", "territory": district.pk, "audiences": "civil_servants,lsg_staff",
           "participants_women": 10, "participants_men": 5, "participants_total": 20,
           "measures": [m1.pk], "start": "2023-03-01", "end": "2023-03-02"},
          {"title": "Кампания в школах", "kind": "campaign", "territory": region.pk,
           "audiences": "pupils", "participants_women": 30, "participants_men": 20,
           "participants_total": 50, "partners": [unwomen.pk], "start": "2023-06-10",
           "end": "2023-06-10"})
    _save(other,
          {"title": "Диалог с партнёром", "kind": "public_dialogue", "audiences": "religious_leaders",
           "participants_women": 7, "participants_men": 3, "participants_total": 12,
           "organisers": [world.other_kg_org.pk], "partners": [unwomen.pk], "measures": [m2.pk],
           "start": "2023-09-01", "end": "2023-09-03"},
          {"title": "Совещание без партнёра", "kind": "meeting", "audiences": "women",
           "participants_women": 1, "participants_men": 1, "participants_total": 2,
           "organisers": [world.other_kg_org.pk], "start": "2023-11-20", "end": "2023-11-20"})
    earlier = services.period_create(actor=None, plan=plan, kind="year",
                                     start=datetime.date(2022, 1, 1),
                                     end=datetime.date(2022, 12, 31),
                                     due_date=datetime.date(2023, 1, 31))
    services.period_transition(actor=None, period=earlier, to="open")
    _save(earlier.reports.get(organisation=world.home_org),
          {"title": "Конференция 2022", "kind": "conference", "start": "2022-05-05",
           "end": "2022-05-05", "participants_total": 100})
    return SimpleNamespace(
        world=world, plan=plan, period=period, earlier=earlier, home=home, other=other,
        region=region, district=district, unwomen=unwomen, m1=m1, m2=m2,
        other_focal=other_focal,
        partner=user_with_role("partner", username="unwomen", organisation=unwomen))


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _titles(client, **params) -> list[str]:
    response = client.get(LIST, params)
    assert response.status_code == 200, response.content[:300]
    return sorted(item["title"] for item in response.json()["results"])


ALL = ["Диалог с партнёром", "Кампания в школах", "Конференция 2022", "Совещание без партнёра",
       "Тренинг в районе"]


# Scope, role by role

def test_a_partner_reads_an_activity_it_is_named_in_only_while_the_report_is_not_being_written(
        acts):
    partner = _client(acts.partner)
    named = acts.other.activities.get(title="Диалог с партнёром")
    assert _titles(partner) == []  # both reports naming it are drafts
    assert partner.get(reverse("activity-detail", args=[named.pk])).status_code == 404
    fill_report(acts.other, None)
    _act(acts.other, "submit")
    assert _titles(partner) == ["Диалог с партнёром"]
    assert partner.get(reverse("activity-detail", args=[named.pk])).status_code == 200
    _act(acts.other, "return")
    assert _titles(partner) == []
    _act(acts.other, "resubmit")
    assert _titles(partner) == ["Диалог с партнёром"]
    _act(acts.other, "accept")
    assert _titles(partner) == ["Диалог с партнёром"]
    unnamed = acts.other.activities.get(title="Совещание без партнёра")
    assert partner.get(reverse("activity-detail", args=[unnamed.pk])).status_code == 404


def test_a_partner_reads_every_activity_of_its_own_organisations_reports_even_drafts(acts):
    fill_report(acts.other, None)
    _act(acts.other, "submit")
    assert _titles(acts.world.client("partner")) == [
        "Кампания в школах", "Конференция 2022", "Тренинг в районе"]


def test_an_observer_reads_only_activities_of_accepted_reports(acts):
    observer = acts.world.client("observer")
    assert _titles(observer) == []
    fill_report(acts.other, None)
    _act(acts.other, "submit")
    assert _titles(observer) == []
    _act(acts.other, "accept")
    assert _titles(observer) == ["Диалог с партнёром", "Совещание без партнёра"]


def test_coordinators_read_their_country_and_focal_points_their_organisation(acts):
    assert _titles(acts.world.client("coordinator")) == ALL
    assert _titles(_client(acts.other_focal)) == ["Диалог с партнёром", "Совещание без партнёра"]
    kz = acts.world.client("coordinator_kz")
    assert _titles(kz) == []
    activity = acts.home.activities.first()
    assert kz.get(reverse("activity-detail", args=[activity.pk])).status_code == 404
    page = kz.get(PAGE)
    assert page.status_code == 200 and "Тренинг в районе" not in page.content.decode()


def test_each_route_answers_each_role(acts):
    world = acts.world
    other_draft = acts.other.activities.first()
    assert_matrix(world, "get", LIST, expect(200, anonymous=API_ANON))
    assert_matrix(world, "post", LIST, expect(405, anonymous=API_ANON))
    assert_matrix(world, "get", reverse("activity-detail", args=[other_draft.pk]),
                  expect(404, anonymous=API_ANON, admin=200, coordinator=200))
    assert_matrix(world, "get", PAGE, expect(200, anonymous=LOGIN))
    assert_matrix(world, "post", PAGE, expect(200, anonymous=LOGIN))


# The document

def test_an_item_has_the_documented_fields_and_names_in_the_readers_language(acts):
    client = acts.world.client("coordinator")
    activity = acts.home.activities.get(title="Тренинг в районе")
    item = client.get(reverse("activity-detail", args=[activity.pk]), {"lang": "en"}).json()
    assert set(item) == set(ActivityItemSerializer().fields)
    assert item["territory"] == {"id": acts.district.pk, "code": "KG08201000000",
                                 "name": "Kara-Balta district"}
    assert item["participants"] == {"women": 10, "men": 5, "not_recorded": 5, "total": 20}
    assert [a["code"] for a in item["audiences"]] == ["civil_servants", "lsg_staff"]
    with translation.override("en"):
        assert item["audiences"][0]["label"] == str(Audience.CIVIL_SERVANTS.label)
        assert item["kind_label"] == str(ActivityKind.TRAINING.label)
    assert item["measures"] == [{"id": acts.m1.pk, "code": acts.m1.code}]
    assert item["report"]["id"] == acts.home.pk and item["report"]["state"] == "draft"
    assert item["report"]["organisation"] == acts.world.home_org.pk
    assert item["kind"] == "training"


def test_the_list_is_paginated_like_the_other_lists(acts):
    body = acts.world.client("coordinator").get(LIST).json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 5 and body["results"][0]["title"] == "Совещание без партнёра"


def test_the_schema_types_the_list_its_filters_and_the_404():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    components = schema["components"]["schemas"]
    listing = schema["paths"]["/api/v1/activities/"]["get"]
    types = {p["name"]: p["schema"]["type"] for p in listing["parameters"]}
    assert types == {"plan": "integer", "period": "integer", "territory": "string",
                     "kind": "string", "audience": "string", "organisation": "integer",
                     "partner": "integer", "measure": "integer", "date_from": "string",
                     "date_to": "string", "q": "string", "page": "integer"}
    assert set(listing["responses"]) == {"200", "400"}
    page = components[listing["responses"]["200"]["content"]["application/json"]["schema"][
        "$ref"].rsplit("/", 1)[-1]]
    assert page["properties"]["results"]["items"]["$ref"].endswith("/ActivityItem")
    item = components["ActivityItem"]["properties"]
    assert item["participants"]["$ref"].endswith("/Participants")
    assert set(components["Participants"]["properties"]) == {"women", "men", "not_recorded",
                                                             "total"}
    detail = schema["paths"]["/api/v1/activities/{id}/"]["get"]["responses"]
    assert set(detail) == {"200", "404"}


# Filters: each one, through the API and the page alike

def _filtered(acts, **params) -> list[str]:
    """The titles the API finds, after checking that the page finds the same rows."""
    client = acts.world.client("coordinator")
    assert_same_rows(client, page=PAGE, api=LIST, link=r'data-activity="(\d+)"', params=params)
    return _titles(client, **params)


def test_plan_and_period_filters(acts):
    draft_plan = plan_services.plan_create(
        actor=None, kind="nap", country=acts.world.kg, strategy=acts.plan.strategy,
        title_ru="НПД 2025–2027", period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2027, 12, 31))
    assert _filtered(acts, plan=acts.plan.pk) == ALL
    assert _filtered(acts, plan=draft_plan.pk) == []
    assert _filtered(acts, period=acts.earlier.pk) == ["Конференция 2022"]
    assert len(_filtered(acts, period=acts.period.pk)) == 4


def test_a_region_finds_its_districts_activities_and_a_district_only_its_own(acts):
    assert _filtered(acts, territory=acts.region.code) == ["Кампания в школах", "Тренинг в районе"]
    assert _filtered(acts, territory=acts.district.code) == ["Тренинг в районе"]


def test_kind_audience_and_title_filters(acts):
    assert _filtered(acts, kind="meeting") == ["Совещание без партнёра"]
    assert _filtered(acts, audience="lsg_staff") == ["Тренинг в районе"]
    assert _filtered(acts, audience="women") == ["Совещание без партнёра"]
    assert _filtered(acts, audience="teachers") == []
    assert _filtered(acts, q="кампания") == ["Кампания в школах"]


def test_partner_measure_and_organisation_filters(acts):
    unwomen, other_org = acts.unwomen.pk, acts.world.other_kg_org.pk
    assert _filtered(acts, partner=unwomen) == ["Диалог с партнёром", "Кампания в школах"]
    assert _filtered(acts, measure=acts.m2.pk) == ["Диалог с партнёром"]
    # The reporting organisation, an organiser or a partner; each activity once.
    assert _filtered(acts, organisation=unwomen) == ["Диалог с партнёром", "Кампания в школах"]
    assert _filtered(acts, organisation=other_org) == ["Диалог с партнёром",
                                                      "Совещание без партнёра"]
    assert len(_filtered(acts, organisation=acts.world.home_org.pk)) == 3


def test_dates_find_activities_held_at_least_partly_in_the_range(acts):
    assert _filtered(acts, date_from="2023-09-02", date_to="2023-09-30") == ["Диалог с партнёром"]
    assert _filtered(acts, date_to="2022-12-31") == ["Конференция 2022"]
    assert _filtered(acts, date_from="2023-11-01") == ["Совещание без партнёра"]


@pytest.mark.parametrize(("params", "field"), [
    ({"plan": "999999"}, "plan"),
    ({"plan": "abc"}, "plan"),
    ({"period": "999999"}, "period"),
    ({"territory": "NOPE"}, "territory"),
    ({"kind": "party"}, "kind"),
    ({"audience": "everyone"}, "audience"),
    ({"organisation": "999999"}, "organisation"),
    ({"partner": "x"}, "partner"),
    ({"measure": "999999"}, "measure"),
    ({"date_from": "2023-13-01"}, "date_from"),
    ({"date_from": "2023-12-01", "date_to": "2023-01-01"}, "date_to"),
    ({"plan": "1\x00"}, "plan"),
])
def test_a_bad_filter_value_is_a_400_naming_the_field_and_shown_on_the_page(acts, params, field):
    client = acts.world.client("coordinator")
    response = client.get(LIST, params)
    assert response.status_code == 400, response.content[:300]
    body = response.json()
    assert body["detail"] and [e["field"] for e in body["errors"]] == [field]
    page = client.get(PAGE, params)  # a NUL byte is refused (400) before any view
    assert page.status_code == 400 if any("\x00" in v for v in params.values()) else (
        page.status_code == 200 and 'class="errorlist"' in page.content.decode())


@pytest.mark.parametrize("name", ["plan", "period", "territory", "measure", "organisation",
                                  "partner"])
def test_an_id_outside_the_callers_country_is_refused_like_an_unknown_one(acts, name):
    values = {"plan": acts.plan.pk, "period": acts.period.pk, "territory": acts.district.code,
              "measure": acts.m1.pk, "organisation": acts.world.home_org.pk,
              "partner": acts.unwomen.pk}
    response = acts.world.client("coordinator_kz").get(LIST, {name: values[name]})
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == [name]


# The page

def test_the_page_filters_with_the_same_filterset_and_totals_the_filtered_set(acts):
    html = acts.world.client("coordinator").get(PAGE, {"period": acts.period.pk}).content.decode()
    for title in ALL:
        assert (title in html) == (title != "Конференция 2022")
    totals = {name: int(html.split(f'data-total="{name}">')[1].split("<")[0])
              for name in ("count", "women", "men", "not_recorded", "total")}
    assert totals == {"count": 4, "women": 48, "men": 29, "not_recorded": 7, "total": 84}
    only = acts.world.client("coordinator").get(PAGE, {"kind": "campaign"}).content.decode()
    assert "Кампания в школах" in only and "Тренинг в районе" not in only
    assert 'data-total="count">1<' in only


def test_a_bad_filter_on_the_page_is_ignored_and_shown_beside_its_field(acts):
    response = acts.world.client("coordinator").get(PAGE, {"kind": "party", "plan": "abc"})
    html = response.content.decode()
    assert response.status_code == 200 and 'role="alert"' in html
    assert 'data-total="count">5<' in html


def test_rows_link_to_reports_the_reader_may_open_only(acts):
    fill_report(acts.other, None)
    _act(acts.other, "submit")
    html = _client(acts.partner).get(PAGE).content.decode()
    assert "Диалог с партнёром" in html
    assert reverse("reporting:report", args=[acts.other.pk]) not in html
    own = acts.world.client("partner").get(PAGE).content.decode()
    assert reverse("reporting:report", args=[acts.home.pk]) in own


def test_an_empty_list_says_so_honestly(acts):
    html = _client(acts.partner).get(PAGE).content.decode()
    assert 'id="activities-empty"' in html and 'id="activities"' not in html
    filtered = acts.world.client("coordinator").get(PAGE, {"kind": "other"}).content.decode()
    assert "По выбранным фильтрам мероприятий нет." in filtered


def test_htmx_gets_only_the_results(acts):
    response = acts.world.client("coordinator").get(PAGE, {"kind": "meeting"},
                                                    headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html and "Совещание без партнёра" in html


# Queries do not grow with the page

def _many(acts, count: int) -> None:
    rows = [{"title": f"Семинар {n}", "territory": acts.district.pk, "audiences": "pupils",
             "participants_total": 3, "organisers": [acts.world.home_org.pk],
             "partners": [acts.unwomen.pk, acts.world.other_kg_org.pk],
             "measures": [acts.m1.pk, acts.m2.pk]} for n in range(count)]
    _save(acts.home, *rows)


@pytest.mark.parametrize("url", [LIST, PAGE])
def test_the_number_of_queries_is_the_same_for_5_and_25_activities(acts, url):
    client = acts.world.client("coordinator")
    counts = []
    for count in (5, 25):
        _many(acts, count)
        client.get(url)  # session and caches warmed
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, {"period": acts.period.pk})
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    if url == LIST:
        assert response.json()["count"] == 27
