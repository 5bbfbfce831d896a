"""The pages: the list offers the months to fill in, the form keeps everything typed when a save
is refused and shows each error beside its field, and the coordinator reviews."""

import re

import pytest
from django.urls import reverse

from tendik.committees.models import MonthlyStatistics
from tendik.committees.statistics import services
from tendik.committees.tests.factories import MonthlyStatisticsFactory

from .conftest import COUNTS, key, month_back

pytestmark = pytest.mark.django_db


def form_url(committee, month):
    return reverse("fv_statistics:form", kwargs={"kind": "committee", "pk": committee.pk,
                                                 "month": month})


def error_beside(html: str, field: str) -> str:
    """The error list in the same form row as the input of `field` ("" when there is none)."""
    start = html.index(f'name="{field}"')
    ends = [html.find(mark, start) for mark in ('<div class="form-row', "</form>")]
    row = html[start:min(end for end in ends if end != -1)]
    found = re.search(r'<ul class="errorlist".*?</ul>', row, re.S)
    return found.group() if found else ""


def test_the_secretarys_list_offers_the_missing_months_to_fill(world, committee):
    MonthlyStatisticsFactory(committee=committee, month=month_back(1))
    html = world.client("committee").get(reverse("fv_statistics:list")).content.decode()
    assert 'aria-current="page"' in html and "Ежемесячная статистика" in html
    assert form_url(committee, key(month_back(0))) in html
    assert form_url(committee, key(month_back(2))) in html
    assert f'href="{form_url(committee, key(month_back(1)))}"' in html  # the form itself, listed
    assert html.count(form_url(committee, key(month_back(1)))) == 1  # …and not offered again


def test_the_coordinators_list_puts_the_review_queue_first(world, committee, other_committee):
    MonthlyStatisticsFactory(committee=committee, month=month_back(1))
    MonthlyStatisticsFactory(committee=other_committee, month=month_back(5), state="submitted")
    html = world.client("coordinator").get(reverse("fv_statistics:list")).content.decode()
    table = html[html.index("<tbody>"):]
    assert table.index(str(other_committee)) < table.index(str(committee))
    assert "заполнить за" not in html


def test_a_refused_save_keeps_every_value_and_shows_the_error_beside_its_field(
        world, committee, last_month):
    typed = {**COUNTS, "appeals_physical": 13, "comment": "Проведено 2 выезда."}
    response = world.client("committee").post(form_url(committee, last_month), typed)
    assert response.status_code == 400
    html = response.content.decode()
    assert "13" in error_beside(html, "appeals_physical")
    assert error_beside(html, "appeals_total") == ""
    assert 'name="appeals_physical" value="13"' in html
    assert 'name="referrals_police" value="4"' in html and "Проведено 2 выезда." in html
    assert not MonthlyStatistics.objects.exists()


def test_a_comment_with_a_phone_is_refused_beside_the_comment(world, committee, last_month):
    response = world.client("committee").post(form_url(committee, last_month),
                                              {**COUNTS, "comment": "тел. 0 555 12-34-56"})
    assert response.status_code == 400
    assert "похоже на номер телефона" in error_beside(response.content.decode(), "comment")


def test_save_and_submit_then_the_coordinator_accepts(world, committee, last_month):
    response = world.client("committee").post(form_url(committee, last_month),
                                              {**COUNTS, "action": "submitted"})
    assert response.status_code == 302
    row = MonthlyStatistics.objects.get()
    assert row.state == "submitted"
    page = world.client("coordinator").get(form_url(committee, last_month)).content.decode()
    assert 'value="accepted"' in page and 'name="appeals_total"' not in page
    moved = world.client("coordinator").post(
        reverse("fv_statistics:transition", kwargs={"kind": "committee", "pk": committee.pk,
                                                    "month": last_month}), {"to": "accepted"})
    assert moved.status_code == 302
    row.refresh_from_db()
    assert row.state == "accepted"


def test_a_return_without_a_note_shows_the_error_beside_the_note(world, committee, last_month):
    row, _ = services.statistics_save(actor=world.users["committee"], committee=committee,
                                      month=last_month, counts=COUNTS)
    services.statistics_transition(actor=world.users["committee"], row=row, to="submitted")
    response = world.client("coordinator").post(
        reverse("fv_statistics:transition", kwargs={"kind": "committee", "pk": committee.pk,
                                                    "month": last_month}), {"to": "returned"})
    assert response.status_code == 400
    assert "Напишите, что нужно исправить" in error_beside(response.content.decode(), "note")


def test_the_form_has_numeric_inputs_with_the_total_first(world, committee, last_month):
    html = world.client("committee").get(form_url(committee, last_month)).content.decode()
    assert 'inputmode="numeric"' in html
    assert html.index('name="appeals_total"') < html.index('name="appeals_physical"')
    assert html.index('name="persons_total"') < html.index('name="persons_women"')


def test_the_list_takes_the_same_number_of_queries_whatever_the_rows(
        world, committee, help_service, django_assert_max_num_queries):
    for role in ("coordinator", "committee"):
        client = world.client(role)
        MonthlyStatisticsFactory(committee=committee, month=month_back(30))
        with django_assert_max_num_queries(20) as few:
            client.get(reverse("fv_statistics:list"))
        for months in range(1, 20):
            MonthlyStatisticsFactory(committee=committee, month=month_back(months + 30 * (
                role == "committee")))
        with django_assert_max_num_queries(len(few.captured_queries)):
            client.get(reverse("fv_statistics:list"))
        MonthlyStatistics.objects.all().delete()


@pytest.mark.parametrize("kind,month", [("report", "2026-01"), ("committee", "2026-13"),
                                        ("committee", "январь")])
def test_an_unknown_kind_or_month_is_404(world, committee, kind, month):
    path = reverse("fv_statistics:form", kwargs={"kind": kind, "pk": committee.pk,
                                                 "month": month})
    assert world.client("coordinator").get(path).status_code == 404
