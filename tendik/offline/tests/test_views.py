"""The installable app's endpoints: manifest, worker, the per-user state and the logout."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tendik.reporting import services
from tendik.reporting.tests.factories import fill_report, open_period


def test_the_manifest_describes_an_installable_app_in_the_request_language(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "Теңдик · Tendik" and manifest["lang"] == "ru"
    assert manifest["start_url"] == reverse("reporting:mine") == "/reports/"
    assert manifest["scope"] == "/" and manifest["display"] == "standalone"
    assert manifest["theme_color"] == "#102a43" and manifest["background_color"] == "#f6f7f9"
    sizes = {icon["sizes"]: icon for icon in manifest["icons"]}
    assert {"192x192", "512x512", "any"} <= set(sizes)
    assert sizes["512x512"]["purpose"] == "any maskable"
    for icon in manifest["icons"]:
        assert client.get(icon["src"]).status_code == 200


def test_the_manifest_follows_the_language(client):
    client.cookies["django_language"] = "en"
    manifest = json.loads(client.get("/manifest.webmanifest", HTTP_ACCEPT_LANGUAGE="en").content)
    assert manifest["lang"] == "en"


def test_the_worker_is_served_from_the_root_for_the_whole_site(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    body = response.content.decode()
    assert 'const VERSION = "' in body and "{{" not in body and "{%" not in body
    assert '"/api/"' in body and '"/offline/state.json"' in body and '"/logout/"' in body


def test_the_worker_version_changes_with_its_files(client, settings, monkeypatch):
    from tendik.offline import assets

    first = assets.shell_version()
    monkeypatch.setattr(assets, "SHELL_ASSETS", (*assets.SHELL_ASSETS, "js/other.js"))
    monkeypatch.setattr(assets, "_existing", lambda path: str(assets.WORKER_TEMPLATE))
    settings.DEBUG = True
    assert assets.shell_version() != first


def test_the_offline_page_names_no_one(world):
    response = world.client("focal_point").get(reverse("offline_page"))
    assert response.status_code == 200
    assert "focal_point" not in response.content.decode()
    assert "csrfmiddlewaretoken" not in response.content.decode()


@pytest.fixture
def reports(world):
    """The focal point's open report, an accepted one of an earlier period, and another
    organisation's open report."""
    plan, period, report, _indicator, _other = open_period(world)
    earlier = services.period_create(actor=None, plan=plan, kind="year",
                                     start=datetime.date(2022, 1, 1),
                                     end=datetime.date(2022, 12, 31),
                                     due_date=datetime.date(2023, 1, 31))
    services.period_transition(actor=None, period=earlier, to="open")
    accepted = earlier.reports.get(organisation=world.home_org)
    fill_report(accepted, None)
    services.report_act(actor=None, report=accepted, action="submit")
    services.report_act(actor=None, report=accepted, action="accept")
    return {"open": report, "accepted": accepted,
            "other": period.reports.get(organisation=world.other_kg_org), "plan": plan}


def _state(world, role):
    response = world.client(role).get(reverse("offline_state"))
    return response, json.loads(response.content)


def test_a_focal_point_keeps_only_the_reports_it_may_edit_now(world, reports):
    response, state = _state(world, "focal_point")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store, private"
    assert state["user"] == world.users["focal_point"].pk
    assert state["csrf"] and state["max_age_hours"] == 168
    page = reverse("reporting:report", args=[reports["open"].pk])
    assert state["reports"] == [page]
    assert state["urls"][:3] == ["/reports/", page, "/offline/"]
    for absent in (reports["accepted"], reports["other"]):
        assert reverse("reporting:report", args=[absent.pk]) not in state["urls"]
    assert "/static/css/tendik.css" in state["urls"]
    assert "/static/offline/app.js" in state["urls"]


def test_a_submitted_report_leaves_the_device_at_the_next_sync(world, reports):
    fill_report(reports["open"], None)
    services.report_act(actor=None, report=reports["open"], action="submit")
    _response, state = _state(world, "focal_point")
    assert state["reports"] == []


@pytest.mark.parametrize("role", ["coordinator", "observer", "admin"])
def test_who_does_not_report_keeps_no_report(world, reports, role):
    _response, state = _state(world, role)
    assert state["reports"] == [] and state["urls"][0] == "/reports/"


def test_the_lifetime_comes_from_the_settings(world, settings):
    settings.TENDIK_OFFLINE_MAX_AGE_HOURS = 24
    assert _state(world, "focal_point")[1]["max_age_hours"] == 24


def test_an_anonymous_request_gets_401_not_a_login_page(client):
    response = client.get(reverse("offline_state"))
    assert response.status_code == 401
    assert response["Cache-Control"] == "no-store, private"
    assert json.loads(response.content)["detail"]


def test_the_state_reads_a_constant_number_of_queries(world, reports):
    client = world.client("focal_point")
    url = reverse("offline_state")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for year in (2018, 2019, 2020, 2021):
        period = services.period_create(actor=None, plan=reports["plan"], kind="year",
                                        start=datetime.date(year, 1, 1),
                                        end=datetime.date(year, 12, 31),
                                        due_date=datetime.date(year + 1, 1, 31))
        services.period_transition(actor=None, period=period, to="open")
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(json.loads(response.content)["reports"]) == 5
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_logging_out_clears_the_device(world):
    response = world.client("focal_point").post(reverse("logout"))
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "storage"'


def test_every_page_links_the_manifest_and_the_shell_script(world):
    body = world.client("focal_point").get(reverse("reporting:mine")).content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in body
    assert 'name="theme-color"' in body and 'src="/static/offline/app.js"' in body
    assert f'name="tendik-user" content="{world.users["focal_point"].pk}"' in body
    assert 'id="offline-banner" class="offline-banner" role="status" hidden' in body
    assert 'id="offline-strings"' in body and 'id="offline-cached"' in body
    assert "data-logout" in body


def test_an_anonymous_page_carries_no_user_and_no_offline_words(client):
    body = client.get(reverse("login")).content.decode()
    assert 'name="tendik-user" content=""' in body
    assert 'id="offline-strings"' not in body
