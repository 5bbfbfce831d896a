"""The portal's pages: what they show, in which language, how they are cached, and their size."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

from tendik.reporting import services

from .conftest import PUBLISHED_TITLE

pytestmark = pytest.mark.django_db
LIMIT = 200 * 1024  # a page with the CSS and JavaScript it loads, on a rural connection


def pages_of(public) -> dict[str, str]:
    return {"root": "/", "home": "/portal/", "plan": f"/portal/plans/{public['plan'].pk}/",
            "indicator": f"/portal/indicators/{public['indicator'].pk}/",
            "violence": f"/portal/indicators/{public['violence'].pk}/",
            "open-data": "/portal/open-data/"}


def test_the_anonymous_visitor_gets_the_portal_at_the_root_not_a_login(public, client):
    response = client.get("/")
    assert response.status_code == 200
    assert "portal/home.html" in [t.name for t in response.templates]
    assert PUBLISHED_TITLE in response.content.decode()


def test_a_signed_in_user_gets_their_home_at_the_root_and_the_portal_at_portal(public, world):
    client = world.client("coordinator")
    assert "analytics/home.html" in [t.name for t in client.get("/").templates]
    response = client.get("/portal/")
    assert response.status_code == 200
    assert "portal/home.html" in [t.name for t in response.templates]


def test_the_home_shows_plans_progress_reach_indicators_and_downloads(public, client):
    html = client.get("/portal/").content.decode()
    assert PUBLISHED_TITLE in html
    assert "Мероприятий: 8, выполнено: 1." in html
    assert "<svg" in html and 'role="img"' in html
    assert "из них женщин — 61, мужчин — 7" in html
    assert f"/portal/indicators/{public['indicator'].pk}/" in html
    assert "/open-data/catalogue.json" in html and "/portal/open-data/" in html


def test_the_plan_page_shows_structure_statuses_periods_and_indicators(public, client):
    html = client.get(f"/portal/plans/{public['plan'].pk}/").content.decode()
    assert "Мероприятие 1.1.1" in html and "выполнено" in html
    assert "Направление 2" in html and "Задача 2.2" in html
    assert "01.01.2022–31.12.2022" in html
    assert "31.12.2023" not in html.split("periods-heading")[1].split("</section>")[0]
    assert f"/portal/indicators/{public['violence'].pk}/" in html


def test_the_indicator_page_shows_chart_table_status_downloads_and_licence(public, client):
    html = client.get(f"/portal/indicators/{public['indicator'].pk}/").content.decode()
    assert "<svg" in html
    assert re.search(r"<th scope=\"row\">2022</th><td>24</td>", html)
    assert "Методика Open SDG" in html
    for fmt in ("csv", "json", "xlsx", "xml"):
        assert f"/open-data/indicators/%D0%98-1.1.{fmt}?country=KG" in html
    assert "CC-BY-4.0" in html and "creativecommons.org/licenses/by/4.0/" in html


def test_a_small_cell_is_shown_as_less_than_5_and_never_written_or_drawn(public, client):
    html = client.get(f"/portal/indicators/{public['violence'].pk}/").content.decode()
    assert "<td>&lt;5</td>" in html
    assert "<td>43</td>" in html  # the total is no small cell
    assert not re.search(r">\s*3(\s|&nbsp;|\u00a0|<)", html), "the value 3 is written somewhere"
    # 43 − 40 would give the 3 away: the men's 40 is suppressed too, as in the downloads.
    assert "<td>40</td>" not in html and ">40<" not in html
    assert "Гендерный разрыв" not in html


def test_every_page_answers_with_an_etag_and_a_304_when_unchanged(public, client):
    for name, path in pages_of(public).items():
        response = client.get(path)
        assert response.status_code == 200, name
        assert response["Cache-Control"] == "public, max-age=300", name
        again = client.get(path, HTTP_IF_NONE_MATCH=response["ETag"])
        assert again.status_code == 304, name
        assert again["Cache-Control"] == "public, max-age=300", name


def test_the_etag_changes_with_a_publication_and_with_the_language(public, world, client):
    path = f"/portal/plans/{public['plan'].pk}/"
    before = client.get(path)["ETag"]
    assert client.get(path + "?lang=en")["ETag"] != before
    services.period_publish(actor=world.users["coordinator"], period=public["p23"])
    after = client.get(path, HTTP_IF_NONE_MATCH=before)
    assert after.status_code == 200
    assert after["ETag"] != before


def test_a_signed_in_readers_copy_is_private(public, world):
    response = world.client("observer").get("/portal/")
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]


def test_every_page_with_its_css_and_javascript_stays_under_200_kb(public, client):
    for name, path in pages_of(public).items():
        html = client.get(path).content
        assets = re.findall(rb'(?:href|src)="/static/([^"]+\.(?:css|js))"', html)
        size = len(html) + sum(Path(finders.find(a.decode())).stat().st_size for a in assets)
        assert size < LIMIT, f"{name}: {size} bytes"


def test_pages_read_in_the_readers_language_with_a_visible_fallback(public, client):
    english = client.get(f"/portal/plans/{public['plan'].pk}/?lang=en").content.decode()
    assert "NAP 2022–2024" in english
    assert "Published periods" in english or "Опубликованные периоды" in english
    kyrgyz = client.get(f"/portal/plans/{public['plan'].pk}/?lang=ky").content.decode()
    assert 'lang="ky"' in kyrgyz
    assert 'class="badge fallback"' in kyrgyz  # measure titles exist in Russian only


def test_the_language_links_set_the_cookie_and_return_to_the_page(public, client):
    response = client.get("/portal/language/", {"language": "ky", "next": "/portal/open-data/"})
    assert response.status_code == 302 and response["Location"] == "/portal/open-data/"
    assert response.cookies["django_language"].value == "ky"
    assert 'lang="ky"' in client.get("/portal/").content.decode()


def test_the_language_links_go_nowhere_else_and_ignore_unknown_languages(client):
    response = client.get("/portal/language/", {"language": "xx", "next": "https://evil.example/"})
    assert response["Location"] == "/"
    assert "django_language" not in response.cookies


def test_the_open_data_page_lists_published_indicators_with_files_and_licence(public, client):
    html = client.get("/portal/open-data/").content.decode()
    assert "CC-BY-4.0" in html and 'rel="license noopener"' in html
    assert "И-1.1" in html and "ВН-1" in html
    assert "/open-data/catalogue.json" in html


def test_the_licence_is_configurable(public, client, settings):
    settings.TENDIK_OPEN_DATA_LICENCE = {"name": "ODbL-1.0",
                                         "url": "https://opendatacommons.org/licenses/odbl/"}
    assert "ODbL-1.0" in client.get("/portal/open-data/").content.decode()


def test_nothing_published_yet_is_an_empty_portal_not_an_error(world, client):
    response = client.get("/")
    assert response.status_code == 200
    assert "Пока ничего не опубликовано" in response.content.decode()


def test_page_data_is_computed_once_per_change_of_the_public_data(public, client):
    from tendik.portal.pages import STATS

    path = f"/portal/indicators/{public['indicator'].pk}/"
    client.get(path)
    misses = STATS["misses"]
    hits = STATS["hits"]
    client.get(path)
    assert (STATS["misses"], STATS["hits"]) == (misses, hits + 1)


def test_the_indicator_page_draws_the_breakdown_asked_for_and_lists_the_others(public, client):
    path = f"/portal/indicators/{public['indicator'].pk}/"
    Dimension = public["indicator"].dimensions.model
    public["indicator"].dimensions.set(Dimension.objects.filter(code__in=["sex", "age_group"]))
    html = client.get(path + "?breakdown=age_group").content.decode()
    assert 'href="?breakdown=sex#breakdown-chart"' in html
    assert 'aria-current="true">' in html
    assert client.get(path + "?breakdown=nonsense").status_code == 200


def test_a_country_with_official_statistics_only_lists_its_indicators(public, world, client):
    from decimal import Decimal

    from django.utils import timezone

    from tendik.opendata.models import SourceFile, StatValue
    from tendik.plans.models import Indicator

    indicator = Indicator.objects.create(country=world.kz, code="5.5.2",
                                         name_ru="Доля женщин на руководящих должностях")
    source = SourceFile.objects.create(country=world.kz, name="indicator_5-5-2.csv",
                                       sha256="0" * 64, format="opensdg_csv",
                                       imported_at=timezone.now())
    StatValue.objects.create(indicator=indicator, year=2020, value=Decimal("41.5"), text="41.5",
                             source=source)
    home = client.get("/portal/?country=KZ").content.decode()
    assert f"/portal/indicators/{indicator.pk}/" in home
    page = client.get(f"/portal/indicators/{indicator.pk}/").content.decode()
    assert "41,5" in page and "официальная статистика" in page
