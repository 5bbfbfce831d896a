"""Nothing unpublished on any public route: every route the portal serves (and the open-data
downloads, where they exist) is crawled as the anonymous visitor, in two languages, and no
marker of a draft, a report under review, a returned report, an unpublished period, a plan in
consultation or a person's name may appear. Publishing shows the accepted data; withdrawing
takes it off again."""

import io
import zipfile

import pytest
from django.urls import Resolver404, resolve

from tendik.analytics.charts import format_number
from tendik.core.i18n import CONTENT_LANGUAGES
from tendik.plans.models import Indicator
from tendik.reporting import services
from tendik.testing.matrix import assert_matrix, expect

from .conftest import (
    MARK_CONSULTATION,
    MARK_DRAFT,
    MARK_EMAIL,
    MARK_PERSON,
    MARK_PHONE,
    MARK_RETURNED,
    MARK_SUBMITTED,
    MARK_UNPUBLISHED,
    PUBLISHED_TITLE,
    SECRET_NUMBERS,
)

pytestmark = pytest.mark.django_db
DOWNLOADS = ("csv", "json", "xlsx", "xml")
PUBLISHED_REACH = "из них женщин — 61, мужчин — 7"


def portal_routes(public) -> list[str]:
    plans = [public["plan"].pk, public["consultation"].pk]
    indicators = Indicator.objects.values_list("pk", flat=True)
    return ["/", "/portal/", "/portal/?country=KG", "/portal/open-data/",
            *(f"/portal/plans/{pk}/" for pk in plans),
            *(f"/portal/indicators/{pk}/" for pk in indicators)]


def open_data_routes() -> list[str]:
    """The open-data app's downloads, once it serves them."""
    routes = ["/open-data/catalogue.json"] + [
        f"/open-data/indicators/{code}.{fmt}?country=KG"
        for code in Indicator.objects.values_list("code", flat=True) for fmt in DOWNLOADS]
    served = []
    for route in routes:
        try:
            resolve(route.split("?")[0])
        except Resolver404:
            continue
        served.append(route)
    return served


def text_of(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if body[:2] == b"PK":  # XLSX: every part of the workbook
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return "".join(archive.read(name).decode("utf-8", "replace")
                           for name in archive.namelist())
    return body.decode("utf-8", "replace")


def secret_forms() -> list[str]:
    forms = [MARK_RETURNED, MARK_UNPUBLISHED, MARK_SUBMITTED, MARK_DRAFT, MARK_CONSULTATION,
             MARK_PERSON, MARK_EMAIL, MARK_PHONE, "Айнура"]
    for number in SECRET_NUMBERS:
        forms += [str(number), format_number(float(number)), f"{number:,}"]
    return forms


def crawl(client, routes: list[str]) -> dict[str, str]:
    """Every route in every language: {"GET route [lang]": body}; never a 500."""
    pages = {}
    for route in routes:
        for language in CONTENT_LANGUAGES:
            joiner = "&" if "?" in route else "?"
            response = client.get(f"{route}{joiner}lang={language}")
            assert response.status_code in (200, 404), (route, response.status_code)
            pages[f"{route} [{language}]"] = text_of(response)
    return pages


def leaks(pages: dict[str, str], forms: list[str]) -> list[str]:
    return [f"{form!r} on {where}" for where, body in pages.items() for form in forms
            if form in body]


def test_no_unpublished_marker_reaches_any_public_route(public, client):
    downloads = open_data_routes()
    assert len(downloads) == 1 + Indicator.objects.count() * len(DOWNLOADS)  # all are served
    pages = crawl(client, portal_routes(public) + downloads)
    assert not leaks(pages, secret_forms())
    # The crawl did see published data: the test would pass on empty pages otherwise.
    assert any(PUBLISHED_TITLE in body for body in pages.values())
    assert any(PUBLISHED_REACH in body for body in pages.values())


def test_publishing_shows_accepted_values_and_withdrawing_takes_them_off(public, world, client):
    actor = world.users["coordinator"]
    routes = portal_routes(public) + open_data_routes()
    unpublished_reach = format_number(float(SECRET_NUMBERS[1]))

    services.period_publish(actor=actor, period=public["p23"])
    pages = crawl(client, routes)
    assert any(unpublished_reach in body for body in pages.values())
    assert not leaks(pages, [MARK_RETURNED, MARK_SUBMITTED, MARK_DRAFT, MARK_CONSULTATION,
                             MARK_PERSON, str(SECRET_NUMBERS[0]), str(SECRET_NUMBERS[2])])

    for period in (public["p22"], public["p23"]):
        services.period_withdraw(actor=actor, period=period)
    pages = crawl(client, routes)
    assert not leaks(pages, [PUBLISHED_TITLE, PUBLISHED_REACH, unpublished_reach])
    assert client.get(f"/portal/plans/{public['plan'].pk}/").status_code == 404
    assert client.get(f"/portal/indicators/{public['indicator'].pk}/").status_code == 404


@pytest.mark.parametrize("route", ["/portal/", "/portal/open-data/", "/portal/language/",
                                   "plan", "indicator"])
def test_every_portal_route_answers_get_to_every_role_and_refuses_post(public, world, route):
    route = {"plan": f"/portal/plans/{public['plan'].pk}/",
             "indicator": f"/portal/indicators/{public['indicator'].pk}/"}.get(route, route)
    get_status = 302 if route.endswith("language/") else 200
    assert_matrix(world, "GET", route, expect(get_status))
    assert_matrix(world, "POST", route, expect(405))
    assert_matrix(world, "PUT", route, expect(405))


def test_the_root_is_the_portal_for_the_anonymous_and_refuses_their_post(public, world):
    assert_matrix(world, "GET", "/", expect(200))
    assert_matrix(world, "POST", "/", {"anonymous": 405})


@pytest.mark.parametrize("route", [
    "/portal/plans/999999/", "/portal/indicators/999999/", "/portal/?country=ZZ",
    "/portal/?country=KZ", "/portal/?country=k%C3%A9", "/portal/plans/consultation/",
    "consultation", "unpublished-indicator"])
def test_unknown_or_unpublished_things_are_404_never_500(public, client, route):
    other = Indicator.objects.create(country=public["plan"].country, code="И-9.9",
                                     name_ru="Без опубликованных значений")
    route = {"consultation": f"/portal/plans/{public['consultation'].pk}/",
             "unpublished-indicator": f"/portal/indicators/{other.pk}/"}.get(route, route)
    assert client.get(route).status_code == 404


def test_a_public_plan_without_a_published_period_is_not_shown(public, world, client):
    services.period_withdraw(actor=world.users["coordinator"], period=public["p22"])
    home = client.get("/portal/").content.decode()
    assert PUBLISHED_TITLE not in home
    assert client.get(f"/portal/plans/{public['plan'].pk}/").status_code == 404


def test_a_nul_in_the_query_is_a_400_like_everywhere(public, client):
    assert client.get("/portal/?country=%00").status_code == 400
