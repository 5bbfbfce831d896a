"""The project pages: the list with its filters and totals, the form that keeps what was typed
and shows each error beside its field, the project page and its disbursements."""

import datetime

import pytest
from django.urls import reverse

from tendik.partners.models import Project
from tendik.partners.tests.factories import BudgetLineFactory, ProjectFactory, ProjectPartnerFactory
from tendik.reporting.tests.factories import open_period

from .conftest import make_project

pytestmark = pytest.mark.django_db


def _form(world, donor, **changes) -> dict:
    data = {"title_ru": "Женщины в политике", "country": "KG", "period_start": "2024-01-01",
            "period_end": "2025-12-31", "status": "active",
            "partners-TOTAL_FORMS": "2", "partners-INITIAL_FORMS": "0",
            "partners-0-organisation": str(world.home_org.pk), "partners-0-role": "cso",
            "partners-1-organisation": "", "partners-1-role": "",
            "budget-TOTAL_FORMS": "2", "budget-INITIAL_FORMS": "0",
            "budget-0-year": "2024", "budget-0-amount": "5000", "budget-0-currency": "USD",
            "budget-0-source": "donor", "budget-0-funder": str(donor.pk),
            "budget-0-measure": "",
            "budget-1-year": "", "budget-1-amount": "", "budget-1-currency": "",
            "budget-1-source": "", "budget-1-funder": "", "budget-1-measure": ""}
    data.update(changes)
    return data


def test_the_list_shows_totals_per_currency_and_the_new_project_link(world, donor):
    project = make_project(world, donor)
    response = world.client("coordinator").get(reverse("projects:list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert project.title_ru in html and "100\xa0000,00 USD" in html and "250\xa0000,50 KGS" in html
    assert reverse("projects:add") in html
    assert reverse("projects:add") not in world.client("observer").get(
        reverse("projects:list")).content.decode()


def test_a_bad_amount_keeps_everything_typed_and_shows_the_error_beside_it(world, donor):
    response = world.client("partner").post(reverse("projects:add"),
                                            _form(world, donor, **{"budget-0-amount": "-10"}))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="Женщины в политике"' in html and 'value="-10"' in html
    amount_row = html[html.index('id="id_budget-0-amount"'):]
    assert "Сумма не может быть отрицательной." in amount_row[:600]
    assert not Project.objects.exists()


def test_the_form_creates_the_project_and_goes_to_its_page(world, donor):
    response = world.client("partner").post(reverse("projects:add"), _form(world, donor))
    project = Project.objects.get()
    assert response.status_code == 302 and response.url == reverse("projects:detail",
                                                                     args=[project.pk])
    assert [(line.amount, line.funder) for line in project.budget.all()] == [(5000, donor)]


def test_adding_a_row_saves_nothing_and_keeps_what_was_typed(world, donor):
    response = world.client("coordinator").post(reverse("projects:add"),
                                                _form(world, donor, add_row="budget"))
    assert response.status_code == 200 and not Project.objects.exists()
    assert 'name="budget-2-amount"' in response.content.decode()


def test_a_partner_without_its_organisation_gets_the_error_above_the_partners(world, donor):
    data = _form(world, donor, **{"partners-0-organisation": str(donor.pk)})
    response = world.client("partner").post(reverse("projects:add"), data)
    html = response.content.decode()
    assert response.status_code == 400 and not Project.objects.exists()
    partners = html[html.index('id="partners-rows"'):html.index('id="budget-rows"')]
    assert "Укажите свою организацию среди партнёров проекта." in partners


def test_the_edit_form_keeps_the_version_and_a_stale_one_is_409(world, donor):
    project = make_project(world, donor)
    client = world.client("coordinator")
    response = client.get(reverse("projects:edit", args=[project.pk]))
    assert response.status_code == 200 and 'name="version"' in response.content.decode()
    data = _form(world, donor, version="1", title_ru="Новое название")
    assert client.post(reverse("projects:edit", args=[project.pk]), data).status_code == 302
    assert client.post(reverse("projects:edit", args=[project.pk]), data).status_code == 409


def test_the_project_page_lists_budget_transitions_and_what_partners_reported(world, donor):
    _plan, _period, report, _indicator, _other = open_period(world)
    project = make_project(world, donor)
    from tendik.reporting.models import Activity

    activity = Activity.objects.create(report=report, kind="training", title="Тренинг для судей",
                                       start=datetime.date(2024, 3, 1),
                                       end=datetime.date(2024, 3, 2))
    activity.partners.add(donor)
    html = world.client("coordinator").get(reverse("projects:detail", args=[project.pk])
                                           ).content.decode()
    assert "Тренинг для судей" in html
    assert 'value="suspended"' in html and 'value="pipeline"' not in html
    assert "донорские средства" in html


def test_a_disbursement_beyond_the_budget_shows_its_warning(world, donor):
    project = make_project(world, donor)
    client = world.client("coordinator")
    url = reverse("projects:disbursement_add", args=[project.pk])
    response = client.post(url, {"date": "2024-05-01", "amount": "200000", "currency": "USD"},
                           follow=True)
    assert "сверх бюджета" in response.content.decode()
    response = client.post(url, {"date": "2030-05-01", "amount": "1", "currency": "USD"})
    assert response.status_code == 400 and "Дата вне срока проекта" in response.content.decode()


def test_a_transition_button_moves_the_project(world, donor):
    project = make_project(world, donor)
    response = world.client("coordinator").post(
        reverse("projects:transition", args=[project.pk]), {"to": "completed"})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.status == "completed"


def test_the_list_query_count_does_not_grow_with_projects(world, django_assert_max_num_queries):
    client = world.client("coordinator")

    def add(count):
        for _ in range(count):
            project = ProjectFactory(country=world.kg)
            ProjectPartnerFactory(project=project, organisation=world.home_org)
            BudgetLineFactory(project=project)

    add(2)
    client.get(reverse("projects:list"))
    with django_assert_max_num_queries(30) as few:
        client.get(reverse("projects:list"))
    add(20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse("projects:list")).status_code == 200


def test_saving_the_edit_form_unchanged_keeps_every_row_and_writes_nothing(world, donor):
    project = make_project(world, donor)
    client = world.client("coordinator")
    url = reverse("projects:edit", args=[project.pk])
    form = client.get(url).context
    data = {**{f"{rows.prefix}-{key}": value for rows in (form["partners"], form["budget"])
               for key, value in rows.management_form.initial.items()},
            **{f"{bound.html_name}": bound.value() for bound in form["form"]
               if bound.value() is not None}}
    for rows in (form["partners"], form["budget"]):
        for row in rows:
            data.update({bound.html_name: bound.value() or "" for bound in row})
    assert client.post(url, data).status_code == 302
    project.refresh_from_db()
    assert project.version == 1 and project.budget.count() == 2 and project.partners.count() == 2
