"""The public page: anonymous, the chosen country, level and year, «<5» where hidden, the rule
explained, a link to the same figures as CSV; nothing from forms that are not accepted."""

import pytest

from tendik.committees.tests.factories import MonthlyStatisticsFactory

from .conftest import JAN, SECRET, counts

pytestmark = pytest.mark.django_db
URL = "/portal/family-violence/"


def test_the_page_shows_the_latest_year_by_region_with_hidden_cells(scenario, client):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Чуйская область" in html and "Нарынская область" in html
    assert "&lt;5" in html  # the small February of Naryn
    assert "Январь 2025" in html and "Февраль 2025" in html
    assert str(SECRET) not in html
    assert "/open-data/family-violence.csv?country=KG&amp;level=region&amp;year=2025" in html


def test_the_rule_is_explained_with_the_threshold(scenario, client, settings):
    settings.DISCLOSURE_THRESHOLD = 7
    main = client.get(URL).content.decode().split("<footer")[0]  # the portal's footer is fixed
    assert "Число от 1 до 6" in main and "«&lt;7»" in main
    assert "&lt;5" not in main


def test_the_district_level_shows_merged_small_districts(scenario, client):
    html = client.get(URL, {"level": "district", "country": "KG"}).content.decode()
    assert "другие районы: Чуйская область" in html
    assert "Район 2" not in html and "Район 1" in html


def test_a_year_without_forms_says_so(scenario, client):
    MonthlyStatisticsFactory(committee__country=scenario.kg, committee__territory=scenario.d1,
                             month=JAN.replace(year=2023), state="accepted", **counts(9))
    html = client.get(URL, {"year": "2024"}).content.decode()
    assert "За выбранный год принятых отчётов нет." in html
    assert '<option value="2024" selected>' in html


def test_a_bad_choice_re_renders_the_form_with_the_error_beside_its_field(scenario, client):
    response = client.get(URL, {"level": "municipality"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="field-error"' in html and "errorlist" in html


def test_the_portal_navigation_links_to_the_page(scenario, client):
    assert 'href="/portal/family-violence/"' in client.get("/portal/").content.decode()


def test_query_count_does_not_grow_with_the_number_of_forms(scenario, client,
                                                            django_assert_max_num_queries):
    with django_assert_max_num_queries(10) as before:
        client.get(URL, {"level": "district"})
    for month in range(1, 13):
        MonthlyStatisticsFactory(committee__country=scenario.kg,
                                 committee__territory=scenario.d3,
                                 month=JAN.replace(month=month), state="accepted",
                                 **counts(month + 5))
    with django_assert_max_num_queries(len(before.captured_queries)):
        assert client.get(URL, {"level": "district"}).status_code == 200


def test_a_form_accepted_or_reopened_changes_the_page_at_once(scenario, client):
    from tendik.committees.models import MonthlyStatistics

    before = client.get(URL).content.decode()
    assert ">40<" in before  # Chui in January: 20 + 10 + 3 + 7
    draft = MonthlyStatistics.objects.get(state="draft")
    MonthlyStatistics.objects.filter(pk=draft.pk).update(
        state="accepted", month=JAN, **counts(60))
    draft.refresh_from_db()
    draft.save()  # bumps updated_at, as every service write does
    assert ">100<" in client.get(URL).content.decode()
    draft.state = "returned"
    draft.save()
    assert ">40<" in client.get(URL).content.decode()
