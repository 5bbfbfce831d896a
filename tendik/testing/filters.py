"""Helpers for the filter tests: the same parameters give the same rows on the page and the API."""

import re

from django.test import Client


def api_ids(client: Client, url: str, params: dict) -> set[int]:
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def html_ids(client: Client, url: str, params: dict, link: str) -> set[int]:
    """Ids of the rows a page links to; `link` is a regex with one group, e.g. r'/people/(\\d+)/'."""
    response = client.get(url, params)
    assert response.status_code == 200
    return {int(found) for found in re.findall(link, response.content.decode())}


def assert_same_rows(client: Client, *, page: str, api: str, link: str, params: dict) -> set[int]:
    rows = api_ids(client, api, params)
    assert html_ids(client, page, params, link) == rows, params
    return rows


def assert_refused_by_api_and_shown_on_page(client: Client, *, page: str, api: str,
                                            params: dict) -> None:
    """A bad value: 400 naming the field in the API; on the page, the error beside the field."""
    response = client.get(api, params)
    assert response.status_code == 400, (params, response.status_code)
    assert {error["field"] for error in response.json()["errors"]} == set(params)
    page_response = client.get(page, params)
    if page_response.status_code == 400:  # a NUL byte: the middleware refuses it before any view
        assert any("\x00" in str(value) for value in params.values())
        return
    assert page_response.status_code == 200
    assert 'class="errorlist"' in page_response.content.decode()
