import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tendik.partners.models import ExchangeRate

from .scenario import VALUED_ON, build_funding, rates

pytestmark = pytest.mark.django_db
PAGE, RATES = "/funding/", "/funding/rates/"


@pytest.fixture
def scenario(world):
    return build_funding(world)


def _page(world, role="coordinator", **params):
    return world.client(role).get(PAGE, params)


def test_the_urls_are_the_ones_the_tabs_use():
    assert (reverse("funding:plan"), reverse("funding:rates")) == (PAGE, RATES)


def test_the_page_shows_totals_partners_areas_unfunded_measures_and_the_rates(world, scenario):
    response = _page(world, plan=scenario.plan.pk, currency="USD", date="2024-06-28")
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("Финансирование НПД", "По источникам", "республиканский бюджет",
                 "ООН-Женщины", "Европейский союз", "По приоритетным направлениям",
                 "Мероприятия без финансирования",
                 "1&nbsp;USD = 88&nbsp;KGS (28.06.2024)", "1&nbsp;EUR = 95&nbsp;KGS (28.06.2024)",
                 "посчитаны дважды", reverse("plans:measure", args=[scenario.measures[-1].pk]),
                 "/api/v1/analytics/funding/?plan="):
        assert text in html, text
    assert '<svg' in html  # the chart by source


def test_without_parameters_the_first_plan_in_the_countrys_currency_at_todays_rates(
        world, scenario):
    rates(timezone.localdate(), KGS_USD="90", KGS_EUR="99")
    response = _page(world)
    assert response.status_code == 200
    assert response.context["figures"]["currency"] == "KGS"
    assert response.context["figures"]["plan"]["id"] == scenario.plan.pk


def test_a_missing_rate_shows_its_message_with_a_409_not_a_500(world, scenario):
    response = _page(world, plan=scenario.plan.pk, currency="EUR", date="2026-12-03")
    assert response.status_code == 409
    assert "Нет официального курса" in response.content.decode()
    assert "03.12.2026" in response.content.decode()


def test_a_bad_currency_or_date_is_shown_beside_its_field_and_kept(world, scenario):
    response = _page(world, plan=scenario.plan.pk, currency="RUB", date="2024-99-99")
    assert response.status_code == 400
    form = response.context["form"]
    assert set(form.errors) == {"date"}
    response = _page(world, plan=scenario.plan.pk, currency="RUB", date="2024-06-28")
    assert response.status_code == 400
    assert "currency" in response.context["form"].errors
    assert 'value="RUB"' in response.content.decode() or "RUB" in response.content.decode()


def test_a_plan_of_another_country_is_a_404(world, scenario):
    assert _page(world, "coordinator_kz", plan=scenario.plan.pk).status_code == 404


def test_a_user_without_plans_is_told_so(world):
    response = _page(world, "coordinator_kz")
    assert response.status_code == 200 and "Нет планов" in response.content.decode()


def test_the_rates_page_lists_the_latest_rate_of_each_currency(world, scenario):
    rates(VALUED_ON + datetime.timedelta(days=1), KGS_USD="88.1234")
    html = world.client("observer").get(RATES).content.decode()
    assert "USD — Доллар США" in html and "88,1234 KGS" in html and "29.06.2024" in html
    assert "88 KGS" not in html  # the older USD rate is not listed
    assert "Загрузить курсы" not in html  # only coordinators and admins upload


def test_a_coordinator_uploads_a_rate_table(world):
    upload = SimpleUploadedFile("rates.csv", b"date,currency,rate,base\n2026-12-01,USD,87.45,KGS\n")
    client = world.client("coordinator")
    response = client.post(RATES, {"file": upload, "source": "НБКР"})
    assert response.status_code == 302 and response["Location"] == RATES
    assert ExchangeRate.objects.get().source == "НБКР"
    assert "прочитано 1, новых 1" in client.get(RATES).content.decode()


def test_a_bad_row_is_named_beside_the_file_field_and_nothing_is_imported(world):
    upload = SimpleUploadedFile("rates.csv", b"date,currency,rate,base\n2026-12-01,USD,87,KGS\n"
                                             b"2026-12-01,EUR,x,KGS\n")
    response = world.client("admin").post(RATES, {"file": upload, "source": "НБКР"})
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [
        "Строка 3, столбец «rate»: неверное значение «x»"]
    assert 'value="НБКР"' in response.content.decode()
    assert not ExchangeRate.objects.exists()


def test_an_observer_may_not_upload(world):
    upload = SimpleUploadedFile("rates.csv", b"date,currency,rate,base\n2026-12-01,USD,87,KGS\n")
    assert world.client("observer").post(RATES, {"file": upload}).status_code == 403
    assert not ExchangeRate.objects.exists()


def test_the_rates_page_reads_a_fixed_number_of_queries_whatever_the_number_of_rates(
        world, django_assert_max_num_queries):
    client = world.client("coordinator")
    rates(KGS_USD="88")
    with django_assert_max_num_queries(12) as few:
        client.get(RATES)
    for day in range(1, 30):
        rates(VALUED_ON - datetime.timedelta(days=day), KGS_USD="87", KGS_EUR="95", KZT_RUB="6")
    with django_assert_max_num_queries(12) as many:
        assert client.get(RATES).status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)
