"""The open-data routes, as an anonymous reader: catalogue, indicator files, SDMX structure;
published data only, ETag and Last-Modified, the licence link, 404 and 400 (never 500)."""

import csv
import io

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tendik.opendata.services import open_data_archive_build
from tendik.plans import services as plan_services
from tendik.reporting import services as reporting_services
from tendik.testing.matrix import assert_matrix, expect

from .fixtures_public import public_fixture  # noqa: F401

pytestmark = pytest.mark.django_db
LICENCE_LINK = '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'


def indicator_url(code: str, fmt: str, country: str | None = "KG") -> str:
    url = reverse("opendata:indicator", kwargs={"name": f"{code}.{fmt}"})
    return url + (f"?country={country}" if country else "")


def test_the_catalogue_lists_published_indicators_with_absolute_distributions(client, public):
    response = client.get("/open-data/catalogue.json")
    assert response.status_code == 200 and response["Link"] == LICENCE_LINK
    body = response.json()
    assert body["licence"]["id"] == "CC-BY-4.0" and body["issued"] and body["modified"]
    assert [d["code"] for d in body["dataset"]] == ["П-1", "ФН-1"]
    dataset = body["dataset"][1]
    assert dataset["title"] == "Обратившиеся за помощью" and dataset["country"] == "KG"
    assert [d["format"] for d in dataset["distributions"]] == ["CSV", "JSON", "XLSX", "SDMX-ML"]
    url = dataset["distributions"][0]["url"]
    assert url.startswith("http://testserver/open-data/indicators/")
    assert client.get(url).status_code == 200


def test_the_catalogue_speaks_the_readers_language_and_filters_by_country(client, public):
    body = client.get("/open-data/catalogue.json?country=KG&lang=en").json()
    assert body["dataset"][1]["title"] == "People who sought help"
    assert client.get("/open-data/catalogue.json?country=KZ").json()["dataset"] == []
    assert client.get("/open-data/catalogue.json?country=ZZ").status_code == 400
    assert client.get("/open-data/catalogue.json?country=UZ").status_code == 404


def test_the_catalogue_takes_the_same_queries_for_more_indicators(client, world, public):
    def queries() -> int:
        cache.clear()  # the answer is kept under the data's fingerprint
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/open-data/catalogue.json").status_code == 200
        return len(captured)

    before = queries()
    for code in ("П-2", "П-3"):
        indicator = plan_services.indicator_create(actor=None, country=world.kg, code=code,
                                                   name_ru=code, unit="percent")
        public.periods[2022].reports.get(organisation=world.home_org).observations.create(
            indicator=indicator, value=1)
    assert queries() == before


def test_an_indicator_file_is_its_open_sdg_csv_with_dots_or_dashes(client, public):
    response = client.get(indicator_url("ФН-1", "csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Link"] == LICENCE_LINK
    assert response.content == b"Year,SEX,Value\n2022,,12\n2023,,20\n2023,F,14\n2023,M,6\n"
    assert client.get(indicator_url("ФН-1", "csv", None)).content == response.content


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx", "xml"])
def test_every_format_is_served_and_revalidated_with_a_304(client, public, fmt):
    response = client.get(indicator_url("П-1", fmt))
    assert response.status_code == 200 and response["ETag"] and response["Last-Modified"]
    assert "public" in response["Cache-Control"]
    again = client.get(indicator_url("П-1", fmt), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_a_second_answer_comes_from_the_cache_in_a_few_small_queries(client, public):
    client.get(indicator_url("П-1", "xlsx"))
    with CaptureQueriesContext(connection) as captured:
        assert client.get(indicator_url("П-1", "xlsx")).status_code == 200
    # country, indicator, is it public (2), fingerprint (2), last change (2), its file name
    assert len(captured) <= 9


def test_a_publication_or_withdrawal_changes_the_etag(client, world, public):
    first = client.get(indicator_url("П-1", "csv"))
    reporting_services.period_withdraw(actor=world.users["coordinator"],
                                       period=public.periods[2023])
    second = client.get(indicator_url("П-1", "csv"), HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200 and second.content == b"Year,Value\n2022,24.5\n"


def test_unpublished_unknown_and_bad_requests_are_404_and_400(client, world, public, kz):
    assert client.get(indicator_url("Н-1", "csv")).status_code == 404
    assert client.get(indicator_url("НЕТ", "json")).status_code == 404
    assert client.get(indicator_url("П-1", "csv", "KZ")).status_code == 404
    assert client.get(indicator_url("П-1", "csv", "K1")).status_code == 400
    assert client.get("/open-data/indicators/П-1.pdf?country=KG").status_code == 404
    assert client.get("/open-data/indicators/П-1?country=KG").status_code == 404
    assert client.get("/open-data/indicators/.csv?country=KG").status_code == 404
    assert client.post(indicator_url("П-1", "csv")).status_code == 405
    assert client.get("/open-data/structure.xml").status_code == 400
    assert client.get("/open-data/indicators/%00.csv?country=KG").status_code == 404
    assert client.get("/open-data/structure.xml?country=KG&indicator=%00").status_code == 400
    assert client.get(f"/open-data/indicators/{'9' * 300}.csv").status_code == 404


def test_head_answers_like_get_without_a_body(client, public):
    response = client.head(indicator_url("П-1", "json"))
    assert response.status_code == 200 and response.content == b"" and response["ETag"]


def test_a_code_published_in_two_countries_needs_the_country(client, kz_imported, kg_imported):
    response = client.get("/open-data/indicators/5-5-2.csv")
    assert response.status_code == 400
    assert "KG, KZ" in response.json()["detail"]
    csv_kz = client.get("/open-data/indicators/5-5-2.csv?country=KZ")
    assert csv_kz.status_code == 200
    assert next(csv.reader(io.StringIO(csv_kz.content.decode())))[0] == "Year"


def test_the_sdmx_structure_is_served_for_a_country_or_one_indicator(client, public):
    whole = client.get("/open-data/structure.xml?country=KG")
    assert whole.status_code == 200 and b"DSD_KG_" in whole.content
    one = client.get("/open-data/structure.xml?country=KG&indicator=П-1")
    assert one.status_code == 200 and one.content.count(b"<str:DataStructure ") == 1


def test_every_open_data_route_answers_every_role_alike_and_refuses_writes(world, public):
    """Open data is the same for everybody, signed in or not: only the public scope."""
    urls = ["/open-data/catalogue.json", indicator_url("П-1", "csv"),
            "/open-data/structure.xml?country=KG", "/open-data/all.zip?country=KG"]
    open_data_archive_build(country=world.kg)
    for url in urls:
        assert_matrix(world, "GET", url, expect(200))
        assert_matrix(world, "POST", url, expect(405))
    # What a coordinator may see inside (the open 2024 period) stays out for them too.
    assert_matrix(world, "GET", indicator_url("Н-1", "csv"), expect(404))
