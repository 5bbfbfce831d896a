"""The demo's partners: the organisations of the seeds with their projects, the seeds' meetings and
their agreements, published commitments, and exchange rates to value it all — loaded twice with
no change the second time. One load (the test_loader fixture) serves the module."""

import datetime
import json
from decimal import Decimal

import pytest
from django.db.models import Count
from django.urls import reverse

from tendik.core.models import AuditEntry
from tendik.demo.loader import ORGANISATIONS_FILE
from tendik.demo.partners import RATE_SOURCE, demo_rates, partners_demo_load
from tendik.demo.tests.test_loader import loaded  # noqa: F401 — the module's one demo load
from tendik.demo.timeline import Timeline
from tendik.organisations.models import Organisation, Person, User
from tendik.partners.models import (
    Commitment,
    CommitmentProgress,
    Disbursement,
    Engagement,
    EngagementParticipant,
    ExchangeRate,
    FollowUp,
    Project,
    ProjectBudgetLine,
    ProjectPartner,
)
from tendik.partners.money.funding import plan_funding
from tendik.partners.projects.selectors import projects_visible_to
from tendik.plans.models import Plan

pytestmark = pytest.mark.django_db
SEED_PARTNERS = {"UN Women": ("Страновой офис Структуры «ООН-Женщины» в Кыргызской Республике",
                              "Страновой офис Структуры «ООН-Женщины» в Республике Казахстан"),
                 "EU": ("Представительство Европейского Союза в Кыргызской Республике",),
                 "UNDP": ("Программа развития Организации Объединённых Наций в Кыргызской "
                          "Республике",),
                 "UNFPA": ("Фонд Организации Объединённых Наций в области народонаселения в "
                           "Кыргызской Республике",),
                 "Spotlight": ("Региональная программа Инициативы ЕС–ООН «Луч света» (Spotlight) "
                               "для Центральной",),
                 "ДаткАйым": ("Проект «ДаткАйым — продвигаем гендерное равенство по-новому»",)}


def _counts() -> dict:
    return {model.__name__: model.objects.count() for model in (
        Project, ProjectPartner, ProjectBudgetLine, Disbursement, Engagement,
        EngagementParticipant, FollowUp, Commitment, CommitmentProgress, ExchangeRate)}


def test_every_partner_of_the_seeds_takes_part_in_a_project(loaded):  # noqa: F811
    names = set(ProjectPartner.objects.values_list("organisation__name_ru", flat=True))
    for partner, wanted in SEED_PARTNERS.items():
        for name in wanted:
            assert any(found.startswith(name) for found in names), partner


def test_kyrgyz_projects_run_from_completed_to_pipeline(loaded):  # noqa: F811
    kg = Project.objects.filter(country__code="KG", is_demo=True)
    assert kg.count() >= 5
    statuses = list(kg.values_list("status", flat=True))
    assert statuses.count("completed") == 1 and statuses.count("pipeline") == 1
    assert statuses.count("active") >= 3
    today = loaded["today"]
    assert kg.get(status="completed").period_end < today < kg.get(status="pipeline").period_start
    assert all(p.period_start <= today <= p.period_end for p in kg.filter(status="active"))
    donor_money = kg.filter(budget__currency__in=["USD", "EUR"]).distinct()
    assert donor_money.count() >= 3
    assert kg.filter(budget__currency="KGS", budget__source="republican").exists()
    assert not kg.annotate(n=Count("measures")).filter(n=0).exists()
    assert kg.filter(title_ky="", title_kk="").exclude(title_en="").count() == 1


def test_payments_are_in_the_past_within_each_period(loaded):  # noqa: F811
    payments = Disbursement.objects.select_related("project")
    assert payments.count() > 10
    for payment in payments:
        assert payment.project.period_start <= payment.date <= loaded["today"], payment


def test_the_kazakh_project_is_funded_in_tenge_and_dollars(loaded):  # noqa: F811
    kz = Project.objects.get(country__code="KZ", is_demo=True)
    assert set(kz.budget.values_list("currency", flat=True)) == {"KZT", "USD"}


def test_the_partner_and_the_focal_point_each_see_their_projects(loaded):  # noqa: F811
    assert projects_visible_to(User.objects.get(username="partner")).count() >= 2
    assert projects_visible_to(User.objects.get(username="focal")).exists()


@pytest.mark.parametrize("status, currency, funders", [
    ("in_force", "KGS", ("Европейского Союза", "ООН-Женщины", "Программа развития")),
    ("in_force", "USD", ("Европейского Союза", "ООН-Женщины", "Программа развития")),
    ("in_force", "EUR", ("Европейского Союза",)), ("in_force", "KZT", ("Европейского Союза",)),
    # The completed project's payments go back five years, each valued at its own day's rate.
    ("closed", "KGS", ("Европейского Союза",)), ("closed", "USD", ("Европейского Союза",))])
def test_donor_money_of_a_nap_is_valued_with_no_missing_rate(loaded, status, currency,  # noqa: F811
                                                              funders):
    coordinator = User.objects.get(username="coordinator")
    nap = Plan.objects.get(country__code="KG", kind="nap", status=status)
    figures = plan_funding(coordinator, plan_id=nap.pk, currency=currency)
    assert Decimal(figures["disbursed"]) > 0
    assert Decimal(figures["by_source"]["donor"]) > 0
    names = " ".join(row["name"] for row in figures["by_partner"])
    assert all(funder in names for funder in funders)
    if currency != "KGS":
        assert {rate["currency"] for rate in figures["rates"]} & {"USD", "EUR", "KGS"}


def test_the_seed_meetings_keep_their_participants_positions(loaded):  # noqa: F811
    minister = EngagementParticipant.objects.get(name="Руслан Казакбаев")
    assert minister.position == "Министр иностранных дел Кыргызской Республики"
    assert minister.engagement.participants.filter(name="Улзийсурен Жамсран").exists()
    deputy = EngagementParticipant.objects.get(name="Аида Балаева")
    assert deputy.engagement.country.code == "KZ"
    assert deputy.position.startswith("Заместитель Премьер-министра")
    assert deputy.engagement.participants.filter(name="Джерен Гювен Гюрес").exists()
    for meeting in (minister.engagement, deputy.engagement):
        assert loaded["today"] - datetime.timedelta(days=183) < meeting.date < loaded["today"]
        assert meeting.topic_list and meeting.follow_ups.exists()


def test_the_focal_point_has_agreements_overdue_and_due_soon(loaded):  # noqa: F811
    today = loaded["today"]
    focal = User.objects.get(username="focal")
    pending = FollowUp.objects.filter(owner=focal.organisation, status__in=["open", "in_progress"])
    assert pending.filter(due_date__lt=today).exists()
    assert pending.filter(due_date__gte=today,
                          due_date__lte=today + datetime.timedelta(days=14)).exists()
    done = FollowUp.objects.filter(engagement__country__code="KG", status="done")
    assert done.exists()
    assert all(item.engagement.date <= item.done_on <= item.due_date for item in done)


def test_published_commitments_are_on_the_public_page(loaded, client):  # noqa: F811
    published = Commitment.objects.filter(is_demo=True, published=True)
    assert 2 <= published.count() < Commitment.objects.filter(is_demo=True).count()
    page = client.get(reverse("public_commitments:list"))
    assert page.status_code == 200
    text = page.content.decode()
    assert all(commitment.title_ru in text for commitment in published)
    hidden = Commitment.objects.filter(is_demo=True, published=False)
    assert not any(commitment.title_ru in text for commitment in hidden)
    api = client.get("/api/v1/commitments/").json()
    assert {item["id"] for item in api["results"]} == set(published.values_list("pk", flat=True))


def test_commitments_have_progress_up_to_last_year(loaded):  # noqa: F811
    last_year = loaded["today"].year - 1
    for commitment in Commitment.objects.filter(is_demo=True):
        years = sorted(commitment.progress.values_list("year", flat=True))
        assert years and years[-1] == last_year, commitment
        assert commitment.status == commitment.progress.get(year=last_year).status


def test_rates_cover_six_years_of_business_days_and_say_they_are_not_official(loaded):  # noqa: F811
    today = loaded["today"]
    rates = ExchangeRate.objects.filter(source=RATE_SOURCE)
    pairs = set(rates.values_list("base", "currency").distinct())
    assert pairs == {("KGS", c) for c in ("USD", "EUR", "RUB", "KZT")} | {
        ("KZT", c) for c in ("USD", "EUR", "RUB", "KGS")}
    days = set(rates.values_list("date", flat=True))
    assert all(day.weekday() < 5 for day in days)
    assert min(days) <= today.replace(year=today.year - 6) + datetime.timedelta(days=3)
    assert max(days) >= today - datetime.timedelta(days=3)


def _registry() -> tuple[dict, dict]:
    """The demo's organisations and people by their fixture keys, as the loader passes them."""
    data = json.loads(ORGANISATIONS_FILE.read_text(encoding="utf-8"))
    organisations = {row["key"]: Organisation.objects.get(name_ru=row["name_ru"],
                                                          country__code=row["country"])
                     for row in data["organisations"]}
    people = {row["key"]: Person.objects.get(organisation=organisations[row["organisation"]],
                                             last_name=row["last_name"])
              for row in data["people"]}
    return organisations, people


def test_a_second_load_adds_nothing(loaded):  # noqa: F811
    assert set(loaded["first"]["partners"].values()) != {0}
    nothing = {"exchange_rates": 0, "projects": 0, "engagements": 0, "commitments": 0}
    assert loaded["again"]["partners"] == nothing
    before, audit = _counts(), AuditEntry.objects.count()
    organisations, people = _registry()
    again = partners_demo_load(organisations=organisations, people=people,
                               timeline=Timeline(loaded["today"]))
    assert again == nothing
    assert _counts() == before and AuditEntry.objects.count() == audit


@pytest.mark.parametrize("currency, base, low, high", [
    ("USD", "KGS", 86, 89), ("EUR", "KGS", 94, 102), ("RUB", "KGS", "0.9", "1.15"),
    ("KZT", "KGS", "0.17", "0.19"), ("USD", "KZT", 465, 525)])
def test_generated_rates_stay_in_the_published_ranges(currency, base, low, high):
    rows = [r for r in demo_rates(datetime.date(2026, 12, 4))
            if (r["currency"], r["base"]) == (currency, base)]
    values = [Decimal(r["rate"]) for r in rows]
    assert Decimal(str(low)) <= min(values) and max(values) <= Decimal(str(high))


def test_a_days_rate_does_not_depend_on_the_day_of_loading():
    earlier = {(r["date"], r["base"], r["currency"]): r["rate"]
               for r in demo_rates(datetime.date(2026, 6, 1))}
    later = demo_rates(datetime.date(2026, 12, 4))
    shared = [r for r in later if (r["date"], r["base"], r["currency"]) in earlier]
    assert len(shared) > 1000
    assert all(earlier[(r["date"], r["base"], r["currency"])] == r["rate"] for r in shared)
